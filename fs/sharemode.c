// SPDX-License-Identifier: GPL-2.0-only
/*
 * Share modes and delete-pending state shared by every connection; see
 * fs/sharemode.h.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/dcache.h>
#include <linux/hashtable.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "fs/access.h"
#include "fs/brlock.h"
#include "fs/ntstatus.h"
#include "fs/sharedelay.h"
#include "fs/sharemode.h"

/* Rights that take part in sharing (MS-FSA 2.1.5.1.2.2). */
#define SHARED_RIGHTS	(KCIFSD_ACCESS_READ | KCIFSD_ACCESS_WRITE | DELETE)

/**
 * struct kcifsd_file_state - the SMB view of one open file
 * @hnode: entry in share_table, keyed by @inode
 * @inode: the inode (pinned by the opens' struct file)
 * @opens: the struct kcifsd_share_entry of every open
 * @delete_pending: File.DeletePending (MS-FSA 2.1.1.5)
 * @deleting: the last open left a delete-pending file and is removing it
 * @brl: the file's byte-range locks (fs/brlock.h): every open takes its
 *	locks out before it leaves
 */
struct kcifsd_file_state {
	struct hlist_node hnode;
	const struct inode *inode;
	struct list_head opens;
	bool delete_pending;
	bool deleting;
	struct kcifsd_brl_file brl;
};

static DEFINE_HASHTABLE(share_table, 10);
static DEFINE_SPINLOCK(share_lock);

/*
 * The compatibility-mode rules of MS-CIFS 3.2.4.5.1: compatibility opens
 * of one connection never conflict with each other; from different
 * connections, a compatibility open for writing excludes every other
 * open, one for reading admits only more compatibility reads; and
 * compatibility mode never mixes with a sharing mode.
 */
static bool share_compat_conflict(const struct kcifsd_share_entry *held,
				  const struct kcifsd_share_entry *want)
{
	if (held->compat != want->compat)
		return true;
	if (held->owner == want->owner)
		return false;
	return (held->access | want->access) & KCIFSD_ACCESS_WRITE;
}

/**
 * kcifsd_share_conflict() - may an open join a file another open holds?
 * @held: an open of the file
 * @want: the open being made
 *
 * MS-FSA 2.1.5.1.2.2: each open's reading (FILE_READ_DATA,
 * FILE_EXECUTE), writing (FILE_WRITE_DATA, FILE_APPEND_DATA) and DELETE
 * must be shared by the other. An open with none of those rights (for
 * attributes only) takes no part in sharing at all. Compatibility-mode
 * opens follow share_compat_conflict().
 *
 * Return: true if the two opens conflict (STATUS_SHARING_VIOLATION).
 */
bool kcifsd_share_conflict(const struct kcifsd_share_entry *held,
			   const struct kcifsd_share_entry *want)
{
	if (!(held->access & SHARED_RIGHTS) || !(want->access & SHARED_RIGHTS))
		return false;
	if (held->compat || want->compat)
		return share_compat_conflict(held, want);
	if ((held->access & KCIFSD_ACCESS_READ) &&
	    !(want->share & FILE_SHARE_READ))
		return true;
	if ((held->access & KCIFSD_ACCESS_WRITE) &&
	    !(want->share & FILE_SHARE_WRITE))
		return true;
	if ((held->access & DELETE) && !(want->share & FILE_SHARE_DELETE))
		return true;
	if ((want->access & KCIFSD_ACCESS_READ) &&
	    !(held->share & FILE_SHARE_READ))
		return true;
	if ((want->access & KCIFSD_ACCESS_WRITE) &&
	    !(held->share & FILE_SHARE_WRITE))
		return true;
	if ((want->access & DELETE) && !(held->share & FILE_SHARE_DELETE))
		return true;
	return false;
}

static struct kcifsd_file_state *share_find(const struct inode *inode)
{
	struct kcifsd_file_state *state;

	hash_for_each_possible(share_table, state, hnode, (unsigned long)inode)
		if (state->inode == inode)
			return state;
	return NULL;
}

/**
 * kcifsd_share_join() - add an open to a file's sharing state
 * @inode: the file's inode
 * @entry: the open's entry (access, share, compat, owner, delete_on_close)
 * @state: the file's state on success, for kcifsd_share_leave()
 *
 * Return: STATUS_SUCCESS, STATUS_SHARING_VIOLATION,
 * STATUS_DELETE_PENDING or STATUS_NO_MEMORY.
 */
u32 kcifsd_share_join(struct inode *inode, struct kcifsd_share_entry *entry,
		      struct kcifsd_file_state **state)
{
	struct kcifsd_file_state *fresh, *st;
	struct kcifsd_share_entry *held;
	u32 status = STATUS_SUCCESS;

	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return STATUS_NO_MEMORY;

	spin_lock(&share_lock);
	st = share_find(inode);
	if (!st) {
		st = fresh;
		fresh = NULL;
		st->inode = inode;
		INIT_LIST_HEAD(&st->opens);
		kcifsd_brl_init(&st->brl);
		hash_add(share_table, &st->hnode, (unsigned long)inode);
	}
	if (st->delete_pending || st->deleting) {
		status = STATUS_DELETE_PENDING;
		goto out;
	}
	list_for_each_entry(held, &st->opens, node) {
		if (kcifsd_share_conflict(held, entry)) {
			status = STATUS_SHARING_VIOLATION;
			goto out;
		}
	}
	list_add_tail(&entry->node, &st->opens);
	*state = st;
out:
	if (status && list_empty(&st->opens) && !st->deleting) {
		hash_del(&st->hnode);
		fresh = st;
	}
	spin_unlock(&share_lock);
	kfree(fresh);
	return status;
}

