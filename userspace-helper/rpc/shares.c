// SPDX-License-Identifier: GPL-2.0-only
/*
 * The share list that share enumeration shows; see shares.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lookup.h"
#include "shares.h"

static const struct share_desc ipc_share = {
	.name = "IPC$",
	.comment = "IPC Service",
	.type = STYPE_IPC | STYPE_SPECIAL,
	.path = NULL,
};

static int may_see(const struct rpc_env *env, const struct rpc_user *user,
		   const struct share_conf *s)
{
	if (!(user->flags & KCIFSD_USER_F_GUEST))
		return 1;
	return tree_access(env->conf, env->db, s->name, user->name,
			   user->flags) != KCIFSD_TREE_DENIED;
}

static void describe(const struct share_conf *s, struct share_desc *d)
{
	d->name = s->name;
	d->comment = s->comment ? s->comment : "";
	d->type = STYPE_DISKTREE;
	d->path = s->path;
}

int shares_list(const struct rpc_env *env, const struct rpc_user *user,
		struct share_desc **out)
{
	const struct kcifsd_conf *conf = env->conf;
	struct share_desc *list;
	size_t i;
	int n = 0;

	list = calloc(conf->n_shares + 1, sizeof(*list));
	if (!list)
		return -ENOMEM;
	for (i = 0; i < conf->n_shares; i++) {
		if (!conf->shares[i].browseable ||
		    !may_see(env, user, &conf->shares[i]))
			continue;
		describe(&conf->shares[i], &list[n++]);
	}
	list[n++] = ipc_share;
	*out = list;
	return n;
}

int shares_find(const struct rpc_env *env, const struct rpc_user *user,
		const char *name, struct share_desc *out)
{
	const struct share_conf *s;

	if (!strcasecmp(name, "IPC$")) {
		*out = ipc_share;
		return 0;
	}
	s = conf_find_share(env->conf, name);
	if (!s || !may_see(env, user, s))
		return -ENOENT;
	describe(s, out);
	return 0;
}

int rpc_user_is_admin(const struct rpc_env *env, const struct rpc_user *user)
{
	struct user_answer ua;
	int admin;

	if (user->flags & KCIFSD_USER_F_GUEST)
		return 0;
	admin = !lookup_user(env->conf, env->db, user->name, &ua) &&
		ua.uid == 0;
	explicit_bzero(&ua, sizeof(ua));
	return admin;
}

const char *shares_dos_path(const char *path, char *buf, size_t size)
{
	size_t i;

	if (!path) {
		snprintf(buf, size, "C:\\");
		return buf;
	}
	snprintf(buf, size, "C:%s", path);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '/')
			buf[i] = '\\';
	return buf;
}
