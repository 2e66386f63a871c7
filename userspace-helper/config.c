// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing kcifsd.conf with libinih.
 *
 * Two things about the library shape this file. inih treats an indented
 * line after a key as the continuation of that key, while smb.conf files
 * are customarily indented: our line reader strips leading blanks, so
 * continuations never happen. And inih reads at most 199 bytes per line:
 * the reader keeps longer values (deep share paths) aside and hands
 * inih a short placeholder instead.
 *
 * The file is parsed twice: [global] first, because share parameters
 * given there are the defaults of every share wherever [global] appears.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "atomic_file.h"
#include "config.h"
#include "log.h"
#include "names.h"

#define LONG_VALUE_MARK	'\x01'

struct parse_ctx {
	const char *file;
	const char *text;
	const char *pos;
	unsigned int line;
	int pass;			/* 1: [global], 2: shares */
	int in_global;
	struct share_conf *cur;		/* pass 2: the current share */
	struct kcifsd_conf *conf;
	struct share_conf defaults;	/* share parameters from [global] */
	char **long_values;
	size_t n_long;
	int errors;
};

int conf_parse_bool(const char *s)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(s, yes[i]))
			return 1;
		if (!strcasecmp(s, no[i]))
			return 0;
	}
	return -1;
}

/* "read only", "readonly", "Read_Only" all name one parameter. */
static void normalize_key(const char *in, char *out, size_t len)
{
	size_t n = 0;

	for (; *in && n + 1 < len; in++)
		if (*in != ' ' && *in != '\t' && *in != '_')
			out[n++] = (char)tolower((unsigned char)*in);
	out[n] = '\0';
}

