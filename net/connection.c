// SPDX-License-Identifier: GPL-2.0-only
/*
 * The connection core: connection lifetime and limits, the request queue
 * with MaxMpxCount backpressure, reply sending, the connection timeouts
 * and orderly teardown. See net/connection.h for the contract and the
 * teardown order.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/err.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <net/ipv6.h>
#include <asm/unaligned.h>

#include "fs/order.h"
#include "net/connection.h"
#include "net/server.h"
#include "net/worker.h"

/* SMB1 header (MS-CIFS 2.2.3.1): Protocol[4], Command at offset 4. */
#define SMB_HDR_SIZE		32
#define SMB_COM_OFFSET		4
#define SMB_COM_LOCKING_ANDX	0x24
#define SMB_COM_NT_CANCEL	0xA4
/* LOCKING_ANDX words (MS-CIFS 2.2.4.32.1): TypeOfLock after AndX and FID. */
#define LOCKING_ANDX_WORDS	8
#define LOCKING_ANDX_TYPE_OFF	(SMB_HDR_SIZE + 1 + 6)
#define LOCKING_ANDX_OPLOCK_RELEASE	0x02

/* The timeout scan runs this often; timeouts are whole seconds. */
#define CONN_SCAN_INTERVAL	HZ
/* Connections handled per pass under the list lock. */
#define CONN_BATCH		16

/* What the core keeps beside the public struct: the release work (the
 * last reference may be dropped where releasing would deadlock, e.g. in
 * the transport's own receive work), whether fs/ accepted the connection,
 * and the replies waiting for the worker that holds conn->send_lock.
 */
struct conn_private {
	struct kcifsd_conn conn;
	struct work_struct release_work;
	bool live;
	spinlock_t tx_lock;		/* protects tx_queue */
	struct list_head tx_queue;
};

/* A work, its place on conn_private.tx_queue, and enum rx_run. */
struct work_private {
	struct kcifsd_work work;
	struct list_head tx_node;
	atomic_t rx_run;
};

/* work_private.rx_run: a receive work runs the request itself
 * (work_run_rx()), and whether kcifsd_work_resume() came meanwhile.
 */
enum rx_run {
	RX_RUN_NONE,
	RX_RUN_NOW,
	RX_RUN_RESUMED,
};

static struct kmem_cache *work_cache;

/* Every connection, live or being torn down; nr_conns counts them. */
static LIST_HEAD(conn_list);
static DEFINE_SPINLOCK(conn_list_lock);
static unsigned int nr_conns;
static DECLARE_WAIT_QUEUE_HEAD(conn_gone_wq);

static struct delayed_work conn_scan_work;
static bool conn_scan_enabled;

static struct conn_private *conn_priv(struct kcifsd_conn *conn)
{
	return container_of(conn, struct conn_private, conn);
}

static bool conn_exiting(struct kcifsd_conn *conn)
{
	return READ_ONCE(conn->phase) == KCIFSD_PHASE_EXITING;
}

static bool peer_equal(const struct sockaddr_storage *a,
		       const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET)
		return ((const struct sockaddr_in *)a)->sin_addr.s_addr ==
		       ((const struct sockaddr_in *)b)->sin_addr.s_addr;
	if (a->ss_family == AF_INET6)
		return ipv6_addr_equal(&((const struct sockaddr_in6 *)a)->sin6_addr,
				       &((const struct sockaddr_in6 *)b)->sin6_addr);
	return false;
}

/* Returns the reason to refuse @peer, or -1 to admit it. */
static int conn_admit_locked(const struct kcifsd_server_config *cfg,
			     const struct sockaddr_storage *peer)
{
	struct kcifsd_conn *c;
	unsigned int same = 0;

	lockdep_assert_held(&conn_list_lock);
	if (cfg->max_connections && nr_conns >= cfg->max_connections)
		return KCIFSD_DROP_MAX_CONNECTIONS;
	if (!cfg->max_connections_per_peer)
		return -1;
	/* Bounded by max_connections; only runs on accept. */
	list_for_each_entry(c, &conn_list, node) {
		if (peer_equal(&c->peer, peer) &&
		    ++same >= cfg->max_connections_per_peer)
			return KCIFSD_DROP_PER_PEER;
	}
	return -1;
}

static void conn_unlist(struct kcifsd_conn *conn)
{
	spin_lock(&conn_list_lock);
	list_del(&conn->node);
	nr_conns--;
	spin_unlock(&conn_list_lock);
	wake_up_all(&conn_gone_wq);
}

