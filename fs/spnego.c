// SPDX-License-Identifier: GPL-2.0-only
/*
 * SPNEGO tokens (RFC 4178 4.2, MS-SPNG 2.2) in DER (X.690), both ways:
 *
 *   client -> server  InitialContextToken ([APPLICATION 0] { spnego OID,
 *                     [0] NegTokenInit }), then [1] NegTokenResp; or a bare
 *                     NTLMSSP message ("NTLMSSP\0" first)
 *   server -> client  NegTokenInit in the NEGOTIATE response, then
 *                     [1] NegTokenResp around each NTLMSSP reply
 *
 * The reader walks this fixed grammar iteratively (five levels at most,
 * never recursing), so a deeply nested blob can only show up as a wrong
 * tag. Every length is checked against what encloses it before use:
 * indefinite lengths, lengths of more than 4 bytes, high tag numbers and
 * empty OIDs, lists and tokens are rejected with -EINVAL.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "fs/spnego.h"

#define DER_ENUMERATED		0x0a
#define DER_OCTET_STRING	0x04
#define DER_OID			0x06
#define DER_SEQUENCE		0x30
#define DER_APPLICATION_0	0x60	/* [APPLICATION 0] constructed */
#define DER_CONTEXT(n)		(0xa0 + (n))	/* [n] constructed */
#define DER_HIGH_TAG		0x1f

/* 1.3.6.1.5.5.2, SPNEGO (RFC 4178 3) */
static const u8 spnego_oid[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };
/* 1.3.6.1.4.1.311.2.2.10, NTLMSSP (MS-SPNG 1.9) */
static const u8 ntlmssp_oid[] = {
	0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };
static const u8 ntlmssp_signature[8] = "NTLMSSP";

/* Bytes not yet read, inside whatever element encloses them. */
struct der {
	const u8 *p;
	u32 len;
};

/*
 * Read one element: its tag, and its contents as a window of their own;
 * @d moves past it. @start/@total, if given, get the whole element.
 */
static int der_next(struct der *d, u8 *tag, struct der *content,
		    const u8 **start, u32 *total)
{
	u32 hdr = 2, len;
	u8 b;

	if (d->len < 2)
		return -EINVAL;
	*tag = d->p[0];
	if ((*tag & DER_HIGH_TAG) == DER_HIGH_TAG)
		return -EINVAL;
	b = d->p[1];
	if (b < 0x80) {
		len = b;
	} else {
		u32 n = b & 0x7f, i;

		/* 0x80 is BER's indefinite length; more than 4 bytes > u32 */
		if (n == 0 || n > 4 || d->len - 2 < n)
			return -EINVAL;
		len = 0;
		for (i = 0; i < n; i++)
			len = (len << 8) | d->p[2 + i];
		hdr += n;
	}
	if (len > d->len - hdr)
		return -EINVAL;

	content->p = d->p + hdr;
	content->len = len;
	if (start)
		*start = d->p;
	if (total)
		*total = hdr + len;
	d->p += hdr + len;
	d->len -= hdr + len;
	return 0;
}

/* The next element must carry @want and have non-empty contents. */
static int der_expect(struct der *d, u8 want, struct der *content)
{
	u8 tag;
	int rc;

	rc = der_next(d, &tag, content, NULL, NULL);
	if (rc)
		return rc;
	if (tag != want || !content->len)
		return -EINVAL;
	return 0;
}

/* [n] { OCTET STRING }: mechToken, responseToken, mechListMIC */
static int der_octets(struct der *ctx, const u8 **p, u32 *len)
{
	struct der os;
	int rc;

	rc = der_expect(ctx, DER_OCTET_STRING, &os);
	if (rc)
		return rc;
	if (ctx->len)	/* nothing may follow inside the [n] */
		return -EINVAL;
	*p = os.p;
	*len = os.len;
	return 0;
}

/* MechTypeList ::= SEQUENCE OF MechType (OID), at least one */
static int parse_mech_types(struct der *ctx, struct kcifsd_spnego_token *tok)
{
	struct der list, oid;
	bool first = true;
	u8 tag;
	int rc;

	rc = der_next(ctx, &tag, &list, &tok->mech_types,
		      &tok->mech_types_len);
	if (rc)
		return rc;
	if (tag != DER_SEQUENCE || !list.len || ctx->len)
		return -EINVAL;
	while (list.len) {
		rc = der_expect(&list, DER_OID, &oid);
		if (rc)
			return rc;
		if (oid.len == sizeof(ntlmssp_oid) &&
		    !memcmp(oid.p, ntlmssp_oid, sizeof(ntlmssp_oid))) {
			tok->ntlmssp_offered = true;
			if (first)
				tok->ntlmssp_first = true;
		}
		first = false;
	}
	return 0;
}

