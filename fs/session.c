// SPDX-License-Identifier: GPL-2.0-only
/*
 * SESSION_SETUP_ANDX (MS-CIFS 2.2.4.53, 3.3.5.43; MS-SMB 2.2.4.6,
 * 3.3.5.3) and LOGOFF_ANDX (MS-CIFS 2.2.4.54, 3.3.5.44): logons, the UID
 * table and the session objects of fs/session.h.
 *
 * A logon is one of:
 * - non-extended (WordCount 13): LM/NTLM or LMv2/NTLMv2 responses to the
 *   8-byte challenge of NEGOTIATE, verified by fs/ntlm.c;
 * - extended (WordCount 12): NTLMSSP, bare (the Linux client) or inside
 *   SPNEGO (Samba, Windows), in two legs: NEGOTIATE_MESSAGE gets the
 *   CHALLENGE_MESSAGE with STATUS_MORE_PROCESSING_REQUIRED under a UID
 *   reserved for the logon, AUTHENTICATE_MESSAGE completes it;
 * - a null session (empty name, no responses; NTLMSSP anonymous);
 * - a guest logon: the guest account by name, or a failed logon that
 *   "map to guest" turns into one.
 *
 * The account comes from the helper (kcifsd_ipc_user_lookup_async()) and
 * the request parks meanwhile (fs/upcall_wait.h). A failed logon is
 * answered STATUS_LOGON_FAILURE a fixed time after the request started,
 * whatever failed (unknown account, wrong password, disabled account, no
 * helper), so timing tells nothing; the wait parks too (a delayed work
 * resumes it).
 *
 * VcNumber 0 (MS-CIFS 3.3.5.43): the server would close the other
 * sessions of the same user on this connection and every other
 * connection from the same client. Not done: on TCP the client is known
 * only by its address, so one client's restart would cut off every other
 * client behind the same NAT (what Samba's "reset on zero vc = no"
 * avoids), and a restarted client opens a new connection anyway, whose
 * old one the idle timeout closes; closing same-user sessions of this
 * connection would only break a client that logs on twice on purpose.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <asm/unaligned.h>

#include "fs/fid.h"
#include "fs/ntlm.h"
#include "fs/ntlmssp.h"
#include "fs/ntlmssp_sign.h"
#include "fs/pipe.h"
#include "fs/search.h"
#include "fs/session.h"
#include "fs/session_wire.h"
#include "fs/signing_seq.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/spnego.h"
#include "fs/tree.h"
#include "fs/upcall_wait.h"
#include "net/connection.h"
#include "net/ipc.h"
#include "net/server.h"

/*
 * How long after its request a failed logon is answered. Long enough to
 * make guessing passwords slow (a client may still run MaxMpxCount
 * attempts at once per connection), short enough that a mistyped
 * password does not feel like a hang.
 */
#define LOGON_FAILURE_DELAY	(HZ)

/*
 * A step of a logon whose question to the helper was answered at once
 * (from the cache, or failed): the next step runs without parking. Not
 * an NTSTATUS value any handler returns.
 */
#define LOGON_GO_ON		U32_MAX

/* NativeOS and NativeLanMan of our replies (MS-CIFS 2.2.4.53.2). */
#define NATIVE_LANMAN		"kcifsd"

/**
 * struct sess_pending - an NTLMSSP logon between its two legs
 * @uid: the UID it runs under: reserved in sc->sessions for a new
 *	session, or an established session's for a re-authentication
 * @reauth: @uid names an established session, which is not reserved
 * @st: the NTLMSSP state after the CHALLENGE_MESSAGE
 * @challenged: @st holds a challenge (SPNEGO may take a leg without one)
 * @mech_types: the DER MechTypeList of the client's NegTokenInit, which
 *	the mechListMICs sign (RFC 4178 5), or NULL
 * @mech_types_len: its length
 *
 * Lives in sc->sessions_pending under @uid. The leg that completes it
 * takes it out of the table first, so only one request works on it.
 */
struct sess_pending {
	u16 uid;
	bool reauth;
	bool challenged;
	struct kcifsd_ntlmssp_state st;
	u8 *mech_types;
	u32 mech_types_len;
};

/* Where a parked SESSION_SETUP_ANDX is. */
enum sess_step {
	SESS_LOOKUP_USER,	/* the account named in the request */
	SESS_LOOKUP_GUEST,	/* the guest account, for a guest/null logon */
	SESS_FAIL_DELAY,	/* a failure waiting for its answer time */
};

/**
 * struct sess_ctx - one SESSION_SETUP_ANDX in progress (req->priv)
 * @req: the request; its message stays in place while parked, so the
 *	pointers in @in and @auth stay valid
 * @wait: the question to the helper
 * @step: what the request waits for
 * @cfg: the helper's settings when the request started
 * @in: the parsed request
 * @tok: the parsed SPNEGO token (extended logons)
 * @auth: the parsed AUTHENTICATE_MESSAGE (extended logons)
 * @ntlmssp: the AUTHENTICATE_MESSAGE itself
 * @ntlmssp_len: its length
 * @pend: the NTLMSSP logon being completed, owned by this request
 * @flags: KCIFSD_SESS_GUEST / KCIFSD_SESS_ANONYMOUS for the session made
 * @mic: our mechListMIC for the final SPNEGO reply (RFC 4178 5)
 * @send_mic: @mic is set: the client sent a mechListMIC, which verified
 * @name: the account name to look up, UTF-8
 * @info: the helper's answer
 * @started: jiffies when the request started
 * @delay: resumes the request at @started + LOGON_FAILURE_DELAY
 * @fired: @delay or the cancel hook resumed the request (once only)
 */
struct sess_ctx {
	struct kcifsd_smb_req *req;
	struct kcifsd_upcall_wait wait;
	enum sess_step step;
	struct kcifsd_smb_config cfg;
	struct kcifsd_sess_setup in;
	struct kcifsd_spnego_token tok;
	struct kcifsd_ntlmssp_auth auth;
	const u8 *ntlmssp;
	u32 ntlmssp_len;
	struct sess_pending *pend;
	u32 flags;
	u8 mic[KCIFSD_NTLMSSP_MAC_SIZE];
	bool send_mic;
	char name[KCIFSD_USER_NAME_MAX + 1];
	struct kcifsd_user_info info;
	unsigned long started;
	struct delayed_work delay;
	atomic_t fired;
};

