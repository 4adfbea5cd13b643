#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <popt.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "options.h"
#include "signals.h"
#include "util.h"

const char *const ns_names[NS_COUNT] = {
	"ipc", "mnt", "net", "pid", "user", "uts", "cgroup", "time",
};
/* pgrep 4.0.2's default for --ns: cgroup, ipc, mnt, net, pid and time
 * (it leaves out user and uts); bits follow ns_names. */
#define NS_DEFAULT 0xcfU

enum opt_code {
	O_SIGNAL = 1, O_LIST_SIGNALS, O_TABLE, O_VERSION,
	O_EXACT, O_FULL, O_ICASE, O_INVERSE, O_EUID, O_UID, O_GROUP,
	O_PGROUP, O_SESSION, O_TERMINAL, O_PARENT, O_NEWEST, O_OLDEST,
	O_OLDER, O_YOUNGER, O_RUNSTATES, O_NS, O_NSLIST, O_CGROUP, O_ENV,
	O_PID, O_HANDLER, O_IGNORE_ANC, O_INCLUDE_ANC, O_ALL,
	O_PIDFILE, O_LOGPIDFILE, O_EXPECT_NAME, O_EXPECT_EXE,
	O_STARTED_BEFORE,
	O_QUEUE, O_TID, O_WAIT, O_TIMEOUT, O_RETRY, O_INTERACTIVE,
	O_MRELEASE,
	O_ECHO, O_COUNT, O_LIST, O_JSON, O_VERBOSE,
};

#define FLAG(l, s, code, desc) \
	{ l, s, POPT_ARG_NONE, NULL, code, desc, NULL }
#define VALUE(l, s, code, desc, argdesc) \
	{ l, s, POPT_ARG_STRING, NULL, code, desc, argdesc }

static struct poptOption signal_table[] = {
	VALUE("signal", '\0', O_SIGNAL, "signal to send (default TERM)", "SIG"),
	FLAG("list-signals", 'l', O_LIST_SIGNALS,
	     "list signal names, or convert the arguments"),
	FLAG("table", '\0', O_TABLE, "print a table of signals"),
	POPT_TABLEEND
};

static struct poptOption select_table[] = {
	FLAG("exact", 'x', O_EXACT, "match the whole name exactly"),
	FLAG("full", 'f', O_FULL, "match and show the full command line"),
	FLAG("ignore-case", 'i', O_ICASE, "match case-insensitively"),
	FLAG("inverse", '\0', O_INVERSE, "select what does not match"),
	VALUE("euid", 'u', O_EUID, "effective user ids or names", "LIST"),
	VALUE("uid", 'U', O_UID, "real user ids or names", "LIST"),
	VALUE("group", 'G', O_GROUP, "real group ids or names", "LIST"),
	VALUE("pgroup", 'g', O_PGROUP, "process group ids (0: own)", "LIST"),
	VALUE("session", 's', O_SESSION, "session ids (0: own)", "LIST"),
	VALUE("terminal", 't', O_TERMINAL, "controlling terminals", "LIST"),
	VALUE("parent", 'P', O_PARENT, "parent process ids", "LIST"),
	FLAG("newest", 'n', O_NEWEST, "select only the newest match"),
	FLAG("oldest", 'o', O_OLDEST, "select only the oldest match"),
	VALUE("older", 'O', O_OLDER, "started at least SECS ago", "SECS"),
	VALUE("younger", '\0', O_YOUNGER, "started at most SECS ago", "SECS"),
	VALUE("runstates", 'r', O_RUNSTATES, "process states, e.g. S,R",
	      "STATES"),
	VALUE("ns", '\0', O_NS, "share namespaces with process PID", "PID"),
	VALUE("nslist", '\0', O_NSLIST, "namespaces for --ns", "LIST"),
	VALUE("cgroup", '\0', O_CGROUP, "cgroup v2 paths", "LIST"),
	VALUE("env", '\0', O_ENV, "environment holds NAME[=VALUE]",
	      "LIST"),
	VALUE("pid", 'p', O_PID, "only these process ids", "LIST"),
	FLAG("require-handler", 'H', O_HANDLER,
	     "only processes that catch the signal"),
	FLAG("ignore-ancestors", 'A', O_IGNORE_ANC,
	     "exclude own ancestors (the default)"),
	FLAG("include-ancestors", '\0', O_INCLUDE_ANC,
	     "let patterns select own ancestors"),
	FLAG("all-processes", '\0', O_ALL, "allow the target -1"),
	POPT_TABLEEND
};

