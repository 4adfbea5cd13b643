#ifndef PFKILL_SELECT_H
#define PFKILL_SELECT_H

#include <stddef.h>

#include "match.h"
#include "options.h"
#include "proc.h"
#include "targets.h"

/* The processes to act on, each pinned by its own dir fd. */
struct selection {
	struct proc **procs;
	size_t n, cap;
	int status;	/* worst exit status met while selecting */
};

/* Resolve every target (operands and -F) into sel.  Opens /proc once and
 * scans it at most once.  Exits on fatal and usage errors. */
void select_processes(const struct options *opt, struct target *targets,
		      size_t ntargets, struct selection *sel);

void selection_free(struct selection *sel);

#endif
