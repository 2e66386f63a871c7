// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/validate.c: header validation (MS-CIFS 2.2.3.1,
 * 3.3.5.2), block placement (2.2.3.2, 2.2.3.3) and the command-code and
 * WordCount/ByteCount table (2.2.2.1, 2.2.4.x).
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "fs/smb_req.h"

static void put_hdr(u8 *msg, u8 command, u8 flags)
{
	struct smb1_hdr *hdr = (struct smb1_hdr *)msg;

	memset(hdr, 0, sizeof(*hdr));
	hdr->protocol = SMB1_PROTO_ID;
	hdr->command = command;
	hdr->flags = flags;
}

static void validate_header(struct kunit *test)
{
	u8 msg[64] = {};

	put_hdr(msg, SMB_COM_ECHO, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_header(msg, 35), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_header(msg, 64), 0);
	/* A header but no WordCount/ByteCount: answerable, malformed. */
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_header(msg, 34), -EBADMSG);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_header(msg, 32), -EBADMSG);
	/* Not even a header to answer. */
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_header(msg, 31), -EPROTO);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_header(msg, 4), -EPROTO);

	/* A request claiming to be a reply. */
	put_hdr(msg, SMB_COM_ECHO, SMB_FLAGS_REPLY);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_header(msg, 35), -EBADMSG);
	/* Reserved and obsolete Flags bits are ignored. */
	put_hdr(msg, SMB_COM_ECHO, 0x04 | SMB_FLAGS_BUF_AVAIL);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_header(msg, 35), 0);
}

static void validate_magic(struct kunit *test)
{
	static const u8 bad[][4] = {
		{ 0xFE, 'S', 'M', 'B' },	/* SMB2 */
		{ 0xFF, 's', 'm', 'b' },
		{ 0x00, 'S', 'M', 'B' },
		{ 0xFF, 'S', 'M', 0x00 },
	};
	u8 msg[64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		put_hdr(msg, SMB_COM_NEGOTIATE, 0);
		memcpy(msg, bad[i], 4);
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_smb_check_header(msg, 64),
				    -EPROTO, "magic %*ph", 4, bad[i]);
	}
}

static void validate_block(struct kunit *test)
{
	struct kcifsd_smb_block blk;
	u8 msg[64] = {};

	/* WordCount 2, ByteCount 3 at offset 32: ends at 32+1+4+2+3 = 42. */
	msg[32] = 2;
	msg[37] = 3;
	KUNIT_ASSERT_EQ(test, kcifsd_smb_parse_block(msg, 42, 32, 0x2B, &blk),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, blk.command, 0x2B);
	KUNIT_EXPECT_EQ(test, blk.offset, 32u);
	KUNIT_EXPECT_EQ(test, blk.wc, 2);
	KUNIT_EXPECT_PTR_EQ(test, blk.words, (const u8 *)msg + 33);
	KUNIT_EXPECT_EQ(test, blk.bc, 3);
	KUNIT_EXPECT_PTR_EQ(test, blk.bytes, (const u8 *)msg + 39);
	KUNIT_EXPECT_EQ(test, blk.end, 42u);

	/* Excess bytes after the block are allowed (3.3.5.2). */
	KUNIT_EXPECT_EQ(test, kcifsd_smb_parse_block(msg, 64, 32, 0, &blk),
			(u32)STATUS_SUCCESS);
	/* One byte short of the Bytes. */
	KUNIT_EXPECT_EQ(test, kcifsd_smb_parse_block(msg, 41, 32, 0, &blk),
			(u32)STATUS_INVALID_SMB);
	/* ByteCount itself cut off. */
	KUNIT_EXPECT_EQ(test, kcifsd_smb_parse_block(msg, 38, 32, 0, &blk),
			(u32)STATUS_INVALID_SMB);
	/* Words past the end. */
	msg[32] = 255;
	KUNIT_EXPECT_EQ(test, kcifsd_smb_parse_block(msg, 64, 32, 0, &blk),
			(u32)STATUS_INVALID_SMB);
	/* ByteCount past the end. */
	msg[32] = 0;
	msg[33] = 0xFF;
	msg[34] = 0xFF;
	KUNIT_EXPECT_EQ(test, kcifsd_smb_parse_block(msg, 64, 32, 0, &blk),
			(u32)STATUS_INVALID_SMB);
	/* The smallest block: WordCount 0, ByteCount 0. */
	msg[33] = 0;
	msg[34] = 0;
	KUNIT_EXPECT_EQ(test, kcifsd_smb_parse_block(msg, 35, 32, 0, &blk),
			(u32)STATUS_SUCCESS);
	/* An offset at or past the end, or leaving less than 3 bytes. */
	KUNIT_EXPECT_EQ(test, kcifsd_smb_parse_block(msg, 35, 35, 0, &blk),
			(u32)STATUS_INVALID_SMB);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_parse_block(msg, 35, 33, 0, &blk),
			(u32)STATUS_INVALID_SMB);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_parse_block(msg, 35, 1000, 0, &blk),
			(u32)STATUS_INVALID_SMB);
}

