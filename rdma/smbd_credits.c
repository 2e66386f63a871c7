// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB Direct credits and keepalive (MS-SMBD 3.1.5.1, 3.1.5.8, 3.1.5.9,
 * 3.1.6.2). A credit is a receive posted by the other side: a message
 * sent without one hits an empty receive queue and kills the connection.
 * So we grant only receives that are really posted, and count what the
 * peer holds separately from what is posted. One posted receive is never
 * granted: a peer that sends without a credit lands in it, and we can
 * report that (event 454) instead of the peer's queue pair dying of a
 * receiver-not-ready error that leaves no trace here. We never spend our
 * own last credit on a message that grants nothing (both sides would
 * then wait for each other forever; event 455 when the peer does it).
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "rdma/smbd_proto.h"

/* The peer never holds more credits than a u16 CreditsGranted can say. */
#define SMBD_SEND_CREDITS_MAX	U16_MAX
/* Posted receives held back from the peer, to catch a send without credit. */
#define SMBD_SPARE_RECVS	1

/* Posted receives the peer does not know about and may be granted. */
static u16 smbd_grantable(const struct kcifsd_smbd_credits *c)
{
	u32 held = (u32)c->recv_granted + SMBD_SPARE_RECVS;

	return c->recv_posted > held ? c->recv_posted - held : 0;
}

/**
 * kcifsd_smbd_credits_init() - credit state of a new connection
 * @c: the state
 * @recv_credit_max: ReceiveCreditMax
 * @send_credit_target: SendCreditTarget
 *
 * No credits either way (MS-SMBD 3.1.7.2: the passive side starts with
 * SendCredits 0); the caller posts the negotiate receive and reports it
 * with kcifsd_smbd_credits_posted().
 */
void kcifsd_smbd_credits_init(struct kcifsd_smbd_credits *c,
			      u16 recv_credit_max, u16 send_credit_target)
{
	memset(c, 0, sizeof(*c));
	c->recv_credit_max = recv_credit_max;
	c->send_credit_target = send_credit_target;
	c->recv_credit_target = 1;
	c->keepalive = KCIFSD_SMBD_KEEPALIVE_NONE;
}

/**
 * kcifsd_smbd_credits_negotiated() - the negotiate request was consumed
 *	(MS-SMBD 3.1.5.6)
 * @c: the state
 * @peer_credits_requested: the request's CreditsRequested, at least 1
 *
 * The negotiate request used the receive posted before accept, which was
 * never granted. ReceiveCreditTarget becomes what the peer asked for.
 */
void kcifsd_smbd_credits_negotiated(struct kcifsd_smbd_credits *c,
				    u16 peer_credits_requested)
{
	if (c->recv_posted)
		c->recv_posted--;
	c->recv_granted = min(c->recv_granted, c->recv_posted);
	c->recv_credit_target = clamp_t(u16, peer_credits_requested, 1,
					c->recv_credit_max);
}

/**
 * kcifsd_smbd_credits_to_post() - how many receives to post now
 *	(MS-SMBD 3.1.5.9)
 * @c: the state
 * @available: receive buffers the transport has free
 * @throttled: the SMB server wants no more requests for now (MaxMpxCount
 *	backpressure): post only what the protocol requires
 * @sending: a message is about to be sent
 *
 * Normally up to ReceiveCreditTarget plus the spare. Before a send, one
 * receive that can be granted must exist if the peer holds no credit (it
 * could not answer otherwise) or if we are about to use our last send
 * credit (that message must grant one).
 *
 * Return: receives to post, at most @available.
 */
u16 kcifsd_smbd_credits_to_post(const struct kcifsd_smbd_credits *c,
				u16 available, bool throttled, bool sending)
{
	u32 posted = c->recv_posted, want = 0, need;
	u32 room = c->recv_credit_max - min_t(u32, posted, c->recv_credit_max);
	u32 n = 0;

	if (!throttled)
		want = (u32)c->recv_credit_target + SMBD_SPARE_RECVS;
	if (want > posted)
		n = want - posted;
	if (sending && !smbd_grantable(c) &&
	    (!c->recv_granted || c->send_credits <= 1)) {
		need = (u32)c->recv_granted + SMBD_SPARE_RECVS + 1;
		if (need > posted)
			n = max(n, need - posted);
	}
	return (u16)min3(n, room, (u32)available);
}

