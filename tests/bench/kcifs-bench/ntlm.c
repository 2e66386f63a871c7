// SPDX-License-Identifier: GPL-2.0-only
/*
 * NTLMv2 client authentication, NTLMSSP, SPNEGO and SMB1 signing for
 * kcifs-bench (see ntlm.h).
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/arcfour.h>
#include <nettle/hmac.h>
#include <nettle/md4.h>
#include <nettle/md5.h>

#include "ntlm.h"

/* MS-NLMP 2.2.2.5 */
#define NTLMSSP_NEGOTIATE_UNICODE			0x00000001
#define NTLMSSP_REQUEST_TARGET				0x00000004
#define NTLMSSP_NEGOTIATE_SIGN				0x00000010
#define NTLMSSP_NEGOTIATE_NTLM				0x00000200
#define NTLMSSP_ANONYMOUS				0x00000800
#define NTLMSSP_NEGOTIATE_ALWAYS_SIGN			0x00008000
#define NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY	0x00080000
#define NTLMSSP_NEGOTIATE_TARGET_INFO			0x00800000
#define NTLMSSP_NEGOTIATE_128				0x20000000
#define NTLMSSP_NEGOTIATE_KEY_EXCH			0x40000000
#define NTLMSSP_NEGOTIATE_56				0x80000000

/* MS-NLMP 2.2.2.1 AV_PAIR ids */
#define MSV_AV_EOL		0
#define MSV_AV_TIMESTAMP	7

static const uint8_t ntlmssp_sig[8] = "NTLMSSP";

/* RFC 4178: 1.3.6.1.5.5.2; MS-NLMP: NTLMSSP 1.3.6.1.4.1.311.2.2.10 */
static const uint8_t oid_spnego[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };
static const uint8_t oid_ntlmssp[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82,
				       0x37, 0x02, 0x02, 0x0a };

static void hmac_md5(const uint8_t *key, size_t klen, const uint8_t *a,
		     size_t alen, const uint8_t *b, size_t blen,
		     uint8_t out[16])
{
	struct hmac_md5_ctx ctx;

	hmac_md5_set_key(&ctx, klen, key);
	hmac_md5_update(&ctx, alen, a);
	if (blen)
		hmac_md5_update(&ctx, blen, b);
	hmac_md5_digest(&ctx, MD5_DIGEST_SIZE, out);
}

/* MS-NLMP 3.3.1: NTOWFv1 = MD4(UNICODE(Password)) */
static void nt_hash(const char *password, uint8_t out[16])
{
	size_t n = strlen(password);
	uint8_t *u = xmalloc(2 * n + 2);
	struct md4_ctx ctx;

	utf16_from_ascii(u, password, false);
	md4_init(&ctx);
	md4_update(&ctx, 2 * n, u);
	md4_digest(&ctx, MD4_DIGEST_SIZE, out);
	free(u);
}

/* MS-NLMP 3.3.2: NTOWFv2 = HMAC_MD5(NTOWFv1, UNICODE(Upper(User) || Dom)) */
static void ntowf_v2(const char *password, const char *user,
		     const char *domain, uint8_t out[16])
{
	size_t ul = strlen(user), dl = strlen(domain);
	uint8_t *u = xmalloc(2 * (ul + dl) + 2);
	uint8_t nt[16];

	nt_hash(password, nt);
	utf16_from_ascii(u, user, true);
	utf16_from_ascii(u + 2 * ul, domain, false);
	hmac_md5(nt, 16, u, 2 * (ul + dl), NULL, 0, out);
	free(u);
}

/* A security buffer field (MS-NLMP 2.2.1.1): length, maxlength, offset. */
static void put_field(uint8_t *f, size_t len, size_t off)
{
	put16(f, len);
	put16(f + 2, len);
	put32(f + 4, off);
}

static int get_field(const uint8_t *msg, size_t len, size_t at,
		     const uint8_t **p, size_t *n)
{
	uint32_t off;

	if (at + 8 > len)
		return -1;
	*n = get16(msg + at);
	off = get32(msg + at + 4);
	if (off > len || *n > len - off)
		return -1;
	*p = msg + off;
	return 0;
}

