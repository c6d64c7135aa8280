/*
 * warta/buf.h - a growable byte buffer with a mandatory size cap.
 *
 * Used for request bodies and fetched pages, where the cap is the user's
 * configured limit: crossing it is an error the caller turns into 413/502,
 * never a silent truncation. The buffer is heap-backed (it outlives the
 * arena in the fetch thread) and always keeps a NUL after data[len].
 */
#ifndef WARTA_BUF_H
#define WARTA_BUF_H

#include <stddef.h>

struct warta_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* data may never exceed this many bytes */
};

void warta_buf_init(struct warta_buf *b, size_t max);

/* 0 on success; -1 when the cap would be exceeded (the buffer is then
 * freed and empty, as curl's dynbuf does, so a half body is never used). */
int warta_buf_append(struct warta_buf *b, const void *p, size_t n);

void warta_buf_free(struct warta_buf *b);

#endif
