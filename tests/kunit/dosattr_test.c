// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the value of the DOS attribute xattr (fs/dosattr.c):
 * version 2 written with a ChangeTime, version 1 without, both read back,
 * foreign values refused, and which ChangeTime a query reports.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/time64.h>

#include "fs/dosattr.h"
#include "fs/fileinfo.h"

/* A FILETIME of 2001-02-03 and one a day later */
#define FT_CREATE	0x01c08d74403f8000ULL
#define FT_CHANGE	0x01c08e3d6aa94000ULL

static void dosattr_v2_round_trip(struct kunit *test)
{
	struct kcifsd_dosattr_value in = {
		.flags = KCIFSD_DOSATTR_F_CREATE | KCIFSD_DOSATTR_F_CHANGE,
		.attrs = SMB_ATTR_HIDDEN | SMB_ATTR_TEMPORARY,
		.create_time = FT_CREATE,
		.change_time = FT_CHANGE,
		.ctime_ns = 1700000000123456789LL,
	}, out;
	struct kcifsd_dosattr_xattr x;
	const u8 *b = (const u8 *)&x;

	KUNIT_EXPECT_EQ(test, kcifsd_dosattr_encode(&in, &x), sizeof(x));
	KUNIT_EXPECT_EQ(test, b[0], 2);
	KUNIT_EXPECT_EQ(test, b[1], 0x03);
	KUNIT_EXPECT_EQ(test, b[4], 0x02);
	KUNIT_EXPECT_EQ(test, b[5], 0x01);
	KUNIT_EXPECT_EQ(test, b[8], (u8)FT_CREATE);
	KUNIT_EXPECT_EQ(test, b[16], (u8)FT_CHANGE);
	KUNIT_EXPECT_EQ(test, b[31], (u8)(1700000000123456789ULL >> 56));
	KUNIT_ASSERT_TRUE(test, kcifsd_dosattr_decode(&x, sizeof(x), &out));
	KUNIT_EXPECT_EQ(test, out.flags, in.flags);
	KUNIT_EXPECT_EQ(test, out.attrs, in.attrs);
	KUNIT_EXPECT_EQ(test, out.create_time, in.create_time);
	KUNIT_EXPECT_EQ(test, out.change_time, in.change_time);
	KUNIT_EXPECT_EQ(test, out.ctime_ns, in.ctime_ns);
}

/*
 * Without a ChangeTime: version 1, 16 bytes, the value a module before
 * version 2 reads; nothing of the ChangeTime passed is written.
 */
static void dosattr_v1_without_change(struct kunit *test)
{
	struct kcifsd_dosattr_value in = {
		.flags = KCIFSD_DOSATTR_F_CREATE | 0x80,
		.attrs = SMB_ATTR_SYSTEM | SMB_ATTR_SPARSE_FILE,
		.create_time = FT_CREATE,
		.change_time = FT_CHANGE,
		.ctime_ns = 42,
	}, out;
	struct kcifsd_dosattr_xattr x;
	const u8 *b = (const u8 *)&x;

	KUNIT_ASSERT_EQ(test, kcifsd_dosattr_encode(&in, &x),
			(size_t)KCIFSD_DOSATTR_V1_SIZE);
	KUNIT_EXPECT_EQ(test, b[0], 1);
	KUNIT_EXPECT_EQ(test, b[1], KCIFSD_DOSATTR_F_CREATE);
	KUNIT_EXPECT_EQ(test, b[4], 0x04);
	KUNIT_EXPECT_EQ(test, b[5], 0x02);
	KUNIT_EXPECT_EQ(test, b[8], (u8)FT_CREATE);
	KUNIT_EXPECT_EQ(test, b[15], (u8)(FT_CREATE >> 56));
	KUNIT_EXPECT_EQ(test, le64_to_cpu(x.change_time), 0ULL);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(x.ctime_ns), 0ULL);
	KUNIT_ASSERT_TRUE(test, kcifsd_dosattr_decode(&x, KCIFSD_DOSATTR_V1_SIZE,
						      &out));
	KUNIT_EXPECT_EQ(test, out.flags, KCIFSD_DOSATTR_F_CREATE);
	KUNIT_EXPECT_EQ(test, out.attrs, in.attrs);
	KUNIT_EXPECT_EQ(test, out.create_time, FT_CREATE);
	KUNIT_EXPECT_EQ(test, out.change_time, 0ULL);
	/* and no creation time either */
	in.flags = 0;
	KUNIT_ASSERT_EQ(test, kcifsd_dosattr_encode(&in, &x),
			(size_t)KCIFSD_DOSATTR_V1_SIZE);
	KUNIT_EXPECT_EQ(test, x.flags, 0);
	KUNIT_ASSERT_TRUE(test, kcifsd_dosattr_decode(&x, KCIFSD_DOSATTR_V1_SIZE,
						      &out));
	KUNIT_EXPECT_EQ(test, out.flags, 0);
}

