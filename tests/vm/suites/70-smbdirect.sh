# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# SMB Direct (MS-SMBD) over soft-RoCE: rdma_rxe on a veth pair with
# 198.18.0.1/24, both ends in the initial namespace, kcifs-bench as the
# client. NEGOTIATE and ECHO over rdma://, fragmented messages, small
# and minimal credit settings, 8 parallel connections, keepalives; each
# MS-SMBD violation kcifs-bench can commit is logged with its Windows
# SMBDirect event number and drops only that connection while another
# keeps working; adapter removal and rmmod with RDMA connections open.
#
# smbd_keepalive=2 makes the idle timer testable; session_timeout=0 lets
# ECHO-only connections (no login yet) live longer than two minutes. The
# guest is emulated and shares the host's cores: the server waits 15 s
# for a negotiate request (Windows: 5 s) and kcifs-bench 30 s for
# connecting and negotiating, so a loaded host slows the suite down
# instead of failing it.
#
# kcifsd-params: autostart=1 smbd_keepalive=2 session_timeout=0 smbd_negotiate_timeout=15
# kcifsd-timeout: 2400

params="autostart=1 smbd_keepalive=2 session_timeout=0 smbd_negotiate_timeout=15"
bench=tests/bench/kcifs-bench/kcifs-bench
addr=198.18.0.1
url=rdma://$addr
dev=kcrxe0
veth=kcsmbd0

if ! modprobe rdma_rxe 2> /dev/null; then
	t_skip "SMB Direct" "rdma_rxe (soft-RoCE) is not available in kernel $(uname -r)"
	exit 0
fi
modprobe rdma_ucm

if [ ! -x "$bench" ] && ! make -s -C tests/bench/kcifs-bench > /dev/null; then
	t_fail "kcifs-bench built" "make -C tests/bench/kcifs-bench failed"
	exit 0
fi

# ---- soft-RoCE on a veth pair -------------------------------------------

ip link add "$veth" type veth peer name "${veth}p"
t_cleanup ip link del "$veth"
ip addr add "$addr/24" dev "$veth"
ip link set "$veth" up
ip link set "${veth}p" up
rdma link add "$dev" type rxe netdev "$veth"
t_cleanup bash -c "rdma link delete $dev 2> /dev/null || true"

# The informational events (accept, disconnect, close) are pr_debug.
mount -t debugfs none /sys/kernel/debug 2> /dev/null || true
debug_on() {
	echo 'file smbd_transport.c +p' \
		> /sys/kernel/debug/dynamic_debug/control 2> /dev/null || true
}
debug_on

dmesg_count() {	# PATTERN
	dmesg | grep -Ec -- "$1" || true
}

# Wait until PATTERN appears in the kernel log more than BEFORE times.
wait_dmesg() {	# PATTERN SECONDS [BEFORE]
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		[ "$(dmesg_count "$1")" -gt "${3:-0}" ] && return 0
		sleep 0.1
	done
	return 1
}

K=$PWD/userspace-helper/kcifsctl

wait_until() {	# SECONDS COMMAND...
	local i
	for ((i = 0; i < $1 * 10; i++)); do
		"${@:2}" && return 0
		sleep 0.1
	done
	return 1
}

# An event's counter in "kcifsctl status" (0 before it ever happened).
smbd_count() {	# EVENT
	"$K" status 2> /dev/null |
		awk -v e="$1" '$1 == e && NF > 2 { n = $2 } END { print n + 0 }'
}

count_above() {	# EVENT BEFORE
	[ "$(smbd_count "$1")" -gt "$2" ]
}

t_check "adapter $dev opened (event 9500)" \
	wait_dmesg "smbdirect 9500: opened adapter $dev" 10
t_check "kcifsctl status counts event 9500" count_above 9500 0
t_check "kcifsctl status lists the SMB Direct listener" bash -c \
	"'$K' status | grep -q 'listening:.* smbdirect 445 smbdirect-iwarp 5445'"

