/*
** cmd_explain.c: 'casecheck explain': one step's finding(s) for one fixture
** in full: trigger, evidence, deadline arithmetic, the law, the kind of duty
** and where its time limit comes from, and the message.
** An unknown step id is a usage error with a did-you-mean.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_common.h"

enum explain_opt { EXPLAIN_HELP = 1, EXPLAIN_STEP, EXPLAIN_RE, EXPLAIN_AS_OF,
		   EXPLAIN_POLICY, EXPLAIN_PARAM };

static const struct cli_option explain_options[] = {
	{ "help", 'h', CLI_NO_ARG, EXPLAIN_HELP },
	{ "step", 0, CLI_REQUIRED_ARG, EXPLAIN_STEP },
	{ "re", 0, CLI_REQUIRED_ARG, EXPLAIN_RE },
	{ "as-of", 0, CLI_REQUIRED_ARG, EXPLAIN_AS_OF },
	{ "policy", 0, CLI_REQUIRED_ARG, EXPLAIN_POLICY },
	{ "param", 0, CLI_REQUIRED_ARG, EXPLAIN_PARAM },
	{ NULL, 0, CLI_NO_ARG, 0 }
};

static const char explain_usage[] =
	"usage: casecheck explain FIXTURE --step ID [options]\n"
	"\n"
	"Show the finding of step ID for FIXTURE in full: status, regime, the law,\n"
	"the kind of duty and where its time limit comes from, the triggering\n"
	"event, the evidence, the deadline arithmetic and the message. Without\n"
	"--re, every finding of the step is shown (one per matter).\n"
	"\n"
	"  --step ID      the step, e.g. area.duty (see 'casecheck steps')\n"
	"  --re MATTER    only the finding for this matter ('case' for a per-case step)\n"
	"  --as-of DATE   judge at DATE, YYYY-MM-DD (default: the fixture's as_of)\n"
	"  --policy P     use policy P instead of the fixture's \"policy\"\n"
	"  --param K=V    override policy parameter K (repeatable)\n"
	"  -h, --help     show this help\n";

struct explain_opts {
	const char *fixture, *step, *re, *as_of, *policy;
	struct cli_params params;
};

static void explain_field(const char *label, const char *value)
{
	printf("%-10s %s\n", label, value && value[0] ? value : "-");
}

/* Print DETAIL indented by two spaces, without trailing spaces. */
static void explain_detail(const char *detail)
{
	const char *line = detail, *end;
	size_t len;

	puts("detail");
	while (*line) {
		end = strchr(line, '\n');
		len = end ? (size_t)(end - line) : strlen(line);
		while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (len > 0)
			printf("  %.*s\n", (int)len, line);
		else
			putchar('\n');
		if (!end)
			break;
		line = end + 1;
	}
}

/*
** What a duty kind and a time-limit basis mean, for a reader of one finding.
** The names are checked when a policy loads (scripts/dsl.lua); a name this
** table lacks is printed as it is.
*/
static const char *const explain_words[][2] = {
	{ "statutory", "a provision says it must be done" },
	{ "power", "a provision says it may be done; the finding is about how the power was used" },
	{ "guidance", "a code or guidance the authority must have regard to, not a rule of law" },
	{ "practice", "what good practice and published findings expect; no rule requires it" },
};
static const char *const explain_basis_words[][2] = {
	{ "statutory", "an Act or regulation fixes the time limit; it cannot be overridden" },
	{ "guidance", "the time limit comes from guidance, not from law" },
	{ "benchmark", "the law sets no time limit (or says \"as soon as reasonably practicable\"); "
		       "the number is casecheck's benchmark, a policy parameter (--param)" },
};

static const char *explain_lookup(const char *const (*table)[2], size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(table[i][0], name) == 0)
			return table[i][1];
	return NULL;
}

