// SPDX-License-Identifier: GPL-2.0-only
/*
 * The directory search engine and the connection's SearchOpenTable
 * (MS-CIFS 3.3.1.8, 3.3.5.58.3, 3.3.5.58.4); see fs/search.h.
 *
 * A search keeps its directory open and reads it with iterate_dir() from
 * where the last request stopped: names that match the pattern are read
 * ahead into a small buffer, and each is looked up and handed to the
 * wire form's encoder (or kept for the next request if it does not fit)
 * in order, so a directory of any size is read once however many
 * requests it takes.
 *
 * Resume keys are the entry's directory position cookie (the directory is
 * opened for 32-bit cookies, as nfsd does for NFSv3): resuming from a
 * key seeks there, so entries deleted meanwhile (OS/2 style
 * delete-while-listing) neither stop nor shift the search. On a file
 * system whose cookies do not fit in 32 bits the key is the entry's
 * position in the search instead, and resuming reads the directory again
 * up to it, as does resuming by name.
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
#include "fs/search.h"
#include "fs/session.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/tree.h"
#include "fs/vfs.h"
#include "net/connection.h"

/* SIDs handed out (MS-CIFS 2.2.1.6.5: 0 and 0xFFFF are avoided) */
#define KCIFSD_SID_MIN		1
#define KCIFSD_SID_MAX		0xFFFE

/*
 * Names read ahead per directory read: a record is the name's length (1),
 * its DT_ type (1), its directory position cookie (8), the name.
 */
#define FIND_BUF_SIZE		4096
#define FIND_REC_HDR		10

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
 * @attrs: SearchAttributes of the request that started it, kept for the
 *	whole search
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

/* ---- one request's worth of entries ---- */

static u32 find_fill(struct kcifsd_search *s, struct kcifsd_search_run *fr)
{
	struct kcifsd_info info;
	struct path path;
	const char *name;
	const u8 *rec;
	unsigned int len;
	u32 status, key;
	int ret;

	while (fr->count < fr->max) {
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
		if (find_entry_path(s, name, len, !fr->lstat, &path)) {
			find_advance(s, rec);	/* gone meanwhile */
			continue;
		}
		status = kcifsd_info_get(s->tree, &path, &info);
		if (status || !find_attrs_match(s->attrs, info.attrs)) {
			path_put(&path);
			find_advance(s, rec);
			continue;
		}
		if (fr->skip_len) {
			path_put(&path);
			if (kcifsd_name_eq_ci(name, len, fr->skip_name,
					      fr->skip_len))
				fr->skip_len = 0;
			find_advance(s, rec);
			s->index++;
			continue;
		}
		if (fr->skip) {
			path_put(&path);
			fr->skip--;
			find_advance(s, rec);
			s->index++;
			continue;
		}
		key = s->cookies ? (u32)find_rec_off(rec) : s->index + 1;
		/* info.path stays valid for the encoder (EA levels) */
		ret = fr->put(fr->priv, name, len, &info, key);
		path_put(&path);
		if (ret < 0)
			break;
		find_advance(s, rec);
		s->index++;
		if (ret)
			continue;
		memcpy(s->last, name, len);
		s->last_len = len;
		s->last_key = key;
		fr->count++;
	}
	fr->eos = !find_peek(s, &status) && !status;
	return STATUS_SUCCESS;
}

/*
 * Where a request resumes (3.3.5.58.4): after the last entry when the
 * resume key or name names it. Otherwise after the entry the key names
 * (seeking to its cookie, or reading again up to its position), or
 * failing a key, after the entry the name names.
 */
static void find_resume(struct kcifsd_search *s,
			struct kcifsd_search_run *fr)
{
	bool has_key = fr->key || fr->by_key;
	u32 key = fr->key;
	const char *name = fr->name;
	unsigned int len = fr->len;

	if (has_key && key == s->last_key && s->last_len)
		return;
	if (!has_key && len && len == s->last_len &&
	    !memcmp(name, s->last, len))
		return;
	if (has_key && s->cookies) {
		find_seek(s, key);
		s->skip_off = key;
		return;
	}
	find_seek(s, 0);
	if (has_key) {
		fr->skip = key;
	} else if (len) {
		fr->skip_name = name;
		fr->skip_len = len;
	}
}

/* ---- starting and finding searches ---- */

