/* render.c - portable operations as MySQL/MariaDB statements, in their
 * online forms (docs/design.md §5.2, §5): every ALTER
 * asserts ALGORITHM=INSTANT or ALGORITHM=INPLACE, LOCK=NONE, so the
 * server refuses rather than silently copying the table under a lock,
 * and carries its locking form as the alternative the core runs only
 * with allow_locking.  ADD CHECK has no online form at all (it copies
 * the table under a shared lock): refused here without allow_locking.
 * ADD FOREIGN KEY checks for orphans itself, before and after an
 * INPLACE build with foreign_key_checks off.  Column changes go through
 * MODIFY COLUMN with the whole definition, taken from the catalog, so
 * nothing else about the column changes.  Every DDL statement commits
 * implicitly on MySQL: each is flagged AUTOCOMMIT so the core records
 * progress after it.  A dialect section's types run as written, its
 * CREATE TABLE as its own text; no table option is ever added, so every
 * table takes the database's defaults as with the mariadb client.
 * Nothing here queries: c may be unconnected. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "abi/free.h"
#include "my.h"
#include "../common/clauses.h"
#include "../common/sqllist.h"
#include "../common/written.h"

#define LOCK_INSTANT "none (ALGORITHM=INSTANT; brief metadata lock)"
#define LOCK_ONLINE                                                        \
    "none (ALGORITHM=INPLACE, LOCK=NONE; brief metadata lock at start "    \
    "and end)"
#define LOCK_META "metadata lock (brief)"
#define LOCK_NEW "metadata lock (table created in this migration)"
#define LOCK_SHARED "shared: writes blocked while the table is copied"

/* A column as render sees it while working through the operations: the
 * catalog's, changed by the operations rendered before. */
typedef struct rcol {
    char *name;
    char *type;     /* live (catalog) or portable (operation) type */
    char *def;      /* DEFAULT expression, standard SQL; NULL = none */
    char *pre;      /* " CHARACTER SET x COLLATE y", or NULL */
    char *post;     /* " ON UPDATE ... INVISIBLE COMMENT '...'", or NULL */
    char *check;    /* MariaDB: " CHECK (...)" kept in the column's
                     * definition (my_column_check), or NULL */
    int notnull;
    int autoinc;
    int generated;
    int pk;
    int live;       /* type as the server reports it: used verbatim */
    int written;    /* a dialect section's column: its default too */
} rcol;

typedef struct rstate {
    strata_conn *c;
    const strata_table *cat;
    const char *schema;   /* of the operation being rendered, or NULL */
    char *table;          /* current name (RENAME TO changes it) */
    rcol *cols;
    size_t ncols;
    my_added *added;      /* added in this call: DROP CONSTRAINT needs
                           * its kind, auto names the names taken */
    size_t nadded;
    int mysql8;
    unsigned long version;
    int bs;               /* string literals take backslash escapes */
    strata_sql_list *out;
} rstate;

/* ---- output ------------------------------------------------------------- */

/* Append b's text (taken: b is left empty) as one statement, with alt's
 * text (taken too; may be empty) as its alternative. */
static int emit(rstate *r, strata_buf *b, uint32_t flags, const char *lock,
                const char *note, strata_buf *alt)
{
    return drv_sql_emit(my_host, r->out, b, flags, lock, note, alt);
}

static int put(strata_buf *b, const char *s)
{
    return s && *s ? my_host->buf_append(b, s, strlen(s)) : STRATA_OK;
}

/* `schema`.`table`, the schema only when the operation named one. */
static int qt(rstate *r, strata_buf *b, const char *table)
{
    if (r->schema && *r->schema && (my_qi(b, r->schema) || put(b, ".")))
        return STRATA_ERR_NOMEM;
    return my_qi(b, table);
}

static int alter(rstate *r, strata_buf *b)
{
    return put(b, "ALTER TABLE ") || qt(r, b, r->table) ? STRATA_ERR_NOMEM
                                                         : STRATA_OK;
}

/* (`a`, `b`) */
static int qi_list(strata_buf *b, char *const *names, size_t n)
{
    return drv_qi_list(my_host, b, names, n, '`');
}

/* A copy of b's text into alt (the locking form, before the online
 * clauses are appended to b). */
static int copy_buf(strata_buf *alt, const strata_buf *b)
{
    alt->len = 0;
    return my_host->buf_append(alt, b->data ? b->data : "", b->len);
}

/* ---- columns ------------------------------------------------------------ */

static void rcol_clear(rcol *k)
{
    my_host->free(k->name);
    my_host->free(k->type);
    my_host->free(k->def);
    my_host->free(k->pre);
    my_host->free(k->post);
    my_host->free(k->check);
    memset(k, 0, sizeof *k);
}

static rcol *find_col(rstate *r, const char *name)
{
    for (size_t i = 0; name && i < r->ncols; i++)
        if (strcasecmp(r->cols[i].name, name) == 0)
            return &r->cols[i];
    return NULL;
}

static int set_str(char **dst, const char *src)
{
    char *d = NULL;

    if (src && !(d = my_host->strdup(src)))
        return STRATA_ERR_NOMEM;
    my_host->free(*dst);
    *dst = d;
    return STRATA_OK;
}

/* -- the CREATE TABLE text's column attributes strata does not model -- */

enum { LX_END, LX_WORD, LX_QUOTED, LX_OPEN, LX_CLOSE, LX_COMMA, LX_OTHER };

/* The token of s at *pos (blanks and comments skipped). */
static int lx(const char *s, size_t *pos, size_t *start)
{
    size_t i = *pos;

    for (;;) {
        while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            i++;
        if (s[i] == '/' && s[i + 1] == '*' && s[i + 2] != '!') {
            const char *e = strstr(s + i + 2, "*/");

            i = e ? (size_t)(e - s) + 2 : strlen(s);
            continue;
        }
        break;
    }
    *start = i;
    if (!s[i]) {
        *pos = i;
        return LX_END;
    }
    if (s[i] == '\'' || s[i] == '"' || s[i] == '`') {
        char q = s[i];

        for (i++; s[i]; i++) {
            if (s[i] == '\\' && q != '`' && s[i + 1]) {
                i++;
            } else if (s[i] == q) {
                if (s[i + 1] != q)
                    break;
                i++;
            }
        }
        *pos = s[i] ? i + 1 : i;
        return LX_QUOTED;
    }
    if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
        (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '$' ||
        (unsigned char)s[i] >= 0x80) {
        while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
               (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '$' ||
               s[i] == '.' || (unsigned char)s[i] >= 0x80)
            i++;
        *pos = i;
        return LX_WORD;
    }
    *pos = i + 1;
    return s[i] == '(' ? LX_OPEN
           : s[i] == ')' ? LX_CLOSE
           : s[i] == ',' ? LX_COMMA
                         : LX_OTHER;
}

static int word_is(const char *s, size_t a, size_t b, const char *w)
{
    return b - a == strlen(w) && strncasecmp(s + a, w, b - a) == 0;
}

/* Is the token s[a..b) the column name? */
static int names_column(const char *s, size_t a, size_t b, const char *name)
{
    size_t n = strlen(name), k = 0;

    if (s[a] != '`' && s[a] != '"')
        return b - a == n && strncasecmp(s + a, name, n) == 0;
    for (size_t i = a + 1; i + 1 < b; i++, k++) {
        if (s[i] == s[a] && s[i + 1] == s[a])
            i++;
        if (k >= n || (s[i] | 0x20) != (name[k] | 0x20))
            return 0;
    }
    return k == n;
}

/* From the definition of column name in the catalog's CREATE TABLE text
 * (introspect writes one; SHOW CREATE TABLE's reads the same): its
 * character set and collation into *pre, ON UPDATE, INVISIBLE and
 * COMMENT into *post. */
