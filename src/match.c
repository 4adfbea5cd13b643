/* SPDX-License-Identifier: GPL-2.0-or-later */
/* match.c: patterns, and the filters as one table. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "match.h"
#include "signals.h"
#include "util.h"

/* Room for a local date and time, "2026-11-26 01:02:03". */
#define TIME_TEXT_MAX 32
/* Room for regerror()'s message. */
#define REGEX_ERROR_MAX 256

/* A filter's verdict: 0 pass, EXIT_NOMATCH (why says which filter and
 * what the process has instead), or EXIT_PARTIAL (why says what could
 * not be read). */
typedef int (*filter_test)(const struct matcher *m, struct proc *p,
			   struct why *why);

struct filter {
	const char *option;	/* as the user types it */
	unsigned int needs;	/* proc fields the test reads */
	bool selects;		/* on its own, it selects processes */
	bool (*on)(const struct options *o);
	filter_test test;
};

static int verdict(struct why *why, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int verdict(struct why *why, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why->text, sizeof(why->text), fmt, ap);
	va_end(ap);
	return status;
}

/* The process exited while it was being read. */
static int gone(struct why *why)
{
	why->gone = true;
	return verdict(why, EXIT_NOMATCH, "process has exited");
}

/* A file could not be read, for another reason than an exit. */
static int unreadable(struct why *why, int rc, const char *file, pid_t pid)
{
	if (proc_gone(rc))
		return gone(why);
	why->err = -rc;
	return verdict(why, EXIT_PARTIAL, "cannot read /proc/%d%s%s: %s",
		       (int)pid, *file ? "/" : "", file, strerror(-rc));
}

/* Is v in the list, where 0 stands for the caller's own value
 * (pkill -g 0)? */
static bool in_list_own(const struct id_list *l, long v, long own)
{
	return id_list_has(l, v) || (v == own && id_list_has(l, 0));
}

/* --- the rows ------------------------------------------------------ */

static bool on_pids(const struct options *o) { return o->pids.n > 0; }
static int test_pids(const struct matcher *m, struct proc *p, struct why *w)
{
	if (id_list_has(&m->opt->pids, p->pid))
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -p (pid %d)",
		       (int)p->pid);
}

static bool on_ppids(const struct options *o) { return o->ppids.n > 0; }
static int test_ppids(const struct matcher *m, struct proc *p, struct why *w)
{
	if (id_list_has(&m->opt->ppids, p->ppid))
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -P (parent %d)",
		       (int)p->ppid);
}

static bool on_pgrps(const struct options *o) { return o->pgrps.n > 0; }
static int test_pgrps(const struct matcher *m, struct proc *p, struct why *w)
{
	if (in_list_own(&m->opt->pgrps, p->pgrp, m->own_pgrp))
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -g (process group "
		       "%d)", (int)p->pgrp);
}

static bool on_sessions(const struct options *o) { return o->sessions.n > 0; }
static int test_sessions(const struct matcher *m, struct proc *p,
			 struct why *w)
{
	if (in_list_own(&m->opt->sessions, p->session, m->own_session))
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -s (session %d)",
		       (int)p->session);
}

static bool on_ttys(const struct options *o) { return o->ttys_given; }
static int test_ttys(const struct matcher *m, struct proc *p, struct why *w)
{
	if (id_list_has(&m->opt->ttys, p->tty))
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -t (%s)",
		       p->tty ? "another terminal" : "no terminal");
}

static bool on_states(const struct options *o) { return o->runstates; }
static int test_states(const struct matcher *m, struct proc *p,
		       struct why *w)
{
	if (strchr(m->opt->runstates, p->state) != NULL)
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -r (state %c)",
		       p->state);
}

static bool on_older(const struct options *o) { return o->older >= 0; }
static int test_older(const struct matcher *m, struct proc *p, struct why *w)
{
	/* pgrep compares whole seconds of age for -O. */
	double age = proc_age(p);

	if ((double)(long)age >= m->opt->older)
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -O (started %.0fs "
		       "ago)", age);
}

static bool on_younger(const struct options *o) { return o->younger >= 0; }
static int test_younger(const struct matcher *m, struct proc *p,
			struct why *w)
{
	double age = proc_age(p);

