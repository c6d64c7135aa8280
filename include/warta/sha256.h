/*
 * warta/sha256.h - SHA-256 (FIPS 180-4), for API keys.
 *
 * The keys file stores each key's SHA-256, never the key, and a presented
 * key is hashed before it is compared. A few dozen lines here spare the
 * build a crypto library for one digest; the unit test checks the FIPS
 * and NIST example vectors.
 */
#ifndef WARTA_SHA256_H
#define WARTA_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define WARTA_SHA256_SIZE 32

/* The digest of data[0..len) into out. */
void warta_sha256(const void *data, size_t len,
                  unsigned char out[WARTA_SHA256_SIZE]);

/* 1 when a and b (n bytes each) are equal, 0 otherwise, in time that
 * depends on n only, never on where they differ. */
int warta_ct_equal(const unsigned char *a, const unsigned char *b, size_t n);

#endif
