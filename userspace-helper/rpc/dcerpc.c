// SPDX-License-Identifier: GPL-2.0-only
/*
 * DCE/RPC connection-oriented PDUs on one pipe; see dcerpc.h.
 *
 * Common header (C706 12.6.3.1), 16 bytes: rpc_vers 5, rpc_vers_minor,
 * PTYPE, pfc_flags, packed_drep[4], frag_length, auth_length, call_id.
 * Only the little-endian ASCII IEEE representation (0x10 0 0 0) is
 * spoken; every client in use sends it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcerpc.h"
#include "log.h"

/* p_cont_def_result_t and p_provider_reason_t (C706 12.6.3.1) */
#define RESULT_ACCEPT		0
#define RESULT_PROVIDER_REJECT	2
#define RESULT_NEGOTIATE_ACK	3	/* MS-RPCE 2.2.2.4 */
#define REASON_NONE		0
#define REASON_ABSTRACT		1
#define REASON_TRANSFER		2
#define REASON_LIMIT		3

/* bind_nak reasons */
#define NAK_NOT_SPECIFIED	0
#define NAK_VERSION		4
#define NAK_AUTH_TYPE		8	/* MS-RPCE 2.2.2.5 */

static const struct rpc_syntax ndr_syntax = {
	0x8a885d04, 0x1ceb, 0x11c9,
	{ 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60 }, 2, 0
};

/* Bind time feature negotiation: 6cb71c2c-9812-4540-XXXX (MS-RPCE 3.3.1.5.3) */
#define BTFN_TIME_LOW	0x6cb71c2cu
#define BTFN_TIME_MID	0x9812
#define BTFN_TIME_HI	0x4540

static uint32_t assoc_groups = 0x53f0;

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void get_syntax(const uint8_t *p, struct rpc_syntax *s)
{
	s->time_low = get32(p);
	s->time_mid = get16(p + 4);
	s->time_hi = get16(p + 6);
	memcpy(s->rest, p + 8, 8);
	s->major = get16(p + 16);
	s->minor = get16(p + 18);
}

static void push_syntax(struct ndr_push *b, const struct rpc_syntax *s)
{
	ndr_push_u32(b, s->time_low);
	ndr_push_u16(b, s->time_mid);
	ndr_push_u16(b, s->time_hi);
	ndr_push_bytes(b, s->rest, 8);
	ndr_push_u16(b, s->major);
	ndr_push_u16(b, s->minor);
}

static int same_uuid(const struct rpc_syntax *a, const struct rpc_syntax *b)
{
	return a->time_low == b->time_low && a->time_mid == b->time_mid &&
	       a->time_hi == b->time_hi && !memcmp(a->rest, b->rest, 8);
}

void dcerpc_init(struct dcerpc_conn *c, const struct rpc_iface *iface,
		 const char *pipe)
{
	memset(c, 0, sizeof(*c));
	c->iface = iface;
	snprintf(c->sec_addr, sizeof(c->sec_addr), "\\PIPE\\%s", pipe);
	c->max_xmit = DCERPC_FRAG_SIZE;
}

static void drop_request(struct dcerpc_conn *c)
{
	free(c->stub);
	c->stub = NULL;
	c->stub_len = 0;
	c->in_request = 0;
}

void dcerpc_free(struct dcerpc_conn *c)
{
	drop_request(c);
	free(c->in);
	c->in = NULL;
	c->in_len = 0;
}

static void push_header(struct ndr_push *b, uint8_t type, uint8_t flags,
			uint32_t call_id)
{
	static const uint8_t drep[4] = { 0x10, 0, 0, 0 };

	ndr_push_u8(b, 5);
	ndr_push_u8(b, 0);
	ndr_push_u8(b, type);
	ndr_push_u8(b, flags);
	ndr_push_bytes(b, drep, 4);
	ndr_push_u16(b, 0);		/* frag_length, set by finish_pdu() */
	ndr_push_u16(b, 0);		/* auth_length */
	ndr_push_u32(b, call_id);
}

