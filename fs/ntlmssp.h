/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NTLMSSP messages for the server side of SMB1 extended security
 * (MS-NLMP 2.2.1, 3.2.5): NEGOTIATE_MESSAGE in, CHALLENGE_MESSAGE out,
 * AUTHENTICATE_MESSAGE in, and the exported session key that becomes the
 * SMB session key (MS-SMB 3.3.5.3).
 *
 * A SESSION_SETUP handler runs, per logon:
 *
 *   leg 1: kcifsd_ntlmssp_negotiate(), kcifsd_ntlmssp_challenge()
 *   leg 2: kcifsd_ntlmssp_parse_authenticate(), look the user up,
 *          kcifsd_ntlmssp_authenticate(), kcifsd_ntlmssp_state_free()
 */
#ifndef _KCIFSD_NTLMSSP_H
#define _KCIFSD_NTLMSSP_H

#include <linux/types.h>

#include "fs/ntlm.h"

#define KCIFSD_NTLMSSP_SIGNATURE_SIZE	8	/* "NTLMSSP\0" */
#define KCIFSD_NTLMSSP_NEGOTIATE	1	/* MessageType values */
#define KCIFSD_NTLMSSP_CHALLENGE	2
#define KCIFSD_NTLMSSP_AUTHENTICATE	3
/* Longest message accepted: an SMB SecurityBlobLength is 16 bits */
#define KCIFSD_NTLMSSP_MAX_MSG		0xffff
/* Longest target name the server announces, in UTF-8 bytes */
#define KCIFSD_NTLMSSP_MAX_TARGET	255

/* NegotiateFlags (MS-NLMP 2.2.2.5) */
#define NTLMSSP_NEGOTIATE_UNICODE			0x00000001
#define NTLM_NEGOTIATE_OEM				0x00000002
#define NTLMSSP_REQUEST_TARGET				0x00000004
#define NTLMSSP_NEGOTIATE_SIGN				0x00000010
#define NTLMSSP_NEGOTIATE_SEAL				0x00000020
#define NTLMSSP_NEGOTIATE_DATAGRAM			0x00000040
#define NTLMSSP_NEGOTIATE_LM_KEY			0x00000080
#define NTLMSSP_NEGOTIATE_NTLM				0x00000200
#define NTLMSSP_ANONYMOUS				0x00000800
#define NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED		0x00001000
#define NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED	0x00002000
#define NTLMSSP_NEGOTIATE_ALWAYS_SIGN			0x00008000
#define NTLMSSP_TARGET_TYPE_DOMAIN			0x00010000
#define NTLMSSP_TARGET_TYPE_SERVER			0x00020000
#define NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY	0x00080000
#define NTLMSSP_NEGOTIATE_IDENTIFY			0x00100000
#define NTLMSSP_REQUEST_NON_NT_SESSION_KEY		0x00400000
#define NTLMSSP_NEGOTIATE_TARGET_INFO			0x00800000
#define NTLMSSP_NEGOTIATE_VERSION			0x02000000
#define NTLMSSP_NEGOTIATE_128				0x20000000
#define NTLMSSP_NEGOTIATE_KEY_EXCH			0x40000000
#define NTLMSSP_NEGOTIATE_56				0x80000000

/* AV_PAIR AvId (MS-NLMP 2.2.2.1) */
#define NTLMSSP_AV_EOL			0
#define NTLMSSP_AV_NB_COMPUTER_NAME	1
#define NTLMSSP_AV_NB_DOMAIN_NAME	2
#define NTLMSSP_AV_DNS_COMPUTER_NAME	3
#define NTLMSSP_AV_DNS_DOMAIN_NAME	4
#define NTLMSSP_AV_DNS_TREE_NAME	5
#define NTLMSSP_AV_FLAGS		6
#define NTLMSSP_AV_TIMESTAMP		7
#define NTLMSSP_AV_SINGLE_HOST		8
#define NTLMSSP_AV_TARGET_NAME		9
#define NTLMSSP_AV_CHANNEL_BINDINGS	10
/* MsvAvFlags value bits */
#define NTLMSSP_AV_FLAG_MIC_PRESENT	0x00000002

