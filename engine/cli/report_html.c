/*
** report_html.c: the HTML report's page: the run's summary (cases with
** failures first), a legend, the provenance (engine, policies with their
** sha256 and parameters), the filters, then a section per case with its
** timeline (html_timeline.c) and its findings, failures first. Anchors are
** made from the case id, step id and matter id only, so a link into one
** run's report points at the same finding in the next one.
*/
#include <stdlib.h>
#include <string.h>
#include "html_assets.h"
#include "html_timeline.h"
#include "html_util.h"
#include "report_html.h"

struct html_case {
	char *anchor;			/* "case-ID" */
	char *body;			/* the section, rendered */
	size_t len;
	char *id, *title, *as_of;
	size_t counts[CASECHECK_STATUS_COUNT];
};

static const char *const status_words[CASECHECK_STATUS_COUNT] = {
	"pass", "late", "fail", "pending", "not applicable", "unknown", "error"
};

static const char *const status_meaning[CASECHECK_STATUS_COUNT] = {
	"done, in time",
	"done, after the deadline",
	"not done and overdue, or something forbidden was done",
	"not done yet; the deadline is after the as-of date",
	"not required: no trigger, or the law in force did not require it",
	"the record cannot settle it (a gap, or a date that is not exact)",
	"the policy itself failed on this step"
};

void report_html_init(struct report_html *rh, FILE *fp)
{
	memset(rh, 0, sizeof(*rh));
	rh->fp = fp;
}

static char *dup_or_null(const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = malloc(strlen(s) + 1);
	if (d)
		strcpy(d, s);
	return d;
}

/* "case-ID", made unique in the run with "-2", "-3" ... in the order given. */
static char *case_anchor(const struct report_html *rh, const char *id)
{
	char part[200], buf[224];
	size_t i, k = 1;
	int clash;

	html_anchor_part(part, sizeof(part), id ? id : "case");
	do {
		if (k == 1)
			snprintf(buf, sizeof(buf), "case-%s", part);
		else
			snprintf(buf, sizeof(buf), "case-%s-%lu", part, (unsigned long)k);
		clash = 0;
		for (i = 0; i < rh->n_cases; i++)
			if (rh->cases[i].anchor && strcmp(rh->cases[i].anchor, buf) == 0)
				clash = 1;
		k++;
	} while (clash);
	return dup_or_null(buf);
}

static void counts_badges(FILE *fp, const size_t *counts)
{
	int r;

	fputs("<span class=\"counts\">", fp);
	for (r = 0; r < CASECHECK_STATUS_COUNT; r++) {
		enum casecheck_status st = html_status_at(r);

		if (counts[st])
			fprintf(fp, "<span class=\"badge b-%s\">%lu %s</span>", casecheck_status_name(st),
				(unsigned long)counts[st], status_words[st]);
	}
	fputs("</span>", fp);
}

/* The citation, each "; "-separated part linked when the policy says where it is. */
static void cite_html(FILE *fp, const struct casecheck_policy *policy, const char *cite)
{
	const char *p = cite;

	while (p && *p) {
		const char *end = strstr(p, "; ");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		size_t matched;
		const char *url = policy ? casecheck_policy_link(policy, p, &matched) : NULL;
		char *part = malloc(len + 1);

		if (!part)
			return;
		memcpy(part, p, len);
		part[len] = '\0';
		if (url && matched <= len) {
			fputs("<a href=\"", fp);
			html_esc(fp, url);
			fputs("\">", fp);
			html_esc(fp, part);
			fputs("</a>", fp);
		} else {
			html_esc(fp, part);
		}
		free(part);
		if (!end)
			break;
		fputs("; ", fp);
		p = end + 2;
	}
}

/* A date, or a "LO/HI" interval that may break after its slash. */
static void date_html(FILE *fp, const char *s)
{
	const char *slash = strchr(s, '/');

	fputs("<span class=\"date\">", fp);
	if (slash) {
		fwrite(s, 1, (size_t)(slash - s) + 1, fp);
		fputs("</span><wbr/><span class=\"date\">", fp);
		s = slash + 1;
	}
	html_esc(fp, s);
	fputs("</span>", fp);
}

