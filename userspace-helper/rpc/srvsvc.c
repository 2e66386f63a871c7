// SPDX-License-Identifier: GPL-2.0-only
/*
 * srvsvc (MS-SRVS), interface 4b324fc8-1670-01d3-1278-5a47bf6ee188 v3.0
 * on \PIPE\srvsvc: what clients need to list shares and describe the
 * server.
 *
 *   15 NetrShareEnum (Samba: NetShareEnumAll)   levels 0 1 2 501 502
 *   16 NetrShareGetInfo        levels 0 1 2 501 502 1004 1005 1006
 *   20 NetrShareCheck          is a local path shared, and as what
 *   21 NetrServerGetInfo       levels 100 101
 *   28 NetrRemoteTOD
 *   36 NetrShareEnumSticky (Samba: NetShareEnum) as 15, without the
 *      "$" shares and level 501 (its MS-SRVS levels: 0, 1, 2, 502)
 *
 * Levels 2 and 502 carry local paths: only for an account mapped to
 * uid 0 (WERR_ACCESS_DENIED otherwise), as Windows keeps them to
 * administrators. Windows also refuses to enumerate level 501 to null
 * and guest sessions (smbtorture rpc.srvsvc checks it): so do we.
 * Other opnums get the fault nca_s_op_rng_error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>

#include "log.h"
#include "shares.h"

#define OP_SHARE_ENUM_ALL	15
#define OP_SHARE_GET_INFO	16
#define OP_SHARE_CHECK		20
#define OP_SERVER_GET_INFO	21
#define OP_REMOTE_TOD		28
#define OP_SHARE_ENUM		36

/* SV_TYPE_WORKSTATION | SERVER | SERVER_UNIX | NT | SERVER_NT */
#define SERVER_TYPE		0x00009803u
#define MAX_PREFERRED_LENGTH	0xffffffffu

static const enum ndr_kind share0_f[] = { NDR_WSTR };
static const enum ndr_kind share1_f[] = { NDR_WSTR, NDR_U32, NDR_WSTR };
static const enum ndr_kind share2_f[] = {
	NDR_WSTR, NDR_U32, NDR_WSTR, NDR_U32, NDR_U32, NDR_U32, NDR_WSTR,
	NDR_WSTR,
};
static const enum ndr_kind share501_f[] = {
	NDR_WSTR, NDR_U32, NDR_WSTR, NDR_U32,
};
static const enum ndr_kind share502_f[] = {
	NDR_WSTR, NDR_U32, NDR_WSTR, NDR_U32, NDR_U32, NDR_U32, NDR_WSTR,
	NDR_WSTR, NDR_U32, NDR_NULLPTR,
};
static const enum ndr_kind share1004_f[] = { NDR_WSTR };
static const enum ndr_kind u32_f[] = { NDR_U32 };
static const enum ndr_kind server100_f[] = { NDR_U32, NDR_WSTR };
static const enum ndr_kind server101_f[] = {
	NDR_U32, NDR_WSTR, NDR_U32, NDR_U32, NDR_U32, NDR_WSTR,
};
static const enum ndr_kind tod_f[] = {
	NDR_U32, NDR_U32, NDR_U32, NDR_U32, NDR_U32, NDR_U32, NDR_U32,
	NDR_U32, NDR_U32, NDR_U32, NDR_U32, NDR_U32,
};

#define TYPE(name, f) { name, sizeof(f) / sizeof(f[0]), f }

struct share_level {
	uint32_t level;
	int admin;			/* shows local paths */
	int enumerable;			/* a NetrShareEnum level */
	struct ndr_type type;
};

