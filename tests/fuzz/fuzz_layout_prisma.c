/* fuzz_layout_prisma.c - libFuzzer target: a folder of files through the
 * prisma reader (core/chain/layouts/prisma.c). */
#include "layout_fuzz.h"

#include "chain/layouts/prisma.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_layout(&strata__layout_prisma, data, size);
}
