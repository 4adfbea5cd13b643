/* SPDX-License-Identifier: GPL-2.0-or-later */
/* proc.c: the /proc pfkill works on, and every /proc file format. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"
#include "util.h"

/* getdents64 buffer for the one pass over /proc. */
#define PROC_DENTS_BUF 32768
/* First buffer for a whole file; most /proc files fit. */
#define PROC_FILE_BUF 4096
/* A path below /proc: "<pid>/<file>" with file up to "fdinfo/<fd>". */
#define PROC_PATH_MAX (PROC_PID_TEXT + 64)

const char *const proc_ns_names[PROC_NS_COUNT] = {
	"ipc", "mnt", "net", "pid", "user", "uts", "cgroup", "time",
};

void procfs_open(struct procfs *fs)
{
	struct statfs sfs;
	char self[PROC_PID_TEXT];
	ssize_t n;

	fs->fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fs->fd < 0) {
		fd_limit_check(-errno, "/proc");
		fatal("/proc is not mounted: %s", strerror(errno));
	}
	if (fstatfs(fs->fd, &sfs) != 0 || sfs.f_type != PROC_SUPER_MAGIC)
		fatal("/proc is not mounted (no procfs there)");
	n = readlinkat(fs->fd, "self", self, sizeof(self) - 1);
	fs->self = 0;
	if (n > 0) {
		self[n] = '\0';
		if (!parse_pid(self, &fs->self))
			fs->self = 0;
	}
	fs->own_ns = fs->self == getpid();
}

void procfs_close(struct procfs *fs)
{
	if (fs->fd >= 0)
		close(fs->fd);
	fs->fd = -1;
}

/* How far up pfkill's ancestry to look (a loop guard). */
#define ANCESTORS_MAX 4096

