// SPDX-License-Identifier: GPL-2.0-only
/*
 * The byte-range lock table of a file; see fs/brlock.h.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/interval_tree_generic.h>
#include <linux/slab.h>

#include "fs/brlock.h"
#include "fs/ntstatus.h"

/*
 * Windows answers a conflict at an offset from 0xEF000000 up with
 * STATUS_FILE_LOCK_CONFLICT whatever came before, unless the offset has
 * its top bit set (smbtorture raw.lock.lock and lockx).
 */
#define BRL_CONFLICT_OFFSET	0xEF000000ULL

/*
 * The interval trees key a lock on [offset, offset + length - 1] in
 * 64-bit arithmetic that wraps, as brl_overlap() computes it: a
 * zero-length lock at N > 0 is "N .. N - 1", its start above its last.
 * The generic tree is sorted by start and keeps the largest last of each
 * subtree; its search returns the nodes with start <= q.last and
 * last >= q.start and assumes start <= last neither of a node nor of
 * the query. Its answer is thus exactly brl_overlap()'s test, bar the
 * {0, 0} rule: a {0, 0} lock ("0 .. 2^64 - 1" here) is in no tree and a
 * {0, 0} range is never looked up.
 */
#define BRL_START(l)	((l)->offset)
#define BRL_LAST(l)	((l)->offset + (l)->length - 1)

INTERVAL_TREE_DEFINE(struct kcifsd_brl_lock, rb, u64, subtree_last,
		     BRL_START, BRL_LAST, static, brl_it)

/* The {0, 0} range overlaps nothing (MS-FSA 2.1.4.10). */
static bool brl_null(u64 offset, u64 length)
{
	return !offset && !length;
}

/* One more lock looked at by a search: the KUnit suite bounds them. */
static inline void brl_visit(struct kcifsd_brl_file *bf)
{
#if IS_ENABLED(CONFIG_KCIFSD_KUNIT_TEST)
	bf->visits++;
#endif
}

/* @trees[0] holds the shared locks, @trees[1] the exclusive ones. */
static void brl_tree_add(struct rb_root_cached *trees,
			 struct kcifsd_brl_lock *l)
{
	if (!brl_null(l->offset, l->length))
		brl_it_insert(l, &trees[l->exclusive]);
}

static void brl_tree_del(struct rb_root_cached *trees,
			 struct kcifsd_brl_lock *l)
{
	if (!brl_null(l->offset, l->length))
		brl_it_remove(l, &trees[l->exclusive]);
}

/* The order of @exact: owner, then range; 0 for the same lock. */
static int brl_exact_cmp(const struct kcifsd_brl_lock *a,
			 const struct kcifsd_brl_lock *b)
{
	if (a->open != b->open)
		return (unsigned long)a->open < (unsigned long)b->open ? -1 : 1;
	if (a->pid != b->pid)
		return a->pid < b->pid ? -1 : 1;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	if (a->length != b->length)
		return a->length < b->length ? -1 : 1;
	return 0;
}

/* Of the same lock, an exclusive one comes first: the unlock takes it. */
static bool brl_exact_less(struct rb_node *a, const struct rb_node *b)
{
	const struct kcifsd_brl_lock *la, *lb;
	int cmp;

	la = rb_entry(a, struct kcifsd_brl_lock, exact);
	lb = rb_entry(b, struct kcifsd_brl_lock, exact);
	cmp = brl_exact_cmp(la, lb);
	return cmp ? cmp < 0 : la->exclusive && !lb->exclusive;
}

static int brl_exact_find(const void *key, const struct rb_node *n)
{
	return brl_exact_cmp(key, rb_entry(n, struct kcifsd_brl_lock, exact));
}

static int brl_open_find(const void *key, const struct rb_node *n)
{
	const void *open = rb_entry(n, struct kcifsd_brl_lock, exact)->open;

	if (key == open)
		return 0;
	return (unsigned long)key < (unsigned long)open ? -1 : 1;
}

/* A lock joins the file's: after the others, in every index. */
static void brl_hold(struct kcifsd_brl_file *bf, struct kcifsd_brl_lock *l)
{
	list_move_tail(&l->node, &bf->locks);
	brl_tree_add(bf->held, l);
	rb_add(&l->exact, &bf->exact, brl_exact_less);
}

/* Out of the indexes; the caller moves it off @locks. */
static void brl_unhold(struct kcifsd_brl_file *bf, struct kcifsd_brl_lock *l)
{
	brl_tree_del(bf->held, l);
	rb_erase(&l->exact, &bf->exact);
}

/* A parked request's wants go into its @wanted, and out of it. */
static void brl_pend(struct kcifsd_brl_wait *w)
{
	struct kcifsd_brl_lock *l;

	list_for_each_entry(l, w->want, node)
		brl_tree_add(w->wanted, l);
}

static void brl_unpend(struct kcifsd_brl_wait *w)
{
	struct kcifsd_brl_lock *l;

	list_for_each_entry(l, w->want, node)
		brl_tree_del(w->wanted, l);
}

/**
 * kcifsd_brl_init() - an empty lock table
 * @bf: the table
 */
