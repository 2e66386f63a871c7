// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for net/frame.c: the Direct TCP header (MS-SMB 2.1), the
 * NetBIOS session header (RFC 1002 4.3.1) and the SESSION REQUEST body
 * (RFC 1002 4.3.2, names in RFC 1001 14.1 first-level encoding).
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "net/frame.h"

/* Compare bytes and show both sides in hex when they differ. */
#define EXPECT_BYTES(test, got, want, n)				\
	expect_bytes(test, got, want, n, #got " == " #want)

static void expect_bytes(struct kunit *test, const void *got,
			 const void *want, size_t n, const char *what)
{
	if (memcmp(got, want, n))
		KUNIT_FAIL(test, "%s: got %*ph, want %*ph", what,
			   (int)n, got, (int)n, want);
}

/* A header, whether it is a NetBIOS one, and what parsing must give. */
struct frame_hdr_case {
	const char *desc;
	u8 hdr[KCIFSD_FRAME_HDR_SIZE];
	bool netbios;
	int rc;
	u8 type;
	u32 len;
};

static const struct frame_hdr_case frame_hdr_cases[] = {
	/* Direct TCP: 0x00 then a 24-bit big-endian length. */
	{ "tcp zero length", { 0x00, 0x00, 0x00, 0x00 }, false, 0, 0x00, 0 },
	{ "tcp smallest smb", { 0x00, 0x00, 0x00, 0x23 }, false, 0, 0x00, 35 },
	{ "tcp byte order", { 0x00, 0x12, 0x34, 0x56 }, false, 0, 0x00, 0x123456 },
	{ "tcp 64k", { 0x00, 0x01, 0x00, 0x00 }, false, 0, 0x00, 0x10000 },
	{ "tcp max length", { 0x00, 0xff, 0xff, 0xff }, false, 0, 0x00, 0xffffff },
	{ "tcp byte0 keepalive", { 0x85, 0x00, 0x00, 0x00 }, false, -EPROTO },
	{ "tcp byte0 session request", { 0x81, 0x00, 0x00, 0x44 }, false, -EPROTO },
	{ "tcp byte0 0x01", { 0x01, 0x00, 0x00, 0x23 }, false, -EPROTO },
	{ "tcp byte0 0xff", { 0xff, 0x53, 0x4d, 0x42 }, false, -EPROTO },

	/* NetBIOS: type, flags (E only), 16-bit big-endian length. */
	{ "nbt session message", { 0x00, 0x00, 0x00, 0x23 }, true, 0, 0x00, 35 },
	{ "nbt session request", { 0x81, 0x00, 0x00, 0x44 }, true, 0, 0x81, 68 },
	{ "nbt positive response", { 0x82, 0x00, 0x00, 0x00 }, true, 0, 0x82, 0 },
	{ "nbt negative response", { 0x83, 0x00, 0x00, 0x01 }, true, 0, 0x83, 1 },
	{ "nbt retarget response", { 0x84, 0x00, 0x00, 0x06 }, true, 0, 0x84, 6 },
	{ "nbt keep alive", { 0x85, 0x00, 0x00, 0x00 }, true, 0, 0x85, 0 },
	{ "nbt byte order", { 0x00, 0x00, 0x12, 0x34 }, true, 0, 0x00, 0x1234 },
	{ "nbt 16-bit max", { 0x00, 0x00, 0xff, 0xff }, true, 0, 0x00, 0xffff },
	{ "nbt E bit alone", { 0x00, 0x01, 0x00, 0x00 }, true, 0, 0x00, 0x10000 },
	{ "nbt 17-bit", { 0x00, 0x01, 0x23, 0x45 }, true, 0, 0x00, 0x12345 },
	{ "nbt 17-bit max", { 0x00, 0x01, 0xff, 0xff }, true, 0, 0x00, 0x1ffff },
	{ "nbt flags 0x02", { 0x00, 0x02, 0x00, 0x23 }, true, -EPROTO },
	{ "nbt flags 0x03", { 0x00, 0x03, 0x00, 0x23 }, true, -EPROTO },
	{ "nbt flags 0x80", { 0x00, 0x80, 0x00, 0x23 }, true, -EPROTO },
	{ "nbt flags 0xfe", { 0x85, 0xfe, 0x00, 0x00 }, true, -EPROTO },
	{ "nbt type 0x01", { 0x01, 0x00, 0x00, 0x23 }, true, -EPROTO },
	{ "nbt type 0x80", { 0x80, 0x00, 0x00, 0x00 }, true, -EPROTO },
	{ "nbt type 0x86", { 0x86, 0x00, 0x00, 0x00 }, true, -EPROTO },
	{ "nbt type 0xff", { 0xff, 0x00, 0x00, 0x00 }, true, -EPROTO },
};

static void frame_hdr_desc(const struct frame_hdr_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(frame_hdr, frame_hdr_cases, frame_hdr_desc);

static void frame_parse_test(struct kunit *test)
{
	const struct frame_hdr_case *c = test->param_value;
	u8 type = 0xaa;
	u32 len = 0xdeadbeef;

	KUNIT_ASSERT_EQ(test, kcifsd_frame_parse(c->hdr, c->netbios, &type, &len),
			c->rc);
	if (c->rc) {
		/* A rejected header leaves the outputs alone. */
		KUNIT_EXPECT_EQ(test, type, 0xaa);
		KUNIT_EXPECT_EQ(test, len, 0xdeadbeef);
		return;
	}
	KUNIT_EXPECT_EQ(test, type, c->type);
	KUNIT_EXPECT_EQ(test, len, c->len);
}

/* Exact bytes of built headers, so the encoder cannot hide behind parse. */
static void frame_build_bytes_test(struct kunit *test)
{
	static const u8 tcp_small[] = { 0x00, 0x00, 0x00, 0x23 };
	static const u8 tcp_big[] = { 0x00, 0x12, 0x34, 0x56 };
	static const u8 tcp_max[] = { 0x00, 0xff, 0xff, 0xff };
	static const u8 nbt_msg[] = { 0x00, 0x00, 0x12, 0x34 };
	static const u8 nbt_ext[] = { 0x00, 0x01, 0x00, 0x00 };
	static const u8 nbt_max[] = { 0x00, 0x01, 0xff, 0xff };
	static const u8 nbt_pos[] = { 0x82, 0x00, 0x00, 0x00 };
	static const u8 nbt_neg[] = { 0x83, 0x00, 0x00, 0x01 };
	static const u8 nbt_ka[] = { 0x85, 0x00, 0x00, 0x00 };
	u8 hdr[KCIFSD_FRAME_HDR_SIZE];

	kcifsd_frame_build(hdr, false, KCIFSD_NBT_SESSION_MESSAGE, 35);
	EXPECT_BYTES(test, hdr, tcp_small, sizeof(hdr));
	kcifsd_frame_build(hdr, false, KCIFSD_NBT_SESSION_MESSAGE, 0x123456);
	EXPECT_BYTES(test, hdr, tcp_big, sizeof(hdr));
	kcifsd_frame_build(hdr, false, KCIFSD_NBT_SESSION_MESSAGE,
			   KCIFSD_FRAME_TCP_MAX_LEN);
	EXPECT_BYTES(test, hdr, tcp_max, sizeof(hdr));

	kcifsd_frame_build(hdr, true, KCIFSD_NBT_SESSION_MESSAGE, 0x1234);
	EXPECT_BYTES(test, hdr, nbt_msg, sizeof(hdr));
	kcifsd_frame_build(hdr, true, KCIFSD_NBT_SESSION_MESSAGE, 0x10000);
	EXPECT_BYTES(test, hdr, nbt_ext, sizeof(hdr));
	kcifsd_frame_build(hdr, true, KCIFSD_NBT_SESSION_MESSAGE,
			   KCIFSD_FRAME_NBT_MAX_LEN);
	EXPECT_BYTES(test, hdr, nbt_max, sizeof(hdr));
	kcifsd_frame_build(hdr, true, KCIFSD_NBT_POSITIVE_RESPONSE, 0);
	EXPECT_BYTES(test, hdr, nbt_pos, sizeof(hdr));
	kcifsd_frame_build(hdr, true, KCIFSD_NBT_NEGATIVE_RESPONSE, 1);
	EXPECT_BYTES(test, hdr, nbt_neg, sizeof(hdr));
	kcifsd_frame_build(hdr, true, KCIFSD_NBT_SESSION_KEEP_ALIVE, 0);
	EXPECT_BYTES(test, hdr, nbt_ka, sizeof(hdr));
}

/* build then parse gives back the type and length, on both transports. */
static void frame_round_trip_test(struct kunit *test)
{
	static const u32 nbt_lens[] = { 0, 1, 35, 0xff, 0x100, 0xffff,
					0x10000, 0x10001, 0x1fffe, 0x1ffff };
	static const u32 tcp_lens[] = { 0, 1, 35, 0xffff, 0x10000, 0x1ffff,
					0x20000, 0xfffffe, 0xffffff };
	static const u8 types[] = {
		KCIFSD_NBT_SESSION_MESSAGE, KCIFSD_NBT_SESSION_REQUEST,
		KCIFSD_NBT_POSITIVE_RESPONSE, KCIFSD_NBT_NEGATIVE_RESPONSE,
		KCIFSD_NBT_RETARGET_RESPONSE, KCIFSD_NBT_SESSION_KEEP_ALIVE,
	};
	u8 hdr[KCIFSD_FRAME_HDR_SIZE], type;
	unsigned int i, j;
	u32 len;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		for (j = 0; j < ARRAY_SIZE(nbt_lens); j++) {
			kcifsd_frame_build(hdr, true, types[i], nbt_lens[j]);
			KUNIT_ASSERT_EQ(test, kcifsd_frame_parse(hdr, true, &type, &len), 0);
			KUNIT_EXPECT_EQ(test, type, types[i]);
			KUNIT_EXPECT_EQ(test, len, nbt_lens[j]);
		}
	}
	for (j = 0; j < ARRAY_SIZE(tcp_lens); j++) {
		kcifsd_frame_build(hdr, false, KCIFSD_NBT_SESSION_MESSAGE, tcp_lens[j]);
		KUNIT_ASSERT_EQ(test, kcifsd_frame_parse(hdr, false, &type, &len), 0);
		KUNIT_EXPECT_EQ(test, type, KCIFSD_NBT_SESSION_MESSAGE);
		KUNIT_EXPECT_EQ(test, len, tcp_lens[j]);
	}
}

/* The constants are wire values: pin them to RFC 1002 4.3. */
static void frame_nbt_constants_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_SESSION_MESSAGE, 0x00);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_SESSION_REQUEST, 0x81);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_POSITIVE_RESPONSE, 0x82);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_NEGATIVE_RESPONSE, 0x83);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_RETARGET_RESPONSE, 0x84);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_SESSION_KEEP_ALIVE, 0x85);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_ERR_NOT_LISTENING_CALLED, 0x80);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_ERR_NOT_LISTENING_CALLING, 0x81);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_ERR_CALLED_NOT_PRESENT, 0x82);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_ERR_INSUFFICIENT_RESOURCES, 0x83);
	KUNIT_EXPECT_EQ(test, KCIFSD_NBT_ERR_UNSPECIFIED, 0x8f);
	KUNIT_EXPECT_EQ(test, KCIFSD_FRAME_NBT_MAX_LEN, 131071);
	KUNIT_EXPECT_EQ(test, KCIFSD_FRAME_TCP_MAX_LEN, 16777215);
}

