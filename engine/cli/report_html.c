/*
** report_html.c: the HTML report. One page, no scripts and nothing fetched,
** so it can be mailed or archived with a case file: per case an SVG timeline
** (a lane per matter: events as dots, or bars when the date is imprecise;
** each deadline a tick in the colour of its finding), then the findings.
*/
#include <string.h>
#include "date.h"
#include "cli_escape.h"
#include "report_html.h"

#define HTML_WIDTH 960		/* the SVG's width in px */
#define HTML_LABEL 130		/* room for lane labels */
#define HTML_LANE 26		/* height of a lane */
#define HTML_MAX_LANES 64

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	"<title>casecheck report</title>\n<style>\n"
	"body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}\n"
	"h2{margin:2.2em 0 .2em}.meta{color:#666;margin:0 0 1em}\n"
	"table{border-collapse:collapse;width:100%;table-layout:fixed}\n"
	"col.c-st{width:8.5em}col.c-step{width:17em}col.c-re{width:7em}col.c-due{width:8em}col.c-done{width:7em}\n"
	"td code{word-break:break-all}details{margin-top:.6em}summary{cursor:pointer;color:#666}\n"
	"th,td{border-bottom:1px solid #e3e3e3;padding:5px 6px;text-align:left;vertical-align:top}\n"
	"th{font-weight:600;background:#f6f6f6}.st{font-weight:700;white-space:nowrap}\n"
	".cite{color:#666;font-size:12px}.nowrap{white-space:nowrap}\n"
	".pass{color:#1a7f37}.late{color:#b35900}.fail,.error{color:#c62828}\n"
	".pending{color:#3559a8}.not_applicable{color:#999}.unknown{color:#8a6d00}\n"
	"svg{border:1px solid #e3e3e3;background:#fcfcfc;width:100%;height:auto}\n"
	"svg text{font:11px system-ui,sans-serif}\n"
	"</style>\n</head>\n<body>\n<h1>casecheck report</h1>\n";

static const char *const status_colour[CASECHECK_STATUS_COUNT] = {
	"#1a7f37", "#b35900", "#c62828", "#3559a8", "#999999", "#8a6d00", "#c62828"
};

/* Text as XML (cli_xml_escape). NULL writes nothing. */
static void esc(FILE *fp, const char *s)
{
	cli_xml_escape(fp, s);
}

void report_html_init(struct report_html *rh, FILE *fp)
{
	memset(rh, 0, sizeof(*rh));
	rh->fp = fp;
}

static void start(struct report_html *rh)
{
	if (rh->started)
		return;
	rh->started = 1;
	fputs(html_head, rh->fp);
	fprintf(rh->fp, "<p class=\"meta\">casecheck %s: every step of the policy for every "
		"allegation, with the law behind each finding.</p>\n", casecheck_version());
}

/* A date as written, or "LO/HI", as a span; 0 when it cannot be read. */
static int span_of(const char *text, struct date_span *out)
{
	const char *slash = text ? strchr(text, '/') : NULL;
	const char *why;
	struct date_span hi;

	if (!text)
		return 0;
	if (!slash)
		return date_parse(text, strlen(text), out, &why) == 0;
	if (date_parse(text, (size_t)(slash - text), out, &why) != 0 ||
	    date_parse(slash + 1, strlen(slash + 1), &hi, &why) != 0)
		return 0;
	out->hi = hi.hi;
	return 1;
}

struct timeline {
	int lo, hi;				/* days shown */
	const char *lanes[HTML_MAX_LANES];	/* matter ids; "" for the case lane */
	size_t n_lanes;
};

static double x_of(const struct timeline *t, int day)
{
	double span = t->hi > t->lo ? (double)(t->hi - t->lo) : 1.0;

	return HTML_LABEL + (HTML_WIDTH - HTML_LABEL - 20) * (double)(day - t->lo) / span;
}

static size_t lane_of(struct timeline *t, const char *re)
{
	size_t i;
	const char *key = re ? re : "";

	for (i = 0; i < t->n_lanes; i++)
		if (strcmp(t->lanes[i], key) == 0)
			return i;
	if (t->n_lanes < HTML_MAX_LANES)
		t->lanes[t->n_lanes++] = key;
	return t->n_lanes - 1;
}

static void widen(struct timeline *t, const struct date_span *s, int *first)
{
	if (*first || s->lo < t->lo)
		t->lo = s->lo;
	if (*first || s->hi > t->hi)
		t->hi = s->hi;
	*first = 0;
}

