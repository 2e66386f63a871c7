// SPDX-License-Identifier: GPL-2.0-only
/*
 * The open commands: NT_CREATE_ANDX (MS-CIFS 2.2.4.64, 3.3.5.51; MS-SMB
 * 2.2.4.9), OPEN_ANDX (2.2.4.41, 3.3.5.35), OPEN (2.2.4.3), CREATE
 * (2.2.4.4), CREATE_NEW (2.2.4.16) and CREATE_TEMPORARY (2.2.4.15). Each
 * decodes its own request into struct kcifsd_open_args and runs the one
 * open path, kcifsd_open_file(): look the name up, decide by
 * CreateDisposition, judge the access asked for against what the user
 * may do, create if needed, open, join the file's sharing state, truncate
 * if asked, and install a FID.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/ea.h"
#include "fs/fid.h"
#include "fs/file_pdu.h"
#include "fs/fileinfo.h"
#include "fs/open.h"
#include "fs/path.h"
#include "fs/session.h"
#include "fs/sharedelay.h"
#include "fs/sharemode.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/tree.h"
#include "fs/vfs.h"
#include "net/connection.h"

/* Permission bits a new file or directory starts from (before masks). */
#define OPEN_FILE_MODE	0666
#define OPEN_DIR_MODE	0777

/* CREATE_TEMPORARY: names tried before giving up (MS-CIFS <29>: "SRV"
 * followed by five hex digits, as Windows NT makes them).
 */
#define TEMP_NAME_TRIES	16

/*
 * What the user may do with an existing object (fs/access.h): data
 * rights from its permission bits, DELETE from its directory's, the
 * security descriptor (mode, owner) if it is the user's.
 */
static void open_check_access(struct kcifsd_tree *tree,
			      const struct path *path,
			      struct kcifsd_access_check *chk)
{
	struct path parent;

	chk->may_read = !kcifsd_vfs_may(tree, path, MAY_READ);
	chk->may_write = !kcifsd_vfs_may(tree, path, MAY_WRITE);
	chk->may_delete = false;
	if (path->dentry != tree->root.dentry) {
		parent.mnt = path->mnt;
		parent.dentry = dget_parent(path->dentry);
		chk->may_delete = !kcifsd_vfs_may(tree, &parent,
						  MAY_WRITE | MAY_EXEC);
		dput(parent.dentry);
	}
	chk->may_chattr = !tree->read_only && kcifsd_vfs_is_owner(tree, path);
	chk->share_max = tree->max_access;
}

/* A new object is its creator's, with every right (the tree permitting). */
static void open_check_created(struct kcifsd_tree *tree,
			       struct kcifsd_access_check *chk)
{
	chk->may_read = true;
	chk->may_write = !tree->read_only;
	chk->may_delete = !tree->read_only;
	chk->may_chattr = !tree->read_only;
	chk->share_max = tree->max_access;
}

/*
 * Only regular files and directories are served: a FIFO or device would
 * block a worker or reach a device node, which no Windows client expects.
 */
static u32 open_check_type(struct kcifsd_tree *tree,
			   const struct path *path, const char *name)
{
	if (d_is_reg(path->dentry) || d_is_dir(path->dentry))
		return STATUS_SUCCESS;
	pr_info_ratelimited("share %s: \"%s\" is not a file or directory: refused\n",
			    tree->share, name);
	return STATUS_ACCESS_DENIED;
}

/*
 * The checks FILE_DELETE_ON_CLOSE adds (MS-FSA 2.1.5.1.2.1). A directory
 * that is not empty may be opened so: it is only removed if it is empty
 * when the last open closes.
 */
static u32 open_check_delete_on_close(struct kcifsd_tree *tree,
				      const struct path *path, u32 granted)
{
	if (!(granted & DELETE))
		return STATUS_ACCESS_DENIED;
	if (d_is_dir(path->dentry))
		return STATUS_SUCCESS;
	if (!(d_inode(path->dentry)->i_mode & 0222))
		return STATUS_CANNOT_DELETE;
	return STATUS_SUCCESS;
}

