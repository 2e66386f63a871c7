// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/ntlm.c against the MS-NLMP 4.2 test vectors:
 * 4.2.2 (NTLM v1), 4.2.3 (NTLM v1 with client challenge, i.e. extended
 * session security) and 4.2.4 (NTLM v2), kept in auth_vectors.h.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fs/ntlm.h"
#include "tests/kunit/auth_vectors.h"

static const struct kcifsd_ntlm_policy v2_only = {};
static const struct kcifsd_ntlm_policy allow_all = {
	.allow_lm = true, .allow_ntlmv1 = true, .allow_lmv2 = true };

static struct kcifsd_ntlm_request vector_request(void)
{
	struct kcifsd_ntlm_request req = {
		.user = user_u16, .user_len = sizeof(user_u16),
		.domain = domain_u16, .domain_len = sizeof(domain_u16),
		.unicode = true, .server_challenge = server_challenge,
	};
	return req;
}

static void ntlm_test_upcase(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase('a'), (u16)'A');
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase('z'), (u16)'Z');
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase('A'), (u16)'A');
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase('1'), (u16)'1');
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x00e9), 0x00c9); /* e acute */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x00f7), 0x00f7); /* division */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x00ff), 0x0178); /* y diaer. */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x0101), 0x0100); /* a macron */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x0100), 0x0100);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x0131), 0x0131); /* dotless i */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x03b1), 0x0391); /* alpha */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x03c2), 0x03a3); /* final s */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x044f), 0x042f); /* ya */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x0450), 0x0400); /* ie grave */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x0561), 0x0531); /* ayb */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x1e01), 0x1e00);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x1d79), 0xa77d); /* far */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0xff41), 0xff21); /* fullwidth */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0x4e2d), 0x4e2d); /* CJK */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0xd801), 0xd801); /* surrogate */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_upcase(0xffff), 0xffff);
}

/* MS-NLMP 4.2.2.1.1, 4.2.2.1.2, 4.2.2.2.1, 4.2.2.2.2 */
static void ntlm_test_v1_owf_and_responses(struct kunit *test)
{
	u8 hash[16], resp[24];

	kcifsd_ntlm_lmowfv1((const u8 *)"Password", 8, hash);
	EXPECT_BYTES(test, hash, lmowfv1, 16);
	/* uppercased and truncated to 14 bytes */
	kcifsd_ntlm_lmowfv1((const u8 *)"PASSWORD", 8, hash);
	EXPECT_BYTES(test, hash, lmowfv1, 16);

	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_ntowfv1(password_u16,
						  sizeof(password_u16), hash), 0);
	EXPECT_BYTES(test, hash, ntowfv1, 16);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_ntowfv1(password_u16, 3, hash),
			-EINVAL);

	kcifsd_ntlm_desl(ntowfv1, server_challenge, resp);
	EXPECT_BYTES(test, resp, v1_nt_response, 24);
	kcifsd_ntlm_desl(lmowfv1, server_challenge, resp);
	EXPECT_BYTES(test, resp, v1_lm_response, 24);
}

/* MS-NLMP 4.2.2: NTLMv1 logon, session base key, key exchange */
static void ntlm_test_v1_authenticate(struct kunit *test)
{
	struct kcifsd_ntlm_request req = vector_request();
	struct kcifsd_ntlm_policy v1 = { .allow_ntlmv1 = true };
	struct kcifsd_ntlm_result res;
	u8 key[16];

	req.lm_resp = v1_lm_response;
	req.lm_len = sizeof(v1_lm_response);
	req.nt_resp = v1_nt_response;
	req.nt_len = sizeof(v1_nt_response);

	/* NTLMv2 only by default */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, lmowfv1,
						       &v2_only, &res), -EACCES);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_NONE);

	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v1, &res), 0);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_V1);
	KUNIT_EXPECT_FALSE(test, res.lm_field);
	EXPECT_BYTES(test, res.session_key, v1_session_base_key, 16);
	EXPECT_BYTES(test, res.key_exchange_key, v1_session_base_key, 16);

	/* 4.2.2.2.3: RC4(KXKEY, RandomSessionKey) is the encrypted key */
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_exported_session_key(
			res.key_exchange_key, v1_encrypted_session_key, 16,
			key), 0);
	EXPECT_BYTES(test, key, random_session_key, 16);

	/* without key exchange the exported key is the KXKEY */
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_exported_session_key(
			res.key_exchange_key, NULL, 0, key), 0);
	EXPECT_BYTES(test, key, v1_session_base_key, 16);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_exported_session_key(
			res.key_exchange_key, v1_encrypted_session_key, 8,
			key), -EINVAL);

	/* wrong NT hash */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, lmowfv1, NULL,
						       &v1, &res), -EACCES);
}

