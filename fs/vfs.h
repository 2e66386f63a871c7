/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one door to the VFS. Every file-system operation of the SMB1
 * server goes through these functions, and they keep three promises:
 *
 * 1. Beneath the share. A name is resolved from the tree's root with
 *    vfs_path_lookup() and LOOKUP_BENEATH | LOOKUP_NO_XDEV: a ".." that
 *    would leave the root, an absolute symlink (even one pointing back
 *    inside the share), a relative symlink that climbs out, a magic link
 *    and a mount crossing all fail (-EXDEV), and the client gets
 *    STATUS_ACCESS_DENIED. Relative symlinks that stay inside work.
 * 2. As the user. Every call runs with the tree's credentials
 *    (kcifsd_tree_cred(): the session's uid/gid/groups, or the share's
 *    forced ones) through override_creds(), and opens check
 *    inode_permission() for the access asked, so the kernel's own
 *    permission checks decide, as for a local process of that user.
 * 3. Read-only means read-only. Nothing that modifies the file system
 *    runs under a read-only tree (STATUS_ACCESS_DENIED), and everything
 *    that does takes mnt_want_write() first (a read-only mount gives
 *    STATUS_MEDIA_WRITE_PROTECTED).
 *
 * Names are fs/path.c's normalised form ("dir/file", "" for the root).
 * Shares are case insensitive: a name that does not exist as given is
 * looked for component by component with a directory scan
 * (kcifsd_name_eq_ci()), in one place, vfs_ci_resolve(); not for a UNIX
 * client (SMB_SET_CIFS_UNIX_INFO on the tree), whose names are POSIX's.
 *
 * Every function returns an NTSTATUS; errno values are turned into one
 * by kcifsd_vfs_status(), the only errno -> NTSTATUS map of the server.
 */
#ifndef _KCIFSD_VFS_H
#define _KCIFSD_VFS_H

#include <linux/bvec.h>
#include <linux/fs.h>
#include <linux/path.h>
#include <linux/stat.h>
#include <linux/statfs.h>
#include <linux/types.h>

struct kcifsd_tree;

/* kcifsd_vfs_lookup() flags */
#define KCIFSD_VFS_NOFOLLOW	0x1	/* a final symlink is the object */
#define KCIFSD_VFS_DIRECTORY	0x2	/* the object must be a directory */

u32 kcifsd_vfs_status(int err);

u32 kcifsd_vfs_lookup(const struct kcifsd_tree *tree, const char *name,
		      unsigned int flags, struct path *out);
u32 kcifsd_vfs_may(const struct kcifsd_tree *tree, const struct path *path,
		   int mask);
u32 kcifsd_vfs_open(const struct kcifsd_tree *tree, const struct path *path,
		    int oflags, bool created, struct file **filp);
bool kcifsd_vfs_is_owner(const struct kcifsd_tree *tree,
			 const struct path *path);
u32 kcifsd_vfs_create(const struct kcifsd_tree *tree, const char *name,
		      umode_t mode, dev_t dev, const char *target,
		      struct path *out);
u32 kcifsd_vfs_truncate(const struct kcifsd_tree *tree, struct file *file,
			loff_t size);
u32 kcifsd_vfs_remove(const struct kcifsd_tree *tree,
		      const struct path *path);
u32 kcifsd_vfs_rename(const struct kcifsd_tree *tree,
		      const struct path *old, const char *newname,
		      bool replace);
u32 kcifsd_vfs_link(const struct kcifsd_tree *tree, const struct path *old,
		    const char *newname);
u32 kcifsd_vfs_getattr(const struct kcifsd_tree *tree,
		       const struct path *path, struct kstat *st);
u32 kcifsd_vfs_setattr(const struct kcifsd_tree *tree,
		       const struct path *path, struct iattr *attr);
u32 kcifsd_vfs_statfs(const struct kcifsd_tree *tree, struct kstatfs *st);
u32 kcifsd_vfs_dir_empty(const struct kcifsd_tree *tree,
			 const struct path *dir);

/**
 * typedef kcifsd_vfs_dir_actor_t - called for each entry of a directory
 * @priv: the caller's argument
 * @name: the entry's name (not NUL-terminated; "." and ".." are skipped)
 * @len: its length
 * @type: DT_* type
 *
 * Return: true to go on, false to stop.
 */
typedef bool (*kcifsd_vfs_dir_actor_t)(void *priv, const char *name,
				       int len, unsigned int type);
u32 kcifsd_vfs_iterate(const struct kcifsd_tree *tree,
		       const struct path *dir, kcifsd_vfs_dir_actor_t actor,
		       void *priv);

u32 kcifsd_vfs_read_pages(struct file *file, loff_t pos, size_t len,
			  struct bio_vec **bvec, unsigned int *nr_bvec,
			  size_t *got);
u32 kcifsd_vfs_write(struct file *file, loff_t pos, const void *buf,
		     size_t len, size_t *written);
u32 kcifsd_vfs_fsync(struct file *file);
void kcifsd_vfs_fput_now(struct file *file);
void kcifsd_vfs_release_pages(struct bio_vec *bvec, unsigned int nr_bvec);

/*
 * Exported by 6.1 (EXPORT_SYMBOL in fs/namei.c) but declared only in its
 * fs/internal.h; include/linux/namei.h declares it from 6.2 on, with the
 * same prototype.
 */
int vfs_path_lookup(struct dentry *dentry, struct vfsmount *mnt,
		    const char *name, unsigned int flags, struct path *path);

#endif /* _KCIFSD_VFS_H */
