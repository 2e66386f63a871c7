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
 * kcifsd_share_defer_wait() - wait before answering a sharing violation
 * @d: the open's state, set up by kcifsd_share_defer_init() before its
 *	first try
 * @conn: the open's connection
 * @key: the file the open conflicts with (its inode)
 *
 * Called each time the open fails with STATUS_SHARING_VIOLATION. The
 * first call starts the delay, if there is one and room for it. Every
 * call waits until an open of @key closes (kcifsd_share_defer_kick()) and
 * the opens that waited longer for @key have tried, or the delay ends;
 * a call that lists the open under @key first has it try once more at
 * once (its turn permitting), see below.
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
	bool first;
	long left;

	spin_lock(&defer_lock);
	first = list_empty(&d->node);
	if (first) {
		if (!ms || !defer_room(conn)) {
			spin_unlock(&defer_lock);
			return false;
		}
		d->conn = conn;
		d->deadline = jiffies + msecs_to_jiffies(ms);
		WRITE_ONCE(defer_count, defer_count + 1);
		list_add_tail(&d->node, &defer_list);
	}
	/*
	 * Listed under @key while it tried, an open sees every close of
	 * @key (kcifsd_share_defer_kick() marks it kicked).
	 *
	 * Not listed under @key while it tried (the first call, or the
	 * file was replaced meanwhile): a close of @key since the try may
	 * have found nothing to kick (kcifsd_share_defer_kick() looks at
	 * nothing while defer_count is 0, or for another key), so it tries
	 * once more, listed under @key now. No close is lost, and a close
	 * needs no barrier of its own: a try checks sharing under
	 * fs/sharemode.c's share_lock, and a close removes its open under
	 * share_lock before it kicks. If the close's removal comes first,
	 * the new try sees the open gone; if the try comes first, the close
	 * takes share_lock after the try released it, which was after this
	 * listing, so the close sees defer_count and takes defer_lock to
	 * find the open under @key.
	 */
	if (first || d->key != key) {
		d->key = key;
		d->kicked = true;
	}
	d->trying = false;
	spin_unlock(&defer_lock);
	/* Later opens of the file wait for this one's try: it is over. */
	defer_wake();

	left = (long)(d->deadline - jiffies);
	if (left <= 0)
		return false;
	return wait_event_timeout(defer_wq, defer_turn(d), left) > 0;
}

/**
 * kcifsd_share_defer_end() - an open that may have waited is answered
 * @d: its state (as kcifsd_share_defer_init() or _wait() left it)
 */
void kcifsd_share_defer_end(struct kcifsd_share_defer *d)
{
	if (list_empty(&d->node))
		return;
	spin_lock(&defer_lock);
	list_del_init(&d->node);
	WRITE_ONCE(defer_count, defer_count - 1);
	spin_unlock(&defer_lock);
	defer_wake();
}

/**
 * kcifsd_share_defer_kick() - an open of a file closed
 * @key: the file (its inode)
 *
 * Every open waiting for @key tries again, in the order they came.
 *
 * Context: after the closing open left @key's sharing state (under
 * share_lock, which is what makes the lockless look at defer_count
 * enough: see kcifsd_share_defer_wait()).
 */
void kcifsd_share_defer_kick(const void *key)
{
	struct kcifsd_share_defer *d;
	bool any = false;

	/* Nobody waits: nothing to do, no shared cache line written. */
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
