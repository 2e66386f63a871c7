# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# TRANS2: directory search (FIND_FIRST2/FIND_NEXT2/FIND_CLOSE2, and the
# Core SEARCH/FIND/FIND_UNIQUE/FIND_CLOSE), file and
# file-system information (QUERY/SET_PATH/FILE_INFORMATION,
# QUERY_FS_INFORMATION), TRANS2_CREATE_DIRECTORY, DOS attributes kept in
# the user.kcifsd.dos xattr. Clients: smbclient (NT1), impacket, the
# kernel cifs client (vers=1.0, nounix), smbtorture (base.dir1 base.dir2
# base.attr base.trans2 base.birthtime base.properties raw.search
# raw.qfileinfo raw.qfsinfo raw.chkpath raw.sfileinfo but its base test;
# raw.mux is 58-locks.sh's). The share is on ext4 in a loop file (tmpfs
# has no user xattrs); shares "nobtime" (ext4 with 128-byte inodes, no
# birth time) and "tmp" (tmpfs) for the DOS attribute store's edges.
#
# kcifsd-timeout: 2400

port=10445
kcifsd_suite_dir trans2 || return 0
mnt=$dir/mnt
share=$mnt/share
cmnt=$dir/cifs

smbc() {
	timeout 600 smbclient //127.0.0.1/share -p "$port" -U alice%secret \
		--option='client min protocol=NT1' \
		--option='client max protocol=NT1' "$@" 2>&1
}

# smbc_ok COMMANDS: smbclient runs the commands without an error.
smbc_ok() {
	local out
	out=$(smbc -c "$1") || { echo "$out"; return 1; }
	! grep -q NT_STATUS_ <<< "$out" || { echo "$out"; return 1; }
}

kcifsd_ext4 "$mnt" 512M -N 65536
# 128-byte inodes: ext4 without a birth time (no room for i_crtime)
kcifsd_ext4 "$dir/nobtime" 16M -I 128 > /dev/null 2>&1
chown 1000:1000 "$dir/nobtime"
# tmpfs: no user xattrs on 6.1
mkdir -p "$dir/tmp"
mount -t tmpfs -o size=4M,mode=0755 kcifsd-trans2-tmp "$dir/tmp"
t_cleanup bash -c "mountpoint -q '$dir/tmp' && umount -l '$dir/tmp'; true"
chown 1000:1000 "$dir/tmp"
mkdir "$cmnt"

mkdir -p "$share/sub/deeper" "$share/big"
echo hello > "$share/hello.txt"
head -c 100000 /dev/urandom > "$share/sub/data.bin"
echo deep > "$share/sub/deeper/deep.txt"
(cd "$share/big" && seq -f 'f%05g' 0 9999 | xargs touch)
chown -R 1000:1000 "$share"

kcifsd_conf
kc user add alice --uid 1000 --gid 1000 <<< 'secret' > /dev/null
kc share add share --path "$share" > /dev/null
kc share add nobtime --path "$dir/nobtime" > /dev/null
kc share add tmp --path "$dir/tmp" > /dev/null
kcifsd_start

