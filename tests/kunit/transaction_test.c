// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/transaction.c: the transaction fields of primary and
 * secondary requests checked against the message (MS-CIFS 2.2.4.46.1,
 * 2.2.4.47.1, 2.2.4.62.1), reassembly from fragments in any order with
 * hostile displacements and totals (3.3.5.2.5), the per-connection caps,
 * the interim response, and final responses split to fit
 * ClientMaxBufferSize with the right displacements.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/transaction.h"
#include "tests/kunit/smb_test_util.h"

#define NT	SMB_FLAGS2_NT_STATUS

/* What the stand-in subcommand saw, and how it answers. */
static struct {
	unsigned int calls;
	u8 command;
	u16 setup0;
	u16 function;
	u32 param_count;
	u32 data_count;
	u8 param[256];
	u8 data[512];
	u32 status;
} seen;

/* Echoes the request's parameters and data back. */
static u32 echo_run(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	u8 *p, *d;

	seen.calls++;
	seen.command = t->command;
	seen.setup0 = kcifsd_trans_setup(t, 0);
	seen.function = t->function;
	seen.param_count = t->param_count;
	seen.data_count = t->data_count;
	memcpy(seen.param, t->param, min_t(u32, t->param_count,
					   sizeof(seen.param)));
	memcpy(seen.data, t->data, min_t(u32, t->data_count,
					 sizeof(seen.data)));
	if (seen.status)
		return seen.status;
	p = kcifsd_trans_rsp_param(t, t->param_count);
	d = kcifsd_trans_rsp_data(t, t->data_count);
	if (!p || !d)
		return STATUS_BUFFER_OVERFLOW;
	memcpy(p, t->param, t->param_count);
	memcpy(d, t->data, t->data_count);
	return STATUS_SUCCESS;
}

static u32 fake_trans2(struct kcifsd_smb_req *req)
{
	return kcifsd_trans_primary(req, echo_run);
}

static const struct kcifsd_smb_cmd fake_cmds[256] = {
	[SMB_COM_NEGOTIATE] = { "NEGOTIATE", kcifsd_smb_negotiate, 0 },
	[SMB_COM_TRANSACTION2] = { "TRANSACTION2", fake_trans2, 0 },
	[SMB_COM_TRANSACTION2_SECONDARY] = { "TRANSACTION2_SECONDARY",
					     kcifsd_smb_trans_secondary, 0 },
	[SMB_COM_NT_TRANSACT] = { "NT_TRANSACT", fake_trans2, 0 },
	[SMB_COM_NT_TRANSACT_SECONDARY] = { "NT_TRANSACT_SECONDARY",
					    kcifsd_smb_trans_secondary, 0 },
};

static int trans_init(struct kunit *test)
{
	kcifsd_smb_test_cmds = fake_cmds;
	memset(&seen, 0, sizeof(seen));
	return 0;
}

static void trans_exit(struct kunit *test)
{
	kcifsd_smb_test_cmds = NULL;
}

/* Where the Bytes of a block with @wc words start, after the header. */
static unsigned int bytes_at(u8 wc)
{
	return 32 + 1 + 2 * wc + 2;
}

/*
 * A TRANS2 primary with one setup word: totals, the parameter and data
 * fragments it carries (at 4-aligned offsets after a 1-byte Name), and
 * MaxParameterCount / MaxDataCount.
 */
static void t2_primary(struct kcifsd_test_smb *t, u16 mid, u16 tp, u16 td,
		       const u8 *param, u16 pc, const u8 *data, u16 dc,
		       u16 max_data)
{
	unsigned int base = bytes_at(15), poff, doff;
	u8 words[30] = {}, bytes[600] = {};

	poff = ALIGN(base + 1, 4);
	doff = ALIGN(poff + pc, 4);
	put_unaligned_le16(tp, words + 0);
	put_unaligned_le16(td, words + 2);
	put_unaligned_le16(64, words + 4);
	put_unaligned_le16(max_data, words + 6);
	put_unaligned_le16(pc, words + 18);
	put_unaligned_le16(pc ? poff : 0, words + 20);
	put_unaligned_le16(dc, words + 22);
	put_unaligned_le16(dc ? doff : 0, words + 24);
	words[26] = 1;
	put_unaligned_le16(0x0005, words + 28);	/* QUERY_PATH_INFORMATION */
	memcpy(bytes + poff - base, param, pc);
	memcpy(bytes + doff - base, data, dc);
	kcifsd_test_msg_hdr(t, SMB_COM_TRANSACTION2, NT);
	put_unaligned_le16(mid, &((struct smb1_hdr *)t->msg)->mid);
	kcifsd_test_msg_block(t, 15, words, doff + dc - base, bytes);
}

