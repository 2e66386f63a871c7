// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which requests a transport's receive work may run itself, instead of
 * waking a pool thread for them (kcifsd_conn_submit_inline(),
 * kcifsd_conn_submit_head(), Documentation/connection-model.rst).
 *
 * Such a request waits for nothing but the file system: no other request
 * of the connection, no client, no timer. A request that may wait for
 * another one (a lock, an open that meets a sharing violation and waits
 * for a close, a pipe read, a write-through write whose flush waits for
 * the next writes of its batch) must go to the pool: the receive work
 * would not read the request it waits for. The core adds its own
 * conditions (nothing else of the connection in flight, no barrier, room
 * in the send buffer); the handler checks the request as ever, this only
 * picks where it runs.
 */

#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/fid.h"
#include "fs/file_pdu.h"
#include "fs/smb1pdu.h"
#include "fs/smb_conn.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/unix_info.h"
#include "net/connection.h"

/* Headers of a reply's parts: each carries at least as many bytes as its
 * header (a client's MaxBufferSize is at least 500), so twice the blocks
 * and this much bound a whole transaction reply, and this much alone any
 * reply of a few words.
 */
#define INLINE_REPLY_SLACK	512

/*
 * TRANS2 QUERY_PATH_INFORMATION and QUERY_FILE_INFORMATION (a Linux
 * client sends two or three, one at a time, per stat(2)) and the CIFS
 * UNIX extensions' SMB_POSIX_PATH_UNLINK (its unlink(2): a one-piece
 * SET_PATH_INFORMATION of that level): the largest reply the client
 * allows.
 */
static u32 t2_inline_reply(const u8 *msg, unsigned int len)
{
	struct kcifsd_trans2_peek pk;

	if (!kcifsd_trans2_peek(msg, len, &pk))
		return 0;
	if (pk.subcommand != TRANS2_QUERY_PATH_INFORMATION &&
	    pk.subcommand != TRANS2_QUERY_FILE_INFORMATION &&
	    (pk.subcommand != TRANS2_SET_PATH_INFORMATION ||
	     !pk.has_param0 || pk.param0 != SMB_POSIX_PATH_UNLINK))
		return 0;
	return 2 * (pk.max_param + pk.max_data) + INLINE_REPLY_SLACK;
}

/*
 * A split WRITE_ANDX's head (header, words, up to DataOffset; only its
 * layout was checked, net/split.h): a write to a file opened without
 * write-through, not asking for it itself.
 */
static bool write_runs_inline(struct kcifsd_conn *conn, const u8 *head,
			      unsigned int len)
{
	const struct smb1_write_andx_req *w;
	u8 wc;

	/* The first 12 words: both fields read are in them (WordCount 12
	 * or 14).
	 */
	if (len < sizeof(struct smb1_hdr) + 1 + SMB1_WRITE_ANDX_WC * 2 ||
	    ((const struct smb1_hdr *)head)->command != SMB_COM_WRITE_ANDX)
		return false;
	wc = head[sizeof(struct smb1_hdr)];
	if (wc != SMB1_WRITE_ANDX_WC && wc != SMB1_WRITE_ANDX_WC64)
		return false;
	w = (const void *)(head + sizeof(struct smb1_hdr) + 1);
	if (get_unaligned_le16(&w->write_mode) & WRITE_THROUGH_MODE)
		return false;
	return kcifsd_fid_peek_plain_file(conn->smb,
					  get_unaligned_le16(&w->fid));
}

/*
 * A DELETE of one name: a wildcard one may remove up to a whole directory
 * (fs/namespace.c), too long to keep the connection's reception waiting.
 * Any byte of a wildcard character (MS-CIFS 2.2.1.1.3, the DOS ones too)
 * after the words sends it to the pool; a UTF-16 name whose characters
 * merely contain such a byte goes there too, which costs nothing.
 */
static bool delete_one_name(const u8 *msg, unsigned int len)
{
	unsigned int i;

	/*
	 * After WordCount, the words and ByteCount (whose bytes may look
	 * like a wildcard); @len covers WordCount.
	 */
	i = sizeof(struct smb1_hdr) + 1 + 2 * msg[sizeof(struct smb1_hdr)] + 2;
	for (; i < len; i++)
		if (msg[i] && strchr("*?<>\"", msg[i]))
			return false;
	return true;
}

/**
 * kcifsd_smb_inline_reply() - may the receive work run this request?
 * @conn: the connection
 * @msg: the message, or a split WRITE_ANDX's head
 * @len: bytes in @msg
 * @tail: bytes of the message still on the transport (a split write)
 *
 * Run there: the queries by path or FID, SMB_POSIX_PATH_UNLINK, CLOSE,
 * a DELETE of one name, and a split write to a file without
 * write-through (write_runs_inline()). None of them parks: a parked
 * request is resumed on the pool, and the receive work would have run
 * it for nothing (if one does, net/connection.c holds the resume back
 * until the receive work's call returns, and logs it once). Not an open
 * (a sharing violation waits for a close, fs/sharedelay.h), a lock, a
 * pipe read, a search or anything else.
 *
 * Context: under conn->req_lock.
 * Return: the most bytes its reply can take, or 0 if the pool runs it.
 */
u32 kcifsd_smb_inline_reply(struct kcifsd_conn *conn, const u8 *msg,
			    unsigned int len, u32 tail)
{
	if (len < sizeof(struct smb1_hdr) + 1)
		return 0;
	if (tail)
		return write_runs_inline(conn, msg, len) ?
		       INLINE_REPLY_SLACK : 0;
	switch (((const struct smb1_hdr *)msg)->command) {
	case SMB_COM_TRANSACTION2:
		return t2_inline_reply(msg, len);
	case SMB_COM_DELETE:
		if (!delete_one_name(msg, len))
			return 0;
		fallthrough;
	case SMB_COM_CLOSE:
		/* A reply of no words or a few and no bytes. */
		return INLINE_REPLY_SLACK;
	default:
		return 0;
	}
}
