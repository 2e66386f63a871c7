// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/spnego.c: the DER tokens of RFC 4178 4.2 as SMB1
 * extended security carries them (MS-SMB 2.2.4.5.2.1, 2.2.4.6), and
 * hostile encodings, each of which must give -EINVAL.
 *
 * The expected encodings are written out by hand from X.690 DER rules.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fs/spnego.h"
#include "tests/kunit/auth_vectors.h"


/* InitialContextToken { spnego, [0] NegTokenInit { [0] { NTLMSSP } } } */
static const u8 server_neg_init[30] = {
	0x60, 0x1c,
	0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02,
	0xa0, 0x12, 0x30, 0x10, 0xa0, 0x0e, 0x30, 0x0c,
	0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };

/* The first leg from a client: mechTypes { NTLMSSP }, mechToken */
static const u8 client_init[] = {
	0x60, 0x30,
	0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02,
	0xa0, 0x26, 0x30, 0x24,
	0xa0, 0x0e, 0x30, 0x0c,
	0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a,
	0xa2, 0x12, 0x04, 0x10,
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0,
	0x01, 0x00, 0x00, 0x00, 0x07, 0x82, 0x08, 0xa2 };

/* Kerberos first (MS KRB5, KRB5), NTLMSSP third, reqFlags, a krb token */
static const u8 client_init_krb_first[] = {
	0x60, 0x3e,
	0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02,
	0xa0, 0x34, 0x30, 0x32,
	0xa0, 0x24, 0x30, 0x22,
	0x06, 0x09, 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02,
	0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02,
	0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a,
	0xa1, 0x04, 0x03, 0x02, 0x00, 0x00,
	0xa2, 0x04, 0x04, 0x02, 0x6e, 0x82 };

/* A later leg: NegTokenResp { responseToken, mechListMIC } */
static const u8 client_resp[] = {
	0xa1, 0x2a, 0x30, 0x28,
	0xa2, 0x12, 0x04, 0x10,
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0,
	0x01, 0x00, 0x00, 0x00, 0x07, 0x82, 0x08, 0xa2,
	0xa3, 0x12, 0x04, 0x10,
	0x01, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 0x00, 0x00, 0x00, 0x00 };

/* A 16-byte NTLMSSP NEGOTIATE_MESSAGE header, the token carried above */
static const u8 neg_token[16] = {
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0,
	0x01, 0x00, 0x00, 0x00, 0x07, 0x82, 0x08, 0xa2 };

static int parse_copy(struct kunit *test, const u8 *blob, u32 len,
		      struct kcifsd_spnego_token *tok)
{
	/* an exact-size heap copy, so reading past it is a real overrun */
	u8 *copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, blob, len);
	return kcifsd_spnego_parse(copy, len, tok);
}

static void spnego_test_neg_init(struct kunit *test)
{
	struct kcifsd_spnego_token tok;
	u8 buf[64];

	KUNIT_ASSERT_EQ(test, kcifsd_spnego_neg_init(buf, sizeof(buf)),
			KCIFSD_SPNEGO_NEG_INIT_SIZE);
	EXPECT_BYTES(test, buf, server_neg_init, sizeof(server_neg_init));
	KUNIT_EXPECT_EQ(test, kcifsd_spnego_neg_init(buf, 29), -ENOSPC);

	/* it decodes as an init offering NTLMSSP, with no token */
	KUNIT_ASSERT_EQ(test, kcifsd_spnego_parse(server_neg_init,
						  sizeof(server_neg_init),
						  &tok), 0);
	KUNIT_EXPECT_EQ(test, tok.kind, KCIFSD_SPNEGO_INIT);
	KUNIT_EXPECT_TRUE(test, tok.ntlmssp_offered);
	KUNIT_EXPECT_TRUE(test, tok.ntlmssp_first);
	KUNIT_EXPECT_NULL(test, tok.mech_token);
	KUNIT_EXPECT_PTR_EQ(test, tok.mech_types, &server_neg_init[16]);
	KUNIT_EXPECT_EQ(test, tok.mech_types_len, 14u);
}