/* A TRANS2 secondary carrying one parameter or data fragment. */
static void t2_secondary(struct kcifsd_test_smb *t, u16 mid, u16 tp, u16 td,
			 u16 pdisp, const u8 *param, u16 pc,
			 u16 ddisp, const u8 *data, u16 dc)
{
	unsigned int base = bytes_at(9), poff = ALIGN(base, 4), doff;
	u8 words[18] = {}, bytes[600] = {};

	doff = ALIGN(poff + pc, 4);
	put_unaligned_le16(tp, words + 0);
	put_unaligned_le16(td, words + 2);
	put_unaligned_le16(pc, words + 4);
	put_unaligned_le16(poff, words + 6);
	put_unaligned_le16(pdisp, words + 8);
	put_unaligned_le16(dc, words + 10);
	put_unaligned_le16(doff, words + 12);
	put_unaligned_le16(ddisp, words + 14);
	put_unaligned_le16(0xFFFF, words + 16);
	memcpy(bytes + poff - base, param, pc);
	memcpy(bytes + doff - base, data, dc);
	kcifsd_test_msg_hdr(t, SMB_COM_TRANSACTION2_SECONDARY, NT);
	put_unaligned_le16(mid, &((struct smb1_hdr *)t->msg)->mid);
	kcifsd_test_msg_block(t, 9, words, doff + dc - base, bytes);
}

/*
 * An NT_TRANSACT primary without setup words: 32-bit totals, the
 * fragments it carries (4-aligned), MaxDataCount, Function.
 */
static void nt_primary(struct kcifsd_test_smb *t, u16 mid, u32 tp, u32 td,
		       const u8 *param, u32 pc, const u8 *data, u32 dc,
		       u32 max_data, u16 function)
{
	unsigned int base = bytes_at(19), poff, doff;
	u8 words[38] = {}, bytes[600] = {};

	poff = ALIGN(base, 4);
	doff = ALIGN(poff + pc, 4);
	put_unaligned_le32(tp, words + 3);
	put_unaligned_le32(td, words + 7);
	put_unaligned_le32(64, words + 11);
	put_unaligned_le32(max_data, words + 15);
	put_unaligned_le32(pc, words + 19);
	put_unaligned_le32(pc ? poff : 0, words + 23);
	put_unaligned_le32(dc, words + 27);
	put_unaligned_le32(dc ? doff : 0, words + 31);
	put_unaligned_le16(function, words + 36);
	memcpy(bytes + poff - base, param, pc);
	memcpy(bytes + doff - base, data, dc);
	kcifsd_test_msg_hdr(t, SMB_COM_NT_TRANSACT, NT);
	put_unaligned_le16(mid, &((struct smb1_hdr *)t->msg)->mid);
	kcifsd_test_msg_block(t, 19, words, doff + dc - base, bytes);
}

/* An NT_TRANSACT_SECONDARY carrying one data fragment. */
static void nt_secondary(struct kcifsd_test_smb *t, u16 mid, u32 tp, u32 td,
			 u32 ddisp, const u8 *data, u32 dc)
{
	unsigned int base = bytes_at(18), doff = ALIGN(base, 4);
	u8 words[36] = {}, bytes[600] = {};

	put_unaligned_le32(tp, words + 3);
	put_unaligned_le32(td, words + 7);
	put_unaligned_le32(dc, words + 23);
	put_unaligned_le32(doff, words + 27);
	put_unaligned_le32(ddisp, words + 31);
	memcpy(bytes + doff - base, data, dc);
	kcifsd_test_msg_hdr(t, SMB_COM_NT_TRANSACT_SECONDARY, NT);
	put_unaligned_le16(mid, &((struct smb1_hdr *)t->msg)->mid);
	kcifsd_test_msg_block(t, 18, words, doff + dc - base, bytes);
}

/* The TRANS2 response fields of @t->rsp (MS-CIFS 2.2.4.46.2). */
struct t2_rsp {
	u16 total_param, total_data;
	u16 pc, poff, pdisp, dc, doff, ddisp;
	u8 setup_count;
	u16 bc;
};

static void t2_rsp_read(struct kunit *test, const struct kcifsd_test_smb *t,
			struct t2_rsp *r)
{
	const u8 *w = t->rsp + 33;

	KUNIT_ASSERT_GE(test, t->rsp_len, 33u + 20 + 2);
	KUNIT_ASSERT_EQ(test, t->rsp[32], 10);
	r->total_param = get_unaligned_le16(w + 0);
	r->total_data = get_unaligned_le16(w + 2);
	r->pc = get_unaligned_le16(w + 6);
	r->poff = get_unaligned_le16(w + 8);
	r->pdisp = get_unaligned_le16(w + 10);
	r->dc = get_unaligned_le16(w + 12);
	r->doff = get_unaligned_le16(w + 14);
	r->ddisp = get_unaligned_le16(w + 16);
	r->setup_count = w[18];
	r->bc = get_unaligned_le16(w + 20);
	/* Every byte announced is inside the message. */
	KUNIT_EXPECT_LE(test, (unsigned int)r->poff + r->pc, t->rsp_len);
	KUNIT_EXPECT_LE(test, (unsigned int)r->doff + r->dc, t->rsp_len);
	KUNIT_EXPECT_EQ(test, t->rsp_len, 33u + 20 + 2 + r->bc);
}

static void fill(u8 *p, unsigned int len, u8 seed)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		p[i] = seed + i * 7;
}

/* ---- the wire fields ---- */

