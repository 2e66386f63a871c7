/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * kcifsd generic-netlink protocol, shared by the kernel module and the
 * userspace helper kcifsctl: both include this one file, so the two sides
 * cannot drift apart.
 */
#ifndef _KCIFSD_NETLINK_H
#define _KCIFSD_NETLINK_H

/* Release version of the module and the helper. */
#define KCIFSD_VERSION		"0.1.0"

#define KCIFSD_GENL_NAME	"kcifsd"
#define KCIFSD_GENL_VERSION	1

#endif /* _KCIFSD_NETLINK_H */
