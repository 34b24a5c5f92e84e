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
	"                    'england-wales/conduct' or a .lua file (default: the\n"
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
	"message, cite, file). A fixture that cannot be evaluated is an error.\n"
	"\n"
	"Exit status: 0 all good, 1 a finding failed or was late, 2 bad input or\n"
	"usage, 3 a policy error or a policy over its budget.\n";

struct run_opts {
	const char *policy, *as_of, *format, *output;
	enum cli_color_mode color;
	struct cli_params params;
	struct cli_strv args;
	struct casecheck_limits limits;
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

/* A fixture that could not be evaluated, in the JUnit or TAP report. */
static void run_bad(struct report_junit *ju, struct report_tap *tap, const char *file,
		    const char *why, int junit, int tapf)
{
	const char *yaml[4];

	if (junit)
		report_junit_run_bad(ju, file, why);
	if (tapf) {
		yaml[0] = "file";
		yaml[1] = file;
		yaml[2] = "message";
		yaml[3] = why;
		report_tap_point(tap, 0, file, NULL, yaml, 2);
	}
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
			rc = cli_limit_set(&o->limits, id, "run", v);
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

int cmd_run(int argc, char **argv)
{
	struct run_opts o;
	struct casecheck_engine *engine = NULL;
	struct casecheck_error err;
	struct cli_policies ps;
	struct cli_policy_entry *forced = NULL, *pe;
	struct cli_strv files = { NULL, 0, 0 };
	struct report_text rt;
	struct report_json rj;
	struct report_junit ju;
	struct report_html rh;
	struct report_tap tap;
	struct cli_fixture_peek peek;
	struct casecheck_case *kase;
	struct casecheck_result *result;
	FILE *out = stdout;
	size_t i, n_bad = 0;
	int rc = 0, e, json, junit, tapf, html, text;

	memset(&o, 0, sizeof(o));
	o.format = "text";
	report_json_init(&rj);
	memset(&ju, 0, sizeof(ju));
	memset(&tap, 0, sizeof(tap));
	cli_policies_init(&ps, NULL, &o.params);
	e = run_parse(argc, argv, &o);
	if (e != 0) {
		rc = e < 0 ? 0 : e;
		goto out;
	}
	json = strcmp(o.format, "json") == 0;
	junit = strcmp(o.format, "junit") == 0;
	tapf = strcmp(o.format, "tap") == 0;
	html = strcmp(o.format, "html") == 0;
	text = !json && !junit && !tapf && !html;
	if ((junit && report_junit_init(&ju) != 0) || (tapf && report_tap_init(&tap) != 0)) {
		cli_errorf("run", "out of memory");
		rc = CLI_EXIT_POLICY;
		goto out;
	}

	engine = cli_engine_new(&o.limits);
	if (!engine) {
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	casecheck_engine_limits(engine, &rj.limits);	/* the JSON report records them */
	casecheck_engine_set_hashes(engine, json || html);	/* the JSON and HTML reports show them */
	cli_policies_init(&ps, engine, &o.params);
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
	}
	for (i = 0; i < o.args.n; i++) {
		e = cli_collect_fixtures(o.args.v[i], &files);
		if (e > rc)
			rc = e;
	}
	if (o.output) {
		out = fopen(o.output, "w");
		if (!out) {
			cli_errorf("run", "cannot open '%s' for writing: %s", o.output,
				   strerror(errno));
			out = stdout;
			rc = CLI_EXIT_INPUT;
			goto out;
		}
	}
	report_text_init(&rt, out, cli_color_enabled(o.color, out));
	report_html_init(&rh, out);

	for (i = 0; i < files.n; i++) {
		e = cli_load_fixture(&ps, forced, files.v[i], text ? &peek : NULL, &kase, &pe);
		if (e == 0 && !pe) {
			cli_errorf(NULL, "%s: names no policy: give --policy or set \"policy\" in the fixture",
				   files.v[i]);
			casecheck_case_free(kase);
			e = CLI_EXIT_INPUT;
		}
		if (e != 0) {
			if (e > rc)
				rc = e;
			n_bad++;
			if (text)
				cli_fixture_peek_free(&peek);
			run_bad(&ju, &tap, files.v[i], e == CLI_EXIT_INPUT ? "bad fixture" :
				"policy error", junit, tapf);
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
			if (text)
				cli_fixture_peek_free(&peek);
			run_bad(&ju, &tap, files.v[i], err.text, junit, tapf);
			continue;
		}
		e = run_result_exit(result);
		if (e > rc)
			rc = e;
		if (junit) {
			report_junit_run_case(&ju, kase, files.v[i], result);
		} else if (tapf) {
			report_tap_run_case(&tap, kase, files.v[i], result);
		} else if (html) {
			report_html_case(&rh, kase, files.v[i], pe->policy, result);
		} else if (json) {
			if (report_json_case(&rj, out, pe->policy, result, &err) != 0) {
				cli_print_error(stderr, &err);
				rc = CLI_EXIT_POLICY;
			}
		} else {
			if (report_text_case(&rt, kase, files.v[i], peek.title, pe->policy,
					     result) != 0) {
				cli_errorf("run", "out of memory");
				rc = CLI_EXIT_POLICY;
			}
			cli_fixture_peek_free(&peek);
		}
		casecheck_result_free(result);
		casecheck_case_free(kase);
	}

	if (json || junit || tapf || html) {
		if (html)
			e = report_html_finish(&rh);
		else if (json)
			e = report_json_write(&rj, forced ? forced->policy : NULL, out);
		else if (junit)
			e = report_junit_write(&ju, "casecheck run", out);
		else
			e = report_tap_write(&tap, out);
		if (e != 0) {
			cli_errorf("run", "cannot write the report: %s", strerror(errno));
			rc = CLI_EXIT_INPUT;
		}
	} else {
		report_text_finish(&rt, n_bad);
	}

out:
	if (out != stdout) {
		if (ferror(out) | (fclose(out) != 0)) {
			cli_errorf("run", "cannot write '%s': %s", o.output, strerror(errno));
			if (rc < CLI_EXIT_INPUT)
				rc = CLI_EXIT_INPUT;
		}
	} else if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_errorf("run", "cannot write the report: %s", strerror(errno));
		if (rc < CLI_EXIT_INPUT)
			rc = CLI_EXIT_INPUT;
	}
	report_json_free(&rj);
	report_junit_free(&ju);
	report_tap_free(&tap);
	cli_strv_free(&files);
	cli_policies_free(&ps);
	if (engine)
		casecheck_engine_free(engine);
	cli_params_free(&o.params);
	cli_strv_free(&o.args);
	return rc;
}
