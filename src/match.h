/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Patterns and filters: which processes a run selects.  Every filter
 * is one row of a table in match.c: when it is on, which /proc fields
 * it reads, and its test. */
#ifndef PFKILL_MATCH_H
#define PFKILL_MATCH_H

#include <limits.h>
#include <regex.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "options.h"
#include "proc.h"

/* Why a process was not selected: "does not match -u (euid 1000)". */
#define WHY_MAX (PATH_MAX + 256)
struct why {
	char text[WHY_MAX];
	bool pattern_hit;	/* the pattern matched; a filter did not */
	bool gone;		/* the process exited while it was read */
	int err;		/* errno of a read that failed, or 0 */
};

struct filter;

/* Patterns and filters, compiled once, tested per process. */
struct matcher {
	const struct options *opt;
	regex_t *res;
	bool *literal;			/* -x pattern without regex syntax */
	const char **patterns;
	size_t npatterns;
	const struct filter **active;	/* the filters that are on */
	size_t nactive;
	unsigned int needs;		/* proc fields they read */
	unsigned long long ns_inodes[PROC_NS_COUNT];
	long own_pgrp, own_session;
	struct stat exe;		/* --expect-exe: the file itself */
	char exe_path[PATH_MAX];	/* and its canonical path */
};

/* Compile patterns (exit 2 with the regex error on a bad one) and
 * prepare the filters of opt (exit 2 when --ns or --expect-exe name
 * nothing).  fs is the /proc to read the --ns reference from. */
void matcher_init(struct matcher *m, const struct options *opt,
		  const struct procfs *fs, const char **patterns,
		  size_t npatterns);
void matcher_free(struct matcher *m);

/* A copy of src for another thread, with its own compiled patterns
 * (regexec serialises calls on one regex_t); free with matcher_free. */
void matcher_clone(struct matcher *dst, const struct matcher *src);

/* Does some option select processes by itself, without a pattern?
 * Modifiers such as -H narrow a selection but make none. */
bool matcher_selects(const struct options *opt);

/* Is any filter on? */
bool matcher_filters_on(const struct options *opt);

/* Is the filter for option (as "--cgroup") the only one on? */
bool matcher_only(const struct options *opt, const char *option);

/* Is the process selected?  With use_patterns the patterns count too,
 * and --inverse turns the answer round.  Returns 0 when selected; else
 * EXIT_NOMATCH, or EXIT_PARTIAL when a file could not be read, with the
 * reason in why.  Reads through the dir fd once p is opened, by path
 * before. */
int matcher_judge(const struct matcher *m, struct proc *p,
		  bool use_patterns, struct why *why);

/* Is name an exact name (-x and no regex syntax), which pins a process
 * as --expect-name does? */
bool matcher_exact_names(const struct matcher *m);

/* Would any pattern be cut short by comm (longer than 15 characters,
 * without -f or -x)?  Returns the first such pattern, or NULL. */
const char *matcher_long_pattern(const struct matcher *m);

#endif
