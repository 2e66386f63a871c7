// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/brlock.c: the Windows byte-range lock rules of
 * MS-FSA 2.1.4.10/2.1.5.8/2.1.5.9 as smbtorture raw.lock and base.lock
 * check them: the shared/exclusive conflict matrix for locks and for
 * I/O, zero-length locks, ranges past 2^64 - 1, stacking, all-or-nothing
 * requests, unlock matching, the error-code quirk and the limits.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "fs/brlock.h"
#include "fs/ntstatus.h"

/* Two opens of one file: only their addresses matter. */
static int open_a, open_b;
#define A	((const void *)&open_a)
#define B	((const void *)&open_b)

struct brl_ctx {
	struct kcifsd_brl_file bf;
	struct kcifsd_brl_errcache ec_a, ec_b;
};

static struct brl_ctx *brl_setup(struct kunit *test)
{
	struct brl_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	kcifsd_brl_init(&c->bf);
	return c;
}

static void brl_add(struct kunit *test, struct list_head *want,
		    const void *open, u16 pid, u64 off, u64 len, bool excl)
{
	struct kcifsd_brl_lock *l = kzalloc(sizeof(*l), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, l);
	l->open = open;
	l->pid = pid;
	l->offset = off;
	l->length = len;
	l->exclusive = excl;
	list_add_tail(&l->node, want);
}

static void brl_free(struct list_head *list)
{
	struct kcifsd_brl_lock *l, *tmp;

	list_for_each_entry_safe(l, tmp, list, node)
		kfree(l);
}

/* One lock, as LOCKING_ANDX with Timeout 0 would take it. */
static u32 lock1(struct kunit *test, struct brl_ctx *c, const void *open,
		 u16 pid, u64 off, u64 len, bool excl)
{
	LIST_HEAD(want);
	u32 status;

	brl_add(test, &want, open, pid, off, len, excl);
	status = kcifsd_brl_lock(&c->bf, &want,
				 open == A ? &c->ec_a : &c->ec_b, NULL);
	if (status)
		KUNIT_EXPECT_FALSE(test, list_empty(&want));
	else
		KUNIT_EXPECT_TRUE(test, list_empty(&want));
	brl_free(&want);
	return status;
}

static unsigned int brl_wakes;

static void brl_woken(struct kcifsd_brl_wait *w)
{
	brl_wakes++;
}

static bool granted(u32 status)
{
	return status == STATUS_SUCCESS;
}

static void brl_teardown(struct brl_ctx *c)
{
	kcifsd_brl_release_open(&c->bf, A);
	kcifsd_brl_release_open(&c->bf, B);
}

/*
 * held (owner A/1) x wanted: {shared, exclusive} x {same owner, other
 * PID, other open}, over the same bytes.
 */
static void brl_lock_matrix(struct kunit *test)
{
	static const struct {
		bool held_excl, want_excl;
		const void *open;
		u16 pid;
		bool ok;
	} m[] = {
		{ false, false, A, 1, true },	/* shared on shared */
		{ false, false, A, 2, true },
		{ false, false, B, 1, true },
		{ false, true, A, 1, false },	/* exclusive on shared */
		{ false, true, A, 2, false },
		{ false, true, B, 1, false },
		{ true, false, A, 1, true },	/* own shared on own exclusive */
		{ true, false, A, 2, false },
		{ true, false, B, 1, false },
		{ true, true, A, 1, false },	/* exclusives never stack */
		{ true, true, A, 2, false },
		{ true, true, B, 1, false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(m); i++) {
		struct brl_ctx *c = brl_setup(test);

		KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 100, 10,
					    m[i].held_excl), STATUS_SUCCESS);
		KUNIT_EXPECT_EQ_MSG(test, granted(lock1(test, c, m[i].open,
							m[i].pid, 102, 5,
							m[i].want_excl)),
				    m[i].ok, "case %u", i);
		/* Adjacent bytes never conflict. */
		KUNIT_EXPECT_EQ(test, lock1(test, c, B, 9, 110, 5, true),
				STATUS_SUCCESS);
		KUNIT_EXPECT_EQ(test, lock1(test, c, B, 9, 95, 5, true),
				STATUS_SUCCESS);
		brl_teardown(c);
	}
}

