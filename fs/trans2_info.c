// SPDX-License-Identifier: GPL-2.0-only
/*
 * TRANS2_QUERY_PATH_INFORMATION and TRANS2_QUERY_FILE_INFORMATION
 * (MS-CIFS 2.2.6.6, 2.2.6.8, 3.3.5.58.6, 3.3.5.58.8): a file's
 * information in the MS-CIFS query levels (2.2.8.3) and in the
 * pass-through classes (MS-SMB 2.2.2.3.5, MS-FSCC 2.4) Windows and Linux
 * clients ask for.
 *
 * Extended attributes are fs/ea.c's. What is not kept: alternate data
 * streams (a file has its unnamed ::$DATA stream only),
 * compression, reparse points. 8.3 names are made up (fs/shortname.c).
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/ea.h"
#include "fs/fid.h"
#include "fs/fileinfo.h"
#include "fs/infolevel.h"
#include "fs/path.h"
#include "fs/pipe.h"
#include "fs/sharemode.h"
#include "fs/shortname.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/unix_info.h"
#include "fs/vfs.h"

/* FileModeInformation.Mode (MS-FSCC 2.4.26) */
#define FILE_WRITE_THROUGH	0x00000002

/* The largest fixed-size answer: FILE_UNIX_INFO2 */
#define QINFO_FIXED_MAX		UNIX_INFO2_SIZE
static_assert(QINFO_FIXED_MAX >= 64 && QINFO_FIXED_MAX >= UNIX_BASIC_SIZE);

/*
 * The least MaxDataCount of the levels with a name (MS-FSA 2.1.5.12:
 * less is STATUS_INFO_LENGTH_MISMATCH): the part before the name and one
 * UTF-16 character, aligned as the class is. FILE_NAME_INFORMATION
 * (also the alternate name's): BlockAlign(4 + 2, 4). The ALL level
 * answers in SMB_QUERY_FILE_ALL_INFO's layout, its name at 72: that + 2,
 * aligned to 8 as FILE_ALL_INFORMATION is. FILE_STREAM_INFORMATION:
 * sizeof() with its one-character StreamName, 24 + 2 aligned to 8.
 */
#define QINFO_NAME_MIN		8
#define QINFO_ALL_FIXED		68
#define QINFO_ALL_MIN		ALIGN(QINFO_ALL_FIXED + 4 + 2, 8)
#define QINFO_STREAM_FIXED	24
#define QINFO_STREAM_MIN	ALIGN(QINFO_STREAM_FIXED + 2, 8)

/* Request parameter sizes before FileName (2.2.6.6.1, 2.2.6.8.1) */
#define QPATH_NAME_OFF		6
#define QFILE_PARAMS		4

/**
 * struct qinfo - a query being answered
 * @obj: the object
 * @info: what the levels report about it
 * @level: InformationLevel
 * @unicode: names in UTF-16LE (the native levels follow Flags2; the
 *	pass-through classes are always Unicode)
 * @buf: the response data
 * @room: its size (MaxDataCount)
 * @overflow: the answer is cut short to fit @room (STATUS_BUFFER_OVERFLOW)
 */
struct qinfo {
	struct kcifsd_t2_obj *obj;
	struct kcifsd_info info;
	u16 level;
	bool unicode;
	bool unix_level;
	u8 *buf;
	unsigned int room;
	bool overflow;
};

/*
 * The object's name from the share root as Windows gives it in the name
 * levels: "\dir\file", "\" for the root.
 */
static char *qinfo_wire_name(const struct qinfo *q, unsigned int *len)
{
	const char *name = kcifsd_t2_obj_name(q->obj);
	char *s, *c;

	s = kasprintf(GFP_KERNEL, "\\%s", name);
	if (!s)
		return NULL;
	for (c = s; *c; c++)
		if (*c == '/')
			*c = '\\';
	*len = strlen(s);
	return s;
}

/*
 * FileNameLength (4) and FileName, at @p (@room >= QINFO_NAME_MIN): the
 * bytes written or -errno. A name that does not fit is cut, at a UTF-16
 * unit in Unicode, FileNameLength still the whole name's, and
 * q->overflow set (MS-FSA 2.1.5.12, FileNameInformation).
 */
