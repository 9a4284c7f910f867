/* verify_query.c - run one revision's +verify queries: a query that
 * returns no row, a false or NULL first value, or an error fails. */
#include "cli/verify_query.h"

#include <stdlib.h>
#include <string.h>

#include "db/host.h"
#include "util/alloc.h"

static int fail_add(strata_verify_failures *f, const strata_revision *r,
                    unsigned line, char *message)
{
    strata_verify_failure *g;

    if (!message)
        return STRATA_ERR_NOMEM;
    if (!(g = realloc(f->v, (f->n + 1) * sizeof *g))) {
        free(message);
        return STRATA_ERR_NOMEM;
    }
    f->v = g;
    g[f->n++] = (strata_verify_failure){r, line, message};
    return STRATA_OK;
}

/* The first value of the first row, and whether there was a row. */
typedef struct first {
    int rows;
    char *value;
} first;

static int first_row(void *payload, int ncols, const char *const *values,
                     const char *const *names)
{
    first *f = payload;

    (void)names;
    if (f->rows++)
        return 0;
    if (ncols > 0 && values[0] && !(f->value = strdup(values[0])))
        return 1;
    return 0;
}

static int falsy(const char *v)
{
    return !v || !*v || strcmp(v, "0") == 0 || strcmp(v, "f") == 0 ||
           strcmp(v, "false") == 0 || strcmp(v, "FALSE") == 0;
}

/* Run one +verify statement; a failure is added to f. */
static int run_query(strata_ctx *x, const strata_revision *r,
                     const strata_stmt *s, strata_verify_failures *f)
{
    const strata_driver *d = x->sess.drv;
    first got = {0};
    int rc = d->query(x->sess.conn, s->sql, first_row, &got);
    char *msg;

    if (rc == STRATA_ERR_USER)
        return strata__nomem(&x->err);
    if (rc != STRATA_OK)
        msg = strata__sprintf("failed: %s", x->sess.conn->errmsg);
    else if (!got.rows)
        msg = strata__sprintf("returned no row");
    else if (falsy(got.value))
        msg = strata__sprintf("returned %s", got.value ? got.value : "NULL");
    else
        msg = NULL, rc = -1;
    free(got.value);
    if (rc == -1)
        return STRATA_OK;
    return fail_add(f, r, s->line, msg) == STRATA_OK
               ? STRATA_OK : strata__nomem(&x->err);
}

int strata__verify_revision(strata_ctx *x, const strata_revision *r,
                            strata_verify_failures *f, size_t *nrun)
{
    const char *dialect = x->sess.drv->name;

    for (size_t i = 0; i < r->nsections; i++) {
        const strata_section *sec = &r->sections[i];
        strata_stmt_list l;
        int rc;

        if (sec->kind != STRATA_SECTION_VERIFY ||
            !strata__section_applies(sec, dialect))
            continue;
        rc = strata__chain_split(&x->chain, dialect, r, sec, &l, &x->err);
        for (size_t s = 0; rc == STRATA_OK && s < l.count; s++, (*nrun)++)
            rc = run_query(x, r, &l.items[s], f);
        strata__stmt_list_free(&l);
        if (rc != STRATA_OK)
            return rc;
    }
    return STRATA_OK;
}

void strata__verify_failures_free(strata_verify_failures *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i].message);
    free(f->v);
    f->v = NULL;
    f->n = 0;
}
