// SPDX-License-Identifier: GPL-2.0-only
/*
 * The server as a whole: its module parameters (the default config),
 * starting and stopping the listeners and connections, and the transport
 * counters the helper reads for "kcifsctl status".
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/atomic.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/inet.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "net/server.h"
#include "net/tcp_transport.h"
#include "net/worker.h"
#include "rdma/smbd.h"

/* MS-CIFS 2.2.4.52.2: MaxBufferSize is at least 1024. */
#define MIN_MSG_SIZE		1024

static bool autostart;
module_param(autostart, bool, 0444);
MODULE_PARM_DESC(autostart, "Start listening at load, without the helper (default: 0)");

static unsigned int workers;
module_param(workers, uint, 0444);
MODULE_PARM_DESC(workers, "Worker threads of the receive queue and of the request queue each (default: 0 = 4 per online CPU and at least 16)");

static ushort tcp_port = 445;
module_param(tcp_port, ushort, 0444);
MODULE_PARM_DESC(tcp_port, "Direct TCP port, 0 = off (default: 445)");

static ushort nbt_port = 139;
module_param(nbt_port, ushort, 0444);
MODULE_PARM_DESC(nbt_port, "NetBIOS session service port, 0 = off (default: 139)");

static char bind_addr[KCIFSD_BIND_ADDR_LEN];
module_param_string(bind_addr, bind_addr, sizeof(bind_addr), 0444);
MODULE_PARM_DESC(bind_addr, "IPv4 or IPv6 address to listen on (default: any)");

static bool ipv6 = true;
module_param(ipv6, bool, 0444);
MODULE_PARM_DESC(ipv6, "Listen on IPv6 and IPv4 alike (default: 1)");

static unsigned int max_connections = 1024;
module_param(max_connections, uint, 0444);
MODULE_PARM_DESC(max_connections, "Connections at once, 0 = no limit (default: 1024)");

static unsigned int max_connections_per_peer = 128;
module_param(max_connections_per_peer, uint, 0444);
MODULE_PARM_DESC(max_connections_per_peer, "Connections at once from one address, 0 = no limit (default: 128)");

static unsigned int max_msg_size_unauth = 64 * 1024 + 1024;
module_param(max_msg_size_unauth, uint, 0444);
MODULE_PARM_DESC(max_msg_size_unauth, "Largest SMB message before authentication (default: 66560)");

static unsigned int max_msg_size = 16 * 1024 * 1024;
module_param(max_msg_size, uint, 0444);
MODULE_PARM_DESC(max_msg_size, "Largest SMB message (default: 16 MiB; Direct TCP framing caps it at 16 MiB - 1)");

static unsigned int max_mpx = 50;
module_param(max_mpx, uint, 0444);
MODULE_PARM_DESC(max_mpx, "MaxMpxCount: requests in flight per connection (default: 50)");

static unsigned int negotiate_timeout = 30;
module_param(negotiate_timeout, uint, 0444);
MODULE_PARM_DESC(negotiate_timeout, "Seconds to wait for NEGOTIATE, 0 = forever (default: 30)");

static unsigned int session_timeout = 120;
module_param(session_timeout, uint, 0444);
MODULE_PARM_DESC(session_timeout, "Seconds to wait for a session, 0 = forever (default: 120)");

static unsigned int idle_timeout = 900;
module_param(idle_timeout, uint, 0444);
MODULE_PARM_DESC(idle_timeout, "Seconds before an idle connection without opens is closed, 0 = never (default: 900)");

static unsigned int send_timeout = 30;
module_param(send_timeout, uint, 0444);
MODULE_PARM_DESC(send_timeout, "Seconds a reply may make no progress before the connection is closed, 0 = forever (default: 30)");

static bool smbdirect = true;
module_param(smbdirect, bool, 0444);
MODULE_PARM_DESC(smbdirect, "Also serve SMB Direct (RDMA) on every RDMA adapter (default: 1)");

static ushort smbd_port = 445;
module_param(smbd_port, ushort, 0444);
MODULE_PARM_DESC(smbd_port, "SMB Direct port on InfiniBand and RoCE adapters, 0 = off (default: 445)");

static ushort smbd_iwarp_port = 5445;
module_param(smbd_iwarp_port, ushort, 0444);
MODULE_PARM_DESC(smbd_iwarp_port, "SMB Direct port on iWARP adapters, 0 = off (default: 5445)");

