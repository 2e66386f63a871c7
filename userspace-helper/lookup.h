/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's answers to the kernel's questions, computed from the
 * config, the user database and the local account database (NSS).
 */
#ifndef KCIFSCTL_LOOKUP_H
#define KCIFSCTL_LOOKUP_H

#include <stdint.h>

#include "config.h"
#include "userdb.h"

struct user_answer {
	char name[KCIFSD_USER_NAME_MAX + 1];
	int has_hash;
	uint8_t nt_hash[KCIFSD_NT_HASH_SIZE];
	uint32_t uid;
	uint32_t gid;
	uint32_t groups[KCIFSD_MAX_GROUPS];
	unsigned int n_groups;
	uint32_t flags;			/* KCIFSD_USER_F_* */
};

struct share_answer {
	char name[KCIFSD_SHARE_NAME_MAX + 1];
	const char *path;		/* NULL for IPC$ */
	const char *comment;
	uint32_t flags;			/* KCIFSD_SHARE_F_* */
	uint32_t create_mask;
	uint32_t directory_mask;
	uint32_t force_uid;
	uint32_t force_gid;
};

/*
 * Answer a user lookup. The guest account of [global] answers with
 * KCIFSD_USER_F_GUEST and no hash; a disabled account without its hash.
 * Returns 0, -ENOENT (no such user: "map to guest = bad user" may apply)
 * or -ENXIO (the account exists but maps to no local uid: refuse).
 */
int lookup_user(const struct kcifsd_conf *conf, const struct userdb *db,
		const char *name, struct user_answer *out);

/*
 * Answer a share lookup; IPC$ is built in. @out points into @conf.
 * Returns 0, -ENOENT, or -ENXIO (force user/group does not exist).
 */
int lookup_share(const struct kcifsd_conf *conf, const char *name,
		 struct share_answer *out);

/*
 * May @user (a session with KCIFSD_USER_F_* @session_flags) connect to
 * @share? Applies guest ok, invalid users, valid users and read only.
 */
int tree_access(const struct kcifsd_conf *conf, const struct userdb *db,
		const char *share, const char *user, uint32_t session_flags);

#endif /* KCIFSCTL_LOOKUP_H */
