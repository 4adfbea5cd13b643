#ifndef PFKILL_PIDFILE_H
#define PFKILL_PIDFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Largest pidfile pfkill reads: a pid and some whitespace. */
#define PIDFILE_MAX 4096

/* Parse pidfile contents: one decimal pid, surrounding whitespace
 * allowed.  Exposed for the fuzzers. */
bool pidfile_parse(const char *buf, size_t len, pid_t *pid);

/* Open and check a pidfile without ever blocking or following a final
 * symlink: a regular file, small, not world-writable, owned by root or
 * the caller (unless constrained, when another matcher also pins the
 * process), locked when need_lock.  On success stores the pid and the
 * file's status and returns 0; otherwise prints why and returns the
 * exit status (1: stale or absent, 2: not a pidfile, 4: unreadable). */
int pidfile_read(const char *path, bool need_lock, bool constrained,
		 pid_t *pid, struct stat *st);

#endif
