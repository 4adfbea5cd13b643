/* SPDX-License-Identifier: GPL-2.0-or-later */
/* victim: a test process for pfkill's tests.
 *
 *   victim [-n NAME] [-c SIGS] [-i SIGS] [-o REPORT] [-r READY] [-T N]
 *          [-k N] [-z] [-g] [-S] [-X] [-w SECS] [-- ARGS...]
 *
 * -n NAME   set comm (any bytes; the kernel keeps 15)
 * -c SIGS   catch these signals (comma list of numbers or names such as
 *           TERM, USR1) and append "SIG <n> code <c> value <v> tid <t>
 *           from <pid>" to REPORT for each one that arrives
 * -i SIGS   ignore these signals
 * -X        exit 0 after reporting a caught signal
 * -T N      start N extra threads (they take thread-directed signals)
 * -k N      fork N children like this one (they die with the parent)
 * -D        ... unless -D: then they outlive it
 * -p FILE   write the pid to FILE, as a daemon writes its pidfile
 * -K        ... and keep FILE open for writing, locked (flock), as a
 *           daemon that locks its pidfile does
 * -z        fork a child that exits at once and is never reaped
 * -g / -S   become a process group leader / session leader first
 * -w SECS   exit by itself after SECS seconds
 * -r READY  when set up, write "pid P", "thread T", "child C" and
 *           "zombie Z" lines to READY (atomically, via rename)
 * -E        re-exec with an empty argv (the kernel makes it [""]); the
 *           options travel in VICTIM_OPTS, space separated
 * ARGS after -- only lengthen the command line.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int report_fd = -1;
static volatile sig_atomic_t exit_on_catch;

/* Async-signal-safe decimal formatting. */
static char *put_num(char *p, long v)
{
	char tmp[24];
	int n = 0;
	unsigned long u = v < 0 ? (unsigned long)-v : (unsigned long)v;

	if (v < 0)
		*p++ = '-';
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	char line[160], *p = line;
	int saved = errno;

	(void)uc;
	p = put_str(p, "SIG ");
	p = put_num(p, sig);
	p = put_str(p, " code ");
	p = put_num(p, si->si_code);
	p = put_str(p, " value ");
	p = put_num(p, si->si_code == SI_QUEUE ? si->si_value.sival_int : 0);
	p = put_str(p, " tid ");
	p = put_num(p, gettid());
	p = put_str(p, " from ");
	p = put_num(p, si->si_pid);
	*p++ = '\n';
	if (report_fd >= 0 && write(report_fd, line, (size_t)(p - line)) < 0)
		_exit(3);
	if (exit_on_catch)
		_exit(0);
	errno = saved;
}

static int sig_from_name(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s && *end == '\0' && n > 0 && n < 65)
		return (int)n;
	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (int i = 1; i < 32; i++) {
		const char *abbrev = sigabbrev_np(i);
		if (abbrev && strcmp(abbrev, s) == 0)
			return i;
	}
	fprintf(stderr, "victim: unknown signal %s\n", s);
	exit(2);
}

static void for_each_sig(const char *list, void (*fn)(int))
{
	char *copy = strdup(list), *save = NULL;

	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
		fn(sig_from_name(t));
	free(copy);
}

static void catch_sig(int sig)
{
	struct sigaction sa = { .sa_sigaction = on_signal,
				.sa_flags = SA_SIGINFO | SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void ignore_sig(int sig)
{
	signal(sig, SIG_IGN);
}

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

struct ready {
	char *text;
	size_t len;
};

static void ready_add(struct ready *r, const char *what, long v)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "%s %ld\n", what, v);

	r->text = realloc(r->text, r->len + (size_t)n + 1);
	memcpy(r->text + r->len, line, (size_t)n + 1);
	r->len += (size_t)n;
}

static void ready_write(const struct ready *r, const char *path)
{
	char tmp[4096];
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.tmp%d", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, r->text, r->len) != (ssize_t)r->len ||
	    close(fd) != 0 || rename(tmp, path) != 0) {
		perror("victim: ready file");
		exit(2);
	}
}

static void idle(double secs)
{
	if (secs < 0) {
		for (;;)
			pause();
	}
	struct timespec left = { (time_t)secs,
				 (long)((secs - (double)(time_t)secs) * 1e9) };
	while (nanosleep(&left, &left) != 0 && errno == EINTR)
		;
	exit(0);
}

