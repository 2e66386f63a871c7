// SPDX-License-Identifier: GPL-2.0-only
/*
 * TCP: the listening sockets, accept, and the receive and send paths of
 * Direct TCP (port 445, MS-SMB 2.1) and of the NetBIOS session service
 * (port 139, RFC 1002; its own rules live in net/nbt.c).
 *
 * No thread per connection and no blocking read: socket callbacks queue a
 * receive work, which reads with MSG_DONTWAIT into per-connection parse
 * state and returns when the socket is empty, so a slow or silent client
 * never holds a worker. Sends block, but at most send_timeout without
 * progress.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/err.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "net/connection.h"
#include "net/server.h"
#include "net/split.h"
#include "net/tcp_transport.h"
#include "net/worker.h"

/* An SMB message is at least its header (MS-CIFS 2.2.3.1). */
#define SMB_HDR_SIZE		32
/* Pending connections the kernel queues for accept. */
#define LISTEN_BACKLOG		128
/* Connections accepted per accept-work run before yielding. */
#define ACCEPT_BUDGET		32
/* Socket reads per receive-work run before yielding to other clients. */
#define RX_BUDGET		32
/* TCP keepalive: first probe after 2 min idle, dead after 4 more at 30 s. */
#define KEEPALIVE_IDLE		120
#define KEEPALIVE_INTVL		30
#define KEEPALIVE_COUNT		4

/* A payload's socket buffers nest frag lists no deeper than this. */
#define TAIL_MAX_DEPTH		4

/**
 * struct tcp_listener - one listening socket
 * @sock: the socket
 * @netbios: port 139 (RFC 1002 framing) rather than Direct TCP
 * @accept_work: accepts pending connections
 * @saved_data_ready: the socket's callback before ours
 */
struct tcp_listener {
	struct socket *sock;
	bool netbios;
	struct work_struct accept_work;
	void (*saved_data_ready)(struct sock *sk);
};

static struct tcp_listener *listeners[2];

static const struct kcifsd_transport_ops tcp_ops;
static const struct kcifsd_transport_ops nbt_ops;

/* ---- socket callbacks (softirq) ---- */

static void conn_data_ready(struct sock *sk)
{
	struct kcifsd_tcp_conn *t;

	read_lock_bh(&sk->sk_callback_lock);
	t = sk->sk_user_data;
	/* While a payload is read in conn_recv_tail(), wake that reader. */
	if (t && READ_ONCE(t->tail_pending))
		t->saved_data_ready(sk);
	else if (t)
		kcifsd_queue_rx(&t->rx_work);
	read_unlock_bh(&sk->sk_callback_lock);
}

/* Peer closed or reset: let the receive work notice, and wake senders. */
static void conn_state_change(struct sock *sk)
{
	void (*orig)(struct sock *sk);
	struct kcifsd_tcp_conn *t;

	read_lock_bh(&sk->sk_callback_lock);
	t = sk->sk_user_data;
	if (t) {
		kcifsd_queue_rx(&t->rx_work);
		orig = t->saved_state_change;
	} else {
		orig = sk->sk_state_change;
	}
	read_unlock_bh(&sk->sk_callback_lock);
	if (orig && orig != conn_state_change)
		orig(sk);
}

/* Accepted sockets are clones of the listener and start with its callback
 * and sk_user_data: only a listening socket may use them.
 */
static void listener_data_ready(struct sock *sk)
{
	struct tcp_listener *l;

	read_lock_bh(&sk->sk_callback_lock);
	l = sk->sk_user_data;
	if (l && sk->sk_state == TCP_LISTEN)
		kcifsd_queue_ctl(&l->accept_work);
	read_unlock_bh(&sk->sk_callback_lock);
}

static void conn_restore_callbacks(struct kcifsd_tcp_conn *t)
{
	struct sock *sk = t->sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	t->dead = true;
	if (t->callbacks_set) {
		sk->sk_data_ready = t->saved_data_ready;
		sk->sk_state_change = t->saved_state_change;
		sk->sk_user_data = NULL;
		t->callbacks_set = false;
	}
	write_unlock_bh(&sk->sk_callback_lock);
}

/* ---- receive path (rx work) ---- */

