/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB Direct transport internals, shared by rdma/smbd_transport.c (devices,
 * listeners, the connection manager, setup and teardown), rdma/smbd_recvfrom.c
 * (the receive path) and rdma/smbd_sendto.c (the send path).
 *
 * Locking: @lock (a spinlock, never taken from interrupt context: the CQs
 * are polled from a workqueue) guards the state, the credit state machine
 * and the receive buffer lists, and every ib_post_send()/ib_post_recv(),
 * so nothing is posted once the state says the connection is going away.
 * @send_mutex makes one message at a time go out, so the fragments of one
 * upper-layer message are never interleaved with another message (a reply
 * or a credit message). @io_rwsem is held for reading by everyone who maps
 * DMA or posts, and for writing by the teardown while it destroys the
 * queue pair, the CQs and the PD.
 *
 * Lifetime: struct kcifsd_smbd_conn lives from the connect request until
 * ops->release. The RDMA resources go earlier, in the teardown work, as
 * soon as the connection ends (the peer, a violation, the SMB server, the
 * adapter going away or rmmod), so an adapter can be removed while SMB
 * requests of the connection are still finishing. Teardown order:
 * state DISCONNECTING -> rdma_disconnect -> drain the QP (every posted
 * work request completes) -> stop the works and the timer -> destroy
 * QP, CQs, PD and buffers -> rdma_destroy_id -> drop the transport's
 * connection reference.
 */
#ifndef _KCIFSD_SMBD_TRANSPORT_H
#define _KCIFSD_SMBD_TRANSPORT_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <rdma/ib_verbs.h>
#include <rdma/rdma_cm.h>

#include "net/connection.h"
#include "rdma/smbd_proto.h"

/*
 * Scatter/gather entries one send uses: the header (with the SMB header and
 * parameter bytes copied behind it) and up to 5 page-cache pieces. Fewer
 * work when the adapter has fewer (fragments just get shorter); fewer than
 * 2 cannot send file data by reference (event 2).
 */
#define KCIFSD_SMBD_SEND_SGE		6
#define KCIFSD_SMBD_SEND_SGE_MIN	2
/* One receive buffer per receive (event 1 below that). */
#define KCIFSD_SMBD_RECV_SGE		1

/*
 * Timers (MS-SMBD 3.1.2.2 and Appendix B notes <2>, <4>); the negotiate
 * timer is the smbd_negotiate_timeout parameter (5 s).
 */
#define KCIFSD_SMBD_KEEPALIVE_WAIT	(5 * HZ)

/**
 * enum kcifsd_smbd_state - where a connection is
 * @KCIFSD_SMBD_ACCEPTING: accepted, waiting for RDMA_CM_EVENT_ESTABLISHED
 * @KCIFSD_SMBD_NEGOTIATING: established, waiting for the negotiate request
 * @KCIFSD_SMBD_CONNECTED: negotiated; data transfer messages flow
 * @KCIFSD_SMBD_DISCONNECTING: going away; nothing is posted any more
 * @KCIFSD_SMBD_CLOSED: queue pair, CQs, PD and buffers are gone
 */
enum kcifsd_smbd_state {
	KCIFSD_SMBD_ACCEPTING,
	KCIFSD_SMBD_NEGOTIATING,
	KCIFSD_SMBD_CONNECTED,
	KCIFSD_SMBD_DISCONNECTING,
	KCIFSD_SMBD_CLOSED,
};

/* Both kinds of rdma_cm_id context start with this. */
struct kcifsd_smbd_cm_ctx {
	bool listener;
};

/**
 * struct kcifsd_smbd_dev - an RDMA adapter kcifsd can use
 * @ibdev: the adapter
 * @node: on the list of adapters (smbd_transport.c)
 * @params: our parameters clamped to what the adapter supports
 * @send_sge: scatter/gather entries per send we use
 * @removing: the adapter is going away: refuse new connections
 * @nr_conns: connections with RDMA resources on this adapter
 * @wq: woken when @nr_conns drops
 */
struct kcifsd_smbd_dev {
	struct ib_device *ibdev;
	struct list_head node;
	struct kcifsd_smbd_params params;
	unsigned int send_sge;
	bool removing;
	unsigned int nr_conns;
	wait_queue_head_t wq;
};

/**
 * struct kcifsd_smbd_recv_io - one receive buffer
 * @cqe: completion callback
 * @sc: its connection
 * @node: on @sc->recv_free or @sc->recv_done while not posted
 * @buf: the buffer (kmalloc)
 * @size: its size
 * @dma: its DMA address, mapped once for the buffer's life
 * @byte_len: bytes the last completion reported
 * @data_off: on @sc->tail_ios: where its part of the payload starts
 * @data_len: on @sc->tail_ios: how long that part is
 */
struct kcifsd_smbd_recv_io {
	struct ib_cqe cqe;
	struct kcifsd_smbd_conn *sc;
	struct list_head node;
	void *buf;
	u32 size;
	u64 dma;
	u32 byte_len;
	u32 data_off;
	u32 data_len;
};

