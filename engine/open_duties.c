/*
** open_duties.c: what a case still owes as of a date (casecheck.h, "what is
** open as of a date"), read off an evaluation's findings: the duties not yet
** done, with their due dates as numbers (as the evaluator handed them to C,
** result.c) and the working days left by the engine's calendar, soonest
** first.
*/
#include <stdlib.h>
#include <string.h>
#include "engine.h"
#include "calendar.h"
#include "date.h"
#include "error.h"

static int opt_cmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Soonest first; step, matter and then the finding's order break ties. */
static int duty_cmp(const void *pa, const void *pb)
{
	const struct casecheck_open_duty *a = pa, *b = pb;
	int c;

	if (a->due_hi != b->due_hi)
		return a->due_hi < b->due_hi ? -1 : 1;
	if (a->due_lo != b->due_lo)
		return a->due_lo < b->due_lo ? -1 : 1;
	c = strcmp(a->step, b->step);
	if (c)
		return c;
	return opt_cmp(a->re, b->re);
}

struct casecheck_open_duty *casecheck_open_duties(struct casecheck_engine *engine,
						  const struct casecheck_result *result,
						  size_t *n, struct casecheck_error *err)
{
	size_t i, k = 0, count = casecheck_result_count(result);
	struct casecheck_open_duty *v = calloc(count + 1, sizeof(*v));
	struct date_span as_of;
	const char *why;

	*n = 0;
	if (!v) {
		error_setf(err, CASECHECK_E_INTERNAL, "casecheck", NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (date_parse(result->as_of, strlen(result->as_of), &as_of, &why) != 0) {
		free(v);
		error_setf(err, CASECHECK_E_INTERNAL, "casecheck", NULL, 0, 0,
			   "result has a bad as-of date '%s'", result->as_of);
		return NULL;
	}
	for (i = 0; i < count; i++) {
		const struct casecheck_finding *f = &result->findings[i];
		struct casecheck_open_duty *d = &v[k];
		int wd;

		/* open: pending, or overdue with nothing done yet */
		if (f->status != CASECHECK_PENDING &&
		    !(f->status == CASECHECK_FAIL && !f->done))
			continue;
		if (!f->due || (int)result->due[i].prec < 0)
			continue;
		d->due_lo = result->due[i].lo;	/* as the evaluator gave them, not read back from text */
		d->due_hi = result->due[i].hi;
		d->step = f->step;
		d->title = f->title;
		d->re = f->re;
		d->status = f->status;
		d->regime = f->regime;
		d->cite = f->cite;
		d->due = f->due;
		d->message = f->message;
		date_to_ymd(d->due_lo, &d->lo_year, &d->lo_month, &d->lo_day);
		date_to_ymd(d->due_hi, &d->hi_year, &d->hi_month, &d->hi_day);
		d->days_left = (long)d->due_hi - as_of.lo;
		if (calendar_working_days_between(result->cal ? result->cal : engine->cal, as_of.lo, d->due_hi, &wd) == 0) {
			d->has_working_days_left = 1;
			d->working_days_left = wd;
		}
		/* the kind of duty and where its time limit comes from, as the finding says */
		d->duty = f->duty;
		d->deadline_basis = f->deadline_basis;
		d->deadline_source = f->deadline_source;
		k++;
	}
	qsort(v, k, sizeof(*v), duty_cmp);
	*n = k;
	return v;
}
