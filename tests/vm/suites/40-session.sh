# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# Logons (SESSION_SETUP_ANDX, LOGOFF_ANDX) and signing with real clients:
# smbclient (SPNEGO NTLMSSP, NTLMv2 and NTLMv1), impacket (SPNEGO, and the
# non-extended NT LM 0.12 logon), the kernel's cifs client (raw NTLMSSP).
# Accounts and shares come from the helper, started on private files. The
# policy settings (ntlm auth, server signing, map to guest) are changed
# with kcifsctl reload. The helper is killed and restarted under an open
# session. Tree connects get their own suite, 45-tree.
#
# kcifsd-timeout: 600

source tests/vm/sessenv.sh
sessenv_init session || return 0

# set_global KEY VALUE: change a [global] setting and reload.
set_global() {
	sed -i "/^[[:space:]]*$1[[:space:]]*=/d" "$conf"
	sed -i "/^\\[global\\]/a\\	$1 = $2" "$conf"
	kc reload
}

mkdir -p "$dir/docs"
chown 1000:1000 "$dir/docs"
kcifsd_conf "workgroup = TESTWG" "server signing = enabled" \
	"ntlm auth = no" "map to guest = never"
kc user add alice --uid 1000 --gid 1000 <<< 'secret' > /dev/null
kc user add bob --uid 1001 --gid 1001 <<< 'pw2' > /dev/null
kc share add docs --path "$dir/docs" > /dev/null
t_check "helper starts" kc start

# --- NTLMv2 (the default of every client) ---
t_check "smbclient: NTLMv2 in SPNEGO, tree connect" smbc_ok docs alice%secret
t_check "smbclient: the account name in another case" \
	smbc_ok docs ALICE%secret
t_check "smbclient: wrong password is LOGON_FAILURE" \
	smbc_fails NT_STATUS_LOGON_FAILURE docs alice%wrong
t_check "smbclient: unknown user is LOGON_FAILURE" \
	smbc_fails NT_STATUS_LOGON_FAILURE docs mallory%secret
t_check "failures answered after the same fixed delay" \
	tst failure-delay alice secret
t_check "impacket: SPNEGO NTLMv2 logon, tree connect, logoff" \
	tst login alice secret docs
t_check "impacket: SMBConnection with the SMB1 dialect" \
	tst connection alice secret docs
t_check "impacket: TREE_DISCONNECT and LOGOFF free their ids" \
	tst ids alice secret docs
t_check "impacket: re-authentication on the same UID, not as another" \
	tst reauth alice secret bob pw2 docs

# --- NTLMv1 only with "ntlm auth = yes" ---
t_check "smbclient: NTLMv1 refused while ntlm auth = no" \
	smbc_fails NT_STATUS_LOGON_FAILURE docs alice%secret \
	--option='client ntlmv2 auth=no'
t_check "impacket: non-extended NTLMv1 logon refused" \
	tst login-fails alice secret STATUS_LOGON_FAILURE nonext
t_check "reload: ntlm auth = yes" set_global "ntlm auth" yes
t_check "smbclient: NTLMv1 (ESS in NTLMSSP) with ntlm auth = yes" \
	smbc_ok docs alice%secret --option='client ntlmv2 auth=no'
t_check "impacket: non-extended NTLMv1 logon and tree connect" \
	tst login alice secret docs nonext
t_check "impacket: non-extended logon, wrong password" \
	tst login-fails alice wrong STATUS_LOGON_FAILURE nonext

# --- signing ---
t_check "smbclient: client signing required, server enabled" \
	smbc_ok docs alice%secret --option='client signing=required'
t_check "impacket: signed session, sequence numbers, bad signature" \
	tst signed-session alice secret docs
t_check "an unsigned request sent right behind the logon that turns signing on is refused" \
	pyz_run 120 tests/vm/sign_gap.py alice secret
t_check "reload: server signing = required" \
	set_global "server signing" required
t_check "NEGOTIATE advertises SECURITY_SIGNATURES_REQUIRED" \
	tst signing-required-advertised
t_check "smbclient: signing required by the server" \
	smbc_ok docs alice%secret
t_check "smbclient: non-extended NTLMv1 logon, signed" \
	smbc_ok docs alice%secret --option='client use spnego=no' \
	--option='client ntlmv2 auth=no'
