/* introspect.c - the live catalog of MySQL/MariaDB tables in neutral
 * structs, plus the small catalog questions the core asks (which table
 * an index is on, does a table exist).
 *
 * Four statements answer any number of tables, one per kind
 * (docs/dialects.md §3): COLUMNS, STATISTICS, TABLE_CONSTRAINTS joined with
 * KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS and CHECK_CONSTRAINTS, and
 * TRIGGERS.  What the server re-prints is brought back to what
 * migrations say: int(11) -> int, MariaDB's longtext + json_valid CHECK
 * -> json (the implied CHECK is not a constraint), PRIMARY -> <t>_pkey,
 * defaults and CHECK clauses as standard SQL. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abi/checkcol.h"
#include "abi/free.h"
#include "abi/name.h"
#include "my.h"
#include "../common/catalog.h"

static char *dup(const char *s)
{
    return my_host->strdup(s ? s : "");
}

/* ---- names -------------------------------------------------------------- */

int my_pkey_name(const char *table, char **out)
{
    strata_buf b = {0};

    if (strata_abi_constraint_name(my_host, &b, STRATA_CON_PRIMARY_KEY,
                                   table, NULL, 0, 0,
                                   strata_abi_name_max(MY_IDENT_MAX))) {
        my_host->buf_free(&b);
        return STRATA_ERR_NOMEM;
    }
    *out = b.data;
    return STRATA_OK;
}

/* ---- the queries -------------------------------------------------------- */

/* One raw constraint row set, gathered before it becomes a
 * strata_constraint (PRIMARY's name and MariaDB's implied json CHECK
 * are decided once the columns are known). */
typedef struct ictx {
    my_conn *q;
    strata_table *res;
    size_t n;
    strata_buf *sql;     /* per table: column lines of its CREATE TABLE */
    char **collation;    /* per table: its default collation */
    strata_table *last_t; /* constraint rows: the table and the server's
                           * name of the constraint being gathered */
    char *last_con;
    int oom;
} ictx;

static strata_table *find(ictx *x, const char *name, size_t *at)
{
    for (size_t i = 0; name && i < x->n; i++)
        if (x->res[i].name && strcmp(x->res[i].name, name) == 0) {
            if (at)
                *at = i;
            return &x->res[i];
        }
    return NULL;
}

static int has_word(const char *s, const char *w)
{
    size_t n = strlen(w);

    for (const char *p = s ? s : ""; *p; p++)
        if (strncasecmp(p, w, n) == 0)
            return 1;
    return 0;
}

/* Integer, fixed and floating types: MySQL 8 prints their defaults
 * bare, everything else's raw (unquoted) too. */
static int numeric_type(const char *t)
{
    static const char *const nums[] = {"tinyint", "smallint", "mediumint",
                                       "int", "bigint", "decimal", "float",
                                       "double", "bit", "year", "numeric",
                                       "real"};

    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        size_t n = strlen(nums[i]);

        if (strncasecmp(t, nums[i], n) == 0 &&
            (t[n] == '\0' || t[n] == '(' || t[n] == ' '))
            return 1;
    }
    return 0;
}

/* COLUMN_DEFAULT as standard SQL (MariaDB >= 10.2.7 prints SQL: 'x',
 * 1.50, current_timestamp(6), the string NULL for DEFAULT NULL; MySQL 8
 * the raw value, expressions marked DEFAULT_GENERATED). *out = NULL
 * for none.  *sql = its MySQL spelling for the CREATE TABLE text. */
static int norm_default(const my_conn *q, const char *type, const char *raw,
                        const char *extra, char **out, strata_buf *sql)
{
    strata_buf b = {0};
    int rc = STRATA_OK, expr;

    *out = NULL;
    if (!raw || (!q->mysql8 && strcasecmp(raw, "NULL") == 0))
        return STRATA_OK;
    expr = !q->mysql8 || has_word(extra, "DEFAULT_GENERATED");
    if (!expr && !numeric_type(type)) {
        /* MySQL 8 literal: the value itself */
        rc = my_ql(&b, raw, 0) || my_ql(sql, raw, 1);
    } else if (!expr) {
        rc = my_host->buf_append(&b, raw, strlen(raw)) ||
             my_host->buf_append(sql, raw, strlen(raw));
    } else {
        rc = my_expr_from_mysql(&b, raw);
        if (!rc && strncasecmp(b.data ? b.data : "", "utc_timestamp", 13) &&
            my_is_current_timestamp(b.data ? b.data : "")) {
            b.len = 0;
            rc = my_host->buf_append(&b, "CURRENT_TIMESTAMP", 17);
        }
        if (!rc) {
            int bare = q->mysql8 ? my_is_current_timestamp(raw) : 1;

            rc = (!bare && my_host->buf_append(sql, "(", 1)) ||
                 my_host->buf_append(sql, raw, strlen(raw)) ||
                 (!bare && my_host->buf_append(sql, ")", 1));
        }
    }
    if (rc) {
        my_host->buf_free(&b);
        return STRATA_ERR_NOMEM;
    }
    *out = b.data ? b.data : dup("");
    return *out ? STRATA_OK : STRATA_ERR_NOMEM;
}

