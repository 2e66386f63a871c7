// SPDX-License-Identifier: GPL-2.0-only
/*
 * TRANS2_FIND_FIRST2, TRANS2_FIND_NEXT2 (MS-CIFS 2.2.6.2, 2.2.6.3,
 * 3.3.5.58.3, 3.3.5.58.4) and SMB_COM_FIND_CLOSE2 (2.2.4.48, 3.3.5.40):
 * the wire forms and information levels of directory searches; the
 * search itself is fs/search.c's.
 *
 * Resume keys and FileIndex are what fs/search.c gives: the entry's
 * directory position cookie.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/ea.h"
#include "fs/infolevel.h"
#include "fs/path.h"
#include "fs/search.h"
#include "fs/shortname.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/unix_info.h"

/* TRANS2_FIND_FIRST2 / FIND_NEXT2 Flags (MS-CIFS 2.2.6.2.1) */
#define SMB_FIND_CLOSE_AFTER_REQUEST	0x0001
#define SMB_FIND_CLOSE_AT_EOS		0x0002
#define SMB_FIND_RETURN_RESUME_KEYS	0x0004
#define SMB_FIND_CONTINUE_FROM_LAST	0x0008

/* Request and response parameter sizes (2.2.6.2.1, .2.2, .3.1, .3.2) */
#define FIND_FIRST_REQ_FIXED	12
#define FIND_NEXT_REQ_FIXED	12
#define FIND_FIRST_RSP_SIZE	10
#define FIND_NEXT_RSP_SIZE	8

/* ---- encoding entries ---- */

/**
 * struct find_out - the response data being filled
 * @buf: the data block
 * @room: its size (MaxDataCount)
 * @pos: bytes used
 * @last: offset of the last entry (LastNameOffset)
 * @count: entries written
 * @level: the InformationLevel's layout
 * @unicode: names in UTF-16LE
 * @resume_keys: SMB_INFO_STANDARD levels carry a ResumeKey
 * @tree: the search's tree connect (its user reads EA values)
 * @gea: SMB_INFO_QUERY_EAS_FROM_LIST: the SMB_GEA_LIST of the request
 * @gea_len: its bytes
 */
struct find_out {
	u8 *buf;
	unsigned int room;
	unsigned int pos;
	unsigned int last;
	unsigned int count;
	const struct find_level *level;
	bool unicode;
	bool resume_keys;
	const struct kcifsd_tree *tree;
	const u8 *gea;
	u32 gea_len;
};

/*
 * The fixed parts of the levels chained by NextEntryOffset (MS-CIFS
 * 2.2.8.1.4-2.2.8.1.8): each writes what follows NextEntryOffset and
 * FileIndex, up to the name; the rest of the fixed part is zero.
 */
static void find_fill_dir(u8 *p, const char *name, unsigned int len,
			  const struct kcifsd_info *info, bool unicode)
{
	kcifsd_put_filetimes(p + 8, info);
	put_unaligned_le64(info->eof, p + 40);
	put_unaligned_le64(info->alloc, p + 48);
	put_unaligned_le32(info->attrs, p + 56);
}

/* FULL and later: EaSize after FileNameLength (MS-CIFS 2.2.8.1.5) */
static void find_fill_full(u8 *p, const char *name, unsigned int len,
			   const struct kcifsd_info *info, bool unicode)
{
	find_fill_dir(p, name, len, info, unicode);
	put_unaligned_le32(info->ea_size, p + 64);
}

/*
 * ShortNameLength (1), Reserved (1), ShortName (24 bytes) of the BOTH
 * levels: empty for a name that is its own 8.3 name (fs/shortname.c).
 */
static void find_put_short_name(u8 *p, const char *name, unsigned int len,
				bool unicode)
{
	char alt[KCIFSD_SHORT_NAME_MAX + 1];
	unsigned int n;
	int bytes;

	if (!kcifsd_short_name_listed(name, len))
		return;
	n = kcifsd_short_name(name, len, alt);
	bytes = kcifsd_put_name(p + 2, 24, alt, n, unicode);
	if (bytes > 0)
		p[0] = bytes;
}

static void find_fill_both(u8 *p, const char *name, unsigned int len,
			   const struct kcifsd_info *info, bool unicode)
{
	find_fill_full(p, name, len, info, unicode);
	find_put_short_name(p + 68, name, len, unicode);
}

