/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NTLM challenge/response verification and session keys (MS-NLMP 3.3,
 * 3.4.5.1), as used by SMB1 SESSION_SETUP_ANDX: directly with the 8-byte
 * NEGOTIATE challenge (MS-CIFS 3.3.5.43) or inside NTLMSSP (fs/ntlmssp.h).
 *
 * The server never sees a password: the helper supplies the account's
 * 16-byte NT hash (NTOWFv1) and, for LM only, its LM hash (LMOWFv1).
 *
 * A non-extended SESSION_SETUP_ANDX, once the account is looked up and an
 * anonymous logon (empty name, no responses) is ruled out, is:
 *
 *   struct kcifsd_ntlm_request req = {
 *           .user/.domain = AccountName/PrimaryDomain as received,
 *           .server_challenge = the NEGOTIATE response's challenge,
 *           .lm_resp = OEMPassword, .nt_resp = UnicodePassword, ... };
 *   rc = kcifsd_ntlm_authenticate(&req, nt_hash, lm_hash, &policy, &res);
 *   Action has SMB_SETUP_USE_LANMAN_KEY iff res.lm_field;
 *   kcifsd_sign_key_init(&key, res.session_key, res.lm_field ?
 *           OEMPassword : UnicodePassword, its length)   (fs/signing.h)
 */
#ifndef _KCIFSD_NTLM_H
#define _KCIFSD_NTLM_H

#include <linux/types.h>
#include <linux/uio.h>

struct nls_table;

#define KCIFSD_NTLM_HASH_SIZE		16	/* NTOWFv1, LMOWFv1, NTOWFv2 */
#define KCIFSD_NTLM_CHALLENGE_SIZE	8
#define KCIFSD_NTLM_V1_RESP_SIZE	24	/* LM, NTLMv1, LMv2 responses */
#define KCIFSD_NTLM_KEY_SIZE		16	/* session keys */
#define KCIFSD_NTLMV2_PROOF_SIZE	16	/* NTProofStr */
/* NTLMv2_CLIENT_CHALLENGE up to and excluding AvPairs (MS-NLMP 2.2.2.7) */
#define KCIFSD_NTLMV2_BLOB_HDR_SIZE	28
/* Longest account or domain name accepted, in bytes as received */
#define KCIFSD_NTLM_MAX_NAME		1024

/**
 * enum kcifsd_ntlm_scheme - which response verified (MS-NLMP 3.3)
 * @KCIFSD_NTLM_NONE: nothing verified
 * @KCIFSD_NTLM_LM: LM response, DESL(LMOWFv1, challenge), LM field
 * @KCIFSD_NTLM_V1: NTLMv1 response, DESL(NTOWFv1, challenge), NT field
 * @KCIFSD_NTLM_V1_ESS: NTLMv1 with extended session security (NTLMSSP
 *	only): DESL(NTOWFv1, MD5(server challenge || client challenge)[0..7])
 * @KCIFSD_NTLM_LMV2: LMv2 response, LM field
 * @KCIFSD_NTLM_V2: NTLMv2 response, NT field
 */
enum kcifsd_ntlm_scheme {
	KCIFSD_NTLM_NONE,
	KCIFSD_NTLM_LM,
	KCIFSD_NTLM_V1,
	KCIFSD_NTLM_V1_ESS,
	KCIFSD_NTLM_LMV2,
	KCIFSD_NTLM_V2,
};

/**
 * struct kcifsd_ntlm_policy - which weaker schemes the caller accepts
 * @allow_lm: LM responses (needs the account's LM hash)
 * @allow_ntlmv1: NTLMv1 responses, with or without extended session
 *	security
 * @allow_lmv2: an LMv2 response alone, when the NT field holds no valid
 *	NTLMv2 response
 *
 * A zeroed policy accepts NTLMv2 only, the default.
 */
