/*
** cmd_test.c: 'casecheck test': evaluate every fixture that has an "expect"
** block and compare the findings with it. Ends with the line CI reads:
** "N passed, M failed[, K skipped][, U updated]". Each fixture gives a
** record (test_jobs.h) that is then written as text, JSON, JUnit or TAP;
** --run selects fixtures, -j runs them in parallel, --update rewrites the
** expectations (test_update.c), --coverage tabulates what the corpus
** reached (test_coverage.c).
*/
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli_common.h"
#include "cli_escape.h"
#include "cli_output.h"
#include "report_junit.h"
#include "report_tap.h"
#include "report_text.h"
#include "test_coverage.h"
#include "test_expect.h"
#include "cli_jobs.h"
#include "test_jobs.h"
#include "test_update.h"

#define TEST_DEFAULT_PATH "fixtures"

enum test_opt { TEST_HELP = 1, TEST_POLICY, TEST_COLOR, TEST_UPDATE, TEST_RUN, TEST_JOBS,
		TEST_VERBOSE, TEST_COVERAGE, TEST_MIN_COVERAGE, TEST_FORMAT, TEST_OUTPUT };

static const struct cli_option test_options[] = {
	{ "help", 'h', CLI_NO_ARG, TEST_HELP },
	{ "policy", 0, CLI_REQUIRED_ARG, TEST_POLICY },
	{ "color", 0, CLI_OPTIONAL_ARG, TEST_COLOR },
	{ "update", 0, CLI_NO_ARG, TEST_UPDATE },
	{ "run", 0, CLI_REQUIRED_ARG, TEST_RUN },
	{ "jobs", 'j', CLI_REQUIRED_ARG, TEST_JOBS },
	{ "verbose", 'v', CLI_NO_ARG, TEST_VERBOSE },
	{ "coverage", 0, CLI_NO_ARG, TEST_COVERAGE },
	{ "min-coverage", 0, CLI_REQUIRED_ARG, TEST_MIN_COVERAGE },
	{ "format", 0, CLI_REQUIRED_ARG, TEST_FORMAT },
	{ "output", 'o', CLI_REQUIRED_ARG, TEST_OUTPUT },
	CLI_LIMIT_OPTIONS,
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
	"  --policy P         use policy P instead of each fixture's \"policy\"\n"
	"  --run REGEX        only fixtures whose path or id matches REGEX (POSIX\n"
	"                     extended)\n"
	"  -j, --jobs N       run N fixtures at a time in worker processes; the\n"
	"                     output is the same as with -j 1\n"
	"  -v, --verbose      list every finding, not only the mismatches\n"
	"  --update           rewrite the \"expect\" block of each fixture that does\n"
	"                     not match (or has none) from the current findings;\n"
	"                     the rest of the file is left byte for byte\n"
	"  --coverage         tabulate the steps x statuses and steps x regimes the\n"
	"                     fixtures reached, and the steps and statuses never reached\n"
	"  --min-coverage PCT fail (exit 1) when under PCT% of step x status cells\n"
	"                     are reached\n"
	"  --format F         text (default), json, junit (JUnit XML: a testcase per\n"
	"                     fixture) or tap (TAP version 13: a test point per fixture)\n"
	"  -o, --output FILE  write the report to FILE instead of stdout\n"
	"  --color[=WHEN]     auto (default), always, never\n"
	CLI_LIMIT_USAGE
	"  -h, --help         show this help\n"
	"\n"
	"--update writes, for a block with \"complete\": true (or a new block, which\n"
	"gets \"complete\": true), one entry per finding, one per line: step, re,\n"
	"status, and due and days_late when the old entry had them or the status is\n"
	"late (regime and message kept when the old entry had them); for any other\n"
	"block, the entries it had, brought up to date. Indentation follows the\n"
	"file; running it again changes nothing. Review the change with 'git diff'.\n"
	"\n"
	"Coverage counts steps and provisions, not Lua lines: each step's statuses\n"
	"(all six but error, less those its policy declares it can never give with\n"
	"cannot = {...}, shown as -) and the regimes it is in force under.\n"
	"\n"
	"In JUnit a fixture with mismatches is a <failure> listing them (the\n"
	"citations of the findings concerned are properties), a fixture that cannot\n"
	"be evaluated an <error>, one without expectations <skipped/>. In TAP a\n"
	"failed fixture gets a YAML block: step, re, status, due, message and cite\n"
	"of its first mismatch, file, and every mismatch as text.\n"
	"\n"
	"The last line of the text report is \"N passed, M failed\" (\", K skipped\",\n"
	"\", U updated\" when not 0). Exit status: 0 all passed, 1 a mismatch, no\n"
	"fixture with expectations, or coverage under --min-coverage, 2 a bad\n"
	"fixture or usage, 3 a policy error.\n";

enum test_format { TEST_FMT_TEXT = 0, TEST_FMT_JSON, TEST_FMT_JUNIT, TEST_FMT_TAP };

struct test_opts {
	const char *policy, *run, *output;
	enum cli_color_mode color;
	enum test_format format;
	int update, jobs, verbose, coverage;
	double min_coverage;	/* < 0: none */
	struct cli_strv args;
	struct casecheck_limits limits;
	double max_fixture_mib;
};

/* What the workers share (read only) and what the parent gathers. */
struct test_state {
	const struct test_opts *o;
	int color;
	regex_t re;
	int has_re;
	struct cli_policies *ps;
	struct cli_policy_entry *forced;
	struct cli_strv *files;
	FILE *out;			/* the report (text: as it comes) */
	struct test_cov cov;
	struct report_junit junit;
	struct report_tap tap;
	json_t *json;			/* the fixtures array of the JSON report */
	size_t passed, failed, skipped, updated;
	int rc;
};

static void test_worse(int *rc, int e)
{
	if (e > *rc)
		*rc = e;
}


/* Close the memory stream and hand over its text (NULL when empty). */
static char *test_mem_take(FILE *mem, char **buf, size_t *size)
{
	char *s = NULL;

	fclose(mem);
	if (*buf && *size)
		s = *buf;
	else
		free(*buf);
	*buf = NULL;
	return s;
}

/* ---- one fixture (in a worker with -j) ---- */

/* 1 when --run selects FILE: by its path, else by its "id". */
static int test_selected(struct test_state *st, const char *file)
{
	json_t *root, *id;
	json_error_t jerr;
	int hit;

	if (!st->has_re || regexec(&st->re, file, 0, NULL, 0) == 0)
		return 1;
	root = json_load_file(file, 0, &jerr);
	id = json_object_get(root, "id");
	hit = json_is_string(id) && regexec(&st->re, json_string_value(id), 0, NULL, 0) == 0;
	json_decref(root);
	return hit;
}

static void test_coverage_note(struct test_rec *rec, const struct casecheck_result *result)
{
	size_t i, n = casecheck_result_count(result);
	char line[1024];

	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		snprintf(line, sizeof(line), "%s\t%d\t%s", f->step, (int)f->status,
			 f->regime ? f->regime : "");
		(void)cli_strv_push(&rec->cov, line);
	}
}

