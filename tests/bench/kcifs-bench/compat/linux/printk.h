/* SPDX-License-Identifier: GPL-2.0-only */
/* The protocol logic only declares logging macros; nothing calls them. */
#ifndef _KCIFS_BENCH_COMPAT_PRINTK_H
#define _KCIFS_BENCH_COMPAT_PRINTK_H
#endif
