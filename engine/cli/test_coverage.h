/*
** test_coverage.h: 'casecheck test --coverage': which steps of each policy
** the corpus drove to which statuses and under which regimes, as tables of
** steps x statuses and steps x regimes, with the cells never reached
** (test_coverage.c). Counts steps and provisions, never Lua lines.
*/
#ifndef TEST_COVERAGE_H
#define TEST_COVERAGE_H

#include <stdio.h>
#include "casecheck.h"

/* What one policy's findings reached. */
struct test_cov_policy {
	const struct casecheck_policy *policy;	/* borrowed */
	size_t fixtures;			/* fixtures evaluated under it */
	size_t *status_hits;			/* [step * CASECHECK_STATUS_COUNT + status] */
	size_t *regime_hits;			/* [step * n_regimes + regime] */
	size_t n_steps, n_regimes;
};

struct test_cov {
	struct test_cov_policy *items;
	size_t n, cap;
};

void test_cov_init(struct test_cov *cov);
void test_cov_free(struct test_cov *cov);

/* Count one fixture evaluated under POLICY. 0, or -1 when out of memory. */
int test_cov_fixture(struct test_cov *cov, const struct casecheck_policy *policy);
/* Count one finding of STEP with STATUS under REGIME (may be NULL). 0 or -1. */
int test_cov_add(struct test_cov *cov, const struct casecheck_policy *policy,
		 const char *step, int status, const char *regime);

/*
** Print the tables of every policy to FP. Returns the share of step x
** status cells reached over all policies, in percent (100 when there are
** no cells).
*/
double test_cov_print(const struct test_cov *cov, FILE *fp);

#endif
