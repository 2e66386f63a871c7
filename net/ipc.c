// SPDX-License-Identifier: GPL-2.0-only
/*
 * The generic-netlink family "kcifsd": the helper's commands (START, STOP,
 * RELOAD, STATUS), the daemon's answers, and which process is the daemon.
 *
 * The daemon is the netlink port that sent START. When that socket closes
 * (the daemon exited or was killed) the NETLINK_URELEASE notifier forgets
 * it: pending questions fail at once, the cache is dropped, established
 * sessions are not touched, and a new "kcifsctl start" attaches again.
 *
 * ipc_lock serialises the commands and attach/detach; daemon_portid is
 * also read locklessly by the question path (a stale read only costs a
 * failed send).
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>

#include "net/ipc.h"
#include "net/ipc_upcall.h"
#include "net/server.h"
#include "rdma/smbd_events.h"

static DEFINE_MUTEX(ipc_lock);
static u32 daemon_portid;		/* 0: no daemon */
static pid_t daemon_pid;
static bool ipc_closing;		/* module unload: no new daemon */

static DEFINE_SPINLOCK(smb_config_lock);
static struct kcifsd_smb_config smb_config;

static struct genl_family kcifsd_genl_family;

static const struct nla_policy server_policy[KCIFSD_SERVER_A_MAX + 1] = {
	[KCIFSD_SERVER_A_TCP_PORT] = { .type = NLA_U16 },
	[KCIFSD_SERVER_A_NBT_PORT] = { .type = NLA_U16 },
	[KCIFSD_SERVER_A_BIND_ADDR] = { .type = NLA_NUL_STRING,
					.len = KCIFSD_BIND_ADDR_MAX },
	[KCIFSD_SERVER_A_IPV6] = NLA_POLICY_MAX(NLA_U8, 1),
	[KCIFSD_SERVER_A_MAX_CONNECTIONS] = NLA_POLICY_MIN(NLA_U32, 1),
	[KCIFSD_SERVER_A_MAX_CONN_PER_PEER] = NLA_POLICY_MIN(NLA_U32, 1),
	[KCIFSD_SERVER_A_MAX_MPX] = NLA_POLICY_MIN(NLA_U16, 1),
	[KCIFSD_SERVER_A_IDLE_TIMEOUT] = { .type = NLA_U32 },
	[KCIFSD_SERVER_A_SMBD] = NLA_POLICY_MAX(NLA_U8, 1),
	[KCIFSD_SERVER_A_SMBD_PORT] = { .type = NLA_U16 },
	[KCIFSD_SERVER_A_SMBD_IWARP_PORT] = { .type = NLA_U16 },
};

static const struct nla_policy smb_policy[KCIFSD_SMB_A_MAX + 1] = {
	[KCIFSD_SMB_A_SIGNING] = NLA_POLICY_MAX(NLA_U32,
						KCIFSD_SIGNING_REQUIRED),
	[KCIFSD_SMB_A_NTLM_AUTH] = NLA_POLICY_MAX(NLA_U8, 1),
	[KCIFSD_SMB_A_MAP_TO_GUEST] =
		NLA_POLICY_MAX(NLA_U32, KCIFSD_MAP_TO_GUEST_BAD_PASSWORD),
	[KCIFSD_SMB_A_GUEST_ACCOUNT] = { .type = NLA_NUL_STRING,
					 .len = KCIFSD_USER_NAME_MAX },
	[KCIFSD_SMB_A_SERVER_STRING] = { .type = NLA_NUL_STRING,
					 .len = KCIFSD_SERVER_STRING_MAX },
	[KCIFSD_SMB_A_WORKGROUP] = { .type = NLA_NUL_STRING,
				     .len = KCIFSD_WORKGROUP_MAX },
	[KCIFSD_SMB_A_NETBIOS_NAME] = { .type = NLA_NUL_STRING,
					.len = KCIFSD_NETBIOS_NAME_MAX },
};

