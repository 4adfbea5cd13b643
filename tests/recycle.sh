#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run inside a fresh pid namespace (unshare --pid --fork --mount-proc):
# start process A, let it exit, and start process B with A's pid by
# writing A-1 to /proc/sys/kernel/ns_last_pid.  Then run pfkill (or, for
# the control runs, kill/pkill) the way a script would have, and report
# what happened to B.  Everything started here dies with the namespace.
#
#   recycle.sh pidfile|handle|interactive|tick  pfkill|control
#
# tick: B takes A's pid within the clock tick A started in, so that
# both have the same start time; exits 77 when that cannot be had.
#
# Output lines: "A <pid>", "B <pid>", "rc <status>", "stderr <text>",
# "B-signals <report>", "B alive|dead".
set -u
scenario=$1 tool=$2
: "${PFKILL:?}" "${VICTIM:?}" "${TMP:?}"
dir=$TMP/ns.$scenario.$tool
mkdir -p "$dir"
name=recyc$$

start_victim() {	# start_victim REPORT READY
	"$VICTIM" -n "$name" -c TERM,USR1 -o "$1" -r "$2" </dev/null >/dev/null 2>&1 &
	local i
	for ((i = 0; i < 500; i++)); do [[ -e $2 ]] && return 0; sleep 0.01; done
	echo "victim did not start" >&2
	exit 1
}

wait_gone() {	# wait_gone PID (a child of this shell)
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# Start B with pid $1.  The redirection is a builtin and '&' is the very
# next fork, so nothing else can take the pid in between.
start_b_with_pid() {
	echo $(($1 - 1)) >/proc/sys/kernel/ns_last_pid
	"$VICTIM" -n "$name" -c TERM,USR1 -o "$dir/b.sig" -r "$dir/b.ready" \
		</dev/null >/dev/null 2>&1 &
	B=$!
	local i
	for ((i = 0; i < 500; i++)); do [[ -e $dir/b.ready ]] && break; sleep 0.01; done
	echo "B $B"
	if [[ $B != "$1" ]]; then
		echo "could not recycle pid $1 (got $B)" >&2
		exit 1
	fi
}

report_b() {
	sleep 0.2	# let a wrongly delivered signal show up in the report
	echo "B-signals $(tr '\n' ';' <"$dir/b.sig")"
	local st
	st=$(cut -d' ' -f3 "/proc/$B/stat" 2>/dev/null) || st=gone
	if [[ $st == Z || $st == gone ]]; then echo "B dead"; else echo "B alive"; fi
}

start_victim "$dir/a.sig" "$dir/a.ready"
A=$!
echo "A $A"
: >"$dir/b.sig"

case $scenario in
pidfile)
	echo "$A" >"$dir/pidfile"
	wait_gone "$A"
	sleep 0.05	# B starts a few clock ticks after the pidfile was written
	start_b_with_pid "$A"
	if [[ $tool == pfkill ]]; then
		"$PFKILL" -F "$dir/pidfile" 2>"$dir/err"
	else
		kill "$(cat "$dir/pidfile")" 2>"$dir/err"
	fi
	echo "rc $?"
	;;
handle)
	handle=$("$PFKILL" --list -x "$name" | cut -d' ' -f1)
	echo "handle $handle"
	wait_gone "$A"
	start_b_with_pid "$A"
	if [[ $tool == pfkill ]]; then
		"$PFKILL" "$handle" 2>"$dir/err"
	else
		kill "${handle%%[:@]*}" 2>"$dir/err"
	fi
	echo "rc $?"
	;;
interactive)
	mkfifo "$dir/answer"
	if [[ $tool == pfkill ]]; then
		"$PFKILL" -I -x "$name" <"$dir/answer" 2>"$dir/err" &
	else
		# What a prompt-then-kill script does: look up, ask, kill the pid.
		(pid=$(pgrep -x "$name"); echo "Signal $name (pid $pid)? [y/N] " >&2
		 read -r answer; [[ $answer == y ]] && kill "$pid") \
			<"$dir/answer" 2>"$dir/err" &
	fi
	asker=$!
	exec 7>"$dir/answer"
	for ((i = 0; i < 500; i++)); do grep -q 'y/N' "$dir/err" 2>/dev/null && break; sleep 0.01; done
	wait_gone "$A"
	start_b_with_pid "$A"
	echo y >&7
	exec 7>&-
	wait "$asker"
	echo "rc $?"
	;;
tick)
	# A and B back to back, no waiting on ready files, until they share
	# a start time (one clock tick: 10 ms).
	wait_gone "$A"
	for ((try = 0; try < 100; try++)); do
		"$VICTIM" -n "$name" -c TERM,USR1 </dev/null >/dev/null 2>&1 &
		A=$!
		handle=$("$PFKILL" --list "$A" | cut -d' ' -f1)
		a_start=$(cut -d' ' -f22 "/proc/$A/stat")
		wait_gone "$A"
		echo $((A - 1)) >/proc/sys/kernel/ns_last_pid
		"$VICTIM" -n "$name" -c TERM,USR1 -o "$dir/b.sig" -r "$dir/b.ready" \
			</dev/null >/dev/null 2>&1 &
		B=$!
		[[ $B == "$A" && $(cut -d' ' -f22 "/proc/$B/stat") == "$a_start" ]] && break
		wait_gone "$B"
		rm -f "$dir/b.ready"
	done
	[[ $B == "$A" && $(cut -d' ' -f22 "/proc/$B/stat" 2>/dev/null) == "$a_start" ]] || exit 77
	for ((i = 0; i < 500; i++)); do [[ -e $dir/b.ready ]] && break; sleep 0.01; done
	echo "handle $handle"
	echo "same-start yes"
	"$PFKILL" -USR1 "$handle" 2>"$dir/err"
	echo "inode-handle rc $? $(cat "$dir/err")"
	"$PFKILL" -USR1 "$A@$a_start" 2>"$dir/err"
	echo "start-handle rc $?"
	: >"$dir/err"
	;;
esac
echo "stderr $(tr '\n' ';' <"$dir/err")"
report_b
