#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Shell completion: completions/bash/pfkill and completions/zsh/_pfkill.
#
# Each tmux test starts a real interactive bash or zsh in a detached tmux
# server of its own (a unique -L socket), types a partial command, presses
# Tab and reads the screen back.  After the Tab it types "X": readline and
# zle handle keys in order, so the line then shows exactly what Tab did
# ("pfkill --pidfile X" when the word was completed and a space added,
# "pfkill --pidfX" when nothing happened).  The screen is polled, never
# slept on.

load common

COMPDIR=${TOP_SRCDIR:-$BATS_TEST_DIRNAME/..}/completions

setup() {
	common_setup
	SOCK=pfkill-comp-$$-${BATS_TEST_NUMBER}-$RANDOM
	TMUX_STARTED=false
}

teardown() {
	if $TMUX_STARTED; then
		tmux -L "$SOCK" kill-server 2>/dev/null || true
		# tmux leaves its socket behind.
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	fi
	common_teardown
}

need() {
	command -v "$1" >/dev/null || skip "$1 is not installed"
}

# A fresh $HOME (and ZDOTDIR) so no user configuration is read, and a
# bin directory that puts the pfkill under test first on PATH.
make_home() {
	HOME_DIR=$TMP/home
	mkdir -p "$HOME_DIR" "$TMP/bin"
	ln -sf "$(cd "$(dirname "$PFKILL")" && pwd)/$(basename "$PFKILL")" \
		"$TMP/bin/pfkill"
}

# start_shell bash|zsh: an interactive shell with our completion loaded,
# in tmux session "t", 200x50; returns once its clean prompt "$ " shows.
start_shell() {
	local sh=$1 init=$TMP/init.$1
	need tmux
	need "$sh"
	make_home
	if [[ $sh == bash ]]; then
		cat >"$init" <<-EOF
			PATH='$TMP/bin':\$PATH
			source /usr/share/bash-completion/bash_completion
			source '$COMPDIR/bash/pfkill'
			bind 'set bell-style none'
			cd '$TMP'
			PS1='\$ '
			clear
		EOF
		set -- bash --norc --noprofile
	else
		cat >"$init" <<-EOF
			PATH='$TMP/bin':\$PATH
			fpath=('$COMPDIR/zsh' \$fpath)
			autoload -Uz compinit
			compinit -u -d '$TMP/zcompdump'
			unsetopt prompt_sp beep
			cd '$TMP'
			PS1='\$ '
			clear
		EOF
		set -- zsh -f
	fi
	TMUX_STARTED=true
	env -u TMUX tmux -L "$SOCK" -f /dev/null new-session -d -s t \
		-x 200 -y 50 \
		env -i HOME="$HOME_DIR" ZDOTDIR="$HOME_DIR" TERM=xterm \
		LANG=C.UTF-8 PATH="$PATH" "$@" ||
		fail "tmux did not start"
	# Keys typed before the shell is ready wait in the terminal.
	tmux -L "$SOCK" send-keys -t t -l " . '$init'"
	tmux -L "$SOCK" send-keys -t t Enter
	wait_screen '$' || fail "the shell did not start; screen:
$(screen)"
}

screen() {
	tmux -L "$SOCK" capture-pane -p -t t
}

# wait_screen_grep GREP-FLAG PATTERN: poll (50 ms steps, 5 s) until a
# line of the screen matches (capture-pane drops trailing blanks).
wait_screen_grep() {
	local i
	for ((i = 0; i < 100; i++)); do
		screen | grep -q "$1" -- "$2" && return 0
		sleep 0.05
	done
	return 1
}

# wait_screen LINE: a line that is exactly LINE.
wait_screen() { wait_screen_grep -xF "$1"; }

# wait_screen_match REGEX: a line matching REGEX (grep -E).
wait_screen_match() { wait_screen_grep -E "$1"; }