/* Nested answers are checked by ipc_upcall.c with their own policies. */
static const struct nla_policy kcifsd_genl_policy[KCIFSD_A_MAX + 1] = {
	[KCIFSD_A_HANDLE] = { .type = NLA_U32 },
	[KCIFSD_A_ERRNO] = NLA_POLICY_MAX(NLA_U32, MAX_ERRNO),
	[KCIFSD_A_VERSION] = { .type = NLA_NUL_STRING, .len = 32 },
	[KCIFSD_A_PID] = { .type = NLA_U32 },
	[KCIFSD_A_USER_NAME] = { .type = NLA_NUL_STRING,
				 .len = KCIFSD_USER_NAME_MAX },
	[KCIFSD_A_SHARE_NAME] = { .type = NLA_NUL_STRING,
				  .len = KCIFSD_SHARE_NAME_MAX },
	[KCIFSD_A_SERVER] = NLA_POLICY_NESTED(server_policy),
	[KCIFSD_A_SMB] = NLA_POLICY_NESTED(smb_policy),
	[KCIFSD_A_USER] = { .type = NLA_NESTED },
	[KCIFSD_A_SHARE] = { .type = NLA_NESTED },
	[KCIFSD_A_TREE_ACCESS] = NLA_POLICY_MAX(NLA_U32,
						KCIFSD_TREE_READ_WRITE),
	[KCIFSD_A_SESSION_FLAGS] = { .type = NLA_U32 },
	[KCIFSD_A_CLIENT_ADDR] = { .type = NLA_NUL_STRING,
				   .len = KCIFSD_CLIENT_ADDR_MAX },
	[KCIFSD_A_NOTIFY] = { .type = NLA_REJECT },
	[KCIFSD_A_STATUS] = { .type = NLA_REJECT },
	[KCIFSD_A_WAS_RUNNING] = { .type = NLA_REJECT },
	[KCIFSD_A_RPC_PIPE] = { .type = NLA_REJECT },
	[KCIFSD_A_RPC_ID] = { .type = NLA_REJECT },
	[KCIFSD_A_RPC_DATA] = { .type = NLA_BINARY,
				.len = KCIFSD_RPC_MAX_PAYLOAD },
	[KCIFSD_A_RPC_PARAM] = { .type = NLA_REJECT },
	[KCIFSD_A_RPC_MAX_PARAM] = { .type = NLA_REJECT },
	[KCIFSD_A_RPC_MAX_DATA] = { .type = NLA_REJECT },
};

/**
 * kcifsd_ipc_msg_put() - start a message of the kcifsd family to the daemon
 * @skb: the new message
 * @cmd: enum kcifsd_cmd
 *
 * Return: the header for genlmsg_end(), or NULL if @skb is too small.
 */
void *kcifsd_ipc_msg_put(struct sk_buff *skb, u8 cmd)
{
	return genlmsg_put(skb, 0, 0, &kcifsd_genl_family, 0, cmd);
}

/**
 * kcifsd_ipc_unicast() - send a message to the daemon
 * @skb: the message, consumed
 *
 * Return: 0, -ENOTCONN without a daemon, or the send error (-EAGAIN when
 * its socket buffer is full, -ECONNREFUSED when it just went away).
 */
int kcifsd_ipc_unicast(struct sk_buff *skb)
{
	u32 portid = READ_ONCE(daemon_portid);

	if (!portid) {
		kfree_skb(skb);
		return -ENOTCONN;
	}
	return genlmsg_unicast(&init_net, skb, portid);
}

/**
 * kcifsd_ipc_daemon_attached() - is a helper daemon answering?
 *
 * Return: true while a "kcifsctl start" daemon is attached.
 */
bool kcifsd_ipc_daemon_attached(void)
{
	return READ_ONCE(daemon_portid) != 0;
}

/**
 * kcifsd_ipc_smb_config() - the SMB settings of [global]
 * @out: a copy of the settings the daemon sent last (defaults before it)
 */
void kcifsd_ipc_smb_config(struct kcifsd_smb_config *out)
{
	spin_lock(&smb_config_lock);
	*out = smb_config;
	spin_unlock(&smb_config_lock);
}

