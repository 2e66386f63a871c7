// SPDX-License-Identifier: GPL-2.0-only
/*
 * The name-space commands, by path rather than by FID: DELETE
 * (MS-CIFS 2.2.4.7, 3.3.5.13, wildcards), RENAME (2.2.4.8, 3.3.5.14,
 * wildcards), NT_RENAME (2.2.4.66, 3.3.5.67: rename and hard link),
 * CREATE_DIRECTORY (2.2.4.1), DELETE_DIRECTORY (2.2.4.2), CHECK_DIRECTORY
 * (2.2.4.17), QUERY_INFORMATION (2.2.4.9), SET_INFORMATION (2.2.4.10) and
 * QUERY_INFORMATION_DISK (2.2.4.57).
 *
 * Deleting or renaming a file is, as on Windows, an open for DELETE in
 * disguise: it joins the file's sharing state for the time it takes.
 * RENAME's shares reading and writing, so a file held open without
 * FILE_SHARE_DELETE, or open with DELETE access itself, gives
 * STATUS_SHARING_VIOLATION (smbtorture raw.rename mv and ntrename,
 * base.rename); DELETE's shares nothing, so any open that reads or
 * writes the file does. A delete-pending file gives
 * STATUS_DELETE_PENDING.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/statfs.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/dosattr.h"
#include "fs/file_pdu.h"
#include "fs/fileinfo.h"
#include "fs/namespace.h"
#include "fs/path.h"
#include "fs/session.h"
#include "fs/sharemode.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/tree.h"
#include "fs/vfs.h"
#include "net/connection.h"

/* UTIME values that leave the time alone (MS-CIFS 2.2.4.10.1). */
#define UTIME_LEAVE	0xFFFFFFFF

/* Names one wildcard DELETE or RENAME acts on at most. */
#define NS_WILD_MAX	65536

/* The session and tree of a request, and a path from its Bytes. */
struct ns_ctx {
	struct kcifsd_session *sess;
	struct kcifsd_tree *tree;
	struct kcifsd_smb_path path;
	struct kcifsd_smb_path path2;
};

static u32 ns_start(struct kcifsd_smb_req *req, struct ns_ctx *ctx,
		    unsigned int flags, bool two)
{
	const u8 *next;
	u32 status;

	memset(ctx, 0, sizeof(*ctx));
	status = kcifsd_req_path_fmt(req, req->bytes, flags, &ctx->path,
				     &next);
	if (!status && two)
		status = kcifsd_req_path_fmt(req, next, flags, &ctx->path2,
					     NULL);
	if (!status)
		status = kcifsd_tree_get_req(req, &ctx->sess, &ctx->tree);
	if (!status && ctx->tree->type != KCIFSD_TREE_DISK) {
		/* IPC$ has no file system under it (no root to resolve in). */
		kcifsd_tree_put(ctx->tree);
		kcifsd_session_put(ctx->sess);
		ctx->tree = NULL;
		ctx->sess = NULL;
		status = STATUS_SMB_BAD_TID;
	}
	if (status) {
		kcifsd_path_free(&ctx->path2);
		kcifsd_path_free(&ctx->path);
	}
	return status;
}

static void ns_end(struct ns_ctx *ctx)
{
	kcifsd_tree_put(ctx->tree);
	kcifsd_session_put(ctx->sess);
	kcifsd_path_free(&ctx->path2);
	kcifsd_path_free(&ctx->path);
}

static u32 ns_reply_empty(struct kcifsd_smb_req *req)
{
	return kcifsd_smb_rsp_block(req, 0, 0) ? STATUS_SUCCESS :
						  STATUS_INSUFF_SERVER_RESOURCES;
}

/*
 * Hold an object as an open for DELETE sharing @share would, for the
 * time @fn changes it: sharing violations and pending deletes are
 * reported as for an open.
 */
