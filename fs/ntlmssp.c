// SPDX-License-Identifier: GPL-2.0-only
/*
 * NTLMSSP server side (MS-NLMP 3.2.5.1): parse the client's NEGOTIATE,
 * build the CHALLENGE with its TargetInfo AV pairs, parse and verify the
 * AUTHENTICATE (responses through fs/ntlm.c, key exchange, MIC).
 *
 * Every Len/Offset pair is checked against the message before use, in
 * u32 arithmetic that cannot wrap (len > size - offset, never
 * offset + len > size), and payload may not overlap the fixed header.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <crypto/algapi.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/nls.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uio.h>
#include <asm/unaligned.h>

#include "fs/ntlmssp.h"

static const u8 ntlmssp_signature[KCIFSD_NTLMSSP_SIGNATURE_SIZE] = "NTLMSSP";

/*
 * VERSION (MS-NLMP 2.2.2.10) announced when the client asks for it:
 * 6.1 build 7601, NTLMSSP_REVISION_W2K3. Clients only log it.
 */
static const u8 ntlmssp_version[8] = { 6, 1, 0xb1, 0x1d, 0, 0, 0, 0x0f };

/* Flags echoed back when the client asks (MS-NLMP 3.2.5.1.1). */
#define ECHOED_FLAGS (NTLMSSP_NEGOTIATE_SIGN | NTLMSSP_NEGOTIATE_SEAL | \
		      NTLMSSP_NEGOTIATE_ALWAYS_SIGN | \
		      NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | \
		      NTLMSSP_NEGOTIATE_128 | NTLMSSP_NEGOTIATE_56 | \
		      NTLMSSP_NEGOTIATE_KEY_EXCH | NTLMSSP_NEGOTIATE_VERSION)

/* FILETIME of the Unix epoch, in 100 ns units since 1601 */
#define FILETIME_UNIX_EPOCH	116444736000000000ULL

/* NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1) up to WorkstationFields */
struct ntlmssp_negotiate_msg {
	u8 signature[KCIFSD_NTLMSSP_SIGNATURE_SIZE];
	__le32 type;
	__le32 flags;
	struct kcifsd_ntlmssp_field domain;
	struct kcifsd_ntlmssp_field workstation;
} __packed;

static bool ntlmssp_header_ok(const u8 *msg, u32 len, u32 min, u32 type)
{
	return msg && len >= min && len <= KCIFSD_NTLMSSP_MAX_MSG &&
	       !memcmp(msg, ntlmssp_signature, sizeof(ntlmssp_signature)) &&
	       get_unaligned_le32(msg + KCIFSD_NTLMSSP_SIGNATURE_SIZE) == type;
}

/*
 * Resolve a Len/MaxLen/Offset triple. Empty fields give NULL whatever
 * their offset (clients put anything there). Data must lie inside the
 * message and not before @min_off, the end of the fixed part.
 */
static int ntlmssp_field(const u8 *msg, u32 len,
			 const struct kcifsd_ntlmssp_field *f, u32 min_off,
			 const u8 **data, u32 *data_len)
{
	u32 flen = le16_to_cpu(f->len);
	u32 off = le32_to_cpu(f->offset);

	*data = NULL;
	*data_len = 0;
	if (!flen)
		return 0;
	if (off < min_off || off > len || flen > len - off)
		return -EINVAL;
	*data = msg + off;
	*data_len = flen;
	return 0;
}

/**
 * kcifsd_ntlmssp_negotiate() - accept a client's NEGOTIATE_MESSAGE
 * @st: the logon's state (zeroed, or from an earlier attempt)
 * @msg: the message (MS-NLMP 2.2.1.1)
 * @len: its length
 *
 * Checks the header and, when the message is long enough to carry them,
 * the DomainName and Workstation fields (which are otherwise unused), and
 * keeps a copy for the MIC. The client must offer Unicode or OEM strings.
 *
 * Return: 0, -EINVAL for a malformed message, or -ENOMEM.
 */
