#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Kill and wait: -w, --timeout, --retry, groups, threads, --queue, -m.

load common

@test "-w waits until the process has exited and -e reports it" {
	spawn "${U}w"
	run "$PFKILL" -w -e -x "${U}w"
	assert_success
	assert_line --index 0 "TERM sent to ${U}w (pid $SPAWNED)"
	assert_line --index 1 --regexp "^${U}w \(pid $SPAWNED\) exited after [0-9]+\.[0-9]{2}s$"
	dead "$SPAWNED"
}

@test "--timeout exits 5 and names the survivor" {
	spawn "${U}st" -i TERM
	run "$PFKILL" -w --timeout 0.3 -x "${U}st"
	assert_failure 5
	assert_output "pfkill: $SPAWNED (${U}st): still running after the 0.3s timeout"
	alive "$SPAWNED"
}

@test "--timeout needs --wait" {
	run "$PFKILL" --timeout 1 -x "${U}none"
	assert_failure 2
	assert_line --index 0 'pfkill: --timeout needs -w/--wait or --until-gone'
}

@test "--retry escalates to KILL after the first timeout" {
	spawn "${U}st" -i TERM
	run "$PFKILL" -e --retry TERM/1/KILL/1 -x "${U}st"
	assert_success
	assert_line --index 0 "TERM sent to ${U}st (pid $SPAWNED)"
	assert_line --index 1 "KILL sent to ${U}st (pid $SPAWNED)"
	assert_line --index 2 --regexp "^${U}st \(pid $SPAWNED\) exited after 1\.[0-9]{2}s$"
	assert_dead "$SPAWNED"
}

@test "--retry signals only the survivors" {
	spawn "${U}mix" -c TERM -X
	local polite=$SPAWNED
	spawn "${U}mix" -i TERM
	local stubborn=$SPAWNED
	run "$PFKILL" -e --retry -TERM/5/-KILL/5 -x "${U}mix"
	assert_success
	assert_line "KILL sent to ${U}mix (pid $stubborn)"
	refute_line "KILL sent to ${U}mix (pid $polite)"
	assert_got "$polite" 15
	assert_dead "$stubborn"
}

@test "--retry N means SIGNAL/N/KILL/N with the given signal" {
	spawn "${U}n" -c HUP -i TERM
	run "$PFKILL" -HUP -e --retry 0.2 -x "${U}n"
	assert_success
	assert_line --index 0 "HUP sent to ${U}n (pid $SPAWNED)"
	assert_line --index 1 "KILL sent to ${U}n (pid $SPAWNED)"
	assert_got "$SPAWNED" 1
}

@test "--retry ending with survivors exits 5" {
	spawn "${U}st" -i TERM
	run "$PFKILL" --retry TERM/0.2 -x "${U}st"
	assert_failure 5
	assert_output "pfkill: $SPAWNED (${U}st): still running at the end of the --retry schedule"
	alive "$SPAWNED"
}

@test "--retry forever repeats the steps after it" {
	spawn "${U}f" -c USR1
	run "$PFKILL" -e --retry USR1/0.1/forever/USR1/0.1/USR1/0.1/KILL/1 -x "${U}f"
	assert_success
	assert_line --index 0 "USR1 sent to ${U}f (pid $SPAWNED)"
	assert_line --index 3 "KILL sent to ${U}f (pid $SPAWNED)"
}

@test "malformed --retry schedules are usage errors that say what is wrong" {
	local -A want=(
		["TERM//5"]="an empty item (two slashes, or one at an end)"
		[TERM]="every signal needs a timeout after it: TERM/SECONDS"
		[KILL]="every signal needs a timeout after it: KILL/SECONDS"
		[TERM/5/KILL]="every signal needs a timeout after it: KILL/SECONDS"
		[KILL/x]="'x' is neither a signal nor a timeout"
		[5/TERM]="a schedule starts with a signal (write -15 or TERM for signal 15; a bare number is a timeout)"
		[15/5]="a schedule starts with a signal (write -15 or TERM for signal 15; a bare number is a timeout)"
		[forever/TERM/1]="a schedule starts with a signal (write -15 or TERM for signal 15; a bare number is a timeout)"
		[TERM/5/forever]="'forever' must be followed by what it repeats, with a timeout of more than 0 seconds"
		[TERM/5/forever/KILL/0]="'forever' must be followed by what it repeats, with a timeout of more than 0 seconds"
		[TERM/5/forever/HUP/5/forever/5]="'forever' given twice"
		[TERM/5x]="'5x' is neither a signal nor a timeout"
		[TERM/0x1d]="'0x1d' is neither a signal nor a timeout"
	)
	local s
	run "$PFKILL" --retry '' -x "${U}none"
	assert_failure 2
	assert_line --index 0 "pfkill: --retry '': an empty item (two slashes, or one at an end)"
	for s in "${!want[@]}"; do
		run "$PFKILL" --retry "$s" -x "${U}none"
		assert_failure 2
		assert_line --index 0 "pfkill: --retry '$s': ${want[$s]}"
	done
	run "$PFKILL" -HUP --retry TERM/5 -x "${U}none"
	assert_failure 2
	assert_line --index 0 "pfkill: --retry TERM/5 names its own signals; drop the signal option"
}

