#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The example init script, end to end, against a test daemon (the victim
# helper writing its own pidfile).

load common

setup() {
	common_setup
	export PFKILL DAEMON=$VICTIM PIDFILE=$TMP/food.pid
	export DAEMON_ARGS="-n ${U}fd -p $PIDFILE -c HUP -o $TMP/daemon.sig"
	INIT=${TOP_SRCDIR:-$BATS_TEST_DIRNAME/..}/examples/food.init
}

teardown() {
	[[ -s $PIDFILE ]] && STARTED+=("$(cat "$PIDFILE")")
	common_teardown
}

# The init script starts food; its pid lands in DAEMON_PID.
starts_daemon() {
	run sh "$INIT" start
	assert_success
	assert_output 'food started'
	DAEMON_PID=$(cat "$PIDFILE")
	STARTED+=("$DAEMON_PID")
}

# stops_daemon PID: the init script stops food, and PID is gone.
stops_daemon() {
	run sh "$INIT" stop
	assert_success
	assert_output 'food stopped'
	assert_dead "$1"
}

@test "init script: start, status, restart, stop" {
	run sh "$INIT" status
	assert_failure 3
	assert_output 'food is not running'
	starts_daemon
	local pid=$DAEMON_PID
	run sh "$INIT" status
	assert_success
	assert_output 'food is running'
	run sh "$INIT" restart
	assert_success
	assert_output "$(printf 'food stopped\nfood started')"
	assert_dead "$pid"
	pid=$(cat "$PIDFILE")
	STARTED+=("$pid")
	stops_daemon "$pid"
	[[ ! -e $PIDFILE ]]
	run sh "$INIT" stop
	assert_success
	assert_output "pfkill: $PIDFILE: no such pidfile: not running"
}

@test "init script: a daemon that ignores TERM is killed by the retry schedule" {
	export DAEMON_ARGS="$DAEMON_ARGS -i TERM"
	starts_daemon
	stops_daemon "$DAEMON_PID"
}

@test "init script: a stale pidfile naming another process leaves it alone" {
	# Another process, even running the same executable, now owns the
	# pid; the pidfile was written before it started.
	spawn "${U}ot" -c TERM,HUP
	local other=$SPAWNED
	echo "$other" >"$PIDFILE"
	touch -d '1 minute ago' "$PIDFILE"
	run sh "$INIT" status
	assert_failure 3
	assert_output 'food is not running'
	run sh "$INIT" stop
	assert_success
	assert_output "pfkill: $PIDFILE: pid $other: started after the pidfile was written: stale pidfile, the pid now belongs to another process"
	assert_untouched "$other"
	[[ ! -e $PIDFILE ]] || fail "the stale pidfile was left behind"
}

@test "init script: a pidfile naming a process of another executable is refused" {
	sleep 1000 </dev/null >/dev/null 2>&1 3>&- &
	local other=$!
	STARTED+=("$other")
	REPORT[$other]=/dev/null
	wait_until has_comm "$other" sleep
	echo "$other" >"$PIDFILE"
	run sh "$INIT" stop
	assert_success
	assert_output --regexp "^pfkill: $PIDFILE: pid $other: executable is '[^']*', not the file '[^']*'$"
	alive "$other"
	[[ -e $PIDFILE ]] || fail "a pidfile naming a live process was removed"
}
