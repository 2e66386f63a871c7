// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIFS UNIX extensions: the structures of the levels, to and from the
 * wire, with no file-system access (KUnit tests them on UML), and the
 * switch that offers the extensions at all.
 *
 * FILE_UNIX_BASIC_INFO (100 bytes, every field little-endian):
 *
 *	 0 EndOfFile (8)		 56 Type (4)
 *	 8 NumOfBytes (8)		 60 DevMajor (8)
 *	16 LastStatusChange (8)		 68 DevMinor (8)
 *	24 LastAccessTime (8)		 76 UniqueId (8)
 *	32 LastModificationTime (8)	 84 Permissions (8)
 *	40 Uid (8)			 92 NumLinks (8)
 *	48 Gid (8)
 *
 * Times are FILETIMEs; Permissions are the 07777 bits with their POSIX
 * values; NumOfBytes is the space the file takes, in bytes.
 *
 * SMB_POSIX_PATH_OPEN, the data of a SET_PATH_INFORMATION (18 bytes):
 *
 *	 0 OpenFlags (4): NT_CREATE_ANDX Flags (the oplock asked for)
 *	 4 PosixOpenFlags (4): SMB_O_*
 *	 8 Permissions (8): the mode of a new object
 *	16 Level (2): what the reply carries after its header
 *
 * and of its reply (12 bytes, then the Level's structure):
 *
 *	 0 OplockFlags (2)	 4 CreateAction (4)	10 Pad (2)
 *	 2 Fid (2)		 8 ReturnedLevel (2)
 *
 * SMB_POSIX_PATH_UNLINK's data is a Type (2): 0 a file (anything but a
 * directory), 1 a directory.
 *
 * FILE_UNIX_INFO2 (SMB_QUERY_FILE_UNIX_INFO2, SMB_SET_FILE_UNIX_INFO2,
 * SMB_FIND_FILE_UNIX_INFO2; 116 bytes) is FILE_UNIX_BASIC_INFO, then
 *
 *	100 CreationTime (8)	108 FileFlags (4)	112 FlagsMask (4)
 *
 * FileFlags are BSD chflags(2)-style flags, FlagsMask says which of them
 * the server keeps (in a set: which the client changes). Linux has no
 * such flags behind a file's attributes here: the mask is 0, and a set
 * that names any flag is refused.
 *
 * SMB_QUERY_POSIX_WHOAMI (QUERY_FS_INFORMATION; 40 bytes, then lists):
 *
 *	 0 MappingFlags (4): SMB_WHOAMI_GUEST	24 NumGroups (4)
 *	 4 MappingMask (4): the flags known	28 NumSids (4)
 *	 8 Uid (8)				32 SidListSize (4)
 *	16 Gid (8)				36 Reserved (4), 0
 *	40 the supplementary gids, 8 bytes each, then SidListSize bytes of
 *	   SIDs (Revision, SubAuthorityCount, IdentifierAuthority (6,
 *	   big-endian), SubAuthority (4 each))
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/cred.h>
#include <linux/kernel.h>
#include <linux/kdev_t.h>
#include <linux/module.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uidgid.h>
#include <asm/unaligned.h>

#include "fs/access.h"
#include "fs/fileinfo.h"
#include "fs/smb1pdu.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/unix_info.h"

static bool unix_extensions = true;
module_param(unix_extensions, bool, 0644);
MODULE_PARM_DESC(unix_extensions,
		 "Offer the CIFS UNIX extensions (CAP_UNIX) to new connections (default: yes)");

/**
 * kcifsd_unix_offered() - offer CAP_UNIX in NEGOTIATE?
 *
 * Return: the unix_extensions module parameter.
 */
bool kcifsd_unix_offered(void)
{
	return READ_ONCE(unix_extensions);
}

/**
 * kcifsd_unix_enabled() - did this connection get the UNIX extensions?
 * @req: the request
 *
 * The UNIX levels are answered only on a connection that was offered
 * CAP_UNIX; elsewhere they are unknown levels, as for a server without
 * the extensions.
 *
 * Return: true if NEGOTIATE offered CAP_UNIX.
 */
