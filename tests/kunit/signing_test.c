// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/signing.c, the SMB1 MAC of MS-CIFS 3.1.4.1/3.1.5.1.
 *
 * MS-CIFS has no signing test vector, so the expected MACs were computed
 * independently with Python's hashlib:
 *
 *   m = msg[:14] + struct.pack('<I', seq) + bytes(4) + msg[22:] + data
 *   hashlib.md5(key + m).digest()[:8]
 *
 * with key = SessionKey || NT response for a non-extended NTLMv1 logon
 * (the MS-NLMP 4.2.2 session base key and NTLMv1 response), and key =
 * 55 * 16 (an NTLMSSP exported session key) for extended security.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "fs/signing.h"
#include "tests/kunit/auth_vectors.h"

/*
 * SMB_COM_ECHO request: Flags 0x18, Flags2 0xc807 (signature bit set),
 * SecuritySignature holding junk that must not matter, TID 0xffff,
 * PID 0x1234, UID 0x0800, MID 5; EchoCount 1, data "ping".
 */
static const u8 echo_msg[41] = {
	0xff, 'S', 'M', 'B', 0x2b, 0x00, 0x00, 0x00, 0x00, 0x18, 0x07, 0xc8,
	0x00, 0x00, 0xde, 0xde, 0xde, 0xde, 0xde, 0xde, 0xde, 0xde, 0x00, 0x00,
	0xff, 0xff, 0x34, 0x12, 0x00, 0x08, 0x05, 0x00,
	0x01, 0x01, 0x00, 0x04, 0x00, 'p', 'i', 'n', 'g' };

/* Expected MACs (hashlib, see the top of this file) */
static const u8 mac_ntlm_seq2[8] = {
	0xd3, 0x86, 0xfe, 0x1d, 0x8d, 0x0d, 0x1e, 0x1d };
static const u8 mac_ntlm_seq3[8] = {
	0x86, 0x42, 0xe7, 0x1c, 0xbc, 0x85, 0x10, 0x26 };
static const u8 mac_ext_seq1[8] = {
	0xce, 0x74, 0x77, 0xc9, 0x17, 0x12, 0x8b, 0x46 };
/* ext key, seq 5, then 4996 data bytes from offset 100 of two pages */
static const u8 mac_ext_seq5_data[8] = {
	0x7f, 0xe9, 0x60, 0x1f, 0xc0, 0xf1, 0xd6, 0x2f };

static void sign_key_setup(struct kunit *test, struct kcifsd_sign_key *sk,
			   const u8 *session_key, const u8 *resp, u32 resp_len)
{
	KUNIT_ASSERT_EQ(test, kcifsd_sign_key_init(sk, session_key, resp,
						   resp_len), 0);
}

static void signing_test_mac_ntlm(struct kunit *test)
{
	struct kcifsd_sign_key sk;
	u8 mac[8];

	sign_key_setup(test, &sk, v1_session_base_key, v1_nt_response,
		 sizeof(v1_nt_response));
	KUNIT_EXPECT_EQ(test, sk.len, 40u);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_mac(&sk, 2, echo_msg,
					      sizeof(echo_msg), NULL, 0, mac),
			0);
	EXPECT_BYTES(test, mac, mac_ntlm_seq2, 8);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_mac(&sk, 3, echo_msg,
					      sizeof(echo_msg), NULL, 0, mac),
			0);
	EXPECT_BYTES(test, mac, mac_ntlm_seq3, 8);
	kcifsd_sign_key_destroy(&sk);
	KUNIT_EXPECT_NULL(test, sk.key);
	KUNIT_EXPECT_NULL(test, sk.md5);
	/* destroying twice is harmless; a destroyed key cannot sign */
	kcifsd_sign_key_destroy(&sk);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_mac(&sk, 2, echo_msg,
					      sizeof(echo_msg), NULL, 0, mac),
			-EINVAL);
}

