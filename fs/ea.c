// SPDX-License-Identifier: GPL-2.0-only
/*
 * Extended attributes kept as user.kcifsd.ea.* xattrs of the file (the
 * mapping is described in fs/ea.h): their total size for the EaSize
 * fields, the SMB_FEA_LIST answers of the EA query levels, and setting
 * or deleting from a list a client sends.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xattr.h>
#include <asm/unaligned.h>

#include "fs/ea.h"
#include "fs/ntstatus.h"
#include "fs/tree.h"
#include "fs/vfs.h"

/* xattr lists past this are not read (a file with that many is odd) */
#define EA_LIST_MAX		(64 << 10)

/**
 * struct ea_names - the xattr names of a file, as listxattr(2) gives them
 * @buf: NUL-separated names
 * @len: bytes in @buf
 */
struct ea_names {
	char *buf;
	ssize_t len;
};

static void ea_names_free(struct ea_names *l)
{
	kvfree(l->buf);
	l->buf = NULL;
	l->len = 0;
}

/*
 * The file's xattr names. A file system without xattrs has none; a list
 * that grows between the two calls is read again.
 */
static int ea_names_get(struct dentry *d, struct ea_names *l)
{
	unsigned int tries;
	ssize_t n;

	l->buf = NULL;
	l->len = 0;
	for (tries = 0; tries < 3; tries++) {
		n = vfs_listxattr(d, NULL, 0);
		if (n == -EOPNOTSUPP || n == 0)
			return 0;
		if (n < 0)
			return n;
		if (n > EA_LIST_MAX)
			return -E2BIG;
		l->buf = kvmalloc(n, GFP_KERNEL);
		if (!l->buf)
			return -ENOMEM;
		l->len = vfs_listxattr(d, l->buf, n);
		if (l->len >= 0)
			return 0;
		n = l->len;
		ea_names_free(l);
		if (n != -ERANGE)
			return n;
	}
	return -ERANGE;
}

/*
 * The next EA name in @l from *@pos on: the part after the prefix, or
 * NULL at the end. Names too long to be an EA's are skipped.
 */
static const char *ea_names_next(const struct ea_names *l, ssize_t *pos,
				 unsigned int *len)
{
	while (*pos < l->len) {
		const char *x = l->buf + *pos;
		size_t n = strnlen(x, l->len - *pos);

		*pos += n + 1;
		if (n <= KCIFSD_EA_PREFIX_LEN ||
		    n > KCIFSD_EA_PREFIX_LEN + KCIFSD_EA_NAME_MAX ||
		    memcmp(x, KCIFSD_EA_XATTR_PREFIX, KCIFSD_EA_PREFIX_LEN))
			continue;
		*len = n - KCIFSD_EA_PREFIX_LEN;
		return x + KCIFSD_EA_PREFIX_LEN;
	}
	return NULL;
}

/* The stored name that is @name but for ASCII case, or NULL. */
static const char *ea_names_find(const struct ea_names *l, const char *name,
				 unsigned int len)
{
	unsigned int n;
	ssize_t pos = 0;
	const char *s;

	while ((s = ea_names_next(l, &pos, &n)))
		if (n == len && !strncasecmp(s, name, len))
			return s;
	return NULL;
}

/* "user.kcifsd.ea." + @name into @x (XATTR_NAME_MAX + 1 bytes) */
static void ea_xattr_name(char *x, const char *name, unsigned int len)
{
	memcpy(x, KCIFSD_EA_XATTR_PREFIX, KCIFSD_EA_PREFIX_LEN);
	memcpy(x + KCIFSD_EA_PREFIX_LEN, name, len);
	x[KCIFSD_EA_PREFIX_LEN + len] = '\0';
}

/**
 * kcifsd_ea_supported() - can a share keep EAs?
 * @root: the share's root
 *
 * Return: true if its file system has user extended attributes (a
 * lookup of one answers "no such attribute", not "not supported").
 */
bool kcifsd_ea_supported(const struct path *root)
{
	struct dentry *d = root->dentry;

	return __vfs_getxattr(d, d_inode(d), KCIFSD_EA_XATTR_PREFIX "?", NULL,
			      0) != -EOPNOTSUPP;
}

/**
 * kcifsd_ea_size() - the size of a file's EAs, for the EaSize fields
 * @path: the file
 *
 * The bytes of the SMB_FEA_LIST that SMB_INFO_QUERY_ALL_EAS answers, so
 * a client can size its buffer from it; 0 for a file without EAs (as
 * Windows reports). Read without permission checks: sizes are metadata,
 * as stat() shows (the values need the user's rights, kcifsd_ea_query()).
 *
 * Return: the size, 0 if none or on error.
 */
