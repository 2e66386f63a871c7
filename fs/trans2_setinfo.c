// SPDX-License-Identifier: GPL-2.0-only
/*
 * TRANS2_SET_PATH_INFORMATION, TRANS2_SET_FILE_INFORMATION (MS-CIFS
 * 2.2.6.7, 2.2.6.9, 3.3.5.58.7, 3.3.5.58.9) and TRANS2_CREATE_DIRECTORY
 * (2.2.6.14, 3.3.5.58.10): times, attributes, size, delete-on-close,
 * rename and hard link in the MS-CIFS set levels (2.2.8.4) and the
 * pass-through classes (MS-SMB 2.2.2.3.5, MS-FSCC 2.4).
 *
 * MS-CIFS allows the 0x01xx levels on SET_FILE only; by path the
 * pass-through forms do the same (what Linux sends once
 * CAP_INFOLEVEL_PASSTHRU is offered), through a server-side open that
 * takes part in the file's sharing (what Windows does).
 *
 * Through a FID the open's granted access decides, as on Windows:
 * FILE_WRITE_ATTRIBUTES for times and attributes, FILE_WRITE_DATA for
 * the size, DELETE for delete-on-close and rename. By path, the user's
 * permissions on the object do.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/falloc.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/dosattr.h"
#include "fs/ea.h"
#include "fs/fid.h"
#include "fs/fileinfo.h"
#include "fs/infolevel.h"
#include "fs/path.h"
#include "fs/sharemode.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/tree.h"
#include "fs/unix_info.h"
#include "fs/vfs.h"

/* Request parameters before FileName / after FID (2.2.6.7.1, 2.2.6.9.1) */
#define SPATH_NAME_OFF		6
#define SFILE_PARAMS		6
#define MKDIR_NAME_OFF		4

/* FILETIME values that mean "leave this time alone" (MS-FSCC 2.4.7) */
#define FILETIME_KEEP_0		0ULL
#define FILETIME_KEEP_1		0xFFFFFFFFFFFFFFFFULL
#define FILETIME_KEEP_2		0xFFFFFFFFFFFFFFFEULL

/* FileModeInformation bits a client may set (MS-FSCC 2.4.26) */
#define FILE_MODE_SETTABLE	0x0000003E
#define FILE_MODE_WRITE_THROUGH	0x00000002

/* FileRenameInformation / FileLinkInformation fixed part (MS-FSCC 2.4.37) */
#define RENAME_INFO_FIXED	12

/**
 * struct sinfo - a set being done
 * @req: the request
 * @t: the transaction
 * @obj: the object
 * @level: InformationLevel
 * @data: the level's structure
 * @len: its length
 */
struct sinfo {
	struct kcifsd_smb_req *req;
	struct kcifsd_trans *t;
	struct kcifsd_t2_obj *obj;
	u16 level;
	const u8 *data;
	u32 len;
};

/*
 * A set by path acts through an open the server makes for the time of
 * it (MS-CIFS 3.3.5.58.7): it takes part in the file's sharing like any
 * other open, so an open elsewhere that does not share @access makes it
 * STATUS_SHARING_VIOLATION. A set through a FID is its open's.
 */
static u32 sinfo_as_open(const struct sinfo *s, u32 access,
			 u32 (*fn)(const struct sinfo *s, void *arg), void *arg)
{
	struct kcifsd_t2_obj *obj = s->obj;
	struct kcifsd_share_entry entry = {
		.access = access,
		.share = FILE_SHARE_ALL,
	};
	struct kcifsd_file_state *state;
	u32 status;

	if (obj->op)
		return fn(s, arg);
	INIT_LIST_HEAD(&entry.node);
	status = kcifsd_share_join(d_inode(obj->path.dentry), &entry, &state);
	if (status)
		return status;
	status = fn(s, arg);
	/* Made delete-pending meanwhile: the last one out removes it. */
	if (kcifsd_share_leave(state, &entry)) {
		kcifsd_vfs_remove(obj->tree, &obj->path);
		kcifsd_share_deleted(state);
	}
	return status;
}

/* Through a FID, the open must have been granted @access. */
static u32 sinfo_access(const struct sinfo *s, u32 access)
{
	if (s->obj->op && !(s->obj->op->access & access))
		return STATUS_ACCESS_DENIED;
	return STATUS_SUCCESS;
}

