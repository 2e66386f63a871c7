# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Transport checks: Direct TCP on 445 and the NetBIOS session service on
# 139, framing errors, limits, MaxMpxCount backpressure, timeouts, and
# rmmod with connections open. Raw sockets on loopback only, driven by
# tests/vm/transport.py; every step has a timeout.
#
# kcifsd-params: autostart=1 max_connections_per_peer=512
# kcifsd-timeout: 900

params="autostart=1 max_connections_per_peer=512"

tp() {
	pyz_run 180 tests/vm/transport.py "$@"
}

# Reload the module with other parameters; the suite ends with the ones
# the runner loaded, so its own unload check still applies.
reload() {
	timeout 120 rmmod kcifsd && kcifsd_insmod "$@"
}
# shellcheck disable=SC2086 # $params is a list of words
t_cleanup bash -c "source tests/vm/lib.sh; grep -q '^kcifsd ' /proc/modules || kcifsd_insmod $params"

t_check "445: NEGOTIATE and ECHO answered" tp echo445
t_check "139: session request accepted, ECHO answered" tp echo139
t_check "139: malformed or non-server session request refused, closed" tp nbt-refused
t_check "139: keepalives ignored, before and after the session request" tp keepalive
t_check "139: session message before the session request closes" tp nbt-message-first
t_check "139: second session request closes" tp nbt-second-request
t_check "bad framing (445 nonzero type, 139 reserved flags and types) closes" tp bad-framing
t_check "length past the limit, 16 MiB or below the SMB header closes" tp bad-length
t_check "250 silent half-header clients do not delay a normal one" tp half-headers 200
t_check "MaxMpx: 200 pipelined ECHOs unread, then every reply arrives" tp mpx 200 1000
t_check "ECHO with EchoCount 5 gets five replies" tp echo-count 5

# Connection limits, with small values.
if reload autostart=1 max_connections=64 max_connections_per_peer=16; then
	t_check "per-peer (16) and global (64) limits refuse, existing connections served" tp limits 64 16
else
	t_fail "reload with small connection limits"
fi

# MaxMpxCount 2: the backlog and the receive stop certainly engage.
if reload autostart=1 max_mpx=2; then
	t_check "MaxMpx 2: 200 pipelined ECHOs unread, then every reply arrives" tp mpx 200 1000
else
	t_fail "reload with MaxMpx 2"
fi

# Timeouts, with short values.
if reload autostart=1 negotiate_timeout=2 session_timeout=5 send_timeout=3; then
	t_ok "reload with short timeouts"
	t_check "no NEGOTIATE within 2 s closes" tp negotiate-timeout 2
	t_check "no session within 5 s closes" tp session-timeout 5
	t_check "a client that never reads is closed, others served meanwhile" tp send-timeout 3
else
	t_fail "reload with short timeouts"
fi
if reload autostart=1 negotiate_timeout=0 session_timeout=0 idle_timeout=3; then
	t_check "requests keep a connection past idle_timeout, 3 s of silence closes" tp idle-timeout 3
else
	t_fail "reload with a short idle timeout"
fi

# Bind address and address family.
if reload autostart=1 bind_addr=::1; then
	t_check "bind_addr=::1 serves IPv6 loopback, refuses 127.0.0.1" tp bind ::1 127.0.0.1
else
	t_fail "reload with bind_addr=::1"
fi
if reload autostart=1 bind_addr=127.0.0.1; then
	t_check "bind_addr=127.0.0.1 serves it, refuses ::1" tp bind 127.0.0.1 ::1
else
	t_fail "reload with bind_addr=127.0.0.1"
fi

# rmmod with 50 connections open in different states.
ready=/run/kcifsd-transport-hold.ready
rm -f "$ready"
# shellcheck disable=SC2086
if reload $params; then
	tp hold 50 "$ready" > /run/kcifsd-transport-hold.log 2>&1 &
	holder=$!
	for _ in $(seq 1 120); do
		[ -e "$ready" ] && break
		sleep 0.5
	done
	if [ -e "$ready" ]; then
		# Within 25 s: a blocked send must be woken, not wait out its 30 s.
		t_check "rmmod with 50 connections open, some blocked sending" timeout 25 rmmod kcifsd
	else
		t_fail "50 connections opened" "$(cat /run/kcifsd-transport-hold.log)"
	fi
	if wait "$holder"; then
		t_ok "all 50 connections closed by rmmod"
	else
		t_fail "all 50 connections closed by rmmod" "$(cat /run/kcifsd-transport-hold.log)"
	fi
	# shellcheck disable=SC2086
	grep -q '^kcifsd ' /proc/modules || kcifsd_insmod $params
else
	t_fail "reload for the rmmod check"
fi
