/* SPDX-License-Identifier: GPL-2.0-or-later */
/* signals.c: signal names and numbers, both ways, and their lists. */
#include "config.h"

#include <ctype.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "signals.h"
#include "util.h"

struct signame {
	const char *name;
	int signo;
};

/* Canonical names first; aliases after, so number-to-name finds the former. */
static const struct signame classic[] = {
	{ "HUP", SIGHUP },	{ "INT", SIGINT },	{ "QUIT", SIGQUIT },
	{ "ILL", SIGILL },	{ "TRAP", SIGTRAP },	{ "ABRT", SIGABRT },
	{ "BUS", SIGBUS },	{ "FPE", SIGFPE },	{ "KILL", SIGKILL },
	{ "USR1", SIGUSR1 },	{ "SEGV", SIGSEGV },	{ "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE },	{ "ALRM", SIGALRM },	{ "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },	{ "CONT", SIGCONT },
	{ "STOP", SIGSTOP },	{ "TSTP", SIGTSTP },	{ "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU },	{ "URG", SIGURG },	{ "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ },	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH },	{ "IO", SIGIO },	{ "PWR", SIGPWR },
	{ "SYS", SIGSYS },
	{ "IOT", SIGABRT },	{ "CLD", SIGCHLD },	{ "POLL", SIGIO },
};

#define N_CLASSIC (sizeof(classic) / sizeof(classic[0]))

/* Parse "+n"/"-n" after RTMIN/RTMAX: base +/- n must stay in the RT range. */
static int parse_rt(const char *rest, int base, int sign)
{
	unsigned long n = 0;

	if (*rest != '\0') {
		if (*rest != (sign > 0 ? '+' : '-'))
			return -1;
		if (!parse_ulong(rest + 1, 10, SIGRTMAX, &n))
			return -1;
	}
	long signo = base + sign * (long)n;
	if (signo < SIGRTMIN || signo > SIGRTMAX)
		return -1;
	return (int)signo;
}

int signal_parse(const char *spec)
{
	unsigned long n;

	if (spec == NULL || *spec == '\0')
		return -1;
	if (isdigit((unsigned char)*spec))
		return parse_ulong(spec, 10, PF_SIGMAX, &n) ? (int)n : -1;
	if (strncasecmp(spec, "SIG", 3) == 0)
		spec += 3;
	if (strncasecmp(spec, "RTMIN", 5) == 0)
		return parse_rt(spec + 5, SIGRTMIN, +1);
	if (strncasecmp(spec, "RTMAX", 5) == 0)
		return parse_rt(spec + 5, SIGRTMAX, -1);
	for (size_t i = 0; i < N_CLASSIC; i++)
		if (strcasecmp(spec, classic[i].name) == 0)
			return classic[i].signo;
	return -1;
}

const char *signal_name(int signo, char *buf, size_t len)
{
	int mid = SIGRTMIN + (SIGRTMAX - SIGRTMIN) / 2;

	for (size_t i = 0; i < N_CLASSIC; i++)
		if (classic[i].signo == signo) {
			snprintf(buf, len, "%s", classic[i].name);
			return buf;
		}
	if (signo == SIGRTMIN)
		snprintf(buf, len, "RTMIN");
	else if (signo == SIGRTMAX)
		snprintf(buf, len, "RTMAX");
	else if (signo > SIGRTMIN && signo <= mid)
		snprintf(buf, len, "RTMIN+%d", signo - SIGRTMIN);
	else if (signo > mid && signo < SIGRTMAX)
		snprintf(buf, len, "RTMAX-%d", SIGRTMAX - signo);
	else
		snprintf(buf, len, "%d", signo);
	return buf;
}

/* signal_name, or NULL for a number with no name (32, 33 in glibc). */
static const char *named_signal(int signo, char *buf, size_t len)
{
	const char *name = signal_name(signo, buf, len);

	return isdigit((unsigned char)*name) ? NULL : name;
}

void signal_print_list(FILE *out)
{
	char buf[SIGNAL_NAME_MAX];
	size_t col = 0;

	for (int s = 1; s <= PF_SIGMAX; s++) {
		const char *name = named_signal(s, buf, sizeof(buf));
		if (name == NULL)
			continue;
		size_t w = strlen(name);
		if (col > 0 && col + 1 + w > 72) {
			fputc('\n', out);
			col = 0;
		}
		if (col > 0) {
			fputc(' ', out);
			col++;
		}
		fputs(name, out);
		col += w;
	}
	fputc('\n', out);
}

void signal_print_table(FILE *out)
{
	char buf[SIGNAL_NAME_MAX];
	int shown = 0;

	for (int s = 1; s <= PF_SIGMAX; s++) {
		const char *name = named_signal(s, buf, sizeof(buf));
		if (name == NULL)
			continue;
		bool last_in_row = ++shown % 7 == 0 || s == PF_SIGMAX;
		fprintf(out, last_in_row ? "%2d %s\n" : "%2d %-8s ", s, name);
	}
}

bool signal_convert(const char *arg, FILE *out)
{
	char buf[SIGNAL_NAME_MAX];
	unsigned long n;

	if (isdigit((unsigned char)*arg)) {
		if (!parse_ulong(arg, 10, 128 + PF_SIGMAX, &n))
			return false;
		if (n > 128)
			n -= 128;
		const char *name = n == 0 || n > PF_SIGMAX ? NULL
				   : named_signal((int)n, buf, sizeof(buf));
		if (name == NULL)
			return false;
		fprintf(out, "%s\n", name);
		return true;
	}
	int signo = signal_parse(arg);
	if (signo <= 0)
		return false;
	fprintf(out, "%d\n", signo);
	return true;
}