u32 kcifsd_ea_size(const struct path *path)
{
	struct dentry *d = path->dentry;
	char x[XATTR_NAME_MAX + 1], small[64];
	struct ea_names l;
	const char *name;
	unsigned int len;
	ssize_t pos = 0, v;
	u32 total = 0;

	/*
	 * Most files have no EA: one listxattr into a small buffer tells,
	 * without the size probe and the allocation of ea_names_get().
	 */
	l.len = vfs_listxattr(d, small, sizeof(small));
	if (l.len == -EOPNOTSUPP || !l.len)
		return 0;
	if (l.len > 0) {
		l.buf = small;
		if (!ea_names_next(&l, &pos, &len))
			return 0;
		pos = 0;
	} else if (ea_names_get(d, &l)) {
		return 0;
	}
	while ((name = ea_names_next(&l, &pos, &len))) {
		ea_xattr_name(x, name, len);
		v = __vfs_getxattr(d, d_inode(d), x, NULL, 0);
		if (v <= 0 || v > KCIFSD_EA_VALUE_MAX)
			continue;
		total += kcifsd_ea_fea_size(len, v);
	}
	if (l.buf != small)
		ea_names_free(&l);
	return total ? total + 4 : 0;
}

/*
 * Append EA @name to the SMB_FEA_LIST at @buf: its value if the file has
 * it (as @stored), else empty. Listing them all (@all), an empty one is
 * left out. @val is a KCIFSD_EA_VALUE_MAX buffer.
 */
