// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one door to the VFS: name resolution beneath the share root, opens,
 * creates, removes, renames, attributes, directory scans and the file
 * data path (page-cache pages by reference for reads, one copy into the
 * page cache for writes). The promises it keeps are listed in fs/vfs.h.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/pipe_fs_i.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/splice.h>
#include <linux/string.h>
#include <linux/uio.h>

#include "fs/ntstatus.h"
#include "fs/path.h"
#include "fs/tree.h"
#include "fs/vfs.h"

/*
 * Every lookup stays beneath the root and on its mount; magic links
 * (/proc/self/fd/N) are refused too (LOOKUP_BENEATH already refuses
 * them, this says so).
 */
#define VFS_SCOPE	(LOOKUP_BENEATH | LOOKUP_NO_XDEV | LOOKUP_NO_MAGICLINKS)

/*
 * A scoped lookup fails with -EAGAIN when a rename or mount elsewhere
 * raced with a "..": it could not prove it stayed beneath the root. Try
 * again a few times before giving up.
 */
#define VFS_EAGAIN_RETRIES	4

/**
 * kcifsd_vfs_status() - the NTSTATUS for an errno from the VFS
 * @err: a negative errno (0 gives STATUS_SUCCESS)
 *
 * The only errno -> NTSTATUS table of the server. Lookup failures that
 * depend on which component is missing are decided by the lookup code
 * (OBJECT_NAME_NOT_FOUND vs OBJECT_PATH_NOT_FOUND); here -ENOENT is a
 * missing object. -EXDEV is what a lookup that would leave the share
 * gives: access denied.
 *
 * Return: the NTSTATUS.
 */
u32 kcifsd_vfs_status(int err)
{
	switch (err) {
	case 0:
		return STATUS_SUCCESS;
	case -ENOENT:
		return STATUS_OBJECT_NAME_NOT_FOUND;
	case -ENOTDIR:
		return STATUS_OBJECT_PATH_NOT_FOUND;
	case -EISDIR:
		return STATUS_FILE_IS_A_DIRECTORY;
	case -EACCES:
	case -EPERM:
	case -EXDEV:
	case -ELOOP:
	case -EMLINK:
	case -EBUSY:
		return STATUS_ACCESS_DENIED;
	case -EEXIST:
		return STATUS_OBJECT_NAME_COLLISION;
	case -ENOTEMPTY:
		return STATUS_DIRECTORY_NOT_EMPTY;
	case -ENOSPC:
	case -EDQUOT:
	case -EFBIG:
		return STATUS_DISK_FULL;
	case -EROFS:
		return STATUS_MEDIA_WRITE_PROTECTED;
	case -ENAMETOOLONG:
		return STATUS_OBJECT_NAME_INVALID;
	case -ENOMEM:
		return STATUS_NO_MEMORY;
	case -ETXTBSY:
	case -EWOULDBLOCK:
		return STATUS_SHARING_VIOLATION;
	case -EBADF:
		return STATUS_INVALID_HANDLE;
	case -EINVAL:
		return STATUS_INVALID_PARAMETER;
	case -EOPNOTSUPP:
		return STATUS_NOT_SUPPORTED;
	case -EIO:
		return STATUS_UNEXPECTED_IO_ERROR;
	default:
		return STATUS_UNSUCCESSFUL;
	}
}

/*
 * Shares are case insensitive (Windows semantics) unless configured so,
 * or unless the client made itself known as a UNIX client on the tree
 * (SMB_SET_CIFS_UNIX_INFO, the Linux cifs client does at mount): its
 * names are POSIX names, in their case, as Samba's "case sensitive =
 * auto" treats it. A name missing in its case then costs one lookup, not
 * a scan of each directory on the way.
 */
static bool vfs_case_insensitive(const struct kcifsd_tree *tree)
{
	return !(tree->share_flags & KCIFSD_SHARE_F_CASE_SENSITIVE) &&
	       !READ_ONCE(tree->unix_client);
}

static int vfs_lookup_raw(const struct kcifsd_tree *tree, const char *name,
			  unsigned int lflags, struct path *out)
{
	int err, tries = 0;

	/* IPC$ has no file system: only named pipes live there. */
	if (!tree->root.dentry)
		return -EACCES;
	if (!*name) {
		*out = tree->root;
		path_get(out);
		return 0;
	}
	do {
		err = vfs_path_lookup(tree->root.dentry, tree->root.mnt, name,
				      lflags | VFS_SCOPE, out);
	} while (err == -EAGAIN && ++tries < VFS_EAGAIN_RETRIES);
	if (err == -EXDEV || err == -ELOOP)
		pr_info_ratelimited("share %s: \"%s\" leads outside the share or loops: refused\n",
				    tree->share, name);
	return err;
}

struct vfs_scan {
	struct dir_context ctx;
	kcifsd_vfs_dir_actor_t actor;
	void *priv;
};

static bool vfs_scan_actor(struct dir_context *ctx, const char *name,
			   int len, loff_t off, u64 ino, unsigned int type)
{
	struct vfs_scan *scan = container_of(ctx, struct vfs_scan, ctx);

	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	return scan->actor(scan->priv, name, len, type);
}

