/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The transport-neutral connection: what TCP (net/tcp.c, net/nbt.c) and
 * SMB Direct (rdma/) hand to the SMB1 server (fs/), and the request unit
 * that the worker pool runs.
 *
 * Flow: a transport reads one whole SMB message, checks its length against
 * conn->max_msg_size and calls kcifsd_conn_submit(). The core queues a
 * struct kcifsd_work on the worker pool (at most conn->max_mpx in flight;
 * the rest wait on the backlog and the transport stops reading). A worker
 * calls kcifsd_smb_handle(), which fills in the reply; the core sends it
 * with ops->send under conn->send_lock, so replies of one connection never
 * interleave on the wire.
 *
 * A large WRITE_ANDX may arrive split instead (kcifsd_conn_submit_head()):
 * the message up to its data, with the data left on the transport
 * (work->rx_tail) for fs/ to take straight into the page cache with
 * kcifsd_work_recv_tail(). The transport reads nothing else until the
 * tail is consumed; the core drains what fs/ did not take.
 *
 * Lifetime: conn->refcnt; the transport holds one reference while it can
 * receive, every struct kcifsd_work holds one. Teardown order:
 * ops->shutdown (no more I/O) -> cancel/drain works -> kcifsd_smb_conn_release
 * -> ops->release -> free.
 */
#ifndef _KCIFSD_CONNECTION_H
#define _KCIFSD_CONNECTION_H

#include <linux/atomic.h>
#include <linux/bvec.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/socket.h>
#include <linux/spinlock.h>
#include <linux/uio.h>
#include <linux/workqueue.h>

struct kcifsd_conn;
struct kcifsd_smb_conn;

/**
 * typedef kcifsd_tail_actor_t - takes the payload of a split message
 * @ctx: the caller's context
 * @from: the next bytes of the payload, in order (an ITER_SOURCE over
 *	the transport's receive buffers, valid only during the call)
 *
 * Whatever the actor takes from @from, the bytes are consumed from the
 * transport: an actor that fails remembers its error in @ctx and skips
 * the rest, so the stream stays in step.
 */
typedef void (*kcifsd_tail_actor_t)(void *ctx, struct iov_iter *from);

/**
 * struct kcifsd_transport_ops - what a transport does for the core
 * @name: "tcp", "nbt" or "smbdirect", for logs and status
 * @empty_messages: the framing carries each message's length, so a
 *	zero-length message can be sent (TCP, NetBIOS; not SMB Direct,
 *	where an empty data transfer message is no message)
 * @send: send one whole reply, in order: @iov (SMB header, words, bytes)
 *	then @bvec (file data pages sent by reference, may be NULL). The
 *	transport adds its own framing. Called with conn->send_lock held;
 *	may sleep. Returns 0 or a negative errno (the core then disconnects).
 * @resume_rx: the core accepts requests again after backpressure (the
 *	in-flight count fell below max_mpx): restart reading.
 * @recv_tail: read the @len bytes of payload a split message left on the
 *	transport (kcifsd_conn_submit_head()) and feed them to @actor (NULL:
 *	drop them), then start reading messages again. May sleep, at most
 *	the send timeout without progress. Returns 0, or a negative errno
 *	when the stream broke (the core then disconnects). Optional: only
 *	a transport that splits messages needs it.
 * @rx_pending: has the client sent bytes the transport has not read yet
 *	(a next message coming)? A hint, read without locks; optional
 *	(without it: false).
 * @shutdown: stop all I/O and wake anything sleeping in @send or
 *	@recv_tail; idempotent.
 * @release: free the transport's state; called once, after the last
 *	reference to the connection is gone and fs/ has released its state.
 */
struct kcifsd_transport_ops {
	const char *name;
	bool empty_messages;
	int (*send)(struct kcifsd_conn *conn, struct kvec *iov,
		    unsigned int nr_iov, struct bio_vec *bvec,
		    unsigned int nr_bvec);
	void (*resume_rx)(struct kcifsd_conn *conn);
	int (*recv_tail)(struct kcifsd_conn *conn, size_t len,
			 kcifsd_tail_actor_t actor, void *ctx);
	bool (*rx_pending)(struct kcifsd_conn *conn);
	void (*shutdown)(struct kcifsd_conn *conn);
	void (*release)(struct kcifsd_conn *conn);
};

/**
 * enum kcifsd_conn_phase - how far a connection got (drives the timeouts
 * of MS-CIFS 3.3.2: no NEGOTIATE in 30 s, no session in 2 min, idle).
 * @KCIFSD_PHASE_NEW: connected, nothing negotiated yet
 * @KCIFSD_PHASE_NEGOTIATED: NEGOTIATE done, no authenticated session
 * @KCIFSD_PHASE_SESSION: at least one session established
 * @KCIFSD_PHASE_EXITING: being torn down; new requests are dropped
 */