# type_keys TEXT KEY...: type TEXT literally, then the named keys.
type_keys() {
	local text=$1
	shift
	tmux -L "$SOCK" send-keys -t t C-u
	tmux -L "$SOCK" send-keys -t t -l "$text"
	(($#)) && tmux -L "$SOCK" send-keys -t t "$@"
	return 0
}

# completes TEXT LINE: typing TEXT, Tab, X shows the prompt line "$ LINE".
completes() {
	type_keys "$1" Tab X
	wait_screen "\$ $2" || fail "after typing '$1' and Tab, expected the line
\$ $2
screen:
$(screen)"
}

# lists TEXT WORD...: typing TEXT, Tab, Tab lists every WORD (a
# blank-separated word anywhere on the screen).
lists() {
	local text=$1 word i missing
	shift
	type_keys "$text" Tab Tab
	for ((i = 0; i < 100; i++)); do
		missing=
		for word; do
			screen | tr -s ' ' '\n' | grep -qxF -- "$word" || {
				missing=$word
				break
			}
		done
		[[ -z $missing ]] && return 0
		sleep 0.05
	done
	fail "after typing '$text' and Tab Tab, '$missing' is not listed; screen:
$(screen)"
}

# lists_line TEXT REGEX: typing TEXT, Tab, Tab shows a line matching REGEX.
lists_line() {
	type_keys "$1" Tab Tab
	wait_screen_match "$2" || fail "after typing '$1' and Tab Tab, expected a line matching
$2
screen:
$(screen)"
}

# A running process with a name no other process has.
start_named() {
	NAME=${U}cmpl
	if [[ -x $VICTIM ]]; then
		spawn "$NAME"
		NAMED_PID=$SPAWNED
	else
		cp /bin/sleep "$TMP/$NAME"
		"$TMP/$NAME" 1000 </dev/null >/dev/null 2>&1 3>&- &
		NAMED_PID=$!
		STARTED+=("$NAMED_PID")
		wait_until grep -qx "$NAME" "/proc/$NAMED_PID/comm"
	fi
}

make_pidfile() {
	mkdir -p "$TMP/run"
	echo "$NAMED_PID" >"$TMP/run/victim.pid"
}

refute_screen_word() {
	! screen | tr -s ' ' '\n' | grep -qxF -- "$1" ||
		fail "'$1' is on the screen:
$(screen)"
}

# --- bash ----------------------------------------------------------------

@test "bash: long options complete" {
	start_shell bash
	completes 'pfkill --pidf' 'pfkill --pidfile X'
	completes 'pfkill --expect-e' 'pfkill --expect-exe X'
	lists_line 'pfkill --ex' '^--exact +--expect-exe +--expect-name$'
}

@test "bash: - and -- list options, short and long" {
	start_shell bash
	lists 'pfkill --' --all-processes --cgroup --younger --pidfile --help
	refute_screen_word -F
	lists 'pfkill -' -A -F -G -u -x --pidfile --signal --younger
}

@test "bash: --signal completes signal names" {
	start_shell bash
	completes 'pfkill --signal TER' 'pfkill --signal TERM X'
	completes 'pfkill --signal=KI' 'pfkill --signal=KILL X'
	completes 'pfkill --signal SIGUS' 'pfkill --signal SIGUSRX'
	completes 'pfkill --signal hu' 'pfkill --signal hup X'
}

@test "bash: -SIGNAL completes signal names" {
	start_shell bash
	completes 'pfkill -KI' 'pfkill -KILL X'
	completes 'pfkill -TE' 'pfkill -TERM X'
	completes 'pfkill -SIGHU' 'pfkill -SIGHUP X'
	completes 'pfkill -x -WIN' 'pfkill -x -WINCH X'
}

@test "bash: targets complete process names" {
	start_named
	start_shell bash
	completes "pfkill ${NAME:0:${#NAME}-2}" "pfkill $NAME X"
	completes "pfkill -HUP -x ${NAME:0:${#NAME}-2}" "pfkill -HUP -x $NAME X"
}

@test "bash: -F completes the pidfile" {
	start_named
	make_pidfile
	start_shell bash
	completes "pfkill -F $TMP/run/" "pfkill -F $TMP/run/victim.pid X"
	completes "pfkill --pidfile=$TMP/ru" "pfkill --pidfile=$TMP/run/X"
}

@test "bash: option values: users, namespaces, retry schedules" {
	start_shell bash
	completes 'pfkill -u roo' 'pfkill -u root X'
	completes 'pfkill --euid=roo' 'pfkill --euid=root X'
	completes 'pfkill --nslist ipc,us' 'pfkill --nslist ipc,user X'
	completes 'pfkill --retry TERM/5/KI' 'pfkill --retry TERM/5/KILLX'
	lists 'pfkill --retry ' TERM/5/KILL/2 TERM/30/KILL/5 5
}

# The function itself, called as bash calls it: COMP_WORDS as readline
# splits the line (at "=" too), then COMPREPLY, one entry a line.
complete_bash() {
	local with_bc=$1 line=$2
	PATH="$TMP/bin:$PATH" bash --norc --noprofile -c '
		[[ $1 == yes ]] && source /usr/share/bash-completion/bash_completion
		source "$2/bash/pfkill"
		COMP_LINE=$3
		COMP_POINT=${#COMP_LINE}
		read -ra COMP_WORDS <<<"${COMP_LINE//=/ = }"
		[[ $COMP_LINE == *[\ =] ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_pfkill pfkill "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort -u
	' complete_bash "$with_bc" "$COMPDIR" "$line"
}

@test "bash: every option in --help is offered" {
	make_home
	local -a want
	mapfile -t want < <("$PFKILL" --help |
		grep -oE '^ +(-[[:alnum:]], +)?--[[:alnum:]-]+|^ +-[[:alnum:]]' |
		tr -d ' ' | tr ',' '\n' | LC_ALL=C sort -u)
	[[ ${#want[@]} -gt 50 ]] || fail "could not read the options from --help"
	local with opt
	for with in yes no; do
		run complete_bash "$with" 'pfkill -'
		assert_success
		for opt in "${want[@]}"; do
			assert_line -- "$opt"
		done
	done
}

@test "bash: digits complete pids as well as names" {
	start_named
	make_home
	run complete_bash yes "pfkill $NAMED_PID"
	assert_success
	assert_line "$NAMED_PID"
	run complete_bash no "pfkill $NAMED_PID"
	assert_success
	assert_line "$NAMED_PID"
	run complete_bash yes "pfkill -P $NAMED_PID"
	assert_line "$NAMED_PID"
	# A group of our own: which other pgids exist depends on the machine.
	spawn "${U}grp" -g
	run complete_bash yes "pfkill -- -${SPAWNED:0:2}"
	assert_success
	assert_line -- "-$SPAWNED"
	refute_line --regexp '^[^-]'
}

@test "bash: -HUP and -IO are signals, -xu and -Iu end in -u" {
	make_home
	run complete_bash yes 'pfkill -HUP roo'
	assert_success
	refute_output --partial 'root'
	run complete_bash yes 'pfkill -IO roo'
	assert_success
	refute_output --partial 'root'
	run complete_bash yes 'pfkill -xu roo'
	assert_output 'root'
	run complete_bash yes 'pfkill -Iu roo'
	assert_output 'root'
}

@test "bash: works without bash-completion" {
	start_named
	make_home
	run complete_bash no 'pfkill --signal=TE'
	assert_success
	assert_output 'TERM'
	run complete_bash no 'pfkill -KI'
	assert_output '-KILL'
	run complete_bash no "pfkill ${NAME:0:${#NAME}-2}"
	assert_output "$NAME"
	run complete_bash no 'pfkill -u roo'
	assert_output 'root'
	make_pidfile
	run complete_bash no "pfkill -F $TMP/run/vi"
	assert_output "$TMP/run/victim.pid"
}

@test "bash: -l completes signals, --timeout nothing" {
	make_home
	run complete_bash yes 'pfkill -l KI'
	assert_output 'KILL'
	run complete_bash yes 'pfkill --timeout '
	assert_success
	assert_output ''
}

@test "bash: the completion is shellcheck-clean" {
	need shellcheck
	run shellcheck -s bash "$COMPDIR/bash/pfkill"
	assert_success
	assert_output ''
}

# --- zsh -----------------------------------------------------------------

# zsh completes an option that takes a value as "--opt=", the GNU way.
@test "zsh: long options complete" {
	start_shell zsh
	completes 'pfkill --pidf' 'pfkill --pidfile=X'
	completes 'pfkill --all-p' 'pfkill --all-processes X'
	lists_line 'pfkill --ex' '^--exact +-- match the whole name exactly$'
}

@test "zsh: options are listed with their descriptions" {
	start_shell zsh
	lists_line 'pfkill --pi' '^--pidfile +-- read the pid from FILE$'
	# Every option: zsh asks first ("do you wish to see all ...?").
	type_keys 'pfkill -' Tab
	wait_screen_match '^zsh: do you wish to see all [0-9]+ possibilities' ||
		fail "zsh did not offer the options; screen:
$(screen)"
	tmux -L "$SOCK" send-keys -t t y
	wait_screen_match '^--queue +-q +-- send VALUE with the signal \(sigqueue\)$' ||
		fail "-q/--queue is not listed; screen:
$(screen)"
	screen | grep -qxE -- '--table +-- print a table of signals' ||
		fail "--table is not listed; screen:
$(screen)"
}

@test "zsh: exclusion groups drop options already given" {
	start_shell zsh
	completes 'pfkill -n --new' 'pfkill -n --newX'
	completes 'pfkill -n --old' 'pfkill -n --older=X'
	completes 'pfkill --pidfile=x --pid=1 --pid' 'pfkill --pidfile=x --pid=1 --pids X'
}

@test "zsh: --signal and -SIGNAL complete signal names" {
	start_shell zsh
	completes 'pfkill --signal TER' 'pfkill --signal TERM X'
	completes 'pfkill --signal=KI' 'pfkill --signal=KILL X'
	completes 'pfkill -KI' 'pfkill -KILL X'
	completes 'pfkill -x -WIN' 'pfkill -x -WINCH X'
	completes 'pfkill -SIGHU' 'pfkill -SIGHUP X'
}

@test "zsh: targets complete process names" {
	start_named
	start_shell zsh
	completes "pfkill ${NAME:0:${#NAME}-2}" "pfkill $NAME X"
	completes "pfkill -HUP -x ${NAME:0:${#NAME}-2}" "pfkill -HUP -x $NAME X"
}

@test "zsh: -F completes the pidfile" {
	start_named
	make_pidfile
	start_shell zsh
	completes "pfkill -F $TMP/run/" "pfkill -F $TMP/run/victim.pid X"
	completes "pfkill --expect-exe $TMP/run/" "pfkill --expect-exe $TMP/run/victim.pid X"
}

@test "zsh: option values: users, namespaces, retry schedules" {
	start_shell zsh
	# _sequence and _values leave a "," for the next item.
	completes 'pfkill -u roo' 'pfkill -u root,X'
	completes 'pfkill --nslist=ipc,us' 'pfkill --nslist=ipc,user,X'
	completes 'pfkill --retry TERM/5/KI' 'pfkill --retry TERM/5/KILLX'
}

@test "zsh: _pfkill describes every option in --help" {
	local -a want
	mapfile -t want < <("$PFKILL" --help |
		grep -oE '^ +(-[[:alnum:]], +)?--[[:alnum:]-]+|^ +-[[:alnum:]]' |
		tr -d ' ' | tr ',' '\n' | LC_ALL=C sort -u)
	[[ ${#want[@]} -gt 50 ]] || fail "could not read the options from --help"
	run head -n 1 "$COMPDIR/zsh/_pfkill"
	assert_output '#compdef pfkill'
	local opt
	for opt in "${want[@]}"; do
		# Each option is a spec: '--opt[', '--opt=[', or {-x,--opt}/{-x+,--opt=}.
		grep -qE -- "(['{,)*])${opt}[+=]?([[,}])" "$COMPDIR/zsh/_pfkill" ||
			fail "no spec for $opt in _pfkill"
	done
}

# The short options of --help: $1 = flags (no value) or values.
short_letters() {
	"$PFKILL" --help | sed -nE 's/^  -([A-Za-z]), --[a-z-]+(=?).*/\1 \2/p' |
		awk -v want="$1" '(want == "flags") == ($2 == "") { print $1 }' | LC_ALL=C sort | tr -d '\n'
}
sorted() { grep -o . <<<"$1" | LC_ALL=C sort | tr -d '\n'; }

@test "the completions' option-letter classes are the option table's letters" {
	local flags values zsh_flags bash_flags bash_values
	flags=$(short_letters flags)
	values=$(short_letters values)
	[[ -n $flags && -n $values ]]
	zsh_flags=$(sed -nE 's/.*\[\[ \$w == \[([A-Za-z]+)\]## \]\].*/\1/p' "$COMPDIR/zsh/_pfkill")
	assert_equal "$(sorted "$zsh_flags")" "$flags"
	bash_flags=$(sed -nE 's/.*\$prev =~ \^-\[([A-Za-z]+)\]\*\(\[([A-Za-z]+)\]\).*/\1/p' "$COMPDIR/bash/pfkill")
	bash_values=$(sed -nE 's/.*\$prev =~ \^-\[([A-Za-z]+)\]\*\(\[([A-Za-z]+)\]\).*/\2/p' "$COMPDIR/bash/pfkill")
	assert_equal "$(sorted "$bash_flags")" "$flags"
	assert_equal "$(sorted "$bash_values")" "$values"
}
