/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SMB1 request context and the command handler interface.
 *
 * HOW TO ADD A COMMAND
 *
 * 1. Write one handler in the file that owns the command family
 *    (fs/session.c, fs/tree.c, fs/open.c, ...):
 *
 *	u32 kcifsd_smb_tree_disconnect(struct kcifsd_smb_req *req);
 *
 *    declare it below (under "Handlers"), and add one line to the command
 *    table in fs/dispatch.c:
 *
 *	[SMB_COM_TREE_DISCONNECT] = { "TREE_DISCONNECT",
 *		kcifsd_smb_tree_disconnect, KCIFSD_CMD_NEEDS_UID |
 *		KCIFSD_CMD_NEEDS_TID },
 *
 * 2. What the dispatcher has done before the handler runs:
 *    - the header is valid (protocol id, length >= 35, REPLY flag clear);
 *    - the command code is a valid, non-obsolete one (MS-CIFS 2.2.2.1);
 *    - the block is inside the message: req->words has 2 * req->wc bytes,
 *      req->bytes has req->bc bytes, and WordCount/ByteCount match the
 *      request format of MS-CIFS 2.2.4.x (fs/validate.c). Fields inside
 *      Words and Bytes (string lengths, data offsets) are still the
 *      handler's to check against req->wc/req->bc (or req->len for
 *      offsets from the header);
 *    - with KCIFSD_CMD_NEEDS_UID the header UID names a session, with
 *      KCIFSD_CMD_NEEDS_TID the TID names a tree connect (MS-CIFS 3.3.5.2).
 *    Words and Bytes are not aligned: read them with get_unaligned_le16()
 *    and friends, or through __packed structs of fs/smb1pdu.h.
 *
 * 3. The handler returns an NTSTATUS (fs/ntstatus.h), never an errno.
 *    - STATUS_SUCCESS: it must have built its reply block with
 *      kcifsd_smb_rsp_block() (plus kcifsd_smb_rsp_set_bc() when the
 *      bytes are shorter than reserved);
 *    - any other status without a reply block: the dispatcher sends the
 *      error response of MS-CIFS 3.3.4.1.2 (WordCount 0, ByteCount 0);
 *    - any other status with a reply block: that block is sent as is with
 *      the status (a "full" error response: STATUS_MORE_PROCESSING_REQUIRED
 *      of SESSION_SETUP, STATUS_BUFFER_OVERFLOW of pipe reads). A handler
 *      that fails after starting its block, and wants the plain error
 *      response, calls kcifsd_smb_rsp_error() before returning.
 *    Whether the client sees the NTSTATUS or a DOS class/code is decided
 *    once, when the header is written (fs/reply.c).
 *
 * 4. AndX commands (their Words start with struct smb1_andx): the
 *    dispatcher walks the chain (fs/andx.c) and fills in the AndX block
 *    of every reply; a handler leaves the first 4 bytes of its reply words
 *    zero. A non-success status ends the chain, and the failing command's
 *    reply is the last one (MS-CIFS 3.3.5.2.4). A handler that changes the
 *    header state for the commands after it (SESSION_SETUP_ANDX creates a
 *    UID, TREE_CONNECT_ANDX a TID) writes req->uid / req->tid; the reply
 *    header carries the state at the end of the chain.
 *
 * 5. No reply at all (ECHO with EchoCount 0, an oplock break
 *    acknowledgment): call kcifsd_smb_rsp_none() and return
 *    STATUS_SUCCESS. Several replies to one request (ECHO, multi-part
 *    transaction replies): build a reply, send it with
 *    kcifsd_smb_rsp_send(), then rebuild or change it; the last one is
 *    left in place and sent by the core after the handler returns.
 *
 * 6. Waiting without pinning a worker (a byte-range lock with a timeout,
 *    an oplock break, NOTIFY_CHANGE): the handler keeps what it needs in
 *    req->priv, arranges for exactly one kcifsd_work_resume(req->work)
 *    when the wait ends, sets req->work->cancel to a hook that ends the
 *    wait early (NT_CANCEL, teardown; the hook runs under conn->req_lock
 *    and must not sleep), and returns STATUS_PENDING. The event and the
 *    hook race: the handler's own state decides which of them resumes.
 *    Nothing is sent meanwhile. On resume the same handler runs again
 *    with req->resumed set (the checks are not repeated), frees req->priv
 *    and returns a final status as in 3.; req->work->cancelled tells it
 *    the wait was cancelled (answer STATUS_CANCELLED unless the operation
 *    completed anyway). The rest of the chain then runs as usual.
 *
 * 7. Anything a client can trigger is logged with pr_*_ratelimited().
 */
