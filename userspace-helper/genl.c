// SPDX-License-Identifier: GPL-2.0-only
/*
 * libnl-genl plumbing for kcifsctl: resolving the family, request/answer
 * round trips with the kernel's extended-ack messages, and the policies
 * every received message is parsed with.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "genl.h"
#include "kcifsctl.h"
#include "log.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* libnl's maxlen for strings counts the NUL. */
#define STR(max)	{ .type = NLA_STRING, .maxlen = (max) + 1 }

struct nla_policy genl_top_policy[KCIFSD_A_MAX + 1] = {
	[KCIFSD_A_HANDLE] = { .type = NLA_U32 },
	[KCIFSD_A_ERRNO] = { .type = NLA_U32 },
	[KCIFSD_A_VERSION] = STR(32),
	[KCIFSD_A_PID] = { .type = NLA_U32 },
	[KCIFSD_A_USER_NAME] = STR(KCIFSD_USER_NAME_MAX),
	[KCIFSD_A_SHARE_NAME] = STR(KCIFSD_SHARE_NAME_MAX),
	[KCIFSD_A_SERVER] = { .type = NLA_NESTED },
	[KCIFSD_A_SMB] = { .type = NLA_NESTED },
	[KCIFSD_A_USER] = { .type = NLA_NESTED },
	[KCIFSD_A_SHARE] = { .type = NLA_NESTED },
	[KCIFSD_A_TREE_ACCESS] = { .type = NLA_U32 },
	[KCIFSD_A_SESSION_FLAGS] = { .type = NLA_U32 },
	[KCIFSD_A_CLIENT_ADDR] = STR(KCIFSD_CLIENT_ADDR_MAX),
	[KCIFSD_A_NOTIFY] = { .type = NLA_U32 },
	[KCIFSD_A_STATUS] = { .type = NLA_NESTED },
	[KCIFSD_A_WAS_RUNNING] = { .type = NLA_FLAG },
	[KCIFSD_A_RPC_PIPE] = STR(KCIFSD_PIPE_NAME_MAX),
	[KCIFSD_A_RPC_ID] = { .type = NLA_U32 },
	[KCIFSD_A_RPC_DATA] = { .type = NLA_UNSPEC,
				.maxlen = KCIFSD_RPC_MAX_PAYLOAD },
	[KCIFSD_A_RPC_PARAM] = { .type = NLA_UNSPEC,
				 .maxlen = KCIFSD_RPC_MAX_PAYLOAD },
	[KCIFSD_A_RPC_MAX_PARAM] = { .type = NLA_U32 },
	[KCIFSD_A_RPC_MAX_DATA] = { .type = NLA_U32 },
};

struct nla_policy genl_status_policy[KCIFSD_STATUS_A_MAX + 1] = {
	[KCIFSD_STATUS_A_RUNNING] = { .type = NLA_U8 },
	[KCIFSD_STATUS_A_DAEMON_PID] = { .type = NLA_U32 },
	[KCIFSD_STATUS_A_TCP_PORT] = { .type = NLA_U16 },
	[KCIFSD_STATUS_A_NBT_PORT] = { .type = NLA_U16 },
	[KCIFSD_STATUS_A_CONNECTIONS] = { .type = NLA_U32 },
	[KCIFSD_STATUS_A_ACCEPTED] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_MESSAGES_IN] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_MESSAGES_OUT] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_BYTES_IN] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_BYTES_OUT] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_DROP] = { .type = NLA_NESTED },
	[KCIFSD_STATUS_A_SESSIONS] = { .type = NLA_U32 },
	[KCIFSD_STATUS_A_TREES] = { .type = NLA_U32 },
	[KCIFSD_STATUS_A_OPEN_FILES] = { .type = NLA_U32 },
	[KCIFSD_STATUS_A_IPC_REQUESTS] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_IPC_FAILURES] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_IPC_CACHE_HITS] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_FILE_BYTES_READ] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_FILE_BYTES_WRITTEN] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_FILE_BYTES_COPIED] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_SMBD_EVENT] = { .type = NLA_NESTED },
	[KCIFSD_STATUS_A_SMBD_PORT] = { .type = NLA_U16 },
	[KCIFSD_STATUS_A_SMBD_IWARP_PORT] = { .type = NLA_U16 },
	[KCIFSD_STATUS_A_FILE_BYTES_STAGED] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_WSYNC_WRITES] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_WSYNC_FLUSHES] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_RX_REQUESTS] = { .type = NLA_U64 },
	[KCIFSD_STATUS_A_RX_WRITES] = { .type = NLA_U64 },
};

struct nla_policy genl_smbd_event_policy[KCIFSD_SMBD_EVENT_A_MAX + 1] = {
	[KCIFSD_SMBD_EVENT_A_ID] = { .type = NLA_U16 },
	[KCIFSD_SMBD_EVENT_A_NAME] = STR(KCIFSD_SMBD_EVENT_NAME_MAX),
	[KCIFSD_SMBD_EVENT_A_COUNT] = { .type = NLA_U64 },
};

struct nla_policy genl_drop_policy[KCIFSD_DROP_A_MAX + 1] = {
	[KCIFSD_DROP_A_REASON] = STR(64),
	[KCIFSD_DROP_A_COUNT] = { .type = NLA_U64 },
};

