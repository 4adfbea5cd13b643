/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Exit statuses, messages, memory, number and time parsing: what every
 * other file needs. */
#ifndef PFKILL_UTIL_H
#define PFKILL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses; the man page's EXIT STATUS section mirrors these. */
enum exit_status {
	EXIT_SIGNALLED = 0,	/* every selected process was signalled */
	EXIT_NOMATCH = 1,	/* nothing matched, not running, stale */
	EXIT_USAGE = 2,		/* bad option, signal, regex, pid */
	EXIT_FATAL = 3,		/* no /proc, no syscall, out of memory */
	EXIT_PARTIAL = 4,	/* some processes could not be signalled */
	EXIT_TIMEOUT = 5,	/* --wait/--retry ran out of time */
};

/* "pfkill: <formatted>" on stderr.  The whole message is escaped, so
 * arguments may hold any bytes a user or a process chose. */
void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* msg, then return status: for "why this process is not signalled". */
int refuse(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Usage error: message, the --help hint, exit 2. */
_Noreturn void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* Fatal error: message, exit 3. */
_Noreturn void fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Grow *v (elements of size) so that it holds at least n + 1. */
void *xgrow(void *v, size_t size, size_t n, size_t *cap);

/* Digits only (no sign, no space), value <= max. */
bool parse_ulong(const char *s, int base, unsigned long max,
		 unsigned long *out);
/* A process id: decimal, 1..PID_MAX_LIMIT. */
bool parse_pid(const char *s, pid_t *out);
/* Seconds, fractions allowed, optional unit s/m/h/d: "1.5", "90s", "2m". */
bool parse_duration(const char *s, double *out);
/* A --started-before TIME: "@EPOCH", "YYYY-MM-DD[ HH:MM[:SS]]" (or with
 * a T) in local time, or a duration ago ("10m").  Returns NULL, or what
 * is wrong with s. */
const char *time_parse(const char *s, double now, double *out);

/* A timespec, or a clock's reading, as seconds. */
double timespec_seconds(const struct timespec *ts);
double clock_seconds(clockid_t clock);
/* Seconds since an arbitrary point; for measuring intervals. */
double now_monotonic(void);

/* A poll/epoll timeout in milliseconds for left seconds (INFINITY: for
 * ever), in slices of at most an hour: their int would end at 24.8 days. */
#define POLL_SLICE_MS (3600 * 1000)
int poll_ms(double left);

/* Call each(item, ctx) for every item of the comma list arg.  Exits 2
 * with "OPT: empty list" when there is none, and with "OPT: WHAT 'ITEM'"
 * when each returns false. */
typedef bool (*list_item_fn)(const char *item, void *ctx);
void list_walk(const char *opt, const char *arg, const char *what,
	       list_item_fn each, void *ctx);

/* A list of numbers (uids, gids, pids, ...). */
struct id_list {
	long *v;
	size_t n, cap;
};
void id_list_add(struct id_list *l, long v);
bool id_list_has(const struct id_list *l, long v);

/* Opening fds must never fail silently: exit 3 when err (a negative
 * errno) says the fd table is full.  what names the fd being opened. */
void fd_limit_check(int err, const char *what);

/* The more serious of two exit statuses: 3 > 2 > 5 > 4 > 1 > 0. */
int status_merge(int a, int b);

#endif
