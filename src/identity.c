/* SPDX-License-Identifier: GPL-2.0-or-later */
/* identity.c: is a named process the one the user meant? */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "identity.h"
#include "pidfile.h"
#include "util.h"

/* /proc/<tid> of a thread that is not its process's leader opens like
 * a process, but a signal sent through it goes to the whole process,
 * and its name is the thread's, which the process sets at will. */
static int refuse_thread(struct proc *p, const char *label)
{
	int rc = proc_load(p, PF_STATUS);

	if (rc != 0 || p->tgid == p->pid)
		return 0;	/* a read that fails is judged later */
	return refuse(EXIT_NOMATCH, "%s: is a thread of process %d, not a "
		      "process; name %d, or use --tid %d for the thread",
		      label, (int)p->tgid, (int)p->tgid, (int)p->pid);
}

static int judged(const struct matcher *m, struct proc *p, const char *label,
		  bool use_patterns)
{
	struct why why;
	int rc = matcher_judge(m, p, use_patterns, &why);

	if (rc != 0)
		msg("%s: %s", label, why.text);
	return rc;
}

int identity_named(const struct matcher *m, struct proc *p,
		   const struct target *t, const char *label)
{
	int rc = refuse_thread(p, label);

	if (rc == 0 && t->kind != T_PID)
		rc = target_verify_handle(t, p);
	if (rc == 0)
		rc = judged(m, p, label, false);
	return rc;
}

/* Mtime and start time are both coarse: allow a clock tick and a bit. */
static bool started_by_mtime(const struct proc *p, const struct stat *st)
{
	double slack = 1.0 / (double)proc_ticks_per_second() + 0.005;

	return proc_start_time(p) <= timespec_seconds(&st->st_mtim) + slack;
}

int identity_pidfile(const struct matcher *m, struct proc *p,
		     const struct stat *st, const char *label,
		     bool use_patterns)
{
	int rc = proc_load(p, PF_STAT);

	if (proc_gone(rc))
		return refuse(EXIT_NOMATCH, "%s: not running (stale pidfile)",
			      label);
	if (rc != 0)
		return refuse(EXIT_PARTIAL, "%s: cannot read /proc/%d/stat: %s",
			      label, (int)p->pid, strerror(-rc));
	if (p->state == 'Z' || p->state == 'X')
		return refuse(EXIT_NOMATCH, "%s: is a zombie: it has exited, and "
			      "its parent has not reaped it yet", label);
	rc = refuse_thread(p, label);
	if (rc != 0)
		return rc;
	/* A process younger than the file is another one that took the pid
	 * -- unless it holds the file open for writing (its own pidfile,
	 * written before a step of the clock made the file look old). */
	if (!started_by_mtime(p, st) && !pidfile_held_by(p, st))
		return refuse(EXIT_NOMATCH, "%s: started after the pidfile was "
			      "written: stale pidfile, the pid now belongs to "
			      "another process", label);
	return judged(m, p, label, use_patterns);
}

bool identity_pidfile_gone(const struct procfs *fs, pid_t pid,
			   const struct stat *st)
{
	struct proc p;
	bool gone;

	proc_init(&p, fs, pid);
	if (proc_open(&p) != 0 || proc_load(&p, PF_STAT) != 0)
		gone = true;
	else
		gone = p.state == 'Z' || p.state == 'X' ||
		       (!started_by_mtime(&p, st) && !pidfile_held_by(&p, st));
	proc_release(&p);
	return gone;
}
