/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: numbers (parse_ulong, parse_pid, parse_duration).
 *
 * Properties checked (abort() on violation):
 *  - parse_ulong(s, 10, max) accepts exactly the non-empty all-digit
 *    strings whose value is <= max (no sign, no space, no wrap-around),
 *    with that value, for several maxima; failure leaves *out untouched;
 *  - parse_pid accepts exactly 1..4194304 written in digits;
 *  - parse_duration: success means a finite value in 0..1e9 and text
 *    that starts with a digit or '.'; a unit scales consistently
 *    ("Xm" is 60 times "X", "Xs" is "X"); only decimal notation (no
 *    hexadecimal floats: "0x1d" must not be 29 s); failure leaves *out
 *    untouched.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util.h"

#define PID_LIMIT 4194304UL


/* Reference: digits only, value <= max. */
static bool ref_ulong(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (*s == '\0')
		return false;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
		unsigned long d = (unsigned long)(*s - '0');
		if (v > (ULONG_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

static void check_ulong(const char *s)
{
	static const unsigned long maxima[] = {
		0, 1, 64, 128 + 64, PID_LIMIT, INT_MAX, LONG_MAX, ULONG_MAX,
	};

	for (size_t i = 0; i < sizeof(maxima) / sizeof(maxima[0]); i++) {
		unsigned long got = 777, want = 0;
		bool ok = parse_ulong(s, 10, maxima[i], &got);
		bool ref = ref_ulong(s, maxima[i], &want);
		CHECK(ok == ref);
		CHECK(ok ? got == want : got == 777);
	}
}

static void check_pid(const char *s)
{
	pid_t pid = -77;
	unsigned long want;
	bool ok = parse_pid(s, &pid);
	bool ref = ref_ulong(s, PID_LIMIT, &want) && want >= 1;

	CHECK(ok == ref);
	if (ok)
		CHECK(pid >= 1 && (unsigned long)pid <= PID_LIMIT &&
		      (unsigned long)pid == want);
	else
		CHECK(pid == -77);
}

static void check_duration(const char *s, size_t len)
{
	double v = -1.25;
	bool ok = parse_duration(s, &v);

	if (!ok) {
		CHECK(v == -1.25);
		return;
	}
	CHECK(isfinite(v) && v >= 0 && v <= 1e9);
	CHECK(isdigit((unsigned char)s[0]) || s[0] == '.');
	/* Decimal only: strtod's hex floats would make "0x1d" 29 seconds
	 * rather than a day. */
	CHECK(strpbrk(s, "xXpP") == NULL);

	char last = len ? s[len - 1] : '\0';
	if (strchr("smhd", last) != NULL && last != '\0') {
		/* "Xu" is X times the unit, X itself a valid duration. */
		static const struct { char u; double f; } units[] = {
			{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
		};
		char *bare = strndup(s, len - 1);
		double b = -1;
		if (bare == NULL)
			abort();
		CHECK(parse_duration(bare, &b));
		for (size_t i = 0; i < 4; i++)
			if (units[i].u == last)
				CHECK(v == b * units[i].f);
		free(bare);
	} else {
		/* Adding "s" changes nothing; "m" multiplies by 60. */
		char *with = malloc(len + 2);
		double w = -1;
		if (with == NULL)
			abort();
		memcpy(with, s, len);
		with[len + 1] = '\0';
		with[len] = 's';
		CHECK(parse_duration(with, &w) && w == v);
		with[len] = 'm';
		if (v * 60 <= 1e9)
			CHECK(parse_duration(with, &w) && w == v * 60);
		free(with);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);


	check_ulong(s);
	check_pid(s);
	check_duration(s, strlen(s));
	free(s);
	return 0;
}
