/* SPDX-License-Identifier: GPL-2.0-or-later */
/* timeit: run one command and report when it started and returned.
 *
 *   timeit [-v] COMMAND [ARG]...
 *
 * Prints one line on stdout:
 *   start_ns end_ns elapsed_ns maxrss_kb status cpu_ns
 * start_ns and end_ns are CLOCK_MONOTONIC (the clock bench/spawner
 * stamps exits with), taken just before fork and just after wait4
 * returns; maxrss_kb is the command's peak RSS from wait4's rusage;
 * status is its exit status, or 128+signal; cpu_ns its user + system
 * CPU time.  The command's stdout and
 * stderr go to /dev/null unless -v is given (then to stderr).  The
 * command starts with stdin, stdout and stderr only: every other fd is
 * closed, so that the fds it opens are numbered from 3 whatever the
 * caller of bench/run left open.
 * timeit ignores SIGINT and SIGQUIT while the command runs, as system()
 * does, so that it always reaps the command.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_close_range
#define SYS_close_range 436
#endif

/* Close every fd from 3 up (close_range is Linux 5.9+). */
static void close_from_3(void)
{
	if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0)
		return;
	for (int fd = 3; fd < 65536; fd++)
		close(fd);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	char **cmd = argv + 1 + verbose;
	struct rusage ru;
	int st;

	if (cmd[0] == NULL) {
		fprintf(stderr, "usage: timeit [-v] COMMAND [ARG]...\n");
		return 2;
	}
	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0) {
		perror("/dev/null");
		return 2;
	}
	/* Like system(): Ctrl-C reaches the command (same process group);
	 * timeit stays to reap it, so it never becomes an orphan. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	fflush(stdout);
	uint64_t start = now_ns();
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		dup2(devnull, 0);
		dup2(verbose ? 2 : devnull, 1);
		if (!verbose)
			dup2(devnull, 2);
		close_from_3();
		execvp(cmd[0], cmd);
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("wait4");
			return 2;
		}
	uint64_t end = now_ns();
	int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	unsigned long long cpu =
		((unsigned long long)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
		1000000000ull +
		((unsigned long long)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) *
		1000ull;
	printf("%llu %llu %llu %ld %d %llu\n", (unsigned long long)start,
	       (unsigned long long)end, (unsigned long long)(end - start),
	       ru.ru_maxrss, status, cpu);
	return 0;
}