int kcifsd_ntlmssp_negotiate(struct kcifsd_ntlmssp_state *st,
			     const u8 *msg, u32 len)
{
	const struct ntlmssp_negotiate_msg *neg = (const void *)msg;
	const u8 *data;
	u32 flags, dlen;
	u8 *copy;

	if (!ntlmssp_header_ok(msg, len, KCIFSD_NTLMSSP_NEGOTIATE_MIN,
			       KCIFSD_NTLMSSP_NEGOTIATE))
		goto bad;
	flags = le32_to_cpu(neg->flags);
	if (!(flags & (NTLMSSP_NEGOTIATE_UNICODE | NTLM_NEGOTIATE_OEM)))
		goto bad;
	if (len >= sizeof(*neg) &&
	    (ntlmssp_field(msg, len, &neg->domain, sizeof(*neg), &data,
			   &dlen) ||
	     ntlmssp_field(msg, len, &neg->workstation, sizeof(*neg), &data,
			   &dlen)))
		goto bad;

	copy = kmemdup(msg, len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	kfree(st->negotiate);
	st->negotiate = copy;
	st->negotiate_len = len;
	st->client_flags = flags;
	return 0;
bad:
	pr_debug_ratelimited("malformed NTLMSSP NEGOTIATE (%u bytes)\n", len);
	return -EINVAL;
}

/* MS-NLMP 3.2.5.1.1: what this server supports of what the client asked. */
static u32 ntlmssp_choose_flags(u32 client)
{
	u32 flags = NTLMSSP_NEGOTIATE_NTLM | NTLMSSP_NEGOTIATE_TARGET_INFO;

	if (client & NTLMSSP_NEGOTIATE_UNICODE)
		flags |= NTLMSSP_NEGOTIATE_UNICODE;
	else
		flags |= NTLM_NEGOTIATE_OEM;
	if (client & NTLMSSP_REQUEST_TARGET)
		flags |= NTLMSSP_REQUEST_TARGET | NTLMSSP_TARGET_TYPE_SERVER;
	return flags | (client & ECHOED_FLAGS);
}

static bool target_name_ok(const char *name, bool required)
{
	if (!name || !*name)
		return !required;
	return strnlen(name, KCIFSD_NTLMSSP_MAX_TARGET + 1) <=
	       KCIFSD_NTLMSSP_MAX_TARGET;
}

/* UTF-8 @name as UTF-16LE at @p (2-byte aligned); returns bytes or error */
static int put_utf16(u8 *p, const char *name)
{
	int n;

	n = utf8s_to_utf16s(name, strlen(name), UTF16_LITTLE_ENDIAN,
			    (wchar_t *)p, KCIFSD_NTLMSSP_MAX_TARGET);
	return n < 0 ? -EINVAL : 2 * n;
}

/* One AV_PAIR holding a name, at @p; returns bytes written or error */
static int put_av_name(u8 *p, u16 id, const char *name)
{
	int n;

	if (!name || !*name)
		return 0;
	n = put_utf16(p + 4, name);
	if (n < 0)
		return n;
	put_unaligned_le16(id, p);
	put_unaligned_le16(n, p + 2);
	return 4 + n;
}

static u64 filetime_now(void)
{
	return div_u64(ktime_get_real_ns(), 100) + FILETIME_UNIX_EPOCH;
}

/**
 * kcifsd_ntlmssp_challenge() - build the CHALLENGE_MESSAGE
 * @st: the logon's state, after kcifsd_ntlmssp_negotiate()
 * @target: the server's names, and test overrides
 * @msg: set to the message, owned by @st (valid until the next call or
 *	kcifsd_ntlmssp_state_free())
 * @len: set to its length
 *
 * MS-NLMP 3.2.5.1.1. Flags: NTLM and TARGET_INFO always; UNICODE if the
 * client offers it, else OEM; REQUEST_TARGET with TARGET_TYPE_SERVER and
 * the NetBIOS computer name as TargetName if asked; SIGN, SEAL,
 * ALWAYS_SIGN, EXTENDED_SESSIONSECURITY, 128, 56, KEY_EXCH and VERSION
 * echoed; never LM_KEY, DATAGRAM or IDENTIFY. TargetInfo: MsvAvNbDomainName,
 * MsvAvNbComputerName, MsvAvDnsDomainName, MsvAvDnsComputerName (when
 * given), MsvAvTimestamp, MsvAvEOL.
 *
 * Return: 0, -EINVAL if no NEGOTIATE was accepted or a name is missing,
 * too long or not UTF-8, or -ENOMEM.
 */
int kcifsd_ntlmssp_challenge(struct kcifsd_ntlmssp_state *st,
			     const struct kcifsd_ntlmssp_target *target,
			     const u8 **msg, u32 *len)
{
	const u32 name_max = 2 * KCIFSD_NTLMSSP_MAX_TARGET;
	/* TargetInfo in the order Windows sends it; NetBIOS names required */
	const struct { u16 id; const char *name; bool required; } names[] = {
		{ NTLMSSP_AV_NB_DOMAIN_NAME, target->nb_domain, true },
		{ NTLMSSP_AV_NB_COMPUTER_NAME, target->nb_computer, true },
		{ NTLMSSP_AV_DNS_DOMAIN_NAME, target->dns_domain, false },
		{ NTLMSSP_AV_DNS_COMPUTER_NAME, target->dns_computer, false },
	};
	struct kcifsd_ntlmssp_challenge_msg *hdr;
	u32 flags, off, ti_off, size, i;
	u8 *buf;
	int n;

	if (!st->negotiate)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!target_name_ok(names[i].name, names[i].required))
			return -EINVAL;

	/* TargetName, a pad byte, the name pairs, timestamp and EOL */
	size = sizeof(*hdr) + name_max + 1 +
	       ARRAY_SIZE(names) * (4 + name_max) + 12 + 4;
	buf = kzalloc(size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	hdr = (void *)buf;
	flags = ntlmssp_choose_flags(st->client_flags);

	memcpy(hdr->signature, ntlmssp_signature, sizeof(hdr->signature));
	hdr->type = cpu_to_le32(KCIFSD_NTLMSSP_CHALLENGE);
	hdr->flags = cpu_to_le32(flags);
	if (target->challenge)
		memcpy(hdr->server_challenge, target->challenge,
		       sizeof(hdr->server_challenge));
	else
		get_random_bytes(hdr->server_challenge,
				 sizeof(hdr->server_challenge));
	if (flags & NTLMSSP_NEGOTIATE_VERSION)
		memcpy(hdr->version, ntlmssp_version, sizeof(hdr->version));

	off = sizeof(*hdr);
	if (flags & NTLMSSP_REQUEST_TARGET) {
		if (flags & NTLMSSP_NEGOTIATE_UNICODE) {
			n = put_utf16(buf + off, target->nb_computer);
			if (n < 0)
				goto bad;
		} else {
			n = strlen(target->nb_computer);
			memcpy(buf + off, target->nb_computer, n);
		}
		hdr->target_name.len = cpu_to_le16(n);
		hdr->target_name.max_len = cpu_to_le16(n);
		off += n;
	}
	hdr->target_name.offset = cpu_to_le32(sizeof(*hdr));
	off = ALIGN(off, 2);	/* keep the UTF-16 of the AV pairs aligned */

	ti_off = off;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		n = put_av_name(buf + off, names[i].id, names[i].name);
		if (n < 0)
			goto bad;
		off += n;
	}
	put_unaligned_le16(NTLMSSP_AV_TIMESTAMP, buf + off);
	put_unaligned_le16(8, buf + off + 2);
	put_unaligned_le64(target->timestamp ?: filetime_now(), buf + off + 4);
	off += 12;
	off += 4;		/* MsvAvEOL: AvId 0, AvLen 0 (already zero) */
	hdr->target_info.len = cpu_to_le16(off - ti_off);
	hdr->target_info.max_len = cpu_to_le16(off - ti_off);
	hdr->target_info.offset = cpu_to_le32(ti_off);

	kfree(st->challenge);
	st->challenge = buf;
	st->challenge_len = off;
	st->flags = flags;
	memcpy(st->server_challenge, hdr->server_challenge,
	       sizeof(st->server_challenge));
	*msg = buf;
	*len = off;
	return 0;
bad:
	kfree(buf);
	return -EINVAL;
}

