// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/reply.c: the reply header (MS-CIFS 3.3.4.1), status
 * forms (2.2.3.1 SMB_FLAGS2_NT_STATUS), error blocks (3.3.4.1.2), AndX
 * reply chaining (2.2.3.4, 3.3.5.2.4) and the ClientMaxBufferSize limit.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "tests/kunit/smb_test_util.h"

/* A request context as kcifsd_smb_handle() would set it up. */
static void req_setup(struct kunit *test, struct kcifsd_test_smb *t,
		      struct kcifsd_smb_req *req, u8 command, u16 flags2)
{
	kcifsd_test_msg_hdr(t, command, flags2);
	memset(req, 0, sizeof(*req));
	req->work = &t->work;
	req->conn = &t->conn;
	req->sc = t->conn.smb;
	req->buf = t->msg;
	req->len = t->len;
	req->hdr = (const struct smb1_hdr *)t->msg;
	req->uid = 0x0102;
	req->tid = 0x0304;
	req->mid = 7;
	req->flags2 = flags2;
	KUNIT_ASSERT_EQ(test, kcifsd_smb_rsp_init(req), 0);
}

static void reply_header(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	u16 flags2 = SMB_FLAGS2_NT_STATUS | SMB_FLAGS2_UNICODE |
		     SMB_FLAGS2_SMB_SECURITY_SIGNATURE |
		     SMB_FLAGS2_LONG_NAMES;
	struct kcifsd_smb_req req;
	struct smb1_hdr *rsp;
	u8 *words;

	req_setup(test, t, &req, SMB_COM_ECHO, flags2);
	req.command = SMB_COM_ECHO;
	words = kcifsd_smb_rsp_block(&req, 1, 2);
	KUNIT_ASSERT_NOT_NULL(test, words);
	kcifsd_smb_rsp_link(&req);
	kcifsd_smb_rsp_header(&req, STATUS_SUCCESS);

	rsp = (struct smb1_hdr *)req.rsp;
	KUNIT_EXPECT_EQ(test, req.rsp_len, 32u + 1 + 2 + 2 + 2);
	KUNIT_EXPECT_TRUE(test, rsp->protocol == SMB1_PROTO_ID);
	KUNIT_EXPECT_EQ(test, rsp->command, SMB_COM_ECHO);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp->status), (u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, rsp->flags,
			SMB_FLAGS_REPLY | SMB_FLAGS_CASE_INSENSITIVE);
	/* Flags2 echoed, minus the signature bit of an unsigned reply. */
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->flags2),
			flags2 & ~SMB_FLAGS2_SMB_SECURITY_SIGNATURE);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->pid_high), 0x1234);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->pid_low), 0xFEFF);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->mid), 7);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->uid), 0x0102);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->tid), 0x0304);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->reserved), 0);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(rsp->signature, 0, 8));
	/* The block: WordCount 1, zeroed word, ByteCount 2. */
	KUNIT_EXPECT_EQ(test, req.rsp[32], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(req.rsp + 35), 2);
	kcifsd_smb_rsp_free(&req);
}

/* An error reply to ECHO; returns its header. */
static const struct smb1_hdr *error_reply(struct kunit *test,
					  struct kcifsd_test_smb *t,
					  struct kcifsd_smb_req *req,
					  u16 flags2, u32 status)
{
	req_setup(test, t, req, SMB_COM_ECHO, flags2);
	req->command = SMB_COM_ECHO;
	kcifsd_smb_rsp_error(req);
	kcifsd_smb_rsp_link(req);
	kcifsd_smb_rsp_header(req, status);
	/* The error response: WordCount 0, ByteCount 0. */
	KUNIT_EXPECT_EQ(test, req->rsp_len, 35u);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(req->rsp + 32, 0, 3));
	return (const struct smb1_hdr *)req->rsp;
}

static void reply_status_forms(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	const struct smb1_hdr *rsp;
	struct kcifsd_smb_req req;

	/* NT status asked for: the NTSTATUS as is. */
	rsp = error_reply(test, t, &req, SMB_FLAGS2_NT_STATUS,
			  STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp->status),
			(u32)STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_TRUE(test, le16_to_cpu(rsp->flags2) &
			  SMB_FLAGS2_NT_STATUS);
	kcifsd_smb_rsp_free(&req);

	/* Not asked for: ERRDOS/ERRnoaccess, and the bit says so. */
	rsp = error_reply(test, t, &req, SMB_FLAGS2_UNICODE,
			  STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp->status),
			SMB_DOS_STATUS(ERRDOS, ERRnoaccess));
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->flags2), SMB_FLAGS2_UNICODE);
	kcifsd_smb_rsp_free(&req);

	/*
	 * The SMB-specific values go out as SMBSTATUS even to an NT status
	 * client (as NTSTATUS their severity would read as success).
	 */
	rsp = error_reply(test, t, &req,
			  SMB_FLAGS2_NT_STATUS | SMB_FLAGS2_UNICODE,
			  STATUS_SMB_BAD_UID);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp->status),
			SMB_DOS_STATUS(ERRSRV, ERRbaduid));
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->flags2), SMB_FLAGS2_UNICODE);
	kcifsd_smb_rsp_free(&req);

	rsp = error_reply(test, t, &req, SMB_FLAGS2_NT_STATUS,
			  STATUS_SMB_NO_SUPPORT);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp->status),
			(u32)STATUS_SMB_NO_SUPPORT);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->flags2), 0);
	kcifsd_smb_rsp_free(&req);

	rsp = error_reply(test, t, &req, SMB_FLAGS2_NT_STATUS,
			  STATUS_OS2_INVALID_LEVEL);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp->status),
			(u32)STATUS_OS2_INVALID_LEVEL);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp->flags2), 0);
	kcifsd_smb_rsp_free(&req);
}

