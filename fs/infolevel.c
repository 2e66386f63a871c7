// SPDX-License-Identifier: GPL-2.0-only
/*
 * Field fillers shared by the information levels; see fs/infolevel.h.
 * Every filler writes little-endian fields at an unaligned pointer the
 * caller has checked has room for them.
 */

#define pr_fmt(fmt) "kcifsd: " fmt

#include <linux/kernel.h>
#include <linux/nls.h>
#include <linux/string.h>
#include <linux/time.h>
#include <asm/unaligned.h>

#include "fs/dosattr.h"
#include "fs/ea.h"
#include "fs/fileinfo.h"
#include "fs/infolevel.h"
#include "fs/ntstatus.h"
#include "fs/vfs.h"

/**
 * kcifsd_info_get() - gather what the levels report about a file
 * @tree: the tree connect
 * @path: the file
 * @info: filled in; @info->delete_pending is left false (only an open
 *	knows it)
 *
 * Return: STATUS_SUCCESS or the status of kcifsd_vfs_getattr().
 */
u32 kcifsd_info_get(const struct kcifsd_tree *tree, const struct path *path,
		    struct kcifsd_info *info)
{
	struct kcifsd_times times;
	struct kcifsd_dosattr da;
	u32 status;

	memset(info, 0, sizeof(*info));
	status = kcifsd_vfs_getattr(tree, path, &info->st);
	if (status)
		return status;
	kcifsd_stat_times(&info->st, &times);
	kcifsd_dosattr_get(path, &info->st, &da);
	info->create = da.create_time;
	info->access = times.access;
	info->write = times.write;
	info->change = da.change_time;
	info->attrs = da.attrs;
	info->eof = kcifsd_stat_eof(&info->st);
	info->alloc = kcifsd_stat_alloc(&info->st);
	info->file_id = info->st.ino;
	info->is_dir = S_ISDIR(info->st.mode);
	/* A directory's ".." links are not names of it: Windows says 1. */
	info->nlink = info->is_dir ? 1 : info->st.nlink;
	info->ea_size = kcifsd_ea_size(path);
	info->path = path;
	return STATUS_SUCCESS;
}

/**
 * kcifsd_put_filetimes() - CreationTime, LastAccessTime, LastWriteTime,
 *	ChangeTime (MS-FSCC 2.4.7 and every level that starts the same)
 * @p: where
 * @info: the file
 *
 * Return: 32.
 */
unsigned int kcifsd_put_filetimes(u8 *p, const struct kcifsd_info *info)
{
	put_unaligned_le64(info->create, p);
	put_unaligned_le64(info->access, p + 8);
	put_unaligned_le64(info->write, p + 16);
	put_unaligned_le64(info->change, p + 24);
	return 32;
}

/**
 * kcifsd_put_basic() - SMB_QUERY_FILE_BASIC_INFO (MS-CIFS 2.2.8.3.6) and
 *	FileBasicInformation (MS-FSCC 2.4.7): the four times,
 *	ExtFileAttributes and 4 reserved bytes
 * @p: where
 * @info: the file
 *
 * Return: 40.
 */
unsigned int kcifsd_put_basic(u8 *p, const struct kcifsd_info *info)
{
	kcifsd_put_filetimes(p, info);
	put_unaligned_le32(info->attrs, p + 32);
	put_unaligned_le32(0, p + 36);
	return 40;
}

/**
 * kcifsd_put_standard() - SMB_QUERY_FILE_STANDARD_INFO (MS-CIFS
 *	2.2.8.3.7) and FileStandardInformation (MS-FSCC 2.4.41):
 *	AllocationSize, EndOfFile, NumberOfLinks, DeletePending, Directory
 * @p: where
 * @info: the file
 *
 * Return: 22; FileStandardInformation adds 2 reserved bytes.
 */
unsigned int kcifsd_put_standard(u8 *p, const struct kcifsd_info *info)
{
	put_unaligned_le64(info->alloc, p);
	put_unaligned_le64(info->eof, p + 8);
	put_unaligned_le32(info->nlink, p + 16);
	p[20] = info->delete_pending;
	p[21] = info->is_dir;
	return 22;
}

/**
 * kcifsd_put_network_open() - FileNetworkOpenInformation (MS-FSCC
 *	2.4.29): the four times, AllocationSize, EndOfFile, FileAttributes,
 *	4 reserved bytes
 * @p: where
 * @info: the file
 *
 * Return: 56.
 */
unsigned int kcifsd_put_network_open(u8 *p, const struct kcifsd_info *info)
{
	kcifsd_put_filetimes(p, info);
	put_unaligned_le64(info->alloc, p + 32);
	put_unaligned_le64(info->eof, p + 40);
	put_unaligned_le32(info->attrs, p + 48);
	put_unaligned_le32(0, p + 52);
	return 56;
}

/**
 * kcifsd_smb_datetime() - a FILETIME as SMB_DATE and SMB_TIME
 *	(MS-CIFS 2.2.1.4.1, 2.2.1.4.2)
 * @filetime: the time
 * @date: year - 1980 (7 bits), month (4), day (5)
 * @time: hours (5), minutes (6), seconds / 2 (5)
 *
 * In the server's local time, the zone NEGOTIATE announced. A time the
 * fields cannot hold (before 1980, after 2107) is 0.
 */
