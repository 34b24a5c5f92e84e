/*
** calendar.c: bank holidays over a range of years, from named rules and
** one-off changes a policy's calendar file gives as data, and
** working-day arithmetic from a per-week cumulative count built once
** (a week's days are then at most seven looks away), because every step
** of every case asks for a deadline. Per week, not per day: the count of
** 300 years was two arrays of 110,000 ints, 0.8 MB of pages that each
** process touched at start for a few hundred queries.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "calendar.h"
#include "date.h"
#include "error.h"
#include "suggest.h"
#include "scripts.h"

/* Names of the regular holidays; a day's name index points here or past it. */
enum {
	CAL_NONE = 0,
	CAL_NEW_YEAR,
	CAL_NEW_YEAR_SUB,
	CAL_GOOD_FRIDAY,
	CAL_EASTER_MONDAY,
	CAL_EARLY_MAY,
	CAL_SPRING,
	CAL_SUMMER,
	CAL_CHRISTMAS,
	CAL_CHRISTMAS_SUB,
	CAL_BOXING,
	CAL_BOXING_SUB,
	CAL_WHIT_MONDAY,
	CAL_AUGUST,
	CAL_JAN2,
	CAL_JAN2_SUB,
	CAL_NOV30,
	CAL_NOV30_SUB,
	CAL_N_FIXED		/* first index of a name from a move or an extra day */
};

static const char *const calendar_fixed_names[CAL_N_FIXED] = {
	NULL,
	"New Year's Day",
	"New Year's Day (substitute day)",
	"Good Friday",
	"Easter Monday",
	"Early May bank holiday",
	"Spring bank holiday",
	"Summer bank holiday",
	"Christmas Day",
	"Christmas Day (substitute day)",
	"Boxing Day",
	"Boxing Day (substitute day)",
	"Whit Monday",
	"August bank holiday",
	"2 January",
	"2 January (substitute day)",
	"St Andrew's Day",
	"St Andrew's Day (substitute day)"
};

struct calendar {
	int first_year, last_year;
	int first_day;		/* 1 January of first_year */
	int ndays;		/* days first_day .. first_day + ndays - 1 */
	unsigned short *hol;	/* per day: CAL_NONE, or the index of its name */
	int first_weekday;	/* date_weekday(first_day) */
	int nweeks;		/* blocks of 7 days from first_day, the last maybe partial */
	int *wcum;		/* wcum[k]: working days in [first_day, first_day + 7k), k <= nweeks */
	int nwork;
	int *hdays;		/* every holiday, in order (nhol of them) */
	size_t nhol, caphol;
	char **names;		/* WHY texts; name index CAL_N_FIXED + i is names[i] */
	size_t nnames, capnames;
	int batch;		/* in calendar_apply_lua: index once at its end, not per change */
};

int calendar_easter(int year)
{
	/* The anonymous Gregorian algorithm (Meeus, Astronomical Algorithms). */
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	return date_from_ymd(year, month, day);
}

int calendar_first_year(const struct calendar *cal)
{
	return cal->first_year;
}

int calendar_last_year(const struct calendar *cal)
{
	return cal->last_year;
}

int calendar_in_range(const struct calendar *cal, int day)
{
	return day >= cal->first_day && day - cal->first_day < cal->ndays;
}

static const char *calendar_name(const struct calendar *cal, unsigned idx)
{
	if (idx < CAL_N_FIXED)
		return calendar_fixed_names[idx];
	return cal->names[idx - CAL_N_FIXED];
}

static int calendar_is_weekend(int day)
{
	return date_weekday(day) >= 5;
}

/* Remember WHY; its name index, or CAL_NONE when out of memory or indexes. */
static unsigned calendar_add_name(struct calendar *cal, const char *why)
{
	char *copy;

	if (cal->nnames >= (size_t)(65535 - CAL_N_FIXED))
		return CAL_NONE;
	if (cal->nnames == cal->capnames) {
		size_t cap = cal->capnames ? cal->capnames * 2 : 16;
		char **v = realloc(cal->names, cap * sizeof(*v));

		if (!v)
			return CAL_NONE;
		cal->names = v;
		cal->capnames = cap;
	}
	if (!(copy = strdup(why ? why : "")))
		return CAL_NONE;
	cal->names[cal->nnames++] = copy;
	return (unsigned)(CAL_N_FIXED + cal->nnames - 1);
}

/* Room for N holidays in the ordered list, before any day changes. */
static int calendar_reserve(struct calendar *cal, size_t n)
{
	size_t cap = cal->caphol ? cal->caphol : 16;
	int *v;

	if (n <= cal->caphol)
		return 0;
	while (cap < n)
		cap *= 2;
	if (!(v = realloc(cal->hdays, cap * sizeof(*v))))
		return -1;
	cal->hdays = v;
	cal->caphol = cap;
	return 0;
}

/*
** Rebuild the per-week cumulative working-day count and the ordered list of
** holidays from HOL. O(days); run after each change outside a batch, and
** once at the end of one, so that every query afterwards is O(1) or
** O(log n). Returns the number of holidays; only as many as there is room
** for (cal->caphol) are listed, and the list is complete when the count fits.
*/
static size_t calendar_index(struct calendar *cal)
{
	int i = 0, k, nw = 0, w = cal->first_weekday;
	size_t nh = 0;

	/* the weekday steps along with the day: this loop runs over 300 years */
	for (k = 0; k < cal->nweeks; k++) {
		int end = i + 7 < cal->ndays ? i + 7 : cal->ndays;

		cal->wcum[k] = nw;
		for (; i < end; i++, w = w == 6 ? 0 : w + 1) {
			if (cal->hol[i] != CAL_NONE) {
				if (nh < cal->caphol)
					cal->hdays[nh] = cal->first_day + i;
				nh++;
			} else if (w < 5) {
				nw++;
			}
		}
	}
	cal->wcum[cal->nweeks] = nw;
	cal->nhol = nh <= cal->caphol ? nh : cal->caphol;
	cal->nwork = nw;
	return nh;
}