static void finding_row(FILE *fp, const char *anchor, const struct casecheck_policy *policy,
			const struct casecheck_finding *f)
{
	const char *st = casecheck_status_name(f->status);
	const char *duty = f->duty, *basis = f->deadline_basis;
	const char *source = f->deadline_source;
	char step[128], re[128];

	html_anchor_part(step, sizeof(step), f->step);
	html_anchor_part(re, sizeof(re), f->re ? f->re : "case");
	fputs("<tr class=\"f\" id=\"", fp);
	html_esc(fp, anchor);
	fprintf(fp, "/%s/%s\" data-status=\"%s\" data-step=\"", step, re, st);
	html_esc(fp, f->step);
	fputs("\" data-matter=\"", fp);
	html_esc(fp, f->re ? f->re : "case");
	fprintf(fp, "\">\n<td class=\"st\"><span class=\"badge b-%s\">%s</span></td>"
		"<td class=\"step\"><a href=\"#", st, status_words[f->status]);
	html_esc(fp, anchor);
	fprintf(fp, "/%s/%s\"><code>", step, re);
	html_step_id(fp, f->step);
	fputs("</code></a>", fp);
	if (duty || basis) {
		fputs("<div class=\"kinds\">", fp);
		if (duty) {
			fputs("<span class=\"kind\">", fp);
			html_esc(fp, duty);
			fputs(" duty</span>", fp);
		}
		if (basis) {
			fputs("<span class=\"kind\"", fp);
			if (source) {
				fputs(" title=\"", fp);
				html_esc(fp, source);
				fputc('"', fp);
			}
			fputs(">deadline: ", fp);
			html_esc(fp, basis);
			fputs("</span>", fp);
		}
		fputs("</div>", fp);
	}
	fputs("</td><td data-label=\"matter\">", fp);
	html_esc(fp, f->re ? f->re : "case");
	fputs("</td><td class=\"when\">", fp);
	if (f->due) {
		fputs("due ", fp);
		date_html(fp, f->due);
	}
	if (f->done) {
		fputs(f->due ? "<br/>" : "", fp);
		fputs("done ", fp);
		date_html(fp, f->done);
	}
	if (f->has_days_late && f->days_late > 0)
		fprintf(fp, "<br/><span class=\"s-late\">%ld day%s late</span>", f->days_late,
			f->days_late == 1 ? "" : "s");
	fputs("</td><td class=\"msg\">", fp);
	html_esc(fp, f->message);
	if (source && basis) {
		fputs("<div class=\"cite\">time limit: ", fp);
		html_esc(fp, source);
		fputs("</div>", fp);
	}
	if (f->cite) {
		fputs("<div class=\"cite\">", fp);
		if (f->regime) {
			html_esc(fp, f->regime);
			fputs(" regime: ", fp);
		}
		cite_html(fp, policy, f->cite);
		fputs("</div>", fp);
	}
	fputs("</td></tr>\n", fp);
}

/* The case's section, into FP. */
/* The case's id linked to its section, then its title: "<a href="#case-x">x</a>: Title". */
static void case_link(FILE *fp, const struct html_case *c)
{
	fputs("<a href=\"#", fp);
	html_esc(fp, c->anchor);
	fputs("\">", fp);
	html_esc(fp, c->id);
	fputs("</a>", fp);
	if (c->title) {
		fputs(": ", fp);
		html_esc(fp, c->title);
	}
}

