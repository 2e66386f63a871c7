/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Write-through of one open, batched: see fs/wsync.c.
 */
#ifndef _KCIFSD_WSYNC_H
#define _KCIFSD_WSYNC_H

#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

struct kcifsd_conn;

/**
 * struct kcifsd_wsync - write-through writes of one open and their flushes
 * @lock: protects every field below
 * @wait: writes waiting for a flush, or for a write on its way
 * @arriving: write-through writes started whose data is not yet in the
 *	page cache (kcifsd_wsync_begin() .. kcifsd_wsync_write()/_abort())
 * @last_begin: when the last one started
 * @gap_ns: average time between starts while they come in a stream (0:
 *	they do not)
 * @queued: write-through writes whose data is in the page cache so far
 * @start: first byte written by the writes no flush has taken yet
 * @end: last byte of them (< @start: none)
 * @flushing: a flush runs
 * @flushed: writes covered by the flushes that ended
 * @err_from: the first write covered by the last flush that failed
 * @err_upto: the last one
 * @err: that flush's error
 */
struct kcifsd_wsync {
	spinlock_t lock;		/* all fields */
	wait_queue_head_t wait;
	unsigned int arriving;
	ktime_t last_begin;
	u64 gap_ns;
	u64 queued;
	loff_t start;
	loff_t end;
	bool flushing;
	u64 flushed;
	u64 err_from;
	u64 err_upto;
	int err;
};

void kcifsd_wsync_init(struct kcifsd_wsync *ws);
void kcifsd_wsync_begin(struct kcifsd_wsync *ws);
void kcifsd_wsync_abort(struct kcifsd_wsync *ws);
int kcifsd_wsync_write(struct kcifsd_wsync *ws, struct kcifsd_conn *conn,
		       struct file *file, loff_t pos, size_t len);

#endif /* _KCIFSD_WSYNC_H */
