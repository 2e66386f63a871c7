// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arrival order of the requests that act on locks and opens; see
 * fs/order.h.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "fs/order.h"
#include "fs/smb1pdu.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "net/connection.h"

/*
 * An earlier request passes within its handler's run (or when it parks);
 * this bounds the wait should one be slow (a read blocked on a client
 * that does not read): the later request then runs anyway.
 */
#define ORDER_WAIT_MAX	(5 * HZ)

/**
 * kcifsd_order_init() - the order list of a new connection
 * @sc: its SMB1 state
 */
void kcifsd_order_init(struct kcifsd_smb_conn *sc)
{
	spin_lock_init(&sc->order_lock);
	INIT_LIST_HEAD(&sc->order_list);
	init_waitqueue_head(&sc->order_wq);
}

/*
 * What a message's first command does to shared state: its command
 * table entry says (KCIFSD_CMD_ORDER_*, fs/dispatch.c). A message too
 * short for a header is refused later, unlisted.
 */
static enum kcifsd_order order_of(const u8 *msg, unsigned int len)
{
	unsigned int flags;

	if (len < sizeof(struct smb1_hdr))
		return KCIFSD_ORDER_NONE;
	flags = kcifsd_smb_cmd_flags(((const struct smb1_hdr *)msg)->command);
	if (flags & KCIFSD_CMD_ORDER_CHANGE)
		return KCIFSD_ORDER_CHANGE;
	if (flags & KCIFSD_CMD_ORDER_IO)
		return KCIFSD_ORDER_IO;
	return KCIFSD_ORDER_NONE;
}

/**
 * kcifsd_order_rx() - list a request as it arrives
 * @conn: its connection
 * @work: the request, its message set
 *
 * Context: under conn->req_lock, in arrival order; not for the requests
 * that may run before earlier ones (NT_CANCEL, an oplock release).
 */
void kcifsd_order_rx(struct kcifsd_conn *conn, struct kcifsd_work *work)
{
	struct kcifsd_smb_conn *sc = conn->smb;

	work->order = order_of(work->request, work->request_len);
	if (work->order == KCIFSD_ORDER_NONE)
		return;
	spin_lock(&sc->order_lock);
	list_add_tail(&work->order_node, &sc->order_list);
	spin_unlock(&sc->order_lock);
}

/* Has every request listed before @work passed? */
static bool order_first(struct kcifsd_smb_conn *sc, struct kcifsd_work *work)
{
	bool first;

	spin_lock(&sc->order_lock);
	first = list_first_entry(&sc->order_list, struct kcifsd_work,
				 order_node) == work;
	spin_unlock(&sc->order_lock);
	return first;
}

/**
 * kcifsd_order_wait() - a request that changes locks or opens waits for
 *	the ones that came before it
 * @work: the request, about to run
 *
 * Context: process context, may sleep, no locks held.
 */
void kcifsd_order_wait(struct kcifsd_work *work)
{
	struct kcifsd_smb_conn *sc = work->conn->smb;

	if (work->order != KCIFSD_ORDER_CHANGE)
		return;
	if (!wait_event_timeout(sc->order_wq, order_first(sc, work),
				ORDER_WAIT_MAX))
		pr_info_ratelimited("%pISc: an earlier request still runs: mid %u goes first\n",
				    &work->conn->peer,
				    le16_to_cpu(((struct smb1_hdr *)
						 work->request)->mid));
}

/**
 * kcifsd_order_pass() - a request has acted; later ones may go
 * @work: the request (passing twice, or unlisted, is nothing)
 */
void kcifsd_order_pass(struct kcifsd_work *work)
{
	struct kcifsd_smb_conn *sc = work->conn->smb;

	if (work->order == KCIFSD_ORDER_NONE)
		return;
	spin_lock(&sc->order_lock);
	list_del(&work->order_node);
	work->order = KCIFSD_ORDER_NONE;
	spin_unlock(&sc->order_lock);
	if (wq_has_sleeper(&sc->order_wq))
		wake_up_all(&sc->order_wq);
}

/**
 * kcifsd_order_checked() - a read or write has done its lock check
 * @work: the request
 *
 * A plain read or write passes here, so later unlocks need not wait for
 * its data; one that changes more (WRITE_AND_UNLOCK, WRITE_AND_CLOSE,
 * LOCK_AND_READ) passes when its handler is done.
 */
void kcifsd_order_checked(struct kcifsd_work *work)
{
	if (work->order == KCIFSD_ORDER_IO)
		kcifsd_order_pass(work);
}