/**
 * kcifsd_conn_alloc() - admit and create a connection
 * @ops: the transport's operations
 * @transport: the transport's state; ops->shutdown must already work on it
 * @peer: the client's address (IPv4-mapped IPv6 given as IPv4)
 *
 * Enforces max_connections and max_connections_per_peer (refusals are
 * counted and logged, ratelimited) and lets fs/ set up its state. The
 * caller owns the one reference returned: it is the transport's.
 *
 * Return: the connection, or ERR_PTR(-EBUSY) over a limit, -ENOMEM, or
 * the error of kcifsd_smb_conn_init().
 */
struct kcifsd_conn *kcifsd_conn_alloc(const struct kcifsd_transport_ops *ops,
				      void *transport,
				      const struct sockaddr_storage *peer)
{
	const struct kcifsd_server_config *cfg = kcifsd_server_cfg();
	struct conn_private *p;
	struct kcifsd_conn *conn;
	int reason, ret;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		kcifsd_server_count_drop(KCIFSD_DROP_NOMEM);
		return ERR_PTR(-ENOMEM);
	}
	conn = &p->conn;
	refcount_set(&conn->refcnt, 1);
	conn->ops = ops;
	conn->transport = transport;
	conn->peer = *peer;
	conn->phase = KCIFSD_PHASE_NEW;
	mutex_init(&conn->send_lock);
	spin_lock_init(&conn->req_lock);
	INIT_LIST_HEAD(&conn->running);
	INIT_LIST_HEAD(&conn->backlog);
	conn->max_mpx = cfg->max_mpx;
	conn->max_msg_size = cfg->max_msg_size_unauth;
	conn->connected_at = jiffies;
	conn->last_active = conn->connected_at;
	atomic_set(&conn->open_resources, 0);
	spin_lock_init(&p->tx_lock);
	INIT_LIST_HEAD(&p->tx_queue);

	spin_lock(&conn_list_lock);
	reason = conn_admit_locked(cfg, peer);
	if (reason < 0) {
		list_add_tail(&conn->node, &conn_list);
		nr_conns++;
	}
	spin_unlock(&conn_list_lock);
	if (reason >= 0) {
		kcifsd_server_count_drop(reason);
		pr_info_ratelimited("refused %s connection from %pISc: %s\n",
				    ops->name, peer,
				    kcifsd_drop_reason_name(reason));
		ret = -EBUSY;
		goto err_free;
	}

	ret = kcifsd_smb_conn_init(conn);
	if (ret) {
		pr_warn_ratelimited("%s connection from %pISc: SMB state: %d\n",
				    ops->name, peer, ret);
		goto err_unlist;
	}
	kcifsd_server_count_accept();
	spin_lock(&conn_list_lock);
	p->live = true;
	spin_unlock(&conn_list_lock);
	pr_debug("%s connection from %pISpc\n", ops->name, peer);
	return conn;

err_unlist:
	conn_unlist(conn);
err_free:
	mutex_destroy(&conn->send_lock);
	kfree(p);
	return ERR_PTR(ret);
}

/* The last reference is gone: nothing runs for this connection any more
 * except, possibly, the tail of the transport's receive work, which
 * ops->release waits for.
 */
static void conn_release_work(struct work_struct *w)
{
	struct conn_private *p = container_of(w, struct conn_private,
					      release_work);
	struct kcifsd_conn *conn = &p->conn;

	pr_debug("%s connection from %pISpc released\n", conn->ops->name,
		 &conn->peer);
	kcifsd_smb_conn_release(conn);
	conn->ops->release(conn);
	mutex_destroy(&conn->send_lock);
	conn_unlist(conn);
	kfree(p);
}

/**
 * kcifsd_conn_get() - take a reference on a connection
 * @conn: the connection; the caller already holds a reference
 */
void kcifsd_conn_get(struct kcifsd_conn *conn)
{
	refcount_inc(&conn->refcnt);
}

/**
 * kcifsd_conn_put() - drop a reference on a connection
 * @conn: the connection
 *
 * The last put queues the release (kcifsd_smb_conn_release, then
 * ops->release, then free) on the worker pool, so it may be called from
 * any process context, including the transport's own works.
 */
void kcifsd_conn_put(struct kcifsd_conn *conn)
{
	struct conn_private *p = conn_priv(conn);

	if (!refcount_dec_and_test(&conn->refcnt))
		return;
	INIT_WORK(&p->release_work, conn_release_work);
	kcifsd_queue_io(&p->release_work);
}