/* Timeouts above a day are surely a mistake and would overflow jiffies. */
#define MAX_TIMEOUT		(24 * 60 * 60)

static DEFINE_MUTEX(server_lock);
static bool server_running;
/* The running config; written only while stopped, under server_lock. */
static struct kcifsd_server_config server_cfg;
/* SMB Direct ports listened on, for status (0: none); under server_lock. */
static u16 smbd_open_port, smbd_open_iwarp_port;

static atomic64_t stat_accepted;
static atomic64_t stat_messages_in;
static atomic64_t stat_messages_out;
static atomic64_t stat_bytes_in;
static atomic64_t stat_bytes_out;
static atomic64_t stat_dropped[KCIFSD_DROP_NR];
static atomic64_t stat_file_read;
static atomic64_t stat_file_written;
static atomic64_t stat_file_copied;
static atomic64_t stat_file_staged;
static atomic64_t stat_wsync_writes;
static atomic64_t stat_wsync_flushes;
static atomic64_t stat_rx_requests;
static atomic64_t stat_rx_writes;

static const char * const drop_reason_names[KCIFSD_DROP_NR] = {
	[KCIFSD_DROP_MAX_CONNECTIONS] = "too many connections",
	[KCIFSD_DROP_PER_PEER] = "too many connections from this address",
	[KCIFSD_DROP_NOMEM] = "out of memory",
	[KCIFSD_DROP_BAD_FRAME] = "bad framing",
	[KCIFSD_DROP_TOO_LONG] = "message length out of bounds",
	[KCIFSD_DROP_NEGOTIATE_TIMEOUT] = "no NEGOTIATE in time",
	[KCIFSD_DROP_SESSION_TIMEOUT] = "no session in time",
	[KCIFSD_DROP_IDLE_TIMEOUT] = "idle",
	[KCIFSD_DROP_SEND_TIMEOUT] = "client stopped reading",
};

/**
 * kcifsd_drop_reason_name() - a reason in words, for logs and status
 * @reason: enum kcifsd_drop_reason
 *
 * Return: a static string.
 */
const char *kcifsd_drop_reason_name(enum kcifsd_drop_reason reason)
{
	if ((unsigned int)reason >= KCIFSD_DROP_NR)
		return "unknown";
	return drop_reason_names[reason];
}

/**
 * kcifsd_server_default_config() - the config the module parameters give
 * @cfg: out: the config
 *
 * The netlink "start" handler starts from this and overrides what the
 * helper's config file sets.
 */
void kcifsd_server_default_config(struct kcifsd_server_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->tcp_port = tcp_port;
	cfg->nbt_port = nbt_port;
	strscpy(cfg->bind_addr, bind_addr, sizeof(cfg->bind_addr));
	cfg->ipv6 = ipv6;
	cfg->max_connections = max_connections;
	cfg->max_connections_per_peer = max_connections_per_peer;
	cfg->max_msg_size_unauth = max_msg_size_unauth;
	cfg->max_msg_size = max_msg_size;
	cfg->max_mpx = max_mpx;
	cfg->negotiate_timeout = negotiate_timeout;
	cfg->session_timeout = session_timeout;
	cfg->idle_timeout = idle_timeout;
	cfg->send_timeout = send_timeout;
	cfg->smbdirect = smbdirect;
	cfg->smbd_port = smbd_port;
	cfg->smbd_iwarp_port = smbd_iwarp_port;
}

/**
 * kcifsd_server_listen_addr() - the address a listener binds
 * @cfg: the config (bind_addr, ipv6)
 * @port: the port
 * @ss: out: the address
 * @addrlen: out: its length, for bind
 *
 * bind_addr when set (IPv4 or IPv6 text); otherwise the IPv6 any address
 * when cfg->ipv6 and the kernel has IPv6 (the caller makes that socket
 * dual-stack), else the IPv4 any address. One place for every transport.
 *
 * Return: 0, or -EINVAL if bind_addr is not an address.
 */
