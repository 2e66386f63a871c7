// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB Direct transport setup and teardown (MS-SMBD 3.1.7.2, 3.1.6): the
 * adapters (an ib_client checks what each can do), the RDMA CM listeners
 * (port 445 for InfiniBand and RoCE, 5445 for iWARP, MS-SMBD 1.9), the
 * connection manager events, accepting a connection with its PD, CQs and
 * queue pair, the negotiate and keepalive timer, and the teardown that
 * runs on every way a connection can end. The receive and send paths are
 * in smbd_recvfrom.c and smbd_sendto.c.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/err.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/inet.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "net/connection.h"
#include "net/server.h"
#include "rdma/smbd.h"
#include "rdma/smbd_transport.h"

static ushort smbd_recv_credit_max = 255;
module_param(smbd_recv_credit_max, ushort, 0444);
MODULE_PARM_DESC(smbd_recv_credit_max, "SMB Direct receive buffers per connection (credits plus one spare), 3-1024 (default: 255)");

static ushort smbd_send_credit_target = 255;
module_param(smbd_send_credit_target, ushort, 0444);
MODULE_PARM_DESC(smbd_send_credit_target, "SMB Direct send credits asked of the client, 3-1024 (default: 255)");

static uint smbd_max_send_size = 8192;
module_param(smbd_max_send_size, uint, 0444);
MODULE_PARM_DESC(smbd_max_send_size, "Largest SMB Direct message sent, 128-1048576 (default: 8192)");

static uint smbd_max_recv_size = 8192;
module_param(smbd_max_recv_size, uint, 0444);
MODULE_PARM_DESC(smbd_max_recv_size, "Largest SMB Direct message received, 512-1048576 (default: 8192)");

static uint smbd_max_fragmented_recv_size;
module_param(smbd_max_fragmented_recv_size, uint, 0444);
MODULE_PARM_DESC(smbd_max_fragmented_recv_size, "Largest reassembled SMB message received, 131072-16777216; 0 = credits * payload / 2 (default: 0)");

static uint smbd_keepalive = 120;
module_param(smbd_keepalive, uint, 0444);
MODULE_PARM_DESC(smbd_keepalive, "Seconds of silence before an SMB Direct keepalive, 1-86400 (default: 120)");

static uint smbd_negotiate_timeout = 5;
module_param(smbd_negotiate_timeout, uint, 0444);
MODULE_PARM_DESC(smbd_negotiate_timeout, "Seconds a new SMB Direct connection may take to send its negotiate request, 1-120 (default: 5, as Windows)");

#define SMBD_KEEPALIVE_DEFAULT	120
#define SMBD_KEEPALIVE_MAX	(24 * 60 * 60)
/* MS-SMBD 3.1.7.2, <8>: 5 s; more only for slow (emulated) test beds. */
#define SMBD_NEGOTIATE_TIMEOUT_DEFAULT	5
#define SMBD_NEGOTIATE_TIMEOUT_MAX	120
/* Connect requests the CM queues for one listener. */
#define SMBD_LISTEN_BACKLOG	128

/* Our parameters after range checks (event 4); adapters clamp them. */
static struct kcifsd_smbd_params smbd_params;

/* The receive, send and teardown works of every connection. */
struct workqueue_struct *kcifsd_smbd_wq;

/* Adapters we can use and connections with RDMA resources, for removal. */
static LIST_HEAD(smbd_devs);
static LIST_HEAD(smbd_conns);
static DEFINE_SPINLOCK(smbd_devs_lock);

/**
 * struct smbd_listener - one wildcard RDMA CM listener
 * @ctx: marks this as a listener for the CM event handler
 * @id: its CM identifier
 * @port: the port
 * @iwarp: accept iWARP adapters only (else InfiniBand and RoCE only)
 * @any: accept every adapter (both ports configured the same)
 */
struct smbd_listener {
	struct kcifsd_smbd_cm_ctx ctx;
	struct rdma_cm_id *id;
	u16 port;
	bool iwarp;
	bool any;
};

static struct smbd_listener *smbd_listeners[2];

static void smbd_conn_release(struct kcifsd_conn *conn);
static void smbd_conn_shutdown(struct kcifsd_conn *conn);
static void smbd_conn_resume_rx(struct kcifsd_conn *conn);

static const struct kcifsd_transport_ops smbd_ops = {
	.name = "smbdirect",
	.send = kcifsd_smbd_send,
	.resume_rx = smbd_conn_resume_rx,
	.recv_tail = kcifsd_smbd_recv_tail,
	.shutdown = smbd_conn_shutdown,
	.release = smbd_conn_release,
};

static int smbd_cm_handler(struct rdma_cm_id *id, struct rdma_cm_event *ev);

/* ---- adapters ---- */

static struct ib_client smbd_client;

/*
 * What an adapter must offer: one SGE per receive (event 1), two per send
 * for a header plus file data by reference (event 2), one per RDMA read
 * (event 3; kcifsd does no RDMA reads, SMB1 has no buffer descriptors, but
 * an adapter without them is no RDMA adapter), and queues deep enough for
 * at least two credits each way (event 5). Deeper wishes are clamped.
 */
