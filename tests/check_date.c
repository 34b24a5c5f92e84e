/*
** check_date.c: dates as a user writes them in fixtures: the three shapes
** accepted, every malformed one refused with the reason shown to the user,
** and day numbers that round-trip over every day from 1970 to 2100.
*/
#include <string.h>
#include <check.h>
#include "date.h"

static struct date_span parse_ok(const char *s)
{
	struct date_span span;
	const char *why = NULL;

	ck_assert_msg(date_parse(s, strlen(s), &span, &why) == 0, "\"%s\" refused: %s", s,
		      why ? why : "(no reason)");
	return span;
}

static void assert_refused(const char *s, const char *want_why)
{
	struct date_span span;
	const char *why = NULL;

	ck_assert_msg(date_parse(s, strlen(s), &span, &why) == -1, "\"%s\" accepted", s);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strcmp(why, want_why) == 0, "\"%s\": got \"%s\", want \"%s\"", s, why,
		      want_why);
}

START_TEST(test_parse_shapes)
{
	struct date_span s;

	s = parse_ok("2019-08-15");
	ck_assert_int_eq(s.prec, DATE_DAY);
	ck_assert_int_eq(s.lo, 18123);
	ck_assert_int_eq(s.hi, 18123);

	s = parse_ok("2019-08");
	ck_assert_int_eq(s.prec, DATE_MONTH);
	ck_assert_int_eq(s.lo, date_from_ymd(2019, 8, 1));
	ck_assert_int_eq(s.hi, date_from_ymd(2019, 8, 31));

	s = parse_ok("2020-02");
	ck_assert_int_eq(s.hi, date_from_ymd(2020, 2, 29));

	s = parse_ok("2002");
	ck_assert_int_eq(s.prec, DATE_YEAR);
	ck_assert_int_eq(s.lo, date_from_ymd(2002, 1, 1));
	ck_assert_int_eq(s.hi, date_from_ymd(2002, 12, 31));

	s = parse_ok("2000-02-29");
	ck_assert_int_eq(s.lo, date_from_ymd(2000, 2, 29));
	s = parse_ok("0001-01-01");
	ck_assert_int_eq(s.lo, -719162);
	s = parse_ok("9999-12-31");
	ck_assert_int_eq(s.lo, 2932896);
}
END_TEST

START_TEST(test_parse_uses_len_not_nul)
{
	struct date_span s;
	const char *why = NULL;

	/* A date inside a longer buffer (a JSON string that is not NUL-terminated). */
	ck_assert_int_eq(date_parse("2019-08-15T10:00", 10, &s, &why), 0);
	ck_assert_int_eq(s.lo, 18123);
	ck_assert_int_eq(date_parse("2019-08-15", 7, &s, &why), 0);
	ck_assert_int_eq(s.prec, DATE_MONTH);
}
END_TEST

START_TEST(test_parse_refuses)
{
	const char *shape = "expected YYYY-MM-DD, YYYY-MM or YYYY";

	assert_refused("2019-02-30", "day 30 is not in February");
	assert_refused("2019-02-31", "day 31 is not in February");
	assert_refused("2019-02-29", "day 29 is not in February of a year that is not a leap year");
	assert_refused("1900-02-29", "day 29 is not in February of a year that is not a leap year");
	assert_refused("2019-04-31", "day 31 is not in April");
	assert_refused("2019-06-31", "day 31 is not in June");
	assert_refused("2019-09-31", "day 31 is not in September");
	assert_refused("2019-11-31", "day 31 is not in November");
	assert_refused("2019-01-00", "day must be 01 to 31");
	assert_refused("2019-01-32", "day must be 01 to 31");
	assert_refused("2019-13", "month must be 01 to 12");
	assert_refused("2019-00", "month must be 01 to 12");
	assert_refused("2019-13-01", "month must be 01 to 12");
	assert_refused("0000", "year must be 0001 to 9999");
	assert_refused("0000-05-01", "year must be 0001 to 9999");
	assert_refused("2019-1-5", shape);
	assert_refused("2019-01-5", shape);
	assert_refused("2019-01-05x", shape);
	assert_refused("2019-01-05 ", shape);
	assert_refused(" 2019-01-05", shape);
	assert_refused("2019/01/05", shape);
	assert_refused("20190105", shape);
	assert_refused("+019-01-05", shape);
	assert_refused("2019-0a-05", shape);
	assert_refused("19", shape);
	assert_refused("", shape);
	assert_refused("12019", shape);
}
END_TEST

