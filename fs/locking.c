// SPDX-License-Identifier: GPL-2.0-only
/*
 * Byte-range lock commands: LOCKING_ANDX (MS-CIFS 2.2.4.32, 3.3.5.30),
 * LOCK_BYTE_RANGE and UNLOCK_BYTE_RANGE (2.2.4.13/14, 3.3.5.15/16). The
 * locks themselves, and what they forbid, are fs/brlock.c's.
 *
 * A LOCKING_ANDX with a Timeout parks (fs/smb_req.h, STATUS_PENDING)
 * until its locks are free: the file's waiters are woken by every unlock
 * and close of the file from any connection (fs/brlock.c), a timer ends
 * the wait, NT_CANCEL and CANCEL_LOCK end it early, and so does the close
 * of its FID (every teardown closes FIDs). No worker sleeps.
 * LOCK_BYTE_RANGE does not wait the 250 ms Windows does (<264>).
 *
 * The locks are Windows locks kept by the server, invisible to local
 * processes and NFS: the VFS lock API (POSIX locks) has other semantics
 * (locks merge and split, one owner's locks never conflict, unlocking
 * part of a range is allowed), and mirroring into it could only refuse
 * SMB locks Windows grants.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/brlock.h"
#include "fs/fid.h"
#include "fs/file_pdu.h"
#include "fs/locking.h"
#include "fs/sharemode.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "net/connection.h"

/* One range of a LOCKING_ANDX request, either format, decoded. */
struct lock_range {
	u16 pid;
	u64 offset;
	u64 length;
};

static void lock_range_get(const u8 *p, bool large, struct lock_range *r)
{
	const struct smb1_locking_range64 *r64 = (const void *)p;
	const struct smb1_locking_range32 *r32 = (const void *)p;

	if (large) {
		r->pid = get_unaligned_le16(&r64->pid);
		r->offset = (u64)get_unaligned_le32(&r64->offset_high) << 32 |
			    get_unaligned_le32(&r64->offset_low);
		r->length = (u64)get_unaligned_le32(&r64->length_high) << 32 |
			    get_unaligned_le32(&r64->length_low);
	} else {
		r->pid = get_unaligned_le16(&r32->pid);
		r->offset = get_unaligned_le32(&r32->offset);
		r->length = get_unaligned_le32(&r32->length);
	}
}

/*
 * The open a lock command names, if it may take locks: a regular file
 * (MS-FSA 2.1.5.8: not a directory) opened for reading or writing
 * (MS-CIFS 3.3.5.15: a lock needs at least read access; Windows takes
 * write access too).
 */
static u32 lock_get_open(struct kcifsd_smb_req *req, u16 fid,
			 struct kcifsd_open **op)
{
	u32 status = kcifsd_fid_get(req, fid, op);

	if (status)
		return status;
	if ((*op)->is_dir || !(*op)->state)
		status = STATUS_INVALID_PARAMETER;
	else if (!((*op)->access & (FILE_READ_DATA | FILE_WRITE_DATA |
				    FILE_APPEND_DATA)))
		status = STATUS_ACCESS_DENIED;
	if (status)
		kcifsd_open_put(*op);
	return status;
}

/* Free locks a request asked for and did not get. */
static void lock_list_free(struct list_head *list)
{
	struct kcifsd_brl_lock *l, *tmp;

	list_for_each_entry_safe(l, tmp, list, node)
		kfree(l);
	INIT_LIST_HEAD(list);
}

/*
 * The locks a request asks for, checked and allocated, in request order
 * (the ranges are valid: each is checked before anything is allocated
 * for it).
 */