static bool smbd_dev_check(struct ib_device *ibdev, struct kcifsd_smbd_dev *d)
{
	const struct ib_device_attr *a = &ibdev->attrs;
	struct kcifsd_smbd_params *p = &d->params;
	int depth;

	if (a->max_recv_sge < KCIFSD_SMBD_RECV_SGE) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_RECV_SGE,
				 "adapter %s is incompatible with SMB Direct: needs %d SGE per receive, has %d\n",
				 ibdev->name, KCIFSD_SMBD_RECV_SGE, a->max_recv_sge);
		return false;
	}
	if (a->max_send_sge < KCIFSD_SMBD_SEND_SGE_MIN) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_SEND_SGE,
				 "adapter %s is incompatible with SMB Direct: needs %d SGEs per send, has %d\n",
				 ibdev->name, KCIFSD_SMBD_SEND_SGE_MIN,
				 a->max_send_sge);
		return false;
	}
	if (a->max_sge_rd < 1) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_READ_SGE,
				 "adapter %s is incompatible with SMB Direct: needs 1 SGE per RDMA read, has %d\n",
				 ibdev->name, a->max_sge_rd);
		return false;
	}

	*p = smbd_params;
	d->send_sge = min(a->max_send_sge, KCIFSD_SMBD_SEND_SGE);
	if (d->send_sge < KCIFSD_SMBD_SEND_SGE)
		kcifsd_smbd_info(KCIFSD_SMBD_EV_ADAPTER_CLAMP,
				 "adapter %s: SGEs per send clamped from %d to %u\n",
				 ibdev->name, KCIFSD_SMBD_SEND_SGE, d->send_sge);

	/* Each queue needs one more entry than credits, for the drain. */
	depth = min(a->max_qp_wr, a->max_cqe) - 1;
	if (depth < KCIFSD_SMBD_CREDITS_MIN) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_ADAPTER_CLAMP,
				 "adapter %s cannot support SMB Direct: queues of %d entries\n",
				 ibdev->name, depth + 1);
		return false;
	}
	if (p->recv_credit_max > depth) {
		kcifsd_smbd_info(KCIFSD_SMBD_EV_ADAPTER_CLAMP,
				 "adapter %s: smbd_recv_credit_max clamped from %u to %d\n",
				 ibdev->name, p->recv_credit_max, depth);
		p->recv_credit_max = depth;
		if (!smbd_max_fragmented_recv_size)
			p->max_fragmented_recv_size =
				kcifsd_smbd_fragmented_default(p->recv_credit_max,
							       p->max_recv_size);
	}
	if (p->send_credit_target > depth) {
		kcifsd_smbd_info(KCIFSD_SMBD_EV_ADAPTER_CLAMP,
				 "adapter %s: smbd_send_credit_target clamped from %u to %d\n",
				 ibdev->name, p->send_credit_target, depth);
		p->send_credit_target = depth;
	}
	return true;
}

static int smbd_dev_add(struct ib_device *ibdev)
{
	const struct ib_device_attr *a = &ibdev->attrs;
	struct kcifsd_smbd_dev *d;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->ibdev = ibdev;
	init_waitqueue_head(&d->wq);
	if (!smbd_dev_check(ibdev, d)) {
		kfree(d);
		return -EOPNOTSUPP;
	}
	kcifsd_smbd_info(KCIFSD_SMBD_EV_ADAPTER_OPENED,
			 "opened adapter %s (%s): vendor %#x part %#x, max_mr_size %llu, send SGEs %d, receive SGEs %d, read SGEs %d, queue depth %d, CQ depth %d, read limits %d/%d\n",
			 ibdev->name,
			 rdma_node_get_transport(ibdev->node_type) ==
				RDMA_TRANSPORT_IWARP ? "iWARP" : "InfiniBand/RoCE",
			 a->vendor_id, a->vendor_part_id, a->max_mr_size,
			 a->max_send_sge, a->max_recv_sge, a->max_sge_rd,
			 a->max_qp_wr, a->max_cqe, a->max_qp_rd_atom,
			 a->max_qp_init_rd_atom);
	spin_lock(&smbd_devs_lock);
	list_add_tail(&d->node, &smbd_devs);
	spin_unlock(&smbd_devs_lock);
	ib_set_client_data(ibdev, &smbd_client, d);
	return 0;
}

/* The adapter is going away: close its connections and wait for them. */
static void smbd_dev_remove(struct ib_device *ibdev, void *data)
{
	struct kcifsd_smbd_dev *d = data;
	struct kcifsd_smbd_conn *sc;

	spin_lock(&smbd_devs_lock);
	d->removing = true;
	list_for_each_entry(sc, &smbd_conns, node) {
		if (sc->dev != d)
			continue;
		kcifsd_smbd_info(KCIFSD_SMBD_EV_DISCONNECT_EVENT,
				 "%pISpc: adapter %s removed, disconnecting\n",
				 smbd_peer(sc), ibdev->name);
		kcifsd_smbd_disconnect(sc);
	}
	spin_unlock(&smbd_devs_lock);

	wait_event(d->wq, !READ_ONCE(d->nr_conns));
	/* The last teardown woke us under the lock: let it finish. */
	spin_lock(&smbd_devs_lock);
	list_del(&d->node);
	spin_unlock(&smbd_devs_lock);
	pr_info("SMB Direct adapter %s released\n", ibdev->name);
	kfree(d);
}

