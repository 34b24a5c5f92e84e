/*
** fuzz_case.c: libFuzzer target for the case loader. Each input is a fixture
** (JSON) loaded through the public API with the England & Wales policy's
** vocabulary; one that loads is evaluated too, so the case model and the
** evaluator see every shape the validator lets through. Seeds: fixtures/
** and the good and bad fixtures under tests/ (make fuzz-run). The engine
** and policy are made once and kept for the run: a harness, not the
** library, holds this state.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "casecheck.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct casecheck_engine *engine;
static struct casecheck_policy *policy;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* room to load the England & Wales policy (about 2.1 million instructions) */
	struct casecheck_limits lim = { 0, 10000000, 1.0 };
	struct casecheck_error err;
	const char *root = getenv("CASECHECK_ROOT");
	char path[1024];

	(void)argc;
	(void)argv;
	if (!(engine = casecheck_engine_new(&lim, &err))) {
		fprintf(stderr, "fuzz_case: %s\n", err.text);
		abort();
	}
	snprintf(path, sizeof(path), "%s/policies/england-wales/conduct.lua", root ? root : ".");
	policy = casecheck_policy_load_file(engine, path, "policies/england-wales/conduct.lua", &err);
	if (!policy) {
		fprintf(stderr, "fuzz_case: %s: %s (run from the repository or set CASECHECK_ROOT)\n",
			err.source, err.text);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_error err;
	struct casecheck_case *c;
	struct casecheck_result *r;

	c = casecheck_case_load_buffer(engine, (const char *)data, size, "fuzz.json", policy, &errs);
	casecheck_errors_free(&errs);
	if (!c)
		return 0;
	r = casecheck_evaluate(engine, policy, c, NULL, &err);
	if (r)
		free(casecheck_result_json(r));
	casecheck_result_free(r);
	casecheck_case_free(c);
	return 0;
}