	if (age <= m->opt->younger)
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match --younger (started "
		       "%.0fs ago)", age);
}

static bool on_started(const struct options *o)
{
	return o->started_before_given;
}
static int test_started(const struct matcher *m, struct proc *p,
			struct why *w)
{
	time_t t = (time_t)m->opt->started_before;
	char when[TIME_TEXT_MAX];
	struct tm tm;

	if (proc_start_time(p) < m->opt->started_before)
		return 0;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S",
		 localtime_r(&t, &tm));
	return verdict(w, EXIT_NOMATCH, "started after %s", when);
}

static bool on_euids(const struct options *o) { return o->euids.n > 0; }
static int test_euids(const struct matcher *m, struct proc *p, struct why *w)
{
	if (id_list_has(&m->opt->euids, (long)p->euid))
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -u (euid %u)",
		       (unsigned int)p->euid);
}

static bool on_uids(const struct options *o) { return o->uids.n > 0; }
static int test_uids(const struct matcher *m, struct proc *p, struct why *w)
{
	if (id_list_has(&m->opt->uids, (long)p->ruid))
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -U (uid %u)",
		       (unsigned int)p->ruid);
}

static bool on_gids(const struct options *o) { return o->gids.n > 0; }
static int test_gids(const struct matcher *m, struct proc *p, struct why *w)
{
	if (id_list_has(&m->opt->gids, (long)p->rgid))
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -G (gid %u)",
		       (unsigned int)p->rgid);
}

static bool on_handler(const struct options *o) { return o->require_handler; }
static int test_handler(const struct matcher *m, struct proc *p,
			struct why *w)
{
	int signo = m->opt->signo;
	char name[SIGNAL_NAME_MAX];

	if (signo <= 0 || (p->sigcgt & (1ULL << (signo - 1))))
		return 0;
	return verdict(w, EXIT_NOMATCH, "does not match -H (it does not "
		       "catch %s)", signal_name(signo, name, sizeof(name)));
}

static bool same_name(const char *name, const void *want)
{
	return strcmp(name, want) == 0;
}

static bool on_name(const struct options *o) { return o->expect_name; }
static int test_name(const struct matcher *m, struct proc *p, struct why *w)
{
	const char *want = m->opt->expect_name;

	if (strlen(want) <= PROC_COMM_VISIBLE ? strcmp(p->comm, want) == 0
	    : proc_long_name_any(p, want, false, same_name, want))
		return 0;
	return verdict(w, EXIT_NOMATCH, "name is '%s', expected '%s'",
		       p->comm, want);
}

/* Where exe cannot be read: a zombie, a kernel thread, or no access. */
static int exe_missing(struct proc *p, int rc, struct why *w)
{
	if (rc == -EACCES || rc == -EPERM) {
		w->err = -rc;
		return verdict(w, EXIT_PARTIAL, "cannot read the executable: %s",
			       strerror(-rc));
	}
	if (proc_load(p, PF_STAT) == 0 && p->state == 'Z')
		return verdict(w, EXIT_NOMATCH, "is a zombie: it has exited, "
			       "and its parent has not reaped it yet");
	if (proc_gone(rc) && proc_load(p, PF_STAT) != 0)
		return gone(w);
	return verdict(w, EXIT_NOMATCH, "has no executable (%s)",
		       strerror(-rc));
}

/* A binary replaced by a package upgrade: the running file is deleted
 * and was PATH, on the same file system, owned by the same user.  Faking
 * it takes a deleted file of PATH's owner on PATH's file system. */
static bool upgraded_exe(const struct matcher *m, struct proc *p,
			 const struct stat *st)
{
	char link[PATH_MAX + 16], want[PATH_MAX + 16];

	if (st->st_nlink != 0 || st->st_dev != m->exe.st_dev ||
	    st->st_uid != m->exe.st_uid)
		return false;
	snprintf(want, sizeof(want), "%s (deleted)", m->exe_path);
	return proc_readlink(p, "exe", link, sizeof(link)) == 0 &&
	       strcmp(link, want) == 0;
}

