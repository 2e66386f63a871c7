/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SESSION_SETUP_ANDX and LOGOFF_ANDX on the wire (MS-CIFS 2.2.4.53,
 * 2.2.4.54; MS-SMB 2.2.4.6): request parsing with every length checked
 * against the message, and the SMB_STRING helpers the replies use. The
 * meaning (who logs on, with what) is fs/session.c's.
 */
#ifndef _KCIFSD_SESSION_WIRE_H
#define _KCIFSD_SESSION_WIRE_H

#include <linux/types.h>

#include "fs/smb1pdu.h"

struct kcifsd_smb_req;

/* SMB_COM_SESSION_SETUP_ANDX response Action bits (MS-CIFS 2.2.4.53.2) */
#define SMB_SETUP_GUEST			0x0001
#define SMB_SETUP_USE_LANMAN_KEY	0x0002

/*
 * The smallest ClientMaxBufferSize accepted: Windows NT refuses less
 * than 500 (MS-CIFS <91>), and no SESSION_SETUP reply with its strings
 * would fit in much less.
 */
#define KCIFSD_MIN_CLIENT_BUFFER	500

/**
 * struct smb1_sess_setup_req_nt - SESSION_SETUP_ANDX request Words,
 *	non-extended form, WordCount 13 (MS-CIFS 2.2.4.53.1)
 * @andx: AndX block
 * @max_buffer_size: the largest message the client accepts
 *	(ClientMaxBufferSize)
 * @max_mpx_count: requests the client will have outstanding at most
 * @vc_number: virtual circuit number; 0 = first VC of the client
 * @session_key: the NEGOTIATE response's SessionKey, echoed
 * @oem_password_len: OEMPassword (LM or LMv2 response) length
 * @unicode_password_len: UnicodePassword (NTLM or NTLMv2 response) length
 * @reserved: zero
 * @capabilities: the client's CAP_* bits
 */
struct smb1_sess_setup_req_nt {
	struct smb1_andx andx;
	__le16 max_buffer_size;
	__le16 max_mpx_count;
	__le16 vc_number;
	__le32 session_key;
	__le16 oem_password_len;
	__le16 unicode_password_len;
	__le32 reserved;
	__le32 capabilities;
} __packed;
static_assert(sizeof(struct smb1_sess_setup_req_nt) == 13 * 2);

/**
 * struct smb1_sess_setup_req_ext - SESSION_SETUP_ANDX request Words,
 *	extended-security form, WordCount 12 (MS-SMB 2.2.4.6.1)
 * @andx: AndX block
 * @max_buffer_size: as in struct smb1_sess_setup_req_nt
 * @max_mpx_count: as in struct smb1_sess_setup_req_nt
 * @vc_number: as in struct smb1_sess_setup_req_nt
 * @session_key: as in struct smb1_sess_setup_req_nt
 * @security_blob_len: length of the SPNEGO or raw NTLMSSP token
 * @reserved: zero
 * @capabilities: the client's CAP_* bits
 */
struct smb1_sess_setup_req_ext {
	struct smb1_andx andx;
	__le16 max_buffer_size;
	__le16 max_mpx_count;
	__le16 vc_number;
	__le32 session_key;
	__le16 security_blob_len;
	__le32 reserved;
	__le32 capabilities;
} __packed;
static_assert(sizeof(struct smb1_sess_setup_req_ext) == 12 * 2);

/**
 * struct smb1_sess_setup_rsp_nt - SESSION_SETUP_ANDX response Words,
 *	non-extended form, WordCount 3 (MS-CIFS 2.2.4.53.2)
 * @andx: AndX block (filled in by the dispatcher)
 * @action: SMB_SETUP_GUEST, SMB_SETUP_USE_LANMAN_KEY
 */
struct smb1_sess_setup_rsp_nt {
	struct smb1_andx andx;
	__le16 action;
} __packed;

/**
 * struct smb1_sess_setup_rsp_ext - SESSION_SETUP_ANDX response Words,
 *	extended-security form, WordCount 4 (MS-SMB 2.2.4.6.2)
 * @andx: AndX block (filled in by the dispatcher)
 * @action: SMB_SETUP_GUEST
 * @security_blob_len: length of the server's token in the Bytes
 */
struct smb1_sess_setup_rsp_ext {
	struct smb1_andx andx;
	__le16 action;
	__le16 security_blob_len;
} __packed;

/**
 * struct smb1_logoff - LOGOFF_ANDX request and response Words,
 *	WordCount 2 (MS-CIFS 2.2.4.54)
 * @andx: AndX block
 */
struct smb1_logoff {
	struct smb1_andx andx;
} __packed;

/**
 * struct kcifsd_smb_string - an SMB_STRING located in a message, not
 *	copied (MS-CIFS 2.2.1.1)
 * @p: its first byte, after any alignment pad; NULL if absent
 * @len: its length in bytes, without the terminator
 * @unicode: UTF-16LE, else OEM
 */
struct kcifsd_smb_string {
	const u8 *p;
	u32 len;
	bool unicode;
};

/**
 * struct kcifsd_sess_setup - a parsed SESSION_SETUP_ANDX request; every
 *	pointer points into the request message
 * @extended: WordCount 12, MS-SMB 2.2.4.6.1; else WordCount 13
 * @max_buffer_size: MaxBufferSize
 * @max_mpx_count: MaxMpxCount
 * @vc_number: VcNumber
 * @session_key: SessionKey
 * @capabilities: Capabilities
 * @lm: OEMPassword (non-extended)
 * @lm_len: its length
 * @nt: UnicodePassword (non-extended)
 * @nt_len: its length
 * @blob: SecurityBlob (extended)
 * @blob_len: its length
 * @account: AccountName (non-extended)
 * @domain: PrimaryDomain (non-extended)
 * @native_os: NativeOS
 * @native_lanman: NativeLanMan
 */
struct kcifsd_sess_setup {
	bool extended;
	u16 max_buffer_size;
	u16 max_mpx_count;
	u16 vc_number;
	u32 session_key;
	u32 capabilities;
	const u8 *lm;
	u32 lm_len;
	const u8 *nt;
	u32 nt_len;
	const u8 *blob;
	u32 blob_len;
	struct kcifsd_smb_string account;
	struct kcifsd_smb_string domain;
	struct kcifsd_smb_string native_os;
	struct kcifsd_smb_string native_lanman;
};

u32 kcifsd_sess_setup_parse(const struct kcifsd_smb_req *req,
			    struct kcifsd_sess_setup *out);
bool kcifsd_sess_setup_is_anonymous(const struct kcifsd_sess_setup *ss);

const u8 *kcifsd_smb_string_locate(const u8 *msg, const u8 *p,
				   const u8 *end, bool unicode,
				   struct kcifsd_smb_string *out);
int kcifsd_smb_string_to_utf8(const struct kcifsd_smb_string *s, char *buf,
			      size_t size);
unsigned int kcifsd_smb_string_put(struct kcifsd_smb_req *req, u8 *p,
				   const char *s, bool unicode);
unsigned int kcifsd_smb_string_size(const char *s, bool unicode);

#endif /* _KCIFSD_SESSION_WIRE_H */
