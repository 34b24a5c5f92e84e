/*
** check_calendar.c: the England and Wales working-day calendar against every
** check in the calendar rules (docs/case-format.md), each one-off year, whole years of
** holidays, and the errors a policy author sees for a broken calendar.lua.
** Loads the real policies/england-wales/calendar.lua from $CASECHECK_ROOT (or ".").
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "calendar.h"
#include "date.h"

static int ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static const char *iso(int day, char buf[16])
{
	date_format_iso(day, buf, 16);
	return buf;
}

/* The regular rules plus the real policies/england-wales/calendar.lua, read from disk. */
static struct calendar *load_calendar(int first, int last)
{
	const char *root = getenv("CASECHECK_ROOT");
	char path[1024];
	struct casecheck_error err;
	struct calendar *cal;
	lua_State *L = luaL_newstate();

	ck_assert_ptr_nonnull(L);
	snprintf(path, sizeof(path), "%s/policies/england-wales/calendar.lua", root && *root ? root : ".");
	ck_assert_msg(luaL_loadfilex(L, path, "t") == LUA_OK, "cannot load %s: %s", path,
		      lua_tostring(L, -1));
	ck_assert_msg(lua_pcall(L, 0, 1, 0) == LUA_OK, "cannot run %s: %s", path,
		      lua_tostring(L, -1));
	cal = calendar_new(first, last);
	ck_assert_ptr_nonnull(cal);
	memset(&err, 0, sizeof(err));
	ck_assert_msg(calendar_apply_lua(cal, L, -1, "policies/england-wales/calendar.lua", &err) == 0, "%s: %s", err.source, err.text);
	ck_assert_int_eq(lua_gettop(L), 1);	/* the table, and nothing left behind */
	lua_close(L);
	return cal;
}

static void assert_holiday(const struct calendar *cal, int day, const char *name)
{
	const char *got = NULL;
	char buf[16];

	ck_assert_msg(calendar_is_holiday(cal, day, &got) == 1, "%s is not a holiday",
		      iso(day, buf));
	ck_assert_msg(got && strcmp(got, name) == 0, "%s is \"%s\", want \"%s\"", iso(day, buf),
		      got ? got : "(null)", name);
	ck_assert_int_eq(calendar_is_working_day(cal, day), 0);
}

static void assert_working(const struct calendar *cal, int day)
{
	const char *name = "unset";
	char buf[16];

	ck_assert_msg(calendar_is_holiday(cal, day, &name) == 0, "%s is a holiday (%s)",
		      iso(day, buf), name ? name : "");
	ck_assert_ptr_null(name);
	ck_assert_msg(calendar_is_working_day(cal, day) == 1, "%s is not a working day",
		      iso(day, buf));
}

static int add_wd(const struct calendar *cal, int day, int n)
{
	int out = 0;
	char buf[16];

	ck_assert_msg(calendar_add_working_days(cal, day, n, &out) == 0,
		      "%d working days after %s failed", n, iso(day, buf));
	return out;
}

static size_t holidays_in_year(const struct calendar *cal, int y)
{
	return calendar_holidays_between(cal, ymd(y, 1, 1) - 1, ymd(y, 12, 31), NULL, NULL, 0);
}

/* Every holiday of year Y, in order, as "MM-DD" strings. */
static void assert_year(const struct calendar *cal, int y, const char *const *want, size_t n)
{
	int days[16];
	size_t got = calendar_holidays_between(cal, ymd(y, 1, 1) - 1, ymd(y, 12, 31), days, NULL, 16);
	size_t i;
	char buf[16];

	ck_assert_msg(got == n, "%d has %zu holidays, want %zu", y, got, n);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(iso(days[i], buf) + 5, want[i]);
}

START_TEST(test_easter)
{
	/* calendar.md's checks, then the earliest and latest possible dates */
	ck_assert_int_eq(calendar_easter(2002), ymd(2002, 3, 31));
	ck_assert_int_eq(calendar_easter(2016), ymd(2016, 3, 27));
	ck_assert_int_eq(calendar_easter(2019), ymd(2019, 4, 21));
	ck_assert_int_eq(calendar_easter(2021), ymd(2021, 4, 4));
	ck_assert_int_eq(calendar_easter(2024), ymd(2024, 3, 31));
	ck_assert_int_eq(calendar_easter(2038), ymd(2038, 4, 25));
	ck_assert_int_eq(calendar_easter(1990), ymd(1990, 4, 15));
	ck_assert_int_eq(calendar_easter(2000), ymd(2000, 4, 23));
	ck_assert_int_eq(calendar_easter(2008), ymd(2008, 3, 23));
	ck_assert_int_eq(calendar_easter(2011), ymd(2011, 4, 24));
	ck_assert_int_eq(calendar_easter(2040), ymd(2040, 4, 1));
	ck_assert_int_eq(calendar_easter(2285), ymd(2285, 3, 22));
	ck_assert_int_eq(calendar_easter(1943), ymd(1943, 4, 25));
}
END_TEST

