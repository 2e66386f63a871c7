// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/brlock.c: the Windows byte-range lock rules of
 * MS-FSA 2.1.4.10/2.1.5.8/2.1.5.9 as smbtorture raw.lock and base.lock
 * check them: the shared/exclusive conflict matrix for locks and for
 * I/O, zero-length locks, ranges past 2^64 - 1, stacking, all-or-nothing
 * requests, unlock matching, the error-code quirk and the limits.
 */

#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/slab.h>

#include "fs/brlock.h"
#include "fs/ntstatus.h"

/* Opens of one file: only their addresses matter. */
static int open_a, open_b, open_c;
#define A	((const void *)&open_a)
#define B	((const void *)&open_b)
#define C	((const void *)&open_c)

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

/* Two exclusive locks of one open, other PIDs: is the second granted? */
struct brl_pair {
	u64 off1, len1, off2, len2;
	bool ok;
};

/* Another open's exclusive locks, away from the cases: a deeper tree. */
static void brl_fill(struct kunit *test, struct brl_ctx *c, unsigned int nr)
{
	LIST_HEAD(want);
	unsigned int i;

	for (i = 0; i < nr; i++)
		brl_add(test, &want, C, 7, (1ULL << 40) + 2 * i, 1, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, NULL),
			0u);
}

/*
 * Each pair in both orders; with @fill other locks in the middle of
 * 64-bit space (a deeper tree) when neither range reaches there.
 */
static void brl_pairs(struct kunit *test, const struct brl_pair *z,
		      unsigned int nr, unsigned int fill)
{
	unsigned int i, order, filled;

	for (i = 0; i < nr; i++) {
		for (order = 0; order < 2; order++) {
			struct brl_ctx *c = brl_setup(test);
			u64 o1 = order ? z[i].off2 : z[i].off1;
			u64 l1 = order ? z[i].len2 : z[i].len1;
			u64 o2 = order ? z[i].off1 : z[i].off2;
			u64 l2 = order ? z[i].len1 : z[i].len2;

			filled = l1 < BIT_ULL(32) && l2 < BIT_ULL(32) ? fill : 0;
			brl_fill(test, c, filled);
			KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1000, o1, l1,
						    true), 0u);
			KUNIT_EXPECT_EQ_MSG(test,
					    granted(lock1(test, c, A, 1001,
							  o2, l2, true)),
					    z[i].ok, "case %u order %u", i,
					    order);
			brl_teardown(c);
			KUNIT_EXPECT_EQ(test,
					kcifsd_brl_release_open(&c->bf, C),
					filled);
		}
	}
}

/* raw.lock.zerobytelocks: a zero-length lock at N is the seam N-1|N. */
static void brl_zero_length(struct kunit *test)
{
	static const struct brl_pair z[] = {
		{ 10, 0, 10, 0, true }, { 10, 0, 9, 1, true },
		{ 10, 0, 10, 1, true }, { 10, 0, 11, 1, true },
		{ 10, 0, 9, 2, false }, { 10, 0, 10, 2, true },
		{ 10, 0, 9, 3, false }, { 0, 0, 0, 0, true },
		{ 0, 0, 0, 100, true }, { 100, 10, 101, 0, false },
		{ 100, 10, 100, 0, true }, { 100, 10, 110, 0, true },
	};

	brl_pairs(test, z, ARRAY_SIZE(z), 0);
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

/*
 * The table's indexes against a plain model of MS-FSA 2.1.4.10: random
 * locks, unlocks and I/O over a few hundred locks, small offsets (many
 * overlaps, adjacent and zero-length ranges) and ranges at both ends of
 * 64-bit space; every answer must be the model's.
 */
struct brl_model {
	const void *open;
	u16 pid;
	u64 offset, length;
	bool exclusive;
};

static bool model_overlap(u64 o1, u64 l1, u64 o2, u64 l2)
{
	if ((!o1 && !l1) || (!o2 && !l2))
		return false;
	return o1 <= o2 + l2 - 1 && o1 + l1 - 1 >= o2;
}

static bool model_conflict(const struct brl_model *h, unsigned int nr,
			   const struct brl_model *m, bool lock_intent)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (!model_overlap(h[i].offset, h[i].length, m->offset,
				   m->length))
			continue;
		if (!h[i].exclusive) {
			if (m->exclusive)
				return true;
		} else if (h[i].open != m->open || h[i].pid != m->pid ||
			   (lock_intent && m->exclusive)) {
			return true;
		}
	}
	return false;
}

