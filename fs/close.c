// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ending and flushing opens: CLOSE (MS-CIFS 2.2.4.5, 3.3.5.9), FLUSH
 * (2.2.4.6, 3.3.5.11) and PROCESS_EXIT (2.2.4.18, 3.3.5.16). What closing
 * an open does to the file (sharing, delete-on-close) is fs/fid.c's.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/fs.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/fid.h"
#include "fs/file_pdu.h"
#include "fs/fileinfo.h"
#include "fs/open.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/vfs.h"
#include "net/connection.h"

/* LastTimeModified values that leave the time alone (MS-CIFS 2.2.4.5.1). */
#define UTIME_LEAVE_0	0
#define UTIME_LEAVE_1	0xFFFFFFFF

/**
 * kcifsd_close_set_mtime() - the last write time a closing open sets
 * @op: the open (CLOSE's LastTimeModified, WRITE_AND_CLOSE's
 *	LastWriteTime)
 * @utime: the time; 0 means now
 *
 * Only if the open may write (MS-CIFS 3.3.5.9). The kernel lets only the
 * owner set explicit times; a writer that is not the owner gets its close
 * anyway: "failure to set the time MUST NOT result in an error response"
 * (MS-CIFS 2.2.4.40.1).
 */
void kcifsd_close_set_mtime(struct kcifsd_open *op, u32 utime)
{
	struct iattr attr = {
		.ia_valid = ATTR_MTIME | ATTR_CTIME,
	};
	u32 status;

	if (utime) {
		attr.ia_valid |= ATTR_MTIME_SET;
		attr.ia_mtime = kcifsd_utime_to_ts(utime);
	}

	if (!(op->access & (KCIFSD_ACCESS_WRITE | FILE_WRITE_ATTRIBUTES)))
		return;
	status = kcifsd_vfs_setattr(op->tree, &op->file->f_path, &attr);
	if (status)
		pr_debug("close of \"%s\": last write time not set: 0x%08x\n",
			 op->name, status);
}

/**
 * kcifsd_smb_close() - SMB_COM_CLOSE handler
 * @req: the request
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_close(struct kcifsd_smb_req *req)
{
	const struct smb1_close_req *w = (const void *)req->words;
	u32 utime = get_unaligned_le32(&w->last_time_modified);
	struct kcifsd_open *op;
	u32 status;

	status = kcifsd_fid_get(req, get_unaligned_le16(&w->fid), &op);
	if (status)
		return status;
	if (utime != UTIME_LEAVE_0 && utime != UTIME_LEAVE_1 && !op->is_dir)
		kcifsd_close_set_mtime(op, utime);
	if (!kcifsd_fid_close(op))
		status = STATUS_INVALID_HANDLE;	/* closed by a racing request */
	kcifsd_open_put(op);
	if (status)
		return status;
	return kcifsd_smb_rsp_block(req, 0, 0) ? STATUS_SUCCESS :
						  STATUS_INSUFF_SERVER_RESOURCES;
}

struct flush_ctx {
	u16 uid;
	u32 pid;
	u32 status;
};

static bool flush_one(struct kcifsd_open *op, void *priv)
{
	struct flush_ctx *ctx = priv;
	u32 status;

	if (op->uid != ctx->uid || op->pid != ctx->pid || op->is_dir ||
	    !(op->access & KCIFSD_ACCESS_WRITE))
		return false;
	status = kcifsd_vfs_fsync(op->file);
	if (status && !ctx->status)
		ctx->status = status;
	return true;
}

/**
 * kcifsd_smb_flush() - SMB_COM_FLUSH handler
 * @req: the request
 *
 * One FID, or 0xFFFF for every file the PID has open on the connection
 * (MS-CIFS 2.2.4.6.1). Only opens that can write have anything to flush.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_flush(struct kcifsd_smb_req *req)
{
	const struct smb1_flush_req *w = (const void *)req->words;
	u16 fid = get_unaligned_le16(&w->fid);
	struct flush_ctx ctx = { .uid = req->uid, .pid = req->pid };
	struct kcifsd_open *op;
	u32 status;

	if (fid == KCIFSD_FID_ALL) {
		kcifsd_fid_for_each(req->sc, flush_one, &ctx);
		status = ctx.status;
	} else {
		status = kcifsd_fid_get(req, fid, &op);
		if (status)
			return status;
		if (!op->is_dir && (op->access & KCIFSD_ACCESS_WRITE))
			status = kcifsd_vfs_fsync(op->file);
		kcifsd_open_put(op);
	}
	if (status)
		return status;
	return kcifsd_smb_rsp_block(req, 0, 0) ? STATUS_SUCCESS :
						  STATUS_INSUFF_SERVER_RESOURCES;
}

static bool exit_match(struct kcifsd_open *op, void *priv)
{
	const struct flush_ctx *ctx = priv;

	return op->uid == ctx->uid && op->pid == ctx->pid;
}

/**
 * kcifsd_smb_process_exit() - SMB_COM_PROCESS_EXIT handler
 * @req: the request
 *
 * Closes every open the PID made under the session (MS-CIFS 3.3.5.16);
 * its searches are the search code's to close.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_process_exit(struct kcifsd_smb_req *req)
{
	struct flush_ctx ctx = { .uid = req->uid, .pid = req->pid };

	kcifsd_fid_close_match(req->sc, exit_match, &ctx);
	return kcifsd_smb_rsp_block(req, 0, 0) ? STATUS_SUCCESS :
						  STATUS_INSUFF_SERVER_RESOURCES;
}
