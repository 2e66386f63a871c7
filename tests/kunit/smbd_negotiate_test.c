// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for rdma/smbd_negotiate.c: MS-SMBD 3.1.5.6 negotiate
 * request validation, the 2.2.2 response, parameter sanitising, and the
 * event number each violation maps to.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "rdma/smbd_proto.h"

static void put_req(u8 *buf, u16 min_v, u16 max_v, u16 credits,
		    u32 pref_send, u32 max_recv, u32 max_frag)
{
	struct kcifsd_smbd_negotiate_req *req = (void *)buf;

	memset(req, 0, sizeof(*req));
	req->min_version = cpu_to_le16(min_v);
	req->max_version = cpu_to_le16(max_v);
	req->credits_requested = cpu_to_le16(credits);
	req->preferred_send_size = cpu_to_le32(pref_send);
	req->max_receive_size = cpu_to_le32(max_recv);
	req->max_fragmented_size = cpu_to_le32(max_frag);
}

static void ours_default(struct kcifsd_smbd_params *p)
{
	kcifsd_smbd_params_default(p);
}

/* The MS-SMBD 4.1 example: 1 KiB messages, 128 KiB reassembly, 10 credits. */
static void smbd_neg_spec_example(struct kunit *test)
{
	struct kcifsd_smbd_params ours;
	struct kcifsd_smbd_negotiated neg;
	struct kcifsd_smbd_negotiate_rsp rsp;
	u8 buf[64];

	ours_default(&ours);
	put_req(buf, 0x0100, 0x0100, 10, 1024, 1024, 131072);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_negotiate_req_parse(buf, 20, &ours,
							      &neg), 0);
	KUNIT_EXPECT_EQ(test, neg.recv_credit_target, 10);
	KUNIT_EXPECT_EQ(test, neg.max_send_size, 1024U);
	KUNIT_EXPECT_EQ(test, neg.max_recv_size, 1024U);
	KUNIT_EXPECT_EQ(test, neg.max_fragmented_send_size, 131072U);
	KUNIT_EXPECT_EQ(test, neg.max_fragmented_recv_size,
			ours.max_fragmented_recv_size);

	kcifsd_smbd_negotiate_rsp_build(&rsp, &ours, &neg, 10);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp.min_version), 0x0100);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp.max_version), 0x0100);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp.negotiated_version), 0x0100);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp.reserved), 0);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp.credits_requested),
			ours.send_credit_target);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp.credits_granted), 10);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp.status), 0U);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp.max_read_write_size), 0U);
	/* PreferredSendSize must not exceed the request's MaxReceiveSize. */
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp.preferred_send_size), 1024U);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp.max_receive_size), 1024U);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp.max_fragmented_size),
			ours.max_fragmented_recv_size);
}

/* Sizes are the smaller of ours and the peer's; our own limits win. */
static void smbd_neg_sizes_clamped(struct kunit *test)
{
	struct kcifsd_smbd_params ours;
	struct kcifsd_smbd_negotiated neg;
	u8 buf[20];

	ours_default(&ours);
	put_req(buf, 0x0100, 0x0100, 0xffff, 0xffffffff, 0xffffffff,
		0xffffffff);
	KUNIT_ASSERT_EQ(test, kcifsd_smbd_negotiate_req_parse(buf, 20, &ours,
							      &neg), 0);
	KUNIT_EXPECT_EQ(test, neg.recv_credit_target, ours.recv_credit_max);
	KUNIT_EXPECT_EQ(test, neg.max_send_size, ours.max_send_size);
	KUNIT_EXPECT_EQ(test, neg.max_recv_size, ours.max_recv_size);
	KUNIT_EXPECT_EQ(test, neg.max_fragmented_send_size, 0xffffffffU);
}

/* A PreferredSendSize below 128 still gives a 128-byte MaxReceiveSize. */
static void smbd_neg_recv_floor(struct kunit *test)
{
	struct kcifsd_smbd_params ours;
	struct kcifsd_smbd_negotiated neg;
	u8 buf[20];
	u32 pref[] = { 0, 1, 24, 127, 128, 129 };
	u32 want[] = { 128, 128, 128, 128, 128, 129 };
	int i;

	ours_default(&ours);
	for (i = 0; i < ARRAY_SIZE(pref); i++) {
		put_req(buf, 0x0100, 0x0100, 1, pref[i], 128, 131072);
		KUNIT_ASSERT_EQ(test, kcifsd_smbd_negotiate_req_parse(buf, 20,
							&ours, &neg), 0);
		KUNIT_EXPECT_EQ_MSG(test, neg.max_recv_size, want[i],
				    "PreferredSendSize %u", pref[i]);
		KUNIT_EXPECT_EQ(test, neg.max_send_size, 128U);
	}
}

struct neg_case {
	const char *desc;
	u32 len;
	u16 min_v, max_v, credits;
	u32 pref, max_recv, max_frag;
	int want;
};

