/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * kcifsd generic-netlink protocol, shared by the kernel module and the
 * userspace helper kcifsctl: both include this one file, so the two sides
 * cannot drift apart.
 *
 * One family, KCIFSD_GENL_NAME, in the initial network namespace. Every
 * operation needs CAP_NET_ADMIN. Attributes are checked against a policy
 * on both sides (net/ipc.c, userspace-helper/genl.c).
 *
 * Two directions:
 *
 * - Helper tells, kernel obeys: START, STOP, RELOAD, STATUS. Any
 *   privileged process may send them (kcifsctl stop/reload/status); the
 *   one that sent START is the daemon, the only one the kernel asks.
 *
 * - Kernel asks, daemon answers: USER_LOOKUP, SHARE_LOOKUP, TREE_CONNECT.
 *   The kernel unicasts a request with KCIFSD_A_HANDLE to the daemon; the
 *   daemon sends a message with the same command and handle back, with
 *   KCIFSD_A_ERRNO (0 or a positive errno such as ENOENT) and the answer.
 *   The kernel waits a few seconds (module parameter ipc_timeout_ms) and
 *   drops a reply that comes later.
 *
 * The kernel also tells the daemon about events with NOTIFY.
 */
#ifndef _KCIFSD_NETLINK_H
#define _KCIFSD_NETLINK_H

/* Release version of the module and the helper. */
#define KCIFSD_VERSION		"0.1.0"

#define KCIFSD_GENL_NAME	"kcifsd"
/* Bumped on any incompatible change below; START checks it. */
#define KCIFSD_GENL_VERSION	1

/* Limits, in bytes of UTF-8 without the terminating NUL. */
#define KCIFSD_USER_NAME_MAX	64
#define KCIFSD_SHARE_NAME_MAX	80
#define KCIFSD_PATH_MAX		4095
#define KCIFSD_COMMENT_MAX	255
#define KCIFSD_NETBIOS_NAME_MAX	15
#define KCIFSD_WORKGROUP_MAX	15
#define KCIFSD_SERVER_STRING_MAX 255
#define KCIFSD_BIND_ADDR_MAX	47
#define KCIFSD_CLIENT_ADDR_MAX	63
#define KCIFSD_NT_HASH_SIZE	16
/* Supplementary groups passed for one user. */
#define KCIFSD_MAX_GROUPS	256
/* Largest named-pipe payload in one attribute (KCIFSD_A_RPC_DATA). */
#define KCIFSD_RPC_MAX_PAYLOAD	61440
/* Longest pipe name ("srvsvc"), without "\PIPE\". */
#define KCIFSD_PIPE_NAME_MAX	64