enum kcifsd_conn_phase {
	KCIFSD_PHASE_NEW,
	KCIFSD_PHASE_NEGOTIATED,
	KCIFSD_PHASE_SESSION,
	KCIFSD_PHASE_EXITING,
};

/**
 * struct kcifsd_conn - one client connection, whatever the transport
 * @refcnt: lifetime, see the comment at the top of this file
 * @ops: the transport's operations
 * @transport: the transport's private state
 * @peer: the client's address (for limits, logs and status)
 * @node: entry in the global connection list (net/connection.c)
 * @phase: enum kcifsd_conn_phase; read with READ_ONCE, set by fs/
 * @send_lock: serialises ops->send so replies never interleave
 * @req_lock: protects @running, @backlog, @nr_running and @barrier
 * @running: works queued or running on the worker pool (NT_CANCEL looks
 *	here by MID/PID)
 * @backlog: works beyond @max_mpx, started as running ones finish
 * @nr_running: number of entries on @running
 * @barrier: a running work no later request may run beside (see
 *	struct kcifsd_work @barrier), or NULL
 * @max_mpx: MaxMpxCount negotiated for this connection
 * @max_msg_size: largest SMB message a transport may accept now (smaller
 *	before authentication); fs/ raises it after login
 * @transport_max_rx: largest SMB message the transport can ever receive,
 *	whatever @max_msg_size says (SMB Direct: our MaxFragmentedRecvSize,
 *	MS-SMBD 3.1.5.8); 0 = no limit of the transport's own. fs/ neither
 *	raises @max_msg_size above it nor advertises larger writes. Set by
 *	the transport before its first kcifsd_conn_submit().
 * @transport_max_tx: largest reply the transport can send (SMB Direct:
 *	the peer's MaxFragmentedSize, MS-SMBD 3.1.4.2); 0 = no limit of the
 *	transport's own. fs/ keeps ClientMaxBufferSize and READ_ANDX replies
 *	within it. Set like @transport_max_rx.
 * @last_active: jiffies of the last received message (idle timeout)
 * @connected_at: jiffies when the connection was accepted
 * @smb: the SMB1 server's per-connection state, owned by fs/
 * @open_resources: opens and searches fs/ holds on this connection; the
 *	Idle Connection Timer (MS-CIFS 3.3.2) only closes a connection
 *	while it is zero
 */
struct kcifsd_conn {
	refcount_t refcnt;
	const struct kcifsd_transport_ops *ops;
	void *transport;
	struct sockaddr_storage peer;
	struct list_head node;
	int phase;
	struct mutex send_lock;		/* one reply on the wire at a time */
	spinlock_t req_lock;	/* running, backlog, nr_running, barrier */
	struct list_head running;
	struct list_head backlog;
	unsigned int nr_running;
	struct kcifsd_work *barrier;
	unsigned int max_mpx;
	u32 max_msg_size;
	u32 transport_max_rx;
	u32 transport_max_tx;
	unsigned long last_active;
	unsigned long connected_at;
	struct kcifsd_smb_conn *smb;
	atomic_t open_resources;
};

