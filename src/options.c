/* SPDX-License-Identifier: GPL-2.0-or-later */
/* options.c: the command line (the popt table and the -SIGNAL pre-pass). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <popt.h>
#include <pwd.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "options.h"
#include "proc.h"
#include "signals.h"
#include "util.h"

/* pgrep 4.0.2's default for --ns: cgroup, ipc, mnt, net, pid and time
 * (it leaves out user and uts); bits follow proc_ns_names. */
#define NS_DEFAULT 0xcfU
/* The most scan threads --threads takes. */
#define THREADS_MAX 64

enum opt_code {
	O_SIGNAL = 1, O_LIST_SIGNALS, O_TABLE, O_VERSION, O_HELP, O_USAGE,
	O_EXACT, O_FULL, O_ICASE, O_INVERSE, O_EUID, O_UID, O_GROUP,
	O_PGROUP, O_SESSION, O_TERMINAL, O_PARENT, O_NEWEST, O_OLDEST,
	O_OLDER, O_YOUNGER, O_RUNSTATES, O_NS, O_NSLIST, O_CGROUP, O_ENV,
	O_PID, O_HANDLER, O_IGNORE_ANC, O_INCLUDE_ANC, O_ALL, O_THREADS,
	O_PIDFILE, O_LOGPIDFILE, O_REMOVE_PIDFILE, O_EXPECT_NAME,
	O_EXPECT_EXE, O_STARTED_BEFORE,
	O_QUEUE, O_TID, O_WAIT, O_TIMEOUT, O_RETRY, O_UNTIL_GONE,
	O_INTERACTIVE, O_MRELEASE, O_OKNODO,
	O_ECHO, O_COUNT, O_LIST, O_PIDS, O_DELIMITER, O_JSON, O_VERBOSE,
	O_COUNT_OF_CODES
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
	VALUE("threads", '\0', O_THREADS, "scan with at most N threads",
	      "N"),
	POPT_TABLEEND
};

static struct poptOption identity_table[] = {
	VALUE("pidfile", 'F', O_PIDFILE, "read the pid from FILE", "FILE"),
	FLAG("logpidfile", 'L', O_LOGPIDFILE,
	     "the pidfile must be locked"),
	FLAG("remove-pidfile", '\0', O_REMOVE_PIDFILE,
	     "remove the pidfile once its process is gone"),
	VALUE("expect-name", '\0', O_EXPECT_NAME,
	      "the process name must be NAME", "NAME"),
	VALUE("expect-exe", '\0', O_EXPECT_EXE,
	      "the executable must be the file PATH", "PATH"),
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
	FLAG("until-gone", '\0', O_UNTIL_GONE,
	     "stop and signal until nothing matches"),
	FLAG("interactive", 'I', O_INTERACTIVE, "ask before each process"),
	FLAG("mrelease", 'm', O_MRELEASE, "release memory after KILL"),
	FLAG("oknodo", '\0', O_OKNODO, "exit 0 when there is nothing to do"),
	POPT_TABLEEND
};

static struct poptOption output_table[] = {
	FLAG("echo", 'e', O_ECHO, "print what was signalled"),
	FLAG("count", 'c', O_COUNT, "print the number of processes"),
	FLAG("list", '\0', O_LIST, "print what would be signalled; send nothing"),
	FLAG("dry-run", '\0', O_LIST, "the same as --list"),
	FLAG("pids", '\0', O_PIDS, "print only the pids; send nothing"),
	VALUE("delimiter", 'd', O_DELIMITER, "separate --pids with DELIM",
	      "DELIM"),
	FLAG("json", '\0', O_JSON, "print JSON"),
	FLAG("verbose", '\0', O_VERBOSE, "explain what is skipped and why"),
	FLAG("version", 'V', O_VERSION, "print the version"),
	POPT_TABLEEND
};

/* popt's own help table names only -?; procps, util-linux and killall
 * users type -h. */
