// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit and fuzz tests of the named-pipe services (rpc/, rap.c): NDR
 * against hand-computed bytes, DCE/RPC binds, fragments and faults,
 * srvsvc, wkssvc and RAP answers from a test config, and random or
 * mutated PDUs and RAP requests that must never crash or leak.
 *
 * Run from userspace-helper/ (make check): one line per case,
 * "PASS rpc: NAME" or "FAIL rpc: NAME", on stdout and in the file given
 * as argv[1]; the exit status is 1 if any case failed. RPC_FUZZ_ITERS
 * sets the fuzz rounds (default 20000).
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"
#include "rap.h"
#include "rpc/dcerpc.h"
#include "rpc/pipe.h"
#include "rpc/rpc.h"
#include "rpc/shares.h"
#include "userdb.h"

static FILE *results;
static int failures;

static void report(int ok, const char *name)
{
	printf("%s rpc: %s\n", ok ? "PASS" : "FAIL", name);
	if (results)
		fprintf(results, "%s rpc: %s\n", ok ? "PASS" : "FAIL", name);
	if (!ok)
		failures++;
}

static struct kcifsd_conf conf;
static struct userdb db;
static struct rpc_env env = { &conf, &db };
static const struct rpc_user alice = { "alice", 0 };
static const struct rpc_user rooty = { "rooty", 0 };
static const struct rpc_user guest = { "nobody", KCIFSD_USER_F_GUEST };
static struct rpc_out out;

static const char conf_text[] =
	"[global]\nguest account = nobody\nnetbios name = TESTSRV\n"
	"workgroup = TESTGRP\nserver string = test server\n"
	"[data]\npath = /srv/data\ncomment = Data files\n"
	"[hidden]\npath = /srv/hidden\nbrowseable = no\n"
	"[pub]\npath = /srv/pub\nguest ok = yes\ncomment = Public\n"
	"[averyverylongname]\npath = /srv/long\n"
	"[dollar$]\npath = /srv/dollar\n";

/* ---- little helpers to build and read PDUs ---- */

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static void put_syntax(uint8_t *p, const struct rpc_syntax *s)
{
	put32(p, s->time_low);
	put16(p + 4, s->time_mid);
	put16(p + 6, s->time_hi);
	memcpy(p + 8, s->rest, 8);
	put16(p + 16, s->major);
	put16(p + 18, s->minor);
}

static const struct rpc_syntax ndr32 = {
	0x8a885d04, 0x1ceb, 0x11c9,
	{ 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60 }, 2, 0
};
static const struct rpc_syntax ndr64 = {
	0x71710533, 0xbeba, 0x4937,
	{ 0x83, 0x19, 0xb5, 0xdb, 0xef, 0x9c, 0xcc, 0x36 }, 1, 0
};
static const struct rpc_syntax btfn = {
	0x6cb71c2c, 0x9812, 0x4540,
	{ 0x03, 0, 0, 0, 0, 0, 0, 0 }, 1, 0
};

static void header(uint8_t *p, uint8_t type, uint8_t flags, uint16_t len,
		   uint32_t call_id)
{
	memset(p, 0, 16);
	p[0] = 5;
	p[2] = type;
	p[3] = flags;
	p[4] = 0x10;
	put16(p + 8, len);
	put32(p + 12, call_id);
}

/* A bind with one context per (abstract, transfer) pair. */
static size_t make_bind(uint8_t *p, uint8_t type, uint16_t max_recv,
			const struct rpc_syntax *const *abs,
			const struct rpc_syntax *const *ts, unsigned int n)
{
	size_t off = 28;
	unsigned int i;

	memset(p, 0, 28);
	put16(p + 16, 4280);
	put16(p + 18, max_recv);
	p[24] = (uint8_t)n;
	for (i = 0; i < n; i++) {
		put16(p + off, (uint16_t)i);
		p[off + 2] = 1;
		p[off + 3] = 0;
		put_syntax(p + off + 4, abs[i]);
		put_syntax(p + off + 24, ts[i]);
		off += 44;
	}
	header(p, type, 3, (uint16_t)off, 1);
	return off;
}

/* The i-th message of @o (0-based): its bytes and length, or NULL. */
static const uint8_t *msg_at(const struct rpc_out *o, int i, size_t *len)
{
	size_t off = 0;
	uint32_t n;

	while (off + 4 <= o->len) {
		memcpy(&n, o->buf + off, 4);
		if (!i--) {
			*len = n;
			return o->buf + off + 4;
		}
		off += 4 + n;
	}
	return NULL;
}

static int msg_count(const struct rpc_out *o)
{
	size_t len;
	int i = 0;

	while (msg_at(o, i, &len))
		i++;
	return i;
}

static uint8_t stub[RPC_STUB_MAX * 2];
static size_t stub_len;
static int n_frags;

/* Reassemble the response stub from @out; 0 if it is a clean response. */
static int response_stub(void)
{
	const uint8_t *m;
	size_t len;
	int i;

	stub_len = 0;
	n_frags = 0;
	for (i = 0; (m = msg_at(&out, i, &len)); i++) {
		if (len < 24 || m[2] != DCERPC_RESPONSE || get16(m + 8) != len)
			return -1;
		if (!i != !!(m[3] & DCERPC_PFC_FIRST))
			return -1;
		memcpy(stub + stub_len, m + 24, len - 24);
		stub_len += len - 24;
		n_frags++;
		if (m[3] & DCERPC_PFC_LAST)
			return m == msg_at(&out, msg_count(&out) - 1, &len) ?
			       0 : -1;
	}
	return -1;
}

static uint32_t fault_status(void)
{
	size_t len;
	const uint8_t *m = msg_at(&out, 0, &len);

	if (!m || len != 32 || m[2] != DCERPC_FAULT)
		return 0;
	return get32(m + 24);
}

