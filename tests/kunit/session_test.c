// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for sessions, tree connects and signing sequence numbers:
 * the signing state machine of fs/signing_seq.c (numbering, activation,
 * verification, the policy table), the NTLMSSP MACs of the SPNEGO
 * mechListMIC (fs/ntlmssp_sign.c), the SESSION_SETUP_ANDX and
 * TREE_CONNECT_ANDX parsers with hostile input (fs/session_wire.c,
 * fs/tree_wire.c), and the handlers as far as they run without the
 * helper daemon: the NTLMSSP first leg and its reserved UID, the session
 * table limit, requests in the wrong form, and a bad signature through
 * the dispatcher.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/arc4.h>
#include <asm/unaligned.h>

#include "fs/ntlmssp.h"
#include "fs/ntlmssp_sign.h"
#include "fs/session.h"
#include "fs/session_wire.h"
#include "fs/signing.h"
#include "fs/signing_seq.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/tree_wire.h"
#include "tests/kunit/smb_test_util.h"

#define UNI	(SMB_FLAGS2_UNICODE | SMB_FLAGS2_NT_STATUS)
#define EXT	(UNI | SMB_FLAGS2_EXTENDED_SECURITY)

static const u8 test_key[16] = {
	0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55,
	0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55 };

/* ---- signing sequence numbers ---- */

static void seq_step(struct kunit *test)
{
	u8 msg[36] = { 0xff, 'S', 'M', 'B', SMB_COM_NT_CANCEL };

	KUNIT_EXPECT_EQ(test, kcifsd_sign_seq_step(msg, sizeof(msg)), 1U);
	msg[4] = SMB_COM_ECHO;
	KUNIT_EXPECT_EQ(test, kcifsd_sign_seq_step(msg, sizeof(msg)), 2U);
	/* A no-reply request still takes two (MS-CIFS 3.3.5.2.3). */
	msg[4] = SMB_COM_LOCKING_ANDX;
	KUNIT_EXPECT_EQ(test, kcifsd_sign_seq_step(msg, sizeof(msg)), 2U);
	/* Too short to hold a command: an ordinary request. */
	msg[4] = SMB_COM_NT_CANCEL;
	KUNIT_EXPECT_EQ(test, kcifsd_sign_seq_step(msg, 4), 2U);
}

static void seq_arrival_order(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	u8 cancel[36] = { 0xff, 'S', 'M', 'B', SMB_COM_NT_CANCEL };
	u8 echo[36] = { 0xff, 'S', 'M', 'B', SMB_COM_ECHO };
	bool barrier;
	u32 a, b, c, d;

	spin_lock(&t->conn.req_lock);
	a = kcifsd_smb_rx_seq(&t->conn, echo, sizeof(echo), &barrier);
	b = kcifsd_smb_rx_seq(&t->conn, cancel, sizeof(cancel), &barrier);
	c = kcifsd_smb_rx_seq(&t->conn, echo, sizeof(echo), &barrier);
	d = kcifsd_smb_rx_seq(&t->conn, echo, sizeof(echo), &barrier);
	spin_unlock(&t->conn.req_lock);
	KUNIT_EXPECT_EQ(test, b - a, 2U);
	KUNIT_EXPECT_EQ(test, c - b, 1U);
	KUNIT_EXPECT_EQ(test, d - c, 2U);
	KUNIT_EXPECT_FALSE(test, barrier);
}

/* A logon while signing is off holds back the requests after it. */
static void seq_logon_barrier(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	u8 setup[36] = { 0xff, 'S', 'M', 'B', SMB_COM_SESSION_SETUP_ANDX };
	struct kcifsd_sign_state *ss = &t->conn.smb->sign;
	bool barrier;

	spin_lock(&t->conn.req_lock);
	kcifsd_smb_rx_seq(&t->conn, setup, sizeof(setup), &barrier);
	spin_unlock(&t->conn.req_lock);
	KUNIT_EXPECT_TRUE(test, barrier);
	/* Too short to name a command: no barrier. */
	spin_lock(&t->conn.req_lock);
	kcifsd_smb_rx_seq(&t->conn, setup, 4, &barrier);
	spin_unlock(&t->conn.req_lock);
	KUNIT_EXPECT_FALSE(test, barrier);
	/* Once signing is on, a later logon changes nothing: no barrier. */
	KUNIT_ASSERT_EQ(test, kcifsd_sign_activate(ss, 0, test_key, NULL, 0),
			0);
	spin_lock(&t->conn.req_lock);
	kcifsd_smb_rx_seq(&t->conn, setup, sizeof(setup), &barrier);
	spin_unlock(&t->conn.req_lock);
	KUNIT_EXPECT_FALSE(test, barrier);
}

