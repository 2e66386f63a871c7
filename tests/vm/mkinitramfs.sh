#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the test guest's initramfs: busybox plus the few Debian modules
# needed to mount the host's / over virtio-9p with a tmpfs overlay on top.
# Everything else (kmod, bash, smbclient, the module we test) comes from
# that shared root, so the image stays tiny and never needs updating when
# the host gains a package.
#
#   tests/vm/mkinitramfs.sh [KVER]      prints the image's path
#
# The image is cached in build/vm/ and rebuilt only when this script or
# the kernel's modules change.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
script="$repo/tests/vm/mkinitramfs.sh"
kver=${1:-${KVER:-}}
if [ -z "$kver" ]; then
	echo "mkinitramfs: usage: $0 KVER" >&2
	exit 2
fi

out_dir="$repo/build/vm"
image="$out_dir/initramfs-$kver.cpio.gz"
stamp="$image.stamp"
busybox=/bin/busybox	# from busybox-static: no libraries to copy
# virtio_console carries the command output, virtio_rng entropy for crypto.
modules=(virtio_pci 9pnet_virtio 9p overlay virtio_console virtio_rng)

# The module files to load, dependencies first, each once. modprobe
# prints "builtin NAME" for parts built into the kernel: nothing to load.
module_files() {
	local m
	for m in "${modules[@]}"; do
		modprobe -S "$kver" --show-depends "$m"
	done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }'
}

mapfile -t kos < <(module_files)
if [ ${#kos[@]} -eq 0 ]; then
	echo "mkinitramfs: no modules found for $kver (is linux-image-$kver installed?)" >&2
	exit 1
fi
if [ ! -x "$busybox" ]; then
	echo "mkinitramfs: $busybox missing (apt-get install busybox-static)" >&2
	exit 1
fi

# Cache key: this script, the kernel version, busybox and every module
# file (path, size, mtime): a kernel package update changes them.
key=$( { cat "$script"; echo "$kver"; stat -L -c '%n %s %Y' "$busybox" "${kos[@]}"; } |
	sha256sum | cut -d' ' -f1)
if [ -f "$image" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$key" ]; then
	echo "$image"
	exit 0
fi

mkdir -p "$out_dir"
root=$(mktemp -d "$out_dir/initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,dev,proc,sys,lower,rw,newroot,modules}
cp "$busybox" "$root/bin/busybox"

# Modules keep their load order in a list; compressed ones are unpacked
# because busybox insmod only takes plain .ko files.
i=0
for ko in "${kos[@]}"; do
	name=$(printf '%02d-%s' "$i" "$(basename "$ko")")
	case "$ko" in
	*.ko.xz)  xz -dc "$ko" > "$root/modules/${name%.xz}" ;;
	*.ko.zst) zstd -qdc "$ko" > "$root/modules/${name%.zst}" ;;
	*.ko)     cp "$ko" "$root/modules/$name" ;;
	*) echo "mkinitramfs: unsupported module file $ko" >&2; exit 1 ;;
	esac
	i=$((i + 1))
done

# /init: mount the host's / read-only, overlay a tmpfs for writes and
# hand over to the guest-init path given on the kernel command line
# (kcifsd_vm_init=...), so the repo decides what runs, not this image.
cat > "$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin

fail() {
	echo "initramfs: $*"
	exec poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# The image has no /dev/console node (no mknod needed to build it), so
# the kernel started us without stdio: attach it now.
exec </dev/console >/dev/console 2>&1

for ko in /modules/*.ko; do
	insmod "$ko" || fail "insmod $ko failed"
done

init=
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	kcifsd_vm_init=*) init=${arg#kcifsd_vm_init=} ;;
	esac
done
[ -n "$init" ] || fail "no kcifsd_vm_init= on the kernel command line"

# A large msize makes reading binaries and the module over 9p much faster.
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot /lower ||
	fail "cannot mount the host root (9p tag hostroot)"
mount -t tmpfs -o mode=755 tmpfs /rw
mkdir -p /rw/upper /rw/work
mount -t overlay overlay \
	-o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work /newroot ||
	fail "cannot mount the overlay root"

mount --move /proc /newroot/proc
mount --move /sys /newroot/sys
mount --move /dev /newroot/dev
[ -x "/newroot$init" ] || fail "$init is not executable in the guest root"
exec switch_root /newroot "$init"
INIT
chmod 755 "$root/init"

(cd "$root" && find . -print0 | sort -z | cpio --null -o -H newc --quiet) |
	gzip -1 > "$image.tmp"
mv "$image.tmp" "$image"
echo "$key" > "$stamp"
echo "$image"
