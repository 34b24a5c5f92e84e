/*
** report_tap.h: TAP version 13 for 'casecheck run' and 'casecheck test'
** (report_tap.c): one test point per finding or per fixture, "# SKIP"
** for what neither passes nor fails, and a YAML diagnostic block
** ("  ---" ... "  ...") after every failure. Streamed: the points are
** written as they come and the plan ("1..N", which TAP allows last) at the
** end, so memory stays flat however many fixtures.
*/
#ifndef REPORT_TAP_H
#define REPORT_TAP_H

#include <stdio.h>
#include "casecheck.h"

struct report_tap {
	FILE *fp;		/* borrowed */
	size_t n, failed;
};

/* Start the report on FP: "TAP version 13". Returns 0. */
int report_tap_init(struct report_tap *rt, FILE *fp);
void report_tap_free(struct report_tap *rt);

/*
** One test point: "ok N - DESC" or "not ok N - DESC", with " # SKIP SKIP"
** when SKIP is not NULL. When YAML is not NULL it holds N_YAML key/value
** pairs for the diagnostic block (NULL values are left out).
*/
void report_tap_point(struct report_tap *rt, int ok, const char *desc, const char *skip,
		      const char *const *yaml, size_t n_yaml);

/*
** 'run': one test point per finding of RESULT: pass ok; fail, late and
** error not ok with keys step, re, status, due, days_late, message, cite,
** file; pending, not_applicable and unknown ok with # SKIP.
*/
void report_tap_run_case(struct report_tap *rt, const struct casecheck_case *kase,
			 const char *file, const struct casecheck_result *result);

/* End the report with the plan. 0, or -1 on a write error. */
int report_tap_write(struct report_tap *rt);

#endif
