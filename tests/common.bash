# SPDX-License-Identifier: GPL-2.0-or-later
# Shared set-up for pfkill's bats tests.
#
# Every process a test starts goes through spawn, which records its pid
# (and its children's) so teardown kills exactly those, by pid, even when
# the test failed.  Names are unique per test so patterns never reach a
# process the test did not start.

# bats-support and bats-assert come from BATS_LIB_PATH (configure finds
# them; bats defaults to /usr/lib/bats).
bats_load_library bats-support
bats_load_library bats-assert
bats_require_minimum_version 1.5.0	# run --separate-stderr

PFKILL=${PFKILL:-$BATS_TEST_DIRNAME/../src/pfkill}
VICTIM=${VICTIM:-$BATS_TEST_DIRNAME/victim}

common_setup() {
	TMP=$(mktemp -d "${BATS_TMPDIR:-/tmp}/pfkill-test.XXXXXX")
	STARTED=()
	declare -gA REPORT=()
	SPAWN_N=0
	# A unique stem for process names; tests append to it (comm keeps 15).
	U=$(printf 'pt%s%05d' "${BATS_TEST_NUMBER:-0}" "$RANDOM")
	U=${U:0:10}
}

# kill_pids PID...: KILL exactly these processes, then reap those that
# are our children.
kill_pids() {
	local pid
	for pid in "$@"; do
		kill -KILL "$pid" 2>/dev/null || true
	done
	for pid in "$@"; do
		wait "$pid" 2>/dev/null || true
	done
}

common_teardown() {
	kill_pids "${STARTED[@]}"
	rm -rf "$TMP"
}

setup() { common_setup; }
teardown() { common_teardown; }

# wait_until CMD...: poll (10 ms) until CMD succeeds, at most 10 s.
# CMD runs anew each time: give it a function, never a "$(...)" that the
# shell would expand once, before the first try.
wait_until() {
	local i
	for ((i = 0; i < 1000; i++)); do
		"$@" && return 0
		sleep 0.01
	done
	echo "timed out waiting for: $*" >&2
	return 1
}

ready_or_dead() { [[ -e $1 ]] || ! kill -0 "$2" 2>/dev/null; }

# spawn NAME [victim options...]: start a victim named NAME that records
# every caught signal; sets SPAWNED to its pid (and CHILDREN, THREADS,
# ZOMBIES from its ready file).  Runs in the background, fd 3 closed so
# bats does not wait for it.
spawn() {
	local name=$1
	shift
	SPAWN_N=$((SPAWN_N + 1))
	local ready="$TMP/ready.$SPAWN_N" report="$TMP/report.$SPAWN_N"
	: >"$report"
	chmod 666 "$report"	# for victims run as another user
	"$VICTIM" -n "$name" -o "$report" -r "$ready" "$@" \
		</dev/null >>"$TMP/victim.out" 2>&1 3>&- &
	SPAWNED=$!
	STARTED+=("$SPAWNED")
	REPORT[$SPAWNED]=$report
	wait_until ready_or_dead "$ready" "$SPAWNED" || return 1
	[[ -e $ready ]] || fail "victim $name died: $(cat "$TMP/victim.out")"
	CHILDREN=($(awk '$1 == "child" { print $2 }' "$ready"))
	THREADS=($(awk '$1 == "thread" { print $2 }' "$ready"))
	ZOMBIES=($(awk '$1 == "zombie" { print $2 }' "$ready"))
	STARTED+=("${CHILDREN[@]}")
	local c
	for c in "${CHILDREN[@]}"; do REPORT[$c]=$report; done
}

# spawn_from FILE NAME [victim options...]: spawn, with a copy of the
# victim made at FILE as the executable.
spawn_from() {
	local file=$1
	shift
	mkdir -p "$(dirname "$file")"
	cp "$VICTIM" "$file"
	VICTIM=$file spawn "$@"
}

# replace_file FILE: put a new file at FILE as a package upgrade does
# (rename over it), so that a process running the old one shows it
# "(deleted)".
replace_file() {
	cp "$VICTIM" "$1.new"
	mv "$1.new" "$1"
}

# The signal lines a spawned process (or its children) reported.
signals_of() { cat "${REPORT[$1]}"; }

# state PID: the one-letter state, or "gone".
state() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo gone; return; }
	stat=${stat##*) }
	echo "${stat%% *}"
}

alive() { local s; s=$(state "$1"); [[ $s != gone && $s != Z && $s != X ]]; }
has_state() { [[ $(state "$1") == "$2" ]]; }
has_comm() { [[ $(cat "/proc/$1/comm" 2>/dev/null) == "$2" ]]; }

# got_count PID SIGNUM N: PID's report has N lines for SIGNUM, or more.
got_count() { (($(grep -c "^SIG $2 " "${REPORT[$1]}") >= $3)); }
dead() { ! alive "$1"; }

# assert_got PID SIGNUM: PID reported SIGNUM (waits for the report).
assert_got() {
	wait_until grep -q "^SIG $2 " "${REPORT[$1]}" ||
		fail "pid $1 did not report signal $2; it reported: $(signals_of "$1")"
}

# assert_untouched PID: PID is alive and reported no signal.
assert_untouched() {
	alive "$1" || fail "pid $1 is not alive"
	[[ ! -s ${REPORT[$1]} ]] || fail "pid $1 got: $(signals_of "$1")"
}

assert_dead() {
	wait_until dead "$1" || fail "pid $1 is still alive"
}

need_root() {
	[[ $(id -u) -eq 0 ]] || skip "needs root: $1"
}
