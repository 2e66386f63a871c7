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
#include <linux/string.h>
#include <linux/time64.h>
#include <linux/xattr.h>

#include "fs/dosattr.h"
#include "fs/fileinfo.h"
#include "fs/ntstatus.h"
#include "fs/tree.h"
#include "fs/vfs.h"

/**
 * kcifsd_dosattr_decode() - read a value of KCIFSD_DOSATTR_XATTR
 * @buf: the value
 * @len: its length, or a negative errno from the read
 * @v: filled in on success
 *
 * Version 2 (32 bytes) and version 1 (16 bytes, no ChangeTime) values
 * are read; anything else is not ours.
 *
 * Return: true if @buf holds a value kcifsd wrote.
 */
bool kcifsd_dosattr_decode(const void *buf, ssize_t len,
			   struct kcifsd_dosattr_value *v)
{
	const struct kcifsd_dosattr_xattr *x = buf;

	memset(v, 0, sizeof(*v));
	if (len == KCIFSD_DOSATTR_V1_SIZE && x->version == KCIFSD_DOSATTR_V1) {
		v->flags = x->flags & KCIFSD_DOSATTR_F_CREATE;
	} else if (len == sizeof(*x) && x->version == KCIFSD_DOSATTR_VERSION) {
		v->flags = x->flags & (KCIFSD_DOSATTR_F_CREATE |
				       KCIFSD_DOSATTR_F_CHANGE);
		v->change_time = le64_to_cpu(x->change_time);
		v->ctime_ns = (s64)le64_to_cpu(x->ctime_ns);
	} else {
		return false;
	}
	v->attrs = le32_to_cpu(x->attrs);
	v->create_time = le64_to_cpu(x->create_time);
	return true;
}

/**
 * kcifsd_dosattr_encode() - a value of KCIFSD_DOSATTR_XATTR
 * @v: the fields
 * @x: filled in
 *
 * Version 1 (16 bytes) when no ChangeTime is kept, so that a module
 * that reads only version 1 still finds the attributes and creation
 * time after a downgrade; version 2 (32 bytes) with a ChangeTime.
 *
 * Return: the length of the value in @x, KCIFSD_DOSATTR_V1_SIZE or
 * sizeof(*x).
 */
size_t kcifsd_dosattr_encode(const struct kcifsd_dosattr_value *v,
			     struct kcifsd_dosattr_xattr *x)
{
	memset(x, 0, sizeof(*x));
	x->attrs = cpu_to_le32(v->attrs);
	x->create_time = cpu_to_le64(v->create_time);
	if (!(v->flags & KCIFSD_DOSATTR_F_CHANGE)) {
		x->version = KCIFSD_DOSATTR_V1;
		x->flags = v->flags & KCIFSD_DOSATTR_F_CREATE;
		return KCIFSD_DOSATTR_V1_SIZE;
	}
	x->version = KCIFSD_DOSATTR_VERSION;
	x->flags = v->flags & (KCIFSD_DOSATTR_F_CREATE |
			       KCIFSD_DOSATTR_F_CHANGE);
	x->change_time = cpu_to_le64(v->change_time);
	x->ctime_ns = cpu_to_le64((u64)v->ctime_ns);
	return sizeof(*x);
}

/**
 * kcifsd_dosattr_change_time() - the ChangeTime to report
 * @v: the stored value
 * @ctime: the inode change time now
 *
 * Return: the ChangeTime a client set while @ctime is still the one
 * recorded with it (nothing changed the file since), else @ctime.
 */
u64 kcifsd_dosattr_change_time(const struct kcifsd_dosattr_value *v,
			       const struct timespec64 *ctime)
{
	if ((v->flags & KCIFSD_DOSATTR_F_CHANGE) &&
	    timespec64_to_ns(ctime) == v->ctime_ns)
		return v->change_time;
	return kcifsd_filetime(ctime);
}

/*
 * The stored value, or false if there is none (or it is not ours). Read
 * without permission checks: attributes are metadata any user who can
 * see the file may see, as with stat().
 */
static bool dosattr_read(const struct path *path,
			 struct kcifsd_dosattr_value *v)
{
	struct kcifsd_dosattr_xattr x;
	struct dentry *d = path->dentry;
	ssize_t n;

	n = __vfs_getxattr(d, d_inode(d), KCIFSD_DOSATTR_XATTR, &x,
			   sizeof(x));
	return kcifsd_dosattr_decode(&x, n, v);
}

/**
 * kcifsd_dosattr_get() - the DOS attributes and kept times of a file
 * @path: the file
 * @st: its attributes (kcifsd_vfs_getattr())
 * @da: filled in
 *
 * DIRECTORY and READONLY come from @st; HIDDEN, SYSTEM, ARCHIVE,
 * TEMPORARY and SPARSE_FILE from the stored attribute, or ARCHIVE for a regular file
 * without one; NORMAL when nothing is set (MS-CIFS 2.2.1.2.3: valid only
 * alone). The creation time is the stored one, else what fs/fileinfo.c
 * makes of @st; the ChangeTime as kcifsd_dosattr_change_time() says.
 */
