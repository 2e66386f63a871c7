// SPDX-License-Identifier: GPL-2.0-only
/*
 * kcifs-bench: an SMB1 client for benchmarks and tests, over TCP or SMB
 * Direct (RDMA). It negotiates, logs in with NTLMv2, connects a tree,
 * opens a file and keeps N READ_ANDX or WRITE_ANDX requests in flight,
 * then reports throughput, IOPS and latency percentiles. With --abuse it
 * breaks one SMB Direct rule instead, to test the server's checks.
 */

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ntlm.h"
#include "smb1.h"
#include "util.h"
#include "xport.h"

enum op { OP_NEGOTIATE, OP_ECHO, OP_READ, OP_WRITE };

static const char *const op_names[] = {
	[OP_NEGOTIATE] = "negotiate", [OP_ECHO] = "echo",
	[OP_READ] = "read", [OP_WRITE] = "write",
};

struct config {
	bool rdma;
	char host[256];
	char port[16];
	char share[256];
	char path[1024];
	enum op op;
	bool random;
	uint32_t bs;
	unsigned int qd;
	uint64_t size;
	double seconds;
	uint64_t count;
	unsigned int conns;
	double linger;
	double rate;
	const char *user, *password, *domain;
	bool sign;
	bool verify;
	bool create;
	bool json;
	struct smbd_opts smbd;
};

struct worker {
	pthread_t thread;
	const struct config *cfg;
	unsigned int index;
	struct hist hist;
	uint64_t ops, bytes, errors;
	uint64_t start_ns, end_ns;
	char err[320];
	uint32_t bs;
};

struct slot {
	bool used;
	uint16_t mid;
	uint64_t start;
	uint64_t off;
	uint32_t len;
};

static volatile sig_atomic_t stop_now;

static void on_signal(int sig)
{
	(void)sig;
	stop_now = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
"Usage: kcifs-bench [OPTIONS] URL\n"
"       kcifs-bench --abuse CASE rdma://HOST[:PORT]\n"
"       kcifs-bench --self-test\n"
"\n"
"An SMB1 client that measures a server over TCP or SMB Direct (RDMA).\n"
"\n"
"URL:  tcp://HOST[:PORT][/SHARE[/PATH]]    Direct TCP, port 445\n"
"      rdma://HOST[:PORT][/SHARE[/PATH]]   SMB Direct, port 445 (5445 for iWARP)\n"
"\n"
"Workload:\n"
"  -o, --op OP            negotiate, echo, read or write\n"
"                         (default: read with a PATH, else echo)\n"
"  -p, --pattern P        seq or rand (default: seq)\n"
"  -b, --block-size N     bytes per request (default: 64k; echo: 64)\n"
"  -q, --queue-depth N    requests in flight per connection (default: 8)\n"
"  -s, --size N           bytes of the file to use (default: its size,\n"
"                         or 64m when writing)\n"
"  -t, --time SECONDS     run this long (default: 10)\n"
"  -n, --count N          or stop after N requests\n"
"  -c, --connections N    parallel connections, one thread each (default: 1)\n"
"  -r, --rate N           at most N requests per second per connection\n"
"  -l, --linger SECONDS   afterwards stay connected and idle this long,\n"
"                         then check the connection with one ECHO\n"
"  -V, --verify           write a pattern derived from the file offset, or\n"
"                         check it when reading (a file written with -V)\n"
"      --create           create the file if it is missing\n"
"\n"
"Login:\n"
"  -U, --user USER[%%PASS] NTLMv2 user (default: anonymous)\n"
"  -W, --domain DOMAIN    the user's domain (default: none)\n"
"      --sign             sign requests even if the server does not require it\n"
"\n"
"SMB Direct:\n"
"      --credits N        receive buffers, credits plus one spare (default: 255)\n"
"      --credits-requested N  send credits to ask for (default: 255)\n"
"      --send-size N      MaxSendSize offered (default: 8192)\n"
"      --recv-size N      MaxReceiveSize (default: 8192)\n"
"      --fragmented-size N  MaxFragmentedSize (default: credits * payload / 2)\n"
"      --abuse CASE       break one MS-SMBD rule and report whether the server\n"
"                         dropped the connection; 'list' shows the cases\n"
"      --timeout MS       connect and negotiate timeout (default: 5000)\n"
"\n"
"Output:\n"
"  -j, --json             one JSON object instead of text\n"
"  -v, --verbose          protocol details on stderr\n"
"      --self-test        check the NTLMv2 code against MS-NLMP 4.2.4\n"
"  -h, --help             this text\n"
"\n"
"Exit status: 0 when every request succeeded (with --abuse: when the server\n"
"dropped the connection), 1 otherwise. See kcifs-bench(1).\n");
}

