#ifndef PFKILL_OPTIONS_H
#define PFKILL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A comma list of numbers (uids, gids, pids, ...). */
struct id_list {
	long *v;
	size_t n;
};

/* One step of a --retry schedule: send signo, or wait secs. */
struct retry_step {
	enum { STEP_SIGNAL, STEP_TIMEOUT } kind;
	int signo;
	double secs;
};

/* After the last step, go on from step repeat_from ("forever"), or stop
 * when repeat_from is -1. */
struct retry_schedule {
	struct retry_step *steps;
	size_t n;
	long repeat_from;
};

/* Everything the command line decided; read-only after parsing. */
struct options {
	int signo;
	bool signal_given;

	/* Modes other than signalling. */
	bool list_signals, table, version;

	/* Pattern matching and filters (pkill's). */
	bool exact, full, icase, inverse;
	bool newest, oldest;
	bool include_ancestors, all_processes, require_handler;
	struct id_list euids, uids, gids, pgrps, sessions, ppids, pids;
	struct id_list ttys;		/* device numbers; 0 for "no tty" */
	double older, younger;		/* seconds; < 0 when unset */
	const char *runstates;
	pid_t ns_pid;
	unsigned int nslist;		/* bit per namespace kind */
	char **cgroups;
	size_t ncgroups;
	char **envs;
	size_t nenvs;

	/* Identity checks. */
	const char *pidfile;
	bool logpidfile;
	const char *expect_name;
	const char *expect_exe;
	bool started_before_given;
	double started_before;		/* wall clock, seconds since epoch */

	/* Sending. */
	bool queue_given;
	int queue_value;
	pid_t tid;
	bool wait;
	double timeout;			/* < 0 when unset */
	struct retry_schedule retry;
	bool interactive, mrelease;

	/* Output. */
	bool echo, count, list, json, verbose;
};

/* Parse argv into opt; the operands (targets, or -l arguments) are
 * returned in *args (NULL terminated).  Exits 2 on bad usage and 0 after
 * --help/--usage/--version. */
void options_parse(struct options *opt, int argc, char **argv,
		   const char ***args);

/* Free what options_parse allocated. */
void options_free(struct options *opt);

/* Does any option filter processes (-u, -g, -P, ...)? */
bool options_has_filters(const struct options *opt);

/* Is v in the list? */
bool id_list_has(const struct id_list *l, long v);

/* Are there checks that a selected process must pass (--expect-*)? */
bool options_has_expectations(const struct options *opt);

/* Parse a --retry schedule; false if malformed.  Exposed for fuzzing. */
bool retry_parse(const char *spec, int default_signo,
		 struct retry_schedule *out);

/* Parse a --started-before TIME: "@EPOCH", "YYYY-MM-DD[ HH:MM[:SS]]",
 * or a duration ago ("10m").  Exposed for fuzzing. */
bool time_parse(const char *s, double now, double *out);

/* Namespace kinds for --nslist, in the order of proc/<pid>/ns names. */
extern const char *const ns_names[];
#define NS_COUNT 8

#endif
