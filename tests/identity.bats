#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Identity: handles, checks on pids, pidfiles, safety defaults, -I, and
# proof with really recycled pids that a successor is never signalled.

load common

handle_of() { "$PFKILL" --list -x "$1" | cut -d' ' -f1; }

@test "--list prints a handle that is accepted as a target" {
	spawn "${U}h" -c TERM
	run "$PFKILL" --list -x "${U}h"
	assert_success
	assert_output --regexp "^$SPAWNED:[0-9]+ ${U}h$"
	assert_untouched "$SPAWNED"
	run "$PFKILL" -e "${output%% *}"
	assert_success
	assert_output "TERM sent to ${U}h (pid $SPAWNED)"
	assert_got "$SPAWNED" 15
}

@test "a handle with the wrong inode or start time is refused" {
	spawn "${U}h" -c TERM
	local h ino start
	h=$(handle_of "${U}h")
	ino=${h#*:}
	run "$PFKILL" "$SPAWNED:$((ino + 1))"
	assert_failure 1
	assert_output "pfkill: $SPAWNED:$((ino + 1)): process has exited (pid $SPAWNED now belongs to another process)"
	start=$(awk '{ sub(/.*\) /, ""); print $20 }' "/proc/$SPAWNED/stat")
	run "$PFKILL" "$SPAWNED@$((start + 1))"
	assert_failure 1
	assert_output "pfkill: $SPAWNED@$((start + 1)): process has exited (pid $SPAWNED now belongs to another process)"
	assert_untouched "$SPAWNED"
	run "$PFKILL" -HUP "$SPAWNED@$start"
	assert_success
	assert_dead "$SPAWNED"
}

@test "a handle of an exited process is refused" {
	spawn "${U}h" -c TERM
	local h
	h=$(handle_of "${U}h")
	kill -KILL "$SPAWNED"
	wait "$SPAWNED" 2>/dev/null || true
	run "$PFKILL" "$h"
	assert_failure 1
	assert_output --regexp "^pfkill: $h: (no such process|process has exited.*)$"
}

@test "--expect-name must hold for a pid" {
	spawn "${U}n" -c TERM
	run "$PFKILL" --expect-name other "$SPAWNED"
	assert_failure 1
	assert_output "pfkill: $SPAWNED: name is '${U}n', expected 'other'"
	assert_untouched "$SPAWNED"
	run "$PFKILL" --expect-name "${U}n" "$SPAWNED"
	assert_success
	assert_got "$SPAWNED" 15
}

@test "--expect-exe compares the file, through any path to it" {
	spawn "${U}x" -c TERM
	run "$PFKILL" --expect-exe /bin/sleep "$SPAWNED"
	assert_failure 1
	assert_output "pfkill: $SPAWNED: executable is '$(realpath "$VICTIM")', not the file '$(realpath /bin/sleep)'"
	assert_untouched "$SPAWNED"
	ln -s "$VICTIM" "$TMP/link-to-victim"
	run "$PFKILL" --expect-exe "$TMP/link-to-victim" "$SPAWNED"
	assert_success
	assert_got "$SPAWNED" 15
}

@test "--started-before must hold for a pid" {
	spawn "${U}t" -c TERM
	run "$PFKILL" --started-before 1h "$SPAWNED"
	assert_failure 1
	assert_output --regexp "^pfkill: $SPAWNED: started after [0-9-]+ [0-9:]+$"
	run "$PFKILL" --started-before @0 "$SPAWNED"
	assert_failure 1
	assert_untouched "$SPAWNED"
	run "$PFKILL" --started-before "$(date -d '+1 min' '+%Y-%m-%d %H:%M:%S')" "$SPAWNED"
	assert_success
	assert_got "$SPAWNED" 15
	local -A want=([yesterday]="invalid time" [2024-02-30]="no such date"
		['2024-01-01 23:59:61']="invalid time" [@-5]="invalid time")
	for t in "${!want[@]}"; do
		run "$PFKILL" --started-before "$t" "$SPAWNED"
		assert_failure 2
		assert_line --index 0 "pfkill: --started-before: ${want[$t]} '$t'"
	done
}

@test "-u must hold for a pid" {
	spawn "${U}u" -c TERM
	local other=65534
	[[ $(id -u) != 65534 ]] || other=0
	run "$PFKILL" -u "$other" "$SPAWNED"
	assert_failure 1
	assert_output "pfkill: $SPAWNED: does not match -u (euid $(id -u))"
	assert_untouched "$SPAWNED"
	run "$PFKILL" -u "$(id -un)" "$SPAWNED"
	assert_success
	assert_got "$SPAWNED" 15
	run "$PFKILL" -u no-such-user-here "$SPAWNED"
	assert_failure 2
	assert_line --index 0 "pfkill: -u: unknown user 'no-such-user-here'"
}

# --- pidfiles ------------------------------------------------------------

@test "a good pidfile is signalled" {
	spawn "${U}p" -c TERM
	echo "$SPAWNED" >"$TMP/good.pid"
	run "$PFKILL" -e -F "$TMP/good.pid"
	assert_success
	assert_output "TERM sent to ${U}p (pid $SPAWNED)"
	assert_got "$SPAWNED" 15
	printf '  %s \n\n' "$SPAWNED" >"$TMP/spaced.pid"
	run "$PFKILL" -0 -F "$TMP/spaced.pid"
	assert_success
}

@test "a pidfile with a pattern or --expect-name checks them too" {
	spawn "${U}p" -c TERM
	echo "$SPAWNED" >"$TMP/p.pid"
	run "$PFKILL" -F "$TMP/p.pid" -x other
	assert_failure 1
	assert_output "pfkill: $TMP/p.pid: pid $SPAWNED: process '${U}p' does not match the pattern"
	run "$PFKILL" -F "$TMP/p.pid" --expect-name other
	assert_failure 1
	assert_untouched "$SPAWNED"
	run "$PFKILL" -F "$TMP/p.pid" -x "${U}p"
	assert_success
	assert_got "$SPAWNED" 15
}

@test "a pidfile older than its process is stale" {
	spawn "${U}p" -c TERM
	echo "$SPAWNED" >"$TMP/old.pid"
	touch -d '1 hour ago' "$TMP/old.pid"
	run "$PFKILL" -F "$TMP/old.pid"
	assert_failure 1
	assert_output "pfkill: $TMP/old.pid: pid $SPAWNED: started after the pidfile was written: stale pidfile, the pid now belongs to another process"
	assert_untouched "$SPAWNED"
}

@test "hostile pidfiles get a clear error and never block" {
	spawn "${U}p" -c TERM
	local p=$SPAWNED
	mkfifo "$TMP/fifo"
	echo "$p" >"$TMP/target"
	ln -s "$TMP/target" "$TMP/symlink"
	mkdir "$TMP/dir"
	: >"$TMP/empty"
	truncate -s 100M "$TMP/huge"
	printf '%s\n%s\n' "$p" "$p" >"$TMP/two"
	echo "-$p" >"$TMP/negative"
	printf '%s\0\n' "$p" >"$TMP/nul"
	echo "12abc" >"$TMP/garbage"
	echo "$p" >"$TMP/world"
	chmod 666 "$TMP/world"
	local -A want=(
		[fifo]="2|not a regular file: refusing to read it"
		[/dev/zero]="2|not a regular file: refusing to read it"
		[/dev/urandom]="2|not a regular file: refusing to read it"
		[symlink]="2|is a symbolic link: refusing to follow it"
		[dir]="2|not a regular file: refusing to read it"
		[empty]="1|pidfile is empty: not running"
		[huge]="2|too large for a pidfile (104857600 bytes)"
		[two]="2|does not hold a single pid"
		[negative]="2|does not hold a single pid"
		[nul]="2|does not hold a single pid"
		[garbage]="2|does not hold a single pid"
		[world]="2|unsafe pidfile: writable by anyone; add --expect-exe, --expect-name, -x NAME or -u to name the process"
		[missing]="1|no such pidfile: not running"
	)
	local f path
	for f in "${!want[@]}"; do
		path=$TMP/$f
		[[ $f == /* ]] && path=$f
		run timeout 2 "$PFKILL" -F "$path"
		assert_equal "$f: $status" "$f: ${want[$f]%%|*}"
		assert_equal "$f: $output" "$f: pfkill: $path: ${want[$f]#*|}"
	done
	assert_untouched "$p"
}

@test "a pidfile owned by another user needs another check" {
	need_root "to chown the pidfile"
	spawn "${U}p" -c TERM
	echo "$SPAWNED" >"$TMP/foreign.pid"
	chown 65534 "$TMP/foreign.pid"
	run "$PFKILL" -F "$TMP/foreign.pid"
	assert_failure 2
	assert_output "pfkill: $TMP/foreign.pid: unsafe pidfile: owned by uid 65534, not by root or you; add --expect-exe, --expect-name, -x NAME or -u to name the process"
	assert_untouched "$SPAWNED"
	run "$PFKILL" -F "$TMP/foreign.pid" --expect-name "${U}p"
	assert_success
	assert_got "$SPAWNED" 15
}

@test "-L requires the pidfile to be locked" {
	command -v flock >/dev/null || skip "flock is not installed"
	spawn "${U}p" -c TERM
	echo "$SPAWNED" >"$TMP/lock.pid"
	run "$PFKILL" -L -F "$TMP/lock.pid"
	assert_failure 1
	assert_output "pfkill: $TMP/lock.pid: pidfile is not locked: not running"
	assert_untouched "$SPAWNED"
	exec 8<"$TMP/lock.pid"
	flock -x 8
	run "$PFKILL" -L -F "$TMP/lock.pid"
	exec 8<&-
	assert_success
	assert_got "$SPAWNED" 15
}

# --- safety defaults -----------------------------------------------------

@test "-1 is refused without --all-processes" {
	run "$PFKILL" -- -1
	assert_failure 2
	assert_line --index 0 'pfkill: -1 would signal every process; add --all-processes if you mean it'
}

@test "patterns never select pid 1" {
	run "$PFKILL" --list -x "$(cat /proc/1/comm)"
	refute_output --regexp '^1[:@]'
}

@test "patterns never select pfkill's ancestors unless --include-ancestors" {
	cp /bin/bash "$TMP/${U}sh"
	run "$TMP/${U}sh" -c "\"$PFKILL\" --list -x ${U}sh; echo rc=\$?"
	assert_output 'rc=1'
	run "$TMP/${U}sh" -c "\"$PFKILL\" --list --include-ancestors -x ${U}sh; echo rc=\$?"
	assert_line --index 0 --regexp "^[0-9]+:[0-9]+ ${U}sh$"
	assert_line --index 1 'rc=0'
}

@test "-I asks on stderr and only 'y' sends" {
	spawn "${U}i" -c TERM
	run bash -c "echo n | \"$PFKILL\" -I -x ${U}i"
	assert_failure 1
	assert_output "Send TERM to ${U}i (pid $SPAWNED)? [y/N] "
	assert_untouched "$SPAWNED"
	run bash -c "echo y | \"$PFKILL\" -I -x ${U}i"
	assert_success
	assert_got "$SPAWNED" 15
}

# --- recycled pids -------------------------------------------------------

recycle() {
	need_root "pid namespaces and ns_last_pid"
	command -v unshare >/dev/null || skip "unshare is not installed"
	export PFKILL VICTIM TMP
	run unshare --pid --fork --mount-proc bash "$BATS_TEST_DIRNAME/recycle.sh" "$@"
}

@test "recycled pid: a stale pidfile leaves the new process alone" {
	recycle pidfile pfkill
	assert_line --regexp '^B [0-9]+$'
	assert_line 'rc 1'
	assert_line --regexp '^stderr pfkill: .*/pidfile: pid [0-9]+: started after the pidfile was written: stale pidfile, the pid now belongs to another process;$'
	assert_line 'B-signals '
	assert_line 'B alive'
}

@test "recycled pid control: kill with the same pidfile hits the new process" {
	recycle pidfile control
	assert_line 'rc 0'
	assert_line --regexp '^B-signals SIG 15 '
}

@test "recycled pid: a stale handle leaves the new process alone" {
	recycle handle pfkill
	assert_line 'rc 1'
	assert_line --regexp '^stderr pfkill: [0-9]+:[0-9]+: process has exited \(pid [0-9]+ now belongs to another process\);$'
	assert_line 'B-signals '
	assert_line 'B alive'
}

@test "recycled pid control: kill with the handle's pid hits the new process" {
	recycle handle control
	assert_line 'rc 0'
	assert_line --regexp '^B-signals SIG 15 '
}

@test "recycled pid: answering -I after the pid was reused leaves the new process alone" {
	recycle interactive pfkill
	assert_line 'rc 1'
	assert_line --regexp '^stderr Send TERM to recyc[0-9]+ \(pid [0-9]+\)\? \[y/N\] pfkill: [0-9]+: process has exited; not signalled;$'
	assert_line 'B-signals '
	assert_line 'B alive'
}

@test "recycled pid control: prompt-then-kill by pid hits the new process" {
	recycle interactive control
	assert_line 'rc 0'
	assert_line --regexp '^B-signals SIG 15 '
}

@test "--expect-* also filter pattern matches; --verbose says why" {
	spawn "${U}v" -c TERM
	run "$PFKILL" --expect-exe /bin/sleep -x "${U}v"
	assert_failure 1
	assert_output ''
	run "$PFKILL" --verbose --expect-exe /bin/sleep -x "${U}v"
	assert_failure 1
	assert_output --partial "pfkill: $SPAWNED: skipped: executable is '"
	assert_untouched "$SPAWNED"
	run "$PFKILL" --expect-exe "$VICTIM" -x "${U}v"
	assert_success
	assert_got "$SPAWNED" 15
}

@test "--verbose names the ancestors it skips" {
	cp /bin/bash "$TMP/${U}sh"
	run "$TMP/${U}sh" -c "\"$PFKILL\" --verbose --list -x ${U}sh; echo rc=\$?"
	assert_line --index 0 --regexp "^pfkill: [0-9]+: skipped: an ancestor of pfkill \(see --include-ancestors\)$"
	assert_line --index 1 'rc=1'
}

@test "a pidfile of whitespace only is empty" {
	printf '\r\n \t' >"$TMP/blank.pid"
	run "$PFKILL" -F "$TMP/blank.pid"
	assert_failure 1
	assert_output "pfkill: $TMP/blank.pid: pidfile is empty: not running"
}

@test "combinations that cannot work are refused" {
	run "$PFKILL" --tid 1 --list
	assert_failure 2
	assert_line --index 0 'pfkill: --tid cannot be combined with --wait, --retry, --until-gone, --list, --pids, --json or --interactive'
	run "$PFKILL" -I --retry TERM/1 -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: --interactive cannot be combined with --retry or --until-gone'
	run "$PFKILL" -n -o -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: -n/--newest and -o/--oldest cannot be combined'
}

@test "-1 with --all-processes selects everything but pid 1 and pfkill" {
	spawn "${U}all" -c TERM
	cp "$PFKILL" "$TMP/${U}me"
	run "$TMP/${U}me" --list --all-processes -- -1
	assert_success
	assert_line --regexp "^$SPAWNED[:@][0-9]+ ${U}all$"
	refute_line --regexp '^1[:@]'
	refute_line --regexp " ${U}me$"
	assert_untouched "$SPAWNED"
}

@test "--expect-name longer than comm compares the full name" {
	local long="${U}longname12345"
	ln -s "$VICTIM" "$TMP/$long"
	VICTIM="$TMP/$long" spawn "$long" -c TERM
	run "$PFKILL" --expect-name "${long}X" "$SPAWNED"
	assert_failure 1
	assert_output "pfkill: $SPAWNED: name is '${long:0:15}', expected '${long}X'"
	run "$PFKILL" -x "${long}X" --list
	assert_failure 1
	run "$PFKILL" -x "$long" --list
	assert_success
	assert_output --regexp "^$SPAWNED:[0-9]+ ${long:0:15}$"
	run "$PFKILL" --expect-name "$long" "$SPAWNED"
	assert_success
	assert_got "$SPAWNED" 15
}
