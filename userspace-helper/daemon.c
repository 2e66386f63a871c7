// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcifsctl start: the daemon. It sends START with the [global] settings,
 * then answers the kernel's user, share and tree-connect questions from
 * the config and the user database until it is told to stop.
 *
 * Signals: SIGHUP rereads the files and tells the kernel RELOAD; SIGTERM
 * (and SIGINT) stop the server and exit. The files are also reread when
 * they change on disk, so "kcifsctl user add" takes effect at once.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <ifaddrs.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netlink/genl/genl.h>

#include "config.h"
#include "genl.h"
#include "kcifsctl.h"
#include "log.h"
#include "lookup.h"
#include "rpc/rpc_netlink.h"
#include "userdb.h"

struct daemon {
	char config_path[PATH_MAX];
	char users_path[PATH_MAX];
	struct kcifsd_conf conf;
	struct userdb db;
	struct stat conf_st;
	struct stat db_st;
	struct genl_conn nl;
	int quit;
};

static const char start_help[] =
	"Usage: kcifsctl [--config FILE] [--users FILE] start [--foreground]\n"
	"\n"
	"Start the server: check the config and the user database, send the [global]\n"
	"settings to the kcifsd module (which then listens), and keep running as the\n"
	"daemon that answers the module's questions about users and shares. If the\n"
	"server already runs without a daemon (the old one died), the new daemon\n"
	"takes over and the listeners stay up.\n"
	"\n"
	"  -f, --foreground  do not detach; log to stderr instead of syslog\n"
	"  -h, --help        show this help\n"
	"\n"
	"Signals: SIGHUP rereads the files (like kcifsctl reload); SIGTERM stops the\n"
	"server and exits (like kcifsctl stop).\n";

/* st_ino, size and both times: a rename by kcifsctl changes the inode. */
static int file_changed(const char *path, struct stat *old)
{
	struct stat st;

	if (stat(path, &st))
		memset(&st, 0, sizeof(st));
	if (st.st_ino == old->st_ino && st.st_size == old->st_size &&
	    st.st_mtim.tv_sec == old->st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == old->st_mtim.tv_nsec &&
	    st.st_ctim.tv_sec == old->st_ctim.tv_sec &&
	    st.st_ctim.tv_nsec == old->st_ctim.tv_nsec)
		return 0;
	*old = st;
	return 1;
}

/*
 * Reread what changed; a broken file keeps the last good version.
 * Returns 1 if something was reloaded, 0 if not, -EINVAL on a bad file.
 */
static int refresh_files(struct daemon *d, int force)
{
	struct kcifsd_conf conf;
	struct userdb db;
	int ret = 0;

	if (file_changed(d->config_path, &d->conf_st) || force) {
		if (conf_load(d->config_path, &conf)) {
			log_err("keeping the previous settings of %s",
				d->config_path);
			ret = -EINVAL;
		} else {
			conf_free(&d->conf);
			d->conf = conf;
			log_debug("loaded %s", d->config_path);
			ret = ret ? ret : 1;
		}
	}
	if (file_changed(d->users_path, &d->db_st) || force) {
		if (userdb_load(d->users_path, &db)) {
			log_err("keeping the previous accounts of %s",
				d->users_path);
			ret = -EINVAL;
		} else {
			userdb_free(&d->db);
			d->db = db;
			log_debug("loaded %s", d->users_path);
			ret = ret ? ret : 1;
		}
	}
	return ret;
}

/* "interfaces = eth0": the interface's first address, IPv4 first. */
static int resolve_interface(const char *name, char *addr, size_t len)
{
	struct ifaddrs *ifa, *i;
	unsigned char buf[16];
	int family, found = 0;

	if (inet_pton(AF_INET, name, buf) == 1 ||
	    inet_pton(AF_INET6, name, buf) == 1) {
		snprintf(addr, len, "%s", name);
		return 0;
	}
	if (getifaddrs(&ifa))
		return -errno;
	for (family = AF_INET; !found && family; family =
	     family == AF_INET ? AF_INET6 : 0) {
		for (i = ifa; i && !found; i = i->ifa_next) {
			if (!i->ifa_addr || i->ifa_addr->sa_family != family ||
			    strcmp(i->ifa_name, name))
				continue;
			found = inet_ntop(family, family == AF_INET ?
				(void *)&((struct sockaddr_in *)i->ifa_addr)->sin_addr :
				(void *)&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr,
				addr, (socklen_t)len) != NULL;
		}
	}
	freeifaddrs(ifa);
	return found ? 0 : -ENOENT;
}

