/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB Direct protocol logic without RDMA (MS-SMBD 3.1): negotiation,
 * data transfer header validation, fragmentation and reassembly, and the
 * credit and keepalive state machine. Nothing here posts a work request
 * or allocates memory, so it builds without INFINIBAND and KUnit tests it
 * on UML; rdma/smbd_*.c with verbs drive it under their own locks.
 *
 * Validation functions return 0 or the number of the Windows SMBDirect
 * event that names the violation (enum kcifsd_smbd_event); the caller
 * logs it and disconnects.
 */
#ifndef _KCIFSD_SMBD_PROTO_H
#define _KCIFSD_SMBD_PROTO_H

#include <linux/types.h>

#include "rdma/smbd_events.h"
#include "rdma/smbd_pdu.h"

/**
 * struct kcifsd_smbd_params - what this end offers (MS-SMBD 3.1.1.1)
 * @recv_credit_max: ReceiveCreditMax, receive buffers per connection
 * @send_credit_target: SendCreditTarget, credits we ask the peer for
 * @max_send_size: MaxSendSize, largest message we send
 * @max_recv_size: MaxReceiveSize, largest message we receive (the size
 *	of our receive buffers)
 * @max_fragmented_recv_size: MaxFragmentedRecvSize, largest upper-layer
 *	message we reassemble
 * @max_read_write_size: MaxReadWriteSize; 0 because SMB1 has no RDMA
 *	buffer descriptors and kcifsd never performs RDMA read/write
 */
struct kcifsd_smbd_params {
	u16 recv_credit_max;
	u16 send_credit_target;
	u32 max_send_size;
	u32 max_recv_size;
	u32 max_fragmented_recv_size;
	u32 max_read_write_size;
};

/*
 * Ranges kcifsd_smbd_params_sanitize() enforces. Three receives are two
 * credits and the spare: with a single credit each way, two idle peers
 * would hand it back and forth forever.
 */
#define KCIFSD_SMBD_CREDITS_MIN		3
#define KCIFSD_SMBD_CREDITS_MAX		1024
#define KCIFSD_SMBD_SEND_SIZE_MIN	KCIFSD_SMBD_MIN_RECEIVE_SIZE
#define KCIFSD_SMBD_RECV_SIZE_MIN	KCIFSD_SMBD_NEGOTIATE_RECV_SIZE
#define KCIFSD_SMBD_IO_SIZE_MAX		(1024 * 1024)
#define KCIFSD_SMBD_FRAGMENTED_MAX	(16 * 1024 * 1024)

/* Bits kcifsd_smbd_params_sanitize() returns: which field it reset. */
#define KCIFSD_SMBD_PARAM_RECV_CREDIT_MAX	BIT(0)
#define KCIFSD_SMBD_PARAM_SEND_CREDIT_TARGET	BIT(1)
#define KCIFSD_SMBD_PARAM_MAX_SEND_SIZE		BIT(2)
#define KCIFSD_SMBD_PARAM_MAX_RECV_SIZE		BIT(3)
#define KCIFSD_SMBD_PARAM_MAX_FRAGMENTED	BIT(4)

void kcifsd_smbd_params_default(struct kcifsd_smbd_params *p);
unsigned int kcifsd_smbd_params_sanitize(struct kcifsd_smbd_params *p);
u32 kcifsd_smbd_fragmented_default(u16 recv_credit_max, u32 max_recv_size);

/**
 * struct kcifsd_smbd_negotiated - a connection's sizes after negotiation
 *	(MS-SMBD 3.1.5.6)
 * @peer_min_version: the peer's MinVersion (for the log)
 * @peer_max_version: the peer's MaxVersion (for the log)
 * @recv_credit_target: ReceiveCreditTarget, the peer's CreditsRequested
 * @max_send_size: MaxSendSize, min(ours, peer's MaxReceiveSize)
 * @max_recv_size: MaxReceiveSize, min(ours, peer's PreferredSendSize),
 *	at least 128
 * @max_fragmented_send_size: MaxFragmentedSendSize, the peer's
 *	MaxFragmentedSize: no upper-layer message we send may be larger
 * @max_fragmented_recv_size: MaxFragmentedRecvSize, ours
 */
struct kcifsd_smbd_negotiated {
	u16 peer_min_version;
	u16 peer_max_version;
	u16 recv_credit_target;
	u32 max_send_size;
	u32 max_recv_size;
	u32 max_fragmented_send_size;
	u32 max_fragmented_recv_size;
};

