# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The module loads, says which version it is, and refuses a second load.
# The runner then checks that it unloads and that dmesg stayed clean.

version=$(sed -n 's/^#define KCIFSD_VERSION[[:space:]]*"\(.*\)"/\1/p' net/kcifsd_netlink.h)

t_check "listed in /proc/modules" grep -q '^kcifsd ' /proc/modules
t_check "dmesg shows the version loaded" \
	kcifsd_dmesg_has "kcifsd: version ${version//./\\.} loaded"
t_check "modinfo shows the version" \
	test "$(modinfo -F version ./kcifsd.ko)" = "$version"
t_check "/sys/module shows the version" \
	test "$(cat /sys/module/kcifsd/version)" = "$version"

# insmod only reports strerror(EEXIST), "File exists".
if out=$(insmod ./kcifsd.ko 2>&1); then
	t_fail "second insmod fails with EEXIST" "it succeeded"
elif [[ $out == *"File exists"* ]]; then
	t_ok "second insmod fails with EEXIST"
else
	t_fail "second insmod fails with EEXIST" "$out"
fi