static void model_pick(struct rnd_state *rs, struct brl_model *m)
{
	static const u64 lens[] = { 0, 1, 1, 2, 3, 5, 8 };
	u32 r = prandom_u32_state(rs);

	m->open = r & 1 ? A : B;
	m->pid = (r >> 1) & 1;
	m->exclusive = (r >> 2) & 1;
	m->length = lens[(r >> 3) % ARRAY_SIZE(lens)];
	switch ((r >> 8) % 8) {
	case 0:		/* the top of 64-bit space, up to 2^64 exactly */
		m->offset = U64_MAX - (r >> 12) % 8;
		if (!kcifsd_brl_range_valid(m->offset, m->length))
			m->length = U64_MAX - m->offset + 1;
		break;
	case 1:		/* {0, 0}, and from 0 */
		m->offset = 0;
		break;
	default:
		m->offset = (r >> 12) % 48;
		break;
	}
}

static void brl_model_random(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	struct brl_model *h, m;
	struct rnd_state rs;
	unsigned int nr = 0, i, j;

	h = kunit_kcalloc(test, 4096, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h);
	prandom_seed_state(&rs, 0x6b63696673ULL);
	for (i = 0; i < 6000; i++) {
		u32 op = prandom_u32_state(&rs) % 8;

		model_pick(&rs, &m);
		if (op < 4 && nr < 4096) {
			bool ok = !model_conflict(h, nr, &m, true);

			KUNIT_ASSERT_EQ_MSG(test, granted(lock1(test, c, m.open,
								m.pid, m.offset,
								m.length,
								m.exclusive)),
					    ok, "lock %u", i);
			if (ok)
				h[nr++] = m;
		} else if (op < 6) {
			/* The model drops an exclusive match first. */
			int hit = -1;

			for (j = 0; j < nr; j++) {
				if (h[j].open != m.open || h[j].pid != m.pid ||
				    h[j].offset != m.offset ||
				    h[j].length != m.length)
					continue;
				if (hit < 0 || (h[j].exclusive &&
						!h[hit].exclusive))
					hit = j;
			}
			KUNIT_ASSERT_EQ_MSG(test,
					    kcifsd_brl_unlock(&c->bf, m.open,
							      m.pid, m.offset,
							      m.length),
					    hit < 0 ? STATUS_RANGE_NOT_LOCKED :
					    STATUS_SUCCESS, "unlock %u", i);
			if (hit >= 0)
				h[hit] = h[--nr];
		} else if (m.length) {
			KUNIT_ASSERT_EQ_MSG(test,
					    kcifsd_brl_check_io(&c->bf, m.open,
								m.pid, m.offset,
								m.length,
								m.exclusive),
					    model_conflict(h, nr, &m, false),
					    "io %u", i);
		}
		KUNIT_ASSERT_EQ(test, atomic_read(&c->bf.count), (int)nr);
	}
	/* A close takes its open's locks and no other's. */
	for (i = j = 0; i < nr; i++)
		if (h[i].open == A)
			j++;
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, A), j);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, B), nr - j);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), 0);
}

/* Overlapping and adjacent ranges among thousands of locks. */
static void brl_big_table(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	LIST_HEAD(want);
	unsigned int i;

	/* A: 5 bytes locked, 5 free, 3000 times. */
	for (i = 0; i < 3000; i++)
		brl_add(test, &want, A, 1, 10 * i, 5, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, NULL),
			0u);
	for (i = 0; i < 3000; i += 7) {
		u64 o = 10 * i;

		/* The gaps are free, to the byte; one more byte is not. */
		KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, B, 1,
							     o + 5, 5, true));
		KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, B, 1,
							    o + 4, 2, false));
		KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, B, 1,
							    o + 5, 6, false));
		KUNIT_EXPECT_NE(test, lock1(test, c, B, 1, o + 2, 1, false),
				0u);
		/* Zero-length: at the lock's first byte free, inside not. */
		KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, o, 0, true), 0u);
		KUNIT_EXPECT_NE(test, lock1(test, c, B, 1, o + 1, 0, true),
				0u);
		KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, o + 5, 5, true),
				0u);
		/* Its owner reads through its own locks, not through B's. */
		KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, A, 1, o,
							     5, false));
		KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, A, 1, o,
							    6, false));
	}
	/* A shared lock over A's own locks, but for B's in between. */
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 1, 10, 5, false), 0u);
	KUNIT_EXPECT_NE(test, lock1(test, c, A, 1, 0, 80, false), 0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 1, 10, 60, false), 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, A), 3002u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, B), 858u);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), 0);
}

