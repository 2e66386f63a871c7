// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/sharemode.c: the sharing check of MS-FSA 2.1.5.1.2.2
 * for every combination of access and ShareAccess, the compatibility mode
 * rules of MS-CIFS 3.2.4.5.1, and the delete-on-close / delete-pending
 * life of a file's state.
 */

#include <kunit/test.h>
#include <linux/fs.h>
#include <linux/kernel.h>

#include "fs/access.h"
#include "fs/ntstatus.h"
#include "fs/sharemode.h"

static struct kcifsd_share_entry entry(u32 access, u32 share)
{
	struct kcifsd_share_entry e = { .access = access, .share = share };

	INIT_LIST_HEAD(&e.node);
	return e;
}

/*
 * The reference matrix: for each kind of right one open holds, the other
 * open must share it, both ways round.
 */
static bool expect_conflict(u32 a1, u32 s1, u32 a2, u32 s2)
{
	if (!(a1 & (KCIFSD_ACCESS_READ | KCIFSD_ACCESS_WRITE | DELETE)) ||
	    !(a2 & (KCIFSD_ACCESS_READ | KCIFSD_ACCESS_WRITE | DELETE)))
		return false;
	return ((a1 & KCIFSD_ACCESS_READ) && !(s2 & FILE_SHARE_READ)) ||
	       ((a1 & KCIFSD_ACCESS_WRITE) && !(s2 & FILE_SHARE_WRITE)) ||
	       ((a1 & DELETE) && !(s2 & FILE_SHARE_DELETE)) ||
	       ((a2 & KCIFSD_ACCESS_READ) && !(s1 & FILE_SHARE_READ)) ||
	       ((a2 & KCIFSD_ACCESS_WRITE) && !(s1 & FILE_SHARE_WRITE)) ||
	       ((a2 & DELETE) && !(s1 & FILE_SHARE_DELETE));
}

static void sharemode_matrix(struct kunit *test)
{
	static const u32 accesses[] = {
		FILE_READ_ATTRIBUTES, FILE_READ_DATA, FILE_EXECUTE,
		FILE_WRITE_DATA, FILE_APPEND_DATA, DELETE,
		FILE_READ_DATA | FILE_WRITE_DATA,
		FILE_READ_DATA | DELETE, FILE_WRITE_ATTRIBUTES,
	};
	unsigned int a1, a2, s1, s2;

	for (a1 = 0; a1 < ARRAY_SIZE(accesses); a1++)
		for (a2 = 0; a2 < ARRAY_SIZE(accesses); a2++)
			for (s1 = 0; s1 <= FILE_SHARE_ALL; s1++)
				for (s2 = 0; s2 <= FILE_SHARE_ALL; s2++) {
					struct kcifsd_share_entry h, w;

					h = entry(accesses[a1], s1);
					w = entry(accesses[a2], s2);
					KUNIT_EXPECT_EQ_MSG(test,
						kcifsd_share_conflict(&h, &w),
						expect_conflict(accesses[a1], s1,
								accesses[a2],
								s2),
						"held %x/%x want %x/%x",
						accesses[a1], s1,
						accesses[a2], s2);
				}
}

static void sharemode_examples(struct kunit *test)
{
	struct kcifsd_share_entry rd_share_r = entry(FILE_GENERIC_READ,
						     FILE_SHARE_READ);
	struct kcifsd_share_entry rd_share_rw = entry(FILE_GENERIC_READ,
						      FILE_SHARE_READ |
						      FILE_SHARE_WRITE);
	struct kcifsd_share_entry wr_share_all = entry(FILE_GENERIC_WRITE,
						       FILE_SHARE_ALL);
	struct kcifsd_share_entry del_share_all = entry(DELETE,
							FILE_SHARE_ALL);
	struct kcifsd_share_entry attr_excl = entry(FILE_READ_ATTRIBUTES, 0);

	/* Two readers that share reading. */
	KUNIT_EXPECT_FALSE(test, kcifsd_share_conflict(&rd_share_r,
							&rd_share_r));
	/* A writer against a reader that does not share writing. */
	KUNIT_EXPECT_TRUE(test, kcifsd_share_conflict(&rd_share_r,
						       &wr_share_all));
	KUNIT_EXPECT_FALSE(test, kcifsd_share_conflict(&rd_share_rw,
							&wr_share_all));
	/* Deleting a file held open without FILE_SHARE_DELETE. */
	KUNIT_EXPECT_TRUE(test, kcifsd_share_conflict(&rd_share_rw,
						       &del_share_all));
	/* An attributes-only open neither needs nor restricts sharing. */
	KUNIT_EXPECT_FALSE(test, kcifsd_share_conflict(&attr_excl,
							&wr_share_all));
	KUNIT_EXPECT_FALSE(test, kcifsd_share_conflict(&wr_share_all,
							&attr_excl));
}

