/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Windows byte-range locks (MS-FSA 2.1.1.5 ByteRangeLockList, 2.1.4.10,
 * 2.1.5.8, 2.1.5.9): the lock table of one file, shared by every open of
 * it from every connection. It hangs off the file's sharing state
 * (fs/sharemode.h, kcifsd_share_brl()); the SMB commands that fill it are
 * fs/locking.c's.
 *
 * A lock belongs to an open and a 16-bit PID (the Windows lock key is
 * FID << 16 | PIDLow, MS-CIFS <286>). Shared locks may overlap shared
 * locks; nothing else overlaps, not even for the same owner, except a
 * shared lock over the owner's own exclusive one. Reads and writes are
 * checked against the table (mandatory locking): an exclusive lock
 * keeps every other owner out, a shared lock keeps every writer out,
 * its holder too. Zero-length locks and the {0, 0} range follow the
 * overlap rule of MS-FSA 2.1.4.10.
 *
 * The table is indexed so that a lock, an unlock and the I/O check cost
 * O(log n) plus the locks they meet, never a walk of every lock (a
 * hostile LOCKING_ANDX asks for 1600 ranges against 16384 held ones,
 * under a spinlock): interval trees (include/linux/interval_tree_generic.h)
 * of the held locks, one of the shared and one of the exclusive, and two
 * per waiting request of what it asks for; an rbtree of the held locks by
 * owner and exact range for the unlock and the close. A file without locks costs a
 * read and a write one atomic read (kcifsd_brl_check_io()).
 *
 * A lock request that may wait (a Timeout) and conflicts stays on the
 * file's list of waiters (struct kcifsd_brl_wait) until it is granted or
 * ends; every unlock and every close of an open of the file, from any
 * connection, wakes the waiters to try again.
 *
 * KUnit: tests/kunit/brlock_test.c.
 */
#ifndef _KCIFSD_BRLOCK_H
#define _KCIFSD_BRLOCK_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/*
 * The most locks one file may hold: each is a small allocation a client
 * asks for, so there is a limit (STATUS_INSUFF_SERVER_RESOURCES past it).
 */
#define KCIFSD_BRL_MAX_LOCKS	16384

/**
 * struct kcifsd_brl_file - the byte-range locks of one file
 * @lock: protects everything here but @count
 * @locks: the struct kcifsd_brl_lock entries, in the order granted
 * @count: entries in @locks, read without @lock by the I/O check
 * @held: the entries of @locks by range, [0] the shared, [1] the
 *	exclusive ones (interval trees; a {0, 0} lock overlaps nothing
 *	and is in neither)
 * @exact: the entries of @locks by owner and exact range (the unlock)
 * @waiters: the struct kcifsd_brl_wait of lock requests waiting, in the
 *	order they came
 * @visits: locks a search looked at (tests/kunit/brlock_test.c bounds it)
 */
struct kcifsd_brl_file {
	spinlock_t lock;
	struct list_head locks;
	atomic_t count;
	struct rb_root_cached held[2];
	struct rb_root exact;
	struct list_head waiters;
#if IS_ENABLED(CONFIG_KCIFSD_KUNIT_TEST)
	unsigned long visits;
#endif
};

/* struct kcifsd_brl_wait.state */
#define KCIFSD_BRL_WAITING	0
#define KCIFSD_BRL_WOKEN	1

/**
 * struct kcifsd_brl_wait - a lock request that waits (MS-CIFS 3.3.5.30)
 * @node: entry in the file's @waiters from its first conflict until
 *	kcifsd_brl_lock() or kcifsd_brl_wait_end() ends the wait
 * @state: KCIFSD_BRL_WAITING while parked; whoever moves it to
 *	KCIFSD_BRL_WOKEN (kcifsd_brl_wait_claim()) wakes the request, once.
 *	Starts as KCIFSD_BRL_WOKEN: the request is running
 * @open: its open
 * @closed: the open closed meanwhile (STATUS_RANGE_NOT_LOCKED); under the
 *	file's lock
 * @may_wait: set by the caller before each try: a conflict parks the
 *	request instead of failing it (its time is not up)
 * @want: the locks it waits for, while it is among the waiters: a later
 *	request does not take them first (Windows grants locks in the
 *	order the requests came, smbtorture raw.lock.multilock2 to 6)
 * @wanted: @want by range while it is among the waiters and does not run,
 *	as struct kcifsd_brl_file.held
 * @blocked: the offset of the lock it waits for, the one a cancel
 *	reports to the open's error cache
 * @wake: called under the file's lock by whoever claimed the waiter
 *	from the table's side (an unlock, a close)
 */
