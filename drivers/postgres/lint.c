/* lint.c - the PostgreSQL rules of `strata lint` for raw statements,
 * read from PostgreSQL's own grammar: libpg_query parses the statement
 * offline and returns its parse tree as JSON, which this file walks
 * for the few fields the rules need (docs/design.md §11, docs/dialects.md §4.1
 * and §10).  Whether a table existed before the migration is the core's
 * business: hits that matter only then say so. */
#include <pg_query.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/free.h"
#include "pg.h"

/* The rules only PostgreSQL's grammar tells (the driver table's
 * lint_rules); pg_lint reports the core's rules on raw SQL too. */
const strata_driver_rule pg_lint_rules[] = {
    {"pg-check-without-not-valid", 1,
     "CHECK added in raw SQL without NOT VALID"},
    {"pg-fk-without-not-valid", 1,
     "FOREIGN KEY added in raw SQL without NOT VALID"},
    {"pg-unique-constraint", 1,
     "UNIQUE or PRIMARY KEY added without a concurrently built index"},
    {"pg-syntax-error", 0,
     "PostgreSQL's grammar (libpg_query) refuses a raw statement"},
    {NULL, 0, NULL},
};

/* ---- a small JSON reader ------------------------------------------------
 * libpg_query's output is well-formed JSON; the reader still checks
 * every byte it reads, so a surprise is a parse failure, never a crash.
 * Nesting is bounded: parse trees of real statements are far shallower,
 * and the bound keeps the recursion's stack use fixed. */

#define JSON_DEPTH_MAX 512

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jv {
    int type;
    int boolean;
    char *str;         /* J_STR: decoded (\uXXXX kept only for ASCII) */
    struct jv *items;  /* J_ARR elements, J_OBJ values */
    char **keys;       /* J_OBJ keys, parallel to items */
    size_t n;
} jv;

typedef struct jreader {
    const char *s;
    size_t i;
    int oom;
} jreader;

