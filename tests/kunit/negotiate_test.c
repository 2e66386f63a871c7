// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/negotiate.c: dialect selection and dialect-buffer
 * validation (MS-CIFS 2.2.4.52.1, 3.3.5.42) and the NT LM 0.12 response in
 * both forms (MS-CIFS 2.2.4.52.2, MS-SMB 2.2.4.5.2.1).
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/spnego.h"
#include "tests/kunit/smb_test_util.h"

struct dialect_case {
	const char *desc;
	const char *list;
	unsigned int len;	/* ByteCount */
	u32 status;
	u16 index;
};

/* A case whose ByteCount is the whole literal, explicit NULs included. */
#define DIALECT_CASE(desc, list, status, index)			\
	{ desc, list, sizeof(list) - 1, status, index }

static const struct dialect_case dialect_cases[] = {
	DIALECT_CASE("windows list", "\x02PC NETWORK PROGRAM 1.0\0"
		     "\x02LANMAN1.0\0\x02Windows for Workgroups 3.1a\0"
		     "\x02LM1.2X002\0\x02LANMAN2.1\0\x02NT LM 0.12\0",
		     STATUS_SUCCESS, 5),
	DIALECT_CASE("only nt lm", "\x02NT LM 0.12\0", STATUS_SUCCESS, 0),
	DIALECT_CASE("smb2 strings ignored", "\x02NT LM 0.12\0"
		     "\x02SMB 2.002\0\x02SMB 2.???\0", STATUS_SUCCESS, 0),
	DIALECT_CASE("last duplicate wins", "\x02NT LM 0.12\0"
		     "\x02LANMAN2.1\0\x02NT LM 0.12\0", STATUS_SUCCESS, 2),
	DIALECT_CASE("absent", "\x02PC NETWORK PROGRAM 1.0\0\x02LANMAN1.0\0",
		     STATUS_SUCCESS, SMB1_NO_DIALECT),
	DIALECT_CASE("case matters", "\x02nt lm 0.12\0", STATUS_SUCCESS,
		     SMB1_NO_DIALECT),
	DIALECT_CASE("prefix only", "\x02NT LM 0.1\0", STATUS_SUCCESS,
		     SMB1_NO_DIALECT),
	DIALECT_CASE("longer string", "\x02NT LM 0.12X\0", STATUS_SUCCESS,
		     SMB1_NO_DIALECT),
	DIALECT_CASE("empty string", "\x02\0", STATUS_SUCCESS,
		     SMB1_NO_DIALECT),
	DIALECT_CASE("empty list", "", STATUS_INVALID_SMB, SMB1_NO_DIALECT),
	DIALECT_CASE("no NUL", "\x02NT LM 0.12", STATUS_INVALID_SMB,
		     SMB1_NO_DIALECT),
	/* The NUL is there, one byte past ByteCount. */
	{ "NUL past ByteCount", "\x02NT LM 0.12\0", 11, STATUS_INVALID_SMB,
	  SMB1_NO_DIALECT },
	DIALECT_CASE("bad buffer format", "\x04NT LM 0.12\0",
		     STATUS_INVALID_SMB, SMB1_NO_DIALECT),
	DIALECT_CASE("bad format later", "\x02NT LM 0.12\0\x03LANMAN1.0\0",
		     STATUS_INVALID_SMB, SMB1_NO_DIALECT),
	DIALECT_CASE("format byte alone", "\x02NT LM 0.12\0\x02",
		     STATUS_INVALID_SMB, SMB1_NO_DIALECT),
	DIALECT_CASE("trailing garbage", "\x02NT LM 0.12\0garbage",
		     STATUS_INVALID_SMB, SMB1_NO_DIALECT),
};

static void negotiate_dialects(struct kunit *test)
{
	unsigned int i;
	u16 index;
	u32 st;

	for (i = 0; i < ARRAY_SIZE(dialect_cases); i++) {
		const struct dialect_case *c = &dialect_cases[i];

		index = 0x4242;
		st = kcifsd_negotiate_pick_dialect((const u8 *)c->list,
						   c->len, &index);
		KUNIT_EXPECT_EQ_MSG(test, st, c->status, "%s", c->desc);
		if (st == STATUS_SUCCESS)
			KUNIT_EXPECT_EQ_MSG(test, index, c->index, "%s",
					    c->desc);
	}
}

/* More dialects than a 16-bit index can name. */
static void negotiate_dialect_count(struct kunit *test)
{
	unsigned int n = 0x10000, len = 2 * n, i;
	u8 *list;
	u16 index;

	list = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, list);
	for (i = 0; i < n; i++) {
		list[2 * i] = SMB_BUFFER_FORMAT_DIALECT;
		list[2 * i + 1] = 0;
	}
	KUNIT_EXPECT_EQ(test, kcifsd_negotiate_pick_dialect(list, len, &index),
			(u32)STATUS_INVALID_SMB);
	KUNIT_EXPECT_EQ(test, kcifsd_negotiate_pick_dialect(list, len - 2,
							    &index),
			(u32)STATUS_SUCCESS);
}

