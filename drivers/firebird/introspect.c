/* introspect.c - the live catalog of Firebird tables in neutral structs,
 * from the RDB$ system tables: tables, columns (with their domains),
 * constraints and indexes with their segments, a few SELECTs for any
 * number of tables.  Names come back in strata's case (names.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abi/free.h"
#include "fb.h"
#include "../common/catalog.h"
#include "../common/conn.h"

typedef struct intro {
    fb_conn *f;
    const char *const *names;
    strata_table *t;
    size_t n;
    int oom;
} intro;

static strata_table *find(intro *x, const char *engine)
{
    char *s = fb_strata_name(engine);
    strata_table *hit = NULL;

    if (!s) {
        x->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < x->n && !hit; i++)
        if (strcasecmp(x->names[i], s) == 0)
            hit = &x->t[i];
    fb_host->free(s);
    return hit;
}

static char *dup(intro *x, const char *s)
{
    char *d;

    if (!s)
        return NULL;
    if (!(d = fb_host->strdup(s)))
        x->oom = 1;
    return d;
}

static char *sname(intro *x, const char *engine)
{
    char *d;

    if (!engine)
        return NULL;
    if (!(d = fb_strata_name(engine)))
        x->oom = 1;
    return d;
}

/* Text after a leading keyword (DEFAULT, CHECK), blanks dropped, and
 * one pair of outer parentheses when strip_parens. */
static char *after_word(intro *x, const char *s, const char *word,
                        int strip_parens)
{
    size_t n = strlen(word), len;

    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    if (strncasecmp(s, word, n) == 0)
        s += n;
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    len = strlen(s);
    while (len && strchr(" \n\t\r", s[len - 1]))
        len--;
    if (strip_parens && len >= 2 && s[0] == '(' && s[len - 1] == ')') {
        s++;
        len -= 2;
    }
    {
        char *d = fb_host->strndup(s, len);

        if (!d)
            x->oom = 1;
        return d;
    }
}

static int table_cb(void *p, int nc, const char *const *v,
                    const char *const *names)
{
    intro *x = p;
    strata_table *t = find(x, v[0]);

    (void)nc;
    (void)names;
    if (t)
        t->exists = 1;
    return x->oom;
}

/* Firebird's type of a column from RDB$FIELDS. */
static char *type_of(intro *x, const char *const *v)
{
    int type = atoi(v[2] ? v[2] : "0"), sub = atoi(v[3] ? v[3] : "0");
    int clen = atoi(v[5] ? v[5] : "0"), prec = atoi(v[6] ? v[6] : "0");
    int scale = -atoi(v[7] ? v[7] : "0");
    char buf[64];

    switch (type) {
    case 7:
    case 8:
    case 16:
        if (sub == 1 || sub == 2 || scale > 0)
            snprintf(buf, sizeof buf, "%s(%d,%d)",
                     sub == 2 ? "DECIMAL" : "NUMERIC",
                     prec ? prec : (type == 7 ? 4 : type == 8 ? 9 : 18),
                     scale);
        else
            snprintf(buf, sizeof buf, "%s",
                     type == 7 ? "SMALLINT" : type == 8 ? "INTEGER"
                                                        : "BIGINT");
        break;
    case 10: snprintf(buf, sizeof buf, "FLOAT"); break;
    case 27: snprintf(buf, sizeof buf, "DOUBLE PRECISION"); break;
    case 12: snprintf(buf, sizeof buf, "DATE"); break;
    case 13: snprintf(buf, sizeof buf, "TIME"); break;
    case 35: snprintf(buf, sizeof buf, "TIMESTAMP"); break;
    case 23: snprintf(buf, sizeof buf, "BOOLEAN"); break;
    case 14: snprintf(buf, sizeof buf, "CHAR(%d)", clen); break;
    case 37: snprintf(buf, sizeof buf, "VARCHAR(%d)", clen); break;
    case 261:
        snprintf(buf, sizeof buf, "BLOB SUB_TYPE %s",
                 sub == 1 ? "TEXT" : "BINARY");
        break;
    default: snprintf(buf, sizeof buf, "TYPE %d", type); break;
    }
    return dup(x, buf);
}

