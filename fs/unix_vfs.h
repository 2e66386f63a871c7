/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VFS operations of the CIFS UNIX extensions (fs/unix_vfs.c), with the
 * promises of fs/vfs.h.
 */
#ifndef _KCIFSD_UNIX_VFS_H
#define _KCIFSD_UNIX_VFS_H

#include <linux/path.h>
#include <linux/types.h>

struct kcifsd_tree;

u32 kcifsd_vfs_readlink(const struct kcifsd_tree *tree,
			const struct path *path, char **out);
u32 kcifsd_vfs_get_acl(const struct kcifsd_tree *tree,
		       const struct path *path, bool dflt, void *buf,
		       size_t size, unsigned int *len);
u32 kcifsd_vfs_set_acl(const struct kcifsd_tree *tree,
		       const struct path *path, bool dflt, void *buf,
		       size_t size);

#endif /* _KCIFSD_UNIX_VFS_H */
