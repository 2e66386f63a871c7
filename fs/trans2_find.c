// SPDX-License-Identifier: GPL-2.0-only
/*
 * Directory search: TRANS2_FIND_FIRST2, TRANS2_FIND_NEXT2 (MS-CIFS
 * 2.2.6.2, 2.2.6.3, 3.3.5.58.3, 3.3.5.58.4) and SMB_COM_FIND_CLOSE2
 * (2.2.4.48, 3.3.5.40), with the connection's SearchOpenTable.
 *
 * A search keeps its directory open and reads it with iterate_dir() from
 * where the last request stopped: names that match the pattern are read
 * ahead into a small buffer, and each is looked up and reported (or kept
 * for the next request if it does not fit) in order, so a directory of
 * any size is read once however many FIND_NEXT2 requests it takes.
 * Resuming anywhere else than after the last entry (a ResumeKey or a
 * FileName without CONTINUE_FROM_LAST) reads the directory again from the
 * start, skipping as many entries as were returned before that one.
 *
 * Resume keys and FileIndex are the entry's directory position cookie
 * (the directory is opened for 32-bit cookies, as nfsd does for NFSv3):
 * resuming from a key seeks there, so entries deleted meanwhile (OS/2
 * style delete-while-listing) neither stop nor shift the search. On a
 * file system whose cookies do not fit in 32 bits the key is the entry's
 * position in the search instead, and resuming reads the directory again
 * up to it.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/mount.h>
#include <linux/mutex.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>
#include <asm/unaligned.h>

#include "fs/fileinfo.h"
#include "fs/infolevel.h"
#include "fs/path.h"
#include "fs/session.h"
#include "fs/shortname.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/tree.h"
#include "fs/unix_info.h"
#include "fs/vfs.h"
#include "net/connection.h"

/*
 * Server.MaxSearches (MS-CIFS 3.3.1.1): open searches per connection. An
 * open search holds a directory and a read-ahead buffer; clients keep
 * one per directory they are listing.
 */
#define KCIFSD_MAX_SEARCHES	256
/* SIDs handed out (MS-CIFS 2.2.1.6.5: 0 and 0xFFFF are avoided) */
#define KCIFSD_SID_MIN		1
#define KCIFSD_SID_MAX		0xFFFE

/*
 * Names read ahead per directory read: a record is the name's length (1),
 * its DT_ type (1), its directory position cookie (8), the name.
 */
#define FIND_BUF_SIZE		4096
#define FIND_REC_HDR		10

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

/**
 * struct kcifsd_search_table - Server.Connection.SearchOpenTable
 * @lock: serialises SID allocation against the count
 * @sids: SID -> struct kcifsd_search
 * @next: cyclic SID allocation
 * @nr: open searches
 */
struct kcifsd_search_table {
	struct mutex lock;
	struct xarray sids;
	u32 next;
	unsigned int nr;
};

/**
 * struct kcifsd_search - one open search (MS-CIFS 3.3.1.8 SearchOpen)
 * @ref: the table holds one reference, a request using it another
 * @lock: one request at a time works on the search
 * @sid: FindSID
 * @uid: the UID that started it
 * @tree: its tree connect (a reference)
 * @dir: the directory searched
 * @dirname: its normalised name ("" for the share root)
 * @file: @dir open for iterate_dir(), NULL for a search without
 *	wildcards (one name, looked up directly)
 * @pattern: the last component of FileName, UTF-8
 * @plen: its length; 0 matches everything
 * @ci: names match case-insensitively
 * @attrs: SearchAttributes of FIND_FIRST2, kept for the whole search
 * @eof: @file has no more entries to read
 * @buf: names read ahead, not reported yet
 * @len: bytes of @buf used
 * @pos: the next record in @buf
 * @cookies: resume keys are directory position cookies (all fit in 32 bits)
 * @index: entries reported so far (the resume key without @cookies)
 * @last_key: the resume key of the last entry reported
 * @skip_off: after a seek to a resume key, the entry at that position is
 *	the one already reported: skip it (U64_MAX: none)
 * @last: the last entry's name, for resuming by name
 * @last_len: its length
 */
struct kcifsd_search {
	struct kref ref;
	struct mutex lock;
	u16 sid;
	u16 uid;
	struct kcifsd_tree *tree;
	struct path dir;
	char *dirname;
	struct file *file;
	char *pattern;
	unsigned int plen;
	bool ci;
	u16 attrs;
	bool eof;
	u8 *buf;
	unsigned int len;
	unsigned int pos;
	bool cookies;
	u32 index;
	u32 last_key;
	u64 skip_off;
	char last[NAME_MAX + 1];
	unsigned int last_len;
};