/* Reads and writes against locks (base.lock LOCK7, raw.lock.changetype). */
static void brl_io_matrix(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);

	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, B, 1, 0, 1000,
						     true));
	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 100, 10, false), 0u);
	/* Shared: everyone reads, nobody writes, the holder neither. */
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, A, 1, 100, 4,
						     false));
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, B, 2, 100, 4,
						     false));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, A, 1, 100, 4,
						    true));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, B, 1, 90, 11,
						    true));
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, B, 1, 90, 10,
						     true));
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 100, 10), 0u);

	/* Exclusive: its owner (open and PID) reads and writes, no one else. */
	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 100, 10, true), 0u);
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, A, 1, 100, 10,
						     true));
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, A, 1, 100, 10,
						     false));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, A, 2, 109, 1,
						    false));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, B, 1, 0, 101,
						    false));
	/* Zero-length I/O and I/O to the end of 64-bit space. */
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, B, 1, 105, 0,
						     true));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, B, 1, 50,
						    U64_MAX, false));
	brl_teardown(c);
}

/* raw.lock.zerobytelocks: a zero-length lock at N is the seam N-1|N. */
static void brl_zero_length(struct kunit *test)
{
	static const struct {
		u64 off1, len1, off2, len2;
		bool ok;
	} z[] = {
		{ 10, 0, 10, 0, true }, { 10, 0, 9, 1, true },
		{ 10, 0, 10, 1, true }, { 10, 0, 11, 1, true },
		{ 10, 0, 9, 2, false }, { 10, 0, 10, 2, true },
		{ 10, 0, 9, 3, false }, { 0, 0, 0, 0, true },
		{ 0, 0, 0, 100, true }, { 100, 10, 101, 0, false },
		{ 100, 10, 100, 0, true }, { 100, 10, 110, 0, true },
	};
	unsigned int i, order;

	for (i = 0; i < ARRAY_SIZE(z); i++) {
		for (order = 0; order < 2; order++) {
			struct brl_ctx *c = brl_setup(test);
			u64 o1 = order ? z[i].off2 : z[i].off1;
			u64 l1 = order ? z[i].len2 : z[i].len1;
			u64 o2 = order ? z[i].off1 : z[i].off2;
			u64 l2 = order ? z[i].len1 : z[i].len2;

			KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1000, o1, l1,
						    true), 0u);
			KUNIT_EXPECT_EQ_MSG(test,
					    granted(lock1(test, c, A, 1001,
							  o2, l2, true)),
					    z[i].ok, "case %u order %u", i,
					    order);
			brl_teardown(c);
		}
	}
}

/* MS-FSA 2.1.5.8: past 2^64 - 1 is invalid; up to it is a range. */
static void brl_overflow(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);

	KUNIT_EXPECT_TRUE(test, kcifsd_brl_range_valid(U64_MAX, 1));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_range_valid(U64_MAX, 0));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_range_valid(0, U64_MAX));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_range_valid(1, U64_MAX));
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_range_valid(U64_MAX, 2));
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_range_valid(2, U64_MAX));
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 1, U64_MAX, 1, true), 0u);
	KUNIT_EXPECT_NE(test, lock1(test, c, B, 1, U64_MAX - 9, 10, true),
			0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 1ULL << 63, 1, true), 0u);
	brl_teardown(c);
}

