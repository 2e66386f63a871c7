/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Transports kcifs-bench speaks SMB1 over: Direct TCP (MS-SMB 2.1, a
 * 4-byte length before each message) and SMB Direct (MS-SMBD, RDMA).
 * Each moves whole SMB messages; one connection is used by one thread.
 */
#ifndef KCIFS_BENCH_XPORT_H
#define KCIFS_BENCH_XPORT_H

#include <stddef.h>
#include <stdint.h>

struct xport;

struct xport_ops {
	/* Send one whole SMB message. 0 or a negative errno. */
	int (*send)(struct xport *x, const uint8_t *msg, size_t len);
	/*
	 * Wait up to @timeout_ms (-1: forever) for one whole SMB message,
	 * returned malloc'ed in *@msg. 0, -ETIMEDOUT or a negative errno.
	 */
	int (*recv)(struct xport *x, uint8_t **msg, size_t *len,
		    int timeout_ms);
	void (*close)(struct xport *x);
};

/**
 * struct xport - a connection
 * @ops: the transport
 * @max_send: largest SMB message the server can take on this transport
 *	(SMB Direct: its MaxFragmentedSize); 0 = no transport limit
 * @max_recv: largest SMB message we can take (SMB Direct: our
 *	MaxFragmentedSize); 0 = no transport limit
 * @name: "tcp" or "rdma"
 */
struct xport {
	const struct xport_ops *ops;
	size_t max_send;
	size_t max_recv;
	const char *name;
};

/*
 * SMB Direct misbehaviour for tests: each makes a conforming server log
 * one Microsoft-Windows-SMBDirect event and drop the connection.
 */
enum smbd_abuse {
	ABUSE_NONE,
	ABUSE_WRONG_VERSION,		/* 306 */
	ABUSE_SHORT_NEGOTIATE,		/* 1001 */
	ABUSE_ZERO_CREDITS_REQUESTED,	/* 1001 */
	ABUSE_NO_NEGOTIATE,		/* 353 */
	ABUSE_NO_CREDIT,		/* 454 */
	ABUSE_LAST_CREDIT_NO_GRANT,	/* 455 */
	ABUSE_NO_GRANT,			/* 453 */
	ABUSE_BAD_OFFSET,		/* 1001 */
	ABUSE_OVER_MAX_FRAGMENTED,	/* 1001 */
	ABUSE_FRAGMENT_LARGER,		/* 1002 */
	ABUSE_FRAGMENT_SMALLER,		/* 1003 */
	ABUSE_OVERSIZED_SEND,		/* 503 */
	ABUSE_NO_KEEPALIVE_RESPONSE,	/* 1000 */
	ABUSE_DISCONNECT_MID,		/* 400 */
};

/**
 * struct smbd_opts - what our end of SMB Direct offers
 * @credits: receive buffers (credits we can grant, plus one spare)
 * @credits_requested: send credits we ask for (SendCreditTarget)
 * @send_size: MaxSendSize we offer (PreferredSendSize)
 * @recv_size: MaxReceiveSize
 * @fragmented_size: MaxFragmentedSize; 0 = derived
 * @abuse: misbehave this way (ABUSE_NONE for a conforming peer)
 * @timeout_ms: connect and negotiate timeout
 */
struct smbd_opts {
	unsigned int credits;
	unsigned int credits_requested;
	unsigned int send_size;
	unsigned int recv_size;
	unsigned int fragmented_size;
	enum smbd_abuse abuse;
	int timeout_ms;
};

struct xport *tcp_connect(const char *host, const char *port);
struct xport *smbd_connect(const char *host, const char *port,
			   const struct smbd_opts *o);
int smbd_abuse_run(const char *host, const char *port,
		   const struct smbd_opts *o);
const char *smbd_abuse_name(enum smbd_abuse a);
enum smbd_abuse smbd_abuse_parse(const char *s);
void smbd_abuse_list(void);

#endif