static int qinfo_put_name(struct qinfo *q, u8 *p, unsigned int room,
			  const char *name, unsigned int len)
{
	unsigned int size = kcifsd_name_size(name, len, q->unicode);
	unsigned int avail = room - 4;
	u8 *whole;
	int n;

	put_unaligned_le32(size, p);
	if (size <= avail) {
		n = kcifsd_put_name(p + 4, avail, name, len, q->unicode);
		return n < 0 ? n : 4 + n;
	}
	whole = kmalloc(size, GFP_KERNEL);
	if (!whole)
		return -ENOMEM;
	n = kcifsd_put_name(whole, size, name, len, q->unicode);
	if (q->unicode)
		avail = round_down(avail, 2);
	if (n >= 0)
		memcpy(p + 4, whole, avail);
	kfree(whole);
	q->overflow = true;
	return n < 0 ? n : 4 + avail;
}

static int qinfo_name(struct qinfo *q, u8 *p, unsigned int room)
{
	unsigned int len;
	char *name = qinfo_wire_name(q, &len);
	int n;

	if (!name)
		return -ENOMEM;
	n = qinfo_put_name(q, p, room, name, len);
	kfree(name);
	return n;
}

/* Open.CurrentByteOffset (FilePositionInformation, MS-FSCC 2.4.35) */
static u64 qinfo_pos(struct kcifsd_open *op)
{
	u64 pos;

	spin_lock(&op->fpos->lock);
	pos = op->fpos->pos;
	spin_unlock(&op->fpos->lock);
	return pos;
}

/*
 * SMB_QUERY_FILE_ALT_NAME_INFO / FileAlternateNameInformation (MS-FSCC
 * 2.4.5): the 8.3 name fs/shortname.c makes up; the share root has none
 * (STATUS_OBJECT_NAME_NOT_FOUND).
 */
static int qinfo_alt_name(struct qinfo *q, u8 *p, unsigned int room)
{
	const char *full = kcifsd_t2_obj_name(q->obj);
	const char *name = strrchr(full, '/');
	char alt[KCIFSD_SHORT_NAME_MAX + 1];
	unsigned int len;

	if (room < QINFO_NAME_MIN)
		return -ENOSPC;
	name = name ? name + 1 : full;
	if (!*name)
		return -ENOENT;
	len = kcifsd_short_name(name, strlen(name), alt);
	return qinfo_put_name(q, p, room, alt, len);
}

/*
 * SMB_QUERY_FILE_STREAM_INFO / FileStreamInformation (MS-FSCC 2.4.43): a
 * file has its unnamed data stream, a directory none. An entry that
 * does not fit is left out, with STATUS_BUFFER_OVERFLOW (MS-FSA
 * 2.1.5.12, FileStreamInformation).
 */
static int qinfo_streams(struct qinfo *q, u8 *p, unsigned int room)
{
	static const char data[] = "::$DATA";
	int n;

	if (room < QINFO_STREAM_MIN)
		return -ENOSPC;
	if (q->info.is_dir)
		return 0;
	n = kcifsd_put_name(p + QINFO_STREAM_FIXED, room - QINFO_STREAM_FIXED,
			    data, sizeof(data) - 1, true);
	if (n == -ENOSPC) {
		q->overflow = true;
		return 0;
	}
	if (n < 0)
		return n;
	put_unaligned_le32(0, p);
	put_unaligned_le32(n, p + 4);
	put_unaligned_le64(q->info.eof, p + 8);
	put_unaligned_le64(q->info.alloc, p + 16);
	return QINFO_STREAM_FIXED + n;
}

/*
 * SMB_QUERY_FILE_ALL_INFO (MS-CIFS 2.2.8.3.8): BASIC, STANDARD, 2
 * reserved bytes, EaSize, then the name.
 */
static int qinfo_all_cifs(struct qinfo *q, u8 *p, unsigned int room)
{
	int n;

	if (room < QINFO_ALL_MIN)
		return -ENOSPC;
	kcifsd_put_basic(p, &q->info);
	kcifsd_put_standard(p + 40, &q->info);
	put_unaligned_le16(0, p + 62);
	put_unaligned_le32(q->info.ea_size, p + 64);
	n = qinfo_name(q, p + QINFO_ALL_FIXED, room - QINFO_ALL_FIXED);
	return n < 0 ? n : QINFO_ALL_FIXED + n;
}

/*
 * Fixed-size answers: the size, or 0 for a level that is not one of
 * them. @p has room for the largest (64 bytes).
 */