/* ---- the table ---- */

static struct kcifsd_search_table *search_table(struct kcifsd_smb_conn *sc)
{
	struct kcifsd_search_table *st = READ_ONCE(sc->searches), *old;

	if (st)
		return st;
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return NULL;
	mutex_init(&st->lock);
	xa_init_flags(&st->sids, XA_FLAGS_ALLOC1);
	old = cmpxchg(&sc->searches, NULL, st);
	if (old) {
		xa_destroy(&st->sids);
		mutex_destroy(&st->lock);
		kfree(st);
		return old;
	}
	return st;
}

static void search_free(struct kref *ref)
{
	struct kcifsd_search *s = container_of(ref, struct kcifsd_search, ref);

	if (s->file)
		fput(s->file);
	path_put(&s->dir);
	if (s->tree)
		kcifsd_tree_put(s->tree);
	kfree(s->dirname);
	kfree(s->pattern);
	kfree(s->buf);
	mutex_destroy(&s->lock);
	kfree(s);
}

static void search_put(struct kcifsd_search *s)
{
	kref_put(&s->ref, search_free);
}

static u32 search_install(struct kcifsd_smb_conn *sc, struct kcifsd_search *s)
{
	struct kcifsd_search_table *st = search_table(sc);
	u32 sid;
	int err;

	if (!st)
		return STATUS_INSUFF_SERVER_RESOURCES;
	mutex_lock(&st->lock);
	if (st->nr >= KCIFSD_MAX_SEARCHES) {
		mutex_unlock(&st->lock);
		return STATUS_OS2_NO_MORE_SIDS;
	}
	err = xa_alloc_cyclic(&st->sids, &sid, s,
			      XA_LIMIT(KCIFSD_SID_MIN, KCIFSD_SID_MAX),
			      &st->next, GFP_KERNEL);
	if (err < 0) {
		mutex_unlock(&st->lock);
		return err == -EBUSY ? STATUS_OS2_NO_MORE_SIDS :
		       STATUS_INSUFF_SERVER_RESOURCES;
	}
	s->sid = sid;
	kref_get(&s->ref);	/* the table's */
	st->nr++;
	atomic_inc(&sc->conn->open_resources);
	mutex_unlock(&st->lock);
	return STATUS_SUCCESS;
}

/* The search under @sid, referenced, or NULL. */
static struct kcifsd_search *search_get(struct kcifsd_smb_conn *sc, u16 sid)
{
	struct kcifsd_search_table *st = READ_ONCE(sc->searches);
	struct kcifsd_search *s;

	if (!st)
		return NULL;
	xa_lock(&st->sids);
	s = xa_load(&st->sids, sid);
	if (s)
		kref_get(&s->ref);
	xa_unlock(&st->sids);
	return s;
}

/* Take a search out of the table; the table's reference is dropped. */
static void search_close(struct kcifsd_smb_conn *sc, struct kcifsd_search *s)
{
	struct kcifsd_search_table *st = sc->searches;

	mutex_lock(&st->lock);
	if (xa_cmpxchg(&st->sids, s->sid, s, NULL, 0) != s) {
		mutex_unlock(&st->lock);
		return;
	}
	st->nr--;
	atomic_dec(&sc->conn->open_resources);
	mutex_unlock(&st->lock);
	search_put(s);
}

typedef bool (*search_match_t)(const struct kcifsd_search *s, u16 id);

static void search_close_match(struct kcifsd_smb_conn *sc,
			       search_match_t match, u16 id)
{
	struct kcifsd_search_table *st = READ_ONCE(sc->searches);
	struct kcifsd_search *s;
	unsigned long sid;

	if (!st)
		return;
	xa_for_each(&st->sids, sid, s) {
		if (!match || match(s, id))
			search_close(sc, s);
	}
}

static bool search_of_tree(const struct kcifsd_search *s, u16 tid)
{
	return s->tree->tid == tid;
}

static bool search_of_session(const struct kcifsd_search *s, u16 uid)
{
	return s->uid == uid;
}

/**
 * kcifsd_search_close_tree() - close the searches of a tree connect
 * @sc: the connection's SMB1 state
 * @tid: the TID being disconnected (MS-CIFS 3.3.5.41)
 */