static int col_extras(const char *sql, const char *name, char **pre,
                      char **post)
{
    strata_buf p = {0}, q = {0};
    size_t pos = 0, a, b, a2, b2;
    int depth = 0, tk, seg_start = 0, mine = 0, rc = STRATA_OK;

    *pre = *post = NULL;
    if (!sql)
        return STRATA_OK;
    while ((tk = lx(sql, &pos, &a)) != LX_OPEN && tk != LX_END)
        ;
    if (tk == LX_END)
        return STRATA_OK;
    depth = 1;
    seg_start = 1;
    while (!rc && (tk = lx(sql, &pos, &a)) != LX_END && depth > 0) {
        b = pos;
        if (tk == LX_OPEN) {
            depth++;
            seg_start = 0;
            continue;
        }
        if (tk == LX_CLOSE) {
            depth--;
            continue;
        }
        if (depth != 1)
            continue;
        if (tk == LX_COMMA) {
            if (mine)
                break;
            seg_start = 1;
            continue;
        }
        if (seg_start) {
            seg_start = 0;
            mine = (tk == LX_WORD || tk == LX_QUOTED) &&
                   names_column(sql, a, b, name);
            continue;
        }
        if (!mine || tk != LX_WORD)
            continue;
        if (word_is(sql, a, b, "CHARACTER") || word_is(sql, a, b, "CHARSET")) {
            if (word_is(sql, a, b, "CHARACTER"))
                lx(sql, &pos, &a2); /* SET */
            if (lx(sql, &pos, &a2) == LX_END)
                break;
            rc = my_host->buf_printf(&p, " CHARACTER SET %.*s",
                                     (int)(pos - a2), sql + a2);
        } else if (word_is(sql, a, b, "COLLATE")) {
            if (lx(sql, &pos, &a2) == LX_END)
                break;
            rc = my_host->buf_printf(&p, " COLLATE %.*s", (int)(pos - a2),
                                     sql + a2);
        } else if (word_is(sql, a, b, "ON")) {
            /* ON UPDATE word [(...)] */
            lx(sql, &pos, &a2);
            if (lx(sql, &pos, &a2) == LX_END)
                break;
            b2 = pos;
            if (lx(sql, &b2, &b) == LX_OPEN) {
                int d = 1;

                while (d > 0 && (tk = lx(sql, &b2, &b)) != LX_END)
                    d += tk == LX_OPEN ? 1 : tk == LX_CLOSE ? -1 : 0;
                pos = b2;
            }
            rc = my_host->buf_printf(&q, " ON UPDATE %.*s",
                                     (int)(pos - a2), sql + a2);
        } else if (word_is(sql, a, b, "INVISIBLE")) {
            rc = my_host->buf_printf(&q, " INVISIBLE");
        } else if (word_is(sql, a, b, "COMMENT")) {
            if (lx(sql, &pos, &a2) != LX_QUOTED)
                break;
            rc = my_host->buf_printf(&q, " COMMENT %.*s", (int)(pos - a2),
                                     sql + a2);
        } else if (word_is(sql, a, b, "DEFAULT")) {
            /* skip the value: a word (with its arguments), a quoted
             * literal or a parenthesised expression */
            b2 = pos;
            tk = lx(sql, &b2, &a2);
            if (tk == LX_OPEN) {
                int d = 1;

                while (d > 0 && (tk = lx(sql, &b2, &a2)) != LX_END)
                    d += tk == LX_OPEN ? 1 : tk == LX_CLOSE ? -1 : 0;
            } else if (tk == LX_WORD || tk == LX_OTHER) {
                size_t b3 = b2;

                if (tk == LX_OTHER) /* a sign */
                    lx(sql, &b2, &a2);
                b3 = b2;
                if (lx(sql, &b3, &a2) == LX_OPEN) {
                    int d = 1;

                    while (d > 0 && (tk = lx(sql, &b3, &a2)) != LX_END)
                        d += tk == LX_OPEN ? 1 : tk == LX_CLOSE ? -1 : 0;
                    b2 = b3;
                }
            }
            pos = b2;
        }
    }
    if (rc) {
        my_host->buf_free(&p);
        my_host->buf_free(&q);
        return STRATA_ERR_NOMEM;
    }
    *pre = p.data;
    *post = q.data;
    return STRATA_OK;
}

/* *out = " CHECK (...)" for the CHECK MariaDB keeps in column name's
 * definition (my_column_check), from cons, or NULL; written: the
 * expression is the server's own, else standard SQL. */
static int col_check(const rstate *r, const strata_constraint *cons,
                     size_t n, const char *name, int written, char **out)
{
    strata_buf b = {0};

    *out = NULL;
    for (size_t i = 0; !r->mysql8 && i < n; i++) {
        const char *e = cons[i].check ? cons[i].check : "";

        if (!my_column_check(&cons[i], name))
            continue;
        if (put(&b, " CHECK (") ||
            (written ? put(&b, e) : my_expr_to_mysql(&b, e, r->bs)) ||
            put(&b, ")")) {
            my_host->buf_free(&b);
            return STRATA_ERR_NOMEM;
        }
        break;
    }
    *out = b.data;
    return STRATA_OK;
}

/* The working columns, from the catalog. */
static int cols_init(rstate *r)
{
    const strata_table *t = r->cat;

    if (!t || !t->exists || !t->ncolumns)
        return STRATA_OK;
    if (!(r->cols = my_host->alloc(t->ncolumns * sizeof *r->cols)))
        return STRATA_ERR_NOMEM;
    for (size_t i = 0; i < t->ncolumns; i++) {
        const strata_column *c = &t->columns[i];
        rcol *k = &r->cols[r->ncols++];

        if (set_str(&k->name, c->name ? c->name : "") ||
            set_str(&k->type, c->type ? c->type : "") ||
            set_str(&k->def, c->default_expr) ||
            col_extras(t->sql, k->name, &k->pre, &k->post) ||
            col_check(r, t->constraints, t->nconstraints, k->name, 0,
                      &k->check))
            return STRATA_ERR_NOMEM;
        k->notnull = c->notnull;
        k->autoinc = c->autoincrement;
        k->generated = c->generated;
        k->pk = c->pk;
        /* a catalog read from the server has its CREATE TABLE text; a
         * simulated one (offline) holds portable types */
        k->live = t->sql != NULL;
    }
    return STRATA_OK;
}

/* written: a dialect section's column, its type the server's own;
 * cons: the constraints it was added with. */
static int cols_add(rstate *r, const strata_column *c,
                    const strata_constraint *cons, size_t ncons,
                    int written)
{
    rcol *a = my_host->realloc(r->cols, (r->ncols + 1) * sizeof *a), *k;

    if (!a)
        return STRATA_ERR_NOMEM;
    r->cols = a;
    k = &a[r->ncols++];
    memset(k, 0, sizeof *k);
    if (set_str(&k->name, c->name ? c->name : "") ||
        set_str(&k->type, c->type ? c->type : "") ||
        set_str(&k->def, c->default_expr) ||
        col_check(r, cons, ncons, k->name, written, &k->check))
        return STRATA_ERR_NOMEM;
    k->notnull = c->notnull;
    k->autoinc = c->autoincrement && !written;
    k->pk = c->pk;
    k->live = written;
    k->written = written;
    return STRATA_OK;
}

/* Fractional-second digits of a mapped type: datetime(6) -> 6. */
static int fsp(const char *mapped)
{
    const char *p = strchr(mapped ? mapped : "", '(');

    return p && p[1] >= '0' && p[1] <= '9' ? p[1] - '0' : 0;
}

static int utc_spelled(const char *expr)
{
    while (*expr == ' ' || *expr == '(')
        expr++;
    return strncasecmp(expr, "utc_timestamp", 13) == 0;
}

/* DEFAULT's value in MySQL: CURRENT_TIMESTAMP on a timestamptz column
 * is UTC_TIMESTAMP (docs/dialects.md §9), on a timestamp column
 * CURRENT_TIMESTAMP with the column's precision; any other expression
 * in parentheses (MySQL >= 8.0.13, MariaDB >= 10.2). */
