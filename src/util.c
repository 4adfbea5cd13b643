#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Linux's PID_MAX_LIMIT on 64-bit: 2^22. */
#define PF_PID_MAX 4194304UL

static void vmsg(const char *fmt, va_list ap)
{
	fputs(PROGRAM_NAME ": ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fputs("Try '" PROGRAM_NAME " --help' for more information.\n", stderr);
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
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (*end == units[i].unit)
				break;
		if (i == sizeof(units) / sizeof(units[0]) || end[1] != '\0')
			return false;
		v *= units[i].secs;
	}
	if (v > 1e9)
		return false;
	*out = v;
	return true;
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

void split_list(const char *opt, const char *arg, convert_fn conv,
		const char *what, long **vals, size_t *n)
{
	char *copy = xstrdup(arg);
	char *save = NULL;
	bool any = false;

	for (char *item = strtok_r(copy, ",", &save); item != NULL;
	     item = strtok_r(NULL, ",", &save)) {
		long v;
		if (!conv(item, &v))
			usage_error("%s: %s '%s'", opt, what, item);
		*vals = xrealloc(*vals, (*n + 1) * sizeof(**vals));
		(*vals)[(*n)++] = v;
		any = true;
	}
	free(copy);
	if (!any)
		usage_error("%s: empty list", opt);
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
		fatal("%s: %s (pfkill holds an fd per selected process; raise "
		      "ulimit -n)", what, strerror(-err));
}
