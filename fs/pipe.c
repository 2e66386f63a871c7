// SPDX-License-Identifier: GPL-2.0-only
/*
 * Named pipes: pipe objects, the connection's pipe table, and the calls
 * that carry pipe bytes to and from the helper daemon; see fs/pipe.h.
 * The SMB commands that use them are in fs/pipe_smb.c.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "fs/pipe.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "net/connection.h"

static atomic_t pipe_ids = ATOMIC_INIT(0);

static const char *const pipe_names[] = { "srvsvc", "wkssvc", "LANMAN" };

/* A parked call to the helper (kept in the caller's slot). */
struct pipe_wait {
	struct kcifsd_work *work;
	struct kcifsd_pipe *pipe;	/* a reference, or NULL for RAP */
	struct kcifsd_rpc_reply reply;
	int err;
};

static void pipe_wait_done(void *arg, int err)
{
	struct pipe_wait *w = arg;

	w->err = err;
	kcifsd_work_resume(w->work);
}

/* A pipe request the helper does not answer well, as an NTSTATUS. */
static u32 pipe_errno_status(int err)
{
	switch (err) {
	case 0:
		return STATUS_SUCCESS;
	case -ENOENT:
		return STATUS_OBJECT_NAME_NOT_FOUND;
	case -ENOMEM:
		return STATUS_INSUFF_SERVER_RESOURCES;
	default:
		return STATUS_PIPE_NOT_AVAILABLE;
	}
}

/**
 * kcifsd_pipe_name() - which pipe an open names
 * @smb_name: the name as decoded (fs/path.c): "srvsvc", "\\srvsvc",
 *	"PIPE\\srvsvc" or "\\PIPE\\srvsvc", with '\\' or '/'
 * @name: out: the pipe's canonical name ("srvsvc")
 * @size: bytes at @name
 *
 * Return: STATUS_SUCCESS, or STATUS_OBJECT_NAME_NOT_FOUND for a pipe
 * this server does not have.
 */
u32 kcifsd_pipe_name(const char *smb_name, char *name, size_t size)
{
	size_t i;

	while (*smb_name == '\\' || *smb_name == '/')
		smb_name++;
	if (!strncasecmp(smb_name, "PIPE", 4) &&
	    (smb_name[4] == '\\' || smb_name[4] == '/'))
		smb_name += 5;
	for (i = 0; i < ARRAY_SIZE(pipe_names); i++) {
		if (!strcasecmp(smb_name, pipe_names[i])) {
			strscpy(name, pipe_names[i], size);
			return STATUS_SUCCESS;
		}
	}
	return STATUS_OBJECT_NAME_NOT_FOUND;
}

static void pipe_free(struct kcifsd_pipe *pipe)
{
	kvfree(pipe->buf);
	kfree(pipe);
}

/**
 * kcifsd_pipe_put() - drop a reference to a pipe
 * @pipe: the pipe; may be NULL
 */
void kcifsd_pipe_put(struct kcifsd_pipe *pipe)
{
	if (pipe && refcount_dec_and_test(&pipe->refcnt))
		pipe_free(pipe);
}

static void pipe_close_done(void *arg, int err)
{
}

/* Tell the helper to forget pipe @id; nobody waits for the answer. */
static void pipe_tell_closed(u32 id)
{
	struct kcifsd_rpc_call call = { .has_id = true, .id = id };

	kcifsd_ipc_rpc_async(KCIFSD_CMD_RPC_CLOSE, &call, NULL,
			     pipe_close_done, NULL);
}