static void spnego_test_parse_client(struct kunit *test)
{
	struct kcifsd_spnego_token tok;

	KUNIT_ASSERT_EQ(test, kcifsd_spnego_parse(client_init,
						  sizeof(client_init), &tok),
			0);
	KUNIT_EXPECT_EQ(test, tok.kind, KCIFSD_SPNEGO_INIT);
	KUNIT_EXPECT_TRUE(test, tok.ntlmssp_first);
	KUNIT_EXPECT_EQ(test, tok.neg_state, -1);
	KUNIT_ASSERT_EQ(test, tok.mech_token_len, 16u);
	KUNIT_EXPECT_PTR_EQ(test, tok.mech_token, &client_init[34]);
	KUNIT_EXPECT_NULL(test, tok.mech_list_mic);

	KUNIT_ASSERT_EQ(test, kcifsd_spnego_parse(client_init_krb_first,
						  sizeof(client_init_krb_first),
						  &tok), 0);
	KUNIT_EXPECT_TRUE(test, tok.ntlmssp_offered);
	KUNIT_EXPECT_FALSE(test, tok.ntlmssp_first);
	KUNIT_EXPECT_EQ(test, tok.mech_token_len, 2u);

	KUNIT_ASSERT_EQ(test, kcifsd_spnego_parse(client_resp,
						  sizeof(client_resp), &tok),
			0);
	KUNIT_EXPECT_EQ(test, tok.kind, KCIFSD_SPNEGO_RESP);
	KUNIT_EXPECT_FALSE(test, tok.ntlmssp_offered);
	KUNIT_ASSERT_EQ(test, tok.mech_token_len, 16u);
	EXPECT_BYTES(test, tok.mech_token, neg_token, 16);
	KUNIT_EXPECT_EQ(test, tok.mech_list_mic_len, 16u);
	KUNIT_EXPECT_PTR_EQ(test, tok.mech_list_mic, &client_resp[28]);

	/* the NegTokenInit without its GSS-API wrapper */
	KUNIT_ASSERT_EQ(test, kcifsd_spnego_parse(client_init + 10,
						  sizeof(client_init) - 10,
						  &tok), 0);
	KUNIT_EXPECT_EQ(test, tok.kind, KCIFSD_SPNEGO_INIT);
	KUNIT_EXPECT_EQ(test, tok.mech_token_len, 16u);

	/* trailing padding after a complete token is ignored */
	{
		u8 padded[sizeof(client_resp) + 3] = {};

		memcpy(padded, client_resp, sizeof(client_resp));
		KUNIT_EXPECT_EQ(test, parse_copy(test, padded, sizeof(padded),
						 &tok), 0);
	}
}

static void spnego_test_raw_ntlmssp(struct kunit *test)
{
	struct kcifsd_spnego_token tok;

	KUNIT_ASSERT_EQ(test, kcifsd_spnego_parse(neg_token, sizeof(neg_token),
						  &tok), 0);
	KUNIT_EXPECT_EQ(test, tok.kind, KCIFSD_SPNEGO_RAW_NTLMSSP);
	KUNIT_EXPECT_TRUE(test, tok.ntlmssp_first);
	KUNIT_EXPECT_PTR_EQ(test, tok.mech_token, &neg_token[0]);
	KUNIT_EXPECT_EQ(test, tok.mech_token_len, 16u);
	/* a signature alone is still raw; what it holds is NTLMSSP's to judge */
	KUNIT_EXPECT_EQ(test, parse_copy(test, neg_token, 8, &tok), 0);
	KUNIT_EXPECT_EQ(test, parse_copy(test, neg_token, 7, &tok), -EINVAL);
}