/* Whether the day at index I (from first_day) is a working day. */
static int calendar_working_at(const struct calendar *cal, int i)
{
	return cal->hol[i] == CAL_NONE && (cal->first_weekday + i) % 7 < 5;
}

/* Working days at the indexes [0, I), 0 <= I <= ndays: its week's count and at most six looks. */
static int calendar_count_before(const struct calendar *cal, int i)
{
	int j = i - i % 7, n = cal->wcum[i / 7];

	for (; j < i; j++)
		n += calendar_working_at(cal, j);
	return n;
}

static void calendar_set(struct calendar *cal, int day, unsigned idx)
{
	if (calendar_in_range(cal, day))
		cal->hol[day - cal->first_day] = (unsigned short)idx;
}

/*
** The regular rules, one function per holiday and rule, each for one year.
** Which rule held in which years is data (a calendar file's "regular");
** calendar_new applies today's set to every year. ARGS carries what a rule
** entry gives beyond its name (rule "fixed": the day and its names); the
** other rules ignore it.
*/
struct rule_args {
	int month, day;			/* "on", for rule "fixed" */
	unsigned idx, sub_idx;		/* the name indexes of the day and its substitute */
};

/* MONTH-DAY of year Y named IDX; at a weekend, the next Monday named SUB_IDX. */
static void calendar_set_fixed(struct calendar *cal, int y, int month, int day,
			       unsigned idx, unsigned sub_idx)
{
	int d = date_from_ymd(y, month, day), w = date_weekday(d);

	if (w >= 5)
		calendar_set(cal, d + 7 - w, sub_idx);
	else
		calendar_set(cal, d, idx);
}

/* A day of the year the calendar file names ("fixed": on = "MM-DD", name = ...). */
static void rule_fixed(struct calendar *cal, int y, const struct rule_args *a)
{
	/* 29 February only in leap years */
	if (a->month == 2 && a->day == 29 && date_from_ymd(y, 3, 1) - date_from_ymd(y, 2, 28) != 2)
		return;
	calendar_set_fixed(cal, y, a->month, a->day, a->idx, a->sub_idx);
}

/* New Year's Day; at a weekend, the next Monday (from 1974). */
static void rule_new_year(struct calendar *cal, int y, const struct rule_args *a)
{
	int d = date_from_ymd(y, 1, 1), w = date_weekday(d);

	(void)a;
	if (w >= 5)
		calendar_set(cal, d + 7 - w, CAL_NEW_YEAR_SUB);
	else
		calendar_set(cal, d, CAL_NEW_YEAR);
}

/*
** Two holidays on consecutive days from D (Christmas and Boxing Day, 1 and 2
** January), each at a weekend moved to the first weekday after it that is
** not already the other: cases by the weekday of D. FIRST_SUB and
** SECOND_SUB are the names of the moved days.
*/
static void calendar_set_pair(struct calendar *cal, int d, unsigned first, unsigned second,
			      unsigned first_sub, unsigned second_sub)
{
	switch (date_weekday(d)) {
	case 4:		/* Friday: the second, on Saturday, moves to Monday */
		calendar_set(cal, d, first);
		calendar_set(cal, d + 3, second_sub);
		break;
	case 5:		/* Saturday: Monday and Tuesday */
		calendar_set(cal, d + 2, first_sub);
		calendar_set(cal, d + 3, second_sub);
		break;
	case 6:		/* Sunday: the second on Monday, the first on Tuesday */
		calendar_set(cal, d + 1, second);
		calendar_set(cal, d + 2, first_sub);
		break;
	default:
		calendar_set(cal, d, first);
		calendar_set(cal, d + 1, second);
		break;
	}
}

/*
** New Year's Day and 2 January as a pair: a day at a weekend moves to the
** first weekday after it that is not already one of the pair's days, as
** Christmas and Boxing Day do (rule_christmas).
*/
static void rule_new_year_pair(struct calendar *cal, int y, const struct rule_args *a)
{
	(void)a;
	calendar_set_pair(cal, date_from_ymd(y, 1, 1), CAL_NEW_YEAR, CAL_JAN2, CAL_NEW_YEAR_SUB, CAL_JAN2_SUB);
}

/* 30 November; at a weekend, the next Monday. */
static void rule_november_30(struct calendar *cal, int y, const struct rule_args *a)
{
	(void)a;
	calendar_set_fixed(cal, y, 11, 30, CAL_NOV30, CAL_NOV30_SUB);
}

static void rule_good_friday(struct calendar *cal, int y, const struct rule_args *a)
{
	(void)a;
	calendar_set(cal, calendar_easter(y) - 2, CAL_GOOD_FRIDAY);
}

static void rule_easter_monday(struct calendar *cal, int y, const struct rule_args *a)
{
	(void)a;
	calendar_set(cal, calendar_easter(y) + 1, CAL_EASTER_MONDAY);
}

/* The Monday after Pentecost, seven weeks after Easter (1871 Act). */
static void rule_whit_monday(struct calendar *cal, int y, const struct rule_args *a)
{
	(void)a;
	calendar_set(cal, calendar_easter(y) + 50, CAL_WHIT_MONDAY);
}

/* First Monday in May (from 1978). */
static void rule_early_may(struct calendar *cal, int y, const struct rule_args *a)
{
	int d = date_from_ymd(y, 5, 1);

	(void)a;
	calendar_set(cal, d + (7 - date_weekday(d)) % 7, CAL_EARLY_MAY);
}

/* Last Monday in May (1971 Act). */
static void rule_spring(struct calendar *cal, int y, const struct rule_args *a)
{
	int d = date_from_ymd(y, 5, 31);

	(void)a;
	calendar_set(cal, d - date_weekday(d), CAL_SPRING);
}

