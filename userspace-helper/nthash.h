/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KCIFSCTL_NTHASH_H
#define KCIFSCTL_NTHASH_H

#include <stdint.h>

#define NT_HASH_SIZE		16
/* Longest password accepted, in UTF-8 bytes (Windows allows 256 chars). */
#define PASSWORD_MAX		256

/*
 * NT hash of UTF-8 @password: MD4(UTF-16LE(password)), MS-NLMP 3.3.1
 * (NTOWFv1). Returns 0, or -1 if the password is not valid UTF-8 or
 * longer than PASSWORD_MAX.
 */
int nt_hash(const char *password, uint8_t hash[NT_HASH_SIZE]);

/* Lower-case hex of @hash into @hex (33 bytes). */
void nt_hash_to_hex(const uint8_t hash[NT_HASH_SIZE], char hex[33]);

/* Parse 32 hex digits; returns 0 or -1. */
int nt_hash_from_hex(const char *hex, uint8_t hash[NT_HASH_SIZE]);

#endif /* KCIFSCTL_NTHASH_H */