static void jv_clear(jv *v)
{
    for (size_t i = 0; i < v->n; i++) {
        jv_clear(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    memset(v, 0, sizeof *v);
}

static void skip_ws(jreader *r)
{
    while (r->s[r->i] == ' ' || r->s[r->i] == '\n' || r->s[r->i] == '\t' ||
           r->s[r->i] == '\r')
        r->i++;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A string at r->i (the opening quote); *out malloc'd. */
static int read_str(jreader *r, char **out)
{
    size_t start = ++r->i, n = 0;
    char *p;

    /* First pass: find the end, so the copy is allocated once. */
    while (r->s[r->i] && r->s[r->i] != '"') {
        if (r->s[r->i] == '\\' && r->s[r->i + 1])
            r->i++;
        r->i++;
    }
    if (r->s[r->i] != '"')
        return -1;
    if (!(p = malloc(r->i - start + 1))) {
        r->oom = 1;
        return -1;
    }
    for (size_t k = start; k < r->i; k++) {
        char c = r->s[k];

        if (c != '\\') {
            p[n++] = c;
            continue;
        }
        c = r->s[++k];
        switch (c) {
        case 'n': p[n++] = '\n'; break;
        case 't': p[n++] = '\t'; break;
        case 'r': p[n++] = '\r'; break;
        case 'b': p[n++] = '\b'; break;
        case 'f': p[n++] = '\f'; break;
        case 'u': {
            int v = 0, ok = 1;

            for (int d = 1; d <= 4; d++) {
                int h = k + (size_t)d < r->i ? hexval(r->s[k + d]) : -1;
                if (h < 0)
                    ok = 0;
                v = v * 16 + (h < 0 ? 0 : h);
            }
            if (!ok) {
                free(p);
                return -1;
            }
            /* Only names and rule-relevant words are compared: a
             * non-ASCII character stands as '?'. */
            p[n++] = v > 0 && v < 0x80 ? (char)v : '?';
            k += 4;
            break;
        }
        default: p[n++] = c; break; /* \" \\ \/ */
        }
    }
    p[n] = '\0';
    r->i++;
    *out = p;
    return 0;
}

static int read_value(jreader *r, jv *v, int depth);

static int grow(jreader *r, jv *v, int with_keys)
{
    jv *items = realloc(v->items, (v->n + 1) * sizeof *items);

    if (!items) {
        r->oom = 1;
        return -1;
    }
    v->items = items;
    memset(&items[v->n], 0, sizeof *items);
    if (with_keys) {
        char **keys = realloc(v->keys, (v->n + 1) * sizeof *keys);
        if (!keys) {
            r->oom = 1;
            return -1;
        }
        v->keys = keys;
        keys[v->n] = NULL;
    }
    v->n++;
    return 0;
}

static int read_container(jreader *r, jv *v, int depth)
{
    int obj = r->s[r->i] == '{';
    char close = obj ? '}' : ']';

    v->type = obj ? J_OBJ : J_ARR;
    r->i++;
    skip_ws(r);
    if (r->s[r->i] == close) {
        r->i++;
        return 0;
    }
    for (;;) {
        skip_ws(r);
        if (grow(r, v, obj) != 0)
            return -1;
        if (obj) {
            if (r->s[r->i] != '"' || read_str(r, &v->keys[v->n - 1]) != 0)
                return -1;
            skip_ws(r);
            if (r->s[r->i++] != ':')
                return -1;
        }
        if (read_value(r, &v->items[v->n - 1], depth + 1) != 0)
            return -1;
        skip_ws(r);
        if (r->s[r->i] == ',') {
            r->i++;
            continue;
        }
        if (r->s[r->i] != close)
            return -1;
        r->i++;
        return 0;
    }
}

static int read_value(jreader *r, jv *v, int depth)
{
    const char *s;

    if (depth > JSON_DEPTH_MAX)
        return -1;
    skip_ws(r);
    s = r->s + r->i;
    switch (*s) {
    case '{':
    case '[':
        return read_container(r, v, depth);
    case '"':
        v->type = J_STR;
        return read_str(r, &v->str);
    case 't':
    case 'f':
    case 'n': {
        size_t n = *s == 'f' ? 5 : 4;
        const char *word = *s == 't' ? "true" : *s == 'f' ? "false" : "null";

        if (strncmp(s, word, n) != 0)
            return -1;
        v->type = *s == 'n' ? J_NULL : J_BOOL;
        v->boolean = *s == 't';
        r->i += n;
        return 0;
    }
    default:
        if (*s != '-' && (*s < '0' || *s > '9'))
            return -1;
        v->type = J_NUM;
        while (strchr("+-.eE0123456789", r->s[r->i]) && r->s[r->i])
            r->i++;
        return 0;
    }
}

/* Member key of object o, or NULL. */
static const jv *get(const jv *o, const char *key)
{
    if (!o || o->type != J_OBJ)
        return NULL;
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->keys[i], key) == 0)
            return &o->items[i];
    return NULL;
}

static const char *get_str(const jv *o, const char *key)
{
    const jv *v = get(o, key);

    return v && v->type == J_STR ? v->str : NULL;
}

static int get_true(const jv *o, const char *key)
{
    const jv *v = get(o, key);

    return v && v->type == J_BOOL && v->boolean;
}

/* A node {"Type": {...}}: its type name and body. */
static const char *node(const jv *n, const jv **body)
{
    if (!n || n->type != J_OBJ || n->n != 1) {
        *body = NULL;
        return "";
    }
    *body = &n->items[0];
    return n->keys[0];
}

static int is(const char *a, const char *b)
{
    return a && strcmp(a, b) == 0;
}

/* ---- hits ----------------------------------------------------------------
 * Every string in a hit is host memory: the core frees the list. */

typedef struct hits {
    strata_lint_list *out;
    int oom;
} hits;

static void hit(hits *h, const char *rule, int error, const char *table,
                int existing, const char *fmt, ...) STRATA_PRINTF(6, 7);

static void hit(hits *h, const char *rule, int error, const char *table,
                int existing, const char *fmt, ...)
{
    strata_lint_list *l = h->out;
    strata_lint_hit *items, *e;
    va_list ap, aq;
    char *text = NULL;
    int n;

    if (h->oom)
        return;
    items = pg_host->realloc(l->items, (l->count + 1) * sizeof *items);
    if (!items) {
        h->oom = 1;
        return;
    }
    l->items = items;
    e = &items[l->count];
    memset(e, 0, sizeof *e);
    /* Measured first, then formatted into exactly that much. */
    va_start(ap, fmt);
    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n >= 0 && (text = pg_host->alloc((size_t)n + 1)))
        vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
    e->rule = pg_host->strdup(rule);
    e->message = text;
    e->table = table ? pg_host->strdup(table) : NULL;
    e->error = error;
    e->existing_table = existing;
    l->count++;
    if (!e->rule || !e->message || (table && !e->table))
        h->oom = 1;
}

