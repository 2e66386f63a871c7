// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SMB1 client of kcifs-bench (see smb1.h). Offsets are those of the
 * message layouts in MS-CIFS 2.2.4 and MS-SMB 2.2.4.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smb1.h"

/* MS-CIFS 2.2.3.1 */
#define SMB_FLAGS_CASE_INSENSITIVE	0x08
#define SMB_FLAGS_CANONICALIZED_PATHS	0x10
#define SMB_FLAGS_REPLY			0x80
#define SMB_FLAGS2_LONG_NAMES		0x0001
#define SMB_FLAGS2_SECURITY_SIGNATURE	0x0004
#define SMB_FLAGS2_IS_LONG_NAME		0x0040
#define SMB_FLAGS2_EXTENDED_SECURITY	0x0800
#define SMB_FLAGS2_NT_STATUS		0x4000
#define SMB_FLAGS2_UNICODE		0x8000

#define NEGOTIATE_SECURITY_SIGNATURES_ENABLED	0x04
#define NEGOTIATE_SECURITY_SIGNATURES_REQUIRED	0x08

/* Header, the largest word block we use and a byte count. */
#define SMB1_OVERHEAD	(SMB1_HDR_SIZE + 1 + 2 * 14 + 2 + 1)
/* Large reads and writes: what clients commonly use. */
#define SMB1_LARGE_IO	(1024 * 1024)
/* The largest message a 17-bit RFC 1002 length describes. */
#define RFC1002_MAX	0x1ffff
#define SYNC_TIMEOUT_MS	30000

uint16_t smb1_next_mid(struct smb1_conn *c)
{
	uint16_t mid = c->next_mid++;

	/* 0xFFFF is the oplock break's (MS-CIFS 2.2.3.1). */
	if (c->next_mid == 0xffff)
		c->next_mid = 1;
	return mid;
}

static void put_hdr(struct smb1_conn *c, struct buf *b, uint8_t cmd,
		    uint16_t mid)
{
	uint8_t *h = buf_room(b, SMB1_HDR_SIZE);
	uint16_t flags2 = SMB_FLAGS2_LONG_NAMES | SMB_FLAGS2_IS_LONG_NAME |
			  SMB_FLAGS2_EXTENDED_SECURITY | SMB_FLAGS2_NT_STATUS |
			  SMB_FLAGS2_UNICODE;

	memset(h, 0, SMB1_HDR_SIZE);
	memcpy(h, "\xffSMB", 4);
	h[4] = cmd;
	h[9] = SMB_FLAGS_CASE_INSENSITIVE | SMB_FLAGS_CANONICALIZED_PATHS;
	if (c && c->signing)
		flags2 |= SMB_FLAGS2_SECURITY_SIGNATURE;
	put16(h + 10, flags2);
	put16(h + 24, c ? c->tid : 0xffff);
	put16(h + 26, c ? c->pid : 0xfeff);
	put16(h + 28, c ? c->uid : 0);
	put16(h + 30, mid);
}

static size_t bytes_begin(struct buf *b)
{
	size_t at = b->len;

	buf_u16(b, 0);
	return at;
}

static void bytes_end(struct buf *b, size_t at)
{
	put16(b->p + at, (b->len - at - 2) & 0xffff);
}

/* An AndX block that chains nothing (MS-CIFS 2.2.3.4). */
static void andx_none(struct buf *b)
{
	buf_u8(b, 0xff);
	buf_u8(b, 0);
	buf_u16(b, 0);
}

void smb1_build_echo(struct smb1_conn *c, struct buf *b, uint16_t mid,
		     const uint8_t *data, uint16_t len)
{
	size_t at;

	put_hdr(c, b, SMB_COM_ECHO, mid);
	buf_u8(b, 1);
	buf_u16(b, 1);			/* EchoCount */
	at = bytes_begin(b);
	buf_mem(b, data, len);
	bytes_end(b, at);
}

void smb1_build_read(struct smb1_conn *c, struct buf *b, uint16_t mid,
		     uint16_t fid, uint64_t off, uint32_t len)
{
	put_hdr(c, b, SMB_COM_READ_ANDX, mid);
	buf_u8(b, 12);
	andx_none(b);
	buf_u16(b, fid);
	buf_u32(b, off);
	buf_u16(b, len & 0xffff);	/* MaxCountOfBytesToReturn */
	buf_u16(b, len & 0xffff);	/* MinCountOfBytesToReturn */
	buf_u32(b, len >> 16);		/* MaxCountHigh (MS-SMB 2.2.4.2.1) */
	buf_u16(b, 0);			/* Remaining */
	buf_u32(b, off >> 32);		/* OffsetHigh */
	buf_u16(b, 0);
}

