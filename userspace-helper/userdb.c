// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading and writing the user database. The file is machine-managed:
 * comments are not kept, but a malformed line stops every rewrite.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "log.h"
#include "names.h"
#include "nthash.h"
#include "userdb.h"

/* Parse a decimal id or "" (-1) in [0, 2^32-2]. */
static int parse_id(const char *s, long *out)
{
	char *end;
	unsigned long v;

	if (!*s) {
		*out = -1;
		return 0;
	}
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v >= 0xffffffffUL)
		return -1;
	*out = (long)v;
	return 0;
}

static int parse_line(char *line, struct userdb_entry *e)
{
	char *field[5];
	int i;

	for (i = 0; i < 5; i++) {
		field[i] = line;
		line = strchr(line, ':');
		if (i < 4) {
			if (!line)
				return -1;
			*line++ = '\0';
		}
	}
	if (line)	/* a sixth field */
		return -1;
	if (user_name_invalid(field[0]))
		return -1;
	memset(e, 0, sizeof(*e));
	strcpy(e->name, field[0]);
	if (nt_hash_from_hex(field[1], e->nt_hash) ||
	    parse_id(field[2], &e->uid) || parse_id(field[3], &e->gid))
		return -1;
	if (!strcmp(field[4], "disabled"))
		e->flags = KCIFSD_USER_F_DISABLED;
	else if (*field[4])
		return -1;
	return 0;
}

int userdb_load(const char *path, struct userdb *db)
{
	char *data, *line, *next;
	struct userdb_entry e;
	unsigned int lineno = 0;
	size_t size;
	int ret;

	memset(db, 0, sizeof(*db));
	ret = read_whole_file(path, &data, &size);
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return ret;
	for (line = data; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (*line == '#' || *line == '\0')
			continue;
		if (parse_line(line, &e)) {
			log_err("%s:%u: malformed entry (expected name:nthash:uid:gid:flags)",
				path, lineno);
			ret = -EINVAL;
			break;
		}
		ret = userdb_add(db, &e);
		if (ret == -EEXIST)
			log_err("%s:%u: user \"%s\" appears twice", path,
				lineno, e.name);
		if (ret)
			break;
	}
	explicit_bzero(&e, sizeof(e));
	explicit_bzero(data, size);
	free(data);
	if (ret)
		userdb_free(db);
	return ret;
}

static int append(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);
	char *nbuf;

	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		nbuf = malloc(*cap);
		if (!nbuf)
			return -ENOMEM;
		if (*buf) {
			memcpy(nbuf, *buf, *len);
			explicit_bzero(*buf, *len);
			free(*buf);
		}
		*buf = nbuf;
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
	return 0;
}

int userdb_save(const char *path, const struct userdb *db)
{
	char line[KCIFSD_USER_NAME_MAX + 128], hex[33], uid[16], gid[16];
	char *buf = NULL;
	size_t len = 0, cap = 0, i;
	int ret;

	ret = append(&buf, &len, &cap,
		     "# kcifsd users: name:nthash:uid:gid:flags\n"
		     "# Managed by kcifsctl user add|del|passwd; see kcifsctl(8).\n");
	for (i = 0; !ret && i < db->n; i++) {
		const struct userdb_entry *e = &db->users[i];

		nt_hash_to_hex(e->nt_hash, hex);
		snprintf(uid, sizeof(uid), "%ld", e->uid);
		snprintf(gid, sizeof(gid), "%ld", e->gid);
		snprintf(line, sizeof(line), "%s:%s:%s:%s:%s\n", e->name, hex,
			 e->uid < 0 ? "" : uid, e->gid < 0 ? "" : gid,
			 e->flags & KCIFSD_USER_F_DISABLED ? "disabled" : "");
		ret = append(&buf, &len, &cap, line);
	}
	if (!ret)
		ret = atomic_write_file(path, buf, len, 0600);
	explicit_bzero(line, sizeof(line));
	explicit_bzero(hex, sizeof(hex));
	if (buf) {
		explicit_bzero(buf, len);
		free(buf);
	}
	return ret;
}

struct userdb_entry *userdb_find(const struct userdb *db, const char *name)
{
	size_t i;

	for (i = 0; i < db->n; i++)
		if (!name_casecmp(db->users[i].name, name))
			return &db->users[i];
	return NULL;
}

int userdb_add(struct userdb *db, const struct userdb_entry *e)
{
	struct userdb_entry *n;

	if (userdb_find(db, e->name))
		return -EEXIST;
	if (db->n == db->cap) {
		size_t cap = db->cap ? db->cap * 2 : 16;

		n = calloc(cap, sizeof(*n));
		if (!n)
			return -ENOMEM;
		if (db->users) {
			memcpy(n, db->users, db->n * sizeof(*n));
			explicit_bzero(db->users, db->n * sizeof(*n));
			free(db->users);
		}
		db->users = n;
		db->cap = cap;
	}
	db->users[db->n++] = *e;
	return 0;
}

int userdb_del(struct userdb *db, const char *name)
{
	struct userdb_entry *e = userdb_find(db, name);
	size_t i;

	if (!e)
		return -ENOENT;
	i = (size_t)(e - db->users);
	memmove(e, e + 1, (db->n - i - 1) * sizeof(*e));
	db->n--;
	explicit_bzero(&db->users[db->n], sizeof(*e));
	return 0;
}

void userdb_free(struct userdb *db)
{
	if (db->users) {
		explicit_bzero(db->users, db->cap * sizeof(*db->users));
		free(db->users);
	}
	memset(db, 0, sizeof(*db));
}