# --- smbclient ---
smb_ls() {
	local out
	out=$(smbc -c 'ls') || { echo "$out"; return 1; }
	grep -q ' hello.txt  *A  *6 ' <<< "$out" &&
		grep -q ' sub  *D ' <<< "$out" &&
		grep -q ' \.\.  *D ' <<< "$out" || { echo "$out"; return 1; }
}
t_check "smbclient ls lists files with size and attributes" smb_ls
smb_ls_pattern() {
	local out
	out=$(smbc -c 'ls sub\*.bin') || { echo "$out"; return 1; }
	grep -q ' data.bin  *A  *100000 ' <<< "$out" &&
		! grep -q deeper <<< "$out" || { echo "$out"; return 1; }
}
t_check "smbclient ls with a wildcard in a subdirectory" smb_ls_pattern
smb_ls_case() {
	local out
	out=$(smbc -c 'ls SUB\DATA.BIN') || { echo "$out"; return 1; }
	grep -q ' data.bin ' <<< "$out" || { echo "$out"; return 1; }
}
t_check "smbclient ls of one name in another case" smb_ls_case
smb_allinfo() {
	local out
	out=$(smbc -c 'allinfo hello.txt') || { echo "$out"; return 1; }
	grep -q 'create_time:' <<< "$out" &&
		grep -q 'attributes: A' <<< "$out" &&
		grep -q 'stream: \[::\$DATA\], 6 bytes' <<< "$out" ||
		{ echo "$out"; return 1; }
}
t_check "smbclient allinfo" smb_allinfo
# Attributes through TRANS2_SET_FILE_INFORMATION (SMB_SET_FILE_BASIC_INFO)
# with impacket, read back with smbclient's allinfo (QUERY_PATH ALL_INFO).
set_attrs() {
	imp_py "$port" "$1" "$2" <<'PY'
import sys
import impacket_nt1
port, name, attrs = sys.argv[1], sys.argv[2], int(sys.argv[3], 0)
c, tid, s = impacket_nt1.connect(port)
fid = c.openFile(tid, name, desiredAccess=0x180)  # READ/WRITE_ATTRIBUTES
r = impacket_nt1.set_basic(s, tid, fid, attrs=attrs, check=False)
c.closeFile(tid, fid)
if r['Command'] != 0x32:                          # SMB_COM_TRANSACTION2
    sys.exit('set attributes: a reply to command %#x' % r['Command'])
if impacket_nt1.status(r):
    sys.exit('set attributes %#x: status %#x' % (attrs, impacket_nt1.status(r)))
PY
}
# attrs_are HEX: smbclient's allinfo shows these attributes ("HSA (26)").
attrs_are() {
	local out
	out=$(smbc -c 'allinfo hello.txt') || { echo "$out"; return 1; }
	grep -q "^attributes: .*($1)$" <<< "$out" || { echo "$out"; return 1; }
}
# dos_len N: user.kcifsd.dos of FILE is N bytes (16: version 1, no
# ChangeTime kept, what modules before version 2 read; 32: version 2).
dos_len() {
	local n
	n=$(getfattr --only-values -n user.kcifsd.dos "$share/$1" 2> /dev/null | wc -c)
	[ "$n" = "$2" ] || { echo "user.kcifsd.dos of $1: $n bytes, want $2"; return 1; }
}
dos_attrs() {
	set_attrs hello.txt 0x26 && attrs_are 26 && dos_len hello.txt 16 &&
		set_attrs hello.txt 0x80 && attrs_are 80 &&
		set_attrs hello.txt 0x01 && attrs_are 1 &&
		[ "$(stat -c %a "$share/hello.txt")" = 444 ] &&
		set_attrs hello.txt 0x20 && attrs_are 20 &&
		[ "$(stat -c %a "$share/hello.txt")" = 644 ]
}
t_check "DOS attributes set by SET_FILE_INFORMATION: H, S, A kept in user.kcifsd.dos (16 bytes), R as the mode" \
	dos_attrs
# smbclient's setmode (SET_INFORMATION, or SET_PATH_INFORMATION BASIC),
# read back by allinfo, ls and on the server.
ls_attrs_have() {	# LETTERS: hello.txt's attribute column in ls has each
	local a c
	a=$(smbc -c 'ls hello.txt' | awk '$1 == "hello.txt" { print $2 }')
	for c in $(grep -o . <<< "$1"); do
		[[ $a == *"$c"* ]] || { echo "ls attributes: '$a'"; return 1; }
	done
}
smb_setmode() {
	smbc_ok 'setmode hello.txt +hs' && attrs_are 26 &&
		ls_attrs_have HS &&
		smbc_ok 'setmode hello.txt -hs+r' && attrs_are 21 &&
		[ "$(stat -c %a "$share/hello.txt")" = 444 ] &&
		smbc_ok 'setmode hello.txt -r' && attrs_are 20 &&
		[ "$(stat -c %a "$share/hello.txt")" = 644 ]
}
t_check "smbclient setmode +hs, -hs+r, -r: allinfo, ls and the server's mode" \
	smb_setmode