static char *test_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Evaluate fixture I and compare; everything it reports goes into REC. */
static void test_fixture(void *ctx, size_t i, struct test_rec *rec)
{
	struct test_state *st = ctx;
	const char *file = st->files->v[i];
	struct casecheck_case *kase = NULL;
	struct casecheck_result *result = NULL;
	struct cli_policy_entry *pe = NULL;
	struct casecheck_error err;
	json_error_t jerr;
	json_t *expect = NULL;
	char *text = NULL, *obuf = NULL, *dbuf = NULL, ebuf[768];
	size_t osize = 0, dsize = 0, bad;
	FILE *out, *detail;
	int rc, changed = 0;

	if (!test_selected(st, file))
		return;
	out = open_memstream(&obuf, &osize);
	detail = open_memstream(&dbuf, &dsize);
	if (!out || !detail) {
		if (out)
			fclose(out);
		if (detail)
			fclose(detail);
		free(obuf);
		free(dbuf);
		rec->n[TEST_N_OUTCOME] = TEST_FAILED;
		rec->n[TEST_N_RC] = CLI_EXIT_POLICY;
		rec->s[TEST_S_REASON] = test_strdup("out of memory");
		return;
	}
	rec->s[TEST_S_FILE] = test_strdup(file);
	rec->n[TEST_N_OUTCOME] = TEST_FAILED;
	rc = cli_load_fixture(st->ps, st->forced, file, NULL, &kase, &pe);
	if (rc != 0) {
		rec->n[TEST_N_RC] = rc;
		rec->s[TEST_S_REASON] = test_strdup(rc == CLI_EXIT_INPUT ? "bad fixture" :
						    "policy error");
		goto out;
	}
	rec->s[TEST_S_ID] = test_strdup(casecheck_case_id(kase));
	text = casecheck_case_expect_json(kase);
	if (!text && (!st->o->update || !pe)) {
		rec->n[TEST_N_OUTCOME] = TEST_SKIPPED;
		goto out;
	}
	if (!pe) {
		cli_errorf(NULL, "%s: names no policy: give --policy or set \"policy\" in the fixture",
			   file);
		rec->n[TEST_N_RC] = CLI_EXIT_INPUT;
		rec->s[TEST_S_REASON] = test_strdup("bad fixture");
		goto out;
	}
	rec->s[TEST_S_POLICY] = test_strdup(pe->path);
	rec->s[TEST_S_POLICY_ID] = test_strdup(casecheck_policy_id(pe->policy));
	expect = text ? json_loads(text, 0, &jerr) : NULL;
	if (text && !json_is_object(expect)) {
		cli_errorf(NULL, "%s: /expect: expected an object", file);
		rec->n[TEST_N_RC] = CLI_EXIT_INPUT;
		rec->s[TEST_S_REASON] = test_strdup("bad fixture");
		goto out;
	}
	result = casecheck_evaluate(st->ps->engine, pe->policy, kase, NULL, &err);
	if (!result) {
		cli_print_error(stderr, &err);
		rc = cli_exit_for(&err);
		rec->n[TEST_N_RC] = rc;
		rec->s[TEST_S_REASON] = test_strdup(rc == CLI_EXIT_INPUT ? "bad fixture" :
						    "policy error");
		goto out;
	}
	if (st->o->coverage || st->o->min_coverage >= 0)
		test_coverage_note(rec, result);
	bad = expect ? test_compare(detail, rec, file, result, expect) : 1;
	fflush(detail);
	if (dsize)
		fwrite(dbuf, 1, dsize, out);
	if (st->o->verbose)
		test_print_all(out, result);
	if (bad && st->o->update) {
		if (test_update_file(file, result, expect, &changed, ebuf, sizeof(ebuf)) != 0) {
			cli_errorf("test", "%s", ebuf);
			rec->n[TEST_N_RC] = CLI_EXIT_INPUT;
			rec->n[TEST_N_COUNT] = (long)bad;
			test_line(out, st->color, 0, file, bad, NULL);
			goto out;
		}
		rec->n[TEST_N_OUTCOME] = TEST_PASSED;
		rec->n[TEST_N_UPDATED] = changed;
		rec->n[TEST_N_COUNT] = (long)casecheck_result_count(result);
		test_line(out, st->color, 1, file, casecheck_result_count(result),
			  changed ? "updated" : NULL);
	} else if (bad) {
		rec->n[TEST_N_RC] = CLI_EXIT_FINDINGS;
		rec->n[TEST_N_COUNT] = (long)bad;
		test_line(out, st->color, 0, file, bad, NULL);
	} else {
		rec->n[TEST_N_OUTCOME] = TEST_PASSED;
		rec->n[TEST_N_COUNT] = (long)casecheck_result_count(result);
		test_line(out, st->color, 1, file, casecheck_result_count(result), NULL);
	}
out:
	if (rec->n[TEST_N_OUTCOME] == TEST_FAILED && rec->s[TEST_S_REASON]) {
		fputs("FAIL ", out);
		cli_text_escape(out, file, NULL);
		fprintf(out, " (%s)\n", rec->s[TEST_S_REASON]);
	}
	fflush(stderr);
	rec->s[TEST_S_OUT] = test_mem_take(out, &obuf, &osize);
	rec->s[TEST_S_DETAIL] = test_mem_take(detail, &dbuf, &dsize);
	json_decref(expect);
	free(text);
	if (result)
		casecheck_result_free(result);
	if (kase)
		casecheck_case_free(kase);
}

