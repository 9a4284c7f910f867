/* sqlx.c - sqlx's folder: <version>_<description>.sql (simple) or
 * .up.sql / .down.sql (reversible), ordered by version; a file starting
 * "-- no-transaction" runs outside a transaction. */
#include "chain/layouts/sqlx.h"

#include <string.h>

#include "chain/layouts/build.h"
#include "chain/layouts/names.h"

#define LAYOUT "sqlx"

static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    strata_updown_name n;

    (void)ctx;
    if (strchr(f->rel, '/'))
        return STRATA_LAYOUT_NO;
    return strata__updown_name(f->name, &n) ||
                   strata__simple_name(f->name, &n)
               ? STRATA_LAYOUT_NAME
               : STRATA_LAYOUT_NO;
}

/* sqlx looks at the start of the file itself, byte for byte. */
static int no_transaction(strata_revision *r, strata_error *err)
{
    static const char mark[] = "-- no-transaction";
    const strata_source *s = &r->sources[0];

    if (s->len >= sizeof mark - 1 &&
        memcmp(r->text + s->offset, mark, sizeof mark - 1) == 0)
        return strata__adopt_key(r, "transaction", "none", err);
    return STRATA_OK;
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    (void)ctx;
    return strata__updown_read_ex(LAYOUT, files, n, 1, no_transaction, out,
                                  err);
}

const strata_layout strata__layout_sqlx = {
    LAYOUT,
    "<version>_<description>.sql, or .up.sql and .down.sql",
    detect, read_layout};
