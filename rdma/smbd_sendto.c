// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB Direct send path (MS-SMBD 3.1.4.2, 3.1.5.1): SMB replies split into
 * data transfer messages no larger than the peer's MaxReceiveSize, each
 * sent only with a send credit (and with the last one only if it grants a
 * credit back), messages without payload for credits and keepalives, and
 * the negotiate response.
 *
 * No copy of file data: the SMB header and parameter bytes (small) are
 * copied behind the SMB Direct header into one DMA-mapped buffer, and the
 * page-cache pages of a READ reply are mapped into the send's
 * scatter/gather list as they are. The reply returns only when every
 * send has completed, because the core drops the page references then.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/highmem.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "net/connection.h"
#include "net/server.h"
#include "rdma/smbd_transport.h"

/*
 * A peer that grants no credit, or sends that do not complete, for this
 * long end the connection (events 453 and 6; the values are ours, MS-SMBD
 * leaves them to the implementation).
 */
#define SMBD_CREDIT_TIMEOUT	(10 * HZ)
#define SMBD_COMPLETION_TIMEOUT	(10 * HZ)

/**
 * struct smbd_send_io - one posted send
 * @cqe: completion callback
 * @sc: its connection
 * @nr_sge: entries used in @sge; @sge[0] maps @buf
 * @sge: the scatter/gather list
 * @buf: SMB Direct header, then copied SMB bytes
 */
struct smbd_send_io {
	struct ib_cqe cqe;
	struct kcifsd_smbd_conn *sc;
	unsigned int nr_sge;
	struct ib_sge sge[KCIFSD_SMBD_SEND_SGE];
	u8 buf[];
};

/**
 * struct smbd_src - where the next payload bytes of a reply come from
 * @iov: header, words and bytes, copied
 * @nr_iov: entries in @iov
 * @iov_i: current entry
 * @iov_off: offset in it
 * @bv: file data pages, mapped
 * @nr_bv: entries in @bv
 * @bv_i: current entry
 * @bv_off: offset in it
 */
struct smbd_src {
	const struct kvec *iov;
	unsigned int nr_iov, iov_i;
	size_t iov_off;
	const struct bio_vec *bv;
	unsigned int nr_bv, bv_i;
	size_t bv_off;
};

static void smbd_send_done(struct ib_cq *cq, struct ib_wc *wc);

static struct smbd_send_io *smbd_send_io_alloc(struct kcifsd_smbd_conn *sc,
					       size_t size)
{
	struct smbd_send_io *io;

	io = kmalloc(struct_size(io, buf, size), GFP_KERNEL);
	if (!io)
		return NULL;
	io->cqe.done = smbd_send_done;
	io->sc = sc;
	io->nr_sge = 0;
	return io;
}

static void smbd_send_io_free(struct smbd_send_io *io)
{
	struct ib_device *ibdev = io->sc->dev->ibdev;
	unsigned int i;

	for (i = 0; i < io->nr_sge; i++) {
		if (i == 0)
			ib_dma_unmap_single(ibdev, io->sge[0].addr,
					    io->sge[0].length, DMA_TO_DEVICE);
		else
			ib_dma_unmap_page(ibdev, io->sge[i].addr,
					  io->sge[i].length, DMA_TO_DEVICE);
	}
	kfree(io);
}

/* Send completion (CQ work): unmap, free, wake the sender. */
static void smbd_send_done(struct ib_cq *cq, struct ib_wc *wc)
{
	struct smbd_send_io *io = container_of(wc->wr_cqe, struct smbd_send_io,
					       cqe);
	struct kcifsd_smbd_conn *sc = io->sc;

	if (unlikely(wc->status != IB_WC_SUCCESS)) {
		if (wc->status != IB_WC_WR_FLUSH_ERR)
			kcifsd_smbd_warn(KCIFSD_SMBD_EV_SEND_FAILED,
					 "%pISpc: send failed: %s (vendor error %#x)\n",
					 smbd_peer(sc),
					 ib_wc_status_msg(wc->status),
					 wc->vendor_err);
		kcifsd_smbd_disconnect(sc);
	}
	smbd_send_io_free(io);
	atomic_dec(&sc->send_pending);
	wake_up(&sc->send_wq);
}

