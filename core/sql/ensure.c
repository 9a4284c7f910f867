/* ensure.c - existence is checked before acting: every portable operation
 * names an end state, and the catalog says whether it already holds. */
#include "sql/ensure.h"

#include <stdlib.h>
#include <string.h>

#include "db/host.h"

const char *strata__ensure_word(strata_ensure e)
{
    static const char *const words[] = {
        "applied", "skipped (exists)", "skipped (absent)", "drift",
        "rebuilt (was invalid)", "validated", "skipped (exists, differs)"};

    return e <= STRATA_ENSURE_SKIP_DIFFERS ? words[e] : "?";
}

int strata__ensure_skips(strata_ensure e)
{
    return e == STRATA_ENSURE_SKIP_EXISTS || e == STRATA_ENSURE_SKIP_ABSENT ||
           e == STRATA_ENSURE_SKIP_DIFFERS;
}

int strata__ensure_say(strata_buf *out, strata_ensure e, const char *why,
                       int future)
{
    /* Words in the future tense: nothing has run. */
    static const char *const plan[] = {
        "apply", "skip (exists)", "skip (absent)", "drift",
        "rebuild (was invalid)", "validate", "skip (exists, differs)"};
    const char *word = future ? (e <= STRATA_ENSURE_SKIP_DIFFERS ? plan[e]
                                                                 : "?")
                              : strata__ensure_word(e);

    if (e == STRATA_ENSURE_SKIP_DIFFERS && why)
        return strata__buf_printf(out, "%.*s: %s)", (int)strlen(word) - 1,
                                  word, why);
    return strata__buf_puts(out, word);
}

typedef int (*describe_fn)(const void *obj, strata_buf *out);

static int desc_index(const void *o, strata_buf *b)
{
    return strata__index_describe(o, b);
}
static int desc_constraint(const void *o, strata_buf *b)
{
    return strata__constraint_describe(o, b);
}
static int desc_column(const void *o, strata_buf *b)
{
    return strata__column_describe(o, b);
}

/* Drift: "<what> <name> on <table> differs: migration has X, database
 * has Y (--adopt ...)".  Written with IF NOT EXISTS (ine), the engine
 * skips a name that exists, so strata does too: SKIP_DIFFERS, and *why
 * is "migration has X, database has Y". */
static int drift(strata_ensure *out, char **why, int ine, const char *what,
                 const char *name, const char *table, describe_fn fn,
                 const void *want, const void *live)
{
    strata_buf b = {0};
    int rc = ine ? STRATA_OK
                 : strata__buf_printf(&b, "%s %s on %s differs: ", what,
                                      name, table);

    *out = ine ? STRATA_ENSURE_SKIP_DIFFERS : STRATA_ENSURE_DRIFT;
    if (rc == STRATA_OK)
        rc = strata__buf_puts(&b, "migration has ");
    if (rc == STRATA_OK)
        rc = fn(want, &b);
    if (rc == STRATA_OK)
        rc = strata__buf_puts(&b, ", database has ");
    if (rc == STRATA_OK)
        rc = fn(live, &b);
    if (rc == STRATA_OK && !ine)
        rc = strata__buf_puts(&b, " (--adopt accepts the database's)");
    if (rc != STRATA_OK) {
        strata__buf_free(&b);
        return STRATA_ERR_NOMEM;
    }
    *why = strata__buf_take(&b);
    return STRATA_OK;
}

/* The catalog's objects named name by the engine's rule (its driver's
 * name_flags): a lookup's match without ASCII case is no match on
 * PostgreSQL, where "MixedCase" and mixedcase are two names. */
static uint32_t name_flags(const strata_compare *cmp)
{
    return cmp && cmp->drv ? cmp->drv->name_flags : 0;
}

static const strata_column *column(const strata_compare *cmp,
                                   const strata_table *t, const char *name)
{
    const strata_column *c = strata__table_column(t, name);

    return c && strata__name_same(name_flags(cmp), 0, c->name, name) ? c
                                                                       : NULL;
}

