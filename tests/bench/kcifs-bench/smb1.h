/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small SMB1 ("NT LM 0.12") client: NEGOTIATE with extended security,
 * SESSION_SETUP_ANDX with NTLMSSP, TREE_CONNECT_ANDX, NT_CREATE_ANDX,
 * READ_ANDX, WRITE_ANDX, CLOSE and ECHO (MS-CIFS 2.2.4, MS-SMB 2.2.4).
 * Requests are built and sent separately from waiting for their replies,
 * so a benchmark can keep many in flight and match replies by MID.
 */
#ifndef KCIFS_BENCH_SMB1_H
#define KCIFS_BENCH_SMB1_H

#include <stdbool.h>
#include <stdint.h>

#include "ntlm.h"
#include "util.h"
#include "xport.h"

#define SMB1_HDR_SIZE		32

#define SMB_COM_CLOSE		0x04
#define SMB_COM_ECHO		0x2b
#define SMB_COM_TRANSACTION2	0x32
#define SMB_COM_READ_ANDX	0x2e
#define SMB_COM_WRITE_ANDX	0x2f
#define SMB_COM_TREE_DISCONNECT	0x71
#define SMB_COM_NEGOTIATE	0x72
#define SMB_COM_SESSION_SETUP	0x73
#define SMB_COM_LOGOFF		0x74
#define SMB_COM_TREE_CONNECT	0x75
#define SMB_COM_NT_CREATE_ANDX	0xa2

#define STATUS_SUCCESS			0x00000000
#define STATUS_MORE_PROCESSING_REQUIRED	0xc0000016

/* MS-CIFS 2.2.4.52.2 Capabilities */
#define CAP_UNICODE		0x00000004
#define CAP_LARGE_FILES		0x00000008
#define CAP_NT_SMBS		0x00000010
#define CAP_STATUS32		0x00000040
#define CAP_LARGE_READX		0x00004000
#define CAP_LARGE_WRITEX	0x00008000
#define CAP_UNIX		0x00800000

/* CIFS UNIX extensions: TRANS2_QUERY/SET_FS_INFORMATION level 0x200 */
#define TRANS2_QUERY_FS_INFORMATION	0x0003
#define TRANS2_SET_FS_INFORMATION	0x0004
#define SMB_CIFS_UNIX_INFO		0x0200
#define CIFS_UNIX_LARGE_READ_CAP	0x00000040
#define CIFS_UNIX_LARGE_WRITE_CAP	0x00000080
#define CAP_EXTENDED_SECURITY	0x80000000

/**
 * struct smb1_conn - one SMB1 connection
 * @x: its transport
 * @uid: the session's UID after SESSION_SETUP
 * @tid: the tree's TID after TREE_CONNECT
 * @pid: our PID
 * @next_mid: the MID the next request gets
 * @max_buffer: the server's MaxBufferSize
 * @max_mpx: the server's MaxMpxCount
 * @caps: the server's Capabilities
 * @security_mode: the server's SecurityMode
 * @session_key: the server's SessionKey (VC token), echoed back
 * @signing: requests are signed
 * @sign_key: the signing key
 * @seq: the sequence number of the next request
 * @max_read: largest READ_ANDX this server and transport allow
 * @max_write: largest WRITE_ANDX likewise
 * @unix_caps: the CIFS UNIX extensions' capabilities the server offers
 *	(0 without CAP_UNIX)
 */
struct smb1_conn {
	struct xport *x;
	uint16_t uid, tid, pid;
	uint16_t next_mid;
	uint32_t max_buffer;
	uint16_t max_mpx;
	uint32_t caps;
	uint8_t security_mode;
	uint32_t session_key;
	bool signing;
	uint8_t sign_key[16];
	uint32_t seq;
	uint32_t max_read;
	uint32_t max_write;
	uint64_t unix_caps;
};

uint16_t smb1_next_mid(struct smb1_conn *c);
void smb1_build_negotiate(struct smb1_conn *c, struct buf *b, uint16_t mid);
void smb1_build_echo(struct smb1_conn *c, struct buf *b, uint16_t mid,
		     const uint8_t *data, uint16_t len);
void smb1_build_read(struct smb1_conn *c, struct buf *b, uint16_t mid,
		     uint16_t fid, uint64_t off, uint32_t len);
void smb1_build_write(struct smb1_conn *c, struct buf *b, uint16_t mid,
		      uint16_t fid, uint64_t off, const uint8_t *data,
		      uint32_t len);
int smb1_send(struct smb1_conn *c, struct buf *b);
int smb1_recv(struct smb1_conn *c, uint8_t **msg, size_t *len,
	      int timeout_ms);

static inline uint32_t smb1_status(const uint8_t *msg)
{
	return get32(msg + 5);
}

static inline uint16_t smb1_mid(const uint8_t *msg)
{
	return get16(msg + 30);
}

int smb1_read_data(const uint8_t *msg, size_t len, const uint8_t **data,
		   uint32_t *dlen);
int smb1_write_count(const uint8_t *msg, size_t len, uint32_t *count);
int smb1_echo_data(const uint8_t *msg, size_t len, const uint8_t **data,
		   uint16_t *dlen);

int smb1_negotiate(struct smb1_conn *c);
int smb1_session_setup(struct smb1_conn *c, struct ntlm_auth *a,
		       bool want_sign);
int smb1_tree_connect(struct smb1_conn *c, const char *host,
		      const char *share);
int smb1_unix_caps(struct smb1_conn *c);
int smb1_open(struct smb1_conn *c, const char *path, bool create,
	      uint16_t *fid, uint64_t *size);
int smb1_close(struct smb1_conn *c, uint16_t fid);
void smb1_logoff(struct smb1_conn *c);
const char *smb1_status_name(uint32_t status);

#endif
