// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/ntlmssp.c: NEGOTIATE parsing, the CHALLENGE the
 * server builds (MS-NLMP 2.2.1.2, 3.2.5.1.1), whole logons through
 * AUTHENTICATE with the MS-NLMP 4.2.3 and 4.2.4 vectors (key exchange
 * included), the MIC, and hostile messages, each rejected with -EINVAL
 * without reading outside the message.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <asm/unaligned.h>

#include "fs/ntlmssp.h"
#include "tests/kunit/auth_vectors.h"

static const u8 workstation_u16[] = { 'C', 0, 'O', 0, 'M', 0, 'P', 0,
				      'U', 0, 'T', 0, 'E', 0, 'R', 0 };

/*
 * A Windows 7 style NEGOTIATE_MESSAGE: flags 0xe2088297 (UNICODE, OEM,
 * REQUEST_TARGET, SIGN, LM_KEY, NTLM, ALWAYS_SIGN, ESS, VERSION, 128,
 * KEY_EXCH, 56), empty domain and workstation, Version 6.1.7601.
 */
static const u8 client_negotiate[40] = {
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0, 0x01, 0x00, 0x00, 0x00,
	0x97, 0x82, 0x08, 0xe2,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x06, 0x01, 0xb1, 0x1d, 0x00, 0x00, 0x00, 0x0f };

/* What the server picks from those flags (see kcifsd_ntlmssp_challenge) */
#define SERVER_FLAGS	0xe28a8215

static const struct kcifsd_ntlmssp_target test_target = {
	.nb_computer = "SERVER",
	.nb_domain = "WORKGROUP",
	.dns_computer = "server.example.org",
	.dns_domain = "example.org",
	.timestamp = 0x01d1e58d4ec1a000ULL,
	.challenge = server_challenge,
};

static const struct kcifsd_ntlm_policy v2_only = {};

/* Field offsets in AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3) */
enum {
	F_LM = 12, F_NT = 20, F_DOMAIN = 28, F_USER = 36, F_WS = 44,
	F_KEY = 52, F_FLAGS = 60,
};
#define AUTH_HDR	88	/* with Version and MIC */

struct auth_parts {
	u32 flags;
	const u8 *lm, *nt, *domain, *user, *ws, *key;
	u32 lm_len, nt_len, domain_len, user_len, ws_len, key_len;
};

static void put_field(u8 *msg, u32 field, u32 off, u32 len)
{
	put_unaligned_le16(len, msg + field);
	put_unaligned_le16(len, msg + field + 2);
	put_unaligned_le32(off, msg + field + 4);
}

/* Lay out an AUTHENTICATE_MESSAGE the way Windows does: header, payload. */
static u8 *build_auth(struct kunit *test, const struct auth_parts *p,
		      u32 *len)
{
	const struct { u32 field; const u8 *data; u32 len; } f[] = {
		{ F_DOMAIN, p->domain, p->domain_len },
		{ F_USER, p->user, p->user_len },
		{ F_WS, p->ws, p->ws_len },
		{ F_LM, p->lm, p->lm_len },
		{ F_NT, p->nt, p->nt_len },
		{ F_KEY, p->key, p->key_len },
	};
	u32 off = AUTH_HDR, i;
	u8 *msg;

	for (i = 0; i < ARRAY_SIZE(f); i++)
		off += f[i].len;
	msg = kunit_kzalloc(test, off, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, msg);
	memcpy(msg, "NTLMSSP", 8);
	put_unaligned_le32(KCIFSD_NTLMSSP_AUTHENTICATE, msg + 8);
	put_unaligned_le32(p->flags, msg + F_FLAGS);
	memcpy(msg + 64, client_negotiate + 32, 8);	/* Version */
	off = AUTH_HDR;
	for (i = 0; i < ARRAY_SIZE(f); i++) {
		put_field(msg, f[i].field, off, f[i].len);
		if (f[i].len)
			memcpy(msg + off, f[i].data, f[i].len);
		off += f[i].len;
	}
	*len = off;
	return msg;
}

