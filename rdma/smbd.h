/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB Direct (MS-SMBD) transport: what the rest of kcifsd calls. Module
 * load and unload (fs/module.c), and the listeners, started and stopped
 * with the TCP ones by kcifsd_server_start()/kcifsd_server_stop() when the
 * server config asks for SMB Direct. Without CONFIG_KCIFSD_SMBDIRECT these
 * do nothing and the server runs on TCP alone.
 */
#ifndef _KCIFSD_SMBD_H
#define _KCIFSD_SMBD_H

#include <linux/errno.h>
#include <linux/printk.h>

struct kcifsd_server_config;

#ifdef CONFIG_KCIFSD_SMBDIRECT
int kcifsd_smbd_init(void);
void kcifsd_smbd_exit(void);
int kcifsd_smbd_listen(const struct kcifsd_server_config *cfg);
void kcifsd_smbd_unlisten(void);
#else
static inline int kcifsd_smbd_init(void)
{
	return 0;
}

static inline void kcifsd_smbd_exit(void)
{
}

static inline int kcifsd_smbd_listen(const struct kcifsd_server_config *cfg)
{
	pr_info("kcifsd: SMB Direct not built in (CONFIG_KCIFSD_SMBDIRECT)\n");
	return 0;
}

static inline void kcifsd_smbd_unlisten(void)
{
}
#endif

#endif /* _KCIFSD_SMBD_H */