/* Map @io->buf (@len bytes) as the first SGE. */
static int smbd_map_buf(struct kcifsd_smbd_conn *sc, struct smbd_send_io *io,
			u32 len)
{
	struct ib_device *ibdev = sc->dev->ibdev;
	u64 addr;

	addr = ib_dma_map_single(ibdev, io->buf, len, DMA_TO_DEVICE);
	if (ib_dma_mapping_error(ibdev, addr))
		return -EIO;
	io->sge[0].addr = addr;
	io->sge[0].length = len;
	io->sge[0].lkey = sc->pd->local_dma_lkey;
	io->nr_sge = max(io->nr_sge, 1U);
	return 0;
}

/* Post @io; the state check and the post are atomic with the teardown. */
static int smbd_post_send(struct kcifsd_smbd_conn *sc, struct smbd_send_io *io)
{
	struct ib_send_wr wr = {};
	int ret;

	wr.wr_cqe = &io->cqe;
	wr.sg_list = io->sge;
	wr.num_sge = io->nr_sge;
	wr.opcode = IB_WR_SEND;
	wr.send_flags = IB_SEND_SIGNALED;

	spin_lock(&sc->lock);
	if (sc->state >= KCIFSD_SMBD_DISCONNECTING) {
		spin_unlock(&sc->lock);
		return -ESHUTDOWN;
	}
	atomic_inc(&sc->send_pending);
	ret = ib_post_send(sc->qp, &wr, NULL);
	if (ret)
		atomic_dec(&sc->send_pending);
	spin_unlock(&sc->lock);
	if (ret) {
		kcifsd_smbd_warn(KCIFSD_SMBD_EV_POST_SEND,
				 "%pISpc: failed to post a send: %d\n",
				 smbd_peer(sc), ret);
		kcifsd_smbd_disconnect(sc);
	}
	return ret;
}

/* Wait until every posted send completed (event 6 if that takes long). */
static int smbd_wait_sent(struct kcifsd_smbd_conn *sc)
{
	if (wait_event_timeout(sc->send_wq, !atomic_read(&sc->send_pending),
			       SMBD_COMPLETION_TIMEOUT))
		return 0;
	kcifsd_smbd_warn(KCIFSD_SMBD_EV_WR_STALL,
			 "%pISpc: no send completed in %u ms, disconnecting\n",
			 smbd_peer(sc), jiffies_to_msecs(SMBD_COMPLETION_TIMEOUT));
	kcifsd_smbd_disconnect(sc);
	/* The teardown drains the queue pair: everything completes. */
	wait_event(sc->send_wq, !atomic_read(&sc->send_pending));
	return -ETIMEDOUT;
}

/* Could a message go out now, or after posting receives? */
static bool smbd_send_ready(struct kcifsd_smbd_conn *sc)
{
	bool ready;

	spin_lock(&sc->lock);
	ready = sc->state >= KCIFSD_SMBD_DISCONNECTING ||
		(atomic_read(&sc->send_pending) < sc->send_depth &&
		 kcifsd_smbd_credits_may_send_after_post(&sc->credits,
							 sc->nr_recv_free));
	spin_unlock(&sc->lock);
	return ready;
}

/*
 * MS-SMBD 3.1.5.1: wait for a send credit (and, for the last one, a
 * receive to grant with it), then take it and the grants.
 */
static int smbd_take_credit(struct kcifsd_smbd_conn *sc,
			    struct kcifsd_smbd_send_fields *f)
{
	bool counted = false;
	int ret;

