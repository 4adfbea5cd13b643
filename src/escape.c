/* SPDX-License-Identifier: GPL-2.0-or-later */
/* escape.c: escaping untrusted text for terminals and JSON. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "escape.h"
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

/* Code points a terminal acts on, that reorder text, or that show
 * nothing, so that a name could pass for another: C1 controls, Unicode's
 * format characters (bidi controls, zero-width characters, the BOM, soft
 * hyphen, invisible operators, tags), line and paragraph separators. */
static bool is_hidden_char(uint32_t c)
{
	static const struct { uint32_t lo, hi; } ranges[] = {
		{ 0x0080, 0x009f }, { 0x00ad, 0x00ad }, { 0x034f, 0x034f },
		{ 0x0600, 0x0605 }, { 0x061c, 0x061c }, { 0x06dd, 0x06dd },
		{ 0x070f, 0x070f }, { 0x08e2, 0x08e2 }, { 0x115f, 0x1160 },
		{ 0x17b4, 0x17b5 }, { 0x180b, 0x180f }, { 0x200b, 0x200f },
		{ 0x2028, 0x202e }, { 0x2060, 0x206f }, { 0x3164, 0x3164 },
		{ 0xfe00, 0xfe0f }, { 0xfeff, 0xfeff }, { 0xffa0, 0xffa0 },
		{ 0xfff9, 0xfffb }, { 0x110bd, 0x110bd }, { 0x110cd, 0x110cd },
		{ 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a }, { 0xe0000, 0xe0fff },
	};

	for (size_t i = 0; i < ARRAY_SIZE(ranges); i++)
		if (c >= ranges[i].lo && c <= ranges[i].hi)
			return true;
	return false;
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

void escape_text(FILE *f, const char *s, size_t len)
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
		else if (is_hidden_char(cp))
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
	escape_text(f, s, strlen(s));
	if (fclose(f) != 0)
		fatal("out of memory");
	return buf;
}

/* \uXXXX, as a surrogate pair above the BMP. */
static void json_u(FILE *f, uint32_t cp)
{
	if (cp < 0x10000) {
		fprintf(f, "\\u%04x", (unsigned int)cp);
		return;
	}
	cp -= 0x10000;
	fprintf(f, "\\u%04x\\u%04x", (unsigned int)(0xd800 + (cp >> 10)),
		(unsigned int)(0xdc00 + (cp & 0x3ff)));
}

void escape_json(FILE *f, const char *s, size_t len)
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
		else if (cp < 0x20 || cp == 0x7f || is_hidden_char(cp))
			json_u(f, cp);
		else
			fwrite(u + i, 1, n, f);
		i += n ? n : 1;
	}
	fputc('"', f);
}
