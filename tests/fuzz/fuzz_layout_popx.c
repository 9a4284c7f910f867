/* fuzz_layout_popx.c - libFuzzer target: a folder of files through the
 * popx reader (core/chain/layouts/popx.c). */
#include "layout_fuzz.h"

#include "chain/layouts/popx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_layout(&strata__layout_popx, data, size);
}
