/* SPDX-License-Identifier: GPL-2.0-or-later */
/* floor: the least work a name scan can do under pfkill's design, for
 * bench/run to compare pfkill against.
 *
 *   floor [-c] [-5] [-t THREADS] NAME
 *
 * One getdents64 pass over /proc collects the numeric entries; then each
 * process gets one look:
 *
 *   default (3 syscalls): openat(procfd, "<pid>/comm"), one read,
 *     close, compare the name.  Only a match gets its /proc/<pid>
 *     directory fd: openat the directory, read comm again through it
 *     (the name must hold for the process the fd pins), send signal 0
 *     through the fd with pidfd_send_signal (it accepts a /proc/<pid>
 *     fd) and close it.  This is pfkill's current design.
 *   -5 (5 syscalls): openat the /proc/<pid> directory, openat its comm,
 *     one read, close both; a match is sent signal 0 through the
 *     directory fd before it is closed.  This is the design the first
 *     benchmark measured, kept as the reference of the >= 4 CPU target.
 *
 * -t THREADS splits the looks as pfkill's scan.c does: the pids are
 * listed first, and THREADS workers (the calling thread is one of them)
 * take 128 at a time from a shared counter.  With the default mode the
 * matches are then confirmed in pid order by the calling thread; with -5
 * each worker signals its matches through the fd it already holds.
 * -t 1 creates no thread.
 *
 * No option parsing library, no regex, no allocation per process.
 * Exits 0 when something matched, 1 when nothing did, 2 on errors; -c
 * prints the number of matches.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

/* As pfkill's scan.c: pids a worker takes at a time. */
#define CHUNK 128
#define THREADS_MAX 64

/* One /proc entry: "<pid>/comm" (a pid has at most 7 digits), and
 * where the pid ends. */
struct entry {
	char path[15];
	unsigned char pidlen;
};

static int procfd;
static const char *name;
static size_t nlen;
static bool five;
static struct entry *ents;
static bool *keep;
static size_t nents;
static atomic_size_t next_chunk;
static atomic_long sent5;	/* -5: matches signalled by the workers */

static bool name_is(int fd)
{
	char comm[80];
	ssize_t len = read(fd, comm, sizeof(comm));

	if (len > 0 && comm[len - 1] == '\n')
		len--;
	return len == (ssize_t)nlen && memcmp(comm, name, nlen) == 0;
}

static void look3(size_t i)
{
	int fd = openat(procfd, ents[i].path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	keep[i] = name_is(fd);
	close(fd);
}

static void look5(size_t i)
{
	char pid[16];
	memcpy(pid, ents[i].path, ents[i].pidlen);
	pid[ents[i].pidlen] = '\0';
	int dfd = openat(procfd, pid, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	int fd = openat(dfd, "comm", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		bool hit = name_is(fd);
		close(fd);
		if (hit && syscall(SYS_pidfd_send_signal, dfd, 0, NULL, 0) == 0)
			atomic_fetch_add(&sent5, 1);
	}
	close(dfd);
}

static void *worker(void *arg)
{
	(void)arg;
	for (;;) {
		size_t at = atomic_fetch_add(&next_chunk, CHUNK);
		if (at >= nents)
			return NULL;
		size_t end = at + CHUNK < nents ? at + CHUNK : nents;
		for (size_t i = at; i < end; i++) {
			if (five)
				look5(i);
			else
				look3(i);
		}
	}
}

/* Default mode: a candidate, confirmed through its own directory fd. */
static bool confirm(size_t i)
{
	char pid[16];
	bool sent = false;

	memcpy(pid, ents[i].path, ents[i].pidlen);
	pid[ents[i].pidlen] = '\0';
	int dfd = openat(procfd, pid, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return false;
	int fd = openat(dfd, "comm", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		sent = name_is(fd) &&
		       syscall(SYS_pidfd_send_signal, dfd, 0, NULL, 0) == 0;
		close(fd);
	}
	close(dfd);
	return sent;
}

/* The getdents64 pass: every numeric entry, in /proc's (pid) order. */
static int list_proc(void)
{
	char dents[32768] __attribute__((aligned(8)));
	size_t cap = 0;
	ssize_t n;

	while ((n = getdents64(procfd, dents, sizeof(dents))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(dents + off);
			size_t len = strlen(d->d_name);
			off += d->d_reclen;
			if (d->d_name[0] < '1' || d->d_name[0] > '9' ||
			    len > 7)
				continue;
			if (nents == cap) {
				cap = cap ? 2 * cap : 4096;
				ents = realloc(ents, cap * sizeof(*ents));
				if (ents == NULL) {
					perror("floor");
					return -1;
				}
			}
			memcpy(ents[nents].path, d->d_name, len);
			memcpy(ents[nents].path + len, "/comm", 6);
			ents[nents].pidlen = (unsigned char)len;
			nents++;
		}
	}
	if (n < 0) {
		perror("getdents64");
		return -1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: floor [-c] [-5] [-t THREADS] NAME\n");
	exit(2);
}

int main(int argc, char **argv)
{
	bool count = false;
	long threads = 1, matches = 0;
	pthread_t tids[THREADS_MAX];
	int opt;

	while ((opt = getopt(argc, argv, "c5t:")) != -1) {
		switch (opt) {
		case 'c': count = true; break;
		case '5': five = true; break;
		case 't': threads = atol(optarg); break;
		default: usage();
		}
	}
	if (optind != argc - 1 || threads < 1 || threads > THREADS_MAX)
		usage();
	name = argv[optind];
	nlen = strlen(name);
	procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0) {
		perror("/proc");
		return 2;
	}
	if (list_proc() != 0)
		return 2;
	keep = calloc(nents ? nents : 1, sizeof(*keep));
	if (keep == NULL) {
		perror("floor");
		return 2;
	}
	for (long t = 1; t < threads; t++) {
		int rc = pthread_create(&tids[t], NULL, worker, NULL);
		if (rc != 0) {
			fprintf(stderr, "floor: thread: %s\n", strerror(rc));
			return 2;
		}
	}
	worker(NULL);
	for (long t = 1; t < threads; t++)
		pthread_join(tids[t], NULL);
	if (five)
		matches = atomic_load(&sent5);
	else
		for (size_t i = 0; i < nents; i++)
			if (keep[i] && confirm(i))
				matches++;
	if (count)
		printf("%ld\n", matches);
	return matches > 0 ? 0 : 1;
}
