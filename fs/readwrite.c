// SPDX-License-Identifier: GPL-2.0-only
/*
 * File data: READ_ANDX and WRITE_ANDX (MS-CIFS 2.2.4.42/.43, 3.3.5.36/.37)
 * with the large forms of MS-SMB 2.2.4.2/2.2.4.3 (CAP_LARGE_READX,
 * CAP_LARGE_WRITEX: 64-bit offsets, MaxCountHigh, DataLengthHigh), and
 * the core READ, WRITE and SEEK (2.2.4.11, 2.2.4.12, 2.2.4.19).
 *
 * Reads never copy file data: the page-cache pages that hold it are
 * collected by reference (kcifsd_vfs_read_pages()) and handed to the
 * transport after the reply header (work->data), so the socket (or the
 * RDMA send) takes them from the page cache itself. The one exception is
 * a read that is not the last command of an AndX chain: its data must sit
 * in the middle of the reply and is copied there (counted, see below).
 * A large WRITE_ANDX arrives with its data still on the transport
 * (work->rx_tail, see net/connection.h): the data goes from the socket
 * buffers straight into the page cache, the one CPU copy
 * (write_andx_from_wire()). Smaller writes, chained ones and those of a
 * signing connection come whole and copy once from the request buffer
 * (kcifsd_vfs_write()): those bytes were staged in a whole-message
 * buffer first and are counted as such (file data staged).
 *
 * Every byte of file data the server copies beyond that one copy per
 * write is counted in the server's counters (file data copied, net/
 * server.h), so a test can tell a bounce buffer from the zero-copy path.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/bvec.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/uio.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/fid.h"
#include "fs/locking.h"
#include "fs/file_pdu.h"
#include "fs/open.h"
#include "fs/order.h"
#include "fs/readwrite.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/tree.h"
#include "fs/vfs.h"
#include "net/connection.h"
#include "net/server.h"

/*
 * The most a large READ_ANDX returns: Direct TCP frames carry up to
 * 16 MiB - 1, the connection's transport may allow less
 * (conn->transport_max_tx), and a reply this size pins 4096 pages.
 */
#define READX_MAX		(8 * 1024 * 1024)

/* Reply overhead in front of READ_ANDX data: header, words, count, pad. */
#define READX_RSP_OVERHEAD	(sizeof(struct smb1_hdr) + 1 + \
				 sizeof(struct smb1_read_andx_rsp) + 2 + 1)

/* SMB_COM_READ: header, words, ByteCount, BufferFormat, DataLength. */
#define READ_RSP_OVERHEAD	(sizeof(struct smb1_hdr) + 1 + \
				 sizeof(struct smb1_read_rsp) + 2 + 3)
/* ... and ByteCount (BufferFormat, DataLength, data) is 16 bits. */
#define READ_MAX		(U16_MAX - 3)

/*
 * The right a read needs: FILE_READ_DATA, or FILE_EXECUTE as well when
 * the client sets SMB_FLAGS2_PAGING_IO ("read if execute", MS-CIFS
 * 2.2.3.1), as it does to page in a program it runs.
 */

/*
 * The byte-range lock check of a read or write; then later requests that
 * change locks or opens need not wait for it any more (fs/order.h).
 */
static u32 rw_lock_check(struct kcifsd_smb_req *req, struct kcifsd_open *op,
			 u64 offset, u64 len, bool write)
{
	u32 status = kcifsd_lock_check_io(op, req->pid, offset, len, write);

	kcifsd_order_checked(req->work);
	return status;
}
static u32 rw_read_right(const struct kcifsd_smb_req *req)
{
	if (req->flags2 & SMB_FLAGS2_PAGING_IO)
		return KCIFSD_ACCESS_READ;
	return FILE_READ_DATA;
}

/* A FID of a regular file with data access @need. */
static u32 rw_get(struct kcifsd_smb_req *req, u16 fid, u32 need,
		  struct kcifsd_open **op)
{
	u32 status = kcifsd_fid_get(req, fid, op);

