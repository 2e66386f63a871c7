// SPDX-License-Identifier: GPL-2.0-only
/*
 * The worker pool (see net/worker.h). No connection owns a thread: its
 * receive work and its requests are work items on these queues, and
 * max_active bounds how many kernel threads serve them at once.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/printk.h>
#include <linux/workqueue.h>

#include "net/worker.h"

static struct workqueue_struct *kcifsd_rx_wq;
static struct workqueue_struct *kcifsd_io_wq;
static struct workqueue_struct *kcifsd_ctl_wq;
static unsigned int kcifsd_nr_io;

/* Requests sleep on the disk (write-through flushes, reads of pages not
 * cached), not only on the CPU: by default kcifsd-io runs this many per
 * CPU, and at least KCIFSD_IO_MIN_WORKERS, so that the write-through
 * writes a client keeps in flight can wait for one shared flush
 * (fs/wsync.c) instead of queueing for a worker behind it.
 */
#define KCIFSD_IO_WORKERS_PER_CPU	4
#define KCIFSD_IO_MIN_WORKERS		16

/* kcifsd-ctl: one accept work per listener (Direct TCP, NetBIOS) and the
 * timeout scan can all run at once. No WQ_MEM_RECLAIM: memory reclaim
 * never waits for these works (kcifsd backs no block device or swap), so
 * they need no rescuer thread; under memory pressure an accept would fail
 * to allocate its connection anyway.
 */
#define KCIFSD_CTL_WORKERS		3

/**
 * kcifsd_worker_init() - create the worker pool
 * @workers: most works running at once on kcifsd-rx and on kcifsd-io
 *	(0 = the default, KCIFSD_IO_WORKERS_PER_CPU per CPU and at least
 *	KCIFSD_IO_MIN_WORKERS, for both: a receive work may answer a
 *	request itself and wait on the file system, see
 *	kcifsd_conn_submit_inline(); a few slow lookups must not stop every
 *	connection's reception). kcifsd-ctl has KCIFSD_CTL_WORKERS.
 *
 * Return: 0 or -ENOMEM.
 */
int kcifsd_worker_init(unsigned int workers)
{
	unsigned int rx = workers, io = workers;

	if (!workers) {
		io = max(KCIFSD_IO_WORKERS_PER_CPU * num_online_cpus(),
			 KCIFSD_IO_MIN_WORKERS);
		rx = io;
	}
	rx = clamp_t(unsigned int, rx, 1, WQ_UNBOUND_MAX_ACTIVE);
	io = clamp_t(unsigned int, io, 1, WQ_UNBOUND_MAX_ACTIVE);

	kcifsd_rx_wq = alloc_workqueue("kcifsd-rx", WQ_UNBOUND, rx);
	if (!kcifsd_rx_wq)
		goto err;
	kcifsd_io_wq = alloc_workqueue("kcifsd-io", WQ_UNBOUND, io);
	if (!kcifsd_io_wq)
		goto err_rx;
	kcifsd_ctl_wq = alloc_workqueue("kcifsd-ctl", WQ_UNBOUND,
					KCIFSD_CTL_WORKERS);
	if (!kcifsd_ctl_wq)
		goto err_io;
	kcifsd_nr_io = io;
	pr_debug("worker pool: %u rx, %u io workers\n", rx, io);
	return 0;

err_io:
	destroy_workqueue(kcifsd_io_wq);
	kcifsd_io_wq = NULL;
err_rx:
	destroy_workqueue(kcifsd_rx_wq);
	kcifsd_rx_wq = NULL;
err:
	return -ENOMEM;
}

/**
 * kcifsd_io_workers() - how many requests kcifsd-io runs at once
 *
 * Return: its max_active (0 before kcifsd_worker_init()).
 */
unsigned int kcifsd_io_workers(void)
{
	return kcifsd_nr_io;
}

/**
 * kcifsd_worker_exit() - drain and destroy the worker pool
 *
 * Called after every connection and listener is gone and the timeout scan
 * is stopped; destroying a workqueue waits for the works still on it.
 * kcifsd-ctl goes first: its works queue on the others (an accept starts
 * a receive work, the scan disconnects), never the other way round.
 */
void kcifsd_worker_exit(void)
{
	destroy_workqueue(kcifsd_ctl_wq);
	kcifsd_ctl_wq = NULL;
	destroy_workqueue(kcifsd_io_wq);
	destroy_workqueue(kcifsd_rx_wq);
	kcifsd_io_wq = NULL;
	kcifsd_rx_wq = NULL;
}

/**
 * kcifsd_queue_rx() - queue a connection's receive work
 * @work: the receive work
 *
 * A receive work may answer a request that waits for nothing but the
 * file system itself (fs/rx_inline.c), so these works may sleep on the
 * disk or on page-cache memory: kcifsd-rx has as many workers as
 * kcifsd-io, and a connection has at most one request there.
 *
 * Return: false if @work was already pending.
 */
bool kcifsd_queue_rx(struct work_struct *work)
{
	return queue_work(kcifsd_rx_wq, work);
}

/**
 * kcifsd_queue_ctl() - queue server housekeeping
 * @work: a listener's accept work; it never waits for a client or the
 *	disk
 *
 * Its own queue, so that with every receive work asleep on the file
 * system new connections are still accepted.
 *
 * Return: false if @work was already pending.
 */
bool kcifsd_queue_ctl(struct work_struct *work)
{
	return queue_work(kcifsd_ctl_wq, work);
}

/**
 * kcifsd_queue_ctl_delayed() - queue server housekeeping after a delay
 * @dwork: the timeout scan
 * @delay: jiffies to wait
 *
 * Return: false if @dwork was already pending.
 */
bool kcifsd_queue_ctl_delayed(struct delayed_work *dwork,
			      unsigned long delay)
{
	return queue_delayed_work(kcifsd_ctl_wq, dwork, delay);
}

/**
 * kcifsd_queue_io() - queue a request or a connection release
 * @work: the work; it may sleep
 *
 * fs/ also uses it to resume a parked request.
 *
 * Return: false if @work was already pending.
 */
bool kcifsd_queue_io(struct work_struct *work)
{
	return queue_work(kcifsd_io_wq, work);
}
