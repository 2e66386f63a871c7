/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Wire formats of the file commands: opens, close and flush, reads and
 * writes, and the name-space commands (MS-CIFS 2.2.4.x, with the MS-SMB
 * extensions marked). Words only: every struct here is the Words of a
 * request or response block; Bytes are decoded by the handlers. All
 * fields little-endian and unaligned (SMB_Parameters start at offset 33).
 */
#ifndef _KCIFSD_FILE_PDU_H
#define _KCIFSD_FILE_PDU_H

#include <linux/build_bug.h>
#include <linux/types.h>

#include "fs/smb1pdu.h"

/* NT_CREATE_ANDX Flags (MS-CIFS 2.2.4.64.1, MS-SMB 2.2.4.9.1) */
#define NT_CREATE_REQUEST_OPLOCK		0x00000002
#define NT_CREATE_REQUEST_OPBATCH		0x00000004
#define NT_CREATE_OPEN_TARGET_DIR		0x00000008
#define NT_CREATE_REQUEST_EXTENDED_RESPONSE	0x00000010

/* ImpersonationLevel (MS-CIFS 2.2.4.64.1): SEC_ANONYMOUS..SEC_IMPERSONATE */
#define SEC_IMPERSONATE		2

/* ResourceType (MS-CIFS 2.2.4.64.2) */
#define FILE_TYPE_DISK		0x0000

/* FileStatusFlags of the extended responses (MS-SMB 2.2.4.9.2) */
#define NO_EAS			0x0001
#define NO_SUBSTREAMS		0x0002
#define NO_REPARSETAG		0x0004

/**
 * struct smb1_nt_create_req - SMB_COM_NT_CREATE_ANDX request Words,
 *	WordCount 24 (MS-CIFS 2.2.4.64.1)
 * @andx: AndX block
 * @reserved: ignored
 * @name_length: length of FileName in bytes
 * @flags: NT_CREATE_* flags
 * @root_directory_fid: a directory FID FileName is relative to, or 0
 * @desired_access: access mask asked for
 * @allocation_size: initial allocation of a new or overwritten file
 * @ext_file_attributes: SMB_EXT_FILE_ATTR for a new file
 * @share_access: FILE_SHARE_* bits
 * @create_disposition: FILE_SUPERSEDE..FILE_OVERWRITE_IF
 * @create_options: FILE_* create options
 * @impersonation_level: SEC_ANONYMOUS..SEC_IMPERSONATE
 * @security_flags: context tracking flags, ignored
 */
struct smb1_nt_create_req {
	struct smb1_andx andx;
	u8 reserved;
	__le16 name_length;
	__le32 flags;
	__le32 root_directory_fid;
	__le32 desired_access;
	__le64 allocation_size;
	__le32 ext_file_attributes;
	__le32 share_access;
	__le32 create_disposition;
	__le32 create_options;
	__le32 impersonation_level;
	u8 security_flags;
} __packed;

static_assert(sizeof(struct smb1_nt_create_req) == 24 * 2);

/**
 * struct smb1_nt_create_rsp - SMB_COM_NT_CREATE_ANDX response Words,
 *	WordCount 34 (MS-CIFS 2.2.4.64.2), and the extended form of
 *	MS-SMB 2.2.4.9.2 (the last four fields, WordCount field 42)
 * @andx: AndX block
 * @oplock_level: OpLock granted (0 none)
 * @fid: the new FID
 * @create_disposition: the action taken (enum kcifsd_create_action)
 * @create_time: CreationTime, FILETIME
 * @last_access_time: FILETIME
 * @last_write_time: FILETIME
 * @last_change_time: FILETIME
 * @ext_file_attributes: SMB_EXT_FILE_ATTR
 * @allocation_size: bytes allocated
 * @end_of_file: file size
 * @resource_type: FILE_TYPE_DISK for files and directories
 * @nmpipe_status: pipe state; FileStatusFlags in the extended form
 * @directory: 1 for a directory
 * @volume_guid: extended: the volume's GUID (zero: none kept)
 * @file_id: extended: a number unique to the file on its volume
 * @maximal_access_rights: extended: every right the user could have
 * @guest_maximal_access_rights: extended: the same for a guest
 */