	if (status)
		return status;
	if ((*op)->is_dir)
		status = STATUS_INVALID_DEVICE_REQUEST;
	else if (!((*op)->access & need))
		status = STATUS_ACCESS_DENIED;
	if (status)
		kcifsd_open_put(*op);
	return status;
}

/*
 * A read or a write moves the SEEK file pointer to its end (MS-CIFS
 * 2.2.4.19.1); a read also sets FilePositionInformation, which SEEK and
 * writes leave alone, as on Windows (smbtorture raw.seek).
 */
static void rw_moved(struct kcifsd_open *op, u64 offset, size_t n, bool read)
{
	spin_lock(&op->fpos->lock);
	op->fpos->seek_pos = lower_32_bits(offset + n);
	if (read)
		op->fpos->pos = offset + n;
	spin_unlock(&op->fpos->lock);
}

/*
 * Put the pages after the reply (the data ends the message), or, when the
 * reply must go on after them, copy them to @dst.
 */
static void rw_attach_data(struct kcifsd_smb_req *req, struct bio_vec *bvec,
			   unsigned int nr, u8 *dst, size_t len)
{
	unsigned int i;

	if (!dst) {
		req->work->data = bvec;
		req->work->nr_data = nr;
		kcifsd_server_count_file_data(len, 0, 0);
		return;
	}
	for (i = 0; i < nr; i++) {
		memcpy_from_bvec(dst, &bvec[i]);
		dst += bvec[i].bv_len;
	}
	kcifsd_vfs_release_pages(bvec, nr);
	kcifsd_server_count_file_data(len, 0, len);
}

/*
 * Can this read's data go after the whole reply, by reference? Only if
 * no reply block follows it and no other command put data there yet.
 */
static bool rw_data_last(struct kcifsd_smb_req *req)
{
	return req->nr_run + 1 == req->nr_blks && !req->work->data;
}

/* What is left of @limit after @used bytes and a READ_ANDX reply block. */
static size_t readx_room(size_t limit, size_t used)
{
	return limit > used + READX_RSP_OVERHEAD ?
	       limit - used - READX_RSP_OVERHEAD : 0;
}

/*
 * The byte count a READ_ANDX asks for, and the most the reply may take.
 * The blocks of earlier commands in a chain count against every limit:
 * a chained reply is one message, and on port 139 the 17-bit NetBIOS
 * length is reached well before READX_MAX.
 */
static size_t read_andx_count(struct kcifsd_smb_req *req,
			      const struct smb1_read_andx_req *w, bool last)
{
	struct kcifsd_conn *conn = req->conn;
	size_t count = get_unaligned_le16(&w->max_count);
	size_t used = req->rsp_len - sizeof(struct smb1_hdr);
	size_t room;
	u32 high;

	if (req->sc->capabilities & CAP_LARGE_READX) {
		/* MS-SMB 2.2.4.2.1: MaxCountHigh, 0xFFFF meaning none. */
		high = get_unaligned_le32(&w->timeout_or_max_count_high) &
		       0xffff;
		if (high != 0xffff)
			count |= (size_t)high << 16;
		room = READX_MAX;
		if (conn->transport_max_tx)
			room = min(room, readx_room(conn->transport_max_tx,
						    used));
	} else {
		/* The reply must fit ClientMaxBufferSize (MS-CIFS 3.3.5.36). */
		room = readx_room(req->rsp_max, used);
	}
	/* Data copied into the middle of a chain stays within the reply. */
	if (!last)
		room = min(room, readx_room(req->rsp_max, used));
	return min(count, room);
}

