/*
** report_text.c: the terminal report of 'casecheck run'. One header line per
** case, findings grouped by matter (case-level ones last), one summary line
** per case and a total. Colour only when the caller says so; no trailing spaces.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_escape.h"
#include "report_text.h"

#define REPORT_GREEN "\033[32m"
#define REPORT_RED "\033[31m"
#define REPORT_BOLD_RED "\033[1;31m"
#define REPORT_YELLOW "\033[33m"
#define REPORT_DIM "\033[2m"
#define REPORT_STATUS_WIDTH 7

void report_text_init(struct report_text *rt, FILE *fp, int color)
{
	memset(rt, 0, sizeof(*rt));
	rt->fp = fp;
	rt->color = color;
}

const char *report_status_word(enum casecheck_status status)
{
	static const char *const words[CASECHECK_STATUS_COUNT] = {
		"PASS", "LATE", "FAIL", "PENDING", "N/A", "UNKNOWN", "ERROR"
	};

	if ((int)status < 0 || status >= CASECHECK_STATUS_COUNT)
		return "?";
	return words[status];
}

const char *report_status_color(enum casecheck_status status)
{
	switch (status) {
	case CASECHECK_PASS:
		return REPORT_GREEN;
	case CASECHECK_FAIL:
		return REPORT_RED;
	case CASECHECK_ERROR:
		return REPORT_BOLD_RED;
	case CASECHECK_LATE:
	case CASECHECK_UNKNOWN:
		return REPORT_YELLOW;
	case CASECHECK_NOT_APPLICABLE:
		return REPORT_DIM;
	default:
		return "";
	}
}

void report_counts_format(const size_t *counts, char *buf, size_t size)
{
	static const char *const names[CASECHECK_STATUS_COUNT] = {
		"pass", "late", "fail", "pending", "n/a", "unknown", "error"
	};
	size_t i, used = 0;
	int n;

	buf[0] = '\0';
	for (i = 0; i < CASECHECK_STATUS_COUNT; i++) {
		if (counts[i] == 0)
			continue;
		n = snprintf(buf + used, size - used, "%s%lu %s", used ? ", " : "",
			     (unsigned long)counts[i], names[i]);
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
	}
}

static int report_same_re(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
** The lines under a finding's sentence: what kind of duty it was and where its
** time limit comes from, then the dates, then the law:
**   [duty: statutory; time limit: benchmark] due D, done D (N days late)
**   Police Reform Act 2002 Sch 3 para 11; PCMR 2012 reg 7
** The label keeps a benchmark from reading as the law's deadline.
*/
static void report_finding_detail(FILE *fp, const struct casecheck_finding *f, int indent)
{
	char buf[320];
	size_t used = 0;

	buf[0] = '\0';
	if (f->duty)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "[duty: %s%s%s]", f->duty,
					 f->deadline_basis ? "; time limit: " : "",
					 f->deadline_basis ? f->deadline_basis : "");
	if (f->due && used < sizeof(buf))
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%sdue %s", used ? " " : "",
					 f->due);
	if (f->done && used < sizeof(buf))
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%sdone %s",
					 f->due ? ", " : used ? " " : "", f->done);
	if (f->has_days_late && f->days_late > 0 && used < sizeof(buf))
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s(%ld day%s late)",
					 used ? " " : "", f->days_late,
					 f->days_late == 1 ? "" : "s");
	if (used > 0)
		fprintf(fp, "%*s%s\n", indent, "", buf);
	if (f->cite)
		fprintf(fp, "%*s%s\n", indent, "", f->cite);
}

static void report_finding(struct report_text *rt, const struct casecheck_finding *f,
			   int step_width)
{
	const char *word = report_status_word(f->status);
	const char *color = rt->color ? report_status_color(f->status) : "";
	int has_msg = f->message && f->message[0];

	fprintf(rt->fp, "    %s%s%s%*s  ", color, word, color[0] ? REPORT_RESET : "",
		REPORT_STATUS_WIDTH - (int)strlen(word), "");
	if (has_msg) {
		fprintf(rt->fp, "%-*s  ", step_width, f->step ? f->step : "?");
		cli_text_escape(rt->fp, f->message, NULL);
		fputc('\n', rt->fp);
	} else
		fprintf(rt->fp, "%s\n", f->step ? f->step : "?");
	report_finding_detail(rt->fp, f, 4 + REPORT_STATUS_WIDTH + 2);
}

