# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash disable=SC2154 # dir conf users: kcifsd_suite_dir (lib.sh)
#
# Network fuzzing (tests/fuzz/smbfuzz.py): malformed NEGOTIATE, ECHO,
# SESSION_SETUP (NTLMv2, NTLMSSP, SPNEGO), TREE_CONNECT, file and
# transaction requests, AndX chains and framing, over 445 and 139, many
# connections in sequence and in parallel, as a logged-on user too. The
# server must keep answering (checked after every batch), the kernel log
# must stay clean (checked by the fuzzer after every batch, and by the
# runner, which also unloads the module: a stuck worker or a leaked
# connection makes rmmod fail), and once the fuzzer is done every
# connection, session and open must be gone.
#
# KCIFSD_FUZZ_SECONDS (default 90) sets how long it runs, KCIFSD_FUZZ_SEED
# the seed (default: random, printed), KCIFSD_FUZZ_ARGS adds arguments
# (e.g. "--only trans2,readwrite"). A failure leaves the last cases, with
# the bytes sent, in build/vm/results/fuzz/failure.json on the host; replay
# them with `smbfuzz.py --replay FILE` (plus the login arguments below).
#
# kcifsd-timeout: 7200

seconds=${KCIFSD_FUZZ_SECONDS:-90}
seed=${KCIFSD_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
logs=/kcifsd-results/fuzz
user=fuzzer
password=fuzz-Pa55
kcifsd_suite_dir fuzz || return 0
share=$dir/share

# A small file system of its own for the share: whatever the fuzzer
# writes (sparse files, huge allocation sizes) cannot fill the guest.
mkdir -p "$share" "$logs"
mount -t tmpfs -o size=64m,mode=0777 kcifsd-fuzz "$share"
t_cleanup umount -l "$share"
chown 1000:1000 "$share"

# A canary outside the share, and ways toward it planted inside: relative,
# absolute, file and looping symbolic links. No reply may ever carry the
# canary (the fuzzer checks every reply), nothing outside the share may
# change, and no file the fuzzer tries to create outside may appear.
canary=KCIFSDCANARY$(od -An -N6 -tx1 /dev/urandom | tr -d ' ')
outside=$dir/outside
mkdir -p "$outside"
echo "$canary" > "$outside/$canary.txt"
chmod -R a+rwX "$outside"
ln -s ../outside "$share/link"
ln -s "$outside/$canary.txt" "$share/flink"
ln -s /etc "$share/abslink"
ln -s loop "$share/loop"
ln -s .. "$share/dotdot"
# What is outside the share: names, modes, sizes, times.
outside_list() {
	(cd "$dir" && find . -path ./share -prune -o -print | sort |
		xargs -d '\n' ls -ld --time-style=+%s 2>&1)
}

kcifsd_conf "netbios port = 139" "workgroup = FUZZWG" \
	"map to guest = bad user" "[fuzz]" "path = $share" "read only = no"
kc user add "$user" --uid 1000 --gid 1000 <<< "$password" > /dev/null
t_cleanup bash -c "'$K' stop 2>/dev/null; true"
t_check "helper starts with a user and a share" kc start

status_count() {	# "connections: 3 open" -> 3; missing -> 0
	kc status 2>/dev/null |
		sed -n "s/^ *$1: *\([0-9]*\).*/\1/p" | head -n 1 | grep . || echo 0
}

t_check "a client that never reads cannot grow the server's memory" \
	pyz_run 120 tests/fuzz/smbfuzz.py --flood-check 15

outside_before=$(outside_list)
# How many requests the receive works answered themselves (fs/rx_inline.c),
# before and after: the "inline" generator aims at those paths.
kc status | grep 'in receive' || true
echo "smbfuzz: seed $seed, ${seconds}s (KCIFSD_FUZZ_SEED=$seed replays it)"
fuzz_rc=0
# shellcheck disable=SC2086  # KCIFSD_FUZZ_ARGS are words
timeout -k 10 $((${seconds%.*} + 600)) /usr/bin/python3 tests/fuzz/smbfuzz.py \
	--seed "$seed" --seconds "$seconds" --user "$user" \
	--password "$password" --share fuzz --log-dir "$logs" --canary "$canary" \
	${KCIFSD_FUZZ_ARGS:-} || fuzz_rc=$?
if [ "$fuzz_rc" -eq 0 ]; then
	t_ok "the server survives ${seconds}s of fuzzing"
else
	t_fail "the server survives ${seconds}s of fuzzing" \
		"smbfuzz exited with status $fuzz_rc (seed $seed);
cases in build/vm/results/fuzz/"
fi

kc status | grep 'in receive' || true

outside_unchanged() {
	diff <(echo "$outside_before") <(outside_list)
}
t_check "nothing outside the share changed" outside_unchanged
no_escapes() {
	local found
	found=$( (find "$dir" -maxdepth 3 -path "$share" -prune -o \
		-name 'kcifsd-escape-*' -print
		find / /etc /var/tmp /tmp -maxdepth 1 -name 'kcifsd-escape-*') \
		2>/dev/null | head)
	[ -z "$found" ] || { echo "$found"; return 1; }
}
t_check "no file created outside the share" no_escapes

# Every connection of the fuzzer is closed by now; the server lets go of
# everything it held for them within a few seconds.
all_gone() {
	local c s t o
	c=$(status_count connections)
	s=$(status_count sessions)
	t=$(status_count "tree connects")
	o=$(status_count "open files")
	echo "connections $c, sessions $s, tree connects $t, open files $o"
	[ "$c" -eq 0 ] && [ "$s" -eq 0 ] && [ "$t" -eq 0 ] && [ "$o" -eq 0 ]
}
gone_within() {
	local deadline=$((SECONDS + $1))
	until all_gone > /dev/null; do
		[ "$SECONDS" -lt "$deadline" ] || { all_gone; return 1; }
		sleep 1
	done
}
t_check "no connection, session, tree or open left behind" gone_within 60
t_check "the server still answers after the fuzzer" \
	pyz_run 60 tests/fuzz/smbfuzz.py --iterations 1 \
	--only echo --no-dmesg --seed 1
t_check "helper stops" kc stop