static bool filetime_set(u64 ft)
{
	return ft != FILETIME_KEEP_0 && ft != FILETIME_KEEP_1 &&
	       ft != FILETIME_KEEP_2;
}

/*
 * New times and attributes: LastAccessTime and LastWriteTime go to the
 * inode (explicit times need the owner, as utimensat(2)); CreationTime,
 * ChangeTime and the attributes go to fs/dosattr.c, last, so that a
 * ChangeTime set is the one read back (every change before it moved the
 * inode's). What the request alone makes invalid (DIRECTORY on a file)
 * is refused before anything changes.
 *
 * -1 and -2 (MS-FSCC 2.4.7: stop, resume updating that time for later
 * operations on the handle) are taken as "no change": Linux moves the
 * inode times with every change whatever the handle asked.
 */
static u32 sinfo_times_attrs(const struct sinfo *s, u64 create, u64 access,
			     u64 write, u64 change, u32 attrs)
{
	struct kcifsd_t2_obj *obj = s->obj;
	struct iattr ia = {};
	struct kstat st;
	u32 status;

	status = sinfo_access(s, FILE_WRITE_ATTRIBUTES);
	if (status)
		return status;
	if (!filetime_set(create))
		create = 0;
	if (!filetime_set(change))
		change = 0;
	if (attrs || create || change) {
		status = kcifsd_vfs_getattr(obj->tree, &obj->path, &st);
		if (status)
			return status;
		/* A file cannot be made a directory (MS-FSA 2.1.5.15.2). */
		if ((attrs & SMB_ATTR_DIRECTORY) && !S_ISDIR(st.mode))
			return STATUS_INVALID_PARAMETER;
	}
	if (filetime_set(access)) {
		ia.ia_valid |= ATTR_ATIME | ATTR_ATIME_SET;
		ia.ia_atime = kcifsd_filetime_to_ts(access);
	}
	if (filetime_set(write)) {
		ia.ia_valid |= ATTR_MTIME | ATTR_MTIME_SET;
		ia.ia_mtime = kcifsd_filetime_to_ts(write);
	}
	if (ia.ia_valid) {
		status = kcifsd_vfs_setattr(obj->tree, &obj->path, &ia);
		if (status)
			return status;
	}
	if (!attrs && !create && !change)
		return STATUS_SUCCESS;
	/*
	 * What fs/dosattr.c compares must be the file as it is now, what a
	 * query reports after the times just set (where no birth time is
	 * kept, the creation time is derived from them; only one a client
	 * sets is stored).
	 */
	if (ia.ia_valid) {
		status = kcifsd_vfs_getattr(obj->tree, &obj->path, &st);
		if (status)
			return status;
	}
	return kcifsd_dosattr_set_times(obj->tree, &obj->path, &st, attrs,
					create, change);
}

/*
 * SMB_SET_FILE_BASIC_INFO (2.2.8.4.3) / FileBasicInformation (40 bytes):
 * a time below -2 is STATUS_INVALID_PARAMETER (MS-FSA 2.1.5.15.2).
 */
static u32 sinfo_basic(const struct sinfo *s)
{
	const u8 *p = s->data;
	u64 t[4];
	int i;

	if (s->len < 36)
		return STATUS_INFO_LENGTH_MISMATCH;
	for (i = 0; i < 4; i++) {
		t[i] = get_unaligned_le64(p + 8 * i);
		if ((s64)t[i] < -2)
			return STATUS_INVALID_PARAMETER;
	}
	return sinfo_times_attrs(s, t[0], t[1], t[2], t[3],
				 get_unaligned_le32(p + 32));
}

/*
 * SMB_INFO_STANDARD (2.2.8.4.1): creation, access and write times as
 * SMB_DATE/SMB_TIME pairs, zero for no change; 10 reserved bytes follow.
 */
static u32 sinfo_standard(const struct sinfo *s)
{
	const u8 *p = s->data;
	u64 t[3];
	int i;

	if (s->len < 12)
		return STATUS_INFO_LENGTH_MISMATCH;
	for (i = 0; i < 3; i++)
		t[i] = kcifsd_smb_datetime_to_filetime(
				get_unaligned_le16(p + 4 * i),
				get_unaligned_le16(p + 4 * i + 2));
	return sinfo_times_attrs(s, t[0], t[1], t[2], 0, 0);
}

