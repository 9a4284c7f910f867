/* prepare.c - from a target and an applied set to the plan: what
 * upgrade, downgrade, plan and `--sql` share before anything runs. */
#include "plan/prepare.h"

#include <stdlib.h>
#include <string.h>

#include "db/recorded.h"
#include "util/alloc.h"
#include "util/msg.h"
#include "util/output.h"

/* Targets that depend on the database's state: "+N" and "-N" (REV+N
 * resolves from the files alone). */
static int is_relative(const char *spec)
{
    size_t n = strspn(spec + 1, "0123456789");

    return (spec[0] == '+' || spec[0] == '-') && n && !spec[1 + n];
}

int strata__prepare_spec(const strata_graph *g, const char *spec,
                         strata_direction dir, strata_error *err)
{
    strata_target t = {0};
    int rc = strata__graph_resolve(g, spec, dir, NULL, &t, err);

    /* Ids may contain '-', so only a failed lookup of a spec that could
     * be relative waits for the database. */
    strata__target_free(&t);
    if (rc != STRATA_OK && !(is_relative(spec) && rc == STRATA_ERR_INVALID))
        return rc;
    strata__error_clear(err);
    return STRATA_OK;
}

int strata__prepare_from(const strata_graph *g, const char *from,
                         strata_target *ft, unsigned char *applied,
                         strata_error *err)
{
    const char **ids;
    int rc = strata__graph_resolve(g, from, STRATA_UP, NULL, ft, err);

    if (rc != STRATA_OK)
        return strata__error_prefix(err, "--from %s: ", from);
    if (ft->is_base || !ft->nrevs)
        return STRATA_OK;
    ids = calloc(ft->nrevs, sizeof *ids);
    STRATA_ALLOC_CHECK(ids, err);
    for (size_t i = 0; i < ft->nrevs; i++)
        ids[i] = strata__graph_rev(g, ft->revs[i])->id;
    rc = strata__graph_applied(g, ids, ft->nrevs, applied, err);
    free(ids);
    return rc;
}

/* An upgrade with nothing to run to a target below what is applied (a
 * downgrade to it would revert something: "upgrade -1", "upgrade base")
 * is a mistake, not a no-op: refused, saying to downgrade. */
static int check_behind(strata_prepared *p, const strata_graph *g,
                        const char *spec, const char *where,
                        strata_error *err)
{
    size_t *down = NULL, ndown = 0, *rows = NULL, nrows = 0;
    char *target = NULL;
    strata_msg m = {0};
    int rc = strata__graph_downgrade_path(g, &p->t, p->applied, &down,
                                          &ndown);

    if (rc != STRATA_OK || !ndown) {
        free(down);
        return rc;
    }
    p->behind = 1;
    target = strata__target_describe(g, &p->t, spec);
    if (!target ||
        strata__graph_version_rows(g, p->applied, &rows, &nrows) !=
            STRATA_OK) {
        free(down);
        free(target);
        return STRATA_ERR_NOMEM;
    }
    strata__msg_add(&m, "upgrade target %s is behind ", target);
    for (size_t i = 0; i < nrows; i++)
        strata__msg_add(&m, "%s%s", i ? ", " : "",
                        strata__graph_rev(g, rows[i])->id);
    strata__msg_add(&m, ", applied %s: upgrade only goes forward; to "
                    "revert the %zu migration%s above it, run 'strata "
                    "downgrade %s'",
                    where, ndown, ndown == 1 ? "" : "s", spec);
    free(down);
    free(rows);
    free(target);
    return strata__msg_set(&m, err, STRATA_ERR_INVALID);
}

