# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# Files on the page cache: NT_CREATE_ANDX and the other opens, READ_ANDX
# and WRITE_ANDX (byte-for-byte round trips of 0 B, 1 B, 64 KiB - 1 and
# 1 MiB + 1), CLOSE, DELETE, RENAME and NT_RENAME, directories, share
# modes and delete-on-close, QUERY/SET_INFORMATION; and the security
# rules: nothing outside the share ('..', symlinks), the user's own
# permissions, read-only shares refuse every kind of write. Clients:
# impacket (tests/vm/filetest.py) and smbclient. The share is on ext4 in
# a loop file (tmpfs has no user xattrs).
#
# kcifsd-timeout: 900

T=$PWD/tests/vm/filetest.py
port=10445
export KCIFSD_TCP_PORT=$port
kcifsd_suite_dir files || return 0
mnt=$dir/mnt

ft() {
	pyz_run 300 "$T" "$@"
}

smbc() {
	local share=$1
	shift
	timeout 120 smbclient "//127.0.0.1/$share" -p "$port" -U alice%secret \
		--option='client min protocol=NT1' \
		--option='client max protocol=NT1' "$@" 2>&1
}

# smbc_ok SHARE COMMANDS: smbclient runs the commands without an error.
smbc_ok() {
	local out
	out=$(smbc "$1" -c "$2") || { echo "$out"; return 1; }
	! grep -q NT_STATUS_ <<< "$out" || { echo "$out"; return 1; }
}

kcifsd_ext4 "$mnt" 384M

mkdir "$mnt/docs" "$mnt/ro" "$mnt/outside" "$mnt/tiny"
# A small file system of its own for the disk-full check.
kcifsd_ext4 "$mnt/tiny" 4M -m 0
chown 1000:1000 "$mnt/tiny"
echo secret > "$mnt/outside/secret"
echo hello > "$mnt/docs/target"
ln -s target "$mnt/docs/inside"
ln -s /etc "$mnt/docs/abs"
ln -s /etc/hostname "$mnt/docs/abslink"
ln -s ../outside "$mnt/docs/rel"
mkdir "$mnt/docs/sub"
echo private > "$mnt/docs/private"
chmod 600 "$mnt/docs/private"
chown -R 1000:1000 "$mnt/docs"
chown root:root "$mnt/docs/private"
# A directory of root's the user may enter but not change.
mkdir "$mnt/docs/locked"
echo locked > "$mnt/docs/locked/file"
chown -R root:root "$mnt/docs/locked"
# A file system mounted inside the share (LOOKUP_NO_XDEV refuses it).
mkdir "$mnt/docs/mp"
mount -t tmpfs -o size=1M kcifsd-mp "$mnt/docs/mp"
t_cleanup bash -c "mountpoint -q '$mnt/docs/mp' && umount -l '$mnt/docs/mp'; true"
echo mounted > "$mnt/docs/mp/mounted"
echo "read me" > "$mnt/ro/readme"
mkdir "$mnt/ro/keepdir"
chown -R 1000:1000 "$mnt/ro"
ro_mtime=$(stat -c %Y "$mnt/ro/readme")

kcifsd_conf
kc user add alice --uid 1000 --gid 1000 <<< 'secret' > /dev/null
kc share add docs --path "$mnt/docs" > /dev/null
kc share add ro --path "$mnt/ro" --read-only > /dev/null
kc share add tiny --path "$mnt/tiny" > /dev/null
kcifsd_start

# --- data round trips ---
for size in 0 1 65535 1048577; do
	t_check "impacket put, READ_ANDX back: $size bytes" \
		ft roundtrip alice secret docs "$size" "rt$size.bin"
	ondisk() {
		python3 - "$1" "$2" <<'PY'
import hashlib, sys
size, path = int(sys.argv[1]), sys.argv[2]
out, i = bytearray(), 0
while len(out) < size:
    out += hashlib.sha256(b"%d" % i).digest()
    i += 1
sys.exit(0 if open(path, "rb").read() == bytes(out[:size]) else 1)
PY
	}
	t_check "the file on disk holds the same $size bytes" \
		ondisk "$size" "$mnt/docs/rt$size.bin"