static struct dcerpc_conn conn;

static int write_pdu(const struct rpc_user *u, const uint8_t *p, size_t n)
{
	rpc_out_init(&out);
	return dcerpc_write(&conn, &env, u, p, n, &out);
}

static int bind_srvsvc(uint16_t max_recv)
{
	const struct rpc_syntax *abs[] = { &srvsvc_iface.syntax };
	const struct rpc_syntax *ts[] = { &ndr32 };
	uint8_t pdu[256];
	size_t n;

	dcerpc_free(&conn);
	dcerpc_init(&conn, &srvsvc_iface, "srvsvc");
	n = make_bind(pdu, DCERPC_BIND, max_recv, abs, ts, 1);
	return write_pdu(&alice, pdu, n);
}

/* A request PDU for @opnum with @body, in fragments of @frag stub bytes. */
static int call(const struct rpc_user *u, uint16_t opnum, const uint8_t *body,
		size_t len, size_t frag)
{
	uint8_t pdu[4096];
	size_t off = 0, n;
	int ret = 0;

	rpc_out_init(&out);
	do {
		n = len - off < frag ? len - off : frag;
		header(pdu, DCERPC_REQUEST, (off ? 0 : DCERPC_PFC_FIRST) |
		       (off + n == len ? DCERPC_PFC_LAST : 0),
		       (uint16_t)(24 + n), 7);
		put32(pdu + 16, (uint32_t)len);
		put16(pdu + 20, 0);
		put16(pdu + 22, opnum);
		memcpy(pdu + 24, body + off, n);
		ret = dcerpc_write(&conn, &env, u, pdu, 24 + n, &out);
		off += n;
	} while (!ret && off < len);
	return ret;
}

/* Request bodies, encoded with the library's own push (known-answer
 * tests below pin the push format).
 */
static size_t body_share_enum(uint8_t *buf, uint32_t level, uint32_t prefmax,
			      int resume, uint32_t resume_val)
{
	struct ndr_push b;
	size_t n;

	ndr_push_init(&b, 4096);
	ndr_push_ptr(&b, 1);
	ndr_push_wstr(&b, "\\\\TESTSRV");
	ndr_push_u32(&b, level);
	ndr_push_u32(&b, level);
	ndr_push_ptr(&b, 1);		/* container */
	ndr_push_u32(&b, 0);
	ndr_push_ptr(&b, 0);		/* no buffer */
	ndr_push_u32(&b, prefmax);
	ndr_push_ptr(&b, resume);
	if (resume)
		ndr_push_u32(&b, resume_val);
	n = b.len;
	memcpy(buf, b.data, n);
	ndr_push_free(&b);
	return n;
}

static size_t body_get_info(uint8_t *buf, const char *share, uint32_t level)
{
	struct ndr_push b;
	size_t n;

	ndr_push_init(&b, 4096);
	ndr_push_ptr(&b, 0);
	if (share)
		ndr_push_wstr(&b, share);
	ndr_push_u32(&b, level);
	n = b.len;
	memcpy(buf, b.data, n);
	ndr_push_free(&b);
	return n;
}

/* Decoded NetShareEnum level 0/1 reply. */
struct enum_reply {
	uint32_t level, count, total, resume, status;
	char names[16][64];
	uint32_t types[16];
	char comments[16][64];
};

static int decode_enum(struct enum_reply *r)
{
	struct ndr_pull b;
	uint32_t i, n, ptrs[16][2];

	memset(r, 0, sizeof(*r));
	ndr_pull_init(&b, stub, stub_len);
	r->level = ndr_pull_u32(&b);
	if (ndr_pull_u32(&b) != r->level)
		return -1;
	if (r->level != 0 && r->level != 1 && r->level != 2 &&
	    r->level != 501 && r->level != 502) {
		/* no union arm */
	} else if (ndr_pull_ptr(&b)) {
		r->count = ndr_pull_u32(&b);
		if (r->count > 16 || !ndr_pull_ptr(&b))
			return -1;
		n = ndr_pull_u32(&b);
		if (n != r->count)
			return -1;
		for (i = 0; i < n; i++) {
			ptrs[i][0] = ndr_pull_u32(&b);
			if (r->level == 1) {
				r->types[i] = ndr_pull_u32(&b);
				ptrs[i][1] = ndr_pull_u32(&b);
			}
		}
		for (i = 0; i < n; i++) {
			if (ptrs[i][0])
				ndr_pull_wstr(&b, r->names[i], 64);
			if (r->level == 1 && ptrs[i][1])
				ndr_pull_wstr(&b, r->comments[i], 64);
		}
	}
	r->total = ndr_pull_u32(&b);
	if (ndr_pull_ptr(&b))
		r->resume = ndr_pull_u32(&b);
	r->status = ndr_pull_u32(&b);
	return b.err || b.off != b.len ? -1 : 0;
}

/* ---- NDR ---- */

