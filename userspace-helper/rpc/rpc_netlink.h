/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's answers to RPC_OPEN, RPC_TRANSACT and RPC_CLOSE.
 */
#ifndef KCIFSCTL_RPC_NETLINK_H
#define KCIFSCTL_RPC_NETLINK_H

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "rpc.h"

/*
 * Answer the kernel's named-pipe request @cmd (attributes @tb, parsed
 * with genl_top_policy) into @msg, which already carries the handle:
 * KCIFSD_A_ERRNO and, for RPC_TRANSACT, KCIFSD_A_RPC_DATA. Returns 0,
 * or -ENOMEM if @msg could not take the answer.
 */
int rpc_nl_answer(const struct rpc_env *env, uint8_t cmd, struct nlattr **tb,
		  struct nl_msg *msg);

#endif /* KCIFSCTL_RPC_NETLINK_H */
