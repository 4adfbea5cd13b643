/* SPDX-License-Identifier: GPL-2.0-or-later */
/* selection.c: named targets, pidfiles and the /proc scan, handed one
 * by one to the act step. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "identity.h"
#include "match.h"
#include "pidfile.h"
#include "scan.h"
#include "selection.h"
#include "util.h"

struct group_target {
	pid_t pgid;
	bool whole;	/* signalled as a whole: the scan leaves it alone */
	bool seen;	/* it has members, selected or not */
	bool found;	/* a member was selected, or the whole group */
};

/* State of one selection run. */
struct selector {
	const struct options *opt;
	const struct procfs *fs;
	const struct sink *sink;
	struct selection_report *rep;
	struct matcher m;
	pid_t self;
	struct id_list ancestors;
	bool scan_patterns;	/* patterns or filters select from the scan */
	struct group_target *groups;
	size_t ngroups, groups_cap;
	bool all;		/* target -1 */
	struct pick *named;	/* resolved before anything is handed on */
	size_t nnamed, named_cap;
	struct pick best;	/* -n/-o: the best scanned match so far */
	bool have_best;
	size_t unreadable;	/* scanned processes that could not be read */
	int unreadable_err;
};

void pick_init(struct pick *p, const struct procfs *fs, pid_t pid)
{
	memset(p, 0, sizeof(*p));
	proc_init(&p->proc, fs, pid);
	p->pidfd = -1;
}

void pick_close(struct pick *p)
{
	proc_close(&p->proc);
	if (p->pidfd >= 0)
		close(p->pidfd);
	p->pidfd = -1;
}

void pick_release(struct pick *p)
{
	pick_close(p);
	proc_release(&p->proc);
}

static void merge(struct selector *s, int status)
{
	s->rep->status = status_merge(s->rep->status, status);
}

static void deliver(struct selector *s, struct pick *p)
{
	s->rep->selected++;
	if (p->by_scan)
		s->rep->by_scan++;
	s->sink->take(s->sink->ctx, p);
	pick_release(p);
}

/* --- named targets ------------------------------------------------- */