# A ChangeTime set by SMB_SET_FILE_BASIC_INFO is the one BASIC_INFO and
# ALL_INFO read back (kept in user.kcifsd.dos with the inode change time
# it was stored at); a later write through another open, and a local
# chmod, move it to the inode's change time again. (Windows would not
# move it for writes through the open that set it; Linux moves the
# change time whatever the open: not checked.)
change_time() {
	imp_py "$port" "$share" <<'PY'
import os, struct, sys, time
import impacket_nt1
port, share = sys.argv[1], sys.argv[2]
SET = 0x01c08d74403f8000          # 2001-02-03 00:00:00 UTC as a FILETIME
c, tid, s = impacket_nt1.connect(port)
fid = impacket_nt1.create_rw(c, tid, 'ctime.txt')
c.writeFile(tid, fid, b'abc')

def change(level):     # ChangeTime of BASIC_INFO (0x101) or ALL_INFO (0x107)
    return struct.unpack_from('<Q', s.query_file_info(tid, fid, level), 24)[0]

def local():           # the inode change time as a FILETIME
    return os.stat(os.path.join(share, 'ctime.txt')).st_ctime_ns // 100 + \
        116444736000000000

def check(what, want):
    got = (change(0x101), change(0x107))
    if got != (want, want):
        sys.exit('%s: ChangeTime %#x, %#x, want %#x' % (what, *got, want))

impacket_nt1.set_basic(s, tid, fid, change=SET)
check('set', SET)
dos = os.getxattr(os.path.join(share, 'ctime.txt'), 'user.kcifsd.dos')
if len(dos) != 32 or dos[0] != 2:
    sys.exit('a ChangeTime kept: user.kcifsd.dos %s, want version 2' % dos.hex())
# Linux moves a change time once a clock tick (4 ms) has passed.
time.sleep(0.1)
fid2 = c.createFile(tid, 'ctime.txt', desiredAccess=0x120196,
                    creationDisposition=1)         # WRITE_DATA, OPEN
c.writeFile(tid, fid2, b'd', offset=3)
c.closeFile(tid, fid2)
if change(0x101) == SET:
    sys.exit('a write did not move ChangeTime')
check('after a write', local())
impacket_nt1.set_basic(s, tid, fid, change=SET, attrs=0x2)     # and HIDDEN
check('set with an attribute', SET)
# Attributes set without a ChangeTime drop the kept one: back to 16 bytes.
impacket_nt1.set_basic(s, tid, fid, attrs=0x6)                 # HIDDEN|SYSTEM
dos = os.getxattr(os.path.join(share, 'ctime.txt'), 'user.kcifsd.dos')
if len(dos) != 16 or dos[0] != 1:
    sys.exit('attributes without a ChangeTime: user.kcifsd.dos %s, want version 1' % dos.hex())
check('attributes without a ChangeTime', local())
impacket_nt1.set_basic(s, tid, fid, change=SET, attrs=0x2)     # again
check('set again', SET)
time.sleep(0.1)
os.chmod(os.path.join(share, 'ctime.txt'), 0o640)
check('after a local chmod', local())
c.closeFile(tid, fid)
os.remove(os.path.join(share, 'ctime.txt'))
PY
}
t_check "ChangeTime set by SET_FILE_INFORMATION reads back; a write or chmod moves it" \
	change_time