static void seq_policy(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, kcifsd_sign_security_mode(KCIFSD_SIGNING_DISABLED),
			0);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_security_mode(KCIFSD_SIGNING_ENABLED),
			NEGOTIATE_SECURITY_SIGNATURES_ENABLED);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_security_mode(KCIFSD_SIGNING_REQUIRED),
			NEGOTIATE_SECURITY_SIGNATURES_ENABLED |
			NEGOTIATE_SECURITY_SIGNATURES_REQUIRED);

	KUNIT_EXPECT_EQ(test, kcifsd_sign_decide(KCIFSD_SIGNING_DISABLED, true),
			KCIFSD_SIGN_OFF);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_decide(KCIFSD_SIGNING_DISABLED, false),
			KCIFSD_SIGN_OFF);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_decide(KCIFSD_SIGNING_ENABLED, true),
			KCIFSD_SIGN_ON);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_decide(KCIFSD_SIGNING_ENABLED, false),
			KCIFSD_SIGN_OFF);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_decide(KCIFSD_SIGNING_REQUIRED, true),
			KCIFSD_SIGN_ON);
	/* Required: on even if the client did not say it signs. */
	KUNIT_EXPECT_EQ(test, kcifsd_sign_decide(KCIFSD_SIGNING_REQUIRED, false),
			KCIFSD_SIGN_ON);
}

/* An ECHO request with room for a signature. */
static void echo_msg(u8 *msg, unsigned int len)
{
	memset(msg, 0, len);
	memcpy(msg, "\xffSMB", 4);
	msg[4] = SMB_COM_ECHO;
	msg[32] = 1;			/* WordCount */
	msg[33] = 1;			/* EchoCount */
	put_unaligned_le16(len - 37, msg + 35);
}

static void seq_activation(struct kunit *test)
{
	struct kcifsd_sign_state ss = { .policy = KCIFSD_SIGNING_ENABLED };
	const u32 base = 0xfffffffe;	/* the counter wraps after it */
	u8 msg[40];

	echo_msg(msg, sizeof(msg));
	KUNIT_EXPECT_FALSE(test, kcifsd_sign_is_active(&ss));
	KUNIT_EXPECT_FALSE(test, kcifsd_sign_covers(&ss, base));
	/* Unsigned traffic passes while signing is off. */
	KUNIT_EXPECT_EQ(test, kcifsd_sign_check_request(&ss, base, msg,
							sizeof(msg)), 0);
	KUNIT_EXPECT_FALSE(test, kcifsd_sign_response(&ss, base, msg,
						      sizeof(msg), NULL, 0));

	KUNIT_ASSERT_EQ(test, kcifsd_sign_activate(&ss, base, test_key,
						   NULL, 0), 0);
	KUNIT_EXPECT_TRUE(test, kcifsd_sign_is_active(&ss));
	KUNIT_EXPECT_TRUE(test, kcifsd_sign_covers(&ss, base));
	KUNIT_EXPECT_TRUE(test, kcifsd_sign_covers(&ss, base + 2));
	KUNIT_EXPECT_TRUE(test, kcifsd_sign_covers(&ss, base + 4));	/* 2 */
	KUNIT_EXPECT_FALSE(test, kcifsd_sign_covers(&ss, base - 2));
	/* A second logon does not change the key or the base. */
	KUNIT_EXPECT_EQ(test, kcifsd_sign_activate(&ss, base + 6, test_key + 1,
						   NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, ss.base, base);

	/* The activating request itself and earlier ones are not checked. */
	KUNIT_EXPECT_EQ(test, kcifsd_sign_check_request(&ss, base, msg,
							sizeof(msg)), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_check_request(&ss, base - 2, msg,
							sizeof(msg)), 0);
	/* Later ones must be signed with arrival - base. */
	KUNIT_EXPECT_EQ(test, kcifsd_sign_check_request(&ss, base + 2, msg,
							sizeof(msg)), -EACCES);
	KUNIT_ASSERT_EQ(test, kcifsd_sign_reply(&ss.key, 2, msg, sizeof(msg),
						NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_check_request(&ss, base + 2, msg,
							sizeof(msg)), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_check_request(&ss, base + 4, msg,
							sizeof(msg)), -EACCES);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_check_request(&ss, base + 3, msg,
							sizeof(msg)), -EACCES);

	/* The reply to the activating request is 1, the next one's 3. */
	KUNIT_EXPECT_TRUE(test, kcifsd_sign_response(&ss, base, msg,
						     sizeof(msg), NULL, 0));
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&ss.key, 1, msg, sizeof(msg)),
			0);
	KUNIT_EXPECT_TRUE(test, kcifsd_sign_response(&ss, base + 2, msg,
						     sizeof(msg), NULL, 0));
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&ss.key, 3, msg, sizeof(msg)),
			0);
	KUNIT_EXPECT_TRUE(test, get_unaligned_le16(msg + 10) &
			  SMB_FLAGS2_SMB_SECURITY_SIGNATURE);
	/* A reply to a request from before activation stays unsigned. */
	KUNIT_EXPECT_FALSE(test, kcifsd_sign_response(&ss, base - 2, msg,
						      sizeof(msg), NULL, 0));
	kcifsd_sign_state_destroy(&ss);
	KUNIT_EXPECT_FALSE(test, kcifsd_sign_is_active(&ss));
}