/*
 * SESSION REQUEST bodies. The called name "*SMBSERVER" with suffix 0x20
 * and the calling name "CLIENT1" with suffix 0x00, encoded by hand.
 */
#define SMBSERVER_ENC	"CKFDENECFDEFFCFGEFFCCACACACACACA"
#define CLIENT1_ENC	"EDEMEJEFEOFEDBCACACACACACACACAAA"
#define FILESRV_ENC	"EGEJEMEFFDFCFGCACACACACACACACACA"

static const char smbserver_name[KCIFSD_NBT_NAME_LEN] = "*SMBSERVER      ";
static const char client1_name[KCIFSD_NBT_NAME_LEN] = "CLIENT1        \x00";
static const char filesrv_name[KCIFSD_NBT_NAME_LEN] = "FILESRV        \x20";

/* Append one encoded name (0x20, 32 characters, optional scope, 0). */
static u32 put_name(u8 *p, const char *enc32, const char *scope)
{
	u32 n = 0;

	p[n++] = 0x20;
	memcpy(p + n, enc32, 32);
	n += 32;
	if (scope) {
		p[n++] = strlen(scope);
		memcpy(p + n, scope, strlen(scope));
		n += strlen(scope);
	}
	p[n++] = 0;
	return n;
}

struct nbt_req {
	u8 body[KCIFSD_NBT_SESSION_REQUEST_MAX + 16];
	u32 len;
	char called[KCIFSD_NBT_NAME_LEN];
	char calling[KCIFSD_NBT_NAME_LEN];
};

