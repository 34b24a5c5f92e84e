/*
** suggest.c: did-you-mean by optimal-string-alignment (restricted
** Damerau-Levenshtein) distance over three rolling rows on the stack, so a
** suggestion costs no allocation and is safe from any thread.
*/
#include <string.h>
#include "suggest.h"

#define SUGGEST_MAX 64
#define SUGGEST_FAR 1000

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;

	return m < c ? m : c;
}

int suggest_distance(const char *a, const char *b)
{
	int rows[3][SUGGEST_MAX + 1];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > SUGGEST_MAX || lb > SUGGEST_MAX)
		return strcmp(a, b) == 0 ? 0 : SUGGEST_FAR;
	for (j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (i = 1; i <= la; i++) {
		cur[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int ca = fold((unsigned char)a[i - 1]), cb = fold((unsigned char)b[j - 1]);
			int cost = ca != cb;

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			/* a transposition of two adjacent letters is one edit */
			if (i > 1 && j > 1 && ca == fold((unsigned char)b[j - 2]) &&
			    fold((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

void suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->len = strlen(word);
	s->best = NULL;
	s->score = SUGGEST_FAR;
}

/* A prefix either way, folding case, of at least 3 characters. */
static int is_prefix(const char *a, size_t la, const char *b, size_t lb)
{
	size_t n = la < lb ? la : lb, i;

	if (n < 3)
		return 0;
	for (i = 0; i < n; i++)
		if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
			return 0;
	return 1;
}

void suggest_consider(struct suggest *s, const char *candidate)
{
	int limit = (int)(s->len / 3) > 1 ? (int)(s->len / 3) : 1;
	int d, score;
	size_t lc;

	if (!candidate || strcmp(candidate, s->word) == 0)
		return;
	lc = strlen(candidate);
	/* cheap bound: the length difference alone may rule it out */
	if ((lc > s->len ? lc - s->len : s->len - lc) > (size_t)limit) {
		if (!is_prefix(s->word, s->len, candidate, lc))
			return;
		d = SUGGEST_FAR;
	} else {
		d = suggest_distance(s->word, candidate);
	}
	if (d <= limit)
		score = d;
	else if (is_prefix(s->word, s->len, candidate, lc))
		score = limit + 1;
	else
		return;
	if (score < s->score) {
		s->score = score;
		s->best = candidate;
	}
}

const char *suggest_result(const struct suggest *s)
{
	return s->best;
}

const char *suggest_best(const char *word, const char *const *candidates, size_t n)
{
	struct suggest s;
	size_t i;

	suggest_init(&s, word);
	for (i = 0; i < n; i++)
		suggest_consider(&s, candidates[i]);
	return suggest_result(&s);
}
