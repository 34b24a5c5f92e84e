/*
** check_calendar_days.c: the three compiled-in calendars, day by day from
** 2000-01-01 to 2030-12-31, against the published bank-holiday lists in
** tests/calendar/NAME.txt (each says where its years come from), through
** the public API an embedder uses (casecheck_engine_calendar,
** casecheck_calendar_is_working_day); and a calendar an embedder adds
** (casecheck_engine_add_calendar), chosen by a policy.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "casecheck.h"
#include "date.h"

static const char *root_dir(void)
{
	const char *r = getenv("CASECHECK_ROOT");

	return r && *r ? r : ".";
}

#define FIRST_YEAR 2000
#define LAST_YEAR 2030
#define NDAYS 11323		/* 2000-01-01 .. 2030-12-31 */

/*
** Mark every holiday of tests/calendar/NAME.txt in HOL (day index from
** 2000-01-01); the number of holidays listed. Lines are "YYYY-MM-DD  name"
** or comments (#); anything else fails the test, naming the line.
*/
static int read_list(const char *name, unsigned char *hol)
{
	char path[1024], line[512];
	FILE *f;
	int lineno = 0, n = 0, first = date_from_ymd(FIRST_YEAR, 1, 1), prev = -1;

	snprintf(path, sizeof(path), "%s/tests/calendar/%s.txt", root_dir(), name);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	while (fgets(line, sizeof(line), f)) {
		int y, m, d, day;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		ck_assert_msg(sscanf(line, "%4d-%2d-%2d", &y, &m, &d) == 3 && line[10] == ' ',
			      "%s:%d: expected YYYY-MM-DD and a name", path, lineno);
		day = date_from_ymd(y, m, d);
		ck_assert_msg(day - first >= 0 && day - first < NDAYS, "%s:%d: outside %d-%d",
			      path, lineno, FIRST_YEAR, LAST_YEAR);
		ck_assert_msg(day > prev, "%s:%d: not in date order, or listed twice", path, lineno);
		ck_assert_msg(date_weekday(day) < 5, "%s:%d: a bank holiday on a weekend", path, lineno);
		hol[day - first] = 1;
		prev = day;
		n++;
	}
	fclose(f);
	return n;
}

/* Every day of 2000-2030: a working day exactly when a weekday not in the list. */
static void check_days(const char *name, int want_holidays)
{
	static unsigned char hol[NDAYS];
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	const struct casecheck_calendar *cal;
	int first = date_from_ymd(FIRST_YEAR, 1, 1), i, n, bad = 0;
	char iso[16];

	ck_assert_ptr_nonnull(e);
	memset(hol, 0, sizeof(hol));
	n = read_list(name, hol);
	ck_assert_msg(n == want_holidays, "%s lists %d holidays, want %d", name, n, want_holidays);
	cal = casecheck_engine_calendar(e, name, &err);
	ck_assert_msg(cal != NULL, "%s: %s", err.source, err.text);
	ck_assert_int_eq(date_from_ymd(LAST_YEAR, 12, 31) - first + 1, NDAYS);
	for (i = 0; i < NDAYS; i++) {
		const char *h = "unset";
		int want = date_weekday(first + i) < 5 && !hol[i];
		int got;

		date_format_iso(first + i, iso, sizeof(iso));
		got = casecheck_calendar_is_working_day(cal, iso, &h);
		if (got != want) {
			/* every difference, then one failure */
			fprintf(stderr, "%s: %s is %s by the calendar (%s), %s by the list\n", name, iso,
				got == 1 ? "a working day" : got == 0 ? "not a working day" : "an error",
				h ? h : "weekend", want ? "a working day" : "a holiday or weekend");
			bad++;
		}
		/* a holiday has a name; a working day none */
		if (got == 0 && hol[i])
			ck_assert_msg(h && *h, "%s: %s has no holiday name", name, iso);
		else if (got == 1)
			ck_assert_ptr_null(h);
	}
	ck_assert_msg(bad == 0, "%s: %d days differ from tests/calendar/%s.txt", name, bad, name);
	casecheck_engine_free(e);
}

/* The counts are those of the lists (read by hand: 8 a year, plus the extras). */
START_TEST(test_england_wales_2000_2030)
{
	/* 31 years x 8, plus 2002, 2011, 2012, 2023 one extra and 2022 two */
	check_days("england-wales", 31 * 8 + 6);
}
END_TEST

START_TEST(test_scotland_2000_2030)
{
	/* 31 x 8, plus St Andrew's Day 2007-2030 (24), plus the same six extras */
	check_days("scotland", 31 * 8 + 24 + 6);
}
END_TEST

START_TEST(test_northern_ireland_2000_2030)
{
	/* 31 x 10 (England and Wales's eight, St Patrick's Day, 12 July), plus six */
	check_days("northern-ireland", 31 * 10 + 6);
}
END_TEST

