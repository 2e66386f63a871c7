#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# kcifsd against Samba, on one boot of the test guest (started by
# tests/bench/run.sh; runs as root in the repo, inside the guest).
#
# Sets up, on one ext4 file system in a loop file:
#   Samba smbd, SMB1 only (NT1), port 4455, share "bench" on $mnt/samba
#   kcifsd (module + kcifsctl), port 445 (and 139), share "bench" on
#   $mnt/kcifsd
# with the same user and password, and a 256 MiB file big.bin on each.
# Then measures, server after server for each row:
#   kcifs-bench over tcp:// sequential READ_ANDX / WRITE_ANDX
#   the kernel cifs client (vers=1.0,cache=none, nounix and unix) with dd,
#   O_DIRECT and not
#   smbclient get / put (NT1)
# and the limits: iperf3 over loopback, a page-cache read of the file;
# then metadata rates over a cifs unix mount (tests/bench/guest-meta.sh:
# create, stat, ls -l, unlink; KCIFSD_BENCH_META_FILES files, default
# 2000), in a table of their own.
# A row that cannot run prints "n/a (reason)"; nothing here aborts the
# whole run. The table goes to stdout and /kcifsd-results/bench.txt.
#
# Environment (all optional):
#   KCIFSD_BENCH_SIZE     file size in MiB (default 256)
#   KCIFSD_BENCH_BS       kcifs-bench read block sizes (default "60k 1m")
#   KCIFSD_BENCH_WBS      kcifs-bench write block sizes (default "60k 1m";
#                         kcifs-bench writes more than a 17-bit message
#                         only to a server that offers the UNIX extensions'
#                         LARGE_WRITE capability, as the Linux client does)
#   KCIFSD_BENCH_CIFS_EXT cifs mount variants (default "nounix unix")
#   KCIFSD_BENCH_QD       kcifs-bench requests in flight (default 8)
#   KCIFSD_BENCH_SECONDS  seconds per kcifs-bench run (default 10)
#   KCIFSD_BENCH_RUNS     runs per case; the servers take turns run by
#                         run; the table shows the best and, under the
#                         row, each run's ratio and their median (default 1)
#   KCIFSD_BENCH_RDMA_BS  kcifs-bench block size over SMB Direct (default
#                         1m; the server clamps it to MaxFragmentedSize)
#
# Then SMB Direct, when rdma_rxe loads: soft-RoCE on a veth (198.18.0.1),
# kcifs-bench over rdma:// against kcifsd's same share, the same file over
# tcp:// to the same address with the same block size, and ib_send_bw /
# ib_write_bw (perftest) on the same rxe device with messages as large as
# the ones SMB Direct negotiated (the limit: SMB1 moves all data in sends).
#
#   KCIFSD_BENCH_ONLY     the parts to run (default all): any of
#                         "kcifs-bench cifs smbclient limits meta rdma",
#                         e.g. KCIFSD_BENCH_ONLY=cifs for the dd rows only
set -uo pipefail

size_mb=${KCIFSD_BENCH_SIZE:-256}
bss=${KCIFSD_BENCH_BS:-60k 1m}
wbss=${KCIFSD_BENCH_WBS:-60k 1m}
qd=${KCIFSD_BENCH_QD:-8}
secs=${KCIFSD_BENCH_SECONDS:-10}
runs=${KCIFSD_BENCH_RUNS:-1}
rdma_bs=${KCIFSD_BENCH_RDMA_BS:-1m}
only=${KCIFSD_BENCH_ONLY:-}
want() {	# PART: is this part of the benchmark to run?
	[ -z "$only" ] || [[ " $only " == *" $1 "* ]]
}
raddr=198.18.0.1
rveth=kcbench0
rdev=kcbrxe0

repo=$PWD
K=$repo/userspace-helper/kcifsctl
B=$repo/tests/bench/kcifs-bench/kcifs-bench
user=kbench
pass=Bench-pw1
results=/kcifsd-results
out=$results/bench.txt
[ -d "$results" ] && [ -w "$results" ] || out=/dev/null

say() {
	echo "guest-bench: $*" >&2
}

dir=$(mktemp -d /var/tmp/kcifsd-bench.XXXXXX)
chmod 755 "$dir"	# Samba enters the share as the user
mnt=$dir/fs
smbdir=$dir/samba
conf=$dir/kcifsd.conf
users=$dir/users.db

