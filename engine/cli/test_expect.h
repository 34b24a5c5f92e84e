/*
** test_expect.h: an "expect" block against the findings (see test_expect.c).
*/
#ifndef CASECHECK_CLI_TEST_EXPECT_H
#define CASECHECK_CLI_TEST_EXPECT_H

#include <stdio.h>
#include <jansson.h>
#include "casecheck.h"
#include "test_jobs.h"

/*
** The finding an expectation for STEP (with RE: a string, null, or NULL
** when the entry has no "re") refers to: its index, or -1 when none
** (*AMBIGUOUS set when several would do). Shared with --update.
*/
long test_find_finding(const struct casecheck_result *result, const char *step, json_t *re,
		       int *ambiguous);

/*
** Compare RESULT with EXPECT (the fixture's block): each entry must match a
** finding (step and re; status, and due, days_late, regime, message when
** given); with "complete": true every finding must be listed. Prints each
** mismatch to OUT (FILE, step, re, expected and actual), notes it in REC,
** and returns how many there were.
*/
size_t test_compare(FILE *out, struct test_rec *rec, const char *file,
		    const struct casecheck_result *result, json_t *expect);

/* -v: every finding of RESULT, one line each. */
void test_print_all(FILE *out, const struct casecheck_result *result);

/* "ok FILE (N findings)" or "FAIL FILE (M mismatches)"; VERB replaces ok/FAIL. */
void test_line(FILE *out, int color, int ok, const char *file, size_t count, const char *verb);

#endif