kb() {
	timeout 120 "$bench" --timeout 30000 "$@"
}

t_check "NEGOTIATE over $url" bash -c \
	"timeout 60 $bench --timeout 30000 -o negotiate $url | grep -q 'over rdma'"
t_check "ECHO over rdma://, 4 in flight" kb -o echo -t 3 -q 4 "$url"
t_check "16 KiB ECHOs: three fragments each way" \
	kb -o echo -t 3 -q 8 -b 16000 "$url"
t_check "Windows/Linux sizes: 1364-byte messages, 12 fragments per ECHO" \
	kb -o echo -t 3 -q 4 -b 16000 --send-size 1364 --recv-size 1364 "$url"
t_check "three credits each way (two and the spare), 32 in flight" \
	kb -o echo -t 3 -q 32 -b 4000 --credits 3 --credits-requested 3 \
	--send-size 1024 --recv-size 1024 "$url"
t_check "8 parallel connections" kb -o echo -t 5 -q 4 -c 8 "$url"
t_check "idle past the keepalive interval: keepalives answered, still up" \
	kb -o echo -n 10 -l 8 "$url"

# ---- violations: logged with their event number, only that one dropped --

bg_out=$(mktemp)
timeout 800 "$bench" --timeout 30000 -o echo -t 3600 -q 2 -r 20 "$url" > "$bg_out" 2>&1 &
bg=$!
t_cleanup bash -c "kill $bg 2> /dev/null || true"

# The event's counter must move (the kernel log is ratelimited and its
# ring may wrap under a debug flood: the counter is what a test trusts),
# and a log line with the number must be there.
abuse() {	# CASE EVENT
	local out rc=0 before

	before=$(smbd_count "$2")
	out=$(timeout 120 "$bench" --timeout 30000 --abuse "$1" "$url" 2>&1) || rc=$?
	if [ "$rc" -ne 0 ]; then
		t_fail "$1: connection dropped (event $2)" "$out"
		return
	fi
	if ! wait_until 20 count_above "$2" "$before"; then
		t_fail "$1: connection dropped (event $2)" \
			"counter of event $2 stayed at $before; kcifs-bench said: $out
$("$K" status | sed -n '/smbdirect events/,$p')"
	elif ! wait_dmesg "smbdirect $2: " 1; then
		t_fail "$1: connection dropped (event $2)" \
			"no 'smbdirect $2:' in the kernel log; kcifs-bench said: $out"
	else
		t_ok "$1: connection dropped (event $2)"
	fi
}

abuse wrong-version 306
abuse short-negotiate 1001
abuse zero-credits-requested 1001
abuse no-negotiate 353
abuse no-credit 454
abuse last-credit-no-grant 455
abuse no-grant 453
abuse bad-offset 1001
abuse over-max-fragmented 1001
abuse fragment-larger 1002
abuse fragment-smaller 1003
abuse oversized-send 503
abuse no-keepalive-response 1000
abuse disconnect-mid 400

if kill -0 "$bg" 2> /dev/null; then
	t_ok "a well-behaved connection kept working meanwhile"
else
	t_fail "a well-behaved connection kept working meanwhile" \
		"$(cat "$bg_out")"
fi
kill -INT "$bg" 2> /dev/null || true
rc=0
wait "$bg" || rc=$?
t_check "its ECHOs all succeeded" test "$rc" -eq 0
t_check "kernel log lines carry the event number" \
	wait_dmesg 'kcifsd: smbdirect 454: .*protocol violation' 1

# ---- rmmod with RDMA connections open ------------------------------------

timeout 300 "$bench" --timeout 30000 -o echo -t 200 -q 4 -c 4 "$url" > /dev/null 2>&1 &
bg=$!
sleep 6
if timeout 120 rmmod kcifsd; then
	t_ok "rmmod with 4 SMB Direct connections open"
else
	t_fail "rmmod with 4 SMB Direct connections open"
