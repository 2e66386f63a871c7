// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcifsctl user add|del|passwd|list: the SMB accounts and the local
 * accounts their file access runs as.
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "kcifsctl.h"
#include "log.h"
#include "names.h"
#include "nthash.h"
#include "password.h"
#include "userdb.h"

static void usage_user(FILE *out)
{
	fprintf(out,
		"Usage: kcifsctl [--users FILE] user COMMAND [OPTIONS] [NAME]\n"
		"\n"
		"Manage the SMB accounts in the user database (default %s).\n"
		"Names are case-insensitive. Each account maps to a local Unix account\n"
		"(the same name unless --uid/--gid are given); files are accessed with\n"
		"its uid, gid and groups.\n"
		"\n"
		"Commands:\n"
		"  add NAME [--password-stdin] [--uid N --gid N] [--disabled]\n"
		"                 create an account; asks for the password twice on a\n"
		"                 terminal, else reads one line from stdin\n"
		"  del NAME       delete an account\n"
		"  passwd NAME [--password-stdin]\n"
		"                 set a new password\n"
		"  list           show the accounts and their uid/gid\n"
		"\n"
		"Run 'kcifsctl user COMMAND --help' for the options of a command.\n",
		KCIFSD_DEFAULT_USERS);
}

static int parse_id(const char *s, long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v >= 0xffffffffUL || *s == '-')
		return -1;
	*out = (long)v;
	return 0;
}

/* Lock and load; on failure prints why and returns an exit code. */
static int open_db(const struct kcifsctl_opts *o, struct userdb *db,
		   int *lock)
{
	int ret;

	*lock = edit_lock(o->users_path);
	if (*lock < 0) {
		log_err("cannot lock the directory of %s: %s", o->users_path,
			strerror(-*lock));
		return EXIT_FAILED;
	}
	ret = userdb_load(o->users_path, db);
	if (ret) {
		if (ret != -EINVAL)
			log_err("cannot read %s: %s", o->users_path,
				strerror(-ret));
		edit_unlock(*lock);
		return EXIT_FAILED;
	}
	return EXIT_OK;
}

static int save_db(const struct kcifsctl_opts *o, struct userdb *db)
{
	int ret = userdb_save(o->users_path, db);

	if (ret) {
		log_err("cannot write %s: %s", o->users_path, strerror(-ret));
		return EXIT_FAILED;
	}
	return EXIT_OK;
}

static int set_password(struct userdb_entry *e, int from_stdin)
{
	char *pw = password_read_new(e->name, from_stdin);
	int ret;

	if (!pw)
		return -1;
	ret = nt_hash(pw, e->nt_hash);
	password_free(pw);
	if (ret)
		log_err("the password is not valid UTF-8 or longer than %d bytes",
			PASSWORD_MAX);
	return ret;
}

