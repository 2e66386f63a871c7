/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The named-pipe instances the kernel opened on IPC$, by the kernel's
 * pipe id: each remembers who opened it and its DCE/RPC state. A pipe
 * id the daemon does not know (it restarted meanwhile) is -ENOENT, and
 * the kernel fails that pipe's I/O.
 */
#ifndef KCIFSCTL_RPC_PIPE_H
#define KCIFSCTL_RPC_PIPE_H

#include "rpc.h"

/* Pipes kept at once; opening one more forgets the least recently used. */
#define RPC_MAX_PIPES	1024

/* The pipes served: "srvsvc", "wkssvc", "LANMAN" (RAP). */
enum rpc_pipe_kind {
	RPC_PIPE_SRVSVC,
	RPC_PIPE_WKSSVC,
	RPC_PIPE_LANMAN,
};

/*
 * Which pipe @name is: with or without "\PIPE\" or "\", any case.
 * Returns the kind, or -ENOENT.
 */
int rpc_pipe_kind(const char *name);

/* A new instance @id for @user. Returns 0, -ENOENT (no such pipe), -ENOMEM. */
int rpc_pipe_open(uint32_t id, const char *name, const struct rpc_user *user);

/*
 * The client wrote @len bytes to pipe @id: what it can read now goes to
 * @out. Returns 0, -ENOENT (unknown id), -ENOMEM, -ENOSPC.
 */
int rpc_pipe_write(uint32_t id, const struct rpc_env *env,
		   const uint8_t *data, size_t len, struct rpc_out *out);

/* Forget pipe @id: 0 or -ENOENT. */
int rpc_pipe_close(uint32_t id);

/* Forget every pipe (daemon exit, tests). */
void rpc_pipe_close_all(void);

/* Pipes open now. */
unsigned int rpc_pipe_count(void);

#endif /* KCIFSCTL_RPC_PIPE_H */