/* The MS-NLMP 4.2.4 logon, key exchange included */
static struct auth_parts v2_parts(void)
{
	struct auth_parts p = {
		.flags = SERVER_FLAGS,
		.lm = lmv2_response, .lm_len = sizeof(lmv2_response),
		.nt = ntlmv2_response, .nt_len = sizeof(ntlmv2_response),
		.domain = domain_u16, .domain_len = sizeof(domain_u16),
		.user = user_u16, .user_len = sizeof(user_u16),
		.ws = workstation_u16, .ws_len = sizeof(workstation_u16),
		.key = v2_encrypted_session_key,
		.key_len = sizeof(v2_encrypted_session_key),
	};
	return p;
}

static void setup_state(struct kunit *test, struct kcifsd_ntlmssp_state *st)
{
	const u8 *chal;
	u32 len;

	memset(st, 0, sizeof(*st));
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_negotiate(st, client_negotiate,
						       sizeof(client_negotiate)),
			0);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_challenge(st, &test_target,
						       &chal, &len), 0);
}

static void ntlmssp_test_negotiate(struct kunit *test)
{
	struct kcifsd_ntlmssp_state st = {};
	u8 msg[48];

	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_negotiate(&st, client_negotiate,
						       sizeof(client_negotiate)),
			0);
	KUNIT_EXPECT_EQ(test, st.client_flags, 0xe2088297u);
	KUNIT_ASSERT_EQ(test, st.negotiate_len, 40u);
	EXPECT_BYTES(test, st.negotiate, client_negotiate, 40);
	/* the 16-byte minimum of old clients */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, client_negotiate,
						       16), 0);
	KUNIT_EXPECT_EQ(test, st.negotiate_len, 16u);

	/* hostile */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, client_negotiate,
						       15), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, NULL, 40),
			-EINVAL);
	memcpy(msg, client_negotiate, 40);
	msg[7] = '!';
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, msg, 40), -EINVAL);
	memcpy(msg, client_negotiate, 40);
	msg[8] = KCIFSD_NTLMSSP_AUTHENTICATE;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, msg, 40), -EINVAL);
	memcpy(msg, client_negotiate, 40);
	msg[12] &= ~(NTLMSSP_NEGOTIATE_UNICODE | NTLM_NEGOTIATE_OEM);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, msg, 40), -EINVAL);
	memcpy(msg, client_negotiate, 40);
	put_field(msg, 16, 40, 1);		/* domain past the end */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, msg, 40), -EINVAL);
	put_field(msg, 16, 0xffffffff, 2);	/* offset + len wraps */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, msg, 40), -EINVAL);
	put_field(msg, 16, 0, 0);
	put_field(msg, 24, 8, 4);		/* inside the fixed part */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, msg, 40), -EINVAL);
	put_field(msg, 24, 36, 4);		/* over Version: tolerated */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_negotiate(&st, msg, 40), 0);
	/* the failures kept the last good copy */
	KUNIT_EXPECT_EQ(test, st.negotiate_len, 40u);
	kcifsd_ntlmssp_state_free(&st);
	KUNIT_EXPECT_NULL(test, st.negotiate);
}

static void expect_av_name(struct kunit *test, const u8 *ti, u32 ti_len,
			   u16 id, const char *ascii)
{
	const u8 *val;
	u16 vlen;
	u32 i, n = strlen(ascii);

	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_av_find(ti, ti_len, id, &val,
						     &vlen), 0);
	KUNIT_ASSERT_EQ(test, vlen, (u16)(2 * n));
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, get_unaligned_le16(val + 2 * i),
				(u16)ascii[i]);
}