static int put_default(rstate *r, strata_buf *b, const char *expr,
                       const char *mapped, int utc)
{
    int kind = my_default_kind(expr), p = fsp(mapped);
    size_t n;

    /* UTC_TIMESTAMP(n) as the catalog has it stays as written */
    if (kind == MY_DEF_NOW && !utc_spelled(expr)) {
        if (utc)
            return p ? my_host->buf_printf(b, "(UTC_TIMESTAMP(%d))", p)
                     : put(b, "(UTC_TIMESTAMP())");
        return p ? my_host->buf_printf(b, "CURRENT_TIMESTAMP(%d)", p)
                 : put(b, "CURRENT_TIMESTAMP");
    }
    if (kind == MY_DEF_CONST || kind == MY_DEF_NULL)
        return my_expr_to_mysql(b, expr, r->bs);
    while (*expr == ' ')
        expr++;
    n = strlen(expr);
    while (n && expr[n - 1] == ' ')
        n--;
    if (n >= 2 && expr[0] == '(' && expr[n - 1] == ')') {
        /* wrapped already when this '(' closes at the end */
        int depth = 0;
        size_t i;

        for (i = 0; i < n; i++) {
            depth += expr[i] == '(' ? 1 : expr[i] == ')' ? -1 : 0;
            if (!depth)
                break;
        }
        if (i == n - 1)
            return my_expr_to_mysql(b, expr, r->bs);
    }
    return put(b, "(") || my_expr_to_mysql(b, expr, r->bs) || put(b, ")")
               ? STRATA_ERR_NOMEM
               : STRATA_OK;
}

/* Does DEFAULT CURRENT_TIMESTAMP on k mean UTC?  A timestamptz column
 * says so; a live datetime column by its current default; with none,
 * strata's convention: datetime holds UTC. */
static int utc_column(const rcol *k, int flags)
{
    if (flags & MY_TYPE_UTC)
        return 1;
    if (flags & MY_TYPE_LOCAL)
        return 0;
    if (k->def && my_default_kind(k->def) == MY_DEF_NOW)
        return utc_spelled(k->def);
    return 1;
}

/* The MySQL type of k: a live type as it is (the server's timestamp,
 * text and blob are not the portable names they spell), a portable one
 * mapped (docs/dialects.md §9). */
static int col_type(const rcol *k, strata_buf *out, int *flags)
{
    static const char *const text[] = {"char", "varchar", "tinytext",
                                       "text", "mediumtext", "longtext",
                                       "enum", "set"};
    size_t n;

    if (!k->live)
        return my_type_map(out, k->type, flags);
    *flags = 0;
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        n = strlen(text[i]);
        if (strncasecmp(k->type, text[i], n) == 0 &&
            (k->type[n] == '\0' || k->type[n] == '(' || k->type[n] == ' '))
            *flags = MY_TYPE_TEXTUAL;
    }
    return put(out, k->type);
}

/* A column's whole definition: name type [charset] [NOT NULL]
 * [DEFAULT] [AUTO_INCREMENT] [ON UPDATE, INVISIBLE, COMMENT] [CHECK]. */
static int put_column(rstate *r, strata_buf *b, const rcol *k,
                      const char *name)
{
    strata_buf mapped = {0};
    int flags, rc;

    rc = col_type(k, &mapped, &flags);
    rc = rc || my_qi(b, name ? name : k->name) || put(b, " ") ||
         put(b, mapped.data ? mapped.data : "");
    if (!rc && k->pre && (flags & MY_TYPE_TEXTUAL))
        rc = put(b, k->pre);
    if (!rc && (k->notnull || k->pk || (flags & MY_TYPE_SERIAL)))
        rc = put(b, " NOT NULL");
    if (!rc && k->def) {
        rc = put(b, " DEFAULT ");
        if (!rc)
            rc = k->written ? put(b, k->def)
                            : put_default(r, b, k->def, mapped.data,
                                          utc_column(k, flags));
    }
    if (!rc && (k->autoinc || (flags & MY_TYPE_SERIAL)))
        rc = put(b, " AUTO_INCREMENT");
    if (!rc && k->post)
        rc = put(b, k->post);
    if (!rc && k->check)
        rc = put(b, k->check);
    my_host->buf_free(&mapped);
    return rc ? STRATA_ERR_NOMEM : STRATA_OK;
}

static int is_serial(const char *type)
{
    strata_buf m = {0};
    int flags = 0;

    my_type_map(&m, type, &flags);
    my_host->buf_free(&m);
    return (flags & MY_TYPE_SERIAL) != 0;
}

/* ---- constraints -------------------------------------------------------- */

static int bad(rstate *r, int code, const char *fmt, ...)
    STRATA_PRINTF(3, 4);

/* Set the message (formatted here: the host has no va_list entry). */
static int bad(rstate *r, int code, const char *fmt, ...)
{
    char msg[STRATA_ERRMSG_SIZE];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return my_host->error(r->c, code, NULL, "%s", msg);
}

/* The referenced columns of k: as written, or (a self-reference
 * without them) the table's primary key; MySQL has no default. */
static int ref_cols(rstate *r, const strata_constraint *k,
                    const strata_constraint *cons, size_t ncons,
                    strata_buf *b)
{
    if (k->nref_columns)
        return qi_list(b, k->ref_columns, k->nref_columns);
    if (k->ref_table && strcasecmp(k->ref_table, r->table) == 0)
        for (size_t i = 0; i < ncons; i++)
            if (cons[i].kind == STRATA_CON_PRIMARY_KEY)
                return qi_list(b, cons[i].columns, cons[i].ncolumns);
    return my_host->error(r->c, STRATA_ERR_NOTSUP, NULL,
                          "FOREIGN KEY %s of %s: REFERENCES %s needs its "
                          "column list on MySQL/MariaDB",
                          k->name ? k->name : "", r->table,
                          k->ref_table ? k->ref_table : "");
}

/* ON DELETE / ON UPDATE of k.  alter: in an ALTER TABLE, where on
 * MariaDB a RESTRICT written is left out: InnoDB's default is RESTRICT
 * itself, and the online form (INPLACE, foreign_key_checks off) stores
 * a written RESTRICT as NO ACTION (MariaDB 10.11), the default as
 * RESTRICT, as the client's plain ALTER does. */
static int fk_actions(const rstate *r, strata_buf *b,
                      const strata_constraint *k, int alter)
{
    strata_constraint t = *k;

    if (alter && !r->mysql8) {
        if (t.on_delete && strcasecmp(t.on_delete, "RESTRICT") == 0)
            t.on_delete = NULL;
        if (t.on_update && strcasecmp(t.on_update, "RESTRICT") == 0)
            t.on_update = NULL;
    }
    return drv_fk_actions(my_host, b, &t);
}

/* [CONSTRAINT `n`] <body> for CREATE TABLE or ADD (add = "ADD ").
 * written: a dialect section's constraint: left unnamed when written so
 * (the server names it, as with the client), a CHECK's expression the
 * server's own. */