START_TEST(test_easter_is_sunday_every_year)
{
	struct calendar *cal = load_calendar(CALENDAR_ENGINE_FIRST_YEAR, CALENDAR_ENGINE_LAST_YEAR);
	int y;

	for (y = CALENDAR_ENGINE_FIRST_YEAR; y <= CALENDAR_ENGINE_LAST_YEAR; y++) {
		int e = calendar_easter(y);

		ck_assert_int_eq(date_weekday(e), 6);
		assert_holiday(cal, e - 2, "Good Friday");
		assert_holiday(cal, e + 1, "Easter Monday");
	}
	calendar_free(cal);
}
END_TEST

START_TEST(test_christmas_substitutes)
{
	struct calendar *cal = load_calendar(1990, 2040);

	/* 2021-12-25 is a Saturday: Monday 27 and Tuesday 28 */
	ck_assert_int_eq(calendar_is_holiday(cal, ymd(2021, 12, 25), NULL), 0);
	ck_assert_int_eq(calendar_is_holiday(cal, ymd(2021, 12, 26), NULL), 0);
	assert_holiday(cal, ymd(2021, 12, 27), "Christmas Day (substitute day)");
	assert_holiday(cal, ymd(2021, 12, 28), "Boxing Day (substitute day)");
	assert_working(cal, ymd(2021, 12, 29));
	/* 2022-12-25 is a Sunday: Monday 26 and Tuesday 27 */
	assert_holiday(cal, ymd(2022, 12, 26), "Boxing Day");
	assert_holiday(cal, ymd(2022, 12, 27), "Christmas Day (substitute day)");
	assert_working(cal, ymd(2022, 12, 28));
	/* 2020-12-25 is a Friday: Boxing Day moves to Monday 28 */
	assert_holiday(cal, ymd(2020, 12, 25), "Christmas Day");
	assert_holiday(cal, ymd(2020, 12, 28), "Boxing Day (substitute day)");
	/* 2019: Wednesday and Thursday */
	assert_holiday(cal, ymd(2019, 12, 25), "Christmas Day");
	assert_holiday(cal, ymd(2019, 12, 26), "Boxing Day");
	assert_working(cal, ymd(2019, 12, 27));
	calendar_free(cal);
}
END_TEST

START_TEST(test_new_year_substitutes)
{
	struct calendar *cal = load_calendar(1990, 2040);

	assert_holiday(cal, ymd(2022, 1, 3), "New Year's Day (substitute day)");	/* Saturday */
	assert_holiday(cal, ymd(2017, 1, 2), "New Year's Day (substitute day)");	/* Sunday */
	assert_holiday(cal, ymd(2019, 1, 1), "New Year's Day");
	assert_working(cal, ymd(2019, 1, 2));
	calendar_free(cal);
}
END_TEST

START_TEST(test_calendar_md_working_days)
{
	struct calendar *cal = load_calendar(1990, 2040);
	char buf[16];

	/* 2019-04-18 (calendar.md says Friday; it is Thursday), Good Friday 19, Easter Monday 22 */
	ck_assert_str_eq(iso(add_wd(cal, ymd(2019, 4, 18), 1), buf), "2019-04-23");
	/* 10 working days after Monday 2002-05-27: 3 and 4 June are holidays, 27 May not */
	ck_assert_str_eq(iso(add_wd(cal, ymd(2002, 5, 27), 10), buf), "2002-06-12");
	assert_working(cal, ymd(2002, 5, 27));
	/* from a weekend or a holiday, counting starts on the next working day */
	ck_assert_str_eq(iso(add_wd(cal, ymd(2019, 4, 19), 1), buf), "2019-04-23");
	ck_assert_str_eq(iso(add_wd(cal, ymd(2019, 4, 20), 2), buf), "2019-04-24");
	ck_assert_str_eq(iso(add_wd(cal, ymd(2019, 4, 23), 0), buf), "2019-04-23");
	/* across the year end: Christmas 2021 on Saturday, New Year 2022 too */
	ck_assert_str_eq(iso(add_wd(cal, ymd(2021, 12, 24), 1), buf), "2021-12-29");
	ck_assert_str_eq(iso(add_wd(cal, ymd(2021, 12, 31), 1), buf), "2022-01-04");
	calendar_free(cal);
}
END_TEST

