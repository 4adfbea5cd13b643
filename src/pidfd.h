#ifndef PFKILL_PIDFD_H
#define PFKILL_PIDFD_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

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

/* Open a pidfd for pid and prove it names the same process as dirfd,
 * the /proc/<pid> directory opened earlier.  Returns the pidfd, or
 * -ESRCH when the process has exited, or another -errno. */
int pfd_open_same(pid_t pid, int dirfd);

/* The pidfs inode of a pidfd (unique for the boot), or 0 when pidfds do
 * not live on pidfs (Linux < 6.9). */
unsigned long long pfd_inode(int pidfd);

#endif
