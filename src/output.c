#include "config.h"

#include <stdint.h>
#include <string.h>

#include "output.h"
#include "signals.h"
#include "util.h"

/* Length of the valid UTF-8 sequence at s (code point in *cp), or 0. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const uint32_t min_for_len[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min_for_len[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Code points a terminal acts on or that reorder text: C1 controls,
 * bidi embeddings/overrides/isolates, line and paragraph separators. */
static bool is_format_char(uint32_t c)
{
	return (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 ||
	       c == 0x200e || c == 0x200f || c == 0x061c;
}

static const char *simple_escape(unsigned char c)
{
	switch (c) {
	case '\n': return "\\n";
	case '\t': return "\\t";
	case '\r': return "\\r";
	case 0x1b: return "\\e";
	case '\\': return "\\\\";
	default: return NULL;
	}
}

void out_escaped(FILE *f, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(u + i, len - i, &cp);
		const char *esc = n == 1 ? simple_escape(u[i]) : NULL;

		if (esc != NULL)
			fputs(esc, f);
		else if (n == 0 || (n == 1 && (cp < 0x20 || cp == 0x7f)))
			fprintf(f, "\\x%02x", u[i]);
		else if (is_format_char(cp))
			fprintf(f, "\\u{%04x}", (unsigned int)cp);
		else
			fwrite(u + i, 1, n, f);
		i += n ? n : 1;
	}
}

char *escaped(const char *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (f == NULL)
		fatal("out of memory");
	out_escaped(f, s, strlen(s));
	if (fclose(f) != 0)
		fatal("out of memory");
	return buf;
}

void out_json_string(FILE *f, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	fputc('"', f);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(u + i, len - i, &cp);

		if (n == 0)
			fputs("\\ufffd", f);
		else if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (char)cp);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029)
			fprintf(f, "\\u%04x", (unsigned int)cp);
		else
			fwrite(u + i, 1, n, f);
		i += n ? n : 1;
	}
	fputc('"', f);
}

void out_name(FILE *f, const struct proc *p, bool full)
{
	size_t len = (full && (p->loaded & PF_CMDLINE)) ? proc_cmdline_used(p) : 0;

	if (len == 0) {
		out_escaped(f, p->comm, strlen(p->comm));
		return;
	}
	/* Arguments joined by spaces, each escaped on its own. */
	for (size_t i = 0; i < len; i += strlen(p->cmdline + i) + 1) {
		if (i > 0)
			fputc(' ', f);
		out_escaped(f, p->cmdline + i, strnlen(p->cmdline + i, len - i));
	}
}

void out_echo(FILE *f, const struct proc *p, int signo, bool full)
{
	char name[16];

	fprintf(f, "%s sent to ", signo ? signal_name(signo, name, sizeof(name))
				       : "0 (existence check)");
	out_name(f, p, full);
	fprintf(f, " (pid %d)\n", (int)p->pid);
}

void out_list_line(FILE *f, const struct proc *p, const char *handle,
		   bool full)
{
	fprintf(f, "%s ", handle);
	out_name(f, p, full);
	fputc('\n', f);
}

static void json_cmdline(FILE *f, const struct proc *p)
{
	/* Raw length: an argv of one empty string is [""], not []. */
	size_t len = (p->loaded & PF_CMDLINE) ? p->cmdline_len : 0;

	fputc('[', f);
	for (size_t i = 0; i < len; i += strlen(p->cmdline + i) + 1) {
		if (i > 0)
			fputc(',', f);
		out_json_string(f, p->cmdline + i,
				strnlen(p->cmdline + i, len - i));
	}
	fputc(']', f);
}

void out_json_proc(FILE *f, const struct proc *p, const char *handle,
		   const char *result, bool waited)
{
	fprintf(f, "{\"pid\":%d,\"handle\":", (int)p->pid);
	out_json_string(f, handle, strlen(handle));
	fputs(",\"comm\":", f);
	out_json_string(f, p->comm, strlen(p->comm));
	fputs(",\"cmdline\":", f);
	json_cmdline(f, p);
	if (p->loaded & PF_STATUS)
		fprintf(f, ",\"uid\":%u,\"euid\":%u", (unsigned int)p->ruid,
			(unsigned int)p->euid);
	if (p->loaded & PF_STAT)
		fprintf(f, ",\"ppid\":%d,\"starttime\":%llu", (int)p->ppid,
			p->starttime);
	if (result != NULL) {
		fputs(",\"result\":", f);
		out_json_string(f, result, strlen(result));
	}
	if (waited) {
		fprintf(f, ",\"exited\":%s", p->exited ? "true" : "false");
		if (p->exited)
			fprintf(f, ",\"exit_after\":%.3f", p->exit_after);
	}
	fputc('}', f);
}
