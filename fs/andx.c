// SPDX-License-Identifier: GPL-2.0-only
/*
 * AndX chains (MS-CIFS 2.2.3.4, 3.3.5.2.4): which commands carry an AndX
 * block, which follow-on commands each one allows (the lists in each
 * command's 2.2.4.x section), and the walk from one block to the next.
 * Offsets come from the client: each must move strictly forward, past the
 * block it leaves, and stay inside the message, and a chain is at most
 * KCIFSD_ANDX_MAX_CHAIN commands long, so a walk always ends.
 */

#include <linux/kernel.h>
#include <asm/unaligned.h>

#include "fs/smb_req.h"

/* The commands that may follow SESSION_SETUP_ANDX / TREE_CONNECT_ANDX. */
#define TREE_FOLLOW_ONS							\
	SMB_COM_OPEN, SMB_COM_OPEN_ANDX, SMB_COM_CREATE,		\
	SMB_COM_CREATE_NEW, SMB_COM_CREATE_DIRECTORY, SMB_COM_DELETE,	\
	SMB_COM_DELETE_DIRECTORY, SMB_COM_FIND, SMB_COM_FIND_UNIQUE,	\
	SMB_COM_RENAME, SMB_COM_NT_RENAME, SMB_COM_CHECK_DIRECTORY,	\
	SMB_COM_QUERY_INFORMATION, SMB_COM_SET_INFORMATION,		\
	SMB_COM_OPEN_PRINT_FILE, SMB_COM_TRANSACTION

/* 2.2.4.53: TREE_CONNECT_ANDX, then what may follow it */
static const u8 session_setup_next[] = {
	SMB_COM_TREE_CONNECT_ANDX, TREE_FOLLOW_ONS,
};

/* 2.2.4.55: the same list plus SEARCH */
static const u8 tree_connect_next[] = {
	TREE_FOLLOW_ONS, SMB_COM_SEARCH,
};

/* 2.2.4.54 */
static const u8 logoff_next[] = {
	SMB_COM_SESSION_SETUP_ANDX,
};

/* 2.2.4.41 and 2.2.4.64 */
static const u8 open_next[] = {
	SMB_COM_READ, SMB_COM_READ_ANDX, SMB_COM_IOCTL,
};

/* 2.2.4.42 */
static const u8 read_next[] = {
	SMB_COM_CLOSE,
};

/* 2.2.4.43 */
static const u8 write_next[] = {
	SMB_COM_READ, SMB_COM_READ_ANDX, SMB_COM_LOCK_AND_READ, SMB_COM_CLOSE,
};

/* 2.2.4.32 */
static const u8 locking_next[] = {
	SMB_COM_CLOSE, SMB_COM_FLUSH, SMB_COM_LOCKING_ANDX, SMB_COM_READ,
	SMB_COM_READ_ANDX, SMB_COM_WRITE, SMB_COM_WRITE_ANDX,
};

struct kcifsd_andx_rule {
	const u8 *next;
	unsigned int nr_next;
};

#define RULE(list)	{ list, ARRAY_SIZE(list) }

/*
 * Every AndX command of NT LM 0.12 and its follow-ons. SECURITY_PACKAGE_ANDX
 * is obsolete (2.2.4.56) and never reaches a handler, so it has none.
 */
static const struct kcifsd_andx_rule kcifsd_andx_rules[256] = {
	[SMB_COM_SESSION_SETUP_ANDX]	= RULE(session_setup_next),
	[SMB_COM_TREE_CONNECT_ANDX]	= RULE(tree_connect_next),
	[SMB_COM_LOGOFF_ANDX]		= RULE(logoff_next),
	[SMB_COM_OPEN_ANDX]		= RULE(open_next),
	[SMB_COM_NT_CREATE_ANDX]	= RULE(open_next),
	[SMB_COM_READ_ANDX]		= RULE(read_next),
	[SMB_COM_WRITE_ANDX]		= RULE(write_next),
	[SMB_COM_LOCKING_ANDX]		= RULE(locking_next),
};

/**
 * kcifsd_andx_is_andx() - do this command's Words start with an AndX block?
 * @command: SMB_COM_* code
 *
 * Return: true for the *_ANDX commands of MS-CIFS 2.2.4 that carry a chain
 * (request and response).
 */
bool kcifsd_andx_is_andx(u8 command)
{
	return kcifsd_andx_rules[command].nr_next != 0;
}

/**
 * kcifsd_andx_follow_allowed() - may @next follow @command in a chain?
 * @command: an AndX command
 * @next: the AndXCommand it names
 *
 * Return: true if @next is in @command's list of follow-on commands.
 */
bool kcifsd_andx_follow_allowed(u8 command, u8 next)
{
	const struct kcifsd_andx_rule *rule = &kcifsd_andx_rules[command];
	unsigned int i;

	for (i = 0; i < rule->nr_next; i++)
		if (rule->next[i] == next)
			return true;
	return false;
}

/**
 * kcifsd_andx_next() - find the block after @cur in an AndX chain
 * @msg: the whole message
 * @len: its length
 * @cur: the current block, located by kcifsd_smb_parse_block()
 * @nr_run: blocks of the chain up to and including @cur
 * @next_cmd: the next command, or SMB_COM_NO_ANDX_COMMAND at the end
 * @next_offset: offset of the next block's WordCount
 *
 * The chain ends after a non-AndX command, at an AndXCommand of 0xFF, and
 * at an AndX command whose Words are too short to hold the AndX block
 * (its own WordCount check rejects it when it runs). Otherwise AndXOffset
 * must point past @cur's ByteCount (strictly forward: no loops, no
 * overlapping blocks) and inside @msg, the follow-on must be allowed for
 * @cur's command, and the chain may not grow past KCIFSD_ANDX_MAX_CHAIN.
 * The next block itself is located, and checked, by the caller.
 *
 * Return: STATUS_SUCCESS, or STATUS_INVALID_SMB for a malformed chain
 * (MS-CIFS 2.2.3.4 leaves the reaction open; this is the status of
 * 2.2.4.x for a request that is not well formed).
 */
u32 kcifsd_andx_next(const u8 *msg, unsigned int len,
		     const struct kcifsd_smb_block *cur, unsigned int nr_run,
		     u8 *next_cmd, unsigned int *next_offset)
{
	const struct smb1_andx *andx = (const struct smb1_andx *)cur->words;
	unsigned int offset, min_offset;

	*next_cmd = SMB_COM_NO_ANDX_COMMAND;
	*next_offset = 0;
	if (!kcifsd_andx_is_andx(cur->command) ||
	    cur->wc < sizeof(*andx) / 2 ||
	    andx->command == SMB_COM_NO_ANDX_COMMAND)
		return STATUS_SUCCESS;

	if (nr_run >= KCIFSD_ANDX_MAX_CHAIN)
		return STATUS_INVALID_SMB;
	if (!kcifsd_andx_follow_allowed(cur->command, andx->command))
		return STATUS_INVALID_SMB;

	offset = get_unaligned_le16(&andx->offset);
	min_offset = cur->offset + 1 + 2 * cur->wc + 2;
	if (offset < min_offset || offset >= len)
		return STATUS_INVALID_SMB;

	*next_cmd = andx->command;
	*next_offset = offset;
	return STATUS_SUCCESS;
}