int kcifsd_server_listen_addr(const struct kcifsd_server_config *cfg,
			      u16 port, struct sockaddr_storage *ss,
			      int *addrlen)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	const char *a = cfg->bind_addr;
	size_t n = strnlen(a, sizeof(cfg->bind_addr));

	memset(ss, 0, sizeof(*ss));
	if (n == sizeof(cfg->bind_addr))
		return -EINVAL;
	if (n && in4_pton(a, n, (u8 *)&sin->sin_addr.s_addr, -1, NULL))
		goto v4;
	if ((n && in6_pton(a, n, sin6->sin6_addr.s6_addr, -1, NULL)) ||
	    (!n && cfg->ipv6 && IS_ENABLED(CONFIG_IPV6))) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		*addrlen = sizeof(*sin6);
		return 0;
	}
	if (n)
		return -EINVAL;
	sin->sin_addr.s_addr = htonl(INADDR_ANY);
v4:
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	*addrlen = sizeof(*sin);
	return 0;
}

/* iWARP runs over TCP and shares the host's TCP port space (which is why
 * MS-SMBD 1.9 gives it 5445): an iWARP listener on one of the server's
 * TCP ports would fight the TCP listener for its connections.
 */
static int smbd_iwarp_port_check(const struct kcifsd_server_config *cfg,
				 bool smbdirect, u16 iwarp_port)
{
	if (!smbdirect || !iwarp_port ||
	    (iwarp_port != cfg->tcp_port && iwarp_port != cfg->nbt_port))
		return 0;
	pr_err("SMB Direct iWARP port %u is also a TCP port of the server; iWARP shares the TCP port space: choose another (5445 is usual)\n",
	       iwarp_port);
	return -EADDRINUSE;
}

static int config_check(const struct kcifsd_server_config *cfg)
{
	struct sockaddr_storage ss;
	int addrlen;

	if (kcifsd_server_listen_addr(cfg, 0, &ss, &addrlen))
		return -EINVAL;
	if (!cfg->tcp_port && !cfg->nbt_port)
		return -EINVAL;
	if (cfg->tcp_port && cfg->tcp_port == cfg->nbt_port)
		return -EINVAL;
	if (cfg->max_msg_size_unauth < MIN_MSG_SIZE ||
	    cfg->max_msg_size < cfg->max_msg_size_unauth)
		return -EINVAL;
	if (!cfg->max_mpx || cfg->max_mpx > U16_MAX)
		return -EINVAL;
	if (cfg->negotiate_timeout > MAX_TIMEOUT ||
	    cfg->session_timeout > MAX_TIMEOUT ||
	    cfg->idle_timeout > MAX_TIMEOUT ||
	    cfg->send_timeout > MAX_TIMEOUT)
		return -EINVAL;
	return smbd_iwarp_port_check(cfg, cfg->smbdirect,
				     cfg->smbd_iwarp_port);
}

/* Open the SMB Direct listeners server_cfg asks for; with server_lock. */
static int smbd_listen(void)
{
	int ret;

	WRITE_ONCE(smbd_open_port, 0);
	WRITE_ONCE(smbd_open_iwarp_port, 0);
	if (!server_cfg.smbdirect)
		return 0;
	ret = kcifsd_smbd_listen(&server_cfg);
	if (!ret && IS_ENABLED(CONFIG_KCIFSD_SMBDIRECT)) {
		WRITE_ONCE(smbd_open_port, server_cfg.smbd_port);
		WRITE_ONCE(smbd_open_iwarp_port, server_cfg.smbd_iwarp_port);
	}
	return ret;
}

static void smbd_unlisten(void)
{
	kcifsd_smbd_unlisten();
	WRITE_ONCE(smbd_open_port, 0);
	WRITE_ONCE(smbd_open_iwarp_port, 0);
}

/**
 * kcifsd_server_start() - open the listeners with a config
 * @cfg: ports, bind address, limits and timeouts; copied
 *
 * Return: 0, -EALREADY if running, -EINVAL for a bad config,
 * -EADDRINUSE for an iWARP port that is one of the TCP ports, or the
 * listeners' error (then nothing is left open).
 */
int kcifsd_server_start(const struct kcifsd_server_config *cfg)
{
	int ret;

	ret = config_check(cfg);
	if (ret)
		return ret;
	mutex_lock(&server_lock);
	if (server_running) {
		ret = -EALREADY;
		goto out;
	}
	server_cfg = *cfg;
	ret = kcifsd_tcp_listen(&server_cfg);
	if (ret)
		goto out;
	ret = smbd_listen();
	if (ret) {
		kcifsd_tcp_unlisten();
		goto out;
	}
	kcifsd_conn_timers_start();
	server_running = true;
out:
	mutex_unlock(&server_lock);
	return ret;
}

