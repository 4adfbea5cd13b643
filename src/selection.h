/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Selection: named targets, pidfiles and the /proc scan, turned into a
 * stream of selected processes handed to the act step one by one. */
#ifndef PFKILL_SELECTION_H
#define PFKILL_SELECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "options.h"
#include "proc.h"
#include "targets.h"

enum pick_scope {
	SCOPE_PROCESS,
	SCOPE_GROUP,	/* the leader stands for its whole process group */
	SCOPE_THREAD,	/* one thread (--tid) */
};

/* One selected process and what became of it. */
struct pick {
	struct proc proc;	/* its dir fd is open while it is acted on */
	int pidfd;		/* -1 until needed */
	enum pick_scope scope;
	bool by_scan;		/* found by the scan, not named */
	char handle[HANDLE_MAX];	/* "" until output needs it */
	int result;		/* 0 signalled, -errno; -ECANCELED: declined */
	bool exited;
	double exit_after;	/* seconds from the first signal to the exit */
};

void pick_init(struct pick *p, const struct procfs *fs, pid_t pid);
/* Close the fds; keep what was read (for output). */
void pick_close(struct pick *p);
void pick_release(struct pick *p);

/* Where the selected processes go. */
struct sink {
	/* A process group named as -PGID, by its leader (opened, still
	 * leading the group).  Returns true when the group was dealt with
	 * as a whole; otherwise the scan finds its members. */
	bool (*group)(void *ctx, struct pick *leader);
	/* Every selected process, in order: named ones as given, then what
	 * the scan finds, by rising pid.  The pick is released afterwards
	 * unless take moved it elsewhere (and reset it with pick_init). */
	void (*take)(void *ctx, struct pick *pick);
	void *ctx;
	bool quiet;	/* a repeated scan: no hints on what did not match */
};

struct selection_report {
	int status;		/* the worst exit status met while selecting */
	size_t selected;	/* processes handed to take */
	size_t by_scan;		/* of those, found by the scan */
	bool pidfile_read;	/* -F held a pid: */
	pid_t pidfile_pid;	/* that pid */
	struct stat pidfile_st;	/* and the file as it was read */
};

/* Resolve targets (and -F) into processes for sink, reading fs.  Scans
 * /proc at most once.  Exits on fatal and usage errors before anything
 * is handed to the sink. */
void select_processes(const struct options *opt, const struct procfs *fs,
		      const struct target *targets, size_t ntargets,
		      const struct sink *sink, struct selection_report *rep);

#endif
