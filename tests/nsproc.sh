#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run inside a fresh pid namespace A (unshare --pid --fork --mount-proc).
# Start a child pid namespace B with its own /proc in its own mount
# namespace, and in it a target T with pid 100 (as B numbers it); start
# in A an unrelated process U that A numbers 100 too.  Then run pfkill
# in A's pid namespace but with B's /proc (nsenter -m), where the number
# 100 names T in /proc and U for pidfd_open(2), and report who got what.
#
#   nsproc.sh SCENARIO -- PFKILL-ARGUMENTS...
#
# SCENARIO: plain (T and U are ordinary), group (both lead process
# group 100).  Output lines: "rc <status>", "stderr <text>",
# "stdout <text>", "T-signals <report>", "U-signals <report>",
# "U alive|dead".
set -u
scenario=$1
shift 2
: "${PFKILL:?}" "${VICTIM:?}" "${TMP:?}"
dir=$(mktemp -d "$TMP/nsproc.XXXXXX") || exit 1
name=nsproc$$
extra=()
[[ $scenario == group ]] && extra=(-g)

wait_file() {
	local i
	for ((i = 0; i < 500; i++)); do [[ -e $1 ]] && return 0; sleep 0.01; done
	echo "$1 did not appear" >&2
	exit 1
}

: >"$dir/t.sig"
: >"$dir/u.sig"
unshare --pid --fork --mount --mount-proc bash -c '
	echo 99 >/proc/sys/kernel/ns_last_pid
	"$1" -n "$2" -c TERM,USR1 -o "$3/t.sig" -r "$3/t.ready" "${@:4}" \
		</dev/null >/dev/null 2>&1 &
	wait' _ "$VICTIM" "$name" "$dir" "${extra[@]}" &
b=$!
wait_file "$dir/t.ready"
[[ $(cat "$dir/t.ready") == "pid 100" ]] || { echo "T is not pid 100 in B" >&2; exit 1; }
echo 99 >/proc/sys/kernel/ns_last_pid
"$VICTIM" -n "$name" -c TERM,USR1 -o "$dir/u.sig" -r "$dir/u.ready" "${extra[@]}" \
	</dev/null >/dev/null 2>&1 &
[[ $! == 100 ]] || { echo "U is not pid 100 in A (got $!)" >&2; exit 1; }
wait_file "$dir/u.ready"
binit=$(pgrep -P "$b")

args=("${@//NAME/$name}")
nsenter -m -r -t "$binit" "$PFKILL" "${args[@]}" >"$dir/out" 2>"$dir/err"
echo "rc $?"
echo "stdout $(tr '\n' ';' <"$dir/out")"
echo "stderr $(tr '\n' ';' <"$dir/err")"
sleep 0.2	# let a wrongly delivered signal show up in the reports
echo "T-signals $(cut -d' ' -f1,2 "$dir/t.sig" | tr '\n' ';')"
echo "U-signals $(cut -d' ' -f1,2 "$dir/u.sig" | tr '\n' ';')"
# U is this namespace's pid 100 (A's /proc is the one mounted here).
st=$(cut -d' ' -f3 /proc/100/stat 2>/dev/null) || st=gone
[[ $st == Z || $st == gone ]] && echo "U dead" || echo "U alive"
