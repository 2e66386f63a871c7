// SPDX-License-Identifier: GPL-2.0-only
/*
 * The FileOpenTable of a connection: FID allocation, lookup, closing and
 * the teardown cascades, and the lifetime of struct kcifsd_open. See
 * fs/fid.h.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/file.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "fs/fid.h"
#include "fs/locking.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/tree.h"
#include "fs/vfs.h"
#include "net/connection.h"

/**
 * kcifsd_open_alloc() - a new, empty open
 *
 * Return: the open with one reference (the caller's), or NULL.
 */
struct kcifsd_open *kcifsd_open_alloc(void)
{
	struct kcifsd_open *op = kzalloc(sizeof(*op), GFP_KERNEL);

	if (!op)
		return NULL;
	op->fpos = kzalloc(sizeof(*op->fpos), GFP_KERNEL);
	if (!op->fpos) {
		kfree(op);
		return NULL;
	}
	refcount_set(&op->refcnt, 1);
	refcount_set(&op->fpos->ref, 1);
	spin_lock_init(&op->fpos->lock);
	kcifsd_wsync_init(&op->wsync);
	INIT_LIST_HEAD(&op->share.node);
	return op;
}

static void file_pos_put(struct kcifsd_file_pos *fpos)
{
	if (refcount_dec_and_test(&fpos->ref))
		kfree(fpos);
}

/**
 * kcifsd_open_share_pos() - make a new open use another's file pointers
 * @op: the new open, not installed yet
 * @with: an open of the same file
 */
void kcifsd_open_share_pos(struct kcifsd_open *op, struct kcifsd_open *with)
{
	refcount_inc(&with->fpos->ref);
	file_pos_put(op->fpos);
	op->fpos = with->fpos;
}

/*
 * The last reference is gone: the order of fs/fid.h. A delete-pending
 * file is removed with the credentials of the tree this open was made
 * under, whoever asked for the deletion.
 */
static void open_release(struct kcifsd_open *op)
{
	struct path path;
	u32 status;

	kcifsd_lock_release_open(op);
	if (op->state && kcifsd_share_leave(op->state, &op->share)) {
		/*
		 * A reference of our own: with the file's as the only one,
		 * the unlink would turn the dentry negative under the file
		 * (d_delete()), and its last fput would trip over that.
		 */
		path = op->file->f_path;
		path_get(&path);
		status = kcifsd_vfs_remove(op->tree, &path);
		path_put(&path);
		if (status)
			pr_info_ratelimited("share %s: delete on close of \"%s\" failed: status 0x%08x\n",
					    op->tree->share, op->name, status);
		kcifsd_share_deleted(op->state);
	}
	if (op->file)
		kcifsd_vfs_fput_now(op->file);
	if (op->tree)
		kcifsd_tree_put(op->tree);
	file_pos_put(op->fpos);
	kfree(op->name);
	kfree_rcu(op, rcu);
}

/**
 * kcifsd_open_put() - drop a reference to an open
 * @op: the open; may be NULL
 */
void kcifsd_open_put(struct kcifsd_open *op)
{
	if (op && refcount_dec_and_test(&op->refcnt))
		open_release(op);
}

/**
 * kcifsd_fid_install() - give a new open its FID
 * @sc: the connection
 * @op: the open, every field but @fid set; the table takes a reference
 *	of its own, the caller keeps its one
 *
 * Return: STATUS_SUCCESS, STATUS_TOO_MANY_OPENED_FILES (all 65534 FIDs in
 * use) or STATUS_NO_MEMORY.
 */
