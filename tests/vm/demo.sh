#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The kcifsd demo, guest side: run by scripts/demo.sh inside the test
# guest, as root, in the repo. It narrates each step, then shows it:
# load the module, add an account and a share with kcifsctl, start the
# helper, log in with smbclient, stop, unload.
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

# The helper on private files, so the demo leaves /etc alone.
demo=$(mktemp -d /var/tmp/kcifsd-demo.XXXXXX)
mkdir "$demo/docs"
chown 1000:1000 "$demo/docs"
echo "Hello from kcifsd" > "$demo/docs/hello.txt"
printf '[global]\n\tnetbios port = 0\n' > "$demo/kcifsd.conf"
kc() {
	userspace-helper/kcifsctl -c "$demo/kcifsd.conf" -u "$demo/users.db" "$@"
}

step "Add an account for uid 1000 (its NT hash goes to a private users.db) and a share:"
show "kc user add alice --uid 1000 --gid 1000 <<< secret"
show "kc share add docs --path $demo/docs --comment 'Demo share'"
show "kc share list"

step "Start the helper daemon; the server listens on port 445:"
show "kc start"
show "kc status"

smb1="--option='client min protocol=NT1' --option='client max protocol=NT1'"
step "smbclient logs in as alice (NTLMv2 in SPNEGO, SMB1) and connects to docs:"
show "smbclient //127.0.0.1/docs -U alice%secret $smb1 -c exit && echo 'logged in, share connected'"

step "Copy a file in, list the share, copy it back out and compare:"
head -c 3000000 /dev/urandom > "$demo/payload"
show "smbclient //127.0.0.1/docs -U alice%secret $smb1 -c 'put $demo/payload payload.bin; ls; get payload.bin $demo/back.bin'"
show "cmp $demo/payload $demo/back.bin && echo 'the copy that came back is byte for byte the same'"
show "ls -l $demo/docs"

step "A wrong password is refused (after a fixed one-second delay):"
show "smbclient //127.0.0.1/docs -U alice%wrong $smb1 -c exit || true"

step "Stop the server and its helper:"
show "kc stop"
rm -rf "$demo"

step "Unload it:"
show "rmmod kcifsd"

step "And it said goodbye:"
show 'dmesg | grep "kcifsd: version"'

step "Demo done."