const char *genl_str(const struct nlattr *a)
{
	const char *s;
	int len;

	if (!a)
		return NULL;
	s = nla_data(a);
	len = nla_len(a);
	if (len < 1 || s[len - 1] != '\0')
		return NULL;
	return s;
}

int genl_open(struct genl_conn *c)
{
	int one = 1, err;

	memset(c, 0, sizeof(*c));
	c->sk = nl_socket_alloc();
	if (!c->sk)
		return -ENOMEM;
	err = genl_connect(c->sk);
	if (err) {
		log_err("cannot open a generic netlink socket: %s",
			nl_geterror(err));
		nl_socket_free(c->sk);
		c->sk = NULL;
		return -EIO;
	}
	/* The kernel explains refusals in an extended ack; keep it short. */
	setsockopt(nl_socket_get_fd(c->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(c->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	c->family = genl_ctrl_resolve(c->sk, KCIFSD_GENL_NAME);
	if (c->family < 0) {
		nl_socket_free(c->sk);
		c->sk = NULL;
		return -ENOENT;
	}
	return 0;
}

void genl_close(struct genl_conn *c)
{
	if (c->sk)
		nl_socket_free(c->sk);
	c->sk = NULL;
}

struct nl_msg *genl_msg(struct genl_conn *c, uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, c->family, 0, 0,
			 cmd, KCIFSD_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct transact {
	struct genl_conn *c;
	uint32_t seq;
	int (*reply)(struct nlattr **tb, void *arg);
	void *arg;
	int err;
	int done;
};

/* Copy NLMSGERR_ATTR_MSG out of an error or ack message. */
static void save_ext_ack(struct genl_conn *c, struct nlmsgerr *e)
{
	struct nlmsghdr *h = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	int off = NLMSG_HDRLEN + (int)sizeof(*e);
	const char *m;

	c->errmsg[0] = '\0';
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	if ((int)h->nlmsg_len <= off ||
	    nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)h + off),
		      (int)h->nlmsg_len - off, NULL))
		return;
	m = genl_str(tb[NLMSGERR_ATTR_MSG]);
	if (m)
		snprintf(c->errmsg, sizeof(c->errmsg), "%s", m);
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct transact *t = arg;

	(void)who;
	if (e->msg.nlmsg_seq != t->seq)
		return NL_SKIP;	/* an error about an earlier answer */
	save_ext_ack(t->c, e);
	t->err = e->error;
	t->done = 1;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct transact *t = arg;

	if (nlmsg_hdr(msg)->nlmsg_seq != t->seq)
		return NL_SKIP;
	t->done = 1;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct transact *t = arg;
	struct nlattr *tb[KCIFSD_A_MAX + 1];
	int err;

	/* The kernel may ask the daemon something meanwhile. */
	if (nlmsg_hdr(msg)->nlmsg_seq != t->seq)
		return t->c->unsolicited ? t->c->unsolicited(msg, t->c->arg) :
		       NL_SKIP;
	err = genlmsg_parse(nlmsg_hdr(msg), 0, tb, KCIFSD_A_MAX,
			    genl_top_policy);
	if (err) {
		log_err("malformed answer from the kernel: %s",
			nl_geterror(err));
		t->err = -EPROTO;
		return NL_SKIP;
	}
	if (t->reply)
		t->err = t->reply(tb, t->arg);
	return NL_OK;
}

/* Matching is by sequence number in the callbacks above. */
int genl_no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int genl_transact(struct genl_conn *c, struct nl_msg *msg,
		  int (*reply)(struct nlattr **tb, void *arg), void *arg)
{
	struct transact t = { .c = c, .reply = reply, .arg = arg };
	struct nl_cb *cb;
	int err;

	c->errmsg[0] = '\0';
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &t);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &t);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &t);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, genl_no_seq_check, NULL);
	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	err = nl_send_auto(c->sk, msg);
	t.seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (err < 0) {
		nl_cb_put(cb);
		return -EIO;
	}
	while (!t.done) {
		err = nl_recvmsgs(c->sk, cb);
		if (err < 0 && !t.done) {
			t.err = -EIO;
			break;
		}
	}
	nl_cb_put(cb);
	return t.err;
}

int genl_send(struct genl_conn *c, struct nl_msg *msg)
{
	int err = nl_send_auto(c->sk, msg);

	nlmsg_free(msg);
	return err < 0 ? -EIO : 0;
}

int genl_report(const struct genl_conn *c, const char *what, int err)
{
	const char *why = c && c->errmsg[0] ? c->errmsg : NULL;

	switch (err) {
	case 0:
		return EXIT_OK;
	case -ENOENT:
		log_err("%s: the kcifsd module is not loaded (modprobe kcifsd, or insmod kcifsd.ko)",
			what);
		return EXIT_NOT_RUNNING;
	case -EPERM:
		log_err("%s: permission denied: the kcifsd netlink interface needs CAP_NET_ADMIN; run kcifsctl as root",
			what);
		return EXIT_DENIED;
	case -ESRCH:
		log_err("%s: the server is not running (kcifsctl start)", what);
		return EXIT_NOT_RUNNING;
	case -ENOTCONN:
		log_err("%s: no kcifsctl daemon is attached (kcifsctl start)",
			what);
		return EXIT_NOT_RUNNING;
	default:
		log_err("%s: %s", what, why ? why : strerror(-err));
		return EXIT_FAILED;
	}
}
