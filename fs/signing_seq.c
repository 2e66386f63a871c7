// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB1 signing policy and sequence numbers (MS-CIFS 3.3.5.2.3, 3.3.4.1,
 * 3.3.5.43, 3.2.4.2.4): what NEGOTIATE advertises, when a logon turns
 * signing on, and which number each request is verified and each reply
 * signed with. The numbering scheme is explained in fs/signing_seq.h.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>

#include "fs/signing_seq.h"
#include "fs/smb1pdu.h"
#include "fs/smb_conn.h"
#include "net/connection.h"
#include "net/ipc.h"

/**
 * kcifsd_sign_security_mode() - SecurityMode signing bits for a policy
 * @policy: enum kcifsd_signing
 *
 * MS-CIFS 2.2.4.52.2: SECURITY_SIGNATURES_ENABLED when the server can
 * sign, SECURITY_SIGNATURES_REQUIRED (with ENABLED) when it insists.
 *
 * Return: NEGOTIATE_SECURITY_SIGNATURES_* bits.
 */
u8 kcifsd_sign_security_mode(u32 policy)
{
	switch (policy) {
	case KCIFSD_SIGNING_REQUIRED:
		return NEGOTIATE_SECURITY_SIGNATURES_ENABLED |
		       NEGOTIATE_SECURITY_SIGNATURES_REQUIRED;
	case KCIFSD_SIGNING_ENABLED:
		return NEGOTIATE_SECURITY_SIGNATURES_ENABLED;
	default:
		return 0;
	}
}

/**
 * kcifsd_sign_negotiate() - fix the connection's signing policy
 * @ss: the connection's signing state
 *
 * Called once, by NEGOTIATE: takes "server signing" from the helper's
 * settings (enabled when no helper ever started the server) and keeps
 * it for the connection's lifetime.
 *
 * Return: the SecurityMode bits to advertise.
 */
u8 kcifsd_sign_negotiate(struct kcifsd_sign_state *ss)
{
	struct kcifsd_smb_config *cfg;

	cfg = kmalloc(sizeof(*cfg), GFP_KERNEL);
	if (cfg) {
		kcifsd_ipc_smb_config(cfg);
		ss->policy = cfg->signing;
		kfree(cfg);
	} else {
		ss->policy = KCIFSD_SIGNING_ENABLED;
	}
	return kcifsd_sign_security_mode(ss->policy);
}

/**
 * kcifsd_sign_seq_step() - how far one request moves the receive counter
 * @msg: the request, framing stripped
 * @len: its length
 *
 * MS-CIFS 3.3.5.2.3: NT_CANCEL, which never gets a reply, takes one
 * number; every other request two (its own and its reply's), also one
 * that gets no reply. Anything too short to name a command counts as an
 * ordinary request; it is refused later anyway.
 *
 * Return: 1 or 2.
 */
u32 kcifsd_sign_seq_step(const u8 *msg, unsigned int len)
{
	const struct smb1_hdr *hdr = (const struct smb1_hdr *)msg;

	if (len > offsetof(struct smb1_hdr, command) &&
	    hdr->command == SMB_COM_NT_CANCEL)
		return 1;
	return 2;
}

/**
 * kcifsd_smb_rx_seq() - number a request in arrival order
 * @conn: the connection
 * @msg: the request, framing stripped
 * @len: its length
 * @barrier: out: no request after this one may run until it is done
 *
 * Called by the connection core for every message it accepts, under
 * conn->req_lock, in the order the transport received them.
 *
 * A SESSION_SETUP_ANDX while signing is off may turn it on: until it is
 * done, whether the requests after it must be signed is not known, and
 * one that ran meanwhile would go unchecked (a request slipped in behind
 * the logon). So it is a barrier: the core holds later requests back
 * until it has run. Clients wait for the logon's reply anyway.
 *
 * Return: the request's arrival number, kept in work->seq.
 */
u32 kcifsd_smb_rx_seq(struct kcifsd_conn *conn, const void *msg,
		      unsigned int len, bool *barrier)
{
	const struct smb1_hdr *hdr = msg;
	struct kcifsd_sign_state *ss = &conn->smb->sign;
	u32 seq = ss->rx_next;

	lockdep_assert_held(&conn->req_lock);
	ss->rx_next += kcifsd_sign_seq_step(msg, len);
	*barrier = len > offsetof(struct smb1_hdr, command) &&
		   hdr->command == SMB_COM_SESSION_SETUP_ANDX &&
		   !kcifsd_sign_is_active(ss);
	return seq;
}

/**
 * kcifsd_sign_decide() - does this logon turn signing on?
 * @policy: the connection's enum kcifsd_signing
 * @client_signs: the SESSION_SETUP_ANDX request has
 *	SMB_FLAGS2_SMB_SECURITY_SIGNATURE: the client wants to sign
 *	(MS-CIFS 3.2.4.2.4)
 *
 * For a non-guest, non-anonymous logon with a session key, on a
 * connection where signing is not active yet. A client sets the flag
 * when its policy and our SecurityMode give "Messages Signed" and it
 * wants to sign; when we require signing it is on whatever the flag says
 * (Samba's client, signing only because we require it, leaves the flag
 * clear but signs from the next request on). A client that will not sign
 * is then refused at its next request (a bad signature:
 * STATUS_ACCESS_DENIED and the connection closes), the "Blocked" case of
 * the table in MS-CIFS 3.2.4.2.4.
 *
 * Return: enum kcifsd_sign_decision.
 */
