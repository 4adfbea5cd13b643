#ifndef PFKILL_THREAD_H
#define PFKILL_THREAD_H

#include <stddef.h>

#include "options.h"
#include "targets.h"

/* --tid TID: signal one thread through a PIDFD_THREAD pidfd.  An
 * operand, if given, must be the pid of the thread's process.  Exits 3
 * on kernels without thread pidfds. */
int thread_signal(const struct options *opt, const struct target *targets,
		  size_t ntargets);

#endif