/* What earlier kcifsd wrote: 16 bytes, version 1. */
static void dosattr_v1_still_read(struct kunit *test)
{
	u8 v1[16] = {
		1, KCIFSD_DOSATTR_F_CREATE | KCIFSD_DOSATTR_F_CHANGE, 0, 0,
		0x22, 0x00, 0x00, 0x00,
		0x00, 0x80, 0x3f, 0x40, 0x74, 0x8d, 0xc0, 0x01,
	};
	struct kcifsd_dosattr_value out;

	KUNIT_ASSERT_TRUE(test, kcifsd_dosattr_decode(v1, sizeof(v1), &out));
	/* version 1 has no ChangeTime: its flag means nothing there */
	KUNIT_EXPECT_EQ(test, out.flags, KCIFSD_DOSATTR_F_CREATE);
	KUNIT_EXPECT_EQ(test, out.attrs, SMB_ATTR_HIDDEN | SMB_ATTR_ARCHIVE);
	KUNIT_EXPECT_EQ(test, out.create_time, FT_CREATE);
	KUNIT_EXPECT_EQ(test, out.change_time, 0ULL);
}

static void dosattr_foreign_refused(struct kunit *test)
{
	struct kcifsd_dosattr_value in = {
		.flags = KCIFSD_DOSATTR_F_CREATE | KCIFSD_DOSATTR_F_CHANGE,
	};
	struct kcifsd_dosattr_value out;
	struct kcifsd_dosattr_xattr x;

	KUNIT_ASSERT_EQ(test, kcifsd_dosattr_encode(&in, &x), sizeof(x));
	/* a version 2 value cut to 16 bytes, or one of a later length */
	KUNIT_EXPECT_FALSE(test, kcifsd_dosattr_decode(&x, 16, &out));
	KUNIT_EXPECT_FALSE(test, kcifsd_dosattr_decode(&x, 31, &out));
	KUNIT_EXPECT_FALSE(test, kcifsd_dosattr_decode(&x, 0, &out));
	/* the read's error */
	KUNIT_EXPECT_FALSE(test, kcifsd_dosattr_decode(&x, -ENODATA, &out));
	KUNIT_EXPECT_FALSE(test, kcifsd_dosattr_decode(&x, -ERANGE, &out));
	/* a version 1 header on 32 bytes, an unknown version */
	x.version = 1;
	KUNIT_EXPECT_FALSE(test, kcifsd_dosattr_decode(&x, sizeof(x), &out));
	KUNIT_EXPECT_FALSE(test, kcifsd_dosattr_decode(&x, 17, &out));
	x.version = 3;
	KUNIT_EXPECT_FALSE(test, kcifsd_dosattr_decode(&x, sizeof(x), &out));
	KUNIT_EXPECT_FALSE(test, kcifsd_dosattr_decode(&x, 16, &out));
}

/* The set ChangeTime while the inode is unchanged, its own time after. */
static void dosattr_change_time_reported(struct kunit *test)
{
	struct timespec64 ctime = { .tv_sec = 1700000000, .tv_nsec = 123456789 };
	struct kcifsd_dosattr_value v = {
		.flags = KCIFSD_DOSATTR_F_CREATE | KCIFSD_DOSATTR_F_CHANGE,
		.change_time = FT_CHANGE,
		.ctime_ns = timespec64_to_ns(&ctime),
	};

	KUNIT_EXPECT_EQ(test, kcifsd_dosattr_change_time(&v, &ctime),
			FT_CHANGE);
	/* any later change, even within the same 100 ns */
	ctime.tv_nsec++;
	KUNIT_EXPECT_EQ(test, kcifsd_dosattr_change_time(&v, &ctime),
			kcifsd_filetime(&ctime));
	ctime.tv_nsec--;
	ctime.tv_sec++;
	KUNIT_EXPECT_EQ(test, kcifsd_dosattr_change_time(&v, &ctime),
			kcifsd_filetime(&ctime));
	/* no ChangeTime kept: the inode's */
	ctime.tv_sec--;
	v.flags = KCIFSD_DOSATTR_F_CREATE;
	KUNIT_EXPECT_EQ(test, kcifsd_dosattr_change_time(&v, &ctime),
			kcifsd_filetime(&ctime));
}

static struct kunit_case dosattr_cases[] = {
	KUNIT_CASE(dosattr_v2_round_trip),
	KUNIT_CASE(dosattr_v1_without_change),
	KUNIT_CASE(dosattr_v1_still_read),
	KUNIT_CASE(dosattr_foreign_refused),
	KUNIT_CASE(dosattr_change_time_reported),
	{}
};

static struct kunit_suite dosattr_suite = {
	.name = "kcifsd_dosattr",
	.test_cases = dosattr_cases,
};

kunit_test_suite(dosattr_suite);
