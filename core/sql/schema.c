/* schema.c - a whole schema read through the driver, and normalised so
 * that equal schemas give byte-equal dumps on one engine. */
#include "sql/schema.h"

#include <stdlib.h>
#include <string.h>

#include "abi/free.h"
#include "db/host.h"
#include "sql/catalog.h"

void strata__schema_free(strata_schema *s)
{
    const strata_host *h = strata__host();

    free(s->dialect);
    strata__tables_free(s->tables, s->ntables);
    strata_abi_objects_free(h, s->views, s->nviews);
    strata_abi_objects_free(h, s->sequences, s->nsequences);
    memset(s, 0, sizeof *s);
}

static int by_table(const void *a, const void *b)
{
    return strcmp(((const strata_table *)a)->name,
                  ((const strata_table *)b)->name);
}

static int by_object(const void *a, const void *b)
{
    return strcmp(((const strata_object *)a)->name,
                  ((const strata_object *)b)->name);
}

static int by_constraint(const void *a, const void *b)
{
    const strata_constraint *x = a, *y = b;
    int k = strcmp(x->name ? x->name : "", y->name ? y->name : "");

    return k ? k : x->kind - y->kind;
}

static int by_index(const void *a, const void *b)
{
    return strcmp(((const strata_index *)a)->name,
                  ((const strata_index *)b)->name);
}

void strata__schema_normalise(strata_schema *s)
{
    const strata_host *h = strata__host();

    for (size_t i = 0; i < s->ntables; i++) {
        strata_table *t = &s->tables[i];

        /* The engine's text is kept as written (SQLite), so two equal
         * tables may differ in it: the catalog says what they are. */
        free(t->sql);
        t->sql = NULL;
        strata_abi_objects_free(h, t->dependents, t->ndependents);
        t->dependents = NULL;
        t->ndependents = 0;
        for (size_t k = 0; k < t->nindexes; k++) {
            free(t->indexes[k].sql);
            t->indexes[k].sql = NULL;
        }
        if (t->nconstraints)
            qsort(t->constraints, t->nconstraints, sizeof *t->constraints,
                  by_constraint);
        if (t->nindexes)
            qsort(t->indexes, t->nindexes, sizeof *t->indexes, by_index);
        if (t->ntriggers)
            qsort(t->triggers, t->ntriggers, sizeof *t->triggers,
                  by_object);
    }
    if (s->ntables)
        qsort(s->tables, s->ntables, sizeof *s->tables, by_table);
    if (s->nviews)
        qsort(s->views, s->nviews, sizeof *s->views, by_object);
    if (s->nsequences)
        qsort(s->sequences, s->nsequences, sizeof *s->sequences, by_object);
}

static int skipped(const char *name, const char *const *skip, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (skip[i] && strcmp(skip[i], name) == 0)
            return 1;
    return 0;
}

/* Move o to the end of (*v, *n); o's members are taken. */
static int take(strata_object **v, size_t *n, strata_object *o)
{
    strata_object *g = realloc(*v, (*n + 1) * sizeof **v);

    if (!g)
        return STRATA_ERR_NOMEM;
    *v = g;
    g[(*n)++] = *o;
    memset(o, 0, sizeof *o);
    return STRATA_OK;
}

int strata__schema_read(const strata_driver *d, strata_conn *c,
                        const char *const *skip, size_t nskip,
                        strata_schema *out, strata_error *err)
{
    strata_object *objs = NULL;
    const char **names = NULL;
    size_t nobjs = 0, nnames = 0;
    int rc;

    memset(out, 0, sizeof *out);
    if (!d->schema_objects || !d->introspect)
        return strata__error_set(err, STRATA_ERR_NOTSUP,
                                 "the %s driver cannot list a schema's "
                                 "objects (driver ABI 1.5's "
                                 "schema_objects)",
                                 d->name);
    out->dialect = strdup(d->name);
    STRATA_ALLOC_GOTO(out->dialect, err, rc, fail);
    rc = d->schema_objects(c, &objs, &nobjs);
    if (rc != STRATA_OK) {
        rc = strata__error_set(err, rc, "reading the schema's objects: %s",
                               c->errmsg);
        goto fail;
    }
    names = calloc(nobjs ? nobjs : 1, sizeof *names);
    STRATA_ALLOC_GOTO(names, err, rc, fail);
    for (size_t i = 0; i < nobjs; i++) {
        strata_object *o = &objs[i];

        if (strcmp(o->kind, "table") == 0) {
            if (!skipped(o->name, skip, nskip))
                names[nnames++] = o->name;
        } else if (strcmp(o->kind, "view") == 0 ||
                   strcmp(o->kind, "sequence") == 0) {
            int view = o->kind[0] == 'v';

            rc = take(view ? &out->views : &out->sequences,
                      view ? &out->nviews : &out->nsequences, o);
            STRATA_ALLOC_GOTO(rc == STRATA_OK, err, rc, fail);
        }
    }
    if (nnames) {
        rc = d->introspect(c, names, nnames, &out->tables);
        if (rc != STRATA_OK) {
            rc = strata__error_set(err, rc, "reading the catalog: %s",
                                   c->errmsg);
            goto fail;
        }
        out->ntables = nnames;
    }
    free(names);
    strata_abi_objects_free(strata__host(), objs, nobjs);
    strata__schema_normalise(out);
    return STRATA_OK;
fail:
    free(names);
    strata_abi_objects_free(strata__host(), objs, nobjs);
    strata__schema_free(out);
    return rc;
}
