/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NT_TRANSACT_IOCTL: file system controls (fs/fsctl.c), called by
 * fs/nttrans.c's subcommand switch.
 */
#ifndef _KCIFSD_FSCTL_H
#define _KCIFSD_FSCTL_H

#include <linux/types.h>

struct kcifsd_smb_req;
struct kcifsd_trans;

/* FunctionCode bits 16-31: the device type (MS-FSCC 2.3) */
#define FILE_DEVICE_FILE_SYSTEM		0x0009

/* FSCTL codes (MS-FSCC 2.3) */
#define FSCTL_SET_SPARSE		0x000900C4

u32 kcifsd_fsctl_refusal(u32 code, bool is_fsctl);
u32 kcifsd_nttrans_ioctl(struct kcifsd_smb_req *req, struct kcifsd_trans *t);

#endif /* _KCIFSD_FSCTL_H */
