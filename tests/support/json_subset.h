/*
 * Golden-file comparison: every member the expected object lists must be
 * in the actual one with an equal value; objects nest the same rule,
 * arrays must have the same length and match element by element, scalars
 * must be equal. Members the expectation leaves out are not checked, so a
 * case file names only what it is about.
 */
#ifndef WARTA_TEST_JSON_SUBSET_H
#define WARTA_TEST_JSON_SUBSET_H

#include <jansson.h>
#include <stddef.h>

/* Returns 0 when actual matches expected; otherwise 1 with a description
 * of the first difference ("$.images[0].credit: expected ..., got ...")
 * in why. */
int json_subset_check(const json_t *expected, const json_t *actual,
                      char *why, size_t why_len);

#endif