t_check "smbclient refusing to sign is refused" \
	smbc_fails NT_STATUS_ docs alice%secret \
	--option='client signing=disabled'
t_check "impacket: a client that does not sign is refused" \
	tst unsigned-refused alice secret docs
t_check "impacket: signed session under required signing" \
	tst signed-session alice secret docs
t_check "reload: server signing = disabled" \
	set_global "server signing" disabled
t_check "smbclient: client signing required, server disabled, refused" \
	smbc_fails NT_STATUS_ docs alice%secret \
	--option='client signing=required'
t_check "reload: server signing = enabled" set_global "server signing" enabled

# --- guests and null sessions ---
t_check "smbclient: null session on IPC\$" smbc_ok 'IPC$' '%'
t_check "impacket: unknown user, map to guest = never" \
	tst login-fails nobody-here pw STATUS_LOGON_FAILURE
t_check "reload: map to guest = bad user" set_global "map to guest" "bad user"
t_check "impacket: unknown user becomes a guest" \
	tst login nobody-here pw 'IPC$' guest
t_check "impacket: wrong password stays a failure (bad user)" \
	tst login-fails alice wrong STATUS_LOGON_FAILURE
t_check "reload: map to guest = bad password" \
	set_global "map to guest" "bad password"
t_check "impacket: wrong password becomes a guest" \
	tst login alice wrong 'IPC$' guest
t_check "reload: map to guest = never" set_global "map to guest" never

# --- the kernel's cifs client: raw NTLMSSP ---
mnt=$dir/mnt
mkdir -p "$mnt"
modprobe cifs 2> /dev/null || true
rc=0
out=$(timeout 60 mount -t cifs "//127.0.0.1/docs" "$mnt" -o \
	"port=$port,vers=1.0,sec=ntlmssp,nounix,username=alice,password=secret" \
	2>&1) || rc=$?
cifs_mounts=0
if [ "$rc" -eq 0 ]; then
	cifs_mounts=1
	t_ok "cifs: mount with raw NTLMSSP"
	umount "$mnt" || true
else
	# Logon and tree connect are done when the client goes on to ask
	# file-system questions this server may not answer yet.
	cifs_log=$(dmesg | grep -i cifs | tail -n 20)
	if grep -Eq 'Send error in SessSetup|SessSetup.*= -|tree connect.*fail|TreeConnect.*-' <<< "$cifs_log"; then
		t_fail "cifs: raw NTLMSSP logon and tree connect" "$out
$cifs_log"
	else
		t_ok "cifs: raw NTLMSSP logon and tree connect"
		t_skip "cifs: mount with raw NTLMSSP" \
			"stops after the tree connect: $(tail -n 1 <<< "$cifs_log")"
	fi
fi

# Signed, with file data: READ_ANDX replies carry page-cache pages, which
# the signature covers too (the cifs client checks every reply).
head -c 300000 /dev/urandom > "$dir/docs/data.bin"
chown 1000:1000 "$dir/docs/data.bin"
cifs_signed_read() {
	mount -t cifs "//127.0.0.1/docs" "$mnt" -o \
		"port=$port,vers=1.0,sec=ntlmssp,nounix,sign,username=alice,password=secret" ||
		return 1
	local rc=0
	cmp "$dir/docs/data.bin" "$mnt/data.bin" || rc=1
	echo "written through the signed mount" > "$mnt/new.txt" || rc=1
	umount "$mnt" || rc=1
	grep -q 'signed mount' "$dir/docs/new.txt" || rc=1
	return $rc
}
if [ "$cifs_mounts" -eq 1 ]; then
	t_check "cifs: signed mount (sign), read and write file data" \
		cifs_signed_read
else
	t_skip "cifs: signed mount (sign), read and write file data" \
		"the cifs client does not mount yet"
fi

# --- the helper goes away under an open session ---
pid=$(daemon_pid)
t_check "helper killed: session lives on, new logons fail, restart" \
	tst helper-gone alice secret docs "kill -9 $pid" \
	"sleep 1; '$K' -c '$conf' -u '$users' start"
t_check "no oops or warning in the kernel log" \
	bash -c "! dmesg | grep -Eq 'BUG:|WARNING:|Oops'"