static const strata_constraint *constraint(const strata_compare *cmp,
                                           const strata_table *t,
                                           const char *name)
{
    const strata_constraint *c = strata__table_constraint(t, name);

    return c && strata__name_same(name_flags(cmp), 0, c->name, name) ? c
                                                                       : NULL;
}

static const strata_index *index_of(const strata_compare *cmp,
                                    const strata_table *t, const char *name)
{
    const strata_index *ix = strata__table_index(t, name);

    return ix && strata__name_same(name_flags(cmp), 0, ix->name, name)
               ? ix
               : NULL;
}

static int say(char **why, const char *fmt, const char *a, const char *b,
               const char *c)
{
    *why = strata__sprintf(fmt, a, b, c);
    return *why ? STRATA_OK : STRATA_ERR_NOMEM;
}

static int ensure_column(strata_ensure *out, char **why, const strata_op *op,
                         const strata_table *t, const strata_compare *cmp)
{
    const strata_column *want = op->ncolumns ? &op->columns[0] : NULL;
    const strata_column *live = column(cmp, t, op->name);
    int same = 0, rc;

    if (!live || !want) {
        *out = STRATA_ENSURE_APPLY;
        return STRATA_OK;
    }
    rc = strata__type_eq(cmp, want->type, live->type, &same);
    if (rc != STRATA_OK)
        return rc;
    /* A primary-key column is NOT NULL whether written or not. */
    if (same)
        same = !(want->notnull || want->pk) == !(live->notnull || live->pk);
    if (same) {
        *out = STRATA_ENSURE_SKIP_EXISTS;
        return STRATA_OK;
    }
    return drift(out, why, op->if_exists, "column", op->name, t->name,
                 desc_column, want, live);
}

/* SET/DROP NOT NULL, SET/DROP DEFAULT, ALTER TYPE: skip when already so. */
static int ensure_alter(strata_ensure *out, char **why, const strata_op *op,
                        const strata_table *t, const strata_compare *cmp)
{
    const strata_column *col = column(cmp, t, op->name);
    int holds = 0, rc = STRATA_OK;

    if (!col) {
        *out = STRATA_ENSURE_DRIFT;
        return say(why, "column %s does not exist on %s%s", op->name,
                   t->name ? t->name : op->table, "");
    }
    switch (op->kind) {
    case STRATA_OP_SET_NOT_NULL:
        holds = col->notnull || col->pk;
        break;
    case STRATA_OP_DROP_NOT_NULL:
        holds = !col->notnull && !col->pk;
        break;
    case STRATA_OP_SET_DEFAULT:
        rc = strata__expr_eq(cmp, col->default_expr, op->default_expr,
                             &holds);
        holds = holds && col->default_expr;
        break;
    case STRATA_OP_DROP_DEFAULT:
        holds = !col->default_expr;
        break;
    case STRATA_OP_ALTER_TYPE:
        rc = strata__type_eq(cmp, op->type, col->type, &holds);
        break;
    }
    *out = holds ? STRATA_ENSURE_SKIP_EXISTS : STRATA_ENSURE_APPLY;
    return rc;
}

static int ensure_rename(strata_ensure *out, char **why, const strata_op *op,
                         const strata_table *t, const strata_table *other,
                         const strata_compare *cmp)
{
    int table = op->kind == STRATA_OP_RENAME_TABLE, from, to;
    const char *what = table ? "table" : "column";
    const char *a = table ? op->table : op->name;

    if (table) {
        from = t->exists;
        to = other && other->exists;
    } else {
        const strata_column *ca = column(cmp, t, op->name);
        const strata_column *cb = column(cmp, t, op->new_name);

        /* One column by the engine's rule (SQLite, MySQL): a rename of
         * its letter case, done when the spelling differs. */
        if (ca && ca == cb) {
            *out = strcmp(ca->name, op->new_name) == 0
                       ? STRATA_ENSURE_SKIP_EXISTS
                       : STRATA_ENSURE_APPLY;
            return STRATA_OK;
        }
        from = ca != NULL;
        to = cb != NULL;
    }
    if (from && !to)
        *out = STRATA_ENSURE_APPLY;
    else if (!from && to)
        *out = STRATA_ENSURE_SKIP_EXISTS;
    else {
        *out = STRATA_ENSURE_DRIFT;
        return say(why,
                   from ? "cannot rename %s %s to %s: both exist"
                        : "cannot rename %s %s to %s: neither exists",
                   what, a, op->new_name);
    }
    return STRATA_OK;
}