static struct nbt_req *nbt_req_new(struct kunit *test, const char *called,
				   const char *calling)
{
	struct nbt_req *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->len = put_name(r->body, called, NULL);
	r->len += put_name(r->body + r->len, calling, NULL);
	return r;
}

static int nbt_req_parse(struct nbt_req *r)
{
	return kcifsd_nbt_parse_session_request(r->body, r->len, r->called,
						r->calling);
}

static void nbt_session_request_smbserver_test(struct kunit *test)
{
	struct nbt_req *r = nbt_req_new(test, SMBSERVER_ENC, CLIENT1_ENC);

	KUNIT_ASSERT_EQ(test, r->len, 68);
	KUNIT_ASSERT_EQ(test, nbt_req_parse(r), 0);
	EXPECT_BYTES(test, r->called, smbserver_name, KCIFSD_NBT_NAME_LEN);
	EXPECT_BYTES(test, r->calling, client1_name, KCIFSD_NBT_NAME_LEN);
	KUNIT_EXPECT_EQ(test, r->called[15], 0x20);
	KUNIT_EXPECT_EQ(test, r->calling[15], 0x00);
}

static void nbt_session_request_named_test(struct kunit *test)
{
	struct nbt_req *r = nbt_req_new(test, FILESRV_ENC, CLIENT1_ENC);

	KUNIT_ASSERT_EQ(test, nbt_req_parse(r), 0);
	EXPECT_BYTES(test, r->called, filesrv_name, KCIFSD_NBT_NAME_LEN);
	EXPECT_BYTES(test, r->calling, client1_name, KCIFSD_NBT_NAME_LEN);
}