static struct poptOption identity_table[] = {
	VALUE("pidfile", 'F', O_PIDFILE, "read the pid from FILE", "FILE"),
	FLAG("logpidfile", 'L', O_LOGPIDFILE,
	     "the pidfile must be locked"),
	VALUE("expect-name", '\0', O_EXPECT_NAME,
	      "the process name must be NAME", "NAME"),
	VALUE("expect-exe", '\0', O_EXPECT_EXE,
	      "the executable must be PATH", "PATH"),
	VALUE("started-before", '\0', O_STARTED_BEFORE,
	      "the process must have started before TIME", "TIME"),
	POPT_TABLEEND
};

static struct poptOption send_table[] = {
	VALUE("queue", 'q', O_QUEUE, "send VALUE with the signal", "VALUE"),
	VALUE("tid", '\0', O_TID, "signal the thread TID only", "TID"),
	FLAG("wait", 'w', O_WAIT, "wait until the processes exit"),
	VALUE("timeout", '\0', O_TIMEOUT, "give up waiting after SECS",
	      "SECS"),
	VALUE("retry", '\0', O_RETRY, "signal/wait schedule, e.g. TERM/5/KILL/2",
	      "SCHEDULE"),
	FLAG("interactive", 'I', O_INTERACTIVE, "ask before each process"),
	FLAG("mrelease", 'm', O_MRELEASE, "release memory after KILL"),
	POPT_TABLEEND
};

static struct poptOption output_table[] = {
	FLAG("echo", 'e', O_ECHO, "print what was signalled"),
	FLAG("count", 'c', O_COUNT, "print the number of processes"),
	FLAG("list", '\0', O_LIST, "print what would be signalled; send nothing"),
	FLAG("dry-run", '\0', O_LIST, "the same as --list"),
	FLAG("json", '\0', O_JSON, "print JSON"),
	FLAG("verbose", '\0', O_VERBOSE, "explain what is skipped and why"),
	FLAG("version", 'V', O_VERSION, "print the version"),
	POPT_TABLEEND
};

static struct poptOption main_table[] = {
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, signal_table, 0,
	  "Signals:", NULL },
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, select_table, 0,
	  "Selecting processes by pattern:", NULL },
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, identity_table, 0,
	  "Checking identity:", NULL },
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, send_table, 0,
	  "Sending and waiting:", NULL },
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, output_table, 0,
	  "Output:", NULL },
	POPT_AUTOHELP
	POPT_TABLEEND
};

static struct poptOption *const sub_tables[] = {
	signal_table, select_table, identity_table, send_table, output_table,
};

/* --- value converters for comma lists ------------------------------ */

static bool conv_number(const char *s, long *out)
{
	unsigned long v;

	if (!parse_ulong(s, 10, INT_MAX, &v))
		return false;
	*out = (long)v;
	return true;
}

static bool conv_pid(const char *s, long *out)
{
	pid_t pid;

	if (!parse_pid(s, &pid))
		return false;
	*out = pid;
	return true;
}

static bool conv_user(const char *s, long *out)
{
	struct passwd *pw;

	if (conv_number(s, out))
		return true;
	pw = getpwnam(s);
	if (pw == NULL)
		return false;
	*out = (long)pw->pw_uid;
	return true;
}