static u32 check(u8 command, u8 wc, u16 bc)
{
	struct kcifsd_smb_block blk = {
		.command = command,
		.wc = wc,
		.bc = bc,
	};

	return kcifsd_smb_check_command(&blk);
}

/* The Unused and Reserved ranges of MS-CIFS 2.2.2.1, plus 0xFE and 0xFF. */
static bool spec_unused(unsigned int c)
{
	return (c >= 0x15 && c <= 0x19) || (c >= 0x36 && c <= 0x6F) ||
	       (c >= 0x76 && c <= 0x7D) || c == 0x7F ||
	       (c >= 0x85 && c <= 0x9F) || c == 0xA3 ||
	       (c >= 0xA6 && c <= 0xBF) || (c >= 0xC4 && c <= 0xD7) ||
	       c >= 0xDB;
}

/* Status X or N in 2.2.2.1, and WRITE_COMPLETE (a server-only message). */
static bool spec_not_implemented(unsigned int c)
{
	switch (c) {
	case 0x1C: case 0x1F: case 0x20: case 0x21: case 0x28: case 0x29:
	case 0x2A: case 0x30: case 0x31: case 0x35: case 0x7E: case 0xC3:
	case 0xD8: case 0xD9: case 0xDA:
		return true;
	}
	return false;
}

static void validate_command_codes(struct kunit *test)
{
	unsigned int c;
	u32 st;

	/* Only the class matters here; formats are validate_formats(). */
	for (c = 0; c < 256; c++) {
		st = check(c, 0, 0);
		if (spec_unused(c))
			KUNIT_EXPECT_EQ_MSG(test, st, (u32)STATUS_SMB_BAD_COMMAND,
					    "command 0x%02x", c);
		else if (spec_not_implemented(c))
			KUNIT_EXPECT_EQ_MSG(test, st, (u32)STATUS_NOT_IMPLEMENTED,
					    "command 0x%02x", c);
		else
			KUNIT_EXPECT_TRUE_MSG(test, st == STATUS_SUCCESS ||
					      st == STATUS_INVALID_SMB,
					      "command 0x%02x: 0x%08x", c, st);
	}
}

struct fmt_case {
	u8 command;
	u8 wc;
	u16 bc;
	u32 status;
};

