// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the CIFS UNIX extensions' structures (fs/unix_info.c):
 * SMB_QUERY_CIFS_UNIX_INFO, SMB_QUERY_POSIX_FS_INFO, FILE_UNIX_BASIC_INFO
 * as sent (offsets, types, lstat semantics) and as received for a set
 * ("no change" values, device numbers, short data), symlink targets read
 * verbatim from UTF-16LE or OEM bytes, and SMB_POSIX_PATH_OPEN: the open(2)
 * flags as an open of fs/open.c, hostile flags and sizes, the reply;
 * FILE_UNIX_INFO2 (no file flags kept) and SMB_QUERY_POSIX_WHOAMI (the
 * lists dropped when MaxDataCount cannot take them all).
 */

#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/kdev_t.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/fileinfo.h"
#include "fs/unix_info.h"

static void unix_info_layout(struct kunit *test)
{
	u8 p[UNIX_INFO_SIZE + 4];

	memset(p, 0xAA, sizeof(p));
	KUNIT_EXPECT_EQ(test, kcifsd_put_unix_info(p, 0x123456789ULL), 12u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(p), 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(p + 2), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 4), 0x123456789ULL);
	KUNIT_EXPECT_EQ(test, p[12], 0xAA);	/* nothing past the end */
}

static void posix_fs_info_layout(struct kunit *test)
{
	struct kstatfs st = {
		.f_bsize = 4096,
		.f_frsize = 1024,
		.f_blocks = 1000000,
		.f_bfree = 5000,
		.f_bavail = 4000,
		.f_files = 65536,
		.f_ffree = 60000,
		.f_fsid = { .val = { 0x11223344, 0x55667788 } },
	};
	u8 p[POSIX_FS_INFO_SIZE + 4];

	memset(p, 0xAA, sizeof(p));
	KUNIT_EXPECT_EQ(test, kcifsd_put_posix_fs_info(p, &st), 56u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p), 4096u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 4), 1024u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 8), 1000000ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 16), 5000ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 24), 4000ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 32), 65536ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 40), 60000ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 48), 0x5566778811223344ULL);
	KUNIT_EXPECT_EQ(test, p[56], 0xAA);

	/* No fragment size: the block size is the unit. */
	st.f_frsize = 0;
	kcifsd_put_posix_fs_info(p, &st);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 4), 4096u);
}

static void unix_basic_layout(struct kunit *test)
{
	struct kstat st = {
		.size = 12345,
		.blocks = 32,
		.ino = 0xABCDEF012345ULL,
		.nlink = 3,
		.mode = S_IFREG | 04755,
		.uid = KUIDT_INIT(1000),
		.gid = KGIDT_INIT(100),
		.atime = { .tv_sec = 1000000000, .tv_nsec = 100 },
		.mtime = { .tv_sec = 1000000001, .tv_nsec = 0 },
		.ctime = { .tv_sec = 1000000002, .tv_nsec = 0 },
	};
	u8 p[UNIX_BASIC_SIZE + 4];

	memset(p, 0xAA, sizeof(p));
	KUNIT_EXPECT_EQ(test, kcifsd_put_unix_basic(p, &st), 100u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p), 12345ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 8), 32ULL * 512);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 16),
			kcifsd_filetime(&st.ctime));
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 24),
			kcifsd_filetime(&st.atime));
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 32),
			kcifsd_filetime(&st.mtime));
	/* 1000000000 s after 1970 in 100 ns units since 1601, plus 1 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 24),
			116444736000000000ULL + 10000000000000000ULL + 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 40), 1000ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 48), 100ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 56), UNIX_TYPE_FILE);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 60), 0ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 68), 0ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 76), 0xABCDEF012345ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 84), 04755ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 92), 3ULL);
	KUNIT_EXPECT_EQ(test, p[100], 0xAA);

	/* A device node: its numbers and type, never the S_IFMT bits. */
	st.mode = S_IFCHR | 0620;
	st.rdev = MKDEV(136, 5);
	kcifsd_put_unix_basic(p, &st);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 56), UNIX_TYPE_CHARDEV);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 60), 136ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 68), 5ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 84), 0620ULL);
}