int strata__prepare_path(strata_prepared *p, const strata_graph *g,
                         strata_direction dir, const char *spec,
                         const char *where, strata_error *err)
{
    int rc = strata__graph_resolve(g, spec, dir, p->applied, &p->t, err);

    /* Downgrading "to" a revision that is not applied means nothing: a
     * typo or the wrong database, not a request to do nothing. */
    for (size_t i = 0;
         rc == STRATA_OK && dir == STRATA_DOWN && i < p->t.nrevs; i++)
        if (!p->applied[p->t.revs[i]])
            rc = strata__error_set(err, STRATA_ERR_INVALID,
                                   "downgrade target '%s' is not applied %s",
                                   strata__graph_rev(g, p->t.revs[i])->id,
                                   where);
    if (rc != STRATA_OK)
        return rc;
    rc = dir == STRATA_UP
             ? strata__graph_upgrade_path(g, &p->t, p->applied, &p->path,
                                          &p->npath)
             : strata__graph_downgrade_path(g, &p->t, p->applied, &p->path,
                                            &p->npath);
    /* Undo never touches a repeatable migration: it stays applied. */
    if (rc == STRATA_OK && dir == STRATA_DOWN) {
        size_t k = 0;

        for (size_t i = 0; i < p->npath; i++)
            if (!strata__graph_rev(g, p->path[i])->repeatable)
                p->path[k++] = p->path[i];
        p->npath = k;
    }
    if (rc == STRATA_OK && dir == STRATA_UP && !p->npath)
        rc = check_behind(p, g, spec, where, err);
    return rc == STRATA_ERR_NOMEM ? strata__nomem(err) : rc;
}

static long find_cb(void *payload, const char *rev)
{
    return strata__graph_find(payload, rev);
}

int strata__prepare_up_state(strata_prepared *p, const strata_graph *g,
                             strata_history *h, strata_error *err)
{
    p->up.empty = calloc(p->n ? p->n : 1, 1);
    p->up.detail = calloc(p->n ? p->n : 1, sizeof *p->up.detail);
    STRATA_ALLOC_CHECK(p->up.empty && p->up.detail, err);
    return strata__history_up_state(h, find_cb, (void *)g, p->up.empty,
                                    p->up.detail, err);
}

int strata__prepare_plan(strata_prepared *p, strata_chain *c,
                         const char *dialect, strata_direction dir,
                         strata_error *err)
{
    int rc = strata__plan_build(&p->plan, c, dialect, 1, dir, p->path,
                                p->npath, &p->up, err);

    /* Names the dialect cuts (docs/design.md §3.6), once per statement
     * that is about to run. */
    for (size_t i = 0; rc == STRATA_OK && i < p->plan.n; i++)
        for (size_t k = 0; k < p->plan.steps[i].nitems; k++)
            if (p->plan.steps[i].items[k].ident_note)
                strata__warn("%s:%u: %s",
                             strata__graph_rev(c->graph,
                                               p->plan.steps[i].rev)->path,
                             p->plan.steps[i].items[k].line,
                             p->plan.steps[i].items[k].ident_note);
    return rc;
}

int strata__prepare_compare(strata_chain *c, const unsigned char *applied,
                            const strata_history_row *hist, size_t nhist,
                            const char **recorded,
                            char (*current)[STRATA_CHECKSUM_SIZE],
                            size_t *nchecked, strata_error *err)
{
    const strata_graph *g = c->graph;
    size_t n = strata__graph_count(g);
    int rc = STRATA_OK;

    *nchecked = 0;
    /* One pass over the history, the latest row winning (as
     * strata__history_recorded reads it): a search per revision would
     * make a run quadratic in the chain's length. */
    for (size_t k = 0; k < nhist; k++) {
        long i = strata__history_sets_checksum(&hist[k])
                     ? strata__graph_find(g, hist[k].revision)
                     : -1;

        if (i >= 0 && applied[i])
            recorded[i] = hist[k].checksum;
    }
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        if (!recorded[i])
            continue;
        rc = strata__chain_checksum(c, strata__graph_rev(g, i), current[i],
                                    err);
        ++*nchecked;
    }
    return rc;
}