static int has_control_char(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static int parse_ulong(const char *s, unsigned long min, unsigned long max,
		       int base, unsigned long *out)
{
	unsigned long v;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoul(s, &end, base);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int set_string(char **dst, const char *value, size_t max,
		      const char **why)
{
	char *copy;

	if (strlen(value) > max) {
		*why = "the value is too long";
		return -1;
	}
	if (has_control_char(value)) {
		*why = "the value contains a control character";
		return -1;
	}
	copy = strdup(value);
	if (!copy) {
		*why = "out of memory";
		return -1;
	}
	free(*dst);
	*dst = copy;
	return 0;
}

static int set_fixed(char *dst, size_t size, const char *value,
		     const char **why)
{
	if (strlen(value) >= size) {
		*why = "the value is too long";
		return -1;
	}
	if (has_control_char(value)) {
		*why = "the value contains a control character";
		return -1;
	}
	strcpy(dst, value);
	return 0;
}

static int set_bool(int *dst, const char *value, int invert,
		    const char **why)
{
	int b = conf_parse_bool(value);

	if (b < 0) {
		*why = "expected yes or no";
		return -1;
	}
	*dst = invert ? !b : b;
	return 0;
}

int conf_list_next(const char **cursor, char *tok, size_t toklen)
{
	const char *p = *cursor;
	size_t n;

	while (*p == ',' || *p == ' ' || *p == '\t')
		p++;
	if (!*p) {
		*cursor = p;
		return 0;
	}
	n = strcspn(p, ", \t");
	*cursor = p + n;
	if (n >= toklen)
		return -1;
	memcpy(tok, p, n);
	tok[n] = '\0';
	return 1;
}

static int check_user_list(const char *value, const char **why)
{
	char tok[KCIFSD_USER_NAME_MAX + 2];
	const char *cur = value;
	int r;

	while ((r = conf_list_next(&cur, tok, sizeof(tok))) > 0) {
		/* @group, +group and &group name Unix groups, as in Samba */
		const char *name = tok + strspn(tok, "@+&");

		*why = name == tok ? user_name_invalid(name) :
		       share_name_invalid(name) ? "bad group name" : NULL;
		if (*why)
			return -1;
	}
	if (r < 0) {
		*why = "a name in the list is too long";
		return -1;
	}
	return 0;
}

/* Share parameters; each also works in [global] as a default. */
static int share_set(struct share_conf *s, const char *key, const char *value,
		     const char **why)
{
	unsigned long v;

	if (!strcmp(key, "path")) {
		if (value[0] != '/') {
			*why = "the path must be absolute";
			return -1;
		}
		return set_string(&s->path, value, KCIFSD_PATH_MAX, why);
	}
	if (!strcmp(key, "comment"))
		return set_string(&s->comment, value, KCIFSD_COMMENT_MAX, why);
	if (!strcmp(key, "readonly"))
		return set_bool(&s->read_only, value, 0, why);
	if (!strcmp(key, "writeable") || !strcmp(key, "writable") ||
	    !strcmp(key, "writeok"))
		return set_bool(&s->read_only, value, 1, why);
	if (!strcmp(key, "guestok") || !strcmp(key, "public"))
		return set_bool(&s->guest_ok, value, 0, why);
	if (!strcmp(key, "browseable") || !strcmp(key, "browsable"))
		return set_bool(&s->browseable, value, 0, why);
	if (!strcmp(key, "validusers") || !strcmp(key, "invalidusers")) {
		if (check_user_list(value, why))
			return -1;
		return set_string(key[0] == 'v' ? &s->valid_users :
				  &s->invalid_users, value, 4096, why);
	}
	if (!strcmp(key, "createmask") || !strcmp(key, "createmode") ||
	    !strcmp(key, "directorymask") || !strcmp(key, "directorymode")) {
		if (parse_ulong(value, 0, 07777, 8, &v)) {
			*why = "expected an octal mode such as 0755";
			return -1;
		}
		if (key[0] == 'c')
			s->create_mask = (unsigned int)v;
		else
			s->directory_mask = (unsigned int)v;
		return 0;
	}
	if (!strcmp(key, "forceuser") || !strcmp(key, "forcegroup")) {
		const char *name = value + (key[5] == 'g' ? strspn(value, "@+&") : 0);

		*why = user_name_invalid(name);
		if (*why)
			return -1;
		return set_string(key[5] == 'u' ? &s->force_user :
				  &s->force_group, name,
				  KCIFSD_USER_NAME_MAX, why);
	}
	return 1;	/* not a share parameter */
}

static int set_port(long *dst, const char *value, const char **why)
{
	unsigned long v;

	if (parse_ulong(value, 0, 65535, 10, &v)) {
		*why = "expected a port number (0 turns it off)";
		return -1;
	}
	*dst = (long)v;
	return 0;
}

/* A yes/no setting that may stay CONF_UNSET. */
static int set_flag(long *dst, const char *value, const char **why)
{
	int b;

	if (set_bool(&b, value, 0, why))
		return -1;
	*dst = b;
	return 0;
}

static int set_count(long *dst, const char *value, unsigned long min,
		     unsigned long max, const char **why)
{
	unsigned long v;

	if (parse_ulong(value, min, max, 10, &v)) {
		*why = "number out of range";
		return -1;
	}
	*dst = (long)v;
	return 0;
}

/* "smb ports = 445 139": 139 is the NetBIOS session service (Samba). */
static int set_smb_ports(struct global_conf *g, const char *value,
			 const char **why)
{
	char tok[16];
	const char *cur = value;
	long port;
	int r;

	g->tcp_port = 0;
	g->nbt_port = 0;
	while ((r = conf_list_next(&cur, tok, sizeof(tok))) > 0) {
		if (set_port(&port, tok, why))
			return -1;
		if (port == 139) {
			g->nbt_port = 139;
		} else if (g->tcp_port) {
			*why = "only one Direct TCP port besides 139";
			return -1;
		} else {
			g->tcp_port = port;
		}
	}
	if (r < 0) {
		*why = "expected port numbers";
		return -1;
	}
	return 0;
}

static int set_interfaces(struct global_conf *g, const char *value,
			  const char **why)
{
	char tok[KCIFSD_BIND_ADDR_MAX + 1], extra[2];
	const char *cur = value;
	unsigned char addr[16];

	if (conf_list_next(&cur, tok, sizeof(tok)) != 1) {
		*why = "expected one IP address or interface name";
		return -1;
	}
	if (conf_list_next(&cur, extra, sizeof(extra)) != 0) {
		*why = "only one address or interface is supported";
		return -1;
	}
	if (inet_pton(AF_INET, tok, addr) != 1 &&
	    inet_pton(AF_INET6, tok, addr) != 1 &&
	    (strlen(tok) > 15 || strchr(tok, '/'))) {
		*why = "neither an IP address nor an interface name";
		return -1;
	}
	strcpy(g->interface, tok);
	return 0;
}

static int global_set(struct global_conf *g, const char *key,
		      const char *value, const char **why)
{
	if (!strcmp(key, "tcpport"))
		return set_port(&g->tcp_port, value, why);
	if (!strcmp(key, "netbiosport"))
		return set_port(&g->nbt_port, value, why);
	if (!strcmp(key, "smbports"))
		return set_smb_ports(g, value, why);
	if (!strcmp(key, "interfaces"))
		return set_interfaces(g, value, why);
	if (!strcmp(key, "bindinterfacesonly")) {
		int ignored;

		return set_bool(&ignored, value, 0, why);
	}
	if (!strcmp(key, "ipv6"))
		return set_flag(&g->ipv6, value, why);
	if (!strcmp(key, "smbdirect"))
		return set_flag(&g->smb_direct, value, why);
	if (!strcmp(key, "smbdirectport"))
		return set_port(&g->smbd_port, value, why);
	if (!strcmp(key, "smbdirectiwarpport"))
		return set_port(&g->smbd_iwarp_port, value, why);
	if (!strcmp(key, "maxconnections"))
		return set_count(&g->max_connections, value, 1, 1000000, why);
	if (!strcmp(key, "maxipconnections"))
		return set_count(&g->max_conn_per_peer, value, 1, 1000000,
				 why);
	if (!strcmp(key, "maxmux"))
		return set_count(&g->max_mpx, value, 1, 65535, why);
	if (!strcmp(key, "deadtime")) {
		if (set_count(&g->idle_timeout, value, 0, 1000000, why))
			return -1;
		g->idle_timeout *= 60;
		return 0;
	}
	if (!strcmp(key, "serversigning")) {
		if (!strcasecmp(value, "disabled") ||
		    conf_parse_bool(value) == 0)
			g->signing = KCIFSD_SIGNING_DISABLED;
		else if (!strcasecmp(value, "enabled") ||
			 !strcasecmp(value, "auto") ||
			 !strcasecmp(value, "default") ||
			 conf_parse_bool(value) == 1)
			g->signing = KCIFSD_SIGNING_ENABLED;
		else if (!strcasecmp(value, "required") ||
			 !strcasecmp(value, "mandatory"))
			g->signing = KCIFSD_SIGNING_REQUIRED;
		else {
			*why = "expected disabled, enabled or required";
			return -1;
		}
		return 0;
	}
	if (!strcmp(key, "ntlmauth")) {
		if (!strcasecmp(value, "ntlmv1-permitted"))
			g->ntlm_auth = 1;
		else if (!strcasecmp(value, "ntlmv2-only"))
			g->ntlm_auth = 0;
		else
			return set_bool(&g->ntlm_auth, value, 0, why);
		return 0;
	}
	if (!strcmp(key, "maptoguest")) {
		char norm[32];

		normalize_key(value, norm, sizeof(norm));
		if (!strcmp(norm, "never"))
			g->map_to_guest = KCIFSD_MAP_TO_GUEST_NEVER;
		else if (!strcmp(norm, "baduser"))
			g->map_to_guest = KCIFSD_MAP_TO_GUEST_BAD_USER;
		else if (!strcmp(norm, "badpassword"))
			g->map_to_guest = KCIFSD_MAP_TO_GUEST_BAD_PASSWORD;
		else {
			*why = "expected never, bad user or bad password";
			return -1;
		}
		return 0;
	}
	if (!strcmp(key, "guestaccount")) {
		*why = user_name_invalid(value);
		if (*why)
			return -1;
		return set_fixed(g->guest_account, sizeof(g->guest_account),
				 value, why);
	}
	if (!strcmp(key, "serverstring"))
		return set_fixed(g->server_string, sizeof(g->server_string),
				 value, why);
	if (!strcmp(key, "workgroup") || !strcmp(key, "netbiosname")) {
		char *dst = key[0] == 'w' ? g->workgroup : g->netbios_name;

		if (strlen(value) > KCIFSD_NETBIOS_NAME_MAX || !*value ||
		    strpbrk(value, "\\/:*?\"<>| .")) {
			*why = "expected 1 to 15 characters without spaces, dots or \\/:*?\"<>|";
			return -1;
		}
		return set_fixed(dst, KCIFSD_NETBIOS_NAME_MAX + 1, value, why);
	}
	return 1;
}

static void share_free(struct share_conf *s)
{
	free(s->path);
	free(s->comment);
	free(s->valid_users);
	free(s->invalid_users);
	free(s->force_user);
	free(s->force_group);
	memset(s, 0, sizeof(*s));
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int share_copy(struct share_conf *dst, const struct share_conf *src)
{
	*dst = *src;
	dst->path = dup_or_null(src->path);
	dst->comment = dup_or_null(src->comment);
	dst->valid_users = dup_or_null(src->valid_users);
	dst->invalid_users = dup_or_null(src->invalid_users);
	dst->force_user = dup_or_null(src->force_user);
	dst->force_group = dup_or_null(src->force_group);
	if ((src->path && !dst->path) || (src->comment && !dst->comment) ||
	    (src->valid_users && !dst->valid_users) ||
	    (src->invalid_users && !dst->invalid_users) ||
	    (src->force_user && !dst->force_user) ||
	    (src->force_group && !dst->force_group)) {
		share_free(dst);
		return -1;
	}
	return 0;
}

static void share_defaults(struct share_conf *s)
{
	memset(s, 0, sizeof(*s));
	s->read_only = 1;
	s->browseable = 1;
	s->create_mask = 0744;
	s->directory_mask = 0755;
}

static void global_defaults(struct global_conf *g)
{
	char host[256] = "";
	size_t i;

	memset(g, 0, sizeof(*g));
	g->tcp_port = CONF_UNSET;
	g->nbt_port = CONF_UNSET;
	g->ipv6 = CONF_UNSET;
	g->max_connections = CONF_UNSET;
	g->max_conn_per_peer = CONF_UNSET;
	g->max_mpx = CONF_UNSET;
	g->idle_timeout = CONF_UNSET;
	g->smb_direct = CONF_UNSET;
	g->smbd_port = CONF_UNSET;
	g->smbd_iwarp_port = CONF_UNSET;
	g->signing = KCIFSD_SIGNING_ENABLED;
	g->ntlm_auth = 0;
	g->map_to_guest = KCIFSD_MAP_TO_GUEST_NEVER;
	strcpy(g->guest_account, "nobody");
	snprintf(g->server_string, sizeof(g->server_string), "kcifsd %s",
		 KCIFSD_VERSION);
	strcpy(g->workgroup, "WORKGROUP");
	/* NetBIOS name: the host name's first label, upper case. */
	gethostname(host, sizeof(host) - 1);
	for (i = 0; i < KCIFSD_NETBIOS_NAME_MAX && host[i] &&
	     host[i] != '.'; i++)
		g->netbios_name[i] = (char)toupper((unsigned char)host[i]);
	if (!i)
		strcpy(g->netbios_name, "KCIFSD");
}

static void conf_error(struct parse_ctx *ctx, const char *fmt, const char *a,
		       const char *b)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, a, b);
	log_err("%s:%u: %s", ctx->file, ctx->line, msg);
	ctx->errors++;
}

static struct share_conf *share_get(struct parse_ctx *ctx, const char *name)
{
	struct kcifsd_conf *conf = ctx->conf;
	struct share_conf *n;
	size_t i;

	for (i = 0; i < conf->n_shares; i++)
		if (!name_casecmp(conf->shares[i].name, name))
			return &conf->shares[i];
	n = realloc(conf->shares, (conf->n_shares + 1) * sizeof(*n));
	if (!n)
		return NULL;
	conf->shares = n;
	n = &conf->shares[conf->n_shares];
	if (share_copy(n, &ctx->defaults))
		return NULL;
	strcpy(n->name, name);
	n->line = ctx->line;
	conf->n_shares++;
	return n;
}

/* A section header seen by the reader: "[name]", possibly "[ name ]". */
static void begin_section(struct parse_ctx *ctx, const char *line)
{
	const char *end = strchr(line, ']');
	char name[KCIFSD_SHARE_NAME_MAX + 2];
	const char *why;
	size_t len;

	ctx->cur = NULL;
	ctx->in_global = 0;
	if (!end)
		return;		/* inih reports the syntax error */
	line++;
	while (*line == ' ' || *line == '\t')
		line++;
	while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	len = (size_t)(end - line);
	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, line, len);
	name[len] = '\0';
	if (!strcasecmp(name, "global")) {
		ctx->in_global = 1;
		return;
	}
	if (ctx->pass != 2)
		return;
	if (!strcasecmp(name, "IPC$")) {
		conf_error(ctx, "[%s] is built in and cannot be configured%s",
			   name, "");
		return;
	}
	why = share_name_invalid(name);
	if (why) {
		conf_error(ctx, "bad share name [%s]: %s", name, why);
		return;
	}
	ctx->cur = share_get(ctx, name);
	if (!ctx->cur)
		conf_error(ctx, "out of memory%s%s", "", "");
}

