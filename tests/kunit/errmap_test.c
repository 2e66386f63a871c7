// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/errmap.c: NTSTATUS -> SMBSTATUS (MS-CIFS 2.2.1.5,
 * 2.2.2.4, and the per-command tables of 2.2.4.x).
 */

#include <kunit/test.h>
#include <linux/kernel.h>

#include "fs/ntstatus.h"

struct errmap_case {
	u32 status;
	u8 eclass;
	u16 ecode;
};

static const struct errmap_case errmap_cases[] = {
	{ STATUS_SUCCESS, ERRSUCCESS, 0 },
	{ STATUS_NOT_IMPLEMENTED, ERRDOS, ERRbadfunc },
	{ STATUS_INVALID_HANDLE, ERRDOS, ERRbadfid },
	{ STATUS_INVALID_PARAMETER, ERRDOS, ERRinvalidparam },
	{ STATUS_NO_SUCH_FILE, ERRDOS, ERRbadfile },
	{ STATUS_OBJECT_NAME_NOT_FOUND, ERRDOS, ERRbadfile },
	{ STATUS_OBJECT_PATH_NOT_FOUND, ERRDOS, ERRbadpath },
	{ STATUS_OBJECT_NAME_COLLISION, ERRDOS, ERRfilexists },
	{ STATUS_ACCESS_DENIED, ERRDOS, ERRnoaccess },
	{ STATUS_LOGON_FAILURE, ERRDOS, ERRnoaccess },
	{ STATUS_SHARING_VIOLATION, ERRDOS, ERRbadshare },
	{ STATUS_LOCK_NOT_GRANTED, ERRDOS, ERRlock },
	{ STATUS_END_OF_FILE, ERRDOS, ERReof },
	{ STATUS_MORE_PROCESSING_REQUIRED, ERRDOS, ERRmoredata },
	{ STATUS_BUFFER_OVERFLOW, ERRDOS, ERRmoredata },
	{ STATUS_INFO_LENGTH_MISMATCH, ERRDOS, ERROR_BAD_LENGTH },
	{ STATUS_BUFFER_TOO_SMALL, ERRDOS, ERROR_INSUFFICIENT_BUFFER },
	{ STATUS_NO_MORE_FILES, ERRDOS, ERRnofiles },
	{ STATUS_DIRECTORY_NOT_EMPTY, ERRDOS, ERRremcd },
	{ STATUS_NOT_SUPPORTED, ERRDOS, ERRunsup },
	{ STATUS_RANGE_NOT_LOCKED, ERRDOS, ERROR_NOT_LOCKED },
	{ STATUS_INSUFF_SERVER_RESOURCES, ERRDOS, ERRnomem },
	{ STATUS_NOTIFY_ENUM_DIR, ERRDOS, ERR_NOTIFY_ENUM_DIR },
	{ STATUS_EA_TOO_LARGE, ERRDOS, ERROR_EAS_DIDNT_FIT },
	{ STATUS_NO_EAS_ON_FILE, ERRDOS, ERROR_EAS_DIDNT_FIT },
	{ STATUS_WRONG_PASSWORD, ERRSRV, ERRbadpw },
	{ STATUS_NETWORK_NAME_DELETED, ERRSRV, ERRinvtid },
	{ STATUS_BAD_NETWORK_NAME, ERRSRV, ERRinvnetname },
	{ STATUS_TOO_MANY_SESSIONS, ERRSRV, ERRtoomanyuids },
	{ STATUS_PATH_NOT_COVERED, ERRSRV, ERRsrvbadpath },
	{ STATUS_PASSWORD_EXPIRED, ERRSRV, ERRpasswordExpired },
	{ STATUS_DISK_FULL, ERRHRD, ERRdiskfull },
	{ STATUS_MEDIA_WRITE_PROTECTED, ERRHRD, ERRnowrite },
	/* No DOS equivalent: ERRHRD/ERRgeneral. */
	{ STATUS_CANCELLED, ERRHRD, ERRhrdgeneral },
	{ 0xC0DEC0DE, ERRHRD, ERRhrdgeneral },
};

static void errmap_table(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(errmap_cases); i++) {
		const struct errmap_case *c = &errmap_cases[i];

		KUNIT_EXPECT_EQ_MSG(test, kcifsd_ntstatus_to_dos(c->status),
				    SMB_DOS_STATUS(c->eclass, c->ecode),
				    "status 0x%08x", c->status);
	}
}

/*
 * The SMB-specific NTSTATUS values are the SMBSTATUS bytes themselves
 * (MS-CIFS 2.2.2.4): mapping them must not change them.
 */
static void errmap_smb_statuses(struct kunit *test)
{
	static const u32 same[] = {
		STATUS_INVALID_SMB, STATUS_SMB_BAD_TID, STATUS_SMB_BAD_COMMAND,
		STATUS_SMB_BAD_UID, STATUS_SMB_USE_MPX, STATUS_SMB_USE_STANDARD,
		STATUS_SMB_CONTINUE_MPX, STATUS_SMB_NO_SUPPORT,
		STATUS_SMB_BAD_FID, STATUS_OS2_INVALID_ACCESS,
		STATUS_OS2_NO_MORE_SIDS, STATUS_OS2_INVALID_LEVEL,
		STATUS_OS2_NEGATIVE_SEEK, STATUS_OS2_CANCEL_VIOLATION,
		STATUS_OS2_ATOMIC_LOCKS_NOT_SUPPORTED, STATUS_OS2_CANNOT_COPY,
		STATUS_OS2_EAS_DIDNT_FIT, STATUS_OS2_EA_ACCESS_DENIED,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(same); i++)
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_ntstatus_to_dos(same[i]),
				    same[i], "status 0x%08x", same[i]);
}

/* SMB_DOS_STATUS lays the pair out as the header's LE32 Status. */
static void errmap_layout(struct kunit *test)
{
	__le32 wire = cpu_to_le32(SMB_DOS_STATUS(ERRSRV, ERRbaduid));
	const u8 *b = (const u8 *)&wire;

	KUNIT_EXPECT_EQ(test, b[0], ERRSRV);	/* ErrorClass */
	KUNIT_EXPECT_EQ(test, b[1], 0);		/* Reserved */
	KUNIT_EXPECT_EQ(test, b[2], 0x5B);	/* ErrorCode, LE */
	KUNIT_EXPECT_EQ(test, b[3], 0x00);
}

static struct kunit_case errmap_cases_list[] = {
	KUNIT_CASE(errmap_table),
	KUNIT_CASE(errmap_smb_statuses),
	KUNIT_CASE(errmap_layout),
	{}
};

static struct kunit_suite errmap_suite = {
	.name = "kcifsd_smb_errmap",
	.test_cases = errmap_cases_list,
};

kunit_test_suite(errmap_suite);
