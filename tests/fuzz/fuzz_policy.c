/*
** fuzz_policy.c: libFuzzer target for the policy loader. Each input is a
** policy (Lua source, or anything) loaded through the public API under small
** budgets; one that loads is linted and evaluated against a small case, then
** freed, so the DSL's checks, the sandbox and the evaluator all see it.
** Seeds: policies/, examples/policies/ and tests/policies/ (make fuzz-run).
** The engine is made once and kept for the run, as an embedder would.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "casecheck.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct casecheck_engine *engine;

static const char fixture[] =
	"{\"format\": \"casecheck/case@1\", \"id\": \"f1\", \"title\": \"t\",\n"
	" \"subject\": {\"name\": \"X\", \"rank\": \"PC\", \"force\": \"F\"},\n"
	" \"parties\": {\"F\": {\"kind\": \"force\"}, \"P\": {\"kind\": \"psd\", \"of\": \"F\"}},\n"
	" \"events\": [\n"
	"  {\"id\": \"a1\", \"date\": \"2019-05-02\", \"type\": \"allegation_received\", \"by\": \"P\",\n"
	"   \"categories\": [\"assault\"]},\n"
	"  {\"id\": \"c1\", \"date\": \"2019-05\", \"type\": \"conduct_recorded\", \"by\": \"P\", \"re\": \"a1\"}\n"
	" ]}\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* small budgets, so that a looping input costs a millisecond, not seconds */
	struct casecheck_limits lim = { 32u << 20, 2000000, 1.0 };
	struct casecheck_error err;

	(void)argc;
	(void)argv;
	if (!(engine = casecheck_engine_new(&lim, &err))) {
		fprintf(stderr, "fuzz_policy: %s\n", err.text);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_error err;
	struct casecheck_policy *p;
	struct casecheck_case *c;
	struct casecheck_result *r;

	p = casecheck_policy_load_string(engine, (const char *)data, size, "fuzz.lua", &err);
	if (!p)
		return 0;
	casecheck_policy_lint(p, &errs);
	casecheck_errors_free(&errs);
	c = casecheck_case_load_buffer(engine, fixture, strlen(fixture), "f1.json", p, &errs);
	casecheck_errors_free(&errs);
	if (c) {
		r = casecheck_evaluate(engine, p, c, "2019-12-31", &err);
		if (r)
			free(casecheck_result_json(r));
		casecheck_result_free(r);
		casecheck_case_free(c);
	}
	casecheck_policy_free(p);
	return 0;
}
