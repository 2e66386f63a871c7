/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Byte-range lock commands (fs/locking.c): LOCKING_ANDX, LOCK_BYTE_RANGE
 * and UNLOCK_BYTE_RANGE over the lock table of fs/brlock.h, the lock and
 * unlock of LOCK_AND_READ and WRITE_AND_UNLOCK (fs/readwrite.c), and the
 * check reads and writes make against it.
 */
#ifndef _KCIFSD_LOCKING_H
#define _KCIFSD_LOCKING_H

#include <linux/types.h>

#include "fs/brlock.h"
#include "fs/fid.h"
#include "fs/ntstatus.h"

struct kcifsd_smb_req;

/*
 * The most byte-range locks the opens of one connection may hold (and its
 * waiting requests ask for): the per-file limit of fs/brlock.h alone would
 * let a client spread small allocations over as many files as it opens.
 */
#define KCIFSD_CONN_MAX_LOCKS	16384

/* Handlers (fs/dispatch.c command table) */
u32 kcifsd_smb_locking_andx(struct kcifsd_smb_req *req);
u32 kcifsd_smb_lock_byte_range(struct kcifsd_smb_req *req);
u32 kcifsd_smb_unlock_byte_range(struct kcifsd_smb_req *req);

void kcifsd_lock_release_open(struct kcifsd_open *op);
u32 kcifsd_lock_range32(struct kcifsd_smb_req *req, struct kcifsd_open *op,
			u32 offset, u32 count, bool lock);

/**
 * kcifsd_lock_check_io() - may this read or write of an open go ahead?
 * @op: the open
 * @pid: the request's PID (only PIDLow identifies a lock owner)
 * @offset: first byte
 * @length: bytes
 * @write: a write, else a read
 *
 * MS-CIFS 3.3.5.36/3.3.5.37 with MS-FSA 2.1.4.10. One atomic read when
 * the file has no locks.
 *
 * Return: STATUS_SUCCESS or STATUS_FILE_LOCK_CONFLICT.
 */
static inline u32 kcifsd_lock_check_io(struct kcifsd_open *op, u32 pid,
				       u64 offset, u64 length, bool write)
{
	if (op->state &&
	    kcifsd_brl_check_io(kcifsd_share_brl(op->state), op, pid & 0xffff,
				offset, length, write))
		return STATUS_FILE_LOCK_CONFLICT;
	return STATUS_SUCCESS;
}

#endif /* _KCIFSD_LOCKING_H */
