// SPDX-License-Identifier: GPL-2.0-only
/*
 * RAP over \PIPE\LANMAN; see rap.h.
 *
 * A request's parameters (MS-RAP 2.5.1): RAPOpcode (u16), ParamDesc and
 * DataDesc (ASCIIZ), then the call's fields as ParamDesc describes them.
 * A reply's parameters: Win32ErrorCode (u16), Converter (u16), then the
 * call's output fields. Data entries are fixed-size records; their
 * strings ('z') are 32-bit "pointers" whose low 16 bits minus Converter
 * are offsets into the data buffer, where the strings follow the
 * records. Converter is 0 here. Strings are OEM: ASCII, with '?' for
 * what ASCII cannot say.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "rap.h"
#include "rpc/shares.h"
#include "utf16.h"

#define RAP_NET_SHARE_ENUM	0
#define RAP_NET_SESSION_ENUM	6
#define RAP_NET_SERVER_GET_INFO	13
#define RAP_NET_WKSTA_GET_INFO	63
#define RAP_NET_REMOTE_TOD	91
#define RAP_NET_SERVER_ENUM2	104

#define RAP_DESC_MAX		64
#define RAP_MAX_PTRS		4096
/* NetName[13] of share_info_0/1/2: at most 12 characters. */
#define RAP_SHARE_NAME_MAX	12

/* A reply data buffer: records, then the strings they point to. */
struct rap_data {
	uint8_t fixed[RAP_DATA_MAX];
	size_t flen;
	uint8_t strs[RAP_DATA_MAX];
	size_t slen;
	struct {
		size_t at;		/* pointer field in fixed[] */
		size_t str;		/* its string in strs[] */
	} ptrs[RAP_MAX_PTRS];
	size_t n_ptrs;
	int err;
};

struct rap_mark {
	size_t flen, slen, n_ptrs;
};

/* A parsed request. */
struct rap_req {
	const struct rpc_env *env;
	const struct rpc_user *user;
	uint16_t opcode;
	char param_desc[RAP_DESC_MAX + 1];
	char data_desc[RAP_DESC_MAX + 1];
	const uint8_t *p;		/* the fields after the descriptors */
	size_t len;
	size_t off;
	int err;
	uint16_t level;
	uint16_t rcv_size;
	uint32_t limit;			/* bytes of data the client takes */
};

/* What the reply's parameters say beyond status and converter. */
struct rap_reply {
	uint16_t status;
	uint16_t words[2];
	unsigned int n_words;
};

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, v & 0xffff);
	put_le16(p + 2, (uint16_t)(v >> 16));
}

static uint8_t *fixed_space(struct rap_data *d, size_t n)
{
	uint8_t *p;

	if (d->err || n > sizeof(d->fixed) - d->flen) {
		d->err = -ENOSPC;
		return NULL;
	}
	p = d->fixed + d->flen;
	memset(p, 0, n);
	d->flen += n;
	return p;
}

static void rd_u8(struct rap_data *d, uint8_t v)
{
	uint8_t *p = fixed_space(d, 1);

	if (p)
		*p = v;
}

static void rd_u16(struct rap_data *d, uint16_t v)
{
	uint8_t *p = fixed_space(d, 2);

	if (p)
		put_le16(p, v);
}

static void rd_u32(struct rap_data *d, uint32_t v)
{
	uint8_t *p = fixed_space(d, 4);

	if (p)
		put_le32(p, v);
}

/* UTF-8 @s as OEM into @out (NUL-terminated, @size bytes): its length. */
static size_t to_oem(const char *s, char *out, size_t size)
{
	size_t n = 0;
	uint32_t cp;
	int k;

	while (*s && n + 1 < size) {
		k = utf8_next(s, &cp);
		if (k < 0) {
			cp = '?';
			k = 1;
		}
		out[n++] = cp < 0x80 ? (char)cp : '?';
		s += k;
	}
	out[n] = '\0';
	return n;
}

/* Bn: @s in a NUL-padded field of @width bytes. */
static void rd_fixed_str(struct rap_data *d, const char *s, size_t width)
{
	char oem[64];
	uint8_t *p = fixed_space(d, width);

	if (!p)
		return;
	to_oem(s, oem, width < sizeof(oem) ? width : sizeof(oem));
	memcpy(p, oem, strlen(oem));
}

