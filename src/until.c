/* SPDX-License-Identifier: GPL-2.0-or-later */
/* until.c: --until-gone, for fork bombs and runaways. */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "cgroup.h"
#include "match.h"
#include "pidfd.h"
#include "selection.h"
#include "send.h"
#include "until.h"
#include "util.h"
#include "wait.h"

/* How long a pass's processes get to exit before the next scan. */
#define UNTIL_PASS_WAIT 0.05
/* The wait when a scan found nothing new but some still run. */
#define UNTIL_IDLE_WAIT 0.5

struct until {
	const struct options *opt;
	struct waiter *w;
	bool stop_first;
};

/* Already taken in an earlier pass: same pidfs inode, or where pidfds
 * have none, the same pid and start time. */
static bool known(const struct waiter *w, const struct pick *p,
		  unsigned long long ino)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].proc.pid == p->proc.pid &&
		    (ino ? w->inode[i] == ino
			 : w->v[i].proc.starttime == p->proc.starttime))
			return true;
	return false;
}

static bool no_group(void *ctx, struct pick *leader)
{
	(void)ctx;
	(void)leader;
	return false;
}

/* A match: stopped at once, so that it forks no more, and waited on;
 * the signal follows once the whole pass is stopped. */
static void take(void *ctx, struct pick *p)
{
	struct until *u = ctx;
	int fd;

	if (proc_load(&p->proc, PF_STAT) != 0 || p->proc.state == 'Z' ||
	    p->proc.state == 'X')
		return;	/* dead already */
	fd = pfd_open_same(&p->proc, 0);
	if (fd < 0)
		return;
	if (known(u->w, p, pfd_inode(fd))) {
		close(fd);
		return;
	}
	if (u->stop_first)
		pfd_send(fd, SIGSTOP, NULL, 0);
	p->pidfd = fd;
	waiter_add(u->w, p);
}

static int cgroup_fast_path(const struct options *opt,
			    const struct procfs *fs, size_t ntargets,
			    struct output *out)
{
	if (opt->signo != SIGKILL || ntargets != 0 || opt->json ||
	    opt->count || !matcher_only(opt, "--cgroup") || opt->ncgroups != 1)
		return -1;
	return cgroup_kill(opt->cgroups[0], fs, opt->timeout, out);
}

/* One scan: returns how many new processes it stopped and signalled. */
static size_t pass(struct until *u, struct sender *s, const struct procfs *fs,
		   const struct target *targets, size_t ntargets, bool quiet)
{
	struct sink sink = { no_group, take, u, quiet };
	struct selection_report rep;
	size_t before = u->w->n;

	select_processes(u->opt, fs, targets, ntargets, &sink, &rep);
	s->status = status_merge(s->status, rep.status);
	if (u->w->n == before)
		return 0;
	s->status = status_merge(s->status,
				 waiter_signal(u->w, s, u->opt->signo, before));
	if (u->stop_first && u->opt->signo != SIGKILL)
		waiter_signal(u->w, s, SIGCONT, before);
	return u->w->n - before;
}

static int scan_until_gone(const struct options *opt, const struct procfs *fs,
			   const struct target *targets, size_t ntargets,
			   struct output *out)
{
	double deadline = opt->timeout < 0 ? INFINITY
			  : now_monotonic() + opt->timeout;
	struct waiter w;
	struct sender s;
	struct until u = { opt, &w, opt->signo != 0 && opt->signo != SIGSTOP &&
				      opt->signo != SIGCONT };
	char why[WAIT_WHY_MAX];
	size_t found;
	int status;

	waiter_init(&w, opt, fs, out);
	sender_init(&s, opt, fs, out, &w, opt->signo);
	require_pidfd_send();
	for (bool first = true;; first = false) {
		found = pass(&u, &s, fs, targets, ntargets, !first);
		double left = deadline - now_monotonic();
		if ((found == 0 && w.alive == 0) || left <= 0)
			break;
		double pause = found ? UNTIL_PASS_WAIT : UNTIL_IDLE_WAIT;
		waiter_wait(&w, left < pause ? left : pause);
	}
	snprintf(why, sizeof(why), "after the %gs --until-gone timeout",
		 opt->timeout);
	status = status_merge(s.status, waiter_finish(&w, why));
	if (w.n == 0)
		status = status_merge(status, EXIT_NOMATCH);
	out_finish(out, w.n);
	waiter_free(&w);
	sender_free(&s);
	return status;
}

int until_gone(const struct options *opt, const struct procfs *fs,
	       const struct target *targets, size_t ntargets)
{
	struct output out;
	int status;

	out_init(&out, opt);
	status = cgroup_fast_path(opt, fs, ntargets, &out);
	if (status < 0)
		status = scan_until_gone(opt, fs, targets, ntargets, &out);
	return status;
}
