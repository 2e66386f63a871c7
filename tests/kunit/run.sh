#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run the kcifsd KUnit suites on User Mode Linux, built from Debian's
# linux-source-6.1 with this repository hooked in as fs/kcifsd.
#
#   tests/kunit/run.sh             every suite in tests/kunit/.kunitconfig
#   tests/kunit/run.sh GLOB        only suites (or suite.case) matching GLOB,
#                                  e.g. kcifsd_frame or 'kcifsd_frame.*nbt*'
#
# Results: build/results/kunit.txt, one line per case
# ("PASS kunit: SUITE.CASE", "FAIL ...", "SKIP ...: WHY"); raw logs in
# build/kunit-*.log. Exits non-zero on any failure, a build failure, a
# crashed kernel or a run without a single test case.
#
# Environment: KCIFSD_LINUX_SOURCE (the tarball, default
# /usr/src/linux-source-6.1.tar.xz), KCIFSD_KUNIT_JOBS (default 2),
# KCIFSD_KUNIT_TIMEOUT (seconds for the UML run, default 300).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
build=$repo/build
tarball=${KCIFSD_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
ksrc=$build/linux-source-6.1
udir=$build/kunit-uml
results=$build/results
out=$results/kunit.txt
jobs=${KCIFSD_KUNIT_JOBS:-2}
timeout=${KCIFSD_KUNIT_TIMEOUT:-300}
filter=${1:-}

mkdir -p "$build" "$results"

# One run at a time per checkout: the UML build dir is shared.
exec 9> "$build/kunit.lock"
if ! flock -n 9; then
	echo "kunit: waiting for another run (build/kunit.lock)..." >&2
	flock 9
fi

: > "$out"

# A failure before any test ran: one FAIL line, the compiler's complaints
# (make's own error lines bury them) and the log's tail.
fail_stage() {
	local stage=$1 log=$2
	echo "FAIL kunit: $stage" >> "$out"
	if grep -qE '(error|warning):' "$log"; then
		echo "kunit: $stage failed; diagnostics in $log:" >&2
		grep -E -A3 '(error|warning):' "$log" | head -n 40 >&2
	fi
	echo "kunit: $stage failed; last lines of $log:" >&2
	tail -n 20 "$log" >&2
	exit 1
}

# --- 1. The kernel tree, extracted once per tarball. ---------------------
if [ ! -r "$tarball" ]; then
	echo "kunit: $tarball missing (apt-get install linux-source-6.1)" \
		> "$build/kunit-extract.log"
	fail_stage extract "$build/kunit-extract.log"
fi
stamp_want="$(readlink -f "$tarball") $(stat -L -c '%s %Y' "$tarball")"
stamp=$ksrc/.kcifsd-extracted
if [ "$(cat "$stamp" 2>/dev/null)" != "$stamp_want" ]; then
	echo "kunit: extracting $tarball (once)..." >&2
	tmp=$build/.linux-source.tmp
	rm -rf "$tmp" "$ksrc"
	# Objects built from another tree would look up to date: start over.
	rm -rf "$udir"
	mkdir -p "$tmp"
	if ! tar -xf "$tarball" -C "$tmp" > "$build/kunit-extract.log" 2>&1; then
		rm -rf "$tmp"
		fail_stage extract "$build/kunit-extract.log"
	fi
	top=$(ls "$tmp")
	if [ "$(echo "$top" | wc -l)" != 1 ] || [ ! -f "$tmp/$top/Makefile" ]; then
		echo "unexpected tarball layout: $top" >> "$build/kunit-extract.log"
		rm -rf "$tmp"
		fail_stage extract "$build/kunit-extract.log"
	fi
	mv "$tmp/$top" "$ksrc"
	rmdir "$tmp"
	echo "$stamp_want" > "$stamp"
fi

# --- 2. Hook the project in as fs/kcifsd (idempotent). -------------------
ln -sfn "$repo" "$ksrc/fs/kcifsd"
grep -qxF 'source "fs/kcifsd/Kconfig"' "$ksrc/fs/Kconfig" ||
	echo 'source "fs/kcifsd/Kconfig"' >> "$ksrc/fs/Kconfig"
grep -qxF 'obj-$(CONFIG_KCIFSD) += kcifsd/' "$ksrc/fs/Makefile" ||
	echo 'obj-$(CONFIG_KCIFSD) += kcifsd/' >> "$ksrc/fs/Makefile"

# --- 3. Configure, build, run. -------------------------------------------
cd "$ksrc" || fail_stage extract "$build/kunit-extract.log"
kunit=(./tools/testing/kunit/kunit.py)
common=(--kunitconfig="$here/.kunitconfig" --build_dir="$udir")

if ! "${kunit[@]}" config "${common[@]}" > "$build/kunit-config.log" 2>&1; then
	fail_stage config "$build/kunit-config.log"
fi
echo "kunit: building UML (build/kunit-build.log)..." >&2
if ! "${kunit[@]}" build "${common[@]}" --jobs="$jobs" \
		> "$build/kunit-build.log" 2>&1; then
	fail_stage build "$build/kunit-build.log"
fi
# The UML build has no -Werror: show warnings in our files while they
# are fresh (kbuild only prints them when it recompiles the file).
if grep -E 'fs/kcifsd/.*warning:' "$build/kunit-build.log" >&2; then
	echo "kunit: the warnings above break the module build (-Werror)" >&2
fi
echo "kunit: running${filter:+ $filter}..." >&2
# kasan_multi_shot: print every KASAN report, not only the first one.
exec_args=("${common[@]}" --timeout="$timeout" --raw_output=all
	--kernel_args=kasan_multi_shot)
[ -n "$filter" ] && exec_args+=("$filter")
"${kunit[@]}" exec "${exec_args[@]}" > "$build/kunit-raw.log" 2>&1

# --- 4. KTAP -> build/results/kunit.txt. ---------------------------------
# kunit.py exec with raw output always exits 0: the parser decides.
python3 "$here/ktap_results.py" "$build/kunit-raw.log" "$out"
status=$?
if grep -qx 'FAIL kunit: run' "$out"; then
	echo "kunit: last lines of build/kunit-raw.log:" >&2
	tail -n 40 "$build/kunit-raw.log" >&2
fi
exit "$status"
