// SPDX-License-Identifier: GPL-2.0-only
/*
 * The wire forms of extended attribute lists (fs/ea.h): walking
 * SMB_FEA_LIST, SMB_GEA_LIST and FILE_FULL_EA_INFORMATION with every
 * length checked against the buffer, the EA name rules, and the SMB_FEA
 * encoder. No file system access: fs/ea.c stores what these parse.
 */

#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include "fs/ea.h"
#include "fs/ntstatus.h"

/**
 * kcifsd_ea_iter_init() - start walking a list
 * @it: the iterator
 * @kind: the list's wire form
 * @buf: the list
 * @len: bytes in @buf
 *
 * An SMB_FEA_LIST or SMB_GEA_LIST starts with SizeOfListInBytes, which
 * counts itself and must lie within @len; the entries end there. A FULL
 * list is the whole of @len (0: no entries).
 *
 * Return: STATUS_SUCCESS, or STATUS_EA_LIST_INCONSISTENT for a list
 * header that does not fit.
 */
u32 kcifsd_ea_iter_init(struct kcifsd_ea_iter *it, enum kcifsd_ea_kind kind,
			const u8 *buf, u32 len)
{
	u32 size;

	memset(it, 0, sizeof(*it));
	it->buf = buf;
	it->kind = kind;
	if (kind == KCIFSD_EA_FULL) {
		it->end = len;
		return STATUS_SUCCESS;
	}
	if (len < 4)
		return STATUS_EA_LIST_INCONSISTENT;
	size = get_unaligned_le32(buf);
	if (size < 4 || size > len)
		return STATUS_EA_LIST_INCONSISTENT;
	it->pos = 4;
	it->end = size;
	return STATUS_SUCCESS;
}

/* The name at @p (@n bytes, then a NUL) inside [@p, @p + @room)? */
static bool ea_name_fits(const u8 *p, u32 room, u32 n)
{
	return n + 1 <= room && !p[n];
}

/**
 * kcifsd_ea_next() - the next entry of a list
 * @it: the iterator
 * @ea: filled in with pointers into the list
 *
 * Every entry must lie wholly inside the list, with its name
 * terminated; a FULL entry's NextEntryOffset must step past the entry
 * and stay inside the list (0 ends it).
 *
 * Return: 1 with @ea filled, 0 at the end, -EINVAL for an entry that
 * does not fit (it->pos is then its offset).
 */
int kcifsd_ea_next(struct kcifsd_ea_iter *it, struct kcifsd_ea *ea)
{
	const u8 *p = it->buf + it->pos;
	u32 room = it->end - it->pos, size, next;

	if (it->last || !room)
		return 0;
	memset(ea, 0, sizeof(*ea));
	ea->off = it->pos;
	switch (it->kind) {
	case KCIFSD_EA_FEA:
		if (room < 4)
			return -EINVAL;
		ea->flags = p[0];
		ea->name_len = p[1];
		ea->value_len = get_unaligned_le16(p + 2);
		size = kcifsd_ea_fea_size(ea->name_len, ea->value_len);
		if (size > room || !ea_name_fits(p + 4, room - 4, ea->name_len))
			return -EINVAL;
		ea->name = (const char *)p + 4;
		ea->value = p + 4 + ea->name_len + 1;
		it->pos += size;
		return 1;
	case KCIFSD_EA_GEA:
		ea->name_len = p[0];
		if (!ea_name_fits(p + 1, room - 1, ea->name_len))
			return -EINVAL;
		ea->name = (const char *)p + 1;
		it->pos += 1 + ea->name_len + 1;
		return 1;
	case KCIFSD_EA_FULL:
		if (room < 8)
			return -EINVAL;
		next = get_unaligned_le32(p);
		ea->flags = p[4];
		ea->name_len = p[5];
		ea->value_len = get_unaligned_le16(p + 6);
		size = 8 + ea->name_len + 1 + ea->value_len;
		if (size > room || !ea_name_fits(p + 8, room - 8, ea->name_len))
			return -EINVAL;
		if (next && (next < size || next >= room))
			return -EINVAL;
		ea->name = (const char *)p + 8;
		ea->value = p + 8 + ea->name_len + 1;
		if (next)
			it->pos += next;
		else
			it->last = true;
		return 1;
	}
	return -EINVAL;
}

/**
 * kcifsd_ea_name_valid() - may an EA have this name?
 * @name: the name
 * @len: its length in bytes
 *
 * 1 to KCIFSD_EA_NAME_MAX OEM characters, none a control character or
 * one of the characters Windows refuses in EA names (the FAT-illegal
 * set, as NT answers STATUS_INVALID_EA_NAME for them).
 *
 * Return: true if valid.
 */
bool kcifsd_ea_name_valid(const char *name, unsigned int len)
{
	static const char bad[] = "\"*+,/:;<=>?[\\]|";
	unsigned int i;

	if (!len || len > KCIFSD_EA_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		u8 c = name[i];

		if (c < 0x20 || memchr(bad, c, sizeof(bad) - 1))
			return false;
	}
	return true;
}

/**
 * kcifsd_ea_check_list() - check a list of EAs to set, before any is set
 * @kind: KCIFSD_EA_FEA or KCIFSD_EA_FULL
 * @buf: the list
 * @len: its bytes
 * @err_off: the offset of the entry in error (EaErrorOffset), or 0
 *
 * Nothing is set unless every entry is good (a bad name anywhere leaves
 * the file unchanged, as Windows does).
 *
 * Return: STATUS_SUCCESS, STATUS_EA_LIST_INCONSISTENT (an entry that
 * does not fit), STATUS_INVALID_EA_NAME, STATUS_NOT_SUPPORTED
 * (FILE_NEED_EA: flags are not stored) or STATUS_INVALID_PARAMETER
 * (other flag bits).
 */
