/*
** strintern.c: a reference-counted set of strings, hashed by content (see
** strintern.h). Open addressing, FNV-1a. One engine's thread at a time.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "strintern.h"

/* At most this many strings: enough for every constant of any policy. */
#define STRINTERN_MAX 65536

/* Recent look-ups by the caller's address, checked by content (see strintern_get). */
#define STRINTERN_RECENT 256

struct strintern {
	unsigned refs;
	struct {
		const char *from, *copy;	/* FROM is only compared, never kept alive */
		size_t len;
	} recent[STRINTERN_RECENT];
	char **slot;
	size_t *len;
	size_t cap, n;		/* cap a power of two, n < cap / 2 */
};

static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

struct strintern *strintern_new(void)
{
	struct strintern *si = calloc(1, sizeof(*si));

	if (!si)
		return NULL;
	si->refs = 1;
	si->cap = 64;
	si->slot = calloc(si->cap, sizeof(*si->slot));
	si->len = calloc(si->cap, sizeof(*si->len));
	if (!si->slot || !si->len) {
		free(si->slot);
		free(si->len);
		free(si);
		return NULL;
	}
	return si;
}

struct strintern *strintern_ref(struct strintern *si)
{
	si->refs++;
	return si;
}

void strintern_unref(struct strintern *si)
{
	size_t i;

	if (!si || --si->refs > 0)
		return;
	for (i = 0; i < si->cap; i++)
		free(si->slot[i]);
	free(si->slot);
	free(si->len);
	free(si);
}

/* Double the table. 0, or -1 when out of memory (the table unchanged). */
static int grow(struct strintern *si)
{
	size_t cap = si->cap * 2, i;
	char **slot = calloc(cap, sizeof(*slot));
	size_t *len = calloc(cap, sizeof(*len));

	if (!slot || !len) {
		free(slot);
		free(len);
		return -1;
	}
	for (i = 0; i < si->cap; i++) {
		size_t j;

		if (!si->slot[i])
			continue;
		j = hash(si->slot[i], si->len[i]) & (cap - 1);
		while (slot[j])
			j = (j + 1) & (cap - 1);
		slot[j] = si->slot[i];
		len[j] = si->len[i];
	}
	free(si->slot);
	free(si->len);
	si->slot = slot;
	si->len = len;
	si->cap = cap;
	return 0;
}

/* The table's copy of S, hashed; NULL when it cannot hold it. */
static const char *lookup(struct strintern *si, const char *s, size_t len)
{
	size_t j = hash(s, len) & (si->cap - 1);
	char *copy;

	while (si->slot[j]) {
		if (si->len[j] == len && memcmp(si->slot[j], s, len) == 0)
			return si->slot[j];
		j = (j + 1) & (si->cap - 1);
	}
	if (si->n >= STRINTERN_MAX)
		return NULL;
	if ((si->n + 1) * 2 > si->cap) {
		if (grow(si) != 0)
			return NULL;
		return lookup(si, s, len);
	}
	if (!(copy = malloc(len + 1)))
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	si->slot[j] = copy;
	si->len[j] = len;
	si->n++;
	return copy;
}

/*
** A policy's constants reach here as the same Lua strings finding after
** finding: a slot by S's address remembers the copy, and memcmp (cheaper
** than hashing) confirms that the bytes there are still the same.
*/
const char *strintern_get(struct strintern *si, const char *s, size_t len)
{
	size_t k = ((uintptr_t)s >> 4) % STRINTERN_RECENT;
	const char *copy;

	if (si->recent[k].from == s && si->recent[k].len == len &&
	    memcmp(si->recent[k].copy, s, len) == 0)
		return si->recent[k].copy;
	copy = lookup(si, s, len);
	if (copy) {
		si->recent[k].from = s;
		si->recent[k].copy = copy;
		si->recent[k].len = len;
	}
	return copy;
}