/* MS-NLMP 4.2.2.2.2: LM logon signs with LMOWFv1[0..7] || Z(8) */
static void ntlm_test_lm_authenticate(struct kunit *test)
{
	struct kcifsd_ntlm_request req = vector_request();
	struct kcifsd_ntlm_policy lm = { .allow_lm = true };
	struct kcifsd_ntlm_result res;
	u8 want[16] = {};

	req.lm_resp = v1_lm_response;
	req.lm_len = sizeof(v1_lm_response);

	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, lmowfv1,
						       &v2_only, &res), -EACCES);
	/* no LM hash for the account: LM cannot match */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &lm, &res), -EACCES);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, lmowfv1,
						       &lm, &res), 0);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_LM);
	KUNIT_EXPECT_TRUE(test, res.lm_field);
	memcpy(want, lmowfv1, 8);
	EXPECT_BYTES(test, res.session_key, want, 16);
	EXPECT_BYTES(test, res.key_exchange_key, v1_session_base_key, 16);
}

/* MS-NLMP 4.2.3: NTLMv1 with extended session security */
static void ntlm_test_v1_ess(struct kunit *test)
{
	struct kcifsd_ntlm_request req = vector_request();
	struct kcifsd_ntlm_policy v1 = { .allow_ntlmv1 = true };
	struct kcifsd_ntlm_result res;

	req.ess = true;
	req.lm_resp = ess_lm_response;
	req.lm_len = sizeof(ess_lm_response);
	req.nt_resp = ess_nt_response;
	req.nt_len = sizeof(ess_nt_response);

	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v2_only, &res), -EACCES);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v1, &res), 0);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_V1_ESS);
	EXPECT_BYTES(test, res.session_key, v1_session_base_key, 16);
	EXPECT_BYTES(test, res.key_exchange_key, ess_key_exchange_key, 16);

	/* the same response without ESS is not a plain NTLMv1 response */
	req.ess = false;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v1, &res), -EACCES);

	/* ESS needs the client challenge in the LM field */
	req.ess = true;
	req.lm_len = 4;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v1, &res), -EACCES);
}

/* MS-NLMP 4.2.4.1.1 */
static void ntlm_test_ntowfv2(struct kunit *test)
{
	static const u8 user_upper[] = { 'U', 0, 'S', 0, 'E', 0, 'R', 0 };
	u8 hash[16];

	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1, user_u16,
						  sizeof(user_u16), domain_u16,
						  sizeof(domain_u16), true,
						  NULL, hash), 0);
	EXPECT_BYTES(test, hash, ntowfv2, 16);

	/* the user name is case-insensitive */
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1, user_upper,
						  sizeof(user_upper),
						  domain_u16,
						  sizeof(domain_u16), true,
						  NULL, hash), 0);
	EXPECT_BYTES(test, hash, ntowfv2, 16);

	/* OEM names give the same key */
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1, (const u8 *)"user",
						  4, (const u8 *)"Domain", 6,
						  false, NULL, hash), 0);
	EXPECT_BYTES(test, hash, ntowfv2, 16);

	/* odd UTF-16 length, oversized name */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1, user_u16, 3,
						  domain_u16, 0, true, NULL,
						  hash), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1, user_u16,
						  KCIFSD_NTLM_MAX_NAME + 2,
						  domain_u16, 0, true, NULL,
						  hash), -EINVAL);
}

/*
 * Non-ASCII names: NTOWFv2 for user "jürgen", domain "Domäne", password
 * "Password", computed with Python as hmac.new(nt_hash, ("jürgen".upper()
 * + "Domäne").encode("utf-16le"), "md5"), whatever the names' encoding.
 */
