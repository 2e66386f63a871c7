// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcifsctl share add|del|list|show. Edits go through config_edit.c so
 * that hand-written parts of kcifsd.conf survive.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic_file.h"
#include "config.h"
#include "config_edit.h"
#include "kcifsctl.h"
#include "log.h"
#include "names.h"

static void usage_share(FILE *out)
{
	fprintf(out,
		"Usage: kcifsctl [--config FILE] share COMMAND [OPTIONS] [NAME]\n"
		"\n"
		"Manage the shares in the config file (default %s). Only the section of\n"
		"the share changes; comments and other sections are kept as they are.\n"
		"\n"
		"Commands:\n"
		"  add NAME --path DIR [OPTIONS]  add a share (see 'share add --help')\n"
		"  del NAME                       remove a share\n"
		"  list                           list the shares\n"
		"  show NAME                      show every setting of a share\n",
		KCIFSD_DEFAULT_CONFIG);
}

static const char add_help[] =
	"Usage: kcifsctl share add NAME --path DIR [OPTIONS]\n"
	"\n"
	"Add the share NAME serving the directory DIR. Without --read-only the share\n"
	"is writable (for users the file permissions allow).\n"
	"\n"
	"  --path DIR              absolute path of the directory to share (required)\n"
	"  --comment TEXT          description shown to clients\n"
	"  --read-only             clients cannot change anything\n"
	"  --guest-ok              guest sessions may connect\n"
	"  --valid-users LIST      only these users (names, @group) may connect\n"
	"  --invalid-users LIST    these users (names, @group) may never connect\n"
	"  --browseable yes|no     list the share to clients (default yes)\n"
	"  --create-mask MODE      octal mode bits new files may keep (default 0744)\n"
	"  --directory-mask MODE   same for new directories (default 0755)\n"
	"  --force-user USER       access files as USER, whoever logged in\n"
	"  --force-group GROUP     access files with GROUP as primary group\n"
	"  -h, --help              show this help\n";

/* Lock, read and validate the config text; prints why on failure. */
static int open_conf(const struct kcifsctl_opts *o, char **text, int *lock)
{
	struct kcifsd_conf conf;
	int ret;

	*lock = edit_lock(o->config_path);
	if (*lock < 0) {
		log_err("cannot lock the directory of %s: %s", o->config_path,
			strerror(-*lock));
		return EXIT_FAILED;
	}
	ret = read_whole_file(o->config_path, text, NULL);
	if (ret == -ENOENT) {
		*text = strdup("");
		ret = *text ? 0 : -ENOMEM;
	}
	if (ret) {
		log_err("cannot read %s: %s", o->config_path, strerror(-ret));
		goto fail;
	}
	/* Never build on a broken file: the result would not load either. */
	if (conf_parse_text(o->config_path, *text, &conf)) {
		log_err("fix %s first", o->config_path);
		free(*text);
		goto fail;
	}
	conf_free(&conf);
	return EXIT_OK;
fail:
	edit_unlock(*lock);
	return EXIT_FAILED;
}

/* Check the edited text parses, then replace the file atomically. */
static int commit_conf(const struct kcifsctl_opts *o, const char *text)
{
	struct kcifsd_conf conf;
	int ret;

	log_mute_warnings = 1;
	ret = conf_parse_text(o->config_path, text, &conf);
	log_mute_warnings = 0;
	if (ret) {
		log_err("the edit would break %s; nothing written",
			o->config_path);
		return EXIT_FAILED;
	}
	conf_free(&conf);
	ret = atomic_write_file(o->config_path, text, strlen(text), 0);
	if (ret) {
		log_err("cannot write %s: %s", o->config_path, strerror(-ret));
		return EXIT_FAILED;
	}
	kcifsctl_notify_reload();
	return EXIT_OK;
}

/* Add [@name] with the @n pairs of @kv, or remove it if @kv is NULL. */
static int edit_share(const struct kcifsctl_opts *o, const char *name,
		      const char *const *kv, size_t n)
{
	char *text = NULL, *out = NULL;
	int lock, ret;

	ret = open_conf(o, &text, &lock);
	if (ret)
		return ret;
	ret = kv ? conf_edit_add_section(text, name, kv, n, &out) :
	      conf_edit_del_section(text, name, &out);
	if (ret == -EEXIST) {
		log_err("share [%s] already exists in %s (kcifsctl share del %s first)",
			name, o->config_path, name);
		ret = EXIT_FAILED;
	} else if (ret == -ENOENT) {
		log_err("no share [%s] in %s", name, o->config_path);
		ret = EXIT_NOT_FOUND;
	} else if (ret) {
		log_err("out of memory");
		ret = EXIT_FAILED;
	} else {
		ret = commit_conf(o, out);
		if (!ret)
			printf("%s share %s.\n", kv ? "Added" : "Deleted", name);
	}
	free(out);
	free(text);
	edit_unlock(lock);
	return ret;
}

