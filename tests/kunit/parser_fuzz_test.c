// SPDX-License-Identifier: GPL-2.0-only
/*
 * Table-free fuzzing of the pure parsers with a fixed seed: thousands of
 * inputs per parser, each a valid message with a few random edits (bit
 * flips, interesting 8/16/32-bit values, truncation, growth, repeated
 * chunks) or plain random bytes, in a buffer of exactly the input's size.
 * Without KASAN an out-of-bounds read is not caught as such, so every
 * case checks what a parser hands back instead: status codes from the
 * documented set, output pointers and lengths inside the input, chains
 * that end, strings that are terminated. Under a KASAN kernel the same
 * runs catch the reads themselves.
 *
 * Covered: the SMB1 header, block and AndX walk (fs/validate.c,
 * fs/andx.c), the whole dispatcher with stand-in handlers and the reply
 * it builds (fs/dispatch.c, fs/reply.c), the NEGOTIATE dialect list,
 * transport framing and NetBIOS session requests (net/frame.c), SPNEGO,
 * NTLMSSP messages and AV pairs, SMB Direct negotiate and data transfer
 * headers with reassembly, SMB pathnames (fs/path.c), the SESSION_SETUP
 * and TREE_CONNECT request parsers (fs/session_wire.c, fs/tree_wire.c)
 * and the transaction fields and reassembly bookkeeping
 * (fs/transaction.c).
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/ntlmssp.h"
#include "fs/path.h"
#include "fs/session_wire.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/spnego.h"
#include "fs/transaction.h"
#include "fs/tree_wire.h"
#include "net/frame.h"
#include "rdma/smbd_proto.h"
#include "tests/kunit/smb_test_util.h"

/* Inputs per parser; the seed makes every run the same. */
#define FZ_ROUNDS	4000
#define FZ_SEED		0x6b63696673643131ULL
#define FZ_MAX		2048

struct fz {
	u64 s;
	u8 *buf;		/* FZ_MAX bytes of scratch */
};

static u64 fz_next(struct fz *f)
{
	/* xorshift64* */
	f->s ^= f->s >> 12;
	f->s ^= f->s << 25;
	f->s ^= f->s >> 27;
	return f->s * 0x2545F4914F6CDD1DULL;
}

static u32 fz_below(struct fz *f, u32 n)
{
	return n ? (u32)(fz_next(f) >> 32) % n : 0;
}

static void fz_init(struct kunit *test, struct fz *f, u64 salt)
{
	f->s = FZ_SEED ^ salt;
	f->buf = kunit_kzalloc(test, FZ_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f->buf);
}

static const u32 fz_interesting[] = {
	0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
	0x7fffffff, 0x80000000, 0xffffffff,
};

/*
 * A few random edits of @seed into f->buf; returns the new length (at
 * most FZ_MAX). One input in eight is random bytes instead.
 */
static u32 fz_mutate(struct fz *f, const u8 *seed, u32 len)
{
	u8 *b = f->buf;
	u32 n, i, edits, at, v;

	if (!fz_below(f, 8)) {
		len = fz_below(f, 300);
		for (i = 0; i < len; i++)
			b[i] = fz_next(f);
		return len;
	}
	len = min_t(u32, len, FZ_MAX);
	memcpy(b, seed, len);
	edits = 1 + fz_below(f, 4);
	while (edits--) {
		at = fz_below(f, len + 1);
		v = fz_interesting[fz_below(f, ARRAY_SIZE(fz_interesting))];
		switch (fz_below(f, 8)) {
		case 0:
			if (at < len)
				b[at] ^= 1 << fz_below(f, 8);
			break;
		case 1:
			if (at < len)
				b[at] = v;
			break;
		case 2:
			if (at + 2 <= len)
				put_unaligned_le16(v, b + at);
			break;
		case 3:
			if (at + 4 <= len)
				put_unaligned_le32(v, b + at);
			break;
		case 4:
			len = at;		/* truncate */
			break;
		case 5:
			n = min_t(u32, 1 + fz_below(f, 16), FZ_MAX - len);
			for (i = 0; i < n; i++)
				b[len + i] = fz_next(f);
			len += n;
			break;
		case 6:
			if (at < len) {		/* repeat a chunk at the end */
				n = min3(len - at, 1 + fz_below(f, 32),
					 FZ_MAX - len);
				memmove(b + len, b + at, n);
				len += n;
			}
			break;
		default:
			if (at < len)
				b[at] = fz_next(f);
			break;
		}
	}
	return len;
}