static struct ib_client smbd_client = {
	.name = "kcifsd",
	.add = smbd_dev_add,
	.remove = smbd_dev_remove,
};

/* Attach @sc to the adapter of @ibdev, unless it is unusable or leaving. */
static struct kcifsd_smbd_dev *smbd_dev_get(struct kcifsd_smbd_conn *sc,
					    struct ib_device *ibdev)
{
	struct kcifsd_smbd_dev *d, *found = NULL;

	spin_lock(&smbd_devs_lock);
	list_for_each_entry(d, &smbd_devs, node) {
		if (d->ibdev != ibdev || d->removing)
			continue;
		d->nr_conns++;
		sc->dev = d;
		list_add_tail(&sc->node, &smbd_conns);
		found = d;
		break;
	}
	spin_unlock(&smbd_devs_lock);
	return found;
}

static void smbd_dev_put(struct kcifsd_smbd_conn *sc)
{
	struct kcifsd_smbd_dev *d = sc->dev;

	spin_lock(&smbd_devs_lock);
	list_del(&sc->node);
	if (!--d->nr_conns)
		wake_up(&d->wq);
	spin_unlock(&smbd_devs_lock);
	sc->dev = NULL;
}

/* ---- helpers for the receive and send paths ---- */

/**
 * kcifsd_smbd_queue() - queue one of a connection's works
 * @sc: the connection
 * @w: @sc->rx_work or @sc->send_work
 *
 * Nothing is queued once the teardown started, so the teardown can cancel
 * the works once and know they stay idle.
 *
 * Return: true if queued now.
 */
bool kcifsd_smbd_queue(struct kcifsd_smbd_conn *sc, struct work_struct *w)
{
	bool queued = false;

	spin_lock(&sc->lock);
	if (sc->state < KCIFSD_SMBD_DISCONNECTING)
		queued = queue_work(kcifsd_smbd_wq, w);
	spin_unlock(&sc->lock);
	return queued;
}

/**
 * kcifsd_smbd_timer_arm() - (re)start the connection's timer
 * @sc: the connection
 * @delay: jiffies from now
 *
 * Before negotiation it is the negotiate timeout (MS-SMBD 3.1.7.2),
 * afterwards the idle timer (3.1.6.2), restarted by every received message.
 */
void kcifsd_smbd_timer_arm(struct kcifsd_smbd_conn *sc, unsigned long delay)
{
	spin_lock(&sc->lock);
	if (sc->state < KCIFSD_SMBD_DISCONNECTING)
		mod_delayed_work(kcifsd_smbd_wq, &sc->timer, delay);
	spin_unlock(&sc->lock);
}

static void smbd_timer_fn(struct work_struct *w)
{
	struct kcifsd_smbd_conn *sc = container_of(to_delayed_work(w),
						   struct kcifsd_smbd_conn,
						   timer);
	enum kcifsd_smbd_idle_action action;
	enum kcifsd_smbd_state state;

	spin_lock(&sc->lock);
	state = sc->state;
	if (state == KCIFSD_SMBD_CONNECTED)
		action = kcifsd_smbd_credits_idle(&sc->credits);
	spin_unlock(&sc->lock);

	if (state < KCIFSD_SMBD_CONNECTED) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_NEGOTIATE_TIMEOUT,
				 "%pISpc: no negotiate request within %u s, cancelling accept\n",
				 smbd_peer(sc), smbd_negotiate_timeout);
		kcifsd_smbd_disconnect(sc);
		return;
	}
	if (state != KCIFSD_SMBD_CONNECTED)
		return;
	if (action == KCIFSD_SMBD_IDLE_TIMEOUT) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_KEEPALIVE_TIMEOUT,
				 "%pISpc: keepalive response timed out after %u s\n",
				 smbd_peer(sc), KCIFSD_SMBD_KEEPALIVE_WAIT / HZ);
		kcifsd_smbd_disconnect(sc);
		return;
	}
	if (action == KCIFSD_SMBD_IDLE_NO_CREDIT) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_CREDIT_TIMEOUT,
				 "%pISpc: timed out waiting for send credits: no keepalive could be sent in %u s\n",
				 smbd_peer(sc), KCIFSD_SMBD_KEEPALIVE_WAIT / HZ);
		kcifsd_smbd_disconnect(sc);
		return;
	}
	kcifsd_smbd_queue(sc, &sc->send_work);
	kcifsd_smbd_timer_arm(sc, KCIFSD_SMBD_KEEPALIVE_WAIT);
}

/**
 * kcifsd_smbd_established() - the CM reports the connection up
 * @sc: the connection
 *
 * Some adapters complete the first receive before this event (mlx5, irdma
 * in RoCE mode); the receive work waits for it before looking at the
 * negotiate request, and is kicked here.
 */
void kcifsd_smbd_established(struct kcifsd_smbd_conn *sc)
{
	spin_lock(&sc->lock);
	if (sc->state == KCIFSD_SMBD_ACCEPTING)
		sc->state = KCIFSD_SMBD_NEGOTIATING;
	spin_unlock(&sc->lock);
	kcifsd_smbd_queue(sc, &sc->rx_work);
}