cleanup() {
	umount "$dir"/m-* 2>/dev/null
	[ -x "$K" ] && "$K" -c "$conf" -u "$users" stop >/dev/null 2>&1
	[ -f "$smbdir/pid/smbd.pid" ] && kill "$(cat "$smbdir/pid/smbd.pid")" 2>/dev/null
	[ -n "${iperf_pid:-}" ] && kill "$iperf_pid" 2>/dev/null
	sleep 1
	rdma link delete "$rdev" 2>/dev/null
	ip link del "$rveth" 2>/dev/null
	mountpoint -q "$mnt" && umount -l "$mnt"
	rm -rf "$dir"
}
trap cleanup EXIT

for f in "$K" "$B" "$repo/kcifsd.ko"; do
	if [ ! -x "$f" ] && [ ! -f "$f" ]; then
		say "$f is missing: run make and make -C tests/bench/kcifs-bench"
		exit 2
	fi
done

# --- results ---
declare -A R	# R[row,samba] R[row,kcifsd] R[row,local]: MB/s or "n/a (why)"
declare -a ROWS
declare -A NOTE

declare -A ALL	# ALL[row,server]: every run's value, "|"-separated, in run order

# record ROW SERVER VALUE [low]: keep the best number of several runs
# (the highest; with "low", the lowest) and every run's, for the ratios
# run by run.
record() {
	local key="$1,$2" old=${R["$1,$2"]:-} better='a > b'
	[ "${4:-}" = low ] && better='a < b'
	case " ${ROWS[*]:-} " in
	*" $1 "*) ;;
	*) ROWS+=("$1") ;;
	esac
	ALL[$key]+="${ALL[$key]+|}$3"
	if [[ $3 =~ ^[0-9.]+$ ]] && { [ -z "$old" ] || [[ ! $old =~ ^[0-9.]+$ ]] ||
		awk -v a="$3" -v b="$old" "BEGIN { exit !($better) }"; }; then
		R[$key]=$3
	elif [ -z "$old" ]; then
		R[$key]=$3
	fi
	say "$1 $2: $3"
}

# MB/s (10^6 bytes) from dd's last line: "N bytes (...) copied, S s, ..."
dd_mbps() {	# DD ARGS... ; prints MB/s or "n/a (why)"
	local log rc=0
	log=$(LC_ALL=C timeout 300 dd "$@" 2>&1) || rc=$?
	if [ $rc -ne 0 ]; then
		echo "n/a (dd: $(tail -n 1 <<< "$log" | cut -c1-60))"
		return
	fi
	tail -n 1 <<< "$log" | awk '{ b = $1; for (i = 1; i <= NF; i++)
		if ($i == "s," || $(i) == "s") s = $(i - 1);
		sub(",", "", s); if (s > 0) printf "%.1f\n", b / s / 1e6;
		else print "n/a (dd: no time)" }'
}

# --- the file system, the user ---
modprobe loop
truncate -s $((size_mb * 6 + 512))M "$dir/disk.img"
mkfs.ext4 -q -F "$dir/disk.img"
mkdir -p "$mnt"
# discard: blocks of removed files leave the tmpfs behind the loop file.
mount -o loop,discard "$dir/disk.img" "$mnt" || { say "cannot mount the ext4 loop file"; exit 1; }
if ! getent passwd "$user" >/dev/null; then
	groupadd -g 4242 "$user" 2>/dev/null
	useradd -M -N -u 4242 -g 4242 -d /nonexistent -s /usr/sbin/nologin "$user"
fi
uid=$(id -u "$user")
gid=$(id -g "$user")
mkdir -p "$mnt/samba" "$mnt/kcifsd"
say "writing ${size_mb} MiB files"
for s in samba kcifsd; do
	dd if=/dev/zero of="$mnt/$s/big.bin" bs=1M count="$size_mb" status=none
done
chown -R "$uid:$gid" "$mnt/samba" "$mnt/kcifsd"
sync
# In the page cache for the reads (the guest has the memory).
cat "$mnt/samba/big.bin" "$mnt/kcifsd/big.bin" > /dev/null

