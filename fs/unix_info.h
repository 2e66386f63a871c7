/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CIFS UNIX extensions (SNIA "CIFS UNIX Extensions", the Samba wiki's
 * "UNIX Extensions" page, draft-jpeach-smb-unix-extensions): TRANS2
 * information levels 0x200-0x2FF, offered only with CAP_UNIX in
 * NEGOTIATE. This header has the level numbers, the capability bits of
 * SMB_QUERY_CIFS_UNIX_INFO and the pure encoders and decoders of their
 * structures (fs/unix_info.c); the commands are fs/unix_setinfo.c's and
 * the TRANS2 files'.
 */
#ifndef _KCIFSD_UNIX_INFO_H
#define _KCIFSD_UNIX_INFO_H

#include <linux/stat.h>
#include <linux/statfs.h>
#include <linux/types.h>

struct kcifsd_smb_req;
struct kcifsd_trans;

/* QUERY_FS_INFORMATION and SET_FS_INFORMATION levels */
#define SMB_QUERY_CIFS_UNIX_INFO	0x0200
#define SMB_QUERY_POSIX_FS_INFO		0x0201
#define SMB_QUERY_POSIX_WHOAMI		0x0202
#define SMB_SET_CIFS_UNIX_INFO		0x0200

/* QUERY/SET_PATH/FILE_INFORMATION levels */
#define SMB_QUERY_FILE_UNIX_BASIC	0x0200
#define SMB_QUERY_FILE_UNIX_LINK	0x0201
#define SMB_SET_FILE_UNIX_BASIC		0x0200
#define SMB_SET_FILE_UNIX_LINK		0x0201
#define SMB_SET_FILE_UNIX_HLINK		0x0203
#define SMB_QUERY_POSIX_ACL		0x0204
#define SMB_SET_POSIX_ACL		0x0204
#define SMB_QUERY_FILE_UNIX_INFO2	0x020B
#define SMB_SET_FILE_UNIX_INFO2		0x020B
#define SMB_POSIX_PATH_OPEN		0x0209	/* SET_PATH_INFORMATION only */
#define SMB_POSIX_PATH_UNLINK		0x020A	/* SET_PATH_INFORMATION only */

/* SMB_POSIX_PATH_OPEN: no information after the reply's header */
#define SMB_NO_INFO_LEVEL_RETURNED	0xFFFF

/* SMB_POSIX_PATH_OPEN PosixOpenFlags (the open(2) flags on the wire) */
#define SMB_O_RDONLY			0x0001
#define SMB_O_WRONLY			0x0002
#define SMB_O_RDWR			0x0004
#define SMB_O_ACCMODE			0x0007
#define SMB_O_CREAT			0x0010
#define SMB_O_EXCL			0x0020
#define SMB_O_TRUNC			0x0040
#define SMB_O_APPEND			0x0080
#define SMB_O_SYNC			0x0100
#define SMB_O_DIRECTORY			0x0200
#define SMB_O_NOFOLLOW			0x0400
#define SMB_O_DIRECT			0x0800
#define SMB_O_ALL			0x0FF7

/* SMB_POSIX_PATH_UNLINK Type */
#define SMB_POSIX_UNLINK_FILE		0
#define SMB_POSIX_UNLINK_DIRECTORY	1

/* FIND_FIRST2/FIND_NEXT2 levels */
#define SMB_FIND_FILE_UNIX		0x0202
#define SMB_FIND_FILE_UNIX_INFO2	0x020B

/* SMB_QUERY_CIFS_UNIX_INFO: the version this server speaks */
#define CIFS_UNIX_MAJOR_VERSION		1
#define CIFS_UNIX_MINOR_VERSION		0

/*
 * Capability bits of SMB_QUERY_CIFS_UNIX_INFO / SMB_SET_CIFS_UNIX_INFO.
 * The base levels come with CAP_UNIX; of the optional ones the POSIX
 * path operations (SMB_POSIX_PATH_OPEN, SMB_POSIX_PATH_UNLINK) are
 * offered, POSIX ACLs on a share whose file system keeps them, and the
 * large reads and writes where the connection carries them
 * (fs/trans2_fsinfo.c): no POSIX locks, xattrs or POSIX path names.
 */
