// SPDX-License-Identifier: GPL-2.0-only
/*
 * Request validation that does not depend on state: the header, the
 * placement of each Parameter/Data block inside the message, and the
 * command code and WordCount/ByteCount of every SMB_COM_* request, from
 * one table (MS-CIFS 2.2.2.1 for the codes, 2.2.4.x for each request
 * format, 3.3.5.2 for the order of the checks).
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <asm/unaligned.h>

#include "fs/smb_req.h"

/*
 * What the spec says about each command code as a request.
 * KCIFSD_FMT_UNUSED (0, every code not in the table): "Unused" or
 *	"Reserved" in 2.2.2.1, or SMB_COM_INVALID / SMB_COM_NO_ANDX_COMMAND:
 *	STATUS_SMB_BAD_COMMAND.
 * KCIFSD_FMT_OBSOLETE: status X or N: STATUS_NOT_IMPLEMENTED (each command's
 *	2.2.4.x text says SHOULD or MUST); no request format to check.
 * KCIFSD_FMT_VALID: a current, deprecated or obsolescent command with the
 *	request format below.
 * KCIFSD_FMT_NO_REQUEST: a valid code that only a server sends
 *	(WRITE_COMPLETE, 2.2.4.28): not implemented as a request.
 */
enum kcifsd_fmt_kind {
	KCIFSD_FMT_UNUSED,
	KCIFSD_FMT_OBSOLETE,
	KCIFSD_FMT_VALID,
	KCIFSD_FMT_NO_REQUEST,
};

/* wc_flags */
#define WC_ONE_OF	0	/* WordCount is wc1 or wc2 */
#define WC_AT_LEAST	1	/* WordCount >= wc1 (transactions: + SetupCount) */

/**
 * struct kcifsd_smb_fmt - the request format of one command code
 * @kind: enum kcifsd_fmt_kind
 * @wc_flags: WC_ONE_OF or WC_AT_LEAST
 * @wc1: the WordCount (or the minimum)
 * @wc2: the other allowed WordCount (equal to @wc1 when there is one)
 * @bc_min: the smallest ByteCount the request format allows. "MUST be
 *	0x0000" is taken as a minimum too: extra bytes are ignored like
 *	excess transport data (MS-CIFS 3.3.5.2).
 */
struct kcifsd_smb_fmt {
	u8 kind;
	u8 wc_flags;
	u8 wc1;
	u8 wc2;
	u16 bc_min;
};

#define REQ(wc, bc)		{ KCIFSD_FMT_VALID, WC_ONE_OF, wc, wc, bc }
#define REQ2(w1, w2, bc)	{ KCIFSD_FMT_VALID, WC_ONE_OF, w1, w2, bc }
#define REQ_MIN(wc, bc)		{ KCIFSD_FMT_VALID, WC_AT_LEAST, wc, wc, bc }
#define OBSOLETE		{ KCIFSD_FMT_OBSOLETE }

