/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Server-wide transport configuration, start/stop and counters.
 *
 * The module parameters give the defaults (kcifsd_server_default_config());
 * the helper's netlink "start" passes a whole struct kcifsd_server_config
 * to kcifsd_server_start(). While the server runs, its config is fixed:
 * stop and start again to change it.
 */
#ifndef _KCIFSD_SERVER_H
#define _KCIFSD_SERVER_H

#include <linux/socket.h>
#include <linux/types.h>

/* Room for an IPv6 address in text form ("" = any address). */
#define KCIFSD_BIND_ADDR_LEN	48

/**
 * struct kcifsd_server_config - what the listeners and connections obey
 * @tcp_port: Direct TCP port (MS-SMB 2.1), normally 445; 0 = off
 * @nbt_port: NetBIOS session service port (RFC 1002), normally 139; 0 = off
 * @bind_addr: IPv4 or IPv6 address to listen on, "" for any
 * @ipv6: with an empty @bind_addr, listen on one IPv6 socket that also
 *	accepts IPv4 (v6only=0); falls back to IPv4 without IPv6
 * @max_connections: connections open at once, all peers together
 * @max_connections_per_peer: connections open at once from one address
 * @max_msg_size_unauth: largest SMB message accepted before fs/ raises
 *	conn->max_msg_size (before authentication)
 * @max_msg_size: largest SMB message ever accepted; fs/ raises
 *	conn->max_msg_size up to this after authentication
 * @max_mpx: MaxMpxCount (MS-CIFS 2.2.4.52.2) a new connection starts
 *	with; fs/ advertises conn->max_mpx in the NEGOTIATE response
 * @negotiate_timeout: seconds a new connection may take to NEGOTIATE
 *	(MS-CIFS 3.3.2 Unused Connection Timer, <351>: 30 s); 0 = never
 * @session_timeout: seconds a connection may take to set up a session
 *	(MS-CIFS 3.3.2 Unused Connection Timer: 2 min); 0 = never
 * @idle_timeout: seconds without a request before a connection with no
 *	open resources is closed (MS-CIFS 3.3.2 Idle Connection Timer,
 *	AutodisconnectTimeout, NT4: 15 min); 0 = never
 * @send_timeout: seconds a reply may make no progress because the client
 *	does not read, before the connection is closed
 * @smbdirect: also listen for SMB Direct (MS-SMBD) on RDMA adapters
 *	(rdma/); ignored when kcifsd is built without CONFIG_KCIFSD_SMBDIRECT
 * @smbd_port: SMB Direct port on InfiniBand and RoCE adapters, normally
 *	445 (a port space of its own); 0 = off
 * @smbd_iwarp_port: SMB Direct port on iWARP adapters, normally 5445
 *	(MS-SMBD 1.9: iWARP shares the TCP port space); 0 = off
 *
 * Only the three SMB Direct fields may change while the server runs, by
 * kcifsd_server_set_smbd() under its lock: connections never read them.
 */
struct kcifsd_server_config {
	u16 tcp_port;
	u16 nbt_port;
	char bind_addr[KCIFSD_BIND_ADDR_LEN];
	bool ipv6;
	unsigned int max_connections;
	unsigned int max_connections_per_peer;
	u32 max_msg_size_unauth;
	u32 max_msg_size;
	unsigned int max_mpx;
	unsigned int negotiate_timeout;
	unsigned int session_timeout;
	unsigned int idle_timeout;
	unsigned int send_timeout;
	bool smbdirect;
	u16 smbd_port;
	u16 smbd_iwarp_port;
};

/**
 * enum kcifsd_drop_reason - why a connection was refused or closed
 * @KCIFSD_DROP_MAX_CONNECTIONS: refused: max_connections reached
 * @KCIFSD_DROP_PER_PEER: refused: max_connections_per_peer reached
 * @KCIFSD_DROP_NOMEM: refused or closed: out of memory
 * @KCIFSD_DROP_BAD_FRAME: closed: malformed transport header or
 *	NetBIOS session request
 * @KCIFSD_DROP_TOO_LONG: closed: message longer than conn->max_msg_size
 *	or shorter than an SMB header
 * @KCIFSD_DROP_NEGOTIATE_TIMEOUT: closed: no NEGOTIATE in time
 * @KCIFSD_DROP_SESSION_TIMEOUT: closed: no session in time
 * @KCIFSD_DROP_IDLE_TIMEOUT: closed: idle too long
 * @KCIFSD_DROP_SEND_TIMEOUT: closed: the client stopped reading replies
 * @KCIFSD_DROP_NR: number of reasons
 */
