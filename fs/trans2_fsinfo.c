// SPDX-License-Identifier: GPL-2.0-only
/*
 * TRANS2_QUERY_FS_INFORMATION (MS-CIFS 2.2.6.4, 3.3.5.58.5): the volume
 * under a tree connect, in the MS-CIFS levels (2.2.8.2) and the
 * pass-through file-system classes Windows and Linux ask for (MS-SMB
 * 2.2.2.3.5, MS-FSCC 2.5).
 *
 * Sizes are in allocation units of the file system's block size, counted
 * as 512-byte sectors. The 32-bit fields of SMB_INFO_ALLOCATION cannot
 * hold a large volume: the unit is doubled until they can, which keeps
 * the byte totals right.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/cred.h>
#include <linux/jhash.h>
#include <linux/kernel.h>
#include <linux/statfs.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/fileinfo.h"
#include "fs/ea.h"
#include "fs/infolevel.h"
#include "fs/session.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/trans2.h"
#include "fs/transaction.h"
#include "fs/tree.h"
#include "fs/unix_info.h"
#include "fs/vfs.h"
#include "net/connection.h"
#include "net/server.h"

/* FileSystemAttributes (MS-FSCC 2.5.1) */
#define FILE_CASE_SENSITIVE_SEARCH	0x00000001
#define FILE_CASE_PRESERVED_NAMES	0x00000002
#define FILE_UNICODE_ON_DISK		0x00000004
#define FILE_SUPPORTS_EXTENDED_ATTRIBUTES 0x00800000

/* DeviceType and Characteristics (MS-FSCC 2.5.10) */
#define FILE_DEVICE_DISK		0x00000007
#define FILE_READ_ONLY_DEVICE		0x00000002
#define FILE_DEVICE_IS_MOUNTED		0x00000020

#define FS_SECTOR_SIZE			512
/*
 * The file-system name reported. Windows clients decide what a volume
 * can do by it and know "NTFS"; what the volume really supports is in
 * the attribute bits.
 */
#define FS_NAME				"NTFS"

/*
 * The least MaxDataCount of the classes with a name (MS-FSA 2.1.5.13.1,
 * 2.1.5.13.5; less is STATUS_INFO_LENGTH_MISMATCH): the part before the
 * name, aligned as the class is. The native levels share the layouts.
 */
#define FS_VOLUME_FIXED		18
#define FS_VOLUME_MIN		ALIGN(FS_VOLUME_FIXED, 8)
#define FS_ATTRIBUTE_FIXED	12
#define FS_ATTRIBUTE_MIN	ALIGN(FS_ATTRIBUTE_FIXED, 4)

/**
 * struct fs_sizes - a volume's size in the units the levels use
 * @total: allocation units
 * @avail: units free for the user (quota and reserve left out)
 * @free: units free on the volume
 * @spu: sectors per unit
 */
struct fs_sizes {
	u64 total;
	u64 avail;
	u64 free;
	u32 spu;
};

static void fs_sizes(const struct kstatfs *st, struct fs_sizes *sz)
{
	u64 bsize = st->f_frsize ? st->f_frsize : st->f_bsize;

	sz->spu = max_t(u64, bsize / FS_SECTOR_SIZE, 1);
	sz->total = st->f_blocks;
	sz->avail = st->f_bavail;
	sz->free = st->f_bfree;
}

/* A label and serial for the share: stable, and different per share. */
static u32 fs_serial(const struct kcifsd_tree *tree)
{
	return jhash(tree->share, strlen(tree->share), 0x6b636966);
}

/* SMB_INFO_ALLOCATION (2.2.8.2.1) */
static int fs_info_allocation(u8 *p, struct fs_sizes *sz)
{
	u64 total = sz->total, avail = sz->avail;
	u32 spu = sz->spu;

	while (total > U32_MAX && spu < (U32_MAX >> 1)) {
		total >>= 1;
		avail >>= 1;
		spu <<= 1;
	}
	put_unaligned_le32(0, p);
	put_unaligned_le32(spu, p + 4);
	put_unaligned_le32(min_t(u64, total, U32_MAX), p + 8);
	put_unaligned_le32(min_t(u64, avail, U32_MAX), p + 12);
	put_unaligned_le16(FS_SECTOR_SIZE, p + 16);
	return 18;
}

