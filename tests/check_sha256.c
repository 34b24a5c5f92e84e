/*
** check_sha256.c: SHA-256 against the FIPS 180-4 / NIST example vectors, the
** padding boundaries, and the incremental form against the one-shot one.
*/
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "sha256.h"

static void hex_of(const unsigned char d[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

static void assert_sha(const char *msg, const char *want)
{
	char got[65];

	sha256_hex(msg, strlen(msg), got);
	ck_assert_str_eq(got, want);
}

START_TEST(test_nist_vectors)
{
	assert_sha("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_sha("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 448 bits: the padding needs a second block */
	assert_sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	assert_sha("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
		   "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		   "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}
END_TEST

START_TEST(test_million_a)
{
	size_t n = 1000000;
	char *a = malloc(n), got[65];

	ck_assert_ptr_nonnull(a);
	memset(a, 'a', n);
	sha256_hex(a, n, got);
	ck_assert_str_eq(got, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}
END_TEST

/* Bytes i % 251 of lengths around the 56- and 64-byte padding edges. */
START_TEST(test_padding_boundaries)
{
	static const struct {
		size_t len;
		const char *hex;
	} v[] = {
		{ 55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59" },
		{ 56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562" },
		{ 63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488" },
		{ 64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108" },
		{ 65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781" },
		{ 119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6" },
		{ 120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c" },
		{ 1000, "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d" },
	};
	unsigned char buf[1000];
	char got[65];
	size_t i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i % 251);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		sha256_hex(buf, v[i].len, got);
		ck_assert_msg(strcmp(got, v[i].hex) == 0, "length %zu: got %s, want %s",
			      v[i].len, got, v[i].hex);
	}
}
END_TEST

/* Feeding in two pieces, split anywhere, gives the one-shot digest. */
START_TEST(test_incremental_matches_one_shot)
{
	unsigned char buf[200], d[32];
	char want[65], got[65];
	struct sha256 ctx;
	size_t len, cut;

	for (len = 0; len < sizeof(buf); len++)
		buf[len] = (unsigned char)(len * 7 + 3);
	for (len = 0; len <= sizeof(buf); len += 13) {
		sha256_hex(buf, len, want);
		for (cut = 0; cut <= len; cut++) {
			sha256_init(&ctx);
			sha256_update(&ctx, buf, cut);
			sha256_update(&ctx, NULL, 0);
			sha256_update(&ctx, buf + cut, len - cut);
			sha256_final(&ctx, d);
			hex_of(d, got);
			ck_assert_msg(strcmp(got, want) == 0, "length %zu cut at %zu", len, cut);
		}
	}
}
END_TEST

/* One byte at a time across many blocks. */
START_TEST(test_bytewise_million_a)
{
	struct sha256 ctx;
	unsigned char d[32];
	char got[65];
	long i;

	sha256_init(&ctx);
	for (i = 0; i < 1000000; i++)
		sha256_update(&ctx, "a", 1);
	sha256_final(&ctx, d);
	hex_of(d, got);
	ck_assert_str_eq(got, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* Found by check_main.c through the generated suites.h. */
Suite *sha256_suite(void);

Suite *sha256_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("digest");

	tcase_add_test(tc, test_nist_vectors);
	tcase_add_test(tc, test_million_a);
	tcase_add_test(tc, test_padding_boundaries);
	tcase_add_test(tc, test_incremental_matches_one_shot);
	tcase_add_test(tc, test_bytewise_million_a);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