struct smb1_nt_create_rsp {
	struct smb1_andx andx;
	u8 oplock_level;
	__le16 fid;
	__le32 create_disposition;
	__le64 create_time;
	__le64 last_access_time;
	__le64 last_write_time;
	__le64 last_change_time;
	__le32 ext_file_attributes;
	__le64 allocation_size;
	__le64 end_of_file;
	__le16 resource_type;
	__le16 nmpipe_status;
	u8 directory;
	/* MS-SMB 2.2.4.9.2 */
	u8 volume_guid[16];
	__le64 file_id;
	__le32 maximal_access_rights;
	__le32 guest_maximal_access_rights;
} __packed;

/* The plain response ends at @directory. */
#define SMB1_NT_CREATE_RSP_WORDS	34
/*
 * The extended response carries 50 words but says WordCount 42, as
 * Windows sends it and clients expect (MS-SMB 2.2.4.9.2; the WordCount
 * is how a client tells the two forms apart, 3.2.5.1).
 */
#define SMB1_NT_CREATE_RSP_EXT_WORDS	50
#define SMB1_NT_CREATE_RSP_EXT_WC	42

static_assert(sizeof(struct smb1_nt_create_rsp) ==
	      SMB1_NT_CREATE_RSP_EXT_WORDS * 2);

/* OPEN_ANDX Flags (MS-CIFS 2.2.4.41.1) */
#define REQ_ATTRIB		0x0001
#define REQ_OPLOCK		0x0002
#define REQ_OPLOCK_BATCH	0x0004

/* OPEN_ANDX OpenResults (MS-CIFS 2.2.4.41.2) */
#define OPEN_RESULT_OPENED	0x0001
#define OPEN_RESULT_CREATED	0x0002
#define OPEN_RESULT_TRUNCATED	0x0003

/* DOS AccessMode: execute access, write-through bit (MS-CIFS 2.2.4.3.1) */
#define DOS_ACCESS_EXECUTE		0x0003
#define DOS_ACCESS_WRITE_THROUGH	0x4000

/**
 * struct smb1_open_andx_req - SMB_COM_OPEN_ANDX request Words,
 *	WordCount 15 (MS-CIFS 2.2.4.41.1)
 * @andx: AndX block
 * @flags: REQ_* flags
 * @access_mode: DOS access and sharing mode
 * @search_attrs: ignored (MS-CIFS: "SHOULD be ignored")
 * @file_attrs: SMB_FILE_ATTRIBUTES of a new file
 * @creation_time: UTIME of a new file
 * @open_mode: FileExistsOpts and CreateFile
 * @allocation_size: bytes to reserve for a new or truncated file
 * @timeout: ignored (no waiting opens)
 * @reserved: zero
 */
struct smb1_open_andx_req {
	struct smb1_andx andx;
	__le16 flags;
	__le16 access_mode;
	__le16 search_attrs;
	__le16 file_attrs;
	__le32 creation_time;
	__le16 open_mode;
	__le32 allocation_size;
	__le32 timeout;
	__le16 reserved[2];
} __packed;

static_assert(sizeof(struct smb1_open_andx_req) == 15 * 2);

/**
 * struct smb1_open_andx_rsp - SMB_COM_OPEN_ANDX response Words,
 *	WordCount 15 (MS-CIFS 2.2.4.41.2)
 * @andx: AndX block
 * @fid: the new FID
 * @file_attrs: SMB_FILE_ATTRIBUTES
 * @last_write_time: UTIME
 * @file_data_size: size (low 32 bits)
 * @access_rights: the access granted: 0 read, 1 write, 2 read/write
 * @resource_type: FILE_TYPE_DISK
 * @nmpipe_status: 0 for files
 * @open_results: OPEN_RESULT_*
 * @reserved: zero
 */
struct smb1_open_andx_rsp {
	struct smb1_andx andx;
	__le16 fid;
	__le16 file_attrs;
	__le32 last_write_time;
	__le32 file_data_size;
	__le16 access_rights;
	__le16 resource_type;
	__le16 nmpipe_status;
	__le16 open_results;
	__le16 reserved[3];
} __packed;

static_assert(sizeof(struct smb1_open_andx_rsp) == 15 * 2);

