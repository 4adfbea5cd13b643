/* SPDX-License-Identifier: GPL-2.0-or-later */
/* schedule.c: the --retry grammar. */
#include "config.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schedule.h"
#include "signals.h"
#include "util.h"

/* An item: a timeout ("5", "1.5", "2m"), or a signal as in
 * start-stop-daemon ("-15", "-TERM", "TERM"); a bare number is a
 * timeout, never a signal. */
static bool parse_step(const char *item, struct retry_step *step)
{
	if (isdigit((unsigned char)*item)) {
		step->kind = STEP_TIMEOUT;
		return parse_duration(item, &step->secs);
	}
	if (*item == '-')
		item++;
	step->kind = STEP_SIGNAL;
	step->signo = signal_parse(item);
	return step->signo >= 0;
}

/* Split spec at '/' into steps; "forever" sets repeat_from. */
static bool split_steps(const char *spec, struct retry_schedule *s,
			char *why, size_t size)
{
	size_t cap = 0;

	for (const char *p = spec;; p++) {
		size_t len = strcspn(p, "/");
		char item[SCHEDULE_WHY_MAX / 2];
		if (len == 0 || len >= sizeof(item)) {
			snprintf(why, size, len ? "an item is too long"
				 : "an empty item (two slashes, or one at an end)");
			return false;
		}
		memcpy(item, p, len);
		item[len] = '\0';
		if (strcmp(item, "forever") == 0) {
			if (s->repeat_from >= 0) {
				snprintf(why, size, "'forever' given twice");
				return false;
			}
			s->repeat_from = (long)s->n;
		} else {
			s->steps = xgrow(s->steps, sizeof(*s->steps), s->n, &cap);
			if (!parse_step(item, &s->steps[s->n])) {
				snprintf(why, size, "'%s' is neither a signal nor "
					 "a timeout", item);
				return false;
			}
			s->n++;
		}
		p += len;
		if (*p == '\0')
			return true;
	}
}

/* A bare number N is DEFAULT/N/KILL/N. */
static void expand_bare_timeout(struct retry_schedule *s, int default_signo)
{
	double secs = s->steps[0].secs;

	s->steps = xrealloc(s->steps, 4 * sizeof(*s->steps));
	s->steps[0] = (struct retry_step){ STEP_SIGNAL, default_signo, 0 };
	s->steps[1] = (struct retry_step){ STEP_TIMEOUT, 0, secs };
	s->steps[2] = (struct retry_step){ STEP_SIGNAL, SIGKILL, 0 };
	s->steps[3] = (struct retry_step){ STEP_TIMEOUT, 0, secs };
	s->n = 4;
}

static bool check_order(const struct retry_schedule *s, char *why,
			size_t size)
{
	char name[SIGNAL_NAME_MAX];
	bool waits = false;

	if (s->n == 0 || s->steps[0].kind != STEP_SIGNAL || s->repeat_from == 0) {
		snprintf(why, size, "a schedule starts with a signal (write "
			 "-15 or TERM for signal 15; a bare number is a timeout)");
		return false;
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct retry_step *st = &s->steps[i];
		if (st->kind == STEP_SIGNAL &&
		    (i + 1 == s->n || s->steps[i + 1].kind != STEP_TIMEOUT ||
		     s->repeat_from == (long)i + 1)) {
			snprintf(why, size, "every signal needs a timeout after "
				 "it: %s/SECONDS",
				 signal_name(st->signo, name, sizeof(name)));
			return false;
		}
		if ((long)i >= s->repeat_from && s->repeat_from >= 0 &&
		    st->kind == STEP_TIMEOUT && st->secs > 0)
			waits = true;
	}
	if (s->repeat_from >= 0 && !waits) {
		snprintf(why, size, "'forever' must be followed by what it "
			 "repeats, with a timeout of more than 0 seconds");
		return false;
	}
	return true;
}

bool retry_parse(const char *spec, int default_signo,
		 struct retry_schedule *out, char *why, size_t size)
{
	struct retry_schedule s = { NULL, 0, -1 };

	if (!split_steps(spec, &s, why, size))
		goto bad;
	if (s.n == 1 && s.repeat_from < 0 && s.steps[0].kind == STEP_TIMEOUT)
		expand_bare_timeout(&s, default_signo);
	if (!check_order(&s, why, size))
		goto bad;
	*out = s;
	return true;
bad:
	free(s.steps);
	return false;
}

void retry_free(struct retry_schedule *s)
{
	free(s->steps);
	s->steps = NULL;
	s->n = 0;
}
