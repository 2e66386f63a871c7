/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Connection-oriented DCE/RPC (C706 chapter 12, MS-RPCE 2.2.2) on one
 * named-pipe instance: the client writes PDUs (bind, alter_context,
 * request fragments), the server answers bind_ack / bind_nak /
 * alter_context_resp, response fragments or a fault. No authentication:
 * a bind carrying an auth verifier is refused.
 *
 * Everything read is client-supplied and checked against the fragment
 * length before use; a malformed PDU gets a fault (or bind_nak) and the
 * pipe's partial input is dropped, never a crash.
 */
#ifndef KCIFSCTL_RPC_DCERPC_H
#define KCIFSCTL_RPC_DCERPC_H

#include "rpc.h"

/* Presentation contexts one pipe keeps. */
#define DCERPC_MAX_CTX		8
/* Our fragment size both ways (what Windows uses on named pipes). */
#define DCERPC_FRAG_SIZE	4280
/* The smallest fragment every implementation must take (C706 12.6.2). */
#define DCERPC_MIN_FRAG		1432
/* Largest request stub reassembled from fragments. */
#define DCERPC_MAX_REQUEST	(64 * 1024)

/* PDU types (C706 12.6.4) */
#define DCERPC_REQUEST		0
#define DCERPC_RESPONSE		2
#define DCERPC_FAULT		3
#define DCERPC_BIND		11
#define DCERPC_BIND_ACK		12
#define DCERPC_BIND_NAK		13
#define DCERPC_ALTER		14
#define DCERPC_ALTER_RESP	15
#define DCERPC_AUTH3		16
#define DCERPC_CO_CANCEL	18
#define DCERPC_ORPHANED		19

/* pfc_flags */
#define DCERPC_PFC_FIRST	0x01
#define DCERPC_PFC_LAST		0x02
#define DCERPC_PFC_DID_NOT_EXECUTE 0x20
#define DCERPC_PFC_OBJECT_UUID	0x80

#define DCERPC_HDR_LEN		16

struct dcerpc_conn {
	const struct rpc_iface *iface;	/* what this pipe serves */
	char sec_addr[32];		/* "\PIPE\srvsvc" for bind_ack */
	int bound;
	uint16_t max_xmit;		/* our fragments to the client */
	uint32_t assoc_group;
	uint16_t ctx_ids[DCERPC_MAX_CTX];
	unsigned int n_ctx;
	/* a PDU whose bytes have not all been written yet */
	uint8_t *in;
	size_t in_len;
	/* a request arriving in several fragments */
	uint8_t *stub;
	size_t stub_len;
	int in_request;
	uint32_t call_id;
	uint16_t ctx_id;
	uint16_t opnum;
};

/* @pipe is the name without "\PIPE\" ("srvsvc"). */
void dcerpc_init(struct dcerpc_conn *c, const struct rpc_iface *iface,
		 const char *pipe);
void dcerpc_free(struct dcerpc_conn *c);

/*
 * Bytes the client wrote to the pipe. Complete PDUs are processed and
 * their answers appended to @out; a partial PDU waits for the rest.
 * Returns 0, or -ENOMEM.
 */
int dcerpc_write(struct dcerpc_conn *c, const struct rpc_env *env,
		 const struct rpc_user *user, const uint8_t *data,
		 size_t len, struct rpc_out *out);

#endif /* KCIFSCTL_RPC_DCERPC_H */
