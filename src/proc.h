/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading /proc: the procfs pfkill works on, and one process's files
 * and their formats. */
#ifndef PFKILL_PROC_H
#define PFKILL_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "util.h"

/* The kernel's comm is 16 bytes for tasks; kernel threads may show up
 * to 64.  comm keeps PROC_COMM_VISIBLE characters of a process name. */
#define PROC_COMM_MAX 64
#define PROC_COMM_VISIBLE 15
/* A decimal pid and its NUL. */
#define PROC_PID_TEXT 16

/* The /proc pfkill reads.  Only when it is the procfs of pfkill's own
 * pid namespace (own_ns) does a pid number name the same process there
 * and in pidfd_open(2). */
struct procfs {
	int fd;
	pid_t self;	/* pfkill as this /proc numbers it; 0 if invisible */
	bool own_ns;
};

/* Open /proc and find out whose it is; exits 3 when no procfs is
 * mounted there. */
void procfs_open(struct procfs *fs);
void procfs_close(struct procfs *fs);

/* pfkill's ancestors as this /proc numbers them, parent first, pid 1
 * left out (empty when pfkill is not in it). */
void procfs_ancestors(const struct procfs *fs, struct id_list *out);

/* Every numeric entry of /proc, in the order getdents gives (rising
 * pids); *pids is malloc'd.  Returns 0 or -errno. */
int procfs_list(const struct procfs *fs, pid_t **pids, size_t *n);

/* Which files have been read into a struct proc. */
enum proc_field {
	PF_COMM = 1 << 0,
	PF_STAT = 1 << 1,	/* implies PF_COMM */
	PF_STATUS = 1 << 2,
	PF_CMDLINE = 1 << 3,
};

/* One process.  Until proc_open, its files are read by path from the
 * /proc fd: a cheap first look that a recycled pid can fool.  After
 * proc_open every read goes through the /proc/<pid> directory fd, so
 * once the process is reaped every read fails with ESRCH: what is read
 * then is the process the fd pins, and the decision rests on that. */
struct proc {
	pid_t pid;
	char name[PROC_PID_TEXT];
	const struct procfs *fs;
	int dirfd;
	unsigned int loaded;	/* enum proc_field bits */

	char comm[PROC_COMM_MAX + 1];
	char state;
	pid_t ppid, pgrp, session;
	int tty;
	unsigned long long starttime;	/* clock ticks since boot */

	pid_t tgid;		/* from status; differs from pid for threads */
	uid_t ruid, euid;
	gid_t rgid, egid;
	uint64_t sigcgt;

	char *cmdline;		/* raw, NUL separated, NUL terminated */
	size_t cmdline_len;
};

void proc_init(struct proc *p, const struct procfs *fs, pid_t pid);

/* Open /proc/<pid> and forget what was read by path, so that it is read
 * again through the fd.  Returns 0 or -errno (-ENOENT: no such process). */
int proc_open(struct proc *p);

/* Close the dir fd but keep what was read (for output). */
void proc_close(struct proc *p);

/* Close the dir fd and free memory; proc_init may reuse the struct. */
void proc_release(struct proc *p);

/* Read what fields asks for and has not been read yet.  Returns 0, or
 * -ESRCH/-ENOENT when the process is gone, or another -errno. */
int proc_load(struct proc *p, unsigned int fields);

/* Forget what was read, so that proc_load reads it again. */
void proc_forget(struct proc *p);

/* Is err (a negative errno from a read) "the process is gone"? */
bool proc_gone(int err);

/* readlink(2) of a link below the process ("exe"); 0 or -errno. */
int proc_readlink(const struct proc *p, const char *file, char *buf,
		  size_t size);

/* stat(2) of what a link below the process points to ("exe", "fd/3"). */
int proc_stat_link(const struct proc *p, const char *file, struct stat *st);

/* A whole file below the process in a malloc'd, NUL-terminated buffer
 * (its length in *len).  Returns 0 or -errno. */
int proc_read_file(const struct proc *p, const char *file, char **buf,
		   size_t *len);

/* Namespace kinds, as named in /proc/<pid>/ns. */
#define PROC_NS_COUNT 8
extern const char *const proc_ns_names[PROC_NS_COUNT];

/* Inode of /proc/<pid>/ns/<kind>; 0 on error. */
unsigned long long proc_ns_inode(const struct proc *p, int kind);

/* tty_nr as /proc/<pid>/stat encodes a terminal's major and minor. */
long proc_tty_encode(unsigned int maj, unsigned int min);

/* Parsers, exposed for the fuzzers.  Return false on malformed input. */
bool proc_parse_stat(struct proc *p, const char *buf, size_t len);
bool proc_parse_status(struct proc *p, const char *buf, size_t len);

/* Clock ticks per second, for starttime. */
long proc_ticks_per_second(void);

/* Seconds since p started (needs PF_STAT); boot time based, so a step
 * of the wall clock does not change it. */
double proc_age(const struct proc *p);

/* Wall-clock start of p, now minus its age (needs PF_STAT). */
double proc_start_time(const struct proc *p);

/* Length of p's loaded command line without its trailing NULs. */
size_t proc_cmdline_used(const struct proc *p);

/* killall's way to see a name longer than comm can hold: when name is
 * longer and comm is its first PROC_COMM_VISIBLE characters (compared
 * ignoring case with icase), call test on the basename of argv[0], then
 * of the executable, until it returns true.  Needs PF_COMM. */
typedef bool (*proc_name_test)(const char *name, const void *ctx);
bool proc_long_name_any(struct proc *p, const char *name, bool icase,
			proc_name_test test, const void *ctx);

#endif