static int put_con(rstate *r, strata_buf *b, const strata_constraint *k,
                   const strata_constraint *cons, size_t ncons,
                   const char *add, int written)
{
    const char *e = k->check ? k->check : "";
    int anon = written && !k->named, rc;

    if (k->kind == STRATA_CON_PRIMARY_KEY)
        /* MySQL names every primary key PRIMARY */
        return put(b, add) || put(b, "PRIMARY KEY ") ||
                       qi_list(b, k->columns, k->ncolumns)
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    if (put(b, add) ||
        (!anon && (put(b, "CONSTRAINT ") || my_qi(b, k->name) ||
                   put(b, " "))))
        return STRATA_ERR_NOMEM;
    switch (k->kind) {
    case STRATA_CON_UNIQUE:
        /* the index takes the constraint's name */
        return put(b, "UNIQUE ") ||
                       (!anon && (put(b, "KEY ") || my_qi(b, k->name) ||
                                  put(b, " "))) ||
                       qi_list(b, k->columns, k->ncolumns)
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    case STRATA_CON_CHECK:
        return put(b, "CHECK (") ||
                       (written ? put(b, e) : my_expr_to_mysql(b, e, r->bs))
                       || put(b, ")")
                   ? STRATA_ERR_NOMEM
                   : STRATA_OK;
    case STRATA_CON_FOREIGN_KEY:
        if (put(b, "FOREIGN KEY ") || qi_list(b, k->columns, k->ncolumns) ||
            put(b, " REFERENCES ") || qt(r, b, k->ref_table) || put(b, " "))
            return STRATA_ERR_NOMEM;
        if ((rc = ref_cols(r, k, cons, ncons, b)) != STRATA_OK)
            return rc;
        return fk_actions(r, b, k, *add != '\0');
    default:
        return my_host->error(r->c, STRATA_ERR_INVALID, NULL,
                              "constraint %s of %s: unknown kind %d",
                              k->name ? k->name : "", r->table, k->kind);
    }
}

/* Record a constraint (or key) name added in this call. */
static int con_added(rstate *r, int kind, const char *name)
{
    my_added *a = my_host->realloc(r->added, (r->nadded + 1) * sizeof *a);

    if (!a)
        return STRATA_ERR_NOMEM;
    r->added = a;
    a[r->nadded].kind = kind;
    if (!(a[r->nadded].name = my_host->strdup(name ? name : "")))
        return STRATA_ERR_NOMEM;
    r->nadded++;
    return STRATA_OK;
}

/* Record what k adds as the server names it: written unnamed, a foreign
 * key <table>_ibfk_<n> and a UNIQUE after its first column (a CHECK's
 * CONSTRAINT_<n> is never needed: DROP CONSTRAINT finds any kind). */
static int con_added_as(rstate *r, const strata_constraint *k, int written)
{
    char *name = NULL;
    int rc;

    if (!written || k->named || k->kind == STRATA_CON_PRIMARY_KEY ||
        k->kind == STRATA_CON_CHECK || !k->ncolumns)
        return con_added(r, k->kind, k->name);
    rc = k->kind == STRATA_CON_FOREIGN_KEY
             ? my_fk_auto_name(r->cat, r->added, r->nadded, r->table, &name)
             : my_key_auto_name(r->cat, r->added, r->nadded, k->columns[0],
                                &name);
    if (!rc)
        rc = con_added(r, k->kind, name);
    my_host->free(name);
    return rc;
}

/* Refusal of a statement that copies the table under a shared lock,
 * unless the migration allows locking. */
static int needs_locking(rstate *r, const strata_op *op, const char *what)
{
    /* A table created by this migration has no writers to block. */
    if (!op->online || (op->flags & STRATA_OP_ALLOW_LOCKING) ||
        ((const my_conn *)r->c)->allow_locking)
        return STRATA_OK;
    return my_host->error(r->c, STRATA_ERR_POLICY, NULL,
                          "%s on %s copies the table under a shared lock "
                          "(writes blocked); set allow_locking (strata.ini, "
                          "--allow-locking or the header 'allow_locking: "
                          "true') to accept that",
                          what, r->table);
}

/* Is there an index whose first keys are cols (InnoDB then creates no
 * index for a new foreign key on them)? */
static int indexed(const rstate *r, char *const *cols, size_t n)
{
    const strata_table *t = r->cat;

    for (size_t i = 0; t && i < t->nindexes; i++) {
        const strata_index *ix = &t->indexes[i];
        size_t k;

        if (ix->nkeys < n)
            continue;
        for (k = 0; k < n; k++)
            if (!ix->keys[k].column ||
                strcasecmp(ix->keys[k].column, cols[k]) != 0)
                break;
        if (k == n)
            return 1;
    }
    return 0;
}

/* SELECT COUNT(*) of rows of the table whose key (all columns set: MATCH
 * SIMPLE) has no parent row. */