/* Put @pipe in the table under a free FID. */
static u32 pipe_install(struct kcifsd_smb_conn *sc, struct kcifsd_pipe *pipe)
{
	u32 fid = 0, tries;
	int err = -EBUSY;

	xa_lock(&sc->pipes);
	if (sc->nr_pipes >= KCIFSD_PIPE_MAX_OPEN) {
		xa_unlock(&sc->pipes);
		return STATUS_TOO_MANY_OPENED_FILES;
	}
	/* Downwards from where the last one went. */
	for (tries = 0; tries <= KCIFSD_PIPE_FID_MAX - KCIFSD_PIPE_FID_MIN;
	     tries++) {
		fid = sc->next_pipe_fid;
		if (fid < KCIFSD_PIPE_FID_MIN || fid > KCIFSD_PIPE_FID_MAX)
			fid = KCIFSD_PIPE_FID_MAX;
		sc->next_pipe_fid = fid - 1;
		err = __xa_insert(&sc->pipes, fid, pipe, GFP_KERNEL);
		if (err != -EBUSY)
			break;
	}
	if (!err) {
		sc->nr_pipes++;
		pipe->fid = fid;
	}
	xa_unlock(&sc->pipes);
	return err ? STATUS_TOO_MANY_OPENED_FILES : STATUS_SUCCESS;
}

/**
 * kcifsd_pipe_open() - open a named pipe for the request's session
 * @req: the open request
 * @slot: where the parked state lives (&req->priv); NULL on the first call
 * @smb_name: the name the client gave
 * @user: the session's account name
 * @session_flags: KCIFSD_USER_F_GUEST for guest and anonymous sessions
 * @pipe: out: the new pipe, installed under its FID, referenced
 *
 * Parks the request while the helper opens its side.
 *
 * Return: STATUS_PENDING (call again when resumed), STATUS_SUCCESS,
 * STATUS_OBJECT_NAME_NOT_FOUND (no such pipe), or another error.
 */
u32 kcifsd_pipe_open(struct kcifsd_smb_req *req, void **slot,
		     const char *smb_name, const char *user, u32 session_flags,
		     struct kcifsd_pipe **pipe)
{
	struct kcifsd_rpc_call call = {};
	struct pipe_wait *w = *slot;
	struct kcifsd_pipe *p;
	u32 status;
	int ret;

	*pipe = NULL;
	if (w) {
		/* Resumed: the helper has answered. */
		*slot = NULL;
		p = w->pipe;
		status = pipe_errno_status(w->err);
		kfree(w);
		if (!status)
			status = pipe_install(req->sc, p);
		if (status) {
			pipe_tell_closed(p->id);
			kcifsd_pipe_put(p);
			return status;
		}
		refcount_inc(&p->refcnt);	/* the caller's */
		*pipe = p;
		return STATUS_SUCCESS;
	}

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!p || !w) {
		kfree(p);
		kfree(w);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	status = kcifsd_pipe_name(smb_name, p->name, sizeof(p->name));
	if (status) {
		pr_info_ratelimited("%pISc: open of pipe \"%s\": no such pipe\n",
				    &req->conn->peer, smb_name);
		kfree(p);
		kfree(w);
		return status;
	}
	refcount_set(&p->refcnt, 1);	/* the table's, once installed */
	spin_lock_init(&p->lock);
	p->id = (u32)atomic_inc_return(&pipe_ids);
	p->uid = req->uid;
	p->tid = req->tid;
	p->state = KCIFSD_PIPE_STATUS;
	w->work = req->work;
	w->pipe = p;
	call.pipe = p->name;
	call.has_id = true;
	call.id = p->id;
	call.user = user;
	call.session_flags = session_flags;
	*slot = w;
	ret = kcifsd_ipc_rpc_async(KCIFSD_CMD_RPC_OPEN, &call, NULL,
				   pipe_wait_done, w);
	if (ret == -EINPROGRESS)
		return STATUS_PENDING;
	*slot = NULL;
	kfree(w);
	kcifsd_pipe_put(p);
	pr_info_ratelimited("%pISc: pipe \"%s\" not available: helper error %d\n",
			    &req->conn->peer, smb_name, ret);
	return pipe_errno_status(ret);
}

/**
 * kcifsd_pipe_get() - the pipe a request's FID names
 * @req: the request (its UID and TID must be the pipe's)
 * @fid: the FID
 *
 * Return: the pipe, referenced (kcifsd_pipe_put() it), or NULL
 * (STATUS_INVALID_HANDLE).
 */
