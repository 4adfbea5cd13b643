#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "match.h"
#include "util.h"

/* An exact pattern with no regex syntax is compared as a string: the
 * same answer, without regexec on the hot path. */
static bool is_literal(const char *pat)
{
	return pat[strcspn(pat, ".[]()*+?{}|^$\\")] == '\0';
}

static void compile(struct matcher *m, size_t i)
{
	const char *pat = m->patterns[i];
	int flags = REG_EXTENDED | REG_NOSUB | (m->opt->icase ? REG_ICASE : 0);
	char *re = NULL;
	int rc;

	if (m->opt->exact && asprintf(&re, "^(%s)$", pat) < 0)
		fatal("out of memory");
	rc = regcomp(&m->res[i], re ? re : pat, flags);
	free(re);
	if (rc != 0) {
		char err[256];
		regerror(rc, &m->res[i], err, sizeof(err));
		usage_error("%s: invalid regular expression: %s", pat, err);
	}
}

static void read_ns_reference(struct matcher *m)
{
	struct proc ref;
	int rc = proc_open_pid(&ref, AT_FDCWD, m->opt->ns_pid);

	if (rc != 0)
		usage_error("--ns: %d: %s", (int)m->opt->ns_pid, strerror(-rc));
	for (int k = 0; k < NS_COUNT; k++)
		if (m->opt->nslist & (1U << k)) {
			m->ns_inodes[k] = proc_ns_inode(&ref, ns_names[k]);
			if (m->ns_inodes[k] == 0)
				usage_error("--ns: %d: cannot read ns/%s: %s",
					    (int)m->opt->ns_pid, ns_names[k],
					    strerror(errno));
		}
	proc_release(&ref);
}

static unsigned int fields_needed(const struct options *o)
{
	unsigned int f = PF_COMM;

	if (o->ppids.n || o->pgrps.n || o->sessions.n || o->ttys.n ||
	    o->runstates || o->older >= 0 || o->younger >= 0 || o->newest ||
	    o->oldest)
		f |= PF_STAT;
	if (o->euids.n || o->uids.n || o->gids.n || o->require_handler)
		f |= PF_STATUS;
	return f;
}

void matcher_init(struct matcher *m, const struct options *opt,
		  const char **patterns, size_t npatterns)
{
	memset(m, 0, sizeof(*m));
	m->opt = opt;
	m->patterns = patterns;
	m->npatterns = npatterns;
	m->res = xcalloc(npatterns, sizeof(*m->res));
	m->literal = xcalloc(npatterns, sizeof(*m->literal));
	for (size_t i = 0; i < npatterns; i++) {
		compile(m, i);
		/* -i stays with regcomp, which folds case by locale. */
		m->literal[i] = opt->exact && !opt->icase &&
				is_literal(patterns[i]);
	}
	m->needs = fields_needed(opt);
	m->hz = proc_ticks_per_second();
	m->uptime = proc_uptime();
	m->own_pgrp = (long)getpgrp();
	m->own_session = (long)getsid(0);
	if (opt->ns_pid)
		read_ns_reference(m);
}

void matcher_free(struct matcher *m)
{
	for (size_t i = 0; i < m->npatterns; i++)
		regfree(&m->res[i]);
	free(m->res);
	free(m->literal);
	m->res = NULL;
	m->literal = NULL;
}

/* Is v in the list, where 0 stands for the caller's own value
 * (pkill -g 0)? */
static bool in_list_own(const struct id_list *l, long v, long own)
{
	return id_list_has(l, v) || (v == own && id_list_has(l, 0));
}

static bool stat_filters(const struct matcher *m, const struct proc *p)
{
	const struct options *o = m->opt;
	double age = m->uptime - (double)p->starttime / (double)m->hz;

	if (o->ppids.n && !id_list_has(&o->ppids, p->ppid))
		return false;
	if (o->pgrps.n && !in_list_own(&o->pgrps, p->pgrp, m->own_pgrp))
		return false;
	if (o->sessions.n &&
	    !in_list_own(&o->sessions, p->session, m->own_session))
		return false;
	if (o->ttys.n && !id_list_has(&o->ttys, p->tty))
		return false;
	if (o->runstates && strchr(o->runstates, p->state) == NULL)
		return false;
	/* pgrep compares whole seconds of age for -O. */
	if (o->older >= 0 && (double)(long)age < o->older)
		return false;
	if (o->younger >= 0 && age > o->younger)
		return false;
	return true;
}

static bool status_filters(const struct matcher *m, const struct proc *p)
{
	const struct options *o = m->opt;

	if (o->euids.n && !id_list_has(&o->euids, (long)p->euid))
		return false;
	if (o->uids.n && !id_list_has(&o->uids, (long)p->ruid))
		return false;
	if (o->gids.n && !id_list_has(&o->gids, (long)p->rgid))
		return false;
	if (o->require_handler && o->signo > 0 &&
	    !(p->sigcgt & (1ULL << (o->signo - 1))))
		return false;
	return true;
}