/**
 * kcifsd_vfs_fput_now() - drop a file reference, releasing it here
 * @file: a file the server opened and is done with
 *
 * fput() from a kernel thread (every worker is one) leaves the release to
 * a delayed work item a jiffy later: one more wake-up of another thread
 * for each directory scan (a case-insensitive lookup of a new name does
 * one) and each CLOSE. From a worker the release runs here instead.
 *
 * Context: process context, no locks held (the release may sleep).
 */
void kcifsd_vfs_fput_now(struct file *file)
{
	if (current->flags & PF_KTHREAD)
		__fput_sync(file);
	else
		fput(file);
}

/*
 * Walk a directory with the caller's credentials already in force. The
 * user needs read permission on it, as for a local readdir.
 */
static int vfs_iterate_locked(const struct path *dir,
			      kcifsd_vfs_dir_actor_t actor, void *priv)
{
	struct vfs_scan scan = {
		.ctx.actor = vfs_scan_actor,
		.actor = actor,
		.priv = priv,
	};
	struct file *file;
	int err;

	err = inode_permission(mnt_user_ns(dir->mnt), d_inode(dir->dentry),
			       MAY_READ);
	if (err)
		return err;
	file = dentry_open(dir, O_RDONLY | O_DIRECTORY | O_LARGEFILE,
			   current_cred());
	if (IS_ERR(file))
		return PTR_ERR(file);
	err = iterate_dir(file, &scan.ctx);
	kcifsd_vfs_fput_now(file);
	return err;
}

struct vfs_ci_match {
	const char *want;
	unsigned int len;
	char found[NAME_MAX + 1];
	unsigned int found_len;
};

static bool vfs_ci_actor(void *priv, const char *name, int len,
			 unsigned int type)
{
	struct vfs_ci_match *m = priv;

	if (len > NAME_MAX || !kcifsd_name_eq_ci(name, len, m->want, m->len))
		return true;
	memcpy(m->found, name, len);
	m->found[len] = '\0';
	m->found_len = len;
	return false;
}

/*
 * Case-insensitive resolution, the slow path of every lookup: the name
 * is walked one component at a time; a component that does not exist as
 * given is replaced by the first entry of its directory that equals it
 * ignoring case. Every step still resolves through vfs_lookup_raw(), so
 * the beneath-the-root rules hold for the rewritten name as well.
 * Returns the rewritten name in *@fixed (kmalloc'ed), or
 * STATUS_OBJECT_NAME_NOT_FOUND (the last component is missing) or
 * STATUS_OBJECT_PATH_NOT_FOUND (a directory on the way is).
 */
static u32 vfs_ci_resolve(const struct kcifsd_tree *tree, const char *name,
			  char **fixed)
{
	struct vfs_ci_match *m;
	const char *comp = name, *end;
	unsigned int olen = 0, clen;
	struct path p;
	char *out;
	u32 status = STATUS_SUCCESS;
	bool last;
	int err;

	out = kmalloc(PATH_MAX, GFP_KERNEL);
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!out || !m) {
		status = STATUS_NO_MEMORY;
		goto out;
	}
	out[0] = '\0';
	while (*comp) {
		end = strchrnul(comp, '/');
		clen = end - comp;
		last = !*end;
		if (olen + 1 + clen >= PATH_MAX) {
			status = STATUS_OBJECT_NAME_INVALID;
			goto out;
		}
		if (olen)
			out[olen++] = '/';
		memcpy(out + olen, comp, clen);
		out[olen + clen] = '\0';

		err = vfs_lookup_raw(tree, out, 0, &p);
		if (!err) {
			path_put(&p);
		} else if (err == -ENOENT) {
			/* Scan the directory the component is in. */
			out[olen ? olen - 1 : 0] = '\0';
			err = vfs_lookup_raw(tree, out,
					     LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
					     &p);
			if (olen)
				out[olen - 1] = '/';
			if (err) {
				status = err == -ENOENT || err == -ENOTDIR ?
					 STATUS_OBJECT_PATH_NOT_FOUND :
					 kcifsd_vfs_status(err);
				goto out;
			}
			m->want = comp;
			m->len = clen;
			m->found_len = 0;
			err = vfs_iterate_locked(&p, vfs_ci_actor, m);
			path_put(&p);
			if (!m->found_len) {
				status = last ? STATUS_OBJECT_NAME_NOT_FOUND :
						STATUS_OBJECT_PATH_NOT_FOUND;
				goto out;
			}
			if (olen + m->found_len >= PATH_MAX) {
				status = STATUS_OBJECT_NAME_INVALID;
				goto out;
			}
			memcpy(out + olen, m->found, m->found_len);
			clen = m->found_len;
			out[olen + clen] = '\0';
		} else {
			status = err == -ENOTDIR ? STATUS_OBJECT_PATH_NOT_FOUND :
						   kcifsd_vfs_status(err);
			goto out;
		}
		olen += clen;
		comp = last ? end : end + 1;
	}
	*fixed = out;
	out = NULL;
out:
	kfree(m);
	kfree(out);
	return status;
}

/*
 * Resolve with the client's case when it exists as given (the fast path),
 * else case-insensitively. @lflags are LOOKUP_FOLLOW / LOOKUP_DIRECTORY.
 * Runs with the tree's credentials in force.
 */
