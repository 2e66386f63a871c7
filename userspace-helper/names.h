/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User and share names: what is allowed, and how two names compare.
 * Both are case-insensitive, as Windows treats them.
 */
#ifndef KCIFSCTL_NAMES_H
#define KCIFSCTL_NAMES_H

#include "kcifsd_netlink.h"

/*
 * Return NULL if @name is a valid user (account) name, else a short
 * reason a person can act on.
 */
const char *user_name_invalid(const char *name);

/* Same for a share (section) name. */
const char *share_name_invalid(const char *name);

/*
 * Compare two UTF-8 names ignoring case (full Unicode simple case
 * folding of the C.UTF-8 locale). Returns 0 when they name the same thing.
 * Invalid UTF-8 compares bytewise.
 */
int name_casecmp(const char *a, const char *b);

#endif /* KCIFSCTL_NAMES_H */