START_TEST(test_one_off_years)
{
	struct calendar *cal = load_calendar(1990, 2040);
	const char *name = NULL;

	/* 1995: Early May holiday moved from 1 May to Monday 8 May */
	assert_working(cal, ymd(1995, 5, 1));
	ck_assert_int_eq(calendar_is_holiday(cal, ymd(1995, 5, 8), &name), 1);
	ck_assert_ptr_nonnull(strstr(name, "VE Day"));
	/* 1999: Friday 31 December */
	assert_holiday(cal, ymd(1999, 12, 31), "Millennium Eve");
	/* 2002: Spring holiday 27 May to Tuesday 4 June; Monday 3 June extra */
	assert_working(cal, ymd(2002, 5, 27));
	assert_holiday(cal, ymd(2002, 6, 3), "Golden Jubilee");
	assert_holiday(cal, ymd(2002, 6, 4), "Spring bank holiday (moved for the Golden Jubilee)");
	/* 2011: Friday 29 April */
	assert_holiday(cal, ymd(2011, 4, 29), "Royal wedding");
	/* 2012: Spring holiday 28 May to Monday 4 June; Tuesday 5 June extra */
	assert_working(cal, ymd(2012, 5, 28));
	assert_holiday(cal, ymd(2012, 6, 4), "Spring bank holiday (moved for the Diamond Jubilee)");
	assert_holiday(cal, ymd(2012, 6, 5), "Diamond Jubilee");
	/* 2020: Early May holiday 4 May to Friday 8 May */
	assert_working(cal, ymd(2020, 5, 4));
	ck_assert_int_eq(calendar_is_holiday(cal, ymd(2020, 5, 8), &name), 1);
	ck_assert_ptr_nonnull(strstr(name, "VE Day"));
	/* 2022: Spring holiday 30 May to Thursday 2 June; Friday 3 June and Monday 19 September */
	assert_working(cal, ymd(2022, 5, 30));
	assert_holiday(cal, ymd(2022, 6, 2), "Spring bank holiday (moved for the Platinum Jubilee)");
	assert_holiday(cal, ymd(2022, 6, 3), "Platinum Jubilee");
	assert_holiday(cal, ymd(2022, 9, 19), "State funeral of Queen Elizabeth II");
	/* 2023: Monday 8 May extra; the Early May holiday (1 May) stays */
	assert_holiday(cal, ymd(2023, 5, 8), "Coronation of King Charles III");
	assert_holiday(cal, ymd(2023, 5, 1), "Early May bank holiday");
	calendar_free(cal);
}
END_TEST

START_TEST(test_whole_years)
{
	static const char *const y2019[] = {
		"01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"
	};
	static const char *const y2020[] = {
		"01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"
	};
	static const char *const y2022[] = {
		"01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19",
		"12-26", "12-27"
	};
	struct calendar *cal = load_calendar(1990, 2040);

	assert_year(cal, 2019, y2019, 8);
	assert_year(cal, 2020, y2020, 8);
	assert_year(cal, 2022, y2022, 10);
	calendar_free(cal);
}
END_TEST

START_TEST(test_holidays_per_year)
{
	struct calendar *cal = load_calendar(CALENDAR_ENGINE_FIRST_YEAR, CALENDAR_ENGINE_LAST_YEAR);
	int y;

	/* eight a year since New Year's Day (1974) and Early May (1978) joined */
	for (y = 1978; y <= CALENDAR_ENGINE_LAST_YEAR; y++) {
		size_t want = 8;

		if (y == 1981 || y == 1999 || y == 2002 || y == 2011 || y == 2012 || y == 2023)
			want = 9;
		else if (y == 2022)
			want = 10;
		ck_assert_msg(holidays_in_year(cal, y) == want, "%d has %zu holidays, want %zu", y,
			      holidays_in_year(cal, y), want);
	}
	calendar_free(cal);
}
END_TEST

START_TEST(test_regular_rules_only)
{
	struct calendar *cal = calendar_new(1990, 2040);
	int y;

	ck_assert_ptr_nonnull(cal);
	/* without calendar.lua the one-offs are not there */
	assert_holiday(cal, ymd(1995, 5, 1), "Early May bank holiday");
	assert_holiday(cal, ymd(2002, 5, 27), "Spring bank holiday");
	assert_holiday(cal, ymd(2022, 8, 29), "Summer bank holiday");
	assert_working(cal, ymd(2022, 9, 19));
	for (y = 1990; y <= 2040; y++)
		ck_assert_uint_eq(holidays_in_year(cal, y), 8);
	calendar_free(cal);
}
END_TEST

