/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the named-pipe services share: who is calling, the config they
 * answer from, the output a pipe hands back to the kernel, and the
 * DCE/RPC interfaces (srvsvc, wkssvc) as the DCE/RPC layer calls them.
 *
 * Layers, bottom up:
 *   ndr.c      NDR encoding and decoding (tables for the info structs)
 *   dcerpc.c   connection-oriented DCE/RPC PDUs on one pipe: bind,
 *              alter_context, request reassembly, response fragments,
 *              faults
 *   srvsvc.c, wkssvc.c   the operations
 *   shares.c   which shares a caller sees, and how they are described
 *   ../rap.c   RAP over \PIPE\LANMAN (no DCE/RPC)
 *   pipe.c     the pipe instances the kernel opened, by its pipe id
 *   rpc_netlink.c        the daemon's answers to RPC_OPEN, RPC_TRANSACT
 *              and RPC_CLOSE
 */
#ifndef KCIFSCTL_RPC_H
#define KCIFSCTL_RPC_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "ndr.h"
#include "userdb.h"

/* Where the answers come from; the daemon's current files. */
struct rpc_env {
	const struct kcifsd_conf *conf;
	const struct userdb *db;
};

/* The session that opened the pipe, as the kernel told us. */
struct rpc_user {
	char name[KCIFSD_USER_NAME_MAX + 1];
	uint32_t flags;			/* KCIFSD_USER_F_GUEST */
};

/*
 * What a pipe has for the client to read after a write: messages (one
 * DCE/RPC PDU or RAP reply each), each framed as a host-order u32 length
 * and the bytes, at most KCIFSD_RPC_MAX_PAYLOAD in all. This is the
 * RPC_TRANSACT answer's KCIFSD_A_RPC_DATA.
 */
struct rpc_out {
	uint8_t buf[KCIFSD_RPC_MAX_PAYLOAD];
	size_t len;
	int err;			/* -ENOSPC once a message did not fit */
};

void rpc_out_init(struct rpc_out *o);
/* Append one message; -ENOSPC (sticky) if it does not fit. */
int rpc_out_msg(struct rpc_out *o, const void *p, size_t n);

/* DCE/RPC fault codes (C706 appendix E, MS-RPCE 2.2.2.11) */
#define DCERPC_FAULT_OP_RNG_ERROR	0x1c010002u
#define DCERPC_FAULT_UNK_IF		0x1c010003u
#define DCERPC_FAULT_PROTO_ERROR	0x1c01000bu
#define DCERPC_FAULT_ACCESS_DENIED	0x00000005u
#define DCERPC_FAULT_NDR		0x000006f7u	/* bad stub data */

/* Win32 error codes the services return (MS-ERREF 2.2) */
#define WERR_OK			0u
#define WERR_ACCESS_DENIED	5u
#define WERR_NOT_SUPPORTED	50u
#define WERR_INVALID_PARAMETER	87u
#define WERR_INVALID_LEVEL	124u
#define WERR_MORE_DATA		234u
#define WERR_NET_NAME_NOT_FOUND	2310u	/* NERR_NetNameNotFound */
#define WERR_DEVICE_NOT_SHARED	2311u	/* NERR_DeviceNotShared */

/* One call of an operation: decode @in, encode the reply into @out. */
struct rpc_call {
	const struct rpc_env *env;
	const struct rpc_user *user;
	uint16_t opnum;
	struct ndr_pull in;
	struct ndr_push out;
};

/* A DCE/RPC UUID with its version, as on the wire (little-endian). */
struct rpc_syntax {
	uint32_t time_low;
	uint16_t time_mid;
	uint16_t time_hi;
	uint8_t rest[8];
	uint16_t major;
	uint16_t minor;
};

/*
 * An interface: @call returns 0 with the reply stub in c->out, or a
 * DCERPC_FAULT_* code.
 */
struct rpc_iface {
	const char *name;
	struct rpc_syntax syntax;
	uint32_t (*call)(struct rpc_call *c);
};

extern const struct rpc_iface srvsvc_iface;
extern const struct rpc_iface wkssvc_iface;

/* PLATFORM_ID_NT, and the version the server reports. */
#define RPC_PLATFORM_NT		500u
#define RPC_VERSION_MAJOR	6u
#define RPC_VERSION_MINOR	1u

/* TIME_OF_DAY_INFO (MS-SRVS 2.2.4.105) now, for srvsvc and RAP. */
void rpc_time_of_day(uint32_t v[12]);

/* Largest reply stub; leaves room for PDU headers in struct rpc_out. */
#define RPC_STUB_MAX		(48 * 1024)

#endif /* KCIFSCTL_RPC_H */