/**
 * kcifsd_smbd_credits_posted() - receives were posted
 * @c: the state
 * @n: how many
 */
void kcifsd_smbd_credits_posted(struct kcifsd_smbd_credits *c, u16 n)
{
	c->recv_posted += n;
}

/**
 * kcifsd_smbd_credits_grant_all() - grant every posted receive the peer
 *	does not know about yet, except the spare
 * @c: the state
 *
 * For the negotiate response (CreditsGranted, MS-SMBD 3.1.5.6) and inside
 * kcifsd_smbd_credits_take().
 *
 * Return: the number of credits granted now.
 */
u16 kcifsd_smbd_credits_grant_all(struct kcifsd_smbd_credits *c)
{
	u16 n = smbd_grantable(c);

	c->recv_granted += n;
	return n;
}

/**
 * kcifsd_smbd_credits_may_send() - may a message go out now?
 *	(MS-SMBD 3.1.5.1 steps 1 and 3)
 * @c: the state
 *
 * Not without a send credit, and not with the last one unless the message
 * grants at least one credit back.
 *
 * Return: true if kcifsd_smbd_credits_take() will succeed.
 */
bool kcifsd_smbd_credits_may_send(const struct kcifsd_smbd_credits *c)
{
	if (!c->send_credits)
		return false;
	return c->send_credits > 1 || smbd_grantable(c);
}

/**
 * kcifsd_smbd_credits_may_send_after_post() - could a message go out once
 *	receives are posted?
 * @c: the state
 * @available: receive buffers the transport has free
 *
 * What a sender waits for: a send credit, and for the last one a receive
 * it can grant, posted already or postable from @available.
 *
 * Return: true if posting (kcifsd_smbd_credits_to_post() with @sending)
 * then kcifsd_smbd_credits_take() will succeed.
 */
bool kcifsd_smbd_credits_may_send_after_post(const struct kcifsd_smbd_credits *c,
					     u16 available)
{
	u32 room = c->recv_credit_max - min_t(u32, c->recv_posted,
					       c->recv_credit_max);
	u32 posted = c->recv_posted + min_t(u32, room, available);

	if (!c->send_credits)
		return false;
	return c->send_credits > 1 ||
	       posted > (u32)c->recv_granted + SMBD_SPARE_RECVS;
}

/**
 * kcifsd_smbd_credits_take() - account for one outgoing message
 *	(MS-SMBD 3.1.5.1 step 4)
 * @c: the state
 * @f: out: CreditsRequested, CreditsGranted and Flags for its header
 *
 * Spends a send credit, grants every posted receive the peer does not know
 * about yet, and turns a pending keepalive into RESPONSE_REQUESTED. Any
 * message answers the peer's RESPONSE_REQUESTED.
 *
 * Return: 0, or -EAGAIN when kcifsd_smbd_credits_may_send() is false.
 */
int kcifsd_smbd_credits_take(struct kcifsd_smbd_credits *c,
			     struct kcifsd_smbd_send_fields *f)
{
	if (!kcifsd_smbd_credits_may_send(c))
		return -EAGAIN;
	f->last_credit = c->send_credits == 1;
	f->credits_granted = kcifsd_smbd_credits_grant_all(c);
	f->credits_requested = c->send_credit_target;
	f->flags = 0;
	c->send_credits--;
	if (c->keepalive == KCIFSD_SMBD_KEEPALIVE_PENDING) {
		f->flags |= KCIFSD_SMBD_FLAG_RESPONSE_REQUESTED;
		c->keepalive = KCIFSD_SMBD_KEEPALIVE_SENT;
	}
	c->respond = false;
	return 0;
}