static void work_free(struct kcifsd_work *work)
{
	struct kcifsd_conn *conn = work->conn;
	unsigned int i;

	/* Not run, or not passed: later requests must not wait for it. */
	kcifsd_order_pass(work);
	kvfree(work->request);
	kvfree(work->response);
	for (i = 0; i < work->nr_data; i++)
		put_page(work->data[i].bv_page);
	kvfree(work->data);
	kmem_cache_free(work_cache, container_of(work, struct work_private,
						 work));
	kcifsd_conn_put(conn);
}

/* Requests a client may send even with MaxMpxCount requests pending, because
 * a pending request may be waiting for exactly them: NT_CANCEL (MS-CIFS
 * 2.2.4.65) and an oplock break acknowledgment, a LOCKING_ANDX with
 * OPLOCK_RELEASE (MS-CIFS 3.2.5.42). fs/ validates them like any other.
 */
static bool msg_bypasses_mpx(const u8 *msg, unsigned int len)
{
	if (len < SMB_HDR_SIZE + 1)
		return false;
	if (msg[SMB_COM_OFFSET] == SMB_COM_NT_CANCEL)
		return true;
	return msg[SMB_COM_OFFSET] == SMB_COM_LOCKING_ANDX &&
	       len > LOCKING_ANDX_TYPE_OFF &&
	       msg[SMB_HDR_SIZE] == LOCKING_ANDX_WORDS &&
	       (msg[LOCKING_ANDX_TYPE_OFF] & LOCKING_ANDX_OPLOCK_RELEASE);
}

static unsigned int conn_mpx(struct kcifsd_conn *conn)
{
	return max_t(unsigned int, READ_ONCE(conn->max_mpx), 1);
}

static void work_run(struct work_struct *w);
static void work_run_rx(struct kcifsd_work *work);

/* Queue one message (or a split message's head); see the callers. */
static int conn_submit(struct kcifsd_conn *conn, void *msg, unsigned int len,
		       u32 tail, unsigned int inline_room)
{
	struct work_private *wp;
	struct kcifsd_work *work;
	bool run = false, now = false;
	u32 most;

	wp = kmem_cache_zalloc(work_cache, GFP_KERNEL);
	if (!wp) {
		kvfree(msg);
		return -ENOMEM;
	}
	work = &wp->work;
	kcifsd_conn_get(conn);
	work->conn = conn;
	work->request = msg;
	work->request_len = len;
	work->rx_tail = tail;
	INIT_WORK(&work->work, work_run);
	WRITE_ONCE(conn->last_active, jiffies);

	spin_lock(&conn->req_lock);
	if (conn_exiting(conn)) {
		spin_unlock(&conn->req_lock);
		work_free(work);
		return -ESHUTDOWN;
	}
	/* In arrival order: signing sequence numbers depend on it. */
	work->seq = kcifsd_smb_rx_seq(conn, msg, len, &work->barrier);
	/* So does the order of acts on locks and opens (fs/order.h). */
	if (!msg_bypasses_mpx(msg, len))
		kcifsd_order_rx(conn, work);
	/* The bypass has a limit too: a client owes at most one NT_CANCEL
	 * or break acknowledgment per pending request, and without one a
	 * client that never reads could queue replies without end. A split
	 * message runs at once: the transport reads nothing until its tail
	 * is consumed, so there is at most one, and it must not wait for
	 * requests that may need the transport to go on. Behind a barrier
	 * everything waits (a barrier needs nothing from the transport).
	 */
	if (conn->barrier) {
		list_add_tail(&work->node, &conn->backlog);
	} else if (tail ||
	    (msg_bypasses_mpx(msg, len) &&
	     conn->nr_running < 2 * conn_mpx(conn)) ||
	    (list_empty(&conn->backlog) && conn->nr_running < conn_mpx(conn))) {
		list_add_tail(&work->node, &conn->running);
		conn->nr_running++;
		if (work->barrier)
			conn->barrier = work;
		run = true;
		/* Alone in flight, and waiting for nothing but the file
		 * system (fs/rx_inline.c), with room for its whole reply (a
		 * client that does not read must not hold the receive work
		 * in a send): running it here or on the pool is the same,
		 * less one wake-up of a pool thread.
		 */
		if (inline_room && !work->barrier && conn->nr_running == 1) {
			most = kcifsd_smb_inline_reply(conn, msg, len, tail);
			now = most && most <= inline_room;
		}
	} else {
		list_add_tail(&work->node, &conn->backlog);
	}
	spin_unlock(&conn->req_lock);

	if (now) {
		kcifsd_server_count_rx_inline(tail);
		work_run_rx(work);
	} else if (run) {
		kcifsd_queue_io(&work->work);
	}
	return 0;
}

