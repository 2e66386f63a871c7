// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transaction mechanics for SMB_COM_TRANSACTION, SMB_COM_TRANSACTION2 and
 * SMB_COM_NT_TRANSACT (MS-CIFS 3.3.5.2.5): parsing and checking the
 * transaction fields of every primary and secondary request, reassembling
 * parameters and data that arrive in several messages (in any order:
 * workers run a connection's requests concurrently), the interim
 * response, and the final response in as many parts as
 * ClientMaxBufferSize needs. fs/transaction.h says how a subcommand
 * family plugs in.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/transaction.h"
#include "net/connection.h"

/**
 * struct kcifsd_trans_table - a connection's incomplete transactions
 * @lock: protects everything here and the reassembly state of every
 *	transaction on @list (secondaries of one transaction may run on
 *	several workers at once)
 * @list: transactions waiting for secondaries
 * @nr: entries on @list
 * @bytes: reassembly buffer bytes they hold
 */
struct kcifsd_trans_table {
	struct mutex lock;
	struct list_head list;
	unsigned int nr;
	size_t bytes;
};

/* ---- the wire: transaction fields of one message ---- */

/*
 * Word offsets of the transaction fields (MS-CIFS 2.2.4.33.1, 2.2.4.34.1,
 * 2.2.4.46.1, 2.2.4.47.1, 2.2.4.62.1, 2.2.4.63.1).
 */
#define TRANS_WORDS		14	/* TRANS/TRANS2 primary, before Setup */
#define TRANS_SETUP_COUNT	26
#define TRANS_SETUP		28
#define NTTRANS_WORDS		19	/* NT_TRANSACT primary, before Setup */
#define NTTRANS_SETUP_COUNT	35
#define NTTRANS_SETUP		38

/* Response WordCounts before the setup words (2.2.4.33.2, .46.2, .62.2) */
#define TRANS_RSP_WORDS		10
#define NTTRANS_RSP_WORDS	18

static bool trans_is_nt(u8 command)
{
	return command == SMB_COM_NT_TRANSACT ||
	       command == SMB_COM_NT_TRANSACT_SECONDARY;
}

/**
 * kcifsd_trans_primary_of() - the command a transaction message belongs to
 * @command: an SMB_COM_* code
 *
 * A secondary request continues its primary, and every response of the
 * transaction, the one a completing secondary carries included, is sent
 * under the primary's code (MS-CIFS 2.2.4.33.2, 2.2.4.46.2, 2.2.4.62.1:
 * "The Command for the initial request and for all responses MUST be
 * SMB_COM_NT_TRANSACT").
 *
 * Return: the primary's code for a secondary, else @command.
 */
u8 kcifsd_trans_primary_of(u8 command)
{
	switch (command) {
	case SMB_COM_TRANSACTION_SECONDARY:
		return SMB_COM_TRANSACTION;
	case SMB_COM_TRANSACTION2_SECONDARY:
		return SMB_COM_TRANSACTION2;
	case SMB_COM_NT_TRANSACT_SECONDARY:
		return SMB_COM_NT_TRANSACT;
	}
	return command;
}

static void parse_trans_primary(const u8 *w, struct kcifsd_trans_msg *m)
{
	m->total_param = get_unaligned_le16(w + 0);
	m->total_data = get_unaligned_le16(w + 2);
	m->max_param = get_unaligned_le16(w + 4);
	m->max_data = get_unaligned_le16(w + 6);
	m->max_setup = w[8];
	m->flags = get_unaligned_le16(w + 10);
	m->timeout = get_unaligned_le32(w + 12);
	m->param_count = get_unaligned_le16(w + 18);
	m->param_off = get_unaligned_le16(w + 20);
	m->data_count = get_unaligned_le16(w + 22);
	m->data_off = get_unaligned_le16(w + 24);
	m->setup_count = w[TRANS_SETUP_COUNT];
	m->setup = w + TRANS_SETUP;
}

static void parse_trans_secondary(const u8 *w, struct kcifsd_trans_msg *m)
{
	m->total_param = get_unaligned_le16(w + 0);
	m->total_data = get_unaligned_le16(w + 2);
	m->param_count = get_unaligned_le16(w + 4);
	m->param_off = get_unaligned_le16(w + 6);
	m->param_disp = get_unaligned_le16(w + 8);
	m->data_count = get_unaligned_le16(w + 10);
	m->data_off = get_unaligned_le16(w + 12);
	m->data_disp = get_unaligned_le16(w + 14);
	/* TRANS2 adds a FID, which no subcommand uses (2.2.4.47.1). */
}

static void parse_nttrans_primary(const u8 *w, struct kcifsd_trans_msg *m)
{
	m->max_setup = w[0];
	m->total_param = get_unaligned_le32(w + 3);
	m->total_data = get_unaligned_le32(w + 7);
	m->max_param = get_unaligned_le32(w + 11);
	m->max_data = get_unaligned_le32(w + 15);
	m->param_count = get_unaligned_le32(w + 19);
	m->param_off = get_unaligned_le32(w + 23);
	m->data_count = get_unaligned_le32(w + 27);
	m->data_off = get_unaligned_le32(w + 31);
	m->setup_count = w[NTTRANS_SETUP_COUNT];
	m->function = get_unaligned_le16(w + 36);
	m->setup = w + NTTRANS_SETUP;
}

static void parse_nttrans_secondary(const u8 *w, struct kcifsd_trans_msg *m)
{
	m->total_param = get_unaligned_le32(w + 3);
	m->total_data = get_unaligned_le32(w + 7);
	m->param_count = get_unaligned_le32(w + 11);
	m->param_off = get_unaligned_le32(w + 15);
	m->param_disp = get_unaligned_le32(w + 19);
	m->data_count = get_unaligned_le32(w + 23);
	m->data_off = get_unaligned_le32(w + 27);
	m->data_disp = get_unaligned_le32(w + 31);
}

/* Are @count bytes at @off inside the block's Bytes [@start, @end)? */
static bool region_ok(u32 off, u32 count, u32 start, u32 end)
{
	if (!count)
		return true;
	return off >= start && off <= end && count <= end - off;
}

/**
 * kcifsd_trans_parse() - the transaction fields of a request message
 * @req: the request; req->command is a transaction primary or secondary
 *	command whose WordCount fs/validate.c has checked against the
 *	command's minimum
 * @m: filled in
 *
 * The WordCount must be exactly the fixed words plus SetupCount
 * (MS-CIFS 2.2.4.33.1, 2.2.4.46.1, 2.2.4.62.1). ParameterOffset /
 * ParameterCount and DataOffset / DataCount must lie inside the message's
 * Bytes (a zero count may have any offset, 2.2.4.46.1), and in a primary
 * the counts may not exceed the totals. Displacements are checked against
 * the totals when the fragment is stored (kcifsd_trans_block_add()).
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_SMB for a WordCount that does
 * not match SetupCount, or STATUS_INVALID_PARAMETER for counts and
 * offsets the message cannot hold.
 */
u32 kcifsd_trans_parse(const struct kcifsd_smb_req *req,
		       struct kcifsd_trans_msg *m)
{
	u32 start = req->bytes - req->buf;
	u32 end = start + req->bc;
	const u8 *w = req->words;

	memset(m, 0, sizeof(*m));
	m->command = req->command;
	switch (req->command) {
	case SMB_COM_TRANSACTION:
	case SMB_COM_TRANSACTION2:
		if (req->wc < TRANS_WORDS ||
		    req->wc != TRANS_WORDS + w[TRANS_SETUP_COUNT])
			return STATUS_INVALID_SMB;
		m->primary = true;
		parse_trans_primary(w, m);
		break;
	case SMB_COM_TRANSACTION_SECONDARY:
	case SMB_COM_TRANSACTION2_SECONDARY:
		if (req->wc < 8)
			return STATUS_INVALID_SMB;
		parse_trans_secondary(w, m);
		break;
	case SMB_COM_NT_TRANSACT:
		if (req->wc < NTTRANS_WORDS ||
		    req->wc != NTTRANS_WORDS + w[NTTRANS_SETUP_COUNT])
			return STATUS_INVALID_SMB;
		m->primary = true;
		parse_nttrans_primary(w, m);
		break;
	case SMB_COM_NT_TRANSACT_SECONDARY:
		if (req->wc < 18)
			return STATUS_INVALID_SMB;
		parse_nttrans_secondary(w, m);
		break;
	default:
		return STATUS_INVALID_SMB;
	}

	if (!region_ok(m->param_off, m->param_count, start, end) ||
	    !region_ok(m->data_off, m->data_count, start, end))
		return STATUS_INVALID_PARAMETER;
	if (m->primary && (m->param_count > m->total_param ||
			   m->data_count > m->total_data))
		return STATUS_INVALID_PARAMETER;

	if (m->command == SMB_COM_TRANSACTION) {
		/*
		 * Name runs up to the first parameter or data byte; a
		 * Unicode one starts 2-byte aligned from the header, after
		 * a pad byte (2.2.1.1).
		 */
		u32 name_end = end;

		if (m->param_count)
			name_end = min(name_end, m->param_off);
		if (m->data_count)
			name_end = min(name_end, m->data_off);
		m->name_off = start;
		if ((req->flags2 & SMB_FLAGS2_UNICODE) && (start & 1) &&
		    start < name_end)
			m->name_off++;
		m->name_len = name_end - m->name_off;
	}
	return STATUS_SUCCESS;
}

/**
 * kcifsd_trans2_peek() - the subcommand and reply limits of a TRANS2
 *	primary request, before it is handled
 * @msg: the message, from the SMB header on, not yet validated
 * @len: bytes in @msg
 * @pk: filled in if the call returns true
 *
 * For a transport's receive work deciding where a request runs
 * (fs/rx_inline.c): the words are read by the parser's own
 * parse_trans_primary(), so the layout is said once. Only what the peek
 * reads is checked: the handler checks the whole request as ever.
 * The first parameter word is only taken if ParameterCount is at least 2
 * and ParameterOffset puts it after the setup word and inside @len.
 *
 * Return: true if @msg holds the words of a TRANS2 primary with one setup
 * word (WordCount 15, SetupCount 1), false otherwise.
 */
bool kcifsd_trans2_peek(const u8 *msg, unsigned int len,
			struct kcifsd_trans2_peek *pk)
{
	const unsigned int words = sizeof(struct smb1_hdr) + 1;
	const unsigned int past_setup = words + TRANS_SETUP + 2;
	struct kcifsd_trans_msg m = {};

	if (len < past_setup ||
	    ((const struct smb1_hdr *)msg)->command != SMB_COM_TRANSACTION2 ||
	    msg[words - 1] != TRANS_WORDS + 1 ||
	    msg[words + TRANS_SETUP_COUNT] != 1)
		return false;
	parse_trans_primary(msg + words, &m);
	pk->subcommand = get_unaligned_le16(m.setup);
	pk->max_param = m.max_param;
	pk->max_data = m.max_data;
	pk->has_param0 = m.param_count >= 2 && m.param_off >= past_setup &&
			 m.param_off <= len - 2;
	pk->param0 = pk->has_param0 ? get_unaligned_le16(msg + m.param_off) :
				      0;
	return true;
}

/* ---- reassembly ---- */

/**
 * kcifsd_trans_block_add() - account for a fragment of a block
 * @b: the block (parameters or data) of a transaction
 * @disp: the fragment's displacement
 * @count: its length
 *
 * MS-CIFS 3.3.5.2.5: fragments may come in any order; the block is
 * complete when the bytes received equal the smallest total. A fragment
 * past that total, or one that overlaps bytes already received (which
 * would let the count reach the total with a hole left), is refused, as
 * is a block cut into more than KCIFSD_TRANS_MAX_RANGES disjoint pieces.
 *
 * Return: 0, or -EINVAL if the fragment is refused; @b is then unchanged.
 */
int kcifsd_trans_block_add(struct kcifsd_trans_block *b, u32 disp, u32 count)
{
	struct kcifsd_trans_range *r = b->ranges;
	u32 end;
	unsigned int i, j;

	if (!count)
		return 0;
	if (count > b->total || disp > b->total - count)
		return -EINVAL;
	end = disp + count;

	/* The first range that ends at or after the fragment's start. */
	for (i = 0; i < b->nr && r[i].end < disp; i++)
		;
	if (i < b->nr && r[i].start < end && disp < r[i].end)
		return -EINVAL;	/* overlap */

	if (i < b->nr && r[i].end == disp) {
		/* Extends range i; it may now touch range i + 1. */
		if (i + 1 < b->nr && r[i + 1].start < end)
			return -EINVAL;
		r[i].end = end;
		if (i + 1 < b->nr && r[i + 1].start == end) {
			r[i].end = r[i + 1].end;
			for (j = i + 1; j + 1 < b->nr; j++)
				r[j] = r[j + 1];
			b->nr--;
		}
	} else if (i < b->nr && r[i].start == end) {
		r[i].start = disp;
	} else {
		if (b->nr == KCIFSD_TRANS_MAX_RANGES)
			return -EINVAL;
		for (j = b->nr; j > i; j--)
			r[j] = r[j - 1];
		r[i].start = disp;
		r[i].end = end;
		b->nr++;
	}
	b->got += count;
	return 0;
}

/**
 * kcifsd_trans_block_reduce() - a message states a block's total
 * @b: the block
 * @total: Total*Count from the message
 *
 * Clients may lower the totals in later messages (MS-CIFS 2.2.4.47.1);
 * the smallest one counts. A total below what has already been received
 * is a protocol error; a larger one than before is ignored.
 *
 * Return: 0, or -EINVAL.
 */
int kcifsd_trans_block_reduce(struct kcifsd_trans_block *b, u32 total)
{
	if (total >= b->total)
		return 0;
	if (b->nr && b->ranges[b->nr - 1].end > total)
		return -EINVAL;
	b->total = total;
	return 0;
}

static bool block_complete(const struct kcifsd_trans_block *b)
{
	return b->got == b->total;
}

/* ---- the connection's table of incomplete transactions ---- */

static struct kcifsd_trans_table *trans_table(struct kcifsd_smb_conn *sc)
{
	struct kcifsd_trans_table *tt = READ_ONCE(sc->trans), *old;

	if (tt)
		return tt;
	tt = kzalloc(sizeof(*tt), GFP_KERNEL);
	if (!tt)
		return NULL;
	mutex_init(&tt->lock);
	INIT_LIST_HEAD(&tt->list);
	old = cmpxchg(&sc->trans, NULL, tt);
	if (old) {
		mutex_destroy(&tt->lock);
		kfree(tt);
		return old;
	}
	return tt;
}

static struct kcifsd_trans *trans_find(struct kcifsd_trans_table *tt,
				       const struct kcifsd_smb_req *req)
{
	struct kcifsd_trans *t;

	lockdep_assert_held(&tt->lock);
	list_for_each_entry(t, &tt->list, node)
		if (t->mid == req->mid && t->pid == req->pid &&
		    t->uid == req->uid && t->tid == req->tid)
			return t;
	return NULL;
}

static void trans_unlink(struct kcifsd_trans_table *tt, struct kcifsd_trans *t)
{
	lockdep_assert_held(&tt->lock);
	list_del_init(&t->node);
	tt->nr--;
	tt->bytes -= t->in_size;
}

static void trans_free(struct kcifsd_trans *t)
{
	kvfree(t->rsp_param);
	kvfree(t->rsp_data);
	kvfree(t->in);
	kfree(t);
}

/**
 * kcifsd_trans_conn_release() - drop a connection's incomplete
 *	transactions
 * @sc: the connection's SMB1 state; no request of it runs any more
 */
void kcifsd_trans_conn_release(struct kcifsd_smb_conn *sc)
{
	struct kcifsd_trans_table *tt = sc->trans;
	struct kcifsd_trans *t, *tmp;

	if (!tt)
		return;
	list_for_each_entry_safe(t, tmp, &tt->list, node)
		trans_free(t);
	mutex_destroy(&tt->lock);
	kfree(tt);
	sc->trans = NULL;
}

/* ---- the response ---- */

/**
 * kcifsd_trans_rsp_param() - allocate the response's parameter block
 * @t: the transaction
 * @len: its length
 *
 * Called again, it replaces the block. The bytes are zeroed.
 *
 * Return: the block, or NULL if @len exceeds what the client accepts
 * (t->max_param) or memory ran out.
 */
void *kcifsd_trans_rsp_param(struct kcifsd_trans *t, u32 len)
{
	if (len > t->max_param)
		return NULL;
	kvfree(t->rsp_param);
	t->rsp_param = kvzalloc(max_t(u32, len, 1), GFP_KERNEL);
	t->rsp_param_count = t->rsp_param ? len : 0;
	return t->rsp_param;
}

/**
 * kcifsd_trans_rsp_data() - allocate the response's data block
 * @t: the transaction
 * @len: its length (at most t->max_data); kcifsd_trans_rsp_trim_data()
 *	shortens it once the run function knows how much it wrote
 *
 * Return: the zeroed block, or NULL as kcifsd_trans_rsp_param().
 */
void *kcifsd_trans_rsp_data(struct kcifsd_trans *t, u32 len)
{
	if (len > t->max_data)
		return NULL;
	kvfree(t->rsp_data);
	t->rsp_data = kvzalloc(max_t(u32, len, 1), GFP_KERNEL);
	t->rsp_data_count = t->rsp_data ? len : 0;
	return t->rsp_data;
}

/**
 * kcifsd_trans_rsp_trim_data() - shorten the response's data block
 * @t: the transaction
 * @len: the bytes written, at most what kcifsd_trans_rsp_data() gave
 */
void kcifsd_trans_rsp_trim_data(struct kcifsd_trans *t, u32 len)
{
	if (!WARN_ON_ONCE(len > t->rsp_data_count))
		t->rsp_data_count = len;
}

/**
 * kcifsd_trans_rsp_drop_data() - forget the response's data block
 * @t: the transaction
 *
 * For a run that allocated it and then fails: an error with no blocks
 * goes out as an error response (MS-CIFS 2.2.4.33.2), not with them.
 */
void kcifsd_trans_rsp_drop_data(struct kcifsd_trans *t)
{
	kvfree(t->rsp_data);
	t->rsp_data = NULL;
	t->rsp_data_count = 0;
}

/**
 * kcifsd_trans_build_part() - build the next part of a final response
 * @req: the request; the reply block starts where the last one did
 * @t: the transaction, with its response blocks
 * @param_sent: parameter bytes already sent; advanced
 * @data_sent: data bytes already sent; advanced
 *
 * MS-CIFS 3.3.5.2.5: a response larger than ClientMaxBufferSize goes as
 * several final responses, each with the totals and the displacement of
 * the bytes it carries, parameters before data (2.2.4.46.2). Parameters
 * and data start on 4-byte boundaries from the header, as Windows sends
 * them (<43>-<48>). An empty block gets no padding and its offset is
 * where it would start: clients check every offset against the message
 * even with a zero count (Samba refuses one past its end, Linux cifs one
 * past 1024).
 *
 * Return: 1 if more parts follow, 0 if this is the last, -ENOSPC if
 * ClientMaxBufferSize leaves no room for a single byte, -ENOMEM.
 */
int kcifsd_trans_build_part(struct kcifsd_smb_req *req,
			    const struct kcifsd_trans *t, u32 *param_sent,
			    u32 *data_sent)
{
	bool nt = trans_is_nt(t->command);
	u8 wc = (nt ? NTTRANS_RSP_WORDS : TRANS_RSP_WORDS) +
		t->rsp_setup_count;
	u32 rem_p = t->rsp_param_count - *param_sent;
	u32 rem_d = t->rsp_data_count - *data_sent;
	u32 start = req->rsp_block ? req->rsp_block : req->rsp_len;
	u32 bytes = start + 1 + 2 * wc + 2;
	u32 max = req->rsp_max, poff, doff, pc, dc, bc, i;
	u8 *w, *setup;

	poff = ALIGN(bytes, 4);
	pc = max > poff ? min(rem_p, max - poff) : 0;
	if (!pc)
		poff = bytes;
	doff = ALIGN(poff + pc, 4);
	dc = (pc == rem_p && max > doff) ? min(rem_d, max - doff) : 0;
	if (!dc)
		doff = poff + pc;
	if (!pc && !dc && (rem_p || rem_d))
		return -ENOSPC;
	bc = doff + dc - bytes;

	w = kcifsd_smb_rsp_block(req, wc, bc);
	if (!w)
		return -ENOMEM;
	if (nt) {
		/* Reserved1[3], then 32-bit fields (2.2.4.62.2) */
		put_unaligned_le32(t->rsp_param_count, w + 3);
		put_unaligned_le32(t->rsp_data_count, w + 7);
		put_unaligned_le32(pc, w + 11);
		put_unaligned_le32(poff, w + 15);
		put_unaligned_le32(*param_sent, w + 19);
		put_unaligned_le32(dc, w + 23);
		put_unaligned_le32(doff, w + 27);
		put_unaligned_le32(*data_sent, w + 31);
		w[35] = t->rsp_setup_count;
		setup = w + 36;
	} else {
		put_unaligned_le16(t->rsp_param_count, w + 0);
		put_unaligned_le16(t->rsp_data_count, w + 2);
		put_unaligned_le16(pc, w + 6);
		put_unaligned_le16(poff, w + 8);
		put_unaligned_le16(*param_sent, w + 10);
		put_unaligned_le16(dc, w + 12);
		put_unaligned_le16(doff, w + 14);
		put_unaligned_le16(*data_sent, w + 16);
		w[18] = t->rsp_setup_count;
		setup = w + 20;
	}
	for (i = 0; i < t->rsp_setup_count; i++)
		put_unaligned_le16(t->rsp_setup[i], setup + 2 * i);
	if (pc)
		memcpy(req->rsp + poff, t->rsp_param + *param_sent, pc);
	if (dc)
		memcpy(req->rsp + doff, t->rsp_data + *data_sent, dc);
	*param_sent += pc;
	*data_sent += dc;
	return *param_sent < t->rsp_param_count ||
	       *data_sent < t->rsp_data_count;
}

/*
 * The final response(s) of a run that returned @status: all parts but
 * the last are sent from here, the last is left for the core.
 */
static u32 trans_reply(struct kcifsd_smb_req *req, struct kcifsd_trans *t,
		       u32 status)
{
	bool built = t->rsp_param || t->rsp_data;
	u32 param_sent = 0, data_sent = 0;
	int ret;

	if (status && !built)
		return status;
	if (!NT_STATUS_IS_ERROR(status) && (t->flags & SMB_TRANS_NO_RESPONSE)) {
		/* A one-way transaction (2.2.4.33.1 Flags) */
		kcifsd_smb_rsp_none(req);
		return STATUS_SUCCESS;
	}
	if (t->rsp_setup_count > KCIFSD_TRANS_MAX_RSP_SETUP) {
		WARN_ON_ONCE(1);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	for (;;) {
		ret = kcifsd_trans_build_part(req, t, &param_sent, &data_sent);
		if (ret < 0) {
			pr_warn_ratelimited("%pISc: transaction reply does not fit ClientMaxBufferSize %u\n",
					    &req->conn->peer, req->rsp_max);
			kcifsd_smb_rsp_error(req);
			return STATUS_INSUFF_SERVER_RESOURCES;
		}
		if (!ret)
			return status;
		if (kcifsd_smb_rsp_send(req, status)) {
			/* The connection is failing; nothing more to send. */
			kcifsd_smb_rsp_none(req);
			return status;
		}
	}
}

/* Run a complete transaction and answer it; frees @t unless it parks. */
static u32 trans_finish(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	u32 status;

	status = t->run(req, t);
	if (status == STATUS_PENDING) {
		req->priv = t;
		return status;
	}
	status = trans_reply(req, t, status);
	trans_free(t);
	return status;
}

static u32 trans_resume(struct kcifsd_smb_req *req)
{
	struct kcifsd_trans *t = req->priv;

	req->priv = NULL;
	return trans_finish(req, t);
}

/* ---- primary and secondary requests ---- */

static void trans_set_request(struct kcifsd_smb_req *req,
			      struct kcifsd_trans *t,
			      const struct kcifsd_trans_msg *m,
			      kcifsd_trans_run_t run)
{
	t->command = m->command;
	t->flags = m->flags;
	t->timeout = m->timeout;
	t->function = m->function;
	t->setup_count = m->setup_count;
	t->setup = m->setup;
	t->unicode = req->flags2 & SMB_FLAGS2_UNICODE;
	t->max_setup = m->max_setup;
	t->max_param = min_t(u32, m->max_param, KCIFSD_TRANS_MAX_OUT);
	t->max_data = min_t(u32, m->max_data,
			    KCIFSD_TRANS_MAX_OUT - t->max_param);
	t->uid = req->uid;
	t->tid = req->tid;
	t->pid = req->pid;
	t->mid = req->mid;
	t->run = run;
	t->p.total = m->total_param;
	t->d.total = m->total_data;
	INIT_LIST_HEAD(&t->node);
	if (m->command == SMB_COM_TRANSACTION) {
		t->name = req->buf + m->name_off;
		t->name_len = m->name_len;
	}
}

/* Copy one message's fragments into the reassembly buffer. */
static int trans_store(struct kcifsd_trans *t, const struct kcifsd_smb_req *req,
		       const struct kcifsd_trans_msg *m)
{
	struct kcifsd_trans_block p = t->p, d = t->d;

	if (kcifsd_trans_block_reduce(&p, m->total_param) ||
	    kcifsd_trans_block_reduce(&d, m->total_data) ||
	    kcifsd_trans_block_add(&p, m->param_disp, m->param_count) ||
	    kcifsd_trans_block_add(&d, m->data_disp, m->data_count))
		return -EINVAL;
	t->p = p;
	t->d = d;
	/* The data block sits after the largest parameter block announced. */
	memcpy(t->in + m->param_disp, req->buf + m->param_off, m->param_count);
	memcpy(t->in + t->data_base + m->data_disp, req->buf + m->data_off,
	       m->data_count);
	return 0;
}

static bool trans_whole(const struct kcifsd_trans_msg *m)
{
	return m->param_count == m->total_param &&
	       m->data_count == m->total_data;
}

/*
 * A primary that announces more than it carries: a reassembly buffer for
 * the announced totals, with the setup words and the TRANS Name copied
 * behind them (the message is gone when the secondaries come), checked
 * against the connection's caps, and entered in its table.
 */
static u32 trans_start_partial(struct kcifsd_smb_req *req,
			       struct kcifsd_trans *t,
			       const struct kcifsd_trans_msg *m)
{
	struct kcifsd_trans_table *tt;
	u32 setup_len = 2 * m->setup_count;
	u64 blocks = (u64)m->total_param + m->total_data;
	u8 *p;

	if (blocks > KCIFSD_TRANS_MAX_IN)
		return STATUS_INSUFF_SERVER_RESOURCES;
	tt = trans_table(req->sc);
	if (!tt)
		return STATUS_INSUFF_SERVER_RESOURCES;
	t->in_size = blocks + setup_len + m->name_len;
	t->in = kvzalloc(t->in_size, GFP_KERNEL);
	if (!t->in)
		return STATUS_INSUFF_SERVER_RESOURCES;
	t->data_base = m->total_param;

	p = t->in + blocks;
	memcpy(p, m->setup, setup_len);
	t->setup = p;
	p += setup_len;
	if (t->name) {
		memcpy(p, t->name, m->name_len);
		t->name = p;
	}
	if (trans_store(t, req, m))
		return STATUS_INVALID_PARAMETER;

	mutex_lock(&tt->lock);
	if (tt->nr >= KCIFSD_TRANS_MAX_PENDING ||
	    tt->bytes + t->in_size > KCIFSD_TRANS_MAX_PENDING_BYTES) {
		mutex_unlock(&tt->lock);
		pr_info_ratelimited("%pISc: too many incomplete transactions (%u, %zu bytes)\n",
				    &req->conn->peer, tt->nr, tt->bytes);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	if (trans_find(tt, req)) {
		mutex_unlock(&tt->lock);
		pr_info_ratelimited("%pISc: transaction mid %u started twice\n",
				    &req->conn->peer, req->mid);
		return STATUS_INVALID_PARAMETER;
	}
	list_add_tail(&t->node, &tt->list);
	tt->nr++;
	tt->bytes += t->in_size;
	mutex_unlock(&tt->lock);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_trans_primary() - handle a TRANS, TRANS2 or NT_TRANSACT primary
 *	request
 * @req: the request
 * @run: the subcommand family's run function
 *
 * MS-CIFS 3.3.5.2.5: a request that carries all its parameters and data
 * runs at once (its blocks are used where they lie in the message); one
 * that carries less gets the interim response (WordCount 0, ByteCount 0)
 * and waits for its secondaries. A resumed request goes back to the run
 * function that parked it.
 *
 * Return: an NTSTATUS for the dispatcher (fs/smb_req.h).
 */
u32 kcifsd_trans_primary(struct kcifsd_smb_req *req, kcifsd_trans_run_t run)
{
	struct kcifsd_trans_msg m;
	struct kcifsd_trans *t;
	u32 status;

	if (req->resumed)
		return trans_resume(req);
	status = kcifsd_trans_parse(req, &m);
	if (status) {
		pr_info_ratelimited("%pISc: bad transaction request (command 0x%02x, mid %u): status 0x%08x\n",
				    &req->conn->peer, req->command, req->mid,
				    status);
		return status;
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return STATUS_INSUFF_SERVER_RESOURCES;
	trans_set_request(req, t, &m, run);

	if (trans_whole(&m)) {
		t->param = req->buf + m.param_off;
		t->param_count = m.param_count;
		t->data = req->buf + m.data_off;
		t->data_count = m.data_count;
		return trans_finish(req, t);
	}

	if (!kcifsd_smb_rsp_block(req, 0, 0)) {
		status = STATUS_INSUFF_SERVER_RESOURCES;
		goto err;
	}
	status = trans_start_partial(req, t, &m);
	if (status) {
		kcifsd_smb_rsp_error(req);
		goto err;
	}
	return STATUS_SUCCESS;
err:
	trans_free(t);
	return status;
}

/**
 * kcifsd_smb_trans_secondary() - TRANSACTION_SECONDARY,
 *	TRANSACTION2_SECONDARY and NT_TRANSACT_SECONDARY handler
 * @req: the request
 *
 * MS-CIFS 3.3.5.2.5: the fragments go into the transaction with the same
 * UID, TID, PID and MID; a secondary gets no response of its own
 * (2.2.4.47.2) unless it completes the transaction, whose final response
 * it then carries. A bad fragment ends the transaction with an error
 * response. A secondary that matches no transaction (it may belong to
 * one already ended by an error) is dropped without a reply.
 *
 * Return: an NTSTATUS for the dispatcher (fs/smb_req.h).
 */
u32 kcifsd_smb_trans_secondary(struct kcifsd_smb_req *req)
{
	struct kcifsd_trans_table *tt = READ_ONCE(req->sc->trans);
	struct kcifsd_trans_msg m;
	struct kcifsd_trans *t = NULL;
	u32 status;

	if (req->resumed)
		return trans_resume(req);
	status = kcifsd_trans_parse(req, &m);
	if (tt) {
		mutex_lock(&tt->lock);
		t = trans_find(tt, req);
	}
	if (!t) {
		if (tt)
			mutex_unlock(&tt->lock);
		pr_info_ratelimited("%pISc: transaction secondary (command 0x%02x, mid %u) without a transaction\n",
				    &req->conn->peer, req->command, req->mid);
		kcifsd_smb_rsp_none(req);
		return STATUS_SUCCESS;
	}
	if (!status && t->command != kcifsd_trans_primary_of(req->command))
		status = STATUS_INVALID_SMB;
	if (!status && trans_store(t, req, &m))
		status = STATUS_INVALID_PARAMETER;
	if (status) {
		trans_unlink(tt, t);
		mutex_unlock(&tt->lock);
		trans_free(t);
		pr_info_ratelimited("%pISc: bad transaction secondary (command 0x%02x, mid %u): status 0x%08x\n",
				    &req->conn->peer, req->command, req->mid,
				    status);
		return status;
	}
	if (!block_complete(&t->p) || !block_complete(&t->d)) {
		mutex_unlock(&tt->lock);
		kcifsd_smb_rsp_none(req);
		return STATUS_SUCCESS;
	}
	trans_unlink(tt, t);
	mutex_unlock(&tt->lock);

	t->param = t->in;
	t->param_count = t->p.total;
	t->data = t->in + t->data_base;
	t->data_count = t->d.total;
	return trans_finish(req, t);
}
