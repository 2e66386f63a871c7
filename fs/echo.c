// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB_COM_ECHO (MS-CIFS 2.2.4.39, 3.3.5.33): EchoCount replies carrying the
 * request's data, numbered 1..EchoCount; EchoCount 0 gets no reply.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/smb_req.h"
#include "net/connection.h"

/*
 * "The server MAY enforce any nonzero limit in the number of responses"
 * (3.3.5.33). Clients use ECHO as a keepalive with EchoCount 1; the cap
 * bounds how long one request keeps a worker busy sending.
 */
#define KCIFSD_ECHO_MAX_REPLIES	100

/**
 * kcifsd_smb_echo() - SMB_COM_ECHO handler
 * @req: the request
 *
 * The TID is not checked: MS-CIFS asks for a valid TID or 0xFFFF, but
 * Windows NT ignores it (<291>) and clients send whatever TID they have,
 * including none before the first tree connect. An NT_CANCEL for the
 * request stops further replies (3.3.5.33). All replies but the last are
 * sent from here; the last is left for the core.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_echo(struct kcifsd_smb_req *req)
{
	const struct smb1_echo_req *echo = (const void *)req->words;
	unsigned int count = get_unaligned_le16(&echo->echo_count);
	struct smb1_echo_rsp *rsp;
	unsigned int seq;

	if (!count) {
		kcifsd_smb_rsp_none(req);
		return STATUS_SUCCESS;
	}
	count = min_t(unsigned int, count, KCIFSD_ECHO_MAX_REPLIES);

	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, req->bc);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	memcpy(kcifsd_smb_rsp_bytes(req), req->bytes, req->bc);

	for (seq = 1; seq < count; seq++) {
		rsp->sequence_number = cpu_to_le16(seq);
		if (READ_ONCE(req->work->cancelled) ||
		    kcifsd_smb_rsp_send(req, STATUS_SUCCESS)) {
			kcifsd_smb_rsp_none(req);
			return STATUS_SUCCESS;
		}
	}
	rsp->sequence_number = cpu_to_le16(seq);
	if (READ_ONCE(req->work->cancelled))
		kcifsd_smb_rsp_none(req);
	return STATUS_SUCCESS;
}
