/*
** calendar.h: working days (Monday to Friday, not a bank holiday) over a
** range of years, for deadlines "within N working days". Each policy chooses
** its calendar by name (calendar "NAME" in the policy: the data file
** policies/NAME/calendar.lua, compiled into the library): which named rules
** held in which years, and the one-off moves and extra days. The rules are
** computed here (docs/case-format.md, "Dates and working days").
*/
#ifndef CASECHECK_CALENDAR_H
#define CASECHECK_CALENDAR_H

#include <stddef.h>
#include <lua.h>
#include "casecheck.h"

/* What errors name before the caller says which file the data came from. */
#define CALENDAR_SCRIPT "calendar"

/* Years a calendar may cover: the Gregorian Easter computus holds from 1583. */
#define CALENDAR_MIN_YEAR 1583
#define CALENDAR_MAX_YEAR 9999

/*
** The years the engine's calendar covers, and so the years a fixture's dates
** may fall in: any date an officer's career can span, with room for deadlines.
*/
#define CALENDAR_ENGINE_FIRST_YEAR 1900
#define CALENDAR_ENGINE_LAST_YEAR 2200

struct calendar;

/*
** The bank holidays of FIRST_YEAR..LAST_YEAR (inclusive) from the regular
** rules marked as today's, applied to every year alike (for tests; a
** calendar file's "regular" list replaces them). NULL when
** the range is empty or outside CALENDAR_MIN_YEAR..CALENDAR_MAX_YEAR, or when out of memory.
*/
struct calendar *calendar_new(int first_year, int last_year);
void calendar_free(struct calendar *cal);

/*
** The calendar NAME (policies/NAME/calendar.lua as compiled into the library:
** its regular rules and one-offs); NAME NULL: no holidays, working days are
** Monday to Friday. NULL and ERR filled on failure (an unknown name too).
*/
struct calendar *calendar_new_named(const char *name, int first_year, int last_year,
				    struct casecheck_error *err);

/*
** A calendar from the text of a calendar file (Lua returning the table
** calendar_apply_lua reads), run with no library and bounded memory and
** instructions; SOURCE names it in errors. NULL and ERR on any problem.
*/
struct calendar *calendar_new_text(const char *text, size_t len, const char *source,
				   int first_year, int last_year, struct casecheck_error *err);

/* Remove every holiday. 0, or -1 when out of memory. */
int calendar_clear(struct calendar *cal);

/*
** Move the holiday on FROM_DAY to TO_DAY, which then carries the name WHY
** (copied). 0, or -1 when either day is outside the calendar, FROM_DAY is not
** a holiday, or TO_DAY is a Saturday, a Sunday or already a holiday.
*/
int calendar_move_holiday(struct calendar *cal, int from_day, int to_day, const char *why);

/*
** Make DAY an extra holiday named WHY (copied). 0, or -1 when DAY is outside
** the calendar, a Saturday, a Sunday or already a holiday.
*/
int calendar_add_holiday(struct calendar *cal, int day, const char *why);

/*
** Apply the table a calendar file returns, at stack index IDX of L:
** first the regular rules with the years each held (when "regular" is
** given, it replaces the calendar's regular holidays), then the one-offs:
**   { jurisdiction = "Ruritania",
**     regular = { { rule = "whit_monday", to = 1966 }, { rule = "new_year", from = 1974 }, ... },
**     changes = { { move = { "1995-05-01", "1995-05-08" }, why = "..." },
**                 { add = "1999-12-31", why = "..." }, ... } }
** Changes whose days all fall outside the calendar's years are skipped.
** Reads with raw access only, so no metamethod runs: safe outside lua_pcall.
** Returns 0, or -1 with ERR naming SOURCE (the file) and the wrong entry
** ("changes[3]"); the calendar may then hold the changes before it.
** [-0, +0, -]
*/
int calendar_apply_lua(struct calendar *cal, lua_State *L, int idx, const char *source,
		       struct casecheck_error *err);

int calendar_first_year(const struct calendar *cal);
int calendar_last_year(const struct calendar *cal);

/* 1 when DAY lies in the calendar's years, else 0. */
int calendar_in_range(const struct calendar *cal, int day);

/* Easter Sunday of YEAR (Gregorian, anonymous computus) as a day number. */
int calendar_easter(int year);

/*
** 1 if DAY is a bank holiday, 0 if not, -1 when DAY is outside the calendar.
** *NAME (NAME may be NULL) gets e.g. "Easter Monday", "Boxing Day (substitute
** day)" or the WHY text of a moved or extra day; valid while CAL lives.
*/
int calendar_is_holiday(const struct calendar *cal, int day, const char **name);

/* 1 if DAY is Monday to Friday and not a holiday, 0 if not, -1 outside the calendar. */
int calendar_is_working_day(const struct calendar *cal, int day);

/*
** The N-th working day after DAY into *OUT: "within N working days of DAY".
** N = 1 gives the first working day after DAY (whatever DAY itself is); N = 0
** gives DAY. O(1). Returns 0, or -1 when N < 0 or DAY or the answer lies
** outside the calendar.
*/
int calendar_add_working_days(const struct calendar *cal, int day, int n, int *out);

/*
** The number of working days in (FROM, TO] (negative when TO < FROM), so that
** calendar_add_working_days(FROM, N) is the first day with a count of N. O(1).
** Returns 0, or -1 when either day is outside the calendar.
*/
int calendar_working_days_between(const struct calendar *cal, int from, int to, int *out);

/*
** The holidays in (FROM, TO], in order, for explanations: up to MAX of them
** into DAYS and NAMES (either may be NULL). Returns how many there are in
** all, which may be more than MAX. Days outside the calendar are ignored.
*/
size_t calendar_holidays_between(const struct calendar *cal, int from, int to, int *days,
				 const char **names, size_t max);

#endif
