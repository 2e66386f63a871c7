// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB Direct initiator (MS-SMBD 3.1.4.1, 3.1.5) over librdmacm and
 * libibverbs: connect, negotiate, then whole SMB messages split into data
 * transfer messages and reassembled from them. The credit rules, header
 * validation, fragmentation and reassembly are the server's own code
 * (rdma/smbd_credits.c, rdma/smbd_data.c, built here against small
 * userspace shims), so this is a peer that enforces exactly what kcifsd
 * enforces. It also misbehaves on request (smbd_abuse_run()), to test
 * that the server catches each violation.
 *
 * One connection belongs to one thread; waiting means polling the CQ,
 * blocking on its completion channel and the CM event channel.
 */

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <infiniband/verbs.h>
#include <rdma/rdma_cma.h>

#include "rdma/smbd_proto.h"
#include "smb1.h"
#include "util.h"
#include "xport.h"

#define WR_RECV		(1ULL << 32)
/* Room in each send buffer beyond MaxSendSize, for ABUSE_OVERSIZED_SEND. */
#define SEND_SLACK	4096
/* A peer that grants no credit for this long is broken. */
#define CREDIT_WAIT_MS	30000

struct smsg {
	struct smsg *next;
	uint8_t *p;
	size_t len;
};

struct smbd {
	struct xport x;
	struct smbd_opts o;
	struct rdma_event_channel *ech;
	struct rdma_cm_id *id;
	struct ibv_pd *pd;
	struct ibv_comp_channel *cc;
	struct ibv_cq *cq;
	struct ibv_qp *qp;
	struct ibv_mr *rmr, *smr;
	uint8_t *rslab, *sslab;
	unsigned int nr_recv, nr_send;
	uint32_t rsize, ssize;
	uint16_t *rfree, *sfree;
	unsigned int nr_rfree, nr_sfree;
	unsigned int outstanding;

	struct kcifsd_smbd_negotiated neg;
	struct kcifsd_smbd_credits c;
	struct kcifsd_smbd_reasm r;
	uint8_t *rbuf;
	struct smsg *qhead, **qtail;

	bool negotiated;
	bool in_send;
	bool dead;
	char why[200];
	uint8_t neg_rsp[64];
	uint32_t neg_rsp_len;
	bool neg_rsp_got;
	uint32_t server_status;
};

