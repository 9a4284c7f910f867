/* render.c - portable operations as PostgreSQL statements, in the
 * online forms of docs/design.md §5: indexes built and dropped CONCURRENTLY in
 * autocommit segments (an INVALID leftover dropped and built again),
 * CHECK and FOREIGN KEY on an existing table added NOT VALID and
 * validated in a step of their own, SET NOT NULL proved by a validated
 * CHECK.  A dialect section's types run as written, and its CREATE
 * TABLE as its own text.  Each statement says the lock it takes
 * (docs/dialects.md §4.1) for `plan`.
 *
 * Decisions come from the catalog passed in, never from a query: c may
 * be unconnected (offline SQL). */
#include <string.h>
#include <strings.h>

#include "abi/checkcol.h"
#include "abi/free.h"
#include "abi/name.h"
#include "pg.h"
#include "../common/clauses.h"
#include "../common/quote.h"
#include "../common/sqllist.h"
#include "../common/written.h"

/* Locks, as `plan` shows them (docs/dialects.md §4.1). */
#define L_BRIEF "ACCESS EXCLUSIVE (brief)"
#define L_DROP "ACCESS EXCLUSIVE"
#define L_REWRITE \
    "ACCESS EXCLUSIVE (rewrites the table: blocks reads and writes)"
#define L_TYPE                                                           \
    "ACCESS EXCLUSIVE (rewrites the table unless the new type is "      \
    "binary-coercible: blocks reads and writes)"
#define L_SCAN "ACCESS EXCLUSIVE (scans the table: blocks reads and writes)"
#define L_UNIQUE \
    "ACCESS EXCLUSIVE (builds an index: blocks reads and writes)"
#define L_NOSCAN "ACCESS EXCLUSIVE (brief, no scan)"
#define L_SHARE "SHARE (blocks writes)"
#define L_SUE "SHARE UPDATE EXCLUSIVE (writes continue)"

#define N_ONLINE "CONCURRENTLY, outside the transaction"
#define N_NOT_VALID "NOT VALID, then VALIDATE outside the transaction"
#define N_NOT_NULL "proved by a CHECK validated outside the transaction"

/* ---- output ------------------------------------------------------------- */

static int emit(strata_sql_list *l, strata_buf *b, uint32_t flags,
                const char *lock, const char *note)
{
    return drv_sql_emit(pg_host, l, b, flags, lock, note, NULL);
}

static int put(strata_buf *b, const char *s)
{
    return s ? pg_host->buf_append(b, s, strlen(s)) : STRATA_OK;
}

/* "name" with each " doubled: always quoted, since the core folds
 * unquoted names and keeps quoted ones exact. */
static int qi(strata_buf *b, const char *name)
{
    return drv_quote(pg_host, b, name, '"');
}

/* ["schema".]"name" */
static int qname(strata_buf *b, const char *schema, const char *name)
{
    if (schema && *schema && (qi(b, schema) || put(b, ".")))
        return STRATA_ERR_NOMEM;
    return qi(b, name);
}

/* The table an operation changes. */
static const char *op_table(const strata_op *op)
{
    if (op->table)
        return op->table;
    return op->index ? op->index->table : NULL;
}

/* ALTER TABLE ["schema".]"t" */
static int alter(strata_buf *b, const strata_op *op)
{
    return put(b, "ALTER TABLE ") || qname(b, op->schema, op_table(op))
               ? STRATA_ERR_NOMEM
               : STRATA_OK;
}

/* ---- names -------------------------------------------------------------- */

/* The name PostgreSQL derives for an unnamed constraint (the core
 * always names them; this covers a caller that did not). */
