/*
** html_util.h: what the HTML report's files share: escaping, the status
** order of the report (failures first), and anchors that stay the same from
** run to run for the same case and finding.
*/
#ifndef CLI_HTML_UTIL_H
#define CLI_HTML_UTIL_H

#include <stdio.h>
#include "casecheck.h"

/* Text with &, <, >, " escaped. NULL writes nothing. */
void html_esc(FILE *fp, const char *s);

/* A step id that may break after each '.' and '_' (and nowhere else). */
void html_step_id(FILE *fp, const char *step);

/*
** Where a status stands in the report: 0 for the worst (error), then fail,
** late, unknown, pending, pass, not applicable. Failures come first.
*/
int html_status_rank(enum casecheck_status status);
/* The status at rank R (0 .. CASECHECK_STATUS_COUNT-1). */
enum casecheck_status html_status_at(int r);

/* An anchor-safe copy of S into BUF: letters, digits, '.', '_' and '-' kept, others '-'. */
void html_anchor_part(char *buf, size_t size, const char *s);

#endif
