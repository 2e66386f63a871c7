/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What an open asks for and what it gets: the access mask of
 * NT_CREATE_ANDX (MS-CIFS 2.2.4.64.1, generic rights mapped as its
 * DesiredAccess table says, MAXIMUM_ALLOWED), the DOS access and sharing
 * modes of OPEN / OPEN_ANDX (MS-CIFS 2.2.4.3.1, 2.2.4.41.1 and <244>),
 * the open mode a granted mask needs from the VFS, and the
 * CreateDisposition state machine (MS-CIFS 2.2.4.64.1, MS-FSA
 * 2.1.5.1.2.1). Pure functions, no state; KUnit: tests/kunit/access_test.c.
 */
#ifndef _KCIFSD_ACCESS_H
#define _KCIFSD_ACCESS_H

#include <linux/types.h>

/* Access mask bits (MS-CIFS 2.2.4.64.1 DesiredAccess) */
#define FILE_READ_DATA		0x00000001
#define FILE_WRITE_DATA		0x00000002
#define FILE_APPEND_DATA	0x00000004
#define FILE_READ_EA		0x00000008
#define FILE_WRITE_EA		0x00000010
#define FILE_EXECUTE		0x00000020
#define FILE_DELETE_CHILD	0x00000040
#define FILE_READ_ATTRIBUTES	0x00000080
#define FILE_WRITE_ATTRIBUTES	0x00000100
#define DELETE			0x00010000
#define READ_CONTROL		0x00020000
#define WRITE_DAC		0x00040000
#define WRITE_OWNER		0x00080000
#define SYNCHRONIZE		0x00100000
#define ACCESS_SYSTEM_SECURITY	0x01000000
#define MAXIMUM_ALLOWED		0x02000000
#define GENERIC_ALL		0x10000000
#define GENERIC_EXECUTE		0x20000000
#define GENERIC_WRITE		0x40000000
#define GENERIC_READ		0x80000000

/* The specific rights GENERIC_* stand for (the DesiredAccess table). */
#define FILE_GENERIC_READ	(FILE_READ_DATA | FILE_READ_ATTRIBUTES | \
				 FILE_READ_EA | SYNCHRONIZE)
#define FILE_GENERIC_WRITE	(FILE_WRITE_DATA | FILE_APPEND_DATA | \
				 SYNCHRONIZE | FILE_WRITE_ATTRIBUTES | \
				 FILE_WRITE_EA)
#define FILE_GENERIC_EXECUTE	(FILE_READ_ATTRIBUTES | FILE_EXECUTE | \
				 SYNCHRONIZE | READ_CONTROL)
#define FILE_ALL_ACCESS		0x001F01FF
#define STANDARD_RIGHTS_ALL	(DELETE | READ_CONTROL | WRITE_DAC | \
				 WRITE_OWNER | SYNCHRONIZE)

/* Rights that read or change file data (and so take part in sharing). */
#define KCIFSD_ACCESS_READ	(FILE_READ_DATA | FILE_EXECUTE)
#define KCIFSD_ACCESS_WRITE	(FILE_WRITE_DATA | FILE_APPEND_DATA)

/* ShareAccess (MS-CIFS 2.2.4.64.1) */
#define FILE_SHARE_READ		0x00000001
#define FILE_SHARE_WRITE	0x00000002
#define FILE_SHARE_DELETE	0x00000004
#define FILE_SHARE_ALL		(FILE_SHARE_READ | FILE_SHARE_WRITE | \
				 FILE_SHARE_DELETE)

/* CreateDisposition (MS-CIFS 2.2.4.64.1) */
#define FILE_SUPERSEDE		0
#define FILE_OPEN		1
#define FILE_CREATE		2
#define FILE_OPEN_IF		3
#define FILE_OVERWRITE		4
#define FILE_OVERWRITE_IF	5

/* CreateOptions (MS-CIFS 2.2.4.64.1) */
#define FILE_DIRECTORY_FILE		0x00000001
#define FILE_WRITE_THROUGH		0x00000002
#define FILE_SEQUENTIAL_ONLY		0x00000004
#define FILE_NO_INTERMEDIATE_BUFFERING	0x00000008
#define FILE_NON_DIRECTORY_FILE		0x00000040
#define FILE_DELETE_ON_CLOSE		0x00001000
#define FILE_OPEN_BY_FILE_ID		0x00002000
#define FILE_OPEN_FOR_BACKUP_INTENT	0x00004000
#define FILE_RANDOM_ACCESS		0x00000800
/*
 * What Windows refuses with STATUS_INVALID_PARAMETER although MS-CIFS
 * says to ignore it (smbtorture raw.open nttrans-create encodes it):
 * FILE_SYNCHRONOUS_IO_ALERT and _NONALERT (a server's handle is never
 * a caller's synchronous one), FILE_RESERVE_OPFILTER, and the eight
 * bits no version of MS-FSCC defines.
 */
#define FILE_SYNCHRONOUS_IO_ALERT	0x00000010
#define FILE_SYNCHRONOUS_IO_NONALERT	0x00000020
#define FILE_RESERVE_OPFILTER		0x00100000
#define FILE_OPTIONS_UNDEFINED		0xff000000
#define FILE_OPTIONS_INVALID		(FILE_SYNCHRONOUS_IO_ALERT | \
					 FILE_SYNCHRONOUS_IO_NONALERT | \
					 FILE_RESERVE_OPFILTER | \
					 FILE_OPTIONS_UNDEFINED)

/*
 * enum kcifsd_create_action - what an open did; the values are the
 * CreateDisposition ("CreateAction") of the NT_CREATE_ANDX response
 * (MS-CIFS 2.2.4.64.2, as MS-SMB2's CreateAction)
 */
enum kcifsd_create_action {
	KCIFSD_ACT_SUPERSEDED = 0,
	KCIFSD_ACT_OPENED = 1,
	KCIFSD_ACT_CREATED = 2,
	KCIFSD_ACT_OVERWRITTEN = 3,
};

/**
 * struct kcifsd_access_check - what the user may do, as the VFS says
 * @may_read: read permission on the object (MAY_READ)
 * @may_write: write permission on the object and a writable tree
 * @may_delete: write and search permission on its directory, writable
 *	tree
 * @may_chattr: the user owns the object and the tree is writable (may
 *	change its mode and times, its security descriptor in Windows terms)
 * @share_max: MaximalShareAccessRights of the tree (MS-SMB 2.2.4.7.2)
 */
struct kcifsd_access_check {
	bool may_read;
	bool may_write;
	bool may_delete;
	bool may_chattr;
	u32 share_max;
};

u32 kcifsd_access_map_generic(u32 desired);
u32 kcifsd_access_allowed(const struct kcifsd_access_check *chk);
u32 kcifsd_access_grant(u32 desired, const struct kcifsd_access_check *chk,
			u32 *granted);
int kcifsd_access_oflags(u32 granted, bool dir);

u32 kcifsd_dos_access(u16 mode, u32 *desired, u32 *share, bool *compat);
u32 kcifsd_dos_open_disposition(u16 open_func, u32 *disposition);

u32 kcifsd_create_decide(u32 disposition, u32 options, bool exists,
			 bool is_dir, enum kcifsd_create_action *action);

#endif /* _KCIFSD_ACCESS_H */
