/*
** error.h: building lists of problems, so that a user sees every fault of an
** input at once (a broken fixture lists all its faults, not the first).
*/
#ifndef CASECHECK_ERROR_H
#define CASECHECK_ERROR_H

#include <stddef.h>
#include "casecheck.h"

/*
** Append one error to ERRS. SOURCE is the file (or chunk) name, PATH a JSON
** pointer ("" or NULL when none), LINE and COLUMN 0 when unknown. Text follows
** git's rules: lowercase, no final period, what is wrong first. On allocation
** failure the error is dropped (the list keeps what it has).
*/
void errors_addf(struct casecheck_errors *errs, enum casecheck_error_kind kind,
		 const char *source, const char *path, int line, int column,
		 const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 7, 8)))
#endif
	;

/* Fill ONE error: the same fields as errors_addf. ERR may be NULL. */
void error_setf(struct casecheck_error *err, enum casecheck_error_kind kind,
		const char *source, const char *path, int line, int column,
		const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 7, 8)))
#endif
	;

#endif
