#ifndef PFKILL_UTIL_H
#define PFKILL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#define PROGRAM_NAME "pfkill"

/* Exit statuses; the man page's EXIT STATUS section mirrors these. */
enum exit_status {
	EXIT_SIGNALLED = 0,	/* every selected process was signalled */
	EXIT_NOMATCH = 1,	/* nothing matched, not running, stale */
	EXIT_USAGE = 2,		/* bad option, signal, regex, pid */
	EXIT_FATAL = 3,		/* no /proc, no syscall, out of memory */
	EXIT_PARTIAL = 4,	/* some processes could not be signalled */
	EXIT_TIMEOUT = 5,	/* --wait/--retry ran out of time */
};

/* "pfkill: <formatted>" on stderr. */
void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
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

/* Digits only (no sign, no space), value <= max. */
bool parse_ulong(const char *s, int base, unsigned long max,
		 unsigned long *out);
/* A process id: decimal, 1..PID_MAX_LIMIT. */
bool parse_pid(const char *s, pid_t *out);
/* Seconds, fractions allowed, optional unit s/m/h/d: "1.5", "90s", "2m". */
bool parse_duration(const char *s, double *out);

/* A timespec, or a clock's reading, as seconds. */
double timespec_seconds(const struct timespec *ts);
double clock_seconds(clockid_t clock);
/* Seconds since an arbitrary point; for measuring intervals. */
double now_monotonic(void);

/* Split a comma list and convert each item; on a bad item, exit 2 with
 * "OPT: WHAT 'ITEM'".  Items are appended to *vals (realloc'd), count *n. */
typedef bool (*convert_fn)(const char *item, long *out);
void split_list(const char *opt, const char *arg, convert_fn conv,
		const char *what, long **vals, size_t *n);


/* Opening fds must never fail silently: exit 3 when err (a negative
 * errno) says the fd table is full.  what names the fd being opened. */
void fd_limit_check(int err, const char *what);

/* The more serious of two exit statuses: 3 > 2 > 5 > 4 > 1 > 0. */
int status_merge(int a, int b);

#endif
