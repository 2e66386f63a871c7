// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMB_COM_NEGOTIATE (MS-CIFS 2.2.4.52, 3.3.5.42; MS-SMB 2.2.4.5, 3.3.5.2):
 * pick "NT LM 0.12" from the client's dialect list and answer with the
 * NT LM 0.12 response, in the extended-security form (ServerGUID and a
 * SPNEGO token) when the client asks for it and the non-extended form
 * (an 8-byte challenge, domain and server name) otherwise.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/nls.h>
#include <linux/once.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <linux/time.h>
#include <linux/utsname.h>
#include <asm/unaligned.h>

#include "fs/signing_seq.h"
#include "fs/smb_conn.h"
#include "fs/spnego.h"
#include "fs/smb_req.h"
#include "fs/unix_info.h"
#include "net/connection.h"
#include "net/kcifsd_netlink.h"

/*
 * What a connection is offered (MS-CIFS 2.2.4.52.2 and MS-SMB 2.2.4.5.2;
 * only what works today): Unicode strings, 64-bit offsets, the NT LM
 * command set and FIND_FIRST2/NEXT2 with it (NT_FIND SHOULD accompany
 * NT_SMBS), 32-bit status codes, READ_ANDX and WRITE_ANDX past
 * MaxBufferSize (MS-SMB 2.2.4.2/2.2.4.3, fs/readwrite.c), LOCK_AND_READ
 * and WRITE_AND_UNLOCK (fs/readwrite.c, also told by
 * SMB_FLAGS_LOCK_AND_READ_OK in the reply header). Not offered:
 * RAW_MODE (MaxRawSize is still sent, as Windows does), MPX_MODE
 * (connectionless only), DFS, LEVEL_II_OPLOCKS,
 * RPC_REMOTE_APIS and UNIX: each is added by the code that implements it.
 * INFOLEVEL_PASSTHRU: the MS-FSCC classes by level + 1000 in the TRANS2
 * information subcommands (MS-SMB 2.2.2.3.5, fs/trans2_info.c).
 * EXTENDED_SECURITY is added per connection, and
 * LARGE_WRITEX is taken away where the transport cannot receive it.
 */
#define KCIFSD_CAPABILITIES	(CAP_UNICODE | CAP_LARGE_FILES | CAP_NT_SMBS | \
				 CAP_LARGE_READX | CAP_LARGE_WRITEX | \
				 CAP_STATUS32 | CAP_NT_FIND | \
				 CAP_INFOLEVEL_PASSTHRU | CAP_LOCK_AND_READ)

/* The smallest receive limit that lets a client use CAP_LARGE_WRITEX:
 * 64 KiB of data plus the headers of a WRITE_ANDX.
 */
#define KCIFSD_LARGE_WRITEX_MIN	(64 * 1024 + 1024)

/* User-level security with challenge/response (MS-CIFS 2.2.4.52.2). */
#define KCIFSD_SECURITY_MODE	(NEGOTIATE_USER_SECURITY | \
				 NEGOTIATE_ENCRYPT_PASSWORDS)

/* Windows sends 1 and does not enforce it (<80>). */
#define KCIFSD_MAX_NUMBER_VCS	1
/* Windows' value (<224>); meaningless without CAP_RAW_MODE. */
#define KCIFSD_MAX_RAW_SIZE	65536

/* Seconds from 1601-01-01 to 1970-01-01, and FILETIME ticks per second. */
#define FILETIME_EPOCH_DELTA	11644473600ULL
#define FILETIME_TICKS		10000000ULL

/*
 * The workgroup and NetBIOS name sent in the non-extended response. The
 * helper's [global] "workgroup" and "netbios name" are not passed to the
 * kernel yet; these are the defaults it would use too.
 */
#define KCIFSD_DEFAULT_WORKGROUP	"WORKGROUP"

/*
 * Room for the strings of the non-extended response, NUL included, in
 * UTF-16 code units; longer ones are cut (both limits are 15 today).
 */
#define NAME_UNITS	(KCIFSD_WORKGROUP_MAX + 1)

/**
 * kcifsd_negotiate_pick_dialect() - find "NT LM 0.12" in a dialect list
 * @dialects: the request's Bytes: {0x02, NUL-terminated OEM string}...
 * @len: ByteCount
 * @index: the 0-based index of the dialect in the client's list, or
 *	SMB1_NO_DIALECT if it is not offered
 *
 * MS-CIFS 2.2.4.52.1: every entry is a BufferFormat byte 0x02 followed by
 * a NUL-terminated string inside ByteCount; anything else makes the
 * request malformed. The list runs from least to most preferred
 * (3.3.5.42), so a dialect listed twice is taken at its last, most
 * preferred, position. SMB2 strings ("SMB 2.002", "SMB 2.???") are
 * ignored like any other dialect we do not speak.
 *
 * Return: STATUS_SUCCESS, or STATUS_INVALID_SMB for a malformed list.
 */
