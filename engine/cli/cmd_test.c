/*
** cmd_test.c: 'casecheck test': evaluate every fixture that has an "expect"
** block and compare the findings with it. Ends with the line CI reads:
** "N passed, M failed[, K skipped]".
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli_common.h"
#include "report_text.h"

#define TEST_DEFAULT_PATH "fixtures"

enum test_opt { TEST_HELP = 1, TEST_POLICY, TEST_COLOR };

static const struct cli_option test_options[] = {
	{ "help", 'h', CLI_NO_ARG, TEST_HELP },
	{ "policy", 0, CLI_REQUIRED_ARG, TEST_POLICY },
	{ "color", 0, CLI_OPTIONAL_ARG, TEST_COLOR },
	{ NULL, 0, CLI_NO_ARG, 0 }
};

static const char test_usage[] =
	"usage: casecheck test [options] [PATH...]\n"
	"\n"
	"Evaluate every fixture under PATH (default: " TEST_DEFAULT_PATH ") that has an\n"
	"\"expect\" block and compare the findings with it. An entry {step, re,\n"
	"status, due, days_late, regime, message} matches the finding of that step\n"
	"and matter (without re: the case-level finding, or the only one of the\n"
	"step); status, and due, days_late and regime when given, must be equal;\n"
	"message must occur in the finding's message. With \"complete\": true every\n"
	"finding must be listed. Fixtures without expectations are skipped.\n"
	"\n"
	"  --policy P       use policy P instead of each fixture's \"policy\"\n"
	"  --color[=WHEN]   auto (default), always, never\n"
	"  -h, --help       show this help\n"
	"\n"
	"The last line is \"N passed, M failed\" (\", K skipped\" when K > 0).\n"
	"Exit status: 0 all passed, 1 a mismatch or no fixture with expectations,\n"
	"2 a bad fixture or usage, 3 a policy error.\n";

struct test_state {
	int color;
	size_t passed, failed, skipped;
	int rc;
};

static void test_worse(struct test_state *st, int rc)
{
	if (rc > st->rc)
		st->rc = rc;
}

static int test_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The fields ENTRY names, as "status=... due=...", from F (actual) or ENTRY. */
static void test_print_fields(json_t *entry, const struct casecheck_finding *f)
{
	json_t *v;

	if (f) {
		printf("status=%s", casecheck_status_name(f->status));
	} else {
		v = json_object_get(entry, "status");
		printf("status=%s", json_is_string(v) ? json_string_value(v) : "?");
	}
	if (json_object_get(entry, "due") || (f && !entry && f->due)) {
		v = json_object_get(entry, "due");
		printf(" due=%s", f ? (f->due ? f->due : "none") :
		       (json_is_string(v) ? json_string_value(v) : "?"));
	}
	if (json_object_get(entry, "days_late") || (f && !entry && f->has_days_late)) {
		v = json_object_get(entry, "days_late");
		if (f && f->has_days_late)
			printf(" days_late=%ld", f->days_late);
		else if (f)
			printf(" days_late=none");
		else
			printf(" days_late=%" JSON_INTEGER_FORMAT,
			       json_is_integer(v) ? json_integer_value(v) : (json_int_t)0);
	}
	if (json_object_get(entry, "regime") || (f && !entry && f->regime)) {
		v = json_object_get(entry, "regime");
		printf(" regime=%s", f ? (f->regime ? f->regime : "none") :
		       (json_is_string(v) ? json_string_value(v) : "?"));
	}
	if (!f && json_is_string(json_object_get(entry, "message")))
		printf(" message~\"%s\"", json_string_value(json_object_get(entry, "message")));
	putchar('\n');
}

static void test_mismatch_head(const char *file, const char *step, const char *re)
{
	printf("%s: %s re %s\n", file, step, re ? re : "(case)");
}

static void test_print_message(const struct casecheck_finding *f)
{
	if (f && f->message)
		printf("  message:  %s\n", f->message);
}

/* 1 when the fields ENTRY gives agree with F. */
static int test_agrees(json_t *entry, const struct casecheck_finding *f, int status)
{
	json_t *v;

	if ((int)f->status != status)
		return 0;
	v = json_object_get(entry, "due");
	if (v && !(json_is_string(v) && test_streq(f->due, json_string_value(v))))
		return 0;
	v = json_object_get(entry, "days_late");
	if (v && !(json_is_integer(v) && f->has_days_late &&
		   (json_int_t)f->days_late == json_integer_value(v)))
		return 0;
	v = json_object_get(entry, "regime");
	if (v && !(json_is_string(v) && test_streq(f->regime, json_string_value(v))))
		return 0;
	v = json_object_get(entry, "message");
	if (v && !(json_is_string(v) && f->message &&
		   strstr(f->message, json_string_value(v))))
		return 0;
	return 1;
}