static int derived_name(strata_buf *b, const char *table,
                        const strata_constraint *k)
{
    char *col = NULL;
    int rc;

    /* a CHECK after the one column it references */
    if (k->kind == STRATA_CON_CHECK &&
        strata_abi_check_column(pg_host, k->check, NULL, 0, 0, &col))
        return STRATA_ERR_NOMEM;
    rc = strata_abi_constraint_name(
        pg_host, b, k->kind, table,
        k->kind == STRATA_CON_CHECK ? (const char *const *)&col
                                    : (const char *const *)k->columns,
        k->kind == STRATA_CON_CHECK ? col != NULL : k->ncolumns, 0,
        strata_abi_name_max(PG_IDENT_MAX));
    pg_host->free(col);
    return rc;
}

/* CONSTRAINT "name" */
static int con_name(strata_buf *b, const char *table,
                    const strata_constraint *k)
{
    strata_buf d = {0};
    int rc = put(b, "CONSTRAINT ");

    if (rc)
        return rc;
    if (k->name && *k->name)
        return qi(b, k->name);
    rc = derived_name(&d, table, k);
    if (!rc)
        rc = qi(b, d.data);
    pg_host->buf_free(&d);
    return rc;
}

/* ---- types, columns, constraints ---------------------------------------- */

/* written: a dialect section's type, as it is. */
static int put_type(strata_buf *b, const char *type, int written)
{
    size_t n;
    int serial;
    const char *t = pg_type_map(type, written, &n, &serial);

    return n ? pg_host->buf_append(b, t, n) : STRATA_OK;
}

/* serial and its kin: adding one fills every row from the sequence. */
static int is_serial(const strata_column *col)
{
    size_t n;
    int serial;

    pg_type_map(col->type, 0, &n, &serial);
    return serial;
}

/* "name" type [NOT NULL] [DEFAULT expr] */
static int put_column(strata_buf *b, const strata_column *col, int written)
{
    int rc = qi(b, col->name);

    if (!rc && col->type && *col->type) {
        rc = put(b, " ");
        if (!rc)
            rc = put_type(b, col->type, written);
    }
    if (!rc && (col->notnull || col->pk))
        rc = put(b, " NOT NULL");
    if (!rc && col->default_expr) {
        rc = put(b, " DEFAULT ");
        if (!rc)
            rc = put(b, col->default_expr);
    }
    return rc;
}

/* CONSTRAINT "n" <body>: the table form, or (inline) the column form
 * written inside a column's definition. */
static int put_con(strata_buf *b, const char *table,
                   const strata_constraint *k, int inl)
{
    int rc = con_name(b, table, k);

    return rc ? rc : drv_con_body(pg_host, b, k, inl, '"');
}

/* "SHARE ROW EXCLUSIVE on "r" ..." for the tables foreign keys in
 * cons[0..n) reference, or NULL (host memory). */
static char *fk_lock(const strata_constraint *cons, size_t n,
                     const char *what)
{
    strata_buf b = {0};
    size_t nfk = 0;

    for (size_t i = 0; i < n; i++) {
        if (cons[i].kind != STRATA_CON_FOREIGN_KEY || !cons[i].ref_table)
            continue;
        if (put(&b, nfk++ ? ", " : "") || qi(&b, cons[i].ref_table))
            goto oom;
    }
    if (!nfk)
        return NULL;
    if (pg_host->buf_printf(&b, " %s", what))
        goto oom;
    return b.data;
oom:
    pg_host->buf_free(&b);
    return NULL;
}

/* ---- the catalog, as earlier operations of this call leave it ----------- */

typedef struct rctx {
    strata_conn *c;
    const strata_op *ops;
    size_t at; /* the operation being rendered */
    const strata_table *cat;
    int exists; /* the table was there before the operations */
    strata_sql_list *out;
} rctx;

static int has_name(char *const *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] && strcmp(v[i], name) == 0)
            return 1;
    return 0;
}

/* The catalog's constraint name, unless an earlier operation of this
 * call dropped it (directly, or with a column it covers) or added it. */