static void unix_types(struct kunit *test)
{
	static const umode_t modes[] = { S_IFREG, S_IFDIR, S_IFLNK, S_IFCHR,
					 S_IFBLK, S_IFIFO, S_IFSOCK };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		KUNIT_EXPECT_EQ(test, kcifsd_unix_type(modes[i] | 0644), i);
		KUNIT_EXPECT_EQ(test, kcifsd_unix_type_mode(i), modes[i]);
	}
	KUNIT_EXPECT_EQ(test, kcifsd_unix_type(0), UNIX_TYPE_UNKNOWN);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_type_mode(7), (umode_t)0);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_type_mode(UNIX_TYPE_UNKNOWN),
			(umode_t)0);
}

/* A set request as the Linux client sends one: everything "no change". */
static void unix_set_request(u8 *p)
{
	memset(p, 0, UNIX_BASIC_SIZE);
	put_unaligned_le64(UNIX_NO_CHANGE_64, p);
	put_unaligned_le64(UNIX_NO_CHANGE_64, p + 8);
	put_unaligned_le64(UNIX_NO_CHANGE_64, p + 16);
	put_unaligned_le64(UNIX_NO_CHANGE_64, p + 24);
	put_unaligned_le64(UNIX_NO_CHANGE_64, p + 32);
	put_unaligned_le64(UNIX_NO_CHANGE_64, p + 40);
	put_unaligned_le64(UNIX_NO_CHANGE_64, p + 48);
	put_unaligned_le64(UNIX_NO_CHANGE_64, p + 84);
}

static void unix_set_decode(struct kunit *test)
{
	struct kcifsd_unix_set set;
	u8 p[UNIX_BASIC_SIZE];

	unix_set_request(p);
	KUNIT_ASSERT_EQ(test, kcifsd_unix_set_decode(p, sizeof(p), &set), 0);
	KUNIT_EXPECT_FALSE(test, set.set_size || set.set_atime ||
			   set.set_mtime || set.set_uid || set.set_gid ||
			   set.set_mode);

	/* chmod 2750, chown 1000:1001, utimes */
	put_unaligned_le64(02750, p + 84);
	put_unaligned_le64(1000, p + 40);
	put_unaligned_le64(1001, p + 48);
	put_unaligned_le64(131000000000000000ULL, p + 24);
	put_unaligned_le64(132000000000000000ULL, p + 32);
	KUNIT_ASSERT_EQ(test, kcifsd_unix_set_decode(p, sizeof(p), &set), 0);
	KUNIT_EXPECT_TRUE(test, set.set_mode);
	KUNIT_EXPECT_EQ(test, set.mode, (umode_t)02750);
	KUNIT_EXPECT_TRUE(test, set.set_uid && set.set_gid);
	KUNIT_EXPECT_EQ(test, set.uid, 1000u);
	KUNIT_EXPECT_EQ(test, set.gid, 1001u);
	KUNIT_EXPECT_TRUE(test, set.set_atime && set.set_mtime);
	KUNIT_EXPECT_EQ(test, set.atime, 131000000000000000ULL);
	KUNIT_EXPECT_EQ(test, set.mtime, 132000000000000000ULL);
	KUNIT_EXPECT_FALSE(test, set.set_size);

	/* Mode bits past 07777 are dropped; zero times are "no change". */
	put_unaligned_le64(0170644, p + 84);
	put_unaligned_le64(0, p + 24);
	put_unaligned_le64(0, p + 32);
	put_unaligned_le64(0, p);
	KUNIT_ASSERT_EQ(test, kcifsd_unix_set_decode(p, sizeof(p), &set), 0);
	KUNIT_EXPECT_EQ(test, set.mode, (umode_t)0644);
	KUNIT_EXPECT_FALSE(test, set.set_atime || set.set_mtime);
	KUNIT_EXPECT_TRUE(test, set.set_size);
	KUNIT_EXPECT_EQ(test, set.size, 0ULL);

	/* A 32-bit "no change" mode and owner. */
	put_unaligned_le64(0xFFFFFFFFULL, p + 84);
	put_unaligned_le64(0xFFFFFFFFULL, p + 40);
	KUNIT_ASSERT_EQ(test, kcifsd_unix_set_decode(p, sizeof(p), &set), 0);
	KUNIT_EXPECT_FALSE(test, set.set_mode || set.set_uid);

	/* A size past LLONG_MAX, short data */
	put_unaligned_le64(1ULL << 63, p);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_set_decode(p, sizeof(p), &set),
			-EINVAL);
	put_unaligned_le64(UNIX_NO_CHANGE_64, p);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_set_decode(p, 99, &set), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_set_decode(p, 0, &set), -EINVAL);
}