static void smbd_fail(struct smbd *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void smbd_fail(struct smbd *s, const char *fmt, ...)
{
	va_list ap;

	if (s->dead)
		return;
	s->dead = true;
	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
	dbg("rdma: %s", s->why);
}

static const char *cm_event_name(enum rdma_cm_event_type e)
{
	return rdma_event_str(e);
}

/* Wait for the next CM event; returns its type or -1 on timeout/error. */
static int smbd_cm_wait(struct smbd *s, int timeout_ms, int *status)
{
	struct pollfd pfd = { .fd = s->ech->fd, .events = POLLIN };
	struct rdma_cm_event *ev;
	int type, r;

	for (;;) {
		if (!rdma_get_cm_event(s->ech, &ev)) {
			type = ev->event;
			if (status)
				*status = ev->status;
			rdma_ack_cm_event(ev);
			return type;
		}
		if (errno != EAGAIN)
			return -1;
		r = poll(&pfd, 1, timeout_ms);
		if (r <= 0)
			return -1;
	}
}

static uint8_t *rbuf_of(struct smbd *s, unsigned int i)
{
	return s->rslab + (size_t)i * s->rsize;
}

static uint8_t *sbuf_of(struct smbd *s, unsigned int i)
{
	return s->sslab + (size_t)i * s->ssize;
}

static int smbd_post_recv(struct smbd *s, unsigned int i)
{
	struct ibv_sge sge = {
		.addr = (uintptr_t)rbuf_of(s, i),
		.length = s->rsize,
		.lkey = s->rmr->lkey,
	};
	struct ibv_recv_wr wr = {
		.wr_id = WR_RECV | i, .sg_list = &sge, .num_sge = 1,
	}, *bad;

	return ibv_post_recv(s->qp, &wr, &bad);
}

/* Post receives as the credit rules say (MS-SMBD 3.1.5.9). */
static int smbd_refill(struct smbd *s, bool sending)
{
	uint16_t n = kcifsd_smbd_credits_to_post(&s->c, s->nr_rfree, false,
						 sending);
	uint16_t i;

	for (i = 0; i < n; i++) {
		if (smbd_post_recv(s, s->rfree[s->nr_rfree - 1])) {
			smbd_fail(s, "cannot post a receive");
			break;
		}
		s->nr_rfree--;
	}
	kcifsd_smbd_credits_posted(&s->c, i);
	return s->dead ? -EIO : 0;
}

/* Post a chain of sends from slots @slot[0..n-1] of lengths @len[]. */
static int smbd_post_sends(struct smbd *s, const unsigned int *slot,
			   const uint32_t *len, unsigned int n)
{
	struct ibv_send_wr wr[8], *bad;
	struct ibv_sge sge[8];
	unsigned int i;

	for (i = 0; i < n; i++) {
		sge[i].addr = (uintptr_t)sbuf_of(s, slot[i]);
		sge[i].length = len[i];
		sge[i].lkey = s->smr->lkey;
		memset(&wr[i], 0, sizeof(wr[i]));
		wr[i].wr_id = slot[i];
		wr[i].sg_list = &sge[i];
		wr[i].num_sge = 1;
		wr[i].opcode = IBV_WR_SEND;
		wr[i].send_flags = IBV_SEND_SIGNALED;
		wr[i].next = i + 1 < n ? &wr[i + 1] : NULL;
	}
	if (ibv_post_send(s->qp, wr, &bad)) {
		smbd_fail(s, "cannot post a send");
		return -EIO;
	}
	s->outstanding += n;
	return 0;
}

static void smbd_queue_msg(struct smbd *s, uint8_t *p, size_t len)
{
	struct smsg *m = xmalloc(sizeof(*m));

	m->p = p;
	m->len = len;
	m->next = NULL;
	*s->qtail = m;
	s->qtail = &m->next;
}

/* MS-SMBD 3.1.5.8 for one received data transfer message. */
static void smbd_recv_data(struct smbd *s, const uint8_t *buf, uint32_t len)
{
	struct kcifsd_smbd_data_info d = {};
	enum kcifsd_smbd_reasm_step step;
	uint32_t off;
	int ev;

	ev = kcifsd_smbd_data_parse(buf, len, s->neg.max_fragmented_recv_size,
				    &d);
	if (ev) {
		smbd_fail(s, "server sent an invalid data transfer message (event %d): %u bytes, offset %u, length %u, remaining %u",
			  ev, len, d.offset, d.length, d.remaining);
		return;
	}
	ev = kcifsd_smbd_credits_receive(&s->c, &d);
	if (ev) {
		smbd_fail(s, "server broke the credit rules (event %d)", ev);
		return;
	}
	ev = kcifsd_smbd_reasm_add(&s->r, &d, s->neg.max_fragmented_recv_size,
				   &step, &off);
	if (ev) {
		smbd_fail(s, "server fragments inconsistent (event %d)", ev);
		return;
	}
	if (step == KCIFSD_SMBD_REASM_FIRST)
		s->rbuf = xmalloc(s->r.total);
	if (step != KCIFSD_SMBD_REASM_NONE)
		memcpy(s->rbuf + off, buf + d.offset, d.length);
	if (kcifsd_smbd_reasm_complete(&s->r)) {
		smbd_queue_msg(s, s->rbuf, s->r.total);
		s->rbuf = NULL;
		kcifsd_smbd_reasm_reset(&s->r);
	}
}

static void smbd_handle_wc(struct smbd *s, const struct ibv_wc *wc)
{
	unsigned int i = wc->wr_id & 0xffffffff;

	if (wc->status != IBV_WC_SUCCESS) {
		if (!(wc->wr_id & WR_RECV)) {
			s->sfree[s->nr_sfree++] = i;
			s->outstanding--;
		} else {
			s->rfree[s->nr_rfree++] = i;
		}
		smbd_fail(s, "%s completed with error: %s",
			  wc->wr_id & WR_RECV ? "receive" : "send",
			  ibv_wc_status_str(wc->status));
		return;
	}
	if (!(wc->wr_id & WR_RECV)) {
		s->sfree[s->nr_sfree++] = i;
		s->outstanding--;
		return;
	}
	if (!s->negotiated) {
		/* The negotiate response: kept for smbd_negotiate(). */
		s->neg_rsp_len = wc->byte_len < sizeof(s->neg_rsp) ?
				 wc->byte_len : sizeof(s->neg_rsp);
		memcpy(s->neg_rsp, rbuf_of(s, i), s->neg_rsp_len);
		s->neg_rsp_got = true;
	} else {
		smbd_recv_data(s, rbuf_of(s, i), wc->byte_len);
	}
	s->rfree[s->nr_rfree++] = i;
}

static int smbd_send_empty(struct smbd *s);

/*
 * Reap completions, waiting up to @timeout_ms (0: just look, -1: forever)
 * if there are none. Afterwards repost receives and send a message without
 * payload if one is owed (a response, or credits the server runs out of).
 */
static int smbd_progress(struct smbd *s, int timeout_ms)
{
	struct pollfd pfd[2];
	struct ibv_wc wc[16];
	struct rdma_cm_event *ev;
	struct ibv_cq *ev_cq;
	void *ev_ctx;
	int n, i;

	if (s->dead)
		return -EIO;
	n = ibv_poll_cq(s->cq, 16, wc);
	if (!n && timeout_ms) {
		ibv_req_notify_cq(s->cq, 0);
		n = ibv_poll_cq(s->cq, 16, wc);
		if (!n) {
			pfd[0].fd = s->cc->fd;
			pfd[0].events = POLLIN;
			pfd[1].fd = s->ech->fd;
			pfd[1].events = POLLIN;
			if (poll(pfd, 2, timeout_ms) < 0 && errno != EINTR)
				smbd_fail(s, "poll: %s", strerror(errno));
			if (pfd[0].revents & POLLIN &&
			    !ibv_get_cq_event(s->cc, &ev_cq, &ev_ctx))
				ibv_ack_cq_events(ev_cq, 1);
			if (pfd[1].revents & POLLIN &&
			    !rdma_get_cm_event(s->ech, &ev)) {
				if (ev->event == RDMA_CM_EVENT_DISCONNECTED ||
				    ev->event == RDMA_CM_EVENT_DEVICE_REMOVAL)
					smbd_fail(s, "server disconnected");
				rdma_ack_cm_event(ev);
			}
			n = ibv_poll_cq(s->cq, 16, wc);
		}
	}
	if (n < 0) {
		smbd_fail(s, "cannot poll the CQ");
		return -EIO;
	}
	for (i = 0; i < n; i++)
		smbd_handle_wc(s, &wc[i]);
	if (s->dead || !s->negotiated)
		return s->dead ? -EIO : n;
	if (smbd_refill(s, false))
		return -EIO;
	if (!s->in_send && s->o.abuse == ABUSE_NONE &&
	    kcifsd_smbd_credits_want_message(&s->c, false) &&
	    kcifsd_smbd_credits_may_send(&s->c) && s->nr_sfree &&
	    s->outstanding < s->nr_send)
		smbd_send_empty(s);
	return s->dead ? -EIO : n;
}

/* Wait for a send credit and a free send buffer, then take the credit. */
static int smbd_take(struct smbd *s, struct kcifsd_smbd_send_fields *f)
{
	uint64_t end = now_ns() + (uint64_t)CREDIT_WAIT_MS * 1000000;

	for (;;) {
		if (smbd_refill(s, true))
			return -EIO;
		if (s->nr_sfree && s->outstanding < s->nr_send &&
		    !kcifsd_smbd_credits_take(&s->c, f))
			return 0;
		if (now_ns() > end) {
			smbd_fail(s, "server granted no send credit in %d s",
				  CREDIT_WAIT_MS / 1000);
			return -ETIMEDOUT;
		}
		if (smbd_progress(s, 100) < 0)
			return -EIO;
	}
}

static int smbd_send_empty(struct smbd *s)
{
	struct kcifsd_smbd_send_fields f;
	unsigned int slot;
	uint32_t len;

	if (kcifsd_smbd_credits_take(&s->c, &f))
		return -EAGAIN;
	slot = s->sfree[--s->nr_sfree];
	len = kcifsd_smbd_data_build((void *)sbuf_of(s, slot),
				     f.credits_requested, f.credits_granted,
				     f.flags, 0, 0);
	return smbd_post_sends(s, &slot, &len, 1);
}

/* One upper-layer message, as data transfer messages (MS-SMBD 3.1.4.2). */
static int smbd_send(struct xport *x, const uint8_t *msg, size_t len)
{
	struct smbd *s = (struct smbd *)x;
	struct kcifsd_smbd_send_fields f;
	struct kcifsd_smbd_frag fr;
	uint32_t n, rem, hlen, done = 0;
	unsigned int slot;
	int ret;

	if (s->dead)
		return -EIO;
	if (len > UINT32_MAX || kcifsd_smbd_frag_init(&fr, len, &s->neg))
		return -EMSGSIZE;
	s->in_send = true;
	while (kcifsd_smbd_frag_next(&fr, 0, &n, &rem)) {
		ret = smbd_take(s, &f);
		if (ret)
			break;
		slot = s->sfree[--s->nr_sfree];
		hlen = kcifsd_smbd_data_build((void *)sbuf_of(s, slot),
					      f.credits_requested,
					      f.credits_granted, f.flags, rem,
					      n);
		memcpy(sbuf_of(s, slot) + hlen, msg + done, n);
		done += n;
		hlen += n;
		ret = smbd_post_sends(s, &slot, &hlen, 1);
		if (ret)
			break;
	}
	s->in_send = false;
	return s->dead ? -EIO : 0;
}

static int smbd_recv(struct xport *x, uint8_t **msg, size_t *len,
		     int timeout_ms)
{
	struct smbd *s = (struct smbd *)x;
	uint64_t end = timeout_ms < 0 ? UINT64_MAX :
		       now_ns() + (uint64_t)timeout_ms * 1000000;
	struct smsg *m;
	uint64_t now;
	int left;

	while (!s->qhead) {
		now = now_ns();
		if (now >= end)
			return -ETIMEDOUT;
		left = end == UINT64_MAX ? 1000 :
		       (int)((end - now) / 1000000) + 1;
		if (smbd_progress(s, left) < 0)
			return -EIO;
	}
	m = s->qhead;
	s->qhead = m->next;
	if (!s->qhead)
		s->qtail = &s->qhead;
	*msg = m->p;
	*len = m->len;
	free(m);
	return 0;
}

static void smbd_destroy(struct smbd *s)
{
	struct smsg *m;

	if (s->qp)
		rdma_destroy_qp(s->id);
	if (s->rmr)
		ibv_dereg_mr(s->rmr);
	if (s->smr)
		ibv_dereg_mr(s->smr);
	if (s->cq)
		ibv_destroy_cq(s->cq);
	if (s->cc)
		ibv_destroy_comp_channel(s->cc);
	if (s->pd)
		ibv_dealloc_pd(s->pd);
	if (s->id)
		rdma_destroy_id(s->id);
	if (s->ech)
		rdma_destroy_event_channel(s->ech);
	while ((m = s->qhead)) {
		s->qhead = m->next;
		free(m->p);
		free(m);
	}
	free(s->rbuf);
	free(s->rslab);
	free(s->sslab);
	free(s->rfree);
	free(s->sfree);
	free(s);
}

/*
 * Disconnect and wait (up to @ms) for the CM to report it done. Destroying
 * the CM id at once would cancel a disconnect request still queued for
 * sending, and the server would see the connection end only when its
 * keepalive fails instead of at once (event 400).
 */
static void smbd_disconnect_wait(struct smbd *s, int ms)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000;
	struct rdma_cm_event *ev;
	struct pollfd pfd;
	bool done = false;

	if (rdma_disconnect(s->id))
		return;
	while (!done && now_ns() < end) {
		pfd.fd = s->ech->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 100) <= 0 || rdma_get_cm_event(s->ech, &ev))
			continue;
		done = ev->event == RDMA_CM_EVENT_DISCONNECTED ||
		       ev->event == RDMA_CM_EVENT_DEVICE_REMOVAL;
		rdma_ack_cm_event(ev);
	}
}