static const struct neg_case neg_cases[] = {
	{ "20 bytes", 20, 0x100, 0x100, 1, 1024, 1024, 131072, 0 },
	{ "longer than 20", 64, 0x100, 0x100, 1, 1024, 1024, 131072, 0 },
	{ "19 bytes", 19, 0x100, 0x100, 1, 1024, 1024, 131072,
	  KCIFSD_SMBD_EV_INVALID },
	{ "empty", 0, 0x100, 0x100, 1, 1024, 1024, 131072,
	  KCIFSD_SMBD_EV_INVALID },
	{ "range around 1.0", 20, 0x0001, 0xffff, 1, 1024, 1024, 131072, 0 },
	{ "min above 1.0", 20, 0x0101, 0x0200, 1, 1024, 1024, 131072,
	  KCIFSD_SMBD_EV_NO_VERSION },
	{ "max below 1.0", 20, 0x0001, 0x00ff, 1, 1024, 1024, 131072,
	  KCIFSD_SMBD_EV_NO_VERSION },
	{ "inverted range", 20, 0x0200, 0x0001, 1, 1024, 1024, 131072,
	  KCIFSD_SMBD_EV_NO_VERSION },
	{ "version 0", 20, 0, 0, 1, 1024, 1024, 131072,
	  KCIFSD_SMBD_EV_NO_VERSION },
	/* The version is checked first: a bad version gets a response. */
	{ "bad version and zero credits", 20, 0x200, 0x200, 0, 0, 0, 0,
	  KCIFSD_SMBD_EV_NO_VERSION },
	{ "zero credits", 20, 0x100, 0x100, 0, 1024, 1024, 131072,
	  KCIFSD_SMBD_EV_INVALID },
	{ "max receive 127", 20, 0x100, 0x100, 1, 1024, 127, 131072,
	  KCIFSD_SMBD_EV_INVALID },
	{ "max receive 128", 20, 0x100, 0x100, 1, 1024, 128, 131072, 0 },
	{ "max receive 0", 20, 0x100, 0x100, 1, 1024, 0, 131072,
	  KCIFSD_SMBD_EV_INVALID },
	{ "max fragmented 131071", 20, 0x100, 0x100, 1, 1024, 1024, 131071,
	  KCIFSD_SMBD_EV_INVALID },
	{ "max fragmented 0", 20, 0x100, 0x100, 1, 1024, 1024, 0,
	  KCIFSD_SMBD_EV_INVALID },
	{ "all ones", 20, 0xffff, 0xffff, 0xffff, 0xffffffff, 0xffffffff,
	  0xffffffff, KCIFSD_SMBD_EV_NO_VERSION },
	{ "preferred send 0", 20, 0x100, 0x100, 1, 0, 1024, 131072, 0 },
};

static void neg_case_desc(const struct neg_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(neg, neg_cases, neg_case_desc);

static void smbd_neg_validation(struct kunit *test)
{
	const struct neg_case *c = test->param_value;
	struct kcifsd_smbd_params ours;
	struct kcifsd_smbd_negotiated neg;
	u8 buf[64];

	ours_default(&ours);
	memset(buf, 0xaa, sizeof(buf));
	put_req(buf, c->min_v, c->max_v, c->credits, c->pref, c->max_recv,
		c->max_frag);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_negotiate_req_parse(buf, c->len,
							      &ours, &neg),
			c->want);
	if (c->want == KCIFSD_SMBD_EV_NO_VERSION) {
		KUNIT_EXPECT_EQ(test, neg.peer_min_version, c->min_v);
		KUNIT_EXPECT_EQ(test, neg.peer_max_version, c->max_v);
	}
}

/* The failure response: our versions and the status, nothing else. */
static void smbd_neg_failure_response(struct kunit *test)
{
	struct kcifsd_smbd_negotiate_rsp rsp;
	const u8 *b = (const u8 *)&rsp;
	int i;

	memset(&rsp, 0xff, sizeof(rsp));
	kcifsd_smbd_negotiate_rsp_fail(&rsp, KCIFSD_SMBD_STATUS_NOT_SUPPORTED);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp.min_version), 0x0100);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(rsp.max_version), 0x0100);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(rsp.status), 0xC00000BBU);
	/* Bytes 4..11 and 16..31: NegotiatedVersion through CreditsGranted,
	 * and every size: zero.
	 */
	for (i = 4; i < 12; i++)
		KUNIT_EXPECT_EQ_MSG(test, b[i], 0, "byte %d", i);
	for (i = 16; i < 32; i++)
		KUNIT_EXPECT_EQ_MSG(test, b[i], 0, "byte %d", i);
}

