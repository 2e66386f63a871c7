// SPDX-License-Identifier: GPL-2.0-only
/*
 * NDR encoding and decoding; see ndr.h. Only the little-endian data
 * representation is produced or accepted (the DCE/RPC layer refuses
 * others), and everything is aligned to its size relative to the start
 * of the stub data, as C706 14.2.2 requires.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ndr.h"
#include "utf16.h"

/* Referent ids start here and grow by 4, as Windows numbers them. */
#define NDR_FIRST_REF	0x00020000u

void ndr_push_init(struct ndr_push *b, size_t limit)
{
	memset(b, 0, sizeof(*b));
	b->limit = limit;
	b->next_ref = NDR_FIRST_REF;
}

void ndr_push_free(struct ndr_push *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static uint8_t *push_space(struct ndr_push *b, size_t n)
{
	size_t cap;
	uint8_t *p;

	if (b->err)
		return NULL;
	if (n > b->limit || b->len > b->limit - n) {
		b->err = -ENOSPC;
		return NULL;
	}
	if (b->len + n > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + n)
			cap *= 2;
		p = realloc(b->data, cap);
		if (!p) {
			b->err = -ENOMEM;
			return NULL;
		}
		b->data = p;
		b->cap = cap;
	}
	p = b->data + b->len;
	b->len += n;
	return p;
}

void ndr_push_bytes(struct ndr_push *b, const void *src, size_t n)
{
	uint8_t *p = push_space(b, n);

	if (p && n)
		memcpy(p, src, n);
}

void ndr_push_zero(struct ndr_push *b, size_t n)
{
	uint8_t *p = push_space(b, n);

	if (p && n)
		memset(p, 0, n);
}

void ndr_push_align(struct ndr_push *b, size_t n)
{
	size_t pad = (n - (b->len % n)) % n;

	ndr_push_zero(b, pad);
}

void ndr_push_u8(struct ndr_push *b, uint8_t v)
{
	ndr_push_bytes(b, &v, 1);
}

void ndr_push_u16(struct ndr_push *b, uint16_t v)
{
	uint8_t le[2] = { v & 0xff, v >> 8 };

	ndr_push_align(b, 2);
	ndr_push_bytes(b, le, 2);
}

void ndr_push_u32(struct ndr_push *b, uint32_t v)
{
	uint8_t le[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
			  v >> 24 };

	ndr_push_align(b, 4);
	ndr_push_bytes(b, le, 4);
}

void ndr_push_u32_at(struct ndr_push *b, size_t off, uint32_t v)
{
	if (b->err || off + 4 > b->len)
		return;
	b->data[off] = v & 0xff;
	b->data[off + 1] = (v >> 8) & 0xff;
	b->data[off + 2] = (v >> 16) & 0xff;
	b->data[off + 3] = v >> 24;
}

void ndr_push_ptr(struct ndr_push *b, int present)
{
	if (!present) {
		ndr_push_u32(b, 0);
		return;
	}
	ndr_push_u32(b, b->next_ref);
	b->next_ref += 4;
}

void ndr_push_wstr(struct ndr_push *b, const char *s)
{
	size_t size = 2 * strlen(s) + 2;	/* a unit per byte at most */
	uint8_t *units;
	uint32_t count;
	long n;

	if (b->err)
		return;
	units = malloc(size);
	if (!units) {
		b->err = -ENOMEM;
		return;
	}
	n = utf8_to_utf16le(s, units, size - 2);
	if (n < 0) {
		free(units);
		b->err = -EINVAL;
		return;
	}
	units[n] = units[n + 1] = 0;
	n += 2;
	count = (uint32_t)(n / 2);
	ndr_push_u32(b, count);		/* MaximumCount */
	ndr_push_u32(b, 0);		/* Offset */
	ndr_push_u32(b, count);		/* ActualCount */
	ndr_push_bytes(b, units, (size_t)n);
	free(units);
}

void ndr_pull_init(struct ndr_pull *b, const void *data, size_t len)
{
	b->data = data;
	b->len = len;
	b->off = 0;
	b->err = 0;
}

static const uint8_t *pull_bytes(struct ndr_pull *b, size_t n)
{
	const uint8_t *p;

	if (b->err)
		return NULL;
	if (n > b->len - b->off) {
		b->err = -EINVAL;
		return NULL;
	}
	p = b->data + b->off;
	b->off += n;
	return p;
}

void ndr_pull_align(struct ndr_pull *b, size_t n)
{
	pull_bytes(b, (n - (b->off % n)) % n);
}

uint8_t ndr_pull_u8(struct ndr_pull *b)
{
	const uint8_t *p = pull_bytes(b, 1);

	return p ? p[0] : 0;
}

