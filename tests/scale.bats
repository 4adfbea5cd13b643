#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Scale: any number of matches whatever the fd limit, fork bombs in one
# command, threads that change nothing but speed.  (Speed itself is
# measured by bench/, never here.)

load common

# 1500 children named NAME that the test can count: spawn -k 1500.
many() {
	spawn "$1" -k 1500 "${@:2}"
	[[ ${#CHILDREN[@]} -eq 1500 ]] || fail "started ${#CHILDREN[@]} children"
}

# none_left NAME: no process named NAME still runs (zombies do not).
# By name, not by pid: with 1500 at a time pids come round again.
none_left() { ! pgrep -x "$1" -r R,S,D,T,t,I >/dev/null; }

@test "a plain send to 1501 matches under a hard fd limit of 64 signals them all" {
	many "${U}p" -c USR1
	run bash -c "ulimit -n 64; \"$PFKILL\" -USR1 -c -x ${U}p"
	assert_success
	assert_output 1501
	wait_until got_count "$SPAWNED" 10 1501
}

@test "-w on 1501 matches under a hard fd limit of 1024 waits for them all" {
	many "${U}w"
	run bash -c "ulimit -n 1024; \"$PFKILL\" -w -c -x ${U}w"
	assert_success
	assert_output 1501
	none_left "${U}w"
}

@test "--retry on 1501 matches under a hard fd limit of 1024 escalates to every survivor" {
	many "${U}r" -i TERM
	run bash -c "ulimit -n 1024; \"$PFKILL\" --retry TERM/0.5/KILL/5 -c -x ${U}r"
	assert_success
	assert_output 1501
	none_left "${U}r"
}

@test "-0 -w on 1501 matches under a hard fd limit of 1024 times out naming every survivor" {
	many "${U}t" -c TERM
	run bash -c "ulimit -n 1024; \"$PFKILL\" -0 -w --timeout 0.5 -x ${U}t 2>&1 >/dev/null | grep -c 'still running after the 0.5s timeout'"
	assert_output 1501
	[[ ! -s ${REPORT[$SPAWNED]} ]] || fail "a signal was sent: $(head -3 "${REPORT[$SPAWNED]}")"
}

@test "the scan's threads change nothing but speed: same list, same status" {
	many "${U}s" -c TERM
	run "$PFKILL" --threads 1 --list -x "${U}s"
	assert_success
	local one=$output
	[[ ${#lines[@]} -eq 1501 ]]
	run "$PFKILL" --threads 8 --list -x "${U}s"
	assert_success
	assert_equal "$output" "$one"
	run "$PFKILL" --threads 2 --list -x "${U}none"
	assert_failure 1
	run "$PFKILL" --threads 0 -x "${U}none"
	assert_failure 2
	assert_line --index 0 "pfkill: --threads: invalid number '0' (1 to 64)"
}

# --- fork bombs ----------------------------------------------------------

cgroup2_dir() { findmnt -n -t cgroup2 -o TARGET 2>/dev/null | head -n 1; }

# Start a fork bomb as a throwaway user held to 200 processes, in a cgroup
# of its own, so that teardown can end it whatever happens.
start_bomb() {
	need_root "a throwaway user and a cgroup"
	command -v useradd >/dev/null || skip "useradd is not installed"
	local root
	root=$(cgroup2_dir)
	[[ -n $root && -w $root ]] || skip "no writable cgroup v2 mount"
	BOMB_USER=pfb${RANDOM}
	BOMB_CG=$root/pfkill-test-$BOMB_USER
	mkdir "$BOMB_CG" || skip "cannot create a cgroup"
	useradd -M -N -s /bin/false "$BOMB_USER"
	bash -c 'echo $$ >"$1/cgroup.procs" && ulimit -u 200 &&
		exec setpriv --reuid="$2" --regid=65534 --clear-groups bash -c "
			bomb() { while :; do bomb & sleep 0.02; done; }; bomb"' \
		_ "$BOMB_CG" "$BOMB_USER" </dev/null >/dev/null 2>&1 3>&- &
	wait_until bomb_grown
}

bomb_grown() { (($(pgrep -c -u "$BOMB_USER") >= 150)); }

# Kill everything in the test's cgroup (and below), remove it and the
# throwaway user.
end_bomb() {
	if [[ -n ${BOMB_CG:-} && -d $BOMB_CG ]]; then
		local i
		for ((i = 0; i < 100; i++)); do
			echo 1 >"$BOMB_CG/cgroup.kill" 2>/dev/null
			grep -q 'populated 0' "$BOMB_CG/cgroup.events" && break
			sleep 0.05
		done
		find "$BOMB_CG" -depth -type d -exec rmdir {} +
	fi
	[[ -z ${BOMB_USER:-} ]] || userdel "$BOMB_USER" 2>/dev/null || true
}

teardown() {
	end_bomb
	common_teardown
}

@test "--until-gone ends a fork bomb in one command" {
	start_bomb
	run timeout 60 "$PFKILL" -KILL -u "$BOMB_USER" --until-gone --timeout 15
	assert_success
	# Zombies may wait for pid 1 to reap them; nothing may still run.
	run pgrep -u "$BOMB_USER" -r R,S,D,T,t,I
	assert_failure 1
}

@test "--until-gone --cgroup PATH alone uses cgroup.kill; with a child cgroup it scans" {
	need_root "cgroups"
	local root cg
	root=$(cgroup2_dir)
	[[ -n $root && -w $root && -e $root/cgroup.procs ]] || skip "no writable cgroup v2 mount"
	cg=/pfkill-test-$U
	mkdir "$root$cg"
	BOMB_CG=$root$cg
	[[ -e $root$cg/cgroup.kill ]] || skip "no cgroup.kill (Linux 5.14+)"
	spawn "${U}c" -k 3
	local p
	for p in "$SPAWNED" "${CHILDREN[@]}"; do echo "$p" >"$root$cg/cgroup.procs"; done
	run "$PFKILL" -e -KILL --cgroup "$cg" --until-gone --timeout 5
	assert_success
	assert_output "KILL sent to cgroup $cg (cgroup.kill)"
	wait_until none_left "${U}c"
	run "$PFKILL" -KILL --cgroup "$cg" --until-gone --timeout 5
	assert_failure 1
	# A child cgroup: cgroup.kill would reach it and --cgroup does not.
	mkdir "$root$cg/child"
	spawn "${U}c" -c TERM
	local inside=$SPAWNED
	spawn "${U}c" -c TERM
	echo "$inside" >"$root$cg/cgroup.procs"
	echo "$SPAWNED" >"$root$cg/child/cgroup.procs"
	run "$PFKILL" -e -KILL --cgroup "$cg" --until-gone --timeout 5
	assert_success
	assert_line --index 0 "KILL sent to ${U}c (pid $inside)"
	assert_line --index 1 --regexp "^${U}c \(pid $inside\) exited after [0-9.]+s$"
	assert_dead "$inside"
	alive "$SPAWNED"
	kill_pids "$SPAWNED"
	wait_until test ! -s "$root$cg/child/cgroup.procs"
	rmdir "$root$cg/child"
}

@test "--until-gone gives up at --timeout, exit 5, naming what is left" {
	spawn "${U}u" -c TERM
	run "$PFKILL" --until-gone --timeout 0.5 -x "${U}u"
	assert_failure 5
	assert_output "pfkill: $SPAWNED (${U}u): still running after the 0.5s --until-gone timeout"
	assert_got "$SPAWNED" 15
	[[ $(state "$SPAWNED") != T ]] || fail "left stopped"
	run "$PFKILL" --until-gone -x "${U}none"
	assert_failure 1
	run "$PFKILL" --until-gone --oknodo -x "${U}none"
	assert_success
	run "$PFKILL" --until-gone "$SPAWNED"
	assert_failure 2
	assert_line --index 0 'pfkill: --until-gone repeats a scan by pattern or filters; it cannot be combined with a pid, handle, process group or pidfile'
}