START_TEST(test_holiday_names)
{
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	const struct casecheck_calendar *ni, *sc;
	const char *h = NULL;

	ck_assert_ptr_nonnull(e);
	ni = casecheck_engine_calendar(e, "northern-ireland", &err);
	sc = casecheck_engine_calendar(e, "scotland", &err);
	ck_assert_ptr_nonnull(ni);
	ck_assert_ptr_nonnull(sc);
	/* the same handle for the same name */
	ck_assert_ptr_eq(casecheck_engine_calendar(e, "scotland", &err), sc);
	ck_assert_int_eq(casecheck_calendar_is_working_day(ni, "2024-03-18", &h), 0);
	ck_assert_str_eq(h, "St Patrick's Day (substitute day)");
	ck_assert_int_eq(casecheck_calendar_is_working_day(ni, "2025-07-14", &h), 0);
	ck_assert_str_eq(h, "Battle of the Boyne (Orangemen's Day) (substitute day)");
	ck_assert_int_eq(casecheck_calendar_is_working_day(ni, "2023-07-12", &h), 0);
	ck_assert_str_eq(h, "Battle of the Boyne (Orangemen's Day)");
	ck_assert_int_eq(casecheck_calendar_is_working_day(ni, "2022-09-19", &h), 0);
	ck_assert_str_eq(h, "State funeral of Queen Elizabeth II");
	/* a weekend day: not working, no holiday */
	ck_assert_int_eq(casecheck_calendar_is_working_day(ni, "2024-03-17", &h), 0);
	ck_assert_ptr_null(h);
	/* St Andrew's Day from 2007 only */
	ck_assert_int_eq(casecheck_calendar_is_working_day(sc, "2006-11-30", &h), 1);
	ck_assert_int_eq(casecheck_calendar_is_working_day(sc, "2007-11-30", &h), 0);
	ck_assert_str_eq(h, "St Andrew's Day");
	/* not a day, or outside 1900-2200 */
	ck_assert_int_eq(casecheck_calendar_is_working_day(sc, "2019-02-30", &h), -1);
	ck_assert_int_eq(casecheck_calendar_is_working_day(sc, "2019-05", &h), -1);
	ck_assert_int_eq(casecheck_calendar_is_working_day(sc, "2201-01-05", &h), -1);
	ck_assert_int_eq(casecheck_calendar_is_working_day(sc, NULL, &h), -1);
	ck_assert_int_eq(casecheck_calendar_is_working_day(sc, "2019-05-07", NULL), 1);
	/* no such calendar: the nearest name */
	ck_assert_ptr_null(casecheck_engine_calendar(e, "northern-irland", &err));
	ck_assert_str_eq(err.text, "no calendar named 'northern-irland' in the library (a calendar "
			 "is policies/NAME/calendar.lua) (did you mean 'northern-ireland'?)");
	ck_assert_ptr_null(casecheck_engine_calendar(e, "", &err));
	casecheck_engine_free(e);
}
END_TEST

/* examples/policies/example/record.lua as text, with its calendar line replaced by CAL. */
static char *record_policy(const char *cal)
{
	char path[1024], *text, *out, *at;
	const char *line = "calendar \"england-wales\"";
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/examples/policies/example/record.lua", root_dir());
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = calloc((size_t)n + 1, 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq((long)fread(text, 1, (size_t)n, f), n);
	fclose(f);
	at = strstr(text, line);
	ck_assert_ptr_nonnull(at);
	out = calloc((size_t)n + strlen(cal) + 16, 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, text, (size_t)(at - text));
	sprintf(out + (at - text), "calendar \"%s\"%s", cal, at + strlen(line));
	free(text);
	return out;
}

/* The due date of the one finding of examples/fixtures/record-on-time.json under POLICY_TEXT. */
static void assert_due(struct casecheck_engine *e, const char *policy_text, const char *want)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_policy *p;
	struct casecheck_case *k;
	struct casecheck_result *r;
	char path[1024];

	p = casecheck_policy_load_string(e, policy_text, strlen(policy_text),
					 "examples/policies/example/record.lua", &err);
	ck_assert_msg(p != NULL, "%s: %s", err.source, err.text);
	snprintf(path, sizeof(path), "%s/examples/fixtures/record-on-time.json", root_dir());
	k = casecheck_case_load_file(e, path, p, &errs);
	ck_assert_ptr_nonnull(k);
	r = casecheck_evaluate(e, p, k, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.text);
	ck_assert_uint_eq(casecheck_result_count(r), 1);
	ck_assert_str_eq(casecheck_result_finding(r, 0)->due, want);
	casecheck_result_free(r);
	casecheck_case_free(k);
	casecheck_errors_free(&errs);
}

/*
** An embedder's calendar: a plain list of holidays, and a replacement for a
** compiled-in one, each chosen by a policy's calendar "NAME". Ten working
** days from Thursday 30 April 2020: 14 May with no holiday, 15 May with
** England and Wales's 8 May, 18 May with 8 and 12 May.
*/
static const char list_text[] =
	"return { jurisdiction = \"Example Land\", regular = {}, changes = {\n"
	"  { add = \"2020-05-08\", why = \"Example Day\" },\n"
	"  { add = \"2020-05-12\", why = \"Second Example Day\" },\n"
	"} }\n";