static void case_section(FILE *fp, const struct html_case *c, const struct casecheck_case *kase,
			 const char *file, const struct casecheck_policy *policy,
			 const struct casecheck_result *result)
{
	size_t i, n = casecheck_result_count(result);
	const char *sha = casecheck_case_sha256(kase);
	int r;

	fputs("<section class=\"case\" id=\"", fp);
	html_esc(fp, c->anchor);
	fputs("\">\n<h2>", fp);
	case_link(fp, c);
	fputs("</h2>\n<p>", fp);
	counts_badges(fp, c->counts);
	fputs("</p>\n<dl class=\"meta\"><dt>fixture</dt><dd>", fp);
	html_esc(fp, file);
	fputs("</dd>", fp);
	if (sha) {
		fputs("<dt>sha256</dt><dd><code>", fp);
		html_esc(fp, sha);
		fputs("</code></dd>", fp);
	}
	fputs("<dt>policy</dt><dd>", fp);
	html_esc(fp, policy ? casecheck_policy_id(policy) : "?");
	fputs("</dd><dt>as of</dt><dd>", fp);
	html_esc(fp, c->as_of);
	fputs("</dd></dl>\n", fp);
	html_timeline(fp, kase, result, c->anchor);
	fputs("<table class=\"findings\">\n<caption>Findings, failures first</caption>\n"
	      "<colgroup><col class=\"c-st\"/><col class=\"c-step\"/><col class=\"c-re\"/>"
	      "<col class=\"c-when\"/><col/></colgroup>\n"
	      "<thead><tr><th scope=\"col\">status</th><th scope=\"col\">step</th>"
	      "<th scope=\"col\">matter</th><th scope=\"col\">dates</th>"
	      "<th scope=\"col\">what happened, and the law</th></tr></thead>\n<tbody>\n", fp);
	for (r = 0; r < CASECHECK_STATUS_COUNT; r++)
		for (i = 0; i < n; i++) {
			const struct casecheck_finding *f = casecheck_result_finding(result, i);

			if (html_status_rank(f->status) == r)
				finding_row(fp, c->anchor, policy, f);
		}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void note_policy(struct report_html *rh, const struct casecheck_policy *policy)
{
	size_t i;

	if (!policy)
		return;
	for (i = 0; i < rh->n_policies; i++)
		if (rh->policies[i] == policy)
			return;
	if (rh->n_policies < REPORT_HTML_MAX_POLICIES)
		rh->policies[rh->n_policies++] = policy;
}

/* A new, zeroed slot for a case, or NULL (out of memory, noted). */
static struct html_case *new_case(struct report_html *rh)
{
	struct html_case *c;

	if (rh->n_cases == rh->cap) {
		size_t cap = rh->cap ? 2 * rh->cap : 16;
		struct html_case *v = realloc(rh->cases, cap * sizeof(*v));

		if (!v) {
			rh->oom = 1;
			return NULL;
		}
		rh->cases = v;
		rh->cap = cap;
	}
	c = &rh->cases[rh->n_cases];
	memset(c, 0, sizeof(*c));
	return c;
}

void report_html_case(struct report_html *rh, const struct casecheck_case *kase,
		      const char *file, const struct casecheck_policy *policy,
		      const struct casecheck_result *result)
{
	struct html_case *c = new_case(rh);
	FILE *mem;
	size_t i;

	if (!c)
		return;
	c->anchor = case_anchor(rh, casecheck_case_id(kase));
	c->id = dup_or_null(casecheck_case_id(kase));
	c->title = dup_or_null(casecheck_case_title(kase));
	c->as_of = dup_or_null(casecheck_result_as_of(result));
	for (i = 0; i < casecheck_result_count(result); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if ((int)f->status >= 0 && f->status < CASECHECK_STATUS_COUNT) {
			c->counts[f->status]++;
			rh->counts[f->status]++;
		}
		rh->findings++;
	}
	mem = c->anchor && c->id ? open_memstream(&c->body, &c->len) : NULL;
	if (!mem) {
		rh->oom = 1;
		free(c->anchor);
		free(c->id);
		free(c->title);
		free(c->as_of);
		return;
	}
	case_section(mem, c, kase, file, policy, result);
	if (fclose(mem) != 0)
		rh->oom = 1;
	note_policy(rh, policy);
	rh->n_cases++;
}

/*
** A fixture that could not be evaluated: a section with its error, counted
** as an error so that it leads the report with the failures.
*/
void report_html_bad(struct report_html *rh, const char *file, const struct casecheck_error *err)
{
	struct html_case *c = new_case(rh);
	char msg[2048];
	FILE *mem;

	if (!c)
		return;
	casecheck_error_format(err, msg, sizeof(msg));
	c->anchor = case_anchor(rh, file);
	c->id = dup_or_null(file);
	c->title = dup_or_null("not evaluated");
	c->counts[CASECHECK_ERROR] = 1;
	mem = c->anchor && c->id ? open_memstream(&c->body, &c->len) : NULL;
	if (!mem) {
		rh->oom = 1;
		free(c->anchor);
		free(c->id);
		free(c->title);
		return;
	}
	fprintf(mem, "<section class=\"case error\" id=\"%s\">\n<h2>", c->anchor);
	html_esc(mem, file);
	fputs(": not evaluated</h2>\n<p class=\"msg\">", mem);
	html_esc(mem, msg);
	fputs("</p>\n</section>\n", mem);
	if (fclose(mem) != 0)
		rh->oom = 1;
	rh->n_cases++;
}

/*
** Cases with failures lead, most failures first; then those late or unknown;
** then the rest. Ties keep the order given.
*/
static int case_before(const struct html_case *a, size_t ia, const struct html_case *b, size_t ib)
{
	size_t fa = a->counts[CASECHECK_ERROR] + a->counts[CASECHECK_FAIL];
	size_t fb = b->counts[CASECHECK_ERROR] + b->counts[CASECHECK_FAIL];
	size_t la = a->counts[CASECHECK_LATE] + a->counts[CASECHECK_UNKNOWN];
	size_t lb = b->counts[CASECHECK_LATE] + b->counts[CASECHECK_UNKNOWN];

	if (fa != fb)
		return fa > fb;
	if ((la > 0) != (lb > 0))
		return la > 0;
	return ia < ib;
}

/* The cases' indexes in report order, into ORDER (insertion sort: runs are small). */
static void case_order(const struct report_html *rh, size_t *order)
{
	size_t i, j;

	for (i = 0; i < rh->n_cases; i++) {
		size_t k = i;

		for (j = i; j > 0 && case_before(&rh->cases[k], k, &rh->cases[order[j - 1]], order[j - 1]); j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
}

static void page_head(FILE *fp)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	      "<title>casecheck report</title>\n<style>\n", fp);
	fputs(html_css, fp);
	fputs("</style>\n</head>\n<body>\n<header>\n<h1>casecheck report</h1>\n"
	      "<p class=\"lede\">Every step of the policy for every allegation, with the law "
	      "behind each finding.</p>\n</header>\n<main>\n", fp);
}

static void summary(FILE *fp, const struct report_html *rh, const size_t *order)
{
	size_t i;

	fprintf(fp, "<section id=\"summary\">\n<h2>Summary</h2>\n<p>%lu case%s, %lu finding%s ",
		(unsigned long)rh->n_cases, rh->n_cases == 1 ? "" : "s",
		(unsigned long)rh->findings, rh->findings == 1 ? "" : "s");
	counts_badges(fp, rh->counts);
	fputs("</p>\n", fp);
	if (rh->n_cases == 0 || !order) {
		fputs("<p>No case was evaluated.</p>\n</section>\n", fp);
		return;
	}
	fputs("<ol class=\"sum\">\n", fp);
	for (i = 0; i < rh->n_cases; i++) {
		const struct html_case *c = &rh->cases[order[i]];

		fputs("<li>", fp);
		case_link(fp, c);
		fputs(" <span class=\"sub\">as of ", fp);
		html_esc(fp, c->as_of);
		fputs("</span><br/>", fp);
		counts_badges(fp, c->counts);
		fputs("</li>\n", fp);
	}
	fputs("</ol>\n</section>\n", fp);
}

static void legend(FILE *fp)
{
	int r;

	fputs("<section id=\"legend\">\n<h2>Legend</h2>\n<dl class=\"legend\">\n", fp);
	for (r = 0; r < CASECHECK_STATUS_COUNT; r++) {
		enum casecheck_status st = html_status_at(r);

		fprintf(fp, "<dt><span class=\"badge b-%s\">%s</span></dt><dd>%s</dd>\n",
			casecheck_status_name(st), status_words[st], status_meaning[st]);
	}
	fputs("<dt><span class=\"swatch track\"><span class=\"ev\" style=\"left:50%\"></span></span></dt>"
	      "<dd>an event on the timeline, on the date recorded</dd>\n"
	      "<dt><span class=\"swatch track\"><span class=\"ev range\" style=\"left:10%;width:80%\">"
	      "</span></span></dt><dd>an event whose date is known only within a range</dd>\n"
	      "<dt><span class=\"swatch track\"><span class=\"dl b-fail\" style=\"left:30%;width:40%\">"
	      "</span></span></dt><dd>a deadline, in the colour of its finding's status "
	      "(a link to the finding)</dd>\n"
	      "<dt><span class=\"swatch track\"><span class=\"asof\" style=\"left:50%\"></span></span></dt>"
	      "<dd>the as-of date: the report judges the record as it stood then</dd>\n"
	      "<dt>&#8594; due &#8230;</dt><dd>a deadline too far from the events to draw to scale, "
	      "named under its lane</dd>\n"
	      "<dt><span class=\"kind\">statutory duty</span></dt><dd>the kind of duty a step "
	      "enforces, and the basis of its time limit, where the policy declares them</dd>\n"
	      "</dl>\n</section>\n", fp);
}

static void provenance(FILE *fp, const struct report_html *rh)
{
	size_t i, k;

	fprintf(fp, "<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"meta\">"
		"<dt>engine</dt><dd>casecheck %s</dd></dl>\n", casecheck_version());
	for (i = 0; i < rh->n_policies; i++) {
		const struct casecheck_policy *p = rh->policies[i];
		size_t n = casecheck_policy_param_count(p);

		fputs("<h3>policy <code>", fp);
		html_esc(fp, casecheck_policy_id(p));
		fputs("</code></h3>\n<dl class=\"meta\"><dt>title</dt><dd>", fp);
		html_esc(fp, casecheck_policy_title(p));
		fputs("</dd><dt>sha256</dt><dd><code>", fp);
		html_esc(fp, casecheck_policy_sha256(p));
		fputs("</code></dd><dt>parameters</dt><dd>", fp);
		if (n == 0)
			fputs("none", fp);
		for (k = 0; k < n; k++) {
			const struct casecheck_param *pa = casecheck_policy_param(p, k);

			fputs(k ? ", " : "", fp);
			fputs("<code>", fp);
			html_esc(fp, pa->name);
			fprintf(fp, "=%ld</code>", pa->value);
			if (pa->value != pa->default_value)
				fprintf(fp, " <strong>(default %ld)</strong>", pa->default_value);
		}
		fputs("</dd></dl>\n", fp);
	}
	fputs("<p class=\"sub\">Each case names its fixture, the fixture's sha256 and the "
	      "as-of date under its heading.</p>\n</section>\n", fp);
}

static void filters(FILE *fp)
{
	int r;

	fputs("<form id=\"filters\" class=\"filters\" hidden=\"hidden\" aria-label=\"filter the findings\">\n"
	      "<fieldset><legend>status</legend>", fp);
	for (r = 0; r < CASECHECK_STATUS_COUNT; r++) {
		enum casecheck_status st = html_status_at(r);

		fprintf(fp, "<label><input type=\"checkbox\" name=\"status\" value=\"%s\" "
			"checked=\"checked\"/> %s</label>", casecheck_status_name(st), status_words[st]);
	}
	fputs("</fieldset>\n<label>step <input type=\"search\" name=\"step\"/></label>\n"
	      "<label>matter <select name=\"matter\"><option value=\"\">every matter</option>"
	      "</select></label>\n<output id=\"shown\"></output>\n</form>\n", fp);
}

int report_html_finish(struct report_html *rh)
{
	FILE *fp = rh->fp;
	size_t i, *order = malloc((rh->n_cases ? rh->n_cases : 1) * sizeof(*order));

	if (!order)
		rh->oom = 1;
	else
		case_order(rh, order);
	page_head(fp);
	summary(fp, rh, order);
	legend(fp);
	provenance(fp, rh);
	filters(fp);
	for (i = 0; order && i < rh->n_cases; i++)
		fwrite(rh->cases[order[i]].body, 1, rh->cases[order[i]].len, fp);
	fputs("</main>\n<script>\n", fp);
	fputs(html_js, fp);
	fputs("</script>\n</body>\n</html>\n", fp);
	for (i = 0; i < rh->n_cases; i++) {
		free(rh->cases[i].anchor);
		free(rh->cases[i].body);
		free(rh->cases[i].id);
		free(rh->cases[i].title);
		free(rh->cases[i].as_of);
	}
	free(order);
	free(rh->cases);
	rh->cases = NULL;
	rh->n_cases = 0;
	return rh->oom || ferror(fp) ? -1 : 0;
}