	for (;;) {
		ret = kcifsd_smbd_recv_refill(sc, true);
		if (ret < 0)
			return ret;
		spin_lock(&sc->lock);
		if (sc->state >= KCIFSD_SMBD_DISCONNECTING) {
			spin_unlock(&sc->lock);
			return -ESHUTDOWN;
		}
		if (atomic_read(&sc->send_pending) < sc->send_depth &&
		    !kcifsd_smbd_credits_take(&sc->credits, f)) {
			spin_unlock(&sc->lock);
			break;
		}
		if (!sc->credits.send_credits && !counted) {
			counted = true;
			spin_unlock(&sc->lock);
			kcifsd_smbd_debug(KCIFSD_SMBD_EV_OUT_OF_CREDITS,
					  "%pISpc: out of send credits, waiting for a grant\n",
					  smbd_peer(sc));
		} else {
			spin_unlock(&sc->lock);
		}
		if (!wait_event_timeout(sc->send_wq, smbd_send_ready(sc),
					SMBD_CREDIT_TIMEOUT)) {
			kcifsd_smbd_warn(KCIFSD_SMBD_EV_CREDIT_TIMEOUT,
					 "%pISpc: timed out waiting for send credits\n",
					 smbd_peer(sc));
			kcifsd_smbd_disconnect(sc);
			return -ETIMEDOUT;
		}
	}
	if (f->last_credit)
		kcifsd_smbd_debug(KCIFSD_SMBD_EV_LAST_CREDIT,
				  "%pISpc: using the last send credit, granting %u\n",
				  smbd_peer(sc), f->credits_granted);
	if (f->credits_granted)
		kcifsd_smbd_debug(KCIFSD_SMBD_EV_GRANTED,
				  "%pISpc: granted the peer %u send credits\n",
				  smbd_peer(sc), f->credits_granted);
	return 0;
}

/* Copy SMB header and parameter bytes behind the SMB Direct header. */
static u32 smbd_fill_copy(struct smbd_src *src, u8 *to, u32 room)
{
	u32 done = 0, n;

	while (done < room && src->iov_i < src->nr_iov) {
		const struct kvec *v = &src->iov[src->iov_i];

		n = min_t(size_t, room - done, v->iov_len - src->iov_off);
		memcpy(to + done, v->iov_base + src->iov_off, n);
		done += n;
		src->iov_off += n;
		if (src->iov_off == v->iov_len) {
			src->iov_i++;
			src->iov_off = 0;
		}
	}
	return done;
}

/* Map file data pages into @io's SGEs, one page piece per SGE. */
static int smbd_fill_pages(struct kcifsd_smbd_conn *sc, struct smbd_src *src,
			   struct smbd_send_io *io, u32 room, u32 *done)
{
	struct ib_device *ibdev = sc->dev->ibdev;
	const struct bio_vec *bv;
	struct page *page;
	size_t pos, off, n;
	u64 addr;

	while (*done < room && src->bv_i < src->nr_bv &&
	       io->nr_sge < sc->dev->send_sge) {
		bv = &src->bv[src->bv_i];
		if (src->bv_off == bv->bv_len) {
			src->bv_i++;
			src->bv_off = 0;
			continue;
		}
		pos = bv->bv_offset + src->bv_off;
		page = bv->bv_page + pos / PAGE_SIZE;
		off = pos % PAGE_SIZE;
		n = min3((size_t)(room - *done), bv->bv_len - src->bv_off,
			 PAGE_SIZE - off);
		addr = ib_dma_map_page(ibdev, page, off, n, DMA_TO_DEVICE);
		if (ib_dma_mapping_error(ibdev, addr)) {
			kcifsd_smbd_warn(KCIFSD_SMBD_EV_OP_FAILED,
					 "%pISpc: DMA mapping of a page failed\n",
					 smbd_peer(sc));
			return -EIO;
		}
		io->sge[io->nr_sge].addr = addr;
		io->sge[io->nr_sge].length = n;
		io->sge[io->nr_sge].lkey = sc->pd->local_dma_lkey;
		io->nr_sge++;
		*done += n;
		src->bv_off += n;
	}
	return 0;
}

/* The header changed after mapping: make the device see it. */
static void smbd_sync_hdr(struct kcifsd_smbd_conn *sc, struct smbd_send_io *io)
{
	ib_dma_sync_single_for_device(sc->dev->ibdev, io->sge[0].addr,
				      KCIFSD_SMBD_DATA_OFFSET, DMA_TO_DEVICE);
}

/*
 * One data transfer message of a reply: payload from @src as far as the
 * negotiated size and the SGEs allow, then wait for a credit and post.
 */
static int smbd_send_fragment(struct kcifsd_smbd_conn *sc,
			      struct kcifsd_smbd_frag *f, struct smbd_src *src)
{
	struct kcifsd_smbd_send_fields fields;
	struct smbd_send_io *io;
	u32 room, copied, filled, len, remaining;
	int ret;

