// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Core Protocol searches: SMB_COM_SEARCH, SMB_COM_FIND,
 * SMB_COM_FIND_UNIQUE and SMB_COM_FIND_CLOSE (MS-CIFS 2.2.4.58-2.2.4.61,
 * 3.3.5.47-3.3.5.49), deprecated but still what some clients (and
 * smbtorture's old-style listings) use. They report 8.3 names in OEM
 * characters, 43 bytes an entry, and carry the search's state in a
 * 21-byte resume key; the search itself is fs/search.c's.
 *
 * The resume key's ServerState is ours to define (2.2.4.58.1): its
 * first two bytes are the SID, the next four the entry's resume key in
 * the search (its directory position cookie), the rest the first ten
 * bytes of the entry's 8.3 name, for nobody but a person reading a
 * capture. SEARCH ends its search when a request finds nothing more;
 * FIND keeps it until FIND_CLOSE; FIND_UNIQUE never keeps one.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/infolevel.h"
#include "fs/path.h"
#include "fs/search.h"
#include "fs/shortname.h"
#include "fs/smb_conn.h"
#include "fs/smb_req.h"
#include "fs/tree.h"

/* SMB_Resume_Key (2.2.4.58.1) and SMB_Directory_Information (.58.2) */
#define CORE_KEY_SIZE		21
#define CORE_ENTRY_SIZE		43
#define CORE_KEY_SID		1	/* in ServerState */
#define CORE_KEY_COOKIE		3
#define CORE_KEY_NAME		7
#define CORE_KEY_NAME_LEN	10
#define CORE_KEY_CLIENT		17	/* ClientState */
#define CORE_NAME_LEN		13	/* "NAME.EXT", NULs to 13 bytes */

/* The volume label attribute: the only entry then is the label. */
#define SMB_ATTR_VOLUME_LABEL	0x0008

/* Reply block overhead: WordCount, Count, ByteCount, BufferFormat, DataLength */
#define CORE_RSP_OVERHEAD	(1 + 2 + 2 + 1 + 2)

/**
 * struct core_req - a Core search request, decoded
 * @max: MaxCount
 * @attrs: SearchAttributes
 * @path: FileName
 * @key: the ResumeKey, or NULL on an initial request
 */
struct core_req {
	unsigned int max;
	u16 attrs;
	struct kcifsd_smb_path path;
	const u8 *key;
};

/**
 * struct core_out - the entries being written
 * @buf: DirectoryInformationData
 * @count: entries written
 * @sid: the search's SID, for the resume keys
 * @client: ClientState to echo (2.2.4.58.1)
 * @upper: names in upper case (a client without SMB_FLAGS2_LONG_NAMES)
 */
struct core_out {
	u8 *buf;
	unsigned int count;
	u16 sid;
	u8 client[4];
	bool upper;
};

/*
 * The request (2.2.4.58.1): MaxCount, SearchAttributes; BufferFormat
 * 0x04 and FileName; BufferFormat 0x05, ResumeKeyLength (0 or 21) and
 * the key.
 */
static u32 core_parse(struct kcifsd_smb_req *req, struct core_req *c)
{
	const u8 *end = req->bytes + req->bc, *p;
	u16 keylen;
	u32 status;

	memset(c, 0, sizeof(*c));
	c->max = get_unaligned_le16(req->words);
	c->attrs = get_unaligned_le16(req->words + 2);
	status = kcifsd_req_path_fmt(req, req->bytes, KCIFSD_PATH_WILDCARDS,
				     &c->path, &p);
	if (status)
		return status;
	if (end - p < 3 || p[0] != SMB_BUFFER_FORMAT_VARIABLE)
		goto bad;
	keylen = get_unaligned_le16(p + 1);
	if (keylen == CORE_KEY_SIZE && end - (p + 3) >= CORE_KEY_SIZE)
		c->key = p + 3;
	else if (keylen)
		goto bad;
	return STATUS_SUCCESS;
bad:
	kcifsd_path_free(&c->path);
	return STATUS_INVALID_SMB;
}

/*
 * An 8.3 name as the FileName field holds it. MS-CIFS 2.2.4.58.2 says
 * spaces to 12 bytes, but Windows ends the name with NULs, and clients
 * (smbtorture raw.search) take all 13 bytes up to the first NUL as the
 * name. A name that is 8.3 already goes as it is, its case kept unless
 * the client does not know long names (upper case, as DOS expects); any
 * other as its made-up short name (fs/shortname.c, upper case).
 */
static void core_put_name(u8 *p, const char *name, unsigned int len,
			  bool upper)
{
	char alt[KCIFSD_SHORT_NAME_MAX + 1];
	unsigned int i;

	memset(p, 0, CORE_NAME_LEN);
	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.') ||
	    kcifsd_short_name_is_83(name, len)) {
		for (i = 0; i < len; i++)
			p[i] = upper ? toupper(name[i]) : name[i];
		return;
	}
	len = kcifsd_short_name(name, len, alt);
	memcpy(p, alt, len);
}

