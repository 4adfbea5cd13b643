#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# A representative set of pfkill runs under valgrind: no invalid reads or
# writes, no uninitialised values, no definite leaks.  Valgrind 3.19
# (Debian 12) does not know pidfd_send_signal, so these runs use --list,
# which selects, checks and prints but never sends; the sending paths run
# in the sanitizer build of the whole suite.

load common

setup() {
	common_setup
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	[[ -z ${PFKILL_SANITIZED:-} ]] || skip "the sanitizer build cannot run under valgrind"
}

vg() {
	run valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite "$PFKILL" "$@"
	[[ $status != 99 ]] || fail "valgrind found errors: $output"
}

@test "valgrind: patterns, filters, list and json" {
	spawn "${U}a" -c TERM -- "arg$(printf '\e')x"
	vg --list -f "${U}a"
	assert_success
	assert_line --regexp "^$SPAWNED[:@][0-9]+ .*arg\\\\ex$"
	vg --list --json -u "$(id -u)" -P $$ -r S,R "${U}"
	assert_success
	vg --list -n -i -x "${U}A"
	assert_success
	vg --list --inverse -P 1 -s 0 "${U}"
	vg --list -x "${U}nothing" --verbose --expect-exe /bin/true
	assert_failure 1
}

@test "valgrind: pid, handle, pidfile and checks" {
	spawn "${U}b" -c TERM
	echo "$SPAWNED" >"$TMP/b.pid"
	vg --list -F "$TMP/b.pid" --expect-name "${U}b" --expect-exe "$VICTIM"
	assert_success
	vg --list "$SPAWNED@1"
	assert_failure 1
	vg --list --started-before 1h "$SPAWNED"
	assert_failure 1
	vg --list -- "-$SPAWNED"
	mkfifo "$TMP/fifo"
	vg --list -F "$TMP/fifo"
	assert_failure 2
}

@test "valgrind: usage errors and signal listing" {
	vg --retry TERM/bad -x nothing
	assert_failure 2
	vg '('
	assert_failure 2
	vg -u no-such-user x
	assert_failure 2
	vg -l 143 TERM
	assert_success
	vg --table
	assert_success
	vg --help
	assert_success
}