/* The O(1) answers agree with counting day by day, over the whole range. */
START_TEST(test_working_days_match_naive_count)
{
	static const int ns[] = { 1, 2, 5, 10, 20, 28 };
	struct calendar *cal = load_calendar(1990, 2040);
	int first = ymd(1990, 1, 1), last = ymd(2040, 10, 31), day;
	size_t k;

	for (day = first; day <= last; day++) {
		for (k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
			int d = day, left = ns[k], between = 0;

			while (left > 0)
				if (calendar_is_working_day(cal, ++d) == 1)
					left--;
			ck_assert_int_eq(add_wd(cal, day, ns[k]), d);
			ck_assert_int_eq(calendar_working_days_between(cal, day, d, &between), 0);
			ck_assert_int_eq(between, ns[k]);
		}
	}
	calendar_free(cal);
}
END_TEST

START_TEST(test_holidays_between)
{
	struct calendar *cal = load_calendar(1990, 2040);
	int days[4];
	const char *names[4];
	char buf[16];

	/* (27 May, 12 June 2002]: what an explanation of the 10 working days lists */
	ck_assert_uint_eq(calendar_holidays_between(cal, ymd(2002, 5, 27), ymd(2002, 6, 12),
						    days, names, 4), 2);
	ck_assert_str_eq(iso(days[0], buf), "2002-06-03");
	ck_assert_str_eq(names[0], "Golden Jubilee");
	ck_assert_str_eq(iso(days[1], buf), "2002-06-04");
	/* the start is excluded, the end included */
	ck_assert_uint_eq(calendar_holidays_between(cal, ymd(2019, 4, 19), ymd(2019, 4, 22),
						    days, names, 4), 1);
	ck_assert_str_eq(names[0], "Easter Monday");
	/* more than MAX: the count of all, only MAX filled */
	days[1] = -1;
	ck_assert_uint_eq(calendar_holidays_between(cal, ymd(2018, 12, 31), ymd(2019, 12, 31),
						    days, NULL, 1), 8);
	ck_assert_str_eq(iso(days[0], buf), "2019-01-01");
	ck_assert_int_eq(days[1], -1);
	ck_assert_uint_eq(calendar_holidays_between(cal, ymd(2019, 6, 1), ymd(2019, 5, 1),
						    days, names, 4), 0);
	calendar_free(cal);
}
END_TEST

START_TEST(test_out_of_range)
{
	struct calendar *cal = load_calendar(1990, 2040);
	int out = 12345, n = 0;

	ck_assert_int_eq(calendar_first_year(cal), 1990);
	ck_assert_int_eq(calendar_last_year(cal), 2040);
	ck_assert_int_eq(calendar_in_range(cal, ymd(1990, 1, 1)), 1);
	ck_assert_int_eq(calendar_in_range(cal, ymd(2040, 12, 31)), 1);
	ck_assert_int_eq(calendar_in_range(cal, ymd(1989, 12, 31)), 0);
	ck_assert_int_eq(calendar_in_range(cal, ymd(2041, 1, 1)), 0);
	ck_assert_int_eq(calendar_is_holiday(cal, ymd(1989, 12, 25), NULL), -1);
	ck_assert_int_eq(calendar_is_working_day(cal, ymd(2041, 1, 2)), -1);
	/* the answer would fall after 2040 */
	ck_assert_int_eq(calendar_add_working_days(cal, ymd(2040, 12, 28), 10, &out), -1);
	ck_assert_int_eq(calendar_add_working_days(cal, ymd(2040, 12, 28), 1, &out), 0);
	ck_assert_int_eq(out, ymd(2040, 12, 31));
	ck_assert_int_eq(calendar_add_working_days(cal, ymd(2040, 12, 31), 1, &out), -1);
	ck_assert_int_eq(calendar_add_working_days(cal, ymd(1989, 12, 29), 1, &out), -1);
	ck_assert_int_eq(calendar_add_working_days(cal, ymd(2019, 1, 2), -1, &out), -1);
	ck_assert_int_eq(calendar_working_days_between(cal, ymd(1989, 1, 2), ymd(2019, 1, 2), &n), -1);
	/* backwards counts are negative */
	ck_assert_int_eq(calendar_working_days_between(cal, ymd(2019, 4, 23), ymd(2019, 4, 18), &n), 0);
	ck_assert_int_eq(n, -1);
	calendar_free(cal);

	ck_assert_ptr_null(calendar_new(2001, 2000));
	ck_assert_ptr_null(calendar_new(1500, 2000));
	ck_assert_ptr_null(calendar_new(2000, 10000));
	calendar_free(NULL);
}
END_TEST

/* A calendar of one year takes that year's changes and skips the others. */
START_TEST(test_small_range)
{
	struct calendar *cal = load_calendar(2002, 2002);
	char buf[16];

	ck_assert_uint_eq(holidays_in_year(cal, 2002), 9);
	ck_assert_str_eq(iso(add_wd(cal, ymd(2002, 5, 27), 10), buf), "2002-06-12");
	calendar_free(cal);
}
END_TEST