static void smb_config_defaults(struct kcifsd_smb_config *c)
{
	memset(c, 0, sizeof(*c));
	c->signing = KCIFSD_SIGNING_ENABLED;
	c->map_to_guest = KCIFSD_MAP_TO_GUEST_NEVER;
	strscpy(c->guest_account, "nobody", sizeof(c->guest_account));
	strscpy(c->server_string, "kcifsd " KCIFSD_VERSION,
		sizeof(c->server_string));
	strscpy(c->workgroup, "WORKGROUP", sizeof(c->workgroup));
	strscpy(c->netbios_name, "KCIFSD", sizeof(c->netbios_name));
}

/* Absent attributes keep the current value. */
static void smb_config_apply(struct nlattr *attr)
{
	struct nlattr *tb[KCIFSD_SMB_A_MAX + 1];
	struct kcifsd_smb_config c;

	/* Already validated against smb_policy by the family. */
	if (!attr || nla_parse_nested(tb, KCIFSD_SMB_A_MAX, attr, smb_policy,
				      NULL))
		return;
	kcifsd_ipc_smb_config(&c);
	if (tb[KCIFSD_SMB_A_SIGNING])
		c.signing = nla_get_u32(tb[KCIFSD_SMB_A_SIGNING]);
	if (tb[KCIFSD_SMB_A_NTLM_AUTH])
		c.ntlm_auth = nla_get_u8(tb[KCIFSD_SMB_A_NTLM_AUTH]);
	if (tb[KCIFSD_SMB_A_MAP_TO_GUEST])
		c.map_to_guest = nla_get_u32(tb[KCIFSD_SMB_A_MAP_TO_GUEST]);
	if (tb[KCIFSD_SMB_A_GUEST_ACCOUNT])
		nla_strscpy(c.guest_account, tb[KCIFSD_SMB_A_GUEST_ACCOUNT],
			    sizeof(c.guest_account));
	if (tb[KCIFSD_SMB_A_SERVER_STRING])
		nla_strscpy(c.server_string, tb[KCIFSD_SMB_A_SERVER_STRING],
			    sizeof(c.server_string));
	if (tb[KCIFSD_SMB_A_WORKGROUP])
		nla_strscpy(c.workgroup, tb[KCIFSD_SMB_A_WORKGROUP],
			    sizeof(c.workgroup));
	if (tb[KCIFSD_SMB_A_NETBIOS_NAME])
		nla_strscpy(c.netbios_name, tb[KCIFSD_SMB_A_NETBIOS_NAME],
			    sizeof(c.netbios_name));
	spin_lock(&smb_config_lock);
	smb_config = c;
	spin_unlock(&smb_config_lock);
}

static int server_config_parse(struct nlattr *attr,
			       struct kcifsd_server_config *cfg,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KCIFSD_SERVER_A_MAX + 1];
	int ret;

	kcifsd_server_default_config(cfg);
	if (!attr)
		return 0;
	ret = nla_parse_nested(tb, KCIFSD_SERVER_A_MAX, attr, server_policy,
			       extack);
	if (ret)
		return ret;
	if (tb[KCIFSD_SERVER_A_TCP_PORT])
		cfg->tcp_port = nla_get_u16(tb[KCIFSD_SERVER_A_TCP_PORT]);
	if (tb[KCIFSD_SERVER_A_NBT_PORT])
		cfg->nbt_port = nla_get_u16(tb[KCIFSD_SERVER_A_NBT_PORT]);
	if (tb[KCIFSD_SERVER_A_BIND_ADDR])
		nla_strscpy(cfg->bind_addr, tb[KCIFSD_SERVER_A_BIND_ADDR],
			    sizeof(cfg->bind_addr));
	if (tb[KCIFSD_SERVER_A_IPV6])
		cfg->ipv6 = nla_get_u8(tb[KCIFSD_SERVER_A_IPV6]);
	if (tb[KCIFSD_SERVER_A_MAX_CONNECTIONS])
		cfg->max_connections =
			nla_get_u32(tb[KCIFSD_SERVER_A_MAX_CONNECTIONS]);
	if (tb[KCIFSD_SERVER_A_MAX_CONN_PER_PEER])
		cfg->max_connections_per_peer =
			nla_get_u32(tb[KCIFSD_SERVER_A_MAX_CONN_PER_PEER]);
	if (tb[KCIFSD_SERVER_A_MAX_MPX])
		cfg->max_mpx = nla_get_u16(tb[KCIFSD_SERVER_A_MAX_MPX]);
	if (tb[KCIFSD_SERVER_A_IDLE_TIMEOUT])
		cfg->idle_timeout =
			nla_get_u32(tb[KCIFSD_SERVER_A_IDLE_TIMEOUT]);
	if (tb[KCIFSD_SERVER_A_SMBD])
		cfg->smbdirect = nla_get_u8(tb[KCIFSD_SERVER_A_SMBD]);
	if (tb[KCIFSD_SERVER_A_SMBD_PORT])
		cfg->smbd_port = nla_get_u16(tb[KCIFSD_SERVER_A_SMBD_PORT]);
	if (tb[KCIFSD_SERVER_A_SMBD_IWARP_PORT])
		cfg->smbd_iwarp_port =
			nla_get_u16(tb[KCIFSD_SERVER_A_SMBD_IWARP_PORT]);
	return 0;
}

