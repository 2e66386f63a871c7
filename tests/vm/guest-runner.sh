#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run guest test suites, inside the test guest (started by
# `tests/vm/run.sh tests/vm/guest-runner.sh`), as root, in the repo.
#
#   tests/vm/guest-runner.sh [SUITE...]   default: tests/vm/suites/*.sh
#
# SUITE is a file or a name ("00-module"). For each suite, in order:
#   1. clear the kernel log and insmod ./kcifsd.ko with
#      sharing_violation_delay_ms=0 (the suites make sharing violations
#      by the thousand: a second each would not do; 58-locks times the
#      delay), $KCIFSD_PARAMS (from the host's environment, for every
#      suite) and the suite's own "# kcifsd-params:" line, if it has one
#      (a later value wins);
#   2. run the suite (tests/vm/lib.sh sourced) in its own process group,
#      killed after its "# kcifsd-timeout:" seconds (default 600, or
#      $KCIFSD_SUITE_TIMEOUT);
#   3. run the cleanups it registered with t_cleanup, newest first, then
#      kill whatever it left running;
#   4. rmmod kcifsd: it must unload;
#   5. scan the kernel log for warnings, oopses, lockdep, hung tasks...
#      Any hit fails the suite's "dmesg clean" check and is printed.
# Results: /kcifsd-results/vm.txt (see lib.sh). Exit status 1 if any
# check failed.
set -uo pipefail	# no -e: one broken suite must not stop the others

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo" || exit 1
# shellcheck source=tests/vm/lib.sh
source tests/vm/lib.sh
export KCIFSD_RESULTS=${KCIFSD_RESULTS:-/kcifsd-results/vm.txt}
default_timeout=${KCIFSD_SUITE_TIMEOUT:-600}
ko=$repo/kcifsd.ko

# Kernel log lines that mean something went wrong in the kernel. Extend
# here, not in suites, so every suite is held to the same bar.
dmesg_bad='WARNING:|BUG:|Oops|general protection|possible circular locking'
dmesg_bad+='|possible recursive locking|inconsistent lock state'
dmesg_bad+='|suspicious RCU usage|refcount_t|list_add corruption'
dmesg_bad+='|list_del corruption|kernel BUG|UBSAN|KASAN|suspected memory leak'
dmesg_bad+='|hung_task|blocked for more than'

: > "$KCIFSD_RESULTS"

result() {	# PASS|FAIL SUITE NAME
	echo "$1 vm: $2: $3" | tee -a "$KCIFSD_RESULTS"
}

# Value of a "# kcifsd-KEY: VALUE" line in the suite's first 20 lines.
suite_header() {
	head -n 20 "$1" | sed -n "s/^# kcifsd-$2:[[:space:]]*//p" | head -n 1
}

run_cleanups() {
	local file=$1 i
	local -a cmds=()
	[ -f "$file" ] || return 0
	mapfile -t cmds < "$file"
	for ((i = ${#cmds[@]} - 1; i >= 0; i--)); do
		[ -n "${cmds[i]// /}" ] || continue
		timeout -k 5 60 bash -c "source tests/vm/lib.sh; ${cmds[i]}" ||
			echo "vm: $KCIFSD_SUITE: cleanup \`${cmds[i]}\` exited with status $?"
	done
	rm -f "$file"
}

# The kernel log from the first suspicious line on, enough to see the
# trace without drowning the output.
print_bad_dmesg() {
	dmesg | awk -v re="$dmesg_bad" '$0 ~ re { on = 1 } on && n++ < 120' | sed 's/^/    /'
}

run_suite() {
	local path=$1 params limit pid rc=0
	export KCIFSD_SUITE
	KCIFSD_SUITE=$(basename "$path" .sh)
	export KCIFSD_CLEANUP_FILE=/run/kcifsd-cleanup.$KCIFSD_SUITE
	rm -f "$KCIFSD_CLEANUP_FILE"
	params="sharing_violation_delay_ms=0 ${KCIFSD_PARAMS:-}"
	params+=" $(suite_header "$path" params)"
	limit=$(suite_header "$path" timeout)
	limit=${limit:-$default_timeout}

	echo "=== vm: $KCIFSD_SUITE"
	local began=$SECONDS
	# A module a previous suite failed to unload would make insmod fail.
	if grep -q '^kcifsd ' /proc/modules; then
		rmmod kcifsd 2>/dev/null
	fi
	dmesg -C
	# shellcheck disable=SC2086  # params are words: "a=1 b=2"
	if ! kcifsd_insmod $params; then
		result FAIL "$KCIFSD_SUITE" "insmod"
		return
	fi

	# timeout puts the suite in its own process group and, on expiry,
	# signals the whole group: servers the suite started in the
	# background die with it.
	# shellcheck disable=SC2016  # $1 expands in the suite's shell
	timeout -k 10 "$limit" bash -c \
		'set -euo pipefail; source tests/vm/lib.sh; source "$1"' \
		"$KCIFSD_SUITE" "$path" &
	pid=$!
	wait "$pid" || rc=$?
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		result FAIL "$KCIFSD_SUITE" "completed"
		echo "    timed out after ${limit}s"
	elif [ "$rc" -ne 0 ]; then
		result FAIL "$KCIFSD_SUITE" "completed"
		echo "    the suite exited with status $rc"
	else
		result PASS "$KCIFSD_SUITE" "completed"
	fi

	run_cleanups "$KCIFSD_CLEANUP_FILE"
	# Anything still running from the suite's process group would keep
	# the module busy; that is the suite's leak, not the module's.
	kill -KILL -- "-$pid" 2>/dev/null

	if rmmod kcifsd; then
		result PASS "$KCIFSD_SUITE" "rmmod"
	else
		result FAIL "$KCIFSD_SUITE" "rmmod"
	fi

	if dmesg | grep -Eq -- "$dmesg_bad"; then
		result FAIL "$KCIFSD_SUITE" "dmesg clean"
		print_bad_dmesg
	else
		result PASS "$KCIFSD_SUITE" "dmesg clean"
	fi
	echo "--- vm: $KCIFSD_SUITE took $((SECONDS - began))s"
}

if [ ! -f "$ko" ]; then
	result FAIL runner "kcifsd.ko built"
	echo "    $ko is missing: run make modules first"
	exit 1
fi

# Hung workers must show up within a suite, not after 120 s.
echo 60 > /proc/sys/kernel/hung_task_timeout_secs 2>/dev/null

suites=()
if [ $# -eq 0 ]; then
	suites=(tests/vm/suites/*.sh)
else
	for s in "$@"; do
		[ -f "$s" ] || s=tests/vm/suites/${s%.sh}.sh
		suites+=("$s")
	done
fi

# The warm Python behind pyz_run (lib.sh): it imports impacket while the
# first suites run; until it listens, pyz_run starts python3 itself.
export KCIFSD_PYZ_PORT=17445
/usr/bin/python3 tests/vm/pyzygote.py "$KCIFSD_PYZ_PORT" impacket.smb \
	impacket.smbconnection < /dev/null &
pyz_pid=$!

for s in "${suites[@]}"; do
	if [ -f "$s" ]; then
		run_suite "$s"
	else
		result FAIL "$(basename "$s" .sh)" "suite exists"
	fi
done

kill "$pyz_pid" 2>/dev/null
wait "$pyz_pid" 2>/dev/null

pass=$(grep -c '^PASS' "$KCIFSD_RESULTS")
fail=$(grep -c '^FAIL' "$KCIFSD_RESULTS")
skip=$(grep -c '^SKIP' "$KCIFSD_RESULTS")
echo "=== vm: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