int kcifsd_smbd_negotiate_req_parse(const void *buf, u32 len,
				    const struct kcifsd_smbd_params *ours,
				    struct kcifsd_smbd_negotiated *neg);
void kcifsd_smbd_negotiate_rsp_build(struct kcifsd_smbd_negotiate_rsp *rsp,
				     const struct kcifsd_smbd_params *ours,
				     const struct kcifsd_smbd_negotiated *neg,
				     u16 credits_granted);
void kcifsd_smbd_negotiate_rsp_fail(struct kcifsd_smbd_negotiate_rsp *rsp,
				    u32 status);

/**
 * struct kcifsd_smbd_data_info - a validated data transfer header
 * @credits_requested: CreditsRequested (at least 1)
 * @credits_granted: CreditsGranted
 * @flags: Flags
 * @remaining: RemainingDataLength
 * @offset: DataOffset (8-byte aligned, past the header when @length > 0)
 * @length: DataLength (@offset + @length within the message)
 */
struct kcifsd_smbd_data_info {
	u16 credits_requested;
	u16 credits_granted;
	u16 flags;
	u32 remaining;
	u32 offset;
	u32 length;
};

int kcifsd_smbd_data_parse(const void *buf, u32 len, u32 max_fragmented,
			   struct kcifsd_smbd_data_info *d);
u32 kcifsd_smbd_data_build(struct kcifsd_smbd_data_hdr *hdr,
			   u16 credits_requested, u16 credits_granted,
			   u16 flags, u32 remaining, u32 length);

/**
 * struct kcifsd_smbd_frag - splits one upper-layer message into data
 *	transfer messages (MS-SMBD 3.1.4.2)
 * @total: bytes of the message
 * @sent: bytes already put into fragments
 * @max_payload: payload bytes one message can carry (MaxSendSize - 24)
 */
struct kcifsd_smbd_frag {
	u32 total;
	u32 sent;
	u32 max_payload;
};

int kcifsd_smbd_frag_init(struct kcifsd_smbd_frag *f, u32 total,
			  const struct kcifsd_smbd_negotiated *neg);
bool kcifsd_smbd_frag_next(struct kcifsd_smbd_frag *f, u32 limit, u32 *len,
			   u32 *remaining);

/**
 * struct kcifsd_smbd_reasm - FragmentReassemblyBuffer bookkeeping
 *	(MS-SMBD 3.1.5.8); the caller owns the buffer itself
 * @total: bytes the first fragment announced (DataLength +
 *	RemainingDataLength); 0 when no message is being reassembled
 * @received: bytes received so far
 */
struct kcifsd_smbd_reasm {
	u32 total;
	u32 received;
};

/**
 * enum kcifsd_smbd_reasm_step - what to do with a fragment's payload
 * @KCIFSD_SMBD_REASM_NONE: no payload (a credit or keepalive message)
 * @KCIFSD_SMBD_REASM_FIRST: first fragment: allocate @total bytes, copy
 *	to offset 0
 * @KCIFSD_SMBD_REASM_MORE: copy to the offset returned
 */
enum kcifsd_smbd_reasm_step {
	KCIFSD_SMBD_REASM_NONE,
	KCIFSD_SMBD_REASM_FIRST,
	KCIFSD_SMBD_REASM_MORE,
};

int kcifsd_smbd_reasm_add(struct kcifsd_smbd_reasm *r,
			  const struct kcifsd_smbd_data_info *d,
			  u32 max_fragmented,
			  enum kcifsd_smbd_reasm_step *step, u32 *offset);
bool kcifsd_smbd_reasm_complete(const struct kcifsd_smbd_reasm *r);
void kcifsd_smbd_reasm_reset(struct kcifsd_smbd_reasm *r);

/**
 * enum kcifsd_smbd_keepalive - KeepaliveRequested (MS-SMBD 3.1.1.1)
 * @KCIFSD_SMBD_KEEPALIVE_NONE: nothing outstanding
 * @KCIFSD_SMBD_KEEPALIVE_PENDING: the idle timer fired; the next message
 *	carries RESPONSE_REQUESTED
 * @KCIFSD_SMBD_KEEPALIVE_SENT: RESPONSE_REQUESTED sent, waiting for any
 *	message from the peer
 */
