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
/* NULL writes null. */
void jw_string(struct json_writer *w, const char *s);
void jw_null(struct json_writer *w);
void jw_int(struct json_writer *w, long long v);
void jw_bool(struct json_writer *w, bool v);
/* Appends raw bytes (a newline after the document). */
void jw_raw(struct json_writer *w, const char *p, size_t n);
/* The NUL-terminated output (caller frees). */
char *jw_take(struct json_writer *w, size_t *len);

#endif
