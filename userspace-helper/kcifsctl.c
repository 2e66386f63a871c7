// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcifsctl: command-line entry of the kcifsd helper.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "kcifsd_netlink.h"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: kcifsctl [--help] [--version] COMMAND [ARGS]\n"
		"\n"
		"Configure and run the kcifsd in-kernel SMB1 file server.\n"
		"\n"
		"Options:\n"
		"  -h, --help       show this help and exit\n"
		"  -V, --version    print the version and exit\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("kcifsctl %s\n", KCIFSD_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	usage(stderr);
	return 2;
}
