// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB Direct receive path (MS-SMBD 3.1.5.6, 3.1.5.8, 3.1.5.9): receive
 * buffers and posting them as the credit rules say, receive completions,
 * and the receive work, which handles the negotiate request and then data
 * transfer messages: it validates each header, does the credit
 * accounting, reassembles fragments into whole SMB messages and hands
 * them to the connection core. Any violation logs its SMBDirect event
 * number and ends the connection.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "net/connection.h"
#include "net/server.h"
#include "net/split.h"
#include "rdma/smbd_transport.h"

/* An SMB message is at least its header (MS-CIFS 2.2.3.1). */
#define SMB_HDR_SIZE	32

static void smbd_recv_done(struct ib_cq *cq, struct ib_wc *wc);

/**
 * kcifsd_smbd_recv_alloc() - add receive buffers to a connection
 * @sc: the connection
 * @count: how many
 * @size: bytes each (at least the negotiated MaxReceiveSize)
 *
 * Buffers are DMA-mapped once and reused for the connection's life; at
 * most @sc->params.recv_credit_max exist.
 *
 * Return: 0, or -ENOMEM (the buffers added so far stay).
 */
int kcifsd_smbd_recv_alloc(struct kcifsd_smbd_conn *sc, unsigned int count,
			   u32 size)
{
	struct ib_device *ibdev = sc->dev->ibdev;
	struct kcifsd_smbd_recv_io *io;

	while (count-- && sc->nr_recv_ios < sc->params.recv_credit_max) {
		io = kzalloc(sizeof(*io), GFP_KERNEL);
		if (!io)
			return -ENOMEM;
		io->buf = kmalloc(size, GFP_KERNEL);
		if (!io->buf)
			goto err_io;
		io->dma = ib_dma_map_single(ibdev, io->buf, size,
					    DMA_FROM_DEVICE);
		if (ib_dma_mapping_error(ibdev, io->dma))
			goto err_buf;
		io->size = size;
		io->sc = sc;
		io->cqe.done = smbd_recv_done;
		sc->recv_ios[sc->nr_recv_ios++] = io;
		spin_lock(&sc->lock);
		list_add_tail(&io->node, &sc->recv_free);
		sc->nr_recv_free++;
		spin_unlock(&sc->lock);
	}
	return 0;

err_buf:
	kfree(io->buf);
err_io:
	kfree(io);
	return -ENOMEM;
}

/**
 * kcifsd_smbd_recv_free_all() - free every receive buffer
 * @sc: the connection; its queue pair is destroyed, nothing is posted
 */
void kcifsd_smbd_recv_free_all(struct kcifsd_smbd_conn *sc)
{
	struct ib_device *ibdev = sc->dev->ibdev;
	struct kcifsd_smbd_recv_io *io;
	unsigned int i;

	for (i = 0; i < sc->nr_recv_ios; i++) {
		io = sc->recv_ios[i];
		ib_dma_unmap_single(ibdev, io->dma, io->size, DMA_FROM_DEVICE);
		kfree(io->buf);
		kfree(io);
	}
	sc->nr_recv_ios = 0;
	INIT_LIST_HEAD(&sc->recv_free);
	INIT_LIST_HEAD(&sc->recv_done);
	INIT_LIST_HEAD(&sc->tail_ios);
	sc->nr_recv_free = 0;
}

/* A buffer's payload has been copied out: it may be posted again. */
static void smbd_recv_put(struct kcifsd_smbd_conn *sc,
			  struct kcifsd_smbd_recv_io *io)
{
	spin_lock(&sc->lock);
	list_add_tail(&io->node, &sc->recv_free);
	sc->nr_recv_free++;
	spin_unlock(&sc->lock);
	/* A sender holding its last credit may be waiting to grant one. */
	wake_up(&sc->send_wq);
}

static int smbd_post_recv_locked(struct kcifsd_smbd_conn *sc,
				 struct kcifsd_smbd_recv_io *io)
{
	struct ib_recv_wr wr = {};
	struct ib_sge sge;