static const struct kcifsd_smb_fmt kcifsd_smb_fmts[256] = {
	[SMB_COM_CREATE_DIRECTORY]	= REQ(0, 2),	/* 2.2.4.1.1 */
	[SMB_COM_DELETE_DIRECTORY]	= REQ(0, 2),	/* 2.2.4.2.1 */
	[SMB_COM_OPEN]			= REQ(2, 2),	/* 2.2.4.3.1 */
	[SMB_COM_CREATE]		= REQ(3, 2),	/* 2.2.4.4.1 */
	[SMB_COM_CLOSE]			= REQ(3, 0),	/* 2.2.4.5.1 */
	[SMB_COM_FLUSH]			= REQ(1, 0),	/* 2.2.4.6.1 */
	[SMB_COM_DELETE]		= REQ(1, 2),	/* 2.2.4.7.1 */
	[SMB_COM_RENAME]		= REQ(1, 2),	/* 2.2.4.8.1 */
	[SMB_COM_QUERY_INFORMATION]	= REQ(0, 2),	/* 2.2.4.9.1 */
	[SMB_COM_SET_INFORMATION]	= REQ(8, 2),	/* 2.2.4.10.1 */
	[SMB_COM_READ]			= REQ(5, 0),	/* 2.2.4.11.1 */
	[SMB_COM_WRITE]			= REQ(5, 0),	/* 2.2.4.12.1; see handler */
	[SMB_COM_LOCK_BYTE_RANGE]	= REQ(5, 0),	/* 2.2.4.13.1 */
	[SMB_COM_UNLOCK_BYTE_RANGE]	= REQ(5, 0),	/* 2.2.4.14.1 */
	[SMB_COM_CREATE_TEMPORARY]	= REQ(3, 2),	/* 2.2.4.15.1 */
	[SMB_COM_CREATE_NEW]		= REQ(3, 2),	/* 2.2.4.16.1 */
	[SMB_COM_CHECK_DIRECTORY]	= REQ(0, 2),	/* 2.2.4.17.1 */
	[SMB_COM_PROCESS_EXIT]		= REQ(0, 0),	/* 2.2.4.18.1 */
	[SMB_COM_SEEK]			= REQ(4, 0),	/* 2.2.4.19.1 */
	[SMB_COM_LOCK_AND_READ]		= REQ(5, 0),	/* 2.2.4.20.1 */
	[SMB_COM_WRITE_AND_UNLOCK]	= REQ(5, 3),	/* 2.2.4.21.1 */
	[SMB_COM_READ_RAW]		= REQ2(8, 10, 0),	/* 2.2.4.22.1 */
	[SMB_COM_READ_MPX]		= REQ(8, 0),	/* 2.2.4.23.1 */
	[SMB_COM_READ_MPX_SECONDARY]	= OBSOLETE,	/* 2.2.4.24 */
	[SMB_COM_WRITE_RAW]		= REQ2(12, 14, 0),	/* 2.2.4.25.1 */
	[SMB_COM_WRITE_MPX]		= REQ(12, 1),	/* 2.2.4.26.1 */
	[SMB_COM_WRITE_MPX_SECONDARY]	= OBSOLETE,	/* 2.2.4.27 */
	[SMB_COM_WRITE_COMPLETE]	= { KCIFSD_FMT_NO_REQUEST },
	[SMB_COM_QUERY_SERVER]		= OBSOLETE,	/* 2.2.4.29 */
	[SMB_COM_SET_INFORMATION2]	= REQ(7, 0),	/* 2.2.4.30.1 */
	[SMB_COM_QUERY_INFORMATION2]	= REQ(1, 0),	/* 2.2.4.31.1 */
	[SMB_COM_LOCKING_ANDX]		= REQ(8, 0),	/* 2.2.4.32.1 */
	[SMB_COM_TRANSACTION]		= REQ_MIN(14, 0),	/* 2.2.4.33.1 */
	[SMB_COM_TRANSACTION_SECONDARY]	= REQ(8, 0),	/* 2.2.4.34.1 */
	[SMB_COM_IOCTL]			= REQ(14, 0),	/* 2.2.4.35.1 */
	[SMB_COM_IOCTL_SECONDARY]	= OBSOLETE,	/* 2.2.4.36 */
	[SMB_COM_COPY]			= OBSOLETE,	/* 2.2.4.37 */
	[SMB_COM_MOVE]			= OBSOLETE,	/* 2.2.4.38 */
	[SMB_COM_ECHO]			= REQ(1, 0),	/* 2.2.4.39.1 */
	[SMB_COM_WRITE_AND_CLOSE]	= REQ2(6, 12, 1),	/* 2.2.4.40.1 */
	[SMB_COM_OPEN_ANDX]		= REQ(15, 2),	/* 2.2.4.41.1 */
	[SMB_COM_READ_ANDX]		= REQ2(10, 12, 0),	/* 2.2.4.42.1 */
	/*
	 * ByteCount is 1 + DataLength, "at least 1" (2.2.4.43.1), but a
	 * 0xFFFF-byte large write wraps it to 0 and clients send that:
	 * the handler checks the data against the message instead.
	 */
	[SMB_COM_WRITE_ANDX]		= REQ2(12, 14, 0),	/* 2.2.4.43.1 */
	[SMB_COM_NEW_FILE_SIZE]		= OBSOLETE,	/* 2.2.4.44 */
	[SMB_COM_CLOSE_AND_TREE_DISC]	= OBSOLETE,	/* 2.2.4.45 */
	[SMB_COM_TRANSACTION2]		= REQ_MIN(14, 0),	/* 2.2.4.46.1 */
	[SMB_COM_TRANSACTION2_SECONDARY] = REQ(9, 0),	/* 2.2.4.47.1 */
	[SMB_COM_FIND_CLOSE2]		= REQ(1, 0),	/* 2.2.4.48.1 */
	[SMB_COM_FIND_NOTIFY_CLOSE]	= OBSOLETE,	/* 2.2.4.49 */
	[SMB_COM_TREE_CONNECT]		= REQ(0, 6),	/* 2.2.4.50.1 */
	[SMB_COM_TREE_DISCONNECT]	= REQ(0, 0),	/* 2.2.4.51.1 */
	[SMB_COM_NEGOTIATE]		= REQ(0, 2),	/* 2.2.4.52.1 */
	/* 13 words (MS-CIFS 2.2.4.53.1) or 12 (MS-SMB 2.2.4.6.1) */
	[SMB_COM_SESSION_SETUP_ANDX]	= REQ2(12, 13, 0),
	[SMB_COM_LOGOFF_ANDX]		= REQ(2, 0),	/* 2.2.4.54.1 */
	[SMB_COM_TREE_CONNECT_ANDX]	= REQ(4, 3),	/* 2.2.4.55.1 */
	[SMB_COM_SECURITY_PACKAGE_ANDX]	= OBSOLETE,	/* 2.2.4.56 */
	[SMB_COM_QUERY_INFORMATION_DISK] = REQ(0, 0),	/* 2.2.4.57.1 */
	[SMB_COM_SEARCH]		= REQ(2, 5),	/* 2.2.4.58.1 */
	[SMB_COM_FIND]			= REQ(2, 5),	/* 2.2.4.59.1 */
	[SMB_COM_FIND_UNIQUE]		= REQ(2, 5),	/* 2.2.4.60.1 */
	[SMB_COM_FIND_CLOSE]		= REQ(2, 26),	/* 2.2.4.61.1 */
	[SMB_COM_NT_TRANSACT]		= REQ_MIN(19, 0),	/* 2.2.4.62.1 */
	[SMB_COM_NT_TRANSACT_SECONDARY]	= REQ(18, 0),	/* 2.2.4.63.1 */
	/* 2 is the non-Unicode minimum; the handler checks the Unicode one */
	[SMB_COM_NT_CREATE_ANDX]	= REQ(24, 2),	/* 2.2.4.64.1 */
	[SMB_COM_NT_CANCEL]		= REQ(0, 0),	/* 2.2.4.65.1 */
	[SMB_COM_NT_RENAME]		= REQ(4, 4),	/* 2.2.4.66.1 */
	[SMB_COM_OPEN_PRINT_FILE]	= REQ(2, 2),	/* 2.2.4.67.1 */
	[SMB_COM_WRITE_PRINT_FILE]	= REQ(1, 3),	/* 2.2.4.68.1 */
	[SMB_COM_CLOSE_PRINT_FILE]	= REQ(1, 0),	/* 2.2.4.69.1 */
	[SMB_COM_GET_PRINT_QUEUE]	= OBSOLETE,	/* 2.2.4.70 */
	[SMB_COM_READ_BULK]		= OBSOLETE,	/* 2.2.4.71 */
	[SMB_COM_WRITE_BULK]		= OBSOLETE,	/* 2.2.4.72 */
	[SMB_COM_WRITE_BULK_DATA]	= OBSOLETE,	/* 2.2.4.73 */
};

