/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: escaping of names and command lines for terminals
 * (escape_text) and for JSON (escape_json).  The input is the raw
 * bytes of a name or argument: anything a process may choose.
 *
 * Properties checked (abort() on violation):
 *  escape_text:
 *  - no byte < 0x20 and no 0x7f in the output;
 *  - the output is valid UTF-8 and holds no C1 control (U+0080..9F),
 *    bidi control (U+061C, U+200E/F, U+202A..E, U+2066..9), line or
 *    paragraph separator (U+2028/9), or invisible character (U+00AD,
 *    U+200B..D, U+2060..4, U+FEFF: a name could pass for another);
 *  - it is unambiguous: decoding \n \t \r \e \\ \xNN \u{N..} gives back
 *    exactly the input bytes, and no other backslash sequence occurs.
 *  escape_json:
 *  - the output is one JSON string literal (RFC 8259 grammar), valid
 *    UTF-8, with none of the characters above raw;
 *  - its \u escapes never form a lone surrogate;
 *  - decoding it gives the input itself when the input is valid UTF-8,
 *    and otherwise valid UTF-8 (invalid bytes become U+FFFD).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "escape.h"


/* Strict UTF-8 (RFC 3629): length of the sequence at s, 0 if invalid.
 * Written apart from escape.c's decoder on purpose: the oracle must not
 * share the code it judges. */
