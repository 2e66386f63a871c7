/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The worker pool: three bounded, unbound workqueues.
 *
 * kcifsd-rx runs the receive works: non-blocking socket reads, and the
 * requests a receive work answers itself (fs/rx_inline.c), which may
 * sleep on the file system and on page-cache memory (dirty throttling).
 * kcifsd-io runs requests (kcifsd_smb_handle() and the reply send), which
 * may sleep in the VFS or on a slow client, and connection release.
 * kcifsd-ctl runs accepting and the timeout scan, which no request may
 * hold up. Keeping them apart means a pool full of slow requests cannot
 * starve the reads that would deliver an NT_CANCEL or an oplock break
 * acknowledgment, and receive works stuck on the disk cannot keep new
 * connections waiting or idle ones open.
 */
#ifndef _KCIFSD_WORKER_H
#define _KCIFSD_WORKER_H

#include <linux/workqueue.h>

int kcifsd_worker_init(unsigned int workers);
void kcifsd_worker_exit(void);
unsigned int kcifsd_io_workers(void);
bool kcifsd_queue_rx(struct work_struct *work);
bool kcifsd_queue_ctl(struct work_struct *work);
bool kcifsd_queue_ctl_delayed(struct delayed_work *dwork,
			      unsigned long delay);
bool kcifsd_queue_io(struct work_struct *work);

#endif /* _KCIFSD_WORKER_H */
