/*
** json_writer.c: streaming JSON in jansson's JSON_INDENT(2) layout, with
** strings escaped as RFC 8259 requires (control characters as \uXXXX), and
** more: C1 controls and DEL escaped too, invalid UTF-8 bytes as U+FFFD.
*/
#include <stdlib.h>
#include <string.h>
#include "json_writer.h"
#include "utf8.h"

void json_writer_init(struct json_writer *w, FILE *fp, int depth)
{
	memset(w, 0, sizeof(*w));
	w->fp = fp;
	w->depth = depth;
}

static void indent(struct json_writer *w, int depth)
{
	/* a newline and 2 spaces a level, written at once */
	static const char line[] = "\n                                ";
	int i;

	if (depth >= 0 && depth <= (int)(sizeof(line) - 2) / 2) {
		fwrite(line, 1, 1 + 2 * (size_t)depth, w->fp);
		return;
	}
	fputc('\n', w->fp);
	for (i = 0; i < depth; i++)
		fputs("  ", w->fp);
}

/* Before a value: its separator and line, unless it follows its key. */
static void before_value(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (w->count[w->depth - 1]++ > 0)
			fputc(',', w->fp);
		indent(w, w->depth);
	}
}

static void open_level(struct json_writer *w, int c)
{
	before_value(w);
	fputc(c, w->fp);
	if (w->depth < JSON_WRITER_MAX_DEPTH)
		w->count[w->depth] = 0;
	w->depth++;
}

static void close_level(struct json_writer *w, int c)
{
	w->depth--;
	if (w->count[w->depth] > 0)
		indent(w, w->depth);
	fputc(c, w->fp);
}

void json_writer_begin_object(struct json_writer *w) { open_level(w, '{'); }
void json_writer_end_object(struct json_writer *w) { close_level(w, '}'); }
void json_writer_begin_array(struct json_writer *w) { open_level(w, '['); }
void json_writer_end_array(struct json_writer *w) { close_level(w, ']'); }

/* Is byte C printable ASCII that a JSON string holds as it is? */
#define JSON_PLAIN(c) ((c) >= 0x20 && (c) < 0x7f && (c) != '"' && (c) != '\\')

void json_put_string(FILE *fp, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run;	/* the start of the characters not yet written */
	unsigned long cp;
	size_t n;

	/* runs of characters that need no escape go out in one fwrite */
	fputc('"', fp);
	run = s;
	while (*s) {
		if (JSON_PLAIN((unsigned char)*s)) {
			s++;
			continue;
		}
		n = utf8_decode(s, &cp);
		if (n > 0 && cp >= 0x80 && !utf8_is_control(cp)) {
			s += n;
			continue;
		}
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), fp);
		if (n == 0) {
			/* an invalid byte: JSON text must be UTF-8 */
			fputs("\\ufffd", fp);
			run = ++s;
			continue;
		}
		switch (cp) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\b': fputs("\\b", fp); break;
		case '\f': fputs("\\f", fp); break;
		default:
			/* C0, C1 and DEL: a terminal showing the report must not act on them */
			fputs("\\u00", fp);
			fputc(hex[cp >> 4], fp);
			fputc(hex[cp & 15], fp);
		}
		s += n;
		run = s;
	}
	if (s > run)
		fwrite(run, 1, (size_t)(s - run), fp);
	fputc('"', fp);
}

void json_writer_key(struct json_writer *w, const char *key)
{
	before_value(w);
	json_put_string(w->fp, key);
	fputs(": ", w->fp);
	w->after_key = 1;
}

void json_writer_string(struct json_writer *w, const char *s)
{
	if (!s) {
		json_writer_null(w);
		return;
	}
	before_value(w);
	json_put_string(w->fp, s);
}

void json_writer_integer(struct json_writer *w, long long v)
{
	before_value(w);
	fprintf(w->fp, "%lld", v);
}

void json_writer_null(struct json_writer *w)
{
	before_value(w);
	fputs("null", w->fp);
}

void json_writer_real(struct json_writer *w, double v)
{
	char buf[32];

	before_value(w);
	snprintf(buf, sizeof(buf), "%g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof(buf), "%.17g", v);
	/* a JSON reader must see a real: "2" would read back as an integer */
	if (!strpbrk(buf, ".eE"))
		strcat(buf, ".0");
	fputs(buf, w->fp);
}
