/*
** html_timeline.c: a case's timeline in HTML and CSS (no SVG), positioned in
** percent of the track, so that labels keep their size from a phone to a wide
** screen and print. The axis spans the events; a deadline or as-of date far
** beyond them (a renewal due in ten years, say) does not squash the matters
** into a corner: it is drawn as an arrow at the edge and named in words
** under its lane.
*/
#include <string.h>
#include "date.h"
#include "html_timeline.h"
#include "html_util.h"

#define TL_MAX_LANES 64

struct tl {
	int lo, hi;				/* days on the axis */
	const char *lanes[TL_MAX_LANES];	/* matter ids; "" for the case lane */
	size_t n_lanes;
};

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

static size_t lane_of(struct tl *t, const char *re)
{
	size_t i;
	const char *key = re ? re : "";

	for (i = 0; i < t->n_lanes; i++)
		if (strcmp(t->lanes[i], key) == 0)
			return i;
	if (t->n_lanes < TL_MAX_LANES)
		t->lanes[t->n_lanes++] = key;
	return t->n_lanes - 1;
}

static void widen(int *lo, int *hi, const struct date_span *s, int *first)
{
	if (*first || s->lo < *lo)
		*lo = s->lo;
	if (*first || s->hi > *hi)
		*hi = s->hi;
	*first = 0;
}

static int shown(const struct casecheck_finding *f, struct date_span *s)
{
	return f->due && f->status != CASECHECK_NOT_APPLICABLE && span_of(f->due, s);
}

/*
** Lanes, and the axis: the events' span, stretched to take in deadlines and
** the as-of date that lie within a quarter of it (at least half a year) of
** the events. 0 when nothing has a date.
*/
static int plan(struct tl *t, const struct casecheck_case *kase,
		const struct casecheck_result *result)
{
	struct casecheck_event ev;
	struct date_span s;
	size_t i, n = casecheck_case_event_count(kase);
	int first = 1, has_case = 0, lo = 0, hi = 0, reach;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++) {
		casecheck_case_event(kase, i, &ev);
		if (strcmp(ev.type, "allegation_received") == 0)
			lane_of(t, ev.id);
		else if (!ev.re)
			has_case = 1;
		if (span_of(ev.date, &s))
			widen(&lo, &hi, &s, &first);
	}
	for (i = 0; i < casecheck_result_count(result); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if (!f->re && shown(f, &s))
			has_case = 1;
		if (first && shown(f, &s))	/* no dated event: the deadlines make the axis */
			widen(&lo, &hi, &s, &first);
	}
	if (first)
		return 0;
	reach = (hi - lo) / 4 > 183 ? (hi - lo) / 4 : 183;
	t->lo = lo;
	t->hi = hi;
	for (i = 0; i < casecheck_result_count(result); i++)
		if (shown(casecheck_result_finding(result, i), &s) &&
		    s.lo >= lo - reach && s.hi <= hi + reach)
			widen(&t->lo, &t->hi, &s, &first);
	if (span_of(casecheck_result_as_of(result), &s) && s.lo >= lo - reach && s.hi <= hi + reach)
		widen(&t->lo, &t->hi, &s, &first);
	if (has_case)
		lane_of(t, NULL);
	/* a margin either side, so that the first and last marks are not cut */
	lo = (t->hi - t->lo) / 40 + 3;
	t->lo -= lo;
	t->hi += lo;
	return 1;
}

/* Percent of the track for DAY; -1 before the axis, 101 after it. */
static double pct(const struct tl *t, int day)
{
	double span = t->hi > t->lo ? (double)(t->hi - t->lo) : 1.0;

	if (day < t->lo)
		return -1;
	if (day > t->hi)
		return 101;
	return 100.0 * (double)(day - t->lo) / span;
}

/*
** A tick at X percent, labelled with year Y (and month M when not 0); near
** the ends the label leans inwards so that it never leaves the page.
*/
static void tick(FILE *fp, double x, int y, int m)
{
	fprintf(fp, "<span class=\"tick%s\" style=\"left:%.2f%%\"><span>", x > 88 ? " end" :
		x < 12 ? " start" : "", x);
	if (m)
		fprintf(fp, "%04d-%02d</span></span>", y, m);
	else
		fprintf(fp, "%d</span></span>", y);
}