static int orphan_query(rstate *r, strata_buf *b, const strata_constraint *k,
                        strata_buf *note, const char *when)
{
    size_t i;

    if (put(b, "SELECT COUNT(*) FROM ") || qt(r, b, r->table) ||
        put(b, " AS c WHERE "))
        return STRATA_ERR_NOMEM;
    for (i = 0; i < k->ncolumns; i++)
        if (put(b, "c.") || my_qi(b, k->columns[i]) ||
            put(b, " IS NOT NULL AND "))
            return STRATA_ERR_NOMEM;
    if (put(b, "NOT EXISTS (SELECT 1 FROM ") || qt(r, b, k->ref_table) ||
        put(b, " AS p WHERE "))
        return STRATA_ERR_NOMEM;
    for (i = 0; i < k->ncolumns; i++) {
        const char *rc = i < k->nref_columns ? k->ref_columns[i]
                                             : k->columns[i];

        if ((i && put(b, " AND ")) || put(b, "p.") || my_qi(b, rc) ||
            put(b, " = c.") || my_qi(b, k->columns[i]))
            return STRATA_ERR_NOMEM;
    }
    if (put(b, ")"))
        return STRATA_ERR_NOMEM;
    /* "rows of t.a have no match in r.id" */
    if (my_host->buf_printf(note, "rows of %s.", r->table))
        return STRATA_ERR_NOMEM;
    for (i = 0; i < k->ncolumns; i++)
        if (my_host->buf_printf(note, "%s%s%s", i ? ", " : "",
                                k->ncolumns > 1 && !i ? "(" : "",
                                k->columns[i]))
            return STRATA_ERR_NOMEM;
    if (my_host->buf_printf(note, "%s%s have no match in %s.",
                            k->ncolumns > 1 ? ")" : "", when,
                            k->ref_table))
        return STRATA_ERR_NOMEM;
    for (i = 0; i < k->nref_columns; i++)
        if (my_host->buf_printf(note, "%s%s%s%s", i ? ", " : "",
                                k->nref_columns > 1 && !i ? "(" : "",
                                k->ref_columns[i],
                                k->nref_columns > 1 &&
                                        i + 1 == k->nref_columns
                                    ? ")" : ""))
            return STRATA_ERR_NOMEM;
    if (!k->nref_columns && my_host->buf_printf(note, "(primary key)"))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

/* The names foreign key k and the index InnoDB makes for it (when
 * implicit_index) will have, host memory: its own, or (written without
 * one) those the server gives. */
static int fk_names(const rstate *r, const strata_constraint *k,
                    int written, int implicit_index, char **name,
                    char **index)
{
    int anon = written && !k->named;

    *name = *index = NULL;
    if (anon ? my_fk_auto_name(r->cat, r->added, r->nadded, r->table, name)
             : !(*name = my_host->strdup(k->name ? k->name : "")))
        return STRATA_ERR_NOMEM;
    if (!implicit_index)
        return STRATA_OK;
    /* InnoDB names the key after the constraint, or an unnamed one's
     * after its first column */
    return anon ? my_key_auto_name(r->cat, r->added, r->nadded,
                                   k->columns[0], index)
                : !(*index = my_host->strdup(*name)) ? STRATA_ERR_NOMEM
                                                     : STRATA_OK;
}

/* The statements adding foreign key k with ALTER TABLE text body (its
 * "ADD ..." part(s), the ADD COLUMN too when pre_guard is 0): orphan
 * query, the INPLACE build with foreign_key_checks off (MariaDB: SET
 * STATEMENT, so a failure cannot leave the session without checks),
 * and the orphan query again, whose undo drops the key by name, and
 * index, the index InnoDB creates for it (NULL: none)
 * (docs/design.md §5.2). */
static int emit_fk(rstate *r, const strata_constraint *k, const char *name,
                   const char *index, const char *body, int pre_guard,
                   int post_guard)
{
    strata_buf b = {0}, alt = {0}, note = {0};
    int rc = STRATA_OK;

    if (pre_guard) {
        rc = orphan_query(r, &b, k, &note, "");
        if (!rc)
            rc = emit(r, &b, STRATA_SQL_GUARD, NULL, note.data, NULL);
        my_host->buf_free(&note);
        if (rc)
            goto fail;
    }
    if (r->mysql8) {
        if (put(&b, "SET foreign_key_checks = 0") ||
            emit(r, &b, 0, NULL, NULL, NULL))
            goto nomem;
    } else if (put(&b, "SET STATEMENT foreign_key_checks = 0 FOR ")) {
        goto nomem;
    }
    /* the locking form checks the rows itself (COPY, checks on) */
    if (alter(r, &alt) || put(&alt, " ") || put(&alt, body) ||
        alter(r, &b) || put(&b, " ") || put(&b, body) ||
        put(&b, ", ALGORITHM=INPLACE, LOCK=NONE") ||
        emit(r, &b, STRATA_SQL_AUTOCOMMIT, LOCK_ONLINE, NULL, &alt))
        goto nomem;
    if (r->mysql8 && (put(&b, "SET foreign_key_checks = 1") ||
                      emit(r, &b, 0, NULL, NULL, NULL)))
        goto nomem;
    if (post_guard) {
        rc = orphan_query(r, &b, k, &note, " written meanwhile");
        if (!rc && (my_host->buf_printf(&note, ": foreign key %s dropped",
                                        name) ||
                    alter(r, &alt) || put(&alt, " DROP FOREIGN KEY ") ||
                    my_qi(&alt, name) ||
                    (index &&
                     (put(&alt, ", DROP INDEX ") || my_qi(&alt, index)))))
            rc = STRATA_ERR_NOMEM;
        if (!rc)
            rc = emit(r, &b, STRATA_SQL_GUARD, NULL, note.data, &alt);
        if (rc)
            goto fail;
    }
    my_host->buf_free(&note);
    return STRATA_OK;
nomem:
    rc = STRATA_ERR_NOMEM;
fail:
    my_host->buf_free(&b);
    my_host->buf_free(&alt);
    my_host->buf_free(&note);
    return rc;
}

/* ---- operations --------------------------------------------------------- */

/* ALTER TABLE t <body><online clause>, its locking form as alternative. */
static int emit_alter(rstate *r, const char *body, const char *clause,
                      const char *lock, const char *note)
{
    strata_buf b = {0}, alt = {0};

    if (alter(r, &b) || put(&b, " ") || put(&b, body) ||
        copy_buf(&alt, &b) || put(&b, clause) ||
        emit(r, &b, STRATA_SQL_AUTOCOMMIT, lock, note, &alt)) {
        my_host->buf_free(&b);
        my_host->buf_free(&alt);
        return STRATA_ERR_NOMEM;
    }
    return STRATA_OK;
}

#define ONLINE ", ALGORITHM=INPLACE, LOCK=NONE"
#define INSTANT ", ALGORITHM=INSTANT"
#define COPY ", ALGORITHM=COPY, LOCK=SHARED"
#define COPY_NOTE "locks the table: writes blocked"

/* A mysql section's ALTER TABLE as written, the online clause added (on
 * a line of its own after a comment that would swallow it), its
 * locking form the text alone: the server names what it adds. */
static int emit_written(rstate *r, const strata_op *op, const char *clause,
                        const char *lock)
{
    strata_buf b = {0}, alt = {0};
    const char *last;

    if (drv_put_written(my_host, &b, op) || copy_buf(&alt, &b))
        goto nomem;
    last = strrchr(b.data, '\n');
    last = last ? last : b.data;
    if ((strstr(last, "--") || strchr(last, '#')) && put(&b, "\n"))
        goto nomem;
    if (put(&b, clause) ||
        emit(r, &b, STRATA_SQL_AUTOCOMMIT, lock, NULL, &alt))
        goto nomem;
    return STRATA_OK;
nomem:
    my_host->buf_free(&b);
    my_host->buf_free(&alt);
    return STRATA_ERR_NOMEM;
}

static int render_create_table(rstate *r, const strata_op *op)
{
    strata_buf b = {0};
    const strata_constraint *cons = op->constraints;
    size_t ncons = op->nconstraints, i;
    int has_pk = 0, rc = STRATA_OK;

    /* A dialect section's table as written: the server names its
     * unnamed constraints and keys itself. */
    if (drv_as_written(op)) {
        if (drv_put_written(my_host, &b, op))
            goto nomem;
        goto done;
    }
    for (i = 0; i < ncons; i++)
        has_pk |= cons[i].kind == STRATA_CON_PRIMARY_KEY;
    if (put(&b, op->if_exists ? "CREATE TABLE IF NOT EXISTS "
                              : "CREATE TABLE ") ||
        qt(r, &b, r->table) || put(&b, " ("))
        goto nomem;
    for (i = 0; i < op->ncolumns; i++) {
        rcol k = {0};
        const strata_column *c = &op->columns[i];

        k.name = c->name;
        k.type = c->type;
        k.def = c->default_expr;
        k.notnull = c->notnull;
        k.autoinc = c->autoincrement;
        k.pk = c->pk;
        /* a CHECK written on the column stays there (MariaDB) */
        if (col_check(r, cons, ncons, c->name, 0, &k.check))
            goto nomem;
        rc = (i && put(&b, ", ")) || put_column(r, &b, &k, NULL);
        my_host->free(k.check);
        if (rc)
            goto nomem;
    }
    for (i = 0; i < ncons; i++) {
        if (!r->mysql8 && cons[i].ncolumns &&
            my_column_check(&cons[i], cons[i].columns[0]))
            continue;
        if (put(&b, ", "))
            goto nomem;
        if ((rc = put_con(r, &b, &cons[i], cons, ncons, "", 0)) !=
            STRATA_OK)
            goto fail;
    }
    /* AUTO_INCREMENT must be a key: serial is the primary key when the
     * table has none, else it gets an index. */
    for (i = 0; i < op->ncolumns; i++) {
        const strata_column *c = &op->columns[i];

        if (!c->autoincrement && !is_serial(c->type))
            continue;
        if (!has_pk) {
            if (put(&b, ", PRIMARY KEY (") || my_qi(&b, c->name) ||
                put(&b, ")"))
                goto nomem;
            has_pk = 1;
        } else if (!c->pk) {
            if (put(&b, ", KEY (") || my_qi(&b, c->name) || put(&b, ")"))
                goto nomem;
        }
    }
    /* No ENGINE or CHARSET: the database's defaults, as for a table the
     * user creates with raw SQL beside it (a foreign key between the
     * two needs one character set). */
    if (put(&b, ")"))
        goto nomem;
done:
    if (emit(r, &b, STRATA_SQL_AUTOCOMMIT, LOCK_META, NULL, NULL))
        goto nomem;
    for (i = 0; i < ncons; i++)
        if (con_added(r, cons[i].kind, cons[i].name))
            return drv_nomem(r->c);
    for (i = 0; i < op->ncolumns; i++)
        if (cols_add(r, &op->columns[i], cons, ncons, drv_as_written(op)))
            return drv_nomem(r->c);
    return STRATA_OK;
nomem:
    rc = drv_nomem(r->c);
fail:
    my_host->buf_free(&b);
    return rc;
}

static int instant_add(const rstate *r)
{
    return r->mysql8 ? r->version >= 80012 : r->version >= 100307;
}

/* A timestamptz column defaulting to CURRENT_TIMESTAMP: MariaDB copies
 * the table to add one whose default is UTC_TIMESTAMP (an expression),
 * but adds one defaulting to CURRENT_TIMESTAMP instantly, and strata's
 * session is UTC, so existing rows get the time of the change in UTC;
 * the default for new rows then becomes UTC_TIMESTAMP, also without a
 * copy.  locking is the one-step form (the copy). */
static int add_utc_column(rstate *r, const rcol *col, const char *locking)
{
    strata_buf mapped = {0}, body = {0}, alt = {0}, b = {0};
    rcol k = *col;
    int flags, rc;

    rc = col_type(col, &mapped, &flags);
    k.type = mapped.data;
    k.live = 1; /* as it is, and CURRENT_TIMESTAMP stays local */
    k.def = (char *)"CURRENT_TIMESTAMP";
    rc = rc || put(&body, "ADD COLUMN ") || put_column(r, &body, &k, NULL) ||
         alter(r, &b) || put(&b, " ") || put(&b, body.data) ||
         put(&b, ", ALGORITHM=INSTANT") || alter(r, &alt) ||
         put(&alt, " ") || put(&alt, locking) ||
         emit(r, &b, STRATA_SQL_AUTOCOMMIT, LOCK_INSTANT,
              "existing rows get the time of the change", &alt);
    body.len = 0;
    rc = rc || put(&body, "ALTER COLUMN ") || my_qi(&body, k.name) ||
         put(&body, " SET DEFAULT ") ||
         put_default(r, &body, col->def, mapped.data, 1) ||
         emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL);
    my_host->buf_free(&mapped);
    my_host->buf_free(&body);
    my_host->buf_free(&alt);
    my_host->buf_free(&b);
    return rc ? drv_nomem(r->c) : STRATA_OK;
}

