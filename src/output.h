#ifndef PFKILL_OUTPUT_H
#define PFKILL_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "proc.h"

/* Write s so that no control character, invalid UTF-8 or bidi override
 * reaches the terminal: \n \t \r \e \\ and \xNN / \u{NNNN} escapes. */
void out_escaped(FILE *f, const char *s, size_t len);

/* The C string s through out_escaped, as a malloc'd string, for
 * messages. */
char *escaped(const char *s);

/* Write s as a JSON string literal; invalid UTF-8 becomes U+FFFD. */
void out_json_string(FILE *f, const char *s, size_t len);

/* The process name (comm), or with full the command line, escaped. */
void out_name(FILE *f, const struct proc *p, bool full);

/* "TERM sent to sleep (pid 4242)" */
void out_echo(FILE *f, const struct proc *p, int signo, bool full);

/* "4242:1234567 sleep": handle then name, for --list. */
void out_list_line(FILE *f, const struct proc *p, const char *handle,
		   bool full);

/* One JSON object for p; result is NULL when nothing was sent. */
void out_json_proc(FILE *f, const struct proc *p, const char *handle,
		   const char *result, bool waited);

#endif
