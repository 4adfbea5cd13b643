/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Is a process named by pid, handle or pidfile the one the user meant?
 * Every check reads through the process's dir fd. */
#ifndef PFKILL_IDENTITY_H
#define PFKILL_IDENTITY_H

#include <stdbool.h>
#include <sys/stat.h>

#include "match.h"
#include "proc.h"
#include "targets.h"

/* p (opened) was named as t.  A thread id given as a pid is refused (it
 * is not a process); a handle must still name the same process; the
 * filters and --expect-* must hold.  Prints "LABEL: why" and returns an
 * exit status, or 0 when p is the one. */
int identity_named(const struct matcher *m, struct proc *p,
		   const struct target *t, const char *label);

/* p (opened) is the process a pidfile (status st) names.  It must have
 * started no later than the file was written, or hold the file open for
 * writing; then as identity_named, with the patterns when use_patterns.
 * Returns 0 or an exit status, having said why. */
int identity_pidfile(const struct matcher *m, struct proc *p,
		     const struct stat *st, const char *label,
		     bool use_patterns);

/* Is the process a pidfile named gone now: no such pid, a zombie, or a
 * pid that another process has taken since? */
bool identity_pidfile_gone(const struct procfs *fs, pid_t pid,
			   const struct stat *st);

#endif