/* ---- setup and teardown ---- */

/* Asynchronous QP events may come from interrupt context: defer. */
static void smbd_qp_event(struct ib_event *ev, void *ctx)
{
	struct kcifsd_smbd_conn *sc = ctx;

	switch (ev->event) {
	case IB_EVENT_CQ_ERR:
	case IB_EVENT_QP_FATAL:
	case IB_EVENT_QP_REQ_ERR:
	case IB_EVENT_QP_ACCESS_ERR:
		kcifsd_smbd_count(KCIFSD_SMBD_EV_CQ_FAILED);
		pr_warn_ratelimited("smbdirect %u: %pISpc: %s\n",
				    KCIFSD_SMBD_EV_CQ_FAILED, smbd_peer(sc),
				    ib_event_msg(ev->event));
		queue_work(kcifsd_smbd_wq, &sc->fatal_work);
		break;
	default:
		break;
	}
}

static void smbd_fatal_work(struct work_struct *w)
{
	kcifsd_smbd_disconnect(container_of(w, struct kcifsd_smbd_conn,
					    fatal_work));
}

static int smbd_create_qp(struct kcifsd_smbd_conn *sc)
{
	struct ib_device *ibdev = sc->dev->ibdev;
	struct ib_qp_init_attr attr = {};
	int ret;

	sc->pd = ib_alloc_pd(ibdev, 0);
	if (IS_ERR(sc->pd)) {
		ret = PTR_ERR(sc->pd);
		sc->pd = NULL;
		return ret;
	}
	sc->send_cq = ib_alloc_cq_any(ibdev, sc,
				      sc->params.send_credit_target + 1,
				      IB_POLL_WORKQUEUE);
	if (IS_ERR(sc->send_cq)) {
		ret = PTR_ERR(sc->send_cq);
		sc->send_cq = NULL;
		return ret;
	}
	sc->recv_cq = ib_alloc_cq_any(ibdev, sc,
				      sc->params.recv_credit_max + 1,
				      IB_POLL_WORKQUEUE);
	if (IS_ERR(sc->recv_cq)) {
		ret = PTR_ERR(sc->recv_cq);
		sc->recv_cq = NULL;
		return ret;
	}

	attr.event_handler = smbd_qp_event;
	attr.qp_context = sc;
	/* One extra entry each for ib_drain_qp(). */
	attr.cap.max_send_wr = sc->params.send_credit_target + 1;
	attr.cap.max_recv_wr = sc->params.recv_credit_max + 1;
	attr.cap.max_send_sge = sc->dev->send_sge;
	attr.cap.max_recv_sge = KCIFSD_SMBD_RECV_SGE;
	attr.sq_sig_type = IB_SIGNAL_REQ_WR;
	attr.qp_type = IB_QPT_RC;
	attr.send_cq = sc->send_cq;
	attr.recv_cq = sc->recv_cq;
	ret = rdma_create_qp(sc->cm_id, sc->pd, &attr);
	if (ret)
		return ret;
	sc->qp = sc->cm_id->qp;
	sc->send_depth = sc->params.send_credit_target;
	return 0;
}

/* Free the queue pair, CQs, PD and receive buffers: nothing is posted. */
static void smbd_destroy_resources(struct kcifsd_smbd_conn *sc)
{
	kcifsd_smbd_count(KCIFSD_SMBD_EV_CLOSE_STARTED);
	if (sc->qp) {
		rdma_destroy_qp(sc->cm_id);
		sc->qp = NULL;
	}
	if (sc->recv_cq) {
		ib_free_cq(sc->recv_cq);
		sc->recv_cq = NULL;
	}
	if (sc->send_cq) {
		ib_free_cq(sc->send_cq);
		sc->send_cq = NULL;
	}
	kcifsd_smbd_recv_free_all(sc);
	if (sc->pd) {
		ib_dealloc_pd(sc->pd);
		sc->pd = NULL;
	}
}

static void smbd_conn_free(struct kcifsd_smbd_conn *sc)
{
	kvfree(sc->reasm_buf);
	kfree(sc->recv_ios);
	kfree(sc);
}

/*
 * The teardown (see smbd_transport.h for the order). The connection core
 * is told first, so it stops handing out requests and cancels parked ones;
 * the transport's reference goes last, after which ops->release frees @sc.
 */
static void smbd_disconnect_work(struct work_struct *w)
{
	struct kcifsd_smbd_conn *sc = container_of(w, struct kcifsd_smbd_conn,
						   disconnect_work);

	kcifsd_smbd_debug(KCIFSD_SMBD_EV_DISCONNECT_STARTED,
			  "%pISpc: disconnecting\n", smbd_peer(sc));
	if (sc->conn)
		kcifsd_conn_disconnect(sc->conn);
	rdma_disconnect(sc->cm_id);
	/* Every posted receive and send completes, flushed if need be. */
	ib_drain_qp(sc->qp);
	kcifsd_smbd_count(KCIFSD_SMBD_EV_DISCONNECT_DONE);

	cancel_work_sync(&sc->rx_work);
	cancel_work_sync(&sc->send_work);
	cancel_delayed_work_sync(&sc->timer);

	/* Senders still inside the send path leave it before this. */
	down_write(&sc->io_rwsem);
	smbd_destroy_resources(sc);
	spin_lock(&sc->lock);
	sc->state = KCIFSD_SMBD_CLOSED;
	spin_unlock(&sc->lock);
	up_write(&sc->io_rwsem);

	rdma_destroy_id(sc->cm_id);
	sc->cm_id = NULL;
	cancel_work_sync(&sc->fatal_work);
	smbd_dev_put(sc);
	kcifsd_smbd_debug(KCIFSD_SMBD_EV_CLOSE_DONE, "%pISpc: closed\n",
			  smbd_peer(sc));
	kcifsd_conn_put(sc->conn);
}

