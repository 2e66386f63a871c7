// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for net/split.c: which WRITE_ANDX messages a transport
 * splits into a head and a payload left on the transport.
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "net/split.h"

#define HDR		32
#define WORDS_END(wc)	(HDR + 1 + 2 * (wc) + 2)

/* A WRITE_ANDX head: @wc words, AndXCommand @andx, DataOffset @off. */
static void build(u8 *m, u8 cmd, u8 wc, u8 andx, u16 off)
{
	memset(m, 0, KCIFSD_SPLIT_HEAD_MAX);
	memcpy(m, "\xffSMB", 4);
	m[4] = cmd;
	m[HDR] = wc;
	m[HDR + 1] = andx;
	m[HDR + 1 + 22] = off & 0xff;	/* DataOffset, little-endian */
	m[HDR + 1 + 23] = off >> 8;
}

struct split_case {
	const char *desc;
	u8 cmd, wc, andx;
	u16 off;
	u32 avail, total, want;
};

static const struct split_case split_cases[] = {
	{ "12 words, 64 KiB", 0x2F, 12, 0xFF, 64, 64, 64 + 65536, 64 },
	{ "14 words (64-bit offset)", 0x2F, 14, 0xFF, 68, 68, 68 + 8192, 68 },
	{ "pad before the data", 0x2F, 14, 0xFF, 70, 70, 70 + 9000, 70 },
	{ "head longer than what is in hand: the caller decides", 0x2F, 14,
	  0xFF, 200, WORDS_END(14), 200 + 9000, 200 },
	{ "just the minimum payload", 0x2F, 12, 0xFF, 64, 64, 64 + 8192, 64 },
	{ "one byte short of it", 0x2F, 12, 0xFF, 64, 64, 64 + 8191, 0 },
	{ "not WRITE_ANDX", 0x2E, 12, 0xFF, 64, 64, 64 + 65536, 0 },
	{ "wrong word count", 0x2F, 13, 0xFF, 64, 64, 64 + 65536, 0 },
	{ "an AndX command follows", 0x2F, 12, 0x2E, 64, 64, 64 + 65536, 0 },
	{ "DataOffset inside the words", 0x2F, 14, 0xFF, 40, 68, 68 + 65536, 0 },
	{ "DataOffset past the head limit", 0x2F, 12, 0xFF,
	  KCIFSD_SPLIT_HEAD_MAX + 1, 64, 65536, 0 },
	{ "DataOffset past the message", 0x2F, 12, 0xFF, 200, 64, 100, 0 },
	{ "words not all in hand", 0x2F, 14, 0xFF, 68, WORDS_END(14) - 1,
	  68 + 65536, 0 },
	{ "less than header and word count", 0x2F, 12, 0xFF, 64,
	  KCIFSD_SPLIT_PEEK - 1, 64 + 65536, 0 },
};

static void split_head_test(struct kunit *test)
{
	const struct split_case *c;
	u8 m[KCIFSD_SPLIT_HEAD_MAX];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(split_cases); i++) {
		c = &split_cases[i];
		build(m, c->cmd, c->wc, c->andx, c->off);
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_split_head(m, c->avail,
							    c->total),
				    c->want, "%s", c->desc);
	}
}

static void split_words_end_test(struct kunit *test)
{
	u8 m[KCIFSD_SPLIT_HEAD_MAX];

	build(m, 0x2F, 12, 0xFF, 64);
	KUNIT_EXPECT_EQ(test, kcifsd_split_words_end(m), WORDS_END(12));
	build(m, 0x2F, 14, 0xFF, 68);
	KUNIT_EXPECT_EQ(test, kcifsd_split_words_end(m), WORDS_END(14));
	m[0] = 0xFE;	/* an SMB2 header is not ours to split */
	KUNIT_EXPECT_EQ(test, kcifsd_split_words_end(m), 0);
	build(m, 0x2F, 0, 0xFF, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_split_words_end(m), 0);
}

static struct kunit_case split_test_cases[] = {
	KUNIT_CASE(split_head_test),
	KUNIT_CASE(split_words_end_test),
	{}
};

static struct kunit_suite split_test_suite = {
	.name = "kcifsd_split",
	.test_cases = split_test_cases,
};

kunit_test_suite(split_test_suite);
