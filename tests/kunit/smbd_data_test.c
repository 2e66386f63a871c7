// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for rdma/smbd_data.c: MS-SMBD 2.2.3 data transfer header
 * validation with hostile lengths, header construction, fragmentation
 * (3.1.4.2) and the reassembly length rules (3.1.5.8) with the event
 * number of each violation.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "rdma/smbd_proto.h"

#define MAX_FRAG	131072U

static void put_hdr(u8 *buf, u16 creq, u16 cgr, u16 flags, u32 rem,
		    u32 off, u32 len)
{
	struct kcifsd_smbd_data_hdr *h = (void *)buf;

	h->credits_requested = cpu_to_le16(creq);
	h->credits_granted = cpu_to_le16(cgr);
	h->flags = cpu_to_le16(flags);
	h->reserved = cpu_to_le16(0xbeef);	/* ignored on receipt */
	h->remaining_data_length = cpu_to_le32(rem);
	h->data_offset = cpu_to_le32(off);
	h->data_length = cpu_to_le32(len);
	h->padding = cpu_to_le32(0xdeadbeef);	/* ignored on receipt */
}

struct data_case {
	const char *desc;
	u32 msg_len;		/* what the receive completion says */
	u16 creq;
	u32 rem, off, len;
	int want;
};

static const struct data_case data_cases[] = {
	{ "credit message, 20 bytes", 20, 1, 0, 0, 0, 0 },
	{ "credit message, 24 bytes", 24, 1, 0, 0, 0, 0 },
	{ "one byte payload", 25, 1, 0, 24, 1, 0 },
	{ "payload fills message", 1024, 255, 0, 24, 1000, 0 },
	{ "payload with trailing bytes", 1024, 255, 0, 24, 900, 0 },
	{ "payload at 32", 64, 1, 0, 32, 32, 0 },
	{ "first of fragments", 1024, 1, 9000, 24, 1000, 0 },
	{ "exact max fragmented", 1024, 1, MAX_FRAG - 1000, 24, 1000, 0 },
	{ "19 bytes", 19, 1, 0, 0, 0, KCIFSD_SMBD_EV_INVALID },
	{ "zero bytes", 0, 1, 0, 0, 0, KCIFSD_SMBD_EV_INVALID },
	{ "zero credits requested", 20, 0, 0, 0, 0, KCIFSD_SMBD_EV_INVALID },
	{ "offset 20 unaligned", 64, 1, 0, 20, 4, KCIFSD_SMBD_EV_INVALID },
	{ "offset 25 unaligned", 64, 1, 0, 25, 4, KCIFSD_SMBD_EV_INVALID },
	{ "offset 4 unaligned, no data", 20, 1, 0, 4, 0,
	  KCIFSD_SMBD_EV_INVALID },
	{ "payload inside header", 64, 1, 0, 16, 8, KCIFSD_SMBD_EV_INVALID },
	{ "payload at 0", 64, 1, 0, 0, 8, KCIFSD_SMBD_EV_INVALID },
	{ "one past end", 1024, 1, 0, 24, 1001, KCIFSD_SMBD_EV_INVALID },
	{ "offset past end", 64, 1, 0, 72, 0, KCIFSD_SMBD_EV_INVALID },
	{ "offset+len wraps 32 bits", 64, 1, 0, 0xfffffff8, 0x10,
	  KCIFSD_SMBD_EV_INVALID },
	{ "length all ones", 64, 1, 0, 24, 0xffffffff,
	  KCIFSD_SMBD_EV_INVALID },
	{ "offset all ones aligned", 64, 1, 0, 0xfffffff8, 1,
	  KCIFSD_SMBD_EV_INVALID },
	{ "over max fragmented", 1024, 1, MAX_FRAG - 999, 24, 1000,
	  KCIFSD_SMBD_EV_INVALID },
	{ "len+remaining wraps 32 bits", 1024, 1, 0xffffffff, 24, 1000,
	  KCIFSD_SMBD_EV_INVALID },
	{ "remaining without payload", 20, 1, 100, 0, 0,
	  KCIFSD_SMBD_EV_INVALID },
	{ "remaining all ones, no payload", 20, 1, 0xffffffff, 0, 0,
	  KCIFSD_SMBD_EV_INVALID },
};