static bool named_has(const struct selector *s, pid_t pid)
{
	for (size_t i = 0; i < s->nnamed; i++)
		if (s->named[i].proc.pid == pid)
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

static void keep_named(struct selector *s, struct pick *p, int rc)
{
	if (rc != 0) {
		merge(s, rc);
		pick_release(p);
		return;
	}
	s->named = xgrow(s->named, sizeof(*s->named), s->nnamed, &s->named_cap);
	s->named[s->nnamed++] = *p;
}

/* Open /proc/<pid> of a named process; 0 or the status, said. */
static int open_named(struct pick *p, const char *label)
{
	int rc = proc_open(&p->proc);

	if (rc == -ENOENT)
		return refuse(EXIT_NOMATCH, "%s: no such process", label);
	if (rc != 0)
		return refuse(EXIT_PARTIAL, "%s: cannot open /proc/%d: %s",
			      label, (int)p->proc.pid, strerror(-rc));
	return 0;
}

static void name_pid(struct selector *s, const struct target *t)
{
	struct pick p;
	int rc;

	if (refuse_self(s, t->pid, t->arg) || named_has(s, t->pid))
		return;	/* named twice: signalled once */
	pick_init(&p, s->fs, t->pid);
	rc = open_named(&p, t->arg);
	if (rc == 0)
		rc = identity_named(&s->m, &p.proc, t, t->arg);
	keep_named(s, &p, rc);
}

/* A check that names the process pins it: a foreign pidfile may then
 * say which pid, but not which process. */
static bool pidfile_pinned(const struct selector *s)
{
	const struct options *o = s->opt;

	return o->expect_exe || o->expect_name || o->euids.n || o->uids.n ||
	       matcher_exact_names(&s->m);
}

static void name_pidfile(struct selector *s)
{
	const struct options *o = s->opt;
	char label[PATH_MAX + 32];
	struct pick p;
	int rc;

	rc = pidfile_read(o->pidfile, o->logpidfile, pidfile_pinned(s),
			  &s->rep->pidfile_pid, &s->rep->pidfile_st);
	if (rc != 0) {
		merge(s, rc);
		return;
	}
	s->rep->pidfile_read = true;
	snprintf(label, sizeof(label), "%s: pid %d", o->pidfile,
		 (int)s->rep->pidfile_pid);
	if (refuse_self(s, s->rep->pidfile_pid, label))
		return;
	pick_init(&p, s->fs, s->rep->pidfile_pid);
	rc = proc_open(&p.proc);
	if (rc == -ENOENT)
		rc = refuse(EXIT_NOMATCH, "%s: not running (stale pidfile)",
			    label);
	else if (rc != 0)
		rc = refuse(EXIT_PARTIAL, "%s: cannot open /proc/%d: %s", label,
			    (int)p.proc.pid, strerror(-rc));
	else
		rc = identity_pidfile(&s->m, &p.proc, &s->rep->pidfile_st,
				      label, s->m.npatterns > 0);
	keep_named(s, &p, rc);
}

static void add_group(struct selector *s, pid_t pgid)
{
	for (size_t i = 0; i < s->ngroups; i++)
		if (s->groups[i].pgid == pgid)
			return;
	s->groups = xgrow(s->groups, sizeof(*s->groups), s->ngroups,
			  &s->groups_cap);
	s->groups[s->ngroups++] = (struct group_target){ pgid, false, false, false };
}

static void name_targets(struct selector *s, const struct target *targets,
			 size_t ntargets)
{
	for (size_t i = 0; i < ntargets; i++) {
		const struct target *t = &targets[i];
		if (target_is_pid(t))
			name_pid(s, t);
		else if (t->kind == T_PGROUP)
			add_group(s, t->pid);
		else if (t->kind == T_ALL && !s->opt->all_processes)
			usage_error("%s would signal every process; add "
				    "--all-processes if you mean it", t->arg);
		else if (t->kind == T_ALL)
			s->all = true;
	}
	if (s->opt->pidfile)
		name_pidfile(s);
}

/* A group whose leader still leads it may be signalled as a whole. */
static void offer_groups(struct selector *s)
{
	for (size_t i = 0; i < s->ngroups; i++) {
		struct group_target *g = &s->groups[i];
		struct pick p;

		pick_init(&p, s->fs, g->pgid);
		if (proc_open(&p.proc) == 0 && proc_load(&p.proc, PF_STAT) == 0 &&
		    p.proc.pgrp == g->pgid && s->sink->group(s->sink->ctx, &p)) {
			g->whole = g->found = true;
			s->rep->selected++;
		}
		pick_release(&p);
	}
}

/* --- the scan ------------------------------------------------------ */

static bool is_group_member(const struct selector *s, pid_t pgrp, pid_t pid)
{
	if (s->all)
		return pid != 1;
	for (size_t i = 0; i < s->ngroups; i++)
		if (s->groups[i].pgid == pgrp && !s->groups[i].whole)
			return true;
	return false;
}

/* May the scan select pid at all, and how? */
static bool wanted(const struct selector *s, pid_t pid, bool *by_group,
		   bool *by_pattern)
{
	const struct options *o = s->opt;

	if (pid == s->self || named_has(s, pid))
		return false;
	*by_group = s->ngroups > 0 || (s->all && pid != 1);
	*by_pattern = s->scan_patterns && pid != 1 &&
		      (o->pids.n == 0 || o->inverse || id_list_has(&o->pids, pid)) &&
		      (o->include_ancestors || !id_list_has(&s->ancestors, pid));
	return *by_group || *by_pattern;
}

/* What the first look at pid reads: by path, so a recycled pid may fool
 * it; it only rules processes out.  Runs in the scan's workers. */
struct look_ctx {
	const struct selector *s;
	struct matcher *m;
};

static bool look(void *ctx, pid_t pid)
{
	const struct look_ctx *c = ctx;
	bool by_group, by_pattern, keep = false;
	struct proc p;
	struct why why;

	if (!wanted(c->s, pid, &by_group, &by_pattern))
		return false;
	proc_init(&p, c->s->fs, pid);
	if (by_group && proc_load(&p, PF_STAT) == 0)
		keep = is_group_member(c->s, p.pgrp, pid);
	/* --verbose says why a pattern match is skipped: look closer. */
	if (!keep && by_pattern)
		keep = matcher_judge(c->m, &p, true, &why) != EXIT_NOMATCH ||
		       (c->s->opt->verbose && why.pattern_hit);
	proc_release(&p);
	return keep;
}

static void mark_group(struct selector *s, pid_t pgrp, bool selected)
{
	for (size_t i = 0; i < s->ngroups; i++)
		if (s->groups[i].pgid == pgrp) {
			s->groups[i].seen = true;
			s->groups[i].found |= selected;
		}
}

/* A member of a -PGID group, read through its dir fd. */
static bool member_selected(struct selector *s, struct pick *p)
{
	struct why why;
	bool selected;

	if (proc_load(&p->proc, PF_STAT) != 0 ||
	    !is_group_member(s, p->proc.pgrp, p->proc.pid))
		return false;
	selected = !matcher_filters_on(s->opt) ||
		   matcher_judge(&s->m, &p->proc, false, &why) == 0;
	mark_group(s, p->proc.pgrp, selected);
	return selected;
}

/* A process the scan may not read: counted, and said once at the end. */
static bool count_unreadable(struct selector *s, int err)
{
	if (err != EACCES && err != EPERM)
		return false;
	s->unreadable++;
	s->unreadable_err = err;
	return true;
}

/* A read that failed is never a silent "no match". */
static void report_unreadable(struct selector *s, const struct pick *p,
			      const struct why *why)
{
	if (!count_unreadable(s, why->err))
		merge(s, refuse(EXIT_PARTIAL, "%d: %s", (int)p->proc.pid,
				why->text));
}

/* A pattern match, judged again on what its dir fd reads. */
static bool match_selected(struct selector *s, struct pick *p)
{
	struct why why;
	int rc = matcher_judge(&s->m, &p->proc, true, &why);

	if (rc == 0)
		return true;
	if (rc == EXIT_PARTIAL)
		report_unreadable(s, p, &why);
	else if (s->opt->verbose && why.pattern_hit)
		msg("%d: skipped: %s", (int)p->proc.pid, why.text);
	return false;
}

/* -n/-o: the newest or oldest match (pid breaks ties, as in pgrep). */
static bool better(const struct options *o, const struct proc *a,
		   const struct proc *b)
{
	if (a->starttime != b->starttime)
		return o->newest ? a->starttime > b->starttime
				 : a->starttime < b->starttime;
	return o->newest ? a->pid > b->pid : a->pid < b->pid;
}

static void deliver_scanned(struct selector *s, struct pick *p)
{
	if (!s->opt->newest && !s->opt->oldest) {
		deliver(s, p);
		return;
	}
	if (proc_load(&p->proc, PF_STAT) != 0) {
		pick_release(p);
		return;
	}
	if (s->have_best && !better(s->opt, &p->proc, &s->best.proc)) {
		pick_release(p);
		return;
	}
	if (s->have_best)
		pick_release(&s->best);
	s->best = *p;
	s->have_best = true;
}

static void confirm(struct selector *s, pid_t pid)
{
	bool by_group, by_pattern;
	struct pick p;

	if (!wanted(s, pid, &by_group, &by_pattern))
		return;
	pick_init(&p, s->fs, pid);
	int rc = proc_open(&p.proc);
	if (rc != 0) {
		count_unreadable(s, -rc);	/* else gone already */
		pick_release(&p);
	} else if (by_group && member_selected(s, &p)) {
		deliver(s, &p);
	} else if (by_pattern && match_selected(s, &p)) {
		p.by_scan = true;
		deliver_scanned(s, &p);
	} else {
		pick_release(&p);
	}
}

/* With one thread: the closer look at once, while the process is still
 * there (a short-lived one may be gone by the end of a pass). */
static void scan_inline(struct selector *s, const pid_t *pids, size_t n)
{
	struct look_ctx ctx = { s, &s->m };

	for (size_t i = 0; i < n; i++)
		if (look(&ctx, pids[i]))
			confirm(s, pids[i]);
}

/* With several: the first look at every process over the workers, then
 * the closer look through a dir fd, in pid order, at what is left. */
static void scan_parallel(struct selector *s, const pid_t *pids, size_t n,
			  unsigned int nw)
{
	struct matcher *clones = xcalloc(nw, sizeof(*clones));
	struct look_ctx *ctx = xcalloc(nw, sizeof(*ctx));
	void **ctxs = xcalloc(nw, sizeof(*ctxs));
	bool *keep = xcalloc(n, sizeof(*keep));

	for (unsigned int w = 0; w < nw; w++) {
		if (w > 0)
			matcher_clone(&clones[w], &s->m);
		ctx[w] = (struct look_ctx){ s, w ? &clones[w] : &s->m };
		ctxs[w] = &ctx[w];
	}
	scan_look_all(pids, n, keep, nw, look, ctxs);
	for (size_t i = 0; i < n; i++)
		if (keep[i])
			confirm(s, pids[i]);
	for (unsigned int w = 1; w < nw; w++)
		matcher_free(&clones[w]);
	free(clones);
	free(ctx);
	free(ctxs);
	free(keep);
}

static void scan(struct selector *s)
{
	pid_t *pids;
	size_t n;
	int rc = procfs_list(s->fs, &pids, &n);

	if (rc != 0)
		fatal("/proc: cannot read: %s", strerror(-rc));
	unsigned int nw = scan_workers(n, s->opt->threads);
	if (nw > 1)
		scan_parallel(s, pids, n, nw);
	else
		scan_inline(s, pids, n);
	free(pids);
}

/* --- what nothing selected may mean -------------------------------- */

/* --verbose: say so when a pattern matches one of pfkill's ancestors. */
static void report_ancestors(struct selector *s)
{
	for (size_t i = 0; i < s->ancestors.n; i++) {
		struct proc p;
		struct why why;

		proc_init(&p, s->fs, (pid_t)s->ancestors.v[i]);
		if (proc_open(&p) == 0 && matcher_judge(&s->m, &p, true, &why) == 0)
			msg("%d: skipped: an ancestor of pfkill (see "
			    "--include-ancestors)", (int)p.pid);
		proc_release(&p);
	}
}

/* " 12", "1e3" or "12abc" were probably meant as pids; a pattern longer
 * than comm can never match it. */
static void hint_patterns(const struct selector *s)
{
	const char *longest = matcher_long_pattern(&s->m);

	for (size_t i = 0; i < s->m.npatterns; i++) {
		const char *pat = s->m.patterns[i];
		const char *d = pat + strspn(pat, " \t+-");
		if (isdigit((unsigned char)*d))
			msg("'%s': no process name matches this pattern (a pid "
			    "is decimal digits only)", pat);
	}
	if (longest != NULL)
		msg("'%s': no match: a process name (comm) holds at most %d "
		    "characters; use -f to match the command line, or -x to "
		    "match the full name", longest, PROC_COMM_VISIBLE);
}

static void report_after_scan(struct selector *s)
{
	if (s->sink->quiet)
		return;
	for (size_t i = 0; i < s->ngroups; i++)
		if (!s->groups[i].found)
			merge(s, refuse(EXIT_NOMATCH, s->groups[i].seen
					? "-%d: no member of the process group "
					  "passes the filters"
					: "-%d: no such process group",
					(int)s->groups[i].pgid));
	if (s->scan_patterns && s->rep->by_scan == 0)
		hint_patterns(s);
	if (s->unreadable)
		msg("%zu process%s could not be read (%s): not selected",
		    s->unreadable, s->unreadable == 1 ? "" : "es",
		    strerror(s->unreadable_err));
	if (s->opt->verbose && s->scan_patterns)
		report_ancestors(s);
}

/* --- the run ------------------------------------------------------- */

static const char **collect_patterns(const struct target *targets,
				     size_t ntargets, size_t *n)
{
	const char **patterns = xcalloc(ntargets + 1, sizeof(*patterns));

	*n = 0;
	for (size_t i = 0; i < ntargets; i++)
		if (targets[i].kind == T_PATTERN)
			patterns[(*n)++] = targets[i].arg;
	return patterns;
}

static void selector_free(struct selector *s, const char **patterns)
{
	for (size_t i = 0; i < s->nnamed; i++)
		pick_release(&s->named[i]);
	free(s->named);
	matcher_free(&s->m);
	free(patterns);
	free(s->ancestors.v);
	free(s->groups);
}

void select_processes(const struct options *opt, const struct procfs *fs,
		      const struct target *targets, size_t ntargets,
		      const struct sink *sink, struct selection_report *rep)
{
	struct selector s = { .opt = opt, .fs = fs, .sink = sink, .rep = rep,
			      .self = fs->self };
	size_t npatterns;
	const char **patterns = collect_patterns(targets, ntargets, &npatterns);

	memset(rep, 0, sizeof(*rep));
	matcher_init(&s.m, opt, fs, patterns, npatterns);
	name_targets(&s, targets, ntargets);
	s.scan_patterns = opt->pidfile == NULL &&
		(npatterns > 0 || (npatterns == ntargets && matcher_selects(opt)));
	/* Everything named was checked: from here on, hand it over. */
	for (size_t i = 0; i < s.nnamed; i++)
		deliver(&s, &s.named[i]);	/* keeps the pid, for the scan */
	offer_groups(&s);
	if (s.scan_patterns && !opt->include_ancestors)
		procfs_ancestors(fs, &s.ancestors);
	if (s.scan_patterns || s.ngroups || s.all)
		scan(&s);
	if (s.have_best)
		deliver(&s, &s.best);
	report_after_scan(&s);
	selector_free(&s, patterns);
}
