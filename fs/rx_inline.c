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

#include <linux/rcupdate.h>
#include <linux/string.h>
#include <linux/xarray.h>
#include <asm/unaligned.h>

#include "fs/fid.h"
#include "fs/file_pdu.h"
#include "fs/smb1pdu.h"
#include "fs/smb_conn.h"
#include "fs/trans2.h"
#include "fs/unix_info.h"
#include "net/connection.h"

/* Headers of a reply's parts: each carries at least as many bytes as its
 * header (a client's MaxBufferSize is at least 500), so twice the blocks
 * and this much bound a whole transaction reply, and this much alone any
 * reply of a few words.
 */
#define INLINE_REPLY_SLACK	512

/* TRANSACTION2 with one setup word (MS-CIFS 2.2.4.46.1): WordCount 15. */
#define T2_WORDS		15
#define T2_WORD(n)		(sizeof(struct smb1_hdr) + 1 + 2 * (n))
#define T2_MAX_PARAM		T2_WORD(2)
#define T2_MAX_DATA		T2_WORD(3)
#define T2_PARAM_COUNT		T2_WORD(9)
#define T2_PARAM_OFFSET		T2_WORD(10)
#define T2_SETUP0		T2_WORD(14)

/* The InformationLevel of a one-piece SET_PATH_INFORMATION, or 0. */
static u16 t2_spi_level(const u8 *msg, unsigned int len)
{
	unsigned int off = get_unaligned_le16(msg + T2_PARAM_OFFSET);

	if (get_unaligned_le16(msg + T2_PARAM_COUNT) < 2 ||
	    off < T2_SETUP0 + 2 || off > len - 2)
		return 0;
	return get_unaligned_le16(msg + off);
}

/*
 * TRANS2 QUERY_PATH_INFORMATION and QUERY_FILE_INFORMATION (a Linux
 * client sends two or three, one at a time, per stat(2)) and the CIFS
 * UNIX extensions' SMB_POSIX_PATH_UNLINK (its unlink(2)): the largest
 * reply the client allows.
 */
static u32 t2_inline_reply(const u8 *msg, unsigned int len)
{
	u16 sub;

	if (len < T2_SETUP0 + 2 || msg[sizeof(struct smb1_hdr)] != T2_WORDS)
		return 0;
	sub = get_unaligned_le16(msg + T2_SETUP0);
	if (sub != TRANS2_QUERY_PATH_INFORMATION &&
	    sub != TRANS2_QUERY_FILE_INFORMATION &&
	    (sub != TRANS2_SET_PATH_INFORMATION ||
	     t2_spi_level(msg, len) != SMB_POSIX_PATH_UNLINK))
		return 0;
	return 2 * (get_unaligned_le16(msg + T2_MAX_PARAM) +
		    get_unaligned_le16(msg + T2_MAX_DATA)) + INLINE_REPLY_SLACK;
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
	struct kcifsd_smb_conn *sc = conn->smb;
	struct kcifsd_open *op;
	bool ok;
	u16 fid;
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
	fid = get_unaligned_le16(&w->fid);
	rcu_read_lock();
	/* A pipe's FID may also name a file of another tree: not here. */
	op = xa_load(&sc->fids, fid);
	ok = op && !op->is_dir && !op->write_through &&
	     !xa_load(&sc->pipes, fid);
	rcu_read_unlock();
	return ok;
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

	/* After WordCount and the words; @len covers WordCount. */
	i = sizeof(struct smb1_hdr) + 1 + 2 * msg[sizeof(struct smb1_hdr)];
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
 * write-through (write_runs_inline()). None of them parks (a parked
 * request is resumed as a queued work item, which must not race with
 * the receive work's direct call). Not an open (a sharing violation waits for a
 * close, fs/sharedelay.h), a lock, a pipe read, a search or anything
 * else.
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