static const strata_constraint *live_con(const rctx *r, const char *name)
{
    const strata_constraint *k = NULL;

    for (size_t i = 0; r->exists && name && i < r->cat->nconstraints; i++)
        if (r->cat->constraints[i].name &&
            strcmp(r->cat->constraints[i].name, name) == 0)
            k = &r->cat->constraints[i];
    for (size_t i = 0; k && i < r->at; i++) {
        const strata_op *op = &r->ops[i];

        if ((op->kind == STRATA_OP_DROP_CONSTRAINT && op->name &&
             strcmp(op->name, name) == 0) ||
            (op->kind == STRATA_OP_DROP_COLUMN && op->name &&
             has_name(k->columns, k->ncolumns, op->name)) ||
            (op->kind == STRATA_OP_ADD_CONSTRAINT && op->nconstraints &&
             op->constraints[0].name &&
             strcmp(op->constraints[0].name, name) == 0))
            return NULL;
    }
    return k;
}

/* Did the column exist before this call, and still does? */
static int live_col(const rctx *r, const char *name)
{
    int found = 0;

    for (size_t i = 0; r->exists && name && i < r->cat->ncolumns; i++)
        if (r->cat->columns[i].name &&
            strcmp(r->cat->columns[i].name, name) == 0)
            found = 1;
    for (size_t i = 0; found && i < r->at; i++)
        if (r->ops[i].kind == STRATA_OP_DROP_COLUMN && r->ops[i].name &&
            strcmp(r->ops[i].name, name) == 0)
            return 0;
    return found;
}

static const strata_index *live_index(const rctx *r, const char *name)
{
    for (size_t i = 0; r->exists && name && i < r->cat->nindexes; i++)
        if (r->cat->indexes[i].name &&
            strcmp(r->cat->indexes[i].name, name) == 0)
            return &r->cat->indexes[i];
    return NULL;
}

/* ---- operations --------------------------------------------------------- */

static int out_emit(rctx *r, strata_buf *b, uint32_t flags,
                    const char *lock, const char *note)
{
    return emit(r->out, b, flags, lock, note);
}

static int render_create_table(rctx *r, const strata_op *op)
{
    const char *table = op->table;
    const strata_constraint *pk = NULL;
    strata_buf b = {0};
    char *lock;
    size_t i, npk = 0;
    int rc;

    for (i = 0; i < op->nconstraints; i++) {
        if (op->constraints[i].kind == STRATA_CON_PRIMARY_KEY)
            pk = &op->constraints[i];
    }
    /* A dialect section's table as written: PostgreSQL names its
     * unnamed constraints itself. */
    if (drv_as_written(op)) {
        rc = drv_put_written(pg_host, &b, op);
        goto done;
    }
    rc = put(&b, op->if_exists ? "CREATE TABLE IF NOT EXISTS "
                               : "CREATE TABLE ");
    if (!rc)
        rc = qname(&b, op->schema, table);
    if (!rc)
        rc = put(&b, " (");
    for (i = 0; !rc && i < op->ncolumns; i++) {
        rc = put(&b, i ? ", " : "");
        if (!rc)
            rc = put_column(&b, &op->columns[i], 0);
        if (op->columns[i].pk > 0)
            npk++;
    }
    /* Every constraint as a named table constraint: the name is the
     * one the core derived, PostgreSQL's own. */
    for (i = 0; !rc && i < op->nconstraints; i++) {
        rc = put(&b, ", ");
        if (!rc)
            rc = put_con(&b, table, &op->constraints[i], 0);
    }
    if (!rc && !pk && npk) {
        /* Key positions from the columns alone: t_pkey over them. */
        strata_constraint k = {.kind = STRATA_CON_PRIMARY_KEY};
        char **names = pg_host->alloc(npk * sizeof *names);

        if (!names) {
            pg_host->buf_free(&b);
            return drv_nomem(r->c);
        }
        for (i = 0; i < op->ncolumns; i++)
            if (op->columns[i].pk > 0 && (size_t)op->columns[i].pk <= npk)
                names[op->columns[i].pk - 1] = op->columns[i].name;
        for (i = 0; i < npk; i++)
            if (!names[i])
                names[i] = (char *)"";
        k.columns = names;
        k.ncolumns = npk;
        rc = put(&b, ", ");
        if (!rc)
            rc = put_con(&b, table, &k, 0);
        pg_host->free(names);
    }
    if (!rc)
        rc = put(&b, ")");
done:
    /* A new table blocks no one; its foreign keys lock their targets. */
    lock = fk_lock(op->constraints, op->nconstraints,
                   "SHARE ROW EXCLUSIVE (blocks writes, briefly)");
    if (!rc)
        rc = out_emit(r, &b, 0, lock, NULL);
    pg_host->free(lock);
    pg_host->buf_free(&b);
    return rc ? drv_nomem(r->c) : STRATA_OK;
}