void ntlmssp_negotiate(struct ntlm_auth *a, struct buf *out)
{
	uint32_t flags = NTLMSSP_NEGOTIATE_UNICODE | NTLMSSP_REQUEST_TARGET |
			 NTLMSSP_NEGOTIATE_NTLM | NTLMSSP_NEGOTIATE_ALWAYS_SIGN |
			 NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
			 NTLMSSP_NEGOTIATE_128 | NTLMSSP_NEGOTIATE_56 |
			 NTLMSSP_NEGOTIATE_KEY_EXCH;
	uint8_t *m;

	if (a->sign)
		flags |= NTLMSSP_NEGOTIATE_SIGN;
	m = buf_room(out, 32);
	memset(m, 0, 32);
	memcpy(m, ntlmssp_sig, 8);
	put32(m + 8, 1);
	put32(m + 12, flags);
	put_field(m + 16, 0, 32);
	put_field(m + 24, 0, 32);
}

/* The NTLMv2 client blob "temp" of MS-NLMP 3.3.2. */
static void ntlmv2_blob(struct buf *b, uint64_t time, const uint8_t cc[8],
			const uint8_t *target_info, size_t ti_len)
{
	buf_u8(b, 1);
	buf_u8(b, 1);
	buf_zero(b, 6);
	buf_u64(b, time);
	buf_mem(b, cc, 8);
	buf_zero(b, 4);
	buf_mem(b, target_info, ti_len);
	buf_zero(b, 4);
}

/* The server's MsvAvTimestamp, if it sent one (MS-NLMP 3.1.5.1.2). */
static bool target_info_time(const uint8_t *ti, size_t len, uint64_t *t)
{
	size_t i = 0;
	uint16_t id, n;

	while (i + 4 <= len) {
		id = get16(ti + i);
		n = get16(ti + i + 2);
		if (id == MSV_AV_EOL || i + 4 + n > len)
			break;
		if (id == MSV_AV_TIMESTAMP && n == 8) {
			*t = get64(ti + i + 4);
			return true;
		}
		i += 4 + n;
	}
	return false;
}

struct v2_result {
	uint8_t lm[24];
	struct buf nt;
	uint8_t session_base_key[16];
};

static void ntlmv2_compute(const char *user, const char *password,
			   const char *domain, const uint8_t sc[8],
			   const uint8_t cc[8], uint64_t time,
			   const uint8_t *ti, size_t ti_len,
			   struct v2_result *r)
{
	uint8_t key[16], proof[16];
	struct buf blob;

	ntowf_v2(password, user, domain, key);
	/* LMv2 = HMAC_MD5(key, SC || CC) || CC */
	hmac_md5(key, 16, sc, 8, cc, 8, r->lm);
	memcpy(r->lm + 16, cc, 8);

	buf_init(&blob, 64 + ti_len);
	ntlmv2_blob(&blob, time, cc, ti, ti_len);
	hmac_md5(key, 16, sc, 8, blob.p, blob.len, proof);
	buf_init(&r->nt, 16 + blob.len);
	buf_mem(&r->nt, proof, 16);
	buf_mem(&r->nt, blob.p, blob.len);
	buf_free(&blob);
	hmac_md5(key, 16, proof, 16, NULL, 0, r->session_base_key);
}

int ntlmssp_authenticate(struct ntlm_auth *a, const uint8_t *chal, size_t len,
			 struct buf *out)
{
	bool anon = !a->user[0];
	const uint8_t *ti = NULL;
	uint8_t cc[8], enc_key[16];
	struct v2_result r = {};
	struct arcfour_ctx rc4;
	size_t ti_len = 0, off, lm_len, nt_len, key_len = 0;
	uint64_t time;
	uint8_t *m;
	uint32_t flags;

	if (len < 32 || memcmp(chal, ntlmssp_sig, 8) || get32(chal + 8) != 2)
		return -1;
	flags = get32(chal + 20);
	a->flags = flags;
	if (len >= 48 && get_field(chal, len, 40, &ti, &ti_len))
		return -1;
	if (!(flags & NTLMSSP_NEGOTIATE_UNICODE))
		return -1;

	if (!anon) {
		random_bytes(cc, 8);
		if (!target_info_time(ti, ti_len, &time))
			time = filetime_now();
		ntlmv2_compute(a->user, a->password, a->domain, chal + 24, cc,
			       time, ti, ti_len, &r);
		memcpy(a->session_key, r.session_base_key, 16);
		if (flags & NTLMSSP_NEGOTIATE_KEY_EXCH) {
			random_bytes(a->session_key, 16);
			arcfour_set_key(&rc4, 16, r.session_base_key);
			arcfour_crypt(&rc4, 16, enc_key, a->session_key);
			key_len = 16;
		}
		a->have_key = true;
		lm_len = 24;
		nt_len = r.nt.len;
	} else {
		/* No key to exchange or sign with (MS-NLMP 3.1.5.1.2). */
		flags |= NTLMSSP_ANONYMOUS;
		flags &= ~(NTLMSSP_NEGOTIATE_KEY_EXCH | NTLMSSP_NEGOTIATE_SIGN);
		lm_len = 1;
		nt_len = 0;
	}