done
owned_by_alice() {
	[ "$(stat -c %u:%g "$mnt/docs/rt1.bin")" = 1000:1000 ]
}
t_check "new files belong to the user" owned_by_alice
# impacket's getFile asks for the size with TRANS2 QUERY_FILE_INFORMATION
# (the transaction code's): skipped while that answers NOT_IMPLEMENTED.
for size in 0 65535 1048577; do
	rc=0
	out=$(ft getfile alice secret docs "$size" "gf$size.bin" 2>&1) || rc=$?
	if [ "$rc" -eq 77 ]; then
		t_skip "impacket getFile: $size bytes" "$out"
	elif [ "$rc" -eq 0 ]; then
		t_ok "impacket getFile: $size bytes"
	else
		t_fail "impacket getFile: $size bytes" "$out"
	fi
done
t_check "writes past EOF, zero-length writes, 64-bit offsets" \
	ft write_offsets alice secret docs
t_check "large READ_ANDX and WRITE_ANDX in one message each" \
	ft large alice secret docs
t_check "a full file system: STATUS_DISK_FULL, nothing half-written counted" \
	ft disk_full alice secret tiny

# --- commands ---
t_check "NT_CREATE dispositions and options" ft dispositions alice secret docs
t_check "directories: CREATE/DELETE/CHECK_DIRECTORY" \
	ft mkdir_rmdir alice secret docs
t_check "RENAME, NT_RENAME (hard link, rename), case-only rename" \
	ft rename alice secret docs
t_check "DELETE with wildcards" ft delete alice secret docs
t_check "share modes and delete-on-close across connections" \
	ft share_modes alice secret docs
t_check "TREE_DISCONNECT and LOGOFF_ANDX close their opens" \
	ft teardown alice secret docs
t_check "QUERY/SET_INFORMATION, QUERY_INFORMATION_DISK" \
	ft info alice secret docs
t_check "NT_TRANSACT_IOCTL: FSCTL_SET_SPARSE sets and clears SPARSE_FILE; other controls refused" \
	ft fsctl alice secret docs
t_check "Core opens and I/O: CREATE_NEW, CREATE, OPEN, OPEN_ANDX, CREATE_TEMPORARY, READ, WRITE, SEEK, FLUSH, WRITE_AND_CLOSE, PROCESS_EXIT" \
	ft core alice secret docs

# --- security ---
t_check "no way out of the share ('..', symlinks, mount points, bad names), whatever the command" \
	ft escapes alice secret docs
outside_untouched() {
	[ "$(cat "$mnt/outside/secret")" = secret ] &&
		[ "$(ls "$mnt/outside")" = secret ] &&
		[ "$(ls "$mnt/docs/mp")" = mounted ]
}
t_check "nothing outside the share was touched" outside_untouched
umount "$mnt/docs/mp"
t_check "what the user may not read or change is ACCESS_DENIED" \
	ft denied alice secret docs private locked
t_check "a read-only share refuses every kind of write" \
	ft read_only alice secret ro readme
ro_untouched() {
	[ "$(ls "$mnt/ro")" = "$(printf 'keepdir\nreadme')" ] &&
		[ -z "$(ls "$mnt/ro/keepdir")" ] &&
		[ "$(cat "$mnt/ro/readme")" = "read me" ] &&
		[ "$(stat -c %Y "$mnt/ro/readme")" = "$ro_mtime" ]
}
t_check "the read-only share is untouched" ro_untouched

# --- smbclient ---
# smbclient's get asks for the size with TRANS2 QUERY_FILE_INFORMATION and
# its rm lists the directory with TRANS2 FIND_FIRST2 (the transaction and
# search code's); what needs neither is checked here.
head -c 300000 /dev/urandom > "$dir/local.bin"
smb_put() {
	smbc_ok docs "put $dir/local.bin sc.bin" &&
		cmp "$dir/local.bin" "$mnt/docs/sc.bin"
}
t_check "smbclient put" smb_put
rc=0
out=$(smbc docs -c "get sc.bin $dir/back.bin") || rc=$?
if grep -q NT_STATUS_NOT_IMPLEMENTED <<< "$out"; then
	t_skip "smbclient get" "$(head -n 3 <<< "$out")"