/* A request's locks: all or none, checked against each other too. */
static void brl_atomic(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	LIST_HEAD(want);

	KUNIT_ASSERT_EQ(test, lock1(test, c, B, 1, 200, 10, true), 0u);
	brl_add(test, &want, A, 1, 0, 10, true);
	brl_add(test, &want, A, 1, 50, 10, true);
	brl_add(test, &want, A, 1, 205, 1, true);
	KUNIT_EXPECT_NE(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, NULL),
			0u);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&want), 3);
	brl_free(&want);
	/* Nothing of the failed request stayed. */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), 1);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 0, 10, true), 0u);

	INIT_LIST_HEAD(&want);
	brl_add(test, &want, A, 1, 20, 10, true);
	brl_add(test, &want, A, 1, 25, 10, true);
	KUNIT_EXPECT_NE(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, NULL),
			0u);
	brl_free(&want);

	INIT_LIST_HEAD(&want);
	brl_add(test, &want, A, 1, 20, 10, false);
	brl_add(test, &want, A, 1, 25, 10, false);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, NULL),
			0u);
	KUNIT_EXPECT_TRUE(test, list_empty(&want));
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), 4);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, A), 2u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, B), 2u);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), 0);
}

/* MS-FSA 2.1.5.9: owner and exact range; the exclusive one first. */
static void brl_unlock_match(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);

	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 0, 10, true), 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 2, 0, 10),
			STATUS_RANGE_NOT_LOCKED);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, B, 1, 0, 10),
			STATUS_RANGE_NOT_LOCKED);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 0, 5),
			STATUS_RANGE_NOT_LOCKED);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 0, 10), 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 0, 10),
			STATUS_RANGE_NOT_LOCKED);

	/* Shared then exclusive zero-length at 10: the exclusive goes. */
	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 10, 0, false), 0u);
	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 10, 0, true), 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 10, 0), 0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 2, 5, 10, false), 0u);
	KUNIT_EXPECT_NE(test, lock1(test, c, B, 2, 5, 10, true), 0u);
	brl_teardown(c);
}

/* raw.lock.lock/lockx/errorcode: which failure status. */
static void brl_error_codes(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	struct kcifsd_brl_wait wait;
	LIST_HEAD(want);

	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 100, 10, true), 0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 100, 10, true),
			STATUS_LOCK_NOT_GRANTED);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 100, 10, true),
			STATUS_FILE_LOCK_CONFLICT);
	/* Per open: A's own cache is still empty. */
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 1, 100, 10, true),
			STATUS_LOCK_NOT_GRANTED);
	/* A success does not reset it, a failure elsewhere does. */
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 100, 0, true), 0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 100, 5, true),
			STATUS_FILE_LOCK_CONFLICT);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 105, 10, true),
			STATUS_LOCK_NOT_GRANTED);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 100, 10, true),
			STATUS_LOCK_NOT_GRANTED);
	/* A request whose wait is over fails as a timed-out wait does. */
	kcifsd_brl_wait_init(&wait, B, brl_woken);
	brl_add(test, &want, B, 1, 101, 1, true);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_b, &wait),
			STATUS_FILE_LOCK_CONFLICT);
	KUNIT_EXPECT_TRUE(test, list_empty(&c->bf.waiters));
	brl_free(&want);
	/* From 0xEF000000 up, unless bit 63 is set: always CONFLICT. */
	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 0xEF000000, 10, true), 0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 0xEF000000, 10, true),
			STATUS_FILE_LOCK_CONFLICT);
	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 1ULL << 63, 1, true), 0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 1ULL << 63, 1, true),
			STATUS_LOCK_NOT_GRANTED);
	brl_teardown(c);
}

/*
 * A request that may wait parks on the file's waiters; an unlock wakes
 * it once, the retry is granted; a close ends it with RANGE_NOT_LOCKED;
 * a cancel with FILE_LOCK_CONFLICT, and only then is the error cache set.
 */
