/*
** test_expect.c: comparing a fixture's "expect" block with the findings, and
** the lines 'casecheck test' prints about it: expected against actual for
** every mismatch, every finding with -v, and the ok/FAIL line per fixture.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_common.h"
#include "report_text.h"
#include "cli_escape.h"
#include "test_expect.h"

static int test_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* ---- comparison ---- */

long test_find_finding(const struct casecheck_result *result, const char *step, json_t *re,
		       int *ambiguous)
{
	size_t i, n = casecheck_result_count(result), hits = 0;
	long only = -1;

	*ambiguous = 0;
	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if (strcmp(f->step, step) != 0)
			continue;
		if (re) {
			if (json_is_null(re) ? f->re == NULL :
			    (json_is_string(re) && f->re && strcmp(f->re, json_string_value(re)) == 0))
				return (long)i;
			continue;
		}
		if (!f->re)
			return (long)i;
		hits++;
		only = (long)i;
	}
	if (re || hits == 0)
		return -1;
	if (hits > 1) {
		*ambiguous = 1;
		return -1;
	}
	return only;
}


/* The fields ENTRY names, as "status=... due=...", from F (actual) or ENTRY. */
static void test_print_fields(FILE *out, json_t *entry, const struct casecheck_finding *f)
{
	json_t *v;

	if (f) {
		fprintf(out, "status=%s", casecheck_status_name(f->status));
	} else {
		v = json_object_get(entry, "status");
		fprintf(out, "status=%s", json_is_string(v) ? json_string_value(v) : "?");
	}
	if (json_object_get(entry, "due") || (f && !entry && f->due)) {
		v = json_object_get(entry, "due");
		fprintf(out, " due=%s", f ? (f->due ? f->due : "none") :
			(json_is_string(v) ? json_string_value(v) : "?"));
	}
	if (json_object_get(entry, "days_late") || (f && !entry && f->has_days_late)) {
		v = json_object_get(entry, "days_late");
		if (f && f->has_days_late)
			fprintf(out, " days_late=%ld", f->days_late);
		else if (f)
			fprintf(out, " days_late=none");
		else
			fprintf(out, " days_late=%" JSON_INTEGER_FORMAT,
				json_is_integer(v) ? json_integer_value(v) : (json_int_t)0);
	}
	if (json_object_get(entry, "regime") || (f && !entry && f->regime)) {
		v = json_object_get(entry, "regime");
		fprintf(out, " regime=%s", f ? (f->regime ? f->regime : "none") :
			(json_is_string(v) ? json_string_value(v) : "?"));
	}
	if (!f && json_is_string(json_object_get(entry, "message")))
		fprintf(out, " message~\"%s\"",
			json_string_value(json_object_get(entry, "message")));
	fputc('\n', out);
}

static void test_print_message(FILE *out, const struct casecheck_finding *f)
{
	if (f && f->message)
		fprintf(out, "  message:  %s\n", f->message);
}

/* 1 when the fields ENTRY gives agree with F. */
static int test_agrees(json_t *entry, const struct casecheck_finding *f, int status)
{
	json_t *v;

	if ((int)f->status != status)
		return 0;
	v = json_object_get(entry, "due");
	if (v && !(json_is_string(v) && test_streq(f->due, json_string_value(v))))
		return 0;
	v = json_object_get(entry, "days_late");
	if (v && !(json_is_integer(v) && f->has_days_late &&
		   (json_int_t)f->days_late == json_integer_value(v)))
		return 0;
	v = json_object_get(entry, "regime");
	if (v && !(json_is_string(v) && test_streq(f->regime, json_string_value(v))))
		return 0;
	v = json_object_get(entry, "message");
	if (v && !(json_is_string(v) && f->message &&
		   strstr(f->message, json_string_value(v))))
		return 0;
	return 1;
}

/* Print the matters STEP has findings for: "a1, a2". */
static void test_print_matters(FILE *out, const struct casecheck_result *result,
			       const char *step)
{
	size_t i, n = casecheck_result_count(result), shown = 0;

	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		if (strcmp(f->step, step) == 0)
			fprintf(out, "%s%s", shown++ ? ", " : "", f->re ? f->re : "(case)");
	}
}

/* Record a mismatch of STEP/RE: the finding F (may be NULL), EXPECTED as text. */
static void test_note(struct test_rec *rec, const char *step, const char *re,
		      const struct casecheck_finding *f, json_t *entry)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	const char *fields[TEST_M_COUNT];
	size_t i;

	if (mem) {
		if (entry)
			test_print_fields(mem, entry, NULL);
		else
			fputs("no finding", mem);
		fclose(mem);
		if (size && buf[size - 1] == '\n')
			buf[size - 1] = '\0';
	}
	fields[TEST_M_STEP] = step;
	fields[TEST_M_RE] = re ? re : "";
	fields[TEST_M_STATUS] = f ? casecheck_status_name(f->status) : "";
	fields[TEST_M_DUE] = f && f->due ? f->due : "";
	fields[TEST_M_MESSAGE] = f && f->message ? f->message : "";
	fields[TEST_M_CITE] = f && f->cite ? f->cite : "";
	fields[TEST_M_EXPECTED] = buf ? buf : "";
	for (i = 0; i < TEST_M_COUNT; i++)
		(void)cli_strv_push(&rec->mism, fields[i]);
	free(buf);
}