/* OPEN_ANDX Flags: SMB_OPEN_EXTENDED_RESPONSE (MS-SMB 2.2.4.1.1) */
#define OPEN_ANDX_EXTENDED_RESPONSE	0x0010

/**
 * struct smb1_open_andx_ext_rsp - SMB_COM_OPEN_ANDX extended response
 *	Words, WordCount 19 (MS-SMB 2.2.4.1.2)
 * @base: the MS-CIFS response
 * @maximal_access_rights: MaximalAccessRights
 * @guest_maximal_access_rights: GuestMaximalAccessRights
 */
struct smb1_open_andx_ext_rsp {
	struct smb1_open_andx_rsp base;
	__le32 maximal_access_rights;
	__le32 guest_maximal_access_rights;
} __packed;

static_assert(sizeof(struct smb1_open_andx_ext_rsp) == 19 * 2);

/**
 * struct smb1_open_req - SMB_COM_OPEN request Words, WordCount 2
 *	(MS-CIFS 2.2.4.3.1)
 * @access_mode: DOS access and sharing mode
 * @search_attributes: ignored
 */
struct smb1_open_req {
	__le16 access_mode;
	__le16 search_attributes;
} __packed;

/**
 * struct smb1_open_rsp - SMB_COM_OPEN response Words, WordCount 7
 *	(MS-CIFS 2.2.4.3.2)
 * @fid: the new FID
 * @file_attrs: SMB_FILE_ATTRIBUTES
 * @last_modified: UTIME
 * @file_size: size (low 32 bits)
 * @access_mode: the access mode granted
 */
struct smb1_open_rsp {
	__le16 fid;
	__le16 file_attrs;
	__le32 last_modified;
	__le32 file_size;
	__le16 access_mode;
} __packed;

static_assert(sizeof(struct smb1_open_rsp) == 7 * 2);

/**
 * struct smb1_create_req - SMB_COM_CREATE, CREATE_NEW and
 *	CREATE_TEMPORARY request Words, WordCount 3 (MS-CIFS 2.2.4.4.1,
 *	2.2.4.16.1, 2.2.4.15.1)
 * @file_attributes: SMB_FILE_ATTRIBUTES of the file
 * @creation_time: UTIME (CREATE_TEMPORARY: reserved)
 */
struct smb1_create_req {
	__le16 file_attributes;
	__le32 creation_time;
} __packed;

/**
 * struct smb1_fid_rsp - a response whose Words are one FID, WordCount 1
 *	(CREATE, CREATE_NEW, CREATE_TEMPORARY: MS-CIFS 2.2.4.4.2 ...)
 * @fid: the new FID
 */
struct smb1_fid_rsp {
	__le16 fid;
} __packed;

/**
 * struct smb1_close_req - SMB_COM_CLOSE request Words, WordCount 3
 *	(MS-CIFS 2.2.4.5.1)
 * @fid: the FID to close
 * @last_time_modified: UTIME to set as the last write time; 0 or
 *	0xFFFFFFFF leave it
 */
struct smb1_close_req {
	__le16 fid;
	__le32 last_time_modified;
} __packed;

/**
 * struct smb1_flush_req - SMB_COM_FLUSH request Words, WordCount 1
 *	(MS-CIFS 2.2.4.6.1)
 * @fid: the FID to flush, or 0xFFFF for every file of the PID
 */
struct smb1_flush_req {
	__le16 fid;
} __packed;

/* READ_ANDX / WRITE_ANDX: "Available" for files (MS-CIFS 2.2.4.42.2) */
#define SMB1_AVAILABLE_FILE	0xFFFF

/**
 * struct smb1_read_andx_req - SMB_COM_READ_ANDX request Words, WordCount
 *	10 or 12 (MS-CIFS 2.2.4.42.1; MS-SMB 2.2.4.2.1 large reads)
 * @andx: AndX block
 * @fid: the FID
 * @offset: low 32 bits of the offset
 * @max_count: MaxCountOfBytesToReturn, low 16 bits of the count
 * @min_count: pipes only
 * @timeout_or_max_count_high: pipes: Timeout; files with
 *	CAP_LARGE_READX: MaxCountHigh in the low 16 bits
 * @remaining: ignored
 * @offset_high: high 32 bits of the offset (WordCount 12 only)
 */
