/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SPNEGO (RFC 4178, MS-SPNG) around NTLMSSP in SMB1 extended security
 * (MS-SMB 2.2.4.5.2.1 NEGOTIATE, 2.2.4.6 SESSION_SETUP_ANDX): a minimal
 * DER codec for exactly the tokens an SMB server sees and sends.
 *
 *   NEGOTIATE response:  kcifsd_spnego_neg_init() as the SecurityBlob
 *   each SESSION_SETUP:  kcifsd_spnego_parse(); tok.mech_token goes to
 *                        fs/ntlmssp.h; the reply is bare NTLMSSP if
 *                        tok.kind is KCIFSD_SPNEGO_RAW_NTLMSSP, else
 *                        kcifsd_spnego_build_resp(): ACCEPT_INCOMPLETE
 *                        with supportedMech and the CHALLENGE first, then
 *                        ACCEPT_COMPLETED or REJECT without a token
 *   signing:             kcifsd_sign_key_init(&key, session key, NULL, 0)
 *
 * mechListMIC is parsed and handed over but neither checked nor sent.
 * RFC 4178 5 makes it optional when NTLMSSP was the client's first
 * choice, the usual case once the server offered only NTLMSSP; a client
 * that put Kerberos first may insist on it (not supported yet).
 */
#ifndef _KCIFSD_SPNEGO_H
#define _KCIFSD_SPNEGO_H

#include <linux/types.h>

/* The server's NegTokenInit advertising NTLMSSP, with its GSS-API wrapper */
#define KCIFSD_SPNEGO_NEG_INIT_SIZE	30

/**
 * enum kcifsd_spnego_kind - what a client's security blob was
 * @KCIFSD_SPNEGO_RAW_NTLMSSP: a bare NTLMSSP message, no SPNEGO (the Linux
 *	cifs client with sec=ntlmssp); answer with bare NTLMSSP too
 * @KCIFSD_SPNEGO_INIT: NegTokenInit, the first leg (RFC 4178 4.2.1)
 * @KCIFSD_SPNEGO_RESP: NegTokenResp, later legs (RFC 4178 4.2.2)
 */
enum kcifsd_spnego_kind {
	KCIFSD_SPNEGO_RAW_NTLMSSP,
	KCIFSD_SPNEGO_INIT,
	KCIFSD_SPNEGO_RESP,
};

/**
 * enum kcifsd_spnego_neg_state - NegTokenResp.negState (RFC 4178 4.2.2)
 * @KCIFSD_SPNEGO_ACCEPT_COMPLETED: authentication succeeded
 * @KCIFSD_SPNEGO_ACCEPT_INCOMPLETE: more legs follow (the CHALLENGE)
 * @KCIFSD_SPNEGO_REJECT: authentication failed
 * @KCIFSD_SPNEGO_REQUEST_MIC: the acceptor wants a mechListMIC
 */
enum kcifsd_spnego_neg_state {
	KCIFSD_SPNEGO_ACCEPT_COMPLETED = 0,
	KCIFSD_SPNEGO_ACCEPT_INCOMPLETE = 1,
	KCIFSD_SPNEGO_REJECT = 2,
	KCIFSD_SPNEGO_REQUEST_MIC = 3,
};

/**
 * struct kcifsd_spnego_token - a parsed client security blob; pointers
 *	point into the blob, which must outlive this struct
 * @kind: raw NTLMSSP, NegTokenInit or NegTokenResp
 * @ntlmssp_offered: NTLMSSP (1.3.6.1.4.1.311.2.2.10) is in mechTypes
 *	(always true for raw NTLMSSP; false for NegTokenResp)
 * @ntlmssp_first: NTLMSSP is the client's preferred (first) mechanism, so
 *	an optimistic @mech_token is an NTLMSSP message; if it is offered but
 *	not first, answer ACCEPT_INCOMPLETE with supportedMech and no token
 * @neg_state: NegTokenResp.negState, or -1 when absent
 * @mech_token: the NTLMSSP message: mechToken (init), responseToken
 *	(resp) or the whole raw blob; NULL when absent
 * @mech_token_len: its length in bytes
 * @mech_list_mic: mechListMIC, or NULL
 * @mech_list_mic_len: its length in bytes
 * @mech_types: DER encoding of MechTypeList (tag and length included), the
 *	input of a mechListMIC (RFC 4178 5); NULL unless @kind is INIT
 * @mech_types_len: its length in bytes
 */
struct kcifsd_spnego_token {
	enum kcifsd_spnego_kind kind;
	bool ntlmssp_offered;
	bool ntlmssp_first;
	int neg_state;
	const u8 *mech_token;
	u32 mech_token_len;
	const u8 *mech_list_mic;
	u32 mech_list_mic_len;
	const u8 *mech_types;
	u32 mech_types_len;
};

int kcifsd_spnego_parse(const u8 *blob, u32 len,
			struct kcifsd_spnego_token *tok);
int kcifsd_spnego_neg_init(u8 *buf, u32 size);
u32 kcifsd_spnego_resp_size(bool supported_mech, u32 token_len, u32 mic_len);
int kcifsd_spnego_build_resp(enum kcifsd_spnego_neg_state state,
			     bool supported_mech, const u8 *token,
			     u32 token_len, const u8 *mic, u32 mic_len,
			     u8 *buf, u32 size);

#endif /* _KCIFSD_SPNEGO_H */
