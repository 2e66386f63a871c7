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

/**
 * kcifsd_worker_init() - create the worker pool
 * @workers: most works running at once on each queue (0 = one per CPU)
 *
 * Return: 0 or -ENOMEM.
 */
int kcifsd_worker_init(unsigned int workers)
{
	if (!workers)
		workers = num_online_cpus();
	workers = clamp_t(unsigned int, workers, 1, WQ_UNBOUND_MAX_ACTIVE);

	kcifsd_rx_wq = alloc_workqueue("kcifsd-rx", WQ_UNBOUND, workers);
	if (!kcifsd_rx_wq)
		goto err;
	kcifsd_io_wq = alloc_workqueue("kcifsd-io", WQ_UNBOUND, workers);
	if (!kcifsd_io_wq)
		goto err_rx;
	pr_debug("worker pool: %u workers\n", workers);
	return 0;

err_rx:
	destroy_workqueue(kcifsd_rx_wq);
	kcifsd_rx_wq = NULL;
err:
	return -ENOMEM;
}

/**
 * kcifsd_worker_exit() - drain and destroy the worker pool
 *
 * Called after every connection and listener is gone; destroying a
 * workqueue waits for the works still on it.
 */
void kcifsd_worker_exit(void)
{
	destroy_workqueue(kcifsd_io_wq);
	destroy_workqueue(kcifsd_rx_wq);
	kcifsd_io_wq = NULL;
	kcifsd_rx_wq = NULL;
}

/**
 * kcifsd_queue_rx() - queue short, non-sleeping transport work
 * @work: an accept, receive or scan work
 *
 * Return: false if @work was already pending.
 */
bool kcifsd_queue_rx(struct work_struct *work)
{
	return queue_work(kcifsd_rx_wq, work);
}

/**
 * kcifsd_queue_rx_delayed() - queue transport work after a delay
 * @dwork: the delayed work
 * @delay: jiffies to wait
 *
 * Return: false if @dwork was already pending.
 */
bool kcifsd_queue_rx_delayed(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(kcifsd_rx_wq, dwork, delay);
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