struct smb1_read_andx_req {
	struct smb1_andx andx;
	__le16 fid;
	__le32 offset;
	__le16 max_count;
	__le16 min_count;
	__le32 timeout_or_max_count_high;
	__le16 remaining;
	__le32 offset_high;
} __packed;

#define SMB1_READ_ANDX_WC	10
#define SMB1_READ_ANDX_WC64	12

/**
 * struct smb1_read_andx_rsp - SMB_COM_READ_ANDX response Words,
 *	WordCount 12 (MS-CIFS 2.2.4.42.2; MS-SMB 2.2.4.2.2 DataLengthHigh)
 * @andx: AndX block
 * @available: SMB1_AVAILABLE_FILE for files
 * @data_compaction_mode: zero
 * @reserved1: zero
 * @data_length: low 16 bits of the bytes returned
 * @data_offset: offset of the data from the header start
 * @data_length_high: high 16 bits of the bytes returned
 * @reserved2: zero
 */
struct smb1_read_andx_rsp {
	struct smb1_andx andx;
	__le16 available;
	__le16 data_compaction_mode;
	__le16 reserved1;
	__le16 data_length;
	__le16 data_offset;
	__le16 data_length_high;
	__le16 reserved2[4];
} __packed;

static_assert(sizeof(struct smb1_read_andx_rsp) == 12 * 2);

/* WRITE_ANDX WriteMode (MS-CIFS 2.2.4.43.1) */
#define WRITE_THROUGH_MODE	0x0001

/**
 * struct smb1_write_andx_req - SMB_COM_WRITE_ANDX request Words,
 *	WordCount 12 or 14 (MS-CIFS 2.2.4.43.1; MS-SMB 2.2.4.3.1)
 * @andx: AndX block
 * @fid: the FID
 * @offset: low 32 bits of the offset
 * @timeout: pipes only
 * @write_mode: WRITE_THROUGH_MODE and pipe bits
 * @remaining: advisory
 * @data_length_high: high 16 bits of the data length (CAP_LARGE_WRITEX)
 * @data_length: low 16 bits of the data length
 * @data_offset: offset of the data from the header start
 * @offset_high: high 32 bits of the offset (WordCount 14 only)
 */
struct smb1_write_andx_req {
	struct smb1_andx andx;
	__le16 fid;
	__le32 offset;
	__le32 timeout;
	__le16 write_mode;
	__le16 remaining;
	__le16 data_length_high;
	__le16 data_length;
	__le16 data_offset;
	__le32 offset_high;
} __packed;

#define SMB1_WRITE_ANDX_WC	12
#define SMB1_WRITE_ANDX_WC64	14

/**
 * struct smb1_write_andx_rsp - SMB_COM_WRITE_ANDX response Words,
 *	WordCount 6 (MS-CIFS 2.2.4.43.2; MS-SMB 2.2.4.3.2 CountHigh)
 * @andx: AndX block
 * @count: low 16 bits of the bytes written
 * @available: SMB1_AVAILABLE_FILE for files
 * @count_high: high 16 bits of the bytes written
 * @reserved: zero
 */
struct smb1_write_andx_rsp {
	struct smb1_andx andx;
	__le16 count;
	__le16 available;
	__le16 count_high;
	__le16 reserved;
} __packed;

static_assert(sizeof(struct smb1_write_andx_rsp) == 6 * 2);

/**
 * struct smb1_read_req - SMB_COM_READ request Words, WordCount 5
 *	(MS-CIFS 2.2.4.11.1)
 * @fid: the FID
 * @count: CountOfBytesToRead
 * @offset: ReadOffsetInBytes
 * @remaining: EstimateOfRemainingBytesToBeRead, ignored
 */
struct smb1_read_req {
	__le16 fid;
	__le16 count;
	__le32 offset;
	__le16 remaining;
} __packed;

/**
 * struct smb1_read_rsp - SMB_COM_READ response Words, WordCount 5
 *	(MS-CIFS 2.2.4.11.2); Bytes: 0x01, CountOfBytesRead(2), the data
 * @count: CountOfBytesReturned
 * @reserved: zero
 */
struct smb1_read_rsp {
	__le16 count;
	__le16 reserved[4];
} __packed;