static bool on_exe(const struct options *o) { return o->expect_exe; }
static int test_exe(const struct matcher *m, struct proc *p, struct why *w)
{
	char link[PATH_MAX];
	struct stat st;
	int rc = proc_stat_link(p, "exe", &st);

	if (rc != 0)
		return exe_missing(p, rc, w);
	if ((st.st_dev == m->exe.st_dev && st.st_ino == m->exe.st_ino) ||
	    upgraded_exe(m, p, &st))
		return 0;
	if (proc_readlink(p, "exe", link, sizeof(link)) != 0)
		snprintf(link, sizeof(link), "?");
	return verdict(w, EXIT_NOMATCH, "executable is '%s', not the file "
		       "'%s'%s", link, m->exe_path,
		       strcmp(link, m->exe_path) == 0
		       ? " (another file at that path, as another mount "
			 "namespace or a replaced file shows it)" : "");
}

static bool on_ns(const struct options *o) { return o->ns_pid != 0; }
static int test_ns(const struct matcher *m, struct proc *p, struct why *w)
{
	for (int k = 0; k < PROC_NS_COUNT; k++)
		if ((m->opt->nslist & (1U << k)) &&
		    proc_ns_inode(p, k) != m->ns_inodes[k])
			return verdict(w, EXIT_NOMATCH, "does not match --ns "
				       "(another %s namespace)",
				       proc_ns_names[k]);
	return 0;
}

/* A file below the process for a filter; a read that fails is said. */
static int read_for(struct proc *p, const char *file, char **buf,
		    size_t *len, struct why *w)
{
	int rc = proc_read_file(p, file, buf, len);

	return rc == 0 ? 0 : unreadable(w, rc, file, p->pid);
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

static bool on_env(const struct options *o) { return o->nenvs > 0; }
static int test_env(const struct matcher *m, struct proc *p, struct why *w)
{
	char *buf;
	size_t len;
	int rc = read_for(p, "environ", &buf, &len, w);

	if (rc != 0)
		return rc;
	bool ok = env_has(buf, len, m->opt->envs, m->opt->nenvs);
	free(buf);
	return ok ? 0 : verdict(w, EXIT_NOMATCH, "does not match --env");
}

/* cgroup v2 lines read "0::/path". */
static bool cgroup_has(char *buf, char **paths, size_t n, const char **at)
{
	char *save = NULL;

	*at = "none";
	for (char *line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "0::", 3) != 0)
			continue;
		*at = line + 3;
		for (size_t i = 0; i < n; i++)
			if (strcmp(line + 3, paths[i]) == 0)
				return true;
	}
	return false;
}

static bool on_cgroup(const struct options *o) { return o->ncgroups > 0; }
static int test_cgroup(const struct matcher *m, struct proc *p,
		       struct why *w)
{
	char *buf;
	size_t len;
	const char *at;
	int rc = read_for(p, "cgroup", &buf, &len, w);

	if (rc != 0)
		return rc;
	if (cgroup_has(buf, m->opt->cgroups, m->opt->ncgroups, &at))
		rc = 0;
	else
		rc = verdict(w, EXIT_NOMATCH, "does not match --cgroup (%s)", at);
	free(buf);
	return rc;
}

/* Cheap tests first: what the stat line has, then status, then files
 * read on their own. */
static const struct filter filters[] = {
	{ "-p", 0, true, on_pids, test_pids },
	{ "-P", PF_STAT, true, on_ppids, test_ppids },
	{ "-g", PF_STAT, true, on_pgrps, test_pgrps },
	{ "-s", PF_STAT, true, on_sessions, test_sessions },
	{ "-t", PF_STAT, true, on_ttys, test_ttys },
	{ "-r", PF_STAT, true, on_states, test_states },
	{ "-O", PF_STAT, true, on_older, test_older },
	{ "--younger", PF_STAT, true, on_younger, test_younger },
	{ "--started-before", PF_STAT, true, on_started, test_started },
	{ "--expect-name", PF_COMM, true, on_name, test_name },
	{ "-u", PF_STATUS, true, on_euids, test_euids },
	{ "-U", PF_STATUS, true, on_uids, test_uids },
	{ "-G", PF_STATUS, true, on_gids, test_gids },
	{ "-H", PF_STATUS, false, on_handler, test_handler },
	{ "--ns", 0, true, on_ns, test_ns },
	{ "--cgroup", 0, true, on_cgroup, test_cgroup },
	{ "--env", 0, true, on_env, test_env },
	{ "--expect-exe", 0, true, on_exe, test_exe },
};