static struct poptOption help_table[] = {
	FLAG("help", 'h', O_HELP, "show this help message"),
	{ NULL, '?', POPT_ARG_NONE | POPT_ARGFLAG_DOC_HIDDEN, NULL, O_HELP,
	  NULL, NULL },
	FLAG("usage", '\0', O_USAGE, "display a brief usage message"),
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
	{ NULL, '\0', POPT_ARG_INCLUDE_TABLE, help_table, 0,
	  "Help options:", NULL },
	POPT_TABLEEND
};

static struct poptOption *const sub_tables[] = {
	signal_table, select_table, identity_table, send_table, output_table,
	help_table,
};

#define OTHER_HELP \
	"[OPTION...] [-SIGNAL] TARGET...\n" \
	"  TARGET: PID, PID:INODE, PID@STARTTIME, -PGID (after --), " \
	"or a PATTERN"

/* --- value converters for comma lists ------------------------------ */

static bool add_number(const char *s, void *ctx)
{
	unsigned long v;

	if (!parse_ulong(s, 10, INT_MAX, &v))
		return false;
	id_list_add(ctx, (long)v);
	return true;
}

static bool add_pid(const char *s, void *ctx)
{
	pid_t pid;

	if (!parse_pid(s, &pid))
		return false;
	id_list_add(ctx, pid);
	return true;
}

static bool add_user(const char *s, void *ctx)
{
	struct passwd *pw;

	if (add_number(s, ctx))
		return true;
	pw = getpwnam(s);
	if (pw == NULL)
		return false;
	id_list_add(ctx, (long)pw->pw_uid);
	return true;
}

static bool add_group(const char *s, void *ctx)
{
	struct group *gr;

	if (add_number(s, ctx))
		return true;
	gr = getgrnam(s);
	if (gr == NULL)
		return false;
	id_list_add(ctx, (long)gr->gr_gid);
	return true;
}

/* A terminal that does not exist matches nothing, as in pgrep: said
 * once, not a usage error. */
static bool add_tty(const char *s, void *ctx)
{
	char path[PATH_MAX];
	struct stat st;

	if (strcmp(s, "?") == 0 || strcmp(s, "-") == 0) {
		id_list_add(ctx, 0);
		return true;
	}
	snprintf(path, sizeof(path), "%s%s",
		 strncmp(s, "/dev/", 5) == 0 ? "" : "/dev/", s);
	if (stat(path, &st) != 0 || !S_ISCHR(st.st_mode)) {
		msg("-t: no such terminal '%s'", s);
		return true;
	}
	id_list_add(ctx, proc_tty_encode(major(st.st_rdev), minor(st.st_rdev)));
	return true;
}

static bool add_nsname(const char *s, void *ctx)
{
	unsigned int *mask = ctx;

	for (int i = 0; i < PROC_NS_COUNT; i++)
		if (strcmp(s, proc_ns_names[i]) == 0) {
			*mask |= 1U << i;
			return true;
		}
	return false;
}

struct string_list {
	char ***v;
	size_t *n, *cap;
};

static bool add_string(const char *s, void *ctx)
{
	struct string_list *l = ctx;

	*l->v = xgrow(*l->v, sizeof(**l->v), *l->n, l->cap);
	(*l->v)[(*l->n)++] = xstrdup(s);
	return true;
}

static double duration_arg(const char *opt, const char *arg)
{
	double v;

	if (!parse_duration(arg, &v))
		usage_error("%s: invalid duration '%s'", opt, arg);
	return v;
}

/* --- -SIGNAL before popt ------------------------------------------- */

