/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Opening files and directories: the one open path every open command
 * (NT_CREATE_ANDX, NT_TRANSACT_CREATE, OPEN_ANDX, OPEN, CREATE,
 * CREATE_NEW, CREATE_TEMPORARY, the CIFS UNIX extensions'
 * SMB_POSIX_PATH_OPEN, TRANS2_OPEN2) runs through, after
 * decoding its own wire format into struct kcifsd_open_args.
 */
#ifndef _KCIFSD_OPEN_H
#define _KCIFSD_OPEN_H

#include <linux/stat.h>
#include <linux/types.h>

#include "fs/access.h"
#include "fs/dosattr.h"

struct kcifsd_open;
struct kcifsd_smb_path;
struct kcifsd_smb_req;
struct kcifsd_tree;

/**
 * struct kcifsd_open_args - what an open asks for, whatever its command
 * @name: the normalised name (fs/path.c), "" for the share root
 * @desired: DesiredAccess (GENERIC_* allowed)
 * @share: ShareAccess
 * @compat: DOS compatibility sharing mode
 * @disposition: CreateDisposition (FILE_SUPERSEDE..FILE_OVERWRITE_IF)
 * @options: CreateOptions
 * @attrs: SMB_EXT_FILE_ATTR for a new file (READONLY is honoured)
 * @write_through: writes are write-through whatever CreateOptions says
 *	(the DOS AccessMode bit)
 * @posix: a POSIX open (SMB_POSIX_PATH_OPEN): a new object gets @mode
 *	rather than bits derived from @attrs
 * @mode: the permission bits of a new object, with @posix
 * @nofollow: a final symlink is the object itself (O_NOFOLLOW), and so
 *	refused as any object but a file or directory is
 */
struct kcifsd_open_args {
	const char *name;
	u32 desired;
	u32 share;
	bool compat;
	u32 disposition;
	u32 options;
	u32 attrs;
	bool write_through;
	bool posix;
	umode_t mode;
	bool nofollow;
};

/**
 * struct kcifsd_open_result - what an open did
 * @op: the open, with its FID installed; the caller holds one reference
 * @action: opened, created, overwritten or superseded
 * @st: the object's attributes after the open
 * @da: its DOS attributes and creation time (fs/dosattr.h)
 * @max_access: every right the user could have had (MaximalAccessRights)
 */
struct kcifsd_open_result {
	struct kcifsd_open *op;
	enum kcifsd_create_action action;
	struct kstat st;
	struct kcifsd_dosattr da;
	u32 max_access;
};

u32 kcifsd_open_file(struct kcifsd_smb_req *req, struct kcifsd_tree *tree,
		     const struct kcifsd_open_args *args,
		     struct kcifsd_open_result *res);
u32 kcifsd_nt_create_name(struct kcifsd_smb_req *req, u32 root_fid, u32 flags,
			  struct kcifsd_smb_path *path);
void kcifsd_close_set_mtime(struct kcifsd_open *op, u32 utime);
u32 kcifsd_open_set_size(struct kcifsd_open_result *res, u32 size);
void kcifsd_open_abandon(struct kcifsd_open_result *res);
u16 kcifsd_open_dos_rights(u32 granted);

/* Handlers (fs/dispatch.c command table) */
u32 kcifsd_smb_nt_create(struct kcifsd_smb_req *req);
u32 kcifsd_smb_open_andx(struct kcifsd_smb_req *req);
u32 kcifsd_smb_open(struct kcifsd_smb_req *req);
u32 kcifsd_smb_create(struct kcifsd_smb_req *req);
u32 kcifsd_smb_create_temporary(struct kcifsd_smb_req *req);
u32 kcifsd_smb_close(struct kcifsd_smb_req *req);
u32 kcifsd_smb_flush(struct kcifsd_smb_req *req);
u32 kcifsd_smb_process_exit(struct kcifsd_smb_req *req);

#endif /* _KCIFSD_OPEN_H */