void kcifsd_search_close_tree(struct kcifsd_smb_conn *sc, u16 tid)
{
	search_close_match(sc, search_of_tree, tid);
}

/**
 * kcifsd_search_close_session() - close the searches a session started
 * @sc: the connection's SMB1 state
 * @uid: the UID logging off (MS-CIFS 3.3.5.44)
 */
void kcifsd_search_close_session(struct kcifsd_smb_conn *sc, u16 uid)
{
	search_close_match(sc, search_of_session, uid);
}

/**
 * kcifsd_search_close_all() - close every search of a connection and
 *	free the table
 * @sc: the connection's SMB1 state; no request of it runs any more
 */
void kcifsd_search_close_all(struct kcifsd_smb_conn *sc)
{
	struct kcifsd_search_table *st = sc->searches;

	if (!st)
		return;
	search_close_match(sc, NULL, 0);
	xa_destroy(&st->sids);
	mutex_destroy(&st->lock);
	kfree(st);
	sc->searches = NULL;
}

/* ---- reading the directory ---- */

struct find_read {
	struct dir_context ctx;
	struct kcifsd_search *s;
	bool full;
};

/* iterate_dir() actor: keep the names that match, until the buffer is full. */
static bool find_read_actor(struct dir_context *ctx, const char *name,
			    int len, loff_t off, u64 ino, unsigned int type)
{
	struct find_read *rd = container_of(ctx, struct find_read, ctx);
	struct kcifsd_search *s = rd->s;
	u8 *rec;

	if (len <= 0 || len > NAME_MAX)
		return true;
	if (s->plen && !kcifsd_name_match(s->pattern, s->plen, name, len,
					  s->ci))
		return true;
	if (s->len + FIND_REC_HDR + len > FIND_BUF_SIZE) {
		/* Not consumed: iterate_dir() gives it again next time. */
		rd->full = true;
		return false;
	}
	if (off < 0 || off > U32_MAX)
		s->cookies = false;
	rec = s->buf + s->len;
	rec[0] = len;
	rec[1] = type;
	put_unaligned((u64)off, (u64 *)(rec + 2));
	memcpy(rec + FIND_REC_HDR, name, len);
	s->len += FIND_REC_HDR + len;
	return true;
}

/* Refill the read-ahead buffer from where the directory read stopped. */
static u32 find_read_more(struct kcifsd_search *s)
{
	struct find_read rd = { .ctx.actor = find_read_actor, .s = s };
	const struct cred *old;
	int err;

	s->len = 0;
	s->pos = 0;
	if (s->eof || !s->file)
		return STATUS_SUCCESS;
	rd.ctx.pos = s->file->f_pos;
	old = override_creds(kcifsd_tree_cred(s->tree));
	err = iterate_dir(s->file, &rd.ctx);
	revert_creds(old);
	if (err)
		return kcifsd_vfs_status(err);
	if (!rd.full)
		s->eof = true;
	return STATUS_SUCCESS;
}

/* The next name to report, or NULL at the end of the directory. */
static const u8 *find_peek(struct kcifsd_search *s, u32 *status)
{
	*status = STATUS_SUCCESS;
	while (s->pos >= s->len) {
		if (s->eof || !s->file)
			return NULL;
		*status = find_read_more(s);
		if (*status)
			return NULL;
	}
	return s->buf + s->pos;
}

static void find_advance(struct kcifsd_search *s, const u8 *rec)
{
	s->pos += FIND_REC_HDR + rec[0];
}

/* Read the directory again from a position (resuming elsewhere). */
static void find_seek(struct kcifsd_search *s, loff_t pos)
{
	s->len = 0;
	s->pos = 0;
	s->last_len = 0;
	if (!pos)
		s->index = 0;
	if (s->file) {
		s->eof = false;
		vfs_llseek(s->file, pos, SEEK_SET);
	}
}

static u64 find_rec_off(const u8 *rec)
{
	return get_unaligned((const u64 *)(rec + 2));
}

/*
 * The object an entry names: "." is the directory, ".." its parent (the
 * share root's own, so nothing outside the share shows), anything else
 * looked up in the directory; a symlink is followed when its target is
 * inside the share, else reported as itself. The UNIX level (@follow
 * false) reports every symlink as itself, as lstat(2).
 */