	io = smbd_send_io_alloc(sc, sc->neg.max_send_size);
	if (!io)
		return -ENOMEM;
	room = min(f->total - f->sent, f->max_payload);
	memset(io->buf, 0, KCIFSD_SMBD_DATA_OFFSET);
	copied = smbd_fill_copy(src, io->buf + KCIFSD_SMBD_DATA_OFFSET, room);
	ret = smbd_map_buf(sc, io, KCIFSD_SMBD_DATA_OFFSET + copied);
	if (ret)
		goto err;
	filled = copied;
	ret = smbd_fill_pages(sc, src, io, room, &filled);
	if (ret)
		goto err;
	if (WARN_ON_ONCE(!filled) ||
	    !kcifsd_smbd_frag_next(f, filled, &len, &remaining)) {
		ret = -EINVAL;
		goto err;
	}

	ret = smbd_take_credit(sc, &fields);
	if (ret)
		goto err;
	kcifsd_smbd_data_build((struct kcifsd_smbd_data_hdr *)io->buf,
			       fields.credits_requested, fields.credits_granted,
			       fields.flags, remaining, len);
	smbd_sync_hdr(sc, io);
	pr_debug("smbdirect: %pISpc: data out: granted %u flags %#x remaining %u length %u\n",
		 smbd_peer(sc), fields.credits_granted, fields.flags, remaining,
		 len);
	ret = smbd_post_send(sc, io);
	if (ret)
		goto err;
	return 0;

err:
	smbd_send_io_free(io);
	return ret;
}

/* A message without payload: grants credits, answers or asks a keepalive. */
static int smbd_send_empty(struct kcifsd_smbd_conn *sc)
{
	struct kcifsd_smbd_send_fields fields;
	struct smbd_send_io *io;
	u32 len;
	int ret;

	io = smbd_send_io_alloc(sc, KCIFSD_SMBD_DATA_OFFSET);
	if (!io)
		return -ENOMEM;
	memset(io->buf, 0, KCIFSD_SMBD_DATA_OFFSET);
	ret = smbd_map_buf(sc, io, KCIFSD_SMBD_DATA_MIN_SIZE);
	if (ret)
		goto err;
	ret = smbd_take_credit(sc, &fields);
	if (ret)
		goto err;
	len = kcifsd_smbd_data_build((struct kcifsd_smbd_data_hdr *)io->buf,
				     fields.credits_requested,
				     fields.credits_granted, fields.flags, 0, 0);
	WARN_ON_ONCE(len != KCIFSD_SMBD_DATA_MIN_SIZE);
	ib_dma_sync_single_for_device(sc->dev->ibdev, io->sge[0].addr, len,
				      DMA_TO_DEVICE);
	pr_debug("smbdirect: %pISpc: credit message: granted %u flags %#x\n",
		 smbd_peer(sc), fields.credits_granted, fields.flags);
	ret = smbd_post_send(sc, io);
	if (ret)
		goto err;
	return smbd_wait_sent(sc);

err:
	smbd_send_io_free(io);
	return ret;
}

/**
 * kcifsd_smbd_send_work() - send a message without payload if one is due
 * @w: the connection's send_work
 *
 * Queued by the receive work (the peer asked for a response, or is short
 * of credits we could grant) and by the idle timer (keepalive). Waits its
 * turn behind a reply being sent; that reply may already have done the
 * job, which is checked again here.
 */
void kcifsd_smbd_send_work(struct work_struct *w)
{
	struct kcifsd_smbd_conn *sc = container_of(w, struct kcifsd_smbd_conn,
						   send_work);
	bool want;

	down_read(&sc->io_rwsem);
	mutex_lock(&sc->send_mutex);
	spin_lock(&sc->lock);
	want = sc->state == KCIFSD_SMBD_CONNECTED &&
	       kcifsd_smbd_credits_want_message(&sc->credits, sc->throttled);
	spin_unlock(&sc->lock);
	if (want && smbd_send_empty(sc))
		kcifsd_smbd_disconnect(sc);
	mutex_unlock(&sc->send_mutex);
	up_read(&sc->io_rwsem);
}

/* After a reply: anything still owed (a keepalive, credits)? */
static void smbd_send_more(struct kcifsd_smbd_conn *sc)
{
	bool want;

	spin_lock(&sc->lock);
	want = kcifsd_smbd_credits_want_message(&sc->credits, sc->throttled);
	spin_unlock(&sc->lock);
	if (want)
		kcifsd_smbd_queue(sc, &sc->send_work);
}