@test "--json with -w includes exit times" {
	spawn "${U}j"
	run "$PFKILL" --json -w -x "${U}j"
	assert_success
	run jq -r '.[0] | "\(.pid) \(.result) \(.exited) \(.exit_after | type)"' <<<"$output"
	assert_output "$SPAWNED signalled true number"
}

@test "waiting uses epoll on pidfds, not a sleep loop" {
	command -v strace >/dev/null || skip "strace is not installed"
	spawn "${U}e" -c TERM -w 0.5
	run strace -f -o "$TMP/trace" -e trace=pidfd_open,epoll_wait,epoll_pwait,nanosleep,clock_nanosleep,poll,select \
		"$PFKILL" -0 -w -x "${U}e"
	assert_success
	run grep -cE '^[0-9]+ +pidfd_open\(' "$TMP/trace"
	assert_output 1
	run grep -E 'epoll_p?wait\(.*= 1$' "$TMP/trace"
	assert_success
	run grep -E 'nanosleep|poll\(|select\(' "$TMP/trace"
	assert_failure
}

@test "-0 -w waits for processes without signalling them" {
	spawn "${U}pw" -c TERM,HUP -w 0.3
	run "$PFKILL" -0 -w -e -x "${U}pw"
	assert_success
	assert_line --index 1 --regexp "^${U}pw \(pid $SPAWNED\) exited after 0\.[0-9]{2}s$"
	[[ ! -s ${REPORT[$SPAWNED]} ]]
}

@test "waiting on 2,000 processes, more than the soft fd limit" {
	local hard
	hard=$(ulimit -Hn)
	[[ $hard == unlimited || $hard -ge 6000 ]] || skip "hard fd limit $hard is too low"
	spawn "${U}many" -k 2000
	run bash -c "ulimit -Sn 1024; \"$PFKILL\" -KILL -w -c -x ${U}many"
	assert_success
	assert_output 2001
	assert_dead "${CHILDREN[1999]}"
	assert_dead "$SPAWNED"
}

@test "a process group with a live leader gets one group signal" {
	command -v strace >/dev/null || skip "strace is not installed"
	spawn "${U}g" -g -k 2 -c TERM
	local leader=$SPAWNED
	run strace -o "$TMP/trace" -e trace=pidfd_send_signal "$PFKILL" -e -- "-$leader"
	assert_success
	assert_output "TERM sent to process group $leader (leader ${U}g)"
	assert_got "$leader" 15
	wait_until got_count "$leader" 15 3
	run grep -c 'SIGTERM, NULL, 0x4\|SIGTERM, NULL, PIDFD_SIGNAL_PROCESS_GROUP' "$TMP/trace"
	assert_output 1
}

@test "a process group whose leader is dead is still signalled" {
	spawn "${U}g" -g -D -k 2 -c TERM
	local leader=$SPAWNED
	kill -KILL "$leader"
	wait "$leader" 2>/dev/null || true
	run "$PFKILL" -e -- "-$leader"
	assert_success
	assert_line "TERM sent to ${U}g (pid ${CHILDREN[0]})"
	assert_line "TERM sent to ${U}g (pid ${CHILDREN[1]})"
	wait_until got_count "$leader" 15 2
}

@test "a process group whose members all fail the filters says so" {
	spawn "${U}g" -g -k 1 -c TERM
	run "$PFKILL" --expect-name "${U}other" -- "-$SPAWNED"
	assert_failure 1
	assert_output "pfkill: -$SPAWNED: no member of the process group passes the filters"
	assert_untouched "$SPAWNED"
}

@test "an empty process group is exit 1" {
	spawn "${U}g" -c TERM
	run "$PFKILL" -- "-$SPAWNED"
	assert_failure 1
	assert_output "pfkill: -$SPAWNED: no such process group"
}

@test "-g with a pattern filters by process group" {
	spawn "${U}g" -g -c TERM
	local in_group=$SPAWNED
	spawn "${U}g" -c TERM
	run "$PFKILL" -g "$in_group" -x "${U}g"
	assert_success
	assert_got "$in_group" 15
	assert_untouched "$SPAWNED"
}

