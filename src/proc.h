#ifndef PFKILL_PROC_H
#define PFKILL_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Which /proc files have been read into a struct proc. */
enum proc_field {
	PF_COMM = 1 << 0,
	PF_STAT = 1 << 1,	/* implies PF_COMM */
	PF_STATUS = 1 << 2,
	PF_CMDLINE = 1 << 3,
};

/* The kernel's comm is 16 bytes for tasks; kernel threads may show up to 64. */
#define PROC_COMM_MAX 64

/* One process, pinned by its /proc/<pid> directory fd.  Everything is
 * read through dirfd, so a recycled pid can never leak in: once the
 * process is reaped every read fails with ESRCH. */
struct proc {
	pid_t pid;
	int dirfd;
	int pidfd;		/* -1 until needed (waiting, handles) */
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

	/* What happened to it. */
	int result;		/* 0 signalled, -errno on failure */
	bool exited;
	double exit_after;	/* seconds from the first signal to the exit */
	bool by_pattern;	/* selected by a pattern or filters */
	bool whole_group;	/* stands for its whole process group */
	bool is_thread;		/* pidfd is a PIDFD_THREAD one (--tid) */
};

void proc_init(struct proc *p, pid_t pid);

/* Open /proc/<pid> relative to procfd (an fd on /proc).  name is the
 * decimal pid.  Returns 0 or -errno (-ENOENT: no such process). */
int proc_open(struct proc *p, int procfd, const char *name);

/* proc_init, then open /proc/<pid>: relative to procfd, an fd on /proc,
 * or by absolute path when procfd is AT_FDCWD.  Returns 0 or -errno. */
int proc_open_pid(struct proc *p, int procfd, pid_t pid);

/* Read what fields asks for and has not been read yet.  Returns 0, or
 * -ESRCH/-ENOENT when the process is gone, or another -errno. */
int proc_load(struct proc *p, unsigned int fields);

/* Close fds and free memory; the struct may be reused after proc_init. */
void proc_release(struct proc *p);

/* Read a symlink below the dir fd ("exe", "cwd"); returns 0 or -errno. */
int proc_readlink(const struct proc *p, const char *name, char *buf,
		  size_t size);

/* Read a whole file below the dir fd into a malloc'd, NUL-terminated
 * buffer (size in *len).  Returns 0 or -errno. */
int proc_read_all(const struct proc *p, const char *name, char **buf,
		  size_t *len);

/* Inode of /proc/<pid>/ns/<name>; 0 on error. */
unsigned long long proc_ns_inode(const struct proc *p, const char *name);

/* Parsers, exposed for the fuzzers.  Return false on malformed input. */
bool proc_parse_stat(struct proc *p, const char *buf, size_t len);
bool proc_parse_status(struct proc *p, const char *buf, size_t len);

/* Call visit(pid, name, ctx) for every numeric entry in /proc (procfd);
 * stops early when visit returns false.  Returns 0 or -errno. */
typedef bool (*proc_visit_fn)(pid_t pid, const char *name, void *ctx);
int proc_scan(int procfd, proc_visit_fn visit, void *ctx);

/* Clock ticks per second, for starttime. */
long proc_ticks_per_second(void);

/* Seconds since boot (CLOCK_BOOTTIME, the clock starttime counts in). */
double proc_uptime(void);

/* Length of p's loaded command line without its trailing NULs. */
size_t proc_cmdline_used(const struct proc *p);

/* comm keeps this many characters of a process name. */
#define PROC_COMM_VISIBLE 15

/* killall's way to see a name longer than comm can hold: when name is
 * longer and comm is its first PROC_COMM_VISIBLE characters (compared
 * ignoring case with icase), call test on the basename of argv[0], then
 * of the executable, until it returns true.  Reads through p's dir fd;
 * needs PF_COMM. */
typedef bool (*proc_name_test)(const char *name, const void *ctx);
bool proc_long_name_any(struct proc *p, const char *name, bool icase,
			proc_name_test test, const void *ctx);

/* Wall-clock start of p (seconds since the epoch); needs PF_STAT. */
double proc_start_time(const struct proc *p);

#endif