static void smbd_close(struct xport *x)
{
	struct smbd *s = (struct smbd *)x;

	if (!s->dead) {
		/* Let queued sends complete before saying goodbye. */
		while (s->outstanding && smbd_progress(s, 100) >= 0)
			;
		smbd_disconnect_wait(s, 5000);
	}
	smbd_destroy(s);
}

static const struct xport_ops smbd_ops = {
	.send = smbd_send,
	.recv = smbd_recv,
	.close = smbd_close,
};

/* Resolve, create the queue pair and buffers, connect (MS-SMBD 3.1.4.1). */
static struct smbd *smbd_setup(const char *host, const char *port,
			       const struct smbd_opts *o)
{
	struct rdma_conn_param param = {};
	struct ibv_qp_init_attr attr = {};
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *res;
	struct smbd *s;
	unsigned int i;
	int ret, type, status = 0;

	s = xzalloc(sizeof(*s));
	s->o = *o;
	s->x.ops = &smbd_ops;
	s->x.name = "rdma";
	s->qtail = &s->qhead;
	s->nr_recv = o->credits;
	s->nr_send = o->credits_requested + 8;
	s->rsize = o->recv_size;
	s->ssize = o->send_size + SEND_SLACK;

	s->ech = rdma_create_event_channel();
	if (!s->ech)
		die("rdma: no event channel (is rdma_ucm loaded?): %s",
		    strerror(errno));
	fcntl(s->ech->fd, F_SETFL, fcntl(s->ech->fd, F_GETFL) | O_NONBLOCK);
	if (rdma_create_id(s->ech, &s->id, s, RDMA_PS_TCP))
		die("rdma: rdma_create_id: %s", strerror(errno));

	ret = getaddrinfo(host, port, &hints, &res);
	if (ret)
		die("%s: %s", host, gai_strerror(ret));
	ret = rdma_resolve_addr(s->id, NULL, res->ai_addr, o->timeout_ms);
	freeaddrinfo(res);
	if (ret)
		die("rdma: cannot resolve %s: %s", host, strerror(errno));
	type = smbd_cm_wait(s, o->timeout_ms, &status);
	if (type != RDMA_CM_EVENT_ADDR_RESOLVED)
		die("rdma: resolving %s: %s (%d)", host,
		    type < 0 ? "timed out" : cm_event_name(type), status);
	if (rdma_resolve_route(s->id, o->timeout_ms))
		die("rdma: rdma_resolve_route: %s", strerror(errno));
	type = smbd_cm_wait(s, o->timeout_ms, &status);
	if (type != RDMA_CM_EVENT_ROUTE_RESOLVED)
		die("rdma: route to %s: %s (%d)", host,
		    type < 0 ? "timed out" : cm_event_name(type), status);

	s->pd = ibv_alloc_pd(s->id->verbs);
	s->cc = ibv_create_comp_channel(s->id->verbs);
	if (!s->pd || !s->cc)
		die("rdma: cannot allocate a PD or completion channel");
	fcntl(s->cc->fd, F_SETFL, fcntl(s->cc->fd, F_GETFL) | O_NONBLOCK);
	s->cq = ibv_create_cq(s->id->verbs, s->nr_recv + s->nr_send + 2, NULL,
			      s->cc, 0);
	if (!s->cq)
		die("rdma: cannot create a CQ: %s", strerror(errno));
	attr.send_cq = s->cq;
	attr.recv_cq = s->cq;
	attr.cap.max_send_wr = s->nr_send;
	attr.cap.max_recv_wr = s->nr_recv + 1;
	attr.cap.max_send_sge = 1;
	attr.cap.max_recv_sge = 1;
	attr.qp_type = IBV_QPT_RC;
	if (rdma_create_qp(s->id, s->pd, &attr))
		die("rdma: cannot create a queue pair: %s", strerror(errno));
	s->qp = s->id->qp;

	s->rslab = xmalloc((size_t)s->nr_recv * s->rsize);
	s->sslab = xmalloc((size_t)s->nr_send * s->ssize);
	s->rmr = ibv_reg_mr(s->pd, s->rslab, (size_t)s->nr_recv * s->rsize,
			    IBV_ACCESS_LOCAL_WRITE);
	s->smr = ibv_reg_mr(s->pd, s->sslab, (size_t)s->nr_send * s->ssize, 0);
	if (!s->rmr || !s->smr)
		die("rdma: cannot register memory: %s", strerror(errno));
	s->rfree = xmalloc(s->nr_recv * sizeof(*s->rfree));
	s->sfree = xmalloc(s->nr_send * sizeof(*s->sfree));
	for (i = 0; i < s->nr_recv; i++)
		s->rfree[s->nr_rfree++] = s->nr_recv - 1 - i;
	for (i = 0; i < s->nr_send; i++)
		s->sfree[s->nr_sfree++] = s->nr_send - 1 - i;

	kcifsd_smbd_credits_init(&s->c, s->nr_recv, o->credits_requested);
	/* MS-SMBD 3.1.4.1: the negotiate response's receive, before connect. */
	if (smbd_post_recv(s, s->rfree[--s->nr_rfree]))
		die("rdma: cannot post a receive");
	kcifsd_smbd_credits_posted(&s->c, 1);

	/* No RDMA read/write: SMB1 uses sends only. */
	param.retry_count = 6;
	/* Abuse cases may outrun the server's receives on purpose. */
	param.rnr_retry_count = o->abuse == ABUSE_NONE ? 0 : 7;
	if (rdma_connect(s->id, &param))
		die("rdma: rdma_connect: %s", strerror(errno));
	type = smbd_cm_wait(s, o->timeout_ms, &status);
	if (type != RDMA_CM_EVENT_ESTABLISHED)
		die("rdma: connecting to %s port %s: %s (%d)", host, port,
		    type < 0 ? "timed out" : cm_event_name(type), status);
	return s;
}

