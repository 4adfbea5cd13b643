#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "util.h"

#define COMM_LEN 15
#define DELETED_SUFFIX " (deleted)"

static bool basename_is(const char *path, const char *name)
{
	char *copy = xstrdup(path);
	bool same = strcmp(basename(copy), name) == 0;

	free(copy);
	return same;
}

bool check_name(struct proc *p, const char *name)
{
	char exe[PATH_MAX];

	if (proc_load(p, PF_COMM) != 0)
		return false;
	if (strlen(name) <= COMM_LEN)
		return strcmp(p->comm, name) == 0;
	if (strncmp(p->comm, name, COMM_LEN) != 0 || strlen(p->comm) != COMM_LEN)
		return false;
	if (proc_load(p, PF_CMDLINE) == 0 && p->cmdline_len > 0 &&
	    basename_is(p->cmdline, name))
		return true;
	return proc_readlink(p, "exe", exe, sizeof(exe)) == 0 &&
	       basename_is(exe, name);
}

/* Compare canonical paths; a binary replaced on disk (a package upgrade)
 * reads "PATH (deleted)" and still counts as PATH. */
static int check_exe(struct proc *p, const char *expected, const char *label)
{
	char want[PATH_MAX], have[PATH_MAX];
	int rc = proc_readlink(p, "exe", have, sizeof(have));

	if (rc == -EACCES || rc == -EPERM) {
		msg("%s: cannot read the executable: %s", label, strerror(-rc));
		return EXIT_PARTIAL;
	}
	if (rc != 0) {
		msg("%s: has no executable (%s)", label, strerror(-rc));
		return EXIT_NOMATCH;
	}
	if (realpath(expected, want) == NULL)
		snprintf(want, sizeof(want), "%s", expected);
	size_t wl = strlen(want);
	if (strcmp(have, want) == 0 ||
	    (strncmp(have, want, wl) == 0 &&
	     strcmp(have + wl, DELETED_SUFFIX) == 0))
		return 0;
	msg("%s: executable is '%s', expected '%s'", label, have, want);
	return EXIT_NOMATCH;
}

static int check_started(struct proc *p, double before, const char *label)
{
	char when[64];
	time_t t = (time_t)before;
	struct tm tm;

	if (proc_load(p, PF_STAT) != 0)
		return -1;
	if (proc_start_time(p) < before)
		return 0;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S",
		 localtime_r(&t, &tm));
	msg("%s: started after %s", label, when);
	return EXIT_NOMATCH;
}

int check_identity(const struct options *opt, const struct matcher *m,
		   struct proc *p, const char *label, bool use_patterns)
{
	int rc;

	if (proc_load(p, PF_COMM) != 0)
		goto exited;
	if (opt->expect_name && !check_name(p, opt->expect_name)) {
		if (proc_load(p, PF_COMM) != 0)
			goto exited;
		msg("%s: name is '%s', expected '%s'", label, p->comm,
		    opt->expect_name);
		return EXIT_NOMATCH;
	}
	if (opt->expect_exe && (rc = check_exe(p, opt->expect_exe, label)))
		return rc;
	if (opt->started_before_given &&
	    (rc = check_started(p, opt->started_before, label)))
		return rc < 0 ? (msg("%s: process has exited", label),
				 EXIT_NOMATCH) : rc;
	if (use_patterns ? !matcher_test(m, p) : !matcher_filters(m, p)) {
		if (proc_load(p, PF_COMM) != 0)
			goto exited;
		msg("%s: process '%s' does not match the %s", label, p->comm,
		    use_patterns ? "pattern and filters" : "filters");
		return EXIT_NOMATCH;
	}
	return 0;
exited:
	msg("%s: process has exited", label);
	return EXIT_NOMATCH;
}
