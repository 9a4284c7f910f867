/* fuzz_layout_drizzle.c - libFuzzer target: a journal (the input up to
 * its first NUL byte) and a folder of files (the rest) through the
 * Drizzle Kit reader (core/chain/layouts/drizzle.c). */
#include "layout_fuzz.h"

#include "chain/layouts/drizzle.h"

static const char *journal;

static int read_with_journal(const strata_layout_ctx *ctx,
                             const strata_layout_file *const *files,
                             size_t n, strata_revlist *out,
                             strata_error *err)
{
    (void)ctx;
    return strata__drizzle_read("fuzz/meta/_journal.json", journal, files, n,
                                out, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t jlen = nul ? (size_t)(nul - data) : size;
    strata_layout lay = strata__layout_drizzle;
    char *j = fz_cstr(data, jlen);

    journal = j;
    lay.read = read_with_journal;
    fz_layout(&lay, data + jlen + (nul != NULL), size - jlen - (nul != NULL));
    free(j);
    return 0;
}
