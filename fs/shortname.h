/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 8.3 alternate names made up from long names (fs/shortname.c).
 */
#ifndef _KCIFSD_SHORTNAME_H
#define _KCIFSD_SHORTNAME_H

#include <linux/types.h>

/* "NNNNNNNN.EEE" (MS-FSCC 2.1.5.2.1) */
#define KCIFSD_SHORT_NAME_MAX	12

bool kcifsd_short_name_is_83(const char *name, unsigned int len);
unsigned int kcifsd_short_name(const char *name, unsigned int len, char *out);
bool kcifsd_short_name_listed(const char *name, unsigned int len);
bool kcifsd_short_name_match(const char *want, unsigned int wlen,
			     const char *name, unsigned int len);

#endif /* _KCIFSD_SHORTNAME_H */