/* ---- reports, in fixture order ---- */

static const char *test_rec_file(struct test_state *st, size_t i, struct test_rec *rec)
{
	return rec->s[TEST_S_FILE] ? rec->s[TEST_S_FILE] : st->files->v[i];
}

static void test_emit_junit(struct test_state *st, size_t i, struct test_rec *rec)
{
	const char *file = test_rec_file(st, i, rec);
	const char *id = rec->s[TEST_S_ID] ? rec->s[TEST_S_ID] : "casecheck";
	const char **props;
	size_t k, m = rec->mism.n / TEST_M_COUNT, np = 0;
	char msg[64];

	props = calloc(2 * (m + 2), sizeof(*props));
	if (!props)
		return;
	props[2 * np] = "file";
	props[2 * np++ + 1] = file;
	props[2 * np] = "policy";
	props[2 * np++ + 1] = rec->s[TEST_S_POLICY_ID];
	for (k = 0; k < m; k++) {
		const char *cite = rec->mism.v[k * TEST_M_COUNT + TEST_M_CITE];

		props[2 * np] = "cite";
		props[2 * np++ + 1] = cite[0] ? cite : NULL;
	}
	switch (rec->n[TEST_N_OUTCOME]) {
	case TEST_PASSED:
		report_junit_case(&st->junit, id, file, REPORT_JUNIT_PASS, NULL, NULL, NULL,
				  props, np);
		break;
	case TEST_SKIPPED:
		report_junit_case(&st->junit, id, file, REPORT_JUNIT_SKIPPED, "no expectations",
				  NULL, NULL, props, np);
		break;
	default:
		if (rec->s[TEST_S_REASON]) {
			report_junit_case(&st->junit, id, file, REPORT_JUNIT_ERROR,
					  rec->s[TEST_S_REASON], "input", NULL, props, np);
		} else {
			snprintf(msg, sizeof(msg), "%ld mismatch%s", rec->n[TEST_N_COUNT],
				 rec->n[TEST_N_COUNT] == 1 ? "" : "es");
			report_junit_case(&st->junit, id, file, REPORT_JUNIT_FAILURE, msg,
					  "mismatch", rec->s[TEST_S_DETAIL], props, np);
		}
	}
	free(props);
}

