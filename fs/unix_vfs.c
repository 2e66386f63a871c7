// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VFS operations only the CIFS UNIX extensions need: read a symlink,
 * read and set POSIX ACLs, with fs/vfs.h's promises (the tree's
 * credentials). Symlinks, FIFOs,
 * sockets and device nodes are made by fs/vfs.c's kcifsd_vfs_create(),
 * the one create sequence.
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
#include <linux/posix_acl_xattr.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xattr.h>

#include "fs/ntstatus.h"
#include "fs/tree.h"
#include "fs/unix_vfs.h"
#include "fs/vfs.h"

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

static const char *vfs_acl_name(bool dflt)
{
	return dflt ? XATTR_NAME_POSIX_ACL_DEFAULT : XATTR_NAME_POSIX_ACL_ACCESS;
}

/**
 * kcifsd_vfs_get_acl() - a POSIX ACL of an object, in its xattr form
 * @tree: the tree connect
 * @path: the object
 * @dflt: the default ACL, not the access ACL
 * @buf: where
 * @size: room there
 * @len: the bytes written, 0 when the object has no such ACL
 *
 * vfs_getxattr() of system.posix_acl_access or _default under the
 * tree's credentials (the security module has its say; ids come out as
 * the mount maps them).
 *
 * Return: STATUS_SUCCESS; STATUS_NOT_SUPPORTED where the file system
 * keeps no ACLs (or for a symlink); STATUS_INSUFF_SERVER_RESOURCES for
 * an ACL larger than @size; another error status.
 */
u32 kcifsd_vfs_get_acl(const struct kcifsd_tree *tree,
		       const struct path *path, bool dflt, void *buf,
		       size_t size, unsigned int *len)
{
	const struct cred *old;
	ssize_t n;

	old = override_creds(kcifsd_tree_cred(tree));
	n = vfs_getxattr(mnt_user_ns(path->mnt), path->dentry,
			 vfs_acl_name(dflt), buf, size);
	revert_creds(old);
	*len = 0;
	if (n == -ENODATA)
		return STATUS_SUCCESS;
	if (n == -ERANGE) {
		pr_warn_ratelimited("POSIX ACL larger than %zu bytes not served\n",
				    size);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	if (n < 0)
		return kcifsd_vfs_status(n);
	*len = n;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_vfs_set_acl() - set or remove a POSIX ACL of an object
 * @tree: the tree connect
 * @path: the object
 * @dflt: the default ACL, not the access ACL
 * @buf: the ACL in xattr form (ids of the initial user namespace)
 * @size: its length; 0 removes the ACL (none there is no error)
 *
 * vfs_setxattr() or vfs_removexattr() under the tree's credentials, as
 * setfacl(1) does: the kernel checks ownership, the ACL's validity and
 * the file system's support, and updates the mode an access ACL implies.
 *
 * Return: STATUS_SUCCESS or an error status (-EPERM, a non-owner, is
 * STATUS_ACCESS_DENIED; an invalid ACL STATUS_INVALID_PARAMETER).
 */
u32 kcifsd_vfs_set_acl(const struct kcifsd_tree *tree,
		       const struct path *path, bool dflt, void *buf,
		       size_t size)
{
	struct user_namespace *ns = mnt_user_ns(path->mnt);
	const struct cred *old;
	int err;

	err = mnt_want_write(path->mnt);
	if (err)
		return kcifsd_vfs_status(err);
	old = override_creds(kcifsd_tree_cred(tree));
	if (size)
		err = vfs_setxattr(ns, path->dentry, vfs_acl_name(dflt), buf,
				   size, 0);
	else
		err = vfs_removexattr(ns, path->dentry, vfs_acl_name(dflt));
	revert_creds(old);
	mnt_drop_write(path->mnt);
	return err == -ENODATA ? STATUS_SUCCESS : kcifsd_vfs_status(err);
}