uint16_t ndr_pull_u16(struct ndr_pull *b)
{
	const uint8_t *p;

	ndr_pull_align(b, 2);
	p = pull_bytes(b, 2);
	return p ? (uint16_t)(p[0] | p[1] << 8) : 0;
}

uint32_t ndr_pull_u32(struct ndr_pull *b)
{
	const uint8_t *p;

	ndr_pull_align(b, 4);
	p = pull_bytes(b, 4);
	return p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		   (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24 : 0;
}

int ndr_pull_ptr(struct ndr_pull *b)
{
	return ndr_pull_u32(b) != 0;
}

/* Append code point @cp as UTF-8; -1 if it does not fit. */
static int put_utf8(char *out, size_t size, size_t *pos, uint32_t cp)
{
	char tmp[4];
	size_t n, i;

	if (cp < 0x80) {
		tmp[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		tmp[0] = (char)(0xc0 | cp >> 6);
		tmp[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		tmp[0] = (char)(0xe0 | cp >> 12);
		tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		tmp[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		tmp[0] = (char)(0xf0 | cp >> 18);
		tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		tmp[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	if (*pos + n >= size)
		return -1;
	for (i = 0; i < n; i++)
		out[(*pos)++] = tmp[i];
	return 0;
}

/* UTF-16LE units @u (@n of them, no NUL) to UTF-8; -1 if invalid. */
static int utf16_to_utf8(const uint8_t *u, size_t n, char *out, size_t size)
{
	size_t i, pos = 0;
	uint32_t c, lo;

	for (i = 0; i < n; i++) {
		c = u[2 * i] | (uint32_t)u[2 * i + 1] << 8;
		if (c >= 0xdc00 && c <= 0xdfff)
			return -1;
		if (c >= 0xd800 && c <= 0xdbff) {
			if (i + 1 >= n)
				return -1;
			lo = u[2 * i + 2] | (uint32_t)u[2 * i + 3] << 8;
			if (lo < 0xdc00 || lo > 0xdfff)
				return -1;
			c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
			i++;
		}
		if (!c || put_utf8(out, size, &pos, c))
			return -1;
	}
	out[pos] = '\0';
	return 0;
}

void ndr_pull_wstr(struct ndr_pull *b, char *out, size_t size)
{
	uint32_t max, offset, actual, len;
	const uint8_t *p;

	if (size)
		out[0] = '\0';
	max = ndr_pull_u32(b);
	offset = ndr_pull_u32(b);
	actual = ndr_pull_u32(b);
	if (b->err)
		return;
	if (offset || actual > max || !actual || actual > NDR_STR_MAX + 1) {
		b->err = -EINVAL;
		return;
	}
	p = pull_bytes(b, 2 * (size_t)actual);
	if (!p)
		return;
	if (p[2 * actual - 2] || p[2 * actual - 1] || !size) {
		b->err = -EINVAL;
		return;
	}
	/* The text ends at the first NUL (impacket pads names with NULs). */
	for (len = 0; p[2 * len] || p[2 * len + 1]; len++)
		;
	if (utf16_to_utf8(p, len, out, size))
		b->err = -EINVAL;
}

void ndr_push_struct(struct ndr_push *b, const struct ndr_type *t,
		     const union ndr_val *v)
{
	unsigned int i;

	for (i = 0; i < t->n_fields; i++) {
		switch (t->fields[i]) {
		case NDR_U32:
			ndr_push_u32(b, v[i].u32);
			break;
		case NDR_WSTR:
			ndr_push_ptr(b, v[i].str != NULL);
			break;
		case NDR_NULLPTR:
			ndr_push_ptr(b, 0);
			break;
		}
	}
}

void ndr_push_deferred(struct ndr_push *b, const struct ndr_type *t,
		       const union ndr_val *v)
{
	unsigned int i;

	for (i = 0; i < t->n_fields; i++)
		if (t->fields[i] == NDR_WSTR && v[i].str)
			ndr_push_wstr(b, v[i].str);
}

void ndr_push_struct_array(struct ndr_push *b, const struct ndr_type *t,
			   const union ndr_val *v, unsigned int n)
{
	unsigned int i;

	ndr_push_u32(b, n);
	for (i = 0; i < n; i++)
		ndr_push_struct(b, t, v + (size_t)i * t->n_fields);
	for (i = 0; i < n; i++)
		ndr_push_deferred(b, t, v + (size_t)i * t->n_fields);
}

size_t ndr_struct_size(const struct ndr_type *t, const union ndr_val *v)
{
	size_t size = 0;
	unsigned int i;

	for (i = 0; i < t->n_fields; i++) {
		size += 4;
		/* counts, UTF-16 (at most 2 units per UTF-8 byte), NUL, pad */
		if (t->fields[i] == NDR_WSTR && v[i].str)
			size += 12 + 2 * strlen(v[i].str) + 2 + 3;
	}
	return size;
}
