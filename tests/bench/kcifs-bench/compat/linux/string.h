/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _KCIFS_BENCH_COMPAT_STRING_H
#define _KCIFS_BENCH_COMPAT_STRING_H
#include <string.h>
#endif