/**
 * kcifsd_smb_read_andx() - SMB_COM_READ_ANDX handler
 * @req: the request
 *
 * A short read means the end of the file; a read at or past it returns
 * no data and success (MS-CIFS <60>). Available is 0xFFFF for files.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_read_andx(struct kcifsd_smb_req *req)
{
	const struct smb1_read_andx_req *w = (const void *)req->words;
	bool last = rw_data_last(req);
	struct smb1_read_andx_rsp *rsp;
	struct kcifsd_open *op;
	struct bio_vec *bvec;
	unsigned int nr, off;
	size_t count, got;
	u64 offset;
	u32 status;
	u8 *bytes;

	offset = get_unaligned_le32(&w->offset);
	if (req->wc == SMB1_READ_ANDX_WC64)
		offset |= (u64)get_unaligned_le32(&w->offset_high) << 32;
	if (offset > LLONG_MAX)
		return STATUS_INVALID_PARAMETER;
	status = rw_get(req, get_unaligned_le16(&w->fid), rw_read_right(req),
			&op);
	if (status)
		return status;
	count = read_andx_count(req, w, last);
	status = rw_lock_check(req, op, offset, count, false);
	if (!status)
		status = kcifsd_vfs_read_pages(op->file, offset, count, &bvec,
					       &nr, &got);
	if (!status)
		rw_moved(op, offset, got, true);
	kcifsd_open_put(op);
	if (status)
		return status;

	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, last ? 1 : 1 + got);
	if (!rsp) {
		kcifsd_vfs_release_pages(bvec, nr);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	bytes = kcifsd_smb_rsp_bytes(req);
	/* One pad byte: the data starts on an even offset (60 unchained). */
	off = kcifsd_smb_rsp_offset(req, bytes + 1);
	rsp->available = cpu_to_le16(SMB1_AVAILABLE_FILE);
	rsp->data_length = cpu_to_le16(got & 0xffff);
	rsp->data_length_high = cpu_to_le16(got >> 16);
	rsp->data_offset = cpu_to_le16(off);
	if (last) {
		/* ByteCount cannot say more than 64 KiB (MS-SMB 2.2.4.2.2). */
		put_unaligned_le16((1 + got) & 0xffff, bytes - 2);
	}
	if (got)
		rw_attach_data(req, bvec, nr, last ? NULL : bytes + 1, got);
	return STATUS_SUCCESS;
}

/*
 * Where a WRITE_ANDX's data is, checked against the message (req->len,
 * which counts a split message's tail); *@data is NULL when the data is
 * still on the transport: the head ends where it starts.
 */
static u32 write_andx_data(struct kcifsd_smb_req *req,
			   const struct smb1_write_andx_req *w,
			   const u8 **data, size_t *len)
{
	unsigned int off = get_unaligned_le16(&w->data_offset);
	unsigned int start = req->bytes - req->buf;
	size_t n = get_unaligned_le16(&w->data_length);

	if (req->sc->capabilities & CAP_LARGE_WRITEX)
		n |= (size_t)get_unaligned_le16(&w->data_length_high) << 16;
	/*
	 * MS-CIFS 3.3.5.37: the data lies in this command's Bytes or after
	 * them (a chained command may come first); it must be inside the
	 * message. Large writes carry more than ByteCount can say, so the
	 * message's length is what bounds them (MS-SMB 3.3.5.9).
	 */
	if (off < start || off > req->len || n > req->len - off) {
		pr_info_ratelimited("%pISc: WRITE_ANDX data (offset %u, %zu bytes) outside the message of %u\n",
				    &req->conn->peer, off, n, req->len);
		return STATUS_INVALID_SMB;
	}
	if (req->work->rx_tail && off != req->work->request_len)
		return STATUS_INVALID_SMB;
	*data = req->work->rx_tail ? NULL : req->buf + off;
	*len = n;
	return STATUS_SUCCESS;
}

/**
 * struct write_sink - where a split WRITE_ANDX's data goes
 * @file: the file
 * @pos: where the next byte goes
 * @left: bytes of DataLength not written yet (the tail may hold more,
 *	ignored like any excess transport data)
 * @err: the first error; the rest of the data is then dropped
 */
struct write_sink {
	struct file *file;
	loff_t pos;
	size_t left;
	int err;
};

/* kcifsd_tail_actor_t: one piece of the data into the page cache. */
static void write_sink_actor(void *ctx, struct iov_iter *from)
{
	struct write_sink *ws = ctx;
	size_t n = min(iov_iter_count(from), ws->left);
	ssize_t done, more;

	if (ws->err || !n)
		return;
	iov_iter_truncate(from, n);
	file_start_write(ws->file);
	done = vfs_iter_write(ws->file, from, &ws->pos, 0);
	/* A short write: once more for the rest, to learn why. */
	if (done > 0 && done < n) {
		more = vfs_iter_write(ws->file, from, &ws->pos, 0);
		done = more < 0 ? more : done + more;
	}
	file_end_write(ws->file);
	if (done < 0)
		ws->err = done;
	else if (done < n)
		ws->err = -ENOSPC;
	else
		ws->left -= n;
}