/* Send the negotiate request (MS-SMBD 2.2.1) and wait for the response. */
static int smbd_negotiate_exchange(struct smbd *s, uint16_t min_v,
				   uint16_t max_v, uint16_t credits,
				   uint32_t len)
{
	unsigned int slot = s->sfree[--s->nr_sfree];
	uint8_t *p = sbuf_of(s, slot);
	uint64_t end = now_ns() + (uint64_t)s->o.timeout_ms * 1000000;
	uint32_t frag = s->o.fragmented_size;

	if (!frag)
		frag = kcifsd_smbd_fragmented_default(s->nr_recv, s->rsize);
	memset(p, 0, 32);
	put16(p, min_v);
	put16(p + 2, max_v);
	put16(p + 6, credits);
	put32(p + 8, s->o.send_size);
	put32(p + 12, s->rsize);
	put32(p + 16, frag);
	s->neg.max_fragmented_recv_size = frag;
	if (smbd_post_sends(s, &slot, &len, 1))
		return -EIO;
	while (!s->neg_rsp_got) {
		if (now_ns() > end) {
			smbd_fail(s, "no negotiate response");
			return -ETIMEDOUT;
		}
		if (smbd_progress(s, 100) < 0)
			return -EIO;
	}
	return 0;
}

/* MS-SMBD 3.1.5.7: check the negotiate response and take its values. */
static int smbd_negotiate_finish(struct smbd *s)
{
	const uint8_t *r = s->neg_rsp;
	uint16_t granted, requested;
	uint32_t max_recv, max_frag, pref_send;

	if (s->neg_rsp_len < 32) {
		smbd_fail(s, "negotiate response of %u bytes", s->neg_rsp_len);
		return -EPROTO;
	}
	s->server_status = get32(r + 12);
	if (s->server_status) {
		smbd_fail(s, "server refused the negotiation: status %#010x, versions %#06x-%#06x",
			  s->server_status, get16(r), get16(r + 2));
		return -EPROTO;
	}
	requested = get16(r + 8);
	granted = get16(r + 10);
	pref_send = get32(r + 20);
	max_recv = get32(r + 24);
	max_frag = get32(r + 28);
	if (get16(r + 4) != KCIFSD_SMBD_VERSION_1 || !granted || !requested ||
	    max_recv < KCIFSD_SMBD_MIN_RECEIVE_SIZE ||
	    max_frag < KCIFSD_SMBD_MIN_FRAGMENTED_SIZE ||
	    pref_send > s->rsize) {
		smbd_fail(s, "invalid negotiate response: version %#06x, credits %u/%u, sizes %u %u %u",
			  get16(r + 4), requested, granted, pref_send,
			  max_recv, max_frag);
		return -EPROTO;
	}
	s->neg.max_send_size = s->o.send_size < max_recv ? s->o.send_size :
							   max_recv;
	s->neg.max_recv_size = s->rsize;
	s->neg.max_fragmented_send_size = max_frag;
	kcifsd_smbd_credits_negotiated(&s->c, requested);
	s->c.send_credits = granted;
	s->negotiated = true;
	s->x.max_send = max_frag;
	s->x.max_recv = s->neg.max_fragmented_recv_size;
	dbg("rdma: negotiated: send %u (server receives %u), receive %u, fragmented send %u receive %u, credits %u granted, %u requested",
	    s->neg.max_send_size, max_recv, s->rsize, max_frag,
	    s->neg.max_fragmented_recv_size, granted, requested);
	return smbd_refill(s, false);
}

