/* SPDX-License-Identifier: GPL-2.0-or-later */
/* send.c: asking, sending, and handing processes to the waiter. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "match.h"
#include "pidfd.h"
#include "send.h"
#include "signals.h"
#include "util.h"
#include "wait.h"

void sender_init(struct sender *s, const struct options *opt,
		 const struct procfs *fs, struct output *out,
		 struct waiter *waiter, int signo)
{
	memset(s, 0, sizeof(*s));
	s->opt = opt;
	s->fs = fs;
	s->out = out;
	s->waiter = waiter;
	s->signo = signo;
}

void sender_free(struct sender *s)
{
	free(s->answer);
	s->answer = NULL;
}

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

static void release_memory(struct pick *p)
{
	if (p->pidfd == -EXDEV) {
		msg("%d: process_mrelease needs a pidfd, which this /proc "
		    "cannot prove (another pid namespace's): memory is freed as "
		    "the process exits", (int)p->proc.pid);
		return;
	}
	if (p->pidfd < 0)
		return;	/* was already gone: nothing left to release */
	int rc = pfd_mrelease(p->pidfd);
	if (rc == -ENOSYS)
		msg("%d: process_mrelease is not available (Linux 5.15+): "
		    "memory is freed as the process exits", (int)p->proc.pid);
	else if (rc != 0 && rc != -ESRCH && rc != -EINVAL)
		msg("%d: process_mrelease: %s", (int)p->proc.pid, strerror(-rc));
}

/* Room for an owner: a user name, or "uid N". */
#define OWNER_TEXT_MAX 64

/* "sleep, owned by root": for a send that was not permitted. */
static int refuse_eperm(struct pick *p, int err)
{
	char owner[OWNER_TEXT_MAX];
	struct passwd *pw;

	if (proc_load(&p->proc, PF_STATUS) != 0)
		return refuse(EXIT_PARTIAL, "%d: cannot signal %s: %s",
			      (int)p->proc.pid, p->proc.comm, strerror(err));
	pw = getpwuid(p->proc.euid);
	if (pw != NULL)
		snprintf(owner, sizeof(owner), "%s", pw->pw_name);
	else
		snprintf(owner, sizeof(owner), "uid %u",
			 (unsigned int)p->proc.euid);
	return refuse(EXIT_PARTIAL, "%d: cannot signal %s, owned by %s: %s",
		      (int)p->proc.pid, p->proc.comm, owner, strerror(err));
}

int send_report(struct sender *s, struct pick *p, int rc)
{
	int err = -rc;

	switch (err) {
	case ESRCH:
		/* Exited since it was selected: a scanned match that is
		 * gone is no longer a match; a named one is reported. */
		if (p->by_scan && !s->opt->interactive) {
			if (s->opt->verbose)
				msg("%d: exited before the signal; skipped",
				    (int)p->proc.pid);
			return 0;
		}
		return refuse(EXIT_NOMATCH, "%d: process has exited; not "
			      "signalled", (int)p->proc.pid);
	case EPERM:
		return refuse_eperm(p, err);
	case EINVAL:
		if (!s->fs->own_ns)
			return refuse(EXIT_PARTIAL, "%d: cannot signal: it is "
				      "outside pfkill's pid namespace (/proc "
				      "belongs to another)", (int)p->proc.pid);
		/* fall through */
	default:
		return refuse(EXIT_PARTIAL, "%d: cannot signal: %s",
			      (int)p->proc.pid, strerror(err));
	}
}

int send_signal(struct sender *s, struct pick *p, int signo)
{
	const struct options *opt = s->opt;
	siginfo_t info, *infop = NULL;
	unsigned int flags = p->scope == SCOPE_GROUP ? PIDFD_SIGNAL_PROCESS_GROUP
			     : p->scope == SCOPE_THREAD ? PIDFD_SIGNAL_THREAD : 0;
	bool mrelease = opt->mrelease && signo == SIGKILL &&
			p->scope == SCOPE_PROCESS;

	/* process_mrelease needs a pidfd opened before KILL: once the
	 * process is reaped it can no longer be opened. */
	if (mrelease && p->pidfd < 0)
		p->pidfd = pfd_open_same(&p->proc, 0);
	if (opt->queue_given) {
		fill_queue_info(&info, signo, opt->queue_value);
		infop = &info;
	}
	p->result = pfd_send(p->pidfd >= 0 ? p->pidfd : p->proc.dirfd, signo,
			     infop, flags);
	if (p->result == -ENOSYS)
		no_pidfd_send();
	if (p->result != 0)
		return p->result;
	out_sent(s->out, p, signo);
	if (mrelease)
		release_memory(p);
	return 0;
}