static unsigned int qinfo_fixed(const struct qinfo *q, u8 *p)
{
	struct kcifsd_open *op = q->obj->op;
	const struct kcifsd_info *info = &q->info;
	unsigned int n;

	memset(p, 0, 64);
	switch (q->level) {
	case SMB_INFO_STANDARD:
		return kcifsd_put_info_standard(p, info);
	case SMB_INFO_QUERY_EA_SIZE:
		n = kcifsd_put_info_standard(p, info);
		put_unaligned_le32(info->ea_size, p + n);
		return n + 4;
	case SMB_QUERY_FILE_BASIC_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_BASIC_INFORMATION:
		return kcifsd_put_basic(p, info);
	case SMB_QUERY_FILE_STANDARD_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_STANDARD_INFORMATION:
		/* 22 in MS-CIFS; clients expect the 24 of MS-FSCC 2.4.41 */
		return kcifsd_put_standard(p, info) + 2;
	case SMB_QUERY_FILE_EA_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_EA_INFORMATION:
		put_unaligned_le32(info->ea_size, p);
		return 4;
	case SMB_INFO_PASSTHROUGH + FILE_INTERNAL_INFORMATION:
		put_unaligned_le64(info->file_id, p);
		return 8;
	case SMB_QUERY_FILE_COMPRESSION_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_COMPRESSION_INFORMATION:
		put_unaligned_le64(info->eof, p);	/* not compressed */
		return 16;
	case SMB_INFO_PASSTHROUGH + FILE_NETWORK_OPEN_INFORMATION:
		return kcifsd_put_network_open(p, info);
	case SMB_INFO_PASSTHROUGH + FILE_ATTRIBUTE_TAG_INFORMATION:
		put_unaligned_le32(info->attrs, p);
		return 8;
	case SMB_INFO_PASSTHROUGH + FILE_ALIGNMENT_INFORMATION:
		return 4;
	}
	/*
	 * What an open has: its access, file pointer and mode. A query by
	 * path answers for the server's own open of the object: attribute
	 * access, at offset 0, no mode bits.
	 */
	switch (q->level) {
	case SMB_INFO_PASSTHROUGH + FILE_ACCESS_INFORMATION:
		put_unaligned_le32(op ? op->access : FILE_READ_ATTRIBUTES, p);
		return 4;
	case SMB_INFO_PASSTHROUGH + FILE_POSITION_INFORMATION:
		put_unaligned_le64(op ? qinfo_pos(op) : 0, p);
		return 8;
	case SMB_INFO_PASSTHROUGH + FILE_MODE_INFORMATION:
		put_unaligned_le32(op && READ_ONCE(op->write_through) ?
				   FILE_WRITE_THROUGH : 0, p);
		return 4;
	}
	return 0;
}

/*
 * The level's structure into q->buf: its size, or -errno; -ENOSPC when
 * q->room is below the level's size (a fixed-size one) or least size (one
 * with a name or list, which is cut short to fit, q->overflow set).
 */
static int qinfo_encode(struct qinfo *q)
{
	u8 fixed[64];
	unsigned int n;

	if (q->unix_level) {
		switch (q->level) {
		case SMB_QUERY_FILE_UNIX_BASIC:
			if (q->room < UNIX_BASIC_SIZE)
				return -ENOSPC;
			return kcifsd_put_unix_basic(q->buf, &q->info.st);
		case SMB_QUERY_FILE_UNIX_INFO2:
			if (q->room < UNIX_INFO2_SIZE)
				return -ENOSPC;
			return kcifsd_put_unix_info2(q->buf, &q->info.st,
						     q->info.create);
		}
		return -EINVAL;
	}
	switch (q->level) {
	case SMB_QUERY_FILE_NAME_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_NAME_INFORMATION:
		if (q->room < QINFO_NAME_MIN)
			return -ENOSPC;
		if (q->level != SMB_QUERY_FILE_NAME_INFO)
			q->unicode = true;
		return qinfo_name(q, q->buf, q->room);
	case SMB_QUERY_FILE_ALL_INFO:
		return qinfo_all_cifs(q, q->buf, q->room);
	case SMB_INFO_PASSTHROUGH + FILE_ALL_INFORMATION:
		/*
		 * Over SMB1 the pass-through class answers in the
		 * SMB_QUERY_FILE_ALL_INFO layout, not MS-FSCC 2.4.2's:
		 * what Windows (and so Samba and its test suite) does.
		 */
		q->unicode = true;
		return qinfo_all_cifs(q, q->buf, q->room);
	case SMB_QUERY_FILE_ALT_NAME_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_ALTERNATE_NAME_INFORMATION:
		/* NT always sends this name in Unicode (MS-CIFS <22>) */
		q->unicode = true;
		return qinfo_alt_name(q, q->buf, q->room);
	case SMB_QUERY_FILE_STREAM_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_STREAM_INFORMATION:
		return qinfo_streams(q, q->buf, q->room);
	}
	n = qinfo_fixed(q, fixed);
	if (!n)
		return -EINVAL;
	if (n > q->room)
		return -ENOSPC;
	memcpy(q->buf, fixed, n);
	return n;
}

