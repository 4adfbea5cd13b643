#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Identity at the edges: a /proc from another pid namespace, pidfiles a
# group can write, what pins a foreign pidfile, huge status files,
# --expect-exe against another mount namespace, -I answers, kill
# habits, threads named as pids, start-time handles, clock steps, and
# escaping.  Each test tries to make pfkill signal a process the user
# did not mean.

load common

# --- /proc of another pid namespace --------------------------------------

# The sanitizers' runtime reads its own /proc/self: it cannot run where
# /proc is another namespace's or missing.
no_sanitizer() {
	[[ -z ${PFKILL_SANITIZED:-} ]] || skip "the sanitizer runtime needs /proc of its own pid namespace"
}

# foreign_proc SCENARIO -- ARGS...: pfkill with a child namespace's /proc
# (see nsproc.sh); NAME in ARGS is the targets' name.
foreign_proc() {
	need_root "pid and mount namespaces"
	no_sanitizer
	command -v nsenter >/dev/null || skip "nsenter is not installed"
	export PFKILL VICTIM TMP
	run unshare --pid --fork --mount-proc bash "$BATS_TEST_DIRNAME/nsproc.sh" "$@"
	assert_line --regexp '^rc [0-9]+$'
}

@test "foreign /proc: --retry exits 3 and signals nobody, not the process pidfd_open would name" {
	foreign_proc plain -- --retry TERM/1/KILL/1 -x NAME
	assert_line 'rc 3'
	assert_line --regexp "^stderr pfkill: --retry needs a pidfd, but /proc belongs to another pid namespace \(pfkill is not in it\): mount the procfs of this namespace on /proc;$"
	assert_line 'T-signals '
	assert_line 'U-signals '
	assert_line 'U alive'
}

@test "foreign /proc: -w and --tid exit 3 and signal nobody" {
	foreign_proc plain -- -USR1 -w -x NAME
	assert_line 'rc 3'
	assert_line 'T-signals '
	assert_line 'U-signals '
	foreign_proc plain -- -USR1 --tid 100
	assert_line 'rc 3'
	assert_line --regexp '^stderr pfkill: --tid needs a pidfd, but /proc belongs to another pid namespace'
	assert_line 'T-signals '
	assert_line 'U-signals '
}

@test "foreign /proc: a plain send goes through the dir fd to the process /proc shows" {
	foreign_proc plain -- -USR1 -x NAME
	assert_line 'rc 0'
	assert_line 'T-signals SIG 10;'
	assert_line 'U-signals '
}

@test "foreign /proc: a process group is signalled member by member, never through a pidfd" {
	foreign_proc group -- -USR1 -- -100
	assert_line 'rc 0'
	assert_line 'T-signals SIG 10;'
	assert_line 'U-signals '
}

@test "foreign /proc: --list prints PID@STARTTIME handles; a PID:INODE handle exits 3" {
	foreign_proc plain -- --list -x NAME
	assert_line 'rc 0'
	assert_line --regexp '^stdout 100@[0-9]+ nsproc[0-9]+;$'
	foreign_proc plain -- -USR1 100:123456
	assert_line 'rc 3'
	assert_line --regexp '^stderr pfkill: a PID:INODE handle needs a pidfd'
	assert_line 'T-signals '
	assert_line 'U-signals '
}

@test "foreign /proc: -m sends KILL through the dir fd and says it cannot release memory" {
	foreign_proc plain -- -KILL -m -x NAME
	assert_line 'rc 0'
	assert_line --regexp "^stderr pfkill: 100: process_mrelease needs a pidfd, which this /proc cannot prove \(another pid namespace's\): memory is freed as the process exits;$"
	assert_line 'U-signals '
	assert_line 'U alive'
}

