// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helpers for the SMB1 wire-layer suites; see smb_test_util.h.
 */

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "tests/kunit/smb_test_util.h"

static int fake_send(struct kcifsd_conn *conn, struct kvec *iov,
		     unsigned int nr_iov, struct bio_vec *bvec,
		     unsigned int nr_bvec)
{
	return -EIO;
}

static void fake_nop(struct kcifsd_conn *conn)
{
}

static const struct kcifsd_transport_ops fake_ops = {
	.name = "kunit",
	.send = fake_send,
	.resume_rx = fake_nop,
	.shutdown = fake_nop,
	.release = fake_nop,
};

static int smb_test_res_init(struct kunit_resource *res, void *context)
{
	res->data = context;
	return 0;
}

static void smb_test_res_free(struct kunit_resource *res)
{
	struct kcifsd_test_smb *t = res->data;

	kvfree(t->work.response);
	kvfree(t->work.request);
	kcifsd_smb_conn_release(&t->conn);
}

/**
 * kcifsd_test_smb_new() - a fake connection, freed when the test ends
 * @test: the test
 *
 * Return: the connection, past kcifsd_smb_conn_init(), with the server
 * defaults the core would set (MaxMpxCount 50, a 64 KiB message limit).
 */
struct kcifsd_test_smb *kcifsd_test_smb_new(struct kunit *test)
{
	struct kcifsd_test_smb *t;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	refcount_set(&t->conn.refcnt, 1);
	t->conn.ops = &fake_ops;
	t->conn.phase = KCIFSD_PHASE_NEW;
	mutex_init(&t->conn.send_lock);
	spin_lock_init(&t->conn.req_lock);
	INIT_LIST_HEAD(&t->conn.running);
	INIT_LIST_HEAD(&t->conn.backlog);
	t->conn.max_mpx = 50;
	t->conn.max_msg_size = 65536;
	KUNIT_ASSERT_EQ(test, kcifsd_smb_conn_init(&t->conn), 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test,
		kunit_alloc_resource(test, smb_test_res_init,
				     smb_test_res_free, GFP_KERNEL, t));
	t->work.conn = &t->conn;
	INIT_LIST_HEAD(&t->work.node);
	return t;
}

/**
 * kcifsd_test_msg_hdr() - start a request message
 * @t: the test connection
 * @command: SMB_COM_* of the first command
 * @flags2: SMB_FLAGS2_*
 *
 * PID 0x1234:0xFEFF, MID 7, UID 0, TID 0xFFFF, like a client before login.
 */
void kcifsd_test_msg_hdr(struct kcifsd_test_smb *t, u8 command, u16 flags2)
{
	struct smb1_hdr *hdr = (struct smb1_hdr *)t->msg;

	memset(t->msg, 0, sizeof(t->msg));
	hdr->protocol = SMB1_PROTO_ID;
	hdr->command = command;
	hdr->flags = SMB_FLAGS_CASE_INSENSITIVE;
	hdr->flags2 = cpu_to_le16(flags2);
	hdr->pid_high = cpu_to_le16(0x1234);
	hdr->tid = cpu_to_le16(0xFFFF);
	hdr->pid_low = cpu_to_le16(0xFEFF);
	hdr->mid = cpu_to_le16(7);
	t->len = sizeof(*hdr);
}

/**
 * kcifsd_test_msg_block() - append a Parameter/Data block pair
 * @t: the test connection
 * @wc: WordCount
 * @words: 2 * @wc bytes, or NULL for zeros
 * @bc: ByteCount
 * @bytes: @bc bytes, or NULL for zeros
 *
 * Return: the block's offset from the header start.
 */
unsigned int kcifsd_test_msg_block(struct kcifsd_test_smb *t, u8 wc,
				   const void *words, u16 bc,
				   const void *bytes)
{
	unsigned int off = t->len;
	u8 *p = t->msg + off;

	if (WARN_ON(off + 3 + 2 * wc + bc > sizeof(t->msg)))
		return off;
	p[0] = wc;
	if (words)
		memcpy(p + 1, words, 2 * wc);
	put_unaligned_le16(bc, p + 1 + 2 * wc);
	if (bytes)
		memcpy(p + 3 + 2 * wc, bytes, bc);
	t->len = off + 3 + 2 * wc + bc;
	return off;
}

