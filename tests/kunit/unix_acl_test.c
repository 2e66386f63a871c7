// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the POSIX ACL structure of the CIFS UNIX extensions
 * (fs/unix_acl.c): a set request checked (counts bounded by the data and
 * by KCIFSD_POSIX_ACL_MAX, "no change" counts, bad tags, permissions and
 * ids refused), its entries in the VFS's xattr form, and an ACL from the
 * VFS (or from a mode) back on the wire.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/posix_acl.h>
#include <linux/posix_acl_xattr.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/unix_info.h"

/* A set request of @nacc + @ndef entries from @ents, counts as given. */
static unsigned int acl_blob(u8 *p, u16 nacc, u16 ndef, const u8 (*ents)[3],
			     unsigned int n, const u64 *ids)
{
	unsigned int i;

	kcifsd_put_posix_acl_hdr(p, nacc, ndef);
	for (i = 0; i < n; i++) {
		u8 *e = p + POSIX_ACL_HDR_SIZE + i * POSIX_ACE_SIZE;

		e[0] = ents[i][0];
		e[1] = ents[i][1];
		put_unaligned_le64(ids[i], e + 2);
	}
	return POSIX_ACL_HDR_SIZE + n * POSIX_ACE_SIZE;
}

static const u8 acl5[5][3] = {
	{ ACL_USER_OBJ, 6 }, { ACL_USER, 6 }, { ACL_GROUP_OBJ, 4 },
	{ ACL_MASK, 6 }, { ACL_OTHER, 0 },
};

static const u64 ids5[5] = { U64_MAX, 1001, U64_MAX, U64_MAX, U64_MAX };

static void acl_decode_ok(struct kunit *test)
{
	struct kcifsd_posix_acl_req r;
	u8 p[128];
	unsigned int len;

	len = acl_blob(p, 5, POSIX_ACL_NO_CHANGE, acl5, 5, ids5);
	KUNIT_ASSERT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.set_acc);
	KUNIT_EXPECT_FALSE(test, r.set_def);
	KUNIT_EXPECT_EQ(test, r.nacc, 5);
	KUNIT_EXPECT_EQ(test, r.ndef, 0);
	KUNIT_EXPECT_PTR_EQ(test, r.acc, (const u8 *)p + 6);

	/* Two ACLs: the default one after the access one. */
	len = acl_blob(p, 2, 3, acl5, 5, ids5);
	KUNIT_ASSERT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.set_acc && r.set_def);
	KUNIT_EXPECT_PTR_EQ(test, r.def, (const u8 *)p + 6 + 20);

	/* Count 0 removes: set, no entries; trailing bytes ignored. */
	len = acl_blob(p, POSIX_ACL_NO_CHANGE, 0, acl5, 0, ids5);
	KUNIT_ASSERT_EQ(test, kcifsd_posix_acl_decode(p, len + 7, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.set_def);
	KUNIT_EXPECT_EQ(test, r.ndef, 0);
	KUNIT_EXPECT_FALSE(test, r.set_acc);
}

static void acl_decode_hostile_counts(struct kunit *test)
{
	struct kcifsd_posix_acl_req r;
	unsigned int len, n = KCIFSD_POSIX_ACL_MAX + 1;
	u8 *p;
	u16 i;

	p = kunit_kzalloc(test, POSIX_ACL_HDR_SIZE + 2 * n * POSIX_ACE_SIZE,
			  GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	len = acl_blob(p, 5, POSIX_ACL_NO_CHANGE, acl5, 5, ids5);

	/* Short of the header, of the entries, by one byte. */
	for (i = 0; i < len; i++)
		KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, i, &r),
				-EINVAL);
	/* Every count past the data, up to 0xFFFE; both on one side. */
	for (i = 6; i < POSIX_ACL_NO_CHANGE; i++) {
		put_unaligned_le16(i, p + 2);
		KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r),
				-EINVAL);
	}
	put_unaligned_le16(3, p + 2);
	put_unaligned_le16(3, p + 4);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), -EINVAL);
	/* Both "no change": nothing to do is an error. */
	put_unaligned_le16(POSIX_ACL_NO_CHANGE, p + 2);
	put_unaligned_le16(POSIX_ACL_NO_CHANGE, p + 4);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), -EINVAL);
	/* Another version. */
	acl_blob(p, 5, POSIX_ACL_NO_CHANGE, acl5, 5, ids5);
	put_unaligned_le16(2, p);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), -EINVAL);

	/* Over KCIFSD_POSIX_ACL_MAX, with the data there: refused. */
	memset(p, 0, POSIX_ACL_HDR_SIZE + 2 * n * POSIX_ACE_SIZE);
	for (i = 0; i < 2 * n; i++) {
		p[POSIX_ACL_HDR_SIZE + i * POSIX_ACE_SIZE] = ACL_OTHER;
		put_unaligned_le64(U64_MAX, p + POSIX_ACL_HDR_SIZE +
				   i * POSIX_ACE_SIZE + 2);
	}
	kcifsd_put_posix_acl_hdr(p, n, POSIX_ACL_NO_CHANGE);
	len = POSIX_ACL_HDR_SIZE + 2 * n * POSIX_ACE_SIZE;
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), -EINVAL);
	kcifsd_put_posix_acl_hdr(p, POSIX_ACL_NO_CHANGE, n);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), -EINVAL);
	/* At the limit on both sides: taken. */
	kcifsd_put_posix_acl_hdr(p, n - 1, n - 1);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), 0);
	KUNIT_EXPECT_EQ(test, r.nacc + r.ndef, 2 * (n - 1));
}

