/*
** json_writer.h: a streaming JSON printer for reports too large to hold as
** one tree (10,000 cases). The layout is jansson's JSON_INDENT(2): nothing
** is kept but the nesting and a buffer of output not yet written, so memory
** stays flat however long the report.
*/
#ifndef CASECHECK_JSON_WRITER_H
#define CASECHECK_JSON_WRITER_H

#include <stdio.h>
#include "outbuf.h"

#define JSON_WRITER_MAX_DEPTH 16

/*
** Output is gathered in an outbuf and handed to FP in blocks (outbuf.h):
** call json_writer_flush before anything else writes to FP, and before
** reading FP's error state.
*/
struct json_writer {
	int depth;
	int count[JSON_WRITER_MAX_DEPTH];	/* members written at each open level */
	int after_key;				/* a key was written: the value follows on its line */
	struct outbuf out;
};

/* Start writing to FP at nesting DEPTH (0 for a document of its own). */
void json_writer_init(struct json_writer *w, FILE *fp, int depth);
/* Hand what is buffered to FP (stdio's own buffer: fflush FP to go further). */
void json_writer_flush(struct json_writer *w);

void json_writer_begin_object(struct json_writer *w);
void json_writer_end_object(struct json_writer *w);
void json_writer_begin_array(struct json_writer *w);
void json_writer_end_array(struct json_writer *w);
/* A member's key: the next value written is its value. */
void json_writer_key(struct json_writer *w, const char *key);
void json_writer_string(struct json_writer *w, const char *s);	/* NULL writes null */
void json_writer_integer(struct json_writer *w, long long v);
void json_writer_null(struct json_writer *w);
/*
** S as a JSON string, quoted, to FP: control characters (C0, DEL, C1) as
** \u00XX, each invalid UTF-8 byte as \ufffd. Also a valid YAML
** double-quoted scalar (the TAP diagnostics use it).
*/
void json_put_string(FILE *fp, const char *s);
void json_writer_real(struct json_writer *w, double v);	/* shortest form, "%.17g" at most */

#endif
