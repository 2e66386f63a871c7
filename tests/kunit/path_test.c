// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for fs/path.c: SMB pathname decoding and normalisation
 * (MS-CIFS 2.2.1.1, MS-FSCC 2.1.5.2), case-insensitive names, and the
 * wildcard expressions of MS-FSA 2.1.4.4.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fs/ntstatus.h"
#include "fs/path.h"

/* Encode an ASCII/UTF-8 test string as UTF-16LE at @buf + @off. */
static unsigned int put_utf16(u8 *buf, unsigned int off, const char *s,
			      bool nul)
{
	wchar_t units[300];
	int n, i;

	n = utf8s_to_utf16s(s, strlen(s), UTF16_LITTLE_ENDIAN, units,
			    ARRAY_SIZE(units));
	for (i = 0; i < n; i++) {
		buf[off++] = units[i] & 0xff;
		buf[off++] = units[i] >> 8;
	}
	if (nul) {
		buf[off++] = 0;
		buf[off++] = 0;
	}
	return off;
}

struct decode_case {
	const char *in;		/* backslash form, as a client sends it */
	unsigned int flags;
	u32 status;
	const char *out;	/* expected normalised name */
	bool wild;
};

static const struct decode_case decode_cases[] = {
	{ "", 0, STATUS_SUCCESS, "" },
	{ "\\", 0, STATUS_SUCCESS, "" },
	{ "\\a.txt", 0, STATUS_SUCCESS, "a.txt" },
	{ "dir\\file", 0, STATUS_SUCCESS, "dir/file" },
	{ "\\\\dir\\\\sub\\", 0, STATUS_SUCCESS, "dir/sub" },
	{ "\\a\\..\\b", 0, STATUS_SUCCESS, "b" },
	{ "\\a\\b\\..\\..\\c", 0, STATUS_SUCCESS, "c" },
	{ "\\a\\..", 0, STATUS_SUCCESS, "" },
	{ "\\..", 0, STATUS_OBJECT_PATH_SYNTAX_BAD },
	{ "\\a\\..\\..\\etc\\passwd", 0, STATUS_OBJECT_PATH_SYNTAX_BAD },
	{ "\\.", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\a\\.\\b", 0, STATUS_OBJECT_PATH_NOT_FOUND },
	{ "\\a\\.\\", 0, STATUS_OBJECT_NAME_INVALID },
	{ ".\\.\\.", 0, STATUS_OBJECT_PATH_NOT_FOUND },
	{ "\\.\\\\\\.", 0, STATUS_OBJECT_PATH_NOT_FOUND },
	{ "\\.\\\\\\.", KCIFSD_PATH_WILDCARDS,
	  STATUS_OBJECT_NAME_INVALID },
	{ "\\.\\a\\*", KCIFSD_PATH_WILDCARDS,
	  STATUS_OBJECT_PATH_NOT_FOUND },
	{ "\\...", 0, STATUS_SUCCESS, "..." },
	{ "\\.hidden", 0, STATUS_SUCCESS, ".hidden" },
	{ "\\a/b", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\file:stream", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\file::$DATA", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\a|b", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\a\tb", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\a*", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\a?", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\a\"b", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\dir\\*.txt", KCIFSD_PATH_WILDCARDS, STATUS_SUCCESS, "dir/*.txt",
	  true },
	{ "\\d<\\x", KCIFSD_PATH_WILDCARDS, STATUS_OBJECT_NAME_INVALID },
	{ "\\d*\\..", KCIFSD_PATH_WILDCARDS, STATUS_OBJECT_NAME_INVALID },
	{ "\\plain", KCIFSD_PATH_WILDCARDS, STATUS_SUCCESS, "plain" },
	{ "\\CON", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\dir\\nul.txt", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\Com7", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\lpt1.c", 0, STATUS_OBJECT_NAME_INVALID },
	{ "\\COM0", 0, STATUS_SUCCESS, "COM0" },
	{ "\\CONSOLE", 0, STATUS_SUCCESS, "CONSOLE" },
	{ "\\aux_file", 0, STATUS_SUCCESS, "aux_file" },
	{ "\\caf\xc3\xa9\\\xe6\x97\xa5\xe6\x9c\xac", 0, STATUS_SUCCESS,
	  "caf\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac" },
	/* U+1F600, a surrogate pair in UTF-16 */
	{ "\\\xf0\x9f\x98\x80", 0, STATUS_SUCCESS, "\xf0\x9f\x98\x80" },
};

static void path_decode_unicode(struct kunit *test)
{
	u8 buf[1200];
	struct kcifsd_smb_path p;
	unsigned int i, end, next;
	u32 status;

	for (i = 0; i < ARRAY_SIZE(decode_cases); i++) {
		const struct decode_case *c = &decode_cases[i];

		/* Odd offset: the pad byte that aligns the string is skipped. */
		memset(buf, 0xee, sizeof(buf));
		end = put_utf16(buf, 34, c->in, true);
		status = kcifsd_path_decode(buf, 33, end, true, c->flags, &p,
					    &next);
		KUNIT_EXPECT_EQ_MSG(test, status, c->status, "case %u \"%s\"",
				    i, c->in);
		if (status || c->status)
			continue;
		KUNIT_EXPECT_STREQ_MSG(test, p.name, c->out, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, p.len, (unsigned int)strlen(c->out),
				    "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, p.wildcards, c->wild, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, next, end, "case %u", i);
		kcifsd_path_free(&p);
	}
}

static void path_decode_oem(struct kunit *test)
{
	static const u8 msg[] = "xx\\dir\\Caf\xe9.txt\0tail";
	struct kcifsd_smb_path p;
	unsigned int next;

	KUNIT_ASSERT_EQ(test, kcifsd_path_decode(msg, 2, sizeof(msg) - 1,
						 false, 0, &p, &next),
			(u32)STATUS_SUCCESS);
	/* ISO-8859-1 0xE9 is U+00E9, two bytes of UTF-8 */
	KUNIT_EXPECT_STREQ(test, p.name, "dir/Caf\xc3\xa9.txt");
	KUNIT_EXPECT_EQ(test, p.last, 4u);
	KUNIT_EXPECT_EQ(test, next, 16u);
	kcifsd_path_free(&p);
}

/* No terminator: the string ends with the Bytes; a lone byte is dropped. */
static void path_decode_unterminated(struct kunit *test)
{
	u8 buf[64];
	struct kcifsd_smb_path p;
	unsigned int end, next;

	end = put_utf16(buf, 0, "\\a\\b", false);
	buf[end] = 'x';
	KUNIT_ASSERT_EQ(test, kcifsd_path_decode(buf, 0, end + 1, true, 0,
						 &p, &next),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_STREQ(test, p.name, "a/b");
	KUNIT_EXPECT_EQ(test, p.last, 2u);
	KUNIT_EXPECT_LE(test, next, end + 1);
	kcifsd_path_free(&p);

	/* Nothing at all: the share root. */
	KUNIT_ASSERT_EQ(test, kcifsd_path_decode(buf, 5, 5, true, 0, &p,
						 NULL),
			(u32)STATUS_SUCCESS);
	KUNIT_EXPECT_TRUE(test, kcifsd_path_is_root(&p));
	kcifsd_path_free(&p);
}

static void path_decode_bad_surrogates(struct kunit *test)
{
	/* "\a" + lone high surrogate, then a lone low surrogate */
	static const u8 hi[] = { '\\', 0, 'a', 0, 0x00, 0xd8, 'b', 0, 0, 0 };
	static const u8 lo[] = { '\\', 0, 0x00, 0xdc, 0, 0 };
	struct kcifsd_smb_path p;

	KUNIT_EXPECT_EQ(test, kcifsd_path_decode(hi, 0, sizeof(hi), true, 0,
						 &p, NULL),
			(u32)STATUS_OBJECT_NAME_INVALID);
	KUNIT_EXPECT_EQ(test, kcifsd_path_decode(lo, 0, sizeof(lo), true, 0,
						 &p, NULL),
			(u32)STATUS_OBJECT_NAME_INVALID);
}

static void path_decode_long_names(struct kunit *test)
{
	char name[300];
	u8 *buf;
	struct kcifsd_smb_path p;
	unsigned int end;

	buf = kunit_kzalloc(test, 2048, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	/* 255 units is the longest component */
	name[0] = '\\';
	memset(name + 1, 'n', 255);
	name[256] = '\0';
	end = put_utf16(buf, 0, name, true);
	KUNIT_ASSERT_EQ(test, kcifsd_path_decode(buf, 0, end, true, 0, &p,
						 NULL),
			(u32)STATUS_SUCCESS);
	kcifsd_path_free(&p);

	name[256] = 'n';
	name[257] = '\0';
	end = put_utf16(buf, 0, name, true);
	KUNIT_EXPECT_EQ(test, kcifsd_path_decode(buf, 0, end, true, 0, &p,
						 NULL),
			(u32)STATUS_OBJECT_NAME_INVALID);

	/* 200 units of U+00E9 fit in UTF-16 but are 400 bytes of UTF-8 */
	for (end = 0; end < 200; end++) {
		buf[2 * end] = 0xe9;
		buf[2 * end + 1] = 0;
	}
	KUNIT_EXPECT_EQ(test, kcifsd_path_decode(buf, 0, 400, true, 0, &p,
						 NULL),
			(u32)STATUS_OBJECT_NAME_INVALID);
}

static void path_upcase(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, kcifsd_upcase('a'), (u32)'A');
	KUNIT_EXPECT_EQ(test, kcifsd_upcase('Z'), (u32)'Z');
	KUNIT_EXPECT_EQ(test, kcifsd_upcase('1'), (u32)'1');
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0xe9), 0xc9u);	/* é */
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0xf7), 0xf7u);	/* ÷ */
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0xff), 0x178u);	/* ÿ */
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0x101), 0x100u);	/* ā */
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0x13e), 0x13du);	/* ľ */
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0x3c9), 0x3a9u);	/* ω */
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0x3c2), 0x3a3u);	/* ς */
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0x436), 0x416u);	/* ж */
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0x451), 0x401u);	/* ё */
	KUNIT_EXPECT_EQ(test, kcifsd_upcase(0x65e5), 0x65e5u);	/* 日 */
}