static void notify_daemon(u32 portid, u32 what)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = kcifsd_ipc_msg_put(skb, KCIFSD_CMD_NOTIFY);
	if (!hdr || nla_put_u32(skb, KCIFSD_A_NOTIFY, what)) {
		kfree_skb(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_unicast(&init_net, skb, portid);
}

/* Forget the daemon; with ipc_lock held. */
static void daemon_detach(int err)
{
	WRITE_ONCE(daemon_portid, 0);
	daemon_pid = 0;
	kcifsd_ipc_fail_all(err);
	kcifsd_ipc_cache_drop();
}

static int ipc_start(struct sk_buff *skb, struct genl_info *info)
{
	struct kcifsd_server_config cfg;
	struct sk_buff *reply;
	bool was_running;
	void *hdr;
	int ret;

	if (info->genlhdr->version != KCIFSD_GENL_VERSION) {
		GENL_SET_ERR_MSG(info,
				 "kcifsctl and module speak different protocol versions");
		return -EPROTO;
	}
	if (GENL_REQ_ATTR_CHECK(info, KCIFSD_A_VERSION) ||
	    GENL_REQ_ATTR_CHECK(info, KCIFSD_A_PID))
		return -EINVAL;
	ret = server_config_parse(info->attrs[KCIFSD_A_SERVER], &cfg,
				  info->extack);
	if (ret)
		return ret;
	reply = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!reply)
		return -ENOMEM;

	mutex_lock(&ipc_lock);
	if (ipc_closing) {
		ret = -ESHUTDOWN;
		goto out_unlock;
	}
	if (daemon_portid && daemon_portid != info->snd_portid) {
		GENL_SET_ERR_MSG(info,
				 "another kcifsctl daemon is attached (see status)");
		ret = -EBUSY;
		goto out_unlock;
	}
	was_running = kcifsd_server_running();
	if (!was_running) {
		ret = kcifsd_server_start(&cfg);
		if (ret) {
			GENL_SET_ERR_MSG(info,
					 "listeners failed (port in use? bad address?)");
			goto out_unlock;
		}
	}
	if (strcmp(nla_data(info->attrs[KCIFSD_A_VERSION]), KCIFSD_VERSION))
		pr_warn("kcifsctl %s attached to module %s\n",
			(char *)nla_data(info->attrs[KCIFSD_A_VERSION]),
			KCIFSD_VERSION);
	smb_config_apply(info->attrs[KCIFSD_A_SMB]);
	kcifsd_ipc_cache_drop();
	daemon_pid = nla_get_u32(info->attrs[KCIFSD_A_PID]);
	WRITE_ONCE(daemon_portid, info->snd_portid);
	pr_info("helper daemon (pid %d) attached%s\n", daemon_pid,
		was_running ? " to the running server" : ", server started");
	mutex_unlock(&ipc_lock);

	hdr = genlmsg_put_reply(reply, info, &kcifsd_genl_family, 0,
				KCIFSD_CMD_START);
	if (!hdr || (was_running && nla_put_flag(reply, KCIFSD_A_WAS_RUNNING))) {
		kfree_skb(reply);
		return -EMSGSIZE;
	}
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);

