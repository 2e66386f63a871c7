#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot Debian's kernel in QEMU and run one command inside, as root, in
# this repo (the guest sees the host's / read-only, so the repo and every
# installed program are at the same paths; writes go to a tmpfs overlay).
#
#   tests/vm/run.sh [--timeout SECONDS] [--mem MB] GUEST_COMMAND [ARGS...]
#
#   --timeout  kill the guest after this many seconds (default 3600: the
#              whole of make check's suites on a loaded host; each suite
#              has its own limit for a hang, guest-runner.sh)
#   --mem      guest memory in MB (default 4096)
#
# Environment: KVER picks the kernel (default: the one `make` builds
# against: the running kernel's if it has headers, else the newest
# kernel with headers in /lib/modules); KCIFSD_KVM=1 uses KVM
# instead of TCG (real hardware only: KVM hangs on the project's build
# machines); every other KCIFSD_* variable is passed into the guest.
#
# The command's stdout and stderr stream to this script's stdout. The
# guest's console (kernel log) goes to build/vm/console.log. In the guest,
# /kcifsd-results is build/vm/results here, emptied for every run. If the
# guest wrote vm.txt there it is copied to build/results/vm.txt.
#
# Exit status: the guest command's. A guest that crashes, or does not
# finish in time, exits non-zero and adds "FAIL vm: guest: completed" to
# build/results/vm.txt, so a dead guest is never a silent pass.
set -euo pipefail

usage() {	# EXIT_STATUS
	sed -n '4,25s/^# \{0,1\}//p' "$0"
	exit "$1"
}

timeout=3600
mem=4096
while [ $# -gt 0 ]; do
	case "$1" in
	--timeout) timeout=${2:?}; shift 2 ;;
	--mem) mem=${2:?}; shift 2 ;;
	-h|--help) usage 0 ;;
	--) shift; break ;;
	-*) usage 2 >&2 ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || usage 2 >&2

say() {
	echo "run.sh: $*" >&2
}

repo=$(cd "$(dirname "$0")/../.." && pwd)
# Both end up in QEMU options and the kernel command line.
case "$repo" in
*[[:space:],]*) say "the repo path '$repo' must not contain spaces or commas"; exit 2 ;;
esac

# The same choice as the Makefile's KDIR.
if [ -z "${KVER:-}" ] && [ -d "/lib/modules/$(uname -r)/build" ]; then
	KVER=$(uname -r)
elif [ -z "${KVER:-}" ]; then
	KVER=$(find /lib/modules -mindepth 2 -maxdepth 2 -name build 2>/dev/null |
		awk -F/ '{ print $4 }' | sort -V | tail -n 1)
fi
kernel=/boot/vmlinuz-$KVER
if [ -z "$KVER" ] || [ ! -r "$kernel" ]; then
	say "no guest kernel '$kernel' (apt-get install linux-image-amd64 linux-headers-amd64)"
	exit 2
fi
if [ -f "$repo/kcifsd.ko" ]; then
	built_for=$(modinfo -F vermagic "$repo/kcifsd.ko" 2>/dev/null | cut -d' ' -f1)
	if [ "$built_for" != "$KVER" ]; then
		say "warning: kcifsd.ko is built for '$built_for', the guest runs $KVER"
	fi
fi

vm_dir=$repo/build/vm
results=$vm_dir/results
console=$vm_dir/console.log
mkdir -p "$vm_dir" "$repo/build/results"

# One guest at a time per repo: they share results/ and console.log.
exec 9>"$vm_dir/lock"
if ! flock -n 9; then
	say "another guest is running in this repo; waiting for it"
	flock 9
fi

initramfs=$("$repo/tests/vm/mkinitramfs.sh" "$KVER")
kernel=$("$repo/tests/vm/extract-vmlinux.sh" "$KVER")

rm -rf "$results"
mkdir -p "$results"

# The guest's command: a script on the results share, so arguments keep
# their quoting and KCIFSD_* settings reach the guest.
{
	echo "# written by tests/vm/run.sh"
	while IFS= read -r var; do
		[ "$var" = KCIFSD_KVM ] && continue
		printf 'export %s=%q\n' "$var" "${!var}"
	done < <(compgen -e | grep '^KCIFSD_' || true)
	printf 'cd %q || exit 127\n' "$repo"
	printf 'exec'
	printf ' %q' "$@"
	printf '\n'
} > "$results/guest-command.sh"

