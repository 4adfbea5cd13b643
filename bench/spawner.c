/* spawner: start N small paused processes for bench/run.
 *
 *   spawner [-n N] [-k K] [-i IDLE] [-t TARGET] [-m pause|term]
 *           [-d SPREAD_MS] [-o FILE]
 *
 * Forks N children.  Each sets its name (comm) with PR_SET_NAME: K of
 * them, spread evenly over the N, are named TARGET, the others IDLE.
 * Children die with the spawner (PR_SET_PDEATHSIG) and the spawner dies
 * with its own parent, so nothing outlives bench/run.  When every child
 * has named itself, the spawner prints "ready N" on stdout and closes it.
 *
 * -m pause: children wait in pause(); TERM kills them.  The spawner runs
 *   until TERM, INT or HUP, then kills and reaps every child and exits.
 * -m term: children catch TERM, sleep a per-child delay spread evenly
 *   over [0, SPREAD_MS] ms, record CLOCK_MONOTONIC into shared memory
 *   just before _exit, and exit.  The spawner reaps them as they go and,
 *   when all are gone, writes to FILE (or stdout) one line:
 *     last_exit_ns first_exit_ns last_reap_ns exited_by_term
 *   and exits.
 *
 * The spawner reaps its own children: on a system whose init does not
 * reap orphans, killed children must not be left as zombies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static pid_t *pids;		/* children, pids[0..made) */
static volatile long made;
static uint64_t *exit_ns;	/* shared: child i's exit time, 0 if none */
static long my_index;
static long delay_us;
static sigset_t old_mask;	/* the mask to run children with */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Parent: kill every child now (kill is async-signal safe); the main
 * loop goes on reaping until all are gone. */
static void on_stop(int sig)
{
	(void)sig;
	if (stop)
		return;
	stop = 1;
	for (long i = 0; i < made; i++)
		kill(pids[i], SIGKILL);
}

/* Child, -m term: exit after the delay, recording when. */
static void on_term(int sig)
{
	(void)sig;
	if (delay_us > 0) {
		struct timespec ts = { delay_us / 1000000,
				       (delay_us % 1000000) * 1000 };
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
	}
	exit_ns[my_index] = now_ns();
	_exit(0);
}

static void usage(void)
{
	fprintf(stderr, "usage: spawner [-n N] [-k K] [-i IDLE] [-t TARGET] "
		"[-m pause|term] [-d SPREAD_MS] [-o FILE]\n");
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "spawner: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void child(long i, bool target, const char *name, bool term_mode,
		  pid_t parent, int readyfd, int devnull)
{
	struct sigaction sa = { 0 };

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	prctl(PR_SET_NAME, name);
	(void)target;
	my_index = i;
	sa.sa_handler = term_mode ? on_term : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	dup2(devnull, 0);
	dup2(devnull, 1);
	dup2(devnull, 2);
	if (write(readyfd, "r", 1) != 1)
		_exit(1);
	close(readyfd);
	close(devnull);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	long n = 5000, k = 5, spread_ms = 0;
	const char *idle = "benchidle", *tname = "benchtarget", *out = NULL;
	bool term_mode = false;
	int opt, pfd[2], devnull;
	pid_t self = getpid();
	struct sigaction sa = { 0 };
	sigset_t block;

	while ((opt = getopt(argc, argv, "n:k:i:t:m:d:o:")) != -1) {
		switch (opt) {
		case 'n': n = atol(optarg); break;
		case 'k': k = atol(optarg); break;
		case 'i': idle = optarg; break;
		case 't': tname = optarg; break;
		case 'm':
			if (strcmp(optarg, "term") == 0)
				term_mode = true;
			else if (strcmp(optarg, "pause") != 0)
				usage();
			break;
		case 'd': spread_ms = atol(optarg); break;
		case 'o': out = optarg; break;
		default: usage();
		}
	}
	if (n < 1 || k < 0 || k > n || spread_ms < 0 || optind != argc)
		usage();

	/* Own process group (Ctrl-C goes to bench/run, which cleans up),
	 * and die with bench/run whatever happens to it. */
	setpgid(0, 0);
	prctl(PR_SET_NAME, "benchspawner");
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		return 1;

	pids = calloc((size_t)n, sizeof(*pids));
	exit_ns = mmap(NULL, (size_t)n * sizeof(*exit_ns),
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (pids == NULL || exit_ns == MAP_FAILED)
		die("memory");
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0 || pipe2(pfd, O_CLOEXEC) != 0)
		die("pipe");

	/* Hold TERM/INT/HUP while forking: a child must not run on_stop. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	sigdelset(&old_mask, SIGTERM);
	sigdelset(&old_mask, SIGINT);
	sigdelset(&old_mask, SIGHUP);
	for (long i = 0; i < n; i++) {
		/* Targets at evenly spaced positions: i*k/n steps up. */
		bool target = k > 0 && (i * k) / n != ((i + 1) * k) / n;
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "spawner: fork %ld of %ld: %s\n", i, n,
				strerror(errno));
			break;
		}
		if (pid == 0) {
			close(pfd[0]);
			delay_us = n > 1 ? (long)((i * 7919L) % n) * spread_ms *
					   1000 / (n - 1) : 0;
			child(i, target, target ? tname : idle, term_mode, self,
			      pfd[1], devnull);
		}
		pids[made++] = pid;
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	close(pfd[1]);

	/* Every child writes one byte once named; EOF when all have. */
	long ready = 0;
	char buf[4096];
	while (ready < made && !stop) {
		ssize_t r = read(pfd[0], buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		ready += r;
	}
	close(pfd[0]);
	if (ready == n && !stop) {
		printf("ready %ld\n", n);
		fflush(stdout);
	} else if (!stop) {
		fprintf(stderr, "spawner: only %ld of %ld children ready\n",
			ready, n);
		on_stop(0);
	}
	fclose(stdout);

	/* Reap until every child is gone, or until told to stop. */
	long alive = made;
	uint64_t last_reap = 0;
	while (alive > 0) {
		int st;
		pid_t w = waitpid(-1, &st, 0);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		last_reap = now_ns();
		alive--;
	}
	if (stop)
		return 1;
	if (term_mode) {
		uint64_t last = 0, first = UINT64_MAX;
		long count = 0;
		for (long i = 0; i < made; i++) {
			if (exit_ns[i] == 0)
				continue;
			count++;
			if (exit_ns[i] > last)
				last = exit_ns[i];
			if (exit_ns[i] < first)
				first = exit_ns[i];
		}
		FILE *f = out ? fopen(out, "w") : fdopen(dup(2), "w");
		if (f == NULL)
			die(out);
		fprintf(f, "%llu %llu %llu %ld\n", (unsigned long long)last,
			(unsigned long long)(count ? first : 0),
			(unsigned long long)last_reap, count);
		if (fclose(f) != 0)
			die(out ? out : "output");
	}
	return made == n ? 0 : 1;
}