/*
 * The directory and the pattern of a search's FileName: everything up
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
static u32 search_tree(struct kcifsd_smb_req *req, struct kcifsd_tree **tree)
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

/**
 * kcifsd_search_open() - start a search
 * @req: the request; its tree connect must be a disk share
 * @path: the decoded FileName: the directory, then the pattern as its
 *	last component ("*.*" and "" match everything; a name without
 *	wildcards names one entry)
 * @attrs: SearchAttributes (SMB_FILE_ATTRIBUTES, inclusive and exclusive
 *	bits), kept for the whole search
 * @out: the search, referenced; not in the table until
 *	kcifsd_search_install()
 *
 * Return: STATUS_SUCCESS, STATUS_OBJECT_PATH_NOT_FOUND for a missing
 * directory, STATUS_NO_SUCH_FILE for a missing name, STATUS_ACCESS_DENIED
 * (no read permission, IPC$), or another error status.
 */
u32 kcifsd_search_open(struct kcifsd_smb_req *req,
		       const struct kcifsd_smb_path *path, u16 attrs,
		       struct kcifsd_search **out)
{
	struct kcifsd_tree *tree;
	struct kcifsd_search *s;
	u32 status;

	status = search_tree(req, &tree);
	if (status)
		return status;
	s = search_alloc(tree, req->uid, attrs);
	if (!s) {
		kcifsd_tree_put(tree);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	status = find_start(s, path);
	if (status) {
		search_put(s);
		return status;
	}
	*out = s;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_search_find() - the open search a request names
 * @req: the request
 * @sid: the search's SID
 * @out: the search, referenced
 *
 * A SID names a search of the request's tree connect only.
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_HANDLE, or the status of the
 * tree lookup.
 */
u32 kcifsd_search_find(struct kcifsd_smb_req *req, u16 sid,
		       struct kcifsd_search **out)
{
	struct kcifsd_search *s = search_get(req->sc, sid);
	struct kcifsd_tree *tree;
	u32 status;

	if (!s)
		return STATUS_INVALID_HANDLE;
	status = search_tree(req, &tree);
	if (!status) {
		kcifsd_tree_put(tree);
		if (tree != s->tree)
			status = STATUS_INVALID_HANDLE;
	}
	if (status) {
		search_put(s);
		return status;
	}
	*out = s;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_search_fill() - hand a request's worth of entries to an encoder
 * @s: the search
 * @run: what the request asks for; @run->count and @run->eos are set
 *
 * One request at a time works on a search.
 *
 * Return: STATUS_SUCCESS or the status of reading the directory.
 */
u32 kcifsd_search_fill(struct kcifsd_search *s, struct kcifsd_search_run *run)
{
	u32 status;

	mutex_lock(&s->lock);
	if (run->resume)
		find_resume(s, run);
	status = find_fill(s, run);
	mutex_unlock(&s->lock);
	return status;
}

/**
 * kcifsd_search_install() - enter a search in the SearchOpenTable
 * @sc: the connection's SMB1 state
 * @s: a search from kcifsd_search_open(); the table takes its own
 *	reference
 *
 * Return: STATUS_SUCCESS, or STATUS_OS2_NO_MORE_SIDS when the table holds
 * KCIFSD_MAX_SEARCHES searches (3.3.5.58.3).
 */
u32 kcifsd_search_install(struct kcifsd_smb_conn *sc, struct kcifsd_search *s)
{
	return search_install(sc, s);
}

/**
 * kcifsd_search_sid() - a search's SID
 * @s: an installed search
 *
 * Return: FindSID.
 */
u16 kcifsd_search_sid(const struct kcifsd_search *s)
{
	return s->sid;
}

/**
 * kcifsd_search_tree() - the tree connect a search lists in
 * @s: the search, referenced by the caller
 *
 * Return: the tree, valid while the search is.
 */
const struct kcifsd_tree *kcifsd_search_tree(const struct kcifsd_search *s)
{
	return s->tree;
}

/**
 * kcifsd_search_put() - drop a reference to a search
 * @s: the search
 */
void kcifsd_search_put(struct kcifsd_search *s)
{
	search_put(s);
}

/**
 * kcifsd_search_close() - take a search out of the table
 * @sc: the connection's SMB1 state
 * @s: the search; the caller's reference stays its own
 */
void kcifsd_search_close(struct kcifsd_smb_conn *sc, struct kcifsd_search *s)
{
	search_close(sc, s);
}
