/* clauses.c - pieces of SQL every dialect's render() writes alike
 * (clauses.h). */
#include <string.h>

#include "clauses.h"
#include "quote.h"

const char *drv_op_word(int kind)
{
    static const char *const words[] = {
        "?", "CREATE TABLE", "DROP TABLE", "ADD COLUMN", "DROP COLUMN",
        "RENAME COLUMN", "RENAME TABLE", "SET NOT NULL", "DROP NOT NULL",
        "SET DEFAULT", "DROP DEFAULT", "ALTER TYPE", "ADD CONSTRAINT",
        "DROP CONSTRAINT", "CREATE INDEX", "DROP INDEX"};

    return kind > 0 && kind <= STRATA_OP_DROP_INDEX ? words[kind] : "?";
}

/* Append s; a NULL s is "nothing". */
static int put(const strata_host *host, strata_buf *b, const char *s)
{
    return s ? host->buf_append(b, s, strlen(s)) : STRATA_OK;
}

int drv_qi_list(const strata_host *host, strata_buf *b, char *const *names,
                size_t n, char q)
{
    if (put(host, b, "("))
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        if ((i && put(host, b, ", ")) || drv_quote(host, b, names[i], q))
            return STRATA_ERR_NOMEM;
    return put(host, b, ")");
}

int drv_fk_actions(const strata_host *host, strata_buf *b,
                   const strata_constraint *k)
{
    if (k->on_delete && *k->on_delete &&
        (put(host, b, " ON DELETE ") || put(host, b, k->on_delete)))
        return STRATA_ERR_NOMEM;
    if (k->on_update && *k->on_update &&
        (put(host, b, " ON UPDATE ") || put(host, b, k->on_update)))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* Append REFERENCES "r"[ ("c", ...)][ ON DELETE a][ ON UPDATE a]. */
static int fk_refs(const strata_host *host, strata_buf *b,
                   const strata_constraint *k, char q)
{
    if (put(host, b, "REFERENCES ") || drv_quote(host, b, k->ref_table, q))
        return STRATA_ERR_NOMEM;
    if (k->nref_columns &&
        (put(host, b, " ") ||
         drv_qi_list(host, b, k->ref_columns, k->nref_columns, q)))
        return STRATA_ERR_NOMEM;
    return drv_fk_actions(host, b, k);
}

int drv_con_body(const strata_host *host, strata_buf *b,
                 const strata_constraint *k, int inl, char q)
{
    switch (k->kind) {
    case STRATA_CON_PRIMARY_KEY:
    case STRATA_CON_UNIQUE:
        if (put(host, b, k->kind == STRATA_CON_UNIQUE ? " UNIQUE"
                                                      : " PRIMARY KEY"))
            return STRATA_ERR_NOMEM;
        if (!inl && (put(host, b, " ") ||
                     drv_qi_list(host, b, k->columns, k->ncolumns, q)))
            return STRATA_ERR_NOMEM;
        return STRATA_OK;
    case STRATA_CON_CHECK:
        return put(host, b, " CHECK (") || put(host, b, k->check) ||
                       put(host, b, ")")
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    case STRATA_CON_FOREIGN_KEY:
        if (!inl && (put(host, b, " FOREIGN KEY ") ||
                     drv_qi_list(host, b, k->columns, k->ncolumns, q)))
            return STRATA_ERR_NOMEM;
        return put(host, b, " ") || fk_refs(host, b, k, q)
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    default:
        return STRATA_ERR_INVALID;
    }
}

int drv_index_keys(const strata_host *host, strata_buf *b,
                   const strata_index *ix, char q)
{
    if (put(host, b, " ("))
        return STRATA_ERR_NOMEM;
    for (size_t k = 0; k < ix->nkeys; k++) {
        const strata_index_key *key = &ix->keys[k];

        if (put(host, b, k ? ", " : "") ||
            (key->column ? drv_quote(host, b, key->column, q)
                         : put(host, b, "(") || put(host, b, key->expr) ||
                               put(host, b, ")")) ||
            (key->desc && put(host, b, " DESC")))
            return STRATA_ERR_NOMEM;
    }
    if (put(host, b, ")"))
        return STRATA_ERR_NOMEM;
    if (ix->where && *ix->where &&
        (put(host, b, " WHERE ") || put(host, b, ix->where)))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}
