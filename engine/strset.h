/*
** strset.h: a set of byte strings hashed by content (FNV-1a, open
** addressing, linear probing), the one hash set behind strintern.c (a
** policy's constant strings) and case_compact.c (a loaded case's strings).
** The set holds pointers: its user owns the bytes (a malloc per string, or
** a case's chunks) and makes the copy when a string is new. Each string
** gets an entry number, in the order added, for the user's own data.
*/
#ifndef CASECHECK_STRSET_H
#define CASECHECK_STRSET_H

#include <stddef.h>

struct strset {
	size_t *slot;		/* 1 + entry number; 0 for an empty slot */
	const char **str;	/* by entry number */
	size_t *len;
	size_t cap, n, room;	/* slots (a power of two, n < cap / 2), entries, room in str and len */
};

/*
** Make COPY (the user's copy of a string, NUL-terminated) for the LEN bytes
** at S; NULL when it cannot (out of memory, or the user's limit).
*/
typedef const char *strset_copy_fn(void *ud, const char *s, size_t len);

/* An empty set with room for about HINT strings before it grows; 0 or -1 (out of memory). */
int strset_init(struct strset *set, size_t hint);

/*
** The entry number of the LEN bytes at S, added when new with the copy
** COPY(UD, S, LEN) makes; -1 when that copy or the set's own growth fails
** (the set unchanged).
*/
long strset_intern(struct strset *set, const char *s, size_t len, strset_copy_fn *copy, void *ud);

/* Free the set's tables (not the strings: they are the user's). */
void strset_free(struct strset *set);

#endif