/* The resume key of an entry (see the top of this file). */
static void core_put_key(u8 *p, const struct core_out *o, u32 key,
			 const u8 *fname)
{
	memset(p, 0, CORE_KEY_SIZE);
	put_unaligned_le16(o->sid, p + CORE_KEY_SID);
	put_unaligned_le32(key, p + CORE_KEY_COOKIE);
	memcpy(p + CORE_KEY_NAME, fname, CORE_KEY_NAME_LEN);
	memcpy(p + CORE_KEY_CLIENT, o->client, sizeof(o->client));
}

/* SMB_Directory_Information (2.2.4.58.2); kcifsd_search_put_t */
static int core_put(void *priv, const char *name, unsigned int len,
		    const struct kcifsd_info *info, u32 key)
{
	struct core_out *o = priv;
	u8 *p = o->buf + o->count * CORE_ENTRY_SIZE;
	u16 date, time;

	core_put_name(p + 30, name, len, o->upper);
	core_put_key(p, o, key, p + 30);
	p[21] = info->attrs & 0x3F;
	kcifsd_smb_datetime(info->write, &date, &time);
	put_unaligned_le16(time, p + 22);
	put_unaligned_le16(date, p + 24);
	put_unaligned_le32((u32)info->eof, p + 26);
	o->count++;
	return 0;
}

/*
 * The volume label is the only entry of a search for it (2.2.4.58.1):
 * the share's name, cut to 11 characters, NUL-padded as names are.
 */
static void core_put_label(struct core_out *o, struct kcifsd_smb_req *req)
{
	struct kcifsd_tree *tree = kcifsd_tree_get(req->sc, req->tid);
	u8 *p = o->buf;

	memset(p, 0, CORE_ENTRY_SIZE);
	if (tree) {
		memcpy(p + 30, tree->share,
		       min_t(size_t, strlen(tree->share), 11));
		kcifsd_tree_put(tree);
	}
	core_put_key(p, o, 0, p + 30);
	p[21] = SMB_ATTR_VOLUME_LABEL;
	o->count = 1;
}

/* The reply block for up to @max entries; NULL if it cannot be had. */
static u8 *core_rsp(struct kcifsd_smb_req *req, unsigned int *max)
{
	unsigned int room = req->rsp_max - req->rsp_len;
	u8 *w;

	if (room < CORE_RSP_OVERHEAD)
		return NULL;
	*max = min((room - CORE_RSP_OVERHEAD) / CORE_ENTRY_SIZE, *max);
	w = kcifsd_smb_rsp_block(req, 1, 3 + *max * CORE_ENTRY_SIZE);
	if (!w)
		return NULL;
	return kcifsd_smb_rsp_bytes(req) + 3;
}

/* Count, BufferFormat, DataLength; the entries are in place. */
static void core_rsp_finish(struct kcifsd_smb_req *req, unsigned int count)
{
	u8 *b = kcifsd_smb_rsp_bytes(req);

	put_unaligned_le16(count, req->rsp + req->rsp_block + 1);
	b[0] = SMB_BUFFER_FORMAT_VARIABLE;
	put_unaligned_le16(count * CORE_ENTRY_SIZE, b + 1);
	kcifsd_smb_rsp_set_bc(req, 3 + count * CORE_ENTRY_SIZE);
}

enum core_kind { CORE_SEARCH, CORE_FIND, CORE_FIND_UNIQUE };

/*
 * One request of SEARCH, FIND or FIND_UNIQUE: a new search, or the one
 * the resume key names, resumed after the entry it names.
 */