/**
 * kcifsd_smbd_disconnect() - end a connection (idempotent, any process
 *	context)
 * @sc: the connection
 *
 * Stops all posting at once and queues the teardown. While the connect
 * request handler is still setting the connection up, the handler queues
 * the teardown when it is done instead.
 */
void kcifsd_smbd_disconnect(struct kcifsd_smbd_conn *sc)
{
	bool queue = false;

	spin_lock(&sc->lock);
	if (sc->state < KCIFSD_SMBD_DISCONNECTING)
		sc->state = KCIFSD_SMBD_DISCONNECTING;
	if (sc->state == KCIFSD_SMBD_DISCONNECTING && !sc->setup &&
	    !sc->teardown_queued) {
		sc->teardown_queued = true;
		queue = true;
	}
	spin_unlock(&sc->lock);
	wake_up_all(&sc->send_wq);
	wake_up_all(&sc->tail_wq);
	if (queue)
		queue_work(kcifsd_smbd_wq, &sc->disconnect_work);
}

/* ---- transport ops ---- */

static void smbd_conn_resume_rx(struct kcifsd_conn *conn)
{
	struct kcifsd_smbd_conn *sc = conn->transport;

	kcifsd_smbd_queue(sc, &sc->rx_work);
}

static void smbd_conn_shutdown(struct kcifsd_conn *conn)
{
	kcifsd_smbd_disconnect(conn->transport);
}

static void smbd_conn_release(struct kcifsd_conn *conn)
{
	struct kcifsd_smbd_conn *sc = conn->transport;

	/* The teardown dropped the reference that got us here: let it end. */
	flush_work(&sc->disconnect_work);
	smbd_conn_free(sc);
}

/* ---- accepting a connection ---- */

static void smbd_peer_addr(struct kcifsd_smbd_conn *sc, struct rdma_cm_id *id)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&sc->peer;
	struct sockaddr_in *sin = (struct sockaddr_in *)&sc->peer;
	__be32 v4;
	__be16 port;

	memcpy(&sc->peer, &id->route.addr.dst_addr, sizeof(sc->peer));
	if (sc->peer.ss_family != AF_INET6 ||
	    !ipv6_addr_v4mapped(&sin6->sin6_addr))
		return;
	v4 = sin6->sin6_addr.s6_addr32[3];
	port = sin6->sin6_port;
	memset(&sc->peer, 0, sizeof(sc->peer));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = v4;
	sin->sin_port = port;
}

static struct kcifsd_smbd_conn *smbd_conn_new(struct rdma_cm_id *id)
{
	struct kcifsd_smbd_conn *sc;

	sc = kzalloc(sizeof(*sc), GFP_KERNEL);
	if (!sc)
		return NULL;
	sc->ctx.listener = false;
	sc->cm_id = id;
	smbd_peer_addr(sc, id);
	spin_lock_init(&sc->lock);
	sc->state = KCIFSD_SMBD_ACCEPTING;
	sc->setup = true;
	init_rwsem(&sc->io_rwsem);
	INIT_LIST_HEAD(&sc->node);
	INIT_LIST_HEAD(&sc->recv_free);
	INIT_LIST_HEAD(&sc->recv_done);
	INIT_LIST_HEAD(&sc->tail_ios);
	init_waitqueue_head(&sc->tail_wq);
	INIT_WORK(&sc->rx_work, kcifsd_smbd_rx_work);
	mutex_init(&sc->send_mutex);
	init_waitqueue_head(&sc->send_wq);
	atomic_set(&sc->send_pending, 0);
	INIT_WORK(&sc->send_work, kcifsd_smbd_send_work);
	INIT_DELAYED_WORK(&sc->timer, smbd_timer_fn);
	INIT_WORK(&sc->disconnect_work, smbd_disconnect_work);
	INIT_WORK(&sc->fatal_work, smbd_fatal_work);
	sc->keepalive_interval = (unsigned long)smbd_keepalive * HZ;
	return sc;
}

/* Setup failed inside the CM handler: undo it there, the CM frees the id. */
static void smbd_accept_abort(struct kcifsd_smbd_conn *sc)
{
	cancel_delayed_work_sync(&sc->timer);
	spin_lock(&sc->lock);
	sc->state = KCIFSD_SMBD_CLOSED;
	sc->teardown_queued = true;
	spin_unlock(&sc->lock);
	/* Nothing but the first receive was posted, and never completes. */
	smbd_destroy_resources(sc);
	cancel_work_sync(&sc->fatal_work);
	sc->cm_id = NULL;
	smbd_dev_put(sc);
	if (!sc->conn) {
		smbd_conn_free(sc);
		return;
	}
	kcifsd_conn_disconnect(sc->conn);
	kcifsd_conn_put(sc->conn);
}

