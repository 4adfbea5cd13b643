/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The operands: pids, handles, process groups, patterns; and the
 * handles pfkill prints for processes. */
#ifndef PFKILL_TARGETS_H
#define PFKILL_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "proc.h"

enum target_kind {
	T_PID,		/* 1234 */
	T_HANDLE_INODE,	/* 1234:INODE (pidfs inode) */
	T_HANDLE_START,	/* 1234@STARTTIME (clock ticks since boot) */
	T_PGROUP,	/* -1234 */
	T_ALL,		/* -1, and -01 as kill(1) reads it */
	T_PATTERN,	/* anything else */
};

struct target {
	enum target_kind kind;
	const char *arg;
	pid_t pid;
	unsigned long long id;	/* inode or start time of a handle */
};

/* A handle as text: "PID:INODE" or "PID@STARTTIME". */
#define HANDLE_MAX 48

/* Classify one operand.  Returns NULL, or what is wrong with a
 * malformed pid, handle or group ("invalid pid"). */
const char *target_parse(const char *arg, struct target *t);

/* Is t named by number (a pid or a handle), not by pattern or group? */
bool target_is_pid(const struct target *t);

/* The handle of p (opened): "PID:INODE" where pidfds live on pidfs and
 * can be proven, otherwise "PID@STARTTIME".  Returns false if p has
 * exited. */
bool target_handle(struct proc *p, char *buf, size_t size);

/* Does p (opened from t) still have t's identity?  Prints why not and
 * returns the exit status to report, or 0 when it does. */
int target_verify_handle(const struct target *t, struct proc *p);

#endif