void smb1_build_write(struct smb1_conn *c, struct buf *b, uint16_t mid,
		      uint16_t fid, uint64_t off, const uint8_t *data,
		      uint32_t len)
{
	size_t at;

	put_hdr(c, b, SMB_COM_WRITE_ANDX, mid);
	buf_u8(b, 14);
	andx_none(b);
	buf_u16(b, fid);
	buf_u32(b, off);
	buf_u32(b, 0);			/* Timeout */
	buf_u16(b, 0);			/* WriteMode */
	buf_u16(b, 0);			/* Remaining */
	buf_u16(b, len >> 16);		/* DataLengthHigh (MS-SMB 2.2.4.3.1) */
	buf_u16(b, len & 0xffff);
	buf_u16(b, 64);			/* DataOffset: after one pad byte */
	buf_u32(b, off >> 32);
	at = bytes_begin(b);
	buf_u8(b, 0);
	buf_mem(b, data, len);
	bytes_end(b, at);
}

int smb1_send(struct smb1_conn *c, struct buf *b)
{
	if (c->signing) {
		smb_sign(b->p, b->len, c->sign_key, c->seq);
		/* The reply uses seq + 1 (MS-CIFS 3.2.4.1.1). */
		c->seq += 2;
	}
	return c->x->ops->send(c->x, b->p, b->len);
}

int smb1_recv(struct smb1_conn *c, uint8_t **msg, size_t *len,
	      int timeout_ms)
{
	int ret = c->x->ops->recv(c->x, msg, len, timeout_ms);

	if (ret)
		return ret;
	if (*len < SMB1_HDR_SIZE + 3 || memcmp(*msg, "\xffSMB", 4) ||
	    !((*msg)[9] & SMB_FLAGS_REPLY)) {
		free(*msg);
		return -EPROTO;
	}
	return 0;
}

/* Words and bytes of a reply, checked against its length. */
static int parse_blocks(const uint8_t *msg, size_t len, uint8_t min_wc,
			const uint8_t **words, const uint8_t **bytes,
			uint16_t *bc)
{
	uint8_t wc = msg[SMB1_HDR_SIZE];
	size_t at = SMB1_HDR_SIZE + 1 + 2 * wc;

	if (wc < min_wc || at + 2 > len)
		return -EPROTO;
	*words = msg + SMB1_HDR_SIZE + 1;
	*bc = get16(msg + at);
	if (at + 2 + *bc > len)
		return -EPROTO;
	*bytes = msg + at + 2;
	return 0;
}

int smb1_read_data(const uint8_t *msg, size_t len, const uint8_t **data,
		   uint32_t *dlen)
{
	const uint8_t *w, *b;
	uint32_t off, n;
	uint16_t bc;

	if (parse_blocks(msg, len, 12, &w, &b, &bc)) {
		/* A large read's ByteCount cannot hold its length. */
		if (len < SMB1_HDR_SIZE + 1 + 24 || msg[SMB1_HDR_SIZE] != 12)
			return -EPROTO;
		w = msg + SMB1_HDR_SIZE + 1;
	}
	n = get16(w + 10) | (uint32_t)get16(w + 14) << 16;
	off = get16(w + 12);
	if (off > len || n > len - off)
		return -EPROTO;
	*data = msg + off;
	*dlen = n;
	return 0;
}

int smb1_write_count(const uint8_t *msg, size_t len, uint32_t *count)
{
	const uint8_t *w, *b;
	uint16_t bc;

	if (parse_blocks(msg, len, 6, &w, &b, &bc))
		return -EPROTO;
	*count = get16(w + 4) | (uint32_t)get16(w + 8) << 16;
	return 0;
}

int smb1_echo_data(const uint8_t *msg, size_t len, const uint8_t **data,
		   uint16_t *dlen)
{
	const uint8_t *w;
	uint16_t bc;

	if (parse_blocks(msg, len, 1, &w, data, &bc))
		return -EPROTO;
	*dlen = bc;
	return 0;
}