	lockdep_assert_held(&sc->lock);
	ib_dma_sync_single_for_device(sc->dev->ibdev, io->dma, io->size,
				      DMA_FROM_DEVICE);
	sge.addr = io->dma;
	sge.length = io->size;
	sge.lkey = sc->pd->local_dma_lkey;
	wr.wr_cqe = &io->cqe;
	wr.sg_list = &sge;
	wr.num_sge = 1;
	return ib_post_recv(sc->qp, &wr, NULL);
}

/**
 * kcifsd_smbd_recv_refill() - post receives as MS-SMBD 3.1.5.9 says
 * @sc: the connection
 * @sending: a message is about to be sent (at least one receive must then
 *	be posted, and one more that can be granted with our last credit)
 *
 * Only posted receives are ever granted, so the peer's credits are always
 * backed by buffers.
 *
 * Return: receives posted now, -ESHUTDOWN when the connection is going
 * away, or the ib_post_recv() error (event 502; the connection ends).
 */
int kcifsd_smbd_recv_refill(struct kcifsd_smbd_conn *sc, bool sending)
{
	struct kcifsd_smbd_recv_io *io;
	int ret = 0;
	u16 n, posted = 0;

	spin_lock(&sc->lock);
	if (sc->state >= KCIFSD_SMBD_DISCONNECTING) {
		spin_unlock(&sc->lock);
		return -ESHUTDOWN;
	}
	n = kcifsd_smbd_credits_to_post(&sc->credits, sc->nr_recv_free,
					sc->throttled, sending);
	while (posted < n) {
		io = list_first_entry(&sc->recv_free,
				      struct kcifsd_smbd_recv_io, node);
		list_del(&io->node);
		sc->nr_recv_free--;
		ret = smbd_post_recv_locked(sc, io);
		if (ret) {
			list_add(&io->node, &sc->recv_free);
			sc->nr_recv_free++;
			break;
		}
		posted++;
	}
	kcifsd_smbd_credits_posted(&sc->credits, posted);
	spin_unlock(&sc->lock);

	if (ret) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_POST_RECV,
				 "%pISpc: failed to post a receive: %d\n",
				 smbd_peer(sc), ret);
		kcifsd_smbd_disconnect(sc);
		return ret;
	}
	return posted;
}

/* Receive completion (CQ work): queue the buffer for the receive work. */
static void smbd_recv_done(struct ib_cq *cq, struct ib_wc *wc)
{
	struct kcifsd_smbd_recv_io *io =
		container_of(wc->wr_cqe, struct kcifsd_smbd_recv_io, cqe);
	struct kcifsd_smbd_conn *sc = io->sc;

	if (unlikely(wc->status != IB_WC_SUCCESS)) {
		if (wc->status != IB_WC_WR_FLUSH_ERR)
			kcifsd_smbd_warn(KCIFSD_SMBD_EV_RECV_FAILED,
					 "%pISpc: receive failed: %s (vendor error %#x)\n",
					 smbd_peer(sc),
					 ib_wc_status_msg(wc->status),
					 wc->vendor_err);
		spin_lock(&sc->lock);
		list_add_tail(&io->node, &sc->recv_free);
		sc->nr_recv_free++;
		spin_unlock(&sc->lock);
		kcifsd_smbd_disconnect(sc);
		return;
	}
	io->byte_len = min(wc->byte_len, io->size);
	ib_dma_sync_single_for_cpu(sc->dev->ibdev, io->dma, io->byte_len,
				   DMA_FROM_DEVICE);
	spin_lock(&sc->lock);
	list_add_tail(&io->node, &sc->recv_done);
	spin_unlock(&sc->lock);
	kcifsd_smbd_queue(sc, &sc->rx_work);
}

/* ---- the negotiate request ---- */

static int smbd_negotiate_fail(struct kcifsd_smbd_conn *sc, u32 status)
{
	struct kcifsd_smbd_negotiate_rsp rsp;

	kcifsd_smbd_negotiate_rsp_fail(&rsp, status);
	kcifsd_smbd_send_negotiate_rsp(sc, &rsp);
	return -EPROTO;
}

/* MS-SMBD 3.1.5.6. The negotiate receive was posted but never granted. */
static int smbd_recv_negotiate(struct kcifsd_smbd_conn *sc,
			       struct kcifsd_smbd_recv_io *io)
{
	struct kcifsd_smbd_negotiated *neg = &sc->neg;
	struct kcifsd_smbd_negotiate_rsp rsp;
	struct kcifsd_conn *conn = sc->conn;
	u16 granted;
	int ev, ret;