/**
 * kcifsd_ntlmssp_av_find() - find an AV_PAIR (MS-NLMP 2.2.2.1)
 * @av: the pairs (TargetInfo, or an NTLMv2 response's AvPairs)
 * @len: bytes at @av
 * @id: the AvId wanted (not MsvAvEOL)
 * @val: set to its Value
 * @val_len: set to its AvLen
 *
 * Stops at MsvAvEOL; bytes after it are not looked at.
 *
 * Return: 0 if found, -ENOENT if not, -EINVAL if a pair runs past @len
 * or the list ends in a fragment of a pair header.
 */
int kcifsd_ntlmssp_av_find(const u8 *av, u32 len, u16 id, const u8 **val,
			   u16 *val_len)
{
	u32 off = 0;

	while (len - off >= 4) {
		u16 av_id = get_unaligned_le16(av + off);
		u16 av_len = get_unaligned_le16(av + off + 2);

		off += 4;
		if (av_len > len - off)
			return -EINVAL;
		if (av_id == NTLMSSP_AV_EOL)
			return -ENOENT;
		if (av_id == id) {
			*val = av + off;
			*val_len = av_len;
			return 0;
		}
		off += av_len;
	}
	return off == len ? -ENOENT : -EINVAL;
}

/* MsvAvFlags of an NTLMv2 response: is there a MIC? (MS-NLMP 3.2.5.1.2) */
static int ntlmv2_has_mic(const u8 *nt, u32 nt_len, bool *has_mic)
{
	const u32 av_off = KCIFSD_NTLMV2_PROOF_SIZE + KCIFSD_NTLMV2_BLOB_HDR_SIZE;
	const u8 *val;
	u16 val_len;
	int rc;

	*has_mic = false;
	if (nt_len <= KCIFSD_NTLM_V1_RESP_SIZE)
		return 0;	/* not NTLMv2 */
	if (nt_len < av_off)
		return -EINVAL;
	rc = kcifsd_ntlmssp_av_find(nt + av_off, nt_len - av_off,
				    NTLMSSP_AV_FLAGS, &val, &val_len);
	if (rc == -ENOENT)
		return 0;
	if (rc)
		return rc;
	if (val_len != 4)
		return -EINVAL;
	*has_mic = get_unaligned_le32(val) & NTLMSSP_AV_FLAG_MIC_PRESENT;
	return 0;
}

