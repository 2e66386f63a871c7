// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB_COM_TRANSACTION2 (MS-CIFS 2.2.4.46, 3.3.5.58): the subcommand in
 * Setup[0] picks a run function; the transaction itself (secondaries,
 * multi-part replies) is fs/transaction.c's. Every code of 2.2.2.2 is
 * answered: the implemented ones by their files (fs/trans2_open.c,
 * fs/trans2_find.c, fs/trans2_info.c, fs/trans2_fsinfo.c), the rest with the status the
 * spec names for them.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/dcache.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/path.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fs/fid.h"
#include "fs/path.h"
#include "fs/session.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/tree.h"
#include "fs/vfs.h"
#include "net/connection.h"

/**
 * struct trans2_subcmd - one TRANS2 subcommand (MS-CIFS 2.2.2.2)
 * @name: for logs
 * @run: runs it, or NULL
 * @status: the answer when @run is NULL
 */
struct trans2_subcmd {
	const char *name;
	kcifsd_trans_run_t run;
	u32 status;
};

static const struct trans2_subcmd trans2_subcmds[] = {
	[TRANS2_OPEN2] = { "OPEN2", kcifsd_trans2_open2 },
	[TRANS2_FIND_FIRST2] = { "FIND_FIRST2", kcifsd_trans2_find_first },
	[TRANS2_FIND_NEXT2] = { "FIND_NEXT2", kcifsd_trans2_find_next },
	[TRANS2_QUERY_FS_INFORMATION] = { "QUERY_FS_INFORMATION",
					  kcifsd_trans2_query_fs },
	/* STATUS_SMB_NO_SUPPORT (2.2.6.5) but for the UNIX extensions' level */
	[TRANS2_SET_FS_INFORMATION] = { "SET_FS_INFORMATION",
					kcifsd_trans2_set_fs },
	[TRANS2_QUERY_PATH_INFORMATION] = { "QUERY_PATH_INFORMATION",
					    kcifsd_trans2_query_path },
	[TRANS2_SET_PATH_INFORMATION] = { "SET_PATH_INFORMATION",
					  kcifsd_trans2_set_path },
	[TRANS2_QUERY_FILE_INFORMATION] = { "QUERY_FILE_INFORMATION",
					    kcifsd_trans2_query_file },
	[TRANS2_SET_FILE_INFORMATION] = { "SET_FILE_INFORMATION",
					  kcifsd_trans2_set_file },
	/* Never implemented by any server: "MUST" NOT_IMPLEMENTED */
	[TRANS2_FSCTL] = { "FSCTL", NULL, STATUS_NOT_IMPLEMENTED },
	[TRANS2_IOCTL2] = { "IOCTL2", NULL, STATUS_NOT_IMPLEMENTED },
	[TRANS2_FIND_NOTIFY_FIRST] = { "FIND_NOTIFY_FIRST", NULL,
				       STATUS_NOT_IMPLEMENTED },
	[TRANS2_FIND_NOTIFY_NEXT] = { "FIND_NOTIFY_NEXT", NULL,
				      STATUS_NOT_IMPLEMENTED },
	[TRANS2_CREATE_DIRECTORY] = { "CREATE_DIRECTORY",
				      kcifsd_trans2_create_directory },
	[TRANS2_SESSION_SETUP] = { "SESSION_SETUP", NULL,
				   STATUS_NOT_IMPLEMENTED },
	/*
	 * No DFS (CAP_DFS is not offered): "the request MUST be failed with
	 * a STATUS_NO_SUCH_DEVICE error" (3.3.5.58.11).
	 */
	[TRANS2_GET_DFS_REFERRAL] = { "GET_DFS_REFERRAL", NULL,
				      STATUS_NO_SUCH_DEVICE },
	[TRANS2_REPORT_DFS_INCONSISTENCY] = { "REPORT_DFS_INCONSISTENCY",
					      NULL, STATUS_NOT_IMPLEMENTED },
};

/**
 * kcifsd_t2_obj_tree() - the request's session and tree connect, which
 *	must be a disk share, for a subcommand that names no object yet
 * @req: the request
 * @obj: filled in (no object); kcifsd_t2_obj_put() it, also after a
 *	failure
 *
 * Return: STATUS_SUCCESS, STATUS_ACCESS_DENIED on IPC$, or the status of
 * kcifsd_tree_get_req().
 */