@test "a /proc of the parent namespace: pfkill knows itself there and cannot reach the others" {
	need_root "pid namespaces"
	spawn "${U}out" -c USR1
	cp "$PFKILL" "$TMP/${U}me"
	# unshare -p without --mount-proc: /proc still numbers the parent's pids.
	run unshare --pid --fork bash -c '"$1" --list -x "$2"; echo "self $?"
		"$1" -USR1 "$3"; echo "send $?"' _ "$TMP/${U}me" "${U}me" "$SPAWNED"
	assert_line 'self 1'
	assert_line "pfkill: $SPAWNED: cannot signal: it is outside pfkill's pid namespace (/proc belongs to another)"
	assert_line 'send 4'
	assert_untouched "$SPAWNED"
}

@test "no /proc mounted: exit 3 saying so, not 'no such process'" {
	need_root "a private mount namespace"
	no_sanitizer
	run unshare --mount bash -c 'umount -l /proc || exit 77; "$1" -0 1; echo "rc $?"' _ "$PFKILL"
	[[ $status != 77 ]] || skip "cannot unmount /proc here"
	assert_output "$(printf 'pfkill: /proc is not mounted (no procfs there)\nrc 3')"
}

# --- pidfiles ------------------------------------------------------------

@test "a pidfile that a group other than root's or the caller's can write is foreign" {
	need_root "to give the pidfile another group"
	spawn "${U}p" -c TERM
	echo "$SPAWNED" >"$TMP/g.pid"
	chgrp 100 "$TMP/g.pid"
	chmod 664 "$TMP/g.pid"
	run "$PFKILL" -F "$TMP/g.pid"
	assert_failure 2
	assert_output --regexp "^pfkill: $TMP/g.pid: unsafe pidfile: writable by group 100( \(users\))?; add --expect-exe, --expect-name, -x NAME or -u to name the process$"
	assert_untouched "$SPAWNED"
	chgrp 0 "$TMP/g.pid"
	run "$PFKILL" -0 -F "$TMP/g.pid"
	assert_success
	chgrp 100 "$TMP/g.pid"
	run "$PFKILL" -F "$TMP/g.pid" --expect-name "${U}p"
	assert_success
	assert_got "$SPAWNED" 15
}

@test "only a check that names the process pins a foreign pidfile, never a loose pattern" {
	need_root "to chown the pidfile"
	spawn "${U}api" -c TERM
	echo "$SPAWNED" >"$TMP/f.pid"
	chown 65534 "$TMP/f.pid"
	for pat in api "${U}" "${U}a.i"; do
		run "$PFKILL" -F "$TMP/f.pid" "$pat"
		assert_failure 2
		assert_line --index 0 --partial "unsafe pidfile: owned by uid 65534"
	done
	run "$PFKILL" -F "$TMP/f.pid" -x "${U}a.i"
	assert_failure 2
	assert_untouched "$SPAWNED"
	run "$PFKILL" -0 -F "$TMP/f.pid" -u 0
	assert_success
	run "$PFKILL" -F "$TMP/f.pid" -x "${U}api"
	assert_success
	assert_got "$SPAWNED" 15
}

@test "--inverse with a pid or a pidfile is refused, not silently ignored" {
	spawn "${U}v" -c TERM
	echo "$SPAWNED" >"$TMP/v.pid"
	run "$PFKILL" -F "$TMP/v.pid" --inverse nomatch
	assert_failure 2
	assert_line --index 0 'pfkill: --inverse selects from the scan; it cannot be combined with a pid, handle, process group or pidfile'
	run "$PFKILL" --inverse -u 0 "$SPAWNED"
	assert_failure 2
	assert_untouched "$SPAWNED"
}

@test "a daemon that holds its pidfile is not stale after the clock stepped forward" {
	spawn "${U}d" -c TERM -p "$TMP/d.pid" -K
	# The pidfile looks an hour older than the daemon: what a forward
	# step of the clock after the daemon wrote it looks like.
	touch -d '1 hour ago' "$TMP/d.pid"
	run "$PFKILL" -e -F "$TMP/d.pid"
	assert_success
	assert_output "TERM sent to ${U}d (pid $SPAWNED)"
	assert_got "$SPAWNED" 15
}