out_unlock:
	mutex_unlock(&ipc_lock);
	kfree_skb(reply);
	return ret;
}

static int ipc_stop(struct sk_buff *skb, struct genl_info *info)
{
	bool was_running;
	u32 portid;

	mutex_lock(&ipc_lock);
	portid = daemon_portid;
	/* Detach first, so no connection waits on a question meanwhile. */
	if (portid) {
		pr_info("helper daemon (pid %d) detached: server stopping\n",
			daemon_pid);
		daemon_detach(-ESHUTDOWN);
		if (portid != info->snd_portid)
			notify_daemon(portid, KCIFSD_NOTIFY_SHUTDOWN);
	}
	was_running = kcifsd_server_running();
	kcifsd_server_stop();
	mutex_unlock(&ipc_lock);
	if (!was_running && !portid) {
		GENL_SET_ERR_MSG(info, "the server is not running");
		return -ESRCH;
	}
	return 0;
}

/* RELOAD's KCIFSD_A_SERVER: only the SMB Direct listeners change while
 * running (the TCP ones need a stop and start); absent = as configured
 * by the module parameters, like at START.
 */
static int smbd_reload(struct genl_info *info)
{
	struct kcifsd_server_config cfg;
	int ret;

	if (!info->attrs[KCIFSD_A_SERVER])
		return 0;
	ret = server_config_parse(info->attrs[KCIFSD_A_SERVER], &cfg,
				  info->extack);
	if (ret)
		return ret;
	ret = kcifsd_server_set_smbd(cfg.smbdirect, cfg.smbd_port,
				     cfg.smbd_iwarp_port);
	if (ret)
		GENL_SET_ERR_MSG(info,
				 "SMB Direct listeners failed (port in use?); the old ones are kept");
	return ret;
}

static int ipc_reload(struct sk_buff *skb, struct genl_info *info)
{
	int ret = 0;

	mutex_lock(&ipc_lock);
	kcifsd_ipc_cache_drop();
	if (daemon_portid && daemon_portid == info->snd_portid) {
		smb_config_apply(info->attrs[KCIFSD_A_SMB]);
		ret = smbd_reload(info);
	} else if (daemon_portid) {
		/* The daemon rereads its files and sends RELOAD itself. */
		notify_daemon(daemon_portid, KCIFSD_NOTIFY_RELOAD);
	} else {
		GENL_SET_ERR_MSG(info, "no kcifsctl daemon is attached");
		ret = -ENOTCONN;
	}
	mutex_unlock(&ipc_lock);
	return ret;
}

/* Room the SMB Direct event counters take in a STATUS answer. */
static size_t smbd_events_size(void)
{
	return KCIFSD_SMBD_NR_EVENTS *
	       (nla_total_size(0) + nla_total_size(sizeof(u16)) +
		nla_total_size(KCIFSD_SMBD_EVENT_NAME_MAX + 1) +
		nla_total_size_64bit(sizeof(u64)));
}

static int put_smbd_events(struct sk_buff *skb)
{
	struct kcifsd_smbd_event_stat *ev;
	struct nlattr *nest;
	unsigned int i, n;
	int ret = 0;

	ev = kcalloc(KCIFSD_SMBD_NR_EVENTS, sizeof(*ev), GFP_KERNEL);
	if (!ev)
		return -ENOMEM;
	n = kcifsd_smbd_get_event_stats(ev, KCIFSD_SMBD_NR_EVENTS);
	for (i = 0; i < n && !ret; i++) {
		nest = nla_nest_start(skb, KCIFSD_STATUS_A_SMBD_EVENT);
		if (!nest ||
		    nla_put_u16(skb, KCIFSD_SMBD_EVENT_A_ID, ev[i].id) ||
		    nla_put_string(skb, KCIFSD_SMBD_EVENT_A_NAME, ev[i].name) ||
		    nla_put_u64_64bit(skb, KCIFSD_SMBD_EVENT_A_COUNT,
				      ev[i].count, KCIFSD_SMBD_EVENT_A_PAD))
			ret = -EMSGSIZE;
		else
			nla_nest_end(skb, nest);
	}
	kfree(ev);
	return ret;
}

