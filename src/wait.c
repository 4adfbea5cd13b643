#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "output.h"
#include "pidfd.h"
#include "send.h"
#include "util.h"
#include "wait.h"

/* A process "exits" when its pidfd becomes readable: it has terminated,
 * even if its parent has not reaped the zombie yet. */
struct waiter {
	const struct options *opt;
	int epfd;
	size_t alive;
	double t0;
};

static void mark_exited(struct waiter *w, struct proc *p)
{
	p->exited = true;
	p->exit_after = now_monotonic() - w->t0;
	if (p->pidfd >= 0) {
		close(p->pidfd);	/* also takes it out of the epoll set */
		p->pidfd = -1;
	}
	w->alive--;
	if (w->opt->echo && !w->opt->json) {
		out_name(stdout, p, w->opt->full);
		printf(" (pid %d) exited after %.2fs\n", (int)p->pid,
		       p->exit_after);
		fflush(stdout);
	}
}

static void waiter_add(struct waiter *w, struct proc *p)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = p };

	if (p->pidfd < 0)
		p->pidfd = pfd_open_same(p->pid, p->dirfd);
	w->alive++;
	if (p->pidfd == -ESRCH) {
		mark_exited(w, p);
		return;
	}
	if (p->pidfd < 0)
		fatal("%d: cannot open a pidfd to wait on: %s", (int)p->pid,
		      strerror(-p->pidfd));
	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, p->pidfd, &ev) != 0)
		fatal("%d: epoll: %s", (int)p->pid, strerror(errno));
	/* From here on the proven pidfd does all: signals and waiting. */
	close(p->dirfd);
	p->dirfd = -1;
}

static void waiter_init(struct waiter *w, const struct options *opt,
			double t0)
{
	w->opt = opt;
	w->alive = 0;
	w->t0 = t0;
	w->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (w->epfd < 0)
		fatal("epoll: %s", strerror(errno));
}

/* Wait up to secs (forever if < 0); returns how many are still alive. */
static size_t waiter_wait(struct waiter *w, double secs)
{
	struct epoll_event ev[256];
	double deadline = secs < 0 ? INFINITY : now_monotonic() + secs;

	while (w->alive > 0) {
		double left = deadline - now_monotonic();
		int ms = isinf(left) ? -1 : left <= 0 ? 0 : (int)ceil(left * 1000);
		int n = epoll_wait(w->epfd, ev, 256, ms);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fatal("epoll_wait: %s", strerror(errno));
		for (int i = 0; i < n; i++)
			mark_exited(w, ev[i].data.ptr);
		if (n == 0 && left <= 0)
			break;
	}
	return w->alive;
}

static bool waitable(const struct proc *p)
{
	return p->result == 0 && !p->exited && !p->whole_group;
}

static int report_survivors(const struct selection *sel, const char *why)
{
	for (size_t i = 0; i < sel->n; i++) {
		const struct proc *p = sel->procs[i];
		if (!waitable(p))
			continue;
		fprintf(stderr, PROGRAM_NAME ": %d (", (int)p->pid);
		out_escaped(stderr, p->comm, strlen(p->comm));
		fprintf(stderr, "): still running %s\n", why);
	}
	return EXIT_TIMEOUT;
}

int wait_for_exit(const struct options *opt, struct selection *sel,
		  double t0)
{
	struct waiter w;
	char why[64];

	waiter_init(&w, opt, t0);
	for (size_t i = 0; i < sel->n; i++)
		if (waitable(sel->procs[i]))
			waiter_add(&w, sel->procs[i]);
	size_t left = waiter_wait(&w, opt->timeout);
	close(w.epfd);
	if (left == 0)
		return 0;
	snprintf(why, sizeof(why), "after the %gs timeout", opt->timeout);
	return report_survivors(sel, why);
}

/* Send one schedule step's signal to every survivor. */
static int send_step(const struct options *opt, struct selection *sel,
		     int signo, struct waiter *w, bool first)
{
	int status = 0;

	for (size_t i = 0; i < sel->n; i++) {
		struct proc *p = sel->procs[i];
		if (!first && !waitable(p))
			continue;
		status = status_merge(status, send_one(opt, p, signo));
		if (first && p->result == 0)
			waiter_add(w, p);
		else if (!first && p->result == -ESRCH && !p->exited)
			mark_exited(w, p);
	}
	return status;
}

int retry_run(const struct options *opt, struct selection *sel, double t0)
{
	const struct retry_schedule *rs = &opt->retry;
	struct waiter w;
	int status = 0;
	bool first = true;

	waiter_init(&w, opt, t0);
	for (size_t i = 0;; i++) {
		if (i == rs->n) {
			if (rs->repeat_from < 0)
				break;
			i = (size_t)rs->repeat_from;
		}
		const struct retry_step *step = &rs->steps[i];
		if (step->kind == STEP_SIGNAL) {
			status = status_merge(status, send_step(opt, sel,
						step->signo, &w, first));
			first = false;
		} else if (waiter_wait(&w, step->secs) == 0) {
			break;
		}
	}
	waiter_wait(&w, 0);
	close(w.epfd);
	if (w.alive > 0)
		status = status_merge(status, report_survivors(sel,
					"at the end of the --retry schedule"));
	return status;
}
