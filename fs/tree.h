/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB1 tree connects (the Server.TreeConnect ADM of MS-CIFS 3.3.1.6):
 * what TREE_CONNECT_ANDX creates under a TID and TREE_DISCONNECT, the
 * LOGOFF_ANDX of its session or the end of the connection destroys.
 *
 * A tree connect carries everything file access under it needs, fixed at
 * connect time: the share's root directory (resolved once; everything a
 * client names is resolved beneath it), read-only or read-write, the
 * share's create masks, and the credentials to run with.
 *
 * For a command handler that works on files (KCIFSD_CMD_NEEDS_UID |
 * KCIFSD_CMD_NEEDS_TID):
 *
 *	struct kcifsd_session *sess;
 *	struct kcifsd_tree *tree;
 *	u32 status = kcifsd_tree_get_req(req, &sess, &tree);
 *
 *	if (status)
 *		return status;
 *	old = override_creds(kcifsd_tree_cred(tree));
 *	... vfs_path_lookup(tree->root.dentry, tree->root.mnt, name, ...)
 *	revert_creds(old);
 *	kcifsd_tree_put(tree);
 *	kcifsd_session_put(sess);
 *
 * Lifetime: tree->refcnt. The TID table (kcifsd_smb_conn.trees) holds one
 * reference, kcifsd_tree_get() one more, and an open file should hold one
 * for as long as it is open. A tree holds a reference on its session and
 * on its root path. Teardown order (kcifsd_tree_disconnect(), used by
 * TREE_DISCONNECT, LOGOFF_ANDX and connection teardown alike):
 *   1. the TID leaves the table: new requests get STATUS_SMB_BAD_TID;
 *   2. opens, named pipes and searches under the TID are closed
 *      (MS-CIFS 3.3.5.41: kcifsd_fid_close_tree(), kcifsd_pipe_close_tree(),
 *      kcifsd_search_close_tree() in kcifsd_tree_disconnect());
 *   3. the table's reference is dropped; the last kcifsd_tree_put() puts
 *      the root path, the credentials and the session reference, then
 *      frees the tree after an RCU grace period.
 */
#ifndef _KCIFSD_TREE_H
#define _KCIFSD_TREE_H

#include <linux/cred.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>

#include "net/kcifsd_netlink.h"

struct kcifsd_session;
struct kcifsd_smb_conn;
struct kcifsd_smb_req;

/*
 * TIDs a connection hands out (MS-CIFS 2.2.1.6.7: 0xFFFF is reserved).
 * 0 is valid but never given: some clients take a zero TID for "not
 * connected".
 */
#define KCIFSD_TID_MIN		1
#define KCIFSD_TID_MAX		0xFFFE

/*
 * Tree connects one connection may hold (every one pins a share root);
 * one more gets STATUS_REQUEST_NOT_ACCEPTED (MS-CIFS 3.3.5.45, the
 * MaxUses answer). Clients open one per share they use.
 */
#define KCIFSD_MAX_TREES	256

/**
 * enum kcifsd_tree_type - Share.Type of what is connected (MS-CIFS
 *	2.2.4.55.2 Service)
 * @KCIFSD_TREE_DISK: a disk share, Service "A:"
 * @KCIFSD_TREE_IPC: IPC$, named pipes, Service "IPC"
 */
enum kcifsd_tree_type {
	KCIFSD_TREE_DISK,
	KCIFSD_TREE_IPC,
};

/**
 * struct kcifsd_tree - one tree connect (MS-CIFS 3.3.1.6
 *	Server.TreeConnect)
 * @refcnt: lifetime, see the comment at the top of this file
 * @rcu: frees the tree after lockless TID lookups are done with it
 * @sc: the connection's SMB1 state (not a reference)
 * @tid: the TID, KCIFSD_TID_MIN..KCIFSD_TID_MAX
 * @sess: TreeConnect.Session, the session that connected (a reference);
 *	its LOGOFF_ANDX disconnects the tree (MS-CIFS 3.3.5.44)
 * @type: disk share or IPC$
 * @share: the share name as configured (its case), UTF-8
 * @share_flags: KCIFSD_SHARE_F_* from the helper
 * @read_only: the helper's decision for this user was read-only, or the
 *	share is read-only: no create, write, delete, rename or attribute
 *	change under this tree (STATUS_ACCESS_DENIED)
 * @root: the share's root directory, resolved at connect time; empty
 *	(NULL dentry and mnt) for IPC$
 * @fs_name: the NativeFileSystem reported: the root's file-system type
 *	name ("ext4", "xfs", ...), "" for IPC$
 * @create_mask: mode bits a new file may keep ("create mask")
 * @directory_mask: mode bits a new directory may keep
 * @cred: credentials for file access in this tree: the session's, with
 *	the share's "force user" uid and "force group" gid applied
 * @max_access: MaximalShareAccessRights of MS-SMB 2.2.4.7.2, the access
 *	mask an open under this tree may be granted at most
 * @unix_caps: the CIFS UNIX extensions' capabilities the client chose for
 *	this tree with SMB_SET_CIFS_UNIX_INFO (fs/unix_info.h)
 * @unix_client: the client sent SMB_SET_CIFS_UNIX_INFO on this tree: a
 *	UNIX client, whose names match in their case only (fs/vfs.c)
 */
struct kcifsd_tree {
	refcount_t refcnt;
	struct rcu_head rcu;
	struct kcifsd_smb_conn *sc;
	u16 tid;
	struct kcifsd_session *sess;
	enum kcifsd_tree_type type;
	char share[KCIFSD_SHARE_NAME_MAX + 1];
	u32 share_flags;
	bool read_only;
	struct path root;
	char fs_name[32];
	umode_t create_mask;
	umode_t directory_mask;
	const struct cred *cred;
	u32 max_access;
	u64 unix_caps;
	bool unix_client;
};

struct kcifsd_tree *kcifsd_tree_get(struct kcifsd_smb_conn *sc, u16 tid);
void kcifsd_tree_put(struct kcifsd_tree *tree);
bool kcifsd_tree_is_ipc(struct kcifsd_smb_conn *sc, u16 tid);
/*
 * kcifsd_tree_get_req() gives the request's session and tree, both
 * referenced. A TID may be used under another UID of the connection
 * (smbtorture raw.context does) only if that session is the same account
 * (or both are guests): the tree's access was decided for that account;
 * anything else gets STATUS_ACCESS_DENIED.
 */
u32 kcifsd_tree_get_req(struct kcifsd_smb_req *req,
			struct kcifsd_session **sess,
			struct kcifsd_tree **tree);

/**
 * kcifsd_tree_cred() - the credentials file access in a tree runs with
 * @tree: a tree the caller holds a reference on
 *
 * Return: the credentials, for override_creds(), valid while the
 * reference is held.
 */
static inline const struct cred *kcifsd_tree_cred(const struct kcifsd_tree *tree)
{
	return tree->cred;
}

void kcifsd_tree_disconnect(struct kcifsd_smb_conn *sc,
			    struct kcifsd_tree *tree);
void kcifsd_trees_disconnect_session(struct kcifsd_smb_conn *sc,
				     struct kcifsd_session *sess);

/* Handlers (fs/dispatch.c command table) */
u32 kcifsd_smb_tree_connect(struct kcifsd_smb_req *req);
u32 kcifsd_smb_tree_disconnect(struct kcifsd_smb_req *req);

#endif /* _KCIFSD_TREE_H */
