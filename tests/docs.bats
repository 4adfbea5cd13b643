#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Every option in --help is documented in the man page and completed by
# both completions; the man page is lint-clean.

load common

SRC=${TOP_SRCDIR:-$BATS_TEST_DIRNAME/..}

long_options() { "$PFKILL" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u; }
short_options() { "$PFKILL" --help | sed -nE 's/^ +-([A-Za-z0-9]), --.*/\1/p' | sort -u; }

@test "--help lists one option per line and exits 0" {
	run "$PFKILL" --help
	assert_success
	assert_line --index 0 'Usage: pfkill [OPTION...] [-SIGNAL] TARGET...'
	[[ $(long_options | wc -l) -ge 45 ]]
	[[ $(short_options | wc -l) -ge 25 ]]
}

@test "the man page is clean under mandoc -Tlint" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run mandoc -Tlint -W warning "$SRC/man/pfkill.1"
	assert_success
	assert_output ''
}

@test "every option in --help is in the man page" {
	local o missing=()
	for o in $(long_options); do
		grep -qE "^\.It .*Fl \\\\-${o#--}( |$)" "$SRC/man/pfkill.1" || missing+=("$o")
	done
	for o in $(short_options); do
		grep -qE "^\.It Fl $o( |$)" "$SRC/man/pfkill.1" || missing+=("-$o")
	done
	[[ ${#missing[@]} -eq 0 ]] || fail "not in man/pfkill.1: ${missing[*]}"
}

@test "every option in --help is in the zsh completion" {
	local o missing=()
	for o in $(long_options) $(short_options | sed 's/^/-/'); do
		grep -qF -- "$o" "$SRC/completions/zsh/_pfkill" || missing+=("$o")
	done
	[[ ${#missing[@]} -eq 0 ]] || fail "not in completions/zsh/_pfkill: ${missing[*]}"
}

@test "every option in --help is completed by the bash completion" {
	[[ -r /usr/share/bash-completion/bash_completion ]] || skip "bash-completion is not installed"
	run bash --norc --noprofile -c '
		PATH=$(dirname "$1"):$PATH
		source /usr/share/bash-completion/bash_completion
		source "$2"
		for word in - --; do
			COMP_WORDS=(pfkill "$word"); COMP_CWORD=1
			COMP_LINE="pfkill $word"; COMP_POINT=${#COMP_LINE}
			_pfkill pfkill "$word" pfkill
			printf "%s\n" "${COMPREPLY[@]}"
		done' _ "$PFKILL" "$SRC/completions/bash/pfkill"
	assert_success
	local o missing=() completed=" ${lines[*]} "
	for o in $(long_options) $(short_options | sed 's/^/-/'); do
		[[ $completed == *" $o "* || $completed == *" $o= "* ]] || missing+=("$o")
	done
	[[ ${#missing[@]} -eq 0 ]] || fail "not completed by bash: ${missing[*]}"
}

@test "no test waits on a condition that is evaluated only once" {
	# A command substitution in wait_until's arguments is expanded once,
	# before the first try.
	run grep -nE '^[^#]*wait_until[^#]*\$\(' "$SRC"/tests/*.bats "$SRC"/tests/*.bash
	assert_failure 1
}

@test "every source, script and test file carries the licence's SPDX line" {
	local f missing=()
	for f in "$SRC"/src/*.[ch] "$SRC"/tests/*.[ch] "$SRC"/tests/*.bats \
		"$SRC"/tests/*.bash "$SRC"/tests/*.sh "$SRC"/fuzz/*.[ch] "$SRC"/fuzz/run \
		"$SRC"/completions/bash/pfkill "$SRC"/completions/zsh/_pfkill \
		"$SRC"/examples/* "$SRC"/man/pfkill.1 "$SRC"/.ci/run "$SRC"/.ci/deb \
		"$SRC"/bench/*.c "$SRC"/bench/run "$SRC"/debian/rules \
		"$SRC"/debian/tests/installed-* \
		"$SRC"/configure.ac "$SRC"/Makefile.am; do
		# A copy without debian/ (the autopkgtest's) has fewer files.
		[[ -e $f ]] || continue
		head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-or-later' ||
			missing+=("${f#"$SRC"/}")
	done
	[[ ${#missing[@]} -eq 0 ]] || fail "no SPDX line: ${missing[*]}"
	grep -q 'Copyright (C) 2026 the pfkill authors' "$SRC/man/pfkill.1"
	run "$PFKILL" --version
	assert_line --index 0 "pfkill 0.2.0"
	assert_line --index 1 'Copyright (C) 2026 the pfkill authors.'
	assert_line --index 2 'License GPL-2.0-or-later: GNU GPL version 2 or later.'
}