static u32 vfs_resolve(const struct kcifsd_tree *tree, const char *name,
		       unsigned int lflags, struct path *out)
{
	char *fixed = NULL;
	u32 status;
	int err;

	err = vfs_lookup_raw(tree, name, lflags, out);
	if (err != -ENOENT && err != -ENOTDIR)
		return kcifsd_vfs_status(err);

	if (vfs_case_insensitive(tree)) {
		status = vfs_ci_resolve(tree, name, &fixed);
		if (status)
			return status;
		err = vfs_lookup_raw(tree, fixed, lflags, out);
		kfree(fixed);
		if (!err)
			return STATUS_SUCCESS;
		/* Exists, but is a dangling symlink or not a directory. */
		return err == -ENOENT ? STATUS_OBJECT_NAME_NOT_FOUND :
		       err == -ENOTDIR ? STATUS_OBJECT_PATH_NOT_FOUND :
		       kcifsd_vfs_status(err);
	}

	/* Case sensitive: a missing directory on the way is a path error. */
	fixed = kstrdup(name, GFP_KERNEL);
	if (!fixed)
		return STATUS_NO_MEMORY;
	status = STATUS_OBJECT_NAME_NOT_FOUND;
	if (strrchr(fixed, '/')) {
		struct path parent;

		*strrchr(fixed, '/') = '\0';
		err = vfs_lookup_raw(tree, fixed,
				     LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &parent);
		if (err)
			status = STATUS_OBJECT_PATH_NOT_FOUND;
		else
			path_put(&parent);
	}
	kfree(fixed);
	return status;
}

/**
 * kcifsd_vfs_lookup() - resolve an existing object beneath the share root
 * @tree: the tree connect (root, credentials)
 * @name: a normalised name (fs/path.c), "" for the root
 * @flags: KCIFSD_VFS_NOFOLLOW (a final symlink is the object itself, for
 *	delete and rename), KCIFSD_VFS_DIRECTORY (it must be a directory)
 * @out: the object, referenced; path_put() it
 *
 * Return: STATUS_SUCCESS, STATUS_OBJECT_NAME_NOT_FOUND (the last
 * component is missing), STATUS_OBJECT_PATH_NOT_FOUND (a directory on the
 * way is missing or is not one), STATUS_ACCESS_DENIED (no search
 * permission, or the name leads outside the share), or another status
 * from kcifsd_vfs_status().
 */
u32 kcifsd_vfs_lookup(const struct kcifsd_tree *tree, const char *name,
		      unsigned int flags, struct path *out)
{
	unsigned int lflags = 0;
	const struct cred *old;
	u32 status;

	if (!(flags & KCIFSD_VFS_NOFOLLOW))
		lflags |= LOOKUP_FOLLOW;
	if (flags & KCIFSD_VFS_DIRECTORY)
		lflags |= LOOKUP_DIRECTORY;
	old = override_creds(kcifsd_tree_cred(tree));
	status = vfs_resolve(tree, name, lflags, out);
	revert_creds(old);
	return status;
}

/**
 * kcifsd_vfs_may() - may the tree's user access an object so?
 * @tree: the tree connect
 * @path: the object
 * @mask: MAY_READ, MAY_WRITE, MAY_EXEC (any combination, or 0)
 *
 * inode_permission() under the tree's credentials, and no MAY_WRITE on
 * a read-only tree.
 *
 * Return: STATUS_SUCCESS or STATUS_ACCESS_DENIED.
 */
u32 kcifsd_vfs_may(const struct kcifsd_tree *tree, const struct path *path,
		   int mask)
{
	const struct cred *old;
	int err;

	if ((mask & MAY_WRITE) && tree->read_only)
		return STATUS_ACCESS_DENIED;
	if (!mask)
		return STATUS_SUCCESS;
	old = override_creds(kcifsd_tree_cred(tree));
	err = inode_permission(mnt_user_ns(path->mnt), d_inode(path->dentry),
			       mask);
	revert_creds(old);
	return err ? STATUS_ACCESS_DENIED : STATUS_SUCCESS;
}

/**
 * kcifsd_vfs_open() - open a resolved object
 * @tree: the tree connect
 * @path: the object (kcifsd_vfs_lookup() or kcifsd_vfs_create())
 * @oflags: O_RDONLY, O_WRONLY or O_RDWR, or O_PATH for an open that
 *	grants no data access; maybe O_DIRECTORY
 * @created: the object was just created by this open
 *	(kcifsd_vfs_create()): as with open(2) and O_CREAT, its creator gets
 *	the access asked for whatever the new object's mode says
 * @filp: the open file; fput() it
 *
 * The access the open mode implies is checked against the user first
 * (kcifsd_vfs_may()); the file carries the tree's credentials, which
 * kcifsd_vfs_read_pages() and kcifsd_vfs_write() use later.
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_open(const struct kcifsd_tree *tree, const struct path *path,
		    int oflags, bool created, struct file **filp)
{
	int acc = oflags & O_ACCMODE, mask = 0;
	const struct cred *old;
	struct file *file;
	u32 status;

	/* O_PATH: attributes only, the object's permissions do not matter. */
	if (!(oflags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR))
		mask |= MAY_READ;
	if (!(oflags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR))
		mask |= MAY_WRITE;
	if (created)
		status = (mask & MAY_WRITE) && tree->read_only ?
			 STATUS_ACCESS_DENIED : STATUS_SUCCESS;
	else
		status = kcifsd_vfs_may(tree, path, mask);
	if (status)
		return status;

	old = override_creds(kcifsd_tree_cred(tree));
	file = dentry_open(path, oflags | O_LARGEFILE, kcifsd_tree_cred(tree));
	revert_creds(old);
	if (IS_ERR(file))
		return kcifsd_vfs_status(PTR_ERR(file));
	*filp = file;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_vfs_is_owner() - does the tree's user own an object?
 * @tree: the tree connect
 * @path: the object
 *
 * Return: true if the user owns it (or may act as its owner).
 */
