/*
 * warta/langid.h - language identification (libexttextcat n-gram models,
 * narrowed by the stopword lists of the registered language tables, which
 * tell close pairs such as Indonesian and Malay apart better than n-grams).
 */
#ifndef WARTA_LANGID_H
#define WARTA_LANGID_H

#include <stddef.h>
#include <stdint.h>

struct warta_langid;

/* Never NULL: without the textcat models it falls back to stopwords. */
struct warta_langid *warta_langid_open(void);
void warta_langid_close(struct warta_langid *lid);

/* BCP 47 primary code of the text's language (static string), or NULL when
 * it is too short or unclear. The caller passes the warta_word_hash of the
 * text's folded words (warta_text_fold_words) for the stopword tables and
 * the text as written for the n-gram fallback. Thread-safe. */
const char *warta_langid_detect_words(struct warta_langid *lid,
                                      const uint64_t *word_hashes,
                                      size_t n_words, const char *text,
                                      size_t len);

#endif