if [ "${KCIFSD_KVM:-0}" = 1 ]; then
	accel=(-accel kvm -cpu host)
else
	accel=(-accel tcg -cpu max)
fi

# shellcheck disable=SC2054  # commas separate QEMU sub-options
qemu=(
	qemu-system-x86_64 -name kcifsd-test
	"${accel[@]}" -smp 2 -m "$mem"
	-nodefaults -display none -vga none -monitor none -nic none -no-reboot
	-kernel "$kernel" -initrd "$initramfs"
	# tsc=reliable: TCG's TSC is steady, and reading it is about twice
	# as cheap as the HPET the kernel falls back to otherwise.
	# no_timer_check: on a loaded host the boot-time IO-APIC timer check
	# can miss its ticks and panic ("IO-APIC + timer doesn't work").
	-append "console=ttyS0 panic=-1 tsc=reliable no_timer_check kcifsd_vm_init=$repo/tests/vm/guest-init"
	# Kernel console to a file: boot messages, oopses, panics.
	-chardev "file,id=console,path=$console" -serial chardev:console
	# The guest command's output goes to a virtio serial port (added
	# below). Not a stdio chardev: that hangs up the port when stdin hits
	# EOF, and CI has no stdin.
	-device virtio-serial-pci
	# The host's / read-only as the guest's root; results writable.
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap
	-virtfs "local,path=$results,mount_tag=results,security_model=none,multidevs=remap"
	-device virtio-rng-pci
)

# QEMU writes the command's output into a FIFO that cat copies to our
# stdout. Handing QEMU our stdout directly would make it reopen the file
# with its own offset, and lines written to the same file later (by us or
# by a caller's "2>&1") would overwrite the guest's.
fifo=$vm_dir/output.fifo
rm -f "$fifo"
mkfifo "$fifo"
cat "$fifo" &
cat_pid=$!
exec 7>"$fifo"	# keeps cat reading until QEMU has opened its end
# shellcheck disable=SC2054
qemu+=(-chardev "file,id=out,path=$fifo" -device virtserialport,chardev=out,name=kcifsd.out)

say "booting $KVER (${accel[1]}), timeout ${timeout}s, console in build/vm/console.log"
start=$SECONDS
qemu_rc=0
# In the background so that a signal to us (Ctrl-C, a CI job killed)
# is handled at once: the trap stops the guest instead of leaving it
# running until its timeout.
timeout --foreground -k 10 "$timeout" "${qemu[@]}" </dev/null 7>&- &
qemu_pid=$!
trap 'kill -TERM "$qemu_pid" 2>/dev/null' INT TERM HUP
while kill -0 "$qemu_pid" 2>/dev/null; do
	wait "$qemu_pid" || qemu_rc=$?
done
trap - INT TERM HUP
exec 7>&-
wait "$cat_pid" || true
rm -f "$fifo"

if [ -f "$results/exit-status" ]; then
	rc=$(cat "$results/exit-status")
	say "guest command exited with status $rc after $((SECONDS - start))s"
	if [ -f "$results/vm.txt" ]; then
		cp "$results/vm.txt" "$repo/build/results/vm.txt"
		echo "PASS vm: guest: completed" >> "$repo/build/results/vm.txt"
	fi
	exit "$rc"
fi

if [ "$qemu_rc" = 124 ] || [ "$qemu_rc" = 137 ]; then
	say "guest did not finish within ${timeout}s: killed"
	rc=124
else
	say "guest stopped before its command finished (qemu exit $qemu_rc)"
	rc=1
fi
say "last console lines (all of them in $console):"
tail -n 40 "$console" >&2 || true
# Keep what the guest reported before it died, then the failure.
if [ -f "$results/vm.txt" ]; then
	cp "$results/vm.txt" "$repo/build/results/vm.txt"
else
	: > "$repo/build/results/vm.txt"
fi
echo "FAIL vm: guest: completed" >> "$repo/build/results/vm.txt"
exit "$rc"