static int render_add_column(rstate *r, const strata_op *op)
{
    const strata_column *c;
    const strata_constraint *fk = NULL;
    strata_buf body = {0}, b = {0};
    rcol k = {0};
    int written = drv_as_written(op);
    int check = 0, keyed = 0, rc = STRATA_OK, kind;
    size_t i;

    c = &op->columns[0];
    k.name = c->name;
    k.type = c->type;
    k.def = c->default_expr;
    k.notnull = c->notnull;
    k.autoinc = c->autoincrement && !written;
    k.live = written; /* the type as written: no mapping */
    k.written = written;
    /* a CHECK written on the column stays there (MariaDB) */
    if (col_check(r, op->constraints, op->nconstraints, c->name, written,
                  &k.check) ||
        put(&body, "ADD COLUMN ") || put_column(r, &body, &k, NULL))
        goto nomem;
    for (i = 0; i < op->nconstraints; i++) {
        const strata_constraint *kc = &op->constraints[i];

        check |= kc->kind == STRATA_CON_CHECK;
        keyed |= kc->kind == STRATA_CON_UNIQUE ||
                 kc->kind == STRATA_CON_PRIMARY_KEY;
        if (kc->kind == STRATA_CON_FOREIGN_KEY) {
            if (fk) {
                rc = bad(r, STRATA_ERR_INVALID,
                         "ADD COLUMN %s on %s with two foreign keys",
                         c->name, r->table);
                goto fail;
            }
            fk = kc;
        }
        if (k.check && my_column_check(kc, c->name))
            continue;
        if (put(&body, ", "))
            goto nomem;
        if ((rc = put_con(r, &body, kc, op->constraints, op->nconstraints,
                          "ADD ", written)) != STRATA_OK)
            goto fail;
    }
    if (check) {
        /* a CHECK validates every row: COPY under a shared lock */
        strata_buf what = {0};

        if (my_host->buf_printf(&what, "ADD COLUMN %s with a CHECK",
                                c->name)) {
            my_host->buf_free(&what);
            goto nomem;
        }
        rc = needs_locking(r, op, what.data);
        my_host->buf_free(&what);
        if (rc)
            goto fail;
        if (fk) {
            rc = bad(r, STRATA_ERR_NOTSUP,
                     "ADD COLUMN %s on %s with both a CHECK and a foreign "
                     "key: add them with separate statements",
                     c->name, r->table);
            goto fail;
        }
        /* a dialect section's text as written: the server names its
         * CHECK, as with the client */
        if (written ? emit_written(r, op, COPY, LOCK_SHARED)
                    : (alter(r, &b) || put(&b, " ") || put(&b, body.data) ||
                       put(&b, COPY) ||
                       emit(r, &b, STRATA_SQL_AUTOCOMMIT, LOCK_SHARED,
                            COPY_NOTE, NULL)))
            goto nomem;
    } else if (fk) {
        char *name, *index;

        /* a new column's rows hold its default: orphans only if that
         * default is set */
        kind = my_default_kind(c->default_expr);
        rc = fk_names(r, fk, written,
                      !keyed && !indexed(r, fk->columns, fk->ncolumns),
                      &name, &index);
        if (rc == STRATA_OK)
            rc = emit_fk(r, fk, name, index, body.data, 0,
                         c->default_expr && kind != MY_DEF_NULL);
        my_host->free(name);
        my_host->free(index);
        if (rc)
            goto fail;
    } else {
        strata_buf m = {0};
        int flags = 0;

        kind = c->default_expr ? my_default_kind(c->default_expr)
                               : MY_DEF_NULL;
        if (col_type(&k, &m, &flags))
            goto nomem;
        my_host->buf_free(&m);
        /* INSTANT appends a column with a constant default (MariaDB
         * also CURRENT_TIMESTAMP, not UTC_TIMESTAMP); an expression
         * default, a key or AUTO_INCREMENT rebuild the table */
        if (kind == MY_DEF_NOW && utc_column(&k, flags) && !keyed &&
            !r->mysql8 && instant_add(r)) {
            rc = add_utc_column(r, &k, body.data);
            if (rc)
                goto fail;
        } else if (!keyed && !k.autoinc && !(flags & MY_TYPE_SERIAL) &&
            instant_add(r) &&
            (kind == MY_DEF_CONST || kind == MY_DEF_NULL ||
             (kind == MY_DEF_NOW && !r->mysql8 && !utc_column(&k, flags))))
            rc = written
                     ? emit_written(r, op, INSTANT, LOCK_INSTANT)
                     : emit_alter(r, body.data, INSTANT, LOCK_INSTANT, NULL);
        else
            rc = written
                     ? emit_written(r, op, ONLINE, LOCK_ONLINE)
                     : emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL);
        if (rc)
            goto nomem;
    }
    my_host->buf_free(&body);
    my_host->free(k.check);
    for (i = 0; i < op->nconstraints; i++)
        if (con_added_as(r, &op->constraints[i], written))
            return drv_nomem(r->c);
    return cols_add(r, c, op->constraints, op->nconstraints, written)
               ? drv_nomem(r->c)
               : STRATA_OK;
nomem:
    rc = drv_nomem(r->c);
fail:
    my_host->buf_free(&body);
    my_host->buf_free(&b);
    my_host->free(k.check);
    return rc;
}

/* MODIFY COLUMN with k's whole definition. */
static int emit_modify(rstate *r, const rcol *k)
{
    strata_buf body = {0};
    int rc;

    if (put(&body, "MODIFY COLUMN ") || put_column(r, &body, k, NULL)) {
        my_host->buf_free(&body);
        return drv_nomem(r->c);
    }
    rc = emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL);
    my_host->buf_free(&body);
    return rc ? drv_nomem(r->c) : STRATA_OK;
}

static rcol *column_of(rstate *r, const strata_op *op)
{
    rcol *k = find_col(r, op->name);

    if (!k) {
        bad(r, STRATA_ERR_INVALID,
            "%s of column %s on %s: the column is not in the catalog",
            drv_op_word(op->kind), op->name, r->table);
        return NULL;
    }
    if (k->generated) {
        bad(r, STRATA_ERR_NOTSUP,
            "%s of column %s on %s: a generated column; change it with "
            "raw SQL in a mysql section",
            drv_op_word(op->kind), op->name, r->table);
        return NULL;
    }
    return k;
}

