#ifndef PFKILL_MATCH_H
#define PFKILL_MATCH_H

#include <regex.h>
#include <stdbool.h>

#include "options.h"
#include "proc.h"

/* Patterns and filters, compiled once, tested per process. */
struct matcher {
	const struct options *opt;
	regex_t *res;
	bool *literal;			/* -x pattern without regex syntax */
	const char **patterns;
	size_t npatterns;
	unsigned int needs;		/* proc fields the filters read */
	double uptime;
	long hz;
	unsigned long long ns_inodes[NS_COUNT];
	long own_pgrp, own_session;
};

/* Compile patterns (exit 2 with the regex error on a bad one) and
 * prepare the filters of opt. */
void matcher_init(struct matcher *m, const struct options *opt,
		  const char **patterns, size_t npatterns);
void matcher_free(struct matcher *m);

/* Does p pass the filters and match a pattern (any, when there are
 * none)?  Reads through p's dir fd as needed; a process that vanishes or
 * cannot be read does not match.  --inverse is applied here. */
bool matcher_test(const struct matcher *m, struct proc *p);

/* Filters only (no patterns, no --inverse): for pidfile and pid checks. */
bool matcher_filters(const struct matcher *m, struct proc *p);

#endif
