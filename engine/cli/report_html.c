/*
** report_html.c: the HTML report's page: the run's summary (cases with
** failures first), a legend, the provenance (engine, policies with their
** sha256 and parameters), the filters, then a section per case with its
** timeline (html_timeline.c) and its findings, failures first. Anchors are
** made from the case id, step id and matter id only, so a link into one
** run's report points at the same finding in the next one.
** Each case's section and its line of the summary are written to a
** temporary file as the case comes (tmpfile: removed however the run ends),
** and copied out in the report's order at the end: what is kept per case is
** its anchor, its counts and where its text is, so memory does not grow with
** the size of the cases.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "html_assets.h"
#include "html_timeline.h"
#include "html_util.h"
#include "report_html.h"

/* Where a piece of the page is in the temporary file. */
struct html_span {
	long off;
	size_t len;
};

struct html_case {
	char *anchor;			/* "case-ID": kept to make the next ones unique */
	struct html_span body;		/* the section */
	struct html_span sum;		/* its line in the summary */
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

static size_t anchor_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* 1 when RH has given out ANCHOR already. */
static int anchor_taken(const struct report_html *rh, const char *anchor)
{
	size_t i;

	if (!rh->anchors_cap)
		return 0;
	for (i = anchor_hash(anchor) & (rh->anchors_cap - 1); rh->anchors[i];
	     i = (i + 1) & (rh->anchors_cap - 1))
		if (strcmp(rh->anchors[i], anchor) == 0)
			return 1;
	return 0;
}

/* Note ANCHOR (kept by its case) as given out. 0, or -1 when out of memory. */
static int anchor_add(struct report_html *rh, char *anchor)
{
	size_t i, k;

	if (2 * (rh->n_anchors + 1) > rh->anchors_cap) {
		size_t cap = rh->anchors_cap ? 2 * rh->anchors_cap : 64;
		char **v = calloc(cap, sizeof(*v));

		if (!v)
			return -1;
		for (k = 0; k < rh->anchors_cap; k++) {
			if (!rh->anchors[k])
				continue;
			for (i = anchor_hash(rh->anchors[k]) & (cap - 1); v[i]; i = (i + 1) & (cap - 1))
				;
			v[i] = rh->anchors[k];
		}
		free(rh->anchors);
		rh->anchors = v;
		rh->anchors_cap = cap;
	}
	for (i = anchor_hash(anchor) & (rh->anchors_cap - 1); rh->anchors[i];
	     i = (i + 1) & (rh->anchors_cap - 1))
		;
	rh->anchors[i] = anchor;
	rh->n_anchors++;
	return 0;
}

/*
** "case-ID", made unique in the run with "-2", "-3" ... in the order given
** (looked up in a hash set: 3,000 cases of one id took a minute scanning).
*/
static char *case_anchor(struct report_html *rh, const char *id)
{
	char part[200], buf[224], *anchor;
	size_t k = 1;

	html_anchor_part(part, sizeof(part), id ? id : "case");
	do {
		if (k == 1)
			snprintf(buf, sizeof(buf), "case-%s", part);
		else
			snprintf(buf, sizeof(buf), "case-%s-%lu", part, (unsigned long)k);
		k++;
	} while (anchor_taken(rh, buf));
	anchor = dup_or_null(buf);
	if (anchor && anchor_add(rh, anchor) != 0) {
		free(anchor);
		anchor = NULL;
	}
	return anchor;
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

/* The case's id linked to its section, then its title: "<a href="#case-x">x</a>: Title". */
static void case_link(FILE *fp, const char *anchor, const char *id, const char *title)
{
	fputs("<a href=\"#", fp);
	html_esc(fp, anchor);
	fputs("\">", fp);
	html_esc(fp, id);
	fputs("</a>", fp);
	if (title) {
		fputs(": ", fp);
		html_esc(fp, title);
	}
}

/* The case's line in the summary, into FP. */
static void case_summary_line(FILE *fp, const struct html_case *c, const char *id,
			      const char *title, const char *as_of)
{
	fputs("<li>", fp);
	case_link(fp, c->anchor, id, title);
	fputs(" <span class=\"sub\">as of ", fp);
	html_esc(fp, as_of);
	fputs("</span><br/>", fp);
	counts_badges(fp, c->counts);
	fputs("</li>\n", fp);
}

/* The case's section, into FP. */
static void case_section(FILE *fp, const struct html_case *c, const struct casecheck_case *kase,
			 const char *file, const struct casecheck_policy *policy,
			 const struct casecheck_result *result)
{
	size_t i, n = casecheck_result_count(result);
	const char *sha = casecheck_case_sha256(kase);
	const char *as_of = casecheck_result_as_of(result);
	int r;

	fputs("<section class=\"case\" id=\"", fp);
	html_esc(fp, c->anchor);
	fputs("\">\n<h2>", fp);
	case_link(fp, c->anchor, casecheck_case_id(kase), casecheck_case_title(kase));
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
	html_esc(fp, as_of);
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

/* A new, zeroed slot for a case, or NULL (out of memory or no temporary file, noted). */
static struct html_case *new_case(struct report_html *rh)
{
	struct html_case *c;

	if (!rh->tmp && !rh->oom && !(rh->tmp = tmpfile()))
		rh->oom = 1;
	if (!rh->tmp)
		return NULL;
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

/* Start SPAN at the end of RH's temporary file. 0, or -1 (noted). */
static int span_begin(struct report_html *rh, struct html_span *span)
{
	span->off = ftell(rh->tmp);
	if (span->off < 0)
		rh->oom = 1;
	return span->off < 0 ? -1 : 0;
}

/* End SPAN where the temporary file ends now. */
static void span_end(struct report_html *rh, struct html_span *span)
{
	long end = ftell(rh->tmp);

	if (end < span->off || ferror(rh->tmp))
		rh->oom = 1;
	else
		span->len = (size_t)(end - span->off);
}

void report_html_case(struct report_html *rh, const struct casecheck_case *kase,
		      const char *file, const struct casecheck_policy *policy,
		      const struct casecheck_result *result)
{
	struct html_case *c = new_case(rh);
	size_t i;

	if (!c)
		return;
	c->anchor = case_anchor(rh, casecheck_case_id(kase));
	if (!c->anchor) {
		rh->oom = 1;
		return;
	}
	for (i = 0; i < casecheck_result_count(result); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if ((int)f->status >= 0 && f->status < CASECHECK_STATUS_COUNT) {
			c->counts[f->status]++;
			rh->counts[f->status]++;
		}
		rh->findings++;
	}
	if (span_begin(rh, &c->body) == 0) {
		case_section(rh->tmp, c, kase, file, policy, result);
		span_end(rh, &c->body);
	}
	if (span_begin(rh, &c->sum) == 0) {
		case_summary_line(rh->tmp, c, casecheck_case_id(kase), casecheck_case_title(kase),
				  casecheck_result_as_of(result));
		span_end(rh, &c->sum);
	}
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

	if (!c)
		return;
	casecheck_error_format(err, msg, sizeof(msg));
	c->anchor = case_anchor(rh, file);
	if (!c->anchor) {
		rh->oom = 1;
		return;
	}
	c->counts[CASECHECK_ERROR] = 1;
	if (span_begin(rh, &c->body) == 0) {
		fprintf(rh->tmp, "<section class=\"case error\" id=\"%s\">\n<h2>", c->anchor);
		html_esc(rh->tmp, file);
		fputs(": not evaluated</h2>\n<p class=\"msg\">", rh->tmp);
		html_esc(rh->tmp, msg);
		fputs("</p>\n</section>\n", rh->tmp);
		span_end(rh, &c->body);
	}
	/* no as-of: the fixture was not read far enough */
	if (span_begin(rh, &c->sum) == 0) {
		case_summary_line(rh->tmp, c, file, "not evaluated", NULL);
		span_end(rh, &c->sum);
	}
	rh->n_cases++;
}

/* A case's sort keys: failures and errors, whether late or unknown, its place given. */
struct html_rank {
	size_t fails, late, i;
};

/*
** Cases with failures lead, most failures first; then those late or unknown;
** then the rest. Ties keep the order given (the index decides: a total order).
*/
static int rank_cmp(const void *va, const void *vb)
{
	const struct html_rank *a = va, *b = vb;

	if (a->fails != b->fails)
		return a->fails > b->fails ? -1 : 1;
	if ((a->late > 0) != (b->late > 0))
		return a->late > 0 ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* The cases' indexes in report order, into ORDER. 0, or -1 when out of memory. */
static int case_order(const struct report_html *rh, size_t *order)
{
	struct html_rank *rk = malloc((rh->n_cases ? rh->n_cases : 1) * sizeof(*rk));
	size_t i;

	if (!rk)
		return -1;
	for (i = 0; i < rh->n_cases; i++) {
		const size_t *n = rh->cases[i].counts;

		rk[i].fails = n[CASECHECK_ERROR] + n[CASECHECK_FAIL];
		rk[i].late = n[CASECHECK_LATE] + n[CASECHECK_UNKNOWN];
		rk[i].i = i;
	}
	qsort(rk, rh->n_cases, sizeof(*rk), rank_cmp);
	for (i = 0; i < rh->n_cases; i++)
		order[i] = rk[i].i;
	free(rk);
	return 0;
}

/* Copy SPAN of the temporary file to FP. */
static void span_copy(struct report_html *rh, const struct html_span *span, FILE *fp)
{
	char buf[8192];
	size_t left = span->len, n;

	if (fseek(rh->tmp, span->off, SEEK_SET) != 0) {
		rh->oom = 1;
		return;
	}
	while (left > 0) {
		n = fread(buf, 1, left < sizeof(buf) ? left : sizeof(buf), rh->tmp);
		if (n == 0) {
			rh->oom = 1;
			return;
		}
		fwrite(buf, 1, n, fp);
		left -= n;
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

static void summary(FILE *fp, struct report_html *rh, const size_t *order)
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
	for (i = 0; i < rh->n_cases; i++)
		span_copy(rh, &rh->cases[order[i]].sum, fp);
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

	if (order && case_order(rh, order) != 0) {
		free(order);
		order = NULL;
	}
	if (!order)
		rh->oom = 1;
	page_head(fp);
	summary(fp, rh, order);
	legend(fp);
	provenance(fp, rh);
	filters(fp);
	for (i = 0; order && i < rh->n_cases; i++)
		span_copy(rh, &rh->cases[order[i]].body, fp);
	fputs("</main>\n<script>\n", fp);
	fputs(html_js, fp);
	fputs("</script>\n</body>\n</html>\n", fp);
	free(order);
	i = rh->oom || ferror(fp);
	report_html_free(rh);
	return i ? -1 : 0;
}

void report_html_free(struct report_html *rh)
{
	size_t i;

	for (i = 0; i < rh->n_cases; i++)
		free(rh->cases[i].anchor);
	free(rh->cases);
	rh->cases = NULL;
	rh->n_cases = rh->cap = 0;
	free(rh->anchors);
	rh->anchors = NULL;
	rh->n_anchors = rh->anchors_cap = 0;
	if (rh->tmp)
		fclose(rh->tmp);
	rh->tmp = NULL;
}
