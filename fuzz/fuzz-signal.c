/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: signal specs (signal_parse, signal_name,
 * signal_convert).
 *
 * Properties checked (abort() on violation):
 *  - signal_parse() returns -1 or 0..PF_SIGMAX;
 *  - a signal number n >= 1 that signal_parse() accepts has a canonical
 *    name (signal_name) that parses back to n;
 *  - case does not matter: the upper-case spelling parses the same;
 *  - an optional "SIG" prefix does not matter for names;
 *  - signal_convert() prints exactly one line; a number (or exit status
 *    128+n) converts to a name that parses back to n, a name converts to
 *    the number signal_parse() gives for it.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "signals.h"


static char *cstr(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);

	return s;
}

static void check_roundtrip(int n)
{
	char buf[16];
	const char *name;

	if (n < 1)
		return;
	name = signal_name(n, buf, sizeof(buf));
	CHECK(name != NULL && strlen(name) < sizeof(buf));
	CHECK(signal_parse(name) == n);
}

/* Digits-only decimal value, or -1 when s is not that (or is huge). */
static long decimal(const char *s)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s - '0');
		if (v > 100000)
			return -1;
	}
	return v;
}

static void check_convert(const char *s)
{
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	bool ok;

	if (f == NULL)
		abort();
	ok = signal_convert(s, f);
	CHECK(fclose(f) == 0);
	if (!ok) {
		CHECK(outlen == 0);
		free(out);
		return;
	}
	/* One line, newline-terminated, nothing else. */
	CHECK(outlen >= 2 && out[outlen - 1] == '\n');
	CHECK(memchr(out, '\n', outlen) == out + outlen - 1);
	CHECK(strlen(out) == outlen);
	out[outlen - 1] = '\0';

	long num = decimal(s);
	if (isdigit((unsigned char)*s)) {
		/* A number or an exit status: prints the name. */
		CHECK(num >= 1 && num <= 128 + PF_SIGMAX);
		long want = num > 128 ? num - 128 : num;
		CHECK(want >= 1 && want <= PF_SIGMAX);
		CHECK(signal_parse(out) == want);
	} else {
		int signo = signal_parse(s);
		CHECK(signo >= 1);
		CHECK(decimal(out) == signo);
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = cstr(data, size);
	int n = signal_parse(s);

	CHECK(n == -1 || (n >= 0 && n <= PF_SIGMAX));
	check_roundtrip(n);

	/* Case-insensitive. */
	char *up = strdup(s);
	if (up == NULL)
		abort();
	for (char *c = up; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	CHECK(signal_parse(up) == n);
	free(up);

	/* "SIG" is optional before a name (not before a number). */
	if (*s != '\0' && !isdigit((unsigned char)*s) &&
	    strncasecmp(s, "SIG", 3) != 0) {
		char *with = malloc(size + 4);
		if (with == NULL)
			abort();
		memcpy(with, "SIG", 3);
		memcpy(with + 3, s, size + 1);
		CHECK(signal_parse(with) == n);
		free(with);
	}

	check_convert(s);
	free(s);
	return 0;
}