/**
 * enum kcifsd_cmd - generic-netlink commands
 * @KCIFSD_CMD_UNSPEC: unused
 * @KCIFSD_CMD_START: helper -> kernel. Attach the sender as the daemon and
 *	start the listeners with %KCIFSD_A_SERVER and %KCIFSD_A_SMB. Needs
 *	%KCIFSD_A_VERSION and %KCIFSD_A_PID. If the server already runs (a
 *	restarted daemon) the listeners are kept and only the daemon and the
 *	SMB settings change. Reply: %KCIFSD_A_WAS_RUNNING if so. EBUSY if
 *	another daemon is attached.
 * @KCIFSD_CMD_STOP: helper -> kernel. Stop the listeners and detach the
 *	daemon (which gets %KCIFSD_NOTIFY_SHUTDOWN unless it sent STOP).
 *	ESRCH if the server was not running.
 * @KCIFSD_CMD_RELOAD: helper -> kernel. Drop the cached users, shares and
 *	tree-connect answers. From the daemon it may carry a new
 *	%KCIFSD_A_SMB; from anyone else the daemon gets
 *	%KCIFSD_NOTIFY_RELOAD so that it rereads its files. ENOTCONN if no
 *	daemon is attached (the caches are dropped anyway).
 * @KCIFSD_CMD_STATUS: helper -> kernel; the reply carries %KCIFSD_A_STATUS.
 * @KCIFSD_CMD_NOTIFY: kernel -> daemon, %KCIFSD_A_NOTIFY; no answer.
 * @KCIFSD_CMD_USER_LOOKUP: kernel asks for %KCIFSD_A_USER_NAME (any case);
 *	the answer carries %KCIFSD_A_USER. ENOENT: no such user.
 * @KCIFSD_CMD_SHARE_LOOKUP: kernel asks for %KCIFSD_A_SHARE_NAME (any
 *	case); the answer carries %KCIFSD_A_SHARE. ENOENT: no such share.
 * @KCIFSD_CMD_TREE_CONNECT: kernel asks whether %KCIFSD_A_USER_NAME (with
 *	%KCIFSD_A_SESSION_FLAGS, %KCIFSD_A_CLIENT_ADDR) may connect to
 *	%KCIFSD_A_SHARE_NAME; the answer carries %KCIFSD_A_TREE_ACCESS.
 * @KCIFSD_CMD_RPC_OPEN: kernel asks the daemon to open instance
 *	%KCIFSD_A_RPC_ID (chosen by the kernel) of the named pipe
 *	%KCIFSD_A_RPC_PIPE ("srvsvc", "wkssvc", "LANMAN") on IPC$ for
 *	%KCIFSD_A_USER_NAME with %KCIFSD_A_SESSION_FLAGS. ENOENT: no such
 *	pipe.
 * @KCIFSD_CMD_RPC_TRANSACT: kernel passes what the client wrote to pipe
 *	%KCIFSD_A_RPC_ID as %KCIFSD_A_RPC_DATA; the answer's
 *	%KCIFSD_A_RPC_DATA (absent: nothing) is what the client may read
 *	now, as messages (see %KCIFSD_A_RPC_DATA). ENOENT: the daemon does
 *	not know the pipe (it restarted). Without %KCIFSD_A_RPC_ID it is
 *	one RAP call on \PIPE\LANMAN: %KCIFSD_A_RPC_PIPE "LANMAN",
 *	%KCIFSD_A_USER_NAME, %KCIFSD_A_SESSION_FLAGS, %KCIFSD_A_RPC_PARAM,
 *	%KCIFSD_A_RPC_DATA, %KCIFSD_A_RPC_MAX_PARAM, %KCIFSD_A_RPC_MAX_DATA;
 *	the answer's data holds two messages, the reply's parameter bytes
 *	and its data bytes.
 * @KCIFSD_CMD_RPC_CLOSE: kernel closes pipe %KCIFSD_A_RPC_ID; answered
 *	like the others (nobody waits for it)
 * @__KCIFSD_CMD_MAX: number of commands
 */
enum kcifsd_cmd {
	KCIFSD_CMD_UNSPEC,
	KCIFSD_CMD_START,
	KCIFSD_CMD_STOP,
	KCIFSD_CMD_RELOAD,
	KCIFSD_CMD_STATUS,
	KCIFSD_CMD_NOTIFY,
	KCIFSD_CMD_USER_LOOKUP,
	KCIFSD_CMD_SHARE_LOOKUP,
	KCIFSD_CMD_TREE_CONNECT,
	KCIFSD_CMD_RPC_OPEN,
	KCIFSD_CMD_RPC_TRANSACT,
	KCIFSD_CMD_RPC_CLOSE,
	__KCIFSD_CMD_MAX,
};

#define KCIFSD_CMD_MAX (__KCIFSD_CMD_MAX - 1)

