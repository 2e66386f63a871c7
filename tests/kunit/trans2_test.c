// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the pure parts of the TRANS2 information code: 8.3
 * names made up from long names (fs/shortname.c, MS-FSCC 2.1.5.2.1), and
 * the shared level encoders of fs/infolevel.c: SMB_DATE/SMB_TIME
 * (MS-CIFS 2.2.1.4.1-2), names in UTF-16LE with surrogate pairs and bytes
 * that are not UTF-8, the fixed FILE_*_INFORMATION layouts, and the
 * TRANS2_OPEN2 request parameters (fs/trans2_open.c, 2.2.6.1.1).
 */

#include <kunit/test.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/fileinfo.h"
#include "fs/infolevel.h"
#include "fs/ntstatus.h"
#include "fs/shortname.h"
#include "fs/trans2.h"

static void short_name_of_83_names(struct kunit *test)
{
	char s[KCIFSD_SHORT_NAME_MAX + 1];

	KUNIT_EXPECT_EQ(test, kcifsd_short_name("hello.txt", 9, s), 9u);
	KUNIT_EXPECT_STREQ(test, s, "HELLO.TXT");
	KUNIT_EXPECT_TRUE(test, kcifsd_short_name_listed("hello.txt", 9));
	/* Already its own short name: not listed in FIND. */
	KUNIT_EXPECT_EQ(test, kcifsd_short_name("README", 6, s), 6u);
	KUNIT_EXPECT_STREQ(test, s, "README");
	KUNIT_EXPECT_FALSE(test, kcifsd_short_name_listed("README", 6));
	KUNIT_EXPECT_FALSE(test, kcifsd_short_name_listed(".", 1));
	KUNIT_EXPECT_FALSE(test, kcifsd_short_name_listed("..", 2));
}

/* "PREFIX~HH.EXT" with the given prefix and extension. */
static void expect_mangled(struct kunit *test, const char *name,
			   const char *prefix, const char *ext)
{
	char s[KCIFSD_SHORT_NAME_MAX + 1];
	unsigned int n = kcifsd_short_name(name, strlen(name), s);
	unsigned int p = strlen(prefix);

	KUNIT_EXPECT_EQ(test, n, (unsigned int)strlen(s));
	KUNIT_EXPECT_LE(test, n, (unsigned int)KCIFSD_SHORT_NAME_MAX);
	KUNIT_EXPECT_EQ(test, memcmp(s, prefix, p), 0);
	KUNIT_EXPECT_EQ(test, s[p], '~');
	KUNIT_EXPECT_TRUE(test, isalnum(s[p + 1]) && isalnum(s[p + 2]));
	KUNIT_EXPECT_STREQ(test, s + p + 3, ext);
	KUNIT_EXPECT_TRUE(test, kcifsd_short_name_listed(name, strlen(name)));
}

static void short_name_of_long_names(struct kunit *test)
{
	char a[KCIFSD_SHORT_NAME_MAX + 1], b[KCIFSD_SHORT_NAME_MAX + 1];

	expect_mangled(test, "torture_qfileinfo.txt", "TORTU", ".TXT");
	expect_mangled(test, "a b+c.tar.gz", "ABCTA", ".GZ");
	expect_mangled(test, ".bashrc", "BASHR", "");
	expect_mangled(test, "x.jpeg", "X", ".JPE");
	expect_mangled(test, "\xc3\xa9t\xc3\xa9.doc", "T", ".DOC");
	expect_mangled(test, "...", "_", "");
	/* Stable, and the same for names that differ only in case. */
	kcifsd_short_name("Long File Name.txt", 18, a);
	kcifsd_short_name("LONG FILE NAME.TXT", 18, b);
	KUNIT_EXPECT_STREQ(test, a, b);
	kcifsd_short_name("Long File Name.txt", 18, b);
	KUNIT_EXPECT_STREQ(test, a, b);
	/* Names that differ elsewhere mostly get another hash. */
	kcifsd_short_name("longname1.txt", 13, a);
	kcifsd_short_name("longname2.txt", 13, b);
	KUNIT_EXPECT_STRNEQ(test, a, b);
}

static void short_name_lookup(struct kunit *test)
{
	static const char name[] = "torture_search.txt";
	char s[KCIFSD_SHORT_NAME_MAX + 1];
	unsigned int n = kcifsd_short_name(name, strlen(name), s);
	unsigned int i;

	KUNIT_EXPECT_TRUE(test, kcifsd_short_name_match(s, n, name,
							strlen(name)));
	for (i = 0; i < n; i++)
		s[i] = tolower(s[i]);
	KUNIT_EXPECT_TRUE(test, kcifsd_short_name_match(s, n, name,
							strlen(name)));
	/* Only made-up names are looked for this way. */
	KUNIT_EXPECT_FALSE(test, kcifsd_short_name_match("HELLO.TXT", 9,
							 "hello.txt", 9));
	KUNIT_EXPECT_FALSE(test, kcifsd_short_name_match("ABCDEFGHIJKLM~", 14,
							 name, strlen(name)));
}