static void sharemode_compat(struct kunit *test)
{
	int conn_a, conn_b;
	struct kcifsd_share_entry ra = entry(FILE_GENERIC_READ,
					     FILE_SHARE_READ | FILE_SHARE_WRITE);
	struct kcifsd_share_entry rb, wa, wb, nt;

	ra.compat = true;
	ra.owner = &conn_a;
	rb = ra;
	rb.owner = &conn_b;
	wa = ra;
	wa.access = FILE_GENERIC_WRITE;
	wb = wa;
	wb.owner = &conn_b;
	nt = entry(FILE_GENERIC_READ, FILE_SHARE_ALL);

	/* Same connection: anything goes. */
	KUNIT_EXPECT_FALSE(test, kcifsd_share_conflict(&wa, &ra));
	KUNIT_EXPECT_FALSE(test, kcifsd_share_conflict(&ra, &wa));
	/* Other connection: compatibility reads may pile up... */
	KUNIT_EXPECT_FALSE(test, kcifsd_share_conflict(&ra, &rb));
	/* ...but no writing on either side. */
	KUNIT_EXPECT_TRUE(test, kcifsd_share_conflict(&ra, &wb));
	KUNIT_EXPECT_TRUE(test, kcifsd_share_conflict(&wa, &rb));
	/* Compatibility mode never mixes with a sharing mode. */
	KUNIT_EXPECT_TRUE(test, kcifsd_share_conflict(&ra, &nt));
	KUNIT_EXPECT_TRUE(test, kcifsd_share_conflict(&nt, &ra));
}

static void sharemode_join_leave(struct kunit *test)
{
	struct inode *inode = kunit_kzalloc(test, sizeof(*inode), GFP_KERNEL);
	struct kcifsd_share_entry a = entry(FILE_GENERIC_READ, FILE_SHARE_READ);
	struct kcifsd_share_entry b = entry(FILE_GENERIC_READ, FILE_SHARE_READ);
	struct kcifsd_share_entry c = entry(FILE_GENERIC_WRITE,
					    FILE_SHARE_ALL);
	struct kcifsd_file_state *sa, *sb, *sc;

	KUNIT_ASSERT_NOT_NULL(test, inode);
	KUNIT_ASSERT_EQ(test, kcifsd_share_join(inode, &a, &sa),
			(u32)STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, kcifsd_share_join(inode, &b, &sb),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, sa, sb);
	KUNIT_EXPECT_TRUE(test, kcifsd_share_others(sa, &a));
	/* A writer is refused while readers deny writing. */
	KUNIT_EXPECT_EQ(test, kcifsd_share_join(inode, &c, &sc),
			(u32)STATUS_SHARING_VIOLATION);
	KUNIT_EXPECT_FALSE(test, kcifsd_share_leave(sa, &a));
	KUNIT_EXPECT_FALSE(test, kcifsd_share_others(sb, &b));
	KUNIT_EXPECT_EQ(test, kcifsd_share_join(inode, &c, &sc),
			(u32)STATUS_SHARING_VIOLATION);
	KUNIT_EXPECT_FALSE(test, kcifsd_share_leave(sb, &b));
	/* All gone: the writer gets in. */
	KUNIT_ASSERT_EQ(test, kcifsd_share_join(inode, &c, &sc),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, kcifsd_share_leave(sc, &c));
}