/**
 * enum kcifsd_attr - top-level attributes
 * @KCIFSD_A_UNSPEC: unused
 * @KCIFSD_A_HANDLE: u32, matches an answer to the kernel's request
 * @KCIFSD_A_ERRNO: u32, 0 or a positive errno: the daemon's answer status
 * @KCIFSD_A_VERSION: string, KCIFSD_VERSION of the helper (START)
 * @KCIFSD_A_PID: u32, process id of the daemon (START)
 * @KCIFSD_A_USER_NAME: string, an account name, UTF-8
 * @KCIFSD_A_SHARE_NAME: string, a share name, UTF-8
 * @KCIFSD_A_SERVER: nested enum kcifsd_server_attr, transport settings
 * @KCIFSD_A_SMB: nested enum kcifsd_smb_attr, SMB and auth settings
 * @KCIFSD_A_USER: nested enum kcifsd_user_attr, a user lookup answer
 * @KCIFSD_A_SHARE: nested enum kcifsd_share_attr, a share lookup answer
 * @KCIFSD_A_TREE_ACCESS: u32, enum kcifsd_tree_access
 * @KCIFSD_A_SESSION_FLAGS: u32, KCIFSD_USER_F_* of the session asking
 * @KCIFSD_A_CLIENT_ADDR: string, the client's IP address
 * @KCIFSD_A_NOTIFY: u32, enum kcifsd_notify
 * @KCIFSD_A_STATUS: nested enum kcifsd_status_attr
 * @KCIFSD_A_WAS_RUNNING: flag, START found the server running
 * @KCIFSD_A_RPC_PIPE: string, pipe name without "\PIPE\", at most
 *	KCIFSD_PIPE_NAME_MAX
 * @KCIFSD_A_RPC_ID: u32, pipe instance, chosen by the kernel
 * @KCIFSD_A_RPC_DATA: binary, at most KCIFSD_RPC_MAX_PAYLOAD. From the
 *	kernel: bytes written. From the daemon: messages to read, each a
 *	u32 length (host order) followed by that many bytes; a message-mode
 *	pipe read returns at most one message.
 * @KCIFSD_A_RPC_PARAM: binary, a transaction's parameter bytes (RAP), at
 *	most KCIFSD_RPC_MAX_PAYLOAD
 * @KCIFSD_A_RPC_MAX_PARAM: u32, the transaction's MaxParameterCount
 * @KCIFSD_A_RPC_MAX_DATA: u32, the transaction's MaxDataCount
 * @__KCIFSD_A_MAX: number of attributes
 */
enum kcifsd_attr {
	KCIFSD_A_UNSPEC,
	KCIFSD_A_HANDLE,
	KCIFSD_A_ERRNO,
	KCIFSD_A_VERSION,
	KCIFSD_A_PID,
	KCIFSD_A_USER_NAME,
	KCIFSD_A_SHARE_NAME,
	KCIFSD_A_SERVER,
	KCIFSD_A_SMB,
	KCIFSD_A_USER,
	KCIFSD_A_SHARE,
	KCIFSD_A_TREE_ACCESS,
	KCIFSD_A_SESSION_FLAGS,
	KCIFSD_A_CLIENT_ADDR,
	KCIFSD_A_NOTIFY,
	KCIFSD_A_STATUS,
	KCIFSD_A_WAS_RUNNING,
	KCIFSD_A_RPC_PIPE,
	KCIFSD_A_RPC_ID,
	KCIFSD_A_RPC_DATA,
	KCIFSD_A_RPC_PARAM,
	KCIFSD_A_RPC_MAX_PARAM,
	KCIFSD_A_RPC_MAX_DATA,
	__KCIFSD_A_MAX,
};

#define KCIFSD_A_MAX (__KCIFSD_A_MAX - 1)

/**
 * enum kcifsd_server_attr - transport settings (struct
 *	kcifsd_server_config in net/server.h); absent ones keep the module
 *	parameter defaults
 * @KCIFSD_SERVER_A_UNSPEC: unused
 * @KCIFSD_SERVER_A_TCP_PORT: u16, Direct TCP port, 0 = off
 * @KCIFSD_SERVER_A_NBT_PORT: u16, NetBIOS session service port, 0 = off
 * @KCIFSD_SERVER_A_BIND_ADDR: string, IPv4 or IPv6 address, "" = any
 * @KCIFSD_SERVER_A_IPV6: u8, listen on IPv6 too when binding to any
 * @KCIFSD_SERVER_A_MAX_CONNECTIONS: u32, all clients together
 * @KCIFSD_SERVER_A_MAX_CONN_PER_PEER: u32, from one client address
 * @KCIFSD_SERVER_A_MAX_MPX: u16, MaxMpxCount (1..65535)
 * @KCIFSD_SERVER_A_IDLE_TIMEOUT: u32, seconds, 0 = never
 * @KCIFSD_SERVER_A_SMBD: u8, serve SMB Direct on RDMA adapters (1) or not
 * @KCIFSD_SERVER_A_SMBD_PORT: u16, SMB Direct port on InfiniBand and RoCE
 *	adapters, 0 = off
 * @KCIFSD_SERVER_A_SMBD_IWARP_PORT: u16, SMB Direct port on iWARP
 *	adapters, 0 = off
 * @__KCIFSD_SERVER_A_MAX: number of attributes
 *
 * At RELOAD from the daemon, only the three SMB Direct attributes count:
 * the RDMA listeners are reopened when they change (connections stay).
 */