bool kcifsd_unix_enabled(const struct kcifsd_smb_req *req)
{
	return req->sc && (req->sc->capabilities & CAP_UNIX);
}

/**
 * kcifsd_unix_level() - is @level one of the UNIX extensions' (0x200 to
 *	0x2FF) on a connection that has them?
 * @req: the request
 * @level: an information level
 *
 * Return: true if so.
 */
bool kcifsd_unix_level(const struct kcifsd_smb_req *req, u16 level)
{
	return level >= 0x200 && level <= 0x2FF && kcifsd_unix_enabled(req);
}

/**
 * kcifsd_put_unix_info() - SMB_QUERY_CIFS_UNIX_INFO: MajorVersionNumber,
 *	MinorVersionNumber (2 each), Capability (8)
 * @p: where (UNIX_INFO_SIZE bytes)
 * @caps: CIFS_UNIX_*_CAP bits offered
 *
 * Return: UNIX_INFO_SIZE.
 */
unsigned int kcifsd_put_unix_info(u8 *p, u64 caps)
{
	put_unaligned_le16(CIFS_UNIX_MAJOR_VERSION, p);
	put_unaligned_le16(CIFS_UNIX_MINOR_VERSION, p + 2);
	put_unaligned_le64(caps, p + 4);
	return UNIX_INFO_SIZE;
}

/**
 * kcifsd_put_posix_fs_info() - SMB_QUERY_POSIX_FS_INFO: statfs(2) in wire
 *	form
 * @p: where (POSIX_FS_INFO_SIZE bytes)
 * @st: the file system's statistics
 *
 * OptimalTransferSize (4), BlockSize (4), then TotalBlocks, BlocksAvail
 * (free), UserBlocksAvail (free for the user), TotalFileNodes,
 * FreeFileNodes and FileSysIdentifier, 8 bytes each; the block counts
 * are in BlockSize units.
 *
 * Return: POSIX_FS_INFO_SIZE.
 */
unsigned int kcifsd_put_posix_fs_info(u8 *p, const struct kstatfs *st)
{
	u64 bsize = st->f_frsize ? st->f_frsize : st->f_bsize;
	u64 fsid = (u64)(u32)st->f_fsid.val[1] << 32 | (u32)st->f_fsid.val[0];

	put_unaligned_le32(min_t(u64, st->f_bsize, U32_MAX), p);
	put_unaligned_le32(min_t(u64, bsize, U32_MAX), p + 4);
	put_unaligned_le64(st->f_blocks, p + 8);
	put_unaligned_le64(st->f_bfree, p + 16);
	put_unaligned_le64(st->f_bavail, p + 24);
	put_unaligned_le64(st->f_files, p + 32);
	put_unaligned_le64(st->f_ffree, p + 40);
	put_unaligned_le64(fsid, p + 48);
	return POSIX_FS_INFO_SIZE;
}

/**
 * kcifsd_unix_type() - the FILE_UNIX_BASIC Type of a file mode
 * @mode: st_mode
 *
 * Return: UNIX_TYPE_*.
 */
u32 kcifsd_unix_type(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return UNIX_TYPE_FILE;
	case S_IFDIR:
		return UNIX_TYPE_DIR;
	case S_IFLNK:
		return UNIX_TYPE_SYMLINK;
	case S_IFCHR:
		return UNIX_TYPE_CHARDEV;
	case S_IFBLK:
		return UNIX_TYPE_BLKDEV;
	case S_IFIFO:
		return UNIX_TYPE_FIFO;
	case S_IFSOCK:
		return UNIX_TYPE_SOCKET;
	}
	return UNIX_TYPE_UNKNOWN;
}

/**
 * kcifsd_unix_type_mode() - the S_IFMT bits of a FILE_UNIX_BASIC Type
 * @type: UNIX_TYPE_*
 *
 * Return: S_IF* bits, 0 for an unknown type.
 */
