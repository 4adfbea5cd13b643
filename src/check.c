#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "output.h"
#include "util.h"

#define DELETED_SUFFIX " (deleted)"

static bool same_name(const char *name, const void *want)
{
	return strcmp(name, want) == 0;
}

bool check_name(struct proc *p, const char *name)
{
	if (proc_load(p, PF_COMM) != 0)
		return false;
	if (strlen(name) <= PROC_COMM_VISIBLE)
		return strcmp(p->comm, name) == 0;
	return proc_long_name_any(p, name, false, same_name, name);
}

/* Print into a reason buffer; the process-controlled parts must have
 * been escaped by the caller. */
#define WHY(...) (snprintf(why, size, __VA_ARGS__))

/* Compare canonical paths; a binary replaced on disk (a package upgrade)
 * reads "PATH (deleted)" and still counts as PATH. */
static int check_exe(struct proc *p, const char *expected, char *why,
		     size_t size)
{
	char want[PATH_MAX], have[PATH_MAX];
	int rc = proc_readlink(p, "exe", have, sizeof(have));

	if (rc == -EACCES || rc == -EPERM) {
		WHY("cannot read the executable: %s", strerror(-rc));
		return EXIT_PARTIAL;
	}
	if (rc != 0) {
		WHY("has no executable (%s)", strerror(-rc));
		return EXIT_NOMATCH;
	}
	if (realpath(expected, want) == NULL)
		snprintf(want, sizeof(want), "%s", expected);
	size_t wl = strlen(want);
	if (strcmp(have, want) == 0 ||
	    (strncmp(have, want, wl) == 0 &&
	     strcmp(have + wl, DELETED_SUFFIX) == 0))
		return 0;
	char *shown = escaped(have);
	WHY("executable is '%s', expected '%s'", shown, want);
	free(shown);
	return EXIT_NOMATCH;
}

static int check_started(struct proc *p, double before, char *why,
			 size_t size)
{
	char when[64];
	time_t t = (time_t)before;
	struct tm tm;

	if (proc_start_time(p) < before)
		return 0;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S",
		 localtime_r(&t, &tm));
	WHY("started after %s", when);
	return EXIT_NOMATCH;
}

int check_expectations(const struct options *opt, struct proc *p, char *why,
		       size_t size)
{
	if (proc_load(p, opt->started_before_given ? PF_STAT : PF_COMM) != 0) {
		WHY("process has exited");
		return EXIT_NOMATCH;
	}
	if (opt->expect_name && !check_name(p, opt->expect_name)) {
		char *shown = escaped(p->comm);
		WHY("name is '%s', expected '%s'", shown, opt->expect_name);
		free(shown);
		return EXIT_NOMATCH;
	}
	if (opt->expect_exe) {
		int rc = check_exe(p, opt->expect_exe, why, size);
		if (rc != 0)
			return rc;
	}
	if (opt->started_before_given)
		return check_started(p, opt->started_before, why, size);
	return 0;
}

int check_identity(const struct options *opt, const struct matcher *m,
		   struct proc *p, const char *label, bool use_patterns)
{
	char why[PATH_MAX + 256];
	int rc = check_expectations(opt, p, why, sizeof(why));

	if (rc == 0 &&
	    (use_patterns ? !matcher_test(m, p) : !matcher_filters(m, p))) {
		char *shown = escaped(p->comm);
		snprintf(why, sizeof(why), "process '%s' does not match the %s",
			 shown, use_patterns ? "pattern and filters" : "filters");
		free(shown);
		rc = EXIT_NOMATCH;
	}
	if (rc != 0)
		msg("%s: %s", label, why);
	return rc;
}