static void spnego_test_build_resp(struct kunit *test)
{
	static const u8 completed[] = {
		0xa1, 0x07, 0x30, 0x05, 0xa0, 0x03, 0x0a, 0x01, 0x00 };
	static const u8 incomplete[] = {
		0xa1, 0x29, 0x30, 0x27, 0xa0, 0x03, 0x0a, 0x01, 0x01,
		0xa1, 0x0c, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82,
		0x37, 0x02, 0x02, 0x0a,
		0xa2, 0x12, 0x04, 0x10,
		'N', 'T', 'L', 'M', 'S', 'S', 'P', 0,
		0x01, 0x00, 0x00, 0x00, 0x07, 0x82, 0x08, 0xa2 };
	struct kcifsd_spnego_token tok;
	u8 buf[400], big[300];
	int n;

	n = kcifsd_spnego_build_resp(KCIFSD_SPNEGO_ACCEPT_COMPLETED, false,
				     NULL, 0, NULL, 0, buf, sizeof(buf));
	KUNIT_ASSERT_EQ(test, n, (int)sizeof(completed));
	EXPECT_BYTES(test, buf, completed, sizeof(completed));
	KUNIT_EXPECT_EQ(test, kcifsd_spnego_resp_size(false, 0, 0),
			(u32)sizeof(completed));

	n = kcifsd_spnego_build_resp(KCIFSD_SPNEGO_ACCEPT_INCOMPLETE, true,
				     neg_token, 16, NULL, 0, buf, sizeof(buf));
	KUNIT_ASSERT_EQ(test, n, (int)sizeof(incomplete));
	EXPECT_BYTES(test, buf, incomplete, sizeof(incomplete));
	KUNIT_ASSERT_EQ(test, kcifsd_spnego_parse(buf, n, &tok), 0);
	KUNIT_EXPECT_EQ(test, tok.kind, KCIFSD_SPNEGO_RESP);
	KUNIT_EXPECT_EQ(test, tok.neg_state, KCIFSD_SPNEGO_ACCEPT_INCOMPLETE);
	KUNIT_EXPECT_EQ(test, tok.mech_token_len, 16u);

	/* long-form lengths (0x82 0x01 0x2c), round trip with a MIC */
	memset(big, 0x5a, sizeof(big));
	n = kcifsd_spnego_build_resp(KCIFSD_SPNEGO_REJECT, false, big,
				     sizeof(big), neg_token, 16, buf,
				     sizeof(buf));
	KUNIT_ASSERT_EQ(test, n, (int)kcifsd_spnego_resp_size(false, 300, 16));
	KUNIT_EXPECT_EQ(test, buf[0], (u8)0xa1);
	KUNIT_EXPECT_EQ(test, buf[1], (u8)0x82);
	KUNIT_ASSERT_EQ(test, kcifsd_spnego_parse(buf, n, &tok), 0);
	KUNIT_EXPECT_EQ(test, tok.neg_state, KCIFSD_SPNEGO_REJECT);
	KUNIT_ASSERT_EQ(test, tok.mech_token_len, 300u);
	EXPECT_BYTES(test, tok.mech_token, big, 300);
	KUNIT_ASSERT_EQ(test, tok.mech_list_mic_len, 16u);
	EXPECT_BYTES(test, tok.mech_list_mic, neg_token, 16);

	KUNIT_EXPECT_EQ(test, kcifsd_spnego_build_resp(
			KCIFSD_SPNEGO_ACCEPT_INCOMPLETE, true, neg_token, 16,
			NULL, 0, buf, sizeof(incomplete) - 1), -ENOSPC);
	KUNIT_EXPECT_EQ(test, kcifsd_spnego_build_resp(4, false, NULL, 0,
						       NULL, 0, buf,
						       sizeof(buf)), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_spnego_build_resp(
			KCIFSD_SPNEGO_ACCEPT_COMPLETED, false, NULL, 5, NULL,
			0, buf, sizeof(buf)), -EINVAL);
}

/* Every proper prefix of a valid token is truncated and must fail. */
static void spnego_test_truncated(struct kunit *test)
{
	struct kcifsd_spnego_token tok;
	u32 i;

	KUNIT_EXPECT_EQ(test, kcifsd_spnego_parse(NULL, 0, &tok), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_spnego_parse(client_init, 0, &tok),
			-EINVAL);
	for (i = 1; i < sizeof(client_init); i++)
		KUNIT_EXPECT_EQ_MSG(test, parse_copy(test, client_init, i, &tok),
				    -EINVAL, "prefix of %u bytes", i);
	for (i = 1; i < sizeof(client_resp); i++)
		KUNIT_EXPECT_EQ_MSG(test, parse_copy(test, client_resp, i, &tok),
				    -EINVAL, "prefix of %u bytes", i);
	KUNIT_EXPECT_NULL(test, tok.mech_token);
}

struct hostile_case {
	const char *desc;
	u8 blob[24];
	u32 len;
};

