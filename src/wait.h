#ifndef PFKILL_WAIT_H
#define PFKILL_WAIT_H

#include "options.h"
#include "select.h"

/* -w: wait until every signalled process in sel has exited, up to
 * --timeout.  Waits on pidfds with epoll; no polling.  Returns 0, or 5
 * after naming the survivors. */
int wait_for_exit(const struct options *opt, struct selection *sel,
		  double t0);

/* --retry: run the schedule over sel (nothing sent yet).  Each signal
 * step goes to the survivors only.  Returns the exit status. */
int retry_run(const struct options *opt, struct selection *sel, double t0);

#endif