# --- Samba ---
mkdir -p "$smbdir"/{private,lock,state,cache,pid,ncalrpc,log}
cat > "$smbdir/smb.conf" <<CONF
[global]
	smb ports = 4455
	interfaces = 127.0.0.1
	bind interfaces only = yes
	disable netbios = yes
	server min protocol = NT1
	server max protocol = NT1
	ntlm auth = yes
	passdb backend = tdbsam:$smbdir/private/passdb.tdb
	private dir = $smbdir/private
	lock directory = $smbdir/lock
	state directory = $smbdir/state
	cache directory = $smbdir/cache
	pid directory = $smbdir/pid
	ncalrpc dir = $smbdir/ncalrpc
	log file = $smbdir/log/%m.log
	log level = 0
	load printers = no
	printing = bsd
	printcap name = /dev/null
[bench]
	path = $mnt/samba
	read only = no
CONF
samba_ok=1
if ! printf '%s\n%s\n' "$pass" "$pass" |
	smbpasswd -c "$smbdir/smb.conf" -s -a "$user" >/dev/null; then
	say "smbpasswd failed"; samba_ok=0
elif ! smbd -s "$smbdir/smb.conf" -D; then
	say "smbd does not start"; samba_ok=0
fi

# --- kcifsd ---
kcifsd_ok=1
# shellcheck source=../vm/lib.sh
. "$repo/tests/vm/lib.sh"
# The emulated guest shares the host's cores: SMB Direct connections get
# 15 s to negotiate, not 5.
if ! kcifsd_insmod smbd_negotiate_timeout=15; then
	say "insmod kcifsd.ko failed"; kcifsd_ok=0
fi
cat > "$conf" <<CONF
[global]
	tcp port = 445
CONF
kc() {
	"$K" -c "$conf" -u "$users" "$@"
}
if [ $kcifsd_ok = 1 ]; then
	kc user add "$user" --uid "$uid" --gid "$gid" <<< "$pass" >/dev/null &&
		kc share add bench --path "$mnt/kcifsd" >/dev/null &&
		kc start >/dev/null || { say "kcifsctl could not start the server"; kcifsd_ok=0; }
fi

# Wait for both to listen.
for _ in $(seq 50); do
	ss -ltn | grep -q ':4455 ' && ss -ltn | grep -q ':445 ' && break
	sleep 0.2
done
ss -ltn | grep -q ':4455 ' || { [ $samba_ok = 1 ] && say "smbd is not listening on 4455"; samba_ok=0; }
ss -ltn | grep -q ':445 ' || { [ $kcifsd_ok = 1 ] && say "kcifsd is not listening on 445"; kcifsd_ok=0; }

port_of() {
	case $1 in samba) echo 4455 ;; kcifsd) echo 445 ;; esac
}
up() {
	case $1 in samba) [ $samba_ok = 1 ] ;; kcifsd) [ $kcifsd_ok = 1 ] ;; esac
}

# --- kcifs-bench ---
bench_url() {	# SHARE_URL OP BS FILE [EXTRA...]
	local url=$1 op=$2 bs=$3 file=$4 json rc=0
	shift 4
	json=$(timeout $((secs + 120)) "$B" -j -U "$user%$pass" -o "$op" -p seq \
		-b "$bs" -q "$qd" -t "$secs" -s "${size_mb}m" "$@" \
		"$url/$file" 2>"$dir/bench.err") || rc=$?
	if [ $rc -ne 0 ] || ! jq -e . >/dev/null 2>&1 <<< "$json"; then
		echo "n/a (kcifs-bench: $(tail -n 1 "$dir/bench.err" |
			sed 's/^kcifs-bench: //; s/^connection 0: //'))"
		return
	fi
	if [ "$(jq -r .errors <<< "$json")" != 0 ]; then
		echo "n/a ($(jq -r .errors <<< "$json") errors)"
		return
	fi
	# The block size used (the server may have clamped ours).
	jq -r .block_size <<< "$json" > "$dir/bs.used"
	jq -r '.mb_per_s' <<< "$json"
}

bench() {	# SERVER OP BS FILE [EXTRA...]
	local s=$1
	shift
	bench_url "tcp://127.0.0.1:$(port_of "$s")/bench" "$@"
}