/* First Monday in August (1871 Act). */
static void rule_august(struct calendar *cal, int y, const struct rule_args *a)
{
	int d = date_from_ymd(y, 8, 1);

	(void)a;
	calendar_set(cal, d + (7 - date_weekday(d)) % 7, CAL_AUGUST);
}

/* The Monday after the last Saturday in August: the 1965-1970 trial. */
static void rule_august_late(struct calendar *cal, int y, const struct rule_args *a)
{
	int d = date_from_ymd(y, 8, 31);

	(void)a;
	d -= (date_weekday(d) + 2) % 7;		/* the last Saturday (weekday 5) */
	calendar_set(cal, d + 2, CAL_SUMMER);
}

/* Last Monday in August (1971 Act). */
static void rule_summer(struct calendar *cal, int y, const struct rule_args *a)
{
	int d = date_from_ymd(y, 8, 31);

	(void)a;
	calendar_set(cal, d - date_weekday(d), CAL_SUMMER);
}

/*
** Christmas and Boxing Day since 1971. calendar.md's substitute column read
** alone puts both on Monday 27 when Christmas is a Saturday; its own check
** (2021: Monday 27 and Tuesday 28) and practice give each its own weekday,
** so the cases are written out by the weekday of 25 December.
*/
static void rule_christmas(struct calendar *cal, int y, const struct rule_args *a)
{
	(void)a;
	calendar_set_pair(cal, date_from_ymd(y, 12, 25), CAL_CHRISTMAS, CAL_BOXING, CAL_CHRISTMAS_SUB,
			  CAL_BOXING_SUB);
}

/*
** Before 1971: Christmas Day on its day (common law, no substitute); Boxing
** Day on the 26th, or the 27th when the 26th is a Sunday (1871 and 1875
** Acts), and none when it is a Saturday.
*/
static void rule_christmas_1871(struct calendar *cal, int y, const struct rule_args *a)
{
	int d = date_from_ymd(y, 12, 25);

	(void)a;
	calendar_set(cal, d, CAL_CHRISTMAS);
	if (date_weekday(d + 1) == 6)
		calendar_set(cal, d + 2, CAL_BOXING_SUB);
	else
		calendar_set(cal, d + 1, CAL_BOXING);
}

static const struct calendar_rule {
	const char *name;
	void (*apply)(struct calendar *cal, int y, const struct rule_args *a);
	int today;		/* part of the rules as they stand now */
} calendar_rules[] = {
	{ "new_year", rule_new_year, 1 },
	{ "good_friday", rule_good_friday, 1 },
	{ "easter_monday", rule_easter_monday, 1 },
	{ "whit_monday", rule_whit_monday, 0 },
	{ "early_may", rule_early_may, 1 },
	{ "spring", rule_spring, 1 },
	{ "august", rule_august, 0 },
	{ "august_late", rule_august_late, 0 },
	{ "summer", rule_summer, 1 },
	{ "christmas", rule_christmas, 1 },
	{ "christmas_1871", rule_christmas_1871, 0 },
	{ "new_year_pair", rule_new_year_pair, 0 },
	{ "november_30", rule_november_30, 0 },
	{ "fixed", rule_fixed, 0 },
};

#define CAL_N_RULES (sizeof(calendar_rules) / sizeof(calendar_rules[0]))

/* Today's rules for one year. */
static void calendar_regular_year(struct calendar *cal, int y)
{
	size_t i;

	for (i = 0; i < CAL_N_RULES; i++)
		if (calendar_rules[i].today)
			calendar_rules[i].apply(cal, y, NULL);
}

/*
** Index the whole calendar (not inside a batch: its end does). Room for a
** dozen and a half holidays a year is made first, so that one pass both
** counts and lists them; a calendar with more is indexed again once there is
** room for its count.
*/
#define CAL_HOLIDAYS_PER_YEAR 16

static int calendar_reindex_all(struct calendar *cal)
{
	size_t nh;

	if (cal->batch)
		return 0;
	if (calendar_reserve(cal, (size_t)(cal->last_year - cal->first_year + 1) * CAL_HOLIDAYS_PER_YEAR) != 0)
		return -1;
	nh = calendar_index(cal);
	if (nh > cal->caphol) {
		if (calendar_reserve(cal, nh) != 0)
			return -1;
		calendar_index(cal);
	}
	return 0;
}

/* A calendar of those years with today's rules (REGULAR) or none, not yet indexed. */
static struct calendar *calendar_make(int first_year, int last_year, int regular)
{
	struct calendar *cal;
	int y;

	if (first_year < CALENDAR_MIN_YEAR || last_year > CALENDAR_MAX_YEAR ||
	    first_year > last_year)
		return NULL;
	if (!(cal = calloc(1, sizeof(*cal))))
		return NULL;
	cal->first_year = first_year;
	cal->last_year = last_year;
	cal->first_day = date_from_ymd(first_year, 1, 1);
	cal->ndays = date_from_ymd(last_year, 12, 31) - cal->first_day + 1;
	cal->hol = calloc((size_t)cal->ndays, sizeof(*cal->hol));
	cal->first_weekday = date_weekday(cal->first_day);
	cal->nweeks = (cal->ndays + 6) / 7;
	cal->wcum = malloc(((size_t)cal->nweeks + 1) * sizeof(*cal->wcum));
	if (!cal->hol || !cal->wcum)
		goto fail;
	for (y = first_year; regular && y <= last_year; y++)
		calendar_regular_year(cal, y);
	return cal;
fail:
	calendar_free(cal);
	return NULL;
}

struct calendar *calendar_new(int first_year, int last_year)
{
	struct calendar *cal = calendar_make(first_year, last_year, 1);