/* Through the dispatcher: a bad signature is ACCESS_DENIED and a close. */
static void seq_dispatch_bad_signature(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	const struct smb1_hdr *rsp;
	u32 base = 100;

	kcifsd_test_negotiate(test, t, UNI);
	KUNIT_ASSERT_EQ(test, kcifsd_sign_activate(&t->conn.smb->sign, base,
						   test_key, NULL, 0), 0);

	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, UNI);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 4, "ping");
	KUNIT_ASSERT_EQ(test, kcifsd_sign_reply(&t->conn.smb->sign.key, 2,
						t->msg, t->len, NULL, 0), 0);
	t->work.seq = base + 2;
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, t->work.disconnect);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&t->conn.smb->sign.key, 3,
						 t->rsp, t->rsp_len), 0);

	/* The same message again is now out of sequence. */
	t->work.seq = base + 4;
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_TRUE(test, t->work.disconnect);
	rsp = (const struct smb1_hdr *)t->rsp;
	KUNIT_EXPECT_EQ(test, rsp->command, SMB_COM_ECHO);
	KUNIT_EXPECT_EQ(test, kcifsd_sign_verify(&t->conn.smb->sign.key, 5,
						 t->rsp, t->rsp_len), 0);
}

/* ---- NTLMSSP signatures for the SPNEGO mechListMIC ---- */

/*
 * MS-NLMP 4.2.4 (NTLMv2): RandomSessionKey 0x55 * 16 as the exported
 * session key, the client-to-server keys of 4.2.4.4 and the checksum of
 * "Plaintext" under SeqNum 0. The MACs under a fresh RC4 handle were
 * computed independently (Python hashlib/hmac and a textbook RC4, which
 * reproduce 4.2.4.4's sealed checksum 7fb38ec5c55d4976).
 */
static const u8 nlmp_sign_c2s[16] = {
	0x47, 0x88, 0xdc, 0x86, 0x1b, 0x47, 0x82, 0xf3,
	0x5d, 0x43, 0xfd, 0x98, 0xfe, 0x1a, 0x2d, 0x39 };
static const u8 nlmp_seal_c2s[16] = {
	0x59, 0xf6, 0x00, 0x97, 0x3c, 0xc4, 0x96, 0x0a,
	0x25, 0x48, 0x0a, 0x7c, 0x19, 0x6e, 0x4c, 0x58 };
static const u8 nlmp_plaintext[18] = {
	'P', 0, 'l', 0, 'a', 0, 'i', 0, 'n', 0, 't', 0, 'e', 0, 'x', 0,
	't', 0 };
static const u8 mic_c2s_kx[16] = {
	0x01, 0x00, 0x00, 0x00, 0x74, 0xd0, 0x45, 0x34,
	0x2c, 0x4f, 0x1c, 0xd5, 0x00, 0x00, 0x00, 0x00 };
static const u8 mic_s2c_kx[16] = {
	0x01, 0x00, 0x00, 0x00, 0xe0, 0x1b, 0x84, 0xf3,
	0xfb, 0xde, 0x50, 0x3c, 0x00, 0x00, 0x00, 0x00 };
static const u8 mic_s2c[16] = {
	0x01, 0x00, 0x00, 0x00, 0xa6, 0x13, 0x99, 0x44,
	0xaa, 0x64, 0x4d, 0xd5, 0x00, 0x00, 0x00, 0x00 };
static const u8 seal56_c2s[16] = {
	0xa5, 0xf7, 0x25, 0x3c, 0x10, 0x65, 0xe8, 0xd3,
	0xd6, 0x86, 0x42, 0x04, 0x0e, 0x71, 0xcf, 0xe0 };

#define NLMP_FLAGS	(NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | \
			 NTLMSSP_NEGOTIATE_128 | NTLMSSP_NEGOTIATE_SIGN)

static void ntlmssp_mic_vectors(struct kunit *test)
{
	u8 sign[16], seal[16], mic[KCIFSD_NTLMSSP_MAC_SIZE];
	const u32 kx = NLMP_FLAGS | NTLMSSP_NEGOTIATE_KEY_EXCH;

	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_sign_keys(test_key, kx, false,
						       sign, seal), 0);
	KUNIT_EXPECT_EQ(test, memcmp(sign, nlmp_sign_c2s, 16), 0);
	KUNIT_EXPECT_EQ(test, memcmp(seal, nlmp_seal_c2s, 16), 0);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_sign_keys(test_key,
		NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
		NTLMSSP_NEGOTIATE_56, false, sign, seal), 0);
	KUNIT_EXPECT_EQ(test, memcmp(seal, seal56_c2s, 16), 0);

	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_mic(test_key, kx, false,
						 nlmp_plaintext,
						 sizeof(nlmp_plaintext), mic),
			0);
	KUNIT_EXPECT_EQ(test, memcmp(mic, mic_c2s_kx, sizeof(mic)), 0);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_mic(test_key, kx, true,
						 nlmp_plaintext,
						 sizeof(nlmp_plaintext), mic),
			0);
	KUNIT_EXPECT_EQ(test, memcmp(mic, mic_s2c_kx, sizeof(mic)), 0);
	/* Without KEY_EXCH the checksum is not RC4-encrypted. */
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_mic(test_key, NLMP_FLAGS, true,
						 nlmp_plaintext,
						 sizeof(nlmp_plaintext), mic),
			0);
	KUNIT_EXPECT_EQ(test, memcmp(mic, mic_s2c, sizeof(mic)), 0);

	/* Checking takes the client's direction. */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_mic_check(test_key, kx,
						       nlmp_plaintext,
						       sizeof(nlmp_plaintext),
						       mic_c2s_kx, 16), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_mic_check(test_key, kx,
						       nlmp_plaintext,
						       sizeof(nlmp_plaintext),
						       mic_s2c_kx, 16),
			-EACCES);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_mic_check(test_key, kx,
						       nlmp_plaintext,
						       sizeof(nlmp_plaintext),
						       mic_c2s_kx, 15),
			-EACCES);
	/* No extended session security: no such MAC. */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_mic(test_key,
						 NTLMSSP_NEGOTIATE_128, true,
						 nlmp_plaintext, 18, mic),
			-EOPNOTSUPP);
}

