/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcifsd.conf: smb.conf-style settings, a [global] section and one
 * section per share. See kcifsd.conf(5) for every key.
 */
#ifndef KCIFSCTL_CONFIG_H
#define KCIFSCTL_CONFIG_H

#include <stddef.h>

#include "kcifsd_netlink.h"

/* An integer setting that was not given keeps the module's default. */
#define CONF_UNSET	(-1L)

struct share_conf {
	char name[KCIFSD_SHARE_NAME_MAX + 1];
	unsigned int line;		/* of the [name] header */
	char *path;
	char *comment;
	int read_only;
	int guest_ok;
	int browseable;
	char *valid_users;		/* NULL: everybody */
	char *invalid_users;		/* NULL: nobody */
	unsigned int create_mask;
	unsigned int directory_mask;
	char *force_user;
	char *force_group;
};

struct global_conf {
	/* transport (struct kcifsd_server_config) */
	long tcp_port;
	long nbt_port;
	char interface[KCIFSD_BIND_ADDR_MAX + 1];	/* address or ifname */
	long ipv6;
	long max_connections;
	long max_conn_per_peer;
	long max_mpx;
	long idle_timeout;		/* seconds ("deadtime" is minutes) */
	long smb_direct;		/* 0 or 1 */
	long smbd_port;			/* InfiniBand and RoCE */
	long smbd_iwarp_port;
	/* SMB and authentication */
	int signing;			/* enum kcifsd_signing */
	int ntlm_auth;
	int map_to_guest;		/* enum kcifsd_map_to_guest */
	char guest_account[KCIFSD_USER_NAME_MAX + 1];
	char server_string[KCIFSD_SERVER_STRING_MAX + 1];
	char workgroup[KCIFSD_WORKGROUP_MAX + 1];
	char netbios_name[KCIFSD_NETBIOS_NAME_MAX + 1];
};

struct kcifsd_conf {
	struct global_conf global;
	struct share_conf *shares;
	size_t n_shares;
};

/*
 * Parse @path. A missing file gives the defaults and no shares. Unknown
 * parameters are warned about; a bad value, a share without a path or a
 * syntax error is reported as FILE:LINE and fails (-EINVAL).
 * Returns 0 or -errno.
 */
int conf_load(const char *path, struct kcifsd_conf *conf);

/* Same, from text in memory; @name is used in messages. */
int conf_parse_text(const char *name, const char *text,
		    struct kcifsd_conf *conf);

void conf_free(struct kcifsd_conf *conf);

/* Case-insensitive; NULL if there is no such share. */
const struct share_conf *conf_find_share(const struct kcifsd_conf *conf,
					 const char *name);

/*
 * Check one share parameter the way the parser would: 0 if @value is
 * valid for @key, else -1 with a reason in @why. Used by "share add".
 */
int conf_check_share_value(const char *key, const char *value,
			   const char **why);

/*
 * Next entry of a user list ("valid users = bob, @staff alice"): copies
 * it into @tok (@toklen bytes) and advances @cursor. Returns 1, or 0 at
 * the end of the list, or -1 if an entry does not fit.
 */
int conf_list_next(const char **cursor, char *tok, size_t toklen);

/* "yes"/"no" and the other spellings Samba accepts; -1 if neither. */
int conf_parse_bool(const char *s);

#endif /* KCIFSCTL_CONFIG_H */
