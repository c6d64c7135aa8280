/*
 * warta/stems.h - a fixed list of words looked for inside short strings
 * (class and id attributes), indexed by first byte.
 *
 * Checking a class against a list one word at a time (memchr + memcmp, or
 * strstr, per word) costs the whole list on every class; a page has a few
 * hundred distinct classes and the lists run to dozens of words, which made
 * these tests a tenth of the pipeline. Indexed by first byte, one pass over
 * the string tries at each position only the words that start with its
 * byte, and only when some word starts with its two bytes (a bit test).
 * The answers are exactly those of the word-by-word loops.
 *
 * The list is any static table whose entries start with a `const char *`
 * (a plain NULL-terminated `const char *const[]`, or an array of structs
 * whose first member is the word, ended by a NULL word). The index is built
 * on first use, once per process, and is safe to share between threads.
 */
#ifndef WARTA_STEMS_H
#define WARTA_STEMS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct warta_stems_index;

struct warta_stems {
    const void *table; /* entries with the word first; a NULL word ends it */
    size_t stride;     /* bytes from one entry to the next */
    _Atomic(struct warta_stems_index *) index; /* built on first use */
};

/* A set over a static table: `static struct warta_stems s = WARTA_STEMS(t);` */
#define WARTA_STEMS(table) {(table), sizeof((table)[0]), NULL}

/* The smallest table index of a word that occurs in s[0..len), or -1:
 * what a loop over the table calling a substring search would stop at. */
long warta_stems_first(struct warta_stems *set, const char *s, size_t len);

/* Whether any word of the table occurs in s[0..len). */
bool warta_stems_any(struct warta_stems *set, const char *s, size_t len);

/* The smallest table index of a word equal to s[0..len), or -1. */
long warta_stems_exact(struct warta_stems *set, const char *s, size_t len);

#endif