static int find_entry_path(struct kcifsd_search *s, const char *name,
			   unsigned int len, bool follow, struct path *out)
{
	struct dentry *d;
	const struct cred *old;
	char *full;
	u32 status;

	if (len == 1 && name[0] == '.') {
		*out = s->dir;
		path_get(out);
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (path_equal(&s->dir, &s->tree->root)) {
			*out = s->dir;
			path_get(out);
			return 0;
		}
		out->mnt = mntget(s->dir.mnt);
		out->dentry = dget_parent(s->dir.dentry);
		return 0;
	}
	old = override_creds(kcifsd_tree_cred(s->tree));
	d = lookup_one_unlocked(mnt_user_ns(s->dir.mnt), name, s->dir.dentry,
				len);
	revert_creds(old);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (d_is_negative(d)) {
		dput(d);
		return -ENOENT;
	}
	out->mnt = mntget(s->dir.mnt);
	out->dentry = d;
	if (!follow || !d_is_symlink(d))
		return 0;

	full = kasprintf(GFP_KERNEL, "%s%s%.*s", s->dirname,
			 *s->dirname ? "/" : "", (int)len, name);
	if (!full)
		return 0;
	status = kcifsd_vfs_lookup(s->tree, full, 0, out);
	kfree(full);
	if (!status) {
		dput(d);
		mntput(s->dir.mnt);
	}
	return 0;
}

/*
 * SearchAttributes (MS-CIFS 2.2.1.2.4): HIDDEN, SYSTEM and DIRECTORY
 * objects are found only when asked for (inclusive bits); the SEARCH_*
 * bits in the high byte name attributes an object must have (exclusive).
 * READONLY and ARCHIVE do not restrict an inclusive search.
 */
static bool find_attrs_match(u16 search, u32 attrs)
{
	u32 must = (search >> 8) & (SMB_ATTR_READONLY | SMB_ATTR_HIDDEN |
				    SMB_ATTR_SYSTEM | SMB_ATTR_DIRECTORY |
				    SMB_ATTR_ARCHIVE);
	u32 gated = SMB_ATTR_HIDDEN | SMB_ATTR_SYSTEM | SMB_ATTR_DIRECTORY;

	if ((attrs & must) != must)
		return false;
	return !(attrs & gated & ~search);
}

/* ---- encoding entries ---- */

/**
 * struct find_out - the response data being filled
 * @buf: the data block
 * @room: its size (MaxDataCount)
 * @pos: bytes used
 * @last: offset of the last entry (LastNameOffset)
 * @count: entries written
 * @level: InformationLevel
 * @unicode: names in UTF-16LE
 * @resume_keys: SMB_INFO_STANDARD levels carry a ResumeKey
 */
struct find_out {
	u8 *buf;
	unsigned int room;
	unsigned int pos;
	unsigned int last;
	unsigned int count;
	u16 level;
	bool unicode;
	bool resume_keys;
};

