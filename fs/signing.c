// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SMB1 MAC (MS-CIFS 3.1.4.1 sending, 3.1.5.1 receiving):
 *
 *   MD5(SigningSessionKey || SigningChallengeResponse || message), first
 *   8 bytes, with the 32-bit sequence number (little-endian) and four zero
 *   bytes standing in the SecuritySignature field while hashing.
 *
 * The message is hashed in place: the signature field is skipped and its
 * stand-in fed separately, so verifying never writes to a request.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/md5.h>
#include <linux/err.h>
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/ntlm.h"
#include "fs/signing.h"

#define SMB_FLAGS2_SMB_SECURITY_SIGNATURE	0x0004

/**
 * kcifsd_sign_key_init() - set up a connection's signing key
 * @sk: the key to fill in
 * @session_key: SigningSessionKey, 16 bytes (MS-CIFS 3.3.5.43: shorter
 *	keys are already zero-padded by fs/ntlm.c)
 * @resp: SigningChallengeResponse: the LM or NT response that verified,
 *	for non-extended logons; NULL with extended security (MS-SMB 3.3.5.3)
 * @resp_len: its length in bytes, 0 with extended security
 *
 * May sleep.
 *
 * Return: 0, -ENOMEM, or a crypto API error.
 */
int kcifsd_sign_key_init(struct kcifsd_sign_key *sk, const u8 *session_key,
			 const u8 *resp, u32 resp_len)
{
	sk->len = KCIFSD_NTLM_KEY_SIZE + resp_len;
	sk->key = kmalloc(sk->len, GFP_KERNEL);
	if (!sk->key)
		return -ENOMEM;
	memcpy(sk->key, session_key, KCIFSD_NTLM_KEY_SIZE);
	if (resp_len)
		memcpy(sk->key + KCIFSD_NTLM_KEY_SIZE, resp, resp_len);

	sk->md5 = crypto_alloc_shash("md5", 0, 0);
	if (IS_ERR(sk->md5)) {
		int rc = PTR_ERR(sk->md5);

		sk->md5 = NULL;
		kcifsd_sign_key_destroy(sk);
		return rc;
	}
	return 0;
}

/**
 * kcifsd_sign_key_destroy() - wipe and free a signing key
 * @sk: the key; safe on a zeroed or already destroyed key
 */
void kcifsd_sign_key_destroy(struct kcifsd_sign_key *sk)
{
	kfree_sensitive(sk->key);
	sk->key = NULL;
	sk->len = 0;
	if (sk->md5)
		crypto_free_shash(sk->md5);
	sk->md5 = NULL;
}

/* Feed file data pages; a bio_vec may span several pages. */
static int hash_bvecs(struct shash_desc *desc, const struct bio_vec *bv,
		      unsigned int nr)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; !rc && i < nr; i++) {
		size_t off = bv[i].bv_offset, left = bv[i].bv_len;

		while (!rc && left) {
			struct page *page = bv[i].bv_page + (off >> PAGE_SHIFT);
			size_t poff = offset_in_page(off);
			size_t n = min_t(size_t, left, PAGE_SIZE - poff);
			u8 *p = kmap_local_page(page);

			rc = crypto_shash_update(desc, p + poff, n);
			kunmap_local(p);
			off += n;
			left -= n;
		}
	}
	return rc;
}

/**
 * kcifsd_sign_mac() - compute the MAC of a message, MS-CIFS 3.1.4.1
 * @sk: the connection's signing key
 * @seq: the sequence number this message is signed with
 * @msg: the message from the SMB_Header on (no transport framing)
 * @len: bytes at @msg, at least the 32-byte header
 * @data: file data sent after @msg (READ replies), or NULL
 * @nr_data: entries in @data
 * @mac: the 8-byte signature
 *
 * @msg is not modified: its SecuritySignature field is hashed as @seq
 * (little-endian) followed by four zero bytes, whatever it holds.
 *
 * Return: 0, -EINVAL if @len is shorter than an SMB header or the key is
 * not set up, or a crypto API error.
 */
