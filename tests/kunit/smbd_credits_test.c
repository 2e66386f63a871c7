// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for rdma/smbd_credits.c: MS-SMBD credit accounting (grants
 * backed by posted receives, the spare receive that catches a send without
 * credit, the last-credit rule, events 454/455),
 * RESPONSE_REQUESTED and the keepalive states, and a simulated
 * conversation in which both ends follow the rules and must neither
 * violate them nor deadlock.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "rdma/smbd_proto.h"

static struct kcifsd_smbd_data_info msg(u16 requested, u16 granted,
					u16 flags)
{
	struct kcifsd_smbd_data_info d = {
		.credits_requested = requested,
		.credits_granted = granted,
		.flags = flags,
	};

	return d;
}

/* A server right after negotiation with the peer asking for @target. */
static void server_negotiated(struct kcifsd_smbd_credits *c, u16 max,
			      u16 target)
{
	u16 n;

	kcifsd_smbd_credits_init(c, max, 255);
	kcifsd_smbd_credits_posted(c, 1);	/* the negotiate receive */
	kcifsd_smbd_credits_negotiated(c, target);
	n = kcifsd_smbd_credits_to_post(c, max, false, false);
	kcifsd_smbd_credits_posted(c, n);
	kcifsd_smbd_credits_grant_all(c);
}

static void smbd_credits_negotiate(struct kunit *test)
{
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_send_fields f;

	kcifsd_smbd_credits_init(&c, 255, 255);
	kcifsd_smbd_credits_posted(&c, 1);
	kcifsd_smbd_credits_negotiated(&c, 10);
	KUNIT_EXPECT_EQ(test, c.recv_posted, 0);
	KUNIT_EXPECT_EQ(test, c.recv_credit_target, 10);
	/* The target and one spare receive that is never granted. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_to_post(&c, 255, false,
							  false), 11);
	/* Never more than the free buffers allow. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_to_post(&c, 3, false, false),
			3);
	kcifsd_smbd_credits_posted(&c, 11);
	/* The response grants what is posted, but the spare. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_grant_all(&c), 10);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_grant_all(&c), 0);
	/* MS-SMBD 3.1.7.2: the passive side cannot send before a grant. */
	KUNIT_EXPECT_FALSE(test, kcifsd_smbd_credits_may_send(&c));
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_take(&c, &f), -EAGAIN);

	/* The target is clamped to what we own. */
	kcifsd_smbd_credits_init(&c, 16, 255);
	kcifsd_smbd_credits_negotiated(&c, 60000);
	KUNIT_EXPECT_EQ(test, c.recv_credit_target, 16);
}

static void smbd_credits_grant_and_spend(struct kunit *test)
{
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_send_fields f;
	struct kcifsd_smbd_data_info d;
	u16 n;

	server_negotiated(&c, 255, 10);
	d = msg(10, 10, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	KUNIT_EXPECT_EQ(test, c.send_credits, 10U);
	KUNIT_EXPECT_EQ(test, c.recv_posted, 10);
	KUNIT_EXPECT_EQ(test, c.recv_granted, 9);

	n = kcifsd_smbd_credits_to_post(&c, 255, false, true);
	KUNIT_EXPECT_EQ(test, n, 1);
	kcifsd_smbd_credits_posted(&c, n);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_take(&c, &f), 0);
	KUNIT_EXPECT_EQ(test, f.credits_granted, 1);
	KUNIT_EXPECT_EQ(test, f.credits_requested, 255);
	KUNIT_EXPECT_EQ(test, f.flags, 0);
	KUNIT_EXPECT_FALSE(test, f.last_credit);
	KUNIT_EXPECT_EQ(test, c.send_credits, 9U);

	/* Nothing new posted: the next message grants nothing. */
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_take(&c, &f), 0);
	KUNIT_EXPECT_EQ(test, f.credits_granted, 0);
}

