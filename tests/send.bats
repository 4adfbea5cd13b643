#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Selecting by pid and by name, sending, output and exit statuses.

load common

@test "-x sleep signals sleep and not sleeper" {
	spawn "${U}s" -c TERM
	local s=$SPAWNED
	spawn "${U}sx" -c TERM
	local sx=$SPAWNED
	run "$PFKILL" -TERM -x "${U}s"
	assert_success
	assert_output ''
	assert_got "$s" 15
	assert_untouched "$sx"
}

@test "a pattern is an extended regex on the name" {
	spawn "${U}s" -c TERM
	local s=$SPAWNED
	spawn "${U}sx" -c TERM
	local sx=$SPAWNED
	spawn "${U}y" -c TERM
	local y=$SPAWNED
	run "$PFKILL" -HUP "^${U}sx?$"
	assert_success
	assert_dead "$s"
	assert_dead "$sx"
	assert_untouched "$y"
}

@test "-i ignores case" {
	spawn "${U}Mix" -c TERM
	run "$PFKILL" -x "${U}mix"
	assert_failure 1
	assert_untouched "$SPAWNED"
	run "$PFKILL" -i -x "${U}MIX"
	assert_success
	assert_got "$SPAWNED" 15
}

@test "-f matches the full command line" {
	spawn "${U}f" -c TERM -- --marker "${U}arg"
	local f=$SPAWNED
	spawn "${U}g" -c TERM -- --marker other
	run "$PFKILL" -x "${U}arg"
	assert_failure 1
	run "$PFKILL" -f -e -- "--marker ${U}arg"
	assert_success
	assert_output --regexp "^TERM sent to .*victim -n ${U}f .* --marker ${U}arg \(pid $f\)$"
	assert_got "$f" 15
	assert_untouched "$SPAWNED"
}

@test "several pids are each signalled" {
	spawn "${U}a" -c USR1
	local a=$SPAWNED
	spawn "${U}b" -c USR1
	local b=$SPAWNED
	run "$PFKILL" -USR1 "$a" "$b"
	assert_success
	assert_got "$a" 10
	assert_got "$b" 10
}

# A pid that is free now: the highest one below pid_max not in use.
free_pid() {
	local p
	p=$(($(cat /proc/sys/kernel/pid_max) - 1))
	while [[ -e /proc/$p ]]; do p=$((p - 1)); done
	echo "$p"
}

@test "a missing pid is reported, the others still signalled, exit 1" {
	spawn "${U}a" -c USR1
	local gone
	gone=$(free_pid)
	run "$PFKILL" -USR1 "$gone" "$SPAWNED"
	assert_failure 1
	assert_output "pfkill: $gone: no such process"
	assert_got "$SPAWNED" 10
}

@test "nothing matching a pattern is exit 1 and silent" {
	run "$PFKILL" -x "${U}none"
	assert_failure 1
	assert_output ''
}

@test "-e echoes, -c counts" {
	spawn "${U}e" -c HUP
	local e1=$SPAWNED
	spawn "${U}e" -c HUP
	local e2=$SPAWNED
	run "$PFKILL" -HUP -e -c -x "${U}e"
	assert_success
	assert_line "HUP sent to ${U}e (pid $e1)"
	assert_line "HUP sent to ${U}e (pid $e2)"
	assert_line --index 2 '2'
	assert_got "$e1" 1
	assert_got "$e2" 1
}

@test "names with newlines, escapes and ')' are matched, escaped and signalled" {
	local nl=$'\n' esc=$'\e'
	spawn "a)b c${nl}d" -c TERM
	local p1=$SPAWNED
	spawn "x${esc}[31mred" -c TERM
	local p2=$SPAWNED
	run "$PFKILL" --list -x "a\\)b c${nl}d"
	assert_success
	assert_output --regexp "^$p1[:@][0-9]+ a\\)b c\\\\nd$"
	run "$PFKILL" -e -x "x${esc}\\[31mred"
	assert_success
	assert_output "TERM sent to x\\e[31mred (pid $p2)"
	assert_got "$p2" 15
	run "$PFKILL" -e "$p1"
	assert_output "TERM sent to a)b c\\nd (pid $p1)"
	assert_got "$p1" 15
}

@test "pfkill never selects itself" {
	cp "$PFKILL" "$TMP/${U}me"
	run "$TMP/${U}me" -0 -e -x "${U}me"
	assert_failure 1
	assert_output ''
}

