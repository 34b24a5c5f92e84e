/*
** date.h: calendar dates as day numbers, and dates of year, month or day
** precision as inclusive intervals of days ("2002" is 2002-01-01..2002-12-31).
** Pure functions, no state: the proleptic Gregorian calendar.
*/
#ifndef CASECHECK_DATE_H
#define CASECHECK_DATE_H

#include <stddef.h>

/* Days since 1970-01-01 (negative before it). int covers every year we need. */

enum date_precision { DATE_DAY = 0, DATE_MONTH = 1, DATE_YEAR = 2 };

/* An inclusive interval of days: lo == hi for a date of day precision. */
struct date_span {
	int lo, hi;
	enum date_precision prec;
};

/*
** Parse "YYYY-MM-DD", "YYYY-MM" or "YYYY" (exactly those shapes, years
** 0001-9999). Returns 0 and fills OUT, or -1 and sets *WHY to a static
** lowercase explanation ("day 30 is not in February 2019",
** "month must be 01 to 12", "expected YYYY-MM-DD, YYYY-MM or YYYY").
*/
int date_parse(const char *s, size_t len, struct date_span *out, const char **why);

int date_from_ymd(int y, int m, int d);
void date_to_ymd(int day, int *y, int *m, int *d);
int date_days_in_month(int y, int m);
int date_is_leap(int y);

/* 0 = Monday ... 6 = Sunday. */
int date_weekday(int day);

/* The same day N years later; 29 February becomes 28 February. */
int date_add_years(int day, int n);

/* "2019-08-15" into BUF (at least 11 bytes). Returns the length. */
size_t date_format_iso(int day, char *buf, size_t n);

/* A span as written in fixtures: "2002", "2002-05" or "2002-05-27". */
size_t date_format_span(const struct date_span *s, char *buf, size_t n);

/*
** A due date as findings write it: "2019-08-15", or "LO/HI" (an ISO 8601
** interval of two days) when it is imprecise. Only the span's lo and hi are
** read: a due date is a range of days whatever precision it came from.
*/
size_t date_format_interval(const struct date_span *s, char *buf, size_t n);

/*
** The reverse: "YYYY-MM-DD" or "YYYY-MM-DD/YYYY-MM-DD" (lo not after hi), of
** LEN bytes. 0 and OUT (precision DATE_DAY), or -1 and *WHY (static text).
*/
int date_parse_interval(const char *s, size_t len, struct date_span *out, const char **why);

/* "15 August 2019" (day), "August 2019" (month) or "2019" (year). */
size_t date_format_long(const struct date_span *s, char *buf, size_t n);

#endif