	if (cal && calendar_reindex_all(cal) != 0) {
		calendar_free(cal);
		return NULL;
	}
	return cal;
}

int calendar_clear(struct calendar *cal)
{
	memset(cal->hol, 0, (size_t)cal->ndays * sizeof(*cal->hol));
	return calendar_reindex_all(cal);
}

void calendar_free(struct calendar *cal)
{
	size_t i;

	if (!cal)
		return;
	for (i = 0; i < cal->nnames; i++)
		free(cal->names[i]);
	free(cal->names);
	free(cal->hol);
	free(cal->wcum);
	free(cal->hdays);
	free(cal);
}

/*
** The checks of a new holiday day, as a static phrase for error messages
** (NULL when DAY may become a holiday).
*/
static const char *calendar_bad_new_day(const struct calendar *cal, int day)
{
	if (!calendar_in_range(cal, day))
		return "outside the calendar's years";
	if (calendar_is_weekend(day))
		return "a Saturday or Sunday";
	if (cal->hol[day - cal->first_day] != CAL_NONE)
		return "already a bank holiday";
	return NULL;
}

static const char *calendar_bad_old_day(const struct calendar *cal, int day)
{
	if (!calendar_in_range(cal, day))
		return "outside the calendar's years";
	if (cal->hol[day - cal->first_day] == CAL_NONE)
		return "not a bank holiday";
	return NULL;
}

/*
** Move (FROM != TO) or add (FROM == TO) a holiday named WHY, for days
** already checked; a day outside the calendar is left alone. Everything that
** can fail happens before the first day changes.
*/
static int calendar_change(struct calendar *cal, int from, int to, const char *why)
{
	unsigned idx;

	if (!calendar_in_range(cal, to))
		idx = CAL_NONE;
	else if ((idx = calendar_add_name(cal, why)) == CAL_NONE ||
		 calendar_reserve(cal, cal->nhol + 1) != 0)
		return -1;
	if (from != to && calendar_in_range(cal, from))
		cal->hol[from - cal->first_day] = CAL_NONE;
	if (idx != CAL_NONE)
		cal->hol[to - cal->first_day] = (unsigned short)idx;
	if (!cal->batch)
		calendar_index(cal);
	return 0;
}

int calendar_move_holiday(struct calendar *cal, int from_day, int to_day, const char *why)
{
	if (calendar_bad_old_day(cal, from_day) || calendar_bad_new_day(cal, to_day))
		return -1;
	return calendar_change(cal, from_day, to_day, why);
}

int calendar_add_holiday(struct calendar *cal, int day, const char *why)
{
	if (calendar_bad_new_day(cal, day))
		return -1;
	return calendar_change(cal, day, day, why);
}

int calendar_is_holiday(const struct calendar *cal, int day, const char **name)
{
	unsigned idx;

	if (!calendar_in_range(cal, day))
		return -1;
	idx = cal->hol[day - cal->first_day];
	if (name)
		*name = idx != CAL_NONE ? calendar_name(cal, idx) : NULL;
	return idx != CAL_NONE;
}

int calendar_is_working_day(const struct calendar *cal, int day)
{
	if (!calendar_in_range(cal, day))
		return -1;
	return cal->hol[day - cal->first_day] == CAL_NONE && !calendar_is_weekend(day);
}

int calendar_add_working_days(const struct calendar *cal, int day, int n, int *out)
{
	int k, lo, hi, i, seen;

	if (n < 0 || !calendar_in_range(cal, day))
		return -1;
	if (n == 0) {
		*out = day;
		return 0;
	}
	/* Working days up to and including DAY; the answer is the (K + N)-th. */
	k = calendar_count_before(cal, day - cal->first_day + 1) + n;
	if (n > cal->nwork - (k - n))
		return -1;
	/* the last week with fewer than K working days before it holds it */
	lo = 0;
	hi = cal->nweeks;	/* wcum[hi] = nwork >= K */
	while (hi - lo > 1) {
		int mid = lo + (hi - lo) / 2;

		if (cal->wcum[mid] < k)
			lo = mid;
		else
			hi = mid;
	}
	for (i = lo * 7, seen = cal->wcum[lo]; i < cal->ndays; i++)
		if (calendar_working_at(cal, i) && ++seen == k) {
			*out = cal->first_day + i;
			return 0;
		}
	return -1;
}

int calendar_working_days_between(const struct calendar *cal, int from, int to, int *out)
{
	if (!calendar_in_range(cal, from) || !calendar_in_range(cal, to))
		return -1;
	*out = calendar_count_before(cal, to - cal->first_day + 1) -
	       calendar_count_before(cal, from - cal->first_day + 1);
	return 0;
}