/**
 * kcifsd_conn_submit() - queue one received SMB message
 * @conn: the connection; the caller holds a reference
 * @msg: the whole message, framing stripped, kvmalloc'ed; ownership passes
 *	to the core whatever the result
 * @len: its length; the transport already checked it against
 *	conn->max_msg_size
 *
 * Up to conn->max_mpx works run or are queued on the pool; beyond that the
 * work waits on conn->backlog, kcifsd_conn_may_receive() turns false and
 * ops->resume_rx is called when the backlog has drained.
 *
 * Return: 0, -ENOMEM, or -ESHUTDOWN if the connection is going away.
 */
int kcifsd_conn_submit(struct kcifsd_conn *conn, void *msg, unsigned int len)
{
	return conn_submit(conn, msg, len, 0, 0);
}

/**
 * kcifsd_conn_submit_inline() - kcifsd_conn_submit(), but a short request
 *	may run in the caller
 * @conn: as kcifsd_conn_submit()
 * @msg: as kcifsd_conn_submit()
 * @len: as kcifsd_conn_submit()
 * @room: bytes the transport can send now without waiting (0: none)
 *
 * For a transport's receive work (process context, may sleep): a
 * request that waits for nothing but the file system (a query by path or
 * FID, a CLOSE, a delete: kcifsd_smb_inline_reply()) whose largest reply
 * fits @room, with no other request of the connection in flight, is
 * answered before this returns, without handing it to a pool thread.
 * Every other message is queued as by kcifsd_conn_submit().
 *
 * Return: as kcifsd_conn_submit().
 */
int kcifsd_conn_submit_inline(struct kcifsd_conn *conn, void *msg,
			      unsigned int len, unsigned int room)
{
	might_sleep();
	return conn_submit(conn, msg, len, 0, room);
}

/**
 * kcifsd_conn_submit_head() - queue a message whose payload is still on
 *	the transport
 * @conn: the connection; the caller holds a reference; its transport has
 *	ops->recv_tail
 * @head: the message up to its payload, framing stripped, kvmalloc'ed or
 *	kmalloc'ed; ownership passes to the core whatever the result
 * @head_len: length of @head
 * @tail: bytes of the message after @head, not read yet; @head_len +
 *	@tail was checked against conn->max_msg_size
 * @room: bytes the transport can send now without waiting; 0 when the
 *	caller is not a receive work that may run the request itself
 *
 * The work starts at once, whatever MaxMpxCount says (see the comment in
 * conn_submit()). The transport must not read the next message before
 * its ops->recv_tail has consumed @tail. A plain write to a file
 * (kcifsd_smb_inline_reply()) with no other request of the
 * connection in flight runs before this returns, in the caller, when
 * @room holds its reply: the tail is consumed then, and the caller may
 * read on.
 *
 * Return: as kcifsd_conn_submit(); on an error the tail stays unread and
 * the transport closes the connection.
 */
int kcifsd_conn_submit_head(struct kcifsd_conn *conn, void *head,
			    unsigned int head_len, u32 tail,
			    unsigned int room)
{
	if (room)
		might_sleep();
	return conn_submit(conn, head, head_len, tail, room);
}

/**
 * kcifsd_conn_rx_pending() - is a next message on its way?
 * @conn: the connection
 *
 * A hint for fs/ (fs/wsync.c waits a moment for the next write of a
 * batch): the transport holds bytes of the client's it has not read yet.
 *
 * Return: true if so; false when unknown.
 */
bool kcifsd_conn_rx_pending(struct kcifsd_conn *conn)
{
	return conn->ops->rx_pending && conn->ops->rx_pending(conn);
}

/**
 * kcifsd_conn_may_receive() - may the transport read the next message?
 * @conn: the connection
 *
 * False while works wait on the backlog (the client went past
 * MaxMpxCount) or the connection is going away. A transport that stops
 * reading is restarted through ops->resume_rx.
 *
 * Return: true if the transport should keep reading.
 */
bool kcifsd_conn_may_receive(struct kcifsd_conn *conn)
{
	bool ok;

	spin_lock(&conn->req_lock);
	ok = !conn_exiting(conn) && list_empty(&conn->backlog);
	spin_unlock(&conn->req_lock);
	return ok;
}