/*
 * A write-through write's data went in (@err 0) or not: flush it with the
 * open's other write-through writes (fs/wsync.c), or let them go on
 * without it. Under the file's credentials.
 */
static int rw_wsync_end(struct kcifsd_smb_req *req, struct kcifsd_open *op,
			int err, loff_t offset, size_t len)
{
	if (err || !len) {
		kcifsd_wsync_abort(&op->wsync);
		return err;
	}
	return kcifsd_wsync_write(&op->wsync, req->work->conn, op->file,
				  offset, len);
}

/*
 * The data of a split WRITE_ANDX: from the transport's receive buffers
 * into the page cache as it arrives, under the file's credentials. The
 * same promise as kcifsd_vfs_write(): on ENOSPC/EDQUOT what this write
 * appended is cut off again and no count is reported; the rest of the
 * data is still read (and dropped) so the next message is found.
 */
static u32 write_andx_from_wire(struct kcifsd_smb_req *req,
				struct kcifsd_open *op, loff_t offset,
				size_t len, bool sync, size_t *written)
{
	struct write_sink ws = { .file = op->file, .pos = offset, .left = len };
	struct inode *inode = file_inode(op->file);
	const struct cred *old;
	loff_t old_size;
	int err;

	*written = 0;
	if (!len)
		return STATUS_SUCCESS;
	old = override_creds(op->file->f_cred);
	old_size = i_size_read(inode);
	if (sync)
		kcifsd_wsync_begin(&op->wsync);
	if (kcifsd_work_recv_tail(req->work, write_sink_actor, &ws)) {
		/* The stream broke: the connection is going, no reply. */
		err = -ECONNRESET;
	} else {
		err = ws.err;
	}
	if ((err == -ENOSPC || err == -EDQUOT || err == -ECONNRESET) &&
	    i_size_read(inode) > old_size)
		vfs_truncate(&op->file->f_path, old_size);
	if (sync)
		err = rw_wsync_end(req, op, err, offset, len);
	revert_creds(old);
	if (err)
		return kcifsd_vfs_status(err);
	*written = len;
	return STATUS_SUCCESS;
}

/*
 * A write of @len bytes at @data from the request buffer; write-through
 * (@sync) shares its flush with the open's other write-through writes.
 */
static u32 rw_write(struct kcifsd_smb_req *req, struct kcifsd_open *op,
		    loff_t offset, const u8 *data, size_t len, bool sync,
		    size_t *written)
{
	const struct cred *old;
	u32 status;
	int err;

	if (sync)
		kcifsd_wsync_begin(&op->wsync);
	status = kcifsd_vfs_write(op->file, offset, data, len, written);
	if (!sync)
		return status;
	old = override_creds(op->file->f_cred);
	err = rw_wsync_end(req, op, status ? -EIO : 0, offset, *written);
	revert_creds(old);
	if (status)
		return status;
	if (err) {
		*written = 0;
		return kcifsd_vfs_status(err);
	}
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_write_andx() - SMB_COM_WRITE_ANDX handler
 * @req: the request
 *
 * Writing past the end of the file fills the gap with zeros; a
 * zero-length write changes nothing (MS-CIFS 3.3.5.37). WriteMode bit 0,
 * or FILE_WRITE_THROUGH at open, makes the write reach stable storage
 * before the reply. Out of space: STATUS_DISK_FULL, and no count.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_write_andx(struct kcifsd_smb_req *req)
{
	const struct smb1_write_andx_req *w = (const void *)req->words;
	struct smb1_write_andx_rsp *rsp;
	struct kcifsd_open *op;
	const u8 *data;
	size_t len, written;
	u64 offset;
	bool sync;
	u32 status;

	offset = get_unaligned_le32(&w->offset);
	if (req->wc == SMB1_WRITE_ANDX_WC64)
		offset |= (u64)get_unaligned_le32(&w->offset_high) << 32;
	status = write_andx_data(req, w, &data, &len);
	if (status)
		return status;
	if (offset > LLONG_MAX || len > LLONG_MAX - offset)
		return STATUS_INVALID_PARAMETER;
	status = rw_get(req, get_unaligned_le16(&w->fid), KCIFSD_ACCESS_WRITE,
			&op);
	if (status)
		return status;
	sync = op->write_through ||
	       (get_unaligned_le16(&w->write_mode) & WRITE_THROUGH_MODE);
	status = rw_lock_check(req, op, offset, len, true);
	if (status) {
		/* Bytes still on the transport are drained by the core. */
		written = 0;
	} else if (data) {
		status = rw_write(req, op, offset, data, len, sync, &written);
		kcifsd_server_count_staged(written);
	} else {
		status = write_andx_from_wire(req, op, offset, len, sync,
					      &written);
	}
	if (!status)
		rw_moved(op, offset, written, false);
	kcifsd_open_put(op);
	if (status)
		return status;
	kcifsd_server_count_file_data(0, written, 0);

	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 0);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	rsp->count = cpu_to_le16(written & 0xffff);
	rsp->count_high = cpu_to_le16(written >> 16);
	rsp->available = cpu_to_le16(SMB1_AVAILABLE_FILE);
	return STATUS_SUCCESS;
}

