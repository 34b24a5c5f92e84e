/*
** test_jobs.h: what 'casecheck test' records of one fixture, and running
** fixtures in parallel (test_jobs.c): -j N forks N workers, each with its
** own copy of the engine (fork copies the parent's; the library has no
** global state), which send their records back over pipes; records are
** handed on in fixture order, so the output is the same bytes as -j 1.
*/
#ifndef TEST_JOBS_H
#define TEST_JOBS_H

#include <stddef.h>
#include "cli_common.h"

/* String fields of a record; NULL when absent. */
enum test_rec_str {
	TEST_S_FILE = 0,	/* the fixture as given */
	TEST_S_ID,		/* its case id */
	TEST_S_POLICY,		/* the policy file it was evaluated under (coverage) */
	TEST_S_POLICY_ID,	/* that policy's id */
	TEST_S_OUT,		/* its part of the text report */
	TEST_S_ERR,		/* what it wrote to stderr (workers only) */
	TEST_S_DETAIL,		/* the mismatches, as in the text report */
	TEST_S_REASON,		/* why it failed without a comparison: "bad fixture" */
	TEST_S_COUNT
};

/* Number fields of a record. */
enum test_rec_num {
	TEST_N_OUTCOME = 0,	/* enum test_outcome */
	TEST_N_RC,		/* its exit code */
	TEST_N_COUNT,		/* findings (passed) or mismatches (failed) */
	TEST_N_UPDATED,		/* 1: --update rewrote it */
	TEST_N_COUNT_
};

enum test_outcome {
	TEST_UNSELECTED = 0,	/* left out by --run, or never done */
	TEST_PASSED,
	TEST_FAILED,
	TEST_SKIPPED
};

/* Fields of one mismatch in test_rec.mism, in this order ("" when none). */
enum test_mism_field {
	TEST_M_STEP = 0, TEST_M_RE, TEST_M_STATUS, TEST_M_DUE, TEST_M_MESSAGE, TEST_M_CITE,
	TEST_M_EXPECTED, TEST_M_COUNT
};

struct test_rec {
	char *s[TEST_S_COUNT];
	long n[TEST_N_COUNT_];
	struct cli_strv cov;	/* "STEP\tSTATUS\tREGIME" per finding (STATUS a number) */
	struct cli_strv mism;	/* TEST_M_COUNT strings per mismatch */
	int done;
};

void test_rec_free(struct test_rec *rec);

/* Evaluate fixture I into REC. */
typedef void (*test_job_fn)(void *ctx, size_t i, struct test_rec *rec);
/* Hand on the finished record I (called in order 0, 1, ...). */
typedef void (*test_emit_fn)(void *ctx, size_t i, struct test_rec *rec);

/*
** Run FN over items 0..N-1 with JOBS workers (1: in this process) and call
** EMIT for each record in order as soon as it and those before it are done.
** RECS (N zeroed records) keeps them for the caller. ENGINE, the engine FN
** evaluates with, is made ready for the workers' fork() (its watchdog
** thread stopped before, one started after in each process). 0, or -1
** when a worker could not be started or died (its records are then marked
** failed).
*/
int test_jobs_run(size_t n, int jobs, struct casecheck_engine *engine, test_job_fn fn,
		  test_emit_fn emit, void *ctx,
		  struct test_rec *recs);

#endif