static bool conv_group(const char *s, long *out)
{
	struct group *gr;

	if (conv_number(s, out))
		return true;
	gr = getgrnam(s);
	if (gr == NULL)
		return false;
	*out = (long)gr->gr_gid;
	return true;
}

/* tty_nr in /proc/<pid>/stat encodes major and minor like this. */
static long tty_encode(unsigned int maj, unsigned int min)
{
	return (long)((min & 0xffU) | (maj << 8) | ((min & ~0xffU) << 12));
}

static bool conv_tty(const char *s, long *out)
{
	char path[PATH_MAX];
	struct stat st;

	if (strcmp(s, "?") == 0 || strcmp(s, "-") == 0) {
		*out = 0;
		return true;
	}
	if (strncmp(s, "/dev/", 5) == 0)
		snprintf(path, sizeof(path), "%s", s);
	else
		snprintf(path, sizeof(path), "/dev/%s", s);
	if (stat(path, &st) != 0 || !S_ISCHR(st.st_mode))
		return false;
	*out = tty_encode(major(st.st_rdev), minor(st.st_rdev));
	return true;
}

static bool conv_nsname(const char *s, long *out)
{
	for (int i = 0; i < NS_COUNT; i++)
		if (strcmp(s, ns_names[i]) == 0) {
			*out = i;
			return true;
		}
	return false;
}

/* Collect a comma list of strings. */
static void split_strings(const char *opt, const char *arg, char ***vals,
			  size_t *n)
{
	char *copy = xstrdup(arg), *save = NULL;
	size_t before = *n;

	for (char *item = strtok_r(copy, ",", &save); item != NULL;
	     item = strtok_r(NULL, ",", &save)) {
		*vals = xrealloc(*vals, (*n + 1) * sizeof(**vals));
		(*vals)[(*n)++] = xstrdup(item);
	}
	free(copy);
	if (*n == before)
		usage_error("%s: empty list", opt);
}

static double duration_arg(const char *opt, const char *arg)
{
	double v;

	if (!parse_duration(arg, &v))
		usage_error("%s: invalid duration '%s'", opt, arg);
	return v;
}

/* --- schedules and times ------------------------------------------- */

static bool parse_step(const char *item, struct retry_step *step)
{
	double secs;

	if (parse_duration(item, &secs) && isdigit((unsigned char)*item)) {
		step->kind = STEP_TIMEOUT;
		step->secs = secs;
		return true;
	}
	/* Signals as in start-stop-daemon: -15, -TERM or TERM. */
	if (*item == '-')
		item++;
	else if (isdigit((unsigned char)*item))
		return false;
	step->kind = STEP_SIGNAL;
	step->signo = signal_parse(item);
	return step->signo >= 0;
}

bool retry_parse(const char *spec, int default_signo,
		 struct retry_schedule *out)
{
	char *copy = xstrdup(spec), *save = NULL;
	struct retry_schedule s = { NULL, 0, -1 };
	bool ok = true, timeout_after_repeat = false;

	for (char *item = strtok_r(copy, "/", &save); ok && item != NULL;
	     item = strtok_r(NULL, "/", &save)) {
		if (strcmp(item, "forever") == 0) {
			ok = s.repeat_from < 0;
			s.repeat_from = (long)s.n;
			continue;
		}
		s.steps = xrealloc(s.steps, (s.n + 1) * sizeof(*s.steps));
		ok = parse_step(item, &s.steps[s.n]);
		/* What "forever" repeats must really wait, or it would spin. */
		if (ok && s.repeat_from >= 0 &&
		    s.steps[s.n].kind == STEP_TIMEOUT && s.steps[s.n].secs > 0)
			timeout_after_repeat = true;
		s.n++;
	}
	free(copy);
	/* A bare number N means SIGNAL/N/KILL/N. */
	if (ok && s.n == 1 && s.repeat_from < 0 &&
	    s.steps[0].kind == STEP_TIMEOUT) {
		double secs = s.steps[0].secs;
		s.steps = xrealloc(s.steps, 4 * sizeof(*s.steps));
		s.steps[0] = (struct retry_step){ STEP_SIGNAL, default_signo, 0 };
		s.steps[1] = (struct retry_step){ STEP_TIMEOUT, 0, secs };
		s.steps[2] = (struct retry_step){ STEP_SIGNAL, SIGKILL, 0 };
		s.steps[3] = (struct retry_step){ STEP_TIMEOUT, 0, secs };
		s.n = 4;
	}
	if (ok && (s.n < 2 || s.steps[0].kind != STEP_SIGNAL))
		ok = false;
	/* "forever" must repeat something that waits, or it would spin. */
	if (ok && s.repeat_from >= 0 &&
	    (s.repeat_from >= (long)s.n || !timeout_after_repeat))
		ok = false;
	if (!ok) {
		free(s.steps);
		return false;
	}
	*out = s;
	return true;
}