/* COLUMNS: TABLE_NAME TABLE_TYPE COLUMN_NAME COLUMN_TYPE IS_NULLABLE
 * COLUMN_DEFAULT EXTRA GENERATION_EXPRESSION CHARACTER_SET_NAME
 * COLLATION_NAME COLUMN_COMMENT TABLE_COLLATION */
static int column_row(void *payload, int ncols, const char *const *v,
                      const char *const *names)
{
    ictx *x = payload;
    size_t at;
    strata_table *t = find(x, v[0], &at);
    strata_column *col;
    strata_buf *s;
    strata_buf type = {0}, def = {0};
    const char *extra = v[6] ? v[6] : "";
    int rc = STRATA_OK;

    (void)names;
    if (ncols < 12 || !t)
        return 0;
    if (!v[1] || (strcmp(v[1], "BASE TABLE") != 0 &&
                  strcmp(v[1], "SYSTEM VERSIONED") != 0))
        return 0; /* a view is no table to alter */
    t->exists = 1;
    if (!x->collation[at] && v[11] && !(x->collation[at] = dup(v[11])))
        goto oom;
    if (!v[2])
        return 0;
    s = &x->sql[at];
    if (!(col = drv_grow(my_host, &t->columns, &t->ncolumns, sizeof *col)) ||
        !(col->name = dup(v[2])) ||
        my_type_canon(&type, v[3] ? v[3] : "") ||
        !(col->type = type.data ? type.data : dup("")))
        goto oom;
    memset(&type, 0, sizeof type);
    col->notnull = v[4] && strcmp(v[4], "NO") == 0;
    col->autoincrement = has_word(extra, "auto_increment");
    col->generated = has_word(extra, "GENERATED") && v[7] && *v[7];
    if (!col->generated &&
        norm_default(x->q, col->type, v[5], extra, &col->default_expr,
                     &def))
        goto oom;
    /* Its line in the CREATE TABLE text: what MODIFY COLUMN must keep
     * besides type, nullability and default. */
    rc = my_host->buf_printf(s, "%s  ", s->len ? ",\n" : "");
    rc = rc || my_qi(s, v[2]) ||
         my_host->buf_printf(s, " %s", v[3] ? v[3] : "");
    if (!rc && v[8] && v[9] &&
        (!x->collation[at] || strcmp(v[9], x->collation[at]) != 0))
        rc = my_host->buf_printf(s, " CHARACTER SET %s COLLATE %s", v[8],
                                 v[9]);
    if (!rc && col->generated)
        rc = my_host->buf_printf(s, " GENERATED ALWAYS AS (%s) %s", v[7],
                                 has_word(extra, "STORED") ? "STORED"
                                                           : "VIRTUAL");
    if (!rc && col->notnull)
        rc = my_host->buf_printf(s, " NOT NULL");
    if (!rc && def.len)
        rc = my_host->buf_printf(s, " DEFAULT %s", def.data);
    if (!rc && has_word(extra, "on update")) {
        const char *p = extra;

        while (strncasecmp(p, "on update", 9) != 0)
            p++;
        rc = my_host->buf_printf(s, " ON UPDATE %s", p + 10);
    }
    if (!rc && col->autoincrement)
        rc = my_host->buf_printf(s, " AUTO_INCREMENT");
    if (!rc && has_word(extra, "INVISIBLE"))
        rc = my_host->buf_printf(s, " INVISIBLE");
    if (!rc && v[10] && *v[10])
        rc = my_host->buf_printf(s, " COMMENT ") || my_ql(s, v[10], 1);
    my_host->buf_free(&def);
    if (rc)
        goto oom;
    return 0;
oom:
    my_host->buf_free(&type);
    my_host->buf_free(&def);
    x->oom = 1;
    return 1;
}

