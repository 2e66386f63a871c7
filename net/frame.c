// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transport framing codecs for Direct TCP (MS-SMB 2.1) and the NetBIOS
 * session service (RFC 1002 4.3). Everything here reads bytes a client
 * sent before any authentication, so every length is checked.
 */

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "net/frame.h"

/* RFC 1001 14.1: first-level encoding spends 32 bytes on a 16-byte name. */
#define NBT_FIRST_LABEL_LEN	(2 * KCIFSD_NBT_NAME_LEN)
/* RFC 883: a label is at most 63 bytes, a whole name at most 255. */
#define NBT_MAX_LABEL_LEN	63
#define NBT_MAX_ENCODED_LEN	255

/**
 * kcifsd_frame_parse() - decode a 4-byte transport header
 * @hdr: the header as received
 * @netbios: true on the NetBIOS session service (port 139), false on
 *	Direct TCP (port 445)
 * @type: out: the RFC 1002 packet type; always KCIFSD_NBT_SESSION_MESSAGE
 *	on Direct TCP, which has no other kind of frame
 * @len: out: the length of what follows the header
 *
 * Direct TCP (MS-SMB 2.1): byte 0 is zero, bytes 1-3 a 24-bit big-endian
 * length. NetBIOS (RFC 1002 4.3.1): byte 0 the packet type, byte 1 the
 * flags (only the E bit, which extends the length to 17 bits), bytes 2-3
 * a 16-bit big-endian length. The caller checks the length against what
 * the packet type allows and against its own limits.
 *
 * Return: 0, or -EPROTO for a nonzero byte 0 on Direct TCP, an unknown
 * NetBIOS packet type or reserved NetBIOS flag bits. @type and @len are
 * only written on success.
 */
int kcifsd_frame_parse(const u8 hdr[KCIFSD_FRAME_HDR_SIZE], bool netbios,
		       u8 *type, u32 *len)
{
	if (!netbios) {
		if (hdr[0] != 0)
			return -EPROTO;
		*type = KCIFSD_NBT_SESSION_MESSAGE;
		*len = ((u32)hdr[1] << 16) | get_unaligned_be16(&hdr[2]);
		return 0;
	}

	switch (hdr[0]) {
	case KCIFSD_NBT_SESSION_MESSAGE:
	case KCIFSD_NBT_SESSION_REQUEST:
	case KCIFSD_NBT_POSITIVE_RESPONSE:
	case KCIFSD_NBT_NEGATIVE_RESPONSE:
	case KCIFSD_NBT_RETARGET_RESPONSE:
	case KCIFSD_NBT_SESSION_KEEP_ALIVE:
		break;
	default:
		return -EPROTO;
	}
	if (hdr[1] & ~KCIFSD_NBT_FLAG_E)
		return -EPROTO;

	*type = hdr[0];
	*len = ((u32)(hdr[1] & KCIFSD_NBT_FLAG_E) << 16) |
	       get_unaligned_be16(&hdr[2]);
	return 0;
}

/**
 * kcifsd_frame_build() - encode a 4-byte transport header
 * @hdr: out: the header to send
 * @netbios: true on the NetBIOS session service, false on Direct TCP
 * @type: RFC 1002 packet type; must be KCIFSD_NBT_SESSION_MESSAGE on
 *	Direct TCP
 * @len: length of what follows the header; at most
 *	KCIFSD_FRAME_NBT_MAX_LEN on NetBIOS, KCIFSD_FRAME_TCP_MAX_LEN on
 *	Direct TCP
 *
 * The inverse of kcifsd_frame_parse() (MS-SMB 2.1, RFC 1002 4.3.1). A
 * length or type the transport cannot carry is a bug in the caller: it
 * warns once and the length is cut to the field's width.
 */
void kcifsd_frame_build(u8 hdr[KCIFSD_FRAME_HDR_SIZE], bool netbios,
			u8 type, u32 len)
{
	if (!netbios) {
		WARN_ON_ONCE(type != KCIFSD_NBT_SESSION_MESSAGE ||
			     len > KCIFSD_FRAME_TCP_MAX_LEN);
		hdr[0] = 0;
		hdr[1] = (len >> 16) & 0xff;
	} else {
		WARN_ON_ONCE(len > KCIFSD_FRAME_NBT_MAX_LEN);
		hdr[0] = type;
		hdr[1] = (len >> 16) & KCIFSD_NBT_FLAG_E;
	}
	put_unaligned_be16(len & 0xffff, &hdr[2]);
}

/* Decode one RFC 1002 4.1 encoded name at @p (at most @avail bytes):
 * a 0x20 length byte, 32 characters 'A'..'P' each carrying a half-octet
 * (RFC 1001 14.1), then scope labels, then a zero length byte. The scope
 * is validated and dropped; label pointers (compression) are not allowed
 * in a session request. Returns the bytes consumed or -EPROTO.
 */
static int nbt_decode_name(const u8 *p, u32 avail,
			   char name[KCIFSD_NBT_NAME_LEN])
{
	u32 pos, i;

	if (avail > NBT_MAX_ENCODED_LEN)
		avail = NBT_MAX_ENCODED_LEN;
	if (avail < 1 + NBT_FIRST_LABEL_LEN + 1 || p[0] != NBT_FIRST_LABEL_LEN)
		return -EPROTO;

	for (i = 0; i < KCIFSD_NBT_NAME_LEN; i++) {
		u8 hi = p[1 + 2 * i], lo = p[2 + 2 * i];

		if (hi < 'A' || hi > 'P' || lo < 'A' || lo > 'P')
			return -EPROTO;
		name[i] = ((hi - 'A') << 4) | (lo - 'A');
	}

	/* Scope labels; the loop ends on the terminating zero length. */
	pos = 1 + NBT_FIRST_LABEL_LEN;
	for (;;) {
		u8 label;

		if (pos >= avail)
			return -EPROTO;
		label = p[pos];
		if (label == 0)
			return pos + 1;
		if (label > NBT_MAX_LABEL_LEN)
			return -EPROTO;
		pos += 1 + label;
	}
}

/**
 * kcifsd_nbt_parse_session_request() - decode a SESSION REQUEST body
 * @body: the bytes after the 4-byte header of a KCIFSD_NBT_SESSION_REQUEST
 * @len: the header's length
 * @called: out: the decoded CALLED NAME, 16 bytes, not NUL-terminated
 *	(15 characters space padded, then the suffix byte, 0x20 for a server)
 * @calling: out: the decoded CALLING NAME, same form
 *
 * RFC 1002 4.3.2: the body is exactly the called name then the calling
 * name, each in the RFC 1001 14.1 first-level encoding with an optional
 * scope (RFC 1002 4.1). Every length byte is checked against @len;
 * trailing bytes after the calling name are rejected too.
 *
 * Return: 0, or -EPROTO for a malformed body. @called and @calling may
 * hold partial results on failure.
 */
int kcifsd_nbt_parse_session_request(const u8 *body, u32 len,
				     char called[KCIFSD_NBT_NAME_LEN],
				     char calling[KCIFSD_NBT_NAME_LEN])
{
	int n1, n2;

	if (len < KCIFSD_NBT_SESSION_REQUEST_MIN ||
	    len > KCIFSD_NBT_SESSION_REQUEST_MAX)
		return -EPROTO;

	n1 = nbt_decode_name(body, len, called);
	if (n1 < 0)
		return n1;
	n2 = nbt_decode_name(body + n1, len - n1, calling);
	if (n2 < 0)
		return n2;
	if ((u32)(n1 + n2) != len)
		return -EPROTO;
	return 0;
}
