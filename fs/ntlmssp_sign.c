// SPDX-License-Identifier: GPL-2.0-only
/*
 * NTLMSSP message signatures with extended session security (MS-NLMP
 * 3.4.4.2) for the SPNEGO mechListMIC; see fs/ntlmssp_sign.h.
 *
 *   SignKey = MD5(ExportedSessionKey || "session key to <dir> signing key
 *             magic constant\0")                          (3.4.5.2)
 *   SealKey = MD5(ExportedSessionKey[0..n] || "session key to <dir>
 *             sealing key magic constant\0"), n = 16, 7 or 5 bytes for
 *             NEGOTIATE_128, NEGOTIATE_56, neither          (3.4.5.3)
 *   MAC     = 01000000 || Checksum || SeqNum, Checksum =
 *             HMAC_MD5(SignKey, SeqNum || Message)[0..7], RC4-encrypted
 *             with a handle keyed by SealKey under KEY_EXCH   (3.4.4.2)
 *
 * <dir> is "server-to-client" for what the server sends and
 * "client-to-server" for what it receives.
 */

#include <crypto/algapi.h>
#include <crypto/arc4.h>
#include <crypto/hash.h>
#include <crypto/md5.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <asm/unaligned.h>

#include "fs/ntlm.h"
#include "fs/ntlmssp.h"
#include "fs/ntlmssp_sign.h"

static const char sign_s2c[] =
	"session key to server-to-client signing key magic constant";
static const char sign_c2s[] =
	"session key to client-to-server signing key magic constant";
static const char seal_s2c[] =
	"session key to server-to-client sealing key magic constant";
static const char seal_c2s[] =
	"session key to client-to-server sealing key magic constant";

/* MD5(@key[0..@key_len] || @magic, its NUL included) */
static int md5_key(struct crypto_shash *md5, const u8 *key, u32 key_len,
		   const char *magic, u8 *out)
{
	SHASH_DESC_ON_STACK(desc, md5);
	int rc;

	desc->tfm = md5;
	rc = crypto_shash_init(desc);
	if (!rc)
		rc = crypto_shash_update(desc, key, key_len);
	if (!rc)
		rc = crypto_shash_update(desc, magic, strlen(magic) + 1);
	if (!rc)
		rc = crypto_shash_final(desc, out);
	shash_desc_zero(desc);
	return rc;
}

/**
 * kcifsd_ntlmssp_sign_keys() - SIGNKEY and SEALKEY of one direction
 * @session_key: the ExportedSessionKey, 16 bytes
 * @flags: the NegotiateFlags in effect
 * @server: the server-to-client keys, else client-to-server
 * @sign_key: out, 16 bytes
 * @seal_key: out, 16 bytes
 *
 * MS-NLMP 3.4.5.2 and 3.4.5.3, for extended session security only.
 *
 * Return: 0, -EOPNOTSUPP without extended session security, or a crypto
 * API error.
 */
int kcifsd_ntlmssp_sign_keys(const u8 *session_key, u32 flags, bool server,
			     u8 *sign_key, u8 *seal_key)
{
	struct crypto_shash *md5;
	u32 seal_len = 5;
	int rc;

	if (!(flags & NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY))
		return -EOPNOTSUPP;
	if (flags & NTLMSSP_NEGOTIATE_128)
		seal_len = KCIFSD_NTLM_KEY_SIZE;
	else if (flags & NTLMSSP_NEGOTIATE_56)
		seal_len = 7;

	md5 = crypto_alloc_shash("md5", 0, 0);
	if (IS_ERR(md5))
		return PTR_ERR(md5);
	rc = md5_key(md5, session_key, KCIFSD_NTLM_KEY_SIZE,
		     server ? sign_s2c : sign_c2s, sign_key);
	if (!rc)
		rc = md5_key(md5, session_key, seal_len,
			     server ? seal_s2c : seal_c2s, seal_key);
	crypto_free_shash(md5);
	return rc;
}

/**
 * kcifsd_ntlmssp_mic() - the NTLMSSP MAC of a message, sequence number 0
 * @session_key: the ExportedSessionKey, 16 bytes
 * @flags: the NegotiateFlags in effect
 * @server: signed by the server (server-to-client keys)
 * @data: the message (for SPNEGO: the DER MechTypeList)
 * @len: its length
 * @mic: out, KCIFSD_NTLMSSP_MAC_SIZE bytes
 *
 * The first message of its direction: sequence number 0 and a fresh RC4
 * handle (MS-NLMP 3.4.4.2).
 *
 * Return: 0, -EOPNOTSUPP without extended session security, or a crypto
 * API error.
 */
int kcifsd_ntlmssp_mic(const u8 *session_key, u32 flags, bool server,
		       const u8 *data, u32 len, u8 *mic)
{
	u8 sign_key[KCIFSD_NTLM_KEY_SIZE], seal_key[KCIFSD_NTLM_KEY_SIZE];
	u8 seq[4] = {}, digest[MD5_DIGEST_SIZE];
	struct kvec v[2] = {
		{ .iov_base = seq, .iov_len = sizeof(seq) },
		{ .iov_base = (void *)data, .iov_len = len },
	};
	struct arc4_ctx rc4;
	int rc;

	rc = kcifsd_ntlmssp_sign_keys(session_key, flags, server, sign_key,
				      seal_key);
	if (!rc)
		rc = kcifsd_ntlm_hmac_md5(sign_key, sizeof(sign_key), v,
					  ARRAY_SIZE(v), digest);
	if (rc)
		goto out;
	put_unaligned_le32(1, mic);
	memcpy(mic + 4, digest, 8);
	if (flags & NTLMSSP_NEGOTIATE_KEY_EXCH) {
		arc4_setkey(&rc4, seal_key, sizeof(seal_key));
		arc4_crypt(&rc4, mic + 4, mic + 4, 8);
		memzero_explicit(&rc4, sizeof(rc4));
	}
	memcpy(mic + 12, seq, sizeof(seq));
out:
	memzero_explicit(sign_key, sizeof(sign_key));
	memzero_explicit(seal_key, sizeof(seal_key));
	memzero_explicit(digest, sizeof(digest));
	return rc;
}

/**
 * kcifsd_ntlmssp_mic_check() - verify the client's MAC of a message
 * @session_key: the ExportedSessionKey, 16 bytes
 * @flags: the NegotiateFlags in effect
 * @data: the message
 * @len: its length
 * @mic: the client's MAC
 * @mic_len: its length
 *
 * Compared in constant time with what the client-to-server keys give for
 * sequence number 0.
 *
 * Return: 0 if it matches, -EACCES if not (or of the wrong length),
 * -EOPNOTSUPP without extended session security, or a crypto API error.
 */
int kcifsd_ntlmssp_mic_check(const u8 *session_key, u32 flags,
			     const u8 *data, u32 len, const u8 *mic,
			     u32 mic_len)
{
	u8 want[KCIFSD_NTLMSSP_MAC_SIZE];
	int rc;

	if (mic_len != KCIFSD_NTLMSSP_MAC_SIZE)
		return -EACCES;
	rc = kcifsd_ntlmssp_mic(session_key, flags, false, data, len, want);
	if (!rc && crypto_memneq(want, mic, sizeof(want)))
		rc = -EACCES;
	memzero_explicit(want, sizeof(want));
	return rc;
}
