/* SPDX-License-Identifier: GPL-2.0-or-later */
/* thread.c: --tid, one thread through a thread pidfd. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "match.h"
#include "output.h"
#include "pidfd.h"
#include "send.h"
#include "thread.h"
#include "util.h"

/* The thread must be someone else's, belong to the named process, and
 * pass the filters. */
static int check_thread(const struct options *opt, struct proc *t,
			const struct target *owner, const char *label)
{
	struct matcher m;
	struct why why;
	int rc;

	if (t->tgid == getpid())
		return refuse(EXIT_NOMATCH, "%s: is a thread of pfkill itself; "
			      "not signalling it", label);
	if (owner != NULL && t->tgid != owner->pid)
		return refuse(EXIT_NOMATCH, "%s: thread does not belong to "
			      "process %d", label, (int)owner->pid);
	matcher_init(&m, opt, t->fs, NULL, 0);
	rc = matcher_judge(&m, t, false, &why);
	matcher_free(&m);
	if (rc != 0)
		msg("%s: %s", label, why.text);
	return rc;
}

/* Open the thread and a proven thread pidfd; 0 or the status, said. */
static int open_thread(struct pick *t, const char *label)
{
	int rc = proc_open(&t->proc);

	if (rc == 0)
		t->pidfd = pfd_open_same(&t->proc, PIDFD_THREAD);
	if (t->pidfd == -EXDEV)
		pfd_foreign_fatal(t->proc.fs, "--tid");
	if (t->pidfd == -EINVAL)
		fatal("--tid: this kernel cannot open thread pidfds "
		      "(PIDFD_THREAD needs Linux 6.9 or later)");
	if (rc != 0 || t->pidfd < 0 || proc_load(&t->proc, PF_STAT | PF_STATUS) != 0)
		return refuse(EXIT_NOMATCH, "%s: no such thread", label);
	return 0;
}

int thread_signal(const struct options *opt, const struct procfs *fs,
		  const struct target *targets, size_t ntargets)
{
	struct output out;
	struct sender s;
	struct pick t;
	char label[PROC_PID_TEXT];
	int rc;

	if (ntargets > 1 || (ntargets == 1 && targets[0].kind != T_PID))
		usage_error("--tid takes at most one operand, the pid of the "
			    "thread's process");
	snprintf(label, sizeof(label), "%d", (int)opt->tid);
	pick_init(&t, fs, opt->tid);
	t.scope = SCOPE_THREAD;
	rc = open_thread(&t, label);
	if (rc == 0)
		rc = check_thread(opt, &t.proc, ntargets ? &targets[0] : NULL,
				  label);
	if (rc == 0) {
		require_pidfd_send();
		out_init(&out, opt);
		sender_init(&s, opt, fs, &out, NULL, opt->signo);
		rc = send_one(&s, &t, opt->signo);
		sender_free(&s);
	}
	pick_release(&t);
	return rc;
}
