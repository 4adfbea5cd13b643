#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"
#include "util.h"

void proc_init(struct proc *p, pid_t pid)
{
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->dirfd = -1;
	p->pidfd = -1;
}

/* openat, but a full fd table is fatal rather than "no such file". */
static int open_at(int dirfd, const char *name, int flags, const char *what)
{
	int fd = openat(dirfd, name, flags | O_CLOEXEC);

	if (fd < 0) {
		fd = -errno;
		fd_limit_check(fd, what);
	}
	return fd;
}

int proc_open(struct proc *p, int procfd, const char *name)
{
	p->dirfd = open_at(procfd, name, O_RDONLY | O_DIRECTORY, "/proc");
	return p->dirfd < 0 ? p->dirfd : 0;
}

int proc_open_pid(struct proc *p, int procfd, pid_t pid)
{
	char name[32];

	proc_init(p, pid);
	snprintf(name, sizeof(name), "%s%d", procfd == AT_FDCWD ? "/proc/" : "",
		 (int)pid);
	return proc_open(p, procfd, name);
}

void proc_release(struct proc *p)
{
	if (p->dirfd >= 0)
		close(p->dirfd);
	if (p->pidfd >= 0)
		close(p->pidfd);
	free(p->cmdline);
	p->dirfd = p->pidfd = -1;
	p->cmdline = NULL;
}

/* Read a small file in as few reads as possible: /proc files we read
 * here end in '\n', and one read returns all of a file that fits. */
static ssize_t read_small(int dirfd, const char *name, char *buf, size_t size)
{
	int fd = open_at(dirfd, name, O_RDONLY, name);
	size_t len = 0;

	if (fd < 0)
		return fd;
	while (len < size - 1) {
		ssize_t n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			int err = errno;
			close(fd);
			return -err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (buf[len - 1] == '\n')
			break;
	}
	close(fd);
	buf[len] = '\0';
	return (ssize_t)len;
}