/*
 * Open the SEQUENCE of a NegTokenInit or NegTokenResp: non-empty, and the
 * only thing in its [n] wrapper.
 */
static int open_sequence(struct der *d, struct der *seq)
{
	if (der_expect(d, DER_SEQUENCE, seq) || d->len)
		return -EINVAL;
	return 0;
}

/*
 * The next field of that SEQUENCE: [0] to [3], each at most once and in
 * tag order, none empty. Returns its number or -EINVAL.
 */
static int next_field(struct der *seq, int last, struct der *ctx)
{
	u8 tag;

	if (der_next(seq, &tag, ctx, NULL, NULL))
		return -EINVAL;
	if (tag < DER_CONTEXT(0) || tag > DER_CONTEXT(3) ||
	    tag - DER_CONTEXT(0) <= last || !ctx->len)
		return -EINVAL;
	return tag - DER_CONTEXT(0);
}

/* negState [0] ENUMERATED, one byte, a known value */
static int parse_neg_state(struct der *ctx, struct kcifsd_spnego_token *tok)
{
	struct der val;

	if (der_expect(ctx, DER_ENUMERATED, &val) || val.len != 1 ||
	    ctx->len || val.p[0] > KCIFSD_SPNEGO_REQUEST_MIC)
		return -EINVAL;
	tok->neg_state = val.p[0];
	return 0;
}

/*
 * The two SEQUENCEs share their last fields:
 *
 *   NegTokenInit ::= SEQUENCE { mechTypes [0], reqFlags [1] OPTIONAL,
 *           mechToken [2] OPTIONAL, mechListMIC [3] OPTIONAL }
 *   NegTokenResp ::= SEQUENCE { negState [0] OPTIONAL,
 *           supportedMech [1] OPTIONAL, responseToken [2] OPTIONAL,
 *           mechListMIC [3] OPTIONAL }
 */
static int parse_neg_token(struct der *d, enum kcifsd_spnego_kind kind,
			   struct kcifsd_spnego_token *tok)
{
	struct der seq, ctx, oid;
	int field = -1, rc;

	if (open_sequence(d, &seq))
		return -EINVAL;
	tok->kind = kind;
	while (seq.len) {
		field = next_field(&seq, field, &ctx);
		if (field < 0)
			rc = -EINVAL;
		else if (field == 2)
			rc = der_octets(&ctx, &tok->mech_token,
					&tok->mech_token_len);
		else if (field == 3)
			rc = der_octets(&ctx, &tok->mech_list_mic,
					&tok->mech_list_mic_len);
		else if (kind == KCIFSD_SPNEGO_INIT)
			/* reqFlags [1]: SSPI ignores them, so do we */
			rc = field == 0 ? parse_mech_types(&ctx, tok) : 0;
		else if (field == 0)
			rc = parse_neg_state(&ctx, tok);
		else	/* supportedMech [1]: only acceptors send it */
			rc = (der_expect(&ctx, DER_OID, &oid) || ctx.len) ?
			     -EINVAL : 0;
		if (rc)
			return rc;
	}
	if (kind == KCIFSD_SPNEGO_INIT && !tok->mech_types)
		return -EINVAL;
	return 0;
}

static void token_reset(struct kcifsd_spnego_token *tok)
{
	memset(tok, 0, sizeof(*tok));
	tok->neg_state = -1;
}

/**
 * kcifsd_spnego_parse() - decode a client's SESSION_SETUP security blob
 * @blob: SecurityBlob (MS-SMB 2.2.4.6.1)
 * @len: SecurityBlobLength
 * @tok: the result; its pointers point into @blob
 *
 * Accepts an InitialContextToken holding a NegTokenInit (RFC 4178 4.2.1,
 * the first leg), a NegTokenResp (4.2.2, later legs), a NegTokenInit
 * without the GSS-API wrapper, or a bare NTLMSSP message (MS-NLMP 2.2,
 * as the Linux cifs client sends it). Which mechanism to run, and whether
 * a missing token is acceptable, is the caller's decision.
 *
 * Return: 0, or -EINVAL for anything else: another GSS mechanism's token,
 * a malformed or truncated encoding, empty elements, or elements out of
 * order. No byte outside @blob is read.
 */