static const struct share_level share_levels[] = {
	{ 0, 0, 1, TYPE("SHARE_INFO_0", share0_f) },
	{ 1, 0, 1, TYPE("SHARE_INFO_1", share1_f) },
	{ 2, 1, 1, TYPE("SHARE_INFO_2", share2_f) },
	{ 501, 0, 1, TYPE("SHARE_INFO_501", share501_f) },
	{ 502, 1, 1, TYPE("SHARE_INFO_502", share502_f) },
	{ 1004, 0, 0, TYPE("SHARE_INFO_1004", share1004_f) },
	{ 1005, 0, 0, TYPE("SHARE_INFO_1005", u32_f) },
	{ 1006, 0, 0, TYPE("SHARE_INFO_1006", u32_f) },
};

static const struct ndr_type server100_t = TYPE("SERVER_INFO_100",
						 server100_f);
static const struct ndr_type server101_t = TYPE("SERVER_INFO_101",
						 server101_f);
static const struct ndr_type tod_t = TYPE("TIME_OF_DAY_INFO", tod_f);

static const struct share_level *find_level(uint32_t level)
{
	size_t i;

	for (i = 0; i < sizeof(share_levels) / sizeof(share_levels[0]); i++)
		if (share_levels[i].level == level)
			return &share_levels[i];
	return NULL;
}

/*
 * Levels that have an arm (a pointer) in the SHARE_ENUM_UNION /
 * SHARE_INFO and SERVER_INFO unions of the IDL, served here or not. A
 * level we do not serve still gets its arm, a NULL pointer, or clients
 * cannot decode the status after it; a level the IDL does not know has
 * no arm at all.
 */
static const uint32_t share_arms[] = {
	0, 1, 2, 501, 502, 503, 1004, 1005, 1006, 1007, 1501,
};
static const uint32_t server_arms[] = {
	100, 101, 102, 402, 403, 502, 503, 599, 1005, 1010, 1016, 1017,
	1018, 1107, 1501, 1502, 1503, 1506, 1509, 1510, 1511, 1512, 1513,
	1514, 1515, 1516, 1518, 1520, 1521, 1522, 1523, 1524, 1525, 1528,
	1529, 1530, 1533, 1534, 1535, 1536, 1537, 1538, 1539, 1540, 1541,
	1542, 1543, 1544, 1545, 1546, 1547, 1548, 1549, 1550, 1552, 1553,
	1554, 1555, 1556,
};

static int has_arm(const uint32_t *arms, size_t n, uint32_t level)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (arms[i] == level)
			return 1;
	return 0;
}

#define SHARE_ARM(level) \
	has_arm(share_arms, sizeof(share_arms) / sizeof(share_arms[0]), level)
#define SERVER_ARM(level) \
	has_arm(server_arms, sizeof(server_arms) / sizeof(server_arms[0]), \
		level)

/* Field values of @d at @level into @v (n_fields of the level's type). */
static void share_values(uint32_t level, const struct share_desc *d,
			 char *path_buf, size_t path_size, union ndr_val *v)
{
	switch (level) {
	case 0:
		v[0].str = d->name;
		break;
	case 1:
		v[0].str = d->name;
		v[1].u32 = d->type;
		v[2].str = d->comment;
		break;
	case 2:
	case 502:
		v[0].str = d->name;
		v[1].u32 = d->type;
		v[2].str = d->comment;
		v[3].u32 = 0;			/* permissions: share level */
		v[4].u32 = 0xffffffffu;		/* max_uses: unlimited */
		v[5].u32 = 0;			/* current_uses */
		v[6].str = d->path ? shares_dos_path(d->path, path_buf,
						     path_size) : "";
		v[7].str = NULL;		/* passwd */
		if (level == 502) {
			v[8].u32 = 0;		/* reserved: SD length */
			v[9].str = NULL;
		}
		break;
	case 501:
		v[0].str = d->name;
		v[1].u32 = d->type;
		v[2].str = d->comment;
		v[3].u32 = 0;			/* CSC: manual caching */
		break;
	case 1004:
		v[0].str = d->comment;
		break;
	case 1005:
		v[0].u32 = 0;			/* shi1005_flags */
		break;
	case 1006:
		v[0].u32 = 0xffffffffu;
		break;
	}
}

