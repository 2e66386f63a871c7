// SPDX-License-Identifier: GPL-2.0-only
/*
 * Write-through, batched (group commit). A write-through write
 * (FILE_WRITE_THROUGH, FILE_NO_INTERMEDIATE_BUFFERING - which MS-CIFS
 * 2.2.4.64.1 treats as write-through - or WriteMode bit 0) is answered
 * only once its data is on stable storage. A client keeps several such
 * writes in flight (the Linux cifs client: sixteen 64 KiB writes per
 * 1 MiB O_DIRECT write), and a flush of each one on its own costs a
 * journal commit each.
 *
 * So one flush covers as many writes as it can. A write whose data is in
 * the page cache takes a ticket; only the newest write decides to flush,
 * and not while another write-through write of the open is on its way
 * (started, data still coming: that one decides next), nor, for a few
 * milliseconds at most, while the connection has bytes not read yet or
 * the writes have been coming in a stream (the next write of the batch
 * is about to start). The last write of a batch flushes the data of all of
 * them at once; writes that arrive during a flush share the next one. No
 * write is answered before a flush that began after its data was in the
 * page cache has ended.
 */

#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/minmax.h>

#include "fs/wsync.h"
#include "net/connection.h"
#include "net/server.h"

/* Starts closer than this are a stream (the writes of one client batch). */
#define WSYNC_STREAM_NS		(1000 * NSEC_PER_USEC)
/* The newest write waits at most this long for a next one before it
 * flushes (a flush costs milliseconds: one for many writes is cheaper).
 */
#define WSYNC_LINGER_MAX_NS	(4000 * NSEC_PER_USEC)

/**
 * kcifsd_wsync_init() - set up an open's write-through state
 * @ws: the state (in struct kcifsd_open)
 */
void kcifsd_wsync_init(struct kcifsd_wsync *ws)
{
	spin_lock_init(&ws->lock);
	init_waitqueue_head(&ws->wait);
	ws->start = LLONG_MAX;
	ws->end = -1;
}

/* Wake the waiters, if any, of a change made under ws->lock (dropped
 * since): wq_has_sleeper()'s barrier orders that change before the
 * look at the queue, against prepare_to_wait_event()'s before the
 * waiter's look at the condition (include/linux/wait.h).
 */
static void wsync_wake(struct kcifsd_wsync *ws)
{
	if (wq_has_sleeper(&ws->wait))
		wake_up_all(&ws->wait);
}

/**
 * kcifsd_wsync_begin() - a write-through write starts
 * @ws: the open's write-through state
 *
 * Its data is on the way: writes done before it wait for it rather than
 * flush without it. Every begin is ended by kcifsd_wsync_write() or
 * kcifsd_wsync_abort().
 */
void kcifsd_wsync_begin(struct kcifsd_wsync *ws)
{
	ktime_t now = ktime_get();
	u64 gap;

	spin_lock(&ws->lock);
	ws->arriving++;
	gap = ktime_to_ns(ktime_sub(now, ws->last_begin));
	if (gap > WSYNC_STREAM_NS)
		ws->gap_ns = 0;
	else
		ws->gap_ns = ws->gap_ns ? (3 * ws->gap_ns + gap) / 4 : gap;
	ws->last_begin = now;
	spin_unlock(&ws->lock);
	/* A write lingering for the next one: here it is. Most begins
	 * find no one waiting.
	 */
	wsync_wake(ws);
}

/**
 * kcifsd_wsync_abort() - a started write-through write brings no data
 * @ws: the open's write-through state
 */
void kcifsd_wsync_abort(struct kcifsd_wsync *ws)
{
	spin_lock(&ws->lock);
	ws->arriving--;
	spin_unlock(&ws->lock);
	wsync_wake(ws);
}

/* Under ws->lock: our write was covered by a flush that has ended. */
static bool wsync_covered(struct kcifsd_wsync *ws, u64 ticket)
{
	return ws->flushed >= ticket;
}

/* Under ws->lock: the write holding @ticket is the one to flush now. The
 * newest write in decides: the others wait, as a later write is coming.
 */
static bool wsync_may_flush(struct kcifsd_wsync *ws, u64 ticket)
{
	return ticket == ws->queued && !ws->flushing && !ws->arriving;
}

