// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/andx.c: the AndX walker (MS-CIFS 2.2.3.4) with valid
 * chains, loops, backward offsets, offsets past the end, overlong chains
 * and follow-on commands the spec does not allow (2.2.4.x lists).
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/smb_req.h"

#define MSG_LEN	256

/* A block at @off with @wc words whose AndX block names @next at @to. */
static void put_andx_block(u8 *msg, unsigned int off, u8 wc, u8 next, u16 to)
{
	msg[off] = wc;
	if (wc >= 2) {
		msg[off + 1] = next;
		msg[off + 2] = 0;
		put_unaligned_le16(to, msg + off + 3);
	}
	put_unaligned_le16(0, msg + off + 1 + 2 * wc);
}

static u32 walk(u8 *msg, unsigned int len, u8 command, unsigned int off,
		unsigned int nr_run, u8 *next, unsigned int *next_off)
{
	struct kcifsd_smb_block blk;
	u32 st;

	st = kcifsd_smb_parse_block(msg, len, off, command, &blk);
	if (st)
		return st;
	return kcifsd_andx_next(msg, len, &blk, nr_run, next, next_off);
}

static void andx_valid_chain(struct kunit *test)
{
	u8 msg[MSG_LEN] = {};
	unsigned int off;
	u8 next;

	/* SESSION_SETUP_ANDX (13 words) -> TREE_CONNECT_ANDX at 64. */
	put_andx_block(msg, 32, 13, SMB_COM_TREE_CONNECT_ANDX, 64);
	put_andx_block(msg, 64, 4, SMB_COM_NO_ANDX_COMMAND, 0);
	KUNIT_EXPECT_EQ(test, walk(msg, MSG_LEN, SMB_COM_SESSION_SETUP_ANDX,
				   32, 1, &next, &off), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, next, SMB_COM_TREE_CONNECT_ANDX);
	KUNIT_EXPECT_EQ(test, off, 64u);

	/* ... which ends the chain with 0xFF. */
	KUNIT_EXPECT_EQ(test, walk(msg, MSG_LEN, SMB_COM_TREE_CONNECT_ANDX,
				   64, 2, &next, &off), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, next, SMB_COM_NO_ANDX_COMMAND);

	/* The next block may start right after ByteCount: 32+1+26+2 = 61. */
	put_andx_block(msg, 32, 13, SMB_COM_TREE_CONNECT_ANDX, 61);
	KUNIT_EXPECT_EQ(test, walk(msg, MSG_LEN, SMB_COM_SESSION_SETUP_ANDX,
				   32, 1, &next, &off), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, off, 61u);

	/* READ_ANDX -> CLOSE, a non-AndX command that ends any chain. */
	put_andx_block(msg, 32, 12, SMB_COM_CLOSE, 100);
	KUNIT_EXPECT_EQ(test, walk(msg, MSG_LEN, SMB_COM_READ_ANDX, 32, 1,
				   &next, &off), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, next, SMB_COM_CLOSE);
	msg[100] = 3;
	KUNIT_EXPECT_EQ(test, walk(msg, MSG_LEN, SMB_COM_CLOSE, 100, 2,
				   &next, &off), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, next, SMB_COM_NO_ANDX_COMMAND);
}

static void andx_not_andx(struct kunit *test)
{
	u8 msg[MSG_LEN] = {};
	unsigned int off;
	u8 next;

	/* ECHO's first word looks like an AndX block: it is not one. */
	put_andx_block(msg, 32, 1, 0, 0);
	msg[33] = SMB_COM_ECHO;
	KUNIT_EXPECT_EQ(test, walk(msg, MSG_LEN, SMB_COM_ECHO, 32, 1, &next,
				   &off), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, next, SMB_COM_NO_ANDX_COMMAND);

	/* An AndX command too short for its AndX block ends the chain. */
	put_andx_block(msg, 32, 1, 0, 0);
	msg[33] = SMB_COM_TREE_CONNECT_ANDX;
	KUNIT_EXPECT_EQ(test, walk(msg, MSG_LEN, SMB_COM_SESSION_SETUP_ANDX,
				   32, 1, &next, &off), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, next, SMB_COM_NO_ANDX_COMMAND);
}

