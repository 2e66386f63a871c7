/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The sharing-violation delay of Windows NT servers (MS-CIFS <246> to
 * 3.3.5.6): an open that meets a sharing violation is not answered at
 * once; it tries again whenever an open of that file closes, for about a
 * second from its arrival, and only then gets STATUS_SHARING_VIOLATION.
 * A client whose file another client holds for a moment (a copy ending,
 * a virus scanner) then gets it instead of an error. NT_CANCEL does not
 * end the wait (smbtorture raw.mux).
 *
 * The module parameter sharing_violation_delay_ms sets the time (0: no
 * delay). A waiting open holds its worker, so few may wait at once
 * (KCIFSD_DEFER_MAX_PER_CONN per connection, half the kcifsd-io pool in
 * all); one more is answered at once. Opens waiting on the same file try
 * again in the order they came, so the first of them gets the file.
 */
#ifndef _KCIFSD_SHAREDELAY_H
#define _KCIFSD_SHAREDELAY_H

#include <linux/list.h>
#include <linux/types.h>

struct kcifsd_conn;

/* Opens of one connection that may wait for a sharing violation at once. */
#define KCIFSD_DEFER_MAX_PER_CONN	4

/**
 * struct kcifsd_share_defer - an open waiting out a sharing violation
 * @node: entry in the list of waiting opens, in order of arrival
 * @key: the file it waits for (its inode; only compared, never used)
 * @conn: its connection (the per-connection limit)
 * @deadline: jiffies when it gives up
 * @kicked: an open of @key closed since it last tried
 * @trying: it is trying again now (later ones of @key wait for it)
 */
struct kcifsd_share_defer {
	struct list_head node;
	const void *key;
	const struct kcifsd_conn *conn;
	unsigned long deadline;
	bool kicked;
	bool trying;
};

/**
 * kcifsd_share_defer_init() - the state of an open that may wait, before
 *	its first try
 * @d: the state
 */
static inline void kcifsd_share_defer_init(struct kcifsd_share_defer *d)
{
	*d = (struct kcifsd_share_defer){};
	INIT_LIST_HEAD(&d->node);	/* not on the list while empty */
}

bool kcifsd_share_defer_wait(struct kcifsd_share_defer *d,
			     const struct kcifsd_conn *conn, const void *key);
void kcifsd_share_defer_end(struct kcifsd_share_defer *d);
void kcifsd_share_defer_kick(const void *key);

#endif /* _KCIFSD_SHAREDELAY_H */