/* Year ticks, fewer as the span grows, or months for a short span: at most 6 labels. */
static void axis(FILE *fp, const struct tl *t)
{
	int y0, y1, m0, m1, d, y, m, step, k = 0;
	static const int steps[] = { 1, 2, 5, 10, 20, 50, 100 };

	date_to_ymd(t->lo, &y0, &m0, &d);
	date_to_ymd(t->hi, &y1, &m1, &d);
	if (t->hi - t->lo < 3 * 365) {
		int months = (y1 - y0) * 12 + (m1 - m0);

		step = months <= 6 ? 1 : months <= 12 ? 2 : months <= 18 ? 3 : 6;
		for (y = y0, m = m0 + 1; y < y1 || (y == y1 && m <= m1); m++) {
			if (m > 12) {
				m = 1;
				y++;
			}
			if ((m - 1) % step == 0 && (y < y1 || m <= m1))
				tick(fp, pct(t, date_from_ymd(y, m, 1)), y, m);
		}
		return;
	}
	while (k < 6 && (y1 - y0) / steps[k] > 6)
		k++;
	step = steps[k];
	for (y = y0 + 1; y <= y1; y++)
		if (y % step == 0)
			tick(fp, pct(t, date_from_ymd(y, 1, 1)), y, 0);
}

static void finding_href(FILE *fp, const char *anchor, const struct casecheck_finding *f)
{
	char part[128];

	fputs(" href=\"#", fp);
	html_esc(fp, anchor);
	html_anchor_part(part, sizeof(part), f->step);
	fprintf(fp, "/%s/", part);
	html_anchor_part(part, sizeof(part), f->re ? f->re : "case");
	fprintf(fp, "%s\"", part);
}

/*
** Deadlines of LANE: OFF 0 draws those on the axis (under the events), OFF 1
** lists those beyond it. FP NULL only counts them. Returns how many.
*/
static size_t lane_deadlines(FILE *fp, const struct tl *t, const struct casecheck_result *result,
			   size_t lane, const char *anchor, int off)
{
	struct date_span s;
	size_t i, count = 0;

	for (i = 0; i < casecheck_result_count(result); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);
		const char *st = casecheck_status_name(f->status);
		double a, b;

		if (!shown(f, &s) || strcmp(f->re ? f->re : "", t->lanes[lane]) != 0)
			continue;
		a = pct(t, s.lo);
		b = pct(t, s.hi + 1);
		if (off != (a < 0 || b > 100))
			continue;
		count++;
		if (!fp)
			continue;
		if (off) {
			fprintf(fp, "<li><a class=\"s-%s\"", st);
			finding_href(fp, anchor, f);
			fputs("><code>", fp);
			html_step_id(fp, f->step);
			fprintf(fp, "</code> %s, due %s %s</a></li>", st, f->due,
				a < 0 ? "(before the axis)" : "(after the axis)");
			continue;
		}
		fprintf(fp, "<a class=\"dl b-%s\" style=\"left:%.2f%%;width:%.2f%%\"", st, a,
			b - a > 0.4 ? b - a : 0.4);
		finding_href(fp, anchor, f);
		fputs(" title=\"", fp);
		html_esc(fp, f->step);
		fprintf(fp, ": %s, due %s\"></a>", st, f->due);
	}
	return count;
}

static void event_title(FILE *fp, const struct casecheck_event *ev)
{
	html_esc(fp, ev->date);
	fputc(' ', fp);
	html_esc(fp, ev->type);
	fputs(" (", fp);
	html_esc(fp, ev->id);
	fputc(')', fp);
	if (ev->by) {
		fputs(" by ", fp);
		html_esc(fp, ev->by);
	}
}