static int render_add_column(rctx *r, const strata_op *op)
{
    const strata_column *col = &op->columns[0];
    const char *table = op_table(op);
    strata_buf b = {0};
    const char *lock = L_BRIEF;
    char *fk;
    int rc, checked = op->nconstraints > 0;

    /* Inline, in one statement: the column and its constraints arrive
     * together or not at all, so a re-run never finds the column
     * without them. */
    rc = alter(&b, op) ||
         put(&b, op->if_exists ? " ADD COLUMN IF NOT EXISTS "
                               : " ADD COLUMN ") ||
         put_column(&b, col, drv_as_written(op));
    for (size_t i = 0; !rc && i < op->nconstraints; i++) {
        rc = put(&b, " ");
        if (!rc)
            rc = put_con(&b, table, &op->constraints[i], 1);
    }
    if (rc) {
        pg_host->buf_free(&b);
        return drv_nomem(r->c);
    }
    if (is_serial(col))
        lock = L_REWRITE;
    else if (checked && r->exists)
        lock = L_SCAN;
    fk = fk_lock(op->constraints, op->nconstraints,
                 "SHARE ROW EXCLUSIVE (blocks writes)");
    if (fk) {
        char *both = NULL;
        strata_buf l = {0};

        if (!pg_host->buf_printf(&l, "%s; %s", lock, fk))
            both = l.data;
        else
            pg_host->buf_free(&l);
        pg_host->free(fk);
        fk = both;
    }
    rc = out_emit(r, &b, 0, fk ? fk : lock, NULL);
    pg_host->free(fk);
    pg_host->buf_free(&b);
    return rc ? drv_nomem(r->c) : STRATA_OK;
}

/* ALTER TABLE t VALIDATE CONSTRAINT "n": its own autocommit step, so
 * that the scan holds only SHARE UPDATE EXCLUSIVE, after the commit of
 * the brief lock that added it. */
static int emit_validate(rctx *r, const strata_op *op, const char *name,
                         const char *lock, const char *note)
{
    strata_buf b = {0};
    int rc = alter(&b, op) || put(&b, " VALIDATE CONSTRAINT ") ||
             qi(&b, name) ||
             out_emit(r, &b, STRATA_SQL_AUTOCOMMIT, lock, note);

    pg_host->buf_free(&b);
    return rc ? drv_nomem(r->c) : STRATA_OK;
}

