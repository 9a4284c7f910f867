/* fuzz_layout_golang_migrate.c - libFuzzer target: a folder of files through the
 * golang-migrate reader (core/chain/layouts/golang_migrate.c). */
#include "layout_fuzz.h"

#include "chain/layouts/golang_migrate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_layout(&strata__layout_golang_migrate, data, size);
}
