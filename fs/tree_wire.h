/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TREE_CONNECT_ANDX and TREE_DISCONNECT on the wire (MS-CIFS 2.2.4.55,
 * 2.2.4.51; MS-SMB 2.2.4.7): request parsing with every length checked,
 * and the reply layouts. The meaning is fs/tree.c's.
 */
#ifndef _KCIFSD_TREE_WIRE_H
#define _KCIFSD_TREE_WIRE_H

#include <linux/types.h>

#include "fs/smb1pdu.h"
#include "net/kcifsd_netlink.h"

struct kcifsd_smb_req;

/* TREE_CONNECT_ANDX request Flags (MS-CIFS 2.2.4.55.1, MS-SMB 2.2.4.7.1) */
#define TREE_CONNECT_ANDX_DISCONNECT_TID	0x0001
#define TREE_CONNECT_ANDX_EXTENDED_SIGNATURES	0x0004
#define TREE_CONNECT_ANDX_EXTENDED_RESPONSE	0x0008

/* OptionalSupport (MS-CIFS 2.2.4.55.2, MS-SMB 2.2.4.7.2) */
#define SMB_SUPPORT_SEARCH_BITS		0x0001
#define SMB_SHARE_IS_IN_DFS		0x0002
#define SMB_UNIQUE_FILE_NAME		0x0010

/* WordCount of the MS-CIFS response (AndX and OptionalSupport). */
#define SMB1_TREE_CONNECT_RSP_WC	3

/* Longest \\server\share accepted, in UTF-8 bytes. */
#define KCIFSD_UNC_MAX			512

/**
 * struct smb1_tree_connect_req - TREE_CONNECT_ANDX request Words,
 *	WordCount 4 (MS-CIFS 2.2.4.55.1)
 * @andx: AndX block
 * @flags: TREE_CONNECT_ANDX_*
 * @password_length: bytes of Password (share-level security only; a
 *	single NUL under user-level security)
 */
struct smb1_tree_connect_req {
	struct smb1_andx andx;
	__le16 flags;
	__le16 password_length;
} __packed;
static_assert(sizeof(struct smb1_tree_connect_req) == 4 * 2);

/**
 * struct smb1_tree_connect_rsp_ext - TREE_CONNECT_ANDX response Words,
 *	extended form, WordCount 7 (MS-SMB 2.2.4.7.2); the MS-CIFS form,
 *	WordCount 3, is its first three words
 * @andx: AndX block (filled in by the dispatcher)
 * @optional_support: SMB_SUPPORT_SEARCH_BITS and friends
 * @maximal_access: MaximalShareAccessRights: what this user may be
 *	granted on the share at most
 * @guest_maximal_access: GuestMaximalShareAccessRights, the same for a
 *	guest
 */
struct smb1_tree_connect_rsp_ext {
	struct smb1_andx andx;
	__le16 optional_support;
	__le32 maximal_access;
	__le32 guest_maximal_access;
} __packed;
static_assert(sizeof(struct smb1_tree_connect_rsp_ext) == 7 * 2);

/**
 * enum kcifsd_tree_service - the Service string of the request
 *	(MS-CIFS 2.2.4.55.1)
 * @KCIFSD_SERVICE_DISK: "A:", a disk share
 * @KCIFSD_SERVICE_PRINTER: "LPT1:", a printer
 * @KCIFSD_SERVICE_IPC: "IPC", named pipes
 * @KCIFSD_SERVICE_COMM: "COMM", a serial device
 * @KCIFSD_SERVICE_ANY: "?????", whatever the share is
 * @KCIFSD_SERVICE_INVALID: anything else (STATUS_BAD_DEVICE_TYPE)
 */
enum kcifsd_tree_service {
	KCIFSD_SERVICE_DISK,
	KCIFSD_SERVICE_PRINTER,
	KCIFSD_SERVICE_IPC,
	KCIFSD_SERVICE_COMM,
	KCIFSD_SERVICE_ANY,
	KCIFSD_SERVICE_INVALID,
};

/**
 * struct kcifsd_tree_connect - a parsed TREE_CONNECT_ANDX request
 * @flags: TREE_CONNECT_ANDX_*
 * @share: the share part of the Path, UTF-8, as sent (any case)
 * @service: the Service asked for
 */
struct kcifsd_tree_connect {
	u16 flags;
	char share[KCIFSD_SHARE_NAME_MAX + 1];
	enum kcifsd_tree_service service;
};

u32 kcifsd_tree_connect_parse(const struct kcifsd_smb_req *req,
			      struct kcifsd_tree_connect *out);
u32 kcifsd_tree_split_unc(const char *unc, char *share, size_t size);
enum kcifsd_tree_service kcifsd_tree_parse_service(const u8 *s, u32 len);

#endif /* _KCIFSD_TREE_WIRE_H */
