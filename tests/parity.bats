#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Selection parity with procps pgrep 4.0.2 (Debian 12): for the same
# filters, pfkill --list selects exactly the pids pgrep prints.
#
# setup_file starts one controlled population (about 20 processes) that
# every test shares; nothing is ever signalled except the SIGSTOP that
# makes one of them state T, and teardown_file kills each of them by pid.
# Every name starts with a stem unique to this run, and every row of the
# matrix either has a pattern holding the stem or a filter that only our
# processes pass (-g/-s/-P of one of our group leaders or parents), so no
# outside process can be selected.  Rows flagged -I (--inverse, and
# filters without a pattern whose value is not ours) could select outside
# processes: both answers are intersected with our pids before comparing.
#
# The population (S is the stem; "old" ones start >= 1.5 s before "young"):
#   A1  S alpha     old    root; env SFOO=bar; args "-- --mode=fast"
#   AB  S alphabet  old    root; own process group (-g)
#   B1  S beta      old    nobody:nogroup (setpriv)
#   G1  S Gamma     old    root; own session (-S); children K1 K2 K3
#   A2  S alpha     young  daemon:daemon (uid/gid 1)
#   AU  S ALPHA     young  root; catches USR1
#   B2  S beta      young  real uid/gid 1, effective uid/gid 65534; USR1
#   ST  S stop      young  root; stopped with SIGSTOP (state T)
#   ZP  S zomb      young  root; its child ZZ is a zombie (same name)
#   ES  S tab<TAB>x young  root; argument "a<TAB>b"
#   NS  S uts       young  own UTS namespace (unshare --uts)
#   CN  S cgns      young  own cgroup namespace (unshare --cgroup)
#   TT  S tty       young  own session with a pty as controlling terminal
#                          (its parent, "sleep", holds the master side)
#   CG  S cgrp      young  moved to a new cgroup v2 child (if possible)
#   LN  S longername99 young  argv[0] is the 19-character name; comm
#                          keeps its first 15 characters
#
# Options pgrep 4.0.2 does not have (--env, -p/--pid, -H, --younger) are
# checked against the expected pids instead, in their own test.
#
# Differences from pgrep 4.0.2, each in its own test below:
# - deliberate: -x with a pattern longer than 15 characters also matches
#   the full name (killall's rule); pgrep matches nothing.
# - deliberate: --env NAME matches the variable NAME exactly (procps
#   4.0.3+ compares a prefix); pgrep 4.0.2 has no --env at all.
# - deliberate: --nslist A,B compares every kind (pgrep 4.0.2 reads only
#   B); patterns match raw bytes (pgrep matches control characters as
#   "?"); -t also takes /dev/NAME and "-" for no terminal.
# - found by this matrix and fixed to agree with pgrep (the "found:"
#   tests): the kinds --ns compares by default, -f on a zombie.

load common

TAB=$'\t'

# ---------------------------------------------------------------------
# Population

# launch NAME [WRAPPER...] ++ [VICTIM OPTIONS...]: start a victim named
# NAME, through WRAPPER (setpriv, env, unshare: each execs, so the pid
# stays, but for PTY_HOLD), and wait for its ready file.  Sets L, KIDS
# and ZOMB; adds every pid to POP (teardown_file kills them) and those
# with NAME to NAMED.
launch() {
	local name=$1 ready
	shift
	local -a wrap=()
	while [[ $1 != ++ ]]; do
		wrap+=("$1")
		shift
	done
	shift
	SPAWN_N=$((SPAWN_N + 1))
	ready="$POP_DIR/pub/ready.$SPAWN_N"
	"${wrap[@]}" "$VICTIM" -n "$name" -r "$ready" "$@" \
		</dev/null >>"$POP_DIR/victim.out" 2>&1 3>&- &
	local started=$!
	POP+=("$started")
	wait_until ready_or_dead "$ready" "$started" || return 1
	[[ -e $ready ]] || {
		echo "victim $name died: $(cat "$POP_DIR/victim.out")" >&2
		return 1
	}
	L=$(awk '$1 == "pid" { print $2 }' "$ready")
	[[ $L == "$started" ]] || POP+=("$L")	# the wrapper forked
	KIDS=($(awk '$1 == "child" { print $2 }' "$ready"))
	ZOMB=$(awk '$1 == "zombie" { print $2 }' "$ready")
	POP+=("${KIDS[@]}" $ZOMB)
	NAMED+=("$L" "${KIDS[@]}" $ZOMB)
}

