/* render.c - portable operations as PostgreSQL statements, in the
 * online forms of DESIGN §4: indexes built and dropped CONCURRENTLY in
 * autocommit segments (an INVALID leftover dropped and built again),
 * CHECK and FOREIGN KEY on an existing table added NOT VALID and
 * validated in a step of their own, SET NOT NULL proved by a validated
 * CHECK, identity columns for serial, jsonb for json.  Each statement
 * says the lock it takes (DIALECTS §6) for `plan`.
 *
 * Decisions come from the catalog passed in, never from a query: c may
 * be unconnected (offline SQL). */
#include <string.h>
#include <strings.h>

#include "abi/free.h"
#include "pg.h"
#include "../common/clauses.h"
#include "../common/quote.h"
#include "../common/sqllist.h"

/* PostgreSQL's NAMEDATALEN - 1: longer names are truncated. */
#define PG_IDENT_MAX 63

/* Locks, as `plan` shows them (DIALECTS §6). */
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

/* How many of the first n bytes of s to keep so that no UTF-8 sequence
 * is cut (PostgreSQL's pg_mbcliplen). */
static size_t clip_utf8(const char *s, size_t n, size_t len)
{
    if (n >= len)
        return len;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* PostgreSQL's makeObjectName: name1[_name2]_label within 63 bytes,
 * shortening the longer of name1 and name2 first.  Into b. */
static int object_name(strata_buf *b, const char *name1, const char *name2,
                       const char *label)
{
    size_t n1 = strlen(name1), l1 = n1, n2 = name2 ? strlen(name2) : 0;
    size_t l2 = n2, over = strlen(label) + 1 + (name2 ? 1 : 0);
    size_t avail = PG_IDENT_MAX > over ? PG_IDENT_MAX - over : 0;

    while (n1 + n2 > avail) {
        if (n1 > n2)
            n1--;
        else
            n2--;
    }
    n1 = clip_utf8(name1, n1, l1);
    n2 = name2 ? clip_utf8(name2, n2, l2) : 0;
    if (pg_host->buf_append(b, name1, n1) ||
        (name2 && (pg_host->buf_append(b, "_", 1) ||
                   pg_host->buf_append(b, name2, n2))) ||
        pg_host->buf_printf(b, "_%s", label))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* The name PostgreSQL derives for an unnamed constraint (the core
 * always names them; this covers a caller that did not). */
static int derived_name(strata_buf *b, const char *table,
                        const strata_constraint *k)
{
    strata_buf cols = {0};
    const char *label = k->kind == STRATA_CON_PRIMARY_KEY ? "pkey"
                        : k->kind == STRATA_CON_UNIQUE    ? "key"
                        : k->kind == STRATA_CON_FOREIGN_KEY ? "fkey"
                                                            : "check";
    int rc = STRATA_OK;

    if (k->kind != STRATA_CON_PRIMARY_KEY &&
        (k->kind != STRATA_CON_CHECK || k->ncolumns == 1))
        for (size_t i = 0; rc == STRATA_OK && i < k->ncolumns; i++)
            rc = pg_host->buf_printf(&cols, "%s%s", i ? "_" : "",
                                     k->columns[i] ? k->columns[i] : "");
    if (rc == STRATA_OK)
        rc = object_name(b, table, cols.len ? cols.data : NULL, label);
    pg_host->buf_free(&cols);
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

static int put_type(strata_buf *b, const char *type, int *identity)
{
    size_t n;
    const char *t = pg_type_map(type, &n, identity);

    return n ? pg_host->buf_append(b, t, n) : STRATA_OK;
}

static int is_identity(const strata_column *col)
{
    size_t n;
    int identity;

    pg_type_map(col->type, &n, &identity);
    return identity || col->autoincrement;
}

/* "name" type [GENERATED BY DEFAULT AS IDENTITY] [NOT NULL]
 * [DEFAULT expr] */
static int put_column(strata_buf *b, const strata_column *col)
{
    int identity = 0, rc = qi(b, col->name);

    if (!rc && col->type && *col->type) {
        rc = put(b, " ");
        if (!rc)
            rc = put_type(b, col->type, &identity);
    }
    /* serial's sequence without serial's surprises: the identity is
     * owned by the column, and BY DEFAULT still takes explicit ids. */
    if (!rc && (identity || col->autoincrement))
        rc = put(b, " GENERATED BY DEFAULT AS IDENTITY");
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

static int bad_con(strata_conn *c, const char *table,
                   const strata_constraint *k)
{
    return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                          "constraint %s of table \"%s\": unknown kind %d",
                          k->name ? k->name : "(unnamed)",
                          table ? table : "", k->kind);
}

static int valid_kind(const strata_constraint *k)
{
    return k->kind >= STRATA_CON_PRIMARY_KEY &&
           k->kind <= STRATA_CON_FOREIGN_KEY;
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

    if (!op->ncolumns)
        return pg_host->error(r->c, STRATA_ERR_INVALID, NULL,
                              "CREATE TABLE \"%s\" has no column", table);
    for (i = 0; i < op->nconstraints; i++) {
        if (!valid_kind(&op->constraints[i]))
            return bad_con(r->c, table, &op->constraints[i]);
        if (op->constraints[i].kind == STRATA_CON_PRIMARY_KEY)
            pk = &op->constraints[i];
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
            rc = put_column(&b, &op->columns[i]);
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
    int rc, checked = 0;

    for (size_t i = 0; i < op->nconstraints; i++) {
        if (!valid_kind(&op->constraints[i]))
            return bad_con(r->c, table, &op->constraints[i]);
        checked = 1;
    }
    /* Inline, in one statement: the column and its constraints arrive
     * together or not at all, so a re-run never finds the column
     * without them. */
    rc = alter(&b, op) ||
         put(&b, op->if_exists ? " ADD COLUMN IF NOT EXISTS "
                               : " ADD COLUMN ") ||
         put_column(&b, col);
    for (size_t i = 0; !rc && i < op->nconstraints; i++) {
        rc = put(&b, " ");
        if (!rc)
            rc = put_con(&b, table, &op->constraints[i], 1);
    }
    if (rc) {
        pg_host->buf_free(&b);
        return drv_nomem(r->c);
    }
    if (is_identity(col))
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
    const strata_constraint *k = op->nconstraints ? &op->constraints[0]
                                                  : NULL;
    const strata_constraint *live;
    const char *table = op_table(op);
    int fk, online, rc = STRATA_OK;
    char *lock = NULL, *vlock = NULL;
    const char *add_lock;
    strata_buf b = {0}, n = {0};

    if (!k)
        return pg_host->error(r->c, STRATA_ERR_INVALID, NULL,
                              "ADD CONSTRAINT on \"%s\" adds nothing",
                              table);
    if (!valid_kind(k))
        return bad_con(r->c, table, k);
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
 * ACCESS EXCLUSIVE (PG12+), then the CHECK dropped (DIALECTS §3).  A
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
    if (object_name(&n, table, op->name, "not_null"))
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
    if (!rc)
        rc = put(b, " (");
    for (size_t k = 0; !rc && k < ix->nkeys; k++) {
        const strata_index_key *key = &ix->keys[k];

        rc = put(b, k ? ", " : "");
        if (!rc && key->column) {
            rc = qi(b, key->column);
        } else if (!rc) {
            rc = put(b, "(");
            if (!rc)
                rc = put(b, key->expr);
            if (!rc)
                rc = put(b, ")");
        }
        if (!rc && key->desc)
            rc = put(b, " DESC");
    }
    if (!rc)
        rc = put(b, ")");
    if (!rc && ix->where && *ix->where) {
        rc = put(b, " WHERE ");
        if (!rc)
            rc = put(b, ix->where);
    }
    return rc;
}

static int render_create_index(rctx *r, const strata_op *op)
{
    const strata_index *ix = op->index, *live;
    const char *name = ix && ix->name ? ix->name : op->name;
    uint32_t flags = op->online ? STRATA_SQL_AUTOCOMMIT : 0;
    const char *note = op->online ? N_ONLINE : NULL;
    strata_buf b = {0};
    int rc = STRATA_OK;

    if (!ix || !ix->nkeys || !name)
        return pg_host->error(r->c, STRATA_ERR_INVALID, NULL,
                              "CREATE INDEX %s has no key",
                              name ? name : "");
    for (size_t k = 0; k < ix->nkeys; k++)
        if (!ix->keys[k].column && !ix->keys[k].expr)
            return pg_host->error(r->c, STRATA_ERR_INVALID, NULL,
                                  "CREATE INDEX %s: key %zu is empty",
                                  name, k + 1);
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
    int rc = STRATA_OK, identity;

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
        if (!op->default_expr)
            return pg_host->error(r->c, STRATA_ERR_INVALID, NULL,
                                  "SET DEFAULT on \"%s\" without a value",
                                  op_table(op));
        rc = alter(&b, op) || put(&b, " ALTER COLUMN ") ||
             qi(&b, op->name) || put(&b, " SET DEFAULT ") ||
             put(&b, op->default_expr);
        break;
    case STRATA_OP_DROP_DEFAULT:
        rc = alter(&b, op) || put(&b, " ALTER COLUMN ") ||
             qi(&b, op->name) || put(&b, " DROP DEFAULT");
        break;
    case STRATA_OP_ALTER_TYPE:
        if (!op->type || !*op->type)
            return pg_host->error(r->c, STRATA_ERR_INVALID, NULL,
                                  "ALTER TYPE on \"%s\" without a type",
                                  op_table(op));
        lock = r->exists ? L_TYPE : L_BRIEF;
        rc = alter(&b, op) || put(&b, " ALTER COLUMN ") ||
             qi(&b, op->name) || put(&b, " TYPE ") ||
             put_type(&b, op->type, &identity);
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

static int check_op(strata_conn *c, const strata_op *op)
{
    const char *table = op_table(op);

    if (op->kind < STRATA_OP_CREATE_TABLE || op->kind > STRATA_OP_DROP_INDEX)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "cannot render operation kind %d on "
                              "PostgreSQL",
                              op->kind);
    if (!table && op->kind != STRATA_OP_DROP_INDEX)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "%s without a table", drv_op_word(op->kind));
    if ((op->kind == STRATA_OP_RENAME_COLUMN ||
         op->kind == STRATA_OP_RENAME_TABLE) && !op->new_name)
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "%s of \"%s\" without a new name",
                              drv_op_word(op->kind), table);
    if (op->kind == STRATA_OP_ADD_COLUMN &&
        (!op->columns || op->ncolumns != 1 || !op->columns[0].name))
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "ADD COLUMN on \"%s\" needs exactly one "
                              "column", table);
    if (!op->name && op->kind != STRATA_OP_CREATE_TABLE &&
        op->kind != STRATA_OP_DROP_TABLE &&
        op->kind != STRATA_OP_RENAME_TABLE &&
        op->kind != STRATA_OP_ADD_COLUMN &&
        op->kind != STRATA_OP_ADD_CONSTRAINT &&
        !(op->kind == STRATA_OP_CREATE_INDEX && op->index &&
          op->index->name))
        return pg_host->error(c, STRATA_ERR_INVALID, NULL,
                              "%s on \"%s\" names nothing",
                              drv_op_word(op->kind), table ? table : "");
    return STRATA_OK;
}

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
    for (size_t i = 0; i < nops; i++)
        if ((rc = check_op(c, &ops[i])) != STRATA_OK)
            return rc;
    r.cat = catalog ? catalog : &none;
    r.exists = r.cat->exists;
    for (r.at = 0; r.at < nops; r.at++)
        if ((rc = render_op(&r, &ops[r.at])) != STRATA_OK) {
            strata_abi_sql_list_free(pg_host, out);
            return rc;
        }
    return STRATA_OK;
}
