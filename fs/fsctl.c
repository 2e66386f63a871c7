// SPDX-License-Identifier: GPL-2.0-only
/*
 * NT_TRANSACT_IOCTL (MS-CIFS 2.2.7.2, 3.3.5.59.2; MS-SMB 2.2.7.2,
 * 3.3.5.11.1): file system controls sent to an open file.
 *
 * One is implemented, FSCTL_SET_SPARSE (MS-FSCC 2.3.64): the
 * FILE_ATTRIBUTE_SPARSE_FILE bit kept with the other DOS attributes
 * (fs/dosattr.c). Linux files have holes whatever the bit says, so
 * nothing else changes. Everything else is refused, logged: a device
 * IOCTL (IsFsctl zero) and a control that is not a file system one
 * (MS-FSCC 2.3: device type FILE_DEVICE_FILE_SYSTEM) with
 * STATUS_NOT_SUPPORTED as MS-SMB 3.3.5.11.1 says; a file system control
 * this server does not implement with STATUS_INVALID_DEVICE_REQUEST, what
 * an object store answers for one it lacks (MS-FSA 2.1.5.9).
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/dosattr.h"
#include "fs/fid.h"
#include "fs/fsctl.h"
#include "fs/smb_req.h"
#include "fs/transaction.h"
#include "fs/vfs.h"
#include "net/connection.h"

/* NT_TRANSACT_IOCTL Setup: FunctionCode, FID, IsFsctl, IsFlags (2.2.7.2.1) */
#define FSCTL_SETUP_WORDS	4

/**
 * kcifsd_fsctl_refusal() - the status an unimplemented control gets
 * @code: FunctionCode
 * @is_fsctl: IsFsctl
 *
 * Return: STATUS_NOT_SUPPORTED for a device IOCTL or a control of a
 * device type other than the file system's, else
 * STATUS_INVALID_DEVICE_REQUEST.
 */
u32 kcifsd_fsctl_refusal(u32 code, bool is_fsctl)
{
	if (!is_fsctl || (code >> 16) != FILE_DEVICE_FILE_SYSTEM)
		return STATUS_NOT_SUPPORTED;
	return STATUS_INVALID_DEVICE_REQUEST;
}

/*
 * FSCTL_SET_SPARSE: an empty input buffer means SetSparse TRUE, else its
 * first byte is the BOOLEAN (MS-FSCC 2.3.64). Refused on a directory
 * (STATUS_INVALID_PARAMETER) and without a right to write the file's data
 * or attributes (STATUS_ACCESS_DENIED), as MS-FSA says. No output.
 */
static u32 fsctl_set_sparse(struct kcifsd_open *op, const struct kcifsd_trans *t)
{
	bool sparse = !t->data_count || t->data[0];
	struct kstat st;
	u32 status;

	if (op->is_dir)
		return STATUS_INVALID_PARAMETER;
	if (!(op->access & (FILE_WRITE_DATA | FILE_APPEND_DATA |
			    FILE_WRITE_ATTRIBUTES)))
		return STATUS_ACCESS_DENIED;
	status = kcifsd_vfs_getattr(op->tree, &op->file->f_path, &st);
	if (status)
		return status;
	return kcifsd_dosattr_set_sparse(op->tree, &op->file->f_path, &st,
					 sparse);
}

/**
 * kcifsd_nttrans_ioctl() - NT_TRANSACT_IOCTL
 * @req: the request
 * @t: the transaction
 *
 * Return: an NTSTATUS (fs/transaction.h).
 */
u32 kcifsd_nttrans_ioctl(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	struct kcifsd_open *op;
	bool is_fsctl;
	u32 code, status;
	u16 fid;

	if (t->setup_count < FSCTL_SETUP_WORDS)
		return STATUS_INVALID_PARAMETER;
	code = get_unaligned_le32(t->setup);
	fid = get_unaligned_le16(t->setup + 4);
	is_fsctl = t->setup[6];

	status = kcifsd_fid_get(req, fid, &op);
	if (status)
		return status;
	if (is_fsctl && code == FSCTL_SET_SPARSE) {
		status = fsctl_set_sparse(op, t);
	} else {
		pr_info_ratelimited("%pISc: %s 0x%08x: not supported\n",
				    &req->conn->peer,
				    is_fsctl ? "FSCTL" : "IOCTL", code);
		status = kcifsd_fsctl_refusal(code, is_fsctl);
	}
	kcifsd_open_put(op);
	if (status)
		return status;
	/* One setup word, the output size: none (2.2.7.2.2) */
	t->rsp_setup_count = 1;
	t->rsp_setup[0] = 0;
	return STATUS_SUCCESS;
}
