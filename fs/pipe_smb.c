// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SMB commands on IPC$ that work on named pipes (MS-CIFS 3.3.5.57):
 * NT_CREATE_ANDX, OPEN_ANDX, READ_ANDX, WRITE_ANDX and CLOSE on a pipe,
 * and SMB_COM_TRANSACTION with its named-pipe subcommands (2.2.5) and
 * RAP on \PIPE\LANMAN. The dispatcher sends the first five here when the
 * TID is an IPC$ tree (kcifsd_pipe_handler()); the pipes themselves are
 * fs/pipe.c's.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/path.h"
#include "fs/pipe.h"
#include "fs/session.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/transaction.h"
#include "fs/tree.h"
#include "net/connection.h"

/* Named-pipe subcommands (MS-CIFS 2.2.2.2) */
#define TRANS_SET_NMPIPE_STATE		0x0001
#define TRANS_QUERY_NMPIPE_STATE	0x0021
#define TRANS_QUERY_NMPIPE_INFO		0x0022
#define TRANS_PEEK_NMPIPE		0x0023
#define TRANS_TRANSACT_NMPIPE		0x0026
#define TRANS_READ_NMPIPE		0x0036
#define TRANS_WAIT_NMPIPE		0x0053

#define FILE_TYPE_MESSAGE_MODE_PIPE	2
#define PIPE_STATE_CONNECTED		3	/* PeekNmPipe NamedPipeState */
#define PEEK_RSP_PARAMS			6	/* its Trans_Parameters */
#define FILE_OPEN_ACTION		1
#define PIPE_ATTR_NORMAL		0x80

/* The session's account and guest flag, for the helper. */
static u32 pipe_session(struct kcifsd_smb_req *req, char *user, size_t size,
			u32 *flags)
{
	struct kcifsd_session *sess = kcifsd_session_get(req->sc, req->uid);

	if (!sess)
		return STATUS_SMB_BAD_UID;
	strscpy(user, sess->user, size);
	*flags = kcifsd_session_is_guest(sess) ? KCIFSD_USER_F_GUEST : 0;
	kcifsd_session_put(sess);
	return STATUS_SUCCESS;
}

/* Open the pipe a request names at @name_at (in its Bytes). */
static u32 pipe_open_named(struct kcifsd_smb_req *req, const u8 *name_at,
			   struct kcifsd_pipe **pipe)
{
	char user[KCIFSD_USER_NAME_MAX + 1];
	struct kcifsd_smb_path path;
	u32 flags = 0, status;

	if (req->resumed)
		return kcifsd_pipe_open(req, &req->priv, NULL, NULL, 0, pipe);
	status = kcifsd_req_path(req, name_at, 0, &path, NULL);
	if (status)
		return status;
	status = pipe_session(req, user, sizeof(user), &flags);
	if (!status)
		status = kcifsd_pipe_open(req, &req->priv, path.name, user,
					  flags, pipe);
	kcifsd_path_free(&path);
	return status;
}

/*
 * NT_CREATE_ANDX on IPC$ (MS-CIFS 2.2.4.64.2): a message-mode pipe,
 * FILE_OPEN, no times, NMPipeStatus. Always the plain 34-word reply.
 */
