/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB1 ("NT LM 0.12") wire format: the header, command codes, header flags,
 * negotiate capabilities and security mode, and the fixed layouts of the
 * commands the wire layer itself handles (NEGOTIATE, ECHO, NT_CANCEL and
 * the AndX block). Every multi-byte field is little-endian on the wire
 * (MS-CIFS 2.2.1); the structures are __packed because SMB_Parameters
 * start at offset 33 and nothing after the header is aligned.
 */
#ifndef _KCIFSD_SMB1PDU_H
#define _KCIFSD_SMB1PDU_H

#include <linux/build_bug.h>
#include <linux/types.h>
#include <asm/byteorder.h>

/* The 4-byte protocol identifier, 0xFF 'S' 'M' 'B' (MS-CIFS 2.2.3.1). */
#define SMB1_PROTO_ID		cpu_to_le32(0x424d53ff)

/*
 * Smallest legal message: header, WordCount and ByteCount
 * (MS-CIFS 3.3.5.2: 35 = 32 + 1 + 2).
 */
#define SMB1_MIN_MSG_SIZE	35

/* SMB_COM_* command codes (MS-CIFS 2.2.2.1) */
#define SMB_COM_CREATE_DIRECTORY	0x00
#define SMB_COM_DELETE_DIRECTORY	0x01
#define SMB_COM_OPEN			0x02
#define SMB_COM_CREATE			0x03
#define SMB_COM_CLOSE			0x04
#define SMB_COM_FLUSH			0x05
#define SMB_COM_DELETE			0x06
#define SMB_COM_RENAME			0x07
#define SMB_COM_QUERY_INFORMATION	0x08
#define SMB_COM_SET_INFORMATION		0x09
#define SMB_COM_READ			0x0A
#define SMB_COM_WRITE			0x0B
#define SMB_COM_LOCK_BYTE_RANGE		0x0C
#define SMB_COM_UNLOCK_BYTE_RANGE	0x0D
#define SMB_COM_CREATE_TEMPORARY	0x0E
#define SMB_COM_CREATE_NEW		0x0F
#define SMB_COM_CHECK_DIRECTORY		0x10
#define SMB_COM_PROCESS_EXIT		0x11
#define SMB_COM_SEEK			0x12
#define SMB_COM_LOCK_AND_READ		0x13
#define SMB_COM_WRITE_AND_UNLOCK	0x14
#define SMB_COM_READ_RAW		0x1A
#define SMB_COM_READ_MPX		0x1B
#define SMB_COM_READ_MPX_SECONDARY	0x1C
#define SMB_COM_WRITE_RAW		0x1D
#define SMB_COM_WRITE_MPX		0x1E
#define SMB_COM_WRITE_MPX_SECONDARY	0x1F
#define SMB_COM_WRITE_COMPLETE		0x20
#define SMB_COM_QUERY_SERVER		0x21
#define SMB_COM_SET_INFORMATION2	0x22
#define SMB_COM_QUERY_INFORMATION2	0x23
#define SMB_COM_LOCKING_ANDX		0x24
#define SMB_COM_TRANSACTION		0x25
#define SMB_COM_TRANSACTION_SECONDARY	0x26
#define SMB_COM_IOCTL			0x27
#define SMB_COM_IOCTL_SECONDARY		0x28
#define SMB_COM_COPY			0x29
#define SMB_COM_MOVE			0x2A
#define SMB_COM_ECHO			0x2B
#define SMB_COM_WRITE_AND_CLOSE		0x2C
#define SMB_COM_OPEN_ANDX		0x2D
#define SMB_COM_READ_ANDX		0x2E
#define SMB_COM_WRITE_ANDX		0x2F
#define SMB_COM_NEW_FILE_SIZE		0x30
#define SMB_COM_CLOSE_AND_TREE_DISC	0x31
#define SMB_COM_TRANSACTION2		0x32
#define SMB_COM_TRANSACTION2_SECONDARY	0x33
#define SMB_COM_FIND_CLOSE2		0x34
#define SMB_COM_FIND_NOTIFY_CLOSE	0x35
#define SMB_COM_TREE_CONNECT		0x70
#define SMB_COM_TREE_DISCONNECT		0x71
#define SMB_COM_NEGOTIATE		0x72
#define SMB_COM_SESSION_SETUP_ANDX	0x73
#define SMB_COM_LOGOFF_ANDX		0x74
#define SMB_COM_TREE_CONNECT_ANDX	0x75
#define SMB_COM_SECURITY_PACKAGE_ANDX	0x7E
#define SMB_COM_QUERY_INFORMATION_DISK	0x80
#define SMB_COM_SEARCH			0x81
#define SMB_COM_FIND			0x82
#define SMB_COM_FIND_UNIQUE		0x83
#define SMB_COM_FIND_CLOSE		0x84
#define SMB_COM_NT_TRANSACT		0xA0
#define SMB_COM_NT_TRANSACT_SECONDARY	0xA1
#define SMB_COM_NT_CREATE_ANDX		0xA2
#define SMB_COM_NT_CANCEL		0xA4
#define SMB_COM_NT_RENAME		0xA5
#define SMB_COM_OPEN_PRINT_FILE		0xC0
#define SMB_COM_WRITE_PRINT_FILE	0xC1
#define SMB_COM_CLOSE_PRINT_FILE	0xC2
#define SMB_COM_GET_PRINT_QUEUE		0xC3
#define SMB_COM_READ_BULK		0xD8
#define SMB_COM_WRITE_BULK		0xD9
#define SMB_COM_WRITE_BULK_DATA		0xDA
#define SMB_COM_INVALID			0xFE
#define SMB_COM_NO_ANDX_COMMAND		0xFF