static void find_fill_id_full(u8 *p, const char *name, unsigned int len,
			      const struct kcifsd_info *info, bool unicode)
{
	find_fill_full(p, name, len, info, unicode);
	put_unaligned_le64(info->file_id, p + 72);
}

static void find_fill_id_both(u8 *p, const char *name, unsigned int len,
			      const struct kcifsd_info *info, bool unicode)
{
	find_fill_both(p, name, len, info, unicode);
	put_unaligned_le64(info->file_id, p + 96);
}

/* SMB_FIND_FILE_UNIX: FILE_UNIX_BASIC_INFO, lstat(2) of the entry */
static void find_fill_unix(u8 *p, const char *name, unsigned int len,
			   const struct kcifsd_info *info, bool unicode)
{
	kcifsd_put_unix_basic(p + 8, &info->st);
}

/* SMB_FIND_FILE_UNIX_INFO2: FILE_UNIX_INFO2, lstat(2) of the entry */
static void find_fill_unix_info2(u8 *p, const char *name, unsigned int len,
				 const struct kcifsd_info *info, bool unicode)
{
	kcifsd_put_unix_info2(p + 8, &info->st, info->create);
}

/**
 * struct find_level - how an InformationLevel lays out its entries
 * @level: InformationLevel
 * @fixed: chained levels: the bytes before the name (NextEntryOffset at
 *	0, FileIndex at 4 included); 0 for the packed SMB_INFO_* levels,
 *	which find_put_standard() writes whole
 * @name_len_off: chained levels: where the ULONG FileNameLength is, 0
 *	for none
 * @fill: chained levels: the rest of the fixed part, or NULL
 * @nul: the name ends with a terminator (how clients find its end in a
 *	level without FileNameLength)
 * @unix_only: a CIFS UNIX level: offered on CAP_UNIX connections only,
 *	symlinks reported as themselves
 *
 * One row per level FIND_FIRST2/FIND_NEXT2 answer; any other gets
 * STATUS_INVALID_LEVEL.
 */
struct find_level {
	u16 level;
	u8 fixed;
	u8 name_len_off;
	void (*fill)(u8 *p, const char *name, unsigned int len,
		     const struct kcifsd_info *info, bool unicode);
	bool nul;
	bool unix_only;
};

static const struct find_level find_levels[] = {
	{ SMB_INFO_STANDARD },
	{ SMB_INFO_QUERY_EA_SIZE },
	{ SMB_INFO_QUERY_EAS_FROM_LIST },
	{ SMB_FIND_FILE_DIRECTORY_INFO, 64, 60, find_fill_dir },
	{ SMB_FIND_FILE_FULL_DIRECTORY_INFO, 68, 60, find_fill_full },
	{ SMB_FIND_FILE_NAMES_INFO, 12, 8, NULL },
	{ SMB_FIND_FILE_BOTH_DIRECTORY_INFO, 94, 60, find_fill_both },
	{ SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO, 80, 60, find_fill_id_full },
	{ SMB_FIND_FILE_ID_BOTH_DIRECTORY_INFO, 104, 60, find_fill_id_both },
	/* NextEntryOffset, ResumeKey, FILE_UNIX_BASIC_INFO, the name */
	{ SMB_FIND_FILE_UNIX, 8 + UNIX_BASIC_SIZE, 0, find_fill_unix,
	  .nul = true, .unix_only = true },
	/* NextEntryOffset, ResumeKey, FILE_UNIX_INFO2, FileNameLength, name */
	{ SMB_FIND_FILE_UNIX_INFO2, 8 + UNIX_INFO2_SIZE + 4,
	  8 + UNIX_INFO2_SIZE, find_fill_unix_info2, .unix_only = true },
};

static const struct find_level *find_level(u16 level)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(find_levels); i++)
		if (find_levels[i].level == level)
			return &find_levels[i];
	return NULL;
}

/*
 * One entry of a chained level: 8-byte aligned (what Windows sends), the
 * previous entry's NextEntryOffset pointing at it, its own left 0 as the
 * last one's must be.
 */