static u32 core_run(struct kcifsd_smb_req *req, enum core_kind kind)
{
	struct kcifsd_search_run run = { .put = core_put };
	struct kcifsd_search *s = NULL;
	struct core_out o = {};
	struct core_req c;
	u32 status;

	status = core_parse(req, &c);
	if (status)
		return status;
	run.max = max(c.max, 1u);
	run.priv = &o;
	o.upper = !(req->flags2 & SMB_FLAGS2_LONG_NAMES);
	o.buf = core_rsp(req, &run.max);
	if (!o.buf || !run.max) {
		status = STATUS_INSUFF_SERVER_RESOURCES;
		goto out_path;
	}

	if (c.key && kind == CORE_FIND_UNIQUE) {
		status = STATUS_INVALID_PARAMETER;
		goto out_path;
	}
	if (c.key) {
		memcpy(o.client, c.key + CORE_KEY_CLIENT, sizeof(o.client));
		o.sid = get_unaligned_le16(c.key + CORE_KEY_SID);
		/*
		 * A search that ended or was never ours: "no more files",
		 * as at the end (3.3.5.47).
		 */
		status = kcifsd_search_find(req, o.sid, &s);
		if (status == STATUS_INVALID_HANDLE)
			status = STATUS_NO_MORE_FILES;
		if (status)
			goto out_path;
		run.resume = true;
		run.by_key = true;
		run.key = get_unaligned_le32(c.key + CORE_KEY_COOKIE);
	} else if (c.attrs & SMB_ATTR_VOLUME_LABEL) {
		core_put_label(&o, req);
		goto reply;
	} else {
		status = kcifsd_search_open(req, &c.path, c.attrs, &s);
		/* "No more matching files" whether a name or a pattern */
		if (status == STATUS_NO_SUCH_FILE)
			status = STATUS_NO_MORE_FILES;
		if (status)
			goto out_path;
		if (kind != CORE_FIND_UNIQUE) {
			status = kcifsd_search_install(req->sc, s);
			if (status)
				goto out_search;
			o.sid = kcifsd_search_sid(s);
		}
	}

	status = kcifsd_search_fill(s, &run);
	/*
	 * SEARCH ends when a request finds nothing more (3.3.5.47), FIND
	 * on FIND_CLOSE; FIND_UNIQUE was never installed. A continuation
	 * that finds nothing more answers Count 0, as Windows does (what
	 * smbtorture raw.search expects after a batch that ended exactly
	 * at the end); a new search that finds nothing, "no more files".
	 */
	if (!status && !run.count && !c.key)
		status = STATUS_NO_MORE_FILES;
	if (kind != CORE_FIND_UNIQUE &&
	    (status || (kind == CORE_SEARCH && !run.count)))
		kcifsd_search_close(req->sc, s);
	if (status)
		goto out_search;
reply:
	core_rsp_finish(req, o.count);
out_search:
	if (s)
		kcifsd_search_put(s);
out_path:
	kcifsd_path_free(&c.path);
	if (status)
		kcifsd_smb_rsp_error(req);
	return status;
}

/**
 * kcifsd_smb_search() - SMB_COM_SEARCH handler (MS-CIFS 2.2.4.58,
 *	3.3.5.47)
 * @req: the request
 *
 * Return: STATUS_SUCCESS (Count 0 once a search has run out),
 * STATUS_NO_MORE_FILES when nothing matches at all, or an error status.
 */
u32 kcifsd_smb_search(struct kcifsd_smb_req *req)
{
	return core_run(req, CORE_SEARCH);
}

/**
 * kcifsd_smb_find() - SMB_COM_FIND handler (MS-CIFS 2.2.4.59, 3.3.5.47)
 * @req: the request
 *
 * Return: as kcifsd_smb_search(); the search stays open until
 * SMB_COM_FIND_CLOSE.
 */
u32 kcifsd_smb_find(struct kcifsd_smb_req *req)
{
	return core_run(req, CORE_FIND);
}

/**
 * kcifsd_smb_find_unique() - SMB_COM_FIND_UNIQUE handler (MS-CIFS
 *	2.2.4.60, 3.3.5.48)
 * @req: the request; a ResumeKey is not allowed
 *
 * Return: as kcifsd_smb_search(); no search is kept.
 */
u32 kcifsd_smb_find_unique(struct kcifsd_smb_req *req)
{
	return core_run(req, CORE_FIND_UNIQUE);
}

/**
 * kcifsd_smb_find_close() - SMB_COM_FIND_CLOSE handler (MS-CIFS
 *	2.2.4.61, 3.3.5.49)
 * @req: the request; its ResumeKey names the search
 *
 * Return: STATUS_SUCCESS (Count 0), STATUS_INVALID_HANDLE for a key that
 * names no open search, or STATUS_INVALID_SMB.
 */
u32 kcifsd_smb_find_close(struct kcifsd_smb_req *req)
{
	struct kcifsd_search *s;
	unsigned int max = 0;
	struct core_req c;
	u32 status;

	status = core_parse(req, &c);
	if (status)
		return status;
	kcifsd_path_free(&c.path);
	if (!c.key)
		return STATUS_INVALID_SMB;
	status = kcifsd_search_find(req, get_unaligned_le16(c.key +
							     CORE_KEY_SID),
				    &s);
	if (status)
		return status;
	kcifsd_search_close(req->sc, s);
	kcifsd_search_put(s);
	if (!core_rsp(req, &max))
		return STATUS_INSUFF_SERVER_RESOURCES;
	core_rsp_finish(req, 0);
	return STATUS_SUCCESS;
}