static u32 sinfo_eas_fn(const struct sinfo *s, void *arg)
{
	enum kcifsd_ea_kind kind = s->level == SMB_INFO_SET_EAS ?
				   KCIFSD_EA_FEA : KCIFSD_EA_FULL;
	u32 status, off;

	status = kcifsd_ea_set(s->obj->tree, &s->obj->path, kind, s->data,
			       s->len, &off);
	return status ? kcifsd_t2_ea_error(s->t, status, off) : status;
}

/*
 * SMB_INFO_SET_EAS (2.2.8.4.2): an SMB_FEA_LIST; FileFullEaInformation
 * (MS-FSCC 2.4.15): FILE_FULL_EA_INFORMATION entries. Each EA is set, or
 * deleted by a zero-length value (fs/ea.c); a refused list gets its
 * EaErrorOffset. Through a FID the open needs FILE_WRITE_EA.
 */
static u32 sinfo_eas(const struct sinfo *s)
{
	u32 status;

	if (s->level == SMB_INFO_SET_EAS && s->len < 4)
		return STATUS_INFO_LENGTH_MISMATCH;
	status = sinfo_access(s, FILE_WRITE_EA);
	if (status)
		return status;
	return sinfo_as_open(s, FILE_WRITE_EA, sinfo_eas_fn, NULL);
}

/*
 * A larger AllocationSize through an open reserves the blocks without
 * changing the size (MS-FSA 2.1.5.15.1); by path Windows releases them
 * again as its own open closes, so nothing is done.
 */
static u32 sinfo_reserve(const struct sinfo *s, u64 size)
{
	struct kcifsd_open *op = s->obj->op;
	const struct cred *old;
	int err;

	if (!op || !(op->file->f_mode & FMODE_WRITE))
		return STATUS_SUCCESS;
	old = override_creds(kcifsd_tree_cred(op->tree));
	err = vfs_fallocate(op->file, FALLOC_FL_KEEP_SIZE, 0, size);
	revert_creds(old);
	/* Not every file system can reserve: the size is still right. */
	if (err == -EOPNOTSUPP)
		err = 0;
	return kcifsd_vfs_status(err);
}

static u32 sinfo_size_fn(const struct sinfo *s, void *arg)
{
	struct kcifsd_t2_obj *obj = s->obj;
	struct file *file = obj->op ? obj->op->file : NULL;
	bool alloc = arg;
	struct kstat st;
	u64 size;
	u32 status;

	size = get_unaligned_le64(s->data);
	status = kcifsd_vfs_getattr(obj->tree, &obj->path, &st);
	if (status)
		return status;
	if (S_ISDIR(st.mode) || size > LLONG_MAX)
		return STATUS_INVALID_PARAMETER;
	if (alloc && size >= st.size)
		return sinfo_reserve(s, size);
	if (!file) {
		status = kcifsd_vfs_open(obj->tree, &obj->path, O_PATH, false,
					 &file);
		if (status)
			return status;
		status = kcifsd_vfs_truncate(obj->tree, file, size);
		fput(file);
		return status;
	}
	return kcifsd_vfs_truncate(obj->tree, file, size);
}

/*
 * EndOfFile (truncate or extend, MS-FSA 2.1.5.15.4) and AllocationSize
 * (a smaller one cuts the file, 2.1.5.15.1): FILE_WRITE_DATA.
 */
static u32 sinfo_size(const struct sinfo *s, bool alloc)
{
	u32 status;

	if (s->len < 8)
		return STATUS_INFO_LENGTH_MISMATCH;
	status = sinfo_access(s, FILE_WRITE_DATA);
	if (status)
		return status;
	return sinfo_as_open(s, FILE_WRITE_DATA, sinfo_size_fn,
			     (void *)alloc);
}

/*
 * SMB_SET_FILE_DISPOSITION_INFO (2.2.8.4.4) / FileDispositionInformation
 * (MS-FSCC 2.4.11; MS-FSA 2.1.5.15.3): the file is deleted when its last
 * open closes. A read-only file cannot be (STATUS_CANNOT_DELETE), nor a
 * directory that is not empty (STATUS_DIRECTORY_NOT_EMPTY).
 */
