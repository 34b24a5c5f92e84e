/*
** report_tap.c: TAP version 13 reports, streamed: the test points are
** written as they come and the plan ("1..N") last. Descriptions have '#' and '\' escaped
** and control characters made visible (cli_escape.h); YAML values are
** double-quoted scalars, written as JSON strings (json_put_string).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_escape.h"
#include "json_writer.h"
#include "report_tap.h"

int report_tap_init(struct report_tap *rt, FILE *fp)
{
	memset(rt, 0, sizeof(*rt));
	rt->fp = fp;
	fputs("TAP version 13\n", fp);
	return 0;
}

void report_tap_free(struct report_tap *rt)
{
	memset(rt, 0, sizeof(*rt));
}

/* A description: '#' and '\\' escaped, control characters and bad bytes visible. */
static void tap_desc(FILE *fp, const char *s)
{
	cli_text_escape(fp, s, "#\\");
}

void report_tap_point(struct report_tap *rt, int ok, const char *desc, const char *skip,
		      const char *const *yaml, size_t n_yaml)
{
	FILE *fp = rt->fp;
	size_t i;

	rt->n++;
	if (!ok)
		rt->failed++;
	fprintf(fp, "%s %lu - ", ok ? "ok" : "not ok", (unsigned long)rt->n);
	tap_desc(fp, desc);
	if (skip) {
		fputs(" # SKIP ", fp);
		tap_desc(fp, skip);
	}
	fputc('\n', fp);
	if (!yaml)
		return;
	fputs("  ---\n", fp);
	for (i = 0; i < n_yaml; i++) {
		if (!yaml[2 * i + 1])
			continue;
		fprintf(fp, "  %s: ", yaml[2 * i]);
		json_put_string(fp, yaml[2 * i + 1]);
		fputc('\n', fp);
	}
	fputs("  ...\n", fp);
}

void report_tap_run_case(struct report_tap *rt, const struct casecheck_case *kase,
			 const char *file, const struct casecheck_result *result)
{
	size_t n = casecheck_result_count(result), i;
	const char *id = casecheck_case_id(kase);
	char desc[768], days[32];

	for (i = 0; i < n; i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);
		const char *status = casecheck_status_name(f->status);
		const char *yaml[16];
		int bad = f->status == CASECHECK_FAIL || f->status == CASECHECK_LATE ||
			  f->status == CASECHECK_ERROR;
		const char *skip = NULL;

		snprintf(desc, sizeof(desc), "%s %s%s%s%s: %s", id ? id : file, f->step,
			 f->re ? " [" : "", f->re ? f->re : "", f->re ? "]" : "", status);
		if (f->status == CASECHECK_PENDING || f->status == CASECHECK_NOT_APPLICABLE ||
		    f->status == CASECHECK_UNKNOWN)
			skip = status;
		if (!bad) {
			report_tap_point(rt, 1, desc, skip, NULL, 0);
			continue;
		}
		days[0] = '\0';
		if (f->has_days_late)
			snprintf(days, sizeof(days), "%ld", f->days_late);
		yaml[0] = "step";
		yaml[1] = f->step;
		yaml[2] = "re";
		yaml[3] = f->re;
		yaml[4] = "status";
		yaml[5] = status;
		yaml[6] = "due";
		yaml[7] = f->due;
		yaml[8] = "days_late";
		yaml[9] = f->has_days_late ? days : NULL;
		yaml[10] = "message";
		yaml[11] = f->message;
		yaml[12] = "cite";
		yaml[13] = f->cite;
		yaml[14] = "file";
		yaml[15] = file;
		report_tap_point(rt, 0, desc, NULL, yaml, 8);
	}
}

int report_tap_write(struct report_tap *rt)
{
	fprintf(rt->fp, "1..%lu\n", (unsigned long)rt->n);
	return ferror(rt->fp) ? -1 : 0;
}
