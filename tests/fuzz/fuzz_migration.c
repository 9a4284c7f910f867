/* fuzz_migration.c - libFuzzer target: one migration file through the
 * migration-file parser (core/chain/migration.c). */
#include "fuzz.h"

#include "chain/migration.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    strata_revision *r = NULL;
    strata_error err = {0, NULL};
    int rc = strata__migration_parse(&r, "fuzz.sql", (const char *)data,
                                     size, &err);

    if (rc != STRATA_OK) {
        FZ_CHECK(r == NULL && err.code == rc);
        /* Parse errors name the file and the line. */
        FZ_CHECK(rc != STRATA_ERR_PARSE || fz_names_line(err.msg, "fuzz.sql"));
        strata__error_clear(&err);
        return 0;
    }
    FZ_CHECK(r && r->id && strata__revision_id_valid(r->id));
    for (size_t i = 0; i < r->nsections; i++) {
        const strata_section *s = &r->sections[i];

        FZ_CHECK(s->offset <= r->len && s->len <= r->len - s->offset);
        FZ_CHECK(s->line >= 1 && s->body_line >= s->line);
        (void)strata__section_applies(s, "sqlite");
    }
    (void)strata__migration_has(r, STRATA_SECTION_DOWN, "postgres");
    strata__migration_free(r);
    return 0;
}