umode_t kcifsd_unix_type_mode(u32 type)
{
	switch (type) {
	case UNIX_TYPE_FILE:
		return S_IFREG;
	case UNIX_TYPE_DIR:
		return S_IFDIR;
	case UNIX_TYPE_SYMLINK:
		return S_IFLNK;
	case UNIX_TYPE_CHARDEV:
		return S_IFCHR;
	case UNIX_TYPE_BLKDEV:
		return S_IFBLK;
	case UNIX_TYPE_FIFO:
		return S_IFIFO;
	case UNIX_TYPE_SOCKET:
		return S_IFSOCK;
	}
	return 0;
}

/**
 * kcifsd_put_unix_basic() - FILE_UNIX_BASIC_INFO of a file
 * @p: where (UNIX_BASIC_SIZE bytes)
 * @st: its attributes (lstat(2) semantics: a symlink is described, not
 *	its target)
 *
 * Owners are given in the initial user namespace, where the server's
 * users live (an id with no mapping there is the overflow id).
 *
 * Return: UNIX_BASIC_SIZE.
 */
unsigned int kcifsd_put_unix_basic(u8 *p, const struct kstat *st)
{
	put_unaligned_le64(st->size, p);
	put_unaligned_le64(st->blocks << 9, p + 8);
	put_unaligned_le64(kcifsd_filetime(&st->ctime), p + 16);
	put_unaligned_le64(kcifsd_filetime(&st->atime), p + 24);
	put_unaligned_le64(kcifsd_filetime(&st->mtime), p + 32);
	put_unaligned_le64(from_kuid_munged(&init_user_ns, st->uid), p + 40);
	put_unaligned_le64(from_kgid_munged(&init_user_ns, st->gid), p + 48);
	put_unaligned_le32(kcifsd_unix_type(st->mode), p + 56);
	put_unaligned_le64(MAJOR(st->rdev), p + 60);
	put_unaligned_le64(MINOR(st->rdev), p + 68);
	put_unaligned_le64(st->ino, p + 76);
	put_unaligned_le64(st->mode & 07777, p + 84);
	put_unaligned_le64(st->nlink, p + 92);
	return UNIX_BASIC_SIZE;
}

/**
 * kcifsd_put_unix_info2() - FILE_UNIX_INFO2 of a file
 * @p: where (UNIX_INFO2_SIZE bytes)
 * @st: its attributes, as for kcifsd_put_unix_basic()
 * @create: its creation time (FILETIME), as the other levels report it
 *
 * Return: UNIX_INFO2_SIZE.
 */
unsigned int kcifsd_put_unix_info2(u8 *p, const struct kstat *st,
				   u64 create)
{
	kcifsd_put_unix_basic(p, st);
	put_unaligned_le64(create, p + 100);
	put_unaligned_le32(0, p + 108);		/* FileFlags */
	put_unaligned_le32(0, p + 112);		/* FlagsMask: none kept */
	return UNIX_INFO2_SIZE;
}

/* A SID of the "Unix User" (1) or "Unix Group" (2) authority S-1-22 */
#define WHOAMI_SID_SIZE		16

static void whoami_put_sid(u8 *p, u32 kind, u32 id)
{
	p[0] = 1;		/* Revision */
	p[1] = 2;		/* SubAuthorityCount */
	memset(p + 2, 0, 5);	/* IdentifierAuthority, big-endian: 22 */
	p[7] = 22;
	put_unaligned_le32(kind, p + 8);
	put_unaligned_le32(id, p + 12);
}

/**
 * kcifsd_put_whoami() - SMB_QUERY_POSIX_WHOAMI: who the server runs a
 *	tree's file access as
 * @p: where
 * @room: bytes there (MaxDataCount)
 * @uid: the uid, of the initial user namespace
 * @gid: the primary gid
 * @groups: the supplementary groups
 * @guest: the session is a guest or anonymous one
 *
 * After the fixed part: the supplementary gids, then SIDs for the uid,
 * the gid and each supplementary gid in the S-1-22 "Unix User" and "Unix
 * Group" authorities (the server maps users to ids, not to Windows
 * accounts). When the lists do not all fit @room they are left out
 * (counts 0), as clients expect of a small MaxDataCount.
 *
 * Return: the bytes written, -ENOSPC when @room is short of the fixed
 * part.
 */
