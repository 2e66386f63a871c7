// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/access.c: generic rights (MS-CIFS 2.2.4.64.1),
 * granting with MAXIMUM_ALLOWED, open modes, DOS access and sharing modes
 * (MS-CIFS 2.2.4.3.1, <244>), OPEN_ANDX OpenMode, and the
 * CreateDisposition state machine (MS-FSA 2.1.5.1.2.1).
 */

#include <kunit/test.h>
#include <linux/fcntl.h>
#include <linux/kernel.h>

#include "fs/access.h"
#include "fs/ntstatus.h"

static void access_generic(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, kcifsd_access_map_generic(GENERIC_READ),
			(u32)(FILE_READ_DATA | FILE_READ_ATTRIBUTES |
			      FILE_READ_EA | SYNCHRONIZE));
	KUNIT_EXPECT_EQ(test, kcifsd_access_map_generic(GENERIC_WRITE),
			(u32)(FILE_WRITE_DATA | FILE_APPEND_DATA |
			      FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA |
			      SYNCHRONIZE));
	KUNIT_EXPECT_EQ(test, kcifsd_access_map_generic(GENERIC_EXECUTE),
			(u32)(FILE_EXECUTE | FILE_READ_ATTRIBUTES |
			      READ_CONTROL | SYNCHRONIZE));
	KUNIT_EXPECT_EQ(test, kcifsd_access_map_generic(GENERIC_ALL),
			(u32)FILE_ALL_ACCESS);
	/* Specific bits pass through, GENERIC_* bits go. */
	KUNIT_EXPECT_EQ(test, kcifsd_access_map_generic(GENERIC_READ | DELETE),
			(u32)(FILE_GENERIC_READ | DELETE));
	KUNIT_EXPECT_EQ(test, kcifsd_access_map_generic(MAXIMUM_ALLOWED),
			(u32)MAXIMUM_ALLOWED);
}

static const struct kcifsd_access_check chk_all = {
	.may_read = true, .may_write = true, .may_delete = true,
	.may_chattr = true,
};
static const struct kcifsd_access_check chk_ro = { .may_read = true };
static const struct kcifsd_access_check chk_none = {};

static void access_grant(struct kunit *test)
{
	u32 g;

	/* Attributes only: always, and READ_ATTRIBUTES is added. */
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(0, &chk_none, &g),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, g, (u32)FILE_READ_ATTRIBUTES);

	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(GENERIC_READ, &chk_ro, &g),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, g & FILE_READ_DATA);
	KUNIT_EXPECT_FALSE(test, g & SYNCHRONIZE);

	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(GENERIC_WRITE, &chk_ro, &g),
			(u32)STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(FILE_READ_DATA, &chk_none,
						  &g),
			(u32)STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(DELETE, &chk_ro, &g),
			(u32)STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(WRITE_DAC, &chk_ro, &g),
			(u32)STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(GENERIC_ALL, &chk_all, &g),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, g, (u32)(FILE_ALL_ACCESS & ~SYNCHRONIZE));
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(GENERIC_ALL, &chk_ro, &g),
			(u32)STATUS_ACCESS_DENIED);
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(ACCESS_SYSTEM_SECURITY,
						  &chk_all, &g),
			(u32)STATUS_PRIVILEGE_NOT_HELD);
	/* SYNCHRONIZE alone is ignored, not refused. */
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(SYNCHRONIZE, &chk_none, &g),
			(u32)STATUS_SUCCESS);
}

static void access_maximum_allowed(struct kunit *test)
{
	struct kcifsd_access_check limited = chk_all;
	u32 g;

	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(MAXIMUM_ALLOWED, &chk_ro,
						  &g),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, g & FILE_READ_DATA);
	KUNIT_EXPECT_FALSE(test, g & (FILE_WRITE_DATA | DELETE));

	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(MAXIMUM_ALLOWED, &chk_all,
						  &g),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, (g & (FILE_WRITE_DATA | DELETE | WRITE_DAC)) ==
			  (FILE_WRITE_DATA | DELETE | WRITE_DAC));

	/* Explicit bits must still be allowed. */
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(MAXIMUM_ALLOWED | DELETE,
						  &chk_ro, &g),
			(u32)STATUS_ACCESS_DENIED);

	/* The tree's MaximalShareAccessRights caps everything. */
	limited.share_max = FILE_GENERIC_READ;
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(MAXIMUM_ALLOWED, &limited,
						  &g),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_FALSE(test, g & FILE_WRITE_DATA);
	KUNIT_EXPECT_EQ(test, kcifsd_access_grant(FILE_WRITE_DATA, &limited,
						  &g),
			(u32)STATUS_ACCESS_DENIED);
}