static void test_ndr(void)
{
	static const uint8_t expect[] = {
		1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 4, 0, 2, 0,
		2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 'A', 0, 0, 0,
		1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0,
	};
	static const enum ndr_kind f1[] = { NDR_WSTR, NDR_U32, NDR_WSTR };
	static const struct ndr_type t1 = { "SHARE_INFO_1", 3, f1 };
	union ndr_val v[3] = { { .str = "A" }, { .u32 = 0 }, { .str = "" } };
	struct ndr_push b;
	struct ndr_pull p;
	char s[64];

	ndr_push_init(&b, 1024);
	ndr_push_struct_array(&b, &t1, v, 1);
	report(!b.err && b.len == sizeof(expect) &&
	       !memcmp(b.data, expect, sizeof(expect)),
	       "ndr: SHARE_INFO_1 array matches hand-encoded bytes");
	ndr_push_free(&b);

	ndr_push_init(&b, 1024);
	ndr_push_u8(&b, 1);
	ndr_push_u32(&b, 0x11223344);
	ndr_push_wstr(&b, "h\xc3\xa9llo \xf0\x9f\x98\x80");
	ndr_pull_init(&p, b.data, b.len);
	ndr_pull_u8(&p);
	report(ndr_pull_u32(&p) == 0x11223344 && p.off == 8,
	       "ndr: u32 aligned to 4");
	ndr_pull_wstr(&p, s, sizeof(s));
	report(!p.err && !strcmp(s, "h\xc3\xa9llo \xf0\x9f\x98\x80"),
	       "ndr: string round trip with a surrogate pair");
	ndr_push_free(&b);

	ndr_push_init(&b, 8);
	ndr_push_u32(&b, 1);
	ndr_push_u32(&b, 2);
	ndr_push_u32(&b, 3);
	report(b.err == -ENOSPC, "ndr: push limit is ENOSPC");
	ndr_push_free(&b);

	{
		/* max 2, offset 1: refused; no NUL; actual > max; truncated */
		static const uint8_t bad[][20] = {
			{ 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 'a', 0, 0, 0 },
			{ 2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 'a', 0, 'b', 0 },
			{ 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 'a', 0, 0, 0 },
			{ 9, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 'a', 0, 0, 0 },
			{ 2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0xdc, 0, 0 },
		};
		int i, all = 1;

		for (i = 0; i < 5; i++) {
			ndr_pull_init(&p, bad[i], 16);
			ndr_pull_wstr(&p, s, sizeof(s));
			all &= p.err == -EINVAL;
		}
		report(all, "ndr: bad strings (offset, NUL, counts, length, lone surrogate) refused");
	}
	{
		/* impacket's ServerName: ten NULs; text after a NUL dropped */
		static const uint8_t nuls[] = {
			3, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		};
		static const uint8_t cut[] = {
			4, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0,
			'a', 0, 0, 0, 'b', 0, 0, 0,
		};
		int ok;

		ndr_pull_init(&p, nuls, sizeof(nuls));
		ndr_pull_wstr(&p, s, sizeof(s));
		ok = !p.err && !s[0];
		ndr_pull_init(&p, cut, sizeof(cut));
		ndr_pull_wstr(&p, s, sizeof(s));
		ok &= !p.err && !strcmp(s, "a");
		report(ok, "ndr: a string ends at its first NUL (NULs: empty)");
	}
	ndr_pull_init(&p, "\x01\x02", 2);
	ndr_pull_u32(&p);
	report(p.err == -EINVAL && ndr_pull_u16(&p) == 0,
	       "ndr: short input is a sticky error");
}

/* ---- DCE/RPC ---- */

static void test_bind(void)
{
	const struct rpc_syntax *abs[] = { &srvsvc_iface.syntax,
					   &srvsvc_iface.syntax,
					   &wkssvc_iface.syntax, &btfn };
	const struct rpc_syntax *ts[] = { &ndr32, &ndr64, &ndr32, &ndr32 };
	const uint8_t *m;
	uint8_t pdu[512];
	size_t n, len;
	int ok;

	report(!bind_srvsvc(1500) && msg_count(&out) == 1,
	       "dce: bind answered once");
	m = msg_at(&out, 0, &len);
	ok = m && m[2] == DCERPC_BIND_ACK && get16(m + 8) == len &&
	     get16(m + 16) == 1500 && get16(m + 24) == 13 &&
	     !memcmp(m + 26, "\\PIPE\\srvsvc", 13) && m[40] == 1 &&
	     get16(m + 44) == 0;
	report(ok, "dce: bind_ack accepts srvsvc/NDR with the pipe's address");

	dcerpc_free(&conn);
	dcerpc_init(&conn, &srvsvc_iface, "srvsvc");
	n = make_bind(pdu, DCERPC_BIND, 4280, abs, ts, 4);
	write_pdu(&alice, pdu, n);
	m = msg_at(&out, 0, &len);
	ok = m && m[2] == DCERPC_BIND_ACK && m[40] == 4 &&
	     get16(m + 44) == 0 &&			/* srvsvc + NDR */
	     get16(m + 68) == 2 && get16(m + 70) == 2 && /* NDR64 only */
	     get16(m + 92) == 2 && get16(m + 94) == 1 && /* other iface */
	     get16(m + 116) == 3;			/* BTFN ack */
	report(ok, "dce: contexts judged one by one (accept, transfer, abstract, negotiate_ack)");

	write_pdu(&alice, pdu, n);
	m = msg_at(&out, 0, &len);
	report(m && m[2] == DCERPC_BIND_NAK, "dce: second bind is bind_nak");

	n = make_bind(pdu, DCERPC_ALTER, 4280, abs + 2, ts + 2, 1);
	write_pdu(&alice, pdu, n);
	m = msg_at(&out, 0, &len);
	report(m && m[2] == DCERPC_ALTER_RESP && get16(m + 24) == 0 &&
	       get16(m + 32) == 2, "dce: alter_context answered, wrong iface rejected");

	dcerpc_free(&conn);
	dcerpc_init(&conn, &srvsvc_iface, "srvsvc");
	n = make_bind(pdu, DCERPC_BIND, 4280, abs, ts, 1);
	put16(pdu + 10, 8);		/* auth_length */
	memset(pdu + n, 0, 16);
	put16(pdu + 8, (uint16_t)(n + 16));
	write_pdu(&alice, pdu, n + 16);
	m = msg_at(&out, 0, &len);
	report(m && m[2] == DCERPC_BIND_NAK && get16(m + 16) == 8,
	       "dce: bind with authentication refused");

	call(&alice, 15, (const uint8_t *)"", 0, 64);
	report(fault_status() == DCERPC_FAULT_UNK_IF,
	       "dce: request before bind is a fault (unknown interface)");

	header(pdu, DCERPC_BIND, 3, 12, 9);
	write_pdu(&alice, pdu, 16);
	m = msg_at(&out, 0, &len);
	report(m && m[2] == DCERPC_FAULT && get32(m + 24) == DCERPC_FAULT_PROTO_ERROR,
	       "dce: frag_length below the header is a protocol error");
	dcerpc_free(&conn);
}