static void data_case_desc(const struct data_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(data, data_cases, data_case_desc);

static void smbd_data_validation(struct kunit *test)
{
	const struct data_case *c = test->param_value;
	struct kcifsd_smbd_data_info d;
	u8 *buf;

	/* Exactly msg_len bytes, so KASAN would see any read past them. */
	buf = kunit_kzalloc(test, max_t(u32, c->msg_len, 24), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	put_hdr(buf, c->creq, 0, 0, c->rem, c->off, c->len);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_data_parse(buf, c->msg_len,
						     MAX_FRAG, &d), c->want);
	if (!c->want) {
		KUNIT_EXPECT_EQ(test, d.credits_requested, c->creq);
		KUNIT_EXPECT_EQ(test, d.remaining, c->rem);
		KUNIT_EXPECT_EQ(test, d.offset, c->off);
		KUNIT_EXPECT_EQ(test, d.length, c->len);
	}
}

/* Fields other than the lengths pass through as sent. */
static void smbd_data_fields(struct kunit *test)
{
	struct kcifsd_smbd_data_info d;
	u8 buf[24];

	put_hdr(buf, 0x1234, 0xabcd, 0x0001, 0, 0, 0);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_data_parse(buf, 20, MAX_FRAG, &d), 0);
	KUNIT_EXPECT_EQ(test, d.credits_requested, 0x1234);
	KUNIT_EXPECT_EQ(test, d.credits_granted, 0xabcd);
	KUNIT_EXPECT_EQ(test, d.flags, KCIFSD_SMBD_FLAG_RESPONSE_REQUESTED);
	/* Unknown flag bits are not a violation. */
	put_hdr(buf, 1, 0, 0xfffe, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_data_parse(buf, 20, MAX_FRAG, &d), 0);
}

static void smbd_data_build(struct kunit *test)
{
	static const u8 empty[20] = {
		0xff, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
	};
	static const u8 data[24] = {
		0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x10, 0x27, 0x00, 0x00, 0x18, 0x00, 0x00, 0x00,
		0xe8, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};
	struct kcifsd_smbd_data_hdr h;
	struct kcifsd_smbd_data_info d;

	memset(&h, 0xee, sizeof(h));
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_data_build(&h, 255, 5, 1, 0, 0), 20U);
	KUNIT_EXPECT_EQ(test, memcmp(&h, empty, sizeof(empty)), 0);

	memset(&h, 0xee, sizeof(h));
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_data_build(&h, 10, 0, 0, 10000, 1000),
			24U);
	KUNIT_EXPECT_EQ(test, memcmp(&h, data, sizeof(data)), 0);

	/* The header alone, without the 1000 bytes it announces: refused. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_data_parse(&h, sizeof(h), MAX_FRAG,
						     &d),
			KCIFSD_SMBD_EV_INVALID);
}

static void smbd_data_build_roundtrip(struct kunit *test)
{
	struct kcifsd_smbd_data_info d;
	u8 *buf;

	buf = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_data_build((void *)buf, 3, 2, 0,
						     500, 1000), 24U);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_data_parse(buf, 1024, MAX_FRAG, &d),
			0);
	KUNIT_EXPECT_EQ(test, d.offset, 24U);
	KUNIT_EXPECT_EQ(test, d.length, 1000U);
	KUNIT_EXPECT_EQ(test, d.remaining, 500U);
}

/* MS-SMBD 4.3: 64 KiB over 1024-byte messages goes as 1000-byte pieces. */
static void smbd_frag_split(struct kunit *test)
{
	struct kcifsd_smbd_negotiated neg = {
		.max_send_size = 1024,
		.max_fragmented_send_size = 131072,
	};
	struct kcifsd_smbd_frag f;
	u32 len, rem, sum = 0, n = 0, last_rem = 65536;

	KUNIT_ASSERT_EQ(test, kcifsd_smbd_frag_init(&f, 65536, &neg), 0);
	while (kcifsd_smbd_frag_next(&f, 0, &len, &rem)) {
		KUNIT_EXPECT_LE(test, len, 1000U);
		KUNIT_EXPECT_EQ(test, rem, last_rem - len);
		last_rem = rem;
		sum += len;
		n++;
	}
	KUNIT_EXPECT_EQ(test, sum, 65536U);
	KUNIT_EXPECT_EQ(test, n, 66U);
	KUNIT_EXPECT_EQ(test, last_rem, 0U);
	KUNIT_EXPECT_FALSE(test, kcifsd_smbd_frag_next(&f, 0, &len, &rem));
}