static size_t utf8_len(const uint8_t *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static bool valid_utf8(const uint8_t *s, size_t n)
{
	uint32_t cp;

	for (size_t i = 0; i < n;) {
		size_t l = utf8_len(s + i, n - i, &cp);
		if (l == 0)
			return false;
		i += l;
	}
	return true;
}

static size_t utf8_put(uint32_t c, uint8_t *out)
{
	if (c < 0x80) {
		out[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (uint8_t)(0xc0 | c >> 6);
		out[1] = (uint8_t)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (uint8_t)(0xe0 | c >> 12);
		out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (uint8_t)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (uint8_t)(0xf0 | c >> 18);
	out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (uint8_t)(0x80 | (c & 0x3f));
	return 4;
}

static bool dangerous(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
	       c == 0x061c || c == 0x200e || c == 0x200f ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x2028 || c == 0x2029 || c == 0x00ad ||
	       (c >= 0x200b && c <= 0x200d) || (c >= 0x2060 && c <= 0x2064) ||
	       c == 0xfeff;
}

static int hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at s, each checked. */
static uint32_t hex4(const uint8_t *s)
{
	uint32_t u = 0;

	for (size_t k = 0; k < 4; k++) {
		int v = hexval(s[k]);
		CHECK(v >= 0);
		u = u << 4 | (uint32_t)v;
	}
	return u;
}

/* What an output function writes for the input, as a malloc'd buffer. */
static uint8_t *render(void (*emit)(FILE *, const char *, size_t),
		       const uint8_t *data, size_t size, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (f == NULL)
		abort();
	emit(f, (const char *)data, size);
	CHECK(fclose(f) == 0);
	return (uint8_t *)buf;
}

static void check_escaped(const uint8_t *data, size_t size)
{
	size_t len;
	uint32_t cp;
	uint8_t *out = render(escape_text, data, size, &len);

	/* No raw control bytes, valid UTF-8, nothing a terminal acts on. */
	for (size_t i = 0; i < len; i++)
		CHECK(out[i] >= 0x20 && out[i] != 0x7f);
	CHECK(valid_utf8(out, len));
	for (size_t i = 0; i < len;) {
		size_t l = utf8_len(out + i, len - i, &cp);
		CHECK(!dangerous(cp));
		i += l;
	}

	/* Unescape and compare with the input. */
	uint8_t *back = malloc(len + 1);
	size_t n = 0;
	if (back == NULL)
		abort();
	for (size_t i = 0; i < len;) {
		if (out[i] != '\\') {
			back[n++] = out[i++];
			continue;
		}
		CHECK(i + 1 < len);
		switch (out[i + 1]) {
		case 'n': back[n++] = '\n'; i += 2; break;
		case 't': back[n++] = '\t'; i += 2; break;
		case 'r': back[n++] = '\r'; i += 2; break;
		case 'e': back[n++] = 0x1b; i += 2; break;
		case '\\': back[n++] = '\\'; i += 2; break;
		case 'x': {
			CHECK(i + 3 < len);
			int hi = hexval(out[i + 2]), lo = hexval(out[i + 3]);
			CHECK(hi >= 0 && lo >= 0);
			back[n++] = (uint8_t)(hi << 4 | lo);
			i += 4;
			break;
		}
		case 'u': {
			uint32_t c = 0;
			size_t j = i + 2, digits = 0;
			CHECK(j < len && out[j] == '{');
			for (j++; j < len && out[j] != '}'; j++, digits++) {
				int v = hexval(out[j]);
				CHECK(v >= 0 && digits < 6);
				c = c << 4 | (uint32_t)v;
			}
			CHECK(j < len && digits >= 1);
			/* A Unicode scalar value, never a raw byte. */
			CHECK(c >= 0x80 && c <= 0x10ffff &&
			      !(c >= 0xd800 && c <= 0xdfff));
			uint8_t enc[4];
			size_t el = utf8_put(c, enc);
			CHECK(n + el <= len + 1);
			memcpy(back + n, enc, el);
			n += el;
			i = j + 1;
			break;
		}
		default:
			CHECK(!"unknown escape sequence");
		}
	}
	CHECK(n == size && memcmp(back, data, size) == 0);
	free(back);
	free(out);
}

static void check_json(const uint8_t *data, size_t size)
{
	size_t len;
	uint32_t cp;
	uint8_t *out = render(escape_json, data, size, &len);

	CHECK(len >= 2 && out[0] == '"' && out[len - 1] == '"');
	CHECK(valid_utf8(out, len));

	/* Decode the string body per RFC 8259. */
	uint8_t *back = malloc(len * 2 + 4);
	size_t n = 0;
	if (back == NULL)
		abort();
	size_t i = 1;
	for (;;) {
		CHECK(i < len);
		uint8_t c = out[i];
		if (c == '"') {
			CHECK(i == len - 1);	/* nothing after the literal */
			break;
		}
		CHECK(c >= 0x20);		/* raw controls are not JSON */
		if (c != '\\') {
			size_t l = utf8_len(out + i, len - i, &cp);
			CHECK(l > 0);
			CHECK(!dangerous(cp));
			memcpy(back + n, out + i, l);
			n += l;
			i += l;
			continue;
		}
		CHECK(i + 1 < len);
		switch (out[i + 1]) {
		case '"': back[n++] = '"'; i += 2; continue;
		case '\\': back[n++] = '\\'; i += 2; continue;
		case '/': back[n++] = '/'; i += 2; continue;
		case 'b': back[n++] = '\b'; i += 2; continue;
		case 'f': back[n++] = '\f'; i += 2; continue;
		case 'n': back[n++] = '\n'; i += 2; continue;
		case 'r': back[n++] = '\r'; i += 2; continue;
		case 't': back[n++] = '\t'; i += 2; continue;
		case 'u': break;
		default:
			CHECK(!"invalid JSON escape");
		}
		CHECK(i + 6 <= len);
		uint32_t u = hex4(out + i + 2);
		i += 6;
		if (u >= 0xd800 && u <= 0xdbff) {
			/* A high surrogate needs a low one right after. */
			CHECK(i + 6 <= len && out[i] == '\\' && out[i + 1] == 'u');
			uint32_t lo = hex4(out + i + 2);
			CHECK(lo >= 0xdc00 && lo <= 0xdfff);
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			i += 6;
		} else {
			CHECK(!(u >= 0xdc00 && u <= 0xdfff));
		}
		n += utf8_put(u, back + n);
	}
	CHECK(valid_utf8(back, n));
	if (valid_utf8(data, size))
		CHECK(n == size && memcmp(back, data, size) == 0);
	free(back);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_escaped(data, size);
	check_json(data, size);
	return 0;
}