/* SMB_INFO_VOLUME (2.2.8.2.2): serial, then the label as an SMB_STRING */
static int fs_info_volume(u8 *p, unsigned int room,
			  const struct kcifsd_tree *tree, bool unicode)
{
	int n;

	put_unaligned_le32(fs_serial(tree), p);
	n = kcifsd_put_name(p + 5, room - 5 - 2, tree->share,
			    strlen(tree->share), unicode);
	if (n < 0 || n > 255)
		return -ENOSPC;
	p[4] = n;
	return 5 + n + (unicode ? 2 : 1);
}

/*
 * SMB_QUERY_FS_VOLUME_INFO (2.2.8.2.3) and FileFsVolumeInformation
 * (MS-FSCC 2.5.9): the same 18 bytes, then the label (UTF-16 in the
 * pass-through class, per Flags2 in the native one).
 */
static int fs_volume_info(u8 *p, unsigned int room,
			  const struct kcifsd_tree *tree, bool unicode)
{
	int n;

	put_unaligned_le64(0, p);
	put_unaligned_le32(fs_serial(tree), p + 8);
	n = kcifsd_put_name(p + FS_VOLUME_FIXED, room - FS_VOLUME_FIXED,
			    tree->share, strlen(tree->share), unicode);
	if (n < 0)
		return -ENOSPC;
	put_unaligned_le32(n, p + 12);
	put_unaligned_le16(0, p + 16);
	return FS_VOLUME_FIXED + n;
}

/* SMB_QUERY_FS_SIZE_INFO (2.2.8.2.4) and FileFsSizeInformation */
static int fs_size_info(u8 *p, const struct fs_sizes *sz)
{
	put_unaligned_le64(sz->total, p);
	put_unaligned_le64(sz->avail, p + 8);
	put_unaligned_le32(sz->spu, p + 16);
	put_unaligned_le32(FS_SECTOR_SIZE, p + 20);
	return 24;
}

/* FileFsFullSizeInformation (MS-FSCC 2.5.4) */
static int fs_full_size_info(u8 *p, const struct fs_sizes *sz)
{
	put_unaligned_le64(sz->total, p);
	put_unaligned_le64(sz->avail, p + 8);
	put_unaligned_le64(sz->free, p + 16);
	put_unaligned_le32(sz->spu, p + 24);
	put_unaligned_le32(FS_SECTOR_SIZE, p + 28);
	return 32;
}

/*
 * FileFsControlInformation (MS-FSCC 2.5.2): no free-space filtering, no
 * default quota (-1 is "no limit"), quotas not tracked.
 */
static int fs_control_info(u8 *p)
{
	memset(p, 0, 48);
	put_unaligned_le64(U64_MAX, p + 24);
	put_unaligned_le64(U64_MAX, p + 32);
	return 48;
}

/* SMB_QUERY_FS_DEVICE_INFO (2.2.8.2.5) and FileFsDeviceInformation */
static int fs_device_info(u8 *p, const struct kcifsd_tree *tree)
{
	u32 chars = FILE_DEVICE_IS_MOUNTED;

	if (tree->read_only)
		chars |= FILE_READ_ONLY_DEVICE;
	put_unaligned_le32(FILE_DEVICE_DISK, p);
	put_unaligned_le32(chars, p + 4);
	return 8;
}

/*
 * SMB_QUERY_FS_ATTRIBUTE_INFO (2.2.8.2.6) and FileFsAttributeInformation
 * (MS-FSCC 2.5.1). Names keep their case and are Unicode; a search is
 * case-sensitive only on a share configured so. Extended attributes
 * where the share's file system keeps user xattrs (fs/ea.h); no ACLs,
 * streams or sparse files.
 */
static int fs_attribute_info(u8 *p, unsigned int room,
			     const struct kcifsd_tree *tree,
			     const struct kstatfs *st)
{
	u32 attrs = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK;
	int n;

	if (tree->share_flags & KCIFSD_SHARE_F_CASE_SENSITIVE)
		attrs |= FILE_CASE_SENSITIVE_SEARCH;
	if (kcifsd_ea_supported(&tree->root))
		attrs |= FILE_SUPPORTS_EXTENDED_ATTRIBUTES;
	put_unaligned_le32(attrs, p);
	put_unaligned_le32(min_t(long, st->f_namelen, 255), p + 4);
	n = kcifsd_put_name(p + FS_ATTRIBUTE_FIXED, room - FS_ATTRIBUTE_FIXED,
			    FS_NAME, strlen(FS_NAME), true);
	if (n < 0)
		return -ENOSPC;
	put_unaligned_le32(n, p + 8);
	return FS_ATTRIBUTE_FIXED + n;
}

