/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The client side of NTLMv2 authentication (MS-NLMP 3.1.5, 3.3.2), the
 * NTLMSSP messages, the SPNEGO wrapping SMB1 extended security uses
 * (RFC 4178, MS-SPNG) and SMB1 message signing (MS-CIFS 3.1.4.1). The
 * hashes come from nettle: MD4, MD5, HMAC-MD5, RC4.
 */
#ifndef KCIFS_BENCH_NTLM_H
#define KCIFS_BENCH_NTLM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/**
 * struct ntlm_auth - one NTLMSSP exchange
 * @user: user name ("" for an anonymous session)
 * @password: the password
 * @domain: the user's domain ("" for the server's own accounts)
 * @workstation: our name
 * @sign: ask for a session key good for signing
 * @flags: NegotiateFlags of the CHALLENGE (what the server agreed to)
 * @session_key: ExportedSessionKey, the SMB1 signing key
 * @have_key: @session_key is valid (not for anonymous)
 */
struct ntlm_auth {
	const char *user;
	const char *password;
	const char *domain;
	const char *workstation;
	bool sign;
	uint32_t flags;
	uint8_t session_key[16];
	bool have_key;
};

void ntlmssp_negotiate(struct ntlm_auth *a, struct buf *out);
int ntlmssp_authenticate(struct ntlm_auth *a, const uint8_t *challenge,
			 size_t len, struct buf *out);

void spnego_init(struct buf *out, const uint8_t *token, size_t len);
void spnego_resp(struct buf *out, const uint8_t *token, size_t len);
int spnego_token(const uint8_t *blob, size_t len, const uint8_t **token,
		 size_t *token_len);

void smb_sign(uint8_t *msg, size_t len, const uint8_t key[16], uint32_t seq);
bool smb_sign_ok(const uint8_t *msg, size_t len, const uint8_t key[16],
		 uint32_t seq);

int ntlm_self_test(void);

#endif
