// SPDX-License-Identifier: GPL-2.0-only
/*
 * TRANS2_OPEN2 (MS-CIFS 2.2.6.1, 3.3.5.58.1): OPEN_ANDX's open (DOS access
 * and sharing modes, OpenMode, AllocationSize) through the one open path
 * (fs/open.c), with an SMB_FEA_LIST of extended attributes for the file.
 *
 * As with NT_TRANSACT_CREATE, the EA list is checked before anything is
 * opened and set only on a file the open made (created or truncated);
 * opening an existing file leaves its EAs alone. If setting them fails
 * the open is closed again and the status goes with the entry's
 * ExtendedAttributeErrorOffset. OpenMode "fail if it exists, fail if it
 * does not" opens nothing: STATUS_OBJECT_NAME_COLLISION or
 * STATUS_OBJECT_NAME_NOT_FOUND, as the name exists or not (Windows answers
 * the first for an existing file: smbtorture raw.open t2open). No oplock
 * is granted; the request's CreationTime is not applied (the file gets
 * the creation time Linux gives it), and Timeout is ignored as Windows
 * does.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/ea.h"
#include "fs/fid.h"
#include "fs/file_pdu.h"
#include "fs/fileinfo.h"
#include "fs/open.h"
#include "fs/path.h"
#include "fs/session.h"
#include "fs/smb1pdu.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/tree.h"
#include "fs/vfs.h"

/* Response parameters; where ExtendedAttributeErrorOffset is in them */
#define T2OPEN_RSP_PARAMS	30
#define T2OPEN_RSP_EA_OFF	24

/**
 * kcifsd_t2open_decode() - the parameters of a TRANS2_OPEN2 request
 * @p: Trans2_Parameters
 * @len: their length
 * @r: filled in
 *
 * The 28 bytes before FileName (2.2.6.1.1): Flags, AccessMode (decoded
 * by kcifsd_dos_access()), Reserved1, FileAttributes, CreationTime,
 * OpenMode (kcifsd_dos_open_disposition(), but for "fail either way",
 * which sets @r->probe), AllocationSize, Reserved.
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER if @len cannot hold
 * them, or STATUS_OS2_INVALID_ACCESS for an undefined AccessMode or
 * OpenMode.
 */
u32 kcifsd_t2open_decode(const u8 *p, u32 len, struct kcifsd_t2open_req *r)
{
	u16 open_mode;
	u32 status;

	memset(r, 0, sizeof(*r));
	if (len < KCIFSD_T2OPEN_NAME_OFF)
		return STATUS_INVALID_PARAMETER;
	r->flags = get_unaligned_le16(p);
	r->mode = get_unaligned_le16(p + 2);
	r->args.attrs = get_unaligned_le16(p + 6);
	open_mode = get_unaligned_le16(p + 12);
	r->alloc = get_unaligned_le32(p + 14);

	status = kcifsd_dos_access(r->mode, &r->args.desired, &r->args.share,
				   &r->args.compat);
	if (status)
		return status;
	/* Bits other than FileExistsOpts and CreateFile MUST be ignored. */
	open_mode &= 0x13;
	if (!open_mode) {
		r->probe = true;
		return STATUS_SUCCESS;
	}
	status = kcifsd_dos_open_disposition(open_mode, &r->args.disposition);
	if (status)
		return status;
	r->args.options = FILE_NON_DIRECTORY_FILE;
	r->args.write_through = r->mode & DOS_ACCESS_WRITE_THROUGH;
	return STATUS_SUCCESS;
}

/* "Fail if it exists, fail if it does not": which failure it is. */
static u32 t2open_probe(struct kcifsd_tree *tree, const char *name)
{
	struct path path;
	u32 status;

	status = kcifsd_vfs_lookup(tree, name, 0, &path);
	if (status)
		return status;
	path_put(&path);
	return STATUS_OBJECT_NAME_COLLISION;
}

/* An EA list refused: the status, with the response carrying the offset. */
static u32 t2open_ea_error(struct kcifsd_trans *t, u32 status, u32 off)
{
	u8 *p = kcifsd_trans_rsp_param(t, T2OPEN_RSP_PARAMS);

	if (p)
		put_unaligned_le16(min_t(u32, off, U16_MAX),
				   p + T2OPEN_RSP_EA_OFF);
	return status;
}

