#ifndef PFKILL_CHECK_H
#define PFKILL_CHECK_H

#include "match.h"
#include "options.h"
#include "proc.h"

/* The identity checks for a process named by pid, handle or pidfile:
 * --expect-name, --expect-exe, --started-before, the filters (-u ...),
 * and with use_patterns the patterns too.  All reads go through p's dir
 * fd.  Prints "LABEL: why" and returns an exit status, or 0 on a pass. */
int check_identity(const struct options *opt, const struct matcher *m,
		   struct proc *p, const char *label, bool use_patterns);

/* --expect-name, --expect-exe and --started-before only.  Returns 0,
 * or an exit status with the reason (escaped) in why. */
int check_expectations(const struct options *opt, struct proc *p, char *why,
		       size_t size);

/* Does name equal the process name?  Names longer than comm compare
 * their first 15 characters with comm and the whole with the basename of
 * argv[0] or of the executable, as killall does. */
bool check_name(struct proc *p, const char *name);

#endif