START_TEST(test_embedder_calendar)
{
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	const struct casecheck_calendar *cal;
	const char *h = NULL;
	char *text;

	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "example-land", list_text,
						       strlen(list_text), NULL, &err), 0);
	cal = casecheck_engine_calendar(e, "example-land", &err);
	ck_assert_ptr_nonnull(cal);
	ck_assert_int_eq(casecheck_calendar_is_working_day(cal, "2020-05-12", &h), 0);
	ck_assert_str_eq(h, "Second Example Day");
	ck_assert_int_eq(casecheck_calendar_is_working_day(cal, "2020-12-25", &h), 1);
	text = record_policy("example-land");
	assert_due(e, text, "2020-05-18");
	free(text);
	/* the compiled-in calendar, as the example policy has it */
	text = record_policy("england-wales");
	assert_due(e, text, "2020-05-15");
	free(text);
	/* a name in use cannot change under the policies and results that use it */
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "england-wales", list_text,
						       strlen(list_text), "mine.lua", &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_INPUT);
	ck_assert_str_eq(err.source, "mine.lua");
	ck_assert_str_eq(err.text, "calendar 'england-wales' is already in use in this engine: "
			 "add a calendar before loading a policy that names it");
	casecheck_engine_free(e);

	/* replacing a compiled-in calendar before any policy names it */
	e = casecheck_engine_new(NULL, &err);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "england-wales", list_text,
						       strlen(list_text), NULL, &err), 0);
	text = record_policy("england-wales");
	assert_due(e, text, "2020-05-18");
	free(text);
	casecheck_engine_free(e);
}
END_TEST

START_TEST(test_embedder_calendar_errors)
{
	static const char loop[] = "while true do end";
	static const char grow[] = "local t = {} for i = 1, 1e9 do t[i] = i end return t";
	static const char bad_entry[] = "return { jurisdiction = \"X\", changes = {\n"
		"  { add = \"2020-05-09\", why = \"a Saturday\" } } }";
	static const char bad_rule[] = "return { jurisdiction = \"X\", changes = {}, regular = {\n"
		"  { rule = \"fixed\", on = \"13-01\", name = \"x\" } } }";
	static const char io[] = "return io.open('/etc/passwd')";
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);

	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "a b", bad_entry, strlen(bad_entry), NULL, &err), -1);
	ck_assert_str_eq(err.text, "bad calendar name 'a b': expected 1 to 100 letters, digits, '-', '_' or '.'");
	ck_assert_int_eq(casecheck_engine_add_calendar(e, NULL, bad_entry, 1, NULL, &err), -1);
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "x", NULL, 0, NULL, &err), -1);
	ck_assert_str_eq(err.text, "no text given for calendar 'x'");

	ck_assert_int_eq(casecheck_engine_add_calendar(e, "x", bad_entry, strlen(bad_entry), NULL, &err), -1);
	ck_assert_int_eq(err.kind, CASECHECK_E_INPUT);
	ck_assert_str_eq(err.source, "calendar x");
	ck_assert_str_eq(err.text, "cannot add \"2020-05-09\" in changes[1]: a Saturday or Sunday");
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "x", bad_rule, strlen(bad_rule), "x.lua", &err), -1);
	ck_assert_str_eq(err.source, "x.lua");
	ck_assert_str_eq(err.text, "rule \"fixed\" in regular[1] needs on = \"MM-DD\", the day of the "
			 "year it falls on (\"03-17\")");
	/* data, not a program: no library, bounded instructions and memory */
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "x", io, strlen(io), "x.lua", &err), -1);
	ck_assert_str_eq(err.text, "cannot run it: x.lua:1: attempt to index a nil value (global 'io')");
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "x", loop, strlen(loop), "x.lua", &err), -1);
	ck_assert_msg(strstr(err.text, "instruction budget exceeded") != NULL, "%s", err.text);
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "x", grow, strlen(grow), "x.lua", &err), -1);
	ck_assert_msg(strstr(err.text, "not enough memory") != NULL ||
		      strstr(err.text, "instruction budget exceeded") != NULL, "%s", err.text);
	/* a failed add leaves the name free */
	ck_assert_int_eq(casecheck_engine_add_calendar(e, "x", list_text, strlen(list_text), NULL, &err), 0);
	casecheck_engine_free(e);
}
END_TEST

/* Found by check_main.c through the generated suites.h. */
Suite *calendar_days_suite(void);

Suite *calendar_days_suite(void)
{
	Suite *s = suite_create("calendar_days");
	TCase *days = tcase_create("published_lists");
	TCase *api = tcase_create("embedder");

	tcase_add_test(days, test_england_wales_2000_2030);
	tcase_add_test(days, test_scotland_2000_2030);
	tcase_add_test(days, test_northern_ireland_2000_2030);
	tcase_add_test(days, test_holiday_names);
	tcase_set_timeout(days, 30);
	suite_add_tcase(s, days);
	tcase_add_test(api, test_embedder_calendar);
	tcase_add_test(api, test_embedder_calendar_errors);
	tcase_set_timeout(api, 30);
	suite_add_tcase(s, api);
	return s;
}