int send_one(struct sender *s, struct pick *p, int signo)
{
	int rc = send_signal(s, p, signo);

	return rc == 0 ? 0 : send_report(s, p, rc);
}

/* -I: the whole answer line counts, as rm -i reads it. */
static bool send_confirm(struct sender *s, const struct pick *p)
{
	out_prompt(s->out, p, s->signo);
	if (getline(&s->answer, &s->answer_size, stdin) < 0) {
		fputc('\n', stderr);
		return false;
	}
	return s->answer[0] == 'y' || s->answer[0] == 'Y';
}

/* After the answer: is it still the process the question named?  The
 * dir fd pins the process; it may have exec'd something else. */
static int recheck(struct pick *p, bool full)
{
	char comm[sizeof(p->proc.comm)];
	char *cmdline = NULL;
	size_t len = p->proc.cmdline_len;
	unsigned int fields = PF_STAT | (full ? PF_CMDLINE : 0);
	int rc;

	memcpy(comm, p->proc.comm, sizeof(comm));
	if (full && p->proc.cmdline != NULL) {
		cmdline = xmalloc(len + 1);
		memcpy(cmdline, p->proc.cmdline, len + 1);
	}
	proc_forget(&p->proc);
	rc = proc_load(&p->proc, fields);
	if (rc != 0)
		rc = refuse(EXIT_NOMATCH, "%d: process has exited; not "
			    "signalled", (int)p->proc.pid);
	else if (strcmp(comm, p->proc.comm) != 0 ||
		 (cmdline && (len != p->proc.cmdline_len ||
			      memcmp(cmdline, p->proc.cmdline, len) != 0)))
		rc = refuse(EXIT_NOMATCH, "%d: changed while you answered (now "
			    "'%s'); not signalled", (int)p->proc.pid,
			    p->proc.comm);
	free(cmdline);
	return rc;
}

static void merge(struct sender *s, int status)
{
	s->status = status_merge(s->status, status);
}

void sender_take(void *ctx, struct pick *p)
{
	struct sender *s = ctx;
	int rc;

	out_prepare(s->out, p);
	if (options_listing(s->opt)) {
		out_listed(s->out, p);
		s->signalled++;
		return;
	}
	if (!s->checked) {
		require_pidfd_send();
		s->checked = true;
	}
	if (s->opt->interactive && !send_confirm(s, p)) {
		p->result = -ECANCELED;
	} else if (s->opt->interactive && (rc = recheck(p, s->opt->full)) != 0) {
		p->result = -ECANCELED;
		merge(s, rc);
	} else {
		merge(s, send_one(s, p, s->signo));
		if (p->result == 0)
			s->signalled++;
	}
	if (s->waiter != NULL)
		waiter_add(s->waiter, p);	/* takes p over */
	else
		out_result(s->out, p, false);
}

/* The fast path for -- -PGID: one send with PIDFD_SIGNAL_PROCESS_GROUP
 * on the leader's pidfd.  Only when nothing needs the members one by
 * one, the group is not pfkill's own, and the kernel has the flag
 * (probed with signal 0). */
bool sender_group(void *ctx, struct pick *leader)
{
	struct sender *s = ctx;
	const struct options *o = s->opt;

	if (options_listing(o) || s->waiter || o->interactive || o->count ||
	    o->json || matcher_filters_on(o) || !s->fs->own_ns ||
	    leader->proc.pgrp == getpgrp())
		return false;
	leader->pidfd = pfd_open_same(&leader->proc, 0);
	if (leader->pidfd < 0 ||
	    pfd_send(leader->pidfd, 0, NULL, PIDFD_SIGNAL_PROCESS_GROUP) == -EINVAL)
		return false;
	leader->scope = SCOPE_GROUP;
	merge(s, send_one(s, leader, s->signo));
	if (leader->result == 0)
		s->signalled++;
	return true;
}