/* The work is done: start what waited on the backlog, maybe resume rx. */
static void work_retire(struct kcifsd_work *work)
{
	struct kcifsd_conn *conn = work->conn;
	struct kcifsd_work *next;
	bool resume = false;

	spin_lock(&conn->req_lock);
	list_del_init(&work->node);
	conn->nr_running--;
	if (conn->barrier == work)
		conn->barrier = NULL;
	if (!conn_exiting(conn) && !list_empty(&conn->backlog)) {
		while (!list_empty(&conn->backlog) && !conn->barrier &&
		       conn->nr_running < conn_mpx(conn)) {
			next = list_first_entry(&conn->backlog,
						struct kcifsd_work, node);
			list_move_tail(&next->node, &conn->running);
			conn->nr_running++;
			if (next->barrier)
				conn->barrier = next;
			kcifsd_queue_io(&next->work);
		}
		resume = list_empty(&conn->backlog);
	}
	spin_unlock(&conn->req_lock);

	if (resume)
		conn->ops->resume_rx(conn);
}

static void conn_send_failed(struct kcifsd_conn *conn, int ret)
{
	if (ret && ret != -ESHUTDOWN) {
		pr_debug("%s connection from %pISpc: send: %d\n",
			 conn->ops->name, &conn->peer, ret);
		kcifsd_conn_disconnect(conn);
	}
}

static int conn_send_locked(struct kcifsd_conn *conn, struct kvec *iov,
			    unsigned int nr_iov, struct bio_vec *bvec,
			    unsigned int nr_bvec)
{
	int ret;

	lockdep_assert_held(&conn->send_lock);
	if (conn_exiting(conn))
		return -ESHUTDOWN;
	ret = conn->ops->send(conn, iov, nr_iov, bvec, nr_bvec);
	conn_send_failed(conn, ret);
	return ret;
}

/* A request is over (its reply sent or not): free its slot and itself. */
static void work_done(struct kcifsd_work *work)
{
	if (work->disconnect)
		kcifsd_conn_disconnect(work->conn);
	work_retire(work);
	work_free(work);
}

static struct kcifsd_work *tx_dequeue(struct conn_private *p)
{
	struct work_private *wp;

	spin_lock(&p->tx_lock);
	wp = list_first_entry_or_null(&p->tx_queue, struct work_private,
				      tx_node);
	if (wp)
		list_del_init(&wp->tx_node);
	spin_unlock(&p->tx_lock);
	return wp ? &wp->work : NULL;
}

static bool tx_pending(struct conn_private *p)
{
	bool pending;

	spin_lock(&p->tx_lock);
	pending = !list_empty(&p->tx_queue);
	spin_unlock(&p->tx_lock);
	return pending;
}

/* Send every queued reply, then drop conn->send_lock. A reply queued while
 * we unlock is picked up by whoever gets the lock next, or by us.
 */
static void conn_send_unlock(struct kcifsd_conn *conn)
{
	struct conn_private *p = conn_priv(conn);
	struct kcifsd_work *work;
	struct kvec iov;

	for (;;) {
		while ((work = tx_dequeue(p))) {
			iov.iov_base = work->response;
			iov.iov_len = work->response_len;
			conn_send_locked(conn, &iov, 1, work->data,
					 work->nr_data);
			work_done(work);
		}
		mutex_unlock(&conn->send_lock);
		if (!tx_pending(p) || !mutex_trylock(&conn->send_lock))
			return;
	}
}

/**
 * kcifsd_conn_send_reply() - send one whole reply now
 * @conn: the connection; the caller holds a reference
 * @iov: SMB header, words and bytes
 * @nr_iov: entries in @iov
 * @bvec: file data pages sent by reference after @iov, or NULL
 * @nr_bvec: entries in @bvec
 *
 * For fs/'s extra replies to one request (ECHO with EchoCount > 1,
 * multi-part transaction replies): returns once the bytes are handed to
 * the transport, so the caller may reuse its buffers. Serialised with
 * every other reply of @conn (conn->send_lock); it waits behind a reply
 * that a slow client holds up, at most the transport's send timeout. A
 * send error closes the connection.
 *
 * Return: 0, -ESHUTDOWN if the connection is going away, or the
 * transport's error.
 */
int kcifsd_conn_send_reply(struct kcifsd_conn *conn, struct kvec *iov,
			   unsigned int nr_iov, struct bio_vec *bvec,
			   unsigned int nr_bvec)
{
	int ret;

	if (conn_exiting(conn))
		return -ESHUTDOWN;
	mutex_lock(&conn->send_lock);
	ret = conn_send_locked(conn, iov, nr_iov, bvec, nr_bvec);
	conn_send_unlock(conn);
	return ret;
}

/* The handler is done. Its reply goes on the connection's send queue;
 * if another worker is sending (perhaps blocked by a client that does not
 * read), that worker sends it too and this one is free at once: at most
 * one worker per connection ever waits on the network.
 */
