# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Writes respect file-system freezing (fsfreeze, as snapshots use it): a
# small WRITE_ANDX (through a message buffer) and a large one (socket to
# page cache) to a file opened before its ext4 froze wait until it thaws,
# then complete with the right data (tests/vm/freeze_write.py). Without
# freeze protection the write goes on into the frozen file system (ext4
# warns in its journal code, which the runner's dmesg check catches).

K=$PWD/userspace-helper/kcifsctl
dir=$(mktemp -d /var/tmp/kcifsd-freeze.XXXXXX)
mnt=$dir/mnt
t_cleanup rm -rf "$dir"
kc() {
	"$K" -c "$dir/kcifsd.conf" -u "$dir/users.db" "$@"
}

modprobe loop
truncate -s 64M "$dir/disk.img"
mkfs.ext4 -q -F "$dir/disk.img"
mkdir "$mnt"
mount -o loop "$dir/disk.img" "$mnt"
t_cleanup bash -c "fsfreeze -u '$mnt' 2>/dev/null; umount -l '$mnt'; true"
chown 1000:1000 "$mnt"
cat > "$dir/kcifsd.conf" <<EOC
[global]
	tcp port = 445
	netbios port = 0
[data]
	path = $mnt
	read only = no
EOC
kc user add frosty --uid 1000 --gid 1000 <<< 'Fr0zen-pass' > /dev/null
t_cleanup bash -c "'$K' -c '$dir/kcifsd.conf' -u '$dir/users.db' stop 2>/dev/null; true"
t_check "helper starts" kc start

t_check "a small WRITE_ANDX (through a message buffer) waits for the thaw" \
	timeout 120 python3 tests/vm/freeze_write.py frosty Fr0zen-pass data "$mnt" 3000
t_check "a large WRITE_ANDX (socket to page cache) waits for the thaw" \
	timeout 120 python3 tests/vm/freeze_write.py frosty Fr0zen-pass data "$mnt" 300000
t_check "helper stops" kc stop
