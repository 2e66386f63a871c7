// SPDX-License-Identifier: GPL-2.0-only
/*
 * The CIFS UNIX extensions' set levels of TRANS2_SET_PATH_INFORMATION and
 * TRANS2_SET_FILE_INFORMATION, and the symlink read of the query levels:
 *
 * - SMB_SET_FILE_UNIX_BASIC (0x200): chown, chmod, truncate, utimes of
 *   an existing object; by path, on a name that does not exist, mknod
 *   of a FIFO, socket or (where the user's credentials allow) device;
 * - SMB_SET_FILE_UNIX_LINK (0x201, by path): symlink; the data is the
 *   target, stored verbatim;
 * - SMB_SET_FILE_UNIX_HLINK (0x203, by path): hard link; the data is the
 *   existing file's name from the share root;
 * - SMB_SET_FILE_UNIX_INFO2 (0x20B): SMB_SET_FILE_UNIX_BASIC's changes of
 *   an existing object and its creation time;
 * - SMB_SET_POSIX_ACL (0x204): fs/unix_acl.c;
 * - SMB_QUERY_FILE_UNIX_LINK (0x201): readlink;
 * - SMB_POSIX_PATH_OPEN (0x209) and SMB_POSIX_PATH_UNLINK (0x20A), by
 *   path: fs/unix_open.c.
 *
 * The kernel's own permission rules decide each change, under the tree's
 * credentials: only the owner changes the mode and sets explicit times,
 * the owner gives the file to a group it is in, nobody without
 * CAP_CHOWN (no client has it) gives a file away.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uidgid.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/dosattr.h"
#include "fs/fid.h"
#include "fs/fileinfo.h"
#include "fs/infolevel.h"
#include "fs/path.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/tree.h"
#include "fs/unix_info.h"
#include "fs/unix_vfs.h"
#include "fs/vfs.h"

/* SET_PATH_INFORMATION parameters before FileName (MS-CIFS 2.2.6.7.1) */
#define SPATH_NAME_OFF		6

/* Through a FID the open must have been granted @access (as Windows). */
static u32 unix_access(const struct kcifsd_t2_obj *obj, u32 access)
{
	if (obj->op && !(obj->op->access & access))
		return STATUS_ACCESS_DENIED;
	return STATUS_SUCCESS;
}

static u32 unix_set_owner(struct kcifsd_t2_obj *obj,
			  const struct kcifsd_unix_set *set,
			  const struct kstat *st)
{
	struct iattr ia = {};
	kuid_t uid;
	kgid_t gid;

	if (set->set_uid) {
		uid = make_kuid(&init_user_ns, set->uid);
		if (!uid_valid(uid))
			return STATUS_INVALID_PARAMETER;
		if (!uid_eq(uid, st->uid)) {
			ia.ia_valid |= ATTR_UID;
			ia.ia_uid = uid;
		}
	}
	if (set->set_gid) {
		gid = make_kgid(&init_user_ns, set->gid);
		if (!gid_valid(gid))
			return STATUS_INVALID_PARAMETER;
		if (!gid_eq(gid, st->gid)) {
			ia.ia_valid |= ATTR_GID;
			ia.ia_gid = gid;
		}
	}
	if (!ia.ia_valid)
		return STATUS_SUCCESS;
	/* As chown(2): a new owner drops the set-id bits of a file. */
	if (!S_ISDIR(st->mode))
		ia.ia_valid |= ATTR_KILL_SUID | ATTR_KILL_SGID | ATTR_KILL_PRIV;
	ia.ia_valid |= ATTR_CTIME;
	return kcifsd_vfs_setattr(obj->tree, &obj->path, &ia);
}

static u32 unix_set_mode(struct kcifsd_t2_obj *obj,
			 const struct kcifsd_unix_set *set,
			 const struct kstat *st)
{
	struct iattr ia = {};

	if (!set->set_mode || set->mode == (st->mode & 07777))
		return STATUS_SUCCESS;
	/* Linux has no lchmod(): a symlink's mode is fixed. */
	if (S_ISLNK(st->mode))
		return STATUS_NOT_SUPPORTED;
	ia.ia_valid = ATTR_MODE | ATTR_CTIME;
	ia.ia_mode = set->mode | (st->mode & S_IFMT);
	return kcifsd_vfs_setattr(obj->tree, &obj->path, &ia);
}

