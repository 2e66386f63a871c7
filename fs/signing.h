/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB1 message signing (MS-CIFS 3.1.4.1, 3.1.5.1): the 8-byte MAC in
 * SMB_Header.SecuritySignature. Sequence numbers are the caller's
 * (MS-CIFS 3.3.5.2.3, 3.3.4.1).
 */
#ifndef _KCIFSD_SIGNING_H
#define _KCIFSD_SIGNING_H

#include <linux/bvec.h>
#include <linux/types.h>

struct crypto_shash;

#define KCIFSD_SIGN_MAC_SIZE	8
/* SMB_Header (MS-CIFS 2.2.3.1): Flags2 at 10, SecuritySignature at 14 */
#define KCIFSD_SIGN_HDR_SIZE	32
#define KCIFSD_SIGN_FLAGS2_OFF	10
#define KCIFSD_SIGN_SIG_OFF	14

/**
 * struct kcifsd_sign_key - a connection's signing key
 * @md5: MD5 transform allocated with the key, so signing a message does
 *	no algorithm lookup; MD5 is unkeyed, so concurrent signers share it,
 *	each with its own descriptor on the stack
 * @key: Connection.SigningSessionKey || Connection.SigningChallengeResponse
 *	(MS-CIFS 3.3.1.2); with extended security the response is empty and
 *	the key is the session key alone (MS-SMB 3.3.5.3)
 * @len: bytes in @key
 *
 * Set once, when signing starts (MS-CIFS 3.3.5.43), and destroyed with the
 * connection.
 */
struct kcifsd_sign_key {
	struct crypto_shash *md5;
	u8 *key;
	u32 len;
};

int kcifsd_sign_key_init(struct kcifsd_sign_key *sk, const u8 *session_key,
			 const u8 *resp, u32 resp_len);
void kcifsd_sign_key_destroy(struct kcifsd_sign_key *sk);

int kcifsd_sign_mac(const struct kcifsd_sign_key *sk, u32 seq,
		    const u8 *msg, u32 len, const struct bio_vec *data,
		    unsigned int nr_data, u8 *mac);
int kcifsd_sign_reply(const struct kcifsd_sign_key *sk, u32 seq, u8 *msg,
		      u32 len, const struct bio_vec *data,
		      unsigned int nr_data);
int kcifsd_sign_verify(const struct kcifsd_sign_key *sk, u32 seq,
		       const u8 *msg, u32 len);

#endif /* _KCIFSD_SIGNING_H */