START_TEST(test_move_and_add_api)
{
	struct calendar *cal = calendar_new(2019, 2019);
	const char *name = NULL;
	char buf[16];

	ck_assert_ptr_nonnull(cal);
	ck_assert_int_eq(calendar_add_holiday(cal, ymd(2019, 5, 7), "Test day"), 0);
	assert_holiday(cal, ymd(2019, 5, 7), "Test day");
	ck_assert_int_eq(calendar_add_holiday(cal, ymd(2019, 5, 7), "again"), -1);
	ck_assert_int_eq(calendar_add_holiday(cal, ymd(2019, 5, 4), "Saturday"), -1);
	ck_assert_int_eq(calendar_add_holiday(cal, ymd(2020, 5, 5), "next year"), -1);
	/* Early May (Monday 6) to Friday 10 */
	ck_assert_int_eq(calendar_move_holiday(cal, ymd(2019, 5, 6), ymd(2019, 5, 10), "Moved"), 0);
	assert_working(cal, ymd(2019, 5, 6));
	ck_assert_int_eq(calendar_is_holiday(cal, ymd(2019, 5, 10), &name), 1);
	ck_assert_str_eq(name, "Moved");
	ck_assert_str_eq(iso(add_wd(cal, ymd(2019, 5, 3), 1), buf), "2019-05-06");
	ck_assert_str_eq(iso(add_wd(cal, ymd(2019, 5, 3), 3), buf), "2019-05-09");
	ck_assert_str_eq(iso(add_wd(cal, ymd(2019, 5, 3), 4), buf), "2019-05-13");
	ck_assert_int_eq(calendar_move_holiday(cal, ymd(2019, 5, 6), ymd(2019, 5, 8), "x"), -1);
	ck_assert_int_eq(calendar_move_holiday(cal, ymd(2019, 5, 10), ymd(2019, 5, 7), "x"), -1);
	ck_assert_uint_eq(holidays_in_year(cal, 2019), 9);
	calendar_free(cal);
}
END_TEST

START_TEST(test_embedded_calendar)
{
	struct casecheck_error err;
	struct calendar *cal;

	memset(&err, 0, sizeof(err));
	cal = calendar_new_named("england-wales", 1990, 2040, &err);
	ck_assert_msg(cal != NULL, "%s: %s", err.source, err.text);
	assert_holiday(cal, ymd(2022, 9, 19), "State funeral of Queen Elizabeth II");
	assert_working(cal, ymd(2002, 5, 27));
	calendar_free(cal);
	ck_assert_ptr_null(calendar_new_named("england-wales", 2000, 1999, &err));
	ck_assert_str_eq(err.source, "policies/england-wales/calendar.lua");
	/* a name the library has no calendar for */
	ck_assert_ptr_null(calendar_new_named("atlantis", 2000, 2001, &err));
	ck_assert_str_eq(err.text, "no calendar named 'atlantis' in the library (a calendar is policies/NAME/calendar.lua)");
	/* no name: Monday to Friday, no holiday at all */
	cal = calendar_new_named(NULL, 2000, 2030, &err);
	ck_assert_ptr_nonnull(cal);
	assert_working(cal, ymd(2019, 12, 25));
	assert_working(cal, ymd(2020, 1, 1));
	ck_assert_uint_eq(holidays_in_year(cal, 2019), 0);
	calendar_free(cal);
}
END_TEST

/*
** Scotland's calendar (policies/scotland/calendar.lua) against the bank
** holidays published for Scotland, 2020-2025: 1 and 2 January with their
** substitutes, no Easter Monday, the first Monday of August, St Andrew's Day
** with its Monday substitute, and the one-offs.
*/
START_TEST(test_scotland_calendar)
{
	static const char *const y2020[] = { "01-01", "01-02", "04-10", "05-08", "05-25", "08-03",
		"11-30", "12-25", "12-28" };
	static const char *const y2021[] = { "01-01", "01-04", "04-02", "05-03", "05-31", "08-02",
		"11-30", "12-27", "12-28" };
	static const char *const y2022[] = { "01-03", "01-04", "04-15", "05-02", "06-02", "06-03",
		"08-01", "09-19", "11-30", "12-26", "12-27" };
	static const char *const y2023[] = { "01-02", "01-03", "04-07", "05-01", "05-08", "05-29",
		"08-07", "11-30", "12-25", "12-26" };
	static const char *const y2024[] = { "01-01", "01-02", "03-29", "05-06", "05-27", "08-05",
		"12-02", "12-25", "12-26" };
	static const char *const y2025[] = { "01-01", "01-02", "04-18", "05-05", "05-26", "08-04",
		"12-01", "12-25", "12-26" };
	struct casecheck_error err;
	struct calendar *cal;

	memset(&err, 0, sizeof(err));
	cal = calendar_new_named("scotland", 2014, 2040, &err);
	ck_assert_msg(cal != NULL, "%s: %s", err.source, err.text);
	assert_year(cal, 2020, y2020, 9);
	assert_year(cal, 2021, y2021, 9);
	assert_year(cal, 2022, y2022, 11);
	assert_year(cal, 2023, y2023, 10);
	assert_year(cal, 2024, y2024, 9);
	assert_year(cal, 2025, y2025, 9);
	assert_holiday(cal, ymd(2024, 12, 2), "St Andrew's Day (substitute day)");
	assert_holiday(cal, ymd(2023, 1, 2), "2 January");
	assert_working(cal, ymd(2024, 4, 1));		/* Easter Monday */
	assert_working(cal, ymd(2024, 8, 26));		/* the last Monday of August */
	calendar_free(cal);
}
END_TEST