/*
 * MS-NLMP 4.2.3 (NTLMv1 with client challenge: extended session
 * security, NEGOTIATE_56, no KEY_EXCH): the KeyExchangeKey of 4.2.3.1 is
 * the exported session key, the keys and the signature of "Plaintext"
 * are 4.2.3.4's. Without KEY_EXCH the checksum is not encrypted, so the
 * spec's GSS_WrapEx signature is exactly the MAC.
 */
static const u8 nlmp1_key[16] = {
	0xeb, 0x93, 0x42, 0x9a, 0x8b, 0xd9, 0x52, 0xf8,
	0xb8, 0x9c, 0x55, 0xb8, 0x7f, 0x47, 0x5e, 0xdc };
static const u8 nlmp1_sign_c2s[16] = {
	0x60, 0xe7, 0x99, 0xbe, 0x5c, 0x72, 0xfc, 0x92,
	0x92, 0x2a, 0xe8, 0xeb, 0xe9, 0x61, 0xfb, 0x8d };
static const u8 nlmp1_seal_c2s[16] = {
	0x04, 0xdd, 0x7f, 0x01, 0x4d, 0x85, 0x04, 0xd2,
	0x65, 0xa2, 0x5c, 0xc8, 0x6a, 0x3a, 0x7c, 0x06 };
static const u8 nlmp1_signature[16] = {
	0x01, 0x00, 0x00, 0x00, 0xff, 0x2a, 0xeb, 0x52,
	0xf6, 0x81, 0x79, 0x3a, 0x00, 0x00, 0x00, 0x00 };
/* 4.2.4.4: "Plaintext" sealed, then the checksum, with one RC4 handle */
static const u8 nlmp2_sealed[18] = {
	0x54, 0xe5, 0x01, 0x65, 0xbf, 0x19, 0x36, 0xdc, 0x99, 0x60,
	0x20, 0xc1, 0x81, 0x1b, 0x0f, 0x06, 0xfb, 0x5f };
static const u8 nlmp2_signature[16] = {
	0x01, 0x00, 0x00, 0x00, 0x7f, 0xb3, 0x8e, 0xc5,
	0xc5, 0x5d, 0x49, 0x76, 0x00, 0x00, 0x00, 0x00 };

/* The MACs against the examples of MS-NLMP 4.2.3.4 and 4.2.4.4. */
static void ntlmssp_mic_spec_examples(struct kunit *test)
{
	const u32 v1 = NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
		       NTLMSSP_NEGOTIATE_56 | NTLMSSP_NEGOTIATE_SIGN;
	u8 sign[16], seal[16], mic[KCIFSD_NTLMSSP_MAC_SIZE], sealed[18];
	struct arc4_ctx rc4;

	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_sign_keys(nlmp1_key, v1, false,
						       sign, seal), 0);
	KUNIT_EXPECT_EQ(test, memcmp(sign, nlmp1_sign_c2s, 16), 0);
	KUNIT_EXPECT_EQ(test, memcmp(seal, nlmp1_seal_c2s, 16), 0);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_mic(nlmp1_key, v1, false,
						 nlmp_plaintext,
						 sizeof(nlmp_plaintext), mic),
			0);
	KUNIT_EXPECT_EQ(test, memcmp(mic, nlmp1_signature, sizeof(mic)), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_mic_check(nlmp1_key, v1,
						       nlmp_plaintext,
						       sizeof(nlmp_plaintext),
						       nlmp1_signature, 16),
			0);

	/*
	 * 4.2.4.4 seals the message before the checksum with the same
	 * handle: the unencrypted checksum, run through a handle that has
	 * sealed "Plaintext" first, must give the spec's signature.
	 */
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_mic(test_key, NLMP_FLAGS, false,
						 nlmp_plaintext,
						 sizeof(nlmp_plaintext), mic),
			0);
	arc4_setkey(&rc4, nlmp_seal_c2s, sizeof(nlmp_seal_c2s));
	arc4_crypt(&rc4, sealed, nlmp_plaintext, sizeof(sealed));
	KUNIT_EXPECT_EQ(test, memcmp(sealed, nlmp2_sealed, sizeof(sealed)), 0);
	arc4_crypt(&rc4, mic + 4, mic + 4, 8);
	KUNIT_EXPECT_EQ(test, memcmp(mic, nlmp2_signature, sizeof(mic)), 0);
}

