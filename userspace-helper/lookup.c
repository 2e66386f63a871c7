// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the kernel is told about users, shares and tree connects. File
 * access in the kernel runs with the uid, gid and groups given here.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "lookup.h"
#include "names.h"

static void fill_groups(const char *account, gid_t gid,
			struct user_answer *out)
{
	gid_t groups[KCIFSD_MAX_GROUPS];
	int n = KCIFSD_MAX_GROUPS, i;

	if (getgrouplist(account, gid, groups, &n) < 0) {
		log_warn("user %s is in more than %d groups; only the first %d are used",
			 account, KCIFSD_MAX_GROUPS, KCIFSD_MAX_GROUPS);
		n = KCIFSD_MAX_GROUPS;
	}
	for (i = 0; i < n; i++)
		out->groups[i] = groups[i];
	out->n_groups = (unsigned int)n;
}

static int map_guest(const struct kcifsd_conf *conf, struct user_answer *out)
{
	const char *guest = conf->global.guest_account;
	struct passwd *pw = getpwnam(guest);

	if (!pw) {
		log_err("guest account \"%s\" does not exist on this system; set \"guest account\" in [global]",
			guest);
		return -ENXIO;
	}
	strcpy(out->name, guest);
	out->uid = pw->pw_uid;
	out->gid = pw->pw_gid;
	out->flags = KCIFSD_USER_F_GUEST;
	fill_groups(pw->pw_name, pw->pw_gid, out);
	return 0;
}

int lookup_user(const struct kcifsd_conf *conf, const struct userdb *db,
		const char *name, struct user_answer *out)
{
	const struct userdb_entry *e;
	struct passwd *pw;

	memset(out, 0, sizeof(*out));
	if (!name_casecmp(name, conf->global.guest_account))
		return map_guest(conf, out);
	e = userdb_find(db, name);
	if (!e)
		return -ENOENT;
	strcpy(out->name, e->name);
	out->flags = e->flags;
	pw = e->uid < 0 ? getpwnam(e->name) : getpwuid((uid_t)e->uid);
	if (e->uid < 0 && !pw) {
		log_err("user %s has no local account to map to; create one or run kcifsctl user add with --uid and --gid",
			e->name);
		return -ENXIO;
	}
	out->uid = e->uid < 0 ? pw->pw_uid : (uint32_t)e->uid;
	if (e->gid >= 0) {
		out->gid = (uint32_t)e->gid;
	} else if (pw) {
		out->gid = pw->pw_gid;
	} else {
		log_err("user %s: uid %ld has no local account, so give --gid too",
			e->name, e->uid);
		return -ENXIO;
	}
	if (pw)
		fill_groups(pw->pw_name, out->gid, out);
	if (!(e->flags & KCIFSD_USER_F_DISABLED)) {
		memcpy(out->nt_hash, e->nt_hash, sizeof(out->nt_hash));
		out->has_hash = 1;
	}
	return 0;
}

int lookup_share(const struct kcifsd_conf *conf, const char *name,
		 struct share_answer *out)
{
	const struct share_conf *s;
	struct passwd *pw;
	struct group *gr;

	memset(out, 0, sizeof(*out));
	if (!strcasecmp(name, "IPC$")) {
		strcpy(out->name, "IPC$");
		out->comment = "IPC Service";
		out->flags = KCIFSD_SHARE_F_IPC | KCIFSD_SHARE_F_GUEST_OK |
			     KCIFSD_SHARE_F_BROWSEABLE;
		return 0;
	}
	s = conf_find_share(conf, name);
	if (!s)
		return -ENOENT;
	strcpy(out->name, s->name);
	out->path = s->path;
	out->comment = s->comment ? s->comment : "";
	out->flags = (s->read_only ? KCIFSD_SHARE_F_READ_ONLY : 0) |
		     (s->guest_ok ? KCIFSD_SHARE_F_GUEST_OK : 0) |
		     (s->browseable ? KCIFSD_SHARE_F_BROWSEABLE : 0);
	out->create_mask = s->create_mask;
	out->directory_mask = s->directory_mask;
	if (s->force_user) {
		pw = getpwnam(s->force_user);
		if (!pw) {
			log_err("share [%s]: force user \"%s\" does not exist",
				s->name, s->force_user);
			return -ENXIO;
		}
		out->force_uid = pw->pw_uid;
		out->flags |= KCIFSD_SHARE_F_FORCE_USER;
	}
	if (s->force_group) {
		gr = getgrnam(s->force_group);
		if (!gr) {
			log_err("share [%s]: force group \"%s\" does not exist",
				s->name, s->force_group);
			return -ENXIO;
		}
		out->force_gid = gr->gr_gid;
		out->flags |= KCIFSD_SHARE_F_FORCE_GROUP;
	}
	return 0;
}

/* Is @user (with its answer @ua, or NULL) named by the list @list? */
static int in_list(const char *list, const char *user,
		   const struct user_answer *ua)
{
	char tok[KCIFSD_USER_NAME_MAX + 2];
	const char *cur = list;
	struct group *gr;
	unsigned int i;

	while (conf_list_next(&cur, tok, sizeof(tok)) > 0) {
		if (!strchr("@+&", tok[0])) {
			if (!name_casecmp(tok, user))
				return 1;
			continue;
		}
		gr = getgrnam(tok + strspn(tok, "@+&"));
		if (!gr || !ua)
			continue;
		if (ua->gid == gr->gr_gid)
			return 1;
		for (i = 0; i < ua->n_groups; i++)
			if (ua->groups[i] == gr->gr_gid)
				return 1;
	}
	return 0;
}

int tree_access(const struct kcifsd_conf *conf, const struct userdb *db,
		const char *share, const char *user, uint32_t session_flags)
{
	const struct share_conf *s;
	struct user_answer ua;
	int have_ua;

	if (!strcasecmp(share, "IPC$"))
		return KCIFSD_TREE_READ_WRITE;
	s = conf_find_share(conf, share);
	if (!s)
		return KCIFSD_TREE_DENIED;
	if ((session_flags & KCIFSD_USER_F_GUEST) && !s->guest_ok)
		return KCIFSD_TREE_DENIED;
	have_ua = lookup_user(conf, db, user, &ua) == 0;
	explicit_bzero(ua.nt_hash, sizeof(ua.nt_hash));
	if (s->invalid_users && in_list(s->invalid_users, user,
					have_ua ? &ua : NULL))
		return KCIFSD_TREE_DENIED;
	if (s->valid_users && *s->valid_users && !in_list(s->valid_users, user,
				       have_ua ? &ua : NULL))
		return KCIFSD_TREE_DENIED;
	return s->read_only ? KCIFSD_TREE_READ_ONLY : KCIFSD_TREE_READ_WRITE;
}
