// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB Direct event counters, one per Microsoft-Windows-SMBDirect event
 * number the transport raises (see rdma/smbd_events.h).
 */

#include <linux/atomic.h>
#include <linux/kernel.h>

#include "rdma/smbd_events.h"

struct smbd_event_desc {
	u16 id;
	const char *name;
};

/* Sorted by number; the names follow the Windows event texts. */
static const struct smbd_event_desc smbd_events[KCIFSD_SMBD_NR_EVENTS] = {
	{ KCIFSD_SMBD_EV_RECV_SGE, "adapter: too few receive SGEs" },
	{ KCIFSD_SMBD_EV_SEND_SGE, "adapter: too few send SGEs" },
	{ KCIFSD_SMBD_EV_READ_SGE, "adapter: too few RDMA read SGEs" },
	{ KCIFSD_SMBD_EV_CONFIG_RANGE, "setting out of range, default used" },
	{ KCIFSD_SMBD_EV_ADAPTER_CLAMP, "setting clamped to adapter limit" },
	{ KCIFSD_SMBD_EV_WR_STALL, "no work request completed in time" },
	{ KCIFSD_SMBD_EV_NO_VERSION, "no common SMB Direct version" },
	{ KCIFSD_SMBD_EV_CONNECT_REQUEST, "connect request received" },
	{ KCIFSD_SMBD_EV_REJECT_LIMIT, "connect request rejected: limit" },
	{ KCIFSD_SMBD_EV_REJECT_NOMEM, "connect request rejected: no memory" },
	{ KCIFSD_SMBD_EV_NEGOTIATE_TIMEOUT, "negotiate request timed out" },
	{ KCIFSD_SMBD_EV_ACCEPT_CALL_FAILED, "accept call failed" },
	{ KCIFSD_SMBD_EV_ACCEPT_STARTED, "accept started" },
	{ KCIFSD_SMBD_EV_ACCEPT_DONE, "accept succeeded" },
	{ KCIFSD_SMBD_EV_ACCEPT_FAILED, "accept failed" },
	{ KCIFSD_SMBD_EV_UPPER_REJECT, "rejected by the SMB server" },
	{ KCIFSD_SMBD_EV_DISCONNECT_EVENT, "disconnect event" },
	{ KCIFSD_SMBD_EV_DISCONNECT_STARTED, "disconnect started" },
	{ KCIFSD_SMBD_EV_DISCONNECT_DONE, "disconnect completed" },
	{ KCIFSD_SMBD_EV_CLOSE_STARTED, "close started" },
	{ KCIFSD_SMBD_EV_CLOSE_DONE, "close completed" },
	{ KCIFSD_SMBD_EV_OUT_OF_CREDITS, "out of send credits" },
	{ KCIFSD_SMBD_EV_PEER_LAST_CREDIT, "peer used its last send credit" },
	{ KCIFSD_SMBD_EV_LAST_CREDIT, "using the last send credit" },
	{ KCIFSD_SMBD_EV_CREDIT_TIMEOUT, "timed out waiting for send credits" },
	{ KCIFSD_SMBD_EV_NO_CREDIT,
	  "protocol violation: peer sent without a send credit" },
	{ KCIFSD_SMBD_EV_LAST_CREDIT_NO_GRANT,
	  "protocol violation: peer used its last credit without a grant" },
	{ KCIFSD_SMBD_EV_GRANTED, "granted send credits" },
	{ KCIFSD_SMBD_EV_GRANT_RECEIVED, "received a grant of send credits" },
	{ KCIFSD_SMBD_EV_POST_SEND, "failed to post a send" },
	{ KCIFSD_SMBD_EV_SEND_FAILED, "send work request failed" },
	{ KCIFSD_SMBD_EV_POST_RECV, "failed to post a receive" },
	{ KCIFSD_SMBD_EV_RECV_FAILED, "receive work request failed" },
	{ KCIFSD_SMBD_EV_KEEPALIVE_TIMEOUT, "keepalive response timed out" },
	{ KCIFSD_SMBD_EV_INVALID,
	  "protocol violation: packet too small or invalid value" },
	{ KCIFSD_SMBD_EV_REASM_LARGER,
	  "protocol violation: fragments larger than announced" },
	{ KCIFSD_SMBD_EV_REASM_SMALLER,
	  "protocol violation: fragments smaller than announced" },
	{ KCIFSD_SMBD_EV_REASM_NOMEM, "no memory for fragment reassembly" },
	{ KCIFSD_SMBD_EV_OP_FAILED, "verbs operation failed" },
	{ KCIFSD_SMBD_EV_SOCKET_CREATED, "connection created" },
	{ KCIFSD_SMBD_EV_SOCKET_FAILED, "connection creation failed" },
	{ KCIFSD_SMBD_EV_NEGOTIATED, "negotiation finished" },
	{ KCIFSD_SMBD_EV_CQ_FAILED, "completion queue or queue pair failed" },
	{ KCIFSD_SMBD_EV_ADAPTER_OPENED, "adapter opened" },
};