static char *reader(char *str, int num, void *stream)
{
	struct parse_ctx *ctx = stream;
	const char *p = ctx->pos, *eol, *eq;
	size_t len, klen;
	char *val, **lv;

	if (!*p)
		return NULL;
	eol = strchr(p, '\n');
	if (!eol)
		eol = p + strlen(p);
	ctx->pos = *eol ? eol + 1 : eol;
	ctx->line++;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	len = (size_t)(eol - p);
	if (*p == '[')
		begin_section(ctx, p);
	if (len < (size_t)num) {
		memcpy(str, p, len);
		str[len] = '\0';
		return str;
	}
	/* Too long for inih: keep the value aside (see the top comment). */
	eq = memchr(p, '=', len);
	klen = eq ? (size_t)(eq - p) : 0;
	if (!eq || klen + 8 >= (size_t)num || *p == ';' || *p == '#') {
		if (*p != ';' && *p != '#')
			conf_error(ctx, "line too long%s%s", "", "");
		strcpy(str, ";");
		return str;
	}
	val = strndup(eq + 1, (size_t)(eol - eq - 1));
	lv = realloc(ctx->long_values, (ctx->n_long + 1) * sizeof(*lv));
	if (!val || !lv) {
		free(val);
		if (lv)
			ctx->long_values = lv;
		conf_error(ctx, "out of memory%s%s", "", "");
		strcpy(str, ";");
		return str;
	}
	ctx->long_values = lv;
	lv[ctx->n_long] = val;
	snprintf(str, (size_t)num, "%.*s= %c%zu", (int)klen, p, LONG_VALUE_MARK,
		 ctx->n_long++);
	return str;
}