/* A copy of f->buf in an allocation of exactly @len bytes. */
static u8 *fz_exact(struct kunit *test, struct fz *f, u32 len)
{
	u8 *p = kmalloc(max_t(u32, len, 1), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	memcpy(p, f->buf, len);
	return p;
}

static bool inside(const void *p, u32 n, const void *base, u32 len)
{
	const u8 *q = p, *b = base;

	if (!n)
		return true;
	return q >= b && q <= b + len && n <= (u32)(b + len - q);
}

/* ---- seed messages ---- */

static u32 put_hdr(u8 *m, u8 command, u16 flags2)
{
	struct smb1_hdr *h = (struct smb1_hdr *)m;

	memset(h, 0, sizeof(*h));
	h->protocol = SMB1_PROTO_ID;
	h->command = command;
	h->flags2 = cpu_to_le16(flags2);
	h->tid = cpu_to_le16(0xffff);
	h->mid = cpu_to_le16(9);
	return sizeof(*h);
}

static u32 put_block(u8 *m, u32 off, u8 wc, u16 bc, u8 fill)
{
	m[off] = wc;
	memset(m + off + 1, fill, 2 * wc);
	put_unaligned_le16(bc, m + off + 1 + 2 * wc);
	memset(m + off + 3 + 2 * wc, fill + 1, bc);
	return off + 3 + 2 * wc + bc;
}

static void put_andx(u8 *m, u32 block, u8 next, u16 off)
{
	m[block + 1] = next;
	m[block + 2] = 0;
	put_unaligned_le16(off, m + block + 3);
}

/* Seeds for the SMB1 layer: simple commands and AndX chains. */
static u32 smb_seed(struct fz *f, u8 *m)
{
	static const u8 dialects[] = "\x02LANMAN1.0\0\x02NT LM 0.12";
	u32 len, b1, b2, b3;

	switch (fz_below(f, 6)) {
	case 0:
		len = put_hdr(m, SMB_COM_ECHO, 0xc801);
		len = put_block(m, len, 1, 8, 0);
		put_unaligned_le16(1, m + 33);
		return len;
	case 1:
		len = put_hdr(m, SMB_COM_NEGOTIATE, 0xc801);
		m[len] = 0;
		put_unaligned_le16(sizeof(dialects), m + len + 1);
		memcpy(m + len + 3, dialects, sizeof(dialects));
		return len + 3 + sizeof(dialects);
	case 2:		/* SESSION_SETUP -> TREE_CONNECT -> CHECK_DIRECTORY */
		b1 = put_hdr(m, SMB_COM_SESSION_SETUP_ANDX, 0xc801);
		b2 = put_block(m, b1, 13, 20, 0x11);
		b3 = put_block(m, b2, 4, 12, 0x22);
		len = put_block(m, b3, 0, 4, 0x33);
		put_andx(m, b1, SMB_COM_TREE_CONNECT_ANDX, b2);
		put_andx(m, b2, SMB_COM_CHECK_DIRECTORY, b3);
		return len;
	case 3:		/* LOCKING_ANDX x3 */
		b1 = put_hdr(m, SMB_COM_LOCKING_ANDX, 0xc801);
		b2 = put_block(m, b1, 8, 10, 0);
		b3 = put_block(m, b2, 8, 10, 0);
		len = put_block(m, b3, 8, 0, 0);
		put_andx(m, b1, SMB_COM_LOCKING_ANDX, b2);
		put_andx(m, b2, SMB_COM_LOCKING_ANDX, b3);
		put_andx(m, b3, SMB_COM_NO_ANDX_COMMAND, 0);
		return len;
	case 4:		/* WRITE_ANDX -> CLOSE */
		b1 = put_hdr(m, SMB_COM_WRITE_ANDX, 0xc801);
		b2 = put_block(m, b1, 14, 33, 0);
		len = put_block(m, b2, 3, 0, 0);
		put_andx(m, b1, SMB_COM_CLOSE, b2);
		return len;
	default:	/* NT_CREATE_ANDX -> READ_ANDX */
		b1 = put_hdr(m, SMB_COM_NT_CREATE_ANDX, 0xc801);
		b2 = put_block(m, b1, 24, 9, 0);
		len = put_block(m, b2, 12, 0, 0);
		put_andx(m, b1, SMB_COM_READ_ANDX, b2);
		return len;
	}
}

/* ---- the SMB1 layer ---- */

/*
 * The dispatcher's walk (fs/dispatch.c smb_walk_chain()): every block
 * located must lie inside the message, offsets must move forward and the
 * walk must end within KCIFSD_ANDX_MAX_CHAIN blocks.
 */
static void fuzz_smb_chain(struct kunit *test)
{
	struct kcifsd_smb_block blk;
	u8 seed[256];
	struct fz f;
	u32 round, len, offset, status;
	unsigned int nr;
	int hdr;
	u8 cmd, *m;

	fz_init(test, &f, 1);
	for (round = 0; round < 4 * FZ_ROUNDS; round++) {
		len = fz_mutate(&f, seed, smb_seed(&f, seed));
		m = fz_exact(test, &f, len);
		hdr = kcifsd_smb_check_header(m, len);
		KUNIT_EXPECT_TRUE(test,
				  hdr == 0 || hdr == -EPROTO || hdr == -EBADMSG);
		if (hdr) {
			kfree(m);
			continue;
		}
		offset = sizeof(struct smb1_hdr);
		cmd = m[4];
		for (nr = 0; nr <= KCIFSD_ANDX_MAX_CHAIN; nr++) {
			status = kcifsd_smb_parse_block(m, len, offset, cmd,
							&blk);
			if (status) {
				KUNIT_EXPECT_EQ(test, status,
						(u32)STATUS_INVALID_SMB);
				break;
			}
			KUNIT_EXPECT_TRUE(test, inside(blk.words, 2 * blk.wc,
						       m, len));
			KUNIT_EXPECT_TRUE(test, inside(blk.bytes, blk.bc, m,
						       len));
			KUNIT_EXPECT_LE(test, blk.end, len);
			KUNIT_EXPECT_EQ(test, blk.offset, offset);
			kcifsd_smb_check_command(&blk);
			status = kcifsd_andx_next(m, len, &blk, nr + 1, &cmd,
						  &offset);
			if (status || cmd == SMB_COM_NO_ANDX_COMMAND)
				break;
			KUNIT_EXPECT_GT(test, offset, blk.offset);
			KUNIT_EXPECT_LT(test, offset, len);
		}
		KUNIT_EXPECT_LT(test, nr, (unsigned int)KCIFSD_ANDX_MAX_CHAIN);
		kfree(m);
	}
}

/* Stand-in handlers: echo part of the request back, sometimes fail. */
static u32 fz_handler(struct kcifsd_smb_req *req)
{
	u8 wc = req->wc % 4 + (kcifsd_andx_is_andx(req->command) ? 2 : 0);
	u32 bc = min_t(u32, req->bc, 100);
	u8 *w;

	if (req->bc && req->bytes[0] == 0xee)
		return STATUS_ACCESS_DENIED;
	w = kcifsd_smb_rsp_block(req, wc, bc);
	if (!w)
		return STATUS_INSUFF_SERVER_RESOURCES;
	memcpy(kcifsd_smb_rsp_bytes(req), req->bytes, bc);
	if (bc > 2 && (req->bytes[1] & 1))
		kcifsd_smb_rsp_set_bc(req, bc - 2);
	if (req->bc > 1 && req->bytes[1] == 0xdd)
		return STATUS_BUFFER_OVERFLOW;	/* error with a reply block */
	return STATUS_SUCCESS;
}

static struct kcifsd_smb_cmd fz_cmds[256];

static int fz_dispatch_init(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fz_cmds); i++) {
		fz_cmds[i].name = "FUZZ";
		fz_cmds[i].handler = fz_handler;
		fz_cmds[i].flags = (i % 7 == 3) ? KCIFSD_CMD_NEEDS_UID : 0;
	}
	fz_cmds[SMB_COM_NEGOTIATE].handler = kcifsd_smb_negotiate;
	/*
	 * The real ECHO sends extra replies itself, which a fake
	 * connection cannot (smb_test_util.h): it keeps the stand-in.
	 */
	fz_cmds[SMB_COM_NT_CANCEL].handler = kcifsd_smb_nt_cancel;
	fz_cmds[SMB_COM_NT_CANCEL].flags = KCIFSD_CMD_NO_REPLY;
	kcifsd_smb_test_cmds = fz_cmds;
	return 0;
}