/* ---- session objects and the UID table ---- */

static void session_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct kcifsd_session, rcu));
}

/**
 * kcifsd_session_get() - look up an established session by UID
 * @sc: the connection's SMB1 state
 * @uid: the UID from the request header
 *
 * A logon still in progress (between NTLMSSP legs) is not a session yet.
 *
 * Return: the session with a reference the caller drops with
 * kcifsd_session_put(), or NULL.
 */
struct kcifsd_session *kcifsd_session_get(struct kcifsd_smb_conn *sc,
					  u16 uid)
{
	struct kcifsd_session *sess;

	rcu_read_lock();
	sess = xa_load(&sc->sessions, uid);
	if (sess && !refcount_inc_not_zero(&sess->refcnt))
		sess = NULL;
	rcu_read_unlock();
	return sess;
}

/**
 * kcifsd_session_put() - drop a session reference
 * @sess: the session, or NULL
 *
 * The last reference frees the credentials and, after an RCU grace
 * period, the session.
 */
void kcifsd_session_put(struct kcifsd_session *sess)
{
	if (!sess || !refcount_dec_and_test(&sess->refcnt))
		return;
	if (sess->cred)
		put_cred(sess->cred);
	memzero_explicit(sess->session_key, sizeof(sess->session_key));
	call_rcu(&sess->rcu, session_free_rcu);
}

/**
 * kcifsd_session_make_cred() - credentials for file access
 * @uid: the uid, also euid, suid and fsuid
 * @gid: the primary gid, likewise
 * @groups: supplementary groups (a reference is taken), or NULL for none
 *
 * No capabilities at all: a client mapped to uid 0 gets no override of
 * file permissions either; the permission bits decide.
 *
 * Return: new credentials, or NULL without memory.
 */
const struct cred *kcifsd_session_make_cred(kuid_t uid, kgid_t gid,
					    struct group_info *groups)
{
	struct cred *cred = prepare_kernel_cred(&init_task);

	if (!cred)
		return NULL;
	cred->uid = cred->euid = cred->suid = cred->fsuid = uid;
	cred->gid = cred->egid = cred->sgid = cred->fsgid = gid;
	if (groups)
		set_groups(cred, groups);
	cap_clear(cred->cap_inheritable);
	cap_clear(cred->cap_permitted);
	cap_clear(cred->cap_effective);
	cap_clear(cred->cap_bset);
	cap_clear(cred->cap_ambient);
	return cred;
}

/* Reserve a UID for a new logon, counting it against the table size. */
static u32 uid_reserve(struct kcifsd_smb_conn *sc, u16 *uid)
{
	u32 id;
	int ret;

	mutex_lock(&sc->lock);
	if (sc->nr_sessions >= KCIFSD_MAX_SESSIONS) {
		mutex_unlock(&sc->lock);
		return STATUS_TOO_MANY_SESSIONS;
	}
	ret = xa_alloc_cyclic(&sc->sessions, &id, NULL,
			      XA_LIMIT(KCIFSD_UID_MIN, KCIFSD_UID_MAX),
			      &sc->next_uid, GFP_KERNEL);
	if (ret >= 0)
		sc->nr_sessions++;
	mutex_unlock(&sc->lock);
	if (ret < 0)
		return ret == -EBUSY ? STATUS_TOO_MANY_SESSIONS :
				       STATUS_INSUFF_SERVER_RESOURCES;
	*uid = id;
	return STATUS_SUCCESS;
}

/* Give back a UID reserved by uid_reserve() that never got a session. */
static void uid_release(struct kcifsd_smb_conn *sc, u16 uid)
{
	mutex_lock(&sc->lock);
	xa_release(&sc->sessions, uid);
	sc->nr_sessions--;
	mutex_unlock(&sc->lock);
}

static void pending_free(struct kcifsd_smb_conn *sc, struct sess_pending *p,
			 bool release_uid)
{
	if (!p)
		return;
	if (release_uid && !p->reauth)
		uid_release(sc, p->uid);
	kcifsd_ntlmssp_state_free(&p->st);
	kfree(p->mech_types);
	kfree(p);
}

/* Does @uid name an established session? */
static bool uid_is_session(struct kcifsd_smb_conn *sc, u16 uid)
{
	struct kcifsd_session *sess = kcifsd_session_get(sc, uid);

	kcifsd_session_put(sess);
	return sess;
}

/* Take the NTLMSSP logon pending under @uid, if any, for this request. */
static struct sess_pending *pending_take(struct kcifsd_smb_conn *sc, u16 uid)
{
	return uid ? xa_erase(&sc->sessions_pending, uid) : NULL;
}

/* Park it again until the next leg; it is freed if that cannot be done. */
static u32 pending_put_back(struct kcifsd_smb_conn *sc,
			    struct sess_pending *p)
{
	if (xa_insert(&sc->sessions_pending, p->uid, p, GFP_KERNEL)) {
		pending_free(sc, p, true);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	return STATUS_SUCCESS;
}

/* A new NTLMSSP logon: a reserved UID, or @sess's for re-authentication. */
static u32 pending_new(struct kcifsd_smb_conn *sc, struct kcifsd_session *sess,
		       struct sess_pending **out)
{
	struct sess_pending *p;
	u32 status;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return STATUS_INSUFF_SERVER_RESOURCES;
	if (sess) {
		p->uid = sess->uid;
		p->reauth = true;
	} else {
		status = uid_reserve(sc, &p->uid);
		if (status) {
			kfree(p);
			return status;
		}
	}
	*out = p;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_session_logoff() - end a session (LOGOFF_ANDX, MS-CIFS 3.3.5.44)
 * @sc: the connection's SMB1 state
 * @sess: the session; the caller's reference stays the caller's
 *
 * In the order written in fs/session.h: the UID leaves the table, then
 * the session's tree connects go, then the table's reference. Safe if
 * the session is already gone.
 */
void kcifsd_session_logoff(struct kcifsd_smb_conn *sc,
			   struct kcifsd_session *sess)
{
	struct sess_pending *p;