/* A request context for kcifsd_trans_parse() over @t->msg. */
static void parse_req(struct kcifsd_test_smb *t, struct kcifsd_smb_req *req)
{
	memset(req, 0, sizeof(*req));
	req->buf = t->msg;
	req->len = t->len;
	req->hdr = (const struct smb1_hdr *)t->msg;
	req->command = t->msg[4];
	req->wc = t->msg[32];
	req->words = t->msg + 33;
	req->bc = get_unaligned_le16(t->msg + 33 + 2 * req->wc);
	req->bytes = t->msg + 33 + 2 * req->wc + 2;
}

static void parse_checks_counts_and_offsets(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct kcifsd_smb_req req;
	struct kcifsd_trans_msg m;
	u8 p[8], d[16];

	fill(p, sizeof(p), 1);
	fill(d, sizeof(d), 2);
	t2_primary(t, 1, 8, 16, p, 8, d, 16, 100);
	parse_req(t, &req);
	KUNIT_ASSERT_EQ(test, kcifsd_trans_parse(&req, &m), STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, m.primary);
	KUNIT_EXPECT_EQ(test, m.setup_count, 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(m.setup), 5);
	KUNIT_EXPECT_EQ(test, m.param_count, 8u);
	KUNIT_EXPECT_EQ(test, m.data_count, 16u);
	KUNIT_EXPECT_TRUE(test, !memcmp(t->msg + m.param_off, p, 8));
	KUNIT_EXPECT_TRUE(test, !memcmp(t->msg + m.data_off, d, 16));

	/* WordCount must be 14 + SetupCount. */
	t->msg[33 + 26] = 2;
	parse_req(t, &req);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_parse(&req, &m),
			(u32)STATUS_INVALID_SMB);
	t->msg[33 + 26] = 1;

	/* Parameters past the end of the message's Bytes. */
	put_unaligned_le16(t->len - 4, t->msg + 33 + 20);
	parse_req(t, &req);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_parse(&req, &m),
			(u32)STATUS_INVALID_PARAMETER);

	/* An offset inside the header or the words. */
	put_unaligned_le16(4, t->msg + 33 + 20);
	parse_req(t, &req);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_parse(&req, &m),
			(u32)STATUS_INVALID_PARAMETER);

	/* Offset + count wrapping the 16-bit range. */
	put_unaligned_le16(0xFFFF, t->msg + 33 + 20);
	put_unaligned_le16(0xFFFF, t->msg + 33 + 18);
	put_unaligned_le16(0xFFFF, t->msg + 33 + 0);
	parse_req(t, &req);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_parse(&req, &m),
			(u32)STATUS_INVALID_PARAMETER);

	/* More parameters in the primary than the total. */
	t2_primary(t, 1, 4, 16, p, 8, d, 16, 100);
	parse_req(t, &req);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_parse(&req, &m),
			(u32)STATUS_INVALID_PARAMETER);

	/* A zero count may come with any offset (2.2.4.46.1). */
	t2_primary(t, 1, 0, 16, NULL, 0, d, 16, 100);
	put_unaligned_le16(0xFFFF, t->msg + 33 + 20);
	parse_req(t, &req);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_parse(&req, &m), STATUS_SUCCESS);
}

/*
 * kcifsd_trans2_peek() of the first @n bytes of @msg, copied to a buffer
 * of exactly @n bytes: a read past them is an out-of-bounds access that
 * KASAN reports, not a read of the test's larger message buffer.
 */
static bool peek_n(struct kunit *test, const u8 *msg, unsigned int n,
		   struct kcifsd_trans2_peek *pk)
{
	u8 *copy = kunit_kmalloc(test, max(n, 1U), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, copy);
	memcpy(copy, msg, n);
	return kcifsd_trans2_peek(copy, n, pk);
}

/*
 * kcifsd_trans2_peek() reads a message nothing has validated yet (the
 * receive work, fs/rx_inline.c): every count and offset is hostile.
 */
