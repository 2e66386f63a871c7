// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/dispatch.c, fs/echo.c and fs/cancel.c through
 * kcifsd_smb_handle(), as the worker pool calls it: malformed messages,
 * command codes (MS-CIFS 2.2.2.1, 3.3.5.2), AndX chains (3.3.5.2.4),
 * ECHO (3.3.5.33) and NT_CANCEL (3.3.5.52).
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/string.h>
#include <linux/xarray.h>
#include <asm/unaligned.h>

#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "tests/kunit/smb_test_util.h"

#define NT	SMB_FLAGS2_NT_STATUS

static struct kcifsd_test_smb *negotiated(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);

	kcifsd_test_negotiate(test, t, NT | SMB_FLAGS2_UNICODE);
	return t;
}

/* Run and expect an error response (WordCount 0, ByteCount 0). */
static void expect_error(struct kunit *test, struct kcifsd_test_smb *t,
			 u32 status)
{
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t), status);
	KUNIT_EXPECT_EQ(test, t->rsp_len, 35u);
	KUNIT_EXPECT_EQ(test, t->rsp[4], t->msg[4]);	/* Command */
	KUNIT_EXPECT_FALSE(test, t->work.disconnect);
}

static void expect_drop(struct kunit *test, struct kcifsd_test_smb *t)
{
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_TRUE(test, t->work.no_reply);
	KUNIT_EXPECT_TRUE(test, t->work.disconnect);
}

static void dispatch_bad_magic(struct kunit *test)
{
	struct kcifsd_test_smb *t = negotiated(test);

	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 0, NULL);
	t->msg[0] = 0xFE;
	expect_drop(test, t);

	/* Four bytes, the least a transport hands over. */
	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	t->len = 4;
	expect_drop(test, t);
}

static void dispatch_before_negotiate(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);

	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 0, NULL);
	expect_drop(test, t);
}

static void dispatch_short(struct kunit *test)
{
	struct kcifsd_test_smb *t = negotiated(test);

	/* A header and WordCount, no ByteCount. */
	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	t->len = 33;
	expect_error(test, t, STATUS_INVALID_SMB);

	/* WordCount past the end of the message. */
	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 0, NULL);
	t->msg[32] = 20;
	expect_error(test, t, STATUS_INVALID_SMB);

	/* ByteCount past the end of the message. */
	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 4, "abcd");
	t->len -= 1;
	expect_error(test, t, STATUS_INVALID_SMB);

	/* A request that claims to be a reply. */
	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 0, NULL);
	t->msg[9] |= SMB_FLAGS_REPLY;
	expect_error(test, t, STATUS_INVALID_SMB);
}

struct command_case {
	u8 command;
	u8 wc;
	u16 bc;
	u32 status;
};

static const struct command_case command_cases[] = {
	{ 0x15, 0, 0, STATUS_SMB_BAD_COMMAND },		/* unused */
	{ 0x99, 2, 0, STATUS_SMB_BAD_COMMAND },		/* unused */
	{ 0x65, 0, 0, STATUS_SMB_BAD_COMMAND },		/* reserved */
	{ 0xD3, 0, 0, STATUS_SMB_BAD_COMMAND },		/* messenger */
	{ SMB_COM_INVALID, 0, 0, STATUS_SMB_BAD_COMMAND },
	{ SMB_COM_NO_ANDX_COMMAND, 0, 0, STATUS_SMB_BAD_COMMAND },
	{ SMB_COM_COPY, 0, 0, STATUS_NOT_IMPLEMENTED },	/* X */
	{ SMB_COM_IOCTL_SECONDARY, 0, 0, STATUS_NOT_IMPLEMENTED }, /* N */
	{ SMB_COM_GET_PRINT_QUEUE, 0, 0, STATUS_NOT_IMPLEMENTED },
	{ SMB_COM_READ_BULK, 12, 0, STATUS_NOT_IMPLEMENTED },
	/* Valid, not (yet) implemented; the format is checked first. */
	{ SMB_COM_CLOSE_PRINT_FILE, 1, 0, STATUS_NOT_IMPLEMENTED },
	{ SMB_COM_CLOSE_PRINT_FILE, 2, 0, STATUS_INVALID_SMB },
	/* Implemented: the UID check of MS-CIFS 3.3.5.2 comes first. */
	{ SMB_COM_TREE_DISCONNECT, 0, 0, STATUS_SMB_BAD_UID },
	{ SMB_COM_ECHO, 0, 0, STATUS_INVALID_SMB },
	{ SMB_COM_ECHO, 2, 0, STATUS_INVALID_SMB },
};