static void acl_decode_hostile_entries(struct kunit *test)
{
	static const u8 tags[] = { 0, 3, 0x40, 0x80, 0xFF };
	struct kcifsd_posix_acl_req r;
	u64 ids[5];
	u8 p[128];
	unsigned int len, i;

	len = acl_blob(p, 5, POSIX_ACL_NO_CHANGE, acl5, 5, ids5);
	for (i = 0; i < ARRAY_SIZE(tags); i++) {
		p[6 + 4 * POSIX_ACE_SIZE] = tags[i];
		KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r),
				-EINVAL);
	}
	len = acl_blob(p, 5, POSIX_ACL_NO_CHANGE, acl5, 5, ids5);
	p[6 + 1] = 8;		/* perm: rwx only */
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), -EINVAL);

	/* A named user needs a uid: not all ones, not past 32 bits. */
	memcpy(ids, ids5, sizeof(ids));
	ids[1] = U32_MAX;
	len = acl_blob(p, 5, POSIX_ACL_NO_CHANGE, acl5, 5, ids);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), -EINVAL);
	ids[1] = 1ULL << 32 | 1001;
	len = acl_blob(p, 5, POSIX_ACL_NO_CHANGE, acl5, 5, ids);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), -EINVAL);
	/* The other entries' ids mean nothing. */
	ids[1] = 1001;
	ids[0] = 12345;
	len = acl_blob(p, 5, POSIX_ACL_NO_CHANGE, acl5, 5, ids);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), 0);
}

static void acl_to_xattr(struct kunit *test)
{
	struct kcifsd_posix_acl_req r;
	const struct posix_acl_xattr_entry *x;
	u8 p[128], buf[4 + 5 * 8];
	unsigned int len;

	len = acl_blob(p, 5, POSIX_ACL_NO_CHANGE, acl5, 5, ids5);
	KUNIT_ASSERT_EQ(test, kcifsd_posix_acl_decode(p, len, &r), 0);
	KUNIT_ASSERT_EQ(test, kcifsd_posix_acl_to_xattr(r.acc, r.nacc, buf),
			(unsigned int)sizeof(buf));
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(buf), POSIX_ACL_XATTR_VERSION);
	x = (const void *)(buf + 4);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(x[0].e_tag), ACL_USER_OBJ);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(x[0].e_perm), 6);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(x[0].e_id), (u32)ACL_UNDEFINED_ID);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(x[1].e_tag), ACL_USER);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(x[1].e_id), 1001u);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(x[4].e_tag), ACL_OTHER);
}

static void acl_from_xattr(struct kunit *test)
{
	u8 x[4 + 2 * 8], out[3 * POSIX_ACE_SIZE];

	memset(x, 0, sizeof(x));
	put_unaligned_le32(POSIX_ACL_XATTR_VERSION, x);
	put_unaligned_le16(ACL_GROUP, x + 4);
	put_unaligned_le16(5, x + 6);
	put_unaligned_le32(1002, x + 8);
	put_unaligned_le16(ACL_MASK, x + 12);
	put_unaligned_le16(7, x + 14);
	put_unaligned_le32(ACL_UNDEFINED_ID, x + 16);
	KUNIT_ASSERT_EQ(test, kcifsd_posix_acl_from_xattr(x, sizeof(x), out,
							 sizeof(out)), 2);
	KUNIT_EXPECT_EQ(test, out[0], ACL_GROUP);
	KUNIT_EXPECT_EQ(test, out[1], 5);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(out + 2), 1002ULL);
	KUNIT_EXPECT_EQ(test, out[10], ACL_MASK);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(out + 12), U64_MAX);

	/* Room for one entry only; a broken xattr. */
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_from_xattr(x, sizeof(x), out,
							 19), -ENOSPC);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_from_xattr(x, sizeof(x) - 1,
							 out, sizeof(out)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_from_xattr(x, 3, out,
							 sizeof(out)),
			-EINVAL);
	put_unaligned_le32(1, x);
	KUNIT_EXPECT_EQ(test, kcifsd_posix_acl_from_xattr(x, sizeof(x), out,
							 sizeof(out)),
			-EINVAL);
}

static void acl_from_mode(struct kunit *test)
{
	u8 out[3 * POSIX_ACE_SIZE];

	KUNIT_ASSERT_EQ(test, kcifsd_posix_acl_from_mode(S_IFREG | 0751, out),
			3u);
	KUNIT_EXPECT_EQ(test, out[0], ACL_USER_OBJ);
	KUNIT_EXPECT_EQ(test, out[1], 7);
	KUNIT_EXPECT_EQ(test, out[10], ACL_GROUP_OBJ);
	KUNIT_EXPECT_EQ(test, out[11], 5);
	KUNIT_EXPECT_EQ(test, out[20], ACL_OTHER);
	KUNIT_EXPECT_EQ(test, out[21], 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(out + 22), U64_MAX);
}

static struct kunit_case unix_acl_cases[] = {
	KUNIT_CASE(acl_decode_ok),
	KUNIT_CASE(acl_decode_hostile_counts),
	KUNIT_CASE(acl_decode_hostile_entries),
	KUNIT_CASE(acl_to_xattr),
	KUNIT_CASE(acl_from_xattr),
	KUNIT_CASE(acl_from_mode),
	{}
};

static struct kunit_suite unix_acl_suite = {
	.name = "kcifsd_unix_acl",
	.test_cases = unix_acl_cases,
};

kunit_test_suite(unix_acl_suite);
