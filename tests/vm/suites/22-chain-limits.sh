# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# Limits at the edges of 16- and 17-bit fields (tests/vm/chain_limits.py):
# a WRITE_ANDX of 64 KiB - 1, whose ByteCount wraps to 0, is written; a
# WRITE_ANDX -> READ_ANDX asking for 128 KiB - 1 over port 139, where the
# reply is one NetBIOS message of at most 128 KiB - 1, gets a read cut to
# fit, with the file's data; over 445 it gets all of it. The runner's
# dmesg check catches a reply the transport had to refuse (a WARN). READ_RAW
# (no CAP_RAW_MODE) is answered by a zero-length message on both ports
# (tests/vm/read_raw.py).

kcifsd_suite_dir chain || return 0
mkdir -p "$dir/share"
chown 1000:1000 "$dir/share"
kcifsd_conf "netbios port = 139" "[data]" "path = $dir/share" "read only = no"
kc user add chainer --uid 1000 --gid 1000 <<< 'chain-Pa55' > /dev/null
kcifsd_start
t_check "WRITE_ANDX -> READ_ANDX of 128 KiB - 1: cut to the 139 frame, whole on 445" \
	pyz_run 120 tests/vm/chain_limits.py chain chainer chain-Pa55 data
t_check "WRITE_ANDX of 64 KiB - 1 (ByteCount 1 + 0xFFFF wraps to 0) is written" \
	pyz_run 120 tests/vm/chain_limits.py wrapped chainer chain-Pa55 data
t_check "READ_RAW gets a zero-length message (no CAP_RAW_MODE), then READ_ANDX works (port 445)" \
	pyz_run 120 tests/vm/read_raw.py chainer chain-Pa55 data
t_check "READ_RAW gets a zero-length message (no CAP_RAW_MODE), then READ_ANDX works (port 139)" \
	pyz_run 120 tests/vm/read_raw.py chainer chain-Pa55 data netbios
