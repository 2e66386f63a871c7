// SPDX-License-Identifier: GPL-2.0-only
/*
 * TRANS2_QUERY_FILE_INFORMATION on a named-pipe FID (IPC$): the levels
 * that describe a pipe, as a Windows pipe file system answers them
 * (MS-FSCC 2.4.7, 2.4.41; MS-CIFS 2.2.8.3.6, 2.2.8.3.7): no times,
 * FILE_ATTRIBUTE_NORMAL, the unread bytes as the end of file, one link,
 * not a directory. Other levels describe files (names, EAs, streams) and
 * get STATUS_INVALID_PARAMETER, as a pipe file system refuses them.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <asm/unaligned.h>

#include "fs/infolevel.h"
#include "fs/ntstatus.h"
#include "fs/pipe.h"
#include "fs/trans2.h"
#include "fs/transaction.h"

#define PIPE_ATTR_NORMAL	0x00000080	/* FILE_ATTRIBUTE_NORMAL */
#define BASIC_INFO_LEN		40	/* four times, attributes, reserved */
/* 22 in MS-CIFS 2.2.8.3.7; 24 (+ Reserved) as files answer (trans2_info.c) */
#define STD_INFO_LEN		24

/**
 * kcifsd_pipe_query_info() - QUERY_FILE_INFORMATION on a pipe
 * @t: the transaction
 * @pipe: the pipe the FID names
 * @level: InformationLevel
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER (a level a pipe does
 * not answer), STATUS_INFO_LENGTH_MISMATCH (MaxDataCount below the
 * level's fixed size: no data, MS-FSA 2.1.5.12, as for a file) or
 * STATUS_INSUFF_SERVER_RESOURCES.
 */
u32 kcifsd_pipe_query_info(struct kcifsd_trans *t, struct kcifsd_pipe *pipe,
			   u16 level)
{
	u32 len, avail, msg;
	u8 *p;

	switch (level) {
	case SMB_QUERY_FILE_BASIC_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_BASIC_INFORMATION:
		len = BASIC_INFO_LEN;
		break;
	case SMB_QUERY_FILE_STANDARD_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_STANDARD_INFORMATION:
		len = STD_INFO_LEN;
		break;
	default:
		pr_debug_ratelimited("QUERY_FILE_INFORMATION level 0x%04x on a pipe: not supported\n",
				     level);
		return STATUS_INVALID_PARAMETER;
	}
	if (len > t->max_data)
		return STATUS_INFO_LENGTH_MISMATCH;
	p = kcifsd_trans_rsp_data(t, len);
	if (!p)
		return STATUS_INSUFF_SERVER_RESOURCES;
	if (len == BASIC_INFO_LEN) {
		put_unaligned_le32(PIPE_ATTR_NORMAL, p + 32);
	} else {
		avail = kcifsd_pipe_available(pipe, &msg);
		put_unaligned_le64(avail, p);		/* AllocationSize */
		put_unaligned_le64(avail, p + 8);	/* EndOfFile */
		put_unaligned_le32(1, p + 16);		/* NumberOfLinks */
		/* DeletePending, Directory: 0 */
	}
	return kcifsd_t2_ea_offset(t);
}