static void access_oflags(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, kcifsd_access_oflags(FILE_READ_DATA, false),
			O_RDONLY);
	KUNIT_EXPECT_EQ(test, kcifsd_access_oflags(FILE_EXECUTE, false),
			O_RDONLY);
	KUNIT_EXPECT_EQ(test, kcifsd_access_oflags(FILE_APPEND_DATA, false),
			O_WRONLY);
	KUNIT_EXPECT_EQ(test, kcifsd_access_oflags(FILE_WRITE_DATA |
						   FILE_READ_DATA, false),
			O_RDWR);
	/* Attribute and delete rights need no data access: O_PATH. */
	KUNIT_EXPECT_EQ(test, kcifsd_access_oflags(FILE_READ_ATTRIBUTES,
						   false), O_PATH);
	KUNIT_EXPECT_EQ(test, kcifsd_access_oflags(DELETE |
						   FILE_WRITE_ATTRIBUTES,
						   false), O_PATH);
	/* Directories: listing, or O_PATH. */
	KUNIT_EXPECT_EQ(test, kcifsd_access_oflags(FILE_GENERIC_READ, true),
			O_RDONLY | O_DIRECTORY);
	KUNIT_EXPECT_EQ(test, kcifsd_access_oflags(FILE_WRITE_DATA |
						   FILE_READ_ATTRIBUTES, true),
			O_PATH | O_DIRECTORY);
}

static void access_dos_modes(struct kunit *test)
{
	u32 desired, share;
	bool compat;

	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x0040, &desired, &share,
						&compat),
			(u32)STATUS_SUCCESS);		/* read, deny none */
	KUNIT_EXPECT_EQ(test, desired, (u32)GENERIC_READ);
	KUNIT_EXPECT_EQ(test, share, (u32)(FILE_SHARE_READ | FILE_SHARE_WRITE));
	KUNIT_EXPECT_FALSE(test, compat);

	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x0011, &desired, &share,
						&compat),
			(u32)STATUS_SUCCESS);		/* write, deny all */
	KUNIT_EXPECT_EQ(test, desired,
			(u32)(GENERIC_WRITE | FILE_READ_ATTRIBUTES));
	KUNIT_EXPECT_EQ(test, share, 0u);

	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x0022, &desired, &share,
						&compat),
			(u32)STATUS_SUCCESS);		/* rw, deny write */
	KUNIT_EXPECT_EQ(test, desired, (u32)(GENERIC_READ | GENERIC_WRITE));
	KUNIT_EXPECT_EQ(test, share, (u32)FILE_SHARE_READ);

	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x0033, &desired, &share,
						&compat),
			(u32)STATUS_SUCCESS);		/* exec, deny read */
	KUNIT_EXPECT_EQ(test, desired, (u32)(GENERIC_READ | GENERIC_EXECUTE));
	KUNIT_EXPECT_EQ(test, share, (u32)FILE_SHARE_WRITE);

	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x0002, &desired, &share,
						&compat),
			(u32)STATUS_SUCCESS);		/* compatibility */
	KUNIT_EXPECT_TRUE(test, compat);

	/* Locality and write-through bits do not matter here. */
	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x4342, &desired, &share,
						&compat),
			(u32)STATUS_SUCCESS);

	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x0004, &desired, &share,
						&compat),
			(u32)STATUS_OS2_INVALID_ACCESS);
	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x0050, &desired, &share,
						&compat),
			(u32)STATUS_OS2_INVALID_ACCESS);
	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x00f7, &desired, &share,
						&compat),
			(u32)STATUS_OS2_INVALID_ACCESS);

	/* 0xFF: an FCB open, read/write in compatibility mode. */
	KUNIT_EXPECT_EQ(test, kcifsd_dos_access(0x00ff, &desired, &share,
						&compat),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, desired, (u32)(GENERIC_READ | GENERIC_WRITE));
	KUNIT_EXPECT_TRUE(test, compat);
}

static void access_open_andx_disposition(struct kunit *test)
{
	static const struct { u16 func; u32 status, disp; } cases[] = {
		{ 0x0000, STATUS_OS2_INVALID_ACCESS },
		{ 0x0010, STATUS_SUCCESS, FILE_CREATE },
		{ 0x0001, STATUS_SUCCESS, FILE_OPEN },
		{ 0x0011, STATUS_SUCCESS, FILE_OPEN_IF },
		{ 0x0002, STATUS_SUCCESS, FILE_OVERWRITE },
		{ 0x0012, STATUS_SUCCESS, FILE_OVERWRITE_IF },
		{ 0x0003, STATUS_OS2_INVALID_ACCESS },
		{ 0x0013, STATUS_OS2_INVALID_ACCESS },
	};
	unsigned int i;
	u32 disp;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		disp = U32_MAX;
		KUNIT_EXPECT_EQ_MSG(test,
				    kcifsd_dos_open_disposition(cases[i].func,
								&disp),
				    cases[i].status, "OpenMode 0x%04x",
				    cases[i].func);
		if (!cases[i].status)
			KUNIT_EXPECT_EQ(test, disp, cases[i].disp);
	}
}

struct decide_case {
	u32 disp;
	u32 options;
	bool exists, is_dir;
	u32 status;
	enum kcifsd_create_action action;
};

#define CO_DIR	FILE_DIRECTORY_FILE
#define CO_NONDIR	FILE_NON_DIRECTORY_FILE