# Where no birth time is kept, CreationTime is the oldest of the other
# times: one SMB_SET_FILE_BASIC_INFO setting an older LastWriteTime
# makes it that time, with a ChangeTime in the same call too (what is
# stored with the ChangeTime is read after the new times are set), and
# that ChangeTime reads back. Storing the ChangeTime does not freeze the
# derived CreationTime: a still older LastWriteTime set later moves it.
# A CreationTime a client sets is kept through later times, attributes
# and ChangeTimes.
times_nobtime() {
	imp_py "$port" <<'PY'
import sys
import impacket_nt1
OLD = 0x01c08d74403f8000          # 2001-02-03, older than the file's times
SET = 0x01c08e3d6aa94000          # a day later
OLDER = OLD - 864000000000        # a day earlier
c, tid, s = impacket_nt1.connect(sys.argv[1], 'nobtime')
for name, change in (('plain.txt', 0), ('ctime.txt', SET)):
    fid = impacket_nt1.create_rw(c, tid, name)
    impacket_nt1.set_basic(s, tid, fid, write=OLD, change=change)
    got = impacket_nt1.basic_times(s, tid, fid)
    if got[0] != OLD or got[2] != OLD:
        sys.exit('%s: CreationTime %#x, LastWriteTime %#x, want %#x' %
                 (name, got[0], got[2], OLD))
    if change and got[3] != change:
        sys.exit('%s: ChangeTime %#x, want %#x' % (name, got[3], change))
    impacket_nt1.set_basic(s, tid, fid, write=OLDER)
    got = impacket_nt1.basic_times(s, tid, fid)
    c.closeFile(tid, fid)
    c.deleteFile('nobtime', name)
    if got[0] != OLDER:
        sys.exit('%s: CreationTime %#x after an older LastWriteTime, want %#x'
                 % (name, got[0], OLDER))
fid = impacket_nt1.create_rw(c, tid, 'kept.txt')
impacket_nt1.set_basic(s, tid, fid, create=SET)
for what, kw in (('an older LastWriteTime', {'write': OLDER}),
                 ('HIDDEN', {'attrs': 0x2}),
                 ('a ChangeTime', {'change': SET})):
    impacket_nt1.set_basic(s, tid, fid, **kw)
    got = impacket_nt1.basic_times(s, tid, fid)
    if got[0] != SET:
        sys.exit('kept.txt: CreationTime %#x after %s, want the one set, %#x'
                 % (got[0], what, SET))
c.closeFile(tid, fid)
c.deleteFile('nobtime', 'kept.txt')
PY
}
t_check "no birth time: LastWriteTime and ChangeTime in one set, CreationTime follows, ChangeTime reads back; one set is kept" \
	times_nobtime
# A ChangeTime alone on a share without user xattrs (tmpfs on 6.1) is
# not kept and not an error, nor logged (Linux clients send one with
# every utimes(2)); HIDDEN there is refused and logged.
tmpfs_nolog() {
	local before after
	before=$(dmesg | grep -c 'share tmp: no user extended attributes: DOS attributes cannot be kept') || true
	imp_py "$port" <<'PY' || return 1
import sys
import impacket_nt1
SET = 0x01c08e3d6aa94000
c, tid, s = impacket_nt1.connect(sys.argv[1], 'tmp')
fid = impacket_nt1.create_rw(c, tid, 'utimes.txt')
for i in range(3):
    impacket_nt1.set_basic(s, tid, fid, write=SET + i, change=SET + i)
st = impacket_nt1.status(impacket_nt1.set_basic(s, tid, fid, attrs=0x2, check=False))
c.closeFile(tid, fid)
c.deleteFile('tmp', 'utimes.txt')
if st != 0xC00000BB:
    sys.exit('HIDDEN on tmpfs: status %#x, want STATUS_NOT_SUPPORTED' % st)
PY
	after=$(dmesg | grep -c 'share tmp: no user extended attributes: DOS attributes cannot be kept') || true
	[ "$((after - before))" -eq 1 ] ||
		{ echo "$((after - before)) lines logged, want 1 (for HIDDEN)"; dmesg | tail -n 5; return 1; }
}
t_check "tmpfs share: a ChangeTime alone is no error and not logged, HIDDEN refused and logged once" \
	tmpfs_nolog
smb_big_dir() {
	local out n
	out=$(smbc -c 'ls big\*') || { echo "$out" | tail -n 5; return 1; }
	n=$(grep -c ' f[0-9]\{5\}  *A  *0 ' <<< "$out")
	[ "$n" -eq 10000 ] || { echo "$n entries, expected 10000"; return 1; }
}
t_check "smbclient dir of a 10000-file directory: 10000 entries" smb_big_dir
head -c 300000 /dev/urandom > "$dir/local.bin"
smb_put_get() {
	smbc_ok "put $dir/local.bin sub\\up.bin; get sub\\up.bin $dir/back.bin" &&
		cmp "$dir/local.bin" "$share/sub/up.bin" &&
		cmp "$dir/local.bin" "$dir/back.bin"
}
t_check "smbclient put and get" smb_put_get
smb_mkdir_rm() {
	smbc_ok 'mkdir newdir; put /etc/hostname newdir\h; rm newdir\*; rmdir newdir' &&
		[ ! -e "$share/newdir" ]
}
t_check "smbclient mkdir, rm with a wildcard, rmdir" smb_mkdir_rm