bool time_parse(const char *s, double now, double *out)
{
	static const char *const formats[] = {
		"%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
		"%Y-%m-%dT%H:%M", "%Y-%m-%d",
	};
	double secs;

	if (*s == '@') {
		unsigned long v;
		if (!parse_ulong(s + 1, 10, LONG_MAX, &v))
			return false;
		*out = (double)v;
		return true;
	}
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		struct tm tm = { .tm_isdst = -1 };
		const char *end = strptime(s, formats[i], &tm);
		if (end != NULL && *end == '\0') {
			struct tm asked = tm;
			time_t t = mktime(&tm);
			/* mktime normalises 02-30 to 03-01: refuse those. */
			if (t == (time_t)-1 || tm.tm_mday != asked.tm_mday ||
			    tm.tm_mon != asked.tm_mon || tm.tm_sec != asked.tm_sec ||
			    tm.tm_min != asked.tm_min)
				return false;
			*out = (double)t;
			return true;
		}
	}
	if (parse_duration(s, &secs)) {
		*out = now - secs;
		return true;
	}
	return false;
}

/* --- -SIGNAL before popt ------------------------------------------- */

/* The table entry for short option c, or (c == 0) long option name. */
static const struct poptOption *find_option(char c, const char *name)
{
	for (size_t t = 0; t < sizeof(sub_tables) / sizeof(*sub_tables); t++)
		for (const struct poptOption *o = sub_tables[t];
		     o->longName || o->shortName; o++)
			if (c ? o->shortName == c
			      : o->longName && strcmp(o->longName, name) == 0)
				return o;
	return NULL;
}

static const struct poptOption *find_short(char c)
{
	return find_option(c, NULL);
}

static bool long_takes_value(const char *name)
{
	const struct poptOption *o = find_option(0, name);

	return o != NULL && o->argInfo == POPT_ARG_STRING;
}

/* Does this argument consume the next one as its value? */
static bool wants_value(const char *arg)
{
	if (arg[0] != '-' || arg[1] == '\0')
		return false;
	if (arg[1] == '-')
		return strchr(arg, '=') == NULL && long_takes_value(arg + 2);
	for (const char *c = arg + 1; *c; c++) {
		const struct poptOption *o = find_short(*c);
		if (o == NULL)
			return false;
		if (o->argInfo == POPT_ARG_STRING)
			return c[1] == '\0';
	}
	return false;
}

/* "-io" is -i -o, not SIGIO: a lowercase cluster of distinct flag
 * letters stays options.  Uppercase words ("-IO", "-ILL") are signals. */
static bool is_flag_cluster(const char *s)
{
	bool has_lower = false;

	for (const char *c = s; *c; c++) {
		const struct poptOption *o = find_short(*c);
		if (o == NULL || o->argInfo != POPT_ARG_NONE ||
		    strchr(c + 1, *c) != NULL)
			return false;
		has_lower |= islower((unsigned char)*c) != 0;
	}
	return has_lower;
}

