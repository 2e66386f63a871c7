// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcifsctl: command-line entry of the kcifsd helper. Global options come
 * first, then a command that parses its own options (cmd_*.c, daemon.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "kcifsctl.h"
#include "kcifsd_netlink.h"
#include "log.h"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: kcifsctl [OPTIONS] COMMAND [ARGS]\n"
		"\n"
		"Configure and run the kcifsd in-kernel SMB1 file server.\n"
		"\n"
		"Commands:\n"
		"  user add|del|passwd|list     manage SMB accounts\n"
		"  share add|del|list|show      manage shares\n"
		"  start [--foreground]         start the server and its daemon\n"
		"  stop                         stop the server\n"
		"  reload                       reread the config and users\n"
		"  status                       show the server's state and counters\n"
		"\n"
		"Options:\n"
		"  -c, --config FILE  config file (default %s)\n"
		"  -u, --users FILE   user database (default %s)\n"
		"  -v, --verbose      also log every request the daemon answers\n"
		"  -h, --help         show this help and exit\n"
		"  -V, --version      print the version and exit\n"
		"\n"
		"Run 'kcifsctl COMMAND --help' for a command's options; see kcifsctl(8)\n"
		"and kcifsd.conf(5). Exit codes: 0 ok, 1 failed, 2 usage, 3 not found,\n"
		"4 module or server not running, 5 permission denied.\n",
		KCIFSD_DEFAULT_CONFIG, KCIFSD_DEFAULT_USERS);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "users", required_argument, NULL, 'u' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct {
		const char *name;
		int (*run)(const struct kcifsctl_opts *o, int argc,
			   char **argv);
	} cmds[] = {
		{ "user", cmd_user },
		{ "share", cmd_share },
		{ "start", cmd_start },
		{ "stop", cmd_stop },
		{ "reload", cmd_reload },
		{ "status", cmd_status },
	};
	struct kcifsctl_opts o = {
		.config_path = KCIFSD_DEFAULT_CONFIG,
		.users_path = KCIFSD_DEFAULT_USERS,
	};
	size_t i;
	int c;

	/* "+": stop at the command; its options are its own. */
	while ((c = getopt_long(argc, argv, "+c:u:vhV", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o.config_path = optarg;
			break;
		case 'u':
			o.users_path = optarg;
			break;
		case 'v':
			log_verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("kcifsctl %s (netlink protocol %d)\n",
			       KCIFSD_VERSION, KCIFSD_GENL_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[optind], cmds[i].name))
			return cmds[i].run(&o, argc - optind, argv + optind);
	log_err("unknown command \"%s\"", argv[optind]);
	usage(stderr);
	return EXIT_USAGE;
}
