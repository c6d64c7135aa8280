/*
 * The plain-text path: bytes (repaired to UTF-8 as text/plain bodies are)
 * -> line segmentation and roles -> dedupe -> metadata -> render, with
 * --index none. The first byte picks the format, explain and a language
 * hint (common.h).
 */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_run_pipeline(WARTA_INPUT_TEXT, data, size);
    return 0;
}