for op in read write; do
	want kcifs-bench || break
	sizes=$bss
	[ $op = write ] && sizes=$wbss
	for bs in $sizes; do
		row="kcifs-bench $op seq bs=$bs qd=$qd"
		file=big.bin
		extra=()
		[ $op = write ] && { file=w.bin; extra=(--create); }
		for _ in $(seq "$runs"); do
			for s in samba kcifsd; do
				if up $s; then
					rm -f "$dir/bs.used"
					record "$row" $s "$(bench $s $op "$bs" $file "${extra[@]}")"
					[ -s "$dir/bs.used" ] && NOTE[$row,$s]="bs $(cat "$dir/bs.used")"
				else
					record "$row" $s "n/a (server not running)"
				fi
			done
		done
		rm -f "$mnt"/*/w.bin
	done
done

# kcifsd's count of write-through writes and flushes, "W F".
wsync_now() {	# "W F" now (tests/vm/lib.sh wsync_of())
	wsync_of "$(kc status 2>/dev/null)"
}
wsync_delta() {	# "W F" before: "w/f" since then
	local w0 f0 w1 f1
	read -r w0 f0 <<< "$1"
	read -r w1 f1 <<< "$(wsync_now)"
	[ -n "$w0" ] && [ -n "$w1" ] && echo "wt $((w1 - w0))/$((f1 - f0))fl"
}

# --- the kernel cifs client ---
# With and without the CIFS UNIX extensions, the same options for both
# servers. They set the client's I/O size: 1 MiB with the extensions'
# LARGE_READ/WRITE capabilities, else 60 KiB reads and 64 KiB writes.
# O_DIRECT opens send FILE_NO_INTERMEDIATE_BUFFERING, which MS-CIFS makes
# write-through (kcifsd flushes before it answers, Samba does not): the
# write without O_DIRECT (cache=none still sends every write at once, in
# the same requests) shows the two servers on equal terms.
modprobe cifs 2>/dev/null
for ext in ${KCIFSD_BENCH_CIFS_EXT:-nounix unix}; do
	want cifs || break
	rrow="cifs mount dd read  ($ext, O_DIRECT 1M)"
	wrow="cifs mount dd write ($ext, O_DIRECT 1M)"
	brow="cifs mount dd write ($ext, 1M, not O_DIRECT)"
	# Both servers mounted, then run after run one server and the other:
	# a slow spell of the shared host falls on both, not on one.
	live=()
	for s in samba kcifsd; do
		m=$dir/m-$s
		mkdir -p "$m"
		if ! up $s; then
			for row in "$rrow" "$wrow" "$brow"; do
				record "$row" $s "n/a (server not running)"
			done
			continue
		fi
		if ! merr=$(timeout 60 mount -t cifs "//127.0.0.1/bench" "$m" -o \
			"vers=1.0,cache=none,$ext,port=$(port_of $s),username=$user,password=$pass,uid=0,gid=0" 2>&1); then
			for row in "$rrow" "$wrow" "$brow"; do
				record "$row" $s "n/a (mount: $(tail -n 1 <<< "$merr" | cut -c1-50))"
			done
			continue
		fi
		live+=("$s")
		opts=$(awk -v m="$m" '$2 == m { print $4 }' /proc/mounts)
		rs=$(grep -o 'rsize=[0-9]*' <<< "$opts")
		ws=$(grep -o 'wsize=[0-9]*' <<< "$opts")
		un=$(grep -qw unix <<< "${opts//,/ }" && echo unix || echo nounix)
		NOTE[$rrow,$s]="$un $rs"
		NOTE[$wrow,$s]="$un $ws"
		NOTE[$brow,$s]="$un $ws"
	done
	wsync0=$(wsync_now)
	for _ in $(seq "$runs"); do
		for s in "${live[@]}"; do
			m=$dir/m-$s
			record "$rrow" $s "$(dd_mbps if="$m/big.bin" of=/dev/null bs=1M iflag=direct)"
			record "$wrow" $s "$(dd_mbps if=/dev/zero of="$m/d.bin" bs=1M count="$size_mb" oflag=direct)"
			rm -f "$m/d.bin"
			record "$brow" $s "$(dd_mbps if=/dev/zero of="$m/d.bin" bs=1M count="$size_mb")"
			rm -f "$m/d.bin"
		done
	done
	for s in "${live[@]}"; do
		# kcifsd: how many flushes its write-through writes shared.
		[ $s = kcifsd ] && NOTE[$wrow,$s]+=" $(wsync_delta "$wsync0")"
		umount "$dir/m-$s" 2>/dev/null || umount -l "$dir/m-$s"
	done
done

# --- smbclient ---
smbc_time() {	# SERVER COMMAND: prints MB/s or "n/a (why)"
	local s=$1 cmd=$2 t0 t1 log rc=0
	t0=$(date +%s.%N)
	log=$(timeout 300 smbclient //127.0.0.1/bench -p "$(port_of "$s")" \
		-U "$user%$pass" --option='client min protocol=NT1' \
		--option='client max protocol=NT1' -c "$cmd" 2>&1) || rc=$?
	t1=$(date +%s.%N)
	if [ $rc -ne 0 ] || grep -q NT_STATUS_ <<< "$log"; then
		echo "n/a (smbclient: $(grep -m1 -o 'NT_STATUS_[A-Z_]*' <<< "$log" ||
			tail -n 1 <<< "$log" | cut -c1-50))"
		return
	fi
	awk -v a="$t0" -v b="$t1" -v n="$size_mb" \
		'BEGIN { printf "%.1f\n", n * 1048576 / (b - a) / 1e6 }'
}
for _ in $(seq "$runs"); do
	want smbclient || break
	for s in samba kcifsd; do
		grow="smbclient get (NT1, incl. logon)"
		prow="smbclient put (NT1, incl. logon)"
		if ! up $s; then
			record "$grow" $s "n/a (server not running)"
			record "$prow" $s "n/a (server not running)"
			continue
		fi
		record "$grow" $s "$(smbc_time $s 'get big.bin /dev/null')"
		record "$prow" $s "$(smbc_time $s "put $mnt/$s/big.bin p.bin")"
		rm -f "$mnt/$s/p.bin"
	done
done

# --- the limits ---
lrow="loopback TCP (iperf3, 1 stream)"
crow="page-cache read (dd, cached file)"
if ! want limits; then
	:
elif command -v iperf3 >/dev/null; then
	iperf3 -s -1 -p 5201 >/dev/null 2>&1 &
	iperf_pid=$!
	sleep 1
	for _ in $(seq "$runs"); do
		v=$(timeout 60 iperf3 -c 127.0.0.1 -p 5201 -t "$secs" -J 2>/dev/null |
			jq -r '.end.sum_received.bits_per_second / 8e6 | . * 10 | floor / 10' 2>/dev/null)
		[[ $v =~ ^[0-9.]+$ ]] || v="n/a (iperf3 failed)"
		record "$lrow" local "$v"
		iperf3 -s -1 -p 5201 >/dev/null 2>&1 &
		iperf_pid=$!
		sleep 1
	done
	kill "$iperf_pid" 2>/dev/null
	iperf_pid=
else
	record "$lrow" local "n/a (iperf3 not installed: apt-get install iperf3)"
fi
wcrow="page-cache write (dd, local, not flushed)"
for _ in $(seq "$runs"); do
	want limits || break
	record "$crow" local "$(dd_mbps if="$mnt/kcifsd/big.bin" of=/dev/null bs=1M)"
	record "$wcrow" local "$(dd_mbps if=/dev/zero of="$mnt/local.bin" bs=1M count="$size_mb")"
	rm -f "$mnt/local.bin"
done

# --- SMB Direct on soft-RoCE ---
#
# Rows "rdma:..." go to their own table. Server "rdma" is kcifs-bench over
# rdma://, "tcp" the same over tcp:// to the same address, "local" the
# perftest limits.

# MB/s of one perftest run on $rdev (server and client on the one device).
perftest_mbps() {	# TOOL BYTES
	local tool=$1 bytes=$2 out srv rc=0
	"$tool" -d "$rdev" -s "$bytes" -D "$secs" -F -p 18515 \
		> "$dir/perftest.srv" 2>&1 &
	srv=$!
	for _ in $(seq 150); do
		ss -ltn | grep -q ':18515 ' && break
		sleep 0.2
	done
	out=$(timeout $((secs + 60)) "$tool" -d "$rdev" -s "$bytes" -D "$secs" \
		-F -p 18515 "$raddr" 2>&1) || rc=$?
	wait "$srv" 2>/dev/null
	[ -d "$results" ] && [ -w "$results" ] &&
		printf '%s\n' "$out" > "$results/$tool.txt"
	# "#bytes #iterations BW peak[MB/sec] BW average[MB/sec] MsgRate[Mpps]",
	# perftest's MB being 2^20 bytes.
	out=$(awk -v b="$bytes" '$1 == b && NF >= 5 && $4 ~ /^[0-9.]+$/ {
		printf "%.2f\n", $4 * 1.048576 }' <<< "$out")
	if [ $rc -ne 0 ] || [ -z "$out" ]; then
		echo "n/a ($tool failed: $(tail -n 1 "$dir/perftest.srv" | cut -c1-50))"
		return
	fi
	echo "$out"
}

rdma_ok=0
rdma_why=
if ! want rdma; then
	rdma_why="not asked for (KCIFSD_BENCH_ONLY=$only)"
elif [ $kcifsd_ok != 1 ]; then
	rdma_why="kcifsd not running"
elif ! modprobe rdma_rxe 2>/dev/null || ! modprobe rdma_ucm 2>/dev/null; then
	rdma_why="rdma_rxe not available in $(uname -r)"
elif ! command -v ib_send_bw >/dev/null || ! command -v rdma >/dev/null; then
	rdma_why="perftest (ib_send_bw) or iproute2's rdma missing"
elif ip link add "$rveth" type veth peer name "${rveth}p" &&
	ip addr add "$raddr/24" dev "$rveth" && ip link set "$rveth" up &&
	ip link set "${rveth}p" up &&
	rdma link add "$rdev" type rxe netdev "$rveth"; then
	rdma_ok=1
	# The new adapter reaches kcifsd's listener at once; give it a moment.
	for _ in $(seq 50); do
		timeout 60 "$B" --timeout 30000 -o negotiate "rdma://$raddr" \
			>/dev/null 2>&1 && break
		sleep 0.2
	done
else
	rdma_why="cannot set up soft-RoCE on a veth"
fi
# SMB Direct moves every byte in sends of at most MaxSendSize: both sides
# offer 8192 by default (smbd_max_send_size, kcifs-bench --send-size).
msg=$(cat /sys/module/kcifsd/parameters/smbd_max_send_size 2>/dev/null || echo 8192)
[ "$msg" -gt 8192 ] && msg=8192
rbs_used=$rdma_bs
for op in read write; do
	row="rdma:kcifs-bench $op seq bs=$rdma_bs qd=$qd"
	file=big.bin
	extra=()
	[ $op = write ] && { file=w.bin; extra=(--create); }
	for _ in $(seq "$runs"); do
		if [ $rdma_ok != 1 ]; then
			record "$row" rdma "n/a ($rdma_why)"
			continue
		fi
		rm -f "$dir/bs.used"
		record "$row" rdma "$(bench_url "rdma://$raddr/bench" $op "$rdma_bs" $file \
			--timeout 30000 "${extra[@]}")"
		# The same requests over TCP: the block size the server allowed.
		[ -s "$dir/bs.used" ] && rbs_used=$(cat "$dir/bs.used")
		NOTE[$row,rdma]="bs $rbs_used"
		record "$row" tcp "$(bench_url "tcp://$raddr:445/bench" $op "$rbs_used" $file "${extra[@]}")"
	done
	rm -f "$mnt"/kcifsd/w.bin
done
for tool in ib_send_bw ib_write_bw; do
	row="rdma:$tool -s $msg (the same rxe device)"
	for _ in $(seq "$runs"); do
		if [ $rdma_ok = 1 ]; then
			record "$row" local "$(perftest_mbps $tool "$msg")"
		else
			record "$row" local "n/a ($rdma_why)"
		fi
	done
done

# --- metadata: create, stat, ls -l, unlink (tests/bench/guest-meta.sh) ---
# shellcheck source=guest-meta.sh
. "$repo/tests/bench/guest-meta.sh"
want meta && meta_rows

# --- the table ---
isnum() {
	[[ $1 =~ ^[0-9.]+$ ]]
}
ratio() {	# A B: A/B as "1.23x" or "-"
	if isnum "$1" && isnum "$2" && awk -v b="$2" 'BEGIN { exit !(b > 0) }'; then
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'
	else
		echo "-"
	fi
}
# The ratio of each run (the servers take turns, run by run) and their
# median: how far one best-of-N ratio can be trusted. Empty for one run.
run_ratios() {	# ROW [low]
	local -a sv kv rs=()
	local i r
	IFS='|' read -ra sv <<< "${ALL["$1,samba"]:-}"
	IFS='|' read -ra kv <<< "${ALL["$1,kcifsd"]:-}"
	[ ${#sv[@]} -gt 1 ] || return 0
	for i in "${!sv[@]}"; do
		if [ "${2:-}" = low ]; then
			r=$(ratio "${sv[i]}" "${kv[i]:-}")
		else
			r=$(ratio "${kv[i]:-}" "${sv[i]}")
		fi
		[ "$r" = - ] || rs+=("${r%x}")
	done
	[ ${#rs[@]} -gt 0 ] || return 0
	printf '%s\n' "${rs[@]}" | sort -g | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "k/Samba run by run (low to high): "
		for (i = 1; i <= NR; i++) printf "%.2fx ", v[i]
		printf "- median %.2fx\n", m }'
}
tcp=${R["$lrow,local"]:-}
# A cell that is not a number (why a row could not run) becomes a
# footnote mark; the footnotes follow the table.
declare -a FOOT
foot_cell() {	# VAR [WHO]: VAR's value, or its footnote ("WHO: why")
	local -n v=$1
	isnum "$v" && return 0
	FOOT+=("${2:+$2: }$v")
	v="n/a [${#FOOT[@]}]"
}
local_row() {	# ROW NAME: print the limit ROW, measured alone, if it is one
	local lv=${R["$1,local"]:-}
	[ -n "$lv" ] || return 1
	foot_cell lv
	printf '%-58s %s\n' "$2" "$lv"
}
{
	echo "kcifsd vs Samba $(smbd -V 2>/dev/null | awk '{ print $2 }') (SMB1, NT1), $(uname -r), $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "file ${size_mb} MiB in the page cache, ext4 on a loop file; loopback TCP; MB/s = 10^6 bytes/s; best of $runs"
	echo
	[ "$only" = rdma ] ||
		printf '%-58s %-22s %-22s %-8s %s\n' "row" "Samba MB/s" "kcifsd MB/s" "k/Samba" "k/TCP"
	for row in "${ROWS[@]}"; do
		case $row in rdma:*|meta:*) continue ;; esac
		local_row "$row" "$row" && continue
		sv=${R["$row,samba"]:-n/a (not run)}
		kv=${R["$row,kcifsd"]:-n/a (not run)}
		kt="-"
		case $row in *read*|*get*) kt=$(ratio "$kv" "$tcp") ;; esac
		rt=$(ratio "$kv" "$sv")
		foot_cell sv Samba
		foot_cell kv kcifsd
		printf '%-58s %-22s %-22s %-8s %s\n' "$row" "$sv" "$kv" "$rt" "$kt"
		n1=${NOTE["$row,samba"]:-} n2=${NOTE["$row,kcifsd"]:-}
		if [ -n "$n1$n2" ]; then
			printf '%-58s %-22s %-22s\n' "" "(${n1:--})" "(${n2:--})"
		fi
		rr=$(run_ratios "$row")
		[ -z "$rr" ] || printf '%-58s %s\n' "" "$rr"
	done
	want meta && meta_table
	if want rdma; then
		echo
		echo "SMB Direct: soft-RoCE (rdma_rxe) on a veth, $raddr; SMB Direct messages of $msg bytes"
		printf '%-58s %-22s %-22s %-8s %s\n' "row" "rdma:// MB/s" "tcp:// MB/s" "r/send" "r/tcp"
		send=${R["rdma:ib_send_bw -s $msg (the same rxe device),local"]:-}
		for row in "${ROWS[@]}"; do
			case $row in rdma:*) ;; *) continue ;; esac
			name=${row#rdma:}
			local_row "$row" "$name" && continue
			rv=${R["$row,rdma"]:-n/a (not run)}
			tv=${R["$row,tcp"]:-n/a (not run)}
			rs=$(ratio "$rv" "$send")
			rt=$(ratio "$rv" "$tv")
			foot_cell rv rdma
			foot_cell tv tcp
			printf '%-58s %-22s %-22s %-8s %s\n' "$name" "$rv" "$tv" "$rs" "$rt"
			n1=${NOTE["$row,rdma"]:-}
			[ -n "$n1" ] && printf '%-58s %-22s\n' "" "($n1)"
		done
	fi
	for i in "${!FOOT[@]}"; do
		echo "[$((i + 1))] ${FOOT[$i]}"
	done
	echo
	echo "targets: kcifsd read >= 2x Samba and >= 0.85x loopback TCP; write >= 2x Samba;"
	echo "         SMB Direct >= 0.8x ib_send_bw at the same message size"
} | tee "$out"
exit 0
