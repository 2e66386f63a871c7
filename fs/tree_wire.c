// SPDX-License-Identifier: GPL-2.0-only
/*
 * TREE_CONNECT_ANDX request parsing (MS-CIFS 2.2.4.55.1): the Password
 * to skip, the Path (\\server\share, UTF-16LE or OEM per Flags2) and the
 * Service (always OEM), each checked against the command's Bytes.
 */

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fs/session_wire.h"
#include "fs/smb_req.h"
#include "fs/tree_wire.h"

/**
 * kcifsd_tree_parse_service() - which Service a request asks for
 * @s: the OEM string, without terminator
 * @len: its length
 *
 * Return: the service; KCIFSD_SERVICE_INVALID for a string MS-CIFS
 * 2.2.4.55.1 does not list. Letters are compared without case.
 */
enum kcifsd_tree_service kcifsd_tree_parse_service(const u8 *s, u32 len)
{
	static const char * const names[] = {
		[KCIFSD_SERVICE_DISK] = "A:",
		[KCIFSD_SERVICE_PRINTER] = "LPT1:",
		[KCIFSD_SERVICE_IPC] = "IPC",
		[KCIFSD_SERVICE_COMM] = "COMM",
		[KCIFSD_SERVICE_ANY] = "?????",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (len == strlen(names[i]) &&
		    !strncasecmp((const char *)s, names[i], len))
			return i;
	return KCIFSD_SERVICE_INVALID;
}

/**
 * kcifsd_tree_split_unc() - the share name of \\server\share
 * @unc: the Path, UTF-8
 * @share: output, NUL-terminated
 * @size: bytes at @share
 *
 * The server part is anything non-empty (MS-SRVS 3.1.6.8 would map
 * aliases; every name reaching this host is this server). A Path with no
 * server part at all is the share name alone, as Samba's smbtorture
 * sends it and Samba's server takes it. The share part must be one
 * non-empty component of printable characters.
 *
 * Return: STATUS_SUCCESS or STATUS_BAD_NETWORK_NAME.
 */
u32 kcifsd_tree_split_unc(const char *unc, char *share, size_t size)
{
	const char *server, *name, *c;
	size_t len;

	if (unc[0] != '\\') {
		name = unc;
	} else {
		if (unc[1] != '\\')
			return STATUS_BAD_NETWORK_NAME;
		server = unc + 2;
		name = strchr(server, '\\');
		if (!name || name == server)
			return STATUS_BAD_NETWORK_NAME;
		name++;
	}
	len = strlen(name);
	if (!len || len >= size)
		return STATUS_BAD_NETWORK_NAME;
	for (c = name; *c; c++)
		if ((u8)*c < 0x20 || *c == 0x7f || strchr("\\/:*?\"<>|", *c))
			return STATUS_BAD_NETWORK_NAME;
	memcpy(share, name, len + 1);
	return STATUS_SUCCESS;
}

/**
 * kcifsd_tree_connect_parse() - parse a TREE_CONNECT_ANDX request
 * @req: the request; its block passed fs/validate.c (WordCount 4)
 * @out: the result
 *
 * Return: STATUS_SUCCESS; STATUS_INVALID_SMB if the Password runs past
 * the Bytes; STATUS_BAD_NETWORK_NAME for a Path that does not name a
 * share (missing, too long, not \\server\share, bad UTF-16);
 * STATUS_NO_MEMORY.
 */
u32 kcifsd_tree_connect_parse(const struct kcifsd_smb_req *req,
			      struct kcifsd_tree_connect *out)
{
	const struct smb1_tree_connect_req *w = (const void *)req->words;
	bool unicode = req->flags2 & SMB_FLAGS2_UNICODE;
	const u8 *p = req->bytes, *end = req->bytes + req->bc;
	struct kcifsd_smb_string path, svc;
	u16 pw_len;
	char *unc;
	u32 status;

	memset(out, 0, sizeof(*out));
	if (req->wc != sizeof(*w) / 2)
		return STATUS_INVALID_SMB;
	out->flags = le16_to_cpu(w->flags);
	pw_len = le16_to_cpu(w->password_length);
	if (pw_len > req->bc)
		return STATUS_INVALID_SMB;
	p = kcifsd_smb_string_locate(req->buf, p + pw_len, end, unicode,
				     &path);
	kcifsd_smb_string_locate(req->buf, p, end, false, &svc);
	out->service = kcifsd_tree_parse_service(svc.p, svc.len);

	if (!path.len)
		return STATUS_BAD_NETWORK_NAME;
	unc = kmalloc(KCIFSD_UNC_MAX, GFP_KERNEL);
	if (!unc)
		return STATUS_NO_MEMORY;
	if (kcifsd_smb_string_to_utf8(&path, unc, KCIFSD_UNC_MAX) < 0)
		status = STATUS_BAD_NETWORK_NAME;
	else
		status = kcifsd_tree_split_unc(unc, out->share,
					       sizeof(out->share));
	kfree(unc);
	return status;
}