/* Fill in frag_length and hand the PDU to @out. */
static int finish_pdu(struct ndr_push *b, struct rpc_out *out)
{
	int ret;

	if (!b->err && b->len > 0xffff)
		b->err = -ENOSPC;
	if (b->err) {
		ret = b->err;
		ndr_push_free(b);
		return ret;
	}
	b->data[8] = b->len & 0xff;
	b->data[9] = (uint8_t)(b->len >> 8);
	ret = rpc_out_msg(out, b->data, b->len);
	ndr_push_free(b);
	return ret;
}

static int send_fault(uint32_t call_id, uint16_t ctx_id, uint32_t status,
		      int not_executed, struct rpc_out *out)
{
	struct ndr_push b;

	ndr_push_init(&b, 64);
	push_header(&b, DCERPC_FAULT, DCERPC_PFC_FIRST | DCERPC_PFC_LAST |
		    (not_executed ? DCERPC_PFC_DID_NOT_EXECUTE : 0), call_id);
	ndr_push_u32(&b, 0);		/* alloc_hint */
	ndr_push_u16(&b, ctx_id);
	ndr_push_u8(&b, 0);		/* cancel_count */
	ndr_push_u8(&b, 0);
	ndr_push_u32(&b, status);
	ndr_push_u32(&b, 0);
	return finish_pdu(&b, out);
}

static int send_bind_nak(uint32_t call_id, uint16_t reason,
			 struct rpc_out *out)
{
	struct ndr_push b;

	ndr_push_init(&b, 64);
	push_header(&b, DCERPC_BIND_NAK, DCERPC_PFC_FIRST | DCERPC_PFC_LAST,
		    call_id);
	ndr_push_u16(&b, reason);
	ndr_push_u8(&b, 1);		/* one protocol version: 5.0 */
	ndr_push_u8(&b, 5);
	ndr_push_u8(&b, 0);
	return finish_pdu(&b, out);
}

static int has_ctx(const struct dcerpc_conn *c, uint16_t id)
{
	unsigned int i;

	for (i = 0; i < c->n_ctx; i++)
		if (c->ctx_ids[i] == id)
			return 1;
	return 0;
}

/* Decide one presentation context of a bind or alter_context. */
static void judge_ctx(struct dcerpc_conn *c, uint16_t id,
		      const struct rpc_syntax *abstract, const uint8_t *ts,
		      unsigned int n_ts, struct ndr_push *b)
{
	struct rpc_syntax t;
	unsigned int i;

	if (abstract->time_low == BTFN_TIME_LOW &&
	    abstract->time_mid == BTFN_TIME_MID &&
	    abstract->time_hi == BTFN_TIME_HI) {
		/* Bind time feature negotiation: we support none. */
		ndr_push_u16(b, RESULT_NEGOTIATE_ACK);
		ndr_push_u16(b, 0);
		ndr_push_zero(b, 20);
		return;
	}
	if (!same_uuid(abstract, &c->iface->syntax) ||
	    abstract->major != c->iface->syntax.major ||
	    abstract->minor != c->iface->syntax.minor) {
		ndr_push_u16(b, RESULT_PROVIDER_REJECT);
		ndr_push_u16(b, REASON_ABSTRACT);
		ndr_push_zero(b, 20);
		return;
	}
	for (i = 0; i < n_ts; i++) {
		get_syntax(ts + 20 * i, &t);
		if (same_uuid(&t, &ndr_syntax) && t.major == ndr_syntax.major)
			break;
	}
	if (i == n_ts) {
		ndr_push_u16(b, RESULT_PROVIDER_REJECT);
		ndr_push_u16(b, REASON_TRANSFER);
		ndr_push_zero(b, 20);
		return;
	}
	if (!has_ctx(c, id)) {
		if (c->n_ctx == DCERPC_MAX_CTX) {
			ndr_push_u16(b, RESULT_PROVIDER_REJECT);
			ndr_push_u16(b, REASON_LIMIT);
			ndr_push_zero(b, 20);
			return;
		}
		c->ctx_ids[c->n_ctx++] = id;
	}
	ndr_push_u16(b, RESULT_ACCEPT);
	ndr_push_u16(b, REASON_NONE);
	push_syntax(b, &ndr_syntax);
}