/**
 * struct kcifsd_work - one received SMB message and its reply
 * @conn: the connection (a reference is held)
 * @work: runs kcifsd_smb_handle() on the worker pool
 * @node: entry on conn->running or conn->backlog
 * @request: the whole SMB message, transport framing stripped
 *	(kvmalloc'ed, owned by the work); of a split message, the part
 *	before its payload
 * @request_len: length of @request in bytes
 * @rx_tail: bytes of the message still on the transport after @request
 *	(a split WRITE_ANDX's data; 0 for a whole message): taken by
 *	kcifsd_work_recv_tail() or kcifsd_work_pull_tail(), else drained by
 *	the core once kcifsd_smb_handle() returns
 * @response: reply buffer allocated by fs/ (kvmalloc'ed, owned by the work)
 * @response_len: bytes of @response to send
 * @data: file data pages appended after @response (references are held
 *	and dropped when the work is freed)
 * @nr_data: entries in @data
 * @cancelled: set by NT_CANCEL or teardown; a parked handler checks it
 * @cancel: set by a handler that parks the request (a lock wait, an
 *	oplock break wait): called once, under conn->req_lock, when the work
 *	is cancelled, to wake the parked request; NULL otherwise
 * @no_reply: fs/ decided this request gets no reply (NT_CANCEL itself,
 *	an oplock break acknowledgment, ...)
 * @disconnect: fs/ wants the connection closed after this reply is sent
 *	(a protocol violation, a bad signature)
 * @parked: set by kcifsd_smb_handle() to keep the request after it returns
 *	(a lock wait, an oplock break wait, NOTIFY_CHANGE): the core then
 *	neither replies nor frees it, and it still counts against max_mpx.
 *	The event that ends the wait (or @cancel) calls kcifsd_work_resume(),
 *	which runs kcifsd_smb_handle() again on the pool, even during
 *	teardown; that call clears @parked and fills in the reply. Only
 *	kcifsd_smb_handle() writes @parked. One resume per park: a resume
 *	that comes while the receive work's own call is still running is
 *	deferred to its end, and a second one would be dropped there.
 * @smb_req: fs/'s state of a parked request, owned by fs/: set with
 *	@parked, taken back by the kcifsd_smb_handle() call that resumes it
 * @seq: the request's arrival number from kcifsd_smb_rx_seq(), taken in
 *	the order the transport received the messages (the signing sequence
 *	numbers of fs/signing_seq.h follow from it)
 * @barrier: kcifsd_smb_rx_seq() said so: requests that arrive after this
 *	one wait on the backlog until it is done (a logon that may turn
 *	signing on: a request after it must not run before it is known
 *	whether it has to be signed)
 * @order: enum kcifsd_order (fs/order.h), owned by fs/: set at arrival
 *	by kcifsd_order_rx(), back to 0 when the request has passed
 * @order_node: its entry in the connection's order list while @order
 *
 * @data is an array kvmalloc'ed by fs/; the core puts every page and
 * kvfree()s the array with the work.
 */
struct kcifsd_work {
	struct kcifsd_conn *conn;
	struct work_struct work;
	struct list_head node;
	void *request;
	unsigned int request_len;
	u32 rx_tail;
	void *response;
	unsigned int response_len;
	struct bio_vec *data;
	unsigned int nr_data;
	bool cancelled;
	void (*cancel)(struct kcifsd_work *work);
	bool no_reply;
	bool disconnect;
	bool parked;
	void *smb_req;
	u32 seq;
	bool barrier;
	u8 order;
	struct list_head order_node;
};

/* net/connection.c: for transports */
struct kcifsd_conn *kcifsd_conn_alloc(const struct kcifsd_transport_ops *ops,
				      void *transport,
				      const struct sockaddr_storage *peer);
int kcifsd_conn_submit(struct kcifsd_conn *conn, void *msg, unsigned int len);
int kcifsd_conn_submit_inline(struct kcifsd_conn *conn, void *msg,
			      unsigned int len, unsigned int room);
int kcifsd_conn_submit_head(struct kcifsd_conn *conn, void *head,
			    unsigned int head_len, u32 tail,
			    unsigned int room);
bool kcifsd_conn_may_receive(struct kcifsd_conn *conn);
bool kcifsd_conn_rx_pending(struct kcifsd_conn *conn);
void kcifsd_conn_disconnect(struct kcifsd_conn *conn);
void kcifsd_conn_get(struct kcifsd_conn *conn);
void kcifsd_conn_put(struct kcifsd_conn *conn);

/* net/connection.c: for fs/ */
int kcifsd_conn_send_reply(struct kcifsd_conn *conn, struct kvec *iov,
			   unsigned int nr_iov, struct bio_vec *bvec,
			   unsigned int nr_bvec);
void kcifsd_conn_set_phase(struct kcifsd_conn *conn,
			   enum kcifsd_conn_phase phase);
void kcifsd_work_cancel(struct kcifsd_work *work);
void kcifsd_work_resume(struct kcifsd_work *work);
int kcifsd_work_recv_tail(struct kcifsd_work *work,
			  kcifsd_tail_actor_t actor, void *ctx);
int kcifsd_work_pull_tail(struct kcifsd_work *work);

/* fs/: the SMB1 server's side of the contract */
int kcifsd_smb_conn_init(struct kcifsd_conn *conn);
u32 kcifsd_smb_rx_seq(struct kcifsd_conn *conn, const void *msg,
		      unsigned int len, bool *barrier);
void kcifsd_smb_conn_release(struct kcifsd_conn *conn);
void kcifsd_smb_handle(struct kcifsd_work *work);
u32 kcifsd_smb_inline_reply(struct kcifsd_conn *conn, const u8 *msg,
			    unsigned int len, u32 tail);

#endif /* _KCIFSD_CONNECTION_H */