	mutex_lock(&sc->lock);
	if (xa_cmpxchg(&sc->sessions, sess->uid, sess, NULL, 0) != sess) {
		mutex_unlock(&sc->lock);
		return;
	}
	sc->nr_sessions--;
	mutex_unlock(&sc->lock);
	/* A re-authentication in progress dies with the session. */
	p = pending_take(sc, sess->uid);
	pending_free(sc, p, false);

	/* MS-CIFS 3.3.5.44: the UID's opens, pipes, searches, then trees. */
	kcifsd_fid_close_session(sc, sess->uid);
	kcifsd_pipe_close_session(sc, sess->uid);
	kcifsd_search_close_session(sc, sess->uid);
	kcifsd_trees_disconnect_session(sc, sess);
	kcifsd_session_put(sess);
}

/**
 * kcifsd_sessions_destroy() - end every session of a closed connection
 * @sc: the connection's SMB1 state; no request of it runs any more
 *
 * Tree connects first (they hold session references), then the
 * sessions, the logons left between their legs, and the signing key.
 */
void kcifsd_sessions_destroy(struct kcifsd_smb_conn *sc)
{
	struct kcifsd_session *sess;
	struct sess_pending *p;
	unsigned long uid;

	kcifsd_trees_disconnect_session(sc, NULL);
	xa_for_each(&sc->sessions, uid, sess)
		kcifsd_session_logoff(sc, sess);
	xa_for_each(&sc->sessions_pending, uid, p) {
		xa_erase(&sc->sessions_pending, uid);
		pending_free(sc, p, true);
	}
	kcifsd_sign_state_destroy(&sc->sign);
}

/* ---- replies ---- */

/* The NativeOS we report: the kernel's name for itself ("Linux"). */
static const char *native_os(void)
{
	return utsname()->sysname;
}

/* NativeOS, NativeLanMan and, in the non-extended form, PrimaryDomain. */
static unsigned int put_strings(struct sess_ctx *ctx, u8 *p, bool domain)
{
	struct kcifsd_smb_req *req = ctx->req;
	bool unicode = req->flags2 & SMB_FLAGS2_UNICODE;
	unsigned int n;

	n = kcifsd_smb_string_put(req, p, native_os(), unicode);
	n += kcifsd_smb_string_put(req, p + n, NATIVE_LANMAN, unicode);
	if (domain)
		n += kcifsd_smb_string_put(req, p + n, ctx->cfg.workgroup,
					   unicode);
	return n;
}

static unsigned int strings_size(struct sess_ctx *ctx, bool domain)
{
	bool unicode = ctx->req->flags2 & SMB_FLAGS2_UNICODE;

	return kcifsd_smb_string_size(native_os(), unicode) +
	       kcifsd_smb_string_size(NATIVE_LANMAN, unicode) +
	       (domain ? kcifsd_smb_string_size(ctx->cfg.workgroup,
						unicode) : 0);
}

/* MS-CIFS 2.2.4.53.2: the non-extended response. */
static u32 reply_nt(struct sess_ctx *ctx, u16 action)
{
	struct smb1_sess_setup_rsp_nt *rsp;
	unsigned int bc;

	rsp = kcifsd_smb_rsp_block(ctx->req, sizeof(*rsp) / 2,
				   strings_size(ctx, true));
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	rsp->action = cpu_to_le16(action);
	bc = put_strings(ctx, kcifsd_smb_rsp_bytes(ctx->req), true);
	kcifsd_smb_rsp_set_bc(ctx->req, bc);
	return STATUS_SUCCESS;
}

/*
 * MS-SMB 2.2.4.6.2: the extended response with the server's token, bare
 * NTLMSSP for a bare client, else in a NegTokenResp (fs/spnego.h).
 * @status is STATUS_MORE_PROCESSING_REQUIRED for the CHALLENGE leg: the
 * block is then a full response with that status.
 */
static u32 reply_ext(struct sess_ctx *ctx, u16 action,
		     enum kcifsd_spnego_neg_state state, const u8 *token,
		     u32 token_len, u32 status)
{
	bool raw = ctx->tok.kind == KCIFSD_SPNEGO_RAW_NTLMSSP;
	bool supported_mech = state == KCIFSD_SPNEGO_ACCEPT_INCOMPLETE;
	u32 mic_len = ctx->send_mic ? sizeof(ctx->mic) : 0;
	struct smb1_sess_setup_rsp_ext *rsp;
	u32 blob_len;
	int ret;
	u8 *p;

	blob_len = raw ? token_len :
		   kcifsd_spnego_resp_size(supported_mech, token_len, mic_len);
	if (blob_len > U16_MAX)
		return STATUS_INSUFF_SERVER_RESOURCES;
	rsp = kcifsd_smb_rsp_block(ctx->req, sizeof(*rsp) / 2,
				   blob_len + strings_size(ctx, false));
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	p = kcifsd_smb_rsp_bytes(ctx->req);
	if (raw) {
		if (token_len)
			memcpy(p, token, token_len);
	} else {
		ret = kcifsd_spnego_build_resp(state, supported_mech, token,
					       token_len, mic_len ? ctx->mic : NULL,
					       mic_len, p, blob_len);
		if (ret < 0)
			return STATUS_INSUFF_SERVER_RESOURCES;
		blob_len = ret;
	}
	rsp->action = cpu_to_le16(action);
	rsp->security_blob_len = cpu_to_le16(blob_len);
	kcifsd_smb_rsp_set_bc(ctx->req, blob_len +
			      put_strings(ctx, p + blob_len, false));
	return status;
}

/* ---- completing a logon ---- */

/* MS-CIFS 3.3.5.43: what the first successful SESSION_SETUP fixes. */
static void conn_first_setup(struct sess_ctx *ctx)
{
	struct kcifsd_smb_req *req = ctx->req;
	struct kcifsd_smb_conn *sc = req->sc;
	struct kcifsd_conn *conn = req->conn;
	u32 size;

	lockdep_assert_held(&sc->lock);
	if (sc->session_setup_received)
		return;
	sc->session_setup_received = true;
	sc->client_capabilities = ctx->in.capabilities;
	/* NT rounds it down to a multiple of 4 (MS-CIFS <91>). */
	size = round_down(ctx->in.max_buffer_size, 4);
	if (conn->transport_max_tx)
		size = min(size, conn->transport_max_tx);
	WRITE_ONCE(sc->client_max_buffer_size, size);
	sc->client_max_mpx = ctx->in.max_mpx_count;
	/* Never more in flight than the client said it would send. */
	WRITE_ONCE(conn->max_mpx, clamp_t(unsigned int, ctx->in.max_mpx_count,
					  1, conn->max_mpx));
	kcifsd_smb_string_to_utf8(&ctx->in.native_os, sc->native_os,
				  sizeof(sc->native_os));
	kcifsd_smb_string_to_utf8(&ctx->in.native_lanman, sc->native_lanman,
				  sizeof(sc->native_lanman));
}

/*
 * After the first logon that is not a null session: the connection has
 * a session (its timeouts change, net/connection.h) and may take the
 * large messages of the authenticated (net/server.h max_msg_size).
 */
static void conn_authenticated(struct kcifsd_conn *conn)
{
	u32 size = kcifsd_server_cfg()->max_msg_size;

	if (conn->transport_max_rx)
		size = min(size, conn->transport_max_rx);
	if (size > READ_ONCE(conn->max_msg_size))
		WRITE_ONCE(conn->max_msg_size, size);
	kcifsd_conn_set_phase(conn, KCIFSD_PHASE_SESSION);
}

/*
 * Signing: a logon with a session key turns it on when the client asks,
 * or always with "server signing = required" (MS-CIFS 3.3.5.43,
 * 3.2.4.2.4; fs/signing_seq.c). Guest and null logons have no key to
 * sign with: while signing is required and not yet running they are
 * refused, or "required" would mean nothing.
 */
static u32 logon_signing(struct sess_ctx *ctx, const u8 *key,
			 const u8 *resp, u32 resp_len)
{
	struct kcifsd_smb_req *req = ctx->req;
	struct kcifsd_sign_state *ss = &req->sc->sign;
	enum kcifsd_sign_decision d;

	if (kcifsd_sign_is_active(ss))
		return STATUS_SUCCESS;
	if (!key) {
		if (ss->policy != KCIFSD_SIGNING_REQUIRED)
			return STATUS_SUCCESS;
		pr_info_ratelimited("%pISc: guest or null session refused: signing is required\n",
				    &req->conn->peer);
		return STATUS_ACCESS_DENIED;
	}
	d = kcifsd_sign_decide(ss->policy,
			       req->flags2 & SMB_FLAGS2_SMB_SECURITY_SIGNATURE);
	if (d == KCIFSD_SIGN_OFF)
		return STATUS_SUCCESS;
	if (kcifsd_sign_activate(ss, req->work->seq, key, resp, resp_len))
		return STATUS_INSUFF_SERVER_RESOURCES;
	return STATUS_SUCCESS;
}

/* A re-authentication of @sess: only as the same account. */
static u32 logon_reauth(struct sess_ctx *ctx, struct kcifsd_session *sess,
			const u8 *key)
{
	if ((sess->flags & (KCIFSD_SESS_GUEST | KCIFSD_SESS_ANONYMOUS)) !=
	    ctx->flags || strcmp(sess->user, ctx->info.name)) {
		pr_info_ratelimited("%pISc: re-authentication of UID %u as another account refused\n",
				    &ctx->req->conn->peer, sess->uid);
		return STATUS_LOGON_FAILURE;
	}
	if (key)
		memcpy(sess->session_key, key, sizeof(sess->session_key));
	return STATUS_SUCCESS;
}

/*
 * The logon succeeded as ctx->info (ctx->flags says guest or null): make
 * or refresh the session under the UID, start signing, record the
 * connection's first-logon values. @key is the session key (NULL for
 * guests and null sessions), @resp/@resp_len the SigningChallengeResponse.
 */
static u32 logon_establish(struct sess_ctx *ctx, const u8 *key,
			   const u8 *resp, u32 resp_len)
{
	struct kcifsd_smb_req *req = ctx->req;
	struct kcifsd_smb_conn *sc = req->sc;
	struct kcifsd_session *sess, *old;
	bool reauth = ctx->pend && ctx->pend->reauth;
	u32 status;
	u16 uid;

	if (!ctx->in.extended && !ctx->pend) {
		old = kcifsd_session_get(sc, req->uid);
		reauth = old;
		kcifsd_session_put(old);
	}
	if (reauth) {
		sess = kcifsd_session_get(sc, ctx->pend ? ctx->pend->uid :
						req->uid);
		if (!sess)
			return STATUS_USER_SESSION_DELETED;
		mutex_lock(&sc->lock);
		status = logon_reauth(ctx, sess, key);
		mutex_unlock(&sc->lock);
		req->uid = sess->uid;
		kcifsd_session_put(sess);
		return status;
	}

	sess = kzalloc(sizeof(*sess), GFP_KERNEL);
	if (!sess)
		return STATUS_INSUFF_SERVER_RESOURCES;
	refcount_set(&sess->refcnt, 1);
	sess->sc = sc;
	sess->flags = ctx->flags;
	strscpy(sess->user, ctx->info.name, sizeof(sess->user));
	if (key)
		memcpy(sess->session_key, key, sizeof(sess->session_key));
	sess->created = jiffies;
	sess->cred = kcifsd_session_make_cred(ctx->info.uid, ctx->info.gid,
					      ctx->info.groups);
	if (!sess->cred) {
		status = STATUS_INSUFF_SERVER_RESOURCES;
		goto err_free;
	}

	/*
	 * The ClientMaxBufferSize this logon would fix must be usable:
	 * Windows refuses less than 500 with ERRSRV/ERRerror (MS-CIFS <91>).
	 */
	if (!READ_ONCE(sc->session_setup_received) &&
	    ctx->in.max_buffer_size < KCIFSD_MIN_CLIENT_BUFFER) {
		pr_info_ratelimited("%pISc: SESSION_SETUP MaxBufferSize %u too small\n",
				    &req->conn->peer, ctx->in.max_buffer_size);
		status = STATUS_INVALID_SMB;
		goto err_free;
	}

	if (ctx->pend) {
		uid = ctx->pend->uid;
	} else {
		status = uid_reserve(sc, &uid);
		if (status)
			goto err_free;
	}
	sess->uid = uid;

	mutex_lock(&sc->lock);
	status = logon_signing(ctx, key, resp, resp_len);
	if (status) {
		mutex_unlock(&sc->lock);
		goto err_uid;
	}
	conn_first_setup(ctx);
	/*
	 * The table's reference; replacing the reservation needs no
	 * allocation and cannot fail.
	 */
	refcount_inc(&sess->refcnt);
	xa_store(&sc->sessions, uid, sess, GFP_KERNEL);
	mutex_unlock(&sc->lock);

	if (ctx->pend) {
		pending_free(sc, ctx->pend, false);
		ctx->pend = NULL;
	}
	if (!(ctx->flags & KCIFSD_SESS_ANONYMOUS))
		conn_authenticated(req->conn);
	req->uid = uid;
	pr_debug("%pISc: UID %u: %s%s\n", &req->conn->peer, uid, sess->user,
		 ctx->flags & KCIFSD_SESS_ANONYMOUS ? " (null session)" :
		 ctx->flags & KCIFSD_SESS_GUEST ? " (guest)" : "");
	kcifsd_session_put(sess);
	return STATUS_SUCCESS;

err_uid:
	if (!ctx->pend)
		uid_release(sc, uid);
err_free:
	kcifsd_session_put(sess);
	return status;
}

/* Success: the session exists; answer in the request's form. */
static u32 logon_done(struct sess_ctx *ctx, const u8 *key, const u8 *resp,
		      u32 resp_len, bool lm_field)
{
	u16 action = 0;
	u32 status;

	status = logon_establish(ctx, key, resp, resp_len);
	if (status)
		return status;
	if (ctx->flags & KCIFSD_SESS_GUEST)
		action |= SMB_SETUP_GUEST;
	if (!ctx->in.extended) {
		if (lm_field)
			action |= SMB_SETUP_USE_LANMAN_KEY;
		return reply_nt(ctx, action);
	}
	return reply_ext(ctx, action, KCIFSD_SPNEGO_ACCEPT_COMPLETED, NULL, 0,
			 STATUS_SUCCESS);
}

/* ---- failing a logon, a fixed time after it started ---- */

static void fail_delay_fn(struct work_struct *w)
{
	struct sess_ctx *ctx = container_of(to_delayed_work(w),
					    struct sess_ctx, delay);

	if (!atomic_xchg(&ctx->fired, 1))
		kcifsd_work_resume(ctx->req->work);
}

/*
 * Teardown ends the wait at once. NT_CANCEL does not: a client could
 * otherwise cancel its failed attempts and guess at full speed.
 */
static void fail_delay_cancel(struct kcifsd_work *work)
{
	struct kcifsd_smb_req *req = READ_ONCE(work->smb_req);
	struct sess_ctx *ctx;

	/*
	 * Not parked yet (the handler has not returned): the delayed work
	 * still resumes it, a second later at most.
	 */
	if (!req || READ_ONCE(work->conn->phase) != KCIFSD_PHASE_EXITING)
		return;
	ctx = req->priv;
	if (!atomic_xchg(&ctx->fired, 1))
		kcifsd_work_resume(work);
}

static u32 logon_failed(struct sess_ctx *ctx)
{
	struct kcifsd_work *work = ctx->req->work;
	unsigned long due = ctx->started + LOGON_FAILURE_DELAY;

	if (ctx->pend) {
		pending_free(ctx->req->sc, ctx->pend, true);
		ctx->pend = NULL;
	}
	if (time_after_eq(jiffies, due))
		return STATUS_LOGON_FAILURE;
	ctx->step = SESS_FAIL_DELAY;
	atomic_set(&ctx->fired, 0);
	INIT_DELAYED_WORK(&ctx->delay, fail_delay_fn);
	spin_lock(&work->conn->req_lock);
	work->cancel = fail_delay_cancel;
	spin_unlock(&work->conn->req_lock);
	schedule_delayed_work(&ctx->delay, due - jiffies);
	return STATUS_PENDING;
}

/* ---- verifying the account ---- */

/* Ask the helper for @name (the account, or the guest account). */
static u32 lookup(struct sess_ctx *ctx, const char *name,
		  enum sess_step step)
{
	int ret;