static u32 unix_set_size(struct kcifsd_t2_obj *obj,
			 const struct kcifsd_unix_set *set,
			 const struct kstat *st)
{
	struct file *file;
	u32 status;

	if (!set->set_size || set->size == st->size)
		return STATUS_SUCCESS;
	if (!S_ISREG(st->mode))
		return STATUS_INVALID_PARAMETER;
	status = unix_access(obj, FILE_WRITE_DATA);
	if (status)
		return status;
	if (obj->op)
		return kcifsd_vfs_truncate(obj->tree, obj->op->file, set->size);
	status = kcifsd_vfs_open(obj->tree, &obj->path, O_PATH, false, &file);
	if (status)
		return status;
	status = kcifsd_vfs_truncate(obj->tree, file, set->size);
	fput(file);
	return status;
}

static u32 unix_set_times(struct kcifsd_t2_obj *obj,
			  const struct kcifsd_unix_set *set)
{
	struct iattr ia = {};

	if (set->set_atime) {
		ia.ia_valid |= ATTR_ATIME | ATTR_ATIME_SET;
		ia.ia_atime = kcifsd_filetime_to_ts(set->atime);
	}
	if (set->set_mtime) {
		ia.ia_valid |= ATTR_MTIME | ATTR_MTIME_SET;
		ia.ia_mtime = kcifsd_filetime_to_ts(set->mtime);
	}
	if (!ia.ia_valid)
		return STATUS_SUCCESS;
	ia.ia_valid |= ATTR_CTIME;
	return kcifsd_vfs_setattr(obj->tree, &obj->path, &ia);
}

/**
 * kcifsd_unix_set_basic() - SMB_SET_FILE_UNIX_BASIC on an existing object
 * @obj: the object (a symlink itself, by path)
 * @data: FILE_UNIX_BASIC_INFO
 * @len: its length
 *
 * In the order chown(2), chmod(2), truncate(2), utimensat(2), so a mode
 * asked for with a new owner is the one that stays. The first change the
 * kernel refuses ends the request with its status.
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_unix_set_basic(struct kcifsd_t2_obj *obj, const u8 *data,
			  unsigned int len)
{
	struct kcifsd_unix_set set;
	struct kstat st;
	u32 status;

	if (len < UNIX_BASIC_SIZE)
		return STATUS_INFO_LENGTH_MISMATCH;
	if (kcifsd_unix_set_decode(data, len, &set))
		return STATUS_INVALID_PARAMETER;
	if ((set.set_uid || set.set_gid || set.set_mode || set.set_atime ||
	     set.set_mtime) && unix_access(obj, FILE_WRITE_ATTRIBUTES))
		return STATUS_ACCESS_DENIED;
	status = kcifsd_vfs_getattr(obj->tree, &obj->path, &st);
	if (!status)
		status = unix_set_owner(obj, &set, &st);
	if (!status)
		status = kcifsd_vfs_getattr(obj->tree, &obj->path, &st);
	if (!status)
		status = unix_set_mode(obj, &set, &st);
	if (!status)
		status = unix_set_size(obj, &set, &st);
	if (!status)
		status = unix_set_times(obj, &set);
	return status;
}

/**
 * kcifsd_unix_set_info2() - SMB_SET_FILE_UNIX_INFO2 on an existing object
 * @obj: the object (a symlink itself, by path)
 * @data: FILE_UNIX_INFO2
 * @len: its length
 *
 * FlagsMask is checked first (no flag is kept, fs/unix_info.c): a
 * request that changes a flag changes nothing. Then the
 * FILE_UNIX_BASIC_INFO part as kcifsd_unix_set_basic(), then the
 * creation time (fs/dosattr.c).
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER for a flag,
 * STATUS_INFO_LENGTH_MISMATCH for short data, or an error status.
 */