static void ntlmssp_test_challenge(struct kunit *test)
{
	static const u8 server_u16[] = { 'S', 0, 'E', 0, 'R', 0, 'V', 0,
					 'E', 0, 'R', 0 };
	struct kcifsd_ntlmssp_target tgt = test_target;
	struct kcifsd_ntlmssp_state st = {};
	const u8 *msg, *ti, *val;
	u32 len, ti_len, ti_off;
	u16 vlen;

	/* nothing to answer yet */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_challenge(&st, &tgt, &msg, &len),
			-EINVAL);
	setup_state(test, &st);
	msg = st.challenge;
	len = st.challenge_len;

	KUNIT_EXPECT_EQ(test, memcmp(msg, "NTLMSSP", 8), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(msg + 8), 2u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(msg + 20), SERVER_FLAGS);
	KUNIT_EXPECT_EQ(test, st.flags, SERVER_FLAGS);
	EXPECT_BYTES(test, msg + 24, server_challenge, 8);
	EXPECT_BYTES(test, st.server_challenge, server_challenge, 8);
	EXPECT_BYTES(test, msg + 48, client_negotiate + 32, 8); /* Version */

	/* TargetName: the computer name in UTF-16 right after the header */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(msg + 12), 12);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(msg + 16), 56u);
	EXPECT_BYTES(test, msg + 56, server_u16, 12);

	/* TargetInfo: inside the message, after TargetName */
	ti_len = get_unaligned_le16(msg + 40);
	ti_off = get_unaligned_le32(msg + 44);
	KUNIT_EXPECT_EQ(test, ti_off, 68u);
	KUNIT_ASSERT_EQ(test, ti_off + ti_len, len);
	ti = msg + ti_off;
	expect_av_name(test, ti, ti_len, NTLMSSP_AV_NB_DOMAIN_NAME,
		       "WORKGROUP");
	expect_av_name(test, ti, ti_len, NTLMSSP_AV_NB_COMPUTER_NAME,
		       "SERVER");
	expect_av_name(test, ti, ti_len, NTLMSSP_AV_DNS_DOMAIN_NAME,
		       "example.org");
	expect_av_name(test, ti, ti_len, NTLMSSP_AV_DNS_COMPUTER_NAME,
		       "server.example.org");
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_av_find(ti, ti_len,
			NTLMSSP_AV_TIMESTAMP, &val, &vlen), 0);
	KUNIT_ASSERT_EQ(test, vlen, (u16)8);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(val), test_target.timestamp);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(ti, ti_len,
			NTLMSSP_AV_FLAGS, &val, &vlen), -ENOENT);
	/* ends in MsvAvEOL: id 0, length 0 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ti + ti_len - 4), 0u);
	/* first pair is NbDomainName, as Windows orders them */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(ti), NTLMSSP_AV_NB_DOMAIN_NAME);

	/* a random challenge and the current time when not given */
	tgt.challenge = NULL;
	tgt.timestamp = 0;
	tgt.dns_computer = NULL;
	tgt.dns_domain = "";
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_challenge(&st, &tgt, &msg, &len),
			0);
	ti = msg + get_unaligned_le32(msg + 44);
	ti_len = get_unaligned_le16(msg + 40);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(ti, ti_len,
			NTLMSSP_AV_DNS_COMPUTER_NAME, &val, &vlen), -ENOENT);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(ti, ti_len,
			NTLMSSP_AV_DNS_DOMAIN_NAME, &val, &vlen), -ENOENT);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_av_find(ti, ti_len,
			NTLMSSP_AV_TIMESTAMP, &val, &vlen), 0);
	/* after 2020-01-01 (FILETIME 0x01d5c03669a70000) */
	KUNIT_EXPECT_GT(test, get_unaligned_le64(val), 0x01d5c03669a70000ULL);
	EXPECT_BYTES(test, st.server_challenge, msg + 24, 8);

	/* names missing, too long or not UTF-8 */
	tgt = test_target;
	tgt.nb_domain = "";
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_challenge(&st, &tgt, &msg, &len),
			-EINVAL);
	tgt = test_target;
	tgt.nb_computer = NULL;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_challenge(&st, &tgt, &msg, &len),
			-EINVAL);
	tgt = test_target;
	tgt.dns_domain = "\xff\xfe";
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_challenge(&st, &tgt, &msg, &len),
			-EINVAL);
	{
		char *longname = kunit_kzalloc(test, 300, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, longname);
		memset(longname, 'a', 256);
		tgt = test_target;
		tgt.dns_computer = longname;
		KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_challenge(&st, &tgt,
							       &msg, &len),
				-EINVAL);
		longname[255] = 0;	/* 255 bytes is the limit */
		KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_challenge(&st, &tgt,
							       &msg, &len), 0);
	}
	kcifsd_ntlmssp_state_free(&st);
}

