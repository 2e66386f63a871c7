/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * File data commands (fs/readwrite.c): READ_ANDX and WRITE_ANDX with the
 * large forms, the core READ, WRITE and SEEK, LOCK_AND_READ and
 * WRITE_AND_UNLOCK (READ and WRITE with a lock, fs/locking.h); READ_RAW
 * refused.
 */
#ifndef _KCIFSD_READWRITE_H
#define _KCIFSD_READWRITE_H

#include <linux/types.h>

struct kcifsd_smb_req;

/* Handlers (fs/dispatch.c command table) */
u32 kcifsd_smb_read_andx(struct kcifsd_smb_req *req);
u32 kcifsd_smb_write_andx(struct kcifsd_smb_req *req);
u32 kcifsd_smb_read(struct kcifsd_smb_req *req);
u32 kcifsd_smb_write(struct kcifsd_smb_req *req);
u32 kcifsd_smb_seek(struct kcifsd_smb_req *req);
u32 kcifsd_smb_write_and_close(struct kcifsd_smb_req *req);
u32 kcifsd_smb_read_raw(struct kcifsd_smb_req *req);
u32 kcifsd_smb_lock_and_read(struct kcifsd_smb_req *req);
u32 kcifsd_smb_write_and_unlock(struct kcifsd_smb_req *req);

#endif /* _KCIFSD_READWRITE_H */
