/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The act step: what happens to each selected process -- listed, asked
 * about, signalled, handed to the waiter. */
#ifndef PFKILL_SEND_H
#define PFKILL_SEND_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"
#include "output.h"
#include "proc.h"
#include "selection.h"

struct waiter;

struct sender {
	const struct options *opt;
	const struct procfs *fs;
	struct output *out;
	struct waiter *waiter;	/* NULL unless the run waits */
	int signo;		/* the first signal to send */
	int status;		/* worst exit status of the sends */
	size_t signalled;	/* processes (or groups) signalled or listed */
	bool checked;		/* the kernel has pidfd_send_signal */
	char *answer;		/* -I: the last answer line */
	size_t answer_size;
};

void sender_init(struct sender *s, const struct options *opt,
		 const struct procfs *fs, struct output *out,
		 struct waiter *waiter, int signo);
void sender_free(struct sender *s);

/* The sink callbacks (see selection.h); ctx is a struct sender. */
bool sender_group(void *ctx, struct pick *leader);
void sender_take(void *ctx, struct pick *p);

/* Send signo to p through its pidfd (once proven) or its dir fd, with
 * --queue's value; echo it; process_mrelease after KILL with -m.  Sets
 * and returns p->result (0 or -errno); says nothing of a failure.  Exits
 * 3 when the kernel lacks the system call. */
int send_signal(struct sender *s, struct pick *p, int signo);

/* Say why a send failed with -err; returns the exit status it adds. */
int send_report(struct sender *s, struct pick *p, int err);

/* Send signo to p through its pidfd (once proven) or its dir fd, with
 * --queue's value; report it; process_mrelease after KILL with -m.
 * Records p->result and returns the exit status this send contributes:
 * 0; 1 when a named process has exited; 4 when it could not be
 * signalled.  Exits 3 when the kernel lacks the system call. */
int send_one(struct sender *s, struct pick *p, int signo);

/* Exit 3 unless the kernel has pidfd_send_signal (Linux 5.1+); called
 * once the command line has been fully checked, before any send. */
void require_pidfd_send(void);

#endif
