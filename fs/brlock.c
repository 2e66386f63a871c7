// SPDX-License-Identifier: GPL-2.0-only
/*
 * The byte-range lock table of a file; see fs/brlock.h.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/slab.h>

#include "fs/brlock.h"
#include "fs/ntstatus.h"

/*
 * Windows answers a conflict at an offset from 0xEF000000 up with
 * STATUS_FILE_LOCK_CONFLICT whatever came before, unless the offset has
 * its top bit set (smbtorture raw.lock.lock and lockx).
 */
#define BRL_CONFLICT_OFFSET	0xEF000000ULL

/**
 * kcifsd_brl_init() - an empty lock table
 * @bf: the table
 */
void kcifsd_brl_init(struct kcifsd_brl_file *bf)
{
	spin_lock_init(&bf->lock);
	INIT_LIST_HEAD(&bf->locks);
	atomic_set(&bf->count, 0);
	INIT_LIST_HEAD(&bf->waiters);
}

/**
 * kcifsd_brl_wait_init() - prepare a lock request that may wait
 * @w: its waiter
 * @open: its open
 * @wake: how the table wakes it (struct kcifsd_brl_wait)
 */
void kcifsd_brl_wait_init(struct kcifsd_brl_wait *w, const void *open,
			  void (*wake)(struct kcifsd_brl_wait *w))
{
	INIT_LIST_HEAD(&w->node);
	atomic_set(&w->state, KCIFSD_BRL_WOKEN);
	w->open = open;
	w->closed = false;
	w->may_wait = false;
	w->want = NULL;
	w->blocked = 0;
	w->wake = wake;
}

/**
 * kcifsd_brl_wait_claim() - take the right to wake a parked request
 * @w: its waiter
 *
 * For the waker of the moment (an unlock, a close, a timer, a cancel):
 * only the first since the request parked gets true, and must wake it.
 *
 * Return: true if the caller must wake the request.
 */
bool kcifsd_brl_wait_claim(struct kcifsd_brl_wait *w)
{
	return atomic_cmpxchg(&w->state, KCIFSD_BRL_WAITING,
			      KCIFSD_BRL_WOKEN) == KCIFSD_BRL_WAITING;
}

/* Locks may have become free: every parked waiter tries again. */
static void brl_wake_all(struct kcifsd_brl_file *bf)
{
	struct kcifsd_brl_wait *w;

	lockdep_assert_held(&bf->lock);
	list_for_each_entry(w, &bf->waiters, node)
		if (kcifsd_brl_wait_claim(w))
			w->wake(w);
}

/**
 * kcifsd_brl_range_valid() - does a range stay inside 64-bit offsets?
 * @offset: first byte
 * @length: bytes, 0 allowed
 *
 * MS-FSA 2.1.5.8 and 2.1.5.9: a range whose last byte lies past
 * 2^64 - 1 is STATUS_INVALID_LOCK_RANGE.
 *
 * Return: true if the range may be locked or unlocked.
 */
bool kcifsd_brl_range_valid(u64 offset, u64 length)
{
	return !length || offset + length - 1 >= offset;
}

/*
 * Do two ranges share a byte? MS-FSA 2.1.4.10: the {0, 0} range overlaps
 * nothing; otherwise a range covers offset .. offset + length - 1, which
 * for a zero-length range at N is the empty "N - 1 .. N" seam: it
 * overlaps only a range that holds both N - 1 and N.
 */
static bool brl_overlap(u64 off1, u64 len1, u64 off2, u64 len2)
{
	if ((!off1 && !len1) || (!off2 && !len2))
		return false;
	return off1 <= off2 + len2 - 1 && off1 + len1 - 1 >= off2;
}

/*
 * Does @held stand in the way of an access (MS-FSA 2.1.4.10)? An
 * exclusive lock stops every other owner, and its own owner from
 * stacking a second exclusive lock over it; a shared lock stops every
 * exclusive access (an exclusive lock, a write), whoever asks.
 */
static bool brl_conflict(const struct kcifsd_brl_lock *held,
			 const void *open, u16 pid, u64 offset, u64 length,
			 bool exclusive, bool lock_intent)
{
	if (!brl_overlap(held->offset, held->length, offset, length))
		return false;
	if (!held->exclusive)
		return exclusive;
	if (held->open != open || held->pid != pid)
		return true;
	return lock_intent && exclusive;
}

/**
 * kcifsd_brl_io_conflict() - the slow half of kcifsd_brl_check_io()
 * @bf: the file's locks
 * @open: the open doing the I/O
 * @pid: the PIDLow of the request
 * @offset: first byte
 * @length: bytes, not 0
 * @write: a write, else a read
 *
 * Return: true if a lock forbids the I/O.
 */