@test "--tid signals that thread only" {
	spawn "${U}t" -T 2 -c USR1
	local t=${THREADS[1]}
	run "$PFKILL" -USR1 -e --tid "$t" "$SPAWNED"
	assert_success
	assert_output "USR1 sent to thread $t (${U}t)"
	assert_got "$SPAWNED" 10
	run cat "${REPORT[$SPAWNED]}"
	assert_output --regexp "^SIG 10 code -6 value 0 tid $t from [0-9]+$"
	run "$PFKILL" -USR1 --tid "$t" 1
	assert_failure 1
	assert_output "pfkill: $t: thread does not belong to process 1"
	# A reaped pid; signal 0, so a reuse in between would harm nobody.
	local gone
	sleep 0 &
	gone=$!
	wait "$gone"
	run "$PFKILL" -0 --tid "$gone"
	assert_failure 1
	assert_output "pfkill: $gone: no such thread"
}

@test "--queue sends the value with si_code SI_QUEUE" {
	spawn "${U}q" -c USR1
	run "$PFKILL" -USR1 -q 42 -x "${U}q"
	assert_success
	assert_got "$SPAWNED" 10
	run cat "${REPORT[$SPAWNED]}"
	assert_output --regexp "^SIG 10 code -1 value 42 tid $SPAWNED from [0-9]+$"
	run "$PFKILL" -q notanumber -x "${U}q"
	assert_failure 2
	assert_line --index 0 "pfkill: --queue: invalid value 'notanumber'"
}

@test "-m releases memory after KILL" {
	command -v strace >/dev/null || skip "strace is not installed"
	spawn "${U}m"
	run strace -o "$TMP/trace" -e trace=process_mrelease "$PFKILL" -KILL -m -x "${U}m"
	assert_success
	assert_output ''
	run grep -c 'process_mrelease(' "$TMP/trace"
	assert_output 1
	assert_dead "$SPAWNED"
}

@test "durations are plain decimal seconds with an optional unit" {
	for d in 0x1d 1e3 . 1.2.3 5mm -1 ' 5'; do
		run "$PFKILL" -w --timeout "$d" -x "${U}none"
		assert_failure 2
		assert_line --index 0 "pfkill: --timeout: invalid duration '$d'"
	done
	for d in 10 1.5 .5 2m 1h 1d 3s; do
		run "$PFKILL" -w --timeout "$d" -x "${U}none"
		assert_failure 1
	done
}

@test "--tid on a kernel without thread pidfds exits 3" {
	command -v strace >/dev/null || skip "strace is not installed"
	spawn "${U}t" -T 1 -c USR1
	run strace -o /dev/null -e inject=pidfd_open:error=EINVAL \
		"$PFKILL" -USR1 --tid "${THREADS[0]}"
	assert_failure 3
	assert_output 'pfkill: --tid: this kernel cannot open thread pidfds (PIDFD_THREAD needs Linux 6.9 or later)'
	assert_untouched "$SPAWNED"
}

@test "without PIDFD_SIGNAL_PROCESS_GROUP a group is signalled member by member" {
	command -v strace >/dev/null || skip "strace is not installed"
	spawn "${U}g" -g -k 2 -c TERM
	local leader=$SPAWNED
	# The second pidfd_send_signal is the probe for the group flag.
	run strace -o /dev/null -e inject=pidfd_send_signal:error=EINVAL:when=2 \
		"$PFKILL" -e -- "-$leader"
	assert_success
	assert_line "TERM sent to ${U}g (pid $leader)"
	assert_line "TERM sent to ${U}g (pid ${CHILDREN[0]})"
	assert_line "TERM sent to ${U}g (pid ${CHILDREN[1]})"
	wait_until got_count "$leader" 15 3
}

@test "a plain list holds no fd per match: 60 matches under ulimit -n 40" {
	spawn "${U}fd" -k 60
	run bash -c "ulimit -n 40; \"$PFKILL\" --list -x ${U}fd"
	assert_success
	[[ ${#lines[@]} -eq 61 ]] || fail "listed ${#lines[@]} of 61"
}

@test "running out of file descriptors is a fatal error, never a silent skip" {
	spawn "${U}fd"
	# stdin, stdout, stderr and /proc: the first file read fails.
	run bash -c 'for fd in /proc/$$/fd/*; do fd=${fd##*/}
		((fd > 2)) && eval "exec $fd>&-"; done
		ulimit -n 4; exec "$1" --list -x "$2"' _ "$PFKILL" "${U}fd"
	assert_failure 3
	assert_output --regexp "^pfkill: [0-9]+/(comm|stat): Too many open files \(raise ulimit -n\)$"
}