/* STATISTICS: TABLE_NAME INDEX_NAME NON_UNIQUE SEQ_IN_INDEX COLUMN_NAME
 * SUB_PART COLLATION INDEX_TYPE EXPRESSION, one row per key part. */
static int index_row(void *payload, int ncols, const char *const *v,
                     const char *const *names)
{
    ictx *x = payload;
    strata_table *t = find(x, v[0], NULL);
    strata_index *ix;
    strata_index_key *key;
    strata_buf e = {0};
    int primary;

    (void)names;
    if (ncols < 9 || !t || !t->exists || !v[1])
        return 0;
    primary = strcmp(v[1], "PRIMARY") == 0;
    ix = t->nindexes ? &t->indexes[t->nindexes - 1] : NULL;
    if (!ix || !ix->sql || strcmp(ix->sql, v[1]) != 0) {
        /* ix->sql holds the server's name until the end (PRIMARY) */
        if (!(ix = drv_grow(my_host, &t->indexes, &t->nindexes, sizeof *ix)) ||
            !(ix->sql = dup(v[1])) || !(ix->table = dup(t->name)))
            goto oom;
        if (primary ? my_pkey_name(t->name, &ix->name)
                    : !(ix->name = dup(v[1])))
            goto oom;
        ix->unique = v[2] && strcmp(v[2], "0") == 0;
        ix->constraint = primary || ix->unique;
    }
    if (!(key = drv_grow(my_host, &ix->keys, &ix->nkeys, sizeof *key)))
        goto oom;
    key->desc = v[6] && strcmp(v[6], "D") == 0;
    if (v[4] && !v[5]) {
        if (!(key->column = dup(v[4])))
            goto oom;
    } else if (v[4]) {
        /* a prefix (SUB_PART) is no portable key: an expression that
         * compares equal to no column */
        if (my_host->buf_printf(&e, "%s(%s)", v[4], v[5]))
            goto oom;
        key->expr = e.data;
    } else {
        if (my_expr_from_mysql(&e, v[8] ? v[8] : "?"))
            goto oom;
        key->expr = e.data ? e.data : dup("?");
        if (!key->expr)
            goto oom;
    }
    return 0;
oom:
    my_host->buf_free(&e);
    x->oom = 1;
    return 1;
}

/* A foreign key action as the catalog spells it; RESTRICT and NO
 * ACTION are NULL: InnoDB checks both at once, and MariaDB reports
 * RESTRICT when none was written. */
static int action(const char *rule, char **out)
{
    *out = NULL;
    if (!rule || strcmp(rule, "RESTRICT") == 0 ||
        strcmp(rule, "NO ACTION") == 0)
        return STRATA_OK;
    return (*out = dup(rule)) ? STRATA_OK : STRATA_ERR_NOMEM;
}

static int strv_add(char ***v, size_t *n, const char *s)
{
    char **slot = drv_grow(my_host, v, n, sizeof *slot);

    return slot && (*slot = dup(s)) ? STRATA_OK : STRATA_ERR_NOMEM;
}

/* TABLE_CONSTRAINTS: TABLE_NAME CONSTRAINT_NAME CONSTRAINT_TYPE
 * ORDINAL_POSITION COLUMN_NAME REFERENCED_TABLE_NAME
 * REFERENCED_COLUMN_NAME UPDATE_RULE DELETE_RULE CHECK_CLAUSE LEVEL, one
 * row per key column (CHECK: one row). */
