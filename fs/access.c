// SPDX-License-Identifier: GPL-2.0-only
/*
 * Access masks, DOS open modes and create dispositions: the rules an open
 * is judged by, kept apart from the VFS (fs/vfs.c) and from the state of
 * other opens (fs/sharemode.c). See fs/access.h.
 */

#include <linux/fcntl.h>
#include <linux/kernel.h>

#include "fs/access.h"
#include "fs/ntstatus.h"

/**
 * kcifsd_access_map_generic() - replace GENERIC_* by the rights they mean
 * @desired: a DesiredAccess mask
 *
 * MS-CIFS 2.2.4.64.1: GENERIC_READ is FILE_READ_DATA, FILE_READ_ATTRIBUTES,
 * FILE_READ_EA and SYNCHRONIZE; GENERIC_WRITE FILE_WRITE_DATA,
 * FILE_APPEND_DATA, SYNCHRONIZE, FILE_WRITE_ATTRIBUTES and FILE_WRITE_EA;
 * GENERIC_EXECUTE FILE_READ_ATTRIBUTES, FILE_EXECUTE, SYNCHRONIZE and
 * READ_CONTROL; GENERIC_ALL every specific and standard right.
 *
 * Return: the mask with the GENERIC_* bits replaced.
 */
u32 kcifsd_access_map_generic(u32 desired)
{
	u32 mask = desired & ~(GENERIC_ALL | GENERIC_EXECUTE | GENERIC_WRITE |
			       GENERIC_READ);

	if (desired & GENERIC_READ)
		mask |= FILE_GENERIC_READ;
	if (desired & GENERIC_WRITE)
		mask |= FILE_GENERIC_WRITE;
	if (desired & GENERIC_EXECUTE)
		mask |= FILE_GENERIC_EXECUTE;
	if (desired & GENERIC_ALL)
		mask |= FILE_ALL_ACCESS;
	return mask;
}

/**
 * kcifsd_access_allowed() - every right the user could be granted
 * @chk: what the VFS permits the user on the object and the tree's limit
 *
 * Reading attributes, EAs and the security descriptor is always allowed
 * (a local user can stat a file it can reach); data rights follow the
 * file's read and write permission, DELETE the directory's, and changing
 * the security descriptor needs the owner. A @chk->share_max of 0 means
 * the tree sets no limit.
 *
 * Return: the access mask.
 */
u32 kcifsd_access_allowed(const struct kcifsd_access_check *chk)
{
	u32 allowed = FILE_READ_ATTRIBUTES | FILE_READ_EA | READ_CONTROL |
		      SYNCHRONIZE;

	if (chk->may_read)
		allowed |= KCIFSD_ACCESS_READ;
	if (chk->may_write)
		allowed |= KCIFSD_ACCESS_WRITE | FILE_WRITE_EA |
			   FILE_WRITE_ATTRIBUTES | FILE_DELETE_CHILD;
	if (chk->may_delete)
		allowed |= DELETE;
	if (chk->may_chattr)
		allowed |= FILE_WRITE_ATTRIBUTES | WRITE_DAC | WRITE_OWNER;
	if (chk->share_max)
		allowed &= chk->share_max | FILE_READ_ATTRIBUTES;
	return allowed;
}

/**
 * kcifsd_access_grant() - decide the access an open is granted
 * @desired: DesiredAccess from the request
 * @chk: what the VFS permits (kcifsd_access_allowed())
 * @granted: the granted access on success
 *
 * Every right asked for explicitly must be allowed, else the open fails
 * (MS-CIFS 3.3.5.51). MAXIMUM_ALLOWED adds every allowed right. The
 * server always grants FILE_READ_ATTRIBUTES (MS-CIFS 2.2.4.64: DesiredAccess
 * 0 asks for the attributes only). SYNCHRONIZE "MUST be ignored", and so
 * are bits with no meaning for files. ACCESS_SYSTEM_SECURITY needs a
 * privilege no user of this server holds.
 *
 * Return: STATUS_SUCCESS, STATUS_ACCESS_DENIED or
 * STATUS_PRIVILEGE_NOT_HELD.
 */