static int find_put_nt(struct find_out *o, const char *name,
		       unsigned int len, const struct kcifsd_info *info,
		       u32 index)
{
	const struct find_level *l = o->level;
	unsigned int start = o->count ? ALIGN(o->pos, 8) : 0;
	unsigned int term = l->nul ? (o->unicode ? 2 : 1) : 0;
	int nbytes = kcifsd_name_size(name, len, o->unicode);
	u8 *p;

	if (start > o->room || l->fixed + nbytes + term > o->room - start)
		return -ENOSPC;
	p = o->buf + start;
	memset(p, 0, l->fixed);
	if (o->count)
		put_unaligned_le32(start - o->last, o->buf + o->last);
	put_unaligned_le32(index, p + 4);
	if (l->fill)
		l->fill(p, name, len, info, o->unicode);
	if (l->name_len_off)
		put_unaligned_le32(nbytes, p + l->name_len_off);
	kcifsd_put_name(p + l->fixed, nbytes, name, len, o->unicode);
	memset(p + l->fixed + nbytes, 0, term);
	o->last = start;
	o->pos = start + l->fixed + nbytes + term;
	return 0;
}

/*
 * One entry of SMB_INFO_STANDARD, SMB_INFO_QUERY_EA_SIZE or
 * SMB_INFO_QUERY_EAS_FROM_LIST (MS-CIFS 2.2.8.1.1-2.2.8.1.3): packed,
 * the name after a one-byte length that does not count its terminator.
 * How the name sits differs, as NT sends it (<152>-<154>) and clients
 * parse it: in SMB_INFO_STANDARD a Unicode name starts on an even offset
 * in the data block (after a pad byte if need be) and ends with a full
 * terminator; in the EA levels it follows the length unaligned and one
 * zero byte ends the entry. QUERY_EA_SIZE has the entry's EaSize,
 * QUERY_EAS_FROM_LIST the SMB_FEA_LIST of the EAs the request names
 * (fs/ea.c).
 */
static int find_put_standard(struct find_out *o, const char *name,
			     unsigned int len, const struct kcifsd_info *info,
			     u32 index)
{
	int nbytes = kcifsd_name_size(name, len, o->unicode);
	unsigned int term = 1, fixed, off, pad = 0, avail, size;
	u16 level = o->level->level;
	u32 eas = 0;
	u8 *p;

	if (nbytes > 255)
		return 1;	/* cannot be named in this level: skipped */
	avail = o->room - o->pos;
	fixed = (o->resume_keys ? 4 : 0) + 22;
	if (fixed > avail)
		return -ENOSPC;
	p = o->buf + o->pos;
	if (level == SMB_INFO_QUERY_EAS_FROM_LIST) {
		if (!info->path ||
		    kcifsd_ea_query(o->tree, info->path, o->gea, o->gea_len,
				    p + fixed, avail - fixed, &eas))
			return -ENOSPC;
	} else if (level == SMB_INFO_QUERY_EA_SIZE) {
		eas = 4;
	} else if (o->unicode) {
		pad = (o->pos + fixed + 1) & 1;
		term = 2;
	}
	size = fixed + eas + 1 + pad + nbytes + term;
	if (size > avail)
		return -ENOSPC;
	memset(p, 0, fixed);
	memset(p + fixed + eas, 0, size - fixed - eas);
	off = 0;
	if (o->resume_keys) {
		put_unaligned_le32(index, p);
		off = 4;
	}
	off += kcifsd_put_info_standard(p + off, info);
	if (level == SMB_INFO_QUERY_EA_SIZE)
		put_unaligned_le32(info->ea_size, p + off);
	off += eas;
	p[off] = nbytes;
	kcifsd_put_name(p + off + 1 + pad, nbytes, name, len, o->unicode);
	o->last = o->pos;
	o->pos += size;
	return 0;
}

/* The encoder fs/search.c calls (kcifsd_search_put_t). */
static int find_put(void *priv, const char *name, unsigned int len,
		    const struct kcifsd_info *info, u32 index)
{
	struct find_out *o = priv;
	int ret;

	if (o->level->fixed)
		ret = find_put_nt(o, name, len, info, index);
	else
		ret = find_put_standard(o, name, len, info, index);
	if (!ret)
		o->count++;
	return ret;
}