/* relation, field, type, subtype, length, char length, precision,
 * scale, null flag, default source, identity type, computed */
static int column_cb(void *p, int nc, const char *const *v,
                     const char *const *names)
{
    intro *x = p;
    strata_table *t = find(x, v[0]);
    strata_column *col;

    (void)nc;
    (void)names;
    if (!t)
        return x->oom;
    if (!(col = drv_grow(fb_host, &t->columns, &t->ncolumns, sizeof *col)))
        return x->oom = 1;
    col->name = sname(x, v[1]);
    col->type = type_of(x, v);
    col->notnull = v[8] && atoi(v[8]) != 0;
    col->default_expr = after_word(x, v[9], "DEFAULT", 0);
    col->autoincrement = v[10] != NULL;
    col->generated = v[11] && atoi(v[11]) != 0;
    return x->oom;
}

/* relation, constraint, type, index, referenced index, update rule,
 * delete rule, referenced relation, check source */
static int con_cb(void *p, int nc, const char *const *v,
                  const char *const *names)
{
    intro *x = p;
    strata_table *t = find(x, v[0]);
    strata_constraint *k;
    static const struct {
        const char *word;
        int kind;
    } kinds[] = {{"PRIMARY KEY", STRATA_CON_PRIMARY_KEY},
                 {"UNIQUE", STRATA_CON_UNIQUE},
                 {"FOREIGN KEY", STRATA_CON_FOREIGN_KEY},
                 {"CHECK", STRATA_CON_CHECK}};
    int kind = 0;

    (void)nc;
    (void)names;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (v[2] && !strcmp(v[2], kinds[i].word))
            kind = kinds[i].kind;
    if (!t || !kind)
        return x->oom;
    /* A CHECK is one constraint over two triggers (insert, update). */
    if (kind == STRATA_CON_CHECK && t->nconstraints) {
        char *nm = sname(x, v[1]);

        for (size_t i = 0; nm && i < t->nconstraints; i++)
            if (!strcmp(t->constraints[i].name, nm)) {
                fb_host->free(nm);
                return x->oom;
            }
        fb_host->free(nm);
    }
    if (!(k = drv_grow(fb_host, &t->constraints, &t->nconstraints,
                       sizeof *k)))
        return x->oom = 1;
    k->kind = kind;
    k->name = sname(x, v[1]);
    k->named = 1;
    /* index names ride in check until the segments are read */
    if (kind != STRATA_CON_CHECK)
        k->check = dup(x, v[3]);
    else
        k->check = after_word(x, v[8], "CHECK", 1);
    if (kind == STRATA_CON_FOREIGN_KEY) {
        k->ref_table = sname(x, v[7]);
        if (v[6] && strcmp(v[6], "RESTRICT") && strcmp(v[6], "NO ACTION"))
            k->on_delete = dup(x, v[6]);
        if (v[5] && strcmp(v[5], "RESTRICT") && strcmp(v[5], "NO ACTION"))
            k->on_update = dup(x, v[5]);
        if (v[4]) {
            char **slot = drv_grow(fb_host, &k->ref_columns,
                                   &k->nref_columns, sizeof *slot);

            if (!slot)
                return x->oom = 1;
            /* "@index" marks a slot to be replaced by that index's
             * columns */
            *slot = fb_host->alloc(strlen(v[4]) + 2);
            if (!*slot)
                return x->oom = 1;
            sprintf(*slot, "@%s", v[4]);
        }
    }
    return x->oom;
}