static const struct smb1_negotiate_rsp_nt *nt_words(struct kunit *test,
						    struct kcifsd_test_smb *t)
{
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_ASSERT_EQ(test, t->rsp[32], 17);
	return (const void *)(t->rsp + 33);
}

static unsigned int rsp_bc(struct kcifsd_test_smb *t)
{
	return get_unaligned_le16(t->rsp + 33 + 2 * t->rsp[32]);
}

static void negotiate_nt_response(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	u16 flags2 = SMB_FLAGS2_NT_STATUS | SMB_FLAGS2_UNICODE |
		     SMB_FLAGS2_LONG_NAMES;
	const struct smb1_negotiate_rsp_nt *w;
	static const u8 workgroup[] = {
		'W', 0, 'O', 0, 'R', 0, 'K', 0, 'G', 0, 'R', 0, 'O', 0,
		'U', 0, 'P', 0, 0, 0,
	};
	const u8 *bytes;
	u32 caps;

	KUNIT_EXPECT_EQ(test, READ_ONCE(t->conn.phase), KCIFSD_PHASE_NEW);
	kcifsd_test_negotiate(test, t, flags2);
	w = nt_words(test, t);

	KUNIT_EXPECT_EQ(test, le16_to_cpu(w->dialect_index), 1);
	KUNIT_EXPECT_TRUE(test, ((struct smb1_hdr *)t->rsp)->flags &
				SMB_FLAGS_LOCK_AND_READ_OK);
	/* No helper ever started: "server signing" is its default, enabled. */
	KUNIT_EXPECT_EQ(test, w->security_mode,
			NEGOTIATE_USER_SECURITY | NEGOTIATE_ENCRYPT_PASSWORDS |
			NEGOTIATE_SECURITY_SIGNATURES_ENABLED);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(w->max_mpx_count), 50);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(w->max_number_vcs), 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w->max_buffer_size),
			(u32)KCIFSD_SMB_MAX_BUFFER_SIZE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w->max_buffer_size) % 4, 0u);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w->max_raw_size), 65536u);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w->session_key),
			t->conn.smb->session_key);
	caps = le32_to_cpu(w->capabilities);
	KUNIT_EXPECT_EQ(test, caps, (u32)(CAP_UNICODE | CAP_LARGE_FILES |
					  CAP_NT_SMBS | CAP_STATUS32 |
					  CAP_NT_FIND | CAP_LARGE_READX |
					  CAP_LARGE_WRITEX |
					  CAP_INFOLEVEL_PASSTHRU | CAP_UNIX |
					  CAP_LOCK_AND_READ));
	/* After 2020-01-01 (FILETIME 132223104000000000). */
	KUNIT_EXPECT_GT(test, le64_to_cpu(w->system_time),
			132223104000000000ULL);
	KUNIT_EXPECT_EQ(test, w->challenge_length, SMB1_CHALLENGE_SIZE);

	/* Challenge, then "WORKGROUP" in UTF-16 with no pad, then a name. */
	bytes = t->rsp + 33 + 34 + 2;
	KUNIT_EXPECT_TRUE(test, !memcmp(bytes, t->conn.smb->challenge, 8));
	KUNIT_EXPECT_TRUE(test, !memcmp(bytes + 8, workgroup,
					sizeof(workgroup)));
	KUNIT_EXPECT_GT(test, rsp_bc(t), 8u + (unsigned int)sizeof(workgroup));
	KUNIT_EXPECT_EQ(test, t->rsp_len, 33u + 34 + 2 + rsp_bc(t));
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(t->rsp + t->rsp_len - 2), 0);

	KUNIT_EXPECT_FALSE(test, t->conn.smb->extended_security);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t->conn.phase),
			KCIFSD_PHASE_NEGOTIATED);
	KUNIT_EXPECT_FALSE(test, t->work.disconnect);
}

static void negotiate_oem_strings(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	const u8 *bytes;

	kcifsd_test_negotiate(test, t, SMB_FLAGS2_NT_STATUS);
	nt_words(test, t);
	bytes = t->rsp + 33 + 34 + 2;
	KUNIT_EXPECT_TRUE(test, !memcmp(bytes + 8, "WORKGROUP", 10));
	KUNIT_EXPECT_EQ(test, t->rsp[t->rsp_len - 1], 0);
}

