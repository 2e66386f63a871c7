/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The worker pool: two bounded, unbound workqueues.
 *
 * kcifsd-rx runs short work that never sleeps on a client: accepting
 * connections, non-blocking socket reads (and a lone query whose reply
 * fits the send space, which may sleep on the file system), the timeout
 * scan. kcifsd-io runs
 * requests (kcifsd_smb_handle() and the reply send), which may sleep in
 * the VFS or on a slow client, and connection release. Keeping them apart
 * means a pool full of slow requests cannot starve the reads that would
 * deliver an NT_CANCEL or an oplock break acknowledgment.
 */
#ifndef _KCIFSD_WORKER_H
#define _KCIFSD_WORKER_H

#include <linux/workqueue.h>

int kcifsd_worker_init(unsigned int workers);
void kcifsd_worker_exit(void);
unsigned int kcifsd_io_workers(void);
bool kcifsd_queue_rx(struct work_struct *work);
bool kcifsd_queue_rx_delayed(struct delayed_work *dwork, unsigned long delay);
bool kcifsd_queue_io(struct work_struct *work);

#endif /* _KCIFSD_WORKER_H */