/* OEM-only clients get OEM; no REQUEST_TARGET means no TargetName. */
static void ntlmssp_test_challenge_oem(struct kunit *test)
{
	struct kcifsd_ntlmssp_state st = {};
	u8 neg[16];
	const u8 *msg;
	u32 len, flags;

	memcpy(neg, client_negotiate, 16);
	put_unaligned_le32(NTLM_NEGOTIATE_OEM | NTLMSSP_REQUEST_TARGET |
			   NTLMSSP_NEGOTIATE_NTLM | NTLMSSP_NEGOTIATE_LM_KEY |
			   NTLMSSP_NEGOTIATE_DATAGRAM, neg + 12);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_negotiate(&st, neg, 16), 0);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_challenge(&st, &test_target, &msg,
						       &len), 0);
	flags = get_unaligned_le32(msg + 20);
	KUNIT_EXPECT_EQ(test, flags, (u32)(NTLM_NEGOTIATE_OEM |
		NTLMSSP_REQUEST_TARGET | NTLMSSP_TARGET_TYPE_SERVER |
		NTLMSSP_NEGOTIATE_NTLM | NTLMSSP_NEGOTIATE_TARGET_INFO));
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(msg + 12), 6);
	KUNIT_EXPECT_EQ(test, memcmp(msg + 56, "SERVER", 6), 0);
	/* zero Version when not negotiated */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(msg + 48), 0ULL);

	put_unaligned_le32(NTLMSSP_NEGOTIATE_UNICODE, neg + 12);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_negotiate(&st, neg, 16), 0);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_challenge(&st, &test_target, &msg,
						       &len), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(msg + 20),
			(u32)(NTLMSSP_NEGOTIATE_UNICODE |
			      NTLMSSP_NEGOTIATE_NTLM |
			      NTLMSSP_NEGOTIATE_TARGET_INFO));
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(msg + 12), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(msg + 44), 56u);
	kcifsd_ntlmssp_state_free(&st);
}

/* MS-NLMP 4.2.4 through NTLMSSP: 4.2.4.2.3 key exchange gives 55 * 16 */
static void ntlmssp_test_v2_logon(struct kunit *test)
{
	struct kcifsd_ntlmssp_state st;
	struct kcifsd_ntlmssp_result res;
	struct kcifsd_ntlmssp_auth auth;
	struct auth_parts p = v2_parts();
	u8 *msg;
	u32 len;

	setup_state(test, &st);
	msg = build_auth(test, &p, &len);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_EXPECT_TRUE(test, auth.unicode);
	KUNIT_EXPECT_FALSE(test, auth.anonymous);
	KUNIT_EXPECT_FALSE(test, auth.has_mic);
	KUNIT_EXPECT_EQ(test, auth.user_len, (u32)sizeof(user_u16));
	EXPECT_BYTES(test, auth.user, user_u16, sizeof(user_u16));
	EXPECT_BYTES(test, auth.domain, domain_u16, sizeof(domain_u16));
	EXPECT_BYTES(test, auth.workstation, workstation_u16,
		     sizeof(workstation_u16));
	KUNIT_EXPECT_EQ(test, auth.enc_key_len, 16u);

	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL,
							  &v2_only, &res), 0);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_V2);
	EXPECT_BYTES(test, res.session_key, random_session_key, 16);

	/* wrong NT hash */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv2, NULL,
							  &v2_only, &res),
			-EACCES);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_NONE);

	/* without KEY_EXCH the exported key is the session base key */
	p.flags &= ~NTLMSSP_NEGOTIATE_KEY_EXCH;
	msg = build_auth(test, &p, &len);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL,
							  &v2_only, &res), 0);
	EXPECT_BYTES(test, res.session_key, v2_session_base_key, 16);

	/* KEY_EXCH without SIGN or SEAL: no key exchange (MS-NLMP 3.2.5.1.2) */
	p.flags |= NTLMSSP_NEGOTIATE_KEY_EXCH;
	p.flags &= ~(NTLMSSP_NEGOTIATE_SIGN | NTLMSSP_NEGOTIATE_SEAL);
	msg = build_auth(test, &p, &len);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL,
							  &v2_only, &res), 0);
	EXPECT_BYTES(test, res.session_key, v2_session_base_key, 16);

	/* KEY_EXCH in effect but no EncryptedRandomSessionKey */
	p = v2_parts();
	p.key_len = 0;
	msg = build_auth(test, &p, &len);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL,
							  &v2_only, &res),
			-EINVAL);

	/* an AUTHENTICATE before any CHALLENGE */
	kcifsd_ntlmssp_state_free(&st);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL,
							  &v2_only, &res),
			-EINVAL);
}