# --- impacket ---
imp_list() {
	imp_py "$port" <<'PY'
import sys
import impacket_nt1
c, _, _ = impacket_nt1.connect(sys.argv[1])
names = sorted(f.get_longname() for f in c.listPath('share', '*'))
want = ['.', '..', 'big', 'hello.txt', 'sub']
if not set(want) <= set(names):
    sys.exit('root: %r' % names)
big = c.listPath('share', 'big\\*')
if len(big) != 10002:
    sys.exit('big: %d entries' % len(big))
info = [f for f in c.listPath('share', 'sub\\data.bin')]
if len(info) != 1 or info[0].get_filesize() != 100000:
    sys.exit('sub\\data.bin: %r' % info)
c.createDirectory('share', 'impdir')
c.deleteDirectory('share', 'impdir')
c.logoff()
PY
}
t_check "impacket listPath (root, 10002 entries, one file), mkdir/rmdir" \
	imp_list

# --- the kernel's cifs client ---
cifs_opts="vers=1.0,sec=ntlmssp,nounix,port=$port,username=alice,password=secret,uid=1000,gid=1000,cache=none"
if modprobe cifs 2> /dev/null &&
		mount -t cifs //127.0.0.1/share "$cmnt" -o "$cifs_opts" \
		> "$dir/mount.log" 2>&1; then
	t_ok "mount -t cifs vers=1.0,nounix"
	t_cleanup bash -c "mountpoint -q '$cmnt' && umount -l '$cmnt'; true"
	cifs_ls() {
		local out
		out=$(ls -l "$cmnt") || return 1
		grep -q ' 6 .* hello.txt$' <<< "$out" &&
			grep -q '^d.* sub$' <<< "$out" || { echo "$out"; return 1; }
	}
	t_check "cifs: ls -l" cifs_ls
	cifs_stat() {
		[ "$(stat -c %s "$cmnt/sub/data.bin")" = 100000 ] &&
			[ "$(stat -c %Y "$cmnt/sub/data.bin")" = \
			  "$(stat -c %Y "$share/sub/data.bin")" ] &&
			[ "$(stat -c %i "$cmnt/sub/data.bin")" = \
			  "$(stat -c %i "$share/sub/data.bin")" ] ||
			{ stat "$cmnt/sub/data.bin" "$share/sub/data.bin"; return 1; }
	}
	t_check "cifs: stat (size, mtime, server inode number)" cifs_stat
	cifs_find() {
		local n
		n=$(find "$cmnt/big" -type f | wc -l)
		[ "$n" -eq 10000 ] || { echo "find: $n files"; return 1; }
	}
	t_check "cifs: find | wc -l on 10000 files" cifs_find
	t_check "cifs: du" du -s "$cmnt/sub"
	cifs_df() {
		local out
		out=$(df -k "$cmnt" | tail -n 1) || return 1
		[ "$(awk '{ print $2 }' <<< "$out")" -gt 400000 ] ||
			{ echo "$out"; return 1; }
	}
	t_check "cifs: df reports the volume's size" cifs_df
	cifs_tree() {
		mkdir -p "$dir/tree/a/b" && cp /etc/os-release "$dir/tree/a/" &&
			head -c 200000 /dev/urandom > "$dir/tree/a/b/r.bin" &&
			cp -r "$dir/tree" "$cmnt/tree" &&
			diff -r "$dir/tree" "$share/tree" &&
			cp -r "$cmnt/tree" "$dir/back" &&
			diff -r "$dir/tree" "$dir/back"
	}
	t_check "cifs: cp -r a tree in and out, diff -r" cifs_tree
	cifs_meta() {
		touch -d '2001-02-03 04:05:06' "$cmnt/hello.txt" &&
			[ "$(stat -c %Y "$share/hello.txt")" = \
			  "$(date -d '2001-02-03 04:05:06' +%s)" ] &&
			truncate -s 3 "$cmnt/hello.txt" &&
			[ "$(stat -c %s "$share/hello.txt")" = 3 ] &&
			mv "$cmnt/tree/a/os-release" "$cmnt/tree/renamed" &&
			[ -f "$share/tree/renamed" ] &&
			rm -r "$cmnt/tree" && [ ! -e "$share/tree" ]
	}
	t_check "cifs: touch -d, truncate, mv, rm -r" cifs_meta
	umount "$cmnt"