static int constraint_row(void *payload, int ncols, const char *const *v,
                          const char *const *names)
{
    ictx *x = payload;
    strata_table *t = find(x, v[0], NULL);
    strata_constraint *k;
    const char *type = v[2] ? v[2] : "";
    int kind;

    (void)names;
    if (ncols < 11 || !t || !t->exists || !v[1])
        return 0;
    kind = strcmp(type, "PRIMARY KEY") == 0   ? STRATA_CON_PRIMARY_KEY
           : strcmp(type, "UNIQUE") == 0      ? STRATA_CON_UNIQUE
           : strcmp(type, "FOREIGN KEY") == 0 ? STRATA_CON_FOREIGN_KEY
           : strcmp(type, "CHECK") == 0       ? STRATA_CON_CHECK
                                              : 0;
    if (!kind)
        return 0;
    k = t->nconstraints ? &t->constraints[t->nconstraints - 1] : NULL;
    if (!k || k->kind != kind || x->last_t != t || !x->last_con ||
        strcmp(x->last_con, v[1]) != 0) {
        my_host->free(x->last_con);
        x->last_t = t;
        if (!(x->last_con = dup(v[1])))
            goto oom;
        if (!(k = drv_grow(my_host, &t->constraints, &t->nconstraints,
                           sizeof *k)))
            goto oom;
        k->kind = kind;
        k->named = kind != STRATA_CON_PRIMARY_KEY;
        if (kind == STRATA_CON_PRIMARY_KEY ? my_pkey_name(t->name, &k->name)
                                           : !(k->name = dup(v[1])))
            goto oom;
        if (kind == STRATA_CON_FOREIGN_KEY &&
            (!(k->ref_table = dup(v[5])) || action(v[7], &k->on_update) ||
             action(v[8], &k->on_delete)))
            goto oom;
        if (kind == STRATA_CON_CHECK) {
            strata_buf e = {0};

            /* the raw clause rides in ref_table until the json pass */
            if (my_expr_from_mysql(&e, v[9] ? v[9] : "") ||
                !(k->ref_table = dup(v[9]))) {
                my_host->buf_free(&e);
                goto oom;
            }
            k->check = e.data ? e.data : dup("");
            if (!k->check)
                goto oom;
            /* MariaDB's CHECK written on a column, named after it:
             * its column, until finish_table names it */
            if (v[10] && strcmp(v[10], "Column") == 0 &&
                strv_add(&k->columns, &k->ncolumns, v[1]))
                goto oom;
            return 0;
        }
    }
    if (v[4] && strv_add(&k->columns, &k->ncolumns, v[4]))
        goto oom;
    if (kind == STRATA_CON_FOREIGN_KEY && v[6] &&
        strv_add(&k->ref_columns, &k->nref_columns, v[6]))
        goto oom;
    return 0;
oom:
    x->oom = 1;
    return 1;
}

/* TRIGGERS: EVENT_OBJECT_TABLE TRIGGER_NAME ACTION_TIMING
 * EVENT_MANIPULATION ACTION_STATEMENT */
static int trigger_row(void *payload, int ncols, const char *const *v,
                       const char *const *names)
{
    ictx *x = payload;
    strata_table *t = find(x, v[0], NULL);
    strata_object *o;
    strata_buf b = {0};

    (void)names;
    if (ncols < 5 || !t || !t->exists || !v[1])
        return 0;
    if (!(o = drv_grow(my_host, &t->triggers, &t->ntriggers, sizeof *o)) ||
        !(o->kind = dup("trigger")) || !(o->name = dup(v[1])) ||
        my_host->buf_printf(&b, "CREATE TRIGGER ") || my_qi(&b, v[1]) ||
        my_host->buf_printf(&b, " %s %s ON ", v[2] ? v[2] : "",
                            v[3] ? v[3] : "") ||
        my_qi(&b, t->name) ||
        my_host->buf_printf(&b, " FOR EACH ROW %s", v[4] ? v[4] : "")) {
        my_host->buf_free(&b);
        x->oom = 1;
        return 1;
    }
    o->sql = b.data;
    return 0;
}

/* ---- after the queries -------------------------------------------------- */

/* MariaDB's json is longtext with CHECK (json_valid(`c`)) named after
 * the column: the column's type is json, and that CHECK is implied,
 * not a constraint (docs/dialects.md §3). */
static int json_columns(strata_table *t)
{
    size_t i, k = 0;

    for (i = 0; i < t->nconstraints; i++) {
        strata_constraint *c = &t->constraints[i];
        strata_column *col = NULL;
        int implied = 0;

        if (c->kind == STRATA_CON_CHECK && c->ref_table) {
            for (size_t j = 0; j < t->ncolumns; j++)
                if (strcasecmp(t->columns[j].name, c->name) == 0)
                    col = &t->columns[j];
            if (col && strcmp(col->type, "longtext") == 0) {
                strata_buf want = {0};

                if (my_host->buf_printf(&want, "json_valid(") ||
                    my_qi(&want, col->name) ||
                    my_host->buf_printf(&want, ")"))
                    return STRATA_ERR_NOMEM;
                implied = strcmp(c->ref_table, want.data) == 0;
                my_host->buf_free(&want);
            }
        }
        if (c->kind == STRATA_CON_CHECK) {
            my_host->free(c->ref_table);
            c->ref_table = NULL;
        }
        if (implied) {
            char *json = dup("json");

            if (!json)
                return STRATA_ERR_NOMEM;
            my_host->free(col->type);
            col->type = json;
            strata_abi_constraint_free(my_host, c);
            continue;
        }
        t->constraints[k++] = *c;
    }
    t->nconstraints = k;
    return STRATA_OK;
}