static const struct hostile_case hostile_cases[] = {
	{ "length beyond the buffer", { 0xa1, 0x7f, 0x30, 0x05 }, 4 },
	{ "inner length beyond outer",
	  { 0xa1, 0x07, 0x30, 0x09, 0xa0, 0x03, 0x0a, 0x01, 0x00 }, 9 },
	{ "long form of 5 bytes",
	  { 0xa1, 0x85, 0x00, 0x00, 0x00, 0x00, 0x05, 0x30, 0x03, 0xa0, 0x01,
	    0x00 }, 12 },
	{ "long form u32 max",
	  { 0xa1, 0x84, 0xff, 0xff, 0xff, 0xff, 0x30, 0x00 }, 8 },
	{ "long form truncated", { 0xa1, 0x82, 0x01 }, 3 },
	{ "indefinite length",
	  { 0xa1, 0x80, 0x30, 0x05, 0xa0, 0x03, 0x0a, 0x01, 0x00, 0x00,
	    0x00 }, 11 },
	{ "high tag number", { 0x7f, 0x81, 0x01, 0x00 }, 4 },
	{ "wrong outer tag", { 0x30, 0x05, 0xa0, 0x03, 0x0a, 0x01, 0x00 }, 7 },
	{ "wrong inner tag",
	  { 0xa1, 0x07, 0x31, 0x05, 0xa0, 0x03, 0x0a, 0x01, 0x00 }, 9 },
	{ "zero-length resp", { 0xa1, 0x00 }, 2 },
	{ "zero-length sequence", { 0xa1, 0x02, 0x30, 0x00 }, 4 },
	{ "zero-length token",
	  { 0xa1, 0x06, 0x30, 0x04, 0xa2, 0x02, 0x04, 0x00 }, 8 },
	{ "zero-length mechTypes",
	  { 0xa0, 0x06, 0x30, 0x04, 0xa0, 0x02, 0x30, 0x00 }, 8 },
	{ "zero-length OID",
	  { 0xa0, 0x08, 0x30, 0x06, 0xa0, 0x04, 0x30, 0x02, 0x06, 0x00 }, 10 },
	{ "init without mechTypes",
	  { 0xa0, 0x08, 0x30, 0x06, 0xa2, 0x04, 0x04, 0x02, 0x01, 0x02 }, 10 },
	{ "fields out of order",
	  { 0xa1, 0x0d, 0x30, 0x0b, 0xa2, 0x04, 0x04, 0x02, 0x01, 0x02, 0xa0,
	    0x03, 0x0a, 0x01, 0x00 }, 15 },
	{ "field repeated",
	  { 0xa1, 0x0c, 0x30, 0x0a, 0xa0, 0x03, 0x0a, 0x01, 0x00, 0xa0, 0x03,
	    0x0a, 0x01, 0x00 }, 14 },
	{ "unknown field [4]",
	  { 0xa1, 0x08, 0x30, 0x06, 0xa4, 0x04, 0x04, 0x02, 0x01, 0x02 }, 10 },
	{ "negState out of range",
	  { 0xa1, 0x07, 0x30, 0x05, 0xa0, 0x03, 0x0a, 0x01, 0x04 }, 9 },
	{ "negState of 2 bytes",
	  { 0xa1, 0x08, 0x30, 0x06, 0xa0, 0x04, 0x0a, 0x02, 0x00, 0x01 }, 10 },
	{ "token not an OCTET STRING",
	  { 0xa1, 0x08, 0x30, 0x06, 0xa2, 0x04, 0x03, 0x02, 0x00, 0x01 }, 10 },
	{ "bytes after the token inside [2]",
	  { 0xa1, 0x0a, 0x30, 0x08, 0xa2, 0x06, 0x04, 0x02, 0x01, 0x02, 0x05,
	    0x00 }, 12 },
	{ "bytes after the sequence inside [1]",
	  { 0xa1, 0x09, 0x30, 0x05, 0xa0, 0x03, 0x0a, 0x01, 0x00, 0x05,
	    0x00 }, 11 },
	{ "kerberos, not spnego",
	  { 0x60, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01,
	    0x02, 0x02, 0x01, 0x00, 0x6e, 0x00 }, 17 },
	{ "spnego wrapper around a resp",
	  { 0x60, 0x11, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02,
	    0xa1, 0x07, 0x30, 0x05, 0xa0, 0x03, 0x0a,
	    0x01, 0x00 }, 19 },
	{ "NTLMSSP signature cut short", { 'N', 'T', 'L', 'M', 'S' }, 5 },
};

