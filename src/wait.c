/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wait.c: waiting on pidfds with epoll, in batches beyond the fd limit. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pidfd.h"
#include "util.h"
#include "wait.h"

/* fds kept free for /proc, files, stdio and the pidfd being opened. */
#define WAIT_FD_RESERVE 64
/* Events taken from epoll at once. */
#define WAIT_EVENTS 256

static size_t fd_budget(void)
{
	struct rlimit rl;

	/* Lift the soft fd limit to the hard one: waiting holds fds. */
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 1;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > INT_MAX)
		return INT_MAX;
	return rl.rlim_cur > 2 * WAIT_FD_RESERVE
		       ? (size_t)rl.rlim_cur - WAIT_FD_RESERVE
		       : (size_t)rl.rlim_cur / 2 + 1;
}

void waiter_init(struct waiter *w, const struct options *opt,
		 const struct procfs *fs, struct output *out)
{
	memset(w, 0, sizeof(*w));
	if (!fs->own_ns)
		pfd_foreign_fatal(fs, opt->retry.n ? "--retry" : opt->until_gone
				  ? "--until-gone" : "--wait");
	w->opt = opt;
	w->out = out;
	w->t0 = now_monotonic();
	w->budget = fd_budget();
	w->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (w->epfd < 0)
		fatal("epoll: %s", strerror(errno));
}

void waiter_free(struct waiter *w)
{
	for (size_t i = 0; i < w->n; i++)
		pick_release(&w->v[i]);
	free(w->v);
	free(w->inode);
	if (w->epfd >= 0)
		close(w->epfd);
	w->epfd = -1;
}

static bool waitable(const struct pick *p)
{
	return p->result == 0 && !p->exited && p->scope == SCOPE_PROCESS;
}

static void mark_exited(struct waiter *w, size_t i)
{
	struct pick *p = &w->v[i];

	p->exited = true;
	p->exit_after = now_monotonic() - w->t0;
	if (p->pidfd >= 0) {
		close(p->pidfd);	/* also takes it out of the epoll set */
		p->pidfd = -1;
		w->held--;
	}
	w->alive--;
	out_exited(w->out, p);
}

static void hold(struct waiter *w, size_t i)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = i };

	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->v[i].pidfd, &ev) != 0)
		fatal("%d: epoll: %s", (int)w->v[i].proc.pid, strerror(errno));
	w->held++;
}

/* Hold the pidfd of v[i] within the budget, or defer v[i]. */
static void hold_or_defer(struct waiter *w, size_t i)
{
	struct pick *p = &w->v[i];

	if (w->held < w->budget) {
		hold(w, i);
		return;
	}
	close(p->pidfd);
	p->pidfd = -1;
	if (i < w->next_deferred)
		w->next_deferred = i;
}

static void grow(struct waiter *w)
{
	w->v = xgrow(w->v, sizeof(*w->v), w->n, &w->cap);
	w->inode = xgrow(w->inode, sizeof(*w->inode), w->n, &w->inode_cap);
}

void waiter_add(struct waiter *w, struct pick *p)
{
	size_t i = w->n;

	grow(w);
	w->v[i] = *p;
	w->inode[i] = 0;
	w->n++;
	pick_init(p, p->proc.fs, p->proc.pid);
	p = &w->v[i];
	if (!waitable(p)) {
		pick_close(p);
		return;
	}
	proc_load(&p->proc, PF_STAT);	/* the start time, for deferring */
	if (p->pidfd < 0)
		p->pidfd = pfd_open_same(&p->proc, 0);
	proc_close(&p->proc);	/* from here on the proven pidfd does all */
	w->alive++;
	if (p->pidfd == -ESRCH) {
		mark_exited(w, i);
		return;
	}
	if (p->pidfd < 0)
		fatal("%d: cannot open a pidfd to wait on: %s",
		      (int)p->proc.pid, strerror(-p->pidfd));
	w->inode[i] = pfd_inode(p->pidfd);
	hold_or_defer(w, i);
}

/* A pidfd for deferred v[i], proven to be the same process: through
 * its pidfs inode, or its start time where pidfds have none.  -ESRCH
 * when it has exited (and maybe its pid was taken since). */
