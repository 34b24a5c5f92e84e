/*
** cmd_run.c: 'casecheck run': evaluate fixtures under their policies and
** report the findings as text, JSON, JUnit XML or TAP. Goes on past a bad fixture; the exit
** code is the worst seen (0 good, 1 fail or late, 2 bad input, 3 policy error).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_common.h"
#include "cli_output.h"
#include "report_json.h"
#include "report_html.h"
#include "report_junit.h"
#include "report_tap.h"
#include "report_text.h"

enum run_opt { RUN_HELP = 1, RUN_POLICY, RUN_AS_OF, RUN_PARAM, RUN_FORMAT, RUN_OUTPUT,
	       RUN_COLOR };

static const struct cli_option run_options[] = {
	{ "help", 'h', CLI_NO_ARG, RUN_HELP },
	{ "policy", 0, CLI_REQUIRED_ARG, RUN_POLICY },
	{ "as-of", 0, CLI_REQUIRED_ARG, RUN_AS_OF },
	{ "param", 0, CLI_REQUIRED_ARG, RUN_PARAM },
	{ "format", 0, CLI_REQUIRED_ARG, RUN_FORMAT },
	{ "output", 'o', CLI_REQUIRED_ARG, RUN_OUTPUT },
	{ "color", 0, CLI_OPTIONAL_ARG, RUN_COLOR },
	CLI_LIMIT_OPTIONS,
	{ NULL, 0, CLI_NO_ARG, 0 }
};

static const char run_usage[] =
	"usage: casecheck run [options] FIXTURE|DIR...\n"
	"\n"
	"Evaluate each fixture (directories are searched for *.json, in sorted\n"
	"order) under its policy and report every finding. A FIXTURE of '-' is\n"
	"read from standard input.\n"
	"\n"
	"  --policy P        use policy P for every fixture: a name such as\n"
	"                    '" CASECHECK_DEFAULT_POLICY "' or a .lua file (default: the\n"
	"                    fixture's \"policy\")\n"
	"  --as-of DATE      judge at DATE, YYYY-MM-DD (default: the fixture's as_of)\n"
	"  --param K=V       override policy parameter K (repeatable)\n"
	"  --format F        text (default), json (casecheck/report@1), junit (JUnit\n"
	"                    XML: a testsuite per case, a testcase per finding),\n"
	"                    tap (TAP version 13: a test point per finding) or html\n"
	"                    (one self-contained page: summaries, legend, provenance,\n"
	"                    a timeline per case, findings failures first)\n"
	"  -o, --output FILE write the report to FILE instead of stdout\n"
	"  --color[=WHEN]    auto (default: on a terminal without NO_COLOR), always, never\n"
	CLI_LIMIT_USAGE
	"  -h, --help        show this help\n"
	"\n"
	"Policy names are looked up as NAME.lua in $CASECHECK_PATH (colon-separated),\n"
	"./policies, the policies/ directory next to the build, and the installed\n"
	"data directory. In the JSON report, \"policy\" is the first case's, and a\n"
	"case evaluated under a different policy carries its own \"policy\".\n"
	"In JUnit and TAP, fail and late fail, error is an error (JUnit) or fails\n"
	"(TAP), pass passes, and pending, not_applicable and unknown are skipped\n"
	"(<skipped/>, \"# SKIP\"): nothing to hold against the handling yet, or the\n"
	"record cannot settle it. Each testcase carries the citation as a property,\n"
	"each failed TAP point a YAML block (step, re, status, due, days_late,\n"
	"message, cite, file). A fixture that cannot be evaluated is an error, and\n"
	"appears in every format with its message (in JSON: \"id\": null, \"error\").\n"
	"\n"
	"Exit status: 0 all good, 1 a finding failed or was late, 2 bad input or\n"
	"usage, 3 a policy error or a policy over its budget.\n";

struct run_opts {
	const char *policy, *as_of, *format, *output;
	enum cli_color_mode color;
	struct cli_params params;
	struct cli_strv args;
	struct casecheck_limits limits;
	double max_fixture_mib;
};

/* The worst status of RESULT as an exit code: 1 for fail/late, 3 for error. */
static int run_result_exit(const struct casecheck_result *result)
{
	size_t i, n = casecheck_result_count(result);
	int rc = 0;

	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if (f->status == CASECHECK_ERROR)
			return CLI_EXIT_POLICY;
		if (f->status == CASECHECK_FAIL || f->status == CASECHECK_LATE)
			rc = CLI_EXIT_FINDINGS;
	}
	return rc;
}

/* The reports of a run, one of which is written. */
struct run_reports {
	const char *format;
	FILE *out;
	const struct casecheck_policy *default_policy;	/* --policy's, or NULL */
	struct report_text text;
	struct report_json json;
	struct report_junit junit;
	struct report_tap tap;
	struct report_html html;
};