struct kcifsd_brl_wait {
	struct list_head node;
	atomic_t state;
	const void *open;
	bool closed;
	bool may_wait;
	struct list_head *want;
	struct rb_root_cached wanted[2];
	u64 blocked;
	void (*wake)(struct kcifsd_brl_wait *w);
};

/**
 * struct kcifsd_brl_lock - one granted lock (MS-FSA 2.1.1.2 ByteRangeLock)
 * @node: entry in the file's list, or in a request's list of wanted locks
 * @rb: node in the file's @held (granted) or its request's @wanted tree
 * @subtree_last: the interval tree's augmentation (fs/brlock.c)
 * @exact: node in the file's @exact (granted)
 * @open: the owning open (ByteRangeLock.OwnerOpen), only compared
 * @offset: LockOffset
 * @length: LockLength, 0 allowed
 * @pid: the PIDLow of the locking process (with @open, LockKey)
 * @exclusive: IsExclusive
 */
struct kcifsd_brl_lock {
	struct list_head node;
	struct rb_node rb;
	u64 subtree_last;
	struct rb_node exact;
	const void *open;
	u64 offset;
	u64 length;
	u16 pid;
	bool exclusive;
};

/**
 * struct kcifsd_brl_errcache - the offset of an open's last failed lock
 * @offset: that offset
 * @valid: there was one
 *
 * Windows answers a lock that fails at once with STATUS_LOCK_NOT_GRANTED,
 * but with STATUS_FILE_LOCK_CONFLICT when the same open's previous failed
 * lock was at the same offset (smbtorture raw.lock.errorcode shows it is
 * per open and only failures change it). Kept under the file's lock.
 */
struct kcifsd_brl_errcache {
	u64 offset;
	bool valid;
};

void kcifsd_brl_init(struct kcifsd_brl_file *bf);
bool kcifsd_brl_range_valid(u64 offset, u64 length);
bool kcifsd_brl_io_conflict(struct kcifsd_brl_file *bf, const void *open,
			    u16 pid, u64 offset, u64 length, bool write);
u32 kcifsd_brl_lock(struct kcifsd_brl_file *bf, struct list_head *want,
		    struct kcifsd_brl_errcache *ec, struct kcifsd_brl_wait *wait);
void kcifsd_brl_wait_init(struct kcifsd_brl_wait *w, const void *open,
			  void (*wake)(struct kcifsd_brl_wait *w));
bool kcifsd_brl_wait_claim(struct kcifsd_brl_wait *w);
u32 kcifsd_brl_wait_end(struct kcifsd_brl_file *bf, struct kcifsd_brl_wait *w,
			struct kcifsd_brl_errcache *ec);
u32 kcifsd_brl_unlock(struct kcifsd_brl_file *bf, const void *open, u16 pid,
		      u64 offset, u64 length);
unsigned int kcifsd_brl_release_open(struct kcifsd_brl_file *bf,
				     const void *open);

/**
 * kcifsd_brl_check_io() - may a read or write of a range go ahead?
 * @bf: the file's locks
 * @open: the open doing the I/O
 * @pid: the PIDLow of the request
 * @offset: first byte
 * @length: bytes (0: nothing to check)
 * @write: a write (exclusive intent), else a read
 *
 * Free for a file without locks: one atomic read, no lock taken.
 *
 * Return: true if a lock forbids the I/O (STATUS_FILE_LOCK_CONFLICT).
 */
static inline bool kcifsd_brl_check_io(struct kcifsd_brl_file *bf,
				       const void *open, u16 pid, u64 offset,
				       u64 length, bool write)
{
	if (likely(!atomic_read(&bf->count)) || !length)
		return false;
	return kcifsd_brl_io_conflict(bf, open, pid, offset, length, write);
}

#endif /* _KCIFSD_BRLOCK_H */
