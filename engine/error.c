/*
** error.c: building and printing struct casecheck_error, the one shape every
** problem takes on its way from the library to a user.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"

static void error_vset(struct casecheck_error *err, enum casecheck_error_kind kind,
		       const char *source, const char *path, int line, int column,
		       const char *fmt, va_list ap)
{
	memset(err, 0, sizeof(*err));
	err->kind = kind;
	snprintf(err->source, sizeof(err->source), "%s", source ? source : "");
	snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
	err->line = line;
	err->column = column;
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
}

void error_setf(struct casecheck_error *err, enum casecheck_error_kind kind,
		const char *source, const char *path, int line, int column,
		const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	error_vset(err, kind, source, path, line, column, fmt, ap);
	va_end(ap);
}

void errors_addf(struct casecheck_errors *errs, enum casecheck_error_kind kind,
		 const char *source, const char *path, int line, int column,
		 const char *fmt, ...)
{
	va_list ap;

	if (errs->count == errs->cap) {
		size_t cap = errs->cap ? errs->cap * 2 : 8;
		struct casecheck_error *v = realloc(errs->items, cap * sizeof(*v));

		if (!v)
			return;
		errs->items = v;
		errs->cap = cap;
	}
	va_start(ap, fmt);
	error_vset(&errs->items[errs->count++], kind, source, path, line, column, fmt, ap);
	va_end(ap);
}

void casecheck_errors_free(struct casecheck_errors *errs)
{
	if (!errs)
		return;
	free(errs->items);
	errs->items = NULL;
	errs->count = errs->cap = 0;
}

int casecheck_error_format(const struct casecheck_error *err, char *buf, size_t size)
{
	if (err->line > 0 && err->column > 0)
		return snprintf(buf, size, "%s:%d:%d: %s", err->source, err->line,
				err->column, err->text);
	if (err->line > 0)
		return snprintf(buf, size, "%s:%d: %s", err->source, err->line, err->text);
	if (err->path[0])
		return snprintf(buf, size, "%s: %s: %s", err->source, err->path, err->text);
	if (err->source[0])
		return snprintf(buf, size, "%s: %s", err->source, err->text);
	return snprintf(buf, size, "%s", err->text);
}