struct xport *smbd_connect(const char *host, const char *port,
			   const struct smbd_opts *o)
{
	struct smbd *s = smbd_setup(host, port, o);

	if (smbd_negotiate_exchange(s, KCIFSD_SMBD_VERSION_1,
				    KCIFSD_SMBD_VERSION_1,
				    o->credits_requested,
				    KCIFSD_SMBD_NEGOTIATE_REQ_SIZE) ||
	    smbd_negotiate_finish(s))
		die("rdma: %s", s->why);
	return &s->x;
}

/* ---- misbehaviour ---- */

static const char *const abuse_names[] = {
	[ABUSE_NONE] = "none",
	[ABUSE_WRONG_VERSION] = "wrong-version",
	[ABUSE_SHORT_NEGOTIATE] = "short-negotiate",
	[ABUSE_ZERO_CREDITS_REQUESTED] = "zero-credits-requested",
	[ABUSE_NO_NEGOTIATE] = "no-negotiate",
	[ABUSE_NO_CREDIT] = "no-credit",
	[ABUSE_LAST_CREDIT_NO_GRANT] = "last-credit-no-grant",
	[ABUSE_NO_GRANT] = "no-grant",
	[ABUSE_BAD_OFFSET] = "bad-offset",
	[ABUSE_OVER_MAX_FRAGMENTED] = "over-max-fragmented",
	[ABUSE_FRAGMENT_LARGER] = "fragment-larger",
	[ABUSE_FRAGMENT_SMALLER] = "fragment-smaller",
	[ABUSE_OVERSIZED_SEND] = "oversized-send",
	[ABUSE_NO_KEEPALIVE_RESPONSE] = "no-keepalive-response",
	[ABUSE_DISCONNECT_MID] = "disconnect-mid",
};

