// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which messages a transport splits (see net/split.h).
 */

#include <asm/unaligned.h>
#include <linux/string.h>

#include "net/split.h"

/* MS-CIFS 2.2.3.1 and 2.2.4.43.1: where the decision looks. */
#define SMB_HDR_SIZE		32
#define SMB_COM_OFFSET		4
#define SMB_COM_WRITE_ANDX	0x2F
#define SMB_NO_ANDX_COMMAND	0xFF
#define WRITEX_WC		12
#define WRITEX_WC64		14
#define WRITEX_ANDX_OFF		(SMB_HDR_SIZE + 1)	/* AndXCommand */
#define WRITEX_DATA_OFF		(SMB_HDR_SIZE + 1 + 22)	/* DataOffset */

/**
 * kcifsd_split_words_end() - is this a WRITE_ANDX, and how long are its
 *	words?
 * @msg: the message's first KCIFSD_SPLIT_PEEK bytes
 *
 * Return: the offset just past its ByteCount for a WRITE_ANDX (12 or 14
 * words), else 0 (not a message to split).
 */
u32 kcifsd_split_words_end(const u8 *msg)
{
	u8 wc = msg[SMB_HDR_SIZE];

	if (memcmp(msg, "\xffSMB", 4) ||
	    msg[SMB_COM_OFFSET] != SMB_COM_WRITE_ANDX ||
	    (wc != WRITEX_WC && wc != WRITEX_WC64))
		return 0;
	return SMB_HDR_SIZE + 1 + 2 * wc + 2;
}

/**
 * kcifsd_split_head() - where a splittable WRITE_ANDX's data starts
 * @msg: the message's first @avail bytes
 * @avail: at least KCIFSD_SPLIT_PEEK; with fewer than
 *	kcifsd_split_words_end() the answer is 0
 * @total: the message's whole length
 *
 * A message is split when it is a WRITE_ANDX with no AndX command after
 * it, whose DataOffset lies past its words and within
 * KCIFSD_SPLIT_HEAD_MAX, and at least KCIFSD_SPLIT_MIN_PAYLOAD bytes
 * follow it. The head may be longer than @avail: the caller checks.
 *
 * Return: the head's length (DataOffset), or 0: do not split.
 */
u32 kcifsd_split_head(const u8 *msg, u32 avail, u32 total)
{
	u32 end, head;

	if (avail < KCIFSD_SPLIT_PEEK)
		return 0;
	end = kcifsd_split_words_end(msg);
	if (!end || avail < end || msg[WRITEX_ANDX_OFF] != SMB_NO_ANDX_COMMAND)
		return 0;
	head = get_unaligned_le16(msg + WRITEX_DATA_OFF);
	if (head < end || head > KCIFSD_SPLIT_HEAD_MAX || head > total ||
	    total - head < KCIFSD_SPLIT_MIN_PAYLOAD)
		return 0;
	return head;
}