bool kcifsd_brl_io_conflict(struct kcifsd_brl_file *bf, const void *open,
			    u16 pid, u64 offset, u64 length, bool write)
{
	struct kcifsd_brl_lock *held;
	bool conflict = false;

	/* An I/O range past 2^64 - 1 cannot reach a lock beyond it. */
	if (!kcifsd_brl_range_valid(offset, length))
		length = U64_MAX - offset + 1;
	spin_lock(&bf->lock);
	list_for_each_entry(held, &bf->locks, node) {
		if (brl_conflict(held, open, pid, offset, length, write,
				 false)) {
			conflict = true;
			break;
		}
	}
	spin_unlock(&bf->lock);
	return conflict;
}

/* The status of a lock that failed, and the open's cache of it. */
static u32 brl_fail_status(struct kcifsd_brl_errcache *ec, u64 offset,
			   bool waited)
{
	u32 status = STATUS_LOCK_NOT_GRANTED;

	if (waited || (ec->valid && ec->offset == offset) ||
	    (offset >= BRL_CONFLICT_OFFSET && !(offset >> 63)))
		status = STATUS_FILE_LOCK_CONFLICT;
	ec->offset = offset;
	ec->valid = true;
	return status;
}

/*
 * Is @want free to be granted over the locks the file holds now, and
 * over what the requests waiting before @wait ask for (all of them for a
 * request that is not waiting)? Windows grants in the order requests
 * came (smbtorture raw.lock.multilock2 to 6).
 */
static bool brl_grantable(struct kcifsd_brl_file *bf,
			  const struct kcifsd_brl_lock *want,
			  const struct kcifsd_brl_wait *wait)
{
	struct kcifsd_brl_lock *held;
	struct kcifsd_brl_wait *w;

	list_for_each_entry(held, &bf->locks, node)
		if (brl_conflict(held, want->open, want->pid, want->offset,
				 want->length, want->exclusive, true))
			return false;
	list_for_each_entry(w, &bf->waiters, node) {
		if (w == wait)
			break;
		list_for_each_entry(held, w->want, node)
			if (brl_conflict(held, want->open, want->pid,
					 want->offset, want->length,
					 want->exclusive, true))
				return false;
	}
	return true;
}

/**
 * kcifsd_brl_lock() - grant every lock of a request, or none
 * @bf: the file's locks
 * @want: the locks asked for, allocated and filled in by the caller, in
 *	request order; the ranges are valid (kcifsd_brl_range_valid())
 * @ec: the requesting open's error cache (struct kcifsd_brl_errcache)
 * @wait: NULL for a request with Timeout 0; else the request's waiter
 *	(kcifsd_brl_wait_init()), with @wait->may_wait set
 *
 * MS-CIFS 3.3.5.30: the locks are granted in order, each checked against
 * the file's locks and those granted before it; on the first conflict the
 * ones granted are taken back. On success the table owns every entry
 * and @want is empty; otherwise @want is as it was (the caller frees it,
 * or keeps it to try again).
 *
 * A request that may wait parks on a conflict: it joins the file's
 * waiters (if not there yet) as KCIFSD_BRL_WAITING and gets
 * STATUS_PENDING; it must not run again before it is woken. On any other
 * outcome it leaves the waiters. A request whose open closed meanwhile
 * gets STATUS_RANGE_NOT_LOCKED, as on Windows (smbtorture raw.lock.async).
 *
 * Return: STATUS_SUCCESS, STATUS_PENDING, STATUS_LOCK_NOT_GRANTED,
 * STATUS_FILE_LOCK_CONFLICT (also a waiting request whose time is up),
 * STATUS_RANGE_NOT_LOCKED or STATUS_INSUFF_SERVER_RESOURCES (the file
 * would hold more than KCIFSD_BRL_MAX_LOCKS).
 */
u32 kcifsd_brl_lock(struct kcifsd_brl_file *bf, struct list_head *want,
		    struct kcifsd_brl_errcache *ec, struct kcifsd_brl_wait *wait)
{
	struct kcifsd_brl_lock *w;
	unsigned int nr = 0, granted = 0;
	u32 status = STATUS_SUCCESS;

