// SPDX-License-Identifier: GPL-2.0-only
/*
 * Questions to the helper daemon: user lookup, share lookup and
 * tree-connect authorization, their answers, and a small answer cache;
 * and the named-pipe requests (RPC_OPEN, RPC_TRANSACT, RPC_CLOSE), which
 * go the same way but are never cached.
 *
 * A question is a struct ipc_req in the xarray ipc_pending, keyed by the
 * handle sent along. Whoever removes it from the xarray completes it, once:
 * the daemon's answer, the timeout work, the daemon going away, or module
 * unload. References: one for the table (dropped on completion), one for
 * the pending timeout work, one for a synchronous waiter. Every request
 * counts in ipc_inflight until freed, so unload can wait for the last.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "net/ipc.h"
#include "net/ipc_upcall.h"

static unsigned int ipc_timeout_ms = 5000;
module_param(ipc_timeout_ms, uint, 0644);
MODULE_PARM_DESC(ipc_timeout_ms, "How long to wait for the helper daemon's answer (default: 5000)");

/* Answers kept, all kinds together, and for how long at most. */
#define IPC_CACHE_MAX		128
#define IPC_CACHE_TTL		(60 * HZ)

/* What a question is about; also the cache key. */
struct ipc_key {
	u8 cmd;
	u32 flags;				/* tree connect: session flags */
	char share[KCIFSD_SHARE_NAME_MAX + 1];
	char user[KCIFSD_USER_NAME_MAX + 1];
};

struct ipc_answer {
	struct kcifsd_user_info user;
	struct kcifsd_share_info share;
	enum kcifsd_tree_access access;
	struct kcifsd_rpc_reply rpc;
};

struct ipc_req {
	struct kref ref;
	u32 handle;
	int err;
	struct ipc_key key;
	struct ipc_answer ans;
	struct completion done;
	struct delayed_work timeout;
	kcifsd_ipc_done_t cb;		/* NULL: a synchronous waiter */
	void *cb_arg;
	void *out;
	const struct kcifsd_rpc_call *rpc;	/* RPC_*: only while sending */
};

struct ipc_cache_entry {
	struct list_head node;
	struct ipc_key key;
	struct ipc_answer ans;
	unsigned long expires;
};

static DEFINE_XARRAY_ALLOC1(ipc_pending);
static u32 ipc_next_handle;
static bool ipc_shutdown;		/* under xa_lock(&ipc_pending) */
static atomic_t ipc_inflight = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(ipc_inflight_wq);
static struct workqueue_struct *ipc_wq;

static LIST_HEAD(ipc_cache);		/* most recently used first */
static unsigned int ipc_cache_len;
static DEFINE_MUTEX(ipc_cache_lock);

static atomic64_t ipc_requests;
static atomic64_t ipc_failures;
static atomic64_t ipc_cache_hits;

static const char *const cmd_names[] = {
	[KCIFSD_CMD_USER_LOOKUP] = "user lookup",
	[KCIFSD_CMD_SHARE_LOOKUP] = "share lookup",
	[KCIFSD_CMD_TREE_CONNECT] = "tree connect",
	[KCIFSD_CMD_RPC_OPEN] = "pipe open",
	[KCIFSD_CMD_RPC_TRANSACT] = "pipe transact",
	[KCIFSD_CMD_RPC_CLOSE] = "pipe close",
};

/* Named-pipe traffic changes with every call: never cached. */
static bool cmd_cached(u8 cmd)
{
	return cmd == KCIFSD_CMD_USER_LOOKUP ||
	       cmd == KCIFSD_CMD_SHARE_LOOKUP ||
	       cmd == KCIFSD_CMD_TREE_CONNECT;
}

static const struct nla_policy user_policy[KCIFSD_USER_A_MAX + 1] = {
	[KCIFSD_USER_A_NAME] = { .type = NLA_NUL_STRING,
				 .len = KCIFSD_USER_NAME_MAX },
	[KCIFSD_USER_A_NT_HASH] = NLA_POLICY_EXACT_LEN(KCIFSD_NT_HASH_SIZE),
	[KCIFSD_USER_A_UID] = { .type = NLA_U32 },
	[KCIFSD_USER_A_GID] = { .type = NLA_U32 },
	[KCIFSD_USER_A_GROUPS] = { .type = NLA_BINARY,
				   .len = KCIFSD_MAX_GROUPS * sizeof(u32) },
	[KCIFSD_USER_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, KCIFSD_USER_F_GUEST |
						KCIFSD_USER_F_DISABLED),
};