static u32 ns_as_delete_open(struct kcifsd_tree *tree, const struct path *path,
			     u32 share,
			     u32 (*fn)(struct kcifsd_tree *tree,
				       const struct path *path, void *arg),
			     void *arg)
{
	struct kcifsd_share_entry entry = {
		.access = DELETE,
		.share = share,
	};
	struct kcifsd_file_state *state;
	u32 status;

	INIT_LIST_HEAD(&entry.node);
	status = kcifsd_share_join(d_inode(path->dentry), &entry, &state);
	if (status)
		return status;
	status = fn(tree, path, arg);
	/* Made delete-pending meanwhile: the last one out removes it. */
	if (kcifsd_share_leave(state, &entry)) {
		kcifsd_vfs_remove(tree, path);
		kcifsd_share_deleted(state);
	}
	return status;
}

static u32 ns_remove_fn(struct kcifsd_tree *tree, const struct path *path,
			void *unused)
{
	return kcifsd_vfs_remove(tree, path);
}

/* A file pending deletion is not there for commands by name (MS-FSA). */
static u32 ns_check_pending(const struct path *path)
{
	return kcifsd_share_inode_delete_pending(d_inode(path->dentry)) ?
	       STATUS_DELETE_PENDING : STATUS_SUCCESS;
}

/* A read-only file (no write bit at all) cannot be deleted (Windows). */
static bool ns_readonly(const struct path *path)
{
	return d_is_reg(path->dentry) &&
	       !(d_inode(path->dentry)->i_mode & 0222);
}

/*
 * Does a file's HIDDEN or SYSTEM attribute keep it out of a command
 * whose SearchAttributes do not ask for such files (MS-CIFS 2.2.4.7.1)?
 */
static bool ns_hidden_from(struct kcifsd_tree *tree, const struct path *path,
			   u16 search_attrs)
{
	struct kcifsd_dosattr da;
	struct kstat st;

	if (kcifsd_vfs_getattr(tree, path, &st))
		return false;
	kcifsd_dosattr_get(path, &st, &da);
	return da.attrs & ~search_attrs & (SMB_ATTR_HIDDEN | SMB_ATTR_SYSTEM);
}

static u32 ns_delete_file(struct kcifsd_tree *tree, const struct path *path,
			  unsigned int *done)
{
	/*
	 * Windows deletes through an open that shares nothing: a file open
	 * anywhere for anything but DELETE is a sharing violation, whatever
	 * that open shares (smbtorture base.unlink).
	 */
	u32 status = ns_as_delete_open(tree, path, 0, ns_remove_fn, NULL);

	if (!status)
		(*done)++;
	return status;
}

/*
 * One file of a DELETE. Directories, and hidden or system files the
 * SearchAttributes do not include, are skipped by wildcards and are
 * errors by name (STATUS_FILE_IS_A_DIRECTORY, STATUS_NO_SUCH_FILE);
 * *@done counts the files removed.
 */
static u32 ns_delete_one(struct kcifsd_tree *tree, const char *name,
			 u16 search_attrs, bool wild, unsigned int *done)
{
	struct path path;
	u32 status;

	status = kcifsd_vfs_lookup(tree, name, KCIFSD_VFS_NOFOLLOW, &path);
	if (status)
		return status;
	if (d_is_dir(path.dentry))
		status = wild ? STATUS_SUCCESS : STATUS_FILE_IS_A_DIRECTORY;
	else if (ns_hidden_from(tree, &path, search_attrs))
		status = wild ? STATUS_SUCCESS : STATUS_NO_SUCH_FILE;
	else if (ns_readonly(&path))
		status = STATUS_CANNOT_DELETE;
	else
		status = ns_delete_file(tree, &path, done);
	path_put(&path);
	return status;
}

/**
 * kcifsd_ns_unlink() - remove an object as unlink(2) or rmdir(2) does
 * @tree: the tree connect
 * @path: the object, resolved without following a final symlink
 *	(kcifsd_vfs_lookup() with KCIFSD_VFS_NOFOLLOW): a symlink is
 *	removed, never its target
 * @directory: rmdir(2) rather than unlink(2)
 *
 * The POSIX removal of the CIFS UNIX extensions (SMB_POSIX_PATH_UNLINK):
 * the DOS read-only and hidden attributes do not matter, the user's
 * write permission on the directory does (the VFS decides). Like RENAME
 * it is an open for DELETE in disguise that shares everything: an open
 * without FILE_SHARE_DELETE gives STATUS_SHARING_VIOLATION.
 *
 * Return: STATUS_SUCCESS, STATUS_FILE_IS_A_DIRECTORY (unlink of a
 * directory), STATUS_NOT_A_DIRECTORY (rmdir of anything else),
 * STATUS_DIRECTORY_NOT_EMPTY, or another error status.
 */