static int tcp_recv(struct kcifsd_tcp_conn *t, void *buf, size_t len)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	int n;

	n = kernel_recvmsg(t->sock, &msg, &iov, 1, len, msg.msg_flags);
	if (n == 0)
		return -ECONNRESET;
	if (n > 0)
		kcifsd_server_count_rx(n, false);
	return n;
}

static void tcp_rx_reset(struct kcifsd_tcp_conn *t)
{
	t->hdr_got = 0;
	t->buf = NULL;
	t->len = 0;
	t->got = 0;
	t->want = 0;
	t->split = KCIFSD_SPLIT_NONE;
	t->ctl = false;
}

static const u8 nbt_keepalive[KCIFSD_FRAME_HDR_SIZE] = {
	KCIFSD_NBT_SESSION_KEEP_ALIVE, 0, 0, 0
};

/* A framing header is complete: check it and prepare for the body. */
static int tcp_rx_header(struct kcifsd_tcp_conn *t)
{
	const struct kcifsd_server_config *cfg = kcifsd_server_cfg();
	struct kcifsd_conn *conn = t->conn;
	u32 len, limit;
	int what;
	u8 type;

	/* Some SMB1 clients (Samba's among them) send the NetBIOS keepalive
	 * on port 445 too. It is not Direct TCP framing, but it carries
	 * nothing, so it is ignored as Samba does instead of dropping a
	 * long-lived idle client.
	 */
	if (!t->netbios && !memcmp(t->hdr, nbt_keepalive, sizeof(nbt_keepalive))) {
		tcp_rx_reset(t);
		return 0;
	}
	if (kcifsd_frame_parse(t->hdr, t->netbios, &type, &len)) {
		pr_debug("%pISpc: bad framing header %*ph\n", &conn->peer,
			 KCIFSD_FRAME_HDR_SIZE, t->hdr);
		kcifsd_server_count_drop(KCIFSD_DROP_BAD_FRAME);
		return -EPROTO;
	}
	what = t->netbios ? kcifsd_nbt_rx_header(t, type, len) :
			    KCIFSD_RX_MESSAGE;
	if (what < 0)
		return what;
	if (what == KCIFSD_RX_NONE) {
		tcp_rx_reset(t);
		return 0;
	}
	if (what == KCIFSD_RX_CONTROL) {
		/* nbt.c bounded @len to a session request's size. */
		t->buf = kmalloc(len, GFP_KERNEL);
		t->ctl = true;
	} else {
		limit = min3(READ_ONCE(conn->max_msg_size), cfg->max_msg_size,
			     t->netbios ? KCIFSD_FRAME_NBT_MAX_LEN :
					  KCIFSD_FRAME_TCP_MAX_LEN);
		if (len < SMB_HDR_SIZE || len > limit) {
			pr_debug("%pISpc: message length %u outside %u..%u\n",
				 &conn->peer, len, SMB_HDR_SIZE, limit);
			kcifsd_server_count_drop(KCIFSD_DROP_TOO_LONG);
			return -EMSGSIZE;
		}
		if (len - SMB_HDR_SIZE >= KCIFSD_SPLIT_MIN_PAYLOAD) {
			/* Maybe a large write (net/split.h): its head first. */
			t->buf = kmalloc(KCIFSD_SPLIT_HEAD_MAX, GFP_KERNEL);
			t->split = KCIFSD_SPLIT_WC;
		} else {
			t->buf = kvmalloc(len, GFP_KERNEL);
		}
	}
	if (!t->buf) {
		kcifsd_server_count_drop(KCIFSD_DROP_NOMEM);
		return -ENOMEM;
	}
	t->len = len;
	t->got = 0;
	t->want = t->split ? KCIFSD_SPLIT_PEEK : len;
	return 0;
}

/* Not a message to split after all: read the rest of it whole. */
static int tcp_rx_unsplit(struct kcifsd_tcp_conn *t)
{
	u8 *buf = kvmalloc(t->len, GFP_KERNEL);

	if (!buf) {
		kcifsd_server_count_drop(KCIFSD_DROP_NOMEM);
		return -ENOMEM;
	}
	memcpy(buf, t->buf, t->got);
	kfree(t->buf);
	t->buf = buf;
	t->want = t->len;
	t->split = KCIFSD_SPLIT_NONE;
	return 0;
}

/* What a split write may run in this receive work with (the send space
 * for its reply, kcifsd_conn_submit_head()): nothing unless its whole
 * payload is in already. The receive work must not wait for a client:
 * one that trickles its data is served by a pool thread, as before.
 * tcp_inq() without the socket lock may read low, never high.
 */