/* Send @b and wait for its reply (setup commands, one at a time). */
static int transact(struct smb1_conn *c, struct buf *b, uint8_t **rsp,
		    size_t *len)
{
	uint16_t mid = get16(b->p + 30);
	int ret;

	ret = smb1_send(c, b);
	if (ret)
		return ret;
	for (;;) {
		ret = smb1_recv(c, rsp, len, SYNC_TIMEOUT_MS);
		if (ret)
			return ret;
		if (smb1_mid(*rsp) == mid)
			return 0;
		free(*rsp);
	}
}

const char *smb1_status_name(uint32_t status)
{
	static char buf[32];

	switch (status) {
	case 0:
		return "STATUS_SUCCESS";
	case STATUS_MORE_PROCESSING_REQUIRED:
		return "STATUS_MORE_PROCESSING_REQUIRED";
	case 0xc000006d:
		return "STATUS_LOGON_FAILURE";
	case 0xc0000022:
		return "STATUS_ACCESS_DENIED";
	case 0xc0000034:
		return "STATUS_OBJECT_NAME_NOT_FOUND";
	case 0xc00000cc:
		return "STATUS_BAD_NETWORK_NAME";
	case 0xc0000002:
		return "STATUS_NOT_IMPLEMENTED";
	case 0xc0000001:
		return "STATUS_UNSUCCESSFUL";
	case 0x00010002:
		return "ERRSRV/ERRerror";
	default:
		snprintf(buf, sizeof(buf), "status %#010x", status);
		return buf;
	}
}

/* Pick the I/O sizes the server and transport allow. */
static void smb1_io_sizes(struct smb1_conn *c)
{
	uint32_t base = c->max_buffer > SMB1_OVERHEAD ?
			c->max_buffer - SMB1_OVERHEAD : 512;

	if (base > 0xffff)
		base = 0xffff;
	c->max_read = base;
	c->max_write = base;
	if (c->caps & CAP_LARGE_READX) {
		c->max_read = SMB1_LARGE_IO;
		if (c->x->max_recv && c->max_read > c->x->max_recv - SMB1_OVERHEAD)
			c->max_read = c->x->max_recv - SMB1_OVERHEAD;
	}
	if (c->caps & CAP_LARGE_WRITEX) {
		c->max_write = SMB1_LARGE_IO;
		/*
		 * Beyond a 17-bit message (RFC 1002's length) only with the
		 * UNIX extensions' CIFS_UNIX_LARGE_WRITE_CAP, as the Linux
		 * client does: Samba resets the connection otherwise.
		 */
		if (!(c->unix_caps & CIFS_UNIX_LARGE_WRITE_CAP) &&
		    c->max_write > RFC1002_MAX - SMB1_OVERHEAD)
			c->max_write = RFC1002_MAX - SMB1_OVERHEAD;
		if (c->x->max_send &&
		    c->max_write > c->x->max_send - SMB1_OVERHEAD)
			c->max_write = c->x->max_send - SMB1_OVERHEAD;
	}
}

/* MS-CIFS 2.2.4.52.1: offering only "NT LM 0.12". */
void smb1_build_negotiate(struct smb1_conn *c, struct buf *b, uint16_t mid)
{
	static const char dialect[] = "\x02NT LM 0.12";
	size_t at;

	put_hdr(c, b, SMB_COM_NEGOTIATE, mid);
	buf_u8(b, 0);
	at = bytes_begin(b);
	buf_mem(b, dialect, sizeof(dialect));
	bytes_end(b, at);
}

int smb1_negotiate(struct smb1_conn *c)
{
	const uint8_t *w, *b;
	struct buf m;
	uint8_t *rsp;
	size_t len;
	uint16_t bc;
	int ret;

	c->pid = getpid() & 0xffff;
	c->tid = 0xffff;
	c->next_mid = 1;
	buf_init(&m, 128);
	smb1_build_negotiate(c, &m, smb1_next_mid(c));
	ret = transact(c, &m, &rsp, &len);
	buf_free(&m);
	if (ret)
		return ret;
	if (smb1_status(rsp)) {
		warnx_("NEGOTIATE: %s", smb1_status_name(smb1_status(rsp)));
		ret = -EPROTO;
		goto out;
	}
	ret = parse_blocks(rsp, len, 17, &w, &b, &bc);
	if (ret || get16(w) != 0) {
		warnx_("NEGOTIATE: server did not choose NT LM 0.12");
		ret = -EPROTO;
		goto out;
	}
	c->security_mode = w[2];
	c->max_mpx = get16(w + 3);
	c->max_buffer = get32(w + 7);
	c->session_key = get32(w + 15);
	c->caps = get32(w + 19);
	smb1_io_sizes(c);
	dbg("negotiated NT LM 0.12: security mode %#x, MaxMpxCount %u, MaxBufferSize %u, capabilities %#x",
	    c->security_mode, c->max_mpx, c->max_buffer, c->caps);
out:
	free(rsp);
	return ret;
}