/* MS-NLMP 4.2.3 through NTLMSSP: KXKEY is the exported key */
static void ntlmssp_test_v1_ess_logon(struct kunit *test)
{
	struct kcifsd_ntlm_policy v1 = { .allow_ntlmv1 = true };
	struct kcifsd_ntlmssp_state st;
	struct kcifsd_ntlmssp_result res;
	struct kcifsd_ntlmssp_auth auth;
	struct auth_parts p = v2_parts();
	u8 *msg;
	u32 len;

	setup_state(test, &st);
	p.flags &= ~NTLMSSP_NEGOTIATE_KEY_EXCH;
	p.lm = ess_lm_response;
	p.lm_len = sizeof(ess_lm_response);
	p.nt = ess_nt_response;
	p.nt_len = sizeof(ess_nt_response);
	p.key_len = 0;
	msg = build_auth(test, &p, &len);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL,
							  &v2_only, &res),
			-EACCES);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL, &v1,
							  &res), 0);
	KUNIT_EXPECT_EQ(test, res.scheme, KCIFSD_NTLM_V1_ESS);
	EXPECT_BYTES(test, res.session_key, ess_key_exchange_key, 16);
	kcifsd_ntlmssp_state_free(&st);
}

/*
 * An NTLMv2 response whose AV pairs carry MsvAvFlags = MIC present; its
 * NTProofStr is computed here over the vector's NTOWFv2 and challenge.
 */
static u8 *mic_response(struct kunit *test, u32 *len, u8 *sbk)
{
	static const u8 temp[] = {
		0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
		0x00, 0x00, 0x00, 0x00,
		0x06, 0x00, 0x04, 0x00, 0x02, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00 };
	struct kvec v[2] = {
		{ .iov_base = (void *)server_challenge, .iov_len = 8 },
		{ .iov_base = (void *)temp, .iov_len = sizeof(temp) },
	};
	u8 *resp = kunit_kzalloc(test, 16 + sizeof(temp), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, resp);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_hmac_md5(ntowfv2, 16, v, 2, resp),
			0);
	memcpy(resp + 16, temp, sizeof(temp));
	v[0].iov_base = resp;
	v[0].iov_len = 16;
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_hmac_md5(ntowfv2, 16, v, 1, sbk), 0);
	*len = 16 + sizeof(temp);
	return resp;
}

static void ntlmssp_test_mic(struct kunit *test)
{
	struct kcifsd_ntlmssp_state st;
	struct kcifsd_ntlmssp_result res;
	struct kcifsd_ntlmssp_auth auth;
	struct auth_parts p = v2_parts();
	u8 sbk[16];
	struct kvec v[3];
	u8 *msg;
	u32 len;

	setup_state(test, &st);
	p.flags &= ~NTLMSSP_NEGOTIATE_KEY_EXCH;
	p.key_len = 0;
	p.lm_len = 0;
	p.nt = mic_response(test, &p.nt_len, sbk);
	msg = build_auth(test, &p, &len);

	/* MIC over NEGOTIATE || CHALLENGE || AUTHENTICATE (MIC still 0) */
	v[0].iov_base = st.negotiate;
	v[0].iov_len = st.negotiate_len;
	v[1].iov_base = st.challenge;
	v[1].iov_len = st.challenge_len;
	v[2].iov_base = msg;
	v[2].iov_len = len;
	KUNIT_ASSERT_EQ(test, kcifsd_ntlm_hmac_md5(sbk, 16, v, 3, msg + 72),
			0);

	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_EXPECT_TRUE(test, auth.has_mic);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL,
							  &v2_only, &res), 0);
	EXPECT_BYTES(test, res.session_key, sbk, 16);

	/* a wrong MIC fails the logon */
	msg[80] ^= 1;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL,
							  &v2_only, &res),
			-EACCES);
	msg[80] ^= 1;
	/* so does a changed NEGOTIATE the MIC covers */
	st.negotiate[20] ^= 1;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_authenticate(&st, msg, len, &auth,
							  ntowfv1, NULL,
							  &v2_only, &res),
			-EACCES);
	st.negotiate[20] ^= 1;

	/* payload overlapping the MIC is malformed once a MIC is announced */
	put_field(msg, F_DOMAIN, 76, 12);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), -EINVAL);
	kcifsd_ntlmssp_state_free(&st);
}