/* ---- SESSION_SETUP_ANDX parsing ---- */

/* A request block in @t, parsed into @out; returns the status. */
static u32 parse_setup(struct kcifsd_test_smb *t, u16 flags2, u8 wc,
		       const void *words, u16 bc, const void *bytes,
		       struct kcifsd_sess_setup *out)
{
	struct kcifsd_smb_req req = {};
	unsigned int off;

	kcifsd_test_msg_hdr(t, SMB_COM_SESSION_SETUP_ANDX, flags2);
	off = kcifsd_test_msg_block(t, wc, words, bc, bytes);
	req.buf = t->msg;
	req.len = t->len;
	req.flags2 = flags2;
	req.wc = wc;
	req.words = t->msg + off + 1;
	req.bc = bc;
	req.bytes = t->msg + off + 3 + 2 * wc;
	return kcifsd_sess_setup_parse(&req, out);
}

static void setup_parse_lengths(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct smb1_sess_setup_req_nt nt = {};
	struct smb1_sess_setup_req_ext ext = {};
	struct kcifsd_sess_setup ss;
	u8 bytes[64] = {};

	/* The responses must fit in ByteCount. */
	nt.oem_password_len = cpu_to_le16(24);
	nt.unicode_password_len = cpu_to_le16(24);
	KUNIT_EXPECT_EQ(test, parse_setup(t, 0, 13, &nt, 47, bytes, &ss),
			(u32)STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, parse_setup(t, 0, 13, &nt, 48, bytes, &ss),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, ss.lm_len, 24U);
	KUNIT_EXPECT_EQ(test, ss.nt_len, 24U);
	/* Both at 0xffff: the sum must not wrap. */
	nt.oem_password_len = cpu_to_le16(0xffff);
	nt.unicode_password_len = cpu_to_le16(0xffff);
	KUNIT_EXPECT_EQ(test, parse_setup(t, 0, 13, &nt, 64, bytes, &ss),
			(u32)STATUS_INVALID_PARAMETER);

	ext.security_blob_len = cpu_to_le16(65);
	KUNIT_EXPECT_EQ(test, parse_setup(t, EXT, 12, &ext, 64, bytes, &ss),
			(u32)STATUS_INVALID_PARAMETER);
	ext.security_blob_len = cpu_to_le16(64);
	KUNIT_EXPECT_EQ(test, parse_setup(t, EXT, 12, &ext, 64, bytes, &ss),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, ss.extended);
	KUNIT_EXPECT_EQ(test, ss.blob_len, 64U);
	/* No strings after the blob: absent, not read past the end. */
	KUNIT_EXPECT_NULL(test, ss.native_os.p);
	KUNIT_EXPECT_NULL(test, ss.native_lanman.p);
}

static void setup_parse_strings(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct smb1_sess_setup_req_nt nt = {};
	struct kcifsd_sess_setup ss;
	/*
	 * Bytes start at 32 + 1 + 26 + 2 = 61: one pad byte aligns the
	 * Unicode AccountName "al", then PrimaryDomain "D", then NativeOS
	 * "x" whose terminator is missing and an odd trailing byte.
	 */
	static const u8 uni[] = { 0, 'a', 0, 'l', 0, 0, 0, 'D', 0, 0, 0,
				  'x', 0, 'y' };
	static const u8 oem[] = { 'b', 'o', 'b', 0, 'W', 'G', 0, 'O', 'S' };
	char buf[8];

	KUNIT_ASSERT_EQ(test, parse_setup(t, UNI, 13, &nt, sizeof(uni), uni,
					  &ss), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, ss.account.len, 4U);
	KUNIT_EXPECT_EQ(test, (long)((ss.account.p - t->msg) & 1), 0L);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_string_to_utf8(&ss.account, buf,
							sizeof(buf)), 2);
	KUNIT_EXPECT_STREQ(test, buf, "al");
	KUNIT_EXPECT_EQ(test, ss.domain.len, 2U);
	KUNIT_EXPECT_EQ(test, ss.native_os.len, 2U);
	KUNIT_EXPECT_NULL(test, ss.native_lanman.p);
	KUNIT_EXPECT_FALSE(test, kcifsd_sess_setup_is_anonymous(&ss));

	KUNIT_ASSERT_EQ(test, parse_setup(t, 0, 13, &nt, sizeof(oem), oem,
					  &ss), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, ss.account.len, 3U);
	KUNIT_EXPECT_EQ(test, ss.domain.len, 2U);
	KUNIT_EXPECT_EQ(test, ss.native_os.len, 2U);	/* up to the end */

	/* Empty name, no responses (or Windows' single NUL): anonymous. */
	KUNIT_ASSERT_EQ(test, parse_setup(t, 0, 13, &nt, 0, NULL, &ss),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, kcifsd_sess_setup_is_anonymous(&ss));
	nt.oem_password_len = cpu_to_le16(1);
	KUNIT_ASSERT_EQ(test, parse_setup(t, 0, 13, &nt, 1, "\0", &ss),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, kcifsd_sess_setup_is_anonymous(&ss));
	KUNIT_ASSERT_EQ(test, parse_setup(t, 0, 13, &nt, 1, "x", &ss),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, kcifsd_sess_setup_is_anonymous(&ss));
}