static void dispatch_commands(struct kunit *test)
{
	struct kcifsd_test_smb *t = negotiated(test);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(command_cases); i++) {
		const struct command_case *c = &command_cases[i];

		kcifsd_test_msg_hdr(t, c->command, NT);
		kcifsd_test_msg_block(t, c->wc, NULL, c->bc, NULL);
		kcifsd_test_smb_run(test, t);
		KUNIT_ASSERT_NOT_NULL_MSG(test, t->rsp, "command 0x%02x",
					  c->command);
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_test_rsp_status(t), c->status,
				    "command 0x%02x", c->command);
		KUNIT_EXPECT_EQ(test, t->rsp_len, 35u);
	}
}

static void dispatch_dos_errors(struct kunit *test)
{
	struct kcifsd_test_smb *t = negotiated(test);

	/* No SMB_FLAGS2_NT_STATUS: SMBSTATUS, and the reply says so. */
	kcifsd_test_msg_hdr(t, 0x99, SMB_FLAGS2_UNICODE);
	kcifsd_test_msg_block(t, 0, NULL, 0, NULL);
	expect_error(test, t, SMB_DOS_STATUS(ERRSRV, ERRbadcmd));
	KUNIT_EXPECT_EQ(test,
		le16_to_cpu(((const struct smb1_hdr *)t->rsp)->flags2),
		SMB_FLAGS2_UNICODE);

	kcifsd_test_msg_hdr(t, SMB_COM_TREE_DISCONNECT, 0);
	kcifsd_test_msg_block(t, 0, NULL, 0, NULL);
	expect_error(test, t, SMB_DOS_STATUS(ERRSRV, ERRbaduid));
}

static void dispatch_andx(struct kunit *test)
{
	struct kcifsd_test_smb *t = negotiated(test);
	unsigned int b1, b2;

	/*
	 * SESSION_SETUP_ANDX -> TREE_CONNECT_ANDX: well formed, answered
	 * by the first command's error alone (an extended-security logon
	 * on a connection that did not negotiate extended security).
	 */
	kcifsd_test_msg_hdr(t, SMB_COM_SESSION_SETUP_ANDX, NT);
	b1 = kcifsd_test_msg_block(t, 12, NULL, 0, NULL);
	b2 = kcifsd_test_msg_block(t, 4, NULL, 3, "\x00\x00\x00");
	kcifsd_test_msg_andx(t, b1, SMB_COM_TREE_CONNECT_ANDX, b2);
	kcifsd_test_msg_andx(t, b2, SMB_COM_NO_ANDX_COMMAND, 0);
	expect_error(test, t, STATUS_INVALID_PARAMETER);

	/* A loop: refused as a whole before anything runs. */
	kcifsd_test_msg_andx(t, b2, SMB_COM_TREE_CONNECT_ANDX, b2);
	expect_error(test, t, STATUS_INVALID_SMB);

	/* Backward. */
	kcifsd_test_msg_andx(t, b1, SMB_COM_TREE_CONNECT_ANDX, 32);
	expect_error(test, t, STATUS_INVALID_SMB);

	/* Past the end. */
	kcifsd_test_msg_andx(t, b1, SMB_COM_TREE_CONNECT_ANDX, t->len);
	expect_error(test, t, STATUS_INVALID_SMB);

	/* A follow-on SESSION_SETUP_ANDX does not allow. */
	kcifsd_test_msg_andx(t, b2, SMB_COM_NO_ANDX_COMMAND, 0);
	kcifsd_test_msg_andx(t, b1, SMB_COM_ECHO, b2);
	expect_error(test, t, STATUS_INVALID_SMB);

	/* The second block runs past the message. */
	kcifsd_test_msg_andx(t, b1, SMB_COM_TREE_CONNECT_ANDX, b2);
	t->len -= 1;
	expect_error(test, t, STATUS_INVALID_SMB);
}

static void dispatch_echo(struct kunit *test)
{
	struct kcifsd_test_smb *t = negotiated(test);
	const struct smb1_hdr *rsp;

	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT | SMB_FLAGS2_UNICODE);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 5, "hello");
	/* Excess bytes after the message are ignored. */
	memcpy(t->msg + t->len, "garbage", 7);
	t->len += 7;
	((struct smb1_hdr *)t->msg)->uid = cpu_to_le16(0x0777);
	((struct smb1_hdr *)t->msg)->tid = cpu_to_le16(0x0555);
	kcifsd_test_smb_run(test, t);

	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	rsp = (const struct smb1_hdr *)t->rsp;
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp->status), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, rsp->command, SMB_COM_ECHO);
	KUNIT_EXPECT_TRUE(test, rsp->flags & SMB_FLAGS_REPLY);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->mid), 7);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->pid_low), 0xFEFF);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->pid_high), 0x1234);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->uid), 0x0777);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->tid), 0x0555);
	/* WordCount 1, SequenceNumber 1, ByteCount 5, the data. */
	KUNIT_EXPECT_EQ(test, t->rsp_len, 32u + 3 + 2 + 5);
	KUNIT_EXPECT_EQ(test, t->rsp[32], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(t->rsp + 33), 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(t->rsp + 35), 5);
	KUNIT_EXPECT_TRUE(test, !memcmp(t->rsp + 37, "hello", 5));
}