# python3 -c "$PTY_HOLD" CMD...: run CMD in a new session whose controlling
# terminal is a new pty; the parent becomes "sleep infinity" holding the
# master side open.
PTY_HOLD='
import fcntl, os, sys, termios
m, s = os.openpty()
if os.fork() == 0:
    os.setsid()
    fcntl.ioctl(s, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(s, fd)
    os.close(m)
    os.close(s)
    os.execv(sys.argv[1], sys.argv[1:])
os.close(s)
os.set_inheritable(m, True)
os.execvp("sleep", ["sleep", "infinity"])
'

# Start time of PID in seconds since boot.
start_secs() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print $20 / hz }' \
		"/proc/$1/stat"
}

# age_extreme max|min NOW PID...: the largest or smallest age in seconds
# (one awk for all, so that the answer is not stale by the time it comes).
age_extreme() {
	local how=$1 now=$2 pid files=()
	shift 2
	for pid in "$@"; do files+=("/proc/$pid/stat"); done
	awk -v hz="$(getconf CLK_TCK)" -v n="$now" -v how="$how" '
		{ sub(/.*\) /, ""); a = n - $20 / hz
		  if (NR == 1 || (how == "max" ? a > x : a < x)) x = a }
		END { print x }' "${files[@]}"
}

setup_file() {
	POP=() NAMED=()
	POP_DIR=$(mktemp -d "${BATS_TMPDIR:-/tmp}/pfkill-parity.XXXXXX")
	chmod 711 "$POP_DIR"
	mkdir -m 1777 "$POP_DIR/pub"	# ready files of non-root victims
	SPAWN_N=0
	local i
	for ((i = 0; i < 50; i++)); do
		S=$(printf 'pq%05d' "$RANDOM")	# 7 characters
		pgrep "^$S" >/dev/null || break
	done
	ROOT=false
	[[ $(id -u) -eq 0 ]] && ROOT=true
	local as_nobody=() as_daemon=() as_mixed=()
	if $ROOT; then
		as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
		as_daemon=(setpriv --reuid=1 --regid=1 --clear-groups)
		as_mixed=(setpriv --ruid=1 --euid=65534 --rgid=1 --egid=65534
			  --clear-groups)
	fi

	# Old batch.
	launch "${S}alpha" env "${S}FOO=bar" ++ -- --mode=fast || return 1
	A1=$L
	launch "${S}alphabet" ++ -g || return 1
	AB=$L
	launch "${S}beta" "${as_nobody[@]}" ++ || return 1
	B1=$L
	launch "${S}Gamma" ++ -S -k 3 || return 1
	G1=$L K1=${KIDS[0]} K2=${KIDS[1]} K3=${KIDS[2]}
	sleep 1.5

	# Young batch.
	launch "${S}alpha" "${as_daemon[@]}" ++ || return 1
	A2=$L
	launch "${S}ALPHA" ++ -c USR1 || return 1
	AU=$L
	launch "${S}beta" "${as_mixed[@]}" ++ -c USR1 || return 1
	B2=$L
	launch "${S}stop" ++ || return 1
	ST=$L
	kill -STOP "$ST"
	wait_until has_state "$ST" T || return 1
	launch "${S}zomb" ++ -z || return 1
	ZP=$L ZZ=$ZOMB
	wait_until has_state "$ZZ" Z || return 1
	TABNAME="${S}tab${TAB}x"
	launch "$TABNAME" ++ -- $'a\tb' || return 1
	ES=$L
	NS='' CN='' CG='' CGDIR='' CGPATH=''
	if $ROOT; then
		launch "${S}uts" unshare --uts ++ || return 1
		NS=$L
		launch "${S}cgns" unshare --cgroup ++ || return 1
		CN=$L
	fi
	TT='' TTYNAME=''
	if command -v python3 >/dev/null &&
	   launch "${S}tty" python3 -c "$PTY_HOLD" ++; then
		TT=$L
		TTYNAME=$(ps -o tty= -p "$TT" | tr -d ' ')
		[[ $TTYNAME == pts/* ]] || TT='' TTYNAME=''
	fi
	LONGNAME="${S}longername99"
	launch "$LONGNAME" bash -c 'exec -a "$0" "$@"' "$LONGNAME" ++ || return 1
	LN=$L
	OWNCG=$(sed -n 's/^0:://p' /proc/self/cgroup)
	local mnt
	mnt=$(findmnt -n -t cgroup2 -o TARGET 2>/dev/null | head -n 1)
	if $ROOT && [[ -n $mnt && -n $OWNCG ]] &&
	   mkdir "$mnt${OWNCG%/}/pfkill-parity-$S" 2>/dev/null; then
		CGDIR="$mnt${OWNCG%/}/pfkill-parity-$S"
		launch "${S}cgrp" ++ || return 1
		CG=$L
		if echo "$CG" >"$CGDIR/cgroup.procs" 2>/dev/null; then
			CGPATH=$(sed -n 's/^0:://p' "/proc/$CG/cgroup")
			[[ $CGPATH != "$OWNCG" ]] || CGPATH=''
		fi
	fi
	OLD="$A1 $AB $B1 $G1 $K1 $K2 $K3"
	YOUNG="$A2 $AU $B2 $ST $ZP $ZZ $ES $NS $CN $TT $CG $LN"
	POP_ALL="${NAMED[*]}"
	export S ROOT POP_DIR A1 AB B1 G1 K1 K2 K3 A2 AU B2 ST ZP ZZ ES NS CN \
		TT CG LN TABNAME TTYNAME LONGNAME OWNCG CGPATH OLD YOUNG POP_ALL
}

teardown_file() {
	kill_pids "${POP[@]}"
	if [[ -n ${CGDIR-} ]]; then
		wait_until rmdir "$CGDIR" 2>/dev/null || true
	fi
	rm -rf "$POP_DIR"
}

# ---------------------------------------------------------------------
# The comparison

words() { printf '%s\n' "$@" | sed '/^$/d' | sort -n | paste -sd' ' -; }

# Keep only our pids.
ours() {
	local p out=()
	for p in "$@"; do
		[[ " $POP_ALL " == *" $p "* ]] && out+=("$p")
	done
	words "${out[@]}"
}

# pgrep_set ARGS...: the sorted pids pgrep prints; fails on exit > 1.
pgrep_set() {
	local out rc
	out=$(pgrep "$@" 2>"$TMP/pgrep.err")
	rc=$?
	if ((rc > 1)); then
		echo "exit $rc: $(cat "$TMP/pgrep.err")"
		return 1
	fi
	words $out
}

# pfkill_set ARGS...: the sorted pids pfkill --list prints.
pfkill_set() {
	local out rc
	out=$("$PFKILL" --list "$@" 2>"$TMP/pfkill.err")
	rc=$?
	if ((rc > 1)); then
		echo "exit $rc: $(cat "$TMP/pfkill.err")"
		return 1
	fi
	words $(printf '%s\n' "$out" | cut -d' ' -f1 | sed 's/[:@].*//')
}

# row [-1] [-I] [-R] [-X REASON] [-e PIDS] LABEL PGREP_ARGS [PFKILL_ARGS]
#   ARGS are shell words, expanded when the row runs (write them in
#   single quotes: '-x "${S}alpha"').  PFKILL_ARGS default to PGREP_ARGS.
#   -1  an option pgrep 4.0.2 lacks: run pfkill only (needs -e)
#   -I  intersect both answers with our pids (the row could reach others)
#   -R  needs root (users, namespaces, cgroups): skipped otherwise
#   -X  skip the row if REASON is not empty
#   -e  both answers must also equal PIDS
# Appends a message to FAILS for every disagreement.
row() {
	local _inter=false _root=false _skip='' _expect='' _has_expect=false
	local _only=false
	while [[ $1 == -? ]]; do
		case $1 in
		-1) _only=true; shift ;;
		-I) _inter=true; shift ;;
		-R) _root=true; shift ;;
		-X) _skip=$2; shift 2 ;;
		-e) _expect=$2; _has_expect=true; shift 2 ;;
		*) break ;;	# a label such as "-x"
		esac
	done
	local _label=$1 _pg=$2 _pf=${3-$2}
	ROWS=$((ROWS + 1))
	[[ $ROW_MODE == count ]] && return 0
	if $_root && [[ $ROOT != true ]]; then
		_skip="needs root"
	fi
	if [[ -n $_skip ]]; then
		SKIPPED+=("row $ROWS [$_label]: $_skip")
		return 0
	fi
	local -a _pga _pfa
	eval "_pga=($_pg)"
	eval "_pfa=($_pf)"
	local _a _b _e
	if $_only; then
		_a=$(pfkill_set "${_pfa[@]}") || {
			FAILS+=("row $ROWS [$_label]: pfkill --list $_pf: $_a")
			return 0
		}
	elif ! _a=$(pgrep_set "${_pga[@]}"); then
		FAILS+=("row $ROWS [$_label]: pgrep $_pg: $_a")
		return 0
	fi
	if ! _b=$(pfkill_set "${_pfa[@]}"); then
		FAILS+=("row $ROWS [$_label]: pfkill --list $_pf: $_b")
		return 0
	fi
	if $_inter; then
		_a=$(ours $_a)
		_b=$(ours $_b)
	fi
	if [[ $_a != "$_b" ]]; then
		FAILS+=("row $ROWS [$_label]: pgrep $_pg -> {$_a}, but pfkill --list $_pf -> {$_b}")
	elif $_has_expect; then
		_e=$(words $_expect)
		[[ $_a == "$_e" ]] ||
			FAILS+=("row $ROWS [$_label]: both gave {$_a}, expected {$_e}")
	fi
	if [[ -n $_a ]]; then
		NONEMPTY=$((NONEMPTY + 1))
	else
		EMPTY=$((EMPTY + 1))
	fi
	[[ -z ${PARITY_TRACE-} ]] ||
		echo "# row $ROWS [$_label]: {$_a}" >&3
}