enum kcifsd_drop_reason {
	KCIFSD_DROP_MAX_CONNECTIONS,
	KCIFSD_DROP_PER_PEER,
	KCIFSD_DROP_NOMEM,
	KCIFSD_DROP_BAD_FRAME,
	KCIFSD_DROP_TOO_LONG,
	KCIFSD_DROP_NEGOTIATE_TIMEOUT,
	KCIFSD_DROP_SESSION_TIMEOUT,
	KCIFSD_DROP_IDLE_TIMEOUT,
	KCIFSD_DROP_SEND_TIMEOUT,
	KCIFSD_DROP_NR,
};

/**
 * struct kcifsd_server_stats - a snapshot of the transport counters
 * @running: the listeners are up
 * @connections: connections open now (including ones being torn down)
 * @accepted: connections accepted since load
 * @messages_in: SMB messages received
 * @messages_out: replies sent
 * @bytes_in: bytes received, framing included
 * @bytes_out: bytes sent, framing included
 * @dropped: refusals and disconnects by enum kcifsd_drop_reason
 * @file_bytes_read: file data sent by read replies
 * @file_bytes_written: file data written by write requests
 * @file_bytes_copied: file data the server copied on its way beyond the
 *	one copy of a write into the page cache (a read's data bounced into
 *	the reply); 0 on the zero-copy paths, so tests watch it
 * @file_bytes_staged: file data written from a whole-message buffer the
 *	transport read it into first (small, chained or signed writes);
 *	large WRITE_ANDX data goes from the socket into the page cache and
 *	is not counted here, so tests watch this one too
 * @wsync_writes: write-through writes made stable before their reply
 * @wsync_flushes: the flushes that made them stable (fs/wsync.c batches)
 * @rx_requests: requests other than writes (queries, closes, deletes) a
 *	receive work answered itself, no pool thread woken
 *	(kcifsd_conn_submit_inline())
 * @rx_writes: plain writes a receive work took from the socket and
 *	answered itself (kcifsd_conn_submit_head())
 * @smbd_port: SMB Direct InfiniBand/RoCE port listened on, 0 if none
 * @smbd_iwarp_port: SMB Direct iWARP port listened on, 0 if none
 */
struct kcifsd_server_stats {
	bool running;
	u32 connections;
	u64 accepted;
	u64 messages_in;
	u64 messages_out;
	u64 bytes_in;
	u64 bytes_out;
	u64 dropped[KCIFSD_DROP_NR];
	u64 file_bytes_read;
	u64 file_bytes_written;
	u64 file_bytes_copied;
	u64 file_bytes_staged;
	u64 wsync_writes;
	u64 wsync_flushes;
	u64 rx_requests;
	u64 rx_writes;
	u16 smbd_port;
	u16 smbd_iwarp_port;
};

void kcifsd_server_default_config(struct kcifsd_server_config *cfg);
int kcifsd_server_listen_addr(const struct kcifsd_server_config *cfg,
			      u16 port, struct sockaddr_storage *ss,
			      int *addrlen);
int kcifsd_server_start(const struct kcifsd_server_config *cfg);
int kcifsd_server_set_smbd(bool on, u16 port, u16 iwarp_port);
void kcifsd_server_stop(void);
bool kcifsd_server_running(void);
void kcifsd_server_get_stats(struct kcifsd_server_stats *stats);
const char *kcifsd_drop_reason_name(enum kcifsd_drop_reason reason);

/* For the transports and the connection core. */
const struct kcifsd_server_config *kcifsd_server_cfg(void);
void kcifsd_server_count_drop(enum kcifsd_drop_reason reason);
void kcifsd_server_count_rx(unsigned int bytes, bool message);
void kcifsd_server_count_tx(unsigned int bytes);
void kcifsd_server_count_accept(void);
void kcifsd_server_count_file_data(u64 read, u64 written, u64 copied);
void kcifsd_server_count_staged(u64 bytes);
void kcifsd_server_count_wsync(u64 writes);
void kcifsd_server_count_rx_inline(bool write);

/* net/connection.c: the connection core, driven by server.c. */
int kcifsd_conn_init(void);
void kcifsd_conn_exit(void);
void kcifsd_conn_timers_start(void);
void kcifsd_conn_timers_stop(void);
void kcifsd_conn_shutdown_all(void);
unsigned int kcifsd_conn_count(void);

/* Module load and unload (fs/module.c). */
int kcifsd_server_init(void);
void kcifsd_server_exit(void);

#endif /* _KCIFSD_SERVER_H */