/* Does a constraint of t carry name as written (a column CHECK's
 * column name aside)? */
static int name_written(const strata_table *t, const char *name)
{
    for (size_t i = 0; i < t->nconstraints; i++)
        if (t->constraints[i].named && t->constraints[i].name &&
            !(t->constraints[i].kind == STRATA_CON_CHECK &&
              t->constraints[i].ncolumns == 1) &&
            strcasecmp(t->constraints[i].name, name) == 0)
            return 1;
    return 0;
}

/* A CHECK MariaDB keeps on a column is named after the column and
 * cannot be dropped by that name: it gets the name PostgreSQL would
 * give it, <table>_<column>_check (after the one column it references),
 * unnamed, as a generic section's column CHECK has (render drops it
 * with MODIFY COLUMN). */
static int column_checks(strata_table *t)
{
    for (size_t i = 0; i < t->nconstraints; i++) {
        strata_constraint *k = &t->constraints[i];
        char *col = NULL;
        strata_buf b = {0};
        unsigned long n = 0;
        int rc;

        if (k->kind != STRATA_CON_CHECK || k->ncolumns != 1)
            continue;
        rc = strata_abi_check_column(my_host, k->check, NULL, 0, 1, &col);
        /* around the names written, as PostgreSQL steps (t_a_check1) */
        do {
            b.len = 0;
            rc = rc ? rc
                    : strata_abi_constraint_name(
                          my_host, &b, STRATA_CON_CHECK, t->name,
                          (const char *const *)&col, col != NULL, n++,
                          STRATA_ABI_NAME_MAX);
        } while (!rc && name_written(t, b.data));
        my_host->free(col);
        if (rc) {
            my_host->buf_free(&b);
            return STRATA_ERR_NOMEM;
        }
        my_host->free(k->name);
        k->name = b.data;
        k->named = 0;
    }
    return STRATA_OK;
}

static int finish_table(ictx *x, size_t at)
{
    strata_table *t = &x->res[at];
    strata_buf *s = &x->sql[at];
    size_t i, j;

    if (json_columns(t) || column_checks(t))
        return STRATA_ERR_NOMEM;
    for (i = 0; i < t->nconstraints; i++) {
        strata_constraint *k = &t->constraints[i];

        if (k->kind != STRATA_CON_PRIMARY_KEY)
            continue;
        for (j = 0; j < k->ncolumns; j++)
            for (size_t c = 0; c < t->ncolumns; c++)
                if (strcasecmp(t->columns[c].name, k->columns[j]) == 0) {
                    t->columns[c].pk = (int)j + 1;
                    t->columns[c].notnull = 1;
                }
    }
    /* Index definitions; a foreign key's own index (InnoDB creates one
     * named after it) backs that constraint. */
    for (i = 0; i < t->nindexes; i++) {
        strata_index *ix = &t->indexes[i];
        strata_buf b = {0};
        int primary = strcmp(ix->sql, "PRIMARY") == 0, rc;

        for (j = 0; j < t->nconstraints; j++)
            if (t->constraints[j].kind == STRATA_CON_FOREIGN_KEY &&
                strcmp(t->constraints[j].name, ix->name) == 0)
                ix->constraint = 1;
        rc = primary ? my_host->buf_printf(&b, "ALTER TABLE ")
                     : my_host->buf_printf(&b, "CREATE %sINDEX ",
                                           ix->unique ? "UNIQUE " : "");
        if (!rc && !primary)
            rc = my_qi(&b, ix->name) || my_host->buf_printf(&b, " ON ");
        rc = rc || my_qi(&b, t->name) ||
             my_host->buf_printf(&b, primary ? " ADD PRIMARY KEY (" : " (");
        for (j = 0; !rc && j < ix->nkeys; j++) {
            const strata_index_key *key = &ix->keys[j];

            rc = my_host->buf_printf(&b, "%s", j ? ", " : "");
            if (!rc && key->column)
                rc = my_qi(&b, key->column);
            else if (!rc)
                rc = my_host->buf_printf(&b, "(%s)", key->expr);
            if (!rc && key->desc)
                rc = my_host->buf_printf(&b, " DESC");
        }
        if (rc || my_host->buf_printf(&b, ")")) {
            my_host->buf_free(&b);
            return STRATA_ERR_NOMEM;
        }
        my_host->free(ix->sql);
        ix->sql = b.data;
    }
    /* The CREATE TABLE text: columns as the server keeps them (render
     * takes charset, ON UPDATE, INVISIBLE and COMMENT from it). */
    {
        strata_buf b = {0};

        if (my_host->buf_printf(&b, "CREATE TABLE ") ||
            my_qi(&b, t->name) ||
            my_host->buf_printf(&b, " (\n%s\n)", s->data ? s->data : "")) {
            my_host->buf_free(&b);
            return STRATA_ERR_NOMEM;
        }
        t->sql = b.data;
    }
    return STRATA_OK;
}

