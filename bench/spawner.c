/* SPDX-License-Identifier: GPL-2.0-or-later */
/* spawner: start N small paused processes, or a contained fork bomb,
 * for bench/run.
 *
 *   spawner [-n N] [-k K] [-i IDLE] [-t TARGET] [-m pause|term]
 *           [-d SPREAD_MS] [-o FILE]
 *   spawner -m bomb -u UID -g GID [-l NPROC] [-c CGROUP_DIR]
 *           [-p PAUSE_US] [-t NAME] [-o FILE]
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
 * -m bomb: a fork bomb held to NPROC processes (default 200).  One
 *   child joins the cgroup v2 directory CGROUP_DIR (when given), drops
 *   to UID/GID with RLIMIT_NPROC = NPROC, soft and hard, and no way back
 *   (no supplementary groups, no_new_privs, checked), names itself NAME
 *   and forks forever; every child does the same.  A fork that fails
 *   (the limit) is retried after PAUSE_US microseconds (default 1000),
 *   so a killed process is replaced at once.  The spawner is a child
 *   subreaper: every bomb process is its descendant, and it reaps them
 *   all.  It prints "ready 1" once the first bomb process runs under the
 *   limit.  When the last one is reaped it writes to FILE (or stdout)
 *   one line:
 *     gone_ns reaped
 *   (CLOCK_MONOTONIC of the last reap, processes reaped) and exits 0.
 *   On TERM, INT or HUP (and when its parent dies) it writes 1 to the
 *   cgroup's cgroup.kill at once, and then also kills as UID with
 *   kill(-1, SIGKILL), reaps everything and exits 1.
 *
 * The spawner reaps its own children: on a system whose init does not
 * reap orphans, killed children must not be left as zombies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
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
		"[-m pause|term] [-d SPREAD_MS] [-o FILE]\n"
		"       spawner -m bomb -u UID -g GID [-l NPROC] "
		"[-c CGROUP_DIR] [-p PAUSE_US] [-t NAME] [-o FILE]\n");
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "spawner: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* handler for TERM, INT and HUP, the ways a run is stopped. */
static void on_stop_signals(void (*handler)(int))
{
	struct sigaction sa = { .sa_handler = handler };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Hold TERM, INT and HUP while forking, so that no child runs the
 * parent's handler; old_mask, without them, is what children run with. */
static void hold_stop_signals(void)
{
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	sigdelset(&old_mask, SIGTERM);
	sigdelset(&old_mask, SIGINT);
	sigdelset(&old_mask, SIGHUP);
}

static void child(long i, bool target, const char *name, bool term_mode,
		  pid_t parent, int readyfd, int devnull)
{
	struct sigaction sa = { .sa_handler = on_term };

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	prctl(PR_SET_NAME, name);
	(void)target;
	my_index = i;
	on_stop_signals(SIG_DFL);
	sigemptyset(&sa.sa_mask);
	if (term_mode)
		sigaction(SIGTERM, &sa, NULL);
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

/* --- -m bomb ---------------------------------------------------------- */

static int bomb_killfd = -1;	/* the cgroup's cgroup.kill, or -1 */

/* Parent, -m bomb: the cgroup dies at once (write is async-signal
 * safe); the main loop then also kills by uid and reaps. */
static void on_stop_bomb(int sig)
{
	(void)sig;
	stop = 1;
	if (bomb_killfd >= 0) {
		ssize_t r = write(bomb_killfd, "1", 1);
		(void)r;	/* the uid kill in the main loop follows */
	}
}

/* Kill every process of uid from a child of ours: as uid, kill(-1)
 * reaches exactly those (and not the caller).  It repeats until none is
 * left (zombies count until the main loop, which goes on reaping
 * meanwhile, has reaped them), for at most a second. */
static void kill_uid(uid_t uid, gid_t gid)
{
	if (fork() != 0)
		return;
	if (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0 ||
	    setresuid(uid, uid, uid) != 0 || getuid() != uid)
		_exit(1);
	for (int i = 0; i < 1000 && kill(-1, SIGKILL) == 0; i++)
		usleep(1000);
	_exit(0);
}

/* The first bomb process: contained, then forking for ever. */
static _Noreturn void bomb_child(uid_t uid, gid_t gid, long nproc,
				 int procsfd, const char *name, long pause_us,
				 int readyfd, int devnull)
{
	struct rlimit rl = { (rlim_t)nproc, (rlim_t)nproc };
	struct timespec pause = { pause_us / 1000000,
				  (pause_us % 1000000) * 1000 };
	on_stop_signals(SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	/* Into the cgroup while still root, then down to uid for good. */
	if (procsfd >= 0 && write(procsfd, "0", 1) != 1)
		_exit(1);
	if (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0 ||
	    setrlimit(RLIMIT_NPROC, &rl) != 0 ||
	    setresuid(uid, uid, uid) != 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		_exit(1);
	if (getuid() != uid || geteuid() != uid || getgid() != gid ||
	    getrlimit(RLIMIT_NPROC, &rl) != 0 || rl.rlim_cur != (rlim_t)nproc ||
	    rl.rlim_max != (rlim_t)nproc || setresuid(0, 0, 0) == 0 ||
	    setrlimit(RLIMIT_NPROC, &(struct rlimit){ RLIM_INFINITY,
						       RLIM_INFINITY }) == 0)
		_exit(1);
	prctl(PR_SET_NAME, name);
	dup2(devnull, 0);
	dup2(devnull, 1);
	dup2(devnull, 2);
	close(devnull);
	if (procsfd >= 0)
		close(procsfd);
	if (write(readyfd, "r", 1) != 1)
		_exit(1);
	close(readyfd);
	for (;;)
		if (fork() < 0)
			nanosleep(&pause, NULL);
}

static int bomb_main(uid_t uid, gid_t gid, long nproc, const char *cgroup,
		     const char *name, long pause_us, const char *out)
{
	int pfd[2], procsfd = -1, devnull;
	long reaped = 0;
	bool killed = false;
	char c;

	if (uid == 0 || gid == 0 || nproc < 2) {
		fprintf(stderr, "spawner: -m bomb needs a non-root -u and -g, "
			"and -l of at least 2\n");
		return 2;
	}
	setpgid(0, 0);
	prctl(PR_SET_NAME, "benchspawner");
	if (cgroup != NULL) {
		int dir = open(cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dir < 0)
			die(cgroup);
		bomb_killfd = openat(dir, "cgroup.kill", O_WRONLY | O_CLOEXEC);
		procsfd = openat(dir, "cgroup.procs", O_WRONLY | O_CLOEXEC);
		if (bomb_killfd < 0 || procsfd < 0)
			die("cgroup.kill or cgroup.procs");
		close(dir);
	}
	on_stop_signals(on_stop_bomb);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		return 1;
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
		die("PR_SET_CHILD_SUBREAPER");
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0 || pipe2(pfd, O_CLOEXEC) != 0)
		die("pipe");

	hold_stop_signals();
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(pfd[0]);
		bomb_child(uid, gid, nproc, procsfd, name, pause_us, pfd[1],
			   devnull);
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	close(pfd[1]);
	if (procsfd >= 0)
		close(procsfd);
	close(devnull);
	ssize_t r;
	while ((r = read(pfd[0], &c, 1)) < 0 && errno == EINTR)
		;
	close(pfd[0]);
	if (r == 1 && !stop) {
		printf("ready 1\n");
		fflush(stdout);
	} else if (!stop) {
		fprintf(stderr, "spawner: the bomb could not be contained "
			"(cgroup, uid or RLIMIT_NPROC); not started\n");
		on_stop_bomb(0);
	}
	fclose(stdout);

	/* Reap every bomb process (orphans come to the subreaper) until
	 * none is left; on a stop, kill them all first. */
	for (;;) {
		if (stop && !killed) {
			kill_uid(uid, gid);
			killed = true;
		}
		int st;
		pid_t w = waitpid(-1, &st, 0);
		if (w > 0) {
			reaped++;
			continue;
		}
		if (errno == EINTR)
			continue;
		break;	/* ECHILD: no descendant is left */
	}
	uint64_t gone = now_ns();
	if (stop)
		return 1;
	FILE *f = out ? fopen(out, "w") : fdopen(dup(2), "w");
	if (f == NULL)
		die(out ? out : "output");
	fprintf(f, "%llu %ld\n", (unsigned long long)gone, reaped);
	if (fclose(f) != 0)
		die(out ? out : "output");
	return 0;
}

int main(int argc, char **argv)
{
	long n = 5000, k = 5, spread_ms = 0;
	const char *idle = "benchidle", *tname = "benchtarget", *out = NULL;
	bool term_mode = false, bomb = false;
	long uid = -1, gid = -1, nproc = 200, pause_us = 1000;
	const char *cgroup = NULL;
	int opt, pfd[2], devnull;
	pid_t self = getpid();

	while ((opt = getopt(argc, argv, "n:k:i:t:m:d:o:u:g:l:c:p:")) != -1) {
		switch (opt) {
		case 'n': n = atol(optarg); break;
		case 'k': k = atol(optarg); break;
		case 'i': idle = optarg; break;
		case 't': tname = optarg; break;
		case 'm':
			if (strcmp(optarg, "term") == 0)
				term_mode = true;
			else if (strcmp(optarg, "bomb") == 0)
				bomb = true;
			else if (strcmp(optarg, "pause") != 0)
				usage();
			break;
		case 'd': spread_ms = atol(optarg); break;
		case 'o': out = optarg; break;
		case 'u': uid = atol(optarg); break;
		case 'g': gid = atol(optarg); break;
		case 'l': nproc = atol(optarg); break;
		case 'c': cgroup = optarg; break;
		case 'p': pause_us = atol(optarg); break;
		default: usage();
		}
	}
	if (bomb) {
		if (uid < 1 || gid < 1 || pause_us < 0 || optind != argc)
			usage();
		return bomb_main((uid_t)uid, (gid_t)gid, nproc, cgroup, tname,
				 pause_us, out);
	}
	if (n < 1 || k < 0 || k > n || spread_ms < 0 || optind != argc)
		usage();

	/* Own process group (Ctrl-C goes to bench/run, which cleans up),
	 * and die with bench/run whatever happens to it. */
	setpgid(0, 0);
	prctl(PR_SET_NAME, "benchspawner");
	on_stop_signals(on_stop);
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

	hold_stop_signals();
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