/**
 * kcifsd_smb_check_header() - is this an SMB1 request at all?
 * @msg: the whole message, transport framing stripped
 * @len: its length (at least 4, the transport guarantees it)
 *
 * MS-CIFS 3.3.5.2: the protocol identifier must be 0xFF 'S' 'M' 'B'; NT
 * drops the connection otherwise (<3>, MS-CIFS 2.1), and so do we: the
 * peer is not speaking SMB1 (an SMB2 "\xFESMB" negotiate included). A
 * message that has a header but is shorter than the 35-byte minimum, or
 * that claims to be a reply (SMB_FLAGS_REPLY), is a malformed request
 * that gets STATUS_INVALID_SMB.
 *
 * Return: 0 if valid, -EPROTO to drop the connection (not SMB1, or too
 * short to hold a header to answer), -EBADMSG to answer STATUS_INVALID_SMB.
 */
int kcifsd_smb_check_header(const u8 *msg, unsigned int len)
{
	const struct smb1_hdr *hdr = (const struct smb1_hdr *)msg;

	if (len < sizeof(*hdr) || hdr->protocol != SMB1_PROTO_ID)
		return -EPROTO;
	if (len < SMB1_MIN_MSG_SIZE || (hdr->flags & SMB_FLAGS_REPLY))
		return -EBADMSG;
	return 0;
}

