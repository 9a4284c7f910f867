/* golang_migrate.c - golang-migrate's folder: <version>_<title>.up.sql and
 * .down.sql side by side, ordered by the version as a number. */
#include "chain/layouts/golang_migrate.h"

#include <stdlib.h>
#include <string.h>

#include "chain/layouts/build.h"
#include "chain/layouts/names.h"

#define LAYOUT "golang-migrate"

/* golang-migrate reads the folder itself only, not subfolders, and a
 * name <digits>_<title>.(up|down).<ext>. */
static int detect(const strata_layout_ctx *ctx, const strata_layout_file *f)
{
    strata_updown_name n;

    (void)ctx;
    return !strchr(f->rel, '/') && strata__updown_name(f->name, &n)
               ? STRATA_LAYOUT_NAME
               : STRATA_LAYOUT_NO;
}

static int read_layout(const strata_layout_ctx *ctx,
                       const strata_layout_file *const *files, size_t n,
                       strata_revlist *out, strata_error *err)
{
    (void)ctx;
    return strata__updown_read(LAYOUT, files, n, out, err);
}

const strata_layout strata__layout_golang_migrate = {
    LAYOUT, "<version>_<title>.up.sql and <version>_<title>.down.sql",
    detect, read_layout};