static bool smbd_listener_wants(const struct smbd_listener *l,
				struct ib_device *ibdev)
{
	bool iwarp = rdma_node_get_transport(ibdev->node_type) ==
		     RDMA_TRANSPORT_IWARP;

	return l->any || iwarp == l->iwarp;
}

/*
 * RDMA_CM_EVENT_CONNECT_REQUEST on a listener (MS-SMBD 3.1.7.2): set up the
 * connection, post the receive for the negotiate request, start the 5 s
 * negotiate timer and accept. Returning an error makes the CM reject the
 * request and destroy @id.
 */
static int smbd_connect_request(struct rdma_cm_id *id,
				struct smbd_listener *l)
{
	struct rdma_conn_param param = {};
	struct kcifsd_smbd_conn *sc;
	struct kcifsd_conn *conn;
	bool queue;
	int ret;

	kcifsd_smbd_count(KCIFSD_SMBD_EV_CONNECT_REQUEST);
	if (!smbd_listener_wants(l, id->device)) {
		pr_debug("smbdirect: %s adapter %s on port %u: rejected\n",
			 l->iwarp ? "non-iWARP" : "iWARP", id->device->name,
			 l->port);
		return -EPROTONOSUPPORT;
	}

	sc = smbd_conn_new(id);
	if (!sc) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_REJECT_NOMEM,
				 "connect request rejected: not enough memory\n");
		return -ENOMEM;
	}
	if (!smbd_dev_get(sc, id->device)) {
		kcifsd_smbd_count(KCIFSD_SMBD_EV_UPPER_REJECT);
		pr_debug("smbdirect: %pISpc: adapter %s not usable\n",
			 smbd_peer(sc), id->device->name);
		smbd_conn_free(sc);
		return -EPROTONOSUPPORT;
	}
	sc->params = sc->dev->params;
	kcifsd_smbd_credits_init(&sc->credits, sc->params.recv_credit_max,
				 sc->params.send_credit_target);
	kcifsd_smbd_debug(KCIFSD_SMBD_EV_SOCKET_CREATED,
			  "%pISpc: connect request on %s port %u\n",
			  smbd_peer(sc), id->device->name, l->port);

	sc->recv_ios = kcalloc(sc->params.recv_credit_max,
			       sizeof(*sc->recv_ios), GFP_KERNEL);
	ret = sc->recv_ios ? smbd_create_qp(sc) : -ENOMEM;
	if (ret) {
		kcifsd_smbd_warn(ret == -ENOMEM ? KCIFSD_SMBD_EV_REJECT_NOMEM :
				 KCIFSD_SMBD_EV_SOCKET_FAILED,
				 "%pISpc: connect request rejected: cannot create the queue pair: %d\n",
				 smbd_peer(sc), ret);
		goto err_abort;
	}
	/* MS-SMBD 3.1.7.2: one receive of at least 512 bytes before accept. */
	ret = kcifsd_smbd_recv_alloc(sc, 1, sc->params.max_recv_size);
	if (ret) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_REJECT_NOMEM,
				 "%pISpc: connect request rejected: not enough memory\n",
				 smbd_peer(sc));
		goto err_abort;
	}
	ret = kcifsd_smbd_recv_refill(sc, true);
	if (ret <= 0) {
		ret = ret ?: -EIO;
		goto err_abort;
	}

	id->context = &sc->ctx;
	conn = kcifsd_conn_alloc(&smbd_ops, sc, &sc->peer);
	if (IS_ERR(conn)) {
		ret = PTR_ERR(conn);
		if (ret == -EBUSY)
			kcifsd_smbd_count(KCIFSD_SMBD_EV_REJECT_LIMIT);
		else
			kcifsd_smbd_warn(KCIFSD_SMBD_EV_UPPER_REJECT,
					 "%pISpc: SMB server rejected the connection: %d\n",
					 smbd_peer(sc), ret);
		goto err_abort;
	}
	sc->conn = conn;

	kcifsd_smbd_timer_arm(sc, (unsigned long)smbd_negotiate_timeout * HZ);
	if (READ_ONCE(sc->state) != KCIFSD_SMBD_ACCEPTING) {
		ret = -ESHUTDOWN;
		goto err_abort;
	}
	/* No RDMA read or write: SMB1 moves everything in sends. */
	param.responder_resources = 0;
	param.initiator_depth = 0;
	param.retry_count = 6;
	/* A send without a posted receive is a protocol error: no RNR retry. */
	param.rnr_retry_count = 0;
	kcifsd_smbd_debug(KCIFSD_SMBD_EV_ACCEPT_STARTED, "%pISpc: accepting\n",
			  smbd_peer(sc));
	ret = rdma_accept(id, &param);
	if (ret) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_ACCEPT_CALL_FAILED,
				 "%pISpc: accept failed: %d\n", smbd_peer(sc),
				 ret);
		goto err_abort;
	}

	spin_lock(&sc->lock);
	sc->setup = false;
	queue = sc->state == KCIFSD_SMBD_DISCONNECTING &&
		!sc->teardown_queued;
	if (queue)
		sc->teardown_queued = true;
	spin_unlock(&sc->lock);
	if (queue)
		queue_work(kcifsd_smbd_wq, &sc->disconnect_work);
	return 0;