/* A compatibility-mode open of the same file by the same process. */
static bool open_same_dos_handle(struct kcifsd_open *o, void *priv)
{
	struct kcifsd_open *op = priv;

	if (!o->share.compat || o->pid != op->pid || o->uid != op->uid ||
	    o->tree != op->tree || o->access != op->access ||
	    file_inode(o->file) != file_inode(op->file) ||
	    o->fpos == op->fpos)
		return false;
	/* The first one found: this open's pointers are its own still. */
	if (refcount_read(&op->fpos->ref) == 1)
		kcifsd_open_share_pos(op, o);
	return true;
}

/*
 * Set up and install the open of a resolved object: the struct file, its
 * place in the file's sharing state, truncation for OVERWRITE and
 * SUPERSEDE, and its FID. @path is the caller's.
 */
static u32 open_install(struct kcifsd_smb_req *req, struct kcifsd_tree *tree,
			const struct kcifsd_open_args *args,
			const struct path *path, u32 granted, bool created,
			struct kcifsd_open_result *res)
{
	bool is_dir = d_is_dir(path->dentry);
	struct kcifsd_open *op;
	int oflags;
	u32 status;

	op = kcifsd_open_alloc();
	if (!op)
		return STATUS_NO_MEMORY;
	op->name = kstrdup(args->name, GFP_KERNEL);
	if (!op->name) {
		status = STATUS_NO_MEMORY;
		goto out;
	}
	oflags = kcifsd_access_oflags(granted, is_dir);
	status = kcifsd_vfs_open(tree, path, oflags, created, &op->file);
	if (status)
		goto out;

	op->access = granted;
	op->is_dir = is_dir;
	op->uid = req->uid;
	op->pid = req->pid;
	op->write_through = args->write_through ||
			    (args->options & (FILE_WRITE_THROUGH |
					      FILE_NO_INTERMEDIATE_BUFFERING));
	op->share.access = granted;
	op->share.share = args->share & FILE_SHARE_ALL;
	op->share.compat = args->compat;
	op->share.owner = req->conn;
	op->share.delete_on_close = args->options & FILE_DELETE_ON_CLOSE;
	/* We hold a reference to the tree: one more for the open. */
	refcount_inc(&tree->refcnt);
	op->tree = tree;

	status = kcifsd_share_join(file_inode(op->file), &op->share,
				   &op->state);
	if (status)
		goto out;
	/* Windows hands the process the handle it has (fs/fid.h). */
	if (args->compat)
		kcifsd_fid_for_each(req->sc, open_same_dos_handle, op);
	if (res->action == KCIFSD_ACT_OVERWRITTEN ||
	    res->action == KCIFSD_ACT_SUPERSEDED) {
		status = kcifsd_vfs_truncate(tree, op->file, 0);
		if (status)
			goto out;
	}
	status = kcifsd_vfs_getattr(tree, &op->file->f_path, &res->st);
	if (status)
		goto out;
	/*
	 * The attributes a new file was created with that only the extended
	 * attribute keeps (HIDDEN, SYSTEM, ...; READONLY is in its mode
	 * already), with ARCHIVE, which a new file always has (MS-FSA
	 * 2.1.5.1.2.1). A file system without user xattrs loses them, as
	 * fs/dosattr.c logs; the open itself does not fail for that.
	 */
	if (created && (args->attrs & KCIFSD_DOSATTR_SETTABLE &
			~SMB_ATTR_ARCHIVE))
		kcifsd_dosattr_set(tree, &op->file->f_path, &res->st,
				   args->attrs | SMB_ATTR_ARCHIVE, 0);
	kcifsd_dosattr_get(&op->file->f_path, &res->st, &res->da);
	status = kcifsd_fid_install(req->sc, op);
	if (status)
		goto out;
	/* A TREE_DISCONNECT that ran meanwhile did not see this FID. */
	if (xa_load(&req->sc->trees, tree->tid) != tree) {
		kcifsd_fid_close(op);
		status = STATUS_NETWORK_NAME_DELETED;
		goto out;
	}
	res->op = op;
	req->chain_fid = op->fid;
	return STATUS_SUCCESS;
out:
	kcifsd_open_put(op);
	return status;
}