size_t calendar_holidays_between(const struct calendar *cal, int from, int to, int *days,
				 const char **names, size_t max)
{
	size_t lo = 0, hi = cal->nhol, i, n = 0;

	/* First holiday after FROM, by bisection. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cal->hdays[mid] <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < cal->nhol && cal->hdays[i] <= to; i++, n++) {
		if (n >= max)
			continue;
		if (days)
			days[n] = cal->hdays[i];
		if (names)
			names[n] = calendar_name(cal, cal->hol[cal->hdays[i] - cal->first_day]);
	}
	return n;
}

/* {======================================================================
** The one-off changes from a calendar file
** ======================================================================= */

/* Reading one entry, for error messages: "changes[3]". */
struct calendar_entry {
	struct casecheck_error *err;
	lua_Integer i;
};

static int calendar_entry_fail(const struct calendar_entry *ent, const char *what,
			       const char *subject, const char *detail)
{
	error_setf(ent->err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
		   "%s \"%.100s\" in changes[%lld]: %s", what, subject, (long long)ent->i, detail);
	return -1;
}

/* The day at stack index IDX, which must be a "YYYY-MM-DD" string. [-0, +0, -] */
static int calendar_entry_day(const struct calendar_entry *ent, lua_State *L, int idx,
			      const char *field, int *day)
{
	struct date_span span;
	const char *s, *why = NULL;
	size_t len;

	if (lua_type(L, idx) != LUA_TSTRING) {
		error_setf(ent->err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "%s in changes[%lld] is a %s, not a date string \"YYYY-MM-DD\"",
			   field, (long long)ent->i, luaL_typename(L, idx));
		return -1;
	}
	s = lua_tolstring(L, idx, &len);
	if (date_parse(s, len, &span, &why) != 0)
		return calendar_entry_fail(ent, "bad date", s, why);
	if (span.prec != DATE_DAY)
		return calendar_entry_fail(ent, "bad date", s, "expected a day, YYYY-MM-DD");
	*day = span.lo;
	return 0;
}

/* The entry at the top of the stack. [-0, +0, -] */
static int calendar_apply_entry(struct calendar *cal, lua_State *L, const struct calendar_entry *ent)
{
	int t = lua_gettop(L), top = t, rc = -1, from = 0, to = 0, day = 0;
	int has_move = 0, has_add = 0;
	const char *why, *bad;
	char iso[16];

	if (!lua_istable(L, t)) {
		error_setf(ent->err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "changes[%lld] is a %s, not a table", (long long)ent->i,
			   luaL_typename(L, t));
		goto out;
	}
	/* lua_next is raw; keys are only read when they are strings already. */
	lua_pushnil(L);
	while (lua_next(L, t)) {
		const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;

		lua_pop(L, 1);
		if (k && strcmp(k, "move") == 0)
			has_move = 1;
		else if (k && strcmp(k, "add") == 0)
			has_add = 1;
		else if (!k || strcmp(k, "why") != 0) {
			if (k)
				calendar_entry_fail(ent, "unknown key", k,
						    "expected move or add, and why");
			else
				error_setf(ent->err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
					   "unexpected %s key in changes[%lld]: expected move or add, and why",
					   luaL_typename(L, -1), (long long)ent->i);
			goto out;
		}
	}
	if (has_move == has_add) {
		error_setf(ent->err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "changes[%lld] must have exactly one of move and add", (long long)ent->i);
		goto out;
	}
	lua_pushliteral(L, "why");
	if (lua_rawget(L, t) != LUA_TSTRING || lua_rawlen(L, -1) == 0) {
		error_setf(ent->err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "missing why in changes[%lld]: every change says what it is for",
			   (long long)ent->i);
		goto out;
	}
	why = lua_tostring(L, -1);	/* stays on the stack, so the string lives */

	if (has_add) {
		lua_pushliteral(L, "add");
		lua_rawget(L, t);
		if (calendar_entry_day(ent, L, -1, "add", &day) != 0)
			goto out;
		date_format_iso(day, iso, sizeof(iso));
		if (!calendar_in_range(cal, day)) {
			rc = 0;		/* a year this calendar does not cover */
			goto out;
		}
		if ((bad = calendar_bad_new_day(cal, day))) {
			calendar_entry_fail(ent, "cannot add", iso, bad);
			goto out;
		}
		if (calendar_change(cal, day, day, why) != 0)
			goto oom;
		rc = 0;
		goto out;
	}

	lua_pushliteral(L, "move");
	if (lua_rawget(L, t) != LUA_TTABLE || lua_rawlen(L, -1) != 2) {
		error_setf(ent->err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "move in changes[%lld] must be a pair { \"FROM\", \"TO\" } of dates",
			   (long long)ent->i);
		goto out;
	}
	lua_rawgeti(L, -1, 1);
	lua_rawgeti(L, -2, 2);
	if (calendar_entry_day(ent, L, -2, "move[1]", &from) != 0 ||
	    calendar_entry_day(ent, L, -1, "move[2]", &to) != 0)
		goto out;
	date_format_iso(from, iso, sizeof(iso));
	if (from == to) {
		calendar_entry_fail(ent, "cannot move", iso, "the holiday would stay where it is");
		goto out;
	}
	/*
	** A move may straddle the calendar's edge: then only the end inside it
	** matters (the old day stops being a holiday, or the new one starts).
	*/
	if (calendar_in_range(cal, from) && (bad = calendar_bad_old_day(cal, from))) {
		calendar_entry_fail(ent, "cannot move", iso, bad);
		goto out;
	}
	date_format_iso(to, iso, sizeof(iso));
	if (calendar_in_range(cal, to) && (bad = calendar_bad_new_day(cal, to))) {
		calendar_entry_fail(ent, "cannot move a holiday to", iso, bad);
		goto out;
	}
	if (calendar_change(cal, from, to, why) != 0)
		goto oom;
	rc = 0;
	goto out;
oom:
	error_setf(ent->err, CASECHECK_E_INTERNAL, CALENDAR_SCRIPT, NULL, 0, 0,
		   "out of memory applying changes[%lld]", (long long)ent->i);
out:
	lua_settop(L, top);
	return rc;
}

/* {----------------------------------------------------------------------
** "regular": which rule held in which years
** ----------------------------------------------------------------------- */

static const struct calendar_rule *calendar_find_rule(const char *name)
{
	size_t i;

	for (i = 0; i < CAL_N_RULES; i++)
		if (strcmp(calendar_rules[i].name, name) == 0)
			return &calendar_rules[i];
	return NULL;
}

/* One year bound of regular[I] at the top of the stack (nil: OPEN). [-0, +0, -] */
static int calendar_rule_year(lua_State *L, lua_Integer i, const char *field, int open,
			      int *out, struct casecheck_error *err)
{
	if (lua_isnil(L, -1)) {
		*out = open;
		return 0;
	}
	if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < CALENDAR_MIN_YEAR ||
	    lua_tointeger(L, -1) > CALENDAR_MAX_YEAR) {
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "%s in regular[%lld] must be a year from %d to %d", field, (long long)i,
			   CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR);
		return -1;
	}
	*out = (int)lua_tointeger(L, -1);
	return 0;
}