static u32 ea_query_one(const struct path *path, const char *name,
			unsigned int len, const char *stored, bool all,
			u8 *val, u8 *buf, u32 room, u32 *pos)
{
	char x[XATTR_NAME_MAX + 1];
	ssize_t v = 0;
	int n;

	if (stored) {
		ea_xattr_name(x, stored, len);
		v = vfs_getxattr(mnt_user_ns(path->mnt), path->dentry, x, val,
				 KCIFSD_EA_VALUE_MAX);
		/* Gone meanwhile, or too large to be an EA */
		if (v == -ENODATA || v == -ERANGE)
			v = 0;
		if (v < 0)
			return kcifsd_vfs_status(v);
		name = stored;
	}
	if (!v && all)
		return STATUS_SUCCESS;
	n = kcifsd_ea_put_fea(buf + *pos, room - *pos, name, len, val, v);
	if (n < 0)
		return STATUS_BUFFER_OVERFLOW;
	*pos += n;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_ea_query() - a file's EAs as an SMB_FEA_LIST
 * @tree: the tree connect (its user's credentials read the values)
 * @path: the file
 * @gea: an SMB_GEA_LIST of the names asked for, or NULL for all
 * @gea_len: bytes of @gea
 * @buf: where the list goes
 * @room: bytes at @buf
 * @len: the list's size (SizeOfListInBytes)
 *
 * Asked by name, an EA the file does not have comes back with an empty
 * value (MS-CIFS 2.2.8.1.3, as Windows answers), under the name as
 * asked; one it has under its stored name.
 *
 * Return: STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW if the list does not
 * fit @room, STATUS_EA_LIST_INCONSISTENT for a bad @gea, or the status
 * of a failed read (STATUS_ACCESS_DENIED...).
 */
u32 kcifsd_ea_query(const struct kcifsd_tree *tree, const struct path *path,
		    const u8 *gea, u32 gea_len, u8 *buf, u32 room, u32 *len)
{
	const struct cred *old;
	struct kcifsd_ea_iter it;
	struct kcifsd_ea ea;
	struct ea_names l;
	const char *name;
	unsigned int n;
	ssize_t lpos = 0;
	u32 pos = 4, status = STATUS_SUCCESS;
	u8 *val;
	int ret;

	if (room < 4)
		return STATUS_BUFFER_OVERFLOW;
	if (gea) {
		status = kcifsd_ea_iter_init(&it, KCIFSD_EA_GEA, gea, gea_len);
		if (status)
			return status;
	}
	val = kvmalloc(KCIFSD_EA_VALUE_MAX, GFP_KERNEL);
	if (!val)
		return STATUS_NO_MEMORY;
	ret = ea_names_get(path->dentry, &l);
	if (ret) {
		kvfree(val);
		return kcifsd_vfs_status(ret);
	}
	old = override_creds(kcifsd_tree_cred(tree));
	if (!gea) {
		while (!status && (name = ea_names_next(&l, &lpos, &n)))
			status = ea_query_one(path, name, n, name, true, val,
					      buf, room, &pos);
	} else {
		while (!status && (ret = kcifsd_ea_next(&it, &ea)) > 0)
			status = ea_query_one(path, ea.name, ea.name_len,
					      ea_names_find(&l, ea.name,
							    ea.name_len),
					      false, val, buf, room, &pos);
		if (!status && ret < 0)
			status = STATUS_EA_LIST_INCONSISTENT;
	}
	revert_creds(old);
	ea_names_free(&l);
	kvfree(val);
	if (status)
		return status;
	put_unaligned_le32(pos, buf);
	*len = pos;
	return STATUS_SUCCESS;
}

/* Set or delete one EA; the names are re-read, the last may have changed. */
static int ea_set_one(const struct path *path, const struct kcifsd_ea *ea)
{
	struct user_namespace *ns = mnt_user_ns(path->mnt);
	char x[XATTR_NAME_MAX + 1], old[XATTR_NAME_MAX + 1];
	const char *stored;
	struct ea_names l;
	int err;

	err = ea_names_get(path->dentry, &l);
	if (err)
		return err;
	stored = ea_names_find(&l, ea->name, ea->name_len);
	if (stored)
		ea_xattr_name(old, stored, ea->name_len);
	ea_names_free(&l);

	ea_xattr_name(x, ea->name, ea->name_len);
	if (ea->value_len) {
		err = vfs_setxattr(ns, path->dentry, x, ea->value,
				   ea->value_len, 0);
		if (err)
			return err;
	}
	/* Deleting, or replacing a name that differs only in case */
	if (stored && (!ea->value_len || strcmp(old, x))) {
		err = vfs_removexattr(ns, path->dentry, old);
		if (err == -ENODATA)
			err = 0;
	}
	return err;
}

/**
 * kcifsd_ea_set() - set and delete EAs from a list
 * @tree: the tree connect (its user's credentials: writing user.*
 *	xattrs needs write permission on the file)
 * @path: the file
 * @kind: KCIFSD_EA_FEA (SMB_INFO_SET_EAS, TRANS2_CREATE_DIRECTORY) or
 *	KCIFSD_EA_FULL (FileFullEaInformation, NT_TRANSACT_CREATE)
 * @buf: the list
 * @len: its bytes
 * @err_off: EaErrorOffset: the entry that failed, or 0
 *
 * The whole list is checked first (kcifsd_ea_check_list()); then each
 * entry is set, or deleted for a zero-length value (deleting one the
 * file lacks is no error). A failure part way leaves the entries before
 * it set.
 *
 * Return: STATUS_SUCCESS, a status of kcifsd_ea_check_list(),
 * STATUS_EAS_NOT_SUPPORTED (no user xattrs on the share's file system),
 * STATUS_EA_TOO_LARGE (the file system has no room for it), or another
 * error status.
 */
u32 kcifsd_ea_set(const struct kcifsd_tree *tree, const struct path *path,
		  enum kcifsd_ea_kind kind, const u8 *buf, u32 len,
		  u32 *err_off)
{
	struct kcifsd_ea_iter it;
	const struct cred *old;
	struct kcifsd_ea ea;
	u32 status;
	int err = 0;

	status = kcifsd_ea_check_list(kind, buf, len, err_off);
	if (status) {
		pr_debug_ratelimited("EA list refused at %u: status 0x%08x\n",
				     *err_off, status);
		return status;
	}
	if (kcifsd_ea_list_empty(kind, buf, len))
		return STATUS_SUCCESS;
	if (tree->read_only)
		return STATUS_ACCESS_DENIED;
	kcifsd_ea_iter_init(&it, kind, buf, len);
	err = mnt_want_write(path->mnt);
	if (err)
		return kcifsd_vfs_status(err);
	old = override_creds(kcifsd_tree_cred(tree));
	while (kcifsd_ea_next(&it, &ea) > 0) {
		err = ea_set_one(path, &ea);
		if (err) {
			*err_off = ea.off;
			break;
		}
	}
	revert_creds(old);
	mnt_drop_write(path->mnt);
	switch (err) {
	case 0:
		return STATUS_SUCCESS;
	case -EOPNOTSUPP:
		pr_info_ratelimited("share %s: no user extended attributes: EAs cannot be kept\n",
				    tree->share);
		return STATUS_EAS_NOT_SUPPORTED;
	case -ENOSPC:
	case -E2BIG:
	case -ERANGE:
		return STATUS_EA_TOO_LARGE;
	}
	return kcifsd_vfs_status(err);
}