int proc_read_all(const struct proc *p, const char *name, char **out,
		  size_t *outlen)
{
	int fd = open_at(p->dirfd, name, O_RDONLY, name);
	size_t len = 0, cap = 4096;
	char *buf;

	if (fd < 0)
		return fd;
	buf = xmalloc(cap);
	for (;;) {
		if (cap - len < 2)
			buf = xrealloc(buf, cap *= 2);
		ssize_t n = read(fd, buf + len, cap - 1 - len);
		if (n < 0) {
			int err = errno;
			close(fd);
			free(buf);
			return -err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

static void set_comm(struct proc *p, const char *s, size_t len)
{
	if (len > PROC_COMM_MAX)
		len = PROC_COMM_MAX;
	memcpy(p->comm, s, len);
	p->comm[len] = '\0';
	p->loaded |= PF_COMM;
}

bool proc_parse_stat(struct proc *p, const char *buf, size_t len)
{
	/* "pid (comm) state ppid ...": comm may hold ')', so use the last. */
	const char *open = memchr(buf, '(', len);
	const char *close = memrchr(buf, ')', len);
	unsigned long long start;
	int ppid, pgrp, session, tty;
	char state;

	if (open == NULL || close == NULL || close < open)
		return false;
	/* Fields 3..22: state ppid pgrp session tty_nr tpgid flags minflt
	 * cminflt majflt cmajflt utime stime cutime cstime priority nice
	 * num_threads itrealvalue starttime. */
	if (sscanf(close + 1,
		   " %c %d %d %d %d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d"
		   " %*d %*d %*d %*d %llu",
		   &state, &ppid, &pgrp, &session, &tty, &start) != 6)
		return false;
	set_comm(p, open + 1, (size_t)(close - open - 1));
	p->state = state;
	p->ppid = ppid;
	p->pgrp = pgrp;
	p->session = session;
	p->tty = tty;
	p->starttime = start;
	p->loaded |= PF_STAT;
	return true;
}

/* Value after "\nKey:" in a status buffer, or NULL.  The Name line
 * escapes newlines, so a key can only match at a real line start. */
static const char *status_field(const char *buf, size_t len, const char *key)
{
	size_t klen = strlen(key);
	const char *at = memmem(buf, len, key, klen);

	return at == NULL ? NULL : at + klen;
}

bool proc_parse_status(struct proc *p, const char *buf, size_t len)
{
	const char *uid = status_field(buf, len, "\nUid:");
	const char *gid = status_field(buf, len, "\nGid:");
	const char *cgt = status_field(buf, len, "\nSigCgt:");
	const char *tgid = status_field(buf, len, "\nTgid:");
	unsigned int ruid, euid, rgid, egid, tg;
	uint64_t sigcgt;

	if (uid == NULL || gid == NULL || cgt == NULL || tgid == NULL)
		return false;
	if (sscanf(tgid, "%u", &tg) != 1 ||
	    sscanf(uid, "%u %u", &ruid, &euid) != 2 ||
	    sscanf(gid, "%u %u", &rgid, &egid) != 2 ||
	    sscanf(cgt, "%" SCNx64, &sigcgt) != 1)
		return false;
	p->tgid = (pid_t)tg;
	p->ruid = ruid;
	p->euid = euid;
	p->rgid = rgid;
	p->egid = egid;
	p->sigcgt = sigcgt;
	p->loaded |= PF_STATUS;
	return true;
}

static int load_comm(struct proc *p)
{
	char buf[PROC_COMM_MAX + 2];
	ssize_t n = read_small(p->dirfd, "comm", buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	set_comm(p, buf, (size_t)n);
	return 0;
}

static int load_stat(struct proc *p)
{
	char buf[1024];
	ssize_t n = read_small(p->dirfd, "stat", buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return proc_parse_stat(p, buf, (size_t)n) ? 0 : -EINVAL;
}

static int load_status(struct proc *p)
{
	char buf[16384];
	/* status starts "Name:\t..."; parse it as if preceded by a newline
	 * so every key, the first included, is found at a line start. */
	buf[0] = '\n';
	ssize_t n = read_small(p->dirfd, "status", buf + 1, sizeof(buf) - 1);

	if (n < 0)
		return (int)n;
	if (n == 0)
		return -ESRCH;	/* a reaped process reads as empty */
	return proc_parse_status(p, buf, (size_t)n + 1) ? 0 : -EINVAL;
}

static int load_cmdline(struct proc *p)
{
	int rc = proc_read_all(p, "cmdline", &p->cmdline, &p->cmdline_len);

	if (rc == 0)
		p->loaded |= PF_CMDLINE;
	return rc;
}

int proc_load(struct proc *p, unsigned int fields)
{
	unsigned int want = fields & ~p->loaded;
	int rc = 0;

	if (want & PF_STAT)
		rc = load_stat(p);
	else if (want & PF_COMM)
		rc = load_comm(p);
	if (rc == 0 && (want & PF_STATUS))
		rc = load_status(p);
	if (rc == 0 && (want & PF_CMDLINE))
		rc = load_cmdline(p);
	return rc;
}

int proc_readlink(const struct proc *p, const char *name, char *buf,
		  size_t size)
{
	ssize_t n = readlinkat(p->dirfd, name, buf, size - 1);

	if (n < 0)
		return -errno;
	if ((size_t)n >= size - 1)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	return 0;
}

unsigned long long proc_ns_inode(const struct proc *p, const char *name)
{
	char path[32];
	struct stat st;

	snprintf(path, sizeof(path), "ns/%s", name);
	if (fstatat(p->dirfd, path, &st, 0) != 0)
		return 0;
	return (unsigned long long)st.st_ino;
}

static bool all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

int proc_scan(int procfd, proc_visit_fn visit, void *ctx)
{
	char buf[32768] __attribute__((aligned(8)));
	ssize_t n;

	if (lseek(procfd, 0, SEEK_SET) < 0)
		return -errno;
	while ((n = getdents64(procfd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			off += d->d_reclen;
			if (d->d_type != DT_DIR && d->d_type != DT_UNKNOWN)
				continue;
			if (!all_digits(d->d_name))
				continue;
			if (!visit((pid_t)atoi(d->d_name), d->d_name, ctx))
				return 0;
		}
	}
	return n < 0 ? -errno : 0;
}

long proc_ticks_per_second(void)
{
	long hz = sysconf(_SC_CLK_TCK);

	return hz > 0 ? hz : 100;
}

double proc_uptime(void)
{
	return clock_seconds(CLOCK_BOOTTIME);
}

double proc_start_time(const struct proc *p)
{
	double age = proc_uptime() -
		     (double)p->starttime / (double)proc_ticks_per_second();

	return clock_seconds(CLOCK_REALTIME) - age;
}

size_t proc_cmdline_used(const struct proc *p)
{
	size_t len = p->cmdline_len;

	while (len > 0 && p->cmdline[len - 1] == '\0')
		len--;
	return len;
}

bool proc_long_name_any(struct proc *p, const char *name, bool icase,
			proc_name_test test, const void *ctx)
{
	char exe[PATH_MAX];

	if (strlen(name) <= PROC_COMM_VISIBLE ||
	    strlen(p->comm) != PROC_COMM_VISIBLE ||
	    (icase ? strncasecmp(name, p->comm, PROC_COMM_VISIBLE)
		   : strncmp(name, p->comm, PROC_COMM_VISIBLE)) != 0)
		return false;

	if (proc_load(p, PF_CMDLINE) == 0 && p->cmdline_len > 0) {
		char *argv0 = xstrdup(p->cmdline);
		bool hit = test(basename(argv0), ctx);
		free(argv0);
		if (hit)
			return true;
	}
	return proc_readlink(p, "exe", exe, sizeof(exe)) == 0 &&
	       test(basename(exe), ctx);
}
