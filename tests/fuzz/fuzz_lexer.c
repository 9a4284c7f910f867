/* fuzz_lexer.c - libFuzzer target: the standard-SQL splitter that
 * generic sections' checksums use (core/chain/lexer.c). */
#include "fuzz.h"

#include "chain/lexer.h"
#include "db/host.h"
#include "split_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    strata_stmt_list l;
    strata_error err = {0, NULL};
    int rc;

    memset(&l, 0xa5, sizeof l);
    rc = strata__lexer_split((const char *)data, size, &l, &err);
    fz_split_check(rc, (const char *)data, size, &l);
    FZ_CHECK(rc == STRATA_OK || err.msg != NULL);
    strata__stmt_list_free(&l);
    strata__error_clear(&err);
    return 0;
}