/* Room for the largest answer: a label of up to 80 UTF-16 units. */
#define FS_INFO_MAX	(18 + 2 * KCIFSD_SHARE_NAME_MAX + 8)
static_assert(FS_INFO_MAX >= 48 && FS_INFO_MAX >= POSIX_FS_INFO_SIZE);

/*
 * The least MaxDataCount of @level, whose whole answer is @n bytes: a
 * fixed-size class's size (MS-FSA 2.1.5.13: "smaller than sizeof()" is
 * STATUS_INFO_LENGTH_MISMATCH), the UNIX levels' alike.
 */
static unsigned int fs_least(u16 level, unsigned int n)
{
	switch (level) {
	case SMB_QUERY_FS_VOLUME_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_FS_VOLUME_INFORMATION:
		return FS_VOLUME_MIN;
	case SMB_QUERY_FS_ATTRIBUTE_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_FS_ATTRIBUTE_INFORMATION:
		return FS_ATTRIBUTE_MIN;
	}
	return n;
}

static int fs_encode(u16 level, u8 *p, unsigned int room,
		     const struct kcifsd_tree *tree, const struct kstatfs *st,
		     bool unicode)
{
	struct fs_sizes sz;

	fs_sizes(st, &sz);
	switch (level) {
	case SMB_INFO_ALLOCATION:
		return fs_info_allocation(p, &sz);
	case SMB_INFO_VOLUME:
		return fs_info_volume(p, room, tree, unicode);
	case SMB_QUERY_FS_VOLUME_INFO:
		return fs_volume_info(p, room, tree, unicode);
	case SMB_INFO_PASSTHROUGH + FILE_FS_VOLUME_INFORMATION:
		return fs_volume_info(p, room, tree, true);
	case SMB_QUERY_FS_SIZE_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_FS_SIZE_INFORMATION:
		return fs_size_info(p, &sz);
	case SMB_INFO_PASSTHROUGH + FILE_FS_FULL_SIZE_INFORMATION:
		return fs_full_size_info(p, &sz);
	case SMB_INFO_PASSTHROUGH + FILE_FS_CONTROL_INFORMATION:
		return fs_control_info(p);
	case SMB_QUERY_FS_DEVICE_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_FS_DEVICE_INFORMATION:
		return fs_device_info(p, tree);
	case SMB_QUERY_FS_ATTRIBUTE_INFO:
	case SMB_INFO_PASSTHROUGH + FILE_FS_ATTRIBUTE_INFORMATION:
		return fs_attribute_info(p, room, tree, st);
	}
	return -EINVAL;
}

/*
 * CIFS_UNIX_LARGE_READ_CAP / _WRITE_CAP promise messages beyond what a
 * 17-bit RFC 1002 length describes; with them the Linux cifs client
 * reads and writes 1 MiB at a time (its rsize/wsize).
 */
#define UNIX_RFC1002_MAX	0x1FFFF

/*
 * The capabilities offered on this connection and tree: KCIFSD_UNIX_CAPS,
 * POSIX ACLs where the share's file system keeps them (mounted with
 * them: SB_POSIXACL), and the large reads and writes where the
 * connection carries larger messages (CAP_LARGE_READX/WRITEX; Direct
 * TCP, whose frames take 16 MiB - 1, not port 139's 17-bit NetBIOS
 * frames; max_msg_size).
 */