@test "a stale pidfile stays stale when the new owner of the pid holds it open only for reading" {
	echo placeholder >"$TMP/s.pid"
	bash -c 'exec 7<"$1"; exec sleep 1000' _ "$TMP/s.pid" </dev/null >/dev/null 2>&1 3>&- &
	local other=$!
	STARTED+=("$other")
	REPORT[$other]=/dev/null
	wait_until grep -qx sleep "/proc/$other/comm"
	echo "$other" >"$TMP/s.pid"
	touch -d '1 hour ago' "$TMP/s.pid"
	run "$PFKILL" -F "$TMP/s.pid"
	assert_failure 1
	assert_output "pfkill: $TMP/s.pid: pid $other: started after the pidfile was written: stale pidfile, the pid now belongs to another process"
	alive "$other"
}

# --- /proc files of any size ---------------------------------------------

@test "a process with thousands of supplementary groups is still selected and listed in full" {
	need_root "to give a process 5000 groups"
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	chmod 1777 "$TMP"
	printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --groups=%s "%s" "$@"\n' \
		"$(seq -s, 1000 6000)" "$VICTIM" >"$TMP/wrap"
	chmod 755 "$TMP/wrap"
	VICTIM=$TMP/wrap spawn "${U}g" -c TERM
	[[ $(wc -c <"/proc/$SPAWNED/status") -gt 16384 ]] || fail "status is small"
	run "$PFKILL" --list -u 65534 -x "${U}g"
	assert_success
	assert_output --regexp "^$SPAWNED:[0-9]+ ${U}g$"
	run "$PFKILL" --json --list -x "${U}g"
	run jq -r '.[0] | "\(.uid) \(.cmdline[0])"' <<<"$output"
	assert_output "65534 $VICTIM"
	run "$PFKILL" -KILL -u 65534 -x "${U}g"
	assert_success
	assert_dead "$SPAWNED"
}

# --- --expect-exe --------------------------------------------------------

@test "--expect-exe compares the file, not the path another mount namespace shows" {
	need_root "a mount namespace"
	spawn_from "$TMP/bin/tool" "${U}t" -c TERM
	local real=$SPAWNED
	# The impostor: a tmpfs over the directory, holding its own "tool".
	printf '#!/bin/bash\nexec unshare --mount bash -c '\''mount -t tmpfs t "$0/bin" && cp "$1" "$0/bin/tool" && shift && exec "$0/bin/tool" "$@"'\'' "%s" "%s" "$@"\n' \
		"$TMP" "$VICTIM" >"$TMP/impostor"
	chmod 755 "$TMP/impostor"
	VICTIM=$TMP/impostor spawn "${U}t" -c TERM
	local fake=$SPAWNED
	# In a chroot the other mount namespace's path shows the chroot's
	# prefix, and the attack (the very same path) cannot be staged.
	[[ $(readlink "/proc/$fake/exe") == "$TMP/bin/tool" ]] ||
		skip "another mount namespace shows the impostor as $(readlink "/proc/$fake/exe") here (a chroot?)"
	run "$PFKILL" --expect-exe "$TMP/bin/tool" "$fake"
	assert_failure 1
	assert_output "pfkill: $fake: executable is '$TMP/bin/tool', not the file '$TMP/bin/tool' (another file at that path, as another mount namespace or a replaced file shows it)"
	assert_untouched "$fake"
	run "$PFKILL" -e -n --expect-exe "$TMP/bin/tool" -x "${U}t"
	assert_success
	assert_output "TERM sent to ${U}t (pid $real)"
	assert_untouched "$fake"
}

@test "--expect-exe accepts a binary an upgrade replaced, not a deleted file of another owner" {
	need_root "to chown a binary"
	spawn_from "$TMP/bin/daemon" "${U}u" -c TERM
	local upgraded=$SPAWNED
	replace_file "$TMP/bin/daemon"
	[[ $(readlink "/proc/$upgraded/exe") == "$TMP/bin/daemon (deleted)" ]]
	run "$PFKILL" -0 --expect-exe "$TMP/bin/daemon" "$upgraded"
	assert_success
	spawn_from "$TMP/bin/other" "${U}u" -c TERM
	chown 65534 "$TMP/bin/other"
	local foreign=$SPAWNED
	replace_file "$TMP/bin/other"
	run "$PFKILL" --expect-exe "$TMP/bin/other" "$foreign"
	assert_failure 1
	assert_output "pfkill: $foreign: executable is '$TMP/bin/other (deleted)', not the file '$TMP/bin/other'"
	assert_untouched "$foreign"
}