/* The response data block and the output state for @level. */
static u32 find_out_init(struct kcifsd_smb_req *req, struct kcifsd_trans *t,
			 u16 level, u16 flags, struct find_out *o)
{
	memset(o, 0, sizeof(*o));
	o->level = find_level(level);
	if (!o->level || (o->level->unix_only && !kcifsd_unix_enabled(req))) {
		pr_debug_ratelimited("FIND level 0x%04x: not supported\n",
				     level);
		return STATUS_INVALID_LEVEL;
	}
	/* Only SMB_INFO_STANDARD without long names (3.3.5.58.3 rules) */
	if (level != SMB_INFO_STANDARD &&
	    !(req->flags2 & SMB_FLAGS2_LONG_NAMES))
		return STATUS_INVALID_PARAMETER;
	o->buf = kcifsd_trans_rsp_data(t, t->max_data);
	if (!o->buf)
		return STATUS_INSUFF_SERVER_RESOURCES;
	o->room = t->max_data;
	o->unicode = req->flags2 & SMB_FLAGS2_UNICODE;
	o->resume_keys = flags & SMB_FIND_RETURN_RESUME_KEYS;
	if (level == SMB_INFO_QUERY_EAS_FROM_LIST) {
		/* GetExtendedAttributeList (2.2.6.2.1, 2.2.6.3.1) */
		if (t->data_count < 4)
			return STATUS_INVALID_PARAMETER;
		o->gea = t->data;
		o->gea_len = t->data_count;
	}
	return STATUS_SUCCESS;
}

