#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The kcifsd demo, guest side: run by scripts/demo.sh inside the test
# guest, as root, in the repo. It narrates each step, then shows it.
# Today: load the module, look at it, unload it. Later: serve a share and
# show a client using it.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/vm/lib.sh
source tests/vm/lib.sh

step() {
	echo
	echo "### $*"
}

show() {	# print a shell command line, then run it
	echo "\$ $1"
	eval "$1"
}

step "This guest runs Debian's kernel $(uname -r); no kcifsd yet:"
show 'lsmod | grep kcifsd || echo "(not loaded)"'

step "Load kcifsd.ko (and the kernel modules it needs):"
dmesg -C
echo "\$ insmod ./kcifsd.ko"
kcifsd_insmod

step "The module is loaded:"
show 'lsmod | grep kcifsd'

step "It said hello in the kernel log:"
show 'dmesg | grep "kcifsd: version"'

step "Unload it:"
show "rmmod kcifsd"

step "And it said goodbye:"
show 'dmesg | grep "kcifsd: version"'

step "Demo done."
