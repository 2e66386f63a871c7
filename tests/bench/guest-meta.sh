# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The metadata rows of make bench, sourced by tests/bench/guest-bench.sh
# (its servers, record(), R, ROWS, NOTE, up(), port_of() and $mnt, $dir,
# $user, $pass, $uid, $gid, $runs): over a kernel cifs mount, vers=1.0
# with the CIFS UNIX extensions, Samba and kcifsd in turn on the same boot,
#   create  N new files (open O_CREAT|O_EXCL, close), files/s
#   stat    each of them (lstat; actimeo=0: every stat asks the server),
#           stats/s
#   unlink  each of the N files, files/s
#   ls -l   a directory of 500 files made on the server, ms: the first
#           listing on a fresh mount (default attribute cache), best of 3
# N is KCIFSD_BENCH_META_FILES (default 2000). The rows are "meta:..."
# and print in their own table (meta_table); issue 6's target is 3x
# Samba on each.

meta_n=${KCIFSD_BENCH_META_FILES:-2000}
meta_create="meta:create (open O_CREAT|O_EXCL + close) files/s"
meta_stat="meta:stat (lstat, actimeo=0) stats/s"
meta_ls="meta:ls -l of 500 entries (fresh mount), ms"
meta_unlink="meta:unlink files/s"

# create, stat and unlink rates of N files in DIR: "C S U", in one
# process so no start-up time is counted.
meta_loop() {	# DIR N
	timeout 900 python3 - "$1" "$2" <<'PY'
import os, sys, time
d, n = sys.argv[1], int(sys.argv[2])
names = [os.path.join(d, "f%05d" % i) for i in range(n)]
rates = []
t = time.monotonic()
for p in names:
    os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
rates.append(n / (time.monotonic() - t))
t = time.monotonic()
for p in names:
    os.lstat(p)
rates.append(n / (time.monotonic() - t))
t = time.monotonic()
for p in names:
    os.unlink(p)
rates.append(n / (time.monotonic() - t))
print(" ".join("%.1f" % r for r in rates))
PY
}

# ms of the fastest of three "ls -l" of list500, each the first on a
# fresh mount with the client's default attribute cache: the listing's
# FIND_FILE_UNIX entries give the attributes, as for a user's ls -l.
meta_ls_ms() {	# SERVER MOUNTPOINT
	local best='' t0 t1 ms
	for _ in 1 2 3; do
		timeout 60 mount -t cifs "//127.0.0.1/bench" "$2" -o \
			"vers=1.0,unix,port=$(port_of "$1"),username=$user,password=$pass" \
			2> /dev/null || { echo "n/a (mount failed)"; return; }
		t0=$(date +%s%N)
		ls -l "$2/list500" > /dev/null ||
			{ umount "$2"; echo "n/a (ls -l failed)"; return; }
		t1=$(date +%s%N)
		umount "$2" 2>/dev/null || umount -l "$2"
		ms=$(( (t1 - t0) / 1000000 ))
		{ [ -z "$best" ] || [ "$ms" -lt "$best" ]; } && best=$ms
	done
	echo "$best"
}

meta_rows() {
	local s m merr out un opts c st u r live=()
	# Both servers set up and mounted first, then run after run one
	# server and the other, so that a slow spell of the shared host falls
	# on both rather than on one.
	for s in samba kcifsd; do
		m=$dir/m-meta-$s
		if ! up $s; then
			for r in "$meta_create" "$meta_stat" "$meta_ls" "$meta_unlink"; do
				record "$r" $s "n/a (server not running)"
			done
			continue
		fi
		rm -rf "$mnt/$s/list500" "$mnt/$s/meta"
		mkdir -p "$mnt/$s/list500" "$mnt/$s/meta" "$m"
		(cd "$mnt/$s/list500" && seq -f 'e%03g' 0 499 | xargs touch)
		chown -R "$uid:$gid" "$mnt/$s/list500" "$mnt/$s/meta"
		if ! merr=$(timeout 60 mount -t cifs "//127.0.0.1/bench" "$m" -o \
			"vers=1.0,unix,actimeo=0,port=$(port_of $s),username=$user,password=$pass" 2>&1); then
			for r in "$meta_create" "$meta_stat" "$meta_ls" "$meta_unlink"; do
				record "$r" $s "n/a (mount: $(tail -n 1 <<< "$merr" | cut -c1-40))"
			done
			continue
		fi
		live+=("$s")
		opts=$(awk -v m="$m" '$2 == m { print $4 }' /proc/mounts)
		un=$(grep -qw unix <<< "${opts//,/ }" && echo unix || echo nounix)
		for r in "$meta_create" "$meta_stat" "$meta_ls" "$meta_unlink"; do
			NOTE[$r,$s]="$un N=$meta_n"
		done
		NOTE[$meta_ls,$s]="$un, best of 3 mounts"
	done
	for _ in $(seq "$runs"); do
		for s in "${live[@]}"; do
			m=$dir/m-meta-$s
			out=$(meta_loop "$m/meta" "$meta_n" 2> "$dir/meta.err")
			if [[ $out =~ ^[0-9.]+\ [0-9.]+\ [0-9.]+$ ]]; then
				read -r c st u <<< "$out"
				record "$meta_create" $s "$c"
				record "$meta_stat" $s "$st"
				record "$meta_unlink" $s "$u"
			else
				out="n/a ($(tail -n 1 "$dir/meta.err" | cut -c1-50))"
				record "$meta_create" $s "$out"
				record "$meta_stat" $s "$out"
				record "$meta_unlink" $s "$out"
				rm -rf "${mnt:?}/$s/meta/"*
			fi
		done
	done
	for s in "${live[@]}"; do
		m=$dir/m-meta-$s
		umount "$m" 2>/dev/null || umount -l "$m"
	done
	for _ in $(seq "$runs"); do
		for s in "${live[@]}"; do
			record "$meta_ls" $s "$(meta_ls_ms $s "$dir/m-meta-$s")" low
		done
	done
	for s in "${live[@]}"; do
		rm -rf "$mnt/$s/list500" "$mnt/$s/meta"
	done
}

# The table: rates and ratios, kcifsd over Samba (for ms, Samba over
# kcifsd: higher is better in every ratio column).
meta_table() {
	local row sv kv rt rr
	echo
	echo "metadata over cifs vers=1.0 with unix extensions; target: every k/Samba >= 3x"
	printf '%-58s %-22s %-22s %s\n' "row" "Samba" "kcifsd" "k/Samba"
	for row in "${ROWS[@]}"; do
		case $row in meta:*) ;; *) continue ;; esac
		sv=${R["$row,samba"]:-n/a (not run)}
		kv=${R["$row,kcifsd"]:-n/a (not run)}
		if [ "$row" = "$meta_ls" ]; then
			rt=$(ratio "$sv" "$kv")
		else
			rt=$(ratio "$kv" "$sv")
		fi
		foot_cell sv Samba
		foot_cell kv kcifsd
		printf '%-58s %-22s %-22s %s\n' "${row#meta:}" "$sv" "$kv" "$rt"
		n1=${NOTE["$row,samba"]:-} n2=${NOTE["$row,kcifsd"]:-}
		[ -n "$n1$n2" ] &&
			printf '%-58s %-22s %-22s\n' "" "(${n1:--})" "(${n2:--})"
		if [ "$row" = "$meta_ls" ]; then
			rr=$(run_ratios "$row" low)
		else
			rr=$(run_ratios "$row")
		fi
		[ -z "$rr" ] || printf '%-58s %s\n' "" "$rr"
	done
}