static void fz_dispatch_exit(struct kunit *test)
{
	kcifsd_smb_test_cmds = NULL;
}

/*
 * A reply must be a well-formed SMB1 message: the header of a reply to
 * this request, every block inside it, AndX links moving forward.
 */
static void check_reply(struct kunit *test, const u8 *req, u32 req_len,
			const u8 *rsp, u32 len)
{
	const struct smb1_hdr *h = (const void *)rsp;
	u32 off = sizeof(*h), end, nr, nr_off;
	u8 cmd;

	KUNIT_ASSERT_GE(test, len, (u32)SMB1_MIN_MSG_SIZE);
	KUNIT_EXPECT_TRUE(test, h->protocol == SMB1_PROTO_ID);
	KUNIT_EXPECT_TRUE(test, h->flags & SMB_FLAGS_REPLY);
	KUNIT_EXPECT_EQ(test, h->mid, ((const struct smb1_hdr *)req)->mid);
	cmd = h->command;
	for (nr = 0; nr < 2 * KCIFSD_ANDX_MAX_CHAIN; nr++) {
		KUNIT_ASSERT_LT(test, off + 2, len);
		end = off + 1 + 2 * rsp[off];
		KUNIT_ASSERT_LE(test, end + 2, len);
		end += 2 + get_unaligned_le16(rsp + end);
		KUNIT_ASSERT_LE(test, end, len);
		if (!kcifsd_andx_is_andx(cmd) || rsp[off] < 2 ||
		    rsp[off + 1] == SMB_COM_NO_ANDX_COMMAND)
			return;
		cmd = rsp[off + 1];
		nr_off = get_unaligned_le16(rsp + off + 3);
		KUNIT_ASSERT_GE(test, nr_off, end);
		off = nr_off;
	}
	KUNIT_FAIL(test, "reply chain does not end");
}

/*
 * Whole requests through kcifsd_smb_handle() on a negotiated fake
 * connection (and, now and then, a fresh one): any reply is checked.
 */
static void fuzz_dispatch(struct kunit *test)
{
	struct kcifsd_test_smb *t = NULL;
	u8 seed[256];
	struct fz f;
	u32 round, len;

	fz_init(test, &f, 2);
	for (round = 0; round < 2 * FZ_ROUNDS; round++) {
		if (!t || !fz_below(&f, 500)) {
			t = kcifsd_test_smb_new(test);
			if (fz_below(&f, 4))
				kcifsd_test_negotiate(test, t, 0xc801);
		}
		len = fz_mutate(&f, seed, smb_seed(&f, seed));
		if (len < 4 || len > KCIFSD_TEST_MSG_MAX)
			continue;
		memcpy(t->msg, f.buf, len);
		t->len = len;
		kcifsd_test_smb_run(test, t);
		KUNIT_ASSERT_FALSE(test, t->work.parked);
		if (t->rsp)
			check_reply(test, f.buf, len, t->rsp, t->rsp_len);
		if (t->work.disconnect)
			t = NULL;	/* the core would close it */
	}
}