u32 kcifsd_negotiate_pick_dialect(const u8 *dialects, unsigned int len,
				  u16 *index)
{
	unsigned int pos = 0, nr = 0;
	const u8 *nul;

	*index = SMB1_NO_DIALECT;
	if (!len)
		return STATUS_INVALID_SMB;
	while (pos < len) {
		if (dialects[pos] != SMB_BUFFER_FORMAT_DIALECT)
			return STATUS_INVALID_SMB;
		pos++;
		nul = memchr(dialects + pos, 0, len - pos);
		if (!nul)
			return STATUS_INVALID_SMB;
		/* An index must stay below SMB1_NO_DIALECT. */
		if (nr >= SMB1_NO_DIALECT)
			return STATUS_INVALID_SMB;
		if (!strcmp((const char *)dialects + pos,
			    SMB1_DIALECT_NT_LM_012))
			*index = nr;
		pos = nul - dialects + 1;
		nr++;
	}
	return STATUS_SUCCESS;
}

static u64 negotiate_filetime_now(void)
{
	struct timespec64 ts;

	ktime_get_real_ts64(&ts);
	return ((u64)ts.tv_sec + FILETIME_EPOCH_DELTA) * FILETIME_TICKS +
	       ts.tv_nsec / 100;
}

/* The NetBIOS name of this host: its node name, upper case, 15 chars. */
static void negotiate_server_name(char *name, size_t size)
{
	size_t i;

	strscpy(name, utsname()->nodename,
		min_t(size_t, size, KCIFSD_NETBIOS_NAME_MAX + 1));
	for (i = 0; name[i]; i++) {
		if (name[i] == '.') {
			name[i] = '\0';
			break;
		}
		name[i] = toupper(name[i]);
	}
}

/*
 * Append a NUL-terminated string in the reply's encoding: UTF-16LE when
 * the reply has SMB_FLAGS2_UNICODE, else OEM (ASCII here). NT sends these
 * strings with no alignment pad (<89>), and so do we. Returns the bytes
 * written.
 */
static unsigned int negotiate_put_string(u8 *p, const char *s, bool unicode)
{
	wchar_t units[NAME_UNITS];
	int n;

	if (!unicode) {
		n = strnlen(s, NAME_UNITS - 1);
		memcpy(p, s, n);
		p[n] = '\0';
		return n + 1;
	}
	n = utf8s_to_utf16s(s, strnlen(s, NAME_UNITS - 1), UTF16_LITTLE_ENDIAN,
			    units, NAME_UNITS - 1);
	if (n < 0)
		n = 0;
	units[n++] = 0;
	memcpy(p, units, n * sizeof(units[0]));
	return n * sizeof(units[0]);
}

/*
 * The SecurityBlob of the extended response: the server's first SPNEGO
 * token, a NegTokenInit listing the mechanisms it accepts (MS-SMB 3.3.5.2),
 * from fs/spnego.c. Should it not fit, the blob is left empty, which
 * MS-SMB 2.2.4.5.2.1 and 3.2.5.2 allow: the client then starts with a
 * mechanism of its choice. Returns the blob's length.
 */
static unsigned int negotiate_security_blob(u8 *blob, unsigned int size)
{
	int len = kcifsd_spnego_neg_init(blob, size);

	return len < 0 ? 0 : len;
}

#define SECURITY_BLOB_MAX	KCIFSD_SPNEGO_NEG_INIT_SIZE

