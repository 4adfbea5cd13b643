#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The fuzz targets' seed corpus and regression inputs, replayed through
# fuzz/driver.c: every input that once broke a parser keeps passing,
# with every property each target checks.  (fuzz/run does the fuzzing.)

load common

FUZZ_DIR=${FUZZ_DIR:-$BATS_TEST_DIRNAME/../fuzz}
SRC=${TOP_SRCDIR:-$BATS_TEST_DIRNAME/..}

replay() {
	local target=$1 dirs=()
	[[ -x $FUZZ_DIR/fuzz-$target ]] || fail "fuzz-$target was not built"
	[[ -d $SRC/fuzz/corpus/$target ]] && dirs+=("$SRC/fuzz/corpus/$target")
	[[ -d $SRC/fuzz/regressions/$target ]] && dirs+=("$SRC/fuzz/regressions/$target")
	[[ ${#dirs[@]} -gt 0 ]] || fail "no inputs for $target"
	run "$FUZZ_DIR/fuzz-$target" "${dirs[@]}"
	assert_success
	assert_output ''
}

@test "fuzz inputs: escape" { replay escape; }
@test "fuzz inputs: number" { replay number; }
@test "fuzz inputs: pidfile" { replay pidfile; }
@test "fuzz inputs: procstat" { replay procstat; }
@test "fuzz inputs: retry" { replay retry; }
@test "fuzz inputs: signal" { replay signal; }
@test "fuzz inputs: status" { replay status; }
@test "fuzz inputs: target" { replay target; }
@test "fuzz inputs: time" { replay time; }