static void test_emit_tap(struct test_state *st, size_t i, struct test_rec *rec)
{
	const char *file = test_rec_file(st, i, rec);
	const char *yaml[20];
	char **m = rec->mism.v;
	char desc[1024], count[32];
	size_t k = 0;

	snprintf(desc, sizeof(desc), "%s%s%s%s", file, rec->s[TEST_S_ID] ? " (" : "",
		 rec->s[TEST_S_ID] ? rec->s[TEST_S_ID] : "", rec->s[TEST_S_ID] ? ")" : "");
	if (rec->n[TEST_N_OUTCOME] == TEST_PASSED) {
		report_tap_point(&st->tap, 1, desc, NULL, NULL, 0);
		return;
	}
	if (rec->n[TEST_N_OUTCOME] == TEST_SKIPPED) {
		report_tap_point(&st->tap, 1, desc, "no expectations", NULL, 0);
		return;
	}
	if (rec->mism.n >= TEST_M_COUNT) {
		yaml[k++] = "step";
		yaml[k++] = m[TEST_M_STEP];
		yaml[k++] = "re";
		yaml[k++] = m[TEST_M_RE][0] ? m[TEST_M_RE] : NULL;
		yaml[k++] = "expected";
		yaml[k++] = m[TEST_M_EXPECTED];
		yaml[k++] = "status";
		yaml[k++] = m[TEST_M_STATUS][0] ? m[TEST_M_STATUS] : "none";
		yaml[k++] = "due";
		yaml[k++] = m[TEST_M_DUE][0] ? m[TEST_M_DUE] : NULL;
		yaml[k++] = "message";
		yaml[k++] = m[TEST_M_MESSAGE][0] ? m[TEST_M_MESSAGE] : NULL;
		yaml[k++] = "cite";
		yaml[k++] = m[TEST_M_CITE][0] ? m[TEST_M_CITE] : NULL;
	} else {
		yaml[k++] = "message";
		yaml[k++] = rec->s[TEST_S_REASON];
	}
	yaml[k++] = "file";
	yaml[k++] = file;
	snprintf(count, sizeof(count), "%ld", rec->n[TEST_N_COUNT]);
	if (!rec->s[TEST_S_REASON]) {
		yaml[k++] = "mismatches";
		yaml[k++] = count;
		yaml[k++] = "diff";
		yaml[k++] = rec->s[TEST_S_DETAIL];
	}
	report_tap_point(&st->tap, 0, desc, NULL, yaml, k / 2);
}