/* Every half-octet value 0..15 ('A'..'P') decodes. */
static void nbt_session_request_all_nibbles_test(struct kunit *test)
{
	static const char called[] = "ABCDEFGHIJKLMNOPPONMLKJIHGFEDCBA";
	static const u8 want[KCIFSD_NBT_NAME_LEN] = {
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
	};
	struct nbt_req *r = nbt_req_new(test, called, CLIENT1_ENC);

	KUNIT_ASSERT_EQ(test, nbt_req_parse(r), 0);
	EXPECT_BYTES(test, r->called, want, KCIFSD_NBT_NAME_LEN);
}

/* A NetBIOS scope (RFC 1001 14.1) is accepted and does not leak into names. */
static void nbt_session_request_scope_test(struct kunit *test)
{
	struct nbt_req *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->len = put_name(r->body, FILESRV_ENC, "corp");
	r->len += put_name(r->body + r->len, CLIENT1_ENC, "corp");
	KUNIT_ASSERT_EQ(test, r->len, 2 * (34 + 5));
	KUNIT_ASSERT_EQ(test, nbt_req_parse(r), 0);
	EXPECT_BYTES(test, r->called, filesrv_name, KCIFSD_NBT_NAME_LEN);
	EXPECT_BYTES(test, r->calling, client1_name, KCIFSD_NBT_NAME_LEN);
}

static void nbt_session_request_bad_label_test(struct kunit *test)
{
	struct nbt_req *r = nbt_req_new(test, SMBSERVER_ENC, CLIENT1_ENC);

	/* First label of the called name must be 0x20. */
	r->body[0] = 0x1f;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
	r->body[0] = 0x21;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
	r->body[0] = 0x00;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
	r->body[0] = 0xc0;	/* a label pointer: not allowed here */
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
	r->body[0] = 0x20;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), 0);

	/* Same for the calling name. */
	r->body[34] = 0x10;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
}

static void nbt_session_request_bad_scope_test(struct kunit *test)
{
	struct nbt_req *r = nbt_req_new(test, SMBSERVER_ENC, CLIENT1_ENC);
	u32 n;

	/* A scope label longer than 63 bytes (RFC 883). */
	n = put_name(r->body, SMBSERVER_ENC, NULL) - 1;
	r->body[n++] = 64;
	memset(r->body + n, 'x', 64);
	n += 64;
	r->body[n++] = 0;
	r->len = n + put_name(r->body + n, CLIENT1_ENC, NULL);
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);

	/* A label pointer (0xc0) where a scope label would be. */
	n = put_name(r->body, SMBSERVER_ENC, NULL) - 1;
	r->body[n++] = 0xc0;
	r->body[n++] = 0x0c;
	r->len = n + put_name(r->body + n, CLIENT1_ENC, NULL);
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
}