void procfs_ancestors(const struct procfs *fs, struct id_list *out)
{
	struct proc p;
	pid_t pid = fs->self;

	while (pid > 0 && out->n < ANCESTORS_MAX) {
		proc_init(&p, fs, pid);
		pid = proc_load(&p, PF_STAT) == 0 ? p.ppid : 0;
		proc_release(&p);
		if (pid <= 1)
			break;
		id_list_add(out, pid);
	}
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

int procfs_list(const struct procfs *fs, pid_t **pids, size_t *n)
{
	char buf[PROC_DENTS_BUF] __attribute__((aligned(8)));
	size_t cap = 0;
	ssize_t got;

	*pids = NULL;
	*n = 0;
	if (lseek(fs->fd, 0, SEEK_SET) < 0)
		return -errno;
	while ((got = getdents64(fs->fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < got;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			off += d->d_reclen;
			if ((d->d_type != DT_DIR && d->d_type != DT_UNKNOWN) ||
			    !all_digits(d->d_name))
				continue;
			*pids = xgrow(*pids, sizeof(**pids), *n, &cap);
			(*pids)[(*n)++] = (pid_t)atoi(d->d_name);
		}
	}
	return got < 0 ? -errno : 0;
}

/* The decimal text of a pid, without printf: the scan does this for
 * every process. */
static void pid_text(char *buf, pid_t pid)
{
	char tmp[PROC_PID_TEXT];
	size_t n = 0;
	unsigned int v = (unsigned int)pid;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < sizeof(tmp) - 1);
	for (size_t i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

void proc_init(struct proc *p, const struct procfs *fs, pid_t pid)
{
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->fs = fs;
	p->dirfd = -1;
	pid_text(p->name, pid);
}

/* Where file of p is: below the dir fd once opened, else by path
 * ("<pid>/<file>") below the /proc fd. */
static int proc_where(const struct proc *p, const char *file, char *path,
		      const char **name)
{
	size_t n = strlen(p->name), f = strlen(file);

	if (p->dirfd >= 0) {
		*name = file;
		return p->dirfd;
	}
	if (n + 1 + f >= PROC_PATH_MAX)
		f = PROC_PATH_MAX - n - 2;	/* never: files are short */
	memcpy(path, p->name, n);
	path[n] = '/';
	memcpy(path + n + 1, file, f);
	path[n + 1 + f] = '\0';
	*name = path;
	return p->fs->fd;
}

/* openat, but a full fd table is fatal rather than "no such file". */
static int open_at(int dirfd, const char *name, int flags)
{
	int fd = openat(dirfd, name, flags | O_CLOEXEC);

	if (fd < 0) {
		fd = -errno;
		fd_limit_check(fd, name);
	}
	return fd;
}

int proc_open(struct proc *p)
{
	if (p->dirfd >= 0)
		return 0;
	int fd = open_at(p->fs->fd, p->name, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return fd;
	p->dirfd = fd;
	proc_forget(p);
	return 0;
}

void proc_close(struct proc *p)
{
	if (p->dirfd >= 0)
		close(p->dirfd);
	p->dirfd = -1;
}

void proc_release(struct proc *p)
{
	proc_close(p);
	free(p->cmdline);
	p->cmdline = NULL;
	p->cmdline_len = 0;
	p->loaded = 0;
}

void proc_forget(struct proc *p)
{
	p->loaded = 0;
}

bool proc_gone(int err)
{
	return err == -ESRCH || err == -ENOENT;
}

static int open_file(const struct proc *p, const char *file)
{
	char path[PROC_PATH_MAX];
	const char *name;
	int dir = proc_where(p, file, path, &name);

	return open_at(dir, name, O_RDONLY);
}

/* Read fd to the end into a growing buffer.  /proc files produce all
 * they have in one read, so a short read is the end: that saves the
 * read that would return 0. */
static int read_fd_all(int fd, char **out, size_t *outlen)
{
	size_t len = 0, cap = PROC_FILE_BUF;
	char *buf = xmalloc(cap);

	for (;;) {
		size_t want = cap - 1 - len;
		ssize_t n = read(fd, buf + len, want);
		if (n < 0) {
			int err = -errno;
			free(buf);
			return err;
		}
		len += (size_t)n;
		if ((size_t)n < want)
			break;
		buf = xrealloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

int proc_read_file(const struct proc *p, const char *file, char **buf,
		   size_t *len)
{
	int fd = open_file(p, file);

	if (fd < 0)
		return fd;
	int rc = read_fd_all(fd, buf, len);
	close(fd);
	return rc;
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
	int fd = open_file(p, "comm");

	if (fd < 0)
		return fd;
	ssize_t n = read(fd, buf, sizeof(buf));
	int err = n < 0 ? -errno : 0;
	close(fd);
	if (err != 0)
		return err;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	set_comm(p, buf, (size_t)n);
	return 0;
}

/* A reaped process reads as empty; anything else that does not parse
 * is reported, never taken as "no match". */
static int load_parsed(struct proc *p, const char *file,
		       bool (*parse)(struct proc *, const char *, size_t),
		       bool leading_newline)
{
	char *buf;
	size_t len;
	int rc = proc_read_file(p, file, &buf, &len);

	if (rc != 0)
		return rc;
	if (len == 0) {
		rc = -ESRCH;
	} else if (leading_newline) {
		/* status starts "Name:\t...": parse as if preceded by a
		 * newline so that every key is found at a line start. */
		char *nl = xmalloc(len + 2);
		nl[0] = '\n';
		memcpy(nl + 1, buf, len + 1);
		rc = parse(p, nl, len + 1) ? 0 : -EBADMSG;
		free(nl);
	} else {
		rc = parse(p, buf, len) ? 0 : -EBADMSG;
	}
	free(buf);
	return rc;
}

static int load_cmdline(struct proc *p)
{
	char *buf;
	size_t len;
	int rc = proc_read_file(p, "cmdline", &buf, &len);

	if (rc != 0)
		return rc;
	free(p->cmdline);
	p->cmdline = buf;
	p->cmdline_len = len;
	p->loaded |= PF_CMDLINE;
	return 0;
}

int proc_load(struct proc *p, unsigned int fields)
{
	unsigned int want = fields & ~p->loaded;
	int rc = 0;

	if (want & PF_STAT)
		rc = load_parsed(p, "stat", proc_parse_stat, false);
	else if (want & PF_COMM)
		rc = load_comm(p);
	if (rc == 0 && (want & PF_STATUS))
		rc = load_parsed(p, "status", proc_parse_status, true);
	if (rc == 0 && (want & PF_CMDLINE))
		rc = load_cmdline(p);
	return rc;
}

int proc_readlink(const struct proc *p, const char *file, char *buf,
		  size_t size)
{
	char path[PROC_PATH_MAX];
	const char *name;
	int dir = proc_where(p, file, path, &name);
	ssize_t n = readlinkat(dir, name, buf, size - 1);

	if (n < 0)
		return -errno;
	if ((size_t)n >= size - 1)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	return 0;
}

int proc_stat_link(const struct proc *p, const char *file, struct stat *st)
{
	char path[PROC_PATH_MAX];
	const char *name;
	int dir = proc_where(p, file, path, &name);

	return fstatat(dir, name, st, 0) == 0 ? 0 : -errno;
}

unsigned long long proc_ns_inode(const struct proc *p, int kind)
{
	char file[PROC_PATH_MAX];
	struct stat st;

	snprintf(file, sizeof(file), "ns/%s", proc_ns_names[kind]);
	if (proc_stat_link(p, file, &st) != 0)
		return 0;
	return (unsigned long long)st.st_ino;
}

long proc_tty_encode(unsigned int maj, unsigned int min)
{
	return (long)((min & 0xffU) | (maj << 8) | ((min & ~0xffU) << 12));
}

long proc_ticks_per_second(void)
{
	long hz = sysconf(_SC_CLK_TCK);

	return hz > 0 ? hz : 100;
}

double proc_age(const struct proc *p)
{
	return clock_seconds(CLOCK_BOOTTIME) -
	       (double)p->starttime / (double)proc_ticks_per_second();
}

double proc_start_time(const struct proc *p)
{
	return clock_seconds(CLOCK_REALTIME) - proc_age(p);
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