int kcifsd_spnego_parse(const u8 *blob, u32 len,
			struct kcifsd_spnego_token *tok)
{
	struct der d = { .p = blob, .len = len }, app, oid;
	u8 tag;
	int rc;

	token_reset(tok);
	if (!blob || !len)
		return -EINVAL;

	if (len >= sizeof(ntlmssp_signature) &&
	    !memcmp(blob, ntlmssp_signature, sizeof(ntlmssp_signature))) {
		tok->kind = KCIFSD_SPNEGO_RAW_NTLMSSP;
		tok->ntlmssp_offered = true;
		tok->ntlmssp_first = true;
		tok->mech_token = blob;
		tok->mech_token_len = len;
		return 0;
	}

	/* Bytes after the token are ignored: SMB pads security blobs. */
	rc = der_next(&d, &tag, &app, NULL, NULL);
	if (!rc && tag == DER_APPLICATION_0) {
		/* thisMech must be SPNEGO; a bare Kerberos token is not */
		if (der_expect(&app, DER_OID, &oid) ||
		    oid.len != sizeof(spnego_oid) ||
		    memcmp(oid.p, spnego_oid, sizeof(spnego_oid)) ||
		    der_expect(&app, DER_CONTEXT(0), &d) || app.len)
			rc = -EINVAL;
		else
			rc = parse_neg_token(&d, KCIFSD_SPNEGO_INIT, tok);
	} else if (!rc && tag == DER_CONTEXT(0)) {
		rc = parse_neg_token(&app, KCIFSD_SPNEGO_INIT, tok);
	} else if (!rc && tag == DER_CONTEXT(1)) {
		rc = parse_neg_token(&app, KCIFSD_SPNEGO_RESP, tok);
	} else {
		rc = -EINVAL;
	}
	if (rc) {
		token_reset(tok);
		pr_debug_ratelimited("malformed SPNEGO token (%u bytes)\n",
				     len);
	}
	return rc;
}

/* Bytes an element with @len content bytes takes: tag, length, content. */
static u32 der_size(u32 len)
{
	if (len < 0x80)
		return 2 + len;
	if (len <= 0xff)
		return 3 + len;
	if (len <= 0xffff)
		return 4 + len;
	if (len <= 0xffffff)
		return 5 + len;
	return 6 + len;
}

/* Write a tag and a minimal DER length; return the bytes written. */
static u32 der_put_hdr(u8 *p, u8 tag, u32 len)
{
	u32 n = der_size(len) - len - 2, i;

	p[0] = tag;
	if (!n) {
		p[1] = len;
		return 2;
	}
	p[1] = 0x80 | n;
	for (i = 0; i < n; i++)
		p[2 + i] = len >> (8 * (n - 1 - i));
	return 2 + n;
}

/**
 * kcifsd_spnego_neg_init() - the server's NegTokenInit for NEGOTIATE
 * @buf: where to write it (SMB_COM_NEGOTIATE response SecurityBlob,
 *	MS-SMB 2.2.4.5.2.1)
 * @size: room at @buf
 *
 * An InitialContextToken whose NegTokenInit lists NTLMSSP as the only
 * mechanism (RFC 4178 4.2.1, MS-SPNG 3.2.5.2); no mechToken, no hints.
 *
 * Return: KCIFSD_SPNEGO_NEG_INIT_SIZE, or -ENOSPC if it does not fit.
 */
int kcifsd_spnego_neg_init(u8 *buf, u32 size)
{
	u32 oid = der_size(sizeof(ntlmssp_oid));
	u32 list = der_size(oid), mech_types = der_size(list);
	u32 init = der_size(mech_types), ctx0 = der_size(init);
	u32 inner = der_size(sizeof(spnego_oid)) + ctx0;
	u32 total = der_size(inner), off = 0;

	BUILD_BUG_ON(KCIFSD_SPNEGO_NEG_INIT_SIZE != 30);
	if (size < total)
		return -ENOSPC;
	off += der_put_hdr(buf + off, DER_APPLICATION_0, inner);
	off += der_put_hdr(buf + off, DER_OID, sizeof(spnego_oid));
	memcpy(buf + off, spnego_oid, sizeof(spnego_oid));
	off += sizeof(spnego_oid);
	off += der_put_hdr(buf + off, DER_CONTEXT(0), init);
	off += der_put_hdr(buf + off, DER_SEQUENCE, mech_types);
	off += der_put_hdr(buf + off, DER_CONTEXT(0), list);
	off += der_put_hdr(buf + off, DER_SEQUENCE, oid);
	off += der_put_hdr(buf + off, DER_OID, sizeof(ntlmssp_oid));
	memcpy(buf + off, ntlmssp_oid, sizeof(ntlmssp_oid));
	off += sizeof(ntlmssp_oid);
	return off;
}