	ev = kcifsd_smbd_negotiate_req_parse(io->buf, io->byte_len,
					     &sc->params, neg);
	if (ev == KCIFSD_SMBD_EV_NO_VERSION) {
		kcifsd_smbd_warn(ev,
				 "%pISpc: no common SMB Direct version: peer %#06x-%#06x, ours 0x0100-0x0100\n",
				 smbd_peer(sc), neg->peer_min_version,
				 neg->peer_max_version);
		return smbd_negotiate_fail(sc, KCIFSD_SMBD_STATUS_NOT_SUPPORTED);
	}
	if (ev) {
		kcifsd_smbd_warn(ev,
				 "%pISpc: protocol violation, invalid negotiate request (%u bytes)\n",
				 smbd_peer(sc), io->byte_len);
		return -EPROTO;
	}

	/* The other receive buffers, now that the size is known. */
	if (kcifsd_smbd_recv_alloc(sc, sc->params.recv_credit_max,
				   neg->max_recv_size))
		pr_warn_ratelimited("smbdirect: %pISpc: only %u receive buffers\n",
				    smbd_peer(sc), sc->nr_recv_ios);
	spin_lock(&sc->lock);
	sc->credits.recv_credit_max = sc->nr_recv_ios;
	kcifsd_smbd_credits_negotiated(&sc->credits, neg->recv_credit_target);
	spin_unlock(&sc->lock);
	smbd_recv_put(sc, io);

	ret = kcifsd_smbd_recv_refill(sc, false);
	if (ret < 0)
		return ret;
	spin_lock(&sc->lock);
	granted = kcifsd_smbd_credits_grant_all(&sc->credits);
	spin_unlock(&sc->lock);
	/* MS-SMBD 3.1.5.6: no receive, no connection. */
	if (!granted)
		return smbd_negotiate_fail(sc,
				KCIFSD_SMBD_STATUS_INSUFFICIENT_RESOURCES);

	kcifsd_smbd_negotiate_rsp_build(&rsp, &sc->params, neg, granted);
	ret = kcifsd_smbd_send_negotiate_rsp(sc, &rsp);
	if (ret)
		return ret;

	/* What the SMB server must keep its messages within. */
	WRITE_ONCE(conn->transport_max_rx, neg->max_fragmented_recv_size);
	WRITE_ONCE(conn->transport_max_tx, neg->max_fragmented_send_size);
	spin_lock(&sc->lock);
	if (sc->state == KCIFSD_SMBD_NEGOTIATING)
		sc->state = KCIFSD_SMBD_CONNECTED;
	spin_unlock(&sc->lock);
	kcifsd_smbd_timer_arm(sc, sc->keepalive_interval);
	kcifsd_smbd_debug(KCIFSD_SMBD_EV_NEGOTIATED,
			  "%pISpc: negotiated version 0x0100, MaxReadWriteSize %u, MaxReceiveSize %u, MaxFragmentedReceiveSize %u, MaxSendSize %u, MaxFragmentedSendSize %u, credits granted %u, target %u\n",
			  smbd_peer(sc), sc->params.max_read_write_size,
			  neg->max_recv_size, neg->max_fragmented_recv_size,
			  neg->max_send_size, neg->max_fragmented_send_size,
			  granted, neg->recv_credit_target);
	kcifsd_smbd_debug(KCIFSD_SMBD_EV_ACCEPT_DONE, "%pISpc: accepted\n",
			  smbd_peer(sc));
	return 0;
}

/* ---- data transfer messages ---- */

static const char *smbd_violation(int ev)
{
	switch (ev) {
	case KCIFSD_SMBD_EV_NO_CREDIT:
		return "peer sent without a send credit";
	case KCIFSD_SMBD_EV_LAST_CREDIT_NO_GRANT:
		return "peer used its last send credit without granting one";
	case KCIFSD_SMBD_EV_REASM_LARGER:
		return "fragments carry more than the first announced";
	case KCIFSD_SMBD_EV_REASM_SMALLER:
		return "fragments carry less than the first announced";
	default:
		return "invalid value";
	}
}