/* relation, index, unique, descending, expression, backs a constraint */
static int index_cb(void *p, int nc, const char *const *v,
                    const char *const *names)
{
    intro *x = p;
    strata_table *t = find(x, v[0]);
    strata_index *ix;

    (void)nc;
    (void)names;
    if (!t)
        return x->oom;
    if (!(ix = drv_grow(fb_host, &t->indexes, &t->nindexes, sizeof *ix)))
        return x->oom = 1;
    ix->name = sname(x, v[1]);
    ix->table = dup(x, t->name);
    ix->unique = v[2] && atoi(v[2]) == 1;
    ix->constraint = v[5] && atoi(v[5]) > 0;
    ix->invalid = v[6] && atoi(v[6]) == 1;
    if (v[4]) {
        strata_index_key *key = drv_grow(fb_host, &ix->keys, &ix->nkeys,
                                         sizeof *key);

        if (!key)
            return x->oom = 1;
        key->expr = after_word(x, v[4], "", 1);
        key->desc = v[3] && atoi(v[3]) == 1;
    }
    /* the descending flag for the column keys to come */
    ix->where = NULL;
    ix->sql = v[3] && atoi(v[3]) == 1 ? dup(x, "DESC") : NULL;
    return x->oom;
}

/* relation, index, field (ordered by index and position) */
static int seg_cb(void *p, int nc, const char *const *v,
                  const char *const *names)
{
    intro *x = p;
    strata_table *t = find(x, v[0]);
    char *ixname;

    (void)nc;
    (void)names;
    if (!t || !(ixname = sname(x, v[1])))
        return x->oom;
    for (size_t i = 0; i < t->nindexes; i++) {
        strata_index *ix = &t->indexes[i];
        strata_index_key *key;

        if (strcmp(ix->name, ixname))
            continue;
        if (!(key = drv_grow(fb_host, &ix->keys, &ix->nkeys, sizeof *key)))
            x->oom = 1;
        else {
            key->column = sname(x, v[2]);
            key->desc = ix->sql != NULL;
        }
    }
    fb_host->free(ixname);
    return x->oom;
}

/* ---- the SQL -------------------------------------------------------- */

/* Append IN ('A', 'B') of the tables' engine names. */
static int in_list(strata_buf *b, const char *const *tables, size_t n)
{
    int rc = fb_host->buf_printf(b, " IN (");

    for (size_t i = 0; rc == STRATA_OK && i < n; i++) {
        if (i)
            rc = fb_host->buf_printf(b, ", ");
        if (rc == STRATA_OK)
            rc = fb_put_name_literal(b, tables[i]);
    }
    return rc == STRATA_OK ? fb_host->buf_printf(b, ")") : rc;
}

static int run(intro *x, const char *head, const char *mid,
               const char *tail, strata_row_cb cb)
{
    strata_buf b = {0};
    int rc;

    if (fb_host->buf_printf(&b, "%s", head) ||
        in_list(&b, x->names, x->n) ||
        fb_host->buf_printf(&b, "%s", mid ? mid : "") ||
        (mid && in_list(&b, x->names, x->n)) ||
        fb_host->buf_printf(&b, "%s", tail)) {
        fb_host->buf_free(&b);
        return drv_nomem(&x->f->base);
    }
    rc = fb_query_in(x->f, &x->f->tr, b.data, cb, x);
    fb_host->buf_free(&b);
    if (x->oom)
        return drv_nomem(&x->f->base);
    return rc;
}

#define SQL_TABLES                                                          \
    "SELECT rdb$relation_name FROM rdb$relations "                         \
    "WHERE rdb$view_blr IS NULL AND rdb$relation_name"
#define SQL_COLUMNS                                                         \
    "SELECT rf.rdb$relation_name, rf.rdb$field_name, f.rdb$field_type, "   \
    "f.rdb$field_sub_type, f.rdb$field_length, f.rdb$character_length, "   \
    "f.rdb$field_precision, f.rdb$field_scale, "                           \
    "COALESCE(rf.rdb$null_flag, f.rdb$null_flag, 0), "                     \
    "CAST(COALESCE(rf.rdb$default_source, f.rdb$default_source) AS "       \
    "VARCHAR(8000)), rf.rdb$identity_type, "                               \
    "CASE WHEN f.rdb$computed_blr IS NULL THEN 0 ELSE 1 END "              \
    "FROM rdb$relation_fields rf JOIN rdb$fields f "                       \
    "ON f.rdb$field_name = rf.rdb$field_source WHERE rf.rdb$relation_name"
