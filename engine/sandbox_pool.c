/*
** sandbox_pool.c: size classes for the small blocks of a sandbox's Lua
** state. An evaluation makes and drops thousands of small tables, strings
** and closures (a finding, its placeholder values, a due span); malloc and
** free were a tenth of it (issue 10, "a per-case arena instead of thousands
** of mallocs"). Here a block of up to POOL_MAX bytes is taken from the
** free list of its class, or cut from a 64 KiB chunk, and goes back on that
** list when Lua frees it: a few instructions each way, and no header, since
** Lua passes the old size with every free and resize.
**
** What the pool holds stays with the sandbox until it is freed (no chunk is
** given back while the state lives): the memory budget counts Lua's own
** sizes (sandbox.c), not the chunks. A block shrunk within the pool stays
** where it is, and is later filed under the smaller class its new size
** names; it is big enough for that class, so nothing is lost but space.
** Lua requires that shrinking never fails: a block of malloc's shrunk into
** the pool's sizes moves into a pool block, and if not even a chunk can be
** had for that it stays where it is and joins the pool when freed (safe,
** being big enough; only then is one block never given back to malloc).
**
** Under AddressSanitizer every block goes to malloc, so that the sanitizer
** sees each one (a pool would hide a use after free from it).
*/
#include <stdlib.h>
#include <string.h>
#include "sandbox_pool.h"

#define POOL_CHUNK 65536
/* A chunk's link to the previous one, padded so that blocks stay aligned for any type. */
#define POOL_HEADER 16

#if SANDBOX_POOL_BYPASS

void *sandbox_pool_realloc(struct sandbox_pool *pool, void *ptr, size_t osize, size_t nsize)
{
	void *b = realloc(ptr, nsize);

	(void)pool;
	if (!b && ptr && nsize <= osize)
		return ptr;	/* a shrink must not fail: the old block is big enough */
	return b;
}

void sandbox_pool_free(struct sandbox_pool *pool, void *ptr, size_t osize)
{
	(void)pool;
	(void)osize;
	free(ptr);
}

#else

/* The class of a block of N bytes, 0 < N <= POOL_MAX. */
static unsigned pool_class(size_t n)
{
	return (unsigned)((n - 1) / POOL_STEP);
}

/* A block of class C: from its free list, else cut from the newest chunk. */
static void *class_take(struct sandbox_pool *pool, unsigned c)
{
	size_t size = (size_t)(c + 1) * POOL_STEP;
	void *b = pool->free[c];
	char *chunk;

	if (b) {
		memcpy(&pool->free[c], b, sizeof(void *));
		return b;
	}
	if (pool->left < size) {
		/* what is left of the old chunk (less than POOL_MAX) is not used */
		chunk = malloc(POOL_CHUNK);
		if (!chunk)
			return NULL;
		memcpy(chunk, &pool->chunks, sizeof(void *));
		pool->chunks = chunk;
		pool->cur = chunk + POOL_HEADER;
		pool->left = POOL_CHUNK - POOL_HEADER;
	}
	b = pool->cur;
	pool->cur += size;
	pool->left -= size;
	return b;
}

static void class_put(struct sandbox_pool *pool, void *b, unsigned c)
{
	memcpy(b, &pool->free[c], sizeof(void *));
	pool->free[c] = b;
}

void *sandbox_pool_realloc(struct sandbox_pool *pool, void *ptr, size_t osize, size_t nsize)
{
	int old_small = ptr && osize <= POOL_MAX;
	int new_small = nsize <= POOL_MAX;
	void *b;

	if (!ptr)
		return new_small ? class_take(pool, pool_class(nsize)) : malloc(nsize);
	if (old_small && new_small && pool_class(nsize) <= pool_class(osize))
		return ptr;	/* it fits where it is (see the header) */
	if (!old_small && !new_small)
		return realloc(ptr, nsize);
	b = new_small ? class_take(pool, pool_class(nsize)) : malloc(nsize);
	if (!b) {
		if (nsize <= osize)
			return ptr;	/* a shrink must not fail: see the header */
		return NULL;
	}
	memcpy(b, ptr, osize < nsize ? osize : nsize);
	if (old_small)
		class_put(pool, ptr, pool_class(osize));
	else
		free(ptr);
	return b;
}

void sandbox_pool_free(struct sandbox_pool *pool, void *ptr, size_t osize)
{
	if (!ptr)
		return;
	if (osize <= POOL_MAX)
		class_put(pool, ptr, pool_class(osize));
	else
		free(ptr);
}

#endif

void sandbox_pool_release(struct sandbox_pool *pool)
{
	void *chunk = pool->chunks, *prev;

	while (chunk) {
		memcpy(&prev, chunk, sizeof(void *));
		free(chunk);
		chunk = prev;
	}
	memset(pool, 0, sizeof(*pool));
}
