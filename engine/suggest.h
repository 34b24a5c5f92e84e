/*
** suggest.h: "did you mean" for misspelled names. Candidates are scored by
** optimal-string-alignment distance, so a swapped pair of letters counts as
** one edit; a case-insensitive match or a prefix also counts as close.
*/
#ifndef CASECHECK_SUGGEST_H
#define CASECHECK_SUGGEST_H

#include <stddef.h>

/* Incremental form, for candidates that do not sit in one array. */
struct suggest {
	const char *word;
	size_t len;
	const char *best;	/* NULL while nothing is close */
	int score;		/* lower is better */
};

void suggest_init(struct suggest *s, const char *word);
void suggest_consider(struct suggest *s, const char *candidate);
const char *suggest_result(const struct suggest *s);

/*
** The candidate closest to WORD: a case-insensitive match first, then the
** smallest distance within max(1, strlen(WORD) / 3), then a prefix match
** either way (of at least 3 characters); ties go to the earlier candidate.
** NULL when nothing is close, or a candidate equals WORD exactly (there is
** nothing to suggest then). CANDIDATES may hold NULLs, which are skipped.
*/
const char *suggest_best(const char *word, const char *const *candidates, size_t n);

/* Optimal-string-alignment distance, ignoring ASCII case. Words longer than
** 64 bytes are never close (a large number) unless equal: no big tables. */
int suggest_distance(const char *a, const char *b);

#endif