int kcifsd_sign_mac(const struct kcifsd_sign_key *sk, u32 seq,
		    const u8 *msg, u32 len, const struct bio_vec *data,
		    unsigned int nr_data, u8 *mac)
{
	u8 digest[MD5_DIGEST_SIZE];
	u8 seqsig[KCIFSD_SIGN_MAC_SIZE] = {};
	const u32 after = KCIFSD_SIGN_SIG_OFF + KCIFSD_SIGN_MAC_SIZE;
	int rc;

	if (len < KCIFSD_SIGN_HDR_SIZE || !sk->md5 || !sk->key)
		return -EINVAL;

	put_unaligned_le32(seq, seqsig);
	{
		SHASH_DESC_ON_STACK(desc, sk->md5);

		desc->tfm = sk->md5;
		rc = crypto_shash_init(desc);
		if (!rc)
			rc = crypto_shash_update(desc, sk->key, sk->len);
		if (!rc)
			rc = crypto_shash_update(desc, msg, KCIFSD_SIGN_SIG_OFF);
		if (!rc)
			rc = crypto_shash_update(desc, seqsig, sizeof(seqsig));
		if (!rc)
			rc = crypto_shash_update(desc, msg + after, len - after);
		if (!rc)
			rc = hash_bvecs(desc, data, nr_data);
		if (!rc)
			rc = crypto_shash_final(desc, digest);
		shash_desc_zero(desc);
	}
	if (!rc)
		memcpy(mac, digest, KCIFSD_SIGN_MAC_SIZE);
	memzero_explicit(digest, sizeof(digest));
	return rc;
}

/**
 * kcifsd_sign_reply() - sign an outgoing message, MS-CIFS 3.1.4.1
 * @sk: the connection's signing key
 * @seq: ServerSendSequenceNumber[PID,MID] of the request answered
 * @msg: the reply from the SMB_Header on, complete except the signature
 * @len: bytes at @msg
 * @data: file data sent after @msg, or NULL
 * @nr_data: entries in @data
 *
 * Sets SMB_FLAGS2_SMB_SECURITY_SIGNATURE (covered by the MAC, so it is set
 * first) and writes the MAC into SecuritySignature.
 *
 * Return: 0, or an error from kcifsd_sign_mac(); @msg is then unsigned.
 */
int kcifsd_sign_reply(const struct kcifsd_sign_key *sk, u32 seq, u8 *msg,
		      u32 len, const struct bio_vec *data,
		      unsigned int nr_data)
{
	u16 flags2;

	if (len < KCIFSD_SIGN_HDR_SIZE)
		return -EINVAL;
	flags2 = get_unaligned_le16(msg + KCIFSD_SIGN_FLAGS2_OFF);
	put_unaligned_le16(flags2 | SMB_FLAGS2_SMB_SECURITY_SIGNATURE,
			   msg + KCIFSD_SIGN_FLAGS2_OFF);
	return kcifsd_sign_mac(sk, seq, msg, len, data, nr_data,
			       msg + KCIFSD_SIGN_SIG_OFF);
}

/**
 * kcifsd_sign_verify() - check a received message, MS-CIFS 3.1.5.1
 * @sk: the connection's signing key
 * @seq: Server.Connection.ServerNextReceiveSequenceNumber
 * @msg: the request from the SMB_Header on
 * @len: bytes at @msg
 *
 * Compares in constant time. The caller answers a mismatch with
 * STATUS_ACCESS_DENIED or a disconnect (MS-CIFS 3.3.5.2.3).
 *
 * Return: 0 if the signature matches, -EACCES if not, -EINVAL for a
 * message shorter than an SMB header, or a crypto API error.
 */
int kcifsd_sign_verify(const struct kcifsd_sign_key *sk, u32 seq,
		       const u8 *msg, u32 len)
{
	u8 mac[KCIFSD_SIGN_MAC_SIZE];
	int rc;

	rc = kcifsd_sign_mac(sk, seq, msg, len, NULL, 0, mac);
	if (rc)
		return rc;
	if (crypto_memneq(mac, msg + KCIFSD_SIGN_SIG_OFF, sizeof(mac)))
		return -EACCES;
	return 0;
}
