// SPDX-License-Identifier: GPL-2.0-only
/*
 * Direct TCP transport (MS-SMB 2.1): a zero byte and a 24-bit big-endian
 * length before every SMB message.
 */

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"
#include "xport.h"

#define TCP_MAX_MSG	0xffffff

struct tcp_conn {
	struct xport x;
	int fd;
};

static int tcp_write_all(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	ssize_t r;

	while (n) {
		r = send(fd, b, n, MSG_NOSIGNAL);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		b += r;
		n -= r;
	}
	return 0;
}

static int tcp_read_all(int fd, void *p, size_t n, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint8_t *b = p;
	ssize_t r;

	while (n) {
		r = poll(&pfd, 1, timeout_ms);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (!r)
			return -ETIMEDOUT;
		r = recv(fd, b, n, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (!r)
			return -ECONNRESET;
		b += r;
		n -= r;
	}
	return 0;
}

static int tcp_send(struct xport *x, const uint8_t *msg, size_t len)
{
	struct tcp_conn *t = (struct tcp_conn *)x;
	uint8_t hdr[4];
	int ret;

	if (len > TCP_MAX_MSG)
		return -EMSGSIZE;
	hdr[0] = 0;
	hdr[1] = len >> 16;
	hdr[2] = len >> 8;
	hdr[3] = len;
	ret = tcp_write_all(t->fd, hdr, 4);
	return ret ? ret : tcp_write_all(t->fd, msg, len);
}

static int tcp_recv(struct xport *x, uint8_t **msg, size_t *len,
		    int timeout_ms)
{
	struct tcp_conn *t = (struct tcp_conn *)x;
	uint8_t hdr[4];
	size_t n;
	int ret;

	for (;;) {
		ret = tcp_read_all(t->fd, hdr, 4, timeout_ms);
		if (ret)
			return ret;
		n = (size_t)hdr[1] << 16 | hdr[2] << 8 | hdr[3];
		/* NetBIOS keepalive (type 0x85) has no body. */
		if (hdr[0] == 0x85 && !n)
			continue;
		if (hdr[0])
			return -EPROTO;
		break;
	}
	*msg = xmalloc(n);
	ret = tcp_read_all(t->fd, *msg, n, timeout_ms < 0 ? -1 : 30000);
	if (ret) {
		free(*msg);
		return ret;
	}
	*len = n;
	return 0;
}

static void tcp_close(struct xport *x)
{
	struct tcp_conn *t = (struct tcp_conn *)x;

	close(t->fd);
	free(t);
}

static const struct xport_ops tcp_ops = {
	.send = tcp_send,
	.recv = tcp_recv,
	.close = tcp_close,
};

struct xport *tcp_connect(const char *host, const char *port)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *res, *ai;
	struct tcp_conn *t;
	int fd = -1, one = 1, ret;

	ret = getaddrinfo(host, port, &hints, &res);
	if (ret)
		die("%s: %s", host, gai_strerror(ret));
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (!connect(fd, ai->ai_addr, ai->ai_addrlen))
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		die("cannot connect to %s port %s: %s", host, port,
		    strerror(errno));
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	t = xzalloc(sizeof(*t));
	t->x.ops = &tcp_ops;
	t->x.name = "tcp";
	t->x.max_send = TCP_MAX_MSG;
	t->x.max_recv = TCP_MAX_MSG;
	t->fd = fd;
	return &t->x;
}