struct kcifsd_pipe *kcifsd_pipe_get(struct kcifsd_smb_req *req, u16 fid)
{
	struct kcifsd_pipe *p;

	xa_lock(&req->sc->pipes);
	p = xa_load(&req->sc->pipes, fid);
	if (p && (p->uid != req->uid || p->tid != req->tid))
		p = NULL;
	if (p)
		refcount_inc(&p->refcnt);
	xa_unlock(&req->sc->pipes);
	return p;
}

/*
 * Take the parked reader out (@work's only, or any if NULL) and, if
 * @resume, resume it. Return: whether there was one to take.
 */
static bool pipe_take_reader(struct kcifsd_pipe *pipe,
			     struct kcifsd_work *work, bool resume)
{
	struct kcifsd_work *r;

	spin_lock(&pipe->lock);
	r = pipe->reader;
	if (r && work && r != work)
		r = NULL;
	if (r)
		pipe->reader = NULL;
	spin_unlock(&pipe->lock);
	if (r && resume)
		kcifsd_work_resume(r);
	return r;
}

/**
 * kcifsd_pipe_close() - close a pipe (CLOSE, or a teardown)
 * @sc: the connection's SMB state
 * @pipe: a pipe the caller holds a reference on
 *
 * The FID leaves the table and the helper forgets its side; the pipe is
 * freed with the last reference.
 */
void kcifsd_pipe_close(struct kcifsd_smb_conn *sc, struct kcifsd_pipe *pipe)
{
	bool removed;

	xa_lock(&sc->pipes);
	removed = __xa_cmpxchg(&sc->pipes, pipe->fid, pipe, NULL, 0) == pipe;
	if (removed)
		sc->nr_pipes--;
	xa_unlock(&sc->pipes);
	if (!removed)
		return;
	spin_lock(&pipe->lock);
	pipe->closed = true;
	spin_unlock(&pipe->lock);
	pipe_take_reader(pipe, NULL, true);
	pipe_tell_closed(pipe->id);
	kcifsd_pipe_put(pipe);
}