void kcifsd_brl_init(struct kcifsd_brl_file *bf)
{
	spin_lock_init(&bf->lock);
	INIT_LIST_HEAD(&bf->locks);
	atomic_set(&bf->count, 0);
	bf->held[0] = RB_ROOT_CACHED;
	bf->held[1] = RB_ROOT_CACHED;
	bf->exact = RB_ROOT;
	INIT_LIST_HEAD(&bf->waiters);
#if IS_ENABLED(CONFIG_KCIFSD_KUNIT_TEST)
	bf->visits = 0;
#endif
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
	w->wanted[0] = RB_ROOT_CACHED;
	w->wanted[1] = RB_ROOT_CACHED;
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

/*
 * Does a lock of @root stand in the way of an access (brl_conflict())?
 * Only the locks that overlap the range are looked at.
 */
static bool brl_tree_conflict(struct kcifsd_brl_file *bf,
			      struct rb_root_cached *root, const void *open,
			      u16 pid, u64 offset, u64 length, bool exclusive,
			      bool lock_intent)
{
	u64 last = offset + length - 1;
	struct kcifsd_brl_lock *l;

	if (brl_null(offset, length))
		return false;
	for (l = brl_it_iter_first(root, offset, last); l;
	     l = brl_it_iter_next(l, offset, last)) {
		brl_visit(bf);
		if (brl_conflict(l, open, pid, offset, length, exclusive,
				 lock_intent))
			return true;
	}
	return false;
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
	bool conflict;

	/* An I/O range past 2^64 - 1 cannot reach a lock beyond it. */
	if (!kcifsd_brl_range_valid(offset, length))
		length = U64_MAX - offset + 1;
	spin_lock(&bf->lock);
	/* A shared lock stops writes only (brl_conflict()). */
	conflict = brl_tree_conflict(bf, &bf->held[1], open, pid, offset,
				     length, write, false) ||
		   (write && brl_tree_conflict(bf, &bf->held[0], open, pid,
					       offset, length, write, false));
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

/* Does a lock of @trees stand in the way of @want? */
static bool brl_trees_conflict(struct kcifsd_brl_file *bf,
			       struct rb_root_cached *trees,
			       const struct kcifsd_brl_lock *want)
{
	/* A shared lock meets exclusive ones only (brl_conflict()). */
	return (want->exclusive &&
		brl_tree_conflict(bf, &trees[0], want->open, want->pid,
				  want->offset, want->length, true, true)) ||
	       brl_tree_conflict(bf, &trees[1], want->open, want->pid,
				 want->offset, want->length, want->exclusive,
				 true);
}

/*
 * Is @want free to be granted over the locks the file holds now, and
 * over what the requests waiting before @wait ask for (all of them for a
 * request that is not waiting)? Windows grants in the order requests
 * came (smbtorture raw.lock.multilock2 to 6). Each waiter costs a look
 * at its own trees, which a range away from its wants answers at once.
 */
static bool brl_grantable(struct kcifsd_brl_file *bf,
			  const struct kcifsd_brl_lock *want,
			  const struct kcifsd_brl_wait *wait)
{
	struct kcifsd_brl_wait *w;

	if (brl_trees_conflict(bf, bf->held, want))
		return false;
	list_for_each_entry(w, &bf->waiters, node) {
		if (w == wait)
			break;
		if (brl_trees_conflict(bf, w->wanted, want))
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
 * A request among the waiters passes the same @want each time.
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
	/* Waiting already: its wants leave its trees while it runs. */
	if (wait && !list_empty(&wait->node))
		brl_unpend(wait);
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
		brl_hold(bf, w);
		granted++;
	}
	if (status) {
		/* The granted ones are the table's last, in order. */
		while (granted--) {
			w = list_last_entry(&bf->locks, struct kcifsd_brl_lock,
					    node);
			brl_unhold(bf, w);
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
		brl_pend(wait);
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
	if (!list_empty(&w->node)) {
		brl_unpend(w);
		list_del_init(&w->node);
	}
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
 * Of several locks that match, an exclusive one goes first (of several
 * shared ones any: nothing tells them apart).
 *
 * Return: STATUS_SUCCESS, or STATUS_RANGE_NOT_LOCKED if no lock of that
 * owner has exactly that range.
 */
u32 kcifsd_brl_unlock(struct kcifsd_brl_file *bf, const void *open, u16 pid,
		      u64 offset, u64 length)
{
	struct kcifsd_brl_lock key = {
		.open = open, .pid = pid, .offset = offset, .length = length,
	};
	struct kcifsd_brl_lock *found = NULL;
	struct rb_node *rb;

	spin_lock(&bf->lock);
	rb = rb_find_first(&key, &bf->exact, brl_exact_find);
	if (rb) {
		found = rb_entry(rb, struct kcifsd_brl_lock, exact);
		brl_unhold(bf, found);
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
	struct rb_node *rb;
	LIST_HEAD(gone);

	spin_lock(&bf->lock);
	/* @exact keeps an open's locks together. */
	rb = rb_find_first(open, &bf->exact, brl_open_find);
	while (rb) {
		l = rb_entry(rb, struct kcifsd_brl_lock, exact);
		if (l->open != open)
			break;
		rb = rb_next(rb);
		brl_unhold(bf, l);
		list_move(&l->node, &gone);
		nr++;
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
