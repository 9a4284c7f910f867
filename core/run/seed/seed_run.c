/* seed_run.c - a seed run from files to statements: the rows grouped by
 * table, the tables' catalog read in one call, the check, then the plan;
 * and what the run owns. */
#include <stdlib.h>
#include <string.h>

#include "run/seed/seed.h"
#include "sql/catalog.h"

void strata__seed_run_free(strata_seed_run *r)
{
    for (size_t t = 0; t < r->ntables; t++) {
        strata_seed_table *st = &r->tables[t];

        free(st->key);
        free(st->rows);
        free(st->from);
        strata__seed_strings_free(st->skips, st->nskips);
    }
    free(r->tables);
    if (r->cats)
        strata__tables_free(r->cats, r->ntables);
    strata__seed_strings_free(r->problems, r->nproblems);
    strata__seed_strings_free(r->sql, r->nsql);
    r->tables = NULL;
    r->cats = NULL;
    r->problems = r->sql = NULL;
    r->ntables = r->nproblems = r->nsql = 0;
}

/* The table entry named so (files' names compared as the catalog does),
 * added when new. */
static strata_seed_table *table_for(strata_seed_run *r, const char *name,
                                    strata_error *err)
{
    strata_seed_table *v;

    for (size_t t = 0; t < r->ntables; t++)
        if (strata__name_eq(r->tables[t].name, name))
            return &r->tables[t];
    v = realloc(r->tables, (r->ntables + 1) * sizeof *v);
    if (!v) {
        strata__nomem(err);
        return NULL;
    }
    r->tables = v;
    memset(&v[r->ntables], 0, sizeof *v);
    v[r->ntables].name = name;
    return &v[r->ntables++];
}

static int group(strata_seed_run *r, strata_error *err)
{
    for (size_t i = 0; i < r->nfiles; i++) {
        strata_seed_file *f = &r->files[i];
        strata_seed_table *st = table_for(r, f->table, err);
        strata_seed_row **rows;
        const strata_seed_file **from;

        if (!st)
            return STRATA_ERR_NOMEM;
        rows = realloc(st->rows, (st->nrows + f->nrows + 1) * sizeof *rows);
        STRATA_ALLOC_CHECK(rows, err);
        st->rows = rows;
        from = realloc(st->from, (st->nrows + f->nrows + 1) * sizeof *from);
        STRATA_ALLOC_CHECK(from, err);
        st->from = from;
        for (size_t k = 0; k < f->nrows; k++) {
            rows[st->nrows] = &f->rows[k];
            from[st->nrows++] = f;
        }
    }
    return STRATA_OK;
}

/* The first file that seeds table t (for messages about the table). */
static const strata_seed_file *file_of(const strata_seed_run *r,
                                       const char *table)
{
    for (size_t i = 0; i < r->nfiles; i++)
        if (strata__name_eq(r->files[i].table, table))
            return &r->files[i];
    return &r->files[0];
}

int strata__seed_prepare(strata_seed_run *r, strata_error *err)
{
    const char **names;
    int rc;

    if (!r->drv->introspect)
        return strata__error_set(err, STRATA_ERR_NOTSUP,
                                 "seed: the %s driver cannot read the "
                                 "catalog",
                                 r->drv->name);
    rc = group(r, err);
    if (rc != STRATA_OK)
        return rc;
    names = calloc(r->ntables + 1, sizeof *names);
    STRATA_ALLOC_CHECK(names, err);
    for (size_t t = 0; t < r->ntables; t++)
        names[t] = r->tables[t].name;
    rc = r->drv->introspect(r->conn, names, r->ntables, &r->cats);
    free(names);
    if (rc != STRATA_OK) {
        r->cats = NULL;
        return strata__error_set(err, rc, "seed: reading the catalog: %s",
                                 r->conn->errmsg);
    }
    for (size_t t = 0; t < r->ntables && rc == STRATA_OK; t++) {
        r->tables[t].cat = &r->cats[t];
        if (!r->cats[t].exists)
            rc = strata__seed_problem(r, file_of(r, r->tables[t].name), 1,
                                      err, "no table '%s' in the database",
                                      r->tables[t].name);
        else if (r->cats[t].name)
            r->tables[t].name = r->cats[t].name;
    }
    if (rc == STRATA_OK && !r->nproblems)
        rc = strata__seed_check(r, err);
    if (rc == STRATA_OK && !r->nproblems)
        rc = strata__seed_plan(r, err);
    if (rc == STRATA_OK && r->nproblems)
        rc = strata__error_set(err, STRATA_ERR_PARSE,
                               "seed: %zu problem%s in the files; nothing "
                               "written",
                               r->nproblems, r->nproblems == 1 ? "" : "s");
    return rc;
}