/* Fixed part of the NT levels' entries (MS-CIFS 2.2.8.1.4-2.2.8.1.8) */
static unsigned int find_nt_fixed(u16 level)
{
	switch (level) {
	case SMB_FIND_FILE_DIRECTORY_INFO:
		return 64;
	case SMB_FIND_FILE_FULL_DIRECTORY_INFO:
		return 68;
	case SMB_FIND_FILE_NAMES_INFO:
		return 12;
	case SMB_FIND_FILE_BOTH_DIRECTORY_INFO:
		return 94;
	case SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO:
		return 80;
	case SMB_FIND_FILE_ID_BOTH_DIRECTORY_INFO:
		return 104;
	}
	return 0;
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

/*
 * One entry of an NT level: 8-byte aligned (what Windows sends), the
 * previous entry's NextEntryOffset pointing at it, its own left 0 as the
 * last one's must be.
 */
static int find_put_nt(struct find_out *o, const char *name,
		       unsigned int len, const struct kcifsd_info *info,
		       u32 index)
{
	unsigned int fixed = find_nt_fixed(o->level);
	unsigned int start = o->count ? ALIGN(o->pos, 8) : 0;
	int nbytes = kcifsd_name_size(name, len, o->unicode);
	u8 *p;

	if (start > o->room || fixed + nbytes > o->room - start)
		return -ENOSPC;
	p = o->buf + start;
	memset(p, 0, fixed);
	if (o->count)
		put_unaligned_le32(start - o->last, o->buf + o->last);
	put_unaligned_le32(index, p + 4);
	if (o->level == SMB_FIND_FILE_NAMES_INFO) {
		put_unaligned_le32(nbytes, p + 8);
	} else {
		kcifsd_put_filetimes(p + 8, info);
		put_unaligned_le64(info->eof, p + 40);
		put_unaligned_le64(info->alloc, p + 48);
		put_unaligned_le32(info->attrs, p + 56);
		put_unaligned_le32(nbytes, p + 60);
		/* EaSize at 64 is 0 */
		if (o->level == SMB_FIND_FILE_BOTH_DIRECTORY_INFO ||
		    o->level == SMB_FIND_FILE_ID_BOTH_DIRECTORY_INFO)
			find_put_short_name(p + 68, name, len, o->unicode);
		if (o->level == SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO)
			put_unaligned_le64(info->file_id, p + 72);
		if (o->level == SMB_FIND_FILE_ID_BOTH_DIRECTORY_INFO)
			put_unaligned_le64(info->file_id, p + 96);
	}
	kcifsd_put_name(p + fixed, nbytes, name, len, o->unicode);
	o->last = start;
	o->pos = start + fixed + nbytes;
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
 * zero byte ends the entry. There are no extended attributes: EaSize is
 * 0 and the FEA list empty.
 */
static int find_put_standard(struct find_out *o, const char *name,
			     unsigned int len, const struct kcifsd_info *info,
			     u32 index)
{
	int nbytes = kcifsd_name_size(name, len, o->unicode);
	unsigned int term = 1, size, off = 0, pad = 0;
	u8 *p;

	if (nbytes > 255)
		return 1;	/* cannot be named in this level: skipped */
	size = (o->resume_keys ? 4 : 0) + 22 + 1;
	if (o->level != SMB_INFO_STANDARD) {
		size += 4;
	} else if (o->unicode) {
		pad = (o->pos + size) & 1;
		term = 2;
	}
	size += pad + nbytes + term;
	if (size > o->room - o->pos)
		return -ENOSPC;
	p = o->buf + o->pos;
	memset(p, 0, size);
	if (o->resume_keys) {
		put_unaligned_le32(index, p);
		off = 4;
	}
	off += kcifsd_put_info_standard(p + off, info);
	if (o->level == SMB_INFO_QUERY_EAS_FROM_LIST)
		put_unaligned_le32(4, p + off);	/* SizeOfListInBytes */
	if (o->level != SMB_INFO_STANDARD)
		off += 4;
	p[off] = nbytes;
	kcifsd_put_name(p + off + 1 + pad, nbytes, name, len, o->unicode);
	o->last = o->pos;
	o->pos += size;
	return 0;
}

/*
 * One entry of SMB_FIND_FILE_UNIX (CIFS UNIX extensions): NextEntryOffset
 * (4), ResumeKey (4), FILE_UNIX_BASIC_INFO (100, lstat(2) of the entry),
 * then the name with its terminator, which is how clients find its end.
 * Entries start 8-byte aligned, as the NT levels'.
 */
static int find_put_unix(struct find_out *o, const char *name,
			 unsigned int len, const struct kcifsd_info *info,
			 u32 index)
{
	unsigned int fixed = 8 + UNIX_BASIC_SIZE, term = o->unicode ? 2 : 1;
	unsigned int start = o->count ? ALIGN(o->pos, 8) : 0;
	int nbytes = kcifsd_name_size(name, len, o->unicode);
	u8 *p;

	if (start > o->room || fixed + nbytes + term > o->room - start)
		return -ENOSPC;
	p = o->buf + start;
	if (o->count)
		put_unaligned_le32(start - o->last, o->buf + o->last);
	put_unaligned_le32(0, p);
	put_unaligned_le32(index, p + 4);
	kcifsd_put_unix_basic(p + 8, &info->st);
	kcifsd_put_name(p + fixed, nbytes, name, len, o->unicode);
	memset(p + fixed + nbytes, 0, term);
	o->last = start;
	o->pos = start + fixed + nbytes + term;
	return 0;
}

static bool find_level_ok(u16 level)
{
	return level == SMB_INFO_STANDARD || level == SMB_INFO_QUERY_EA_SIZE ||
	       level == SMB_INFO_QUERY_EAS_FROM_LIST || find_nt_fixed(level);
}

static int find_put(struct find_out *o, const char *name, unsigned int len,
		    const struct kcifsd_info *info, u32 index)
{
	if (find_nt_fixed(o->level))
		return find_put_nt(o, name, len, info, index);
	if (o->level == SMB_FIND_FILE_UNIX)
		return find_put_unix(o, name, len, info, index);
	return find_put_standard(o, name, len, info, index);
}

/* ---- one request's worth of entries ---- */

/**
 * struct find_run - what one FIND_FIRST2 / FIND_NEXT2 asks for
 * @max: SearchCount
 * @skip: entries to pass over before reporting (resuming by key or name
 *	after a rewind)
 * @skip_name: pass over entries up to and including this name
 * @skip_len: its length, 0 if none
 * @eos: the search reached its end
 */
struct find_run {
	unsigned int max;
	u32 skip;
	const char *skip_name;
	unsigned int skip_len;
	bool eos;
};

static u32 find_fill(struct kcifsd_search *s, struct find_run *fr,
		     struct find_out *o)
{
	struct kcifsd_info info;
	struct path path;
	const char *name;
	const u8 *rec;
	unsigned int len;
	u32 status, key;
	int ret;

	while (o->count < fr->max) {
		rec = find_peek(s, &status);
		if (!rec) {
			fr->eos = !status;
			return status;
		}
		len = rec[0];
		name = rec + FIND_REC_HDR;
		if (find_rec_off(rec) == s->skip_off) {
			s->skip_off = U64_MAX;	/* reported before the seek */
			find_advance(s, rec);
			continue;
		}
		s->skip_off = U64_MAX;
		if (find_entry_path(s, name, len,
				    o->level != SMB_FIND_FILE_UNIX, &path)) {
			find_advance(s, rec);	/* gone meanwhile */
			continue;
		}
		status = kcifsd_info_get(s->tree, &path, &info);
		path_put(&path);
		if (status || !find_attrs_match(s->attrs, info.attrs)) {
			find_advance(s, rec);
			continue;
		}
		if (fr->skip_len) {
			if (kcifsd_name_eq_ci(name, len, fr->skip_name,
					      fr->skip_len))
				fr->skip_len = 0;
			find_advance(s, rec);
			s->index++;
			continue;
		}
		if (fr->skip) {
			fr->skip--;
			find_advance(s, rec);
			s->index++;
			continue;
		}
		key = s->cookies ? (u32)find_rec_off(rec) : s->index + 1;
		ret = find_put(o, name, len, &info, key);
		if (ret < 0)
			break;
		find_advance(s, rec);
		s->index++;
		if (ret)
			continue;
		memcpy(s->last, name, len);
		s->last_len = len;
		s->last_key = key;
		o->count++;
	}
	fr->eos = !find_peek(s, &status) && !status;
	return STATUS_SUCCESS;
}

/* The response data block and the output state for @level. */
static u32 find_out_init(struct kcifsd_smb_req *req, struct kcifsd_trans *t,
			 u16 level, u16 flags, struct find_out *o)
{
	memset(o, 0, sizeof(*o));
	if (!find_level_ok(level) &&
	    !(level == SMB_FIND_FILE_UNIX && kcifsd_unix_enabled(req))) {
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
	o->level = level;
	o->unicode = req->flags2 & SMB_FLAGS2_UNICODE;
	o->resume_keys = flags & SMB_FIND_RETURN_RESUME_KEYS;
	return STATUS_SUCCESS;
}

/* ---- starting a search ---- */

/*
 * The directory and the pattern of a FIND_FIRST2 FileName: everything up
 * to the last component names the directory, the last component is the
 * pattern ("*.*" and "" match everything). A name without wildcards is
 * looked up directly and its on-disk name becomes the only candidate.
 */
static u32 find_start(struct kcifsd_search *s, const struct kcifsd_smb_path *p)
{
	const char *last = p->name + p->last;
	unsigned int lastlen = p->len - p->last;
	unsigned int dirlen = p->last ? p->last - 1 : 0;
	struct path obj;
	u32 status;

	s->ci = !(s->tree->share_flags & KCIFSD_SHARE_F_CASE_SENSITIVE);
	s->buf = kmalloc(FIND_BUF_SIZE, GFP_KERNEL);
	s->dirname = kstrndup(p->name, dirlen, GFP_KERNEL);
	if (!s->buf || !s->dirname)
		return STATUS_INSUFF_SERVER_RESOURCES;
	if (!(lastlen == 3 && !memcmp(last, "*.*", 3))) {
		s->pattern = kstrndup(last, lastlen, GFP_KERNEL);
		if (!s->pattern)
			return STATUS_INSUFF_SERVER_RESOURCES;
		s->plen = lastlen;
	}

	status = kcifsd_vfs_lookup(s->tree, s->dirname, KCIFSD_VFS_DIRECTORY,
				   &s->dir);
	if (status == STATUS_OBJECT_NAME_NOT_FOUND)
		status = STATUS_OBJECT_PATH_NOT_FOUND;
	if (status)
		return status;

	if (p->len && !p->wildcards) {
		/* One name: the object itself, as it is spelled on disk. */
		status = kcifsd_vfs_lookup(s->tree, p->name,
					   KCIFSD_VFS_NOFOLLOW, &obj);
		if (status == STATUS_OBJECT_NAME_NOT_FOUND)
			status = STATUS_NO_SUCH_FILE;
		if (status)
			return status;
		s->len = min_t(unsigned int, obj.dentry->d_name.len, NAME_MAX);
		s->buf[0] = s->len;
		s->buf[1] = DT_UNKNOWN;
		put_unaligned(0ULL, (u64 *)(s->buf + 2));
		memcpy(s->buf + FIND_REC_HDR, obj.dentry->d_name.name, s->len);
		s->len += FIND_REC_HDR;
		path_put(&obj);
		s->eof = true;
		return STATUS_SUCCESS;
	}

	status = kcifsd_vfs_may(s->tree, &s->dir, MAY_READ);
	if (status)
		return status;
	status = kcifsd_vfs_open(s->tree, &s->dir, O_RDONLY | O_DIRECTORY,
				 false, &s->file);
	if (status)
		return status;
	/* Cookies that fit in a resume key (ext4's hash positions) */
	s->file->f_mode |= FMODE_32BITHASH;
	s->cookies = true;
	return STATUS_SUCCESS;
}

static struct kcifsd_search *search_alloc(struct kcifsd_tree *tree, u16 uid,
					  u16 attrs)
{
	struct kcifsd_search *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	kref_init(&s->ref);
	mutex_init(&s->lock);
	s->tree = tree;
	s->uid = uid;
	s->attrs = attrs;
	s->skip_off = U64_MAX;
	return s;
}

/* The tree of a request, which must be a disk share (3.3.5.58.3). */
static u32 find_tree(struct kcifsd_smb_req *req, struct kcifsd_tree **tree)
{
	struct kcifsd_session *sess;
	u32 status;

	status = kcifsd_tree_get_req(req, &sess, tree);
	if (status)
		return status;
	kcifsd_session_put(sess);
	if ((*tree)->type != KCIFSD_TREE_DISK) {
		kcifsd_tree_put(*tree);
		return STATUS_ACCESS_DENIED;
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
	struct find_run fr = {};
	struct kcifsd_smb_path path;
	struct kcifsd_search *s;
	struct kcifsd_tree *tree;
	struct find_out o;
	u16 attrs, flags, level;
	bool close;
	u32 status;

	if (t->param_count < FIND_FIRST_REQ_FIXED)
		return STATUS_INVALID_PARAMETER;
	attrs = get_unaligned_le16(t->param);
	fr.max = max_t(unsigned int, get_unaligned_le16(t->param + 2), 1);
	flags = get_unaligned_le16(t->param + 4);
	level = get_unaligned_le16(t->param + 6);

	status = find_out_init(req, t, level, flags, &o);
	if (status)
		return status;
	status = kcifsd_path_decode(t->param, FIND_FIRST_REQ_FIXED,
				    t->param_count,
				    req->flags2 & SMB_FLAGS2_UNICODE,
				    KCIFSD_PATH_WILDCARDS, &path, NULL);
	if (status)
		return status;
	status = find_tree(req, &tree);
	if (status)
		goto out_path;
	s = search_alloc(tree, req->uid, attrs);
	if (!s) {
		kcifsd_tree_put(tree);
		status = STATUS_INSUFF_SERVER_RESOURCES;
		goto out_path;
	}

	status = find_start(s, &path);
	if (!status)
		status = find_fill(s, &fr, &o);
	if (!status && !o.count)
		status = fr.eos ? STATUS_NO_SUCH_FILE : STATUS_BUFFER_OVERFLOW;
	if (status)
		goto out_search;

	close = (flags & SMB_FIND_CLOSE_AFTER_REQUEST) ||
		(fr.eos && (flags & SMB_FIND_CLOSE_AT_EOS));
	if (!close) {
		status = search_install(req->sc, s);
		if (status)
			goto out_search;
	}
	/* A closed search still reports a SID, as Windows does (<339>). */
	status = find_params(t, FIND_FIRST_RSP_SIZE, close ? 0 : s->sid, &o,
			     fr.eos);
	if (status && !close)
		search_close(req->sc, s);
out_search:
	search_put(s);
out_path:
	kcifsd_path_free(&path);
	return status;
}

/*
 * Where FIND_NEXT2 resumes (3.3.5.58.4): after the last entry with
 * CONTINUE_FROM_LAST, or when the ResumeKey or FileName names the last
 * entry. Otherwise from the entry the key names (seeking to its cookie,
 * or reading again up to its position), or failing a key, after the
 * entry the name names.
 */
static void find_next_resume(struct kcifsd_search *s, struct find_run *fr,
			     u16 flags, u32 key, const char *name,
			     unsigned int len)
{
	if (flags & SMB_FIND_CONTINUE_FROM_LAST)
		return;
	if (key && key == s->last_key && s->last_len)
		return;
	if (!key && len && len == s->last_len &&
	    !memcmp(name, s->last, len))
		return;
	if (key && s->cookies) {
		find_seek(s, key);
		s->skip_off = key;
		return;
	}
	find_seek(s, 0);
	if (key) {
		fr->skip = key;
	} else if (len) {
		fr->skip_name = name;
		fr->skip_len = len;
	}
}

/**
 * kcifsd_trans2_find_next() - TRANS2_FIND_NEXT2 (MS-CIFS 2.2.6.3,
 *	3.3.5.58.4)
 * @req: the request
 * @t: the transaction; parameters SID, SearchCount, InformationLevel,
 *	ResumeKey, Flags, FileName
 *
 * Return: STATUS_SUCCESS (no entries and EndOfSearch once the search is
 * over), STATUS_INVALID_HANDLE for an unknown SID, or an error.
 */
u32 kcifsd_trans2_find_next(struct kcifsd_smb_req *req,
			    struct kcifsd_trans *t)
{
	struct kcifsd_smb_path name = {};
	struct find_run fr = {};
	struct kcifsd_search *s;
	struct kcifsd_tree *tree;
	struct find_out o;
	u16 sid, flags, level;
	u32 key, status;

	if (t->param_count < FIND_NEXT_REQ_FIXED)
		return STATUS_INVALID_PARAMETER;
	sid = get_unaligned_le16(t->param);
	fr.max = max_t(unsigned int, get_unaligned_le16(t->param + 2), 1);
	level = get_unaligned_le16(t->param + 4);
	key = get_unaligned_le32(t->param + 6);
	flags = get_unaligned_le16(t->param + 10);

	status = find_out_init(req, t, level, flags, &o);
	if (status)
		return status;
	s = search_get(req->sc, sid);
	if (!s)
		return STATUS_INVALID_HANDLE;
	status = find_tree(req, &tree);
	if (status)
		goto out_put;
	kcifsd_tree_put(tree);
	if (tree != s->tree) {
		status = STATUS_INVALID_HANDLE;
		goto out_put;
	}
	/* A resume name that does not decode is simply not used. */
	if (kcifsd_path_decode(t->param, FIND_NEXT_REQ_FIXED, t->param_count,
			       req->flags2 & SMB_FLAGS2_UNICODE,
			       KCIFSD_PATH_WILDCARDS, &name, NULL))
		memset(&name, 0, sizeof(name));

	mutex_lock(&s->lock);
	find_next_resume(s, &fr, flags, key, name.name + name.last,
			 name.len - name.last);
	status = find_fill(s, &fr, &o);
	mutex_unlock(&s->lock);
	/*
	 * Past the last entry the answer is an empty success with
	 * EndOfSearch set: the end is only known for sure once the entries
	 * the attributes leave out have been looked at.
	 */
	if (!status && !o.count && !fr.eos)
		status = STATUS_BUFFER_OVERFLOW;
	if (!status)
		status = find_params(t, FIND_NEXT_RSP_SIZE, 0, &o, fr.eos);
	if (status || (flags & SMB_FIND_CLOSE_AFTER_REQUEST) ||
	    (fr.eos && (flags & SMB_FIND_CLOSE_AT_EOS)))
		search_close(req->sc, s);
	kcifsd_path_free(&name);
out_put:
	search_put(s);
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
	u16 sid = get_unaligned_le16(req->words);
	struct kcifsd_search *s = search_get(req->sc, sid);
	u32 status = STATUS_INVALID_HANDLE;

	if (!s)
		return status;
	if (s->tree->tid == req->tid) {
		search_close(req->sc, s);
		status = kcifsd_smb_rsp_block(req, 0, 0) ? STATUS_SUCCESS :
			 STATUS_INSUFF_SERVER_RESOURCES;
	}
	search_put(s);
	return status;
}