/* "-XYZ" is a mistyped signal, "-U0" is -U with a value. */
static bool looks_like_signal(const char *s)
{
	return isdigit((unsigned char)*s) || strncasecmp(s, "SIG", 3) == 0 ||
	       strncasecmp(s, "RTM", 3) == 0 ||
	       (isupper((unsigned char)*s) && find_short(*s) == NULL);
}

/* Take "-SIGNAL" out of argv, as pkill does (popt cannot parse "-9"). */
static void extract_signal(struct options *opt, int *argc, char **argv)
{
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			return;
		bool candidate = a[0] == '-' && a[1] != '-' && a[1] != '\0' &&
				 !is_flag_cluster(a + 1);
		int signo = candidate ? signal_parse(a + 1) : -1;
		if (signo < 0 && candidate && looks_like_signal(a + 1))
			usage_error("unknown signal: %s", a + 1);
		if (signo < 0) {
			if (wants_value(a))
				i++;	/* skip the option's value */
			continue;
		}
		if (opt->signal_given)
			usage_error("more than one signal given");
		opt->signo = signo;
		opt->signal_given = true;
		memmove(argv + i, argv + i + 1, sizeof(*argv) * (size_t)(*argc - i));
		(*argc)--;
		i--;	/* look on: a second -SIGNAL is an error */
	}
}

/* --- the option loop ----------------------------------------------- */

static void set_signal(struct options *opt, const char *arg)
{
	int signo = signal_parse(arg);

	if (signo < 0)
		usage_error("unknown signal: %s", arg);
	if (opt->signal_given && opt->signo != signo)
		usage_error("more than one signal given");
	opt->signo = signo;
	opt->signal_given = true;
}

static void set_session(struct options *opt, const char *arg)
{
	long dummy;

	if (!conv_number(arg, &dummy) && strchr(arg, ',') == NULL &&
	    signal_parse(arg) > 0)
		usage_error("-s is the session filter, as in pkill; to send a "
			    "signal use --signal %s or -%s", arg, arg);
	split_list("-s", arg, conv_number, "invalid session id",
		   &opt->sessions.v, &opt->sessions.n);
}

static void set_runstates(struct options *opt, const char *arg)
{
	for (const char *c = arg; *c; c++)
		if (!isalpha((unsigned char)*c) && *c != ',')
			usage_error("-r: invalid state '%c'", *c);
	opt->runstates = xstrdup(arg);
}

static void set_queue(struct options *opt, const char *arg)
{
	char *end;

	errno = 0;
	long v = strtol(arg, &end, 0);
	if (errno != 0 || end == arg || *end != '\0' || v < INT_MIN ||
	    v > INT_MAX || isspace((unsigned char)*arg))
		usage_error("--queue: invalid value '%s'", arg);
	opt->queue_value = (int)v;
	opt->queue_given = true;
}

static void set_pid_value(const char *optname, const char *arg, pid_t *out)
{
	if (!parse_pid(arg, out))
		usage_error("%s: invalid pid '%s'", optname, arg);
}

static void handle_filter(struct options *opt, int code, const char *arg)
{
	long nsmask = 0;
	size_t n = 0;
	long *v = NULL;

	switch (code) {
	case O_EUID:
		split_list("-u", arg, conv_user, "unknown user",
			   &opt->euids.v, &opt->euids.n);
		break;
	case O_UID:
		split_list("-U", arg, conv_user, "unknown user",
			   &opt->uids.v, &opt->uids.n);
		break;
	case O_GROUP:
		split_list("-G", arg, conv_group, "unknown group",
			   &opt->gids.v, &opt->gids.n);
		break;
	case O_PGROUP:
		split_list("-g", arg, conv_number, "invalid process group",
			   &opt->pgrps.v, &opt->pgrps.n);
		break;
	case O_SESSION:
		set_session(opt, arg);
		break;
	case O_TERMINAL:
		split_list("-t", arg, conv_tty, "unknown terminal",
			   &opt->ttys.v, &opt->ttys.n);
		break;
	case O_PARENT:
		split_list("-P", arg, conv_number, "invalid pid",
			   &opt->ppids.v, &opt->ppids.n);
		break;
	case O_PID:
		split_list("-p", arg, conv_pid, "invalid pid",
			   &opt->pids.v, &opt->pids.n);
		break;
	case O_NSLIST:
		split_list("--nslist", arg, conv_nsname, "unknown namespace",
			   &v, &n);
		for (size_t i = 0; i < n; i++)
			nsmask |= 1L << v[i];
		free(v);
		opt->nslist = (unsigned int)nsmask;
		break;
	case O_CGROUP:
		split_strings("--cgroup", arg, &opt->cgroups, &opt->ncgroups);
		break;
	case O_ENV:
		split_strings("--env", arg, &opt->envs, &opt->nenvs);
		break;
	}
}

