/* fuzz_seed.c - libFuzzer target: one input through each seed file
 * reader (core/run/seed: YAML through libyaml, CSV, JSON).  Promises: an
 * error names file:line; rows that read have a line and named values. */
#include "fuzz.h"

#include "run/seed/seed.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void one(const char *path, const uint8_t *data, size_t size)
{
    strata_seed_file f;
    strata_error err = {0, NULL};
    int rc = strata__seed_parse(path, (const char *)data, size, &f, &err);

    if (rc != STRATA_OK) {
        FZ_CHECK(rc == STRATA_ERR_PARSE || rc == STRATA_ERR_NOMEM);
        FZ_CHECK(rc == STRATA_ERR_NOMEM || fz_names_line(err.msg, path));
        strata__error_clear(&err);
        return;
    }
    FZ_CHECK(f.table && *f.table);
    for (size_t i = 0; i < f.nrows; i++) {
        FZ_CHECK(f.rows[i].line >= 1);
        for (size_t k = 0; k < f.rows[i].n; k++)
            FZ_CHECK(f.rows[i].names[k] != NULL);
    }
    strata__seed_file_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one("seed.yaml", data, size);
    one("seed.csv", data, size);
    one("seed.json", data, size);
    return 0;
}