#define CIFS_UNIX_FCNTL_LOCKS_CAP	0x00000001
#define CIFS_UNIX_POSIX_ACL_CAP		0x00000002
#define CIFS_UNIX_XATTR_CAP		0x00000004
#define CIFS_UNIX_EXTATTR_CAP		0x00000008
#define CIFS_UNIX_POSIX_PATHNAMES_CAP	0x00000010
#define CIFS_UNIX_POSIX_PATH_OPS_CAP	0x00000020
#define CIFS_UNIX_LARGE_READ_CAP	0x00000040
#define CIFS_UNIX_LARGE_WRITE_CAP	0x00000080
#define KCIFSD_UNIX_CAPS		CIFS_UNIX_POSIX_PATH_OPS_CAP

/* FILE_UNIX_BASIC Type */
#define UNIX_TYPE_FILE			0
#define UNIX_TYPE_DIR			1
#define UNIX_TYPE_SYMLINK		2
#define UNIX_TYPE_CHARDEV		3
#define UNIX_TYPE_BLKDEV		4
#define UNIX_TYPE_FIFO			5
#define UNIX_TYPE_SOCKET		6
#define UNIX_TYPE_UNKNOWN		0xFFFFFFFF

/* Sizes of the fixed structures */
#define UNIX_INFO_SIZE			12	/* SMB_QUERY_CIFS_UNIX_INFO */
#define POSIX_FS_INFO_SIZE		56	/* SMB_QUERY_POSIX_FS_INFO */
#define UNIX_BASIC_SIZE			100	/* FILE_UNIX_BASIC_INFO */
#define POSIX_OPEN_REQ_SIZE		18	/* SMB_POSIX_PATH_OPEN data */
#define POSIX_OPEN_RSP_SIZE		12	/* ... reply, before the level */
#define POSIX_UNLINK_REQ_SIZE		2	/* SMB_POSIX_PATH_UNLINK data */
#define UNIX_INFO2_SIZE			116	/* FILE_UNIX_INFO2 */
#define WHOAMI_FIXED_SIZE		40	/* SMB_QUERY_POSIX_WHOAMI */

/* SMB_QUERY_POSIX_WHOAMI MappingFlags */
#define SMB_WHOAMI_GUEST		0x00000001

/* SMB_QUERY_POSIX_ACL / SMB_SET_POSIX_ACL (fs/unix_acl.c) */
#define POSIX_ACL_WIRE_VERSION		1
#define POSIX_ACL_HDR_SIZE		6
#define POSIX_ACE_SIZE			10
/* A count that leaves its ACL alone, in a set */
#define POSIX_ACL_NO_CHANGE		0xFFFF
/* Entries in one ACL this server takes or gives (ext4 keeps about 500) */
#define KCIFSD_POSIX_ACL_MAX		1024

/* "No change" in a set FILE_UNIX_BASIC_INFO */
#define UNIX_NO_CHANGE_64		0xFFFFFFFFFFFFFFFFULL
#define UNIX_MODE_NO_CHANGE		0xFFFFFFFFU

/**
 * struct kcifsd_unix_set - what a SET_FILE_UNIX_BASIC asks for
 * @size: new EndOfFile, with @set_size
 * @atime: new LastAccessTime (FILETIME), with @set_atime
 * @mtime: new LastModificationTime, with @set_mtime
 * @uid: new owner, with @set_uid
 * @gid: new group, with @set_gid
 * @type: Type (UNIX_TYPE_*), what a node made by it is
 * @dev: DevMajor and DevMinor, for a device node made by it
 * @mode: permission bits (07777), with @set_mode
 *
 * LastStatusChange cannot be set on Linux, NumOfBytes, UniqueId and
 * NumLinks are the file system's: those fields are ignored.
 */
struct kcifsd_unix_set {
	u64 size;
	u64 atime;
	u64 mtime;
	u32 uid;
	u32 gid;
	u32 type;
	dev_t dev;
	umode_t mode;
	bool set_size;
	bool set_atime;
	bool set_mtime;
	bool set_uid;
	bool set_gid;
	bool set_mode;
};

/**
 * struct kcifsd_posix_open - what an SMB_POSIX_PATH_OPEN asks for, in the
 *	terms of fs/open.h
 * @desired: DesiredAccess: GENERIC_READ and/or GENERIC_WRITE, or
 *	FILE_READ_ATTRIBUTES for a directory made or opened with no access
 *	mode
 * @disposition: CreateDisposition from O_CREAT, O_EXCL and O_TRUNC
 * @options: FILE_DIRECTORY_FILE for O_DIRECTORY, FILE_NON_DIRECTORY_FILE
 *	for an open for writing (a directory is never written, EISDIR)
 * @mode: permission bits of a new object (07777 of Permissions)
 * @reply_level: SMB_QUERY_FILE_UNIX_BASIC or SMB_NO_INFO_LEVEL_RETURNED
 * @mkdir: O_DIRECTORY | O_CREAT: make a directory, keep no FID
 * @nofollow: O_NOFOLLOW, a final symlink is not followed
 * @sync: O_SYNC, writes are write-through
 */