	m = buf_room(out, 64);
	memset(m, 0, 64);
	memcpy(m, ntlmssp_sig, 8);
	put32(m + 8, 3);
	off = 64;
	put_field(m + 12, lm_len, off);
	off += lm_len;
	put_field(m + 20, nt_len, off);
	off += nt_len;
	put_field(m + 28, 2 * strlen(a->domain), off);
	off += 2 * strlen(a->domain);
	put_field(m + 36, 2 * strlen(a->user), off);
	off += 2 * strlen(a->user);
	put_field(m + 44, 2 * strlen(a->workstation), off);
	off += 2 * strlen(a->workstation);
	put_field(m + 52, key_len, off);
	put32(m + 60, flags & (NTLMSSP_NEGOTIATE_UNICODE |
			       NTLMSSP_REQUEST_TARGET | NTLMSSP_NEGOTIATE_SIGN |
			       NTLMSSP_NEGOTIATE_NTLM | NTLMSSP_ANONYMOUS |
			       NTLMSSP_NEGOTIATE_ALWAYS_SIGN |
			       NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
			       NTLMSSP_NEGOTIATE_TARGET_INFO |
			       NTLMSSP_NEGOTIATE_128 | NTLMSSP_NEGOTIATE_56 |
			       NTLMSSP_NEGOTIATE_KEY_EXCH));
	if (anon)
		buf_u8(out, 0);
	else
		buf_mem(out, r.lm, 24);
	buf_mem(out, r.nt.p, r.nt.len);
	buf_utf16(out, a->domain, false);
	buf_utf16(out, a->user, false);
	buf_utf16(out, a->workstation, false);
	if (key_len)
		buf_mem(out, enc_key, 16);
	buf_free(&r.nt);
	return 0;
}

/* ---- SPNEGO (DER) ---- */

static void der_len(struct buf *b, size_t n)
{
	if (n < 0x80) {
		buf_u8(b, n);
	} else if (n < 0x100) {
		buf_u8(b, 0x81);
		buf_u8(b, n);
	} else if (n < 0x10000) {
		buf_u8(b, 0x82);
		buf_u8(b, n >> 8);
		buf_u8(b, n);
	} else {
		buf_u8(b, 0x83);
		buf_u8(b, n >> 16);
		buf_u8(b, n >> 8);
		buf_u8(b, n);
	}
}

/* Wrap the whole of @in as the value of one TLV, appended to @out. */
static void der_wrap(struct buf *out, uint8_t tag, const struct buf *in)
{
	buf_u8(out, tag);
	der_len(out, in->len);
	buf_mem(out, in->p, in->len);
}

static void der_raw(struct buf *out, uint8_t tag, const uint8_t *p, size_t n)
{
	buf_u8(out, tag);
	der_len(out, n);
	buf_mem(out, p, n);
}