static void test_srvsvc_enum(void)
{
	struct enum_reply r;
	uint8_t body[512], pdu[1024];
	uint32_t first;
	size_t n, i;
	int ok;

	bind_srvsvc(4280);
	n = body_share_enum(body, 1, 0xffffffff, 1, 0);
	report(!call(&alice, 15, body, n, 4096) && !response_stub() &&
	       !decode_enum(&r), "srvsvc: NetShareEnumAll level 1 decodes");
	ok = r.status == 0 && r.count == 5 && r.total == 5 &&
	     !strcmp(r.names[0], "data") && !strcmp(r.comments[0], "Data files") &&
	     r.types[0] == 0 && !strcmp(r.names[1], "pub") &&
	     !strcmp(r.names[2], "averyverylongname") &&
	     !strcmp(r.names[3], "dollar$") && !strcmp(r.names[4], "IPC$") &&
	     r.types[4] == 0x80000003u;
	report(ok, "srvsvc: shares in config order, not browseable hidden, IPC$ last as STYPE_IPC|SPECIAL");

	n = body_share_enum(body, 1, 0xffffffff, 1, 0);
	call(&alice, 36, body, n, 4096);
	report(!response_stub() && !decode_enum(&r) && r.count == 3 &&
	       !strcmp(r.names[2], "averyverylongname"),
	       "srvsvc: NetShareEnum (sticky) leaves out the $ shares");

	n = body_share_enum(body, 1, 0xffffffff, 1, 0);
	call(&guest, 15, body, n, 4096);
	report(!response_stub() && !decode_enum(&r) && r.count == 2 &&
	       !strcmp(r.names[0], "pub") && !strcmp(r.names[1], "IPC$"),
	       "srvsvc: a guest sees only guest-ok shares");

	n = body_share_enum(body, 0, 0xffffffff, 0, 0);
	call(&alice, 15, body, n, 7);		/* request in 7-byte fragments */
	report(!response_stub() && !decode_enum(&r) && r.count == 5 &&
	       !strcmp(r.names[4], "IPC$") && !r.status,
	       "srvsvc: level 0 from a request in fragments");

	n = body_share_enum(body, 1, 60, 1, 0);
	call(&alice, 15, body, n, 4096);
	ok = !response_stub() && !decode_enum(&r) && r.status == WERR_MORE_DATA &&
	     r.count >= 1 && r.count < 5 && r.resume == r.count;
	first = r.resume;
	n = body_share_enum(body, 1, 0xffffffff, 1, first);
	call(&alice, 15, body, n, 4096);
	ok &= !response_stub() && !decode_enum(&r) && !r.status &&
	      r.count + first == 5 && !r.resume &&
	      !strcmp(r.names[r.count - 1], "IPC$");
	report(ok, "srvsvc: PreferedMaximumLength and the resume handle page the list");

	n = body_share_enum(body, 2, 0xffffffff, 0, 0);
	call(&alice, 15, body, n, 4096);
	report(!response_stub() && !decode_enum(&r) &&
	       r.status == WERR_ACCESS_DENIED, "srvsvc: level 2 is for uid 0 only");
	call(&rooty, 15, body, n, 4096);
	report(!response_stub() && stub_len > 100 &&
	       get32(stub + stub_len - 4) == 0, "srvsvc: level 2 for uid 0");

	n = body_share_enum(body, 7, 0xffffffff, 0, 0);
	call(&alice, 15, body, n, 4096);
	report(!response_stub() && !decode_enum(&r) &&
	       r.status == WERR_INVALID_LEVEL, "srvsvc: unknown level");

	n = body_share_enum(body, 501, 0xffffffff, 0, 0);
	call(&alice, 15, body, n, 4096);
	ok = !response_stub() && stub_len > 100 &&
	     get32(stub + stub_len - 4) == 0;
	call(&guest, 15, body, n, 4096);
	ok &= !response_stub() && !decode_enum(&r) &&
	      r.status == WERR_ACCESS_DENIED;
	report(ok, "srvsvc: NetShareEnumAll level 501, not for guests");
	call(&alice, 36, body, n, 4096);
	/* level, switch, NULL arm, TotalEntries, no resume, status */
	report(!response_stub() && stub_len == 24 && !get32(stub + 8) &&
	       get32(stub + 20) == WERR_INVALID_LEVEL,
	       "srvsvc: NetShareEnum (sticky) has no level 501");

	/* Many shares, small fragments: the reply spans fragments. */
	bind_srvsvc(1432);
	n = body_share_enum(body, 1, 0xffffffff, 0, 0);
	for (i = 0; i < 1; i++)
		call(&rooty, 15, body, n, 4096);
	{
		static char big[40000];
		struct kcifsd_conf c2;
		struct rpc_env e2 = { &c2, &db };
		size_t off = 0;
		int k;

		for (k = 0; k < 60; k++)
			off += (size_t)snprintf(big + off, sizeof(big) - off,
				"[share%02d]\npath = /srv/s%d\ncomment = %s\n", k, k,
				"a comment long enough to need many fragments");
		if (conf_parse_text("big.conf", big, &c2) == 0) {
			rpc_out_init(&out);
			header(pdu, DCERPC_REQUEST, 3, (uint16_t)(24 + n), 8);
			put32(pdu + 16, 0);
			put16(pdu + 20, 0);
			put16(pdu + 22, 15);
			memcpy(pdu + 24, body, n);
			dcerpc_write(&conn, &e2, &alice, pdu, 24 + n, &out);
			report(!response_stub() && n_frags > 2 &&
			       get32(stub + stub_len - 4) == 0,
			       "srvsvc: long reply in fragments of max_recv_frag");
			conf_free(&c2);
		} else {
			report(0, "srvsvc: big config parses");
		}
	}
	dcerpc_free(&conn);
}