enum kcifsd_server_attr {
	KCIFSD_SERVER_A_UNSPEC,
	KCIFSD_SERVER_A_TCP_PORT,
	KCIFSD_SERVER_A_NBT_PORT,
	KCIFSD_SERVER_A_BIND_ADDR,
	KCIFSD_SERVER_A_IPV6,
	KCIFSD_SERVER_A_MAX_CONNECTIONS,
	KCIFSD_SERVER_A_MAX_CONN_PER_PEER,
	KCIFSD_SERVER_A_MAX_MPX,
	KCIFSD_SERVER_A_IDLE_TIMEOUT,
	KCIFSD_SERVER_A_SMBD,
	KCIFSD_SERVER_A_SMBD_PORT,
	KCIFSD_SERVER_A_SMBD_IWARP_PORT,
	__KCIFSD_SERVER_A_MAX,
};

#define KCIFSD_SERVER_A_MAX (__KCIFSD_SERVER_A_MAX - 1)

/**
 * enum kcifsd_signing - "server signing" (MS-CIFS 3.3.1.1
 *	MessageSigningPolicy)
 * @KCIFSD_SIGNING_DISABLED: never sign
 * @KCIFSD_SIGNING_ENABLED: sign when the client asks
 * @KCIFSD_SIGNING_REQUIRED: refuse clients that do not sign
 */
enum kcifsd_signing {
	KCIFSD_SIGNING_DISABLED,
	KCIFSD_SIGNING_ENABLED,
	KCIFSD_SIGNING_REQUIRED,
};

/**
 * enum kcifsd_map_to_guest - "map to guest": when a failed login becomes
 *	a guest session
 * @KCIFSD_MAP_TO_GUEST_NEVER: never
 * @KCIFSD_MAP_TO_GUEST_BAD_USER: when the account does not exist
 * @KCIFSD_MAP_TO_GUEST_BAD_PASSWORD: also when the password is wrong
 */
enum kcifsd_map_to_guest {
	KCIFSD_MAP_TO_GUEST_NEVER,
	KCIFSD_MAP_TO_GUEST_BAD_USER,
	KCIFSD_MAP_TO_GUEST_BAD_PASSWORD,
};

/**
 * enum kcifsd_smb_attr - SMB and authentication settings of [global]
 * @KCIFSD_SMB_A_UNSPEC: unused
 * @KCIFSD_SMB_A_SIGNING: u32, enum kcifsd_signing
 * @KCIFSD_SMB_A_NTLM_AUTH: u8, accept NTLMv1 and LM responses
 * @KCIFSD_SMB_A_MAP_TO_GUEST: u32, enum kcifsd_map_to_guest
 * @KCIFSD_SMB_A_GUEST_ACCOUNT: string, local account of guest sessions
 * @KCIFSD_SMB_A_SERVER_STRING: string, the server's description
 * @KCIFSD_SMB_A_WORKGROUP: string, workgroup or domain name
 * @KCIFSD_SMB_A_NETBIOS_NAME: string, the server's NetBIOS name
 * @__KCIFSD_SMB_A_MAX: number of attributes
 */
enum kcifsd_smb_attr {
	KCIFSD_SMB_A_UNSPEC,
	KCIFSD_SMB_A_SIGNING,
	KCIFSD_SMB_A_NTLM_AUTH,
	KCIFSD_SMB_A_MAP_TO_GUEST,
	KCIFSD_SMB_A_GUEST_ACCOUNT,
	KCIFSD_SMB_A_SERVER_STRING,
	KCIFSD_SMB_A_WORKGROUP,
	KCIFSD_SMB_A_NETBIOS_NAME,
	__KCIFSD_SMB_A_MAX,
};

#define KCIFSD_SMB_A_MAX (__KCIFSD_SMB_A_MAX - 1)

/* User flags (KCIFSD_USER_A_FLAGS, KCIFSD_A_SESSION_FLAGS). */
#define KCIFSD_USER_F_GUEST	0x1	/* the guest account: no password */
#define KCIFSD_USER_F_DISABLED	0x2	/* exists, may not log in */

