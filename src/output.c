/* SPDX-License-Identifier: GPL-2.0-or-later */
/* output.c: every event pfkill reports, in text or JSON. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "output.h"
#include "signals.h"
#include "util.h"

void out_init(struct output *o, const struct options *opt)
{
	o->opt = opt;
	o->shown = 0;
}

void out_prepare(const struct output *o, struct pick *p)
{
	const struct options *opt = o->opt;

	if (opt->json)
		proc_load(&p->proc, PF_STAT | PF_STATUS | PF_CMDLINE);
	else if (opt->full)
		proc_load(&p->proc, PF_STAT | PF_CMDLINE);
	if ((opt->json || opt->list) && p->handle[0] == '\0' &&
	    !target_handle(&p->proc, p->handle, sizeof(p->handle)))
		snprintf(p->handle, sizeof(p->handle), "%d", (int)p->proc.pid);
}

void out_name(FILE *f, const struct proc *p, bool full)
{
	size_t len = (full && (p->loaded & PF_CMDLINE)) ? proc_cmdline_used(p) : 0;

	if (len == 0) {
		bool bracket = full && (p->loaded & PF_CMDLINE);
		fputs(bracket ? "[" : "", f);
		escape_text(f, p->comm, strlen(p->comm));
		fputs(bracket ? "]" : "", f);
		if (bracket && (p->loaded & PF_STAT) && p->state == 'Z')
			fputs(" <defunct>", f);
		return;
	}
	/* Arguments joined by spaces, each escaped on its own. */
	for (size_t i = 0; i < len; i += strlen(p->cmdline + i) + 1) {
		if (i > 0)
			fputc(' ', f);
		escape_text(f, p->cmdline + i, strnlen(p->cmdline + i, len - i));
	}
}

static const char *signal_text(int signo, char *buf, size_t size)
{
	return signo ? signal_name(signo, buf, size) : "0 (existence check)";
}

static void json_cmdline(FILE *f, const struct proc *p)
{
	/* Raw length: an argv of one empty string is [""], not []. */
	size_t len = (p->loaded & PF_CMDLINE) ? p->cmdline_len : 0;

	fputc('[', f);
	for (size_t i = 0; i < len; i += strlen(p->cmdline + i) + 1) {
		if (i > 0)
			fputc(',', f);
		escape_json(f, p->cmdline + i, strnlen(p->cmdline + i, len - i));
	}
	fputc(']', f);
}

static void json_object(struct output *o, const struct pick *pk,
			const char *result, bool waited)
{
	const struct proc *p = &pk->proc;
	FILE *f = stdout;

	fputs(o->shown++ ? ",\n " : "[", f);
	fprintf(f, "{\"pid\":%d,\"handle\":", (int)p->pid);
	escape_json(f, pk->handle, strlen(pk->handle));
	fputs(",\"comm\":", f);
	escape_json(f, p->comm, strlen(p->comm));
	fputs(",\"cmdline\":", f);
	json_cmdline(f, p);
	if (p->loaded & PF_STATUS)
		fprintf(f, ",\"uid\":%u,\"euid\":%u", (unsigned int)p->ruid,
			(unsigned int)p->euid);
	if (p->loaded & PF_STAT)
		fprintf(f, ",\"ppid\":%d,\"starttime\":%llu", (int)p->ppid,
			p->starttime);
	if (result != NULL) {
		fputs(",\"result\":", f);
		escape_json(f, result, strlen(result));
	}
	if (waited) {
		fprintf(f, ",\"exited\":%s", pk->exited ? "true" : "false");
		if (pk->exited)
			fprintf(f, ",\"exit_after\":%.3f", pk->exit_after);
	}
	fputc('}', f);
}

static void pid_only(struct output *o, pid_t pid)
{
	const char *delim = o->opt->delimiter;

	if (delim == NULL)
		printf("%d\n", (int)pid);
	else
		printf("%s%d", o->shown ? delim : "", (int)pid);
	o->shown++;
}

