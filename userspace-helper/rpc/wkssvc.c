// SPDX-License-Identifier: GPL-2.0-only
/*
 * wkssvc (MS-WKST), interface 6bffd098-a112-3610-9833-46c3f87e345a v1.0
 * on \PIPE\wkssvc: opnum 0 NetrWkstaGetInfo, levels 100 (anyone) and
 * 101 (authenticated sessions), as MS-WKST 3.2.4.1 grants them. Other
 * opnums get nca_s_op_rng_error.
 */
#include "rpc.h"

#define OP_WKSTA_GET_INFO	0

static const enum ndr_kind wksta100_f[] = {
	NDR_U32, NDR_WSTR, NDR_WSTR, NDR_U32, NDR_U32,
};
static const enum ndr_kind wksta101_f[] = {
	NDR_U32, NDR_WSTR, NDR_WSTR, NDR_U32, NDR_U32, NDR_WSTR,
};

static const struct ndr_type wksta100_t = {
	"WKSTA_INFO_100", sizeof(wksta100_f) / sizeof(wksta100_f[0]),
	wksta100_f
};
static const struct ndr_type wksta101_t = {
	"WKSTA_INFO_101", sizeof(wksta101_f) / sizeof(wksta101_f[0]),
	wksta101_f
};

/* Levels of the WKSTA_INFO union that have an arm, served or not. */
static int known_level(uint32_t level)
{
	return level == 100 || level == 101 || level == 102 || level == 502;
}

/* ServerName (ignored, MS-WKST 3.2.4.1), Level; out: WKSTA_INFO union. */
static uint32_t wksta_get_info(struct rpc_call *c)
{
	const struct global_conf *g = &c->env->conf->global;
	const struct ndr_type *t = NULL;
	char name[4 * NDR_STR_MAX];
	uint32_t level, status = WERR_OK;
	union ndr_val v[6];

	if (ndr_pull_ptr(&c->in))
		ndr_pull_wstr(&c->in, name, sizeof(name));
	level = ndr_pull_u32(&c->in);
	if (c->in.err)
		return DCERPC_FAULT_NDR;
	v[0].u32 = RPC_PLATFORM_NT;
	v[1].str = g->netbios_name;
	v[2].str = g->workgroup;
	v[3].u32 = RPC_VERSION_MAJOR;
	v[4].u32 = RPC_VERSION_MINOR;
	v[5].str = "";				/* lanroot */
	if (level == 100) {
		t = &wksta100_t;
	} else if (level == 101) {
		t = &wksta101_t;
		if (c->user->flags & KCIFSD_USER_F_GUEST)
			status = WERR_ACCESS_DENIED;
	} else {
		status = WERR_INVALID_LEVEL;
	}
	ndr_push_u32(&c->out, level);		/* union switch */
	if (t || known_level(level)) {
		/* a level the IDL knows has its (here NULL) pointer arm */
		ndr_push_ptr(&c->out, t && !status);
		if (t && !status) {
			ndr_push_struct(&c->out, t, v);
			ndr_push_deferred(&c->out, t, v);
		}
	}
	ndr_push_u32(&c->out, status);
	return 0;
}

static uint32_t wkssvc_call(struct rpc_call *c)
{
	if (c->opnum == OP_WKSTA_GET_INFO)
		return wksta_get_info(c);
	return DCERPC_FAULT_OP_RNG_ERROR;
}

const struct rpc_iface wkssvc_iface = {
	.name = "wkssvc",
	.syntax = { 0x6bffd098, 0xa112, 0x3610,
		    { 0x98, 0x33, 0x46, 0xc3, 0xf8, 0x7e, 0x34, 0x5a }, 1, 0 },
	.call = wkssvc_call,
};
