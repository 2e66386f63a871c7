// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SMB1 dispatcher: the command table, the per-connection SMB state,
 * and kcifsd_smb_handle(), which takes one request message from the worker
 * pool through header validation, the AndX chain, the generic UID/TID
 * checks of MS-CIFS 3.3.5.2 and each command's handler, and leaves the
 * reply in the work for the core to send. The handler interface is
 * documented in fs/smb_req.h.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "fs/fid.h"
#include "fs/locking.h"
#include "fs/namespace.h"
#include "fs/nttrans.h"
#include "fs/open.h"
#include "fs/order.h"
#include "fs/pipe.h"
#include "fs/readwrite.h"
#include "fs/search.h"
#include "fs/session.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/tree.h"
#include "fs/transaction.h"
#include "net/connection.h"

/*
 * One entry per implemented command. A code with no entry is answered by
 * fs/validate.c's rules: STATUS_SMB_BAD_COMMAND for unused codes,
 * STATUS_NOT_IMPLEMENTED for valid ones nobody implements yet.
 */
static const struct kcifsd_smb_cmd kcifsd_smb_cmds[256] = {
	[SMB_COM_ECHO]		= { "ECHO", kcifsd_smb_echo, 0 },
	[SMB_COM_NEGOTIATE]	= { "NEGOTIATE", kcifsd_smb_negotiate, 0 },
	[SMB_COM_NT_CANCEL]	= { "NT_CANCEL", kcifsd_smb_nt_cancel,
				    KCIFSD_CMD_NO_REPLY },
	[SMB_COM_TRANSACTION2]	= { "TRANSACTION2", kcifsd_smb_trans2,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_TRANSACTION2_SECONDARY] = { "TRANSACTION2_SECONDARY",
					     kcifsd_smb_trans_secondary,
					     KCIFSD_CMD_NEEDS_UID |
					     KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_FIND_CLOSE2]	= { "FIND_CLOSE2", kcifsd_smb_find_close2,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_SEARCH]	= { "SEARCH", kcifsd_smb_search,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_FIND]		= { "FIND", kcifsd_smb_find,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_FIND_UNIQUE]	= { "FIND_UNIQUE", kcifsd_smb_find_unique,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_FIND_CLOSE]	= { "FIND_CLOSE", kcifsd_smb_find_close,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_NT_CREATE_ANDX] = { "NT_CREATE_ANDX", kcifsd_smb_nt_create,
				     KCIFSD_CMD_NEEDS_UID |
				     KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_OPEN_ANDX]	= { "OPEN_ANDX", kcifsd_smb_open_andx,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_OPEN]		= { "OPEN", kcifsd_smb_open,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_CREATE]	= { "CREATE", kcifsd_smb_create,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_CREATE_NEW]	= { "CREATE_NEW", kcifsd_smb_create,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_CREATE_TEMPORARY] = { "CREATE_TEMPORARY",
				       kcifsd_smb_create_temporary,
				       KCIFSD_CMD_NEEDS_UID |
				       KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_TRANSACTION]	= { "TRANSACTION", kcifsd_smb_trans,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_TRANSACTION_SECONDARY] = { "TRANSACTION_SECONDARY",
					    kcifsd_smb_trans_secondary,
					    KCIFSD_CMD_NEEDS_UID |
					    KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_NT_TRANSACT]	= { "NT_TRANSACT", kcifsd_smb_nt_transact,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_NT_TRANSACT_SECONDARY] = { "NT_TRANSACT_SECONDARY",
					    kcifsd_smb_trans_secondary,
					    KCIFSD_CMD_NEEDS_UID |
					    KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_CLOSE]		= { "CLOSE", kcifsd_smb_close,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
				    KCIFSD_CMD_ORDER_CHANGE },
	[SMB_COM_FLUSH]		= { "FLUSH", kcifsd_smb_flush,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_PROCESS_EXIT]	= { "PROCESS_EXIT", kcifsd_smb_process_exit,
				    KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_ORDER_CHANGE },
	[SMB_COM_READ_ANDX] = {
		"READ_ANDX", kcifsd_smb_read_andx,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_IO },
	[SMB_COM_WRITE_ANDX] = {
		"WRITE_ANDX", kcifsd_smb_write_andx,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_IO },
	[SMB_COM_READ] = {
		"READ", kcifsd_smb_read,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_IO },
	[SMB_COM_WRITE] = {
		"WRITE", kcifsd_smb_write,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_IO },
	[SMB_COM_LOCKING_ANDX] = {
		"LOCKING_ANDX", kcifsd_smb_locking_andx,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_CHANGE },
	[SMB_COM_LOCK_BYTE_RANGE] = {
		"LOCK_BYTE_RANGE", kcifsd_smb_lock_byte_range,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_CHANGE },
	[SMB_COM_UNLOCK_BYTE_RANGE] = {
		"UNLOCK_BYTE_RANGE", kcifsd_smb_unlock_byte_range,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_CHANGE },
	[SMB_COM_LOCK_AND_READ] = {
		"LOCK_AND_READ", kcifsd_smb_lock_and_read,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_CHANGE },
	[SMB_COM_WRITE_AND_UNLOCK] = {
		"WRITE_AND_UNLOCK", kcifsd_smb_write_and_unlock,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_CHANGE },
	[SMB_COM_SEEK] = {
		"SEEK", kcifsd_smb_seek,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	/* Refused as MS-CIFS says, whatever the ids: see the handler. */
	[SMB_COM_READ_RAW]	= { "READ_RAW", kcifsd_smb_read_raw, 0 },
	[SMB_COM_WRITE_AND_CLOSE] = {
		"WRITE_AND_CLOSE", kcifsd_smb_write_and_close,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID |
		KCIFSD_CMD_ORDER_CHANGE },
	[SMB_COM_DELETE] = {
		"DELETE", kcifsd_smb_delete,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_RENAME] = {
		"RENAME", kcifsd_smb_rename,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_NT_RENAME] = {
		"NT_RENAME", kcifsd_smb_nt_rename,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_CREATE_DIRECTORY] = {
		"CREATE_DIRECTORY", kcifsd_smb_create_directory,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_DELETE_DIRECTORY] = {
		"DELETE_DIRECTORY", kcifsd_smb_delete_directory,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_CHECK_DIRECTORY] = {
		"CHECK_DIRECTORY", kcifsd_smb_check_directory,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_QUERY_INFORMATION] = {
		"QUERY_INFORMATION", kcifsd_smb_query_information,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_SET_INFORMATION] = {
		"SET_INFORMATION", kcifsd_smb_set_information,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_QUERY_INFORMATION2] = {
		"QUERY_INFORMATION2", kcifsd_smb_query_information2,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_SET_INFORMATION2] = {
		"SET_INFORMATION2", kcifsd_smb_set_information2,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_QUERY_INFORMATION_DISK] = {
		"QUERY_INFORMATION_DISK", kcifsd_smb_query_information_disk,
		KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_SESSION_SETUP_ANDX] = { "SESSION_SETUP_ANDX",
					 kcifsd_smb_session_setup, 0 },
	[SMB_COM_LOGOFF_ANDX]	= { "LOGOFF_ANDX", kcifsd_smb_logoff,
				    KCIFSD_CMD_NEEDS_UID },
	[SMB_COM_TREE_CONNECT_ANDX] = { "TREE_CONNECT_ANDX",
					kcifsd_smb_tree_connect,
					KCIFSD_CMD_NEEDS_UID },
	[SMB_COM_TREE_DISCONNECT] = { "TREE_DISCONNECT",
				      kcifsd_smb_tree_disconnect,
				      KCIFSD_CMD_NEEDS_UID |
				      KCIFSD_CMD_NEEDS_TID },
};

#if IS_ENABLED(CONFIG_KCIFSD_KUNIT_TEST)
const struct kcifsd_smb_cmd *kcifsd_smb_test_cmds;
#endif

/**
 * kcifsd_smb_conn_limits() - (re)compute the message size limits
 * @conn: the connection
 *
 * MaxBufferSize, the largest message we accept: KCIFSD_SMB_MAX_BUFFER_SIZE,
 * or less if the pre-authentication message limit or the transport's own
 * receive limit is smaller, rounded down to a multiple of 4 and at least
 * 1024 as MS-CIFS 2.2.4.52.2 / 3.3.1.1 require; the transport is made to
 * accept messages of that size. Replies stay within the transport's send
 * limit too. Called when the connection is set up and again by NEGOTIATE,
 * when a transport such as SMB Direct knows its limits.
 */
void kcifsd_smb_conn_limits(struct kcifsd_conn *conn)
{
	struct kcifsd_smb_conn *sc = conn->smb;
	u32 size = min_t(u32, conn->max_msg_size, KCIFSD_SMB_MAX_BUFFER_SIZE);

	if (conn->transport_max_rx)
		size = min(size, conn->transport_max_rx);
	size = max_t(u32, round_down(size, 4), KCIFSD_SMB_MIN_BUFFER_SIZE);
	sc->max_buffer_size = size;
	conn->max_msg_size = max(conn->max_msg_size, size);

	if (!sc->client_max_buffer_size)
		sc->client_max_buffer_size = size;
	if (conn->transport_max_tx)
		sc->client_max_buffer_size = min(sc->client_max_buffer_size,
						 conn->transport_max_tx);
}

/**
 * kcifsd_smb_conn_init() - set up the SMB1 state of a new connection
 * @conn: the connection; the core has set max_mpx and max_msg_size from
 *	the server config
 *
 * Sets the size limits (kcifsd_smb_conn_limits()) and keeps MaxMpxCount
 * within 1..65535, the range of its 16-bit wire field.
 *
 * Return: 0 or -ENOMEM.
 */
int kcifsd_smb_conn_init(struct kcifsd_conn *conn)
{
	struct kcifsd_smb_conn *sc;

	sc = kzalloc(sizeof(*sc), GFP_KERNEL);
	if (!sc)
		return -ENOMEM;
	sc->conn = conn;
	mutex_init(&sc->lock);
	/* UID 0 is invalid (MS-CIFS 2.2.1.6.8); TID 0 is valid. */
	xa_init_flags(&sc->sessions, XA_FLAGS_ALLOC1);
	xa_init_flags(&sc->trees, XA_FLAGS_ALLOC);
	xa_init_flags(&sc->fids, XA_FLAGS_ALLOC1);
	xa_init(&sc->sessions_pending);
	INIT_LIST_HEAD(&sc->lock_waits);
	kcifsd_order_init(sc);
	atomic_set(&sc->nr_locks, 0);
	kcifsd_pipe_conn_init(sc);
	/* The VC token of MS-CIFS 2.2.1.6.6: random, per connection. */
	sc->session_key = get_random_u32();
	conn->max_mpx = clamp_t(unsigned int, conn->max_mpx, 1, U16_MAX);

	conn->smb = sc;
	kcifsd_smb_conn_limits(conn);
	return 0;
}

/**
 * kcifsd_smb_conn_release() - free the SMB1 state of a connection
 * @conn: the connection; no request of it runs any more
 *
 * Sessions and tree connects end here (kcifsd_sessions_destroy(): tree
 * connects, sessions, then the signing key).
 */
void kcifsd_smb_conn_release(struct kcifsd_conn *conn)
{
	struct kcifsd_smb_conn *sc = conn->smb;

	if (!sc)
		return;
	kcifsd_trans_conn_release(sc);
	kcifsd_search_close_all(sc);
	kcifsd_sessions_destroy(sc);
	kcifsd_fid_close_all(sc);
	WARN_ON_ONCE(!xa_empty(&sc->sessions) || !xa_empty(&sc->trees));
	xa_destroy(&sc->fids);
	xa_destroy(&sc->sessions_pending);
	kcifsd_pipe_conn_release(sc);
	xa_destroy(&sc->trees);
	xa_destroy(&sc->sessions);
	mutex_destroy(&sc->lock);
	conn->smb = NULL;
	kfree(sc);
}

/**
 * kcifsd_smb_check_ids() - the UID and TID checks of MS-CIFS 3.3.5.2
 * @req: the request, with the header state the chain has reached
 * @flags: the command's KCIFSD_CMD_* flags
 *
 * Return: STATUS_SMB_BAD_UID if the command needs a session and the UID
 * names none, STATUS_SMB_BAD_TID if it needs a tree connect and the TID
 * names none, else STATUS_SUCCESS.
 */
u32 kcifsd_smb_check_ids(struct kcifsd_smb_req *req, unsigned int flags)
{
	if ((flags & KCIFSD_CMD_NEEDS_UID) &&
	    !xa_load(&req->sc->sessions, req->uid))
		return STATUS_SMB_BAD_UID;
	if ((flags & KCIFSD_CMD_NEEDS_TID) &&
	    !xa_load(&req->sc->trees, req->tid))
		return STATUS_SMB_BAD_TID;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_cmd_flags() - the KCIFSD_CMD_* flags of a command
 * @command: an SMB_COM_* code
 *
 * Always from the real table, even while a KUnit suite has put its own
 * in place: what a command does to locks and opens (KCIFSD_CMD_ORDER_*,
 * read by fs/order.c as requests arrive) is the command's, not a fake
 * handler's.
 *
 * Return: the flags, 0 for a code with no entry.
 */
unsigned int kcifsd_smb_cmd_flags(u8 command)
{
	return kcifsd_smb_cmds[command].flags;
}

/* The command table entry of @command; KUnit suites may use their own. */
static const struct kcifsd_smb_cmd *smb_cmd(u8 command)
{
#if IS_ENABLED(CONFIG_KCIFSD_KUNIT_TEST)
	if (kcifsd_smb_test_cmds)
		return &kcifsd_smb_test_cmds[command];
#endif
	return &kcifsd_smb_cmds[command];
}

/*
 * The generic checks of MS-CIFS 3.3.5.2 that a block passes before its
 * handler runs, in the spec's order: command code and format
 * (fs/validate.c), "implemented at all", then UID, then TID.
 */
static u32 smb_run_command(struct kcifsd_smb_req *req,
			   const struct kcifsd_smb_block *blk)
{
	const struct kcifsd_smb_cmd *cmd = smb_cmd(blk->command);
	u32 status;

	req->command = blk->command;
	req->block = blk->offset;
	req->wc = blk->wc;
	req->words = blk->words;
	req->bc = blk->bc;
	req->bytes = blk->bytes;

	status = kcifsd_smb_check_command(blk);
	if (status)
		return status;
	if (!cmd->handler)
		return STATUS_NOT_IMPLEMENTED;
	status = kcifsd_smb_check_ids(req, cmd->flags);
	if (status)
		return status;
	req->handler = kcifsd_pipe_handler(req);
	if (!req->handler)
		req->handler = cmd->handler;
	return req->handler(req);
}

/*
 * Locate every block of the message before anything runs, so a chain
 * with a bad offset, a loop, a disallowed follow-on or a block past the
 * end of the message is refused as a whole and has no side effects.
 */
static u32 smb_walk_chain(struct kcifsd_smb_req *req)
{
	unsigned int offset = sizeof(struct smb1_hdr);
	u8 command = req->hdr->command;
	struct kcifsd_smb_block *blk;
	u32 status;

	for (req->nr_blks = 0; req->nr_blks < KCIFSD_ANDX_MAX_CHAIN; ) {
		blk = &req->blks[req->nr_blks];
		status = kcifsd_smb_parse_block(req->buf, req->len, offset,
						command, blk);
		if (status)
			return status;
		req->nr_blks++;
		status = kcifsd_andx_next(req->buf, req->len, blk,
					  req->nr_blks, &command, &offset);
		if (status || command == SMB_COM_NO_ANDX_COMMAND)
			return status;
	}
	/* kcifsd_andx_next() refuses to grow a chain past the array. */
	return STATUS_INVALID_SMB;
}

static void smb_log_malformed(struct kcifsd_smb_req *req, u32 status)
{
	pr_info_ratelimited("%pISc: malformed request (command 0x%02x, mid %u): status 0x%08x\n",
			    &req->conn->peer, req->hdr->command, req->mid,
			    status);
}

/*
 * Run the chain from req->nr_run on (MS-CIFS 3.3.5.2.4): each command in
 * order with the header state its predecessors left, each reply block
 * linked to the previous one; the first failure ends the chain with its
 * error block last. A resumed request first finishes the command that
 * parked. Returns the status for the reply header, or STATUS_PENDING if
 * a handler parked the request.
 */
static u32 smb_run_chain(struct kcifsd_smb_req *req)
{
	u32 status = STATUS_SUCCESS;

	for (; req->nr_run < req->nr_blks; req->nr_run++) {
		if (req->resumed) {
			status = req->handler(req);
			req->resumed = false;
		} else {
			req->rsp_block = 0;
			status = smb_run_command(req, &req->blks[req->nr_run]);
		}
		if (status == STATUS_PENDING)
			return status;
		if (req->no_reply && req->nr_run == 0)
			return status;
		req->no_reply = false;
		if (status == STATUS_SUCCESS && !req->rsp_block) {
			pr_err_once("%s handler built no reply\n",
				    smb_cmd(req->command)->name);
			status = STATUS_UNSUCCESSFUL;
		}
		if (status && !req->rsp_block)
			kcifsd_smb_rsp_error(req);
		kcifsd_smb_rsp_link(req);
		if (status)
			break;
	}
	return status;
}

/*
 * A new request: the header checks, the connection-level rules, the reply
 * buffer and the chain walk. Returns NULL when the connection is to be
 * dropped without a reply; otherwise *@status is what to run or answer.
 */
static struct kcifsd_smb_req *smb_req_start(struct kcifsd_work *work,
					    u32 *status)
{
	struct kcifsd_conn *conn = work->conn;
	struct kcifsd_smb_req *req;
	int ret;

	ret = kcifsd_smb_check_header(work->request, work->request_len);
	if (ret == -EPROTO) {
		pr_info_ratelimited("%pISc: not an SMB1 message, disconnecting\n",
				    &conn->peer);
		return NULL;
	}

	/*
	 * A large WRITE_ANDX may come with its data still on the transport
	 * (work->rx_tail, taken by its handler). A signature covers the
	 * data too, so on a signing connection the message is made whole;
	 * so it is for a pipe, whose handler passes the data on from the
	 * message buffer.
	 */
	if (work->rx_tail &&
	    (kcifsd_sign_covers(&conn->smb->sign, work->seq) ||
	     kcifsd_tree_is_ipc(conn->smb,
				le16_to_cpu(((const struct smb1_hdr *)
					     work->request)->tid))) &&
	    kcifsd_work_pull_tail(work))
		return NULL;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return NULL;
	req->work = work;
	req->conn = conn;
	req->sc = conn->smb;
	req->buf = work->request;
	/* The whole message's length; only the handler reads the tail. */
	req->len = work->request_len + work->rx_tail;
	req->hdr = work->request;
	req->command = req->hdr->command;
	req->uid = le16_to_cpu(req->hdr->uid);
	req->tid = le16_to_cpu(req->hdr->tid);
	req->pid = le16_to_cpu(req->hdr->pid_low) |
		   (u32)le16_to_cpu(req->hdr->pid_high) << 16;
	req->mid = le16_to_cpu(req->hdr->mid);
	req->flags2 = le16_to_cpu(req->hdr->flags2);

	if (!READ_ONCE(req->sc->negotiated) &&
	    req->command != SMB_COM_NEGOTIATE) {
		pr_info_ratelimited("%pISc: command 0x%02x before NEGOTIATE, disconnecting\n",
				    &conn->peer, req->command);
		goto err_free;
	}
	if (kcifsd_smb_rsp_init(req))
		goto err_free;

	/*
	 * MS-CIFS 3.3.5.2.3: with signing active a request must carry the
	 * right signature; a bad one is answered STATUS_ACCESS_DENIED and
	 * the connection goes (the client's and our sequence numbers no
	 * longer agree, or someone tampers with the stream).
	 */
	if (kcifsd_sign_check_request(&req->sc->sign, work->seq, req->buf,
				      work->request_len)) {
		pr_warn_ratelimited("%pISc: bad signature (command 0x%02x, mid %u), disconnecting\n",
				    &conn->peer, req->command, req->mid);
		work->disconnect = true;
		*status = STATUS_ACCESS_DENIED;
		kcifsd_smb_rsp_error(req);
		return req;
	}

	*status = ret ? STATUS_INVALID_SMB : smb_walk_chain(req);
	if (*status) {
		smb_log_malformed(req, *status);
		kcifsd_smb_rsp_error(req);
	}
	return req;

err_free:
	kfree(req);
	return NULL;
}

/* Hand the reply (or its absence) to the core and free the request. */
static void smb_req_finish(struct kcifsd_smb_req *req, u32 status)
{
	struct kcifsd_work *work = req->work;

	if (req->no_reply ||
	    (smb_cmd(req->hdr->command)->flags & KCIFSD_CMD_NO_REPLY)) {
		kcifsd_smb_rsp_free(req);
		work->no_reply = true;
	} else {
		kcifsd_smb_rsp_header(req, status);
		kcifsd_smb_rsp_sign(req, work->data, work->nr_data);
		work->response = req->rsp;
		work->response_len = req->rsp_len;
	}
	kfree(req);
}

/**
 * kcifsd_smb_handle() - answer one SMB1 request message
 * @work: the work; @work->request is one whole message of at least 4 and
 *	at most conn->max_msg_size bytes
 *
 * Sets @work->response (kvmalloc'ed, freed by the core), or
 * @work->no_reply, and @work->disconnect for a peer that does not speak
 * SMB1 or sends anything but NEGOTIATE first (MS-CIFS 2.2.4.52: the
 * NEGOTIATE exchange MUST come before any other message). A handler that
 * parks the request (STATUS_PENDING, see fs/smb_req.h) leaves
 * @work->parked set; the core calls this again when it is resumed, and
 * the chain goes on from the command that parked.
 */
void kcifsd_smb_handle(struct kcifsd_work *work)
{
	struct kcifsd_conn *conn = work->conn;
	struct kcifsd_smb_req *req;
	u32 status;

	if (work->parked) {
		req = work->smb_req;
		work->smb_req = NULL;
		work->parked = false;
		/* The wait is over: a late NT_CANCEL finds no hook to call. */
		spin_lock(&conn->req_lock);
		work->cancel = NULL;
		spin_unlock(&conn->req_lock);
		req->resumed = true;
		status = smb_run_chain(req);
	} else {
		req = smb_req_start(work, &status);
		if (!req) {
			work->no_reply = true;
			work->disconnect = true;
			return;
		}
		kcifsd_order_wait(work);
		if (!status)
			status = smb_run_chain(req);
	}
	/* Done, or parked (a waiting lock is on the file's list now). */
	kcifsd_order_pass(work);

	if (status == STATUS_PENDING) {
		work->smb_req = req;
		work->parked = true;
		return;
	}
	smb_req_finish(req, status);
}