static void string_to_utf8(struct kunit *test)
{
	/* U+1F600 as a surrogate pair, then a lone high surrogate. */
	static const u8 pair[] = { 0x3d, 0xd8, 0x00, 0xde };
	static const u8 lone[] = { 'a', 0, 0x3d, 0xd8 };
	static const u8 latin1[] = { 'e', 0xe9 };
	struct kcifsd_smb_string s = { .p = pair, .len = 4, .unicode = true };
	char buf[8];

	KUNIT_EXPECT_EQ(test, kcifsd_smb_string_to_utf8(&s, buf, sizeof(buf)),
			4);
	KUNIT_EXPECT_STREQ(test, buf, "\xf0\x9f\x98\x80");
	KUNIT_EXPECT_EQ(test, kcifsd_smb_string_to_utf8(&s, buf, 4),
			-ENAMETOOLONG);
	s.p = lone;
	KUNIT_EXPECT_EQ(test, kcifsd_smb_string_to_utf8(&s, buf, sizeof(buf)),
			-EILSEQ);
	s = (struct kcifsd_smb_string){ .p = latin1, .len = 2 };
	KUNIT_EXPECT_EQ(test, kcifsd_smb_string_to_utf8(&s, buf, sizeof(buf)),
			3);
	KUNIT_EXPECT_STREQ(test, buf, "e\xc3\xa9");
	KUNIT_EXPECT_EQ(test, kcifsd_smb_string_to_utf8(&s, buf, 3),
			-ENAMETOOLONG);
}

/* ---- TREE_CONNECT_ANDX parsing ---- */

static void tree_unc(struct kunit *test)
{
	static const char * const bad[] = {
		"", "\\", "\\\\", "\\srv\\docs", "srv\\docs", "\\\\\\docs",
		"\\\\srv", "\\\\srv\\", "\\\\srv\\a\\b", "\\\\srv\\a/b",
		"\\\\srv\\a\tb", "\\\\srv\\a:b", "//srv/docs",
	};
	char share[KCIFSD_SHARE_NAME_MAX + 1];
	char name[KCIFSD_SHARE_NAME_MAX + 8];
	unsigned int i;

	KUNIT_EXPECT_EQ(test, kcifsd_tree_split_unc("\\\\srv\\docs", share,
						    sizeof(share)),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, share, "docs");
	KUNIT_EXPECT_EQ(test, kcifsd_tree_split_unc("\\\\10.0.0.1\\IPC$",
						    share, sizeof(share)),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, share, "IPC$");
	/* The share name alone (smbtorture's smbcli_tconX()). */
	KUNIT_EXPECT_EQ(test, kcifsd_tree_split_unc("docs", share,
						    sizeof(share)),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, share, "docs");
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_tree_split_unc(bad[i], share,
								sizeof(share)),
				    (u32)STATUS_BAD_NETWORK_NAME, "%s", bad[i]);

	/* The longest share name fits, one more does not. */
	memcpy(name, "\\\\s\\", 4);
	memset(name + 4, 'x', KCIFSD_SHARE_NAME_MAX);
	name[4 + KCIFSD_SHARE_NAME_MAX] = '\0';
	KUNIT_EXPECT_EQ(test, kcifsd_tree_split_unc(name, share, sizeof(share)),
			(u32)STATUS_SUCCESS);
	name[4 + KCIFSD_SHARE_NAME_MAX] = 'x';
	name[5 + KCIFSD_SHARE_NAME_MAX] = '\0';
	KUNIT_EXPECT_EQ(test, kcifsd_tree_split_unc(name, share, sizeof(share)),
			(u32)STATUS_BAD_NETWORK_NAME);
}

static void tree_service(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, kcifsd_tree_parse_service((const u8 *)"A:", 2),
			KCIFSD_SERVICE_DISK);
	KUNIT_EXPECT_EQ(test, kcifsd_tree_parse_service((const u8 *)"IPC", 3),
			KCIFSD_SERVICE_IPC);
	KUNIT_EXPECT_EQ(test, kcifsd_tree_parse_service((const u8 *)"?????", 5),
			KCIFSD_SERVICE_ANY);
	KUNIT_EXPECT_EQ(test, kcifsd_tree_parse_service((const u8 *)"LPT1:", 5),
			KCIFSD_SERVICE_PRINTER);
	KUNIT_EXPECT_EQ(test, kcifsd_tree_parse_service((const u8 *)"COMM", 4),
			KCIFSD_SERVICE_COMM);
	KUNIT_EXPECT_EQ(test, kcifsd_tree_parse_service((const u8 *)"A", 1),
			KCIFSD_SERVICE_INVALID);
	KUNIT_EXPECT_EQ(test, kcifsd_tree_parse_service((const u8 *)"A:x", 3),
			KCIFSD_SERVICE_INVALID);
	KUNIT_EXPECT_EQ(test, kcifsd_tree_parse_service(NULL, 0),
			KCIFSD_SERVICE_INVALID);
}