/* "'a', 'b'" for an IN list. */
static int in_list(strata_conn *c, const char *const *names, size_t n,
                   strata_buf *b)
{
    for (size_t i = 0; i < n; i++)
        if ((i && my_host->buf_append(b, ", ", 2)) ||
            my_ql(b, names[i] ? names[i] : "", my_backslashes(c)))
            return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* Run head + schema literal + mid + (IN list) + tail with cb. */
static int run_kind(ictx *x, const char *head, const char *mid,
                    const char *tail, const char *in, strata_row_cb cb)
{
    strata_conn *c = &x->q->base;
    strata_buf b = {0};
    int rc;

    rc = my_host->buf_printf(&b, "%s", head) ||
         my_ql(&b, x->q->database, my_backslashes(c)) ||
         my_host->buf_printf(&b, "%s(%s)%s", mid, in, tail);
    if (rc) {
        my_host->buf_free(&b);
        return drv_nomem(c);
    }
    rc = my_catalog_query(c, b.data, cb, x);
    my_host->buf_free(&b);
    if (rc == STRATA_ERR_USER || x->oom)
        return drv_nomem(c);
    return rc;
}

/* From this many tables on, introspect asks for hashed joins. */
#define MY_MANY_TABLES 64

int my_introspect(strata_conn *c, const char *const *tables, size_t n,
                  strata_table **out)
{
    my_conn *q = (my_conn *)c;
    ictx x = {.q = q};
    strata_buf in = {0}, stat = {0}, cons = {0};
    size_t i;
    int rc, jcl = 0;

    if (!out)
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "introspect: no output");
    *out = NULL;
    if (!q->m)
        return drv_not_connected(c, MY_SERVER);
    if (!n)
        return STRATA_OK;
    if (!tables)
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "introspect: no table names");
    if (!(x.res = my_host->alloc(n * sizeof *x.res)) ||
        !(x.sql = my_host->alloc(n * sizeof *x.sql)) ||
        !(x.collation = my_host->alloc(n * sizeof *x.collation))) {
        rc = drv_nomem(c);
        goto done;
    }
    x.n = n;
    for (i = 0; i < n; i++) {
        x.res[i].name = dup(tables[i]);
        DRV_ALLOC_GOTO(x.res[i].name, c, rc, done);
    }
    if (in_list(c, tables, n, &in)) {
        rc = drv_nomem(c);
        goto done;
    }
    /* MariaDB joins information_schema tables by nested loops: for a
     * whole schema (`schema dump`), 3 s on 1,000 tables; hashed join
     * buffers make it 0.4 s.  The session's setting comes back after.
     * Not for a few tables: two more round trips per migration. */
    if (!q->mysql8 && n >= MY_MANY_TABLES) {
        if ((rc = my_exec(c, "SET @strata_jcl = @@join_cache_level, "
                             "SESSION join_cache_level = "
                             "GREATEST(@@join_cache_level, 4)")) !=
            STRATA_OK)
            goto done;
        jcl = 1;
    }
    rc = run_kind(&x,
                  "SELECT t.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME, "
                  "c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA, "
                  "c.GENERATION_EXPRESSION, c.CHARACTER_SET_NAME, "
                  "c.COLLATION_NAME, c.COLUMN_COMMENT, t.TABLE_COLLATION "
                  "FROM information_schema.TABLES t "
                  "LEFT JOIN information_schema.COLUMNS c "
                  "ON c.TABLE_SCHEMA = t.TABLE_SCHEMA "
                  "AND c.TABLE_NAME = t.TABLE_NAME "
                  "WHERE t.TABLE_SCHEMA = ",
                  " AND t.TABLE_NAME IN ",
                  " ORDER BY t.TABLE_NAME, c.ORDINAL_POSITION", in.data,
                  column_row);
    if (rc)
        goto done;
    for (i = 0; i < n && !x.res[i].exists; i++)
        ;
    if (i == n)
        goto finish; /* none exists: nothing more to ask */
    /* MySQL >= 8.0.13 has functional key parts (EXPRESSION). */
    rc = my_host->buf_printf(
        &stat,
        "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, "
        "COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE, %s "
        "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ",
        q->mysql8 && q->version >= 80013 ? "EXPRESSION" : "NULL");
    /* CHECK_CONSTRAINTS: MariaDB >= 10.2.1 keys it by table too; MySQL
     * >= 8.0.16 only by schema and name (unique in a schema there). */
    rc = rc || my_host->buf_printf(
        &cons,
        "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, "
        "k.ORDINAL_POSITION, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, "
        "k.REFERENCED_COLUMN_NAME, rc.UPDATE_RULE, rc.DELETE_RULE, %s, %s "
        "FROM information_schema.TABLE_CONSTRAINTS tc "
        "LEFT JOIN information_schema.KEY_COLUMN_USAGE k "
        "ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
        "AND k.TABLE_NAME = tc.TABLE_NAME "
        "AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
        "LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc "
        "ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
        "AND rc.TABLE_NAME = tc.TABLE_NAME "
        "AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME %s"
        "WHERE tc.TABLE_SCHEMA = ",
        (q->mysql8 ? q->version >= 80016 : q->version >= 100201)
            ? "cc.CHECK_CLAUSE" : "NULL",
        !q->mysql8 && q->version >= 100510 ? "cc.LEVEL" : "NULL",
        !q->mysql8 && q->version >= 100201
            ? "LEFT JOIN information_schema.CHECK_CONSTRAINTS cc "
              "ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
              "AND cc.TABLE_NAME = tc.TABLE_NAME "
              "AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
              "AND tc.CONSTRAINT_TYPE = 'CHECK' "
        : q->mysql8 && q->version >= 80016
            ? "LEFT JOIN information_schema.CHECK_CONSTRAINTS cc "
              "ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
              "AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
              "AND tc.CONSTRAINT_TYPE = 'CHECK' "
            : "");
    if (rc) {
        rc = drv_nomem(c);
        goto done;
    }
    rc = run_kind(&x, stat.data, " AND TABLE_NAME IN ",
                  " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", in.data,
                  index_row);
    if (!rc)
        rc = run_kind(&x, cons.data, " AND tc.TABLE_NAME IN ",
                      " ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, "
                      "k.ORDINAL_POSITION",
                      in.data, constraint_row);
    if (!rc)
        rc = run_kind(&x,
                      "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, "
                      "ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT "
                      "FROM information_schema.TRIGGERS "
                      "WHERE TRIGGER_SCHEMA = ",
                      " AND EVENT_OBJECT_TABLE IN ",
                      " ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER", in.data,
                      trigger_row);
    if (rc)
        goto done;
