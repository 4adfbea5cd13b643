/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pidfd.c: pidfd system calls and the proof of identity. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pidfd.h"
#include "util.h"

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_process_mrelease
#define SYS_process_mrelease 448
#endif
#ifndef PID_FS_MAGIC
#define PID_FS_MAGIC 0x50494446
#endif

static int neg_errno(long rc)
{
	return rc < 0 ? -errno : (int)rc;
}

int pfd_send(int fd, int signo, siginfo_t *info, unsigned int flags)
{
	return neg_errno(syscall(SYS_pidfd_send_signal, fd, signo, info, flags));
}

int pfd_open(pid_t pid, unsigned int flags)
{
	int fd = neg_errno(syscall(SYS_pidfd_open, pid, flags));

	fd_limit_check(fd, "pidfd_open");
	return fd;
}

int pfd_mrelease(int pidfd)
{
	return neg_errno(syscall(SYS_process_mrelease, pidfd, 0));
}

bool pfd_available(void)
{
	/* An invalid fd gives EBADF where the call exists, ENOSYS where not. */
	return pfd_send(-1, 0, NULL, 0) != -ENOSYS;
}

int pfd_open_same(const struct proc *p, unsigned int flags)
{
	if (!p->fs->own_ns)
		return -EXDEV;
	int pidfd = pfd_open(p->pid, flags);
	if (pidfd < 0)
		return pidfd;
	int rc = pfd_send(p->dirfd, 0, NULL, 0);
	if (rc == 0 || rc == -EPERM)
		return pidfd;
	close(pidfd);
	return rc;
}

void pfd_foreign_fatal(const struct procfs *fs, const char *what)
{
	if (fs->self)
		fatal("%s needs a pidfd, but /proc belongs to another pid "
		      "namespace (it numbers pfkill %d, pfkill is %d): mount "
		      "the procfs of this namespace on /proc",
		      what, (int)fs->self, (int)getpid());
	fatal("%s needs a pidfd, but /proc belongs to another pid namespace "
	      "(pfkill is not in it): mount the procfs of this namespace on "
	      "/proc", what);
}

unsigned long long pfd_inode(int pidfd)
{
	struct statfs sfs;
	struct stat st;

	if (fstatfs(pidfd, &sfs) != 0 || sfs.f_type != PID_FS_MAGIC)
		return 0;
	if (fstat(pidfd, &st) != 0)
		return 0;
	return (unsigned long long)st.st_ino;
}
