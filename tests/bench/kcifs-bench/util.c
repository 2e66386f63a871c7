// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcifs-bench helpers (see util.h).
 */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "util.h"

int verbose;

static void vmsg(const char *fmt, va_list ap)
{
	fputs("kcifs-bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void warnx_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void dbg(const char *fmt, ...)
{
	va_list ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *xzalloc(size_t n)
{
	void *p = xmalloc(n);

	memset(p, 0, n);
	return p;
}

void buf_init(struct buf *b, size_t cap)
{
	b->p = xmalloc(cap);
	b->len = 0;
	b->cap = cap;
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

uint8_t *buf_room(struct buf *b, size_t n)
{
	uint8_t *p;

	if (b->len + n > b->cap) {
		while (b->len + n > b->cap)
			b->cap = b->cap ? 2 * b->cap : 256;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			die("out of memory");
	}
	p = b->p + b->len;
	b->len += n;
	return p;
}

void buf_u8(struct buf *b, uint8_t v)
{
	*buf_room(b, 1) = v;
}

void buf_u16(struct buf *b, uint16_t v)
{
	put16(buf_room(b, 2), v);
}

void buf_u32(struct buf *b, uint32_t v)
{
	put32(buf_room(b, 4), v);
}

void buf_u64(struct buf *b, uint64_t v)
{
	put64(buf_room(b, 8), v);
}

void buf_mem(struct buf *b, const void *p, size_t n)
{
	if (n)
		memcpy(buf_room(b, n), p, n);
}

void buf_zero(struct buf *b, size_t n)
{
	memset(buf_room(b, n), 0, n);
}

/* ASCII only: names and paths of the benchmark are plain. */
size_t utf16_from_ascii(uint8_t *out, const char *s, bool upper)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		out[2 * i] = upper ? toupper((unsigned char)s[i]) : s[i];
		out[2 * i + 1] = 0;
	}
	return 2 * i;
}

void buf_utf16(struct buf *b, const char *s, bool nul)
{
	size_t n = strlen(s);

	utf16_from_ascii(buf_room(b, 2 * n), s, false);
	if (nul)
		buf_u16(b, 0);
}

/* Pad so that the next byte is at a multiple of @a from @base. */
void buf_align(struct buf *b, size_t base, size_t a)
{
	while ((b->len - base) % a)
		buf_u8(b, 0);
}

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* 100 ns ticks since 1601 (MS-DTYP 2.3.3). */
uint64_t filetime_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec + 11644473600ULL) * 10000000ULL +
	       ts.tv_nsec / 100;
}

void random_bytes(void *p, size_t n)
{
	uint8_t *b = p;
	ssize_t r;

	while (n) {
		r = getrandom(b, n, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			die("getrandom: %s", strerror(errno));
		}
		b += r;
		n -= r;
	}
}

static uint64_t pattern_word(uint64_t idx, uint64_t seed)
{
	uint64_t x = (idx + seed) * 0x9E3779B97F4A7C15ULL;

	x ^= x >> 29;
	x *= 0xBF58476D1CE4E5B9ULL;
	return x ^ (x >> 32);
}

static uint8_t pattern_byte(uint64_t off, uint64_t seed)
{
	return pattern_word(off >> 3, seed) >> ((off & 7) * 8);
}

void pattern_fill(uint8_t *p, uint64_t off, size_t len, uint64_t seed)
{
	while (len && (off & 7)) {
		*p++ = pattern_byte(off++, seed);
		len--;
	}
	while (len >= 8) {
		put64(p, pattern_word(off >> 3, seed));
		p += 8;
		off += 8;
		len -= 8;
	}
	while (len--)
		*p++ = pattern_byte(off++, seed);
}

/* Returns -1 if all match, else the offset of the first mismatch. */
int64_t pattern_check(const uint8_t *p, uint64_t off, size_t len,
		      uint64_t seed)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((i == 0 || ((off + i) & 7) == 0) && len - i >= 8 &&
		    !((off + i) & 7) &&
		    get64(p + i) == pattern_word((off + i) >> 3, seed)) {
			i += 7;
			continue;
		}
		if (p[i] != pattern_byte(off + i, seed))
			return off + i;
	}
	return -1;
}

/*
 * Values below 32 are exact; above, the top five bits (16 steps per power
 * of two) pick the bucket: bucket (m, s) ends at (s + 1) << m.
 */
static void hist_index(uint64_t v, int *major, int *sub)
{
	int k;

	if (v < HIST_SUB) {
		*major = 0;
		*sub = v;
		return;
	}
	k = 63 - __builtin_clzll(v);
	*major = k - 4;
	*sub = v >> (k - 4);
}

void hist_add(struct hist *h, uint64_t v)
{
	int m, s;

	hist_index(v, &m, &s);
	h->b[m][s]++;
	h->count++;
	h->sum += v;
	if (v > h->max)
		h->max = v;
}

void hist_merge(struct hist *into, const struct hist *h)
{
	int m, s;

	for (m = 0; m < HIST_MAJOR; m++)
		for (s = 0; s < HIST_SUB; s++)
			into->b[m][s] += h->b[m][s];
	into->count += h->count;
	into->sum += h->sum;
	if (h->max > into->max)
		into->max = h->max;
}

/* The upper edge of the bucket holding the @pct percentile. */
uint64_t hist_pct(const struct hist *h, double pct)
{
	uint64_t want, seen = 0;
	int m, s;

	if (!h->count)
		return 0;
	want = (uint64_t)(pct / 100.0 * h->count + 0.5);
	if (want < 1)
		want = 1;
	for (m = 0; m < HIST_MAJOR; m++) {
		for (s = 0; s < HIST_SUB; s++) {
			seen += h->b[m][s];
			if (seen >= want) {
				uint64_t edge = ((uint64_t)s + 1) << m;

				return edge < h->max ? edge : h->max;
			}
		}
	}
	return h->max;
}

/* "64k", "1m", "4096", "2g": bytes. */
uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		die("bad size '%s'", s);
	switch (tolower((unsigned char)*end)) {
	case 'k':
		v <<= 10;
		end++;
		break;
	case 'm':
		v <<= 20;
		end++;
		break;
	case 'g':
		v <<= 30;
		end++;
		break;
	case '\0':
		break;
	default:
		die("bad size '%s'", s);
	}
	if (*end && !(tolower((unsigned char)*end) == 'b' && !end[1]))
		die("bad size '%s'", s);
	return v;
}