# run_matrix FUNCTION...: run the rows; fail naming every row that
# disagreed; the rows must include a non-empty and an empty answer.
run_matrix() {
	ROWS=0 NONEMPTY=0 EMPTY=0 FAILS=() SKIPPED=() ROW_MODE=run
	local f
	for f in "$@"; do
		"$f"
	done
	if ((${#SKIPPED[@]})); then
		printf '# skipped %s\n' "${SKIPPED[@]}" >&3
	fi
	if ((${#FAILS[@]})); then
		fail "$(printf '%s\n' "${#FAILS[@]} of $ROWS rows differ:" \
			"${FAILS[@]}")"
	fi
	((NONEMPTY > 0)) || fail "no row selected anything"
	((EMPTY > 0)) || fail "every row selected something"
}

# ---------------------------------------------------------------------
# The matrix

rows_names() {
	row -e "$A1 $AB $A2" "plain pattern" '"${S}alpha"'
	row -e "$A1 $A2" "-x" '-x "${S}alpha"'
	row -e "$A1 $AB $A2 $AU" "-i" '-i "${S}alpha"'
	row -e "$A1 $A2 $AU" "-x -i" '-x -i "${S}alpha"'
	row -e "$A1 $A2" "anchors" '"^${S}alpha$"'
	row "anchor and suffix" '"^${S}.*a$"'
	row -e "$A1 $AB $A2 $B1 $B2" "alternation" \
		'"(${S}alpha|${S}beta)"'
	row -e "$A1 $AB $A2 $B1 $B2" "several patterns" \
		'"${S}alpha|${S}beta"' '"${S}alpha" "${S}beta"'
	row -e "$A1 $A2 $B1 $B2" "-x, several patterns" \
		'-x "${S}alpha|${S}beta"' '-x "${S}alpha" "${S}beta"'
	row -e "$A1 $A2 $AU $G1 $K1 $K2 $K3" "-x -i alternation" \
		'-x -i "${S}(alpha|gamma)"'
	row -e "$ES" "control character matched by ." '"${S}tab.x"'
	row "-f stem" '-f "${S}"'
	row -e "$A1" "-f arguments" '-f "${S}alpha .*--mode=fast"'
	row -e "$B1 $B2" "-f -x" '-f -x ".*/victim -n ${S}beta -r [^ ]*( -c USR1)?"'
	row -e "$G1 $K1 $K2 $K3" "-f -i" '-f -i "victim -n ${S}GAMMA"'
	row -e "$LN" "-f argv[0]" '-f "^${LONGNAME} "'
	row -e "$ZZ" "-f, zombie, unanchored" '-f "${S}zomb" -r Z'
	row -e "" "-x no such name" '-x "${S}nosuch"'
	row -e "" "-x a prefix" '-x "${S}alp"'
}

rows_users() {
	row -R -e "$A1 $AB $G1 $K1 $K2 $K3 $AU $ST $ZP $ZZ $ES $NS $CN $TT $CG $LN" \
		"-u root" '-u root "${S}"'
	row -R -e "$B1 $B2" "-u uid" '-u 65534 "${S}"'
	row -R -e "$A2 $B1 $B2" "-u names" '-u nobody,daemon "${S}"'
	row -R -e "$A2 $B2" "-U uid" '-U 1 "${S}"'
	row -R -e "$A2 $B1 $B2" "-U names" '-U daemon,nobody "${S}"'
	row -R -e "$B1" "-G gid" '-G 65534 "${S}"'
	row -R -e "$A2 $B2" "-G name" '-G daemon "${S}"'
	row -R -e "$B2" "-u -U -G" '-u 65534 -U 1 -G 1 "${S}beta"'
	row -R -e "$A2 $B1 $B2" "-U 1,65534 -x" '-U 1,65534 -x "${S}(alpha|beta)"'
	row -R -e "" "-u excludes" '-u 65534 -x "${S}alpha"'
	row -R -e "$A1" "-u 0 -f" '-u 0 -f "${S}alpha .*fast"'
}

rows_tree() {
	row -e "$AB" "-g leader" '-g "$AB" "${S}"'
	row -e "$G1 $K1 $K2 $K3" "-g, no pattern" '-g "$G1"'
	row -e "$AB $G1 $K1 $K2 $K3" "-g list" '-g "$AB,$G1"'
	row "-g 0 (own group)" '-g 0 "${S}"'
	row -e "$G1 $K1 $K2 $K3" "-s, no pattern" '-s "$G1"'
	row "-s 0 (own session)" '-s 0 "${S}"'
	row -e "$G1 $K1 $K2 $K3" "-s -g -x" '-s "$G1" -g "$G1" -i -x "${S}gamma"'
	row -e "$K1 $K2 $K3" "-P, no pattern" '-P "$G1"'
	row -e "$K1 $K2 $K3 $ZZ" "-P list" '-P "$G1,$ZP"'
	row "-P common parent" '-P "$(ps -o ppid= -p "$A1" | tr -d " ")" "${S}"'
	row -I -e "$ST" "-P common parent -r T" \
		'-P "$(ps -o ppid= -p "$A1" | tr -d " ")" -r T'
	local no_tty
	no_tty=$(unless "$TT" "no pty for a controlling terminal")
	row -e "$(ours_except $TT)" "-t ?" '-t "?" "${S}"'
	row -X "$no_tty" -e "$TT" "-t pts/N" '-t "$TTYNAME" "${S}"'
	row -X "$no_tty" -e "$POP_ALL" "-t list" '-t "$TTYNAME,?" "${S}"'
	row -X "$no_tty" -e "$TT" "-s of a session with a tty" '-s "$TT"'
	row -e "" "-t of an unused terminal" '-t tty1 "${S}"'
	row -e "" "-P of a childless process" '-P "$AB"'
}

rows_older() {
	# -O T selects an age of at least T whole seconds.  The old batch only
	# gets older, so T is the largest whole number the youngest old
	# process has reached; the young batch then has the most time to
	# spare before it could reach T too (at least 0.5 s, or wait).
	[[ $ROW_MODE == count ]] && { ROWS=$((ROWS + 2)); return 0; }
	local ay ao now
	for _ in 1 2 3; do
		now=$(cut -d' ' -f1 /proc/uptime)
		# shellcheck disable=SC2086
		ay=$(age_extreme max "$now" $YOUNG)
		# shellcheck disable=SC2086
		ao=$(age_extreme min "$now" $OLD)
		O_SECS=$(awk -v a="$ao" 'BEGIN { print int(a) }')
		awk -v t="$O_SECS" -v y="$ay" 'BEGIN { exit !(t >= 1 && t - y >= 0.5) }' &&
			break
		sleep 0.6
	done
	awk -v t="$O_SECS" -v y="$ay" 'BEGIN { exit !(t - y >= 0.5) }' ||
		fail "no whole second between the batches: young ${ay}s, old ${ao}s"
	row -e "$OLD" "-O between the batches" '-O "$O_SECS" "${S}"'
	row -e "$A1" "-O -x" '-O "$O_SECS" -x "${S}alpha"'
}

rows_time_state() {
	rows_older
	row -e "$A2" "-n" '-n "${S}alpha"'
	row -e "$A1" "-o" '-o "${S}alpha"'
	row -e "$AU" "-n -i" '-n -i "${S}alpha"'
	row -R "-n -u" '-n -u root "${S}"'
	row -R -e "$B1" "-o -u" '-o -u 65534 "${S}"'
	row "-o -P (same start tick)" '-o -P "$G1"'
	row "-n -P (same start tick)" '-n -P "$G1"'
	row -e "$ST" "-r T" '-r T "${S}"'
	row -e "$ZZ" "-r Z" '-r Z "${S}"'
	row "-r S,T" '-r S,T "${S}"'
	row -e "$ST $ZZ" "-r T,Z" '-r T,Z "${S}"'
	row -e "" "-r D" '-r D "${S}"'
	row "-O 0" '-O 0 "${S}"'
}

rows_ns_cgroup_inverse() {
	local no_cg
	no_cg=$(unless "$CGPATH" "no cgroup v2 to move a process to")
	# A zombie has no namespaces to compare: neither tool selects it.
	row -R -e "$(ours_except $NS $ZZ)" "--ns --nslist uts" \
		'--ns $$ --nslist uts "${S}"'
	row -R -e "$NS" "--ns other --nslist uts" '--ns "$NS" --nslist uts "${S}"'
	# One namespace kind per row: pgrep 4.0.2 reads only the last name
	# of a --nslist list (see the test of that difference below).
	row -R -e "$(ours_except $ZZ)" "--ns --nslist net" \
		'--ns $$ --nslist net "${S}"'
	row -R -e "$(ours_except $ZZ)" "--ns --nslist ipc" \
		'--ns $$ --nslist ipc "${S}"'
	row -R -e "$POP_ALL" "--ns --nslist pid" '--ns $$ --nslist pid "${S}"'
	row -R -e "$(ours_except $NS $ZZ)" "--ns of another --nslist uts" \
		'--ns "$CN" --nslist uts "${S}"'
	row -R -e "" "--ns excludes" '--ns "$NS" --nslist uts -x "${S}alpha"'
	row -R -X "$no_cg" \
		-e "$CG" "--cgroup" '--cgroup "$CGPATH" "${S}"'
	row -R -X "$no_cg" \
		-e "$(ours_except $CG)" "--cgroup own" '--cgroup "$OWNCG" "${S}"'
	row -R -X "$no_cg" \
		"--cgroup list" '--cgroup "$OWNCG,$CGPATH" -f "${S}"'
	row -I -e "$(ours_except $A1 $A2)" "--inverse -x" \
		'--inverse -x "${S}alpha"'
	row -I -e "$(ours_except $K1 $K2 $K3)" "--inverse -P" '--inverse -P "$G1"'
	row -R -I -e "$A2 $B1 $B2" "--inverse -u" '--inverse -u root "${S}"'
	row -I -e "$(ours_except $ST)" "--inverse -r" '--inverse -r T'
	row -I -e "" "--inverse stem" '--inverse "${S}"'
}

# unless VALUE REASON: REASON if VALUE is empty.
unless() { [[ -n $1 ]] || echo "$2"; }

# Our pids but these.
ours_except() {
	local p out=()
	for p in $POP_ALL; do
		[[ " $* " == *" $p "* ]] || out+=("$p")
	done
	words "${out[@]}"
}

# ---------------------------------------------------------------------

@test "parity: names, -x, -i, -f, regexes, several patterns" {
	run_matrix rows_names
}

@test "parity: -u, -U, -G with ids, names and lists" {
	need_root "processes of other users"
	run_matrix rows_users
}

@test "parity: -g, -s, -P, -t" {
	run_matrix rows_tree
}

@test "parity: -n, -o, -O, -r" {
	run_matrix rows_time_state
}

@test "parity: --ns with --nslist, --cgroup, --inverse" {
	run_matrix rows_ns_cgroup_inverse
}

@test "the matrix has at least 30 rows" {
	ROWS=0 ROW_MODE=count
	rows_names
	rows_users
	rows_tree
	rows_time_state
	rows_ns_cgroup_inverse
	echo "# $ROWS rows" >&3
	((ROWS >= 30)) || fail "only $ROWS rows"
}

# ---------------------------------------------------------------------
# Options pgrep 4.0.2 does not have: checked against the expected pids.

rows_pfkill_only() {
	# First: Y_SECS was computed just before, and ages keep growing.
	row -1 -e "$(words $YOUNG)" "--younger" '--younger "$Y_SECS" "${S}"'
	row -1 -e "$A1" "--env NAME" '--env "${S}FOO" "${S}"'
	row -1 -e "$A1" "--env NAME=VALUE" '--env "${S}FOO=bar" "${S}"'
	row -1 -e "" "--env NAME=other" '--env "${S}FOO=baz" "${S}"'
	row -1 -e "$A1" "--env list" '--env "${S}FOO=baz,${S}FOO=bar" "${S}"'
	row -1 -e "$A1 $B1" "-p" '-p "$A1,$B1,$AB" -x "${S}(alpha|beta)"'
	row -1 -R -e "$B1" "-p, filters only" '-p "$A1,$B1,$K1" -u 65534'
	row -1 -e "$AU $B2" "-H" '-H -USR1 "${S}"'
	row -1 -R -e "$B2" "-H -u" '-H --signal usr1 -u 65534 "${S}"'
	row -1 -e "" "-H, nothing catches HUP" '-H -HUP "${S}"'
}

@test "options pgrep 4.0.2 lacks: --env, -p, -H, --younger" {
	# --younger: a threshold between the batches, as for -O above.
	local now ay ao
	now=$(cut -d' ' -f1 /proc/uptime)
	# shellcheck disable=SC2086
	ay=$(age_extreme max "$now" $YOUNG)
	# shellcheck disable=SC2086
	ao=$(age_extreme min "$now" $OLD)
	awk -v a="$ao" -v y="$ay" 'BEGIN { exit !(a >= y + 0.3) }' ||
		fail "the old batch is only ${ao}s old, the young ${ay}s"
	# Just below the youngest old process: the young have the most time.
	Y_SECS=$(awk -v o="$ao" 'BEGIN { print o - 0.05 }')
	run_matrix rows_pfkill_only
}

# ---------------------------------------------------------------------
# Deliberate differences from pgrep 4.0.2.

@test "deliberate: -x longer than 15 characters also matches the full name" {
	# comm keeps the first 15 characters: pgrep -x never matches (it
	# warns), pfkill compares the basename of argv[0] as killall does.
	run pgrep_set -x "$LONGNAME"
	assert_success
	assert_output ''
	run pfkill_set -x "$LONGNAME"
	assert_success
	assert_output "$LN"
	# The 15 characters comm keeps still match exactly in both.
	run pgrep_set -x "${LONGNAME:0:15}"
	assert_output "$LN"
	run pfkill_set -x "${LONGNAME:0:15}"
	assert_output "$LN"
}

@test "deliberate: --env NAME matches the variable NAME, not a prefix" {
	# procps 4.0.3+ pgrep --env NAME compares a prefix of NAME=VALUE;
	# 4.0.2 has no --env.  pfkill wants the whole name.
	run pfkill_set --env "${S}FO" "${S}"
	assert_success
	assert_output ''
	run pfkill_set --env "${S}FOO" "${S}"
	assert_output "$A1"
}

# ---------------------------------------------------------------------
# Differences this matrix found, fixed so that pfkill agrees with pgrep
# 4.0.2: these rows must give pgrep's answer (-e), as in the matrix.

# agree_with_pgrep ROWS_FUNCTION: run the rows; fail on any disagreement.
agree_with_pgrep() {
	ROWS=0 NONEMPTY=0 EMPTY=0 FAILS=() SKIPPED=() ROW_MODE=run
	"$1"
	((${#FAILS[@]} == 0)) || fail "$(printf '%s\n' "${FAILS[@]}")"
}

rows_ns_default() {
	# Without --nslist, pgrep 4.0.2 compares the cgroup, ipc, mnt, net,
	# pid and time namespaces (the first six of libproc2's order), not
	# user and uts; so does pfkill.
	row -R -e "$(ours_except $CN $ZZ)" "--ns, default kinds" '--ns $$ "${S}"'
	row -R -e "$(ours_except $CN $ZZ)" "--ns of another uts namespace" \
		'--ns "$NS" "${S}"'
}

rows_zombie_full() {
	# A zombie has no command line: pgrep -f (and now pfkill -f) match
	# "[NAME] <defunct>", as ps shows it.
	row -e "" "-f anchored, zombie" '-f "^${S}zomb"'
	row -e "$ZZ" "-f <defunct>" '-f "\[${S}zomb\] <defunct>$"'
}

@test "found: --ns without --nslist compares other namespace kinds" {
	need_root "namespaces"
	agree_with_pgrep rows_ns_default
}

@test "found: -f on a zombie" {
	agree_with_pgrep rows_zombie_full
}

@test "deliberate: --nslist with several kinds compares all of them" {
	need_root "namespaces"
	# pgrep 4.0.2 compares only the last kind of the list.
	[[ -n $NS ]] || skip "no process in its own uts namespace"
	run pfkill_set --ns $$ --nslist uts,pid "${S}"
	assert_success
	assert_output "$(ours_except $NS $ZZ)"
	run pgrep_set --ns $$ --nslist uts,pid "${S}"
	assert_output --partial "$NS"
}

@test "deliberate: patterns match the raw bytes of names, not ps's '?'" {
	# pgrep 4.0.2 matches names as ps prints them, control characters
	# made "?" -- in a UTF-8 locale only, so set one (a fresh machine
	# has none); pfkill matches the bytes the process set, in any.
	LC_ALL=C.UTF-8 run pfkill_set "$TABNAME"
	assert_success
	assert_output "$ES"
	LC_ALL=C run pfkill_set "$TABNAME"
	assert_output "$ES"
	run pfkill_set "${S}tab\?x"
	assert_output ''
	LC_ALL=C.UTF-8 run pgrep_set "${S}tab\?x"
	assert_output "$ES"
}

@test "deliberate: -t also takes /dev/NAME, and - for no terminal" {
	[[ -n $TT ]] || skip "no pty for a controlling terminal"
	run pfkill_set -t "/dev/$TTYNAME" "${S}"
	assert_success
	assert_output "$TT"
	run pfkill_set -t - "${S}"
	assert_output "$(ours_except $TT)"
	run pfkill_set -t '?' "${S}"
	assert_output "$(ours_except $TT)"
}
