/*
** strpool.h: strings (and other blocks) kept for the lifetime of one owner,
** a policy, a result or a vocabulary, and freed together with it, so that
** the pointers the public structs hand out stay valid without per-field
** bookkeeping.
*/
#ifndef CASECHECK_STRPOOL_H
#define CASECHECK_STRPOOL_H

#include <stddef.h>
#include <lua.h>

/*
** Zero-initialise; free with strpool_release. Short strings are copied into
** chunks of the pool's own (one malloc for many strings, none of malloc's
** per-block overhead: a result keeps several per finding); blocks and long
** strings are owned one by one.
*/
struct strpool {
	char **v;
	size_t n, cap;
	char *chunk;		/* the chunk short strings go to, or NULL */
	size_t room;		/* bytes left in it */
};

/* Take ownership of PTR (malloc'd). 0, or -1 when out of memory (PTR freed). */
int strpool_own(struct strpool *sp, void *ptr);

/* A copy of S owned by the pool; NULL for NULL or out of memory. */
const char *strpool_dup(struct strpool *sp, const char *s);

/* t[KEY] of the table at index T, if a string, copied into the pool; else
** NULL. Raw access, so no metamethod runs.   [-0, +0, m] */
const char *strpool_field(struct strpool *sp, lua_State *L, int t, const char *key);

void strpool_release(struct strpool *sp);

#endif