@test "pfkill refuses its own pid, named directly or in a pidfile" {
	local f=$TMP/self.pid
	# exec keeps the shell's pid: pfkill is handed its own.
	run bash -c 'echo $$ >"$2"; exec "$1" -0 $$' _ "$PFKILL" "$f"
	assert_failure 1
	assert_output "pfkill: $(cat "$f"): is pfkill itself; not signalling it"
	run bash -c 'echo $$ >"$2"; exec "$1" -0 -F "$2"' _ "$PFKILL" "$f"
	assert_failure 1
	assert_output "pfkill: $f: pid $(cat "$f"): is pfkill itself; not signalling it"
}

@test "zombies are matched and can be signalled" {
	spawn "${U}z" -c TERM -z
	local z=${ZOMBIES[0]}
	wait_until has_state "$z" Z
	run "$PFKILL" -0 -e -r Z -x "${U}z"
	assert_success
	assert_output "0 (existence check) sent to ${U}z (pid $z)"
}

@test "delivery goes through pidfd_send_signal only" {
	command -v strace >/dev/null || skip "strace is not installed"
	spawn "${U}k" -c TERM
	local k=$SPAWNED
	spawn "${U}k" -c TERM
	run strace -f -o "$TMP/trace" -e trace=kill,tkill,tgkill,rt_sigqueueinfo,rt_tgsigqueueinfo,pidfd_send_signal \
		"$PFKILL" -x "${U}k" "$k"
	assert_success
	assert_got "$k" 15
	assert_got "$SPAWNED" 15
	run grep -cE 'pidfd_send_signal\([0-9]+, SIGTERM, NULL, 0\) = 0' "$TMP/trace"
	assert_output 2
	run grep -E '(^|[^_])(kill|tkill|tgkill|rt_sigqueueinfo|rt_tgsigqueueinfo)\(' "$TMP/trace"
	assert_failure
}

@test "without pidfd_send_signal pfkill exits 3 and sends nothing" {
	command -v strace >/dev/null || skip "strace is not installed"
	spawn "${U}n" -c TERM
	run strace -f -o /dev/null -e inject=pidfd_send_signal:error=ENOSYS \
		"$PFKILL" -x "${U}n"
	assert_failure 3
	assert_output 'pfkill: pidfd_send_signal: Function not implemented: Linux 5.1 or later is required'
	assert_untouched "$SPAWNED"
}

@test "EPERM is reported per pid and gives exit 4" {
	need_root "to run pfkill as another user"
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	spawn "${U}r" -c TERM
	local root_owned=$SPAWNED
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$PFKILL" "$root_owned"
	assert_failure 4
	assert_output "pfkill: $root_owned: cannot signal ${U}r, owned by $(id -un): Operation not permitted"
	assert_untouched "$root_owned"
}

@test "bad pids are usage errors" {
	for arg in 0 99999999999999999999 4194305; do
		run "$PFKILL" "$arg"
		assert_failure 2
		assert_line --index 0 "pfkill: $arg: invalid pid"
	done
	run "$PFKILL" -- -0
	assert_failure 2
	assert_line --index 0 'pfkill: -0: invalid process group'
	run "$PFKILL" 12:abc
	assert_failure 2
	assert_line --index 0 'pfkill: 12:abc: invalid handle (expected PID:INODE or PID@STARTTIME)'
}

@test "no target is a usage error" {
	run "$PFKILL" -TERM
	assert_failure 2
	assert_line --index 0 'pfkill: no process given: name a pid, a pattern, a process group or a pidfile'
}

@test "an invalid regex is a usage error with the regex error" {
	run "$PFKILL" '('
	assert_failure 2
	assert_line --index 0 --regexp '^pfkill: \(: invalid regular expression: .+'
}

@test "a pid named twice is signalled once" {
	spawn "${U}d" -c HUP
	run "$PFKILL" -HUP -c "$SPAWNED" "$SPAWNED"
	assert_success
	assert_output 1
	sleep 0.1
	run grep -c '^SIG 1 ' "${REPORT[$SPAWNED]}"
	assert_output 1
}

@test "-H alone selects the processes that catch the signal" {
	spawn "${U}h" -c USR1
	local catcher=$SPAWNED
	spawn "${U}h" -c USR2
	run "$PFKILL" -USR1 -H -P $$ --list
	assert_success
	assert_output --regexp "^$catcher:[0-9]+ ${U}h$"
}

@test "names in error messages are escaped" {
	spawn "${U}$(printf '\e')x" -c TERM
	run "$PFKILL" --expect-name other "$SPAWNED"
	assert_failure 1
	assert_output "pfkill: $SPAWNED: name is '${U}\\ex', expected 'other'"
}