/* The lanes (matters in date order, then the case) and the days to show. */
static int timeline_plan(struct timeline *t, const struct casecheck_case *kase,
			 const struct casecheck_result *result)
{
	struct casecheck_event ev;
	struct date_span s;
	size_t i, n = casecheck_case_event_count(kase);
	int first = 1, has_case = 0;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++) {
		casecheck_case_event(kase, i, &ev);
		if (strcmp(ev.type, "allegation_received") == 0)
			lane_of(t, ev.id);
		else if (!ev.re)
			has_case = 1;
		if (span_of(ev.date, &s))
			widen(t, &s, &first);
	}
	for (i = 0; i < casecheck_result_count(result); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if (f->due && span_of(f->due, &s) && f->status != CASECHECK_NOT_APPLICABLE)
			widen(t, &s, &first);
	}
	if (span_of(casecheck_result_as_of(result), &s))
		widen(t, &s, &first);
	if (has_case)
		lane_of(t, NULL);
	return !first;
}

static void timeline_axis(FILE *fp, const struct timeline *t, int height)
{
	int y0, y1, m0, d0, y;

	date_to_ymd(t->lo, &y0, &m0, &d0);
	date_to_ymd(t->hi, &y1, &m0, &d0);
	for (y = y0 + 1; y <= y1; y++) {
		double x = x_of(t, date_from_ymd(y, 1, 1));

		if (y1 - y0 > 12 && y % 5 != 0)
			continue;
		fprintf(fp, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
			"<text x=\"%.1f\" y=\"%d\" fill=\"#888\">%d</text>\n",
			x, x, height - 14, x + 2, height - 3, y);
	}
}

static void timeline(FILE *fp, const struct casecheck_case *kase,
		     const struct casecheck_result *result)
{
	struct timeline t;
	struct casecheck_event ev;
	struct date_span s;
	size_t i, lane, n = casecheck_case_event_count(kase);
	int height, pad;

	if (!timeline_plan(&t, kase, result))
		return;
	/* a margin either side, so that the first and last marks are not cut */
	pad = (t.hi - t.lo) / 40 + 3;
	t.lo -= pad;
	t.hi += pad;
	height = (int)t.n_lanes * HTML_LANE + 18;
	fprintf(fp, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-label=\"timeline of %s\">\n", HTML_WIDTH, height, HTML_WIDTH, height,
		casecheck_case_id(kase));
	timeline_axis(fp, &t, height);
	for (lane = 0; lane < t.n_lanes; lane++) {
		int y = (int)lane * HTML_LANE + HTML_LANE / 2 + 2;

		fprintf(fp, "<text x=\"6\" y=\"%d\">%s", y + 4, t.lanes[lane][0] ? "matter " : "case");
		esc(fp, t.lanes[lane]);
		fprintf(fp, "</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>\n",
			HTML_LABEL, y, HTML_WIDTH - 20, y);
	}
	/* deadlines first, so that the events draw over them */
	for (i = 0; i < casecheck_result_count(result); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);
		int y;

		if (!f->due || f->status == CASECHECK_NOT_APPLICABLE || !span_of(f->due, &s))
			continue;
		y = (int)lane_of(&t, f->re) * HTML_LANE + 4;
		fprintf(fp, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
			"opacity=\"0.8\"><title>", x_of(&t, s.lo) - 1, y,
			x_of(&t, s.hi) - x_of(&t, s.lo) + 2, HTML_LANE - 6, status_colour[f->status]);
		esc(fp, f->step);
		fprintf(fp, ": %s, due %s</title></rect>\n", casecheck_status_name(f->status), f->due);
	}
	for (i = 0; i < n; i++) {
		int y;

		casecheck_case_event(kase, i, &ev);
		if (!span_of(ev.date, &s))
			continue;
		y = (int)lane_of(&t, strcmp(ev.type, "allegation_received") == 0 ? ev.id : ev.re) *
		    HTML_LANE + HTML_LANE / 2 + 2;
		if (s.lo == s.hi)
			fprintf(fp, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"#222\">", x_of(&t, s.lo), y);
		else
			fprintf(fp, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"6\" fill=\"#222\" "
				"opacity=\"0.35\">", x_of(&t, s.lo), y - 3, x_of(&t, s.hi) - x_of(&t, s.lo));
		fputs("<title>", fp);
		esc(fp, ev.date);
		fputc(' ', fp);
		esc(fp, ev.type);
		fputs(" '", fp);
		esc(fp, ev.id);
		fputc('\'', fp);
		if (ev.by) {
			fputs(" by ", fp);
			esc(fp, ev.by);
		}
		fputs(s.lo == s.hi ? "</title></circle>\n" : "</title></rect>\n", fp);
	}
	fputs("</svg>\n", fp);
}