static void handle_option(struct options *opt, int code, const char *arg,
			  const char **retry_spec)
{
	switch (code) {
	case O_SIGNAL: set_signal(opt, arg); break;
	case O_LIST_SIGNALS: opt->list_signals = true; break;
	case O_TABLE: opt->table = true; break;
	case O_VERSION: opt->version = true; break;
	case O_EXACT: opt->exact = true; break;
	case O_FULL: opt->full = true; break;
	case O_ICASE: opt->icase = true; break;
	case O_INVERSE: opt->inverse = true; break;
	case O_NEWEST: opt->newest = true; break;
	case O_OLDEST: opt->oldest = true; break;
	case O_OLDER: opt->older = duration_arg("-O", arg); break;
	case O_YOUNGER: opt->younger = duration_arg("--younger", arg); break;
	case O_RUNSTATES: set_runstates(opt, arg); break;
	case O_NS: set_pid_value("--ns", arg, &opt->ns_pid); break;
	case O_HANDLER: opt->require_handler = true; break;
	case O_IGNORE_ANC: break;	/* the default */
	case O_INCLUDE_ANC: opt->include_ancestors = true; break;
	case O_ALL: opt->all_processes = true; break;
	case O_PIDFILE: opt->pidfile = xstrdup(arg); break;
	case O_LOGPIDFILE: opt->logpidfile = true; break;
	case O_EXPECT_NAME: opt->expect_name = xstrdup(arg); break;
	case O_EXPECT_EXE: opt->expect_exe = xstrdup(arg); break;
	case O_STARTED_BEFORE:
		if (!time_parse(arg, (double)time(NULL), &opt->started_before))
			usage_error("--started-before: invalid time '%s'", arg);
		opt->started_before_given = true;
		break;
	case O_QUEUE: set_queue(opt, arg); break;
	case O_TID: set_pid_value("--tid", arg, &opt->tid); break;
	case O_WAIT: opt->wait = true; break;
	case O_TIMEOUT: opt->timeout = duration_arg("--timeout", arg); break;
	case O_RETRY: *retry_spec = xstrdup(arg); break;
	case O_INTERACTIVE: opt->interactive = true; break;
	case O_MRELEASE: opt->mrelease = true; break;
	case O_ECHO: opt->echo = true; break;
	case O_COUNT: opt->count = true; break;
	case O_LIST: opt->list = true; break;
	case O_JSON: opt->json = true; break;
	case O_VERBOSE: opt->verbose = true; break;
	default: handle_filter(opt, code, arg); break;
	}
}