static void dispatch_echo_none(struct kunit *test)
{
	struct kcifsd_test_smb *t = negotiated(test);

	/* EchoCount 0: no reply (3.3.5.33). */
	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	kcifsd_test_msg_block(t, 1, "\x00\x00", 3, "abc");
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_TRUE(test, t->work.no_reply);
	KUNIT_EXPECT_FALSE(test, t->work.disconnect);

	/* Cancelled before it ran: no further replies. */
	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 0, NULL);
	t->work.cancelled = true;
	kcifsd_test_smb_run(test, t);
	t->work.cancelled = false;
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_TRUE(test, t->work.no_reply);
}

struct cancel_target {
	struct kcifsd_work work;
	u8 msg[64];
	unsigned int woken;
};

static void cancel_hook(struct kcifsd_work *work)
{
	container_of(work, struct cancel_target, work)->woken++;
}

/* A request on conn->running, as the core keeps it while it is pending. */
static void add_target(struct kcifsd_test_smb *t, struct cancel_target *c,
		       u8 command, u16 mid, u16 uid)
{
	struct smb1_hdr *hdr = (struct smb1_hdr *)c->msg;

	memcpy(c->msg, t->msg, sizeof(struct smb1_hdr));
	hdr->command = command;
	hdr->mid = cpu_to_le16(mid);
	hdr->uid = cpu_to_le16(uid);
	c->msg[32] = 0;
	c->work.conn = &t->conn;
	c->work.request = c->msg;
	c->work.request_len = 35;
	c->work.cancel = cancel_hook;
	list_add_tail(&c->work.node, &t->conn.running);
}

static void dispatch_nt_cancel(struct kunit *test)
{
	struct kcifsd_test_smb *t = negotiated(test);
	struct cancel_target *c;

	c = kunit_kcalloc(test, 4, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);

	kcifsd_test_msg_hdr(t, SMB_COM_NT_CANCEL, NT);
	kcifsd_test_msg_block(t, 0, NULL, 0, NULL);
	add_target(t, &c[0], SMB_COM_NT_TRANSACT, 7, 0);	/* match */
	add_target(t, &c[1], SMB_COM_NT_TRANSACT, 8, 0);	/* other MID */
	add_target(t, &c[2], SMB_COM_LOCKING_ANDX, 7, 1);	/* other UID */
	add_target(t, &c[3], SMB_COM_NT_TRANSACT, 7, 0);	/* match */
	c[3].work.request_len = 20;				/* too short */
	list_add_tail(&t->work.node, &t->conn.running);

	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_TRUE(test, t->work.no_reply);
	KUNIT_EXPECT_FALSE(test, t->work.disconnect);
	KUNIT_EXPECT_TRUE(test, c[0].work.cancelled);
	KUNIT_EXPECT_EQ(test, c[0].woken, 1u);
	KUNIT_EXPECT_FALSE(test, c[1].work.cancelled);
	KUNIT_EXPECT_FALSE(test, c[2].work.cancelled);
	KUNIT_EXPECT_FALSE(test, c[3].work.cancelled);
	KUNIT_EXPECT_FALSE(test, t->work.cancelled);

	/* A second cancel does not wake it twice. */
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_EQ(test, c[0].woken, 1u);

	/* Malformed or not, NT_CANCEL is never answered. */
	kcifsd_test_msg_hdr(t, SMB_COM_NT_CANCEL, NT);
	kcifsd_test_msg_block(t, 1, NULL, 0, NULL);
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_TRUE(test, t->work.no_reply);
	KUNIT_EXPECT_FALSE(test, t->work.disconnect);

	list_del(&t->work.node);
	list_del(&c[0].work.node);
	list_del(&c[1].work.node);
	list_del(&c[2].work.node);
	list_del(&c[3].work.node);
}