static u64 fs_unix_caps(const struct kcifsd_smb_req *req,
			const struct kcifsd_tree *tree)
{
	const struct kcifsd_conn *conn = req->conn;
	u32 rx = kcifsd_server_cfg()->max_msg_size;
	u32 tx = conn->transport_max_tx ? conn->transport_max_tx : U32_MAX;
	u64 caps = KCIFSD_UNIX_CAPS;

	if (conn->transport_max_rx)
		rx = min(rx, conn->transport_max_rx);
	if (tree->root.dentry && IS_POSIXACL(d_inode(tree->root.dentry)))
		caps |= CIFS_UNIX_POSIX_ACL_CAP;
	if ((req->sc->capabilities & CAP_LARGE_READX) &&
	    tx > UNIX_RFC1002_MAX)
		caps |= CIFS_UNIX_LARGE_READ_CAP;
	if ((req->sc->capabilities & CAP_LARGE_WRITEX) &&
	    rx > UNIX_RFC1002_MAX)
		caps |= CIFS_UNIX_LARGE_WRITE_CAP;
	return caps;
}

/*
 * The CIFS UNIX extensions' levels (fs/unix_info.h): the version and the
 * capabilities offered, and statfs(2).
 */
static int fs_encode_unix(const struct kcifsd_smb_req *req,
			  const struct kcifsd_tree *tree, u16 level,
			  u8 *p, const struct kstatfs *st)
{
	switch (level) {
	case SMB_QUERY_CIFS_UNIX_INFO:
		return kcifsd_put_unix_info(p, fs_unix_caps(req, tree));
	case SMB_QUERY_POSIX_FS_INFO:
		return kcifsd_put_posix_fs_info(p, st);
	}
	return -EINVAL;
}

/*
 * SMB_QUERY_POSIX_WHOAMI: the ids the tree's file access runs as (a
 * share's forced user and group included), the supplementary groups
 * when MaxDataCount has room for all of them. Its least size is the
 * fixed part, which every client reads whole: below it
 * STATUS_BUFFER_TOO_SMALL and no data. The level is Samba's, not an
 * MS-FSA class, and that is what Samba's server answers.
 */