static void brl_waiting(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	struct kcifsd_brl_wait wait;
	LIST_HEAD(want);

	brl_wakes = 0;
	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 100, 10, true), 0u);
	kcifsd_brl_wait_init(&wait, B, brl_woken);
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_wait_claim(&wait));
	brl_add(test, &want, B, 1, 105, 1, true);
	wait.may_wait = true;
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_b, &wait),
			STATUS_PENDING);
	KUNIT_EXPECT_FALSE(test, list_empty(&want));
	KUNIT_EXPECT_FALSE(test, c->ec_b.valid);
	KUNIT_EXPECT_EQ(test, atomic_read(&wait.state), KCIFSD_BRL_WAITING);
	/* A lock elsewhere changes nothing; an unlock wakes it, once. */
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 1, 0, 1, true), 0u);
	KUNIT_EXPECT_EQ(test, brl_wakes, 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 0, 1), 0u);
	KUNIT_EXPECT_EQ(test, brl_wakes, 1u);
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_wait_claim(&wait));
	/* Still held: it parks again. */
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_b, &wait),
			STATUS_PENDING);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 100, 10), 0u);
	KUNIT_EXPECT_EQ(test, brl_wakes, 2u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_b, &wait),
			0u);
	KUNIT_EXPECT_TRUE(test, list_empty(&want));
	KUNIT_EXPECT_TRUE(test, list_empty(&c->bf.waiters));

	/* A waits on B's lock; A's open closes: RANGE_NOT_LOCKED. */
	kcifsd_brl_wait_init(&wait, A, brl_woken);
	wait.may_wait = true;
	brl_add(test, &want, A, 1, 105, 1, true);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, &wait),
			STATUS_PENDING);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, A), 0u);
	KUNIT_EXPECT_EQ(test, brl_wakes, 3u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, &wait),
			STATUS_RANGE_NOT_LOCKED);
	KUNIT_EXPECT_TRUE(test, list_empty(&c->bf.waiters));
	brl_free(&want);
	INIT_LIST_HEAD(&want);

	/* Cancelled: FILE_LOCK_CONFLICT, and the cache now says 105. */
	kcifsd_brl_wait_init(&wait, A, brl_woken);
	wait.may_wait = true;
	brl_add(test, &want, A, 1, 105, 1, true);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, &wait),
			STATUS_PENDING);
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_wait_claim(&wait));
	KUNIT_EXPECT_EQ(test, kcifsd_brl_wait_end(&c->bf, &wait, &c->ec_a),
			STATUS_FILE_LOCK_CONFLICT);
	KUNIT_EXPECT_TRUE(test, list_empty(&c->bf.waiters));
	KUNIT_EXPECT_TRUE(test, c->ec_a.valid && c->ec_a.offset == 105);
	brl_free(&want);
	brl_teardown(c);
}

/* Hostile: more locks than a file may hold, all refused at once. */
static void brl_limit(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	LIST_HEAD(want);

	atomic_set(&c->bf.count, KCIFSD_BRL_MAX_LOCKS - 1);
	brl_add(test, &want, A, 1, 0, 1, true);
	brl_add(test, &want, A, 1, 1, 1, true);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, NULL),
			STATUS_INSUFF_SERVER_RESOURCES);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&want), 2);
	brl_free(&want);
	atomic_set(&c->bf.count, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&c->bf.locks));
}

static struct kunit_case brlock_cases[] = {
	KUNIT_CASE(brl_lock_matrix),
	KUNIT_CASE(brl_io_matrix),
	KUNIT_CASE(brl_zero_length),
	KUNIT_CASE(brl_overflow),
	KUNIT_CASE(brl_atomic),
	KUNIT_CASE(brl_unlock_match),
	KUNIT_CASE(brl_error_codes),
	KUNIT_CASE(brl_waiting),
	KUNIT_CASE(brl_limit),
	{}
};

static struct kunit_suite brlock_suite = {
	.name = "kcifsd_brlock",
	.test_cases = brlock_cases,
};

kunit_test_suite(brlock_suite);