/* Fixed parts of the messages (MS-NLMP 2.2.1.1-2.2.1.3) */
#define KCIFSD_NTLMSSP_NEGOTIATE_MIN	16	/* up to NegotiateFlags */
#define KCIFSD_NTLMSSP_CHALLENGE_HDR	56	/* with Version */
#define KCIFSD_NTLMSSP_AUTH_MIN		64	/* up to NegotiateFlags */
#define KCIFSD_NTLMSSP_AUTH_MIC_OFF	72	/* after Version */
#define KCIFSD_NTLMSSP_MIC_SIZE		16

/**
 * struct kcifsd_ntlmssp_field - a message's Len/MaxLen/BufferOffset
 *	triple (MS-NLMP 2.2.1.1 DomainNameFields and the like)
 * @len: bytes of payload
 * @max_len: SHOULD equal @len; ignored
 * @offset: from the start of the message
 */
struct kcifsd_ntlmssp_field {
	__le16 len;
	__le16 max_len;
	__le32 offset;
} __packed;

/**
 * struct kcifsd_ntlmssp_challenge_msg - CHALLENGE_MESSAGE fixed part
 *	(MS-NLMP 2.2.1.2); the payload (TargetName, TargetInfo) follows
 * @signature: "NTLMSSP\0"
 * @type: KCIFSD_NTLMSSP_CHALLENGE
 * @target_name: TargetNameFields
 * @flags: NegotiateFlags the server selected
 * @server_challenge: the 8-byte nonce
 * @reserved: zero
 * @target_info: TargetInfoFields (AV pairs)
 * @version: VERSION (MS-NLMP 2.2.2.10), zero unless negotiated
 */
struct kcifsd_ntlmssp_challenge_msg {
	u8 signature[KCIFSD_NTLMSSP_SIGNATURE_SIZE];
	__le32 type;
	struct kcifsd_ntlmssp_field target_name;
	__le32 flags;
	u8 server_challenge[KCIFSD_NTLM_CHALLENGE_SIZE];
	u8 reserved[8];
	struct kcifsd_ntlmssp_field target_info;
	u8 version[8];
} __packed;

/**
 * struct kcifsd_ntlmssp_auth_msg - AUTHENTICATE_MESSAGE up to and
 *	including NegotiateFlags (MS-NLMP 2.2.1.3); Version and MIC follow
 *	when present, then the payload
 * @signature: "NTLMSSP\0"
 * @type: KCIFSD_NTLMSSP_AUTHENTICATE
 * @lm: LmChallengeResponseFields
 * @nt: NtChallengeResponseFields
 * @domain: DomainNameFields
 * @user: UserNameFields
 * @workstation: WorkstationFields
 * @enc_key: EncryptedRandomSessionKeyFields
 * @flags: NegotiateFlags
 */
struct kcifsd_ntlmssp_auth_msg {
	u8 signature[KCIFSD_NTLMSSP_SIGNATURE_SIZE];
	__le32 type;
	struct kcifsd_ntlmssp_field lm;
	struct kcifsd_ntlmssp_field nt;
	struct kcifsd_ntlmssp_field domain;
	struct kcifsd_ntlmssp_field user;
	struct kcifsd_ntlmssp_field workstation;
	struct kcifsd_ntlmssp_field enc_key;
	__le32 flags;
} __packed;

/**
 * struct kcifsd_ntlmssp_target - what the server says about itself in
 *	the CHALLENGE_MESSAGE (MS-NLMP 3.2.5.1.1); names in UTF-8, at most
 *	KCIFSD_NTLMSSP_MAX_TARGET bytes each
 * @nb_computer: NetBIOS computer name: TargetName and MsvAvNbComputerName
 * @nb_domain: NetBIOS domain or workgroup: MsvAvNbDomainName
 * @dns_computer: MsvAvDnsComputerName, omitted if NULL or empty
 * @dns_domain: MsvAvDnsDomainName, omitted if NULL or empty
 * @timestamp: MsvAvTimestamp, a FILETIME; 0 means now
 * @challenge: 8-byte ServerChallenge; NULL means random, which is what a
 *	server must use (a fixed one is for test vectors only)
 */