static void dos_date_time(struct kunit *test)
{
	/* 2001-02-03 04:05:06 UTC in a UTC server: even seconds kept */
	struct timespec64 ts = { .tv_sec = 981173106 };
	u64 ft = kcifsd_filetime(&ts);
	int saved = sys_tz.tz_minuteswest;
	u16 date, time;

	sys_tz.tz_minuteswest = 0;
	kcifsd_smb_datetime(ft, &date, &time);
	KUNIT_EXPECT_EQ(test, date, (21 << 9) | (2 << 5) | 3);
	KUNIT_EXPECT_EQ(test, time, (4 << 11) | (5 << 5) | 3);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_datetime_to_filetime(date, time), ft);
	/* Zero means "no change" when setting, and times before 1980 */
	KUNIT_EXPECT_EQ(test, kcifsd_smb_datetime_to_filetime(0, 0), 0ull);
	ts.tv_sec = 0;
	kcifsd_smb_datetime(kcifsd_filetime(&ts), &date, &time);
	KUNIT_EXPECT_EQ(test, date, 0);
	KUNIT_EXPECT_EQ(test, time, 0);
	/* Out-of-range fields are clamped, not trusted. */
	KUNIT_EXPECT_NE(test, kcifsd_smb_datetime_to_filetime(0xFFFF, 0xFFFF),
			0ull);
	sys_tz.tz_minuteswest = saved;
}

static void name_encoding(struct kunit *test)
{
	/* "a", U+00E9, U+1F600 (a surrogate pair), a stray 0xFF byte */
	static const char name[] = "a\xc3\xa9\xf0\x9f\x98\x80\xff";
	u8 buf[16];

	KUNIT_EXPECT_EQ(test, kcifsd_name_size(name, 8, true), 10);
	KUNIT_EXPECT_EQ(test, kcifsd_put_name(buf, sizeof(buf), name, 8, true),
			10);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf), 'a');
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 2), 0xE9);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 4), 0xD83D);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 6), 0xDE00);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 8), 0xFFFD);
	/* No room: refused, never past the end. */
	KUNIT_EXPECT_EQ(test, kcifsd_put_name(buf, 5, name, 8, true), -ENOSPC);
	KUNIT_EXPECT_EQ(test, kcifsd_put_name(buf, 7, name, 8, false),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, kcifsd_put_name(buf, 8, name, 8, false), 8);
}

static void fixed_layouts(struct kunit *test)
{
	struct kcifsd_info info = {
		.create = 1, .access = 2, .write = 3, .change = 4,
		.attrs = SMB_ATTR_ARCHIVE, .eof = 5, .alloc = 4096,
		.nlink = 2, .is_dir = false, .delete_pending = true,
	};
	u8 p[64];

	memset(p, 0xAA, sizeof(p));
	KUNIT_EXPECT_EQ(test, kcifsd_put_basic(p, &info), 40u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 24), 4ull);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 32), SMB_ATTR_ARCHIVE);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 36), 0u);

	KUNIT_EXPECT_EQ(test, kcifsd_put_standard(p, &info), 22u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p), 4096ull);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 8), 5ull);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 16), 2u);
	KUNIT_EXPECT_EQ(test, p[20], 1);
	KUNIT_EXPECT_EQ(test, p[21], 0);

	KUNIT_EXPECT_EQ(test, kcifsd_put_network_open(p, &info), 56u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 32), 4096ull);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 40), 5ull);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 48), SMB_ATTR_ARCHIVE);

	/* 32-bit sizes of SMB_INFO_STANDARD are clamped. */
	info.eof = 1ull << 33;
	KUNIT_EXPECT_EQ(test, kcifsd_put_info_standard(p, &info), 22u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 12), U32_MAX);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(p + 20), SMB_ATTR_ARCHIVE);
}

