/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command line: what the user asked for, read-only once parsed. */
#ifndef PFKILL_OPTIONS_H
#define PFKILL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "schedule.h"
#include "targets.h"
#include "util.h"

struct options {
	int signo;
	bool signal_given;

	/* Modes other than signalling. */
	bool list_signals, table, version;

	/* Pattern matching and filters (pkill's). */
	bool exact, full, icase, inverse;
	bool newest, oldest;
	bool include_ancestors, all_processes, require_handler;
	struct id_list euids, uids, gids, pgrps, sessions, ppids, pids;
	struct id_list ttys;		/* tty_nr values; 0 for "no tty" */
	bool ttys_given;		/* -t given, even if no terminal exists */
	const char *session_arg;	/* -s as typed, for the kill-habit check */
	double older, younger;		/* seconds; < 0 when unset */
	const char *runstates;
	pid_t ns_pid;
	unsigned int nslist;		/* bit per proc_ns_names kind */
	char **cgroups;
	size_t ncgroups, cgroups_cap;
	char **envs;
	size_t nenvs, envs_cap;
	unsigned int threads;		/* scan threads; 0: as many as pay */

	/* Identity checks. */
	const char *pidfile;
	bool logpidfile, remove_pidfile;
	const char *expect_name;
	const char *expect_exe;
	bool started_before_given;
	double started_before;		/* wall clock, seconds since epoch */

	/* Sending. */
	bool queue_given;
	int queue_value;
	pid_t tid;
	bool wait, until_gone, oknodo;
	double timeout;			/* < 0 when unset */
	struct retry_schedule retry;
	bool interactive, mrelease;

	/* Output. */
	bool echo, count, list, pids_only, json, verbose;
	const char *delimiter;		/* between pids with --pids */
};

/* Parse argv into opt; the operands (targets, or -l arguments) are
 * returned in *args (NULL terminated).  Exits 2 on bad usage and 0 after
 * --help/--usage. */
void options_parse(struct options *opt, int argc, char **argv,
		   const char ***args);

/* Usage checks that need the operands too (exit 2). */
void options_check_targets(const struct options *opt,
			   const struct target *targets, size_t n);

/* Free what options_parse allocated. */
void options_free(struct options *opt);

/* Does the run only print (--list, --pids, --json without sending)? */
bool options_listing(const struct options *opt);

#endif
