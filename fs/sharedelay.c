// SPDX-License-Identifier: GPL-2.0-only
/*
 * The sharing-violation delay; see fs/sharedelay.h.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "fs/sharedelay.h"
#include "net/worker.h"

/* Longest delay the parameter may ask (Windows' default is one second). */
#define DEFER_MAX_MS	10000

static unsigned int sharing_violation_delay_ms = 1000;
module_param(sharing_violation_delay_ms, uint, 0644);
MODULE_PARM_DESC(sharing_violation_delay_ms,
		 "How long an open that meets a sharing violation waits for the file before it fails, as Windows NT servers do (default: 1000; 0: fail at once; at most 10000)");

static LIST_HEAD(defer_list);
static DEFINE_SPINLOCK(defer_lock);
static unsigned int defer_count;
static DECLARE_WAIT_QUEUE_HEAD(defer_wq);
/*
 * Closes of any file: one between an open's first try and its listing
 * counts as a kick (it may have been of the file the open waits for).
 */
static atomic_t defer_closes = ATOMIC_INIT(0);

/* Room for one more waiting open of @conn (under defer_lock). */
static bool defer_room(const struct kcifsd_conn *conn)
{
	struct kcifsd_share_defer *d;
	unsigned int mine = 0;

	if (defer_count >= max(kcifsd_io_workers() / 2, 1U))
		return false;
	list_for_each_entry(d, &defer_list, node)
		if (d->conn == conn)
			mine++;
	return mine < KCIFSD_DEFER_MAX_PER_CONN;
}

/*
 * May @d try again now: a close kicked it, and no open that came before
 * it for the same file is still to try or trying (first come, first
 * served)?
 */
static bool defer_turn(struct kcifsd_share_defer *d)
{
	struct kcifsd_share_defer *e;
	bool turn = false;

	spin_lock(&defer_lock);
	if (d->kicked) {
		turn = true;
		list_for_each_entry(e, &defer_list, node) {
			if (e == d)
				break;
			if (e->key == d->key && (e->kicked || e->trying)) {
				turn = false;
				break;
			}
		}
	}
	if (turn) {
		d->kicked = false;
		d->trying = true;
	}
	spin_unlock(&defer_lock);
	return turn;
}

static void defer_wake(void)
{
	if (wq_has_sleeper(&defer_wq))
		wake_up_all(&defer_wq);
}

/**
 * kcifsd_share_defer_try() - an open (that may wait) tries
 * @d: its state, zeroed before the first try
 */
void kcifsd_share_defer_try(struct kcifsd_share_defer *d)
{
	d->closes = atomic_read(&defer_closes);
}

/**
 * kcifsd_share_defer_wait() - wait before answering a sharing violation
 * @d: the open's state, zeroed before its first call
 * @conn: the open's connection
 * @key: the file the open conflicts with (its inode)
 *
 * Called each time the open fails with STATUS_SHARING_VIOLATION, after
 * kcifsd_share_defer_try() before every try. The
 * first call starts the delay, if there is one and room for it. Every
 * call waits until an open of @key closes (kcifsd_share_defer_kick()) and
 * the opens that waited longer for @key have tried, or the delay ends.
 * The caller ends with kcifsd_share_defer_end() whatever happened.
 *
 * Context: process context, may sleep; no locks held.
 * Return: true if the open should try again, false to answer the sharing
 * violation now.
 */
bool kcifsd_share_defer_wait(struct kcifsd_share_defer *d,
			     const struct kcifsd_conn *conn, const void *key)
{
	unsigned int ms = min_t(unsigned int,
				READ_ONCE(sharing_violation_delay_ms),
				DEFER_MAX_MS);
	bool missed;
	long left;

	spin_lock(&defer_lock);
	/* Listed under @key, a waiting open sees every close of it. */
	missed = !d->queued || d->key != key;
	if (!d->queued) {
		if (!ms || !defer_room(conn)) {
			spin_unlock(&defer_lock);
			return false;
		}
		d->conn = conn;
		d->deadline = jiffies + msecs_to_jiffies(ms);
		d->queued = true;
		WRITE_ONCE(defer_count, defer_count + 1);
		list_add_tail(&d->node, &defer_list);
	}
	/* A file replaced meanwhile is waited for under its new key. */
	d->key = key;
	d->trying = false;
	spin_unlock(&defer_lock);
	/*
	 * Not listed under @key while it tried: a close since the try
	 * began may have gone unseen, so try again. Pairs with the barrier
	 * in kcifsd_share_defer_kick(): it sees the open listed, or this
	 * sees its count.
	 */
	if (missed) {
		smp_mb();	/* listed, then look at the count */
		if (atomic_read(&defer_closes) != d->closes) {
			spin_lock(&defer_lock);
			d->kicked = true;
			spin_unlock(&defer_lock);
		}
	}
	/* Later opens of the file wait for this one's try: it is over. */
	defer_wake();

	left = (long)(d->deadline - jiffies);
	if (left <= 0)
		return false;
	return wait_event_timeout(defer_wq, defer_turn(d), left) > 0;
}

/**
 * kcifsd_share_defer_end() - an open that may have waited is answered
 * @d: its state (as kcifsd_share_defer_wait() left it, or zeroed)
 */
void kcifsd_share_defer_end(struct kcifsd_share_defer *d)
{
	if (!d->queued)
		return;
	spin_lock(&defer_lock);
	list_del(&d->node);
	WRITE_ONCE(defer_count, defer_count - 1);
	d->queued = false;
	spin_unlock(&defer_lock);
	defer_wake();
}

/**
 * kcifsd_share_defer_kick() - an open of a file closed
 * @key: the file (its inode)
 *
 * Every open waiting for @key tries again, in the order they came.
 */
void kcifsd_share_defer_kick(const void *key)
{
	struct kcifsd_share_defer *d;
	bool any = false;

	atomic_inc(&defer_closes);
	/* Pairs with kcifsd_share_defer_wait()'s: count, then look. */
	smp_mb__after_atomic();
	if (!READ_ONCE(defer_count))
		return;
	spin_lock(&defer_lock);
	list_for_each_entry(d, &defer_list, node) {
		if (d->key == key) {
			d->kicked = true;
			any = true;
		}
	}
	spin_unlock(&defer_lock);
	if (any)
		defer_wake();
}