u32 kcifsd_access_grant(u32 desired, const struct kcifsd_access_check *chk,
			u32 *granted)
{
	u32 want, allowed;

	if (desired & ACCESS_SYSTEM_SECURITY)
		return STATUS_PRIVILEGE_NOT_HELD;
	want = kcifsd_access_map_generic(desired) & FILE_ALL_ACCESS &
	       ~SYNCHRONIZE;
	allowed = kcifsd_access_allowed(chk);
	if (want & ~allowed)
		return STATUS_ACCESS_DENIED;
	*granted = want | FILE_READ_ATTRIBUTES;
	if (desired & MAXIMUM_ALLOWED)
		*granted |= allowed;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_access_oflags() - the open mode a granted access needs
 * @granted: a granted access mask
 * @dir: the object is a directory
 *
 * An open that grants no data right (attributes, delete, the security
 * descriptor) is an O_PATH open: it needs no permission on the object
 * and can neither read nor write it. A directory is only ever open for
 * reading (listing) or O_PATH.
 *
 * Return: O_RDONLY, O_WRONLY, O_RDWR or O_PATH, with O_DIRECTORY for a
 * directory.
 */
int kcifsd_access_oflags(u32 granted, bool dir)
{
	bool rd = granted & KCIFSD_ACCESS_READ;
	bool wr = granted & KCIFSD_ACCESS_WRITE;

	if (dir)
		return (granted & FILE_READ_DATA ? O_RDONLY : O_PATH) |
		       O_DIRECTORY;
	if (rd && wr)
		return O_RDWR;
	return wr ? O_WRONLY : rd ? O_RDONLY : O_PATH;
}

/**
 * kcifsd_dos_access() - DesiredAccess and ShareAccess of a DOS AccessMode
 * @mode: AccessMode of OPEN or OPEN_ANDX (MS-CIFS 2.2.4.3.1)
 * @desired: the access it asks for
 * @share: the sharing it allows
 * @compat: set for compatibility mode (sharing mode 0, or 7, the FCB
 *	form), which follows its own rules (MS-CIFS 3.2.4.5.1)
 *
 * Access as Windows maps it (<244>): read is GENERIC_READ, write
 * GENERIC_WRITE plus FILE_READ_ATTRIBUTES, read/write both, execute
 * GENERIC_READ plus GENERIC_EXECUTE. Deny-all shares nothing, deny-write
 * shares reading, deny-read shares writing, deny-none both; compatibility
 * mode is recorded as sharing reading and writing. The low byte 0xFF is
 * an FCB open: read/write in compatibility mode (smbtorture raw.open).
 *
 * Return: STATUS_SUCCESS or STATUS_OS2_INVALID_ACCESS (an access or
 * sharing value the spec leaves undefined).
 */
u32 kcifsd_dos_access(u16 mode, u32 *desired, u32 *share, bool *compat)
{
	static const u32 access[] = {
		GENERIC_READ,
		GENERIC_WRITE | FILE_READ_ATTRIBUTES,
		GENERIC_READ | GENERIC_WRITE,
		GENERIC_READ | GENERIC_EXECUTE,
	};

	if ((mode & 0xff) == 0xff)
		mode = (mode & ~0xff) | 0x72;	/* FCB sharing, read/write */
	if ((mode & 0x7) >= ARRAY_SIZE(access))
		return STATUS_OS2_INVALID_ACCESS;
	*desired = access[mode & 0x7];
	*compat = false;
	switch ((mode >> 4) & 0x7) {
	case 0:
	case 7:
		*compat = true;
		*share = FILE_SHARE_READ | FILE_SHARE_WRITE;
		break;
	case 1:
		*share = 0;
		break;
	case 2:
		*share = FILE_SHARE_READ;
		break;
	case 3:
		*share = FILE_SHARE_WRITE;
		break;
	case 4:
		*share = FILE_SHARE_READ | FILE_SHARE_WRITE;
		break;
	default:
		return STATUS_OS2_INVALID_ACCESS;
	}
	return STATUS_SUCCESS;
}

/**
 * kcifsd_dos_open_disposition() - CreateDisposition of an OPEN_ANDX
 * @open_func: OpenMode (MS-CIFS 2.2.4.41.1): FileExistsOpts in bits 0-1
 *	(0 fail, 1 open, 2 truncate), CreateFile in bit 4 (0 fail, 1 create)
 * @disposition: the NT CreateDisposition with the same meaning
 *
 * Return: STATUS_SUCCESS, or STATUS_OS2_INVALID_ACCESS for a combination
 * that can never succeed (fail either way) or an undefined value.
 */
u32 kcifsd_dos_open_disposition(u16 open_func, u32 *disposition)
{
	static const u32 map[3][2] = {
		/* absent: fail, create */
		{ U32_MAX, FILE_CREATE },		/* exists: fail */
		{ FILE_OPEN, FILE_OPEN_IF },		/* exists: open */
		{ FILE_OVERWRITE, FILE_OVERWRITE_IF },	/* exists: truncate */
	};
	unsigned int exists = open_func & 0x3;
	unsigned int create = (open_func >> 4) & 0x1;

	if (exists >= ARRAY_SIZE(map) || map[exists][create] == U32_MAX)
		return STATUS_OS2_INVALID_ACCESS;
	*disposition = map[exists][create];
	return STATUS_SUCCESS;
}

/**
 * kcifsd_create_decide() - what an open does, given what exists
 * @disposition: CreateDisposition
 * @options: CreateOptions (FILE_DIRECTORY_FILE, FILE_NON_DIRECTORY_FILE)
 * @exists: the name exists
 * @is_dir: ... and is a directory
 * @action: what to do: open, create, overwrite (truncate) or supersede
 *
 * MS-CIFS 2.2.4.64.1 and MS-FSA 2.1.5.1.2.1, in this order: an option
 * Windows refuses (FILE_OPTIONS_INVALID), an unknown
 * disposition, DIRECTORY_FILE with NON_DIRECTORY_FILE, or DIRECTORY_FILE
 * with a disposition other than CREATE, OPEN or OPEN_IF is
 * STATUS_INVALID_PARAMETER; an absent name is created unless the
 * disposition only opens (STATUS_OBJECT_NAME_NOT_FOUND); an existing one
 * with FILE_CREATE is STATUS_OBJECT_NAME_COLLISION; a directory with
 * NON_DIRECTORY_FILE is STATUS_FILE_IS_A_DIRECTORY, a file with
 * DIRECTORY_FILE STATUS_NOT_A_DIRECTORY; a directory cannot be
 * overwritten or superseded (STATUS_OBJECT_NAME_COLLISION).
 *
 * Return: STATUS_SUCCESS or the status the open fails with.
 */
u32 kcifsd_create_decide(u32 disposition, u32 options, bool exists,
			 bool is_dir, enum kcifsd_create_action *action)
{
	bool want_dir = options & FILE_DIRECTORY_FILE;

	if (options & FILE_OPTIONS_INVALID)
		return STATUS_INVALID_PARAMETER;
	if (disposition > FILE_OVERWRITE_IF)
		return STATUS_INVALID_PARAMETER;
	if (want_dir && (options & FILE_NON_DIRECTORY_FILE))
		return STATUS_INVALID_PARAMETER;
	if (want_dir && disposition != FILE_CREATE &&
	    disposition != FILE_OPEN && disposition != FILE_OPEN_IF)
		return STATUS_INVALID_PARAMETER;

	if (!exists) {
		if (disposition == FILE_OPEN || disposition == FILE_OVERWRITE)
			return STATUS_OBJECT_NAME_NOT_FOUND;
		*action = KCIFSD_ACT_CREATED;
		return STATUS_SUCCESS;
	}
	if (disposition == FILE_CREATE)
		return STATUS_OBJECT_NAME_COLLISION;
	if (is_dir && (options & FILE_NON_DIRECTORY_FILE))
		return STATUS_FILE_IS_A_DIRECTORY;
	if (!is_dir && want_dir)
		return STATUS_NOT_A_DIRECTORY;
	switch (disposition) {
	case FILE_OPEN:
	case FILE_OPEN_IF:
		*action = KCIFSD_ACT_OPENED;
		return STATUS_SUCCESS;
	case FILE_SUPERSEDE:
		*action = KCIFSD_ACT_SUPERSEDED;
		break;
	default:
		*action = KCIFSD_ACT_OVERWRITTEN;
		break;
	}
	return is_dir ? STATUS_OBJECT_NAME_COLLISION : STATUS_SUCCESS;
}