static u32 pipe_nt_create(struct kcifsd_smb_req *req)
{
	struct kcifsd_pipe *pipe;
	u8 *w;
	u32 status;

	status = pipe_open_named(req, req->bytes, &pipe);
	if (status)
		return status;
	w = kcifsd_smb_rsp_block(req, 34, 0);
	if (!w) {
		kcifsd_pipe_close(req->sc, pipe);
		kcifsd_pipe_put(pipe);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	/* AndX (4), OplockLevel (1) */
	put_unaligned_le16(pipe->fid, w + 5);
	put_unaligned_le32(FILE_OPEN_ACTION, w + 7);
	/* four times, zero (8 bytes each, 11..42) */
	put_unaligned_le32(PIPE_ATTR_NORMAL, w + 43);
	/* AllocationSize, EndOfFile zero (47..62) */
	put_unaligned_le16(FILE_TYPE_MESSAGE_MODE_PIPE, w + 63);
	put_unaligned_le16(KCIFSD_PIPE_STATUS, w + 65);
	/* Directory (67) 0 */
	kcifsd_pipe_put(pipe);
	return STATUS_SUCCESS;
}

/* OPEN_ANDX on IPC$ (MS-CIFS 2.2.4.41.2), FileName after the 15 words. */
static u32 pipe_open_andx(struct kcifsd_smb_req *req)
{
	struct kcifsd_pipe *pipe;
	u8 *w;
	u32 status;

	status = pipe_open_named(req, req->bytes, &pipe);
	if (status)
		return status;
	w = kcifsd_smb_rsp_block(req, 15, 0);
	if (!w) {
		kcifsd_pipe_close(req->sc, pipe);
		kcifsd_pipe_put(pipe);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	put_unaligned_le16(pipe->fid, w + 4);
	/* FileAttrs, LastWriteTime, FileDataSize 0 */
	put_unaligned_le16(2, w + 16);		/* AccessRights: read/write */
	put_unaligned_le16(FILE_TYPE_MESSAGE_MODE_PIPE, w + 18);
	put_unaligned_le16(KCIFSD_PIPE_STATUS, w + 20);
	put_unaligned_le16(1, w + 22);		/* OpenResults: opened */
	kcifsd_pipe_put(pipe);
	return STATUS_SUCCESS;
}

/* WRITE_ANDX on a pipe (MS-CIFS 2.2.4.43): the bytes go to the helper. */
static u32 pipe_write_andx(struct kcifsd_smb_req *req)
{
	u32 len = get_unaligned_le16(req->words + 20);
	u32 off = get_unaligned_le16(req->words + 22);
	struct kcifsd_pipe *pipe = NULL;
	u32 status;
	u8 *w;

	len |= (u32)get_unaligned_le16(req->words + 18) << 16;
	if (!req->resumed) {
		if (off > req->len || len > req->len - off)
			return STATUS_INVALID_SMB;
		pipe = kcifsd_pipe_get(req, get_unaligned_le16(req->words + 4));
		if (!pipe)
			return STATUS_INVALID_HANDLE;
	}
	status = kcifsd_pipe_write(req, &req->priv, pipe, req->buf + off, len);
	kcifsd_pipe_put(pipe);
	if (status)
		return status;
	w = kcifsd_smb_rsp_block(req, 6, 0);
	if (!w)
		return STATUS_INSUFF_SERVER_RESOURCES;
	put_unaligned_le16(len & 0xFFFF, w + 4);
	put_unaligned_le16(len >> 16, w + 8);
	return STATUS_SUCCESS;
}

/* Room for data in a reply of @wc words (and a pad byte). */
static u32 pipe_room(struct kcifsd_smb_req *req, u8 wc)
{
	u32 used = req->rsp_len + 1 + 2 * wc + 2 + 1;

	return req->rsp_max > used ? req->rsp_max - used : 0;
}

/*
 * The pipe of a read that waits for a message (READ_ANDX,
 * TRANS_READ_NMPIPE): the one parked in @slot when resumed, else the
 * one @fid names. On an empty blocking pipe the read parks
 * (kcifsd_pipe_read_wait()), its pipe reference kept in @slot.
 *
 * Return: STATUS_SUCCESS with *@pipe referenced and a message to read,
 * STATUS_PENDING (parked), or an error.
 */
static u32 pipe_read_ready(struct kcifsd_smb_req *req, void **slot, u16 fid,
			   struct kcifsd_pipe **pipe)
{
	struct kcifsd_pipe *p = *slot;
	u32 status;

	*slot = NULL;
	if (!p) {
		p = kcifsd_pipe_get(req, fid);
		if (!p)
			return STATUS_INVALID_HANDLE;
	}
	/* Resumed: a message, the close, or a cancel (checked first). */
	status = kcifsd_pipe_read_wait(req, p);
	if (status == STATUS_PENDING)
		*slot = p;
	else if (status)
		kcifsd_pipe_put(p);
	else
		*pipe = p;
	return status;
}

/* READ_ANDX on a pipe (MS-CIFS 2.2.4.42): at most one message. */
static u32 pipe_read_andx(struct kcifsd_smb_req *req)
{
	u32 max = get_unaligned_le16(req->words + 10), got, msg, avail;
	struct kcifsd_pipe *pipe;
	u8 *w, *data;
	u32 status;

	if (!req->resumed)
		req->priv = NULL;
	status = pipe_read_ready(req, &req->priv,
				 get_unaligned_le16(req->words + 4), &pipe);
	if (status)
		return status;
	max = min(max, pipe_room(req, 12));
	w = kcifsd_smb_rsp_block(req, 12, 1 + max);
	if (!w) {
		kcifsd_pipe_put(pipe);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	data = kcifsd_smb_rsp_bytes(req) + 1;
	status = kcifsd_pipe_read(pipe, data, max, &got, false);
	avail = kcifsd_pipe_available(pipe, &msg);
	kcifsd_pipe_put(pipe);
	put_unaligned_le16(avail, w + 4);
	put_unaligned_le16(got, w + 10);
	put_unaligned_le16(kcifsd_smb_rsp_offset(req, data), w + 12);
	kcifsd_smb_rsp_set_bc(req, 1 + got);
	return status;
}

/* CLOSE of a pipe (MS-CIFS 2.2.4.5). */
static u32 pipe_smb_close(struct kcifsd_smb_req *req)
{
	struct kcifsd_pipe *pipe;

	pipe = kcifsd_pipe_get(req, get_unaligned_le16(req->words));
	if (!pipe)
		return STATUS_INVALID_HANDLE;
	kcifsd_pipe_close(req->sc, pipe);
	kcifsd_pipe_put(pipe);
	if (!kcifsd_smb_rsp_block(req, 0, 0))
		return STATUS_INSUFF_SERVER_RESOURCES;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_pipe_handler() - the pipe variant of a command, on IPC$
 * @req: a request whose UID and TID the dispatcher has checked
 *
 * Return: the handler to run instead of the command table's, or NULL
 * (not a pipe command, or not an IPC$ tree).
 */
kcifsd_smb_handler_t kcifsd_pipe_handler(struct kcifsd_smb_req *req)
{
	kcifsd_smb_handler_t h;

	switch (req->command) {
	case SMB_COM_NT_CREATE_ANDX:
		h = pipe_nt_create;
		break;
	case SMB_COM_OPEN_ANDX:
		h = pipe_open_andx;
		break;
	case SMB_COM_READ_ANDX:
		h = pipe_read_andx;
		break;
	case SMB_COM_WRITE_ANDX:
		h = pipe_write_andx;
		break;
	case SMB_COM_CLOSE:
		h = pipe_smb_close;
		break;
	default:
		return NULL;
	}
	return kcifsd_tree_is_ipc(req->sc, req->tid) ? h : NULL;
}

/* The TRANS Name as ASCII (what pipe names are), in @out. */
static void trans_name(const struct kcifsd_trans *t, char *out, size_t size)
{
	const u8 *p = t->name ? t->name + t->name_pos : NULL;
	unsigned int i = 0, n = t->name ? t->name_len : 0, step = 1;

	if (t->unicode) {
		step = 2;
		n &= ~1u;
	}
	while (p && i < n && size > 1) {
		u16 c = t->unicode ? get_unaligned_le16(p + i) : p[i];

		if (!c)
			break;
		*out++ = c < 0x80 ? (char)c : '?';
		size--;
		i += step;
	}
	*out = '\0';
}

/* RAP on \PIPE\LANMAN: the helper answers params and data. */
static u32 trans_rap(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	char user[KCIFSD_USER_NAME_MAX + 1];
	struct kcifsd_rpc_call call = {};
	struct kcifsd_rpc_reply reply = {};
	const u8 *msg;
	u32 status, len;
	void *p;

	if (!t->priv) {
		status = pipe_session(req, user, sizeof(user),
				      &call.session_flags);
		if (status)
			return status;
		call.pipe = "LANMAN";
		call.user = user;
		call.param = t->param;
		call.param_len = t->param_count;
		call.data = t->data;
		call.data_len = t->data_count;
		call.max_param = t->max_param;
		call.max_data = t->max_data;
		if (call.param_len > KCIFSD_RPC_MAX_PAYLOAD ||
		    call.data_len > KCIFSD_RPC_MAX_PAYLOAD)
			return STATUS_INVALID_PARAMETER;
	}
	status = kcifsd_pipe_rap(req, &t->priv, &call, &reply);
	if (status)
		return status;
	status = STATUS_UNSUCCESSFUL;		/* a malformed answer */
	if (kcifsd_pipe_reply_msg(&reply, 0, &msg, &len)) {
		len = min(len, t->max_param);
		p = kcifsd_trans_rsp_param(t, len);
		if (p || !len) {
			memcpy(p, msg, len);
			status = STATUS_SUCCESS;
		}
	}
	if (!status && kcifsd_pipe_reply_msg(&reply, 1, &msg, &len)) {
		len = min(len, t->max_data);
		p = kcifsd_trans_rsp_data(t, len);
		if (p || !len)
			memcpy(p, msg, len);
		else
			status = STATUS_INSUFF_SERVER_RESOURCES;
	}
	kcifsd_ipc_rpc_reply_release(&reply);
	return status;
}

/*
 * The next message into the response data, at most MaxDataCount; @left
 * (if not NULL) gets what stays of it past the bytes returned.
 */
static u32 trans_read_msg(struct kcifsd_trans *t, struct kcifsd_pipe *pipe,
			  bool peek, u32 *left)
{
	u32 msg, got = 0, n, status;
	u8 *p;

	kcifsd_pipe_available(pipe, &msg);
	n = min(msg, t->max_data);
	p = n ? kcifsd_trans_rsp_data(t, n) : NULL;
	if (n && !p)
		return STATUS_INSUFF_SERVER_RESOURCES;
	if (n)
		status = kcifsd_pipe_read(pipe, p, n, &got, peek);
	else
		status = msg ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
	if (left)
		*left = msg - min(got, msg);
	return status;
}

/* TRANS_TRANSACT_NMPIPE (2.2.5.6): write, then read one message. */
static u32 trans_transact(struct kcifsd_smb_req *req, struct kcifsd_trans *t,
			  u16 fid)
{
	struct kcifsd_pipe *pipe = NULL;
	u32 status;

	if (!t->priv) {
		pipe = kcifsd_pipe_get(req, fid);
		if (!pipe)
			return STATUS_INVALID_HANDLE;
	}
	status = kcifsd_pipe_write(req, &t->priv, pipe, t->data,
				   t->data_count);
	kcifsd_pipe_put(pipe);
	if (status)
		return status;
	pipe = kcifsd_pipe_get(req, fid);
	if (!pipe)
		return STATUS_INVALID_HANDLE;
	status = trans_read_msg(t, pipe, false, NULL);
	kcifsd_pipe_put(pipe);
	return status;
}

/*
 * TRANS_READ_NMPIPE (2.2.5.8): one message, read as READ_ANDX reads: an
 * empty blocking pipe waits for one (3.3.5.57.9 MUST), a non-blocking
 * one is STATUS_PIPE_EMPTY.
 */
static u32 trans_read(struct kcifsd_smb_req *req, struct kcifsd_trans *t,
		      u16 fid)
{
	struct kcifsd_pipe *pipe;
	u32 status;

	status = pipe_read_ready(req, &t->priv, fid, &pipe);
	if (status)
		return status;
	status = trans_read_msg(t, pipe, false, NULL);
	kcifsd_pipe_put(pipe);
	return status;
}

/* The part of TRANS_QUERY_NMPIPE_INFO's answer before PipeName */
#define NMPIPE_INFO_FIXED	7

/*
 * TRANS_QUERY_NMPIPE_INFO level 1 (2.2.5.4): sizes and the name. A
 * MaxDataCount below the part before the name is STATUS_BUFFER_TOO_SMALL;
 * one the name does not fit in gets what fits, PipeNameLength still the
 * whole name's, with STATUS_BUFFER_OVERFLOW (2.2.5.4.2's error codes).
 *
 * A Unicode PipeName starts 2-byte aligned from the SMB header
 * (2.2.5.4.2). Trans_Data starts 4-byte aligned (fs/transaction.c), so
 * after the 7 bytes before it a pad byte, counted in DataCount, not in
 * PipeNameLength. A Unicode name cut short is cut at a whole character.
 */
static u32 trans_query_info(struct kcifsd_trans *t, struct kcifsd_pipe *pipe)
{
	char name[KCIFSD_PIPE_NAME_MAX + 8];
	u8 out[NMPIPE_INFO_FIXED + 1 + 2 * sizeof(name)];
	u32 i, n, len, at, fit;
	u8 *p;

	BUILD_BUG_ON(2 * sizeof(name) > U8_MAX);	/* PipeNameLength: 1 byte */
	if (t->param_count < 2 || get_unaligned_le16(t->param) != 1)
		return STATUS_INVALID_PARAMETER;
	if (t->max_data < NMPIPE_INFO_FIXED)
		return STATUS_BUFFER_TOO_SMALL;
	n = snprintf(name, sizeof(name), "\\PIPE\\%s", pipe->name) + 1;
	n = min_t(u32, n, sizeof(name));
	at = NMPIPE_INFO_FIXED + (t->unicode ? 1 : 0);
	len = at + (t->unicode ? 2 * n : n);
	put_unaligned_le16(KCIFSD_RPC_MAX_PAYLOAD, out); /* OutputBufferSize */
	put_unaligned_le16(KCIFSD_RPC_MAX_PAYLOAD, out + 2);
	out[4] = 0xFF;					/* MaximumInstances */
	out[5] = 1;					/* CurrentInstances */
	out[6] = (u8)(t->unicode ? 2 * n : n);
	out[NMPIPE_INFO_FIXED] = 0;			/* the pad */
	for (i = 0; i < n; i++) {
		if (t->unicode)
			put_unaligned_le16(name[i], out + at + 2 * i);
		else
			out[at + i] = name[i];
	}
	fit = min(len, t->max_data);
	if (t->unicode && fit > at)
		fit = at + round_down(fit - at, 2);
	p = kcifsd_trans_rsp_data(t, fit);
	if (!p)
		return STATUS_INSUFF_SERVER_RESOURCES;
	memcpy(p, out, fit);
	return fit < len ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

/*
 * TRANS_PEEK_NMPIPE (2.2.5.5): the counts, and the next message left
 * unread. The 6 parameter bytes are the answer, so a MaxParameterCount
 * below 6 is "not enough parameter bytes" (2.2.5.5.2: STATUS_INVALID_SMB),
 * as for other subcommands whose response does not fit (3.3.5.59.1).
 * MessageBytesLength is what stays of the message past the bytes returned
 * (<328>: MessageLength - DataCount).
 */
static u32 trans_peek(struct kcifsd_trans *t, struct kcifsd_pipe *pipe)
{
	u32 status, avail, msg, left;
	u8 *p;

	if (t->max_param < PEEK_RSP_PARAMS)
		return STATUS_INVALID_SMB;
	p = kcifsd_trans_rsp_param(t, PEEK_RSP_PARAMS);
	if (!p)
		return STATUS_INSUFF_SERVER_RESOURCES;
	avail = kcifsd_pipe_available(pipe, &msg);
	status = trans_read_msg(t, pipe, true, &left);
	put_unaligned_le16(avail, p);
	put_unaligned_le16(left, p + 2);
	put_unaligned_le16(PIPE_STATE_CONNECTED, p + 4);
	return status;
}

/* A named-pipe subcommand on the pipe Setup[1] names. */
static u32 trans_nmpipe(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	u16 code = kcifsd_trans_setup(t, 0), fid = kcifsd_trans_setup(t, 1);
	struct kcifsd_pipe *pipe;
	u32 status;
	u8 *p;

	if (code == TRANS_TRANSACT_NMPIPE)
		return trans_transact(req, t, fid);
	if (code == TRANS_WAIT_NMPIPE)
		return STATUS_SUCCESS;	/* an instance is always free */
	if (code == TRANS_READ_NMPIPE)
		return trans_read(req, t, fid);
	pipe = kcifsd_pipe_get(req, fid);
	if (!pipe)
		return STATUS_INVALID_HANDLE;
	switch (code) {
	case TRANS_SET_NMPIPE_STATE:
		status = STATUS_INVALID_PARAMETER;
		if (t->param_count >= 2) {
			pipe->state = (pipe->state & 0x00FF) |
				      (get_unaligned_le16(t->param) & 0xFF00);
			status = STATUS_SUCCESS;
		}
		break;
	case TRANS_QUERY_NMPIPE_STATE:
		/* Its 2 parameter bytes must fit, as PEEK's (2.2.5.3.2) */
		status = t->max_param < 2 ? STATUS_INVALID_SMB :
			 STATUS_INSUFF_SERVER_RESOURCES;
		p = t->max_param < 2 ? NULL : kcifsd_trans_rsp_param(t, 2);
		if (p) {
			put_unaligned_le16(pipe->state, p);
			status = STATUS_SUCCESS;
		}
		break;
	case TRANS_QUERY_NMPIPE_INFO:
		status = trans_query_info(t, pipe);
		break;
	case TRANS_PEEK_NMPIPE:
		status = trans_peek(t, pipe);
		break;
	default:
		pr_info_ratelimited("%pISc: named-pipe subcommand 0x%04x not supported\n",
				    &req->conn->peer, code);
		status = STATUS_NOT_SUPPORTED;
		break;
	}
	kcifsd_pipe_put(pipe);
	return status;
}

/* The run function of SMB_COM_TRANSACTION (fs/transaction.h). */
static u32 pipe_trans_run(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	char name[32];

	if (!t->priv && !kcifsd_tree_is_ipc(req->sc, req->tid))
		return STATUS_NOT_SUPPORTED;	/* no mailslots */
	trans_name(t, name, sizeof(name));
	if (!strcasecmp(name, "\\PIPE\\LANMAN") && !t->setup_count)
		return trans_rap(req, t);
	if (strncasecmp(name, "\\PIPE\\", 6))
		return STATUS_OBJECT_NAME_NOT_FOUND;
	return trans_nmpipe(req, t);
}

/**
 * kcifsd_smb_trans() - SMB_COM_TRANSACTION handler: named pipes and RAP
 * @req: the request
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_trans(struct kcifsd_smb_req *req)
{
	return kcifsd_trans_primary(req, pipe_trans_run);
}