static void trans2_peek_bounds(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	const unsigned int poff_at = 33 + 20, pcount_at = 33 + 18;
	const unsigned int past_setup = 33 + 30;
	struct kcifsd_trans2_peek pk;
	u8 p[4] = { 0x0A, 0x02, 0x55, 0x66 };	/* level 0x020A first */
	unsigned int poff;

	t2_primary(t, 1, 4, 0, p, 4, NULL, 0, 300);
	poff = get_unaligned_le16(t->msg + poff_at);
	KUNIT_ASSERT_TRUE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	KUNIT_EXPECT_EQ(test, pk.subcommand, 5);
	KUNIT_EXPECT_EQ(test, pk.max_param, 64);
	KUNIT_EXPECT_EQ(test, pk.max_data, 300);
	KUNIT_EXPECT_TRUE(test, pk.has_param0);
	KUNIT_EXPECT_EQ(test, pk.param0, 0x020A);

	/* Too short: nothing, the setup word cut, the parameters cut. */
	KUNIT_EXPECT_FALSE(test, peek_n(test, t->msg, 0, &pk));
	KUNIT_EXPECT_FALSE(test, peek_n(test, t->msg, 33, &pk));
	KUNIT_EXPECT_FALSE(test, peek_n(test, t->msg, past_setup - 1, &pk));
	KUNIT_EXPECT_TRUE(test, peek_n(test, t->msg, past_setup, &pk));
	KUNIT_EXPECT_EQ(test, pk.subcommand, 5);
	KUNIT_EXPECT_FALSE(test, pk.has_param0);
	KUNIT_EXPECT_TRUE(test, peek_n(test, t->msg, poff + 1, &pk));
	KUNIT_EXPECT_FALSE(test, pk.has_param0);
	KUNIT_EXPECT_EQ(test, pk.param0, 0);
	KUNIT_EXPECT_TRUE(test, peek_n(test, t->msg, poff + 2, &pk));
	KUNIT_EXPECT_TRUE(test, pk.has_param0);

	/* Another WordCount, SetupCount or command. */
	t->msg[32] = 14;
	KUNIT_EXPECT_FALSE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	t->msg[32] = 16;
	KUNIT_EXPECT_FALSE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	t->msg[32] = 15;
	t->msg[33 + 26] = 0;
	KUNIT_EXPECT_FALSE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	t->msg[33 + 26] = 1;
	t->msg[4] = SMB_COM_TRANSACTION;
	KUNIT_EXPECT_FALSE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	t->msg[4] = SMB_COM_TRANSACTION2;

	/* ParameterOffset past the message, across its end, in the words. */
	put_unaligned_le16(0xFFFF, t->msg + poff_at);
	KUNIT_EXPECT_TRUE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	KUNIT_EXPECT_FALSE(test, pk.has_param0);
	put_unaligned_le16(t->len - 1, t->msg + poff_at);
	KUNIT_EXPECT_TRUE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	KUNIT_EXPECT_FALSE(test, pk.has_param0);
	put_unaligned_le16(t->len - 2, t->msg + poff_at);
	KUNIT_EXPECT_TRUE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	KUNIT_EXPECT_TRUE(test, pk.has_param0);
	KUNIT_EXPECT_EQ(test, pk.param0, 0x6655);
	put_unaligned_le16(past_setup - 1, t->msg + poff_at);
	KUNIT_EXPECT_TRUE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	KUNIT_EXPECT_FALSE(test, pk.has_param0);
	put_unaligned_le16(poff, t->msg + poff_at);

	/* ParameterCount below one word. */
	put_unaligned_le16(1, t->msg + pcount_at);
	KUNIT_EXPECT_TRUE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	KUNIT_EXPECT_FALSE(test, pk.has_param0);
	put_unaligned_le16(0, t->msg + pcount_at);
	KUNIT_EXPECT_TRUE(test, kcifsd_trans2_peek(t->msg, t->len, &pk));
	KUNIT_EXPECT_FALSE(test, pk.has_param0);
}

static void parse_nt_transact_32bit(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	unsigned int base = bytes_at(19);
	struct kcifsd_smb_req req;
	struct kcifsd_trans_msg m;
	u8 words[38] = {}, bytes[8] = {};

	put_unaligned_le32(4, words + 3);		/* TotalParameterCount */
	put_unaligned_le32(0, words + 7);
	put_unaligned_le32(0xFFFFFFFF, words + 15);	/* MaxDataCount */
	put_unaligned_le32(4, words + 19);
	put_unaligned_le32(base + 4, words + 23);
	put_unaligned_le16(6, words + 36);		/* Function */
	kcifsd_test_msg_hdr(t, SMB_COM_NT_TRANSACT, NT);
	kcifsd_test_msg_block(t, 19, words, sizeof(bytes), bytes);
	parse_req(t, &req);
	KUNIT_ASSERT_EQ(test, kcifsd_trans_parse(&req, &m), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, m.function, 6);
	KUNIT_EXPECT_EQ(test, m.max_data, 0xFFFFFFFFu);

	/* 32-bit offset + count that wraps to inside the message. */
	put_unaligned_le32(0xFFFFFFF0, t->msg + 33 + 23);
	put_unaligned_le32(0x20, t->msg + 33 + 19);
	put_unaligned_le32(0x20, t->msg + 33 + 3);
	parse_req(t, &req);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_parse(&req, &m),
			(u32)STATUS_INVALID_PARAMETER);

	/* A count larger than the whole message. */
	put_unaligned_le32(base, t->msg + 33 + 23);
	put_unaligned_le32(0x7FFFFFFF, t->msg + 33 + 19);
	put_unaligned_le32(0x7FFFFFFF, t->msg + 33 + 3);
	parse_req(t, &req);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_parse(&req, &m),
			(u32)STATUS_INVALID_PARAMETER);
}

/* The TRANS Name, Unicode, after the pad byte that aligns it. */
static void parse_trans_name(struct kunit *test)
{
	static const u8 name[] = "\0\\\0P\0I\0P\0E\0\\\0\0\0";
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	unsigned int base = bytes_at(16);
	struct kcifsd_smb_req req;
	struct kcifsd_trans_msg m;
	u8 words[32] = {}, bytes[24] = {};

	/* Bytes start at an odd offset: a pad byte, then the name. */
	KUNIT_ASSERT_EQ(test, base & 1, 1u);
	memcpy(bytes, name, sizeof(name) - 1);
	put_unaligned_le16(4, words + 0);
	put_unaligned_le16(4, words + 18);
	put_unaligned_le16(base + 16, words + 20);
	words[26] = 2;
	kcifsd_test_msg_hdr(t, SMB_COM_TRANSACTION,
			    NT | SMB_FLAGS2_UNICODE);
	kcifsd_test_msg_block(t, 16, words, 20, bytes);
	parse_req(t, &req);
	req.flags2 = NT | SMB_FLAGS2_UNICODE;
	KUNIT_ASSERT_EQ(test, kcifsd_trans_parse(&req, &m), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, m.name_off, base + 1);
	KUNIT_EXPECT_EQ(test, m.name_len, 15u);
	KUNIT_EXPECT_TRUE(test, !memcmp(t->msg + m.name_off, name + 1, 14));
}