/* The table entry for short option c, or (c == 0) long option name. */
static const struct poptOption *find_option(char c, const char *name)
{
	for (size_t t = 0; t < ARRAY_SIZE(sub_tables); t++)
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

static void remove_arg(int *argc, char **argv, int i)
{
	memmove(argv + i, argv + i + 1, sizeof(*argv) * (size_t)(*argc - i));
	(*argc)--;
}

/* kill's attached forms: "-lHUP", "-lSIGHUP", "-l1" are -l with an
 * operand.  Returns the operand, or NULL. */
static const char *attached_list_arg(const char *a)
{
	unsigned long n;

	if (strncmp(a, "-l", 2) != 0 || a[2] == '\0' || is_flag_cluster(a + 1))
		return NULL;
	if (signal_parse(a + 2) >= 0 || parse_ulong(a + 2, 10, 255, &n))
		return a + 2;
	return NULL;
}

/* A signal word that is not a signal: "-1234" is most likely a process
 * group given before "--". */
static _Noreturn void bad_signal_word(const char *word)
{
	if (strspn(word, "0123456789") == strlen(word))
		usage_error("unknown signal: %s; to name process group %s, put "
			    "it after '--': pfkill [OPTION...] -- -%s", word,
			    word, word);
	usage_error("unknown signal: %s", word);
}

static void take_signal(struct options *opt, int signo)
{
	if (opt->signal_given)
		usage_error("more than one signal given");
	opt->signo = signo;
	opt->signal_given = true;
}

/* Take "-SIGNAL" out of argv, as pkill does (popt cannot parse "-9").
 * The operands of an attached -lARG go to *extra. */
static void extract_signal(struct options *opt, int *argc, char **argv,
			   const char **extra)
{
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			return;
		if (attached_list_arg(a) != NULL) {
			*extra = attached_list_arg(a);
			opt->list_signals = true;
			remove_arg(argc, argv, i--);
			continue;
		}
		bool candidate = a[0] == '-' && a[1] != '-' && a[1] != '\0' &&
				 !is_flag_cluster(a + 1);
		int signo = candidate ? signal_parse(a + 1) : -1;
		if (signo < 0 && candidate && looks_like_signal(a + 1))
			bad_signal_word(a + 1);
		if (signo < 0) {
			if (wants_value(a))
				i++;	/* skip the option's value */
			continue;
		}
		take_signal(opt, signo);
		remove_arg(argc, argv, i--);	/* look on: a second is an error */
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
	if (!isdigit((unsigned char)*arg) && strchr(arg, ',') == NULL &&
	    signal_parse(arg) > 0)
		usage_error("-s is the session filter, as in pkill; to send a "
			    "signal use --signal %s or -%s", arg, arg);
	free((char *)opt->session_arg);
	opt->session_arg = xstrdup(arg);
	list_walk("-s", arg, "invalid session id", add_number, &opt->sessions);
}

/* The states /proc/<pid>/stat shows (procps's list, old ones included). */
#define RUNSTATES "RSDZTtWXxKPI"

static void set_runstates(struct options *opt, const char *arg)
{
	for (const char *c = arg; *c; c++)
		if (*c != ',' && strchr(RUNSTATES, *c) == NULL)
			usage_error("-r: unknown state '%c' in '%s' (states are "
				    "letters such as R, S, D, T, Z; to match a "
				    "name, give it as a pattern)", *c, arg);
	if (strspn(arg, ",") == strlen(arg))
		usage_error("-r: empty list");
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

static void set_threads(struct options *opt, const char *arg)
{
	unsigned long v;

	if (!parse_ulong(arg, 10, THREADS_MAX, &v) || v == 0)
		usage_error("--threads: invalid number '%s' (1 to %d)", arg,
			    THREADS_MAX);
	opt->threads = (unsigned int)v;
}

static void set_started_before(struct options *opt, const char *arg)
{
	const char *why = time_parse(arg, (double)time(NULL),
				     &opt->started_before);

	if (why != NULL)
		usage_error("--started-before: %s '%s'", why, arg);
	opt->started_before_given = true;
}

static void handle_list(struct options *opt, int code, const char *arg)
{
	struct string_list cg = { &opt->cgroups, &opt->ncgroups, &opt->cgroups_cap };
	struct string_list env = { &opt->envs, &opt->nenvs, &opt->envs_cap };

	switch (code) {
	case O_EUID:
		list_walk("-u", arg, "unknown user", add_user, &opt->euids);
		break;
	case O_UID:
		list_walk("-U", arg, "unknown user", add_user, &opt->uids);
		break;
	case O_GROUP:
		list_walk("-G", arg, "unknown group", add_group, &opt->gids);
		break;
	case O_PGROUP:
		list_walk("-g", arg, "invalid process group", add_number,
			  &opt->pgrps);
		break;
	case O_SESSION: set_session(opt, arg); break;
	case O_TERMINAL:
		opt->ttys_given = true;
		list_walk("-t", arg, "unknown terminal", add_tty, &opt->ttys);
		break;
	case O_PARENT:
		list_walk("-P", arg, "invalid pid", add_number, &opt->ppids);
		break;
	case O_PID:
		list_walk("-p", arg, "invalid pid", add_pid, &opt->pids);
		break;
	case O_NSLIST:
		list_walk("--nslist", arg, "unknown namespace", add_nsname,
			  &opt->nslist);
		break;
	case O_CGROUP: list_walk("--cgroup", arg, "", add_string, &cg); break;
	case O_ENV: list_walk("--env", arg, "", add_string, &env); break;
	}
}

static void handle_value(struct options *opt, int code, const char *arg,
			 const char **retry_spec)
{
	switch (code) {
	case O_SIGNAL: set_signal(opt, arg); break;
	case O_OLDER: opt->older = duration_arg("-O", arg); break;
	case O_YOUNGER: opt->younger = duration_arg("--younger", arg); break;
	case O_RUNSTATES: set_runstates(opt, arg); break;
	case O_NS: set_pid_value("--ns", arg, &opt->ns_pid); break;
	case O_THREADS: set_threads(opt, arg); break;
	case O_PIDFILE: opt->pidfile = xstrdup(arg); break;
	case O_EXPECT_NAME: opt->expect_name = xstrdup(arg); break;
	case O_EXPECT_EXE: opt->expect_exe = xstrdup(arg); break;
	case O_STARTED_BEFORE: set_started_before(opt, arg); break;
	case O_QUEUE: set_queue(opt, arg); break;
	case O_TID: set_pid_value("--tid", arg, &opt->tid); break;
	case O_TIMEOUT: opt->timeout = duration_arg("--timeout", arg); break;
	case O_RETRY: *retry_spec = arg; break;
	case O_DELIMITER: opt->delimiter = xstrdup(arg); opt->pids_only = true; break;
	default: handle_list(opt, code, arg); break;
	}
}

static void handle_flag(struct options *opt, int code)
{
	bool *flags[O_COUNT_OF_CODES] = {
		[O_LIST_SIGNALS] = &opt->list_signals, [O_TABLE] = &opt->table,
		[O_VERSION] = &opt->version, [O_EXACT] = &opt->exact,
		[O_FULL] = &opt->full, [O_ICASE] = &opt->icase,
		[O_INVERSE] = &opt->inverse, [O_NEWEST] = &opt->newest,
		[O_OLDEST] = &opt->oldest, [O_HANDLER] = &opt->require_handler,
		[O_INCLUDE_ANC] = &opt->include_ancestors,
		[O_ALL] = &opt->all_processes, [O_LOGPIDFILE] = &opt->logpidfile,
		[O_REMOVE_PIDFILE] = &opt->remove_pidfile,
		[O_WAIT] = &opt->wait, [O_UNTIL_GONE] = &opt->until_gone,
		[O_INTERACTIVE] = &opt->interactive,
		[O_MRELEASE] = &opt->mrelease, [O_OKNODO] = &opt->oknodo,
		[O_ECHO] = &opt->echo, [O_COUNT] = &opt->count,
		[O_LIST] = &opt->list, [O_PIDS] = &opt->pids_only,
		[O_JSON] = &opt->json, [O_VERBOSE] = &opt->verbose,
	};

	if (flags[code] != NULL)
		*flags[code] = true;	/* -A (O_IGNORE_ANC) is the default */
}

/* Room for how an option is spelled, "-F/--pidfile". */
#define OPTION_LABEL_MAX 64

/* "-F/--pidfile": how the option with code is spelled. */
static const char *option_label(int code, char *buf, size_t size)
{
	for (size_t t = 0; t < ARRAY_SIZE(sub_tables); t++)
		for (const struct poptOption *o = sub_tables[t];
		     o->longName || o->shortName; o++)
			if (o->val == code) {
				if (o->shortName)
					snprintf(buf, size, "-%c/--%s",
						 o->shortName, o->longName);
				else
					snprintf(buf, size, "--%s", o->longName);
				return buf;
			}
	return "an option";
}

/* An option that takes one value must not be given twice: the first
 * would be dropped without a word. */
static void check_once(int code, unsigned char *seen)
{
	char label[OPTION_LABEL_MAX];

	static const int single[] = {
		O_OLDER, O_YOUNGER, O_RUNSTATES, O_NS, O_THREADS,
		O_PIDFILE, O_EXPECT_NAME, O_EXPECT_EXE, O_STARTED_BEFORE,
		O_QUEUE, O_TID, O_TIMEOUT, O_RETRY, O_DELIMITER,
	};

	for (size_t i = 0; i < ARRAY_SIZE(single); i++)
		if (single[i] == code && seen[code]++)
			usage_error("%s given twice; it takes one value",
				    option_label(code, label, sizeof(label)));
}

static void check_conflicts(const struct options *opt)
{
	bool listing = options_listing(opt);

	if (opt->newest && opt->oldest)
		usage_error("-n/--newest and -o/--oldest cannot be combined");
	if (listing && (opt->wait || opt->retry.n || opt->interactive ||
			opt->until_gone))
		usage_error("--list and --pids send nothing, so they cannot be "
			    "combined with --wait, --retry, --until-gone or "
			    "--interactive");
	if (opt->pids_only && opt->json)
		usage_error("--pids and --json cannot be combined");
	if (opt->count && opt->json)
		usage_error("--count and --json cannot be combined (the JSON "
			    "array has the count)");
	if (opt->retry.n && (opt->timeout >= 0 || opt->wait || opt->until_gone))
		usage_error("--retry has its own timeouts; drop --timeout, "
			    "--wait and --until-gone");
	if (opt->timeout >= 0 && !opt->wait && !opt->until_gone)
		usage_error("--timeout needs -w/--wait or --until-gone");
	if (opt->logpidfile && opt->pidfile == NULL)
		usage_error("-L/--logpidfile needs -F/--pidfile");
	if (opt->remove_pidfile && opt->pidfile == NULL)
		usage_error("--remove-pidfile needs -F/--pidfile");
	if (opt->nslist && !opt->ns_pid)
		usage_error("--nslist needs --ns");
	if (opt->tid && opt->pidfile)
		usage_error("--tid cannot be combined with -F/--pidfile");
	if (opt->tid && (opt->wait || opt->retry.n || listing || opt->json ||
			 opt->interactive || opt->until_gone))
		usage_error("--tid cannot be combined with --wait, --retry, "
			    "--until-gone, --list, --pids, --json or "
			    "--interactive");
	if (opt->interactive && (opt->retry.n || opt->until_gone))
		usage_error("--interactive cannot be combined with --retry or "
			    "--until-gone");
	if (opt->until_gone && (opt->wait || opt->newest || opt->oldest))
		usage_error("--until-gone cannot be combined with --wait, "
			    "--newest or --oldest");
}

static void parse_retry(struct options *opt, const char *spec)
{
	char why[SCHEDULE_WHY_MAX];
	double secs;

	if (!retry_parse(spec, opt->signo, &opt->retry, why, sizeof(why)))
		usage_error("--retry '%s': %s", spec, why);
	/* Only the bare-number form uses the given signal. */
	if (opt->signal_given && !parse_duration(spec, &secs))
		usage_error("--retry %s names its own signals; drop the signal "
			    "option", spec);
}

static void run_popt(poptContext ctx, struct options *opt,
		     const char **retry_spec)
{
	unsigned char seen[O_COUNT_OF_CODES] = { 0 };
	int rc;

	while ((rc = poptGetNextOpt(ctx)) > 0) {
		char *arg = poptGetOptArg(ctx);
		check_once(rc, seen);
		if (rc == O_HELP || rc == O_USAGE) {
			if (rc == O_HELP)
				poptPrintHelp(ctx, stdout, 0);
			else
				poptPrintUsage(ctx, stdout, 0);
			exit(fflush(stdout) == 0 ? 0 : EXIT_FATAL);
		}
		if (arg != NULL) {
			/* Values live as long as the options: keep arg. */
			handle_value(opt, rc, arg, retry_spec);
			if (rc != O_RETRY)
				free(arg);
		} else {
			handle_flag(opt, rc);
		}
	}
	if (rc < -1)
		usage_error("%s: %s", poptBadOption(ctx, POPT_BADOPTION_NOALIAS),
			    poptStrerror(rc));
}

/* The operands outlive the popt context: copy them, with the operand of
 * an attached -lARG first. */
static const char **copy_operands(poptContext ctx, const char *extra)
{
	const char **rest = poptGetArgs(ctx);
	size_t n = 0, k = 0;

	while (rest != NULL && rest[n] != NULL)
		n++;
	const char **args = xcalloc(n + 2, sizeof(*args));
	if (extra != NULL)
		args[k++] = xstrdup(extra);
	for (size_t i = 0; i < n; i++)
		args[k++] = xstrdup(rest[i]);
	return args;
}

void options_parse(struct options *opt, int argc, char **argv,
		   const char ***args)
{
	const char *retry_spec = NULL, *extra = NULL;
	poptContext ctx;

	memset(opt, 0, sizeof(*opt));
	opt->signo = SIGTERM;
	opt->older = opt->younger = opt->timeout = -1;
	opt->retry.repeat_from = -1;

	extract_signal(opt, &argc, argv, &extra);
	ctx = poptGetContext(PACKAGE_NAME, argc, (const char **)argv,
			     main_table, 0);
	poptSetOtherOptionHelp(ctx, OTHER_HELP);
	run_popt(ctx, opt, &retry_spec);
	if (opt->ns_pid && opt->nslist == 0)
		opt->nslist = NS_DEFAULT;
	if (retry_spec != NULL) {
		parse_retry(opt, retry_spec);
		free((char *)retry_spec);
	}
	check_conflicts(opt);
	*args = copy_operands(ctx, extra);
	poptFreeContext(ctx);
}

/* killall's -o 5m / -y 5m: here a pattern "5m" that no name has. */
static bool looks_like_age(const char *s)
{
	size_t digits = strspn(s, "0123456789.");

	return digits > 0 && s[digits] != '\0' && s[digits + 1] == '\0' &&
	       strchr("smhdwMy", s[digits]) != NULL;
}

static void check_pattern(const char *pat)
{
	if (*pat == '\0')
		usage_error("an empty pattern would select every process; name "
			    "a process, or use a filter such as -u");
	if (looks_like_age(pat))
		msg("warning: '%s' is taken as a pattern; for processes older "
		    "than %s use -O %s (killall's -o is -O here)", pat, pat, pat);
}

void options_check_targets(const struct options *opt,
			   const struct target *targets, size_t n)
{
	bool named = opt->pidfile != NULL;

	for (size_t i = 0; i < n; i++) {
		if (targets[i].kind == T_PATTERN)
			check_pattern(targets[i].arg);
		else
			named = true;
		if (target_is_pid(&targets[i]) && opt->session_arg &&
		    signal_parse(opt->session_arg) >= 0)
			usage_error("-s is the session filter, as in pkill; to "
				    "send signal %s use -%s or --signal %s",
				    opt->session_arg, opt->session_arg,
				    opt->session_arg);
	}
	if (opt->inverse && named)
		usage_error("--inverse selects from the scan; it cannot be "
			    "combined with a pid, handle, process group or "
			    "pidfile");
	if (opt->until_gone && named)
		usage_error("--until-gone repeats a scan by pattern or filters; "
			    "it cannot be combined with a pid, handle, process "
			    "group or pidfile");
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

	for (size_t i = 0; i < ARRAY_SIZE(lists); i++)
		free(lists[i]->v);
	free_strings(opt->cgroups, opt->ncgroups);
	free_strings(opt->envs, opt->nenvs);
	free((char *)opt->session_arg);
	free((char *)opt->runstates);
	free((char *)opt->pidfile);
	free((char *)opt->expect_name);
	free((char *)opt->expect_exe);
	free((char *)opt->delimiter);
	retry_free(&opt->retry);
}

bool options_listing(const struct options *opt)
{
	return opt->list || opt->pids_only;
}
