/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cgroup.c: cgroup.kill for --until-gone --cgroup PATH. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "util.h"

/* A cgroup's small files: cgroup.events, cgroup.stat. */
#define CGROUP_FILE_MAX 1024
/* One line of /proc/self/mountinfo, as long as a path may make it. */
#define MOUNTINFO_LINE (PATH_MAX * 2)

/* Undo mountinfo's octal escapes ("\040" for a space) in place. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
					(s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* Where cgroup2 is mounted with its root visible; false if nowhere. */
static bool cgroup2_mount(char *mnt, size_t size)
{
	char line[MOUNTINFO_LINE];
	FILE *f = fopen("/proc/self/mountinfo", "re");
	bool found = false;

	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char root[PATH_MAX], point[PATH_MAX];
		const char *sep = strstr(line, " - cgroup2 ");
		if (sep == NULL ||
		    sscanf(line, "%*s %*s %*s %4095s %4095s", root, point) != 2 ||
		    strcmp(root, "/") != 0)
			continue;
		unescape(point);
		snprintf(mnt, size, "%s", point);
		found = true;
	}
	fclose(f);
	return found;
}

/* A small file below the cgroup directory, NUL-terminated. */
static bool read_small(int dir, const char *name, char *buf, size_t size)
{
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return false;
	n = pread(fd, buf, size - 1, 0);
	close(fd);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return true;
}

static long field(const char *buf, const char *key)
{
	const char *at = strstr(buf, key);

	return at ? strtol(at + strlen(key), NULL, 10) : -1;
}

/* pfkill, pid 1 and pfkill's ancestors must not be inside. */
static bool holds_protected(int dir, const struct procfs *fs)
{
	struct id_list ancestors = { 0 };
	char *buf = NULL;
	size_t size = 0;
	int fd = openat(dir, "cgroup.procs", O_RDONLY | O_CLOEXEC);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "r");
	bool found = false;

	if (f == NULL) {
		if (fd >= 0)
			close(fd);
		return true;
	}
	procfs_ancestors(fs, &ancestors);
	while (!found && getline(&buf, &size, f) > 0) {
		long pid = atol(buf);
		found = pid == 1 || pid == (long)getpid() ||
			id_list_has(&ancestors, pid);
	}
	free(buf);
	free(ancestors.v);
	fclose(f);
	return found;
}

static int open_cgroup(const char *path)
{
	char mnt[PATH_MAX], full[PATH_MAX * 2];

	if (path[0] != '/' || strcmp(path, "/") == 0 || strstr(path, "/..") ||
	    strstr(path, "/./") || !cgroup2_mount(mnt, sizeof(mnt)))
		return -1;
	snprintf(full, sizeof(full), "%s%s", mnt, path);
	return open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static bool populated(int dir)
{
	char buf[CGROUP_FILE_MAX];

	return read_small(dir, "cgroup.events", buf, sizeof(buf)) &&
	       field(buf, "populated ") != 0;
}

/* Wait for cgroup.events to say "populated 0"; it wakes poll. */
static int wait_empty(int dir, double timeout, const char *path)
{
	int fd = openat(dir, "cgroup.events", O_RDONLY | O_CLOEXEC);
	double deadline = timeout < 0 ? INFINITY : now_monotonic() + timeout;
	struct pollfd pfd = { .fd = fd, .events = POLLPRI };

	if (fd < 0)
		return refuse(EXIT_PARTIAL, "%s: cgroup.events: %s", path,
			      strerror(errno));
	while (populated(dir)) {
		double left = deadline - now_monotonic();
		if (left <= 0) {
			close(fd);
			return refuse(EXIT_TIMEOUT, "cgroup %s: still has "
				      "processes after the %gs timeout", path,
				      timeout);
		}
		poll(&pfd, 1, poll_ms(left));
	}
	close(fd);
	return 0;
}

static bool write_kill(int dir)
{
	int fd = openat(dir, "cgroup.kill", O_WRONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, "1", 1) == 1;
	close(fd);
	return ok;
}

int cgroup_kill(const char *path, const struct procfs *fs, double timeout,
		struct output *out)
{
	char stat[CGROUP_FILE_MAX];
	int dir = open_cgroup(path), rc;

	if (dir < 0)
		return -1;
	if (faccessat(dir, "cgroup.kill", W_OK, 0) != 0 ||
	    !read_small(dir, "cgroup.stat", stat, sizeof(stat)) ||
	    field(stat, "nr_descendants ") != 0 || holds_protected(dir, fs)) {
		close(dir);
		return -1;
	}
	if (!populated(dir)) {
		close(dir);
		return EXIT_NOMATCH;
	}
	if (!write_kill(dir)) {
		close(dir);
		return -1;
	}
	out_cgroup_killed(out, path);
	rc = wait_empty(dir, timeout, path);
	close(dir);
	return rc;
}