/* ---- reassembly accounting ---- */

static void block_in_any_order(struct kunit *test)
{
	struct kcifsd_trans_block b = { .total = 100 };

	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 50, 25), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 0, 10), 0);
	KUNIT_EXPECT_EQ(test, b.nr, 2u);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 75, 25), 0);
	KUNIT_EXPECT_EQ(test, b.nr, 2u);
	/* Fills the hole and joins both neighbours. */
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 10, 40), 0);
	KUNIT_EXPECT_EQ(test, b.nr, 1u);
	KUNIT_EXPECT_EQ(test, b.got, 100u);
	KUNIT_EXPECT_EQ(test, b.ranges[0].start, 0u);
	KUNIT_EXPECT_EQ(test, b.ranges[0].end, 100u);
	/* Empty fragments are fine anywhere. */
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 0xFFFFFFFF, 0), 0);
}

static void block_refuses_hostile_fragments(struct kunit *test)
{
	struct kcifsd_trans_block b = { .total = 100 };
	unsigned int i;

	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 20, 20), 0);
	/* Overlaps, from every side, and a duplicate. */
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 20, 20), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 10, 11), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 39, 5), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 25, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 0, 100), -EINVAL);
	/* Past the total, and displacement + count wrapping 32 bits. */
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 90, 11), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 0xFFFFFFF0, 0x20),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 1, 0xFFFFFFFF),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, b.got, 20u);
	KUNIT_EXPECT_EQ(test, b.nr, 1u);

	/* Too many disjoint pieces. */
	b = (struct kcifsd_trans_block){ .total = 1000 };
	for (i = 0; i < KCIFSD_TRANS_MAX_RANGES; i++)
		KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, i * 10, 1), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 500, 1), -EINVAL);
	/* ...but one that joins two existing ranges is still fine. */
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 1, 9), 0);
	KUNIT_EXPECT_EQ(test, b.nr, KCIFSD_TRANS_MAX_RANGES - 1);
}

static void block_total_reduced(struct kunit *test)
{
	struct kcifsd_trans_block b = { .total = 100 };

	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 0, 30), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_reduce(&b, 200), 0);
	KUNIT_EXPECT_EQ(test, b.total, 100u);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_reduce(&b, 29), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_reduce(&b, 40), 0);
	KUNIT_EXPECT_EQ(test, b.total, 40u);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 30, 11), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_block_add(&b, 30, 10), 0);
	KUNIT_EXPECT_EQ(test, b.got, b.total);
}

/* ---- whole transactions through the dispatcher ---- */

static void trans_in_one_message(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	u8 p[6], d[40];
	struct t2_rsp r;

	fill(p, sizeof(p), 3);
	fill(d, sizeof(d), 4);
	kcifsd_test_negotiate(test, t, NT);
	t2_primary(t, 9, 6, 40, p, 6, d, 40, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, seen.calls, 1u);
	KUNIT_EXPECT_EQ(test, seen.setup0, 5);
	t2_rsp_read(test, t, &r);
	KUNIT_EXPECT_EQ(test, r.total_param, 6);
	KUNIT_EXPECT_EQ(test, r.total_data, 40);
	KUNIT_EXPECT_EQ(test, r.pc, 6);
	KUNIT_EXPECT_EQ(test, r.dc, 40);
	KUNIT_EXPECT_EQ(test, r.pdisp, 0);
	KUNIT_EXPECT_EQ(test, r.ddisp, 0);
	KUNIT_EXPECT_EQ(test, r.poff % 4, 0);
	KUNIT_EXPECT_EQ(test, r.doff % 4, 0);
	KUNIT_EXPECT_TRUE(test, !memcmp(t->rsp + r.poff, p, 6));
	KUNIT_EXPECT_TRUE(test, !memcmp(t->rsp + r.doff, d, 40));
}

