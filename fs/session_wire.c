// SPDX-License-Identifier: GPL-2.0-only
/*
 * SESSION_SETUP_ANDX request parsing (MS-CIFS 2.2.4.53.1, MS-SMB
 * 2.2.4.6.1) and the SMB_STRING helpers of its replies and of
 * TREE_CONNECT_ANDX. Every length and offset from the wire is checked
 * against the command's Bytes before anything is read.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/session_wire.h"
#include "fs/smb_req.h"

/**
 * kcifsd_smb_string_locate() - find an SMB_STRING in a message
 * @msg: the message (SMB header start): Unicode strings are 2-byte
 *	aligned relative to it (MS-CIFS 2.2.1.1)
 * @p: where the string, or its alignment pad, starts
 * @end: the end of the command's Bytes
 * @unicode: UTF-16LE (SMB_FLAGS2_UNICODE), else OEM
 * @out: the string, without its terminator; absent (NULL, 0) when no
 *	byte of it is left before @end
 *
 * A string that runs to @end without a terminator ends there: some
 * clients leave the last terminator out.
 *
 * Return: where the next string starts (after the terminator), at most
 * @end.
 */
const u8 *kcifsd_smb_string_locate(const u8 *msg, const u8 *p,
				   const u8 *end, bool unicode,
				   struct kcifsd_smb_string *out)
{
	const u8 *s;

	out->p = NULL;
	out->len = 0;
	out->unicode = unicode;
	if (p >= end)
		return end;
	if (unicode && ((p - msg) & 1))
		p++;
	if (p >= end)
		return end;
	out->p = p;
	if (!unicode) {
		s = memchr(p, 0, end - p);
		out->len = (s ? s : end) - p;
		return s ? s + 1 : end;
	}
	for (s = p; end - s >= 2; s += 2) {
		if (!s[0] && !s[1]) {
			out->len = s - p;
			return s + 2;
		}
	}
	/* An odd trailing byte is not part of any UTF-16 unit. */
	out->len = s - p;
	return end;
}

/**
 * kcifsd_smb_string_to_utf8() - convert a located string to UTF-8
 * @s: the string
 * @buf: output, NUL-terminated on success
 * @size: bytes at @buf, terminator included
 *
 * OEM strings are read as ISO-8859-1, as fs/path.c reads them (no DOS
 * code page is configured; real clients send ASCII).
 *
 * Return: the length written, or -ENAMETOOLONG if it does not fit,
 * -EILSEQ for UTF-16 that is not valid (an unpaired surrogate), -ENOMEM.
 */
