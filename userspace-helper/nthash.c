// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NT hash (NTOWFv1): all the kernel needs to check NTLM and NTLMv2
 * responses, so the clear password is never stored anywhere.
 */
#include <stdio.h>
#include <string.h>

#include <nettle/md4.h>

#include "nthash.h"
#include "utf16.h"

int nt_hash(const char *password, uint8_t hash[NT_HASH_SIZE])
{
	/* Each UTF-8 byte yields at most one UTF-16 unit. */
	uint8_t buf[PASSWORD_MAX * 2];
	struct md4_ctx ctx;
	long len;

	if (strlen(password) > PASSWORD_MAX)
		return -1;
	len = utf8_to_utf16le(password, buf, sizeof(buf));
	if (len < 0)
		return -1;
	md4_init(&ctx);
	md4_update(&ctx, (size_t)len, buf);
	md4_digest(&ctx, NT_HASH_SIZE, hash);
	/* Do not leave the password in a dead stack frame. */
	explicit_bzero(buf, sizeof(buf));
	explicit_bzero(&ctx, sizeof(ctx));
	return 0;
}

void nt_hash_to_hex(const uint8_t hash[NT_HASH_SIZE], char hex[33])
{
	int i;

	for (i = 0; i < NT_HASH_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", hash[i]);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int nt_hash_from_hex(const char *hex, uint8_t hash[NT_HASH_SIZE])
{
	int i, hi, lo;

	if (strlen(hex) != 2 * NT_HASH_SIZE)
		return -1;
	for (i = 0; i < NT_HASH_SIZE; i++) {
		hi = hexval(hex[2 * i]);
		lo = hexval(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		hash[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}