/*
** The finding ENTRY (STEP, RE given or not) refers to: its index, or -1
** when none (*AMBIGUOUS set when several would do).
*/
static long test_find(const struct casecheck_result *result, const char *step, json_t *re,
		      int *ambiguous)
{
	size_t i, n = casecheck_result_count(result), hits = 0;
	long only = -1;

	*ambiguous = 0;
	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if (strcmp(f->step, step) != 0)
			continue;
		if (re) {
			if (json_is_null(re) ? f->re == NULL :
			    (f->re && strcmp(f->re, json_string_value(re)) == 0))
				return (long)i;
			continue;
		}
		if (!f->re)
			return (long)i;
		hits++;
		only = (long)i;
	}
	if (re || hits == 0)
		return -1;
	if (hits > 1) {
		*ambiguous = 1;
		return -1;
	}
	return only;
}

/* Print the matters STEP has findings for: "a1, a2". */
static void test_print_matters(const struct casecheck_result *result, const char *step)
{
	size_t i, n = casecheck_result_count(result), shown = 0;

	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if (strcmp(f->step, step) == 0)
			printf("%s%s", shown++ ? ", " : "", f->re ? f->re : "(case)");
	}
}

/* Compare RESULT with EXPECT; prints each mismatch, returns how many. */
static size_t test_compare(const char *file, const struct casecheck_result *result,
			   json_t *expect)
{
	size_t n = casecheck_result_count(result), i, bad = 0;
	json_t *entries = json_object_get(expect, "findings"), *entry, *re, *jstep, *jstatus;
	char *matched = calloc(n ? n : 1, 1);
	const char *step;
	long k;
	int status, ambiguous;

	if (!matched) {
		printf("%s: out of memory\n", file);
		return 1;
	}
	if (entries && !json_is_array(entries)) {
		printf("%s: /expect/findings: expected an array\n", file);
		bad++;
		entries = NULL;
	}
	json_array_foreach(entries, i, entry) {
		jstep = json_object_get(entry, "step");
		jstatus = json_object_get(entry, "status");
		re = json_object_get(entry, "re");
		if (!json_is_string(jstep) || !json_is_string(jstatus) ||
		    (re && !json_is_string(re) && !json_is_null(re))) {
			printf("%s: /expect/findings/%lu: needs \"step\" and \"status\" strings"
			       " (and \"re\" a string or null)\n", file, (unsigned long)i);
			bad++;
			continue;
		}
		step = json_string_value(jstep);
		status = casecheck_status_parse(json_string_value(jstatus));
		if (status < 0) {
			printf("%s: /expect/findings/%lu/status: unknown status '%s'\n", file,
			       (unsigned long)i, json_string_value(jstatus));
			bad++;
			continue;
		}
		k = test_find(result, step, re, &ambiguous);
		if (k >= 0)
			matched[k] = 1;
		if (k >= 0 && test_agrees(entry, casecheck_result_finding(result, (size_t)k), status))
			continue;
		bad++;
		test_mismatch_head(file, step, k >= 0 ? casecheck_result_finding(result, (size_t)k)->re :
				   (json_is_string(re) ? json_string_value(re) : NULL));
		printf("  expected: ");
		test_print_fields(entry, NULL);
		if (ambiguous) {
			printf("  actual:   ambiguous: add re (findings for ");
			test_print_matters(result, step);
			printf(")\n");
		} else if (k < 0) {
			printf("  actual:   no such finding");
			if (!re || json_is_string(re)) {
				size_t before = 0, j;

				for (j = 0; j < n; j++)
					if (strcmp(casecheck_result_finding(result, j)->step, step) == 0)
						before++;
				if (before) {
					printf(" (findings for ");
					test_print_matters(result, step);
					putchar(')');
				}
			}
			putchar('\n');
		} else {
			printf("  actual:   ");
			test_print_fields(entry, casecheck_result_finding(result, (size_t)k));
			test_print_message(casecheck_result_finding(result, (size_t)k));
		}
	}
	if (json_is_true(json_object_get(expect, "complete"))) {
		for (i = 0; i < n; i++) {
			const struct casecheck_finding *f = casecheck_result_finding(result, i);

			if (matched[i])
				continue;
			bad++;
			test_mismatch_head(file, f->step, f->re);
			printf("  expected: no finding (the expectations are complete)\n");
			printf("  actual:   ");
			test_print_fields(NULL, f);
			test_print_message(f);
		}
	}
	free(matched);
	return bad;
}

static void test_line(struct test_state *st, int ok, const char *file, size_t count)
{
	const char *color = "", *noun;

	if (st->color)
		color = ok ? report_status_color(CASECHECK_PASS) : report_status_color(CASECHECK_FAIL);
	if (ok)
		noun = count == 1 ? "finding" : "findings";
	else
		noun = count == 1 ? "mismatch" : "mismatches";
	printf("%s%s%s %s (%lu %s)\n", color, ok ? "ok" : "FAIL", st->color ? REPORT_RESET : "",
	       file, (unsigned long)count, noun);
}

static void test_fixture(struct test_state *st, struct cli_policies *ps,
			 struct cli_policy_entry *forced, const char *file)
{
	struct casecheck_case *kase = NULL;
	struct casecheck_result *result = NULL;
	struct cli_policy_entry *pe = NULL;
	struct casecheck_error err;
	json_error_t jerr;
	json_t *expect = NULL;
	char *text = NULL;
	size_t bad;
	int rc;