u32 kcifsd_ns_unlink(struct kcifsd_tree *tree, const struct path *path,
		     bool directory)
{
	if (directory && !d_is_dir(path->dentry))
		return STATUS_NOT_A_DIRECTORY;
	if (!directory && d_is_dir(path->dentry))
		return STATUS_FILE_IS_A_DIRECTORY;
	return ns_as_delete_open(tree, path, FILE_SHARE_ALL, ns_remove_fn,
				 NULL);
}

/* The names of a directory that match a pattern, collected first. */
struct ns_match {
	struct list_head node;
	unsigned int len;
	char name[];
};

struct ns_scan {
	const char *pattern;
	unsigned int plen;
	bool ci;
	struct list_head names;
	unsigned int nr;
	bool nomem;
};

static bool ns_scan_actor(void *priv, const char *name, int len,
			  unsigned int type)
{
	struct ns_scan *scan = priv;
	struct ns_match *m;

	if (!kcifsd_name_match(scan->pattern, scan->plen, name, len, scan->ci))
		return true;
	if (scan->nr >= NS_WILD_MAX)
		return false;
	m = kmalloc(struct_size(m, name, len + 1), GFP_KERNEL);
	if (!m) {
		scan->nomem = true;
		return false;
	}
	memcpy(m->name, name, len);
	m->name[len] = '\0';
	m->len = len;
	list_add_tail(&m->node, &scan->names);
	scan->nr++;
	return true;
}

static void ns_scan_free(struct ns_scan *scan)
{
	struct ns_match *m, *tmp;

	list_for_each_entry_safe(m, tmp, &scan->names, node)
		kfree(m);
}

/*
 * The entries of the directory of @path (its last component being the
 * pattern) that match. The DOS idiom "*.*" means every name, with or
 * without an extension.
 */
static u32 ns_scan_dir(struct kcifsd_tree *tree,
		       const struct kcifsd_smb_path *path,
		       struct ns_scan *scan, char **dirname)
{
	const char *pattern = path->name + path->last;
	struct path dir;
	u32 status;

	INIT_LIST_HEAD(&scan->names);
	scan->nr = 0;
	scan->nomem = false;
	scan->ci = !(tree->share_flags & KCIFSD_SHARE_F_CASE_SENSITIVE);
	scan->pattern = strcmp(pattern, "*.*") ? pattern : "*";
	scan->plen = strlen(scan->pattern);
	*dirname = kstrndup(path->name, path->last ? path->last - 1 : 0,
			    GFP_KERNEL);
	if (!*dirname)
		return STATUS_NO_MEMORY;
	status = kcifsd_vfs_lookup(tree, *dirname, KCIFSD_VFS_DIRECTORY, &dir);
	if (status == STATUS_OBJECT_NAME_NOT_FOUND)
		status = STATUS_OBJECT_PATH_NOT_FOUND;
	if (!status) {
		status = kcifsd_vfs_iterate(tree, &dir, ns_scan_actor, scan);
		path_put(&dir);
	}
	if (!status && scan->nomem)
		status = STATUS_NO_MEMORY;
	if (status) {
		ns_scan_free(scan);
		kfree(*dirname);
		*dirname = NULL;
	}
	return status;
}

static char *ns_join(const char *dir, const char *name)
{
	return kasprintf(GFP_KERNEL, "%s%s%s", dir, *dir ? "/" : "", name);
}

static u32 ns_delete_wild(struct kcifsd_tree *tree,
			  const struct kcifsd_smb_path *path, u16 search_attrs)
{
	struct ns_scan scan;
	struct ns_match *m;
	unsigned int done = 0;
	char *dir, *full;
	u32 status;

	status = ns_scan_dir(tree, path, &scan, &dir);
	if (status)
		return status;
	list_for_each_entry(m, &scan.names, node) {
		full = ns_join(dir, m->name);
		if (!full) {
			status = STATUS_NO_MEMORY;
			break;
		}
		status = ns_delete_one(tree, full, search_attrs, true, &done);
		kfree(full);
		if (status)
			break;
	}
	ns_scan_free(&scan);
	kfree(dir);
	/* Nothing deleted (MS-CIFS 2.2.4.7.2: ERRbadfile). */
	if (!status && !done)
		status = STATUS_NO_SUCH_FILE;
	return status;
}

