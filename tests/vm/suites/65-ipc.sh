# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# Named pipes on IPC$ and share enumeration over SMB1: smbclient -L
# (srvsvc NetShareEnumAll over \PIPE\srvsvc, signed as Samba's client
# insists on IPC$, with the SPNEGO mechListMIC), impacket's listShares
# and wkssvc, PEEK and QUERY_FILE_INFORMATION on a pipe at their edges,
# rpcclient's srvsvc calls, RAP over \PIPE\LANMAN (net rap
# share), smbtorture rap.basic, rap.rpc and rpc.srvsvc. Shares that are
# not browseable stay hidden, guests and null sessions see only guest-ok
# shares, IPC$ is listed as IPC. The smbtorture subtests this server is
# expected to pass are checks; the others are recorded as SKIP with their
# outcome.
#
# kcifsd-timeout: 600

port=10445
nt1=(--option='client min protocol=NT1' --option='client max protocol=NT1')
kcifsd_suite_dir ipc || return 0

mkdir -p "$dir/docs" "$dir/pub" "$dir/hidden"
kcifsd_conf "netbios name = KCIFSDTEST" "workgroup = IPCWG" \
	"server string = kcifsd ipc test" "map to guest = bad user"
kc user add alice --uid 1000 --gid 1000 <<< 'secret' > /dev/null
# Levels 2 and 502 (local paths) are for accounts mapped to uid 0.
kc user add admin --uid 0 --gid 0 <<< 'adminpw' > /dev/null
kc share add docs --path "$dir/docs" --comment "Team docs" > /dev/null
kc share add pub --path "$dir/pub" --read-only --guest-ok \
	--comment "Public" > /dev/null
kc share add hidden --path "$dir/hidden" --browseable no > /dev/null
kcifsd_start

list_out=$dir/list.txt

