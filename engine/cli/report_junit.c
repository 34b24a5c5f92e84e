/*
** report_junit.c: JUnit XML reports. The testsuites are written to a
** temporary file as they come (tmpfile: removed however the run ends) and
** copied into <testsuites> with the totals at the end: 100,000 fixtures
** took 2.1 GB when they were kept in memory.
** Statuses map as: pass passes; fail and late are <failure>; error is
** <error>; pending, not_applicable and unknown are <skipped/> (nothing to
** hold against the handling yet, or the record cannot settle it).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_escape.h"
#include "report_junit.h"

int report_junit_init(struct report_junit *rj)
{
	memset(rj, 0, sizeof(*rj));
	rj->mem = tmpfile();
	return rj->mem ? 0 : -1;
}

void report_junit_free(struct report_junit *rj)
{
	if (rj->mem)
		fclose(rj->mem);
	memset(rj, 0, sizeof(*rj));
}

static void junit_attr(FILE *fp, const char *name, const char *value)
{
	fprintf(fp, " %s=\"", name);
	cli_xml_escape(fp, value);
	fputc('"', fp);
}

static void junit_close_suite(struct report_junit *rj)
{
	if (rj->open)
		fputs("  </testsuite>\n", rj->mem);
	rj->open = 0;
}

void report_junit_suite(struct report_junit *rj, const char *name, const char *file,
			size_t tests, size_t failures, size_t errors, size_t skipped)
{
	junit_close_suite(rj);
	fputs("  <testsuite", rj->mem);
	junit_attr(rj->mem, "name", name);
	fprintf(rj->mem, " tests=\"%lu\" failures=\"%lu\" errors=\"%lu\" skipped=\"%lu\"",
		(unsigned long)tests, (unsigned long)failures, (unsigned long)errors,
		(unsigned long)skipped);
	if (file)
		junit_attr(rj->mem, "file", file);
	fputs(">\n", rj->mem);
	rj->open = 1;
	rj->tests += tests;
	rj->failures += failures;
	rj->errors += errors;
	rj->skipped += skipped;
}

void report_junit_case(struct report_junit *rj, const char *classname, const char *name,
		       enum report_junit_kind kind, const char *message, const char *type,
		       const char *body, const char *const *props, size_t n_props)
{
	static const char *const tags[] = { NULL, "failure", "error", "skipped" };
	FILE *fp = rj->mem;
	size_t i, shown = 0;

	if (!rj->open) {
		rj->loose = 1;
		rj->tests++;
		if (kind == REPORT_JUNIT_FAILURE)
			rj->failures++;
		else if (kind == REPORT_JUNIT_ERROR)
			rj->errors++;
		else if (kind == REPORT_JUNIT_SKIPPED)
			rj->skipped++;
	}
	fputs("    <testcase", fp);
	junit_attr(fp, "name", name);
	junit_attr(fp, "classname", classname);
	fputs(">\n", fp);
	for (i = 0; i < n_props; i++) {
		if (!props[2 * i + 1])
			continue;
		if (!shown++)
			fputs("      <properties>\n", fp);
		fputs("        <property", fp);
		junit_attr(fp, "name", props[2 * i]);
		junit_attr(fp, "value", props[2 * i + 1]);
		fputs("/>\n", fp);
	}
	if (shown)
		fputs("      </properties>\n", fp);
	if (kind != REPORT_JUNIT_PASS) {
		fprintf(fp, "      <%s", tags[kind]);
		if (message)
			junit_attr(fp, "message", message);
		if (type && kind != REPORT_JUNIT_SKIPPED)
			junit_attr(fp, "type", type);
		if (body && body[0]) {
			fputc('>', fp);
			cli_xml_escape(fp, body);
			fprintf(fp, "</%s>\n", tags[kind]);
		} else {
			fputs("/>\n", fp);
		}
	}
	fputs("    </testcase>\n", fp);
}

static enum report_junit_kind junit_kind(enum casecheck_status status)
{
	switch (status) {
	case CASECHECK_PASS:
		return REPORT_JUNIT_PASS;
	case CASECHECK_FAIL:
	case CASECHECK_LATE:
		return REPORT_JUNIT_FAILURE;
	case CASECHECK_ERROR:
		return REPORT_JUNIT_ERROR;
	default:
		return REPORT_JUNIT_SKIPPED;
	}
}

void report_junit_run_case(struct report_junit *rj, const struct casecheck_case *kase,
			   const char *file, const struct casecheck_result *result)
{
	size_t n = casecheck_result_count(result), i, counts[4] = { 0, 0, 0, 0 };
	const char *id = casecheck_case_id(kase);
	char name[512], days[32];

	for (i = 0; i < n; i++)
		counts[junit_kind(casecheck_result_finding(result, i)->status)]++;
	report_junit_suite(rj, id ? id : file, file, n, counts[REPORT_JUNIT_FAILURE],
			   counts[REPORT_JUNIT_ERROR], counts[REPORT_JUNIT_SKIPPED]);
	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);
		const char *props[12];

		if (f->re)
			snprintf(name, sizeof(name), "%s [%s]", f->step, f->re);
		else
			snprintf(name, sizeof(name), "%s", f->step);
		days[0] = '\0';
		if (f->has_days_late)
			snprintf(days, sizeof(days), "%ld", f->days_late);
		props[0] = "cite";
		props[1] = f->cite;
		props[2] = "status";
		props[3] = casecheck_status_name(f->status);
		props[4] = "regime";
		props[5] = f->regime;
		props[6] = "due";
		props[7] = f->due;
		props[8] = "days_late";
		props[9] = f->has_days_late ? days : NULL;
		props[10] = "file";
		props[11] = file;
		report_junit_case(rj, id ? id : file, name, junit_kind(f->status),
				  f->message ? f->message : casecheck_status_name(f->status),
				  casecheck_status_name(f->status), f->detail, props, 6);
	}
}

void report_junit_run_bad(struct report_junit *rj, const char *file,
			  const struct casecheck_error *err)
{
	const char *props[2];
	char why[2048];

	casecheck_error_format(err, why, sizeof(why));
	props[0] = "file";
	props[1] = file;
	report_junit_suite(rj, file, file, 1, 0, 1, 0);
	report_junit_case(rj, file, "load", REPORT_JUNIT_ERROR, why,
			  err->kind == CASECHECK_E_INPUT ? "input" : "policy", NULL, props, 1);
}

int report_junit_write(struct report_junit *rj, const char *name, FILE *fp)
{
	char buf[65536];
	size_t n;

	junit_close_suite(rj);
	if (fflush(rj->mem) != 0 || ferror(rj->mem) || fseek(rj->mem, 0, SEEK_SET) != 0)
		return -1;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", fp);
	junit_attr(fp, "name", name);
	fprintf(fp, " tests=\"%lu\" failures=\"%lu\" errors=\"%lu\" skipped=\"%lu\">\n",
		(unsigned long)rj->tests, (unsigned long)rj->failures, (unsigned long)rj->errors,
		(unsigned long)rj->skipped);
	if (rj->loose) {
		fputs("  <testsuite", fp);
		junit_attr(fp, "name", name);
		fprintf(fp, " tests=\"%lu\" failures=\"%lu\" errors=\"%lu\" skipped=\"%lu\">\n",
			(unsigned long)rj->tests, (unsigned long)rj->failures,
			(unsigned long)rj->errors, (unsigned long)rj->skipped);
	}
	while ((n = fread(buf, 1, sizeof(buf), rj->mem)) > 0)
		fwrite(buf, 1, n, fp);
	if (ferror(rj->mem))
		return -1;
	if (rj->loose)
		fputs("  </testsuite>\n", fp);
	fputs("</testsuites>\n", fp);
	return ferror(fp) ? -1 : 0;
}