static int put_status(struct sk_buff *skb)
{
	struct kcifsd_server_stats st;
	const struct kcifsd_server_config *cfg;
	struct nlattr *nest, *drop;
	u64 requests, failures, hits;
	unsigned int i;

	kcifsd_server_get_stats(&st);
	kcifsd_ipc_get_counters(&requests, &failures, &hits);
	nest = nla_nest_start(skb, KCIFSD_A_STATUS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, KCIFSD_STATUS_A_RUNNING, st.running) ||
	    (daemon_portid &&
	     nla_put_u32(skb, KCIFSD_STATUS_A_DAEMON_PID, daemon_pid)) ||
	    nla_put_u32(skb, KCIFSD_STATUS_A_CONNECTIONS, st.connections) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_ACCEPTED, st.accepted,
			      KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_MESSAGES_IN,
			      st.messages_in, KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_MESSAGES_OUT,
			      st.messages_out, KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_BYTES_IN, st.bytes_in,
			      KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_BYTES_OUT, st.bytes_out,
			      KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_IPC_REQUESTS, requests,
			      KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_IPC_FAILURES, failures,
			      KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_IPC_CACHE_HITS, hits,
			      KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_FILE_BYTES_READ,
			      st.file_bytes_read, KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_FILE_BYTES_WRITTEN,
			      st.file_bytes_written, KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_FILE_BYTES_COPIED,
			      st.file_bytes_copied, KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_FILE_BYTES_STAGED,
			      st.file_bytes_staged, KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_WSYNC_WRITES,
			      st.wsync_writes, KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_WSYNC_FLUSHES,
			      st.wsync_flushes, KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_RX_REQUESTS,
			      st.rx_requests, KCIFSD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, KCIFSD_STATUS_A_RX_WRITES,
			      st.rx_writes, KCIFSD_STATUS_A_PAD))
		return -EMSGSIZE;
	/* Stable while running: only STOP (under ipc_lock) changes it. */
	if (st.running) {
		cfg = kcifsd_server_cfg();
		if (nla_put_u16(skb, KCIFSD_STATUS_A_TCP_PORT, cfg->tcp_port) ||
		    nla_put_u16(skb, KCIFSD_STATUS_A_NBT_PORT, cfg->nbt_port))
			return -EMSGSIZE;
	}
	if ((st.smbd_port &&
	     nla_put_u16(skb, KCIFSD_STATUS_A_SMBD_PORT, st.smbd_port)) ||
	    (st.smbd_iwarp_port &&
	     nla_put_u16(skb, KCIFSD_STATUS_A_SMBD_IWARP_PORT,
			 st.smbd_iwarp_port)))
		return -EMSGSIZE;
	/* Sessions, trees and open files: added when fs/ counts them. */
	for (i = 0; i < KCIFSD_DROP_NR; i++) {
		drop = nla_nest_start(skb, KCIFSD_STATUS_A_DROP);
		if (!drop ||
		    nla_put_string(skb, KCIFSD_DROP_A_REASON,
				   kcifsd_drop_reason_name(i)) ||
		    nla_put_u64_64bit(skb, KCIFSD_DROP_A_COUNT, st.dropped[i],
				      KCIFSD_DROP_A_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, drop);
	}
	if (put_smbd_events(skb))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int ipc_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *reply;
	void *hdr;
	int ret;

	reply = genlmsg_new(NLMSG_GOODSIZE + smbd_events_size(), GFP_KERNEL);
	if (!reply)
		return -ENOMEM;
	hdr = genlmsg_put_reply(reply, info, &kcifsd_genl_family, 0,
				KCIFSD_CMD_STATUS);
	mutex_lock(&ipc_lock);
	ret = hdr ? put_status(reply) : -EMSGSIZE;
	mutex_unlock(&ipc_lock);
	if (ret) {
		kfree_skb(reply);
		return ret;
	}
	genlmsg_end(reply, hdr);
	return genlmsg_reply(reply, info);
}