static bool eq(const char *a, const char *b)
{
	return kcifsd_name_eq_ci(a, strlen(a), b, strlen(b));
}

static void path_name_eq_ci(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, eq("Readme.TXT", "README.txt"));
	KUNIT_EXPECT_TRUE(test, eq("", ""));
	KUNIT_EXPECT_FALSE(test, eq("readme", "readme.txt"));
	KUNIT_EXPECT_FALSE(test, eq("a", "b"));
	KUNIT_EXPECT_TRUE(test, eq("Caf\xc3\xa9", "CAF\xc3\x89"));
	KUNIT_EXPECT_TRUE(test, eq("\xd0\x96\xd1\x83\xd0\xba",
				   "\xd0\xb6\xd0\xa3\xd0\x9a"));	/* Жук */
	/* Bytes that are not UTF-8 equal only themselves. */
	KUNIT_EXPECT_TRUE(test, eq("x\xff", "X\xff"));
	KUNIT_EXPECT_FALSE(test, eq("x\xff", "x\xfe"));
	KUNIT_EXPECT_FALSE(test, eq("x\xc3", "x\xc3\xa9"));
}

struct match_case {
	const char *pattern;
	const char *name;
	bool ci;
	bool match;
};

static const struct match_case match_cases[] = {
	{ "*", "anything.txt", false, true },
	{ "*", "", false, true },
	{ "*.txt", "a.txt", false, true },
	{ "*.txt", "a.TXT", false, false },
	{ "*.txt", "a.TXT", true, true },
	{ "*.txt", "a.txt.bak", false, false },
	{ "a?c", "abc", false, true },
	{ "a?c", "ac", false, false },
	{ "a*b*c", "axxbyyc", false, true },
	{ "a*b*c", "axxbyy", false, false },
	{ "***a", "bbba", false, true },
	{ "exact", "exact", false, true },
	{ "exact", "exacT", false, false },
	/* DOS_STAR: up to the last '.' */
	{ "<.txt", "a.b.txt", false, true },
	{ "<", "noext", false, true },
	{ "<.", "a.b", false, false },
	{ "a<", "a.b.c", false, false },
	{ "<.c", "x.c", false, true },
	/* DOS_QM: one char, or nothing at a '.' or the end */
	{ ">>>.txt", "ab.txt", false, true },
	{ ">>>.txt", "abcd.txt", false, false },
	{ "a>>", "a", false, true },
	{ "a>", "ab", false, true },
	{ "a>", "a.", false, false },
	/* DOS_DOT: '.' or nothing at the end */
	{ "name\"*", "name.ext", false, true },
	{ "name\"", "name", false, true },
	{ "name\"", "name.", false, true },
	{ "<\"<", "file", false, true },
	{ "<\"<", "file.c", false, true },
	/* "*.*" in DOS form matches names without an extension too */
	{ "<\"*", "noext", false, true },
	/* "????????.???" as DOS clients send it: an 8.3 mask */
	{ ">>>>>>>>\">>>", "abcdefgh.ijk", false, true },
	{ ">>>>>>>>\">>>", "abc", false, true },
	{ ">>>>>>>>\">>>", "a.b", false, true },
	{ ">>>>>>>>\">>>", "abcdefghi", false, false },
	{ ">>>>>>>>\">>>", "ab.cdef", false, false },
	{ "<.txt", ".txt", false, true },
	{ "a\"b", "a.b", false, true },
	{ "a\"b", "ab", false, false },
	{ "\xc3\xa9*", "\xc3\x89t\xc3\xa9", true, true },
	{ "\xc3\xa9*", "\xc3\x89t\xc3\xa9", false, false },
};