/* Wire layout: little-endian fields at the MS-SMBD 2.2.2 offsets. */
static void smbd_neg_response_layout(struct kunit *test)
{
	static const u8 want[32] = {
		0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
		0xff, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x54, 0x05, 0x00, 0x00,
		0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00,
	};
	struct kcifsd_smbd_params ours;
	struct kcifsd_smbd_negotiated neg = {
		.max_send_size = 1364,
		.max_recv_size = 1024,
		.max_fragmented_recv_size = 131072,
	};
	struct kcifsd_smbd_negotiate_rsp rsp;

	ours_default(&ours);
	kcifsd_smbd_negotiate_rsp_build(&rsp, &ours, &neg, 7);
	if (memcmp(&rsp, want, sizeof(want)))
		KUNIT_FAIL(test, "response %*ph, want %*ph",
			   (int)sizeof(want), &rsp, (int)sizeof(want), want);
}

static void smbd_neg_params(struct kunit *test)
{
	struct kcifsd_smbd_params p;

	kcifsd_smbd_params_default(&p);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_params_sanitize(&p), 0U);
	KUNIT_EXPECT_GE(test, p.max_fragmented_recv_size,
			(u32)KCIFSD_SMBD_MIN_FRAGMENTED_SIZE);

	p.recv_credit_max = 2;	/* one credit and the spare: too few */
	p.send_credit_target = 60000;
	p.max_send_size = 127;
	p.max_recv_size = 511;
	p.max_fragmented_recv_size = 1000;
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_params_sanitize(&p),
			KCIFSD_SMBD_PARAM_RECV_CREDIT_MAX |
			KCIFSD_SMBD_PARAM_SEND_CREDIT_TARGET |
			KCIFSD_SMBD_PARAM_MAX_SEND_SIZE |
			KCIFSD_SMBD_PARAM_MAX_RECV_SIZE |
			KCIFSD_SMBD_PARAM_MAX_FRAGMENTED);
	KUNIT_EXPECT_EQ(test, p.recv_credit_max, 255);
	KUNIT_EXPECT_EQ(test, p.send_credit_target, 255);
	KUNIT_EXPECT_EQ(test, p.max_send_size, 8192U);
	KUNIT_EXPECT_EQ(test, p.max_recv_size, 8192U);
	KUNIT_EXPECT_EQ(test, p.max_fragmented_recv_size,
			kcifsd_smbd_fragmented_default(255, 8192));

	/* Small buffers: the derived size never drops below the minimum. */
	p.recv_credit_max = 3;
	p.max_recv_size = 512;
	p.max_fragmented_recv_size = 0;
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_params_sanitize(&p), 0U);
	KUNIT_EXPECT_EQ(test, p.max_fragmented_recv_size, 131072U);
	/* 255 credits of 1364 bytes: the value Linux uses. */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_fragmented_default(255, 1364),
			170850U);
}

static void smbd_events_counted(struct kunit *test)
{
	struct kcifsd_smbd_event_stat st[KCIFSD_SMBD_NR_EVENTS];
	u64 before = kcifsd_smbd_event_count(KCIFSD_SMBD_EV_NO_CREDIT);
	unsigned int i, n;

	kcifsd_smbd_count(KCIFSD_SMBD_EV_NO_CREDIT);
	kcifsd_smbd_count(9999);	/* unknown: ignored */
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_event_count(KCIFSD_SMBD_EV_NO_CREDIT),
			before + 1);
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_event_count(9999), 0ULL);
	KUNIT_EXPECT_STREQ(test, kcifsd_smbd_event_name(9999), "unknown");

	n = kcifsd_smbd_get_event_stats(st, ARRAY_SIZE(st));
	KUNIT_EXPECT_EQ(test, n, (unsigned int)KCIFSD_SMBD_NR_EVENTS);
	for (i = 1; i < n; i++)
		KUNIT_EXPECT_LT(test, st[i - 1].id, st[i].id);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_STRNEQ(test, kcifsd_smbd_event_name(st[i].id),
				    "unknown");
		KUNIT_EXPECT_EQ(test, kcifsd_smbd_event_count(st[i].id),
				st[i].count);
	}
	KUNIT_EXPECT_EQ(test, kcifsd_smbd_get_event_stats(st, 3), 3U);
	KUNIT_EXPECT_EQ(test, st[0].id, 1);
}

static struct kunit_case smbd_negotiate_cases[] = {
	KUNIT_CASE(smbd_neg_spec_example),
	KUNIT_CASE(smbd_neg_sizes_clamped),
	KUNIT_CASE(smbd_neg_recv_floor),
	KUNIT_CASE_PARAM(smbd_neg_validation, neg_gen_params),
	KUNIT_CASE(smbd_neg_failure_response),
	KUNIT_CASE(smbd_neg_response_layout),
	KUNIT_CASE(smbd_neg_params),
	KUNIT_CASE(smbd_events_counted),
	{}
};

static struct kunit_suite smbd_negotiate_suite = {
	.name = "kcifsd_smbd_negotiate",
	.test_cases = smbd_negotiate_cases,
};

kunit_test_suite(smbd_negotiate_suite);