/*
** STEP has no finding at all: the policy has no such step (a misspelling, or
** an id that was split: docs/decisions.md, "Split steps"). Names the nearest
** step id, else the steps of the same area ("iopc." for "iopc.x"), from the
** ids the result holds.
*/
static void test_unknown_step(FILE *out, const struct casecheck_result *result, const char *step)
{
	size_t n = casecheck_result_count(result), i, j, k = 0, area;
	const char **ids = malloc((n ? n : 1) * sizeof(*ids));
	const char *hint, *dot = strchr(step, '.');
	int any = 0;

	if (!ids)
		return;
	for (i = 0; i < n; i++) {
		const char *id = casecheck_result_finding(result, i)->step;

		for (j = 0; j < k && strcmp(ids[j], id) != 0; j++)
			;
		if (j == k)
			ids[k++] = id;
	}
	hint = cli_did_you_mean(step, ids, k);
	if (hint) {
		fprintf(out, " (the policy has no step '%s'; did you mean '%s'?)", step, hint);
	} else if (dot) {
		area = (size_t)(dot - step) + 1;
		for (j = 0; j < k; j++) {
			if (strncmp(ids[j], step, area) != 0)
				continue;
			if (!any)
				fprintf(out, " (the policy has no step '%s'; its steps of area '%.*s': ", step,
					(int)area - 1, step);
			fprintf(out, "%s'%s'", any ? ", " : "", ids[j]);
			any = 1;
		}
		if (any)
			fputc(')', out);
	}
	free(ids);
}

/* Compare RESULT with EXPECT; prints each mismatch to OUT, returns how many. */
size_t test_compare(FILE *out, struct test_rec *rec, const char *file,
			   const struct casecheck_result *result, json_t *expect)
{
	size_t n = casecheck_result_count(result), i, bad = 0;
	json_t *entries = json_object_get(expect, "findings"), *entry, *re, *jstep, *jstatus;
	char *matched = calloc(n ? n : 1, 1);
	const struct casecheck_finding *f;
	const char *step, *head_re;
	long k;
	int status, ambiguous;

	if (!matched) {
		fprintf(out, "%s: out of memory\n", file);
		return 1;
	}
	if (entries && !json_is_array(entries)) {
		fprintf(out, "%s: /expect/findings: expected an array\n", file);
		bad++;
		entries = NULL;
	}
	json_array_foreach(entries, i, entry) {
		jstep = json_object_get(entry, "step");
		jstatus = json_object_get(entry, "status");
		re = json_object_get(entry, "re");
		if (!json_is_string(jstep) || !json_is_string(jstatus) ||
		    (re && !json_is_string(re) && !json_is_null(re))) {
			fprintf(out, "%s: /expect/findings/%lu: needs \"step\" and \"status\" strings"
				" (and \"re\" a string or null)\n", file, (unsigned long)i);
			bad++;
			continue;
		}
		step = json_string_value(jstep);
		status = casecheck_status_parse(json_string_value(jstatus));
		if (status < 0) {
			fprintf(out, "%s: /expect/findings/%lu/status: unknown status '%s'\n", file,
				(unsigned long)i, json_string_value(jstatus));
			bad++;
			continue;
		}
		k = test_find_finding(result, step, re, &ambiguous);
		f = k >= 0 ? casecheck_result_finding(result, (size_t)k) : NULL;
		if (f)
			matched[k] = 1;
		if (f && test_agrees(entry, f, status))
			continue;
		bad++;
		head_re = f ? f->re : (json_is_string(re) ? json_string_value(re) : NULL);
		test_note(rec, step, head_re, f, entry);
		fprintf(out, "%s: %s re %s\n", file, step, head_re ? head_re : "(case)");
		fprintf(out, "  expected: ");
		test_print_fields(out, entry, NULL);
		if (ambiguous) {
			fprintf(out, "  actual:   ambiguous: add re (findings for ");
			test_print_matters(out, result, step);
			fprintf(out, ")\n");
		} else if (!f) {
			fprintf(out, "  actual:   no such finding");
			if (!re || json_is_string(re)) {
				size_t before = 0, j;

				for (j = 0; j < n; j++)
					if (strcmp(casecheck_result_finding(result, j)->step, step) == 0)
						before++;
				if (before) {
					fprintf(out, " (findings for ");
					test_print_matters(out, result, step);
					fputc(')', out);
				} else {
					test_unknown_step(out, result, step);
				}
			}
			fputc('\n', out);
		} else {
			fprintf(out, "  actual:   ");
			test_print_fields(out, entry, f);
			test_print_message(out, f);
		}
	}
	if (json_is_true(json_object_get(expect, "complete"))) {
		for (i = 0; i < n; i++) {
			f = casecheck_result_finding(result, i);
			if (matched[i])
				continue;
			bad++;
			test_note(rec, f->step, f->re, f, NULL);
			fprintf(out, "%s: %s re %s\n", file, f->step, f->re ? f->re : "(case)");
			fprintf(out, "  expected: no finding (the expectations are complete)\n");
			fprintf(out, "  actual:   ");
			test_print_fields(out, NULL, f);
			test_print_message(out, f);
		}
	}
	free(matched);
	return bad;
}

/* -v: every finding, one line each. */
void test_print_all(FILE *out, const struct casecheck_result *result)
{
	size_t i, n = casecheck_result_count(result);

	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		fprintf(out, "  %s re %s: ", f->step, f->re ? f->re : "(case)");
		test_print_fields(out, NULL, f);
	}
}

void test_line(FILE *out, int color, int ok, const char *file, size_t count,
		      const char *verb)
{
	const char *c = "", *noun;

	if (color)
		c = ok ? report_status_color(CASECHECK_PASS) : report_status_color(CASECHECK_FAIL);
	if (ok)
		noun = count == 1 ? "finding" : "findings";
	else
		noun = count == 1 ? "mismatch" : "mismatches";
	fprintf(out, "%s%s%s ", c, verb ? verb : ok ? "ok" : "FAIL", color ? REPORT_RESET : "");
	cli_text_escape(out, file, NULL);
	fprintf(out, " (%lu %s)\n", (unsigned long)count, noun);
}