fi
rc=0
wait "$bg" || rc=$?
t_check "the clients saw the connections end" test "$rc" -ne 0
# shellcheck disable=SC2086 # $params is a list of words
t_check "insmod again (for the runner's own rmmod check)" \
	kcifsd_insmod $params
debug_on
t_check "and serves SMB Direct again" kb -o echo -t 2 "$url"

# ---- the adapter goes away with connections open -------------------------
#
# ib_uverbs (the clients' verbs) must be registered before kcifsd: the RDMA
# core removes an adapter's users newest first, and soft-RoCE cannot take
# an adapter away from userspace, so uverbs waits for the clients to exit.
# kcifsd was reloaded above, after rdma_ucm: it is told first, drops its
# connections, and the clients, seeing them end, exit.

timeout 300 "$bench" --timeout 30000 -o echo -t 200 -q 2 -c 2 "$url" > /dev/null 2>&1 &
bg=$!
# Both accepted (event 355), then time to negotiate.
wait_dmesg "smbdirect 355: " 30 "$(($(dmesg_count "smbdirect 355: ") + 1))" ||
	true
sleep 3
if timeout 60 rdma link delete "$dev"; then
	t_ok "rdma link delete with 2 connections open returns"
else
	t_fail "rdma link delete with 2 connections open returns"
fi
t_check "connections told: adapter removed (event 400)" \
	wait_dmesg "smbdirect 400: .*adapter $dev removed" 10
t_check "adapter released" wait_dmesg "SMB Direct adapter $dev released" 10
rc=0
wait "$bg" || rc=$?
t_check "the clients saw the connections end" test "$rc" -ne 0
rdma link add "$dev" type rxe netdev "$veth"
t_check "a new adapter is listened on: ECHO works again" \
	kb -o echo -t 2 "$url"

# ---- files over SMB Direct: login, tree connect, READ_ANDX, WRITE_ANDX ----
#
# Users and shares come from the helper: the module is loaded again
# without autostart and the helper starts the server. READ_ANDX replies go
# out with the page-cache pages in the sends' scatter/gather lists.

# shellcheck source=tests/vm/sessenv.sh
source tests/vm/sessenv.sh
if sessenv_init smbdirect && timeout 120 rmmod kcifsd &&
   kcifsd_insmod smbd_keepalive=2 smbd_negotiate_timeout=15; then
	debug_on
	mkdir -p "$dir/data"
	chown 1000:1000 "$dir/data"
	# The RDMA ports come from [global]: 7445 first, then 445 by reload.
	cat > "$conf" <<CONF
[global]
	tcp port = $port
	netbios port = 0
	smb direct port = 7445
	smb direct iwarp port = 0
