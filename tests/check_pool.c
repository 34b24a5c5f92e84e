/*
** check_pool.c: the sandbox's pool of small blocks (engine/sandbox_pool.c)
** as Lua's allocator uses it: what a block holds survives every resize,
** within a class, across classes and between the pool and malloc; a shrink
** never fails; a freed block is handed out again; and releasing the pool
** gives its chunks back (the valgrind run of the suite checks that; under
** ASan the pool hands every block to malloc, and these tests still hold).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "sandbox_pool.h"

/* Fill N bytes of P with a pattern that depends on SEED and the offset. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 31u + i * 7u);
}

static int holds(const unsigned char *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed * 31u + i * 7u))
			return 0;
	return 1;
}

/* Grow one block through every size up to past POOL_MAX and back down. */
START_TEST(test_resize_keeps_the_contents)
{
	struct sandbox_pool pool = { 0 };
	size_t sizes[] = { 1, 15, 16, 17, 40, 100, 255, 256, 257, 1000, 70000, 300, 256, 200, 33, 8, 1 };
	size_t i, prev;
	unsigned char *p;

	p = sandbox_pool_realloc(&pool, NULL, 0, sizes[0]);
	ck_assert_ptr_nonnull(p);
	fill(p, sizes[0], 1);
	prev = sizes[0];
	for (i = 1; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t keep = prev < sizes[i] ? prev : sizes[i];

		p = sandbox_pool_realloc(&pool, p, prev, sizes[i]);
		ck_assert_ptr_nonnull(p);
		ck_assert_msg(holds(p, keep, 1), "contents lost resizing %zu -> %zu", prev, sizes[i]);
		/* the block is as big as asked: writing all of it is fine (ASan, valgrind) */
		fill(p + keep, sizes[i] - keep, 1);
		fill(p, sizes[i], 1);
		prev = sizes[i];
	}
	sandbox_pool_free(&pool, p, prev);
	sandbox_pool_release(&pool);
}
END_TEST

/* Blocks are aligned for any type, and a freed block of a class is reused. */
START_TEST(test_alignment_and_reuse)
{
	struct sandbox_pool pool = { 0 };
	void *a[64];
	void *b;
	size_t i;

	for (i = 0; i < 64; i++) {
		a[i] = sandbox_pool_realloc(&pool, NULL, 0, 1 + i * 4);
		ck_assert_ptr_nonnull(a[i]);
		ck_assert_uint_eq((uintptr_t)a[i] % 16, 0);
		memset(a[i], 0xab, 1 + i * 4);
	}
	sandbox_pool_free(&pool, a[10], 41);
	b = sandbox_pool_realloc(&pool, NULL, 0, 48);	/* the same class as 41 bytes */
	if (!SANDBOX_POOL_BYPASS)
		ck_assert_ptr_eq(b, a[10]);
	a[10] = b;
	for (i = 0; i < 64; i++)
		sandbox_pool_free(&pool, a[i], i == 10 ? 48 : 1 + i * 4);
	sandbox_pool_release(&pool);
}
END_TEST

/* A block shrunk in place and freed under its smaller size serves that size. */
START_TEST(test_shrink_in_place)
{
	struct sandbox_pool pool = { 0 };
	unsigned char *p = sandbox_pool_realloc(&pool, NULL, 0, 200), *q;

	ck_assert_ptr_nonnull(p);
	fill(p, 200, 3);
	q = sandbox_pool_realloc(&pool, p, 200, 20);
	ck_assert_ptr_nonnull(q);
	ck_assert(holds(q, 20, 3));
	sandbox_pool_free(&pool, q, 20);
	q = sandbox_pool_realloc(&pool, NULL, 0, 32);
	ck_assert_ptr_nonnull(q);
	memset(q, 0, 32);
	sandbox_pool_free(&pool, q, 32);
	sandbox_pool_release(&pool);
}
END_TEST

/* Many blocks of every class: several chunks, all given back by release. */
START_TEST(test_many_chunks)
{
	struct sandbox_pool pool = { 0 };
	enum { N = 20000 };
	unsigned char **v = malloc(N * sizeof(*v));
	size_t i;

	ck_assert_ptr_nonnull(v);
	for (i = 0; i < N; i++) {
		v[i] = sandbox_pool_realloc(&pool, NULL, 0, 1 + i % 256);
		ck_assert_ptr_nonnull(v[i]);
		fill(v[i], 1 + i % 256, (unsigned)i);
	}
	for (i = 0; i < N; i++)
		ck_assert_msg(holds(v[i], 1 + i % 256, (unsigned)i), "block %zu overwritten", i);
	for (i = 0; i < N; i++)
		sandbox_pool_free(&pool, v[i], 1 + i % 256);
	sandbox_pool_release(&pool);
	free(v);
}
END_TEST

Suite *pool_suite(void);

Suite *pool_suite(void)
{
	Suite *s = suite_create("pool");
	TCase *tc = tcase_create("pool");

	tcase_add_test(tc, test_resize_keeps_the_contents);
	tcase_add_test(tc, test_alignment_and_reuse);
	tcase_add_test(tc, test_shrink_in_place);
	tcase_add_test(tc, test_many_chunks);
	suite_add_tcase(s, tc);
	return s;
}