/**
 * kcifsd_smbd_send() - ops->send: send one SMB reply (MS-SMBD 3.1.4.2)
 * @conn: the connection (conn->send_lock held)
 * @iov: SMB header, words and bytes
 * @nr_iov: entries in @iov
 * @bvec: file data pages sent by reference after @iov, or NULL
 * @nr_bvec: entries in @bvec
 *
 * Splits the reply into data transfer messages of at most the peer's
 * MaxReceiveSize, gathering @bvec pages straight into the sends'
 * scatter/gather lists, and returns when all have completed.
 *
 * Return: 0; -EMSGSIZE for a reply larger than the peer's
 * MaxFragmentedSize (the SMB server must keep within
 * conn->transport_max_tx); -ESHUTDOWN, -ETIMEDOUT or another error when
 * the connection is ending.
 */
int kcifsd_smbd_send(struct kcifsd_conn *conn, struct kvec *iov,
		     unsigned int nr_iov, struct bio_vec *bvec,
		     unsigned int nr_bvec)
{
	struct kcifsd_smbd_conn *sc = conn->transport;
	struct smbd_src src = {
		.iov = iov, .nr_iov = nr_iov, .bv = bvec, .nr_bv = nr_bvec,
	};
	struct kcifsd_smbd_frag f;
	unsigned int i, nr_msgs;
	size_t total = 0;
	int ret, ret2;

	for (i = 0; i < nr_iov; i++)
		total += iov[i].iov_len;
	for (i = 0; i < nr_bvec; i++)
		total += bvec[i].bv_len;

	down_read(&sc->io_rwsem);
	mutex_lock(&sc->send_mutex);
	if (READ_ONCE(sc->state) != KCIFSD_SMBD_CONNECTED) {
		ret = -ESHUTDOWN;
		goto out;
	}
	ret = total > U32_MAX ? -EMSGSIZE :
	      kcifsd_smbd_frag_init(&f, total, &sc->neg);
	if (ret) {
		pr_warn_ratelimited("smbdirect: %pISpc: cannot send a reply of %zu bytes: peer's MaxFragmentedSize is %u\n",
				    smbd_peer(sc), total,
				    sc->neg.max_fragmented_send_size);
		goto out;
	}
	for (nr_msgs = 0; f.sent < f.total; nr_msgs++) {
		ret = smbd_send_fragment(sc, &f, &src);
		if (ret)
			break;
	}
	/* The pages must stay until the adapter has read them. */
	ret2 = smbd_wait_sent(sc);
	ret = ret ?: ret2;
	if (!ret)
		kcifsd_server_count_tx(total + nr_msgs * KCIFSD_SMBD_DATA_OFFSET);
out:
	mutex_unlock(&sc->send_mutex);
	up_read(&sc->io_rwsem);
	if (!ret)
		smbd_send_more(sc);
	return ret;
}

/**
 * kcifsd_smbd_send_negotiate_rsp() - send the negotiate response
 * @sc: the connection, negotiating
 * @rsp: the 32-byte response (MS-SMBD 2.2.2)
 *
 * Needs no credit; waits for the completion, so that a failure response
 * is on the wire before the disconnect that follows it.
 *
 * Return: 0 or a negative errno.
 */
int kcifsd_smbd_send_negotiate_rsp(struct kcifsd_smbd_conn *sc,
				   const struct kcifsd_smbd_negotiate_rsp *rsp)
{
	struct smbd_send_io *io;
	int ret;

	io = smbd_send_io_alloc(sc, sizeof(*rsp));
	if (!io)
		return -ENOMEM;
	memcpy(io->buf, rsp, sizeof(*rsp));
	down_read(&sc->io_rwsem);
	ret = smbd_map_buf(sc, io, sizeof(*rsp));
	if (!ret) {
		ret = smbd_post_send(sc, io);
		if (!ret)
			io = NULL;
	}
	if (io)
		smbd_send_io_free(io);
	if (!ret)
		ret = smbd_wait_sent(sc);
	up_read(&sc->io_rwsem);
	return ret;
}
