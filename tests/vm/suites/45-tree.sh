# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# Tree connects (TREE_CONNECT_ANDX, TREE_DISCONNECT) with smbclient and
# impacket: shares from the helper with read only, valid users and guest
# ok, IPC$ built in, unknown shares and missing share paths, the Service
# check, the extended response (maximal access rights), the
# DISCONNECT_TID flag, an AndX chain of a null-session logon and a tree
# connect. Write refusal on read-only trees is the file code's to test;
# here the tree's access is checked through MaximalShareAccessRights.
#
# kcifsd-timeout: 300

source tests/vm/sessenv.sh
sessenv_init tree || return 0

mkdir -p "$dir/docs" "$dir/ro" "$dir/pub" "$dir/gone"
kcifsd_conf "map to guest = bad user"
kc user add alice --uid 1000 --gid 1000 <<< 'secret' > /dev/null
kc user add carol --uid 1002 --gid 1002 <<< 'pw3' > /dev/null
kc share add docs --path "$dir/docs" --valid-users alice > /dev/null
kc share add ro --path "$dir/ro" --read-only > /dev/null
kc share add pub --path "$dir/pub" --read-only --guest-ok > /dev/null
kc share add gone --path "$dir/gone" > /dev/null
rmdir "$dir/gone"
t_check "helper starts" kc start

t_check "smbclient: read-write share" smbc_ok docs alice%secret
t_check "smbclient: read-only share" smbc_ok ro alice%secret
t_check "smbclient: share name in another case" smbc_ok DOCS alice%secret
t_check "smbclient: IPC\$" smbc_ok 'IPC$' alice%secret
t_check "smbclient: not in valid users is ACCESS_DENIED" \
	smbc_fails NT_STATUS_ACCESS_DENIED docs carol%pw3
t_check "smbclient: unknown share is BAD_NETWORK_NAME" \
	smbc_fails NT_STATUS_BAD_NETWORK_NAME nosuch alice%secret
t_check "smbclient: share whose path is missing is BAD_NETWORK_NAME" \
	smbc_fails NT_STATUS_BAD_NETWORK_NAME gone alice%secret
t_check "impacket: guest may use a guest ok share" \
	tst login stranger x pub guest
t_check "impacket: guest refused where guest ok is not set" \
	tst tree-fails stranger x docs STATUS_ACCESS_DENIED
t_check "impacket: Service A: on IPC\$ is BAD_DEVICE_TYPE" \
	tst tree-fails alice secret 'IPC$' STATUS_BAD_DEVICE_TYPE 'A:'
t_check "impacket: Service IPC on a disk share is BAD_DEVICE_TYPE" \
	tst tree-fails alice secret docs STATUS_BAD_DEVICE_TYPE IPC
t_check "impacket: Service LPT1: is BAD_DEVICE_TYPE" \
	tst tree-fails alice secret docs STATUS_BAD_DEVICE_TYPE 'LPT1:'
t_check "impacket: extended response: maximal access, service, fs" \
	tst extended-response alice secret docs ro
t_check "impacket: DISCONNECT_TID drops the old tree connect" \
	tst disconnect-tid-flag alice secret docs
t_check "impacket: TREE_DISCONNECT and LOGOFF free their ids" \
	tst ids alice secret docs
t_check "smbraw: AndX null session + tree connect to IPC\$" \
	tst andx-null-ipc
t_check "no oops or warning in the kernel log" \
	bash -c "! dmesg | grep -Eq 'BUG:|WARNING:|Oops'"
