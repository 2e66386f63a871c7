/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Line-based editing of kcifsd.conf for "share add" and "share del":
 * only the affected section changes, every other line (comments,
 * ordering, indentation, other sections) stays byte for byte.
 */
#ifndef KCIFSCTL_CONFIG_EDIT_H
#define KCIFSCTL_CONFIG_EDIT_H

#include <stddef.h>

/* 1 if @text has a section [@name] (any case), else 0. */
int conf_edit_has_section(const char *text, const char *name);

/*
 * Return in @out (malloc'ed) @text with every [@name] section removed:
 * its header and the lines up to its last parameter. Comments after the
 * last parameter are kept, they usually introduce the next section.
 * Returns 0, -ENOENT if there is no such section, or -ENOMEM.
 */
int conf_edit_del_section(const char *text, const char *name, char **out);

/*
 * Return in @out @text with a section [@name] appended, holding the
 * @n pairs of @kv ({key, value, key, value, ...}).
 * Returns 0, -EEXIST if the section exists, or -ENOMEM.
 */
int conf_edit_add_section(const char *text, const char *name,
			  const char *const *kv, size_t n, char **out);

#endif /* KCIFSCTL_CONFIG_EDIT_H */
