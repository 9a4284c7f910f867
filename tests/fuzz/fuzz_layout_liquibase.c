/* fuzz_layout_liquibase.c - libFuzzer target: a folder of files through the
 * liquibase reader (core/chain/layouts/liquibase.c). */
#include "layout_fuzz.h"

#include "chain/layouts/liquibase.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_layout(&strata__layout_liquibase, data, size);
}