static uint16_t clamp_frag(uint16_t v)
{
	if (v < DCERPC_MIN_FRAG)
		return DCERPC_MIN_FRAG;
	return v > DCERPC_FRAG_SIZE ? DCERPC_FRAG_SIZE : v;
}

/*
 * bind (11) and alter_context (14), C706 12.6.4.3: max_xmit_frag,
 * max_recv_frag, assoc_group_id, p_context_elem_t.
 */
static int on_bind(struct dcerpc_conn *c, const uint8_t *pdu, size_t len,
		   struct rpc_out *out)
{
	uint8_t type = pdu[2];
	uint32_t call_id = get32(pdu + 12);
	uint16_t max_recv, id;
	struct rpc_syntax abstract;
	unsigned int n_ctx, n_ts, i;
	size_t off, slen;
	struct ndr_push b;

	if (len < DCERPC_HDR_LEN + 12)
		goto reject;
	if (get16(pdu + 10)) {	/* auth_length: no authentication here */
		log_debug("rpc %s: bind with authentication refused",
			  c->iface->name);
		return type == DCERPC_BIND ?
		       send_bind_nak(call_id, NAK_AUTH_TYPE, out) :
		       send_fault(call_id, 0, DCERPC_FAULT_ACCESS_DENIED, 1,
				  out);
	}
	if (type == DCERPC_BIND && c->bound)
		goto reject;		/* one association per pipe */
	if (type == DCERPC_ALTER && !c->bound)
		return send_fault(call_id, 0, DCERPC_FAULT_PROTO_ERROR, 1, out);
	max_recv = get16(pdu + 18);
	n_ctx = pdu[24];
	if (!n_ctx)
		goto reject;
	/* Check every element's bounds before judging any. */
	off = 28;
	for (i = 0; i < n_ctx; i++) {
		if (len - off < 24)
			goto reject;
		n_ts = pdu[off + 2];
		if (!n_ts || (len - off - 24) / 20 < n_ts)
			goto reject;
		off += 24 + 20 * (size_t)n_ts;
	}

	ndr_push_init(&b, 0xffff);
	push_header(&b, type == DCERPC_BIND ? DCERPC_BIND_ACK :
		    DCERPC_ALTER_RESP, DCERPC_PFC_FIRST | DCERPC_PFC_LAST,
		    call_id);
	if (type == DCERPC_BIND) {
		c->max_xmit = clamp_frag(max_recv);
		c->assoc_group = get32(pdu + 20);
		if (!c->assoc_group)
			c->assoc_group = ++assoc_groups;
	}
	ndr_push_u16(&b, c->max_xmit);
	ndr_push_u16(&b, DCERPC_FRAG_SIZE);
	ndr_push_u32(&b, c->assoc_group);
	/* port_any_t: the pipe name with its NUL; empty in alter_resp */
	slen = type == DCERPC_BIND ? strlen(c->sec_addr) + 1 : 0;
	ndr_push_u16(&b, (uint16_t)slen);
	ndr_push_bytes(&b, c->sec_addr, slen);
	ndr_push_align(&b, 4);
	ndr_push_u8(&b, (uint8_t)n_ctx);
	ndr_push_u8(&b, 0);
	ndr_push_u16(&b, 0);
	off = 28;
	for (i = 0; i < n_ctx; i++) {
		id = get16(pdu + off);
		n_ts = pdu[off + 2];
		get_syntax(pdu + off + 4, &abstract);
		judge_ctx(c, id, &abstract, pdu + off + 24, n_ts, &b);
		off += 24 + 20 * (size_t)n_ts;
	}
	if (type == DCERPC_BIND)
		c->bound = c->n_ctx > 0;
	return finish_pdu(&b, out);

reject:
	log_debug("rpc %s: malformed or repeated bind", c->iface->name);
	return type == DCERPC_BIND ?
	       send_bind_nak(call_id, NAK_NOT_SPECIFIED, out) :
	       send_fault(call_id, 0, DCERPC_FAULT_PROTO_ERROR, 1, out);
}