#ifndef _KCIFSD_SMB_REQ_H
#define _KCIFSD_SMB_REQ_H

#include <linux/kconfig.h>
#include <linux/types.h>

#include "fs/ntstatus.h"
#include "fs/smb1pdu.h"

struct bio_vec;
struct kcifsd_conn;
struct kcifsd_work;
struct kcifsd_smb_conn;

/*
 * The longest AndX chain accepted. Windows clients never chain more than
 * two commands (MS-CIFS <195>); the longest chain the follow-on lists of
 * 2.2.4.x allow in practice (LOCKING_ANDX may follow itself) is bounded
 * only by MaxBufferSize, so this is a safety cap, not a spec value.
 */
#define KCIFSD_ANDX_MAX_CHAIN	8

/**
 * struct kcifsd_smb_block - one Parameter/Data block pair of a message
 * (MS-CIFS 2.2.3.2, 2.2.3.3)
 * @command: the SMB_COM_* code this block belongs to
 * @offset: offset of its WordCount from the start of the SMB header
 * @wc: WordCount
 * @words: the 2 * @wc parameter bytes (unaligned)
 * @bc: ByteCount
 * @bytes: the @bc data bytes (unaligned)
 * @end: offset just past the data bytes
 */
struct kcifsd_smb_block {
	u8 command;
	unsigned int offset;
	u8 wc;
	const u8 *words;
	u16 bc;
	const u8 *bytes;
	unsigned int end;
};

/**
 * struct kcifsd_smb_req - one request message being answered
 * @work: the core's work item (net/connection.h)
 * @conn: the connection
 * @sc: the connection's SMB1 state
 * @buf: the whole request message, starting at the SMB header
 * @len: its length
 * @hdr: the request header (@buf)
 * @command: SMB_COM_* code of the command being run (the current block of
 *	the AndX chain)
 * @wc: its WordCount
 * @words: its Words, 2 * @wc bytes
 * @bc: its ByteCount
 * @bytes: its Bytes, @bc bytes
 * @block: offset of its WordCount from the start of the header
 * @blks: every block of the chain, located before the first one runs
 * @nr_blks: entries in @blks
 * @nr_run: commands of the chain run before this one (index in @blks)
 * @resumed: the handler runs again after parking (STATUS_PENDING)
 * @priv: a parked handler's state, its own to allocate and free
 * @uid: header UID, updated by handlers that create one (carried along the
 *	chain, MS-CIFS 3.3.5.2.4)
 * @tid: header TID, likewise
 * @chain_fid: the FID an open earlier in the chain made, 0 if none: the
 *	commands after it act on that open whatever FID they name, as
 *	Windows does (a client cannot know the FID when it sends the chain)
 * @pid: 32-bit PID (PIDHigh:PIDLow)
 * @mid: MID
 * @flags2: request Flags2
 * @rsp: the reply message being built (kvmalloc'ed)
 * @rsp_len: bytes of @rsp used
 * @rsp_size: bytes of @rsp allocated
 * @rsp_max: the largest reply allowed (ClientMaxBufferSize)
 * @rsp_block: offset of the current command's reply block, 0 if none
 * @rsp_andx: offset of the last reply block that carries an AndX block
 *	whose link is not written yet, 0 if none
 * @rsp_flags: SMB_FLAGS_* to set in the reply besides REPLY (an oplock
 *	granted by the core OPEN commands)
 * @no_reply: kcifsd_smb_rsp_none() was called
 * @handler: the handler running the current command, and so the one
 *	resumed after it parked: the command table's, or its named-pipe
 *	variant on IPC$ (kcifsd_pipe_handler(), fs/pipe_smb.c)
 */
struct kcifsd_smb_req {
	struct kcifsd_work *work;
	struct kcifsd_conn *conn;
	struct kcifsd_smb_conn *sc;

	const u8 *buf;
	unsigned int len;
	const struct smb1_hdr *hdr;

	u8 command;
	u8 wc;
	const u8 *words;
	u16 bc;
	const u8 *bytes;
	unsigned int block;
	struct kcifsd_smb_block blks[KCIFSD_ANDX_MAX_CHAIN];
	unsigned int nr_blks;
	unsigned int nr_run;
	bool resumed;
	void *priv;