err_abort:
	smbd_accept_abort(sc);
	return ret;
}

static int smbd_cm_handler(struct rdma_cm_id *id, struct rdma_cm_event *ev)
{
	struct kcifsd_smbd_cm_ctx *ctx = id->context;
	struct kcifsd_smbd_conn *sc;

	if (ctx->listener) {
		if (ev->event == RDMA_CM_EVENT_CONNECT_REQUEST)
			return smbd_connect_request(id,
					container_of(ctx, struct smbd_listener,
						     ctx));
		pr_debug("smbdirect listener: %s\n", rdma_event_msg(ev->event));
		return 0;
	}

	sc = container_of(ctx, struct kcifsd_smbd_conn, ctx);
	switch (ev->event) {
	case RDMA_CM_EVENT_ESTABLISHED:
		kcifsd_smbd_established(sc);
		break;
	case RDMA_CM_EVENT_DISCONNECTED:
		kcifsd_smbd_debug(KCIFSD_SMBD_EV_DISCONNECT_EVENT,
				  "%pISpc: disconnected\n", smbd_peer(sc));
		kcifsd_smbd_disconnect(sc);
		break;
	case RDMA_CM_EVENT_DEVICE_REMOVAL:
		kcifsd_smbd_info(KCIFSD_SMBD_EV_DISCONNECT_EVENT,
				 "%pISpc: adapter %s removed, disconnecting\n",
				 smbd_peer(sc), id->device->name);
		kcifsd_smbd_disconnect(sc);
		break;
	case RDMA_CM_EVENT_CONNECT_ERROR:
	case RDMA_CM_EVENT_UNREACHABLE:
	case RDMA_CM_EVENT_REJECTED:
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_ACCEPT_FAILED,
				 "%pISpc: accept failed: %s (%d)\n",
				 smbd_peer(sc), rdma_event_msg(ev->event),
				 ev->status);
		kcifsd_smbd_disconnect(sc);
		break;
	default:
		pr_debug("smbdirect: %pISpc: %s\n", smbd_peer(sc),
			 rdma_event_msg(ev->event));
		break;
	}
	return 0;
}

/* ---- listeners ---- */

static int smbd_listen_addr(const struct kcifsd_server_config *cfg, u16 port,
			    struct sockaddr_storage *ss, bool *v6any)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	const char *a = cfg->bind_addr;
	size_t n = strnlen(a, sizeof(cfg->bind_addr));

	memset(ss, 0, sizeof(*ss));
	*v6any = false;
	if (n && in4_pton(a, n, (u8 *)&sin->sin_addr.s_addr, -1, NULL)) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		return 0;
	}
	if (n && in6_pton(a, n, sin6->sin6_addr.s6_addr, -1, NULL)) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		return 0;
	}
	if (n)
		return -EINVAL;
	if (cfg->ipv6 && IS_ENABLED(CONFIG_IPV6)) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		*v6any = true;
		return 0;
	}
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(INADDR_ANY);
	sin->sin_port = htons(port);
	return 0;
}

static int smbd_listen_one(const struct kcifsd_server_config *cfg, u16 port,
			   bool iwarp, bool any, struct smbd_listener **res)
{
	struct sockaddr_storage ss;
	struct smbd_listener *l;
	bool v6any;
	int ret;

	ret = smbd_listen_addr(cfg, port, &ss, &v6any);
	if (ret)
		return ret;
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	l->ctx.listener = true;
	l->port = port;
	l->iwarp = iwarp;
	l->any = any;
	/* Like every kernel RDMA listener: in the initial namespace. */
	l->id = rdma_create_id(&init_net, smbd_cm_handler, &l->ctx,
			       RDMA_PS_TCP, IB_QPT_RC);
	if (IS_ERR(l->id)) {
		ret = PTR_ERR(l->id);
		goto err_free;
	}
	/* One wildcard IPv6 listener takes IPv4 too. */
	if (v6any) {
		ret = rdma_set_afonly(l->id, 0);
		if (ret)
			goto err_id;
	}
	ret = rdma_bind_addr(l->id, (struct sockaddr *)&ss);
	if (ret)
		goto err_id;
	ret = rdma_listen(l->id, SMBD_LISTEN_BACKLOG);
	if (ret)
		goto err_id;
	pr_info("listening on %pISpc (SMB Direct, %s)\n", &ss,
		any ? "all adapters" : iwarp ? "iWARP" : "InfiniBand/RoCE");
	*res = l;
	return 0;

err_id:
	rdma_destroy_id(l->id);
err_free:
	kfree(l);
	pr_err("cannot listen on SMB Direct port %u: %d\n", port, ret);
	return ret;
}

/**
 * kcifsd_smbd_listen() - open the SMB Direct listeners
 * @cfg: the running config (bind address, IPv6, the two ports)
 *
 * One listener for InfiniBand and RoCE adapters on cfg->smbd_port and one
 * for iWARP adapters on cfg->smbd_iwarp_port (MS-SMBD 1.9: iWARP runs over
 * TCP and needs its own port next to TCP port 445); 0 leaves one out. A
 * connect request arriving on the other kind of adapter is rejected. Adapters that appear later are
 * covered: the listeners are wildcard.
 *
 * Return: 0, or the error of the listener that failed (none is left open).
 */
