/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: --started-before TIME (time_parse): "@EPOCH",
 * "YYYY-MM-DD[ HH:MM[:SS]]" (or with a T), or a duration ago ("10m").
 *
 * Properties checked (abort() on violation):
 *  - success yields a finite time;
 *  - "@N" yields exactly N (digits only, N <= LONG_MAX), nothing else;
 *  - text that cannot be a date (no '-') and has no '@' is accepted
 *    exactly when parse_duration() accepts it, as now - duration;
 *  - failure leaves *out untouched.
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


static const double NOW = 1700000000.0;	/* a fixed "now": reproducible */

/* "@" then digits only, value <= LONG_MAX. */
static bool ref_epoch(const char *s, double *out)
{
	unsigned long long v = 0;

	if (s[0] != '@' || s[1] == '\0')
		return false;
	for (const char *p = s + 1; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return false;
		if (v > ((unsigned long long)LONG_MAX - (unsigned)(*p - '0')) / 10)
			return false;
		v = v * 10 + (unsigned)(*p - '0');
	}
	*out = (double)v;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);
	double out = -12345.5, want, secs;
	bool ok;


	ok = time_parse(s, NOW, &out) == NULL;
	if (!ok)
		CHECK(out == -12345.5);
	else
		CHECK(isfinite(out));

	if (s[0] == '@') {
		bool ref = ref_epoch(s, &want);
		CHECK(ok == ref);
		if (ok)
			CHECK(out == want);
	} else if (strchr(s, '-') == NULL) {
		bool dur = parse_duration(s, &secs);
		CHECK(ok == dur);
		if (ok)
			CHECK(out == NOW - secs);
	}
	free(s);
	return 0;
}