	ctx->step = step;
	kcifsd_ipc_user_info_release(&ctx->info);
	kcifsd_upcall_wait_init(&ctx->wait, ctx->req);
	ret = kcifsd_ipc_user_lookup_async(name, &ctx->info,
					   kcifsd_upcall_done, &ctx->wait);
	if (kcifsd_upcall_parked(&ctx->wait, ret))
		return STATUS_PENDING;
	return STATUS_SUCCESS;
}

/*
 * A guest or null logon: look the guest account up. Returns
 * STATUS_PENDING, or LOGON_GO_ON when the answer is already there.
 */
static u32 become_guest(struct sess_ctx *ctx, u32 flags)
{
	ctx->flags = flags;
	if (lookup(ctx, ctx->cfg.guest_account, SESS_LOOKUP_GUEST) ==
	    STATUS_PENDING)
		return STATUS_PENDING;
	return LOGON_GO_ON;
}

static struct kcifsd_ntlm_policy logon_policy(const struct sess_ctx *ctx)
{
	struct kcifsd_ntlm_policy pol = {
		.allow_ntlmv1 = ctx->cfg.ntlm_auth,
		.allow_lmv2 = ctx->cfg.ntlm_auth,
		/* The helper has no LM hashes: LM cannot verify anyway. */
		.allow_lm = false,
	};

