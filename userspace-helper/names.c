// SPDX-License-Identifier: GPL-2.0-only
/*
 * Name rules. The kernel gets names from the wire as UTF-16 and converts
 * them to UTF-8; the helper decides whether two spellings are one account
 * or one share.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "names.h"
#include "utf16.h"

/* Characters Windows refuses in account and share names. */
static const char bad_chars[] = "\"/\\[]:;|=,+*?<>";

static const char *name_invalid(const char *name, size_t max)
{
	const unsigned char *p;
	size_t len = strlen(name);

	if (len == 0)
		return "the name is empty";
	if (len > max)
		return "the name is too long";
	if (!utf8_valid(name))
		return "the name is not valid UTF-8";
	if (name[0] == ' ' || name[len - 1] == ' ')
		return "the name starts or ends with a space";
	for (p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return "the name contains a control character";
		if (strchr(bad_chars, *p))
			return "the name contains one of \" / \\ [ ] : ; | = , + * ? < >";
	}
	return NULL;
}

const char *user_name_invalid(const char *name)
{
	const char *why = name_invalid(name, KCIFSD_USER_NAME_MAX);

	if (!why && name[0] == '@')
		why = "a user name cannot start with @ (that means a group)";
	return why;
}

const char *share_name_invalid(const char *name)
{
	const char *why = name_invalid(name, KCIFSD_SHARE_NAME_MAX);

	if (!why && !strcasecmp(name, "global"))
		why = "\"global\" is the section of server-wide settings";
	return why;
}

static locale_t utf8_locale(void)
{
	static locale_t loc;

	if (!loc)
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	return loc;
}

int name_casecmp(const char *a, const char *b)
{
	locale_t loc = utf8_locale();
	uint32_t ca, cb;
	int na, nb;

	if (!loc)
		return strcasecmp(a, b);
	while (*a && *b) {
		na = utf8_next(a, &ca);
		nb = utf8_next(b, &cb);
		if (na < 0 || nb < 0)
			return strcasecmp(a, b);
		ca = towlower_l((wint_t)ca, loc);
		cb = towlower_l((wint_t)cb, loc);
		if (ca != cb)
			return ca < cb ? -1 : 1;
		a += na;
		b += nb;
	}
	return (unsigned char)*a - (unsigned char)*b;
}
