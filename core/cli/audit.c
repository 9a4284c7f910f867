/* audit.c - what the database has applied, held against the migration
 * files: applied, gone (no file) or edited (checksum), for check and
 * status.  Reads only: nothing is created or locked. */
#include "cli/audit.h"

#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/recorded.h"
#include "util/alloc.h"

static int is_gone(const strata_audit *a, const char *rev)
{
    for (size_t i = 0; i < a->ngone; i++)
        if (strcmp(a->gone[i].revision, rev) == 0)
            return 1;
    return 0;
}

static int add_gone(strata_audit *a, const char *rev, const char *where)
{
    strata_audit_gone *v;

    if (is_gone(a, rev))
        return STRATA_OK;
    v = realloc(a->gone, (a->ngone + 1) * sizeof *v);
    if (!v)
        return STRATA_ERR_NOMEM;
    a->gone = v;
    a->gone[a->ngone++] = (strata_audit_gone){rev, where};
    return STRATA_OK;
}

/* The applied set, and the revisions applied whose file is gone: from
 * the version rows, and from the history for what the rows no longer
 * show. */
static int applied_set(strata_audit *a, const strata_graph *g,
                       strata_error *err)
{
    size_t n = strata__graph_count(g), nknown = 0;
    const char **known = calloc(a->nrows ? a->nrows : 1, sizeof *known);
    int rc = known ? STRATA_OK : STRATA_ERR_NOMEM;

    for (size_t i = 0; i < a->nrows && rc == STRATA_OK; i++) {
        if (strata__graph_find(g, a->rows[i]) >= 0)
            known[nknown++] = a->rows[i];
        else
            rc = add_gone(a, a->rows[i], "strata_version");
    }
    for (size_t i = 0; i < a->nhist && rc == STRATA_OK; i++) {
        const char *rev = a->hist[i].revision;

        if (rev && strata__graph_find(g, rev) < 0 &&
            strata__history_says_applied(a->hist, a->nhist, rev))
            rc = add_gone(a, rev, "strata_history");
    }
    if (rc == STRATA_ERR_NOMEM)
        rc = strata__nomem(err);
    if (rc == STRATA_OK)
        rc = strata__graph_applied(g, known, nknown, a->applied, err);
    /* Repeatable migrations hold no row: the history says. */
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        if (strata__graph_rev(g, i)->repeatable)
            a->applied[i] = strata__history_recorded(
                                a->hist, a->nhist,
                                strata__graph_rev(g, i)->id) != NULL;
    /* A version row gone with its file leaves its ancestors without a
     * row to derive them from: the history still says they ran. */
    for (size_t i = 0; i < n && rc == STRATA_OK && nknown < a->nrows; i++)
        if (strata__history_says_applied(a->hist, a->nhist,
                                         strata__graph_rev(g, i)->id))
            a->applied[i] = 1;
    free(known);
    return rc;
}

int strata__audit_read(strata_ctx *x, strata_audit *a)
{
    const strata_graph *g = x->chain.graph;
    size_t n = strata__graph_count(g);
    int rc = strata__ctx_connect(x, 0, 0);

    memset(a, 0, sizeof *a);
    if (rc != STRATA_OK)
        return rc;
    a->applied = calloc(n ? n : 1, 1);
    a->recorded = calloc(n ? n : 1, sizeof *a->recorded);
    a->current = calloc(n ? n : 1, sizeof *a->current);
    if (!a->applied || !a->recorded || !a->current)
        return strata__nomem(&x->err);
    if (x->absent || !x->have_hist || !x->hist.exists)
        return STRATA_OK;
    rc = strata__history_versions(&x->hist, &a->rows, &a->nrows, &x->err);
    if (rc == STRATA_OK)
        rc = strata__history_read(&x->hist, &a->hist, &a->nhist, &x->err);
    if (rc == STRATA_OK)
        rc = applied_set(a, g, &x->err);
    if (rc == STRATA_OK)
        rc = strata__prepare_compare(&x->chain, a->applied, a->hist,
                                     a->nhist, a->recorded, a->current,
                                     &a->nchecked, &x->err);
    /* An edited repeatable migration is not an edit to refuse: the next
     * upgrade runs it again, so it is pending. */
    for (size_t i = 0; i < n && rc == STRATA_OK; i++)
        if (strata__graph_rev(g, i)->repeatable && a->recorded[i] &&
            strcmp(a->recorded[i], a->current[i]) != 0) {
            a->applied[i] = 0;
            a->recorded[i] = NULL;
        }
    return rc;
}

int strata__audit_changed(const strata_audit *a, size_t i)
{
    return a->recorded[i] && strcmp(a->recorded[i], a->current[i]) != 0;
}

void strata__audit_free(strata_audit *a)
{
    strata__strings_free(a->rows, a->nrows);
    strata__history_rows_free(a->hist, a->nhist);
    free(a->applied);
    free(a->recorded);
    free(a->current);
    free(a->gone);
    memset(a, 0, sizeof *a);
}