static void unix_set_device(struct kunit *test)
{
	struct kcifsd_unix_set set;
	u8 p[UNIX_BASIC_SIZE];

	unix_set_request(p);
	put_unaligned_le32(UNIX_TYPE_BLKDEV, p + 56);
	put_unaligned_le64(8, p + 60);
	put_unaligned_le64(17, p + 68);
	KUNIT_ASSERT_EQ(test, kcifsd_unix_set_decode(p, sizeof(p), &set), 0);
	KUNIT_EXPECT_EQ(test, set.type, (u32)UNIX_TYPE_BLKDEV);
	KUNIT_EXPECT_EQ(test, set.dev, MKDEV(8, 17));

	/* Numbers a dev_t cannot hold are refused, not truncated. */
	put_unaligned_le64(1 << 12, p + 60);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_set_decode(p, sizeof(p), &set),
			-EINVAL);
	put_unaligned_le64(8, p + 60);
	put_unaligned_le64(1 << 20, p + 68);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_set_decode(p, sizeof(p), &set),
			-EINVAL);

	/* A FIFO has no device number, whatever the fields say. */
	put_unaligned_le32(UNIX_TYPE_FIFO, p + 56);
	KUNIT_ASSERT_EQ(test, kcifsd_unix_set_decode(p, sizeof(p), &set), 0);
	KUNIT_EXPECT_EQ(test, set.dev, (dev_t)0);
}

static void unix_string_verbatim(struct kunit *test)
{
	/* "../a\b" + U+1F600 (a surrogate pair) + NUL + junk, UTF-16LE */
	static const u8 u16[] = { '.', 0, '.', 0, '/', 0, 'a', 0, '\\', 0,
				  'b', 0, 0x3D, 0xD8, 0x00, 0xDE, 0, 0,
				  'x', 0 };
	static const u8 lone[] = { 'a', 0, 0x00, 0xDC, 'b', 0 };
	static const u8 high[] = { 'a', 0, 0x3D, 0xD8 };
	char *s = NULL;

	KUNIT_ASSERT_EQ(test, kcifsd_unix_string(u16, sizeof(u16), true, &s),
			0);
	KUNIT_EXPECT_STREQ(test, s, "../a\\b\xf0\x9f\x98\x80");
	kfree(s);
	/* Unterminated: up to the end of the data. */
	KUNIT_ASSERT_EQ(test, kcifsd_unix_string(u16, 12, true, &s), 0);
	KUNIT_EXPECT_STREQ(test, s, "../a\\b");
	kfree(s);
	/* An odd trailing byte is not half a character. */
	KUNIT_ASSERT_EQ(test, kcifsd_unix_string(u16, 3, true, &s), 0);
	KUNIT_EXPECT_STREQ(test, s, ".");
	kfree(s);

	KUNIT_EXPECT_EQ(test, kcifsd_unix_string(lone, sizeof(lone), true, &s),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_string(high, sizeof(high), true, &s),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_string(u16, 1, true, &s), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_string(u16 + 16, 2, true, &s),
			-EINVAL);

	KUNIT_ASSERT_EQ(test, kcifsd_unix_string((const u8 *)"/etc/passwd\0x", 13, false,
						 &s), 0);
	KUNIT_EXPECT_STREQ(test, s, "/etc/passwd");
	kfree(s);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_string((const u8 *)"\0abc", 4, false, &s),
			-EINVAL);
}