/*
 * One try of kcifsd_open_file(); a sharing violation gives the inode it
 * met in @key.
 */
static u32 open_file_once(struct kcifsd_smb_req *req, struct kcifsd_tree *tree,
			  const struct kcifsd_open_args *args,
			  struct kcifsd_open_result *res, const void **key)
{
	struct kcifsd_access_check chk;
	bool want_dir = args->options & FILE_DIRECTORY_FILE;
	struct path path = {};
	bool exists, created = false;
	unsigned int tries = 0;
	u32 status, granted;
	umode_t mode;

	res->op = NULL;
	if (args->options & FILE_OPEN_BY_FILE_ID) {
		pr_info_ratelimited("%pISc: open by file id: not supported\n",
				    &req->conn->peer);
		return STATUS_NOT_SUPPORTED;
	}
	if (tree->type != KCIFSD_TREE_DISK) {
		pr_info_ratelimited("%pISc: open of \"%s\" on IPC$: no such pipe\n",
				    &req->conn->peer, args->name);
		return STATUS_OBJECT_NAME_NOT_FOUND;
	}
	if ((args->options & FILE_DELETE_ON_CLOSE) &&
	    !(kcifsd_access_map_generic(args->desired) &
	      (DELETE | MAXIMUM_ALLOWED)))
		return STATUS_INVALID_PARAMETER;

again:
	status = kcifsd_vfs_lookup(tree, args->name,
				   args->nofollow ? KCIFSD_VFS_NOFOLLOW : 0,
				   &path);
	if (status && status != STATUS_OBJECT_NAME_NOT_FOUND)
		return status;
	exists = !status;
	status = kcifsd_create_decide(args->disposition, args->options, exists,
				      exists && d_is_dir(path.dentry),
				      &res->action);
	if (status)
		goto out_path;

	if (exists) {
		status = open_check_type(tree, &path, args->name);
		if (status)
			goto out_path;
		open_check_access(tree, &path, &chk);
		/* OVERWRITE needs write access (MS-CIFS 2.2.4.64.1). */
		if (res->action != KCIFSD_ACT_OPENED && !chk.may_write) {
			status = STATUS_ACCESS_DENIED;
			goto out_path;
		}
		status = kcifsd_access_grant(args->desired, &chk, &granted);
		if (status)
			goto out_path;
	} else {
		open_check_created(tree, &chk);
		status = kcifsd_access_grant(args->desired, &chk, &granted);
		if (status)
			return status;
		mode = args->posix ? args->mode :
		       kcifsd_attrs_mode(args->attrs,
					 want_dir ? OPEN_DIR_MODE :
						    OPEN_FILE_MODE);
		status = kcifsd_vfs_create(tree, args->name,
					   (want_dir ? S_IFDIR : S_IFREG) | mode,
					   0, NULL, &path);
		/* Created by someone else meanwhile: open that instead. */
		if (status == STATUS_OBJECT_NAME_COLLISION &&
		    args->disposition != FILE_CREATE && !tries++)
			goto again;
		if (status)
			return status;
		created = true;
	}

	if (args->options & FILE_DELETE_ON_CLOSE) {
		status = open_check_delete_on_close(tree, &path, granted);
		if (status)
			goto out_path;
	}
	status = open_install(req, tree, args, &path, granted, created, res);
	if (!status)
		res->max_access = kcifsd_access_allowed(&chk);
out_path:
	if (status == STATUS_SHARING_VIOLATION)
		*key = d_inode(path.dentry);
	path_put(&path);
	return status;
}

/**
 * kcifsd_open_file() - open or create a file or directory
 * @req: the request (its UID, PID and connection)
 * @tree: the tree connect, referenced by the caller
 * @args: what is asked for
 * @res: the outcome; on success res->op holds a reference for the caller
 *
 * The order of MS-CIFS 3.3.5.51 and MS-FSA 2.1.5.1: options the server
 * refuses, the name, the disposition against what exists, the access
 * asked for against what the user may do (kcifsd_access_grant()), the
 * sharing check against every other open of the file
 * (STATUS_SHARING_VIOLATION), and only then any change: creation,
 * truncation. A sharing violation is answered only after the delay
 * Windows NT servers wait for the file (fs/sharedelay.h).
 *
 * Return: STATUS_SUCCESS or the status the open fails with.
 */
