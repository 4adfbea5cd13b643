/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pidfd system calls, and the proof that ties a pidfd to the
 * process a /proc/<pid> directory fd pins. */
#ifndef PFKILL_PIDFD_H
#define PFKILL_PIDFD_H

#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "proc.h"

/* Newer than the build machine's headers may be; the kernel decides. */
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif
#ifndef PIDFD_SIGNAL_THREAD
#define PIDFD_SIGNAL_THREAD (1U << 0)
#endif
#ifndef PIDFD_SIGNAL_THREAD_GROUP
#define PIDFD_SIGNAL_THREAD_GROUP (1U << 1)
#endif
#ifndef PIDFD_SIGNAL_PROCESS_GROUP
#define PIDFD_SIGNAL_PROCESS_GROUP (1U << 2)
#endif

/* pidfd_send_signal(2); returns 0 or -errno.  fd is a /proc/<pid>
 * directory fd or a pidfd. */
int pfd_send(int fd, int signo, siginfo_t *info, unsigned int flags);

/* pidfd_open(2); returns the fd or -errno. */
int pfd_open(pid_t pid, unsigned int flags);

/* process_mrelease(2); returns 0 or -errno. */
int pfd_mrelease(int pidfd);

/* True when the kernel has pidfd_send_signal (Linux 5.1+). */
bool pfd_available(void);

/* Open a pidfd (with flags) for the process p's dir fd pins, and prove
 * it is that process: the dir fd is opened first, so if a signal 0
 * through it still succeeds after pidfd_open, the pid was not reused in
 * between.  That holds only when p's /proc is the procfs of pfkill's pid
 * namespace; otherwise -EXDEV.  Returns the pidfd, -ESRCH when the
 * process has exited, or another -errno. */
int pfd_open_same(const struct proc *p, unsigned int flags);

/* Exit 3 because what needs a pidfd and /proc belongs to another pid
 * namespace, where pid numbers name other processes than pidfd_open's. */
_Noreturn void pfd_foreign_fatal(const struct procfs *fs, const char *what);

/* The pidfs inode of a pidfd (unique for the boot), or 0 when pidfds do
 * not live on pidfs (Linux < 6.9). */
unsigned long long pfd_inode(int pidfd);

#endif