static void unix_string_too_long(struct kunit *test)
{
	unsigned int n = PATH_MAX + 8;
	u8 *p = kunit_kmalloc(test, 2 * n, GFP_KERNEL);
	char *s = NULL;

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 'a', n);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_string(p, n, false, &s),
			-ENAMETOOLONG);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_string(p, PATH_MAX - 1, false, &s),
			0);
	kfree(s);
	memset(p, 0, 2 * n);
	memset(p, 'a', 2 * n);	/* U+6161 each: 3 bytes of UTF-8 */
	KUNIT_EXPECT_EQ(test, kcifsd_unix_string(p, 2 * n, true, &s),
			-ENAMETOOLONG);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_string(p, 2 * 2000, true, &s),
			-ENAMETOOLONG);
	KUNIT_ASSERT_EQ(test, kcifsd_unix_string(p, 2 * 1000, true, &s), 0);
	KUNIT_EXPECT_EQ(test, strlen(s), (size_t)3000);
	kfree(s);
}

/* An SMB_POSIX_PATH_OPEN request's data. */
static void posix_open_request(u8 *p, u32 flags, u64 perms, u16 level)
{
	put_unaligned_le32(0x2, p);	/* REQ_OPLOCK: asked, never granted */
	put_unaligned_le32(flags, p + 4);
	put_unaligned_le64(perms, p + 8);
	put_unaligned_le16(level, p + 16);
}

static void posix_open_flags(struct kunit *test)
{
	static const struct {
		u32 flags;
		u32 desired;
		u32 disposition;
		u32 options;
		bool mkdir;
	} cases[] = {
		{ SMB_O_RDONLY, GENERIC_READ, FILE_OPEN, 0, false },
		{ SMB_O_WRONLY, GENERIC_WRITE, FILE_OPEN,
		  FILE_NON_DIRECTORY_FILE, false },
		{ SMB_O_RDWR | SMB_O_CREAT, GENERIC_READ | GENERIC_WRITE,
		  FILE_OPEN_IF, FILE_NON_DIRECTORY_FILE, false },
		{ SMB_O_WRONLY | SMB_O_CREAT | SMB_O_EXCL, GENERIC_WRITE,
		  FILE_CREATE, FILE_NON_DIRECTORY_FILE, false },
		/* O_EXCL wins over O_TRUNC: the file must be new. */
		{ SMB_O_RDWR | SMB_O_CREAT | SMB_O_EXCL | SMB_O_TRUNC,
		  GENERIC_READ | GENERIC_WRITE, FILE_CREATE,
		  FILE_NON_DIRECTORY_FILE, false },
		{ SMB_O_WRONLY | SMB_O_CREAT | SMB_O_TRUNC, GENERIC_WRITE,
		  FILE_OVERWRITE_IF, FILE_NON_DIRECTORY_FILE, false },
		{ SMB_O_WRONLY | SMB_O_TRUNC, GENERIC_WRITE, FILE_OVERWRITE,
		  FILE_NON_DIRECTORY_FILE, false },
		/* O_EXCL without O_CREAT means nothing (open(2)). */
		{ SMB_O_RDONLY | SMB_O_EXCL, GENERIC_READ, FILE_OPEN, 0,
		  false },
		/* The Linux client's mkdir: no access mode at all. */
		{ SMB_O_DIRECTORY | SMB_O_CREAT, FILE_READ_ATTRIBUTES,
		  FILE_CREATE, FILE_DIRECTORY_FILE, true },
		{ SMB_O_RDONLY | SMB_O_DIRECTORY, GENERIC_READ, FILE_OPEN,
		  FILE_DIRECTORY_FILE, false },
		{ SMB_O_RDONLY | SMB_O_APPEND | SMB_O_DIRECT | SMB_O_NOFOLLOW,
		  GENERIC_READ, FILE_OPEN, 0, false },
	};
	struct kcifsd_posix_open po;
	u8 p[POSIX_OPEN_REQ_SIZE];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		posix_open_request(p, cases[i].flags, 0100644,
				   SMB_QUERY_FILE_UNIX_BASIC);
		KUNIT_ASSERT_EQ_MSG(test,
				    kcifsd_posix_open_decode(p, sizeof(p), &po),
				    0, "flags 0x%x", cases[i].flags);
		KUNIT_EXPECT_EQ_MSG(test, po.desired, cases[i].desired,
				    "flags 0x%x", cases[i].flags);
		KUNIT_EXPECT_EQ_MSG(test, po.disposition, cases[i].disposition,
				    "flags 0x%x", cases[i].flags);
		KUNIT_EXPECT_EQ_MSG(test, po.options, cases[i].options,
				    "flags 0x%x", cases[i].flags);
		KUNIT_EXPECT_EQ_MSG(test, po.mkdir, cases[i].mkdir,
				    "flags 0x%x", cases[i].flags);
		/* S_IFREG, as the Linux client sends it, is dropped. */
		KUNIT_EXPECT_EQ(test, po.mode, (umode_t)0644);
		KUNIT_EXPECT_EQ(test, po.reply_level,
				(u16)SMB_QUERY_FILE_UNIX_BASIC);
		KUNIT_EXPECT_EQ(test, po.nofollow,
				!!(cases[i].flags & SMB_O_NOFOLLOW));
		KUNIT_EXPECT_FALSE(test, po.sync);
	}

	posix_open_request(p, SMB_O_WRONLY | SMB_O_SYNC, 04755,
			   SMB_NO_INFO_LEVEL_RETURNED);
	KUNIT_ASSERT_EQ(test, kcifsd_posix_open_decode(p, sizeof(p), &po), 0);
	KUNIT_EXPECT_TRUE(test, po.sync);
	KUNIT_EXPECT_EQ(test, po.mode, (umode_t)04755);
	KUNIT_EXPECT_EQ(test, po.reply_level,
			(u16)SMB_NO_INFO_LEVEL_RETURNED);
}