/* [in, string, unique] SRVSVC_HANDLE ServerName: read and ignored. */
static void pull_server_name(struct ndr_pull *in)
{
	char name[4 * NDR_STR_MAX];

	if (ndr_pull_ptr(in))
		ndr_pull_wstr(in, name, sizeof(name));
}

static int hidden_name(const char *name)
{
	size_t n = strlen(name);

	return n && name[n - 1] == '$';
}

/*
 * NetrShareEnum: InfoStruct (Level, union arm pointer to a container
 * {EntriesRead, Buffer}), PreferedMaximumLength, ResumeHandle.
 */
static uint32_t share_enum(struct rpc_call *c, int sticky)
{
	struct ndr_pull *in = &c->in;
	struct ndr_push *out = &c->out;
	uint32_t level, prefmax, resume = 0, status = WERR_OK, total = 0;
	uint32_t i, n = 0, budget;
	int has_ctr, has_resume, count, k;
	const struct share_level *sl;
	struct share_desc *all = NULL;
	union ndr_val *vals = NULL;
	char (*paths)[KCIFSD_PATH_MAX + 4] = NULL;
	size_t used = 0, sz;

	pull_server_name(in);
	level = ndr_pull_u32(in);
	ndr_pull_u32(in);			/* union switch */
	has_ctr = ndr_pull_ptr(in);
	if (has_ctr) {
		ndr_pull_u32(in);		/* EntriesRead */
		if (ndr_pull_ptr(in) && ndr_pull_u32(in))
			return DCERPC_FAULT_NDR;	/* entries sent to us */
	}
	prefmax = ndr_pull_u32(in);
	has_resume = ndr_pull_ptr(in);
	if (has_resume)
		resume = ndr_pull_u32(in);
	if (in->err)
		return DCERPC_FAULT_NDR;

	sl = find_level(level);
	if (sl && (!sl->enumerable || (sticky && level == 501)))
		sl = NULL;		/* not a level of this call: no arm */
	if (!sl)
		status = WERR_INVALID_LEVEL;
	else if (sl->admin && !rpc_user_is_admin(c->env, c->user))
		status = WERR_ACCESS_DENIED;
	else if (level == 501 && (c->user->flags & KCIFSD_USER_F_GUEST))
		status = WERR_ACCESS_DENIED;	/* as Windows: not for guests */
	if (!status) {
		count = shares_list(c->env, c->user, &all);
		if (count < 0)
			return DCERPC_FAULT_PROTO_ERROR;
		if (sticky) {
			for (i = 0, k = 0; i < (uint32_t)count; i++)
				if (!hidden_name(all[i].name))
					all[k++] = all[i];
			count = k;
		}
		total = (uint32_t)count;
		vals = calloc((size_t)total + 1, sizeof(*vals) *
			      sl->type.n_fields);
		if (sl->admin)
			paths = calloc((size_t)total + 1, sizeof(*paths));
		if (!vals || (sl->admin && !paths)) {
			free(all);
			free(vals);
			free(paths);
			return DCERPC_FAULT_PROTO_ERROR;
		}
		budget = RPC_STUB_MAX - 256;
		if (prefmax != MAX_PREFERRED_LENGTH && prefmax < budget)
			budget = prefmax;
		/* From the resume point, as many as fit (at least one). */
		for (i = resume; i < total; i++) {
			union ndr_val *v = vals + (size_t)n * sl->type.n_fields;

			share_values(level, &all[i], paths ? paths[n] : NULL,
				     sizeof(paths[0]), v);
			sz = ndr_struct_size(&sl->type, v);
			if (n && used + sz > budget)
				break;
			used += sz;
			n++;
		}
		if (resume + n < total) {
			status = WERR_MORE_DATA;
			resume += n;
		} else {
			resume = 0;
		}
	}

	ndr_push_u32(out, level);
	ndr_push_u32(out, level);		/* union switch */
	if (!sl && !SHARE_ARM(level)) {
		/* no arm for a level the IDL does not know */
	} else if (!sl || (status && status != WERR_MORE_DATA)) {
		ndr_push_ptr(out, 0);
	} else {
		ndr_push_ptr(out, 1);		/* the container */
		ndr_push_u32(out, n);		/* EntriesRead */
		ndr_push_ptr(out, 1);		/* Buffer */
		ndr_push_struct_array(out, &sl->type, vals, n);
	}
	ndr_push_u32(out, total);		/* TotalEntries */
	ndr_push_ptr(out, has_resume);
	if (has_resume)
		ndr_push_u32(out, resume);
	ndr_push_u32(out, status);
	free(all);
	free(vals);
	free(paths);
	return 0;
}

