/* free.c - the destructors of driver.h's composite types (abi/free.h). */
#include "free.h"

#include <string.h>

void strata_abi_strv_free(const strata_host *host, char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        host->free(v[i]);
    host->free(v);
}

void strata_abi_column_free(const strata_host *host, strata_column *c)
{
    if (!c)
        return;
    host->free(c->name);
    host->free(c->type);
    host->free(c->default_expr);
    memset(c, 0, sizeof *c);
}

void strata_abi_constraint_free(const strata_host *host,
                                strata_constraint *c)
{
    if (!c)
        return;
    host->free(c->name);
    strata_abi_strv_free(host, c->columns, c->ncolumns);
    host->free(c->check);
    host->free(c->ref_table);
    strata_abi_strv_free(host, c->ref_columns, c->nref_columns);
    host->free(c->on_delete);
    host->free(c->on_update);
    memset(c, 0, sizeof *c);
}

void strata_abi_index_free(const strata_host *host, strata_index *ix)
{
    if (!ix)
        return;
    host->free(ix->name);
    host->free(ix->table);
    for (size_t i = 0; ix->keys && i < ix->nkeys; i++) {
        host->free(ix->keys[i].column);
        host->free(ix->keys[i].expr);
    }
    host->free(ix->keys);
    host->free(ix->where);
    host->free(ix->sql);
    memset(ix, 0, sizeof *ix);
}

void strata_abi_object_free(const strata_host *host, strata_object *o)
{
    if (!o)
        return;
    host->free(o->kind);
    host->free(o->name);
    host->free(o->sql);
    memset(o, 0, sizeof *o);
}

void strata_abi_objects_free(const strata_host *host, strata_object *v,
                             size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        strata_abi_object_free(host, &v[i]);
    host->free(v);
}

void strata_abi_table_free(const strata_host *host, strata_table *t)
{
    size_t i;

    if (!t)
        return;
    host->free(t->name);
    for (i = 0; t->columns && i < t->ncolumns; i++)
        strata_abi_column_free(host, &t->columns[i]);
    host->free(t->columns);
    for (i = 0; t->constraints && i < t->nconstraints; i++)
        strata_abi_constraint_free(host, &t->constraints[i]);
    host->free(t->constraints);
    for (i = 0; t->indexes && i < t->nindexes; i++)
        strata_abi_index_free(host, &t->indexes[i]);
    host->free(t->indexes);
    strata_abi_objects_free(host, t->triggers, t->ntriggers);
    strata_abi_objects_free(host, t->dependents, t->ndependents);
    host->free(t->sql);
    memset(t, 0, sizeof *t);
}

void strata_abi_tables_free(const strata_host *host, strata_table *v,
                            size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        strata_abi_table_free(host, &v[i]);
    host->free(v);
}

void strata_abi_sql_list_free(const strata_host *host, strata_sql_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; l->items && i < l->count; i++) {
        host->free(l->items[i].sql);
        host->free(l->items[i].lock);
        host->free(l->items[i].note);
        host->free(l->items[i].alternative);
    }
    host->free(l->items);
    memset(l, 0, sizeof *l);
}

/* err_offset is kept: it says where a failed split() stopped, and
 * callers free the partial list before they report it. */
void strata_abi_stmt_list_free(const strata_host *host, strata_stmt_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; l->items && i < l->count; i++) {
        host->free(l->items[i].sql);
        host->free(l->items[i].norm);
    }
    host->free(l->items);
    l->items = NULL;
    l->count = 0;
}

void strata_abi_lint_list_free(const strata_host *host, strata_lint_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; l->items && i < l->count; i++) {
        host->free(l->items[i].rule);
        host->free(l->items[i].message);
        host->free(l->items[i].table);
    }
    host->free(l->items);
    memset(l, 0, sizeof *l);
}
