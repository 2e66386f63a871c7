/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB Direct events: every situation the transport reports carries the
 * number Windows gives it in the Microsoft-Windows-SMBDirect event log,
 * so an administrator can match a kcifsd log line with a Windows one.
 * Each event has a counter; status tools read them with
 * kcifsd_smbd_get_event_stats(). The counters exist (and stay zero) when
 * the RDMA transport is not built.
 */
#ifndef _KCIFSD_SMBD_EVENTS_H
#define _KCIFSD_SMBD_EVENTS_H

#include <linux/printk.h>
#include <linux/types.h>

/**
 * enum kcifsd_smbd_event - Microsoft-Windows-SMBDirect event numbers
 * @KCIFSD_SMBD_EV_RECV_SGE: adapter has too few SGEs per receive
 * @KCIFSD_SMBD_EV_SEND_SGE: adapter has too few SGEs per send
 * @KCIFSD_SMBD_EV_READ_SGE: adapter has too few SGEs per RDMA read
 * @KCIFSD_SMBD_EV_CONFIG_RANGE: a setting is out of range, default used
 * @KCIFSD_SMBD_EV_ADAPTER_CLAMP: adapter cannot support a setting, clamped
 * @KCIFSD_SMBD_EV_WR_STALL: no work request completed in time
 * @KCIFSD_SMBD_EV_NO_VERSION: no common SMB Direct version
 * @KCIFSD_SMBD_EV_CONNECT_REQUEST: connect request received
 * @KCIFSD_SMBD_EV_REJECT_LIMIT: connect request rejected over a limit
 * @KCIFSD_SMBD_EV_REJECT_NOMEM: connect request rejected, out of memory
 * @KCIFSD_SMBD_EV_NEGOTIATE_TIMEOUT: no negotiate request in time
 * @KCIFSD_SMBD_EV_ACCEPT_CALL_FAILED: rdma_accept() failed
 * @KCIFSD_SMBD_EV_ACCEPT_STARTED: accept started
 * @KCIFSD_SMBD_EV_ACCEPT_DONE: accept (and negotiation) succeeded
 * @KCIFSD_SMBD_EV_ACCEPT_FAILED: connection failed before it was up
 * @KCIFSD_SMBD_EV_UPPER_REJECT: the SMB server refused the connection
 * @KCIFSD_SMBD_EV_DISCONNECT_EVENT: the peer or the adapter disconnected
 * @KCIFSD_SMBD_EV_DISCONNECT_STARTED: we started a disconnect
 * @KCIFSD_SMBD_EV_DISCONNECT_DONE: the queue pair is drained
 * @KCIFSD_SMBD_EV_CLOSE_STARTED: resource teardown started
 * @KCIFSD_SMBD_EV_CLOSE_DONE: resource teardown finished
 * @KCIFSD_SMBD_EV_OUT_OF_CREDITS: no send credit, waiting for a grant
 * @KCIFSD_SMBD_EV_PEER_LAST_CREDIT: the peer used its last send credit
 * @KCIFSD_SMBD_EV_LAST_CREDIT: we used our last send credit
 * @KCIFSD_SMBD_EV_CREDIT_TIMEOUT: no send credit granted in time
 * @KCIFSD_SMBD_EV_NO_CREDIT: the peer sent without a send credit
 * @KCIFSD_SMBD_EV_LAST_CREDIT_NO_GRANT: the peer used its last send
 *	credit on a message that granted none
 * @KCIFSD_SMBD_EV_GRANTED: we granted the peer credits
 * @KCIFSD_SMBD_EV_GRANT_RECEIVED: the peer granted us credits
 * @KCIFSD_SMBD_EV_POST_SEND: posting a send work request failed
 * @KCIFSD_SMBD_EV_SEND_FAILED: a send work request completed in error
 * @KCIFSD_SMBD_EV_POST_RECV: posting a receive work request failed
 * @KCIFSD_SMBD_EV_RECV_FAILED: a receive work request completed in error
 * @KCIFSD_SMBD_EV_KEEPALIVE_TIMEOUT: no answer to a keepalive
 * @KCIFSD_SMBD_EV_INVALID: message too small or with an invalid value
 * @KCIFSD_SMBD_EV_REASM_LARGER: fragments carry more than announced
 * @KCIFSD_SMBD_EV_REASM_SMALLER: fragments carry less than announced
 * @KCIFSD_SMBD_EV_REASM_NOMEM: no memory for a reassembly buffer
 * @KCIFSD_SMBD_EV_OP_FAILED: a verbs operation failed
 * @KCIFSD_SMBD_EV_SOCKET_CREATED: connection object created
 * @KCIFSD_SMBD_EV_SOCKET_FAILED: connection object creation failed
 * @KCIFSD_SMBD_EV_NEGOTIATED: negotiation finished (the sizes)
 * @KCIFSD_SMBD_EV_CQ_FAILED: a completion queue or queue pair failed
 * @KCIFSD_SMBD_EV_ADAPTER_OPENED: adapter opened (its capabilities)
 */
