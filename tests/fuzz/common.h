/*
 * tests/fuzz/common.h - what the libFuzzer targets share: the process-wide
 * set-up (made once, in LLVMFuzzerInitialize) and one pipeline run over a
 * fresh arena and document per input, which frees everything it made, so
 * libFuzzer's per-input leak check sees any leak of the code under test.
 */
#ifndef WARTA_FUZZ_COMMON_H
#define WARTA_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "warta/article.h"
#include "warta/pipeline.h"

/* The libFuzzer entry points: common.c defines the first (it calls
 * fuzz_env), each target the second. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The service's own defaults for every stage, with no index and no
 * fetcher (--index none, nothing reaches the network); langid, the
 * lexicon and libxml2 are set up here once, as the server does at start. */
const struct warta_env *fuzz_env(void);

/* One input's document over its own arena, with an error slot. */
struct fuzz_doc {
    struct warta_arena arena;
    struct warta_doc doc;
    struct warta_error err;
};

void fuzz_doc_init(struct fuzz_doc *f);
/* Releases the document (parsed HTML, rendered body) and the arena. */
void fuzz_doc_free(struct fuzz_doc *f);

/* Consumes the first byte of *data (when there is one) as options:
 * bits 0-1 the output format, bit 2 explain, bits 3-5 a language hint
 * (none, or one of a few tags including an unknown one). */
void fuzz_pick_options(struct warta_options *o, const uint8_t **data,
                       size_t *size);

/* bytes -> doc (kind) -> clean -> dedupe -> metadata -> render, as
 * POST /v1/normalize runs it with --index none; the rendered body is
 * taken and freed like the HTTP reply's. */
void fuzz_run_pipeline(enum warta_input_kind kind, const uint8_t *data,
                       size_t size);

#endif