/* ---- NEGOTIATE ---- */

static void fuzz_dialects(struct kunit *test)
{
	static const u8 seed[] = "\x02PC NETWORK PROGRAM 1.0\0\x02LANMAN1.0\0"
				 "\x02NT LM 0.12\0\x02SMB 2.002\0";
	struct fz f;
	u32 round, len, status, i, entries;
	u16 index;
	u8 *m;

	fz_init(test, &f, 3);
	for (round = 0; round < FZ_ROUNDS; round++) {
		len = fz_mutate(&f, seed, sizeof(seed) - 1);
		m = fz_exact(test, &f, len);
		status = kcifsd_negotiate_pick_dialect(m, len, &index);
		for (i = 0, entries = 0; i < len; i++)
			entries += m[i] == SMB_BUFFER_FORMAT_DIALECT;
		if (status)
			KUNIT_EXPECT_EQ(test, status, (u32)STATUS_INVALID_SMB);
		else
			KUNIT_EXPECT_TRUE(test,
					  index == SMB1_NO_DIALECT ||
					  index < entries);
		kfree(m);
	}
}

/* ---- transport framing ---- */

static void fuzz_frame(struct kunit *test)
{
	char called[KCIFSD_NBT_NAME_LEN], calling[KCIFSD_NBT_NAME_LEN];
	u8 seed[2 * KCIFSD_NBT_ENCODED_NAME_LEN], hdr[4], type, *m;
	struct fz f;
	u32 round, len, flen, i;
	int ret;

	fz_init(test, &f, 4);
	for (i = 0; i < 2; i++) {	/* "*SMBSERVER" <20>, "FUZZ" <00> */
		u8 *p = seed + i * KCIFSD_NBT_ENCODED_NAME_LEN;
		const char *name = i ? "FUZZ           " : "*SMBSERVER     ";
		unsigned int j;

		p[0] = 32;
		for (j = 0; j < 16; j++) {
			u8 c = j < 15 ? name[j] : (i ? 0x00 : 0x20);

			p[1 + 2 * j] = 'A' + (c >> 4);
			p[2 + 2 * j] = 'A' + (c & 15);
		}
		p[33] = 0;
	}
	for (round = 0; round < FZ_ROUNDS; round++) {
		for (i = 0; i < 4; i++)
			hdr[i] = fz_below(&f, 4) ? fz_next(&f) :
				 fz_interesting[fz_below(&f, 6)];
		ret = kcifsd_frame_parse(hdr, round & 1, &type, &flen);
		if (!ret)
			KUNIT_EXPECT_LE(test, flen, round & 1 ?
					KCIFSD_FRAME_NBT_MAX_LEN :
					KCIFSD_FRAME_TCP_MAX_LEN);
		else
			KUNIT_EXPECT_EQ(test, ret, -EPROTO);

		len = fz_mutate(&f, seed, sizeof(seed));
		m = fz_exact(test, &f, len);
		ret = kcifsd_nbt_parse_session_request(m, len, called,
						       calling);
		KUNIT_EXPECT_TRUE(test, ret == 0 || ret == -EPROTO);
		kfree(m);
	}
}

/* ---- SPNEGO and NTLMSSP ---- */

static const u8 spnego_init_seed[] = {
	0x60, 0x48, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02,
	0xa0, 0x3e, 0x30, 0x3c, 0xa0, 0x0e, 0x30, 0x0c, 0x06, 0x0a,
	0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a,
	0xa2, 0x2a, 0x04, 0x28,
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0, 1, 0, 0, 0,
	0x97, 0x82, 0x08, 0xe2, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0x00, 0x61, 0x4a, 0, 0, 0, 0x0f,
};

static const u8 spnego_resp_seed[] = {
	0xa1, 0x1d, 0x30, 0x1b, 0xa0, 0x03, 0x0a, 0x01, 0x01,
	0xa2, 0x14, 0x04, 0x12,
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0, 3, 0, 0, 0,
	1, 2, 3, 4, 5, 6,
};

static void fuzz_spnego(struct kunit *test)
{
	struct kcifsd_spnego_token tok;
	struct fz f;
	u32 round, len;
	int ret;
	u8 *m;

	fz_init(test, &f, 5);
	for (round = 0; round < 2 * FZ_ROUNDS; round++) {
		if (round & 1)
			len = fz_mutate(&f, spnego_resp_seed,
					sizeof(spnego_resp_seed));
		else
			len = fz_mutate(&f, spnego_init_seed,
					sizeof(spnego_init_seed));
		m = fz_exact(test, &f, len);
		ret = kcifsd_spnego_parse(m, len, &tok);
		if (ret) {
			KUNIT_EXPECT_EQ(test, ret, -EINVAL);
			KUNIT_EXPECT_FALSE(test, tok.mech_token);
		} else {
			KUNIT_EXPECT_TRUE(test, inside(tok.mech_token,
						       tok.mech_token_len,
						       m, len));
			KUNIT_EXPECT_TRUE(test, inside(tok.mech_list_mic,
						       tok.mech_list_mic_len,
						       m, len));
			KUNIT_EXPECT_TRUE(test, inside(tok.mech_types,
						       tok.mech_types_len,
						       m, len));
		}
		kfree(m);
	}
}