static u32 sinfo_disposition(const struct sinfo *s)
{
	struct kcifsd_t2_obj *obj = s->obj;
	struct kcifsd_info info;
	bool pending;
	u32 status;

	if (s->len < 1)
		return STATUS_INFO_LENGTH_MISMATCH;
	pending = s->data[0];
	/*
	 * By path the server's own open would make the file go as it
	 * closes; only clearing (a no-op) is taken, deleting is DELETE's.
	 */
	if (!obj->op)
		return pending ? STATUS_INVALID_PARAMETER : STATUS_SUCCESS;
	status = sinfo_access(s, DELETE);
	if (status)
		return status;
	if (pending) {
		status = kcifsd_info_get(obj->tree, &obj->path, &info);
		if (status)
			return status;
		if (info.attrs & SMB_ATTR_READONLY)
			return STATUS_CANNOT_DELETE;
		if (info.is_dir) {
			status = kcifsd_vfs_dir_empty(obj->tree, &obj->path);
			if (status)
				return status;
		}
	}
	if (!obj->op->state)
		return STATUS_INVALID_HANDLE;
	kcifsd_share_set_delete_pending(obj->op->state, pending);
	return STATUS_SUCCESS;
}

/*
 * FilePositionInformation (MS-FSCC 2.4.35): the open's file pointer, as
 * SEEK sets it.
 */
static u32 sinfo_position(const struct sinfo *s)
{
	struct kcifsd_open *op = s->obj->op;
	u64 pos;

	if (s->len < 8)
		return STATUS_INFO_LENGTH_MISMATCH;
	pos = get_unaligned_le64(s->data);
	if (pos > LLONG_MAX)
		return STATUS_INVALID_PARAMETER;
	if (!op)
		return STATUS_SUCCESS;	/* the server's own open's */
	spin_lock(&op->fpos->lock);
	op->fpos->pos = pos;
	spin_unlock(&op->fpos->lock);
	return STATUS_SUCCESS;
}

/*
 * FileModeInformation (MS-FSCC 2.4.26): of the valid bits, the open keeps
 * FILE_WRITE_THROUGH; the others describe how a local caller does I/O.
 */
static u32 sinfo_mode(const struct sinfo *s)
{
	u32 mode;

	if (s->len < 4)
		return STATUS_INFO_LENGTH_MISMATCH;
	mode = get_unaligned_le32(s->data);
	if (mode & ~FILE_MODE_SETTABLE)
		return STATUS_INVALID_PARAMETER;
	if (s->obj->op)
		WRITE_ONCE(s->obj->op->write_through,
			   !!(mode & FILE_MODE_WRITE_THROUGH));
	return STATUS_SUCCESS;
}

/*
 * The new name of FileRenameInformation / FileLinkInformation: over SMB1
 * Windows takes a name in the object's own directory only; a name with a
 * backslash is STATUS_NOT_SUPPORTED.
 */