/* What regular[I] says: its rule, its years, and for rule "fixed" its day and name. */
struct rule_entry {
	const struct calendar_rule *rule;
	int from, to;
	int month, day;			/* "on" */
	const char *name;		/* "name"; lives in the entry's table */
};

/* The rule names, for a message: "a, b or c". */
static void calendar_rule_names(char *out, size_t outlen)
{
	size_t i, used = 0;

	out[0] = '\0';
	for (i = 0; i < CAL_N_RULES && used < outlen; i++) {
		int n = snprintf(out + used, outlen - used, "%s%s",
				 i == 0 ? "" : i + 1 == CAL_N_RULES ? " or " : ", ",
				 calendar_rules[i].name);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/*
** Rule "fixed"'s "on" ("MM-DD", a day some year has) and "name" (a non-empty
** string) from the entry at T, into E. [-0, +0, -]
*/
static int calendar_read_fixed(lua_State *L, int t, lua_Integer i, struct rule_entry *e,
			       struct casecheck_error *err)
{
	const char *on;
	char iso[16];
	struct date_span span;
	const char *why = NULL;

	lua_pushliteral(L, "on");
	on = lua_rawget(L, t) == LUA_TSTRING && lua_rawlen(L, -1) == 5 ? lua_tostring(L, -1) : NULL;
	if (on) {
		/* 2000 is a leap year: "02-29" is a day of the year (rule_fixed skips it in other years) */
		snprintf(iso, sizeof(iso), "2000-%s", on);
		if (date_parse(iso, strlen(iso), &span, &why) != 0 || span.prec != DATE_DAY)
			on = NULL;
	}
	if (!on) {
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "rule \"fixed\" in regular[%lld] needs on = \"MM-DD\", the day of the year it falls on (\"03-17\")",
			   (long long)i);
		lua_pop(L, 1);
		return -1;
	}
	e->month = (on[0] - '0') * 10 + (on[1] - '0');
	e->day = (on[3] - '0') * 10 + (on[4] - '0');
	lua_pop(L, 1);
	lua_pushliteral(L, "name");
	if (lua_rawget(L, t) != LUA_TSTRING || lua_rawlen(L, -1) == 0 || lua_rawlen(L, -1) > 200) {
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "rule \"fixed\" in regular[%lld] needs a name, what the holiday is called (at most 200 bytes)",
			   (long long)i);
		lua_pop(L, 1);
		return -1;
	}
	e->name = lua_tostring(L, -1);	/* the entry's table keeps the string alive */
	lua_pop(L, 1);
	return 0;
}

/* Read regular[I] (at the top of the stack) into *E. [-0, +0, -] */
static int calendar_read_rule(lua_State *L, lua_Integer i, struct rule_entry *e,
			      struct casecheck_error *err)
{
	int t = lua_gettop(L), rc = -1, fixed;
	char names[256];

	memset(e, 0, sizeof(*e));
	if (!lua_istable(L, t)) {
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "regular[%lld] is a %s, not a table", (long long)i, luaL_typename(L, t));
		return -1;
	}
	lua_pushnil(L);
	while (lua_next(L, t)) {
		const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;

		lua_pop(L, 1);
		if (!k || (strcmp(k, "rule") != 0 && strcmp(k, "from") != 0 && strcmp(k, "to") != 0 &&
			   strcmp(k, "on") != 0 && strcmp(k, "name") != 0)) {
			error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
				   "unexpected key \"%.100s\" in regular[%lld]: expected rule, from and to (and on and name for rule \"fixed\")",
				   k ? k : luaL_typename(L, -1), (long long)i);
			goto out;
		}
	}
	lua_pushliteral(L, "rule");
	if (lua_rawget(L, t) != LUA_TSTRING || !(e->rule = calendar_find_rule(lua_tostring(L, -1)))) {
		calendar_rule_names(names, sizeof(names));
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "regular[%lld] names no known rule \"%.100s\" (expected %s)", (long long)i,
			   lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : luaL_typename(L, -1),
			   names);
		goto out;
	}
	fixed = e->rule->apply == rule_fixed;
	if (fixed && calendar_read_fixed(L, t, i, e, err) != 0)
		goto out;
	if (!fixed) {
		int has_on, has_name;

		lua_pushliteral(L, "on");
		has_on = lua_rawget(L, t) != LUA_TNIL;
		lua_pushliteral(L, "name");
		has_name = lua_rawget(L, t) != LUA_TNIL;
		lua_settop(L, t);
		if (has_on || has_name) {
			error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
				   "regular[%lld]: on and name belong to rule \"fixed\"; rule \"%s\" has its own day and name",
				   (long long)i, e->rule->name);
			goto out;
		}
	}
	lua_pushliteral(L, "from");
	lua_rawget(L, t);
	if (calendar_rule_year(L, i, "from", CALENDAR_MIN_YEAR, &e->from, err) != 0)
		goto out;
	lua_pushliteral(L, "to");
	lua_rawget(L, t);
	if (calendar_rule_year(L, i, "to", CALENDAR_MAX_YEAR, &e->to, err) != 0)
		goto out;
	if (e->from > e->to) {
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "regular[%lld] runs from %d to %d, which is no year at all", (long long)i,
			   e->from, e->to);
		goto out;
	}
	rc = 0;
out:
	lua_settop(L, t);
	return rc;
}