/* An AUTHENTICATE_MESSAGE with every field present, NTLMv2 with a MIC. */
static u32 ntlmssp_auth_seed(u8 *m)
{
	static const u8 hdr[] = "NTLMSSP";
	/* LM, NT, domain, user, workstation, session key */
	static const u16 lens[6] = { 24, 76, 12, 8, 6, 16 };
	u32 off = 88, i;

	memset(m, 0, 300);
	memcpy(m, hdr, 8);
	put_unaligned_le32(3, m + 8);
	for (i = 0; i < 6; i++) {
		put_unaligned_le16(lens[i], m + 12 + 8 * i);
		put_unaligned_le16(lens[i], m + 14 + 8 * i);
		put_unaligned_le32(off, m + 16 + 8 * i);
		off += lens[i];
	}
	put_unaligned_le32(0xe2888215, m + 60);
	/* NT response: proof, blob header, MsvAvFlags = MIC, EOL */
	i = 88 + 24;
	m[i + 16] = 1;
	m[i + 17] = 1;
	put_unaligned_le16(6, m + i + 44);
	put_unaligned_le16(4, m + i + 46);
	put_unaligned_le32(2, m + i + 48);
	return off;
}

static void fuzz_ntlmssp(struct kunit *test)
{
	static const u8 neg_seed[] = {
		'N', 'T', 'L', 'M', 'S', 'S', 'P', 0, 1, 0, 0, 0,
		0x97, 0x82, 0x08, 0xe2, 3, 0, 3, 0, 40, 0, 0, 0,
		3, 0, 3, 0, 43, 0, 0, 0, 0x0a, 0, 0x61, 0x4a, 0, 0, 0, 0x0f,
		'D', 'O', 'M', 'W', 'K', 'S',
	};
	struct kcifsd_ntlmssp_state st = {};
	struct kcifsd_ntlmssp_auth a;
	u8 auth_seed[300], *m;
	const u8 *val;
	u16 val_len;
	struct fz f;
	u32 round, len, alen;
	int ret;

	fz_init(test, &f, 6);
	alen = ntlmssp_auth_seed(auth_seed);
	for (round = 0; round < 2 * FZ_ROUNDS; round++) {
		len = fz_mutate(&f, neg_seed, sizeof(neg_seed));
		m = fz_exact(test, &f, len);
		ret = kcifsd_ntlmssp_negotiate(&st, m, len);
		KUNIT_EXPECT_TRUE(test, ret == 0 || ret == -EINVAL);
		kcifsd_ntlmssp_state_free(&st);
		kfree(m);

		len = fz_mutate(&f, auth_seed, alen);
		m = fz_exact(test, &f, len);
		ret = kcifsd_ntlmssp_parse_authenticate(m, len, &a);
		if (!ret) {
			KUNIT_EXPECT_TRUE(test, inside(a.lm, a.lm_len, m, len));
			KUNIT_EXPECT_TRUE(test, inside(a.nt, a.nt_len, m, len));
			KUNIT_EXPECT_TRUE(test, inside(a.domain, a.domain_len,
						       m, len));
			KUNIT_EXPECT_TRUE(test, inside(a.user, a.user_len, m,
						       len));
			KUNIT_EXPECT_TRUE(test, inside(a.workstation,
						       a.workstation_len, m,
						       len));
			KUNIT_EXPECT_TRUE(test, inside(a.enc_key, a.enc_key_len,
						       m, len));
		} else {
			KUNIT_EXPECT_EQ(test, ret, -EINVAL);
		}
		kfree(m);

		/* AV pairs on their own, from the NT response's offset on */
		len = fz_mutate(&f, auth_seed + 88 + 24 + 44, 12);
		m = fz_exact(test, &f, len);
		ret = kcifsd_ntlmssp_av_find(m, len, fz_below(&f, 11), &val,
					     &val_len);
		if (!ret)
			KUNIT_EXPECT_TRUE(test, inside(val, val_len, m, len));
		else
			KUNIT_EXPECT_TRUE(test,
					  ret == -ENOENT || ret == -EINVAL);
		kfree(m);
	}
}

/* ---- SMB Direct ---- */