static u32 fs_whoami(struct kcifsd_trans *t, const struct kcifsd_session *sess,
		     const struct kcifsd_tree *tree)
{
	const struct cred *cred = kcifsd_tree_cred(tree);
	int n;
	u8 *p;

	if (t->max_data < WHOAMI_FIXED_SIZE)
		return STATUS_BUFFER_TOO_SMALL;
	p = kcifsd_trans_rsp_data(t, t->max_data);
	if (!p || !kcifsd_trans_rsp_param(t, 0))
		return STATUS_INSUFF_SERVER_RESOURCES;
	n = kcifsd_put_whoami(p, t->max_data,
			      from_kuid_munged(&init_user_ns, cred->fsuid),
			      from_kgid_munged(&init_user_ns, cred->fsgid),
			      cred->group_info,
			      kcifsd_session_is_guest(sess));
	kcifsd_trans_rsp_trim_data(t, n);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_trans2_query_fs() - TRANS2_QUERY_FS_INFORMATION
 * @req: the request
 * @t: the transaction; parameters: InformationLevel
 *
 * Return: STATUS_SUCCESS with the level's structure as the data,
 * STATUS_INVALID_LEVEL for a level not offered, STATUS_ACCESS_DENIED
 * on IPC$; a MaxDataCount too small: STATUS_INFO_LENGTH_MISMATCH (no
 * data) below the level's size, or for VOLUME and ATTRIBUTE below the
 * part before the name, for WHOAMI below its fixed part;
 * STATUS_BUFFER_OVERFLOW with the name cut above that;
 * STATUS_BUFFER_OVERFLOW and no data for SMB_INFO_VOLUME.
 */
u32 kcifsd_trans2_query_fs(struct kcifsd_smb_req *req,
			   struct kcifsd_trans *t)
{
	struct kcifsd_session *sess;
	struct kcifsd_tree *tree;
	struct kstatfs st;
	u8 buf[FS_INFO_MAX];
	u32 status, len;
	u16 level;
	int n;
	u8 *p;

	if (t->param_count < 2)
		return STATUS_INVALID_PARAMETER;
	level = get_unaligned_le16(t->param);
	status = kcifsd_tree_get_req(req, &sess, &tree);
	if (status)
		return status;
	if (tree->type != KCIFSD_TREE_DISK) {
		status = STATUS_ACCESS_DENIED;
		goto out;
	}
	if (level == SMB_QUERY_POSIX_WHOAMI && kcifsd_unix_level(req, level)) {
		status = fs_whoami(t, sess, tree);
		goto out;
	}
	status = kcifsd_vfs_statfs(tree, &st);
	if (status)
		goto out;
	if (kcifsd_unix_level(req, level))
		n = fs_encode_unix(req, tree, level, buf, &st);
	else
		n = fs_encode(level, buf, sizeof(buf), tree, &st,
			      req->flags2 & SMB_FLAGS2_UNICODE);
	if (n == -EINVAL) {
		pr_debug_ratelimited("QUERY_FS level 0x%04x: not supported\n",
				     level);
		status = STATUS_INVALID_LEVEL;
		goto out;
	}
	/*
	 * SMB_INFO_VOLUME's label does not fit: an error, no data, as on
	 * Windows (MS-CIFS <169>; its byte count cannot say "cut short").
	 */
	if (n < 0 || (level == SMB_INFO_VOLUME && n > t->max_data)) {
		status = STATUS_BUFFER_OVERFLOW;
		goto out;
	}
	/*
	 * The object store's rules (3.3.5.58.5, MS-FSA 2.1.5.13): below the
	 * least size no data; above it what fits, the length field still
	 * the whole name's, with STATUS_BUFFER_OVERFLOW. What fits is
	 * counted in bytes, not in UTF-16 characters: MS-FSA 2.1.5.13.1 and
	 * 2.1.5.13.5 copy RemainingLength bytes of the label or file-system
	 * name (BytesToCopy), half a character if that is odd, and MS-CIFS
	 * 2.2.8.2.3 and 2.2.8.2.6 say nothing else for the native levels.
	 */
	if (t->max_data < fs_least(level, n)) {
		status = STATUS_INFO_LENGTH_MISMATCH;
		goto out;
	}
	len = min_t(u32, n, t->max_data);
	p = kcifsd_trans_rsp_data(t, len);
	if (!p || !kcifsd_trans_rsp_param(t, 0)) {
		status = STATUS_INSUFF_SERVER_RESOURCES;
		goto out;
	}
	memcpy(p, buf, len);
	status = len < n ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
out:
	kcifsd_tree_put(tree);
	kcifsd_session_put(sess);
	return status;
}

/**
 * kcifsd_trans2_set_fs() - TRANS2_SET_FS_INFORMATION
 * @req: the request
 * @t: the transaction; parameters: FID (2, not used), InformationLevel;
 *	data: the level's structure
 *
 * MS-CIFS 2.2.6.5 has no level to set. The CIFS UNIX extensions have one,
 * SMB_SET_CIFS_UNIX_INFO: MajorVersionNumber, MinorVersionNumber (2
 * each), ClientCapabilities (8), the client's choice among the
 * capabilities SMB_QUERY_CIFS_UNIX_INFO offered. The tree connect keeps
 * that choice (what it asks beyond the offer is dropped).
 *
 * Return: STATUS_SUCCESS with no parameters or data;
 * STATUS_SMB_NO_SUPPORT for every other level, and on a connection
 * without the UNIX extensions; STATUS_INVALID_PARAMETER for data short of
 * the 12 bytes or a major version other than 1.
 */
u32 kcifsd_trans2_set_fs(struct kcifsd_smb_req *req, struct kcifsd_trans *t)
{
	struct kcifsd_t2_obj obj;
	u16 level;
	u32 status;

	if (t->param_count < 4)
		return STATUS_INVALID_PARAMETER;
	level = get_unaligned_le16(t->param + 2);
	if (!kcifsd_unix_level(req, level) || level != SMB_SET_CIFS_UNIX_INFO) {
		pr_debug_ratelimited("SET_FS_INFORMATION level 0x%04x: not supported\n",
				     level);
		return STATUS_SMB_NO_SUPPORT;
	}
	if (t->data_count < UNIX_INFO_SIZE ||
	    get_unaligned_le16(t->data) != CIFS_UNIX_MAJOR_VERSION)
		return STATUS_INVALID_PARAMETER;
	status = kcifsd_t2_obj_tree(req, &obj);
	if (!status) {
		WRITE_ONCE(obj.tree->unix_caps,
			   get_unaligned_le64(t->data + 4) &
			   fs_unix_caps(req, obj.tree));
		WRITE_ONCE(obj.tree->unix_client, true);
		if (!kcifsd_trans_rsp_param(t, 0))
			status = STATUS_INSUFF_SERVER_RESOURCES;
	}
	kcifsd_t2_obj_put(&obj);
	return status;
}