static void posix_open_hostile(struct kunit *test)
{
	static const u32 bad[] = {
		0,					/* no access mode */
		SMB_O_CREAT,				/* ... even creating */
		SMB_O_RDONLY | SMB_O_WRONLY,		/* two modes */
		SMB_O_RDONLY | SMB_O_RDWR,
		SMB_O_ACCMODE,
		SMB_O_RDONLY | 0x0008,			/* a hole */
		SMB_O_RDONLY | 0x1000,			/* past SMB_O_DIRECT */
		SMB_O_RDONLY | 0x80000000,
		0xFFFFFFFF,
		SMB_O_DIRECTORY | SMB_O_CREAT | SMB_O_TRUNC,
		SMB_O_DIRECTORY | SMB_O_WRONLY,		/* write a directory */
		SMB_O_DIRECTORY | SMB_O_RDWR | SMB_O_CREAT,
	};
	struct kcifsd_posix_open po;
	u8 p[POSIX_OPEN_REQ_SIZE + 4];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		posix_open_request(p, bad[i], 0644, SMB_QUERY_FILE_UNIX_BASIC);
		KUNIT_EXPECT_EQ_MSG(test,
				    kcifsd_posix_open_decode(p, sizeof(p), &po),
				    -EINVAL, "flags 0x%x", bad[i]);
	}

	/* Reply levels other than UNIX_BASIC or none. */
	posix_open_request(p, SMB_O_RDONLY, 0644, SMB_QUERY_FILE_UNIX_LINK);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_open_decode(p, sizeof(p), &po),
			-EINVAL);
	posix_open_request(p, SMB_O_RDONLY, 0644, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_open_decode(p, sizeof(p), &po),
			-EINVAL);

	/* Short data, down to none. */
	posix_open_request(p, SMB_O_RDONLY, 0644, SMB_QUERY_FILE_UNIX_BASIC);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_open_decode(p, sizeof(p), &po), 0);
	KUNIT_EXPECT_EQ(test,
			kcifsd_posix_open_decode(p, POSIX_OPEN_REQ_SIZE - 1,
						 &po), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_open_decode(p, 0, &po), -EINVAL);

	/* Permissions with every bit set: only 07777 is kept. */
	posix_open_request(p, SMB_O_RDWR | SMB_O_CREAT, ~0ULL,
			   SMB_QUERY_FILE_UNIX_BASIC);
	KUNIT_ASSERT_EQ(test, kcifsd_posix_open_decode(p, sizeof(p), &po), 0);
	KUNIT_EXPECT_EQ(test, po.mode, (umode_t)07777);
}

static void posix_open_reply_layout(struct kunit *test)
{
	u8 p[POSIX_OPEN_RSP_SIZE + 2];

	memset(p, 0xAA, sizeof(p));
	KUNIT_EXPECT_EQ(test, kcifsd_put_posix_open_rsp(p, 0x1234, 2,
							SMB_QUERY_FILE_UNIX_BASIC),
			12u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(p), 0);	/* no oplock */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(p + 2), 0x1234);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 4), 2u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(p + 8), 0x200);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(p + 10), 0);
	KUNIT_EXPECT_EQ(test, p[12], 0xAA);
}