START_TEST(test_parse_null)
{
	struct date_span s;
	const char *why = NULL;

	ck_assert_int_eq(date_parse(NULL, 0, &s, &why), -1);
	ck_assert_str_eq(why, "expected YYYY-MM-DD, YYYY-MM or YYYY");
	/* WHY is optional */
	ck_assert_int_eq(date_parse("2019-02-30", 10, &s, NULL), -1);
}
END_TEST

START_TEST(test_anchor_days)
{
	ck_assert_int_eq(date_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(date_from_ymd(1969, 12, 31), -1);
	ck_assert_int_eq(date_from_ymd(2000, 3, 1), 11017);
	ck_assert_int_eq(date_from_ymd(2019, 8, 15), 18123);
}
END_TEST

/*
 * Every day 1970..2100: ymd and ISO text round-trip, and days follow on.
 * The loop tests with plain ifs and fails through ck_abort_msg naming the
 * day: Check's ck_assert_* write a mark to its pipe at every call, and
 * 48,000 days of them took seconds, enough to time out on a busy machine.
 */
START_TEST(test_round_trip_every_day)
{
	int first = date_from_ymd(1970, 1, 1), last = date_from_ymd(2100, 12, 31);
	int day, y, m, d, py = 1969, pm = 12, pd = 31, next;
	char buf[16];
	struct date_span s;
	const char *why;

	for (day = first; day <= last; day++) {
		date_to_ymd(day, &y, &m, &d);
		if (date_from_ymd(y, m, d) != day)
			ck_abort_msg("day %d: ymd %d-%d-%d does not map back", day, y, m, d);
		/* the next day after (py, pm, pd) */
		if (pd < date_days_in_month(py, pm))
			next = y == py && m == pm && d == pd + 1;
		else if (pm < 12)
			next = y == py && m == pm + 1 && d == 1;
		else
			next = y == py + 1 && m == 1 && d == 1;
		if (!next)
			ck_abort_msg("day %d: %d-%d-%d does not follow %d-%d-%d", day, y, m, d, py, pm, pd);
		if (date_format_iso(day, buf, sizeof(buf)) != 10)
			ck_abort_msg("day %d: ISO text is not 10 characters", day);
		if (date_parse(buf, 10, &s, &why) != 0 || s.lo != day)
			ck_abort_msg("day %d: '%.10s' does not parse back", day, buf);
		py = y;
		pm = m;
		pd = d;
	}
	ck_assert_int_eq(y, 2100);
	ck_assert_int_eq(m, 12);
	ck_assert_int_eq(d, 31);
}
END_TEST

START_TEST(test_leap_years)
{
	ck_assert(!date_is_leap(1900));
	ck_assert(date_is_leap(2000));
	ck_assert(date_is_leap(2024));
	ck_assert(!date_is_leap(2023));
	ck_assert(!date_is_leap(2100));
	ck_assert_int_eq(date_days_in_month(2024, 2), 29);
	ck_assert_int_eq(date_days_in_month(2023, 2), 28);
	ck_assert_int_eq(date_days_in_month(2023, 4), 30);
	ck_assert_int_eq(date_days_in_month(2023, 12), 31);
}
END_TEST

START_TEST(test_weekdays)
{
	ck_assert_int_eq(date_weekday(date_from_ymd(1970, 1, 1)), 3);	/* Thursday */
	ck_assert_int_eq(date_weekday(date_from_ymd(1969, 12, 28)), 6);	/* Sunday, before day 0 */
	ck_assert_int_eq(date_weekday(date_from_ymd(2019, 4, 19)), 4);	/* Good Friday */
	ck_assert_int_eq(date_weekday(date_from_ymd(2021, 12, 25)), 5);	/* Saturday */
	ck_assert_int_eq(date_weekday(date_from_ymd(2022, 12, 25)), 6);	/* Sunday */
	ck_assert_int_eq(date_weekday(date_from_ymd(2002, 5, 27)), 0);	/* Monday */
	ck_assert_int_eq(date_weekday(date_from_ymd(1, 1, 1)), 0);	/* Monday (proleptic) */
}
END_TEST

START_TEST(test_add_years)
{
	ck_assert_int_eq(date_add_years(date_from_ymd(2020, 2, 29), 1), date_from_ymd(2021, 2, 28));
	ck_assert_int_eq(date_add_years(date_from_ymd(2020, 2, 29), 4), date_from_ymd(2024, 2, 29));
	ck_assert_int_eq(date_add_years(date_from_ymd(2020, 2, 29), -1), date_from_ymd(2019, 2, 28));
	ck_assert_int_eq(date_add_years(date_from_ymd(2019, 8, 15), 3), date_from_ymd(2022, 8, 15));
	ck_assert_int_eq(date_add_years(date_from_ymd(2019, 3, 1), 1), date_from_ymd(2020, 3, 1));
	ck_assert_int_eq(date_add_years(date_from_ymd(2019, 8, 15), 0), date_from_ymd(2019, 8, 15));
}
END_TEST

START_TEST(test_formats)
{
	struct date_span s;
	char buf[64];

	ck_assert_uint_eq(date_format_iso(18123, buf, sizeof(buf)), 10);
	ck_assert_str_eq(buf, "2019-08-15");

	s = parse_ok("2002-05-27");
	ck_assert_uint_eq(date_format_span(&s, buf, sizeof(buf)), 10);
	ck_assert_str_eq(buf, "2002-05-27");
	date_format_long(&s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "27 May 2002");

	s = parse_ok("2002-05");
	ck_assert_uint_eq(date_format_span(&s, buf, sizeof(buf)), 7);
	ck_assert_str_eq(buf, "2002-05");
	date_format_long(&s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "May 2002");

	s = parse_ok("2002");
	ck_assert_uint_eq(date_format_span(&s, buf, sizeof(buf)), 4);
	ck_assert_str_eq(buf, "2002");
	date_format_long(&s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2002");

	s = parse_ok("2019-08-15");
	ck_assert_uint_eq(date_format_long(&s, buf, sizeof(buf)), 14);
	ck_assert_str_eq(buf, "15 August 2019");
	s = parse_ok("2019-08-01");
	date_format_long(&s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1 August 2019");	/* no leading zero in prose */
	s = parse_ok("2019-08");
	date_format_long(&s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "August 2019");
	s = parse_ok("0099-12-01");
	date_format_span(&s, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0099-12-01");
}
END_TEST

START_TEST(test_format_truncates)
{
	char buf[5];

	/* snprintf rules: the full length back, the text cut and terminated */
	ck_assert_uint_eq(date_format_iso(18123, buf, sizeof(buf)), 10);
	ck_assert_str_eq(buf, "2019");
	ck_assert_uint_eq(date_format_iso(18123, NULL, 0), 10);
}
END_TEST

/* Found by check_main.c through the generated suites.h. */
Suite *date_suite(void);

Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *parse = tcase_create("parse");
	TCase *arith = tcase_create("arithmetic");
	TCase *fmt = tcase_create("format");

	tcase_add_test(parse, test_parse_shapes);
	tcase_add_test(parse, test_parse_uses_len_not_nul);
	tcase_add_test(parse, test_parse_refuses);
	tcase_add_test(parse, test_parse_null);
	suite_add_tcase(s, parse);

	tcase_add_test(arith, test_anchor_days);
	tcase_add_test(arith, test_round_trip_every_day);
	tcase_add_test(arith, test_leap_years);
	tcase_add_test(arith, test_weekdays);
	tcase_add_test(arith, test_add_years);
	suite_add_tcase(s, arith);

	tcase_add_test(fmt, test_formats);
	tcase_add_test(fmt, test_format_truncates);
	suite_add_tcase(s, fmt);
	return s;
}
