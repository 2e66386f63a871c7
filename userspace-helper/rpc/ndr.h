/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NDR (C706 chapter 14, MS-RPCE 2.2.5) for the few types the server's
 * RPC interfaces use: little-endian integers, unique and full pointers,
 * conformant varying UTF-16 strings ([string] wchar_t *), and structs of
 * those, described by tables (struct ndr_type) so that every info level
 * of srvsvc and wkssvc is one table, not one hand-written encoder.
 *
 * Encoding (struct ndr_push) and decoding (struct ndr_pull) both keep a
 * sticky error: after the first failure every call does nothing, and
 * the caller checks ->err once at the end. A pull never reads outside
 * its buffer, whatever the input says.
 */
#ifndef KCIFSCTL_NDR_H
#define KCIFSCTL_NDR_H

#include <stddef.h>
#include <stdint.h>

/* Longest string accepted from a client, in UTF-16 code units. */
#define NDR_STR_MAX	1024

struct ndr_push {
	uint8_t *data;
	size_t len;
	size_t cap;
	size_t limit;		/* -ENOSPC beyond this many bytes */
	uint32_t next_ref;	/* referent ids handed out */
	int err;		/* 0 or -errno, sticky */
};

struct ndr_pull {
	const uint8_t *data;
	size_t len;
	size_t off;
	int err;		/* 0 or -EINVAL, sticky */
};

/* Encoding. ndr_push_free() also for a failed buffer. */
void ndr_push_init(struct ndr_push *b, size_t limit);
void ndr_push_free(struct ndr_push *b);
void ndr_push_align(struct ndr_push *b, size_t n);
void ndr_push_bytes(struct ndr_push *b, const void *p, size_t n);
void ndr_push_zero(struct ndr_push *b, size_t n);
void ndr_push_u8(struct ndr_push *b, uint8_t v);
void ndr_push_u16(struct ndr_push *b, uint16_t v);
void ndr_push_u32(struct ndr_push *b, uint32_t v);
/* A unique pointer's referent id: 0 for NULL, else a fresh one. */
void ndr_push_ptr(struct ndr_push *b, int present);
/*
 * The pointee of a [string] wchar_t *: MaximumCount, Offset 0,
 * ActualCount, UTF-16LE with its NUL. @s is UTF-8; invalid UTF-8 is
 * -EINVAL.
 */
void ndr_push_wstr(struct ndr_push *b, const char *s);
/* Overwrite a u32 pushed earlier at @off (counts known only later). */
void ndr_push_u32_at(struct ndr_push *b, size_t off, uint32_t v);

/* Decoding. */
void ndr_pull_init(struct ndr_pull *b, const void *data, size_t len);
void ndr_pull_align(struct ndr_pull *b, size_t n);
uint8_t ndr_pull_u8(struct ndr_pull *b);
uint16_t ndr_pull_u16(struct ndr_pull *b);
uint32_t ndr_pull_u32(struct ndr_pull *b);
/* A unique pointer: 1 if a referent follows, 0 for NULL. */
int ndr_pull_ptr(struct ndr_pull *b);
/*
 * A [string] wchar_t pointee into @out (UTF-8, NUL-terminated, @size
 * bytes): the counts must agree (Offset 0, ActualCount <= MaximumCount,
 * at most NDR_STR_MAX, the last unit NUL) and the text, up to its first
 * NUL, must be valid UTF-16 that fits @out, else -EINVAL.
 */
void ndr_pull_wstr(struct ndr_pull *b, char *out, size_t size);

/*
 * Table-driven structs. Every field of the server's info structs is a
 * 32-bit integer, a unique pointer to a string, or a pointer that is
 * always NULL (the security descriptor of SHARE_INFO_502, which needs
 * admin rights nobody has here).
 */
enum ndr_kind {
	NDR_U32,
	NDR_WSTR,	/* [string, unique] wchar_t * */
	NDR_NULLPTR,	/* a unique pointer sent as NULL */
};

struct ndr_type {
	const char *name;
	unsigned int n_fields;
	const enum ndr_kind *fields;
};

/* One field's value; NDR_WSTR with str NULL is a NULL pointer. */
union ndr_val {
	uint32_t u32;
	const char *str;
};

/* Most fields any table has. */
#define NDR_MAX_FIELDS	12

/* A struct's fixed part, then (separately) what its pointers point to. */
void ndr_push_struct(struct ndr_push *b, const struct ndr_type *t,
		     const union ndr_val *v);
void ndr_push_deferred(struct ndr_push *b, const struct ndr_type *t,
		       const union ndr_val *v);
/*
 * A conformant array of @n structs whose values are @v[0..n*n_fields):
 * MaximumCount, every fixed part, then every struct's pointees in order
 * (C706 14.3.12.3).
 */
void ndr_push_struct_array(struct ndr_push *b, const struct ndr_type *t,
			   const union ndr_val *v, unsigned int n);

/* Bytes one struct will take at most, for PreferedMaximumLength. */
size_t ndr_struct_size(const struct ndr_type *t, const union ndr_val *v);

#endif /* KCIFSCTL_NDR_H */
