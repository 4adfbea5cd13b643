#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Daily use: what init scripts, unit files and people used to kill,
# pkill, pgrep, killall and start-stop-daemon expect.

load common

# --- kill, pgrep and killall habits --------------------------------------

@test "-h is help, as in procps, util-linux and killall" {
	run "$PFKILL" -h
	assert_success
	assert_line --index 0 'Usage: pfkill [OPTION...] [-SIGNAL] TARGET...'
	assert_line --regexp '^  -h, --help +show this help message$'
	run "$PFKILL" '-?'
	assert_success
	assert_line --index 0 'Usage: pfkill [OPTION...] [-SIGNAL] TARGET...'
}

@test "kill's attached -l forms: -lHUP, -lSIGHUP, -l1, -l143" {
	run "$PFKILL" -lHUP
	assert_success
	assert_output 1
	run "$PFKILL" -lSIGHUP
	assert_output 1
	run "$PFKILL" -l1
	assert_output HUP
	run "$PFKILL" -l143
	assert_output TERM
	run "$PFKILL" -lx
	assert_success
	assert_line --index 0 --regexp '^HUP INT QUIT '
}

@test "-SIGNAL -1234 says how to name process group 1234" {
	run "$PFKILL" -KILL -1234
	assert_failure 2
	assert_line --index 0 "pfkill: unknown signal: 1234; to name process group 1234, put it after '--': pfkill [OPTION...] -- -1234"
}

@test "--pids prints pids one per line, -d joins them, as pgrep does" {
	spawn "${U}p" -c TERM
	local a=$SPAWNED
	spawn "${U}p" -c TERM
	local b=$SPAWNED
	run "$PFKILL" --pids -x "${U}p"
	assert_success
	assert_output "$(printf '%s\n%s' "$a" "$b")"
	run "$PFKILL" -d , -x "${U}p"
	assert_success
	assert_output "$a,$b"
	run "$PFKILL" --pids -d ' ' -x "${U}none"
	assert_failure 1
	assert_output ''
	assert_untouched "$a"
	assert_untouched "$b"
}

@test "-c with --list or --pids prints the count and nothing else" {
	spawn "${U}c" -c TERM
	spawn "${U}c" -c TERM
	run "$PFKILL" -c --list -x "${U}c"
	assert_success
	assert_output 2
	run "$PFKILL" -c --pids -x "${U}c"
	assert_output 2
	run "$PFKILL" -c --list -x "${U}none"
	assert_failure 1
	assert_output 0
	assert_untouched "$SPAWNED"
}

@test "a pattern longer than comm's 15 characters, without -x or -f, gets a hint" {
	run "$PFKILL" --list "${U}averylongnamethatcannotmatch"
	assert_failure 1
	assert_output "pfkill: '${U}averylongnamethatcannotmatch': no match: a process name (comm) holds at most 15 characters; use -f to match the command line, or -x to match the full name"
	run "$PFKILL" --list -f "${U}averylongnamethatcannotmatch"
	assert_failure 1
	assert_output ''
}

@test "a pattern that looks like a killall age gets a warning" {
	spawn "${U}o" -c TERM
	run "$PFKILL" --list -o 5m "${U}o"
	assert_success
	assert_line --index 0 "pfkill: warning: '5m' is taken as a pattern; for processes older than 5m use -O 5m (killall's -o is -O here)"
	assert_line --index 1 --regexp "^$SPAWNED:[0-9]+ ${U}o$"
}

@test "-t with a terminal that does not exist matches nothing: exit 1, as pgrep" {
	run "$PFKILL" --list -t pts/987654
	assert_failure 1
	assert_output "pfkill: -t: no such terminal 'pts/987654'"
}

# --- messages ------------------------------------------------------------

@test "--list and --dry-run with -e or --verbose say which signal would be sent" {
	spawn "${U}l" -c HUP
	run "$PFKILL" -HUP --dry-run -e -x "${U}l"
	assert_success
	assert_output "HUP would be sent to ${U}l (pid $SPAWNED)"
	run "$PFKILL" -HUP --list --verbose -x "${U}l"
	assert_success
	assert_line --index 0 --regexp "^$SPAWNED:[0-9]+ ${U}l$"
	assert_line --index 1 "pfkill: nothing was sent; HUP would go to the 1 process listed"
	assert_untouched "$SPAWNED"
}