/* Zero-length locks at 0 and 2^64 - 1, ranges that end at 2^64 - 1. */
static void brl_space_ends(struct kunit *test)
{
	static const struct brl_pair z[] = {
		{ 0, 0, 0, U64_MAX, true }, { 0, 0, 1, U64_MAX, true },
		{ 0, 0, U64_MAX, 1, true }, { 0, 0, 0, 1, true },
		{ 1, 0, 0, 1, true }, { 1, 0, 1, 1, true },
		{ 1, 0, 0, 2, false }, { 1, 0, 0, U64_MAX, false },
		{ U64_MAX, 0, U64_MAX, 0, true },
		{ U64_MAX, 0, U64_MAX, 1, true },
		{ U64_MAX, 0, U64_MAX - 1, 1, true },
		{ U64_MAX, 0, U64_MAX - 1, 2, false },
		{ U64_MAX, 0, 0, U64_MAX, true },
		{ U64_MAX, 0, 1, U64_MAX, false },
		{ U64_MAX, 1, U64_MAX, 1, false },
		{ U64_MAX, 1, 1, U64_MAX, false },
		{ U64_MAX, 1, 0, U64_MAX, true },
		{ U64_MAX - 9, 10, U64_MAX, 0, false },
		{ U64_MAX - 9, 10, U64_MAX - 9, 0, true },
		{ U64_MAX - 9, 10, U64_MAX - 10, 1, true },
		{ 5, U64_MAX - 4, 100, 0, false },
		{ 5, U64_MAX - 4, 4, 1, true },
	};

	brl_pairs(test, z, ARRAY_SIZE(z), 500);
}

/* Identical locks stack (shared, or zero-length) and go one at a time. */
static void brl_duplicates(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	unsigned int i;

	brl_fill(test, c, 1000);
	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 100, 10, true), 0u);
	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 100, 10, false),
				0u);
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, B, 1, 100, 1,
						    false));
	/* The exclusive one goes first: then B reads, nobody writes. */
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 100, 10), 0u);
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, B, 1, 100, 1,
						     false));
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, A, 1, 109,
							    1, true));
		KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 100, 10),
				0u);
	}
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, B, 1, 100, 10,
						     true));
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 100, 10),
			STATUS_RANGE_NOT_LOCKED);

	/* Exclusive zero-length locks at one offset do not overlap. */
	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 50, 0, true), 0u);
	KUNIT_EXPECT_NE(test, lock1(test, c, B, 1, 49, 2, false), 0u);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 50, 0),
				0u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 50, 0),
			STATUS_RANGE_NOT_LOCKED);
	KUNIT_EXPECT_EQ(test, lock1(test, c, B, 1, 49, 2, true), 0u);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), 1001);
	brl_teardown(c);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, C), 1000u);
}

/* A close takes only its own open's locks, whatever the order granted. */
static void brl_release_interleaved(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		KUNIT_ASSERT_EQ(test, lock1(test, c, A, i % 3, 4 * i, 3, false),
				0u);
		KUNIT_ASSERT_EQ(test, lock1(test, c, B, i % 5, 4 * i + 1, 3,
					    i % 2), i % 2 ? STATUS_LOCK_NOT_GRANTED :
				0u);
		KUNIT_ASSERT_EQ(test, lock1(test, c, B, i % 5, 4 * i + 3, 1,
					    i % 2), 0u);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), 2500);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, A), 1000u);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), 1500);
	/* A's bytes are free, B's are still held. */
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, C, 1, 0, 1,
						     true));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, C, 1, 1, 1,
						    true));
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, C, 1, 7, 1,
						    false));
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 1, 4 * 999, 1, true), 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, C), 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, B), 1500u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, A), 1u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, C, 1, 0, U64_MAX, true), 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, C), 1u);
}