/*
** A fixture that could not be evaluated, in the report with its error ERR:
** every input appears in every report. 0, or -1 when writing failed.
*/
static int run_bad(struct run_reports *rr, const char *file, const struct casecheck_error *err)
{
	const char *yaml[4];
	char why[2048];

	if (strcmp(rr->format, "json") == 0)
		return report_json_bad(&rr->json, rr->out, rr->default_policy, file, err);
	if (strcmp(rr->format, "junit") == 0) {
		report_junit_run_bad(&rr->junit, file, err);
	} else if (strcmp(rr->format, "tap") == 0) {
		casecheck_error_format(err, why, sizeof(why));
		yaml[0] = "file";
		yaml[1] = file;
		yaml[2] = "message";
		yaml[3] = why;
		report_tap_point(&rr->tap, 0, file, NULL, yaml, 2);
	} else if (strcmp(rr->format, "html") == 0) {
		report_html_bad(&rr->html, file, err);
	} else {
		report_text_bad(&rr->text, file, err);
	}
	return 0;
}

static int run_parse(int argc, char **argv, struct run_opts *o)
{
	struct cli_parser p;
	const char *v;
	int id, rc;

	cli_parser_init(&p, "run", argc, argv);
	while ((id = cli_parser_next(&p, run_options, &v)) != CLI_OPT_END) {
		switch (id) {
		case CLI_OPT_ERROR:
			return CLI_EXIT_INPUT;
		case CLI_OPT_ARG:
			if (cli_strv_push(&o->args, v) != 0)
				return cli_usage_error("run", "out of memory");
			break;
		case RUN_HELP:
			fputs(run_usage, stdout);
			return -1;
		case CLI_OPT_MAX_MEMORY:
		case CLI_OPT_MAX_INSTRUCTIONS:
		case CLI_OPT_MAX_SECONDS:
		case CLI_OPT_MAX_FIXTURE_SIZE:
			rc = cli_limit_set(&o->limits, &o->max_fixture_mib, id, "run", v);
			if (rc)
				return rc;
			break;
		case RUN_POLICY:
			o->policy = v;
			break;
		case RUN_AS_OF:
			if (!cli_is_date(v))
				return cli_usage_error("run", "bad --as-of '%s': expected YYYY-MM-DD", v);
			o->as_of = v;
			break;
		case RUN_PARAM:
			rc = cli_params_add(&o->params, "run", v);
			if (rc)
				return rc;
			break;
		case RUN_FORMAT:
			if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0 &&
			    strcmp(v, "junit") != 0 && strcmp(v, "tap") != 0 && strcmp(v, "html") != 0)
				return cli_usage_error("run", "unknown format '%s': expected text, json, junit, tap or html", v);
			o->format = v;
			break;
		case RUN_OUTPUT:
			o->output = v;
			break;
		case RUN_COLOR:
			if (cli_color_parse(v, &o->color) != 0)
				return cli_usage_error("run", "bad --color '%s': expected auto, always or never", v);
			break;
		}
	}
	if (o->args.n == 0)
		return cli_usage_error("run", "no fixture given");
	return 0;
}

/* Report the evaluated case (RESULT of KASE from FILE) in RR's format. 0, or an exit code. */
static int run_report_case(struct run_reports *rr, const struct casecheck_case *kase,
			   const char *file, const struct cli_fixture_peek *peek,
			   const struct casecheck_policy *policy,
			   const struct casecheck_result *result)
{
	struct casecheck_error err;

	if (strcmp(rr->format, "junit") == 0) {
		report_junit_run_case(&rr->junit, kase, file, result);
	} else if (strcmp(rr->format, "tap") == 0) {
		report_tap_run_case(&rr->tap, kase, file, result);
	} else if (strcmp(rr->format, "html") == 0) {
		report_html_case(&rr->html, kase, file, policy, result);
	} else if (strcmp(rr->format, "json") == 0) {
		if (report_json_case(&rr->json, rr->out, policy, result, &err) != 0) {
			cli_print_error(stderr, &err);
			return CLI_EXIT_INPUT;
		}
	} else if (report_text_case(&rr->text, kase, file, peek->title, policy, result) != 0) {
		cli_errorf("run", "out of memory");
		return CLI_EXIT_POLICY;
	}
	return 0;
}

