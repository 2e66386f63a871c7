// SPDX-License-Identifier: GPL-2.0-only
/*
 * File information in SMB terms; see fs/fileinfo.h.
 *
 * Attributes: a Linux file has no DOS attribute bits of its own here, so
 * they are derived: DIRECTORY for directories, READONLY when nobody may
 * write it (no write bit at all), ARCHIVE for regular files (what
 * Windows shows for a file changed since its last backup, i.e. nearly
 * every file), and NORMAL when nothing else applies. Setting READONLY
 * clears the write bits, clearing it gives the owner write permission
 * back.
 */

#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/time.h>

#include "fs/fileinfo.h"

/* Seconds from 1601-01-01 to 1970-01-01, and FILETIME ticks per second. */
#define FILETIME_EPOCH_DELTA	11644473600LL
#define FILETIME_TICKS		10000000LL

/**
 * kcifsd_filetime() - a time as FILETIME (MS-CIFS 2.2.1.4.1 / MS-DTYP
 *	2.3.3: 100 ns intervals since 1601-01-01 UTC)
 * @ts: the time
 *
 * Return: the FILETIME; 0 for times before 1601.
 */
u64 kcifsd_filetime(const struct timespec64 *ts)
{
	s64 sec = ts->tv_sec + FILETIME_EPOCH_DELTA;

	if (sec < 0)
		return 0;
	return (u64)sec * FILETIME_TICKS + ts->tv_nsec / 100;
}

/**
 * kcifsd_filetime_to_ts() - a FILETIME as a time
 * @ft: the FILETIME
 *
 * Return: the time.
 */
struct timespec64 kcifsd_filetime_to_ts(u64 ft)
{
	struct timespec64 ts;
	u32 rem;

	ts.tv_sec = div_u64_rem(ft, FILETIME_TICKS, &rem) -
		    FILETIME_EPOCH_DELTA;
	ts.tv_nsec = rem * 100;
	return ts;
}

/**
 * kcifsd_filetime_now() - the current time as a FILETIME
 *
 * Return: the FILETIME.
 */
u64 kcifsd_filetime_now(void)
{
	struct timespec64 ts;

	ktime_get_real_ts64(&ts);
	return kcifsd_filetime(&ts);
}

/**
 * kcifsd_utime() - a time as UTIME (MS-CIFS 2.2.1.4.3)
 * @ts: the time
 *
 * Seconds since 1970-01-01 in the server's local time, the zone the
 * NEGOTIATE response announced (ServerTimeZone, minutes west of UTC),
 * which is how clients read it back. Clamped to the 32-bit range.
 *
 * Return: the UTIME.
 */
u32 kcifsd_utime(const struct timespec64 *ts)
{
	s64 t = ts->tv_sec - (s64)sys_tz.tz_minuteswest * 60;

	return clamp_t(s64, t, 0, U32_MAX);
}

/**
 * kcifsd_utime_to_ts() - a UTIME as a time
 * @t: the UTIME (local time, see kcifsd_utime())
 *
 * Return: the time.
 */
struct timespec64 kcifsd_utime_to_ts(u32 t)
{
	struct timespec64 ts = {
		.tv_sec = (s64)t + (s64)sys_tz.tz_minuteswest * 60,
	};

	return ts;
}

/**
 * kcifsd_stat_times() - the four SMB times of a file
 * @st: its attributes (kcifsd_vfs_getattr())
 * @t: filled in
 *
 * CreationTime is the birth time where the file system keeps one, else
 * the oldest of the other three.
 */
void kcifsd_stat_times(const struct kstat *st, struct kcifsd_times *t)
{
	struct timespec64 born = st->mtime;

	if (st->result_mask & STATX_BTIME) {
		born = st->btime;
	} else {
		if (timespec64_compare(&st->ctime, &born) < 0)
			born = st->ctime;
		if (timespec64_compare(&st->atime, &born) < 0)
			born = st->atime;
	}
	t->create = kcifsd_filetime(&born);
	t->access = kcifsd_filetime(&st->atime);
	t->write = kcifsd_filetime(&st->mtime);
	t->change = kcifsd_filetime(&st->ctime);
}

/**
 * kcifsd_stat_attrs() - SMB_EXT_FILE_ATTR of a file
 * @st: its attributes
 *
 * Return: the attribute bits (see the top of this file).
 */
u32 kcifsd_stat_attrs(const struct kstat *st)
{
	u32 attrs = 0;

	if (S_ISDIR(st->mode))
		attrs |= SMB_ATTR_DIRECTORY;
	else if (S_ISREG(st->mode))
		attrs |= SMB_ATTR_ARCHIVE;
	if (!(st->mode & 0222))
		attrs |= SMB_ATTR_READONLY;
	return attrs ? attrs : SMB_ATTR_NORMAL;
}

/**
 * kcifsd_stat_alloc() - AllocationSize of a file
 * @st: its attributes
 *
 * Return: bytes allocated on disk; 0 for a directory, as Windows reports
 * it (smbtorture raw.open ntcreatex).
 */
u64 kcifsd_stat_alloc(const struct kstat *st)
{
	return S_ISDIR(st->mode) ? 0 : st->blocks << 9;
}

/**
 * kcifsd_stat_eof() - EndOfFile of a file
 * @st: its attributes
 *
 * Return: the size; 0 for a directory, as Windows reports it.
 */
u64 kcifsd_stat_eof(const struct kstat *st)
{
	return S_ISDIR(st->mode) ? 0 : st->size;
}

/**
 * kcifsd_attrs_mode() - permission bits that express SMB attributes
 * @attrs: SMB_ATTR_* asked for
 * @mode: the current (or default) permission bits
 *
 * Return: @mode without write bits for SMB_ATTR_READONLY; with the
 * owner's write bit when READONLY is not asked for but nobody could
 * write.
 */
umode_t kcifsd_attrs_mode(u32 attrs, umode_t mode)
{
	if (attrs & SMB_ATTR_READONLY)
		return mode & ~0222;
	if (!(mode & 0222))
		return mode | 0200;
	return mode;
}