/* READ, and LOCK_AND_READ (@lock), whose words and reply are READ's. */
static u32 rw_read(struct kcifsd_smb_req *req, bool lock)
{
	const struct smb1_read_req *w = (const void *)req->words;
	size_t count = get_unaligned_le16(&w->count), got;
	struct smb1_read_rsp *rsp;
	struct kcifsd_open *op;
	struct bio_vec *bvec;
	unsigned int nr;
	u32 status;
	u8 *bytes;

	count = min3(count, (size_t)READ_MAX, (size_t)req->rsp_max -
		     min_t(size_t, req->rsp_max, READ_RSP_OVERHEAD));
	status = rw_get(req, get_unaligned_le16(&w->fid), rw_read_right(req),
			&op);
	if (status)
		return status;
	if (lock)
		status = kcifsd_lock_range32(req, op,
					     get_unaligned_le32(&w->offset),
					     get_unaligned_le16(&w->count),
					     true);
	if (!status)
		status = rw_lock_check(req, op,
					      get_unaligned_le32(&w->offset),
					      count, false);
	if (!status)
		status = kcifsd_vfs_read_pages(op->file,
					       get_unaligned_le32(&w->offset),
					       count, &bvec, &nr, &got);
	if (!status)
		rw_moved(op, get_unaligned_le32(&w->offset), got, true);
	kcifsd_open_put(op);
	if (status)
		return status;
	/* Not an AndX command: nothing follows it, the data goes last. */
	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 3);
	if (!rsp) {
		kcifsd_vfs_release_pages(bvec, nr);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	rsp->count = cpu_to_le16(got);
	bytes = kcifsd_smb_rsp_bytes(req);
	bytes[0] = SMB_BUFFER_FORMAT_DATA;
	put_unaligned_le16(got, bytes + 1);
	put_unaligned_le16(3 + got, bytes - 2);
	if (got)
		rw_attach_data(req, bvec, nr, NULL, got);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_read() - SMB_COM_READ handler (MS-CIFS 2.2.4.11)
 * @req: the request
 *
 * "The client MUST ensure that the amount of data requested will fit in
 * the negotiated maximum buffer size" (MS-CIFS 2.2.4.11.1); one that does
 * not gets what fits, as from Windows, and the data with its 3-byte
 * header must fit the 16-bit ByteCount too (at most 65532 bytes). A
 * short read means the end of the file to a client that asked for what
 * fits.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_read(struct kcifsd_smb_req *req)
{
	return rw_read(req, false);
}

/**
 * kcifsd_smb_lock_and_read() - SMB_COM_LOCK_AND_READ handler (MS-CIFS
 *	2.2.4.20, 3.3.5.20)
 * @req: the request
 *
 * READ after an exclusive lock of the bytes asked for (the request's
 * count, whatever fits the reply), for the request's PID; a lock that
 * cannot be had at once fails the request.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_lock_and_read(struct kcifsd_smb_req *req)
{
	return rw_read(req, true);
}

/*
 * The write of WRITE and WRITE_AND_CLOSE: @count bytes at @data, or with
 * a count of 0 the file truncated or extended to @offset.
 */
static u32 rw_write_or_size(struct kcifsd_smb_req *req,
			    struct kcifsd_open *op, loff_t offset,
			    const u8 *data, size_t count, size_t *written)
{
	u32 status;

	*written = 0;
	if (!count)
		return kcifsd_vfs_truncate(op->tree, op->file, offset);
	status = rw_lock_check(req, op, offset, count, true);
	if (status)
		return status;
	return rw_write(req, op, offset, data, count, op->write_through,
			written);
}

/* WRITE, and WRITE_AND_UNLOCK (@unlock): the same words and reply. */
static u32 rw_write_core(struct kcifsd_smb_req *req, bool unlock)
{
	const struct smb1_write_req *w = (const void *)req->words;
	size_t count = get_unaligned_le16(&w->count), written = 0;
	loff_t offset = get_unaligned_le32(&w->offset);
	struct smb1_count_rsp *rsp;
	struct kcifsd_open *op;
	u32 status;

	/*
	 * Bytes: BufferFormat 0x01, DataLength, then the data. Bytes too
	 * short for the count, even none at all, are INVALID_PARAMETER
	 * (smbtorture raw.write bad-write).
	 */
	if (req->bc && req->bytes[0] != SMB_BUFFER_FORMAT_DATA)
		return STATUS_INVALID_SMB;
	if (req->bc < 3 || get_unaligned_le16(req->bytes + 1) < count ||
	    req->bc - 3 < count)
		return STATUS_INVALID_PARAMETER;
	status = rw_get(req, get_unaligned_le16(&w->fid), KCIFSD_ACCESS_WRITE,
			&op);
	if (status)
		return status;
	if (count || !unlock)
		status = rw_write_or_size(req, op, offset, req->bytes + 3,
					  count, &written);
	if (!status)
		rw_moved(op, offset, written, false);
	if (!status && unlock && count)
		status = kcifsd_lock_range32(req, op, offset, count, false);
	kcifsd_open_put(op);
	if (status)
		return status;
	kcifsd_server_count_file_data(0, written, 0);
	kcifsd_server_count_staged(written);
	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 0);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	rsp->count = cpu_to_le16(written);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_write() - SMB_COM_WRITE handler (MS-CIFS 2.2.4.12)
 * @req: the request
 *
 * A count of zero truncates or extends the file to the offset
 * (MS-CIFS 3.3.5.23). A count the message does not carry is
 * STATUS_INVALID_PARAMETER, as Windows answers it.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_write(struct kcifsd_smb_req *req)
{
	return rw_write_core(req, false);
}

/**
 * kcifsd_smb_write_and_unlock() - SMB_COM_WRITE_AND_UNLOCK handler
 *	(MS-CIFS 2.2.4.21, 3.3.5.21)
 * @req: the request
 *
 * WRITE, then the unlock of the bytes written (a lock the request's PID
 * holds on exactly that range). A count of 0 writes nothing and unlocks
 * nothing (it does not truncate, as WRITE's does).
 *
 * Return: an NTSTATUS: the unlock's when the write worked and it failed.
 */
u32 kcifsd_smb_write_and_unlock(struct kcifsd_smb_req *req)
{
	return rw_write_core(req, true);
}

/**
 * kcifsd_smb_seek() - SMB_COM_SEEK handler (MS-CIFS 2.2.4.19)
 * @req: the request
 *
 * Moves the open's file pointer from the start (mode 0), the current
 * position (1) or the end of the file (2). The pointer is 32 bits and
 * wraps as on Windows: -1 from the start is 0xFFFFFFFF, 1000 more is 999
 * (smbtorture raw.seek). FilePositionInformation does not move.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_seek(struct kcifsd_smb_req *req)
{
	const struct smb1_seek_req *w = (const void *)req->words;
	s64 delta = (s32)get_unaligned_le32(&w->offset);
	u16 mode = get_unaligned_le16(&w->mode);
	struct smb1_seek_rsp *rsp;
	struct kcifsd_open *op;
	s64 base;
	u32 status, pos;

	if (mode > 2)
		return STATUS_INVALID_PARAMETER;
	status = kcifsd_fid_get(req, get_unaligned_le16(&w->fid), &op);
	if (status)
		return status;
	if (op->is_dir) {
		kcifsd_open_put(op);
		return STATUS_BAD_DEVICE_TYPE;
	}
	spin_lock(&op->fpos->lock);
	if (mode == 0)
		base = 0;
	else if (mode == 1)
		base = op->fpos->seek_pos;
	else
		base = i_size_read(file_inode(op->file));
	op->fpos->seek_pos = lower_32_bits(base + delta);
	pos = op->fpos->seek_pos;
	spin_unlock(&op->fpos->lock);
	kcifsd_open_put(op);

	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 0);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	rsp->offset = cpu_to_le32(pos);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_write_and_close() - SMB_COM_WRITE_AND_CLOSE handler
 * @req: the request
 *
 * MS-CIFS 2.2.4.40, 3.3.5.34: a WRITE (a count of 0 truncates or extends
 * the file to the offset), the last write time set (0 meaning now), then
 * a CLOSE of the FID, which happens even if the write fails (2.2.4.40).
 * As Windows does (smbtorture raw.write "write close"), a count of 0
 * leaves the FID open.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_write_and_close(struct kcifsd_smb_req *req)
{
	const struct smb1_write_and_close_req *w = (const void *)req->words;
	size_t count = get_unaligned_le16(&w->count), written;
	struct smb1_count_rsp *rsp;
	struct kcifsd_open *op;
	u32 status;

	/* Bytes: one pad byte, then the data (ByteCount = 1 + count). */
	if (req->bc < 1 || req->bc - 1 < count)
		return STATUS_INVALID_PARAMETER;
	status = rw_get(req, get_unaligned_le16(&w->fid), KCIFSD_ACCESS_WRITE,
			&op);
	if (status)
		return status;
	status = rw_write_or_size(req, op, get_unaligned_le32(&w->offset),
				  req->bytes + 1, count, &written);
	if (!status) {
		kcifsd_server_count_file_data(0, written, 0);
		kcifsd_server_count_staged(written);
		kcifsd_close_set_mtime(op, get_unaligned_le32(&w->last_write_time));
	}
	if (count)
		kcifsd_fid_close(op);
	kcifsd_open_put(op);
	if (status)
		return status;
	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 0);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	rsp->count = cpu_to_le16(written);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_read_raw() - SMB_COM_READ_RAW handler (MS-CIFS 2.2.4.22)
 * @req: the request
 *
 * Raw mode is not offered (no CAP_RAW_MODE: it has no SMB header to
 * carry an error or a signature, and READ_ANDX with CAP_LARGE_READX does
 * the same job). MS-CIFS 3.3.5.24: a server whose capabilities lack
 * CAP_RAW_MODE MUST answer with a zero-length message, never an SMB
 * reply the client would take for raw data; the client then reads with
 * another command. A transport that cannot carry an empty message (SMB
 * Direct, where raw mode has no meaning) drops the connection.
 *
 * Return: STATUS_SUCCESS (no SMB reply follows).
 */
u32 kcifsd_smb_read_raw(struct kcifsd_smb_req *req)
{
	struct kcifsd_conn *conn = req->work->conn;
	struct kvec iov = { };

	pr_info_ratelimited("%pISc: READ_RAW without CAP_RAW_MODE: empty reply\n",
			    &conn->peer);
	kcifsd_smb_rsp_none(req);
	if (!conn->ops->empty_messages) {
		req->work->disconnect = true;
		return STATUS_SUCCESS;
	}
	kcifsd_conn_send_reply(conn, &iov, 1, NULL, 0);
	return STATUS_SUCCESS;
}
