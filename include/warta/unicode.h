/*
 * warta/unicode.h - bytes to clean UTF-8.
 *
 * Every input reaches the stages as NFC UTF-8 with normalised white space:
 * these are the only functions that look at raw bytes or code points.
 * Results are arena-owned.
 */
#ifndef WARTA_UNICODE_H
#define WARTA_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "warta/arena.h"

/* Copies p[0..len) replacing each invalid UTF-8 sequence (and NUL bytes)
 * with U+FFFD; *repaired tells whether anything was replaced. */
char *warta_utf8_repair(struct warta_arena *a, const char *p, size_t len,
                        size_t *out_len, bool *repaired);

/* Converts from a named charset (IANA name, case-insensitive) to UTF-8.
 * UTF-8 and US-ASCII input goes through warta_utf8_repair. Returns NULL
 * when the charset is unknown. Undecodable bytes become U+FFFD. */
char *warta_charset_to_utf8(struct warta_arena *a, const char *charset,
                            const char *p, size_t len, size_t *out_len,
                            bool *repaired);

/* True for code points that NFC leaves alone wherever they stand, their
 * marks kept in canonical order (ASCII, Latin, general punctuation,
 * currency signs, Thai, Lao, Myanmar, Khmer): text made only of these is
 * already NFC once its marks are in order, and normalisation skips the
 * full mapping. */
bool warta_cp_nfc_inert(int32_t cp);

/* One line or paragraph of text made canonical: NFC, compatibility spaces
 * to U+0020, runs of white space collapsed to one space, invisible
 * characters (ZWSP, soft hyphen, BOM, bidi marks, C0/C1 controls) removed,
 * trimmed. Keeps the text's letters, digits and punctuation as they are. */
char *warta_text_normalize(struct warta_arena *a, const char *p, size_t len,
                           size_t *out_len);

/* Like warta_text_normalize but keeps line breaks: each line is normalised
 * and \r\n / \r become \n. Used to prepare plain text for segmentation. */
char *warta_text_normalize_lines(struct warta_arena *a, const char *p,
                                 size_t len, size_t *out_len);
/* The same over p[0..len) already known to be valid UTF-8 (decoded and
 * repaired on arrival): the validation pass is not made again. */
char *warta_text_normalize_valid_lines(struct warta_arena *a, const char *p,
                                       size_t len, size_t *out_len);

/* Case-folded, accent-stripped, punctuation-free form for comparisons
 * (duplicate detection, fingerprints): words separated by one space. */
char *warta_text_fold(struct warta_arena *a, const char *p, size_t len,
                      size_t *out_len);

/* warta_text_fold in the same pass also giving each word's
 * warta_word_hash (*hashes, arena-owned, *n_words entries), so the stages
 * that compare words (block dedupe, SimHash, language id) read the text
 * once between them. */
char *warta_text_fold_words(struct warta_arena *a, const char *p, size_t len,
                            size_t *out_len, const uint64_t **hashes,
                            size_t *n_words);

/* The hash of one folded word that every word comparison uses; never 0, so
 * 0 can mark an empty slot. */
uint64_t warta_word_hash(const char *w, size_t n);

#endif
