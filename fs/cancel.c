// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB_COM_NT_CANCEL (MS-CIFS 2.2.4.65, 3.3.5.52): cancel the pending
 * requests of the connection that carry the same UID, TID, PID and MID.
 * NT_CANCEL itself is never answered.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>

#include "fs/smb_req.h"
#include "net/connection.h"

/* Does @work's request carry the identifiers of the NT_CANCEL in @hdr? */
static bool cancel_matches(const struct kcifsd_work *work,
			   const struct smb1_hdr *hdr)
{
	const struct smb1_hdr *target = work->request;

	/* Works on the list may not have been validated yet. */
	if (work->request_len < sizeof(*target) ||
	    target->protocol != SMB1_PROTO_ID ||
	    target->command == SMB_COM_NT_CANCEL)
		return false;
	return target->mid == hdr->mid && target->pid_low == hdr->pid_low &&
	       target->pid_high == hdr->pid_high && target->uid == hdr->uid &&
	       target->tid == hdr->tid;
}

/**
 * kcifsd_smb_nt_cancel() - SMB_COM_NT_CANCEL handler
 * @req: the request
 *
 * Every request still queued or running on the connection (conn->running;
 * a whole AndX chain is one entry) whose header matches is marked
 * cancelled and its cancel hook, if it parked, is called: a parked request
 * then completes with an error, one that is running notices
 * work->cancelled or finishes normally (3.3.5.52 allows both). Nothing
 * matching is not an error. No reply is sent in any case (2.2.4.65).
 *
 * Return: STATUS_SUCCESS.
 */
u32 kcifsd_smb_nt_cancel(struct kcifsd_smb_req *req)
{
	struct kcifsd_conn *conn = req->conn;
	struct kcifsd_work *work;

	spin_lock(&conn->req_lock);
	list_for_each_entry(work, &conn->running, node)
		if (work != req->work && cancel_matches(work, req->hdr))
			kcifsd_work_cancel(work);
	spin_unlock(&conn->req_lock);

	kcifsd_smb_rsp_none(req);
	return STATUS_SUCCESS;
}