/* Contents of the NegTokenResp SEQUENCE. */
static u32 resp_seq_len(bool supported_mech, u32 token_len, u32 mic_len)
{
	u32 len = der_size(der_size(1));	/* [0] ENUMERATED */

	if (supported_mech)
		len += der_size(der_size(sizeof(ntlmssp_oid)));
	if (token_len)
		len += der_size(der_size(token_len));
	if (mic_len)
		len += der_size(der_size(mic_len));
	return len;
}

/**
 * kcifsd_spnego_resp_size() - bytes kcifsd_spnego_build_resp() writes
 * @supported_mech: include supportedMech (NTLMSSP)
 * @token_len: responseToken length, 0 for none
 * @mic_len: mechListMIC length, 0 for none
 *
 * Return: the size of the encoded NegTokenResp.
 */
u32 kcifsd_spnego_resp_size(bool supported_mech, u32 token_len, u32 mic_len)
{
	return der_size(der_size(resp_seq_len(supported_mech, token_len,
					      mic_len)));
}

/**
 * kcifsd_spnego_build_resp() - encode the server's NegTokenResp
 * @state: negState (RFC 4178 4.2.2)
 * @supported_mech: include supportedMech = NTLMSSP, as the first reply
 *	must (MS-SPNG 3.2.5.2)
 * @token: responseToken (an NTLMSSP CHALLENGE_MESSAGE), or NULL
 * @token_len: its length, 0 for none
 * @mic: mechListMIC, or NULL
 * @mic_len: its length, 0 for none
 * @buf: where to write (SESSION_SETUP_ANDX response SecurityBlob)
 * @size: room at @buf
 *
 * Return: bytes written, -EINVAL for a bad @state or a length without its
 * buffer, or -ENOSPC if it does not fit.
 */
int kcifsd_spnego_build_resp(enum kcifsd_spnego_neg_state state,
			     bool supported_mech, const u8 *token,
			     u32 token_len, const u8 *mic, u32 mic_len,
			     u8 *buf, u32 size)
{
	u32 seq, off = 0;

	/* SMB blobs are at most 64 KiB; the bound keeps sizes from wrapping */
	if (state > KCIFSD_SPNEGO_REQUEST_MIC || (token_len && !token) ||
	    (mic_len && !mic) || token_len > S32_MAX / 4 ||
	    mic_len > S32_MAX / 4)
		return -EINVAL;
	if (size < kcifsd_spnego_resp_size(supported_mech, token_len, mic_len))
		return -ENOSPC;
	seq = resp_seq_len(supported_mech, token_len, mic_len);

	off += der_put_hdr(buf + off, DER_CONTEXT(1), der_size(seq));
	off += der_put_hdr(buf + off, DER_SEQUENCE, seq);
	off += der_put_hdr(buf + off, DER_CONTEXT(0), der_size(1));
	off += der_put_hdr(buf + off, DER_ENUMERATED, 1);
	buf[off++] = state;
	if (supported_mech) {
		off += der_put_hdr(buf + off, DER_CONTEXT(1),
				   der_size(sizeof(ntlmssp_oid)));
		off += der_put_hdr(buf + off, DER_OID, sizeof(ntlmssp_oid));
		memcpy(buf + off, ntlmssp_oid, sizeof(ntlmssp_oid));
		off += sizeof(ntlmssp_oid);
	}
	if (token_len) {
		off += der_put_hdr(buf + off, DER_CONTEXT(2),
				   der_size(token_len));
		off += der_put_hdr(buf + off, DER_OCTET_STRING, token_len);
		memcpy(buf + off, token, token_len);
		off += token_len;
	}
	if (mic_len) {
		off += der_put_hdr(buf + off, DER_CONTEXT(3),
				   der_size(mic_len));
		off += der_put_hdr(buf + off, DER_OCTET_STRING, mic_len);
		memcpy(buf + off, mic, mic_len);
		off += mic_len;
	}
	return off;
}
