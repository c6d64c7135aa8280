/*
 * A streaming JSON writer for the native article, the one output written on
 * every request. jansson builds a tree and then escapes byte by byte (about
 * 47 instructions per output byte on the seed); this writes straight into
 * one growing buffer and copies runs of plain bytes at once. Input strings
 * are the pipeline's normalised UTF-8, written as is (no \u escapes beyond
 * the control characters JSON requires).
 */
#ifndef WARTA_JSON_WRITER_H
#define WARTA_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JW_MAX_DEPTH 32

struct json_writer {
    char *buf; /* malloc'd; taken with jw_take() */
    size_t len, cap;
    int depth;
    bool after_key;
    bool has_items[JW_MAX_DEPTH];
};

void jw_init(struct json_writer *w, size_t initial);
void jw_object_begin(struct json_writer *w);
void jw_object_end(struct json_writer *w);
void jw_array_begin(struct json_writer *w);
void jw_array_end(struct json_writer *w);
void jw_key(struct json_writer *w, const char *key);

/* Bytes already in JSON form: a quoted key with its colon, or an escaped
 * separator. */
struct jw_lit {
    const char *p;
    size_t n;
};
/* A key spelled in the code, quoted at compile time: no scan, no escape
 * (such keys are plain ASCII names). */
#define JW_KEY(name) ((struct jw_lit){"\"" name "\":", sizeof("\"" name "\":") - 1})
void jw_key_lit(struct json_writer *w, struct jw_lit key);
/* Any literal already in JSON form. */
#define JW_LIT(s) ((struct jw_lit){s, sizeof(s) - 1})

/* NULL writes null. */
void jw_string(struct json_writer *w, const char *s);

/* Where a string's escaped bytes (without quotes) lie in the output. */
struct jw_span {
    size_t start, len;
};
/* s[0..len), which may hold NUL bytes; returns its span, for
 * jw_string_joined. */
struct jw_span jw_string_n(struct json_writer *w, const char *s, size_t len);
/* One string made of strings already written, joined by `sep` (escaped
 * already): a value that repeats others costs a copy, not a second scan. */
void jw_string_joined(struct json_writer *w, const struct jw_span *parts,
                      size_t n, struct jw_lit sep);
void jw_null(struct json_writer *w);
void jw_int(struct json_writer *w, long long v);
void jw_bool(struct json_writer *w, bool v);
/* Appends raw bytes (a newline after the document). */
void jw_raw(struct json_writer *w, const char *p, size_t n);
/* The NUL-terminated output (caller frees). */
char *jw_take(struct json_writer *w, size_t *len);

#endif
