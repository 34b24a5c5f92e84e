/*
** json_writer.c: streaming JSON in jansson's JSON_INDENT(2) layout, with
** strings escaped as RFC 8259 requires (control characters as \uXXXX), and
** more: C1 controls and DEL escaped too, invalid UTF-8 bytes as U+FFFD.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "json_writer.h"
#include "utf8.h"

void json_writer_init(struct json_writer *w, FILE *fp, int depth)
{
	outbuf_init(&w->out, fp);
	w->depth = depth;
	memset(w->count, 0, sizeof(w->count));
	w->after_key = 0;
}

void json_writer_flush(struct json_writer *w)
{
	outbuf_flush(&w->out);
}

static void indent(struct json_writer *w, int depth)
{
	/* a newline and 2 spaces a level, written at once */
	static const char line[] = "\n                                ";
	int i;

	if (depth >= 0 && depth <= (int)(sizeof(line) - 2) / 2) {
		outbuf_put(&w->out, line, 1 + 2 * (size_t)depth);
		return;
	}
	outbuf_putc(&w->out, '\n');
	for (i = 0; i < depth; i++)
		outbuf_put(&w->out, "  ", 2);
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
			outbuf_putc(&w->out, ',');
		indent(w, w->depth);
	}
}

static void open_level(struct json_writer *w, char c)
{
	before_value(w);
	outbuf_putc(&w->out, c);
	if (w->depth < JSON_WRITER_MAX_DEPTH)
		w->count[w->depth] = 0;
	w->depth++;
}

static void close_level(struct json_writer *w, char c)
{
	w->depth--;
	if (w->count[w->depth] > 0)
		indent(w, w->depth);
	outbuf_putc(&w->out, c);
}

void json_writer_begin_object(struct json_writer *w) { open_level(w, '{'); }
void json_writer_end_object(struct json_writer *w) { close_level(w, '}'); }
void json_writer_begin_array(struct json_writer *w) { open_level(w, '['); }
void json_writer_end_array(struct json_writer *w) { close_level(w, ']'); }

/* Is byte C printable ASCII that a JSON string holds as it is? */
#define JSON_PLAIN(c) ((unsigned char)((c) - 0x20) < 0x5f && (c) != '"' && (c) != '\\')

/* Every byte of X (8 bytes of text) is printable ASCII, not '"' nor '\\'. */
static int plain8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	/* a byte below 0x20; then bytes equal to '"', '\\', DEL: a zero byte after xor */
	uint64_t bad = (x - 0x20 * ones) & ~x;
	uint64_t q = x ^ ('"' * ones), b = x ^ ('\\' * ones), d = x ^ (0x7f * ones);

	bad |= (q - ones) & ~q;
	bad |= (b - ones) & ~b;
	bad |= (d - ones) & ~d;
	/* and any byte of 0x80 and above (UTF-8) takes the careful path */
	return ((bad | x) & high) == 0;
}

/*
** The character at S, which is not plain: as it is when it is valid UTF-8
** beyond ASCII and no control, else escaped. Writes at most 6 bytes to OUT
** and returns how many; *TAKEN is how many bytes of S it stood for (1 to 4).
*/
static size_t escape_char(const char *s, size_t *taken, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned long cp;
	size_t n = utf8_decode(s, &cp);

	*taken = n ? n : 1;
	if (n > 0 && cp >= 0x80 && !utf8_is_control(cp)) {
		memcpy(out, s, n);
		return n;
	}
	out[0] = '\\';
	if (n == 0) {
		/* an invalid byte: JSON text must be UTF-8 */
		memcpy(out + 1, "ufffd", 5);
		return 6;
	}
	switch (cp) {
	case '"': out[1] = '"'; return 2;
	case '\\': out[1] = '\\'; return 2;
	case '\n': out[1] = 'n'; return 2;
	case '\r': out[1] = 'r'; return 2;
	case '\t': out[1] = 't'; return 2;
	case '\b': out[1] = 'b'; return 2;
	case '\f': out[1] = 'f'; return 2;
	default:
		/* C0, C1 and DEL: a terminal showing the report must not act on them */
		memcpy(out + 1, "u00", 3);
		out[4] = hex[cp >> 4];
		out[5] = hex[cp & 15];
		return 6;
	}
}

/* Input bytes escaped straight into the buffer at a time: 6 output bytes each at most. */
#define JSON_PIECE 1024

/* S quoted and escaped into W's buffer (see json_put_string). */
static void put_string(struct json_writer *w, const char *s)
{
	const char *end = s + strlen(s), *lim;
	uint64_t x;
	size_t taken;
	char *p;

	outbuf_putc(&w->out, '"');
	while (s < end) {
		/* room for a piece, and for a character that starts in it and ends after it */
		lim = end - s > JSON_PIECE ? s + JSON_PIECE : end;
		if (sizeof(w->out.buf) - w->out.len < 6 * (JSON_PIECE + 3))
			json_writer_flush(w);
		p = w->out.buf + w->out.len;
		while (s < lim) {
			/* eight plain bytes at a time, then byte by byte up to one to escape */
			for (; lim - s >= 8; s += 8, p += 8) {
				memcpy(&x, s, 8);
				if (!plain8(x))
					break;
				memcpy(p, &x, 8);
			}
			while (s < lim && JSON_PLAIN((unsigned char)*s))
				*p++ = *s++;
			if (s == lim)
				break;
			p += escape_char(s, &taken, p);
			s += taken;
		}
		w->out.len = (size_t)(p - w->out.buf);
	}
	outbuf_putc(&w->out, '"');
}

void json_put_string(FILE *fp, const char *s)
{
	struct json_writer w;

	outbuf_init(&w.out, fp);
	put_string(&w, s);
	json_writer_flush(&w);
}

void json_writer_key(struct json_writer *w, const char *key)
{
	before_value(w);
	put_string(w, key);
	outbuf_put(&w->out, ": ", 2);
	w->after_key = 1;
}

void json_writer_string(struct json_writer *w, const char *s)
{
	if (!s) {
		json_writer_null(w);
		return;
	}
	before_value(w);
	put_string(w, s);
}

void json_writer_integer(struct json_writer *w, long long v)
{
	char digits[24], *p = digits + sizeof(digits);
	/* the magnitude as unsigned: -LLONG_MIN does not fit a long long */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	before_value(w);
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	outbuf_put(&w->out, p, (size_t)(digits + sizeof(digits) - p));
}

void json_writer_null(struct json_writer *w)
{
	before_value(w);
	outbuf_put(&w->out, "null", 4);
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
	outbuf_put(&w->out, buf, strlen(buf));
}
