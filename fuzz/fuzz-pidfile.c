/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: pidfile contents (pidfile_parse).  The input is the
 * file's bytes as read (any bytes, NULs included, no terminator).
 *
 * Properties checked (abort() on violation):
 *  - success implies 1 <= pid <= 4194304;
 *  - success implies the bytes are optional white space, decimal digits
 *    whose value is pid, optional white space (one pid, nothing else);
 *  - such a file with a valid pid of at most 15 digits is accepted;
 *  - failure leaves *pid untouched;
 *  - the parser reads only buf[0..len) (ASan checks: the input is
 *    copied to an exactly-sized heap buffer with no terminator).
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pidfile.h"

#define PID_LIMIT 4194304ULL


static bool space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

/* Reference: (valid, value, number of digits). */
static bool ref_parse(const uint8_t *b, size_t len, unsigned long long *v,
		      size_t *ndigits)
{
	size_t i = 0, start;

	*v = 0;
	while (i < len && space(b[i]))
		i++;
	start = i;
	while (i < len && b[i] >= '0' && b[i] <= '9') {
		if (*v <= PID_LIMIT)
			*v = *v * 10 + (b[i] - '0');
		i++;
	}
	*ndigits = i - start;
	while (i < len && space(b[i]))
		i++;
	return i == len && *ndigits > 0 && *v >= 1 && *v <= PID_LIMIT;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	pid_t pid = -99;
	unsigned long long want;
	size_t ndigits;
	bool ok, ref;

	if (buf == NULL)
		abort();
	memcpy(buf, data, size);
	ok = pidfile_parse(buf, size, &pid);
	ref = ref_parse(data, size, &want, &ndigits);

	if (ok) {
		CHECK(pid >= 1 && (unsigned long long)pid <= PID_LIMIT);
		CHECK(ref && (unsigned long long)pid == want);
	} else {
		CHECK(pid == -99);
		CHECK(!ref || ndigits >= 16);
	}
	free(buf);
	return 0;
}
