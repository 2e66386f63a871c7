/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's side of the channel to the userspace helper (kcifsctl):
 * what fs/ asks it about users, shares and tree connects, and the SMB
 * settings it was started with. Protocol: net/kcifsd_netlink.h.
 *
 * Every lookup first looks in a small cache (dropped on RELOAD, when the
 * daemon goes away, and after a minute); otherwise it asks the daemon and
 * waits at most ipc_timeout_ms (module parameter, default 5000). Without a
 * daemon every lookup fails with -ENOTCONN: established sessions keep
 * working, new logins and tree connects are refused.
 *
 * The synchronous calls sleep (killably). A worker that must not block
 * uses the _async variants and parks its request until @done runs.
 */
#ifndef _KCIFSD_IPC_H
#define _KCIFSD_IPC_H

#include <linux/cred.h>
#include <linux/socket.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "net/kcifsd_netlink.h"

/**
 * struct kcifsd_user_info - an account, as the helper maps it
 * @name: the account name as stored (its case), UTF-8
 * @nt_hash: MD4(UTF-16LE(password)) (MS-NLMP 3.3.1 NTOWFv1); valid only
 *	if @has_hash
 * @has_hash: false for the guest account and for disabled accounts
 * @uid: uid file access runs as
 * @gid: primary gid
 * @groups: supplementary groups, sorted, for set_groups(); a reference
 *	owned by this struct (never NULL after a successful lookup)
 * @flags: KCIFSD_USER_F_GUEST (the guest account), KCIFSD_USER_F_DISABLED
 *	(refuse the login)
 *
 * Release with kcifsd_ipc_user_info_release(), which also wipes the hash.
 */
struct kcifsd_user_info {
	char name[KCIFSD_USER_NAME_MAX + 1];
	u8 nt_hash[KCIFSD_NT_HASH_SIZE];
	bool has_hash;
	kuid_t uid;
	kgid_t gid;
	struct group_info *groups;
	u32 flags;
};

/**
 * struct kcifsd_share_info - a share's settings
 * @name: the share name as configured (its case)
 * @path: absolute path of the share's root (kmalloc'ed); NULL for IPC$
 * @comment: description for clients (kmalloc'ed, never NULL)
 * @flags: KCIFSD_SHARE_F_* (READ_ONLY, GUEST_OK, BROWSEABLE, IPC,
 *	FORCE_USER, FORCE_GROUP)
 * @create_mask: mode bits a new file may keep
 * @directory_mask: mode bits a new directory may keep
 * @force_uid: with KCIFSD_SHARE_F_FORCE_USER, file access runs as this uid
 * @force_gid: with KCIFSD_SHARE_F_FORCE_GROUP, and this primary gid
 *
 * Release with kcifsd_ipc_share_info_release().
 */
struct kcifsd_share_info {
	char name[KCIFSD_SHARE_NAME_MAX + 1];
	char *path;
	char *comment;
	u32 flags;
	umode_t create_mask;
	umode_t directory_mask;
	kuid_t force_uid;
	kgid_t force_gid;
};

/**
 * struct kcifsd_smb_config - [global] settings that are not transport
 *	settings (those are struct kcifsd_server_config, net/server.h)
 * @signing: enum kcifsd_signing (MS-CIFS 3.3.1.1 MessageSigningPolicy)
 * @ntlm_auth: accept NTLMv1 and LM responses, not only NTLMv2
 * @map_to_guest: enum kcifsd_map_to_guest
 * @guest_account: account name whose kcifsd_ipc_user_lookup() gives the
 *	guest's uid/gid (KCIFSD_USER_F_GUEST)
 * @server_string: the server's description (NetShareEnum, NetServerGetInfo)
 * @workgroup: workgroup or domain (NEGOTIATE DomainName, NTLM target)
 * @netbios_name: the server's NetBIOS name (NTLM target info)
 */