static int render_column_change(rstate *r, const strata_op *op)
{
    rcol *k = column_of(r, op);
    strata_buf body = {0}, mapped = {0};
    int flags, rc;

    if (!k)
        return r->c->code;
    switch (op->kind) {
    case STRATA_OP_SET_NOT_NULL:
    case STRATA_OP_DROP_NOT_NULL:
        k->notnull = op->kind == STRATA_OP_SET_NOT_NULL;
        return emit_modify(r, k);
    case STRATA_OP_ALTER_TYPE:
        if (set_str(&k->type, op->type))
            return drv_nomem(r->c);
        /* a portable type now, or a dialect section's as written */
        k->live = drv_as_written(op);
        return emit_modify(r, k);
    case STRATA_OP_DROP_DEFAULT:
        if (put(&body, "ALTER COLUMN ") || my_qi(&body, k->name) ||
            put(&body, " DROP DEFAULT"))
            goto nomem;
        set_str(&k->def, NULL);
        break;
    default: /* SET DEFAULT */
        if (col_type(k, &mapped, &flags) ||
            put(&body, "ALTER COLUMN ") || my_qi(&body, k->name) ||
            put(&body, " SET DEFAULT ") ||
            put_default(r, &body, op->default_expr, mapped.data,
                        utc_column(k, flags)) ||
            set_str(&k->def, op->default_expr))
            goto nomem;
        my_host->buf_free(&mapped);
        break;
    }
    rc = emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL);
    my_host->buf_free(&body);
    return rc ? drv_nomem(r->c) : STRATA_OK;
nomem:
    my_host->buf_free(&body);
    my_host->buf_free(&mapped);
    return drv_nomem(r->c);
}

/* The kind of constraint name: the catalog's, or one added in this
 * call; 0 when unknown. */
static int kind_of(const rstate *r, const char *name,
                   const strata_constraint **found)
{
    *found = NULL;
    for (size_t i = r->nadded; i-- > 0;)
        if (strcasecmp(r->added[i].name, name) == 0)
            return r->added[i].kind;
    for (size_t i = 0; r->cat && i < r->cat->nconstraints; i++)
        if (r->cat->constraints[i].name &&
            strcasecmp(r->cat->constraints[i].name, name) == 0) {
            *found = &r->cat->constraints[i];
            return r->cat->constraints[i].kind;
        }
    return 0;
}

/* The index InnoDB made for foreign key k: named after it, on its
 * columns. */
static int fk_index(const rstate *r, const strata_constraint *k)
{
    for (size_t i = 0; k && r->cat && i < r->cat->nindexes; i++) {
        const strata_index *ix = &r->cat->indexes[i];
        size_t j;

        if (!ix->name || strcasecmp(ix->name, k->name) != 0 || ix->unique ||
            ix->nkeys != k->ncolumns)
            continue;
        for (j = 0; j < ix->nkeys; j++)
            if (!ix->keys[j].column ||
                strcasecmp(ix->keys[j].column, k->columns[j]) != 0)
                break;
        return j == ix->nkeys;
    }
    return 0;
}

static int render_constraint(rstate *r, const strata_op *op)
{
    const strata_constraint *k, *found;
    strata_buf body = {0};
    int written = drv_as_written(op), rc;

    if (op->kind == STRATA_OP_DROP_CONSTRAINT) {
        int kind = kind_of(r, op->name, &found);
        rcol *col;

        /* MariaDB's CHECK on a column goes with the column's definition:
         * MODIFY COLUMN without it (DROP CONSTRAINT cannot name it) */
        if (found && !r->mysql8 && found->ncolumns &&
            my_column_check(found, found->columns[0]) &&
            (col = find_col(r, found->columns[0])) && col->check) {
            my_host->free(col->check);
            col->check = NULL;
            return emit_modify(r, col);
        }
        switch (kind) {
        case STRATA_CON_PRIMARY_KEY:
            rc = put(&body, "DROP PRIMARY KEY");
            break;
        case STRATA_CON_UNIQUE:
            rc = put(&body, "DROP INDEX ") || my_qi(&body, op->name);
            break;
        case STRATA_CON_FOREIGN_KEY:
            /* with the index InnoDB made for it, as PostgreSQL has
             * none: a derived downgrade leaves the table as it was */
            rc = put(&body, "DROP FOREIGN KEY ") || my_qi(&body, op->name) ||
                 (fk_index(r, found) &&
                  (put(&body, ", DROP INDEX ") || my_qi(&body, op->name)));
            break;
        case STRATA_CON_CHECK:
            rc = put(&body, r->mysql8 ? "DROP CHECK " : "DROP CONSTRAINT ") ||
                 my_qi(&body, op->name);
            break;
        default:
            rc = put(&body, "DROP CONSTRAINT ") || my_qi(&body, op->name);
            break;
        }
        rc = rc || emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL);
        my_host->buf_free(&body);
        return rc ? drv_nomem(r->c) : STRATA_OK;
    }
    k = &op->constraints[0];
    if ((rc = put_con(r, &body, k, r->cat ? r->cat->constraints : NULL,
                      r->cat ? r->cat->nconstraints : 0, "ADD ",
                      written)) != STRATA_OK) {
        my_host->buf_free(&body);
        return rc == STRATA_ERR_NOMEM ? drv_nomem(r->c) : rc;
    }
    switch (k->kind) {
    case STRATA_CON_CHECK: {
        strata_buf what = {0}, b = {0};

        if (my_host->buf_printf(&what, "ADD CONSTRAINT %s CHECK",
                                k->name ? k->name : "")) {
            rc = drv_nomem(r->c);
        } else if ((rc = needs_locking(r, op, what.data)) == STRATA_OK) {
            /* no NOT VALID in MySQL: the rows are checked in a copy */
            if (alter(r, &b) || put(&b, " ") || put(&b, body.data) ||
                put(&b, COPY) ||
                emit(r, &b, STRATA_SQL_AUTOCOMMIT, LOCK_SHARED, COPY_NOTE,
                     NULL))
                rc = drv_nomem(r->c);
        }
        my_host->buf_free(&what);
        my_host->buf_free(&b);
        break;
    }
    case STRATA_CON_FOREIGN_KEY: {
        char *name, *index;

        rc = fk_names(r, k, written, !indexed(r, k->columns, k->ncolumns),
                      &name, &index);
        if (rc == STRATA_OK)
            rc = emit_fk(r, k, name, index, body.data, 1, 1);
        my_host->free(name);
        my_host->free(index);
        if (rc == STRATA_ERR_NOMEM)
            rc = drv_nomem(r->c);
        break;
    }
    default:
        rc = emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL)
                 ? drv_nomem(r->c) : STRATA_OK;
        break;
    }
    my_host->buf_free(&body);
    if (rc == STRATA_OK && con_added_as(r, k, written))
        rc = drv_nomem(r->c);
    return rc;
}

static int render_create_index(rstate *r, const strata_op *op)
{
    const strata_index *ix = op->index;
    strata_buf body = {0}, b = {0};
    int rc;

    for (size_t i = 0; i < ix->nkeys; i++)
        if (!ix->keys[i].column || (ix->where && *ix->where))
            return my_host->error(r->c, STRATA_ERR_NOTSUP, NULL,
                                  "partial/expression indexes have no "
                                  "MariaDB form: put this statement in a "
                                  "dialect section");
    if (put(&body, ix->unique ? "ADD UNIQUE INDEX " : "ADD INDEX ") ||
        my_qi(&body, ix->name ? ix->name : op->name) || put(&body, " ("))
        goto nomem;
    for (size_t i = 0; i < ix->nkeys; i++)
        if ((i && put(&body, ", ")) || my_qi(&body, ix->keys[i].column) ||
            (ix->keys[i].desc && put(&body, " DESC")))
            goto nomem;
    if (put(&body, ")"))
        goto nomem;
    if (op->online) {
        rc = emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL);
    } else {
        /* a table this migration created: nobody writes to it yet */
        rc = alter(r, &b) || put(&b, " ") || put(&b, body.data) ||
             emit(r, &b, STRATA_SQL_AUTOCOMMIT, LOCK_NEW, NULL, NULL);
    }
    my_host->buf_free(&body);
    my_host->buf_free(&b);
    return rc ? drv_nomem(r->c) : STRATA_OK;
