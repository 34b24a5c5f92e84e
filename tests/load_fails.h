/*
** load_fails.h: the assertion the policy-language suites share (check_eval.c,
** check_duties.c): POLICY, loaded as "policies/bad.lua", is refused with a
** policy error on LINE whose text contains TEXT. Kept here once so that both
** suites hold their load errors to the same rule: file, line and words.
*/
#ifndef CASECHECK_TESTS_LOAD_FAILS_H
#define CASECHECK_TESTS_LOAD_FAILS_H

#include <string.h>
#include <check.h>
#include "casecheck.h"

static inline void load_fails(const char *policy, int line, const char *text)
{
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p;

	ck_assert_msg(e != NULL, "engine: %s", err.text);
	p = casecheck_policy_load_string(e, policy, strlen(policy), "policies/bad.lua", &err);
	ck_assert_msg(p == NULL, "the policy loaded; want line %d '%s'", line, text);
	ck_assert_int_eq(err.kind, CASECHECK_E_POLICY);
	ck_assert_msg(strcmp(err.source, "policies/bad.lua") == 0, "source %s: %s (want %s)", err.source,
		      err.text, text);
	ck_assert_msg(err.line == line && strstr(err.text, text) != NULL, "got %d '%s', want %d '%s'",
		      err.line, err.text, line, text);
	casecheck_engine_free(e);
}

#endif