static void andx_bad_offsets(struct kunit *test)
{
	static const u16 bad[] = {
		32,		/* loop: back to itself */
		0,		/* backward, into the header */
		20,		/* backward */
		40,		/* inside its own words */
		60,		/* over its own ByteCount (ends at 61) */
		MSG_LEN,	/* just past the end */
		0xFFFF,		/* far past the end */
	};
	u8 msg[MSG_LEN] = {};
	unsigned int i, off;
	u8 next;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		put_andx_block(msg, 32, 13, SMB_COM_TREE_CONNECT_ANDX, bad[i]);
		KUNIT_EXPECT_EQ_MSG(test,
				    walk(msg, MSG_LEN,
					 SMB_COM_SESSION_SETUP_ANDX, 32, 1,
					 &next, &off),
				    (u32)STATUS_INVALID_SMB,
				    "AndXOffset %u", bad[i]);
	}
}

static void andx_loop_between_blocks(struct kunit *test)
{
	u8 msg[MSG_LEN] = {};
	unsigned int off;
	u8 next;

	/* LOCKING_ANDX may follow itself; the second points back. */
	put_andx_block(msg, 32, 8, SMB_COM_LOCKING_ANDX, 60);
	put_andx_block(msg, 60, 8, SMB_COM_LOCKING_ANDX, 32);
	KUNIT_EXPECT_EQ(test, walk(msg, MSG_LEN, SMB_COM_LOCKING_ANDX, 32, 1,
				   &next, &off), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, off, 60u);
	KUNIT_EXPECT_EQ(test, walk(msg, MSG_LEN, SMB_COM_LOCKING_ANDX, 60, 2,
				   &next, &off), (u32)STATUS_INVALID_SMB);
}

static void andx_too_long(struct kunit *test)
{
	u8 msg[MSG_LEN] = {};
	unsigned int off, at = 32, nr;
	u32 st = STATUS_SUCCESS;
	u8 next = SMB_COM_LOCKING_ANDX;

	/* LOCKING_ANDX after LOCKING_ANDX, each 19 bytes, forever. */
	for (off = 32; off + 19 < MSG_LEN; off += 19)
		put_andx_block(msg, off, 8, SMB_COM_LOCKING_ANDX, off + 19);
	for (nr = 1; nr <= KCIFSD_ANDX_MAX_CHAIN + 1; nr++) {
		st = walk(msg, MSG_LEN, SMB_COM_LOCKING_ANDX, at, nr, &next,
			  &off);
		if (st)
			break;
		at = off;
	}
	KUNIT_EXPECT_EQ(test, st, (u32)STATUS_INVALID_SMB);
	KUNIT_EXPECT_EQ(test, nr, (unsigned int)KCIFSD_ANDX_MAX_CHAIN);
}

struct follow_case {
	u8 command;
	u8 next;
	bool allowed;
};

