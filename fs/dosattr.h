/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DOS attributes, the creation time and the ChangeTime that Linux has no
 * place for, kept in an extended attribute of the file so that HIDDEN,
 * SYSTEM, ARCHIVE and TEMPORARY set by a client survive, and a creation
 * time or ChangeTime a client sets is the one it reads back.
 *
 * The extended attribute is "user.kcifsd.dos" (KCIFSD_DOSATTR_XATTR),
 * little-endian (struct kcifsd_dosattr_xattr): 32 bytes (version 2) when
 * a ChangeTime is kept, else the first 16 bytes alone (version 1), the
 * value modules before version 2 read, so that a downgrade keeps the
 * attributes and creation time. Both are read:
 *
 *	offset 0  u8     version, 2 (1: 16 bytes, up to the creation time)
 *	offset 1  u8     flags: 0x01 the creation time below is set (only
 *	                 one a client set: a derived one is never stored),
 *	                 0x02 the ChangeTime below is set (version 2)
 *	offset 2  u16    reserved, 0
 *	offset 4  u32    SMB_EXT_FILE_ATTR bits HIDDEN 0x2, SYSTEM 0x4,
 *	                 ARCHIVE 0x20, TEMPORARY 0x100, SPARSE_FILE 0x200
 *	                 (others are ignored)
 *	offset 8  u64    creation time, FILETIME (100 ns since 1601)
 *	offset 16 u64    ChangeTime a client set, FILETIME
 *	offset 24 s64    the inode's change time (ns since 1970) just after
 *	                 that ChangeTime was stored
 *
 * Linux cannot set an inode's change time, and every change moves it,
 * the store of this attribute too. So a ChangeTime a client sets is
 * reported while the inode's change time is still the one recorded with
 * it: the file has not changed since. Any later change (a write, a
 * rename, an attribute, here or by a local user) moves the inode's
 * change time, and from then on that is reported again, as MS-FSA wants
 * ChangeTime to move with later changes. A store that changes
 * attributes or the creation time without a ChangeTime drops it: that
 * change is the latest.
 *
 * The rest of the attributes are not stored: DIRECTORY comes from the
 * file type and READONLY from the permission bits (fs/fileinfo.c), so
 * that local users and other protocols see the same thing. A file
 * without the attribute reports what fs/fileinfo.c derives (ARCHIVE for
 * regular files), its birth time and its inode change time. A user.*
 * attribute needs a file system with user extended attributes (ext4,
 * xfs, btrfs; not tmpfs on 6.1): without them, setting HIDDEN, SYSTEM or
 * a creation time fails with STATUS_NOT_SUPPORTED, and a ChangeTime set
 * alone is not kept (the set succeeds, as on a FAT volume on Windows;
 * Linux clients send one with every utimes(2) on a nounix mount).
 *
 * SPARSE_FILE is only ever set or cleared by FSCTL_SET_SPARSE (fs/fsctl.c,
 * kcifsd_dosattr_set_sparse()): attributes a client sets by value keep
 * it as it is, as on Windows. Linux files need no such mode to have
 * holes; the bit only says what the client asked for.
 */
#ifndef _KCIFSD_DOSATTR_H
#define _KCIFSD_DOSATTR_H

#include <linux/build_bug.h>
#include <linux/path.h>
#include <linux/stat.h>
#include <linux/stddef.h>
#include <linux/time64.h>
#include <linux/types.h>

struct kcifsd_tree;

#define KCIFSD_DOSATTR_XATTR		"user.kcifsd.dos"
#define KCIFSD_DOSATTR_VERSION		2
#define KCIFSD_DOSATTR_V1		1
#define KCIFSD_DOSATTR_V1_SIZE		16
#define KCIFSD_DOSATTR_F_CREATE		0x01
#define KCIFSD_DOSATTR_F_CHANGE		0x02