/**
 * struct smb1_write_req - SMB_COM_WRITE request Words, WordCount 5
 *	(MS-CIFS 2.2.4.12.1); Bytes: 0x01, DataLength(2), the data
 * @fid: the FID
 * @count: CountOfBytesToWrite; 0 truncates or extends the file to
 *	@offset
 * @offset: WriteOffsetInBytes
 * @remaining: EstimateOfRemainingBytesToBeWritten, ignored
 */
struct smb1_write_req {
	__le16 fid;
	__le16 count;
	__le32 offset;
	__le16 remaining;
} __packed;

/**
 * struct smb1_count_rsp - a response whose Words are one 16-bit count,
 *	WordCount 1 (WRITE: CountOfBytesWritten, MS-CIFS 2.2.4.12.2)
 * @count: the count
 */
struct smb1_count_rsp {
	__le16 count;
} __packed;

/**
 * struct smb1_write_and_close_req - SMB_COM_WRITE_AND_CLOSE request
 *	Words, WordCount 6 or 12 (MS-CIFS 2.2.4.40.1); Bytes: Pad(1), data
 * @fid: the FID, closed after the write
 * @count: CountOfBytesToWrite; 0 truncates or extends the file to @offset
 * @offset: WriteOffsetInBytes
 * @last_write_time: UTIME to set; 0 means now
 * @reserved: the 12-word form only, zero
 */
struct smb1_write_and_close_req {
	__le16 fid;
	__le16 count;
	__le32 offset;
	__le32 last_write_time;
	__le32 reserved[3];
} __packed;

/**
 * struct smb1_seek_req - SMB_COM_SEEK request Words, WordCount 4
 *	(MS-CIFS 2.2.4.19.1)
 * @fid: the FID
 * @mode: 0 from the start, 1 from the current position, 2 from the end
 * @offset: signed offset
 */
struct smb1_seek_req {
	__le16 fid;
	__le16 mode;
	__le32 offset;
} __packed;

/**
 * struct smb1_seek_rsp - SMB_COM_SEEK response Words, WordCount 2
 *	(MS-CIFS 2.2.4.19.2)
 * @offset: the new position from the start of the file
 */
struct smb1_seek_rsp {
	__le32 offset;
} __packed;

/**
 * struct smb1_search_attrs_req - Words of DELETE and RENAME, WordCount 1
 *	(MS-CIFS 2.2.4.7.1, 2.2.4.8.1)
 * @search_attributes: SMB_FILE_ATTRIBUTES of the files that may be
 *	affected besides normal ones
 */
struct smb1_search_attrs_req {
	__le16 search_attributes;
} __packed;

/* NT_RENAME InformationLevel (MS-CIFS 2.2.4.66.1) */
#define SMB_NT_RENAME_MOVE_CLUSTER_INFO	0x0102
#define SMB_NT_RENAME_SET_LINK_INFO	0x0103
#define SMB_NT_RENAME_RENAME_FILE	0x0104
#define SMB_NT_RENAME_MOVE_FILE		0x0105

/**
 * struct smb1_nt_rename_req - SMB_COM_NT_RENAME request Words,
 *	WordCount 4 (MS-CIFS 2.2.4.66.1)
 * @search_attributes: as for RENAME
 * @information_level: SMB_NT_RENAME_*
 * @reserved: ClusterCount, zero
 */
struct smb1_nt_rename_req {
	__le16 search_attributes;
	__le16 information_level;
	__le32 reserved;
} __packed;

/**
 * struct smb1_query_info_rsp - SMB_COM_QUERY_INFORMATION response Words,
 *	WordCount 10 (MS-CIFS 2.2.4.9.2)
 * @file_attributes: SMB_FILE_ATTRIBUTES
 * @last_write_time: UTIME
 * @file_size: size (low 32 bits)
 * @reserved: zero
 */
struct smb1_query_info_rsp {
	__le16 file_attributes;
	__le32 last_write_time;
	__le32 file_size;
	__le16 reserved[5];
} __packed;

static_assert(sizeof(struct smb1_query_info_rsp) == 10 * 2);

