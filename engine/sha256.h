/*
** sha256.h: SHA-256 (FIPS 180-4), so that reports can name the exact policy
** and fixture bytes they came from. One-shot hex digest plus an incremental
** form for input that arrives in pieces.
*/
#ifndef CASECHECK_SHA256_H
#define CASECHECK_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* Running state; fill with sha256_init, feed with sha256_update. */
struct sha256 {
	uint32_t h[8];
	uint64_t total;		/* bytes fed so far */
	unsigned char block[64];
	size_t used;		/* bytes waiting in BLOCK */
};

void sha256_init(struct sha256 *ctx);
void sha256_update(struct sha256 *ctx, const void *data, size_t len);
/* The 32-byte digest; CTX must be initialised again before reuse. */
void sha256_final(struct sha256 *ctx, unsigned char out[32]);

/* The digest of DATA as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