static const struct nla_policy share_policy[KCIFSD_SHARE_A_MAX + 1] = {
	[KCIFSD_SHARE_A_NAME] = { .type = NLA_NUL_STRING,
				  .len = KCIFSD_SHARE_NAME_MAX },
	[KCIFSD_SHARE_A_PATH] = { .type = NLA_NUL_STRING,
				  .len = KCIFSD_PATH_MAX },
	[KCIFSD_SHARE_A_COMMENT] = { .type = NLA_NUL_STRING,
				     .len = KCIFSD_COMMENT_MAX },
	[KCIFSD_SHARE_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x3f),
	[KCIFSD_SHARE_A_CREATE_MASK] = NLA_POLICY_MAX(NLA_U32, 07777),
	[KCIFSD_SHARE_A_DIRECTORY_MASK] = NLA_POLICY_MAX(NLA_U32, 07777),
	[KCIFSD_SHARE_A_FORCE_UID] = { .type = NLA_U32 },
	[KCIFSD_SHARE_A_FORCE_GID] = { .type = NLA_U32 },
};

static void answer_release(struct ipc_answer *ans)
{
	if (ans->user.groups)
		put_group_info(ans->user.groups);
	kfree(ans->share.path);
	kfree(ans->share.comment);
	kvfree(ans->rpc.data);
	memzero_explicit(ans, sizeof(*ans));
}

/* Deep copy for the cache; -ENOMEM leaves @dst empty. */
static int answer_copy(struct ipc_answer *dst, const struct ipc_answer *src)
{
	*dst = *src;
	if (dst->user.groups)
		get_group_info(dst->user.groups);
	dst->share.path = NULL;
	dst->share.comment = NULL;
	dst->rpc.data = NULL;		/* never cached */
	dst->rpc.len = 0;
	if (src->share.path) {
		dst->share.path = kstrdup(src->share.path, GFP_KERNEL);
		if (!dst->share.path)
			goto fail;
	}
	if (src->share.comment) {
		dst->share.comment = kstrdup(src->share.comment, GFP_KERNEL);
		if (!dst->share.comment)
			goto fail;
	}
	return 0;
fail:
	answer_release(dst);
	return -ENOMEM;
}

/* Hand the answer to the caller's output, which then owns it. */
static void answer_move(u8 cmd, struct ipc_answer *ans, void *out)
{
	switch (cmd) {
	case KCIFSD_CMD_USER_LOOKUP:
		*(struct kcifsd_user_info *)out = ans->user;
		ans->user.groups = NULL;
		break;
	case KCIFSD_CMD_SHARE_LOOKUP:
		*(struct kcifsd_share_info *)out = ans->share;
		ans->share.path = NULL;
		ans->share.comment = NULL;
		break;
	case KCIFSD_CMD_TREE_CONNECT:
		*(enum kcifsd_tree_access *)out = ans->access;
		break;
	case KCIFSD_CMD_RPC_OPEN:
	case KCIFSD_CMD_RPC_TRANSACT:
	case KCIFSD_CMD_RPC_CLOSE:
		if (out)
			*(struct kcifsd_rpc_reply *)out = ans->rpc;
		else
			kvfree(ans->rpc.data);
		ans->rpc.data = NULL;
		ans->rpc.len = 0;
		break;
	}
}

/* Names are compared as the helper would for ASCII; others just miss. */
static bool key_equal(const struct ipc_key *a, const struct ipc_key *b)
{
	return a->cmd == b->cmd && a->flags == b->flags &&
	       !strcasecmp(a->share, b->share) && !strcasecmp(a->user, b->user);
}

static void cache_evict(struct ipc_cache_entry *e)
{
	list_del(&e->node);
	ipc_cache_len--;
	answer_release(&e->ans);
	kfree(e);
}

static bool cache_get(const struct ipc_key *key, void *out)
{
	struct ipc_cache_entry *e;
	struct ipc_answer copy;
	bool hit = false;

	mutex_lock(&ipc_cache_lock);
	list_for_each_entry(e, &ipc_cache, node) {
		if (!key_equal(&e->key, key))
			continue;
		if (time_after(jiffies, e->expires)) {
			cache_evict(e);
			break;
		}
		if (answer_copy(&copy, &e->ans))
			break;
		list_move(&e->node, &ipc_cache);
		answer_move(key->cmd, &copy, out);
		answer_release(&copy);
		hit = true;
		break;
	}
	mutex_unlock(&ipc_cache_lock);
	if (hit)
		atomic64_inc(&ipc_cache_hits);
	return hit;
}

static void cache_put(const struct ipc_key *key, const struct ipc_answer *ans)
{
	struct ipc_cache_entry *e, *old;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return;
	if (answer_copy(&e->ans, ans)) {
		kfree(e);
		return;
	}
	e->key = *key;
	e->expires = jiffies + IPC_CACHE_TTL;
	mutex_lock(&ipc_cache_lock);
	list_for_each_entry(old, &ipc_cache, node) {
		if (key_equal(&old->key, key)) {
			cache_evict(old);
			break;
		}
	}
	if (ipc_cache_len >= IPC_CACHE_MAX)
		cache_evict(list_last_entry(&ipc_cache, struct ipc_cache_entry,
					    node));
	list_add(&e->node, &ipc_cache);
	ipc_cache_len++;
	mutex_unlock(&ipc_cache_lock);
}

