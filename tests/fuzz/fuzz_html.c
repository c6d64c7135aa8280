/*
 * The HTML path: page bytes -> charset decoding -> libxml2 -> clean ->
 * dedupe -> metadata -> render, with --index none. The first byte picks
 * the format, explain and a language hint (common.h).
 */
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_run_pipeline(WARTA_INPUT_HTML, data, size);
    return 0;
}