int strata__ensure(strata_ensure *out, char **why, const strata_op *op,
                   const strata_table *t, const strata_table *other,
                   const strata_compare *cmp)
{
    const strata_constraint *con;
    const strata_index *ix;
    int same = 0, rc;

    *why = NULL;
    *out = STRATA_ENSURE_APPLY;
    switch (op->kind) {
    case STRATA_OP_CREATE_TABLE:
        /* Never drift: later migrations may have changed the table. */
        if (t->exists)
            *out = STRATA_ENSURE_SKIP_EXISTS;
        return STRATA_OK;
    case STRATA_OP_DROP_TABLE:
        if (!t->exists)
            *out = STRATA_ENSURE_SKIP_ABSENT;
        return STRATA_OK;
    case STRATA_OP_RENAME_TABLE:
    case STRATA_OP_RENAME_COLUMN:
        return ensure_rename(out, why, op, t, other, cmp);
    case STRATA_OP_ADD_COLUMN:
        return ensure_column(out, why, op, t, cmp);
    case STRATA_OP_DROP_COLUMN:
        if (!column(cmp, t, op->name))
            *out = STRATA_ENSURE_SKIP_ABSENT;
        return STRATA_OK;
    case STRATA_OP_SET_NOT_NULL:
    case STRATA_OP_DROP_NOT_NULL:
    case STRATA_OP_SET_DEFAULT:
    case STRATA_OP_DROP_DEFAULT:
    case STRATA_OP_ALTER_TYPE:
        return ensure_alter(out, why, op, t, cmp);
    case STRATA_OP_ADD_CONSTRAINT:
        if (!op->nconstraints ||
            !(con = constraint(cmp, t, op->constraints[0].name)))
            return STRATA_OK;
        /* A CHECK's written name is the engine's: one the engine left
         * unnamed, listed under its derived name (SQLite's; MariaDB's
         * on a column, named after the column), is another constraint,
         * as to the engine's client. */
        if (op->constraints[0].named && !con->named &&
            con->kind == STRATA_CON_CHECK)
            return STRATA_OK;
        rc = strata__constraint_eq(cmp, &op->constraints[0], con, &same);
        if (rc != STRATA_OK)
            return rc;
        if (!same)
            return drift(out, why, 0, "constraint", con->name, t->name,
                         desc_constraint, &op->constraints[0], con);
        *out = con->not_valid ? STRATA_ENSURE_VALIDATE
                              : STRATA_ENSURE_SKIP_EXISTS;
        return STRATA_OK;
    case STRATA_OP_DROP_CONSTRAINT:
        if (!constraint(cmp, t, op->name))
            *out = STRATA_ENSURE_SKIP_ABSENT;
        return STRATA_OK;
    case STRATA_OP_CREATE_INDEX:
        if (!op->index || !(ix = index_of(cmp, t, op->index->name)))
            return STRATA_OK;
        if (ix->invalid) {
            *out = STRATA_ENSURE_REBUILD;
            return STRATA_OK;
        }
        rc = strata__index_eq(cmp, op->index, ix, &same);
        if (rc != STRATA_OK)
            return rc;
        if (!same)
            return drift(out, why, op->if_exists, "index", ix->name,
                         t->name, desc_index, op->index, ix);
        *out = STRATA_ENSURE_SKIP_EXISTS;
        return STRATA_OK;
    case STRATA_OP_DROP_INDEX:
        if (!index_of(cmp, t, op->name))
            *out = STRATA_ENSURE_SKIP_ABSENT;
        return STRATA_OK;
    }
    return STRATA_ERR_INVALID;
}
