/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMB pathnames: from the wire (UTF-16LE or OEM per Flags2, backslash
 * separated, MS-CIFS 2.2.1.1) to a normalised UTF-8 path relative to the
 * share root, and the name comparisons Windows clients expect: case
 * insensitive equality and the wildcard expressions of MS-FSA 2.1.4.4.
 *
 * Nothing here touches the VFS: fs/vfs.c resolves the result beneath the
 * share root. Every function is pure and has a KUnit suite
 * (tests/kunit/path_test.c).
 */
#ifndef _KCIFSD_PATH_H
#define _KCIFSD_PATH_H

#include <linux/types.h>

struct kcifsd_smb_req;

/*
 * Longest component in UTF-16 code units: "less than 255 characters"
 * (MS-CIFS 2.2.1.1.1), i.e. what NTFS stores (MS-FSCC 2.1.5.2: 255).
 */
#define KCIFSD_NAME_MAX_UNITS	255

/* kcifsd_path_decode() flags */
#define KCIFSD_PATH_WILDCARDS	0x1	/* last component may hold * ? < > " */

/**
 * struct kcifsd_smb_path - a decoded SMB pathname
 * @name: UTF-8, components separated by '/', no leading or trailing '/';
 *	"" names the share root. kmalloc'ed, NUL-terminated.
 * @len: strlen(@name)
 * @last: offset in @name of the last component (@len for the root)
 * @wildcards: the last component holds wildcard characters
 *
 * Free with kcifsd_path_free().
 */
struct kcifsd_smb_path {
	char *name;
	unsigned int len;
	unsigned int last;
	bool wildcards;
};

u32 kcifsd_path_decode(const u8 *msg, unsigned int off, unsigned int end,
		       bool unicode, unsigned int flags,
		       struct kcifsd_smb_path *out, unsigned int *next);
u32 kcifsd_req_path(const struct kcifsd_smb_req *req, const u8 *p,
		    unsigned int flags, struct kcifsd_smb_path *out,
		    const u8 **next);
u32 kcifsd_req_path_fmt(const struct kcifsd_smb_req *req, const u8 *p,
			unsigned int flags, struct kcifsd_smb_path *out,
			const u8 **next);
void kcifsd_path_free(struct kcifsd_smb_path *path);
bool kcifsd_path_is_root(const struct kcifsd_smb_path *path);

u32 kcifsd_upcase(u32 c);
bool kcifsd_name_eq_ci(const char *a, unsigned int alen,
		       const char *b, unsigned int blen);
bool kcifsd_name_match(const char *pattern, unsigned int plen,
		       const char *name, unsigned int nlen, bool ci);
bool kcifsd_name_is_wild(const char *name, unsigned int len);
char *kcifsd_rename_mask(const char *mask, const char *src);

#endif /* _KCIFSD_PATH_H */
