/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --tid: signalling one thread. */
#ifndef PFKILL_THREAD_H
#define PFKILL_THREAD_H

#include <stddef.h>

#include "options.h"
#include "proc.h"
#include "targets.h"

/* --tid TID: signal one thread through a PIDFD_THREAD pidfd.  An
 * operand, if given, must be the pid of the thread's process.  Exits 3
 * on kernels without thread pidfds, and where /proc cannot prove a
 * pidfd. */
int thread_signal(const struct options *opt, const struct procfs *fs,
		  const struct target *targets, size_t ntargets);

#endif
