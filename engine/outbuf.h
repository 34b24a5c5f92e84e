/*
** outbuf.h: output gathered in a buffer and handed to stdio a buffer at a
** time, for the writers whose output is many short pieces (json_writer.c's
** keys, separators and indents; the text report's words and spaces): one
** stdio call per piece cost more than the text itself. Call outbuf_flush
** before anything else writes to FP, and before reading FP's error state.
*/
#ifndef CASECHECK_OUTBUF_H
#define CASECHECK_OUTBUF_H

#include <stdio.h>
#include <string.h>

#define OUTBUF_SIZE 8192

struct outbuf {
	FILE *fp;
	size_t len;		/* bytes in buf */
	char buf[OUTBUF_SIZE];
};

static inline void outbuf_init(struct outbuf *b, FILE *fp)
{
	b->fp = fp;
	b->len = 0;
}

/* Hand what is buffered to FP (stdio's own buffer: fflush FP to go further). */
static inline void outbuf_flush(struct outbuf *b)
{
	if (b->len) {
		fwrite(b->buf, 1, b->len, b->fp);
		b->len = 0;
	}
}

/* N bytes of S; a piece larger than the buffer goes straight to FP. */
static inline void outbuf_put(struct outbuf *b, const char *s, size_t n)
{
	if (n > sizeof(b->buf) - b->len) {
		outbuf_flush(b);
		if (n > sizeof(b->buf)) {
			fwrite(s, 1, n, b->fp);
			return;
		}
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
}

static inline void outbuf_putc(struct outbuf *b, char c)
{
	if (b->len == sizeof(b->buf))
		outbuf_flush(b);
	b->buf[b->len++] = c;
}

/* N copies of byte C. */
static inline void outbuf_fill(struct outbuf *b, char c, size_t n)
{
	while (n > 0) {
		size_t k;

		if (b->len == sizeof(b->buf))
			outbuf_flush(b);
		k = sizeof(b->buf) - b->len;
		if (k > n)
			k = n;
		memset(b->buf + b->len, c, k);
		b->len += k;
		n -= k;
	}
}

#endif