	return pol;
}

/*
 * The mechListMICs of RFC 4178 5 around a successful NTLMSSP logon: a
 * client that sent one (Samba's, when its AUTHENTICATE_MESSAGE had a MIC)
 * gets it checked and gets ours in the final NegTokenResp. Without
 * extended session security there are no such MACs: nothing is checked
 * or sent. Returns non-zero to fail the logon (a MIC that does not
 * verify).
 */
static int spnego_mics(struct sess_ctx *ctx, const u8 *session_key)
{
	const struct sess_pending *p = ctx->pend;
	u32 flags = p->st.flags & ctx->auth.flags;
	int rc;

	if (ctx->tok.kind != KCIFSD_SPNEGO_RESP || !ctx->tok.mech_list_mic ||
	    !(flags & NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY))
		return 0;
	if (!p->mech_types) {
		pr_info_ratelimited("%pISc: mechListMIC without a NegTokenInit\n",
				    &ctx->req->conn->peer);
		return -EINVAL;
	}
	rc = kcifsd_ntlmssp_mic_check(session_key, flags, p->mech_types,
				      p->mech_types_len,
				      ctx->tok.mech_list_mic,
				      ctx->tok.mech_list_mic_len);
	if (!rc)
		rc = kcifsd_ntlmssp_mic(session_key, flags, true,
					p->mech_types, p->mech_types_len,
					ctx->mic);
	if (rc) {
		pr_info_ratelimited("%pISc: SPNEGO mechListMIC: %d\n",
				    &ctx->req->conn->peer, rc);
		return rc;
	}
	ctx->send_mic = true;
	return 0;
}

/* Check the responses against the account's hash; then succeed. */
static u32 verify_and_finish(struct sess_ctx *ctx, bool *bad_password)
{
	struct kcifsd_smb_req *req = ctx->req;
	struct kcifsd_ntlm_policy pol = logon_policy(ctx);
	struct kcifsd_ntlmssp_result sres;
	struct kcifsd_ntlm_result res;
	struct kcifsd_ntlm_request nr;
	u32 status;
	int ret;

	*bad_password = false;
	if (ctx->in.extended) {
		ret = kcifsd_ntlmssp_authenticate(&ctx->pend->st, ctx->ntlmssp,
						  ctx->ntlmssp_len, &ctx->auth,
						  ctx->info.nt_hash, NULL, &pol,
						  &sres);
		if (ret) {
			*bad_password = true;
			return STATUS_LOGON_FAILURE;
		}
		if (spnego_mics(ctx, sres.session_key)) {
			memzero_explicit(&sres, sizeof(sres));
			return logon_failed(ctx);
		}
		status = logon_done(ctx, sres.session_key, NULL, 0, false);
		memzero_explicit(&sres, sizeof(sres));
		return status;
	}

	nr = (struct kcifsd_ntlm_request){
		.user = ctx->in.account.p,
		.user_len = ctx->in.account.len,
		.domain = ctx->in.domain.p,
		.domain_len = ctx->in.domain.len,
		.unicode = req->flags2 & SMB_FLAGS2_UNICODE,
		.server_challenge = req->sc->challenge,
		.lm_resp = ctx->in.lm,
		.lm_len = ctx->in.lm_len,
		.nt_resp = ctx->in.nt,
		.nt_len = ctx->in.nt_len,
	};
	ret = kcifsd_ntlm_authenticate(&nr, ctx->info.nt_hash, NULL, &pol,
				       &res);
	if (ret) {
		*bad_password = true;
		return STATUS_LOGON_FAILURE;
	}
	if (res.lm_field)
		status = logon_done(ctx, res.session_key, ctx->in.lm,
				    ctx->in.lm_len, true);
	else
		status = logon_done(ctx, res.session_key, ctx->in.nt,
				    ctx->in.nt_len, false);
	kcifsd_ntlm_result_wipe(&res);
	return status;
}

/*
 * The helper answered about the account (MS-CIFS 3.3.5.43 step 2, with
 * "map to guest" as smb.conf(5) defines it: "bad user" makes a logon
 * with an unknown name a guest logon, "bad password" also one with a
 * wrong password).
 */
static u32 account_answered(struct sess_ctx *ctx)
{
	u32 map = ctx->cfg.map_to_guest;
	int err = ctx->wait.err;
	bool bad_password;
	u32 status;

	if (err == -ENOENT) {
		if (map == KCIFSD_MAP_TO_GUEST_NEVER)
			return logon_failed(ctx);
		return become_guest(ctx, KCIFSD_SESS_GUEST);
	}
	if (err) {
		if (err != -ENOTCONN)	/* net/ipc logged that one */
			pr_info_ratelimited("%pISc: logon of \"%s\" refused: helper answered %d\n",
					    &ctx->req->conn->peer, ctx->name,
					    err);
		return logon_failed(ctx);
	}
	if (ctx->info.flags & KCIFSD_USER_F_GUEST) {
		/* The guest account by name: a guest logon, if allowed. */
		if (map == KCIFSD_MAP_TO_GUEST_NEVER)
			return logon_failed(ctx);
		ctx->flags = KCIFSD_SESS_GUEST;
		return logon_done(ctx, NULL, NULL, 0, false);
	}
	if ((ctx->info.flags & KCIFSD_USER_F_DISABLED) || !ctx->info.has_hash)
		return logon_failed(ctx);

	status = verify_and_finish(ctx, &bad_password);
	if (!bad_password)
		return status;
	if (map != KCIFSD_MAP_TO_GUEST_BAD_PASSWORD)
		return logon_failed(ctx);
	return become_guest(ctx, KCIFSD_SESS_GUEST);
}

/* The helper answered about the guest account. */
static u32 guest_answered(struct sess_ctx *ctx)
{
	if (ctx->wait.err || !(ctx->info.flags & KCIFSD_USER_F_GUEST)) {
		if (ctx->wait.err && ctx->wait.err != -ENOTCONN)
			pr_info_ratelimited("guest account \"%s\": helper answered %d\n",
					    ctx->cfg.guest_account,
					    ctx->wait.err);
		return logon_failed(ctx);
	}
	return logon_done(ctx, NULL, NULL, 0, false);
}

/* Run the logon from where it stands until it parks or ends. */
static u32 logon_run(struct sess_ctx *ctx)
{
	u32 status;

	for (;;) {
		switch (ctx->step) {
		case SESS_LOOKUP_USER:
			status = account_answered(ctx);
			break;
		case SESS_LOOKUP_GUEST:
			status = guest_answered(ctx);
			break;
		default:
			return STATUS_LOGON_FAILURE;
		}
		if (status != LOGON_GO_ON)
			return status;
	}
}

/* Start the account lookup for a name from the wire. */
static u32 logon_start(struct sess_ctx *ctx, const struct kcifsd_smb_string *s)
{
	u32 status;

	/* A name that cannot be an account is an unknown account. */
	if (!s->len || kcifsd_smb_string_to_utf8(s, ctx->name,
						 sizeof(ctx->name)) <= 0) {
		ctx->step = SESS_LOOKUP_USER;
		ctx->wait.err = -ENOENT;
		return logon_run(ctx);
	}
	status = lookup(ctx, ctx->name, SESS_LOOKUP_USER);
	if (status == STATUS_PENDING)
		return status;
	return logon_run(ctx);
}

static u32 start_guest(struct sess_ctx *ctx, u32 flags)
{
	if (become_guest(ctx, flags) == STATUS_PENDING)
		return STATUS_PENDING;
	return logon_run(ctx);
}

/* ---- the two request forms ---- */

/* MS-CIFS 3.3.5.43 with the NEGOTIATE challenge. */
static u32 setup_nt(struct sess_ctx *ctx)
{
	struct kcifsd_smb_req *req = ctx->req;

	if (kcifsd_sess_setup_is_anonymous(&ctx->in))
		return start_guest(ctx, KCIFSD_SESS_ANONYMOUS);
	/*
	 * With extended security NEGOTIATE sent no challenge: no response
	 * can be checked (sc->challenge is not random then).
	 */
	if (req->sc->extended_security) {
		pr_info_ratelimited("%pISc: non-extended logon on an extended-security connection refused\n",
				    &req->conn->peer);
		return STATUS_LOGON_FAILURE;
	}
	return logon_start(ctx, &ctx->in.account);
}

/* The CHALLENGE_MESSAGE describes this server (MS-NLMP 3.2.5.1.1). */
static void ntlmssp_target(struct sess_ctx *ctx,
			   struct kcifsd_ntlmssp_target *t)
{
	memset(t, 0, sizeof(*t));
	t->nb_computer = ctx->cfg.netbios_name[0] ? ctx->cfg.netbios_name :
						    utsname()->nodename;
	t->nb_domain = ctx->cfg.workgroup;
	t->dns_computer = utsname()->nodename;
}

/* Leg 1: NEGOTIATE_MESSAGE in, CHALLENGE_MESSAGE out, under a UID. */
static u32 ntlmssp_leg1(struct sess_ctx *ctx, const u8 *msg, u32 len)
{
	struct kcifsd_smb_req *req = ctx->req;
	struct kcifsd_smb_conn *sc = req->sc;
	struct kcifsd_ntlmssp_target target;
	struct kcifsd_session *sess;
	struct sess_pending *p;
	const u8 *chal;
	u32 chal_len, status;

	p = pending_take(sc, req->uid);
	if (p) {
		/* The client starts over: a fresh state under the same UID. */
		kcifsd_ntlmssp_state_free(&p->st);
		memset(&p->st, 0, sizeof(p->st));
		p->challenged = false;
	} else {
		sess = kcifsd_session_get(sc, req->uid);
		/*
		 * MS-SMB 3.3.5.3: a nonzero UID continues or re-authenticates
		 * a session; one that names none is refused (Windows Server
		 * 2008 R2 does, smbtorture raw.context checks it).
		 */
		if (!sess && req->uid) {
			pr_info_ratelimited("%pISc: extended logon under unknown UID %u\n",
					    &req->conn->peer, req->uid);
			return STATUS_SMB_BAD_UID;
		}
		status = pending_new(sc, sess, &p);
		kcifsd_session_put(sess);
		if (status)
			return status;
	}

	if (ctx->tok.kind == KCIFSD_SPNEGO_INIT && ctx->tok.mech_types) {
		kfree(p->mech_types);
		p->mech_types = kmemdup(ctx->tok.mech_types,
					ctx->tok.mech_types_len, GFP_KERNEL);
		p->mech_types_len = p->mech_types ? ctx->tok.mech_types_len : 0;
		if (!p->mech_types) {
			pending_free(sc, p, true);
			return STATUS_INSUFF_SERVER_RESOURCES;
		}
	}
	if (msg) {
		ntlmssp_target(ctx, &target);
		if (kcifsd_ntlmssp_negotiate(&p->st, msg, len) ||
		    kcifsd_ntlmssp_challenge(&p->st, &target, &chal,
					     &chal_len)) {
			pending_free(sc, p, true);
			return STATUS_INVALID_PARAMETER;
		}
		p->challenged = true;
	} else {
		chal = NULL;
		chal_len = 0;
	}
	req->uid = p->uid;
	status = reply_ext(ctx, 0, KCIFSD_SPNEGO_ACCEPT_INCOMPLETE, chal,
			   chal_len, STATUS_MORE_PROCESSING_REQUIRED);
	if (status != STATUS_MORE_PROCESSING_REQUIRED) {
		pending_free(sc, p, true);
		return status;
	}
	status = pending_put_back(sc, p);
	return status ? status : STATUS_MORE_PROCESSING_REQUIRED;
}

/* Leg 2: AUTHENTICATE_MESSAGE, under the UID of leg 1. */
static u32 ntlmssp_leg2(struct sess_ctx *ctx, const u8 *msg, u32 len)
{
	struct kcifsd_smb_req *req = ctx->req;
	struct kcifsd_smb_string user;

	ctx->pend = pending_take(req->sc, req->uid);
	if (!ctx->pend || !ctx->pend->challenged) {
		pr_info_ratelimited("%pISc: NTLMSSP AUTHENTICATE without a challenge (UID %u)\n",
				    &req->conn->peer, req->uid);
		/* UID 0 asks for a new session: a plain logon failure. */
		if (!ctx->pend && req->uid &&
		    !uid_is_session(req->sc, req->uid))
			return STATUS_SMB_BAD_UID;
		pending_free(req->sc, ctx->pend, true);
		ctx->pend = NULL;
		return STATUS_LOGON_FAILURE;
	}
	if (kcifsd_ntlmssp_parse_authenticate(msg, len, &ctx->auth)) {
		pending_free(req->sc, ctx->pend, true);
		ctx->pend = NULL;
		return STATUS_INVALID_PARAMETER;
	}
	ctx->ntlmssp = msg;
	ctx->ntlmssp_len = len;
	if (ctx->auth.anonymous)
		return start_guest(ctx, KCIFSD_SESS_ANONYMOUS);
	user = (struct kcifsd_smb_string){
		.p = ctx->auth.user,
		.len = ctx->auth.user_len,
		.unicode = ctx->auth.unicode,
	};
	return logon_start(ctx, &user);
}

/* MS-SMB 3.3.5.3: the security blob, bare NTLMSSP or SPNEGO. */
static u32 setup_ext(struct sess_ctx *ctx)
{
	struct kcifsd_smb_req *req = ctx->req;
	const struct kcifsd_spnego_token *tok = &ctx->tok;
	u32 type;

	if (!req->sc->extended_security) {
		pr_info_ratelimited("%pISc: extended logon without extended security negotiated\n",
				    &req->conn->peer);
		return STATUS_INVALID_PARAMETER;
	}
	if (kcifsd_spnego_parse(ctx->in.blob, ctx->in.blob_len, &ctx->tok))
		return STATUS_INVALID_PARAMETER;
	if (tok->kind == KCIFSD_SPNEGO_INIT && !tok->ntlmssp_offered) {
		pr_info_ratelimited("%pISc: client offers no mechanism but NTLMSSP's rivals\n",
				    &req->conn->peer);
		return STATUS_LOGON_FAILURE;
	}
	/* NTLMSSP offered but not preferred: its token is not NTLMSSP. */
	if (tok->kind == KCIFSD_SPNEGO_INIT &&
	    (!tok->ntlmssp_first || !tok->mech_token))
		return ntlmssp_leg1(ctx, NULL, 0);
	if (!tok->mech_token ||
	    tok->mech_token_len < KCIFSD_NTLMSSP_SIGNATURE_SIZE + 4 ||
	    memcmp(tok->mech_token, "NTLMSSP", KCIFSD_NTLMSSP_SIGNATURE_SIZE))
		return STATUS_INVALID_PARAMETER;
	type = get_unaligned_le32(tok->mech_token +
				  KCIFSD_NTLMSSP_SIGNATURE_SIZE);
	if (type == KCIFSD_NTLMSSP_NEGOTIATE)
		return ntlmssp_leg1(ctx, tok->mech_token, tok->mech_token_len);
	if (type == KCIFSD_NTLMSSP_AUTHENTICATE)
		return ntlmssp_leg2(ctx, tok->mech_token, tok->mech_token_len);
	return STATUS_INVALID_PARAMETER;
}

static void ctx_free(struct sess_ctx *ctx)
{
	if (!ctx)
		return;
	if (ctx->step == SESS_FAIL_DELAY)
		cancel_delayed_work_sync(&ctx->delay);
	pending_free(ctx->req->sc, ctx->pend, true);
	kcifsd_ipc_user_info_release(&ctx->info);
	kfree_sensitive(ctx);
}

static u32 setup_start(struct kcifsd_smb_req *req, struct sess_ctx **out)
{
	struct sess_ctx *ctx;
	u32 status;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return STATUS_INSUFF_SERVER_RESOURCES;
	*out = ctx;
	ctx->req = req;
	ctx->started = jiffies;
	req->priv = ctx;

	status = kcifsd_sess_setup_parse(req, &ctx->in);
	if (status)
		return status;
	kcifsd_ipc_smb_config(&ctx->cfg);
	return ctx->in.extended ? setup_ext(ctx) : setup_nt(ctx);
}

/**
 * kcifsd_smb_session_setup() - SMB_COM_SESSION_SETUP_ANDX handler
 * @req: the request
 *
 * MS-CIFS 3.3.5.43 and MS-SMB 3.3.5.3, as described at the top of this
 * file. Parks while the helper looks an account up and while a failure
 * waits for its answer time. On success the new UID is carried to the
 * rest of the chain (a TREE_CONNECT_ANDX may follow) and is the reply's.
 *
 * Return: STATUS_SUCCESS, STATUS_MORE_PROCESSING_REQUIRED (NTLMSSP
 * challenge, a full response), STATUS_PENDING (parked), or an error:
 * STATUS_LOGON_FAILURE, STATUS_ACCESS_DENIED (signing policy),
 * STATUS_TOO_MANY_SESSIONS, STATUS_INVALID_PARAMETER, STATUS_INVALID_SMB,
 * STATUS_INSUFF_SERVER_RESOURCES.
 */
u32 kcifsd_smb_session_setup(struct kcifsd_smb_req *req)
{
	struct sess_ctx *ctx = req->priv;
	u32 status;

	if (!req->resumed)
		status = setup_start(req, &ctx);
	else if (ctx->step == SESS_FAIL_DELAY)
		status = STATUS_LOGON_FAILURE;
	else
		status = logon_run(ctx);
	if (status == STATUS_PENDING)
		return status;
	req->priv = NULL;
	ctx_free(ctx);
	return status;
}

/**
 * kcifsd_smb_logoff() - SMB_COM_LOGOFF_ANDX handler (MS-CIFS 3.3.5.44)
 * @req: the request; the dispatcher checked the UID
 *
 * Ends the session of the header UID with its tree connects (and, once
 * files exist, its opens). A SESSION_SETUP_ANDX may follow in the chain
 * and makes a new UID.
 *
 * Return: STATUS_SUCCESS, STATUS_SMB_BAD_UID if it is already gone, or
 * STATUS_INSUFF_SERVER_RESOURCES.
 */
u32 kcifsd_smb_logoff(struct kcifsd_smb_req *req)
{
	struct kcifsd_session *sess = kcifsd_session_get(req->sc, req->uid);
	struct smb1_logoff *rsp;

	if (!sess)
		return STATUS_SMB_BAD_UID;
	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 0);
	if (!rsp) {
		kcifsd_session_put(sess);
		return STATUS_INSUFF_SERVER_RESOURCES;
	}
	kcifsd_session_logoff(req->sc, sess);
	kcifsd_session_put(sess);
	return STATUS_SUCCESS;
}