static u32 lock_list_build(struct kcifsd_open *op, const u8 *p,
			   unsigned int nr, unsigned int size, bool large,
			   bool exclusive, struct list_head *want)
{
	struct kcifsd_brl_lock *l;
	struct lock_range r;
	unsigned int i;

	if (nr > KCIFSD_BRL_MAX_LOCKS) {
		pr_info_ratelimited("LOCKING_ANDX asks for %u locks (at most %u per file)\n",
				    nr, KCIFSD_BRL_MAX_LOCKS);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	for (i = 0; i < nr; i++, p += size) {
		lock_range_get(p, large, &r);
		if (!kcifsd_brl_range_valid(r.offset, r.length))
			return STATUS_INVALID_LOCK_RANGE;
		l = kmalloc(sizeof(*l), GFP_KERNEL);
		if (!l)
			return STATUS_NO_MEMORY;
		l->open = op;
		l->pid = r.pid;
		l->offset = r.offset;
		l->length = r.length;
		l->exclusive = exclusive;
		list_add_tail(&l->node, want);
	}
	return STATUS_SUCCESS;
}

/**
 * struct lock_wait - a LOCKING_ANDX that waits for its locks (req->priv)
 * @bw: its place among the file's waiters
 * @node: entry in the connection's lock_waits (under conn->req_lock)
 * @work: the parked request
 * @op: its open (a reference)
 * @want: the locks asked for
 * @large: they came as LOCKING_ANDX_RANGE64: a CANCEL_LOCK must too
 * @forever: Timeout 0xFFFFFFFF
 * @deadline: when the wait ends otherwise (jiffies)
 * @timer: wakes the request at @deadline
 * @lock_cancelled: a CANCEL_LOCK named it
 * @nr: locks in @want, counted in the connection's nr_locks until the
 *	wait ends without them
 */
struct lock_wait {
	struct kcifsd_brl_wait bw;
	struct list_head node;
	struct kcifsd_work *work;
	struct kcifsd_open *op;
	struct list_head want;
	bool large;
	bool forever;
	unsigned long deadline;
	struct timer_list timer;
	bool lock_cancelled;
	unsigned int nr;
};

#define LOCK_TIMEOUT_FOREVER	0xFFFFFFFF

/* Woken from the table's side (an unlock, a close), under its lock. */
static void lock_wait_wake(struct kcifsd_brl_wait *bw)
{
	kcifsd_work_resume(container_of(bw, struct lock_wait, bw)->work);
}

static void lock_wait_timeout(struct timer_list *t)
{
	struct lock_wait *lw = from_timer(lw, t, timer);

	if (kcifsd_brl_wait_claim(&lw->bw))
		kcifsd_work_resume(lw->work);
}

/* work->cancel: NT_CANCEL or the end of the connection (no sleeping). */
static void lock_wait_cancel(struct kcifsd_work *work)
{
	struct kcifsd_smb_conn *sc = work->conn->smb;
	struct lock_wait *lw;

	lockdep_assert_held(&work->conn->req_lock);
	list_for_each_entry(lw, &sc->lock_waits, node) {
		if (lw->work == work) {
			if (kcifsd_brl_wait_claim(&lw->bw))
				kcifsd_work_resume(work);
			break;
		}
	}
}

static struct lock_wait *lock_wait_alloc(struct kcifsd_smb_req *req,
					 struct kcifsd_open *op, u32 timeout,
					 bool large, struct list_head *want)
{
	struct lock_wait *lw = kzalloc(sizeof(*lw), GFP_KERNEL);

	if (!lw)
		return NULL;
	kcifsd_brl_wait_init(&lw->bw, op, lock_wait_wake);
	lw->work = req->work;
	refcount_inc(&op->refcnt);
	lw->op = op;
	INIT_LIST_HEAD(&lw->want);
	list_splice_init(want, &lw->want);
	lw->large = large;
	lw->forever = timeout == LOCK_TIMEOUT_FOREVER;
	lw->deadline = jiffies + msecs_to_jiffies(timeout);
	timer_setup(&lw->timer, lock_wait_timeout, 0);
	spin_lock(&req->conn->req_lock);
	list_add_tail(&lw->node, &req->sc->lock_waits);
	req->work->cancel = lock_wait_cancel;
	spin_unlock(&req->conn->req_lock);
	return lw;
}

static void lock_wait_free(struct kcifsd_smb_req *req, struct lock_wait *lw)
{
	spin_lock(&req->conn->req_lock);
	list_del(&lw->node);
	req->work->cancel = NULL;
	spin_unlock(&req->conn->req_lock);
	del_timer_sync(&lw->timer);
	lock_list_free(&lw->want);
	kcifsd_open_put(lw->op);
	kfree(lw);
}

/*
 * One try of a waiting request, first or woken: granted, failed, or
 * parked again (STATUS_PENDING) with its timer armed. A cancel that came
 * while it ran found nothing parked to wake: it is seen here.
 */
static u32 lock_wait_try(struct kcifsd_smb_req *req, struct lock_wait *lw)
{
	struct kcifsd_brl_file *bf = kcifsd_share_brl(lw->op->state);
	u32 status;

	for (;;) {
		if (READ_ONCE(lw->lock_cancelled) ||
		    READ_ONCE(req->work->cancelled))
			return kcifsd_brl_wait_end(bf, &lw->bw,
						   &lw->op->lock_err);
		lw->bw.may_wait = lw->forever ||
				  time_before(jiffies, lw->deadline);
		status = kcifsd_brl_lock(bf, &lw->want, &lw->op->lock_err,
					 &lw->bw);
		if (status != STATUS_PENDING)
			return status;
		if (!lw->forever)
			mod_timer(&lw->timer, lw->deadline);
		if (!READ_ONCE(lw->lock_cancelled) &&
		    !READ_ONCE(req->work->cancelled))
			return STATUS_PENDING;
		if (!kcifsd_brl_wait_claim(&lw->bw))
			return STATUS_PENDING;	/* woken by someone else */
	}
}

/* Does a waiting request ask for this range? Under the file's lock. */
static bool lock_wait_has(struct lock_wait *lw, const struct lock_range *r)
{
	struct kcifsd_brl_file *bf = kcifsd_share_brl(lw->op->state);
	struct kcifsd_brl_lock *l;
	bool found = false;

	spin_lock(&bf->lock);
	list_for_each_entry(l, &lw->want, node) {
		if (l->pid == r->pid && l->offset == r->offset &&
		    l->length == r->length) {
			found = true;
			break;
		}
	}
	spin_unlock(&bf->lock);
	return found;
}

/*
 * CANCEL_LOCK (MS-CIFS 2.2.4.32.1): end the waiting request of this
 * open that asks for the range named (in the same format); it fails
 * with STATUS_FILE_LOCK_CONFLICT. Of several ranges only the first
 * counts, as on NT (<40>). None: ERRDOS/ERRcancelviolation.
 */
static u32 lock_cancel(struct kcifsd_smb_req *req, struct kcifsd_open *op,
		       const u8 *p, unsigned int nr, bool large)
{
	struct lock_wait *lw;
	struct lock_range r;
	u32 status = STATUS_OS2_CANCEL_VIOLATION;

	if (nr < 1)
		return status;
	lock_range_get(p, large, &r);
	/* Lock order: conn->req_lock, then the file's. */
	spin_lock(&req->conn->req_lock);
	list_for_each_entry(lw, &req->sc->lock_waits, node) {
		if (lw->op != op || lw->large != large || lw->lock_cancelled ||
		    !lock_wait_has(lw, &r))
			continue;
		WRITE_ONCE(lw->lock_cancelled, true);
		if (kcifsd_brl_wait_claim(&lw->bw))
			kcifsd_work_resume(lw->work);
		status = STATUS_SUCCESS;
		break;
	}
	spin_unlock(&req->conn->req_lock);
	return status;
}

/* Remove one lock of @op's (MS-FSA 2.1.5.9); it no longer counts. */
static u32 lock_unlock(struct kcifsd_smb_req *req, struct kcifsd_open *op,
		       u16 pid, u64 offset, u64 length)
{
	u32 status = kcifsd_brl_unlock(kcifsd_share_brl(op->state), op, pid,
				       offset, length);

	if (!status)
		atomic_dec(&req->sc->nr_locks);
	return status;
}

/*
 * Count @nr locks against the connection's KCIFSD_CONN_MAX_LOCKS before
 * asking for them; lock_unreserve() gives back what was not granted.
 */
static u32 lock_reserve(struct kcifsd_smb_conn *sc, unsigned int nr)
{
	if (atomic_add_return(nr, &sc->nr_locks) <= KCIFSD_CONN_MAX_LOCKS)
		return STATUS_SUCCESS;
	atomic_sub(nr, &sc->nr_locks);
	pr_info_ratelimited("%pISc: more than %u byte-range locks on the connection\n",
			    &sc->conn->peer, KCIFSD_CONN_MAX_LOCKS);
	return STATUS_INSUFF_SERVER_RESOURCES;
}

static void lock_unreserve(struct kcifsd_smb_conn *sc, unsigned int nr,
			   u32 status)
{
	if (status != STATUS_SUCCESS && status != STATUS_PENDING)
		atomic_sub(nr, &sc->nr_locks);
}

/*
 * Take one request's locks, all or none (MS-CIFS 3.3.5.30); with a
 * Timeout the request waits for them (req->priv).
 */
static u32 lock_take(struct kcifsd_smb_req *req, struct kcifsd_open *op,
		     const u8 *p, unsigned int nr, unsigned int size,
		     bool large, bool exclusive, u32 timeout)
{
	struct lock_wait *lw;
	LIST_HEAD(want);
	u32 status;

	status = lock_list_build(op, p, nr, size, large, exclusive, &want);
	if (status)
		goto out;
	status = lock_reserve(req->sc, nr);
	if (status)
		goto out;
	if (!timeout) {
		status = kcifsd_brl_lock(kcifsd_share_brl(op->state), &want,
					 &op->lock_err, NULL);
		goto unreserve;
	}
	lw = lock_wait_alloc(req, op, timeout, large, &want);
	if (!lw) {
		status = STATUS_NO_MEMORY;
		goto unreserve;
	}
	lw->nr = nr;
	status = lock_wait_try(req, lw);
	if (status == STATUS_PENDING)
		req->priv = lw;
	else
		lock_wait_free(req, lw);
unreserve:
	lock_unreserve(req->sc, nr, status);
out:
	lock_list_free(&want);
	return status;
}

/* A parked LOCKING_ANDX is woken: try again, or end. */
static u32 lock_resumed(struct kcifsd_smb_req *req)
{
	struct lock_wait *lw = req->priv;
	u32 status;

	req->priv = NULL;
	status = lock_wait_try(req, lw);
	if (status == STATUS_PENDING) {
		req->priv = lw;
		return status;
	}
	lock_unreserve(req->sc, lw->nr, status);
	lock_wait_free(req, lw);
	return status;
}

/**
 * kcifsd_smb_locking_andx() - SMB_COM_LOCKING_ANDX handler
 * @req: the request
 *
 * Unlocks first, each on its own (a failing one ends the request, the
 * ones before it stay undone: smbtorture raw.lock.multiple_unlock), then
 * the locks, all or none. With a Timeout other than 0 the request parks
 * until every lock is free (any unlock or close of the file retries it),
 * its time is up or it is cancelled (NT_CANCEL, CANCEL_LOCK: then
 * STATUS_FILE_LOCK_CONFLICT, as Windows; the close of its FID:
 * STATUS_RANGE_NOT_LOCKED). A request that only releases an oplock gets
 * no reply (MS-CIFS 3.3.5.30); kcifsd grants no oplocks, so there is
 * nothing else to do for it. Windows does not change lock types
 * (CHANGE_LOCKTYPE, <39>).
 *
 * Return: an NTSTATUS, STATUS_PENDING when parked.
 */
u32 kcifsd_smb_locking_andx(struct kcifsd_smb_req *req)
{
	const struct smb1_locking_andx_req *w = (const void *)req->words;
	unsigned int nr_unlocks = get_unaligned_le16(&w->nr_unlocks);
	unsigned int nr_locks = get_unaligned_le16(&w->nr_locks);
	u32 timeout = get_unaligned_le32(&w->timeout);
	bool large = w->type & LOCKING_ANDX_LARGE_FILES;
	unsigned int size = large ? sizeof(struct smb1_locking_range64) :
				    sizeof(struct smb1_locking_range32);
	struct kcifsd_open *op;
	struct lock_range r;
	const u8 *p = req->bytes;
	unsigned int i;
	u32 status;

	if (req->resumed) {
		status = lock_resumed(req);
		goto reply;
	}
	if ((w->type & LOCKING_ANDX_OPLOCK_RELEASE) && !nr_unlocks &&
	    !nr_locks) {
		kcifsd_smb_rsp_none(req);
		return STATUS_SUCCESS;
	}
	/* Both counts are 16-bit: the product cannot overflow. */
	if ((nr_unlocks + nr_locks) * size > req->bc) {
		pr_info_ratelimited("%pISc: LOCKING_ANDX with %u+%u ranges in %u bytes\n",
				    &req->conn->peer, nr_unlocks, nr_locks,
				    req->bc);
		return STATUS_INVALID_SMB;
	}
	status = lock_get_open(req, get_unaligned_le16(&w->fid), &op);
	if (status)
		return status;
	if (w->type & LOCKING_ANDX_CHANGE_LOCKTYPE) {
		status = STATUS_OS2_ATOMIC_LOCKS_NOT_SUPPORTED;
		goto out;
	}
	if (w->type & LOCKING_ANDX_CANCEL_LOCK) {
		status = lock_cancel(req, op, p + nr_unlocks * size, nr_locks,
				     large);
		goto out;
	}
	for (i = 0; i < nr_unlocks; i++, p += size) {
		lock_range_get(p, large, &r);
		if (!kcifsd_brl_range_valid(r.offset, r.length))
			status = STATUS_INVALID_LOCK_RANGE;
		else
			status = lock_unlock(req, op, r.pid, r.offset,
					     r.length);
		if (status)
			goto out;
	}
	if (nr_locks)
		status = lock_take(req, op, p, nr_locks, size, large,
				   !(w->type & LOCKING_ANDX_SHARED_LOCK),
				   timeout);
out:
	kcifsd_open_put(op);
reply:
	if (status)
		return status;
	return kcifsd_smb_rsp_block(req, sizeof(struct smb1_andx) / 2, 0) ?
	       STATUS_SUCCESS : STATUS_INSUFF_SERVER_RESOURCES;
}

/**
 * kcifsd_lock_range32() - lock or unlock one range the core way
 * @req: LOCK_BYTE_RANGE, UNLOCK_BYTE_RANGE, LOCK_AND_READ or
 *	WRITE_AND_UNLOCK
 * @op: its open, a regular file
 * @offset: the 32-bit offset
 * @count: the 32-bit length
 * @lock: lock, else unlock
 *
 * An exclusive lock of the request's PID that does not wait.
 *
 * Return: STATUS_SUCCESS, or the status of the lock or unlock.
 */
u32 kcifsd_lock_range32(struct kcifsd_smb_req *req, struct kcifsd_open *op,
			u32 offset, u32 count, bool lock)
{
	u8 range[sizeof(struct smb1_locking_range32)];

	if (!lock)
		return lock_unlock(req, op, req->pid & 0xffff, offset, count);
	put_unaligned_le16(req->pid & 0xffff, range);
	put_unaligned_le32(offset, range + 2);
	put_unaligned_le32(count, range + 6);
	return lock_take(req, op, range, 1, sizeof(range), false, true, 0);
}

/* LOCK_BYTE_RANGE and UNLOCK_BYTE_RANGE. */
static u32 lock_byte_range(struct kcifsd_smb_req *req, bool lock)
{
	const struct smb1_lock_range_req *w = (const void *)req->words;
	struct kcifsd_open *op;
	u32 status;

	status = lock_get_open(req, get_unaligned_le16(&w->fid), &op);
	if (status)
		return status;
	status = kcifsd_lock_range32(req, op, get_unaligned_le32(&w->offset),
				     get_unaligned_le32(&w->count), lock);
	kcifsd_open_put(op);
	if (status)
		return status;
	return kcifsd_smb_rsp_block(req, 0, 0) ? STATUS_SUCCESS :
						  STATUS_INSUFF_SERVER_RESOURCES;
}

/**
 * kcifsd_smb_lock_byte_range() - SMB_COM_LOCK_BYTE_RANGE handler
 * @req: the request
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_lock_byte_range(struct kcifsd_smb_req *req)
{
	return lock_byte_range(req, true);
}

/**
 * kcifsd_smb_unlock_byte_range() - SMB_COM_UNLOCK_BYTE_RANGE handler
 * @req: the request
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_unlock_byte_range(struct kcifsd_smb_req *req)
{
	return lock_byte_range(req, false);
}

/**
 * kcifsd_lock_release_open() - an open closes: its locks go
 * @op: the open (CLOSE, the teardown cascades, its last reference)
 */
void kcifsd_lock_release_open(struct kcifsd_open *op)
{
	unsigned int nr;

	if (!op->state)
		return;
	nr = kcifsd_brl_release_open(kcifsd_share_brl(op->state), op);
	/* Only a close (the connection is there) finds locks to release. */
	if (nr)
		atomic_sub(nr, &op->sc->nr_locks);
}
