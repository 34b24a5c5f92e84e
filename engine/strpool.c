/*
** strpool.c: a list of blocks freed together with their owner (see strpool.h).
*/
#include <stdlib.h>
#include <string.h>
#include "strpool.h"

int strpool_own(struct strpool *sp, void *ptr)
{
	if (sp->n == sp->cap) {
		size_t cap = sp->cap ? sp->cap * 2 : 64;
		char **v = realloc(sp->v, cap * sizeof(*v));

		if (!v) {
			free(ptr);
			return -1;
		}
		sp->v = v;
		sp->cap = cap;
	}
	sp->v[sp->n++] = ptr;
	return 0;
}

/* Strings up to this size share chunks of STRPOOL_CHUNK bytes. */
#define STRPOOL_SHORT 512
#define STRPOOL_CHUNK 16384

/* A copy of the LEN bytes at S and a NUL, owned by the pool. */
static const char *dup_len(struct strpool *sp, const char *s, size_t len)
{
	char *copy;

	if (len + 1 > STRPOOL_SHORT) {
		if (!(copy = malloc(len + 1)) || strpool_own(sp, copy) != 0)
			return NULL;
	} else {
		if (len + 1 > sp->room) {
			char *chunk = malloc(STRPOOL_CHUNK);

			if (!chunk || strpool_own(sp, chunk) != 0)
				return NULL;
			sp->chunk = chunk;
			sp->room = STRPOOL_CHUNK;
		}
		copy = sp->chunk;
		sp->chunk += len + 1;
		sp->room -= len + 1;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

const char *strpool_dup(struct strpool *sp, const char *s)
{
	return s ? dup_len(sp, s, strlen(s)) : NULL;
}

const char *strpool_field(struct strpool *sp, lua_State *L, int t, const char *key)
{
	const char *s;

	lua_pushstring(L, key);
	lua_rawget(L, t);
	s = lua_type(L, -1) == LUA_TSTRING ? strpool_dup(sp, lua_tostring(L, -1)) : NULL;
	lua_pop(L, 1);
	return s;
}

void strpool_release(struct strpool *sp)
{
	size_t i;

	for (i = 0; i < sp->n; i++)
		free(sp->v[i]);
	free(sp->v);
	sp->v = NULL;
	sp->n = sp->cap = 0;
	sp->chunk = NULL;
	sp->room = 0;
}