/* The SMB Direct listener settings: at START and at every RELOAD. */
static int put_smbd(struct nl_msg *msg, const struct global_conf *g)
{
	if (g->smb_direct != CONF_UNSET)
		NLA_PUT_U8(msg, KCIFSD_SERVER_A_SMBD, (uint8_t)g->smb_direct);
	if (g->smbd_port != CONF_UNSET)
		NLA_PUT_U16(msg, KCIFSD_SERVER_A_SMBD_PORT,
			    (uint16_t)g->smbd_port);
	if (g->smbd_iwarp_port != CONF_UNSET)
		NLA_PUT_U16(msg, KCIFSD_SERVER_A_SMBD_IWARP_PORT,
			    (uint16_t)g->smbd_iwarp_port);
	return 0;
nla_put_failure:
	return -ENOMEM;
}

static int put_server(struct nl_msg *msg, const struct global_conf *g)
{
	char addr[INET6_ADDRSTRLEN + 1];
	struct nlattr *nest = nla_nest_start(msg, KCIFSD_A_SERVER);

	if (!nest)
		return -ENOMEM;
	if (g->tcp_port != CONF_UNSET)
		NLA_PUT_U16(msg, KCIFSD_SERVER_A_TCP_PORT, (uint16_t)g->tcp_port);
	if (g->nbt_port != CONF_UNSET)
		NLA_PUT_U16(msg, KCIFSD_SERVER_A_NBT_PORT, (uint16_t)g->nbt_port);
	if (g->interface[0]) {
		if (resolve_interface(g->interface, addr, sizeof(addr))) {
			log_err("interfaces = %s: no such address or interface with an address",
				g->interface);
			return -ENODEV;
		}
		NLA_PUT_STRING(msg, KCIFSD_SERVER_A_BIND_ADDR, addr);
	}
	if (g->ipv6 != CONF_UNSET)
		NLA_PUT_U8(msg, KCIFSD_SERVER_A_IPV6, (uint8_t)g->ipv6);
	if (g->max_connections != CONF_UNSET)
		NLA_PUT_U32(msg, KCIFSD_SERVER_A_MAX_CONNECTIONS,
			    (uint32_t)g->max_connections);
	if (g->max_conn_per_peer != CONF_UNSET)
		NLA_PUT_U32(msg, KCIFSD_SERVER_A_MAX_CONN_PER_PEER,
			    (uint32_t)g->max_conn_per_peer);
	if (g->max_mpx != CONF_UNSET)
		NLA_PUT_U16(msg, KCIFSD_SERVER_A_MAX_MPX, (uint16_t)g->max_mpx);
	if (g->idle_timeout != CONF_UNSET)
		NLA_PUT_U32(msg, KCIFSD_SERVER_A_IDLE_TIMEOUT,
			    (uint32_t)g->idle_timeout);
	if (put_smbd(msg, g))
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return 0;
nla_put_failure:
	return -ENOMEM;
}

static int put_smb(struct nl_msg *msg, const struct global_conf *g)
{
	struct nlattr *nest = nla_nest_start(msg, KCIFSD_A_SMB);

	if (!nest)
		return -ENOMEM;
	NLA_PUT_U32(msg, KCIFSD_SMB_A_SIGNING, (uint32_t)g->signing);
	NLA_PUT_U8(msg, KCIFSD_SMB_A_NTLM_AUTH, (uint8_t)g->ntlm_auth);
	NLA_PUT_U32(msg, KCIFSD_SMB_A_MAP_TO_GUEST, (uint32_t)g->map_to_guest);
	NLA_PUT_STRING(msg, KCIFSD_SMB_A_GUEST_ACCOUNT, g->guest_account);
	NLA_PUT_STRING(msg, KCIFSD_SMB_A_SERVER_STRING, g->server_string);
	NLA_PUT_STRING(msg, KCIFSD_SMB_A_WORKGROUP, g->workgroup);
	NLA_PUT_STRING(msg, KCIFSD_SMB_A_NETBIOS_NAME, g->netbios_name);
	nla_nest_end(msg, nest);
	return 0;
nla_put_failure:
	return -ENOMEM;
}

static int start_reply(struct nlattr **tb, void *arg)
{
	*(int *)arg = tb[KCIFSD_A_WAS_RUNNING] != NULL;
	return 0;
}