bool kcifsd_vfs_is_owner(const struct kcifsd_tree *tree,
			 const struct path *path)
{
	const struct cred *old;
	bool owner;

	old = override_creds(kcifsd_tree_cred(tree));
	owner = inode_owner_or_capable(mnt_user_ns(path->mnt),
				       d_inode(path->dentry));
	revert_creds(old);
	return owner;
}

/* Split "dir/sub/last" into "dir/sub" (in place, at @copy) and "last". */
static const char *vfs_split_last(char *copy)
{
	char *slash = strrchr(copy, '/');

	if (!slash) {
		/* The parent is the root: an empty name. */
		memmove(copy + 1, copy, strlen(copy) + 1);
		copy[0] = '\0';
		return copy + 1;
	}
	*slash = '\0';
	return slash + 1;
}

/*
 * Resolve the directory a new name goes in. @name must not be the root.
 * Returns the parent (referenced) and the last component (pointing into
 * *@copy, which the caller kfree()s).
 */
static u32 vfs_resolve_parent(const struct kcifsd_tree *tree,
			      const char *name, struct path *parent,
			      char **copy, const char **last)
{
	u32 status;

	/* One byte more: vfs_split_last() may shift the name by one. */
	*copy = kmalloc(strlen(name) + 2, GFP_KERNEL);
	if (!*copy)
		return STATUS_NO_MEMORY;
	strcpy(*copy, name);
	*last = vfs_split_last(*copy);
	status = vfs_resolve(tree, *copy, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			     parent);
	if (status == STATUS_OBJECT_NAME_NOT_FOUND)
		status = STATUS_OBJECT_PATH_NOT_FOUND;
	if (status) {
		kfree(*copy);
		*copy = NULL;
	}
	return status;
}

/* Make the node @mode asks for at @dentry (negative, in @dir, locked). */
static int vfs_make_node(const struct kcifsd_tree *tree,
			 struct user_namespace *userns, struct inode *dir,
			 struct dentry *dentry, umode_t mode, dev_t dev,
			 const char *target)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return vfs_create(userns, dir, dentry,
				  S_IFREG | (mode & tree->create_mask & 07777),
				  true);
	case S_IFDIR:
		return vfs_mkdir(userns, dir, dentry,
				 mode & tree->directory_mask & 07777);
	case S_IFLNK:
		return target ? vfs_symlink(userns, dir, dentry, target) :
				-EINVAL;
	case S_IFIFO:
	case S_IFSOCK:
	case S_IFCHR:
	case S_IFBLK:
		return vfs_mknod(userns, dir, dentry,
				 (mode & S_IFMT) |
				 (mode & tree->create_mask & 07777), dev);
	default:
		return -EINVAL;
	}
}

/**
 * kcifsd_vfs_create() - create a node that does not exist: a file, a
 *	directory, a symlink, a FIFO, a socket or a device node
 * @tree: the tree connect
 * @name: a normalised name, not the root
 * @mode: the node's type (S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK,
 *	S_IFCHR, S_IFBLK) and permission bits; the share's create mask
 *	(directory mask for a directory) is applied here, a symlink's
 *	bits are ignored
 * @dev: the device number, for S_IFCHR and S_IFBLK
 * @target: the symlink's target, for S_IFLNK, stored as given
 * @out: the new object, referenced (path_put() it); NULL if not wanted
 *
 * The one create sequence of the server: the parent resolved beneath the
 * share, the tree's credentials, mnt_want_write(), the parent locked, the
 * name looked up in it. Exclusive: an existing entry of that exact name
 * gives STATUS_OBJECT_NAME_COLLISION (the caller looked the name up
 * case-insensitively first). The new object belongs to the tree's user
 * (fsuid/fsgid of its credentials, or the directory's group for setgid
 * directories); the kernel decides who may make a device node
 * (CAP_MKNOD, which no client's credentials carry).
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_create(const struct kcifsd_tree *tree, const char *name,
		      umode_t mode, dev_t dev, const char *target,
		      struct path *out)
{
	struct user_namespace *userns;
	const struct cred *old;
	struct dentry *dentry;
	struct path parent;
	const char *last;
	struct inode *dir;
	char *copy;
	u32 status;
	int err;

	if (tree->read_only)
		return STATUS_ACCESS_DENIED;
	if (!*name)
		return STATUS_OBJECT_NAME_COLLISION;

	old = override_creds(kcifsd_tree_cred(tree));
	status = vfs_resolve_parent(tree, name, &parent, &copy, &last);
	if (status)
		goto out_creds;
	userns = mnt_user_ns(parent.mnt);
	dir = d_inode(parent.dentry);
	err = mnt_want_write(parent.mnt);
	if (err)
		goto out_parent;
	inode_lock_nested(dir, I_MUTEX_PARENT);
	dentry = lookup_one(userns, last, parent.dentry, strlen(last));
	if (IS_ERR(dentry)) {
		err = PTR_ERR(dentry);
		goto out_unlock;
	}
	if (d_is_positive(dentry))
		err = -EEXIST;
	else
		err = vfs_make_node(tree, userns, dir, dentry, mode, dev,
				    target);
	/* Some file systems leave the new node's dentry unhashed. */
	if (!err && out && d_unhashed(dentry)) {
		struct dentry *d = lookup_one(userns, last, parent.dentry,
					      strlen(last));

		dput(dentry);
		dentry = d;
		if (IS_ERR(d))
			err = PTR_ERR(d);
		else if (d_is_negative(d))
			err = -ENOENT;
	}
	if (err || !out) {
		if (!IS_ERR(dentry))
			dput(dentry);
	} else {
		out->mnt = mntget(parent.mnt);
		out->dentry = dentry;
	}