u32 kcifsd_unix_set_info2(struct kcifsd_t2_obj *obj, const u8 *data,
			  unsigned int len)
{
	struct kstat st;
	u64 create;
	u32 status;

	if (len < UNIX_INFO2_SIZE)
		return STATUS_INFO_LENGTH_MISMATCH;
	if (kcifsd_unix_info2_decode(data, len, &create)) {
		pr_debug_ratelimited("SET_FILE_UNIX_INFO2: file flags 0x%08x not kept\n",
				     get_unaligned_le32(data + 112));
		return STATUS_INVALID_PARAMETER;
	}
	status = kcifsd_unix_set_basic(obj, data, len);
	if (status || !create)
		return status;
	if (unix_access(obj, FILE_WRITE_ATTRIBUTES))
		return STATUS_ACCESS_DENIED;
	status = kcifsd_vfs_getattr(obj->tree, &obj->path, &st);
	if (!status)
		status = kcifsd_dosattr_set(obj->tree, &obj->path, &st, 0,
					    create);
	return status;
}

/*
 * SMB_SET_FILE_UNIX_BASIC on a name that does not exist: mknod(2) of the
 * Type asked for. Regular files and directories are made by the open
 * and mkdir commands, symlinks by SMB_SET_FILE_UNIX_LINK.
 */
static u32 unix_mknod(struct kcifsd_t2_obj *obj, const u8 *data,
		      unsigned int len)
{
	struct kcifsd_unix_set set;
	umode_t type;

	if (len < UNIX_BASIC_SIZE)
		return STATUS_INFO_LENGTH_MISMATCH;
	if (kcifsd_unix_set_decode(data, len, &set))
		return STATUS_INVALID_PARAMETER;
	type = kcifsd_unix_type_mode(set.type);
	if (type != S_IFIFO && type != S_IFSOCK && type != S_IFCHR &&
	    type != S_IFBLK)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	return kcifsd_vfs_create(obj->tree, obj->name,
				 type | (set.set_mode ? set.mode : 0644),
				 set.dev, NULL, NULL);
}

/* SMB_SET_FILE_UNIX_LINK: the data is the target, any string at all. */
static u32 unix_symlink(struct kcifsd_smb_req *req, struct kcifsd_t2_obj *obj,
			const struct kcifsd_trans *t)
{
	char *target;
	u32 status;
	int err;

	err = kcifsd_unix_string(t->data, t->data_count,
				 req->flags2 & SMB_FLAGS2_UNICODE, &target);
	if (err)
		return err == -ENOMEM ? STATUS_NO_MEMORY :
		       err == -ENAMETOOLONG ? STATUS_OBJECT_NAME_INVALID :
		       STATUS_INVALID_PARAMETER;
	status = kcifsd_vfs_create(obj->tree, obj->name, S_IFLNK | 0777, 0,
				   target, NULL);
	kfree(target);
	return status;
}

/*
 * SMB_SET_FILE_UNIX_HLINK: the data names the existing object, from the
 * share root as FileName does; a final symlink is linked itself, as
 * link(2) does.
 */
static u32 unix_hardlink(struct kcifsd_smb_req *req, struct kcifsd_t2_obj *obj,
			 const struct kcifsd_trans *t)
{
	struct kcifsd_smb_path oldname;
	struct path old;
	u32 status;

	if (!t->data_count)
		return STATUS_INVALID_PARAMETER;
	status = kcifsd_path_decode(t->data, 0, t->data_count,
				    req->flags2 & SMB_FLAGS2_UNICODE, 0,
				    &oldname, NULL);
	if (status)
		return status;
	if (kcifsd_path_is_root(&oldname)) {
		status = STATUS_ACCESS_DENIED;
		goto out;
	}
	status = kcifsd_vfs_lookup(obj->tree, oldname.name,
				   KCIFSD_VFS_NOFOLLOW, &old);
	if (status)
		goto out;
	status = kcifsd_vfs_link(obj->tree, &old, obj->name);
	path_put(&old);
out:
	kcifsd_path_free(&oldname);
	return status;
}