/**
 * kcifsd_test_msg_andx() - set the AndX block of a request block
 * @t: the test connection
 * @block: offset of the block, from kcifsd_test_msg_block()
 * @next: AndXCommand
 * @offset: AndXOffset
 */
void kcifsd_test_msg_andx(struct kcifsd_test_smb *t, unsigned int block,
			  u8 next, u16 offset)
{
	struct smb1_andx *andx = (struct smb1_andx *)(t->msg + block + 1);

	andx->command = next;
	andx->reserved = 0;
	put_unaligned_le16(offset, &andx->offset);
}

/* After kcifsd_smb_handle(): keep a parked request, else collect. */
static void smb_test_done(struct kunit *test, struct kcifsd_test_smb *t)
{
	if (t->work.parked)
		return;
	kvfree(t->work.request);
	t->work.request = NULL;
	t->rsp = t->work.response;
	t->rsp_len = t->work.response_len;
	if (t->rsp)
		KUNIT_EXPECT_GE(test, t->rsp_len, (unsigned int)SMB1_MIN_MSG_SIZE);
}

/**
 * kcifsd_test_smb_run() - hand the message to kcifsd_smb_handle()
 * @test: the test
 * @t: the test connection; @t->msg / @t->len is the request
 *
 * The work's reply flags are reset first; afterwards @t->rsp is the reply
 * (or NULL with work.no_reply set).
 */
void kcifsd_test_smb_run(struct kunit *test, struct kcifsd_test_smb *t)
{
	void *req;

	kvfree(t->work.response);
	t->work.response = NULL;
	t->work.response_len = 0;
	t->work.no_reply = false;
	t->work.disconnect = false;
	t->rsp = NULL;
	t->rsp_len = 0;

	req = kvmalloc(t->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, req);
	memcpy(req, t->msg, t->len);
	t->work.request = req;
	t->work.request_len = t->len;
	kcifsd_smb_handle(&t->work);
	smb_test_done(test, t);
}

/**
 * kcifsd_test_smb_resume() - run a parked request again, as
 *	kcifsd_work_resume() would
 * @test: the test
 * @t: the test connection, after kcifsd_test_smb_run() left work.parked
 */
void kcifsd_test_smb_resume(struct kunit *test, struct kcifsd_test_smb *t)
{
	KUNIT_ASSERT_TRUE(test, t->work.parked);
	kcifsd_smb_handle(&t->work);
	smb_test_done(test, t);
}

/**
 * kcifsd_test_rsp_status() - the Status field of the last reply
 * @t: the test connection, after kcifsd_test_smb_run() gave a reply
 *
 * Return: Status as a host-order u32 (NTSTATUS or packed SMBSTATUS).
 */
u32 kcifsd_test_rsp_status(const struct kcifsd_test_smb *t)
{
	return le32_to_cpu(((const struct smb1_hdr *)t->rsp)->status);
}

/**
 * kcifsd_test_negotiate() - negotiate NT LM 0.12 on a test connection
 * @test: the test
 * @t: the test connection
 * @flags2: Flags2 of the NEGOTIATE request
 */
void kcifsd_test_negotiate(struct kunit *test, struct kcifsd_test_smb *t,
			   u16 flags2)
{
	static const char dialects[] = "\x02PC NETWORK PROGRAM 1.0\0"
				       "\x02NT LM 0.12";

	kcifsd_test_msg_hdr(t, SMB_COM_NEGOTIATE, flags2);
	kcifsd_test_msg_block(t, 0, NULL, sizeof(dialects), dialects);
	kcifsd_test_smb_run(test, t);
	KUNIT_ASSERT_NOT_NULL(test, t->rsp);
	KUNIT_ASSERT_EQ(test, kcifsd_test_rsp_status(t), (u32)STATUS_SUCCESS);
}