/*
 * The first fragment of a message: check its size, then get the buffer,
 * or for a large WRITE_ANDX whose head is all in this fragment, hand the
 * head on at once and let the payload's fragments wait on @sc->tail_ios
 * for ops->recv_tail, which copies them into the page cache (net/split.h).
 * Return: 0, the head's length if it went to the core, or a negative
 * errno.
 */
static int smbd_reasm_start(struct kcifsd_smbd_conn *sc, const u8 *frag,
			    u32 frag_len)
{
	const struct kcifsd_server_config *cfg = kcifsd_server_cfg();
	u32 total = sc->reasm.total, limit, head;
	u8 *buf;

	limit = min3(READ_ONCE(sc->conn->max_msg_size), cfg->max_msg_size,
		     sc->neg.max_fragmented_recv_size);
	if (total < SMB_HDR_SIZE || total > limit) {
		pr_debug("smbdirect: %pISpc: message length %u outside %u..%u\n",
			 smbd_peer(sc), total, SMB_HDR_SIZE, limit);
		kcifsd_server_count_drop(KCIFSD_DROP_TOO_LONG);
		return -EMSGSIZE;
	}
	head = kcifsd_split_head(frag, frag_len, total);
	if (head && head <= frag_len && head < total) {
		buf = kmemdup(frag, head, GFP_KERNEL);
		if (!buf) {
			kcifsd_server_count_drop(KCIFSD_DROP_NOMEM);
			return -ENOMEM;
		}
		sc->tail_mode = true;
		spin_lock(&sc->lock);
		sc->tail_pending = true;
		spin_unlock(&sc->lock);
		kcifsd_server_count_rx(0, true);
		/* The core owns @buf from here on, even on error. */
		return kcifsd_conn_submit_head(sc->conn, buf, head,
					       total - head, 0) ?: head;
	}
	/* Event 1004 says it better than the allocator's warning. */
	sc->reasm_buf = kvmalloc(total, GFP_KERNEL | __GFP_NOWARN);
	if (sc->reasm_buf)
		return 0;
	kcifsd_smbd_warn(KCIFSD_SMBD_EV_REASM_NOMEM,
			 "%pISpc: cannot allocate a %u-byte reassembly buffer\n",
			 smbd_peer(sc), total);
	kcifsd_server_count_drop(KCIFSD_DROP_NOMEM);
	return -ENOMEM;
}

/* Part of a split message's payload: queue it for ops->recv_tail. */
static void smbd_tail_add(struct kcifsd_smbd_conn *sc,
			  struct kcifsd_smbd_recv_io *io, u32 off, u32 len)
{
	if (!len) {
		smbd_recv_put(sc, io);
		return;
	}
	io->data_off = off;
	io->data_len = len;
	spin_lock(&sc->lock);
	list_add_tail(&io->node, &sc->tail_ios);
	spin_unlock(&sc->lock);
	wake_up(&sc->tail_wq);
}

/* MS-SMBD 3.1.5.8, for one received message. */
static int smbd_recv_data(struct kcifsd_smbd_conn *sc,
			  struct kcifsd_smbd_recv_io *io)
{
	struct kcifsd_smbd_data_info d = {};
	enum kcifsd_smbd_reasm_step step;
	u32 off, len, send_credits, head = 0;
	bool peer_dry;
	void *msg;
	int ev, ret;

	ev = kcifsd_smbd_data_parse(io->buf, io->byte_len,
				    sc->neg.max_fragmented_recv_size, &d);
	if (ev) {
		kcifsd_smbd_warn(ev,
				 "%pISpc: protocol violation, invalid data transfer message: %u bytes, credits requested %u, offset %u, length %u, remaining %u\n",
				 smbd_peer(sc), io->byte_len, d.credits_requested,
				 d.offset, d.length, d.remaining);
		return -EPROTO;
	}
	pr_debug("smbdirect: %pISpc: data in: credits requested %u granted %u flags %#x remaining %u offset %u length %u\n",
		 smbd_peer(sc), d.credits_requested, d.credits_granted,
		 d.flags, d.remaining, d.offset, d.length);