# smbclient -L prints "	NAME   TYPE   COMMENT" lines.
listed() {	# NAME TYPE [COMMENT]: without COMMENT any comment will do
	local rest='([[:space:]].*)?'

	[ $# -lt 3 ] || rest="[[:space:]]+$3[[:space:]]*"
	grep -Eq "^[[:space:]]+$1[[:space:]]+$2$rest\$" "$list_out"
}

# The workgroup listing smbclient tries next (port 139) fails: ignored.
smb_list() {	# smbclient options...
	timeout 60 smbclient -L //127.0.0.1 -p "$port" "${nt1[@]}" "$@" \
		> "$list_out" 2>&1 || true
}

lists_user_shares() {	# smbclient options...
	smb_list "$@"
	listed docs Disk "Team docs" && listed pub Disk Public &&
		listed 'IPC\$' IPC && ! grep -q hidden "$list_out" ||
		{ cat "$list_out"; return 1; }
}
t_check "smbclient -L lists the browseable shares and IPC\$ (srvsvc)" \
	lists_user_shares -U alice%secret
# Samba's default "client ipc signing" is required: this listing ran
# signed, with the SPNEGO mechListMIC exchanged. Also unsigned:
t_check "smbclient -L with client ipc signing off" \
	lists_user_shares -U alice%secret --option='client ipc signing=off'

lists_guest_shares() {	# smbclient options...
	smb_list "$@"
	listed pub Disk Public && listed 'IPC\$' IPC &&
		! grep -Eq '^[[:space:]]+(docs|hidden)' "$list_out" ||
		{ cat "$list_out"; return 1; }
}
t_check "smbclient -L as a guest (unknown user) lists only guest-ok shares" \
	lists_guest_shares -U nosuchuser%x
t_check "smbclient -L anonymous (null session) lists only guest-ok shares" \
	lists_guest_shares -U%

impacket_list() {
	pyz_run 120 - "$port" <<'PY'
import sys
from impacket.smbconnection import SMBConnection
from impacket import smb
from impacket.dcerpc.v5 import transport, wkst
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
# wkssvc NetrWkstaGetInfo level 100 over the same SMB1 session
t = transport.SMBTransport('127.0.0.1', int(sys.argv[1]), r'\wkssvc',
                           smb_connection=c)
d = t.get_dce_rpc()
d.connect()
d.bind(wkst.MSRPC_UUID_WKST)
w = wkst.hNetrWkstaGetInfo(d, 100)['WkstaInfo']['WkstaInfo100']
print(w['wki100_computername'], w['wki100_langroup'])
assert w['wki100_computername'][:-1] == 'KCIFSDTEST', w
assert w['wki100_langroup'][:-1] == 'IPCWG', w
d.disconnect()
c.logoff()
PY
}
t_check "impacket listShares and wkssvc NetrWkstaGetInfo 100 over SMB1" \
	impacket_list

# TRANS_PEEK_NMPIPE at small MaxParameterCount and MaxDataCount,
# TRANS2_QUERY_FILE_INFORMATION on a pipe FID, reads of an empty pipe
# (tests/vm/pipe_ops.py).
t_check "TRANS_PEEK_NMPIPE: MaxParameterCount 4, MaxDataCount short" \
	pyz_run 60 tests/vm/pipe_ops.py "$port" alice secret peek
t_check "QUERY_FILE_INFORMATION on a pipe: basic, standard, others refused" \
	pyz_run 60 tests/vm/pipe_ops.py "$port" alice secret qfi
t_check "READ_ANDX of an empty pipe: waits (NT_CANCEL, a message, CLOSE, TREE_DISCONNECT, LOGOFF end it); non-blocking: STATUS_PIPE_EMPTY" \
	pyz_run 120 tests/vm/pipe_ops.py "$port" alice secret block
t_check "TRANS_READ_NMPIPE of an empty pipe: waits (3.3.5.57.9), ended as READ_ANDX's; non-blocking: STATUS_PIPE_EMPTY" \
	pyz_run 120 tests/vm/pipe_ops.py "$port" alice secret block-trans
t_check "a bind in a 12000-byte WRITE_ANDX (split from the socket or whole) gets its bind_ack" \
	pyz_run 60 tests/vm/pipe_ops.py "$port" alice secret large

rpc_has() {	# CREDENTIALS COMMAND PATTERN [NOT-PATTERN]
	local out

	out=$(timeout 60 rpcclient 127.0.0.1 -p "$port" -U "$1" "${nt1[@]}" \
		-c "$2" 2>&1)
	grep -q -- "$3" <<< "$out" &&
		{ [ $# -lt 4 ] || ! grep -q -- "$4" <<< "$out"; } ||
		{ echo "$out"; return 1; }
}
if command -v rpcclient > /dev/null; then
	t_check "rpcclient srvinfo (NetSrvGetInfo 101)" \
		rpc_has alice%secret srvinfo 'kcifsd ipc test'
	t_check "rpcclient netshareenumall 1 leaves hidden shares out" \
		rpc_has alice%secret 'netshareenumall 1' 'remark:.*Team docs' \
		'netname: hidden'
	t_check "rpcclient netshareenumall 2 is for administrators" \
		rpc_has alice%secret 'netshareenumall 2' WERR_ACCESS_DENIED
	t_check "rpcclient netshareenumall 2 as uid 0 shows paths" \
		rpc_has admin%adminpw 'netshareenumall 2' 'path:.*C:.*docs'
	t_check "rpcclient netsharegetinfo docs 1" \
		rpc_has alice%secret 'netsharegetinfo docs 1' 'remark:.*Team docs'
	t_check "rpcclient netsharegetinfo of a hidden share" \
		rpc_has alice%secret 'netsharegetinfo hidden 1' 'netname:.*hidden'
	t_check "rpcclient netshareenumall 1 anonymous: guest-ok shares only" \
		rpc_has % 'netshareenumall 1' 'netname: pub' 'netname: docs'
else
	t_skip "rpcclient" "not installed"
fi

# RAP NetShareEnum over \PIPE\LANMAN (what smbclient -L falls back to).
# net exits with the number of shares it printed.
rap_has() {	# CREDENTIALS PATTERN [NOT-PATTERN]
	local out

	out=$(timeout 60 net rap share -S 127.0.0.1 -p "$port" -U "$1" \
		"${nt1[@]}" 2>&1) || true
	grep -qx -- "$2" <<< "$out" &&
		{ [ $# -lt 3 ] || ! grep -qx -- "$3" <<< "$out"; } ||
		{ echo "$out"; return 1; }
}
if command -v net > /dev/null; then
	t_check "net rap share (RAP NetShareEnum) lists docs, not hidden" \
		rap_has alice%secret docs hidden
	t_check "net rap share in a null session leaves docs out" \
		rap_has % pub docs
else
	t_skip "net rap share" "samba-common-bin not installed"
fi

# smbtorture: the subtests listed must pass; the others (calls this
# server does not implement: sessions, connections, files, devices,
# transports, printing) are recorded as SKIP with their outcome.
torture() {	# TARGET CREDENTIALS SUITE EXPECTED-SUBTESTS...
	local suite=$3 out=$dir/$3.log name result want
	TORTURE_TARGET=$1 TORTURE_CRED=$2 torture_run "$suite" \
		--format=subunit "$suite" || true
	shift 3
	want="$(printf '|%s' "$@")|"
	while read -r result name; do
		case "$result" in
		success:|successful:) result=PASS ;;
		failure:|error:|fail:) result=FAIL ;;
		skip:) result=SKIP ;;
		*) continue ;;
		esac
		name=${name% \[*}
		if [[ "$want" == *"|$name|"* ]]; then
			if [ "$result" = PASS ]; then
				t_ok "smbtorture $suite $name"
			else
				t_fail "smbtorture $suite $name" "$(grep -A8 -F "$name" "$out" | head -20)"
			fi
		else
			t_skip "smbtorture $suite $name" "$result, not expected to pass here"
		fi
	done < <(grep -E '^(success|successful|failure|error|fail|skip): ' "$out")
	for name in "$@"; do
		grep -qF " $name" "$out" ||
			t_fail "smbtorture $suite $name" "did not run: $(tail -5 "$out")"
	done
}
if command -v smbtorture > /dev/null; then
	torture "//127.0.0.1/IPC\$" alice%secret rap.basic \
		netshareenum netservergetinfo netremotetod netserverenum
	torture "//127.0.0.1/IPC\$" alice%secret rap.rpc netservergetinfo
	torture "ncacn_np:127.0.0.1[smb1]" admin%adminpw rpc.srvsvc \
		"srvsvc (admin access).NetShareEnumAll" \
		"srvsvc (admin access).NetShareEnum" \
		"srvsvc (admin access).NetShareGetInfo" \
		"srvsvc (admin access).NetSrvGetInfo" \
		"srvsvc (admin access).NetRemoteTOD" \
		"srvsvc anonymous access.NetShareEnumAll" \
		"srvsvc anonymous access.NetShareEnum" \
		"srvsvc anonymous access.NetShareGetInfo"
else
	t_skip "smbtorture" "samba-testsuite not installed"
fi