static void test_emit_json(struct test_state *st, size_t i, struct test_rec *rec)
{
	static const char *const outcomes[] = { "unselected", "pass", "fail", "skip" };
	static const char *const mkeys[TEST_M_COUNT] = {
		"step", "re", "status", "due", "message", "cite", "expected"
	};
	json_t *o = json_object(), *ms = json_array(), *m;
	size_t k, f;

	if (!o || !ms) {
		json_decref(o);
		json_decref(ms);
		return;
	}
	json_object_set_new(o, "file", json_string(test_rec_file(st, i, rec)));
	json_object_set_new(o, "id", rec->s[TEST_S_ID] ? json_string(rec->s[TEST_S_ID]) :
			    json_null());
	json_object_set_new(o, "result", json_string(rec->s[TEST_S_REASON] ? "error" :
						     outcomes[rec->n[TEST_N_OUTCOME] & 3]));
	if (rec->s[TEST_S_REASON])
		json_object_set_new(o, "error", json_string(rec->s[TEST_S_REASON]));
	if (rec->n[TEST_N_OUTCOME] == TEST_PASSED)
		json_object_set_new(o, "findings", json_integer(rec->n[TEST_N_COUNT]));
	if (rec->n[TEST_N_UPDATED])
		json_object_set_new(o, "updated", json_true());
	for (k = 0; k + TEST_M_COUNT <= rec->mism.n; k += TEST_M_COUNT) {
		m = json_object();
		for (f = 0; m && f < TEST_M_COUNT; f++)
			if (rec->mism.v[k + f][0])
				json_object_set_new(m, mkeys[f], json_string(rec->mism.v[k + f]));
		json_array_append_new(ms, m);
	}
	json_object_set_new(o, "mismatches", ms);
	json_array_append_new(st->json, o);
}

static void test_emit(void *ctx, size_t i, struct test_rec *rec)
{
	struct test_state *st = ctx;
	long outcome = rec->n[TEST_N_OUTCOME];
	struct cli_policy_entry *pe;
	struct casecheck_error err;
	size_t k;

	if (rec->s[TEST_S_ERR])
		fputs(rec->s[TEST_S_ERR], stderr);
	if (outcome == TEST_UNSELECTED)
		return;
	test_worse(&st->rc, (int)rec->n[TEST_N_RC]);
	if (outcome == TEST_PASSED)
		st->passed++;
	else if (outcome == TEST_FAILED)
		st->failed++;
	else
		st->skipped++;
	if (rec->n[TEST_N_UPDATED])
		st->updated++;
	if (rec->s[TEST_S_POLICY] && rec->cov.n > 0) {
		pe = cli_policies_get(st->ps, rec->s[TEST_S_POLICY], 0, &err);
		if (pe && pe->policy) {
			(void)test_cov_fixture(&st->cov, pe->policy);
			for (k = 0; k < rec->cov.n; k++) {
				char *line = rec->cov.v[k], *t1 = strchr(line, '\t'), *t2;

				if (!t1 || !(t2 = strchr(t1 + 1, '\t')))
					continue;
				*t1 = '\0';
				*t2 = '\0';
				(void)test_cov_add(&st->cov, pe->policy, line, atoi(t1 + 1),
						   t2[1] ? t2 + 1 : NULL);
			}
		}
	}
	switch (st->o->format) {
	case TEST_FMT_TEXT:
		if (rec->s[TEST_S_OUT])
			fputs(rec->s[TEST_S_OUT], st->out);
		fflush(st->out);
		break;
	case TEST_FMT_JSON:
		test_emit_json(st, i, rec);
		break;
	case TEST_FMT_JUNIT:
		test_emit_junit(st, i, rec);
		break;
	case TEST_FMT_TAP:
		test_emit_tap(st, i, rec);
		break;
	}
}

/* ---- options and the whole run ---- */

