// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the dispatcher's handler interface (fs/smb_req.h) with
 * stand-in handlers: an AndX chain whose commands change the header state
 * for the next ones and whose replies are linked (MS-CIFS 3.3.5.2.4), the
 * generic UID/TID checks on follow-on commands (3.3.5.2), a failure in
 * the middle of a chain, and a request that parks and is resumed or
 * cancelled.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/xarray.h>
#include <asm/unaligned.h>

#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "tests/kunit/smb_test_util.h"

#define NT		SMB_FLAGS2_NT_STATUS
#define TEST_UID	100
#define TEST_TID	7

static int test_session, test_tree;

/* Creates a session and carries its UID to the rest of the chain. */
static u32 fake_session_setup(struct kcifsd_smb_req *req)
{
	if (!kcifsd_smb_rsp_block(req, 3, 0))
		return STATUS_INSUFF_SERVER_RESOURCES;
	if (xa_err(xa_store(&req->sc->sessions, TEST_UID, &test_session,
			    GFP_KERNEL)))
		return STATUS_INSUFF_SERVER_RESOURCES;
	req->uid = TEST_UID;
	return STATUS_SUCCESS;
}

/* Needs the session, creates a tree connect, replies with 3 bytes. */
static u32 fake_tree_connect(struct kcifsd_smb_req *req)
{
	if (!kcifsd_smb_rsp_block(req, 3, 3))
		return STATUS_INSUFF_SERVER_RESOURCES;
	memcpy(kcifsd_smb_rsp_bytes(req), "A:", 3);
	if (xa_err(xa_store(&req->sc->trees, TEST_TID, &test_tree,
			    GFP_KERNEL)))
		return STATUS_INSUFF_SERVER_RESOURCES;
	req->tid = TEST_TID;
	return STATUS_SUCCESS;
}

/* Needs the tree; fails like a path lookup would. */
static u32 fake_check_directory(struct kcifsd_smb_req *req)
{
	return STATUS_OBJECT_PATH_NOT_FOUND;
}

static unsigned int parked_calls;

static void fake_cancel(struct kcifsd_work *work)
{
}

/* Parks once, then answers like ECHO, or STATUS_CANCELLED. */
static u32 fake_waiting(struct kcifsd_smb_req *req)
{
	parked_calls++;
	if (!req->resumed) {
		req->priv = &parked_calls;
		req->work->cancel = fake_cancel;
		return STATUS_PENDING;
	}
	if (req->priv != &parked_calls)
		return STATUS_UNSUCCESSFUL;
	req->priv = NULL;
	if (READ_ONCE(req->work->cancelled))
		return STATUS_CANCELLED;
	if (!kcifsd_smb_rsp_block(req, 1, 0))
		return STATUS_INSUFF_SERVER_RESOURCES;
	return STATUS_SUCCESS;
}

static const struct kcifsd_smb_cmd fake_cmds[256] = {
	[SMB_COM_NEGOTIATE] = { "NEGOTIATE", kcifsd_smb_negotiate, 0 },
	[SMB_COM_SESSION_SETUP_ANDX] = { "SESSION_SETUP_ANDX",
					 fake_session_setup, 0 },
	[SMB_COM_TREE_CONNECT_ANDX] = { "TREE_CONNECT_ANDX",
					fake_tree_connect,
					KCIFSD_CMD_NEEDS_UID },
	[SMB_COM_CHECK_DIRECTORY] = { "CHECK_DIRECTORY", fake_check_directory,
				      KCIFSD_CMD_NEEDS_UID |
				      KCIFSD_CMD_NEEDS_TID },
	[SMB_COM_ECHO] = { "ECHO", fake_waiting, 0 },
};

static int chain_init(struct kunit *test)
{
	kcifsd_smb_test_cmds = fake_cmds;
	parked_calls = 0;
	return 0;
}

static void chain_exit(struct kunit *test)
{
	kcifsd_smb_test_cmds = NULL;
}

static void forget_ids(struct kcifsd_test_smb *t)
{
	xa_erase(&t->conn.smb->trees, TEST_TID);
	xa_erase(&t->conn.smb->sessions, TEST_UID);
}

/* SESSION_SETUP_ANDX -> TREE_CONNECT_ANDX -> CHECK_DIRECTORY. */
static void build_chain(struct kcifsd_test_smb *t)
{
	unsigned int b1, b2, b3;

	kcifsd_test_msg_hdr(t, SMB_COM_SESSION_SETUP_ANDX, NT);
	b1 = kcifsd_test_msg_block(t, 13, NULL, 0, NULL);
	b2 = kcifsd_test_msg_block(t, 4, NULL, 3, "\0\0\0");
	b3 = kcifsd_test_msg_block(t, 0, NULL, 2, "\x04");
	kcifsd_test_msg_andx(t, b1, SMB_COM_TREE_CONNECT_ANDX, b2);
	kcifsd_test_msg_andx(t, b2, SMB_COM_CHECK_DIRECTORY, b3);
}

