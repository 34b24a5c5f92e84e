/*
** cmd_steps.c: 'casecheck steps': the step catalogue of a policy (regimes,
** parameters, and per step its scope, regimes, citations and parameters) as
** text or as deterministic Markdown (docs/steps.md is generated from it).
*/
#include <stdio.h>
#include <string.h>
#include "cli_common.h"

/* The build names it (Makefile DEFAULT_POLICY): the engine knows no policy. */
#define STEPS_DEFAULT_POLICY CASECHECK_DEFAULT_POLICY

enum steps_opt { STEPS_HELP = 1, STEPS_FORMAT };

static const struct cli_option steps_options[] = {
	{ "help", 'h', CLI_NO_ARG, STEPS_HELP },
	{ "format", 0, CLI_REQUIRED_ARG, STEPS_FORMAT },
	{ NULL, 0, CLI_NO_ARG, 0 }
};

static const char steps_usage[] =
	"usage: casecheck steps [POLICY] [--format text|markdown]\n"
	"\n"
	"Print the step catalogue of POLICY (default " STEPS_DEFAULT_POLICY "):\n"
	"regimes, parameters with their defaults, and for every step its id,\n"
	"title, scope (per case or per matter), regimes and citation per regime.\n"
	"\n"
	"  --format F   text (default) or markdown\n"
	"  -h, --help   show this help\n";

/* Print S for a Markdown table cell: '|' escaped, newlines as spaces. */
static void steps_md_cell(FILE *fp, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", fp);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
}

/* The unit for humans: "working_days" -> "working days". */
static void steps_unit(FILE *fp, const char *unit)
{
	if (!unit)
		return;
	for (; *unit; unit++)
		fputc(*unit == '_' ? ' ' : *unit, fp);
}

/* The unit for humans, padded with spaces to WIDTH. */
static void steps_unit_padded(FILE *fp, const char *unit, int width)
{
	int len = unit ? (int)strlen(unit) : 0;

	steps_unit(fp, unit);
	fprintf(fp, "%*s", width > len ? width - len : 0, "");
}

