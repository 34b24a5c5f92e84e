/*
** html_timeline.h: the timeline of one case in the HTML report: a labelled
** lane per matter (and one for the case), the events on them, each deadline
** in its finding's colour, an axis of years and the as-of date; then the
** events as a list, so that nothing is known only from a tooltip.
*/
#ifndef CLI_HTML_TIMELINE_H
#define CLI_HTML_TIMELINE_H

#include <stdio.h>
#include "casecheck.h"

/* ANCHOR: the case's anchor; finding marks link to ANCHOR/STEP/MATTER. */
void html_timeline(FILE *fp, const struct casecheck_case *kase,
		   const struct casecheck_result *result, const char *anchor);

#endif