/* One SESSION_SETUP_ANDX leg (MS-SMB 2.2.4.6.1) carrying @blob. */
static int session_leg(struct smb1_conn *c, const struct buf *blob,
		       uint8_t **rsp, size_t *len)
{
	struct buf m;
	size_t at;
	int ret;

	buf_init(&m, 256 + blob->len);
	put_hdr(c, &m, SMB_COM_SESSION_SETUP, smb1_next_mid(c));
	buf_u8(&m, 12);
	andx_none(&m);
	buf_u16(&m, 61440);		/* MaxBufferSize */
	buf_u16(&m, 50);		/* MaxMpxCount */
	buf_u16(&m, 0);			/* VcNumber */
	buf_u32(&m, c->session_key);
	buf_u16(&m, blob->len);
	buf_u32(&m, 0);
	buf_u32(&m, CAP_UNICODE | CAP_LARGE_FILES | CAP_NT_SMBS |
		    CAP_STATUS32 | CAP_LARGE_READX | CAP_LARGE_WRITEX |
		    CAP_EXTENDED_SECURITY);
	at = bytes_begin(&m);
	buf_mem(&m, blob->p, blob->len);
	buf_align(&m, 0, 2);
	buf_utf16(&m, "Linux", true);
	buf_utf16(&m, "kcifs-bench", true);
	bytes_end(&m, at);
	ret = transact(c, &m, rsp, len);
	buf_free(&m);
	return ret;
}

int smb1_session_setup(struct smb1_conn *c, struct ntlm_auth *a,
		       bool want_sign)
{
	const uint8_t *w, *b, *tok;
	struct buf ntlm, blob;
	uint32_t status;
	size_t len, tok_len;
	uint8_t *rsp;
	uint16_t bc, blen;
	int ret;

	a->sign = want_sign ||
		  (c->security_mode & NEGOTIATE_SECURITY_SIGNATURES_REQUIRED);
	buf_init(&ntlm, 64);
	buf_init(&blob, 128);
	ntlmssp_negotiate(a, &ntlm);
	spnego_init(&blob, ntlm.p, ntlm.len);
	ret = session_leg(c, &blob, &rsp, &len);
	if (ret)
		goto out;
	status = smb1_status(rsp);
	if (status != STATUS_MORE_PROCESSING_REQUIRED) {
		warnx_("SESSION_SETUP (NTLMSSP NEGOTIATE): %s",
		       smb1_status_name(status));
		ret = -EACCES;
		goto out_rsp;
	}
	c->uid = get16(rsp + 28);
	if (parse_blocks(rsp, len, 4, &w, &b, &bc) ||
	    (blen = get16(w + 6)) > bc ||
	    spnego_token(b, blen, &tok, &tok_len)) {
		warnx_("SESSION_SETUP: malformed security blob");
		ret = -EPROTO;
		goto out_rsp;
	}
	ntlm.len = 0;
	blob.len = 0;
	if (ntlmssp_authenticate(a, tok, tok_len, &ntlm)) {
		warnx_("SESSION_SETUP: malformed NTLMSSP CHALLENGE");
		ret = -EPROTO;
		goto out_rsp;
	}
	free(rsp);
	spnego_resp(&blob, ntlm.p, ntlm.len);
	ret = session_leg(c, &blob, &rsp, &len);
	if (ret)
		goto out;
	status = smb1_status(rsp);
	if (status) {
		warnx_("SESSION_SETUP (NTLMSSP AUTHENTICATE): %s",
		       smb1_status_name(status));
		ret = -EACCES;
		goto out_rsp;
	}
	if (a->have_key && (a->sign || (c->security_mode &
			    NEGOTIATE_SECURITY_SIGNATURES_ENABLED && want_sign))) {
		memcpy(c->sign_key, a->session_key, 16);
		c->signing = true;
		/* The AUTHENTICATE leg was 0, its reply 1 (MS-CIFS 3.2.5.3). */
		c->seq = 2;
	}
	dbg("session set up: UID %#x, signing %s", c->uid,
	    c->signing ? "on" : "off");
out_rsp:
	free(rsp);
out:
	buf_free(&ntlm);
	buf_free(&blob);
	return ret;
}

