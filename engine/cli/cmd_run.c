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
#include "cli_jobs.h"
#include "cli_output.h"
#include "report_json.h"
#include "report_html.h"
#include "report_junit.h"
#include "report_tap.h"
#include "report_text.h"

enum run_opt { RUN_HELP = 1, RUN_POLICY, RUN_AS_OF, RUN_PARAM, RUN_FORMAT, RUN_OUTPUT,
	       RUN_COLOR, RUN_JOBS };

static const struct cli_option run_options[] = {
	{ "help", 'h', CLI_NO_ARG, RUN_HELP },
	{ "policy", 0, CLI_REQUIRED_ARG, RUN_POLICY },
	{ "as-of", 0, CLI_REQUIRED_ARG, RUN_AS_OF },
	{ "param", 0, CLI_REQUIRED_ARG, RUN_PARAM },
	{ "format", 0, CLI_REQUIRED_ARG, RUN_FORMAT },
	{ "output", 'o', CLI_REQUIRED_ARG, RUN_OUTPUT },
	{ "color", 0, CLI_OPTIONAL_ARG, RUN_COLOR },
	{ "jobs", 'j', CLI_REQUIRED_ARG, RUN_JOBS },
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
	"  -j, --jobs N      evaluate N fixtures at a time in worker threads (default:\n"
	"                    the number of cores when the report goes to a file or a\n"
	"                    pipe, 1 on a terminal); the report, the messages on\n"
	"                    stderr and the exit status are those of -j 1\n"
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
	int jobs;		/* 0: the default (cli_jobs_default) */
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
		case RUN_JOBS:
			rc = cli_jobs_parse("run", v, &o->jobs);
			if (rc)
				return rc;
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

/*
** One worker's engine and policies: engines are not shared between threads.
** With -j 1 the one worker uses the run's engine. With more, each worker
** makes its own, in its own thread, on its first fixture: then the Lua
** state and every policy live in that thread's malloc arena, and no lock
** of another thread's arena is taken while it evaluates.
*/
struct run_worker {
	struct casecheck_engine *engine;	/* owned, except with -j 1 (the run's) */
	struct cli_policies own;		/* -j 2 and more: its policies */
	struct cli_policies *ps;		/* own, or with -j 1 the run's */
	struct cli_policy_entry *forced;	/* --policy's, in this engine */
	int pending;				/* its engine is still to be made */
	int broken;				/* making it failed: why is in ERR */
	struct casecheck_error err;
};

/* One fixture, loaded and evaluated by a worker, waiting to be reported. */
struct run_slot {
	struct cli_fixture_peek peek;
	struct casecheck_case *kase;
	struct cli_policy_entry *pe;
	struct casecheck_result *result;	/* NULL when it could not be evaluated */
	struct casecheck_error err;		/* why, when load is 0 and result NULL */
	int load;				/* cli_load_fixture's exit code */
	struct cli_diag diag;			/* -j 2 and more: what it printed, for emit */
};

/* A policy as the reports know it: the same file is one policy in every worker. */
struct run_canon {
	const struct cli_policy_entry *pe;
	const struct casecheck_policy *policy;
};

struct run_ctx {
	const struct run_opts *o;
	const struct cli_strv *files;
	struct run_worker *workers;
	struct run_reports *rr;
	struct run_canon *canon;
	size_t n_canon, n_bad;
	int rc;
	int capture;			/* workers capture what fixtures print (-j 2 and more) */
	struct cli_diag_seen seen;	/* the policies whose failure was printed */
};

/*
** Make worker WK's engine and policies, set up like the run's, in the
** calling thread. 0, or -1 with WK->err filled.
*/
static int run_worker_setup(struct run_worker *wk, const struct run_opts *o)
{
	if (!(wk->engine = casecheck_engine_new(&o->limits, &wk->err)))
		return -1;
	casecheck_engine_set_hashes(wk->engine, strcmp(o->format, "json") == 0 ||
				    strcmp(o->format, "html") == 0);
	wk->ps = &wk->own;
	cli_policies_init(wk->ps, wk->engine, &o->params);
	wk->ps->max_fixture_mib = o->max_fixture_mib;
	if (o->policy) {
		wk->forced = cli_policies_get(wk->ps, o->policy, 0, &wk->err);
		if (!wk->forced)
			return -1;
		if (!wk->forced->policy) {
			/* the run's engine loaded it; another one could still run out of memory */
			cli_error_set(&wk->err, CASECHECK_E_POLICY, o->policy, NULL,
				      "cannot load the policy in worker thread");
			return -1;
		}
	}
	return 0;
}

/* Load and evaluate fixture I in worker W (cli_jobs_threads' job). */
static void run_job(void *vctx, int w, size_t i, void *vslot)
{
	struct run_ctx *c = vctx;
	struct run_worker *wk = &c->workers[w];
	struct run_slot *sl = vslot;
	const char *file = c->files->v[i];

	/* what this fixture prints is printed when it is reported, in input order */
	if (c->capture)
		cli_diag_open(&sl->diag);
	if (wk->pending) {
		wk->pending = 0;
		wk->broken = run_worker_setup(wk, c->o) != 0;
		if (wk->broken) {
			/* every worker fails so; the run says it once */
			cli_diag_policy(&sl->diag, NULL, 1);
			cli_print_error(cli_diag_fp(&sl->diag), &wk->err);
			cli_diag_policy(&sl->diag, NULL, 0);
		}
	}
	if (wk->broken) {
		sl->peek.error = wk->err;
		sl->peek.has_error = 1;
		sl->load = cli_exit_for(&wk->err);
		cli_diag_close(&sl->diag);
		return;
	}
	if (c->capture)
		wk->ps->diag = &sl->diag;
	sl->load = cli_load_fixture(wk->ps, wk->forced, file, &sl->peek, &sl->kase, &sl->pe);
	wk->ps->diag = NULL;
	if (sl->load == 0 && !sl->pe) {
		cli_error_set(&sl->peek.error, CASECHECK_E_INPUT, file, NULL,
			      "names no policy: give --policy or set \"policy\" in the fixture");
		cli_print_error(cli_diag_fp(&sl->diag), &sl->peek.error);
		sl->peek.has_error = 1;
		casecheck_case_free(sl->kase);
		sl->kase = NULL;
		sl->load = CLI_EXIT_INPUT;
	}
	if (sl->load == 0)
		sl->result = casecheck_evaluate(wk->engine, sl->pe->policy, sl->kase,
						c->o->as_of, &sl->err);
	cli_diag_close(&sl->diag);
}

/*
** The policy the reports are given for PE: the first worker's copy of its
** file, so that reports that compare policies see one policy per file, as
** with -j 1. NULL when out of memory.
*/
static const struct casecheck_policy *run_canon_policy(struct run_ctx *c,
						       const struct cli_policy_entry *pe)
{
	struct run_canon *grown;
	size_t i;

	for (i = 0; i < c->n_canon; i++)
		if (c->canon[i].pe == pe || cli_policy_same_file(c->canon[i].pe, pe))
			return c->canon[i].policy;
	grown = realloc(c->canon, (c->n_canon + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	c->canon = grown;
	c->canon[c->n_canon].pe = pe;
	c->canon[c->n_canon].policy = pe->policy;
	c->n_canon++;
	return pe->policy;
}

/* Report fixture I, in input order (cli_jobs_threads' emit). */
static void run_emit(void *vctx, size_t i, void *vslot)
{
	struct run_ctx *c = vctx;
	struct run_slot *sl = vslot;
	const struct casecheck_policy *policy;
	const char *file = c->files->v[i];
	int e = sl->load;

	if (cli_diag_print(&sl->diag, &c->seen) != 0)
		cli_errorf("run", "out of memory");
	if (e == 0 && !sl->result) {
		cli_print_error(stderr, &sl->err);
		e = cli_exit_for(&sl->err);
	}
	if (e != 0) {
		if (e > c->rc)
			c->rc = e;
		c->n_bad++;
		if (run_bad(c->rr, file, sl->load ? &sl->peek.error : &sl->err) != 0)
			c->rc = CLI_EXIT_INPUT;
	} else {
		e = run_result_exit(sl->result);
		if (e > c->rc)
			c->rc = e;
		policy = run_canon_policy(c, sl->pe);
		if (!policy) {
			cli_errorf("run", "out of memory");
			e = CLI_EXIT_POLICY;
		} else {
			/*
			** The worker threads make stdio lock the stream at every call;
			** held here, the report's hundreds of calls a case skip that.
			*/
			flockfile(c->rr->out);
			e = run_report_case(c->rr, sl->kase, file, &sl->peek, policy, sl->result);
			funlockfile(c->rr->out);
		}
		if (e > c->rc)
			c->rc = e;
	}
}

/* Free fixture I's slot, in the worker that loaded it (cli_jobs_threads' release). */
static void run_release(void *vctx, int w, void *vslot)
{
	struct run_slot *sl = vslot;

	(void)vctx;
	(void)w;
	cli_diag_free(&sl->diag);
	cli_fixture_peek_free(&sl->peek);
	casecheck_result_free(sl->result);
	casecheck_case_free(sl->kase);
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o;
	struct casecheck_engine *engine = NULL;
	struct casecheck_error err;
	struct cli_policies ps;
	struct cli_policy_entry *forced = NULL;
	struct cli_strv files = { NULL, 0, 0 };
	struct run_reports rr;
	struct cli_output output = { NULL, NULL, NULL };
	struct run_worker *workers = NULL;
	struct run_ctx ctx;
	size_t i, n_bad = 0;
	int rc = 0, e, w, n_workers = 0;

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

	if (o.jobs == 0)
		o.jobs = cli_jobs_default(rr.out);
	if ((size_t)o.jobs > files.n)
		o.jobs = files.n ? (int)files.n : 1;
	workers = calloc((size_t)o.jobs, sizeof(*workers));
	if (!workers) {
		cli_errorf("run", "out of memory");
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	n_workers = o.jobs;
	if (o.jobs == 1) {
		workers[0].engine = engine;
		workers[0].ps = &ps;
		workers[0].forced = forced;
	} else {
		for (w = 0; w < o.jobs; w++) {
			cli_policies_init(&workers[w].own, NULL, &o.params);
			workers[w].pending = 1;
		}
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.o = &o;
	ctx.files = &files;
	ctx.workers = workers;
	ctx.rr = &rr;
	ctx.rc = rc;
	ctx.capture = o.jobs > 1;
	if (cli_jobs_threads(files.n, o.jobs, sizeof(struct run_slot), run_job, run_emit,
			     run_release, &ctx) != 0) {
		cli_errorf("run", "cannot start the worker threads");
		rc = CLI_EXIT_POLICY;
		free(ctx.canon);
		cli_diag_seen_free(&ctx.seen);
		goto out;
	}
	free(ctx.canon);
	cli_diag_seen_free(&ctx.seen);
	rc = ctx.rc;
	n_bad = ctx.n_bad;
	e = run_report_finish(&rr, n_bad);
	if (e > rc)
		rc = e;

out:
	e = cli_output_close(&output, "run");
	if (e > rc)
		rc = e;
	report_json_free(&rr.json);
	report_html_free(&rr.html);
	report_junit_free(&rr.junit);
	report_tap_free(&rr.tap);
	cli_strv_free(&files);
	for (w = 0; w < n_workers && n_workers > 1; w++) {
		cli_policies_free(&workers[w].own);
		if (workers[w].engine)
			casecheck_engine_free(workers[w].engine);
	}
	free(workers);
	cli_policies_free(&ps);
	if (engine)
		casecheck_engine_free(engine);
	cli_params_free(&o.params);
	cli_strv_free(&o.args);
	return rc;
}
