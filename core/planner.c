/* planner.c - collect each migration's statements for one dialect and
 * check, before anything runs, that a downgrade can be carried out. */
#include "planner.h"

#include <stdlib.h>
#include <string.h>

#include "host.h"

/* Append every statement of r's sections of kind for dialect to out. */
static int collect(strata_chain *c, const strata_revision *r,
                   strata_section_kind kind, const char *dialect,
                   strata_stmt_list *out, strata_error *err)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < r->nsections; i++) {
        const strata_section *sec = &r->sections[i];
        strata_stmt_list l;
        strata_stmt *items;
        int rc;

        if (sec->kind != kind || !strata__section_applies(sec, dialect))
            continue;
        rc = strata__chain_split(c, dialect, r, sec, &l, err);
        if (rc != STRATA_OK) {
            strata__stmt_list_free(out);
            return rc;
        }
        if (!l.count) {
            free(l.items);
            continue;
        }
        items = realloc(out->items, (out->count + l.count) * sizeof *items);
        if (!items) {
            strata__stmt_list_free(&l);
            strata__stmt_list_free(out);
            return strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
        }
        memcpy(items + out->count, l.items, l.count * sizeof *items);
        out->items = items;
        out->count += l.count;
        free(l.items); /* the strings moved to out */
    }
    return STRATA_OK;
}

static int plan_step(strata_step *st, strata_chain *c, const char *dialect,
                     strata_direction dir, int recorded_empty,
                     strata_error *err)
{
    const strata_revision *r = strata__graph_rev(c->graph, st->rev);
    strata_stmt_list up;
    int rc;

    rc = strata__chain_checksum(c, r, st->checksum, err);
    if (rc != STRATA_OK)
        return rc;
    if (dir == STRATA_UP) {
        rc = collect(c, r, STRATA_SECTION_UP, dialect, &st->stmts, err);
        st->empty = rc == STRATA_OK && st->stmts.count == 0;
        return rc;
    }
    if (recorded_empty) {
        st->empty = 1;
        return STRATA_OK;
    }
    if (strata__migration_has(r, STRATA_SECTION_DOWN, dialect)) {
        rc = collect(c, r, STRATA_SECTION_DOWN, dialect, &st->stmts, err);
        st->empty = rc == STRATA_OK && st->stmts.count == 0;
        return rc;
    }
    /* No +down: reversible only if +up runs nothing here. */
    rc = collect(c, r, STRATA_SECTION_UP, dialect, &up, err);
    if (rc != STRATA_OK)
        return rc;
    if (up.count) {
        rc = strata__error_set(err, STRATA_ERR_IRREVERSIBLE,
                               "%s:%u: cannot downgrade '%s': its +up runs "
                               "SQL on %s and it has no '-- +down' section "
                               "for %s",
                               r->path, up.items[0].line, r->id, dialect,
                               dialect);
        strata__stmt_list_free(&up);
        return rc;
    }
    st->empty = 1;
    return STRATA_OK;
}

int strata__plan_build(strata_plan *out, strata_chain *c,
                       const char *dialect, strata_direction dir,
                       const size_t *path, size_t n,
                       const unsigned char *recorded_empty,
                       strata_error *err)
{
    int rc = STRATA_OK;

    memset(out, 0, sizeof *out);
    out->dir = dir;
    if (n && !(out->steps = calloc(n, sizeof *out->steps)))
        return strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        out->steps[i].rev = path[i];
        out->n++;
        rc = plan_step(&out->steps[i], c, dialect, dir,
                       recorded_empty && recorded_empty[path[i]], err);
    }
    if (rc != STRATA_OK)
        strata__plan_free(out);
    return rc;
}

void strata__plan_free(strata_plan *p)
{
    for (size_t i = 0; i < p->n; i++)
        strata__stmt_list_free(&p->steps[i].stmts);
    free(p->steps);
    memset(p, 0, sizeof *p);
}