static void chain_state_and_links(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	const struct smb1_hdr *rsp;
	const u8 *p;
	unsigned int b2, b3;

	kcifsd_test_negotiate(test, t, NT);
	build_chain(t);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	rsp = (const struct smb1_hdr *)t->rsp;

	/* The header: the first command, the last status, the final IDs. */
	KUNIT_EXPECT_EQ(test, rsp->command, SMB_COM_SESSION_SETUP_ANDX);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp->status),
			(u32)STATUS_OBJECT_PATH_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->uid), TEST_UID);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->tid), TEST_TID);

	/* SESSION_SETUP reply (3 words) -> TREE_CONNECT reply. */
	p = t->rsp + 32;
	KUNIT_EXPECT_EQ(test, p[0], 3);
	KUNIT_EXPECT_EQ(test, p[1], SMB_COM_TREE_CONNECT_ANDX);
	b2 = get_unaligned_le16(p + 3);
	KUNIT_EXPECT_EQ(test, b2, 32u + 1 + 6 + 2);

	/* TREE_CONNECT reply (3 words, "A:") -> the error block. */
	p = t->rsp + b2;
	KUNIT_EXPECT_EQ(test, p[0], 3);
	KUNIT_EXPECT_EQ(test, p[1], SMB_COM_CHECK_DIRECTORY);
	b3 = get_unaligned_le16(p + 3);
	KUNIT_EXPECT_EQ(test, b3, b2 + 1 + 6 + 2 + 3);
	KUNIT_EXPECT_TRUE(test, !memcmp(p + 9, "A:", 3));

	/* CHECK_DIRECTORY's error block is last. */
	KUNIT_EXPECT_EQ(test, t->rsp_len, b3 + 3);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(t->rsp + b3, 0, 3));
	forget_ids(t);
}

static void chain_generic_checks(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	unsigned int b1;

	kcifsd_test_negotiate(test, t, NT);

	/* TREE_CONNECT_ANDX with no session: STATUS_SMB_BAD_UID. */
	kcifsd_test_msg_hdr(t, SMB_COM_TREE_CONNECT_ANDX, NT);
	b1 = kcifsd_test_msg_block(t, 4, NULL, 3, "\0\0\0");
	kcifsd_test_msg_andx(t, b1, SMB_COM_NO_ANDX_COMMAND, 0);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_SMB_BAD_UID);
	KUNIT_EXPECT_EQ(test, t->rsp_len, 35u);

	/* ...and in DOS form, ERRSRV/ERRbaduid. */
	kcifsd_test_msg_hdr(t, SMB_COM_TREE_CONNECT_ANDX, 0);
	b1 = kcifsd_test_msg_block(t, 4, NULL, 3, "\0\0\0");
	kcifsd_test_msg_andx(t, b1, SMB_COM_NO_ANDX_COMMAND, 0);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			SMB_DOS_STATUS(ERRSRV, ERRbaduid));

	/* CHECK_DIRECTORY with a session but no tree: STATUS_SMB_BAD_TID. */
	KUNIT_ASSERT_EQ(test, xa_err(xa_store(&t->conn.smb->sessions, 5,
					      &test_session, GFP_KERNEL)), 0);
	kcifsd_test_msg_hdr(t, SMB_COM_CHECK_DIRECTORY, NT);
	((struct smb1_hdr *)t->msg)->uid = cpu_to_le16(5);
	kcifsd_test_msg_block(t, 0, NULL, 2, "\x04");
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_SMB_BAD_TID);
	xa_erase(&t->conn.smb->sessions, 5);
}

static void chain_park_resume(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);

	kcifsd_test_negotiate(test, t, NT);
	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 0, NULL);
	kcifsd_test_smb_run(test, t);
	KUNIT_EXPECT_TRUE(test, t->work.parked);
	KUNIT_EXPECT_NULL(test, t->rsp);
	KUNIT_EXPECT_FALSE(test, t->work.no_reply);
	KUNIT_EXPECT_PTR_EQ(test, t->work.cancel, &fake_cancel);

	kcifsd_test_smb_resume(test, t);
	KUNIT_EXPECT_FALSE(test, t->work.parked);
	KUNIT_EXPECT_NULL(test, t->work.smb_req);
	KUNIT_EXPECT_NULL(test, t->work.cancel);
	KUNIT_EXPECT_EQ(test, parked_calls, 2u);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, t->rsp[32], 1);
}

static void chain_park_cancel(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);

	kcifsd_test_negotiate(test, t, NT);
	kcifsd_test_msg_hdr(t, SMB_COM_ECHO, NT);
	kcifsd_test_msg_block(t, 1, "\x01\x00", 0, NULL);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_TRUE(test, t->work.parked);

	/* What NT_CANCEL does to a parked request, then its resume. */
	spin_lock(&t->conn.req_lock);
	kcifsd_work_cancel(&t->work);
	spin_unlock(&t->conn.req_lock);
	kcifsd_test_smb_resume(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_EXPECT_EQ(test, kcifsd_test_rsp_status(t),
			(u32)STATUS_CANCELLED);
	KUNIT_EXPECT_EQ(test, t->rsp_len, 35u);
	t->work.cancelled = false;
}

static struct kunit_case chain_cases[] = {
	KUNIT_CASE(chain_state_and_links),
	KUNIT_CASE(chain_generic_checks),
	KUNIT_CASE(chain_park_resume),
	KUNIT_CASE(chain_park_cancel),
	{}
};

static struct kunit_suite chain_suite = {
	.name = "kcifsd_smb_chain",
	.init = chain_init,
	.exit = chain_exit,
	.test_cases = chain_cases,
};

kunit_test_suite(chain_suite);