static int user_add(const struct kcifsctl_opts *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "uid", required_argument, NULL, 'u' },
		{ "gid", required_argument, NULL, 'g' },
		{ "disabled", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char help[] =
		"Usage: kcifsctl user add NAME [--password-stdin] [--uid N --gid N] [--disabled]\n"
		"\n"
		"Create the SMB account NAME. Only its NT hash is stored, never the password.\n"
		"\n"
		"  --password-stdin  read the password as one line from stdin even on a terminal\n"
		"  --uid N           run file access as uid N (default: the local account NAME)\n"
		"  --gid N           primary gid (default: that account's primary group)\n"
		"  --disabled        create the account locked; it cannot log in\n"
		"  -h, --help        show this help\n";
	struct userdb_entry e = { .uid = -1, .gid = -1 };
	int from_stdin = 0, lock, c, ret;
	struct userdb db;
	const char *why;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			from_stdin = 1;
			break;
		case 'u':
		case 'g':
			if (parse_id(optarg, c == 'u' ? &e.uid : &e.gid)) {
				log_err("--%s needs a number, not \"%s\"",
					c == 'u' ? "uid" : "gid", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'd':
			e.flags |= KCIFSD_USER_F_DISABLED;
			break;
		case 'h':
			fputs(help, stdout);
			return EXIT_OK;
		default:
			fputs(help, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	why = user_name_invalid(argv[optind]);
	if (why) {
		log_err("bad user name \"%s\": %s", argv[optind], why);
		return EXIT_USAGE;
	}
	strcpy(e.name, argv[optind]);
	if (e.uid < 0 && e.gid >= 0) {
		log_err("--gid needs --uid too");
		return EXIT_USAGE;
	}
	ret = open_db(o, &db, &lock);
	if (ret)
		return ret;
	ret = EXIT_FAILED;
	if (userdb_find(&db, e.name)) {
		log_err("user \"%s\" already exists (kcifsctl user passwd changes its password)",
			e.name);
		goto out;
	}
	if (e.uid < 0 && !getpwnam(e.name)) {
		log_err("there is no local account \"%s\" to run file access as: create it (useradd %s) or give --uid and --gid",
			e.name, e.name);
		goto out;
	}
	if (e.uid >= 0 && e.gid < 0 && !getpwuid((uid_t)e.uid)) {
		log_err("uid %ld has no local account, so its group is unknown: give --gid too",
			e.uid);
		goto out;
	}
	if (set_password(&e, from_stdin))
		goto out;
	ret = userdb_add(&db, &e) ? EXIT_FAILED : save_db(o, &db);
	if (!ret) {
		printf("Added user %s.\n", e.name);
		kcifsctl_notify_reload();
	}
out:
	explicit_bzero(&e, sizeof(e));
	userdb_free(&db);
	edit_unlock(lock);
	return ret;
}

/* user del / user passwd: one NAME, --password-stdin for passwd only. */
static int user_change(const struct kcifsctl_opts *o, int argc, char **argv,
		       int del)
{
	static const struct option opts[] = {
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char help_del[] =
		"Usage: kcifsctl user del NAME\n"
		"\n"
		"Delete the SMB account NAME (any case). Its open sessions stay until they\n"
		"log off; new logins fail at once if the server is running.\n";
	static const char help_passwd[] =
		"Usage: kcifsctl user passwd NAME [--password-stdin]\n"
		"\n"
		"Set a new password for NAME. Asks twice on a terminal, else reads one line\n"
		"from stdin.\n"
		"\n"
		"  --password-stdin  read from stdin even on a terminal\n";
	const char *help = del ? help_del : help_passwd;
	char name[KCIFSD_USER_NAME_MAX + 1];
	struct userdb_entry *e;
	int from_stdin = 0, lock, c, ret;
	struct userdb db;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'p' && !del) {
			from_stdin = 1;
		} else if (c == 'h') {
			fputs(help, stdout);
			return EXIT_OK;
		} else {
			fputs(help, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	ret = open_db(o, &db, &lock);
	if (ret)
		return ret;
	e = userdb_find(&db, argv[optind]);
	if (!e) {
		log_err("no user \"%s\" in %s", argv[optind], o->users_path);
		ret = EXIT_NOT_FOUND;
		goto out;
	}
	strcpy(name, e->name);
	if (del) {
		userdb_del(&db, name);
	} else if (set_password(e, from_stdin)) {
		ret = EXIT_FAILED;
		goto out;
	}
	ret = save_db(o, &db);
	if (!ret) {
		printf(del ? "Deleted user %s.\n" :
		       "Changed the password of %s.\n", name);
		kcifsctl_notify_reload();
	}
out:
	userdb_free(&db);
	edit_unlock(lock);
	return ret;
}

static int user_list(const struct kcifsctl_opts *o, int argc, char **argv)
{
	struct userdb db;
	struct passwd *pw;
	char uid[24], gid[24];
	size_t i;
	int ret;

	if (argc > 1) {
		if (strcmp(argv[1], "--help") && strcmp(argv[1], "-h")) {
			fputs("Usage: kcifsctl user list\n", stderr);
			return EXIT_USAGE;
		}
		puts("Usage: kcifsctl user list\n\n"
		     "List the SMB accounts: name, uid and gid file access runs as, and\n"
		     "whether the account may log in. \"?\" means no local account matches.");
		return EXIT_OK;
	}
	ret = userdb_load(o->users_path, &db);
	if (ret) {
		if (ret != -EINVAL)
			log_err("cannot read %s: %s", o->users_path,
				strerror(-ret));
		return EXIT_FAILED;
	}
	printf("%-24s %-10s %-10s %s\n", "NAME", "UID", "GID", "STATE");
	for (i = 0; i < db.n; i++) {
		const struct userdb_entry *e = &db.users[i];

		pw = e->uid < 0 ? getpwnam(e->name) : getpwuid((uid_t)e->uid);
		snprintf(uid, sizeof(uid), "%ld",
			 e->uid >= 0 ? e->uid : pw ? (long)pw->pw_uid : -1);
		snprintf(gid, sizeof(gid), "%ld",
			 e->gid >= 0 ? e->gid : pw ? (long)pw->pw_gid : -1);
		printf("%-24s %-10s %-10s %s\n", e->name,
		       e->uid < 0 && !pw ? "?" : uid,
		       e->gid < 0 && !pw ? "?" : gid,
		       e->flags & KCIFSD_USER_F_DISABLED ? "disabled" :
		       "enabled");
	}
	userdb_free(&db);
	return EXIT_OK;
}

int cmd_user(const struct kcifsctl_opts *o, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	optind = 0;	/* each subcommand parses its own options */
	if (!sub) {
		usage_user(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(sub, "add"))
		return user_add(o, argc - 1, argv + 1);
	if (!strcmp(sub, "del") || !strcmp(sub, "delete"))
		return user_change(o, argc - 1, argv + 1, 1);
	if (!strcmp(sub, "passwd"))
		return user_change(o, argc - 1, argv + 1, 0);
	if (!strcmp(sub, "list"))
		return user_list(o, argc - 1, argv + 1);
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h") ||
	    !strcmp(sub, "help")) {
		usage_user(stdout);
		return EXIT_OK;
	}
	log_err("unknown user command \"%s\"", sub);
	usage_user(stderr);
	return EXIT_USAGE;
}
