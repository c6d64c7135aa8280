/* Bump allocator in chunks; see include/warta/arena.h for the ownership rule. */
#include "warta/arena.h"
#include "warta/log.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_MIN 16384
/* Chunks a thread keeps for its next request: handing pages back to the
 * kernel after every request (brk trim, TLB shootdown) cost more than the
 * whole text pipeline. */
#define CACHE_MAX_CHUNKS 8
#define CACHE_MAX_BYTES (8u << 20)

struct warta_arena_chunk {
    struct warta_arena_chunk *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

static void oom(size_t n)
{
    /* The buffered access lines first: they show what led here. Writing
     * them allocates nothing. */
    warta_log_flush();
    fprintf(stderr, "warta: out of memory allocating %zu bytes\n", n);
    abort();
}

void *warta_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *warta_xcalloc(size_t n, size_t m)
{
    void *p = calloc(n ? n : 1, m ? m : 1);
    if (!p)
        oom(n * m);
    return p;
}

void *warta_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *warta_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = warta_xmalloc(n);
    memcpy(d, s, n);
    return d;
}

struct chunk_cache {
    struct warta_arena_chunk *chunks[CACHE_MAX_CHUNKS];
    size_t n, bytes;
};

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void cache_destroy(void *p)
{
    struct chunk_cache *c = p;
    for (size_t i = 0; i < c->n; i++)
        free(c->chunks[i]);
    free(c);
}

static void cache_key_create(void)
{
    pthread_key_create(&cache_key, cache_destroy);
}

static struct chunk_cache *thread_cache(void)
{
    pthread_once(&cache_once, cache_key_create);
    struct chunk_cache *c = pthread_getspecific(cache_key);
    if (!c) {
        c = warta_xcalloc(1, sizeof(*c));
        pthread_setspecific(cache_key, c);
    }
    return c;
}

/* A cached chunk of at least `size` bytes, or a new one. */
static struct warta_arena_chunk *chunk_get(size_t size)
{
    struct chunk_cache *c = thread_cache();
    for (size_t i = 0; i < c->n; i++) {
        struct warta_arena_chunk *k = c->chunks[i];
        if (k->size >= size && k->size <= size * 4) {
            c->chunks[i] = c->chunks[--c->n];
            c->bytes -= k->size;
            return k;
        }
    }
    struct warta_arena_chunk *k = warta_xmalloc(sizeof(*k) + size);
    k->size = size;
    return k;
}

static void chunk_put(struct warta_arena_chunk *k)
{
    struct chunk_cache *c = thread_cache();
    if (c->n < CACHE_MAX_CHUNKS && c->bytes + k->size <= CACHE_MAX_BYTES) {
        c->chunks[c->n++] = k;
        c->bytes += k->size;
        return;
    }
    free(k);
}

void warta_arena_init(struct warta_arena *a)
{
    a->head = NULL;
    a->bytes = 0;
}

void *warta_arena_alloc_uninit(struct warta_arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    size_t need = (n + align - 1) & ~(align - 1);
    if (need < n)
        oom(n);
    struct warta_arena_chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        /* Chunks double with the arena so a large page costs few mallocs. */
        size_t size = ARENA_CHUNK_MIN;
        if (a->bytes > size)
            size = a->bytes;
        if (size < need)
            size = need;
        c = chunk_get(size);
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += need;
    a->bytes += need;
    return p;
}

void *warta_arena_alloc(struct warta_arena *a, size_t n)
{
    void *p = warta_arena_alloc_uninit(a, n);
    memset(p, 0, n);
    return p;
}

void *warta_arena_grow(struct warta_arena *a, void *old, size_t old_n,
                       size_t new_n, size_t elem)
{
    if (new_n && elem > (size_t)-1 / new_n)
        oom((size_t)-1);
    char *p = warta_arena_alloc_uninit(a, new_n * elem);
    size_t kept = old ? (old_n < new_n ? old_n : new_n) * elem : 0;
    if (kept)
        memcpy(p, old, kept);
    memset(p + kept, 0, new_n * elem - kept);
    return p;
}

char *warta_arena_strndup(struct warta_arena *a, const char *s, size_t n)
{
    char *d = warta_arena_alloc_uninit(a, n + 1);
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *warta_arena_strdup(struct warta_arena *a, const char *s)
{
    return warta_arena_strndup(a, s, strlen(s));
}

char *warta_arena_vprintf(struct warta_arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return warta_arena_strndup(a, "", 0);
    char *d = warta_arena_alloc(a, (size_t)n + 1);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    return d;
}

char *warta_arena_printf(struct warta_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *d = warta_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return d;
}

void warta_arena_free(struct warta_arena *a)
{
    struct warta_arena_chunk *c = a->head;
    while (c) {
        struct warta_arena_chunk *next = c->next;
        chunk_put(c);
        c = next;
    }
    a->head = NULL;
    a->bytes = 0;
}