CONF
	kc user add alice --uid 1000 --gid 1000 <<< 'secret' > /dev/null
	kc share add data --path "$dir/data" > /dev/null
	t_check "helper starts the server" kc start
	t_check "status: SMB Direct on port 7445 from [global], no iWARP port" \
		bash -c "'$K' status | grep -q 'listening:.* smbdirect 7445 *\$'"
	t_check "smb direct port = 7445: NEGOTIATE over rdma://$addr:7445" \
		kb -o negotiate "rdma://$addr:7445"
	t_check "nothing listens on 445 for SMB Direct then" \
		bash -c "! timeout 30 $bench -o negotiate $url > /dev/null 2>&1"
	sed -i -e 's/smb direct port = 7445/smb direct port = 445/' \
		-e 's/smb direct iwarp port = 0/smb direct iwarp port = 5446/' \
		"$conf"
	t_check "kcifsctl reload moves the listeners" kc reload
	t_check "status: SMB Direct on 445, iWARP on 5446" wait_until 10 bash -c \
		"'$K' status | grep -q 'listening:.* smbdirect 445 smbdirect-iwarp 5446'"
	t_check "port 7445 is closed after the reload" \
		bash -c "! timeout 30 $bench -o negotiate rdma://$addr:7445 > /dev/null 2>&1"
	# iWARP shares the TCP port space: its port cannot be a TCP port.
	sed -i "s/smb direct iwarp port = 5446/smb direct iwarp port = $port/" \
		"$conf"
	kc reload > /dev/null 2>&1 || true
	t_check "an iWARP port equal to the TCP port is refused, with a reason" \
		wait_until 10 kcifsd_dmesg_has \
		"iWARP port $port is also a TCP port of the server"
	t_check "status: the listeners stay as they were" bash -c \
		"'$K' status | grep -q 'listening:.* smbdirect 445 smbdirect-iwarp 5446'"
	sed -i "s/smb direct iwarp port = $port/smb direct iwarp port = 5446/" \
		"$conf"
	furl=rdma://$addr/data/file.bin
	# -n 256 (not -t): the whole 16 MiB is written, which the reads need.
	t_check "NTLMv2 logon, 64 KiB WRITE_ANDX with a pattern, 8 in flight" \
		kb -U alice%secret -o write --create -V -b 64k -s 16m -n 256 "$furl"
	t_check "64 KiB READ_ANDX, pattern checked" \
		kb -U alice%secret -o read -V -b 64k -s 16m -t 4 "$furl"
	t_check "large WRITE_ANDX, as large as MaxFragmentedSize allows" \
		kb -U alice%secret -o write -V -b 1m -s 16m -n 32 "$furl"
	t_check "large READ_ANDX at random offsets, pattern checked" \
		kb -U alice%secret -o read -V -p rand -b 1m -s 16m -n 64 "$furl"
	t_check "4 connections, 1364-byte messages, random 60000-byte reads" \
		kb -U alice%secret -o read -V -p rand -b 60000 -s 16m -t 4 -c 4 \
		--send-size 1364 --recv-size 1364 "$furl"
	t_check "signed session over SMB Direct" \
		kb -U alice%secret --sign -o read -V -b 16k -s 16m -t 3 "$furl"
	t_check "what SMB Direct wrote reads back over TCP" \
		kb -U alice%secret -o read -V -b 64k -s 16m -n 256 \
		"tcp://127.0.0.1:$port/data/file.bin"
	# Issue 7's size: 256 MiB each way with the pattern checked, 512 KiB
	# requests, 8 in flight (about a minute each on rxe under TCG).
	burl=rdma://$addr/data/big.bin
	st0=$("$K" status)
	t_check "256 MiB written over SMB Direct, pattern, 512 KiB WRITE_ANDX" \
		timeout 900 "$bench" --timeout 60000 -U alice%secret -o write \
		--create -V -b 512k -s 256m -n 512 "$burl"
	st1=$("$K" status)
	# The payload goes from the receive buffers into the page cache (one
	# copy), never through a reassembly buffer.
	unstaged() {
		local w s
		w=$(($(written_of "$st1") - $(written_of "$st0")))
		s=$(($(staged_of "$st1") - $(staged_of "$st0")))
		echo "written $w bytes, of which staged $s"
		[ "$w" -ge 268435456 ] && [ "$s" -eq 0 ]
	}
	t_check "SMB Direct writes go from the receive buffers to the page cache unstaged" \
		unstaged
	t_check "signed 64 KiB WRITE_ANDX over SMB Direct (whole for the signature)" \
		kb -U alice%secret --sign -o write -V -b 64k -s 16m -n 64 "$furl"
	t_check "256 MiB read back over SMB Direct, pattern checked" \
		timeout 900 "$bench" --timeout 60000 -U alice%secret -o read \
		-V -b 512k -s 256m -n 512 "$burl"
	t_check "the file is 256 MiB on the server" \
		test "$(stat -c %s "$dir/data/big.bin")" = 268435456
	rm -f "$dir/data/big.bin"
	kc stop > /dev/null 2>&1 || true
else
	t_fail "module reloaded for the helper"
fi
