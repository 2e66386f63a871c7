/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Just enough of the kernel's internal headers for rdma/smbd_*.c (the SMB
 * Direct protocol logic without RDMA calls) to build in userspace, so that
 * kcifs-bench follows exactly the rules the server enforces. The uapi
 * header of the same name comes first, so rdma-core's headers still see
 * the real one.
 */
#ifndef _KCIFS_BENCH_COMPAT_TYPES_H
#define _KCIFS_BENCH_COMPAT_TYPES_H

#include_next <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;

#define __packed	__attribute__((packed))
#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define BIT(n)		(1UL << (n))

#endif