static void negotiate_extended(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct kcifsd_test_smb *t2 = kcifsd_test_smb_new(test);
	u16 flags2 = SMB_FLAGS2_NT_STATUS | SMB_FLAGS2_UNICODE |
		     SMB_FLAGS2_EXTENDED_SECURITY;
	const struct smb1_negotiate_rsp_nt *w;
	u8 guid[SMB1_SERVER_GUID_SIZE];

	kcifsd_test_negotiate(test, t, flags2);
	w = nt_words(test, t);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w->capabilities) &
			CAP_EXTENDED_SECURITY, (u32)CAP_EXTENDED_SECURITY);
	KUNIT_EXPECT_EQ(test, w->challenge_length, 0);
	KUNIT_EXPECT_TRUE(test, le16_to_cpu(((struct smb1_hdr *)t->rsp)->flags2)
			  & SMB_FLAGS2_EXTENDED_SECURITY);
	/* ServerGUID, then the SPNEGO NegTokenInit (an [APPLICATION 0]). */
	KUNIT_EXPECT_EQ(test, rsp_bc(t), (unsigned int)SMB1_SERVER_GUID_SIZE +
			KCIFSD_SPNEGO_NEG_INIT_SIZE);
	KUNIT_EXPECT_EQ(test, t->rsp[33 + 34 + 2 + SMB1_SERVER_GUID_SIZE], 0x60);
	KUNIT_EXPECT_TRUE(test, t->conn.smb->extended_security);
	memcpy(guid, t->rsp + 33 + 34 + 2, sizeof(guid));
	KUNIT_EXPECT_TRUE(test, memchr_inv(guid, 0, sizeof(guid)) != NULL);

	/* The GUID is the server's, the same on every connection. */
	kcifsd_test_negotiate(test, t2, flags2);
	nt_words(test, t2);
	KUNIT_EXPECT_TRUE(test, !memcmp(guid, t2->rsp + 33 + 34 + 2,
					sizeof(guid)));
}

static void negotiate_second(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	u8 challenge[SMB1_CHALLENGE_SIZE];

	kcifsd_test_negotiate(test, t, SMB_FLAGS2_NT_STATUS);
	memcpy(challenge, t->conn.smb->challenge, sizeof(challenge));

	/* "MUST be rejected with error responses ... no other action". */
	kcifsd_test_msg_hdr(t, SMB_COM_NEGOTIATE,
			    SMB_FLAGS2_NT_STATUS |
			    SMB_FLAGS2_EXTENDED_SECURITY);
	kcifsd_test_msg_block(t, 0, NULL, 12, "\x02NT LM 0.12");
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_INVALID_SMB);
	KUNIT_EXPECT_EQ(test, t->rsp_len, 35u);
	KUNIT_EXPECT_FALSE(test, t->work.disconnect);
	KUNIT_EXPECT_TRUE(test, !memcmp(challenge, t->conn.smb->challenge,
					sizeof(challenge)));
	KUNIT_EXPECT_FALSE(test, t->conn.smb->extended_security);
}

static void negotiate_no_dialect(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);

	kcifsd_test_msg_hdr(t, SMB_COM_NEGOTIATE, SMB_FLAGS2_NT_STATUS);
	kcifsd_test_msg_block(t, 0, NULL, 11, "\x02LANMAN1.0");
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t), (u32)STATUS_SUCCESS);
	/* Core form: WordCount 1, DialectIndex 0xFFFF, ByteCount 0. */
	KUNIT_EXPECT_EQ(test, t->rsp_len, 32u + 1 + 2 + 2);
	KUNIT_EXPECT_EQ(test, t->rsp[32], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(t->rsp + 33), 0xFFFF);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(t->rsp + 35), 0);
	KUNIT_EXPECT_TRUE(test, t->work.disconnect);
}

static void negotiate_malformed(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);

	/* A bad dialect buffer is an error and negotiates nothing... */
	kcifsd_test_msg_hdr(t, SMB_COM_NEGOTIATE, 0);
	kcifsd_test_msg_block(t, 0, NULL, 11, "\x02NT LM 0.12");
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			SMB_DOS_STATUS(ERRSRV, ERRerror));
	KUNIT_EXPECT_EQ(test, READ_ONCE(t->conn.phase), KCIFSD_PHASE_NEW);
	KUNIT_EXPECT_FALSE(test, t->work.disconnect);

	/* ... so the client may still negotiate properly. */
	kcifsd_test_negotiate(test, t, SMB_FLAGS2_NT_STATUS);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t->conn.phase),
			KCIFSD_PHASE_NEGOTIATED);
}

static struct kunit_case negotiate_cases[] = {
	KUNIT_CASE(negotiate_dialects),
	KUNIT_CASE(negotiate_dialect_count),
	KUNIT_CASE(negotiate_nt_response),
	KUNIT_CASE(negotiate_oem_strings),
	KUNIT_CASE(negotiate_extended),
	KUNIT_CASE(negotiate_second),
	KUNIT_CASE(negotiate_no_dialect),
	KUNIT_CASE(negotiate_malformed),
	{}
};

static struct kunit_suite negotiate_suite = {
	.name = "kcifsd_smb_negotiate",
	.test_cases = negotiate_cases,
};

kunit_test_suite(negotiate_suite);