int kcifsd_put_whoami(u8 *p, unsigned int room, u32 uid, u32 gid,
		      const struct group_info *groups, bool guest)
{
	unsigned int i, n = groups ? groups->ngroups : 0, nsids = n + 2;
	u8 *sid;

	if (room < WHOAMI_FIXED_SIZE)
		return -ENOSPC;
	if ((u64)n * (8 + WHOAMI_SID_SIZE) + 2 * WHOAMI_SID_SIZE >
	    room - WHOAMI_FIXED_SIZE)
		n = nsids = 0;
	put_unaligned_le32(guest ? SMB_WHOAMI_GUEST : 0, p);
	put_unaligned_le32(SMB_WHOAMI_GUEST, p + 4);
	put_unaligned_le64(uid, p + 8);
	put_unaligned_le64(gid, p + 16);
	put_unaligned_le32(n, p + 24);
	put_unaligned_le32(nsids, p + 28);
	put_unaligned_le32(nsids * WHOAMI_SID_SIZE, p + 32);
	put_unaligned_le32(0, p + 36);
	p += WHOAMI_FIXED_SIZE;
	sid = p + 8 * n;
	if (nsids) {
		whoami_put_sid(sid, 1, uid);
		whoami_put_sid(sid + WHOAMI_SID_SIZE, 2, gid);
		sid += 2 * WHOAMI_SID_SIZE;
	}
	for (i = 0; i < n; i++, sid += WHOAMI_SID_SIZE) {
		u32 g = from_kgid_munged(&init_user_ns, groups->gid[i]);

		put_unaligned_le64(g, p + 8 * i);
		whoami_put_sid(sid, 2, g);
	}
	return WHOAMI_FIXED_SIZE + 8 * n + nsids * WHOAMI_SID_SIZE;
}

/**
 * kcifsd_posix_open_decode() - read and check an SMB_POSIX_PATH_OPEN
 * @p: the data
 * @len: its length
 * @po: filled in
 *
 * Exactly one access mode (SMB_O_RDONLY, SMB_O_WRONLY, SMB_O_RDWR), none
 * only with SMB_O_DIRECTORY (the Linux client's mkdir sends none). Flags
 * this server does not know, O_TRUNC on a directory, and a reply Level
 * other than SMB_QUERY_FILE_UNIX_BASIC or SMB_NO_INFO_LEVEL_RETURNED are
 * refused, before anything is done. O_EXCL without O_CREAT means nothing,
 * as for open(2). O_APPEND and O_DIRECT are accepted and change nothing:
 * every WRITE carries its offset, which the client chose, and the server
 * writes through the page cache either way. Permissions keeps its 07777
 * bits: the Linux client sends S_IFREG with them.
 *
 * Return: 0, or -EINVAL (STATUS_INVALID_PARAMETER on the wire).
 */
int kcifsd_posix_open_decode(const u8 *p, unsigned int len,
			     struct kcifsd_posix_open *po)
{
	u32 flags;
	u16 level;

