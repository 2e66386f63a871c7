// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB_COM_NT_TRANSACT (MS-CIFS 2.2.4.62, 3.3.5.59): the subcommand
 * picked from Function, and NT_TRANSACT_CREATE (2.2.7.1), the
 * NT_CREATE_ANDX open (fs/open.c) with an EA list for the new file.
 *
 * NT_TRANSACT_IOCTL is fs/fsctl.c's (FSCTL_SET_SPARSE; every other
 * control refused there).
 *
 * Not supported, each answered with a logged status: security
 * descriptors (NT_TRANSACT_QUERY/SET_SECURITY_DESC, and one sent with
 * NT_TRANSACT_CREATE: Linux permissions are not NT ACLs and are not
 * faked) and NT_TRANSACT_NOTIFY_CHANGE (no change notification): all
 * STATUS_NOT_SUPPORTED. NT_TRANSACT_RENAME was never implemented by
 * anyone: STATUS_SMB_BAD_COMMAND as 2.2.7.5 requires.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/ea.h"
#include "fs/fid.h"
#include "fs/file_pdu.h"
#include "fs/fileinfo.h"
#include "fs/fsctl.h"
#include "fs/nttrans.h"
#include "fs/open.h"
#include "fs/path.h"
#include "fs/session.h"
#include "fs/smb_req.h"
#include "fs/transaction.h"
#include "fs/tree.h"
#include "net/connection.h"

/* NT_TRANSACT_CREATE parameters before Name (2.2.7.1.1), response size */
#define NTCREATE_NAME_OFF	53
#define NTCREATE_RSP_PARAMS	69

/**
 * struct ntcreate_req - an NT_TRANSACT_CREATE request, decoded
 * @flags: Flags (NT_CREATE_*)
 * @root_fid: RootDirectoryFID
 * @sd_len: SecurityDescriptorLength
 * @ea: the FILE_FULL_EA_INFORMATION list, after the security descriptor
 * @ea_len: EALength
 * @args: what fs/open.c is asked for
 */
struct ntcreate_req {
	u32 flags;
	u32 root_fid;
	u32 sd_len;
	const u8 *ea;
	u32 ea_len;
	struct kcifsd_open_args args;
};

static u32 ntcreate_decode(const struct kcifsd_trans *t,
			   struct ntcreate_req *r)
{
	const u8 *p = t->param;

	if (t->param_count < NTCREATE_NAME_OFF)
		return STATUS_INVALID_PARAMETER;
	/* The response must fit what the client takes (3.3.5.59.1). */
	if (t->max_param < NTCREATE_RSP_PARAMS)
		return STATUS_INVALID_SMB;
	r->flags = get_unaligned_le32(p);
	r->root_fid = get_unaligned_le32(p + 4);
	r->args.desired = get_unaligned_le32(p + 8);
	/* AllocationSize (p + 12) is a hint NT_CREATE_ANDX ignores too */
	r->args.attrs = get_unaligned_le32(p + 20);
	r->args.share = get_unaligned_le32(p + 24);
	r->args.disposition = get_unaligned_le32(p + 28);
	r->args.options = get_unaligned_le32(p + 32);
	r->sd_len = get_unaligned_le32(p + 36);
	r->ea_len = get_unaligned_le32(p + 40);
	/* NameLength (p + 44): the name is read up to its end instead */
	if (get_unaligned_le32(p + 48) > SEC_IMPERSONATE)
		return STATUS_BAD_IMPERSONATION_LEVEL;
	if (r->sd_len > t->data_count ||
	    r->ea_len > t->data_count - r->sd_len)
		return STATUS_INVALID_PARAMETER;
	r->ea = t->data + r->sd_len;
	if (r->flags & NT_CREATE_OPEN_TARGET_DIR)
		r->args.options = (r->args.options & ~FILE_NON_DIRECTORY_FILE) |
				  FILE_DIRECTORY_FILE;
	return STATUS_SUCCESS;
}

/* The 69 response parameter bytes (2.2.7.1.2) */
static u32 ntcreate_reply(struct kcifsd_trans *t,
			  const struct kcifsd_open_result *res, u32 ea_off)
{
	struct kcifsd_times times;
	u8 *p = kcifsd_trans_rsp_param(t, NTCREATE_RSP_PARAMS);

	if (!p)
		return STATUS_INSUFF_SERVER_RESOURCES;
	kcifsd_stat_times(&res->st, &times);
	p[0] = 0;	/* no oplock */
	put_unaligned_le16(res->op->fid, p + 2);
	put_unaligned_le32(res->action, p + 4);
	put_unaligned_le32(ea_off, p + 8);
	put_unaligned_le64(res->da.create_time, p + 12);
	put_unaligned_le64(times.access, p + 20);
	put_unaligned_le64(times.write, p + 28);
	put_unaligned_le64(res->da.change_time, p + 36);
	put_unaligned_le32(res->da.attrs, p + 44);
	put_unaligned_le64(kcifsd_stat_alloc(&res->st), p + 48);
	put_unaligned_le64(kcifsd_stat_eof(&res->st), p + 56);
	put_unaligned_le16(FILE_TYPE_DISK, p + 64);
	put_unaligned_le16(0, p + 66);
	p[68] = res->op->is_dir;
	return STATUS_SUCCESS;
}

