/* fuzz_layout_diesel.c - libFuzzer target: a folder of files through the
 * diesel reader (core/chain/layouts/diesel.c). */
#include "layout_fuzz.h"

#include "chain/layouts/diesel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_layout(&strata__layout_diesel, data, size);
}
