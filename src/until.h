/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --until-gone: stop, signal and look again until nothing matches. */
#ifndef PFKILL_UNTIL_H
#define PFKILL_UNTIL_H

#include <stddef.h>

#include "options.h"
#include "proc.h"
#include "targets.h"

/* Scan, stop every new match, signal them, wait a moment, and scan
 * again, until no process matches or --timeout runs out (exit 5, naming
 * what is left).  One --cgroup alone with KILL uses cgroup.kill. */
int until_gone(const struct options *opt, const struct procfs *fs,
	       const struct target *targets, size_t ntargets);

#endif
