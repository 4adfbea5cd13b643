/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the fuzz targets. */
#ifndef PFKILL_FUZZ_H
#define PFKILL_FUZZ_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The entry point libFuzzer (or fuzz/driver.c) calls. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property that must hold: abort (a finding for libFuzzer) if not. */
#define CHECK(cond)                                                     \
	do {                                                            \
		if (!(cond)) {                                          \
			fprintf(stderr, "%s:%d: property violated: %s\n", \
				__FILE__, __LINE__, #cond);             \
			abort();                                        \
		}                                                       \
	} while (0)

/* The input as a NUL-terminated string (the caller frees it). */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* FNV-1a: derive stable synthetic field values from the input. */
static inline uint64_t fuzz_hash(const uint8_t *d, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ d[i]) * 1099511628211ULL;
	return h;
}

#endif