u32 kcifsd_ea_check_list(enum kcifsd_ea_kind kind, const u8 *buf, u32 len,
			 u32 *err_off)
{
	struct kcifsd_ea_iter it;
	struct kcifsd_ea ea;
	u32 status;
	int ret;

	*err_off = 0;
	status = kcifsd_ea_iter_init(&it, kind, buf, len);
	if (status)
		return status;
	while ((ret = kcifsd_ea_next(&it, &ea)) > 0) {
		*err_off = ea.off;
		if (!kcifsd_ea_name_valid(ea.name, ea.name_len))
			return STATUS_INVALID_EA_NAME;
		if (ea.flags & KCIFSD_FILE_NEED_EA)
			return STATUS_NOT_SUPPORTED;
		if (ea.flags)
			return STATUS_INVALID_PARAMETER;
	}
	if (ret < 0) {
		*err_off = it.pos;
		return STATUS_EA_LIST_INCONSISTENT;
	}
	*err_off = 0;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_ea_list_empty() - does a list to set hold no entry?
 * @kind: KCIFSD_EA_FEA or KCIFSD_EA_FULL
 * @buf: the list
 * @len: its bytes
 *
 * Return: true for an SMB_FEA_LIST of SizeOfListInBytes 4 or less (or
 * too short to have one), or an empty FULL list.
 */
bool kcifsd_ea_list_empty(enum kcifsd_ea_kind kind, const u8 *buf, u32 len)
{
	if (kind == KCIFSD_EA_FULL)
		return !len;
	return len < 4 || get_unaligned_le32(buf) <= 4;
}

/**
 * kcifsd_ea_put_fea() - one SMB_FEA
 * @p: where
 * @room: bytes available at @p
 * @name: the name
 * @name_len: its length
 * @value: the value
 * @value_len: its length
 *
 * Return: the bytes written, or -ENOSPC.
 */
int kcifsd_ea_put_fea(u8 *p, u32 room, const char *name, u8 name_len,
		      const void *value, u16 value_len)
{
	u32 size = kcifsd_ea_fea_size(name_len, value_len);

	if (size > room)
		return -ENOSPC;
	p[0] = 0;
	p[1] = name_len;
	put_unaligned_le16(value_len, p + 2);
	memcpy(p + 4, name, name_len);
	p[4 + name_len] = 0;
	memcpy(p + 5 + name_len, value, value_len);
	return size;
}

/* FILE_FULL_EA_INFORMATION: NextEntryOffset, Flags, name and value lengths */
#define FULL_EA_HDR	8

/**
 * kcifsd_ea_fea_to_full() - an SMB_FEA_LIST as FILE_FULL_EA_INFORMATION
 * @fea: the list (SizeOfListInBytes first, as kcifsd_ea_query() builds it)
 * @fea_len: bytes at @fea
 * @out: where the entries go (MS-FSCC 2.4.15: each at a 4-byte boundary,
 *	chained by NextEntryOffset, the last one's 0; padding zeroed)
 * @room: bytes at @out
 * @len: out: bytes written, up to the end of the last entry
 *
 * Return: STATUS_SUCCESS, STATUS_NO_EAS_ON_FILE (an empty list),
 * STATUS_BUFFER_OVERFLOW (the entries that fit are written, not all
 * did), STATUS_BUFFER_TOO_SMALL (not even the first fits), or
 * STATUS_EA_LIST_INCONSISTENT for a malformed @fea.
 */
u32 kcifsd_ea_fea_to_full(const u8 *fea, u32 fea_len, u8 *out, u32 room,
			  u32 *len)
{
	u32 start = 0, prev = 0, size, status;
	struct kcifsd_ea_iter it;
	struct kcifsd_ea ea;
	bool any = false;
	int ret;

	*len = 0;
	status = kcifsd_ea_iter_init(&it, KCIFSD_EA_FEA, fea, fea_len);
	if (status)
		return status;
	while ((ret = kcifsd_ea_next(&it, &ea)) > 0) {
		size = FULL_EA_HDR + ea.name_len + 1 + ea.value_len;
		if (any)
			start = ALIGN(*len, 4);
		if (start > room || size > room - start)
			return any ? STATUS_BUFFER_OVERFLOW :
				     STATUS_BUFFER_TOO_SMALL;
		memset(out + *len, 0, start - *len);
		if (any)
			put_unaligned_le32(start - prev, out + prev);
		put_unaligned_le32(0, out + start);
		out[start + 4] = ea.flags;
		out[start + 5] = ea.name_len;
		put_unaligned_le16(ea.value_len, out + start + 6);
		memcpy(out + start + FULL_EA_HDR, ea.name, ea.name_len);
		out[start + FULL_EA_HDR + ea.name_len] = 0;
		memcpy(out + start + FULL_EA_HDR + ea.name_len + 1, ea.value,
		       ea.value_len);
		prev = start;
		*len = start + size;
		any = true;
	}
	if (ret < 0)
		return STATUS_EA_LIST_INCONSISTENT;
	return any ? STATUS_SUCCESS : STATUS_NO_EAS_ON_FILE;
}