enum kcifsd_smbd_event {
	KCIFSD_SMBD_EV_RECV_SGE			= 1,
	KCIFSD_SMBD_EV_SEND_SGE			= 2,
	KCIFSD_SMBD_EV_READ_SGE			= 3,
	KCIFSD_SMBD_EV_CONFIG_RANGE		= 4,
	KCIFSD_SMBD_EV_ADAPTER_CLAMP		= 5,
	KCIFSD_SMBD_EV_WR_STALL			= 6,
	KCIFSD_SMBD_EV_NO_VERSION		= 306,
	KCIFSD_SMBD_EV_CONNECT_REQUEST		= 350,
	KCIFSD_SMBD_EV_REJECT_LIMIT		= 351,
	KCIFSD_SMBD_EV_REJECT_NOMEM		= 352,
	KCIFSD_SMBD_EV_NEGOTIATE_TIMEOUT	= 353,
	KCIFSD_SMBD_EV_ACCEPT_CALL_FAILED	= 354,
	KCIFSD_SMBD_EV_ACCEPT_STARTED		= 355,
	KCIFSD_SMBD_EV_ACCEPT_DONE		= 356,
	KCIFSD_SMBD_EV_ACCEPT_FAILED		= 357,
	KCIFSD_SMBD_EV_UPPER_REJECT		= 358,
	KCIFSD_SMBD_EV_DISCONNECT_EVENT		= 400,
	KCIFSD_SMBD_EV_DISCONNECT_STARTED	= 401,
	KCIFSD_SMBD_EV_DISCONNECT_DONE		= 402,
	KCIFSD_SMBD_EV_CLOSE_STARTED		= 403,
	KCIFSD_SMBD_EV_CLOSE_DONE		= 404,
	KCIFSD_SMBD_EV_OUT_OF_CREDITS		= 450,
	KCIFSD_SMBD_EV_PEER_LAST_CREDIT		= 451,
	KCIFSD_SMBD_EV_LAST_CREDIT		= 452,
	KCIFSD_SMBD_EV_CREDIT_TIMEOUT		= 453,
	KCIFSD_SMBD_EV_NO_CREDIT		= 454,
	KCIFSD_SMBD_EV_LAST_CREDIT_NO_GRANT	= 455,
	KCIFSD_SMBD_EV_GRANTED			= 456,
	KCIFSD_SMBD_EV_GRANT_RECEIVED		= 457,
	KCIFSD_SMBD_EV_POST_SEND		= 500,
	KCIFSD_SMBD_EV_SEND_FAILED		= 501,
	KCIFSD_SMBD_EV_POST_RECV		= 502,
	KCIFSD_SMBD_EV_RECV_FAILED		= 503,
	KCIFSD_SMBD_EV_KEEPALIVE_TIMEOUT	= 1000,
	KCIFSD_SMBD_EV_INVALID			= 1001,
	KCIFSD_SMBD_EV_REASM_LARGER		= 1002,
	KCIFSD_SMBD_EV_REASM_SMALLER		= 1003,
	KCIFSD_SMBD_EV_REASM_NOMEM		= 1004,
	KCIFSD_SMBD_EV_OP_FAILED		= 1005,
	KCIFSD_SMBD_EV_SOCKET_CREATED		= 1006,
	KCIFSD_SMBD_EV_SOCKET_FAILED		= 1007,
	KCIFSD_SMBD_EV_NEGOTIATED		= 1008,
	KCIFSD_SMBD_EV_CQ_FAILED		= 1009,
	KCIFSD_SMBD_EV_ADAPTER_OPENED		= 9500,
};

/* How many events have a counter. */
#define KCIFSD_SMBD_NR_EVENTS	44

/**
 * struct kcifsd_smbd_event_stat - one event counter, for status output
 * @id: the event number (enum kcifsd_smbd_event)
 * @name: a short name ("protocol violation: send without credit")
 * @count: how often it happened since the module was loaded
 */
struct kcifsd_smbd_event_stat {
	u16 id;
	const char *name;
	u64 count;
};

void kcifsd_smbd_count(enum kcifsd_smbd_event id);
u64 kcifsd_smbd_event_count(enum kcifsd_smbd_event id);
const char *kcifsd_smbd_event_name(enum kcifsd_smbd_event id);
unsigned int kcifsd_smbd_get_event_stats(struct kcifsd_smbd_event_stat *out,
					 unsigned int max);
void kcifsd_smbd_reset_event_stats(void);

/*
 * Count an event and log it, ratelimited (a peer can trigger most of
 * them): "kcifsd: smbdirect 454: protocol violation, ...".
 */
#define kcifsd_smbd_warn(id, fmt, ...)					\
	do {								\
		kcifsd_smbd_count(id);					\
		pr_warn_ratelimited("smbdirect %u: " fmt, (unsigned int)(id), \
				    ##__VA_ARGS__);			\
	} while (0)

#define kcifsd_smbd_info(id, fmt, ...)					\
	do {								\
		kcifsd_smbd_count(id);					\
		pr_info_ratelimited("smbdirect %u: " fmt, (unsigned int)(id), \
				    ##__VA_ARGS__);			\
	} while (0)

/* Informational events: counted, logged only with dynamic debug. */
#define kcifsd_smbd_debug(id, fmt, ...)					\
	do {								\
		kcifsd_smbd_count(id);					\
		pr_debug("smbdirect %u: " fmt, (unsigned int)(id),	\
			 ##__VA_ARGS__);				\
	} while (0)

#endif /* _KCIFSD_SMBD_EVENTS_H */
