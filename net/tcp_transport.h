/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TCP transports, shared between net/tcp.c (listeners, Direct TCP on
 * port 445, the socket receive and send paths) and net/nbt.c (what the
 * NetBIOS session service on port 139 adds: session request, keepalive).
 */
#ifndef _KCIFSD_TCP_TRANSPORT_H
#define _KCIFSD_TCP_TRANSPORT_H

#include <linux/bvec.h>
#include <linux/net.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "net/frame.h"

struct kcifsd_conn;
struct kcifsd_server_config;
struct sock;

/* Pieces of one socket buffer handed to a tail actor at a time. */
#define KCIFSD_TCP_TAIL_VECS	32

/**
 * struct kcifsd_tcp_conn - a TCP connection's transport state
 * @conn: the connection (the transport holds one reference until
 *	@rx_done)
 * @sock: the accepted socket
 * @netbios: port 139 framing (RFC 1002) rather than Direct TCP
 * @session_ok: NetBIOS: a SESSION REQUEST was accepted (always true on
 *	Direct TCP); only the receive work writes it
 * @rx_work: the receive work; never runs twice at once
 * @rx_done: the receive side ended and dropped its reference; only
 *	@rx_work writes it
 * @dead: shutdown was requested; under sk_callback_lock
 * @callbacks_set: our socket callbacks are installed; under
 *	sk_callback_lock
 * @saved_data_ready: the socket's callbacks before ours, restored on
 *	shutdown
 * @saved_state_change: see @saved_data_ready
 * @hdr: the 4-byte framing header being read
 * @hdr_got: bytes of @hdr read so far
 * @ctl: NetBIOS: @buf holds a control packet body, not an SMB message
 * @buf: the body being read (NULL while reading a header)
 * @len: its length from the header
 * @got: bytes of @buf read so far
 * @want: bytes to have in @buf before the next step (@len, or for a
 *	possible split WRITE_ANDX the next part of its head)
 * @split: enum kcifsd_tcp_split, how far a split candidate was checked
 * @tail_pending: a split message's payload is on the socket: the receive
 *	work reads nothing until ops->recv_tail has consumed it
 * @tail_vec: the pieces of socket buffer ops->recv_tail hands on
 */
struct kcifsd_tcp_conn {
	struct kcifsd_conn *conn;
	struct socket *sock;
	bool netbios;
	bool session_ok;
	struct work_struct rx_work;
	bool rx_done;
	bool dead;
	bool callbacks_set;
	void (*saved_data_ready)(struct sock *sk);
	void (*saved_state_change)(struct sock *sk);
	u8 hdr[KCIFSD_FRAME_HDR_SIZE];
	unsigned int hdr_got;
	bool ctl;
	u8 *buf;
	u32 len;
	u32 got;
	u32 want;
	u8 split;
	bool tail_pending;
	struct bio_vec tail_vec[KCIFSD_TCP_TAIL_VECS];
};

/**
 * enum kcifsd_tcp_rx - what follows a framing header
 * @KCIFSD_RX_MESSAGE: an SMB message of the header's length
 * @KCIFSD_RX_CONTROL: a NetBIOS control packet body (session request)
 * @KCIFSD_RX_NONE: nothing (a keepalive)
 */
enum kcifsd_tcp_rx {
	KCIFSD_RX_MESSAGE,
	KCIFSD_RX_CONTROL,
	KCIFSD_RX_NONE,
};

/**
 * enum kcifsd_tcp_split - reading the head of a possible split message
 * @KCIFSD_SPLIT_NONE: reading a whole message (or not a message)
 * @KCIFSD_SPLIT_WC: reading the SMB header and WordCount
 * @KCIFSD_SPLIT_WORDS: reading the words and ByteCount
 * @KCIFSD_SPLIT_HEAD: reading up to the data (DataOffset)
 */
enum kcifsd_tcp_split {
	KCIFSD_SPLIT_NONE,
	KCIFSD_SPLIT_WC,
	KCIFSD_SPLIT_WORDS,
	KCIFSD_SPLIT_HEAD,
};

/* net/tcp.c */
int kcifsd_tcp_listen(const struct kcifsd_server_config *cfg);
void kcifsd_tcp_unlisten(void);
int kcifsd_tcp_send_raw(struct kcifsd_tcp_conn *t, const void *buf,
			size_t len);

/* net/nbt.c */
int kcifsd_nbt_rx_header(struct kcifsd_tcp_conn *t, u8 type, u32 len);
int kcifsd_nbt_rx_control(struct kcifsd_tcp_conn *t, const u8 *body,
			  u32 len);

#endif /* _KCIFSD_TCP_TRANSPORT_H */