static void work_finish(struct kcifsd_work *work)
{
	struct kcifsd_conn *conn = work->conn;
	struct conn_private *p = conn_priv(conn);
	struct work_private *wp = container_of(work, struct work_private,
					       work);

	if (work->no_reply || !work->response_len || conn_exiting(conn)) {
		work_done(work);
		return;
	}
	/* The sender may free @work, and with it the last other reference. */
	kcifsd_conn_get(conn);
	spin_lock(&p->tx_lock);
	list_add_tail(&wp->tx_node, &p->tx_queue);
	spin_unlock(&p->tx_lock);
	if (mutex_trylock(&conn->send_lock))
		conn_send_unlock(conn);
	kcifsd_conn_put(conn);
}

/* Run the request (again, if it was parked); true if it parks now. */
static bool work_handle(struct kcifsd_work *work)
{
	/* A resumed parked request runs even in teardown, to unwind. */
	if (work->parked || !conn_exiting(work->conn))
		kcifsd_smb_handle(work);
	/* Payload fs/ did not take: drop it, the next message follows it
	 * (unless the connection goes anyway).
	 */
	if (work->rx_tail && !work->disconnect && !conn_exiting(work->conn))
		kcifsd_work_recv_tail(work, NULL, NULL);
	work->rx_tail = 0;
	return work->parked;
}

static void work_run(struct work_struct *w)
{
	struct kcifsd_work *work = container_of(w, struct kcifsd_work, work);

	if (!work_handle(work))
		work_finish(work);
}

/* A receive work runs the request itself (fs/rx_inline.c). None of those
 * requests should park; if one does, the event that resumes it may come
 * before this call returns, and the work item is not running on a
 * workqueue, which would hold back its second run: kcifsd_work_resume()
 * then leaves the resume to this function.
 */
static void work_run_rx(struct kcifsd_work *work)
{
	struct work_private *wp = container_of(work, struct work_private,
					       work);

	atomic_set(&wp->rx_run, RX_RUN_NOW);
	if (!work_handle(work)) {
		work_finish(work);
		return;
	}
	pr_warn_once("command 0x%02x parked in a receive work; fs/rx_inline.c should send it to the pool\n",
		     ((const u8 *)work->request)[SMB_COM_OFFSET]);
	if (atomic_xchg(&wp->rx_run, RX_RUN_NONE) == RX_RUN_RESUMED)
		kcifsd_queue_io(&work->work);
}

/**
 * kcifsd_work_recv_tail() - consume a split message's payload
 * @work: the request; work->rx_tail bytes of it are still on the transport
 * @actor: gets the payload in order, straight from the transport's
 *	receive buffers (fs/ writes it into the page cache: its one copy);
 *	NULL drops it
 * @ctx: passed to @actor
 *
 * Reads the whole tail, whatever @actor does with it, so the stream stays
 * in step; then the transport reads the next message. Sleeps until the
 * client has sent it all (at most the send timeout without progress).
 * Clears work->rx_tail; nothing to do when it is 0.
 *
 * Return: 0, or a negative errno when the stream broke (a short read, a
 * timeout, teardown): the connection is then closed.
 */
int kcifsd_work_recv_tail(struct kcifsd_work *work,
			  kcifsd_tail_actor_t actor, void *ctx)
{
	struct kcifsd_conn *conn = work->conn;
	u32 len = work->rx_tail;
	int ret;

	if (!len)
		return 0;
	work->rx_tail = 0;
	ret = conn->ops->recv_tail(conn, len, actor, ctx);
	if (ret) {
		pr_debug("%s connection from %pISpc: payload of %u bytes: %d\n",
			 conn->ops->name, &conn->peer, len, ret);
		work->disconnect = true;
		kcifsd_conn_disconnect(conn);
	}
	return ret;
}

/* Append each piece of payload to the buffer at *@ctx. */
static void work_pull_actor(void *ctx, struct iov_iter *from)
{
	u8 **dst = ctx;

	*dst += copy_from_iter(*dst, iov_iter_count(from), from);
}

/**
 * kcifsd_work_pull_tail() - make a split message whole
 * @work: the request
 *
 * For fs/ when it needs every byte of the message in work->request (a
 * signed connection: the signature covers the payload). The payload is
 * then staged in a whole-message buffer like any unsplit message; fs/
 * counts it as such. Nothing to do when work->rx_tail is 0.
 *
 * Return: 0, -ENOMEM (the tail is still unread; the core drains it), or
 * the error of kcifsd_work_recv_tail().
 */
