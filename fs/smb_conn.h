/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-connection SMB1 state (the Server.Connection ADM of MS-CIFS
 * 3.3.1.3): what NEGOTIATE fixed, what the first SESSION_SETUP fixes, and
 * the UID and TID tables the dispatcher checks every request against.
 * Allocated by kcifsd_smb_conn_init() when the transport accepts the
 * connection and freed by kcifsd_smb_conn_release() after every request of
 * the connection has finished (see net/connection.h for the order).
 */
#ifndef _KCIFSD_SMB_CONN_H
#define _KCIFSD_SMB_CONN_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/xarray.h>

#include "fs/signing_seq.h"
#include "fs/smb1pdu.h"

struct kcifsd_conn;
struct kcifsd_search_table;
struct kcifsd_trans_table;

/*
 * MaxBufferSize we advertise (MS-CIFS 2.2.4.52.2): the largest SMB message
 * a client may send us, AndX chains and transaction fragments included.
 * 16644 = 16 KiB of payload plus 260 bytes of header, words and padding;
 * it is what Windows servers with more than 512 MB use (<81>, <221>) and
 * Samba's default, so real clients size their requests for it, and it
 * keeps a full MaxMpxCount backlog of requests near 1 MiB per connection.
 * Large WRITE_ANDX (CAP_LARGE_WRITEX) is the only thing allowed past it.
 */
#define KCIFSD_SMB_MAX_BUFFER_SIZE	16644
/* The floor MS-CIFS 3.3.1.1 sets for Server.MaxBufferSize. */
#define KCIFSD_SMB_MIN_BUFFER_SIZE	1024

/**
 * struct kcifsd_smb_conn - SMB1 state of one connection
 * @conn: the transport-neutral connection this belongs to
 * @lock: serialises NEGOTIATE (and later the once-per-connection
 *	SESSION_SETUP values) against concurrent requests of the connection
 * @negotiated: a NEGOTIATE succeeded; a second one is refused
 *	(MS-CIFS 2.2.4.52: "There MUST be only one SMB_COM_NEGOTIATE exchange
 *	per SMB connection")
 * @extended_security: the client asked for, and got, the extended-security
 *	(SPNEGO) form (MS-SMB 2.2.4.5.2.1); SESSION_SETUP then expects
 *	WordCount 12
 * @dialect_index: the DialectIndex sent back (SelectedDialect)
 * @max_buffer_size: MaxBufferSize advertised: largest message we accept
 * @capabilities: Capabilities advertised (Server.Capabilities for this
 *	connection)
 * @session_key: the VC token sent in NEGOTIATE (MS-CIFS 2.2.1.6.6)
 * @challenge: Server.Connection.NTLMChallenge, the 8-byte challenge of the
 *	non-extended form; SESSION_SETUP verifies LM/NTLM responses with it
 * @client_max_buffer_size: ClientMaxBufferSize, the largest reply the
 *	client accepts; @max_buffer_size until the first SESSION_SETUP stores
 *	the client's value (MS-CIFS 3.3.5.43), and never above the
 *	transport's send limit (conn->transport_max_tx)
 * @client_capabilities: ClientCapabilities from the first SESSION_SETUP
 * @trans: incomplete transactions waiting for secondaries, allocated on
 *	first use (fs/transaction.c)
 * @searches: the SearchOpenTable of TRANS2_FIND_FIRST2, allocated on
 *	first use (fs/trans2_find.c)
 * @sessions: UID -> session object, owned by the session code
 *	(SESSION_SETUP_ANDX / LOGOFF_ANDX). The dispatcher only checks that a
 *	UID is present (MS-CIFS 3.3.5.2); handlers take their own reference
 *	through the session code's lookup. UID 0 and 0xFFFE are never used.
 * @trees: TID -> tree connect object, owned by the tree-connect code, with
 *	the same rules; TID 0xFFFF is never used
 * @sessions_pending: UID -> NTLMSSP logon between its legs (fs/session.c);
 *	a new logon's UID is reserved in @sessions meanwhile, where
 *	xa_load() sees nothing, so the dispatcher's UID check fails for it
 * @next_uid: cyclic UID allocation, so a logged-off UID is not reused at
 *	once
 * @next_tid: likewise for TIDs
 * @nr_sessions: UIDs in use, reserved ones included (under @lock)
 * @nr_trees: TIDs in use (under @lock)
 * @session_setup_received: Server.Connection.SessionSetupReceived: a
 *	logon succeeded and fixed the client's values below
 * @client_max_mpx: the client's MaxMpxCount; below 2 oplocks are off
 *	(Server.Connection.OpLockSupport, MS-CIFS 3.3.5.43)
 * @native_os: Server.Connection.NativeOS, UTF-8, cut to fit
 * @native_lanman: Server.Connection.NativeLanMan, likewise
 * @sign: message signing (fs/signing_seq.h)
 * @pipes: FID -> named pipe on IPC$ (fs/pipe.c), FIDs from 0xFFFE down
 * @next_pipe_fid: where the pipe FID allocation continues
 * @nr_pipes: pipes open (under the @pipes lock)
 * @fids: FID -> struct kcifsd_open (the FileOpenTable), owned by fs/fid.c
 * @next_fid: where the cyclic FID allocation continues
 * @order_lock: protects @order_list
 * @order_list: the requests that act on locks and opens and have not
 *	passed yet, in arrival order (fs/order.h)
 * @order_wq: requests waiting for earlier ones to pass
 * @lock_waits: the lock requests of this connection that wait
 *	(fs/locking.c), under conn->req_lock: for NT_CANCEL and CANCEL_LOCK
 * @nr_locks: byte-range locks its opens hold or its waiting requests
 *	ask for (fs/locking.c), at most KCIFSD_CONN_MAX_LOCKS
 */
struct kcifsd_smb_conn {
	struct kcifsd_conn *conn;
	struct mutex lock;
	bool negotiated;
	bool extended_security;
	u16 dialect_index;
	u32 max_buffer_size;
	u32 capabilities;
	u32 session_key;
	u8 challenge[SMB1_CHALLENGE_SIZE];
	u32 client_max_buffer_size;
	u32 client_capabilities;
	struct kcifsd_trans_table *trans;
	struct kcifsd_search_table *searches;
	struct xarray sessions;
	struct xarray trees;
	struct xarray sessions_pending;
	u32 next_uid;
	u32 next_tid;
	unsigned int nr_sessions;
	unsigned int nr_trees;
	bool session_setup_received;
	u16 client_max_mpx;
	char native_os[64];
	char native_lanman[64];
	struct kcifsd_sign_state sign;
	struct xarray pipes;
	u32 next_pipe_fid;
	unsigned int nr_pipes;
	struct xarray fids;
	u32 next_fid;
	struct list_head lock_waits;
	atomic_t nr_locks;
	spinlock_t order_lock;
	struct list_head order_list;
	wait_queue_head_t order_wq;
};

void kcifsd_smb_conn_limits(struct kcifsd_conn *conn);

#endif /* _KCIFSD_SMB_CONN_H */
