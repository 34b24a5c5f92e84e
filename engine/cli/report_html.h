/*
** report_html.h: a self-contained HTML report (no scripts, no external
** files): per case a timeline with one lane per matter, showing the events
** and the deadlines the findings computed, then the findings with their law.
*/
#ifndef CASECHECK_CLI_REPORT_HTML_H
#define CASECHECK_CLI_REPORT_HTML_H

#include <stdio.h>
#include "casecheck.h"

struct report_html {
	FILE *fp;
	int started;
	size_t cases;
};

void report_html_init(struct report_html *rh, FILE *fp);

/* One case: its timeline and findings. Writes the page head first if needed. */
void report_html_case(struct report_html *rh, const struct casecheck_case *kase,
		      const char *file, const struct casecheck_result *result);

/* A fixture FILE that could not be evaluated, and why (ERR). */
void report_html_bad(struct report_html *rh, const char *file, const struct casecheck_error *err);
/* Close the page. 0, or -1 when writing failed. */
int report_html_finish(struct report_html *rh);

#endif