static void unix_info2_layout(struct kunit *test)
{
	struct kstat st = { .mode = S_IFDIR | 0750, .ino = 77, .nlink = 3 };
	u8 p[UNIX_INFO2_SIZE + 2];
	u64 create;

	memset(p, 0xAA, sizeof(p));
	KUNIT_EXPECT_EQ(test, kcifsd_put_unix_info2(p, &st, 0x1122334455ULL),
			116u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 56), UNIX_TYPE_DIR);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 84), 0750ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 100), 0x1122334455ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 108), 0u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 112), 0u);
	KUNIT_EXPECT_EQ(test, p[116], 0xAA);

	/* A set: short data, a flag in the mask, "no change" times. */
	KUNIT_EXPECT_EQ(test, kcifsd_unix_info2_decode(p, 115, &create),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_info2_decode(p, 116, &create), 0);
	KUNIT_EXPECT_EQ(test, create, 0x1122334455ULL);
	put_unaligned_le32(0xFFFFFFFF, p + 108);	/* flags, no mask */
	put_unaligned_le64(U64_MAX, p + 100);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_info2_decode(p, 116, &create), 0);
	KUNIT_EXPECT_EQ(test, create, 0ULL);
	put_unaligned_le32(0x8, p + 112);
	KUNIT_EXPECT_EQ(test, kcifsd_unix_info2_decode(p, 116, &create),
			-EINVAL);
}

static void unix_whoami_layout(struct kunit *test)
{
	struct group_info *gi = groups_alloc(2);
	u8 *p;
	int n;

	KUNIT_ASSERT_NOT_NULL(test, gi);
	gi->gid[0] = KGIDT_INIT(100);
	gi->gid[1] = KGIDT_INIT(1000);
	p = kunit_kzalloc(test, 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);

	/* Room for all: 2 gids, 4 SIDs of 16 bytes. */
	n = kcifsd_put_whoami(p, 512, 1000, 1000, gi, false);
	KUNIT_EXPECT_EQ(test, n, 40 + 2 * 8 + 4 * 16);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p), 0u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 4), SMB_WHOAMI_GUEST);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 8), 1000ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 24), 2u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 28), 4u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 32), 64u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 36), 0u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p + 40), 100ULL);
	/* S-1-22-1-1000, then S-1-22-2-1000 */
	KUNIT_EXPECT_EQ(test, p[56], 1);
	KUNIT_EXPECT_EQ(test, p[57], 2);
	KUNIT_EXPECT_EQ(test, p[63], 22);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 64), 1u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 68), 1000u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 72 + 8), 2u);

	/* One byte short: the lists go, the counts are 0. */
	n = kcifsd_put_whoami(p, 40 + 2 * 8 + 4 * 16 - 1, 1000, 1000, gi,
			      true);
	KUNIT_EXPECT_EQ(test, n, 40);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p), SMB_WHOAMI_GUEST);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 24), 0u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 28), 0u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 32), 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_put_whoami(p, 39, 1, 1, gi, false),
			-ENOSPC);
	put_group_info(gi);
}

static struct kunit_case unix_cases[] = {
	KUNIT_CASE(unix_info_layout),
	KUNIT_CASE(posix_fs_info_layout),
	KUNIT_CASE(unix_basic_layout),
	KUNIT_CASE(unix_types),
	KUNIT_CASE(unix_set_decode),
	KUNIT_CASE(unix_set_device),
	KUNIT_CASE(unix_string_verbatim),
	KUNIT_CASE(unix_string_too_long),
	KUNIT_CASE(posix_open_flags),
	KUNIT_CASE(posix_open_hostile),
	KUNIT_CASE(posix_open_reply_layout),
	KUNIT_CASE(unix_info2_layout),
	KUNIT_CASE(unix_whoami_layout),
	{}
};

static struct kunit_suite unix_suite = {
	.name = "kcifsd_unix",
	.test_cases = unix_cases,
};

kunit_test_suite(unix_suite);