static const struct fmt_case fmt_cases[] = {
	{ SMB_COM_NEGOTIATE, 0, 2, STATUS_SUCCESS },
	{ SMB_COM_NEGOTIATE, 0, 1, STATUS_INVALID_SMB },
	{ SMB_COM_NEGOTIATE, 1, 12, STATUS_INVALID_SMB },
	{ SMB_COM_ECHO, 1, 0, STATUS_SUCCESS },
	{ SMB_COM_ECHO, 1, 4000, STATUS_SUCCESS },
	{ SMB_COM_ECHO, 0, 0, STATUS_INVALID_SMB },
	{ SMB_COM_ECHO, 2, 0, STATUS_INVALID_SMB },
	{ SMB_COM_NT_CANCEL, 0, 0, STATUS_SUCCESS },
	{ SMB_COM_NT_CANCEL, 1, 0, STATUS_INVALID_SMB },
	{ SMB_COM_SESSION_SETUP_ANDX, 12, 0, STATUS_SUCCESS },
	{ SMB_COM_SESSION_SETUP_ANDX, 13, 0, STATUS_SUCCESS },
	{ SMB_COM_SESSION_SETUP_ANDX, 14, 0, STATUS_INVALID_SMB },
	{ SMB_COM_TREE_CONNECT_ANDX, 4, 3, STATUS_SUCCESS },
	{ SMB_COM_TREE_CONNECT_ANDX, 4, 2, STATUS_INVALID_SMB },
	{ SMB_COM_READ_ANDX, 10, 0, STATUS_SUCCESS },
	{ SMB_COM_READ_ANDX, 12, 0, STATUS_SUCCESS },
	{ SMB_COM_READ_ANDX, 11, 0, STATUS_INVALID_SMB },
	{ SMB_COM_WRITE_ANDX, 14, 1, STATUS_SUCCESS },
	/* 1 + 0xFFFF wrapped: what clients send for a 64 KiB - 1 write */
	{ SMB_COM_WRITE_ANDX, 12, 0, STATUS_SUCCESS },
	{ SMB_COM_WRITE_ANDX, 13, 1, STATUS_INVALID_SMB },
	{ SMB_COM_TRANSACTION, 14, 0, STATUS_SUCCESS },
	{ SMB_COM_TRANSACTION, 16, 0, STATUS_SUCCESS },
	{ SMB_COM_TRANSACTION, 13, 0, STATUS_INVALID_SMB },
	{ SMB_COM_TRANSACTION2, 15, 12, STATUS_SUCCESS },
	{ SMB_COM_NT_TRANSACT, 19, 0, STATUS_SUCCESS },
	{ SMB_COM_NT_TRANSACT, 18, 0, STATUS_INVALID_SMB },
	{ SMB_COM_NT_TRANSACT_SECONDARY, 18, 0, STATUS_SUCCESS },
	{ SMB_COM_NT_CREATE_ANDX, 24, 2, STATUS_SUCCESS },
	{ SMB_COM_NT_CREATE_ANDX, 24, 1, STATUS_INVALID_SMB },
	{ SMB_COM_CLOSE, 3, 0, STATUS_SUCCESS },
	/* "MUST be 0x0000" is a minimum: extra bytes are ignored. */
	{ SMB_COM_CLOSE, 3, 5, STATUS_SUCCESS },
	{ SMB_COM_CLOSE, 2, 0, STATUS_INVALID_SMB },
	{ SMB_COM_FIND_CLOSE, 2, 26, STATUS_SUCCESS },
	{ SMB_COM_FIND_CLOSE, 2, 25, STATUS_INVALID_SMB },
	{ SMB_COM_WRITE_COMPLETE, 1, 0, STATUS_NOT_IMPLEMENTED },
	{ SMB_COM_INVALID, 0, 0, STATUS_SMB_BAD_COMMAND },
	{ SMB_COM_NO_ANDX_COMMAND, 0, 0, STATUS_SMB_BAD_COMMAND },
};

static void validate_formats(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fmt_cases); i++) {
		const struct fmt_case *c = &fmt_cases[i];

		KUNIT_EXPECT_EQ_MSG(test, check(c->command, c->wc, c->bc),
				    c->status, "command 0x%02x wc %u bc %u",
				    c->command, c->wc, c->bc);
	}
}

static struct kunit_case validate_cases[] = {
	KUNIT_CASE(validate_header),
	KUNIT_CASE(validate_magic),
	KUNIT_CASE(validate_block),
	KUNIT_CASE(validate_command_codes),
	KUNIT_CASE(validate_formats),
	{}
};

static struct kunit_suite validate_suite = {
	.name = "kcifsd_smb_validate",
	.test_cases = validate_cases,
};

kunit_test_suite(validate_suite);