/* ---- the rules ---------------------------------------------------------- */

static const char *relname(const jv *body, const char *key)
{
    return get_str(get(body, key), "relname");
}

/* The last String of a list of {"String":{"sval":...}} nodes. */
static const char *last_sval(const jv *list)
{
    const char *s = NULL;

    if (!list || list->type != J_ARR)
        return NULL;
    for (size_t i = 0; i < list->n; i++) {
        const jv *b;
        if (is(node(&list->items[i], &b), "String"))
            s = get_str(b, "sval");
    }
    return s;
}

static void lint_index(hits *h, const jv *st)
{
    const char *t = relname(st, "relation");

    if (get_true(st, "concurrent"))
        return;
    hit(h, "index-not-online", 1, t, 1,
        "CREATE INDEX on \"%s\" without CONCURRENTLY blocks writes to it "
        "for the whole build (SHARE lock); write CREATE INDEX "
        "CONCURRENTLY: strata runs it outside the transaction",
        t ? t : "?");
}

/* serial types carry their own default (a sequence). */
static int serial_type(const jv *coldef)
{
    const char *ty = last_sval(get(get(coldef, "typeName"), "names"));

    return is(ty, "serial") || is(ty, "bigserial") ||
           is(ty, "smallserial") || is(ty, "serial2") ||
           is(ty, "serial4") || is(ty, "serial8");
}

static void lint_add_column(hits *h, const char *t, const jv *coldef)
{
    const jv *cons = get(coldef, "constraints");
    const char *col = get_str(coldef, "colname");
    int notnull = 0, filled = serial_type(coldef), unique = 0;

    for (size_t i = 0; cons && cons->type == J_ARR && i < cons->n; i++) {
        const jv *b;
        const char *kind;

        if (!is(node(&cons->items[i], &b), "Constraint"))
            continue;
        kind = get_str(b, "contype");
        if (is(kind, "CONSTR_NOTNULL"))
            notnull = 1;
        else if (is(kind, "CONSTR_PRIMARY"))
            notnull = unique = 1;
        else if (is(kind, "CONSTR_UNIQUE"))
            unique = 1;
        else if (is(kind, "CONSTR_DEFAULT") || is(kind, "CONSTR_IDENTITY") ||
                 is(kind, "CONSTR_GENERATED"))
            filled = 1;
    }
    if (notnull && !filled)
        hit(h, "add-column-not-null", 1, t, 1,
            "ADD COLUMN \"%s\" NOT NULL without a DEFAULT fails once \"%s\" "
            "has rows; give it a DEFAULT, or add it nullable, backfill, "
            "then SET NOT NULL",
            col ? col : "?", t ? t : "?");
    if (unique)
        hit(h, "pg-unique-constraint", 1, t, 1,
            "ADD COLUMN \"%s\" UNIQUE/PRIMARY KEY builds its index on "
            "\"%s\" under ACCESS EXCLUSIVE (reads and writes wait); add "
            "the column, CREATE UNIQUE INDEX CONCURRENTLY, then ADD "
            "CONSTRAINT ... USING INDEX",
            col ? col : "?", t ? t : "?");
}