/* "statutory: a provision says it must be done", or "-". */
static void explain_kind(const char *label, const char *name, const char *const (*table)[2],
			 size_t n)
{
	const char *why = name ? explain_lookup(table, n, name) : NULL;

	if (!name)
		explain_field(label, NULL);
	else if (why)
		printf("%-10s %s: %s\n", label, name, why);
	else
		explain_field(label, name);
}

static void explain_finding(const struct casecheck_finding *f)
{
	char buf[64];
	size_t i;

	explain_field("step", f->step);
	explain_field("title", f->title);
	explain_field("matter", f->re ? f->re : "case");
	explain_field("status", casecheck_status_name(f->status));
	explain_field("regime", f->regime);
	explain_field("citation", f->cite);
	explain_kind("duty", f->duty, explain_words, sizeof(explain_words) / sizeof(explain_words[0]));
	if (f->deadline_basis) {
		explain_kind("limit", f->deadline_basis, explain_basis_words,
			     sizeof(explain_basis_words) / sizeof(explain_basis_words[0]));
		explain_field("source", f->deadline_source);
	} else {
		explain_field("limit", f->status == CASECHECK_NOT_APPLICABLE ?
			      "none: the duty did not arise" : "none: the step sets no time limit");
	}
	explain_field("trigger", f->trigger);
	printf("%-10s ", "evidence");
	if (f->n_evidence == 0)
		putchar('-');
	for (i = 0; i < f->n_evidence; i++)
		printf("%s%s", i ? ", " : "", f->evidence[i]);
	putchar('\n');
	explain_field("due", f->due);
	explain_field("done", f->done);
	if (f->has_days_late)
		snprintf(buf, sizeof(buf), "%ld", f->days_late);
	else
		buf[0] = '\0';
	explain_field("days late", buf);
	explain_field("message", f->message);
	if (f->detail && f->detail[0])
		explain_detail(f->detail);
}

static int explain_parse(int argc, char **argv, struct explain_opts *o)
{
	struct cli_parser p;
	const char *v;
	int id, rc;

	cli_parser_init(&p, "explain", argc, argv);
	while ((id = cli_parser_next(&p, explain_options, &v)) != CLI_OPT_END) {
		switch (id) {
		case CLI_OPT_ERROR:
			return CLI_EXIT_INPUT;
		case CLI_OPT_ARG:
			if (o->fixture)
				return cli_usage_error("explain", "one fixture at a time");
			o->fixture = v;
			break;
		case EXPLAIN_HELP:
			fputs(explain_usage, stdout);
			return -1;
		case EXPLAIN_STEP:
			o->step = v;
			break;
		case EXPLAIN_RE:
			o->re = v;
			break;
		case EXPLAIN_AS_OF:
			if (!cli_is_date(v))
				return cli_usage_error("explain", "bad --as-of '%s': expected YYYY-MM-DD", v);
			o->as_of = v;
			break;
		case EXPLAIN_POLICY:
			o->policy = v;
			break;
		case EXPLAIN_PARAM:
			rc = cli_params_add(&o->params, "explain", v);
			if (rc)
				return rc;
			break;
		}
	}
	if (!o->fixture)
		return cli_usage_error("explain", "no fixture given");
	if (!o->step)
		return cli_usage_error("explain", "missing --step ID");
	return 0;
}

/* 0 when STEP is a step of POLICY; else prints a did-you-mean and returns 2. */
static int explain_known_step(const struct casecheck_policy *policy, const char *step)
{
	size_t i, n = casecheck_policy_step_count(policy);
	const char **ids = malloc((n ? n : 1) * sizeof(*ids));
	const char *hint;

	if (!ids) {
		cli_errorf("explain", "out of memory");
		return CLI_EXIT_POLICY;
	}
	for (i = 0; i < n; i++) {
		ids[i] = casecheck_policy_step(policy, i)->id;
		if (strcmp(ids[i], step) == 0) {
			free(ids);
			return 0;
		}
	}
	hint = cli_did_you_mean(step, ids, n);
	if (hint)
		cli_errorf("explain", "unknown step '%s' in policy %s; did you mean '%s'?", step,
			   casecheck_policy_id(policy), hint);
	else
		cli_errorf("explain", "unknown step '%s' in policy %s (see 'casecheck steps')",
			   step, casecheck_policy_id(policy));
	free(ids);
	return CLI_EXIT_INPUT;
}

