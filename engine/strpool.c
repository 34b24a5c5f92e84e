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

const char *strpool_dup(struct strpool *sp, const char *s)
{
	char *copy;

	if (!s || !(copy = strdup(s)))
		return NULL;
	return strpool_own(sp, copy) == 0 ? copy : NULL;
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
}