u32 kcifsd_open_file(struct kcifsd_smb_req *req, struct kcifsd_tree *tree,
		     const struct kcifsd_open_args *args,
		     struct kcifsd_open_result *res)
{
	struct kcifsd_share_defer defer;
	const void *key;
	u32 status;

	kcifsd_share_defer_init(&defer);
	do {
		key = NULL;
		status = open_file_once(req, tree, args, res, &key);
	} while (status == STATUS_SHARING_VIOLATION && key &&
		 kcifsd_share_defer_wait(&defer, req->conn, key));
	kcifsd_share_defer_end(&defer);
	return status;
}

/**
 * kcifsd_open_abandon() - close an open the reply could not be built for
 * @res: the open; its reference is dropped and @res->op cleared
 */
void kcifsd_open_abandon(struct kcifsd_open_result *res)
{
	if (!res->op)
		return;
	kcifsd_fid_close(res->op);
	kcifsd_open_put(res->op);
	res->op = NULL;
}

/*
 * A name relative to a directory open (RootDirectoryFID): the
 * directory's own name, then this one.
 */
static u32 nt_create_relative(struct kcifsd_smb_req *req, u32 root_fid,
			      struct kcifsd_smb_path *path)
{
	struct kcifsd_open *dir;
	char *joined;
	u32 status;

	if (root_fid > KCIFSD_FID_MAX)
		return STATUS_INVALID_HANDLE;
	status = kcifsd_fid_get(req, root_fid, &dir);
	if (status)
		return status;
	if (!dir->is_dir) {
		kcifsd_open_put(dir);
		return STATUS_INVALID_HANDLE;
	}
	if (!*dir->name || !path->len)
		joined = kasprintf(GFP_KERNEL, "%s%s", dir->name, path->name);
	else
		joined = kasprintf(GFP_KERNEL, "%s/%s", dir->name, path->name);
	kcifsd_open_put(dir);
	if (!joined)
		return STATUS_NO_MEMORY;
	if (strlen(joined) >= PATH_MAX) {
		kfree(joined);
		return STATUS_OBJECT_NAME_INVALID;
	}
	kfree(path->name);
	path->name = joined;
	path->len = strlen(joined);
	return STATUS_SUCCESS;
}

/* NT_CREATE_OPEN_TARGET_DIR: the directory the name is in. */
static void nt_create_parent(struct kcifsd_smb_path *path)
{
	char *slash = strrchr(path->name, '/');

	if (slash)
		*slash = '\0';
	else
		path->name[0] = '\0';
	path->len = strlen(path->name);
}

/**
 * kcifsd_nt_create_name() - the name an NT create (NT_CREATE_ANDX,
 *	NT_TRANSACT_CREATE) opens
 * @req: the request
 * @root_fid: RootDirectoryFID: the name is relative to that directory
 *	open, or to the share root if 0
 * @flags: the request's Flags (NT_CREATE_OPEN_TARGET_DIR: the
 *	directory the name is in)
 * @path: the decoded name; replaced by the name from the share root
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_HANDLE, STATUS_NO_MEMORY or
 * STATUS_OBJECT_NAME_INVALID.
 */
u32 kcifsd_nt_create_name(struct kcifsd_smb_req *req, u32 root_fid, u32 flags,
			  struct kcifsd_smb_path *path)
{
	u32 status = STATUS_SUCCESS;

	if (root_fid)
		status = nt_create_relative(req, root_fid, path);
	if (!status && (flags & NT_CREATE_OPEN_TARGET_DIR))
		nt_create_parent(path);
	return status;
}

