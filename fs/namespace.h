/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The name-space commands (fs/namespace.c): delete, rename and link,
 * directories, and the Core attribute and disk queries by path; the
 * LAN Manager attribute commands by FID are fs/info2.c's.
 */
#ifndef _KCIFSD_NAMESPACE_H
#define _KCIFSD_NAMESPACE_H

#include <linux/path.h>
#include <linux/types.h>

struct kcifsd_smb_req;
struct kcifsd_tree;

u32 kcifsd_ns_unlink(struct kcifsd_tree *tree, const struct path *path,
		     bool directory);

/* Handlers (fs/dispatch.c command table) */
u32 kcifsd_smb_delete(struct kcifsd_smb_req *req);
u32 kcifsd_smb_rename(struct kcifsd_smb_req *req);
u32 kcifsd_smb_nt_rename(struct kcifsd_smb_req *req);
u32 kcifsd_smb_create_directory(struct kcifsd_smb_req *req);
u32 kcifsd_smb_delete_directory(struct kcifsd_smb_req *req);
u32 kcifsd_smb_check_directory(struct kcifsd_smb_req *req);
u32 kcifsd_smb_query_information(struct kcifsd_smb_req *req);
u32 kcifsd_smb_set_information(struct kcifsd_smb_req *req);
u32 kcifsd_smb_query_information_disk(struct kcifsd_smb_req *req);

/* By FID (fs/info2.c) */
u32 kcifsd_smb_query_information2(struct kcifsd_smb_req *req);
u32 kcifsd_smb_set_information2(struct kcifsd_smb_req *req);

#endif /* _KCIFSD_NAMESPACE_H */