/* SESSION_SETUP_ANDX -> TREE_CONNECT_ANDX -> CLOSE failing. */
static void reply_andx_chain(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct kcifsd_smb_req req;
	const struct smb1_andx *andx;
	unsigned int b1, b2, b3;

	req_setup(test, t, &req, SMB_COM_SESSION_SETUP_ANDX,
		  SMB_FLAGS2_NT_STATUS);

	req.command = SMB_COM_SESSION_SETUP_ANDX;
	KUNIT_ASSERT_NOT_NULL(test, kcifsd_smb_rsp_block(&req, 3, 10));
	kcifsd_smb_rsp_set_bc(&req, 4);
	b1 = req.rsp_block;
	kcifsd_smb_rsp_link(&req);

	req.command = SMB_COM_TREE_CONNECT_ANDX;
	KUNIT_ASSERT_NOT_NULL(test, kcifsd_smb_rsp_block(&req, 3, 6));
	b2 = req.rsp_block;
	kcifsd_smb_rsp_link(&req);

	req.command = SMB_COM_CLOSE;
	kcifsd_smb_rsp_error(&req);
	b3 = req.rsp_block;
	kcifsd_smb_rsp_link(&req);

	KUNIT_EXPECT_EQ(test, b1, 32u);
	KUNIT_EXPECT_EQ(test, b2, 32u + 1 + 6 + 2 + 4);
	KUNIT_EXPECT_EQ(test, b3, b2 + 1 + 6 + 2 + 6);
	KUNIT_EXPECT_EQ(test, req.rsp_len, b3 + 3);

	andx = (const struct smb1_andx *)(req.rsp + b1 + 1);
	KUNIT_EXPECT_EQ(test, andx->command, SMB_COM_TREE_CONNECT_ANDX);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&andx->offset), b2);
	andx = (const struct smb1_andx *)(req.rsp + b2 + 1);
	KUNIT_EXPECT_EQ(test, andx->command, SMB_COM_CLOSE);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&andx->offset), b3);
	kcifsd_smb_rsp_free(&req);
}

static void reply_andx_last(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct kcifsd_smb_req req;
	struct smb1_andx *andx;
	u8 *words;

	req_setup(test, t, &req, SMB_COM_TREE_CONNECT_ANDX, 0);
	req.command = SMB_COM_TREE_CONNECT_ANDX;
	words = kcifsd_smb_rsp_block(&req, 3, 0);
	KUNIT_ASSERT_NOT_NULL(test, words);
	/* Whatever the handler left there, the last link terminates. */
	andx = (struct smb1_andx *)words;
	andx->command = 0x42;
	andx->offset = cpu_to_le16(0x4242);
	kcifsd_smb_rsp_link(&req);
	andx = (struct smb1_andx *)(req.rsp + 33);
	KUNIT_EXPECT_EQ(test, andx->command, SMB_COM_NO_ANDX_COMMAND);
	KUNIT_EXPECT_EQ(test, andx->reserved, 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&andx->offset), 0);
	kcifsd_smb_rsp_free(&req);
}

static void reply_limits(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct kcifsd_smb_req req;
	u8 *bytes;
	unsigned int i;

	req_setup(test, t, &req, SMB_COM_ECHO, 0);
	req.command = SMB_COM_ECHO;
	KUNIT_EXPECT_EQ(test, req.rsp_max, (unsigned int)KCIFSD_SMB_MAX_BUFFER_SIZE);

	/* Larger than ClientMaxBufferSize: refused, nothing changed. */
	KUNIT_EXPECT_NULL(test, kcifsd_smb_rsp_block(&req, 1, req.rsp_max));
	KUNIT_EXPECT_EQ(test, req.rsp_len, 32u);
	/* Exactly the limit fits. */
	KUNIT_EXPECT_NOT_NULL(test, kcifsd_smb_rsp_block(&req, 1,
				req.rsp_max - 32 - 5));
	KUNIT_EXPECT_EQ(test, req.rsp_len, req.rsp_max);

	/* Starting over shrinks; the buffer grew and keeps the data. */
	KUNIT_ASSERT_NOT_NULL(test, kcifsd_smb_rsp_block(&req, 1, 3000));
	bytes = kcifsd_smb_rsp_bytes(&req);
	KUNIT_EXPECT_EQ(test, kcifsd_smb_rsp_offset(&req, bytes), 32u + 5);
	for (i = 0; i < 3000; i++)
		bytes[i] = i;
	kcifsd_smb_rsp_set_bc(&req, 2999);
	KUNIT_EXPECT_EQ(test, req.rsp_len, 32u + 5 + 2999);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(req.rsp + 35), 2999);
	KUNIT_EXPECT_EQ(test, req.rsp[32 + 5 + 2998], (u8)2998);

	/* A failing handler's block becomes the error block. */
	kcifsd_smb_rsp_error(&req);
	KUNIT_EXPECT_EQ(test, req.rsp_len, 35u);
	kcifsd_smb_rsp_free(&req);
}

static struct kunit_case reply_cases[] = {
	KUNIT_CASE(reply_header),
	KUNIT_CASE(reply_status_forms),
	KUNIT_CASE(reply_andx_chain),
	KUNIT_CASE(reply_andx_last),
	KUNIT_CASE(reply_limits),
	{}
};

static struct kunit_suite reply_suite = {
	.name = "kcifsd_smb_reply",
	.test_cases = reply_cases,
};

kunit_test_suite(reply_suite);
