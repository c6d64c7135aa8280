/*
 * Whole-file reading for tests and benchmarks: plain or gzip-compressed
 * (gzread passes plain files through), so fixtures may be stored either way.
 */
#ifndef WARTA_TEST_SLURP_H
#define WARTA_TEST_SLURP_H

#include <stddef.h>

/* The file's bytes (decompressed), NUL-terminated, malloc'd; NULL when it
 * cannot be opened. */
char *slurp_file(const char *path, size_t *len);

#endif