u32 kcifsd_fid_install(struct kcifsd_smb_conn *sc, struct kcifsd_open *op)
{
	u32 id;
	int err;

	op->sc = sc;
	refcount_inc(&op->refcnt);
	err = xa_alloc_cyclic(&sc->fids, &id, op,
			      XA_LIMIT(KCIFSD_FID_MIN, KCIFSD_FID_MAX),
			      &sc->next_fid, GFP_KERNEL);
	if (err < 0) {
		refcount_dec(&op->refcnt);
		return err == -EBUSY ? STATUS_TOO_MANY_OPENED_FILES :
				       STATUS_NO_MEMORY;
	}
	op->fid = id;
	atomic_inc(&sc->conn->open_resources);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_fid_get() - the open a request's FID names
 * @req: the request (its UID and TID)
 * @fid: the FID from the request
 * @op: the open, referenced; kcifsd_open_put() it
 *
 * A FID is only valid with the UID and TID it was opened under (MS-CIFS
 * 3.3.5.36: "the UID MUST match"; a FID of another tree connect names
 * nothing in this one). After an open in the same AndX chain, the FID is
 * that open's (req->chain_fid).
 *
 * Return: STATUS_SUCCESS or STATUS_INVALID_HANDLE.
 */
u32 kcifsd_fid_get(struct kcifsd_smb_req *req, u16 fid,
		   struct kcifsd_open **op)
{
	struct kcifsd_open *o;

	if (req->chain_fid)
		fid = req->chain_fid;

	rcu_read_lock();
	o = xa_load(&req->sc->fids, fid);
	if (o && !refcount_inc_not_zero(&o->refcnt))
		o = NULL;
	rcu_read_unlock();
	if (!o)
		return STATUS_INVALID_HANDLE;
	if (o->uid != req->uid || o->tree->tid != req->tid) {
		kcifsd_open_put(o);
		return STATUS_INVALID_HANDLE;
	}
	*op = o;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_fid_peek_plain_file() - does a FID name a file whose writes may
 *	be answered before they reach stable storage?
 * @sc: the connection
 * @fid: a FID from a request nothing has checked yet
 *
 * For a transport's receive work choosing where a write runs
 * (fs/rx_inline.c). Under RCU, without a reference and without the UID
 * and TID check of kcifsd_fid_get(): the answer may be stale as soon as
 * it is given, and the handler looks the FID up again as ever.
 *
 * Return: true if @fid names an open file (not a directory) opened
 * without write-through, and no named pipe has the same FID (pipe FIDs
 * are counted down from 0xFFFE, fs/pipe.c, and may meet a file's of
 * another tree).
 */
bool kcifsd_fid_peek_plain_file(struct kcifsd_smb_conn *sc, u16 fid)
{
	struct kcifsd_open *op;
	bool plain;

	rcu_read_lock();
	op = xa_load(&sc->fids, fid);
	plain = op && !op->is_dir && !op->write_through &&
		!xa_load(&sc->pipes, fid);
	rcu_read_unlock();
	return plain;
}

/**
 * kcifsd_fid_close() - take an open out of its FID table
 * @op: the open; the caller holds a reference
 *
 * New requests get STATUS_INVALID_HANDLE for the FID from now on; the
 * open itself goes when the last reference does.
 *
 * Return: true if this call closed it, false if it was closed already.
 */
bool kcifsd_fid_close(struct kcifsd_open *op)
{
	struct kcifsd_smb_conn *sc = op->sc;
	bool closed = false;

	xa_lock(&sc->fids);
	if (xa_load(&sc->fids, op->fid) == op) {
		__xa_erase(&sc->fids, op->fid);
		closed = true;
	}
	xa_unlock(&sc->fids);
	if (closed) {
		kcifsd_lock_release_open(op);
		atomic_dec(&sc->conn->open_resources);
		kcifsd_open_put(op);
	}
	return closed;
}

/* The next open at or after *@idx, referenced, or NULL at the end. */
static struct kcifsd_open *fid_next(struct kcifsd_smb_conn *sc,
				    unsigned long *idx)
{
	struct kcifsd_open *op;

	rcu_read_lock();
	for (;;) {
		op = xa_find(&sc->fids, idx, KCIFSD_FID_MAX, XA_PRESENT);
		if (!op || refcount_inc_not_zero(&op->refcnt))
			break;
		(*idx)++;
	}
	rcu_read_unlock();
	return op;
}

/**
 * kcifsd_fid_for_each() - call @fn for every open of a connection
 * @sc: the connection
 * @fn: called with each open (referenced during the call); may sleep
 * @priv: its argument
 *
 * Return: the number of calls that returned true.
 */
unsigned int kcifsd_fid_for_each(struct kcifsd_smb_conn *sc,
				 kcifsd_fid_match_t fn, void *priv)
{
	struct kcifsd_open *op;
	unsigned long idx = 0;
	unsigned int n = 0;

	while ((op = fid_next(sc, &idx))) {
		if (fn(op, priv))
			n++;
		kcifsd_open_put(op);
		idx++;
	}
	return n;
}

/**
 * kcifsd_fid_close_match() - close every open @match selects
 * @sc: the connection
 * @match: the selection
 * @priv: its argument
 *
 * Return: the number of opens closed.
 */
unsigned int kcifsd_fid_close_match(struct kcifsd_smb_conn *sc,
				    kcifsd_fid_match_t match, void *priv)
{
	struct kcifsd_open *op;
	unsigned long idx = 0;
	unsigned int n = 0;

	while ((op = fid_next(sc, &idx))) {
		if (match(op, priv) && kcifsd_fid_close(op))
			n++;
		kcifsd_open_put(op);
		idx++;
	}
	return n;
}

static bool fid_match_tree(struct kcifsd_open *op, void *tree)
{
	return op->tree == tree;
}

static bool fid_match_uid(struct kcifsd_open *op, void *uid)
{
	return op->uid == *(u16 *)uid;
}

static bool fid_match_all(struct kcifsd_open *op, void *unused)
{
	return true;
}

/**
 * kcifsd_fid_close_tree() - close every open under a tree connect
 * @sc: the connection
 * @tree: the tree connect being disconnected (MS-CIFS 3.3.5.41)
 */
void kcifsd_fid_close_tree(struct kcifsd_smb_conn *sc,
			   const struct kcifsd_tree *tree)
{
	kcifsd_fid_close_match(sc, fid_match_tree, (void *)tree);
}

/**
 * kcifsd_fid_close_session() - close every open of a session
 * @sc: the connection
 * @uid: the UID logging off (MS-CIFS 3.3.5.44)
 */
void kcifsd_fid_close_session(struct kcifsd_smb_conn *sc, u16 uid)
{
	kcifsd_fid_close_match(sc, fid_match_uid, &uid);
}

/**
 * kcifsd_fid_close_all() - close every open of a connection
 * @sc: the connection going away (MS-CIFS 3.3.7.2)
 */
void kcifsd_fid_close_all(struct kcifsd_smb_conn *sc)
{
	kcifsd_fid_close_match(sc, fid_match_all, NULL);
}