/* Append the helper's answer to what the pipe has for reading. */
static u32 pipe_append(struct kcifsd_pipe *pipe, struct kcifsd_rpc_reply *r)
{
	u32 unread;
	u8 *buf;

	if (!r->len)
		return STATUS_SUCCESS;
	spin_lock(&pipe->lock);
	unread = pipe->len - pipe->pos;
	spin_unlock(&pipe->lock);
	if (unread + r->len > KCIFSD_PIPE_BUF_MAX)
		return STATUS_INSUFF_SERVER_RESOURCES;
	buf = kvmalloc(unread + r->len, GFP_KERNEL);
	if (!buf)
		return STATUS_INSUFF_SERVER_RESOURCES;
	/* Only the (busy) writer adds; readers only consume: recheck. */
	spin_lock(&pipe->lock);
	unread = pipe->len - pipe->pos;
	memcpy(buf, pipe->buf + pipe->pos, unread);
	memcpy(buf + unread, r->data, r->len);
	swap(pipe->buf, buf);
	pipe->len = unread + r->len;
	pipe->pos = 0;
	spin_unlock(&pipe->lock);
	kvfree(buf);
	pipe_take_reader(pipe, NULL, true);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_pipe_write() - the client writes to a pipe
 * @req: the request
 * @slot: the parked state (&req->priv or &t->priv); NULL at first
 * @pipe: the pipe (referenced by the caller; the call keeps its own
 *	reference while parked, and ignores @pipe when resumed)
 * @data: the bytes (only read on the first call)
 * @len: their number, at most KCIFSD_RPC_MAX_PAYLOAD
 *
 * The bytes go to the helper; what it answers becomes readable.
 *
 * Return: STATUS_PENDING (call again when resumed), STATUS_SUCCESS,
 * STATUS_PIPE_BUSY (another write is with the helper),
 * STATUS_INVALID_PARAMETER (too long), STATUS_PIPE_DISCONNECTED (the
 * helper lost the pipe) or STATUS_PIPE_NOT_AVAILABLE.
 */
u32 kcifsd_pipe_write(struct kcifsd_smb_req *req, void **slot,
		      struct kcifsd_pipe *pipe, const void *data, u32 len)
{
	struct kcifsd_rpc_call call = {};
	struct pipe_wait *w = *slot;
	u32 status;
	int ret;

	if (w) {
		*slot = NULL;
		pipe = w->pipe;
		status = w->err == -ENOENT ? STATUS_PIPE_DISCONNECTED :
			 pipe_errno_status(w->err);
		if (!status)
			status = pipe_append(pipe, &w->reply);
		kcifsd_ipc_rpc_reply_release(&w->reply);
		kfree(w);
		spin_lock(&pipe->lock);
		pipe->busy = false;
		spin_unlock(&pipe->lock);
		kcifsd_pipe_put(pipe);
		return status;
	}
	if (len > KCIFSD_RPC_MAX_PAYLOAD)
		return STATUS_INVALID_PARAMETER;
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return STATUS_INSUFF_SERVER_RESOURCES;
	spin_lock(&pipe->lock);
	if (pipe->busy) {
		spin_unlock(&pipe->lock);
		kfree(w);
		return STATUS_PIPE_BUSY;
	}
	pipe->busy = true;
	spin_unlock(&pipe->lock);
	w->work = req->work;
	w->pipe = pipe;
	refcount_inc(&pipe->refcnt);
	call.has_id = true;
	call.id = pipe->id;
	call.data = data;
	call.data_len = len;
	*slot = w;
	ret = kcifsd_ipc_rpc_async(KCIFSD_CMD_RPC_TRANSACT, &call, &w->reply,
				   pipe_wait_done, w);
	if (ret == -EINPROGRESS)
		return STATUS_PENDING;
	*slot = NULL;
	kfree(w);
	spin_lock(&pipe->lock);
	pipe->busy = false;
	spin_unlock(&pipe->lock);
	kcifsd_pipe_put(pipe);
	return pipe_errno_status(ret);
}

/* With pipe->lock: start the next message if at a boundary; false if none. */
static bool pipe_next_msg(struct kcifsd_pipe *pipe)
{
	u32 n;

	if (pipe->msg_left)
		return true;
	if (pipe->len - pipe->pos < sizeof(n))
		return false;
	memcpy(&n, pipe->buf + pipe->pos, sizeof(n));
	/* The helper's framing; a bad length ends what is readable. */
	if (n > pipe->len - pipe->pos - sizeof(n)) {
		pipe->pos = pipe->len;
		return false;
	}
	pipe->pos += sizeof(n);
	pipe->msg_left = n;
	return n != 0 || pipe_next_msg(pipe);
}

/**
 * kcifsd_pipe_read() - read (or peek at) the next message
 * @pipe: the pipe
 * @buf: where to copy
 * @max: bytes at @buf
 * @got: out: bytes copied
 * @peek: leave them unread
 *
 * Return: STATUS_SUCCESS (the whole message, or nothing to read: @got
 * 0), or STATUS_BUFFER_OVERFLOW when the message is longer than @max
 * (the rest stays for the next read).
 */
u32 kcifsd_pipe_read(struct kcifsd_pipe *pipe, void *buf, u32 max, u32 *got,
		     bool peek)
{
	u32 status = STATUS_SUCCESS, n = 0;

	spin_lock(&pipe->lock);
	if (pipe_next_msg(pipe)) {
		n = min(max, pipe->msg_left);
		memcpy(buf, pipe->buf + pipe->pos, n);
		if (n < pipe->msg_left)
			status = STATUS_BUFFER_OVERFLOW;
		if (!peek) {
			pipe->pos += n;
			pipe->msg_left -= n;
		}
	}
	spin_unlock(&pipe->lock);
	*got = n;
	return status;
}

/**
 * kcifsd_pipe_available() - bytes a client could read
 * @pipe: the pipe
 * @msg_bytes: out: bytes left of the next message
 *
 * Return: all unread bytes (framing left out), at most 0xFFFF.
 */
u32 kcifsd_pipe_available(struct kcifsd_pipe *pipe, u32 *msg_bytes)
{
	u32 total = 0, off, n;

	spin_lock(&pipe->lock);
	*msg_bytes = pipe_next_msg(pipe) ? pipe->msg_left : 0;
	total = *msg_bytes;
	off = pipe->pos + pipe->msg_left;
	while (pipe->len - off >= sizeof(n)) {
		memcpy(&n, pipe->buf + off, sizeof(n));
		if (n > pipe->len - off - sizeof(n))
			break;
		total += n;
		off += sizeof(n) + n;
	}
	spin_unlock(&pipe->lock);
	return min_t(u32, total, 0xFFFF);
}

/*
 * NT_CANCEL or teardown (under conn->req_lock): the parked read of
 * @work ends. Its pipe is found in the table; a pipe no longer there
 * was closed, and closing resumed the read already.
 */
static void pipe_read_cancel(struct kcifsd_work *work)
{
	struct kcifsd_smb_conn *sc = work->conn->smb;
	struct kcifsd_pipe *p;
	unsigned long idx;

	xa_lock(&sc->pipes);
	xa_for_each(&sc->pipes, idx, p)
		if (pipe_take_reader(p, work, true))
			break;
	xa_unlock(&sc->pipes);
}

/**
 * kcifsd_pipe_read_wait() - a read waits for a message (blocking mode)
 * @req: the READ_ANDX
 * @pipe: the pipe (the caller keeps its reference while parked)
 *
 * In blocking mode a read of an empty pipe waits until a message comes
 * or it is cancelled (MS-CIFS 2.2.1.3, Nonblocking clear); in
 * non-blocking mode it fails with STATUS_PIPE_EMPTY (2.2.4.42.2).
 * A parked read is resumed by the write whose answer brings a message,
 * by the pipe's close (CLOSE, TREE_DISCONNECT, LOGOFF, the connection's
 * end) or by NT_CANCEL and teardown through work->cancel.
 *
 * Return: STATUS_SUCCESS (a message is there), STATUS_PENDING (parked:
 * call again when resumed), STATUS_PIPE_EMPTY, STATUS_PIPE_BUSY (another
 * read waits), STATUS_PIPE_CLOSING or STATUS_CANCELLED.
 */
u32 kcifsd_pipe_read_wait(struct kcifsd_smb_req *req,
			  struct kcifsd_pipe *pipe)
{
	struct kcifsd_work *work = req->work;
	struct kcifsd_conn *conn = req->conn;
	bool cancelled;
	u32 status;

	if (READ_ONCE(work->cancelled))
		return STATUS_CANCELLED;
	spin_lock(&pipe->lock);
	if (pipe->closed)
		status = STATUS_PIPE_CLOSING;
	else if (pipe_next_msg(pipe))
		status = STATUS_SUCCESS;
	else if (pipe->state & KCIFSD_PIPE_NONBLOCKING)
		status = STATUS_PIPE_EMPTY;
	else if (pipe->reader)
		status = STATUS_PIPE_BUSY;
	else
		status = STATUS_PENDING;
	if (status == STATUS_PENDING)
		pipe->reader = work;
	spin_unlock(&pipe->lock);
	if (status != STATUS_PENDING)
		return status;
	spin_lock(&conn->req_lock);
	cancelled = work->cancelled;
	if (!cancelled)
		work->cancel = pipe_read_cancel;
	spin_unlock(&conn->req_lock);
	/* Cancelled meanwhile: unless a message or close took it out first. */
	if (cancelled && pipe_take_reader(pipe, work, false))
		return STATUS_CANCELLED;
	return STATUS_PENDING;
}

/**
 * kcifsd_pipe_rap() - one RAP call on \PIPE\LANMAN (no pipe handle)
 * @req: the request
 * @slot: the parked state (&t->priv); NULL at first
 * @call: pipe "LANMAN", user, parameters, data and maxima (first call)
 * @reply: out: two messages, the reply's parameters and data
 *	(kcifsd_pipe_reply_msg()); release with kcifsd_ipc_rpc_reply_release()
 *
 * Return: STATUS_PENDING (call again when resumed), STATUS_SUCCESS, or
 * an error.
 */
u32 kcifsd_pipe_rap(struct kcifsd_smb_req *req, void **slot,
		    const struct kcifsd_rpc_call *call,
		    struct kcifsd_rpc_reply *reply)
{
	struct pipe_wait *w = *slot;
	u32 status;
	int ret;

	if (w) {
		*slot = NULL;
		status = pipe_errno_status(w->err);
		*reply = w->reply;
		kfree(w);
		return status;
	}
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return STATUS_INSUFF_SERVER_RESOURCES;
	w->work = req->work;
	*slot = w;
	ret = kcifsd_ipc_rpc_async(KCIFSD_CMD_RPC_TRANSACT, call, &w->reply,
				   pipe_wait_done, w);
	if (ret == -EINPROGRESS)
		return STATUS_PENDING;
	*slot = NULL;
	kfree(w);
	return pipe_errno_status(ret);
}

/**
 * kcifsd_pipe_reply_msg() - one message of a helper answer
 * @reply: the answer
 * @index: which message, from 0
 * @msg: out: its bytes
 * @len: out: its length
 *
 * Return: true if there is such a message (the framing is checked).
 */
bool kcifsd_pipe_reply_msg(const struct kcifsd_rpc_reply *reply,
			   unsigned int index, const u8 **msg, u32 *len)
{
	u32 off = 0, n;

	while (reply->len - off >= sizeof(n)) {
		memcpy(&n, reply->data + off, sizeof(n));
		if (n > reply->len - off - sizeof(n))
			return false;
		if (!index--) {
			*msg = reply->data + off + sizeof(n);
			*len = n;
			return true;
		}
		off += sizeof(n) + n;
	}
	return false;
}

/**
 * kcifsd_pipe_conn_init() - an empty pipe table for a new connection
 * @sc: the connection's SMB state
 */
void kcifsd_pipe_conn_init(struct kcifsd_smb_conn *sc)
{
	xa_init(&sc->pipes);
	sc->next_pipe_fid = KCIFSD_PIPE_FID_MAX;
	sc->nr_pipes = 0;
}

typedef bool (*pipe_match_t)(const struct kcifsd_pipe *pipe, u16 arg);

static void pipe_close_match(struct kcifsd_smb_conn *sc, pipe_match_t match,
			     u16 arg)
{
	struct kcifsd_pipe *p;
	unsigned long idx;

	xa_for_each(&sc->pipes, idx, p) {
		if (!match(p, arg))
			continue;
		refcount_inc(&p->refcnt);
		kcifsd_pipe_close(sc, p);
		kcifsd_pipe_put(p);
	}
}

static bool pipe_of_tree(const struct kcifsd_pipe *pipe, u16 tid)
{
	return pipe->tid == tid;
}

static bool pipe_of_session(const struct kcifsd_pipe *pipe, u16 uid)
{
	return pipe->uid == uid;
}

static bool pipe_any(const struct kcifsd_pipe *pipe, u16 unused)
{
	return true;
}

/**
 * kcifsd_pipe_close_tree() - TREE_DISCONNECT closes the tree's pipes
 * @sc: the connection's SMB state
 * @tid: the TID going away
 */
void kcifsd_pipe_close_tree(struct kcifsd_smb_conn *sc, u16 tid)
{
	pipe_close_match(sc, pipe_of_tree, tid);
}

/**
 * kcifsd_pipe_close_session() - LOGOFF_ANDX closes the session's pipes
 * @sc: the connection's SMB state
 * @uid: the UID going away
 */
void kcifsd_pipe_close_session(struct kcifsd_smb_conn *sc, u16 uid)
{
	pipe_close_match(sc, pipe_of_session, uid);
}

/**
 * kcifsd_pipe_conn_release() - the connection ends: close every pipe
 * @sc: the connection's SMB state
 */
void kcifsd_pipe_conn_release(struct kcifsd_smb_conn *sc)
{
	pipe_close_match(sc, pipe_any, 0);
	xa_destroy(&sc->pipes);
}