static int render_add_constraint(rctx *r, const strata_op *op)
{
    const strata_constraint *k = &op->constraints[0];
    const strata_constraint *live;
    const char *table = op_table(op);
    int fk, online, rc = STRATA_OK;
    char *lock = NULL, *vlock = NULL;
    const char *add_lock;
    strata_buf b = {0}, n = {0};

    fk = k->kind == STRATA_CON_FOREIGN_KEY;
    /* op->online: the table existed before this migration (a table it
     * created has no rows to scan and no one waiting on it). */
    online = r->exists && op->online && (fk || k->kind == STRATA_CON_CHECK);
    if (!online) {
        /* A new table has no rows to scan; UNIQUE and PRIMARY KEY build
         * their index under the lock (lint suggests a CONCURRENTLY
         * index first). */
        rc = alter(&b, op) || put(&b, " ADD ") ||
             put_con(&b, table, k, 0) ||
             out_emit(r, &b, 0,
                      !r->exists ? L_BRIEF
                      : fk || k->kind == STRATA_CON_CHECK ? L_SCAN
                                                          : L_UNIQUE,
                      NULL);
        pg_host->buf_free(&b);
        return rc ? drv_nomem(r->c) : STRATA_OK;
    }
    if (!k->name || !*k->name) {
        if (derived_name(&n, table, k))
            return drv_nomem(r->c);
    } else if (put(&n, k->name)) {
        return drv_nomem(r->c);
    }
    if (fk) {
        strata_buf l = {0};

        if (qi(&l, table) || put(&l, " and ") || qi(&l, k->ref_table) ||
            put(&l, ": SHARE ROW EXCLUSIVE (brief, no scan)"))
            rc = STRATA_ERR_NOMEM;
        lock = l.data;
        memset(&l, 0, sizeof l);
        if (!rc && (qi(&l, table) ||
                    put(&l, ": SHARE UPDATE EXCLUSIVE, ") ||
                    qi(&l, k->ref_table) ||
                    put(&l, ": ROW SHARE (writes continue)")))
            rc = STRATA_ERR_NOMEM;
        vlock = l.data;
        if (rc) {
            pg_host->free(lock);
            pg_host->free(vlock);
            pg_host->buf_free(&n);
            return drv_nomem(r->c);
        }
    }
    add_lock = fk ? lock : L_NOSCAN;
    /* Left NOT VALID by a run that stopped before validating: the
     * core's outcome is "validated", and VALIDATE is all that is
     * left. */
    live = live_con(r, n.data);
    if (!(live && live->not_valid && live->kind == k->kind)) {
        rc = alter(&b, op) || put(&b, " ADD ") ||
             put_con(&b, table, k, 0) || put(&b, " NOT VALID") ||
             out_emit(r, &b, 0, add_lock, N_NOT_VALID);
        pg_host->buf_free(&b);
        rc = rc ? drv_nomem(r->c) : STRATA_OK;
    }
    if (!rc)
        rc = emit_validate(r, op, n.data, fk ? vlock : L_SUE,
                           N_NOT_VALID);
    pg_host->free(lock);
    pg_host->free(vlock);
    pg_host->buf_free(&n);
    return rc;
}

/* SET NOT NULL on a table with rows: a CHECK (c IS NOT NULL) added NOT
 * VALID (brief), validated in its own step (SHARE UPDATE EXCLUSIVE),
 * then SET NOT NULL, which a valid CHECK proves without scanning under
 * ACCESS EXCLUSIVE (PG12+), then the CHECK dropped (docs/dialects.md §5).  A
 * helper left by an interrupted run is picked up where it stopped. */
