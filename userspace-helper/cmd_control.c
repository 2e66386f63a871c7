// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcifsctl stop|reload|status: one request to the kernel each, from any
 * process with CAP_NET_ADMIN (the daemon need not be this process).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <netlink/genl/genl.h>

#include "genl.h"
#include "kcifsctl.h"
#include "log.h"

/* No options but --help: returns -1 to go on, else an exit code. */
static int only_help(int argc, char **argv, const char *help)
{
	if (argc == 1)
		return -1;
	if (argc == 2 && (!strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "-h"))) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	fputs(help, stderr);
	return EXIT_USAGE;
}

static int simple_command(uint8_t cmd, const char *what)
{
	struct genl_conn c;
	struct nl_msg *msg;
	int ret;

	ret = genl_open(&c);
	if (ret)
		return genl_report(NULL, what, ret);
	msg = genl_msg(&c, cmd);
	ret = msg ? genl_transact(&c, msg, NULL, NULL) : -ENOMEM;
	ret = genl_report(&c, what, ret);
	genl_close(&c);
	return ret;
}

int cmd_stop(const struct kcifsctl_opts *o, int argc, char **argv)
{
	int ret = only_help(argc, argv,
		"Usage: kcifsctl stop\n"
		"\n"
		"Stop the server: close the listeners and every connection, and make the\n"
		"daemon (kcifsctl start) exit. The module stays loaded; kcifsctl start\n"
		"serves again.\n");

	(void)o;
	if (ret >= 0)
		return ret;
	ret = simple_command(KCIFSD_CMD_STOP, "stop");
	if (!ret)
		puts("kcifsd stopped.");
	return ret;
}

int cmd_reload(const struct kcifsctl_opts *o, int argc, char **argv)
{
	int ret = only_help(argc, argv,
		"Usage: kcifsctl reload\n"
		"\n"
		"Make the daemon reread the config file and the user database, and the\n"
		"kernel forget what it cached about users and shares. Settings that change\n"
		"the listeners (ports, interfaces) need kcifsctl stop and start.\n");

	(void)o;
	if (ret >= 0)
		return ret;
	return simple_command(KCIFSD_CMD_RELOAD, "reload");
}

void kcifsctl_notify_reload(void)
{
	struct genl_conn c;
	struct nl_msg *msg;

	/* Best effort: the server may well not run, or we are not root. */
	if (geteuid() != 0 || genl_open(&c))
		return;
	msg = genl_msg(&c, KCIFSD_CMD_RELOAD);
	if (msg && genl_transact(&c, msg, NULL, NULL) == 0)
		log_debug("told the running server to reload");
	genl_close(&c);
}

static uint64_t get64(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u64(tb[type]) : 0;
}

static uint32_t get32(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u32(tb[type]) : 0;
}

/* The SMB Direct events that happened: number, count, meaning. */
static void print_smbd_events(struct nlattr *status)
{
	struct nlattr *ev[KCIFSD_SMBD_EVENT_A_MAX + 1];
	struct nlattr *a;
	const char *name;
	int rem, first = 1;

	nla_for_each_nested(a, status, rem) {
		if (nla_type(a) != KCIFSD_STATUS_A_SMBD_EVENT ||
		    nla_parse_nested(ev, KCIFSD_SMBD_EVENT_A_MAX, a,
				     genl_smbd_event_policy) ||
		    !ev[KCIFSD_SMBD_EVENT_A_ID] ||
		    !get64(ev, KCIFSD_SMBD_EVENT_A_COUNT))
			continue;
		name = genl_str(ev[KCIFSD_SMBD_EVENT_A_NAME]);
		if (first)
			printf("  smbdirect events (Windows SMBDirect event number, count, meaning):\n");
		printf("    %-5u %10" PRIu64 "  %s\n",
		       nla_get_u16(ev[KCIFSD_SMBD_EVENT_A_ID]),
		       get64(ev, KCIFSD_SMBD_EVENT_A_COUNT), name ? name : "");
		first = 0;
	}
}