static void lint_add_constraint(hits *h, const char *t, const jv *con)
{
    const char *kind = get_str(con, "contype");
    const char *name = get_str(con, "conname");
    int not_valid = get_true(con, "skip_validation");

    if (is(kind, "CONSTR_CHECK") && !not_valid)
        hit(h, "pg-check-without-not-valid", 1, t, 1,
            "ADD CONSTRAINT %s%s%sCHECK scans all of \"%s\" under ACCESS "
            "EXCLUSIVE (reads and writes wait); add it NOT VALID, then "
            "VALIDATE CONSTRAINT in a statement of its own",
            name ? "\"" : "", name ? name : "", name ? "\" " : "",
            t ? t : "?");
    else if (is(kind, "CONSTR_FOREIGN") && !not_valid)
        hit(h, "pg-fk-without-not-valid", 1, t, 1,
            "ADD CONSTRAINT %s%s%sFOREIGN KEY scans all of \"%s\" holding "
            "SHARE ROW EXCLUSIVE on it and on \"%s\" (writes to both "
            "wait); add it NOT VALID, then VALIDATE CONSTRAINT in a "
            "statement of its own",
            name ? "\"" : "", name ? name : "", name ? "\" " : "",
            t ? t : "?", relname(con, "pktable") ? relname(con, "pktable")
                                                 : "?");
    else if ((is(kind, "CONSTR_UNIQUE") || is(kind, "CONSTR_PRIMARY")) &&
             !get_str(con, "indexname"))
        hit(h, "pg-unique-constraint", 1, t, 1,
            "ADD %s builds its index on \"%s\" under ACCESS EXCLUSIVE "
            "(reads and writes wait); build it first with CREATE UNIQUE "
            "INDEX CONCURRENTLY, then ADD CONSTRAINT ... %s USING INDEX",
            is(kind, "CONSTR_UNIQUE") ? "UNIQUE" : "PRIMARY KEY",
            t ? t : "?",
            is(kind, "CONSTR_UNIQUE") ? "UNIQUE" : "PRIMARY KEY");
}

static void lint_alter_table(hits *h, const jv *st)
{
    const char *t = relname(st, "relation");
    const char *objtype = get_str(st, "objtype");
    const jv *cmds = get(st, "cmds");

    /* ALTER INDEX, ALTER VIEW ... share the node; only tables here. */
    if (objtype && !is(objtype, "OBJECT_TABLE"))
        return;
    for (size_t i = 0; cmds && cmds->type == J_ARR && i < cmds->n; i++) {
        const jv *cmd, *def;
        const char *sub, *col;

        if (!is(node(&cmds->items[i], &cmd), "AlterTableCmd"))
            continue;
        sub = get_str(cmd, "subtype");
        col = get_str(cmd, "name");
        if (is(sub, "AT_AddColumn")) {
            if (is(node(get(cmd, "def"), &def), "ColumnDef"))
                lint_add_column(h, t, def);
        } else if (is(sub, "AT_AddConstraint")) {
            if (is(node(get(cmd, "def"), &def), "Constraint"))
                lint_add_constraint(h, t, def);
        } else if (is(sub, "AT_AlterColumnType")) {
            hit(h, "alter-column-type", 1, t, 1,
                "ALTER COLUMN \"%s\" TYPE rewrites \"%s\" under ACCESS "
                "EXCLUSIVE unless the types are binary-compatible, and "
                "running code may not expect the new type; add a new "
                "column, backfill, switch readers, drop the old one",
                col ? col : "?", t ? t : "?");
        } else if (is(sub, "AT_DropColumn")) {
            hit(h, "drop-column", 1, t, 1,
                "DROP COLUMN \"%s\" of \"%s\" loses its data and breaks "
                "code still reading it; stop using it first, then "
                "suppress with the reason",
                col ? col : "?", t ? t : "?");
        }
    }
}

static void lint_rename(hits *h, const jv *st)
{
    const char *type = get_str(st, "renameType");
    const char *t = relname(st, "relation");
    const char *to = get_str(st, "newname");

    if (is(type, "OBJECT_COLUMN") &&
        is(get_str(st, "relationType"), "OBJECT_TABLE"))
        hit(h, "rename-column", 1, t, 1,
            "RENAME COLUMN \"%s\" TO \"%s\" on \"%s\" breaks running code "
            "that uses the old name; add the new column, write both, "
            "switch readers, then drop the old one",
            get_str(st, "subname") ? get_str(st, "subname") : "?",
            to ? to : "?", t ? t : "?");
    else if (is(type, "OBJECT_TABLE"))
        hit(h, "rename-table", 1, t, 1,
            "RENAME \"%s\" TO \"%s\" breaks running code that uses the "
            "old name; create the new table (or a view) and move readers "
            "over first",
            t ? t : "?", to ? to : "?");
}