struct kcifsd_ntlm_policy {
	bool allow_lm;
	bool allow_ntlmv1;
	bool allow_lmv2;
};

/**
 * struct kcifsd_ntlm_request - one logon attempt, fields as received
 * @user: account name, UTF-16LE without terminator if @unicode, else
 *	OEM bytes; may be empty (anonymous logons never reach this code)
 * @user_len: length of @user in bytes
 * @domain: the client's primary domain (UserDom), same encoding; may be
 *	empty
 * @domain_len: length of @domain in bytes
 * @unicode: @user and @domain are UTF-16LE
 * @oem_cp: code page of OEM names; NULL means Latin-1 (byte = code point)
 * @server_challenge: the 8-byte challenge this server sent (NEGOTIATE
 *	response, or CHALLENGE_MESSAGE.ServerChallenge)
 * @ess: NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY is in effect; always
 *	false for non-extended SESSION_SETUP (MS-CIFS 3.1.5.2)
 * @lm_resp: LmChallengeResponse / OEMPassword, may be NULL if @lm_len is 0
 * @lm_len: its length in bytes
 * @nt_resp: NtChallengeResponse / UnicodePassword, may be NULL if @nt_len
 *	is 0
 * @nt_len: its length in bytes
 */
struct kcifsd_ntlm_request {
	const u8 *user;
	u32 user_len;
	const u8 *domain;
	u32 domain_len;
	bool unicode;
	struct nls_table *oem_cp;
	const u8 *server_challenge;
	bool ess;
	const u8 *lm_resp;
	u32 lm_len;
	const u8 *nt_resp;
	u32 nt_len;
};

/**
 * struct kcifsd_ntlm_result - outcome of kcifsd_ntlm_authenticate()
 * @scheme: which response verified
 * @lm_field: the verified response came from the LM field (OEMPassword):
 *	SMB_SETUP_USE_LANMAN_KEY in the non-extended response, and that field
 *	is the SigningChallengeResponse (MS-CIFS 3.3.5.43)
 * @session_key: the session base key (MS-NLMP 3.3.1/3.3.2); for LM the
 *	LM session key LMOWFv1[0..7] || Z(8) (MS-CIFS 3.3.5.43)
 * @key_exchange_key: KXKEY (MS-NLMP 3.4.5.1), input to the NTLMSSP key
 *	exchange
 */
struct kcifsd_ntlm_result {
	enum kcifsd_ntlm_scheme scheme;
	bool lm_field;
	u8 session_key[KCIFSD_NTLM_KEY_SIZE];
	u8 key_exchange_key[KCIFSD_NTLM_KEY_SIZE];
};

int kcifsd_ntlm_authenticate(const struct kcifsd_ntlm_request *req,
			     const u8 *nt_hash, const u8 *lm_hash,
			     const struct kcifsd_ntlm_policy *pol,
			     struct kcifsd_ntlm_result *res);
void kcifsd_ntlm_result_wipe(struct kcifsd_ntlm_result *res);

int kcifsd_ntlm_ntowfv1(const u8 *pw_utf16, u32 len, u8 *out);
void kcifsd_ntlm_lmowfv1(const u8 *pw_oem, u32 len, u8 *out);
int kcifsd_ntlm_ntowfv2(const u8 *nt_hash, const u8 *user, u32 user_len,
			const u8 *domain, u32 domain_len, bool unicode,
			struct nls_table *oem_cp, u8 *out);
void kcifsd_ntlm_desl(const u8 *key, const u8 *data, u8 *out);
int kcifsd_ntlm_hmac_md5(const u8 *key, u32 key_len, const struct kvec *vec,
			 unsigned int nr, u8 *out);
int kcifsd_ntlm_exported_session_key(const u8 *kxkey, const u8 *enc_key,
				     u32 enc_len, u8 *out);
u16 kcifsd_ntlm_upcase(u16 c);

#endif /* _KCIFSD_NTLM_H */
