/*
** report_text.c: the terminal report of 'casecheck run'. One header line per
** case, findings grouped by matter (case-level ones last), one summary line
** per case and a total. Colour only when the caller says so; no trailing spaces.
** Lines wrap at the terminal's width (COLUMNS, else the tty's, else 80), the
** continuation lines indented under the text they continue. Whatever comes
** from a fixture, its file name or the policy is escaped before it is wrapped:
** it may hold control sequences (cli_escape.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "cli_escape.h"
#include "outbuf.h"
#include "report_text.h"
#include "utf8.h"

#define REPORT_MIN_WIDTH 40
#define REPORT_DEFAULT_WIDTH 80

#define REPORT_GREEN "\033[32m"
#define REPORT_RED "\033[31m"
#define REPORT_BOLD_RED "\033[1;31m"
#define REPORT_YELLOW "\033[33m"
#define REPORT_DIM "\033[2m"
#define REPORT_STATUS_WIDTH 7

int report_text_width(FILE *fp)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (env && env[0]) {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n > 0)
			return n < REPORT_MIN_WIDTH ? REPORT_MIN_WIDTH : n > 1000 ? 1000 : (int)n;
	}
	if (isatty(fileno(fp)) && ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col < REPORT_MIN_WIDTH ? REPORT_MIN_WIDTH : ws.ws_col;
	return REPORT_DEFAULT_WIDTH;
}

void report_text_init(struct report_text *rt, FILE *fp, int color)
{
	memset(rt, 0, sizeof(*rt));
	rt->fp = fp;
	rt->color = color;
	rt->width = report_text_width(fp);
}

/* Columns S takes on a terminal: UTF-8 continuation bytes take none. */
static int report_cols(const char *s, size_t len)
{
	int n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/*
** Write TEXT from column COL, breaking between words before WIDTH; each
** continuation line starts at column INDENT. A word longer than a line is
** not cut. Ends the line. Columns are counted as report_cols does.
*/
static void report_wrap(FILE *fp, const char *text, int col, int indent, int width)
{
	struct outbuf b;	/* a stdio call per word, space and indent cost more than the text */
	const char *s = text ? text : "";
	int fresh = 1;

	outbuf_init(&b, fp);
	while (*s == ' ')
		s++;
	while (*s) {
		const char *e = s;
		int w = 0;

		for (; *e && *e != ' '; e++)
			w += ((unsigned char)*e & 0xC0) != 0x80;
		if (!fresh && col + 1 + w > width) {
			outbuf_put(&b, "\n", 1);
			outbuf_fill(&b, ' ', indent > 0 ? (size_t)indent : 0);
			col = indent;
		} else if (!fresh) {
			outbuf_put(&b, " ", 1);
			col++;
		}
		outbuf_put(&b, s, (size_t)(e - s));
		col += w;
		fresh = 0;
		s = e;
		while (*s == ' ')
			s++;
	}
	outbuf_put(&b, "\n", 1);
	outbuf_flush(&b);
}

/*
** Whether TEXT is what cli_text_escape would write unchanged: valid UTF-8
** with no control character. Nearly every message is, and skipping the
** memory stream for it was 15 of the 20 M instructions of a one-fixture
** text report.
*/
static int report_text_plain(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned long cp;
	size_t n;

	while (*s) {
		if (*s < 0x80) {
			if (*s < 0x20 || *s == 0x7f)
				return 0;
			s++;
			continue;
		}
		n = utf8_decode((const char *)s, &cp);
		if (n == 0 || utf8_is_control(cp))
			return 0;
		s += n;
	}
	return 1;
}

/* TEXT escaped for a terminal (cli_text_escape), then wrapped as report_wrap does. */
static void report_wrap_escaped(FILE *fp, const char *text, int col, int indent, int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	if (text && report_text_plain(text)) {
		report_wrap(fp, text, col, indent, width);
		return;
	}
	mem = open_memstream(&buf, &len);

	if (mem) {
		cli_text_escape(mem, text, NULL);
		if (fclose(mem) != 0) {
			free(buf);
			buf = NULL;
		}
	}
	report_wrap(fp, buf ? buf : "?", col, indent, width);
	free(buf);
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

/* N spaces (none when N <= 0), without a printf per indent. */
static void report_spaces(FILE *fp, int n)
{
	static const char spaces[] = "                                                                ";

	for (; n > (int)sizeof(spaces) - 1; n -= (int)sizeof(spaces) - 1)
		fwrite(spaces, 1, sizeof(spaces) - 1, fp);
	if (n > 0)
		fwrite(spaces, 1, (size_t)n, fp);
}

/* S appended to BUF (SIZE bytes, USED of them taken), cut at the end as snprintf cuts. */
static void report_append(char *buf, size_t size, size_t *used, const char *s)
{
	size_t n = strlen(s);

	if (*used >= size - 1)
		return;
	if (n > size - 1 - *used)
		n = size - 1 - *used;
	memcpy(buf + *used, s, n);
	*used += n;
	buf[*used] = '\0';
}

static int report_same_re(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
** The lines under a finding's sentence: what kind of duty it was and where its
** time limit comes from, then the dates, then the law, each wrapped:
**   [duty: statutory; time limit: benchmark] due D, done D (N days late)
**   Police Reform Act 2002 Sch 3 para 11; PCMR 2012 reg 7
** The label keeps a benchmark from reading as the law's deadline.
*/
static void report_finding_detail(FILE *fp, const struct casecheck_finding *f, int indent,
				  int width)
{
	char buf[320], days[48];
	size_t used = 0;

	/* pieces appended, not printed: one snprintf a finding cost as much as its wrapping */
	buf[0] = '\0';
	if (f->duty) {
		report_append(buf, sizeof(buf), &used, "[duty: ");
		report_append(buf, sizeof(buf), &used, f->duty);
		if (f->deadline_basis) {
			report_append(buf, sizeof(buf), &used, "; time limit: ");
			report_append(buf, sizeof(buf), &used, f->deadline_basis);
		}
		report_append(buf, sizeof(buf), &used, "]");
	}
	if (f->due) {
		report_append(buf, sizeof(buf), &used, used ? " due " : "due ");
		report_append(buf, sizeof(buf), &used, f->due);
	}
	if (f->done) {
		report_append(buf, sizeof(buf), &used, f->due ? ", done " : used ? " done " : "done ");
		report_append(buf, sizeof(buf), &used, f->done);
	}
	if (f->has_days_late && f->days_late > 0) {
		snprintf(days, sizeof(days), "%s(%ld day%s late)", used ? " " : "", f->days_late,
			 f->days_late == 1 ? "" : "s");
		report_append(buf, sizeof(buf), &used, days);
	}
	if (used > 0) {
		report_spaces(fp, indent);
		report_wrap_escaped(fp, buf, indent, indent, width);
	}
	if (f->cite) {
		report_spaces(fp, indent);
		report_wrap_escaped(fp, f->cite, indent, indent, width);
	}
}

static void report_finding(struct report_text *rt, const struct casecheck_finding *f,
			   int step_width)
{
	const char *word = report_status_word(f->status);
	const char *color = rt->color ? report_status_color(f->status) : "";
	int has_msg = f->message && f->message[0];
	const char *step = f->step ? f->step : "?";
	int pad = step_width - (int)strlen(step);	/* as printf's "%-*s" pads: never below 0 */

	int text_col = 4 + REPORT_STATUS_WIDTH + 2;
	int msg_col = text_col + step_width + 2;

	fputs("    ", rt->fp);
	fputs(color, rt->fp);
	fputs(word, rt->fp);
	fputs(color[0] ? REPORT_RESET : "", rt->fp);
	report_spaces(rt->fp, REPORT_STATUS_WIDTH - (int)strlen(word) + 2);
	fputs(step, rt->fp);
	if (!has_msg) {
		fputc('\n', rt->fp);
	} else if (msg_col + 30 <= rt->width) {
		/* the message beside the step ids, continued under itself */
		report_spaces(rt->fp, (pad > 0 ? pad : 0) + 2);
		report_wrap_escaped(rt->fp, f->message, msg_col, msg_col, rt->width);
	} else {
		/* too narrow for a column: the message under the step id */
		fputc('\n', rt->fp);
		report_spaces(rt->fp, text_col);
		report_wrap_escaped(rt->fp, f->message, text_col, text_col, rt->width);
	}
	report_finding_detail(rt->fp, f, text_col, rt->width);
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
	char buf[256], *head;
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
	head = malloc(strlen(title ? title : "") + strlen(file) + strlen(as_of ? as_of : "?") +
		      strlen(pid ? pid : "?") + 48);
	if (!head) {
		free(res);
		return -1;
	}
	sprintf(head, "%s%s%s(%s, as of %s, policy %s)", title && title[0] ? "- " : "",
		title && title[0] ? title : "", title && title[0] ? " " : "", file,
		as_of ? as_of : "?", pid ? pid : "?");
	fputc(' ', rt->fp);
	report_wrap_escaped(rt->fp, head, report_cols(id ? id : "?", strlen(id ? id : "?")) + 1, 4,
			    rt->width);
	free(head);
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
	/* the error stays on one line, as on stderr, so that it can be searched for */
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