int kcifsd_work_pull_tail(struct kcifsd_work *work)
{
	size_t total = (size_t)work->request_len + work->rx_tail;
	u8 *buf, *dst;
	int ret;

	if (!work->rx_tail)
		return 0;
	buf = kvmalloc(total, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, work->request, work->request_len);
	dst = buf + work->request_len;
	ret = kcifsd_work_recv_tail(work, work_pull_actor, &dst);
	if (ret || dst != buf + total) {
		kvfree(buf);
		return ret ? ret : -EIO;
	}
	kvfree(work->request);
	work->request = buf;
	work->request_len = total;
	return 0;
}

/**
 * kcifsd_work_resume() - run a parked request again
 * @work: a work that kcifsd_smb_handle() left with @parked set
 *
 * Called by the event that ends the wait, or by the @cancel hook (under
 * conn->req_lock). Safe while the first kcifsd_smb_handle() call has not
 * returned yet: a work item never runs twice at once, and a request a
 * receive work runs itself is queued when that run returns
 * (work_run_rx()).
 */
void kcifsd_work_resume(struct kcifsd_work *work)
{
	struct work_private *wp = container_of(work, struct work_private,
					       work);

	if (atomic_cmpxchg(&wp->rx_run, RX_RUN_NOW, RX_RUN_RESUMED) !=
	    RX_RUN_NONE)
		return;
	kcifsd_queue_io(&work->work);
}

/**
 * kcifsd_work_cancel() - mark a queued or running request cancelled
 * @work: a work on conn->running; the caller holds conn->req_lock
 *
 * Sets @cancelled and calls the @cancel hook once, so a parked request
 * wakes up (NT_CANCEL, teardown).
 */
void kcifsd_work_cancel(struct kcifsd_work *work)
{
	lockdep_assert_held(&work->conn->req_lock);
	if (work->cancelled)
		return;
	WRITE_ONCE(work->cancelled, true);
	if (work->cancel)
		work->cancel(work);
}

/**
 * kcifsd_conn_set_phase() - record how far the connection got
 * @conn: the connection
 * @phase: the new phase; KCIFSD_PHASE_EXITING disconnects
 *
 * The phase only moves forward: a client that logs off its last session
 * is then subject to the idle timeout, not again to the session timeout
 * (MS-CIFS 3.3.2 applies that one to connections that never had one).
 */
void kcifsd_conn_set_phase(struct kcifsd_conn *conn,
			   enum kcifsd_conn_phase phase)
{
	if (phase == KCIFSD_PHASE_EXITING) {
		kcifsd_conn_disconnect(conn);
		return;
	}
	spin_lock(&conn->req_lock);
	if (conn->phase < (int)phase)
		WRITE_ONCE(conn->phase, phase);
	spin_unlock(&conn->req_lock);
}

/**
 * kcifsd_conn_disconnect() - close a connection
 * @conn: the connection; the caller holds a reference
 *
 * Idempotent. Marks the connection exiting, drops the requests waiting
 * on the backlog, cancels the running ones (parked requests wake through
 * their @cancel hook) and shuts the transport down. The connection is
 * freed once the transport and the last work have dropped their
 * references.
 */
void kcifsd_conn_disconnect(struct kcifsd_conn *conn)
{
	struct kcifsd_work *work, *tmp;
	LIST_HEAD(dropped);

	spin_lock(&conn->req_lock);
	if (conn_exiting(conn)) {
		spin_unlock(&conn->req_lock);
		return;
	}
	WRITE_ONCE(conn->phase, KCIFSD_PHASE_EXITING);
	list_splice_init(&conn->backlog, &dropped);
	list_for_each_entry(work, &conn->running, node)
		kcifsd_work_cancel(work);
	spin_unlock(&conn->req_lock);

	conn->ops->shutdown(conn);

	list_for_each_entry_safe(work, tmp, &dropped, node) {
		list_del(&work->node);
		work_free(work);
	}
}

/* Returns why @conn has timed out (MS-CIFS 3.3.2), or -1. */
static int conn_expired(struct kcifsd_conn *conn,
			const struct kcifsd_server_config *cfg,
			unsigned long now)
{
	int phase = READ_ONCE(conn->phase);

	if (phase == KCIFSD_PHASE_NEW && cfg->negotiate_timeout &&
	    time_after(now, conn->connected_at +
			    cfg->negotiate_timeout * (unsigned long)HZ))
		return KCIFSD_DROP_NEGOTIATE_TIMEOUT;
	if (phase == KCIFSD_PHASE_NEGOTIATED && cfg->session_timeout &&
	    time_after(now, conn->connected_at +
			    cfg->session_timeout * (unsigned long)HZ))
		return KCIFSD_DROP_SESSION_TIMEOUT;
	if (cfg->idle_timeout && !atomic_read(&conn->open_resources) &&
	    !READ_ONCE(conn->nr_running) &&
	    time_after(now, READ_ONCE(conn->last_active) +
			    cfg->idle_timeout * (unsigned long)HZ))
		return KCIFSD_DROP_IDLE_TIMEOUT;
	return -1;
}