static int render_set_not_null(rctx *r, const strata_op *op)
{
    const char *table = op_table(op);
    const strata_constraint *live;
    strata_buf b = {0}, n = {0};
    int rc;

    if (!r->exists || !op->online || !live_col(r, op->name)) {
        /* a new table or column: nothing to scan for long */
        rc = alter(&b, op) || put(&b, " ALTER COLUMN ") ||
             qi(&b, op->name) || put(&b, " SET NOT NULL") ||
             out_emit(r, &b, 0, L_BRIEF, NULL);
        pg_host->buf_free(&b);
        return rc ? drv_nomem(r->c) : STRATA_OK;
    }
    if (strata_abi_object_name(pg_host, &n, table, op->name, "not_null",
                               strata_abi_name_max(PG_IDENT_MAX)))
        goto nomem;
    live = live_con(r, n.data);
    if (!live) {
        if (alter(&b, op) || put(&b, " ADD CONSTRAINT ") ||
            qi(&b, n.data) || put(&b, " CHECK (") || qi(&b, op->name) ||
            put(&b, " IS NOT NULL) NOT VALID") ||
            out_emit(r, &b, 0, L_NOSCAN, N_NOT_NULL))
            goto nomem;
    }
    if ((!live || live->not_valid) &&
        emit_validate(r, op, n.data, L_SUE, N_NOT_NULL) != STRATA_OK)
        goto nomem;
    if (alter(&b, op) || put(&b, " ALTER COLUMN ") || qi(&b, op->name) ||
        put(&b, " SET NOT NULL") ||
        out_emit(r, &b, 0, L_NOSCAN, N_NOT_NULL) || alter(&b, op) ||
        put(&b, " DROP CONSTRAINT ") || qi(&b, n.data) ||
        out_emit(r, &b, 0, L_BRIEF, N_NOT_NULL))
        goto nomem;
    pg_host->buf_free(&n);
    return STRATA_OK;
nomem:
    pg_host->buf_free(&b);
    pg_host->buf_free(&n);
    return drv_nomem(r->c);
}

/* CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] "i" ON t (...)
 * [WHERE ...] */
