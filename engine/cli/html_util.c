/*
** html_util.c: escaping, status order and anchor text for the HTML report.
*/
#include <string.h>
#include "cli_escape.h"
#include "html_util.h"

/* One escaper for every XML-family report: control characters and invalid UTF-8 too. */
void html_esc(FILE *fp, const char *s)
{
	cli_xml_escape(fp, s);
}

/* "notice.written_notice" reads best broken as "notice." / "written_" / "notice". */
void html_step_id(FILE *fp, const char *step)
{
	const char *s = step;

	for (; s && *s; s++) {
		char one[2] = { *s, '\0' };

		html_esc(fp, one);
		if ((*s == '.' || *s == '_') && s[1])
			fputs("<wbr/>", fp);
	}
}

/* worst first: what a reviewer must act on leads */
static const enum casecheck_status html_order[CASECHECK_STATUS_COUNT] = {
	CASECHECK_ERROR, CASECHECK_FAIL, CASECHECK_LATE, CASECHECK_UNKNOWN,
	CASECHECK_PENDING, CASECHECK_PASS, CASECHECK_NOT_APPLICABLE
};

int html_status_rank(enum casecheck_status status)
{
	int r;

	for (r = 0; r < CASECHECK_STATUS_COUNT; r++)
		if (html_order[r] == status)
			return r;
	return CASECHECK_STATUS_COUNT - 1;
}

enum casecheck_status html_status_at(int r)
{
	return html_order[r];
}

void html_anchor_part(char *buf, size_t size, const char *s)
{
	size_t i = 0;

	for (; s && *s && i + 1 < size; s++) {
		char c = *s;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			c = '-';
		buf[i++] = c;
	}
	buf[i] = '\0';
}
