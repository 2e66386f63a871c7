#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make check: every test stage, then one line "N passed, N failed[, N skipped]".
#
#   scripts/check.sh              all stages
#   scripts/check.sh STAGE...     only these (build kunit checkpatch sparse
#                                 helper vm)
#
# Each stage writes build/results/STAGE.txt, one line per check:
#   PASS name | FAIL name | SKIP name: why
# A stage that fails without saying what failed counts as one FAIL, so a
# crash is never a silent pass.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
results=build/results
mkdir -p "$results"

ksrc=build/linux-source-6.1

# The kernel sources we check: everything the module is built from.
kernel_sources() {
	git ls-files -- 'fs/*.[ch]' 'net/*.[ch]' 'rdma/*.[ch]' 'tests/kunit/*.[ch]'
}

stage_build() {
	local out=$results/build.txt
	: > "$out"
	if make -s modules > build/build-modules.log 2>&1; then
		echo "PASS build: module" >> "$out"
	else
		echo "FAIL build: module" >> "$out"
		tail -n 40 build/build-modules.log
	fi
	if make -s helper > build/build-helper.log 2>&1; then
		echo "PASS build: helper" >> "$out"
	else
		echo "FAIL build: helper" >> "$out"
		tail -n 40 build/build-helper.log
	fi
}

stage_kunit() {
	tests/kunit/run.sh
}

stage_checkpatch() {
	local out=$results/checkpatch.txt f log
	: > "$out"
	if [ ! -f "$ksrc/scripts/checkpatch.pl" ]; then
		echo "FAIL checkpatch: kernel tree missing (run the kunit stage)" >> "$out"
		return
	fi
	for f in $(kernel_sources); do
		log=$(perl "$ksrc/scripts/checkpatch.pl" --no-tree --terse --show-types \
			--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG -f "$f" 2>&1 |
			grep -E '(ERROR|WARNING|CHECK):' || true)
		if [ -z "$log" ]; then
			echo "PASS checkpatch: $f" >> "$out"
		else
			echo "FAIL checkpatch: $f" >> "$out"
			echo "$log" | head -n 10
		fi
	done
}

stage_sparse() {
	local out=$results/sparse.txt f log
	: > "$out"
	# C=2 runs sparse on every source file, rebuilt or not.
	make sparse > build/sparse.log 2>&1 || {
		echo "FAIL sparse: build" >> "$out"
		tail -n 40 build/sparse.log
		return
	}
	for f in $(kernel_sources | grep -v '^tests/kunit/' | grep '\.c$'); do
		log=$(grep -E "(^|/)$f:[0-9]+:[0-9]+: (warning|error):" build/sparse.log || true)
		if [ -z "$log" ]; then
			echo "PASS sparse: $f" >> "$out"
		else
			echo "FAIL sparse: $f" >> "$out"
			echo "$log" | head -n 10
		fi
	done
}

stage_helper() {
	make -s -C userspace-helper check
}

stage_vm() {
	# CI replays one fixed fuzz seed, so a red run always reproduces;
	# developers get a fresh seed each time (printed, replayable).
	if [ -n "${CI:-}" ] && [ -z "${KCIFSD_FUZZ_SEED:-}" ]; then
		export KCIFSD_FUZZ_SEED=20261121
	fi
	tests/vm/run.sh tests/vm/guest-runner.sh
}

run_stage() {
	local stage=$1 rc
	echo "=== $stage"
	rm -f "$results/$stage.txt"
	"stage_$stage"
	rc=$?
	if [ $rc -ne 0 ] && ! grep -qs '^FAIL' "$results/$stage.txt"; then
		echo "FAIL $stage: stage exited with status $rc" >> "$results/$stage.txt"
	fi
	if [ ! -s "$results/$stage.txt" ]; then
		echo "FAIL $stage: stage reported no result" >> "$results/$stage.txt"
	fi
	printf '%s: %d passed, %d failed, %d skipped\n' "$stage" \
		"$(grep -c '^PASS' "$results/$stage.txt")" \
		"$(grep -c '^FAIL' "$results/$stage.txt")" \
		"$(grep -c '^SKIP' "$results/$stage.txt")"
}

stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(build kunit checkpatch sparse helper vm)

for s in "${stages[@]}"; do
	if ! declare -F "stage_$s" > /dev/null; then
		echo "check: unknown stage '$s'" >> /dev/stderr
		exit 2
	fi
done

for s in "${stages[@]}"; do
	run_stage "$s"
done

files=()
for s in "${stages[@]}"; do
	files+=("$results/$s.txt")
done
pass=$(cat "${files[@]}" | grep -c '^PASS')
fail=$(cat "${files[@]}" | grep -c '^FAIL')
skip=$(cat "${files[@]}" | grep -c '^SKIP')

echo "=== summary"
if [ "$fail" -gt 0 ]; then
	echo "failed:"
	cat "${files[@]}" | grep '^FAIL' | sed 's/^FAIL /  /'
fi
if [ "$skip" -gt 0 ]; then
	echo "skipped:"
	cat "${files[@]}" | grep '^SKIP' | sed 's/^SKIP /  /'
fi
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
