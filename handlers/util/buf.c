/* Capped growable buffer; see include/warta/buf.h. */
#include "warta/buf.h"

#include <stdlib.h>
#include <string.h>

#include "warta/arena.h"

void warta_buf_init(struct warta_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

int warta_buf_append(struct warta_buf *b, const void *p, size_t n)
{
    if (n > b->max || b->len > b->max - n) {
        warta_buf_free(b);
        return -1;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        if (cap > b->max + 1)
            cap = b->max + 1;
        b->data = warta_xrealloc(b->data, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

void warta_buf_free(struct warta_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
