/*
** sha256.c: SHA-256 written from FIPS 180-4 (sections 4.1.2, 4.2.2, 5.1.1,
** 5.3.3 and 6.2). Byte order is handled explicitly, so the result does not
** depend on the host's endianness. On x86-64 built by GCC, blocks
** go through the CPU's SHA instructions when it has them (asked at run time).
** valgrind's CPU has none, so on such a machine tests/check_sha256.c checks
** the instructions' path in `make check` and the portable one in
** `make check-valgrind`.
*/
#include <string.h>
#include "sha256.h"

/* First 32 bits of the fractional parts of the cube roots of the first 64 primes. */
static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

static uint32_t sha256_rotr(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

/* One 512-bit block into the hash state (FIPS 180-4 6.2.2). */
static void sha256_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = sha256_rotr(w[i - 15], 7) ^ sha256_rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = sha256_rotr(w[i - 2], 17) ^ sha256_rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (sha256_rotr(e, 6) ^ sha256_rotr(e, 11) ^ sha256_rotr(e, 25)) +
		     ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (sha256_rotr(a, 2) ^ sha256_rotr(a, 13) ^ sha256_rotr(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/*
** GCC only: its __builtin_cpu_supports knows "sha" and reads what libgcc
** found at start-up (CPUID itself would trap to the hypervisor at every
** hash in a VM); Clang 14, which the fuzz build uses, does not know it, and
** takes the portable code.
*/
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#include <immintrin.h>
#define SHA256_NI 1

/*
** The same for N blocks with the x86 SHA extensions (SHA-NI), which the
** JSON and HTML reports' hash of every fixture spends most of its time in
** otherwise. Used only when the CPU has them (sha256_update asks); the
** state is kept as the instructions want it: ABEF and CDGH.
*/
__attribute__((target("sha,sse4.1")))
static void sha256_blocks_ni(uint32_t h[8], const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i st0, st1, tmp, abef, cdgh, msg, m[4];
	int i;

	tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)h), 0xb1);
	st1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)(h + 4)), 0x1b);
	st0 = _mm_alignr_epi8(tmp, st1, 8);		/* ABEF */
	st1 = _mm_blend_epi16(st1, tmp, 0xf0);		/* CDGH */
	for (; n > 0; n--, p += 64) {
		abef = st0;
		cdgh = st1;
		for (i = 0; i < 16; i++) {
			__m128i *w = &m[i & 3];

			/* words 4i..4i+3 of the schedule, in place of words 4i-16.. */
			if (i < 4)
				*w = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i)), bswap);
			else
				*w = _mm_sha256msg2_epu32(
					_mm_add_epi32(_mm_sha256msg1_epu32(*w, m[(i + 1) & 3]),
						      _mm_alignr_epi8(m[(i + 3) & 3], m[(i + 2) & 3], 4)),
					m[(i + 3) & 3]);
			msg = _mm_add_epi32(*w, _mm_loadu_si128((const __m128i *)(const void *)(sha256_k + 4 * i)));
			st1 = _mm_sha256rnds2_epu32(st1, st0, msg);
			st0 = _mm_sha256rnds2_epu32(st0, st1, _mm_shuffle_epi32(msg, 0x0e));
		}
		st0 = _mm_add_epi32(st0, abef);
		st1 = _mm_add_epi32(st1, cdgh);
	}
	tmp = _mm_shuffle_epi32(st0, 0x1b);		/* FEBA */
	st1 = _mm_shuffle_epi32(st1, 0xb1);		/* DCHG */
	st0 = _mm_blend_epi16(tmp, st1, 0xf0);		/* DCBA */
	st1 = _mm_alignr_epi8(st1, tmp, 8);		/* HGFE */
	_mm_storeu_si128((__m128i *)(void *)h, st0);
	_mm_storeu_si128((__m128i *)(void *)(h + 4), st1);
}
#endif

/* N blocks at P into the hash state, with the CPU's SHA instructions when it has them. */
static void sha256_blocks(uint32_t h[8], const unsigned char *p, size_t n)
{
#ifdef SHA256_NI
	if (__builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1")) {
		sha256_blocks_ni(h, p, n);
		return;
	}
#endif
	for (; n > 0; n--, p += 64)
		sha256_block(h, p);
}

void sha256_init(struct sha256 *ctx)
{
	/* First 32 bits of the fractional parts of the square roots of the first 8 primes. */
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(ctx->h, h0, sizeof(h0));
	ctx->total = 0;
	ctx->used = 0;
}

void sha256_update(struct sha256 *ctx, const void *data, size_t len)
{
	const unsigned char *p = data;

	if (len == 0)
		return;	/* DATA may be NULL then */
	ctx->total += len;
	if (ctx->used) {
		size_t take = 64 - ctx->used < len ? 64 - ctx->used : len;

		memcpy(ctx->block + ctx->used, p, take);
		ctx->used += take;
		p += take;
		len -= take;
		if (ctx->used < 64)
			return;
		sha256_blocks(ctx->h, ctx->block, 1);
		ctx->used = 0;
	}
	/* Whole blocks straight from the caller's buffer, without copying. */
	sha256_blocks(ctx->h, p, len / 64);
	p += len / 64 * 64;
	len %= 64;
	if (len)
		memcpy(ctx->block, p, len);
	ctx->used = len;
}

void sha256_final(struct sha256 *ctx, unsigned char out[32])
{
	uint64_t bits = ctx->total * 8;
	int i;

	/* Padding (5.1.1): a 1 bit, zeros to 56 mod 64, then the length in bits. */
	ctx->block[ctx->used++] = 0x80;
	if (ctx->used > 56) {
		memset(ctx->block + ctx->used, 0, 64 - ctx->used);
		sha256_blocks(ctx->h, ctx->block, 1);
		ctx->used = 0;
	}
	memset(ctx->block + ctx->used, 0, 56 - ctx->used);
	for (i = 0; i < 8; i++)
		ctx->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_blocks(ctx->h, ctx->block, 1);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(ctx->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(ctx->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(ctx->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)ctx->h[i];
	}
	ctx->used = 0;
}

void sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256 ctx;
	unsigned char digest[32];
	int i;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, digest);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[64] = '\0';
}