	spin_lock(&sc->lock);
	ev = kcifsd_smbd_credits_receive(&sc->credits, &d);
	peer_dry = !sc->credits.recv_granted;
	send_credits = sc->credits.send_credits;
	spin_unlock(&sc->lock);
	if (ev) {
		kcifsd_smbd_warn(ev, "%pISpc: protocol violation, %s\n",
				 smbd_peer(sc), smbd_violation(ev));
		return -EPROTO;
	}
	if (peer_dry)
		kcifsd_smbd_debug(KCIFSD_SMBD_EV_PEER_LAST_CREDIT,
				  "%pISpc: peer used its last send credit\n",
				  smbd_peer(sc));
	if (d.credits_granted) {
		kcifsd_smbd_debug(KCIFSD_SMBD_EV_GRANT_RECEIVED,
				  "%pISpc: received a grant of %u credits, %u now\n",
				  smbd_peer(sc), d.credits_granted, send_credits);
		wake_up(&sc->send_wq);
	}
	/* Any message ends a keepalive wait and restarts the idle timer. */
	kcifsd_smbd_timer_arm(sc, sc->keepalive_interval);
	kcifsd_server_count_rx(io->byte_len, false);

	ev = kcifsd_smbd_reasm_add(&sc->reasm, &d,
				   sc->neg.max_fragmented_recv_size, &step, &off);
	if (ev) {
		kcifsd_smbd_warn(ev,
				 "%pISpc: protocol violation, %s: %u of %u bytes received, fragment of %u announcing %u more\n",
				 smbd_peer(sc), smbd_violation(ev),
				 sc->reasm.received, sc->reasm.total, d.length,
				 d.remaining);
		return -EPROTO;
	}
	if (step == KCIFSD_SMBD_REASM_FIRST) {
		ret = smbd_reasm_start(sc, io->buf + d.offset, d.length);
		if (ret < 0)
			return ret;
		head = ret;
	}
	if (sc->tail_mode) {
		/* The first fragment's head went with the submit. */
		smbd_tail_add(sc, io, d.offset + head, d.length - head);
	} else {
		if (step != KCIFSD_SMBD_REASM_NONE)
			memcpy(sc->reasm_buf + off, io->buf + d.offset,
			       d.length);
		smbd_recv_put(sc, io);
	}

	if (!kcifsd_smbd_reasm_complete(&sc->reasm))
		return 0;
	if (sc->tail_mode) {
		sc->tail_mode = false;
		kcifsd_smbd_reasm_reset(&sc->reasm);
		return 0;
	}
	msg = sc->reasm_buf;
	len = sc->reasm.total;
	sc->reasm_buf = NULL;
	kcifsd_smbd_reasm_reset(&sc->reasm);
	kcifsd_server_count_rx(0, true);
	/* The core owns @msg from here on, even on error. */
	return kcifsd_conn_submit(sc->conn, msg, len);
}

/**
 * kcifsd_smbd_rx_work() - process completed receives in order
 * @w: the connection's rx_work
 *
 * Waits for RDMA_CM_EVENT_ESTABLISHED before the negotiate request. After
 * the messages: repost receives (fewer while the SMB server applies
 * MaxMpxCount backpressure, which makes the peer run out of credits the
 * way a full TCP window would) and, when the peer asked for a response or
 * runs short of credits, let the send work send a message without
 * payload.
 */
void kcifsd_smbd_rx_work(struct work_struct *w)
{
	struct kcifsd_smbd_conn *sc = container_of(w, struct kcifsd_smbd_conn,
						   rx_work);
	struct kcifsd_smbd_recv_io *io;
	enum kcifsd_smbd_state state;
	bool throttled, want;
	int ret;

	for (;;) {
		spin_lock(&sc->lock);
		state = sc->state;
		/* A split message's payload first (ops->recv_tail requeues). */
		if (state == KCIFSD_SMBD_ACCEPTING ||
		    state >= KCIFSD_SMBD_DISCONNECTING ||
		    list_empty(&sc->recv_done) ||
		    (sc->tail_pending && !sc->tail_mode)) {
			spin_unlock(&sc->lock);
			break;
		}
		io = list_first_entry(&sc->recv_done,
				      struct kcifsd_smbd_recv_io, node);
		list_del(&io->node);
		spin_unlock(&sc->lock);

		if (state == KCIFSD_SMBD_NEGOTIATING)
			ret = smbd_recv_negotiate(sc, io);
		else
			ret = smbd_recv_data(sc, io);
		if (ret) {
			kcifsd_smbd_disconnect(sc);
			return;
		}
	}
	if (state != KCIFSD_SMBD_CONNECTED)
		return;

	throttled = !kcifsd_conn_may_receive(sc->conn);
	spin_lock(&sc->lock);
	sc->throttled = throttled;
	spin_unlock(&sc->lock);
	if (kcifsd_smbd_recv_refill(sc, false) < 0)
		return;
	spin_lock(&sc->lock);
	want = kcifsd_smbd_credits_want_message(&sc->credits, throttled);
	spin_unlock(&sc->lock);
	if (want)
		kcifsd_smbd_queue(sc, &sc->send_work);
}