/* SMB_Header.Flags (MS-CIFS 2.2.3.1) */
#define SMB_FLAGS_LOCK_AND_READ_OK	0x01
#define SMB_FLAGS_BUF_AVAIL		0x02
#define SMB_FLAGS_CASE_INSENSITIVE	0x08
#define SMB_FLAGS_CANONICALIZED_PATHS	0x10
#define SMB_FLAGS_OPLOCK		0x20
#define SMB_FLAGS_OPBATCH		0x40
#define SMB_FLAGS_REPLY			0x80

/* SMB_Header.Flags2 (MS-CIFS 2.2.3.1; MS-SMB 2.2.3.1 additions) */
#define SMB_FLAGS2_LONG_NAMES			0x0001
#define SMB_FLAGS2_EAS				0x0002
#define SMB_FLAGS2_SMB_SECURITY_SIGNATURE	0x0004
#define SMB_FLAGS2_COMPRESSED			0x0008
#define SMB_FLAGS2_SECURITY_SIGNATURE_REQUIRED	0x0010
#define SMB_FLAGS2_IS_LONG_NAME			0x0040
#define SMB_FLAGS2_REPARSE_PATH			0x0400
#define SMB_FLAGS2_EXTENDED_SECURITY		0x0800
#define SMB_FLAGS2_DFS				0x1000
#define SMB_FLAGS2_PAGING_IO			0x2000
#define SMB_FLAGS2_NT_STATUS			0x4000
#define SMB_FLAGS2_UNICODE			0x8000

/* NEGOTIATE response SecurityMode (MS-CIFS 2.2.4.52.2) */
#define NEGOTIATE_USER_SECURITY			0x01
#define NEGOTIATE_ENCRYPT_PASSWORDS		0x02
#define NEGOTIATE_SECURITY_SIGNATURES_ENABLED	0x04
#define NEGOTIATE_SECURITY_SIGNATURES_REQUIRED	0x08

/* Capabilities (MS-CIFS 2.2.4.52.2, MS-SMB 2.2.4.5.2) */
#define CAP_RAW_MODE		0x00000001
#define CAP_MPX_MODE		0x00000002
#define CAP_UNICODE		0x00000004
#define CAP_LARGE_FILES		0x00000008
#define CAP_NT_SMBS		0x00000010
#define CAP_RPC_REMOTE_APIS	0x00000020
#define CAP_STATUS32		0x00000040
#define CAP_LEVEL_II_OPLOCKS	0x00000080
#define CAP_LOCK_AND_READ	0x00000100
#define CAP_NT_FIND		0x00000200
#define CAP_DFS			0x00001000
#define CAP_INFOLEVEL_PASSTHRU	0x00002000
#define CAP_LARGE_READX		0x00004000
#define CAP_LARGE_WRITEX	0x00008000
#define CAP_LWIO		0x00010000
#define CAP_UNIX		0x00800000
#define CAP_DYNAMIC_REAUTH	0x20000000
#define CAP_EXTENDED_SECURITY	0x80000000

/* Buffer format bytes in Core-style data (MS-CIFS 2.2.1.3) */
#define SMB_BUFFER_FORMAT_DATA		0x01
#define SMB_BUFFER_FORMAT_DIALECT	0x02
#define SMB_BUFFER_FORMAT_PATHNAME	0x03
#define SMB_BUFFER_FORMAT_STRING	0x04
#define SMB_BUFFER_FORMAT_VARIABLE	0x05

/* The one dialect this server speaks (MS-CIFS 1.7). */
#define SMB1_DIALECT_NT_LM_012	"NT LM 0.12"
/* DialectIndex when no offered dialect is supported (MS-CIFS 2.2.4.52.2) */
#define SMB1_NO_DIALECT		0xFFFF

/* Reserved identifier values (MS-CIFS 2.2.1.6) */
#define SMB1_TID_NONE		0xFFFF
#define SMB1_MID_OPLOCK_BREAK	0xFFFF