@test "a zombie behind a pidfile is called a zombie" {
	spawn "${U}z" -c TERM -z
	local z=${ZOMBIES[0]}
	wait_until has_state "$z" Z
	echo "$z" >"$TMP/z.pid"
	run "$PFKILL" -F "$TMP/z.pid" --expect-exe "$VICTIM"
	assert_failure 1
	assert_output "pfkill: $TMP/z.pid: pid $z: is a zombie: it has exited, and its parent has not reaped it yet"
	# Not running, whatever the checks: an init script's status says so.
	run "$PFKILL" -0 -F "$TMP/z.pid"
	assert_failure 1
	assert_output "pfkill: $TMP/z.pid: pid $z: is a zombie: it has exited, and its parent has not reaped it yet"
	run "$PFKILL" -0 --oknodo --remove-pidfile -F "$TMP/z.pid"
	assert_success
	[[ ! -e $TMP/z.pid ]] || fail "the pidfile of a zombie was left"
}

# --- -I ------------------------------------------------------------------

@test "-I reads the whole answer line, and names the signal in its question" {
	spawn "${U}i" -c TERM
	local a=$SPAWNED
	spawn "${U}i" -c TERM
	local b=$SPAWNED
	# A "no" whose 64th byte is a y: it must not answer the next question.
	local no
	no=n$(printf 'o%.0s' {1..62})y
	run bash -c 'printf "%s\nn\n" "$1" | "$2" -HUP -I -x "$3"' _ "$no" "$PFKILL" "${U}i"
	assert_failure 1
	assert_output "Send HUP to ${U}i (pid $a)? [y/N] Send HUP to ${U}i (pid $b)? [y/N] "
	assert_untouched "$a"
	assert_untouched "$b"
}

# --- kill habits and empty selections ------------------------------------

@test "kill's -s 0 PID is a usage error, never the session filter sending TERM" {
	spawn "${U}s" -c TERM
	run "$PFKILL" -s 0 "$SPAWNED"
	assert_failure 2
	assert_line --index 0 "pfkill: -s is the session filter, as in pkill; to send signal 0 use -0 or --signal 0"
	run "$PFKILL" -s 9 "$SPAWNED:1"
	assert_failure 2
	assert_untouched "$SPAWNED"
	run "$PFKILL" -0 -s 0 -x "${U}s"
	assert_success
}

@test "an empty pattern and a lone -H select nothing: usage errors" {
	run "$PFKILL" --list ''
	assert_failure 2
	assert_line --index 0 "pfkill: an empty pattern would select every process; name a process, or use a filter such as -u"
	run "$PFKILL" --list -f ''
	assert_failure 2
	run "$PFKILL" --list -H
	assert_failure 2
	assert_line --index 0 'pfkill: no process given: name a pid, a pattern, a process group or a pidfile'
}

@test "-- -01 is everything, as kill reads it, and needs --all-processes" {
	run "$PFKILL" --list -- -01
	assert_failure 2
	assert_line --index 0 'pfkill: -01 would signal every process; add --all-processes if you mean it'
}

@test "-r takes state letters only" {
	run "$PFKILL" -r '' -x nothing
	assert_failure 2
	assert_line --index 0 'pfkill: -r: empty list'
	run "$PFKILL" -r nginx
	assert_failure 2
	assert_line --index 0 "pfkill: -r: unknown state 'n' in 'nginx' (states are letters such as R, S, D, T, Z; to match a name, give it as a pattern)"
}

# --- threads -------------------------------------------------------------

