/* Streaming JSON writer; see json_writer.h. */
#include "json_writer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warta/arena.h"
#include "warta/str.h"

static void reserve(struct json_writer *w, size_t n)
{
    if (w->len + n + 1 <= w->cap)
        return;
    size_t cap = w->cap ? w->cap : 1024;
    while (cap < w->len + n + 1)
        cap *= 2;
    w->buf = warta_xrealloc(w->buf, cap);
    w->cap = cap;
}

static void put(struct json_writer *w, const char *p, size_t n)
{
    reserve(w, n);
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void put_c(struct json_writer *w, char c)
{
    reserve(w, 1);
    w->buf[w->len++] = c;
}

/* The comma before a value, unless it follows its key. */
static void separate(struct json_writer *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        if (w->has_items[w->depth - 1])
            put_c(w, ',');
        w->has_items[w->depth - 1] = true;
    }
}

void jw_init(struct json_writer *w, size_t initial)
{
    memset(w, 0, sizeof(*w));
    reserve(w, initial);
}

static void open_(struct json_writer *w, char c)
{
    separate(w);
    put_c(w, c);
    if (w->depth >= JW_MAX_DEPTH)
        abort(); /* the native article nests four levels: a bug */
    w->has_items[w->depth++] = false;
}

static void close_(struct json_writer *w, char c)
{
    w->depth--;
    put_c(w, c);
}

void jw_object_begin(struct json_writer *w) { open_(w, '{'); }
void jw_object_end(struct json_writer *w) { close_(w, '}'); }
void jw_array_begin(struct json_writer *w) { open_(w, '['); }
void jw_array_end(struct json_writer *w) { close_(w, ']'); }

/* Whether any of eight bytes is a control (NUL included), '"' or '\\':
 * the bytes JSON strings escape (the has-less-than and has-zero-byte word
 * tests, exact for the word as a whole). */
static bool needs_escape8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
}

/* Length of the prefix of s[0..len) that JSON writes as is. */
static size_t plain_prefix(const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (needs_escape8(x))
            break;
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\')
            break;
    }
    return i;
}

/* s[0..len) as a JSON string, then `suffix` (a ':' after a key) unless it
 * is 0. */
static void escaped(struct json_writer *w, const char *s, size_t len, char suffix)
{
    size_t plain = plain_prefix(s, len);
    /* The usual case, nothing to escape: one reservation, one copy. */
    reserve(w, len + 3);
    char *o = w->buf + w->len;
    *o++ = '"';
    memcpy(o, s, plain);
    o += plain;
    w->len = (size_t)(o - w->buf);
    for (size_t i = plain; i < len;) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        switch (c) {
        case '"': put(w, "\\\"", 2); break;
        case '\\': put(w, "\\\\", 2); break;
        case '\n': put(w, "\\n", 2); break;
        case '\t': put(w, "\\t", 2); break;
        case '\r': put(w, "\\r", 2); break;
        default:
            snprintf(esc, sizeof(esc), "\\u%04x", c);
            put(w, esc, 6);
        }
        i++;
        size_t run = plain_prefix(s + i, len - i);
        put(w, s + i, run);
        i += run;
    }
    reserve(w, 2);
    w->buf[w->len++] = '"';
    if (suffix)
        w->buf[w->len++] = suffix;
}

void jw_key(struct json_writer *w, const char *key)
{
    separate(w);
    escaped(w, key, strlen(key), ':');
    w->after_key = true;
}

void jw_key_lit(struct json_writer *w, struct jw_lit key)
{
    separate(w);
    put(w, key.p, key.n);
    w->after_key = true;
}

void jw_string(struct json_writer *w, const char *s)
{
    if (!s) {
        jw_null(w);
        return;
    }
    jw_string_n(w, s, strlen(s));
}

struct jw_span jw_string_n(struct json_writer *w, const char *s, size_t len)
{
    separate(w);
    size_t start = w->len + 1; /* after the opening quote */
    escaped(w, s, len, 0);
    return (struct jw_span){start, w->len - 1 - start};
}

void jw_string_joined(struct json_writer *w, const struct jw_span *parts,
                      size_t n, struct jw_lit sep)
{
    separate(w);
    size_t total = 2;
    for (size_t i = 0; i < n; i++)
        total += parts[i].len + (i ? sep.n : 0);
    reserve(w, total);
    char *o = w->buf + w->len;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (i) {
            memcpy(o, sep.p, sep.n);
            o += sep.n;
        }
        /* The parts lie before w->len, the copy after: never overlapping. */
        memcpy(o, w->buf + parts[i].start, parts[i].len);
        o += parts[i].len;
    }
    *o++ = '"';
    w->len = (size_t)(o - w->buf);
}

void jw_null(struct json_writer *w)
{
    separate(w);
    put(w, "null", 4);
}

void jw_int(struct json_writer *w, long long v)
{
    separate(w);
    char num[20];
    put(w, num, warta_format_i64(num, (int64_t)v));
}

void jw_bool(struct json_writer *w, bool v)
{
    separate(w);
    put(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_raw(struct json_writer *w, const char *p, size_t n)
{
    put(w, p, n);
}

char *jw_take(struct json_writer *w, size_t *len)
{
    reserve(w, 0);
    w->buf[w->len] = '\0';
    *len = w->len;
    char *out = w->buf;
    w->buf = NULL;
    w->len = w->cap = 0;
    return out;
}
