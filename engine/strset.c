/*
** strset.c: a set of byte strings hashed by content (see strset.h).
** Entries are kept in the order added, apart from the slots, so that
** growing rehashes entry numbers and the user's data per entry never moves.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "strset.h"

static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Make the slots CAP (a power of two, above twice the entries); 0 or -1. */
static int rehash(struct strset *set, size_t cap)
{
	size_t *slot = calloc(cap, sizeof(*slot)), i;

	if (!slot)
		return -1;
	for (i = 0; i < set->n; i++) {
		size_t j = hash(set->str[i], set->len[i]) & (cap - 1);

		while (slot[j])
			j = (j + 1) & (cap - 1);
		slot[j] = i + 1;
	}
	free(set->slot);
	set->slot = slot;
	set->cap = cap;
	return 0;
}

int strset_init(struct strset *set, size_t hint)
{
	size_t cap = 16;

	memset(set, 0, sizeof(*set));
	while (cap < 2 * hint + 2)
		cap *= 2;
	return rehash(set, cap);
}

/* Room for one more entry: slots and entry arrays; 0 or -1 (unchanged). */
static int reserve(struct strset *set)
{
	if ((set->n + 1) * 2 > set->cap && rehash(set, set->cap * 2) != 0)
		return -1;
	if (set->n == set->room) {
		size_t room = set->room ? set->room * 2 : set->cap / 2;
		const char **str = realloc((void *)set->str, room * sizeof(*str));
		size_t *len;

		if (!str)
			return -1;
		set->str = str;
		if (!(len = realloc(set->len, room * sizeof(*len))))
			return -1;
		set->len = len;
		set->room = room;
	}
	return 0;
}

long strset_intern(struct strset *set, const char *s, size_t len, strset_copy_fn *copy, void *ud)
{
	size_t j;
	const char *c;

	if (reserve(set) != 0)
		return -1;
	j = hash(s, len) & (set->cap - 1);
	while (set->slot[j]) {
		size_t e = set->slot[j] - 1;

		if (set->len[e] == len && memcmp(set->str[e], s, len) == 0)
			return (long)e;
		j = (j + 1) & (set->cap - 1);
	}
	if (!(c = copy(ud, s, len)))
		return -1;
	set->str[set->n] = c;
	set->len[set->n] = len;
	set->slot[j] = ++set->n;
	return (long)(set->n - 1);
}

void strset_free(struct strset *set)
{
	free(set->slot);
	free((void *)set->str);
	free(set->len);
	memset(set, 0, sizeof(*set));
}
