/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arrival order of the requests of one connection that act on locks and
 * opens. The pool runs a connection's requests side by side, but a client
 * that sends a write and then, without waiting for its reply, the unlock
 * of the range the write meets expects the write to meet the lock:
 * Windows acts on a connection's requests in order up to a wait
 * (smbtorture raw.mux, raw.lock.multilock5).
 *
 * So such requests are listed as they arrive (kcifsd_order_rx(), under
 * the connection's req_lock, in arrival order); the command table of
 * fs/dispatch.c says which: KCIFSD_CMD_ORDER_IO for the reads and writes,
 * KCIFSD_CMD_ORDER_CHANGE for the ones that change locks or opens
 * (LOCKING_ANDX, the core lock commands, CLOSE, WRITE_AND_CLOSE,
 * PROCESS_EXIT). One of those waits before it runs until every request
 * listed before it has passed (kcifsd_order_wait()). A request passes
 * (kcifsd_order_pass()) once it has acted: a read or write right after
 * its lock check, any other when its handler returns or parks, and a
 * work freed without running when it is freed. Reads and writes never
 * wait, so they still run side by side; a read or write that arrives
 * after an unlock may still act before it.
 */
#ifndef _KCIFSD_ORDER_H
#define _KCIFSD_ORDER_H

struct kcifsd_conn;
struct kcifsd_smb_conn;
struct kcifsd_work;

/* struct kcifsd_work @order */
enum kcifsd_order {
	KCIFSD_ORDER_NONE,	/* not listed (or passed) */
	KCIFSD_ORDER_IO,	/* a read or write: passes, never waits */
	KCIFSD_ORDER_CHANGE,	/* changes locks or opens: waits, passes */
};

void kcifsd_order_init(struct kcifsd_smb_conn *sc);
void kcifsd_order_rx(struct kcifsd_conn *conn, struct kcifsd_work *work);
void kcifsd_order_wait(struct kcifsd_work *work);
void kcifsd_order_pass(struct kcifsd_work *work);
void kcifsd_order_checked(struct kcifsd_work *work);

#endif /* _KCIFSD_ORDER_H */