#define SQL_COLUMNS_END " ORDER BY rf.rdb$relation_name, rf.rdb$field_position"
#define SQL_CONS                                                            \
    "SELECT rc.rdb$relation_name, rc.rdb$constraint_name, "                \
    "TRIM(rc.rdb$constraint_type), rc.rdb$index_name, ru.rdb$index_name, "       \
    "TRIM(refc.rdb$update_rule), TRIM(refc.rdb$delete_rule), "             \
    "ru.rdb$relation_name, CAST(tr.rdb$trigger_source AS VARCHAR(8000)) "  \
    "FROM rdb$relation_constraints rc "                                    \
    "LEFT JOIN rdb$ref_constraints refc "                                  \
    "ON refc.rdb$constraint_name = rc.rdb$constraint_name "                \
    "LEFT JOIN rdb$relation_constraints ru "                               \
    "ON ru.rdb$constraint_name = refc.rdb$const_name_uq "                  \
    "LEFT JOIN rdb$check_constraints cc "                                  \
    "ON cc.rdb$constraint_name = rc.rdb$constraint_name "                  \
    "AND rc.rdb$constraint_type = 'CHECK' "                                \
    "LEFT JOIN rdb$triggers tr ON tr.rdb$trigger_name = cc.rdb$trigger_name " \
    "AND tr.rdb$trigger_type = 1 "                                         \
    "WHERE rc.rdb$relation_name"
#define SQL_CONS_END " ORDER BY rc.rdb$relation_name, rc.rdb$constraint_name"
#define SQL_INDEXES                                                         \
    "SELECT i.rdb$relation_name, i.rdb$index_name, "                       \
    "COALESCE(i.rdb$unique_flag, 0), COALESCE(i.rdb$index_type, 0), "      \
    "CAST(i.rdb$expression_source AS VARCHAR(8000)), "                     \
    "(SELECT COUNT(*) FROM rdb$relation_constraints rc "                   \
    "WHERE rc.rdb$index_name = i.rdb$index_name), "                        \
    "COALESCE(i.rdb$index_inactive, 0) "                                   \
    "FROM rdb$indices i WHERE COALESCE(i.rdb$system_flag, 0) = 0 "         \
    "AND i.rdb$relation_name"
#define SQL_INDEXES_END " ORDER BY i.rdb$relation_name, i.rdb$index_name"
#define SQL_SEGS                                                            \
    "SELECT i.rdb$relation_name, s.rdb$index_name, s.rdb$field_name "      \
    "FROM rdb$index_segments s JOIN rdb$indices i "                        \
    "ON i.rdb$index_name = s.rdb$index_name WHERE i.rdb$relation_name"
#define SQL_SEGS_END                                                        \
    " ORDER BY i.rdb$relation_name, s.rdb$index_name, s.rdb$field_position"

/* The columns of index ix_engine (an engine name) of any table read. */
static const strata_index *index_named(intro *x, const char *ix_engine)
{
    char *nm = fb_strata_name(ix_engine);
    const strata_index *hit = NULL;

    if (!nm) {
        x->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < x->n && !hit; i++)
        for (size_t k = 0; k < x->t[i].nindexes && !hit; k++)
            if (!strcmp(x->t[i].indexes[k].name, nm))
                hit = &x->t[i].indexes[k];
    fb_host->free(nm);
    return hit;
}

static int copy_cols(intro *x, const strata_index *ix, char ***out,
                     size_t *n)
{
    for (size_t k = 0; ix && k < ix->nkeys; k++) {
        char **slot = drv_grow(fb_host, out, n, sizeof *slot);

        if (!slot || !(*slot = dup(x, ix->keys[k].column ? ix->keys[k].column
                                                         : "")))
            return x->oom = 1;
    }
    return 0;
}

/* Constraint columns from their indexes; primary key positions; the
 * referenced columns of a foreign key to a table not read are read. */