elif [ "$rc" -eq 0 ] && cmp -s "$dir/local.bin" "$dir/back.bin"; then
	t_ok "smbclient get"
else
	t_fail "smbclient get" "$out"
fi
smb_dirs() {
	smbc_ok docs "mkdir scdir; rename sc.bin scdir\\moved.bin" &&
		cmp "$dir/local.bin" "$mnt/docs/scdir/moved.bin" &&
		smbc_ok docs "rename scdir\\moved.bin sc2.bin; rmdir scdir" &&
		[ ! -e "$mnt/docs/scdir" ] && [ -f "$mnt/docs/sc2.bin" ]
}
t_check "smbclient mkdir, rename into and out of it, rmdir" smb_dirs

# --- no bounce buffers ---
# "file data: R read, W written, C copied": C counts file data the
# server copied beyond the one copy of a write into the page cache.
no_copies() {
	local line r w c
	line=$(kc status | grep 'file data:') || {
		echo "kcifsctl status has no file data line"
		return 1
	}
	read -r r w c <<< "$(sed -n 's/.*: *\([0-9]*\) read, \([0-9]*\) written, \([0-9]*\) copied/\1 \2 \3/p' <<< "$line")"
	echo "$line"
	[ "${r:-0}" -gt 1000000 ] && [ "${w:-0}" -gt 1000000 ] && [ "${c:-1}" -eq 0 ]
}
t_check "file data moved without bounce copies (status counters)" no_copies
# ... and the one case that copies is counted: a READ_ANDX followed by
# another command in the same message (its data is inside the reply).
copies_counted() {
	local before after
	before=$(kc status | sed -n 's/.* \([0-9]*\) copied$/\1/p')
	ft chain alice secret docs || return 1
	after=$(kc status | sed -n 's/.* \([0-9]*\) copied$/\1/p')
	echo "copied: $before -> $after"
	[ "$((after - before))" -eq 2000 ]
}
t_check "a chained READ_ANDX's copy is counted" copies_counted
# "write staging: S bytes through message buffers": write data the
# server read whole into a message buffer before the page cache. Large
# WRITE_ANDX data goes from the socket straight into the page cache and
# must not show up there, so a bounce buffer coming back fails this; the
# small writes above did go through buffers, so the counter is alive.
large_writes_unstaged() {
	local st0 st1 w s
	head -c 8M /dev/urandom > "$dir/big.bin"
	st0=$(kc status)
	smbc_ok docs "put $dir/big.bin big.bin" &&
		cmp "$dir/big.bin" "$mnt/docs/big.bin" &&
		ft large alice secret docs || return 1
	st1=$(kc status)
	w=$(($(written_of "$st1") - $(written_of "$st0")))
	s=$(($(staged_of "$st1") - $(staged_of "$st0")))
	echo "written $w bytes, of which staged $s; staged in all: $(staged_of "$st1")"
	[ "$w" -ge 8388608 ] && [ $((s * 100)) -lt "$w" ] &&
		[ "$(staged_of "$st1")" -gt 0 ]
}
t_check "large writes go from the socket to the page cache unstaged" \
	large_writes_unstaged

# --- nothing left open ---
t_check "helper stops" kc stop
# Files are released as the connections end (fput is deferred a little):
# a leaked open keeps the file system busy.
unmounts() {
	local deadline=$((SECONDS + 10))
	while [ "$SECONDS" -lt "$deadline" ]; do
		umount "$mnt" 2> /dev/null && return 0
		sleep 0.2
	done
	umount "$mnt"
}
unmounts_tiny() {
	umount "$mnt/tiny"
}
t_check "no file left open on the small file system either" unmounts_tiny
t_check "no file left open: the share's file system unmounts" unmounts