/**
 * kcifsd_unix_set_path() - the UNIX levels of TRANS2_SET_PATH_INFORMATION
 * @req: the request
 * @t: the transaction; parameters: InformationLevel, Reserved (4),
 *	FileName; data: the level's structure
 * @level: InformationLevel, one of SMB_SET_FILE_UNIX_*
 *
 * The name is looked up without following a final symlink: a UNIX
 * client resolves its symlinks itself, and these levels act on the
 * name's own object (lchown(2)) or make it. SMB_POSIX_PATH_OPEN is the
 * exception: it follows a final symlink unless O_NOFOLLOW says not to,
 * and works on a read-only tree when it changes nothing.
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_unix_set_path(struct kcifsd_smb_req *req, struct kcifsd_trans *t,
			 u16 level)
{
	struct kcifsd_t2_obj obj;
	u32 status;

	status = kcifsd_t2_obj_by_path(req, t, SPATH_NAME_OFF,
				       KCIFSD_VFS_NOFOLLOW, &obj);
	/* An open looks the name up itself, as its flags say. */
	if (level == SMB_POSIX_PATH_OPEN && obj.name) {
		status = kcifsd_unix_posix_open(req, &obj, t);
		goto out;
	}
	if (status && status != STATUS_OBJECT_NAME_NOT_FOUND)
		goto out;
	if (obj.is_root || obj.tree->read_only) {
		status = STATUS_ACCESS_DENIED;
		goto out;
	}
	switch (level) {
	case SMB_SET_FILE_UNIX_BASIC:
		if (status)
			status = unix_mknod(&obj, t->data, t->data_count);
		else
			status = kcifsd_unix_set_basic(&obj, t->data,
						       t->data_count);
		break;
	case SMB_SET_FILE_UNIX_INFO2:
		if (!status)
			status = kcifsd_unix_set_info2(&obj, t->data,
						       t->data_count);
		break;
	case SMB_SET_POSIX_ACL:
		if (!status)
			status = kcifsd_unix_set_acl(&obj, t->data,
						     t->data_count);
		break;
	case SMB_SET_FILE_UNIX_LINK:
		status = status ? unix_symlink(req, &obj, t) :
				  STATUS_OBJECT_NAME_COLLISION;
		break;
	case SMB_SET_FILE_UNIX_HLINK:
		status = status ? unix_hardlink(req, &obj, t) :
				  STATUS_OBJECT_NAME_COLLISION;
		break;
	case SMB_POSIX_PATH_UNLINK:
		if (!status)
			status = kcifsd_unix_posix_unlink(&obj, t);
		break;
	default:
		pr_debug_ratelimited("SET_PATH_INFORMATION level 0x%04x: not supported\n",
				     level);
		status = STATUS_INVALID_LEVEL;
	}
	if (!status)
		status = kcifsd_t2_ea_offset(t);
out:
	kcifsd_t2_obj_put(&obj);
	return status;
}

/**
 * kcifsd_unix_readlink() - SMB_QUERY_FILE_UNIX_LINK: a symlink's target
 *	as stored, NUL-terminated
 * @obj: the symlink
 * @unicode: UTF-16LE (SMB_FLAGS2_UNICODE) or bytes as they are
 * @p: where
 * @room: bytes available there
 * @len: the bytes written
 *
 * Return: STATUS_SUCCESS, STATUS_NOT_SUPPORTED when @obj is not a
 * symlink, STATUS_BUFFER_OVERFLOW when @room is too small, or the status
 * of kcifsd_vfs_readlink().
 */
u32 kcifsd_unix_readlink(struct kcifsd_t2_obj *obj, bool unicode, u8 *p,
			 unsigned int room, unsigned int *len)
{
	unsigned int nul = unicode ? 2 : 1;
	char *target;
	u32 status;
	int n;

	/*
	 * Not a symlink: the level does not apply to the object (smbtorture
	 * raw.qfileinfo takes STATUS_NOT_SUPPORTED so, as for a level a
	 * server lacks).
	 */
	if (!d_is_symlink(obj->path.dentry))
		return STATUS_NOT_SUPPORTED;
	status = kcifsd_vfs_readlink(obj->tree, &obj->path, &target);
	if (status)
		return status;
	n = room < nul ? -ENOSPC :
	    kcifsd_put_name(p, room - nul, target, strlen(target), unicode);
	kfree(target);
	if (n < 0)
		return STATUS_BUFFER_OVERFLOW;
	memset(p + n, 0, nul);
	*len = n + nul;
	return STATUS_SUCCESS;
}
