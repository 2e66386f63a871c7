/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Transaction mechanics shared by SMB_COM_TRANSACTION (named pipes, RAP),
 * SMB_COM_TRANSACTION2 and SMB_COM_NT_TRANSACT (MS-CIFS 2.2.4.33,
 * 2.2.4.46, 2.2.4.62, 3.3.5.2.5): the primary request and its secondaries
 * reassembled into one parameter block and one data block, the interim
 * response, and the final response split into as many messages as
 * ClientMaxBufferSize demands.
 *
 * HOW A SUBCOMMAND FAMILY USES IT
 *
 * The primary command's handler (in the file of the family, fs/trans2.c
 * for TRANS2) is one line:
 *
 *	u32 kcifsd_smb_trans2(struct kcifsd_smb_req *req)
 *	{
 *		return kcifsd_trans_primary(req, trans2_run);
 *	}
 *
 * and the secondary command's table entry is kcifsd_smb_trans_secondary
 * (both with KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID). The run
 * function is called once, when the whole request has arrived, with the
 * request whose message completed it (the primary, or the last
 * secondary: the same UID, TID, PID and MID, MS-CIFS 2.2.4.46.1). It reads
 * t->setup / t->param / t->data, builds its output with
 * kcifsd_trans_rsp_param() / kcifsd_trans_rsp_data() and returns an
 * NTSTATUS:
 *   - STATUS_SUCCESS: the output is sent, in several messages if
 *     needed;
 *   - any other status with no output: the plain error response;
 *   - any other status after kcifsd_trans_rsp_param()/_data() (a
 *     warning such as STATUS_BUFFER_OVERFLOW, or NT_TRANSACT
 *     QUERY_SECURITY_DESC's BUFFER_TOO_SMALL with LengthNeeded): the
 *     output goes with that status;
 *   - STATUS_PENDING: the request parks as fs/smb_req.h describes; the
 *     run function keeps its own state in t->priv, and is called again
 *     with req->resumed set when the request is resumed.
 * Nothing in t is valid after the run function's last return.
 *
 * Every count, offset and displacement from the wire is checked here
 * before the run function sees the blocks: t->param has t->param_count
 * bytes and t->data t->data_count bytes, whatever the client sent.
 */
#ifndef _KCIFSD_TRANSACTION_H
#define _KCIFSD_TRANSACTION_H

#include <linux/list.h>
#include <linux/types.h>
#include <asm/unaligned.h>

struct kcifsd_smb_conn;
struct kcifsd_smb_req;
struct kcifsd_trans;

/*
 * Incomplete transactions (waiting for secondaries) one connection may
 * have; one more is refused with STATUS_INSUFF_SERVER_RESOURCES
 * (MS-CIFS 3.3.5.2.5). Clients keep at most one or two in flight.
 */
#define KCIFSD_TRANS_MAX_PENDING	8
/*
 * Bytes those incomplete transactions may hold between them. A TRANS or
 * TRANS2 request is at most 2 x 64 KiB (16-bit totals); NT_TRANSACT totals
 * are 32-bit and capped per transaction below.
 */
#define KCIFSD_TRANS_MAX_PENDING_BYTES	(2 << 20)
/*
 * The largest NT_TRANSACT request (parameters + data) accepted: room for
 * the biggest security descriptor (64 KiB, MS-DTYP) or EA list plus
 * parameters; NT refuses anything past 65 KiB (<239>).
 */
#define KCIFSD_TRANS_MAX_IN		(1 << 20)
/*
 * The largest response (parameters + data) built, whatever the client's
 * MaxParameterCount + MaxDataCount: 32-bit NT_TRANSACT maxima are clamped
 * to this rather than refused, since clients ask for more than they need.
 */
#define KCIFSD_TRANS_MAX_OUT		(1 << 20)
/* Response setup words a run function may return (NT_TRANSACT_IOCTL: 1). */
#define KCIFSD_TRANS_MAX_RSP_SETUP	4

/**
 * typedef kcifsd_trans_run_t - runs one complete transaction
 * @req: the request whose message completed the transaction
 * @t: the transaction
 *
 * Return: an NTSTATUS, see the comment at the top of this file.
 */
typedef u32 (*kcifsd_trans_run_t)(struct kcifsd_smb_req *req,
				  struct kcifsd_trans *t);

/**
 * struct kcifsd_trans_range - bytes [start, end) of one block received
 * @start: first byte
 * @end: one past the last byte
 */
struct kcifsd_trans_range {
	u32 start;
	u32 end;
};

/* Disjoint pieces of one block kept apart before they join up. */
#define KCIFSD_TRANS_MAX_RANGES		8

/**
 * struct kcifsd_trans_block - reassembly state of the parameter or the
 *	data block (MS-CIFS 3.3.5.2.5)
 * @total: the smallest Total*Count the client has sent so far
 * @got: bytes received
 * @nr: entries in @ranges
 * @ranges: what has been received, sorted, disjoint and not touching:
 *	a fragment that overlaps bytes already received is refused, so
 *	@got == @total means every byte is there
 */
struct kcifsd_trans_block {
	u32 total;
	u32 got;
	unsigned int nr;
	struct kcifsd_trans_range ranges[KCIFSD_TRANS_MAX_RANGES];
};

/**
 * struct kcifsd_trans_msg - the transaction fields of one request
 *	message, checked against the message (kcifsd_trans_parse())
 * @command: SMB_COM_* of the message
 * @primary: the primary request, not a secondary
 * @total_param: TotalParameterCount
 * @total_data: TotalDataCount
 * @max_param: MaxParameterCount (primary only)
 * @max_data: MaxDataCount (primary only)
 * @max_setup: MaxSetupCount (primary only)
 * @flags: Flags (TRANS, TRANS2 primary)
 * @timeout: Timeout in milliseconds (TRANS, TRANS2 primary)
 * @function: Function (NT_TRANSACT primary)
 * @setup_count: SetupCount (primary only)
 * @setup: the 2 * @setup_count Setup bytes, in the message (unaligned)
 * @param_off: ParameterOffset, from the header start
 * @param_count: ParameterCount
 * @param_disp: ParameterDisplacement (0 for a primary)
 * @data_off: DataOffset, from the header start
 * @data_count: DataCount
 * @data_disp: DataDisplacement (0 for a primary)
 * @name_off: offset of the Name string (TRANS primary), from the header,
 *	past the pad byte of a Unicode one
 * @name_len: bytes from @name_off to the first parameter or data byte, or
 *	to the end of the Bytes: the Name, its terminator and Pad1
 */
struct kcifsd_trans_msg {
	u8 command;
	bool primary;
	u32 total_param;
	u32 total_data;
	u32 max_param;
	u32 max_data;
	u8 max_setup;
	u16 flags;
	u32 timeout;
	u16 function;
	u8 setup_count;
	const u8 *setup;
	u32 param_off;
	u32 param_count;
	u32 param_disp;
	u32 data_off;
	u32 data_count;
	u32 data_disp;
	u32 name_off;
	u32 name_len;
};

/**
 * struct kcifsd_trans2_peek - a few fields of a TRANS2 primary request
 *	with one setup word, read before it is handled
 *	(kcifsd_trans2_peek())
 * @subcommand: Setup[0], the TRANS2 subcommand (MS-CIFS 2.2.4.46.1)
 * @max_param: MaxParameterCount
 * @max_data: MaxDataCount
 * @has_param0: the message carries the first parameter word
 * @param0: that word (the InformationLevel of the *_INFORMATION
 *	subcommands), 0 without it
 */
struct kcifsd_trans2_peek {
	u16 subcommand;
	u16 max_param;
	u16 max_data;
	bool has_param0;
	u16 param0;
};

/* TRANS / TRANS2 Flags (MS-CIFS 2.2.4.33.1, 2.2.4.46.1) */
#define SMB_TRANS_DISCONNECT_TID	0x0001
#define SMB_TRANS_NO_RESPONSE		0x0002

/**
 * struct kcifsd_trans - one transaction, as the run function sees it
 * @command: SMB_COM_TRANSACTION, SMB_COM_TRANSACTION2 or
 *	SMB_COM_NT_TRANSACT
 * @flags: SMB_TRANS_* (TRANS, TRANS2)
 * @timeout: Timeout in milliseconds (TRANS, TRANS2)
 * @function: the NT_TRANSACT Function (subcommand)
 * @setup_count: request setup words
 * @setup: the request's 2 * @setup_count setup bytes (unaligned LE
 *	words; kcifsd_trans_setup() reads one)
 * @name: the TRANS Name field (SMB_STRING): a Unicode one past the pad
 *	byte that aligns it in the request (MS-CIFS 2.2.1.1), so it can be
 *	read as UTF-16 from @name + @name_pos. NULL for TRANS2 and
 *	NT_TRANSACT.
 * @name_pos: where the string starts in @name: 0
 * @name_len: bytes from @name to the first parameter or data byte (the
 *	string, its terminator and Pad1), or to the end of the Bytes
 * @unicode: the request had SMB_FLAGS2_UNICODE
 * @max_param: what the client accepts: MaxParameterCount, at most
 *	KCIFSD_TRANS_MAX_OUT
 * @max_data: MaxDataCount, within KCIFSD_TRANS_MAX_OUT with @max_param
 * @max_setup: MaxSetupCount
 * @param: the request's parameter block, @param_count bytes
 * @param_count: TotalParameterCount, as finally reduced
 * @data: the request's data block, @data_count bytes
 * @data_count: TotalDataCount, as finally reduced
 * @rsp_setup_count: response setup words (at most
 *	KCIFSD_TRANS_MAX_RSP_SETUP)
 * @rsp_setup: response setup words, host order
 * @rsp_param: the response's parameter block (kcifsd_trans_rsp_param())
 * @rsp_param_count: its length
 * @rsp_data: the response's data block (kcifsd_trans_rsp_data())
 * @rsp_data_count: its length
 * @priv: the run function's own, while the request is parked
 *
 * The rest is fs/transaction.c's: @node in the connection's list of
 * incomplete transactions, the identifiers that match secondaries to it
 * (@uid, @tid, @pid, @mid), @run, the reassembly state @p and @d, and
 * the reassembly buffer @in of @in_size bytes (parameters, data from
 * @data_base on, then the setup words and the Name).
 */
struct kcifsd_trans {
	u8 command;
	u16 flags;
	u32 timeout;
	u16 function;
	u8 setup_count;
	const u8 *setup;
	const u8 *name;
	unsigned int name_pos;
	unsigned int name_len;
	bool unicode;
	u32 max_param;
	u32 max_data;
	u8 max_setup;
	const u8 *param;
	u32 param_count;
	const u8 *data;
	u32 data_count;

	u8 rsp_setup_count;
	u16 rsp_setup[KCIFSD_TRANS_MAX_RSP_SETUP];
	u8 *rsp_param;
	u32 rsp_param_count;
	u8 *rsp_data;
	u32 rsp_data_count;
	void *priv;

	/* fs/transaction.c only */
	struct list_head node;
	u16 uid;
	u16 tid;
	u32 pid;
	u16 mid;
	kcifsd_trans_run_t run;
	struct kcifsd_trans_block p;
	struct kcifsd_trans_block d;
	u8 *in;
	u32 in_size;
	u32 data_base;
};

/**
 * kcifsd_trans_setup() - one request setup word
 * @t: the transaction
 * @i: its index
 *
 * Return: Setup[@i], or 0xFFFF if the request has fewer words (no
 * subcommand code has that value).
 */
static inline u16 kcifsd_trans_setup(const struct kcifsd_trans *t,
				     unsigned int i)
{
	if (i >= t->setup_count)
		return 0xFFFF;
	return get_unaligned_le16(t->setup + 2 * i);
}

u32 kcifsd_trans_primary(struct kcifsd_smb_req *req, kcifsd_trans_run_t run);
u8 kcifsd_trans_primary_of(u8 command);
u32 kcifsd_smb_trans_secondary(struct kcifsd_smb_req *req);

void *kcifsd_trans_rsp_param(struct kcifsd_trans *t, u32 len);
void *kcifsd_trans_rsp_data(struct kcifsd_trans *t, u32 len);
void kcifsd_trans_rsp_trim_data(struct kcifsd_trans *t, u32 len);
void kcifsd_trans_rsp_drop_data(struct kcifsd_trans *t);

void kcifsd_trans_conn_release(struct kcifsd_smb_conn *sc);
bool kcifsd_trans2_peek(const u8 *msg, unsigned int len,
			struct kcifsd_trans2_peek *pk);

/* The pieces, exposed for the KUnit suite (tests/kunit/transaction_test.c) */
u32 kcifsd_trans_parse(const struct kcifsd_smb_req *req,
		       struct kcifsd_trans_msg *m);
int kcifsd_trans_block_add(struct kcifsd_trans_block *b, u32 disp, u32 count);
int kcifsd_trans_block_reduce(struct kcifsd_trans_block *b, u32 total);
int kcifsd_trans_build_part(struct kcifsd_smb_req *req,
			     const struct kcifsd_trans *t, u32 *param_sent,
			     u32 *data_sent);

#endif /* _KCIFSD_TRANSACTION_H */