static u32 nt_create_reply(struct kcifsd_smb_req *req,
			   const struct kcifsd_open_result *res, bool ext)
{
	struct kcifsd_open *op = res->op;
	struct smb1_nt_create_rsp *rsp;
	struct kcifsd_times t;

	rsp = kcifsd_smb_rsp_block(req, ext ? SMB1_NT_CREATE_RSP_EXT_WORDS :
					      SMB1_NT_CREATE_RSP_WORDS, 0);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	kcifsd_stat_times(&res->st, &t);
	t.create = res->da.create_time;
	t.change = res->da.change_time;
	rsp->oplock_level = 0;
	rsp->fid = cpu_to_le16(op->fid);
	rsp->create_disposition = cpu_to_le32(res->action);
	rsp->create_time = cpu_to_le64(t.create);
	rsp->last_access_time = cpu_to_le64(t.access);
	rsp->last_write_time = cpu_to_le64(t.write);
	rsp->last_change_time = cpu_to_le64(t.change);
	rsp->ext_file_attributes = cpu_to_le32(res->da.attrs);
	rsp->allocation_size = cpu_to_le64(kcifsd_stat_alloc(&res->st));
	rsp->end_of_file = cpu_to_le64(kcifsd_stat_eof(&res->st));
	rsp->resource_type = cpu_to_le16(FILE_TYPE_DISK);
	rsp->directory = op->is_dir;
	if (ext) {
		/* FileStatusFlags (MS-SMB 2.2.4.9.2) */
		rsp->nmpipe_status = cpu_to_le16(NO_SUBSTREAMS | NO_REPARSETAG |
			(kcifsd_ea_size(&op->file->f_path) ? 0 : NO_EAS));
		/*
		 * FileId stays zero, as Samba's server leaves it: a client
		 * that takes WordCount 42 at its word (Samba's own) reads
		 * ByteCount from FileId's first two bytes, and anything but
		 * zero there runs its ByteCount past the message.
		 */
		rsp->file_id = 0;
		rsp->maximal_access_rights = cpu_to_le32(res->max_access);
		rsp->guest_maximal_access_rights = 0;
		/* The WordCount byte just before the Words. */
		((u8 *)rsp)[-1] = SMB1_NT_CREATE_RSP_EXT_WC;
	}
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_nt_create() - SMB_COM_NT_CREATE_ANDX handler
 * @req: the request
 *
 * FileName is read up to its terminator within ByteCount (after the pad
 * that aligns a Unicode name); NameLength is not relied on, as clients
 * disagree on whether it counts the terminator. No oplock is granted
 * (OpLockLevel 0). With NT_CREATE_REQUEST_EXTENDED_RESPONSE the reply is
 * the extended form of MS-SMB 2.2.4.9.2.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_nt_create(struct kcifsd_smb_req *req)
{
	const struct smb1_nt_create_req *w = (const void *)req->words;
	u32 flags = get_unaligned_le32(&w->flags);
	u32 root_fid = get_unaligned_le32(&w->root_directory_fid);
	struct kcifsd_open_args args = {};
	struct kcifsd_open_result res = {};
	struct kcifsd_session *sess;
	struct kcifsd_tree *tree;
	struct kcifsd_smb_path path;
	u32 status;

	if (get_unaligned_le32(&w->impersonation_level) > SEC_IMPERSONATE)
		return STATUS_BAD_IMPERSONATION_LEVEL;
	status = kcifsd_req_path(req, req->bytes, 0, &path, NULL);
	if (status)
		return status;
	status = kcifsd_nt_create_name(req, root_fid, flags, &path);
	if (status)
		goto out_path;
	status = kcifsd_tree_get_req(req, &sess, &tree);
	if (status)
		goto out_path;

	args.name = path.name;
	args.desired = get_unaligned_le32(&w->desired_access);
	args.share = get_unaligned_le32(&w->share_access);
	args.disposition = get_unaligned_le32(&w->create_disposition);
	args.options = get_unaligned_le32(&w->create_options);
	args.attrs = get_unaligned_le32(&w->ext_file_attributes);
	if (flags & NT_CREATE_OPEN_TARGET_DIR)
		args.options = (args.options & ~FILE_NON_DIRECTORY_FILE) |
			       FILE_DIRECTORY_FILE;

	status = kcifsd_open_file(req, tree, &args, &res);
	if (!status)
		status = nt_create_reply(req, &res,
					 flags & NT_CREATE_REQUEST_EXTENDED_RESPONSE);
	if (status)
		kcifsd_open_abandon(&res);
	kcifsd_open_put(res.op);
	kcifsd_tree_put(tree);
	kcifsd_session_put(sess);
out_path:
	kcifsd_path_free(&path);
	return status;
}

/**
 * kcifsd_open_dos_rights() - the DOS AccessMode "access" a granted mask
 *	amounts to
 * @granted: the granted access mask
 *
 * Return: 0 read, 1 write, 2 read and write.
 */
u16 kcifsd_open_dos_rights(u32 granted)
{
	bool rd = granted & KCIFSD_ACCESS_READ;
	bool wr = granted & KCIFSD_ACCESS_WRITE;

	return rd && wr ? 2 : wr ? 1 : 0;
}

/*
 * The common part of the DOS-style opens: decode the name (Bytes at @p,
 * with a BufferFormat byte if @fmt), get the tree, open.
 */
static u32 open_dos(struct kcifsd_smb_req *req, const u8 *p, bool fmt,
		    struct kcifsd_open_args *args,
		    struct kcifsd_open_result *res)
{
	struct kcifsd_session *sess;
	struct kcifsd_tree *tree;
	struct kcifsd_smb_path path;
	u32 status;

	status = fmt ? kcifsd_req_path_fmt(req, p, 0, &path, NULL) :
		       kcifsd_req_path(req, p, 0, &path, NULL);
	if (status)
		return status;
	status = kcifsd_tree_get_req(req, &sess, &tree);
	if (!status) {
		args->name = path.name;
		status = kcifsd_open_file(req, tree, args, res);
		kcifsd_tree_put(tree);
		kcifsd_session_put(sess);
	}
	kcifsd_path_free(&path);
	return status;
}

/**
 * kcifsd_open_set_size() - the AllocationSize of OPEN_ANDX and TRANS2_OPEN2
 * @res: the open
 * @size: AllocationSize
 *
 * A file the open created or truncated gets that size, as on Windows
 * (smbtorture raw.open openx); @res->st is updated.
 *
 * Return: STATUS_SUCCESS or the status of the truncation.
 */
u32 kcifsd_open_set_size(struct kcifsd_open_result *res, u32 size)
{
	struct kcifsd_open *op = res->op;
	u32 status;

	if (!size || res->action == KCIFSD_ACT_OPENED)
		return STATUS_SUCCESS;
	status = kcifsd_vfs_truncate(op->tree, op->file, size);
	if (!status)
		status = kcifsd_vfs_getattr(op->tree, &op->file->f_path,
					    &res->st);
	return status;
}

/**
 * kcifsd_smb_open_andx() - SMB_COM_OPEN_ANDX handler
 * @req: the request
 *
 * DOS access and sharing modes (fs/access.c) and OpenMode as a
 * CreateDisposition; a regular file only. No oplock is granted. The
 * reply always carries the file's attributes, as if REQ_ATTRIB was set;
 * with SMB_OPEN_EXTENDED_RESPONSE it is the extended form of MS-SMB
 * 2.2.4.1.2. Read-only execute access with OpenMode "fail" creates the file, as
 * Windows does (smbtorture raw.open openx).
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_open_andx(struct kcifsd_smb_req *req)
{
	const struct smb1_open_andx_req *w = (const void *)req->words;
	u16 mode = get_unaligned_le16(&w->access_mode);
	struct kcifsd_open_args args = {};
	struct kcifsd_open_result res = {};
	struct smb1_open_andx_ext_rsp *ext_rsp;
	struct smb1_open_andx_rsp *rsp;
	bool ext;
	u32 status;

	status = kcifsd_dos_access(mode, &args.desired, &args.share,
				   &args.compat);
	if (status)
		return status;
	if ((mode & 0x7) == DOS_ACCESS_EXECUTE &&
	    !get_unaligned_le16(&w->open_mode))
		args.disposition = FILE_OPEN_IF;
	else
		status = kcifsd_dos_open_disposition(get_unaligned_le16(&w->open_mode),
						     &args.disposition);
	if (status)
		return status;
	args.options = FILE_NON_DIRECTORY_FILE;
	args.attrs = get_unaligned_le16(&w->file_attrs);
	args.write_through = mode & DOS_ACCESS_WRITE_THROUGH;

	status = open_dos(req, req->bytes, false, &args, &res);
	if (status)
		return status;
	status = kcifsd_open_set_size(&res,
				      get_unaligned_le32(&w->allocation_size));
	if (status) {
		kcifsd_open_abandon(&res);
		return status;
	}
	ext = get_unaligned_le16(&w->flags) & OPEN_ANDX_EXTENDED_RESPONSE;
	rsp = kcifsd_smb_rsp_block(req, ext ? sizeof(*ext_rsp) / 2 :
					      sizeof(*rsp) / 2, 0);
	if (!rsp) {
		kcifsd_open_abandon(&res);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	if (ext) {
		/*
		 * Windows reports the standard rights of the maximal access
		 * only (smbtorture raw.open openx: SEC_STD_ALL for the
		 * owner); no guest access.
		 */
		ext_rsp = (void *)rsp;
		ext_rsp->maximal_access_rights =
			cpu_to_le32(res.max_access & STANDARD_RIGHTS_ALL);
		ext_rsp->guest_maximal_access_rights = 0;
	}
	rsp->fid = cpu_to_le16(res.op->fid);
	rsp->file_attrs = cpu_to_le16(res.da.attrs & 0x3f);
	rsp->last_write_time = cpu_to_le32(kcifsd_utime(&res.st.mtime));
	rsp->file_data_size = cpu_to_le32(min_t(u64, res.st.size, U32_MAX));
	rsp->access_rights =
		cpu_to_le16(kcifsd_open_dos_rights(res.op->access));
	rsp->resource_type = cpu_to_le16(FILE_TYPE_DISK);
	rsp->open_results = cpu_to_le16(res.action == KCIFSD_ACT_CREATED ?
					OPEN_RESULT_CREATED :
					res.action == KCIFSD_ACT_OPENED ?
					OPEN_RESULT_OPENED :
					OPEN_RESULT_TRUNCATED);
	kcifsd_open_put(res.op);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_open() - SMB_COM_OPEN handler (MS-CIFS 2.2.4.3)
 * @req: the request
 *
 * Opens an existing regular file with a DOS access and sharing mode.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_open(struct kcifsd_smb_req *req)
{
	const struct smb1_open_req *w = (const void *)req->words;
	u16 mode = get_unaligned_le16(&w->access_mode);
	struct kcifsd_open_args args = {};
	struct kcifsd_open_result res = {};
	struct smb1_open_rsp *rsp;
	u32 status;

	status = kcifsd_dos_access(mode, &args.desired, &args.share,
				   &args.compat);
	if (status)
		return status;
	args.disposition = FILE_OPEN;
	args.options = FILE_NON_DIRECTORY_FILE;
	args.write_through = mode & DOS_ACCESS_WRITE_THROUGH;
	status = open_dos(req, req->bytes, true, &args, &res);
	if (status)
		return status;
	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 0);
	if (!rsp) {
		kcifsd_open_abandon(&res);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	rsp->fid = cpu_to_le16(res.op->fid);
	rsp->file_attrs = cpu_to_le16(res.da.attrs & 0x3f);
	rsp->last_modified = cpu_to_le32(kcifsd_utime(&res.st.mtime));
	rsp->file_size = cpu_to_le32(min_t(u64, res.st.size, U32_MAX));
	rsp->access_mode = cpu_to_le16((mode & ~0x7) |
				       kcifsd_open_dos_rights(res.op->access));
	kcifsd_open_put(res.op);
	return STATUS_SUCCESS;
}

