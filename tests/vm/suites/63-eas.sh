# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# Extended attributes and NT_TRANSACT: EAs kept in user.kcifsd.ea.*
# xattrs (fs/ea.c), set and read through TRANS2 (SMB_INFO_SET_EAS,
# SMB_INFO_QUERY_EAS_FROM_LIST / QUERY_ALL_EAS, EaSize) and given at
# creation by NT_TRANSACT_CREATE. Clients: smbtorture (raw.eas), raw
# TRANS2 requests from impacket (hostile lists too), the kernel cifs
# client (vers=1.0, nounix: user.* xattrs of the mount are SMB1 EAs)
# with getfattr, checked on the server's side; a share on tmpfs (no
# user xattrs on 6.1) refuses EAs with STATUS_EAS_NOT_SUPPORTED. FIND
# levels with EAs: raw.search's "ea list".
#
# kcifsd-timeout: 600

port=10445
kcifsd_suite_dir eas || return 0
mnt=$dir/mnt
share=$mnt/share
tmpshare=$dir/tmpfs
cmnt=$dir/cifs

kcifsd_ext4 "$mnt" 64M
mkdir "$cmnt" "$tmpshare"
mount -t tmpfs -o size=16M tmpfs "$tmpshare"
t_cleanup bash -c "mountpoint -q '$tmpshare' && umount -l '$tmpshare'; true"
mkdir -p "$share"
echo hello > "$share/f.txt"
echo hello > "$tmpshare/f.txt"
chown -R 1000:1000 "$share" "$tmpshare"

kcifsd_conf
kc user add alice --uid 1000 --gid 1000 <<< 'secret' > /dev/null
kc share add share --path "$share" > /dev/null
kc share add tmp --path "$tmpshare" > /dev/null
kcifsd_start

# --- smbtorture, one process ---
# raw.eas: set, change, delete (zero-length value), bad names (all 255
# bytes tried: nothing set from a list with one bad name),
# NT_TRANSACT_CREATE with an EA list, and with a bad name (no file made).
# raw.search "ea list": FIND_FIRST2 with SMB_INFO_QUERY_EAS_FROM_LIST.
torture_run eas raw.eas "raw.search.ea list"
torture_check raw.eas eas eas
torture_check "raw.search.ea list" eas "ea list"