int kcifsd_smb_string_to_utf8(const struct kcifsd_smb_string *s, char *buf,
			      size_t size)
{
	unsigned int units = s->len / 2, i, n = 0;
	u8 *tmp;
	int len;

	if (!size)
		return -ENAMETOOLONG;
	if (!s->unicode) {
		for (i = 0; i < s->len; i++) {
			u8 c = s->p[i];

			if (n + (c < 0x80 ? 1 : 2) >= size)
				return -ENAMETOOLONG;
			if (c < 0x80) {
				buf[n++] = c;
			} else {
				buf[n++] = 0xc0 | (c >> 6);
				buf[n++] = 0x80 | (c & 0x3f);
			}
		}
		buf[n] = '\0';
		return n;
	}
	/* Each unit gives at least one UTF-8 byte, at most three. */
	if (units >= size)
		return -ENAMETOOLONG;
	tmp = kmalloc(units * 3 + 1, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	for (i = 0; i < units; i++) {
		u16 c = get_unaligned_le16(s->p + 2 * i);

		/* utf16s_to_utf8s() would skip these silently. */
		if (c >= 0xd800 && c <= 0xdfff) {
			bool high = c < 0xdc00;
			u16 next = i + 1 < units ?
				   get_unaligned_le16(s->p + 2 * i + 2) : 0;

			if (!high || next < 0xdc00 || next > 0xdfff) {
				kfree(tmp);
				return -EILSEQ;
			}
			i++;
		}
	}
	len = utf16s_to_utf8s((const wchar_t *)s->p, units,
			      UTF16_LITTLE_ENDIAN, tmp, units * 3);
	if (len < 0 || (size_t)len >= size) {
		kfree(tmp);
		return len < 0 ? len : -ENAMETOOLONG;
	}
	memcpy(buf, tmp, len);
	buf[len] = '\0';
	kfree(tmp);
	return len;
}

/**
 * kcifsd_smb_string_size() - room an SMB_STRING takes in a reply
 * @s: the string, UTF-8
 * @unicode: written as UTF-16LE
 *
 * Return: the most bytes kcifsd_smb_string_put() writes for @s,
 * alignment pad and terminator included.
 */
unsigned int kcifsd_smb_string_size(const char *s, bool unicode)
{
	size_t len = strlen(s);

	return unicode ? 1 + 2 * (len + 1) : len + 1;
}

/**
 * kcifsd_smb_string_put() - write an SMB_STRING into the reply
 * @req: the request whose reply (@req->rsp) is being built
 * @p: where to write, inside the reply's Bytes, with
 *	kcifsd_smb_string_size() bytes of room
 * @s: the string, UTF-8
 * @unicode: UTF-16LE, aligned to 2 bytes from the reply header with a
 *	pad byte if needed (MS-CIFS 2.2.1.1); else OEM, where characters
 *	beyond ASCII become '?'
 *
 * Return: bytes written, pad and terminator included.
 */
unsigned int kcifsd_smb_string_put(struct kcifsd_smb_req *req, u8 *p,
				   const char *s, bool unicode)
{
	size_t len = strlen(s), i;
	unsigned int n = 0;
	int units;

	if (!unicode) {
		for (i = 0; i < len; i++)
			p[i] = (u8)s[i] < 0x80 ? s[i] : '?';
		p[len] = '\0';
		return len + 1;
	}
	if (kcifsd_smb_rsp_offset(req, p) & 1)
		p[n++] = 0;
	units = utf8s_to_utf16s(s, len, UTF16_LITTLE_ENDIAN,
				(wchar_t *)(p + n), len);
	if (units < 0)
		units = 0;
	n += 2 * units;
	p[n++] = 0;
	p[n++] = 0;
	return n;
}

/* MS-CIFS 2.2.4.53.1 Bytes: the two responses, pad, AccountName,
 * PrimaryDomain, then the NativeOS/NativeLanMan pair of both forms.
 */
static u32 parse_nt(const struct kcifsd_smb_req *req,
		    struct kcifsd_sess_setup *out, const u8 **pp)
{
	const struct smb1_sess_setup_req_nt *w = (const void *)req->words;
	bool unicode = req->flags2 & SMB_FLAGS2_UNICODE;
	const u8 *end = req->bytes + req->bc, *p = *pp;

	out->max_buffer_size = le16_to_cpu(w->max_buffer_size);
	out->max_mpx_count = le16_to_cpu(w->max_mpx_count);
	out->vc_number = le16_to_cpu(w->vc_number);
	out->session_key = le32_to_cpu(w->session_key);
	out->capabilities = le32_to_cpu(w->capabilities);
	out->lm_len = le16_to_cpu(w->oem_password_len);
	out->nt_len = le16_to_cpu(w->unicode_password_len);
	if (out->lm_len + out->nt_len > req->bc)
		return STATUS_INVALID_PARAMETER;
	out->lm = p;
	p += out->lm_len;
	out->nt = p;
	p += out->nt_len;
	p = kcifsd_smb_string_locate(req->buf, p, end, unicode,
				     &out->account);
	p = kcifsd_smb_string_locate(req->buf, p, end, unicode,
				     &out->domain);
	*pp = p;
	return STATUS_SUCCESS;
}

/* MS-SMB 2.2.4.6.1 Bytes: SecurityBlob, then the strings. */
static u32 parse_ext(const struct kcifsd_smb_req *req,
		     struct kcifsd_sess_setup *out, const u8 **pp)
{
	const struct smb1_sess_setup_req_ext *w = (const void *)req->words;

	out->extended = true;
	out->max_buffer_size = le16_to_cpu(w->max_buffer_size);
	out->max_mpx_count = le16_to_cpu(w->max_mpx_count);
	out->vc_number = le16_to_cpu(w->vc_number);
	out->session_key = le32_to_cpu(w->session_key);
	out->capabilities = le32_to_cpu(w->capabilities);
	out->blob_len = le16_to_cpu(w->security_blob_len);
	if (out->blob_len > req->bc)
		return STATUS_INVALID_PARAMETER;
	out->blob = *pp;
	*pp += out->blob_len;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_sess_setup_parse() - parse a SESSION_SETUP_ANDX request
 * @req: the request; its block passed fs/validate.c (WordCount 12 or 13)
 * @out: the fields; pointers into the request
 *
 * The password or security blob lengths must fit in ByteCount; the
 * strings after them may be cut short or missing (they are only kept for
 * status), and are read up to the end of the Bytes at most.
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER for lengths beyond
 * the Bytes, STATUS_INVALID_SMB for another WordCount.
 */
u32 kcifsd_sess_setup_parse(const struct kcifsd_smb_req *req,
			    struct kcifsd_sess_setup *out)
{
	bool unicode = req->flags2 & SMB_FLAGS2_UNICODE;
	const u8 *p = req->bytes, *end = req->bytes + req->bc;
	u32 status;

	memset(out, 0, sizeof(*out));
	if (req->wc == sizeof(struct smb1_sess_setup_req_nt) / 2)
		status = parse_nt(req, out, &p);
	else if (req->wc == sizeof(struct smb1_sess_setup_req_ext) / 2)
		status = parse_ext(req, out, &p);
	else
		status = STATUS_INVALID_SMB;
	if (status)
		return status;
	p = kcifsd_smb_string_locate(req->buf, p, end, unicode,
				     &out->native_os);
	kcifsd_smb_string_locate(req->buf, p, end, unicode,
				 &out->native_lanman);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_sess_setup_is_anonymous() - a null session request?
 * @ss: a parsed non-extended request
 *
 * MS-CIFS 3.2.4.2.4: an empty AccountName and no responses. Windows
 * clients send a single NUL as OEMPassword, which counts as none.
 *
 * Return: true for a null session.
 */
bool kcifsd_sess_setup_is_anonymous(const struct kcifsd_sess_setup *ss)
{
	return !ss->extended && !ss->account.len && !ss->nt_len &&
	       (!ss->lm_len || (ss->lm_len == 1 && !ss->lm[0]));
}