/* MS-CIFS 3.3.5.2: the UID must name a session, the TID a tree connect. */
static void dispatch_ids(struct kunit *test)
{
	struct kcifsd_test_smb *t = negotiated(test);
	struct kcifsd_smb_conn *sc = t->conn.smb;
	struct kcifsd_smb_req req = { .conn = &t->conn, .sc = sc };
	const unsigned int both = KCIFSD_CMD_NEEDS_UID | KCIFSD_CMD_NEEDS_TID;
	static int session, tree;

	req.uid = 5;
	req.tid = 0;
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_ids(&req, 0),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_ids(&req, KCIFSD_CMD_NEEDS_UID),
			(u32)STATUS_SMB_BAD_UID);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_ids(&req, both),
			(u32)STATUS_SMB_BAD_UID);

	KUNIT_ASSERT_EQ(test, xa_err(xa_store(&sc->sessions, 5, &session,
					      GFP_KERNEL)), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_ids(&req, KCIFSD_CMD_NEEDS_UID),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_ids(&req, both),
			(u32)STATUS_SMB_BAD_TID);

	/* TID 0 is a valid TID (MS-CIFS 2.2.1.6.7). */
	KUNIT_ASSERT_EQ(test, xa_err(xa_store(&sc->trees, 0, &tree,
					      GFP_KERNEL)), 0);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_ids(&req, both),
			(u32)STATUS_SUCCESS);
	req.uid = 6;
	KUNIT_EXPECT_EQ(test, kcifsd_smb_check_ids(&req, both),
			(u32)STATUS_SMB_BAD_UID);

	xa_erase(&sc->trees, 0);
	xa_erase(&sc->sessions, 5);
}

/*
 * fs/order.c lists requests by the table's KCIFSD_CMD_ORDER_* flags: the
 * reads and writes, the commands that change locks or opens, no other.
 */
static void dispatch_order_flags(struct kunit *test)
{
	static const u8 io[] = {
		SMB_COM_READ, SMB_COM_WRITE, SMB_COM_READ_ANDX,
		SMB_COM_WRITE_ANDX,
	};
	static const u8 change[] = {
		SMB_COM_LOCKING_ANDX, SMB_COM_LOCK_BYTE_RANGE,
		SMB_COM_UNLOCK_BYTE_RANGE, SMB_COM_LOCK_AND_READ,
		SMB_COM_WRITE_AND_UNLOCK, SMB_COM_CLOSE,
		SMB_COM_WRITE_AND_CLOSE, SMB_COM_PROCESS_EXIT,
	};
	const unsigned int both = KCIFSD_CMD_ORDER_IO | KCIFSD_CMD_ORDER_CHANGE;
	unsigned int i, nr_io = 0, nr_change = 0;

	for (i = 0; i < ARRAY_SIZE(io); i++)
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_smb_cmd_flags(io[i]) & both,
				    KCIFSD_CMD_ORDER_IO, "command 0x%02x",
				    io[i]);
	for (i = 0; i < ARRAY_SIZE(change); i++)
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_smb_cmd_flags(change[i]) & both,
				    KCIFSD_CMD_ORDER_CHANGE, "command 0x%02x",
				    change[i]);
	/* A few that have none, and nothing else has one. */
	KUNIT_EXPECT_EQ(test, kcifsd_smb_cmd_flags(SMB_COM_NT_CREATE_ANDX) &
			both, 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_cmd_flags(SMB_COM_FLUSH) & both, 0u);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_cmd_flags(SMB_COM_NT_CANCEL) & both,
			0u);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_cmd_flags(SMB_COM_TRANSACTION2) & both,
			0u);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_cmd_flags(SMB_COM_SEEK) & both, 0u);
	for (i = 0; i < 256; i++) {
		if (kcifsd_smb_cmd_flags(i) & KCIFSD_CMD_ORDER_IO)
			nr_io++;
		if (kcifsd_smb_cmd_flags(i) & KCIFSD_CMD_ORDER_CHANGE)
			nr_change++;
	}
	KUNIT_EXPECT_EQ(test, nr_io, (unsigned int)ARRAY_SIZE(io));
	KUNIT_EXPECT_EQ(test, nr_change, (unsigned int)ARRAY_SIZE(change));
}

static struct kunit_case dispatch_cases[] = {
	KUNIT_CASE(dispatch_bad_magic),
	KUNIT_CASE(dispatch_before_negotiate),
	KUNIT_CASE(dispatch_short),
	KUNIT_CASE(dispatch_commands),
	KUNIT_CASE(dispatch_dos_errors),
	KUNIT_CASE(dispatch_andx),
	KUNIT_CASE(dispatch_echo),
	KUNIT_CASE(dispatch_echo_none),
	KUNIT_CASE(dispatch_nt_cancel),
	KUNIT_CASE(dispatch_ids),
	KUNIT_CASE(dispatch_order_flags),
	{}
};

static struct kunit_suite dispatch_suite = {
	.name = "kcifsd_smb_dispatch",
	.test_cases = dispatch_cases,
};

kunit_test_suite(dispatch_suite);