/* SMB_EXT_FILE_ATTR bits kept in the attribute (MS-CIFS 2.2.1.2.3) */
#define SMB_ATTR_TEMPORARY		0x00000100
#define SMB_ATTR_SPARSE_FILE		0x00000200
/* ... those a client sets by value (SET_INFO, SETATTR, a create) */
#define KCIFSD_DOSATTR_SETTABLE		(0x2 | 0x4 | 0x20 | SMB_ATTR_TEMPORARY)
#define KCIFSD_DOSATTR_STORED		(KCIFSD_DOSATTR_SETTABLE | \
					 SMB_ATTR_SPARSE_FILE)

/**
 * struct kcifsd_dosattr_xattr - the value of KCIFSD_DOSATTR_XATTR
 * @version: KCIFSD_DOSATTR_VERSION (32 bytes) or KCIFSD_DOSATTR_V1 (16)
 * @flags: KCIFSD_DOSATTR_F_*
 * @reserved: zero
 * @attrs: the stored SMB_EXT_FILE_ATTR bits (KCIFSD_DOSATTR_STORED)
 * @create_time: the creation time a client set, FILETIME
 * @change_time: the ChangeTime a client set, FILETIME
 * @ctime_ns: the inode change time recorded with @change_time
 */
struct kcifsd_dosattr_xattr {
	u8 version;
	u8 flags;
	__le16 reserved;
	__le32 attrs;
	__le64 create_time;
	__le64 change_time;
	__le64 ctime_ns;
} __packed;

static_assert(sizeof(struct kcifsd_dosattr_xattr) == 32);
static_assert(offsetof(struct kcifsd_dosattr_xattr, change_time) ==
	      KCIFSD_DOSATTR_V1_SIZE);

/**
 * struct kcifsd_dosattr_value - the attribute's fields, decoded
 * @flags: KCIFSD_DOSATTR_F_*
 * @attrs: the stored SMB_EXT_FILE_ATTR bits
 * @create_time: FILETIME, if @flags has KCIFSD_DOSATTR_F_CREATE
 * @change_time: FILETIME, if @flags has KCIFSD_DOSATTR_F_CHANGE
 * @ctime_ns: the inode change time @change_time was stored at
 */
struct kcifsd_dosattr_value {
	u8 flags;
	u32 attrs;
	u64 create_time;
	u64 change_time;
	s64 ctime_ns;
};

/**
 * struct kcifsd_dosattr - DOS attributes and the times kept for a file
 * @attrs: SMB_EXT_FILE_ATTR, complete (stored and derived bits)
 * @create_time: CreationTime, FILETIME
 * @change_time: ChangeTime, FILETIME: the one a client set while the
 *	file has not changed since, else the inode change time
 * @kept: KCIFSD_DOSATTR_F_* of the times the stored attribute holds
 *	(F_CREATE: @create_time is a kept one, not derived from the inode)
 */
struct kcifsd_dosattr {
	u32 attrs;
	u64 create_time;
	u64 change_time;
	u8 kept;
};

bool kcifsd_dosattr_decode(const void *buf, ssize_t len,
			   struct kcifsd_dosattr_value *v);
size_t kcifsd_dosattr_encode(const struct kcifsd_dosattr_value *v,
			     struct kcifsd_dosattr_xattr *x);
u64 kcifsd_dosattr_change_time(const struct kcifsd_dosattr_value *v,
			       const struct timespec64 *ctime);

void kcifsd_dosattr_get(const struct path *path, const struct kstat *st,
			struct kcifsd_dosattr *da);
u32 kcifsd_dosattr_set_times(const struct kcifsd_tree *tree,
			     const struct path *path, const struct kstat *st,
			     u32 attrs, u64 create_time, u64 change_time);
u32 kcifsd_dosattr_set_sparse(const struct kcifsd_tree *tree,
			      const struct path *path, const struct kstat *st,
			      bool sparse);

/* Attributes and creation time alone: a ChangeTime set before is dropped. */
static inline u32 kcifsd_dosattr_set(const struct kcifsd_tree *tree,
				     const struct path *path,
				     const struct kstat *st, u32 attrs,
				     u64 create_time)
{
	return kcifsd_dosattr_set_times(tree, path, st, attrs, create_time, 0);
}

#endif /* _KCIFSD_DOSATTR_H */
