/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Extended attributes (the OS/2 EAs of MS-CIFS 2.2.1.2.1, 2.2.1.2.2 and
 * MS-FSCC 2.4.15): the three wire lists they travel in, and their
 * storage as Linux extended attributes of the file.
 *
 * STORAGE
 *
 * EA "NAME" with value V is the extended attribute
 * "user.kcifsd.ea.NAME" (KCIFSD_EA_XATTR_PREFIX) with value V, byte for
 * byte: no header, so what a Linux client sets through a cifs mount
 * (user.NAME) is what a local user reads. The prefix keeps EAs apart
 * from the DOS attributes (user.kcifsd.dos, fs/dosattr.h) and from
 * whatever else lives in user.*: a client cannot reach either.
 *
 * Names are kept in the case the client gave and matched without regard
 * to ASCII case, as Windows compares them: setting "Foo" replaces "FOO".
 * A name is 1..240 bytes (255 on the wire, less the prefix within
 * XATTR_NAME_MAX) of OEM characters without control characters or
 * any of  " * + , / : ; < = > ? [ \ ] |  (STATUS_INVALID_EA_NAME).
 * A zero-length value deletes the EA (MS-CIFS 2.2.1.2.2); NT has no
 * empty EAs, so an empty xattr under the prefix is not listed. EA flags
 * are not stored: FILE_NEED_EA is refused (STATUS_NOT_SUPPORTED).
 *
 * A share on a file system without user extended attributes (tmpfs on
 * 6.1) lists none and refuses to set any (STATUS_EAS_NOT_SUPPORTED).
 */
#ifndef _KCIFSD_EA_H
#define _KCIFSD_EA_H

#include <linux/path.h>
#include <linux/types.h>
#include <uapi/linux/limits.h>

struct kcifsd_tree;

#define KCIFSD_EA_XATTR_PREFIX		"user.kcifsd.ea."
#define KCIFSD_EA_PREFIX_LEN		(sizeof(KCIFSD_EA_XATTR_PREFIX) - 1)
#define KCIFSD_EA_NAME_MAX		(XATTR_NAME_MAX - KCIFSD_EA_PREFIX_LEN)
/* AttributeValueLengthInBytes / EaValueLength are 16-bit */
#define KCIFSD_EA_VALUE_MAX		0xFFFF

/* ExtendedAttributeFlag / Flags: the file cannot be used without it */
#define KCIFSD_FILE_NEED_EA		0x80

/**
 * enum kcifsd_ea_kind - the wire form of a list
 * @KCIFSD_EA_FEA: SMB_FEA_LIST (MS-CIFS 2.2.1.2.2): SizeOfListInBytes,
 *	then packed SMB_FEA {flags, name length, value length, name, NUL,
 *	value}
 * @KCIFSD_EA_GEA: SMB_GEA_LIST (2.2.1.2.1): SizeOfListInBytes, then
 *	packed SMB_GEA {name length, name, NUL}
 * @KCIFSD_EA_FULL: FILE_FULL_EA_INFORMATION entries (MS-FSCC 2.4.15)
 *	chained by NextEntryOffset, no list header
 */
enum kcifsd_ea_kind {
	KCIFSD_EA_FEA,
	KCIFSD_EA_GEA,
	KCIFSD_EA_FULL,
};

/**
 * struct kcifsd_ea - one entry of a list, pointing into the buffer
 * @off: offset of the entry in the buffer (for EaErrorOffset)
 * @flags: ExtendedAttributeFlag (0 in a GEA list)
 * @name_len: bytes of @name, not counting its terminator
 * @value_len: bytes of @value (0 in a GEA list)
 * @name: the name, NUL-terminated in the buffer
 * @value: the value
 */
struct kcifsd_ea {
	u32 off;
	u8 flags;
	u8 name_len;
	u16 value_len;
	const char *name;
	const u8 *value;
};

/**
 * struct kcifsd_ea_iter - walks a list (kcifsd_ea_iter_init())
 * @buf: the list
 * @end: bytes of it that hold entries
 * @pos: where the next entry starts
 * @kind: its wire form
 * @last: a FULL entry with NextEntryOffset 0 was read
 */
struct kcifsd_ea_iter {
	const u8 *buf;
	u32 end;
	u32 pos;
	enum kcifsd_ea_kind kind;
	bool last;
};

u32 kcifsd_ea_iter_init(struct kcifsd_ea_iter *it, enum kcifsd_ea_kind kind,
			const u8 *buf, u32 len);
int kcifsd_ea_next(struct kcifsd_ea_iter *it, struct kcifsd_ea *ea);
bool kcifsd_ea_name_valid(const char *name, unsigned int len);
u32 kcifsd_ea_check_list(enum kcifsd_ea_kind kind, const u8 *buf, u32 len,
			 u32 *err_off);
bool kcifsd_ea_list_empty(enum kcifsd_ea_kind kind, const u8 *buf, u32 len);

/* Bytes of one SMB_FEA with these lengths */
static inline u32 kcifsd_ea_fea_size(u32 name_len, u32 value_len)
{
	return 4 + name_len + 1 + value_len;
}

int kcifsd_ea_put_fea(u8 *p, u32 room, const char *name, u8 name_len,
		      const void *value, u16 value_len);
u32 kcifsd_ea_fea_to_full(const u8 *fea, u32 fea_len, u8 *out, u32 room,
			  u32 *len);

/* Storage (user.kcifsd.ea.*) */
bool kcifsd_ea_supported(const struct path *root);
u32 kcifsd_ea_size(const struct path *path);
u32 kcifsd_ea_query(const struct kcifsd_tree *tree, const struct path *path,
		    const u8 *gea, u32 gea_len, u8 *buf, u32 room, u32 *len);
u32 kcifsd_ea_set(const struct kcifsd_tree *tree, const struct path *path,
		  enum kcifsd_ea_kind kind, const u8 *buf, u32 len,
		  u32 *err_off);

#endif /* _KCIFSD_EA_H */
