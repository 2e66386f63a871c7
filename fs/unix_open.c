// SPDX-License-Identifier: GPL-2.0-only
/*
 * The POSIX path operations of the CIFS UNIX extensions, levels of
 * TRANS2_SET_PATH_INFORMATION that the Linux cifs client uses for open,
 * create, mkdir and unlink on a unix mount once the server offers
 * CIFS_UNIX_POSIX_PATH_OPS_CAP:
 *
 * - SMB_POSIX_PATH_OPEN (0x209): open(2) by name. The flags become an
 *   open of fs/open.c's one open path (kcifsd_open_file()), so the access
 *   checks, sharing state, FID table and credentials are those of
 *   NT_CREATE_ANDX; the sharing mode is POSIX's, share everything. The
 *   reply carries the FID and FILE_UNIX_BASIC_INFO of the object.
 * - SMB_POSIX_PATH_UNLINK (0x20A): unlink(2) or rmdir(2) of the name
 *   itself, a final symlink not followed (fs/namespace.c).
 *
 * The structures are fs/unix_info.c's.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/path.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/fid.h"
#include "fs/namespace.h"
#include "fs/ntstatus.h"
#include "fs/open.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/tree.h"
#include "fs/unix_info.h"

/*
 * The reply: EaErrorOffset, then the header and the level asked for.
 * @fid is 0 when no FID is kept.
 */
static u32 posix_open_reply(struct kcifsd_trans *t,
			    const struct kcifsd_posix_open *po,
			    const struct kcifsd_open_result *res, u16 fid)
{
	bool basic = po->reply_level == SMB_QUERY_FILE_UNIX_BASIC;
	u8 *p;

	p = kcifsd_trans_rsp_data(t, POSIX_OPEN_RSP_SIZE +
				  (basic ? UNIX_BASIC_SIZE : 0));
	if (!p)
		return t->max_data < POSIX_OPEN_RSP_SIZE ?
		       STATUS_BUFFER_TOO_SMALL : STATUS_INSUFF_SERVER_RESOURCES;
	p += kcifsd_put_posix_open_rsp(p, fid, res->action, po->reply_level);
	if (basic)
		kcifsd_put_unix_basic(p, &res->st);
	return kcifsd_t2_ea_offset(t);
}

/**
 * kcifsd_unix_posix_open() - SMB_POSIX_PATH_OPEN
 * @req: the request
 * @obj: the tree and the name (its lookup, if any, is not used: the open
 *	looks the name up as its flags say)
 * @t: the transaction; data: the request (fs/unix_info.c)
 *
 * O_DIRECTORY | O_CREAT makes a directory (mkdir(2): an existing name is
 * STATUS_OBJECT_NAME_COLLISION) and keeps no FID: the reply's Fid is 0,
 * as the Linux client's mkdir expects (it never closes one). Every other
 * open keeps its FID until the client closes it. A FIFO, socket, device
 * or (with O_NOFOLLOW) symlink is refused as by NT_CREATE_ANDX: opening
 * one would block a worker or reach a device.
 *
 * Return: STATUS_SUCCESS or the status of the decoding or the open.
 */
u32 kcifsd_unix_posix_open(struct kcifsd_smb_req *req,
			   struct kcifsd_t2_obj *obj, struct kcifsd_trans *t)
{
	struct kcifsd_open_args args = {};
	struct kcifsd_open_result res = {};
	struct kcifsd_posix_open po;
	u32 status;
	u16 fid;

	if (kcifsd_posix_open_decode(t->data, t->data_count, &po)) {
		pr_debug_ratelimited("SMB_POSIX_PATH_OPEN: bad request\n");
		return STATUS_INVALID_PARAMETER;
	}
	args.name = obj->name;
	args.desired = po.desired;
	args.share = FILE_SHARE_ALL;
	args.disposition = po.disposition;
	args.options = po.options;
	args.write_through = po.sync;
	args.posix = true;
	args.mode = po.mode;
	args.nofollow = po.nofollow;
	status = kcifsd_open_file(req, obj->tree, &args, &res);
	if (status)
		return status;
	fid = res.op->fid;
	if (po.mkdir) {
		kcifsd_fid_close(res.op);
		fid = 0;
	}
	status = posix_open_reply(t, &po, &res, fid);
	if (status && !po.mkdir)
		kcifsd_fid_close(res.op);
	kcifsd_open_put(res.op);
	return status;
}

/**
 * kcifsd_unix_posix_unlink() - SMB_POSIX_PATH_UNLINK
 * @obj: the object, looked up without following a final symlink
 * @t: the transaction; data: Type (2), SMB_POSIX_UNLINK_FILE or
 *	SMB_POSIX_UNLINK_DIRECTORY
 *
 * Return: STATUS_SUCCESS or an error status (kcifsd_ns_unlink()).
 */
u32 kcifsd_unix_posix_unlink(struct kcifsd_t2_obj *obj,
			     const struct kcifsd_trans *t)
{
	u16 type;

	if (t->data_count < POSIX_UNLINK_REQ_SIZE)
		return STATUS_INVALID_PARAMETER;
	type = get_unaligned_le16(t->data);
	if (type != SMB_POSIX_UNLINK_FILE && type != SMB_POSIX_UNLINK_DIRECTORY)
		return STATUS_INVALID_PARAMETER;
	return kcifsd_ns_unlink(obj->tree, &obj->path,
				type == SMB_POSIX_UNLINK_DIRECTORY);
}