static u32 sinfo_target(const struct sinfo *s, u32 len, char **out)
{
	bool unicode = s->req->flags2 & SMB_FLAGS2_UNICODE;
	const u8 *raw = s->data + RENAME_INFO_FIXED;
	struct kcifsd_smb_path name;
	const char *slash, *cur;
	u32 i, status;

	for (i = 0; i + unicode < len; i += 1 + unicode)
		if (raw[i] == '\\' && (!unicode || !raw[i + 1]))
			return STATUS_NOT_SUPPORTED;
	status = kcifsd_path_decode(s->data, RENAME_INFO_FIXED,
				    RENAME_INFO_FIXED + len, unicode, 0, &name,
				    NULL);
	if (status)
		return status;
	if (kcifsd_path_is_root(&name)) {
		kcifsd_path_free(&name);
		return STATUS_OBJECT_NAME_INVALID;
	}
	cur = kcifsd_t2_obj_name(s->obj);
	slash = strrchr(cur, '/');
	if (!slash) {
		*out = name.name;
		return STATUS_SUCCESS;
	}
	*out = kasprintf(GFP_KERNEL, "%.*s/%s", (int)(slash - cur), cur,
			 name.name);
	kcifsd_path_free(&name);
	return *out ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

/*
 * A target that is to be replaced must not be open anywhere, nor pending
 * deletion: STATUS_ACCESS_DENIED (MS-FSA 2.1.5.15.12.1, what Windows
 * answers over SMB1 whatever the other open shares).
 */
static u32 sinfo_target_free(const struct sinfo *s, const char *target)
{
	struct kcifsd_share_entry entry = { .share = FILE_SHARE_ALL };
	struct kcifsd_tree *tree = s->obj->tree;
	struct kcifsd_file_state *state;
	struct path path;
	bool others;
	u32 status;

	if (kcifsd_vfs_lookup(tree, target, KCIFSD_VFS_NOFOLLOW, &path))
		return STATUS_SUCCESS;	/* no target: the rename decides */
	if (d_inode(path.dentry) == d_inode(s->obj->path.dentry)) {
		path_put(&path);	/* itself, maybe in another case */
		return STATUS_SUCCESS;
	}
	INIT_LIST_HEAD(&entry.node);
	status = kcifsd_share_join(d_inode(path.dentry), &entry, &state);
	if (status) {
		path_put(&path);
		return status == STATUS_NO_MEMORY ? status :
		       STATUS_ACCESS_DENIED;
	}
	others = kcifsd_share_others(state, &entry);
	if (kcifsd_share_leave(state, &entry)) {
		kcifsd_vfs_remove(tree, &path);
		kcifsd_share_deleted(state);
	}
	path_put(&path);
	return others ? STATUS_ACCESS_DENIED : STATUS_SUCCESS;
}

struct sinfo_rename_arg {
	const char *target;
	bool replace;
	bool link;
};

static u32 sinfo_rename_fn(const struct sinfo *s, void *arg)
{
	const struct sinfo_rename_arg *a = arg;
	struct kcifsd_t2_obj *obj = s->obj;

	if (a->link)
		return kcifsd_vfs_link(obj->tree, &obj->path, a->target);
	return kcifsd_vfs_rename(obj->tree, &obj->path, a->target, a->replace);
}

/*
 * FileRenameInformation (MS-FSCC 2.4.37) and FileLinkInformation
 * (2.4.24): ReplaceIfExists (1, then 3 reserved), RootDirectory (4, must
 * be 0 over SMB1), FileNameLength (4), FileName. Renaming needs DELETE
 * on the object (MS-FSA 2.1.5.15.12).
 */
static u32 sinfo_rename(const struct sinfo *s, bool link)
{
	struct sinfo_rename_arg a = { .link = link };
	char *target = NULL;
	u32 len, status;

	if (s->len < RENAME_INFO_FIXED)
		return STATUS_INFO_LENGTH_MISMATCH;
	a.replace = s->data[0];
	len = get_unaligned_le32(s->data + 8);
	if (!len || len > s->len - RENAME_INFO_FIXED)
		return STATUS_INFO_LENGTH_MISMATCH;
	if (get_unaligned_le32(s->data + 4))
		return STATUS_INVALID_PARAMETER;
	if (!link) {
		status = sinfo_access(s, DELETE);
		if (status)
			return status;
	}
	status = sinfo_target(s, len, &target);
	if (status)
		return status;
	a.target = target;
	if (a.replace && !link)
		status = sinfo_target_free(s, target);
	if (!status)
		status = sinfo_as_open(s, link ? 0 : DELETE, sinfo_rename_fn,
				       &a);
	kfree(target);
	return status;
}

static u32 sinfo_invalid_level(const struct sinfo *s, void *unused)
{
	pr_debug_ratelimited("SET_%s_INFORMATION level 0x%04x: not supported\n",
			     s->obj->op ? "FILE" : "PATH", s->level);
	return STATUS_INVALID_LEVEL;
}

/*
 * MS-CIFS 2.2.8.4: the 0x01xx levels are for SET_FILE only; by path the
 * pass-through forms are taken (CAP_INFOLEVEL_PASSTHRU). The server's
 * open for the path comes first, so a file open elsewhere without
 * sharing gives STATUS_SHARING_VIOLATION before the level is refused, as
 * Samba answers.
 */
static u32 sinfo_native_by_path(const struct sinfo *s)
{
	u32 access = FILE_WRITE_ATTRIBUTES;

	if (s->level == SMB_SET_FILE_DISPOSITION_INFO)
		access = DELETE;
	else if (s->level != SMB_SET_FILE_BASIC_INFO)
		access = FILE_WRITE_DATA;
	return sinfo_as_open(s, access, sinfo_invalid_level, NULL);
}

static u32 sinfo_run(const struct sinfo *s)
{
	if (!s->obj->op && s->level >= SMB_SET_FILE_BASIC_INFO &&
	    s->level <= SMB_SET_FILE_END_OF_FILE_INFO)
		return sinfo_native_by_path(s);
	switch (s->level) {
	case SMB_INFO_STANDARD:
		return sinfo_standard(s);
	case SMB_INFO_SET_EAS:
	case SMB_INFO_PASSTHROUGH + FILE_FULL_EA_INFORMATION:
		return sinfo_eas(s);
	case SMB_SET_FILE_BASIC_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_BASIC_INFORMATION:
		return sinfo_basic(s);
	case SMB_SET_FILE_DISPOSITION_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_DISPOSITION_INFORMATION:
		return sinfo_disposition(s);
	case SMB_SET_FILE_ALLOCATION_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_ALLOCATION_INFORMATION:
		return sinfo_size(s, true);
	case SMB_SET_FILE_END_OF_FILE_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_END_OF_FILE_INFORMATION:
		return sinfo_size(s, false);
	case SMB_INFO_PASSTHROUGH + FILE_RENAME_INFORMATION:
		return sinfo_rename(s, false);
	case SMB_INFO_PASSTHROUGH + FILE_LINK_INFORMATION:
		return sinfo_rename(s, true);
	case SMB_INFO_PASSTHROUGH + FILE_POSITION_INFORMATION:
		return sinfo_position(s);
	case SMB_INFO_PASSTHROUGH + FILE_MODE_INFORMATION:
		return sinfo_mode(s);
	case SMB_SET_FILE_UNIX_BASIC:
		if (!kcifsd_unix_enabled(s->req))
			break;
		return kcifsd_unix_set_basic(s->obj, s->data, s->len);
	case SMB_SET_FILE_UNIX_INFO2:
		if (!kcifsd_unix_enabled(s->req))
			break;
		return kcifsd_unix_set_info2(s->obj, s->data, s->len);
	case SMB_SET_POSIX_ACL:
		if (!kcifsd_unix_enabled(s->req))
			break;
		return kcifsd_unix_set_acl(s->obj, s->data, s->len);
	}
	return sinfo_invalid_level(s, NULL);
}

static u32 sinfo_answer(struct kcifsd_smb_req *req, struct kcifsd_trans *t,
			struct kcifsd_t2_obj *obj, u16 level)
{
	struct sinfo s = {
		.req = req,
		.t = t,
		.obj = obj,
		.level = level,
		.data = t->data,
		.len = t->data_count,
	};
	u32 status;

	/* The share root is never changed (3.3.5.58.7, 3.3.5.58.9). */
	if (obj->is_root)
		return STATUS_ACCESS_DENIED;
	if (obj->tree->read_only)
		return STATUS_ACCESS_DENIED;
	status = sinfo_run(&s);
	return status ? status : kcifsd_t2_ea_offset(t);
}

/**
 * kcifsd_trans2_set_path() - TRANS2_SET_PATH_INFORMATION
 * @req: the request
 * @t: the transaction; parameters: InformationLevel, Reserved (4),
 *	FileName; data: the level's structure
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_trans2_set_path(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	struct kcifsd_t2_obj obj;
	u32 status;

	unsigned int flags = 0;
	u16 level;

	if (t->param_count < SPATH_NAME_OFF)
		return STATUS_INVALID_PARAMETER;
	level = get_unaligned_le16(t->param);
	if (kcifsd_unix_enabled(req) &&
	    (level == SMB_SET_FILE_UNIX_BASIC ||
	     level == SMB_SET_FILE_UNIX_LINK ||
	     level == SMB_SET_FILE_UNIX_HLINK ||
	     level == SMB_SET_POSIX_ACL ||
	     level == SMB_SET_FILE_UNIX_INFO2 ||
	     level == SMB_POSIX_PATH_OPEN ||
	     level == SMB_POSIX_PATH_UNLINK))
		return kcifsd_unix_set_path(req, t, level);
	/* A rename or link names the symlink itself, not its target. */
	if (level == SMB_INFO_PASSTHROUGH + FILE_RENAME_INFORMATION ||
	    level == SMB_INFO_PASSTHROUGH + FILE_LINK_INFORMATION)
		flags = KCIFSD_VFS_NOFOLLOW;
	status = kcifsd_t2_obj_by_path(req, t, SPATH_NAME_OFF, flags, &obj);
	if (!status)
		status = sinfo_answer(req, t, &obj, level);
	kcifsd_t2_obj_put(&obj);
	return status;
}