/**
 * kcifsd_server_set_smbd() - change the SMB Direct listeners while running
 * @on: serve SMB Direct at all
 * @port: InfiniBand/RoCE port, 0 = off
 * @iwarp_port: iWARP port, 0 = off
 *
 * For a reload of the helper's config: when something changed, the RDMA
 * listeners are closed and opened again with the new values; accepted
 * connections stay. If the new listeners fail, the old ones are opened
 * again. Does nothing while the server is stopped (the next start brings
 * its own config).
 *
 * Return: 0, -EADDRINUSE for an iWARP port that is one of the TCP ports
 * (the old listeners stay), or the new listeners' error.
 */
int kcifsd_server_set_smbd(bool on, u16 port, u16 iwarp_port)
{
	struct kcifsd_server_config old;
	int ret = 0;

	mutex_lock(&server_lock);
	if (!server_running ||
	    (server_cfg.smbdirect == on && server_cfg.smbd_port == port &&
	     server_cfg.smbd_iwarp_port == iwarp_port))
		goto out;
	ret = smbd_iwarp_port_check(&server_cfg, on, iwarp_port);
	if (ret)
		goto out;
	old = server_cfg;
	smbd_unlisten();
	server_cfg.smbdirect = on;
	server_cfg.smbd_port = port;
	server_cfg.smbd_iwarp_port = iwarp_port;
	ret = smbd_listen();
	if (ret) {
		server_cfg.smbdirect = old.smbdirect;
		server_cfg.smbd_port = old.smbd_port;
		server_cfg.smbd_iwarp_port = old.smbd_iwarp_port;
		if (smbd_listen())
			pr_err("SMB Direct listeners lost\n");
		goto out;
	}
	pr_info("SMB Direct %s: port %u (InfiniBand/RoCE), %u (iWARP)\n",
		on ? "reconfigured" : "off", port, iwarp_port);
out:
	mutex_unlock(&server_lock);
	return ret;
}

/**
 * kcifsd_server_stop() - close listeners and every connection
 *
 * Waits until every connection is freed (its requests done or cancelled,
 * fs/ state released). Does nothing if the server is not running.
 */
void kcifsd_server_stop(void)
{
	mutex_lock(&server_lock);
	if (server_running) {
		smbd_unlisten();
		kcifsd_tcp_unlisten();
		kcifsd_conn_timers_stop();
		kcifsd_conn_shutdown_all();
		server_running = false;
		pr_info("stopped\n");
	}
	mutex_unlock(&server_lock);
}

/**
 * kcifsd_server_running() - are the listeners up?
 *
 * Return: true between kcifsd_server_start() and kcifsd_server_stop().
 */
bool kcifsd_server_running(void)
{
	return READ_ONCE(server_running);
}

/**
 * kcifsd_server_cfg() - the running config
 *
 * Stable while any connection exists: the server only stops after the
 * last one is gone.
 *
 * Return: the config.
 */
const struct kcifsd_server_config *kcifsd_server_cfg(void)
{
	return &server_cfg;
}

/**
 * kcifsd_server_count_drop() - count a refused or dropped connection
 * @reason: why
 */
void kcifsd_server_count_drop(enum kcifsd_drop_reason reason)
{
	if ((unsigned int)reason < KCIFSD_DROP_NR)
		atomic64_inc(&stat_dropped[reason]);
}

/**
 * kcifsd_server_count_rx() - count received bytes or a received message
 * @bytes: bytes read from the network
 * @message: a whole SMB message was received
 */
void kcifsd_server_count_rx(unsigned int bytes, bool message)
{
	if (bytes)
		atomic64_add(bytes, &stat_bytes_in);
	if (message)
		atomic64_inc(&stat_messages_in);
}

/**
 * kcifsd_server_count_tx() - count one sent reply
 * @bytes: its bytes on the wire
 */
void kcifsd_server_count_tx(unsigned int bytes)
{
	atomic64_add(bytes, &stat_bytes_out);
	atomic64_inc(&stat_messages_out);
}

/**
 * kcifsd_server_count_accept() - count an accepted connection
 */
