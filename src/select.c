#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "output.h"
#include "pidfd.h"
#include "pidfile.h"
#include "select.h"
#include "util.h"

/* State of one selection run. */
struct selector {
	const struct options *opt;
	struct matcher m;
	int procfd;
	pid_t self;
	pid_t *ancestors;
	size_t nancestors;
	bool scan_patterns;	/* patterns/filters select from the scan */
	pid_t *pgroups;		/* groups whose members are scanned for */
	size_t npgroups;
	bool all;		/* target -1 */
	size_t nexplicit;	/* sel->procs[0..nexplicit) named explicitly */
	struct selection *sel;
};

static void add(struct selection *sel, const struct proc *p)
{
	if (sel->n == sel->cap) {
		sel->cap = sel->cap ? sel->cap * 2 : 16;
		sel->procs = xrealloc(sel->procs, sel->cap * sizeof(*sel->procs));
	}
	sel->procs[sel->n] = xmalloc(sizeof(*p));
	*sel->procs[sel->n++] = *p;
}

void selection_free(struct selection *sel)
{
	for (size_t i = 0; i < sel->n; i++) {
		proc_release(sel->procs[i]);
		free(sel->procs[i]);
	}
	free(sel->procs);
	sel->procs = NULL;
	sel->n = sel->cap = 0;
}

static bool pid_in(const pid_t *v, size_t n, pid_t pid)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == pid)
			return true;
	return false;
}

