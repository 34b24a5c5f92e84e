/*
** sandbox_pool.h: the small blocks of one sandbox's Lua state, by size
** class. Lua tells its allocator the size of every block it frees or
** resizes, so a block needs no header: a freed one goes on its class's
** list and is handed out again as is. One pool per sandbox, used by one
** thread at a time, like its lua_State.
*/
#ifndef CASECHECK_SANDBOX_POOL_H
#define CASECHECK_SANDBOX_POOL_H

#include <stddef.h>

/* Blocks of up to POOL_MAX bytes come from the pool, in classes of POOL_STEP. */
#define POOL_STEP 16
#define POOL_MAX 256
#define POOL_CLASSES (POOL_MAX / POOL_STEP)

/* Under AddressSanitizer every block goes to malloc (sandbox_pool.c). */
#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_POOL_BYPASS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANDBOX_POOL_BYPASS 1
#endif
#endif
#ifndef SANDBOX_POOL_BYPASS
#define SANDBOX_POOL_BYPASS 0
#endif

struct sandbox_pool {
	void *free[POOL_CLASSES];	/* freed blocks of each class, linked through their first word */
	void *chunks;			/* every chunk taken, linked through its first word */
	char *cur;			/* what is left of the newest chunk */
	size_t left;
};

/*
** Lua's allocator, less the budget (sandbox.c keeps that): PTR with OSIZE
** bytes (PTR NULL: a new block, OSIZE 0) resized to NSIZE > 0 bytes. NULL
** when out of memory: then PTR is unchanged, and still valid. A shrink
** (NSIZE <= OSIZE) never fails.
*/
void *sandbox_pool_realloc(struct sandbox_pool *pool, void *ptr, size_t osize, size_t nsize);

/* Free PTR, a block of OSIZE bytes as Lua last sized it. */
void sandbox_pool_free(struct sandbox_pool *pool, void *ptr, size_t osize);

/* Give every chunk back, once the state is closed. */
void sandbox_pool_release(struct sandbox_pool *pool);

#endif
