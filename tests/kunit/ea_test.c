// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/ea_wire.c: walking SMB_FEA_LIST, SMB_GEA_LIST and
 * FILE_FULL_EA_INFORMATION lists with hostile lengths and offsets, the
 * EA name rules, checking a list before anything is set, and the SMB_FEA
 * and FILE_FULL_EA_INFORMATION encoders.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/ea.h"
#include "fs/ntstatus.h"

/* Append one SMB_FEA to @buf at *@pos. */
static void put_fea(u8 *buf, u32 *pos, u8 flags, const char *name,
		    const char *value)
{
	u8 n = strlen(name);
	u16 v = strlen(value);

	buf[*pos] = flags;
	buf[*pos + 1] = n;
	put_unaligned_le16(v, buf + *pos + 2);
	memcpy(buf + *pos + 4, name, n + 1);
	memcpy(buf + *pos + 5 + n, value, v);
	*pos += 5 + n + v;
}

/* Append one FILE_FULL_EA_INFORMATION, 4-aligned; returns its offset. */
static u32 put_full(u8 *buf, u32 *pos, const char *name, const char *value)
{
	u32 start = *pos;
	u8 n = strlen(name);
	u16 v = strlen(value);

	put_unaligned_le32(0, buf + start);
	buf[start + 4] = 0;
	buf[start + 5] = n;
	put_unaligned_le16(v, buf + start + 6);
	memcpy(buf + start + 8, name, n + 1);
	memcpy(buf + start + 9 + n, value, v);
	*pos = ALIGN(start + 9 + n + v, 4);
	return start;
}

static void fea_list_walk(struct kunit *test)
{
	struct kcifsd_ea_iter it;
	struct kcifsd_ea ea;
	u8 buf[64] = {};
	u32 pos = 4;

	put_fea(buf, &pos, 0, "EAONE", "VALUE1");
	put_fea(buf, &pos, 0, "B", "");
	put_unaligned_le32(pos, buf);
	KUNIT_ASSERT_EQ(test, kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, buf,
						  sizeof(buf)), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, ea.off, 4u);
	KUNIT_EXPECT_EQ(test, ea.name_len, 5);
	KUNIT_EXPECT_TRUE(test, !memcmp(ea.name, "EAONE", 5));
	KUNIT_EXPECT_EQ(test, ea.value_len, 6);
	KUNIT_EXPECT_TRUE(test, !memcmp(ea.value, "VALUE1", 6));
	KUNIT_ASSERT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, ea.value_len, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 0);
	KUNIT_EXPECT_FALSE(test, kcifsd_ea_list_empty(KCIFSD_EA_FEA, buf,
						      sizeof(buf)));
}

static void fea_list_hostile(struct kunit *test)
{
	struct kcifsd_ea_iter it;
	struct kcifsd_ea ea;
	u8 buf[32] = {};
	u32 pos = 4, off;

	/* SizeOfListInBytes past the buffer, below its own size, short */
	put_unaligned_le32(33, buf);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, buf, 32),
			(u32)STATUS_EA_LIST_INCONSISTENT);
	put_unaligned_le32(3, buf);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, buf, 32),
			(u32)STATUS_EA_LIST_INCONSISTENT);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, buf, 3),
			(u32)STATUS_EA_LIST_INCONSISTENT);

	/* A value length running past the list */
	put_fea(buf, &pos, 0, "A", "xy");
	put_unaligned_le32(pos, buf);
	put_unaligned_le16(0xFFFF, buf + 6);
	KUNIT_ASSERT_EQ(test, kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, buf, 32),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_check_list(KCIFSD_EA_FEA, buf, 32,
						   &off),
			(u32)STATUS_EA_LIST_INCONSISTENT);
	KUNIT_EXPECT_EQ(test, off, 4u);

	/* A name length running past it, a name without its NUL */
	put_unaligned_le16(2, buf + 6);
	buf[5] = 200;
	kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, buf, 32);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);
	buf[5] = 1;
	buf[9] = 'B';
	kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, buf, 32);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);

	/* Three stray bytes after a good entry */
	buf[9] = 0;
	put_unaligned_le32(pos + 3, buf);
	kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, buf, 32);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);
}

static void gea_list(struct kunit *test)
{
	struct kcifsd_ea_iter it;
	struct kcifsd_ea ea;
	u8 buf[16] = { 13, 0, 0, 0, 3, 'A', 'B', 'C', 0, 2, 'D', 'E', 0 };

	KUNIT_ASSERT_EQ(test, kcifsd_ea_iter_init(&it, KCIFSD_EA_GEA, buf, 16),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, ea.name_len, 3);
	KUNIT_EXPECT_TRUE(test, !memcmp(ea.name, "ABC", 3));
	KUNIT_ASSERT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, ea.off, 9u);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 0);

	/* The last name's length reaching past SizeOfListInBytes */
	buf[9] = 3;
	kcifsd_ea_iter_init(&it, KCIFSD_EA_GEA, buf, 16);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);
}