static int explain_matches(const struct casecheck_finding *f, const struct explain_opts *o)
{
	if (strcmp(f->step, o->step) != 0)
		return 0;
	if (!o->re)
		return 1;
	if (!f->re)
		return strcmp(o->re, "case") == 0;
	return strcmp(f->re, o->re) == 0;
}

/* Print the matters STEP has findings for, after "no finding ...". */
static void explain_no_finding(const struct casecheck_result *result,
			       const struct explain_opts *o)
{
	size_t i, n = casecheck_result_count(result), shown = 0;

	fflush(stdout);
	fprintf(stderr, "casecheck explain: no finding of step '%s' for matter '%s'", o->step,
		o->re);
	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if (strcmp(f->step, o->step) != 0)
			continue;
		fprintf(stderr, "%s%s", shown++ ? ", " : "; it has findings for ",
			f->re ? f->re : "case");
	}
	fputc('\n', stderr);
}

int cmd_explain(int argc, char **argv)
{
	struct explain_opts o;
	struct casecheck_engine *engine = NULL;
	struct casecheck_error err;
	struct cli_policies ps;
	struct cli_policy_entry *forced = NULL, *pe = NULL;
	struct casecheck_case *kase = NULL;
	struct casecheck_result *result = NULL;
	size_t i, n, shown = 0;
	int rc;

	memset(&o, 0, sizeof(o));
	cli_policies_init(&ps, NULL, &o.params);
	rc = explain_parse(argc, argv, &o);
	if (rc != 0) {
		rc = rc < 0 ? 0 : rc;
		goto out;
	}
	engine = cli_engine_new(NULL);
	if (!engine) {
		rc = CLI_EXIT_POLICY;
		goto out;
	}
	casecheck_engine_set_detail(engine, 1);	/* explain shows the arithmetic */
	cli_policies_init(&ps, engine, &o.params);
	if (o.policy) {
		forced = cli_policies_get(&ps, o.policy, 0, &err);
		if (!forced) {
			cli_errorf("explain", "%s", err.text);
			rc = cli_exit_for(&err);
			goto out;
		}
		if (!forced->policy) {
			rc = cli_policy_entry_report(forced);
			goto out;
		}
	}
	rc = cli_load_fixture(&ps, forced, o.fixture, NULL, &kase, &pe);
	if (rc != 0)
		goto out;
	if (!pe) {
		cli_errorf(NULL, "%s: names no policy: give --policy or set \"policy\" in the fixture",
			   o.fixture);
		rc = CLI_EXIT_INPUT;
		goto out;
	}
	rc = explain_known_step(pe->policy, o.step);
	if (rc != 0)
		goto out;
	result = casecheck_evaluate(engine, pe->policy, kase, o.as_of, &err);
	if (!result) {
		cli_print_error(stderr, &err);
		rc = cli_exit_for(&err);
		goto out;
	}
	printf("%s (%s, as of %s, policy %s)\n", casecheck_case_id(kase), o.fixture,
	       casecheck_result_as_of(result), casecheck_policy_id(pe->policy));
	n = casecheck_result_count(result);
	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if (!explain_matches(f, &o))
			continue;
		putchar('\n');
		explain_finding(f);
		shown++;
	}
	if (shown == 0 && o.re) {
		explain_no_finding(result, &o);
		rc = CLI_EXIT_INPUT;
	} else if (shown == 0) {
		printf("\nno finding of step %s\n", o.step);
	}
out:
	if (result)
		casecheck_result_free(result);
	if (kase)
		casecheck_case_free(kase);
	cli_policies_free(&ps);
	if (engine)
		casecheck_engine_free(engine);
	cli_params_free(&o.params);
	return rc;
}
