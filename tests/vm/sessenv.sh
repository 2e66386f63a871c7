# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Shared by the session and tree-connect suites (40-session, 45-tree):
# the helper on private files in a fresh directory, smbclient over NT1,
# and the checks of tests/vm/sesstest.py. Source it from a suite:
#
#   sessenv_init NAME || return 0   make $dir (removed after the suite),
#                                   set K T dir conf users port; fails
#                                   (and reports it) without kcifsctl
#   kc ARGS...                      kcifsctl on the private files (lib.sh)
#   smbc SHARE USER%PASS [OPT...]   smbclient logs on, connects, leaves;
#                                   prints its output, exit 0 = it worked
#   smbc_ok SHARE USER%PASS [OPT...]      ... and printed no NT_STATUS_
#   smbc_fails STATUS SHARE USER%PASS [OPT...]  it failed with STATUS
#   tst CHECK ARGS...               one check of sesstest.py
#   daemon_pid                      pid of the attached helper daemon

sessenv_init() {
	T=$PWD/tests/vm/sesstest.py
	port=10445
	export KCIFSD_TCP_PORT=$port
	kcifsd_suite_dir "$1" || return 1
	# A daemon left by a failed check; "not running" (4) is fine.
	t_cleanup bash -c "'$K' stop 2>/dev/null; [ \$? -ne 1 ]"
}

smbc() {
	local share=$1 cred=$2
	shift 2
	timeout 60 smbclient "//127.0.0.1/$share" -p "$port" -U "$cred" \
		--option='client min protocol=NT1' \
		--option='client max protocol=NT1' "$@" -c 'exit' 2>&1
}

smbc_ok() {
	local out
	out=$(smbc "$@") || { echo "$out"; return 1; }
	! grep -q NT_STATUS_ <<< "$out" || { echo "$out"; return 1; }
}

smbc_fails() {
	local want=$1 out
	shift
	out=$(smbc "$@") && { echo "succeeded: $out"; return 1; }
	grep -q "$want" <<< "$out" || { echo "$out"; return 1; }
}

tst() {
	pyz_run 120 "$T" "$@"
}

daemon_pid() {
	kc status 2>/dev/null | sed -n 's/^ *daemon: *pid \([0-9]*\)$/\1/p'
}