static void full_list_walk(struct kunit *test)
{
	struct kcifsd_ea_iter it;
	struct kcifsd_ea ea;
	u8 buf[64] = {};
	u32 pos = 0, first, second, off;

	first = put_full(buf, &pos, "1st EA", "Value One");
	second = put_full(buf, &pos, "and 3rd", "final value");
	put_unaligned_le32(second - first, buf + first);
	KUNIT_ASSERT_EQ(test, kcifsd_ea_iter_init(&it, KCIFSD_EA_FULL, buf,
						  pos), STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_TRUE(test, !memcmp(ea.value, "Value One", 9));
	KUNIT_ASSERT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, ea.off, second);
	KUNIT_EXPECT_EQ(test, ea.name_len, 7);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_check_list(KCIFSD_EA_FULL, buf, pos,
						   &off), STATUS_SUCCESS);

	/* NextEntryOffset inside the entry, past the buffer, 1 */
	put_unaligned_le32(8, buf + first);
	kcifsd_ea_iter_init(&it, KCIFSD_EA_FULL, buf, pos);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);
	put_unaligned_le32(pos, buf + first);
	kcifsd_ea_iter_init(&it, KCIFSD_EA_FULL, buf, pos);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);
	put_unaligned_le32(0xFFFFFFFC, buf + first);
	kcifsd_ea_iter_init(&it, KCIFSD_EA_FULL, buf, pos);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_check_list(KCIFSD_EA_FULL, buf, pos,
						   &off),
			(u32)STATUS_EA_LIST_INCONSISTENT);

	/* An entry cut short by the buffer */
	put_unaligned_le32(0, buf + first);
	kcifsd_ea_iter_init(&it, KCIFSD_EA_FULL, buf, 12);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);
	kcifsd_ea_iter_init(&it, KCIFSD_EA_FULL, buf, 5);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), -EINVAL);
	KUNIT_EXPECT_TRUE(test, kcifsd_ea_list_empty(KCIFSD_EA_FULL, buf, 0));
}

static void name_rules(struct kunit *test)
{
	static const char bad[] = "\"*+,/:;<=>?[\\]|";
	char name[KCIFSD_EA_NAME_MAX + 2];
	unsigned int c;

	KUNIT_EXPECT_TRUE(test, kcifsd_ea_name_valid("EAONE", 5));
	KUNIT_EXPECT_TRUE(test, kcifsd_ea_name_valid("1st EA", 6));
	KUNIT_EXPECT_FALSE(test, kcifsd_ea_name_valid("", 0));
	KUNIT_EXPECT_FALSE(test, kcifsd_ea_name_valid("SECOND:EA", 9));
	strscpy(name, "TEST_X", sizeof(name));
	for (c = 1; c < 256; c++) {
		bool ok = c >= 32 && !memchr(bad, c, sizeof(bad) - 1);

		name[5] = c;
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_ea_name_valid(name, 6), ok,
				    "char %u", c);
	}
	memset(name, 'A', sizeof(name));
	KUNIT_EXPECT_TRUE(test, kcifsd_ea_name_valid(name,
						     KCIFSD_EA_NAME_MAX));
	KUNIT_EXPECT_FALSE(test, kcifsd_ea_name_valid(name,
						      KCIFSD_EA_NAME_MAX + 1));
}

static void check_list_statuses(struct kunit *test)
{
	u8 buf[64] = {};
	u32 pos = 4, off;

	put_fea(buf, &pos, 0, "EAONE", "VALUE1");
	put_fea(buf, &pos, 0, "SECOND:EA", "ValueTwo");
	put_unaligned_le32(pos, buf);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_check_list(KCIFSD_EA_FEA, buf, pos,
						   &off),
			(u32)STATUS_INVALID_EA_NAME);
	KUNIT_EXPECT_EQ(test, off, 4u + 5 + 5 + 6);

	pos = 4;
	put_fea(buf, &pos, KCIFSD_FILE_NEED_EA, "NEED", "x");
	put_unaligned_le32(pos, buf);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_check_list(KCIFSD_EA_FEA, buf, pos,
						   &off),
			(u32)STATUS_NOT_SUPPORTED);
	buf[4] = 0x01;
	KUNIT_EXPECT_EQ(test, kcifsd_ea_check_list(KCIFSD_EA_FEA, buf, pos,
						   &off),
			(u32)STATUS_INVALID_PARAMETER);

	/* An empty list: SizeOfListInBytes 4 */
	put_unaligned_le32(4, buf);
	KUNIT_EXPECT_TRUE(test, kcifsd_ea_list_empty(KCIFSD_EA_FEA, buf, 64));
	KUNIT_EXPECT_EQ(test, kcifsd_ea_check_list(KCIFSD_EA_FEA, buf, 4,
						   &off), STATUS_SUCCESS);
}