static int send_start(struct daemon *d)
{
	struct nl_msg *msg = genl_msg(&d->nl, KCIFSD_CMD_START);
	int was_running = 0, ret;

	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, KCIFSD_A_VERSION, KCIFSD_VERSION) ||
	    nla_put_u32(msg, KCIFSD_A_PID, (uint32_t)getpid())) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	ret = put_server(msg, &d->conf.global);
	if (!ret)
		ret = put_smb(msg, &d->conf.global);
	if (ret) {
		nlmsg_free(msg);
		return ret == -ENODEV ? -EINVAL : ret;
	}
	ret = genl_transact(&d->nl, msg, start_reply, &was_running);
	if (!ret)
		log_info(was_running ?
			 "attached to the running kcifsd server (listeners kept; stop and start to change ports)" :
			 "kcifsd server started");
	return ret;
}

/* Only the SMB Direct listeners change at RELOAD, so only they are sent. */
static int put_server_reload(struct nl_msg *msg, const struct global_conf *g)
{
	struct nlattr *nest = nla_nest_start(msg, KCIFSD_A_SERVER);

	if (!nest || put_smbd(msg, g))
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return 0;
}

/*
 * RELOAD from the daemon: drop the kernel caches, new [global] values.
 * A refusal (the new SMB Direct port in use) comes back as an error
 * message, logged by on_kernel_error().
 */
static void send_reload(struct daemon *d)
{
	struct nl_msg *msg = genl_msg(&d->nl, KCIFSD_CMD_RELOAD);

	if (!msg || put_smb(msg, &d->conf.global) ||
	    put_server_reload(msg, &d->conf.global)) {
		nlmsg_free(msg);	/* genl_send() frees it, nothing else */
		log_err("could not build the reload message for the kernel");
		return;
	}
	if (genl_send(&d->nl, msg))
		log_err("could not tell the kernel to reload");
	else
		log_info("reloaded %s and %s", d->config_path, d->users_path);
}

static int answer_user(struct daemon *d, struct nl_msg *msg,
		       const char *name)
{
	struct user_answer ua;
	struct nlattr *nest;
	int err = lookup_user(&d->conf, &d->db, name, &ua);

	log_debug("user lookup \"%s\": %s", name, err ? strerror(-err) : "ok");
	NLA_PUT_U32(msg, KCIFSD_A_ERRNO, (uint32_t)-err);
	if (err)
		return 0;
	nest = nla_nest_start(msg, KCIFSD_A_USER);
	if (!nest)
		goto nla_put_failure;
	NLA_PUT_STRING(msg, KCIFSD_USER_A_NAME, ua.name);
	if (ua.has_hash)
		NLA_PUT(msg, KCIFSD_USER_A_NT_HASH, KCIFSD_NT_HASH_SIZE,
			ua.nt_hash);
	NLA_PUT_U32(msg, KCIFSD_USER_A_UID, ua.uid);
	NLA_PUT_U32(msg, KCIFSD_USER_A_GID, ua.gid);
	if (ua.n_groups)
		NLA_PUT(msg, KCIFSD_USER_A_GROUPS,
			(int)(ua.n_groups * sizeof(uint32_t)), ua.groups);
	NLA_PUT_U32(msg, KCIFSD_USER_A_FLAGS, ua.flags);
	nla_nest_end(msg, nest);
	explicit_bzero(&ua, sizeof(ua));
	return 0;
nla_put_failure:
	explicit_bzero(&ua, sizeof(ua));
	return -ENOMEM;
}

static int answer_share(struct daemon *d, struct nl_msg *msg,
			const char *name)
{
	struct share_answer sa;
	struct nlattr *nest;
	int err = lookup_share(&d->conf, name, &sa);

	log_debug("share lookup \"%s\": %s", name,
		  err ? strerror(-err) : "ok");
	NLA_PUT_U32(msg, KCIFSD_A_ERRNO, (uint32_t)-err);
	if (err)
		return 0;
	nest = nla_nest_start(msg, KCIFSD_A_SHARE);
	if (!nest)
		goto nla_put_failure;
	NLA_PUT_STRING(msg, KCIFSD_SHARE_A_NAME, sa.name);
	if (sa.path)
		NLA_PUT_STRING(msg, KCIFSD_SHARE_A_PATH, sa.path);
	NLA_PUT_STRING(msg, KCIFSD_SHARE_A_COMMENT, sa.comment);
	NLA_PUT_U32(msg, KCIFSD_SHARE_A_FLAGS, sa.flags);
	NLA_PUT_U32(msg, KCIFSD_SHARE_A_CREATE_MASK, sa.create_mask);
	NLA_PUT_U32(msg, KCIFSD_SHARE_A_DIRECTORY_MASK, sa.directory_mask);
	if (sa.flags & KCIFSD_SHARE_F_FORCE_USER)
		NLA_PUT_U32(msg, KCIFSD_SHARE_A_FORCE_UID, sa.force_uid);
	if (sa.flags & KCIFSD_SHARE_F_FORCE_GROUP)
		NLA_PUT_U32(msg, KCIFSD_SHARE_A_FORCE_GID, sa.force_gid);
	nla_nest_end(msg, nest);
	return 0;
nla_put_failure:
	return -ENOMEM;
}