static const char *const abuse_help[] = {
	[ABUSE_WRONG_VERSION] = "negotiate version 0x0200 only (event 306)",
	[ABUSE_SHORT_NEGOTIATE] = "a 10-byte negotiate request (event 1001)",
	[ABUSE_ZERO_CREDITS_REQUESTED] = "negotiate asking for 0 credits (event 1001)",
	[ABUSE_NO_NEGOTIATE] = "connect and stay silent (event 353)",
	[ABUSE_NO_CREDIT] = "send one message more than granted (event 454)",
	[ABUSE_LAST_CREDIT_NO_GRANT] = "spend the last credit without granting one (event 455)",
	[ABUSE_NO_GRANT] = "send a NEGOTIATE but never grant the server a credit (event 453)",
	[ABUSE_BAD_OFFSET] = "DataOffset 20, not 8-byte aligned (event 1001)",
	[ABUSE_OVER_MAX_FRAGMENTED] = "announce more than MaxFragmentedSize (event 1001)",
	[ABUSE_FRAGMENT_LARGER] = "fragments carry more than announced (event 1002)",
	[ABUSE_FRAGMENT_SMALLER] = "fragments carry less than announced (event 1003)",
	[ABUSE_OVERSIZED_SEND] = "a message larger than the server's MaxReceiveSize (event 503)",
	[ABUSE_NO_KEEPALIVE_RESPONSE] = "ignore the server's keepalive (event 1000)",
	[ABUSE_DISCONNECT_MID] = "disconnect in the middle of a fragmented message (event 400)",
};

