/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcifsctl: what the command files share (exit codes, global options).
 */
#ifndef KCIFSCTL_H
#define KCIFSCTL_H

#define KCIFSD_DEFAULT_CONFIG	"/etc/kcifsd/kcifsd.conf"
#define KCIFSD_DEFAULT_USERS	"/etc/kcifsd/users.db"

/* Exit codes, documented in kcifsctl(8). */
enum kcifsctl_exit {
	EXIT_OK = 0,
	EXIT_FAILED = 1,	/* the command failed (message says why) */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NOT_FOUND = 3,	/* the named user or share does not exist */
	EXIT_NOT_RUNNING = 4,	/* module not loaded / server or daemon down */
	EXIT_DENIED = 5,	/* not allowed: needs root (CAP_NET_ADMIN) */
};

/* Options that come before the command, valid for every command. */
struct kcifsctl_opts {
	const char *config_path;
	const char *users_path;
};

int cmd_user(const struct kcifsctl_opts *o, int argc, char **argv);
int cmd_share(const struct kcifsctl_opts *o, int argc, char **argv);
int cmd_start(const struct kcifsctl_opts *o, int argc, char **argv);
int cmd_stop(const struct kcifsctl_opts *o, int argc, char **argv);
int cmd_reload(const struct kcifsctl_opts *o, int argc, char **argv);
int cmd_status(const struct kcifsctl_opts *o, int argc, char **argv);

/* Tell a running server that users or shares changed (best effort). */
void kcifsctl_notify_reload(void);

#endif /* KCIFSCTL_H */