/* GSS-API InitialContextToken with a NegTokenInit offering NTLMSSP. */
void spnego_init(struct buf *out, const uint8_t *token, size_t len)
{
	struct buf a, b, c;

	buf_init(&a, 64);
	buf_init(&b, 64);
	buf_init(&c, len + 64);
	der_raw(&a, 0x06, oid_ntlmssp, sizeof(oid_ntlmssp));
	der_wrap(&b, 0x30, &a);			/* MechTypeList */
	a.len = 0;
	der_wrap(&a, 0xa0, &b);			/* [0] mechTypes */
	b.len = 0;
	der_raw(&b, 0x04, token, len);
	der_wrap(&a, 0xa2, &b);			/* [2] mechToken */
	b.len = 0;
	der_wrap(&b, 0x30, &a);			/* NegTokenInit */
	a.len = 0;
	der_wrap(&a, 0xa0, &b);			/* [0] negTokenInit */
	der_raw(&c, 0x06, oid_spnego, sizeof(oid_spnego));
	buf_mem(&c, a.p, a.len);
	der_wrap(out, 0x60, &c);		/* [APPLICATION 0] */
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

/* NegTokenResp carrying @token as responseToken. */
void spnego_resp(struct buf *out, const uint8_t *token, size_t len)
{
	struct buf a, b;

	buf_init(&a, len + 16);
	buf_init(&b, len + 16);
	der_raw(&a, 0x04, token, len);
	der_wrap(&b, 0xa2, &a);			/* [2] responseToken */
	a.len = 0;
	der_wrap(&a, 0x30, &b);
	der_wrap(out, 0xa1, &a);		/* [1] negTokenResp */
	buf_free(&a);
	buf_free(&b);
}

/* Read one TLV header; returns the value's start or NULL. */
static const uint8_t *der_next(const uint8_t *p, const uint8_t *end,
			       uint8_t *tag, size_t *n)
{
	size_t len, i, k;

	if (end - p < 2)
		return NULL;
	*tag = *p++;
	len = *p++;
	if (len & 0x80) {
		k = len & 0x7f;
		if (!k || k > 3 || (size_t)(end - p) < k)
			return NULL;
		for (len = 0, i = 0; i < k; i++)
			len = len << 8 | *p++;
	}
	if (len > (size_t)(end - p))
		return NULL;
	*n = len;
	return p;
}

/*
 * The NTLMSSP message in a server security blob: raw NTLMSSP, the
 * responseToken of a NegTokenResp or the mechToken of a NegTokenInit.
 */
int spnego_token(const uint8_t *blob, size_t len, const uint8_t **token,
		 size_t *token_len)
{
	const uint8_t *p = blob, *end = blob + len, *v, *seq_end;
	uint8_t tag;
	size_t n;

	if (len >= 8 && !memcmp(blob, ntlmssp_sig, 8)) {
		*token = blob;
		*token_len = len;
		return 0;
	}
	v = der_next(p, end, &tag, &n);
	if (!v)
		return -1;
	if (tag == 0x60) {		/* skip the GSS wrapper and OID */
		end = v + n;
		v = der_next(v, end, &tag, &n);
		if (!v || tag != 0x06)
			return -1;
		v = der_next(v + n, end, &tag, &n);
		if (!v)
			return -1;
	}
	if (tag != 0xa0 && tag != 0xa1)
		return -1;
	end = v + n;
	v = der_next(v, end, &tag, &n);
	if (!v || tag != 0x30)
		return -1;
	seq_end = v + n;
	p = v;
	while (p < seq_end) {
		v = der_next(p, seq_end, &tag, &n);
		if (!v)
			return -1;
		if (tag == 0xa2) {
			const uint8_t *o = der_next(v, v + n, &tag, token_len);

			if (!o || tag != 0x04)
				return -1;
			*token = o;
			return 0;
		}
		p = v + n;
	}
	return -1;
}

/* ---- SMB1 signing ---- */

static void smb_mac(const uint8_t *msg, size_t len, const uint8_t key[16],
		    uint32_t seq, uint8_t mac[16])
{
	struct md5_ctx ctx;
	uint8_t sig[8] = { 0 };

	put32(sig, seq);
	md5_init(&ctx);
	md5_update(&ctx, 16, key);
	md5_update(&ctx, 14, msg);
	md5_update(&ctx, 8, sig);
	md5_update(&ctx, len - 22, msg + 22);
	md5_digest(&ctx, MD5_DIGEST_SIZE, mac);
}

/* MS-CIFS 3.1.4.1: MD5(key || message with the sequence number). */
void smb_sign(uint8_t *msg, size_t len, const uint8_t key[16], uint32_t seq)
{
	uint8_t mac[16];

	smb_mac(msg, len, key, seq, mac);
	memcpy(msg + 14, mac, 8);
}

bool smb_sign_ok(const uint8_t *msg, size_t len, const uint8_t key[16],
		 uint32_t seq)
{
	uint8_t mac[16];

	smb_mac(msg, len, key, seq, mac);
	return !memcmp(msg + 14, mac, 8);
}

/* ---- self test: MS-NLMP 4.2.4 (NTLMv2) ---- */

static int expect(const char *what, const uint8_t *got, const uint8_t *want,
		  size_t n)
{
	size_t i;

	if (!memcmp(got, want, n)) {
		printf("ok   %s\n", what);
		return 0;
	}
	printf("FAIL %s:", what);
	for (i = 0; i < n; i++)
		printf(" %02x", got[i]);
	printf("\n");
	return 1;
}

static int spnego_roundtrip(const char *what, const struct buf *b,
			    const uint8_t want[16])
{
	const uint8_t *tok;
	size_t tok_len;

	if (spnego_token(b->p, b->len, &tok, &tok_len) || tok_len != 16)
		tok = NULL;
	return expect(what, tok ? tok : (const uint8_t *)"", want,
		      tok ? 16 : 1);
}

int ntlm_self_test(void)
{
	static const uint8_t sc[8] = { 0x01, 0x23, 0x45, 0x67,
				       0x89, 0xab, 0xcd, 0xef };
	static const uint8_t cc[8] = { 0xaa, 0xaa, 0xaa, 0xaa,
				       0xaa, 0xaa, 0xaa, 0xaa };
	static const uint8_t ti[] = {
		0x02, 0x00, 0x0c, 0x00, 'D', 0, 'o', 0, 'm', 0, 'a', 0,
		'i', 0, 'n', 0,
		0x01, 0x00, 0x0c, 0x00, 'S', 0, 'e', 0, 'r', 0, 'v', 0,
		'e', 0, 'r', 0,
		0x00, 0x00, 0x00, 0x00 };
	static const uint8_t ntowfv1[16] = {
		0xa4, 0xf4, 0x9c, 0x40, 0x65, 0x10, 0xbd, 0xca,
		0xb6, 0x82, 0x4e, 0xe7, 0xc3, 0x0f, 0xd8, 0x52 };
	static const uint8_t ntowfv2[16] = {
		0x0c, 0x86, 0x8a, 0x40, 0x3b, 0xfd, 0x7a, 0x93,
		0xa3, 0x00, 0x1e, 0xf2, 0x2e, 0xf0, 0x2e, 0x3f };
	static const uint8_t base_key[16] = {
		0x8d, 0xe4, 0x0c, 0xca, 0xdb, 0xc1, 0x4a, 0x82,
		0xf1, 0x5c, 0xb0, 0xad, 0x0d, 0xe9, 0x5c, 0xa3 };
	static const uint8_t lmv2[24] = {
		0x86, 0xc3, 0x50, 0x97, 0xac, 0x9c, 0xec, 0x10,
		0x25, 0x54, 0x76, 0x4a, 0x57, 0xcc, 0xcc, 0x19,
		0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa };
	static const uint8_t proof[16] = {
		0x68, 0xcd, 0x0a, 0xb8, 0x51, 0xe5, 0x1c, 0x96,
		0xaa, 0xbc, 0x92, 0x7b, 0xeb, 0xef, 0x6a, 0x1c };
	static const uint8_t random_key[16] = {
		0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55,
		0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55 };
	static const uint8_t enc_key[16] = {
		0xc5, 0xda, 0xd2, 0x54, 0x4f, 0xc9, 0x79, 0x90,
		0x94, 0xce, 0x1c, 0xe9, 0x0b, 0xc9, 0xd0, 0x3e };
	struct v2_result r = {};
	struct arcfour_ctx rc4;
	uint8_t h[16], e[16];
	struct buf b;
	int fails = 0;

	nt_hash("Password", h);
	fails += expect("MS-NLMP 4.2.2.1.2 NTOWFv1", h, ntowfv1, 16);
	ntowf_v2("Password", "User", "Domain", h);
	fails += expect("MS-NLMP 4.2.4.1.1 NTOWFv2", h, ntowfv2, 16);
	ntlmv2_compute("User", "Password", "Domain", sc, cc, 0, ti,
		       sizeof(ti), &r);
	fails += expect("MS-NLMP 4.2.4.2.1 LMv2 response", r.lm, lmv2, 24);
	fails += expect("MS-NLMP 4.2.4.2.2 NTProofStr", r.nt.p, proof, 16);
	fails += expect("MS-NLMP 4.2.4.1.2 session base key",
			r.session_base_key, base_key, 16);
	arcfour_set_key(&rc4, 16, r.session_base_key);
	arcfour_crypt(&rc4, 16, e, random_key);
	fails += expect("MS-NLMP 4.2.4.2.3 encrypted session key", e,
			enc_key, 16);
	buf_free(&r.nt);

	/* SPNEGO: what we wrap, we find again. */
	buf_init(&b, 128);
	spnego_init(&b, proof, 16);
	fails += spnego_roundtrip("SPNEGO NegTokenInit round trip", &b, proof);
	b.len = 0;
	spnego_resp(&b, proof, 16);
	fails += spnego_roundtrip("SPNEGO NegTokenResp round trip", &b, proof);
	buf_free(&b);
	return fails;
}
