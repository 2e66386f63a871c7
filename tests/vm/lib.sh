# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Helpers for guest test suites (tests/vm/suites/*.sh), sourced by
# tests/vm/guest-runner.sh before each suite. A suite is a bash script run
# inside the guest as root, in the repo, with kcifsd.ko already loaded and
# "set -euo pipefail" in force. It reports each check with:
#
#   t_ok NAME                 the check passed
#   t_fail NAME [WHY]         it failed; WHY is shown, not stored
#   t_skip NAME WHY           it could not run here, and why
#   t_check NAME CMD [ARG...] pass if CMD exits 0, else fail showing the
#                             tail of its output
#   t_cleanup CMD [ARG...]    run CMD after the suite, even if it fails or
#                             times out; last registered runs first (stop
#                             the helper, unmount, kill a server)
#   imp_py ARG...             the Python script on stdin (a heredoc) with
#                             ARGs, in the warm Python (pyz_run), with
#                             tests/vm/impacket_nt1.py importable
#   kcifsd_dmesg_has PATTERN  true if the kernel log since the suite began
#                             matches the extended regex PATTERN
#   kcifsd_insmod [PARAM...]  load the kernel modules kcifsd.ko needs, then
#                             kcifsd.ko itself (the runner does this for
#                             suites; demo.sh uses it)
#
# Serving shares, in this order (cleanups then run in reverse):
#
#   kcifsd_suite_dir NAME     make the scratch directory $dir
#                             (/var/tmp/kcifsd-NAME.*, removed afterwards)
#                             and set $conf and $users in it; fails (status
#                             1, after a FAIL) if kcifsctl is not built
#   kc ARG...                 kcifsctl on $conf and $users
#   kcifsd_ext4 MNT SIZE [MKFS-OPTION...]
#                             an ext4 file system in a loop file, mounted
#                             on MNT until the suite ends (tmpfs has no
#                             user xattrs, where DOS attributes live)
#   kcifsd_conf [LINE...]     write $conf: [global] on tcp port $port (445
#                             if unset), NetBIOS off, then the LINEs
#                             (more [global] settings, or share sections)
#   kcifsd_start              check "helper starts"; stopped afterwards
#   kcifsd_torture_share SIZE  the smbtorture setup: ext4 of SIZE on
#                             $dir/mnt, share "share" ($share) owned by
#                             alice (uid 1000, password secret), helper
#                             started
#   staged_of STATUS / written_of STATUS
#                             from `kc status` output: bytes of write data
#                             staged in message buffers / written in all
#   wsync_of STATUS           "W F": write-through writes and their flushes
#   rx_inline_of STATUS       "R W": requests and writes the receive work ran
#   status_delta PARSER CMD...  CMD between two `kc status`: the change
#                             of each counter PARSER (one of the above) reads
#
# smbtorture, NT1, against TORTURE_TARGET (//127.0.0.1/share) as
# TORTURE_CRED (alice%secret) on $port. smbtorture starts slowly under
# TCG (seconds per process): one process runs a batch of tests, and each
# test's sub-tests are judged from its output ("success: LEAF", or
# "skip: LEAF" for smbtorture's own skips).
#
#   torture_run LOG ARG...    one smbtorture process with these tests and
#                             options; output in $dir/LOG.log and the
#                             results directory (smbtorture-LOG.log).
#                             Returns smbtorture's status
#   torture_outcome LOG LEAF  prints success, skip, or what went wrong
#   torture_check NAME LOG LEAF...
#                             check "smbtorture NAME": every LEAF passed
#                             or was skipped by smbtorture
#   torture_test TEST [OPTION...]
#                             check "smbtorture TEST": TEST alone, passed
#                             if smbtorture exits 0
#
# NAME says what was checked ("second insmod fails with EEXIST"); keep it
# the same from run to run, so results can be compared. Each result is one
# line in /kcifsd-results/vm.txt and on stdout:
#
#   PASS vm: SUITE: NAME | FAIL vm: SUITE: NAME | SKIP vm: SUITE: NAME: WHY
#
# Suites may put these lines near their top (read by the runner):
#   # kcifsd-params: PARAM=VALUE ...   module parameters for insmod
#   # kcifsd-timeout: SECONDS          instead of the default 600

# Set by the runner; defaults let a suite be sourced by hand for debugging.
: "${KCIFSD_SUITE:=manual}"
: "${KCIFSD_RESULTS:=/kcifsd-results/vm.txt}"
: "${KCIFSD_CLEANUP_FILE:=/run/kcifsd-cleanup.$KCIFSD_SUITE}"

# Seconds since the previous result, shown on stdout (not in vm.txt, whose
# lines stay comparable from run to run) when a check took 5 s or more:
# what to look at when make check grows.
_t_since=$SECONDS

_t_result() {
	local line="$1 vm: $KCIFSD_SUITE: $2" took=$((SECONDS - _t_since))
	_t_since=$SECONDS
	if [ "$took" -ge 5 ]; then
		echo "$line [${took}s]"
	else
		echo "$line"
	fi
	echo "$line" >> "$KCIFSD_RESULTS"
}