static void smbd_frag_limits(struct kunit *test)
{
	struct kcifsd_smbd_negotiated neg = {
		.max_send_size = 128,
		.max_fragmented_send_size = 131072,
	};
	struct kcifsd_smbd_frag f;
	u32 len, rem;

	KUNIT_EXPECT_EQ(test, kcifsd_smbd_frag_init(&f, 0, &neg), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_frag_init(&f, 131073, &neg),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_frag_init(&f, 0xffffffff, &neg),
			-EMSGSIZE);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_frag_init(&f, 131072, &neg), 0);
	/* A transport limit shortens one fragment; the rest carries on. */
	KUNIT_ASSERT_TRUE(test, kcifsd_smbd_frag_next(&f, 10, &len, &rem));
	KUNIT_EXPECT_EQ(test, len, 10U);
	KUNIT_EXPECT_EQ(test, rem, 131062U);
	KUNIT_ASSERT_TRUE(test, kcifsd_smbd_frag_next(&f, 0, &len, &rem));
	KUNIT_EXPECT_EQ(test, len, 104U);

	/* A MaxSendSize with no room for payload cannot carry anything. */
	neg.max_send_size = 24;
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_frag_init(&f, 1, &neg), -EMSGSIZE);
}

/* Feed fragments (length, remaining) and expect a result for each. */
struct reasm_step {
	u32 len, rem;
	int want;
	bool complete;
};

static void run_reasm(struct kunit *test, const struct reasm_step *s,
		      int n)
{
	struct kcifsd_smbd_reasm r = { 0 };
	struct kcifsd_smbd_data_info d = { .credits_requested = 1 };
	enum kcifsd_smbd_reasm_step step;
	u32 off, expect_off = 0;
	int i, rc;

	for (i = 0; i < n; i++) {
		d.length = s[i].len;
		d.remaining = s[i].rem;
		rc = kcifsd_smbd_reasm_add(&r, &d, MAX_FRAG, &step, &off);
		KUNIT_EXPECT_EQ_MSG(test, rc, s[i].want, "fragment %d", i);
		if (rc)
			return;
		if (s[i].len) {
			KUNIT_EXPECT_EQ_MSG(test, off, expect_off, "fragment %d", i);
			KUNIT_EXPECT_EQ(test, step, expect_off ?
					KCIFSD_SMBD_REASM_MORE :
					KCIFSD_SMBD_REASM_FIRST);
			expect_off += s[i].len;
		} else {
			KUNIT_EXPECT_EQ(test, step, KCIFSD_SMBD_REASM_NONE);
		}
		KUNIT_EXPECT_EQ_MSG(test, kcifsd_smbd_reasm_complete(&r),
				    s[i].complete, "fragment %d", i);
		if (kcifsd_smbd_reasm_complete(&r)) {
			kcifsd_smbd_reasm_reset(&r);
			expect_off = 0;
		}
	}
}

static void smbd_reasm_ok(struct kunit *test)
{
	static const struct reasm_step s[] = {
		{ 100, 0, 0, true },		/* unfragmented */
		{ 0, 0, 0, false },		/* credit message between */
		{ 1000, 2000, 0, false },
		{ 1000, 1000, 0, false },
		{ 1000, 0, 0, true },
		{ 1, 1, 0, false },		/* uneven pieces */
		{ 1, 0, 0, true },
	};

	run_reasm(test, s, ARRAY_SIZE(s));
}

static void smbd_reasm_larger(struct kunit *test)
{
	static const struct reasm_step more_data[] = {
		{ 1000, 1000, 0, false },
		{ 1001, 0, KCIFSD_SMBD_EV_REASM_LARGER },
	};
	static const struct reasm_step more_announced[] = {
		{ 1000, 1000, 0, false },
		{ 500, 501, KCIFSD_SMBD_EV_REASM_LARGER },
	};
	/* Beyond MaxFragmentedSize is invalid before it is "larger". */
	static const struct reasm_step huge[] = {
		{ 1000, 1000, 0, false },
		{ 0xffffffff, 0, KCIFSD_SMBD_EV_INVALID },
	};
	static const struct reasm_step larger_within_max[] = {
		{ 1000, 1000, 0, false },
		{ 1500, 600, KCIFSD_SMBD_EV_REASM_LARGER },
	};

	run_reasm(test, more_data, ARRAY_SIZE(more_data));
	run_reasm(test, more_announced, ARRAY_SIZE(more_announced));
	run_reasm(test, huge, ARRAY_SIZE(huge));
	run_reasm(test, larger_within_max, ARRAY_SIZE(larger_within_max));
}