/* NetrShareGetInfo: ServerName, NetName ([in, string] ref), Level. */
static uint32_t share_get_info(struct rpc_call *c)
{
	struct ndr_pull *in = &c->in;
	struct ndr_push *out = &c->out;
	char name[4 * NDR_STR_MAX], path[KCIFSD_PATH_MAX + 4];
	union ndr_val v[NDR_MAX_FIELDS];
	const struct share_level *sl;
	struct share_desc d;
	uint32_t level, status = WERR_OK;

	pull_server_name(in);
	ndr_pull_wstr(in, name, sizeof(name));
	level = ndr_pull_u32(in);
	if (in->err)
		return DCERPC_FAULT_NDR;
	sl = find_level(level);
	if (!sl)
		status = WERR_INVALID_LEVEL;
	else if (shares_find(c->env, c->user, name, &d))
		status = WERR_NET_NAME_NOT_FOUND;
	else if (sl->admin && !rpc_user_is_admin(c->env, c->user))
		status = WERR_ACCESS_DENIED;

	ndr_push_u32(out, level);		/* union switch */
	if ((sl && status) || (!sl && SHARE_ARM(level))) {
		ndr_push_ptr(out, 0);
	} else if (sl) {
		memset(v, 0, sizeof(v));
		share_values(level, &d, path, sizeof(path), v);
		ndr_push_ptr(out, 1);
		ndr_push_struct(out, &sl->type, v);
		ndr_push_deferred(out, &sl->type, v);
	}
	ndr_push_u32(out, status);
	return 0;
}

/*
 * NetrShareCheck: ServerName, Device ([in, string] ref); out: Type.
 * The device is shared if a share the caller may see has that local
 * path, in the "C:\\..." form level 2 shows (case-insensitive, as Windows
 * compares device names).
 */
static uint32_t share_check(struct rpc_call *c)
{
	char dev[4 * NDR_STR_MAX], path[KCIFSD_PATH_MAX + 4];
	uint32_t type = 0, status = WERR_DEVICE_NOT_SHARED;
	struct share_desc *all = NULL;
	int i, n;

	pull_server_name(&c->in);
	ndr_pull_wstr(&c->in, dev, sizeof(dev));
	if (c->in.err)
		return DCERPC_FAULT_NDR;
	n = shares_list(c->env, c->user, &all);
	if (n < 0)
		return DCERPC_FAULT_PROTO_ERROR;
	for (i = 0; i < n; i++) {
		/* IPC$ has no path: level 2 shows "", and so it is checked */
		if (strcasecmp(all[i].path ? shares_dos_path(all[i].path, path,
							    sizeof(path)) : "",
			       dev))
			continue;
		type = all[i].type;
		status = WERR_OK;
		break;
	}
	free(all);
	if (status)
		log_debug("srvsvc: NetShareCheck of \"%s\": not shared", dev);
	ndr_push_u32(&c->out, type);
	ndr_push_u32(&c->out, status);
	return 0;
}

