/*
 * Internal interface of the HTML side of the clean stage: charset decoding
 * (clean/charset.c), the language-neutral boilerplate patterns
 * (clean/boilerplate.c) and the extractor (clean/html.c).
 */
#ifndef WARTA_CLEAN_HTML_H
#define WARTA_CLEAN_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "warta/article.h"

/* Decodes doc->input to UTF-8: BOM, then the declared charset (header,
 * then <meta charset> / http-equiv), then detection; a page that declares
 * UTF-8 but is not gets its stray bytes read as windows-1252. Sets
 * doc->source.charset to the charset used. Returns arena memory. */
char *warta_html_decode(struct warta_doc *doc, size_t *out_len);

/* Finds a charset name declared in the first bytes of a page
 * (<meta charset>, http-equiv Content-Type); copies it into out. */
bool warta_html_sniff_meta_charset(const char *p, size_t len, char *out,
                                   size_t outlen);

/* Class/id pattern verdicts. `s` is the lowercased class and id attribute
 * values joined by a space. */
/* Reason slug ("boilerplate:comments") when s names furniture, or NULL. */
const char *warta_boilerplate_reason(const char *s, size_t len);
/* True when s names a main-content container ("article-body"). */
bool warta_boilerplate_is_content(const char *s, size_t len);
/* Readability class weight: -25, 0 or +25. */
int warta_boilerplate_weight(const char *s, size_t len);

#endif