static int answer_tree(struct daemon *d, struct nl_msg *msg,
		       const char *share, const char *user, uint32_t flags)
{
	static const char *const names[] = { "denied", "read-only",
					     "read-write" };
	int access = tree_access(&d->conf, &d->db, share, user, flags);

	log_debug("tree connect \"%s\" by \"%s\": %s", share, user,
		  names[access]);
	NLA_PUT_U32(msg, KCIFSD_A_ERRNO, 0);
	NLA_PUT_U32(msg, KCIFSD_A_TREE_ACCESS, (uint32_t)access);
	return 0;
nla_put_failure:
	return -ENOMEM;
}

static void on_notify(struct daemon *d, uint32_t what)
{
	if (what == KCIFSD_NOTIFY_RELOAD) {
		refresh_files(d, 1);
		send_reload(d);
	} else if (what == KCIFSD_NOTIFY_SHUTDOWN) {
		log_info("the server was stopped (kcifsctl stop or module unload); exiting");
		d->quit = 1;
	}
}

/* A message the kernel sent on its own: a question or a notification. */
static int on_kernel_msg(struct nl_msg *nlmsg, void *arg)
{
	struct daemon *d = arg;
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(nlmsg));
	struct nlattr *tb[KCIFSD_A_MAX + 1];
	const char *user, *share;
	struct nl_msg *msg;
	int ret = -EINVAL;

	if (genlmsg_parse(nlmsg_hdr(nlmsg), 0, tb, KCIFSD_A_MAX,
			  genl_top_policy)) {
		log_err("malformed message from the kernel (command %u)",
			gh->cmd);
		return NL_SKIP;
	}
	if (gh->cmd == KCIFSD_CMD_NOTIFY && tb[KCIFSD_A_NOTIFY]) {
		on_notify(d, nla_get_u32(tb[KCIFSD_A_NOTIFY]));
		return NL_OK;
	}
	if (!tb[KCIFSD_A_HANDLE]) {
		log_err("kernel request %u without a handle", gh->cmd);
		return NL_SKIP;
	}
	/* A file edited by hand: the kernel's cached answers are stale. */
	if (refresh_files(d, 0) > 0)
		send_reload(d);
	msg = genl_msg(&d->nl, gh->cmd);
	if (!msg || nla_put_u32(msg, KCIFSD_A_HANDLE,
				nla_get_u32(tb[KCIFSD_A_HANDLE])))
		goto out;
	user = genl_str(tb[KCIFSD_A_USER_NAME]);
	share = genl_str(tb[KCIFSD_A_SHARE_NAME]);
	switch (gh->cmd) {
	case KCIFSD_CMD_USER_LOOKUP:
		if (user)
			ret = answer_user(d, msg, user);
		break;
	case KCIFSD_CMD_SHARE_LOOKUP:
		if (share)
			ret = answer_share(d, msg, share);
		break;
	case KCIFSD_CMD_TREE_CONNECT:
		if (user && share)
			ret = answer_tree(d, msg, share, user,
					  tb[KCIFSD_A_SESSION_FLAGS] ?
					  nla_get_u32(tb[KCIFSD_A_SESSION_FLAGS]) : 0);
		break;
	case KCIFSD_CMD_RPC_OPEN:
	case KCIFSD_CMD_RPC_TRANSACT:
	case KCIFSD_CMD_RPC_CLOSE:
		ret = rpc_nl_answer(&(struct rpc_env){ &d->conf, &d->db },
				    gh->cmd, tb, msg);
		break;
	default:
		/* Newer commands: say so, promptly. */
		ret = nla_put_u32(msg, KCIFSD_A_ERRNO, EOPNOTSUPP) ? -ENOMEM : 0;
		break;
	}
out:
	if (ret) {
		log_err("cannot answer kernel request %u: %s", gh->cmd,
			strerror(-ret));
		nlmsg_free(msg);
		return NL_SKIP;
	}
	if (genl_send(&d->nl, msg))
		log_err("cannot send an answer to the kernel");
	return NL_OK;
}