/**
 * kcifsd_ipc_cache_drop() - forget every cached answer
 *
 * On RELOAD and whenever the daemon changes: its files may say otherwise.
 */
void kcifsd_ipc_cache_drop(void)
{
	struct ipc_cache_entry *e, *tmp;

	mutex_lock(&ipc_cache_lock);
	list_for_each_entry_safe(e, tmp, &ipc_cache, node)
		cache_evict(e);
	mutex_unlock(&ipc_cache_lock);
}

static void req_release(struct kref *ref)
{
	struct ipc_req *req = container_of(ref, struct ipc_req, ref);

	answer_release(&req->ans);
	kfree(req);
	if (atomic_dec_and_test(&ipc_inflight))
		wake_up_all(&ipc_inflight_wq);
}

static void req_put(struct ipc_req *req)
{
	kref_put(&req->ref, req_release);
}

/* Called by whoever took @req out of ipc_pending; drops the table ref.
 * @failed: the daemon gave no usable answer (counted for STATUS).
 */
static void req_finish(struct ipc_req *req, int err, bool failed)
{
	if (cancel_delayed_work(&req->timeout))
		req_put(req);
	if (failed)
		atomic64_inc(&ipc_failures);
	if (!err && cmd_cached(req->key.cmd))
		cache_put(&req->key, &req->ans);
	if (req->cb) {
		if (!err)
			answer_move(req->key.cmd, &req->ans, req->out);
		req->cb(req->cb_arg, err);
	} else {
		req->err = err;
		complete(&req->done);
	}
	req_put(req);
}

/* Complete the request @handle if it is still @req (or any, if NULL). */
static struct ipc_req *req_take(u32 handle, struct ipc_req *req)
{
	if (req)
		return xa_cmpxchg(&ipc_pending, handle, req, NULL, 0) == req ?
		       req : NULL;
	return xa_erase(&ipc_pending, handle);
}

static void req_timeout(struct work_struct *work)
{
	struct ipc_req *req = container_of(to_delayed_work(work),
					   struct ipc_req, timeout);

	if (req_take(req->handle, req)) {
		pr_warn_ratelimited("helper daemon did not answer a %s in %u ms\n",
				    cmd_names[req->key.cmd], ipc_timeout_ms);
		req_finish(req, -ETIMEDOUT, true);
	}
	req_put(req);
}

/**
 * kcifsd_ipc_fail_all() - complete every pending question with an error
 * @err: -ENOTCONN (the daemon left) or -ESHUTDOWN (unload, stop)
 */
void kcifsd_ipc_fail_all(int err)
{
	struct ipc_req *req;
	unsigned long idx;

	xa_for_each(&ipc_pending, idx, req) {
		if (req_take((u32)idx, req))
			req_finish(req, err, true);
	}
}

/* The attributes of a named-pipe request (net/kcifsd_netlink.h). */
static int rpc_put(struct sk_buff *skb, const struct kcifsd_rpc_call *c)
{
	if (c->pipe && nla_put_string(skb, KCIFSD_A_RPC_PIPE, c->pipe))
		return -EMSGSIZE;
	if (c->has_id && nla_put_u32(skb, KCIFSD_A_RPC_ID, c->id))
		return -EMSGSIZE;
	if (c->user && (nla_put_string(skb, KCIFSD_A_USER_NAME, c->user) ||
			nla_put_u32(skb, KCIFSD_A_SESSION_FLAGS,
				    c->session_flags)))
		return -EMSGSIZE;
	if (c->data_len &&
	    nla_put(skb, KCIFSD_A_RPC_DATA, c->data_len, c->data))
		return -EMSGSIZE;
	if (c->param &&
	    (nla_put(skb, KCIFSD_A_RPC_PARAM, c->param_len, c->param) ||
	     nla_put_u32(skb, KCIFSD_A_RPC_MAX_PARAM, c->max_param) ||
	     nla_put_u32(skb, KCIFSD_A_RPC_MAX_DATA, c->max_data)))
		return -EMSGSIZE;
	return 0;
}