static void test_srvsvc_info(void)
{
	struct ndr_pull p;
	uint8_t body[512];
	char s[256];
	size_t n;
	int ok;

	bind_srvsvc(4280);
	n = body_get_info(body, "DATA", 1);
	call(&alice, 16, body, n, 4096);
	{
		char c[64] = "";
		int ok = !response_stub();

		s[0] = '\0';
		ndr_pull_init(&p, stub, stub_len);
		ok &= ndr_pull_u32(&p) == 1 && ndr_pull_ptr(&p) &&
		      ndr_pull_ptr(&p) && ndr_pull_u32(&p) == 0 &&
		      ndr_pull_ptr(&p);
		ndr_pull_wstr(&p, s, sizeof(s));
		ndr_pull_wstr(&p, c, sizeof(c));
		ok &= !strcmp(s, "data") && !strcmp(c, "Data files") &&
		      ndr_pull_u32(&p) == 0 && p.off == p.len && !p.err;
		report(ok, "srvsvc: NetShareGetInfo level 1");
	}

	n = body_get_info(body, "hidden", 501);
	call(&alice, 16, body, n, 4096);
	report(!response_stub() && get32(stub + stub_len - 4) == 0,
	       "srvsvc: GetInfo finds a share that is not browseable");
	n = body_get_info(body, "nosuch", 1);
	call(&alice, 16, body, n, 4096);
	report(!response_stub() && stub_len == 12 &&
	       get32(stub + 8) == WERR_NET_NAME_NOT_FOUND,
	       "srvsvc: GetInfo of an unknown share is NERR_NetNameNotFound");
	n = body_get_info(body, "data", 502);
	call(&alice, 16, body, n, 4096);
	report(!response_stub() && get32(stub + stub_len - 4) == WERR_ACCESS_DENIED,
	       "srvsvc: GetInfo 502 needs uid 0");
	n = body_get_info(body, "data", 1005);
	call(&alice, 16, body, n, 4096);
	report(!response_stub() && stub_len == 16 && get32(stub) == 1005,
	       "srvsvc: GetInfo 1005");
	n = body_get_info(body, "data", 1);
	call(&guest, 16, body, n, 4096);
	report(!response_stub() && get32(stub + stub_len - 4) ==
	       WERR_NET_NAME_NOT_FOUND, "srvsvc: a guest cannot GetInfo a share it cannot use");

	n = body_get_info(body, NULL, 101);
	call(&alice, 21, body, n, 4096);
	if (!response_stub()) {
		ndr_pull_init(&p, stub, stub_len);
		ndr_pull_u32(&p);
		ndr_pull_ptr(&p);
		report(ndr_pull_u32(&p) == 500 && ndr_pull_ptr(&p) &&
		       ndr_pull_u32(&p) == RPC_VERSION_MAJOR, "srvsvc: NetSrvGetInfo 101");
		ndr_pull_u32(&p);
		ndr_pull_u32(&p);
		ndr_pull_ptr(&p);
		ndr_pull_wstr(&p, s, sizeof(s));
		report(!strcmp(s, "TESTSRV") &&
		       !strcmp((ndr_pull_wstr(&p, s, sizeof(s)), s), "test server") &&
		       ndr_pull_u32(&p) == 0 && p.off == p.len && !p.err,
		       "srvsvc: NetSrvGetInfo names the server");
	} else {
		report(0, "srvsvc: NetSrvGetInfo 101");
	}
	n = body_get_info(body, NULL, 102);
	call(&alice, 21, body, n, 4096);
	report(!response_stub() && stub_len == 12 && !get32(stub + 4) &&
	       get32(stub + 8) == WERR_INVALID_LEVEL,
	       "srvsvc: NetSrvGetInfo 102 unsupported (its NULL arm)");
	n = body_get_info(body, NULL, 7);
	call(&alice, 21, body, n, 4096);
	report(!response_stub() && stub_len == 8 &&
	       get32(stub + 4) == WERR_INVALID_LEVEL,
	       "srvsvc: NetSrvGetInfo of a level the IDL lacks: no arm");
	n = body_get_info(body, "C:\\srv\\data", 0);
	call(&alice, 20, body, n - 4, 4096);
	ok = !response_stub() && stub_len == 8 && !get32(stub) &&
	     get32(stub + 4) == 0;
	n = body_get_info(body, "c:\\SRV\\Data", 0);
	call(&alice, 20, body, n - 4, 4096);
	ok &= !response_stub() && stub_len == 8 && get32(stub + 4) == 0;
	n = body_get_info(body, "C:\\srv\\nothing", 0);
	call(&alice, 20, body, n - 4, 4096);
	ok &= !response_stub() && stub_len == 8 && get32(stub + 4) == 2311;
	{
		/* as impacket and Samba send it: with a server name */
		static const char hex[] =
			"ac7300000c000000000000000c0000005c005c003100320037002e"
			"0030002e0030002e00310000000c000000000000000c0000004300"
			"3a005c007300720076005c0064006100740061000000";
		size_t k;

		for (k = 0; k < sizeof(hex) / 2; k++)
			sscanf(hex + 2 * k, "%2hhx", &body[k]);
		call(&alice, 20, body, k, 4096);
		ok &= !response_stub() && stub_len == 8 && get32(stub + 4) == 0;
	}
	report(ok, "srvsvc: NetShareCheck knows the shared paths");
	call(&alice, 28, (const uint8_t *)"\0\0\0\0", 4, 4096);
	report(!response_stub() && stub_len == 56, "srvsvc: NetRemoteTOD");
	call(&alice, 99, body, n, 4096);
	report(fault_status() == DCERPC_FAULT_OP_RNG_ERROR,
	       "srvsvc: unknown opnum is nca_s_op_rng_error");
	call(&alice, 16, body, 3, 4096);
	report(fault_status() == DCERPC_FAULT_NDR, "srvsvc: truncated stub is a fault");
	dcerpc_free(&conn);
}

