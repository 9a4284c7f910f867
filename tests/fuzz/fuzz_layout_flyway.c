/* fuzz_layout_flyway.c - libFuzzer target: a folder of files through the
 * flyway reader (core/chain/layouts/flyway.c). */
#include "layout_fuzz.h"

#include "chain/layouts/flyway.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_layout(&strata__layout_flyway, data, size);
}