static struct sk_buff *req_msg(const struct ipc_req *req,
			       const struct sockaddr_storage *client)
{
	size_t size = NLMSG_DEFAULT_SIZE;
	struct sk_buff *skb;
	void *hdr;

	if (req->rpc)
		size += nla_total_size(req->rpc->data_len) +
			nla_total_size(req->rpc->param_len);
	skb = genlmsg_new(size, GFP_KERNEL);
	if (!skb)
		return NULL;
	hdr = kcifsd_ipc_msg_put(skb, req->key.cmd);
	if (!hdr || nla_put_u32(skb, KCIFSD_A_HANDLE, req->handle))
		goto fail;
	if (req->rpc) {
		if (rpc_put(skb, req->rpc))
			goto fail;
		genlmsg_end(skb, hdr);
		return skb;
	}
	if (req->key.cmd != KCIFSD_CMD_SHARE_LOOKUP &&
	    nla_put_string(skb, KCIFSD_A_USER_NAME, req->key.user))
		goto fail;
	if (req->key.cmd != KCIFSD_CMD_USER_LOOKUP &&
	    nla_put_string(skb, KCIFSD_A_SHARE_NAME, req->key.share))
		goto fail;
	if (req->key.cmd == KCIFSD_CMD_TREE_CONNECT) {
		char addr[KCIFSD_CLIENT_ADDR_MAX + 1];

		if (nla_put_u32(skb, KCIFSD_A_SESSION_FLAGS, req->key.flags))
			goto fail;
		if (client) {
			snprintf(addr, sizeof(addr), "%pISc", client);
			if (nla_put_string(skb, KCIFSD_A_CLIENT_ADDR, addr))
				goto fail;
		}
	}
	genlmsg_end(skb, hdr);
	return skb;
fail:
	kfree_skb(skb);
	return NULL;
}

/* Ask the daemon about @key. Synchronous without @cb: fills @out and
 * returns 0 or -errno. With @cb: 0 if answered from the cache, else
 * -EINPROGRESS and @cb gets the result, or an immediate -errno.
 */
static int ipc_call(const struct ipc_key *key,
		    const struct sockaddr_storage *client, void *out,
		    kcifsd_ipc_done_t cb, void *cb_arg,
		    const struct kcifsd_rpc_call *rpc)
{
	struct sk_buff *skb;
	struct ipc_req *req;
	int ret;

	if (cmd_cached(key->cmd) && cache_get(key, out))
		return 0;
	if (!kcifsd_ipc_daemon_attached()) {
		atomic64_inc(&ipc_failures);
		pr_warn_ratelimited("no helper daemon attached: refusing a %s (run kcifsctl start)\n",
				    cmd_names[key->cmd]);
		return -ENOTCONN;
	}
	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	kref_init(&req->ref);
	req->key = *key;
	req->cb = cb;
	req->cb_arg = cb_arg;
	req->out = out;
	req->rpc = rpc;
	init_completion(&req->done);
	INIT_DELAYED_WORK(&req->timeout, req_timeout);

	xa_lock(&ipc_pending);
	ret = ipc_shutdown ? -ESHUTDOWN :
	      __xa_alloc_cyclic(&ipc_pending, &req->handle, req,
				xa_limit_32b, &ipc_next_handle, GFP_KERNEL);
	if (ret >= 0)
		atomic_inc(&ipc_inflight);
	xa_unlock(&ipc_pending);
	if (ret < 0) {
		kfree(req);
		return ret;
	}
	kref_get(&req->ref);		/* for the timeout work */
	queue_delayed_work(ipc_wq, &req->timeout,
			   msecs_to_jiffies(ipc_timeout_ms));
	if (!cb)
		kref_get(&req->ref);	/* for the waiter below */

	atomic64_inc(&ipc_requests);
	skb = req_msg(req, client);
	req->rpc = NULL;		/* the caller's, valid only until here */
	ret = skb ? kcifsd_ipc_unicast(skb) : -ENOMEM;
	if (ret && req_take(req->handle, req)) {
		pr_warn_ratelimited("cannot send a %s to the helper daemon: %d\n",
				    cmd_names[key->cmd], ret);
		req_finish(req, ret, true);
	}
	if (cb)
		return -EINPROGRESS;

	ret = wait_for_completion_killable(&req->done);
	if (!ret) {
		ret = req->err;
		if (!ret)
			answer_move(key->cmd, &req->ans, out);
	} else {
		ret = -EINTR;	/* the late answer is dropped with the req */
	}
	req_put(req);
	return ret;
}

