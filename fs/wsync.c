// SPDX-License-Identifier: GPL-2.0-only
/*
 * Write-through, batched (group commit). A write-through write
 * (FILE_WRITE_THROUGH, FILE_NO_INTERMEDIATE_BUFFERING - which MS-CIFS
 * 2.2.4.64.1 treats as write-through - or WriteMode bit 0) is answered
 * only once its data is on stable storage. A client keeps several such
 * writes in flight (the Linux cifs client: sixteen 64 KiB writes per
 * 1 MiB O_DIRECT write), and a flush of each one on its own costs a
 * journal commit each. Here a write, once its data is in the page cache,
 * takes a ticket; one flush at a time runs per open and covers every
 * write that had a ticket when it started, so the writes that arrived
 * during a flush share the next one. No write is answered before a flush
 * that began after its data was in the page cache has ended.
 */

#include <linux/fs.h>
#include <linux/minmax.h>

#include "fs/wsync.h"

/**
 * kcifsd_wsync_init() - set up an open's write-through state
 * @ws: the state (in struct kcifsd_open)
 */
void kcifsd_wsync_init(struct kcifsd_wsync *ws)
{
	spin_lock_init(&ws->lock);
	mutex_init(&ws->flush_lock);
	ws->start = LLONG_MAX;
	ws->end = -1;
}

/**
 * kcifsd_wsync_destroy() - the open is going
 * @ws: the state
 */
void kcifsd_wsync_destroy(struct kcifsd_wsync *ws)
{
	mutex_destroy(&ws->flush_lock);
}

/**
 * kcifsd_wsync_write() - make a write's data stable before it is answered
 * @ws: the open's write-through state
 * @file: the open file
 * @pos: where the write's data starts (already in the page cache)
 * @len: its length, not 0
 *
 * Call with the credentials the file is written under. Either a flush
 * another write started later than our data covers us, or we flush the
 * data of every write queued so far (vfs_fsync_range(), data only) for
 * all of them. A failed flush fails every write it covered: the file's
 * writeback error is reported once per struct file, so the writes that
 * shared the flush learn it here, not from a later one.
 *
 * Return: 0 or the flush's negative errno.
 */
int kcifsd_wsync_write(struct kcifsd_wsync *ws, struct file *file,
		       loff_t pos, size_t len)
{
	loff_t start, end;
	u64 ticket, upto;
	int err;

	spin_lock(&ws->lock);
	ticket = ++ws->queued;
	ws->start = min(ws->start, pos);
	ws->end = max_t(loff_t, ws->end, pos + len - 1);
	spin_unlock(&ws->lock);

	mutex_lock(&ws->flush_lock);
	if (ws->flushed < ticket) {
		spin_lock(&ws->lock);
		upto = ws->queued;
		start = ws->start;
		end = ws->end;
		ws->start = LLONG_MAX;
		ws->end = -1;
		spin_unlock(&ws->lock);
		err = vfs_fsync_range(file, start, end, 1);
		ws->flushed = upto;
		if (err) {
			ws->err_upto = upto;
			ws->err = err;
		}
	}
	err = ticket <= ws->err_upto ? ws->err : 0;
	mutex_unlock(&ws->flush_lock);
	return err;
}