/*
** Replace the calendar's regular holidays with the rules of the list at
** index R, each in force over its years. Every entry is checked before any
** day changes. [-0, +0, -]
*/
static int calendar_apply_regular(struct calendar *cal, lua_State *L, int r,
				  struct casecheck_error *err)
{
	struct rule_entry e;
	struct rule_args a;
	lua_Integer i, n = (lua_Integer)lua_rawlen(L, r);
	int y;

	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, r, i);
		if (calendar_read_rule(L, i, &e, err) != 0) {
			lua_pop(L, 1);
			return -1;
		}
		lua_pop(L, 1);
	}
	memset(cal->hol, 0, (size_t)cal->ndays * sizeof(*cal->hol));
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, r, i);
		calendar_read_rule(L, i, &e, err);
		memset(&a, 0, sizeof(a));
		if (e.name) {
			char sub[256];

			snprintf(sub, sizeof(sub), "%s (substitute day)", e.name);
			a.month = e.month;
			a.day = e.day;
			if ((a.idx = calendar_add_name(cal, e.name)) == CAL_NONE ||
			    (a.sub_idx = calendar_add_name(cal, sub)) == CAL_NONE) {
				lua_pop(L, 1);
				goto oom;
			}
		}
		lua_pop(L, 1);
		if (e.from < cal->first_year)
			e.from = cal->first_year;
		if (e.to > cal->last_year)
			e.to = cal->last_year;
		for (y = e.from; y <= e.to; y++)
			e.rule->apply(cal, y, &a);
	}
	if (calendar_reindex_all(cal) != 0)
		goto oom;
	return 0;
oom:
	error_setf(err, CASECHECK_E_INTERNAL, CALENDAR_SCRIPT, NULL, 0, 0,
		   "out of memory applying the regular rules");
	return -1;
}

/* }---------------------------------------------------------------------- */

/* Every key of the table at T must be a string in KEYS (NULL-terminated). [-0, +0, -] */
static int calendar_only_keys(lua_State *L, int t, const char *const *keys,
			      struct casecheck_error *err)
{
	const char *const *k;

	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TSTRING) {
			for (k = keys; *k; k++)
				if (strcmp(*k, lua_tostring(L, -1)) == 0)
					break;
			if (*k)
				continue;
			error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
				   "unknown key \"%.100s\" in the returned table: expected jurisdiction, regular and changes",
				   lua_tostring(L, -1));
		} else {
			error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
				   "unexpected %s key in the returned table: expected jurisdiction, regular and changes",
				   luaL_typename(L, -1));
		}
		lua_pop(L, 1);
		return -1;
	}
	return 0;
}

int calendar_apply_lua(struct calendar *cal, lua_State *L, int idx, const char *source,
		       struct casecheck_error *err)
{
	static const char *const top_keys[] = { "jurisdiction", "regular", "changes", NULL };
	int top = lua_gettop(L), t, ch, rc = -1;
	struct calendar_entry ent;
	lua_Integer i, n;

	ent.err = err;
	ent.i = 0;
	/*
	** Index once at the end instead of after each change: indexing walks
	** every day of the calendar's 300 years, and with a dozen changes that
	** was half of a one-fixture run's instructions.
	*/
	if (!lua_checkstack(L, 10)) {
		error_setf(err, CASECHECK_E_INTERNAL, CALENDAR_SCRIPT, NULL, 0, 0,
			   "out of memory reading the calendar changes");
		return -1;
	}
	cal->batch = 1;
	t = lua_absindex(L, idx);
	if (!lua_istable(L, t)) {
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "the script returned a %s, not a table of changes", luaL_typename(L, t));
		goto out;
	}
	if (calendar_only_keys(L, t, top_keys, err) != 0)
		goto out;

	lua_pushliteral(L, "jurisdiction");
	if (lua_rawget(L, t) != LUA_TSTRING || lua_rawlen(L, -1) == 0) {
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "jurisdiction must name where the calendar holds, e.g. \"Ruritania\"");
		goto out;
	}
	lua_pop(L, 1);

	/* the regular rules first (when given), so that the one-offs apply to them */
	lua_pushliteral(L, "regular");
	if (lua_rawget(L, t) == LUA_TTABLE) {
		if (calendar_apply_regular(cal, L, lua_gettop(L), err) != 0)
			goto out;
	} else if (!lua_isnil(L, -1)) {
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "regular is a %s, not a list of rules", luaL_typename(L, -1));
		goto out;
	}
	lua_pop(L, 1);

	lua_pushliteral(L, "changes");
	if (lua_rawget(L, t) != LUA_TTABLE) {
		error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
			   "changes is a %s, not a list of changes", luaL_typename(L, -1));
		goto out;
	}
	ch = lua_gettop(L);
	n = (lua_Integer)lua_rawlen(L, ch);
	/* A list and nothing else, so a misspelt or misplaced entry is not lost. */
	lua_pushnil(L);
	while (lua_next(L, ch)) {
		lua_pop(L, 1);
		if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > n) {
			error_setf(err, CASECHECK_E_INPUT, CALENDAR_SCRIPT, NULL, 0, 0,
				   "changes must be a list: unexpected %s key after changes[%lld]",
				   luaL_typename(L, -1), (long long)n);
			goto out;
		}
	}
	for (i = 1; i <= n; i++) {
		ent.i = i;
		lua_rawgeti(L, ch, i);
		if (calendar_apply_entry(cal, L, &ent) != 0)
			goto out;
		lua_pop(L, 1);
	}
	rc = 0;
out:
	cal->batch = 0;
	if (calendar_reindex_all(cal) != 0 && rc == 0) {
		error_setf(err, CASECHECK_E_INTERNAL, CALENDAR_SCRIPT, NULL, 0, 0,
			   "out of memory indexing the calendar");
		rc = -1;
	}
	lua_settop(L, top);
	if (rc != 0 && err && source)
		snprintf(err->source, sizeof(err->source), "%s", source);
	return rc;
}

/* }====================================================================== */

