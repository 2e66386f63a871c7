/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which shares a caller of NetShareEnum (srvsvc, RAP) or NetShareGetInfo
 * sees, and how each is described. One place, so that srvsvc and RAP
 * cannot disagree:
 *
 *  - a share with "browseable = no" is not enumerated (GetInfo by name
 *    still finds it, as on Windows);
 *  - a guest (or anonymous) session sees only the shares a guest may
 *    connect to (tree_access() of lookup.c);
 *  - IPC$ is always there, last, as STYPE_IPC | STYPE_SPECIAL.
 */
#ifndef KCIFSCTL_RPC_SHARES_H
#define KCIFSCTL_RPC_SHARES_H

#include "rpc.h"

/* Share types (MS-SRVS 2.2.2.4) */
#define STYPE_DISKTREE		0x00000000u
#define STYPE_IPC		0x00000003u
#define STYPE_SPECIAL		0x80000000u

struct share_desc {
	const char *name;
	const char *comment;
	uint32_t type;
	const char *path;		/* NULL for IPC$ */
};

/*
 * The shares @user may enumerate, in config order, IPC$ last. Returns
 * their number and a malloc'ed array in *@out (pointing into env->conf),
 * or -ENOMEM.
 */
int shares_list(const struct rpc_env *env, const struct rpc_user *user,
		struct share_desc **out);

/* Share @name, browseable or not, if @user may see it: 0 or -ENOENT. */
int shares_find(const struct rpc_env *env, const struct rpc_user *user,
		const char *name, struct share_desc *out);

/*
 * May @user see administrative detail (local paths: levels 2 and 502)?
 * Only an account that maps to uid 0.
 */
int rpc_user_is_admin(const struct rpc_env *env, const struct rpc_user *user);

/* "C:\srv\data" for "/srv/data", as Windows clients expect, in @buf. */
const char *shares_dos_path(const char *path, char *buf, size_t size);

#endif /* KCIFSCTL_RPC_SHARES_H */