static void spnego_test_hostile(struct kunit *test)
{
	struct kcifsd_spnego_token tok;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hostile_cases); i++) {
		const struct hostile_case *c = &hostile_cases[i];

		KUNIT_EXPECT_EQ_MSG(test, parse_copy(test, c->blob, c->len,
						     &tok), -EINVAL,
				    "%s", c->desc);
		KUNIT_EXPECT_NULL_MSG(test, tok.mech_token, "%s", c->desc);
	}
}

/* 60 levels of [1] { SEQUENCE { [1] ... } }: rejected, not recursed into */
static void spnego_test_deep_nesting(struct kunit *test)
{
	struct kcifsd_spnego_token tok;
	static const u8 init_path[3] = { 0xa0, 0x30, 0xa0 };
	const u32 depth = 60;	/* short lengths only: 2 bytes per level */
	u8 *blob;
	u32 i;

	blob = kunit_kzalloc(test, 2 * depth + 2, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blob);
	for (i = 0; i < depth; i++) {
		blob[2 * i] = (i & 1) ? 0x30 : 0xa1;
		blob[2 * i + 1] = 2 * (depth - i - 1) + 2;
	}
	blob[2 * depth] = 0x05;		/* NULL */
	KUNIT_EXPECT_EQ(test, kcifsd_spnego_parse(blob, 2 * depth + 2, &tok),
			-EINVAL);

	/* the same inside mechTypes */
	for (i = 0; i < depth; i++) {
		blob[2 * i] = i < 3 ? init_path[i] : 0x30;
		blob[2 * i + 1] = 2 * (depth - i - 1) + 2;
	}
	KUNIT_EXPECT_EQ(test, kcifsd_spnego_parse(blob, 2 * depth + 2, &tok),
			-EINVAL);
}

/* Flip every byte of valid tokens: never a crash, only 0 or -EINVAL. */
static void spnego_test_mutations(struct kunit *test)
{
	static const struct { const u8 *p; u32 len; } seeds[] = {
		{ client_init, sizeof(client_init) },
		{ client_init_krb_first, sizeof(client_init_krb_first) },
		{ client_resp, sizeof(client_resp) },
	};
	struct kcifsd_spnego_token tok;
	unsigned int s, i, x;
	u8 *copy;
	int rc;

	for (s = 0; s < ARRAY_SIZE(seeds); s++) {
		copy = kunit_kmalloc(test, seeds[s].len, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		for (i = 0; i < seeds[s].len; i++) {
			for (x = 1; x < 256; x <<= 1) {
				memcpy(copy, seeds[s].p, seeds[s].len);
				copy[i] ^= x;
				rc = kcifsd_spnego_parse(copy, seeds[s].len,
							 &tok);
				KUNIT_EXPECT_TRUE(test, rc == 0 || rc == -EINVAL);
				if (rc)
					continue;
				/* what was found lies inside the blob */
				KUNIT_EXPECT_TRUE(test, !tok.mech_token ||
					(tok.mech_token >= copy &&
					 tok.mech_token + tok.mech_token_len <=
					 copy + seeds[s].len));
			}
		}
	}
}

static struct kunit_case spnego_test_cases[] = {
	KUNIT_CASE(spnego_test_neg_init),
	KUNIT_CASE(spnego_test_parse_client),
	KUNIT_CASE(spnego_test_raw_ntlmssp),
	KUNIT_CASE(spnego_test_build_resp),
	KUNIT_CASE(spnego_test_truncated),
	KUNIT_CASE(spnego_test_hostile),
	KUNIT_CASE(spnego_test_deep_nesting),
	KUNIT_CASE(spnego_test_mutations),
	{}
};

static struct kunit_suite spnego_test_suite = {
	.name = "kcifsd_spnego",
	.test_cases = spnego_test_cases,
};

kunit_test_suite(spnego_test_suite);