# --- raw TRANS2 EA requests (impacket): good, hostile and refused lists ---
# One script, two groups of checks (the first argument after the port).
eas_py=$(cat <<'PY'
import struct
import sys
from impacket import smb
from impacket.smbconnection import SMBConnection

c = SMBConnection('127.0.0.1', '127.0.0.1', sess_port=int(sys.argv[1]),
                  preferredDialect=smb.SMB_DIALECT)
c.login('alice', 'secret')
s = c.getSMBServer()
uni = s.get_flags()[1] & smb.SMB.FLAGS2_UNICODE
fails = []


def trans2_full(tid, sub, param, data):
    """One TRANS2 request: (status, parameters, data) of the reply."""
    s.send_trans2(tid, sub, '\x00', param, data)
    r = s.recvSMB()
    st = r['ErrorClass'] | r['_reserved'] << 8 | r['ErrorCode'] << 16
    raw = r.getData()
    w = 33
    if raw[32] >= 10:
        pc, po, _, dc, do = struct.unpack_from('<HHHHH', raw, w + 6)
        return st, raw[po:po + pc], raw[do:do + dc]
    return st, b'', b''


def trans2(tid, sub, param, data):
    st, _, d = trans2_full(tid, sub, param, data)
    return st, d


def path_param(level, name):
    n = name.encode('utf-16-le') + b'\0\0' if uni else name.encode() + b'\0'
    return struct.pack('<HI', level, 0) + n


def fea(name, value, flags=0):
    return struct.pack('<BBH', flags, len(name), len(value)) + \
        name.encode() + b'\0' + value


def fea_list(*entries):
    body = b''.join(entries)
    return struct.pack('<I', 4 + len(body)) + body


def expect(what, got, want):
    if got != want:
        fails.append('%s: 0x%08x, want 0x%08x' % (what, got, want))


def open2(tid, name, open_func, eas=b'', mode=0x42, flags=0x9, alloc=0,
          short=False):
    """TRANS2_OPEN2: (status, the 30 response parameter bytes)."""
    n = name.encode('utf-16-le') + b'\0\0' if uni else name.encode() + b'\0'
    param = struct.pack('<HHHHIHI10s', flags, mode, 0, 0, 0, open_func,
                        alloc, b'') + n
    if short:
        param = param[:10]
    st, p, _ = trans2_full(tid, 0, param, eas)
    return st, p


def ea_checks():
    tid = c.connectTree('share')
    st, _ = trans2(tid, 6, path_param(2, 'f.txt'),
                   fea_list(fea('Colour', b'blue'), fea('size', b'\0\1\2\xff')))
    expect('set two EAs', st, 0)
    st, data = trans2(tid, 5, path_param(4, 'f.txt'), b'')
    expect('query all EAs', st, 0)
    if b'Colour\0blue' not in data or b'size\0\0\1\2\xff' not in data:
        fails.append('query all EAs: %r' % data)
    # FileFullEaInformation (1015): the same EAs as MS-FSCC 2.4.15 entries
    full, pos = [], 4
    while pos < len(data):
        nl, vl = data[pos + 1], struct.unpack_from('<H', data, pos + 2)[0]
        full.append(struct.pack('<BBH', data[pos], nl, vl) +
                    data[pos + 4:pos + 5 + nl + vl])
        pos += 5 + nl + vl
    want = b''
    for i, e in enumerate(full):
        size = 4 + len(e)
        nxt = (size + 3) & ~3 if i + 1 < len(full) else 0
        want += struct.pack('<I', nxt) + e + b'\0' * (nxt - size if nxt else 0)
    st, got = trans2(tid, 5, path_param(1015, 'f.txt'), b'')
    expect('FileFullEaInformation', st, 0)
    if got != want or len(full) != 2:
        fails.append('FileFullEaInformation: %r, want %r' % (got, want))
    # EaSize (SMB_INFO_QUERY_EA_SIZE) is that list's size
    st, info = trans2(tid, 5, path_param(2, 'f.txt'), b'')
    if st or struct.unpack_from('<I', info, 22)[0] != len(data):
        fails.append('EaSize %r, list %d' % (info, len(data)))
    # SizeOfListInBytes past the data; a name running past the list
    st, _ = trans2(tid, 6, path_param(2, 'f.txt'),
                   struct.pack('<I', 64) + fea('A', b'x'))
    expect('list size past the data', st, 0x80000014)
    bad = bytearray(fea_list(fea('B', b'y')))
    bad[5] = 200
    st, _ = trans2(tid, 6, path_param(2, 'f.txt'), bytes(bad))
    expect('name length past the list', st, 0x80000014)
    st, _ = trans2(tid, 6, path_param(2, 'f.txt'),
                   fea_list(fea('ok', b'1'), fea('a:b', b'2')))
    expect('bad name', st, 0x80000013)
    # zero length deletes; asked by name, a missing EA comes back empty
    st, _ = trans2(tid, 6, path_param(2, 'f.txt'), fea_list(fea('COLOUR', b'')))
    expect('delete by zero length', st, 0)
    gea = struct.pack('<IB', 4 + 8, 6) + b'COLOUR\0'
    st, data = trans2(tid, 5, path_param(3, 'f.txt'), gea)
    expect('query from list', st, 0)
    if data != fea_list(fea('COLOUR', b'')):
        fails.append('query from list: %r' % data)
    c.disconnectTree(tid)

    tid = c.connectTree('tmp')
    st, _ = trans2(tid, 6, path_param(2, 'f.txt'), fea_list(fea('x', b'y')))
    expect('tmpfs: set', st, 0xC000004F)
    st, d = trans2(tid, 5, path_param(1015, 'f.txt'), b'')
    expect('FileFullEaInformation, no EAs', st, 0xC0000052)
    if d:
        fails.append('FileFullEaInformation, no EAs: %d bytes of data' % len(d))
    # An error is an error response, without a data block
    st, d = trans2(tid, 5, path_param(0x3FF, 'f.txt'), b'')
    expect('unknown level', st, 0xC0000148)
    if d:
        fails.append('unknown level: %d bytes of data' % len(d))


def t2open_checks():
    tid = c.connectTree('share')
    eas = fea_list(fea('Colour', b'red'))
    st, p = open2(tid, 't2.txt', 0x11, eas)
    expect('create with EAs', st, 0)
    if st == 0:
        fid, attrs, _, size, access, ftype, _, action, _, eoff, ealen = \
            struct.unpack('<HHIIHHHHIHI', p)
        expect('created: ActionTaken', action, 2)
        expect('created: AccessMode', access, 0x42)
        expect('created: EA length (REQ_EASIZE)', ealen, len(eas))
        s.close(tid, fid)
    # An existing file keeps its EAs; truncation gets AllocationSize.
    st, p = open2(tid, 't2.txt', 0x01, fea_list(fea('Other', b'x')))
    expect('open existing', st, 0)
    if st == 0:
        expect('opened: ActionTaken', struct.unpack_from('<H', p, 18)[0], 1)
        s.close(tid, struct.unpack_from('<H', p)[0])
    st, p = open2(tid, 't2.txt', 0x02, alloc=100)
    expect('truncate', st, 0)
    if st == 0:
        expect('truncated: ActionTaken', struct.unpack_from('<H', p, 18)[0], 3)
        expect('truncated: size', struct.unpack_from('<I', p, 8)[0], 100)
        s.close(tid, struct.unpack_from('<H', p)[0])
    # "Fail either way": which failure, nothing made
    expect('fail/fail, exists', open2(tid, 't2.txt', 0x00)[0], 0xC0000035)
    expect('fail/fail, absent', open2(tid, 't2-none.txt', 0x00)[0], 0xC0000034)
    # A refused list makes no file; its EaErrorOffset comes back
    st, p = open2(tid, 't2-bad.txt', 0x10, fea_list(fea('ok', b'1'), fea('a:b', b'2')))
    expect('bad EA name', st, 0x80000013)
    if len(p) != 30 or struct.unpack_from('<H', p, 24)[0] != 12:
        fails.append('bad EA name: response parameters %r' % p)
    st, _ = open2(tid, 't2-bad.txt', 0x10, struct.pack('<I', 64) + fea('A', b'x'))
    expect('list size past the data', st, 0x80000014)
    expect('parameters too short', open2(tid, 't2-x.txt', 0x11, short=True)[0],
           0xC000000D)


{'ea': ea_checks, 't2open': t2open_checks}[sys.argv[2]]()
c.logoff()
if fails:
    sys.exit('\n'.join(fails))
PY
)
eas_raw() {
	python3 -c "$eas_py" "$port" ea
}
t_check "TRANS2 EAs: set, query all/by name, EaSize, FileFullEaInformation, hostile lists, bad name, tmpfs refuses" eas_raw