int smb1_tree_connect(struct smb1_conn *c, const char *host,
		      const char *share)
{
	struct buf m;
	uint8_t *rsp;
	char *unc;
	size_t len, at;
	int ret;

	unc = xmalloc(strlen(host) + strlen(share) + 4);
	sprintf(unc, "\\\\%s\\%s", host, share);
	buf_init(&m, 256);
	put_hdr(c, &m, SMB_COM_TREE_CONNECT, smb1_next_mid(c));
	buf_u8(&m, 4);
	andx_none(&m);
	buf_u16(&m, 0);			/* Flags */
	buf_u16(&m, 1);			/* PasswordLength */
	at = bytes_begin(&m);
	buf_u8(&m, 0);
	buf_align(&m, 0, 2);
	buf_utf16(&m, unc, true);
	buf_mem(&m, "?????", 6);
	bytes_end(&m, at);
	free(unc);
	ret = transact(c, &m, &rsp, &len);
	buf_free(&m);
	if (ret)
		return ret;
	if (smb1_status(rsp)) {
		warnx_("TREE_CONNECT \\\\%s\\%s: %s", host, share,
		       smb1_status_name(smb1_status(rsp)));
		ret = -ENOENT;
	} else {
		c->tid = get16(rsp + 24);
	}
	free(rsp);
	return ret;
}

/*
 * A TRANS2 request (MS-CIFS 2.2.4.46.1) with one setup word, @pc bytes of
 * parameters and @dc of data; the reply's data goes to @data (up to @max).
 */
static int trans2(struct smb1_conn *c, uint16_t setup, const uint8_t *param,
		  uint16_t pc, const uint8_t *data, uint16_t dc, uint8_t *out,
		  uint16_t max)
{
	const uint8_t *w, *b;
	size_t len, at, po, doff;
	struct buf m;
	uint8_t *rsp;
	uint16_t bc, n, off;
	int ret;

	buf_init(&m, 256);
	put_hdr(c, &m, SMB_COM_TRANSACTION2, smb1_next_mid(c));
	buf_u8(&m, 15);
	buf_u16(&m, pc);		/* TotalParameterCount */
	buf_u16(&m, dc);		/* TotalDataCount */
	buf_u16(&m, 16);		/* MaxParameterCount */
	buf_u16(&m, max);		/* MaxDataCount */
	buf_u8(&m, 0);			/* MaxSetupCount */
	buf_u8(&m, 0);
	buf_u16(&m, 0);			/* Flags */
	buf_u32(&m, 0);			/* Timeout */
	buf_u16(&m, 0);
	buf_u16(&m, pc);		/* ParameterCount */
	po = m.len;
	buf_u16(&m, 0);			/* ParameterOffset, below */
	buf_u16(&m, dc);		/* DataCount */
	doff = m.len;
	buf_u16(&m, 0);			/* DataOffset, below */
	buf_u8(&m, 1);			/* SetupCount */
	buf_u8(&m, 0);
	buf_u16(&m, setup);
	at = bytes_begin(&m);
	buf_align(&m, 0, 2);
	buf_u16(&m, 0);			/* Name: empty (Unicode) */
	buf_align(&m, 0, 4);
	put16(m.p + po, m.len);
	buf_mem(&m, param, pc);
	buf_align(&m, 0, 4);
	put16(m.p + doff, m.len);
	buf_mem(&m, data, dc);
	bytes_end(&m, at);
	ret = transact(c, &m, &rsp, &len);
	buf_free(&m);
	if (ret)
		return ret;
	if (smb1_status(rsp)) {
		ret = -EOPNOTSUPP;
	} else if (parse_blocks(rsp, len, 10, &w, &b, &bc)) {
		ret = -EPROTO;
	} else {
		n = get16(w + 12);	/* DataCount */
		off = get16(w + 14);	/* DataOffset */
		if (n > max || off > len || n > len - off)
			ret = -EPROTO;
		else if (n)
			memcpy(out, rsp + off, n);
	}
	free(rsp);
	return ret;
}

/*
 * With CAP_UNIX: the capabilities of the CIFS UNIX extensions
 * (SMB_QUERY_CIFS_UNIX_INFO: Major, Minor, Capability), then the large
 * reads and writes among them taken (SMB_SET_CIFS_UNIX_INFO), as the
 * Linux cifs client does; the I/O sizes follow. Errors leave the
 * extensions off: the 17-bit limit for writes stays.
 */
