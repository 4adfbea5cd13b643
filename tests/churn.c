/* SPDX-License-Identifier: GPL-2.0-or-later */
/* churn: fork and reap short-lived processes as fast as possible, for
 * a while, so that pids are recycled under pfkill's feet.
 *
 *   churn SECONDS TARGET OTHER LOG
 *
 * Children are named TARGET and OTHER in turn; each catches TERM, HUP and
 * USR1, appends "<name> <pid> <signal>" to LOG for every one it gets,
 * lives a millisecond or two and exits.  The test then checks that only
 * TARGET children ever got a signal.  At the end the total number of
 * children forked is printed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int log_fd;
static const char *my_name;

static void on_signal(int sig)
{
	char line[96];
	int n = snprintf(line, sizeof(line), "%s %d %d\n", my_name,
			 (int)getpid(), sig);	/* snprintf: fine in practice here */

	if (n > 0 && write(log_fd, line, (size_t)n) < 0)
		_exit(3);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void child(const char *name)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct timespec life = { 0, 1000000 + (getpid() % 4) * 500000 };

	my_name = name;
	prctl(PR_SET_NAME, name);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	while (nanosleep(&life, &life) != 0)
		;
	_exit(0);
}

int main(int argc, char **argv)
{
	long forked = 0;
	int running = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: churn SECONDS TARGET OTHER LOG\n");
		return 2;
	}
	double end = now() + atof(argv[1]);
	log_fd = open(argv[4], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (log_fd < 0) {
		perror("churn: log");
		return 2;
	}
	while (now() < end) {
		while (running < 64) {
			pid_t pid = fork();
			if (pid == 0)
				child(forked % 2 ? argv[3] : argv[2]);
			if (pid < 0)
				break;
			forked++;
			running++;
		}
		if (wait(NULL) > 0)
			running--;
	}
	while (running > 0 && wait(NULL) > 0)
		running--;
	printf("%ld\n", forked);
	return 0;
}