int main(int argc, char **argv)
{
	const char *name = NULL, *catch_list = NULL, *ignore_list = NULL;
	const char *report = NULL, *ready_path = NULL;
	int threads = 0, children = 0, opt;
	bool zombie = false, group = false, session = false, orphans = false;
	bool keep_pidfile = false;
	const char *pidfile = NULL;
	double life = -1;
	struct ready r = { NULL, 0 };

	static char *env_argv[64];
	if (argc <= 1 && (argc == 0 || argv[0][0] == '\0') &&
	    getenv("VICTIM_OPTS") != NULL) {
		int n = 0;
		env_argv[n++] = "victim";
		for (char *t = strtok(strdup(getenv("VICTIM_OPTS")), " ");
		     t != NULL && n < 63; t = strtok(NULL, " "))
			env_argv[n++] = t;
		argc = n;
		argv = env_argv;
	}
	bool empty_argv = false;
	while ((opt = getopt(argc, argv, "n:c:i:o:r:T:k:zgSXw:Dp:KE")) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'c': catch_list = optarg; break;
		case 'i': ignore_list = optarg; break;
		case 'o': report = optarg; break;
		case 'r': ready_path = optarg; break;
		case 'T': threads = atoi(optarg); break;
		case 'k': children = atoi(optarg); break;
		case 'z': zombie = true; break;
		case 'g': group = true; break;
		case 'S': session = true; break;
		case 'X': exit_on_catch = 1; break;
		case 'w': life = atof(optarg); break;
		case 'D': orphans = true; break;
		case 'p': pidfile = optarg; break;
		case 'K': keep_pidfile = true; break;
		case 'E': empty_argv = true; break;
		default: return 2;
		}
	}
	if (empty_argv) {
		char *none[] = { NULL };
		char opts[4096] = "";
		for (int i = 1; i < argc; i++)
			if (strcmp(argv[i], "-E") != 0) {
				strncat(opts, argv[i], sizeof(opts) - strlen(opts) - 2);
				strcat(opts, " ");
			}
		setenv("VICTIM_OPTS", opts, 1);
		execve("/proc/self/exe", none, environ);
		perror("victim: execve");
		return 2;
	}
	if (session && setsid() < 0)
		perror("victim: setsid");
	else if (group && setpgid(0, 0) < 0)
		perror("victim: setpgid");
	if (name != NULL)
		prctl(PR_SET_NAME, name);
	if (report != NULL) {
		report_fd = open(report, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (report_fd < 0) {
			perror("victim: report file");
			return 2;
		}
	}
	if (ignore_list)
		for_each_sig(ignore_list, ignore_sig);
	if (catch_list)
		for_each_sig(catch_list, catch_sig);

	pid_t parent = getpid();
	ready_add(&r, "pid", parent);
	for (int i = 0; i < children; i++) {
		pid_t c = fork();
		if (c == 0) {
			if (!orphans) {
				prctl(PR_SET_PDEATHSIG, SIGKILL);
				if (getppid() != parent)
					_exit(0);
			}
			idle(life);
		}
		ready_add(&r, "child", c);
	}
	if (zombie) {
		pid_t z = fork();
		if (z == 0)
			_exit(0);
		ready_add(&r, "zombie", z);
	}
	for (int i = 0; i < threads; i++) {
		pthread_t t;
		pthread_create(&t, NULL, idle_thread, NULL);
	}
	if (threads > 0) {
		DIR *d = opendir("/proc/self/task");
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			long tid = atol(e->d_name);
			if (tid > 0 && tid != parent)
				ready_add(&r, "thread", tid);
		}
		if (d)
			closedir(d);
	}
	if (pidfile && keep_pidfile) {
		char line[32];
		int fd = open(pidfile, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		snprintf(line, sizeof(line), "%ld\n", (long)parent);
		if (fd < 0 || write(fd, line, strlen(line)) < 0 ||
		    flock(fd, LOCK_EX) != 0) {
			perror("victim: pidfile");
			return 2;
		}
	} else if (pidfile) {
		struct ready pf = { NULL, 0 };
		char line[32];
		snprintf(line, sizeof(line), "%ld\n", (long)parent);
		pf.text = line;
		pf.len = strlen(line);
		ready_write(&pf, pidfile);
	}
	if (ready_path)
		ready_write(&r, ready_path);
	free(r.text);
	idle(life);
	return 0;
}