static int ntlmssp_auth_fields(const u8 *msg, u32 len, u32 min_off,
			       struct kcifsd_ntlmssp_auth *auth)
{
	const struct kcifsd_ntlmssp_auth_msg *h = (const void *)msg;

	if (ntlmssp_field(msg, len, &h->lm, min_off, &auth->lm,
			  &auth->lm_len) ||
	    ntlmssp_field(msg, len, &h->nt, min_off, &auth->nt,
			  &auth->nt_len) ||
	    ntlmssp_field(msg, len, &h->domain, min_off, &auth->domain,
			  &auth->domain_len) ||
	    ntlmssp_field(msg, len, &h->user, min_off, &auth->user,
			  &auth->user_len) ||
	    ntlmssp_field(msg, len, &h->workstation, min_off,
			  &auth->workstation, &auth->workstation_len) ||
	    ntlmssp_field(msg, len, &h->enc_key, min_off, &auth->enc_key,
			  &auth->enc_key_len))
		return -EINVAL;
	return 0;
}

static bool name_len_ok(u32 len, bool unicode)
{
	return len <= KCIFSD_NTLM_MAX_NAME && !(unicode && (len & 1));
}

/**
 * kcifsd_ntlmssp_parse_authenticate() - decode an AUTHENTICATE_MESSAGE
 * @msg: the message (MS-NLMP 2.2.1.3)
 * @len: its length
 * @auth: the result; its pointers point into @msg
 *
 * Validates every field against the message, the name lengths (at most
 * KCIFSD_NTLM_MAX_NAME bytes, even for UTF-16), the session key length
 * (0 or 16) and an NTLMv2 response's AV pairs, and finds out whether a
 * MIC is present (it then lies at KCIFSD_NTLMSSP_AUTH_MIC_OFF and no
 * payload may overlap it). Nothing is verified yet: look the user up,
 * then call kcifsd_ntlmssp_authenticate().
 *
 * Return: 0, or -EINVAL for a malformed message.
 */
