// SPDX-License-Identifier: GPL-2.0-only
/*
 * TREE_CONNECT_ANDX (MS-CIFS 2.2.4.55, 3.3.5.45; MS-SMB 2.2.4.7, 3.3.5.4)
 * and TREE_DISCONNECT (MS-CIFS 2.2.4.51, 3.3.5.41): the TID table and the
 * tree connect objects of fs/tree.h.
 *
 * A tree connect names \\server\share; the server part is ignored (every
 * name this host answers to is this server). IPC$ is built in and needs
 * no helper; any other share is looked up with the helper, which also
 * decides whether the session's account may connect and whether
 * read-only (valid users, invalid users, guest ok, read only). The
 * share's root is resolved once, here, and every later path is resolved
 * beneath it. Both questions to the helper park the request
 * (fs/upcall_wait.h). Share-level security is not offered (NEGOTIATE
 * says user level), so the Password field is ignored.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "fs/fid.h"
#include "fs/pipe.h"
#include "fs/search.h"
#include "fs/session.h"
#include "fs/session_wire.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/tree.h"
#include "fs/tree_wire.h"
#include "fs/upcall_wait.h"
#include "net/connection.h"
#include "net/ipc.h"

/* The access masks of MS-SMB 2.2.4.7.2 (MS-SMB 2.2.1.4.1 bits). */
#define FILE_ALL_ACCESS_MASK		0x001F01FF
#define FILE_READ_EXECUTE_MASK		0x001200A9	/* GENERIC_READ|EXECUTE */

/*
 * The helper answered at once (from its cache, or failed): the next step
 * runs without parking. Not an NTSTATUS value any handler returns.
 */
#define TREE_GO_ON			U32_MAX

/* Where a parked TREE_CONNECT_ANDX is. */
enum tree_step {
	TREE_LOOKUP_SHARE,	/* the share's settings */
	TREE_ASK_ACCESS,	/* may this account connect, read-only? */
};

/**
 * struct tree_ctx - one TREE_CONNECT_ANDX in progress (req->priv)
 * @req: the request
 * @wait: the question to the helper
 * @step: what the request waits for
 * @in: the parsed request
 * @sess: the session connecting (a reference)
 * @share: the helper's answer about the share
 * @access: the helper's tree-connect decision
 */
struct tree_ctx {
	struct kcifsd_smb_req *req;
	struct kcifsd_upcall_wait wait;
	enum tree_step step;
	struct kcifsd_tree_connect in;
	struct kcifsd_session *sess;
	struct kcifsd_share_info share;
	enum kcifsd_tree_access access;
};

/* ---- tree objects and the TID table ---- */

static void tree_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct kcifsd_tree, rcu));
}

/**
 * kcifsd_tree_get() - look up a tree connect by TID
 * @sc: the connection's SMB1 state
 * @tid: the TID from the request header
 *
 * Return: the tree with a reference the caller drops with
 * kcifsd_tree_put(), or NULL.
 */
struct kcifsd_tree *kcifsd_tree_get(struct kcifsd_smb_conn *sc, u16 tid)
{
	struct kcifsd_tree *tree;

	rcu_read_lock();
	tree = xa_load(&sc->trees, tid);
	if (tree && !refcount_inc_not_zero(&tree->refcnt))
		tree = NULL;
	rcu_read_unlock();
	return tree;
}

/**
 * kcifsd_tree_is_ipc() - does a TID name a live IPC$ tree connect?
 * @sc: the connection's SMB1 state
 * @tid: the TID from the request header
 *
 * For choosing how a request is handled (named pipes): under RCU, no
 * reference taken. A tree's type never changes once it is in the table,
 * and a tree on its way out (no reference left) is not one.
 *
 * Return: true if @tid names an IPC$ tree that kcifsd_tree_get() would
 * still return.
 */
