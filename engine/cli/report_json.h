/*
** report_json.h: the JSON report of 'casecheck run' (casecheck/report@1):
** engine, policy and the library's case entries, in order, built with jansson.
*/
#ifndef REPORT_JSON_H
#define REPORT_JSON_H

#include <stdio.h>
#include <jansson.h>
#include "casecheck.h"

struct report_json {
	json_t *cases;				/* the case entries, in order */
	const struct casecheck_policy **policies;	/* the policy of each case */
	size_t n, cap;
};

void report_json_init(struct report_json *rj);
/*
** Add the case entry of RESULT (casecheck_result_json, parsed), evaluated
** under POLICY. 0, or -1 with ERR filled.
*/
int report_json_case(struct report_json *rj, const struct casecheck_policy *policy,
		     const struct casecheck_result *result, struct casecheck_error *err);
/*
** Write the report to FP. DEFAULT_POLICY is used for "policy" when no case
** was added (may be NULL: then "policy" is null). When the cases used
** different policies, "policy" is the first case's and every case entry
** gets its own "policy" too. 0, or -1 when writing failed.
*/
int report_json_write(struct report_json *rj, const struct casecheck_policy *default_policy,
		      FILE *fp);
void report_json_free(struct report_json *rj);

/* {"id", "sha256", "params": {name: value}} of POLICY (new reference). */
json_t *report_json_policy(const struct casecheck_policy *policy);

#endif