static void parse_url(struct config *c, const char *url)
{
	const char *p, *h, *e;
	size_t n;

	if (!strncmp(url, "tcp://", 6)) {
		c->rdma = false;
		p = url + 6;
	} else if (!strncmp(url, "rdma://", 7)) {
		c->rdma = true;
		p = url + 7;
	} else {
		die("URL must start with tcp:// or rdma://: %s", url);
	}
	if (*p == '[') {		/* [IPv6]:port */
		h = p + 1;
		e = strchr(h, ']');
		if (!e)
			die("bad URL %s", url);
		n = e - h;
		p = e + 1;
	} else {
		h = p;
		n = strcspn(p, ":/");
		p += n;
	}
	if (!n || n >= sizeof(c->host))
		die("bad host in %s", url);
	memcpy(c->host, h, n);
	c->host[n] = 0;
	strcpy(c->port, "445");
	if (*p == ':') {
		n = strcspn(++p, "/");
		if (!n || n >= sizeof(c->port))
			die("bad port in %s", url);
		memcpy(c->port, p, n);
		c->port[n] = 0;
		p += n;
	}
	if (*p == '/') {
		n = strcspn(++p, "/");
		if (n >= sizeof(c->share))
			die("share name too long");
		memcpy(c->share, p, n);
		c->share[n] = 0;
		p += n;
		if (*p == '/')
			p++;
		if (strlen(p) >= sizeof(c->path))
			die("path too long");
		/* SMB paths use backslashes. */
		for (n = 0; p[n]; n++)
			c->path[n] = p[n] == '/' ? '\\' : p[n];
		c->path[n] = 0;
	}
}

