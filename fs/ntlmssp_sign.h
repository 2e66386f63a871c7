/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NTLMSSP message signatures with extended session security (MS-NLMP
 * 3.4.4.2, keys of 3.4.5.2/3.4.5.3), as SPNEGO uses them for the
 * mechListMIC of an NTLMSSP logon (RFC 4178 5): the MAC of the client's
 * DER MechTypeList under sequence number 0, the first message of each
 * direction's signing context. Samba's clients insist on the server's
 * mechListMIC once their AUTHENTICATE_MESSAGE carries a MIC and they
 * asked NTLMSSP for signing.
 *
 *   after kcifsd_ntlmssp_authenticate() succeeded, with its session key
 *   and the flags in effect (CHALLENGE flags & AUTHENTICATE flags):
 *     kcifsd_ntlmssp_mic_check(key, flags, mech_types, len, their_mic)
 *     kcifsd_ntlmssp_mic(key, flags, true, mech_types, len, our_mic)
 */
#ifndef _KCIFSD_NTLMSSP_SIGN_H
#define _KCIFSD_NTLMSSP_SIGN_H

#include <linux/types.h>

/* NTLMSSP_MESSAGE_SIGNATURE: Version(4), Checksum(8), SeqNum(4) */
#define KCIFSD_NTLMSSP_MAC_SIZE		16

int kcifsd_ntlmssp_sign_keys(const u8 *session_key, u32 flags, bool server,
			     u8 *sign_key, u8 *seal_key);
int kcifsd_ntlmssp_mic(const u8 *session_key, u32 flags, bool server,
		       const u8 *data, u32 len, u8 *mic);
int kcifsd_ntlmssp_mic_check(const u8 *session_key, u32 flags,
			     const u8 *data, u32 len, const u8 *mic,
			     u32 mic_len);

#endif /* _KCIFSD_NTLMSSP_SIGN_H */
