# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# Writes respect file-system freezing (fsfreeze, as snapshots use it): a
# small WRITE_ANDX (through a message buffer) and a large one (socket to
# page cache) to a file opened before its ext4 froze wait until it thaws,
# then complete with the right data (tests/vm/freeze_write.py). Without
# freeze protection the write goes on into the frozen file system (ext4
# warns in its journal code, which the runner's dmesg check catches).

kcifsd_suite_dir freeze || return 0
mnt=$dir/mnt
kcifsd_ext4 "$mnt" 64M
t_cleanup bash -c "fsfreeze -u '$mnt' 2>/dev/null; true"
chown 1000:1000 "$mnt"
kcifsd_conf "[data]" "path = $mnt" "read only = no"
kc user add frosty --uid 1000 --gid 1000 <<< 'Fr0zen-pass' > /dev/null
kcifsd_start

t_check "a small WRITE_ANDX (through a message buffer) waits for the thaw" \
	pyz_run 120 tests/vm/freeze_write.py frosty Fr0zen-pass data "$mnt" 3000
t_check "a large WRITE_ANDX (socket to page cache) waits for the thaw" \
	pyz_run 120 tests/vm/freeze_write.py frosty Fr0zen-pass data "$mnt" 300000
t_check "helper stops" kc stop