/**
 * kcifsd_trans2_set_file() - TRANS2_SET_FILE_INFORMATION
 * @req: the request
 * @t: the transaction; parameters: FID, InformationLevel, Reserved;
 *	data: the level's structure
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_trans2_set_file(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	struct kcifsd_t2_obj obj;
	u32 status;

	if (t->param_count < SFILE_PARAMS - 2)
		return STATUS_INVALID_PARAMETER;
	status = kcifsd_t2_obj_by_fid(req, get_unaligned_le16(t->param),
				      &obj);
	if (!status)
		status = sinfo_answer(req, t, &obj,
				      get_unaligned_le16(t->param + 2));
	kcifsd_t2_obj_put(&obj);
	return status;
}

/**
 * kcifsd_trans2_create_directory() - TRANS2_CREATE_DIRECTORY
 * @req: the request
 * @t: the transaction; parameters: Reserved (4), DirectoryName; data:
 *	an SMB_FEA_LIST of extended attributes for the new directory
 *
 * A name that exists (in any case) is STATUS_OBJECT_NAME_COLLISION
 * (3.3.5.58.10). The EA list is checked before the directory is made
 * and set on it after (fs/ea.c); if setting fails the directory stays
 * and the status goes with the entry's EaErrorOffset.
 *
 * Return: STATUS_SUCCESS or an error status.
 */