/* USER_LOOKUP ... TREE_CONNECT, RPC_* from the daemon: answers. */
static int ipc_answer(struct sk_buff *skb, struct genl_info *info)
{
	if (!info->snd_portid || info->snd_portid != READ_ONCE(daemon_portid)) {
		GENL_SET_ERR_MSG(info, "only the attached kcifsctl daemon answers questions");
		return -EPERM;
	}
	return kcifsd_ipc_answer(info->genlhdr->cmd, info);
}

/* Every operation needs CAP_NET_ADMIN in the initial namespace. */
static const struct genl_small_ops kcifsd_genl_ops[] = {
	{ .cmd = KCIFSD_CMD_START, .doit = ipc_start,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = KCIFSD_CMD_STOP, .doit = ipc_stop,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = KCIFSD_CMD_RELOAD, .doit = ipc_reload,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = KCIFSD_CMD_STATUS, .doit = ipc_status,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = KCIFSD_CMD_USER_LOOKUP, .doit = ipc_answer,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = KCIFSD_CMD_SHARE_LOOKUP, .doit = ipc_answer,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = KCIFSD_CMD_TREE_CONNECT, .doit = ipc_answer,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = KCIFSD_CMD_RPC_OPEN, .doit = ipc_answer,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = KCIFSD_CMD_RPC_TRANSACT, .doit = ipc_answer,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = KCIFSD_CMD_RPC_CLOSE, .doit = ipc_answer,
	  .flags = GENL_ADMIN_PERM },
};

static struct genl_family kcifsd_genl_family = {
	.name = KCIFSD_GENL_NAME,
	.version = KCIFSD_GENL_VERSION,
	.maxattr = KCIFSD_A_MAX,
	.policy = kcifsd_genl_policy,
	.netnsok = false,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = kcifsd_genl_ops,
	.n_small_ops = ARRAY_SIZE(kcifsd_genl_ops),
};

static int ipc_netlink_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !net_eq(n->net, &init_net) || !n->portid ||
	    n->portid != READ_ONCE(daemon_portid))
		return NOTIFY_DONE;
	mutex_lock(&ipc_lock);
	if (n->portid == daemon_portid) {
		pr_warn("helper daemon (pid %d) is gone: new logins and tree connects fail until kcifsctl start\n",
			daemon_pid);
		daemon_detach(-ENOTCONN);
	}
	mutex_unlock(&ipc_lock);
	return NOTIFY_DONE;
}

static struct notifier_block ipc_netlink_notifier = {
	.notifier_call = ipc_netlink_event,
};

/**
 * kcifsd_ipc_init() - register the generic-netlink family
 *
 * Call after kcifsd_server_init(): a START may arrive at once.
 *
 * Return: 0 or a negative errno.
 */
int kcifsd_ipc_init(void)
{
	int ret;

	smb_config_defaults(&smb_config);
	ret = kcifsd_ipc_upcall_init();
	if (ret)
		return ret;
	ret = netlink_register_notifier(&ipc_netlink_notifier);
	if (ret)
		goto err_upcall;
	ret = genl_register_family(&kcifsd_genl_family);
	if (ret)
		goto err_notifier;
	return 0;

err_notifier:
	netlink_unregister_notifier(&ipc_netlink_notifier);
err_upcall:
	kcifsd_ipc_upcall_exit();
	return ret;
}

/**
 * kcifsd_ipc_exit() - tell the daemon, unregister, fail what is pending
 *
 * Call before kcifsd_server_exit(). The daemon gets
 * %KCIFSD_NOTIFY_SHUTDOWN and exits; connections still asking get
 * -ESHUTDOWN.
 */
void kcifsd_ipc_exit(void)
{
	mutex_lock(&ipc_lock);
	ipc_closing = true;
	if (daemon_portid) {
		notify_daemon(daemon_portid, KCIFSD_NOTIFY_SHUTDOWN);
		daemon_detach(-ESHUTDOWN);
	}
	mutex_unlock(&ipc_lock);
	/* Waits for commands in progress (genl holds cb_lock for them). */
	genl_unregister_family(&kcifsd_genl_family);
	netlink_unregister_notifier(&ipc_netlink_notifier);
	kcifsd_ipc_upcall_exit();
}