/**
 * enum kcifsd_user_attr - a user lookup answer
 * @KCIFSD_USER_A_UNSPEC: unused
 * @KCIFSD_USER_A_NAME: string, the account name as stored (its case)
 * @KCIFSD_USER_A_NT_HASH: binary, KCIFSD_NT_HASH_SIZE bytes,
 *	MD4(UTF-16LE(password)); absent for the guest account
 * @KCIFSD_USER_A_UID: u32, local uid file access runs as
 * @KCIFSD_USER_A_GID: u32, local primary gid
 * @KCIFSD_USER_A_GROUPS: binary, array of u32 supplementary gids, at
 *	most KCIFSD_MAX_GROUPS
 * @KCIFSD_USER_A_FLAGS: u32, KCIFSD_USER_F_*
 * @__KCIFSD_USER_A_MAX: number of attributes
 */
enum kcifsd_user_attr {
	KCIFSD_USER_A_UNSPEC,
	KCIFSD_USER_A_NAME,
	KCIFSD_USER_A_NT_HASH,
	KCIFSD_USER_A_UID,
	KCIFSD_USER_A_GID,
	KCIFSD_USER_A_GROUPS,
	KCIFSD_USER_A_FLAGS,
	__KCIFSD_USER_A_MAX,
};

#define KCIFSD_USER_A_MAX (__KCIFSD_USER_A_MAX - 1)

/* Share flags (KCIFSD_SHARE_A_FLAGS). */
#define KCIFSD_SHARE_F_READ_ONLY	0x01
#define KCIFSD_SHARE_F_GUEST_OK		0x02
#define KCIFSD_SHARE_F_BROWSEABLE	0x04
#define KCIFSD_SHARE_F_IPC		0x08	/* IPC$: named pipes only */
#define KCIFSD_SHARE_F_FORCE_USER	0x10	/* FORCE_UID is valid */
#define KCIFSD_SHARE_F_FORCE_GROUP	0x20	/* FORCE_GID is valid */
#define KCIFSD_SHARE_F_CASE_SENSITIVE	0x40	/* names match in their case only */

/**
 * enum kcifsd_share_attr - a share lookup answer
 * @KCIFSD_SHARE_A_UNSPEC: unused
 * @KCIFSD_SHARE_A_NAME: string, the share name as configured (its case)
 * @KCIFSD_SHARE_A_PATH: string, absolute path of the share's root
 *	(absent for IPC$)
 * @KCIFSD_SHARE_A_COMMENT: string
 * @KCIFSD_SHARE_A_FLAGS: u32, KCIFSD_SHARE_F_*
 * @KCIFSD_SHARE_A_CREATE_MASK: u32, mode bits new files may keep (07777)
 * @KCIFSD_SHARE_A_DIRECTORY_MASK: u32, same for new directories
 * @KCIFSD_SHARE_A_FORCE_UID: u32, "force user"
 * @KCIFSD_SHARE_A_FORCE_GID: u32, "force group"
 * @__KCIFSD_SHARE_A_MAX: number of attributes
 */
enum kcifsd_share_attr {
	KCIFSD_SHARE_A_UNSPEC,
	KCIFSD_SHARE_A_NAME,
	KCIFSD_SHARE_A_PATH,
	KCIFSD_SHARE_A_COMMENT,
	KCIFSD_SHARE_A_FLAGS,
	KCIFSD_SHARE_A_CREATE_MASK,
	KCIFSD_SHARE_A_DIRECTORY_MASK,
	KCIFSD_SHARE_A_FORCE_UID,
	KCIFSD_SHARE_A_FORCE_GID,
	__KCIFSD_SHARE_A_MAX,
};

#define KCIFSD_SHARE_A_MAX (__KCIFSD_SHARE_A_MAX - 1)

/**
 * enum kcifsd_tree_access - a tree-connect decision
 * @KCIFSD_TREE_DENIED: refuse (STATUS_ACCESS_DENIED)
 * @KCIFSD_TREE_READ_ONLY: connect, no writes
 * @KCIFSD_TREE_READ_WRITE: connect
 */
