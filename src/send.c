#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "pidfd.h"
#include "send.h"
#include "signals.h"
#include "util.h"

static _Noreturn void no_pidfd_send(void)
{
	fatal("pidfd_send_signal: %s: Linux 5.1 or later is required",
	      strerror(ENOSYS));
}

void require_pidfd_send(void)
{
	if (!pfd_available())
		no_pidfd_send();
}

static void fill_queue_info(siginfo_t *info, int signo, int value)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = signo;
	info->si_code = SI_QUEUE;
	info->si_pid = getpid();
	info->si_uid = getuid();
	info->si_value.sival_int = value;
}

static void release_memory(struct proc *p)
{
	if (p->pidfd < 0)
		return;	/* was already gone: nothing left to release */
	int rc = pfd_mrelease(p->pidfd);
	if (rc == -ENOSYS)
		msg("%d: process_mrelease is not available (Linux 5.15+): "
		    "memory is freed as the process exits", (int)p->pid);
	else if (rc != 0 && rc != -ESRCH && rc != -EINVAL)
		msg("%d: process_mrelease: %s", (int)p->pid, strerror(-rc));
}

static void echo(const struct options *opt, const struct proc *p, int signo)
{
	char name[16];

	if (!opt->echo || opt->json)
		return;
	if (!p->whole_group && !p->is_thread) {
		out_echo(stdout, p, signo, opt->full);
		return;
	}
	printf("%s sent to %s %d (%s",
	       signal_name(signo, name, sizeof(name)),
	       p->whole_group ? "process group" : "thread", (int)p->pid,
	       p->whole_group ? "leader " : "");
	out_name(stdout, p, opt->full);
	puts(")");
}

int send_one(const struct options *opt, struct proc *p, int signo)
{
	siginfo_t info, *infop = NULL;
	unsigned int flags = p->whole_group ? PIDFD_SIGNAL_PROCESS_GROUP
			     : p->is_thread ? PIDFD_SIGNAL_THREAD : 0;
	int fd = p->pidfd >= 0 ? p->pidfd : p->dirfd;

	/* The pidfd for process_mrelease must be opened before KILL: once
	 * the process is reaped it can no longer be opened. */
	if (opt->mrelease && signo == SIGKILL && p->pidfd < 0 && !p->is_thread)
		p->pidfd = pfd_open_same(p->pid, p->dirfd);
	if (opt->queue_given) {
		fill_queue_info(&info, signo, opt->queue_value);
		infop = &info;
	}
	p->result = pfd_send(fd, signo, infop, flags);
	switch (p->result) {
	case 0:
		echo(opt, p, signo);
		if (opt->mrelease && signo == SIGKILL)
			release_memory(p);
		return 0;
	case -ENOSYS:
		no_pidfd_send();
	case -ESRCH:
		/* Exited since it was selected: a pattern match that is
		 * gone is no longer a match; a named one is reported. */
		if (p->by_pattern && !opt->interactive) {
			if (opt->verbose)
				msg("%d: exited before the signal; skipped",
				    (int)p->pid);
			return 0;
		}
		msg("%d: process has exited; not signalled", (int)p->pid);
		return EXIT_NOMATCH;
	default:
		msg("%d: cannot signal: %s", (int)p->pid, strerror(-p->result));
		return EXIT_PARTIAL;
	}
}

bool ask(const struct proc *p, bool full)
{
	char answer[64];

	fprintf(stderr, "Signal ");
	out_name(stderr, p, full);
	fprintf(stderr, " (pid %d)? [y/N] ", (int)p->pid);
	fflush(stderr);
	if (fgets(answer, sizeof(answer), stdin) == NULL) {
		fputc('\n', stderr);
		return false;
	}
	return answer[0] == 'y' || answer[0] == 'Y';
}