/* The reply of the CREATE family: the FID, maybe followed by Bytes. */
static u32 create_reply(struct kcifsd_smb_req *req,
			struct kcifsd_open_result *res, unsigned int max_bc)
{
	struct smb1_fid_rsp *rsp;

	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, max_bc);
	if (!rsp) {
		kcifsd_open_abandon(res);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	rsp->fid = cpu_to_le16(res->op->fid);
	return STATUS_SUCCESS;
}

/* CREATE, CREATE_NEW: read/write in compatibility mode (MS-CIFS 2.2.4.4). */
static void create_args(struct kcifsd_smb_req *req,
			struct kcifsd_open_args *args, u32 disposition)
{
	const struct smb1_create_req *w = (const void *)req->words;

	args->desired = GENERIC_READ | GENERIC_WRITE;
	args->share = FILE_SHARE_READ | FILE_SHARE_WRITE;
	args->compat = true;
	args->disposition = disposition;
	args->options = FILE_NON_DIRECTORY_FILE;
	args->attrs = get_unaligned_le16(&w->file_attributes);
}

/**
 * kcifsd_smb_create() - SMB_COM_CREATE and SMB_COM_CREATE_NEW handler
 * @req: the request
 *
 * CREATE makes a new file or truncates an existing one (MS-CIFS
 * 2.2.4.4); CREATE_NEW fails if the file exists (2.2.4.16). Both open it
 * for reading and writing in compatibility mode. The UTIME in
 * CreationTime becomes the last write time, as on Windows (smbtorture
 * raw.open mknew, create); 0 and 0xFFFFFFFF leave it.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_create(struct kcifsd_smb_req *req)
{
	const struct smb1_create_req *w = (const void *)req->words;
	struct kcifsd_open_args args = {};
	struct kcifsd_open_result res = {};
	u32 status, utime;

	create_args(req, &args, req->command == SMB_COM_CREATE_NEW ?
				FILE_CREATE : FILE_OVERWRITE_IF);
	status = open_dos(req, req->bytes, true, &args, &res);
	if (status)
		return status;
	/* Windows takes the client's time as the last write time. */
	utime = get_unaligned_le32(&w->creation_time);
	if (utime && utime != U32_MAX)
		kcifsd_close_set_mtime(res.op, utime);
	status = create_reply(req, &res, 0);
	kcifsd_open_put(res.op);
	return status;
}