/* The reply stub in response fragments of at most c->max_xmit bytes. */
static int send_response(struct dcerpc_conn *c, uint32_t call_id,
			 uint16_t ctx_id, const uint8_t *stub, size_t len,
			 struct rpc_out *out)
{
	size_t per_frag = ((size_t)c->max_xmit - 24) & ~(size_t)7;
	size_t off = 0, n;
	struct ndr_push b;
	uint8_t flags;
	int ret;

	do {
		n = len - off < per_frag ? len - off : per_frag;
		flags = (off ? 0 : DCERPC_PFC_FIRST) |
			(off + n == len ? DCERPC_PFC_LAST : 0);
		ndr_push_init(&b, 0xffff);
		push_header(&b, DCERPC_RESPONSE, flags, call_id);
		ndr_push_u32(&b, (uint32_t)(len - off));	/* alloc_hint */
		ndr_push_u16(&b, ctx_id);
		ndr_push_u8(&b, 0);
		ndr_push_u8(&b, 0);
		ndr_push_bytes(&b, stub + off, n);
		ret = finish_pdu(&b, out);
		if (ret)
			return ret;
		off += n;
	} while (off < len);
	return 0;
}

static int run_call(struct dcerpc_conn *c, const struct rpc_env *env,
		    const struct rpc_user *user, const uint8_t *stub,
		    size_t len, struct rpc_out *out)
{
	struct rpc_call call = { .env = env, .user = user,
				 .opnum = c->opnum };
	uint32_t fault;
	int ret;

	ndr_pull_init(&call.in, stub, len);
	ndr_push_init(&call.out, RPC_STUB_MAX);
	fault = c->iface->call(&call);
	if (!fault && call.out.err)
		fault = call.out.err == -ENOMEM ? DCERPC_FAULT_PROTO_ERROR :
			DCERPC_FAULT_NDR;
	log_debug("rpc %s: opnum %u by \"%s\": %s (fault 0x%x)",
		  c->iface->name, c->opnum, user->name,
		  fault ? "fault" : "ok", fault);
	if (fault)
		ret = send_fault(c->call_id, c->ctx_id, fault,
				 fault == DCERPC_FAULT_OP_RNG_ERROR, out);
	else
		ret = send_response(c, c->call_id, c->ctx_id, call.out.data,
				    call.out.len, out);
	ndr_push_free(&call.out);
	return ret;
}

/*
 * request (0), C706 12.6.4.9: alloc_hint, p_cont_id, opnum, [object],
 * stub. Fragments of one call carry the same call_id; the first has
 * PFC_FIRST_FRAG, the last PFC_LAST_FRAG.
 */
static int on_request(struct dcerpc_conn *c, const struct rpc_env *env,
		      const struct rpc_user *user, const uint8_t *pdu,
		      size_t len, struct rpc_out *out)
{
	uint8_t flags = pdu[3];
	uint32_t call_id = get32(pdu + 12);
	size_t hdr = 24, stub_len;
	uint16_t ctx_id;
	uint8_t *p;

	if (len < hdr + ((flags & DCERPC_PFC_OBJECT_UUID) ? 16 : 0))
		goto proto;
	ctx_id = get16(pdu + 20);
	if (flags & DCERPC_PFC_OBJECT_UUID)
		hdr += 16;
	if (get16(pdu + 10)) {
		drop_request(c);
		return send_fault(call_id, ctx_id, DCERPC_FAULT_ACCESS_DENIED,
				  1, out);
	}
	if (!c->bound || !has_ctx(c, ctx_id)) {
		drop_request(c);
		return send_fault(call_id, ctx_id, DCERPC_FAULT_UNK_IF, 1,
				  out);
	}
	stub_len = len - hdr;
	if (flags & DCERPC_PFC_FIRST) {
		drop_request(c);
		c->in_request = 1;
		c->call_id = call_id;
		c->ctx_id = ctx_id;
		c->opnum = get16(pdu + 22);
	} else if (!c->in_request || call_id != c->call_id ||
		   ctx_id != c->ctx_id) {
		goto proto;
	}
	if (flags & DCERPC_PFC_FIRST && flags & DCERPC_PFC_LAST) {
		c->in_request = 0;
		return run_call(c, env, user, pdu + hdr, stub_len, out);
	}
	if (stub_len > DCERPC_MAX_REQUEST - c->stub_len)
		goto proto;
	p = realloc(c->stub, c->stub_len + stub_len + 1);
	if (!p) {
		drop_request(c);
		return -ENOMEM;
	}
	c->stub = p;
	memcpy(c->stub + c->stub_len, pdu + hdr, stub_len);
	c->stub_len += stub_len;
	if (!(flags & DCERPC_PFC_LAST))
		return 0;		/* more fragments to come */
	c->in_request = 0;
	{
		int ret = run_call(c, env, user, c->stub, c->stub_len, out);

		drop_request(c);
		return ret;
	}

proto:
	drop_request(c);
	return send_fault(call_id, 0, DCERPC_FAULT_PROTO_ERROR, 1, out);
}