bool kcifsd_tree_is_ipc(struct kcifsd_smb_conn *sc, u16 tid)
{
	struct kcifsd_tree *tree;
	bool ipc;

	rcu_read_lock();
	tree = xa_load(&sc->trees, tid);
	ipc = tree && refcount_read(&tree->refcnt) &&
	      tree->type == KCIFSD_TREE_IPC;
	rcu_read_unlock();
	return ipc;
}

/**
 * kcifsd_tree_put() - drop a tree connect reference
 * @tree: the tree, or NULL
 *
 * The last reference puts the root path, the credentials and the
 * session; may sleep (it may be the last user of the share's mount).
 */
void kcifsd_tree_put(struct kcifsd_tree *tree)
{
	if (!tree || !refcount_dec_and_test(&tree->refcnt))
		return;
	path_put(&tree->root);
	if (tree->cred)
		put_cred(tree->cred);
	kcifsd_session_put(tree->sess);
	call_rcu(&tree->rcu, tree_free_rcu);
}

/* The same account: the helper's decision for one holds for the other. */
static bool same_account(const struct kcifsd_session *a,
			 const struct kcifsd_session *b)
{
	return a == b || (kcifsd_session_is_guest(a) ==
			  kcifsd_session_is_guest(b) &&
			  !strcmp(a->user, b->user));
}

/**
 * kcifsd_tree_get_req() - the session and tree connect of a request
 * @req: a request of a command with KCIFSD_CMD_NEEDS_UID and
 *	KCIFSD_CMD_NEEDS_TID
 * @sess: the session of the header UID, referenced
 * @tree: the tree connect of the header TID, referenced
 *
 * A tree connect may be used under another UID of the connection when
 * that session is the same account: its access was decided for that
 * account. A TID used by a different account is refused, as its
 * valid-users and read-only decision do not apply.
 *
 * Return: STATUS_SUCCESS with both references taken, else
 * STATUS_SMB_BAD_UID, STATUS_SMB_BAD_TID (gone meanwhile) or
 * STATUS_ACCESS_DENIED, with none.
 */
u32 kcifsd_tree_get_req(struct kcifsd_smb_req *req,
			struct kcifsd_session **sess,
			struct kcifsd_tree **tree)
{
	struct kcifsd_session *s = kcifsd_session_get(req->sc, req->uid);
	struct kcifsd_tree *t;

	if (!s)
		return STATUS_SMB_BAD_UID;
	t = kcifsd_tree_get(req->sc, req->tid);
	if (!t) {
		kcifsd_session_put(s);
		return STATUS_SMB_BAD_TID;
	}
	if (!same_account(t->sess, s)) {
		pr_info_ratelimited("%pISc: TID %u of \"%s\" used by \"%s\": refused\n",
				    &req->conn->peer, t->tid, t->sess->user,
				    s->user);
		kcifsd_tree_put(t);
		kcifsd_session_put(s);
		return STATUS_ACCESS_DENIED;
	}
	*sess = s;
	*tree = t;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_tree_disconnect() - end a tree connect (MS-CIFS 3.3.5.41)
 * @sc: the connection's SMB1 state
 * @tree: the tree; the caller holds a reference, which stays its own
 *
 * In the order written in fs/tree.h. Safe if the tree is already gone.
 */
void kcifsd_tree_disconnect(struct kcifsd_smb_conn *sc,
			    struct kcifsd_tree *tree)
{
	mutex_lock(&sc->lock);
	if (xa_cmpxchg(&sc->trees, tree->tid, tree, NULL, 0) != tree) {
		mutex_unlock(&sc->lock);
		return;
	}
	sc->nr_trees--;
	mutex_unlock(&sc->lock);
	/* MS-CIFS 3.3.5.41: the opens, named pipes and searches under the TID. */
	kcifsd_fid_close_tree(sc, tree);
	kcifsd_pipe_close_tree(sc, tree->tid);
	kcifsd_search_close_tree(sc, tree->tid);
	kcifsd_tree_put(tree);
}

/**
 * kcifsd_trees_disconnect_session() - end a session's tree connects
 * @sc: the connection's SMB1 state
 * @sess: the session (LOGOFF_ANDX, MS-CIFS 3.3.5.44), or NULL for every
 *	tree connect of the connection
 */
void kcifsd_trees_disconnect_session(struct kcifsd_smb_conn *sc,
				     struct kcifsd_session *sess)
{
	struct kcifsd_tree *tree;
	unsigned long tid = 0;

