#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pidfd.h"
#include "targets.h"
#include "util.h"

static bool split_handle(const char *arg, char sep, struct target *t)
{
	const char *at = strchr(arg, sep);
	char pidpart[16];
	unsigned long v;

	if (at == NULL || (size_t)(at - arg) >= sizeof(pidpart))
		return false;
	memcpy(pidpart, arg, (size_t)(at - arg));
	pidpart[at - arg] = '\0';
	if (!parse_pid(pidpart, &t->pid) ||
	    !parse_ulong(at + 1, 10, (unsigned long)-1, &v))
		return false;
	t->id = v;
	return true;
}

const char *target_parse(const char *arg, struct target *t)
{
	size_t digits = strspn(arg, "0123456789");

	memset(t, 0, sizeof(*t));
	t->arg = arg;
	if (digits > 0 && arg[digits] == '\0') {
		t->kind = T_PID;
		if (!parse_pid(arg, &t->pid))
			return "invalid pid";
	} else if (digits > 0 && (arg[digits] == ':' || arg[digits] == '@')) {
		t->kind = arg[digits] == ':' ? T_HANDLE_INODE : T_HANDLE_START;
		if (!split_handle(arg, arg[digits], t))
			return "invalid handle (expected PID:INODE or "
			       "PID@STARTTIME)";
	} else if (arg[0] == '-' && isdigit((unsigned char)arg[1])) {
		t->kind = T_PGROUP;
		if (strcmp(arg, "-1") == 0)
			t->kind = T_ALL;
		else if (!parse_pid(arg + 1, &t->pid))
			return "invalid process group";
	} else {
		t->kind = T_PATTERN;
	}
	return NULL;
}

bool target_handle(struct proc *p, char *buf, size_t size)
{
	unsigned long long ino = 0;

	if (p->pidfd < 0) {
		int fd = pfd_open_same(p->pid, p->dirfd);
		if (fd == -ESRCH)
			return false;
		p->pidfd = fd;	/* other errors: fall back to start time */
	}
	if (p->pidfd >= 0)
		ino = pfd_inode(p->pidfd);
	if (ino != 0) {
		snprintf(buf, size, "%d:%llu", (int)p->pid, ino);
		return true;
	}
	if (proc_load(p, PF_STAT) != 0)
		return false;
	snprintf(buf, size, "%d@%llu", (int)p->pid, p->starttime);
	return true;
}

int target_verify_handle(const struct target *t, struct proc *p)
{
	unsigned long long have;

	if (t->kind == T_HANDLE_START) {
		if (proc_load(p, PF_STAT) != 0)
			goto exited;
		have = p->starttime;
	} else {
		int fd = pfd_open_same(p->pid, p->dirfd);
		if (fd == -ESRCH)
			goto exited;
		if (fd < 0) {
			msg("%s: cannot open a pidfd: %s", t->arg, strerror(-fd));
			return EXIT_PARTIAL;
		}
		p->pidfd = fd;
		have = pfd_inode(fd);
		if (have == 0) {
			msg("%s: this kernel has no pidfs inodes (Linux 6.9+ "
			    "has them); use the PID@STARTTIME handle", t->arg);
			return EXIT_USAGE;
		}
	}
	if (have == t->id)
		return 0;
	msg("%s: process has exited (pid %d now belongs to another process)",
	    t->arg, (int)t->pid);
	return EXIT_NOMATCH;
exited:
	msg("%s: process has exited", t->arg);
	return EXIT_NOMATCH;
}
