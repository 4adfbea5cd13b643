#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "match.h"
#include "pidfd.h"
#include "proc.h"
#include "send.h"
#include "thread.h"
#include "util.h"

static int check_thread(const struct options *opt, struct proc *t,
			const struct target *owner, const char *label)
{
	struct matcher m;
	int rc;

	matcher_init(&m, opt, NULL, 0);
	rc = check_identity(opt, &m, t, label, false);
	matcher_free(&m);
	if (rc == 0 && owner != NULL && t->tgid != owner->pid) {
		msg("%s: thread does not belong to process %d", label,
		    (int)owner->pid);
		rc = EXIT_NOMATCH;
	}
	return rc;
}

int thread_signal(const struct options *opt, const struct target *targets,
		  size_t ntargets)
{
	struct proc t;
	char label[16];
	int rc;

	if (ntargets > 1 || (ntargets == 1 && targets[0].kind != T_PID))
		usage_error("--tid takes at most one operand, the pid of the "
			    "thread's process");
	rc = proc_open_pid(&t, AT_FDCWD, opt->tid);
	t.is_thread = true;
	if (rc == 0) {
		t.pidfd = pfd_open(opt->tid, PIDFD_THREAD);
		if (t.pidfd == -EINVAL)
			fatal("--tid: this kernel cannot open thread pidfds "
			      "(PIDFD_THREAD needs Linux 6.9 or later)");
	}
	/* The dir was opened before the pidfd; reading through it now
	 * proves the tid was not reused in between. */
	if (rc != 0 || t.pidfd < 0 || proc_load(&t, PF_STAT | PF_STATUS) != 0) {
		msg("%d: no such thread", (int)opt->tid);
		proc_release(&t);
		return EXIT_NOMATCH;
	}
	snprintf(label, sizeof(label), "%d", (int)opt->tid);
	rc = check_thread(opt, &t, ntargets ? &targets[0] : NULL, label);
	if (rc == 0) {
		require_pidfd_send();
		rc = send_one(opt, &t, opt->signo);
	}
	proc_release(&t);
	return rc;
}