static void lane_events(FILE *fp, struct tl *t, const struct casecheck_case *kase, size_t lane)
{
	struct casecheck_event ev;
	struct date_span s;
	size_t i, n = casecheck_case_event_count(kase);

	for (i = 0; i < n; i++) {
		double a, b;

		casecheck_case_event(kase, i, &ev);
		if (!span_of(ev.date, &s) ||
		    lane_of(t, strcmp(ev.type, "allegation_received") == 0 ? ev.id : ev.re) != lane)
			continue;
		a = pct(t, s.lo);
		b = pct(t, s.hi + 1);
		if (s.lo == s.hi)
			fprintf(fp, "<span class=\"ev\" style=\"left:%.2f%%\" title=\"", a);
		else
			fprintf(fp, "<span class=\"ev range\" style=\"left:%.2f%%;width:%.2f%%\" title=\"",
				a, b - a);
		event_title(fp, &ev);
		fputs("\"></span>", fp);
	}
}

static void events_list(FILE *fp, const struct casecheck_case *kase)
{
	struct casecheck_event ev;
	size_t i, n = casecheck_case_event_count(kase);

	fprintf(fp, "<details class=\"events\"><summary>The %lu event%s of the record</summary>\n"
		"<ol>\n", (unsigned long)n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		casecheck_case_event(kase, i, &ev);
		fputs("<li><span class=\"date\">", fp);
		html_esc(fp, ev.date);
		fputs("</span> <code>", fp);
		html_step_id(fp, ev.type);
		fputs("</code> ", fp);
		html_esc(fp, ev.id);
		if (ev.re && strcmp(ev.type, "allegation_received") != 0) {
			fputs(", matter ", fp);
			html_esc(fp, ev.re);
		}
		if (ev.by) {
			fputs(", by ", fp);
			html_esc(fp, ev.by);
		}
		fputs("</li>\n", fp);
	}
	fputs("</ol>\n</details>\n", fp);
}

void html_timeline(FILE *fp, const struct casecheck_case *kase,
		   const struct casecheck_result *result, const char *anchor)
{
	struct tl t;
	struct date_span s;
	size_t lane;
	const char *as_of = casecheck_result_as_of(result);

	if (!plan(&t, kase, result))
		return;
	fputs("<figure class=\"tl\"><figcaption>Timeline, a lane per matter: events as dots "
	      "(bars when the date is not exact), deadlines in the colour of their "
	      "finding</figcaption>\n", fp);
	for (lane = 0; lane < t.n_lanes; lane++) {
		const char *re = t.lanes[lane];
		const char *alleged = re[0] ? casecheck_case_matter_date(kase, re) : NULL;

		fputs("<div class=\"lane\"><div class=\"lane-label\">", fp);
		if (re[0]) {
			fputs("matter <strong>", fp);
			html_esc(fp, re);
			fputs("</strong>", fp);
			if (alleged) {
				fputs(" <span class=\"sub\">alleged ", fp);
				html_esc(fp, alleged);
				fputs("</span>", fp);
			}
		} else {
			fputs("<strong>case</strong> <span class=\"sub\">all matters</span>", fp);
		}
		fputs("</div><div class=\"track\">", fp);
		if (span_of(as_of, &s) && pct(&t, s.lo) >= 0 && pct(&t, s.lo) <= 100)
			fprintf(fp, "<span class=\"asof\" style=\"left:%.2f%%\"></span>", pct(&t, s.lo));
		lane_deadlines(fp, &t, result, lane, anchor, 0);
		lane_events(fp, &t, kase, lane);
		fputs("</div>", fp);
		/* what the axis cannot hold, in words */
		if (lane_deadlines(NULL, &t, result, lane, anchor, 1) > 0) {
			fputs("<ul class=\"off\">", fp);
			lane_deadlines(fp, &t, result, lane, anchor, 1);
			fputs("</ul>", fp);
		}
		fputs("</div>\n", fp);
	}
	fputs("<div class=\"lane axis\"><div class=\"lane-label\"></div><div class=\"track\">", fp);
	axis(fp, &t);
	if (span_of(as_of, &s)) {
		double x = pct(&t, s.lo);

		if (x >= 0 && x <= 100)
			fprintf(fp, "<span class=\"asof-label%s\" style=\"left:%.2f%%\">as of %s</span>",
				x > 60 ? " end" : "", x, as_of);
		else
			fprintf(fp, "<span class=\"asof-label end\" style=\"left:100%%\">as of %s %s</span>",
				as_of, x < 0 ? "(before the axis)" : "(after the axis)");
	}
	fputs("</div></div>\n</figure>\n", fp);
	events_list(fp, kase);
}