u32 kcifsd_t2_obj_tree(struct kcifsd_smb_req *req, struct kcifsd_t2_obj *obj)
{
	u32 status;

	memset(obj, 0, sizeof(*obj));
	status = kcifsd_tree_get_req(req, &obj->sess, &obj->tree);
	if (status)
		return status;
	if (obj->tree->type != KCIFSD_TREE_DISK) {
		kcifsd_t2_obj_put(obj);
		return STATUS_ACCESS_DENIED;
	}
	return STATUS_SUCCESS;
}

/*
 * The name an object has now, from the share root, in the case it has
 * on disk: for an open, renames since the open (FileRenameInformation,
 * NT_RENAME) show, as on Windows; for a path, its stored case rather
 * than the one asked for (smbtorture raw.rename osxrename).
 */
static char *t2_current_name(const struct kcifsd_t2_obj *obj)
{
	char *buf, *root, *name, *out = NULL;
	size_t rlen;

	if (obj->is_root)
		return kstrdup("", GFP_KERNEL);
	buf = kmalloc(2 * PATH_MAX, GFP_KERNEL);
	if (!buf)
		return NULL;
	root = dentry_path_raw(obj->tree->root.dentry, buf, PATH_MAX);
	name = dentry_path_raw(obj->path.dentry, buf + PATH_MAX, PATH_MAX);
	if (IS_ERR(root) || IS_ERR(name))
		goto out;
	rlen = strcmp(root, "/") ? strlen(root) : 0;
	if (!strncmp(name, root, rlen) && name[rlen] == '/')
		out = kstrdup(name + rlen + 1, GFP_KERNEL);
out:
	kfree(buf);
	return out;
}

/**
 * kcifsd_t2_obj_by_path() - the object a FileName parameter names
 * @req: the request
 * @t: the transaction
 * @off: offset of FileName in the parameters (an SMB_STRING, Unicode
 *	aligned from the start of the parameters, as Windows sends it)
 * @flags: kcifsd_vfs_lookup() flags (KCIFSD_VFS_NOFOLLOW)
 * @obj: filled in; kcifsd_t2_obj_put() it, also after a failure
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER for parameters too
 * short to hold the name, or the status of the decoding or the lookup.
 */
u32 kcifsd_t2_obj_by_path(struct kcifsd_smb_req *req,
			  const struct kcifsd_trans *t, unsigned int off,
			  unsigned int flags, struct kcifsd_t2_obj *obj)
{
	struct kcifsd_smb_path name;
	u32 status;

	status = kcifsd_t2_obj_tree(req, obj);
	if (status)
		return status;
	if (t->param_count < off)
		return STATUS_INVALID_PARAMETER;
	status = kcifsd_path_decode(t->param, off, t->param_count,
				    req->flags2 & SMB_FLAGS2_UNICODE, 0,
				    &name, NULL);
	if (status)
		return status;
	obj->name_buf = name.name;
	obj->name = name.name;
	obj->is_root = kcifsd_path_is_root(&name);
	return kcifsd_vfs_lookup(obj->tree, obj->name, flags, &obj->path);
}

/**
 * kcifsd_t2_obj_by_fid() - the object a FID names
 * @req: the request
 * @fid: the FID
 * @obj: filled in; kcifsd_t2_obj_put() it, also after a failure
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_HANDLE (ERRDOS/ERRbadfid), or
 * STATUS_ACCESS_DENIED on IPC$.
 */
u32 kcifsd_t2_obj_by_fid(struct kcifsd_smb_req *req, u16 fid,
			 struct kcifsd_t2_obj *obj)
{
	u32 status;

	status = kcifsd_t2_obj_tree(req, obj);
	if (status)
		return status;
	status = kcifsd_fid_get(req, fid, &obj->op);
	if (status)
		return status;
	obj->path = obj->op->file->f_path;
	path_get(&obj->path);
	obj->is_root = path_equal(&obj->path, &obj->tree->root);
	obj->name = obj->op->name ? obj->op->name : "";
	return STATUS_SUCCESS;
}

