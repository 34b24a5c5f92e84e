/*
** date.c: the proleptic Gregorian calendar as day numbers (days since
** 1970-01-01), strict parsing of the three date shapes fixtures use, and the
** ways a date is written back (ISO, as in the fixture, long English).
*/
#include <string.h>
#include "date.h"

static const char *const date_month_names[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"
};

/*
** Why a day does not exist, without formatting (date_parse must stay free of
** mutable state): the caller quotes the whole date, which names the year.
*/
static const char *const date_day_31_not_in[12] = {
	NULL, NULL, NULL, "day 31 is not in April", NULL, "day 31 is not in June",
	NULL, NULL, "day 31 is not in September", NULL, "day 31 is not in November", NULL
};

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

/*
** Days from civil (H. Hinnant's algorithm): years counted from 1 March so
** that the leap day is the last of the year, in 400-year eras of 146097 days.
** Floor division by hand, because C truncates negative quotients.
*/
int date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int mm = mp < 10 ? mp + 3 : mp - 9;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mm;
	*y = yoe + era * 400 + (mm <= 2);
}

int date_weekday(int day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (day + 3) % 7;

	return w < 0 ? w + 7 : w;
}

int date_add_years(int day, int n)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	y += n;
	if (m == 2 && d == 29 && !date_is_leap(y))
		d = 28;
	return date_from_ymd(y, m, d);
}

/* Read exactly N decimal digits at S; -1 when any is not a digit. */
static int date_digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse(const char *s, size_t len, struct date_span *out, const char **why)
{
	static const char shape[] = "expected YYYY-MM-DD, YYYY-MM or YYYY";
	const char *msg = shape;
	int y, m = 1, d = 1;

	/* Exactly three shapes, so the length alone picks which one to check. */
	if (!s || (len != 4 && len != 7 && len != 10))
		goto bad;
	if ((y = date_digits(s, 4)) < 0)
		goto bad;
	if (len >= 7 && (s[4] != '-' || (m = date_digits(s + 5, 2)) < 0))
		goto bad;
	if (len == 10 && (s[7] != '-' || (d = date_digits(s + 8, 2)) < 0))
		goto bad;
	if (y == 0) {
		msg = "year must be 0001 to 9999";
		goto bad;
	}
	if (m < 1 || m > 12) {
		msg = "month must be 01 to 12";
		goto bad;
	}
	if (d < 1 || d > 31) {
		msg = "day must be 01 to 31";
		goto bad;
	}
	if (d > date_days_in_month(y, m)) {
		if (m != 2)
			msg = date_day_31_not_in[m - 1];
		else if (d == 29)
			msg = "day 29 is not in February of a year that is not a leap year";
		else
			msg = d == 30 ? "day 30 is not in February" : "day 31 is not in February";
		goto bad;
	}

	if (len == 10) {
		out->lo = out->hi = date_from_ymd(y, m, d);
		out->prec = DATE_DAY;
	} else if (len == 7) {
		out->lo = date_from_ymd(y, m, 1);
		out->hi = date_from_ymd(y, m, date_days_in_month(y, m));
		out->prec = DATE_MONTH;
	} else {
		out->lo = date_from_ymd(y, 1, 1);
		out->hi = date_from_ymd(y, 12, 31);
		out->prec = DATE_YEAR;
	}
	return 0;
bad:
	if (why)
		*why = msg;
	return -1;
}

/*
** The formatters write into a scratch buffer by hand and then hand it over
** with snprintf's contract (the full length back, the text cut to N - 1
** bytes and terminated): snprintf's format parsing was most of the cost of
** every date in every message. Years outside 0 to 9999 never reach here from
** the engine (engine.c checks), but are still written whole.
*/
#define DATE_SCRATCH 48

/* Copy the LEN bytes at TMP to BUF of N bytes, as snprintf would. */
static size_t date_out(const char *tmp, size_t len, char *buf, size_t n)
{
	size_t k;

	if (n > 0) {
		k = len < n ? len : n - 1;
		memcpy(buf, tmp, k);
		buf[k] = '\0';
	}
	return len;
}

/* V in decimal, zero-padded to WIDTH digits, at P; returns the bytes written. */
static size_t date_put(char *p, int v, int width)
{
	char digits[12];
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	size_t k = 0, len = 0;

	if (v < 0)
		width--;	/* snprintf's width counts the sign */
	do {
		digits[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while ((int)k < width)
		digits[k++] = '0';
	if (v < 0)
		p[len++] = '-';
	while (k)
		p[len++] = digits[--k];
	return len;
}

/* "YYYY-MM-DD" at P (at least 11 bytes of a year's 10 digits); returns the length. */
static size_t date_put_iso(char *p, int y, int m, int d)
{
	size_t k = date_put(p, y, 4);

	p[k++] = '-';
	k += date_put(p + k, m, 2);
	p[k++] = '-';
	return k + date_put(p + k, d, 2);
}

size_t date_format_iso(int day, char *buf, size_t n)
{
	char tmp[DATE_SCRATCH];
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return date_out(tmp, date_put_iso(tmp, y, m, d), buf, n);
}

size_t date_format_span(const struct date_span *s, char *buf, size_t n)
{
	char tmp[DATE_SCRATCH];
	int y, m, d;
	size_t k;

	date_to_ymd(s->lo, &y, &m, &d);
	switch (s->prec) {
	case DATE_YEAR:
		k = date_put(tmp, y, 4);
		break;
	case DATE_MONTH:
		k = date_put(tmp, y, 4);
		tmp[k++] = '-';
		k += date_put(tmp + k, m, 2);
		break;
	case DATE_DAY:
	default:
		k = date_put_iso(tmp, y, m, d);
		break;
	}
	return date_out(tmp, k, buf, n);
}

size_t date_format_interval(const struct date_span *s, char *buf, size_t n)
{
	size_t k = date_format_iso(s->lo, buf, n);

	if (s->hi == s->lo || k + 1 >= n)
		return k;
	buf[k++] = '/';
	return k + date_format_iso(s->hi, buf + k, n - k);
}

int date_parse_interval(const char *s, size_t len, struct date_span *out, const char **why)
{
	static const char shape[] = "expected YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD";
	const char *slash = memchr(s, '/', len);
	size_t head = slash ? (size_t)(slash - s) : len;
	struct date_span a, b;

	/* the shape first, so that "2019-05" is not told it may be a month */
	if (head != 10 || (slash && len - head - 1 != 10)) {
		*why = shape;
		return -1;
	}
	if (date_parse(s, head, &a, why) != 0)
		return -1;
	b = a;
	if (slash) {
		if (date_parse(slash + 1, len - head - 1, &b, why) != 0)
			return -1;
		if (b.lo < a.lo) {
			*why = "the second date is before the first";
			return -1;
		}
	}
	out->lo = a.lo;
	out->hi = b.lo;
	out->prec = DATE_DAY;
	return 0;
}

size_t date_format_long(const struct date_span *s, char *buf, size_t n)
{
	char tmp[DATE_SCRATCH];
	int y, m, d;
	size_t k = 0, len;

	date_to_ymd(s->lo, &y, &m, &d);
	if (s->prec == DATE_DAY || (s->prec != DATE_MONTH && s->prec != DATE_YEAR)) {
		k = date_put(tmp, d, 1);
		tmp[k++] = ' ';
	}
	if (s->prec != DATE_YEAR) {
		len = strlen(date_month_names[m - 1]);
		memcpy(tmp + k, date_month_names[m - 1], len);
		k += len;
		tmp[k++] = ' ';
	}
	k += date_put(tmp + k, y, 1);
	return date_out(tmp, k, buf, n);
}