static int finish(intro *x)
{
    for (size_t i = 0; i < x->n; i++) {
        strata_table *t = &x->t[i];

        for (size_t k = 0; k < t->nindexes; k++) {
            fb_host->free(t->indexes[k].sql);
            t->indexes[k].sql = NULL;
        }
        for (size_t c = 0; c < t->nconstraints; c++) {
            strata_constraint *k = &t->constraints[c];

            if (k->kind == STRATA_CON_CHECK)
                continue;
            if (copy_cols(x, index_named(x, k->check), &k->columns,
                          &k->ncolumns))
                return drv_nomem(&x->f->base);
            fb_host->free(k->check);
            k->check = NULL;
            if (k->kind == STRATA_CON_PRIMARY_KEY)
                for (size_t m = 0; m < k->ncolumns; m++)
                    for (size_t col = 0; col < t->ncolumns; col++)
                        if (!strcmp(t->columns[col].name, k->columns[m]))
                            t->columns[col].pk = (int)m + 1;
        }
    }
    return STRATA_OK;
}

typedef struct refq {
    intro *x;
    strata_constraint *k;
} refq;

static int ref_cb(void *p, int nc, const char *const *v,
                  const char *const *names)
{
    refq *r = p;
    char **slot;

    (void)nc;
    (void)names;
    if (!(slot = drv_grow(fb_host, &r->k->ref_columns, &r->k->nref_columns,
                          sizeof *slot)) ||
        !(*slot = sname(r->x, v[0])))
        return r->x->oom = 1;
    return 0;
}

/* Foreign keys' referenced columns: the "@INDEX" slot replaced by that
 * index's columns. */
static int ref_columns(intro *x)
{
    for (size_t i = 0; i < x->n; i++)
        for (size_t c = 0; c < x->t[i].nconstraints; c++) {
            strata_constraint *k = &x->t[i].constraints[c];
            strata_buf b = {0};
            refq r = {x, k};
            char *ixname;
            int rc;

            if (k->kind != STRATA_CON_FOREIGN_KEY || k->nref_columns != 1 ||
                k->ref_columns[0][0] != '@')
                continue;
            ixname = k->ref_columns[0];
            k->ref_columns[0] = NULL;
            strata_abi_strv_free(fb_host, k->ref_columns, k->nref_columns);
            k->ref_columns = NULL;
            k->nref_columns = 0;
            if (fb_host->buf_printf(&b, "SELECT rdb$field_name FROM "
                                        "rdb$index_segments WHERE "
                                        "rdb$index_name = ") ||
                fb_put_literal(&b, ixname + 1) ||
                fb_host->buf_printf(&b, " ORDER BY rdb$field_position")) {
                fb_host->free(ixname);
                fb_host->buf_free(&b);
                return drv_nomem(&x->f->base);
            }
            fb_host->free(ixname);
            rc = fb_query_in(x->f, &x->f->tr, b.data, ref_cb, &r);
            fb_host->buf_free(&b);
            if (x->oom)
                return drv_nomem(&x->f->base);
            if (rc != STRATA_OK)
                return rc;
        }
    return STRATA_OK;
}

int fb_introspect(strata_conn *c, const char *const *tables, size_t n,
                  strata_table **out)
{
    intro x = {(fb_conn *)c, tables, NULL, n, 0};
    int rc = STRATA_OK;

    *out = NULL;
    if (!tables && n)
        return c->host->error(c, STRATA_ERR_INVALID, NULL,
                              "introspect: no table names");
    if (!n)
        return STRATA_OK;
    x.t = fb_host->alloc(n * sizeof *x.t);
    DRV_ALLOC_CHECK(x.t, c);
    for (size_t i = 0; i < n; i++)
        DRV_ALLOC_GOTO(x.t[i].name = fb_host->strdup(tables[i]), c, rc,
                       fail);
    if ((rc = run(&x, SQL_TABLES, NULL, "", table_cb)) ||
        (rc = run(&x, SQL_COLUMNS, NULL, SQL_COLUMNS_END, column_cb)) ||
        (rc = run(&x, SQL_INDEXES, NULL, SQL_INDEXES_END, index_cb)) ||
        (rc = run(&x, SQL_SEGS, NULL, SQL_SEGS_END, seg_cb)) ||
        (rc = run(&x, SQL_CONS, NULL, SQL_CONS_END, con_cb)) ||
        (rc = finish(&x)) || (rc = ref_columns(&x)))
        goto fail;
    *out = x.t;
    return STRATA_OK;
fail:
    strata_abi_tables_free(fb_host, x.t, n);
    return rc;
}

