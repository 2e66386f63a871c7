// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building SMB1 replies: the header (MS-CIFS 3.3.4.1), one reply block per
 * command of an AndX chain linked together (3.3.5.2.4), error responses
 * (3.3.4.1.2), the NTSTATUS / SMBSTATUS choice, and sending extra replies
 * to one request (ECHO, multi-part transactions). Every reply leaves the
 * server through kcifsd_smb_rsp_header(), the one place that fills the
 * header, then kcifsd_smb_rsp_sign(), which signs it once it is complete
 * (with the file data that follows it).
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <asm/unaligned.h>

#include "fs/signing_seq.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/transaction.h"
#include "net/connection.h"

/* Most replies (errors, NEGOTIATE, small AndX chains) fit in this. */
#define RSP_INITIAL_SIZE	512

/* Size of WordCount + ByteCount around a block's words and bytes. */
#define BLOCK_OVERHEAD		3

static int rsp_grow(struct kcifsd_smb_req *req, unsigned int need)
{
	unsigned int size = req->rsp_size;
	u8 *p;

	if (need <= size)
		return 0;
	while (size < need)
		size *= 2;
	p = kvrealloc(req->rsp, req->rsp_size, size, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	req->rsp = p;
	req->rsp_size = size;
	return 0;
}

/**
 * kcifsd_smb_rsp_init() - allocate the reply of a request
 * @req: the request; @req->sc must be set
 *
 * The reply may grow up to ClientMaxBufferSize
 * (@req->sc->client_max_buffer_size, MS-CIFS 3.3.4.1).
 *
 * Return: 0 or -ENOMEM.
 */
int kcifsd_smb_rsp_init(struct kcifsd_smb_req *req)
{
	req->rsp_max = req->sc->client_max_buffer_size;
	req->rsp_size = RSP_INITIAL_SIZE;
	req->rsp = kvmalloc(req->rsp_size, GFP_KERNEL);
	if (!req->rsp)
		return -ENOMEM;
	req->rsp_len = sizeof(struct smb1_hdr);
	req->rsp_block = 0;
	req->rsp_andx = 0;
	return 0;
}

/**
 * kcifsd_smb_rsp_free() - free a reply that was not handed to the core
 * @req: the request
 */
void kcifsd_smb_rsp_free(struct kcifsd_smb_req *req)
{
	kvfree(req->rsp);
	req->rsp = NULL;
	req->rsp_size = 0;
	req->rsp_len = 0;
}

/**
 * kcifsd_smb_rsp_block() - start the current command's reply block
 * @req: the request
 * @wc: WordCount of the reply
 * @max_bc: the most data bytes the handler will write; ByteCount is set
 *	to this and kcifsd_smb_rsp_set_bc() lowers it
 *
 * Called again for the same command, it starts the block over (used to
 * build the next part of a multi-part reply). Words and bytes are zeroed.
 * The pointers returned here and by kcifsd_smb_rsp_bytes() stay valid
 * until the next call of kcifsd_smb_rsp_block().
 *
 * Return: the reply's Words (2 * @wc bytes, unaligned), or NULL if the
 * reply would exceed ClientMaxBufferSize or memory ran out; the handler
 * then returns STATUS_INSUFF_SERVER_RESOURCES or a command-specific
 * status.
 */
void *kcifsd_smb_rsp_block(struct kcifsd_smb_req *req, u8 wc,
			   unsigned int max_bc)
{
	unsigned int start = req->rsp_block ? req->rsp_block : req->rsp_len;
	unsigned int need;
	u8 *blk;

	if (max_bc > U16_MAX)
		return NULL;
	need = start + BLOCK_OVERHEAD + 2 * wc + max_bc;
	/* Room for an error block after this one: kcifsd_smb_rsp_error(). */
	if (need > req->rsp_max || rsp_grow(req, need + BLOCK_OVERHEAD))
		return NULL;

	blk = req->rsp + start;
	memset(blk, 0, need - start);
	blk[0] = wc;
	put_unaligned_le16(max_bc, blk + 1 + 2 * wc);
	req->rsp_block = start;
	req->rsp_len = need;
	return blk + 1;
}

/**
 * kcifsd_smb_rsp_bytes() - the data bytes of the current reply block
 * @req: the request, after kcifsd_smb_rsp_block()
 *
 * Return: pointer to the first byte after ByteCount.
 */
u8 *kcifsd_smb_rsp_bytes(struct kcifsd_smb_req *req)
{
	u8 *blk = req->rsp + req->rsp_block;

	return blk + 1 + 2 * blk[0] + 2;
}

/**
 * kcifsd_smb_rsp_set_bc() - set the final ByteCount of the reply block
 * @req: the request, after kcifsd_smb_rsp_block()
 * @bc: data bytes actually written, at most the reserved count
 */
void kcifsd_smb_rsp_set_bc(struct kcifsd_smb_req *req, unsigned int bc)
{
	u8 *blk = req->rsp + req->rsp_block;
	u8 *bcp = blk + 1 + 2 * blk[0];

	if (WARN_ON_ONCE(bc > get_unaligned_le16(bcp)))
		return;
	put_unaligned_le16(bc, bcp);
	req->rsp_len = req->rsp_block + BLOCK_OVERHEAD + 2 * blk[0] + bc;
}

/**
 * kcifsd_smb_rsp_offset() - offset of a reply byte from the header start
 * @req: the request
 * @p: a pointer into the reply
 *
 * For DataOffset-style fields and for the 2-byte alignment of Unicode
 * strings, which is relative to the header (MS-CIFS 2.2.1.1).
 *
 * Return: the offset.
 */
unsigned int kcifsd_smb_rsp_offset(struct kcifsd_smb_req *req, const void *p)
{
	return (const u8 *)p - req->rsp;
}

/**
 * kcifsd_smb_rsp_error() - make the current command's reply an error block
 * @req: the request
 *
 * MS-CIFS 3.3.4.1.2: WordCount 0 and ByteCount 0, replacing whatever the
 * handler had built. It always fits: kcifsd_smb_rsp_block() keeps room for
 * one more empty block after every block it makes.
 */
void kcifsd_smb_rsp_error(struct kcifsd_smb_req *req)
{
	unsigned int start = req->rsp_block ? req->rsp_block : req->rsp_len;

	memset(req->rsp + start, 0, BLOCK_OVERHEAD);
	req->rsp_block = start;
	req->rsp_len = start + BLOCK_OVERHEAD;
}

/**
 * kcifsd_smb_rsp_link() - chain the finished reply block of a command
 * @req: the request; @req->command is the command the block answers
 *
 * Points the previous AndX reply block at this one (MS-CIFS 2.2.3.4:
 * AndXCommand and AndXOffset from the header start) and, if this block is
 * itself an AndX reply, marks it as the end of the chain until a further
 * block is linked after it. Then the next command starts a new block.
 */
void kcifsd_smb_rsp_link(struct kcifsd_smb_req *req)
{
	struct smb1_andx *andx;
	u8 *blk = req->rsp + req->rsp_block;

	if (req->rsp_andx) {
		andx = (struct smb1_andx *)(req->rsp + req->rsp_andx + 1);
		andx->command = req->command;
		andx->reserved = 0;
		put_unaligned_le16(req->rsp_block, &andx->offset);
	}
	req->rsp_andx = 0;
	if (kcifsd_andx_is_andx(req->command) &&
	    blk[0] >= sizeof(*andx) / 2) {
		andx = (struct smb1_andx *)(blk + 1);
		andx->command = SMB_COM_NO_ANDX_COMMAND;
		andx->reserved = 0;
		andx->offset = 0;
		req->rsp_andx = req->rsp_block;
	}
	req->rsp_block = 0;
}

/*
 * The SMB-specific values of fs/ntstatus.h (STATUS_SMB_BAD_UID,
 * STATUS_INVALID_SMB, STATUS_OS2_*, ...) are SMBSTATUS pairs: read as an
 * NTSTATUS they have success severity, and Samba's client then takes the
 * error for a success it cannot parse. They always go out in the
 * SMBSTATUS form, Flags2 NT_STATUS clear, as Samba's server sends them.
 */
static bool status_is_smbstatus(u32 status)
{
	u16 eclass = status & 0xffff;

	if (status == STATUS_SMB_NO_SUPPORT)
		return true;
	return (status >> 30) == 0 && (status >> 16) &&
	       (eclass == ERRDOS || eclass == ERRSRV);
}

/**
 * kcifsd_smb_rsp_header() - write the reply header
 * @req: the request
 * @status: the NTSTATUS of the reply
 *
 * MS-CIFS 3.3.4.1: REPLY set, PID and MID echoed, TID and UID as they
 * stand at the end of the chain (3.3.5.2.4), Reserved zero (3.3.4.1.1),
 * SecuritySignature zero while signing is off. Flags2 is the request's
 * (3.3.4.1.1) except for two bits that describe this message rather than
 * the client: NT_STATUS says which status form is used (2.2.3.1: NTSTATUS
 * when the client set it, SMBSTATUS otherwise and for the SMB-specific
 * values), and SMB_SECURITY_SIGNATURE
 * is only set on a message that is actually signed.
 */
void kcifsd_smb_rsp_header(struct kcifsd_smb_req *req, u32 status)
{
	struct smb1_hdr *rsp = (struct smb1_hdr *)req->rsp;
	const struct smb1_hdr *hdr = req->hdr;
	u16 flags2 = req->flags2 & ~SMB_FLAGS2_SMB_SECURITY_SIGNATURE;

	if (status_is_smbstatus(status))
		flags2 &= ~SMB_FLAGS2_NT_STATUS;
	else if (!(flags2 & SMB_FLAGS2_NT_STATUS))
		status = kcifsd_ntstatus_to_dos(status);

	memset(rsp, 0, sizeof(*rsp));
	rsp->protocol = SMB1_PROTO_ID;
	/* A transaction's replies carry the primary's code (fs/transaction.c). */
	rsp->command = kcifsd_trans_primary_of(hdr->command);
	rsp->status = cpu_to_le32(status);
	/* Samba-style: echo the client's case-insensitivity bit. */
	rsp->flags = SMB_FLAGS_REPLY | req->rsp_flags |
		     (hdr->flags & SMB_FLAGS_CASE_INSENSITIVE);
	rsp->flags2 = cpu_to_le16(flags2);
	rsp->pid_high = hdr->pid_high;
	rsp->tid = cpu_to_le16(req->tid);
	rsp->pid_low = hdr->pid_low;
	rsp->uid = cpu_to_le16(req->uid);
	rsp->mid = hdr->mid;
}

/**
 * kcifsd_smb_rsp_sign() - sign a finished reply if the connection signs
 * @req: the request; the reply's header is written
 * @data: file data pages sent after the reply, or NULL
 * @nr_data: entries in @data
 *
 * MS-CIFS 3.3.4.1: with signing active every reply to a request that came
 * after the activating SESSION_SETUP_ANDX is signed with that request's
 * ServerSendSequenceNumber (fs/signing_seq.h), all replies to one request
 * with the same one. Unsigned, SecuritySignature stays zero, except that
 * a SESSION_SETUP_ANDX reply echoes the request's (SHOULD, <226>).
 */
void kcifsd_smb_rsp_sign(struct kcifsd_smb_req *req,
			 const struct bio_vec *data, unsigned int nr_data)
{
	struct smb1_hdr *rsp = (struct smb1_hdr *)req->rsp;

	if (kcifsd_sign_response(&req->sc->sign, req->work->seq, req->rsp,
				 req->rsp_len, data, nr_data))
		return;
	if (req->hdr->command == SMB_COM_SESSION_SETUP_ANDX)
		memcpy(rsp->signature, req->hdr->signature,
		       sizeof(rsp->signature));
}

/**
 * kcifsd_smb_rsp_send() - send the reply built so far, keep the request
 * @req: the request
 * @status: the NTSTATUS of this reply
 *
 * For requests that get several replies: the reply is sent now, as one
 * whole message; the handler may then change it or rebuild the block and
 * send again, and the last reply is left for the core to send after the
 * handler returns.
 *
 * Return: 0, or a negative errno if the connection is failing (the
 * handler stops sending; the core is already closing the connection).
 */
int kcifsd_smb_rsp_send(struct kcifsd_smb_req *req, u32 status)
{
	struct kvec iov;

	kcifsd_smb_rsp_header(req, status);
	kcifsd_smb_rsp_sign(req, NULL, 0);
	iov.iov_base = req->rsp;
	iov.iov_len = req->rsp_len;
	return kcifsd_conn_send_reply(req->conn, &iov, 1, NULL, 0);
}

/**
 * kcifsd_smb_rsp_none() - this request gets no reply at all
 * @req: the request
 *
 * For ECHO with EchoCount 0 and other one-way requests. Only honoured for
 * the first command of a message; it ends the chain.
 */
void kcifsd_smb_rsp_none(struct kcifsd_smb_req *req)
{
	req->no_reply = true;
}