static int parse_user(struct nlattr *attr, struct kcifsd_user_info *u,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KCIFSD_USER_A_MAX + 1];
	const u32 *gids;
	int i, n, ret;

	ret = nla_parse_nested(tb, KCIFSD_USER_A_MAX, attr, user_policy,
			       extack);
	if (ret)
		return ret;
	if (!tb[KCIFSD_USER_A_NAME] || !tb[KCIFSD_USER_A_UID] ||
	    !tb[KCIFSD_USER_A_GID] || !tb[KCIFSD_USER_A_FLAGS]) {
		NL_SET_ERR_MSG(extack, "user answer lacks name, uid, gid or flags");
		return -EINVAL;
	}
	nla_strscpy(u->name, tb[KCIFSD_USER_A_NAME], sizeof(u->name));
	u->flags = nla_get_u32(tb[KCIFSD_USER_A_FLAGS]);
	if (tb[KCIFSD_USER_A_NT_HASH]) {
		nla_memcpy(u->nt_hash, tb[KCIFSD_USER_A_NT_HASH],
			   sizeof(u->nt_hash));
		u->has_hash = true;
	}
	u->uid = make_kuid(&init_user_ns, nla_get_u32(tb[KCIFSD_USER_A_UID]));
	u->gid = make_kgid(&init_user_ns, nla_get_u32(tb[KCIFSD_USER_A_GID]));
	if (!uid_valid(u->uid) || !gid_valid(u->gid)) {
		NL_SET_ERR_MSG(extack, "invalid uid or gid");
		return -EINVAL;
	}
	n = tb[KCIFSD_USER_A_GROUPS] ? nla_len(tb[KCIFSD_USER_A_GROUPS]) : 0;
	if (n % sizeof(u32)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KCIFSD_USER_A_GROUPS],
				    "groups are not an array of u32");
		return -EINVAL;
	}
	n /= sizeof(u32);
	u->groups = groups_alloc(n);
	if (!u->groups)
		return -ENOMEM;
	gids = n ? nla_data(tb[KCIFSD_USER_A_GROUPS]) : NULL;
	for (i = 0; i < n; i++) {
		u->groups->gid[i] = make_kgid(&init_user_ns, gids[i]);
		if (!gid_valid(u->groups->gid[i])) {
			NL_SET_ERR_MSG(extack, "invalid supplementary gid");
			return -EINVAL;
		}
	}
	groups_sort(u->groups);
	return 0;
}

static int parse_share(struct nlattr *attr, struct kcifsd_share_info *s,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KCIFSD_SHARE_A_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, KCIFSD_SHARE_A_MAX, attr, share_policy,
			       extack);
	if (ret)
		return ret;
	if (!tb[KCIFSD_SHARE_A_NAME] || !tb[KCIFSD_SHARE_A_FLAGS] ||
	    !tb[KCIFSD_SHARE_A_CREATE_MASK] ||
	    !tb[KCIFSD_SHARE_A_DIRECTORY_MASK]) {
		NL_SET_ERR_MSG(extack, "share answer lacks name, flags or masks");
		return -EINVAL;
	}
	nla_strscpy(s->name, tb[KCIFSD_SHARE_A_NAME], sizeof(s->name));
	s->flags = nla_get_u32(tb[KCIFSD_SHARE_A_FLAGS]);
	s->create_mask = nla_get_u32(tb[KCIFSD_SHARE_A_CREATE_MASK]);
	s->directory_mask = nla_get_u32(tb[KCIFSD_SHARE_A_DIRECTORY_MASK]);
	if (!(s->flags & KCIFSD_SHARE_F_IPC)) {
		if (!tb[KCIFSD_SHARE_A_PATH] ||
		    *(char *)nla_data(tb[KCIFSD_SHARE_A_PATH]) != '/') {
			NL_SET_ERR_MSG(extack, "a disk share needs an absolute path");
			return -EINVAL;
		}
		s->path = nla_strdup(tb[KCIFSD_SHARE_A_PATH], GFP_KERNEL);
		if (!s->path)
			return -ENOMEM;
	}
	s->comment = tb[KCIFSD_SHARE_A_COMMENT] ?
		     nla_strdup(tb[KCIFSD_SHARE_A_COMMENT], GFP_KERNEL) :
		     kstrdup("", GFP_KERNEL);
	if (!s->comment)
		return -ENOMEM;
	s->force_uid = INVALID_UID;
	s->force_gid = INVALID_GID;
	if (s->flags & KCIFSD_SHARE_F_FORCE_USER) {
		s->force_uid = tb[KCIFSD_SHARE_A_FORCE_UID] ?
			make_kuid(&init_user_ns,
				  nla_get_u32(tb[KCIFSD_SHARE_A_FORCE_UID])) :
			INVALID_UID;
		if (!uid_valid(s->force_uid)) {
			NL_SET_ERR_MSG(extack, "force user without a valid uid");
			return -EINVAL;
		}
	}
	if (s->flags & KCIFSD_SHARE_F_FORCE_GROUP) {
		s->force_gid = tb[KCIFSD_SHARE_A_FORCE_GID] ?
			make_kgid(&init_user_ns,
				  nla_get_u32(tb[KCIFSD_SHARE_A_FORCE_GID])) :
			INVALID_GID;
		if (!gid_valid(s->force_gid)) {
			NL_SET_ERR_MSG(extack, "force group without a valid gid");
			return -EINVAL;
		}
	}
	return 0;
}