static int status_reply(struct nlattr **top, void *arg)
{
	struct nlattr *tb[KCIFSD_STATUS_A_MAX + 1];
	struct nlattr *drop[KCIFSD_DROP_A_MAX + 1];
	struct nlattr *a;
	const char *name;
	int rem, first = 1, *running = arg;

	if (!top[KCIFSD_A_STATUS] ||
	    nla_parse_nested(tb, KCIFSD_STATUS_A_MAX, top[KCIFSD_A_STATUS],
			     genl_status_policy)) {
		log_err("malformed status from the kernel");
		return -EPROTO;
	}
	*running = tb[KCIFSD_STATUS_A_RUNNING] &&
		   nla_get_u8(tb[KCIFSD_STATUS_A_RUNNING]);
	printf("kcifsd %s: %s\n", KCIFSD_VERSION,
	       *running ? "running" : "stopped");
	if (tb[KCIFSD_STATUS_A_DAEMON_PID])
		printf("  daemon:        pid %" PRIu32 "\n",
		       nla_get_u32(tb[KCIFSD_STATUS_A_DAEMON_PID]));
	else
		printf("  daemon:        none (logins and tree connects fail; run kcifsctl start)\n");
	if (*running) {
		printf("  listening:     ");
		if (tb[KCIFSD_STATUS_A_TCP_PORT] &&
		    nla_get_u16(tb[KCIFSD_STATUS_A_TCP_PORT]))
			printf("tcp %u ", nla_get_u16(tb[KCIFSD_STATUS_A_TCP_PORT]));
		if (tb[KCIFSD_STATUS_A_NBT_PORT] &&
		    nla_get_u16(tb[KCIFSD_STATUS_A_NBT_PORT]))
			printf("netbios %u ",
			       nla_get_u16(tb[KCIFSD_STATUS_A_NBT_PORT]));
		if (tb[KCIFSD_STATUS_A_SMBD_PORT])
			printf("smbdirect %u ",
			       nla_get_u16(tb[KCIFSD_STATUS_A_SMBD_PORT]));
		if (tb[KCIFSD_STATUS_A_SMBD_IWARP_PORT])
			printf("smbdirect-iwarp %u",
			       nla_get_u16(tb[KCIFSD_STATUS_A_SMBD_IWARP_PORT]));
		printf("\n");
	}
	printf("  connections:   %" PRIu32 " open, %" PRIu64 " accepted\n",
	       get32(tb, KCIFSD_STATUS_A_CONNECTIONS),
	       get64(tb, KCIFSD_STATUS_A_ACCEPTED));
	if (tb[KCIFSD_STATUS_A_SESSIONS])
		printf("  sessions:      %" PRIu32 "\n",
		       get32(tb, KCIFSD_STATUS_A_SESSIONS));
	if (tb[KCIFSD_STATUS_A_TREES])
		printf("  tree connects: %" PRIu32 "\n",
		       get32(tb, KCIFSD_STATUS_A_TREES));
	if (tb[KCIFSD_STATUS_A_OPEN_FILES])
		printf("  open files:    %" PRIu32 "\n",
		       get32(tb, KCIFSD_STATUS_A_OPEN_FILES));
	printf("  messages:      %" PRIu64 " in, %" PRIu64 " out\n",
	       get64(tb, KCIFSD_STATUS_A_MESSAGES_IN),
	       get64(tb, KCIFSD_STATUS_A_MESSAGES_OUT));
	printf("  bytes:         %" PRIu64 " in, %" PRIu64 " out\n",
	       get64(tb, KCIFSD_STATUS_A_BYTES_IN),
	       get64(tb, KCIFSD_STATUS_A_BYTES_OUT));
	if (tb[KCIFSD_STATUS_A_FILE_BYTES_READ])
		printf("  file data:     %" PRIu64 " read, %" PRIu64
		       " written, %" PRIu64 " copied\n",
		       get64(tb, KCIFSD_STATUS_A_FILE_BYTES_READ),
		       get64(tb, KCIFSD_STATUS_A_FILE_BYTES_WRITTEN),
		       get64(tb, KCIFSD_STATUS_A_FILE_BYTES_COPIED));
	/* Write data read whole before the page cache: ~0 for large writes. */
	if (tb[KCIFSD_STATUS_A_FILE_BYTES_STAGED])
		printf("  write staging: %" PRIu64 " bytes through message buffers\n",
		       get64(tb, KCIFSD_STATUS_A_FILE_BYTES_STAGED));
	/* Write-through writes and the flushes they shared (fs/wsync.c). */
	if (tb[KCIFSD_STATUS_A_WSYNC_FLUSHES])
		printf("  write-through: %" PRIu64 " writes, %" PRIu64 " flushes\n",
		       get64(tb, KCIFSD_STATUS_A_WSYNC_WRITES),
		       get64(tb, KCIFSD_STATUS_A_WSYNC_FLUSHES));
	/* Requests answered without waking a pool thread (net/connection.c). */
	if (tb[KCIFSD_STATUS_A_RX_WRITES])
		printf("  in receive:    %" PRIu64 " requests, %" PRIu64 " writes\n",
		       get64(tb, KCIFSD_STATUS_A_RX_REQUESTS),
		       get64(tb, KCIFSD_STATUS_A_RX_WRITES));
	printf("  helper calls:  %" PRIu64 " asked, %" PRIu64 " failed, %"
	       PRIu64 " from cache\n",
	       get64(tb, KCIFSD_STATUS_A_IPC_REQUESTS),
	       get64(tb, KCIFSD_STATUS_A_IPC_FAILURES),
	       get64(tb, KCIFSD_STATUS_A_IPC_CACHE_HITS));
	nla_for_each_nested(a, top[KCIFSD_A_STATUS], rem) {
		if (nla_type(a) != KCIFSD_STATUS_A_DROP ||
		    nla_parse_nested(drop, KCIFSD_DROP_A_MAX, a,
				     genl_drop_policy))
			continue;
		name = genl_str(drop[KCIFSD_DROP_A_REASON]);
		if (!name || !get64(drop, KCIFSD_DROP_A_COUNT))
			continue;
		printf("%s%s: %" PRIu64, first ? "  dropped:       " : ", ",
		       name, get64(drop, KCIFSD_DROP_A_COUNT));
		first = 0;
	}
	if (!first)
		printf("\n");
	print_smbd_events(top[KCIFSD_A_STATUS]);
	return 0;
}

int cmd_status(const struct kcifsctl_opts *o, int argc, char **argv)
{
	struct genl_conn c;
	struct nl_msg *msg;
	int running = 0;
	int ret = only_help(argc, argv,
		"Usage: kcifsctl status\n"
		"\n"
		"Show whether the server runs, which daemon answers for it, and its\n"
		"connections and counters. Exits 0 when it runs, 4 when it does not (or\n"
		"the module is not loaded).\n");

	(void)o;
	if (ret >= 0)
		return ret;
	ret = genl_open(&c);
	if (ret)
		return genl_report(NULL, "status", ret);
	msg = genl_msg(&c, KCIFSD_CMD_STATUS);
	ret = msg ? genl_transact(&c, msg, status_reply, &running) : -ENOMEM;
	ret = genl_report(&c, "status", ret);
	genl_close(&c);
	if (!ret && !running)
		ret = EXIT_NOT_RUNNING;
	return ret;
}
