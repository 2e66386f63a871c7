// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VFS operation only the CIFS UNIX extensions need: read a symlink,
 * with fs/vfs.h's promises (the tree's credentials). Symlinks, FIFOs,
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
#include <linux/slab.h>
#include <linux/string.h>

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