static void sharemode_delete_on_close(struct kunit *test)
{
	struct inode *inode = kunit_kzalloc(test, sizeof(*inode), GFP_KERNEL);
	struct kcifsd_share_entry doc = entry(DELETE | FILE_GENERIC_READ,
					      FILE_SHARE_ALL);
	struct kcifsd_share_entry other = entry(FILE_GENERIC_READ,
						FILE_SHARE_ALL);
	struct kcifsd_share_entry late = entry(FILE_READ_ATTRIBUTES, 0);
	struct kcifsd_file_state *s1, *s2, *s3;

	KUNIT_ASSERT_NOT_NULL(test, inode);
	doc.delete_on_close = true;
	KUNIT_ASSERT_EQ(test, kcifsd_share_join(inode, &doc, &s1),
			(u32)STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, kcifsd_share_join(inode, &other, &s2),
			(u32)STATUS_SUCCESS);
	/* Not pending until the delete-on-close open closes. */
	KUNIT_EXPECT_FALSE(test, kcifsd_share_delete_pending(s1));
	KUNIT_EXPECT_FALSE(test, kcifsd_share_inode_delete_pending(inode));
	KUNIT_EXPECT_FALSE(test, kcifsd_share_leave(s1, &doc));
	KUNIT_EXPECT_TRUE(test, kcifsd_share_delete_pending(s2));
	KUNIT_EXPECT_TRUE(test, kcifsd_share_inode_delete_pending(inode));
	/* New opens, even for attributes, see the pending delete. */
	KUNIT_EXPECT_EQ(test, kcifsd_share_join(inode, &late, &s3),
			(u32)STATUS_DELETE_PENDING);
	/* The last open out removes the file... */
	KUNIT_EXPECT_TRUE(test, kcifsd_share_leave(s2, &other));
	/* ...and opens wait for that to finish. */
	KUNIT_EXPECT_EQ(test, kcifsd_share_join(inode, &late, &s3),
			(u32)STATUS_DELETE_PENDING);
	KUNIT_EXPECT_TRUE(test, kcifsd_share_inode_delete_pending(inode));
	kcifsd_share_deleted(s2);
	KUNIT_EXPECT_FALSE(test, kcifsd_share_inode_delete_pending(inode));
	KUNIT_ASSERT_EQ(test, kcifsd_share_join(inode, &late, &s3),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, kcifsd_share_delete_pending(s3));
	KUNIT_EXPECT_FALSE(test, kcifsd_share_leave(s3, &late));
}

static void sharemode_disposition_info(struct kunit *test)
{
	struct inode *inode = kunit_kzalloc(test, sizeof(*inode), GFP_KERNEL);
	struct kcifsd_share_entry e = entry(DELETE, FILE_SHARE_ALL);
	struct kcifsd_file_state *s;

	KUNIT_ASSERT_NOT_NULL(test, inode);
	KUNIT_ASSERT_EQ(test, kcifsd_share_join(inode, &e, &s),
			(u32)STATUS_SUCCESS);
	/* Set, then cleared again: nothing is deleted. */
	kcifsd_share_set_delete_pending(s, true);
	KUNIT_EXPECT_TRUE(test, kcifsd_share_delete_pending(s));
	kcifsd_share_set_delete_pending(s, false);
	KUNIT_EXPECT_FALSE(test, kcifsd_share_leave(s, &e));
}

static struct kunit_case sharemode_test_cases[] = {
	KUNIT_CASE(sharemode_matrix),
	KUNIT_CASE(sharemode_examples),
	KUNIT_CASE(sharemode_compat),
	KUNIT_CASE(sharemode_join_leave),
	KUNIT_CASE(sharemode_delete_on_close),
	KUNIT_CASE(sharemode_disposition_info),
	{}
};

static struct kunit_suite sharemode_test_suite = {
	.name = "kcifsd_sharemode",
	.test_cases = sharemode_test_cases,
};

kunit_test_suite(sharemode_test_suite);