static u32 parse_tree(struct kcifsd_test_smb *t, u16 flags2, u16 pw_len,
		      u16 bc, const void *bytes, struct kcifsd_tree_connect *out)
{
	struct smb1_tree_connect_req w = {
		.andx = { .command = SMB_COM_NO_ANDX_COMMAND },
		.password_length = cpu_to_le16(pw_len),
	};
	struct kcifsd_smb_req req = {};
	unsigned int off;

	kcifsd_test_msg_hdr(t, SMB_COM_TREE_CONNECT_ANDX, flags2);
	off = kcifsd_test_msg_block(t, 4, &w, bc, bytes);
	req.buf = t->msg;
	req.len = t->len;
	req.flags2 = flags2;
	req.wc = 4;
	req.words = t->msg + off + 1;
	req.bc = bc;
	req.bytes = t->msg + off + 3 + 8;
	return kcifsd_tree_connect_parse(&req, out);
}

static void tree_parse(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct kcifsd_tree_connect tc;
	/* Bytes at 32 + 1 + 8 + 2 = 43: password NUL, then "\\s\d" from 44 */
	static const u8 uni[] = { 0, '\\', 0, '\\', 0, 's', 0, '\\', 0, 'd', 0,
				  0, 0, 'A', ':', 0 };
	static const u8 oem[] = { 0, '\\', '\\', 's', '\\', 'd', 0, 'I', 'P',
				  'C' };
	static const u8 surrogate[] = { 0, '\\', 0, '\\', 0, 's', 0, '\\', 0,
					0x00, 0xdc, 0, 0 };

	KUNIT_EXPECT_EQ(test, parse_tree(t, UNI, 1, sizeof(uni), uni, &tc),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, tc.share, "d");
	KUNIT_EXPECT_EQ(test, tc.service, KCIFSD_SERVICE_DISK);

	/* OEM path; a Service without its terminator at the end. */
	KUNIT_EXPECT_EQ(test, parse_tree(t, 0, 1, sizeof(oem), oem, &tc),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, tc.share, "d");
	KUNIT_EXPECT_EQ(test, tc.service, KCIFSD_SERVICE_IPC);

	/* PasswordLength past the Bytes. */
	KUNIT_EXPECT_EQ(test, parse_tree(t, UNI, sizeof(uni) + 1, sizeof(uni),
					 uni, &tc), (u32)STATUS_INVALID_SMB);
	/* The password eats the path: nothing names a share. */
	KUNIT_EXPECT_EQ(test, parse_tree(t, UNI, sizeof(uni), sizeof(uni), uni,
					 &tc), (u32)STATUS_BAD_NETWORK_NAME);
	KUNIT_EXPECT_EQ(test, parse_tree(t, UNI, 0, 0, NULL, &tc),
			(u32)STATUS_BAD_NETWORK_NAME);
	/* An unpaired surrogate in the share name. */
	KUNIT_EXPECT_EQ(test, parse_tree(t, UNI, 1, sizeof(surrogate),
					 surrogate, &tc),
			(u32)STATUS_BAD_NETWORK_NAME);
	/* A path cut in the middle of a UTF-16 unit is read up to it. */
	KUNIT_EXPECT_EQ(test, parse_tree(t, UNI, 1, 11, uni, &tc),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, tc.share, "d");
	KUNIT_EXPECT_EQ(test, tc.service, KCIFSD_SERVICE_INVALID);
}

/* ---- the handlers, as far as they run without the helper ---- */

/* A bare NTLMSSP NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1). */
static const u8 ntlmssp_negotiate[32] = {
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0, 1, 0, 0, 0,
	0x07, 0x82, 0x08, 0xa2 };

static void setup_ext(struct kcifsd_test_smb *t, u16 uid, const u8 *blob,
		      u16 blob_len)
{
	struct smb1_sess_setup_req_ext w = {
		.andx = { .command = SMB_COM_NO_ANDX_COMMAND },
		.max_buffer_size = cpu_to_le16(16644),
		.max_mpx_count = cpu_to_le16(50),
		.security_blob_len = cpu_to_le16(blob_len),
	};

	kcifsd_test_msg_hdr(t, SMB_COM_SESSION_SETUP_ANDX, EXT);
	((struct smb1_hdr *)t->msg)->uid = cpu_to_le16(uid);
	kcifsd_test_msg_block(t, 12, &w, blob_len, blob);
}