	memset(po, 0, sizeof(*po));
	if (len < POSIX_OPEN_REQ_SIZE)
		return -EINVAL;
	flags = get_unaligned_le32(p + 4);
	level = get_unaligned_le16(p + 16);
	if (flags & ~SMB_O_ALL)
		return -EINVAL;
	if (level != SMB_QUERY_FILE_UNIX_BASIC &&
	    level != SMB_NO_INFO_LEVEL_RETURNED)
		return -EINVAL;
	switch (flags & SMB_O_ACCMODE) {
	case SMB_O_RDONLY:
		po->desired = GENERIC_READ;
		break;
	case SMB_O_WRONLY:
		po->desired = GENERIC_WRITE;
		break;
	case SMB_O_RDWR:
		po->desired = GENERIC_READ | GENERIC_WRITE;
		break;
	case 0:
		if (!(flags & SMB_O_DIRECTORY))
			return -EINVAL;
		po->desired = FILE_READ_ATTRIBUTES;
		break;
	default:
		return -EINVAL;
	}
	if (flags & SMB_O_DIRECTORY) {
		if (flags & (SMB_O_TRUNC | SMB_O_WRONLY | SMB_O_RDWR))
			return -EINVAL;
		po->options = FILE_DIRECTORY_FILE;
		po->mkdir = flags & SMB_O_CREAT;
	} else if (po->desired & GENERIC_WRITE) {
		po->options = FILE_NON_DIRECTORY_FILE;
	}
	if (po->mkdir)
		po->disposition = FILE_CREATE;
	else if (flags & SMB_O_CREAT)
		po->disposition = flags & SMB_O_EXCL ? FILE_CREATE :
				  flags & SMB_O_TRUNC ? FILE_OVERWRITE_IF :
				  FILE_OPEN_IF;
	else
		po->disposition = flags & SMB_O_TRUNC ? FILE_OVERWRITE :
				  FILE_OPEN;
	po->mode = get_unaligned_le64(p + 8) & 07777;
	po->reply_level = level;
	po->nofollow = flags & SMB_O_NOFOLLOW;
	po->sync = flags & SMB_O_SYNC;
	return 0;
}

/**
 * kcifsd_put_posix_open_rsp() - the header of an SMB_POSIX_PATH_OPEN reply
 * @p: where (POSIX_OPEN_RSP_SIZE bytes)
 * @fid: the FID, 0 when none is kept (a directory made)
 * @action: CreateAction (enum kcifsd_create_action)
 * @level: ReturnedLevel, what follows
 *
 * No oplock is granted (OplockFlags 0), as by every open of this server.
 *
 * Return: POSIX_OPEN_RSP_SIZE.
 */
unsigned int kcifsd_put_posix_open_rsp(u8 *p, u16 fid, u32 action,
				       u16 level)
{
	put_unaligned_le16(0, p);
	put_unaligned_le16(fid, p + 2);
	put_unaligned_le32(action, p + 4);
	put_unaligned_le16(level, p + 8);
	put_unaligned_le16(0, p + 10);
	return POSIX_OPEN_RSP_SIZE;
}

/* A time to set: 0 and all ones leave it alone. */
static bool unix_time_set(u64 ft)
{
	return ft && ft != UNIX_NO_CHANGE_64;
}

/* An owner to set: all ones (as 64 or 32 bits) leave it alone. */
static bool unix_id_set(u64 id, u32 *out)
{
	if (id == UNIX_NO_CHANGE_64 || id >= U32_MAX)
		return false;
	*out = id;
	return true;
}

/**
 * kcifsd_unix_set_decode() - read a SET_FILE_UNIX_BASIC request
 * @p: the data
 * @len: its length
 * @set: filled in
 *
 * Return: 0, -EINVAL when @len is short of UNIX_BASIC_SIZE or a device
 * number does not fit a dev_t.
 */
int kcifsd_unix_set_decode(const u8 *p, unsigned int len,
			   struct kcifsd_unix_set *set)
{
	u64 size, major, minor, mode;

	memset(set, 0, sizeof(*set));
	if (len < UNIX_BASIC_SIZE)
		return -EINVAL;
	size = get_unaligned_le64(p);
	if (size != UNIX_NO_CHANGE_64) {
		if (size > LLONG_MAX)
			return -EINVAL;
		set->size = size;
		set->set_size = true;
	}
	set->atime = get_unaligned_le64(p + 24);
	set->set_atime = unix_time_set(set->atime);
	set->mtime = get_unaligned_le64(p + 32);
	set->set_mtime = unix_time_set(set->mtime);
	set->set_uid = unix_id_set(get_unaligned_le64(p + 40), &set->uid);
	set->set_gid = unix_id_set(get_unaligned_le64(p + 48), &set->gid);
	set->type = get_unaligned_le32(p + 56);
	major = get_unaligned_le64(p + 60);
	minor = get_unaligned_le64(p + 68);
	if (kcifsd_unix_type_mode(set->type) == S_IFCHR ||
	    kcifsd_unix_type_mode(set->type) == S_IFBLK) {
		if (major >= 1U << (32 - MINORBITS) || minor > MINORMASK)
			return -EINVAL;
		set->dev = MKDEV(major, minor);
	}
	/* Only the low 32 bits carry the "no change" value. */
	mode = get_unaligned_le64(p + 84);
	if ((u32)mode != UNIX_MODE_NO_CHANGE) {
		set->mode = mode & 07777;
		set->set_mode = true;
	}
	return 0;
}

