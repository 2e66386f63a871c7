/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Directory searches and the connection's SearchOpenTable (MS-CIFS
 * 3.3.1.8 SearchOpen), shared by the wire forms that list directories:
 * TRANS2_FIND_FIRST2/FIND_NEXT2 (fs/trans2_find.c) and the Core
 * SMB_COM_SEARCH family (fs/search_core.c). The engine reads a
 * directory once, whatever its size, and resumes where a request says;
 * the wire forms encode what it hands them.
 */
#ifndef _KCIFSD_SEARCH_H
#define _KCIFSD_SEARCH_H

#include <linux/types.h>

struct kcifsd_info;
struct kcifsd_search;
struct kcifsd_smb_conn;
struct kcifsd_smb_path;
struct kcifsd_smb_req;
struct kcifsd_tree;

/*
 * Server.MaxSearches (MS-CIFS 3.3.1.1): open searches per connection. An
 * open search holds a directory and a read-ahead buffer; clients keep
 * one per directory they are listing.
 */
#define KCIFSD_MAX_SEARCHES	256

/**
 * typedef kcifsd_search_put_t - encode one entry of a search
 * @priv: the wire form's state
 * @name: the entry's name as on disk (not NUL-terminated)
 * @len: its length
 * @info: what the information levels say about it
 * @key: its resume key (the wire's ResumeKey / FileIndex)
 *
 * Return: 0 when encoded, 1 when it cannot be in this form (skipped, not
 * counted), -ENOSPC when it does not fit: it stays first for the next
 * request.
 */
typedef int (*kcifsd_search_put_t)(void *priv, const char *name,
				   unsigned int len,
				   const struct kcifsd_info *info, u32 key);

/**
 * struct kcifsd_search_run - one request's worth of entries
 * @max: the most entries wanted (at least 1)
 * @put: the encoder
 * @priv: its state
 * @resume: resume from @key or @name, not from where the search stopped
 * @key: the resume key of the entry to resume after, 0 for none
 * @by_key: @key names the entry even when it is 0 (the Core forms'
 *	resume keys always name one; a directory's first cookie may be 0)
 * @name: the name of the entry to resume after (without a usable key)
 * @len: its length
 * @lstat: report symlinks as themselves, as lstat(2) (the CIFS UNIX
 *	level); otherwise one whose target is inside the share as the target
 * @count: entries encoded (out)
 * @eos: the search reached its end (out)
 * @skip: internal: entries to pass over after a rewind
 * @skip_name: internal: pass over entries up to this name
 * @skip_len: internal: its length
 */
struct kcifsd_search_run {
	unsigned int max;
	kcifsd_search_put_t put;
	void *priv;
	bool resume;
	u32 key;
	bool by_key;
	const char *name;
	unsigned int len;
	bool lstat;
	unsigned int count;
	bool eos;
	u32 skip;
	const char *skip_name;
	unsigned int skip_len;
};

u32 kcifsd_search_open(struct kcifsd_smb_req *req,
		       const struct kcifsd_smb_path *path, u16 attrs,
		       struct kcifsd_search **out);
u32 kcifsd_search_find(struct kcifsd_smb_req *req, u16 sid,
		       struct kcifsd_search **out);
u32 kcifsd_search_fill(struct kcifsd_search *s, struct kcifsd_search_run *run);
u32 kcifsd_search_install(struct kcifsd_smb_conn *sc, struct kcifsd_search *s);
u16 kcifsd_search_sid(const struct kcifsd_search *s);
const struct kcifsd_tree *kcifsd_search_tree(const struct kcifsd_search *s);
void kcifsd_search_put(struct kcifsd_search *s);
void kcifsd_search_close(struct kcifsd_smb_conn *sc, struct kcifsd_search *s);

/* Searches end with their tree connect, session and connection. */
void kcifsd_search_close_tree(struct kcifsd_smb_conn *sc, u16 tid);
void kcifsd_search_close_session(struct kcifsd_smb_conn *sc, u16 uid);
void kcifsd_search_close_all(struct kcifsd_smb_conn *sc);

/* Handlers of the Core searches (fs/search_core.c; fs/dispatch.c table) */
u32 kcifsd_smb_search(struct kcifsd_smb_req *req);
u32 kcifsd_smb_find(struct kcifsd_smb_req *req);
u32 kcifsd_smb_find_unique(struct kcifsd_smb_req *req);
u32 kcifsd_smb_find_close(struct kcifsd_smb_req *req);

#endif /* _KCIFSD_SEARCH_H */