/* A date or "LO/HI" interval, which may break after its slash. */
static void date_cell(FILE *fp, const char *s)
{
	const char *slash = s ? strchr(s, '/') : NULL;

	if (!slash) {
		esc(fp, s);
		return;
	}
	fwrite(s, 1, (size_t)(slash - s) + 1, fp);
	fputs("<wbr/>", fp);
	esc(fp, slash + 1);
}

static void finding_row(FILE *fp, const struct casecheck_finding *f)
{
	const char *st = casecheck_status_name(f->status);

	fprintf(fp, "<tr><td class=\"st %s\">%s</td><td><code>", st, st);
	esc(fp, f->step);
	fputs("</code></td><td class=\"nowrap\">", fp);
	esc(fp, f->re ? f->re : "case");
	fputs("</td><td>", fp);
	date_cell(fp, f->due);
	fputs("</td><td>", fp);
	date_cell(fp, f->done);
	fputs("</td><td>", fp);
	esc(fp, f->message);
	if (f->cite) {
		fputs("<div class=\"cite\">", fp);
		if (f->regime) {
			esc(fp, f->regime);
			fputs(" regime: ", fp);
		}
		esc(fp, f->cite);
		fputs("</div>", fp);
	}
	fputs("</td></tr>\n", fp);
}

static void table_head(FILE *fp)
{
	fputs("<table>\n<colgroup><col class=\"c-st\"/><col class=\"c-step\"/><col class=\"c-re\"/>"
	      "<col class=\"c-due\"/><col class=\"c-done\"/><col/></colgroup>\n"
	      "<tr><th>status</th><th>step</th><th>matter</th><th>due</th>"
	      "<th>done</th><th>what happened, and the law</th></tr>\n", fp);
}

void report_html_case(struct report_html *rh, const struct casecheck_case *kase,
		      const char *file, const struct casecheck_result *result)
{
	FILE *fp = rh->fp;
	size_t i, n_na = 0;

	start(rh);
	fputs("<section>\n<h2>", fp);
	esc(fp, casecheck_case_id(kase));
	if (casecheck_case_title(kase)) {
		fputs(": ", fp);
		esc(fp, casecheck_case_title(kase));
	}
	fputs("</h2>\n<p class=\"meta\">", fp);
	esc(fp, file);
	fputs(", as of ", fp);
	esc(fp, casecheck_result_as_of(result));
	fputs("</p>\n", fp);
	timeline(fp, kase, result);
	table_head(fp);
	for (i = 0; i < casecheck_result_count(result); i++)
		if (casecheck_result_finding(result, i)->status != CASECHECK_NOT_APPLICABLE)
			finding_row(fp, casecheck_result_finding(result, i));
		else
			n_na++;
	fputs("</table>\n", fp);
	/* what did not apply is kept, folded: the reasons matter to a reviewer */
	if (n_na > 0) {
		fprintf(fp, "<details><summary>%lu step%s not applicable</summary>\n",
			(unsigned long)n_na, n_na == 1 ? "" : "s");
		table_head(fp);
		for (i = 0; i < casecheck_result_count(result); i++)
			if (casecheck_result_finding(result, i)->status == CASECHECK_NOT_APPLICABLE)
				finding_row(fp, casecheck_result_finding(result, i));
		fputs("</table>\n</details>\n", fp);
	}
	fputs("</section>\n", fp);
	rh->cases++;
}

void report_html_bad(struct report_html *rh, const char *file, const struct casecheck_error *err)
{
	char msg[2048];

	start(rh);
	casecheck_error_format(err, msg, sizeof(msg));
	fputs("<section class=\"error\">\n<h2>", rh->fp);
	esc(rh->fp, file);
	fputs(": not evaluated</h2>\n<p>", rh->fp);
	esc(rh->fp, msg);
	fputs("</p>\n</section>\n", rh->fp);
}

int report_html_finish(struct report_html *rh)
{
	start(rh);
	if (rh->cases == 0)
		fputs("<p>No case was evaluated.</p>\n", rh->fp);
	fputs("</body>\n</html>\n", rh->fp);
	return ferror(rh->fp) ? -1 : 0;
}