static const struct decide_case decide_cases[] = {
	/* absent */
	{ FILE_SUPERSEDE, 0, false, false, 0, KCIFSD_ACT_CREATED },
	{ FILE_OPEN, 0, false, false, STATUS_OBJECT_NAME_NOT_FOUND },
	{ FILE_CREATE, 0, false, false, 0, KCIFSD_ACT_CREATED },
	{ FILE_OPEN_IF, 0, false, false, 0, KCIFSD_ACT_CREATED },
	{ FILE_OVERWRITE, 0, false, false, STATUS_OBJECT_NAME_NOT_FOUND },
	{ FILE_OVERWRITE_IF, 0, false, false, 0, KCIFSD_ACT_CREATED },
	/* an existing file */
	{ FILE_SUPERSEDE, 0, true, false, 0, KCIFSD_ACT_SUPERSEDED },
	{ FILE_OPEN, 0, true, false, 0, KCIFSD_ACT_OPENED },
	{ FILE_CREATE, 0, true, false, STATUS_OBJECT_NAME_COLLISION },
	{ FILE_OPEN_IF, 0, true, false, 0, KCIFSD_ACT_OPENED },
	{ FILE_OVERWRITE, 0, true, false, 0, KCIFSD_ACT_OVERWRITTEN },
	{ FILE_OVERWRITE_IF, 0, true, false, 0, KCIFSD_ACT_OVERWRITTEN },
	/* an existing directory */
	{ FILE_OPEN, 0, true, true, 0, KCIFSD_ACT_OPENED },
	{ FILE_OPEN, CO_DIR, true, true, 0, KCIFSD_ACT_OPENED },
	{ FILE_OPEN_IF, CO_DIR, true, true, 0, KCIFSD_ACT_OPENED },
	{ FILE_CREATE, CO_DIR, true, true, STATUS_OBJECT_NAME_COLLISION },
	{ FILE_OPEN, CO_NONDIR, true, true, STATUS_FILE_IS_A_DIRECTORY },
	{ FILE_OVERWRITE_IF, 0, true, true, STATUS_OBJECT_NAME_COLLISION },
	{ FILE_SUPERSEDE, 0, true, true, STATUS_OBJECT_NAME_COLLISION },
	/* a file asked for as a directory */
	{ FILE_OPEN, CO_DIR, true, false, STATUS_NOT_A_DIRECTORY },
	{ FILE_CREATE, CO_DIR, false, false, 0, KCIFSD_ACT_CREATED },
	/* malformed */
	{ 6, 0, false, false, STATUS_INVALID_PARAMETER },
	{ FILE_OVERWRITE_IF, CO_DIR, false, false, STATUS_INVALID_PARAMETER },
	{ FILE_SUPERSEDE, CO_DIR, true, true, STATUS_INVALID_PARAMETER },
	{ FILE_OPEN, CO_DIR | CO_NONDIR, true, true, STATUS_INVALID_PARAMETER },
	/* options Windows refuses, whatever the rest */
	{ FILE_OPEN_IF, FILE_SYNCHRONOUS_IO_ALERT, true, false,
	  STATUS_INVALID_PARAMETER },
	{ FILE_OPEN_IF, FILE_SYNCHRONOUS_IO_NONALERT, false, false,
	  STATUS_INVALID_PARAMETER },
	{ FILE_OPEN, FILE_RESERVE_OPFILTER, true, false,
	  STATUS_INVALID_PARAMETER },
	{ FILE_OPEN_IF, 0x01000000, true, false, STATUS_INVALID_PARAMETER },
	{ FILE_OPEN_IF, 0x80000000, false, false, STATUS_INVALID_PARAMETER },
	/* ... and ones it ignores (raw.open nttrans-create's ok_mask) */
	{ FILE_OPEN_IF, 0x00efcfce, true, false, 0, KCIFSD_ACT_OPENED },
};

static void access_create_decide(struct kunit *test)
{
	enum kcifsd_create_action action;
	unsigned int i;
	u32 status;

	for (i = 0; i < ARRAY_SIZE(decide_cases); i++) {
		const struct decide_case *c = &decide_cases[i];

		action = -1;
		status = kcifsd_create_decide(c->disp, c->options, c->exists,
					      c->is_dir, &action);
		KUNIT_EXPECT_EQ_MSG(test, status, c->status, "case %u", i);
		if (!c->status)
			KUNIT_EXPECT_EQ_MSG(test, action, c->action,
					    "case %u", i);
	}
}

static struct kunit_case access_test_cases[] = {
	KUNIT_CASE(access_generic),
	KUNIT_CASE(access_grant),
	KUNIT_CASE(access_maximum_allowed),
	KUNIT_CASE(access_oflags),
	KUNIT_CASE(access_dos_modes),
	KUNIT_CASE(access_open_andx_disposition),
	KUNIT_CASE(access_create_decide),
	{}
};

static struct kunit_suite access_test_suite = {
	.name = "kcifsd_access",
	.test_cases = access_test_cases,
};

kunit_test_suite(access_test_suite);