static void nbt_session_request_truncated_test(struct kunit *test)
{
	struct nbt_req *r = nbt_req_new(test, SMBSERVER_ENC, CLIENT1_ENC);
	u32 full = r->len;

	for (r->len = 0; r->len < full; r->len++)
		KUNIT_EXPECT_EQ_MSG(test, nbt_req_parse(r), -EPROTO,
				    "len %u", r->len);
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), 0);

	/* With scopes the body is longer than 68: cut it anywhere. */
	full = put_name(r->body, FILESRV_ENC, "corp");
	full += put_name(r->body + full, CLIENT1_ENC, "corp");
	for (r->len = 0; r->len < full; r->len++)
		KUNIT_EXPECT_EQ_MSG(test, nbt_req_parse(r), -EPROTO,
				    "scoped, len %u", r->len);
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), 0);
}

static void nbt_session_request_bad_chars_test(struct kunit *test)
{
	static const u8 bad[] = { 'Q', 'Z', '@', 'a', 'p', '0', ' ', 0x00, 0xc1 };
	struct nbt_req *r = nbt_req_new(test, SMBSERVER_ENC, CLIENT1_ENC);
	unsigned int i, pos;

	/* In the called name (first and last characters), then the calling. */
	static const unsigned int where[] = { 1, 32, 35, 66 };

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		for (pos = 0; pos < ARRAY_SIZE(where); pos++) {
			u8 saved = r->body[where[pos]];

			r->body[where[pos]] = bad[i];
			KUNIT_EXPECT_EQ_MSG(test, nbt_req_parse(r), -EPROTO,
					    "byte 0x%02x at %u", bad[i], where[pos]);
			r->body[where[pos]] = saved;
		}
	}
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), 0);
}

static void nbt_session_request_terminator_test(struct kunit *test)
{
	struct nbt_req *r = nbt_req_new(test, SMBSERVER_ENC, CLIENT1_ENC);

	/* Called name without its zero: the calling name's 0x20 is a label. */
	r->body[33] = 0x20;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
	r->body[33] = 0;

	/* Calling name without its zero, the body ending right there. */
	r->len = 67;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
	r->len = 68;
	r->body[67] = 0x05;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
	r->body[67] = 0;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), 0);
}

static void nbt_session_request_length_test(struct kunit *test)
{
	struct nbt_req *r = nbt_req_new(test, SMBSERVER_ENC, CLIENT1_ENC);

	/* Trailing bytes after the calling name. */
	r->len = 69;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);

	/* Longer than two maximal names, whatever the content. */
	r->len = KCIFSD_NBT_SESSION_REQUEST_MAX + 1;
	KUNIT_EXPECT_EQ(test, nbt_req_parse(r), -EPROTO);
	KUNIT_EXPECT_EQ(test, kcifsd_nbt_parse_session_request(r->body, U32_MAX,
							       r->called,
							       r->calling),
			-EPROTO);
}

static struct kunit_case frame_test_cases[] = {
	KUNIT_CASE_PARAM(frame_parse_test, frame_hdr_gen_params),
	KUNIT_CASE(frame_build_bytes_test),
	KUNIT_CASE(frame_round_trip_test),
	KUNIT_CASE(frame_nbt_constants_test),
	KUNIT_CASE(nbt_session_request_smbserver_test),
	KUNIT_CASE(nbt_session_request_named_test),
	KUNIT_CASE(nbt_session_request_all_nibbles_test),
	KUNIT_CASE(nbt_session_request_scope_test),
	KUNIT_CASE(nbt_session_request_bad_label_test),
	KUNIT_CASE(nbt_session_request_bad_scope_test),
	KUNIT_CASE(nbt_session_request_truncated_test),
	KUNIT_CASE(nbt_session_request_bad_chars_test),
	KUNIT_CASE(nbt_session_request_terminator_test),
	KUNIT_CASE(nbt_session_request_length_test),
	{}
};

static struct kunit_suite frame_test_suite = {
	.name = "kcifsd_frame",
	.test_cases = frame_test_cases,
};

kunit_test_suite(frame_test_suite);