out_unlock:
	inode_unlock(dir);
	mnt_drop_write(parent.mnt);
out_parent:
	path_put(&parent);
	kfree(copy);
	if (!status)
		status = kcifsd_vfs_status(err);
out_creds:
	revert_creds(old);
	return status;
}

/**
 * kcifsd_vfs_truncate() - set the size of an open regular file
 * @tree: the tree connect
 * @file: the open file
 * @size: the new size
 *
 * Return: STATUS_SUCCESS or an error status (the user needs write
 * permission; a read-only tree refuses).
 */
u32 kcifsd_vfs_truncate(const struct kcifsd_tree *tree, struct file *file,
			loff_t size)
{
	const struct cred *old;
	int err;

	if (tree->read_only)
		return STATUS_ACCESS_DENIED;
	if (size < 0)
		return STATUS_INVALID_PARAMETER;
	old = override_creds(kcifsd_tree_cred(tree));
	err = vfs_truncate(&file->f_path, size);
	revert_creds(old);
	return kcifsd_vfs_status(err);
}

/* The share root and the root of a mount are never removed or renamed. */
static bool vfs_is_root(const struct kcifsd_tree *tree,
			const struct path *path)
{
	return path->dentry == tree->root.dentry ||
	       path->dentry == path->mnt->mnt_root;
}

/**
 * kcifsd_vfs_remove() - remove a file, symlink or empty directory
 * @tree: the tree connect
 * @path: the object (kcifsd_vfs_lookup() with KCIFSD_VFS_NOFOLLOW)
 *
 * The object is removed from the directory it is in now; if it was
 * removed meanwhile, STATUS_OBJECT_NAME_NOT_FOUND. An object moved out of
 * the share meanwhile (by a local process) is left alone.
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_remove(const struct kcifsd_tree *tree,
		      const struct path *path)
{
	struct user_namespace *userns = mnt_user_ns(path->mnt);
	struct dentry *dentry = path->dentry, *parent;
	const struct cred *old;
	struct inode *dir;
	int err;

	if (tree->read_only || vfs_is_root(tree, path) ||
	    !is_subdir(dentry, tree->root.dentry))
		return STATUS_ACCESS_DENIED;
	old = override_creds(kcifsd_tree_cred(tree));
	err = mnt_want_write(path->mnt);
	if (err)
		goto out;
	parent = dget_parent(dentry);
	dir = d_inode(parent);
	inode_lock_nested(dir, I_MUTEX_PARENT);
	if (dentry->d_parent != parent || d_unhashed(dentry) ||
	    d_is_negative(dentry))
		err = -ENOENT;
	else if (d_is_dir(dentry))
		err = vfs_rmdir(userns, dir, dentry);
	else
		err = vfs_unlink(userns, dir, dentry, NULL);
	inode_unlock(dir);
	dput(parent);
	mnt_drop_write(path->mnt);
out:
	revert_creds(old);
	return kcifsd_vfs_status(err);
}

/*
 * The entry of @dir that equals @last ignoring case, if any, other than
 * one that is @self (a case-only rename of @self to a new spelling).
 * Fills @m->found; returns 0, or an errno from the scan.
 */
static int vfs_ci_other(const struct kcifsd_tree *tree,
			const struct path *dir, const char *last,
			struct vfs_ci_match *m)
{
	m->want = last;
	m->len = strlen(last);
	m->found_len = 0;
	if (!vfs_case_insensitive(tree))
		return 0;
	return vfs_iterate_locked(dir, vfs_ci_actor, m);
}

/*
 * The dentry for the new name of a rename or link, in @parent (locked):
 * the existing entry that equals @last ignoring case (@m) unless it is
 * @self, else the exact name.
 */
static struct dentry *vfs_target_dentry(struct path *parent,
					const char *last,
					const struct vfs_ci_match *m,
					const struct dentry *self)
{
	struct user_namespace *userns = mnt_user_ns(parent->mnt);
	struct dentry *d;

	if (m->found_len && strcmp(m->found, last)) {
		d = lookup_one(userns, m->found, parent->dentry, m->found_len);
		if (IS_ERR(d) || d != self)
			return d;
		dput(d);
	}
	return lookup_one(userns, last, parent->dentry, strlen(last));
}