static void ntlmssp_test_anonymous(struct kunit *test)
{
	static const u8 z1[1];
	struct kcifsd_ntlmssp_auth auth;
	struct auth_parts p = {
		.flags = SERVER_FLAGS | NTLMSSP_ANONYMOUS,
		.lm = z1, .lm_len = 1,
	};
	u8 *msg;
	u32 len;

	msg = build_auth(test, &p, &len);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_EXPECT_TRUE(test, auth.anonymous);

	p.lm_len = 0;
	msg = build_auth(test, &p, &len);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_EXPECT_TRUE(test, auth.anonymous);

	p.user = user_u16;
	p.user_len = sizeof(user_u16);
	msg = build_auth(test, &p, &len);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_EXPECT_FALSE(test, auth.anonymous);
}

static void ntlmssp_test_av_find(struct kunit *test)
{
	static const u8 av[] = {
		0x01, 0x00, 0x02, 0x00, 'A', 0,
		0x07, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
		0x06, 0x00, 0x04, 0x00, 1, 0, 0, 0 };	/* after EOL */
	const u8 *val;
	u16 vlen;

	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(av, sizeof(av), 1, &val,
						     &vlen), 0);
	KUNIT_EXPECT_PTR_EQ(test, val, &av[4]);
	KUNIT_EXPECT_EQ(test, vlen, (u16)2);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(av, sizeof(av), 7, &val,
						     &vlen), 0);
	KUNIT_EXPECT_EQ(test, vlen, (u16)0);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(av, sizeof(av), 6, &val,
						     &vlen), -ENOENT);
	/* no EOL: ends cleanly, ends mid-header, value runs past the end */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(av, 10, 6, &val, &vlen),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(av, 8, 6, &val, &vlen),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(av, 5, 1, &val, &vlen),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_av_find(av, 0, 1, &val, &vlen),
			-ENOENT);
}

/* A valid message with one field (at @field) rewritten. */
static int parse_with_field(struct kunit *test, u32 field, u32 off,
			    u32 flen)
{
	struct kcifsd_ntlmssp_auth auth;
	struct auth_parts p = v2_parts();
	u8 *msg;
	u32 len;
	int rc;

	msg = build_auth(test, &p, &len);
	put_unaligned_le16(flen, msg + field);
	put_unaligned_le32(off, msg + field + 4);
	rc = kcifsd_ntlmssp_parse_authenticate(msg, len, &auth);
	if (rc)
		KUNIT_EXPECT_NULL(test, auth.nt);
	return rc;
}