enum kcifsd_smbd_keepalive {
	KCIFSD_SMBD_KEEPALIVE_NONE,
	KCIFSD_SMBD_KEEPALIVE_PENDING,
	KCIFSD_SMBD_KEEPALIVE_SENT,
};

/**
 * struct kcifsd_smbd_credits - credit and keepalive state of a connection
 *	(MS-SMBD 3.1.1.1, 3.1.5.1, 3.1.5.8, 3.1.5.9)
 * @send_credits: SendCredits: receives the peer granted us, unused
 * @send_credit_target: SendCreditTarget: what we ask the peer to hold
 * @recv_credit_max: ReceiveCreditMax: receive buffers we own
 * @recv_credit_target: ReceiveCreditTarget: the peer's CreditsRequested,
 *	at most @recv_credit_max
 * @recv_posted: receives posted on the queue pair and not yet completed
 *	(the spec's ReceiveCredits)
 * @recv_granted: of those, how many the peer knows about: its send
 *	credits as we see them. Only really posted receives are ever
 *	granted, one always stays ungranted, and a message arriving while
 *	this is 0 was sent without a credit (it used that spare receive).
 * @keepalive: KeepaliveRequested
 * @respond: SendImmediate: the peer asked for a prompt message
 *
 * Callers serialise access (the transport's lock).
 */
struct kcifsd_smbd_credits {
	u32 send_credits;
	u16 send_credit_target;
	u16 recv_credit_max;
	u16 recv_credit_target;
	u16 recv_posted;
	u16 recv_granted;
	enum kcifsd_smbd_keepalive keepalive;
	bool respond;
};

/**
 * struct kcifsd_smbd_send_fields - credit fields of one outgoing message
 * @credits_requested: CreditsRequested (our SendCreditTarget)
 * @credits_granted: CreditsGranted (receives newly granted)
 * @flags: KCIFSD_SMBD_FLAG_RESPONSE_REQUESTED for a keepalive
 * @last_credit: this message spends our last send credit (event 452)
 */
struct kcifsd_smbd_send_fields {
	u16 credits_requested;
	u16 credits_granted;
	u16 flags;
	bool last_credit;
};

/**
 * enum kcifsd_smbd_idle_action - what the idle timer should do
 * @KCIFSD_SMBD_IDLE_KEEPALIVE: send a message with RESPONSE_REQUESTED and
 *	wait for the keepalive response timeout
 * @KCIFSD_SMBD_IDLE_TIMEOUT: the keepalive went unanswered: disconnect
 *	(event 1000)
 * @KCIFSD_SMBD_IDLE_NO_CREDIT: the keepalive could not even be sent, for
 *	want of a send credit: disconnect (event 453)
 */
enum kcifsd_smbd_idle_action {
	KCIFSD_SMBD_IDLE_KEEPALIVE,
	KCIFSD_SMBD_IDLE_TIMEOUT,
	KCIFSD_SMBD_IDLE_NO_CREDIT,
};

void kcifsd_smbd_credits_init(struct kcifsd_smbd_credits *c,
			      u16 recv_credit_max, u16 send_credit_target);
void kcifsd_smbd_credits_negotiated(struct kcifsd_smbd_credits *c,
				    u16 peer_credits_requested);
u16 kcifsd_smbd_credits_to_post(const struct kcifsd_smbd_credits *c,
				u16 available, bool throttled, bool sending);
void kcifsd_smbd_credits_posted(struct kcifsd_smbd_credits *c, u16 n);
u16 kcifsd_smbd_credits_grant_all(struct kcifsd_smbd_credits *c);
bool kcifsd_smbd_credits_may_send(const struct kcifsd_smbd_credits *c);
bool kcifsd_smbd_credits_may_send_after_post(const struct kcifsd_smbd_credits *c,
					     u16 available);
bool kcifsd_smbd_credits_need_grant(const struct kcifsd_smbd_credits *c);
int kcifsd_smbd_credits_take(struct kcifsd_smbd_credits *c,
			     struct kcifsd_smbd_send_fields *f);
int kcifsd_smbd_credits_receive(struct kcifsd_smbd_credits *c,
				const struct kcifsd_smbd_data_info *d);
bool kcifsd_smbd_credits_want_message(const struct kcifsd_smbd_credits *c,
				      bool throttled);
enum kcifsd_smbd_idle_action
kcifsd_smbd_credits_idle(struct kcifsd_smbd_credits *c);

#endif /* _KCIFSD_SMBD_PROTO_H */