void out_listed(struct output *o, const struct pick *p)
{
	const struct options *opt = o->opt;
	char name[SIGNAL_NAME_MAX];

	if (opt->json)
		json_object(o, p, NULL, false);
	else if (opt->count)
		return;		/* a count and nothing else, as pgrep -c */
	else if (opt->pids_only)
		pid_only(o, p->proc.pid);
	else if (opt->echo) {
		printf("%s would be sent to ",
		       signal_text(opt->signo, name, sizeof(name)));
		out_name(stdout, &p->proc, opt->full);
		printf(" (pid %d)\n", (int)p->proc.pid);
	} else {
		printf("%s ", p->handle);
		out_name(stdout, &p->proc, opt->full);
		putchar('\n');
	}
}

void out_sent(struct output *o, const struct pick *p, int signo)
{
	char name[SIGNAL_NAME_MAX];

	if (!o->opt->echo || o->opt->json)
		return;
	printf("%s sent to ", signal_text(signo, name, sizeof(name)));
	switch (p->scope) {
	case SCOPE_PROCESS:
		out_name(stdout, &p->proc, o->opt->full);
		printf(" (pid %d)\n", (int)p->proc.pid);
		break;
	case SCOPE_GROUP:
		printf("process group %d (leader ", (int)p->proc.pid);
		out_name(stdout, &p->proc, o->opt->full);
		puts(")");
		break;
	case SCOPE_THREAD:
		printf("thread %d (", (int)p->proc.pid);
		out_name(stdout, &p->proc, o->opt->full);
		puts(")");
		break;
	}
}

void out_result(struct output *o, const struct pick *p, bool waited)
{
	const char *result;

	if (!o->opt->json)
		return;
	if (p->result == -ECANCELED)
		result = "skipped";
	else
		result = p->result == 0 ? "signalled" : strerror(-p->result);
	json_object(o, p, result, waited);
}

void out_cgroup_killed(struct output *o, const char *path)
{
	if (o->opt->echo && !o->opt->json) {
		fputs("KILL sent to cgroup ", stdout);
		escape_text(stdout, path, strlen(path));
		puts(" (cgroup.kill)");
	}
}

void out_exited(struct output *o, const struct pick *p)
{
	if (!o->opt->echo || o->opt->json)
		return;
	out_name(stdout, &p->proc, o->opt->full);
	printf(" (pid %d) exited after %.2fs\n", (int)p->proc.pid,
	       p->exit_after);
	fflush(stdout);
}

void out_survivor(const struct output *o, const struct pick *p,
		  const char *why)
{
	(void)o;
	msg("%d (%s): still running %s", (int)p->proc.pid, p->proc.comm, why);
}

void out_prompt(const struct output *o, const struct pick *p, int signo)
{
	char name[SIGNAL_NAME_MAX];

	fprintf(stderr, "Send %s to ", signal_text(signo, name, sizeof(name)));
	out_name(stderr, &p->proc, o->opt->full);
	fprintf(stderr, " (pid %d)? [y/N] ", (int)p->proc.pid);
	fflush(stderr);
}

void out_finish(struct output *o, size_t count)
{
	const struct options *opt = o->opt;
	char name[SIGNAL_NAME_MAX];

	if (opt->json)
		fputs(o->shown ? "]\n" : "[]\n", stdout);
	else if (opt->count)
		printf("%zu\n", count);
	else if (opt->pids_only && opt->delimiter && o->shown)
		putchar('\n');
	if (options_listing(opt) && opt->verbose && !opt->json && count > 0)
		msg("nothing was sent; %s would go to the %zu process%s listed",
		    signal_text(opt->signo, name, sizeof(name)), count,
		    count == 1 ? "" : "es");
}

void out_version(void)
{
	printf("%s %s\n"
	       "Copyright (C) 2026 the pfkill authors.\n"
	       "License GPL-2.0-or-later: GNU GPL version 2 or later.\n"
	       "This is free software: you are free to change and "
	       "redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n",
	       PACKAGE_NAME, PACKAGE_VERSION);
}
