#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian 12 packages that building and testing kcifsd need,
# only those that are missing. Run as root (CI and the README do).
set -euo pipefail

packages=(
	# build: module against Debian's kernel headers, helper libraries
	gcc make libc6-dev pkg-config kmod
	linux-headers-amd64
	libnl-genl-3-dev libinih-dev nettle-dev
	# static checks: sparse; checkpatch comes with the kernel source
	sparse perl
	# KUnit on User Mode Linux, built from Debian's kernel source
	linux-source-6.1 xz-utils bc flex bison python3
	# the QEMU test guest: Debian's kernel, busybox initramfs, 9p root
	linux-image-amd64 qemu-system-x86 busybox-static cpio e2fsprogs
	util-linux iproute2
	# clients and peers used inside the guest
	smbclient samba samba-testsuite cifs-utils python3-impacket fio rsync
	# getfacl and setfacl for the POSIX ACLs of the UNIX extensions;
	# getfattr and setfattr for the DOS attributes and EAs kept in xattrs
	acl attr
	# SMB Direct tests: soft-RoCE and the kcifs-bench client
	rdma-core libibverbs-dev librdmacm-dev ibverbs-utils rdmacm-utils perftest
	# make bench: the loopback TCP limit and its JSON output
	iperf3 jq
)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all ${#packages[@]} packages present"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages: ${missing[*]}" >&2
	echo "install-deps: run as root to install them" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
