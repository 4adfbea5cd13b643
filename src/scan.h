/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The first, cheap look at every process in /proc, split over worker
 * threads when there are enough processes to pay for them. */
#ifndef PFKILL_SCAN_H
#define PFKILL_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Below this many processes one thread is faster (measured: bench/).
 * On 2 CPUs two threads break even at about 170 processes in /proc and
 * take 0.83 x the time of one at 370 (0.65 x at 1500): 300 keeps a
 * margin above the break-even. */
#define SCAN_PARALLEL_MIN 300
/* Processes per worker, at least, once parallel: half the above, so
 * that two workers start at SCAN_PARALLEL_MIN. */
#define SCAN_PER_WORKER 150

/* Is pid worth a closer look?  ctx is the worker's own context. */
typedef bool (*scan_look_fn)(void *ctx, pid_t pid);

/* How many workers to use for n processes: at most cap (0: no cap) and
 * the number of CPUs pfkill may run on. */
unsigned int scan_workers(size_t n, unsigned int cap);

/* keep[i] = look(ctxs[w], pids[i]) for every i, by nworkers workers
 * (the calling thread is worker 0).  Exits 3 if a thread cannot start. */
void scan_look_all(const pid_t *pids, size_t n, bool *keep,
		   unsigned int nworkers, scan_look_fn look, void *const *ctxs);

#endif