/* The answer in @info, parsed for @cmd. */
static int parse_answer(u8 cmd, struct genl_info *info,
			struct ipc_answer *ans)
{
	struct nlattr **tb = info->attrs;

	switch (cmd) {
	case KCIFSD_CMD_USER_LOOKUP:
		if (GENL_REQ_ATTR_CHECK(info, KCIFSD_A_USER))
			return -EINVAL;
		return parse_user(tb[KCIFSD_A_USER], &ans->user, info->extack);
	case KCIFSD_CMD_SHARE_LOOKUP:
		if (GENL_REQ_ATTR_CHECK(info, KCIFSD_A_SHARE))
			return -EINVAL;
		return parse_share(tb[KCIFSD_A_SHARE], &ans->share,
				   info->extack);
	case KCIFSD_CMD_TREE_CONNECT:
		if (GENL_REQ_ATTR_CHECK(info, KCIFSD_A_TREE_ACCESS))
			return -EINVAL;
		ans->access = nla_get_u32(tb[KCIFSD_A_TREE_ACCESS]);
		return 0;
	case KCIFSD_CMD_RPC_OPEN:
	case KCIFSD_CMD_RPC_CLOSE:
		return 0;
	case KCIFSD_CMD_RPC_TRANSACT:
		if (!tb[KCIFSD_A_RPC_DATA])
			return 0;	/* nothing to read */
		ans->rpc.len = nla_len(tb[KCIFSD_A_RPC_DATA]);
		ans->rpc.data = kvmalloc(ans->rpc.len, GFP_KERNEL);
		if (!ans->rpc.data)
			return -ENOMEM;
		nla_memcpy(ans->rpc.data, tb[KCIFSD_A_RPC_DATA], ans->rpc.len);
		return 0;
	}
	return -EOPNOTSUPP;
}

/**
 * kcifsd_ipc_answer() - the daemon answered a question
 * @cmd: the command of its message
 * @info: the message, policy-checked by the family
 *
 * A malformed answer still completes the question (with -EPROTO), so the
 * asker does not wait for the timeout; an answer to a question that timed
 * out or was given up is dropped.
 *
 * Return: 0, or -EINVAL for the daemon if its message is malformed.
 */
int kcifsd_ipc_answer(u8 cmd, struct genl_info *info)
{
	struct ipc_answer ans = {};
	struct ipc_req *req;
	u32 handle, daemon_err;
	int err, ret = 0;

	if (GENL_REQ_ATTR_CHECK(info, KCIFSD_A_HANDLE) ||
	    GENL_REQ_ATTR_CHECK(info, KCIFSD_A_ERRNO))
		return -EINVAL;
	handle = nla_get_u32(info->attrs[KCIFSD_A_HANDLE]);
	daemon_err = nla_get_u32(info->attrs[KCIFSD_A_ERRNO]);
	if (daemon_err) {
		err = -(int)daemon_err;		/* a valid answer: "no" */
	} else {
		ret = parse_answer(cmd, info, &ans);
		err = ret ? -EPROTO : 0;
	}
	req = req_take(handle, NULL);
	if (!req) {
		pr_debug("dropped a late answer to handle %u\n", handle);
		answer_release(&ans);
		return ret;
	}
	if (req->key.cmd != cmd) {
		NL_SET_ERR_MSG(info->extack, "answer to a different question");
		ret = -EINVAL;
		err = -EPROTO;
	}
	if (!err)
		req->ans = ans;
	else
		answer_release(&ans);
	req_finish(req, err, err == -EPROTO);
	return ret;
}

/**
 * kcifsd_ipc_get_counters() - the channel's counters, for STATUS
 * @requests: out: questions sent to the daemon
 * @failures: out: lookups that failed for want of an answer
 * @hits: out: lookups answered from the cache
 */
void kcifsd_ipc_get_counters(u64 *requests, u64 *failures, u64 *hits)
{
	*requests = atomic64_read(&ipc_requests);
	*failures = atomic64_read(&ipc_failures);
	*hits = atomic64_read(&ipc_cache_hits);
}

static int copy_name(char *dst, size_t size, const char *src)
{
	if (!src || !*src || strscpy(dst, src, size) < 0)
		return -ENOENT;	/* cannot exist, as the helper would say */
	return 0;
}

static int user_key(struct ipc_key *key, const char *name)
{
	memset(key, 0, sizeof(*key));
	key->cmd = KCIFSD_CMD_USER_LOOKUP;
	return copy_name(key->user, sizeof(key->user), name);
}