static int on_kernel_error(struct sockaddr_nl *who, struct nlmsgerr *e,
			   void *arg)
{
	(void)who;
	(void)arg;
	if (e->error)
		log_err("the kernel refused the daemon's message %u: %s",
			e->msg.nlmsg_type, strerror(-e->error));
	return NL_SKIP;
}

static int serve(struct daemon *d, int sigfd)
{
	struct signalfd_siginfo si;
	struct pollfd pfd[2];
	struct nl_cb *cb;
	int ret;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return EXIT_FAILED;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_kernel_msg, d);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, genl_no_seq_check, NULL);
	nl_cb_err(cb, NL_CB_CUSTOM, on_kernel_error, d);
	pfd[0].fd = nl_socket_get_fd(d->nl.sk);
	pfd[0].events = POLLIN;
	pfd[1].fd = sigfd;
	pfd[1].events = POLLIN;
	while (!d->quit) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			log_err("poll: %s", strerror(errno));
			break;
		}
		if (pfd[0].revents & POLLIN) {
			ret = nl_recvmsgs(d->nl.sk, cb);
			if (ret < 0 && ret != -NLE_AGAIN)
				log_err("netlink receive: %s", nl_geterror(ret));
		}
		if (!(pfd[1].revents & POLLIN) ||
		    read(sigfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo == SIGHUP) {
			refresh_files(d, 1);
			send_reload(d);
			continue;
		}
		log_info("signal %u: stopping the server", si.ssi_signo);
		ret = genl_transact(&d->nl, genl_msg(&d->nl, KCIFSD_CMD_STOP),
				    NULL, NULL);
		if (ret && ret != -ESRCH)
			genl_report(&d->nl, "stop", ret);
		d->quit = 1;
	}
	nl_cb_put(cb);
	return EXIT_OK;
}

static void absolute(const char *in, char *out)
{
	char cwd[PATH_MAX];

	if (in[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		snprintf(out, PATH_MAX, "%s", in);
	else if ((size_t)snprintf(out, PATH_MAX, "%s/%s", cwd, in) >= PATH_MAX)
		snprintf(out, PATH_MAX, "%s", in);
}

/* Background mode: the parent waits for the child's verdict on START. */
static int detach(int *report_fd)
{
	int p[2];
	char code;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0) {
		close(p[1]);
		if (read(p[0], &code, 1) != 1)
			code = EXIT_FAILED;	/* the child died */
		_exit(code);
	}
	close(p[0]);
	setsid();
	*report_fd = p[1];
	return 0;
}

static void finish_detach(int report_fd, char code)
{
	int null;

	if (write(report_fd, &code, 1) != 1)
		code = EXIT_FAILED;
	close(report_fd);
	if (code)
		return;
	log_to_syslog();
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	if (chdir("/"))
		log_warn("chdir /: %s", strerror(errno));
}

int cmd_start(const struct kcifsctl_opts *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct daemon d;
	int foreground = 0, report_fd = -1, sigfd, c, ret;
	sigset_t mask;

	optind = 0;
	while ((c = getopt_long(argc, argv, "fh", opts, NULL)) != -1) {
		if (c == 'f') {
			foreground = 1;
		} else if (c == 'h') {
			fputs(start_help, stdout);
			return EXIT_OK;
		} else {
			fputs(start_help, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fputs(start_help, stderr);
		return EXIT_USAGE;
	}
	absolute(o->config_path, d.config_path);
	absolute(o->users_path, d.users_path);
	if (access(d.config_path, F_OK))
		log_warn("%s does not exist: default settings, no shares",
			 d.config_path);
	if (refresh_files(&d, 1) < 0)
		return EXIT_FAILED;

	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (!foreground && detach(&report_fd)) {
		log_err("cannot fork: %s", strerror(errno));
		return EXIT_FAILED;
	}
	sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
	ret = genl_open(&d.nl);
	if (!ret) {
		/* Kernel requests must never be lost to a full buffer. */
		nl_socket_set_buffer_size(d.nl.sk, 1 << 20, 1 << 20);
		d.nl.unsolicited = on_kernel_msg;
		d.nl.arg = &d;
		ret = send_start(&d);
	}
	ret = sigfd < 0 ? EXIT_FAILED : genl_report(&d.nl, "start", ret);
	if (report_fd >= 0)
		finish_detach(report_fd, (char)ret);
	if (!ret)
		ret = serve(&d, sigfd);
	genl_close(&d.nl);
	conf_free(&d.conf);
	userdb_free(&d.db);
	return ret;
}