/* MS-SMBD 3.1.5.1 step 3 and 3.1.5.9: the last credit needs a grant. */
static void smbd_credits_last_credit(struct kunit *test)
{
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_send_fields f;
	struct kcifsd_smbd_data_info d;

	server_negotiated(&c, 4, 4);
	d = msg(4, 1, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	KUNIT_EXPECT_EQ(test, c.send_credits, 1U);
	/* The receive just used is not reposted yet: nothing to grant. */
	KUNIT_EXPECT_FALSE(test, kcifsd_smbd_credits_may_send(&c));
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_take(&c, &f), -EAGAIN);
	/* A sender may wait for that: a free buffer makes it possible. */
	KUNIT_EXPECT_TRUE(test, kcifsd_smbd_credits_may_send_after_post(&c, 1));
	KUNIT_EXPECT_FALSE(test, kcifsd_smbd_credits_may_send_after_post(&c,
									  0));
	/* Even throttled, a send must be able to grant one. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_to_post(&c, 4, true, true),
			1);
	/* Without free buffers it cannot: the caller waits for the peer. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_to_post(&c, 0, true, true),
			0);
	kcifsd_smbd_credits_posted(&c, 1);
	KUNIT_ASSERT_TRUE(test, kcifsd_smbd_credits_may_send(&c));
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_take(&c, &f), 0);
	KUNIT_EXPECT_TRUE(test, f.last_credit);
	KUNIT_EXPECT_EQ(test, f.credits_granted, 1);
	KUNIT_EXPECT_EQ(test, c.send_credits, 0U);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_take(&c, &f), -EAGAIN);
}

/* Event 454: a message while the peer holds no credit of ours. */
static void smbd_credits_no_credit(struct kunit *test)
{
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_data_info d = msg(1, 1, 0);
	int i;

	/* Two receives posted, one granted: the other is the spare. */
	kcifsd_smbd_credits_init(&c, 8, 8);
	kcifsd_smbd_credits_posted(&c, 1);
	kcifsd_smbd_credits_negotiated(&c, 1);
	kcifsd_smbd_credits_posted(&c, 2);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_grant_all(&c), 1);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	/* The next one lands in the spare: reported, not an RNR failure. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_receive(&c, &d),
			KCIFSD_SMBD_EV_NO_CREDIT);

	/* After the peer spent every credit legally, the spare is there. */
	server_negotiated(&c, 8, 4);
	KUNIT_EXPECT_EQ(test, c.recv_posted, 5);
	KUNIT_EXPECT_EQ(test, c.recv_granted, 4);
	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	KUNIT_EXPECT_EQ(test, c.recv_posted, 1);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_receive(&c, &d),
			KCIFSD_SMBD_EV_NO_CREDIT);

	/* A completion with nothing posted at all is the same violation. */
	kcifsd_smbd_credits_init(&c, 8, 8);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_receive(&c, &d),
			KCIFSD_SMBD_EV_NO_CREDIT);
}