enum kcifsd_tree_access {
	KCIFSD_TREE_DENIED,
	KCIFSD_TREE_READ_ONLY,
	KCIFSD_TREE_READ_WRITE,
};

/**
 * enum kcifsd_notify - events the kernel tells the daemon
 * @KCIFSD_NOTIFY_RELOAD: someone ran "kcifsctl reload": reread the files
 *	and send RELOAD
 * @KCIFSD_NOTIFY_SHUTDOWN: someone ran "kcifsctl stop": exit
 */
enum kcifsd_notify {
	KCIFSD_NOTIFY_RELOAD = 1,
	KCIFSD_NOTIFY_SHUTDOWN,
};

/**
 * enum kcifsd_status_attr - STATUS answer; counters are since module load
 * @KCIFSD_STATUS_A_UNSPEC: unused
 * @KCIFSD_STATUS_A_PAD: padding for 64-bit values
 * @KCIFSD_STATUS_A_RUNNING: u8, the listeners are up
 * @KCIFSD_STATUS_A_DAEMON_PID: u32, pid of the attached daemon; absent
 *	if none
 * @KCIFSD_STATUS_A_TCP_PORT: u16, Direct TCP port while running
 * @KCIFSD_STATUS_A_NBT_PORT: u16, NetBIOS port while running
 * @KCIFSD_STATUS_A_CONNECTIONS: u32, connections open now
 * @KCIFSD_STATUS_A_ACCEPTED: u64, connections accepted
 * @KCIFSD_STATUS_A_MESSAGES_IN: u64, SMB messages received
 * @KCIFSD_STATUS_A_MESSAGES_OUT: u64, replies sent
 * @KCIFSD_STATUS_A_BYTES_IN: u64
 * @KCIFSD_STATUS_A_BYTES_OUT: u64
 * @KCIFSD_STATUS_A_DROP: nested enum kcifsd_drop_attr, one per reason
 * @KCIFSD_STATUS_A_SESSIONS: u32, reserved: sessions now
 * @KCIFSD_STATUS_A_TREES: u32, reserved: tree connects now
 * @KCIFSD_STATUS_A_OPEN_FILES: u32, reserved: open files now
 * @KCIFSD_STATUS_A_IPC_REQUESTS: u64, requests sent to the daemon
 * @KCIFSD_STATUS_A_IPC_FAILURES: u64, requests that got no answer (no
 *	daemon, timeout, bad answer)
 * @KCIFSD_STATUS_A_IPC_CACHE_HITS: u64, lookups answered from the cache
 * @KCIFSD_STATUS_A_FILE_BYTES_READ: u64, file data sent by reads
 * @KCIFSD_STATUS_A_FILE_BYTES_WRITTEN: u64, file data written
 * @KCIFSD_STATUS_A_FILE_BYTES_COPIED: u64, file data copied beyond the one
 *	copy of a write into the page cache (0 on the zero-copy paths)
 * @KCIFSD_STATUS_A_SMBD_EVENT: nested enum kcifsd_smbd_event_attr, one per
 *	SMB Direct event number (every one, counted or not)
 * @KCIFSD_STATUS_A_SMBD_PORT: u16, SMB Direct port on InfiniBand/RoCE
 *	while its listener is open
 * @KCIFSD_STATUS_A_SMBD_IWARP_PORT: u16, SMB Direct port on iWARP while
 *	its listener is open
 * @KCIFSD_STATUS_A_FILE_BYTES_STAGED: u64, write data that went through a
 *	whole-message buffer before the page cache (not large WRITE_ANDX)
 * @KCIFSD_STATUS_A_WSYNC_WRITES: u64, write-through writes made stable
 * @KCIFSD_STATUS_A_WSYNC_FLUSHES: u64, the flushes that did it (several
 *	writes share one: fs/wsync.c)
 * @KCIFSD_STATUS_A_RX_REQUESTS: u64, requests other than writes (queries,
 *	closes, deletes) a receive work answered itself, no pool thread woken
 * @KCIFSD_STATUS_A_RX_WRITES: u64, plain writes a receive work took from
 *	the socket and answered itself
 * @__KCIFSD_STATUS_A_MAX: number of attributes
 */