static void fuzz_smbd(struct kunit *test)
{
	struct kcifsd_smbd_params ours;
	struct kcifsd_smbd_negotiated neg;
	struct kcifsd_smbd_data_info d;
	struct kcifsd_smbd_reasm r = {};
	enum kcifsd_smbd_reasm_step step;
	u8 neg_seed[20] = {}, data_seed[40] = {}, *m;
	u32 round, len, off, max_frag = 1048576;
	struct fz f;
	int ret;

	fz_init(test, &f, 7);
	kcifsd_smbd_params_default(&ours);
	put_unaligned_le16(0x100, neg_seed);
	put_unaligned_le16(0x100, neg_seed + 2);
	put_unaligned_le16(255, neg_seed + 6);
	put_unaligned_le32(1364, neg_seed + 8);
	put_unaligned_le32(8192, neg_seed + 12);
	put_unaligned_le32(1048576, neg_seed + 16);
	put_unaligned_le16(255, data_seed);
	put_unaligned_le16(10, data_seed + 2);
	put_unaligned_le32(100, data_seed + 8);
	put_unaligned_le32(24, data_seed + 12);
	put_unaligned_le32(16, data_seed + 16);

	for (round = 0; round < 2 * FZ_ROUNDS; round++) {
		len = fz_mutate(&f, neg_seed, sizeof(neg_seed));
		m = fz_exact(test, &f, len);
		ret = kcifsd_smbd_negotiate_req_parse(m, len, &ours, &neg);
		if (!ret) {
			KUNIT_EXPECT_GE(test, neg.max_fragmented_send_size,
					(u32)KCIFSD_SMBD_MIN_FRAGMENTED_SIZE);
			KUNIT_EXPECT_LE(test, neg.max_send_size,
					ours.max_send_size);
		}
		kfree(m);

		len = fz_mutate(&f, data_seed, sizeof(data_seed));
		m = fz_exact(test, &f, len);
		ret = kcifsd_smbd_data_parse(m, len, max_frag, &d);
		if (!ret) {
			KUNIT_EXPECT_TRUE(test, inside(m + d.offset, d.length,
						       m, len));
			ret = kcifsd_smbd_reasm_add(&r, &d, max_frag, &step,
						    &off);
			if (!ret && step != KCIFSD_SMBD_REASM_NONE)
				KUNIT_EXPECT_LE(test, (u64)off + d.length,
						(u64)r.total);
			if (ret || kcifsd_smbd_reasm_complete(&r))
				kcifsd_smbd_reasm_reset(&r);
			KUNIT_EXPECT_LE(test, r.received, r.total);
		}
		kfree(m);
	}
}

/* ---- pathnames ---- */

static void fuzz_path(struct kunit *test)
{
	static const u8 seed[] =
		"\\\0d\0i\0r\0\\\0.\0.\0\\\0f\0i\0l\0e\0.\0t\0x\0t\0\0\0";
	struct kcifsd_smb_path p;
	struct fz f;
	u32 round, len, status, off;
	unsigned int next;
	bool unicode;
	u8 *m;

	fz_init(test, &f, 8);
	for (round = 0; round < 2 * FZ_ROUNDS; round++) {
		len = fz_mutate(&f, seed, sizeof(seed) - 1);
		unicode = round & 1;
		m = fz_exact(test, &f, len);
		off = len ? fz_below(&f, 2) : 0;
		status = kcifsd_path_decode(m, off, len, unicode,
					    fz_below(&f, 2) ?
					    KCIFSD_PATH_WILDCARDS : 0,
					    &p, &next);
		if (!status) {
			KUNIT_EXPECT_EQ(test, (u32)strlen(p.name), p.len);
			KUNIT_EXPECT_LE(test, p.last, p.len);
			KUNIT_EXPECT_LE(test, next, len);
			KUNIT_EXPECT_FALSE(test, strchr(p.name, '\\'));
			KUNIT_EXPECT_FALSE(test, !strcmp(p.name, "..") ||
					   !strncmp(p.name, "../", 3) ||
					   strstr(p.name, "/../") ||
					   (p.len >= 3 &&
					    !strcmp(p.name + p.len - 3, "/..")));
			kcifsd_path_free(&p);
		}
		kfree(m);
	}
}

/* ---- command wire parsers (SESSION_SETUP, TREE_CONNECT, transactions) ---- */

/*
 * A request as the dispatcher hands it to a handler: @m (an exact-size
 * copy of a message) with its first block located; false if the block
 * does not parse (the dispatcher would refuse the message).
 */
static bool fake_req(struct kcifsd_smb_req *req, const u8 *m, u32 len)
{
	struct kcifsd_smb_block blk;

	memset(req, 0, sizeof(*req));
	if (len < SMB1_MIN_MSG_SIZE ||
	    kcifsd_smb_parse_block(m, len, sizeof(struct smb1_hdr), m[4], &blk))
		return false;
	req->buf = m;
	req->len = len;
	req->hdr = (const struct smb1_hdr *)m;
	req->command = m[4];
	req->flags2 = get_unaligned_le16(m + 10);
	req->wc = blk.wc;
	req->words = blk.words;
	req->bc = blk.bc;
	req->bytes = blk.bytes;
	req->block = blk.offset;
	return true;
}

static bool string_inside(const struct kcifsd_smb_string *s,
			  const struct kcifsd_smb_req *req)
{
	return !s->p || inside(s->p, s->len, req->bytes, req->bc);
}

