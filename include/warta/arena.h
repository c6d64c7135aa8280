/*
 * warta/arena.h - one bump allocator per request.
 *
 * Everything a request derives from its input (blocks, metadata strings,
 * link lists) is carved out of the request's arena and released in one call
 * when the response has been sent, so no stage frees anything it got from
 * here. Out of memory aborts the process (see warta_xmalloc): inputs are
 * capped, so an allocation failure means the process itself is broken.
 */
#ifndef WARTA_ARENA_H
#define WARTA_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct warta_arena_chunk;

struct warta_arena {
    struct warta_arena_chunk *head;
    size_t bytes; /* total handed out, for stats and limits */
};

/* Zero-initialisation is a valid empty arena; init is provided for clarity. */
void warta_arena_init(struct warta_arena *a);

/* Returns zeroed, max-aligned memory owned by the arena. Never NULL. */
void *warta_arena_alloc(struct warta_arena *a, size_t n);

/* Like warta_arena_alloc without the zeroing, for buffers the caller
 * writes in full before reading (copies, output buffers). */
void *warta_arena_alloc_uninit(struct warta_arena *a, size_t n);

/* Grows an arena array: returns a new block of new_n elements holding the
 * first old_n of old. The old block stays allocated until the arena dies. */
void *warta_arena_grow(struct warta_arena *a, void *old, size_t old_n,
                       size_t new_n, size_t elem);

/* NUL-terminated copy of s[0..n). */
char *warta_arena_strndup(struct warta_arena *a, const char *s, size_t n);
char *warta_arena_strdup(struct warta_arena *a, const char *s);

__attribute__((format(printf, 2, 3)))
char *warta_arena_printf(struct warta_arena *a, const char *fmt, ...);
__attribute__((format(printf, 2, 0)))
char *warta_arena_vprintf(struct warta_arena *a, const char *fmt, va_list ap);

/* Releases every chunk; the arena is empty and reusable afterwards. */
void warta_arena_free(struct warta_arena *a);

/* Process-wide allocation wrappers: abort with a message on OOM. */
void *warta_xmalloc(size_t n);
void *warta_xcalloc(size_t n, size_t m);
void *warta_xrealloc(void *p, size_t n);
char *warta_xstrdup(const char *s);

#endif
