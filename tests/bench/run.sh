#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench: kcifsd against Samba (SMB1) on one boot of the test guest.
#
#   tests/bench/run.sh [--timeout SECONDS]
#
# Builds the module, the helper and kcifs-bench, boots the guest
# (tests/vm/run.sh) and runs tests/bench/guest-bench.sh inside: Samba on
# port 4455 (NT1 only) and kcifsd on 445, each with a share on ext4,
# then kcifs-bench, the cifs client and smbclient against both, and
# iperf3 and a page-cache read as the limits; then SMB Direct on
# soft-RoCE: kcifs-bench over rdma:// and tcp:// against ib_send_bw /
# ib_write_bw on the same rxe device. The tables are printed and
# kept in build/results/bench.txt. See tests/bench/README and
# Documentation/benchmarks.rst; KCIFSD_BENCH_* variables (listed in
# guest-bench.sh) reach the guest.
#
# Needs samba, smbclient, cifs-utils, iperf3, jq, perftest on the host (the guest
# runs the host's programs). Not part of make check.
set -euo pipefail

timeout=1800
while [ $# -gt 0 ]; do
	case "$1" in
	--timeout) timeout=${2:?}; shift 2 ;;
	-h|--help) sed -n '4,20s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "usage: $0 [--timeout SECONDS]" >&2; exit 2 ;;
	esac
done

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

missing=
for p in smbd smbpasswd smbclient mount.cifs jq mkfs.ext4; do
	command -v "$p" >/dev/null || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "bench: missing on this machine:$missing (scripts/install-deps.sh)" >&2
	exit 2
fi
command -v iperf3 >/dev/null ||
	echo "bench: iperf3 is not installed (apt-get install iperf3): no loopback TCP row" >&2

make -s
make -s -C tests/bench/kcifs-bench

mkdir -p build/results
rc=0
tests/vm/run.sh --timeout "$timeout" bash tests/bench/guest-bench.sh || rc=$?
if [ -f build/vm/results/bench.txt ]; then
	cp build/vm/results/bench.txt build/results/bench.txt
	echo "bench: table in build/results/bench.txt"
fi
exit "$rc"