/* SESSION_SETUP_ANDX (both forms) and TREE_CONNECT_ANDX requests. */
static u32 logon_seed(struct fz *f, u8 *m)
{
	u32 len, i;
	u8 *w, *b;

	switch (fz_below(f, 3)) {
	case 0:		/* NT LM 0.12: 24-byte LM, 40-byte NT, names */
		len = put_hdr(m, SMB_COM_SESSION_SETUP_ANDX, 0xc801);
		len = put_block(m, len, 13, 90, 0);
		w = m + 33;
		put_andx(m, 32, SMB_COM_NO_ANDX_COMMAND, 0);
		put_unaligned_le16(24, w + 14);
		put_unaligned_le16(40, w + 16);
		b = w + 26 + 2;
		for (i = 64; i < 89; i += 2)
			put_unaligned_le16(i == 76 ? 0 : 'a' + i % 26, b + i);
		return len;
	case 1:		/* extended: a 40-byte blob, then strings */
		len = put_hdr(m, SMB_COM_SESSION_SETUP_ANDX, 0xc801);
		len = put_block(m, len, 12, 60, 0);
		w = m + 33;
		put_andx(m, 32, SMB_COM_NO_ANDX_COMMAND, 0);
		put_unaligned_le16(40, w + 14);
		memcpy(w + 24 + 2, "NTLMSSP", 8);
		return len;
	default:	/* TREE_CONNECT_ANDX \\S\share, "?????" */
		len = put_hdr(m, SMB_COM_TREE_CONNECT_ANDX, 0xc801);
		len = put_block(m, len, 4, 32, 0);
		w = m + 33;
		put_andx(m, 32, SMB_COM_NO_ANDX_COMMAND, 0);
		put_unaligned_le16(1, w + 6);
		b = w + 8 + 2;
		b[0] = 0;
		memcpy(b + 1, "\\\0\\\0S\0\\\0s\0h\0a\0r\0e\0\0\0", 20);
		memcpy(b + 21, "?????", 6);
		return len;
	}
}

static void fuzz_logon_wire(struct kunit *test)
{
	struct kcifsd_tree_connect tc;
	struct kcifsd_smb_req req;
	struct kcifsd_sess_setup ss;
	char *utf8;
	u8 seed[256], *m;
	struct fz f;
	u32 round, len, status;
	int n;

	fz_init(test, &f, 9);
	utf8 = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, utf8);
	for (round = 0; round < 2 * FZ_ROUNDS; round++) {
		len = fz_mutate(&f, seed, logon_seed(&f, seed));
		m = fz_exact(test, &f, len);
		if (!fake_req(&req, m, len)) {
			kfree(m);
			continue;
		}
		if (req.command == SMB_COM_TREE_CONNECT_ANDX) {
			status = kcifsd_tree_connect_parse(&req, &tc);
			if (!status)
				KUNIT_EXPECT_LT(test, strnlen(tc.share,
							      sizeof(tc.share)),
						sizeof(tc.share));
			kfree(m);
			continue;
		}
		status = kcifsd_sess_setup_parse(&req, &ss);
		if (!status) {
			KUNIT_EXPECT_TRUE(test, inside(ss.lm, ss.lm_len,
						       req.bytes, req.bc));
			KUNIT_EXPECT_TRUE(test, inside(ss.nt, ss.nt_len,
						       req.bytes, req.bc));
			KUNIT_EXPECT_TRUE(test, inside(ss.blob, ss.blob_len,
						       req.bytes, req.bc));
			KUNIT_EXPECT_TRUE(test, string_inside(&ss.account, &req));
			KUNIT_EXPECT_TRUE(test, string_inside(&ss.domain, &req));
			KUNIT_EXPECT_TRUE(test, string_inside(&ss.native_os,
							      &req));
			KUNIT_EXPECT_TRUE(test, string_inside(&ss.native_lanman,
							      &req));
			n = kcifsd_smb_string_to_utf8(&ss.account, utf8, 64);
			if (n >= 0)
				KUNIT_EXPECT_EQ(test, (u32)strlen(utf8), (u32)n);
		}
		kfree(m);
	}
}

/* TRANS, TRANS2 and NT_TRANSACT primaries and secondaries. */
static u32 trans_seed(struct fz *f, u8 *m)
{
	static const u8 cmds[] = {
		SMB_COM_TRANSACTION, SMB_COM_TRANSACTION2,
		SMB_COM_TRANSACTION_SECONDARY, SMB_COM_TRANSACTION2_SECONDARY,
		SMB_COM_NT_TRANSACT, SMB_COM_NT_TRANSACT_SECONDARY,
	};
	u8 cmd = cmds[fz_below(f, ARRAY_SIZE(cmds))];
	u32 len = put_hdr(m, cmd, 0xc801), bytes;
	u8 *w = m + 33;

	switch (cmd) {
	case SMB_COM_TRANSACTION:
	case SMB_COM_TRANSACTION2:
		len = put_block(m, len, 16, 40, 0);
		bytes = 33 + 32 + 2;
		put_unaligned_le16(8, w + 0);		/* totals */
		put_unaligned_le16(16, w + 2);
		put_unaligned_le16(8, w + 18);		/* param count, offset */
		put_unaligned_le16(bytes + 4, w + 20);
		put_unaligned_le16(16, w + 22);		/* data count, offset */
		put_unaligned_le16(bytes + 16, w + 24);
		w[26] = 2;				/* SetupCount */
		return len;
	case SMB_COM_NT_TRANSACT:
		len = put_block(m, len, 19, 40, 0);
		bytes = 33 + 38 + 2;
		put_unaligned_le32(8, w + 3);
		put_unaligned_le32(16, w + 7);
		put_unaligned_le32(8, w + 19);
		put_unaligned_le32(bytes + 4, w + 23);
		put_unaligned_le32(16, w + 27);
		put_unaligned_le32(bytes + 16, w + 31);
		w[35] = 0;
		return len;
	case SMB_COM_NT_TRANSACT_SECONDARY:
		len = put_block(m, len, 18, 24, 0);
		bytes = 33 + 36 + 2;
		put_unaligned_le32(8, w + 3);
		put_unaligned_le32(16, w + 7);
		put_unaligned_le32(4, w + 11);
		put_unaligned_le32(bytes, w + 15);
		put_unaligned_le32(4, w + 19);
		put_unaligned_le32(8, w + 23);
		put_unaligned_le32(bytes + 8, w + 27);
		put_unaligned_le32(8, w + 31);
		return len;
	default:
		len = put_block(m, len, cmd == SMB_COM_TRANSACTION2_SECONDARY ?
				9 : 8, 24, 0);
		bytes = len - 24;
		put_unaligned_le16(8, w + 0);
		put_unaligned_le16(16, w + 2);
		put_unaligned_le16(4, w + 4);
		put_unaligned_le16(bytes, w + 6);
		put_unaligned_le16(4, w + 8);
		put_unaligned_le16(8, w + 10);
		put_unaligned_le16(bytes + 8, w + 12);
		put_unaligned_le16(8, w + 14);
		return len;
	}
}