static void path_name_match(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(match_cases); i++) {
		const struct match_case *c = &match_cases[i];

		KUNIT_EXPECT_EQ_MSG(test,
				    kcifsd_name_match(c->pattern,
						      strlen(c->pattern),
						      c->name, strlen(c->name),
						      c->ci),
				    c->match, "pattern \"%s\" name \"%s\"",
				    c->pattern, c->name);
	}
}

/* Many stars cost pattern x name steps, not an exponential search. */
static void path_name_match_stars(struct kunit *test)
{
	char pattern[130], name[256];
	unsigned int i;

	for (i = 0; i < 128; i += 2) {
		pattern[i] = '*';
		pattern[i + 1] = 'a';
	}
	pattern[128] = 'b';
	pattern[129] = '\0';
	memset(name, 'a', 255);
	name[255] = '\0';
	KUNIT_EXPECT_FALSE(test, kcifsd_name_match(pattern, 129, name, 255,
						   false));
	name[254] = 'b';
	KUNIT_EXPECT_TRUE(test, kcifsd_name_match(pattern, 129, name, 255,
						  false));
}

static void path_is_wild(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, kcifsd_name_is_wild("a*", 2));
	KUNIT_EXPECT_TRUE(test, kcifsd_name_is_wild("a<b", 3));
	KUNIT_EXPECT_FALSE(test, kcifsd_name_is_wild("plain.txt", 9));
}

