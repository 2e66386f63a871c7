#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make demo: build kcifsd, boot the test guest (Debian's kernel under
# QEMU, the host's files as its root) and run the narrated guest demo,
# tests/vm/demo.sh, in it. Options go to tests/vm/run.sh (--timeout,
# --mem).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "### Building the module and the helper"
make
echo
echo "### Booting the guest (takes a few seconds under emulation)"
exec tests/vm/run.sh "$@" tests/vm/demo.sh
