#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Signal names and numbers: parsing, -l, --table, and which signal is sent.

load common

@test "-l lists every signal name, without SIG" {
	run "$PFKILL" -l
	assert_success
	assert_line --index 0 --regexp '^HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM$'
	assert_output --partial 'RTMIN RTMIN+1'
	assert_output --partial 'RTMAX-1 RTMAX'
	refute_output --partial 'SIG'
}

@test "-l converts numbers, names and exit statuses" {
	run "$PFKILL" -l 143
	assert_success
	assert_output 'TERM'
	run "$PFKILL" -l 9 TERM sigkill rtmin+2 RTMAX 64 137
	assert_success
	assert_output "$(printf 'KILL\n15\n9\n36\n64\nRTMAX\nKILL')"
}

@test "-l rejects what names no signal" {
	run "$PFKILL" -l 65 NOPE
	assert_failure 2
	assert_line 'pfkill: unknown signal: 65'
	assert_line 'pfkill: unknown signal: NOPE'
}

@test "--table prints numbers and names" {
	run "$PFKILL" --table
	assert_success
	assert_line --index 0 --regexp '^ 1 HUP +2 INT +3 QUIT .* 7 BUS$'
	assert_output --partial '15 TERM'
	assert_output --partial '64 RTMAX'
	refute_output --regexp ' $'
}

@test "unknown signals are usage errors naming the signal" {
	for spec in XYZ 65 RTMIN+99 SIG SIGSIGTERM RTMAX-31 -1; do
		run "$PFKILL" --signal "$spec" -x nothing
		assert_failure 2
		assert_line --index 0 "pfkill: unknown signal: $spec"
	done
	run "$PFKILL" --signal '' -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: unknown signal: '
	run "$PFKILL" -XYZ -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: unknown signal: XYZ'
	run "$PFKILL" -65 -x nothing
	assert_failure 2
	assert_line --index 0 "pfkill: unknown signal: 65; to name process group 65, put it after '--': pfkill [OPTION...] -- -65"
}

@test "-s TERM points to --signal" {
	run "$PFKILL" -s TERM -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: -s is the session filter, as in pkill; to send a signal use --signal TERM or -TERM'
	assert_line --index 1 "Try 'pfkill --help' for more information."
}

@test "every spelling of a signal sends that signal" {
	spawn "${U}a" -c USR1,HUP,USR2,36,64,INT
	local pid=$SPAWNED
	run "$PFKILL" -USR1 "$pid"
	assert_success
	assert_got "$pid" 10
	run "$PFKILL" --signal sighup "$pid"
	assert_success
	assert_got "$pid" 1
	run "$PFKILL" -12 "$pid"
	assert_success
	assert_got "$pid" 12
	run "$PFKILL" -RTMIN+2 "$pid"
	assert_success
	assert_got "$pid" 36
	run "$PFKILL" --signal=RTMAX "$pid"
	assert_success
	assert_got "$pid" 64
	run "$PFKILL" -x "${U}a" -int
	assert_success
	assert_got "$pid" 2
}

@test "the default signal is TERM" {
	spawn "${U}b" -c TERM
	run "$PFKILL" "$SPAWNED"
	assert_success
	assert_got "$SPAWNED" 15
}

@test "signal 0 checks existence and sends nothing" {
	spawn "${U}c" -c TERM,HUP
	run "$PFKILL" -0 -x "${U}c"
	assert_success
	run "$PFKILL" --signal 0 "$SPAWNED"
	assert_success
	assert_untouched "$SPAWNED"
}

@test "-io is the flags -i -o, not SIGIO" {
	spawn "${U}d" -c 29,TERM
	run "$PFKILL" -io -0 "${U^^}D"
	assert_success
	assert_untouched "$SPAWNED"
}

@test "two different signals are refused" {
	run "$PFKILL" -HUP --signal TERM -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: more than one signal given'
}

@test "uppercase words are signals even when they spell flags" {
	spawn "${U}u" -c 4,29
	run "$PFKILL" -ILL "$SPAWNED"
	assert_success
	assert_got "$SPAWNED" 4
	run "$PFKILL" -ill "$SPAWNED"
	assert_success
	run "$PFKILL" -IO "$SPAWNED"
	assert_success
	assert_got "$SPAWNED" 29
}

@test "a second -SIGNAL is an error" {
	run "$PFKILL" -9 -HUP -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: more than one signal given'
}