static unsigned int tcp_rx_inline_room(struct kcifsd_tcp_conn *t, u32 tail)
{
	struct sock *sk = t->sock->sk;

	if (tcp_inq(sk) < tail)
		return 0;
	return max(sk_stream_wspace(sk), 0);
}

/* The next part of a split candidate's head is in: go on, give up
 * (tcp_rx_unsplit()), or hand the head on with the data left on the
 * socket. Only the layout is checked here; fs/ validates the request as
 * it validates every other (the ByteCount and DataLength against the
 * message's whole length).
 */
static int tcp_rx_split_step(struct kcifsd_tcp_conn *t)
{
	const u8 *b = t->buf;
	u32 head, tail;
	u8 *buf;

	switch (t->split) {
	case KCIFSD_SPLIT_WC:
		t->want = kcifsd_split_words_end(b);
		if (!t->want)
			return tcp_rx_unsplit(t);
		t->split = KCIFSD_SPLIT_WORDS;
		return 0;
	case KCIFSD_SPLIT_WORDS:
		head = kcifsd_split_head(b, t->got, t->len);
		if (!head)
			return tcp_rx_unsplit(t);
		t->want = head;
		t->split = KCIFSD_SPLIT_HEAD;
		return 0;
	}
	buf = t->buf;
	head = t->got;
	tail = t->len - head;
	tcp_rx_reset(t);
	kcifsd_server_count_rx(0, true);
	/* Before the submit: the handler may take the tail at once, even
	 * before it returns (a plain write runs in this work, see
	 * kcifsd_conn_submit_head()).
	 */
	WRITE_ONCE(t->tail_pending, true);
	return kcifsd_conn_submit_head(t->conn, buf, head, tail,
				       tcp_rx_inline_room(t, tail));
}

/* A body is complete: hand the message on or act on the control packet. */
static int tcp_rx_body(struct kcifsd_tcp_conn *t)
{
	u8 *buf = t->buf;
	u32 len = t->len;
	int ret;

	if (t->ctl) {
		ret = kcifsd_nbt_rx_control(t, buf, len);
		kfree(buf);
		tcp_rx_reset(t);
		return ret;
	}
	tcp_rx_reset(t);
	kcifsd_server_count_rx(0, true);
	/* The core owns @buf from here on, even on error. A query may be
	 * answered before this returns (we are the receive work), if its
	 * reply fits the socket's free send space.
	 */
	return kcifsd_conn_submit_inline(t->conn, buf, len,
					 max(sk_stream_wspace(t->sock->sk), 0));
}

/* Read what the socket has toward the current header or body. */
static int tcp_rx_step(struct kcifsd_tcp_conn *t)
{
	int n;

	if (!t->buf) {
		n = tcp_recv(t, t->hdr + t->hdr_got,
			     KCIFSD_FRAME_HDR_SIZE - t->hdr_got);
		if (n < 0)
			return n;
		t->hdr_got += n;
		if (t->hdr_got < KCIFSD_FRAME_HDR_SIZE)
			return 0;
		return tcp_rx_header(t);
	}
	if (t->got < t->want) {
		n = tcp_recv(t, t->buf + t->got, t->want - t->got);
		if (n < 0)
			return n;
		t->got += n;
		if (t->got < t->want)
			return 0;
	}
	if (t->split)
		return tcp_rx_split_step(t);
	return tcp_rx_body(t);
}

/* Part of a message is in, the rest is not: acknowledge what we have now,
 * not when the delayed-ACK timer fires. Request/reply traffic puts TCP in
 * pingpong mode, where the ACK waits to ride on our reply; a client that
 * runs Nagle's algorithm (the kernel cifs client does) keeps the small
 * last segment of a large request until its data before is acknowledged,
 * so each large write would stall for the delayed-ACK timeout.
 */
static void tcp_rx_ack_now(struct kcifsd_tcp_conn *t)
{
	tcp_sock_set_quickack(t->sock->sk, 1);
}