static void trans_secondaries_out_of_order(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	const struct smb1_hdr *hdr;
	u8 p[12], d[300];
	struct t2_rsp r;

	fill(p, sizeof(p), 5);
	fill(d, sizeof(d), 6);
	kcifsd_test_negotiate(test, t, NT);

	/* The primary carries 4 parameter bytes: interim response. */
	t2_primary(t, 20, 12, 300, p, 4, NULL, 0, 1000);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, t->rsp_len, 35u);
	KUNIT_EXPECT_EQ(test, seen.calls, 0u);

	/* Data 200..300 first, no reply. */
	t2_secondary(t, 20, 12, 300, 0, NULL, 0, 200, d + 200, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_TRUE(test, t->work.no_reply);

	/* The rest of the parameters with data 0..100. */
	t2_secondary(t, 20, 12, 300, 4, p + 4, 8, 0, d, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, seen.calls, 0u);

	/* Data 100..200 completes it: the final response. */
	t2_secondary(t, 20, 12, 300, 0, NULL, 0, 100, d + 100, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, seen.calls, 1u);
	KUNIT_EXPECT_EQ(test, seen.setup0, 5);
	KUNIT_EXPECT_EQ(test, seen.param_count, 12u);
	KUNIT_EXPECT_EQ(test, seen.data_count, 300u);
	KUNIT_EXPECT_TRUE(test, !memcmp(seen.param, p, 12));
	KUNIT_EXPECT_TRUE(test, !memcmp(seen.data, d, 300));
	hdr = (const struct smb1_hdr *)t->rsp;
	/* Answered under the primary's command (2.2.4.46.2). */
	KUNIT_EXPECT_EQ(test, hdr->command, SMB_COM_TRANSACTION2);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(hdr->mid), 20);
	t2_rsp_read(test, t, &r);
	KUNIT_EXPECT_EQ(test, r.dc, 300);
	KUNIT_EXPECT_TRUE(test, !memcmp(t->rsp + r.doff, d, 300));

	/* The transaction is gone: a late secondary gets nothing. */
	seen.calls = 0;
	t2_secondary(t, 20, 12, 300, 0, NULL, 0, 100, d + 100, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, seen.calls, 0u);
}

static void trans_totals_reduced(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	u8 d[200];

	fill(d, sizeof(d), 7);
	kcifsd_test_negotiate(test, t, NT);
	t2_primary(t, 21, 0, 200, NULL, 0, d, 50, 1000);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	/* The client lowers TotalDataCount to 80: 30 more complete it. */
	t2_secondary(t, 21, 0, 80, 0, NULL, 0, 50, d + 50, 30);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, seen.data_count, 80u);
	KUNIT_EXPECT_TRUE(test, !memcmp(seen.data, d, 80));
}

static void trans_bad_secondary_ends_it(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	const struct smb1_hdr *hdr;
	u8 d[200];

	fill(d, sizeof(d), 8);
	kcifsd_test_negotiate(test, t, NT);
	t2_primary(t, 22, 0, 200, NULL, 0, d, 100, 1000);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);

	/* Overlaps what the primary carried: an error ends it. */
	t2_secondary(t, 22, 0, 200, 0, NULL, 0, 50, d, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_INVALID_PARAMETER);
	hdr = (const struct smb1_hdr *)t->rsp;
	KUNIT_EXPECT_EQ(test, hdr->command, SMB_COM_TRANSACTION2);
	KUNIT_EXPECT_EQ(test, t->rsp_len, 35u);

	/* The rest of it now matches nothing. */
	t2_secondary(t, 22, 0, 200, 0, NULL, 0, 100, d + 100, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, seen.calls, 0u);

	/* A secondary of another kind does not continue a TRANS2. */
	t2_primary(t, 23, 0, 200, NULL, 0, d, 100, 1000);
	kcifsd_test_smb_run(test, t);
	kcifsd_test_msg_hdr(t, SMB_COM_NT_TRANSACT_SECONDARY, NT);
	put_unaligned_le16(23, &((struct smb1_hdr *)t->msg)->mid);
	kcifsd_test_msg_block(t, 18, NULL, 0, NULL);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_INVALID_SMB);
}

/*
 * An NT_TRANSACT of 4 parameter and 300 data bytes, 100 of them in the
 * primary, and one secondary with TotalDataCount @td and @dc bytes at
 * displacement @disp that must end it with STATUS_INVALID_PARAMETER.
 */
static void nt_bad_secondary(struct kunit *test, struct kcifsd_test_smb *t,
			     u16 mid, u32 td, u32 disp, u32 dc)
{
	u8 p[4] = {}, d[300] = {};

	nt_primary(t, mid, 4, 300, p, 4, d, 100, 1000, 1);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t), STATUS_SUCCESS);
	nt_secondary(t, mid, 4, td, disp, d, dc);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, t->rsp[4], SMB_COM_NT_TRANSACT);
	KUNIT_EXPECT_EQ(test, seen.calls, 0u);
}

/*
 * NT_TRANSACT through the same reassembly: 32-bit displacements that
 * wrap, or reach past the total, end the transaction; good ones in any
 * order complete it, and the run function sees Function and every byte.
 */