/**
 * kcifsd_unix_info2_decode() - the part of a SET_FILE_UNIX_INFO2 after
 *	its FILE_UNIX_BASIC_INFO (kcifsd_unix_set_decode() reads that)
 * @p: the data
 * @len: its length
 * @create: the creation time to set, 0 for none (0 and all ones in the
 *	request)
 *
 * Return: 0, -EINVAL when @len is short of UNIX_INFO2_SIZE or FlagsMask
 * names a flag (none is kept, see above).
 */
int kcifsd_unix_info2_decode(const u8 *p, unsigned int len, u64 *create)
{
	*create = 0;
	if (len < UNIX_INFO2_SIZE || get_unaligned_le32(p + 112))
		return -EINVAL;
	if (unix_time_set(get_unaligned_le64(p + 100)))
		*create = get_unaligned_le64(p + 100);
	return 0;
}

/**
 * kcifsd_unix_string() - a string from the data of a UNIX level, as is
 * @p: the string (an SMB_STRING: UTF-16LE or OEM bytes, maybe
 *	NUL-terminated)
 * @len: bytes available
 * @unicode: UTF-16LE (SMB_FLAGS2_UNICODE)
 * @out: the string in UTF-8, NUL-terminated (kmalloc'ed, kfree() it)
 *
 * For symlink targets, which are stored verbatim: no separator or case
 * is changed, nothing is resolved. Ends at the first NUL or at @len.
 *
 * Return: 0, -EINVAL for an empty string or a broken surrogate,
 * -ENAMETOOLONG past PATH_MAX - 1 bytes, -ENOMEM.
 */
int kcifsd_unix_string(const u8 *p, unsigned int len, bool unicode,
		       char **out)
{
	unsigned int n, i;
	wchar_t *w;
	char *s;
	int r;

	if (!unicode) {
		n = strnlen(p, len);
		if (!n)
			return -EINVAL;
		if (n >= PATH_MAX)
			return -ENAMETOOLONG;
		*out = kmemdup_nul(p, n, GFP_KERNEL);
		return *out ? 0 : -ENOMEM;
	}
	n = len / 2;
	for (i = 0; i < n; i++)
		if (!get_unaligned_le16(p + 2 * i))
			break;
	n = i;
	if (!n)
		return -EINVAL;
	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	/* Aligned host-order units for utf16s_to_utf8s(). */
	w = kmalloc_array(n, sizeof(*w), GFP_KERNEL);
	s = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!w || !s) {
		r = -ENOMEM;
		goto err;
	}
	for (i = 0; i < n; i++) {
		w[i] = get_unaligned_le16(p + 2 * i);
		/* utf16s_to_utf8s() drops lone surrogates silently. */
		if ((w[i] >= 0xd800 && w[i] <= 0xdbff &&
		     (i + 1 >= n || get_unaligned_le16(p + 2 * i + 2) < 0xdc00 ||
		      get_unaligned_le16(p + 2 * i + 2) > 0xdfff)) ||
		    (w[i] >= 0xdc00 && w[i] <= 0xdfff &&
		     (!i || w[i - 1] < 0xd800 || w[i - 1] > 0xdbff))) {
			r = -EINVAL;
			goto err;
		}
	}
	r = utf16s_to_utf8s(w, n, UTF16_HOST_ENDIAN, s, PATH_MAX - 1);
	if (r >= PATH_MAX - 1 - 3) {
		r = -ENAMETOOLONG;
		goto err;
	}
	s[r] = '\0';
	kfree(w);
	*out = s;
	return 0;
err:
	kfree(w);
	kfree(s);
	return r;
}
