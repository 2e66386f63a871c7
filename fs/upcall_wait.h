/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A request parked on a question to the helper (net/ipc.h): the _async
 * lookups complete through kcifsd_upcall_done(), which resumes the
 * request (fs/smb_req.h, 6.). Used by SESSION_SETUP_ANDX and
 * TREE_CONNECT_ANDX, so no worker ever sleeps waiting for the helper.
 *
 *	kcifsd_upcall_wait_init(&ctx->wait, req);
 *	ret = kcifsd_ipc_user_lookup_async(name, &ctx->info,
 *					   kcifsd_upcall_done, &ctx->wait);
 *	if (kcifsd_upcall_parked(&ctx->wait, ret))
 *		return STATUS_PENDING;		(resumed when answered)
 *	... ctx->wait.err is the result, now or after resuming ...
 *
 * No cancel hook is set: NT_CANCEL and teardown wait for the answer,
 * which ipc_timeout_ms bounds (the output struct must stay alive until
 * the helper's answer is written into it anyway).
 */
#ifndef _KCIFSD_UPCALL_WAIT_H
#define _KCIFSD_UPCALL_WAIT_H

#include <linux/types.h>

struct kcifsd_smb_req;
struct kcifsd_work;

/**
 * struct kcifsd_upcall_wait - one outstanding question to the helper
 * @work: the parked request's work, resumed by the answer
 * @err: the answer: 0 or a negative errno as the synchronous lookup
 *	returns it
 */
struct kcifsd_upcall_wait {
	struct kcifsd_work *work;
	int err;
};

void kcifsd_upcall_wait_init(struct kcifsd_upcall_wait *w,
			     struct kcifsd_smb_req *req);
void kcifsd_upcall_done(void *arg, int err);
bool kcifsd_upcall_parked(struct kcifsd_upcall_wait *w, int ret);

#endif /* _KCIFSD_UPCALL_WAIT_H */