/*
 * A query that failed is an error response (no data); a too-small buffer
 * (STATUS_BUFFER_OVERFLOW) keeps the answer it has.
 */
static u32 qinfo_failed(struct kcifsd_trans *t, u32 status)
{
	if (status != STATUS_BUFFER_OVERFLOW)
		kcifsd_trans_rsp_drop_data(t);
	return status;
}

/*
 * SMB_INFO_QUERY_EAS_FROM_LIST and SMB_INFO_QUERY_ALL_EAS (MS-CIFS
 * 2.2.8.3.3, 2.2.8.3.4): an SMB_FEA_LIST of the EAs named in the
 * request's SMB_GEA_LIST (its data block), or of all. Through a FID the
 * open needs FILE_READ_EA; the values are read with the user's rights.
 */
static u32 qinfo_eas(struct kcifsd_trans *t, struct kcifsd_t2_obj *obj,
		     u16 level)
{
	u32 status, len = 0;
	u8 *buf;

	if (obj->op && !(obj->op->access & FILE_READ_EA))
		return STATUS_ACCESS_DENIED;
	if (level == SMB_INFO_QUERY_EAS_FROM_LIST && t->data_count < 4)
		return STATUS_INVALID_PARAMETER;
	buf = kcifsd_trans_rsp_data(t, t->max_data);
	if (!buf)
		return STATUS_INSUFF_SERVER_RESOURCES;
	status = kcifsd_ea_query(obj->tree, &obj->path,
				 level == SMB_INFO_QUERY_ALL_EAS ? NULL : t->data,
				 t->data_count, buf, t->max_data, &len);
	if (status)
		return qinfo_failed(t, status);
	kcifsd_trans_rsp_trim_data(t, len);
	return kcifsd_t2_ea_offset(t);
}

/* The largest SMB_FEA_LIST read for FileFullEaInformation. */
#define FULL_EA_FEA_MAX		(128 * 1024)

/*
 * FileFullEaInformation (1015, MS-FSCC 2.4.15): all the EAs, as
 * FILE_FULL_EA_INFORMATION entries (kcifsd_ea_fea_to_full()). Those that
 * fit MaxDataCount come with STATUS_BUFFER_OVERFLOW when not all do; a
 * file without EAs is STATUS_NO_EAS_ON_FILE. Access as qinfo_eas().
 */
