/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TRANSACTION2 subcommands (MS-CIFS 2.2.6, 3.3.5.58): the codes, the run
 * function of each implemented one (fs/transaction.h's interface), and
 * the handlers the command table names.
 */
#ifndef _KCIFSD_TRANS2_H
#define _KCIFSD_TRANS2_H

#include <linux/path.h>
#include <linux/types.h>

#include "fs/open.h"

struct kcifsd_open;
struct kcifsd_session;
struct kcifsd_smb_conn;
struct kcifsd_smb_req;
struct kcifsd_trans;
struct kcifsd_tree;

/* Subcommand codes, Setup[0] (MS-CIFS 2.2.2.2) */
#define TRANS2_OPEN2				0x0000
#define TRANS2_FIND_FIRST2			0x0001
#define TRANS2_FIND_NEXT2			0x0002
#define TRANS2_QUERY_FS_INFORMATION		0x0003
#define TRANS2_SET_FS_INFORMATION		0x0004
#define TRANS2_QUERY_PATH_INFORMATION		0x0005
#define TRANS2_SET_PATH_INFORMATION		0x0006
#define TRANS2_QUERY_FILE_INFORMATION		0x0007
#define TRANS2_SET_FILE_INFORMATION		0x0008
#define TRANS2_FSCTL				0x0009
#define TRANS2_IOCTL2				0x000A
#define TRANS2_FIND_NOTIFY_FIRST		0x000B
#define TRANS2_FIND_NOTIFY_NEXT			0x000C
#define TRANS2_CREATE_DIRECTORY			0x000D
#define TRANS2_SESSION_SETUP			0x000E
#define TRANS2_GET_DFS_REFERRAL			0x0010
#define TRANS2_REPORT_DFS_INCONSISTENCY		0x0011

/**
 * struct kcifsd_t2_obj - the file or directory an information subcommand
 *	works on, named by a path (QUERY/SET_PATH_INFORMATION) or a FID
 *	(QUERY/SET_FILE_INFORMATION)
 * @sess: the request's session (a reference)
 * @tree: its tree connect, a disk share (a reference)
 * @op: the open, for a FID (a reference), else NULL
 * @path: the object (a reference)
 * @name: its normalised name ("" for the share root), for the name levels
 * @name_buf: @name when this object owns it
 * @is_root: the share root (never settable, MS-CIFS 3.3.5.58.7)
 */
struct kcifsd_t2_obj {
	struct kcifsd_session *sess;
	struct kcifsd_tree *tree;
	struct kcifsd_open *op;
	struct path path;
	const char *name;
	char *name_buf;
	bool is_root;
	bool name_current;
};

u32 kcifsd_t2_obj_tree(struct kcifsd_smb_req *req, struct kcifsd_t2_obj *obj);
u32 kcifsd_t2_obj_by_path(struct kcifsd_smb_req *req,
			  const struct kcifsd_trans *t, unsigned int off,
			  unsigned int flags, struct kcifsd_t2_obj *obj);
u32 kcifsd_t2_obj_by_fid(struct kcifsd_smb_req *req, u16 fid,
			 struct kcifsd_t2_obj *obj);
void kcifsd_t2_obj_put(struct kcifsd_t2_obj *obj);
const char *kcifsd_t2_obj_name(struct kcifsd_t2_obj *obj);
u32 kcifsd_t2_ea_offset(struct kcifsd_trans *t);
u32 kcifsd_t2_ea_error(struct kcifsd_trans *t, u32 status, u32 off);

/* TRANS2_OPEN2 (MS-CIFS 2.2.6.1.1): FileName's offset, Flags bits */
#define KCIFSD_T2OPEN_NAME_OFF		28
#define T2OPEN_REQ_ATTRIB		0x0001
#define T2OPEN_REQ_EASIZE		0x0008

/**
 * struct kcifsd_t2open_req - a TRANS2_OPEN2 request, decoded
 * @flags: Flags (T2OPEN_REQ_*)
 * @mode: AccessMode
 * @alloc: AllocationSize
 * @probe: OpenMode fails whether the file exists or not: nothing is
 *	opened, the answer says which
 * @args: what fs/open.c is asked for (all but the name)
 */
struct kcifsd_t2open_req {
	u16 flags;
	u16 mode;
	u32 alloc;
	bool probe;
	struct kcifsd_open_args args;
};

u32 kcifsd_t2open_decode(const u8 *p, u32 len, struct kcifsd_t2open_req *r);

/* Run functions (fs/transaction.h) */
u32 kcifsd_trans2_find_first(struct kcifsd_smb_req *req,
			     struct kcifsd_trans *t);
u32 kcifsd_trans2_find_next(struct kcifsd_smb_req *req,
			    struct kcifsd_trans *t);
u32 kcifsd_trans2_query_fs(struct kcifsd_smb_req *req,
			   struct kcifsd_trans *t);
u32 kcifsd_trans2_set_fs(struct kcifsd_smb_req *req, struct kcifsd_trans *t);
u32 kcifsd_trans2_query_path(struct kcifsd_smb_req *req,
			     struct kcifsd_trans *t);
u32 kcifsd_trans2_query_file(struct kcifsd_smb_req *req,
			     struct kcifsd_trans *t);
u32 kcifsd_trans2_set_path(struct kcifsd_smb_req *req,
			   struct kcifsd_trans *t);
u32 kcifsd_trans2_set_file(struct kcifsd_smb_req *req,
			   struct kcifsd_trans *t);
u32 kcifsd_trans2_create_directory(struct kcifsd_smb_req *req,
				   struct kcifsd_trans *t);
u32 kcifsd_trans2_open2(struct kcifsd_smb_req *req, struct kcifsd_trans *t);

/* Handlers (fs/dispatch.c command table) */
u32 kcifsd_smb_trans2(struct kcifsd_smb_req *req);
u32 kcifsd_smb_find_close2(struct kcifsd_smb_req *req);

#endif /* _KCIFSD_TRANS2_H */