/*
 * The next buffer of a split message's payload, with @sc->io_rwsem held
 * for reading (the teardown frees the buffers under it for writing);
 * NULL, without it, when the connection goes or nothing came in time.
 */
static struct kcifsd_smbd_recv_io *smbd_tail_next(struct kcifsd_smbd_conn *sc,
						   long *timeout)
{
	struct kcifsd_smbd_recv_io *io;

	for (;;) {
		*timeout = wait_event_timeout(sc->tail_wq,
				!list_empty_careful(&sc->tail_ios) ||
				READ_ONCE(sc->state) >=
				KCIFSD_SMBD_DISCONNECTING, *timeout);
		down_read(&sc->io_rwsem);
		spin_lock(&sc->lock);
		if (sc->state >= KCIFSD_SMBD_DISCONNECTING) {
			spin_unlock(&sc->lock);
			break;
		}
		io = list_first_entry_or_null(&sc->tail_ios,
					      struct kcifsd_smbd_recv_io, node);
		if (io) {
			list_del(&io->node);
			spin_unlock(&sc->lock);
			return io;
		}
		spin_unlock(&sc->lock);
		up_read(&sc->io_rwsem);
		if (!*timeout)
			return NULL;
	}
	up_read(&sc->io_rwsem);
	*timeout = 1;	/* not a timeout: the connection goes */
	return NULL;
}

/**
 * kcifsd_smbd_recv_tail() - ops->recv_tail: a split message's payload
 * @conn: the connection
 * @len: bytes of payload (what the first fragment announced, minus the
 *	head: the fragments add up to it, reassembly checked that)
 * @actor: takes each buffer's part in order (NULL: drop it)
 * @ctx: for @actor
 *
 * Runs in the worker that handles the request, while the receive work
 * goes on queueing the message's fragments. Each buffer is given back to
 * be posted again as soon as @actor is done with it, so the client's
 * credits come back while the write goes on. The payload goes from the
 * receive buffer straight to @actor: the only copy.
 *
 * Return: 0, -ETIMEDOUT if no fragment came for the send timeout, or
 * -ESHUTDOWN when the connection goes.
 */
int kcifsd_smbd_recv_tail(struct kcifsd_conn *conn, size_t len,
			  kcifsd_tail_actor_t actor, void *ctx)
{
	struct kcifsd_smbd_conn *sc = conn->transport;
	unsigned int secs = kcifsd_server_cfg()->send_timeout;
	struct kcifsd_smbd_recv_io *io;
	struct iov_iter from;
	struct kvec kv;
	long timeout;
	int ret = 0;
	u32 n;

	while (len) {
		timeout = secs ? (long)secs * HZ : MAX_SCHEDULE_TIMEOUT;
		io = smbd_tail_next(sc, &timeout);
		if (!io) {
			ret = timeout ? -ESHUTDOWN : -ETIMEDOUT;
			break;
		}
		n = min_t(size_t, io->data_len, len);
		if (actor) {
			kv.iov_base = io->buf + io->data_off;
			kv.iov_len = n;
			iov_iter_kvec(&from, ITER_SOURCE, &kv, 1, n);
			actor(ctx, &from);
		}
		smbd_recv_put(sc, io);
		up_read(&sc->io_rwsem);
		len -= n;
		/* Repost the buffer, grant the credit back. */
		kcifsd_smbd_queue(sc, &sc->rx_work);
	}
	spin_lock(&sc->lock);
	sc->tail_pending = false;
	spin_unlock(&sc->lock);
	kcifsd_smbd_queue(sc, &sc->rx_work);
	return ret;
}
