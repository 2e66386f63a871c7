// SPDX-License-Identifier: GPL-2.0-only
/*
 * NTSTATUS -> SMBSTATUS (DOS error class and code), for clients that do not
 * set SMB_FLAGS2_NT_STATUS. One table, from MS-CIFS 2.2.2.4; where that
 * (non-normative) table lists one NTSTATUS under two classes, the entry
 * the per-command error tables of MS-CIFS 2.2.4 use wins.
 */

#include <linux/kernel.h>

#include "fs/ntstatus.h"

struct kcifsd_dos_map {
	u32 status;
	u8 eclass;
	u16 ecode;
};

static const struct kcifsd_dos_map kcifsd_dos_map[] = {
	{ STATUS_SUCCESS,			ERRSUCCESS, 0 },

	/* ERRDOS */
	{ STATUS_NOT_IMPLEMENTED,		ERRDOS, ERRbadfunc },
	{ STATUS_INVALID_DEVICE_REQUEST,	ERRDOS, ERRbadfunc },
	{ STATUS_ILLEGAL_FUNCTION,		ERRDOS, ERRbadfunc },
	{ STATUS_NO_SUCH_FILE,			ERRDOS, ERRbadfile },
	{ STATUS_NO_SUCH_DEVICE,		ERRDOS, ERRbadfile },
	{ STATUS_OBJECT_NAME_NOT_FOUND,		ERRDOS, ERRbadfile },
	{ STATUS_OBJECT_PATH_INVALID,		ERRDOS, ERRbadpath },
	{ STATUS_OBJECT_PATH_NOT_FOUND,		ERRDOS, ERRbadpath },
	{ STATUS_OBJECT_PATH_SYNTAX_BAD,	ERRDOS, ERRbadpath },
	{ STATUS_OBJECT_NAME_INVALID,		ERRDOS, ERRbadpath },
	{ STATUS_NOT_A_DIRECTORY,		ERRDOS, ERRbadpath },
	{ STATUS_TOO_MANY_OPENED_FILES,		ERRDOS, ERRnofids },
	{ STATUS_ACCESS_DENIED,			ERRDOS, ERRnoaccess },
	{ STATUS_INVALID_LOCK_SEQUENCE,		ERRDOS, ERRnoaccess },
	{ STATUS_DELETE_PENDING,		ERRDOS, ERRnoaccess },
	{ STATUS_PRIVILEGE_NOT_HELD,		ERRDOS, ERRnoaccess },
	{ STATUS_LOGON_FAILURE,			ERRDOS, ERRnoaccess },
	{ STATUS_FILE_IS_A_DIRECTORY,		ERRDOS, ERRnoaccess },
	{ STATUS_CANNOT_DELETE,			ERRDOS, ERRnoaccess },
	{ STATUS_FILE_DELETED,			ERRDOS, ERRnoaccess },
	{ STATUS_SMB_BAD_FID,			ERRDOS, ERRbadfid },
	{ STATUS_INVALID_HANDLE,		ERRDOS, ERRbadfid },
	{ STATUS_OBJECT_TYPE_MISMATCH,		ERRDOS, ERRbadfid },
	{ STATUS_FILE_CLOSED,			ERRDOS, ERRbadfid },
	{ STATUS_INSUFF_SERVER_RESOURCES,	ERRDOS, ERRnomem },
	{ STATUS_NO_MEMORY,			ERRDOS, ERRnomem },
	{ STATUS_OS2_INVALID_ACCESS,		ERRDOS, ERRbadaccess },
	{ STATUS_DIRECTORY_NOT_EMPTY,		ERRDOS, ERRremcd },
	{ STATUS_NOT_SAME_DEVICE,		ERRDOS, ERRdiffdevice },
	{ STATUS_NO_MORE_FILES,			ERRDOS, ERRnofiles },
	{ STATUS_UNSUCCESSFUL,			ERRDOS, ERRgeneral },
	{ STATUS_SHARING_VIOLATION,		ERRDOS, ERRbadshare },
	{ STATUS_FILE_LOCK_CONFLICT,		ERRDOS, ERRlock },
	{ STATUS_LOCK_NOT_GRANTED,		ERRDOS, ERRlock },
	{ STATUS_END_OF_FILE,			ERRDOS, ERReof },
	{ STATUS_NOT_SUPPORTED,			ERRDOS, ERRunsup },
	{ STATUS_OBJECT_NAME_COLLISION,		ERRDOS, ERRfilexists },
	{ STATUS_INVALID_PARAMETER,		ERRDOS, ERRinvalidparam },
	{ STATUS_OS2_NO_MORE_SIDS,		ERRDOS, ERROR_NO_MORE_SEARCH_HANDLES },
	{ STATUS_OS2_INVALID_LEVEL,		ERRDOS, ERRunknownlevel },
	{ STATUS_INVALID_LEVEL,			ERRDOS, ERRunknownlevel },
	{ STATUS_OS2_NEGATIVE_SEEK,		ERRDOS, ERRinvalidseek },
	{ STATUS_RANGE_NOT_LOCKED,		ERRDOS, ERROR_NOT_LOCKED },
	{ STATUS_OS2_CANCEL_VIOLATION,		ERRDOS, ERROR_CANCEL_VIOLATION },
	{ STATUS_OS2_ATOMIC_LOCKS_NOT_SUPPORTED, ERRDOS, ERROR_ATOMIC_LOCKS_NOT_SUPPORTED },
	{ STATUS_INVALID_INFO_CLASS,		ERRDOS, ERRbadpipe },
	{ STATUS_INVALID_PIPE_STATE,		ERRDOS, ERRbadpipe },
	{ STATUS_INVALID_READ_MODE,		ERRDOS, ERRbadpipe },
	{ STATUS_OS2_CANNOT_COPY,		ERRDOS, ERROR_CANNOT_COPY },
	{ STATUS_INSTANCE_NOT_AVAILABLE,	ERRDOS, ERRpipebusy },
	{ STATUS_PIPE_NOT_AVAILABLE,		ERRDOS, ERRpipebusy },
	{ STATUS_PIPE_BUSY,			ERRDOS, ERRpipebusy },
	{ STATUS_PIPE_CLOSING,			ERRDOS, ERRpipeclosing },
	{ STATUS_PIPE_EMPTY,			ERRDOS, ERRpipeclosing },
	{ STATUS_PIPE_DISCONNECTED,		ERRDOS, ERRnotconnected },
	{ STATUS_BUFFER_OVERFLOW,		ERRDOS, ERRmoredata },
	{ STATUS_MORE_PROCESSING_REQUIRED,	ERRDOS, ERRmoredata },
	{ STATUS_EA_TOO_LARGE,			ERRDOS, ERROR_EAS_DIDNT_FIT },
	{ STATUS_OS2_EAS_DIDNT_FIT,		ERRDOS, ERROR_EAS_DIDNT_FIT },
	{ STATUS_EAS_NOT_SUPPORTED,		ERRDOS, ERROR_EAS_NOT_SUPPORTED },
	{ STATUS_OS2_EA_ACCESS_DENIED,		ERRDOS, ERROR_EA_ACCESS_DENIED },
	{ STATUS_NOTIFY_ENUM_DIR,		ERRDOS, ERR_NOTIFY_ENUM_DIR },

	/* ERRSRV */
	{ STATUS_INVALID_SMB,			ERRSRV, ERRerror },
	{ STATUS_WRONG_PASSWORD,		ERRSRV, ERRbadpw },
	{ STATUS_PATH_NOT_COVERED,		ERRSRV, ERRsrvbadpath },
	{ STATUS_NETWORK_ACCESS_DENIED,		ERRSRV, ERRaccess },
	{ STATUS_NETWORK_NAME_DELETED,		ERRSRV, ERRinvtid },
	{ STATUS_SMB_BAD_TID,			ERRSRV, ERRinvtid },
	{ STATUS_BAD_NETWORK_NAME,		ERRSRV, ERRinvnetname },
	{ STATUS_BAD_DEVICE_TYPE,		ERRSRV, ERRinvdevice },
	{ STATUS_SMB_BAD_COMMAND,		ERRSRV, ERRbadcmd },
	{ STATUS_UNEXPECTED_NETWORK_ERROR,	ERRSRV, ERRsrverror },
	{ STATUS_IO_TIMEOUT,			ERRSRV, ERRtimeout },
	{ STATUS_REQUEST_NOT_ACCEPTED,		ERRSRV, ERRnoresource },
	{ STATUS_TOO_MANY_SESSIONS,		ERRSRV, ERRtoomanyuids },
	{ STATUS_SMB_BAD_UID,			ERRSRV, ERRbaduid },
	{ STATUS_SMB_USE_MPX,			ERRSRV, ERRusempx },
	{ STATUS_SMB_USE_STANDARD,		ERRSRV, ERRusestd },
	{ STATUS_SMB_CONTINUE_MPX,		ERRSRV, ERRcontmpx },
	{ STATUS_ACCOUNT_DISABLED,		ERRSRV, ERRaccountExpired },
	{ STATUS_ACCOUNT_EXPIRED,		ERRSRV, ERRaccountExpired },
	{ STATUS_INVALID_WORKSTATION,		ERRSRV, ERRbadClient },
	{ STATUS_INVALID_LOGON_HOURS,		ERRSRV, ERRbadLogonTime },
	{ STATUS_PASSWORD_EXPIRED,		ERRSRV, ERRpasswordExpired },
	{ STATUS_PASSWORD_MUST_CHANGE,		ERRSRV, ERRpasswordExpired },
	{ STATUS_SMB_NO_SUPPORT,		ERRSRV, ERRnosupport },

	/* ERRHRD */
	{ STATUS_MEDIA_WRITE_PROTECTED,		ERRHRD, ERRnowrite },
	{ STATUS_INVALID_DEVICE_STATE,		ERRHRD, ERRhrdbadcmd },
	{ STATUS_DATA_ERROR,			ERRHRD, ERRdata },
	{ STATUS_DISK_FULL,			ERRHRD, ERRdiskfull },
};

/**
 * kcifsd_ntstatus_to_dos() - the SMBSTATUS for an NTSTATUS
 * @status: the NTSTATUS a handler returned
 *
 * MS-CIFS 2.2.2.4 / 3.3.4.1.2: a client that did not set
 * SMB_FLAGS2_NT_STATUS gets SMBSTATUS {ErrorClass, Reserved, ErrorCode}.
 * A status with no DOS equivalent is reported as ERRHRD/ERRgeneral, the
 * class the spec keeps for otherwise unclassified server failures.
 *
 * Return: the SMBSTATUS packed as SMB_DOS_STATUS(class, code), i.e. the
 * value whose little-endian bytes form the header's Status field.
 */
u32 kcifsd_ntstatus_to_dos(u32 status)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kcifsd_dos_map); i++)
		if (kcifsd_dos_map[i].status == status)
			return SMB_DOS_STATUS(kcifsd_dos_map[i].eclass,
					      kcifsd_dos_map[i].ecode);
	return SMB_DOS_STATUS(ERRHRD, ERRhrdgeneral);
}
