/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which messages a transport splits. A large WRITE_ANDX alone in its
 * message goes to fs/ as its head (SMB header, words, pad up to
 * DataOffset) with the data left on the transport, for fs/ to write
 * straight into the page cache (kcifsd_conn_submit_head(),
 * net/connection.h). TCP decides while it reads the head a piece at a
 * time (net/tcp.c), SMB Direct with the first fragment in hand
 * (rdma/smbd_recvfrom.c); both with these. Only the layout is looked at:
 * fs/ validates the request like any other.
 */
#ifndef _KCIFSD_SPLIT_H
#define _KCIFSD_SPLIT_H

#include <linux/types.h>

/* Smaller writes cost less whole; heads are small (MS-CIFS 2.2.4.43.1). */
#define KCIFSD_SPLIT_MIN_PAYLOAD	(8 * 1024)
#define KCIFSD_SPLIT_HEAD_MAX		256
/* What kcifsd_split_words_end() looks at: the SMB header and WordCount. */
#define KCIFSD_SPLIT_PEEK		(32 + 1)

u32 kcifsd_split_words_end(const u8 *msg);
u32 kcifsd_split_head(const u8 *msg, u32 avail, u32 total);

#endif /* _KCIFSD_SPLIT_H */