static struct xport *connect_xport(const struct config *c)
{
	if (c->rdma)
		return smbd_connect(c->host, c->port, &c->smbd);
	return tcp_connect(c->host, c->port);
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Check one reply; returns 0, or -1 after recording why in @w->err. */
static int check_reply(struct worker *w, const struct config *c,
		       const uint8_t *rsp, size_t len, const struct slot *s,
		       const uint8_t *echo)
{
	const uint8_t *data;
	uint32_t n, status = smb1_status(rsp);
	uint16_t en;
	int64_t bad;

	if (status) {
		snprintf(w->err, sizeof(w->err), "%s at offset %llu: %s",
			 op_names[c->op], (unsigned long long)s->off,
			 smb1_status_name(status));
		return -1;
	}
	switch (c->op) {
	case OP_READ:
		if (smb1_read_data(rsp, len, &data, &n) || n != s->len) {
			snprintf(w->err, sizeof(w->err),
				 "short or malformed READ_ANDX reply at %llu",
				 (unsigned long long)s->off);
			return -1;
		}
		if (c->verify) {
			bad = pattern_check(data, s->off, n, 1);
			if (bad >= 0) {
				snprintf(w->err, sizeof(w->err),
					 "data mismatch at file offset %lld",
					 (long long)bad);
				return -1;
			}
		}
		break;
	case OP_WRITE:
		if (smb1_write_count(rsp, len, &n) || n != s->len) {
			snprintf(w->err, sizeof(w->err),
				 "short WRITE_ANDX at %llu",
				 (unsigned long long)s->off);
			return -1;
		}
		break;
	case OP_ECHO:
		if (smb1_echo_data(rsp, len, &data, &en) || en != s->len ||
		    memcmp(data, echo, en)) {
			snprintf(w->err, sizeof(w->err),
				 "ECHO came back different");
			return -1;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* Keep @c->qd requests in flight until time or count runs out. */
static void run_io(struct worker *w, struct smb1_conn *sc, uint16_t fid,
		   uint64_t region)
{
	const struct config *c = w->cfg;
	struct slot *slots = xzalloc(c->qd * sizeof(*slots));
	uint64_t rng = 0x9e3779b97f4a7c15ULL * (w->index + 1);
	uint64_t deadline, next_off = 0, issued = 0, lat;
	uint32_t bs = w->bs;
	uint8_t *wbuf = xmalloc(bs), *echo = xmalloc(bs), *rsp;
	unsigned int inflight = 0, i;
	struct buf m;
	size_t len;
	bool more;
	int ret;

	pattern_fill(echo, w->index, bs, 7);
	if (c->op == OP_WRITE && !c->verify)
		pattern_fill(wbuf, 0, bs, 1);
	buf_init(&m, bs + 128);
	w->start_ns = now_ns();
	deadline = w->start_ns + (uint64_t)(c->seconds * 1e9);
	for (;;) {
		more = !stop_now && !w->errors &&
		       (c->count ? issued < c->count : now_ns() < deadline);
		while (more && inflight < c->qd) {
			struct slot *s = NULL;

			if (c->rate > 0) {
				uint64_t due = w->start_ns +
					       (uint64_t)(issued * 1e9 / c->rate);
				uint64_t now = now_ns();

				/* Not due yet: wait for replies meanwhile. */
				if (due > now) {
					if (inflight)
						break;
					usleep((due - now) / 1000);
				}
			}

			for (i = 0; i < c->qd; i++)
				if (!slots[i].used) {
					s = &slots[i];
					break;
				}
			s->used = true;
			s->mid = smb1_next_mid(sc);
			s->len = bs;
			if (c->random)
				s->off = (rng_next(&rng) % (region / bs)) * bs;
			else {
				if (next_off + bs > region)
					next_off = 0;
				s->off = next_off;
				next_off += bs;
			}
			m.len = 0;
			if (c->op == OP_READ) {
				smb1_build_read(sc, &m, s->mid, fid, s->off, bs);
			} else if (c->op == OP_WRITE) {
				if (c->verify)
					pattern_fill(wbuf, s->off, bs, 1);
				smb1_build_write(sc, &m, s->mid, fid, s->off,
						 wbuf, bs);
			} else {
				smb1_build_echo(sc, &m, s->mid, echo, bs);
			}
			s->start = now_ns();
			ret = smb1_send(sc, &m);
			if (ret) {
				snprintf(w->err, sizeof(w->err), "send: %s",
					 strerror(-ret));
				w->errors++;
				goto out;
			}
			inflight++;
			issued++;
			more = !stop_now &&
			       (c->count ? issued < c->count :
				now_ns() < deadline);
		}
		if (!inflight)
			break;
		ret = smb1_recv(sc, &rsp, &len, 60000);
		if (ret) {
			snprintf(w->err, sizeof(w->err), "receive: %s",
				 ret == -ETIMEDOUT ? "no reply in 60 s" :
				 strerror(-ret));
			w->errors++;
			goto out;
		}
		for (i = 0; i < c->qd; i++)
			if (slots[i].used && slots[i].mid == smb1_mid(rsp))
				break;
		if (i == c->qd) {
			free(rsp);
			continue;	/* not ours (an oplock break?) */
		}
		lat = now_ns() - slots[i].start;
		if (check_reply(w, c, rsp, len, &slots[i], echo))
			w->errors++;
		else {
			hist_add(&w->hist, lat);
			w->ops++;
			w->bytes += slots[i].len;
		}
		slots[i].used = false;
		inflight--;
		free(rsp);
	}
out:
	w->end_ns = now_ns();
	buf_free(&m);
	free(slots);
	free(wbuf);
	free(echo);
}

/*
 * Stay connected and idle for @c->linger seconds, which includes answering
 * SMB Direct keepalives, then prove the connection still works.
 */
static void linger(struct worker *w, struct smb1_conn *sc)
{
	const struct config *c = w->cfg;
	uint8_t *rsp, data[8] = "linger";
	const uint8_t *echo;
	uint16_t mid, n;
	struct buf m;
	size_t len;
	int ret;

	ret = smb1_recv(sc, &rsp, &len, (int)(c->linger * 1000));
	if (ret != -ETIMEDOUT) {
		if (!ret)
			free(rsp);
		snprintf(w->err, sizeof(w->err), "idle connection: %s",
			 ret ? strerror(-ret) : "unexpected message");
		w->errors++;
		return;
	}
	buf_init(&m, 128);
	mid = smb1_next_mid(sc);
	smb1_build_echo(sc, &m, mid, data, sizeof(data));
	ret = smb1_send(sc, &m);
	buf_free(&m);
	while (!ret) {
		ret = smb1_recv(sc, &rsp, &len, 30000);
		if (ret)
			break;
		if (smb1_mid(rsp) == mid) {
			if (smb1_status(rsp) ||
			    smb1_echo_data(rsp, len, &echo, &n) ||
			    n != sizeof(data) || memcmp(echo, data, n))
				ret = -EPROTO;
			free(rsp);
			break;
		}
		free(rsp);
	}
	if (ret) {
		snprintf(w->err, sizeof(w->err), "ECHO after %.0f s idle: %s",
			 c->linger, strerror(-ret));
		w->errors++;
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	const struct config *c = w->cfg;
	struct ntlm_auth auth = {
		.user = c->user, .password = c->password,
		.domain = c->domain, .workstation = "KCIFSBENCH",
	};
	struct smb1_conn sc = {};
	uint16_t fid = 0;
	uint64_t size = 0, region;
	bool opened = false;

	sc.x = connect_xport(c);
	if (smb1_negotiate(&sc)) {
		snprintf(w->err, sizeof(w->err), "NEGOTIATE failed");
		w->errors++;
		goto out;
	}
	if (c->op == OP_NEGOTIATE) {
		w->ops = 1;
		if (!c->json && w->index == 0)
			printf("negotiated NT LM 0.12 over %s: MaxBufferSize %u, MaxMpxCount %u, capabilities %#x, transport limits send %zu receive %zu, I/O sizes read %u write %u\n",
			       sc.x->name, sc.max_buffer, sc.max_mpx, sc.caps,
			       sc.x->max_send, sc.x->max_recv, sc.max_read,
			       sc.max_write);
		goto out;
	}
	w->bs = c->bs;
	if (c->op != OP_ECHO) {
		if (smb1_session_setup(&sc, &auth, c->sign) ||
		    smb1_tree_connect(&sc, c->host, c->share) ||
		    smb1_unix_caps(&sc) ||
		    smb1_open(&sc, c->path, c->create, &fid, &size)) {
			snprintf(w->err, sizeof(w->err),
				 "cannot open %.60s on \\\\%.60s\\%.60s",
				 c->path, c->host, c->share);
			w->errors++;
			goto out;
		}
		opened = true;
		if (w->bs > (c->op == OP_READ ? sc.max_read : sc.max_write))
			w->bs = c->op == OP_READ ? sc.max_read : sc.max_write;
	} else if (w->bs > sc.max_buffer - 64 || w->bs > 0xffff) {
		w->bs = sc.max_buffer - 64 < 0xffff ? sc.max_buffer - 64 :
						      0xffff;
	}
	region = c->size ? c->size : size;
	if (c->op == OP_WRITE && !region)
		region = 64ULL << 20;
	if (c->op == OP_ECHO)
		region = w->bs;
	if (region < w->bs) {
		snprintf(w->err, sizeof(w->err),
			 "file has %llu bytes, less than one block (use -s)",
			 (unsigned long long)region);
		w->errors++;
		goto out;
	}
	run_io(w, &sc, fid, region);
	if (c->linger > 0 && !w->errors)
		linger(w, &sc);
out:
	if (opened)
		smb1_close(&sc, fid);
	if (!w->errors && c->op != OP_ECHO && c->op != OP_NEGOTIATE)
		smb1_logoff(&sc);
	sc.x->ops->close(sc.x);
	return NULL;
}

static void report(const struct config *c, struct worker *ws)
{
	struct hist h = {};
	uint64_t ops = 0, bytes = 0, errors = 0, start = UINT64_MAX, end = 0;
	double secs;
	unsigned int i;

	for (i = 0; i < c->conns; i++) {
		hist_merge(&h, &ws[i].hist);
		ops += ws[i].ops;
		bytes += ws[i].bytes;
		errors += ws[i].errors;
		if (ws[i].start_ns && ws[i].start_ns < start)
			start = ws[i].start_ns;
		if (ws[i].end_ns > end)
			end = ws[i].end_ns;
		if (ws[i].err[0])
			warnx_("connection %u: %s", i, ws[i].err);
	}
	secs = end > start ? (end - start) / 1e9 : 0;
	if (c->json) {
		printf("{\"transport\":\"%s\",\"op\":\"%s\",\"pattern\":\"%s\",\"block_size\":%u,\"queue_depth\":%u,\"connections\":%u,\"seconds\":%.3f,\"ops\":%llu,\"errors\":%llu,\"bytes\":%llu,\"mb_per_s\":%.2f,\"iops\":%.1f,\"lat_us\":{\"avg\":%.1f,\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"p999\":%.1f,\"max\":%.1f}}\n",
		       c->rdma ? "rdma" : "tcp", op_names[c->op],
		       c->random ? "rand" : "seq", ws[0].bs ? ws[0].bs : c->bs,
		       c->qd, c->conns, secs, (unsigned long long)ops,
		       (unsigned long long)errors, (unsigned long long)bytes,
		       secs ? bytes / secs / 1e6 : 0, secs ? ops / secs : 0,
		       h.count ? h.sum / (double)h.count / 1e3 : 0,
		       hist_pct(&h, 50) / 1e3, hist_pct(&h, 90) / 1e3,
		       hist_pct(&h, 99) / 1e3, hist_pct(&h, 99.9) / 1e3,
		       h.max / 1e3);
		return;
	}
	if (c->op == OP_NEGOTIATE)
		return;
	printf("%s://%s:%s %s %s bs=%u qd=%u conns=%u: %.1f s\n",
	       c->rdma ? "rdma" : "tcp", c->host, c->port, op_names[c->op],
	       c->random ? "rand" : "seq", ws[0].bs ? ws[0].bs : c->bs, c->qd,
	       c->conns, secs);
	printf("  %llu requests, %llu errors, %.2f MB/s, %.1f IOPS\n",
	       (unsigned long long)ops, (unsigned long long)errors,
	       secs ? bytes / secs / 1e6 : 0, secs ? ops / secs : 0);
	printf("  latency us: avg %.1f  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f\n",
	       h.count ? h.sum / (double)h.count / 1e3 : 0,
	       hist_pct(&h, 50) / 1e3, hist_pct(&h, 90) / 1e3,
	       hist_pct(&h, 99) / 1e3, hist_pct(&h, 99.9) / 1e3, h.max / 1e3);
}

int main(int argc, char **argv)
{
	enum {
		OPT_SIGN = 256, OPT_CREATE, OPT_CREDITS, OPT_CREDITS_REQ,
		OPT_SEND_SIZE, OPT_RECV_SIZE, OPT_FRAG_SIZE, OPT_ABUSE,
		OPT_TIMEOUT, OPT_SELF_TEST,
	};
	static const struct option opts[] = {
		{ "op", required_argument, NULL, 'o' },
		{ "pattern", required_argument, NULL, 'p' },
		{ "block-size", required_argument, NULL, 'b' },
		{ "queue-depth", required_argument, NULL, 'q' },
		{ "size", required_argument, NULL, 's' },
		{ "time", required_argument, NULL, 't' },
		{ "count", required_argument, NULL, 'n' },
		{ "connections", required_argument, NULL, 'c' },
		{ "verify", no_argument, NULL, 'V' },
		{ "linger", required_argument, NULL, 'l' },
		{ "rate", required_argument, NULL, 'r' },
		{ "create", no_argument, NULL, OPT_CREATE },
		{ "user", required_argument, NULL, 'U' },
		{ "domain", required_argument, NULL, 'W' },
		{ "sign", no_argument, NULL, OPT_SIGN },
		{ "credits", required_argument, NULL, OPT_CREDITS },
		{ "credits-requested", required_argument, NULL,
		  OPT_CREDITS_REQ },
		{ "send-size", required_argument, NULL, OPT_SEND_SIZE },
		{ "recv-size", required_argument, NULL, OPT_RECV_SIZE },
		{ "fragmented-size", required_argument, NULL, OPT_FRAG_SIZE },
		{ "abuse", required_argument, NULL, OPT_ABUSE },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "self-test", no_argument, NULL, OPT_SELF_TEST },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct config c = {
		.op = -1, .bs = 0, .qd = 8, .seconds = 10, .conns = 1,
		.user = "", .password = "", .domain = "",
		.smbd = {
			.credits = 255, .credits_requested = 255,
			.send_size = 8192, .recv_size = 8192,
			.timeout_ms = 5000,
		},
	};
	struct worker *ws;
	unsigned int i;
	char *pct;
	int opt, errors = 0;

	while ((opt = getopt_long(argc, argv, "o:p:b:q:s:t:n:c:l:r:VU:W:jvh",
				  opts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			for (i = 0; i < 4 && strcmp(optarg, op_names[i]); i++)
				;
			if (i == 4)
				die("unknown --op '%s'", optarg);
			c.op = i;
			break;
		case 'p':
			if (strcmp(optarg, "seq") && strcmp(optarg, "rand"))
				die("--pattern is seq or rand");
			c.random = !strcmp(optarg, "rand");
			break;
		case 'b':
			c.bs = parse_size(optarg);
			break;
		case 'q':
			c.qd = atoi(optarg);
			break;
		case 's':
			c.size = parse_size(optarg);
			break;
		case 't':
			c.seconds = atof(optarg);
			break;
		case 'n':
			c.count = parse_size(optarg);
			break;
		case 'c':
			c.conns = atoi(optarg);
			break;
		case 'V':
			c.verify = true;
			break;
		case 'l':
			c.linger = atof(optarg);
			break;
		case 'r':
			c.rate = atof(optarg);
			break;
		case OPT_CREATE:
			c.create = true;
			break;
		case 'U':
			c.user = optarg;
			pct = strchr(optarg, '%');
			if (pct) {
				*pct = 0;
				c.password = pct + 1;
			}
			break;
		case 'W':
			c.domain = optarg;
			break;
		case OPT_SIGN:
			c.sign = true;
			break;
		case OPT_CREDITS:
			c.smbd.credits = atoi(optarg);
			break;
		case OPT_CREDITS_REQ:
			c.smbd.credits_requested = atoi(optarg);
			break;
		case OPT_SEND_SIZE:
			c.smbd.send_size = parse_size(optarg);
			break;
		case OPT_RECV_SIZE:
			c.smbd.recv_size = parse_size(optarg);
			break;
		case OPT_FRAG_SIZE:
			c.smbd.fragmented_size = parse_size(optarg);
			break;
		case OPT_ABUSE:
			if (!strcmp(optarg, "list")) {
				smbd_abuse_list();
				return 0;
			}
			c.smbd.abuse = smbd_abuse_parse(optarg);
			break;
		case OPT_TIMEOUT:
			c.smbd.timeout_ms = atoi(optarg);
			break;
		case 'j':
			c.json = true;
			break;
		case 'v':
			verbose++;
			break;
		case OPT_SELF_TEST:
			return ntlm_self_test() ? 1 : 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 1;
	}
	parse_url(&c, argv[optind]);
	if (c.smbd.credits < 3 || c.smbd.credits > 4096 ||
	    c.smbd.credits_requested < 1 || c.smbd.credits_requested > 4096 ||
	    c.smbd.send_size < 128 || c.smbd.recv_size < 512)
		die("SMB Direct sizes out of range (see --help)");
	if (c.smbd.abuse != ABUSE_NONE) {
		if (!c.rdma)
			die("--abuse needs an rdma:// URL");
		return smbd_abuse_run(c.host, c.port, &c.smbd);
	}
	if ((int)c.op < 0)
		c.op = c.path[0] ? OP_READ : OP_ECHO;
	if ((c.op == OP_READ || c.op == OP_WRITE) &&
	    (!c.share[0] || !c.path[0]))
		die("%s needs a URL with a share and a file", op_names[c.op]);
	if (!c.bs)
		c.bs = c.op == OP_ECHO ? 64 : 64 * 1024;
	if (!c.qd || !c.conns || c.conns > 1024 || c.qd > 4096)
		die("--queue-depth and --connections must be 1 or more");

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	ws = xzalloc(c.conns * sizeof(*ws));
	for (i = 0; i < c.conns; i++) {
		ws[i].cfg = &c;
		ws[i].index = i;
		if (pthread_create(&ws[i].thread, NULL, worker_main, &ws[i]))
			die("cannot start thread %u", i);
	}
	for (i = 0; i < c.conns; i++) {
		pthread_join(ws[i].thread, NULL);
		errors += ws[i].errors != 0;
	}
	report(&c, ws);
	free(ws);
	return errors ? 1 : 0;
}