static void ntlm_test_ntowfv2_non_ascii(struct kunit *test)
{
	static const u8 want[16] = {
		0x05, 0x49, 0x6c, 0x54, 0x60, 0xc7, 0x2b, 0x0a,
		0x12, 0xed, 0xd1, 0xd4, 0x57, 0xec, 0x19, 0x04 };
	static const u8 user_le[] = { 'j', 0, 0xfc, 0, 'r', 0, 'g', 0,
				      'e', 0, 'n', 0 };
	static const u8 dom_le[] = { 'D', 0, 'o', 0, 'm', 0, 0xe4, 0,
				     'n', 0, 'e', 0 };
	static const u8 user_latin1[] = { 'j', 0xfc, 'r', 'g', 'e', 'n' };
	static const u8 dom_latin1[] = { 'D', 'o', 'm', 0xe4, 'n', 'e' };
	struct nls_table *utf8;
	u8 hash[16];

	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1, user_le,
						  sizeof(user_le), dom_le,
						  sizeof(dom_le), true, NULL,
						  hash), 0);
	EXPECT_BYTES(test, hash, want, 16);
	/* OEM without a code page is Latin-1 */
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1, user_latin1,
						  sizeof(user_latin1),
						  dom_latin1,
						  sizeof(dom_latin1), false,
						  NULL, hash), 0);
	EXPECT_BYTES(test, hash, want, 16);

	utf8 = load_nls("utf8");
	if (!utf8)
		kunit_skip(test, "no utf8 NLS table");
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1,
			(const u8 *)"J\xc3\x9cRGEN", 7,
			(const u8 *)"Dom\xc3\xa4ne", 7, false, utf8, hash), 0);
	EXPECT_BYTES(test, hash, want, 16);
	/* a broken UTF-8 sequence is malformed */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1,
			(const u8 *)"J\xc3", 2, NULL, 0, false, utf8, hash),
			-EINVAL);
	unload_nls(utf8);
}

/* MS-NLMP 4.2.4.1.2, 4.2.4.2.2, 4.2.4.2.3 */
static void ntlm_test_v2_authenticate(struct kunit *test)
{
	struct kcifsd_ntlm_request req = vector_request();
	struct kcifsd_ntlm_result res;
	u8 key[16];
	u8 *bad;

	req.lm_resp = lmv2_response;
	req.lm_len = sizeof(lmv2_response);
	req.nt_resp = ntlmv2_response;
	req.nt_len = sizeof(ntlmv2_response);

	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v2_only, &res), 0);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_V2);
	KUNIT_EXPECT_FALSE(test, res.lm_field);
	EXPECT_BYTES(test, res.session_key, v2_session_base_key, 16);
	EXPECT_BYTES(test, res.key_exchange_key, v2_session_base_key, 16);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_exported_session_key(
			res.key_exchange_key, v2_encrypted_session_key, 16,
			key), 0);
	EXPECT_BYTES(test, key, random_session_key, 16);

	/* ESS does not change NTLMv2 */
	req.ess = true;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v2_only, &res), 0);
	req.ess = false;

	/* wrong password */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, lmowfv1, NULL,
						       &allow_all, &res),
			-EACCES);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_NONE);
	memset(key, 0, sizeof(key));
	EXPECT_BYTES(test, res.session_key, key, 16);

	/* any change to the blob breaks NTProofStr */
	bad = kunit_kmalloc(test, sizeof(ntlmv2_response), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, bad);
	memcpy(bad, ntlmv2_response, sizeof(ntlmv2_response));
	bad[sizeof(ntlmv2_response) - 9] ^= 1;
	req.nt_resp = bad;
	req.lm_len = 0;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &allow_all, &res),
			-EACCES);

	/* too short to hold an NTLMv2_CLIENT_CHALLENGE */
	req.nt_resp = ntlmv2_response;
	req.nt_len = 16 + KCIFSD_NTLMV2_BLOB_HDR_SIZE - 1;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &allow_all, &res),
			-EACCES);

	/* user name case does not matter */
	req.nt_len = sizeof(ntlmv2_response);
	req.user = (const u8 *)"uSeR";
	req.user_len = 4;
	req.domain = (const u8 *)"Domain";
	req.domain_len = 6;
	req.unicode = false;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v2_only, &res), 0);

	/* malformed names */
	req = vector_request();
	req.nt_resp = ntlmv2_response;
	req.nt_len = sizeof(ntlmv2_response);
	req.user_len = 3;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v2_only, &res),
			-EINVAL);
	req = vector_request();
	req.nt_resp = NULL;
	req.nt_len = sizeof(ntlmv2_response);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v2_only, &res),
			-EINVAL);
}

