/* fuzz_layout_dbmate.c - libFuzzer target: a folder of files through the
 * dbmate reader (core/chain/layouts/dbmate.c). */
#include "layout_fuzz.h"

#include "chain/layouts/dbmate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_layout(&strata__layout_dbmate, data, size);
}