static void path_rename_mask(struct kunit *test)
{
	static const struct { const char *mask, *src, *out; } cases[] = {
		{ "*.bak", "report.txt", "report.bak" },
		{ "*.bak", "noext", "noext.bak" },
		{ "?x?.*", "abcdef.txt", "axc.txt" },
		{ "*.*", "a.b.c", "a.b.c" },
		{ "*.", "file.txt", "file" },
		{ "????", "ab", "ab" },
		{ "plain", "anything.x", "plain" },
	};
	unsigned int i;
	char *out;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		out = kcifsd_rename_mask(cases[i].mask, cases[i].src);
		KUNIT_ASSERT_NOT_NULL(test, out);
		KUNIT_EXPECT_STREQ_MSG(test, out, cases[i].out, "mask \"%s\" on \"%s\"",
				       cases[i].mask, cases[i].src);
		kfree(out);
	}
}

static struct kunit_case path_test_cases[] = {
	KUNIT_CASE(path_rename_mask),
	KUNIT_CASE(path_decode_unicode),
	KUNIT_CASE(path_decode_oem),
	KUNIT_CASE(path_decode_unterminated),
	KUNIT_CASE(path_decode_bad_surrogates),
	KUNIT_CASE(path_decode_long_names),
	KUNIT_CASE(path_upcase),
	KUNIT_CASE(path_name_eq_ci),
	KUNIT_CASE(path_name_match),
	KUNIT_CASE(path_name_match_stars),
	KUNIT_CASE(path_is_wild),
	{}
};

static struct kunit_suite path_test_suite = {
	.name = "kcifsd_path",
	.test_cases = path_test_cases,
};

kunit_test_suite(path_test_suite);
