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
#   kcifsd_dmesg_has PATTERN  true if the kernel log since the suite began
#                             matches the extended regex PATTERN
#   kcifsd_insmod [PARAM...]  load the kernel modules kcifsd.ko needs, then
#                             kcifsd.ko itself (the runner does this for
#                             suites; demo.sh uses it)
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

_t_result() {
	local line="$1 vm: $KCIFSD_SUITE: $2"
	echo "$line"
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

kcifsd_dmesg_has() {
	# grep -c reads everything: with grep -q, dmesg would die of SIGPIPE
	# and pipefail would turn a match into a failure.
	[ "$(dmesg | grep -Ec -- "$1")" -gt 0 ]
}