t_ok() {
	_t_result PASS "$1"
}

t_fail() {
	_t_result FAIL "$1"
	if [ $# -gt 1 ]; then
		printf '%s\n' "$2" | sed 's/^/    /'
	fi
}

t_skip() {
	_t_result SKIP "$1: $2"
}

t_check() {
	local name=$1 out rc=0
	shift
	out=$(mktemp)
	"$@" > "$out" 2>&1 || rc=$?
	if [ "$rc" -eq 0 ]; then
		t_ok "$name"
	else
		t_fail "$name" "\`$*\` exited with status $rc:
$(if [ -s "$out" ]; then tail -n 20 "$out"; else echo "(no output)"; fi)"
	fi
	rm -f "$out"
	return 0
}

# pyz_run SECONDS SCRIPT [ARG...]: `timeout SECONDS python3 SCRIPT ARG...`,
# run by the warm Python the runner starts (tests/vm/pyzygote.py, at
# $KCIFSD_PYZ_PORT) when it is up: impacket is imported once per boot, not
# once per check. Same stdin, stdout, stderr, environment, directory and
# process group as the plain command; exit status 124 on timeout.
pyz_run() {
	local limit=$1 fd rc=124 name names out err tmp=/run/kcifsd-pyz.$BASHPID
	shift
	if [ -z "${KCIFSD_PYZ_PORT:-}" ] ||
	   ! { exec {fd}<>"/dev/tcp/127.0.0.1/$KCIFSD_PYZ_PORT"; } 2>/dev/null; then
		timeout "$limit" /usr/bin/python3 "$@"
		return
	fi
	# A pipe or terminal is opened again through /proc; a regular file is
	# not (the new open would write at its own offset): its part comes
	# back through $tmp.N and is copied here.
	out=/proc/$BASHPID/fd/1
	[ -f /dev/stdout ] && out=$tmp.1
	err=/proc/$BASHPID/fd/2
	if [ /dev/stderr -ef /dev/stdout ]; then
		err=$out
	elif [ -f /dev/stderr ]; then
		err=$tmp.2
	fi
	{
		printf '%s\0' "$BASHPID" "$out" "$err" "$PWD" "$limit" "$#" "$@"
		mapfile -t names < <(compgen -e)
		printf '%s\0' "${#names[@]}"
		for name in "${names[@]}"; do
			printf '%s=%s\0' "$name" "${!name}"
		done
	} >&"$fd"
	read -r -u "$fd" rc || rc=124
	exec {fd}>&-
	if [ "$out" = "$tmp.1" ]; then
		cat "$out"
	fi
	if [ "$err" = "$tmp.2" ]; then
		cat "$err" >&2
	fi
	rm -f "$tmp.1" "$tmp.2"
	return "$rc"
}

t_cleanup() {
	# One shell-quoted command per line; the runner runs them bottom-up.
	printf '%q ' "$@" >> "$KCIFSD_CLEANUP_FILE"
	echo >> "$KCIFSD_CLEANUP_FILE"
}

# shellcheck disable=SC2120  # parameters are optional
kcifsd_insmod() {
	local deps dep
	# insmod does not resolve dependencies (crypto, RDMA...): modinfo
	# lists them, modprobe loads them from the shared /lib/modules.
	deps=$(modinfo -F depends ./kcifsd.ko) || return
	for dep in ${deps//,/ }; do
		modprobe "$dep" || return
	done
	insmod ./kcifsd.ko "$@"
}

# imp_py ARG...: the Python script on stdin, in the warm Python
# (pyz_run, 300 s at most), with tests/vm/impacket_nt1.py (an impacket
# connection, BASIC_INFO by FID) importable.
imp_py() {
	PYTHONPATH="$PWD/tests/vm${PYTHONPATH:+:$PYTHONPATH}" pyz_run 300 - "$@"
}

kcifsd_dmesg_has() {
	# grep -c reads everything: with grep -q, dmesg would die of SIGPIPE
	# and pipefail would turn a match into a failure.
	[ "$(dmesg | grep -Ec -- "$1")" -gt 0 ]
}

# --- serving shares ------------------------------------------------------

K=$PWD/userspace-helper/kcifsctl

kcifsd_suite_dir() {
	dir=$(mktemp -d "/var/tmp/kcifsd-$1.XXXXXX")
	conf=$dir/kcifsd.conf
	users=$dir/users.db
	t_cleanup rm -rf "$dir"
	if [ ! -x "$K" ]; then
		t_fail "kcifsctl built" "$K is missing: run make helper"
		return 1
	fi
}

kc() {
	"$K" -c "$conf" -u "$users" "$@"
}

kcifsd_ext4() {
	local mnt=$1 size=$2 img
	shift 2
	img=$dir/$(basename "$mnt").img
	modprobe loop
	truncate -s "$size" "$img"
	mkfs.ext4 -q -F "$@" "$img"
	mkdir -p "$mnt"
	mount -o loop "$img" "$mnt"
	t_cleanup bash -c "mountpoint -q '$mnt' && umount -l '$mnt'; true"
}

# shellcheck disable=SC2120 # suites pass [global] lines; lib.sh does not
kcifsd_conf() {
	{
		echo "[global]"
		echo "	tcp port = ${port:-445}"
		echo "	netbios port = 0"
		[ $# -eq 0 ] || printf '%s\n' "$@"
	} > "$conf"
}

kcifsd_start() {
	# Stop status 1 means "was not running": fine after a failed start.
	t_cleanup bash -c "'$K' stop 2>/dev/null; [ \$? -ne 1 ]"
	t_check "helper starts" kc start
}

kcifsd_torture_share() {
	mnt=$dir/mnt
	share=$mnt/share
	kcifsd_ext4 "$mnt" "$1"
	mkdir "$share"
	chown 1000:1000 "$share"
	# shellcheck disable=SC2119 # no [global] lines: the defaults
	kcifsd_conf
	kc user add alice --uid 1000 --gid 1000 <<< 'secret' > /dev/null
	kc share add share --path "$share" > /dev/null
	kcifsd_start
}

# "write staging: S bytes through message buffers": write data the server
# read whole into a message buffer before the page cache (small writes).
staged_of() {
	sed -n 's/.*write staging: *\([0-9]*\) bytes.*/\1/p' <<< "$1"
}

written_of() {
	sed -n 's/.*file data: *[0-9]* read, \([0-9]*\) written.*/\1/p' <<< "$1"
}

# "write-through: W writes, F flushes": prints "W F".
wsync_of() {
	sed -n 's/.*write-through: *\([0-9][0-9]*\) writes, \([0-9][0-9]*\) flushes.*/\1 \2/p' <<< "$1"
}

# "in receive: R requests, W writes": requests a receive work answered
# itself, no pool thread woken (writes, and the others); prints "R W".
rx_inline_of() {
	sed -n 's/.*in receive: *\([0-9][0-9]*\) requests, \([0-9][0-9]*\) writes.*/\1 \2/p' <<< "$1"
}

# status_delta PARSER CMD...: runs CMD between two `kc status` and prints
# what PARSER (wsync_of, rx_inline_of...) reads of the second minus the
# first, field by field: "W F" for wsync_of. CMD's output goes to stderr.
# Fails if CMD, `kc status` or the parser does.
status_delta() {
	local parse=$1 st0 st1 a b i d=
	shift
	st0=$(kc status) && "$@" >&2 && st1=$(kc status) || return 1
	read -ra a <<< "$("$parse" "$st0")"
	read -ra b <<< "$("$parse" "$st1")"
	if [ ${#a[@]} -eq 0 ] || [ ${#a[@]} -ne ${#b[@]} ]; then
		echo "status_delta: $parse found no counters in kc status" >&2
		return 1
	fi
	for i in "${!a[@]}"; do
		d+="${d:+ }$((b[i] - a[i]))"
	done
	echo "$d"
}

# --- smbtorture ----------------------------------------------------------

torture_run() {
	local log=$1 rc=0
	shift
	timeout 900 smbtorture "${TORTURE_TARGET:-//127.0.0.1/share}" \
		-p "${port:-445}" -U "${TORTURE_CRED:-alice%secret}" \
		--option='client min protocol=NT1' \
		--option='client max protocol=NT1' \
		--option=torture:progress=no "$@" > "$dir/$log.log" 2>&1 ||
		rc=$?
	cp "$dir/$log.log" "$(dirname "$KCIFSD_RESULTS")/smbtorture-$log.log" \
		2> /dev/null || true
	return "$rc"
}

torture_outcome() {
	local log=$dir/$1.log
	if grep -qxF "success: $2" "$log"; then
		echo success
	elif grep -qxF "skip: $2" "$log" || grep -qF "skip: $2 [" "$log"; then
		echo skip
	elif grep -qE "^(failure|error): $2( \[|$)" "$log"; then
		# From "test: LEAF" to the end of its failure, noise dropped.
		awk -v t="$2" '$0 == "test: " t { p = 1; next }
			!p || /^time: / || /no network interfaces/ { next }
			{ print }
			/^(failure|error): / { f = 1 }
			f && $0 == "]" { exit }' "$log" | tail -n 12
	else
		echo "$2: no result (crashed or timed out)"
	fi
}

torture_check() {
	local name=$1 log=$2 leaf out why=
	shift 2
	for leaf in "$@"; do
		out=$(torture_outcome "$log" "$leaf")
		case "$out" in
		success|skip) ;;
		*) why+="$out"$'\n' ;;
		esac
	done
	if [ -z "$why" ]; then
		t_ok "smbtorture $name"
	else
		t_fail "smbtorture $name" "$why"
	fi
}

torture_test() {
	local test=$1 start=$SECONDS
	shift
	if torture_run "$test" "$@" "$test"; then
		t_ok "smbtorture $test"
	else
		t_fail "smbtorture $test" "$(grep -E '^(failure|error|UNEXPECTED)|\(\.\./' "$dir/$test.log" | head -n 25)"
	fi
	echo "smbtorture $test: $((SECONDS - start)) s"
}
