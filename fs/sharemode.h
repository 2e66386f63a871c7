/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Share modes and delete-on-close across every connection: the per-file
 * open state of MS-FSA 2.1.1.5 (Open.SharingMode, File.OpenList,
 * DeletePending) that Windows keeps in the file system and Linux does
 * not. One struct kcifsd_file_state exists per inode while an SMB open
 * (or a DELETE/RENAME in progress) refers to it, shared by hard links.
 *
 * An open joins with its granted access and ShareAccess
 * (kcifsd_share_join()): a conflict with any open already there is
 * STATUS_SHARING_VIOLATION, a file pending deletion STATUS_DELETE_PENDING.
 * It leaves when it closes (kcifsd_share_leave()); an open with
 * delete-on-close makes the file delete-pending then, and the last open
 * to leave a delete-pending file removes it, then calls
 * kcifsd_share_deleted(): until then new opens still see DELETE_PENDING.
 *
 * KUnit: tests/kunit/sharemode_test.c.
 */
#ifndef _KCIFSD_SHAREMODE_H
#define _KCIFSD_SHAREMODE_H

#include <linux/fs.h>
#include <linux/list.h>
#include <linux/types.h>

struct kcifsd_file_state;
struct kcifsd_brl_file;

/**
 * struct kcifsd_share_entry - one open's part in a file's sharing
 * @node: entry in the file state's list of opens
 * @access: the open's granted access (MS-CIFS 2.2.4.64.1 bits)
 * @share: its ShareAccess (FILE_SHARE_*)
 * @compat: a DOS compatibility-mode open (MS-CIFS 3.2.4.5.1)
 * @owner: the connection that made a compatibility-mode open: opens in
 *	compatibility mode from one connection never conflict
 * @delete_on_close: FILE_DELETE_ON_CLOSE: the file becomes delete-pending
 *	when this open leaves
 */
struct kcifsd_share_entry {
	struct list_head node;
	u32 access;
	u32 share;
	bool compat;
	const void *owner;
	bool delete_on_close;
};

bool kcifsd_share_conflict(const struct kcifsd_share_entry *held,
			   const struct kcifsd_share_entry *want);
u32 kcifsd_share_join(struct inode *inode, struct kcifsd_share_entry *entry,
		      struct kcifsd_file_state **state);
bool kcifsd_share_leave(struct kcifsd_file_state *state,
			struct kcifsd_share_entry *entry);
void kcifsd_share_deleted(struct kcifsd_file_state *state);
void kcifsd_share_set_delete_pending(struct kcifsd_file_state *state,
				     bool pending);
bool kcifsd_share_delete_pending(struct kcifsd_file_state *state);
bool kcifsd_share_others(struct kcifsd_file_state *state,
			 const struct kcifsd_share_entry *entry);
bool kcifsd_share_open_beneath(struct dentry *dir);
bool kcifsd_share_inode_delete_pending(struct inode *inode);
struct kcifsd_brl_file *kcifsd_share_brl(struct kcifsd_file_state *state);

#endif /* _KCIFSD_SHAREMODE_H */
