#ifndef PFKILL_SEND_H
#define PFKILL_SEND_H

#include <stdbool.h>

#include "options.h"
#include "proc.h"

/* Send signo to p through its pidfd (once proven) or its dir fd, with
 * --queue's value when given; echo with -e; process_mrelease after KILL
 * with -m.  Records p->result and returns the exit status this send
 * contributes (0; 1 when an explicitly named process has exited; 4 on
 * EPERM and the like).  Exits 3 when the kernel lacks the syscall. */
int send_one(const struct options *opt, struct proc *p, int signo);

/* Exit 3 unless the kernel has pidfd_send_signal (Linux 5.1+); called
 * once the command line has been fully checked, before any send. */
void require_pidfd_send(void);

/* -I: ask on stderr, read the answer from stdin; true for yes. */
bool ask(const struct proc *p, bool full);

#endif
