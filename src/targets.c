/* SPDX-License-Identifier: GPL-2.0-or-later */
/* targets.c: parsing operands; printing and checking handles. */
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
	char pidpart[PROC_PID_TEXT];
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
		if (!parse_pid(arg + 1, &t->pid))
			return "invalid process group";
		if (t->pid == 1)
			t->kind = T_ALL;	/* kill(1) reads -01 as -1 */
	} else {
		t->kind = T_PATTERN;
	}
	return NULL;
}

bool target_is_pid(const struct target *t)
{
	return t->kind == T_PID || t->kind == T_HANDLE_INODE ||
	       t->kind == T_HANDLE_START;
}

bool target_handle(struct proc *p, char *buf, size_t size)
{
	unsigned long long ino = 0;
	int fd = pfd_open_same(p, 0);

	if (fd == -ESRCH)
		return false;
	if (fd >= 0) {
		ino = pfd_inode(fd);
		close(fd);
	}
	if (ino != 0) {
		snprintf(buf, size, "%d:%llu", (int)p->pid, ino);
		return true;
	}
	if (proc_load(p, PF_STAT) != 0)
		return false;
	snprintf(buf, size, "%d@%llu", (int)p->pid, p->starttime);
	return true;
}

static int handle_inode(const struct target *t, struct proc *p,
			unsigned long long *have)
{
	int fd = pfd_open_same(p, 0);

	if (fd == -EXDEV)
		pfd_foreign_fatal(p->fs, "a PID:INODE handle");
	if (fd == -ESRCH)
		return -ESRCH;
	if (fd < 0)
		return refuse(EXIT_PARTIAL, "%s: cannot open a pidfd: %s",
			      t->arg, strerror(-fd));
	*have = pfd_inode(fd);
	close(fd);
	if (*have == 0)
		return refuse(EXIT_USAGE, "%s: this kernel has no pidfs inodes "
			      "(Linux 6.9+ has them); use the PID@STARTTIME "
			      "handle", t->arg);
	return 0;
}

int target_verify_handle(const struct target *t, struct proc *p)
{
	unsigned long long have = 0;
	int rc;

	if (t->kind == T_HANDLE_START) {
		rc = proc_load(p, PF_STAT) == 0 ? 0 : -ESRCH;
		have = p->starttime;
	} else {
		rc = handle_inode(t, p, &have);
	}
	if (rc == -ESRCH)
		return refuse(EXIT_NOMATCH, "%s: process has exited", t->arg);
	if (rc != 0)
		return rc;
	if (have == t->id)
		return 0;
	return refuse(EXIT_NOMATCH, "%s: process has exited (pid %d now "
		      "belongs to another process)", t->arg, (int)t->pid);
}