static atomic64_t smbd_event_counts[KCIFSD_SMBD_NR_EVENTS];

/* Index of @id in smbd_events[], or -1 (binary search: the table is sorted). */
static int smbd_event_index(unsigned int id)
{
	int lo = 0, hi = KCIFSD_SMBD_NR_EVENTS - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (smbd_events[mid].id == id)
			return mid;
		if (smbd_events[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/**
 * kcifsd_smbd_count() - count one occurrence of an SMB Direct event
 * @id: the Microsoft-Windows-SMBDirect event number
 *
 * Unknown numbers are ignored (a WARN in debug builds would be louder than
 * the bug deserves: it only costs a counter).
 */
void kcifsd_smbd_count(enum kcifsd_smbd_event id)
{
	int i = smbd_event_index(id);

	if (i >= 0)
		atomic64_inc(&smbd_event_counts[i]);
}

/**
 * kcifsd_smbd_event_count() - how often an event happened
 * @id: the Microsoft-Windows-SMBDirect event number
 *
 * Return: the count since load (or the last reset), 0 for unknown numbers.
 */
u64 kcifsd_smbd_event_count(enum kcifsd_smbd_event id)
{
	int i = smbd_event_index(id);

	return i >= 0 ? atomic64_read(&smbd_event_counts[i]) : 0;
}

/**
 * kcifsd_smbd_event_name() - what an event number means
 * @id: the Microsoft-Windows-SMBDirect event number
 *
 * Return: a short description, or "unknown".
 */
const char *kcifsd_smbd_event_name(enum kcifsd_smbd_event id)
{
	int i = smbd_event_index(id);

	return i >= 0 ? smbd_events[i].name : "unknown";
}

/**
 * kcifsd_smbd_get_event_stats() - snapshot of every event counter
 * @out: array to fill, in event number order
 * @max: its size; KCIFSD_SMBD_NR_EVENTS entries hold every event
 *
 * For the status command of the helper (netlink) and for tests.
 *
 * Return: the number of entries written.
 */
unsigned int kcifsd_smbd_get_event_stats(struct kcifsd_smbd_event_stat *out,
					 unsigned int max)
{
	unsigned int i, n = min_t(unsigned int, max, KCIFSD_SMBD_NR_EVENTS);

	for (i = 0; i < n; i++) {
		out[i].id = smbd_events[i].id;
		out[i].name = smbd_events[i].name;
		out[i].count = atomic64_read(&smbd_event_counts[i]);
	}
	return n;
}

/**
 * kcifsd_smbd_reset_event_stats() - set every event counter to zero
 */
void kcifsd_smbd_reset_event_stats(void)
{
	unsigned int i;

	for (i = 0; i < KCIFSD_SMBD_NR_EVENTS; i++)
		atomic64_set(&smbd_event_counts[i], 0);
}