/* "  params: record_days=15 (default 10)" for every parameter not at its default. */
static void report_params(struct report_text *rt, const struct casecheck_policy *policy)
{
	size_t i, n = policy ? casecheck_policy_param_count(policy) : 0;
	int shown = 0;

	for (i = 0; i < n; i++) {
		const struct casecheck_param *p = casecheck_policy_param(policy, i);

		if (p->value == p->default_value)
			continue;
		fprintf(rt->fp, "%s%s=%ld (default %ld)", shown ? ", " : "  params: ", p->name,
			p->value, p->default_value);
		shown = 1;
	}
	if (shown)
		fputc('\n', rt->fp);
}
int report_text_case(struct report_text *rt, const struct casecheck_case *kase,
		     const char *file, const char *title,
		     const struct casecheck_policy *policy,
		     const struct casecheck_result *result)
{
	size_t n = casecheck_result_count(result), i, j, n_re = 0;
	const char **res = NULL;
	const struct casecheck_finding *f;
	size_t counts[CASECHECK_STATUS_COUNT];
	const char *id = casecheck_case_id(kase);
	const char *as_of = casecheck_result_as_of(result);
	const char *pid = casecheck_policy_id(policy);
	char buf[256];
	int width = 0, seen_case = 0;

	memset(counts, 0, sizeof(counts));
	res = malloc((n ? n : 1) * sizeof(*res));
	if (!res)
		return -1;
	for (i = 0; i < n; i++) {
		f = casecheck_result_finding(result, i);
		if (f->step && (int)strlen(f->step) > width)
			width = (int)strlen(f->step);
		if ((int)f->status >= 0 && f->status < CASECHECK_STATUS_COUNT)
			counts[f->status]++;
		if (!f->re) {
			seen_case = 1;
			continue;
		}
		for (j = 0; j < n_re; j++)
			if (strcmp(res[j], f->re) == 0)
				break;
		if (j == n_re)
			res[n_re++] = f->re;
	}

	if (rt->cases + rt->bad > 0)
		fputc('\n', rt->fp);
	/* what comes from the fixture or its name is escaped: it may hold control sequences */
	fputs(rt->color ? REPORT_BOLD : "", rt->fp);
	cli_text_escape(rt->fp, id ? id : "?", NULL);
	fputs(rt->color ? REPORT_RESET : "", rt->fp);
	if (title && title[0]) {
		fputs(" - ", rt->fp);
		cli_text_escape(rt->fp, title, NULL);
	}
	fputs(" (", rt->fp);
	cli_text_escape(rt->fp, file, NULL);
	fprintf(rt->fp, ", as of %s, policy %s)\n", as_of ? as_of : "?", pid ? pid : "?");
	report_params(rt, policy);

	for (j = 0; j <= n_re; j++) {
		const char *re = j < n_re ? res[j] : NULL;

		if (j == n_re && !seen_case)
			break;
		if (re) {
			fputs("  matter ", rt->fp);
			cli_text_escape(rt->fp, re, NULL);
			if (casecheck_case_matter_date(kase, re))
				fprintf(rt->fp, " (alleged %s)", casecheck_case_matter_date(kase, re));
			fputc('\n', rt->fp);
		} else
			fputs("  case\n", rt->fp);
		for (i = 0; i < n; i++) {
			f = casecheck_result_finding(result, i);
			if (report_same_re(f->re, re))
				report_finding(rt, f, width);
		}
	}

	report_counts_format(counts, buf, sizeof(buf));
	fprintf(rt->fp, "  %lu finding%s%s%s\n", (unsigned long)n, n == 1 ? "" : "s",
		buf[0] ? ": " : "", buf);

	rt->cases++;
	rt->findings += n;
	for (i = 0; i < CASECHECK_STATUS_COUNT; i++)
		rt->counts[i] += counts[i];
	free(res);
	return 0;
}

void report_text_bad(struct report_text *rt, const char *file, const struct casecheck_error *err)
{
	char msg[2048];

	if (rt->cases + rt->bad > 0)
		fputc('\n', rt->fp);
	casecheck_error_format(err, msg, sizeof(msg));
	cli_text_escape(rt->fp, file, NULL);
	fputs(" - not evaluated\n  ", rt->fp);
	cli_text_escape(rt->fp, msg, NULL);
	fputc('\n', rt->fp);
	rt->bad++;
}

void report_text_finish(struct report_text *rt, size_t n_bad)
{
	char buf[256];

	report_counts_format(rt->counts, buf, sizeof(buf));
	if (rt->cases + rt->bad > 0)
		fputc('\n', rt->fp);
	fprintf(rt->fp, "total: %lu case%s, %lu finding%s%s%s", (unsigned long)rt->cases,
		rt->cases == 1 ? "" : "s", (unsigned long)rt->findings,
		rt->findings == 1 ? "" : "s", buf[0] ? ": " : "", buf);
	if (n_bad > 0)
		fprintf(rt->fp, "; %lu fixture%s not evaluated", (unsigned long)n_bad,
			n_bad == 1 ? "" : "s");
	fputc('\n', rt->fp);
}
