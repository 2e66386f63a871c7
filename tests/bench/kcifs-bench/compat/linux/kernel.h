/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _KCIFS_BENCH_COMPAT_KERNEL_H
#define _KCIFS_BENCH_COMPAT_KERNEL_H
#include_next <linux/kernel.h>
#include <linux/types.h>
#include <linux/minmax.h>
#endif