/* Report why a named process is not signalled; returns status. */
static int refuse(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int refuse(int status, const char *fmt, ...)
{
	char text[4400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	msg("%s", text);
	return status;
}

static void merge(struct selector *s, int status)
{
	s->sel->status = status_merge(s->sel->status, status);
}

/* Open /proc/<pid> for an explicit target; prints and merges the status
 * when it does not exist. */
static bool open_explicit(struct selector *s, struct proc *p, pid_t pid,
			  const char *label)
{
	int rc = proc_open_pid(p, s->procfd, pid);
	if (rc == -ENOENT)
		merge(s, refuse(EXIT_NOMATCH, "%s: no such process", label));
	else if (rc != 0)
		merge(s, refuse(EXIT_PARTIAL, "%s: cannot open /proc/%d: %s",
				label, (int)pid, strerror(-rc)));
	return rc == 0;
}

/* Is pid among the first upto selected processes? */
static bool selected_before(const struct selection *sel, size_t upto,
			    pid_t pid)
{
	for (size_t i = 0; i < upto; i++)
		if (sel->procs[i]->pid == pid)
			return true;
	return false;
}

/* pfkill never signals itself, even when named. */
static bool refuse_self(struct selector *s, pid_t pid, const char *label)
{
	if (pid != s->self)
		return false;
	merge(s, refuse(EXIT_NOMATCH, "%s: is pfkill itself; not signalling it",
			label));
	return true;
}

/* Keep p if rc (a check's status) is 0; otherwise drop it. */
static void keep_if(struct selector *s, struct proc *p, int rc)
{
	if (rc == 0) {
		add(s->sel, p);
		return;
	}
	merge(s, rc);
	proc_release(p);
}

static void select_pid(struct selector *s, const struct target *t)
{
	struct proc p;

	if (refuse_self(s, t->pid, t->arg))
		return;
	if (selected_before(s->sel, s->sel->n, t->pid))
		return;	/* named twice: signalled once */
	if (!open_explicit(s, &p, t->pid, t->arg))
		return;
	int rc = 0;
	if (t->kind != T_PID)
		rc = target_verify_handle(t, &p);
	if (rc == 0)
		rc = check_identity(s->opt, &s->m, &p, t->arg, false);
	keep_if(s, &p, rc);
}

/* Mtime and start time are both coarse: allow a clock tick and a bit. */
static bool started_by_mtime(struct proc *p, const struct stat *st)
{
	double slack = 1.0 / (double)proc_ticks_per_second() + 0.005;

	return proc_start_time(p) <= timespec_seconds(&st->st_mtim) + slack;
}

static void select_pidfile(struct selector *s, size_t npatterns)
{
	const struct options *o = s->opt;
	bool constrained = npatterns > 0 || o->expect_name || o->expect_exe ||
			   o->euids.n || o->uids.n;
	char label[4200];
	struct stat st;
	struct proc p;
	pid_t pid;
	int rc;

	rc = pidfile_read(o->pidfile, o->logpidfile, constrained, &pid, &st);
	if (rc != 0) {
		merge(s, rc);
		return;
	}
	snprintf(label, sizeof(label), "%s: pid %d", o->pidfile, (int)pid);
	if (refuse_self(s, pid, label))
		return;
	rc = proc_open_pid(&p, s->procfd, pid);
	if (rc == 0 && proc_load(&p, PF_STAT) != 0)
		rc = -ESRCH;
	if (rc == -ENOENT || rc == -ESRCH)
		rc = refuse(EXIT_NOMATCH, "%s: not running (stale pidfile)",
			    label);
	else if (rc != 0)
		rc = refuse(EXIT_PARTIAL, "%s: cannot open /proc/%d: %s", label,
			    (int)pid, strerror(-rc));
	else if (!started_by_mtime(&p, &st))
		rc = refuse(EXIT_NOMATCH, "%s: started after the pidfile was "
			    "written: stale pidfile, the pid now belongs to "
			    "another process", label);
	else
		rc = check_identity(o, &s->m, &p, label, npatterns > 0);
	keep_if(s, &p, rc);
}

/* The fast path for -- -PGID: one send with PIDFD_SIGNAL_PROCESS_GROUP on
 * the leader's pidfd.  Only when the leader is alive and still leads,
 * the group is not ours, nothing needs the member list, and the kernel
 * has the flag (probed with signal 0). */
static bool select_group_leader(struct selector *s, pid_t pgid)
{
	const struct options *o = s->opt;
	struct proc p;

	if (o->wait || o->retry.n || o->list || o->json || o->interactive ||
	    o->count || o->inverse || options_has_filters(o) ||
	    pgid == getpgrp())
		return false;
	if (proc_open_pid(&p, s->procfd, pgid) != 0)
		return false;
	if (proc_load(&p, PF_STAT) == 0 && p.pgrp == pgid) {
		p.pidfd = pfd_open_same(pgid, p.dirfd);
		if (p.pidfd >= 0 &&
		    pfd_send(p.pidfd, 0, NULL, PIDFD_SIGNAL_PROCESS_GROUP) != -EINVAL) {
			p.whole_group = true;
			add(s->sel, &p);
			return true;
		}
	}
	proc_release(&p);
	return false;
}

static void collect_ancestors(struct selector *s)
{
	pid_t pid = getppid();

	while (pid > 1 && s->nancestors < 4096) {
		struct proc p;

		s->ancestors = xrealloc(s->ancestors,
					(s->nancestors + 1) * sizeof(pid_t));
		s->ancestors[s->nancestors++] = pid;
		if (proc_open_pid(&p, s->procfd, pid) != 0 ||
		    proc_load(&p, PF_STAT) != 0) {
			proc_release(&p);
			break;
		}
		pid = p.ppid;
		proc_release(&p);
	}
}

static bool wanted_by_patterns(const struct selector *s, pid_t pid)
{
	const struct options *o = s->opt;

	if (!s->scan_patterns || pid == 1)
		return false;
	if (o->pids.n && !o->inverse && !id_list_has(&o->pids, pid))
		return false;
	return o->include_ancestors ||
	       !pid_in(s->ancestors, s->nancestors, pid);
}

static bool member_selected(struct selector *s, struct proc *p)
{
	if (proc_load(p, PF_STAT) != 0)
		return false;
	if (!s->all && !pid_in(s->pgroups, s->npgroups, p->pgrp))
		return false;
	return !options_has_filters(s->opt) || matcher_filters(&s->m, p);
}

/* A pattern match must also pass --expect-*; --verbose says why not. */
static bool pattern_selected(struct selector *s, struct proc *p)
{
	char why[PATH_MAX + 256];

	if (!matcher_test(&s->m, p))
		return false;
	if (!options_has_expectations(s->opt) ||
	    check_expectations(s->opt, p, why, sizeof(why)) == 0)
		return true;
	if (s->opt->verbose)
		msg("%d: skipped: %s", (int)p->pid, why);
	return false;
}

/* --verbose: say so when a pattern matches one of pfkill's ancestors. */
static void report_ancestor(struct selector *s, pid_t pid, const char *name)
{
	struct proc p;

	proc_init(&p, pid);
	if (proc_open(&p, s->procfd, name) == 0 && matcher_test(&s->m, &p))
		msg("%d: skipped: an ancestor of pfkill (see "
		    "--include-ancestors)", (int)pid);
	proc_release(&p);
}

static bool visit(pid_t pid, const char *name, void *ctx)
{
	struct selector *s = ctx;
	bool by_pattern = wanted_by_patterns(s, pid);
	bool by_group = (s->npgroups > 0 || (s->all && pid != 1));
	struct proc p;

	if (pid == s->self || selected_before(s->sel, s->nexplicit, pid))
		return true;
	if (!by_pattern && !by_group) {
		if (s->opt->verbose && s->scan_patterns &&
		    pid_in(s->ancestors, s->nancestors, pid))
			report_ancestor(s, pid, name);
		return true;
	}
	proc_init(&p, pid);
	if (proc_open(&p, s->procfd, name) != 0)
		return true;	/* gone already, or hidden from us */
	if (by_group && member_selected(s, &p)) {
		add(s->sel, &p);
	} else if (by_pattern && pattern_selected(s, &p)) {
		p.by_pattern = true;
		add(s->sel, &p);
	} else {
		proc_release(&p);
	}
	return true;
}

/* -n/-o: keep one pattern match, the newest or oldest (pid breaks ties,
 * as in pgrep). */
static void keep_newest_or_oldest(struct selection *sel, bool newest)
{
	struct proc *best = NULL;
	size_t out = 0;

	for (size_t i = 0; i < sel->n; i++) {
		struct proc *p = sel->procs[i];
		if (!p->by_pattern)
			continue;
		if (best == NULL ||
		    (newest ? (p->starttime > best->starttime ||
			       (p->starttime == best->starttime && p->pid > best->pid))
			    : (p->starttime < best->starttime ||
			       (p->starttime == best->starttime && p->pid < best->pid))))
			best = p;
	}
	for (size_t i = 0; i < sel->n; i++) {
		struct proc *p = sel->procs[i];
		if (!p->by_pattern || p == best) {
			sel->procs[out++] = p;
		} else {
			proc_release(p);
			free(p);
		}
	}
	sel->n = out;
}

static void report_empty_groups(struct selector *s)
{
	for (size_t g = 0; g < s->npgroups; g++) {
		bool found = false;
		for (size_t i = 0; i < s->sel->n && !found; i++)
			found = (s->sel->procs[i]->loaded & PF_STAT) &&
				s->sel->procs[i]->pgrp == s->pgroups[g];
		if (!found)
			merge(s, refuse(EXIT_NOMATCH, "-%d: no such process group",
					(int)s->pgroups[g]));
	}
}

static void select_explicit(struct selector *s, struct target *targets,
			    size_t ntargets)
{
	for (size_t i = 0; i < ntargets; i++) {
		struct target *t = &targets[i];
		switch (t->kind) {
		case T_PID:
		case T_HANDLE_INODE:
		case T_HANDLE_START:
			select_pid(s, t);
			break;
		case T_PGROUP:
			if (!select_group_leader(s, t->pid)) {
				s->pgroups = xrealloc(s->pgroups,
					(s->npgroups + 1) * sizeof(pid_t));
				s->pgroups[s->npgroups++] = t->pid;
			}
			break;
		case T_ALL:
			if (!s->opt->all_processes)
				usage_error("-1 would signal every process; add "
					    "--all-processes if you mean it");
			s->all = true;
			break;
		case T_PATTERN:
			break;
		}
	}
}

/* " 12", "1e3" or "12abc" were probably meant as pids: when such a
 * pattern selected nothing, say how it was read. */
static void hint_numeric_patterns(const struct selection *sel,
				  const char **patterns, size_t npatterns)
{
	for (size_t i = 0; i < sel->n; i++)
		if (sel->procs[i]->by_pattern)
			return;
	for (size_t i = 0; i < npatterns; i++) {
		const char *p = patterns[i] + strspn(patterns[i], " \t+-");
		if (!isdigit((unsigned char)*p))
			continue;
		char *shown = escaped(patterns[i]);
		msg("'%s': no process name matches this pattern (a pid is "
		    "decimal digits only)", shown);
		free(shown);
	}
}

void select_processes(const struct options *opt, struct target *targets,
		      size_t ntargets, struct selection *sel)
{
	struct selector s = { .opt = opt, .sel = sel, .self = getpid() };
	const char **patterns = xcalloc(ntargets + 1, sizeof(*patterns));
	size_t npatterns = 0;

	for (size_t i = 0; i < ntargets; i++)
		if (targets[i].kind == T_PATTERN)
			patterns[npatterns++] = targets[i].arg;
	matcher_init(&s.m, opt, patterns, npatterns);
	s.procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s.procfd < 0)
		fatal("/proc: cannot open: %s", strerror(errno));

	select_explicit(&s, targets, ntargets);
	if (opt->pidfile)
		select_pidfile(&s, npatterns);
	s.nexplicit = sel->n;
	s.scan_patterns = opt->pidfile == NULL &&
		(npatterns > 0 ||
		 (npatterns == ntargets && options_has_filters(opt)));
	if (s.scan_patterns && !opt->include_ancestors)
		collect_ancestors(&s);
	if (s.scan_patterns || s.npgroups || s.all) {
		int rc = proc_scan(s.procfd, visit, &s);
		if (rc != 0)
			fatal("/proc: cannot read: %s", strerror(-rc));
	}
	if (opt->newest || opt->oldest)
		keep_newest_or_oldest(sel, opt->newest);
	report_empty_groups(&s);
	if (s.scan_patterns)
		hint_numeric_patterns(sel, patterns, npatterns);
	matcher_free(&s.m);
	free(patterns);
	free(s.ancestors);
	free(s.pgroups);
	close(s.procfd);
}