static void check_conflicts(const struct options *opt)
{
	if (opt->newest && opt->oldest)
		usage_error("-n/--newest and -o/--oldest cannot be combined");
	if (opt->list && (opt->wait || opt->retry.n || opt->interactive))
		usage_error("--list sends nothing, so it cannot be combined "
			    "with --wait, --retry or --interactive");
	if (opt->retry.n && opt->timeout >= 0)
		usage_error("--retry has its own timeouts; drop --timeout");
	if (opt->timeout >= 0 && !opt->wait)
		usage_error("--timeout needs -w/--wait");
	if (opt->logpidfile && opt->pidfile == NULL)
		usage_error("-L/--logpidfile needs -F/--pidfile");
	if (opt->nslist && !opt->ns_pid)
		usage_error("--nslist needs --ns");
	if (opt->tid && opt->pidfile)
		usage_error("--tid cannot be combined with -F/--pidfile");
	if (opt->tid && (opt->wait || opt->retry.n || opt->list || opt->json ||
			 opt->interactive))
		usage_error("--tid cannot be combined with --wait, --retry, "
			    "--list, --json or --interactive");
	if (opt->interactive && opt->retry.n)
		usage_error("--interactive cannot be combined with --retry");
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void options_free(struct options *opt)
{
	struct id_list *lists[] = {
		&opt->euids, &opt->uids, &opt->gids, &opt->pgrps,
		&opt->sessions, &opt->ppids, &opt->pids, &opt->ttys,
	};

	for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		free(lists[i]->v);
	free_strings(opt->cgroups, opt->ncgroups);
	free_strings(opt->envs, opt->nenvs);
	free((char *)opt->runstates);
	free((char *)opt->pidfile);
	free((char *)opt->expect_name);
	free((char *)opt->expect_exe);
	free(opt->retry.steps);
}

bool id_list_has(const struct id_list *l, long v)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == v)
			return true;
	return false;
}

bool options_has_filters(const struct options *o)
{
	return o->euids.n || o->uids.n || o->gids.n || o->pgrps.n ||
	       o->sessions.n || o->ttys.n || o->ppids.n || o->pids.n ||
	       o->older >= 0 || o->younger >= 0 || o->runstates ||
	       o->ns_pid || o->ncgroups || o->nenvs || o->require_handler;
}

bool options_has_expectations(const struct options *o)
{
	return o->expect_name || o->expect_exe || o->started_before_given;
}

void options_parse(struct options *opt, int argc, char **argv,
		   const char ***args)
{
	const char *retry_spec = NULL;
	poptContext ctx;
	int rc;

	memset(opt, 0, sizeof(*opt));
	opt->signo = SIGTERM;
	opt->older = opt->younger = opt->timeout = -1;
	opt->retry.repeat_from = -1;

	extract_signal(opt, &argc, argv);
	ctx = poptGetContext(PROGRAM_NAME, argc, (const char **)argv,
			     main_table, 0);
	poptSetOtherOptionHelp(ctx,
		"[OPTION...] [-SIGNAL] TARGET...\n"
		"  TARGET: PID, PID:INODE, PID@STARTTIME, -PGID (after --), "
		"or a PATTERN");
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		char *arg = poptGetOptArg(ctx);
		handle_option(opt, rc, arg, &retry_spec);
		free(arg);
	}
	if (rc < -1)
		usage_error("%s: %s",
			    poptBadOption(ctx, POPT_BADOPTION_NOALIAS),
			    poptStrerror(rc));
	if (opt->ns_pid && opt->nslist == 0)
		opt->nslist = NS_DEFAULT;
	if (retry_spec != NULL) {
		double secs;
		if (!retry_parse(retry_spec, opt->signo, &opt->retry))
			usage_error("--retry: invalid schedule '%s'",
				    retry_spec);
		/* Only the bare-number form uses the given signal. */
		if (opt->signal_given && !parse_duration(retry_spec, &secs))
			usage_error("--retry %s names its own signals; "
				    "drop the signal option", retry_spec);
		free((char *)retry_spec);
	}
	check_conflicts(opt);

	/* The operands outlive the context; copy the vector. */
	const char **rest = poptGetArgs(ctx);
	size_t n = 0;
	while (rest != NULL && rest[n] != NULL)
		n++;
	*args = xcalloc(n + 1, sizeof(**args));
	for (size_t i = 0; i < n; i++)
		(*args)[i] = xstrdup(rest[i]);
	poptFreeContext(ctx);
}
