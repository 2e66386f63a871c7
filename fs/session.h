/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB1 sessions (the Server.Session ADM of MS-CIFS 3.3.1.5): what a
 * SESSION_SETUP_ANDX creates under a UID and LOGOFF_ANDX or the end of
 * the connection destroys, and what every other command asks of it: the
 * credentials file access runs with.
 *
 * For a command handler (fs/smb_req.h): the dispatcher has checked that
 * the header UID names a session (KCIFSD_CMD_NEEDS_UID); take a
 * reference for as long as the session is used:
 *
 *	struct kcifsd_session *sess = kcifsd_session_get(req->sc, req->uid);
 *
 *	if (!sess)
 *		return STATUS_SMB_BAD_UID;	(logged off meanwhile)
 *	old = override_creds(kcifsd_session_cred(sess));
 *	... VFS calls ...
 *	revert_creds(old);
 *	kcifsd_session_put(sess);
 *
 * Lifetime: sess->refcnt. The UID table (kcifsd_smb_conn.sessions) holds
 * one reference; kcifsd_session_get() takes one more. A tree connect
 * holds a reference on its session (fs/tree.h). Teardown order, for
 * LOGOFF_ANDX and for the connection going away alike
 * (kcifsd_session_logoff(), kcifsd_sessions_destroy()):
 *   1. the UID leaves the table: new requests get STATUS_SMB_BAD_UID;
 *   2. opens, named pipes and searches of the UID are closed
 *      (kcifsd_fid_close_session(), kcifsd_pipe_close_session(),
 *      kcifsd_search_close_session());
 *   3. the session's tree connects are disconnected (fs/tree.c);
 *   4. the table's reference is dropped; the last kcifsd_session_put()
 *      (a request still running, a tree being freed) frees the session
 *      and its credentials, after an RCU grace period.
 */
#ifndef _KCIFSD_SESSION_H
#define _KCIFSD_SESSION_H

#include <linux/cred.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>

#include "fs/ntlm.h"
#include "net/kcifsd_netlink.h"

struct kcifsd_smb_conn;
struct kcifsd_smb_req;

/* UIDs a connection hands out (MS-CIFS 2.2.1.6.8: 0 is invalid, 0xFFFE
 * SHOULD NOT be used; 0xFFFF is kept free as well).
 */
#define KCIFSD_UID_MIN		1
#define KCIFSD_UID_MAX		0xFFFD

/*
 * SrvMaxSessionTableSize (MS-CIFS 3.3.1.1): sessions, established or
 * still authenticating, one connection may hold; one more gets
 * STATUS_TOO_MANY_SESSIONS. Real clients use one or two per connection
 * (a user session, maybe an anonymous one for IPC$); the cap bounds what
 * a hostile client can make the server keep.
 */
#define KCIFSD_MAX_SESSIONS	64

/* Session flags (struct kcifsd_session.flags) */
/* A guest logon (Action SMB_SETUP_GUEST), running as the guest account */
#define KCIFSD_SESS_GUEST	0x1
/* A null session (empty name, no responses), also as the guest account */
#define KCIFSD_SESS_ANONYMOUS	0x2

/**
 * struct kcifsd_session - one authenticated user on a connection
 *	(MS-CIFS 3.3.1.5 Server.Session)
 * @refcnt: lifetime, see the comment at the top of this file
 * @rcu: frees the session after lockless UID lookups are done with it
 * @sc: the connection's SMB1 state (not a reference: sessions never
 *	outlive it, see kcifsd_sessions_destroy())
 * @uid: the UID, KCIFSD_UID_MIN..KCIFSD_UID_MAX
 * @flags: KCIFSD_SESS_GUEST, KCIFSD_SESS_ANONYMOUS
 * @user: Session.UserName: the account name as the helper stores it
 *	(UTF-8); the guest account's name for guest and anonymous sessions.
 *	This is the name tree-connect decisions are asked for.
 * @cred: Session.UserSecurityContext: uid, gid and supplementary groups
 *	from the helper, fsuid/fsgid the same, no capabilities. Set once
 *	before the session enters the UID table, never changed (a
 *	re-authentication as the same account keeps it).
 * @session_key: Session.SessionKey (MS-CIFS 3.3.5.43): the 16-byte
 *	session base key of NTLM, or the NTLMSSP exported session key
 *	(MS-SMB 3.3.5.3); zero for guest and anonymous sessions
 * @created: jiffies when the logon succeeded (Session.CreationTime)
 */
struct kcifsd_session {
	refcount_t refcnt;
	struct rcu_head rcu;
	struct kcifsd_smb_conn *sc;
	u16 uid;
	u32 flags;
	char user[KCIFSD_USER_NAME_MAX + 1];
	const struct cred *cred;
	u8 session_key[KCIFSD_NTLM_KEY_SIZE];
	unsigned long created;
};

struct kcifsd_session *kcifsd_session_get(struct kcifsd_smb_conn *sc,
					  u16 uid);
void kcifsd_session_put(struct kcifsd_session *sess);

/**
 * kcifsd_session_cred() - the credentials file access runs with
 * @sess: a session the caller holds a reference on
 *
 * For override_creds(); valid while the reference is held. A share with
 * "force user"/"force group" has its own: use kcifsd_tree_cred().
 *
 * Return: the session's credentials.
 */
static inline const struct cred *
kcifsd_session_cred(const struct kcifsd_session *sess)
{
	return sess->cred;
}

/**
 * kcifsd_session_is_guest() - does the session run as the guest account?
 * @sess: the session
 *
 * Return: true for guest logons and null (anonymous) sessions.
 */
static inline bool kcifsd_session_is_guest(const struct kcifsd_session *sess)
{
	return sess->flags & (KCIFSD_SESS_GUEST | KCIFSD_SESS_ANONYMOUS);
}

const struct cred *kcifsd_session_make_cred(kuid_t uid, kgid_t gid,
					    struct group_info *groups);
void kcifsd_session_logoff(struct kcifsd_smb_conn *sc,
			   struct kcifsd_session *sess);
void kcifsd_sessions_destroy(struct kcifsd_smb_conn *sc);

/* Handlers (fs/dispatch.c command table) */
u32 kcifsd_smb_session_setup(struct kcifsd_smb_req *req);
u32 kcifsd_smb_logoff(struct kcifsd_smb_req *req);

#endif /* _KCIFSD_SESSION_H */
