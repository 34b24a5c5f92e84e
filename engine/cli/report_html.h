/*
** report_html.h: a self-contained HTML report (no external files; a small
** optional script for the filters). The run's summary, a legend and the
** provenance lead; then per case its summary, its timeline (a lane per
** matter) and its findings, failures first, each with its law. Cases are
** written to a temporary file until the end, so that the cases with
** failures lead too, in memory that does not grow with the cases' size.
*/
#ifndef CASECHECK_CLI_REPORT_HTML_H
#define CASECHECK_CLI_REPORT_HTML_H

#include <stdio.h>
#include "casecheck.h"

#define REPORT_HTML_MAX_POLICIES 32

struct html_case;

struct report_html {
	FILE *fp;
	FILE *tmp;			/* the cases' text, made at the first case */
	struct html_case *cases;	/* in the order given */
	size_t n_cases, cap;
	char **anchors;			/* the cases' anchors, a hash set (borrowed from cases) */
	size_t n_anchors, anchors_cap;
	/* the policies the cases used, for the provenance; borrowed, must outlive finish */
	const struct casecheck_policy *policies[REPORT_HTML_MAX_POLICIES];
	size_t n_policies;
	size_t counts[CASECHECK_STATUS_COUNT];
	size_t findings;
	int oom;
};

void report_html_init(struct report_html *rh, FILE *fp);

/* One case: its timeline and findings, written at finish. */
void report_html_case(struct report_html *rh, const struct casecheck_case *kase,
		      const char *file, const struct casecheck_policy *policy,
		      const struct casecheck_result *result);

/* A fixture FILE that could not be evaluated, and why (ERR). */
void report_html_bad(struct report_html *rh, const char *file, const struct casecheck_error *err);

/* Write the page and free what was kept. 0, or -1 when writing failed. */
int report_html_finish(struct report_html *rh);

/* Free what was kept without writing (safe after finish, or after init alone). */
void report_html_free(struct report_html *rh);

#endif
