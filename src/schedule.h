/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The --retry grammar of start-stop-daemon: "TERM/5/KILL/2", "5",
 * "-HUP/10/forever/KILL/5". */
#ifndef PFKILL_SCHEDULE_H
#define PFKILL_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

/* One step of a --retry schedule: send signo, or wait secs. */
struct retry_step {
	enum { STEP_SIGNAL, STEP_TIMEOUT } kind;
	int signo;
	double secs;
};

/* After the last step, go on from step repeat_from ("forever"), or stop
 * when repeat_from is -1. */
struct retry_schedule {
	struct retry_step *steps;
	size_t n;
	long repeat_from;
};

/* Room for what is wrong with a schedule, quoting an item. */
#define SCHEDULE_WHY_MAX 256

/* Parse spec; a bare number N means DEFAULT/N/KILL/N.  Returns true, or
 * false with what is wrong in why. */
bool retry_parse(const char *spec, int default_signo,
		 struct retry_schedule *out, char *why, size_t size);

void retry_free(struct retry_schedule *s);

#endif