/**
 * kcifsd_smb_delete() - SMB_COM_DELETE handler
 * @req: the request
 *
 * Regular files only; the last component may hold wildcards, and then
 * directories among the matches are left alone and nothing deleted at
 * all is STATUS_NO_SUCH_FILE. Hidden and system files only go if
 * SearchAttributes ask for them. A read-only file is
 * STATUS_CANNOT_DELETE.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_delete(struct kcifsd_smb_req *req)
{
	const struct smb1_search_attrs_req *w = (const void *)req->words;
	u16 attrs = get_unaligned_le16(&w->search_attributes);
	unsigned int done = 0;
	struct ns_ctx ctx;
	u32 status;

	status = ns_start(req, &ctx, KCIFSD_PATH_WILDCARDS, false);
	if (status)
		return status;
	if (ctx.path.wildcards)
		status = ns_delete_wild(ctx.tree, &ctx.path, attrs);
	else
		status = ns_delete_one(ctx.tree, ctx.path.name, attrs, false,
				       &done);
	ns_end(&ctx);
	return status ? status : ns_reply_empty(req);
}

struct ns_rename_arg {
	const char *newname;
	bool link;
};

static u32 ns_rename_fn(struct kcifsd_tree *tree, const struct path *path,
			void *arg)
{
	const struct ns_rename_arg *a = arg;

	if (a->link)
		return kcifsd_vfs_link(tree, path, a->newname);
	return kcifsd_vfs_rename(tree, path, a->newname, false);
}

/*
 * RENAME and NT_RENAME of one object: it must exist and the target must
 * not. A hidden or system file the SearchAttributes do not include is
 * skipped by wildcards and an error by name (STATUS_NO_SUCH_FILE), as
 * for DELETE; *@done counts the objects renamed. A directory with an
 * open file anywhere beneath it cannot be renamed (STATUS_ACCESS_DENIED,
 * as Windows: the open names would go stale). A hard link leaves the
 * name in place: it shares everything.
 */
static u32 ns_rename_one(struct kcifsd_tree *tree, const char *old,
			 const char *newname, u16 search_attrs, bool link,
			 bool wild, unsigned int *done)
{
	struct ns_rename_arg arg = { .newname = newname, .link = link };
	struct path path;
	u32 status;

	status = kcifsd_vfs_lookup(tree, old, KCIFSD_VFS_NOFOLLOW, &path);
	if (status)
		return status;
	if (d_is_dir(path.dentry) && link)
		status = STATUS_FILE_IS_A_DIRECTORY;
	else if (ns_hidden_from(tree, &path, search_attrs))
		status = wild ? STATUS_SUCCESS : STATUS_NO_SUCH_FILE;
	else if (d_is_dir(path.dentry) &&
		 kcifsd_share_open_beneath(path.dentry))
		status = STATUS_ACCESS_DENIED;
	else
		status = ns_as_delete_open(tree, &path,
					   link ? FILE_SHARE_ALL :
					   FILE_SHARE_READ | FILE_SHARE_WRITE,
					   ns_rename_fn, &arg);
	if (!status)
		(*done)++;
	path_put(&path);
	return status;
}

static u32 ns_rename_wild(struct kcifsd_tree *tree, struct ns_ctx *ctx,
			  u16 search_attrs)
{
	const char *mask = ctx->path2.name + ctx->path2.last;
	char *dir, *newdir, *full, *leaf, *target;
	unsigned int done = 0;
	struct ns_scan scan;
	struct ns_match *m;
	u32 status;

	status = ns_scan_dir(tree, &ctx->path, &scan, &dir);
	if (status)
		return status;
	newdir = kstrndup(ctx->path2.name,
			  ctx->path2.last ? ctx->path2.last - 1 : 0,
			  GFP_KERNEL);
	if (!newdir)
		status = STATUS_NO_MEMORY;
	list_for_each_entry(m, &scan.names, node) {
		if (status)
			break;
		leaf = kcifsd_rename_mask(mask, m->name);
		full = ns_join(dir, m->name);
		target = leaf ? ns_join(newdir, leaf) : NULL;
		if (!full || !target)
			status = STATUS_NO_MEMORY;
		else if (strlen(leaf) > NAME_MAX || !*leaf)
			status = STATUS_OBJECT_NAME_INVALID;
		else
			status = ns_rename_one(tree, full, target, search_attrs,
					       false, true, &done);
		kfree(target);
		kfree(full);
		kfree(leaf);
	}
	if (!status && !done)
		status = STATUS_NO_SUCH_FILE;
	ns_scan_free(&scan);
	kfree(newdir);
	kfree(dir);
	return status;
}

