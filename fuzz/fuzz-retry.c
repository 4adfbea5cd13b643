/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: --retry schedules (retry_parse), start-stop-daemon
 * syntax: "TERM/5/KILL/2", "5", "-15/30/forever/KILL/1".
 *
 * Properties checked (abort() on violation), for two default signals:
 *  - success implies n >= 2, the first step is a signal, every signal
 *    is 0..PF_SIGMAX, every timeout is finite and 0..1e9 seconds, and
 *    repeat_from is -1 or 0 <= repeat_from < n;
 *  - every signal is followed by a timeout;
 *  - a repeating schedule ("forever") repeats at least one wait of more
 *    than 0 seconds: otherwise retry_run() would send signals in a busy
 *    loop for ever;
 *  - a bare number N becomes DEFAULT/N/KILL/N; any other schedule has
 *    one step per item (items other than "forever");
 *  - failure leaves *out untouched; success returns heap steps (freed
 *    here, so LeakSanitizer checks both paths).
 */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "schedule.h"
#include "signals.h"


/* Items of spec as strtok(3) with "/" sees them: (all, "forever"). */
static void count_items(const char *spec, size_t *items, size_t *forevers)
{
	*items = *forevers = 0;
	for (const char *p = spec; *p;) {
		size_t n = strcspn(p, "/");
		if (n > 0) {
			(*items)++;
			if (n == 7 && strncmp(p, "forever", 7) == 0)
				(*forevers)++;
		}
		p += n;
		if (*p == '/')
			p++;
	}
}

static void check(const char *spec, int default_signo)
{
	struct retry_step sentinel_step;
	struct retry_schedule s = { &sentinel_step, 12345, 6789 };
	size_t items, forevers;

	char why[SCHEDULE_WHY_MAX] = "";

	if (!retry_parse(spec, default_signo, &s, why, sizeof(why))) {
		CHECK(s.steps == &sentinel_step && s.n == 12345 &&
		      s.repeat_from == 6789);
		CHECK(why[0] != '\0');		/* it says what is wrong */
		return;
	}
	CHECK(s.steps != NULL && s.steps != &sentinel_step);
	CHECK(s.n >= 2);
	CHECK(s.steps[0].kind == STEP_SIGNAL);
	CHECK(s.repeat_from == -1 ||
	      (s.repeat_from >= 0 && (size_t)s.repeat_from < s.n));
	for (size_t i = 0; i < s.n; i++) {
		const struct retry_step *st = &s.steps[i];
		CHECK(st->kind == STEP_SIGNAL || st->kind == STEP_TIMEOUT);
		if (st->kind == STEP_SIGNAL) {
			CHECK(st->signo >= 0 && st->signo <= PF_SIGMAX);
			/* Every signal is followed by its timeout. */
			CHECK(i + 1 < s.n && s.steps[i + 1].kind == STEP_TIMEOUT);
		}
		else
			CHECK(isfinite(st->secs) && st->secs >= 0 &&
			      st->secs <= 1e9);
	}
	if (s.repeat_from >= 0) {
		bool waits = false;
		for (size_t i = (size_t)s.repeat_from; i < s.n; i++)
			if (s.steps[i].kind == STEP_TIMEOUT &&
			    s.steps[i].secs > 0)
				waits = true;
		/* "TERM/forever/0" would spin: send, wait 0 s, send, ... */
		CHECK(waits);
	}

	count_items(spec, &items, &forevers);
	CHECK(forevers <= 1);
	if (items == 1 && forevers == 0) {
		CHECK(s.n == 4 && s.repeat_from == -1);
		CHECK(s.steps[0].kind == STEP_SIGNAL &&
		      s.steps[0].signo == default_signo);
		CHECK(s.steps[1].kind == STEP_TIMEOUT);
		CHECK(s.steps[2].kind == STEP_SIGNAL &&
		      s.steps[2].signo == SIGKILL);
		CHECK(s.steps[3].kind == STEP_TIMEOUT &&
		      s.steps[3].secs == s.steps[1].secs);
	} else {
		CHECK(s.n == items - forevers);
	}
	free(s.steps);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *spec = fuzz_cstring(data, size);
	unsigned sum = 0;

	for (size_t i = 0; i < size; i++)
		sum += data[i];

	check(spec, SIGTERM);
	check(spec, (int)(sum % (PF_SIGMAX + 1)));
	free(spec);
	return 0;
}
