/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * File information in SMB terms: FILETIME and UTIME (MS-CIFS 2.2.1.4),
 * SMB_EXT_FILE_ATTR and SMB_FILE_ATTRIBUTES (2.2.1.2.3, 2.2.1.2.4) from a
 * struct kstat, and the mode bits those attributes stand for. Pure
 * conversions, shared by every command that reports or sets them.
 */
#ifndef _KCIFSD_FILEINFO_H
#define _KCIFSD_FILEINFO_H

#include <linux/stat.h>
#include <linux/time64.h>
#include <linux/types.h>

/* SMB_EXT_FILE_ATTR (MS-CIFS 2.2.1.2.3); the low 6 bits are also
 * SMB_FILE_ATTRIBUTES (2.2.1.2.4)
 */
#define SMB_ATTR_READONLY	0x00000001
#define SMB_ATTR_HIDDEN		0x00000002
#define SMB_ATTR_SYSTEM		0x00000004
#define SMB_ATTR_VOLUME		0x00000008
#define SMB_ATTR_DIRECTORY	0x00000010
#define SMB_ATTR_ARCHIVE	0x00000020
#define SMB_ATTR_NORMAL		0x00000080

/* SMB_FILE_ATTRIBUTES search bits (MS-CIFS 2.2.1.2.4) */
#define SMB_SEARCH_ATTR_READONLY	0x0100
#define SMB_SEARCH_ATTR_HIDDEN		0x0200
#define SMB_SEARCH_ATTR_SYSTEM		0x0400
#define SMB_SEARCH_ATTR_DIRECTORY	0x1000
#define SMB_SEARCH_ATTR_ARCHIVE		0x2000

/**
 * struct kcifsd_times - the four times of a file, as FILETIMEs
 * @create: CreationTime (birth time, or the oldest time known)
 * @access: LastAccessTime
 * @write: LastWriteTime
 * @change: LastChangeTime (the inode change time)
 */
struct kcifsd_times {
	u64 create;
	u64 access;
	u64 write;
	u64 change;
};

u64 kcifsd_filetime(const struct timespec64 *ts);
struct timespec64 kcifsd_filetime_to_ts(u64 ft);
u64 kcifsd_filetime_now(void);
u32 kcifsd_utime(const struct timespec64 *ts);
struct timespec64 kcifsd_utime_to_ts(u32 t);
void kcifsd_stat_times(const struct kstat *st, struct kcifsd_times *t);
u32 kcifsd_stat_attrs(const struct kstat *st);
u64 kcifsd_stat_alloc(const struct kstat *st);
u64 kcifsd_stat_eof(const struct kstat *st);
umode_t kcifsd_attrs_mode(u32 attrs, umode_t mode);

#endif /* _KCIFSD_FILEINFO_H */
