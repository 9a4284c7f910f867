/* fuzz_layout_goose.c - libFuzzer target: a folder of files through the
 * goose reader (core/chain/layouts/goose.c). */
#include "layout_fuzz.h"

#include "chain/layouts/goose.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_layout(&strata__layout_goose, data, size);
}
