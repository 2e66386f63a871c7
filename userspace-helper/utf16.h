/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KCIFSCTL_UTF16_H
#define KCIFSCTL_UTF16_H

#include <stddef.h>
#include <stdint.h>

/*
 * Convert NUL-terminated UTF-8 @in to UTF-16LE (no terminator) in @out,
 * which holds @out_size bytes. Returns the number of bytes written, or -1
 * if @in is not valid UTF-8 (overlong forms, surrogates and code points
 * above U+10FFFF are invalid) or does not fit.
 */
long utf8_to_utf16le(const char *in, uint8_t *out, size_t out_size);

/*
 * Decode the code point at @s into @cp; returns the bytes used, or -1 if
 * they are not valid UTF-8.
 */
int utf8_next(const char *s, uint32_t *cp);

/* 1 if @s is valid UTF-8 (same rules as above), else 0. */
int utf8_valid(const char *s);

#endif /* KCIFSCTL_UTF16_H */
