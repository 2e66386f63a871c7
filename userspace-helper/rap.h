/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RAP, the LAN Manager Remote Administration Protocol (MS-RAP), as
 * SMB_COM_TRANSACTION on \PIPE\LANMAN carries it: the kernel hands over
 * the transaction's parameter and data bytes and its MaxParameterCount
 * and MaxDataCount, and sends back what this returns.
 *
 * Served: NetShareEnum (0; levels 0 1 2), NetServerGetInfo (13; 0 1),
 * NetWkstaGetInfo (63; 10), NetRemoteTOD (91), NetServerEnum2 (104; an
 * empty list: this server keeps no browse list). Anything else gets
 * ERROR_NOT_SUPPORTED; a request that does not parse gets
 * ERROR_INVALID_PARAMETER, as a RAP reply.
 */
#ifndef KCIFSCTL_RAP_H
#define KCIFSCTL_RAP_H

#include <stddef.h>
#include <stdint.h>

#include "rpc/rpc.h"

/* Largest reply data buffer built (a client's ReceiveBufferSize is u16). */
#define RAP_DATA_MAX	0xffff

/*
 * Answer one RAP request. The reply goes to @out as two messages: the
 * parameter bytes (at most @max_param) and the data bytes (at most
 * @max_data). Returns 0, or -ENOSPC/-ENOMEM.
 */
int rap_call(const struct rpc_env *env, const struct rpc_user *user,
	     const uint8_t *param, size_t param_len,
	     const uint8_t *data, size_t data_len,
	     uint32_t max_param, uint32_t max_data, struct rpc_out *out);

#endif /* KCIFSCTL_RAP_H */
