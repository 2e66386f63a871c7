// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB pathnames (MS-CIFS 2.2.1.1): decoding from the wire, normalisation,
 * and name comparison. See fs/path.h.
 *
 * What a client may name, and the status it gets otherwise:
 * - components are separated by backslashes; a leading backslash, repeated
 *   ones and a trailing one are ignored;
 * - "." as a component is STATUS_OBJECT_NAME_INVALID and ".." takes the
 *   previous component away; a ".." above the share root is
 *   STATUS_OBJECT_PATH_SYNTAX_BAD (what Windows NT's server answers);
 * - characters Windows file systems refuse (MS-FSCC 2.1.5.2: 0x00-0x1F,
 *   " * / : < > ? \ |) are STATUS_OBJECT_NAME_INVALID. ':' is also the
 *   stream syntax ("file:stream:$DATA"): no stream is supported, so it is
 *   refused with the same status a FAT volume gives. The wildcards
 *   * ? < > " are allowed in the last component only, and only for the
 *   commands that take a pattern (KCIFSD_PATH_WILDCARDS);
 * - components longer than 255 UTF-16 code units or NAME_MAX bytes of
 *   UTF-8, unpaired surrogates, and the DOS device names (CON, PRN, AUX,
 *   NUL, COM1-9, LPT1-9, with or without an extension) are
 *   STATUS_OBJECT_NAME_INVALID: a Windows client could not use such a name
 *   either.
 * OEM strings (no SMB_FLAGS2_UNICODE) are read as ISO-8859-1: the
 * server has no configured DOS code page, and the bytes below 0x80 every
 * OEM code page shares with ASCII are what real clients send.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/bitmap.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fs/path.h"
#include "fs/smb_req.h"

/* A pattern longer than this (bytes of UTF-8) never matches. */
#define PATTERN_MAX	(KCIFSD_NAME_MAX_UNITS * 4)

/* Decoded code points of the whole string, before normalisation. */
struct path_cps {
	u32 *cp;
	unsigned int nr;
};

/*
 * UTF-16LE from @msg[@off..@end), up to a NUL unit. Returns the offset
 * after the terminator (or @end) in *@next.
 */
static u32 path_read_utf16(const u8 *msg, unsigned int off, unsigned int end,
			   struct path_cps *cps, unsigned int *next)
{
	unsigned int units = off < end ? (end - off) / 2 : 0;
	unsigned int i;
	u16 u, lo;

	cps->cp = kmalloc_array(units + 1, sizeof(u32), GFP_KERNEL);
	if (!cps->cp)
		return STATUS_NO_MEMORY;
	cps->nr = 0;
	for (i = 0; i < units; i++) {
		u = msg[off + 2 * i] | msg[off + 2 * i + 1] << 8;
		if (!u) {
			i++;
			break;
		}
		if (u >= 0xdc00 && u <= 0xdfff)
			return STATUS_OBJECT_NAME_INVALID;
		if (u >= 0xd800 && u <= 0xdbff) {
			if (i + 1 >= units)
				return STATUS_OBJECT_NAME_INVALID;
			lo = msg[off + 2 * i + 2] | msg[off + 2 * i + 3] << 8;
			if (lo < 0xdc00 || lo > 0xdfff)
				return STATUS_OBJECT_NAME_INVALID;
			cps->cp[cps->nr++] = 0x10000 +
					     ((u - 0xd800) << 10) + (lo - 0xdc00);
			i++;
			continue;
		}
		cps->cp[cps->nr++] = u;
	}
	*next = off + 2 * i;
	if (*next > end)
		*next = end;
	return STATUS_SUCCESS;
}

/* OEM bytes from @msg[@off..@end), up to a NUL, as ISO-8859-1. */
static u32 path_read_oem(const u8 *msg, unsigned int off, unsigned int end,
			 struct path_cps *cps, unsigned int *next)
{
	unsigned int len = off < end ? end - off : 0;
	unsigned int i;

	cps->cp = kmalloc_array(len + 1, sizeof(u32), GFP_KERNEL);
	if (!cps->cp)
		return STATUS_NO_MEMORY;
	cps->nr = 0;
	for (i = 0; i < len && msg[off + i]; i++)
		cps->cp[cps->nr++] = msg[off + i];
	*next = off + min(i + 1, len);
	return STATUS_SUCCESS;
}

static bool cp_is_sep(u32 c)
{
	return c == '\\';
}

static bool cp_is_wild(u32 c)
{
	return c == '*' || c == '?' || c == '<' || c == '>' || c == '"';
}

/* MS-FSCC 2.1.5.2: characters no Windows file name may hold. */
static bool cp_is_illegal(u32 c)
{
	return c < 0x20 || c == '/' || c == ':' || c == '|';
}

static bool cp_eq_ascii_ci(u32 c, char a)
{
	return kcifsd_upcase(c) == (u32)a;
}

/* CON, PRN, AUX, NUL, COM1-9, LPT1-9, alone or before an extension. */
static bool path_is_device_name(const u32 *cp, unsigned int n)
{
	static const char * const names3[] = { "CON", "PRN", "AUX", "NUL" };
	static const char * const names4[] = { "COM", "LPT" };
	unsigned int base, i;

	for (base = 0; base < n && cp[base] != '.'; base++)
		;
	if (base == 3) {
		for (i = 0; i < ARRAY_SIZE(names3); i++)
			if (cp_eq_ascii_ci(cp[0], names3[i][0]) &&
			    cp_eq_ascii_ci(cp[1], names3[i][1]) &&
			    cp_eq_ascii_ci(cp[2], names3[i][2]))
				return true;
	} else if (base == 4 && cp[3] >= '1' && cp[3] <= '9') {
		for (i = 0; i < ARRAY_SIZE(names4); i++)
			if (cp_eq_ascii_ci(cp[0], names4[i][0]) &&
			    cp_eq_ascii_ci(cp[1], names4[i][1]) &&
			    cp_eq_ascii_ci(cp[2], names4[i][2]))
				return true;
	}
	return false;
}

/* UTF-16 code units a code point takes. */
static unsigned int cp_units(u32 c)
{
	return c >= 0x10000 ? 2 : 1;
}

/*
 * Check one component and append it to @out (at *@olen, '/' first unless
 * it is the first). Returns an NTSTATUS; *@wild is set if it holds
 * wildcards (allowed only with KCIFSD_PATH_WILDCARDS).
 */
static u32 path_add_component(const u32 *cp, unsigned int n,
			      unsigned int flags, char *out,
			      unsigned int *olen, unsigned int *last,
			      bool *wild)
{
	unsigned int i, units = 0, start = *olen, bytes;
	int ret;

	*wild = false;
	for (i = 0; i < n; i++) {
		if (cp_is_illegal(cp[i]))
			return STATUS_OBJECT_NAME_INVALID;
		if (cp_is_wild(cp[i])) {
			if (!(flags & KCIFSD_PATH_WILDCARDS))
				return STATUS_OBJECT_NAME_INVALID;
			*wild = true;
		}
		units += cp_units(cp[i]);
	}
	if (units > KCIFSD_NAME_MAX_UNITS)
		return STATUS_OBJECT_NAME_INVALID;
	if (!*wild && path_is_device_name(cp, n))
		return STATUS_OBJECT_NAME_INVALID;

	if (start)
		out[(*olen)++] = '/';
	*last = *olen;
	for (i = 0; i < n; i++) {
		/* The buffer has 4 bytes per code point, plus separators. */
		ret = utf32_to_utf8(cp[i], out + *olen, 4);
		if (ret <= 0)
			return STATUS_OBJECT_NAME_INVALID;
		*olen += ret;
	}
	bytes = *olen - *last;
	if (bytes > NAME_MAX)
		return STATUS_OBJECT_NAME_INVALID;
	return STATUS_SUCCESS;
}

/* The last @c in @s[0..@len), or NULL. */
static const char *last_char(const char *s, char c, unsigned int len)
{
	while (len--)
		if (s[len] == c)
			return s + len;
	return NULL;
}

/* Drop the last component of @out for "..". */
static u32 path_pop_component(char *out, unsigned int *olen,
			      unsigned int *last)
{
	const char *slash;

	if (!*olen)
		return STATUS_OBJECT_PATH_SYNTAX_BAD;
	slash = last_char(out, '/', *olen);
	*olen = slash ? slash - out : 0;
	out[*olen] = '\0';
	slash = last_char(out, '/', *olen);
	*last = slash ? slash - out + 1 : 0;
	return STATUS_SUCCESS;
}

/* Non-empty components in @cps from @i on. */
static unsigned int path_components_after(const struct path_cps *cps,
					  unsigned int i)
{
	unsigned int n = 0;
	bool in = false;

	for (; i < cps->nr; i++) {
		if (!cp_is_sep(cps->cp[i]) && !in)
			n++;
		in = !cp_is_sep(cps->cp[i]);
	}
	return n;
}

/*
 * A "." component, which (unlike "..") Windows does not fold away: the
 * last component of the object named (of the directory, for a search
 * pattern) is STATUS_OBJECT_NAME_INVALID, one further up is a directory
 * on the way that does not exist, STATUS_OBJECT_PATH_NOT_FOUND.
 */
static u32 path_dot_status(const struct path_cps *cps, unsigned int i,
			   unsigned int flags)
{
	unsigned int after = path_components_after(cps, i);

	if (!after || (after == 1 && (flags & KCIFSD_PATH_WILDCARDS)))
		return STATUS_OBJECT_NAME_INVALID;
	return STATUS_OBJECT_PATH_NOT_FOUND;
}

static u32 path_normalise(const struct path_cps *cps, unsigned int flags,
			  struct kcifsd_smb_path *out)
{
	unsigned int i = 0, start, n, olen = 0, last = 0;
	bool wild = false, was_wild = false;
	size_t size;
	char *name;
	u32 status = STATUS_SUCCESS;

	size = (size_t)cps->nr * 4 + 1;
	name = kmalloc(size, GFP_KERNEL);
	if (!name)
		return STATUS_NO_MEMORY;

	while (i < cps->nr) {
		while (i < cps->nr && cp_is_sep(cps->cp[i]))
			i++;
		start = i;
		while (i < cps->nr && !cp_is_sep(cps->cp[i]))
			i++;
		n = i - start;
		if (!n)
			break;
		/* Only the last component may hold wildcards. */
		if (was_wild) {
			status = STATUS_OBJECT_NAME_INVALID;
			break;
		}
		if (n == 1 && cps->cp[start] == '.') {
			status = path_dot_status(cps, i, flags);
			break;
		}
		if (n == 2 && cps->cp[start] == '.' &&
		    cps->cp[start + 1] == '.') {
			status = path_pop_component(name, &olen, &last);
			if (status)
				break;
			continue;
		}
		status = path_add_component(cps->cp + start, n, flags, name,
					    &olen, &last, &wild);
		if (status)
			break;
		was_wild = wild;
	}
	if (!status && olen >= PATH_MAX)
		status = STATUS_OBJECT_NAME_INVALID;
	if (status) {
		kfree(name);
		return status;
	}
	name[olen] = '\0';
	out->name = name;
	out->len = olen;
	out->last = olen ? last : 0;
	out->wildcards = was_wild;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_path_decode() - decode and normalise a pathname from the wire
 * @msg: the message the string is in
 * @off: offset of the string from the start of @msg (the SMB header);
 *	for Unicode, before the pad byte that aligns it to 2 bytes from the
 *	header (MS-CIFS 2.2.1.1), which is skipped here
 * @end: offset just past the bytes the string may take (the end of the
 *	command's Bytes); a string without a terminator ends here
 * @unicode: UTF-16LE (SMB_FLAGS2_UNICODE) rather than OEM
 * @flags: KCIFSD_PATH_WILDCARDS
 * @out: the result; free with kcifsd_path_free()
 * @next: if not NULL, the offset after the string's terminator
 *
 * Return: STATUS_SUCCESS, STATUS_OBJECT_NAME_INVALID,
 * STATUS_OBJECT_PATH_SYNTAX_BAD (a ".." above the root) or
 * STATUS_NO_MEMORY; see the rules at the top of this file.
 */
u32 kcifsd_path_decode(const u8 *msg, unsigned int off, unsigned int end,
		       bool unicode, unsigned int flags,
		       struct kcifsd_smb_path *out, unsigned int *next)
{
	struct path_cps cps = {};
	unsigned int after;
	u32 status;

	memset(out, 0, sizeof(*out));
	if (unicode && (off & 1))
		off++;
	if (unicode)
		status = path_read_utf16(msg, off, end, &cps, &after);
	else
		status = path_read_oem(msg, off, end, &cps, &after);
	if (!status)
		status = path_normalise(&cps, flags, out);
	kfree(cps.cp);
	if (!status && next)
		*next = min(after, end);
	return status;
}

/**
 * kcifsd_req_path() - decode a pathname in the current command's Bytes
 * @req: the request
 * @p: where the string starts (its pad byte, if any), inside req->bytes
 * @flags: KCIFSD_PATH_WILDCARDS
 * @out: the result; free with kcifsd_path_free()
 * @next: if not NULL, set to the byte after the string
 *
 * Unicode per the request's SMB_FLAGS2_UNICODE.
 *
 * Return: as kcifsd_path_decode().
 */
u32 kcifsd_req_path(const struct kcifsd_smb_req *req, const u8 *p,
		    unsigned int flags, struct kcifsd_smb_path *out,
		    const u8 **next)
{
	unsigned int end = req->bytes + req->bc - req->buf;
	unsigned int after;
	u32 status;

	status = kcifsd_path_decode(req->buf, min_t(unsigned int,
						    p - req->buf, end),
				    end, req->flags2 & SMB_FLAGS2_UNICODE,
				    flags, out, &after);
	if (!status && next)
		*next = req->buf + after;
	return status;
}

/**
 * kcifsd_req_path_fmt() - decode a pathname preceded by a BufferFormat byte
 * @req: the request
 * @p: the BufferFormat byte, inside req->bytes
 * @flags: KCIFSD_PATH_WILDCARDS
 * @out: the result; free with kcifsd_path_free()
 * @next: if not NULL, set to the byte after the string
 *
 * The Core-protocol form (MS-CIFS 2.2.1.3): 0x04 (SMB_STRING) then the
 * name. A missing or other BufferFormat makes the request malformed.
 *
 * Return: STATUS_INVALID_SMB, or as kcifsd_path_decode().
 */
u32 kcifsd_req_path_fmt(const struct kcifsd_smb_req *req, const u8 *p,
			unsigned int flags, struct kcifsd_smb_path *out,
			const u8 **next)
{
	if (p < req->bytes || p >= req->bytes + req->bc ||
	    *p != SMB_BUFFER_FORMAT_STRING)
		return STATUS_INVALID_SMB;
	return kcifsd_req_path(req, p + 1, flags, out, next);
}

/**
 * kcifsd_path_free() - free a decoded pathname
 * @path: the path; may be zeroed or already freed
 */
void kcifsd_path_free(struct kcifsd_smb_path *path)
{
	kfree(path->name);
	path->name = NULL;
	path->len = 0;
}

/**
 * kcifsd_path_is_root() - does the path name the share root?
 * @path: a decoded path
 *
 * Return: true for the empty path.
 */
bool kcifsd_path_is_root(const struct kcifsd_smb_path *path)
{
	return !path->len;
}

/**
 * kcifsd_upcase() - the upper case of a code point, for name comparison
 * @c: a Unicode code point
 *
 * Windows compares names by upcasing each UTF-16 unit through the
 * volume's table (MS-FSCC 2.1.5.2: "case-insensitive comparison"); this
 * is the simple one-to-one upper case of the scripts names are written
 * in most: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic and the
 * fullwidth Latin letters. Other code points compare as they are.
 *
 * Return: the upper-case code point.
 */
u32 kcifsd_upcase(u32 c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') ? c - 0x20 : c;
	if (c >= 0xe0 && c <= 0xfe && c != 0xf7)
		return c - 0x20;
	if (c == 0xff)
		return 0x178;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return c & ~1u;		/* pairs: upper even, lower odd */
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return (c & 1) ? c : c - 1;	/* upper odd, lower even */
	if (c >= 0x3b1 && c <= 0x3cb && c != 0x3c2)
		return c - 0x20;
	if (c == 0x3c2)
		return 0x3a3;		/* final sigma */
	if (c >= 0x430 && c <= 0x44f)
		return c - 0x20;
	if (c >= 0x450 && c <= 0x45f)
		return c - 0x50;
	if (c >= 0xff41 && c <= 0xff5a)
		return c - 0x20;
	return c;
}

/*
 * The next code point of a UTF-8 name and its length in bytes. A byte
 * that does not start valid UTF-8 (a Linux name need not be UTF-8) stands
 * for itself, mapped where no real character is, so it only ever equals
 * the same byte.
 */
static unsigned int name_next(const char *s, unsigned int len, u32 *c)
{
	unicode_t u;
	int n;

	n = utf8_to_utf32((const u8 *)s, len, &u);
	if (n <= 0) {
		*c = 0x110000 + (u8)s[0];
		return 1;
	}
	*c = u;
	return n;
}

/**
 * kcifsd_name_eq_ci() - are two names equal, ignoring case?
 * @a: a UTF-8 name (not NUL-terminated)
 * @alen: its length in bytes
 * @b: another
 * @blen: its length
 *
 * Return: true if equal after kcifsd_upcase() of every code point.
 */
bool kcifsd_name_eq_ci(const char *a, unsigned int alen,
		       const char *b, unsigned int blen)
{
	unsigned int i = 0, j = 0;
	u32 ca, cb;

	while (i < alen && j < blen) {
		i += name_next(a + i, alen - i, &ca);
		j += name_next(b + j, blen - j, &cb);
		if (ca != cb && kcifsd_upcase(ca) != kcifsd_upcase(cb))
			return false;
	}
	return i == alen && j == blen;
}

/**
 * kcifsd_name_is_wild() - does a name hold wildcard characters?
 * @name: a UTF-8 name
 * @len: its length
 *
 * Return: true if it holds * ? < > or " (MS-FSA 2.1.4.4).
 */
bool kcifsd_name_is_wild(const char *name, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (cp_is_wild((u8)name[i]))
			return true;
	return false;
}

/*
 * The pattern is run as a set of positions (byte offsets into the
 * pattern), all advanced together one name character at a time, so the
 * cost is bounded by pattern length x name length whatever the stars.
 * Moves that consume nothing only go forward, so one pass in order
 * closes a set over them.
 */
static void match_close(const char *pat, unsigned int plen,
			unsigned long *set, bool at_end, u32 c)
{
	unsigned int p, n, q;
	u32 pc;

	for (p = 0; p < plen; p += n) {
		n = name_next(pat + p, plen - p, &pc);
		if (!test_bit(p, set))
			continue;
		switch (pc) {
		case '*':
		case '<':	/* DOS_STAR: zero characters */
			__set_bit(p + n, set);
			break;
		case '>':	/* DOS_QM: at a '.' or the end, skip the run */
			if (!at_end && c != '.')
				break;
			for (q = p; q < plen && pat[q] == '>'; q++)
				;
			__set_bit(q, set);
			break;
		case '"':	/* DOS_DOT: zero characters past the end */
			if (at_end)
				__set_bit(p + n, set);
			break;
		}
	}
}

static void match_step(const char *pat, unsigned int plen,
		       const unsigned long *cur, unsigned long *nxt,
		       u32 c, bool dots_after, bool ci)
{
	unsigned int p, n;
	u32 pc;

	for (p = 0; p < plen; p += n) {
		n = name_next(pat + p, plen - p, &pc);
		if (!test_bit(p, cur))
			continue;
		switch (pc) {
		case '*':
			__set_bit(p, nxt);
			break;
		case '<':	/* anything up to the name's last '.' */
			if (c != '.' || dots_after)
				__set_bit(p, nxt);
			break;
		case '>':
			if (c != '.')
				__set_bit(p + n, nxt);
			break;
		case '"':
			if (c == '.')
				__set_bit(p + n, nxt);
			break;
		case '?':
			__set_bit(p + n, nxt);
			break;
		default:
			if (pc == c ||
			    (ci && kcifsd_upcase(pc) == kcifsd_upcase(c)))
				__set_bit(p + n, nxt);
		}
	}
}

/**
 * kcifsd_name_match() - is a name in a wildcard expression?
 * @pattern: the expression, UTF-8
 * @plen: its length in bytes
 * @name: the name, UTF-8
 * @nlen: its length
 * @ci: compare case-insensitively
 *
 * MS-FSA 2.1.4.4: '*' matches zero or more characters, '?' exactly one;
 * '<' (DOS_STAR) zero or more up to the name's final '.'; '>' (DOS_QM)
 * any one character, or nothing at a '.' or the end of the name for the
 * whole run of them; '"' (DOS_DOT) a '.' or nothing past the end.
 *
 * Return: true if the name matches.
 */
bool kcifsd_name_match(const char *pattern, unsigned int plen,
		       const char *name, unsigned int nlen, bool ci)
{
	DECLARE_BITMAP(cur, PATTERN_MAX + 1);
	DECLARE_BITMAP(nxt, PATTERN_MAX + 1);
	const char *last_dot;
	unsigned int i, n;
	u32 c;

	if (plen > PATTERN_MAX)
		return false;
	last_dot = last_char(name, '.', nlen);
	bitmap_zero(cur, plen + 1);
	__set_bit(0, cur);
	for (i = 0; i < nlen; i += n) {
		n = name_next(name + i, nlen - i, &c);
		match_close(pattern, plen, cur, false, c);
		bitmap_zero(nxt, plen + 1);
		match_step(pattern, plen, cur, nxt, c,
			   last_dot && name + i < last_dot, ci);
		if (bitmap_empty(nxt, plen + 1))
			return false;
		bitmap_copy(cur, nxt, plen + 1);
	}
	match_close(pattern, plen, cur, true, 0);
	return test_bit(plen, cur);
}

/* One part (before or after the last '.') of kcifsd_rename_mask(). */
static void rename_part(char *out, size_t *olen, const char *mask,
			size_t mlen, const char *src, size_t slen)
{
	size_t i, s = 0;

	for (i = 0; i < mlen; i++) {
		if (mask[i] == '*') {
			memcpy(out + *olen, src + s, slen - s);
			*olen += slen - s;
			return;
		}
		if (mask[i] == '?') {
			if (s < slen)
				out[(*olen)++] = src[s];
		} else {
			out[(*olen)++] = mask[i];
		}
		if (s < slen)
			s++;
	}
}

/**
 * kcifsd_rename_mask() - the new name a wildcard RENAME gives a file
 * @mask: the last component of the new name, with wildcards
 * @src: the name of a file the old name's pattern matched
 *
 * The DOS rules, applied to the part before the last '.' and the part
 * after it separately: in the mask, '?' takes the source's character at
 * that position (nothing past its end), '*' takes the rest of the source
 * part, any other character is taken as is. A mask extension that comes
 * out empty drops the '.'. Characters are bytes here: '?' over a
 * multi-byte UTF-8 character takes one byte of it, so names that are
 * not ASCII are best renamed without '?'.
 *
 * Return: the new name (kmalloc'ed), or NULL without memory.
 */
char *kcifsd_rename_mask(const char *mask, const char *src)
{
	const char *mdot = strrchr(mask, '.'), *sdot = strrchr(src, '.');
	size_t mbase = mdot ? mdot - mask : strlen(mask);
	size_t sbase = sdot ? sdot - src : strlen(src);
	size_t olen = 0, before;
	char *out;

	out = kmalloc(strlen(mask) + strlen(src) + 2, GFP_KERNEL);
	if (!out)
		return NULL;
	rename_part(out, &olen, mask, mbase, src, sbase);
	if (mdot) {
		before = olen;
		out[olen++] = '.';
		rename_part(out, &olen, mdot + 1, strlen(mdot + 1),
			    sdot ? sdot + 1 : "", sdot ? strlen(sdot + 1) : 0);
		if (olen == before + 1)
			olen = before;
	}
	out[olen] = '\0';
	return out;
}