/* TRANS2_OPEN2 parameters: FileName's 28 bytes of header, filled in. */
static void t2open_params(u8 *p, u16 flags, u16 mode, u16 attrs,
			  u16 open_mode, u32 alloc)
{
	memset(p, 0, KCIFSD_T2OPEN_NAME_OFF);
	put_unaligned_le16(flags, p);
	put_unaligned_le16(mode, p + 2);
	put_unaligned_le16(0xffff, p + 4);	/* Reserved1: ignored */
	put_unaligned_le16(attrs, p + 6);
	put_unaligned_le32(0x12345678, p + 8);	/* CreationTime */
	put_unaligned_le16(open_mode, p + 12);
	put_unaligned_le32(alloc, p + 14);
}

static void t2open_decode(struct kunit *test)
{
	static const struct {
		u16 open_mode;
		u32 status;
		u32 disposition;
		bool probe;
	} modes[] = {
		{ 0x01, 0, FILE_OPEN },
		{ 0x11, 0, FILE_OPEN_IF },
		{ 0x02, 0, FILE_OVERWRITE },
		{ 0x12, 0, FILE_OVERWRITE_IF },
		{ 0x10, 0, FILE_CREATE },
		{ 0x00, 0, 0, true },
		/* reserved bits are ignored (2.2.6.1.1) */
		{ 0xffe1, 0, FILE_OPEN },
		{ 0x03, STATUS_OS2_INVALID_ACCESS },
		{ 0x13, STATUS_OS2_INVALID_ACCESS },
	};
	struct kcifsd_t2open_req r;
	u8 p[KCIFSD_T2OPEN_NAME_OFF + 2];
	unsigned int i;

	t2open_params(p, T2OPEN_REQ_ATTRIB | T2OPEN_REQ_EASIZE,
		      0x4042, 0x4, 0x11, 4096);
	KUNIT_ASSERT_EQ(test, kcifsd_t2open_decode(p, sizeof(p), &r), 0u);
	KUNIT_EXPECT_EQ(test, r.flags, 0x9);
	KUNIT_EXPECT_EQ(test, r.mode, 0x4042);
	KUNIT_EXPECT_EQ(test, r.alloc, 4096u);
	KUNIT_EXPECT_FALSE(test, r.probe);
	KUNIT_EXPECT_EQ(test, r.args.desired,
			(u32)(GENERIC_READ | GENERIC_WRITE));
	KUNIT_EXPECT_EQ(test, r.args.share,
			(u32)(FILE_SHARE_READ | FILE_SHARE_WRITE));
	KUNIT_EXPECT_FALSE(test, r.args.compat);
	KUNIT_EXPECT_EQ(test, r.args.disposition, (u32)FILE_OPEN_IF);
	KUNIT_EXPECT_EQ(test, r.args.options, (u32)FILE_NON_DIRECTORY_FILE);
	KUNIT_EXPECT_EQ(test, r.args.attrs, 0x4u);
	KUNIT_EXPECT_TRUE(test, r.args.write_through);

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		t2open_params(p, 0, 0x0040, 0, modes[i].open_mode, 0);
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_t2open_decode(p, sizeof(p), &r),
				    modes[i].status, "OpenMode 0x%x",
				    modes[i].open_mode);
		if (modes[i].status)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, r.probe, modes[i].probe,
				    "OpenMode 0x%x", modes[i].open_mode);
		if (!modes[i].probe)
			KUNIT_EXPECT_EQ_MSG(test, r.args.disposition,
					    modes[i].disposition,
					    "OpenMode 0x%x", modes[i].open_mode);
	}

	/* An undefined access or sharing mode */
	t2open_params(p, 0, 0x0044, 0, 0x11, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_t2open_decode(p, sizeof(p), &r),
			STATUS_OS2_INVALID_ACCESS);
	t2open_params(p, 0, 0x0052, 0, 0x11, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_t2open_decode(p, sizeof(p), &r),
			STATUS_OS2_INVALID_ACCESS);
	/* Too short to hold the fixed part */
	t2open_params(p, 0, 0x0042, 0, 0x11, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_t2open_decode(p, 0, &r),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test,
			kcifsd_t2open_decode(p, KCIFSD_T2OPEN_NAME_OFF - 1, &r),
			STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test,
			kcifsd_t2open_decode(p, KCIFSD_T2OPEN_NAME_OFF, &r), 0u);
}

static struct kunit_case trans2_cases[] = {
	KUNIT_CASE(short_name_of_83_names),
	KUNIT_CASE(short_name_of_long_names),
	KUNIT_CASE(short_name_lookup),
	KUNIT_CASE(dos_date_time),
	KUNIT_CASE(name_encoding),
	KUNIT_CASE(fixed_layouts),
	KUNIT_CASE(t2open_decode),
	{}
};

static struct kunit_suite trans2_suite = {
	.name = "kcifsd_trans2",
	.test_cases = trans2_cases,
};

kunit_test_suite(trans2_suite);
