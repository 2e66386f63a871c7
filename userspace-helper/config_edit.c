// SPDX-License-Identifier: GPL-2.0-only
/*
 * The config editor works on lines, not on a parsed tree, so that what
 * an administrator wrote by hand survives every "kcifsctl share" edit.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_edit.h"
#include "names.h"

enum line_kind { LINE_BLANK, LINE_COMMENT, LINE_SECTION, LINE_PARAM };

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
			   *p == '\n'))
		p++;
	return p;
}

/* Classify [p, end); for a section, copy its name into @name. */
static enum line_kind classify(const char *p, const char *end, char *name,
			       size_t len)
{
	const char *close, *e;
	size_t n;

	p = skip_blanks(p, end);
	if (p == end)
		return LINE_BLANK;
	if (*p == ';' || *p == '#')
		return LINE_COMMENT;
	if (*p != '[')
		return LINE_PARAM;
	close = memchr(p, ']', (size_t)(end - p));
	if (!close)
		return LINE_PARAM;
	p = skip_blanks(p + 1, close);
	e = close;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	n = (size_t)(e - p) < len - 1 ? (size_t)(e - p) : len - 1;
	memcpy(name, p, n);
	name[n] = '\0';
	return LINE_SECTION;
}

static const char *line_end(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl ? nl + 1 : p + strlen(p);
}

int conf_edit_has_section(const char *text, const char *name)
{
	char sect[256];
	const char *p, *next;

	for (p = text; *p; p = next) {
		next = line_end(p);
		if (classify(p, next, sect, sizeof(sect)) == LINE_SECTION &&
		    !name_casecmp(sect, name))
			return 1;
	}
	return 0;
}

static int is_blank(const char *p, const char *end)
{
	return skip_blanks(p, end) == end;
}

int conf_edit_del_section(const char *text, const char *name, char **out)
{
	size_t len = strlen(text), used = 0;
	const char *p, *next, *cut = NULL, *keep_to = NULL, *prev = NULL;
	const char *prev_start = NULL;
	char sect[256], *buf;
	int found = 0;
	enum line_kind k;

	buf = malloc(len + 1);
	if (!buf)
		return -ENOMEM;
	/*
	 * One walk: lines outside a doomed section are copied; inside one,
	 * parameters extend the cut and comments are held back until we know
	 * whether another parameter of the section follows.
	 */
	for (p = text; *p; p = next) {
		next = line_end(p);
		k = classify(p, next, sect, sizeof(sect));
		if (k == LINE_SECTION) {
			if (cut) {	/* end of the doomed section */
				memcpy(buf + used, keep_to, (size_t)(p - keep_to));
				used += (size_t)(p - keep_to);
				cut = NULL;
			}
			if (!name_casecmp(sect, name)) {
				found = 1;
				cut = p;
				keep_to = next;
				/* Drop the blank line that separated it. */
				if (prev && is_blank(prev_start, prev) &&
				    used >= (size_t)(prev - prev_start))
					used -= (size_t)(prev - prev_start);
				prev_start = p;
				prev = next;
				continue;
			}
		} else if (cut) {
			if (k == LINE_PARAM)
				keep_to = next;
			prev_start = p;
			prev = next;
			continue;
		}
		memcpy(buf + used, p, (size_t)(next - p));
		used += (size_t)(next - p);
		prev_start = p;
		prev = next;
	}
	if (cut) {
		/* Last section: keep what followed its last parameter. */
		memcpy(buf + used, keep_to, (size_t)(p - keep_to));
		used += (size_t)(p - keep_to);
	}
	buf[used] = '\0';
	if (!found) {
		free(buf);
		return -ENOENT;
	}
	*out = buf;
	return 0;
}

int conf_edit_add_section(const char *text, const char *name,
			  const char *const *kv, size_t n, char **out)
{
	size_t len = strlen(text), need, i, used;
	char *buf;

	if (conf_edit_has_section(text, name))
		return -EEXIST;
	need = len + strlen(name) + 8;
	for (i = 0; i < 2 * n; i++)
		need += strlen(kv[i]) + 5;
	buf = malloc(need);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, text, len);
	used = len;
	if (used && buf[used - 1] != '\n')
		buf[used++] = '\n';
	if (used)
		buf[used++] = '\n';
	used += (size_t)sprintf(buf + used, "[%s]\n", name);
	for (i = 0; i < n; i++)
		used += (size_t)sprintf(buf + used, "\t%s = %s\n", kv[2 * i],
					kv[2 * i + 1]);
	*out = buf;
	return 0;
}
