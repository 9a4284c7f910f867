/* catalog.c - building and freeing the neutral catalog in host memory. */
#include <string.h>

#include "catalog.h"

void *drv_grow(const strata_host *host, void *arr_p, size_t *n, size_t size)
{
    char *old, *a;

    /* memcpy moves the pointer, so any element type works without
     * aliasing through void **. */
    memcpy(&old, arr_p, sizeof old);
    if (!(a = host->realloc(old, (*n + 1) * size)))
        return NULL;
    memset(a + *n * size, 0, size);
    memcpy(arr_p, &a, sizeof a);
    return a + (*n)++ * size;
}

void drv_strv_free(const strata_host *host, char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        host->free(v[i]);
    host->free(v);
}

void drv_constraint_free(const strata_host *host, strata_constraint *k)
{
    host->free(k->name);
    drv_strv_free(host, k->columns, k->ncolumns);
    host->free(k->check);
    host->free(k->ref_table);
    drv_strv_free(host, k->ref_columns, k->nref_columns);
    host->free(k->on_delete);
    host->free(k->on_update);
    memset(k, 0, sizeof *k);
}

void drv_index_free(const strata_host *host, strata_index *ix)
{
    host->free(ix->name);
    host->free(ix->table);
    for (size_t k = 0; k < ix->nkeys; k++) {
        host->free(ix->keys[k].column);
        host->free(ix->keys[k].expr);
    }
    host->free(ix->keys);
    host->free(ix->where);
    host->free(ix->sql);
    memset(ix, 0, sizeof *ix);
}

void drv_objects_free(const strata_host *host, strata_object *o, size_t n)
{
    for (size_t i = 0; o && i < n; i++) {
        host->free(o[i].kind);
        host->free(o[i].name);
        host->free(o[i].sql);
    }
    host->free(o);
}

void drv_table_free(const strata_host *host, strata_table *t)
{
    size_t i;

    host->free(t->name);
    for (i = 0; i < t->ncolumns; i++) {
        host->free(t->columns[i].name);
        host->free(t->columns[i].type);
        host->free(t->columns[i].default_expr);
    }
    host->free(t->columns);
    for (i = 0; i < t->nconstraints; i++)
        drv_constraint_free(host, &t->constraints[i]);
    host->free(t->constraints);
    for (i = 0; i < t->nindexes; i++)
        drv_index_free(host, &t->indexes[i]);
    host->free(t->indexes);
    drv_objects_free(host, t->triggers, t->ntriggers);
    drv_objects_free(host, t->dependents, t->ndependents);
    host->free(t->sql);
    memset(t, 0, sizeof *t);
}