static void tcp_rx_work(struct work_struct *w)
{
	struct kcifsd_tcp_conn *t = container_of(w, struct kcifsd_tcp_conn,
						 rx_work);
	struct kcifsd_conn *conn = t->conn;
	unsigned int budget = RX_BUDGET;
	int ret;

	if (t->rx_done)
		return;
	for (;;) {
		if (READ_ONCE(t->dead) ||
		    READ_ONCE(conn->phase) == KCIFSD_PHASE_EXITING)
			break;
		/* A payload on the socket: conn_recv_tail() queues us again. */
		if (READ_ONCE(t->tail_pending))
			return;
		/* Backpressure: ops->resume_rx queues us again. */
		if (!kcifsd_conn_may_receive(conn))
			return;
		if (!budget--) {
			kcifsd_queue_rx(&t->rx_work);
			return;
		}
		ret = tcp_rx_step(t);
		if (ret == -EAGAIN) {
			if (t->hdr_got)
				tcp_rx_ack_now(t);
			return;
		}
		if (ret < 0) {
			pr_debug("%pISpc: receive ends: %d\n", &conn->peer, ret);
			kcifsd_conn_disconnect(conn);
			break;
		}
	}
	/* The transport's reference; release waits for this work to end. */
	t->rx_done = true;
	kcifsd_conn_put(conn);
}

/* ---- send path (worker, under conn->send_lock) ---- */

/* Send all of @msg; no progress for send_timeout is -ETIMEDOUT. */
static int tcp_send_iter(struct kcifsd_tcp_conn *t, struct msghdr *msg)
{
	int n;

	while (msg_data_left(msg)) {
		n = sock_sendmsg(t->sock, msg);
		if (n > 0)
			continue;
		if (n == -EAGAIN) {
			kcifsd_server_count_drop(KCIFSD_DROP_SEND_TIMEOUT);
			return -ETIMEDOUT;
		}
		return n ? n : -EPIPE;
	}
	return 0;
}

static int tcp_send_kvec(struct kcifsd_tcp_conn *t, struct kvec *iov,
			 unsigned int nr, size_t len, int more)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL | more };

	iov_iter_kvec(&msg.msg_iter, ITER_SOURCE, iov, nr, len);
	return tcp_send_iter(t, &msg);
}

/* File data goes by reference (kernel_sendpage), one page at a time so a
 * multi-page bvec works too; pages that may not be referenced (slab) are
 * copied.
 */
static int tcp_send_bvec(struct kcifsd_tcp_conn *t, const struct bio_vec *bv,
			 int more)
{
	struct page *page = bv->bv_page + bv->bv_offset / PAGE_SIZE;
	size_t off = bv->bv_offset % PAGE_SIZE, left = bv->bv_len;
	int flags, n;

	while (left) {
		size_t chunk = min_t(size_t, left, PAGE_SIZE - off);

		flags = MSG_NOSIGNAL | (chunk < left ? MSG_MORE : more);
		if (sendpage_ok(page)) {
			n = kernel_sendpage(t->sock, page, off, chunk, flags);
		} else {
			struct bio_vec one = {
				.bv_page = page, .bv_offset = off,
				.bv_len = chunk,
			};
			struct msghdr msg = { .msg_flags = flags };

			iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, &one, 1,
				      chunk);
			n = tcp_send_iter(t, &msg);
			n = n ? n : chunk;
		}
		if (n == -EAGAIN) {
			kcifsd_server_count_drop(KCIFSD_DROP_SEND_TIMEOUT);
			return -ETIMEDOUT;
		}
		if (n <= 0)
			return n ? n : -EPIPE;
		off += n;
		left -= n;
		if (off == PAGE_SIZE) {
			page++;
			off = 0;
		}
	}
	return 0;
}

static int conn_send(struct kcifsd_conn *conn, struct kvec *iov,
		     unsigned int nr_iov, struct bio_vec *bvec,
		     unsigned int nr_bvec)
{
	struct kcifsd_tcp_conn *t = conn->transport;
	u32 max = t->netbios ? KCIFSD_FRAME_NBT_MAX_LEN :
			       KCIFSD_FRAME_TCP_MAX_LEN;
	u8 hdr[KCIFSD_FRAME_HDR_SIZE];
	struct kvec hvec = { .iov_base = hdr, .iov_len = sizeof(hdr) };
	size_t iov_len = 0, total;
	unsigned int i;
	int ret;

	for (i = 0; i < nr_iov; i++)
		iov_len += iov[i].iov_len;
	total = iov_len;
	for (i = 0; i < nr_bvec; i++)
		total += bvec[i].bv_len;
	if (WARN_ON_ONCE(total > max))
		return -EMSGSIZE;

	kcifsd_frame_build(hdr, t->netbios, KCIFSD_NBT_SESSION_MESSAGE, total);
	/* MSG_MORE on all but the last piece: one reply, few segments. */
	ret = tcp_send_kvec(t, &hvec, 1, sizeof(hdr), total ? MSG_MORE : 0);
	if (!ret && iov_len)
		ret = tcp_send_kvec(t, iov, nr_iov, iov_len,
				    nr_bvec ? MSG_MORE : 0);
	for (i = 0; !ret && i < nr_bvec; i++)
		ret = tcp_send_bvec(t, &bvec[i],
				    i + 1 < nr_bvec ? MSG_MORE : 0);
	if (!ret)
		kcifsd_server_count_tx(sizeof(hdr) + total);
	return ret;
}