/**
 * struct kcifsd_smbd_conn - an SMB Direct connection's transport state
 * @ctx: marks this as a connection for the CM event handler
 * @conn: the transport-neutral connection (one reference is the
 *	transport's, dropped at the end of the teardown); NULL until
 *	kcifsd_conn_alloc() succeeded
 * @dev: the adapter
 * @cm_id: the connection's CM identifier
 * @pd: protection domain
 * @send_cq: send completion queue
 * @recv_cq: receive completion queue
 * @qp: the reliable-connected queue pair
 * @node: on the list of connections (for adapter removal)
 * @peer: the client's address (IPv4-mapped IPv6 given as IPv4)
 * @params: what we offered (the adapter's clamped parameters)
 * @neg: what negotiation settled
 * @lock: see the top of this file
 * @state: enum kcifsd_smbd_state, under @lock (READ_ONCE outside)
 * @credits: the credit state machine, under @lock
 * @throttled: the SMB server asked us to stop reading (MaxMpxCount)
 * @setup: the connect request handler is still setting up; a disconnect
 *	meanwhile leaves queueing the teardown to it
 * @teardown_queued: @disconnect_work was queued once already
 * @io_rwsem: see the top of this file
 * @recv_ios: every receive buffer, for teardown
 * @nr_recv_ios: entries in @recv_ios
 * @recv_free: receive buffers neither posted nor waiting to be processed
 * @nr_recv_free: entries on @recv_free
 * @recv_done: completed receives waiting for @rx_work, in arrival order
 * @rx_work: processes @recv_done (negotiate, data messages, reassembly)
 * @reasm: reassembly bookkeeping; only @rx_work touches it
 * @reasm_buf: the message being reassembled (kvmalloc), handed to the core
 * @tail_mode: the message being reassembled was split (net/split.h): its
 *	fragments go to @tail_ios, not @reasm_buf; only @rx_work touches it
 * @tail_pending: a split message's payload is not all consumed yet:
 *	@rx_work takes no further message (the core's rule,
 *	kcifsd_conn_submit_head()); under @lock
 * @tail_ios: received buffers holding that payload, in order, under @lock
 * @tail_wq: ops->recv_tail waits here for them
 * @send_mutex: see the top of this file
 * @send_wq: senders wait here for credits and completions
 * @send_pending: send work requests posted and not yet completed
 * @send_depth: send work requests that may be outstanding
 * @send_work: sends a message without payload (credits, keepalive)
 * @timer: negotiate timeout, then the idle/keepalive timer
 * @keepalive_interval: idle time before a keepalive (jiffies)
 * @disconnect_work: the teardown
 * @fatal_work: disconnects after a fatal asynchronous QP event (those may
 *	come from interrupt context, where @lock cannot be taken)
 */
struct kcifsd_smbd_conn {
	struct kcifsd_smbd_cm_ctx ctx;
	struct kcifsd_conn *conn;
	struct kcifsd_smbd_dev *dev;
	struct rdma_cm_id *cm_id;
	struct ib_pd *pd;
	struct ib_cq *send_cq;
	struct ib_cq *recv_cq;
	struct ib_qp *qp;
	struct list_head node;
	struct sockaddr_storage peer;
	struct kcifsd_smbd_params params;
	struct kcifsd_smbd_negotiated neg;

	spinlock_t lock;
	enum kcifsd_smbd_state state;
	struct kcifsd_smbd_credits credits;
	bool throttled;
	bool setup;
	bool teardown_queued;
	struct rw_semaphore io_rwsem;

	struct kcifsd_smbd_recv_io **recv_ios;
	unsigned int nr_recv_ios;
	struct list_head recv_free;
	u16 nr_recv_free;
	struct list_head recv_done;
	struct work_struct rx_work;
	struct kcifsd_smbd_reasm reasm;
	void *reasm_buf;
	bool tail_mode;
	bool tail_pending;
	struct list_head tail_ios;
	wait_queue_head_t tail_wq;

	struct mutex send_mutex;
	wait_queue_head_t send_wq;
	atomic_t send_pending;
	unsigned int send_depth;
	struct work_struct send_work;

	struct delayed_work timer;
	unsigned long keepalive_interval;
	struct work_struct disconnect_work;
	struct work_struct fatal_work;
};

/* rdma/smbd_transport.c */
extern struct workqueue_struct *kcifsd_smbd_wq;
void kcifsd_smbd_disconnect(struct kcifsd_smbd_conn *sc);
void kcifsd_smbd_timer_arm(struct kcifsd_smbd_conn *sc, unsigned long delay);
bool kcifsd_smbd_queue(struct kcifsd_smbd_conn *sc, struct work_struct *w);
void kcifsd_smbd_established(struct kcifsd_smbd_conn *sc);

/* rdma/smbd_recvfrom.c */
int kcifsd_smbd_recv_alloc(struct kcifsd_smbd_conn *sc, unsigned int count,
			   u32 size);
void kcifsd_smbd_recv_free_all(struct kcifsd_smbd_conn *sc);
int kcifsd_smbd_recv_refill(struct kcifsd_smbd_conn *sc, bool sending);
void kcifsd_smbd_rx_work(struct work_struct *w);
int kcifsd_smbd_recv_tail(struct kcifsd_conn *conn, size_t len,
			  kcifsd_tail_actor_t actor, void *ctx);

/* rdma/smbd_sendto.c */
int kcifsd_smbd_send(struct kcifsd_conn *conn, struct kvec *iov,
		     unsigned int nr_iov, struct bio_vec *bvec,
		     unsigned int nr_bvec);
int kcifsd_smbd_send_negotiate_rsp(struct kcifsd_smbd_conn *sc,
				   const struct kcifsd_smbd_negotiate_rsp *rsp);
void kcifsd_smbd_send_work(struct work_struct *w);

/* Peer address for log lines ("%pISpc"). */
#define smbd_peer(sc)	(&(sc)->peer)

#endif /* _KCIFSD_SMBD_TRANSPORT_H */