finish:
    for (i = 0; i < n; i++)
        if (x.res[i].exists && finish_table(&x, i)) {
            rc = drv_nomem(c);
            goto done;
        }
done:
    if (jcl && my_exec(c, "SET SESSION join_cache_level = @strata_jcl") !=
                   STRATA_OK &&
        rc == STRATA_OK)
        rc = STRATA_ERR_DB;
    my_host->buf_free(&in);
    my_host->buf_free(&stat);
    my_host->buf_free(&cons);
    for (i = 0; x.sql && i < n; i++)
        my_host->buf_free(&x.sql[i]);
    my_host->free(x.sql);
    for (i = 0; x.collation && i < n; i++)
        my_host->free(x.collation[i]);
    my_host->free(x.collation);
    my_host->free(x.last_con);
    if (rc != STRATA_OK) {
        strata_abi_tables_free(my_host, x.res, n);
        return rc;
    }
    *out = x.res;
    return STRATA_OK;
}

/* ---- small questions ---------------------------------------------------- */

typedef struct names {
    char *first;
    size_t n;
    strata_buf all;
    int oom;
} names;

static int name_row(void *payload, int ncols, const char *const *v,
                    const char *const *cols)
{
    names *r = payload;

    (void)cols;
    if (ncols < 1 || !v[0])
        return 0;
    if (!r->n && !(r->first = dup(v[0])))
        r->oom = 1;
    if (my_host->buf_printf(&r->all, "%s%s", r->n ? ", " : "", v[0]))
        r->oom = 1;
    r->n++;
    return r->oom;
}