static void lint_drop(hits *h, const jv *st)
{
    const jv *objs = get(st, "objects");

    if (!is(get_str(st, "removeType"), "OBJECT_TABLE"))
        return;
    for (size_t i = 0; objs && objs->type == J_ARR && i < objs->n; i++) {
        const jv *b;
        const char *t;

        if (!is(node(&objs->items[i], &b), "List"))
            continue;
        t = last_sval(get(b, "items"));
        hit(h, "drop-table", 1, t, 1,
            "DROP TABLE \"%s\" loses its data and breaks code still "
            "using it; stop using it first, then suppress with the "
            "reason",
            t ? t : "?");
    }
}

/* DDL, DML or neither, by the statement's node. */
static uint32_t stmt_flags(const char *type, const jv *st)
{
    static const char *const dml[] = {"InsertStmt", "UpdateStmt",
                                      "DeleteStmt", "MergeStmt", NULL};
    static const char *const neither[] = {
        "SelectStmt",      "VariableSetStmt", "VariableShowStmt",
        "TransactionStmt", "ExplainStmt",     "CallStmt",
        "DoStmt",          "NotifyStmt",      "ListenStmt",
        "UnlistenStmt",    "CheckPointStmt",  "DiscardStmt",
        "LockStmt",        "PrepareStmt",     "ExecuteStmt",
        "DeallocateStmt",  "VacuumStmt",      "ConstraintsSetStmt",
        "ReindexStmt",     "ClusterStmt",     "LoadStmt",
        NULL};

    for (size_t i = 0; dml[i]; i++)
        if (strcmp(type, dml[i]) == 0)
            return STRATA_LINT_DML;
    if (strcmp(type, "CopyStmt") == 0)
        return get_true(st, "is_from") ? STRATA_LINT_DML : 0;
    for (size_t i = 0; neither[i]; i++)
        if (strcmp(type, neither[i]) == 0)
            return 0;
    return STRATA_LINT_DDL;
}

static void lint_tree(hits *h, const jv *root)
{
    const jv *stmts = get(root, "stmts");

    for (size_t i = 0; stmts && stmts->type == J_ARR && i < stmts->n; i++) {
        const jv *st;
        const char *type = node(get(&stmts->items[i], "stmt"), &st);

        h->out->flags |= stmt_flags(type, st);
        if (is(type, "IndexStmt"))
            lint_index(h, st);
        else if (is(type, "AlterTableStmt"))
            lint_alter_table(h, st);
        else if (is(type, "RenameStmt"))
            lint_rename(h, st);
        else if (is(type, "DropStmt"))
            lint_drop(h, st);
    }
}

int pg_lint(strata_conn *c, const char *sql, strata_lint_list *out)
{
    PgQueryParseResult res;
    hits h = {.out = out};
    jreader r = {0};
    jv root = {0};

    memset(out, 0, sizeof *out);
    res = pg_query_parse(sql);
    if (res.error) {
        hit(&h, "pg-syntax-error", 0, NULL, 0,
            "PostgreSQL %s's parser refuses this statement: %s; it will "
            "fail when it runs",
            PG_MAJORVERSION,
            res.error->message ? res.error->message : "syntax error");
    } else {
        r.s = res.parse_tree ? res.parse_tree : "";
        /* A tree that cannot be read yields no hits rather than
         * guesses; the runner still meets the statement. */
        if (read_value(&r, &root, 0) == 0 && !r.oom)
            lint_tree(&h, &root);
        h.oom |= r.oom;
        jv_clear(&root);
    }
    pg_query_free_parse_result(res);
    if (h.oom) {
        strata_abi_lint_list_free(pg_host, out);
        return drv_nomem(c);
    }
    return STRATA_OK;
}