/**
 * kcifsd_tcp_send_raw() - send a short transport control packet
 * @t: the connection
 * @buf: the packet, framing included (a NetBIOS session response)
 * @len: its length
 *
 * Used only before any SMB message was accepted, so no reply can be in
 * flight; does not block: a full socket buffer at that point is an error.
 *
 * Return: 0 or a negative errno.
 */
int kcifsd_tcp_send_raw(struct kcifsd_tcp_conn *t, const void *buf,
			size_t len)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	struct kvec iov = { .iov_base = (void *)buf, .iov_len = len };
	int n;

	n = kernel_sendmsg(t->sock, &msg, &iov, 1, len);
	if (n < 0)
		return n;
	if (n != len)
		return -EAGAIN;
	kcifsd_server_count_tx(len);
	return 0;
}

/* ---- a split message's payload (worker, from kcifsd_work_recv_tail) ---- */

/**
 * struct tcp_tail - one ops->recv_tail call
 * @t: the connection
 * @actor: takes the payload (NULL: dropped)
 * @ctx: the actor's context
 * @nr: entries of t->tail_vec filled
 * @bytes: bytes they cover
 * @err: the payload could not be described (frag lists nested too deep)
 */
struct tcp_tail {
	struct kcifsd_tcp_conn *t;
	kcifsd_tail_actor_t actor;
	void *ctx;
	unsigned int nr;
	size_t bytes;
	int err;
};

static void tcp_tail_flush(struct tcp_tail *tt)
{
	struct iov_iter iter;

	if (!tt->nr)
		return;
	iov_iter_bvec(&iter, ITER_SOURCE, tt->t->tail_vec, tt->nr, tt->bytes);
	tt->actor(tt->ctx, &iter);
	tt->nr = 0;
	tt->bytes = 0;
}

static void tcp_tail_add(struct tcp_tail *tt, struct page *page,
			 unsigned int off, unsigned int len)
{
	struct bio_vec *bv;

	if (tt->nr == KCIFSD_TCP_TAIL_VECS)
		tcp_tail_flush(tt);
	bv = &tt->t->tail_vec[tt->nr++];
	bv->bv_page = page;
	bv->bv_offset = off;
	bv->bv_len = len;
	tt->bytes += len;
}

/* Describe @len bytes of @skb from @offset as pages (its linear part,
 * its page frags, its frag list) for the actor: the actor's copy into
 * the page cache is the only one.
 */
static void tcp_tail_skb(struct tcp_tail *tt, const struct sk_buff *skb,
			 unsigned int offset, size_t len, unsigned int depth)
{
	unsigned int start = skb_headlen(skb), i, o, n;
	const struct sk_buff *frag;

	if (depth > TAIL_MAX_DEPTH) {
		tt->err = -EMSGSIZE;
		return;
	}
	if (len && offset < start) {
		const u8 *p = skb->data + offset;

		n = min_t(size_t, len, start - offset);
		tcp_tail_add(tt, virt_to_page(p), offset_in_page(p), n);
		offset += n;
		len -= n;
	}
	for (i = 0; len && i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];

		if (offset < start + skb_frag_size(f)) {
			o = offset - start;
			n = min_t(size_t, len, skb_frag_size(f) - o);
			tcp_tail_add(tt, skb_frag_page(f), skb_frag_off(f) + o,
				     n);
			offset += n;
			len -= n;
		}
		start += skb_frag_size(f);
	}
	skb_walk_frags(skb, frag) {
		if (!len)
			break;
		if (offset < start + frag->len) {
			o = offset - start;
			n = min_t(size_t, len, frag->len - o);
			tcp_tail_skb(tt, frag, o, n, depth + 1);
			offset += n;
			len -= n;
		}
		start += frag->len;
	}
}

