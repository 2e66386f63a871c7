/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * When and with which sequence number SMB1 messages are signed and
 * verified (MS-CIFS 3.3.5.2.3, 3.3.4.1, 3.3.5.43; MS-SMB 3.3.5.1); the
 * MAC itself is fs/signing.h.
 *
 * Every request gets an arrival number when the transport hands it to
 * the connection core, in arrival order (kcifsd_smb_rx_seq(), under
 * conn->req_lock): NT_CANCEL counts 1, every other request 2, as
 * ServerNextReceiveSequenceNumber moves in MS-CIFS 3.3.5.2.3 (a request
 * that gets no reply still counts 2 there). Signing starts with the
 * SESSION_SETUP_ANDX request that activates it, whose arrival number is
 * the base: that request is sequence number 0 and its reply 1 (MS-CIFS
 * 3.3.5.1 starts ServerNextReceiveSequenceNumber at 2), so a request that
 * arrived as n is verified with n - base and its replies (all of them:
 * every ECHO reply) are signed with n - base + 1. Numbering by arrival
 * keeps requests that workers run concurrently, or park, right.
 *
 * Requests that arrived before the activating one are neither verified
 * nor is their reply signed (the client sent them before it signed).
 * Oplock break notifications, which answer no request, are never signed
 * (MS-CIFS 3.3.4.1): their sender does not call kcifsd_sign_response().
 */
#ifndef _KCIFSD_SIGNING_SEQ_H
#define _KCIFSD_SIGNING_SEQ_H

#include <linux/bvec.h>
#include <linux/types.h>

#include "fs/signing.h"

/**
 * struct kcifsd_sign_state - a connection's signing state (MS-CIFS
 *	3.3.1.3: IsSigningActive, SigningSessionKey, SigningChallengeResponse,
 *	ServerNextReceiveSequenceNumber; ServerSendSequenceNumber[PID,MID]
 *	is the request's own arrival number, kept with the request)
 * @policy: enum kcifsd_signing, MessageSigningPolicy as advertised in the
 *	NEGOTIATE response; fixed there, so a reload cannot change what the
 *	client was told
 * @rx_next: arrival number of the next request; only under conn->req_lock
 * @active: IsSigningActive; set once, with release semantics, after
 *	@base and @key are in place
 * @base: arrival number of the SESSION_SETUP_ANDX request that activated
 *	signing (its sequence number 0)
 * @key: SigningSessionKey || SigningChallengeResponse
 */
struct kcifsd_sign_state {
	u32 policy;
	u32 rx_next;
	bool active;
	u32 base;
	struct kcifsd_sign_key key;
};

/* Does a logon turn signing on (kcifsd_sign_decide())? */
enum kcifsd_sign_decision {
	KCIFSD_SIGN_OFF,	/* neither side wants it: do not activate */
	KCIFSD_SIGN_ON,		/* activate with this logon */
};

u8 kcifsd_sign_security_mode(u32 policy);
u8 kcifsd_sign_negotiate(struct kcifsd_sign_state *ss);
u32 kcifsd_sign_seq_step(const u8 *msg, unsigned int len);
enum kcifsd_sign_decision kcifsd_sign_decide(u32 policy, bool client_signs);
int kcifsd_sign_activate(struct kcifsd_sign_state *ss, u32 arrival,
			 const u8 *session_key, const u8 *resp, u32 resp_len);
bool kcifsd_sign_is_active(const struct kcifsd_sign_state *ss);
bool kcifsd_sign_covers(const struct kcifsd_sign_state *ss, u32 arrival);
int kcifsd_sign_check_request(const struct kcifsd_sign_state *ss,
			      u32 arrival, const u8 *msg, u32 len);
bool kcifsd_sign_response(const struct kcifsd_sign_state *ss, u32 arrival,
			  u8 *msg, u32 len, const struct bio_vec *data,
			  unsigned int nr_data);
void kcifsd_sign_state_destroy(struct kcifsd_sign_state *ss);

#endif /* _KCIFSD_SIGNING_SEQ_H */