/* Collect up to CONN_BATCH live connections that @pick selects, with a
 * reference each; returns how many. Works in batches because
 * disconnecting sleeps and cannot run under conn_list_lock.
 */
static unsigned int conn_collect(struct kcifsd_conn **batch, int *why,
				 int (*pick)(struct kcifsd_conn *conn,
					     unsigned long now))
{
	unsigned long now = jiffies;
	struct kcifsd_conn *conn;
	unsigned int n = 0;
	int reason;

	spin_lock(&conn_list_lock);
	list_for_each_entry(conn, &conn_list, node) {
		if (!conn_priv(conn)->live || conn_exiting(conn))
			continue;
		reason = pick(conn, now);
		if (reason < 0 || !refcount_inc_not_zero(&conn->refcnt))
			continue;
		batch[n] = conn;
		why[n] = reason;
		if (++n == CONN_BATCH)
			break;
	}
	spin_unlock(&conn_list_lock);
	return n;
}

static int pick_expired(struct kcifsd_conn *conn, unsigned long now)
{
	return conn_expired(conn, kcifsd_server_cfg(), now);
}

static int pick_any(struct kcifsd_conn *conn, unsigned long now)
{
	return 0;
}

/* Disconnect every connection @pick selects; @log names the reason. */
static void conn_disconnect_all(int (*pick)(struct kcifsd_conn *conn,
					    unsigned long now), bool log)
{
	struct kcifsd_conn *batch[CONN_BATCH];
	int why[CONN_BATCH];
	unsigned int i, n;

	do {
		n = conn_collect(batch, why, pick);
		for (i = 0; i < n; i++) {
			if (log) {
				pr_debug("closing %s connection from %pISpc: %s\n",
					 batch[i]->ops->name, &batch[i]->peer,
					 kcifsd_drop_reason_name(why[i]));
				kcifsd_server_count_drop(why[i]);
			}
			kcifsd_conn_disconnect(batch[i]);
			kcifsd_conn_put(batch[i]);
		}
	} while (n == CONN_BATCH);
}

static void conn_scan(struct work_struct *w)
{
	conn_disconnect_all(pick_expired, true);
	if (READ_ONCE(conn_scan_enabled))
		kcifsd_queue_ctl_delayed(&conn_scan_work, CONN_SCAN_INTERVAL);
}

/**
 * kcifsd_conn_timers_start() - start the connection timeout scan
 *
 * One delayed work checks every connection once a second against the
 * negotiate, session and idle timeouts of the running config.
 */
void kcifsd_conn_timers_start(void)
{
	WRITE_ONCE(conn_scan_enabled, true);
	kcifsd_queue_ctl_delayed(&conn_scan_work, CONN_SCAN_INTERVAL);
}

/**
 * kcifsd_conn_timers_stop() - stop the timeout scan and wait for it
 */
void kcifsd_conn_timers_stop(void)
{
	WRITE_ONCE(conn_scan_enabled, false);
	cancel_delayed_work_sync(&conn_scan_work);
}

/**
 * kcifsd_conn_shutdown_all() - close every connection and wait until freed
 *
 * Called with the listeners already stopped, so no connection appears
 * meanwhile. Waits for works, parked requests and releases to finish.
 */
void kcifsd_conn_shutdown_all(void)
{
	conn_disconnect_all(pick_any, false);
	while (!wait_event_timeout(conn_gone_wq, !READ_ONCE(nr_conns),
				   10 * HZ))
		pr_warn("waiting for %u connections to close\n",
			READ_ONCE(nr_conns));
}

/**
 * kcifsd_conn_count() - connections open now
 *
 * Return: the number of connections, including ones being torn down.
 */
unsigned int kcifsd_conn_count(void)
{
	return READ_ONCE(nr_conns);
}

/**
 * kcifsd_conn_init() - set up the connection core at module load
 *
 * Return: 0 or -ENOMEM.
 */
int kcifsd_conn_init(void)
{
	work_cache = KMEM_CACHE(work_private, 0);
	if (!work_cache)
		return -ENOMEM;
	INIT_DELAYED_WORK(&conn_scan_work, conn_scan);
	return 0;
}

/**
 * kcifsd_conn_exit() - free the connection core at module unload
 *
 * Called after kcifsd_conn_shutdown_all(): no work is left.
 */
void kcifsd_conn_exit(void)
{
	kmem_cache_destroy(work_cache);
}
