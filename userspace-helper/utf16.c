// SPDX-License-Identifier: GPL-2.0-only
/*
 * UTF-8 to UTF-16LE, the encoding SMB and the NT hash use for names and
 * passwords. Strict: a malformed password must fail, not hash to
 * something the client can never reproduce.
 */
#include "utf16.h"

int utf8_next(const char *in, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)in;
	static const uint32_t min_cp[] = { 0, 0, 0x80, 0x800, 0x10000 };
	int len, i;
	uint32_t c = s[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		len = 2;
		c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3;
		c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4;
		c &= 0x07;
	} else {
		return -1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min_cp[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return len;
}

static int put16(uint8_t *out, size_t out_size, size_t *pos, uint32_t u)
{
	if (*pos + 2 > out_size)
		return -1;
	out[(*pos)++] = u & 0xff;
	out[(*pos)++] = u >> 8;
	return 0;
}

long utf8_to_utf16le(const char *in, uint8_t *out, size_t out_size)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t pos = 0;
	uint32_t cp;
	int n;

	while (*s) {
		n = utf8_next((const char *)s, &cp);
		if (n < 0)
			return -1;
		s += n;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			if (put16(out, out_size, &pos, 0xd800 | (cp >> 10)) ||
			    put16(out, out_size, &pos, 0xdc00 | (cp & 0x3ff)))
				return -1;
		} else if (put16(out, out_size, &pos, cp)) {
			return -1;
		}
	}
	return (long)pos;
}

int utf8_valid(const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	uint32_t cp;
	int n;

	while (*s) {
		n = utf8_next((const char *)s, &cp);
		if (n < 0)
			return 0;
		s += n;
	}
	return 1;
}