/**
 * struct smb1_set_info_req - SMB_COM_SET_INFORMATION request Words,
 *	WordCount 8 (MS-CIFS 2.2.4.10.1)
 * @file_attributes: SMB_FILE_ATTRIBUTES to set
 * @last_write_time: UTIME; 0 leaves it
 * @reserved: ignored
 */
struct smb1_set_info_req {
	__le16 file_attributes;
	__le32 last_write_time;
	__le16 reserved[5];
} __packed;

static_assert(sizeof(struct smb1_set_info_req) == 8 * 2);

/**
 * struct smb1_query_disk_rsp - SMB_COM_QUERY_INFORMATION_DISK response
 *	Words, WordCount 5 (MS-CIFS 2.2.4.57.2)
 * @total_units: allocation units on the volume
 * @blocks_per_unit: blocks per unit
 * @block_size: bytes per block
 * @free_units: free units
 * @reserved: zero
 */
struct smb1_query_disk_rsp {
	__le16 total_units;
	__le16 blocks_per_unit;
	__le16 block_size;
	__le16 free_units;
	__le16 reserved;
} __packed;

/* LOCKING_ANDX TypeOfLock (MS-CIFS 2.2.4.32.1) */
#define LOCKING_ANDX_SHARED_LOCK	0x01
#define LOCKING_ANDX_OPLOCK_RELEASE	0x02
#define LOCKING_ANDX_CHANGE_LOCKTYPE	0x04
#define LOCKING_ANDX_CANCEL_LOCK	0x08
#define LOCKING_ANDX_LARGE_FILES	0x10

/**
 * struct smb1_locking_andx_req - SMB_COM_LOCKING_ANDX request Words,
 *	WordCount 8 (MS-CIFS 2.2.4.32.1); Bytes: the unlock ranges, then the
 *	lock ranges
 * @andx: the AndX block
 * @fid: the FID
 * @type: TypeOfLock (LOCKING_ANDX_*)
 * @oplock_level: NewOpLockLevel
 * @timeout: milliseconds to wait for a lock; 0 none, 0xFFFFFFFF forever
 * @nr_unlocks: NumberOfRequestedUnlocks
 * @nr_locks: NumberOfRequestedLocks
 */
struct smb1_locking_andx_req {
	struct smb1_andx andx;
	__le16 fid;
	u8 type;
	u8 oplock_level;
	__le32 timeout;
	__le16 nr_unlocks;
	__le16 nr_locks;
} __packed;
static_assert(sizeof(struct smb1_locking_andx_req) == 8 * 2);

/**
 * struct smb1_locking_range32 - LOCKING_ANDX_RANGE32 (MS-CIFS 2.2.4.32.1)
 * @pid: PID of the lock owner
 * @offset: ByteOffset
 * @length: LengthInBytes
 */
struct smb1_locking_range32 {
	__le16 pid;
	__le32 offset;
	__le32 length;
} __packed;
static_assert(sizeof(struct smb1_locking_range32) == 10);

/**
 * struct smb1_locking_range64 - LOCKING_ANDX_RANGE64 (MS-CIFS 2.2.4.32.1):
 *	the high halves come first
 * @pid: PID of the lock owner
 * @pad: reserved
 * @offset_high: ByteOffsetHigh
 * @offset_low: ByteOffsetLow
 * @length_high: LengthInBytesHigh
 * @length_low: LengthInBytesLow
 */
struct smb1_locking_range64 {
	__le16 pid;
	__le16 pad;
	__le32 offset_high;
	__le32 offset_low;
	__le32 length_high;
	__le32 length_low;
} __packed;
static_assert(sizeof(struct smb1_locking_range64) == 20);

/**
 * struct smb1_lock_range_req - SMB_COM_LOCK_BYTE_RANGE and
 *	UNLOCK_BYTE_RANGE request Words, WordCount 5 (MS-CIFS 2.2.4.13.1,
 *	2.2.4.14.1)
 * @fid: the FID
 * @count: CountOfBytesToLock / CountOfBytesToUnlock
 * @offset: LockOffsetInBytes / UnlockOffsetInBytes
 */
struct smb1_lock_range_req {
	__le16 fid;
	__le32 count;
	__le32 offset;
} __packed;
static_assert(sizeof(struct smb1_lock_range_req) == 5 * 2);

#endif /* _KCIFSD_FILE_PDU_H */