static void ntlmssp_test_hostile_auth(struct kunit *test)
{
	static const u32 fields[] = { F_LM, F_NT, F_DOMAIN, F_USER, F_WS,
				      F_KEY };
	struct kcifsd_ntlmssp_auth auth;
	struct auth_parts p = v2_parts();
	u8 *msg, *big;
	u32 len, i;

	msg = build_auth(test, &p, &len);
	KUNIT_ASSERT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);

	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		u32 f = fields[i];

		/* offset past the end, data past the end */
		KUNIT_EXPECT_EQ(test, parse_with_field(test, f, len + 1, 2),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, parse_with_field(test, f, len - 1, 2),
				-EINVAL);
		/* offset + length overflowing u32 */
		KUNIT_EXPECT_EQ(test, parse_with_field(test, f, 0xfffffff0,
						       0x20), -EINVAL);
		KUNIT_EXPECT_EQ(test, parse_with_field(test, f, 0xffffffff,
						       0xffff), -EINVAL);
		/* huge length */
		KUNIT_EXPECT_EQ(test, parse_with_field(test, f, AUTH_HDR,
						       0xffff), -EINVAL);
		/* pointing into the fixed header */
		KUNIT_EXPECT_EQ(test, parse_with_field(test, f, 8, 16),
				-EINVAL);
	}
	/* lengths that are wrong for their field */
	KUNIT_EXPECT_EQ(test, parse_with_field(test, F_USER, AUTH_HDR, 3),
			-EINVAL);			/* odd UTF-16 */
	KUNIT_EXPECT_EQ(test, parse_with_field(test, F_KEY, AUTH_HDR, 8),
			-EINVAL);			/* session key */
	KUNIT_EXPECT_EQ(test, parse_with_field(test, F_NT, AUTH_HDR, 30),
			-EINVAL);			/* short NTLMv2 */

	/* header problems */
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, 63,
								&auth), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(NULL, len,
								&auth), -EINVAL);
	msg[8] = KCIFSD_NTLMSSP_CHALLENGE;
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), -EINVAL);
	msg[8] = KCIFSD_NTLMSSP_AUTHENTICATE;
	msg[0] = 'n';
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), -EINVAL);
	msg[0] = 'N';

	/* longer than any SMB security blob */
	big = kunit_kzalloc(test, 0x10000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, big);
	memcpy(big, msg, len);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(big, 0x10000,
								&auth), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(big, 0xffff,
								&auth), 0);

	/* every truncation cuts the last field */
	for (i = 0; i < len; i++)
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_ntlmssp_parse_authenticate(
				msg, i, &auth), -EINVAL, "%u bytes", i);

	/* an AV pair running past the NTLMv2 response */
	p = v2_parts();
	msg = build_auth(test, &p, &len);
	i = AUTH_HDR + p.domain_len + p.user_len + p.ws_len + p.lm_len;
	put_unaligned_le16(0x7fff, msg + i + 44 + 2);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), -EINVAL);
	/* an MsvAvFlags of the wrong size */
	put_unaligned_le16(NTLMSSP_AV_FLAGS, msg + i + 44);
	put_unaligned_le16(2, msg + i + 44 + 2);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), -EINVAL);
	/* MIC announced, but the message has no room for one */
	put_unaligned_le16(4, msg + i + 44 + 2);
	put_unaligned_le32(NTLMSSP_AV_FLAG_MIC_PRESENT, msg + i + 48);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), 0);
	KUNIT_EXPECT_TRUE(test, auth.has_mic);
	put_field(msg, F_DOMAIN, 64, p.domain_len);
	KUNIT_EXPECT_EQ(test, kcifsd_ntlmssp_parse_authenticate(msg, len,
								&auth), -EINVAL);
}

/* Flip bits all over a valid message: 0 or -EINVAL, pointers inside. */
static void ntlmssp_test_mutations(struct kunit *test)
{
	struct kcifsd_ntlmssp_auth auth;
	struct auth_parts p = v2_parts();
	const u8 *end;
	u8 *msg, *orig;
	u32 len, i, x;
	int rc;

	orig = build_auth(test, &p, &len);
	msg = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, msg);
	end = msg + len;
	for (i = 0; i < AUTH_HDR + 64 && i < len; i++) {
		for (x = 1; x < 256; x <<= 1) {
			memcpy(msg, orig, len);
			msg[i] ^= x;
			rc = kcifsd_ntlmssp_parse_authenticate(msg, len, &auth);
			KUNIT_EXPECT_TRUE(test, rc == 0 || rc == -EINVAL);
			if (rc)
				continue;
			KUNIT_EXPECT_TRUE(test, !auth.nt ||
				(auth.nt >= msg + 64 &&
				 auth.nt + auth.nt_len <= end));
			KUNIT_EXPECT_TRUE(test, !auth.user ||
				(auth.user >= msg + 64 &&
				 auth.user + auth.user_len <= end));
		}
	}
}

static struct kunit_case ntlmssp_test_cases[] = {
	KUNIT_CASE(ntlmssp_test_negotiate),
	KUNIT_CASE(ntlmssp_test_challenge),
	KUNIT_CASE(ntlmssp_test_challenge_oem),
	KUNIT_CASE(ntlmssp_test_v2_logon),
	KUNIT_CASE(ntlmssp_test_v1_ess_logon),
	KUNIT_CASE(ntlmssp_test_mic),
	KUNIT_CASE(ntlmssp_test_anonymous),
	KUNIT_CASE(ntlmssp_test_av_find),
	KUNIT_CASE(ntlmssp_test_hostile_auth),
	KUNIT_CASE(ntlmssp_test_mutations),
	{}
};

static struct kunit_suite ntlmssp_test_suite = {
	.name = "kcifsd_ntlmssp",
	.test_cases = ntlmssp_test_cases,
};

kunit_test_suite(ntlmssp_test_suite);
