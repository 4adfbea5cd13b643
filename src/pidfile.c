/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pidfile.c: reading, judging and removing pidfiles. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "pidfile.h"
#include "util.h"

/* Room for who else could write a pidfile: "writable by group N (name)". */
#define WRITER_TEXT_MAX 128
/* getdents64 buffer for /proc/<pid>/fd. */
#define FD_DENTS_BUF 4096

bool pidfile_parse(const char *buf, size_t len, pid_t *pid)
{
	char digits[PROC_PID_TEXT];
	size_t i = 0, start, n;

	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	start = i;
	while (i < len && isdigit((unsigned char)buf[i]))
		i++;
	n = i - start;
	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	if (i != len || n == 0 || n >= sizeof(digits))
		return false;
	memcpy(digits, buf + start, n);
	digits[n] = '\0';
	return parse_pid(digits, pid);
}

static bool all_space(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)buf[i]))
			return false;
	return true;
}

/* Is a lock held on the file by someone (flock or fcntl, as pkill -L)? */
static bool is_locked(int fd)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };

	if (flock(fd, LOCK_SH | LOCK_NB) != 0)
		return errno == EWOULDBLOCK;
	flock(fd, LOCK_UN);
	return fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
}

static int open_error(const char *path, int err)
{
	switch (err) {
	case ENOENT:
		return refuse(EXIT_NOMATCH, "%s: no such pidfile: not running",
			      path);
	case ELOOP:
		return refuse(EXIT_USAGE, "%s: is a symbolic link: refusing to "
			      "follow it", path);
	case EACCES:
	case EPERM:
		return refuse(EXIT_PARTIAL, "%s: cannot open pidfile: %s", path,
			      strerror(err));
	default:
		return refuse(EXIT_USAGE, "%s: cannot open pidfile: %s", path,
			      strerror(err));
	}
}

#define PIN_HINT "add --expect-exe, --expect-name, -x NAME or -u to name " \
		 "the process"

/* Who besides root and the caller could have written the file?  NULL
 * when nobody. */
static const char *other_writer(const struct stat *st, char *buf,
				size_t size)
{
	if (st->st_mode & S_IWOTH)
		return "writable by anyone";
	if ((st->st_mode & S_IWGRP) && st->st_gid != 0 &&
	    st->st_gid != getgid() && st->st_gid != getegid()) {
		struct group *gr = getgrgid(st->st_gid);
		snprintf(buf, size, "writable by group %u%s%s%s",
			 (unsigned int)st->st_gid, gr ? " (" : "",
			 gr ? gr->gr_name : "", gr ? ")" : "");
		return buf;
	}
	if (st->st_uid != 0 && st->st_uid != getuid() &&
	    st->st_uid != geteuid()) {
		snprintf(buf, size, "owned by uid %u, not by root or you",
			 (unsigned int)st->st_uid);
		return buf;
	}
	return NULL;
}

static int check_file(const char *path, const struct stat *st, bool pinned)
{
	char buf[WRITER_TEXT_MAX];
	const char *writer;

	if (!S_ISREG(st->st_mode))
		return refuse(EXIT_USAGE, "%s: not a regular file: refusing to "
			      "read it", path);
	if (st->st_size > PIDFILE_MAX)
		return refuse(EXIT_USAGE, "%s: too large for a pidfile (%lld "
			      "bytes)", path, (long long)st->st_size);
	writer = other_writer(st, buf, sizeof(buf));
	/* Like a symlink or a FIFO: input pfkill will not act on, not "not
	 * running" (which --oknodo would turn into success). */
	if (writer != NULL && !pinned)
		return refuse(EXIT_USAGE, "%s: unsafe pidfile: %s; "
			      PIN_HINT, path, writer);
	return 0;
}

static int read_pid(const char *path, int fd, pid_t *pid)
{
	char buf[PIDFILE_MAX];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n < 0)
		return open_error(path, errno);
	if (all_space(buf, (size_t)n))
		return refuse(EXIT_NOMATCH, "%s: pidfile is empty: not running",
			      path);
	if (!pidfile_parse(buf, (size_t)n, pid))
		return refuse(EXIT_USAGE, "%s: does not hold a single pid",
			      path);
	return 0;
}

int pidfile_read(const char *path, bool need_lock, bool pinned,
		 pid_t *pid, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC |
			    O_NOCTTY);
	int rc;

	if (fd < 0)
		return open_error(path, errno);
	if (fstat(fd, st) != 0)
		rc = open_error(path, errno);
	else
		rc = check_file(path, st, pinned);
	if (rc == 0 && need_lock && !is_locked(fd))
		rc = refuse(EXIT_NOMATCH, "%s: pidfile is not locked: not "
			    "running", path);
	if (rc == 0)
		rc = read_pid(path, fd, pid);
	close(fd);
	return rc;
}

/* Is fd name (in fd dir fdfd) open for writing, says fdinfo? */
static bool open_for_writing(const struct proc *p, const char *name)
{
	char file[NAME_MAX + 16], *buf, *flags;
	size_t len;
	bool writing = false;

	snprintf(file, sizeof(file), "fdinfo/%s", name);
	if (proc_read_file(p, file, &buf, &len) != 0)
		return false;
	flags = strstr(buf, "flags:");
	if (flags != NULL) {
		unsigned long f = strtoul(flags + 6, NULL, 8);
		writing = (f & O_ACCMODE) == O_WRONLY || (f & O_ACCMODE) == O_RDWR;
	}
	free(buf);
	return writing;
}

bool pidfile_held_by(const struct proc *p, const struct stat *st)
{
	char buf[FD_DENTS_BUF] __attribute__((aligned(8)));
	int fdfd = openat(p->dirfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool held = false;
	ssize_t n;

	if (fdfd < 0)
		return false;
	while (!held && (n = getdents64(fdfd, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n && !held;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			struct stat fst;
			off += d->d_reclen;
			if (d->d_name[0] == '.' ||
			    fstatat(fdfd, d->d_name, &fst, 0) != 0)
				continue;
			held = fst.st_dev == st->st_dev &&
			       fst.st_ino == st->st_ino &&
			       open_for_writing(p, d->d_name);
		}
	close(fdfd);
	return held;
}

void pidfile_remove_file(const char *path, const struct stat *st)
{
	struct stat now;

	if (lstat(path, &now) != 0) {
		if (errno != ENOENT)
			msg("%s: cannot remove: %s", path, strerror(errno));
		return;
	}
	if (now.st_dev != st->st_dev || now.st_ino != st->st_ino) {
		msg("%s: not removed: it was replaced since it was read", path);
		return;
	}
	if (unlink(path) != 0)
		msg("%s: cannot remove: %s", path, strerror(errno));
}
