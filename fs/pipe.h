/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Named pipes on IPC$ (MS-CIFS 3.3.5.57, 2.2.5): \PIPE\srvsvc,
 * \PIPE\wkssvc and \PIPE\LANMAN. The kernel only carries bytes: what a
 * client writes to a pipe goes to the helper daemon (RPC_TRANSACT, net/
 * ipc.h), which speaks DCE/RPC and RAP and answers with the messages the
 * client may read. A worker never waits for the helper: every call that
 * asks it parks the request (fs/smb_req.h, 6.) and finishes when resumed.
 *
 * Pipes are message-mode: a read returns at most one message, and a
 * message longer than the read gives STATUS_BUFFER_OVERFLOW with the
 * first part (MS-CIFS 3.3.5.36, 2.2.5.6).
 *
 * Pipe FIDs live in the connection's pipe table (kcifsd_smb_conn.pipes),
 * handed out downwards from 0xFFFE so that they seldom meet file FIDs,
 * which grow from 1. A pipe is valid only under the UID and TID that
 * opened it.
 *
 * The parking calls take @slot, where they keep their state between the
 * first call (NULL in *@slot) and the resumed one: &req->priv for a
 * command handler, &t->priv for a transaction's run function.
 *
 * Lifetime: pipe->refcnt; the pipe table holds one reference,
 * kcifsd_pipe_get() another. kcifsd_pipe_close() takes the FID out of
 * the table and tells the helper; the last put frees the pipe.
 */
#ifndef _KCIFSD_PIPE_H
#define _KCIFSD_PIPE_H

#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "net/ipc.h"
#include "net/kcifsd_netlink.h"

struct kcifsd_smb_conn;
struct kcifsd_smb_req;
struct kcifsd_trans;
struct kcifsd_work;

/* Pipes one connection may have open; one more is refused. */
#define KCIFSD_PIPE_MAX_OPEN	64
/* Pipe FIDs: from the top of the FID space down (see above). */
#define KCIFSD_PIPE_FID_MIN	0x8000
#define KCIFSD_PIPE_FID_MAX	0xFFFE
/* Unread bytes a pipe keeps (the helper answers at most this much). */
#define KCIFSD_PIPE_BUF_MAX	(4 * KCIFSD_RPC_MAX_PAYLOAD)

/*
 * SMB_NMPIPE_STATUS (MS-CIFS 2.2.1.3) of every pipe here: ICount 255,
 * ReadMode message, NamedPipeType message, client end, blocking.
 */
#define KCIFSD_PIPE_STATUS	0x05FF
/* Its Nonblocking bit (TRANS_SET_NMPIPE_STATE may set it). */
#define KCIFSD_PIPE_NONBLOCKING	0x8000

/**
 * struct kcifsd_pipe - one open named pipe
 * @refcnt: lifetime, see the comment at the top of this file
 * @id: the helper's pipe instance (KCIFSD_A_RPC_ID), unique in the module
 * @fid: the FID the client uses
 * @uid: the session that opened it
 * @tid: the IPC$ tree connect it was opened under
 * @name: "srvsvc", "wkssvc" or "LANMAN"
 * @lock: protects @buf, @len, @pos, @msg_left and @busy
 * @buf: the helper's answers not read yet: messages, each a u32 length
 *	(host order) and its bytes (KCIFSD_A_RPC_DATA)
 * @len: bytes at @buf
 * @pos: bytes of @buf already consumed
 * @msg_left: bytes left of the message being read, 0 at a message start
 * @busy: a write is with the helper; a second one gets STATUS_PIPE_BUSY
 * @reader: a blocking READ_ANDX parked until a message comes, or NULL
 *	(a second one gets STATUS_PIPE_BUSY); whoever takes it out under
 *	@lock resumes it (data, close, or its cancel hook)
 * @closed: the FID is gone: a parked read ends with STATUS_PIPE_CLOSING
 * @state: the PipeState a client set (TRANS_SET_NMPIPE_STATE)
 */
struct kcifsd_pipe {
	refcount_t refcnt;
	u32 id;
	u16 fid;
	u16 uid;
	u16 tid;
	char name[KCIFSD_PIPE_NAME_MAX + 1];
	spinlock_t lock;
	u8 *buf;
	u32 len;
	u32 pos;
	u32 msg_left;
	bool busy;
	struct kcifsd_work *reader;
	bool closed;
	u16 state;
};

/* A command handler (fs/smb_req.h). */
typedef u32 (*kcifsd_smb_handler_t)(struct kcifsd_smb_req *req);

u32 kcifsd_pipe_name(const char *smb_name, char *name, size_t size);

u32 kcifsd_pipe_open(struct kcifsd_smb_req *req, void **slot,
		     const char *smb_name, const char *user, u32 session_flags,
		     struct kcifsd_pipe **pipe);
struct kcifsd_pipe *kcifsd_pipe_get(struct kcifsd_smb_req *req, u16 fid);
void kcifsd_pipe_put(struct kcifsd_pipe *pipe);
void kcifsd_pipe_close(struct kcifsd_smb_conn *sc, struct kcifsd_pipe *pipe);

u32 kcifsd_pipe_write(struct kcifsd_smb_req *req, void **slot,
		      struct kcifsd_pipe *pipe, const void *data, u32 len);
u32 kcifsd_pipe_read(struct kcifsd_pipe *pipe, void *buf, u32 max,
		     u32 *got, bool peek);
u32 kcifsd_pipe_available(struct kcifsd_pipe *pipe, u32 *msg_bytes);
u32 kcifsd_pipe_read_wait(struct kcifsd_smb_req *req,
			  struct kcifsd_pipe *pipe);

u32 kcifsd_pipe_rap(struct kcifsd_smb_req *req, void **slot,
		    const struct kcifsd_rpc_call *call,
		    struct kcifsd_rpc_reply *reply);
bool kcifsd_pipe_reply_msg(const struct kcifsd_rpc_reply *reply,
			   unsigned int index, const u8 **msg, u32 *len);

void kcifsd_pipe_conn_init(struct kcifsd_smb_conn *sc);
void kcifsd_pipe_close_tree(struct kcifsd_smb_conn *sc, u16 tid);
void kcifsd_pipe_close_session(struct kcifsd_smb_conn *sc, u16 uid);
void kcifsd_pipe_conn_release(struct kcifsd_smb_conn *sc);

/* fs/pipe_smb.c: the SMB commands on pipes */
kcifsd_smb_handler_t kcifsd_pipe_handler(struct kcifsd_smb_req *req);
u32 kcifsd_smb_trans(struct kcifsd_smb_req *req);

/* fs/pipe_info.c: TRANS2_QUERY_FILE_INFORMATION on a pipe */
u32 kcifsd_pipe_query_info(struct kcifsd_trans *t, struct kcifsd_pipe *pipe,
			   u16 level);

#endif /* _KCIFSD_PIPE_H */
