/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the helper channel: net/ipc.c owns the generic-netlink family
 * and the daemon; net/ipc_upcall.c owns the questions asked to it, their
 * answers and the answer cache.
 */
#ifndef _KCIFSD_IPC_UPCALL_H
#define _KCIFSD_IPC_UPCALL_H

#include <net/genetlink.h>

/* net/ipc.c, for ipc_upcall.c */
void *kcifsd_ipc_msg_put(struct sk_buff *skb, u8 cmd);
int kcifsd_ipc_unicast(struct sk_buff *skb);

/* net/ipc_upcall.c, for ipc.c */
int kcifsd_ipc_answer(u8 cmd, struct genl_info *info);
void kcifsd_ipc_fail_all(int err);
void kcifsd_ipc_cache_drop(void);
void kcifsd_ipc_get_counters(u64 *requests, u64 *failures, u64 *hits);
int kcifsd_ipc_upcall_init(void);
void kcifsd_ipc_upcall_exit(void);

#endif /* _KCIFSD_IPC_UPCALL_H */