/* z: a pointer to @s among the strings (NULL: a null pointer). */
static void rd_str(struct rap_data *d, const char *s)
{
	char oem[1024];
	size_t at = d->flen, n;

	rd_u32(d, 0);
	if (d->err || !s)
		return;
	n = to_oem(s, oem, sizeof(oem)) + 1;
	if (n > sizeof(d->strs) - d->slen || d->n_ptrs == RAP_MAX_PTRS) {
		d->err = -ENOSPC;
		return;
	}
	memcpy(d->strs + d->slen, oem, n);
	d->ptrs[d->n_ptrs].at = at;
	d->ptrs[d->n_ptrs].str = d->slen;
	d->n_ptrs++;
	d->slen += n;
}

static struct rap_mark rd_mark(const struct rap_data *d)
{
	struct rap_mark m = { d->flen, d->slen, d->n_ptrs };

	return m;
}

static void rd_rollback(struct rap_data *d, struct rap_mark m)
{
	d->flen = m.flen;
	d->slen = m.slen;
	d->n_ptrs = m.n_ptrs;
	d->err = 0;
}

static size_t rd_size(const struct rap_data *d)
{
	return d->flen + d->slen;
}

/* Resolve the pointers and give the bytes: records, then strings. */
static size_t rd_finish(struct rap_data *d, uint8_t *out)
{
	size_t i;

	for (i = 0; i < d->n_ptrs; i++)
		put_le32(d->fixed + d->ptrs[i].at,
			 (uint32_t)(d->flen + d->ptrs[i].str));
	memcpy(out, d->fixed, d->flen);
	memcpy(out + d->flen, d->strs, d->slen);
	return d->flen + d->slen;
}

static uint16_t req_u16(struct rap_req *r)
{
	uint16_t v;

	if (r->err || r->len - r->off < 2) {
		r->err = -EINVAL;
		return 0;
	}
	v = (uint16_t)(r->p[r->off] | r->p[r->off + 1] << 8);
	r->off += 2;
	return v;
}

/* An ASCIIZ string of at most @size - 1 characters. */
static void req_str(struct rap_req *r, char *out, size_t size)
{
	const uint8_t *nul;
	size_t n;

	out[0] = '\0';
	if (r->err)
		return;
	nul = memchr(r->p + r->off, 0, r->len - r->off);
	n = nul ? (size_t)(nul - (r->p + r->off)) : 0;
	if (!nul || n >= size) {
		r->err = -EINVAL;
		return;
	}
	memcpy(out, r->p + r->off, n + 1);
	r->off += n + 1;
}

/* "WrLeh"-style calls: InfoLevel and ReceiveBufferSize, checked. */
static int level_and_size(struct rap_req *r, const char *param_desc)
{
	if (strcmp(r->param_desc, param_desc))
		return -EINVAL;
	r->level = req_u16(r);
	r->rcv_size = req_u16(r);
	if (r->err)
		return -EINVAL;
	if (r->rcv_size < r->limit)
		r->limit = r->rcv_size;
	return 0;
}

/* NetShareEnum (MS-RAP 3.2.5.1): ParamDesc "WrLeh". */
static void share_enum(struct rap_req *r, struct rap_data *d,
		       struct rap_reply *rep)
{
	struct share_desc *list = NULL;
	char path[KCIFSD_PATH_MAX + 4];
	uint16_t returned = 0, avail = 0;
	struct rap_mark m;
	int n, i;