static void fea_encode(struct kunit *test)
{
	struct kcifsd_ea_iter it;
	struct kcifsd_ea ea;
	u8 buf[32] = {};
	int n;

	n = kcifsd_ea_put_fea(buf + 4, 28, "Name", 4, "val", 3);
	KUNIT_ASSERT_EQ(test, n, 12);
	KUNIT_EXPECT_EQ(test, buf[4], 0);
	KUNIT_EXPECT_EQ(test, buf[5], 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 6), 3);
	KUNIT_EXPECT_EQ(test, buf[12], 0);	/* the name's NUL */
	put_unaligned_le32(4 + n, buf);
	/* What the encoder writes, the walker reads back. */
	KUNIT_ASSERT_EQ(test, kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, buf, 32),
			STATUS_SUCCESS);
	KUNIT_ASSERT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_TRUE(test, !memcmp(ea.name, "Name", 4));
	KUNIT_EXPECT_TRUE(test, !memcmp(ea.value, "val", 3));
	/* No room: nothing written past it */
	KUNIT_EXPECT_EQ(test, kcifsd_ea_put_fea(buf, 11, "Name", 4, "val", 3),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_fea_size(4, 3), 12u);
}

/* SMB_FEA_LIST -> FILE_FULL_EA_INFORMATION: alignment, chaining, room. */
static void full_encode(struct kunit *test)
{
	u8 fea[64] = {}, out[64];
	struct kcifsd_ea_iter it;
	struct kcifsd_ea ea;
	u32 pos = 4, len;

	put_fea(fea, &pos, 0, "EAONE", "VALUE");	/* 19 bytes as FULL */
	put_fea(fea, &pos, 0, "B", "xy");		/* 12 */
	put_fea(fea, &pos, 0, "LONGNAME", "");		/* 17 */
	put_unaligned_le32(pos, fea);

	memset(out, 0xAA, sizeof(out));
	KUNIT_EXPECT_EQ(test, kcifsd_ea_fea_to_full(fea, pos, out,
						    sizeof(out), &len),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, len, 20 + 12 + 17);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(out), 20);
	KUNIT_EXPECT_EQ(test, out[5], 5);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(out + 6), 5);
	KUNIT_EXPECT_TRUE(test, !memcmp(out + 8, "EAONE\0VALUE", 11));
	KUNIT_EXPECT_EQ(test, out[19], 0);		/* padding zeroed */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(out + 20), 12);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(out + 32), 0);
	KUNIT_EXPECT_TRUE(test, !memcmp(out + 40, "LONGNAME", 9));
	/* What the encoder wrote is a list the FULL walker accepts. */
	KUNIT_ASSERT_EQ(test, kcifsd_ea_iter_init(&it, KCIFSD_EA_FULL, out,
						  len), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, ea.value_len, 2);
	KUNIT_EXPECT_TRUE(test, !memcmp(ea.value, "xy", 2));
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 1);
	KUNIT_EXPECT_EQ(test, ea.name_len, 8);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_next(&it, &ea), 0);

	/* Room for two: they come, the second ends the chain. */
	KUNIT_EXPECT_EQ(test, kcifsd_ea_fea_to_full(fea, pos, out, 40, &len),
			STATUS_BUFFER_OVERFLOW);
	KUNIT_EXPECT_EQ(test, len, 32);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(out + 20), 0);
	/* Room for none, and a FULL entry needing exactly the room. */
	KUNIT_EXPECT_EQ(test, kcifsd_ea_fea_to_full(fea, pos, out, 18, &len),
			STATUS_BUFFER_TOO_SMALL);
	KUNIT_EXPECT_EQ(test, len, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_fea_to_full(fea, pos, out, 19, &len),
			STATUS_BUFFER_OVERFLOW);
	KUNIT_EXPECT_EQ(test, len, 19);

	/* No EAs; a list whose entry runs past its end. */
	put_unaligned_le32(4, fea);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_fea_to_full(fea, 4, out, sizeof(out),
						    &len),
			STATUS_NO_EAS_ON_FILE);
	put_unaligned_le32(12, fea);
	KUNIT_EXPECT_EQ(test, kcifsd_ea_fea_to_full(fea, 12, out, sizeof(out),
						    &len),
			STATUS_EA_LIST_INCONSISTENT);
}

static struct kunit_case ea_cases[] = {
	KUNIT_CASE(fea_list_walk),
	KUNIT_CASE(fea_list_hostile),
	KUNIT_CASE(gea_list),
	KUNIT_CASE(full_list_walk),
	KUNIT_CASE(name_rules),
	KUNIT_CASE(check_list_statuses),
	KUNIT_CASE(fea_encode),
	KUNIT_CASE(full_encode),
	{}
};

static struct kunit_suite ea_suite = {
	.name = "kcifsd_ea",
	.test_cases = ea_cases,
};

kunit_test_suite(ea_suite);
