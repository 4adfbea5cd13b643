/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PFKILL_SIGNALS_H
#define PFKILL_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Highest signal number the kernel accepts (SIGRTMAX on Linux is 64). */
#define PF_SIGMAX 64

/* Room for a signal's name: "RTMIN+15" and the like. */
#define SIGNAL_NAME_MAX 16

/* Parse "TERM", "sigterm", "15", "RTMIN+2", "RTMAX-1" or "0".
 * Returns the signal number, or -1 when spec names no signal. */
int signal_parse(const char *spec);

/* Canonical name without "SIG" ("TERM", "RTMIN+3"); a number as text for
 * signals with no name (32, 33). buf must hold SIGNAL_NAME_MAX bytes. */
const char *signal_name(int signo, char *buf, size_t len);

/* -l with no argument: every name, space separated, wrapped. */
void signal_print_list(FILE *out);

/* --table: number and name for every signal. */
void signal_print_table(FILE *out);

/* -l ARG: a name prints its number; a number prints its name; an exit
 * status 128+n prints the name of n.  Returns false if ARG is neither. */
bool signal_convert(const char *arg, FILE *out);

#endif