/*
 * The EA list goes on a file this open made (created, superseded or
 * overwritten); opening an existing file leaves its EAs alone, as
 * Windows does. A failure here still answers with the open's response
 * and the EA's offset (3.3.5.59.1).
 */
static u32 ntcreate_eas(struct kcifsd_tree *tree, const struct ntcreate_req *r,
			const struct kcifsd_open_result *res, u32 *ea_off)
{
	*ea_off = 0;
	if (!r->ea_len || res->action == KCIFSD_ACT_OPENED)
		return STATUS_SUCCESS;
	return kcifsd_ea_set(tree, &res->op->file->f_path, KCIFSD_EA_FULL,
			     r->ea, r->ea_len, ea_off);
}

/**
 * nttrans_create() - NT_TRANSACT_CREATE
 * @req: the request
 * @t: the transaction
 *
 * As NT_CREATE_ANDX (fs/open.c), and the EA list is checked before
 * anything is opened (a bad name: STATUS_INVALID_EA_NAME, no file made).
 * A security descriptor is refused (STATUS_NOT_SUPPORTED) rather than
 * dropped: there is no honest mapping of NT ACLs to Linux permissions
 * here.
 *
 * Return: an NTSTATUS (fs/transaction.h).
 */
static u32 nttrans_create(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	struct kcifsd_open_result res = {};
	struct kcifsd_smb_path path;
	struct kcifsd_session *sess;
	struct kcifsd_tree *tree;
	struct ntcreate_req r = {};
	u32 status, ea_status, ea_off;

	status = ntcreate_decode(t, &r);
	if (status)
		return status;
	if (r.sd_len) {
		pr_info_ratelimited("%pISc: NT_TRANSACT_CREATE with a security descriptor: not supported\n",
				    &req->conn->peer);
		return STATUS_NOT_SUPPORTED;
	}
	status = kcifsd_ea_check_list(KCIFSD_EA_FULL, r.ea, r.ea_len, &ea_off);
	if (status) {
		pr_debug_ratelimited("NT_TRANSACT_CREATE: EA list refused at %u: status 0x%08x\n",
				     ea_off, status);
		/*
		 * STATUS_INVALID_EA_NAME and STATUS_EA_LIST_INCONSISTENT are
		 * warnings: clients then parse an NT_TRANSACT response, so
		 * one goes, empty (nothing was opened).
		 */
		if (!NT_STATUS_IS_ERROR(status) && !kcifsd_trans_rsp_param(t, 0))
			return STATUS_INSUFF_SERVER_RESOURCES;
		return status;
	}
	status = kcifsd_path_decode(t->param, NTCREATE_NAME_OFF,
				    t->param_count, t->unicode, 0, &path, NULL);
	if (status)
		return status;
	status = kcifsd_nt_create_name(req, r.root_fid, r.flags, &path);
	if (status)
		goto out_path;
	status = kcifsd_tree_get_req(req, &sess, &tree);
	if (status)
		goto out_path;

	r.args.name = path.name;
	status = kcifsd_open_file(req, tree, &r.args, &res);
	if (status)
		goto out_tree;
	ea_status = ntcreate_eas(tree, &r, &res, &ea_off);
	status = ntcreate_reply(t, &res, ea_off);
	if (status) {
		kcifsd_fid_close(res.op);
	} else if (ea_status) {
		pr_debug_ratelimited("NT_TRANSACT_CREATE: EAs not set: status 0x%08x\n",
				     ea_status);
		status = ea_status;
	}
	kcifsd_open_put(res.op);
out_tree:
	kcifsd_tree_put(tree);
	kcifsd_session_put(sess);
out_path:
	kcifsd_path_free(&path);
	return status;
}

static u32 nttrans_run(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	switch (t->function) {
	case NT_TRANSACT_CREATE:
		return nttrans_create(req, t);
	case NT_TRANSACT_IOCTL:
		return kcifsd_nttrans_ioctl(req, t);
	case NT_TRANSACT_SET_SECURITY_DESC:
	case NT_TRANSACT_NOTIFY_CHANGE:
	case NT_TRANSACT_QUERY_SECURITY_DESC:
		pr_info_ratelimited("%pISc: NT_TRANSACT function %u: not supported\n",
				    &req->conn->peer, t->function);
		return STATUS_NOT_SUPPORTED;
	case NT_TRANSACT_RENAME:
		/* Reserved, never implemented (2.2.7.5) */
		pr_debug_ratelimited("NT_TRANSACT_RENAME: bad command\n");
		return STATUS_SMB_BAD_COMMAND;
	}
	pr_debug_ratelimited("NT_TRANSACT function 0x%04x: not implemented\n",
			     t->function);
	return STATUS_NOT_IMPLEMENTED;
}

/**
 * kcifsd_smb_nt_transact() - SMB_COM_NT_TRANSACT handler
 * @req: the request; the dispatcher checked the UID and TID
 *
 * Return: an NTSTATUS (fs/smb_req.h).
 */
u32 kcifsd_smb_nt_transact(struct kcifsd_smb_req *req)
{
	return kcifsd_trans_primary(req, nttrans_run);
}
