#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Unpack the guest kernel once so QEMU can boot it directly (PVH entry)
# instead of having the bzImage decompress itself under emulation, which
# costs several seconds per boot under TCG.
#
#   tests/vm/extract-vmlinux.sh KVER     prints the kernel to boot
#
# Prints build/vm/vmlinux-KVER (cached until /boot/vmlinuz-KVER changes),
# or /boot/vmlinuz-KVER itself if that kernel has no PVH entry or its
# payload cannot be unpacked here.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
kver=${1:?usage: $0 KVER}
bzimage=/boot/vmlinuz-$kver
vmlinux=$repo/build/vm/vmlinux-$kver

if [ -s "$vmlinux" ] && [ "$vmlinux" -nt "$bzimage" ]; then
	echo "$vmlinux"
	exit 0
fi
if ! grep -qs '^CONFIG_PVH=y' "/boot/config-$kver"; then
	echo "$bzimage"
	exit 0
fi

# The payload is the first stream of a known compressor inside the
# bzImage; decompressors stop at its end and ignore what follows.
try() {	# MAGIC DECOMPRESS...
	local magic=$1 off
	shift
	off=$(LC_ALL=C grep -obUaP "$magic" "$bzimage" | head -n 1 | cut -d: -f1)
	[ -n "$off" ] || return 1
	tail -c +"$((off + 1))" "$bzimage" | "$@" > "$vmlinux.tmp" 2>/dev/null
	[ "$(head -c 4 "$vmlinux.tmp" | od -An -c | tr -d ' ')" = '177ELF' ]
}

mkdir -p "$(dirname "$vmlinux")"
if try '\xFD7zXZ\x00' xz -dc --single-stream ||
	try '\x28\xB5\x2F\xFD' zstd -dcq ||
	try '\x1F\x8B\x08' gzip -dc; then
	mv "$vmlinux.tmp" "$vmlinux"
	echo "$vmlinux"
else
	rm -f "$vmlinux.tmp"
	echo "$bzimage"
fi
