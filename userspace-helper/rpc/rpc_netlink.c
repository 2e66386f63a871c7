// SPDX-License-Identifier: GPL-2.0-only
/*
 * The daemon's answers to the kernel's named-pipe requests (RPC_OPEN,
 * RPC_TRANSACT, RPC_CLOSE; net/kcifsd_netlink.h): attributes in, pipe
 * layer or RAP, attributes out.
 */
#include <errno.h>
#include <string.h>

#include "genl.h"
#include "log.h"
#include "pipe.h"
#include "rap.h"
#include "rpc_netlink.h"

/* Room for the answer's other attributes besides the data. */
#define ANSWER_SLACK	512

static struct rpc_out out;

static int user_from(struct nlattr **tb, struct rpc_user *u)
{
	const char *name = genl_str(tb[KCIFSD_A_USER_NAME]);

	memset(u, 0, sizeof(*u));
	if (!name || strlen(name) >= sizeof(u->name))
		return -EINVAL;
	strcpy(u->name, name);
	u->flags = tb[KCIFSD_A_SESSION_FLAGS] ?
		   nla_get_u32(tb[KCIFSD_A_SESSION_FLAGS]) : 0;
	return 0;
}

static int do_open(struct nlattr **tb)
{
	const char *pipe = genl_str(tb[KCIFSD_A_RPC_PIPE]);
	struct rpc_user u;
	int ret;

	if (!pipe || !tb[KCIFSD_A_RPC_ID] || user_from(tb, &u))
		return -EINVAL;
	ret = rpc_pipe_open(nla_get_u32(tb[KCIFSD_A_RPC_ID]), pipe, &u);
	log_debug("pipe %u \"%s\" opened by \"%s\": %s",
		  nla_get_u32(tb[KCIFSD_A_RPC_ID]), pipe, u.name,
		  ret ? strerror(-ret) : "ok");
	return ret;
}

static int do_rap(const struct rpc_env *env, struct nlattr **tb)
{
	struct nlattr *param = tb[KCIFSD_A_RPC_PARAM];
	struct nlattr *data = tb[KCIFSD_A_RPC_DATA];
	const char *pipe = genl_str(tb[KCIFSD_A_RPC_PIPE]);
	struct rpc_user u;

	if (!pipe || rpc_pipe_kind(pipe) != RPC_PIPE_LANMAN || !param ||
	    !tb[KCIFSD_A_RPC_MAX_PARAM] || !tb[KCIFSD_A_RPC_MAX_DATA] ||
	    user_from(tb, &u))
		return -EINVAL;
	return rap_call(env, &u, nla_data(param), (size_t)nla_len(param),
			data ? nla_data(data) : NULL,
			data ? (size_t)nla_len(data) : 0,
			nla_get_u32(tb[KCIFSD_A_RPC_MAX_PARAM]),
			nla_get_u32(tb[KCIFSD_A_RPC_MAX_DATA]), &out);
}

static int do_transact(const struct rpc_env *env, struct nlattr **tb)
{
	struct nlattr *data = tb[KCIFSD_A_RPC_DATA];

	if (!tb[KCIFSD_A_RPC_ID])
		return do_rap(env, tb);
	return rpc_pipe_write(nla_get_u32(tb[KCIFSD_A_RPC_ID]), env,
			      data ? nla_data(data) : NULL,
			      data ? (size_t)nla_len(data) : 0, &out);
}

int rpc_nl_answer(const struct rpc_env *env, uint8_t cmd, struct nlattr **tb,
		  struct nl_msg *msg)
{
	int err;

	rpc_out_init(&out);
	switch (cmd) {
	case KCIFSD_CMD_RPC_OPEN:
		err = do_open(tb);
		break;
	case KCIFSD_CMD_RPC_TRANSACT:
		err = do_transact(env, tb);
		break;
	case KCIFSD_CMD_RPC_CLOSE:
		err = tb[KCIFSD_A_RPC_ID] ?
		      rpc_pipe_close(nla_get_u32(tb[KCIFSD_A_RPC_ID])) :
		      -EINVAL;
		break;
	default:
		err = -EOPNOTSUPP;
		break;
	}
	if (err && err != -ENOENT)
		log_err("named pipe request %u failed: %s", cmd, strerror(-err));
	if (nla_put_u32(msg, KCIFSD_A_ERRNO, (uint32_t)-err))
		return -ENOMEM;
	if (err || !out.len)
		return 0;
	if (nlmsg_get_max_size(msg) < nlmsg_hdr(msg)->nlmsg_len + out.len +
	    ANSWER_SLACK &&
	    nlmsg_expand(msg, nlmsg_hdr(msg)->nlmsg_len + out.len +
			 ANSWER_SLACK))
		return -ENOMEM;
	if (nla_put(msg, KCIFSD_A_RPC_DATA, (int)out.len, out.buf))
		return -ENOMEM;
	return 0;
}