/*
** Apply the table that TEXT returns to a 2019 calendar (a state with the
** base library, so a test can set metatables); the error text, or "" on success.
*/
static const char *apply_text(const char *text, struct casecheck_error *err)
{
	struct calendar *cal = calendar_new(2019, 2019);
	lua_State *L = luaL_newstate();
	int rc;

	ck_assert_ptr_nonnull(cal);
	luaL_openlibs(L);
	ck_assert_msg(luaL_loadstring(L, text) == LUA_OK && lua_pcall(L, 0, 1, 0) == LUA_OK,
		      "%s", lua_tostring(L, -1));
	memset(err, 0, sizeof(*err));
	rc = calendar_apply_lua(cal, L, -1, "policies/england-wales/calendar.lua", err);
	ck_assert_int_eq(lua_gettop(L), 1);
	lua_close(L);
	calendar_free(cal);
	if (rc == 0)
		return "";
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(err->source, "policies/england-wales/calendar.lua");
	ck_assert_int_eq(err->kind, CASECHECK_E_INPUT);
	return err->text;
}

#define PRE "return { jurisdiction = \"England and Wales\", changes = { "

START_TEST(test_apply_errors)
{
	struct casecheck_error err;

	ck_assert_str_eq(apply_text(PRE "{ add = \"2019-05-07\", why = \"x\" } } }", &err), "");
	ck_assert_str_eq(apply_text(PRE "} }", &err), "");
	/* changes for other years are skipped */
	ck_assert_str_eq(apply_text(PRE "{ move = { \"2020-05-04\", \"2020-05-08\" }, why = \"x\" } } }", &err), "");

	ck_assert_str_eq(apply_text(PRE "{ add = \"2019-02-30\", why = \"x\" } } }", &err),
			 "bad date \"2019-02-30\" in changes[1]: day 30 is not in February");
	ck_assert_str_eq(apply_text(PRE "{ add = \"2019-05\", why = \"x\" } } }", &err),
			 "bad date \"2019-05\" in changes[1]: expected a day, YYYY-MM-DD");
	ck_assert_str_eq(apply_text(PRE "{ add = 20190507, why = \"x\" } } }", &err),
			 "add in changes[1] is a number, not a date string \"YYYY-MM-DD\"");
	ck_assert_str_eq(apply_text(PRE "{ add = \"2019-05-07\", why = \"x\" }, { add = \"2019-05-04\", why = \"y\" } } }", &err),
			 "cannot add \"2019-05-04\" in changes[2]: a Saturday or Sunday");
	ck_assert_str_eq(apply_text(PRE "{ add = \"2019-12-25\", why = \"x\" } } }", &err),
			 "cannot add \"2019-12-25\" in changes[1]: already a bank holiday");
	ck_assert_str_eq(apply_text(PRE "{ move = { \"2019-05-07\", \"2019-05-08\" }, why = \"x\" } } }", &err),
			 "cannot move \"2019-05-07\" in changes[1]: not a bank holiday");
	ck_assert_str_eq(apply_text(PRE "{ move = { \"2019-05-06\", \"2019-05-27\" }, why = \"x\" } } }", &err),
			 "cannot move a holiday to \"2019-05-27\" in changes[1]: already a bank holiday");
	ck_assert_str_eq(apply_text(PRE "{ move = { \"2019-05-06\", \"2019-05-06\" }, why = \"x\" } } }", &err),
			 "cannot move \"2019-05-06\" in changes[1]: the holiday would stay where it is");
	ck_assert_str_eq(apply_text(PRE "{ move = { \"2019-05-06\" }, why = \"x\" } } }", &err),
			 "move in changes[1] must be a pair { \"FROM\", \"TO\" } of dates");
	ck_assert_str_eq(apply_text(PRE "{ mvoe = { \"2019-05-06\", \"2019-05-07\" }, why = \"x\" } } }", &err),
			 "unknown key \"mvoe\" in changes[1]: expected move or add, and why");
	ck_assert_str_eq(apply_text(PRE "{ why = \"x\" } } }", &err),
			 "changes[1] must have exactly one of move and add");
	ck_assert_str_eq(apply_text(PRE "{ add = \"2019-05-07\", move = { \"2019-05-06\", \"2019-05-08\" }, why = \"x\" } } }", &err),
			 "changes[1] must have exactly one of move and add");
	ck_assert_str_eq(apply_text(PRE "{ add = \"2019-05-07\" } } }", &err),
			 "missing why in changes[1]: every change says what it is for");
	ck_assert_str_eq(apply_text(PRE "{ add = \"2019-05-07\", why = \"\" } } }", &err),
			 "missing why in changes[1]: every change says what it is for");
	ck_assert_str_eq(apply_text(PRE "\"2019-05-07\" } }", &err),
			 "changes[1] is a string, not a table");
	ck_assert_str_eq(apply_text(PRE "{ add = \"2019-05-07\", why = \"x\" }, extra = 1 } }", &err),
			 "changes must be a list: unexpected string key after changes[1]");
	ck_assert_str_eq(apply_text("return 42", &err),
			 "the script returned a number, not a table of changes");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"\", changes = {} }", &err),
			 "jurisdiction must name where the calendar holds, e.g. \"Ruritania\"");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"England and Wales\" }", &err),
			 "changes is a nil, not a list of changes");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"England and Wales\", changes = {}, chnages = {} }", &err),
			 "unknown key \"chnages\" in the returned table: expected jurisdiction, regular and changes");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"England and Wales\", changes = {}, "
				    "regular = { { rule = \"whit\" } } }", &err),
			 "regular[1] names no known rule \"whit\" (expected new_year, good_friday, "
			 "easter_monday, whit_monday, early_may, spring, august, august_late, summer, "
			 "christmas, christmas_1871, new_year_pair, november_30 or fixed)");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"England and Wales\", changes = {}, "
				    "regular = { { rule = \"spring\", from = 1971, to = 1970 } } }", &err),
			 "regular[1] runs from 1971 to 1970, which is no year at all");
	/* rule "fixed": a day of the year with its name; only it takes on and name */
	ck_assert_str_eq(apply_text("return { jurisdiction = \"X\", changes = {}, "
				    "regular = { { rule = \"fixed\", on = \"02-29\", name = \"Leap Day\" } } }", &err), "");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"X\", changes = {}, "
				    "regular = { { rule = \"fixed\", on = \"3-17\", name = \"x\" } } }", &err),
			 "rule \"fixed\" in regular[1] needs on = \"MM-DD\", the day of the year it falls on (\"03-17\")");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"X\", changes = {}, "
				    "regular = { { rule = \"fixed\", on = \"02-30\", name = \"x\" } } }", &err),
			 "rule \"fixed\" in regular[1] needs on = \"MM-DD\", the day of the year it falls on (\"03-17\")");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"X\", changes = {}, "
				    "regular = { { rule = \"fixed\", on = \"03-17\" } } }", &err),
			 "rule \"fixed\" in regular[1] needs a name, what the holiday is called (at most 200 bytes)");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"X\", changes = {}, "
				    "regular = { { rule = \"spring\", name = \"May Day\" } } }", &err),
			 "regular[1]: on and name belong to rule \"fixed\"; rule \"spring\" has its own day and name");
	ck_assert_str_eq(apply_text("return { jurisdiction = \"England and Wales\", changes = {}, "
				    "regular = { { rule = \"spring\", form = 1971 } } }", &err),
			 "unexpected key \"form\" in regular[1]: expected rule, from and to (and on and name for rule \"fixed\")");
}
END_TEST