int kcifsd_smbd_listen(const struct kcifsd_server_config *cfg)
{
	u16 port = cfg->smbd_port, iwarp_port = cfg->smbd_iwarp_port;
	bool same = port && port == iwarp_port;
	int ret;

	if (port) {
		ret = smbd_listen_one(cfg, port, false, same,
				      &smbd_listeners[0]);
		if (ret)
			return ret;
	}
	if (iwarp_port && !same) {
		ret = smbd_listen_one(cfg, iwarp_port, true, false,
				      &smbd_listeners[1]);
		if (ret) {
			kcifsd_smbd_unlisten();
			return ret;
		}
	}
	return 0;
}

/**
 * kcifsd_smbd_unlisten() - close the SMB Direct listeners
 *
 * Connections already accepted stay; the caller closes them afterwards.
 * Waits for connect request handlers still running.
 */
void kcifsd_smbd_unlisten(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(smbd_listeners); i++) {
		if (!smbd_listeners[i])
			continue;
		rdma_destroy_id(smbd_listeners[i]->id);
		kfree(smbd_listeners[i]);
		smbd_listeners[i] = NULL;
	}
}

/* ---- module load and unload ---- */

static void smbd_params_load(void)
{
	unsigned int reset;

	smbd_params.recv_credit_max = smbd_recv_credit_max;
	smbd_params.send_credit_target = smbd_send_credit_target;
	smbd_params.max_send_size = smbd_max_send_size;
	smbd_params.max_recv_size = smbd_max_recv_size;
	smbd_params.max_fragmented_recv_size = smbd_max_fragmented_recv_size;
	reset = kcifsd_smbd_params_sanitize(&smbd_params);
	if (reset & KCIFSD_SMBD_PARAM_RECV_CREDIT_MAX)
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_CONFIG_RANGE,
				 "smbd_recv_credit_max %u out of range, using %u\n",
				 smbd_recv_credit_max, smbd_params.recv_credit_max);
	if (reset & KCIFSD_SMBD_PARAM_SEND_CREDIT_TARGET)
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_CONFIG_RANGE,
				 "smbd_send_credit_target %u out of range, using %u\n",
				 smbd_send_credit_target,
				 smbd_params.send_credit_target);
	if (reset & KCIFSD_SMBD_PARAM_MAX_SEND_SIZE)
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_CONFIG_RANGE,
				 "smbd_max_send_size %u out of range, using %u\n",
				 smbd_max_send_size, smbd_params.max_send_size);
	if (reset & KCIFSD_SMBD_PARAM_MAX_RECV_SIZE)
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_CONFIG_RANGE,
				 "smbd_max_recv_size %u out of range, using %u\n",
				 smbd_max_recv_size, smbd_params.max_recv_size);
	if (reset & KCIFSD_SMBD_PARAM_MAX_FRAGMENTED) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_CONFIG_RANGE,
				 "smbd_max_fragmented_recv_size %u out of range, using %u\n",
				 smbd_max_fragmented_recv_size,
				 smbd_params.max_fragmented_recv_size);
		smbd_max_fragmented_recv_size = 0;
	}
	if (!smbd_keepalive || smbd_keepalive > SMBD_KEEPALIVE_MAX) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_CONFIG_RANGE,
				 "smbd_keepalive %u out of range, using %u\n",
				 smbd_keepalive, SMBD_KEEPALIVE_DEFAULT);
		smbd_keepalive = SMBD_KEEPALIVE_DEFAULT;
	}
	if (!smbd_negotiate_timeout ||
	    smbd_negotiate_timeout > SMBD_NEGOTIATE_TIMEOUT_MAX) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_CONFIG_RANGE,
				 "smbd_negotiate_timeout %u out of range, using %u\n",
				 smbd_negotiate_timeout,
				 SMBD_NEGOTIATE_TIMEOUT_DEFAULT);
		smbd_negotiate_timeout = SMBD_NEGOTIATE_TIMEOUT_DEFAULT;
	}
}

/**
 * kcifsd_smbd_init() - set up SMB Direct at module load
 *
 * Checks the module parameters (event 4 for each one out of range) and
 * registers with the RDMA core, which reports every adapter: event 9500,
 * or 1, 2, 3 or 5 for one that cannot work. Listening starts with the
 * server.
 *
 * Return: 0 or a negative errno.
 */
int kcifsd_smbd_init(void)
{
	int ret;

	smbd_params_load();
	kcifsd_smbd_wq = alloc_workqueue("kcifsd-smbd",
					 WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!kcifsd_smbd_wq)
		return -ENOMEM;
	ret = ib_register_client(&smbd_client);
	if (ret) {
		destroy_workqueue(kcifsd_smbd_wq);
		return ret;
	}
	return 0;
}

/**
 * kcifsd_smbd_exit() - tear SMB Direct down at module unload
 *
 * Called after the server stopped: no listener and no connection is left.
 */
void kcifsd_smbd_exit(void)
{
	ib_unregister_client(&smbd_client);
	destroy_workqueue(kcifsd_smbd_wq);
}
