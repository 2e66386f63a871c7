/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Write-through of one open, batched: see fs/wsync.c.
 */
#ifndef _KCIFSD_WSYNC_H
#define _KCIFSD_WSYNC_H

#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/**
 * struct kcifsd_wsync - write-through writes of one open and their flushes
 * @lock: protects @queued, @start and @end
 * @queued: write-through writes whose data is in the page cache so far
 * @start: first byte written by the writes no flush has taken yet
 * @end: last byte of them (< @start: none)
 * @flush_lock: one flush at a time; protects the fields below
 * @flushed: writes covered by the flushes that ended
 * @err_upto: the last write covered by a flush that failed
 * @err: that flush's error
 */
struct kcifsd_wsync {
	spinlock_t lock;		/* queued, start, end */
	u64 queued;
	loff_t start;
	loff_t end;
	struct mutex flush_lock;	/* flushed, err_upto, err */
	u64 flushed;
	u64 err_upto;
	int err;
};

void kcifsd_wsync_init(struct kcifsd_wsync *ws);
void kcifsd_wsync_destroy(struct kcifsd_wsync *ws);
int kcifsd_wsync_write(struct kcifsd_wsync *ws, struct file *file,
		       loff_t pos, size_t len);

#endif /* _KCIFSD_WSYNC_H */