else
	t_fail "mount -t cifs vers=1.0,nounix" "$(cat "$dir/mount.log")"
fi

# --- smbtorture ---
# Each run gets a fresh directory tree on the share; what fails is
# reported with its first lines.
for test in base.dir1 base.attr base.trans2 raw.qfileinfo raw.qfsinfo \
	base.birthtime base.properties; do
	torture_test "$test"
done
# The Core SMB_COM_SEARCH listing (smbcli_list_old) of files and
# directories with inclusive and "must have" attributes; 300 of each
# (not 1000) still takes several continuations and keeps the time down.
torture_test base.dir2 --entries=300
# Every search level and form (Core SEARCH/FIND/FIND_UNIQUE and TRANS2),
# resume by key, name and flags, rewinds, OS/2 delete-while-listing, max
# count. Its "ea list" case (EAs through FIND) runs in 63-eas with the
# other EA tests: skipped here by that setting.
torture_test raw.search --option=torture:search_ea_support=false
# CHECK_DIRECTORY statuses (missing object vs missing directory on the
# way, "." components, a file as a directory) and SET_INFORMATION(2),
# every set level, rename by handle and by path: one smbtorture run.
sfileinfo_tests=(rename end-of-file end-of-file-access archive)
torture_run setinfo raw.chkpath raw.sfileinfo.base \
	"${sfileinfo_tests[@]/#/raw.sfileinfo.}" || true
torture_check raw.chkpath setinfo chkpath
torture_check raw.sfileinfo setinfo "${sfileinfo_tests[@]}"
# raw.sfileinfo.base sets every level by handle and by path and reads it
# back (ChangeTime included: fs/dosattr.h). What it cannot pass is
# AllocationSize: ext4 counts an external extended attribute block in
# the file's blocks, and create_complex_file's EAs with user.kcifsd.dos
# do not fit in a 256-byte inode, so its files report 4096 bytes more.
# Samba, which reports the blocks too, skips this test for smbd. Every
# other check must pass, with no warning (a level refused as
# NOT_SUPPORTED is only a warning there).
sfileinfo_base() {
	local out fails
	out=$(awk '$0 == "test: base" { p = 1; next }
		p && /^test: / { exit } p' "$dir/setinfo.log")
	fails=$(grep -E '^\(\.\./.*setfileinfo\.c:[0-9]+\)|^WARNING!' <<< "$out")
	grep -qxF 'Test mode_information level' <<< "$out" &&
		! grep -v 'ALLOCATION_INFO.* - all_info/alloc_size should be ' \
			<<< "$fails" || { echo "$fails"; return 1; }
}
if [ "$(torture_outcome setinfo base)" = success ]; then
	t_ok "smbtorture raw.sfileinfo.base"
else
	t_check "smbtorture raw.sfileinfo.base but AllocationSize" \
		sfileinfo_base
	t_skip "smbtorture raw.sfileinfo.base AllocationSize" \
		"ext4 counts the external xattr block of a file with EAs in its blocks (4096 bytes more)"
fi

# --- nothing left open ---
t_check "helper stops" kc stop
unmounts() {
	local i
	for i in $(seq 50); do
		umount "$mnt" 2> /dev/null && return 0
		sleep 0.2
	done
	umount "$mnt"
}
t_check "no directory left open: the share's file system unmounts" unmounts
