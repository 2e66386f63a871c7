// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/fid.c's lockless peek, kcifsd_fid_peek_plain_file():
 * a receive work asks it about a FID nothing has checked yet, to choose
 * where a write runs (fs/rx_inline.c).
 */

#include <kunit/test.h>
#include <linux/xarray.h>

#include "fs/fid.h"
#include "fs/ntstatus.h"
#include "fs/smb_conn.h"
#include "tests/kunit/smb_test_util.h"

/* An open in @sc's table; the table holds its only reference. */
static struct kcifsd_open *install(struct kunit *test,
				   struct kcifsd_smb_conn *sc, bool is_dir,
				   bool write_through)
{
	struct kcifsd_open *op = kcifsd_open_alloc();

	KUNIT_ASSERT_NOT_NULL(test, op);
	op->is_dir = is_dir;
	op->write_through = write_through;
	KUNIT_ASSERT_EQ(test, kcifsd_fid_install(sc, op), STATUS_SUCCESS);
	kcifsd_open_put(op);
	return op;
}

static void peek_plain_file(struct kunit *test)
{
	struct kcifsd_test_smb *t = kcifsd_test_smb_new(test);
	struct kcifsd_smb_conn *sc = t->conn.smb;
	struct kcifsd_open *file, *dir, *wt;
	static int fake_pipe;
	u16 fid;

	file = install(test, sc, false, false);
	dir = install(test, sc, true, false);
	wt = install(test, sc, false, true);
	KUNIT_EXPECT_TRUE(test, kcifsd_fid_peek_plain_file(sc, file->fid));
	KUNIT_EXPECT_FALSE(test, kcifsd_fid_peek_plain_file(sc, dir->fid));
	KUNIT_EXPECT_FALSE(test, kcifsd_fid_peek_plain_file(sc, wt->fid));

	/* FIDs that name nothing: 0, FLUSH's "all files", one not given. */
	KUNIT_EXPECT_FALSE(test, kcifsd_fid_peek_plain_file(sc, 0));
	KUNIT_EXPECT_FALSE(test,
			   kcifsd_fid_peek_plain_file(sc, KCIFSD_FID_ALL));
	KUNIT_EXPECT_FALSE(test,
			   kcifsd_fid_peek_plain_file(sc, wt->fid + 1));

	/* A named pipe under the same number as the file. */
	KUNIT_ASSERT_EQ(test, xa_insert(&sc->pipes, file->fid, &fake_pipe,
					GFP_KERNEL), 0);
	KUNIT_EXPECT_FALSE(test, kcifsd_fid_peek_plain_file(sc, file->fid));
	xa_erase(&sc->pipes, file->fid);
	KUNIT_EXPECT_TRUE(test, kcifsd_fid_peek_plain_file(sc, file->fid));

	/* Closed: the FID names nothing any more. */
	fid = file->fid;
	refcount_inc(&file->refcnt);
	KUNIT_EXPECT_TRUE(test, kcifsd_fid_close(file));
	kcifsd_open_put(file);
	KUNIT_EXPECT_FALSE(test, kcifsd_fid_peek_plain_file(sc, fid));
}

static struct kunit_case fid_cases[] = {
	KUNIT_CASE(peek_plain_file),
	{}
};

static struct kunit_suite fid_suite = {
	.name = "kcifsd_fid",
	.test_cases = fid_cases,
};

kunit_test_suite(fid_suite);