static int put_index(strata_buf *b, const strata_op *op,
                     const strata_index *ix, const char *name, int online)
{
    int rc = put(b, ix->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");

    if (!rc && online)
        rc = put(b, "CONCURRENTLY ");
    if (!rc && op->if_exists)
        rc = put(b, "IF NOT EXISTS ");
    if (!rc)
        rc = qi(b, name);
    if (!rc)
        rc = put(b, " ON ");
    if (!rc)
        rc = qname(b, op->schema, op_table(op));
    return rc ? rc : drv_index_keys(pg_host, b, ix, '"');
}

static int render_create_index(rctx *r, const strata_op *op)
{
    const strata_index *ix = op->index, *live;
    const char *name = ix && ix->name ? ix->name : op->name;
    uint32_t flags = op->online ? STRATA_SQL_AUTOCOMMIT : 0;
    const char *note = op->online ? N_ONLINE : NULL;
    strata_buf b = {0};
    int rc = STRATA_OK;

    /* An INVALID index of that name is a CONCURRENTLY build that failed:
     * IF NOT EXISTS would skip it and a plain CREATE fail on it.  Drop
     * and build again (the core reports "rebuilt (was invalid)"). */
    live = live_index(r, name);
    if (live && live->invalid)
        rc = put(&b, op->online ? "DROP INDEX CONCURRENTLY IF EXISTS "
                                : "DROP INDEX IF EXISTS ") ||
             qname(&b, op->schema, name) ||
             out_emit(r, &b, flags, op->online ? L_SUE : L_BRIEF, note);
    if (!rc)
        rc = put_index(&b, op, ix, name, op->online) ||
             out_emit(r, &b, flags, op->online ? L_SUE : L_SHARE, note);
    pg_host->buf_free(&b);
    return rc ? drv_nomem(r->c) : STRATA_OK;
}

/* One operation into r->out. */
static int render_op(rctx *r, const strata_op *op)
{
    strata_buf b = {0};
    const char *lock = L_BRIEF, *note = NULL;
    uint32_t flags = 0;
    int rc = STRATA_OK;

    switch (op->kind) {
    case STRATA_OP_CREATE_TABLE:
        return render_create_table(r, op);
    case STRATA_OP_ADD_COLUMN:
        return render_add_column(r, op);
    case STRATA_OP_ADD_CONSTRAINT:
        return render_add_constraint(r, op);
    case STRATA_OP_SET_NOT_NULL:
        return render_set_not_null(r, op);
    case STRATA_OP_CREATE_INDEX:
        return render_create_index(r, op);
    case STRATA_OP_DROP_TABLE:
        lock = L_DROP;
        rc = put(&b, op->if_exists ? "DROP TABLE IF EXISTS " : "DROP TABLE ")
             || qname(&b, op->schema, op->table);
        break;
    case STRATA_OP_RENAME_TABLE:
        rc = alter(&b, op) || put(&b, " RENAME TO ") || qi(&b, op->new_name);
        break;
    case STRATA_OP_RENAME_COLUMN:
        rc = alter(&b, op) || put(&b, " RENAME COLUMN ") ||
             qi(&b, op->name) || put(&b, " TO ") || qi(&b, op->new_name);
        break;
    case STRATA_OP_DROP_COLUMN:
        rc = alter(&b, op) ||
             put(&b, op->if_exists ? " DROP COLUMN IF EXISTS "
                                   : " DROP COLUMN ") ||
             qi(&b, op->name);
        break;
    case STRATA_OP_DROP_NOT_NULL:
        rc = alter(&b, op) || put(&b, " ALTER COLUMN ") ||
             qi(&b, op->name) || put(&b, " DROP NOT NULL");
        break;
    case STRATA_OP_SET_DEFAULT:
        rc = alter(&b, op) || put(&b, " ALTER COLUMN ") ||
             qi(&b, op->name) || put(&b, " SET DEFAULT ") ||
             put(&b, op->default_expr);
        break;
    case STRATA_OP_DROP_DEFAULT:
        rc = alter(&b, op) || put(&b, " ALTER COLUMN ") ||
             qi(&b, op->name) || put(&b, " DROP DEFAULT");
        break;
    case STRATA_OP_ALTER_TYPE:
        lock = r->exists ? L_TYPE : L_BRIEF;
        rc = alter(&b, op) || put(&b, " ALTER COLUMN ") ||
             qi(&b, op->name) || put(&b, " TYPE ") ||
             put_type(&b, op->type, drv_as_written(op));
        break;
    case STRATA_OP_DROP_CONSTRAINT:
        rc = alter(&b, op) ||
             put(&b, op->if_exists ? " DROP CONSTRAINT IF EXISTS "
                                   : " DROP CONSTRAINT ") ||
             qi(&b, op->name);
        break;
    case STRATA_OP_DROP_INDEX:
        /* The index's schema is the one written, or the search path's;
         * DROP INDEX CONCURRENTLY takes one index and no CASCADE. */
        if (op->online) {
            flags = STRATA_SQL_AUTOCOMMIT;
            lock = L_SUE;
            note = N_ONLINE;
        }
        rc = put(&b, "DROP INDEX ") ||
             put(&b, op->online ? "CONCURRENTLY " : "") ||
             put(&b, op->if_exists ? "IF EXISTS " : "") ||
             qname(&b, op->schema, op->name);
        break;
    default:
        return pg_host->error(r->c, STRATA_ERR_INVALID, NULL,
                              "cannot render operation kind %d on "
                              "PostgreSQL",
                              op->kind);
    }
    if (!rc)
        rc = out_emit(r, &b, flags, lock, note);
    pg_host->buf_free(&b);
    return rc ? drv_nomem(r->c) : STRATA_OK;
}

/* ---- render() ----------------------------------------------------------- */

int pg_render(strata_conn *c, const strata_op *ops, size_t nops,
              const strata_table *catalog, strata_sql_list *out)
{
    strata_table none = {0};
    rctx r = {.c = c, .ops = ops, .out = out};
    int rc;

    if (!out)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "render: no output list");
    out->items = NULL;
    out->count = 0;
    if (!ops || !nops)
        return STRATA_OK;
    r.cat = catalog ? catalog : &none;
    r.exists = r.cat->exists;
    for (r.at = 0; r.at < nops; r.at++)
        if ((rc = render_op(&r, &ops[r.at])) != STRATA_OK) {
            strata_abi_sql_list_free(pg_host, out);
            return rc;
        }
    return STRATA_OK;
}