/* The 30 response parameter bytes (2.2.6.1.2) */
static u32 t2open_reply(struct kcifsd_trans *t,
			const struct kcifsd_t2open_req *r,
			const struct kcifsd_open_result *res)
{
	struct timespec64 create = kcifsd_filetime_to_ts(res->da.create_time);
	u8 *p = kcifsd_trans_rsp_param(t, T2OPEN_RSP_PARAMS);
	u16 action;

	if (!p)
		return STATUS_INSUFF_SERVER_RESOURCES;
	action = res->action == KCIFSD_ACT_CREATED ? OPEN_RESULT_CREATED :
		 res->action == KCIFSD_ACT_OPENED ? OPEN_RESULT_OPENED :
		 OPEN_RESULT_TRUNCATED;
	put_unaligned_le16(res->op->fid, p);
	put_unaligned_le16(res->da.attrs & 0x3f, p + 2);
	put_unaligned_le32(kcifsd_utime(&create), p + 4);
	put_unaligned_le32(min_t(u64, res->st.size, U32_MAX), p + 8);
	put_unaligned_le16((r->mode & ~0x7) |
			   kcifsd_open_dos_rights(res->op->access), p + 12);
	put_unaligned_le16(FILE_TYPE_DISK, p + 14);
	/* NMPipeStatus (16), Reserved (20), EA error offset (24): 0 */
	put_unaligned_le16(action, p + 18);
	if (r->flags & T2OPEN_REQ_EASIZE)
		put_unaligned_le32(kcifsd_ea_size(&res->op->file->f_path),
				   p + 26);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_trans2_open2() - TRANS2_OPEN2
 * @req: the request
 * @t: the transaction; parameters as kcifsd_t2open_decode() reads them,
 *	then FileName; data: an SMB_FEA_LIST for the file
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_trans2_open2(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	struct kcifsd_open_result res = {};
	struct kcifsd_t2open_req r;
	struct kcifsd_smb_path name;
	struct kcifsd_t2_obj obj;
	u32 status, off = 0;
	bool eas;

	status = kcifsd_t2open_decode(t->param, t->param_count, &r);
	if (status)
		return status;
	/* The response must fit what the client takes (3.3.5.58.1). */
	if (t->max_param < T2OPEN_RSP_PARAMS)
		return STATUS_INVALID_SMB;
	eas = !kcifsd_ea_list_empty(KCIFSD_EA_FEA, t->data, t->data_count);
	if (eas) {
		status = kcifsd_ea_check_list(KCIFSD_EA_FEA, t->data,
					      t->data_count, &off);
		if (status)
			return t2open_ea_error(t, status, off);
	}
	status = kcifsd_t2_obj_tree(req, &obj);
	if (status)
		goto out;
	status = kcifsd_path_decode(t->param, KCIFSD_T2OPEN_NAME_OFF,
				    t->param_count,
				    req->flags2 & SMB_FLAGS2_UNICODE, 0,
				    &name, NULL);
	if (status)
		goto out;
	if (r.probe) {
		status = t2open_probe(obj.tree, name.name);
		goto out_name;
	}
	r.args.name = name.name;
	status = kcifsd_open_file(req, obj.tree, &r.args, &res);
	if (status)
		goto out_name;
	status = kcifsd_open_set_size(&res, r.alloc);
	if (!status && eas && res.action != KCIFSD_ACT_OPENED) {
		status = kcifsd_ea_set(obj.tree, &res.op->file->f_path,
				       KCIFSD_EA_FEA, t->data, t->data_count,
				       &off);
		if (status) {
			pr_debug_ratelimited("TRANS2_OPEN2: EAs not set: status 0x%08x\n",
					     status);
			kcifsd_open_abandon(&res);
			status = t2open_ea_error(t, status, off);
			goto out_name;
		}
	}
	if (!status)
		status = t2open_reply(t, &r, &res);
	if (status)
		kcifsd_open_abandon(&res);
	kcifsd_open_put(res.op);
out_name:
	kcifsd_path_free(&name);
out:
	kcifsd_t2_obj_put(&obj);
	return status;
}