int kcifsd_ntlmssp_parse_authenticate(const u8 *msg, u32 len,
				      struct kcifsd_ntlmssp_auth *auth)
{
	const struct kcifsd_ntlmssp_auth_msg *h = (const void *)msg;
	const u32 mic_end = KCIFSD_NTLMSSP_AUTH_MIC_OFF +
			    KCIFSD_NTLMSSP_MIC_SIZE;

	memset(auth, 0, sizeof(*auth));
	if (!ntlmssp_header_ok(msg, len, KCIFSD_NTLMSSP_AUTH_MIN,
			       KCIFSD_NTLMSSP_AUTHENTICATE))
		goto bad;
	auth->flags = le32_to_cpu(h->flags);
	auth->unicode = auth->flags & NTLMSSP_NEGOTIATE_UNICODE;
	if (ntlmssp_auth_fields(msg, len, KCIFSD_NTLMSSP_AUTH_MIN, auth))
		goto bad;
	if (!name_len_ok(auth->user_len, auth->unicode) ||
	    !name_len_ok(auth->domain_len, auth->unicode) ||
	    !name_len_ok(auth->workstation_len, auth->unicode) ||
	    (auth->enc_key_len && auth->enc_key_len != KCIFSD_NTLM_KEY_SIZE))
		goto bad;
	if (ntlmv2_has_mic(auth->nt, auth->nt_len, &auth->has_mic))
		goto bad;
	if (auth->has_mic &&
	    (len < mic_end || ntlmssp_auth_fields(msg, len, mic_end, auth)))
		goto bad;

	auth->anonymous = !auth->user_len && !auth->nt_len &&
			  (!auth->lm_len ||
			   (auth->lm_len == 1 && !auth->lm[0]));
	return 0;
bad:
	memset(auth, 0, sizeof(*auth));
	pr_debug_ratelimited("malformed NTLMSSP AUTHENTICATE (%u bytes)\n",
			     len);
	return -EINVAL;
}

/*
 * MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE_MESSAGE ||
 * CHALLENGE_MESSAGE || AUTHENTICATE_MESSAGE with the MIC zeroed)
 * (MS-NLMP 3.2.5.1.2).
 */
static int ntlmssp_check_mic(const struct kcifsd_ntlmssp_state *st,
			     const u8 *msg, u32 len, const u8 *key)
{
	static const u8 zero_mic[KCIFSD_NTLMSSP_MIC_SIZE];
	const u32 mic_end = KCIFSD_NTLMSSP_AUTH_MIC_OFF +
			    KCIFSD_NTLMSSP_MIC_SIZE;
	u8 mic[KCIFSD_NTLMSSP_MIC_SIZE];
	struct kvec v[5] = {
		{ .iov_base = st->negotiate, .iov_len = st->negotiate_len },
		{ .iov_base = st->challenge, .iov_len = st->challenge_len },
		{ .iov_base = (void *)msg,
		  .iov_len = KCIFSD_NTLMSSP_AUTH_MIC_OFF },
		{ .iov_base = (void *)zero_mic, .iov_len = sizeof(zero_mic) },
		{ .iov_base = (void *)(msg + mic_end), .iov_len = len - mic_end },
	};
	int rc;

	if (len < mic_end)
		return -EINVAL;
	rc = kcifsd_ntlm_hmac_md5(key, KCIFSD_NTLM_KEY_SIZE, v, ARRAY_SIZE(v),
				  mic);
	if (!rc && crypto_memneq(mic, msg + KCIFSD_NTLMSSP_AUTH_MIC_OFF,
				 sizeof(mic)))
		rc = -EACCES;
	memzero_explicit(mic, sizeof(mic));
	return rc;
}

