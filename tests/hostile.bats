#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile processes and hostile input: nothing crashes, hangs or reaches
# the wrong process, and everything printed is escaped.

load common

# Every run here must finish well within a second.
quick() { run timeout 5 "$@"; }

@test "hostile names are matched, listed escaped, JSON-encoded and signalled" {
	local names=("a)b" "(x) y" "sp ace" "new${IFS:2:1}line" $'tab\there' $'esc\e[2J' $'bad\xff\xfeutf' ")" "x) 0 0 R")
	local n pid expect
	for n in "${names[@]}"; do
		spawn "$n" -c TERM
		pid=$SPAWNED
		quick "$PFKILL" --list -x "$(printf '%s' "$n" | sed 's/[][()\\.^$*+?{}|]/\\&/g')"
		assert_success
		expect=$(printf '%s' "$n" | sed -e 's/\\/\\\\/g' -e 's/\t/\\t/g' -e $'s/\e/\\\\e/g' -e 's/\xff/\\xff/g' -e 's/\xfe/\\xfe/g')
		expect=${expect//$'\n'/\\n}
		assert_output "$pid:${output#*:}"
		[[ ${output#* } == "$expect" ]] || fail "listed '${output#* }', expected '$expect'"
		run bash -c "! LC_ALL=C grep -q '[[:cntrl:]]' <<<\"\$1\"" _ "${output%$'\n'}"
		assert_success
		quick "$PFKILL" --json -0 "$pid"
		assert_success
		run jq -r '.[0].comm' <<<"$output"
		assert_success
		quick "$PFKILL" -e "$pid"
		assert_success
		assert_got "$pid" 15
	done
}

@test "a process with a newline in its name cannot fake a second list line" {
	spawn $'evil\n1 init' -c TERM
	quick "$PFKILL" --list -x $'evil\n1 init'
	assert_success
	assert_equal "${#lines[@]}" 1
}

@test "4 KiB+ arguments and an empty argv are handled" {
	local big
	big=$(printf 'x%.0s' {1..5000})
	spawn "${U}big" -c TERM -- "$big"
	local bigpid=$SPAWNED
	quick "$PFKILL" --list -f "x{5000}"
	assert_success
	assert_output --partial "$bigpid:"
	assert_output --partial "$big"
	quick "$PFKILL" --json -0 "$bigpid"
	run jq -r '.[0].cmdline[-1] | length' <<<"$output"
	assert_output 5000
	spawn "${U}empty" -c TERM -E
	quick "$PFKILL" --json -0 -x "${U}empty"
	assert_success
	run jq -c '.[0].cmdline' <<<"$output"
	assert_output '[""]'
	quick "$PFKILL" -e -f "^\\[${U}empty\\]$"
	assert_success
	assert_output --regexp "^TERM sent to \\[${U}empty\\] \(pid [0-9]+\)$"
}

@test "kernel threads are listed and survive a signal 0" {
	[[ $(cat /proc/2/comm 2>/dev/null) == kthreadd ]] || skip "no kthreadd visible in this pid namespace"
	quick "$PFKILL" --list -x kthreadd
	assert_success
	assert_output --regexp '^2[:@][0-9]+ kthreadd$'
	quick "$PFKILL" --json -f -x kthreadd
	refute_output ''
}

@test "hostile pid, handle and group operands are usage errors or no match" {
	local arg
	for arg in 0 99999999999999999999 4194305 1:99999999999999999999999 1:abc 1@ @5 1@-2; do
		quick "$PFKILL" -0 -- "$arg"
		[[ $status == 2 || ($arg == @5 && $status == 1) ]] || fail "$arg: status $status"
	done
	quick "$PFKILL" -0 -- -0
	assert_failure 2
	for arg in 1e3 ' 12' 12abc; do
		quick "$PFKILL" -0 -- "$arg"
		assert_failure 1
		assert_output "pfkill: '$arg': no process name matches this pattern (a pid is decimal digits only)"
	done
}

@test "empty and malformed option lists are usage errors" {
	local -A want=(
		["-u ,"]="pfkill: -u: empty list"
		["-P 1 -P ,"]="pfkill: -P: empty list"
		["--env ,"]="pfkill: --env: empty list"
		["--cgroup /a --cgroup ,"]="pfkill: --cgroup: empty list"
		["-s 1,x"]="pfkill: -s: invalid session id 'x'"
	)
	local args
	for args in "${!want[@]}"; do
		# shellcheck disable=SC2086 # the key is a list of arguments
		quick "$PFKILL" --list $args "${U}none"
		assert_failure 2
		assert_line --index 0 "${want[$args]}"
	done
}

@test "hidepid=2 hides other users' processes without errors" {
	need_root "to mount a private /proc"
	command -v unshare >/dev/null || skip "unshare is not installed"
	spawn "${U}hid" -c TERM
	run unshare --mount --pid --fork bash -c '
		mount -t proc -o hidepid=2 proc /proc || exit 77
		setpriv --reuid=65534 --regid=65534 --clear-groups "$1" -0 -x "$2"; echo "pattern $?"
		setpriv --reuid=65534 --regid=65534 --clear-groups "$1" -0 1; echo "pid $?"
	' _ "$PFKILL" "${U}hid"
	[[ $status != 77 ]] || skip "cannot mount proc with hidepid here"
	assert_line 'pattern 1'
	assert_line 'pfkill: 1: no such process'
	assert_line 'pid 1'
	assert_untouched "$SPAWNED"
}

@test "churn: recycled pids never receive a signal meant for others" {
	local churn=${CHURN:-$BATS_TEST_DIRNAME/churn}
	[[ -x $churn ]] || churn=$(dirname "$VICTIM")/churn
	"$churn" 4 "${U}tg" "${U}ot" "$TMP/churn.log" >"$TMP/churn.count" 2>&1 3>&- &
	local spawner=$!
	STARTED+=("$spawner")
	local rounds=0 rc
	while kill -0 "$spawner" 2>/dev/null; do
		for cmd in "-0 -x ${U}tg" "-TERM -x ${U}tg" "-USR1 -n -x ${U}tg" \
			"--list -x ${U}tg"; do
			rc=0
			# shellcheck disable=SC2086
			"$PFKILL" $cmd >"$TMP/out" 2>>"$TMP/err" || rc=$?
			[[ $rc == 0 || $rc == 1 ]] || fail "pfkill $cmd exited $rc"
			! grep -qv " ${U}tg$" "$TMP/out" || fail "listed: $(cat "$TMP/out")"
		done
		rounds=$((rounds + 1))
	done
	wait "$spawner"
	[[ $(cat "$TMP/churn.count") -gt 1000 ]] || fail "churn forked only $(cat "$TMP/churn.count")"
	[[ $rounds -gt 10 ]] || fail "only $rounds rounds"
	run cat "$TMP/err"
	assert_output ''
	grep -q "^${U}tg " "$TMP/churn.log" || fail "no target child was ever signalled"
	run grep -v "^${U}tg " "$TMP/churn.log"
	assert_output ''
}