/**
 * kcifsd_smb_rename() - SMB_COM_RENAME handler
 * @req: the request
 *
 * Both names are in the tree; an existing target is
 * STATUS_OBJECT_NAME_COLLISION (MS-CIFS 3.3.5.14). Wildcards in the old
 * name's last component rename every match, the new name's last
 * component then being a DOS rename mask.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_rename(struct kcifsd_smb_req *req)
{
	const struct smb1_search_attrs_req *w = (const void *)req->words;
	u16 attrs = get_unaligned_le16(&w->search_attributes);
	unsigned int done = 0;
	struct ns_ctx ctx;
	u32 status;

	status = ns_start(req, &ctx, KCIFSD_PATH_WILDCARDS, true);
	if (status)
		return status;
	if (ctx.path.wildcards)
		status = ns_rename_wild(ctx.tree, &ctx, attrs);
	else if (ctx.path2.wildcards)
		status = STATUS_OBJECT_NAME_INVALID;
	else
		status = ns_rename_one(ctx.tree, ctx.path.name, ctx.path2.name,
				       attrs, false, false, &done);
	ns_end(&ctx);
	return status ? status : ns_reply_empty(req);
}

/**
 * kcifsd_smb_nt_rename() - SMB_COM_NT_RENAME handler
 * @req: the request
 *
 * MS-CIFS 2.2.4.66: InformationLevel SMB_NT_RENAME_SET_LINK_INFO makes a
 * hard link, SMB_NT_RENAME_RENAME_FILE renames; no wildcards. The
 * obsolete MOVE_FILE and MOVE_CLUSTER_INFO levels are refused with
 * STATUS_INVALID_PARAMETER, as Windows does for levels it does not
 * implement.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_nt_rename(struct kcifsd_smb_req *req)
{
	const struct smb1_nt_rename_req *w = (const void *)req->words;
	u16 level = get_unaligned_le16(&w->information_level);
	u16 attrs = get_unaligned_le16(&w->search_attributes);
	unsigned int done = 0;
	struct ns_ctx ctx;
	u32 status;

	if (level != SMB_NT_RENAME_SET_LINK_INFO &&
	    level != SMB_NT_RENAME_RENAME_FILE) {
		pr_info_ratelimited("%pISc: NT_RENAME level 0x%04x not supported\n",
				    &req->conn->peer, level);
		return STATUS_INVALID_PARAMETER;
	}
	status = ns_start(req, &ctx, KCIFSD_PATH_WILDCARDS, true);
	if (status)
		return status;
	if (ctx.path.wildcards || ctx.path2.wildcards)
		status = STATUS_OBJECT_PATH_SYNTAX_BAD;
	else
		status = ns_rename_one(ctx.tree, ctx.path.name, ctx.path2.name,
				       attrs | SMB_SEARCH_ATTR_DIRECTORY,
				       level == SMB_NT_RENAME_SET_LINK_INFO,
				       false, &done);
	ns_end(&ctx);
	return status ? status : ns_reply_empty(req);
}

/**
 * kcifsd_smb_create_directory() - SMB_COM_CREATE_DIRECTORY handler
 * @req: the request
 *
 * A name that exists in any case is STATUS_OBJECT_NAME_COLLISION.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_create_directory(struct kcifsd_smb_req *req)
{
	struct ns_ctx ctx;
	struct path path;
	u32 status;

	status = ns_start(req, &ctx, 0, false);
	if (status)
		return status;
	status = kcifsd_vfs_lookup(ctx.tree, ctx.path.name, KCIFSD_VFS_NOFOLLOW,
				   &path);
	if (!status) {
		path_put(&path);
		status = STATUS_OBJECT_NAME_COLLISION;
	} else if (status == STATUS_OBJECT_NAME_NOT_FOUND) {
		status = kcifsd_vfs_create(ctx.tree, ctx.path.name,
					   S_IFDIR | 0777, 0, NULL, NULL);
	}
	ns_end(&ctx);
	return status ? status : ns_reply_empty(req);
}

/**
 * kcifsd_smb_delete_directory() - SMB_COM_DELETE_DIRECTORY handler
 * @req: the request
 *
 * An empty directory only (STATUS_DIRECTORY_NOT_EMPTY); anything else is
 * STATUS_NOT_A_DIRECTORY.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_delete_directory(struct kcifsd_smb_req *req)
{
	struct ns_ctx ctx;
	struct path path;
	u32 status;

	status = ns_start(req, &ctx, 0, false);
	if (status)
		return status;
	status = kcifsd_vfs_lookup(ctx.tree, ctx.path.name, KCIFSD_VFS_NOFOLLOW,
				   &path);
	if (!status) {
		if (!d_is_dir(path.dentry))
			status = STATUS_NOT_A_DIRECTORY;
		else
			status = ns_as_delete_open(ctx.tree, &path,
						   FILE_SHARE_ALL,
						   ns_remove_fn, NULL);
		path_put(&path);
	}
	ns_end(&ctx);
	return status ? status : ns_reply_empty(req);
}

/**
 * kcifsd_smb_check_directory() - SMB_COM_CHECK_DIRECTORY handler
 * @req: the request
 *
 * MS-CIFS 3.3.5.19: success for an existing directory, a file is
 * STATUS_NOT_A_DIRECTORY. A missing last component is
 * STATUS_OBJECT_NAME_NOT_FOUND for a client that reads NT status codes,
 * as Windows answers, and ERRDOS/ERRbadpath (OBJECT_PATH_NOT_FOUND) for
 * one that reads DOS codes, as the spec's table says; a missing directory
 * on the way is STATUS_OBJECT_PATH_NOT_FOUND for both.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_check_directory(struct kcifsd_smb_req *req)
{
	struct ns_ctx ctx;
	struct path path;
	u32 status;

	status = ns_start(req, &ctx, 0, false);
	if (status)
		return status;
	status = kcifsd_vfs_lookup(ctx.tree, ctx.path.name, 0, &path);
	if (status == STATUS_OBJECT_NAME_NOT_FOUND &&
	    !(req->flags2 & SMB_FLAGS2_NT_STATUS))
		status = STATUS_OBJECT_PATH_NOT_FOUND;
	if (!status) {
		if (!d_is_dir(path.dentry))
			status = STATUS_NOT_A_DIRECTORY;
		path_put(&path);
	}
	ns_end(&ctx);
	return status ? status : ns_reply_empty(req);
}

/**
 * kcifsd_smb_query_information() - SMB_COM_QUERY_INFORMATION handler
 * @req: the request
 *
 * Attributes, last write time (UTIME) and the 32-bit size by name; an
 * empty name is the share root.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_query_information(struct kcifsd_smb_req *req)
{
	struct smb1_query_info_rsp *rsp;
	struct kcifsd_dosattr da;
	struct ns_ctx ctx;
	struct kstat st;
	struct path path;
	u32 status;

	status = ns_start(req, &ctx, 0, false);
	if (status)
		return status;
	status = kcifsd_vfs_lookup(ctx.tree, ctx.path.name, 0, &path);
	if (!status) {
		status = ns_check_pending(&path);
		if (!status)
			status = kcifsd_vfs_getattr(ctx.tree, &path, &st);
		if (!status)
			kcifsd_dosattr_get(&path, &st, &da);
		path_put(&path);
	}
	ns_end(&ctx);
	if (status)
		return status;
	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 0);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	rsp->file_attributes = cpu_to_le16(da.attrs & 0x3f);
	rsp->last_write_time = cpu_to_le32(kcifsd_utime(&st.mtime));
	rsp->file_size = cpu_to_le32(min_t(u64, kcifsd_stat_eof(&st),
					   U32_MAX));
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_set_information() - SMB_COM_SET_INFORMATION handler
 * @req: the request
 *
 * MS-CIFS 3.3.5.17: the attributes are set as given (0 is a normal file:
 * every attribute cleared; FILE_ATTRIBUTE_NORMAL alone, not an
 * SMB_FILE_ATTRIBUTES bit, leaves them as Windows does), READONLY as the
 * write permission bits and
 * HIDDEN, SYSTEM and ARCHIVE in the extended attribute of fs/dosattr.c;
 * DIRECTORY follows the file type and READONLY is not set on
 * directories. A last write time of 0 leaves it.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_set_information(struct kcifsd_smb_req *req)
{
	const struct smb1_set_info_req *w = (const void *)req->words;
	u16 attrs = get_unaligned_le16(&w->file_attributes);
	u32 utime = get_unaligned_le32(&w->last_write_time);
	struct iattr attr = {};
	struct ns_ctx ctx;
	struct kstat st;
	struct path path;
	u32 status;

	status = ns_start(req, &ctx, 0, false);
	if (status)
		return status;
	status = kcifsd_vfs_lookup(ctx.tree, ctx.path.name, 0, &path);
	if (status)
		goto out;
	status = ns_check_pending(&path);
	if (status)
		goto out_path;
	if (ctx.tree->read_only) {
		status = STATUS_ACCESS_DENIED;
		goto out_path;
	}
	status = kcifsd_vfs_getattr(ctx.tree, &path, &st);
	if (status)
		goto out_path;
	attrs &= ~(SMB_ATTR_DIRECTORY | SMB_ATTR_VOLUME);
	if (d_is_dir(path.dentry))
		attrs &= ~SMB_ATTR_READONLY;
	/* NORMAL is no SMB_FILE_ATTRIBUTES bit: Windows changes nothing. */
	if (attrs == SMB_ATTR_NORMAL)
		attrs = 0;
	else if (!attrs)
		attrs = SMB_ATTR_NORMAL;
	status = kcifsd_dosattr_set(ctx.tree, &path, &st, attrs, 0);
	if (status)
		goto out_path;
	if (utime && utime != UTIME_LEAVE) {
		attr.ia_valid |= ATTR_MTIME | ATTR_MTIME_SET | ATTR_CTIME;
		attr.ia_mtime = kcifsd_utime_to_ts(utime);
	}
	if (attr.ia_valid)
		status = kcifsd_vfs_setattr(ctx.tree, &path, &attr);