@test "--tid never signals pfkill's own thread" {
	run sh -c 'exec "$1" -USR1 --tid $$' _ "$PFKILL"
	assert_failure 1
	assert_output --regexp '^pfkill: [0-9]+: is a thread of pfkill itself; not signalling it$'
}

@test "a thread id named as a pid is refused on every path" {
	spawn "${U}t" -T 1 -c TERM,USR1
	local tid=${THREADS[0]} start
	start=$(awk '{ sub(/.*\) /, ""); print $20 }' "/proc/$tid/stat")
	local args
	for args in "-USR1 $tid" "-0 -w $tid" "--retry USR1/1 $tid" "--list $tid" \
		"--json --list $tid" "-USR1 $tid@$start"; do
		# shellcheck disable=SC2086
		run "$PFKILL" $args
		assert_failure 1
		assert_output --partial "is a thread of process $SPAWNED, not a process; name $SPAWNED, or use --tid $tid for the thread"
	done
	assert_untouched "$SPAWNED"
}

# --- handles -------------------------------------------------------------

@test "a start-time handle cannot tell a pid reused within the same tick; the inode handle can" {
	need_root "pid namespaces and ns_last_pid"
	export PFKILL VICTIM TMP
	run unshare --pid --fork --mount-proc bash "$BATS_TEST_DIRNAME/recycle.sh" tick pfkill
	[[ $status != 77 ]] || skip "could not reuse a pid within one clock tick"
	assert_line --regexp '^handle [0-9]+:[0-9]+$'
	assert_line 'same-start yes'
	assert_line --regexp '^inode-handle rc 1 pfkill: [0-9]+:[0-9]+: process has exited \(pid [0-9]+ now belongs to another process\)$'
	assert_line 'start-handle rc 0'
	assert_line --regexp '^B-signals SIG 10 '
}

# --- time ----------------------------------------------------------------

@test "a --timeout beyond 24.8 days still waits in bounded slices, not for ever" {
	command -v strace >/dev/null || skip "strace is not installed"
	spawn "${U}w" -w 0.3
	run strace -o "$TMP/trace" -e trace=epoll_wait,epoll_pwait "$PFKILL" -0 -w --timeout 30d -x "${U}w"
	assert_success
	run grep -E 'epoll_p?wait\(' "$TMP/trace"
	assert_output --regexp ', 3600000(, NULL, 8)?\) = 1'
	refute_output --regexp ', -[0-9]+(, NULL, 8)?\)'
}

@test "a local time that does not exist is refused" {
	# Central European rules, spelled out: no time zone files needed.
	run env TZ='CET-1CEST,M3.5.0,M10.5.0/3' "$PFKILL" --started-before '2026-03-29 02:30' -x nothing
	assert_failure 2
	assert_line --index 0 "pfkill: --started-before: no such local time (a daylight saving time gap) '2026-03-29 02:30'"
	run env TZ='CET-1CEST,M3.5.0,M10.5.0/3' "$PFKILL" --started-before '2026-03-29 03:30' -x nothing
	assert_failure 1
}

# --- escaping ------------------------------------------------------------

@test "zero-width, BOM, C1 and bidi characters never reach the output raw" {
	# The UTF-8 bytes themselves: $'\u200b' needs a UTF-8 locale.
	local zw=$'\xe2\x80\x8b' bom=$'\xef\xbb\xbf' rlo=$'\xe2\x80\xae' nel=$'\xc2\x85'
	spawn "${U:0:6}${zw}a${bom}" -c TERM
	local p=$SPAWNED
	run "$PFKILL" --list "$p"
	assert_success
	assert_output --regexp "^$p:[0-9]+ ${U:0:6}\\\\u\\{200b\\}a\\\\u\\{feff\\}$"
	run bash -c 'echo n | "$1" -I "$2"' _ "$PFKILL" "$p"
	assert_output "Send TERM to ${U:0:6}\\u{200b}a\\u{feff} (pid $p)? [y/N] "
	spawn "${U:0:6}${rlo}${nel}" -c TERM
	run "$PFKILL" --json --list "$SPAWNED"
	assert_success
	[[ $output != *"$rlo"* && $output != *"$nel"* ]] || fail "raw: $output"
	assert_output --partial '\u202e\u0085'
	run jq -r '.[0].comm' <<<"$output"
	assert_output "${U:0:6}${rlo}${nel}"
}

