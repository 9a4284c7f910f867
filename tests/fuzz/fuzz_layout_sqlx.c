/* fuzz_layout_sqlx.c - libFuzzer target: a folder of files through the
 * sqlx reader (core/chain/layouts/sqlx.c). */
#include "layout_fuzz.h"

#include "chain/layouts/sqlx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_layout(&strata__layout_sqlx, data, size);
}
