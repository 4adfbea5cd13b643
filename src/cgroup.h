/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cgroup v2: the kernel's atomic kill of a whole cgroup (Linux 5.14+). */
#ifndef PFKILL_CGROUP_H
#define PFKILL_CGROUP_H

#include "output.h"
#include "proc.h"

/* Kill every process of cgroup path (as /proc/<pid>/cgroup names it)
 * with cgroup.kill, and wait up to timeout (for ever when < 0) until
 * it is empty.  Returns the exit status; or -1 when cgroup.kill cannot
 * do exactly what the scan would: no cgroup2 mount or no cgroup.kill,
 * child cgroups (cgroup.kill reaches them, --cgroup does not), or
 * pfkill, pid 1 or an ancestor of pfkill inside. */
int cgroup_kill(const char *path, const struct procfs *fs, double timeout,
		struct output *out);

#endif
