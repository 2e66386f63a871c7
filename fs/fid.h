/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Opens and their FIDs (MS-CIFS 3.3.1.7 Server.Open, 2.2.1.6.1 FID
 * generation): every open file or directory of a connection is a struct
 * kcifsd_open under a 16-bit FID in the connection's FileOpenTable
 * (kcifsd_smb_conn.fids). FIDs are handed out cyclically from 1 to
 * 0xFFFE: 0xFFFF means "every file" to FLUSH and 0 is avoided because
 * clients treat it as no file.
 *
 * For a command handler that takes a FID:
 *
 *	struct kcifsd_open *op;
 *	u32 status = kcifsd_fid_get(req, fid, &op);
 *
 *	if (status)
 *		return status;		(STATUS_INVALID_HANDLE)
 *	... kcifsd_vfs_*(op->tree, ...) on op->file ...
 *	kcifsd_open_put(op);
 *
 * Lifetime: op->refcnt. The FID table holds one reference; kcifsd_fid_get()
 * one more. Closing (CLOSE, and the hooks below for TREE_DISCONNECT,
 * LOGOFF_ANDX, PROCESS_EXIT and the end of the connection) takes the FID
 * out of the table, so new requests get STATUS_INVALID_HANDLE, releases its
 * byte-range locks and drops the table's reference. The last
 * kcifsd_open_put() then, in this order: releases the locks a request
 * still running took after that, leaves the file's sharing state
 * (fs/sharemode.h), removes the file if it was the last open of a
 * delete-pending file, releases the struct file and the tree reference,
 * and frees the open after an RCU grace period.
 */
#ifndef _KCIFSD_FID_H
#define _KCIFSD_FID_H

#include <linux/fs.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "fs/brlock.h"
#include "fs/sharemode.h"
#include "fs/wsync.h"

struct kcifsd_smb_conn;
struct kcifsd_smb_req;
struct kcifsd_tree;

/* FIDs handed out (MS-CIFS 2.2.1.6.1; 0xFFFF is FLUSH's "all files"). */
#define KCIFSD_FID_MIN		1
#define KCIFSD_FID_MAX		0xFFFE
#define KCIFSD_FID_ALL		0xFFFF

/**
 * struct kcifsd_file_pos - the file pointers of an open
 * @ref: the opens using them
 * @lock: protects @pos and @seek_pos
 * @pos: FilePositionInformation (TRANS2 query/set); reads set it too
 * @seek_pos: the 32-bit file pointer of SEEK (MS-CIFS 2.2.4.19), moved by
 *	every read and write
 *
 * Windows gives a process that opens a file in compatibility mode
 * (DENY_DOS, FCB) again, with the same access, the handle it has: the
 * two FIDs share one file pointer (smbtorture base.denydos).
 */
struct kcifsd_file_pos {
	refcount_t ref;
	spinlock_t lock;
	loff_t pos;
	u32 seek_pos;
};

/**
 * struct kcifsd_open - an open file or directory (MS-CIFS 3.3.1.7)
 * @refcnt: lifetime, see the comment at the top of this file
 * @rcu: frees the open after lockless FID lookups are done with it
 * @sc: the connection's SMB1 state (not a reference: opens never outlive
 *	it, see kcifsd_fid_close_all())
 * @fid: Open.FID
 * @uid: the UID of Open.Session, the opener's session
 * @pid: Open.PID, the opener's 32-bit PID (PROCESS_EXIT, FLUSH 0xFFFF)
 * @tree: Open.TreeConnect (a reference)
 * @file: the open file (directories too)
 * @access: Open.GrantedAccess (MS-CIFS 2.2.4.64.1 bits)
 * @share: the open's part in the file's sharing (ShareAccess,
 *	delete-on-close)
 * @state: the file's sharing state (fs/sharemode.h)
 * @is_dir: a directory
 * @write_through: FILE_WRITE_THROUGH (NT_CREATE_ANDX) or the DOS
 *	write-through bit (OPEN_ANDX): every write reaches stable storage
 *	before it is answered
 * @fpos: its file pointers, shared with the other DOS compatibility-mode
 *	opens of the file by the same process (struct kcifsd_file_pos)
 * @wsync: the flushes of write-through writes, batched (fs/wsync.c)
 * @name: Open.PathName, the normalised name it was opened by (for logs)
 * @lock_err: where its last byte-range lock failed (fs/brlock.h)
 */
struct kcifsd_open {
	refcount_t refcnt;
	struct rcu_head rcu;
	struct kcifsd_smb_conn *sc;
	u16 fid;
	u16 uid;
	u32 pid;
	struct kcifsd_tree *tree;
	struct file *file;
	u32 access;
	struct kcifsd_share_entry share;
	struct kcifsd_file_state *state;
	bool is_dir;
	bool write_through;
	struct kcifsd_file_pos *fpos;
	struct kcifsd_wsync wsync;
	char *name;
	struct kcifsd_brl_errcache lock_err;
};

struct kcifsd_open *kcifsd_open_alloc(void);
void kcifsd_open_share_pos(struct kcifsd_open *op, struct kcifsd_open *with);
u32 kcifsd_fid_install(struct kcifsd_smb_conn *sc, struct kcifsd_open *op);
u32 kcifsd_fid_get(struct kcifsd_smb_req *req, u16 fid,
		   struct kcifsd_open **op);
void kcifsd_open_put(struct kcifsd_open *op);
bool kcifsd_fid_peek_plain_file(struct kcifsd_smb_conn *sc, u16 fid);
bool kcifsd_fid_close(struct kcifsd_open *op);

/**
 * typedef kcifsd_fid_match_t - selects opens for kcifsd_fid_close_match()
 *	and kcifsd_fid_for_each()
 * @op: an open of the connection
 * @priv: the caller's argument
 *
 * Return: true to select @op.
 */
typedef bool (*kcifsd_fid_match_t)(struct kcifsd_open *op, void *priv);

unsigned int kcifsd_fid_close_match(struct kcifsd_smb_conn *sc,
				    kcifsd_fid_match_t match, void *priv);
unsigned int kcifsd_fid_for_each(struct kcifsd_smb_conn *sc,
				 kcifsd_fid_match_t fn, void *priv);

/* Hooks for the teardown cascades (MS-CIFS 3.3.5.41, 3.3.5.44, 3.3.7.2) */
void kcifsd_fid_close_tree(struct kcifsd_smb_conn *sc,
			   const struct kcifsd_tree *tree);
void kcifsd_fid_close_session(struct kcifsd_smb_conn *sc, u16 uid);
void kcifsd_fid_close_all(struct kcifsd_smb_conn *sc);

#endif /* _KCIFSD_FID_H */