/**
 * kcifsd_t2_obj_name() - the object's name as it is now
 * @obj: an object found by kcifsd_t2_obj_by_path() or _by_fid()
 *
 * obj->name is the name the client gave (or the open was made with);
 * the name levels and renames want the one the object has now, from the
 * share root, in its case on disk (t2_current_name()). Built on the
 * first call only: most queries never need it, and it costs.
 *
 * Return: the name; the one given if the object is no longer reachable
 * from the share root or memory is short.
 */
const char *kcifsd_t2_obj_name(struct kcifsd_t2_obj *obj)
{
	char *cur;

	if (obj->name_current)
		return obj->name;
	obj->name_current = true;
	cur = t2_current_name(obj);
	if (cur) {
		kfree(obj->name_buf);
		obj->name_buf = cur;
		obj->name = cur;
	}
	return obj->name;
}

/**
 * kcifsd_t2_obj_put() - release what kcifsd_t2_obj_by_*() took
 * @obj: the object
 */
void kcifsd_t2_obj_put(struct kcifsd_t2_obj *obj)
{
	path_put(&obj->path);
	if (obj->op)
		kcifsd_open_put(obj->op);
	if (obj->tree)
		kcifsd_tree_put(obj->tree);
	if (obj->sess)
		kcifsd_session_put(obj->sess);
	kfree(obj->name_buf);
	memset(obj, 0, sizeof(*obj));
}

/**
 * kcifsd_t2_ea_offset() - the EaErrorOffset response parameter of the
 *	information subcommands (MS-CIFS 2.2.6.6.2, 2.2.6.7.2, 2.2.6.8.2,
 *	2.2.6.9.2, 2.2.6.14.2): 0, no EA list was in error
 * @t: the transaction
 *
 * A client that accepts no parameters (MaxParameterCount below 2) gets
 * none rather than an error: the value says nothing it needs.
 *
 * Return: STATUS_SUCCESS or STATUS_INSUFF_SERVER_RESOURCES.
 */
u32 kcifsd_t2_ea_offset(struct kcifsd_trans *t)
{
	return kcifsd_trans_rsp_param(t, min_t(u32, t->max_param, 2)) ?
	       STATUS_SUCCESS : STATUS_INSUFF_SERVER_RESOURCES;
}

/**
 * kcifsd_t2_ea_error() - an EA list was refused: the status, with the
 *	EaErrorOffset of the entry in error as the response parameter
 * @t: the transaction
 * @status: the status
 * @off: the entry's offset in the list
 *
 * Return: @status (the parameter goes with it if it could be built).
 */
u32 kcifsd_t2_ea_error(struct kcifsd_trans *t, u32 status, u32 off)
{
	u8 *p = kcifsd_trans_rsp_param(t, min_t(u32, t->max_param, 2));

	if (p && t->rsp_param_count == 2)
		put_unaligned_le16(min_t(u32, off, U16_MAX), p);
	return status;
}

static u32 trans2_run(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	const struct trans2_subcmd *sub = NULL;
	u16 code = kcifsd_trans_setup(t, 0);

	if (code < ARRAY_SIZE(trans2_subcmds))
		sub = &trans2_subcmds[code];
	if (!sub || !sub->name) {
		/* Unassigned codes (2.2.2.2, 0x000F and past 0x0011) */
		pr_debug_ratelimited("TRANS2 subcommand 0x%04x: not implemented\n",
				     code);
		return STATUS_NOT_IMPLEMENTED;
	}
	if (!sub->run) {
		pr_debug_ratelimited("TRANS2_%s: status 0x%08x\n", sub->name,
				     sub->status);
		return sub->status;
	}
	return sub->run(req, t);
}

/**
 * kcifsd_smb_trans2() - SMB_COM_TRANSACTION2 handler
 * @req: the request; the dispatcher checked the UID and TID
 *
 * Return: an NTSTATUS (fs/smb_req.h).
 */
u32 kcifsd_smb_trans2(struct kcifsd_smb_req *req)
{
	return kcifsd_trans_primary(req, trans2_run);
}