/* Undo the reader's placeholder; trims blanks and an inline comment. */
static const char *real_value(struct parse_ctx *ctx, const char *value)
{
	char *v, *c, *end;
	size_t idx;

	if (value[0] != LONG_VALUE_MARK)
		return value;
	idx = strtoul(value + 1, NULL, 10);
	if (idx >= ctx->n_long)
		return value;
	v = ctx->long_values[idx];
	v += strspn(v, " \t");
	for (c = v; (c = strchr(c, ';')); c++)
		if (c > v && (c[-1] == ' ' || c[-1] == '\t')) {
			*c = '\0';
			break;
		}
	end = v + strlen(v);
	while (end > v && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return v;
}

static int handler(void *user, const char *section, const char *name,
		   const char *value)
{
	struct parse_ctx *ctx = user;
	const char *why = NULL;
	char key[64];
	int r;

	(void)section;	/* the reader tracks sections, with line numbers */
	value = real_value(ctx, value);
	normalize_key(name, key, sizeof(key));
	if (ctx->pass == 1) {
		if (!ctx->in_global) {
			if (!*section)
				log_warn("%s:%u: \"%s\" outside any section, ignored",
					 ctx->file, ctx->line, name);
			return 1;
		}
		r = global_set(&ctx->conf->global, key, value, &why);
		if (r > 0)
			r = share_set(&ctx->defaults, key, value, &why);
	} else {
		if (!ctx->cur)
			return 1;
		r = share_set(ctx->cur, key, value, &why);
		if (r > 0 && global_set(&(struct global_conf){ 0 }, key,
					value, &why) <= 0) {
			log_warn("%s:%u: \"%s\" belongs in [global], ignored here",
				 ctx->file, ctx->line, name);
			return 1;
		}
	}
	if (r < 0)
		conf_error(ctx, "bad value for \"%s\": %s", name, why);
	else if (r > 0)
		log_warn("%s:%u: unknown parameter \"%s\" ignored", ctx->file,
			 ctx->line, name);
	return 1;
}

static int run_pass(struct parse_ctx *ctx, int pass)
{
	int r;

	ctx->pass = pass;
	ctx->pos = ctx->text;
	ctx->line = 0;
	ctx->in_global = 0;
	ctx->cur = NULL;
	r = ini_parse_stream(reader, ctx, handler, ctx);
	if (r > 0 && pass == 1) {
		ctx->line = (unsigned int)r;
		conf_error(ctx, "syntax error: expected \"name = value\" or [section]%s%s",
			   "", "");
	} else if (r < 0 && pass == 1) {
		conf_error(ctx, "out of memory%s%s", "", "");
	}
	return ctx->errors ? -EINVAL : 0;
}

int conf_parse_text(const char *name, const char *text,
		    struct kcifsd_conf *conf)
{
	struct parse_ctx ctx = {
		.file = name,
		.text = text,
		.conf = conf,
	};
	size_t i;
	int ret;

	memset(conf, 0, sizeof(*conf));
	global_defaults(&conf->global);
	share_defaults(&ctx.defaults);
	ret = run_pass(&ctx, 1);
	if (!ret)
		ret = run_pass(&ctx, 2);
	for (i = 0; !ret && i < conf->n_shares; i++) {
		if (!conf->shares[i].path) {
			ctx.line = conf->shares[i].line;
			conf_error(&ctx, "share [%s] has no path%s",
				   conf->shares[i].name, "");
			ret = -EINVAL;
		}
	}
	for (i = 0; i < ctx.n_long; i++)
		free(ctx.long_values[i]);
	free(ctx.long_values);
	share_free(&ctx.defaults);
	if (ret)
		conf_free(conf);
	return ret;
}

int conf_load(const char *path, struct kcifsd_conf *conf)
{
	char *text;
	int ret;

	ret = read_whole_file(path, &text, NULL);
	if (ret == -ENOENT)
		return conf_parse_text(path, "", conf);
	if (ret) {
		log_err("cannot read %s: %s", path, strerror(-ret));
		return ret;
	}
	ret = conf_parse_text(path, text, conf);
	free(text);
	return ret;
}

void conf_free(struct kcifsd_conf *conf)
{
	size_t i;

	for (i = 0; i < conf->n_shares; i++)
		share_free(&conf->shares[i]);
	free(conf->shares);
	conf->shares = NULL;
	conf->n_shares = 0;
}

const struct share_conf *conf_find_share(const struct kcifsd_conf *conf,
					 const char *name)
{
	size_t i;

	for (i = 0; i < conf->n_shares; i++)
		if (!name_casecmp(conf->shares[i].name, name))
			return &conf->shares[i];
	return NULL;
}

int conf_check_share_value(const char *key, const char *value,
			   const char **why)
{
	struct share_conf s;
	char norm[64];
	int r;

	share_defaults(&s);
	normalize_key(key, norm, sizeof(norm));
	*why = NULL;
	r = share_set(&s, norm, value, why);
	share_free(&s);
	if (r > 0)
		*why = "not a share parameter";
	return r ? -1 : 0;
}
