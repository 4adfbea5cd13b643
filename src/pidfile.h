/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pidfiles: reading one without ever blocking or being fooled, whether
 * a process is the one its pidfile names, and removing it. */
#ifndef PFKILL_PIDFILE_H
#define PFKILL_PIDFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "proc.h"

/* Largest pidfile pfkill reads: a pid and some whitespace. */
#define PIDFILE_MAX 4096

/* Parse pidfile contents: one decimal pid, surrounding whitespace
 * allowed.  Exposed for the fuzzers. */
bool pidfile_parse(const char *buf, size_t len, pid_t *pid);

/* Open and check a pidfile without ever blocking or following a final
 * symlink: a small regular file, locked when need_lock.  Written only by
 * root or the caller, unless pinned (a check that names the process,
 * such as --expect-exe, will hold the process to more than the file
 * says).  On success stores the pid and the file's status and returns
 * 0; otherwise prints why and returns the exit status (1: absent or
 * empty, 2: not a pidfile, or unsafe, 4: unreadable). */
int pidfile_read(const char *path, bool need_lock, bool pinned,
		 pid_t *pid, struct stat *st);

/* Does p hold the pidfile st open for writing, as a daemon that locks
 * its pidfile does?  Read through p's dir fd. */
bool pidfile_held_by(const struct proc *p, const struct stat *st);

/* Remove the pidfile at path if it is still the file st; prints why not. */
void pidfile_remove_file(const char *path, const struct stat *st);

#endif
