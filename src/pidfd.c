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

int pfd_open_same(pid_t pid, int dirfd)
{
	int pidfd = pfd_open(pid, 0);

	if (pidfd < 0)
		return pidfd;
	/* The dir fd still names a live (or zombie) process now, so pid has
	 * not been reused since the dir was opened: pidfd names the same. */
	int rc = pfd_send(dirfd, 0, NULL, 0);
	if (rc == 0 || rc == -EPERM)
		return pidfd;
	close(pidfd);
	return rc;
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