	for (;;) {
		rcu_read_lock();
		tree = xa_find(&sc->trees, &tid, ULONG_MAX, XA_PRESENT);
		if (tree && !refcount_inc_not_zero(&tree->refcnt))
			tree = ERR_PTR(-ENOENT);	/* being freed: skip */
		rcu_read_unlock();
		if (!tree)
			return;
		if (!IS_ERR(tree)) {
			if (!sess || tree->sess == sess)
				kcifsd_tree_disconnect(sc, tree);
			kcifsd_tree_put(tree);
		}
		if (tid == ULONG_MAX)
			return;
		tid++;
	}
}

/* ---- making a tree connect ---- */

/* The share's "force user" and "force group" on the session's ids. */
static const struct cred *tree_make_cred(const struct kcifsd_session *sess,
					 const struct kcifsd_share_info *si)
{
	const struct cred *c = kcifsd_session_cred(sess);

	if (!(si->flags & (KCIFSD_SHARE_F_FORCE_USER |
			   KCIFSD_SHARE_F_FORCE_GROUP)))
		return get_cred(c);
	return kcifsd_session_make_cred(si->flags & KCIFSD_SHARE_F_FORCE_USER ?
					si->force_uid : c->uid,
					si->flags & KCIFSD_SHARE_F_FORCE_GROUP ?
					si->force_gid : c->gid,
					c->group_info);
}

/*
 * MS-CIFS 3.3.5.45 step 4: the Service asked for must name the share's
 * type; "?????" takes any. There are no printer or serial device shares.
 */
static bool service_matches(enum kcifsd_tree_service svc,
			    enum kcifsd_tree_type type)
{
	switch (svc) {
	case KCIFSD_SERVICE_ANY:
		return true;
	case KCIFSD_SERVICE_DISK:
		return type == KCIFSD_TREE_DISK;
	case KCIFSD_SERVICE_IPC:
		return type == KCIFSD_TREE_IPC;
	default:
		return false;
	}
}

/* Resolve the share's root and note its file-system type. */
static u32 tree_resolve_root(struct tree_ctx *ctx, struct kcifsd_tree *tree)
{
	int ret;

	ret = kern_path(ctx->share.path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			&tree->root);
	if (ret) {
		pr_warn_ratelimited("share [%s]: path %s: error %d\n",
				    ctx->share.name, ctx->share.path, ret);
		return STATUS_BAD_NETWORK_NAME;
	}
	strscpy(tree->fs_name, tree->root.mnt->mnt_sb->s_type->name,
		sizeof(tree->fs_name));
	return STATUS_SUCCESS;
}

/*
 * Enter @tree in the TID table, unless its session logged off meanwhile;
 * the table gets a reference of its own.
 */
static u32 tree_publish(struct kcifsd_smb_conn *sc, struct kcifsd_tree *tree)
{
	u32 tid;
	int ret;

	mutex_lock(&sc->lock);
	if (xa_load(&sc->sessions, tree->sess->uid) != tree->sess) {
		mutex_unlock(&sc->lock);
		return STATUS_SMB_BAD_UID;
	}
	if (sc->nr_trees >= KCIFSD_MAX_TREES) {
		mutex_unlock(&sc->lock);
		return STATUS_REQUEST_NOT_ACCEPTED;
	}
	refcount_inc(&tree->refcnt);
	ret = xa_alloc_cyclic(&sc->trees, &tid, tree,
			      XA_LIMIT(KCIFSD_TID_MIN, KCIFSD_TID_MAX),
			      &sc->next_tid, GFP_KERNEL);
	if (ret >= 0) {
		tree->tid = tid;
		sc->nr_trees++;
	} else {
		refcount_dec(&tree->refcnt);
	}
	mutex_unlock(&sc->lock);
	if (ret < 0)
		return ret == -EBUSY ? STATUS_REQUEST_NOT_ACCEPTED :
				       STATUS_INSUFF_SERVER_RESOURCES;
	return STATUS_SUCCESS;
}

/* MS-CIFS 2.2.4.55.2 / MS-SMB 2.2.4.7.2 for a new tree connect. */
static u32 tree_reply(struct tree_ctx *ctx, struct kcifsd_tree *tree)
{
	struct kcifsd_smb_req *req = ctx->req;
	bool unicode = req->flags2 & SMB_FLAGS2_UNICODE;
	bool ext = ctx->in.flags & TREE_CONNECT_ANDX_EXTENDED_RESPONSE;
	const char *service = tree->type == KCIFSD_TREE_IPC ? "IPC" : "A:";
	struct smb1_tree_connect_rsp_ext *rsp;
	u16 support = 0;
	unsigned int n;
	u8 *p;

	rsp = kcifsd_smb_rsp_block(req, ext ? sizeof(*rsp) / 2 :
				   SMB1_TREE_CONNECT_RSP_WC,
				   strlen(service) + 1 +
				   kcifsd_smb_string_size(tree->fs_name,
							  unicode));
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	/* Exclusive search attributes: FIND honours them (MS-CIFS 2.2.1.2.4). */
	if (tree->type == KCIFSD_TREE_DISK)
		support |= SMB_SUPPORT_SEARCH_BITS;
	rsp->optional_support = cpu_to_le16(support);
	if (ext) {
		rsp->maximal_access = cpu_to_le32(tree->max_access);
		rsp->guest_maximal_access =
			cpu_to_le32(tree->share_flags & KCIFSD_SHARE_F_GUEST_OK ?
				    tree->max_access : 0);
	}
	p = kcifsd_smb_rsp_bytes(req);
	n = strlen(service) + 1;
	memcpy(p, service, n);
	n += kcifsd_smb_string_put(req, p + n, tree->fs_name, unicode);
	kcifsd_smb_rsp_set_bc(req, n);
	return STATUS_SUCCESS;
}

/*
 * TREE_CONNECT_ANDX_DISCONNECT_TID (MS-CIFS 2.2.4.55.1): after success,
 * the tree connect of the header TID goes; failures are not reported.
 */
static void tree_disconnect_old(struct kcifsd_smb_req *req)
{
	struct kcifsd_tree *old = kcifsd_tree_get(req->sc, req->tid);

	if (!old)
		return;
	if (old->sess->uid == req->uid)
		kcifsd_tree_disconnect(req->sc, old);
	kcifsd_tree_put(old);
}

/* Everything is decided: make the tree connect and answer. */
static u32 tree_make(struct tree_ctx *ctx, enum kcifsd_tree_type type)
{
	struct kcifsd_smb_req *req = ctx->req;
	struct kcifsd_tree *tree;
	u32 status;

	if (!service_matches(ctx->in.service, type))
		return STATUS_BAD_DEVICE_TYPE;

	tree = kzalloc(sizeof(*tree), GFP_KERNEL);
	if (!tree)
		return STATUS_INSUFF_SERVER_RESOURCES;
	refcount_set(&tree->refcnt, 1);
	tree->sc = req->sc;
	tree->sess = ctx->sess;
	ctx->sess = NULL;
	tree->type = type;
	tree->share_flags = ctx->share.flags;
	tree->create_mask = ctx->share.create_mask;
	tree->directory_mask = ctx->share.directory_mask;
	if (type == KCIFSD_TREE_IPC) {
		strscpy(tree->share, "IPC$", sizeof(tree->share));
		tree->max_access = FILE_ALL_ACCESS_MASK;
		tree->cred = get_cred(kcifsd_session_cred(tree->sess));
	} else {
		strscpy(tree->share, ctx->share.name, sizeof(tree->share));
		tree->read_only = ctx->access != KCIFSD_TREE_READ_WRITE ||
				  (ctx->share.flags & KCIFSD_SHARE_F_READ_ONLY);
		tree->max_access = tree->read_only ? FILE_READ_EXECUTE_MASK :
						     FILE_ALL_ACCESS_MASK;
		tree->cred = tree_make_cred(tree->sess, &ctx->share);
		status = tree_resolve_root(ctx, tree);
		if (status)
			goto err;
	}
	status = STATUS_INSUFF_SERVER_RESOURCES;
	if (!tree->cred)
		goto err;
	status = tree_publish(req->sc, tree);
	if (status)
		goto err;

	status = tree_reply(ctx, tree);
	if (status) {
		kcifsd_tree_disconnect(req->sc, tree);
		goto err;
	}
	if (ctx->in.flags & TREE_CONNECT_ANDX_DISCONNECT_TID)
		tree_disconnect_old(req);
	req->tid = tree->tid;
	pr_debug("%pISc: TID %u: [%s] for UID %u%s\n", &req->conn->peer,
		 tree->tid, tree->share, tree->sess->uid,
		 tree->read_only ? " (read-only)" : "");
	kcifsd_tree_put(tree);
	return STATUS_SUCCESS;

err:
	kcifsd_tree_put(tree);
	return status;
}

/* ---- the questions to the helper ---- */

static u32 ask_access(struct tree_ctx *ctx)
{
	struct kcifsd_session *sess = ctx->sess;
	int ret;

	ctx->step = TREE_ASK_ACCESS;
	kcifsd_upcall_wait_init(&ctx->wait, ctx->req);
	ret = kcifsd_ipc_tree_connect_async(ctx->share.name, sess->user,
					    kcifsd_session_is_guest(sess) ?
					    KCIFSD_USER_F_GUEST : 0,
					    &ctx->req->conn->peer,
					    &ctx->access, kcifsd_upcall_done,
					    &ctx->wait);
	if (kcifsd_upcall_parked(&ctx->wait, ret))
		return STATUS_PENDING;
	return STATUS_SUCCESS;
}

static u32 share_answered(struct tree_ctx *ctx)
{
	int err = ctx->wait.err;

	if (err) {
		if (err != -ENOENT && err != -ENOTCONN)
			pr_info_ratelimited("share \"%s\": helper answered %d\n",
					    ctx->in.share, err);
		return STATUS_BAD_NETWORK_NAME;
	}
	if (ctx->share.flags & KCIFSD_SHARE_F_IPC)
		return tree_make(ctx, KCIFSD_TREE_IPC);
	if (!ctx->share.path)
		return STATUS_BAD_NETWORK_NAME;
	if (ask_access(ctx) == STATUS_PENDING)
		return STATUS_PENDING;
	return TREE_GO_ON;
}

static u32 access_answered(struct tree_ctx *ctx)
{
	if (ctx->wait.err || ctx->access == KCIFSD_TREE_DENIED) {
		pr_debug("%pISc: [%s] refused to \"%s\" (%d)\n",
			 &ctx->req->conn->peer, ctx->share.name,
			 ctx->sess->user, ctx->wait.err);
		return STATUS_ACCESS_DENIED;
	}
	return tree_make(ctx, KCIFSD_TREE_DISK);
}

/* Go on from where the request stands until it parks or ends. */
static u32 tree_run(struct tree_ctx *ctx)
{
	u32 status;

	if (ctx->step == TREE_LOOKUP_SHARE) {
		status = share_answered(ctx);
		if (status != TREE_GO_ON)
			return status;
	}
	return access_answered(ctx);
}

static u32 tree_start(struct kcifsd_smb_req *req, struct tree_ctx **out)
{
	struct tree_ctx *ctx;
	u32 status;
	int ret;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return STATUS_INSUFF_SERVER_RESOURCES;
	*out = ctx;
	ctx->req = req;
	req->priv = ctx;

	status = kcifsd_tree_connect_parse(req, &ctx->in);
	if (status) {
		pr_debug("%pISc: TREE_CONNECT_ANDX refused: 0x%08x\n",
			 &req->conn->peer, status);
		return status;
	}
	ctx->sess = kcifsd_session_get(req->sc, req->uid);
	if (!ctx->sess)
		return STATUS_SMB_BAD_UID;
	if (!strcasecmp(ctx->in.share, "IPC$"))
		return tree_make(ctx, KCIFSD_TREE_IPC);

	ctx->step = TREE_LOOKUP_SHARE;
	kcifsd_upcall_wait_init(&ctx->wait, req);
	ret = kcifsd_ipc_share_lookup_async(ctx->in.share, &ctx->share,
					    kcifsd_upcall_done, &ctx->wait);
	if (kcifsd_upcall_parked(&ctx->wait, ret))
		return STATUS_PENDING;
	return tree_run(ctx);
}

static void ctx_free(struct tree_ctx *ctx)
{
	if (!ctx)
		return;
	kcifsd_session_put(ctx->sess);
	kcifsd_ipc_share_info_release(&ctx->share);
	kfree(ctx);
}

/**
 * kcifsd_smb_tree_connect() - SMB_COM_TREE_CONNECT_ANDX handler
 * @req: the request; the dispatcher checked the UID
 *
 * MS-CIFS 3.3.5.45 with the MS-SMB 3.3.5.4 extended response, as
 * described at the top of this file. The new TID is carried to the rest
 * of the chain and is the reply's.
 *
 * Return: STATUS_SUCCESS, STATUS_PENDING (parked on the helper), or
 * STATUS_BAD_NETWORK_NAME (no such share, or none can be looked up),
 * STATUS_ACCESS_DENIED, STATUS_BAD_DEVICE_TYPE, STATUS_INVALID_SMB,
 * STATUS_REQUEST_NOT_ACCEPTED (too many tree connects),
 * STATUS_INSUFF_SERVER_RESOURCES.
 */
u32 kcifsd_smb_tree_connect(struct kcifsd_smb_req *req)
{
	struct tree_ctx *ctx = req->priv;
	u32 status;

	if (!req->resumed)
		status = tree_start(req, &ctx);
	else
		status = tree_run(ctx);
	if (status == STATUS_PENDING)
		return status;
	req->priv = NULL;
	ctx_free(ctx);
	return status;
}

/**
 * kcifsd_smb_tree_disconnect() - SMB_COM_TREE_DISCONNECT handler
 * @req: the request; the dispatcher checked the UID and TID
 *
 * MS-CIFS 3.3.5.41: the tree connect goes, with its opens and searches.
 * Only the same account that connected it may disconnect it.
 *
 * Return: STATUS_SUCCESS, or as kcifsd_tree_get_req().
 */
u32 kcifsd_smb_tree_disconnect(struct kcifsd_smb_req *req)
{
	struct kcifsd_session *sess;
	struct kcifsd_tree *tree;
	u32 status;

	status = kcifsd_tree_get_req(req, &sess, &tree);
	if (status)
		return status;
	if (!kcifsd_smb_rsp_block(req, 0, 0)) {
		status = STATUS_INSUFF_SERVER_RESOURCES;
		goto out;
	}
	kcifsd_tree_disconnect(req->sc, tree);
out:
	kcifsd_tree_put(tree);
	kcifsd_session_put(sess);
	return status;
}