void kcifsd_server_count_accept(void)
{
	atomic64_inc(&stat_accepted);
}

/**
 * kcifsd_server_count_file_data() - count file data moved by fs/
 * @read: bytes of file data sent in read replies
 * @written: bytes of file data written
 * @copied: bytes of file data copied beyond the one copy a write makes
 *	into the page cache (see struct kcifsd_server_stats)
 */
void kcifsd_server_count_file_data(u64 read, u64 written, u64 copied)
{
	if (read)
		atomic64_add(read, &stat_file_read);
	if (written)
		atomic64_add(written, &stat_file_written);
	if (copied)
		atomic64_add(copied, &stat_file_copied);
}

/**
 * kcifsd_server_count_staged() - count write data staged in a message buffer
 * @bytes: bytes of file data written from a whole-message buffer (see
 *	struct kcifsd_server_stats)
 */
void kcifsd_server_count_staged(u64 bytes)
{
	if (bytes)
		atomic64_add(bytes, &stat_file_staged);
}

/**
 * kcifsd_server_count_wsync() - count one write-through flush
 * @writes: the write-through writes it made stable
 */
void kcifsd_server_count_wsync(u64 writes)
{
	atomic64_inc(&stat_wsync_flushes);
	atomic64_add(writes, &stat_wsync_writes);
}

/**
 * kcifsd_server_count_rx_inline() - count a request a receive work ran
 * @write: a write (else a query, a CLOSE or a delete)
 */
void kcifsd_server_count_rx_inline(bool write)
{
	atomic64_inc(write ? &stat_rx_writes : &stat_rx_requests);
}

/**
 * kcifsd_server_get_stats() - a snapshot of the transport counters
 * @stats: out: the counters (each read atomically, not all at one instant)
 */
void kcifsd_server_get_stats(struct kcifsd_server_stats *stats)
{
	unsigned int i;

	memset(stats, 0, sizeof(*stats));
	stats->running = kcifsd_server_running();
	stats->connections = kcifsd_conn_count();
	stats->accepted = atomic64_read(&stat_accepted);
	stats->messages_in = atomic64_read(&stat_messages_in);
	stats->messages_out = atomic64_read(&stat_messages_out);
	stats->bytes_in = atomic64_read(&stat_bytes_in);
	stats->bytes_out = atomic64_read(&stat_bytes_out);
	for (i = 0; i < KCIFSD_DROP_NR; i++)
		stats->dropped[i] = atomic64_read(&stat_dropped[i]);
	stats->file_bytes_read = atomic64_read(&stat_file_read);
	stats->file_bytes_written = atomic64_read(&stat_file_written);
	stats->file_bytes_copied = atomic64_read(&stat_file_copied);
	stats->smbd_port = READ_ONCE(smbd_open_port);
	stats->smbd_iwarp_port = READ_ONCE(smbd_open_iwarp_port);
	stats->file_bytes_staged = atomic64_read(&stat_file_staged);
	stats->wsync_writes = atomic64_read(&stat_wsync_writes);
	stats->wsync_flushes = atomic64_read(&stat_wsync_flushes);
	stats->rx_requests = atomic64_read(&stat_rx_requests);
	stats->rx_writes = atomic64_read(&stat_rx_writes);
}

/**
 * kcifsd_server_init() - bring up the worker pool and connection core
 *
 * With the autostart parameter, also starts listening with the module
 * parameters' config (for tests before the helper exists).
 *
 * Return: 0 or a negative errno (a failed autostart fails the load).
 */
int kcifsd_server_init(void)
{
	struct kcifsd_server_config cfg;
	int ret;

	ret = kcifsd_worker_init(workers);
	if (ret)
		return ret;
	ret = kcifsd_conn_init();
	if (ret)
		goto err_worker;
	if (autostart) {
		kcifsd_server_default_config(&cfg);
		ret = kcifsd_server_start(&cfg);
		if (ret) {
			pr_err("autostart failed: %d\n", ret);
			goto err_conn;
		}
	}
	return 0;

err_conn:
	kcifsd_conn_exit();
err_worker:
	kcifsd_worker_exit();
	return ret;
}

/**
 * kcifsd_server_exit() - stop everything and free the worker pool
 */
void kcifsd_server_exit(void)
{
	kcifsd_server_stop();
	kcifsd_conn_exit();
	kcifsd_worker_exit();
}