/* Event 455: the peer's last credit spent on a message granting none. */
static void smbd_credits_last_without_grant(struct kunit *test)
{
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_data_info d;

	server_negotiated(&c, 8, 2);
	d = msg(2, 5, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	d = msg(2, 0, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_receive(&c, &d),
			KCIFSD_SMBD_EV_LAST_CREDIT_NO_GRANT);

	/* The same last credit with a grant is fine (event 451 only). */
	server_negotiated(&c, 8, 2);
	d = msg(2, 5, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	d = msg(2, 1, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	KUNIT_EXPECT_EQ(test, c.recv_granted, 0);
	KUNIT_EXPECT_EQ(test, c.send_credits, 6U);
}

/* Grants that add up past 65535 credits cannot be real. */
static void smbd_credits_grant_overflow(struct kunit *test)
{
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_data_info d;
	int i;

	server_negotiated(&c, 255, 255);
	d = msg(255, 0xffff, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	KUNIT_EXPECT_EQ(test, c.send_credits, 65535U);
	for (i = 0; i < 3; i++) {
		d = msg(255, 0, 0);
		KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	}
	d = msg(255, 1, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_receive(&c, &d),
			KCIFSD_SMBD_EV_INVALID);
}

/* CreditsRequested of every message moves ReceiveCreditTarget. */
static void smbd_credits_target_follows_peer(struct kunit *test)
{
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_data_info d;

	server_negotiated(&c, 64, 8);
	d = msg(20, 1, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	KUNIT_EXPECT_EQ(test, c.recv_credit_target, 20);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_to_post(&c, 64, false,
							  false), 13);
	d = msg(1000, 1, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	KUNIT_EXPECT_EQ(test, c.recv_credit_target, 64);
	/* Throttled: nothing beyond what a send needs. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_to_post(&c, 64, true, false),
			0);
}

static void smbd_credits_want_message(struct kunit *test)
{
	struct kcifsd_smbd_credits c;

	kcifsd_smbd_credits_init(&c, 255, 255);
	c.recv_credit_target = 255;
	c.recv_posted = 150;
	c.recv_granted = 100;	/* the peer holds plenty */
	KUNIT_EXPECT_FALSE(test, kcifsd_smbd_credits_want_message(&c, false));
	c.recv_granted = 63;	/* a quarter of the target */
	c.recv_posted = 66;	/* two grantable, one spare */
	KUNIT_EXPECT_TRUE(test, kcifsd_smbd_credits_want_message(&c, false));
	KUNIT_EXPECT_FALSE(test, kcifsd_smbd_credits_want_message(&c, true));
	c.recv_posted = 65;	/* one credit would only ping-pong */
	KUNIT_EXPECT_FALSE(test, kcifsd_smbd_credits_want_message(&c, false));
	c.recv_granted = 0;	/* but a dry peer gets even one */
	c.recv_posted = 2;
	KUNIT_EXPECT_TRUE(test, kcifsd_smbd_credits_want_message(&c, false));
	c.recv_posted = 1;	/* only the spare: nothing to grant */
	KUNIT_EXPECT_FALSE(test, kcifsd_smbd_credits_want_message(&c, false));
}

/* RESPONSE_REQUESTED from the peer wants a prompt message, throttled or not. */
static void smbd_credits_response_requested(struct kunit *test)
{
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_send_fields f;
	struct kcifsd_smbd_data_info d;

	server_negotiated(&c, 8, 8);
	d = msg(8, 8, KCIFSD_SMBD_FLAG_RESPONSE_REQUESTED);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	KUNIT_EXPECT_TRUE(test, c.respond);
	KUNIT_EXPECT_TRUE(test, kcifsd_smbd_credits_want_message(&c, true));
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_take(&c, &f), 0);
	/* Answering is not asking: no flag on our message. */
	KUNIT_EXPECT_EQ(test, f.flags, 0);
	KUNIT_EXPECT_FALSE(test, c.respond);
}

/* MS-SMBD 3.1.6.2: idle -> keepalive -> any message -> idle again. */
static void smbd_credits_keepalive(struct kunit *test)
{
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_send_fields f;
	struct kcifsd_smbd_data_info d;

	server_negotiated(&c, 8, 8);
	d = msg(8, 8, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);

	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_idle(&c),
			KCIFSD_SMBD_IDLE_KEEPALIVE);
	KUNIT_EXPECT_TRUE(test, kcifsd_smbd_credits_want_message(&c, true));
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_take(&c, &f), 0);
	KUNIT_EXPECT_EQ(test, f.flags, KCIFSD_SMBD_FLAG_RESPONSE_REQUESTED);
	KUNIT_EXPECT_EQ(test, c.keepalive, KCIFSD_SMBD_KEEPALIVE_SENT);
	/* Only one message carries the flag. */
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_take(&c, &f), 0);
	KUNIT_EXPECT_EQ(test, f.flags, 0);

	/* The peer answered: back to idle. */
	d = msg(8, 1, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&c, &d), 0);
	KUNIT_EXPECT_EQ(test, c.keepalive, KCIFSD_SMBD_KEEPALIVE_NONE);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_idle(&c),
			KCIFSD_SMBD_IDLE_KEEPALIVE);
	/* Not even sent (no credit to send it with): event 453. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_idle(&c),
			KCIFSD_SMBD_IDLE_NO_CREDIT);
	/* Sent, and no answer: event 1000. */
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_take(&c, &f), 0);
	KUNIT_EXPECT_EQ(test, f.flags, KCIFSD_SMBD_FLAG_RESPONSE_REQUESTED);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_credits_idle(&c),
			KCIFSD_SMBD_IDLE_TIMEOUT);
}

/*
 * Two ends and two in-order wires. The client sends requests, the server
 * answers each; both follow every rule the transport follows (post before
 * sending, take or wait, refill and send credit messages after a
 * receive). The hardware check: a message arriving when the receiver has
 * nothing posted is an RNR failure.
 */
#define SIM_WIRE	512

struct sim_msg {
	struct kcifsd_smbd_send_fields f;
	bool data;
};

struct sim_end {
	struct kcifsd_smbd_credits c;
	u16 bufs;		/* receive buffers owned */
	unsigned int data_pending;
	unsigned int data_received;
	struct sim_msg wire[SIM_WIRE];	/* messages this end sent */
	unsigned int head, tail;
};

static bool sim_send(struct kunit *test, struct sim_end *e, bool data)
{
	struct sim_msg *m;
	u16 n;

	n = kcifsd_smbd_credits_to_post(&e->c,
					e->bufs - e->c.recv_posted, false,
					true);
	kcifsd_smbd_credits_posted(&e->c, n);
	if (!kcifsd_smbd_credits_may_send(&e->c))
		return false;
	KUNIT_ASSERT_LT(test, e->tail - e->head, (unsigned int)SIM_WIRE);
	m = &e->wire[e->tail++ % SIM_WIRE];
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_take(&e->c, &m->f), 0);
	m->data = data;
	return true;
}

/*
 * Deliver one message from @from to @to; returns false if none. @to sends
 * a credit message if it wants one and has nothing queued (@queued).
 */
static bool sim_deliver(struct kunit *test, struct sim_end *from,
			struct sim_end *to, bool reply, bool queued)
{
	struct kcifsd_smbd_data_info d;
	struct sim_msg *m;
	u16 n;