@test "arguments echoed in error messages are escaped" {
	run "$PFKILL" $'\e[31m('
	assert_failure 2
	assert_line --index 0 --regexp '^pfkill: \\e\[31m\(: invalid regular expression: '
	[[ $output != *$'\e'* ]] || fail "raw ESC in: $output"
	run "$PFKILL" -u $'x\ny'
	assert_line --index 0 "pfkill: -u: unknown user 'x\\ny'"
}

@test "-I checks again after the answer: a process that exec'd meanwhile is not signalled" {
	cp /bin/bash "$TMP/${U}b"
	"$TMP/${U}b" -c 'while [ ! -e "$1" ]; do sleep 0.01; done; exec sleep 1000' _ "$TMP/go" \
		</dev/null >/dev/null 2>&1 3>&- &
	local p=$!
	STARTED+=("$p")
	REPORT[$p]=/dev/null
	wait_until grep -qx "${U}b" "/proc/$p/comm"
	mkfifo "$TMP/answer"
	"$PFKILL" -I -x "${U}b" <"$TMP/answer" >"$TMP/out" 2>&1 3>&- &
	local asker=$!
	exec 7>"$TMP/answer"
	wait_until grep -q 'y/N' "$TMP/out"
	touch "$TMP/go"
	wait_until grep -qx sleep "/proc/$p/comm"
	echo y >&7
	exec 7>&-
	local rc=0
	wait "$asker" || rc=$?
	assert_equal "$rc" 1
	run cat "$TMP/out"
	assert_output "Send TERM to ${U}b (pid $p)? [y/N] pfkill: $p: changed while you answered (now 'sleep'); not signalled"
	alive "$p"
}

@test "processes that cannot be read are counted and said, never dropped silently" {
	need_root "to mount a private /proc"
	spawn "${U}h" -c TERM
	# A procfs of this pid namespace where others' processes are listed
	# but cannot be read.
	run unshare --mount bash -c '
		mount -t proc -o hidepid=1 proc /proc || exit 77
		setpriv --reuid=65534 --regid=65534 --clear-groups "$1" --list -x "$2"
		echo "rc $?"' _ "$PFKILL" "${U}h"
	[[ $status != 77 ]] || skip "cannot mount proc with hidepid=1 here"
	assert_line --regexp '^pfkill: [0-9]+ process(es)? could not be read \((Permission denied|Operation not permitted)\): not selected$'
	assert_line 'rc 1'
	assert_untouched "$SPAWNED"
}

@test "--expect-exe after a package removal: only the deleted file, of PATH's owner, in PATH's directory" {
	need_root "to chown a binary"
	spawn_from "$TMP/bin/food" "${U}r" -c TERM
	local removed=$SPAWNED
	spawn_from "$TMP/bin/mallory" "${U}r" -c TERM
	chown 65534 "$TMP/bin/mallory"
	local other=$SPAWNED
	rm "$TMP/bin/food" "$TMP/bin/mallory"
	run "$PFKILL" -0 --expect-exe "$TMP/bin/food" "$removed"
	assert_success
	run "$PFKILL" --expect-exe "$TMP/bin/mallory" "$other"
	assert_failure 1
	assert_output "pfkill: $other: executable is '$TMP/bin/mallory (deleted)', not the file '$TMP/bin/mallory'"
	run "$PFKILL" --pids --expect-exe "$TMP/bin/food"
	assert_success
	assert_output "$removed"
	run "$PFKILL" --expect-exe "$TMP/nodir/food" -x "${U}r"
	assert_failure 2
	assert_line --index 0 "pfkill: --expect-exe: $TMP/nodir/food: No such file or directory"
	assert_untouched "$other"
}
