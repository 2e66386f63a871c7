// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VFS operations only the CIFS UNIX extensions need: make a symlink
 * or a special file, read a symlink. They keep fs/vfs.h's promises: the
 * directory a new node goes in is resolved beneath the share root by
 * kcifsd_vfs_lookup(), everything runs with the tree's credentials (so
 * the kernel decides who may make a device node: CAP_MKNOD, which no
 * client's credentials carry), nothing is changed under a read-only
 * tree.
 *
 * A symlink's target is stored as the client sent it: it is only data
 * until something resolves it, and every resolution on the server goes
 * through kcifsd_vfs_lookup() (LOOKUP_BENEATH), where a target that
 * leaves the share fails.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/delayed_call.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fs/ntstatus.h"
#include "fs/tree.h"
#include "fs/unix_vfs.h"
#include "fs/vfs.h"

/**
 * kcifsd_vfs_mknod() - make a symlink, FIFO, socket or device node
 * @tree: the tree connect
 * @name: a normalised name, not the root; it must not exist
 * @mode: S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR or S_IFBLK with the
 *	permission bits (the share's create mask applies)
 * @dev: the device number, for S_IFCHR and S_IFBLK
 * @target: the symlink's target, for S_IFLNK
 *
 * Return: STATUS_SUCCESS, STATUS_OBJECT_NAME_COLLISION, or another error
 * status (STATUS_ACCESS_DENIED for a device node without CAP_MKNOD).
 */
u32 kcifsd_vfs_mknod(const struct kcifsd_tree *tree, const char *name,
		     umode_t mode, dev_t dev, const char *target)
{
	struct user_namespace *userns;
	const char *slash, *last;
	const struct cred *old;
	struct dentry *dentry;
	struct path parent;
	struct inode *dir;
	char *pname;
	u32 status;
	int err;

	if (tree->read_only)
		return STATUS_ACCESS_DENIED;
	if (!*name)
		return STATUS_OBJECT_NAME_COLLISION;
	slash = strrchr(name, '/');
	last = slash ? slash + 1 : name;
	pname = kstrndup(name, slash ? slash - name : 0, GFP_KERNEL);
	if (!pname)
		return STATUS_NO_MEMORY;
	status = kcifsd_vfs_lookup(tree, pname, KCIFSD_VFS_DIRECTORY, &parent);
	kfree(pname);
	if (status == STATUS_OBJECT_NAME_NOT_FOUND)
		status = STATUS_OBJECT_PATH_NOT_FOUND;
	if (status)
		return status;

	old = override_creds(kcifsd_tree_cred(tree));
	userns = mnt_user_ns(parent.mnt);
	dir = d_inode(parent.dentry);
	err = mnt_want_write(parent.mnt);
	if (err)
		goto out;
	inode_lock_nested(dir, I_MUTEX_PARENT);
	dentry = lookup_one(userns, last, parent.dentry, strlen(last));
	if (IS_ERR(dentry)) {
		err = PTR_ERR(dentry);
		goto out_unlock;
	}
	if (d_is_positive(dentry))
		err = -EEXIST;
	else if (S_ISLNK(mode))
		err = vfs_symlink(userns, dir, dentry, target);
	else
		err = vfs_mknod(userns, dir, dentry,
				(mode & S_IFMT) | (mode & tree->create_mask & 07777),
				dev);
	dput(dentry);
out_unlock:
	inode_unlock(dir);
	mnt_drop_write(parent.mnt);
out:
	revert_creds(old);
	path_put(&parent);
	return kcifsd_vfs_status(err);
}

/**
 * kcifsd_vfs_readlink() - the target of a symlink, as stored
 * @tree: the tree connect
 * @path: the symlink (kcifsd_vfs_lookup() with KCIFSD_VFS_NOFOLLOW)
 * @out: the target, NUL-terminated (kmalloc'ed, kfree() it)
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER if @path is not a
 * symlink, or another error status.
 */
u32 kcifsd_vfs_readlink(const struct kcifsd_tree *tree,
			const struct path *path, char **out)
{
	DEFINE_DELAYED_CALL(done);
	const struct cred *old;
	const char *link;
	u32 status = STATUS_SUCCESS;

	if (!d_is_symlink(path->dentry))
		return STATUS_INVALID_PARAMETER;
	old = override_creds(kcifsd_tree_cred(tree));
	link = vfs_get_link(path->dentry, &done);
	if (IS_ERR(link)) {
		status = kcifsd_vfs_status(PTR_ERR(link));
	} else {
		*out = kstrndup(link, PATH_MAX, GFP_KERNEL);
		if (!*out)
			status = STATUS_NO_MEMORY;
	}
	do_delayed_call(&done);
	revert_creds(old);
	return status;
}