static u32 negotiate_reply_nt(struct kcifsd_smb_req *req, u16 index)
{
	static u8 server_guid[SMB1_SERVER_GUID_SIZE];
	struct kcifsd_smb_conn *sc = req->sc;
	bool unicode = req->flags2 & SMB_FLAGS2_UNICODE;
	struct smb1_negotiate_rsp_nt *rsp;
	char name[KCIFSD_NETBIOS_NAME_MAX + 1];
	unsigned int max_bc, bc = 0;
	u8 *bytes;

	if (sc->extended_security)
		max_bc = SMB1_SERVER_GUID_SIZE + SECURITY_BLOB_MAX;
	else
		max_bc = SMB1_CHALLENGE_SIZE + 2 * NAME_UNITS * 2;
	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, max_bc);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	/* MS-CIFS 2.2.3.1: LOCK_AND_READ and WRITE_AND_UNLOCK are there. */
	req->rsp_flags |= SMB_FLAGS_LOCK_AND_READ_OK;

	rsp->dialect_index = cpu_to_le16(index);
	rsp->security_mode = KCIFSD_SECURITY_MODE |
			     kcifsd_sign_negotiate(&sc->sign);
	rsp->max_mpx_count = cpu_to_le16(req->conn->max_mpx);
	rsp->max_number_vcs = cpu_to_le16(KCIFSD_MAX_NUMBER_VCS);
	rsp->max_buffer_size = cpu_to_le32(sc->max_buffer_size);
	rsp->max_raw_size = cpu_to_le32(KCIFSD_MAX_RAW_SIZE);
	rsp->session_key = cpu_to_le32(sc->session_key);
	rsp->capabilities = cpu_to_le32(sc->capabilities);
	rsp->system_time = cpu_to_le64(negotiate_filetime_now());
	rsp->server_time_zone = cpu_to_le16((s16)sys_tz.tz_minuteswest);

	bytes = kcifsd_smb_rsp_bytes(req);
	if (sc->extended_security) {
		/* One GUID for the server's lifetime (MS-SMB 3.3.1.1). */
		get_random_once(server_guid, sizeof(server_guid));
		memcpy(bytes, server_guid, sizeof(server_guid));
		bc = sizeof(server_guid);
		bc += negotiate_security_blob(bytes + bc, max_bc - bc);
	} else {
		rsp->challenge_length = SMB1_CHALLENGE_SIZE;
		memcpy(bytes, sc->challenge, SMB1_CHALLENGE_SIZE);
		bc = SMB1_CHALLENGE_SIZE;
		bc += negotiate_put_string(bytes + bc, KCIFSD_DEFAULT_WORKGROUP,
					   unicode);
		/* MS-SMB 2.2.4.5.2.2: ServerName follows DomainName. */
		negotiate_server_name(name, sizeof(name));
		bc += negotiate_put_string(bytes + bc, name, unicode);
	}
	kcifsd_smb_rsp_set_bc(req, bc);
	return STATUS_SUCCESS;
}

/* No common dialect: the Core Protocol form, DialectIndex 0xFFFF. */
static u32 negotiate_reply_none(struct kcifsd_smb_req *req)
{
	struct smb1_negotiate_rsp_core *rsp;

	rsp = kcifsd_smb_rsp_block(req, sizeof(*rsp) / 2, 0);
	if (!rsp)
		return STATUS_INSUFF_SERVER_RESOURCES;
	rsp->dialect_index = cpu_to_le16(SMB1_NO_DIALECT);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_smb_negotiate() - SMB_COM_NEGOTIATE handler
 * @req: the request
 *
 * Exactly one NEGOTIATE per connection: a later one is refused with
 * STATUS_INVALID_SMB and changes nothing (MS-CIFS 2.2.4.52). The first one
 * fixes the connection's challenge, capabilities and security form, and
 * moves the connection to KCIFSD_PHASE_NEGOTIATED. A client that offers no
 * dialect we speak gets the Core-form answer with DialectIndex 0xFFFF
 * (3.3.5.42) and the connection is closed after it: nothing else can
 * happen on it.
 *
 * Return: an NTSTATUS.
 */
u32 kcifsd_smb_negotiate(struct kcifsd_smb_req *req)
{
	struct kcifsd_smb_conn *sc = req->sc;
	u32 status;
	u16 index;

	status = kcifsd_negotiate_pick_dialect(req->bytes, req->bc, &index);
	if (status) {
		pr_info_ratelimited("%pISc: malformed NEGOTIATE dialect list\n",
				    &req->conn->peer);
		return status;
	}

	mutex_lock(&sc->lock);
	if (sc->negotiated) {
		mutex_unlock(&sc->lock);
		pr_info_ratelimited("%pISc: second NEGOTIATE refused\n",
				    &req->conn->peer);
		return STATUS_INVALID_SMB;
	}

	if (index == SMB1_NO_DIALECT) {
		mutex_unlock(&sc->lock);
		pr_info_ratelimited("%pISc: client does not offer \"%s\"\n",
				    &req->conn->peer, SMB1_DIALECT_NT_LM_012);
		status = negotiate_reply_none(req);
		req->work->disconnect = true;
		return status;
	}

	sc->dialect_index = index;
	kcifsd_smb_conn_limits(req->conn);
	sc->capabilities = KCIFSD_CAPABILITIES;
	if (kcifsd_unix_offered())
		sc->capabilities |= CAP_UNIX;
	/* A large write is a message past 64 KiB: the transport must take it. */
	if (req->conn->transport_max_rx &&
	    req->conn->transport_max_rx < KCIFSD_LARGE_WRITEX_MIN)
		sc->capabilities &= ~CAP_LARGE_WRITEX;
	sc->extended_security = req->flags2 & SMB_FLAGS2_EXTENDED_SECURITY;
	if (sc->extended_security)
		sc->capabilities |= CAP_EXTENDED_SECURITY;
	else
		get_random_bytes(sc->challenge, sizeof(sc->challenge));

	status = negotiate_reply_nt(req, index);
	if (!status) {
		sc->negotiated = true;
		kcifsd_conn_set_phase(req->conn, KCIFSD_PHASE_NEGOTIATED);
	}
	mutex_unlock(&sc->lock);
	return status;
}