static int share_add(const struct kcifsctl_opts *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "path", required_argument, NULL, 'P' },
		{ "comment", required_argument, NULL, 'c' },
		{ "read-only", no_argument, NULL, 'r' },
		{ "guest-ok", no_argument, NULL, 'g' },
		{ "valid-users", required_argument, NULL, 'v' },
		{ "invalid-users", required_argument, NULL, 'i' },
		{ "browseable", required_argument, NULL, 'b' },
		{ "create-mask", required_argument, NULL, 'm' },
		{ "directory-mask", required_argument, NULL, 'M' },
		{ "force-user", required_argument, NULL, 'u' },
		{ "force-group", required_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kv[2 * 16];
	char keys[16][24];
	const char *name, *why, *path = NULL;
	int read_only = 0, c, i;
	size_t n = 0;
	struct stat st;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		const char *key = NULL;

		for (i = 0; opts[i].name; i++)
			if (opts[i].val == c)
				key = opts[i].name;
		if (n >= 14) {
			log_err("too many options");
			return EXIT_USAGE;
		}
		switch (c) {
		case 'h':
			fputs(add_help, stdout);
			return EXIT_OK;
		case 'r':
			read_only = 1;
			continue;
		case 'g':
			kv[2 * n] = "guest ok";
			kv[2 * n++ + 1] = "yes";
			continue;
		case '?':
			fputs(add_help, stderr);
			return EXIT_USAGE;
		case 'P':
			path = optarg;
			break;
		}
		/* "--valid-users" is the parameter "valid users". */
		for (i = 0; key[i]; i++)
			keys[n][i] = key[i] == '-' ? ' ' : key[i];
		keys[n][i] = '\0';
		kv[2 * n] = keys[n];
		kv[2 * n++ + 1] = optarg;
		if (conf_check_share_value(kv[2 * n - 2], optarg, &why)) {
			log_err("bad --%s \"%s\": %s", key, optarg, why);
			return EXIT_USAGE;
		}
		if (strstr(optarg, " ;") || strstr(optarg, "\t;")) {
			log_err("--%s: \" ;\" would start a comment in %s",
				key, o->config_path);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !path) {
		if (!path)
			log_err("share add needs --path");
		fputs(add_help, stderr);
		return EXIT_USAGE;
	}
	name = argv[optind];
	why = !strcasecmp(name, "IPC$") ? "IPC$ is built in" :
	      share_name_invalid(name);
	if (why) {
		log_err("bad share name \"%s\": %s", name, why);
		return EXIT_USAGE;
	}
	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		log_warn("%s is not a directory (yet); clients cannot connect until it is",
			 path);
	kv[2 * n] = "read only";
	kv[2 * n++ + 1] = read_only ? "yes" : "no";

	return edit_share(o, name, kv, n);
}

static int share_del(const struct kcifsctl_opts *o, const char *name)
{
	return edit_share(o, name, NULL, 0);
}

static const char *yes_no(int b)
{
	return b ? "yes" : "no";
}

static void show_one(const struct share_conf *s)
{
	printf("[%s]\n", s->name);
	printf("\tpath = %s\n", s->path);
	printf("\tcomment = %s\n", s->comment ? s->comment : "");
	printf("\tread only = %s\n", yes_no(s->read_only));
	printf("\tguest ok = %s\n", yes_no(s->guest_ok));
	printf("\tbrowseable = %s\n", yes_no(s->browseable));
	printf("\tvalid users = %s\n", s->valid_users ? s->valid_users : "");
	printf("\tinvalid users = %s\n",
	       s->invalid_users ? s->invalid_users : "");
	printf("\tcreate mask = %04o\n", s->create_mask);
	printf("\tdirectory mask = %04o\n", s->directory_mask);
	printf("\tforce user = %s\n", s->force_user ? s->force_user : "");
	printf("\tforce group = %s\n", s->force_group ? s->force_group : "");
}

static int share_read(const struct kcifsctl_opts *o, const char *show)
{
	const struct share_conf *s;
	struct kcifsd_conf conf;
	size_t i;
	int ret = EXIT_OK;

	if (conf_load(o->config_path, &conf))
		return EXIT_FAILED;
	if (show) {
		s = conf_find_share(&conf, show);
		if (s) {
			show_one(s);
		} else {
			log_err("no share [%s] in %s", show, o->config_path);
			ret = EXIT_NOT_FOUND;
		}
	} else {
		printf("%-20s %-10s %s\n", "NAME", "ACCESS", "PATH");
		for (i = 0; i < conf.n_shares; i++) {
			s = &conf.shares[i];
			printf("%-20s %-10s %s\n", s->name,
			       s->read_only ? "read-only" : "writable",
			       s->path);
		}
	}
	conf_free(&conf);
	return ret;
}

int cmd_share(const struct kcifsctl_opts *o, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	int help;

	optind = 0;
	if (!sub) {
		usage_share(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h") ||
	    !strcmp(sub, "help")) {
		usage_share(stdout);
		return EXIT_OK;
	}
	if (!strcmp(sub, "add"))
		return share_add(o, argc - 1, argv + 1);
	help = argc > 2 && (!strcmp(argv[2], "--help") ||
			    !strcmp(argv[2], "-h"));
	if (!strcmp(sub, "list") && (argc == 2 || help)) {
		if (help) {
			puts("Usage: kcifsctl share list\n\n"
			     "List the configured shares (IPC$ is built in and not listed).");
			return EXIT_OK;
		}
		return share_read(o, NULL);
	}
	if ((!strcmp(sub, "del") || !strcmp(sub, "delete") ||
	     !strcmp(sub, "show")) && argc == 3) {
		if (help) {
			printf("Usage: kcifsctl share %s NAME\n\n%s\n", sub,
			       sub[0] == 's' ?
			       "Show every setting of share NAME, defaults included." :
			       "Remove the section [NAME] from the config file. Connected clients\n"
			       "keep their connection until they disconnect.");
			return EXIT_OK;
		}
		return sub[0] == 's' ? share_read(o, argv[2]) :
		       share_del(o, argv[2]);
	}
	if (strcmp(sub, "list") && strcmp(sub, "del") && strcmp(sub, "delete") &&
	    strcmp(sub, "show"))
		log_err("unknown share command \"%s\"", sub);
	usage_share(stderr);
	return EXIT_USAGE;
}
