/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pfkill: signal processes by pid, handle, group, pidfile or name, through
 * /proc/<pid> directory fds, so that a recycled pid is never hit.
 *
 * Flow, and the files that hold each step:
 *   parse     options.c (schedule.c, signals.c), targets.c
 *   select    selection.c: named targets (identity.c, pidfile.c) and the
 *             /proc scan (scan.c, match.c), all read through proc.c
 *   act       send.c for each process as it is selected; wait.c for
 *             -w and --retry; until.c for --until-gone; thread.c for --tid
 *   report    output.c
 *   exit      util.c's statuses
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identity.h"
#include "pidfile.h"
#include "match.h"
#include "options.h"
#include "output.h"
#include "selection.h"
#include "send.h"
#include "signals.h"
#include "targets.h"
#include "thread.h"
#include "until.h"
#include "util.h"
#include "wait.h"

/* -l [SIGNAL|EXITSTATUS]... */
static int list_signals(const char **args)
{
	int status = 0;

	if (args[0] == NULL) {
		signal_print_list(stdout);
		return 0;
	}
	for (size_t i = 0; args[i] != NULL; i++)
		if (!signal_convert(args[i], stdout))
			status = refuse(EXIT_USAGE, "unknown signal: %s", args[i]);
	return status;
}

static struct target *parse_targets(const char **args, size_t *n)
{
	size_t count = 0;

	while (args[count] != NULL)
		count++;
	struct target *t = xcalloc(count + 1, sizeof(*t));
	for (size_t i = 0; i < count; i++) {
		const char *err = target_parse(args[i], &t[i]);
		if (err != NULL)
			usage_error("%s: %s", args[i], err);
	}
	*n = count;
	return t;
}

/* --remove-pidfile: once the process is gone, or the file was stale. */
static void remove_pidfile(const struct options *opt, const struct procfs *fs,
			   const struct selection_report *rep)
{
	if (!opt->remove_pidfile || !rep->pidfile_read)
		return;
	if (identity_pidfile_gone(fs, rep->pidfile_pid, &rep->pidfile_st))
		pidfile_remove_file(opt->pidfile, &rep->pidfile_st);
	else if (opt->verbose)
		msg("%s: not removed: pid %d still runs", opt->pidfile,
		    (int)rep->pidfile_pid);
}

/* Select, act on each process as it is found, then wait as asked. */
static int run(const struct options *opt, const struct procfs *fs,
	       const struct target *targets, size_t ntargets)
{
	bool waiting = opt->wait || opt->retry.n;
	int first = opt->retry.n ? opt->retry.steps[0].signo : opt->signo;
	struct selection_report rep;
	struct output out;
	struct sender s;
	struct waiter w;
	int status;

	out_init(&out, opt);
	if (waiting)
		waiter_init(&w, opt, fs, &out);
	sender_init(&s, opt, fs, &out, waiting ? &w : NULL, first);
	struct sink sink = { sender_group, sender_take, &s };
	select_processes(opt, fs, targets, ntargets, &sink, &rep);
	status = status_merge(rep.status, s.status);
	if (waiting)
		status = status_merge(status, opt->retry.n ? retry_run(&w, &s)
				      : wait_for_exit(&w, opt->timeout));
	out_finish(&out, rep.selected);
	if (s.signalled == 0)
		status = status_merge(status, EXIT_NOMATCH);
	remove_pidfile(opt, fs, &rep);
	if (waiting)
		waiter_free(&w);
	sender_free(&s);
	return status;
}

static void free_args(const char **args)
{
	for (size_t i = 0; args[i] != NULL; i++)
		free((char *)args[i]);
	free(args);
}

/* Signal, or wait, as the targets and options say. */
static int signal_targets(const struct options *opt, const char **args)
{
	size_t ntargets;
	struct target *targets = parse_targets(args, &ntargets);
	struct procfs fs;
	int status;

	options_check_targets(opt, targets, ntargets);
	if (ntargets == 0 && !opt->pidfile && !opt->tid &&
	    !matcher_selects(opt))
		usage_error("no process given: name a pid, a pattern, a "
			    "process group or a pidfile");
	procfs_open(&fs);
	if (opt->tid)
		status = thread_signal(opt, &fs, targets, ntargets);
	else if (opt->until_gone)
		status = until_gone(opt, &fs, targets, ntargets);
	else
		status = run(opt, &fs, targets, ntargets);
	/* --oknodo: nothing to do is not a failure (start-stop-daemon). */
	if (opt->oknodo && status == EXIT_NOMATCH)
		status = 0;
	procfs_close(&fs);
	free(targets);
	return status;
}

int main(int argc, char **argv)
{
	struct options opt;
	const char **args;
	int status = 0;

	setlocale(LC_CTYPE, "");
	setlocale(LC_COLLATE, "");
	options_parse(&opt, argc, argv, &args);
	if (opt.version)
		out_version();
	else if (opt.list_signals)
		status = list_signals(args);
	else if (opt.table)
		signal_print_table(stdout);
	else
		status = signal_targets(&opt, args);
	free_args(args);
	options_free(&opt);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		msg("write error: %s", strerror(errno));
		status = status_merge(status, EXIT_FATAL);
	}
	return status;
}