	rep->n_words = 2;
	if (level_and_size(r, "WrLeh")) {
		rep->status = WERR_INVALID_PARAMETER;
		return;
	}
	if (r->level > 2) {
		rep->status = WERR_INVALID_LEVEL;
		return;
	}
	if (r->level == 2 && !rpc_user_is_admin(r->env, r->user)) {
		rep->status = WERR_ACCESS_DENIED;
		return;
	}
	n = shares_list(r->env, r->user, &list);
	if (n < 0) {
		rep->status = WERR_NOT_SUPPORTED;
		return;
	}
	for (i = 0; i < n; i++) {
		if (strlen(list[i].name) > RAP_SHARE_NAME_MAX)
			continue;	/* cannot be named in NetName[13] */
		avail++;
		if (rep->status)
			continue;
		m = rd_mark(d);
		rd_fixed_str(d, list[i].name, 13);
		if (r->level >= 1) {
			rd_u8(d, 0);				/* pad */
			rd_u16(d, (uint16_t)list[i].type);	/* no hidden bit */
			rd_str(d, list[i].comment);
		}
		if (r->level == 2) {
			rd_u16(d, 0);			/* permissions */
			rd_u16(d, 0xffff);		/* max uses */
			rd_u16(d, 0);			/* current uses */
			rd_str(d, list[i].path ?
			       shares_dos_path(list[i].path, path,
					       sizeof(path)) : "");
			fixed_space(d, 9 + 1);		/* password, pad */
		}
		if (d->err || rd_size(d) > r->limit) {
			rd_rollback(d, m);
			rep->status = WERR_MORE_DATA;
			continue;
		}
		returned++;
	}
	free(list);
	rep->words[0] = returned;
	rep->words[1] = avail;
}

/* NetServerGetInfo (MS-RAP 3.2.5.6): "WrLh", levels 0 and 1. */
static void server_get_info(struct rap_req *r, struct rap_data *d,
			    struct rap_reply *rep)
{
	const struct global_conf *g = &r->env->conf->global;

	rep->n_words = 1;
	if (level_and_size(r, "WrLh")) {
		rep->status = WERR_INVALID_PARAMETER;
		return;
	}
	if (r->level > 1) {
		rep->status = WERR_INVALID_LEVEL;
		return;
	}
	rd_fixed_str(d, g->netbios_name, 16);
	if (r->level == 1) {
		rd_u8(d, RPC_VERSION_MAJOR);
		rd_u8(d, RPC_VERSION_MINOR);
		rd_u32(d, 0x00009803u);		/* as srvsvc SERVER_INFO_101 */
		rd_str(d, g->server_string);
	}
}

/* NetWkstaGetInfo (MS-RAP 3.2.5.16): "WrLh", level 10 "zzzBBzz". */
static void wksta_get_info(struct rap_req *r, struct rap_data *d,
			   struct rap_reply *rep)
{
	const struct global_conf *g = &r->env->conf->global;

	rep->n_words = 1;
	if (level_and_size(r, "WrLh")) {
		rep->status = WERR_INVALID_PARAMETER;
		return;
	}
	if (r->level != 10) {
		rep->status = WERR_INVALID_LEVEL;
		return;
	}
	rd_str(d, g->netbios_name);
	rd_str(d, r->user->name);
	rd_str(d, g->workgroup);
	rd_u8(d, RPC_VERSION_MAJOR);
	rd_u8(d, RPC_VERSION_MINOR);
	rd_str(d, g->workgroup);		/* logon domain */
	rd_str(d, "");				/* other domains */
}

/* NetRemoteTOD (MS-RAP 3.2.5.11): "rL", data "DDBBBBWWBBWB". */
static void remote_tod(struct rap_req *r, struct rap_data *d,
		       struct rap_reply *rep)
{
	uint32_t v[12];

	rep->n_words = 0;
	if (strcmp(r->param_desc, "rL")) {
		rep->status = WERR_INVALID_PARAMETER;
		return;
	}
	r->rcv_size = req_u16(r);
	if (r->err) {
		rep->status = WERR_INVALID_PARAMETER;
		return;
	}
	if (r->rcv_size < r->limit)
		r->limit = r->rcv_size;
	rpc_time_of_day(v);
	rd_u32(d, v[0]);
	rd_u32(d, v[1]);
	rd_u8(d, (uint8_t)v[2]);
	rd_u8(d, (uint8_t)v[3]);
	rd_u8(d, (uint8_t)v[4]);
	rd_u8(d, (uint8_t)v[5]);
	rd_u16(d, (uint16_t)v[6]);
	rd_u16(d, (uint16_t)v[7]);
	rd_u8(d, (uint8_t)v[8]);
	rd_u8(d, (uint8_t)v[9]);
	rd_u16(d, (uint16_t)v[10]);
	rd_u8(d, (uint8_t)v[11]);
}

/*
 * NetServerEnum2 (MS-RAP 3.2.5.5): "WrLehDz", or "WrLehDO" without a
 * domain; no browse list here.
 */