static const struct casecheck_param *steps_find_param(const struct casecheck_policy *policy,
						     const char *name)
{
	size_t i, n = casecheck_policy_param_count(policy);

	for (i = 0; i < n; i++) {
		const struct casecheck_param *p = casecheck_policy_param(policy, i);

		if (p->name && strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

static void steps_list(FILE *fp, const char *const *v, size_t n, const char *sep,
		       int code)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(fp, "%s%s%s%s", i ? sep : "", code ? "`" : "", v[i], code ? "`" : "");
}

/* The duty kind of S under regime RID (or its "*" entry), or NULL. */
static const char *steps_duty(const struct casecheck_step *s, const char *rid)
{
	size_t i;
	const char *any = NULL;

	for (i = 0; i < s->n_duties; i++) {
		if (strcmp(s->duties[i].regime, rid) == 0)
			return s->duties[i].kind;
		if (strcmp(s->duties[i].regime, "*") == 0)
			any = s->duties[i].kind;
	}
	return any;
}

/*
** Print the time limits of S under regime RID: "basis: source", or named
** alternatives "name: basis: source; ...". SEP separates alternatives; CELL
** escapes for a Markdown table. Nothing when the step has no deadline.
*/
static void steps_limits(FILE *fp, const struct casecheck_step *s, const char *rid, int cell)
{
	size_t i;
	const char *use = NULL;
	int shown = 0;

	for (i = 0; i < s->n_limits; i++)
		if (strcmp(s->limits[i].regime, rid) == 0)
			use = rid;
	if (!use)
		use = "*";
	for (i = 0; i < s->n_limits; i++) {
		const struct casecheck_limit *l = &s->limits[i];

		if (strcmp(l->regime, use) != 0)
			continue;
		fputs(shown++ ? "; " : "", fp);
		if (l->name)
			fprintf(fp, "%s: ", l->name);
		fprintf(fp, "%s (", l->basis);
		if (cell)
			steps_md_cell(fp, l->source);
		else
			fputs(l->source, fp);
		fputc(')', fp);
	}
	if (!shown)
		fputs(cell ? "none" : "no time limit", fp);
}

static void steps_cite_label(FILE *fp, const struct casecheck_step *s, size_t j)
{
	fputs(strcmp(s->cite_regimes[j], "*") == 0 ? "all" : s->cite_regimes[j], fp);
	if (s->cite_tracks && s->cite_tracks[j])
		fprintf(fp, ", track %s", s->cite_tracks[j]);
}

static void steps_tracks(FILE *fp, const struct casecheck_policy *policy, int md)
{
	size_t i, n = casecheck_policy_track_count(policy);

	if (n == 0)
		return;
	fputs(md ? "\n## Tracks\n\nA citation may follow the matter's track; a matter on no track "
		   "takes the regime's general citation.\n\n| track | a matter is on it when |\n| --- | --- |\n"
		 : "\ntracks (citations may follow them)\n", fp);
	for (i = 0; i < n; i++) {
		const struct casecheck_track *t = casecheck_policy_track(policy, i);

		if (md) {
			fprintf(fp, "| `%s` | ", t->name);
			steps_md_cell(fp, t->doc);
			fputs(" |\n", fp);
		} else {
			fprintf(fp, "  %s  %s\n", t->name, t->doc ? t->doc : "");
		}
	}
}

static void steps_text(FILE *fp, const struct casecheck_policy *policy)
{
	size_t i, j, n;
	int w;
	const char *title = casecheck_policy_title(policy);

	fprintf(fp, "%s", casecheck_policy_id(policy));
	if (title && title[0])
		fprintf(fp, " - %s", title);
	fputc('\n', fp);

	n = casecheck_policy_regime_count(policy);
	w = 0;
	for (i = 0; i < n; i++)
		if ((int)strlen(casecheck_policy_regime(policy, i)->id) > w)
			w = (int)strlen(casecheck_policy_regime(policy, i)->id);
	if (n > 0)
		fputs("\nregimes\n", fp);
	for (i = 0; i < n; i++) {
		const struct casecheck_regime *r = casecheck_policy_regime(policy, i);

		fprintf(fp, "  %-*s  %s to ", w, r->id, r->from ? r->from : "?");
		if (r->title && r->title[0])
			fprintf(fp, "%-10s  %s\n", r->to ? r->to : "now", r->title);
		else
			fprintf(fp, "%s\n", r->to ? r->to : "now");
	}

	n = casecheck_policy_param_count(policy);
	w = 0;
	for (i = 0; i < n; i++)
		if ((int)strlen(casecheck_policy_param(policy, i)->name) > w)
			w = (int)strlen(casecheck_policy_param(policy, i)->name);
	if (n > 0)
		fputs("\nparameters\n", fp);
	for (i = 0; i < n; i++) {
		const struct casecheck_param *p = casecheck_policy_param(policy, i);

		fprintf(fp, "  %-*s %4ld ", w, p->name, p->default_value);
		if (p->doc && p->doc[0]) {
			steps_unit_padded(fp, p->unit, 13);
			fprintf(fp, "  %s", p->doc);
		} else {
			steps_unit(fp, p->unit);
		}
		fputc('\n', fp);
	}

	steps_tracks(fp, policy, 0);

	n = casecheck_policy_step_count(policy);
	fprintf(fp, "\n%lu step%s\n", (unsigned long)n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		const struct casecheck_step *s = casecheck_policy_step(policy, i);

		fprintf(fp, "\n%2lu. %s (%s)\n", (unsigned long)(i + 1), s->id,
			s->per_case ? "per case" : "per matter");
		if (s->title && s->title[0])
			fprintf(fp, "    %s\n", s->title);
		if (s->n_regimes > 0) {
			fputs("    regimes: ", fp);
			steps_list(fp, s->regimes, s->n_regimes, ", ", 0);
			fputc('\n', fp);
		}
		for (j = 0; j < s->n_regimes; j++) {
			const char *duty = steps_duty(s, s->regimes[j]);

			fprintf(fp, "    %s: %s duty; time limit ", s->regimes[j], duty ? duty : "?");
			steps_limits(fp, s, s->regimes[j], 0);
			fputc('\n', fp);
		}
		for (j = 0; j < s->n_cites; j++) {
			fputs("    cite ", fp);
			steps_cite_label(fp, s, j);
			fprintf(fp, ": %s\n", s->cites[j]);
		}
		if (s->n_params > 0) {
			fputs("    parameters: ", fp);
			steps_list(fp, s->params, s->n_params, ", ", 0);
			fputc('\n', fp);
		}
		if (s->source)
			fprintf(fp, "    declared at %s:%d\n", s->source, s->line);
	}
}

static void steps_markdown(FILE *fp, const struct casecheck_policy *policy)
{
	size_t i, j, n;
	const char *title = casecheck_policy_title(policy);

	fprintf(fp, "# Steps of the policy `%s`\n\n", casecheck_policy_id(policy));
	if (title && title[0])
		fprintf(fp, "%s\n\n", title);
	fputs("Generated by `casecheck steps --format markdown`; do not edit by hand.\n", fp);

	n = casecheck_policy_regime_count(policy);
	if (n > 0) {
		fputs("\n## Regimes\n\n| regime | from | to | title |\n| --- | --- | --- | --- |\n", fp);
		for (i = 0; i < n; i++) {
			const struct casecheck_regime *r = casecheck_policy_regime(policy, i);

			fputs("| ", fp);
			steps_md_cell(fp, r->id);
			fprintf(fp, " | %s | %s | ", r->from ? r->from : "", r->to ? r->to : "now");
			steps_md_cell(fp, r->title);
			fputs(" |\n", fp);
		}
	}

	n = casecheck_policy_param_count(policy);
	if (n > 0) {
		fputs("\n## Parameters\n\nOverride with `--param NAME=VALUE`.\n\n"
		      "| parameter | default | unit | meaning |\n| --- | --- | --- | --- |\n", fp);
		for (i = 0; i < n; i++) {
			const struct casecheck_param *p = casecheck_policy_param(policy, i);

			fprintf(fp, "| `%s` | %ld | ", p->name, p->default_value);
			steps_unit(fp, p->unit);
			fputs(" | ", fp);
			steps_md_cell(fp, p->doc);
			fputs(" |\n", fp);
		}
	}

	steps_tracks(fp, policy, 1);

	n = casecheck_policy_step_count(policy);
	fputs("\n## Steps\n\nEach step says, per regime, what kind of duty it is (statutory: a provision "
	      "says must; power: a provision says may; guidance; practice: no rule) and where its time "
	      "limit comes from (statutory; guidance; benchmark: the law sets no time limit and the "
	      "number is a parameter).\n", fp);
	for (i = 0; i < n; i++) {
		const struct casecheck_step *s = casecheck_policy_step(policy, i);

		fprintf(fp, "\n### %lu. `%s`", (unsigned long)(i + 1), s->id);
		if (s->title && s->title[0])
			fprintf(fp, ": %s", s->title);
		fprintf(fp, "\n\n- Scope: %s\n", s->per_case ? "one finding per case" :
			"one finding per matter");
		if (s->n_regimes > 0) {
			fputs("- Regimes: ", fp);
			steps_list(fp, s->regimes, s->n_regimes, ", ", 0);
			fputc('\n', fp);
		}
		if (s->n_params > 0) {
			fputs("- Parameters: ", fp);
			for (j = 0; j < s->n_params; j++) {
				const struct casecheck_param *p = steps_find_param(policy, s->params[j]);

				fprintf(fp, "%s`%s`", j ? ", " : "", s->params[j]);
				if (p) {
					fprintf(fp, " (%ld", p->default_value);
					if (p->unit) {
						fputc(' ', fp);
						steps_unit(fp, p->unit);
					}
					fputc(')', fp);
				}
			}
			fputc('\n', fp);
		}
		if (s->basis && s->basis[0])
			fprintf(fp, "\n%s\n", s->basis);
		if (s->n_regimes > 0) {
			fputs("\n| regime | duty | time limit |\n| --- | --- | --- |\n", fp);
			for (j = 0; j < s->n_regimes; j++) {
				const char *duty = steps_duty(s, s->regimes[j]);

				fprintf(fp, "| %s | %s | ", s->regimes[j], duty ? duty : "?");
				steps_limits(fp, s, s->regimes[j], 1);
				fputs(" |\n", fp);
			}
		}
		if (s->n_cites > 0) {
			fputs("\n| regime | citation |\n| --- | --- |\n", fp);
			for (j = 0; j < s->n_cites; j++) {
				fputs("| ", fp);
				steps_cite_label(fp, s, j);
				fputs(" | ", fp);
				steps_md_cell(fp, s->cites[j]);
				fputs(" |\n", fp);
			}
		}
	}
}

int cmd_steps(int argc, char **argv)
{
	struct cli_parser p;
	struct casecheck_engine *engine = NULL;
	struct casecheck_error err;
	struct cli_policies ps;
	struct cli_policy_entry *pe;
	const char *v, *name = NULL, *format = "text";
	int id, rc = 0;

	cli_policies_init(&ps, NULL, NULL);
	cli_parser_init(&p, "steps", argc, argv);
	while ((id = cli_parser_next(&p, steps_options, &v)) != CLI_OPT_END) {
		switch (id) {
		case CLI_OPT_ERROR:
			return CLI_EXIT_INPUT;
		case STEPS_HELP:
			fputs(steps_usage, stdout);
			return 0;
		case STEPS_FORMAT:
			if (strcmp(v, "text") != 0 && strcmp(v, "markdown") != 0)
				return cli_usage_error("steps", "unknown format '%s': expected text or markdown", v);
			format = v;
			break;
		case CLI_OPT_ARG:
			if (name)
				return cli_usage_error("steps", "one policy at a time");
			name = v;
			break;
		}
	}
	if (!name)
		name = STEPS_DEFAULT_POLICY;
	engine = cli_engine_new(NULL);
	if (!engine) {
		return CLI_EXIT_POLICY;
	}
	cli_policies_init(&ps, engine, NULL);
	pe = cli_policies_get(&ps, name, 0, &err);
	if (!pe) {
		cli_errorf("steps", "%s", err.text);
		rc = cli_exit_for(&err);
	} else if (!pe->policy) {
		rc = cli_policy_entry_report(pe);
	} else if (strcmp(format, "markdown") == 0) {
		steps_markdown(stdout, pe->policy);
	} else {
		steps_text(stdout, pe->policy);
	}
	cli_policies_free(&ps);
	casecheck_engine_free(engine);
	return rc;
}