/* Index names are per table in MySQL: an index name on two tables is
 * refused rather than guessed. */
int my_index_table(strata_conn *c, const char *index, char **table)
{
    my_conn *q = (my_conn *)c;
    strata_buf b = {0};
    names r = {0};
    int rc;

    if (!table)
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "index_table: no output");
    *table = NULL;
    if (!q->m)
        return drv_not_connected(c, MY_SERVER);
    if (!index)
        return my_host->error(c, STRATA_ERR_INVALID, NULL, "no index name");
    if (my_host->buf_printf(&b, "SELECT DISTINCT TABLE_NAME FROM "
                                "information_schema.STATISTICS WHERE "
                                "TABLE_SCHEMA = ") ||
        my_ql(&b, q->database, my_backslashes(c)) ||
        my_host->buf_printf(&b, " AND INDEX_NAME = ") ||
        my_ql(&b, index, my_backslashes(c)) ||
        my_host->buf_printf(&b, " AND INDEX_NAME <> 'PRIMARY' "
                                "ORDER BY TABLE_NAME")) {
        my_host->buf_free(&b);
        return drv_nomem(c);
    }
    rc = my_catalog_query(c, b.data, name_row, &r);
    my_host->buf_free(&b);
    if (r.oom) /* name_row stopped the query: its status says "user" */
        rc = drv_nomem(c);
    else if (rc == STRATA_OK && r.n > 1)
        rc = my_host->error(c, STRATA_ERR_INVALID, NULL,
                            "index %s exists on several tables (%s): drop "
                            "it with ALTER TABLE t DROP INDEX %s in a "
                            "mysql section", index, r.all.data, index);
    if (rc == STRATA_OK) {
        *table = r.first;
        r.first = NULL;
    }
    my_host->free(r.first);
    my_host->buf_free(&r.all);
    return rc;
}

typedef struct answers {
    size_t n;
    unsigned char *out;
} answers;

/* Each row: the ordinal of a table that is there. */
static int ordinal_row(void *payload, int ncols, const char *const *v,
                       const char *const *cols)
{
    answers *a = payload;
    long i = ncols > 0 && v[0] ? strtol(v[0], NULL, 10) : 0;

    (void)cols;
    if (i >= 1 && (size_t)i <= a->n)
        a->out[i - 1] = 1;
    return 0;
}

/* tables_exist(): a query per name, joined in one statement (a UNION
 * ALL of them) rather than one IN list, so that each is answered as it
 * would be alone: MariaDB matches a constant TABLE_NAME against the
 * files. */
int my_tables_exist(strata_conn *c, const char *const *tables, size_t n,
                    unsigned char *out)
{
    my_conn *q = (my_conn *)c;
    strata_buf b = {0};
    answers a = {n, out};
    int rc;

    if (!q->m)
        return drv_not_connected(c, MY_SERVER);
    memset(out, 0, n);
    if (!n)
        return STRATA_OK;
    if ((rc = drv_names_given(c, "tables_exist", tables, n)) != STRATA_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (my_host->buf_printf(&b, "%sSELECT %zu FROM "
                                    "information_schema.TABLES WHERE "
                                    "TABLE_SCHEMA = ",
                                i ? " UNION ALL " : "", i + 1) ||
            my_ql(&b, q->database, my_backslashes(c)) ||
            my_host->buf_printf(&b, " AND TABLE_NAME = ") ||
            my_ql(&b, tables[i], my_backslashes(c))) {
            my_host->buf_free(&b);
            return drv_nomem(c);
        }
    }
    rc = my_catalog_query(c, b.data, ordinal_row, &a);
    my_host->buf_free(&b);
    return rc;
}

int my_table_exists(strata_conn *c, const char *table, int *out)
{
    return drv_table_exists_one(c, my_tables_exist, table, out);
}