/*
** The compiled-in calendar name nearest NAME into OUT (did-you-mean), or 0
** when none is close. Calendars are policies/NAME/calendar.lua scripts.
*/
static int calendar_nearest(const char *name, char *out, size_t outlen)
{
	static const char pre[] = "policies/", post[] = "/calendar.lua";
	const size_t lpre = sizeof(pre) - 1, lpost = sizeof(post) - 1;
	char names[16][64];
	const char *list[16];
	const struct embedded_script *s;
	const char *best;
	size_t n, k = 0;

	for (s = casecheck_scripts; s->path && k < 16; s++) {
		n = strlen(s->path);
		if (n <= lpre + lpost || strncmp(s->path, pre, lpre) != 0 ||
		    strcmp(s->path + n - lpost, post) != 0 || n - lpre - lpost >= sizeof(names[0]))
			continue;
		memcpy(names[k], s->path + lpre, n - lpre - lpost);
		names[k][n - lpre - lpost] = '\0';
		list[k] = names[k];
		k++;
	}
	best = suggest_best(name, list, k);
	if (!best)
		return 0;
	snprintf(out, outlen, "%s", best);
	return 1;
}

/*
** A calendar file runs in a bare state of its own: no library, memory and
** instructions bounded, so that data an embedder passes in (which may come
** from a user) can neither loop nor grow without end.
*/
#define CALENDAR_MEMORY_LIMIT ((size_t)8 << 20)
#define CALENDAR_INSTRUCTION_LIMIT 10000000

struct calendar_alloc {
	size_t used, limit;
};

static void *calendar_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct calendar_alloc *a = ud;
	size_t old = ptr ? osize : 0;
	void *p;

	if (nsize == 0) {
		free(ptr);
		a->used -= old;
		return NULL;
	}
	if (nsize > old && nsize - old > a->limit - a->used)
		return NULL;
	if (!(p = realloc(ptr, nsize)))
		return NULL;
	a->used = a->used - old + nsize;
	return p;
}

/* Called once, after CALENDAR_INSTRUCTION_LIMIT instructions. */
static void calendar_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	luaL_error(L, "instruction budget exceeded (a calendar is data: return a table)");
}

struct calendar *calendar_new_text(const char *text, size_t len, const char *source,
				   int first_year, int last_year, struct casecheck_error *err)
{
	struct calendar_alloc al = { 0, CALENDAR_MEMORY_LIMIT };
	struct calendar *cal = NULL;
	char chunk[520];
	lua_State *L;
	int regular = 1;

	if (!(L = lua_newstate(calendar_alloc, &al))) {
		error_setf(err, CASECHECK_E_INTERNAL, source, NULL, 0, 0,
			   "out of memory starting Lua");
		goto fail;
	}
	lua_sethook(L, calendar_hook, LUA_MASKCOUNT, CALENDAR_INSTRUCTION_LIMIT);
	snprintf(chunk, sizeof(chunk), "@%s", source);
	if (luaL_loadbufferx(L, text, len, chunk, "t") != LUA_OK ||
	    lua_pcall(L, 0, 1, 0) != LUA_OK) {
		error_setf(err, CASECHECK_E_INPUT, source, NULL, 0, 0,
			   "cannot run it: %s",
			   lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "out of memory");
		goto fail;
	}
	/*
	** Reading the table runs unprotected; the handful of key strings it
	** interns must not fail (a failure there would panic), so they get room.
	*/
	lua_sethook(L, NULL, 0, 0);
	al.limit = al.used + ((size_t)1 << 20);
	/*
	** Today's rules, unless the file's own "regular" replaces them (then
	** computing them for 300 years first would be thrown away); either
	** way without an index: calendar_apply_lua indexes once at its end.
	*/
	if (lua_istable(L, -1)) {
		lua_pushliteral(L, "regular");
		regular = lua_rawget(L, -2) != LUA_TTABLE;
		lua_pop(L, 1);
	}
	if (!(cal = calendar_make(first_year, last_year, regular))) {
		error_setf(err, CASECHECK_E_INTERNAL, source, NULL, 0, 0,
			   "cannot make a calendar of years %d to %d (from %d to %d, or out of memory)",
			   first_year, last_year, CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR);
		goto fail;
	}
	if (calendar_apply_lua(cal, L, -1, source, err) != 0)
		goto fail;
	lua_close(L);
	return cal;
fail:
	if (L)
		lua_close(L);
	calendar_free(cal);
	return NULL;
}

struct calendar *calendar_new_named(const char *name, int first_year, int last_year,
				    struct casecheck_error *err)
{
	char path[256];
	const struct embedded_script *s = NULL;
	struct calendar *cal;

	snprintf(path, sizeof(path), "policies/%s/calendar.lua", name ? name : "");
	if (name && !(s = scripts_find(path))) {
		char near[64];
		int has = calendar_nearest(name, near, sizeof(near));

		error_setf(err, CASECHECK_E_INPUT, path, NULL, 0, 0,
			   "no calendar named '%s' in the library (a calendar is policies/NAME/calendar.lua)%s%s%s",
			   name, has ? " (did you mean '" : "", has ? near : "", has ? "'?)" : "");
		return NULL;
	}
	if (name)
		return calendar_new_text(s->data, s->len, path, first_year, last_year, err);
	/* no calendar named: working days are Monday to Friday */
	if (!(cal = calendar_make(first_year, last_year, 0))) {
		error_setf(err, CASECHECK_E_INTERNAL, path, NULL, 0, 0,
			   "cannot make a calendar of years %d to %d (from %d to %d, or out of memory)",
			   first_year, last_year, CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR);
		return NULL;
	}
	if (calendar_reindex_all(cal) != 0) {
		error_setf(err, CASECHECK_E_INTERNAL, "calendar", NULL, 0, 0, "out of memory");
		calendar_free(cal);
		return NULL;
	}
	return cal;
}
