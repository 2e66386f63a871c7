/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Transport framing: the 4-byte header in front of every SMB message on
 * Direct TCP (port 445, MS-SMB 2.1) and on the NetBIOS session service
 * (port 139, RFC 1002 4.3), and the NetBIOS SESSION REQUEST body.
 *
 * Pure codecs: no sockets, no allocation, so KUnit can test them and both
 * TCP transports (net/tcp.c, net/nbt.c) share them.
 */
#ifndef _KCIFSD_FRAME_H
#define _KCIFSD_FRAME_H

#include <linux/types.h>

/* Size of the framing header on both transports. */
#define KCIFSD_FRAME_HDR_SIZE		4

/* Largest length each header can carry. */
#define KCIFSD_FRAME_TCP_MAX_LEN	0xFFFFFFU	/* 24 bits */
#define KCIFSD_FRAME_NBT_MAX_LEN	0x1FFFFU	/* 17 bits */

/* RFC 1002 4.3.1: session packet types (byte 0 of the header). */
#define KCIFSD_NBT_SESSION_MESSAGE	0x00
#define KCIFSD_NBT_SESSION_REQUEST	0x81
#define KCIFSD_NBT_POSITIVE_RESPONSE	0x82
#define KCIFSD_NBT_NEGATIVE_RESPONSE	0x83
#define KCIFSD_NBT_RETARGET_RESPONSE	0x84
#define KCIFSD_NBT_SESSION_KEEP_ALIVE	0x85

/* RFC 1002 4.3.1: flags byte; only E (length extension, bit 16) is defined. */
#define KCIFSD_NBT_FLAG_E		0x01

/* RFC 1002 4.3.4: NEGATIVE SESSION RESPONSE error codes (1-byte body). */
#define KCIFSD_NBT_ERR_NOT_LISTENING_CALLED	0x80
#define KCIFSD_NBT_ERR_NOT_LISTENING_CALLING	0x81
#define KCIFSD_NBT_ERR_CALLED_NOT_PRESENT	0x82
#define KCIFSD_NBT_ERR_INSUFFICIENT_RESOURCES	0x83
#define KCIFSD_NBT_ERR_UNSPECIFIED		0x8F

/* A NetBIOS name: 15 characters (space padded) and a suffix byte. */
#define KCIFSD_NBT_NAME_LEN		16

/* SESSION REQUEST body: two encoded names. Without scope labels each is
 * 1 + 32 + 1 = 34 bytes; an encoded name is at most 255 bytes (RFC 1002
 * 4.1, RFC 883 domain name limit).
 */
#define KCIFSD_NBT_ENCODED_NAME_LEN	34
#define KCIFSD_NBT_SESSION_REQUEST_MIN	(2 * KCIFSD_NBT_ENCODED_NAME_LEN)
#define KCIFSD_NBT_SESSION_REQUEST_MAX	(2 * 255)

int kcifsd_frame_parse(const u8 hdr[KCIFSD_FRAME_HDR_SIZE], bool netbios,
		       u8 *type, u32 *len);
void kcifsd_frame_build(u8 hdr[KCIFSD_FRAME_HDR_SIZE], bool netbios,
			u8 type, u32 len);
int kcifsd_nbt_parse_session_request(const u8 *body, u32 len,
				     char called[KCIFSD_NBT_NAME_LEN],
				     char calling[KCIFSD_NBT_NAME_LEN]);

#endif /* _KCIFSD_FRAME_H */