/*
 * A lock that conflicts with nothing held but with what an earlier
 * waiter asks for waits behind it; a later waiter's wants do not hold
 * back an earlier one.
 */
static void brl_behind_waiter(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	struct kcifsd_brl_wait w1, w2;
	LIST_HEAD(want1);
	LIST_HEAD(want2);

	brl_wakes = 0;
	brl_fill(test, c, 1000);
	KUNIT_ASSERT_EQ(test, lock1(test, c, A, 1, 100, 10, true), 0u);
	kcifsd_brl_wait_init(&w1, B, brl_woken);
	w1.may_wait = true;
	brl_add(test, &want1, B, 1, 105, 10, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &want1, &c->ec_b, &w1),
			STATUS_PENDING);
	/* Free in the table, not free of w1's want. */
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 2, 112, 2, true),
			STATUS_LOCK_NOT_GRANTED);
	KUNIT_EXPECT_NE(test, lock1(test, c, A, 2, 114, 1, false), 0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 2, 115, 1, true), 0u);
	KUNIT_EXPECT_NE(test, lock1(test, c, A, 2, 114, 0, true), 0u);
	/* I/O does not wait behind waiters. */
	KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, A, 2, 112, 2,
						     true));

	kcifsd_brl_wait_init(&w2, A, brl_woken);
	w2.may_wait = true;
	brl_add(test, &want2, A, 3, 112, 2, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &want2, &c->ec_a, &w2),
			STATUS_PENDING);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, A, 1, 100, 10), 0u);
	KUNIT_EXPECT_EQ(test, brl_wakes, 2u);
	/* w2 runs first: still behind w1. */
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want2, &c->ec_a, &w2),
			STATUS_PENDING);
	/* w1 is not behind w2. */
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want1, &c->ec_b, &w1),
			0u);
	KUNIT_EXPECT_TRUE(test, list_empty(&want1));
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &want2, &c->ec_a, &w2),
			STATUS_PENDING);
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_wait_claim(&w2));
	KUNIT_EXPECT_EQ(test, kcifsd_brl_wait_end(&c->bf, &w2, &c->ec_a),
			STATUS_FILE_LOCK_CONFLICT);
	KUNIT_EXPECT_TRUE(test, list_empty(&c->bf.waiters));
	/* w2's want left the waiters' index with it. */
	KUNIT_EXPECT_EQ(test, kcifsd_brl_unlock(&c->bf, B, 1, 105, 10), 0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 2, 112, 2, true), 0u);
	KUNIT_EXPECT_EQ(test, lock1(test, c, A, 2, 105, 7, true), 0u);
	brl_free(&want2);
	brl_teardown(c);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, C), 1000u);
}

/*
 * The cost: 14784 held locks (a file's 16384 less 1600) and a request
 * of 1600 ranges in their gaps. Walking the table looks at 1600 x 14784
 * locks and more (about 25 million); the indexes look at the locks a
 * range overlaps, here none. Counted, not timed.
 */
#define BRL_COST_HELD	(KCIFSD_BRL_MAX_LOCKS - 1600)

