/*
** strintern.c: a reference-counted set of strings, hashed by content (see
** strintern.h; the set is strset.c's). One engine's thread at a time.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "strintern.h"
#include "strset.h"

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
	struct strset set;	/* the strings, each a malloc of its own */
};

struct strintern *strintern_new(void)
{
	struct strintern *si = calloc(1, sizeof(*si));

	if (!si)
		return NULL;
	si->refs = 1;
	if (strset_init(&si->set, 32) != 0) {
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
	for (i = 0; i < si->set.n; i++)
		free((void *)si->set.str[i]);
	strset_free(&si->set);
	free(si);
}

/* A string's own copy, unless the table is full. */
static const char *copy_string(void *ud, const char *s, size_t len)
{
	struct strintern *si = ud;
	char *copy;

	if (si->set.n >= STRINTERN_MAX || !(copy = malloc(len + 1)))
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* The table's copy of S; NULL when it cannot hold it. */
static const char *lookup(struct strintern *si, const char *s, size_t len)
{
	long e = strset_intern(&si->set, s, len, copy_string, si);

	return e < 0 ? NULL : si->set.str[e];
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