@test "an option that takes one value, given twice, is a usage error" {
	run "$PFKILL" -F a -F b
	assert_failure 2
	assert_line --index 0 'pfkill: -F/--pidfile given twice; it takes one value'
	run "$PFKILL" --timeout 1 -w --timeout 2 -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: --timeout given twice; it takes one value'
}

@test "--list -f shows a zombie as ps does, [name] <defunct>" {
	spawn "${U}z" -c TERM -z
	local z=${ZOMBIES[0]}
	wait_until has_state "$z" Z
	run "$PFKILL" --list -f "$z"
	assert_success
	assert_output --regexp "^$z:[0-9]+ \\[${U}z\\] <defunct>$"
}

# --- init scripts and units ----------------------------------------------

@test "--oknodo: nothing to do exits 0; real errors keep their status" {
	run "$PFKILL" --oknodo -x "${U}none"
	assert_success
	run "$PFKILL" --oknodo -F "$TMP/missing.pid"
	assert_success
	assert_output "pfkill: $TMP/missing.pid: no such pidfile: not running"
	spawn "${U}k" -c TERM
	echo "$SPAWNED" >"$TMP/stale.pid"
	touch -d '1 hour ago' "$TMP/stale.pid"
	run "$PFKILL" --oknodo -F "$TMP/stale.pid"
	assert_success
	assert_untouched "$SPAWNED"
	run "$PFKILL" --oknodo '('
	assert_failure 2
	mkfifo "$TMP/fifo"
	run "$PFKILL" --oknodo -F "$TMP/fifo"
	assert_failure 2
	run "$PFKILL" --oknodo -w --timeout 0.2 -0 "$SPAWNED"
	assert_failure 5
}

@test "--remove-pidfile: once the process is gone, or stale; never while it runs or once replaced" {
	spawn "${U}r" -p "$TMP/gone.pid"
	run "$PFKILL" -w --remove-pidfile -F "$TMP/gone.pid"
	assert_success
	[[ ! -e $TMP/gone.pid ]] || fail "not removed after the process exited"
	spawn "${U}r" -c TERM -p "$TMP/runs.pid"
	run "$PFKILL" --remove-pidfile -F "$TMP/runs.pid"
	assert_success
	[[ -e $TMP/runs.pid ]] || fail "removed while its process runs"
	echo "$SPAWNED" >"$TMP/stale.pid"
	touch -d '1 hour ago' "$TMP/stale.pid"
	run "$PFKILL" --remove-pidfile -F "$TMP/stale.pid"
	assert_failure 1
	[[ ! -e $TMP/stale.pid ]] || fail "a stale pidfile was left"
	alive "$SPAWNED"
	run "$PFKILL" --remove-pidfile -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: --remove-pidfile needs -F/--pidfile'
}

@test "--expect-exe alone selects every process running that file, as start-stop-daemon --exec" {
	spawn_from "$TMP/bin/food" "${U}a" -c TERM
	local a=$SPAWNED
	VICTIM=$TMP/bin/food spawn "${U}b" -c TERM
	local b=$SPAWNED
	spawn "${U}a" -c TERM
	local other=$SPAWNED
	# Not as root, others' executables cannot be read: a note on stderr.
	run --separate-stderr "$PFKILL" --pids --expect-exe "$TMP/bin/food"
	assert_success
	assert_output "$(printf '%s\n%s' "$a" "$b")"
	run "$PFKILL" -e --expect-exe "$TMP/bin/food" -x "${U}a"
	assert_success
	assert_output "TERM sent to ${U}a (pid $a)"
	assert_untouched "$other"
	assert_untouched "$b"
}

@test "the example unit names pfkill where it is installed and copes with a stopped daemon" {
	local unit=${TOP_BUILDDIR:-$BATS_TEST_DIRNAME/..}/examples/food.service
	[[ -f $unit && -n ${BINDIR:-} ]] || skip "run by make check, which builds the unit"
	run grep -E '^ExecStop=' "$unit"
	assert_output "ExecStop=$BINDIR/pfkill -F /run/food.pid --expect-exe /usr/sbin/food --retry TERM/5/KILL/2 --oknodo --remove-pidfile"
	run grep -c '@bindir@' "$unit"
	assert_output 0
}