void kcifsd_smb_datetime(u64 filetime, u16 *date, u16 *time)
{
	struct timespec64 ts = kcifsd_filetime_to_ts(filetime);
	struct tm tm;

	time64_to_tm(ts.tv_sec, -(s64)sys_tz.tz_minuteswest * 60, &tm);
	if (!filetime || tm.tm_year < 80 || tm.tm_year > 80 + 127) {
		*date = 0;
		*time = 0;
		return;
	}
	*date = (tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday;
	*time = tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2;
}

/**
 * kcifsd_smb_datetime_to_filetime() - SMB_DATE and SMB_TIME as a FILETIME
 * @date: SMB_DATE
 * @time: SMB_TIME
 *
 * Return: the FILETIME; 0 ("do not change" in the SET levels) when both
 * are 0.
 */
u64 kcifsd_smb_datetime_to_filetime(u16 date, u16 time)
{
	struct timespec64 ts = {};
	unsigned int mon = (date >> 5) & 0xF, day = date & 0x1F;

	if (!date && !time)
		return 0;
	mon = clamp(mon, 1u, 12u);
	day = clamp(day, 1u, 31u);
	ts.tv_sec = mktime64(1980 + (date >> 9), mon, day, min(time >> 11, 23),
			     min((time >> 5) & 0x3F, 59), min((time & 0x1F) * 2, 59));
	ts.tv_sec += (s64)sys_tz.tz_minuteswest * 60;
	return kcifsd_filetime(&ts);
}

/**
 * kcifsd_put_dos_times() - CreationDate/Time, LastAccessDate/Time,
 *	LastWriteDate/Time of the SMB_INFO_STANDARD levels (MS-CIFS
 *	2.2.8.1.1, 2.2.8.3.1)
 * @p: where
 * @info: the file
 *
 * Return: 12.
 */
unsigned int kcifsd_put_dos_times(u8 *p, const struct kcifsd_info *info)
{
	const u64 t[3] = { info->create, info->access, info->write };
	unsigned int i;
	u16 date, time;

	for (i = 0; i < 3; i++) {
		kcifsd_smb_datetime(t[i], &date, &time);
		put_unaligned_le16(date, p + 4 * i);
		put_unaligned_le16(time, p + 4 * i + 2);
	}
	return 12;
}

/**
 * kcifsd_put_info_standard() - the fixed part of SMB_INFO_STANDARD
 *	(MS-CIFS 2.2.8.1.1 without the resume key and name, 2.2.8.3.1):
 *	the DOS times, FileDataSize, AllocationSize and Attributes
 * @p: where
 * @info: the file
 *
 * The 32-bit sizes are clamped: a larger file reports 0xFFFFFFFF.
 *
 * Return: 22.
 */
unsigned int kcifsd_put_info_standard(u8 *p, const struct kcifsd_info *info)
{
	kcifsd_put_dos_times(p, info);
	put_unaligned_le32(min_t(u64, info->eof, U32_MAX), p + 12);
	put_unaligned_le32(min_t(u64, info->alloc, U32_MAX), p + 16);
	/* SMB_FILE_ATTRIBUTES: the low bits of SMB_EXT_FILE_ATTR */
	put_unaligned_le16(info->attrs & 0x3F, p + 20);
	return 22;
}

/*
 * The next code point of a UTF-8 name; a byte that does not start valid
 * UTF-8 (Linux names need not be) becomes U+FFFD.
 */
static unsigned int name_cp(const char *s, unsigned int len, unicode_t *u)
{
	int n = utf8_to_utf32(s, len, u);

	if (n <= 0) {
		*u = 0xFFFD;
		return 1;
	}
	return n;
}

/**
 * kcifsd_name_size() - bytes a name takes on the wire, no terminator
 * @name: UTF-8 (as stored on disk)
 * @len: its length
 * @unicode: UTF-16LE (SMB_FLAGS2_UNICODE) or the OEM form (bytes as
 *	they are)
 *
 * Return: the size.
 */
int kcifsd_name_size(const char *name, unsigned int len, bool unicode)
{
	unsigned int i = 0, size = 0;
	unicode_t u;

	if (!unicode)
		return len;
	while (i < len) {
		i += name_cp(name + i, len - i, &u);
		size += u > 0xFFFF ? 4 : 2;
	}
	return size;
}

/**
 * kcifsd_put_name() - write a name for the wire, no terminator
 * @p: where
 * @room: bytes available there
 * @name: UTF-8
 * @len: its length
 * @unicode: as kcifsd_name_size()
 *
 * Code points past U+FFFF become surrogate pairs (MS-CIFS 2.2.1.1).
 *
 * Return: bytes written, or -ENOSPC if @room is too small.
 */
int kcifsd_put_name(u8 *p, unsigned int room, const char *name,
		    unsigned int len, bool unicode)
{
	unsigned int i = 0, o = 0;
	unicode_t u;

	if (!unicode) {
		if (len > room)
			return -ENOSPC;
		memcpy(p, name, len);
		return len;
	}
	while (i < len) {
		i += name_cp(name + i, len - i, &u);
		if (u > 0xFFFF) {
			if (room - o < 4)
				return -ENOSPC;
			u -= 0x10000;
			put_unaligned_le16(0xD800 | (u >> 10), p + o);
			put_unaligned_le16(0xDC00 | (u & 0x3FF), p + o + 2);
			o += 4;
		} else {
			if (room - o < 2)
				return -ENOSPC;
			put_unaligned_le16(u, p + o);
			o += 2;
		}
	}
	return o;
}