void kcifsd_dosattr_get(const struct path *path, const struct kstat *st,
			struct kcifsd_dosattr *da)
{
	struct kcifsd_dosattr_value v;
	struct kcifsd_times times;
	u32 attrs;

	kcifsd_stat_times(st, &times);
	attrs = kcifsd_stat_attrs(st) & ~SMB_ATTR_NORMAL;
	da->create_time = times.create;
	da->change_time = times.change;
	da->kept = 0;
	if (dosattr_read(path, &v)) {
		attrs &= ~KCIFSD_DOSATTR_STORED;
		attrs |= v.attrs & KCIFSD_DOSATTR_STORED;
		if (v.flags & KCIFSD_DOSATTR_F_CREATE)
			da->create_time = v.create_time;
		da->kept = v.flags & KCIFSD_DOSATTR_F_CREATE;
		da->change_time = kcifsd_dosattr_change_time(&v, &st->ctime);
	}
	da->attrs = attrs ? attrs : SMB_ATTR_NORMAL;
}

/*
 * Errors the client is answered with and its user can cause or mend (a
 * full disk or quota, a file it may not change): not the admin's
 * concern, so not warned about.
 */
static bool dosattr_err_is_clients(int err)
{
	return err == -ENOSPC || err == -EDQUOT || err == -EPERM ||
	       err == -EACCES || err == -EROFS;
}

/* Up to this many writes for a ChangeTime to be recorded (see below). */
#define DOSATTR_STORE_TRIES	3

/*
 * Write the attribute, as the server, once the user's right is checked.
 * With a ChangeTime, the inode change time the write itself leaves must
 * be in it: the write is made with the time it is expected to leave
 * (current_time(), what ext4, xfs and btrfs stamp), then the inode is
 * read; if its change time is another (a clock tick passed, or the file
 * system keeps it), the write is made again with that one. What still
 * differs after DOSATTR_STORE_TRIES writes is a change by someone else
 * meanwhile, which rightly makes the inode change time the one reported.
 *
 * @optional: only a ChangeTime is new, which a file system without user
 * extended attributes simply does not keep (kcifsd_dosattr_set_times()):
 * Linux clients send one with every utimes(2), so that is not logged
 * but at debug level. A refused attribute or creation time is logged,
 * and so is any other error but those the client's user caused.
 */
static u32 dosattr_store(const struct kcifsd_tree *tree,
			 const struct path *path,
			 struct kcifsd_dosattr_value *v, bool optional)
{
	struct kcifsd_dosattr_xattr x;
	struct timespec64 now;
	struct kstat st;
	u32 status = STATUS_SUCCESS;
	size_t len;
	int err, i;

	err = mnt_want_write(path->mnt);
	if (err)
		return kcifsd_vfs_status(err);
	if (v->flags & KCIFSD_DOSATTR_F_CHANGE) {
		now = current_time(d_inode(path->dentry));
		v->ctime_ns = timespec64_to_ns(&now);
	}
	for (i = 0; i < DOSATTR_STORE_TRIES; i++) {
		len = kcifsd_dosattr_encode(v, &x);
		err = vfs_setxattr(mnt_user_ns(path->mnt), path->dentry,
				   KCIFSD_DOSATTR_XATTR, &x, len, 0);
		if (err || !(v->flags & KCIFSD_DOSATTR_F_CHANGE))
			break;
		status = kcifsd_vfs_getattr(tree, path, &st);
		if (status || timespec64_to_ns(&st.ctime) == v->ctime_ns)
			break;
		v->ctime_ns = timespec64_to_ns(&st.ctime);
	}
	mnt_drop_write(path->mnt);
	if (err == -EOPNOTSUPP && optional)
		pr_debug_ratelimited("share %s: no user extended attributes: ChangeTime not kept\n",
				     tree->share);
	else if (err == -EOPNOTSUPP)
		pr_info_ratelimited("share %s: no user extended attributes: DOS attributes cannot be kept\n",
				    tree->share);
	else if (dosattr_err_is_clients(err))
		pr_debug_ratelimited("share %s: %s not written: error %d\n",
				     tree->share, KCIFSD_DOSATTR_XATTR, err);
	else if (err)
		pr_warn_ratelimited("share %s: %s not written: error %d\n",
				    tree->share, KCIFSD_DOSATTR_XATTR, err);
	return err ? kcifsd_vfs_status(err) : status;
}