/* One complete PDU of @len bytes (frag_length, already checked). */
static int on_pdu(struct dcerpc_conn *c, const struct rpc_env *env,
		  const struct rpc_user *user, const uint8_t *pdu, size_t len,
		  struct rpc_out *out)
{
	uint32_t call_id = get32(pdu + 12);
	uint16_t auth_len = get16(pdu + 10);

	if (pdu[0] != 5 || pdu[1] > 1)
		return send_bind_nak(call_id, NAK_VERSION, out);
	if (pdu[4] != 0x10 || pdu[5] != 0 ||
	    (auth_len && (size_t)auth_len + 8 > len - DCERPC_HDR_LEN))
		return send_fault(call_id, 0, DCERPC_FAULT_PROTO_ERROR, 1, out);
	switch (pdu[2]) {
	case DCERPC_BIND:
	case DCERPC_ALTER:
		return on_bind(c, pdu, len, out);
	case DCERPC_REQUEST:
		return on_request(c, env, user, pdu, len, out);
	case DCERPC_AUTH3:
	case DCERPC_CO_CANCEL:
		return 0;		/* no answer (C706 12.4) */
	case DCERPC_ORPHANED:
		drop_request(c);
		return 0;
	default:
		log_debug("rpc %s: unexpected PDU type %u", c->iface->name,
			  pdu[2]);
		return send_fault(call_id, 0, DCERPC_FAULT_PROTO_ERROR, 1, out);
	}
}

int dcerpc_write(struct dcerpc_conn *c, const struct rpc_env *env,
		 const struct rpc_user *user, const uint8_t *data,
		 size_t len, struct rpc_out *out)
{
	size_t frag, take;
	int ret = 0;

	if (!c->in) {
		c->in = malloc(0x10000);
		if (!c->in)
			return -ENOMEM;
	}
	while (len && !ret) {
		/* Gather the header, then the rest of the fragment. */
		take = c->in_len < DCERPC_HDR_LEN ?
		       DCERPC_HDR_LEN - c->in_len : 0;
		if (!take) {
			frag = get16(c->in + 8);
			take = frag - c->in_len;
		}
		if (take > len)
			take = len;
		memcpy(c->in + c->in_len, data, take);
		c->in_len += take;
		data += take;
		len -= take;
		if (c->in_len < DCERPC_HDR_LEN)
			break;
		frag = get16(c->in + 8);
		if (frag < DCERPC_HDR_LEN) {
			/* Nothing to resynchronise on: drop what came. */
			ret = send_fault(get32(c->in + 12), 0,
					 DCERPC_FAULT_PROTO_ERROR, 1, out);
			c->in_len = 0;
			drop_request(c);
			break;
		}
		if (c->in_len < frag)
			continue;
		ret = on_pdu(c, env, user, c->in, frag, out);
		c->in_len = 0;
	}
	return ret;
}
