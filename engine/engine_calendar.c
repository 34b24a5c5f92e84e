/*
** engine_calendar.c: the working-day calendars of an engine, by the name
** policies choose them by (calendar "NAME"): compiled-in calendar files,
** or calendars an embedder adds from text (casecheck_engine_add_calendar).
** Each is built once and lives with the engine, because policies and
** results point to it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine.h"
#include "calendar.h"
#include "date.h"
#include "error.h"

static struct casecheck_calendar *calendar_find(struct casecheck_engine *e, const char *key)
{
	struct casecheck_calendar *c;

	for (c = e->calendars; c; c = c->next)
		if (strcmp(c->name, key) == 0)
			return c;
	return NULL;
}

/* Keep CAL under NAME in E (taking it); NULL and ERR when out of memory (CAL freed). */
static struct casecheck_calendar *calendar_keep(struct casecheck_engine *e, const char *name,
						struct calendar *cal, struct casecheck_error *err)
{
	struct casecheck_calendar *c = calloc(1, sizeof(*c));

	if (!c || !(c->name = strdup(name))) {
		free(c);
		calendar_free(cal);
		error_setf(err, CASECHECK_E_INTERNAL, "casecheck", NULL, 0, 0, "out of memory");
		return NULL;
	}
	c->cal = cal;
	c->next = e->calendars;
	e->calendars = c;
	return c;
}

/* The calendar NAME (NULL: none, Monday to Friday), built on first use. */
static struct casecheck_calendar *calendar_node(struct casecheck_engine *e, const char *name,
						struct casecheck_error *err)
{
	struct casecheck_calendar *c = calendar_find(e, name ? name : "");
	struct calendar *cal;

	if (c)
		return c;
	if (!(cal = calendar_new_named(name, CALENDAR_ENGINE_FIRST_YEAR, CALENDAR_ENGINE_LAST_YEAR,
				       err)))
		return NULL;
	return calendar_keep(e, name ? name : "", cal, err);
}

struct calendar *engine_calendar(struct casecheck_engine *e, const char *name,
				 struct casecheck_error *err)
{
	struct casecheck_calendar *c = calendar_node(e, name, err);

	return c ? c->cal : NULL;
}

const struct casecheck_calendar *casecheck_engine_calendar(struct casecheck_engine *e,
							   const char *name,
							   struct casecheck_error *err)
{
	if (!name || !*name) {
		error_setf(err, CASECHECK_E_INPUT, "calendar", NULL, 0, 0,
			   "a calendar needs a name, e.g. \"ruritania\"");
		return NULL;
	}
	return calendar_node(e, name, err);
}

/* A name a policy can write: letters, digits and "-_.", 1 to 100 bytes. */
static int calendar_name_ok(const char *name)
{
	size_t n = 0;

	if (!name)
		return 0;
	for (; name[n]; n++) {
		char ch = name[n];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.'))
			return 0;
	}
	return n >= 1 && n <= 100;
}

int casecheck_engine_add_calendar(struct casecheck_engine *e, const char *name,
				  const char *text, size_t len, const char *chunkname,
				  struct casecheck_error *err)
{
	char source[128];
	struct calendar *cal;

	if (!calendar_name_ok(name)) {
		error_setf(err, CASECHECK_E_INPUT, "calendar", NULL, 0, 0,
			   "bad calendar name '%.100s': expected 1 to 100 letters, digits, '-', '_' or '.'",
			   name ? name : "(null)");
		return -1;
	}
	snprintf(source, sizeof(source), "calendar %s", name);
	if (calendar_find(e, name)) {
		error_setf(err, CASECHECK_E_INPUT, chunkname ? chunkname : source, NULL, 0, 0,
			   "calendar '%s' is already in use in this engine: add a calendar before "
			   "loading a policy that names it", name);
		return -1;
	}
	if (!text) {
		error_setf(err, CASECHECK_E_INPUT, chunkname ? chunkname : source, NULL, 0, 0,
			   "no text given for calendar '%s'", name);
		return -1;
	}
	if (!(cal = calendar_new_text(text, len, chunkname ? chunkname : source,
				      CALENDAR_ENGINE_FIRST_YEAR, CALENDAR_ENGINE_LAST_YEAR, err)))
		return -1;
	return calendar_keep(e, name, cal, err) ? 0 : -1;
}

int casecheck_calendar_is_working_day(const struct casecheck_calendar *cal, const char *date,
				      const char **holiday)
{
	struct date_span span;
	const char *why = NULL;
	int rc;

	if (holiday)
		*holiday = NULL;
	if (!cal || !date || date_parse(date, strlen(date), &span, &why) != 0 ||
	    span.prec != DATE_DAY)
		return -1;
	if ((rc = calendar_is_working_day(cal->cal, span.lo)) != 0)
		return rc;
	calendar_is_holiday(cal->cal, span.lo, holiday);
	return 0;
}