u32 kcifsd_trans2_create_directory(struct kcifsd_smb_req *req,
				   struct kcifsd_trans *t)
{
	struct kcifsd_smb_path name;
	struct kcifsd_t2_obj obj;
	struct path path;
	u32 status, off;
	bool eas;

	if (t->param_count < MKDIR_NAME_OFF)
		return STATUS_INVALID_PARAMETER;
	eas = !kcifsd_ea_list_empty(KCIFSD_EA_FEA, t->data, t->data_count);
	if (eas) {
		status = kcifsd_ea_check_list(KCIFSD_EA_FEA, t->data,
					      t->data_count, &off);
		if (status)
			return kcifsd_t2_ea_error(t, status, off);
	}
	status = kcifsd_t2_obj_tree(req, &obj);
	if (status)
		goto out;
	status = kcifsd_path_decode(t->param, MKDIR_NAME_OFF, t->param_count,
				    req->flags2 & SMB_FLAGS2_UNICODE, 0,
				    &name, NULL);
	if (status)
		goto out;
	if (kcifsd_path_is_root(&name)) {
		status = STATUS_OBJECT_NAME_COLLISION;
		goto out_name;
	}
	status = kcifsd_vfs_lookup(obj.tree, name.name, KCIFSD_VFS_NOFOLLOW,
				   &path);
	if (!status) {
		path_put(&path);
		status = STATUS_OBJECT_NAME_COLLISION;
		goto out_name;
	}
	if (status != STATUS_OBJECT_NAME_NOT_FOUND)
		goto out_name;
	status = kcifsd_vfs_create(obj.tree, name.name, S_IFDIR | 0777, 0,
				   NULL, &path);
	if (status)
		goto out_name;
	if (eas)
		status = kcifsd_ea_set(obj.tree, &path, KCIFSD_EA_FEA, t->data,
				       t->data_count, &off);
	path_put(&path);
	if (status)
		status = kcifsd_t2_ea_error(t, status, off);
	else
		status = kcifsd_t2_ea_offset(t);
out_name:
	kcifsd_path_free(&name);
out:
	kcifsd_t2_obj_put(&obj);
	return status;
}