const char *smbd_abuse_name(enum smbd_abuse a)
{
	return abuse_names[a];
}

enum smbd_abuse smbd_abuse_parse(const char *name)
{
	unsigned int i;

	for (i = 1; i < sizeof(abuse_names) / sizeof(abuse_names[0]); i++)
		if (!strcmp(name, abuse_names[i]))
			return i;
	die("unknown --abuse case '%s' (see --abuse list)", name);
}

void smbd_abuse_list(void)
{
	unsigned int i;

	for (i = 1; i < sizeof(abuse_names) / sizeof(abuse_names[0]); i++)
		printf("  %-24s %s\n", abuse_names[i], abuse_help[i]);
}

/* A raw data transfer message in a send buffer; returns its length. */
static uint32_t raw_data(struct smbd *s, unsigned int slot, uint16_t granted,
			 uint32_t remaining, uint32_t offset, uint32_t length,
			 uint32_t bytes)
{
	uint8_t *p = sbuf_of(s, slot);

	memset(p, 0, 24);
	put16(p, s->o.credits_requested);
	put16(p + 2, granted);
	put32(p + 8, remaining);
	put32(p + 12, offset);
	put32(p + 16, length);
	if (bytes > 24)
		pattern_fill(p + 24, 0, bytes - 24, 1);
	return bytes;
}

static int send_raw(struct smbd *s, uint16_t granted, uint32_t remaining,
		    uint32_t offset, uint32_t length, uint32_t bytes)
{
	unsigned int slot;

	if (!s->nr_sfree)
		return -ENOBUFS;
	slot = s->sfree[--s->nr_sfree];
	bytes = raw_data(s, slot, granted, remaining, offset, length, bytes);
	return smbd_post_sends(s, &slot, &bytes, 1);
}

/* Wait for the server to drop us; returns 0 if it did within @ms. */
static int wait_dropped(struct smbd *s, int ms, bool reap)
{
	uint64_t start = now_ns(), end = start + (uint64_t)ms * 1000000;
	struct rdma_cm_event *ev;
	struct pollfd pfd;

	while (!s->dead && now_ns() < end) {
		if (reap) {
			smbd_progress(s, 100);
			continue;
		}
		pfd.fd = s->ech->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 100) > 0 && !rdma_get_cm_event(s->ech, &ev)) {
			if (ev->event == RDMA_CM_EVENT_DISCONNECTED)
				smbd_fail(s, "server disconnected");
			rdma_ack_cm_event(ev);
		}
	}
	if (!s->dead) {
		printf("server kept the connection for %d s\n", ms / 1000);
		return 1;
	}
	printf("server dropped the connection after %.1f s: %s\n",
	       (now_ns() - start) / 1e9, s->why);
	return 0;
}

/* Spend @n credits on messages without payload that grant nothing. */
static int spend(struct smbd *s, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (send_raw(s, 0, 0, 0, 0, KCIFSD_SMBD_DATA_MIN_SIZE))
			return -EIO;
		s->c.send_credits--;
		while (s->outstanding > s->nr_send / 2)
			if (smbd_progress(s, 100) < 0)
				return -EIO;
	}
	return 0;
}

/**
 * smbd_abuse_run() - break one MS-SMBD rule and see the server react
 * @host: server address
 * @port: its SMB Direct port
 * @o: our parameters; @o->abuse says what to do
 *
 * Return: 0 if the server dropped the connection (what it must do), 1
 * if it did not, or exits on setup errors.
 */
