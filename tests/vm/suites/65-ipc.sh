# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Named pipes on IPC$ and share enumeration: smbclient -L (srvsvc
# NetShareEnumAll over \PIPE\srvsvc), impacket's listShares, rpcclient's
# srvsvc and wkssvc calls, and smbtorture's rap.basic (RAP over
# \PIPE\LANMAN) and rpc.srvsvc, all over SMB1. Shares that are not
# browseable stay hidden, a guest sees only guest-ok shares, IPC$ is
# listed as IPC. The smbtorture subtests this server is expected to
# pass are checks; the others are recorded as SKIP with their outcome.
#
# kcifsd-timeout: 600

K=$PWD/userspace-helper/kcifsctl
dir=$(mktemp -d /var/tmp/kcifsd-ipc.XXXXXX)
conf=$dir/kcifsd.conf
users=$dir/users.db
port=10445
nt1=(--option='client min protocol=NT1' --option='client max protocol=NT1')
t_cleanup rm -rf "$dir"

kc() {
	"$K" -c "$conf" -u "$users" "$@"
}

if [ ! -x "$K" ]; then
	t_fail "kcifsctl built" "$K is missing: run make helper"
	return 0
fi

if ! grep -qw kcifsd_smb_trans /proc/kallsyms; then
	t_skip "named pipes" "this kcifsd.ko has no pipe commands (fs/pipe_smb.o) yet"
	return 0
fi

mkdir -p "$dir/docs" "$dir/pub" "$dir/hidden"
cat > "$conf" <<EOF
[global]
	tcp port = $port
	netbios port = 0
	netbios name = KCIFSDTEST
	workgroup = IPCWG
	server string = kcifsd ipc test
	map to guest = bad user
EOF
kc user add alice --uid 1000 --gid 1000 <<< 'secret' > /dev/null
kc share add docs --path "$dir/docs" --comment "Team docs" > /dev/null
kc share add pub --path "$dir/pub" --read-only --guest-ok \
	--comment "Public" > /dev/null
kc share add hidden --path "$dir/hidden" --browseable no > /dev/null
t_cleanup bash -c "'$K' stop 2>/dev/null; [ \$? -ne 1 ]"
t_check "helper starts" kc start

list_out=$dir/list.txt
smb_list() {	# CRED
	timeout 60 smbclient -L //127.0.0.1 -p "$port" -U "$1" "${nt1[@]}" \
		> "$list_out" 2>&1
	cat "$list_out"
}

# smbclient -L prints "	NAME   TYPE   COMMENT" lines.
listed() {	# NAME TYPE [COMMENT]
	grep -Eq "^[[:space:]]+$1[[:space:]]+$2([[:space:]]+$3)?[[:space:]]*\$" \
		"$list_out"
}

lists_user_shares() {
	smb_list alice%secret > /dev/null
	listed docs Disk "Team docs" && listed pub Disk Public &&
		listed 'IPC\$' IPC && ! grep -q hidden "$list_out" ||
		{ cat "$list_out"; return 1; }
}
t_check "smbclient -L lists the browseable shares and IPC\$ (srvsvc)" \
	lists_user_shares

lists_guest_shares() {
	smb_list nosuchuser%x > /dev/null
	listed pub Disk Public && listed 'IPC\$' IPC &&
		! grep -Eq '^[[:space:]]+docs' "$list_out" ||
		{ cat "$list_out"; return 1; }
}
t_check "smbclient -L as a guest lists only guest-ok shares" \
	lists_guest_shares

impacket_list() {
	timeout 120 /usr/bin/python3 - "$port" <<'EOF'
import sys
from impacket.smbconnection import SMBConnection
from impacket import smb
c = SMBConnection('127.0.0.1', '127.0.0.1', sess_port=int(sys.argv[1]),
                  preferredDialect=smb.SMB_DIALECT)
c.login('alice', 'secret')
assert c.getDialect() == smb.SMB_DIALECT, c.getDialect()
shares = {s['shi1_netname'][:-1]: (s['shi1_type'], s['shi1_remark'][:-1])
          for s in c.listShares()}
print(shares)
assert shares['docs'] == (0, 'Team docs'), shares
assert shares['pub'][0] == 0, shares
assert shares['IPC$'][0] == 0x80000003, shares
assert 'hidden' not in shares, shares
c.logoff()
EOF
}
t_check "impacket listShares over SMB1 (IPC\$ as STYPE_IPC|SPECIAL)" \
	impacket_list

rpcc() {
	timeout 60 rpcclient 127.0.0.1 -p "$port" -U alice%secret "${nt1[@]}" \
		-c "$1" 2>&1
}
rpc_has() {	# COMMAND PATTERN
	local out
	out=$(rpcc "$1")
	grep -q -- "$2" <<< "$out" || { echo "$out"; return 1; }
}
if command -v rpcclient > /dev/null; then
	t_check "rpcclient srvinfo (NetSrvGetInfo 101)" \
		rpc_has srvinfo 'kcifsd ipc test'
	t_check "rpcclient netsharegetinfo docs (level 502 for uid 0 only)" \
		rpc_has 'netsharegetinfo docs 1' 'remark:.*Team docs'
	t_check "rpcclient netsharegetinfo of a hidden share" \
		rpc_has 'netsharegetinfo hidden 1' 'netname:.*hidden'
	t_check "rpcclient wkssvc_wkstagetinfo (NetWkstaGetInfo 100)" \
		rpc_has wkssvc_wkstagetinfo 'IPCWG'
else
	t_skip "rpcclient" "not installed"
fi

# smbtorture: the subtests listed in "expect" must pass; the rest are
# recorded with their outcome.
torture() {	# TARGET SUITE EXPECTED-SUBTESTS...
	local target=$1 suite=$2 out line name result
	shift 2
	if ! command -v smbtorture > /dev/null; then
		t_skip "smbtorture $suite" "samba-testsuite not installed"
		return 0
	fi
	out=$dir/torture-$suite.txt
	timeout 300 smbtorture "$target" -p "$port" -U alice%secret \
		"${nt1[@]}" --format=subunit "$suite" > "$out" 2>&1
	while read -r result name; do
		case "$result" in
		success:|successful:) result=PASS ;;
		failure:|error:|fail:) result=FAIL ;;
		skip:) result=SKIP ;;
		*) continue ;;
		esac
		name=${name% \[*}
		if [[ " $* " == *" $name "* ]]; then
			if [ "$result" = PASS ]; then
				t_ok "smbtorture $name"
			else
				t_fail "smbtorture $name" "$(grep -A8 -F "$name" "$out" | head -20)"
			fi
		else
			t_skip "smbtorture $name" "$result, not expected to pass here"
		fi
	done < <(grep -E '^(success|successful|failure|error|fail|skip): ' "$out")
}
torture "//127.0.0.1/IPC\$" rap.basic \
	rap.basic.netshareenum.netshareenum \
	rap.basic.netservergetinfo.netservergetinfo
torture "ncacn_np:127.0.0.1[smb1]" rpc.srvsvc \
	"rpc.srvsvc.srvsvc (admin access).NetShareEnumAll" \
	"rpc.srvsvc.srvsvc anonymous access.NetShareEnumAll"