enum kcifsd_status_attr {
	KCIFSD_STATUS_A_UNSPEC,
	KCIFSD_STATUS_A_PAD,
	KCIFSD_STATUS_A_RUNNING,
	KCIFSD_STATUS_A_DAEMON_PID,
	KCIFSD_STATUS_A_TCP_PORT,
	KCIFSD_STATUS_A_NBT_PORT,
	KCIFSD_STATUS_A_CONNECTIONS,
	KCIFSD_STATUS_A_ACCEPTED,
	KCIFSD_STATUS_A_MESSAGES_IN,
	KCIFSD_STATUS_A_MESSAGES_OUT,
	KCIFSD_STATUS_A_BYTES_IN,
	KCIFSD_STATUS_A_BYTES_OUT,
	KCIFSD_STATUS_A_DROP,
	KCIFSD_STATUS_A_SESSIONS,
	KCIFSD_STATUS_A_TREES,
	KCIFSD_STATUS_A_OPEN_FILES,
	KCIFSD_STATUS_A_IPC_REQUESTS,
	KCIFSD_STATUS_A_IPC_FAILURES,
	KCIFSD_STATUS_A_IPC_CACHE_HITS,
	KCIFSD_STATUS_A_FILE_BYTES_READ,
	KCIFSD_STATUS_A_FILE_BYTES_WRITTEN,
	KCIFSD_STATUS_A_FILE_BYTES_COPIED,
	KCIFSD_STATUS_A_SMBD_EVENT,
	KCIFSD_STATUS_A_SMBD_PORT,
	KCIFSD_STATUS_A_SMBD_IWARP_PORT,
	KCIFSD_STATUS_A_FILE_BYTES_STAGED,
	KCIFSD_STATUS_A_WSYNC_WRITES,
	KCIFSD_STATUS_A_WSYNC_FLUSHES,
	KCIFSD_STATUS_A_RX_REQUESTS,
	KCIFSD_STATUS_A_RX_WRITES,
	__KCIFSD_STATUS_A_MAX,
};

#define KCIFSD_STATUS_A_MAX (__KCIFSD_STATUS_A_MAX - 1)

/**
 * enum kcifsd_drop_attr - one drop reason's counter
 * @KCIFSD_DROP_A_UNSPEC: unused
 * @KCIFSD_DROP_A_PAD: padding for 64-bit values
 * @KCIFSD_DROP_A_REASON: string, the reason's name
 * @KCIFSD_DROP_A_COUNT: u64
 * @__KCIFSD_DROP_A_MAX: number of attributes
 */
enum kcifsd_drop_attr {
	KCIFSD_DROP_A_UNSPEC,
	KCIFSD_DROP_A_PAD,
	KCIFSD_DROP_A_REASON,
	KCIFSD_DROP_A_COUNT,
	__KCIFSD_DROP_A_MAX,
};

#define KCIFSD_DROP_A_MAX (__KCIFSD_DROP_A_MAX - 1)

/* Longest SMB Direct event description, without the NUL. */
#define KCIFSD_SMBD_EVENT_NAME_MAX	80

/**
 * enum kcifsd_smbd_event_attr - one SMB Direct event's counter
 * @KCIFSD_SMBD_EVENT_A_UNSPEC: unused
 * @KCIFSD_SMBD_EVENT_A_PAD: padding for 64-bit values
 * @KCIFSD_SMBD_EVENT_A_ID: u16, the Microsoft-Windows-SMBDirect event
 *	number, as in the kernel log ("smbdirect 454: ...")
 * @KCIFSD_SMBD_EVENT_A_NAME: string, what it means
 * @KCIFSD_SMBD_EVENT_A_COUNT: u64, how often since module load
 * @__KCIFSD_SMBD_EVENT_A_MAX: number of attributes
 */
enum kcifsd_smbd_event_attr {
	KCIFSD_SMBD_EVENT_A_UNSPEC,
	KCIFSD_SMBD_EVENT_A_PAD,
	KCIFSD_SMBD_EVENT_A_ID,
	KCIFSD_SMBD_EVENT_A_NAME,
	KCIFSD_SMBD_EVENT_A_COUNT,
	__KCIFSD_SMBD_EVENT_A_MAX,
};

#define KCIFSD_SMBD_EVENT_A_MAX (__KCIFSD_SMBD_EVENT_A_MAX - 1)

#endif /* _KCIFSD_NETLINK_H */