/*
 * The creation time to store: the new one, or the one kept before. One
 * derived from the inode's times (no birth time) is not stored with
 * other changes: it would freeze there, and an older LastWriteTime set
 * later would no longer move it.
 */
static void dosattr_keep_create(struct kcifsd_dosattr_value *v,
				const struct kcifsd_dosattr *cur,
				u64 create_time)
{
	if (create_time || (cur->kept & KCIFSD_DOSATTR_F_CREATE)) {
		v->flags |= KCIFSD_DOSATTR_F_CREATE;
		v->create_time = create_time ? create_time : cur->create_time;
	}
}

/**
 * kcifsd_dosattr_set_times() - change the DOS attributes, creation time
 *	or ChangeTime
 * @tree: the tree connect
 * @path: the file
 * @st: its current attributes
 * @attrs: the new SMB_EXT_FILE_ATTR, or 0 for no change (MS-CIFS
 *	2.2.8.4.2: "0 means no change"); NORMAL alone clears them all
 * @create_time: the new creation time, or 0 for no change
 * @change_time: the new ChangeTime, or 0 for none
 *
 * Windows lets whoever may write a file's attributes change them: here
 * its owner, or a user who may write it, on a writable tree. READONLY
 * becomes the permission bits (fs/fileinfo.c), the stored bits and the
 * creation time the extended attribute, written only when they differ
 * from what is reported now or a ChangeTime is given. The ChangeTime is
 * stored last, after the mode, so that it is the one the file reads
 * back; a write without one drops the one set before (fs/dosattr.h).
 * A creation time derived from the inode stays derived.
 *
 * Return: STATUS_SUCCESS, STATUS_ACCESS_DENIED, STATUS_NOT_SUPPORTED (no
 * user extended attributes) or another error status.
 */
u32 kcifsd_dosattr_set_times(const struct kcifsd_tree *tree,
			     const struct path *path, const struct kstat *st,
			     u32 attrs, u64 create_time, u64 change_time)
{
	struct kcifsd_dosattr_value v = {};
	struct kcifsd_dosattr cur;
	struct iattr ia = {};
	bool same;
	u32 status;

	if (!attrs && !create_time && !change_time)
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
	/* SPARSE_FILE is FSCTL_SET_SPARSE's alone. */
	attrs = (attrs & KCIFSD_DOSATTR_SETTABLE) |
		(cur.attrs & SMB_ATTR_SPARSE_FILE);
	same = attrs == (cur.attrs & KCIFSD_DOSATTR_STORED) &&
	       (!create_time || create_time == cur.create_time);
	if (!change_time && same)
		return STATUS_SUCCESS;
	v.attrs = attrs;
	dosattr_keep_create(&v, &cur, create_time);
	if (change_time) {
		v.flags |= KCIFSD_DOSATTR_F_CHANGE;
		v.change_time = change_time;
	}
	status = dosattr_store(tree, path, &v, same);
	/*
	 * A file system with no place for it (no user extended attributes:
	 * tmpfs on 6.1) keeps no ChangeTime, as FAT keeps none on Windows:
	 * the set succeeds, the inode's change time stays the one reported.
	 * Linux clients send a ChangeTime with every utimes(2) and chmod(2)
	 * on a nounix mount.
	 */
	if (status == STATUS_NOT_SUPPORTED && same)
		return STATUS_SUCCESS;
	return status;
}
/**
 * kcifsd_dosattr_set_sparse() - set or clear SPARSE_FILE (FSCTL_SET_SPARSE)
 * @tree: the tree connect
 * @path: the file
 * @st: its current attributes
 * @sparse: the new state
 *
 * The caller has checked the open's access (MS-FSA FSCTL_SET_SPARSE); only
 * the stored bit changes, the other attributes and a kept creation time
 * are written back as they are reported now; a ChangeTime set before is
 * dropped (an attribute changed).
 *
 * Return: STATUS_SUCCESS, STATUS_ACCESS_DENIED (a read-only tree),
 * STATUS_NOT_SUPPORTED (no user extended attributes) or another error
 * status.
 */
u32 kcifsd_dosattr_set_sparse(const struct kcifsd_tree *tree,
			      const struct path *path, const struct kstat *st,
			      bool sparse)
{
	struct kcifsd_dosattr_value v = {};
	struct kcifsd_dosattr cur;

	if (tree->read_only)
		return STATUS_ACCESS_DENIED;
	kcifsd_dosattr_get(path, st, &cur);
	if (!!(cur.attrs & SMB_ATTR_SPARSE_FILE) == sparse)
		return STATUS_SUCCESS;
	v.attrs = (cur.attrs & KCIFSD_DOSATTR_SETTABLE) |
		  (sparse ? SMB_ATTR_SPARSE_FILE : 0);
	dosattr_keep_create(&v, &cur, 0);
	return dosattr_store(tree, path, &v, false);
}
