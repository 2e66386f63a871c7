// SPDX-License-Identifier: GPL-2.0-only
/*
 * The LAN Manager attribute commands by FID: QUERY_INFORMATION2 (MS-CIFS
 * 2.2.4.31) and SET_INFORMATION2 (2.2.4.30). Times are SMB_DATE/SMB_TIME
 * pairs in the server's time zone (fs/infolevel.c); the reply of
 * QUERY_INFORMATION2 is the fixed part of SMB_INFO_STANDARD.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/fs.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/dosattr.h"
#include "fs/fid.h"
#include "fs/fileinfo.h"
#include "fs/infolevel.h"
#include "fs/namespace.h"
#include "fs/smb_req.h"
#include "fs/tree.h"
#include "fs/vfs.h"

/* QUERY_INFORMATION2 response: 11 words (2.2.4.31.2) */
#define QINFO2_WORDS	11

/**
 * struct smb1_set_info2_req - SMB_COM_SET_INFORMATION2 request Words,
 *	WordCount 7 (MS-CIFS 2.2.4.30.1)
 * @fid: the FID
 * @create_date: CreateDate
 * @create_time: CreateTime
 * @access_date: LastAccessDate
 * @access_time: LastAccessTime
 * @write_date: LastWriteDate
 * @write_time: LastWriteTime
 *
 * A date and time of 0 leave that time alone.
 */
struct smb1_set_info2_req {
	__le16 fid;
	__le16 create_date;
	__le16 create_time;
	__le16 access_date;
	__le16 access_time;
	__le16 write_date;
	__le16 write_time;
} __packed;

static_assert(sizeof(struct smb1_set_info2_req) == 7 * 2);

/**
 * kcifsd_smb_query_information2() - SMB_COM_QUERY_INFORMATION2 handler
 * @req: the request (Words: the FID)
 *
 * Times, 32-bit FileDataSize and FileAllocationSize, SMB_FILE_ATTRIBUTES.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_query_information2(struct kcifsd_smb_req *req)
{
	struct kcifsd_info info;
	struct kcifsd_open *op;
	u8 *rsp;
	u32 status;

	status = kcifsd_fid_get(req, get_unaligned_le16(req->words), &op);
	if (status)
		return status;
	if (!(op->access & FILE_READ_ATTRIBUTES))
		status = STATUS_ACCESS_DENIED;
	else
		status = kcifsd_info_get(op->tree, &op->file->f_path, &info);
	kcifsd_open_put(op);
	if (status)
		return status;
	rsp = kcifsd_smb_rsp_block(req, QINFO2_WORDS, 0);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	kcifsd_put_info_standard(rsp, &info);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_set_information2() - SMB_COM_SET_INFORMATION2 handler
 * @req: the request
 *
 * Sets the creation (fs/dosattr.c), last access and last write times of
 * an open file; the open needs FILE_WRITE_ATTRIBUTES, and explicit times
 * the owner (as utimensat(2)).
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_set_information2(struct kcifsd_smb_req *req)
{
	const struct smb1_set_info2_req *w = (const void *)req->words;
	struct iattr ia = {};
	struct kcifsd_open *op;
	struct kstat st;
	u64 create, access, write;
	u32 status;

	create = kcifsd_smb_datetime_to_filetime(
			get_unaligned_le16(&w->create_date),
			get_unaligned_le16(&w->create_time));
	access = kcifsd_smb_datetime_to_filetime(
			get_unaligned_le16(&w->access_date),
			get_unaligned_le16(&w->access_time));
	write = kcifsd_smb_datetime_to_filetime(
			get_unaligned_le16(&w->write_date),
			get_unaligned_le16(&w->write_time));

	status = kcifsd_fid_get(req, get_unaligned_le16(&w->fid), &op);
	if (status)
		return status;
	if (!(op->access & FILE_WRITE_ATTRIBUTES) || op->tree->read_only) {
		status = STATUS_ACCESS_DENIED;
		goto out;
	}
	if (access) {
		ia.ia_valid |= ATTR_ATIME | ATTR_ATIME_SET;
		ia.ia_atime = kcifsd_filetime_to_ts(access);
	}
	if (write) {
		ia.ia_valid |= ATTR_MTIME | ATTR_MTIME_SET;
		ia.ia_mtime = kcifsd_filetime_to_ts(write);
	}
	if (ia.ia_valid) {
		status = kcifsd_vfs_setattr(op->tree, &op->file->f_path, &ia);
		if (status)
			goto out;
	}
	if (create) {
		status = kcifsd_vfs_getattr(op->tree, &op->file->f_path, &st);
		if (!status)
			status = kcifsd_dosattr_set(op->tree, &op->file->f_path,
						    &st, 0, create);
	}
out:
	kcifsd_open_put(op);
	return status ? status : (kcifsd_smb_rsp_block(req, 0, 0) ?
				  STATUS_SUCCESS :
				  STATUS_INSUFF_SERVER_RESOURCES);
}