/**
 * struct smb1_hdr - SMB_Header (MS-CIFS 2.2.3.1)
 * @protocol: SMB1_PROTO_ID
 * @command: SMB_COM_* code of the first command in the message
 * @status: NTSTATUS, or SMBSTATUS {class(1), reserved(1), code(2)} when
 *	SMB_FLAGS2_NT_STATUS is clear (MS-CIFS 2.2.1.5)
 * @flags: SMB_FLAGS_*
 * @flags2: SMB_FLAGS2_*
 * @pid_high: upper 16 bits of the 32-bit PID
 * @signature: SecuritySignature when signing is active, otherwise zero
 *	(the connectionless Key/CID/SequenceNumber form is not used on TCP)
 * @reserved: SHOULD be zero (MS-CIFS 3.3.4.1.1)
 * @tid: tree identifier
 * @pid_low: lower 16 bits of the PID
 * @uid: user (session) identifier
 * @mid: multiplex identifier; matches a reply to its request
 */
struct smb1_hdr {
	__le32 protocol;
	u8 command;
	__le32 status;
	u8 flags;
	__le16 flags2;
	__le16 pid_high;
	u8 signature[8];
	__le16 reserved;
	__le16 tid;
	__le16 pid_low;
	__le16 uid;
	__le16 mid;
} __packed;

static_assert(sizeof(struct smb1_hdr) == 32);

/**
 * struct smb1_dos_status - SMBSTATUS, the pre-NT error form (MS-CIFS 2.2.1.5)
 * @error_class: ERRDOS, ERRSRV, ERRHRD, ERRCMD
 * @reserved: zero
 * @error_code: code within the class
 */
struct smb1_dos_status {
	u8 error_class;
	u8 reserved;
	__le16 error_code;
} __packed;

/**
 * struct smb1_andx - the AndX block that starts the Words of every *_ANDX
 * command, request and response (MS-CIFS 2.2.3.4)
 * @command: the next command in the chain, or SMB_COM_NO_ANDX_COMMAND
 * @reserved: MUST be zero
 * @offset: offset from the start of the SMB header to the next command's
 *	WordCount; ignored when @command is SMB_COM_NO_ANDX_COMMAND
 */
struct smb1_andx {
	u8 command;
	u8 reserved;
	__le16 offset;
} __packed;

/**
 * struct smb1_negotiate_rsp_nt - SMB_COM_NEGOTIATE response Words for the
 * NT LAN Manager dialect, WordCount 17 (MS-CIFS 2.2.4.52.2; the
 * extended-security form of MS-SMB 2.2.4.5.2.1 has the same words)
 * @dialect_index: index of "NT LM 0.12" in the client's list
 * @security_mode: NEGOTIATE_* security mode bits
 * @max_mpx_count: MaxMpxCount, requests the client may have outstanding
 * @max_number_vcs: MaxNumberVcs
 * @max_buffer_size: largest SMB message the server accepts
 * @max_raw_size: largest raw-mode message (meaningful with CAP_RAW_MODE)
 * @session_key: per-connection virtual-circuit token (MS-CIFS 2.2.1.6.6)
 * @capabilities: CAP_* bits
 * @system_time: server time, FILETIME (100 ns since 1601-01-01 UTC)
 * @server_time_zone: minutes west of UTC (signed)
 * @challenge_length: 8 in the non-extended form, 0 with extended security
 */
struct smb1_negotiate_rsp_nt {
	__le16 dialect_index;
	u8 security_mode;
	__le16 max_mpx_count;
	__le16 max_number_vcs;
	__le32 max_buffer_size;
	__le32 max_raw_size;
	__le32 session_key;
	__le32 capabilities;
	__le64 system_time;
	__le16 server_time_zone;
	u8 challenge_length;
} __packed;

static_assert(sizeof(struct smb1_negotiate_rsp_nt) == 17 * 2);

/* Length of the NTLM challenge in the non-extended NEGOTIATE response. */
#define SMB1_CHALLENGE_SIZE	8
/* Length of the ServerGUID in the extended NEGOTIATE response. */
#define SMB1_SERVER_GUID_SIZE	16

/**
 * struct smb1_negotiate_rsp_core - SMB_COM_NEGOTIATE response Words when no
 * offered dialect is supported, WordCount 1 (MS-CIFS 2.2.4.52.2)
 * @dialect_index: SMB1_NO_DIALECT
 */
struct smb1_negotiate_rsp_core {
	__le16 dialect_index;
} __packed;

/**
 * struct smb1_echo_req - SMB_COM_ECHO request Words, WordCount 1
 * (MS-CIFS 2.2.4.39.1)
 * @echo_count: number of replies wanted; 0 means no reply
 */
struct smb1_echo_req {
	__le16 echo_count;
} __packed;

/**
 * struct smb1_echo_rsp - SMB_COM_ECHO response Words, WordCount 1
 * (MS-CIFS 2.2.4.39.2)
 * @sequence_number: 1..EchoCount, one per reply
 */
struct smb1_echo_rsp {
	__le16 sequence_number;
} __packed;

#endif /* _KCIFSD_SMB1PDU_H */
