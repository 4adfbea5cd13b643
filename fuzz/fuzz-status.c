/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: /proc/<pid>/status (proc_parse_status).
 *
 * Two runs per input:
 *  1. the input as a whole status buffer (copied, NUL-terminated);
 *  2. the input as a process name: a kernel-style status file is built
 *     with it on the Name line, escaped as the kernel does ('\n' and
 *     '\\' only), preceded by '\n' as load_status() passes it; it must
 *     parse back exactly: a name can never inject a Uid/Gid/Tgid/SigCgt.
 *
 * Properties checked (abort() on violation):
 *  - success sets PF_STATUS and nothing else; failure leaves the struct
 *    exactly as proc_init() left it;
 *  - a well-formed file parses with every field exact, whatever the name
 *    holds ("\nUid:\t0", tabs, escapes, invalid UTF-8, 64 bytes).
 */
#include "config.h"

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
	if (proc_parse_status(&p, buf, size)) {
		CHECK(p.loaded == PF_STATUS);
	} else {
		CHECK(memcmp(&p, &fresh, sizeof(p)) == 0);
	}
	free(buf);
}

static void check_synthetic(const uint8_t *data, size_t size)
{
	uint64_t h = fuzz_hash(data, size);
	unsigned tgid = 1 + (unsigned)(h % 4194304);
	unsigned ruid = (unsigned)(h >> 3) % 70000, euid = (unsigned)(h >> 19) % 3;
	unsigned rgid = (unsigned)(h >> 7) % 70000, egid = (unsigned)(h >> 29) % 3;
	uint64_t cgt = h * 2654435761ULL;
	char *text = NULL;
	size_t len = 0;
	struct proc p;

	if (size > PROC_COMM_MAX || memchr(data, '\0', size) != NULL)
		return;
	FILE *f = open_memstream(&text, &len);
	if (f == NULL)
		abort();
	fputs("\nName:\t", f);
	for (size_t i = 0; i < size; i++) {
		if (data[i] == '\n')
			fputs("\\n", f);
		else if (data[i] == '\\')
			fputs("\\\\", f);
		else
			fputc(data[i], f);
	}
	fprintf(f,
		"\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t%u\nNgid:\t0\n"
		"Pid:\t%u\nPPid:\t1\nTracerPid:\t0\n"
		"Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n"
		"FDSize:\t64\nGroups:\t4 24 27 \nNStgid:\t%u\nNSpid:\t%u\n"
		"NSpgid:\t%u\nNSsid:\t%u\nVmPeak:\t   10000 kB\n"
		"Threads:\t1\nSigQ:\t0/63408\nSigPnd:\t0000000000000000\n"
		"ShdPnd:\t0000000000000000\nSigBlk:\t0000000000010000\n"
		"SigIgn:\t0000000000384004\nSigCgt:\t%016llx\n"
		"CapInh:\t0000000000000000\nSeccomp:\t0\n"
		"voluntary_ctxt_switches:\t150\n"
		"nonvoluntary_ctxt_switches:\t5\n",
		tgid, tgid, ruid, euid, euid, euid, rgid, egid, egid, egid,
		tgid, tgid, tgid, tgid, (unsigned long long)cgt);
	if (fclose(f) != 0)
		abort();

	proc_init(&p, NULL, (pid_t)tgid);
	CHECK(proc_parse_status(&p, text, len));
	CHECK(p.tgid == (pid_t)tgid && p.ruid == ruid && p.euid == euid &&
	      p.rgid == rgid && p.egid == egid && p.sigcgt == cgt);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_raw(data, size);
	check_synthetic(data, size);
	return 0;
}