static int reopen(const struct waiter *w, size_t i)
{
	const struct pick *p = &w->v[i];
	struct proc fresh;
	int fd = -ESRCH;

	proc_init(&fresh, p->proc.fs, p->proc.pid);
	if (proc_open(&fresh) == 0)
		fd = pfd_open_same(&fresh, 0);
	if (fd >= 0 && (w->inode[i] ? pfd_inode(fd) != w->inode[i]
			: proc_load(&fresh, PF_STAT) != 0 ||
			  fresh.starttime != p->proc.starttime)) {
		close(fd);
		fd = -ESRCH;
	}
	proc_release(&fresh);
	return fd < 0 ? -ESRCH : fd;
}

static bool deferred(const struct pick *p)
{
	return waitable(p) && p->pidfd < 0;
}

/* Give deferred processes the pidfds that exits have freed. */
static void promote(struct waiter *w)
{
	for (; w->next_deferred < w->n && w->held < w->budget; w->next_deferred++) {
		size_t i = w->next_deferred;
		if (!deferred(&w->v[i]))
			continue;
		int fd = reopen(w, i);
		if (fd < 0) {
			mark_exited(w, i);
			continue;
		}
		w->v[i].pidfd = fd;
		hold(w, i);
	}
}

size_t waiter_wait(struct waiter *w, double secs)
{
	struct epoll_event ev[WAIT_EVENTS];
	double deadline = secs < 0 ? INFINITY : now_monotonic() + secs;

	promote(w);
	while (w->alive > 0) {
		double left = deadline - now_monotonic();
		int n = epoll_wait(w->epfd, ev, WAIT_EVENTS, poll_ms(left));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fatal("epoll_wait: %s", strerror(errno));
		for (int k = 0; k < n; k++)
			mark_exited(w, (size_t)ev[k].data.u64);
		promote(w);
		if (n == 0 && left <= 0)
			break;
	}
	return w->alive;
}

/* A deferred process: has it exited?  Looks without waiting. */
static bool deferred_exited(const struct waiter *w, size_t i)
{
	int fd = reopen(w, i);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	bool exited;

	if (fd < 0)
		return true;
	exited = poll(&pfd, 1, 0) > 0;
	close(fd);
	return exited;
}

int waiter_signal(struct waiter *w, struct sender *s, int signo, size_t from)
{
	int status = 0;

	for (size_t i = from; i < w->n; i++) {
		struct pick *p = &w->v[i];
		bool held = p->pidfd >= 0;
		if (!waitable(p))
			continue;
		if (!held && (p->pidfd = reopen(w, i)) < 0) {
			p->pidfd = -1;
			mark_exited(w, i);
			continue;
		}
		int rc = send_signal(s, p, signo);
		p->result = 0;	/* it was signalled before, in any case */
		/* A pidfd reopened for this send: keep it if there is room. */
		if (!held && rc != -ESRCH && w->held < w->budget) {
			hold(w, i);
		} else if (!held) {
			close(p->pidfd);
			p->pidfd = -1;
		}
		if (rc == -ESRCH)
			mark_exited(w, i);	/* exited meanwhile: as asked */
		else if (rc != 0)
			status = status_merge(status, send_report(s, p, rc));
	}
	return status;
}

int waiter_finish(struct waiter *w, const char *why)
{
	int status = 0;

	for (size_t i = 0; i < w->n; i++)
		if (deferred(&w->v[i]) && deferred_exited(w, i))
			mark_exited(w, i);
	for (size_t i = 0; i < w->n && w->alive > 0; i++)
		if (waitable(&w->v[i])) {
			out_survivor(w->out, &w->v[i], why);
			status = EXIT_TIMEOUT;
		}
	for (size_t i = 0; i < w->n; i++)
		out_result(w->out, &w->v[i], true);
	return status;
}

int wait_for_exit(struct waiter *w, double timeout)
{
	char why[WAIT_WHY_MAX];

	waiter_wait(w, timeout);
	snprintf(why, sizeof(why), "after the %gs timeout", timeout);
	return waiter_finish(w, why);
}

int retry_run(struct waiter *w, struct sender *s)
{
	const struct retry_schedule *rs = &w->opt->retry;
	int status = 0;

	/* Step 0, the first signal, went out as the processes were found. */
	for (size_t i = 1;; i++) {
		if (i == rs->n) {
			if (rs->repeat_from < 0)
				break;
			i = (size_t)rs->repeat_from;
		}
		const struct retry_step *step = &rs->steps[i];
		if (step->kind == STEP_SIGNAL)
			status = status_merge(status,
					      waiter_signal(w, s, step->signo, 0));
		else if (waiter_wait(w, step->secs) == 0)
			break;
	}
	waiter_wait(w, 0);
	return status_merge(status, waiter_finish(w, "at the end of the "
						  "--retry schedule"));
}