nomem:
    my_host->buf_free(&body);
    return drv_nomem(r->c);
}

/* Do the first n keys of ix spell cols? */
static int leads_with(const strata_index *ix, char *const *cols, size_t n)
{
    size_t k;

    if (ix->nkeys < n)
        return 0;
    for (k = 0; k < n; k++)
        if (!ix->keys[k].column || strcasecmp(ix->keys[k].column, cols[k]))
            return 0;
    return 1;
}

/* InnoDB refuses to drop the only index a foreign key can use (1553),
 * and it dropped the key's own index when this one was created: give
 * it back in the same statement, named after the key, as InnoDB names
 * the index it creates. */
static int keep_fk_index(const rstate *r, const char *index, strata_buf *b)
{
    const strata_table *t = r->cat;
    const strata_index *gone = NULL;

    for (size_t i = 0; t && i < t->nindexes; i++)
        if (t->indexes[i].name && strcasecmp(t->indexes[i].name, index) == 0)
            gone = &t->indexes[i];
    for (size_t i = 0; gone && i < t->nconstraints; i++) {
        const strata_constraint *k = &t->constraints[i];
        int other = 0;

        if (k->kind != STRATA_CON_FOREIGN_KEY || !k->ncolumns ||
            !leads_with(gone, k->columns, k->ncolumns))
            continue;
        for (size_t j = 0; j < t->nindexes && !other; j++)
            other = &t->indexes[j] != gone &&
                    leads_with(&t->indexes[j], k->columns, k->ncolumns);
        if (other)
            continue;
        if (put(b, ", ADD INDEX ") || my_qi(b, k->name) || put(b, " ") ||
            qi_list(b, k->columns, k->ncolumns))
            return STRATA_ERR_NOMEM;
    }
    return STRATA_OK;
}

static int render_simple(rstate *r, const strata_op *op)
{
    strata_buf b = {0}, body = {0};
    int rc;

    switch (op->kind) {
    case STRATA_OP_DROP_TABLE:
        rc = put(&b, op->if_exists ? "DROP TABLE IF EXISTS " : "DROP TABLE ")
             || qt(r, &b, r->table) ||
             emit(r, &b, STRATA_SQL_AUTOCOMMIT, LOCK_META, NULL, NULL);
        break;
    case STRATA_OP_RENAME_TABLE:
        rc = put(&b, "RENAME TABLE ") || qt(r, &b, r->table) ||
             put(&b, " TO ") || qt(r, &b, op->new_name) ||
             emit(r, &b, STRATA_SQL_AUTOCOMMIT, LOCK_META, NULL, NULL);
        if (!rc)
            rc = set_str(&r->table, op->new_name);
        break;
    case STRATA_OP_DROP_COLUMN:
        rc = put(&body, "DROP COLUMN ") || my_qi(&body, op->name) ||
             emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL);
        if (!rc) {
            rcol *k = find_col(r, op->name);

            if (k) {
                rcol_clear(k);
                *k = r->cols[--r->ncols];
            }
        }
        break;
    case STRATA_OP_DROP_INDEX:
        rc = put(&body, "DROP INDEX ") || my_qi(&body, op->name) ||
             keep_fk_index(r, op->name, &body);
        if (rc)
            break;
        if (op->online) {
            rc = emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL);
        } else {
            rc = alter(r, &b) || put(&b, " ") || put(&b, body.data) ||
                 emit(r, &b, STRATA_SQL_AUTOCOMMIT, LOCK_META, NULL, NULL);
        }
        break;
    default: { /* RENAME COLUMN */
        rcol *k = find_col(r, op->name);

        if (r->mysql8 ? r->version >= 80000 : r->version >= 100500) {
            rc = put(&body, "RENAME COLUMN ") || my_qi(&body, op->name) ||
                 put(&body, " TO ") || my_qi(&body, op->new_name);
        } else if (!k) {
            return bad(r, STRATA_ERR_INVALID,
                       "RENAME COLUMN %s on %s: the column is not in the "
                       "catalog", op->name, r->table);
        } else {
            /* before RENAME COLUMN: CHANGE with the whole definition */
            rc = put(&body, "CHANGE COLUMN ") || my_qi(&body, op->name) ||
                 put(&body, " ") || put_column(r, &body, k, op->new_name);
        }
        rc = rc || emit_alter(r, body.data, ONLINE, LOCK_ONLINE, NULL);
        if (!rc && k)
            rc = set_str(&k->name, op->new_name);
        break;
    }
    }
    my_host->buf_free(&b);
    my_host->buf_free(&body);
    return rc ? drv_nomem(r->c) : STRATA_OK;
}

/* ---- render() ----------------------------------------------------------- */

static void state_free(rstate *r)
{
    for (size_t i = 0; i < r->ncols; i++)
        rcol_clear(&r->cols[i]);
    my_host->free(r->cols);
    for (size_t i = 0; i < r->nadded; i++)
        my_host->free(r->added[i].name);
    my_host->free(r->added);
    my_host->free(r->table);
}

int my_render(strata_conn *c, const strata_op *ops, size_t nops,
              const strata_table *catalog, strata_sql_list *out)
{
    rstate r = {.c = c, .cat = catalog};
    const char *table;
    int rc = STRATA_OK;

    if (!out)
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "render: no output list");
    out->items = NULL;
    out->count = 0;
    if (!ops || !nops)
        return STRATA_OK;
    r.out = out;
    r.mysql8 = my_is_mysql8(c);
    r.version = my_version(c);
    r.bs = my_backslashes(c);
    table = ops[0].table;
    if (!table && ops[0].kind == STRATA_OP_CREATE_INDEX && ops[0].index)
        table = ops[0].index->table;
    if (!table && catalog && catalog->name)
        table = catalog->name;
    if (!table)
        return my_host->error(c, STRATA_ERR_INVALID, NULL,
                              "%s without a table", drv_op_word(ops[0].kind));
    if (!(r.table = my_host->strdup(table)) || cols_init(&r)) {
        rc = drv_nomem(c);
        goto done;
    }
    for (size_t i = 0; i < nops && rc == STRATA_OK; i++) {
        const strata_op *op = &ops[i];

        r.schema = op->schema;
        switch (op->kind) {
        case STRATA_OP_CREATE_TABLE:
            rc = render_create_table(&r, op);
            break;
        case STRATA_OP_ADD_COLUMN:
            rc = render_add_column(&r, op);
            break;
        case STRATA_OP_SET_NOT_NULL:
        case STRATA_OP_DROP_NOT_NULL:
        case STRATA_OP_SET_DEFAULT:
        case STRATA_OP_DROP_DEFAULT:
        case STRATA_OP_ALTER_TYPE:
            rc = render_column_change(&r, op);
            break;
        case STRATA_OP_ADD_CONSTRAINT:
        case STRATA_OP_DROP_CONSTRAINT:
            rc = render_constraint(&r, op);
            break;
        case STRATA_OP_CREATE_INDEX:
            rc = render_create_index(&r, op);
            break;
        case STRATA_OP_DROP_TABLE:
        case STRATA_OP_RENAME_TABLE:
        case STRATA_OP_RENAME_COLUMN:
        case STRATA_OP_DROP_COLUMN:
        case STRATA_OP_DROP_INDEX:
            rc = render_simple(&r, op);
            break;
        default:
            rc = my_host->error(c, STRATA_ERR_INVALID, NULL,
                                "cannot render operation kind %d on "
                                "MySQL/MariaDB", op->kind);
            break;
        }
    }
done:
    state_free(&r);
    if (rc != STRATA_OK)
        strata_abi_sql_list_free(my_host, out);
    return rc;
}