/* Finish RR's report; N_BAD fixtures were not evaluated. 0, or an exit code. */
static int run_report_finish(struct run_reports *rr, size_t n_bad)
{
	int e;

	if (strcmp(rr->format, "html") == 0)
		e = report_html_finish(&rr->html);
	else if (strcmp(rr->format, "json") == 0)
		e = report_json_write(&rr->json, rr->default_policy, rr->out);
	else if (strcmp(rr->format, "junit") == 0)
		e = report_junit_write(&rr->junit, "casecheck run", rr->out);
	else if (strcmp(rr->format, "tap") == 0)
		e = report_tap_write(&rr->tap);
	else {
		report_text_finish(&rr->text, n_bad);
		e = 0;
	}
	if (e != 0) {
		cli_errorf("run", "cannot write the report: %s", strerror(errno));
		return CLI_EXIT_INPUT;
	}
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o;
	struct casecheck_engine *engine = NULL;
	struct casecheck_error err;
	struct cli_policies ps;
	struct cli_policy_entry *forced = NULL, *pe;
	struct cli_strv files = { NULL, 0, 0 };
	struct run_reports rr;
	struct cli_output output = { NULL, NULL, NULL };
	struct cli_fixture_peek peek;
	struct casecheck_case *kase;
	struct casecheck_result *result;
	size_t i, n_bad = 0;
	int rc = 0, e;

	memset(&o, 0, sizeof(o));
	memset(&rr, 0, sizeof(rr));
	o.format = "text";
	rr.format = "text";
	report_json_init(&rr.json);
	cli_policies_init(&ps, NULL, &o.params);
	e = run_parse(argc, argv, &o);
	if (e != 0) {
		rc = e < 0 ? 0 : e;
		goto out;
	}
	rr.format = o.format;
	if (strcmp(o.format, "junit") == 0 && report_junit_init(&rr.junit) != 0) {
		cli_errorf("run", "cannot make a temporary file for the JUnit report: %s",
			   strerror(errno));
		rc = CLI_EXIT_INPUT;
		goto out;
	}

	engine = cli_engine_new(&o.limits);
	if (!engine) {
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	casecheck_engine_limits(engine, &rr.json.limits);	/* the JSON report records them */
	/* the JSON and HTML reports show the hashes */
	casecheck_engine_set_hashes(engine, strcmp(o.format, "json") == 0 ||
				    strcmp(o.format, "html") == 0);
	cli_policies_init(&ps, engine, &o.params);
	ps.max_fixture_mib = o.max_fixture_mib;
	if (o.policy) {
		forced = cli_policies_get(&ps, o.policy, 0, &err);
		if (!forced) {
			cli_errorf("run", "%s", err.text);
			rc = cli_exit_for(&err);
			goto out;
		}
		if (!forced->policy) {
			rc = cli_policy_entry_report(forced);
			goto out;
		}
		rr.default_policy = forced->policy;
	}
	for (i = 0; i < o.args.n; i++) {
		e = cli_collect_fixtures(o.args.v[i], &files);
		if (e > rc)
			rc = e;
	}
	e = cli_output_open(&output, "run", o.output);
	if (e != 0) {
		rc = e;
		goto out;
	}
	rr.out = output.fp;
	report_text_init(&rr.text, rr.out, cli_color_enabled(o.color, rr.out));
	report_html_init(&rr.html, rr.out);
	if (strcmp(o.format, "tap") == 0)
		report_tap_init(&rr.tap, rr.out);

	for (i = 0; i < files.n; i++) {
		e = cli_load_fixture(&ps, forced, files.v[i], &peek, &kase, &pe);
		if (e == 0 && !pe) {
			cli_error_set(&peek.error, CASECHECK_E_INPUT, files.v[i], NULL,
				      "names no policy: give --policy or set \"policy\" in the fixture");
			cli_print_error(stderr, &peek.error);
			peek.has_error = 1;
			casecheck_case_free(kase);
			e = CLI_EXIT_INPUT;
		}
		if (e != 0) {
			if (e > rc)
				rc = e;
			n_bad++;
			if (run_bad(&rr, files.v[i], &peek.error) != 0)
				rc = CLI_EXIT_INPUT;
			cli_fixture_peek_free(&peek);
			continue;
		}
		result = casecheck_evaluate(engine, pe->policy, kase, o.as_of, &err);
		if (!result) {
			cli_print_error(stderr, &err);
			e = cli_exit_for(&err);
			if (e > rc)
				rc = e;
			n_bad++;
			casecheck_case_free(kase);
			if (run_bad(&rr, files.v[i], &err) != 0)
				rc = CLI_EXIT_INPUT;
			cli_fixture_peek_free(&peek);
			continue;
		}
		e = run_result_exit(result);
		if (e > rc)
			rc = e;
		e = run_report_case(&rr, kase, files.v[i], &peek, pe->policy, result);
		if (e > rc)
			rc = e;
		cli_fixture_peek_free(&peek);
		casecheck_result_free(result);
		casecheck_case_free(kase);
	}
	e = run_report_finish(&rr, n_bad);
	if (e > rc)
		rc = e;

out:
	e = cli_output_close(&output, "run");
	if (e > rc)
		rc = e;
	report_json_free(&rr.json);
	report_junit_free(&rr.junit);
	report_tap_free(&rr.tap);
	cli_strv_free(&files);
	cli_policies_free(&ps);
	if (engine)
		casecheck_engine_free(engine);
	cli_params_free(&o.params);
	cli_strv_free(&o.args);
	return rc;
}