/* SearchCount, EndOfSearch, EaErrorOffset, LastNameOffset */
static u32 find_params(struct kcifsd_trans *t, unsigned int size, u16 sid,
		       const struct find_out *o, bool eos)
{
	u8 *p = kcifsd_trans_rsp_param(t, size);

	if (!p)
		return STATUS_INSUFF_SERVER_RESOURCES;
	if (size == FIND_FIRST_RSP_SIZE) {
		put_unaligned_le16(sid, p);
		p += 2;
	}
	put_unaligned_le16(o->count, p);
	put_unaligned_le16(eos, p + 2);
	put_unaligned_le16(0, p + 4);
	put_unaligned_le16(o->count ? o->last : 0, p + 6);
	kcifsd_trans_rsp_trim_data(t, o->pos);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_trans2_find_first() - TRANS2_FIND_FIRST2 (MS-CIFS 2.2.6.2,
 *	3.3.5.58.3)
 * @req: the request
 * @t: the transaction; parameters SearchAttributes, SearchCount, Flags,
 *	InformationLevel, SearchStorageType, FileName
 *
 * Return: STATUS_SUCCESS, STATUS_NO_SUCH_FILE when nothing matches,
 * STATUS_OS2_NO_MORE_SIDS when the table is full, or an error.
 */
u32 kcifsd_trans2_find_first(struct kcifsd_smb_req *req,
			     struct kcifsd_trans *t)
{
	struct kcifsd_search_run run = { .put = find_put };
	struct kcifsd_smb_path path;
	struct kcifsd_search *s;
	struct find_out o;
	u16 attrs, flags, level;
	bool close;
	u32 status;

	if (t->param_count < FIND_FIRST_REQ_FIXED)
		return STATUS_INVALID_PARAMETER;
	attrs = get_unaligned_le16(t->param);
	run.max = max_t(unsigned int, get_unaligned_le16(t->param + 2), 1);
	flags = get_unaligned_le16(t->param + 4);
	level = get_unaligned_le16(t->param + 6);

	status = find_out_init(req, t, level, flags, &o);
	if (status)
		return status;
	run.priv = &o;
	run.lstat = o.level->unix_only;
	status = kcifsd_path_decode(t->param, FIND_FIRST_REQ_FIXED,
				    t->param_count,
				    req->flags2 & SMB_FLAGS2_UNICODE,
				    KCIFSD_PATH_WILDCARDS, &path, NULL);
	if (status)
		return status;
	status = kcifsd_search_open(req, &path, attrs, &s);
	kcifsd_path_free(&path);
	if (status)
		return status;
	o.tree = kcifsd_search_tree(s);

	status = kcifsd_search_fill(s, &run);
	if (!status && !run.count)
		status = run.eos ? STATUS_NO_SUCH_FILE : STATUS_BUFFER_OVERFLOW;
	if (status)
		goto out;

	close = (flags & SMB_FIND_CLOSE_AFTER_REQUEST) ||
		(run.eos && (flags & SMB_FIND_CLOSE_AT_EOS));
	if (!close) {
		status = kcifsd_search_install(req->sc, s);
		if (status)
			goto out;
	}
	/* A search closed already has SID 0 (3.3.5.58.3). */
	status = find_params(t, FIND_FIRST_RSP_SIZE,
			     close ? 0 : kcifsd_search_sid(s), &o, run.eos);
	if (status && !close)
		kcifsd_search_close(req->sc, s);
out:
	kcifsd_search_put(s);
	return status;
}

/**
 * kcifsd_trans2_find_next() - TRANS2_FIND_NEXT2 (MS-CIFS 2.2.6.3,
 *	3.3.5.58.4)
 * @req: the request
 * @t: the transaction; parameters SID, SearchCount, InformationLevel,
 *	ResumeKey, Flags, FileName
 *
 * CONTINUE_FROM_LAST resumes after the last entry; otherwise the
 * ResumeKey, or failing that the FileName, says where (fs/search.c).
 *
 * Return: STATUS_SUCCESS (no entries and EndOfSearch once the search is
 * over), STATUS_INVALID_HANDLE for an unknown SID, or an error.
 */
u32 kcifsd_trans2_find_next(struct kcifsd_smb_req *req,
			    struct kcifsd_trans *t)
{
	struct kcifsd_search_run run = { .put = find_put };
	struct kcifsd_smb_path name = {};
	struct kcifsd_search *s;
	struct find_out o;
	u16 sid, flags, level;
	u32 status;

	if (t->param_count < FIND_NEXT_REQ_FIXED)
		return STATUS_INVALID_PARAMETER;
	sid = get_unaligned_le16(t->param);
	run.max = max_t(unsigned int, get_unaligned_le16(t->param + 2), 1);
	level = get_unaligned_le16(t->param + 4);
	run.key = get_unaligned_le32(t->param + 6);
	flags = get_unaligned_le16(t->param + 10);

	status = find_out_init(req, t, level, flags, &o);
	if (status)
		return status;
	run.priv = &o;
	run.lstat = o.level->unix_only;
	status = kcifsd_search_find(req, sid, &s);
	if (status)
		return status;
	o.tree = kcifsd_search_tree(s);
	/* A resume name that does not decode is simply not used. */
	if (kcifsd_path_decode(t->param, FIND_NEXT_REQ_FIXED, t->param_count,
			       req->flags2 & SMB_FLAGS2_UNICODE,
			       KCIFSD_PATH_WILDCARDS, &name, NULL))
		memset(&name, 0, sizeof(name));
	run.resume = !(flags & SMB_FIND_CONTINUE_FROM_LAST);
	run.name = name.name ? name.name + name.last : NULL;
	run.len = name.len - name.last;

	status = kcifsd_search_fill(s, &run);
	/*
	 * Past the last entry the answer is an empty success with
	 * EndOfSearch set: the end is only known for sure once the entries
	 * the attributes leave out have been looked at.
	 */
	if (!status && !run.count && !run.eos)
		status = STATUS_BUFFER_OVERFLOW;
	if (!status)
		status = find_params(t, FIND_NEXT_RSP_SIZE, 0, &o, run.eos);
	if (status || (flags & SMB_FIND_CLOSE_AFTER_REQUEST) ||
	    (run.eos && (flags & SMB_FIND_CLOSE_AT_EOS)))
		kcifsd_search_close(req->sc, s);
	kcifsd_path_free(&name);
	kcifsd_search_put(s);
	return status;
}

/**
 * kcifsd_smb_find_close2() - SMB_COM_FIND_CLOSE2 handler (MS-CIFS
 *	2.2.4.48, 3.3.5.40)
 * @req: the request; Words: SearchHandle (the SID)
 *
 * Return: STATUS_SUCCESS, or STATUS_INVALID_HANDLE (ERRDOS/ERRbadfid)
 * for a SID that names no open search of this tree connect.
 */
u32 kcifsd_smb_find_close2(struct kcifsd_smb_req *req)
{
	struct kcifsd_search *s;
	u32 status;

	status = kcifsd_search_find(req, get_unaligned_le16(req->words), &s);
	if (status)
		return status;
	kcifsd_search_close(req->sc, s);
	kcifsd_search_put(s);
	return kcifsd_smb_rsp_block(req, 0, 0) ? STATUS_SUCCESS :
	       STATUS_INSUFF_SERVER_RESOURCES;
}
