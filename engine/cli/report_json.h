/*
** report_json.h: the JSON report (casecheck/report@1), written case by case
** as the run goes, so that a run over any number of fixtures holds one case
** in memory at a time.
*/
#ifndef CASECHECK_CLI_REPORT_JSON_H
#define CASECHECK_CLI_REPORT_JSON_H

#include <stdio.h>
#include "casecheck.h"
#include "json_writer.h"

struct report_json {
	struct json_writer w;
	const struct casecheck_policy *policy;	/* the report's "policy" */
	struct casecheck_limits limits;		/* the budgets, for the report's "engine" */
	int started;
};

void report_json_init(struct report_json *rj);

/*
** Write the case entry of RESULT, evaluated under POLICY, to FP; the first
** call writes the report's head too, with POLICY as the report's policy. A
** case whose policy differs from that gets a "policy" member of its own.
** 0, or -1 with ERR filled.
*/
int report_json_case(struct report_json *rj, FILE *fp, const struct casecheck_policy *policy,
		     const struct casecheck_result *result, struct casecheck_error *err);

/*
** The case entry of a fixture FILE that could not be evaluated, with ERR:
** {"id": null, "file", "error": {"kind": "input" or "policy", "message"},
** "findings": []}. DEFAULT_POLICY is the report's policy when this is the
** first entry. 0, or -1 when writing failed.
*/
int report_json_bad(struct report_json *rj, FILE *fp,
		    const struct casecheck_policy *default_policy, const char *file,
		    const struct casecheck_error *err);

/*
** Finish the report on FP. DEFAULT_POLICY is the report's policy when no case
** was written (may be NULL: then "policy" is null). 0, or -1 when writing failed.
*/
int report_json_write(struct report_json *rj, const struct casecheck_policy *default_policy,
		      FILE *fp);
void report_json_free(struct report_json *rj);

#endif
