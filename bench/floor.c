/* floor: the least work a name scan can do under pfkill's design, for
 * bench/run to compare pfkill against.
 *
 *   floor [-c] NAME
 *
 * One getdents64 pass over /proc; for each numeric entry: openat the
 * /proc/<pid> directory, openat its comm, one read, close both, compare
 * the name.  A match is sent signal 0 through its directory fd
 * (pidfd_send_signal accepts a /proc/<pid> fd) before the fd is closed.
 * So a non-matching process costs exactly 5 syscalls.  No option
 * parsing library, no regex, no allocation.
 *
 * Exits 0 when something matched, 1 when nothing did; -c prints the
 * number of matches.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

int main(int argc, char **argv)
{
	char dents[32768] __attribute__((aligned(8)));
	bool count = argc == 3 && strcmp(argv[1], "-c") == 0;
	const char *name = argv[argc - 1];
	size_t nlen = strlen(name);
	long matches = 0;
	ssize_t n;

	if (argc != 2 && !count) {
		fprintf(stderr, "usage: floor [-c] NAME\n");
		return 2;
	}
	int procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0) {
		perror("/proc");
		return 2;
	}
	while ((n = getdents64(procfd, dents, sizeof(dents))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(dents + off);
			off += d->d_reclen;
			if (d->d_name[0] < '1' || d->d_name[0] > '9')
				continue;
			int dfd = openat(procfd, d->d_name,
					 O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (dfd < 0)
				continue;
			int fd = openat(dfd, "comm", O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				close(dfd);
				continue;
			}
			char comm[80];
			ssize_t len = read(fd, comm, sizeof(comm));
			close(fd);
			if (len > 0 && comm[len - 1] == '\n')
				len--;
			if (len == (ssize_t)nlen && memcmp(comm, name, nlen) == 0 &&
			    syscall(SYS_pidfd_send_signal, dfd, 0, NULL, 0) == 0)
				matches++;
			close(dfd);
		}
	}
	if (n < 0) {
		perror("getdents64");
		return 2;
	}
	if (count)
		printf("%ld\n", matches);
	return matches > 0 ? 0 : 1;
}