/**
 * kcifsd_vfs_rename() - rename an object within the share
 * @tree: the tree connect
 * @old: the object (kcifsd_vfs_lookup() with KCIFSD_VFS_NOFOLLOW)
 * @newname: its new normalised name
 * @replace: an existing target is replaced (else
 *	STATUS_OBJECT_NAME_COLLISION)
 *
 * On a case-insensitive share, an existing entry whose name equals the
 * new name ignoring case is the target; renaming an object to another
 * spelling of its own name changes the spelling.
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_rename(const struct kcifsd_tree *tree,
		      const struct path *old, const char *newname,
		      bool replace)
{
	struct dentry *old_parent, *new_dentry, *trap;
	struct renamedata rd = {};
	struct vfs_ci_match *m;
	const struct cred *saved;
	struct path parent;
	const char *last;
	char *copy;
	u32 status;
	int err;

	if (tree->read_only || vfs_is_root(tree, old) || !*newname ||
	    !is_subdir(old->dentry, tree->root.dentry))
		return STATUS_ACCESS_DENIED;
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return STATUS_NO_MEMORY;
	saved = override_creds(kcifsd_tree_cred(tree));
	status = vfs_resolve_parent(tree, newname, &parent, &copy, &last);
	if (status)
		goto out_creds;
	if (parent.mnt != old->mnt) {
		status = STATUS_NOT_SAME_DEVICE;
		goto out_parent;
	}
	err = vfs_ci_other(tree, &parent, last, m);
	if (err)
		goto out_status;
	err = mnt_want_write(old->mnt);
	if (err)
		goto out_status;

	old_parent = dget_parent(old->dentry);
	trap = lock_rename(parent.dentry, old_parent);
	if (old->dentry->d_parent != old_parent || d_unhashed(old->dentry)) {
		err = -ENOENT;
		goto out_unlock;
	}
	if (old->dentry == trap) {
		err = -EINVAL;
		goto out_unlock;
	}
	new_dentry = vfs_target_dentry(&parent, last, m, old->dentry);
	if (IS_ERR(new_dentry)) {
		err = PTR_ERR(new_dentry);
		goto out_unlock;
	}
	/*
	 * The file systems leave RENAME_NOREPLACE to the caller; a rename
	 * to its own name is done already.
	 */
	if (new_dentry == old->dentry) {
		err = 0;
	} else if (new_dentry == trap) {
		err = -ENOTEMPTY;
	} else if (!replace && d_is_positive(new_dentry)) {
		err = -EEXIST;
	} else {
		rd.old_mnt_userns = mnt_user_ns(old->mnt);
		rd.old_dir = d_inode(old_parent);
		rd.old_dentry = old->dentry;
		rd.new_mnt_userns = mnt_user_ns(parent.mnt);
		rd.new_dir = d_inode(parent.dentry);
		rd.new_dentry = new_dentry;
		rd.flags = replace ? 0 : RENAME_NOREPLACE;
		err = vfs_rename(&rd);
	}
	dput(new_dentry);
out_unlock:
	unlock_rename(parent.dentry, old_parent);
	dput(old_parent);
	mnt_drop_write(old->mnt);
out_status:
	status = kcifsd_vfs_status(err);
out_parent:
	path_put(&parent);
	kfree(copy);
out_creds:
	revert_creds(saved);
	kfree(m);
	return status;
}