	u16 uid;
	u16 tid;
	u16 chain_fid;
	u32 pid;
	u16 mid;
	u16 flags2;

	u8 *rsp;
	unsigned int rsp_len;
	unsigned int rsp_size;
	unsigned int rsp_max;
	unsigned int rsp_block;
	unsigned int rsp_andx;
	u8 rsp_flags;
	bool no_reply;
	u32 (*handler)(struct kcifsd_smb_req *req);
};

/* Handler flags: the generic checks of MS-CIFS 3.3.5.2 a command needs */
#define KCIFSD_CMD_NEEDS_UID	0x1	/* else STATUS_SMB_BAD_UID */
#define KCIFSD_CMD_NEEDS_TID	0x2	/* else STATUS_SMB_BAD_TID */
#define KCIFSD_CMD_NO_REPLY	0x4	/* never answered, even on error */
/* What the command does to locks and opens, for arrival order (fs/order.h) */
#define KCIFSD_CMD_ORDER_IO	0x8	/* reads or writes: never waits */
#define KCIFSD_CMD_ORDER_CHANGE	0x10	/* changes them: waits for earlier */

/**
 * struct kcifsd_smb_cmd - a command table entry (fs/dispatch.c)
 * @name: the command's name without SMB_COM_, for logs
 * @handler: runs the command, returns an NTSTATUS
 * @flags: KCIFSD_CMD_*
 */
struct kcifsd_smb_cmd {
	const char *name;
	u32 (*handler)(struct kcifsd_smb_req *req);
	unsigned int flags;
};

/* fs/validate.c: request format */
int kcifsd_smb_check_header(const u8 *msg, unsigned int len);
u32 kcifsd_smb_parse_block(const u8 *msg, unsigned int len,
			   unsigned int offset, u8 command,
			   struct kcifsd_smb_block *blk);
u32 kcifsd_smb_check_command(const struct kcifsd_smb_block *blk);

/* fs/andx.c: AndX chains */
bool kcifsd_andx_is_andx(u8 command);
bool kcifsd_andx_follow_allowed(u8 command, u8 next);
u32 kcifsd_andx_next(const u8 *msg, unsigned int len,
		     const struct kcifsd_smb_block *cur, unsigned int nr_run,
		     u8 *next_cmd, unsigned int *next_offset);

/* fs/dispatch.c: the generic identifier checks, a command's flags */
u32 kcifsd_smb_check_ids(struct kcifsd_smb_req *req, unsigned int flags);
unsigned int kcifsd_smb_cmd_flags(u8 command);

#if IS_ENABLED(CONFIG_KCIFSD_KUNIT_TEST)
/* A command table KUnit suites put in place of fs/dispatch.c's own. */
extern const struct kcifsd_smb_cmd *kcifsd_smb_test_cmds;
#endif

/* fs/reply.c: building replies */
int kcifsd_smb_rsp_init(struct kcifsd_smb_req *req);
void kcifsd_smb_rsp_free(struct kcifsd_smb_req *req);
void *kcifsd_smb_rsp_block(struct kcifsd_smb_req *req, u8 wc,
			   unsigned int max_bc);
u8 *kcifsd_smb_rsp_bytes(struct kcifsd_smb_req *req);
void kcifsd_smb_rsp_set_bc(struct kcifsd_smb_req *req, unsigned int bc);
unsigned int kcifsd_smb_rsp_offset(struct kcifsd_smb_req *req,
				   const void *p);
void kcifsd_smb_rsp_error(struct kcifsd_smb_req *req);
void kcifsd_smb_rsp_link(struct kcifsd_smb_req *req);
void kcifsd_smb_rsp_header(struct kcifsd_smb_req *req, u32 status);
void kcifsd_smb_rsp_sign(struct kcifsd_smb_req *req,
			 const struct bio_vec *data, unsigned int nr_data);
int kcifsd_smb_rsp_send(struct kcifsd_smb_req *req, u32 status);
void kcifsd_smb_rsp_none(struct kcifsd_smb_req *req);

/* Handlers */
u32 kcifsd_smb_negotiate(struct kcifsd_smb_req *req);
u32 kcifsd_smb_echo(struct kcifsd_smb_req *req);
u32 kcifsd_smb_nt_cancel(struct kcifsd_smb_req *req);

/* fs/negotiate.c, exposed for its KUnit suite */
u32 kcifsd_negotiate_pick_dialect(const u8 *dialects, unsigned int len,
				  u16 *index);

#endif /* _KCIFSD_SMB_REQ_H */
