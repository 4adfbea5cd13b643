/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Everything pfkill prints on stdout, and the per-process lines it
 * prints on stderr: one function per event.  Only this file decides
 * what an option such as --json or --count does to the output. */
#ifndef PFKILL_OUTPUT_H
#define PFKILL_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "options.h"
#include "selection.h"

struct output {
	const struct options *opt;
	size_t shown;		/* JSON objects or pids printed so far */
};

void out_init(struct output *o, const struct options *opt);

/* Read what the output will need about p while its dir fd is open
 * (the command line, the handle, the JSON fields). */
void out_prepare(const struct output *o, struct pick *p);

/* --list, --pids or --json without sending: p would be signalled. */
void out_listed(struct output *o, const struct pick *p);

/* A signal was sent to p (-e). */
void out_sent(struct output *o, const struct pick *p, int signo);

/* p's outcome for --json, once known (sent; exited when waited). */
void out_result(struct output *o, const struct pick *p, bool waited);

/* --until-gone killed cgroup path with cgroup.kill (-e). */
void out_cgroup_killed(struct output *o, const char *path);

/* p exited while pfkill waited (-e). */
void out_exited(struct output *o, const struct pick *p);

/* p was still running when the waiting ended (stderr). */
void out_survivor(const struct output *o, const struct pick *p,
		  const char *why);

/* -I: ask on stderr whether to send signo to p. */
void out_prompt(const struct output *o, const struct pick *p, int signo);

/* The end of the run: --count, the end of the JSON array or of the
 * --pids line.  count is the number of processes selected. */
void out_finish(struct output *o, size_t count);

/* --version: the name, the version and the licence. */
void out_version(void);

/* The process name (comm), or with full the command line ("[comm]" when
 * it has none, as ps shows it), escaped. */
void out_name(FILE *f, const struct proc *p, bool full);

#endif