/**
 * kcifsd_vfs_link() - make a hard link to a file within the share
 * @tree: the tree connect
 * @old: the existing file (kcifsd_vfs_lookup() with KCIFSD_VFS_NOFOLLOW)
 * @newname: the new link's normalised name; it must not exist (in any
 *	case, on a case-insensitive share)
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_link(const struct kcifsd_tree *tree, const struct path *old,
		    const char *newname)
{
	struct dentry *new_dentry;
	struct vfs_ci_match *m;
	const struct cred *saved;
	struct path parent;
	const char *last;
	struct inode *dir;
	char *copy;
	u32 status;
	int err;

	if (tree->read_only || !*newname)
		return STATUS_ACCESS_DENIED;
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return STATUS_NO_MEMORY;
	saved = override_creds(kcifsd_tree_cred(tree));
	status = vfs_resolve_parent(tree, newname, &parent, &copy, &last);
	if (status)
		goto out_creds;
	if (parent.mnt != old->mnt) {
		status = STATUS_NOT_SAME_DEVICE;
		goto out_parent;
	}
	err = vfs_ci_other(tree, &parent, last, m);
	if (!err && m->found_len)
		err = -EEXIST;
	if (err)
		goto out_status;
	err = mnt_want_write(parent.mnt);
	if (err)
		goto out_status;
	dir = d_inode(parent.dentry);
	inode_lock_nested(dir, I_MUTEX_PARENT);
	new_dentry = lookup_one(mnt_user_ns(parent.mnt), last, parent.dentry,
				strlen(last));
	if (IS_ERR(new_dentry)) {
		err = PTR_ERR(new_dentry);
	} else {
		err = d_is_positive(new_dentry) ? -EEXIST :
		      vfs_link(old->dentry, mnt_user_ns(parent.mnt), dir,
			       new_dentry, NULL);
		dput(new_dentry);
	}
	inode_unlock(dir);
	mnt_drop_write(parent.mnt);
out_status:
	status = kcifsd_vfs_status(err);
out_parent:
	path_put(&parent);
	kfree(copy);
out_creds:
	revert_creds(saved);
	kfree(m);
	return status;
}

/**
 * kcifsd_vfs_getattr() - the attributes of an object
 * @tree: the tree connect
 * @path: the object
 * @st: filled in, birth time included where the file system keeps it
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_getattr(const struct kcifsd_tree *tree,
		       const struct path *path, struct kstat *st)
{
	const struct cred *old;
	int err;

	old = override_creds(kcifsd_tree_cred(tree));
	err = vfs_getattr(path, st, STATX_BASIC_STATS | STATX_BTIME,
			  AT_STATX_SYNC_AS_STAT);
	revert_creds(old);
	return kcifsd_vfs_status(err);
}

/**
 * kcifsd_vfs_setattr() - change attributes (times, mode) of an object
 * @tree: the tree connect
 * @path: the object
 * @attr: what to change (ATTR_*); the kernel's rules apply: explicit
 *	times need the owner, mode changes the owner
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_setattr(const struct kcifsd_tree *tree,
		       const struct path *path, struct iattr *attr)
{
	struct inode *inode = d_inode(path->dentry);
	const struct cred *old;
	int err;

	if (tree->read_only)
		return STATUS_ACCESS_DENIED;
	old = override_creds(kcifsd_tree_cred(tree));
	err = mnt_want_write(path->mnt);
	if (!err) {
		inode_lock(inode);
		err = notify_change(mnt_user_ns(path->mnt), path->dentry,
				    attr, NULL);
		inode_unlock(inode);
		mnt_drop_write(path->mnt);
	}
	revert_creds(old);
	return kcifsd_vfs_status(err);
}

/**
 * kcifsd_vfs_statfs() - the share's file-system sizes
 * @tree: the tree connect
 * @st: filled in
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_statfs(const struct kcifsd_tree *tree, struct kstatfs *st)
{
	const struct cred *old;
	int err;

	if (!tree->root.dentry)
		return STATUS_ACCESS_DENIED;
	old = override_creds(kcifsd_tree_cred(tree));
	err = vfs_statfs(&tree->root, st);
	revert_creds(old);
	return kcifsd_vfs_status(err);
}

/**
 * kcifsd_vfs_iterate() - call @actor for each entry of a directory
 * @tree: the tree connect
 * @dir: the directory
 * @actor: called with each name ("." and ".." skipped)
 * @priv: its argument
 *
 * The user needs read permission on the directory.
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_iterate(const struct kcifsd_tree *tree,
		       const struct path *dir, kcifsd_vfs_dir_actor_t actor,
		       void *priv)
{
	const struct cred *old;
	int err;

	old = override_creds(kcifsd_tree_cred(tree));
	err = vfs_iterate_locked(dir, actor, priv);
	revert_creds(old);
	return kcifsd_vfs_status(err);
}

static bool vfs_empty_actor(void *priv, const char *name, int len,
			    unsigned int type)
{
	*(bool *)priv = false;
	return false;
}

/**
 * kcifsd_vfs_dir_empty() - is a directory empty?
 * @tree: the tree connect
 * @dir: the directory
 *
 * Return: STATUS_SUCCESS if empty, STATUS_DIRECTORY_NOT_EMPTY, or an
 * error status of the scan.
 */
u32 kcifsd_vfs_dir_empty(const struct kcifsd_tree *tree,
			 const struct path *dir)
{
	bool empty = true;
	u32 status;

	status = kcifsd_vfs_iterate(tree, dir, vfs_empty_actor, &empty);
	if (status)
		return status;
	return empty ? STATUS_SUCCESS : STATUS_DIRECTORY_NOT_EMPTY;
}

/* Collecting page-cache pages from the splice pipe. */
struct vfs_pages {
	struct bio_vec *bvec;
	unsigned int nr;
	unsigned int max;
};

/*
 * One pipe buffer: keep a reference to its page (a page-cache page: the
 * file system's splice_read put it there without copying) and describe
 * the bytes with a bio_vec; the pipe drops its own reference.
 */
static int vfs_pages_actor(struct pipe_inode_info *pipe,
			   struct pipe_buffer *buf, struct splice_desc *sd)
{
	struct vfs_pages *pages = sd->u.data;
	struct bio_vec *prev = pages->nr ? &pages->bvec[pages->nr - 1] : NULL;

	if (prev && prev->bv_page == buf->page &&
	    prev->bv_offset + prev->bv_len == buf->offset) {
		prev->bv_len += sd->len;
		return sd->len;
	}
	if (pages->nr == pages->max)
		return -ENOBUFS;
	get_page(buf->page);
	pages->bvec[pages->nr].bv_page = buf->page;
	pages->bvec[pages->nr].bv_offset = buf->offset;
	pages->bvec[pages->nr].bv_len = sd->len;
	pages->nr++;
	return sd->len;
}

static int vfs_pages_direct_actor(struct pipe_inode_info *pipe,
				  struct splice_desc *sd)
{
	return __splice_from_pipe(pipe, sd, vfs_pages_actor);
}

