// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOS attributes and creation times in an extended attribute; the format
 * is described in fs/dosattr.h. This is the one place the server reads or
 * writes it; everything else goes through fs/vfs.c.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mount.h>
#include <linux/xattr.h>

#include "fs/dosattr.h"
#include "fs/fileinfo.h"
#include "fs/ntstatus.h"
#include "fs/tree.h"
#include "fs/vfs.h"

/*
 * The stored value, or false if there is none (or it is not ours). Read
 * without permission checks: attributes are metadata any user who can
 * see the file may see, as with stat().
 */
static bool dosattr_read(const struct path *path,
			 struct kcifsd_dosattr_xattr *x)
{
	struct dentry *d = path->dentry;
	ssize_t n;

	n = __vfs_getxattr(d, d_inode(d), KCIFSD_DOSATTR_XATTR, x,
			   sizeof(*x));
	return n == sizeof(*x) && x->version == KCIFSD_DOSATTR_VERSION;
}

/**
 * kcifsd_dosattr_get() - the DOS attributes and creation time of a file
 * @path: the file
 * @st: its attributes (kcifsd_vfs_getattr())
 * @da: filled in
 *
 * DIRECTORY and READONLY come from @st; HIDDEN, SYSTEM, ARCHIVE,
 * TEMPORARY and SPARSE_FILE from the stored attribute, or ARCHIVE for a regular file
 * without one; NORMAL when nothing is set (MS-CIFS 2.2.1.2.3: valid only
 * alone). The creation time is the stored one, else what fs/fileinfo.c
 * makes of @st.
 */
void kcifsd_dosattr_get(const struct path *path, const struct kstat *st,
			struct kcifsd_dosattr *da)
{
	struct kcifsd_dosattr_xattr x;
	struct kcifsd_times times;
	u32 attrs;

	kcifsd_stat_times(st, &times);
	attrs = kcifsd_stat_attrs(st) & ~SMB_ATTR_NORMAL;
	da->create_time = times.create;
	if (dosattr_read(path, &x)) {
		attrs &= ~KCIFSD_DOSATTR_STORED;
		attrs |= le32_to_cpu(x.attrs) & KCIFSD_DOSATTR_STORED;
		if (x.flags & KCIFSD_DOSATTR_F_CREATE)
			da->create_time = le64_to_cpu(x.create_time);
	}
	da->attrs = attrs ? attrs : SMB_ATTR_NORMAL;
}

/* Write the attribute, as the server, once the user's right is checked. */
static u32 dosattr_store(const struct kcifsd_tree *tree,
			 const struct path *path,
			 const struct kcifsd_dosattr_xattr *x)
{
	int err;

	err = mnt_want_write(path->mnt);
	if (err)
		return kcifsd_vfs_status(err);
	err = vfs_setxattr(mnt_user_ns(path->mnt), path->dentry,
			   KCIFSD_DOSATTR_XATTR, x, sizeof(*x), 0);
	mnt_drop_write(path->mnt);
	if (err == -EOPNOTSUPP)
		pr_info_ratelimited("share %s: no user extended attributes: DOS attributes cannot be kept\n",
				    tree->share);
	return kcifsd_vfs_status(err);
}

/**
 * kcifsd_dosattr_set() - change the DOS attributes or creation time
 * @tree: the tree connect
 * @path: the file
 * @st: its current attributes
 * @attrs: the new SMB_EXT_FILE_ATTR, or 0 for no change (MS-CIFS
 *	2.2.8.4.2: "0 means no change"); NORMAL alone clears them all
 * @create_time: the new creation time, or 0 for no change
 *
 * Windows lets whoever may write a file's attributes change them: here
 * its owner, or a user who may write it, on a writable tree. READONLY
 * becomes the permission bits (fs/fileinfo.c), the stored bits and the
 * creation time the extended attribute, written only when they differ
 * from what is reported now.
 *
 * Return: STATUS_SUCCESS, STATUS_ACCESS_DENIED, STATUS_NOT_SUPPORTED (no
 * user extended attributes) or another error status.
 */
u32 kcifsd_dosattr_set(const struct kcifsd_tree *tree,
		       const struct path *path, const struct kstat *st,
		       u32 attrs, u64 create_time)
{
	struct kcifsd_dosattr_xattr x = { .version = KCIFSD_DOSATTR_VERSION };
	struct kcifsd_dosattr cur;
	struct iattr ia = {};
	u32 status;

	if (!attrs && !create_time)
		return STATUS_SUCCESS;
	if (tree->read_only)
		return STATUS_ACCESS_DENIED;
	if (!kcifsd_vfs_is_owner(tree, path) &&
	    kcifsd_vfs_may(tree, path, MAY_WRITE))
		return STATUS_ACCESS_DENIED;

	kcifsd_dosattr_get(path, st, &cur);
	if (attrs) {
		attrs &= ~SMB_ATTR_NORMAL;
		ia.ia_mode = kcifsd_attrs_mode(attrs, st->mode);
		if ((ia.ia_mode & 07777) != (st->mode & 07777)) {
			ia.ia_valid = ATTR_MODE;
			ia.ia_mode = (st->mode & S_IFMT) | (ia.ia_mode & 07777);
			status = kcifsd_vfs_setattr(tree, path, &ia);
			if (status)
				return status;
		}
	} else {
		attrs = cur.attrs;
	}
	if (!create_time)
		create_time = cur.create_time;

	/* SPARSE_FILE is FSCTL_SET_SPARSE's alone. */
	attrs = (attrs & KCIFSD_DOSATTR_SETTABLE) |
		(cur.attrs & SMB_ATTR_SPARSE_FILE);
	if (attrs == (cur.attrs & KCIFSD_DOSATTR_STORED) &&
	    create_time == cur.create_time)
		return STATUS_SUCCESS;
	x.attrs = cpu_to_le32(attrs);
	x.flags = KCIFSD_DOSATTR_F_CREATE;
	x.create_time = cpu_to_le64(create_time);
	return dosattr_store(tree, path, &x);
}

/**
 * kcifsd_dosattr_set_sparse() - set or clear SPARSE_FILE (FSCTL_SET_SPARSE)
 * @tree: the tree connect
 * @path: the file
 * @st: its current attributes
 * @sparse: the new state
 *
 * The caller has checked the open's access (MS-FSA FSCTL_SET_SPARSE); only
 * the stored bit changes, the other attributes and the creation time
 * are written back as they are reported now.
 *
 * Return: STATUS_SUCCESS, STATUS_ACCESS_DENIED (a read-only tree),
 * STATUS_NOT_SUPPORTED (no user extended attributes) or another error
 * status.
 */
u32 kcifsd_dosattr_set_sparse(const struct kcifsd_tree *tree,
			      const struct path *path, const struct kstat *st,
			      bool sparse)
{
	struct kcifsd_dosattr_xattr x = { .version = KCIFSD_DOSATTR_VERSION };
	struct kcifsd_dosattr cur;

	if (tree->read_only)
		return STATUS_ACCESS_DENIED;
	kcifsd_dosattr_get(path, st, &cur);
	if (!!(cur.attrs & SMB_ATTR_SPARSE_FILE) == sparse)
		return STATUS_SUCCESS;
	x.attrs = cpu_to_le32((cur.attrs & KCIFSD_DOSATTR_SETTABLE) |
			      (sparse ? SMB_ATTR_SPARSE_FILE : 0));
	x.flags = KCIFSD_DOSATTR_F_CREATE;
	x.create_time = cpu_to_le64(cur.create_time);
	return dosattr_store(tree, path, &x);
}