static const struct follow_case follow_cases[] = {
	{ SMB_COM_SESSION_SETUP_ANDX, SMB_COM_TREE_CONNECT_ANDX, true },
	{ SMB_COM_SESSION_SETUP_ANDX, SMB_COM_TRANSACTION, true },
	{ SMB_COM_SESSION_SETUP_ANDX, SMB_COM_NT_CREATE_ANDX, false },
	{ SMB_COM_SESSION_SETUP_ANDX, SMB_COM_SESSION_SETUP_ANDX, false },
	{ SMB_COM_TREE_CONNECT_ANDX, SMB_COM_SEARCH, true },
	{ SMB_COM_TREE_CONNECT_ANDX, SMB_COM_CHECK_DIRECTORY, true },
	{ SMB_COM_TREE_CONNECT_ANDX, SMB_COM_TREE_CONNECT_ANDX, false },
	{ SMB_COM_LOGOFF_ANDX, SMB_COM_SESSION_SETUP_ANDX, true },
	{ SMB_COM_LOGOFF_ANDX, SMB_COM_TREE_CONNECT_ANDX, false },
	{ SMB_COM_NT_CREATE_ANDX, SMB_COM_READ_ANDX, true },
	{ SMB_COM_NT_CREATE_ANDX, SMB_COM_WRITE_ANDX, false },
	{ SMB_COM_OPEN_ANDX, SMB_COM_IOCTL, true },
	{ SMB_COM_READ_ANDX, SMB_COM_CLOSE, true },
	{ SMB_COM_READ_ANDX, SMB_COM_READ_ANDX, false },
	{ SMB_COM_WRITE_ANDX, SMB_COM_LOCK_AND_READ, true },
	{ SMB_COM_WRITE_ANDX, SMB_COM_WRITE_ANDX, false },
	{ SMB_COM_LOCKING_ANDX, SMB_COM_WRITE_ANDX, true },
	{ SMB_COM_LOCKING_ANDX, SMB_COM_NEGOTIATE, false },
	{ SMB_COM_ECHO, SMB_COM_ECHO, false },
	{ SMB_COM_SESSION_SETUP_ANDX, 0x99, false },
};

static void andx_follow_ons(struct kunit *test)
{
	u8 msg[MSG_LEN] = {};
	unsigned int i, off;
	u8 next;
	u32 want;

	for (i = 0; i < ARRAY_SIZE(follow_cases); i++) {
		const struct follow_case *c = &follow_cases[i];

		KUNIT_EXPECT_EQ_MSG(test,
				    kcifsd_andx_follow_allowed(c->command,
							       c->next),
				    c->allowed, "0x%02x -> 0x%02x",
				    c->command, c->next);
		if (!kcifsd_andx_is_andx(c->command))
			continue;
		/* The walker refuses what the table refuses. */
		put_andx_block(msg, 32, 13, c->next, 100);
		want = c->allowed ? STATUS_SUCCESS : STATUS_INVALID_SMB;
		KUNIT_EXPECT_EQ_MSG(test,
				    walk(msg, MSG_LEN, c->command, 32, 1,
					 &next, &off), want,
				    "walk 0x%02x -> 0x%02x", c->command,
				    c->next);
	}
}

static void andx_commands(struct kunit *test)
{
	static const u8 andx[] = {
		SMB_COM_LOCKING_ANDX, SMB_COM_OPEN_ANDX, SMB_COM_READ_ANDX,
		SMB_COM_WRITE_ANDX, SMB_COM_SESSION_SETUP_ANDX,
		SMB_COM_LOGOFF_ANDX, SMB_COM_TREE_CONNECT_ANDX,
		SMB_COM_NT_CREATE_ANDX,
	};
	unsigned int c, i, nr = 0;

	for (i = 0; i < ARRAY_SIZE(andx); i++)
		KUNIT_EXPECT_TRUE(test, kcifsd_andx_is_andx(andx[i]));
	for (c = 0; c < 256; c++)
		nr += kcifsd_andx_is_andx(c);
	KUNIT_EXPECT_EQ(test, nr, (unsigned int)ARRAY_SIZE(andx));
}

static struct kunit_case andx_cases[] = {
	KUNIT_CASE(andx_valid_chain),
	KUNIT_CASE(andx_not_andx),
	KUNIT_CASE(andx_bad_offsets),
	KUNIT_CASE(andx_loop_between_blocks),
	KUNIT_CASE(andx_too_long),
	KUNIT_CASE(andx_follow_ons),
	KUNIT_CASE(andx_commands),
	{}
};

static struct kunit_suite andx_suite = {
	.name = "kcifsd_smb_andx",
	.test_cases = andx_cases,
};

kunit_test_suite(andx_suite);