	list_for_each_entry(w, want, node)
		nr++;
	spin_lock(&bf->lock);
	if (wait && wait->closed) {
		status = STATUS_RANGE_NOT_LOCKED;
		goto out;
	}
	if (nr > KCIFSD_BRL_MAX_LOCKS - atomic_read(&bf->count)) {
		status = STATUS_INSUFF_SERVER_RESOURCES;
		goto out;
	}
	while (!list_empty(want)) {
		w = list_first_entry(want, struct kcifsd_brl_lock, node);
		if (!brl_grantable(bf, w, wait)) {
			if (wait && wait->may_wait) {
				wait->blocked = w->offset;
				status = STATUS_PENDING;
			} else {
				status = brl_fail_status(ec, w->offset, wait);
			}
			break;
		}
		list_move_tail(&w->node, &bf->locks);
		granted++;
	}
	if (status) {
		/* The granted ones are the table's last, in order. */
		while (granted--) {
			w = list_last_entry(&bf->locks, struct kcifsd_brl_lock,
					    node);
			list_move(&w->node, want);
		}
	} else {
		atomic_add(nr, &bf->count);
	}
out:
	if (status == STATUS_PENDING) {
		wait->want = want;
		if (list_empty(&wait->node))
			list_add_tail(&wait->node, &bf->waiters);
		/* A full barrier: the caller then checks for a cancel. */
		atomic_xchg(&wait->state, KCIFSD_BRL_WAITING);
	} else if (wait) {
		list_del_init(&wait->node);
	}
	spin_unlock(&bf->lock);
	return status;
}

/**
 * kcifsd_brl_wait_end() - a waiting request is cancelled
 * @bf: the file's locks
 * @w: its waiter, running (not parked)
 * @ec: its open's error cache, which then holds the offset of the lock
 *	it waited for
 *
 * NT_CANCEL and CANCEL_LOCK fail a waiting lock as its timeout would
 * (STATUS_FILE_LOCK_CONFLICT, smbtorture raw.mux and raw.lock.async),
 * unless its open closed first.
 *
 * Return: STATUS_FILE_LOCK_CONFLICT or STATUS_RANGE_NOT_LOCKED.
 */
u32 kcifsd_brl_wait_end(struct kcifsd_brl_file *bf, struct kcifsd_brl_wait *w,
			struct kcifsd_brl_errcache *ec)
{
	u32 status = STATUS_RANGE_NOT_LOCKED;

	spin_lock(&bf->lock);
	list_del_init(&w->node);
	if (!w->closed)
		status = brl_fail_status(ec, w->blocked, true);
	spin_unlock(&bf->lock);
	return status;
}

/**
 * kcifsd_brl_unlock() - remove one lock (MS-FSA 2.1.5.9)
 * @bf: the file's locks
 * @open: the open asking
 * @pid: the PIDLow the lock was taken with
 * @offset: its exact offset
 * @length: its exact length
 *
 * Of several locks that match, an exclusive one goes first.
 *
 * Return: STATUS_SUCCESS, or STATUS_RANGE_NOT_LOCKED if no lock of that
 * owner has exactly that range.
 */
u32 kcifsd_brl_unlock(struct kcifsd_brl_file *bf, const void *open, u16 pid,
		      u64 offset, u64 length)
{
	struct kcifsd_brl_lock *l, *found = NULL;

	spin_lock(&bf->lock);
	list_for_each_entry(l, &bf->locks, node) {
		if (l->open != open || l->pid != pid || l->offset != offset ||
		    l->length != length)
			continue;
		found = l;
		if (l->exclusive)
			break;
	}
	if (found) {
		list_del(&found->node);
		atomic_dec(&bf->count);
		brl_wake_all(bf);
	}
	spin_unlock(&bf->lock);
	if (!found)
		return STATUS_RANGE_NOT_LOCKED;
	kfree(found);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_brl_release_open() - remove every lock of an open
 * @bf: the file's locks
 * @open: the open, closing (MS-CIFS 3.3.5.9: close releases its locks)
 *
 * Its waiting lock requests end with STATUS_RANGE_NOT_LOCKED; the other
 * waiters try again.
 *
 * Return: the number of locks removed.
 */
unsigned int kcifsd_brl_release_open(struct kcifsd_brl_file *bf,
				     const void *open)
{
	struct kcifsd_brl_lock *l, *tmp;
	struct kcifsd_brl_wait *w;
	unsigned int nr = 0;
	LIST_HEAD(gone);

	spin_lock(&bf->lock);
	list_for_each_entry_safe(l, tmp, &bf->locks, node) {
		if (l->open == open) {
			list_move(&l->node, &gone);
			nr++;
		}
	}
	atomic_sub(nr, &bf->count);
	list_for_each_entry(w, &bf->waiters, node)
		if (w->open == open)
			w->closed = true;
	if (nr || !list_empty(&bf->waiters))
		brl_wake_all(bf);
	spin_unlock(&bf->lock);
	list_for_each_entry_safe(l, tmp, &gone, node)
		kfree(l);
	return nr;
}