static void nt_secondaries_hostile(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	const u8 *w;
	u8 p[4], d[300];

	fill(p, sizeof(p), 11);
	fill(d, sizeof(d), 12);
	kcifsd_test_negotiate(test, t, NT);
	/* disp + count wraps 32 bits back into the block */
	nt_bad_secondary(test, t, 40, 300, 0xFFFFFFF0u, 100);
	/* Past the total by one byte */
	nt_bad_secondary(test, t, 41, 300, 201, 100);
	/* Lowering the total below what has arrived */
	nt_bad_secondary(test, t, 42, 99, 100, 10);

	/* Out of order, then complete */
	nt_primary(t, 43, 4, 300, p, 4, d, 100, 1000, 1);
	kcifsd_test_smb_run(test, t);
	nt_secondary(t, 43, 4, 0xFFFFFFFF, 200, d + 200, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_NULL(test, t->rsp);
	nt_secondary(t, 43, 4, 300, 100, d + 100, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t), STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, seen.calls, 1u);
	KUNIT_EXPECT_EQ(test, seen.function, 1);
	KUNIT_EXPECT_EQ(test, seen.param_count, 4u);
	KUNIT_EXPECT_EQ(test, seen.data_count, 300u);
	KUNIT_EXPECT_TRUE(test, !memcmp(seen.param, p, 4));
	KUNIT_EXPECT_TRUE(test, !memcmp(seen.data, d, 300));
	/* The NT response: 18 words, 32-bit totals */
	KUNIT_EXPECT_EQ(test, t->rsp[4], SMB_COM_NT_TRANSACT);
	KUNIT_ASSERT_EQ(test, t->rsp[32], 18);
	w = t->rsp + 33;
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(w + 3), 4u);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(w + 7), 300u);
}

static void trans_caps(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	unsigned int base = bytes_at(19), i;
	u8 words[38] = {}, d[16] = {};

	kcifsd_test_negotiate(test, t, NT);
	for (i = 0; i < KCIFSD_TRANS_MAX_PENDING; i++) {
		t2_primary(t, 100 + i, 0, 300, NULL, 0, d, 16, 1000);
		kcifsd_test_smb_run(test, t);
		KUNIT_ASSERT_NOT_NULL(test, t->rsp);
		KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
				STATUS_SUCCESS);
		if (i)
			continue;
		/* The same MID, PID, UID and TID twice. */
		kcifsd_test_smb_run(test, t);
		KUNIT_ASSERT_NOT_NULL(test, t->rsp);
		KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
				(u32)STATUS_INVALID_PARAMETER);
	}
	t2_primary(t, 200, 0, 300, NULL, 0, d, 16, 1000);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_INSUFF_SERVER_RESOURCES);

	/* An NT_TRANSACT announcing 2 GiB of data. */
	put_unaligned_le32(0x7FFFFFFF, words + 7);
	put_unaligned_le32(16, words + 27);
	put_unaligned_le32(base, words + 31);
	kcifsd_test_msg_hdr(t, SMB_COM_NT_TRANSACT, NT);
	kcifsd_test_msg_block(t, 19, words, sizeof(d), d);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_INSUFF_SERVER_RESOURCES);
	KUNIT_EXPECT_EQ(test, seen.calls, 0u);
}

static void trans_error_from_run(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	u8 p[2] = { 1, 2 };

	kcifsd_test_negotiate(test, t, NT);
	seen.status = STATUS_OBJECT_NAME_NOT_FOUND;
	t2_primary(t, 30, 2, 0, p, 2, NULL, 0, 100);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_OBJECT_NAME_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, t->rsp_len, 35u);

	/* Output larger than MaxDataCount is refused to the run function. */
	seen.status = 0;
	t2_primary(t, 31, 2, 0, p, 2, NULL, 0, 0);
	t->msg[33 + 4] = 1;	/* MaxParameterCount 1 < 2 */
	t->msg[33 + 5] = 0;
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_BUFFER_OVERFLOW);
}

/* ---- multi-part responses ---- */

/*
 * Where the response fields are: TotalParameterCount, TotalDataCount,
 * ParameterCount, ParameterOffset, ParameterDisplacement, DataCount,
 * DataOffset, DataDisplacement; 16-bit in TRANS2 (2.2.4.46.2), 32-bit
 * in NT_TRANSACT (2.2.4.62.2).
 */
enum { F_TP, F_TD, F_PC, F_POFF, F_PDISP, F_DC, F_DOFF, F_DDISP };
static const u8 t2_field[] = { 0, 2, 6, 8, 10, 12, 14, 16 };
static const u8 nt_field[] = { 3, 7, 11, 15, 19, 23, 27, 31 };

static u32 rsp_field(const u8 *w, bool nt, unsigned int f)
{
	return nt ? get_unaligned_le32(w + nt_field[f]) :
		    get_unaligned_le16(w + t2_field[f]);
}

/*
 * Build @tr's response in parts of at most @max bytes and check each:
 * the totals, parameters first and whole, data displacements in order,
 * every offset inside its message, non-empty blocks 4-aligned.
 *
 * Return: the number of parts.
 */