out_path:
	path_put(&path);
out:
	ns_end(&ctx);
	return status ? status : ns_reply_empty(req);
}

/**
 * kcifsd_smb_query_information_disk() - SMB_COM_QUERY_INFORMATION_DISK
 *	handler
 * @req: the request
 *
 * MS-CIFS 2.2.4.57.2: sizes in 16-bit fields; blocks are grouped into
 * units until the counts fit, and a volume too big even then reports the
 * largest counts the fields hold.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_query_information_disk(struct kcifsd_smb_req *req)
{
	struct smb1_query_disk_rsp *rsp;
	struct kcifsd_session *sess;
	struct kcifsd_tree *tree;
	struct kstatfs st;
	u64 total, avail;
	u32 bsize, per_unit = 1;
	u32 status;

	status = kcifsd_tree_get_req(req, &sess, &tree);
	if (status)
		return status;
	if (tree->type != KCIFSD_TREE_DISK)
		status = STATUS_SMB_BAD_TID;
	else
		status = kcifsd_vfs_statfs(tree, &st);
	kcifsd_tree_put(tree);
	kcifsd_session_put(sess);
	if (status)
		return status;

	bsize = clamp_t(u64, st.f_bsize, 512, 0x8000);
	total = st.f_blocks * (st.f_bsize / bsize);
	avail = st.f_bavail * (st.f_bsize / bsize);
	while (total > U16_MAX && per_unit < 0x8000) {
		total >>= 1;
		avail >>= 1;
		per_unit <<= 1;
	}
	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 0);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	rsp->total_units = cpu_to_le16(min_t(u64, total, U16_MAX));
	rsp->blocks_per_unit = cpu_to_le16(per_unit);
	rsp->block_size = cpu_to_le16(bsize);
	rsp->free_units = cpu_to_le16(min_t(u64, avail, U16_MAX));
	return STATUS_SUCCESS;
}