static void handler_ntlmssp_leg1(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	const struct smb1_hdr *rsp;
	/* AUTHENTICATE_MESSAGE whose LmChallengeResponse lies outside it */
	u8 auth[64] = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0, 3, 0, 0, 0,
			10, 0, 10, 0, 0xe8, 0x03 };
	u16 uid;

	kcifsd_test_negotiate(test, t, EXT);
	setup_ext(t, 0, ntlmssp_negotiate, sizeof(ntlmssp_negotiate));
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_MORE_PROCESSING_REQUIRED);
	rsp = (const struct smb1_hdr *)t->rsp;
	uid = le16_to_cpu(rsp->uid);
	KUNIT_EXPECT_NE(test, uid, 0);
	/* A full response (WordCount 4) with the bare CHALLENGE_MESSAGE. */
	KUNIT_EXPECT_EQ(test, t->rsp[32], 4);
	KUNIT_EXPECT_EQ(test, memcmp(t->rsp + 32 + 1 + 8 + 2, "NTLMSSP\0\2",
				     9), 0);
	/* The UID is reserved, but is no session yet. */
	KUNIT_EXPECT_NULL(test, kcifsd_session_get(t->conn.smb, uid));
	KUNIT_EXPECT_EQ(test, t->conn.smb->nr_sessions, 1U);
	kcifsd_test_msg_hdr(t, SMB_COM_LOGOFF_ANDX, EXT);
	((struct smb1_hdr *)t->msg)->uid = cpu_to_le16(uid);
	kcifsd_test_msg_block(t, 2, "\xff\0\0\0", 0, NULL);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_SMB_BAD_UID);

	/* A malformed AUTHENTICATE ends the logon and frees the UID. */
	setup_ext(t, uid, auth, sizeof(auth));
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, t->conn.smb->nr_sessions, 0U);
	/* Now the UID names nothing (MS-SMB 3.3.5.3). */
	setup_ext(t, uid, auth, sizeof(auth));
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_SMB_BAD_UID);
	setup_ext(t, uid, ntlmssp_negotiate, sizeof(ntlmssp_negotiate));
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_SMB_BAD_UID);
	/* An AUTHENTICATE first, under UID 0, is a failed new logon. */
	setup_ext(t, 0, auth, sizeof(auth));
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_LOGON_FAILURE);
	KUNIT_EXPECT_EQ(test, t->conn.smb->nr_sessions, 0U);
}

static void handler_session_limit(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	unsigned int i;

	kcifsd_test_negotiate(test, t, EXT);
	for (i = 0; i < KCIFSD_MAX_SESSIONS; i++) {
		setup_ext(t, 0, ntlmssp_negotiate, sizeof(ntlmssp_negotiate));
		kcifsd_test_smb_run(test, t);
		KUNIT_ASSERT_NOT_NULL(test, t->rsp);
		KUNIT_ASSERT_EQ(test, kcifsd_test_rsp_status(t),
				(u32)STATUS_MORE_PROCESSING_REQUIRED);
	}
	setup_ext(t, 0, ntlmssp_negotiate, sizeof(ntlmssp_negotiate));
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_TOO_MANY_SESSIONS);
	/* The pending logons are freed with the connection. */
}

static void handler_wrong_form(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct smb1_sess_setup_req_nt nt = {
		.andx = { .command = SMB_COM_NO_ANDX_COMMAND },
		.max_buffer_size = cpu_to_le16(16644),
		.unicode_password_len = cpu_to_le16(24),
	};
	u8 bytes[30] = {};

	/*
	 * No challenge was sent on an extended-security connection: a
	 * non-extended logon with responses cannot be checked.
	 */
	kcifsd_test_negotiate(test, t, EXT);
	memcpy(bytes + 25, "u\0\0", 3);
	kcifsd_test_msg_hdr(t, SMB_COM_SESSION_SETUP_ANDX, UNI);
	kcifsd_test_msg_block(t, 13, &nt, sizeof(bytes), bytes);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_LOGON_FAILURE);
	/* Garbage as a security blob. */
	setup_ext(t, 0, bytes, sizeof(bytes));
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, t->conn.smb->nr_sessions, 0U);
}

static void handler_ext_without_negotiation(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);

	kcifsd_test_negotiate(test, t, UNI);
	setup_ext(t, 0, ntlmssp_negotiate, sizeof(ntlmssp_negotiate));
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_INVALID_PARAMETER);
}

static struct kunit_case session_cases[] = {
	KUNIT_CASE(seq_step),
	KUNIT_CASE(seq_arrival_order),
	KUNIT_CASE(seq_logon_barrier),
	KUNIT_CASE(seq_policy),
	KUNIT_CASE(seq_activation),
	KUNIT_CASE(seq_dispatch_bad_signature),
	KUNIT_CASE(ntlmssp_mic_vectors),
	KUNIT_CASE(ntlmssp_mic_spec_examples),
	KUNIT_CASE(setup_parse_lengths),
	KUNIT_CASE(setup_parse_strings),
	KUNIT_CASE(string_to_utf8),
	KUNIT_CASE(tree_unc),
	KUNIT_CASE(tree_service),
	KUNIT_CASE(tree_parse),
	KUNIT_CASE(handler_ntlmssp_leg1),
	KUNIT_CASE(handler_session_limit),
	KUNIT_CASE(handler_wrong_form),
	KUNIT_CASE(handler_ext_without_negotiation),
	{}
};

static struct kunit_suite session_suite = {
	.name = "kcifsd_session",
	.test_cases = session_cases,
};

kunit_test_suite(session_suite);