static void check_block(struct kunit *test, const struct kcifsd_trans_block *b)
{
	u32 sum = 0, i;

	KUNIT_EXPECT_LE(test, b->got, b->total);
	KUNIT_EXPECT_LE(test, b->nr, (unsigned int)KCIFSD_TRANS_MAX_RANGES);
	for (i = 0; i < b->nr && i < KCIFSD_TRANS_MAX_RANGES; i++) {
		KUNIT_EXPECT_LT(test, b->ranges[i].start, b->ranges[i].end);
		KUNIT_EXPECT_LE(test, b->ranges[i].end, b->total);
		if (i)	/* sorted, disjoint, not touching */
			KUNIT_EXPECT_LT(test, b->ranges[i - 1].end,
					b->ranges[i].start);
		sum += b->ranges[i].end - b->ranges[i].start;
	}
	KUNIT_EXPECT_EQ(test, sum, b->got);
}

static void fuzz_transaction(struct kunit *test)
{
	struct kcifsd_trans_block blk = {};
	struct kcifsd_smb_req req;
	struct kcifsd_trans_msg t;
	u8 seed[256], *m;
	struct fz f;
	u32 round, len, status, start, end, disp, count;

	fz_init(test, &f, 10);
	for (round = 0; round < 4 * FZ_ROUNDS; round++) {
		len = fz_mutate(&f, seed, trans_seed(&f, seed));
		m = fz_exact(test, &f, len);
		if (fake_req(&req, m, len)) {
			status = kcifsd_trans_parse(&req, &t);
			start = req.bytes - m;
			end = start + req.bc;
			if (!status) {
				KUNIT_EXPECT_TRUE(test, !t.param_count ||
						  (t.param_off >= start &&
						   t.param_off + t.param_count <= end));
				KUNIT_EXPECT_TRUE(test, !t.data_count ||
						  (t.data_off >= start &&
						   t.data_off + t.data_count <= end));
				KUNIT_EXPECT_TRUE(test, !t.setup_count ||
						  inside(t.setup,
							 2 * t.setup_count,
							 req.words,
							 2 * req.wc));
				if (t.command == SMB_COM_TRANSACTION)
					KUNIT_EXPECT_LE(test,
							t.name_off + t.name_len,
							end);
			}
		}
		kfree(m);

		/* Reassembly bookkeeping with hostile displacements. */
		if (!fz_below(&f, 16) || !blk.total) {
			memset(&blk, 0, sizeof(blk));
			blk.total = fz_below(&f, 4) ? 1 + fz_below(&f, 200) :
				    fz_interesting[fz_below(&f, 14)];
		}
		if (!fz_below(&f, 8)) {
			kcifsd_trans_block_reduce(&blk, fz_below(&f, 4) ?
						  fz_below(&f, blk.total + 2) :
						  fz_interesting[fz_below(&f, 14)]);
		} else {
			disp = fz_below(&f, 4) ? fz_below(&f, blk.total + 8) :
			       fz_interesting[fz_below(&f, 14)];
			count = fz_below(&f, 4) ? fz_below(&f, 40) :
				fz_interesting[fz_below(&f, 14)];
			kcifsd_trans_block_add(&blk, disp, count);
		}
		check_block(test, &blk);
	}
}

static struct kunit_case parser_fuzz_cases[] = {
	KUNIT_CASE(fuzz_smb_chain),
	KUNIT_CASE(fuzz_dialects),
	KUNIT_CASE(fuzz_frame),
	KUNIT_CASE(fuzz_spnego),
	KUNIT_CASE(fuzz_ntlmssp),
	KUNIT_CASE(fuzz_smbd),
	KUNIT_CASE(fuzz_path),
	KUNIT_CASE(fuzz_logon_wire),
	KUNIT_CASE(fuzz_transaction),
	{}
};

static struct kunit_suite parser_fuzz_suite = {
	.name = "kcifsd_parser_fuzz",
	.test_cases = parser_fuzz_cases,
};

static struct kunit_case dispatch_fuzz_cases[] = {
	KUNIT_CASE(fuzz_dispatch),
	{}
};

static struct kunit_suite dispatch_fuzz_suite = {
	.name = "kcifsd_dispatch_fuzz",
	.init = fz_dispatch_init,
	.exit = fz_dispatch_exit,
	.test_cases = dispatch_fuzz_cases,
};

kunit_test_suites(&parser_fuzz_suite, &dispatch_fuzz_suite);