/* Raw access: a metatable on the data cannot supply fields or run code. */
START_TEST(test_apply_ignores_metatables)
{
	struct casecheck_error err;

	ck_assert_str_eq(apply_text(PRE "setmetatable({ add = \"2019-05-07\" }, "
				    "{ __index = function() error(\"ran\") end }) } }", &err),
			 "missing why in changes[1]: every change says what it is for");
	ck_assert_str_eq(apply_text("return setmetatable({}, { __index = { jurisdiction = "
				    "\"England and Wales\", changes = {} } })", &err),
			 "jurisdiction must name where the calendar holds, e.g. \"Ruritania\"");
}
END_TEST

/*
** Before 1978 the holidays followed the law of the day (policies/england-wales/calendar.lua,
** "regular"): the Bank Holidays Act 1871 gave Easter Monday, Whit Monday, the
** first Monday in August and Boxing Day, with Good Friday and Christmas Day
** by common law; 1965-1970 tried a late-August Monday (the Monday after the
** last Saturday) and, in 1967 and from 1969, the last Monday in May; the
** Banking and Financial Dealings Act 1971 fixed today's spring and summer
** holidays; New Year's Day came in 1974 and Early May in 1978.
*/
START_TEST(test_history_before_1978)
{
	static const char *const y1963[] = {
		"04-12", "04-15", "06-03", "08-05", "12-25", "12-26"
	};
	/* Hansard, HC Deb 3 June 1965 c250W: 29 May and 28 August 1967 */
	static const char *const y1967[] = {
		"03-24", "03-27", "05-29", "08-28", "12-25", "12-26"
	};
	/* Hansard, same answer: 3 June (Whit Monday) and 2 September 1968 */
	static const char *const y1968[] = {
		"03-15", "04-12", "04-15", "06-03", "09-02", "12-25", "12-26"
	};
	static const char *const y1975[] = {
		"01-01", "03-28", "03-31", "05-26", "08-25", "12-25", "12-26"
	};
	static const char *const y1977[] = {
		"01-03", "04-08", "04-11", "06-06", "06-07", "08-29", "12-26", "12-27"
	};
	struct calendar *cal = load_calendar(CALENDAR_ENGINE_FIRST_YEAR, CALENDAR_ENGINE_LAST_YEAR);

	assert_year(cal, 1963, y1963, 6);
	assert_year(cal, 1967, y1967, 6);
	assert_year(cal, 1968, y1968, 7);
	assert_year(cal, 1975, y1975, 7);
	assert_year(cal, 1977, y1977, 8);
	assert_holiday(cal, ymd(1963, 6, 3), "Whit Monday");
	assert_holiday(cal, ymd(1963, 8, 5), "August bank holiday");
	assert_working(cal, ymd(1968, 1, 1));	/* no New Year's Day before 1974 */
	assert_working(cal, ymd(1968, 5, 6));	/* no Early May before 1978 */
	assert_working(cal, ymd(1968, 5, 27));	/* 1968 kept Whit Monday */
	assert_holiday(cal, ymd(1974, 1, 1), "New Year's Day");
	assert_holiday(cal, ymd(1978, 5, 1), "Early May bank holiday");
	assert_holiday(cal, ymd(1953, 6, 2), "Coronation of Queen Elizabeth II");
	/* before 1971 a Sunday Boxing Day moved to the 27th; a Saturday one did not */
	assert_holiday(cal, ymd(1954, 12, 27), "Boxing Day (substitute day)");
	assert_working(cal, ymd(1964, 12, 28));
	/* the range a career can span: the first and last years are whole */
	ck_assert_int_eq(calendar_first_year(cal), 1900);
	ck_assert_int_eq(calendar_last_year(cal), 2200);
	assert_holiday(cal, ymd(1900, 4, 16), "Easter Monday");
	assert_holiday(cal, ymd(2200, 12, 25), "Christmas Day");
	ck_assert_int_eq(add_wd(cal, ymd(1968, 5, 31), 1), ymd(1968, 6, 4));
	calendar_free(cal);
}
END_TEST