static void test_wkssvc(void)
{
	const struct rpc_syntax *abs[] = { &wkssvc_iface.syntax };
	const struct rpc_syntax *ts[] = { &ndr32 };
	struct ndr_pull p;
	uint8_t pdu[256], body[64];
	char s[64], g[64];
	size_t n;

	dcerpc_init(&conn, &wkssvc_iface, "wkssvc");
	n = make_bind(pdu, DCERPC_BIND, 4280, abs, ts, 1);
	write_pdu(&alice, pdu, n);
	n = body_get_info(body, NULL, 100);
	call(&guest, 0, body, n, 4096);
	s[0] = g[0] = '\0';
	if (!response_stub()) {
		ndr_pull_init(&p, stub, stub_len);
		ndr_pull_u32(&p);
		ndr_pull_ptr(&p);
		ndr_pull_u32(&p);
		ndr_pull_ptr(&p);
		ndr_pull_ptr(&p);
		ndr_pull_u32(&p);
		ndr_pull_u32(&p);
		ndr_pull_wstr(&p, s, sizeof(s));
		ndr_pull_wstr(&p, g, sizeof(g));
	}
	report(!strcmp(s, "TESTSRV") && !strcmp(g, "TESTGRP") &&
	       ndr_pull_u32(&p) == 0 && p.off == p.len,
	       "wkssvc: NetWkstaGetInfo 100 (also for guests)");
	n = body_get_info(body, NULL, 101);
	call(&guest, 0, body, n, 4096);
	report(!response_stub() && get32(stub + stub_len - 4) == WERR_ACCESS_DENIED,
	       "wkssvc: level 101 not for guests");
	n = body_get_info(body, NULL, 102);
	call(&alice, 0, body, n, 4096);
	report(!response_stub() && stub_len == 12 && get32(stub) == 102 &&
	       get32(stub + 4) == 0 && get32(stub + 8) == WERR_INVALID_LEVEL,
	       "wkssvc: level 102: its NULL arm and ERROR_INVALID_LEVEL");
	n = body_get_info(body, NULL, 7);
	call(&alice, 0, body, n, 4096);
	report(!response_stub() && stub_len == 8 &&
	       get32(stub + 4) == WERR_INVALID_LEVEL,
	       "wkssvc: an unknown level has no arm");
	dcerpc_free(&conn);
}

/* ---- RAP ---- */

static int rap(const struct rpc_user *u, const void *param, size_t len,
	       uint32_t max_data, const uint8_t **rp, size_t *rplen,
	       const uint8_t **rd, size_t *rdlen)
{
	rpc_out_init(&out);
	if (rap_call(&env, u, param, len, NULL, 0, 8, max_data, &out) ||
	    msg_count(&out) != 2)
		return -1;
	*rp = msg_at(&out, 0, rplen);
	*rd = msg_at(&out, 1, rdlen);
	return 0;
}