static int test_parse(int argc, char **argv, struct test_opts *o)
{
	struct cli_parser p;
	const char *v;
	char *end;
	double d;
	int id, rc;

	cli_parser_init(&p, "test", argc, argv);
	while ((id = cli_parser_next(&p, test_options, &v)) != CLI_OPT_END) {
		switch (id) {
		case CLI_OPT_ERROR:
			return CLI_EXIT_INPUT;
		case TEST_HELP:
			fputs(test_usage, stdout);
			return -1;
		case CLI_OPT_MAX_MEMORY:
		case CLI_OPT_MAX_INSTRUCTIONS:
		case CLI_OPT_MAX_SECONDS:
		case CLI_OPT_MAX_FIXTURE_SIZE:
			if (cli_limit_set(&o->limits, &o->max_fixture_mib, id, "test", v) != 0)
				return CLI_EXIT_INPUT;
			break;
		case TEST_POLICY:
			o->policy = v;
			break;
		case TEST_COLOR:
			if (cli_color_parse(v, &o->color) != 0)
				return cli_usage_error("test", "bad --color '%s': expected auto, always or never", v);
			break;
		case TEST_UPDATE:
			o->update = 1;
			break;
		case TEST_RUN:
			o->run = v;
			break;
		case TEST_JOBS:
			rc = cli_jobs_parse("test", v, &o->jobs);
			if (rc)
				return rc;
			break;
		case TEST_VERBOSE:
			o->verbose = 1;
			break;
		case TEST_COVERAGE:
			o->coverage = 1;
			break;
		case TEST_MIN_COVERAGE:
			errno = 0;
			d = strtod(v, &end);
			if (errno || end == v || (*end && strcmp(end, "%") != 0) || d < 0 || d > 100)
				return cli_usage_error("test", "bad --min-coverage '%s': expected a percentage from 0 to 100", v);
			o->min_coverage = d;
			break;
		case TEST_FORMAT:
			if (strcmp(v, "text") == 0)
				o->format = TEST_FMT_TEXT;
			else if (strcmp(v, "json") == 0)
				o->format = TEST_FMT_JSON;
			else if (strcmp(v, "junit") == 0)
				o->format = TEST_FMT_JUNIT;
			else if (strcmp(v, "tap") == 0)
				o->format = TEST_FMT_TAP;
			else
				return cli_usage_error("test", "unknown format '%s': expected text, json, junit or tap", v);
			break;
		case TEST_OUTPUT:
			o->output = v;
			break;
		case CLI_OPT_ARG:
			if (cli_strv_push(&o->args, v) != 0)
				return cli_usage_error("test", "out of memory");
			break;
		}
	}
	if (o->args.n == 0 && cli_strv_push(&o->args, TEST_DEFAULT_PATH) != 0)
		return cli_usage_error("test", "out of memory");
	return 0;
}

/* The JSON report: {"format", "fixtures", "passed", "failed", "skipped", "updated"}. */
static int test_write_json(struct test_state *st, FILE *fp)
{
	json_t *root = json_object();
	int rc;

	if (!root)
		return -1;
	json_object_set_new(root, "format", json_string("casecheck/test@1"));
	json_object_set(root, "fixtures", st->json);
	json_object_set_new(root, "passed", json_integer((json_int_t)st->passed));
	json_object_set_new(root, "failed", json_integer((json_int_t)st->failed));
	json_object_set_new(root, "skipped", json_integer((json_int_t)st->skipped));
	json_object_set_new(root, "updated", json_integer((json_int_t)st->updated));
	rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', fp);
	json_decref(root);
	return rc;
}

/* Write the report in FORMAT, the coverage and the summary. Returns an exit code. */
static int test_finish(struct test_state *st)
{
	const struct test_opts *o = st->o;
	FILE *cov_fp = o->format == TEST_FMT_TEXT || o->output ? stdout : stderr;
	double pct = 100.0;
	int rc = st->rc, w = 0;

	if (o->coverage || o->min_coverage >= 0) {
		char *buf = NULL;
		size_t size = 0;
		FILE *mem = open_memstream(&buf, &size);

		if (mem) {
			pct = test_cov_print(&st->cov, mem);
			fclose(mem);
			if (o->coverage && st->cov.n > 0) {
				if (o->format == TEST_FMT_TEXT && st->passed + st->failed > 0)
					fputc('\n', cov_fp);
				fputs(buf, cov_fp);
				fputc('\n', cov_fp);
			}
		}
		free(buf);
	}
	switch (o->format) {
	case TEST_FMT_TEXT:
		fprintf(st->out, "%lu passed, %lu failed", (unsigned long)st->passed,
			(unsigned long)st->failed);
		if (st->skipped)
			fprintf(st->out, ", %lu skipped", (unsigned long)st->skipped);
		if (st->updated)
			fprintf(st->out, ", %lu updated", (unsigned long)st->updated);
		fputc('\n', st->out);
		break;
	case TEST_FMT_JSON:
		w = test_write_json(st, st->out);
		break;
	case TEST_FMT_JUNIT:
		w = report_junit_write(&st->junit, "casecheck test", st->out);
		break;
	case TEST_FMT_TAP:
		w = report_tap_write(&st->tap);
		break;
	}
	if (w != 0) {
		cli_errorf("test", "cannot write the report: %s", strerror(errno));
		test_worse(&rc, CLI_EXIT_INPUT);
	}
	fflush(st->out);
	if (st->passed + st->failed == 0) {
		cli_errorf("test", "no fixture with expectations ran");
		test_worse(&rc, CLI_EXIT_FINDINGS);
	}
	if (o->min_coverage >= 0 && pct < o->min_coverage) {
		cli_errorf("test", "coverage %.1f%% of step x status cells is under --min-coverage %g%%",
			   pct, o->min_coverage);
		test_worse(&rc, CLI_EXIT_FINDINGS);
	}
	return rc;
}

