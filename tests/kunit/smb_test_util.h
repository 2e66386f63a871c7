/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test helpers for the SMB1 wire-layer suites: a connection and a work
 * item without a socket, and a builder for request messages, so handlers
 * and the dispatcher run exactly as the worker pool runs them.
 *
 * A fake connection has no transport behind it: a handler that sends an
 * extra reply itself (ECHO with EchoCount > 1) must not run on it; the
 * guest tests cover that path.
 */
#ifndef _KCIFSD_SMB_TEST_UTIL_H
#define _KCIFSD_SMB_TEST_UTIL_H

#include <kunit/test.h>

#include "fs/smb1pdu.h"
#include "net/connection.h"

#define KCIFSD_TEST_MSG_MAX	1024

/**
 * struct kcifsd_test_smb - a connection, one request and its reply
 * @conn: the connection, with fs/ state from kcifsd_smb_conn_init()
 * @work: the work the request is handled in
 * @msg: the request being built
 * @len: bytes of @msg used
 * @rsp: the reply of the last kcifsd_test_smb_run() or _resume(), NULL if
 *	none (no reply, or the request parked)
 * @rsp_len: its length
 */
struct kcifsd_test_smb {
	struct kcifsd_conn conn;
	struct kcifsd_work work;
	u8 msg[KCIFSD_TEST_MSG_MAX];
	unsigned int len;
	const u8 *rsp;
	unsigned int rsp_len;
};

struct kcifsd_test_smb *kcifsd_test_smb_new(struct kunit *test);
void kcifsd_test_msg_hdr(struct kcifsd_test_smb *t, u8 command, u16 flags2);
unsigned int kcifsd_test_msg_block(struct kcifsd_test_smb *t, u8 wc,
				   const void *words, u16 bc,
				   const void *bytes);
void kcifsd_test_msg_andx(struct kcifsd_test_smb *t, unsigned int block,
			  u8 next, u16 offset);
void kcifsd_test_smb_run(struct kunit *test, struct kcifsd_test_smb *t);
void kcifsd_test_smb_resume(struct kunit *test, struct kcifsd_test_smb *t);
u32 kcifsd_test_rsp_status(const struct kcifsd_test_smb *t);
void kcifsd_test_negotiate(struct kunit *test, struct kcifsd_test_smb *t,
			   u16 flags2);

#endif /* _KCIFSD_SMB_TEST_UTIL_H */
