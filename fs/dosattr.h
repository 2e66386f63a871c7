/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DOS attributes and the creation time that Linux has no place for,
 * kept in an extended attribute of the file so that HIDDEN, SYSTEM,
 * ARCHIVE and TEMPORARY set by a client survive, and a creation time a
 * client sets is the one it reads back.
 *
 * The extended attribute is "user.kcifsd.dos" (KCIFSD_DOSATTR_XATTR), 16
 * bytes, little-endian (struct kcifsd_dosattr_xattr):
 *
 *	offset 0  u8     version, 1
 *	offset 1  u8     flags: 0x01 the creation time below is set
 *	offset 2  u16    reserved, 0
 *	offset 4  u32    SMB_EXT_FILE_ATTR bits HIDDEN 0x2, SYSTEM 0x4,
 *	                 ARCHIVE 0x20, TEMPORARY 0x100, SPARSE_FILE 0x200
 *	                 (others are ignored)
 *	offset 8  u64    creation time, FILETIME (100 ns since 1601)
 *
 * The rest of the attributes are not stored: DIRECTORY comes from the
 * file type and READONLY from the permission bits (fs/fileinfo.c), so
 * that local users and other protocols see the same thing. A file
 * without the attribute reports what fs/fileinfo.c derives (ARCHIVE for
 * regular files) and its birth time. A user.* attribute needs a file
 * system with user extended attributes (ext4, xfs, btrfs; not tmpfs on
 * 6.1): without them, setting HIDDEN or SYSTEM fails with
 * STATUS_NOT_SUPPORTED.
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
#include <linux/types.h>

struct kcifsd_tree;

#define KCIFSD_DOSATTR_XATTR		"user.kcifsd.dos"
#define KCIFSD_DOSATTR_VERSION		1
#define KCIFSD_DOSATTR_F_CREATE		0x01

/* SMB_EXT_FILE_ATTR bits kept in the attribute (MS-CIFS 2.2.1.2.3) */
#define SMB_ATTR_TEMPORARY		0x00000100
#define SMB_ATTR_SPARSE_FILE		0x00000200
/* ... those a client sets by value (SET_INFO, SETATTR, a create) */
#define KCIFSD_DOSATTR_SETTABLE		(0x2 | 0x4 | 0x20 | SMB_ATTR_TEMPORARY)
#define KCIFSD_DOSATTR_STORED		(KCIFSD_DOSATTR_SETTABLE | \
					 SMB_ATTR_SPARSE_FILE)

/**
 * struct kcifsd_dosattr_xattr - the value of KCIFSD_DOSATTR_XATTR
 * @version: KCIFSD_DOSATTR_VERSION
 * @flags: KCIFSD_DOSATTR_F_*
 * @reserved: zero
 * @attrs: the stored SMB_EXT_FILE_ATTR bits (KCIFSD_DOSATTR_STORED)
 * @create_time: the creation time a client set, FILETIME
 */
struct kcifsd_dosattr_xattr {
	u8 version;
	u8 flags;
	__le16 reserved;
	__le32 attrs;
	__le64 create_time;
} __packed;

static_assert(sizeof(struct kcifsd_dosattr_xattr) == 16);

/**
 * struct kcifsd_dosattr - DOS attributes and creation time of a file
 * @attrs: SMB_EXT_FILE_ATTR, complete (stored and derived bits)
 * @create_time: CreationTime, FILETIME
 */
struct kcifsd_dosattr {
	u32 attrs;
	u64 create_time;
};

void kcifsd_dosattr_get(const struct path *path, const struct kstat *st,
			struct kcifsd_dosattr *da);
u32 kcifsd_dosattr_set(const struct kcifsd_tree *tree,
		       const struct path *path, const struct kstat *st,
		       u32 attrs, u64 create_time);
u32 kcifsd_dosattr_set_sparse(const struct kcifsd_tree *tree,
			      const struct path *path, const struct kstat *st,
			      bool sparse);

#endif /* _KCIFSD_DOSATTR_H */