int strata__prepare_checksums(const strata_prepared *p, strata_chain *c,
                              strata_history *h, strata_error *err)
{
    const strata_graph *g = c->graph;
    size_t count = strata__graph_count(g), nhist = 0, n = 0, nchecked;
    strata_history_row *hist = NULL;
    const char **rec = calloc(count ? count : 1, sizeof *rec);
    char(*cur)[STRATA_CHECKSUM_SIZE] = calloc(count ? count : 1,
                                              sizeof *cur);
    const strata_revision *first = NULL;
    strata_msg m = {0};
    int rc = rec && cur ? strata__history_read(h, &hist, &nhist, err)
                        : strata__nomem(err);

    if (rc == STRATA_OK)
        rc = strata__prepare_compare(c, p->applied, hist, nhist, rec, cur,
                                     &nchecked, err);
    /* Each edited file, in the chain's order. */
    for (size_t k = 0; k < count && rc == STRATA_OK; k++) {
        size_t i = strata__graph_order(g)[k];
        const strata_revision *r = strata__graph_rev(g, i);

        if (!rec[i] || strcmp(rec[i], cur[i]) == 0 || r->repeatable)
            continue;
        strata__msg_add(&m, "%s%s: revision '%s' was applied with checksum "
                        "%s, the file now has %s", n++ ? "; " : "", r->path,
                        r->id, rec[i], cur[i]);
        first = first ? first : r;
    }
    if (n == 1)
        strata__msg_add(&m, ": an applied migration was edited after it "
                        "ran; restore it, accept the edit with 'strata "
                        "stamp --accept-checksum %s', or run with "
                        "--ignore-checksums",
                        first->id);
    else if (n)
        strata__msg_add(&m, ": %zu applied migrations were edited after "
                        "they ran; restore them, accept each edit with "
                        "'strata stamp --accept-checksum REV', or run with "
                        "--ignore-checksums", n);
    if (n) /* only found while rc was STRATA_OK */
        rc = strata__msg_set(&m, err, STRATA_ERR_CHECKSUM);
    free(rec);
    free(cur);
    strata__history_rows_free(hist, nhist);
    return rc;
}

int strata__prepare_repeat_state(strata_chain *c, strata_history *h,
                                 unsigned char *applied, strata_error *err)
{
    const strata_graph *g = c->graph;
    size_t count = strata__graph_count(g), nhist = 0, nrep = 0;
    strata_history_row *hist = NULL;
    int rc;

    for (size_t i = 0; i < count; i++)
        nrep += strata__graph_rev(g, i)->repeatable;
    if (!nrep || !h->exists)
        return STRATA_OK;
    rc = strata__history_read(h, &hist, &nhist, err);
    for (size_t i = 0; i < count && rc == STRATA_OK; i++) {
        const strata_revision *r = strata__graph_rev(g, i);

        if (r->repeatable)
            applied[i] = strata__history_recorded(hist, nhist, r->id) != NULL;
    }
    strata__history_rows_free(hist, nhist);
    return rc;
}

int strata__prepare_repeatables(strata_prepared *p, strata_chain *c,
                                strata_history *h, strata_error *err)
{
    const strata_graph *g = c->graph;
    size_t count = strata__graph_count(g), nhist = 0, nchecked, nrep = 0;
    strata_history_row *hist = NULL;
    const char **rec;
    char(*cur)[STRATA_CHECKSUM_SIZE];
    unsigned char *only;
    int rc;

    for (size_t i = 0; i < count; i++)
        nrep += strata__graph_rev(g, i)->repeatable && p->applied[i];
    if (!nrep)
        return STRATA_OK;
    rec = calloc(count, sizeof *rec);
    cur = calloc(count, sizeof *cur);
    only = calloc(count, 1);
    rc = rec && cur && only ? strata__history_read(h, &hist, &nhist, err)
                            : strata__nomem(err);
    for (size_t i = 0; i < count; i++)
        if (only)
            only[i] = p->applied[i] && strata__graph_rev(g, i)->repeatable;
    if (rc == STRATA_OK)
        rc = strata__prepare_compare(c, only, hist, nhist, rec, cur,
                                     &nchecked, err);
    for (size_t i = 0; i < count && rc == STRATA_OK; i++)
        if (rec[i] && strcmp(rec[i], cur[i]) != 0)
            p->applied[i] = 0;
    free(rec);
    free(cur);
    free(only);
    strata__history_rows_free(hist, nhist);
    return rc;
}

void strata__prepared_free(strata_prepared *p)
{
    strata__plan_free(&p->plan);
    strata__target_free(&p->t);
    strata__strings_free(p->rows, p->nrows);
    for (size_t i = 0; p->up.detail && i < p->n; i++)
        free(p->up.detail[i]);
    free(p->up.detail);
    free(p->up.empty);
    free(p->applied);
    free(p->path);
    memset(p, 0, sizeof *p);
}