static unsigned int check_parts(struct kunit *test, struct kcifsd_trans *tr,
				u32 max)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	bool nt = tr->command == SMB_COM_NT_TRANSACT;
	u32 psent = 0, dsent = 0, parts = 0, got = 0;
	struct kcifsd_smb_req req;
	int more;

	kcifsd_test_msg_hdr(t, tr->command, NT);
	memset(&req, 0, sizeof(req));
	req.work = &t->work;
	req.conn = &t->conn;
	req.sc = t->conn.smb;
	req.buf = t->msg;
	req.len = t->len;
	req.hdr = (const struct smb1_hdr *)t->msg;
	req.command = tr->command;
	t->conn.smb->client_max_buffer_size = max;
	KUNIT_ASSERT_EQ(test, kcifsd_smb_rsp_init(&req), 0);

	do {
		u32 pc, poff, dc, doff, ddisp;
		const u8 *w;

		more = kcifsd_trans_build_part(&req, tr, &psent, &dsent);
		KUNIT_ASSERT_GE(test, more, 0);
		/* The reply may have moved as it grew. */
		w = req.rsp + 33;
		parts++;
		KUNIT_EXPECT_EQ(test, req.rsp[32], nt ? 18 : 10);
		KUNIT_EXPECT_LE(test, req.rsp_len, max);
		KUNIT_EXPECT_EQ(test, rsp_field(w, nt, F_TP),
				tr->rsp_param_count);
		KUNIT_EXPECT_EQ(test, rsp_field(w, nt, F_TD),
				tr->rsp_data_count);
		pc = rsp_field(w, nt, F_PC);
		poff = rsp_field(w, nt, F_POFF);
		dc = rsp_field(w, nt, F_DC);
		doff = rsp_field(w, nt, F_DOFF);
		ddisp = rsp_field(w, nt, F_DDISP);
		if (pc)
			KUNIT_EXPECT_EQ(test, poff % 4, 0u);
		if (dc)
			KUNIT_EXPECT_EQ(test, doff % 4, 0u);
		/* Offsets inside the message, even for an empty block. */
		KUNIT_EXPECT_LE(test, poff + pc, req.rsp_len);
		KUNIT_EXPECT_LE(test, doff + dc, req.rsp_len);
		if (parts == 1) {
			KUNIT_EXPECT_EQ(test, pc, tr->rsp_param_count);
			KUNIT_EXPECT_TRUE(test, !memcmp(req.rsp + poff,
							tr->rsp_param, pc));
		} else {
			KUNIT_EXPECT_EQ(test, pc, 0u);
			KUNIT_EXPECT_EQ(test, rsp_field(w, nt, F_PDISP),
					tr->rsp_param_count);
		}
		KUNIT_EXPECT_EQ(test, ddisp, got);
		KUNIT_EXPECT_TRUE(test, !memcmp(req.rsp + doff,
						tr->rsp_data + ddisp, dc));
		got += dc;
	} while (more && parts < 10);
	KUNIT_EXPECT_EQ(test, got, tr->rsp_data_count);

	/* Not one byte fits: refused, not looped on. */
	psent = dsent = 0;
	req.rsp_block = 0;
	req.rsp_len = sizeof(struct smb1_hdr);
	req.rsp_max = ALIGN(32 + 1 + 2 * (nt ? 18 : 10) + 2, 4);
	KUNIT_EXPECT_EQ(test, kcifsd_trans_build_part(&req, tr, &psent,
						      &dsent), -ENOSPC);
	kcifsd_smb_rsp_free(&req);
	return parts;
}

/* A response of @plen parameter and @dlen data bytes in @max-byte parts */
static void parts_case(struct kunit *test, u8 command, u32 plen, u32 dlen,
		       u32 max, unsigned int want)
{
	struct kcifsd_trans tr = { .command = command };

	tr.rsp_param = kunit_kzalloc(test, plen, GFP_KERNEL);
	tr.rsp_data = kunit_kzalloc(test, dlen, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tr.rsp_param);
	KUNIT_ASSERT_NOT_NULL(test, tr.rsp_data);
	fill(tr.rsp_param, plen, 9);
	fill(tr.rsp_data, dlen, 10);
	tr.rsp_param_count = plen;
	tr.rsp_data_count = dlen;
	KUNIT_EXPECT_EQ(test, check_parts(test, &tr, max), want);
}

static void response_in_parts(struct kunit *test)
{
	parts_case(test, SMB_COM_TRANSACTION2, 10, 3000, 1024, 4);
}

/* NT_TRANSACT: 32-bit counts and displacements, the same splitting. */
static void nt_response_in_parts(struct kunit *test)
{
	parts_case(test, SMB_COM_NT_TRANSACT, 69, 5000, 1500, 4);
}

static struct kunit_case transaction_cases[] = {
	KUNIT_CASE(parse_checks_counts_and_offsets),
	KUNIT_CASE(trans2_peek_bounds),
	KUNIT_CASE(parse_nt_transact_32bit),
	KUNIT_CASE(parse_trans_name),
	KUNIT_CASE(block_in_any_order),
	KUNIT_CASE(block_refuses_hostile_fragments),
	KUNIT_CASE(block_total_reduced),
	KUNIT_CASE(trans_in_one_message),
	KUNIT_CASE(trans_secondaries_out_of_order),
	KUNIT_CASE(trans_totals_reduced),
	KUNIT_CASE(trans_bad_secondary_ends_it),
	KUNIT_CASE(nt_secondaries_hostile),
	KUNIT_CASE(trans_caps),
	KUNIT_CASE(trans_error_from_run),
	KUNIT_CASE(response_in_parts),
	KUNIT_CASE(nt_response_in_parts),
	{}
};

static struct kunit_suite transaction_suite = {
	.name = "kcifsd_transaction",
	.init = trans_init,
	.exit = trans_exit,
	.test_cases = transaction_cases,
};

kunit_test_suite(transaction_suite);