static void test_rap(void)
{
	static const uint8_t enum1[] = "\0\0WrLeh\0B13BWz\0\x01\0\xff\xff";
	static const uint8_t enum1_small[] = "\0\0WrLeh\0B13BWz\0\x01\0\x30\0";
	static const uint8_t srv1[] = "\x0d\0WrLh\0B16BBDz\0\x01\0\xff\xff";
	static const uint8_t wks10[] = "\x3f\0WrLh\0zzzBBzz\0\x0a\0\xff\xff";
	static const uint8_t unknown[] = "\x07\x07WrLh\0B16\0\x01\0\xff\xff";
	static const uint8_t sess2[] = "\x06\0WrLeh\0zzWWWDDDz\0\x02\0\xff\xff";
	static const uint8_t srvenum[] =
		"\x68\0WrLehDz\0B16BBDz\0\x01\0\xff\xff\xff\xff\xff\xffWG\0";
	static const uint8_t srvenum_o[] =
		"\x68\0WrLehDO\0B16\0\0\0\xff\xff\x03\0\0\0";
	static const uint8_t srvenum_5[] =
		"\x68\0WrLehDO\0B16\0\x05\0\xff\xff\x03\0\0\0";
	const uint8_t *rp, *rd;
	size_t rplen, rdlen;
	uint32_t ptr;
	int ok;

	ok = !rap(&alice, enum1, sizeof(enum1) - 1, 0xffff, &rp, &rplen, &rd,
		  &rdlen) && rplen == 8 && get16(rp) == 0 && get16(rp + 4) == 4 &&
	     get16(rp + 6) == 4 && rdlen > 80;
	report(ok, "rap: NetShareEnum level 1 (names over 12 characters left out)");
	if (ok) {
		ptr = get32(rd + 16);
		ok = !memcmp(rd, "data\0\0\0\0\0\0\0\0\0", 13) &&
		     get16(rd + 14) == 0 && ptr < rdlen &&
		     !strcmp((const char *)rd + ptr, "Data files") &&
		     !memcmp(rd + 60, "IPC$", 5) && get16(rd + 74) == 3;
	}
	report(ok, "rap: share_info_1 records, remark pointers, IPC$ as type 3");
	ok = !rap(&alice, enum1_small, sizeof(enum1_small) - 1, 0xffff, &rp,
		  &rplen, &rd, &rdlen) && get16(rp) == WERR_MORE_DATA &&
	     get16(rp + 4) >= 1 && get16(rp + 4) < 4 && rdlen <= 0x30;
	report(ok, "rap: NetShareEnum into a small buffer is ERROR_MORE_DATA");
	ok = !rap(&guest, enum1, sizeof(enum1) - 1, 0xffff, &rp, &rplen, &rd,
		  &rdlen) && get16(rp + 4) == 2;
	report(ok, "rap: a guest sees only guest-ok shares");
	ok = !rap(&alice, srv1, sizeof(srv1) - 1, 0xffff, &rp, &rplen, &rd,
		  &rdlen) && rplen == 6 && !get16(rp) && rdlen == 26 + 12 &&
	     !strcmp((const char *)rd, "TESTSRV") && get32(rd + 22) < rdlen &&
	     !strcmp((const char *)rd + get32(rd + 22), "test server");
	report(ok, "rap: NetServerGetInfo level 1");
	ok = !rap(&alice, wks10, sizeof(wks10) - 1, 0xffff, &rp, &rplen, &rd,
		  &rdlen) && !get16(rp) && rdlen > 22 &&
	     !strcmp((const char *)rd + get32(rd), "TESTSRV") &&
	     !strcmp((const char *)rd + get32(rd + 4), "alice") &&
	     !strcmp((const char *)rd + get32(rd + 8), "TESTGRP");
	report(ok, "rap: NetWkstaGetInfo level 10");
	ok = !rap(&alice, unknown, sizeof(unknown) - 1, 0xffff, &rp, &rplen, &rd,
		  &rdlen) && rplen == 4 && get16(rp) == WERR_NOT_SUPPORTED &&
	     !rdlen;
	report(ok, "rap: unknown opcode is ERROR_NOT_SUPPORTED");
	ok = !rap(&alice, sess2, sizeof(sess2) - 1, 0xffff, &rp, &rplen, &rd,
		  &rdlen) && rplen == 8 && get16(rp) == WERR_NOT_SUPPORTED &&
	     !get16(rp + 4) && !get16(rp + 6) && !rdlen;
	report(ok, "rap: NetSessionEnum is ERROR_NOT_SUPPORTED with 0 entries");
	ok = !rap(&alice, srvenum, sizeof(srvenum) - 1, 0xffff, &rp, &rplen,
		  &rd, &rdlen) && rplen == 8 && !get16(rp) && !get16(rp + 4) &&
	     !rap(&alice, srvenum_o, sizeof(srvenum_o) - 1, 0xffff, &rp,
		  &rplen, &rd, &rdlen) && rplen == 8 && !get16(rp) &&
	     !rap(&alice, srvenum_5, sizeof(srvenum_5) - 1, 0xffff, &rp,
		  &rplen, &rd, &rdlen) && rplen == 8 &&
	     get16(rp) == WERR_INVALID_LEVEL && !get16(rp + 4);
	report(ok, "rap: NetServerEnum2 with and without a domain: an empty list");
	ok = !rap(&alice, "\0\0WrLeh", 7, 0xffff, &rp, &rplen, &rd, &rdlen) &&
	     get16(rp) == WERR_INVALID_PARAMETER;
	report(ok, "rap: unterminated descriptor is ERROR_INVALID_PARAMETER");
	ok = !rap(&alice, "\0\0WrLeh\0B13\0\x05\0\xff\xff", 16, 0xffff, &rp, &rplen,
		  &rd, &rdlen) && get16(rp) == WERR_INVALID_LEVEL;
	report(ok, "rap: NetShareEnum level 5 is ERROR_INVALID_LEVEL");
}

/* ---- pipes ---- */

static void test_pipes(void)
{
	const struct rpc_syntax *abs[] = { &srvsvc_iface.syntax };
	const struct rpc_syntax *ts[] = { &ndr32 };
	uint8_t pdu[256];
	size_t n, i;
	int ok;

	report(rpc_pipe_kind("\\PIPE\\SRVSVC") == RPC_PIPE_SRVSVC &&
	       rpc_pipe_kind("\\wkssvc") == RPC_PIPE_WKSSVC &&
	       rpc_pipe_kind("lanman") == RPC_PIPE_LANMAN &&
	       rpc_pipe_kind("samr") == -ENOENT, "pipe: names with and without \\PIPE\\");
	report(rpc_pipe_open(5, "eventlog", &alice) == -ENOENT,
	       "pipe: unknown pipe is ENOENT");
	ok = !rpc_pipe_open(5, "srvsvc", &alice);
	n = make_bind(pdu, DCERPC_BIND, 4280, abs, ts, 1);
	rpc_out_init(&out);
	/* One byte at a time: the PDU is gathered across writes. */
	for (i = 0; i < n && ok; i++)
		ok = !rpc_pipe_write(5, &env, pdu + i, 1, &out);
	report(ok && msg_count(&out) == 1, "pipe: a PDU written byte by byte");
	report(rpc_pipe_write(6, &env, pdu, n, &out) == -ENOENT &&
	       !rpc_pipe_close(5) && rpc_pipe_close(5) == -ENOENT,
	       "pipe: unknown ids are ENOENT, close forgets");
	for (i = 0; i < RPC_MAX_PIPES + 10; i++)
		rpc_pipe_open((uint32_t)i, "srvsvc", &alice);
	report(rpc_pipe_count() == RPC_MAX_PIPES &&
	       rpc_pipe_write(0, &env, pdu, 0, &out) == -ENOENT &&
	       !rpc_pipe_write(RPC_MAX_PIPES + 9, &env, pdu, 0, &out),
	       "pipe: the table is capped, the oldest is forgotten");
	rpc_pipe_close_all();
}

/* ---- fuzz ---- */