/* NetrServerGetInfo: ServerName, Level. */
static uint32_t server_get_info(struct rpc_call *c)
{
	const struct global_conf *g = &c->env->conf->global;
	const struct ndr_type *t = NULL;
	union ndr_val v[6];
	uint32_t level;

	pull_server_name(&c->in);
	level = ndr_pull_u32(&c->in);
	if (c->in.err)
		return DCERPC_FAULT_NDR;
	v[0].u32 = RPC_PLATFORM_NT;
	v[1].str = g->netbios_name;
	v[2].u32 = RPC_VERSION_MAJOR;
	v[3].u32 = RPC_VERSION_MINOR;
	v[4].u32 = SERVER_TYPE;
	v[5].str = g->server_string;
	if (level == 100)
		t = &server100_t;
	else if (level == 101)
		t = &server101_t;
	ndr_push_u32(&c->out, level);
	if (t) {
		ndr_push_ptr(&c->out, 1);
		ndr_push_struct(&c->out, t, v);
		ndr_push_deferred(&c->out, t, v);
	} else if (SERVER_ARM(level)) {
		ndr_push_ptr(&c->out, 0);
	}
	ndr_push_u32(&c->out, t ? WERR_OK : WERR_INVALID_LEVEL);
	return 0;
}

/**
 * rpc_time_of_day() - TIME_OF_DAY_INFO (MS-SRVS 2.2.4.105) field values
 * @v: out: the 12 fields, UTC
 */
void rpc_time_of_day(uint32_t v[12])
{
	struct timespec mono;
	struct timeval tv;
	struct tm tm;

	gettimeofday(&tv, NULL);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	gmtime_r(&tv.tv_sec, &tm);
	v[0] = (uint32_t)tv.tv_sec;			/* elapsedt */
	v[1] = (uint32_t)(mono.tv_sec * 1000 + mono.tv_nsec / 1000000);
	v[2] = (uint32_t)tm.tm_hour;
	v[3] = (uint32_t)tm.tm_min;
	v[4] = (uint32_t)tm.tm_sec;
	v[5] = (uint32_t)(tv.tv_usec / 10000);		/* hundredths */
	v[6] = 0;					/* timezone: UTC */
	v[7] = 310;					/* tinterval */
	v[8] = (uint32_t)tm.tm_mday;
	v[9] = (uint32_t)tm.tm_mon + 1;
	v[10] = (uint32_t)tm.tm_year + 1900;
	v[11] = (uint32_t)tm.tm_wday;
}

/* NetrRemoteTOD: ServerName; out: a unique pointer to the struct. */
static uint32_t remote_tod(struct rpc_call *c)
{
	union ndr_val v[12];
	uint32_t f[12];
	int i;

	pull_server_name(&c->in);
	if (c->in.err)
		return DCERPC_FAULT_NDR;
	rpc_time_of_day(f);
	for (i = 0; i < 12; i++)
		v[i].u32 = f[i];
	ndr_push_ptr(&c->out, 1);
	ndr_push_struct(&c->out, &tod_t, v);
	ndr_push_u32(&c->out, WERR_OK);
	return 0;
}

static uint32_t srvsvc_call(struct rpc_call *c)
{
	switch (c->opnum) {
	case OP_SHARE_ENUM_ALL:
		return share_enum(c, 0);
	case OP_SHARE_ENUM:
		return share_enum(c, 1);
	case OP_SHARE_GET_INFO:
		return share_get_info(c);
	case OP_SHARE_CHECK:
		return share_check(c);
	case OP_SERVER_GET_INFO:
		return server_get_info(c);
	case OP_REMOTE_TOD:
		return remote_tod(c);
	}
	return DCERPC_FAULT_OP_RNG_ERROR;
}

const struct rpc_iface srvsvc_iface = {
	.name = "srvsvc",
	.syntax = { 0x4b324fc8, 0x1670, 0x01d3,
		    { 0x12, 0x78, 0x5a, 0x47, 0xbf, 0x6e, 0xe1, 0x88 }, 3, 0 },
	.call = srvsvc_call,
};