/**
 * kcifsd_ipc_user_lookup() - an account's NT hash and credentials
 * @name: account name, UTF-8, any case
 * @out: filled on success; release with kcifsd_ipc_user_info_release()
 *
 * The guest account of [global] answers with KCIFSD_USER_F_GUEST and no
 * hash. May sleep up to ipc_timeout_ms.
 *
 * Return: 0; -ENOENT no such account ("map to guest = bad user" applies);
 * -ENXIO the account maps to no local user (refuse); -ENOTCONN no daemon;
 * -ETIMEDOUT; -EINTR (fatal signal); -EPROTO bad answer; -ENOMEM.
 */
int kcifsd_ipc_user_lookup(const char *name, struct kcifsd_user_info *out)
{
	struct ipc_key key;
	int ret = user_key(&key, name);

	return ret ? ret : ipc_call(&key, NULL, out, NULL, NULL, NULL);
}

/**
 * kcifsd_ipc_user_lookup_async() - kcifsd_ipc_user_lookup() without
 *	sleeping
 * @name: account name
 * @out: filled before @done runs with 0; must stay valid until then
 * @done: called once with the result unless this returns other than
 *	-EINPROGRESS
 * @arg: for @done
 *
 * Return: 0 (answered from the cache, @done is not called), -EINPROGRESS,
 * or an immediate error as for kcifsd_ipc_user_lookup().
 */
int kcifsd_ipc_user_lookup_async(const char *name,
				 struct kcifsd_user_info *out,
				 kcifsd_ipc_done_t done, void *arg)
{
	struct ipc_key key;
	int ret = user_key(&key, name);

	return ret ? ret : ipc_call(&key, NULL, out, done, arg, NULL);
}

/**
 * kcifsd_ipc_user_info_release() - drop what a user lookup gave
 * @info: the lookup's output; wiped
 */
void kcifsd_ipc_user_info_release(struct kcifsd_user_info *info)
{
	if (info->groups)
		put_group_info(info->groups);
	memzero_explicit(info, sizeof(*info));
}

static int share_key(struct ipc_key *key, const char *name)
{
	memset(key, 0, sizeof(*key));
	key->cmd = KCIFSD_CMD_SHARE_LOOKUP;
	return copy_name(key->share, sizeof(key->share), name);
}

/**
 * kcifsd_ipc_share_lookup() - a share's path and settings
 * @name: share name, UTF-8, any case ("IPC$" is built in)
 * @out: filled on success; release with kcifsd_ipc_share_info_release()
 *
 * May sleep up to ipc_timeout_ms.
 *
 * Return: 0; -ENOENT no such share (STATUS_BAD_NETWORK_NAME); -ENXIO the
 * share is misconfigured; -ENOTCONN, -ETIMEDOUT, -EINTR, -EPROTO, -ENOMEM
 * as for kcifsd_ipc_user_lookup().
 */
int kcifsd_ipc_share_lookup(const char *name, struct kcifsd_share_info *out)
{
	struct ipc_key key;
	int ret = share_key(&key, name);

	return ret ? ret : ipc_call(&key, NULL, out, NULL, NULL, NULL);
}

/**
 * kcifsd_ipc_share_lookup_async() - kcifsd_ipc_share_lookup() without
 *	sleeping
 * @name: share name
 * @out: as for kcifsd_ipc_user_lookup_async()
 * @done: as for kcifsd_ipc_user_lookup_async()
 * @arg: for @done
 *
 * Return: as kcifsd_ipc_user_lookup_async().
 */
int kcifsd_ipc_share_lookup_async(const char *name,
				  struct kcifsd_share_info *out,
				  kcifsd_ipc_done_t done, void *arg)
{
	struct ipc_key key;
	int ret = share_key(&key, name);

	return ret ? ret : ipc_call(&key, NULL, out, done, arg, NULL);
}

/**
 * kcifsd_ipc_share_info_release() - drop what a share lookup gave
 * @info: the lookup's output
 */
void kcifsd_ipc_share_info_release(struct kcifsd_share_info *info)
{
	kfree(info->path);
	kfree(info->comment);
	memset(info, 0, sizeof(*info));
}

static int tree_key(struct ipc_key *key, const char *share, const char *user,
		    u32 session_flags)
{
	memset(key, 0, sizeof(*key));
	key->cmd = KCIFSD_CMD_TREE_CONNECT;
	key->flags = session_flags;
	if (copy_name(key->share, sizeof(key->share), share) ||
	    copy_name(key->user, sizeof(key->user), user))
		return -ENOENT;
	return 0;
}

/**
 * kcifsd_ipc_tree_connect() - may this session connect to this share?
 * @share: share name, any case
 * @user: the session's account name (the guest account for a guest)
 * @session_flags: KCIFSD_USER_F_GUEST for a guest session
 * @client: the client's address (for host rules; may be NULL)
 * @access: out: KCIFSD_TREE_DENIED, _READ_ONLY or _READ_WRITE (valid
 *	users, invalid users, guest ok, read only of the share)
 *
 * May sleep up to ipc_timeout_ms.
 *
 * Return: 0 (then look at @access) or -errno as for
 * kcifsd_ipc_user_lookup().
 */