struct kcifsd_ntlmssp_target {
	const char *nb_computer;
	const char *nb_domain;
	const char *dns_computer;
	const char *dns_domain;
	u64 timestamp;
	const u8 *challenge;
};

/**
 * struct kcifsd_ntlmssp_state - one logon in progress, between the legs
 * @client_flags: NEGOTIATE_MESSAGE.NegotiateFlags
 * @flags: NegotiateFlags this server chose (CHALLENGE_MESSAGE)
 * @server_challenge: the challenge sent
 * @negotiate: copy of the NEGOTIATE_MESSAGE, for the MIC
 * @negotiate_len: its length
 * @challenge: the CHALLENGE_MESSAGE as sent (also for the MIC)
 * @challenge_len: its length
 *
 * Start zeroed; release with kcifsd_ntlmssp_state_free().
 */
struct kcifsd_ntlmssp_state {
	u32 client_flags;
	u32 flags;
	u8 server_challenge[KCIFSD_NTLM_CHALLENGE_SIZE];
	u8 *negotiate;
	u32 negotiate_len;
	u8 *challenge;
	u32 challenge_len;
};

/**
 * struct kcifsd_ntlmssp_auth - a parsed AUTHENTICATE_MESSAGE; pointers
 *	point into the message, NULL for empty fields
 * @flags: NegotiateFlags
 * @unicode: names are UTF-16LE (NTLMSSP_NEGOTIATE_UNICODE), else OEM
 * @anonymous: empty user name and NT response, LM response empty or Z(1):
 *	the ANONYMOUS logon of MS-NLMP 3.2.5.1.2
 * @has_mic: the NTLMv2 response's MsvAvFlags announce a MIC (at offset
 *	KCIFSD_NTLMSSP_AUTH_MIC_OFF)
 * @lm: LmChallengeResponse
 * @lm_len: its length
 * @nt: NtChallengeResponse
 * @nt_len: its length
 * @domain: DomainName
 * @domain_len: its length
 * @user: UserName
 * @user_len: its length
 * @workstation: Workstation
 * @workstation_len: its length
 * @enc_key: EncryptedRandomSessionKey
 * @enc_key_len: its length
 */
struct kcifsd_ntlmssp_auth {
	u32 flags;
	bool unicode;
	bool anonymous;
	bool has_mic;
	const u8 *lm;
	u32 lm_len;
	const u8 *nt;
	u32 nt_len;
	const u8 *domain;
	u32 domain_len;
	const u8 *user;
	u32 user_len;
	const u8 *workstation;
	u32 workstation_len;
	const u8 *enc_key;
	u32 enc_key_len;
};

/**
 * struct kcifsd_ntlmssp_result - a successful NTLMSSP logon
 * @scheme: which response verified
 * @session_key: ExportedSessionKey, the SMB session and signing key
 *	(MS-SMB 3.3.5.3)
 */
struct kcifsd_ntlmssp_result {
	enum kcifsd_ntlm_scheme scheme;
	u8 session_key[KCIFSD_NTLM_KEY_SIZE];
};

int kcifsd_ntlmssp_negotiate(struct kcifsd_ntlmssp_state *st,
			     const u8 *msg, u32 len);
int kcifsd_ntlmssp_challenge(struct kcifsd_ntlmssp_state *st,
			     const struct kcifsd_ntlmssp_target *target,
			     const u8 **msg, u32 *len);
int kcifsd_ntlmssp_parse_authenticate(const u8 *msg, u32 len,
				      struct kcifsd_ntlmssp_auth *auth);
int kcifsd_ntlmssp_authenticate(const struct kcifsd_ntlmssp_state *st,
				const u8 *msg, u32 len,
				const struct kcifsd_ntlmssp_auth *auth,
				const u8 *nt_hash, const u8 *lm_hash,
				const struct kcifsd_ntlm_policy *pol,
				struct kcifsd_ntlmssp_result *res);
void kcifsd_ntlmssp_state_free(struct kcifsd_ntlmssp_state *st);
int kcifsd_ntlmssp_av_find(const u8 *av, u32 len, u16 id, const u8 **val,
			   u16 *val_len);

#endif /* _KCIFSD_NTLMSSP_H */
