/*
** report_text.h: the terminal report of 'casecheck run': per case a header,
** findings grouped by matter, a summary line, and a final total.
*/
#ifndef REPORT_TEXT_H
#define REPORT_TEXT_H

#include <stdio.h>
#include "casecheck.h"

struct report_text {
	FILE *fp;			/* borrowed */
	int color;			/* 1: ANSI colours */
	int width;			/* columns to wrap at */
	size_t cases;			/* cases reported so far */
	size_t bad;			/* fixtures reported as not evaluated */
	size_t findings;
	size_t counts[CASECHECK_STATUS_COUNT];
};

void report_text_init(struct report_text *rt, FILE *fp, int color);
/* The width to wrap at: COLUMNS, else FP's terminal, else 80 (at least 40). */
int report_text_width(FILE *fp);
/*
** Report one evaluated case. FILE is the fixture as given, TITLE its title
** (may be NULL). Returns 0, or -1 when out of memory.
*/
int report_text_case(struct report_text *rt, const struct casecheck_case *kase,
		     const char *file, const char *title,
		     const struct casecheck_policy *policy,
		     const struct casecheck_result *result);
/* A fixture FILE that could not be evaluated, and why (ERR). */
void report_text_bad(struct report_text *rt, const char *file, const struct casecheck_error *err);
/* The final total; N_BAD fixtures could not be evaluated. */
void report_text_finish(struct report_text *rt, size_t n_bad);

/* "PASS", "LATE", "FAIL", "PENDING", "N/A", "UNKNOWN", "ERROR". */
const char *report_status_word(enum casecheck_status status);
/* The ANSI colour for STATUS ("" when none), and the reset sequence. */
const char *report_status_color(enum casecheck_status status);
#define REPORT_RESET "\033[0m"
#define REPORT_BOLD "\033[1m"
/* "5 pass, 2 late, 3 fail": the non-zero counts, into BUF. */
void report_counts_format(const size_t *counts, char *buf, size_t size);

#endif