int kcifsd_ipc_tree_connect(const char *share, const char *user,
			    u32 session_flags,
			    const struct sockaddr_storage *client,
			    enum kcifsd_tree_access *access)
{
	struct ipc_key key;
	int ret = tree_key(&key, share, user, session_flags);

	if (ret) {
		*access = KCIFSD_TREE_DENIED;
		return 0;
	}
	return ipc_call(&key, client, access, NULL, NULL, NULL);
}

/**
 * kcifsd_ipc_tree_connect_async() - kcifsd_ipc_tree_connect() without
 *	sleeping
 * @share: share name
 * @user: account name
 * @session_flags: KCIFSD_USER_F_GUEST for a guest session
 * @client: the client's address, or NULL
 * @access: out, valid when @done runs with 0; must stay valid until then
 * @done: as for kcifsd_ipc_user_lookup_async()
 * @arg: for @done
 *
 * Return: as kcifsd_ipc_user_lookup_async().
 */
int kcifsd_ipc_tree_connect_async(const char *share, const char *user,
				  u32 session_flags,
				  const struct sockaddr_storage *client,
				  enum kcifsd_tree_access *access,
				  kcifsd_ipc_done_t done, void *arg)
{
	struct ipc_key key;
	int ret = tree_key(&key, share, user, session_flags);

	if (ret) {
		*access = KCIFSD_TREE_DENIED;
		return 0;
	}
	return ipc_call(&key, client, access, done, arg, NULL);
}

/**
 * kcifsd_ipc_rpc_async() - a named-pipe request to the daemon
 * @cmd: KCIFSD_CMD_RPC_OPEN, _TRANSACT or _CLOSE
 * @call: what to send (net/kcifsd_netlink.h says which fields each
 *	command needs); only read before this returns
 * @out: the answer's data, valid when @done runs with 0 (NULL: drop it);
 *	must stay valid until then; release with
 *	kcifsd_ipc_rpc_reply_release()
 * @done: called once with 0 or a negative errno (the daemon's ENOENT for
 *	an unknown pipe, -ENOTCONN, -ETIMEDOUT, ...) unless this returns
 *	other than -EINPROGRESS
 * @arg: for @done
 *
 * Never answered from the cache and never sleeps for the answer.
 *
 * Return: -EINPROGRESS, or an immediate error (-ENOTCONN without a
 * daemon, -ENOMEM, -EINVAL for a payload over KCIFSD_RPC_MAX_PAYLOAD).
 */
int kcifsd_ipc_rpc_async(u8 cmd, const struct kcifsd_rpc_call *call,
			 struct kcifsd_rpc_reply *out,
			 kcifsd_ipc_done_t done, void *arg)
{
	struct ipc_key key = { .cmd = cmd };

	if ((cmd != KCIFSD_CMD_RPC_OPEN && cmd != KCIFSD_CMD_RPC_TRANSACT &&
	     cmd != KCIFSD_CMD_RPC_CLOSE) || !done ||
	    call->data_len > KCIFSD_RPC_MAX_PAYLOAD ||
	    call->param_len > KCIFSD_RPC_MAX_PAYLOAD)
		return -EINVAL;
	if (out) {
		out->data = NULL;
		out->len = 0;
	}
	return ipc_call(&key, NULL, out, done, arg, call);
}

/**
 * kcifsd_ipc_rpc_reply_release() - free what a pipe request answered
 * @reply: the answer; emptied
 */
void kcifsd_ipc_rpc_reply_release(struct kcifsd_rpc_reply *reply)
{
	kvfree(reply->data);
	reply->data = NULL;
	reply->len = 0;
}

/**
 * kcifsd_ipc_upcall_init() - set up the questions' workqueue
 *
 * Return: 0 or -ENOMEM.
 */
int kcifsd_ipc_upcall_init(void)
{
	ipc_wq = alloc_workqueue("kcifsd-ipc", WQ_UNBOUND, 0);
	return ipc_wq ? 0 : -ENOMEM;
}

/**
 * kcifsd_ipc_upcall_exit() - fail what is pending, wait for the last
 *	question to be freed, drop the cache
 */
void kcifsd_ipc_upcall_exit(void)
{
	xa_lock(&ipc_pending);
	ipc_shutdown = true;
	xa_unlock(&ipc_pending);
	kcifsd_ipc_fail_all(-ESHUTDOWN);
	wait_event(ipc_inflight_wq, !atomic_read(&ipc_inflight));
	destroy_workqueue(ipc_wq);
	xa_destroy(&ipc_pending);
	kcifsd_ipc_cache_drop();
}
