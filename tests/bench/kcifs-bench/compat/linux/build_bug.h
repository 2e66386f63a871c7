/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _KCIFS_BENCH_COMPAT_BUILD_BUG_H
#define _KCIFS_BENCH_COMPAT_BUILD_BUG_H
#include <assert.h>
#endif