int smb1_unix_caps(struct smb1_conn *c)
{
	uint8_t param[4] = { 0 }, info[12] = { 0 };
	uint64_t want;

	c->unix_caps = 0;
	if (!(c->caps & CAP_UNIX))
		return 0;
	put16(param, SMB_CIFS_UNIX_INFO);
	if (trans2(c, TRANS2_QUERY_FS_INFORMATION, param, 2, NULL, 0, info,
		   sizeof(info)))
		return 0;
	want = get64(info + 4) &
	       (CIFS_UNIX_LARGE_READ_CAP | CIFS_UNIX_LARGE_WRITE_CAP);
	put16(param, 0);		/* FID, not used */
	put16(param + 2, SMB_CIFS_UNIX_INFO);
	put64(info + 4, want);
	if (!trans2(c, TRANS2_SET_FS_INFORMATION, param, 4, info,
		    sizeof(info), NULL, 0))
		c->unix_caps = want;
	smb1_io_sizes(c);
	return 0;
}

int smb1_open(struct smb1_conn *c, const char *path, bool create,
	      uint16_t *fid, uint64_t *size)
{
	const uint8_t *w, *b;
	struct buf m;
	uint8_t *rsp;
	size_t len, at;
	uint16_t bc;
	int ret;

	buf_init(&m, 256);
	put_hdr(c, &m, SMB_COM_NT_CREATE_ANDX, smb1_next_mid(c));
	buf_u8(&m, 24);
	andx_none(&m);
	buf_u8(&m, 0);
	buf_u16(&m, 2 * strlen(path));	/* NameLength */
	buf_u32(&m, 0);			/* Flags */
	buf_u32(&m, 0);			/* RootDirectoryFID */
	buf_u32(&m, 0x0012019f);	/* FILE_GENERIC_READ | _WRITE */
	buf_u64(&m, 0);			/* AllocationSize */
	buf_u32(&m, 0x80);		/* FILE_ATTRIBUTE_NORMAL */
	buf_u32(&m, 0x3);		/* share read and write */
	buf_u32(&m, create ? 3 : 1);	/* FILE_OPEN_IF : FILE_OPEN */
	buf_u32(&m, 0x40);		/* FILE_NON_DIRECTORY_FILE */
	buf_u32(&m, 2);			/* SecurityImpersonation */
	buf_u8(&m, 0);
	at = bytes_begin(&m);
	buf_align(&m, 0, 2);
	buf_utf16(&m, path, true);
	bytes_end(&m, at);
	ret = transact(c, &m, &rsp, &len);
	buf_free(&m);
	if (ret)
		return ret;
	if (smb1_status(rsp)) {
		warnx_("NT_CREATE_ANDX %s: %s", path,
		       smb1_status_name(smb1_status(rsp)));
		ret = -ENOENT;
	} else if (parse_blocks(rsp, len, 34, &w, &b, &bc)) {
		ret = -EPROTO;
	} else {
		*fid = get16(w + 5);
		*size = get64(w + 55);
	}
	free(rsp);
	return ret;
}

int smb1_close(struct smb1_conn *c, uint16_t fid)
{
	struct buf m;
	uint8_t *rsp;
	size_t len;
	int ret;

	buf_init(&m, 64);
	put_hdr(c, &m, SMB_COM_CLOSE, smb1_next_mid(c));
	buf_u8(&m, 3);
	buf_u16(&m, fid);
	buf_u32(&m, 0xffffffff);
	buf_u16(&m, 0);
	ret = transact(c, &m, &rsp, &len);
	buf_free(&m);
	if (!ret) {
		if (smb1_status(rsp))
			ret = -EIO;
		free(rsp);
	}
	return ret;
}

void smb1_logoff(struct smb1_conn *c)
{
	struct buf m;
	uint8_t *rsp;
	size_t len;

	buf_init(&m, 64);
	if (c->tid != 0xffff) {
		put_hdr(c, &m, SMB_COM_TREE_DISCONNECT, smb1_next_mid(c));
		buf_u8(&m, 0);
		buf_u16(&m, 0);
		if (!transact(c, &m, &rsp, &len))
			free(rsp);
		m.len = 0;
	}
	if (c->uid) {
		put_hdr(c, &m, SMB_COM_LOGOFF, smb1_next_mid(c));
		buf_u8(&m, 2);
		andx_none(&m);
		buf_u16(&m, 0);
		if (!transact(c, &m, &rsp, &len))
			free(rsp);
	}
	buf_free(&m);
}