/* A wait's condition: our write is covered, or whether it may flush
 * turned to @may (true: a waiting write's turn came; false: a lingering
 * write's next one arrived).
 */
static bool wsync_wait_done(struct kcifsd_wsync *ws, u64 ticket, bool may)
{
	bool done;

	spin_lock(&ws->lock);
	done = wsync_covered(ws, ticket) || wsync_may_flush(ws, ticket) == may;
	spin_unlock(&ws->lock);
	return done;
}

/* Under ws->lock: how long to wait for another write before flushing,
 * at most until @deadline - while the connection has bytes not read yet
 * (likely the next write), or while a stream of writes would bring the
 * next one.
 */
static s64 wsync_linger_ns(struct kcifsd_wsync *ws, struct kcifsd_conn *conn,
			   ktime_t deadline)
{
	ktime_t now = ktime_get();
	s64 left = ktime_to_ns(ktime_sub(deadline, now));
	s64 since = ktime_to_ns(ktime_sub(now, ws->last_begin));

	if (left <= 0)
		return 0;
	if (kcifsd_conn_rx_pending(conn))
		return min_t(s64, left, WSYNC_STREAM_NS);
	if (ws->gap_ns && since < 2 * ws->gap_ns)
		return min_t(s64, left, 2 * ws->gap_ns - since);
	return 0;
}

/* Under ws->lock, which it drops and takes again: flush every write
 * queued so far.
 */
static void wsync_flush(struct kcifsd_wsync *ws, struct file *file)
{
	u64 from = ws->flushed + 1, upto = ws->queued;
	loff_t start = ws->start, end = ws->end;
	int err;

	ws->flushing = true;
	ws->start = LLONG_MAX;
	ws->end = -1;
	spin_unlock(&ws->lock);
	err = vfs_fsync_range(file, start, end, 1);
	kcifsd_server_count_wsync(upto - from + 1);
	spin_lock(&ws->lock);
	ws->flushing = false;
	ws->flushed = upto;
	if (err) {
		ws->err_from = from;
		ws->err_upto = upto;
		ws->err = err;
	}
}

/**
 * kcifsd_wsync_write() - make a write's data stable before it is answered
 * @ws: the open's write-through state; kcifsd_wsync_begin() was called
 *	for this write
 * @conn: the connection the write came on
 * @file: the open file
 * @pos: where the write's data starts (already in the page cache)
 * @len: its length, not 0
 *
 * Call with the credentials the file is written under. Either a flush
 * that started after our data was in covers us, or we flush the data of
 * every write queued so far (vfs_fsync_range(), data only) for all of
 * them. A failed flush fails every write it covered: the file's writeback
 * error is reported once per struct file, so the writes that shared the
 * flush learn it here, not from a later one.
 *
 * Return: 0 or the flush's negative errno.
 */
int kcifsd_wsync_write(struct kcifsd_wsync *ws, struct kcifsd_conn *conn,
		       struct file *file, loff_t pos, size_t len)
{
	ktime_t deadline = ktime_add_ns(ktime_get(), WSYNC_LINGER_MAX_NS);
	u64 ticket;
	s64 linger;
	int err;

	spin_lock(&ws->lock);
	ws->arriving--;
	ticket = ++ws->queued;
	ws->start = min(ws->start, pos);
	ws->end = max_t(loff_t, ws->end, pos + len - 1);
	while (!wsync_covered(ws, ticket)) {
		linger = 0;
		if (wsync_may_flush(ws, ticket))
			linger = wsync_linger_ns(ws, conn, deadline);
		if (!wsync_may_flush(ws, ticket)) {
			spin_unlock(&ws->lock);
			wait_event(ws->wait, wsync_wait_done(ws, ticket, true));
		} else if (linger > 0) {
			spin_unlock(&ws->lock);
			wait_event_hrtimeout(ws->wait,
					     wsync_wait_done(ws, ticket, false),
					     ns_to_ktime(linger));
		} else {
			wsync_flush(ws, file);
			spin_unlock(&ws->lock);
			wake_up_all(&ws->wait);
		}
		spin_lock(&ws->lock);
	}
	err = ticket >= ws->err_from && ticket <= ws->err_upto ? ws->err : 0;
	spin_unlock(&ws->lock);
	return err;
}
