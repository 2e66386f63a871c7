/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB_COM_NT_TRANSACT subcommands (MS-CIFS 2.2.7, 3.3.5.59): the codes
 * and the handler the command table names. The transaction itself
 * (secondaries, 32-bit counts, multi-part replies) is fs/transaction.c's.
 */
#ifndef _KCIFSD_NTTRANS_H
#define _KCIFSD_NTTRANS_H

#include <linux/types.h>

struct kcifsd_smb_req;

/* Function codes (MS-CIFS 2.2.2.2) */
#define NT_TRANSACT_CREATE			0x0001
#define NT_TRANSACT_IOCTL			0x0002
#define NT_TRANSACT_SET_SECURITY_DESC		0x0003
#define NT_TRANSACT_NOTIFY_CHANGE		0x0004
#define NT_TRANSACT_RENAME			0x0005
#define NT_TRANSACT_QUERY_SECURITY_DESC		0x0006

/* Handler (fs/dispatch.c command table) */
u32 kcifsd_smb_nt_transact(struct kcifsd_smb_req *req);

#endif /* _KCIFSD_NTTRANS_H */
