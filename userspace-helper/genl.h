/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The helper's end of the kcifsd generic-netlink family (libnl-genl-3).
 */
#ifndef KCIFSCTL_GENL_H
#define KCIFSCTL_GENL_H

#include <stddef.h>
#include <stdint.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kcifsd_netlink.h"

struct genl_conn {
	struct nl_sock *sk;
	int family;
	char errmsg[256];	/* the kernel's extended-ack message */
	/* The daemon's handler for kernel requests met during a transact. */
	int (*unsolicited)(struct nl_msg *msg, void *arg);
	void *arg;
};

/* Policies for what the kernel sends us, checked by nla_parse. */
extern struct nla_policy genl_top_policy[KCIFSD_A_MAX + 1];
extern struct nla_policy genl_status_policy[KCIFSD_STATUS_A_MAX + 1];
extern struct nla_policy genl_drop_policy[KCIFSD_DROP_A_MAX + 1];
extern struct nla_policy genl_smbd_event_policy[KCIFSD_SMBD_EVENT_A_MAX + 1];

/*
 * Connect and resolve the family. Returns 0, -ENOENT if the module is not
 * loaded, or another -errno (after logging it).
 */
int genl_open(struct genl_conn *c);
void genl_close(struct genl_conn *c);

/* A new request to the kernel, NULL on ENOMEM. */
struct nl_msg *genl_msg(struct genl_conn *c, uint8_t cmd);

/*
 * Send @msg (consumed) and wait for the kernel's answer. A reply message
 * is parsed with genl_top_policy and given to @reply. Returns 0 or the
 * kernel's -errno; c->errmsg then holds its explanation, if any.
 */
int genl_transact(struct genl_conn *c, struct nl_msg *msg,
		  int (*reply)(struct nlattr **tb, void *arg), void *arg);

/*
 * Send @msg (consumed) without waiting: the daemon's answers and its own
 * RELOAD, whose errors arrive through the daemon's receive loop.
 */
int genl_send(struct genl_conn *c, struct nl_msg *msg);

/* NL_CB_SEQ_CHECK callback: accept any sequence number. */
int genl_no_seq_check(struct nl_msg *msg, void *arg);

/* A NUL-terminated string attribute, or NULL. */
const char *genl_str(const struct nlattr *a);

/*
 * Print a message a person can act on for a failed command and return
 * the kcifsctl exit code for @err.
 */
int genl_report(const struct genl_conn *c, const char *what, int err);

#endif /* KCIFSCTL_GENL_H */
