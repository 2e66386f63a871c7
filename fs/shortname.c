// SPDX-License-Identifier: GPL-2.0-only
/*
 * 8.3 alternate names (MS-FSCC 2.1.5.2.1), made up from the long name
 * rather than stored: the same long name always gives the same short
 * name, so FIND (BOTH_DIRECTORY_INFO ShortName), QUERY (ALT_NAME_INFO)
 * and a lookup by short name (kcifsd_short_name_match()) agree without
 * any table.
 *
 * A long name that is itself a valid 8.3 name has its upper-case form as
 * short name. Any other gets "PREFIX~HH.EXT": up to five characters of
 * the base name and up to three of the extension (after its last dot),
 * upper-cased, with characters 8.3 names cannot hold left out, and HH a
 * two-character base-36 hash of the whole upper-cased long name. Two
 * long names in one directory can share a short name (1 in 1296 for the
 * same prefix and extension); a lookup by short name then finds the
 * first of them.
 */

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "fs/shortname.h"

/* Characters no 8.3 name holds, besides controls (MS-FSCC 2.1.5.2.1) */
static bool short_char_ok(unsigned char c)
{
	return c > ' ' && c < 0x7F && !strchr("\"*+,./:;<=>?[\\]|", c);
}

/**
 * kcifsd_short_name_is_83() - is a name valid as an 8.3 name?
 * @name: the name
 * @len: its length
 *
 * Return: true for 1-8 characters 8.3 names may hold, maybe a dot and
 * 1-3 more (in any case).
 */
bool kcifsd_short_name_is_83(const char *name, unsigned int len)
{
	const char *dot = memchr(name, '.', len);
	unsigned int base = dot ? dot - name : len, ext, i;

	ext = dot ? len - base - 1 : 0;
	if (!base || base > 8 || (dot && (!ext || ext > 3)))
		return false;
	for (i = 0; i < len; i++)
		if (i != base && !short_char_ok(name[i]))
			return false;
	return true;
}

/* Copy up to @max good characters of @s, upper-cased. */
static unsigned int short_take(char *out, const char *s, unsigned int len,
			       unsigned int max)
{
	unsigned int i, n = 0;

	for (i = 0; i < len && n < max; i++)
		if (short_char_ok(s[i]))
			out[n++] = toupper(s[i]);
	return n;
}

/* FNV-1a over the upper-cased name: case variants share a short name. */
static u32 short_hash(const char *name, unsigned int len)
{
	u32 h = 2166136261u;
	unsigned int i;

	for (i = 0; i < len; i++) {
		h ^= (u8)toupper(name[i]);
		h *= 16777619u;
	}
	return h;
}

/**
 * kcifsd_short_name() - the 8.3 name of a long name
 * @name: the long name, UTF-8 (one component, not "." or "..")
 * @len: its length
 * @out: KCIFSD_SHORT_NAME_MAX + 1 bytes: the short name, NUL-terminated
 *
 * Return: its length (1 to 12).
 */
unsigned int kcifsd_short_name(const char *name, unsigned int len, char *out)
{
	static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	const char *dot = NULL;
	unsigned int i, n, e;
	u32 h;

	if (kcifsd_short_name_is_83(name, len)) {
		for (i = 0; i < len; i++)
			out[i] = toupper(name[i]);
		out[len] = '\0';
		return len;
	}
	/* The extension follows the last dot, unless the name starts it. */
	for (i = 1; i < len; i++)
		if (name[i] == '.')
			dot = name + i;

	n = short_take(out, name, dot ? dot - name : len, 5);
	if (!n)
		out[n++] = '_';
	h = short_hash(name, len) % (36 * 36);
	out[n++] = '~';
	out[n++] = digits[h / 36];
	out[n++] = digits[h % 36];
	if (dot) {
		out[n] = '.';
		e = short_take(out + n + 1, dot + 1, name + len - dot - 1, 3);
		if (e)
			n += 1 + e;
	}
	out[n] = '\0';
	return n;
}

/**
 * kcifsd_short_name_listed() - does a name go on the wire as a short name
 *	too?
 * @name: the long name
 * @len: its length
 *
 * FIND's ShortName is left empty for a name that already is its own
 * short name (upper-case 8.3), as Windows does.
 *
 * Return: true if the short name differs from @name.
 */
bool kcifsd_short_name_listed(const char *name, unsigned int len)
{
	char s[KCIFSD_SHORT_NAME_MAX + 1];

	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return false;
	return kcifsd_short_name(name, len, s) != len || memcmp(s, name, len);
}

/**
 * kcifsd_short_name_match() - is a name the short name of a long one?
 * @want: the name looked for (as a client sent it)
 * @wlen: its length
 * @name: a long name in the directory
 * @len: its length
 *
 * For lookups that fall back to a directory scan: a client may name a
 * file by the short name FIND or ALT_NAME_INFO gave it. Short names
 * compare case-insensitively.
 *
 * Return: true if @want is @name's short name.
 */
bool kcifsd_short_name_match(const char *want, unsigned int wlen,
			     const char *name, unsigned int len)
{
	char s[KCIFSD_SHORT_NAME_MAX + 1];
	unsigned int n;

	if (wlen > KCIFSD_SHORT_NAME_MAX || !memchr(want, '~', wlen))
		return false;
	n = kcifsd_short_name(name, len, s);
	return n == wlen && !strncasecmp(s, want, n);
}