enum kcifsd_sign_decision kcifsd_sign_decide(u32 policy, bool client_signs)
{
	switch (policy) {
	case KCIFSD_SIGNING_REQUIRED:
		return KCIFSD_SIGN_ON;
	case KCIFSD_SIGNING_ENABLED:
		return client_signs ? KCIFSD_SIGN_ON : KCIFSD_SIGN_OFF;
	default:
		return KCIFSD_SIGN_OFF;
	}
}

/**
 * kcifsd_sign_activate() - turn signing on for the connection
 * @ss: the connection's signing state
 * @arrival: arrival number of the SESSION_SETUP_ANDX request that
 *	authenticated (its sequence number 0)
 * @session_key: SigningSessionKey, 16 bytes
 * @resp: SigningChallengeResponse (non-extended logons), or NULL
 * @resp_len: its length, 0 with extended security
 *
 * The first activation wins: the keys of later sessions are not used
 * (MS-CIFS 3.3.1.3). The caller serialises activations (sc->lock). May
 * sleep.
 *
 * Return: 0 (also if signing was already active), or -ENOMEM / a crypto
 * error, and signing stays off.
 */
int kcifsd_sign_activate(struct kcifsd_sign_state *ss, u32 arrival,
			 const u8 *session_key, const u8 *resp, u32 resp_len)
{
	int rc;

	if (ss->active)
		return 0;
	rc = kcifsd_sign_key_init(&ss->key, session_key, resp, resp_len);
	if (rc)
		return rc;
	ss->base = arrival;
	/* Readers see @base and @key once they see @active. */
	smp_store_release(&ss->active, true);
	return 0;
}

/**
 * kcifsd_sign_is_active() - IsSigningActive
 * @ss: the connection's signing state
 *
 * Return: true once a logon has turned signing on.
 */
bool kcifsd_sign_is_active(const struct kcifsd_sign_state *ss)
{
	/* Pairs with kcifsd_sign_activate(): @base and @key are set. */
	return smp_load_acquire(&ss->active);
}

/**
 * kcifsd_sign_covers() - is a request within signed traffic?
 * @ss: the connection's signing state
 * @arrival: the request's arrival number
 *
 * Return: true if signing is active and the request is the activating
 * SESSION_SETUP_ANDX or arrived after it (serial number arithmetic, so
 * the 32-bit counter may wrap).
 */
bool kcifsd_sign_covers(const struct kcifsd_sign_state *ss, u32 arrival)
{
	return kcifsd_sign_is_active(ss) && (s32)(arrival - ss->base) >= 0;
}

/**
 * kcifsd_sign_check_request() - verify a request's signature
 * @ss: the connection's signing state
 * @arrival: the request's arrival number
 * @msg: the request
 * @len: its length, at least a header
 *
 * MS-CIFS 3.3.5.2.3: with signing active, the request is verified with
 * ServerNextReceiveSequenceNumber, which for this request is
 * @arrival - base. The activating request itself, and any that arrived
 * before it, are not checked.
 *
 * Return: 0 if the request may run, -EACCES for a bad signature (the
 * caller answers STATUS_ACCESS_DENIED and drops the connection), or a
 * crypto error.
 */
int kcifsd_sign_check_request(const struct kcifsd_sign_state *ss,
			      u32 arrival, const u8 *msg, u32 len)
{
	if (!kcifsd_sign_covers(ss, arrival) || arrival == ss->base)
		return 0;
	return kcifsd_sign_verify(&ss->key, arrival - ss->base, msg, len);
}

/**
 * kcifsd_sign_response() - sign a reply if the connection signs
 * @ss: the connection's signing state
 * @arrival: arrival number of the request answered
 * @msg: the whole reply from the header on, complete but for the
 *	signature
 * @len: its length
 * @data: file data pages sent after @msg, or NULL
 * @nr_data: entries in @data
 *
 * Signed with ServerSendSequenceNumber[PID,MID] = @arrival - base + 1
 * (MS-CIFS 3.3.4.1); every reply to the same request gets the same
 * number. Unsigned replies keep a zero SecuritySignature.
 *
 * Return: true if the reply was signed.
 */
bool kcifsd_sign_response(const struct kcifsd_sign_state *ss, u32 arrival,
			  u8 *msg, u32 len, const struct bio_vec *data,
			  unsigned int nr_data)
{
	if (!kcifsd_sign_covers(ss, arrival))
		return false;
	if (kcifsd_sign_reply(&ss->key, arrival - ss->base + 1, msg, len,
			      data, nr_data)) {
		/* Only allocation-free MD5 runs here; it does not fail. */
		pr_warn_ratelimited("signing a reply failed\n");
		return false;
	}
	return true;
}

/**
 * kcifsd_sign_state_destroy() - forget the signing key
 * @ss: the connection's signing state; nothing signs any more
 */
void kcifsd_sign_state_destroy(struct kcifsd_sign_state *ss)
{
	kcifsd_sign_key_destroy(&ss->key);
	ss->active = false;
}