/* tcp_read_sock() actor: hand on what the payload still needs. */
static int tcp_tail_recv(read_descriptor_t *rd, struct sk_buff *skb,
			 unsigned int offset, size_t len)
{
	struct tcp_tail *tt = rd->arg.data;

	len = min(len, rd->count);
	if (tt->actor) {
		tcp_tail_skb(tt, skb, offset, len, 0);
		/* The skb is freed once we return. */
		tcp_tail_flush(tt);
	}
	rd->count -= len;
	return len;
}

/**
 * conn_recv_tail() - ops->recv_tail for TCP
 * @conn: the connection; its receive work waits (t->tail_pending)
 * @len: the payload's length
 * @actor: gets the payload straight from the socket buffers, or NULL
 * @ctx: for @actor
 *
 * tcp_read_sock() under the socket lock, so the socket buffers are
 * handed over by reference and the actor's write is the one copy; the
 * lock is dropped between reads so packets queued meanwhile are taken in.
 * Waits for the rest with the send timeout.
 *
 * Return: 0, -ECONNRESET (closed or reset before the end), -ETIMEDOUT,
 * or another socket error.
 */
static int conn_recv_tail(struct kcifsd_conn *conn, size_t len,
			  kcifsd_tail_actor_t actor, void *ctx)
{
	const struct kcifsd_server_config *cfg = kcifsd_server_cfg();
	struct kcifsd_tcp_conn *t = conn->transport;
	struct tcp_tail tt = { .t = t, .actor = actor, .ctx = ctx };
	read_descriptor_t rd = { .arg.data = &tt, .count = len };
	struct sock *sk = t->sock->sk;
	long timeo = cfg->send_timeout ? cfg->send_timeout * HZ :
					 MAX_SCHEDULE_TIMEOUT;
	int ret = 0, n;

	lock_sock(sk);
	while (rd.count) {
		n = tcp_read_sock(sk, &rd, tcp_tail_recv);
		if (n > 0) {
			kcifsd_server_count_rx(n, false);
			/* Let the packets queued meanwhile in. */
			release_sock(sk);
			lock_sock(sk);
			continue;
		}
		if (n < 0) {
			ret = n;
			break;
		}
		if (READ_ONCE(t->dead) || sk->sk_err ||
		    (sk->sk_shutdown & RCV_SHUTDOWN)) {
			ret = -ECONNRESET;
			break;
		}
		if (!timeo) {
			kcifsd_server_count_drop(KCIFSD_DROP_SEND_TIMEOUT);
			ret = -ETIMEDOUT;
			break;
		}
		release_sock(sk);
		tcp_rx_ack_now(t);
		lock_sock(sk);
		sk_wait_data(sk, &timeo, NULL);
	}
	release_sock(sk);
	WRITE_ONCE(t->tail_pending, false);
	/* In the receive work itself (a write it runs), it reads on. */
	if (current_work() != &t->rx_work)
		kcifsd_queue_rx(&t->rx_work);
	return ret ? ret : tt.err;
}

/* ---- transport ops ---- */

static void conn_resume_rx(struct kcifsd_conn *conn)
{
	struct kcifsd_tcp_conn *t = conn->transport;

	kcifsd_queue_rx(&t->rx_work);
}

/* Bytes on the socket not read yet (the next message, or more of it). */
static bool conn_rx_pending(struct kcifsd_conn *conn)
{
	struct kcifsd_tcp_conn *t = conn->transport;

	return !skb_queue_empty_lockless(&t->sock->sk->sk_receive_queue);
}

/* Stop all I/O: senders wake with an error, the receive work ends. */
static void conn_shutdown(struct kcifsd_conn *conn)
{
	struct kcifsd_tcp_conn *t = conn->transport;
	bool was_set;

	was_set = READ_ONCE(t->callbacks_set);
	conn_restore_callbacks(t);
	kernel_sock_shutdown(t->sock, SHUT_RDWR);
	/* Without callbacks yet, tcp_conn_start() queues the work itself. */
	if (was_set)
		kcifsd_queue_rx(&t->rx_work);
}