static int name_cb(void *p, int nc, const char *const *v,
                   const char *const *names)
{
    char **out = p;

    (void)nc;
    (void)names;
    if (v[0] && !*out && !(*out = fb_strata_name(v[0])))
        return 1;
    return 0;
}

int fb_index_table(strata_conn *c, const char *index, char **table)
{
    strata_buf b = {0};
    int rc;

    *table = NULL;
    if (fb_host->buf_printf(&b, "SELECT rdb$relation_name FROM rdb$indices "
                                "WHERE rdb$index_name = ") ||
        fb_put_name_literal(&b, index)) {
        fb_host->buf_free(&b);
        return drv_nomem(c);
    }
    rc = fb_query(c, b.data, name_cb, table);
    fb_host->buf_free(&b);
    if (rc == STRATA_ERR_USER)
        return drv_nomem(c);
    return rc;
}

/* tables_exist's answers: out[i] set for each row that is names[i] as
 * the engine stores it (fb_engine_name), so each name is answered as
 * table_exists answers it alone, whatever else the list holds. */
typedef struct exist_ctx {
    char **names;
    size_t n;
    unsigned char *out;
} exist_ctx;

static int exist_row(void *p, int nc, const char *const *v,
                     const char *const *cols)
{
    exist_ctx *x = p;
    size_t len;

    (void)cols;
    if (nc < 1 || !v[0])
        return 0;
    for (len = strlen(v[0]); len > 0 && v[0][len - 1] == ' '; len--)
        ; /* RDB$RELATION_NAME is CHAR: blank-padded */
    for (size_t i = 0; i < x->n; i++)
        if (strlen(x->names[i]) == len && memcmp(x->names[i], v[0], len) == 0)
            x->out[i] = 1;
    return 0;
}

/* Up to FB_EXIST_CHUNK names a query: Firebird before 5 takes at most
 * 1,500 values in an IN list; the core asks 256 at a time. */
#define FB_EXIST_CHUNK 1000

static int exist_chunk(strata_conn *c, const char *const *tables, size_t n,
                       unsigned char *out)
{
    exist_ctx x = {NULL, n, out};
    strata_buf b = {0};
    int rc = STRATA_OK;

    x.names = fb_host->alloc(n * sizeof *x.names);
    if (!x.names)
        return drv_nomem(c);
    for (size_t i = 0; i < n; i++)
        if (!(x.names[i] = fb_engine_name(tables[i])))
            rc = STRATA_ERR_NOMEM;
    if (rc == STRATA_OK &&
        (fb_host->buf_printf(&b, "SELECT rdb$relation_name FROM "
                                 "rdb$relations WHERE rdb$relation_name") ||
         in_list(&b, tables, n)))
        rc = STRATA_ERR_NOMEM;
    rc = rc == STRATA_OK ? fb_query(c, b.data, exist_row, &x) : drv_nomem(c);
    fb_host->buf_free(&b);
    for (size_t i = 0; i < n; i++)
        fb_host->free(x.names[i]);
    fb_host->free(x.names);
    return rc;
}

/* tables_exist(): table_exists's question (a row of RDB$RELATIONS under
 * the engine's name) for many names, one query per 1,000. */
int fb_tables_exist(strata_conn *c, const char *const *tables, size_t n,
                    unsigned char *out)
{
    int rc;

    memset(out, 0, n);
    if ((rc = drv_names_given(c, "tables_exist", tables, n)) != STRATA_OK)
        return rc;
    for (size_t at = 0; at < n && rc == STRATA_OK; at += FB_EXIST_CHUNK)
        rc = exist_chunk(c, tables + at,
                         n - at < FB_EXIST_CHUNK ? n - at : FB_EXIST_CHUNK,
                         out + at);
    return rc;
}

int fb_table_exists(strata_conn *c, const char *table, int *out)
{
    return drv_table_exists_one(c, fb_tables_exist, table, out);
}