struct kcifsd_smb_config {
	u32 signing;
	bool ntlm_auth;
	u32 map_to_guest;
	char guest_account[KCIFSD_USER_NAME_MAX + 1];
	char server_string[KCIFSD_SERVER_STRING_MAX + 1];
	char workgroup[KCIFSD_WORKGROUP_MAX + 1];
	char netbios_name[KCIFSD_NETBIOS_NAME_MAX + 1];
};

/**
 * typedef kcifsd_ipc_done_t - completion of an asynchronous lookup
 * @arg: the caller's argument
 * @err: 0 (the output struct is filled) or a negative errno as for the
 *	synchronous call
 *
 * Runs in process context (the helper's send or a workqueue), at most
 * ipc_timeout_ms after the call, possibly before the _async function
 * returned. It must not sleep for long: typically it requeues the parked
 * request.
 */
typedef void (*kcifsd_ipc_done_t)(void *arg, int err);

int kcifsd_ipc_user_lookup(const char *name, struct kcifsd_user_info *out);
int kcifsd_ipc_user_lookup_async(const char *name,
				 struct kcifsd_user_info *out,
				 kcifsd_ipc_done_t done, void *arg);
void kcifsd_ipc_user_info_release(struct kcifsd_user_info *info);

int kcifsd_ipc_share_lookup(const char *name, struct kcifsd_share_info *out);
int kcifsd_ipc_share_lookup_async(const char *name,
				  struct kcifsd_share_info *out,
				  kcifsd_ipc_done_t done, void *arg);
void kcifsd_ipc_share_info_release(struct kcifsd_share_info *info);

int kcifsd_ipc_tree_connect(const char *share, const char *user,
			    u32 session_flags,
			    const struct sockaddr_storage *client,
			    enum kcifsd_tree_access *access);
int kcifsd_ipc_tree_connect_async(const char *share, const char *user,
				  u32 session_flags,
				  const struct sockaddr_storage *client,
				  enum kcifsd_tree_access *access,
				  kcifsd_ipc_done_t done, void *arg);

/**
 * struct kcifsd_rpc_call - a named-pipe request to the daemon (RPC_OPEN,
 *	RPC_TRANSACT, RPC_CLOSE; net/kcifsd_netlink.h)
 * @pipe: pipe name without the \PIPE\ prefix (open, RAP), or NULL
 * @has_id: @id is sent (every request but RAP)
 * @id: the pipe instance, chosen by the kernel
 * @user: the session's account name (open, RAP), or NULL
 * @session_flags: KCIFSD_USER_F_GUEST for a guest session
 * @data: bytes written (transact) or the transaction's data (RAP)
 * @data_len: their number, at most KCIFSD_RPC_MAX_PAYLOAD
 * @param: the transaction's parameters (RAP only), or NULL
 * @param_len: their number
 * @max_param: MaxParameterCount (RAP)
 * @max_data: MaxDataCount (RAP)
 */
struct kcifsd_rpc_call {
	const char *pipe;
	bool has_id;
	u32 id;
	const char *user;
	u32 session_flags;
	const void *data;
	u32 data_len;
	const void *param;
	u32 param_len;
	u32 max_param;
	u32 max_data;
};

/**
 * struct kcifsd_rpc_reply - the daemon's answer to a pipe request
 * @data: messages to read (u32 length, bytes; see KCIFSD_A_RPC_DATA),
 *	kvmalloc'ed, or NULL
 * @len: bytes at @data
 */
struct kcifsd_rpc_reply {
	u8 *data;
	u32 len;
};

int kcifsd_ipc_rpc_async(u8 cmd, const struct kcifsd_rpc_call *call,
			 struct kcifsd_rpc_reply *out,
			 kcifsd_ipc_done_t done, void *arg);
void kcifsd_ipc_rpc_reply_release(struct kcifsd_rpc_reply *reply);

void kcifsd_ipc_smb_config(struct kcifsd_smb_config *out);
bool kcifsd_ipc_daemon_attached(void);

/* Module load and unload (fs/module.c): after/before the server. */
int kcifsd_ipc_init(void);
void kcifsd_ipc_exit(void);

#endif /* _KCIFSD_IPC_H */