int smbd_abuse_run(const char *host, const char *port,
		   const struct smbd_opts *o)
{
	uint32_t a, frag, max_payload;
	unsigned int slots[2];
	uint32_t lens[2];
	struct smbd *s;
	struct buf echo;	/* the request of ABUSE_NO_GRANT */
	int ret = 0, wait_ms = 20000;

	s = smbd_setup(host, port, o);
	switch (o->abuse) {
	case ABUSE_NO_NEGOTIATE:
		/* The server's negotiate timer may be longer than 5 s. */
		printf("connected, sending nothing\n");
		ret = wait_dropped(s, 3 * wait_ms, false);
		goto out;
	case ABUSE_WRONG_VERSION:
		smbd_negotiate_exchange(s, 0x0200, 0x0200,
					o->credits_requested, 20);
		if (s->neg_rsp_got && s->neg_rsp_len >= 32)
			printf("negotiate response: status %#010x, versions %#06x-%#06x\n",
			       get32(s->neg_rsp + 12), get16(s->neg_rsp),
			       get16(s->neg_rsp + 2));
		ret = wait_dropped(s, wait_ms, false);
		goto out;
	case ABUSE_SHORT_NEGOTIATE:
		smbd_negotiate_exchange(s, 0x0100, 0x0100,
					o->credits_requested, 10);
		ret = wait_dropped(s, wait_ms, false);
		goto out;
	case ABUSE_ZERO_CREDITS_REQUESTED:
		smbd_negotiate_exchange(s, 0x0100, 0x0100, 0, 20);
		ret = wait_dropped(s, wait_ms, false);
		goto out;
	default:
		break;
	}

	if (smbd_negotiate_exchange(s, 0x0100, 0x0100, o->credits_requested,
				    20) || smbd_negotiate_finish(s))
		die("rdma: %s", s->why);
	max_payload = s->neg.max_send_size - KCIFSD_SMBD_DATA_OFFSET;
	printf("negotiated: %u send credits, MaxSendSize %u, server MaxFragmentedSize %u\n",
	       s->c.send_credits, s->neg.max_send_size,
	       s->neg.max_fragmented_send_size);

	switch (o->abuse) {
	case ABUSE_LAST_CREDIT_NO_GRANT:
		spend(s, s->c.send_credits);
		break;
	case ABUSE_NO_CREDIT:
		/*
		 * Spend all but one credit granting nothing, so the server
		 * cannot send (and grant) meanwhile; then the last credit,
		 * legally granting one, and right behind it, in the same
		 * post, a message without a credit. It lands in the spare
		 * receive the server keeps for exactly this.
		 */
		if (spend(s, s->c.send_credits - 1))
			break;
		usleep(300000);
		slots[0] = s->sfree[--s->nr_sfree];
		slots[1] = s->sfree[--s->nr_sfree];
		lens[0] = raw_data(s, slots[0], 1, 0, 0, 0, 20);
		lens[1] = raw_data(s, slots[1], 0, 0, 0, 0, 20);
		smbd_post_sends(s, slots, lens, 2);
		break;
	case ABUSE_NO_GRANT:
		/* A request the server must answer, but it gets no credit. */
		buf_init(&echo, 128);
		smb1_build_negotiate(NULL, &echo, 1);
		raw_data(s, s->sfree[s->nr_sfree - 1], 0, 0, 24, echo.len,
			 24 + echo.len);
		memcpy(sbuf_of(s, s->sfree[s->nr_sfree - 1]) + 24, echo.p,
		       echo.len);
		slots[0] = s->sfree[--s->nr_sfree];
		lens[0] = 24 + echo.len;
		buf_free(&echo);
		smbd_post_sends(s, slots, lens, 1);
		break;
	case ABUSE_BAD_OFFSET:
		send_raw(s, 1, 0, 20, 8, 64);
		break;
	case ABUSE_OVER_MAX_FRAGMENTED:
		send_raw(s, 1, s->neg.max_fragmented_send_size, 24, 100, 124);
		break;
	case ABUSE_FRAGMENT_LARGER:
	case ABUSE_FRAGMENT_SMALLER:
		a = max_payload / 2 < 1000 ? max_payload / 2 : 1000;
		send_raw(s, 1, a, 24, a, 24 + a);
		if (o->abuse == ABUSE_FRAGMENT_LARGER)
			send_raw(s, 1, 0, 24, a + a / 2, 24 + a + a / 2);
		else
			send_raw(s, 1, 0, 24, a / 2, 24 + a / 2);
		break;
	case ABUSE_OVERSIZED_SEND:
		frag = s->neg.max_send_size + 512;
		send_raw(s, 1, 0, 24, frag - 24, frag);
		break;
	case ABUSE_NO_KEEPALIVE_RESPONSE:
		/* Grant credits (so the server can ask), then stop listening. */
		send_raw(s, kcifsd_smbd_credits_grant_all(&s->c), 0, 0, 0, 20);
		printf("granted credits, now ignoring the server\n");
		ret = wait_dropped(s, 60000, false);
		goto out;
	case ABUSE_DISCONNECT_MID:
		/*
		 * Four fragments, 32 KiB at most: a size the server takes
		 * before a logon (66560 bytes), so the disconnect is the only
		 * thing wrong. A larger message it refuses on the first
		 * fragment itself, and its own disconnect then races ours
		 * (no event 400 when it wins).
		 */
		a = max_payload < 8192 ? max_payload : 8192;
		send_raw(s, kcifsd_smbd_credits_grant_all(&s->c), 3 * a, 24, a,
			 24 + a);
		while (s->outstanding && smbd_progress(s, 100) >= 0)
			;
		printf("sent the first of 4 fragments, disconnecting\n");
		smbd_disconnect_wait(s, 10000);
		goto out;
	default:
		break;
	}
	ret = wait_dropped(s, wait_ms, o->abuse != ABUSE_NO_GRANT);
out:
	smbd_destroy(s);
	return ret;
}
