/*
** report_junit.h: JUnit XML for 'casecheck run' and 'casecheck test'
** (report_junit.c): testsuites > testsuite (name, tests, failures, errors,
** skipped) > testcase (name, classname) with <failure message= type=>,
** <error>, <skipped/> and <properties><property name= value=/>. The
** testsuites are spooled to an unnamed temporary file, so the totals on
** <testsuites> are known when it is written and memory stays flat however
** many fixtures; every attribute and text is XML-escaped (cli_escape.h).
*/
#ifndef REPORT_JUNIT_H
#define REPORT_JUNIT_H

#include <stdio.h>
#include "casecheck.h"

enum report_junit_kind {
	REPORT_JUNIT_PASS = 0,
	REPORT_JUNIT_FAILURE,
	REPORT_JUNIT_ERROR,
	REPORT_JUNIT_SKIPPED
};

struct report_junit {
	FILE *mem;		/* the testsuites so far: a temporary file */
	size_t tests, failures, errors, skipped;
	int open;		/* a testsuite is open */
	int loose;		/* testcases were added outside any testsuite */
};

/* 0, or -1 when no temporary file could be made. */
int report_junit_init(struct report_junit *rj);
void report_junit_free(struct report_junit *rj);

/* Open a testsuite with these counts (FILE, may be NULL, as an attribute). */
void report_junit_suite(struct report_junit *rj, const char *name, const char *file,
			size_t tests, size_t failures, size_t errors, size_t skipped);
/*
** One testcase. Without report_junit_suite first, the testcases go into one
** testsuite named as the document, counted as they come. MESSAGE and TYPE go on <failure>/<error>/<skipped>, BODY
** (may be NULL) is its text. PROPS is N_PROPS name/value pairs (values
** NULL are left out).
*/
void report_junit_case(struct report_junit *rj, const char *classname, const char *name,
		       enum report_junit_kind kind, const char *message, const char *type,
		       const char *body, const char *const *props, size_t n_props);

/*
** 'run': one testsuite for the case (name = case id), one testcase per
** finding (classname = case id, name = "step [re]"): fail and late are
** failures, error is an error, pending, not_applicable and unknown are
** skipped, pass passes. Properties: cite, regime, due, file.
*/
void report_junit_run_case(struct report_junit *rj, const struct casecheck_case *kase,
			   const char *file, const struct casecheck_result *result);
/*
** 'run': a fixture that could not be evaluated, as a testsuite with one
** error: its message ERR's, its type "input" or "policy".
*/
void report_junit_run_bad(struct report_junit *rj, const char *file,
			  const struct casecheck_error *err);

/* Write the document, <testsuites name=NAME ...>, to FP. 0, or -1 on a write error. */
int report_junit_write(struct report_junit *rj, const char *name, FILE *fp);

#endif