/**
 * kcifsd_share_leave() - remove an open from its file's sharing state
 * @state: the file's state
 * @entry: the open's entry, as joined
 *
 * An entry with delete_on_close makes the file delete-pending. When the
 * last open leaves a delete-pending file, the caller must remove the file
 * and then call kcifsd_share_deleted() (whatever the removal's outcome);
 * otherwise the state is gone when this returns.
 *
 * Return: true if the caller must remove the file now.
 */
bool kcifsd_share_leave(struct kcifsd_file_state *state,
			struct kcifsd_share_entry *entry)
{
	const struct inode *inode = state->inode;
	bool remove = false, gone = false;

	spin_lock(&share_lock);
	list_del_init(&entry->node);
	if (entry->delete_on_close)
		state->delete_pending = true;
	if (list_empty(&state->opens)) {
		if (state->delete_pending) {
			state->deleting = true;
			state->delete_pending = false;
			remove = true;
		} else {
			hash_del(&state->hnode);
			gone = true;
		}
	}
	spin_unlock(&share_lock);
	if (gone)
		kfree(state);
	/* Opens waiting out a sharing violation try again (after removal). */
	if (!remove)
		kcifsd_share_defer_kick(inode);
	return remove;
}

/**
 * kcifsd_share_deleted() - the removal kcifsd_share_leave() asked for is
 *	done (or failed); the file's state goes away
 * @state: the file's state
 */
void kcifsd_share_deleted(struct kcifsd_file_state *state)
{
	const struct inode *inode = state->inode;

	spin_lock(&share_lock);
	hash_del(&state->hnode);
	spin_unlock(&share_lock);
	kfree(state);
	kcifsd_share_defer_kick(inode);
}

/**
 * kcifsd_share_set_delete_pending() - set or clear File.DeletePending
 * @state: the file's state, held through an open
 * @pending: the new value (FILE_DISPOSITION_INFORMATION, MS-FSCC 2.4.11)
 */
void kcifsd_share_set_delete_pending(struct kcifsd_file_state *state,
				     bool pending)
{
	spin_lock(&share_lock);
	state->delete_pending = pending;
	spin_unlock(&share_lock);
}

/**
 * kcifsd_share_delete_pending() - is the file pending deletion?
 * @state: the file's state, held through an open
 *
 * Return: File.DeletePending (FILE_STANDARD_INFORMATION.DeletePending).
 */
bool kcifsd_share_delete_pending(struct kcifsd_file_state *state)
{
	bool pending;

	spin_lock(&share_lock);
	pending = state->delete_pending;
	spin_unlock(&share_lock);
	return pending;
}

/**
 * kcifsd_share_others() - does anyone else have the file open?
 * @state: the file's state, held through an open
 * @entry: that open's entry
 *
 * Return: true if another open than @entry is in the state.
 */
bool kcifsd_share_others(struct kcifsd_file_state *state,
			 const struct kcifsd_share_entry *entry)
{
	struct kcifsd_share_entry *e;
	bool others = false;

	spin_lock(&share_lock);
	list_for_each_entry(e, &state->opens, node)
		if (e != entry)
			others = true;
	spin_unlock(&share_lock);
	return others;
}

/**
 * kcifsd_share_open_beneath() - is a file beneath a directory open?
 * @dir: the directory
 *
 * For renaming a directory, which Windows refuses while anything below
 * it is open. Opens of @dir itself do not count (they are checked as
 * sharing). Walks every open file's names: O(open files).
 *
 * Return: true if some open file or directory lies beneath @dir.
 */
bool kcifsd_share_open_beneath(struct dentry *dir)
{
	struct kcifsd_file_state *state;
	struct inode *inode;
	struct dentry *alias;
	unsigned int bkt;
	bool found = false;

	spin_lock(&share_lock);
	hash_for_each(share_table, bkt, state, hnode) {
		if (list_empty(&state->opens))
			continue;
		/* The opens pin the inode; its names are stable under i_lock. */
		inode = (struct inode *)state->inode;
		spin_lock(&inode->i_lock);
		hlist_for_each_entry(alias, &inode->i_dentry, d_u.d_alias) {
			if (alias != dir && is_subdir(alias, dir)) {
				found = true;
				break;
			}
		}
		spin_unlock(&inode->i_lock);
		if (found)
			break;
	}
	spin_unlock(&share_lock);
	return found;
}

/**
 * kcifsd_share_inode_delete_pending() - is a file pending deletion?
 * @inode: the file, reached by name rather than through an open
 *
 * For operations by path (QUERY_PATH_INFORMATION and the like), which
 * Windows answers with STATUS_DELETE_PENDING for such a file.
 *
 * Return: true if the file is delete-pending or being removed.
 */
bool kcifsd_share_inode_delete_pending(struct inode *inode)
{
	struct kcifsd_file_state *state;
	bool pending = false;

	spin_lock(&share_lock);
	state = share_find(inode);
	if (state)
		pending = state->delete_pending || state->deleting;
	spin_unlock(&share_lock);
	return pending;
}

/**
 * kcifsd_share_brl() - the byte-range locks of a file
 * @state: the file's state, held through an open
 *
 * Return: its lock table (fs/brlock.h).
 */
struct kcifsd_brl_file *kcifsd_share_brl(struct kcifsd_file_state *state)
{
	return &state->brl;
}