static void smbd_reasm_smaller(struct kunit *test)
{
	static const struct reasm_step early_end[] = {
		{ 1000, 1000, 0, false },
		{ 999, 0, KCIFSD_SMBD_EV_REASM_SMALLER },
	};
	static const struct reasm_step less_announced[] = {
		{ 1000, 2000, 0, false },
		{ 500, 100, KCIFSD_SMBD_EV_REASM_SMALLER },
	};
	static const struct reasm_step empty_between[] = {
		{ 1000, 1000, 0, false },
		{ 0, 0, KCIFSD_SMBD_EV_REASM_SMALLER },
	};

	run_reasm(test, early_end, ARRAY_SIZE(early_end));
	run_reasm(test, less_announced, ARRAY_SIZE(less_announced));
	run_reasm(test, empty_between, ARRAY_SIZE(empty_between));
}

static void smbd_reasm_invalid(struct kunit *test)
{
	static const struct reasm_step too_big[] = {
		{ 1000, MAX_FRAG, KCIFSD_SMBD_EV_INVALID },
	};
	static const struct reasm_step wraps[] = {
		{ 0x10, 0xfffffff0, KCIFSD_SMBD_EV_INVALID },
	};
	static const struct reasm_step rem_no_data[] = {
		{ 0, 5, KCIFSD_SMBD_EV_INVALID },
	};

	run_reasm(test, too_big, ARRAY_SIZE(too_big));
	run_reasm(test, wraps, ARRAY_SIZE(wraps));
	run_reasm(test, rem_no_data, ARRAY_SIZE(rem_no_data));
}

/* What the splitter produces, reassembly accepts, for many sizes. */
static void smbd_frag_reasm_roundtrip(struct kunit *test)
{
	static const u32 sizes[] = { 1, 23, 1000, 1001, 4096, 65536, MAX_FRAG };
	static const u32 send_sizes[] = { 128, 1024, 1364, 8192 };
	struct kcifsd_smbd_data_info d = { .credits_requested = 1 };
	enum kcifsd_smbd_reasm_step step;
	struct kcifsd_smbd_negotiated neg = {
		.max_fragmented_send_size = MAX_FRAG,
	};
	struct kcifsd_smbd_reasm r;
	struct kcifsd_smbd_frag f;
	u32 len, rem, off;
	int i, j;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (j = 0; j < ARRAY_SIZE(send_sizes); j++) {
			neg.max_send_size = send_sizes[j];
			KUNIT_ASSERT_EQ(test, kcifsd_smbd_frag_init(&f, sizes[i],
								    &neg), 0);
			kcifsd_smbd_reasm_reset(&r);
			while (kcifsd_smbd_frag_next(&f, (i + j) % 3 * 7, &len,
						     &rem)) {
				d.length = len;
				d.remaining = rem;
				KUNIT_ASSERT_EQ(test,
						kcifsd_smbd_reasm_add(&r, &d, MAX_FRAG,
								      &step, &off),
						0);
			}
			KUNIT_EXPECT_TRUE(test, kcifsd_smbd_reasm_complete(&r));
			KUNIT_EXPECT_EQ(test, r.total, sizes[i]);
		}
	}
}

static struct kunit_case smbd_data_cases[] = {
	KUNIT_CASE_PARAM(smbd_data_validation, data_gen_params),
	KUNIT_CASE(smbd_data_fields),
	KUNIT_CASE(smbd_data_build),
	KUNIT_CASE(smbd_data_build_roundtrip),
	KUNIT_CASE(smbd_frag_split),
	KUNIT_CASE(smbd_frag_limits),
	KUNIT_CASE(smbd_reasm_ok),
	KUNIT_CASE(smbd_reasm_larger),
	KUNIT_CASE(smbd_reasm_smaller),
	KUNIT_CASE(smbd_reasm_invalid),
	KUNIT_CASE(smbd_frag_reasm_roundtrip),
	{}
};

static struct kunit_suite smbd_data_suite = {
	.name = "kcifsd_smbd_data",
	.test_cases = smbd_data_cases,
};

kunit_test_suite(smbd_data_suite);
