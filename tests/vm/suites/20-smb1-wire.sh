# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# SMB1 wire layer: NEGOTIATE (both security forms) and ECHO over 445 and
# 139, NT_CANCEL, and malformed messages (short or non-SMB headers, counts
# past the end, bad AndX chains, a second NEGOTIATE, unknown commands,
# garbage after a message), each answered with the status MS-CIFS asks for
# or a disconnect while other connections keep being served. Raw sockets
# on loopback through tests/vm/smbraw.py; then smbclient, which must get
# through NEGOTIATE and stop at SESSION_SETUP.
#
# kcifsd-params: autostart=1

wire() {
	pyz_run 120 tests/vm/smb1_wire.py "$@"
}

t_check "445: NEGOTIATE, NT LM 0.12 non-extended response" wire negotiate445
t_check "445: NEGOTIATE, extended-security response" wire negotiate-extended
t_check "no common dialect: DialectIndex 0xFFFF, then closed" wire no-dialect
t_check "445: ECHO answered" wire echo445
t_check "139: ECHO answered after the session request" wire echo139
t_check "ECHO EchoCount 3 gets 3 numbered replies, 0 gets none" wire echo-count
t_check "NT_CANCEL is never answered" wire nt-cancel
t_check "a request before NEGOTIATE closes" wire before-negotiate
t_check "second NEGOTIATE: STATUS_INVALID_SMB, connection kept" wire second-negotiate
t_check "bad protocol id closes" wire bad-magic
t_check "short header closes, header without counts: INVALID_SMB" wire short-header
t_check "WordCount/ByteCount past the end: INVALID_SMB" wire counts-past-end
t_check "wrong WordCount for the command: INVALID_SMB" wire wrong-wordcount
t_check "garbage after a valid message ignored" wire garbage-after
t_check "unknown/reserved: BAD_COMMAND, obsolete: NOT_IMPLEMENTED, DOS form" wire unknown-commands
t_check "AndX loops, backward/outside offsets, bad follow-ons: INVALID_SMB" wire andx
t_check "dropped connections do not disturb others" wire others-served

# A real client: smbclient speaks NT1 with extended security, gets past
# NEGOTIATE and fails at SESSION_SETUP, which the server does not have yet
# (NT_STATUS_NOT_IMPLEMENTED) or refuses for an anonymous user. Samba
# prints "session setup failed: <status>" exactly at that point, and
# "protocol negotiation failed" if NEGOTIATE had gone wrong.
smbclient_out=$(timeout 60 smbclient -L //127.0.0.1 -N \
	--option='client min protocol=NT1' \
	--option='client max protocol=NT1' 2>&1) || true
if grep -q 'protocol negotiation failed' <<< "$smbclient_out"; then
	t_fail "smbclient (NT1) gets past NEGOTIATE" "$smbclient_out"
else
	t_ok "smbclient (NT1) gets past NEGOTIATE"
fi
if grep -Eq 'session setup failed: NT_STATUS_' <<< "$smbclient_out"; then
	t_ok "smbclient (NT1) stops at SESSION_SETUP"
else
	t_fail "smbclient (NT1) stops at SESSION_SETUP" "$smbclient_out"
fi

t_check "the server still answers after all of the above" wire echo445