static bool ns_filter(const struct matcher *m, const struct proc *p)
{
	for (int k = 0; k < NS_COUNT; k++)
		if ((m->opt->nslist & (1U << k)) &&
		    proc_ns_inode(p, ns_names[k]) != m->ns_inodes[k])
			return false;
	return true;
}

/* Does NUL-separated list buf hold an entry that equals one of vals, or
 * (env NAME form) starts with "NAME="? */
static bool env_has(const char *buf, size_t len, char **vals, size_t n)
{
	for (const char *e = buf; e < buf + len; e += strlen(e) + 1)
		for (size_t i = 0; i < n; i++) {
			size_t vl = strlen(vals[i]);
			if (strchr(vals[i], '=') != NULL ? strcmp(e, vals[i]) == 0
			    : strncmp(e, vals[i], vl) == 0 && e[vl] == '=')
				return true;
		}
	return false;
}

static bool env_filter(const struct matcher *m, const struct proc *p)
{
	char *buf;
	size_t len;
	bool ok;

	if (proc_read_all(p, "environ", &buf, &len) != 0)
		return false;
	ok = env_has(buf, len, m->opt->envs, m->opt->nenvs);
	free(buf);
	return ok;
}

/* cgroup v2 lines read "0::/path". */
static bool cgroup_filter(const struct matcher *m, const struct proc *p)
{
	char *buf, *save = NULL;
	size_t len;
	bool ok = false;

	if (proc_read_all(p, "cgroup", &buf, &len) != 0)
		return false;
	for (char *line = strtok_r(buf, "\n", &save); line && !ok;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "0::", 3) != 0)
			continue;
		for (size_t i = 0; i < m->opt->ncgroups && !ok; i++)
			ok = strcmp(line + 3, m->opt->cgroups[i]) == 0;
	}
	free(buf);
	return ok;
}

bool matcher_filters(const struct matcher *m, struct proc *p)
{
	const struct options *o = m->opt;

	if (o->pids.n && !id_list_has(&o->pids, p->pid))
		return false;
	if (proc_load(p, m->needs) != 0)
		return false;
	if ((m->needs & PF_STAT) && !stat_filters(m, p))
		return false;
	if ((m->needs & PF_STATUS) && !status_filters(m, p))
		return false;
	if (o->ns_pid && !ns_filter(m, p))
		return false;
	if (o->ncgroups && !cgroup_filter(m, p))
		return false;
	if (o->nenvs && !env_filter(m, p))
		return false;
	return true;
}

/* The command line with NULs turned into spaces.  With none (kernel
 * threads, zombies) what ps shows, as pgrep -f matches it: "[comm]", or
 * "[comm] <defunct>" for a zombie. */
static char *joined_cmdline(struct proc *p)
{
	size_t len = proc_cmdline_used(p);
	char *s;

	if (len == 0) {
		bool zombie = proc_load(p, PF_STAT) == 0 && p->state == 'Z';
		if (asprintf(&s, "[%s]%s", p->comm,
			     zombie ? " <defunct>" : "") < 0)
			fatal("out of memory");
		return s;
	}
	s = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++)
		s[i] = p->cmdline[i] == '\0' ? ' ' : p->cmdline[i];
	s[len] = '\0';
	return s;
}

static bool regex_hit(const regex_t *re, const char *s)
{
	return regexec(re, s, 0, NULL, 0) == 0;
}

static bool pattern_i_hit(const struct matcher *m, size_t i, const char *s)
{
	if (m->literal[i])
		return strcmp(s, m->patterns[i]) == 0;
	return regex_hit(&m->res[i], s);
}

/* killall's rule for names longer than comm: when comm is the first 15
 * characters of a long exact pattern, match the pattern against the
 * basename of argv[0], then of the executable. */
struct pattern_ref {
	const struct matcher *m;
	size_t i;
};

static bool full_name_hit(const char *name, const void *ctx)
{
	const struct pattern_ref *ref = ctx;

	return pattern_i_hit(ref->m, ref->i, name);
}

static bool long_name_hit(const struct matcher *m, size_t i, struct proc *p)
{
	struct pattern_ref ref = { m, i };

	return proc_long_name_any(p, m->patterns[i], m->opt->icase,
				  full_name_hit, &ref);
}

static bool pattern_hit(const struct matcher *m, struct proc *p)
{
	char *subject = NULL;
	bool hit = false;

	if (m->npatterns == 0)
		return true;
	if (m->opt->full) {
		if (proc_load(p, PF_CMDLINE) != 0)
			return false;
		subject = joined_cmdline(p);
	}
	for (size_t i = 0; i < m->npatterns && !hit; i++) {
		hit = pattern_i_hit(m, i, subject ? subject : p->comm);
		if (!hit && m->opt->exact && !m->opt->full)
			hit = long_name_hit(m, i, p);
	}
	free(subject);
	return hit;
}

bool matcher_test(const struct matcher *m, struct proc *p)
{
	/* A process that vanishes before it can be read is never selected,
	 * not even by --inverse. */
	if (proc_load(p, m->needs) != 0)
		return false;
	return (matcher_filters(m, p) && pattern_hit(m, p)) != m->opt->inverse;
}