	rc = cli_load_fixture(ps, forced, file, NULL, &kase, &pe);
	if (rc != 0) {
		test_worse(st, rc);
		st->failed++;
		printf("FAIL %s (%s)\n", file, rc == CLI_EXIT_INPUT ? "bad fixture" : "policy error");
		goto out;
	}
	text = casecheck_case_expect_json(kase);
	if (!text) {
		st->skipped++;
		goto out;
	}
	if (!pe) {
		cli_errorf(NULL, "%s: names no policy: give --policy or set \"policy\" in the fixture",
			   file);
		test_worse(st, CLI_EXIT_INPUT);
		st->failed++;
		printf("FAIL %s (bad fixture)\n", file);
		goto out;
	}
	expect = json_loads(text, 0, &jerr);
	if (!json_is_object(expect)) {
		cli_errorf(NULL, "%s: /expect: expected an object", file);
		test_worse(st, CLI_EXIT_INPUT);
		st->failed++;
		printf("FAIL %s (bad fixture)\n", file);
		goto out;
	}
	result = casecheck_evaluate(ps->engine, pe->policy, kase, NULL, &err);
	if (!result) {
		cli_print_error(stderr, &err);
		rc = cli_exit_for(&err);
		test_worse(st, rc);
		st->failed++;
		printf("FAIL %s (%s)\n", file, rc == CLI_EXIT_INPUT ? "bad fixture" : "policy error");
		goto out;
	}
	bad = test_compare(file, result, expect);
	if (bad) {
		test_worse(st, CLI_EXIT_FINDINGS);
		st->failed++;
		test_line(st, 0, file, bad);
	} else {
		st->passed++;
		test_line(st, 1, file, casecheck_result_count(result));
	}
out:
	fflush(stdout);
	json_decref(expect);
	free(text);
	if (result)
		casecheck_result_free(result);
	if (kase)
		casecheck_case_free(kase);
}

int cmd_test(int argc, char **argv)
{
	struct cli_parser p;
	struct cli_strv args = { NULL, 0, 0 }, files = { NULL, 0, 0 };
	struct casecheck_engine *engine = NULL;
	struct casecheck_error err;
	struct cli_policies ps;
	struct cli_policy_entry *forced = NULL;
	struct test_state st;
	enum cli_color_mode color = CLI_COLOR_AUTO;
	const char *v, *policy = NULL;
	size_t i;
	int id, rc = 0;

	memset(&st, 0, sizeof(st));
	cli_policies_init(&ps, NULL, NULL);
	cli_parser_init(&p, "test", argc, argv);
	while ((id = cli_parser_next(&p, test_options, &v)) != CLI_OPT_END) {
		switch (id) {
		case CLI_OPT_ERROR:
			rc = CLI_EXIT_INPUT;
			goto out;
		case TEST_HELP:
			fputs(test_usage, stdout);
			goto out;
		case TEST_POLICY:
			policy = v;
			break;
		case TEST_COLOR:
			if (cli_color_parse(v, &color) != 0) {
				rc = cli_usage_error("test", "bad --color '%s': expected auto, always or never", v);
				goto out;
			}
			break;
		case CLI_OPT_ARG:
			if (cli_strv_push(&args, v) != 0) {
				rc = cli_usage_error("test", "out of memory");
				goto out;
			}
			break;
		}
	}
	if (args.n == 0 && cli_strv_push(&args, TEST_DEFAULT_PATH) != 0) {
		rc = cli_usage_error("test", "out of memory");
		goto out;
	}
	st.color = cli_color_enabled(color, stdout);
	engine = casecheck_engine_new(NULL, &err);
	if (!engine) {
		cli_print_error(stderr, &err);
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	cli_policies_init(&ps, engine, NULL);
	if (policy) {
		forced = cli_policies_get(&ps, policy, 0, &err);
		if (!forced) {
			cli_errorf("test", "%s", err.text);
			rc = cli_exit_for(&err);
			goto out;
		}
		if (!forced->policy) {
			rc = cli_policy_entry_report(forced);
			goto out;
		}
	}
	for (i = 0; i < args.n; i++)
		test_worse(&st, cli_collect_fixtures(args.v[i], &files));
	for (i = 0; i < files.n; i++)
		test_fixture(&st, &ps, forced, files.v[i]);
	printf("%lu passed, %lu failed", (unsigned long)st.passed, (unsigned long)st.failed);
	if (st.skipped)
		printf(", %lu skipped", (unsigned long)st.skipped);
	putchar('\n');
	fflush(stdout);
	rc = st.rc;
	if (st.passed + st.failed == 0) {
		cli_errorf("test", "no fixture with expectations ran");
		if (rc < CLI_EXIT_FINDINGS)
			rc = CLI_EXIT_FINDINGS;
	}
out:
	cli_strv_free(&files);
	cli_strv_free(&args);
	cli_policies_free(&ps);
	if (engine)
		casecheck_engine_free(engine);
	return rc;
}
