/* pfkill: signal processes by pid, handle, group, pidfile or name, through
 * /proc/<pid> directory fds, so that a recycled pid is never hit.
 *
 * Flow: parse options -> resolve targets into a selection (each process
 * pinned by its dir fd) -> act (ask, send, wait) -> report -> exit status.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "options.h"
#include "output.h"
#include "pidfd.h"
#include "select.h"
#include "send.h"
#include "signals.h"
#include "targets.h"
#include "thread.h"
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
		if (!signal_convert(args[i], stdout)) {
			msg("unknown signal: %s", args[i]);
			status = EXIT_USAGE;
		}
	return status;
}

/* Every selected process holds a dir fd (and later a pidfd): lift the
 * soft fd limit to the hard one so thousands of matches fit. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
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

/* The handles are taken before anything is sent: afterwards the
 * processes may be gone. */
static char **take_handles(const struct options *opt, struct selection *sel)
{
	char **handles = xcalloc(sel->n + 1, sizeof(*handles));

	for (size_t i = 0; i < sel->n; i++) {
		char buf[64];
		struct proc *p = sel->procs[i];
		if (opt->json)
			proc_load(p, PF_STAT | PF_STATUS | PF_CMDLINE);
		else if (opt->full)
			proc_load(p, PF_CMDLINE);
		if (!target_handle(p, buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "%d", (int)p->pid);
		handles[i] = xstrdup(buf);
	}
	return handles;
}

/* What happened to p, for --json. */
static const char *result_text(const struct proc *p)
{
	if (p->result == -ECANCELED)
		return "skipped";
	return p->result == 0 ? "signalled" : strerror(-p->result);
}

static void print_report(const struct options *opt, struct selection *sel,
			 char **handles, bool sent)
{
	if (opt->json) {
		bool waited = sent && (opt->wait || opt->retry.n);
		fputc('[', stdout);
		for (size_t i = 0; i < sel->n; i++) {
			fputs(i ? ",\n " : "", stdout);
			out_json_proc(stdout, sel->procs[i], handles[i],
				      sent ? result_text(sel->procs[i]) : NULL,
				      waited);
		}
		fputs("]\n", stdout);
	} else if (opt->list) {
		for (size_t i = 0; i < sel->n; i++)
			out_list_line(stdout, sel->procs[i], handles[i],
				      opt->full);
	}
	if (opt->count && !opt->json)
		printf("%zu\n", sel->n);
}

/* Ask (with -I), then send to each selected process. */
static int send_all(const struct options *opt, struct selection *sel)
{
	int status = 0;

	for (size_t i = 0; i < sel->n; i++) {
		struct proc *p = sel->procs[i];
		if (opt->interactive && !ask(p, opt->full)) {
			p->result = -ECANCELED;
			continue;
		}
		status = status_merge(status, send_one(opt, p, opt->signo));
	}
	return status;
}

static int act(const struct options *opt, struct selection *sel)
{
	double t0 = now_monotonic();
	int status;

	require_pidfd_send();
	if (opt->retry.n)
		return retry_run(opt, sel, t0);
	status = send_all(opt, sel);
	if (opt->wait)
		status = status_merge(status, wait_for_exit(opt, sel, t0));
	return status;
}

/* Did at least one selected process get the signal (or, for --list,
 * was anything selected)? */
static bool any_signalled(const struct selection *sel, bool sent)
{
	for (size_t i = 0; i < sel->n; i++)
		if (!sent || sel->procs[i]->result == 0)
			return true;
	return false;
}

static void free_handles(char **handles)
{
	for (size_t i = 0; handles && handles[i]; i++)
		free(handles[i]);
	free(handles);
}

static int run(const struct options *opt, struct target *targets,
	       size_t ntargets)
{
	struct selection sel = { 0 };
	char **handles = NULL;
	bool sending = !opt->list;
	int status;

	select_processes(opt, targets, ntargets, &sel);
	status = sel.status;
	if (opt->list || opt->json)
		handles = take_handles(opt, &sel);
	if (sending)
		status = status_merge(status, act(opt, &sel));
	print_report(opt, &sel, handles, sending);
	if (!any_signalled(&sel, sending))
		status = status_merge(status, EXIT_NOMATCH);
	free_handles(handles);
	selection_free(&sel);
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
	int status;

	if (ntargets == 0 && !opt->pidfile && !opt->tid &&
	    !options_has_filters(opt))
		usage_error("no process given: name a pid, a pattern, a "
			    "process group or a pidfile");
	raise_fd_limit();
	if (opt->tid)
		status = thread_signal(opt, targets, ntargets);
	else
		status = run(opt, targets, ntargets);
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
		printf("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
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
