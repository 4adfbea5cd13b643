/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: operands (target_parse): pids, PID:INODE and
 * PID@STARTTIME handles, -PGID groups, -1, patterns.
 *
 * Properties checked (abort() on violation):
 *  - the result is NULL or a non-empty message; t->arg is the argument;
 *  - an all-digits operand is always a pid (never silently a pattern);
 *    "-1" is T_ALL, and so is any "-0..01" (kill(1) reads it as -1);
 *    "-<digit>..." is otherwise a group; "<digits>:" / "<digits>@" is a
 *    handle;
 *  - every accepted pid, handle or group has 1 <= pid <= 4194304 and
 *    equals the decimal value in the text (no wrap-around, no sign, no
 *    space); a handle's id equals the decimal value after the separator;
 *  - a pid, handle or group is accepted exactly when the text is
 *    well-formed (checked against an independent reference parser).
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "targets.h"

#define PID_LIMIT 4194304ULL


/* Decimal value of s[0..len) (digits only, len >= 1); false on
 * overflow past 2^64-1. */
static bool ref_decimal(const char *s, size_t len, unsigned long long *out)
{
	unsigned long long v = 0;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (~0ULL - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static bool ref_pid(const char *s, size_t len, unsigned long long *out)
{
	return ref_decimal(s, len, out) && *out >= 1 && *out <= PID_LIMIT;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);
	struct target t;
	const char *err;
	unsigned long long pid, id;

	size_t len = strlen(s);
	size_t digits = strspn(s, "0123456789");

	err = target_parse(s, &t);
	CHECK(err == NULL || *err != '\0');
	CHECK(t.arg == s);

	if (digits > 0 && digits == len) {
		CHECK(t.kind == T_PID);
		bool ok = ref_pid(s, len, &pid);
		CHECK(ok == (err == NULL));
		if (ok)
			CHECK((unsigned long long)t.pid == pid);
	} else if (digits > 0 && (s[digits] == ':' || s[digits] == '@')) {
		CHECK(t.kind == (s[digits] == ':' ? T_HANDLE_INODE
						  : T_HANDLE_START));
		bool ok = ref_pid(s, digits, &pid) &&
			  ref_decimal(s + digits + 1, len - digits - 1, &id);
		/* The implementation may refuse absurdly padded pids
		 * ("0000000000000001:5"); it must never accept a bad one. */
		if (err == NULL) {
			CHECK(ok);
			CHECK((unsigned long long)t.pid == pid);
			CHECK(t.id == id);
		} else if (digits < 16) {
			CHECK(!ok);
		}
	} else if (s[0] == '-' && isdigit((unsigned char)s[1])) {
		bool ok = ref_pid(s + 1, len - 1, &pid);
		CHECK(ok == (err == NULL));
		if (ok && pid == 1)
			CHECK(t.kind == T_ALL);
		else
			CHECK(t.kind == T_PGROUP);
		if (ok)
			CHECK((unsigned long long)t.pid == pid);
	} else {
		CHECK(t.kind == T_PATTERN && err == NULL);
	}

	if (err == NULL && (t.kind == T_PID || t.kind == T_HANDLE_INODE ||
			    t.kind == T_HANDLE_START || t.kind == T_PGROUP))
		CHECK(t.pid >= 1 && (unsigned long long)t.pid <= PID_LIMIT);

	free(s);
	return 0;
}