# --- TRANS2_OPEN2: the open with its EA list (fs/trans2_open.c) ---
t2open_raw() {
	python3 -c "$eas_py" "$port" t2open
}
t2open_server_side() {
	[ "$(getfattr --only-values -n user.kcifsd.ea.Colour "$share/t2.txt")" = red ] &&
		! getfattr -n user.kcifsd.ea.Other "$share/t2.txt" 2> /dev/null &&
		[ "$(stat -c %s "$share/t2.txt")" = 100 ] &&
		[ ! -e "$share/t2-none.txt" ] && [ ! -e "$share/t2-bad.txt" ] &&
		[ ! -e "$share/t2-x.txt" ]
}
t_check "TRANS2_OPEN2: EAs on create only, ActionTaken, AllocationSize, fail/fail, refused lists" t2open_raw
t_check "TRANS2_OPEN2 server side: the EA set, none from an open or a refused list" t2open_server_side
eas_server_side() {
	[ "$(getfattr --only-values -n user.kcifsd.ea.size "$share/f.txt" | od -An -tx1 | tr -d ' ')" = 000102ff ] &&
		! getfattr -n user.kcifsd.ea.Colour "$share/f.txt" 2> /dev/null &&
		! getfattr -n user.kcifsd.ea.ok "$share/f.txt" 2> /dev/null ||
		{ getfattr -d -m - -e hex "$share/f.txt"; return 1; }
}
t_check "server side: EAs in user.kcifsd.ea.*, nothing from a refused list" eas_server_side
t_check "tmpfs share: EAS_NOT_SUPPORTED logged" \
	kcifsd_dmesg_has 'share tmp: no user extended attributes: EAs cannot be kept'

# --- the kernel's cifs client: user.* xattrs are EAs ---
cifs_opts="vers=1.0,sec=ntlmssp,nounix,port=$port,username=alice,password=secret,uid=1000,gid=1000,cache=none"
if modprobe cifs 2> /dev/null &&
		mount -t cifs //127.0.0.1/share "$cmnt" -o "$cifs_opts" \
		> "$dir/mount.log" 2>&1; then
	t_cleanup bash -c "mountpoint -q '$cmnt' && umount -l '$cmnt'; true"
	# setfattr through a vers=1.0 mount oopses Debian's 6.1 cifs client
	# (fortify_panic in CIFSSMBSetEA), so EAs are set on the server and
	# read back through the client.
	cifs_eas() {
		local out
		setfattr -n user.kcifsd.ea.Mixed -v hello "$share/f.txt" &&
			out=$(getfattr -d "$cmnt/f.txt" 2> /dev/null) &&
			grep -q '^user.Mixed="hello"' <<< "$out" &&
			grep -q '^user.size=' <<< "$out" &&
			# the DOS attribute xattr is not an EA a client sees
			! grep -q '^user\.kcifsd' <<< "$out" ||
			{ getfattr -d -m - "$share/f.txt"; echo "$out"; return 1; }
	}
	t_check "cifs: getfattr lists the EAs as user.* xattrs" cifs_eas
	umount "$cmnt"
else
	t_fail "mount -t cifs vers=1.0,nounix" "$(cat "$dir/mount.log")"
fi

t_check "helper stops" kc stop