static void conn_release(struct kcifsd_conn *conn)
{
	struct kcifsd_tcp_conn *t = conn->transport;

	conn_restore_callbacks(t);
	cancel_work_sync(&t->rx_work);
	sock_release(t->sock);
	kvfree(t->buf);
	kfree(t);
}

static const struct kcifsd_transport_ops tcp_ops = {
	.name = "tcp",
	.empty_messages = true,
	.send = conn_send,
	.resume_rx = conn_resume_rx,
	.recv_tail = conn_recv_tail,
	.rx_pending = conn_rx_pending,
	.shutdown = conn_shutdown,
	.release = conn_release,
};

static const struct kcifsd_transport_ops nbt_ops = {
	.name = "nbt",
	.empty_messages = true,
	.send = conn_send,
	.resume_rx = conn_resume_rx,
	.recv_tail = conn_recv_tail,
	.rx_pending = conn_rx_pending,
	.shutdown = conn_shutdown,
	.release = conn_release,
};

/* ---- accept ---- */

/* IPv4 clients of a dual-stack socket count and log as IPv4. */
static void peer_normalize(struct sockaddr_storage *ss)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	__be32 v4;
	__be16 port;

	if (ss->ss_family != AF_INET6 ||
	    !ipv6_addr_v4mapped(&sin6->sin6_addr))
		return;
	v4 = sin6->sin6_addr.s6_addr32[3];
	port = sin6->sin6_port;
	memset(ss, 0, sizeof(*ss));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = v4;
	sin->sin_port = port;
}

static void tcp_conn_start(struct tcp_listener *l, struct socket *sock)
{
	const struct kcifsd_server_config *cfg = kcifsd_server_cfg();
	struct sockaddr_storage peer = {};
	struct kcifsd_tcp_conn *t;
	struct kcifsd_conn *conn;
	struct sock *sk = sock->sk;

	if (kernel_getpeername(sock, (struct sockaddr *)&peer) < 0)
		goto err_sock;
	peer_normalize(&peer);

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t) {
		kcifsd_server_count_drop(KCIFSD_DROP_NOMEM);
		goto err_sock;
	}
	t->sock = sock;
	t->netbios = l->netbios;
	t->session_ok = !l->netbios;
	INIT_WORK(&t->rx_work, tcp_rx_work);

	tcp_sock_set_nodelay(sk);
	/* A vanished client holding open files is never idle: TCP finds it. */
	sock_set_keepalive(sk);
	tcp_sock_set_keepidle(sk, KEEPALIVE_IDLE);
	tcp_sock_set_keepintvl(sk, KEEPALIVE_INTVL);
	tcp_sock_set_keepcnt(sk, KEEPALIVE_COUNT);
	if (cfg->send_timeout)
		sock_set_sndtimeo(sk, cfg->send_timeout);

	conn = kcifsd_conn_alloc(l->netbios ? &nbt_ops : &tcp_ops, t, &peer);
	if (IS_ERR(conn))
		goto err_free;
	t->conn = conn;
	/* What the 4-byte header can describe (17 bits on port 139). */
	conn->transport_max_rx = l->netbios ? KCIFSD_FRAME_NBT_MAX_LEN :
					      KCIFSD_FRAME_TCP_MAX_LEN;
	conn->transport_max_tx = conn->transport_max_rx;

	write_lock_bh(&sk->sk_callback_lock);
	if (!t->dead) {
		/* The clone carries the listener's callback: keep its original. */
		t->saved_data_ready = l->saved_data_ready;
		t->saved_state_change = sk->sk_state_change;
		sk->sk_user_data = t;
		sk->sk_data_ready = conn_data_ready;
		sk->sk_state_change = conn_state_change;
		t->callbacks_set = true;
	}
	write_unlock_bh(&sk->sk_callback_lock);
	/* Data may have arrived before the callbacks; or we are dead already. */
	kcifsd_queue_rx(&t->rx_work);
	return;

err_free:
	kfree(t);
err_sock:
	sock_release(sock);
}

static void listener_accept_work(struct work_struct *w)
{
	struct tcp_listener *l = container_of(w, struct tcp_listener,
					      accept_work);
	struct socket *sock;
	unsigned int i;
	int ret;

	for (i = 0; i < ACCEPT_BUDGET; i++) {
		ret = kernel_accept(l->sock, &sock, O_NONBLOCK);
		if (ret == -EAGAIN)
			return;
		if (ret == -ECONNABORTED)
			continue;
		if (ret) {
			pr_warn_ratelimited("accept: %d\n", ret);
			return;
		}
		tcp_conn_start(l, sock);
	}
	kcifsd_queue_ctl(&l->accept_work);
}