struct kcifsd_posix_open {
	u32 desired;
	u32 disposition;
	u32 options;
	umode_t mode;
	u16 reply_level;
	bool mkdir;
	bool nofollow;
	bool sync;
};

int kcifsd_posix_open_decode(const u8 *p, unsigned int len,
			     struct kcifsd_posix_open *po);
unsigned int kcifsd_put_posix_open_rsp(u8 *p, u16 fid, u32 action,
				       u16 level);
unsigned int kcifsd_put_unix_info(u8 *p, u64 caps);
unsigned int kcifsd_put_posix_fs_info(u8 *p, const struct kstatfs *st);
unsigned int kcifsd_put_unix_basic(u8 *p, const struct kstat *st);
u32 kcifsd_unix_type(umode_t mode);
umode_t kcifsd_unix_type_mode(u32 type);
int kcifsd_unix_set_decode(const u8 *p, unsigned int len,
			   struct kcifsd_unix_set *set);
int kcifsd_unix_string(const u8 *p, unsigned int len, bool unicode,
		       char **out);

bool kcifsd_unix_offered(void);
bool kcifsd_unix_enabled(const struct kcifsd_smb_req *req);
bool kcifsd_unix_level(const struct kcifsd_smb_req *req, u16 level);

/* fs/unix_setinfo.c */
u32 kcifsd_unix_set_path(struct kcifsd_smb_req *req, struct kcifsd_trans *t,
			 u16 level);
struct kcifsd_t2_obj;
u32 kcifsd_unix_set_basic(struct kcifsd_t2_obj *obj, const u8 *data,
			  unsigned int len);
u32 kcifsd_unix_posix_open(struct kcifsd_smb_req *req,
			   struct kcifsd_t2_obj *obj, struct kcifsd_trans *t);
u32 kcifsd_unix_posix_unlink(struct kcifsd_t2_obj *obj,
			     const struct kcifsd_trans *t);
u32 kcifsd_unix_readlink(struct kcifsd_t2_obj *obj, bool unicode, u8 *p,
			 unsigned int room, unsigned int *len);
u32 kcifsd_unix_set_info2(struct kcifsd_t2_obj *obj, const u8 *data,
			  unsigned int len);

/* FILE_UNIX_INFO2 (fs/unix_info.c) */
unsigned int kcifsd_put_unix_info2(u8 *p, const struct kstat *st,
				   u64 create);
int kcifsd_unix_info2_decode(const u8 *p, unsigned int len, u64 *create);

/* SMB_QUERY_POSIX_WHOAMI (fs/unix_info.c) */
struct group_info;
int kcifsd_put_whoami(u8 *p, unsigned int room, u32 uid, u32 gid,
		      const struct group_info *groups, bool guest);

/**
 * struct kcifsd_posix_acl_req - an SMB_SET_POSIX_ACL, checked
 * @acc: the access ACL's entries on the wire (POSIX_ACE_SIZE each)
 * @def: the default ACL's
 * @nacc: entries in @acc
 * @ndef: entries in @def
 * @set_acc: the access ACL is to be set (count not POSIX_ACL_NO_CHANGE)
 * @set_def: the default ACL is to be set
 */
struct kcifsd_posix_acl_req {
	const u8 *acc;
	const u8 *def;
	u16 nacc;
	u16 ndef;
	bool set_acc;
	bool set_def;
};

/* fs/unix_acl.c */
int kcifsd_posix_acl_decode(const u8 *p, unsigned int len,
			    struct kcifsd_posix_acl_req *r);
unsigned int kcifsd_posix_acl_to_xattr(const u8 *aces, unsigned int n,
				       void *buf);
int kcifsd_posix_acl_from_xattr(const void *x, size_t len, u8 *out,
				unsigned int room);
unsigned int kcifsd_posix_acl_from_mode(umode_t mode, u8 *out);
void kcifsd_put_posix_acl_hdr(u8 *p, u16 nacc, u16 ndef);
u32 kcifsd_unix_query_acl(struct kcifsd_t2_obj *obj, u8 *p,
			  unsigned int room, unsigned int *len);
u32 kcifsd_unix_set_acl(struct kcifsd_t2_obj *obj, const u8 *data,
			unsigned int len);

#endif /* _KCIFSD_UNIX_INFO_H */