/**
 * kcifsd_smb_parse_block() - locate one Parameter/Data block pair
 * @msg: the whole message
 * @len: its length
 * @offset: offset of the block's WordCount from the start of the header
 * @command: the SMB_COM_* code the block belongs to
 * @blk: filled in on success
 *
 * MS-CIFS 3.3.5.2: the message must hold WordCount, 2 x WordCount bytes of
 * Words, ByteCount and ByteCount bytes of Bytes; more is ignored.
 *
 * Return: STATUS_SUCCESS, or STATUS_INVALID_SMB if the block does not fit.
 */
u32 kcifsd_smb_parse_block(const u8 *msg, unsigned int len,
			   unsigned int offset, u8 command,
			   struct kcifsd_smb_block *blk)
{
	unsigned int words, bytes;
	u8 wc;
	u16 bc;

	/* WordCount and, for a zero WordCount, ByteCount must be there. */
	if (offset >= len || len - offset < 3)
		return STATUS_INVALID_SMB;
	wc = msg[offset];
	words = offset + 1;
	if (len - words < 2u * wc + 2)
		return STATUS_INVALID_SMB;
	bc = get_unaligned_le16(msg + words + 2 * wc);
	bytes = words + 2 * wc + 2;
	if (len - bytes < bc)
		return STATUS_INVALID_SMB;

	blk->command = command;
	blk->offset = offset;
	blk->wc = wc;
	blk->words = msg + words;
	blk->bc = bc;
	blk->bytes = msg + bytes;
	blk->end = bytes + bc;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_check_command() - the command-code and request-format checks
 * @blk: a block located by kcifsd_smb_parse_block()
 *
 * In the order MS-CIFS 3.3.5.2 and NT (<237>) apply them: an unused or
 * reserved code, SMB_COM_INVALID or SMB_COM_NO_ANDX_COMMAND is
 * STATUS_SMB_BAD_COMMAND; a WordCount or ByteCount the command's request
 * format does not allow is STATUS_INVALID_SMB; an obsolete or
 * never-implemented command (X or N in 2.2.2.1), or a code only servers
 * send, is STATUS_NOT_IMPLEMENTED.
 *
 * Return: STATUS_SUCCESS if the request may go to its handler.
 */
u32 kcifsd_smb_check_command(const struct kcifsd_smb_block *blk)
{
	const struct kcifsd_smb_fmt *fmt = &kcifsd_smb_fmts[blk->command];
	bool wc_ok;

	switch (fmt->kind) {
	case KCIFSD_FMT_UNUSED:
		return STATUS_SMB_BAD_COMMAND;
	case KCIFSD_FMT_OBSOLETE:
	case KCIFSD_FMT_NO_REQUEST:
		return STATUS_NOT_IMPLEMENTED;
	}

	if (fmt->wc_flags == WC_AT_LEAST)
		wc_ok = blk->wc >= fmt->wc1;
	else
		wc_ok = blk->wc == fmt->wc1 || blk->wc == fmt->wc2;
	if (!wc_ok || blk->bc < fmt->bc_min)
		return STATUS_INVALID_SMB;
	return STATUS_SUCCESS;
}