int cmd_test(int argc, char **argv)
{
	struct test_opts o;
	struct test_state st;
	struct cli_strv files = { NULL, 0, 0 };
	struct casecheck_engine *engine = NULL;
	struct casecheck_error err;
	struct cli_policies ps;
	struct test_rec *recs = NULL;
	struct cli_output output = { NULL, NULL, NULL };
	char rbuf[256];
	size_t i;
	int rc = 0, e;

	memset(&o, 0, sizeof(o));
	memset(&st, 0, sizeof(st));
	o.jobs = 1;
	o.min_coverage = -1;
	st.o = &o;
	st.out = stdout;
	st.files = &files;
	st.ps = &ps;
	test_cov_init(&st.cov);
	cli_policies_init(&ps, NULL, NULL);
	e = test_parse(argc, argv, &o);
	if (e != 0) {
		rc = e < 0 ? 0 : e;
		goto out;
	}
	if (o.run) {
		e = regcomp(&st.re, o.run, REG_EXTENDED | REG_NOSUB);
		if (e != 0) {
			regerror(e, &st.re, rbuf, sizeof(rbuf));
			rc = cli_usage_error("test", "bad --run '%s': %s", o.run, rbuf);
			goto out;
		}
		st.has_re = 1;
	}
	if ((o.format == TEST_FMT_JUNIT && report_junit_init(&st.junit) != 0) ||
	    (o.format == TEST_FMT_JSON && !(st.json = json_array()))) {
		cli_errorf("test", "out of memory");
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	engine = cli_engine_new(&o.limits);
	if (!engine) {
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	cli_policies_init(&ps, engine, NULL);
	ps.max_fixture_mib = o.max_fixture_mib;
	if (o.policy) {
		st.forced = cli_policies_get(&ps, o.policy, 0, &err);
		if (!st.forced) {
			cli_errorf("test", "%s", err.text);
			rc = cli_exit_for(&err);
			goto out;
		}
		if (!st.forced->policy) {
			rc = cli_policy_entry_report(st.forced);
			goto out;
		}
	}
	for (i = 0; i < o.args.n; i++) {
		if (o.update && strcmp(o.args.v[i], "-") == 0) {
			rc = cli_usage_error("test", "--update cannot rewrite standard input ('-'): give the file");
			goto out;
		}
		test_worse(&st.rc, cli_collect_fixtures(o.args.v[i], &files));
	}
	e = cli_output_open(&output, "test", o.output);
	st.out = output.fp;
	if (e != 0) {
		rc = e;
		goto out;
	}
	if (o.format == TEST_FMT_TAP)
		report_tap_init(&st.tap, st.out);
	st.color = o.format == TEST_FMT_TEXT && cli_color_enabled(o.color, st.out);
	recs = calloc(files.n ? files.n : 1, sizeof(*recs));
	if (!recs) {
		cli_errorf("test", "out of memory");
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	if (test_jobs_run(files.n, o.jobs, engine, test_fixture, test_emit, &st, recs) != 0) {
		cli_errorf("test", "a worker process failed");
		test_worse(&st.rc, CLI_EXIT_POLICY);
	}
	rc = test_finish(&st);
out:
	test_worse(&rc, cli_output_close(&output, "test"));
	for (i = 0; recs && i < files.n; i++)
		test_rec_free(&recs[i]);
	free(recs);
	if (st.has_re)
		regfree(&st.re);
	json_decref(st.json);
	report_junit_free(&st.junit);
	report_tap_free(&st.tap);
	test_cov_free(&st.cov);
	cli_strv_free(&files);
	cli_strv_free(&o.args);
	cli_policies_free(&ps);
	if (engine)
		casecheck_engine_free(engine);
	return rc;
}
