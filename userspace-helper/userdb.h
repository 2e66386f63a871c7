/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The user database: one line per account,
 *
 *	name:nthash:uid:gid:flags
 *
 * nthash is 32 hex digits of MD4(UTF-16LE(password)); uid and gid are
 * empty to use the local account of the same name; flags is empty or
 * "disabled". Mode 0600: the NT hash is password-equivalent for NTLM.
 */
#ifndef KCIFSCTL_USERDB_H
#define KCIFSCTL_USERDB_H

#include <stddef.h>
#include <stdint.h>

#include "kcifsd_netlink.h"

struct userdb_entry {
	char name[KCIFSD_USER_NAME_MAX + 1];
	uint8_t nt_hash[KCIFSD_NT_HASH_SIZE];
	long uid;		/* -1: the local account named @name */
	long gid;		/* -1: that account's primary group */
	unsigned int flags;	/* KCIFSD_USER_F_DISABLED */
};

struct userdb {
	struct userdb_entry *users;
	size_t n, cap;
};

/*
 * Load @path into @db (empty if the file does not exist). Malformed
 * lines are reported as FILE:LINE and fail the load (-EINVAL), so that a
 * rewrite never silently drops accounts. Returns 0 or -errno.
 */
int userdb_load(const char *path, struct userdb *db);

/* Write @db to @path atomically with mode 0600. Returns 0 or -errno. */
int userdb_save(const char *path, const struct userdb *db);

/* Case-insensitive lookup; NULL if absent. */
struct userdb_entry *userdb_find(const struct userdb *db, const char *name);

/* Add a copy of @e; -EEXIST if the name exists in any case. */
int userdb_add(struct userdb *db, const struct userdb_entry *e);

/* Remove @name; -ENOENT if absent. */
int userdb_del(struct userdb *db, const char *name);

/* Free @db, wiping the hashes. */
void userdb_free(struct userdb *db);

#endif /* KCIFSCTL_USERDB_H */