static u32 qinfo_full_eas(struct kcifsd_trans *t, struct kcifsd_t2_obj *obj)
{
	u32 status, fea_len = 0, len = 0;
	u8 *fea, *buf;

	if (obj->op && !(obj->op->access & FILE_READ_EA))
		return STATUS_ACCESS_DENIED;
	fea = kvmalloc(FULL_EA_FEA_MAX, GFP_KERNEL);
	buf = kcifsd_trans_rsp_data(t, t->max_data);
	if (!fea || (!buf && t->max_data)) {
		kvfree(fea);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	status = kcifsd_ea_query(obj->tree, &obj->path, NULL, 0, fea,
				 FULL_EA_FEA_MAX, &fea_len);
	if (!status)
		status = kcifsd_ea_fea_to_full(fea, fea_len, buf, t->max_data,
					       &len);
	kvfree(fea);
	if (status && status != STATUS_BUFFER_OVERFLOW) {
		kcifsd_trans_rsp_drop_data(t);
		return status;
	}
	kcifsd_trans_rsp_trim_data(t, len);
	return kcifsd_t2_ea_offset(t) ? : status;
}

/*
 * The UNIX levels answered from elsewhere than struct kcifsd_info:
 * SMB_QUERY_FILE_UNIX_LINK (fs/unix_setinfo.c), SMB_QUERY_POSIX_ACL
 * (fs/unix_acl.c).
 */
static u32 qinfo_unix_other(struct kcifsd_smb_req *req,
			    struct kcifsd_trans *t, struct kcifsd_t2_obj *obj,
			    u16 level)
{
	unsigned int len;
	u32 status;
	u8 *buf;

	buf = kcifsd_trans_rsp_data(t, t->max_data);
	if (!buf)
		return STATUS_INSUFF_SERVER_RESOURCES;
	if (level == SMB_QUERY_POSIX_ACL)
		status = kcifsd_unix_query_acl(obj, buf, t->max_data, &len);
	else
		status = kcifsd_unix_readlink(obj,
					      req->flags2 & SMB_FLAGS2_UNICODE,
					      buf, t->max_data, &len);
	if (status)
		return qinfo_failed(t, status);
	kcifsd_trans_rsp_trim_data(t, len);
	return kcifsd_t2_ea_offset(t);
}

/*
 * What the level reports, gathered: FILE_UNIX_BASIC (what a Linux client
 * asks for every stat and lookup) is the stat alone, without the reads
 * of the DOS attribute and the EA list the other levels need.
 */
static u32 qinfo_gather(struct qinfo *q)
{
	struct kcifsd_t2_obj *obj = q->obj;

	if (q->unix_level && q->level == SMB_QUERY_FILE_UNIX_BASIC) {
		memset(&q->info, 0, sizeof(q->info));
		q->info.path = &obj->path;
		return kcifsd_vfs_getattr(obj->tree, &obj->path, &q->info.st);
	}
	return kcifsd_info_get(obj->tree, &obj->path, &q->info);
}

/*
 * The response buffer: MaxDataCount for the levels that carry a name,
 * no more than the largest fixed-size structure (FILE_UNIX_INFO2; the
 * others, qinfo_fixed(), are at most 64 bytes) for the rest, so a
 * query does not allocate and clear the client's whole MaxDataCount
 * (4000 bytes for the Linux client's UNIX_BASIC).
 */
static unsigned int qinfo_room(const struct qinfo *q, unsigned int max)
{
	if (!q->unix_level) {
		switch (q->level) {
		case SMB_QUERY_FILE_NAME_INFO:
		case SMB_INFO_PASSTHROUGH + FILE_NAME_INFORMATION:
		case SMB_QUERY_FILE_ALL_INFO:
		case SMB_INFO_PASSTHROUGH + FILE_ALL_INFORMATION:
		case SMB_QUERY_FILE_ALT_NAME_INFO:
		case SMB_INFO_PASSTHROUGH + FILE_ALTERNATE_NAME_INFORMATION:
		case SMB_QUERY_FILE_STREAM_INFO:
		case SMB_INFO_PASSTHROUGH + FILE_STREAM_INFORMATION:
			return max;
		}
	}
	return min_t(unsigned int, max, QINFO_FIXED_MAX);
}

static u32 qinfo_answer(struct kcifsd_smb_req *req, struct kcifsd_trans *t,
			struct kcifsd_t2_obj *obj, u16 level, bool by_path)
{
	struct qinfo q = {
		.obj = obj,
		.level = level,
		.unicode = req->flags2 & SMB_FLAGS2_UNICODE,
	};
	u32 status;
	int n;

	q.unix_level = kcifsd_unix_level(req, level);
	if (q.unix_level && (level == SMB_QUERY_FILE_UNIX_LINK ||
			     level == SMB_QUERY_POSIX_ACL))
		return qinfo_unix_other(req, t, obj, level);
	if (level == SMB_INFO_QUERY_EAS_FROM_LIST ||
	    level == SMB_INFO_QUERY_ALL_EAS)
		return qinfo_eas(t, obj, level);
	if (level == SMB_INFO_PASSTHROUGH + FILE_FULL_EA_INFORMATION)
		return qinfo_full_eas(t, obj);
	status = qinfo_gather(&q);
	if (status)
		return status;
	/* A delete-pending file has lost its name already (Windows). */
	if (obj->op && obj->op->state &&
	    kcifsd_share_delete_pending(obj->op->state)) {
		q.info.delete_pending = true;
		if (q.info.nlink)
			q.info.nlink--;
	}
	q.room = qinfo_room(&q, t->max_data);
	q.buf = kcifsd_trans_rsp_data(t, q.room);
	if (!q.buf)
		return STATUS_INSUFF_SERVER_RESOURCES;
	n = qinfo_encode(&q);
	if (n < 0)
		kcifsd_trans_rsp_drop_data(t);	/* an error response */
	switch (n) {
	case -EINVAL:
		pr_debug_ratelimited("QUERY_%s_INFORMATION level 0x%04x: not supported\n",
				     by_path ? "PATH" : "FILE", level);
		return STATUS_INVALID_LEVEL;
	case -ENOENT:
		return STATUS_OBJECT_NAME_NOT_FOUND;
	case -ENOSPC:
		/* MaxDataCount below the level's (least) size: MS-FSA 2.1.5.12 */
		return STATUS_INFO_LENGTH_MISMATCH;
	}
	if (n < 0)
		return STATUS_INSUFF_SERVER_RESOURCES;
	kcifsd_trans_rsp_trim_data(t, n);
	status = kcifsd_t2_ea_offset(t);
	/* A name or list cut short goes with what fits (a full response). */
	return status ? : q.overflow ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

/**
 * kcifsd_trans2_query_path() - TRANS2_QUERY_PATH_INFORMATION
 * @req: the request
 * @t: the transaction; parameters: InformationLevel, Reserved (4),
 *	FileName
 *
 * SMB_INFO_IS_NAME_VALID (2.2.8.3.5) only says whether FileName is a
 * valid name; every other level looks the object up (following a final
 * symlink that stays inside the share).
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_trans2_query_path(struct kcifsd_smb_req *req,
			     struct kcifsd_trans *t)
{
	struct kcifsd_smb_path name;
	struct kcifsd_t2_obj obj;
	u16 level;
	u32 status;

	if (t->param_count < QPATH_NAME_OFF)
		return STATUS_INVALID_PARAMETER;
	level = get_unaligned_le16(t->param);
	if (level == SMB_INFO_IS_NAME_VALID) {
		status = kcifsd_path_decode(t->param, QPATH_NAME_OFF,
					    t->param_count,
					    req->flags2 & SMB_FLAGS2_UNICODE,
					    0, &name, NULL);
		if (status)
			return status;
		kcifsd_path_free(&name);
		return kcifsd_t2_ea_offset(t);
	}
	/* The UNIX levels describe a symlink itself, as lstat(2). */
	status = kcifsd_t2_obj_by_path(req, t, QPATH_NAME_OFF,
				       kcifsd_unix_level(req, level) ?
				       KCIFSD_VFS_NOFOLLOW : 0, &obj);
	/* By name, a delete-pending file is gone already (Windows). */
	if (!status &&
	    kcifsd_share_inode_delete_pending(d_inode(obj.path.dentry)))
		status = STATUS_DELETE_PENDING;
	if (!status)
		status = qinfo_answer(req, t, &obj, level, true);
	kcifsd_t2_obj_put(&obj);
	return status;
}

/**
 * kcifsd_trans2_query_file() - TRANS2_QUERY_FILE_INFORMATION
 * @req: the request
 * @t: the transaction; parameters: FID, InformationLevel
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_trans2_query_file(struct kcifsd_smb_req *req,
			     struct kcifsd_trans *t)
{
	struct kcifsd_pipe *pipe;
	struct kcifsd_t2_obj obj;
	u16 fid, level;
	u32 status;

	if (t->param_count < QFILE_PARAMS)
		return STATUS_INVALID_PARAMETER;
	fid = get_unaligned_le16(t->param);
	level = get_unaligned_le16(t->param + 2);
	if (level == SMB_INFO_IS_NAME_VALID)
		return STATUS_INVALID_LEVEL;	/* QUERY_PATH only */
	/* A pipe FID (only found under its IPC$ tree): fs/pipe_info.c */
	pipe = kcifsd_pipe_get(req, fid);
	if (pipe) {
		status = kcifsd_pipe_query_info(t, pipe, level);
		kcifsd_pipe_put(pipe);
		return status;
	}
	status = kcifsd_t2_obj_by_fid(req, fid, &obj);
	if (!status)
		status = qinfo_answer(req, t, &obj, level, false);
	kcifsd_t2_obj_put(&obj);
	return status;
}
