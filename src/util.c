/* SPDX-License-Identifier: GPL-2.0-or-later */
/* util.c: exit statuses, messages, memory, number and time parsing. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "util.h"

/* Linux's PID_MAX_LIMIT on 64-bit: 2^22. */
#define PF_PID_MAX 4194304UL

static void vmsg(const char *fmt, va_list ap)
{
	char *text = NULL;

	if (vasprintf(&text, fmt, ap) < 0) {
		fputs(PACKAGE_NAME ": out of memory\n", stderr);
		exit(EXIT_FATAL);
	}
	fflush(stdout);	/* keep the order of what goes to a shared terminal */
	fputs(PACKAGE_NAME ": ", stderr);
	escape_text(stderr, text, strlen(text));
	fputc('\n', stderr);
	free(text);
}

void msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

int refuse(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	return status;
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fputs("Try '" PACKAGE_NAME " --help' for more information.\n", stderr);
	exit(EXIT_USAGE);
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(EXIT_FATAL);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		fatal("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		fatal("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		fatal("out of memory");
	return d;
}

void *xgrow(void *v, size_t size, size_t n, size_t *cap)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	if (*cap > SIZE_MAX / size)
		fatal("out of memory");
	return xrealloc(v, *cap * size);
}

bool parse_ulong(const char *s, int base, unsigned long max,
		 unsigned long *out)
{
	char *end;

	if (s == NULL || !isdigit((unsigned char)*s))
		return false;
	errno = 0;
	unsigned long v = strtoul(s, &end, base);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

bool parse_pid(const char *s, pid_t *out)
{
	unsigned long v;

	if (!parse_ulong(s, 10, PF_PID_MAX, &v) || v == 0)
		return false;
	*out = (pid_t)v;
	return true;
}

bool parse_duration(const char *s, double *out)
{
	static const struct { char unit; double secs; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
	};
	char *end;

	/* Plain decimal only: strtod would also take hex and exponents. */
	size_t num = strspn(s == NULL ? "" : s, "0123456789.");
	if (s == NULL || num == 0 || strlen(s) > num + 1 ||
	    memchr(s, '.', num) != memrchr(s, '.', num))
		return false;
	errno = 0;
	double v = strtod(s, &end);
	if (errno != 0 || end == s || !isfinite(v) || v < 0)
		return false;
	if (*end != '\0') {
		size_t i;
		for (i = 0; i < ARRAY_SIZE(units); i++)
			if (*end == units[i].unit)
				break;
		if (i == ARRAY_SIZE(units) || end[1] != '\0')
			return false;
		v *= units[i].secs;
	}
	if (v > 1e9)
		return false;
	*out = v;
	return true;
}

/* A local date and time; mktime normalises what does not exist (Feb 30,
 * 02:30 in a daylight saving gap), so compare what came back. */
static const char *local_time(const struct tm *asked, double *out)
{
	struct tm tm = *asked;
	time_t t = mktime(&tm);

	if (asked->tm_sec > 59)
		return "invalid time";	/* strptime takes leap seconds */
	if (t == (time_t)-1)
		return "out of range";
	if (tm.tm_mday != asked->tm_mday || tm.tm_mon != asked->tm_mon ||
	    tm.tm_year != asked->tm_year)
		return "no such date";
	if (tm.tm_hour != asked->tm_hour || tm.tm_min != asked->tm_min ||
	    tm.tm_sec != asked->tm_sec)
		return "no such local time (a daylight saving time gap)";
	*out = (double)t;
	return NULL;
}

const char *time_parse(const char *s, double now, double *out)
{
	static const char *const formats[] = {
		"%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
		"%Y-%m-%dT%H:%M", "%Y-%m-%d",
	};
	double secs;

	if (*s == '@') {
		unsigned long v;
		if (!parse_ulong(s + 1, 10, LONG_MAX, &v))
			return "invalid time";
		*out = (double)v;
		return NULL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		struct tm tm = { .tm_isdst = -1 };
		const char *end = strptime(s, formats[i], &tm);
		if (end != NULL && *end == '\0')
			return local_time(&tm, out);
	}
	if (!parse_duration(s, &secs))
		return "invalid time";
	*out = now - secs;
	return NULL;
}

double timespec_seconds(const struct timespec *ts)
{
	return (double)ts->tv_sec + (double)ts->tv_nsec / 1e9;
}

double clock_seconds(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return timespec_seconds(&ts);
}

double now_monotonic(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

int poll_ms(double left)
{
	double ms = left * 1000.0;

	if (!(ms < POLL_SLICE_MS))
		return POLL_SLICE_MS;	/* also INFINITY */
	if (ms <= 0)
		return 0;
	int whole = (int)ms;
	return (double)whole < ms ? whole + 1 : whole;	/* round up */
}

void list_walk(const char *opt, const char *arg, const char *what,
	       list_item_fn each, void *ctx)
{
	char *copy = xstrdup(arg);
	char *save = NULL;
	bool any = false;

	for (char *item = strtok_r(copy, ",", &save); item != NULL;
	     item = strtok_r(NULL, ",", &save)) {
		if (!each(item, ctx))
			usage_error("%s: %s '%s'", opt, what, item);
		any = true;
	}
	free(copy);
	if (!any)
		usage_error("%s: empty list", opt);
}

void id_list_add(struct id_list *l, long v)
{
	l->v = xgrow(l->v, sizeof(*l->v), l->n, &l->cap);
	l->v[l->n++] = v;
}

bool id_list_has(const struct id_list *l, long v)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return true;
	return false;
}

int status_merge(int a, int b)
{
	static const int rank[] = {
		[EXIT_SIGNALLED] = 0, [EXIT_NOMATCH] = 1, [EXIT_PARTIAL] = 2,
		[EXIT_TIMEOUT] = 3, [EXIT_USAGE] = 4, [EXIT_FATAL] = 5,
	};

	return rank[b] > rank[a] ? b : a;
}

void fd_limit_check(int err, const char *what)
{
	if (err == -EMFILE || err == -ENFILE)
		fatal("%s: %s (raise ulimit -n)", what, strerror(-err));
}