bool matcher_selects(const struct options *opt)
{
	for (size_t i = 0; i < ARRAY_SIZE(filters); i++)
		if (filters[i].selects && filters[i].on(opt))
			return true;
	return false;
}

bool matcher_filters_on(const struct options *opt)
{
	for (size_t i = 0; i < ARRAY_SIZE(filters); i++)
		if (filters[i].on(opt))
			return true;
	return false;
}

bool matcher_only(const struct options *opt, const char *option)
{
	bool found = false;

	for (size_t i = 0; i < ARRAY_SIZE(filters); i++) {
		if (!filters[i].on(opt))
			continue;
		if (strcmp(filters[i].option, option) != 0)
			return false;
		found = true;
	}
	return found;
}

/* --- set-up -------------------------------------------------------- */

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
		char err[REGEX_ERROR_MAX];
		regerror(rc, &m->res[i], err, sizeof(err));
		usage_error("%s: invalid regular expression: %s", pat, err);
	}
}

static void read_ns_reference(struct matcher *m, const struct procfs *fs)
{
	struct proc ref;
	int rc;

	proc_init(&ref, fs, m->opt->ns_pid);
	rc = proc_open(&ref);
	if (rc != 0)
		usage_error("--ns: %d: %s", (int)m->opt->ns_pid, strerror(-rc));
	for (int k = 0; k < PROC_NS_COUNT; k++)
		if (m->opt->nslist & (1U << k)) {
			m->ns_inodes[k] = proc_ns_inode(&ref, k);
			if (m->ns_inodes[k] == 0)
				usage_error("--ns: %d: cannot read ns/%s: %s",
					    (int)m->opt->ns_pid, proc_ns_names[k],
					    strerror(errno));
		}
	proc_release(&ref);
}

/* PATH was removed, as a package removal does while its daemon still
 * runs: only a deleted file can be running it, judged by the directory
 * PATH was in (its file system and owner). */
static void read_removed_exe(struct matcher *m, const char *path)
{
	char *copy = xstrdup(path), *dir = dirname(copy);
	char real[PATH_MAX];

	if (stat(dir, &m->exe) != 0 || realpath(dir, real) == NULL)
		usage_error("--expect-exe: %s: %s", path, strerror(ENOENT));
	free(copy);
	copy = xstrdup(path);
	if (snprintf(m->exe_path, sizeof(m->exe_path), "%s/%s",
		     strcmp(real, "/") == 0 ? "" : real, basename(copy)) >=
	    (int)sizeof(m->exe_path))
		usage_error("--expect-exe: %s: %s", path, strerror(ENAMETOOLONG));
	free(copy);
	m->exe.st_ino = 0;	/* no running file has inode 0 */
}

static void read_expected_exe(struct matcher *m)
{
	const char *path = m->opt->expect_exe;

	if (stat(path, &m->exe) != 0) {
		if (errno != ENOENT)
			usage_error("--expect-exe: %s: %s", path, strerror(errno));
		read_removed_exe(m, path);
		return;
	}
	if (!S_ISREG(m->exe.st_mode))
		usage_error("--expect-exe: %s: not a regular file", path);
	if (realpath(path, m->exe_path) == NULL)
		snprintf(m->exe_path, sizeof(m->exe_path), "%s", path);
}

static void pick_filters(struct matcher *m)
{
	m->active = xcalloc(ARRAY_SIZE(filters), sizeof(*m->active));
	/* A pattern reads the name; -u alone reads only status. */
	m->needs = m->npatterns ? PF_COMM : 0;
	for (size_t i = 0; i < ARRAY_SIZE(filters); i++)
		if (filters[i].on(m->opt)) {
			m->active[m->nactive++] = &filters[i];
			m->needs |= filters[i].needs;
		}
}

void matcher_init(struct matcher *m, const struct options *opt,
		  const struct procfs *fs, const char **patterns,
		  size_t npatterns)
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
	pick_filters(m);
	m->own_pgrp = (long)getpgrp();
	m->own_session = (long)getsid(0);
	if (opt->ns_pid)
		read_ns_reference(m, fs);
	if (opt->expect_exe)
		read_expected_exe(m);
}

