/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kcifs-bench helpers: errors, little-endian access, a growable byte
 * buffer for building messages, clocks, the data pattern and a latency
 * histogram.
 */
#ifndef KCIFS_BENCH_UTIL_H
#define KCIFS_BENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern int verbose;

void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void dbg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xmalloc(size_t n);
void *xzalloc(size_t n);

static inline uint16_t get16(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)(b[0] | b[1] << 8);
}

static inline uint32_t get32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static inline uint64_t get64(const void *p)
{
	return get32(p) | (uint64_t)get32((const uint8_t *)p + 4) << 32;
}

static inline void put16(void *p, uint16_t v)
{
	uint8_t *b = p;

	b[0] = v;
	b[1] = v >> 8;
}

static inline void put32(void *p, uint32_t v)
{
	put16(p, v);
	put16((uint8_t *)p + 2, v >> 16);
}

static inline void put64(void *p, uint64_t v)
{
	put32(p, v);
	put32((uint8_t *)p + 4, v >> 32);
}

/* A message under construction. */
struct buf {
	uint8_t *p;
	size_t len, cap;
};

void buf_init(struct buf *b, size_t cap);
void buf_free(struct buf *b);
uint8_t *buf_room(struct buf *b, size_t n);
void buf_u8(struct buf *b, uint8_t v);
void buf_u16(struct buf *b, uint16_t v);
void buf_u32(struct buf *b, uint32_t v);
void buf_u64(struct buf *b, uint64_t v);
void buf_mem(struct buf *b, const void *p, size_t n);
void buf_zero(struct buf *b, size_t n);
void buf_utf16(struct buf *b, const char *s, bool nul);
void buf_align(struct buf *b, size_t base, size_t a);

size_t utf16_from_ascii(uint8_t *out, const char *s, bool upper);

uint64_t now_ns(void);
uint64_t filetime_now(void);
void random_bytes(void *p, size_t n);

/* Every byte of a file written with --verify is a function of its offset. */
void pattern_fill(uint8_t *p, uint64_t off, size_t len, uint64_t seed);
int64_t pattern_check(const uint8_t *p, uint64_t off, size_t len,
		      uint64_t seed);

/* Latencies in nanoseconds, log-linear buckets (about 3% resolution). */
#define HIST_SUB	32
#define HIST_MAJOR	60
struct hist {
	uint64_t count;
	uint64_t sum;
	uint64_t max;
	uint64_t b[HIST_MAJOR][HIST_SUB];
};

void hist_add(struct hist *h, uint64_t v);
void hist_merge(struct hist *into, const struct hist *h);
uint64_t hist_pct(const struct hist *h, double pct);

uint64_t parse_size(const char *s);

#endif