static void signing_test_reply_and_verify(struct kunit *test)
{
	struct kcifsd_sign_key sk;
	u8 *msg;

	msg = kunit_kmalloc(test, sizeof(echo_msg), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, msg);
	memcpy(msg, echo_msg, sizeof(echo_msg));
	msg[11] = 0x00;		/* Flags2 0x0007: signing sets 0x0004 anyway */
	msg[10] = 0x03;
	sign_key_setup(test, &sk, random_session_key, NULL, 0);
	KUNIT_EXPECT_EQ(test, sk.len, 16u);

	KUNIT_ASSERT_EQ(test, kcifsd_sign_reply(&sk, 1, msg, sizeof(echo_msg),
						NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, msg[10], (u8)0x07);
	msg[11] = 0xc8;		/* back to the vector's Flags2 */
	KUNIT_ASSERT_EQ(test, kcifsd_sign_reply(&sk, 1, msg, sizeof(echo_msg),
						NULL, 0), 0);
	EXPECT_BYTES(test, msg + 14, mac_ext_seq1, 8);

	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&sk, 1, msg,
						 sizeof(echo_msg)), 0);
	/* verifying leaves the message alone */
	EXPECT_BYTES(test, msg + 14, mac_ext_seq1, 8);
	/* wrong sequence number, changed byte, changed signature */
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&sk, 2, msg,
						 sizeof(echo_msg)), -EACCES);
	msg[40] ^= 0x20;
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&sk, 1, msg,
						 sizeof(echo_msg)), -EACCES);
	msg[40] ^= 0x20;
	msg[21] ^= 0x01;
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&sk, 1, msg,
						 sizeof(echo_msg)), -EACCES);
	msg[21] ^= 0x01;
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&sk, 1, msg,
						 sizeof(echo_msg)), 0);
	/* a different key does not verify */
	kcifsd_sign_key_destroy(&sk);
	sign_key_setup(test, &sk, v1_session_base_key, NULL, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&sk, 1, msg,
						 sizeof(echo_msg)), -EACCES);
	kcifsd_sign_key_destroy(&sk);
}

static void signing_test_short(struct kunit *test)
{
	struct kcifsd_sign_key sk;
	u8 mac[8];
	u8 msg[32];

	memcpy(msg, echo_msg, sizeof(msg));
	sign_key_setup(test, &sk, random_session_key, NULL, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_mac(&sk, 0, echo_msg, 31, NULL, 0,
					      mac), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&sk, 0, echo_msg, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_reply(&sk, 0, msg, 31, NULL, 0),
			-EINVAL);
	/* a bare 32-byte header is signable */
	KUNIT_EXPECT_EQ(test, kcifsd_sign_reply(&sk, 0, msg, 32, NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&sk, 0, msg, 32), 0);
	kcifsd_sign_key_destroy(&sk);
}

/* File data after the reply, in a bio_vec that crosses a page boundary */
static void signing_test_data_pages(struct kunit *test)
{
	struct kcifsd_sign_key sk;
	struct bio_vec bv[2];
	struct page *pages;
	u8 mac[8], *p;
	int i;

	pages = alloc_pages(GFP_KERNEL, 1);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	for (i = 0; i < 2; i++) {
		int j;

		p = kmap_local_page(pages + i);
		for (j = 0; j < PAGE_SIZE; j++)
			p[j] = (u8)(j * 7 + 3);
		kunmap_local(p);
	}
	sign_key_setup(test, &sk, random_session_key, NULL, 0);

	if (PAGE_SIZE == 4096) {
		bv[0].bv_page = pages;
		bv[0].bv_offset = 100;
		bv[0].bv_len = PAGE_SIZE - 100 + 1000;
		KUNIT_EXPECT_EQ(test, kcifsd_sign_mac(&sk, 5, echo_msg,
						      sizeof(echo_msg), bv, 1,
						      mac), 0);
		EXPECT_BYTES(test, mac, mac_ext_seq5_data, 8);

		/* the same bytes split over two bio_vecs */
		bv[0].bv_len = PAGE_SIZE - 100;
		bv[1].bv_page = pages + 1;
		bv[1].bv_offset = 0;
		bv[1].bv_len = 1000;
		memset(mac, 0, sizeof(mac));
		KUNIT_EXPECT_EQ(test, kcifsd_sign_mac(&sk, 5, echo_msg,
						      sizeof(echo_msg), bv, 2,
						      mac), 0);
		EXPECT_BYTES(test, mac, mac_ext_seq5_data, 8);
	}
	kcifsd_sign_key_destroy(&sk);
	__free_pages(pages, 1);
}

static struct kunit_case signing_test_cases[] = {
	KUNIT_CASE(signing_test_mac_ntlm),
	KUNIT_CASE(signing_test_reply_and_verify),
	KUNIT_CASE(signing_test_short),
	KUNIT_CASE(signing_test_data_pages),
	{}
};

static struct kunit_suite signing_test_suite = {
	.name = "kcifsd_signing",
	.test_cases = signing_test_cases,
};

kunit_test_suite(signing_test_suite);