static void server_enum2(struct rap_req *r, struct rap_reply *rep)
{
	rep->n_words = 2;
	if (level_and_size(r, strcmp(r->param_desc, "WrLehDO") ?
			   "WrLehDz" : "WrLehDO"))
		rep->status = WERR_INVALID_PARAMETER;
	else if (r->level > 1)
		rep->status = WERR_INVALID_LEVEL;
}

static int emit(struct rap_req *r, struct rap_data *d,
		const struct rap_reply *rep, uint32_t max_param,
		struct rpc_out *out)
{
	uint8_t params[8], *data;
	size_t plen = 4, dlen = 0;
	unsigned int i;
	int ret;

	put_le16(params, rep->status);
	put_le16(params + 2, 0);			/* Converter */
	for (i = 0; i < rep->n_words; i++, plen += 2)
		put_le16(params + plen, rep->words[i]);
	data = malloc(RAP_DATA_MAX * 2);
	if (!data)
		return -ENOMEM;
	/* Single-record calls: no data if it does not fit, and say so. */
	if (rd_size(d) > r->limit || d->err) {
		if (!rep->status)
			put_le16(params, WERR_MORE_DATA);
	} else {
		dlen = rd_finish(d, data);
	}
	if (r->opcode == RAP_NET_SERVER_GET_INFO ||
	    r->opcode == RAP_NET_WKSTA_GET_INFO)
		put_le16(params + 4, (uint16_t)rd_size(d));	/* TotalBytes */
	log_debug("rap: opcode %u by \"%s\": status %u, %zu data bytes",
		  r->opcode, r->user->name, params[0] | params[1] << 8, dlen);
	ret = rpc_out_msg(out, params, plen < max_param ? plen : max_param);
	if (!ret)
		ret = rpc_out_msg(out, data, dlen);
	free(data);
	return ret;
}

int rap_call(const struct rpc_env *env, const struct rpc_user *user,
	     const uint8_t *param, size_t param_len,
	     const uint8_t *data, size_t data_len,
	     uint32_t max_param, uint32_t max_data, struct rpc_out *out)
{
	struct rap_req r = { .env = env, .user = user, .p = param,
			     .len = param_len };
	struct rap_reply rep = { 0 };
	struct rap_data *d;
	int ret;

	(void)data;
	(void)data_len;		/* no call served here takes input data */
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	r.limit = max_data < RAP_DATA_MAX ? max_data : RAP_DATA_MAX;
	r.opcode = req_u16(&r);
	req_str(&r, r.param_desc, sizeof(r.param_desc));
	req_str(&r, r.data_desc, sizeof(r.data_desc));
	if (r.err) {
		rep.status = WERR_INVALID_PARAMETER;
		r.opcode = 0xffff;
	} else {
		switch (r.opcode) {
		case RAP_NET_SHARE_ENUM:
			share_enum(&r, d, &rep);
			break;
		case RAP_NET_SERVER_GET_INFO:
			server_get_info(&r, d, &rep);
			break;
		case RAP_NET_WKSTA_GET_INFO:
			wksta_get_info(&r, d, &rep);
			break;
		case RAP_NET_REMOTE_TOD:
			remote_tod(&r, d, &rep);
			break;
		case RAP_NET_SERVER_ENUM2:
			server_enum2(&r, &rep);
			break;
		case RAP_NET_SESSION_ENUM:
			/* no session list here, but the reply's shape */
			rep.n_words = 2;
			rep.status = WERR_NOT_SUPPORTED;
			break;
		default:
			rep.status = WERR_NOT_SUPPORTED;
			break;
		}
	}
	if (rep.status && rep.status != WERR_MORE_DATA)
		rd_rollback(d, (struct rap_mark){ 0, 0, 0 });
	/*
	 * An enumeration's reply keeps EntriesReturned and EntriesAvailable
	 * (0 and 0) whatever its status: clients read them before looking
	 * at the status. Other calls' replies stop after the Converter.
	 */
	if (rep.status && r.opcode != RAP_NET_SHARE_ENUM &&
	    r.opcode != RAP_NET_SESSION_ENUM &&
	    r.opcode != RAP_NET_SERVER_ENUM2)
		rep.n_words = 0;
	ret = emit(&r, d, &rep, max_param, out);
	free(d);
	return ret;
}
