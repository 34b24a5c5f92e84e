/*
** check_isolation.c: nothing one case or policy does reaches another in the
** same engine. An attacking policy (tests/policies/isolation_attacker.lua)
** writes into every table it can reach and tries to replace the engine's
** functions; its next case must see none of it, and an honest policy run
** after it in the same engine must give byte for byte the report a fresh
** engine gives.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "casecheck.h"

static const char *root(void)
{
	const char *r = getenv("CASECHECK_ROOT");

	return r ? r : ".";
}

static struct casecheck_policy *load(struct casecheck_engine *e, const char *rel)
{
	struct casecheck_error err;
	char path[1024];
	struct casecheck_policy *p;

	snprintf(path, sizeof(path), "%s/%s", root(), rel);
	p = casecheck_policy_load_file(e, path, rel, &err);
	ck_assert_msg(p != NULL, "%s: %s", rel, err.text);
	return p;
}

/* Evaluate the CLI test fixture under P; returns the JSON result (free it). */
static char *evaluate(struct casecheck_engine *e, struct casecheck_policy *p)
{
	struct casecheck_errors errs = { NULL, 0, 0 };
	struct casecheck_error err;
	struct casecheck_case *c;
	struct casecheck_result *r;
	char path[1024], *json;

	snprintf(path, sizeof(path), "%s/tests/cli/fixtures/pass-fail.json", root());
	c = casecheck_case_load_file(e, path, p, &errs);
	ck_assert_ptr_nonnull(c);
	casecheck_errors_free(&errs);
	r = casecheck_evaluate(e, p, c, NULL, &err);
	ck_assert_msg(r != NULL, "evaluate: %s", err.text);
	json = casecheck_result_json(r);
	ck_assert_ptr_nonnull(json);
	casecheck_result_free(r);
	casecheck_case_free(c);
	return json;
}

START_TEST(test_cases_and_policies_isolated)
{
	struct casecheck_error err;
	struct casecheck_engine *fresh = casecheck_engine_new(NULL, &err);
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *attacker;
	char *want, *got, *first, *second;

	ck_assert_ptr_nonnull(fresh);
	ck_assert_ptr_nonnull(e);
	want = evaluate(fresh, load(fresh, "tests/cli/policies/cli/tiny.lua"));

	attacker = load(e, "tests/policies/isolation_attacker.lua");
	first = evaluate(e, attacker);
	second = evaluate(e, attacker);
	/* only its own case's tables and its own copies of the library took writes */
	ck_assert_msg(strstr(first, "\"message\": \"left: ; wrote: ctx,ctx.case,matter,string,globals,string.find; marks found: 0\""),
		      "%s", first);
	/* and the next case saw nothing of them */
	ck_assert_str_eq(first, second);
	got = evaluate(e, load(e, "tests/cli/policies/cli/tiny.lua"));
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
	free(first);
	free(second);
	casecheck_engine_free(fresh);
	casecheck_engine_free(e);
}
END_TEST

/*
** A policy runs once per load and serves every case (engine/sandbox_freeze.c).
** tests/policies/carry_state.lua tries to carry state from one case to the
** next through its upvalues, a closure's upvalue, tables it declared (its
** step's own table among them), its globals under another name, library
** tables and the DSL; each case must see nothing an earlier one left, only
** its own globals and library copies may take writes, and its frozen tables
** must still read, iterate and measure as declared.
*/
START_TEST(test_policy_instance_carries_no_state)
{
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p;
	char *first, *json;
	int i;

	ck_assert_ptr_nonnull(e);
	p = load(e, "tests/policies/carry_state.lua");
	first = evaluate(e, p);
	ck_assert_msg(strstr(first, "\"message\": \"left: ; wrote: env,global,string,math.pi,string.upper; "
			     "read: 3,3,true,10+20+30,4\""), "%s", first);
	for (i = 0; i < 3; i++) {
		json = evaluate(e, p);
		ck_assert_str_eq(json, first);
		free(json);
	}
	free(first);
	casecheck_engine_free(e);
}
END_TEST

/* Found by check_main.c through the generated suites.h. */
Suite *isolation_suite(void);

Suite *isolation_suite(void)
{
	Suite *s = suite_create("isolation");
	TCase *tc = tcase_create("cases and policies");

	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_cases_and_policies_isolated);
	tcase_add_test(tc, test_policy_instance_carries_no_state);
	suite_add_tcase(s, tc);
	return s;
}
