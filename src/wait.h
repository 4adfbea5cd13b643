/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Waiting for signalled processes to exit: event-driven on pidfds, for
 * any number of processes whatever the fd limit. */
#ifndef PFKILL_WAIT_H
#define PFKILL_WAIT_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"
#include "output.h"
#include "selection.h"
#include "send.h"

/* Room for why survivors are named: "after the 5s timeout". */
#define WAIT_WHY_MAX 64

/* The waited-on processes.  Up to budget of them hold a pidfd in the
 * epoll set; the others are deferred with their identity (the pidfs
 * inode, else the start time) and get a pidfd as the first ones exit,
 * once proven to be the same process. */
struct waiter {
	const struct options *opt;
	struct output *out;
	int epfd;
	double t0;
	struct pick *v;
	unsigned long long *inode;	/* v[i]'s pidfs inode, or 0 */
	size_t n, cap, inode_cap;
	size_t held, budget;	/* pidfds in the epoll set, and the most */
	size_t alive;		/* signalled and not known to have exited */
	size_t next_deferred;	/* no deferred process before this index */
};

/* Exits 3 when /proc cannot prove pidfds (another pid namespace's). */
void waiter_init(struct waiter *w, const struct options *opt,
		 const struct procfs *fs, struct output *out);
void waiter_free(struct waiter *w);

/* Take over p, sent to or not (p is reset).  A signalled process is
 * waited on from here. */
void waiter_add(struct waiter *w, struct pick *p);

/* Wait until every process has exited, or secs have passed (for ever
 * when secs < 0).  Returns how many are still alive. */
size_t waiter_wait(struct waiter *w, double secs);

/* Send signo to every process still alive, from the from-th taken on. */
int waiter_signal(struct waiter *w, struct sender *s, int signo, size_t from);

/* Name the survivors (why: "after the 5s timeout"), print the JSON
 * results, and return 0, or 5 when some are still running. */
int waiter_finish(struct waiter *w, const char *why);

/* -w: wait up to --timeout for everything the sender signalled. */
int wait_for_exit(struct waiter *w, double timeout);

/* --retry: the schedule's first signal has gone out through the
 * sender; run the rest. */
int retry_run(struct waiter *w, struct sender *s);

#endif