void matcher_clone(struct matcher *dst, const struct matcher *src)
{
	*dst = *src;
	dst->res = xcalloc(src->npatterns, sizeof(*dst->res));
	dst->literal = xcalloc(src->npatterns, sizeof(*dst->literal));
	memcpy(dst->literal, src->literal, src->npatterns * sizeof(bool));
	dst->active = xcalloc(ARRAY_SIZE(filters), sizeof(*dst->active));
	memcpy(dst->active, src->active, src->nactive * sizeof(*dst->active));
	for (size_t i = 0; i < src->npatterns; i++)
		compile(dst, i);
}

void matcher_free(struct matcher *m)
{
	for (size_t i = 0; i < m->npatterns; i++)
		regfree(&m->res[i]);
	free(m->res);
	free(m->literal);
	free(m->active);
	m->res = NULL;
	m->literal = NULL;
	m->active = NULL;
}

/* --- patterns ------------------------------------------------------ */

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

static bool pattern_i_hit(const struct matcher *m, size_t i, const char *s)
{
	if (m->literal[i])
		return strcmp(s, m->patterns[i]) == 0;
	return regexec(&m->res[i], s, 0, NULL, 0) == 0;
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

/* 0: a pattern matches; else a status with why. */
static int pattern_hit(const struct matcher *m, struct proc *p,
		       struct why *w)
{
	char *subject = NULL;
	bool hit = false;

	if (m->opt->full) {
		int rc = proc_load(p, PF_CMDLINE);
		if (rc != 0)
			return unreadable(w, rc, "cmdline", p->pid);
		subject = joined_cmdline(p);
	}
	for (size_t i = 0; i < m->npatterns && !hit; i++) {
		hit = pattern_i_hit(m, i, subject ? subject : p->comm);
		if (!hit && m->opt->exact && !m->opt->full)
			hit = long_name_hit(m, i, p);
	}
	free(subject);
	if (hit)
		return 0;
	return verdict(w, EXIT_NOMATCH, "process '%s' does not match the "
		       "pattern", p->comm);
}

/* --- the verdict --------------------------------------------------- */

/* Through the dir fd the name is read too: every message and every
 * output line names the process. */
static int load_needed(const struct matcher *m, struct proc *p,
		       struct why *w)
{
	int rc = proc_load(p, m->needs | (p->dirfd >= 0 ? PF_COMM : 0));

	return rc == 0 ? 0 : unreadable(w, rc, "", p->pid);
}

static int filters_pass(const struct matcher *m, struct proc *p,
			struct why *w)
{
	for (size_t i = 0; i < m->nactive; i++) {
		int rc = m->active[i]->test(m, p, w);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int matcher_judge(const struct matcher *m, struct proc *p,
		  bool use_patterns, struct why *why)
{
	int rc;

	why->pattern_hit = why->gone = false;
	why->err = 0;
	rc = load_needed(m, p, why);
	if (rc != 0)
		return rc;	/* never selected, not even by --inverse */
	if (use_patterns && m->npatterns > 0) {
		rc = pattern_hit(m, p, why);
		why->pattern_hit = rc == 0;
	}
	if (rc == 0)
		rc = filters_pass(m, p, why);
	if (!use_patterns || !m->opt->inverse || rc == EXIT_PARTIAL ||
	    why->gone)
		return rc;
	if (rc == 0)
		return verdict(why, EXIT_NOMATCH, "matches (--inverse)");
	return 0;
}

bool matcher_exact_names(const struct matcher *m)
{
	if (!m->opt->exact || m->opt->inverse || m->npatterns == 0)
		return false;
	for (size_t i = 0; i < m->npatterns; i++)
		if (!is_literal(m->patterns[i]))
			return false;
	return true;
}

const char *matcher_long_pattern(const struct matcher *m)
{
	if (m->opt->full || m->opt->exact)
		return NULL;
	for (size_t i = 0; i < m->npatterns; i++)
		if (strlen(m->patterns[i]) > PROC_COMM_VISIBLE)
			return m->patterns[i];
	return NULL;
}
