/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: /proc/<pid>/stat lines (proc_parse_stat).
 *
 * Two runs per input:
 *  1. the input as a whole stat buffer (copied, NUL-terminated, as
 *     load_stat() passes it);
 *  2. the input as a process name: a kernel-style line
 *     "PID (NAME) S PPID PGRP SESSION TTY ... STARTTIME ..." is built
 *     around it (any bytes but NUL, up to 64 of them, as a task or
 *     kernel thread may have) and must parse back exactly.
 *
 * Properties checked (abort() on violation):
 *  - success sets PF_STAT and PF_COMM; comm is NUL-terminated, at most
 *    PROC_COMM_MAX bytes, and is the text between the first '(' and the
 *    last ')' (truncated to PROC_COMM_MAX); the state is not white space;
 *  - failure leaves the struct exactly as proc_init() left it;
 *  - a well-formed line parses, whatever the name holds (')', '(',
 *    spaces, newlines, digits, fake fields), with every field exact.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"


static void check_raw(const uint8_t *data, size_t size)
{
	char *buf = fuzz_cstring(data, size);
	struct proc p, fresh;

	proc_init(&p, NULL, 42);
	proc_init(&fresh, NULL, 42);

	if (!proc_parse_stat(&p, buf, size)) {
		CHECK(memcmp(&p, &fresh, sizeof(p)) == 0);
		free(buf);
		return;
	}
	CHECK((p.loaded & (PF_STAT | PF_COMM)) == (PF_STAT | PF_COMM));
	CHECK(memchr(p.comm, '\0', sizeof(p.comm)) != NULL);
	CHECK(!isspace((unsigned char)p.state));

	const char *open = memchr(buf, '(', size);
	const char *close = memrchr(buf, ')', size);
	CHECK(open != NULL && close != NULL && open < close);
	size_t n = (size_t)(close - open - 1);
	if (n > PROC_COMM_MAX)
		n = PROC_COMM_MAX;
	size_t clen = strnlen(open + 1, n);	/* the name may hold NULs */
	CHECK(strlen(p.comm) == clen);
	CHECK(memcmp(p.comm, open + 1, clen) == 0);
	free(buf);
}

static void check_synthetic(const uint8_t *data, size_t size)
{
	static const char states[] = "RSDZTtXxKWPI";
	uint64_t h = fuzz_hash(data, size);
	int pid = 1 + (int)(h % 4194304);
	char state = states[(h >> 22) % (sizeof(states) - 1)];
	int ppid = (int)((h >> 8) % 4194305);
	int pgrp = (int)((h >> 16) % 4194305);
	int session = (int)((h >> 24) % 4194305);
	int tty = (h >> 40) & 1 ? 0 : (int)(34816 + (h >> 32) % 64);
	unsigned long long start = h >> 5;
	char *line = NULL;
	size_t len = 0;
	struct proc p;

	if (size > PROC_COMM_MAX || memchr(data, '\0', size) != NULL)
		return;
	FILE *f = open_memstream(&line, &len);
	if (f == NULL)
		abort();
	fprintf(f, "%d (", pid);
	fwrite(data, 1, size, f);
	/* Fields 3..52 as a 6.x kernel writes them. */
	fprintf(f, ") %c %d %d %d %d -1 4194560 123 0 0 0 5 3 0 0 20 0 1 0 "
		"%llu 10653696 1234 18446744073709551615 1 1 0 0 0 0 0 "
		"16781312 134235651 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n",
		state, ppid, pgrp, session, tty, start);
	if (fclose(f) != 0)
		abort();

	proc_init(&p, NULL, pid);
	CHECK(proc_parse_stat(&p, line, len));
	CHECK(strlen(p.comm) == size && memcmp(p.comm, data, size) == 0);
	CHECK(p.state == state && p.ppid == ppid && p.pgrp == pgrp &&
	      p.session == session && p.tty == tty && p.starttime == start);
	free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_raw(data, size);
	check_synthetic(data, size);
	return 0;
}
