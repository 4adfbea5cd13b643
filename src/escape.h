/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Escaping text that pfkill does not control (process names, command
 * lines, arguments) before it reaches a terminal, a script or JSON. */
#ifndef PFKILL_ESCAPE_H
#define PFKILL_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Write s so that no control character, invalid UTF-8, or invisible or
 * reordering character reaches the reader: \n \t \r \e \\ and \xNN or
 * \u{NNNN} escapes. */
void escape_text(FILE *f, const char *s, size_t len);

/* The C string s through escape_text, as a malloc'd string. */
char *escaped(const char *s);

/* Write s as a JSON string literal: invalid UTF-8 becomes U+FFFD, and
 * control, invisible and reordering characters become \uXXXX. */
void escape_json(FILE *f, const char *s, size_t len);

#endif