/**
 * kcifsd_smbd_credits_receive() - account for one received data transfer
 *	message (MS-SMBD 3.1.5.8, 3.1.5.5)
 * @c: the state
 * @d: its header, checked by kcifsd_smbd_data_parse()
 *
 * Every received message consumed a posted receive and one of the peer's
 * credits; a grant adds to our send credits; CreditsRequested becomes
 * the new ReceiveCreditTarget; RESPONSE_REQUESTED asks for a prompt
 * message; any message answers our keepalive.
 *
 * Return: 0; KCIFSD_SMBD_EV_NO_CREDIT if the peer held no credit;
 * KCIFSD_SMBD_EV_LAST_CREDIT_NO_GRANT if it spent its last credit on a
 * message granting none; KCIFSD_SMBD_EV_INVALID if its grants add up to
 * more credits than it could ever have receives for. The caller
 * disconnects on any of them.
 */
int kcifsd_smbd_credits_receive(struct kcifsd_smbd_credits *c,
				const struct kcifsd_smbd_data_info *d)
{
	if (!c->recv_posted)
		return KCIFSD_SMBD_EV_NO_CREDIT;
	c->recv_posted--;
	if (!c->recv_granted)
		return KCIFSD_SMBD_EV_NO_CREDIT;
	c->recv_granted--;
	if (!c->recv_granted && !d->credits_granted)
		return KCIFSD_SMBD_EV_LAST_CREDIT_NO_GRANT;
	if ((u64)c->send_credits + d->credits_granted > SMBD_SEND_CREDITS_MAX)
		return KCIFSD_SMBD_EV_INVALID;

	c->send_credits += d->credits_granted;
	c->recv_credit_target = clamp_t(u16, d->credits_requested, 1,
					c->recv_credit_max);
	c->keepalive = KCIFSD_SMBD_KEEPALIVE_NONE;
	if (d->flags & KCIFSD_SMBD_FLAG_RESPONSE_REQUESTED)
		c->respond = true;
	return 0;
}

/*
 * Refill the peer proactively once it holds a quarter of its target or
 * less, as the Linux SMB Direct code learned to (waiting for it to run dry
 * stalls it). Granting a single credit to a peer that still holds some
 * would only ping-pong: its answer would cost us a credit in turn.
 */
static bool smbd_need_grant(const struct kcifsd_smbd_credits *c)
{
	u16 grantable = smbd_grantable(c);

	if (!grantable)
		return false;
	if (!c->recv_granted)
		return true;
	return c->recv_granted <= c->recv_credit_target / 4 && grantable >= 2;
}

/**
 * kcifsd_smbd_credits_want_message() - should a message without payload
 *	go out now? (MS-SMBD 3.1.5.8)
 * @c: the state
 * @throttled: the SMB server wants no more requests for now; then credits
 *	are not refilled, but keepalives are still answered and sent
 *
 * Return: true when the peer asked for a response, a keepalive is due, or
 * the peer is running out of credits we could grant.
 */
bool kcifsd_smbd_credits_want_message(const struct kcifsd_smbd_credits *c,
				      bool throttled)
{
	if (c->respond || c->keepalive == KCIFSD_SMBD_KEEPALIVE_PENDING)
		return true;
	return !throttled && smbd_need_grant(c);
}

/**
 * kcifsd_smbd_credits_idle() - the idle timer fired (MS-SMBD 3.1.6.2)
 * @c: the state
 *
 * Return: KCIFSD_SMBD_IDLE_KEEPALIVE the first time (the next message
 * carries RESPONSE_REQUESTED: the caller sends one and re-arms the timer
 * with the keepalive response timeout); KCIFSD_SMBD_IDLE_TIMEOUT when the
 * keepalive went out and nothing arrived since (event 1000);
 * KCIFSD_SMBD_IDLE_NO_CREDIT when it never went out because the peer
 * granted no send credit (event 453).
 */
enum kcifsd_smbd_idle_action
kcifsd_smbd_credits_idle(struct kcifsd_smbd_credits *c)
{
	if (c->keepalive == KCIFSD_SMBD_KEEPALIVE_PENDING)
		return KCIFSD_SMBD_IDLE_NO_CREDIT;
	if (c->keepalive == KCIFSD_SMBD_KEEPALIVE_SENT)
		return KCIFSD_SMBD_IDLE_TIMEOUT;
	c->keepalive = KCIFSD_SMBD_KEEPALIVE_PENDING;
	return KCIFSD_SMBD_IDLE_KEEPALIVE;
}