/**
 * kcifsd_smb_create_temporary() - SMB_COM_CREATE_TEMPORARY handler
 * @req: the request
 *
 * MS-CIFS 2.2.4.15: a new file with a name the server chooses in the
 * given directory, "SRV" and five hex digits as Windows NT makes them
 * (<29>); the reply's Bytes are that name alone, NUL-terminated ASCII
 * whatever the request's encoding (MS-CIFS 2.2.4.15.2).
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_create_temporary(struct kcifsd_smb_req *req)
{
	struct kcifsd_open_args args = {};
	struct kcifsd_open_result res = {};
	struct kcifsd_smb_path dir;
	struct kcifsd_session *sess;
	struct kcifsd_tree *tree;
	char leaf[9], *name;
	unsigned int i;
	u32 status;

	status = kcifsd_req_path_fmt(req, req->bytes, 0, &dir, NULL);
	if (status)
		return status;
	status = kcifsd_tree_get_req(req, &sess, &tree);
	if (status)
		goto out_dir;
	create_args(req, &args, FILE_CREATE);
	status = STATUS_OBJECT_NAME_COLLISION;
	for (i = 0; i < TEMP_NAME_TRIES &&
		    status == STATUS_OBJECT_NAME_COLLISION; i++) {
		snprintf(leaf, sizeof(leaf), "SRV%05X",
			 get_random_u32() & 0xfffff);
		name = kasprintf(GFP_KERNEL, "%s%s%s", dir.name,
				 dir.len ? "/" : "", leaf);
		if (!name) {
			status = STATUS_NO_MEMORY;
			break;
		}
		args.name = name;
		status = kcifsd_open_file(req, tree, &args, &res);
		kfree(name);
	}
	kcifsd_tree_put(tree);
	kcifsd_session_put(sess);
	if (status)
		goto out_dir;

	status = create_reply(req, &res, strlen(leaf) + 1);
	if (!status)
		memcpy(kcifsd_smb_rsp_bytes(req), leaf, strlen(leaf) + 1);
	kcifsd_open_put(res.op);
out_dir:
	kcifsd_path_free(&dir);
	return status;
}
