// SPDX-License-Identifier: GPL-2.0-only
/*
 * Named-pipe instances by kernel pipe id; see pipe.h. A list, most
 * recently used first: a client has a handful of pipes open, and the
 * cap bounds what a kernel that lost CLOSE messages can leave behind.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dcerpc.h"
#include "log.h"
#include "pipe.h"

struct rpc_pipe {
	struct rpc_pipe *next;
	uint32_t id;
	enum rpc_pipe_kind kind;
	struct rpc_user user;
	struct dcerpc_conn dce;
};

static struct rpc_pipe *pipes;
static unsigned int n_pipes;

static const struct {
	const char *name;
	enum rpc_pipe_kind kind;
	const struct rpc_iface *iface;
} known[] = {
	{ "srvsvc", RPC_PIPE_SRVSVC, &srvsvc_iface },
	{ "wkssvc", RPC_PIPE_WKSSVC, &wkssvc_iface },
	{ "LANMAN", RPC_PIPE_LANMAN, NULL },
};

void rpc_out_init(struct rpc_out *o)
{
	o->len = 0;
	o->err = 0;
}

int rpc_out_msg(struct rpc_out *o, const void *p, size_t n)
{
	uint32_t len = (uint32_t)n;

	if (o->err)
		return o->err;
	if (n > sizeof(o->buf) || sizeof(o->buf) - o->len < n + sizeof(len)) {
		o->err = -ENOSPC;
		return o->err;
	}
	memcpy(o->buf + o->len, &len, sizeof(len));
	if (n)
		memcpy(o->buf + o->len + sizeof(len), p, n);
	o->len += sizeof(len) + n;
	return 0;
}

static const char *strip_prefix(const char *name)
{
	if (!strncasecmp(name, "\\PIPE\\", 6))
		return name + 6;
	if (name[0] == '\\')
		return name + 1;
	return name;
}

int rpc_pipe_kind(const char *name)
{
	size_t i;

	name = strip_prefix(name);
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcasecmp(name, known[i].name))
			return (int)known[i].kind;
	return -ENOENT;
}

/* Unlink pipe @id and give it back, or NULL. */
static struct rpc_pipe *unlink_pipe(uint32_t id)
{
	struct rpc_pipe **pp, *p;

	for (pp = &pipes; (p = *pp); pp = &p->next) {
		if (p->id == id) {
			*pp = p->next;
			n_pipes--;
			return p;
		}
	}
	return NULL;
}

static void free_pipe(struct rpc_pipe *p)
{
	dcerpc_free(&p->dce);
	free(p);
}

static void forget_oldest(void)
{
	struct rpc_pipe **pp = &pipes;

	if (!*pp)
		return;
	while ((*pp)->next)
		pp = &(*pp)->next;
	log_warn("more than %d named pipes open: forgetting pipe %u",
		 RPC_MAX_PIPES, (*pp)->id);
	free_pipe(*pp);
	*pp = NULL;
	n_pipes--;
}

int rpc_pipe_open(uint32_t id, const char *name, const struct rpc_user *user)
{
	int kind = rpc_pipe_kind(name);
	struct rpc_pipe *p, *old;

	if (kind < 0)
		return kind;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	old = unlink_pipe(id);
	if (old)
		free_pipe(old);
	if (n_pipes >= RPC_MAX_PIPES)
		forget_oldest();
	p->id = id;
	p->kind = (enum rpc_pipe_kind)kind;
	p->user = *user;
	p->user.name[sizeof(p->user.name) - 1] = '\0';
	if (known[kind].iface)
		dcerpc_init(&p->dce, known[kind].iface, known[kind].name);
	p->next = pipes;
	pipes = p;
	n_pipes++;
	return 0;
}

int rpc_pipe_write(uint32_t id, const struct rpc_env *env,
		   const uint8_t *data, size_t len, struct rpc_out *out)
{
	struct rpc_pipe *p = unlink_pipe(id);
	int ret = 0;

	if (!p)
		return -ENOENT;
	/* Most recently used first. */
	p->next = pipes;
	pipes = p;
	n_pipes++;
	if (p->kind != RPC_PIPE_LANMAN)
		ret = dcerpc_write(&p->dce, env, &p->user, data, len, out);
	/* LANMAN is spoken through transactions only: writes vanish. */
	return ret ? ret : out->err;
}

int rpc_pipe_close(uint32_t id)
{
	struct rpc_pipe *p = unlink_pipe(id);

	if (!p)
		return -ENOENT;
	free_pipe(p);
	return 0;
}

void rpc_pipe_close_all(void)
{
	struct rpc_pipe *p;

	while ((p = pipes)) {
		pipes = p->next;
		free_pipe(p);
	}
	n_pipes = 0;
}

unsigned int rpc_pipe_count(void)
{
	return n_pipes;
}
