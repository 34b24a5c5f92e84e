/*
** test_update.h: 'casecheck test --update': rewrite a fixture's top-level
** "expect" block from the current findings, leaving every other byte of the
** file as it was (test_update.c).
*/
#ifndef TEST_UPDATE_H
#define TEST_UPDATE_H

#include <stddef.h>
#include <jansson.h>
#include "casecheck.h"

/*
** The JSON text of a new "expect" value for RESULT, given the old block
** OLD (NULL when the fixture has none), indented as the member of a
** top-level object whose indent unit is UNIT. With "complete": true (or no
** old block) every finding is listed; else only the findings the old
** entries named. A new string (free()), or NULL when out of memory.
*/
char *test_update_block(const struct casecheck_result *result, json_t *old, const char *unit);

/*
** Find the top-level "expect" member of the JSON object TEXT[0..LEN).
** Sets *VSTART and *VEND to its value's byte range and returns 1; returns
** 0 when there is none (then *VSTART is the end of the last member's value,
** or just after '{' when the object is empty, and *VEND the final '}');
** -1 when TEXT is not a JSON object as far as the scanner can tell.
*/
int test_update_locate(const char *text, size_t len, size_t *vstart, size_t *vend,
		       int *empty);

/* The indent unit of TEXT: the whitespace before its first member ("  " when none). */
void test_update_unit(const char *text, size_t len, char *unit, size_t size);

/*
** Rewrite the fixture at PATH so that its "expect" block says what RESULT
** found (see test_update_block). *CHANGED is set to 1 when the file was
** rewritten (via a temporary file and rename), 0 when it already said so.
** 0, or -1 with a lowercase message in ERRBUF.
*/
int test_update_file(const char *path, const struct casecheck_result *result, json_t *old,
		     int *changed, char *errbuf, size_t errsize);

#endif
