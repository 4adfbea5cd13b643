/* SPDX-License-Identifier: GPL-2.0-or-later */
/* scan.c: the cheap first look at every process, over threads. */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"
#include "util.h"

/* Workers take this many pids at a time from a shared counter. */
#define SCAN_CHUNK 128

struct scan_job {
	const pid_t *pids;
	size_t n;
	bool *keep;
	scan_look_fn look;
	atomic_size_t next;
};

struct scan_worker {
	struct scan_job *job;
	void *ctx;
	pthread_t thread;
};

/* The CPUs pfkill may run on (taskset, cgroup cpusets), not all there are. */
static long usable_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		return CPU_COUNT(&set);
	return sysconf(_SC_NPROCESSORS_ONLN);
}

unsigned int scan_workers(size_t n, unsigned int cap)
{
	long cpus = usable_cpus();
	size_t w;

	if (n < SCAN_PARALLEL_MIN || cpus <= 1)
		return 1;
	w = n / SCAN_PER_WORKER;
	if (w > (size_t)cpus)
		w = (size_t)cpus;
	if (cap && w > cap)
		w = cap;
	return w ? (unsigned int)w : 1;
}

static void *work(void *arg)
{
	struct scan_worker *w = arg;
	struct scan_job *job = w->job;

	for (;;) {
		size_t at = atomic_fetch_add(&job->next, SCAN_CHUNK);
		if (at >= job->n)
			return NULL;
		size_t end = at + SCAN_CHUNK < job->n ? at + SCAN_CHUNK : job->n;
		for (size_t i = at; i < end; i++)
			job->keep[i] = job->look(w->ctx, job->pids[i]);
	}
}

void scan_look_all(const pid_t *pids, size_t n, bool *keep,
		   unsigned int nworkers, scan_look_fn look, void *const *ctxs)
{
	struct scan_job job = { pids, n, keep, look, 0 };
	struct scan_worker *w = xcalloc(nworkers, sizeof(*w));

	for (unsigned int i = 0; i < nworkers; i++) {
		w[i].job = &job;
		w[i].ctx = ctxs[i];
	}
	for (unsigned int i = 1; i < nworkers; i++) {
		int rc = pthread_create(&w[i].thread, NULL, work, &w[i]);
		if (rc != 0)
			fatal("cannot start a scan thread: %s", strerror(rc));
	}
	work(&w[0]);
	for (unsigned int i = 1; i < nworkers; i++)
		pthread_join(w[i].thread, NULL);
	free(w);
}