	if (from->head == from->tail)
		return false;
	m = &from->wire[from->head++ % SIM_WIRE];
	KUNIT_ASSERT_GT_MSG(test, to->c.recv_posted, 0,
			    "RNR: a message arrived with nothing posted");
	d = msg(m->f.credits_requested, m->f.credits_granted, m->f.flags);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_credits_receive(&to->c, &d), 0);
	if (m->data) {
		to->data_received++;
		if (reply)
			to->data_pending++;
	}
	n = kcifsd_smbd_credits_to_post(&to->c,
					to->bufs - to->c.recv_posted, false,
					false);
	kcifsd_smbd_credits_posted(&to->c, n);
	if (!to->data_pending && !queued &&
	    kcifsd_smbd_credits_want_message(&to->c, false))
		sim_send(test, to, false);
	return true;
}

static void sim_run(struct kunit *test, u16 cli_bufs, u16 srv_bufs,
		    u16 cli_target, unsigned int requests,
		    unsigned int burst)
{
	struct sim_end *cli, *srv;
	unsigned int steps = 0, sent = 0, i;
	bool progress;
	u16 n;

	cli = kunit_kzalloc(test, sizeof(*cli), GFP_KERNEL);
	srv = kunit_kzalloc(test, sizeof(*srv), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cli);
	KUNIT_ASSERT_NOT_NULL(test, srv);
	cli->bufs = cli_bufs;
	srv->bufs = srv_bufs;

	/* Negotiation: each side posted one receive before connecting. */
	kcifsd_smbd_credits_init(&cli->c, cli_bufs, cli_target);
	kcifsd_smbd_credits_init(&srv->c, srv_bufs, 255);
	kcifsd_smbd_credits_posted(&cli->c, 1);
	kcifsd_smbd_credits_posted(&srv->c, 1);
	kcifsd_smbd_credits_negotiated(&srv->c, cli_target);
	n = kcifsd_smbd_credits_to_post(&srv->c, srv_bufs, false, false);
	kcifsd_smbd_credits_posted(&srv->c, n);
	n = kcifsd_smbd_credits_grant_all(&srv->c);
	KUNIT_ASSERT_GT(test, n, 0);
	kcifsd_smbd_credits_negotiated(&cli->c, 255);
	cli->c.send_credits = n;

	while (cli->data_received < requests) {
		progress = false;
		for (i = 0; i < burst && sent < requests; i++) {
			if (!sim_send(test, cli, true))
				break;
			sent++;
			progress = true;
		}
		while (srv->data_pending && sim_send(test, srv, true)) {
			srv->data_pending--;
			progress = true;
		}
		if (sim_deliver(test, cli, srv, true, false))
			progress = true;
		if (sim_deliver(test, srv, cli, false, sent < requests))
			progress = true;
		KUNIT_ASSERT_TRUE_MSG(test, progress,
				      "deadlock after %u steps: %u/%u answered",
				      steps, cli->data_received, requests);
		KUNIT_ASSERT_LT(test, ++steps, 100000U);
	}
	KUNIT_EXPECT_EQ(test, srv->data_received, requests);

	/* Idle again: credit messages must die out, not ping-pong. */
	for (steps = 0; sim_deliver(test, cli, srv, true, false) |
			sim_deliver(test, srv, cli, false, false); steps++)
		KUNIT_ASSERT_LT(test, steps, 1000U);
}

static void smbd_credits_simulation(struct kunit *test)
{
	/*
	 * Generous, tight, lopsided and minimal configurations (three
	 * buffers: two credits and the spare), including a peer that asks
	 * for a single credit.
	 */
	sim_run(test, 255, 255, 255, 2000, 64);
	sim_run(test, 16, 16, 16, 500, 32);
	sim_run(test, 255, 4, 255, 500, 100);
	sim_run(test, 4, 255, 4, 500, 100);
	sim_run(test, 3, 3, 2, 200, 8);
	sim_run(test, 3, 3, 1, 200, 1);
	sim_run(test, 255, 3, 255, 300, 50);
	sim_run(test, 3, 255, 2, 300, 50);
}

static struct kunit_case smbd_credits_cases[] = {
	KUNIT_CASE(smbd_credits_negotiate),
	KUNIT_CASE(smbd_credits_grant_and_spend),
	KUNIT_CASE(smbd_credits_last_credit),
	KUNIT_CASE(smbd_credits_no_credit),
	KUNIT_CASE(smbd_credits_last_without_grant),
	KUNIT_CASE(smbd_credits_grant_overflow),
	KUNIT_CASE(smbd_credits_target_follows_peer),
	KUNIT_CASE(smbd_credits_want_message),
	KUNIT_CASE(smbd_credits_response_requested),
	KUNIT_CASE(smbd_credits_keepalive),
	KUNIT_CASE(smbd_credits_simulation),
	{}
};

static struct kunit_suite smbd_credits_suite = {
	.name = "kcifsd_smbd_credits",
	.test_cases = smbd_credits_cases,
};

kunit_test_suite(smbd_credits_suite);