/* MS-NLMP 4.2.4.2.1: LMv2 alone */
static void ntlm_test_lmv2(struct kunit *test)
{
	struct kcifsd_ntlm_request req = vector_request();
	struct kcifsd_ntlm_policy lmv2 = { .allow_lmv2 = true };
	struct kcifsd_ntlm_result res;
	struct kvec v = { .iov_base = (void *)lmv2_response, .iov_len = 16 };
	u8 want[16];

	req.lm_resp = lmv2_response;
	req.lm_len = sizeof(lmv2_response);

	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &v2_only, &res), -EACCES);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &lmv2, &res), 0);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_LMV2);
	KUNIT_EXPECT_TRUE(test, res.lm_field);
	/* HMAC_MD5(NTOWFv2, LMv2 proof), see verify_v2_domain() */
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_hmac_md5(ntowfv2, 16, &v, 1, want),
			0);
	EXPECT_BYTES(test, res.session_key, want, 16);

	/* Z(24), what clients send once the server sent MsvAvTimestamp */
	req.lm_resp = (const u8 *)"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
	KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1, NULL,
						       &allow_all, &res),
			-EACCES);
}

/*
 * Clients that computed NTOWFv2 with an uppercased or empty UserDom
 * while sending another spelling still log on. The responses are built
 * here with kcifsd_ntlm_ntowfv2() and HMAC-MD5, already checked above
 * against MS-NLMP.
 */
static void ntlm_test_v2_domain_spellings(struct kunit *test)
{
	static const u8 upper_dom[] = "DOMAIN";
	const u8 *blob = ntlmv2_response + 16;
	u32 blob_len = sizeof(ntlmv2_response) - 16;
	struct kcifsd_ntlm_request req = vector_request();
	struct kcifsd_ntlm_result res;
	struct kvec v[2];
	u8 hash[16];
	u8 *resp;
	int i;

	resp = kunit_kmalloc(test, sizeof(ntlmv2_response), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	memcpy(resp, ntlmv2_response, sizeof(ntlmv2_response));

	for (i = 0; i < 2; i++) {
		KUNIT_ASSERT_EQ(test, kcifsd_ntlm_ntowfv2(ntowfv1,
				(const u8 *)"User", 4, upper_dom, i ? 0 : 6,
				false, NULL, hash), 0);
		v[0].iov_base = (void *)server_challenge;
		v[0].iov_len = 8;
		v[1].iov_base = (void *)blob;
		v[1].iov_len = blob_len;
		KUNIT_ASSERT_EQ(test, kcifsd_ntlm_hmac_md5(hash, 16, v, 2,
							   resp), 0);
		req.nt_resp = resp;
		req.nt_len = sizeof(ntlmv2_response);
		KUNIT_EXPECT_EQ(test, kcifsd_ntlm_authenticate(&req, ntowfv1,
						NULL, &v2_only, &res), 0);
		KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_V2);
	}
}

static struct kunit_case ntlm_test_cases[] = {
	KUNIT_CASE(ntlm_test_upcase),
	KUNIT_CASE(ntlm_test_v1_owf_and_responses),
	KUNIT_CASE(ntlm_test_v1_authenticate),
	KUNIT_CASE(ntlm_test_lm_authenticate),
	KUNIT_CASE(ntlm_test_v1_ess),
	KUNIT_CASE(ntlm_test_ntowfv2),
	KUNIT_CASE(ntlm_test_ntowfv2_non_ascii),
	KUNIT_CASE(ntlm_test_v2_authenticate),
	KUNIT_CASE(ntlm_test_lmv2),
	KUNIT_CASE(ntlm_test_v2_domain_spellings),
	{}
};

static struct kunit_suite ntlm_test_suite = {
	.name = "kcifsd_ntlm",
	.test_cases = ntlm_test_cases,
};

kunit_test_suite(ntlm_test_suite);