/**
 * kcifsd_ntlmssp_authenticate() - verify an AUTHENTICATE_MESSAGE
 * @st: the logon's state, after kcifsd_ntlmssp_challenge()
 * @msg: the message
 * @len: its length
 * @auth: @msg as parsed by kcifsd_ntlmssp_parse_authenticate()
 * @nt_hash: the account's NT hash from the helper
 * @lm_hash: its LM hash, or NULL
 * @pol: which schemes besides NTLMv2 are acceptable
 * @res: on success, the scheme and the exported session key
 *
 * MS-NLMP 3.2.5.1.2: the flags in effect are those both sides agreed on
 * (the server's choice masked by the client's final flags). Responses are
 * verified by kcifsd_ntlm_authenticate() with extended session security
 * if agreed; the ExportedSessionKey is RC4K(KeyExchangeKey,
 * EncryptedRandomSessionKey) when KEY_EXCH and SIGN or SEAL are in
 * effect, else the KeyExchangeKey; a MIC, when announced, must match.
 * Anonymous logons (@auth->anonymous) are the caller's to handle first.
 *
 * Return: 0 on success; -EACCES for wrong responses or a wrong MIC
 * (logon failure); -EINVAL for a message that does not fit this logon
 * (no CHALLENGE sent, a missing session key); -ENOMEM or a crypto error.
 */
int kcifsd_ntlmssp_authenticate(const struct kcifsd_ntlmssp_state *st,
				const u8 *msg, u32 len,
				const struct kcifsd_ntlmssp_auth *auth,
				const u8 *nt_hash, const u8 *lm_hash,
				const struct kcifsd_ntlm_policy *pol,
				struct kcifsd_ntlmssp_result *res)
{
	struct kcifsd_ntlm_request req = {};
	struct kcifsd_ntlm_result nres;
	u32 flags = st->flags & auth->flags;
	bool key_exch;
	int rc;

	memset(res, 0, sizeof(*res));
	if (!st->challenge || !st->negotiate)
		return -EINVAL;
	key_exch = (flags & NTLMSSP_NEGOTIATE_KEY_EXCH) &&
		   (flags & (NTLMSSP_NEGOTIATE_SIGN | NTLMSSP_NEGOTIATE_SEAL));
	if (key_exch && auth->enc_key_len != KCIFSD_NTLM_KEY_SIZE)
		return -EINVAL;

	req.user = auth->user;
	req.user_len = auth->user_len;
	req.domain = auth->domain;
	req.domain_len = auth->domain_len;
	req.unicode = auth->unicode;
	req.server_challenge = st->server_challenge;
	req.ess = flags & NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY;
	req.lm_resp = auth->lm;
	req.lm_len = auth->lm_len;
	req.nt_resp = auth->nt;
	req.nt_len = auth->nt_len;
	rc = kcifsd_ntlm_authenticate(&req, nt_hash, lm_hash, pol, &nres);
	if (rc)
		return rc;

	rc = kcifsd_ntlm_exported_session_key(nres.key_exchange_key,
					      key_exch ? auth->enc_key : NULL,
					      key_exch ? auth->enc_key_len : 0,
					      res->session_key);
	if (!rc && auth->has_mic)
		rc = ntlmssp_check_mic(st, msg, len, res->session_key);
	if (rc)
		memzero_explicit(res->session_key, sizeof(res->session_key));
	else
		res->scheme = nres.scheme;
	kcifsd_ntlm_result_wipe(&nres);
	return rc;
}

/**
 * kcifsd_ntlmssp_state_free() - release a logon's state
 * @st: the state, left zeroed and reusable
 */
void kcifsd_ntlmssp_state_free(struct kcifsd_ntlmssp_state *st)
{
	kfree(st->negotiate);
	kfree(st->challenge);
	memzero_explicit(st, sizeof(*st));
}
