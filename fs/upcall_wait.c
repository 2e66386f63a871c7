// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parking a request on a question to the helper; see fs/upcall_wait.h.
 */

#include <linux/errno.h>

#include "fs/smb_req.h"
#include "fs/upcall_wait.h"
#include "net/connection.h"

/**
 * kcifsd_upcall_wait_init() - prepare to ask the helper for a request
 * @w: the wait, in the handler's parked state (req->priv)
 * @req: the request that will park
 */
void kcifsd_upcall_wait_init(struct kcifsd_upcall_wait *w,
			     struct kcifsd_smb_req *req)
{
	w->work = req->work;
	w->err = -EINPROGRESS;
}

/**
 * kcifsd_upcall_done() - kcifsd_ipc_done_t for a parked request
 * @arg: the struct kcifsd_upcall_wait
 * @err: the answer
 *
 * Records the answer and resumes the request; may run before the
 * handler has returned STATUS_PENDING (the core runs the resumed work
 * after the current run ends).
 */
void kcifsd_upcall_done(void *arg, int err)
{
	struct kcifsd_upcall_wait *w = arg;

	w->err = err;
	kcifsd_work_resume(w->work);
}

/**
 * kcifsd_upcall_parked() - did the question park the request?
 * @w: the wait
 * @ret: what the _async lookup returned
 *
 * Return: true if the answer comes later (return STATUS_PENDING); false
 * if it is already there (answered from the cache, or failed at once),
 * with @w->err set to it.
 */
bool kcifsd_upcall_parked(struct kcifsd_upcall_wait *w, int ret)
{
	if (ret == -EINPROGRESS)
		return true;
	w->err = ret;
	return false;
}