/**
 * kcifsd_vfs_release_pages() - drop the pages of kcifsd_vfs_read_pages()
 * @bvec: the array (kvfree()d here)
 * @nr_bvec: its entries
 *
 * For a reply that is not sent; a sent one is released by the core.
 */
void kcifsd_vfs_release_pages(struct bio_vec *bvec, unsigned int nr_bvec)
{
	unsigned int i;

	for (i = 0; i < nr_bvec; i++)
		put_page(bvec[i].bv_page);
	kvfree(bvec);
}

/**
 * kcifsd_vfs_read_pages() - the page-cache pages holding a file range
 * @file: a regular file open for reading
 * @pos: where to start
 * @len: how many bytes at most
 * @bvec: set to a kvmalloc'ed array describing the bytes, in order, each
 *	page referenced (NULL when nothing was read)
 * @nr_bvec: its entries
 * @got: the bytes described: less than @len at the end of the file, 0 at
 *	or past it
 *
 * No file data is copied: the file system splices its page-cache pages
 * into the task's internal pipe (splice_direct_to_actor(), as nfsd and
 * sendfile() do) and the actor takes a reference to each instead of
 * copying it. The caller hands the array to the socket (work->data) or
 * gives it back with kcifsd_vfs_release_pages().
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_read_pages(struct file *file, loff_t pos, size_t len,
			  struct bio_vec **bvec, unsigned int *nr_bvec,
			  size_t *got)
{
	struct vfs_pages pages = {};
	struct splice_desc sd = {
		.total_len = len,
		.pos = pos,
		.u.data = &pages,
	};
	const struct cred *old;
	ssize_t ret;

	*bvec = NULL;
	*nr_bvec = 0;
	*got = 0;
	if (!len)
		return STATUS_SUCCESS;
	if (pos < 0)
		return STATUS_INVALID_PARAMETER;
	/* Every pipe buffer is at most a page: one entry each, plus ends. */
	pages.max = DIV_ROUND_UP(len, PAGE_SIZE) + 2;
	pages.bvec = kvmalloc_array(pages.max, sizeof(*pages.bvec),
				    GFP_KERNEL);
	if (!pages.bvec)
		return STATUS_NO_MEMORY;

	old = override_creds(file->f_cred);
	ret = splice_direct_to_actor(file, &sd, vfs_pages_direct_actor);
	revert_creds(old);
	if (ret < 0) {
		kcifsd_vfs_release_pages(pages.bvec, pages.nr);
		return kcifsd_vfs_status(ret);
	}
	if (!pages.nr) {
		kvfree(pages.bvec);
		return STATUS_SUCCESS;
	}
	*bvec = pages.bvec;
	*nr_bvec = pages.nr;
	*got = ret;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_vfs_write() - write bytes into a file through the page cache
 * @file: a regular file open for writing
 * @pos: where
 * @buf: the bytes (the request buffer: this is their one copy)
 * @len: how many
 * @written: bytes written, @len on success, 0 on failure
 *
 * All or nothing as far as the client can tell: when the file system
 * runs out of space or quota part way, the status is STATUS_DISK_FULL
 * and no count is reported; bytes this call appended past the old end of
 * the file are cut off again. (Bytes it overwrote inside the file cannot
 * be restored; Windows gives no more promise than that either.)
 * Write-through is the caller's: fs/wsync.c shares the flush.
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_write(struct file *file, loff_t pos, const void *buf,
		     size_t len, size_t *written)
{
	struct inode *inode = file_inode(file);
	struct kvec kv = { .iov_base = (void *)buf, .iov_len = len };
	struct iov_iter iter;
	const struct cred *old;
	loff_t p = pos, old_size;
	ssize_t n, more;
	int err = 0;

	*written = 0;
	if (pos < 0)
		return STATUS_INVALID_PARAMETER;
	if (!len)
		return STATUS_SUCCESS;
	iov_iter_kvec(&iter, ITER_SOURCE, &kv, 1, len);
	old = override_creds(file->f_cred);
	old_size = i_size_read(inode);
	/* Freeze protection, as write(2) has; ended before vfs_truncate(). */
	file_start_write(file);
	n = vfs_iter_write(file, &iter, &p, 0);
	/* A short write: once more for the rest, to learn why. */
	if (n > 0 && n < len) {
		more = vfs_iter_write(file, &iter, &p, 0);
		if (more < 0)
			err = more;
		else
			n += more;
	}
	file_end_write(file);
	if (n < 0)
		err = n;
	else if (n < len && !err)
		err = -ENOSPC;
	if (err) {
		if ((err == -ENOSPC || err == -EDQUOT) &&
		    i_size_read(inode) > old_size)
			vfs_truncate(&file->f_path, old_size);
		goto out;
	}
	*written = len;
out:
	revert_creds(old);
	return kcifsd_vfs_status(err);
}

/**
 * kcifsd_vfs_fsync() - flush an open file to stable storage
 * @file: the file (FLUSH, MS-CIFS 3.3.5.11)
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_vfs_fsync(struct file *file)
{
	const struct cred *old;
	int err;

	old = override_creds(file->f_cred);
	err = vfs_fsync(file, 0);
	revert_creds(old);
	return kcifsd_vfs_status(err);
}