static uint32_t seed = 12345;

static uint32_t rnd(void)
{
	seed = seed * 1103515245 + 12345;
	return seed >> 8;
}

static void mutate(uint8_t *p, size_t len)
{
	int k, n = 1 + (int)(rnd() % 4);

	for (k = 0; k < n && len; k++) {
		switch (rnd() % 3) {
		case 0:
			p[rnd() % len] ^= (uint8_t)(1 << (rnd() % 8));
			break;
		case 1:
			p[rnd() % len] = (uint8_t)rnd();
			break;
		default:
			p[rnd() % len] = (uint8_t)(rnd() % 2 ? 0xff : 0);
			break;
		}
	}
}

static int check_out(void)
{
	const uint8_t *m;
	size_t len;
	int i;

	if (out.len > sizeof(out.buf))
		return 0;
	for (i = 0; (m = msg_at(&out, i, &len)); i++)
		if (len < 16 || get16(m + 8) != len || m[0] != 5)
			return 0;
	return 1;
}

static void test_fuzz(void)
{
	const struct rpc_syntax *abs[] = { &srvsvc_iface.syntax, &btfn };
	const struct rpc_syntax *ts[] = { &ndr32, &ndr32 };
	const char *env_iters = getenv("RPC_FUZZ_ITERS");
	long iters = env_iters ? atol(env_iters) : 20000, it;
	uint8_t seedpdu[3][1024], pdu[1024], body[512], rapbuf[64];
	size_t seedlen[3], n, off, chunk;
	const uint8_t *rp, *rd;
	size_t rplen, rdlen;
	int ok = 1, s;

	seedlen[0] = make_bind(seedpdu[0], DCERPC_BIND, 4280, abs, ts, 2);
	n = body_share_enum(body, 1, 0xffffffff, 1, 0);
	header(seedpdu[1], DCERPC_REQUEST, 3, (uint16_t)(24 + n), 3);
	put32(seedpdu[1] + 16, 0);
	put16(seedpdu[1] + 20, 0);
	put16(seedpdu[1] + 22, 15);
	memcpy(seedpdu[1] + 24, body, n);
	seedlen[1] = 24 + n;
	n = body_get_info(body, "data", 2);
	header(seedpdu[2], DCERPC_REQUEST, 1, (uint16_t)(24 + n), 3);
	memset(seedpdu[2] + 16, 0, 8);
	put16(seedpdu[2] + 22, 16);
	memcpy(seedpdu[2] + 24, body, n);
	seedlen[2] = 24 + n;

	for (it = 0; it < iters && ok; it++) {
		if (it % 50 == 0) {
			dcerpc_free(&conn);
			dcerpc_init(&conn, &srvsvc_iface, "srvsvc");
			if (rnd() % 2)
				write_pdu(&alice, seedpdu[0], seedlen[0]);
		}
		s = (int)(rnd() % 4);
		if (s < 3) {
			memcpy(pdu, seedpdu[s], seedlen[s]);
			n = seedlen[s];
			if (rnd() % 8 == 0)	/* also frag_length and friends */
				n = 16 + rnd() % (n - 15);
			mutate(pdu, n);
		} else {
			n = rnd() % 200;
			for (off = 0; off < n; off++)
				pdu[off] = (uint8_t)rnd();
			if (n >= 10 && rnd() % 2) {
				pdu[0] = 5;
				pdu[4] = 0x10;
				put16(pdu + 8, (uint16_t)(16 + rnd() % 300));
			}
		}
		/* Feed it in random pieces. */
		rpc_out_init(&out);
		for (off = 0; off < n; off += chunk) {
			chunk = 1 + rnd() % (n - off);
			if (dcerpc_write(&conn, &env, it % 3 ? &alice : &guest,
					 pdu + off, chunk, &out) == -ENOMEM)
				ok = 0;
		}
		ok &= check_out();

		/* RAP: mutated real requests and random bytes. */
		n = rnd() % 2 ? 16 : 1 + rnd() % sizeof(rapbuf);
		if (n == 16) {
			memcpy(rapbuf, "\0\0WrLeh\0B13BWz\0\x01\0", 16);
			mutate(rapbuf, 16);
		} else {
			for (off = 0; off < n; off++)
				rapbuf[off] = (uint8_t)rnd();
		}
		rpc_out_init(&out);
		if (rap_call(&env, &alice, rapbuf, n, NULL, 0, rnd() % 12,
			     rnd() % 0x20000, &out) ||
		    !(rp = msg_at(&out, 0, &rplen)) ||
		    !(rd = msg_at(&out, 1, &rdlen)) || rplen > 8)
			ok = 0;
	}
	dcerpc_free(&conn);
	report(ok, "fuzz: mutated and random PDUs and RAP requests answered sanely");
}

int main(int argc, char **argv)
{
	static const struct userdb_entry users[] = {
		{ .name = "alice", .uid = 2000, .gid = 2000 },
		{ .name = "rooty", .uid = 0, .gid = 0 },
	};
	size_t i;

	if (argc > 1) {
		results = fopen(argv[1], "w");
		if (!results) {
			perror(argv[1]);
			return 1;
		}
	}
	log_set_stream(fopen("/dev/null", "w"));
	if (conf_parse_text("rpc.conf", conf_text, &conf)) {
		report(0, "test config parses");
		return 1;
	}
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		userdb_add(&db, &users[i]);
	if (!getpwnam("nobody"))
		printf("note: no local account \"nobody\": guest cases may fail\n");
	test_ndr();
	test_bind();
	test_srvsvc_enum();
	test_srvsvc_info();
	test_wkssvc();
	test_rap();
	test_pipes();
	test_fuzz();
	conf_free(&conf);
	userdb_free(&db);
	if (results)
		fclose(results);
	return failures ? 1 : 0;
}