/* Found by check_main.c through the generated suites.h. */
Suite *calendar_suite(void);

Suite *calendar_suite(void)
{
	Suite *s = suite_create("calendar");
	TCase *rules = tcase_create("rules");
	TCase *arith = tcase_create("working_days");
	TCase *data = tcase_create("calendar_lua");

	tcase_add_test(rules, test_easter);
	tcase_add_test(rules, test_easter_is_sunday_every_year);
	tcase_add_test(rules, test_christmas_substitutes);
	tcase_add_test(rules, test_new_year_substitutes);
	tcase_add_test(rules, test_one_off_years);
	tcase_add_test(rules, test_whole_years);
	tcase_add_test(rules, test_holidays_per_year);
	tcase_add_test(rules, test_regular_rules_only);
	tcase_add_test(rules, test_history_before_1978);
	suite_add_tcase(s, rules);

	tcase_add_test(arith, test_calendar_md_working_days);
	tcase_add_test(arith, test_working_days_match_naive_count);
	tcase_add_test(arith, test_holidays_between);
	tcase_add_test(arith, test_out_of_range);
	tcase_add_test(arith, test_small_range);
	tcase_add_test(arith, test_move_and_add_api);
	tcase_set_timeout(arith, 30);
	suite_add_tcase(s, arith);

	tcase_add_test(data, test_embedded_calendar);
	tcase_add_test(data, test_scotland_calendar);
	tcase_add_test(data, test_apply_errors);
	tcase_add_test(data, test_apply_ignores_metatables);
	suite_add_tcase(s, data);
	return s;
}