/* ---- listeners ---- */

static int listener_socket(struct sockaddr_storage *ss, int addrlen,
			   struct socket **res)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct socket *sock;
	int ret;

	ret = sock_create_kern(&init_net, ss->ss_family, SOCK_STREAM,
			       IPPROTO_TCP, &sock);
	if (ret)
		return ret;
	sock_set_reuseaddr(sock->sk);
	if (ss->ss_family == AF_INET6 && ipv6_addr_any(&sin6->sin6_addr)) {
		/* One socket for both families (v6only=0). */
		lock_sock(sock->sk);
		sock->sk->sk_ipv6only = false;
		release_sock(sock->sk);
	}
	ret = kernel_bind(sock, (struct sockaddr *)ss, addrlen);
	if (!ret)
		ret = kernel_listen(sock, LISTEN_BACKLOG);
	if (ret) {
		sock_release(sock);
		return ret;
	}
	*res = sock;
	return 0;
}

static int listener_start(const struct kcifsd_server_config *cfg, u16 port,
			  bool netbios, struct tcp_listener **res)
{
	struct sockaddr_storage ss;
	struct tcp_listener *l;
	struct sock *sk;
	int addrlen, ret;

	ret = kcifsd_server_listen_addr(cfg, port, &ss, &addrlen);
	if (ret)
		return ret;
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	l->netbios = netbios;
	INIT_WORK(&l->accept_work, listener_accept_work);

	ret = listener_socket(&ss, addrlen, &l->sock);
	if (ret == -EAFNOSUPPORT && ss.ss_family == AF_INET6 &&
	    !cfg->bind_addr[0]) {
		/* No IPv6 in this kernel: fall back to IPv4 any. */
		struct kcifsd_server_config v4 = *cfg;

		v4.ipv6 = false;
		kcifsd_server_listen_addr(&v4, port, &ss, &addrlen);
		ret = listener_socket(&ss, addrlen, &l->sock);
	}
	if (ret) {
		pr_err("cannot listen on %s port %u: %d\n",
		       netbios ? "NetBIOS" : "TCP", port, ret);
		kfree(l);
		return ret;
	}

	sk = l->sock->sk;
	write_lock_bh(&sk->sk_callback_lock);
	l->saved_data_ready = sk->sk_data_ready;
	sk->sk_user_data = l;
	sk->sk_data_ready = listener_data_ready;
	write_unlock_bh(&sk->sk_callback_lock);
	kcifsd_queue_ctl(&l->accept_work);
	pr_info("listening on %pISpc (%s)\n", &ss,
		netbios ? "NetBIOS session service" : "Direct TCP");
	*res = l;
	return 0;
}

static void listener_stop(struct tcp_listener *l)
{
	struct sock *sk = l->sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	sk->sk_data_ready = l->saved_data_ready;
	sk->sk_user_data = NULL;
	write_unlock_bh(&sk->sk_callback_lock);
	cancel_work_sync(&l->accept_work);
	sock_release(l->sock);
	kfree(l);
}

/**
 * kcifsd_tcp_listen() - open the Direct TCP and NetBIOS listeners
 * @cfg: the running config (ports, bind address, IPv6)
 *
 * A port of 0 leaves that listener off.
 *
 * Return: 0, or the error of the listener that failed (none is left open).
 */
int kcifsd_tcp_listen(const struct kcifsd_server_config *cfg)
{
	int ret;

	if (cfg->tcp_port) {
		ret = listener_start(cfg, cfg->tcp_port, false, &listeners[0]);
		if (ret)
			return ret;
	}
	if (cfg->nbt_port) {
		ret = listener_start(cfg, cfg->nbt_port, true, &listeners[1]);
		if (ret) {
			kcifsd_tcp_unlisten();
			return ret;
		}
	}
	return 0;
}

/**
 * kcifsd_tcp_unlisten() - close the listeners
 *
 * Connections already accepted stay; the caller closes them afterwards.
 */
void kcifsd_tcp_unlisten(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(listeners); i++) {
		if (!listeners[i])
			continue;
		listener_stop(listeners[i]);
		listeners[i] = NULL;
	}
}