static void brl_cost(struct kunit *test)
{
	struct brl_ctx *c = brl_setup(test);
	struct kcifsd_brl_wait wait, wait2;
	LIST_HEAD(want);
	LIST_HEAD(wait_want);
	unsigned int i;

	for (i = 0; i < BRL_COST_HELD; i++)
		brl_add(test, &want, A, 1, 2 * i, 1, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_a, NULL),
			0u);
	c->bf.visits = 0;
	for (i = 0; i < 1600; i++)
		brl_add(test, &want, B, 1, 2 * (9 * i) + 1, 1, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_b, NULL),
			0u);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), KCIFSD_BRL_MAX_LOCKS);
	/* Each range met its own request's earlier ones at most. */
	KUNIT_EXPECT_LE(test, c->bf.visits, 1600ul);

	/* I/O in the gaps; a write over one lock looks at one. */
	c->bf.visits = 0;
	for (i = 0; i < 1600; i++)
		KUNIT_EXPECT_FALSE(test, kcifsd_brl_check_io(&c->bf, C, 1,
							     2 * (9 * i + 5) + 1,
							     1, true));
	KUNIT_EXPECT_EQ(test, c->bf.visits, 0ul);
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_check_io(&c->bf, C, 1, 2 * 5000,
						    1, true));
	KUNIT_EXPECT_EQ(test, c->bf.visits, 1ul);

	/* Unlocks, then a waiter asking for 1600 ranges behind one lock. */
	for (i = 0; i < 1600; i++)
		KUNIT_ASSERT_EQ(test, kcifsd_brl_unlock(&c->bf, B, 1,
							2 * (9 * i) + 1, 1),
				0u);
	kcifsd_brl_wait_init(&wait, B, brl_woken);
	wait.may_wait = true;
	brl_add(test, &wait_want, B, 1, 0, 1, true);
	for (i = 1; i < 1600; i++)
		brl_add(test, &wait_want, B, 1, 2 * (9 * i) + 1, 1, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &wait_want, &c->ec_b,
					      &wait), STATUS_PENDING);
	/* A request beside every waiting range does not walk them. */
	c->bf.visits = 0;
	for (i = 0; i < 1600; i++)
		brl_add(test, &want, C, 1, 2 * (9 * i + 5) + 1, 1, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_b, NULL),
			0u);
	KUNIT_EXPECT_LE(test, c->bf.visits, 1600ul);
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_wait_claim(&wait));
	KUNIT_EXPECT_EQ(test, kcifsd_brl_wait_end(&c->bf, &wait, &c->ec_b),
			STATUS_FILE_LOCK_CONFLICT);
	brl_free(&wait_want);
	KUNIT_EXPECT_EQ(test, kcifsd_brl_release_open(&c->bf, C), 1600u);

	/*
	 * A waiter blocked on its last range, then a later one asking 1600
	 * times for all of them: the first one's retry does not look at
	 * the later one's wants (1600 x 1600 of them).
	 */
	INIT_LIST_HEAD(&wait_want);
	kcifsd_brl_wait_init(&wait, B, brl_woken);
	wait.may_wait = true;
	for (i = 1; i < 1600; i++)
		brl_add(test, &wait_want, B, 1, 2 * (9 * i) + 1, 1, true);
	brl_add(test, &wait_want, B, 1, 0, 1, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &wait_want, &c->ec_b,
					      &wait), STATUS_PENDING);
	kcifsd_brl_wait_init(&wait2, B, brl_woken);
	wait2.may_wait = true;
	for (i = 0; i < 1600; i++)
		brl_add(test, &want, B, 2, 1, 2 * BRL_COST_HELD, true);
	KUNIT_ASSERT_EQ(test, kcifsd_brl_lock(&c->bf, &want, &c->ec_b, &wait2),
			STATUS_PENDING);
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_wait_claim(&wait));
	c->bf.visits = 0;
	KUNIT_EXPECT_EQ(test, kcifsd_brl_lock(&c->bf, &wait_want, &c->ec_b,
					      &wait), STATUS_PENDING);
	KUNIT_EXPECT_LE(test, c->bf.visits, 1600ul);
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_wait_claim(&wait));
	KUNIT_EXPECT_EQ(test, kcifsd_brl_wait_end(&c->bf, &wait, &c->ec_b),
			STATUS_FILE_LOCK_CONFLICT);
	KUNIT_EXPECT_TRUE(test, kcifsd_brl_wait_claim(&wait2));
	KUNIT_EXPECT_EQ(test, kcifsd_brl_wait_end(&c->bf, &wait2, &c->ec_b),
			STATUS_FILE_LOCK_CONFLICT);
	KUNIT_EXPECT_TRUE(test, list_empty(&c->bf.waiters));
	brl_free(&wait_want);
	brl_free(&want);
	brl_teardown(c);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->bf.count), 0);
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
	KUNIT_CASE(brl_model_random),
	KUNIT_CASE(brl_big_table),
	KUNIT_CASE(brl_space_ends),
	KUNIT_CASE(brl_duplicates),
	KUNIT_CASE(brl_release_interleaved),
	KUNIT_CASE(brl_behind_waiter),
	KUNIT_CASE(brl_cost),
	{}
};

static struct kunit_suite brlock_suite = {
	.name = "kcifsd_brlock",
	.test_cases = brlock_cases,
};

kunit_test_suite(brlock_suite);
