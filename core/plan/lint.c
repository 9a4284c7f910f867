/* lint.c - the rules of `strata lint`: a walk over the chain per dialect
 * with a simulated set of tables, the core's rules on portable
 * operations, the driver's (or the standard-SQL reading's) on raw
 * statements, suppression comments, and findings merged across
 * dialects. */
#include "plan/lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/catalog.h"
#include "util/config.h"
#include "db/history.h"
#include "db/host.h"
#include "sql/op.h"
#include "sql/parser.h"
#include "plan/catcache.h"
#include "plan/group.h"
#include "plan/planner.h"
#include "sql/ident.h"
#include "sql/sqltok.h"

/* ---- the rules (the table: lint_rules.c) ------------------------------- */

/* Rules the core decides from a portable operation itself; a driver's
 * hit of the same id on the operation's text would say it twice. */
static const char *const core_op_rules[] = {
    "index-not-online", "add-column-not-null", "alter-column-type",
    "rename-column",    "rename-table",        "drop-column",
    "drop-table",       NULL};

static int is_core_op_rule(const char *id)
{
    for (size_t i = 0; core_op_rules[i]; i++)
        if (strcmp(core_op_rules[i], id) == 0)
            return 1;
    return 0;
}

/* ---- hit lists ---------------------------------------------------------- */

void strata__lint_list_free(strata_lint_list *l)
{
    strata_abi_lint_list_free(strata__host(), l);
}

/* Append a hit; message is taken over (NULL means out of memory). */
static int add_hit(strata_lint_list *l, const char *rule, const char *table,
                   char *message)
{
    const strata_lint_rule *r = strata__lint_rule(rule);
    strata_lint_hit *items, *e;

    if (!message)
        return STRATA_ERR_NOMEM;
    items = realloc(l->items, (l->count + 1) * sizeof *items);
    if (!items) {
        free(message);
        return STRATA_ERR_NOMEM;
    }
    l->items = items;
    e = &items[l->count++];
    memset(e, 0, sizeof *e);
    e->message = message;
    e->error = r ? r->error : 1;
    e->existing_table = table != NULL;
    e->rule = strdup(rule);
    e->table = table ? strdup(table) : NULL;
    return e->rule && (!table || e->table) ? STRATA_OK : STRATA_ERR_NOMEM;
}

/* ---- messages shared by portable operations and raw statements ---------- */

static const char *nz(const char *s)
{
    return s ? s : "?";
}

static char *msg_add_column(const char *col, const char *t)
{
    return strata__sprintf(
        "ADD COLUMN \"%s\" NOT NULL without a DEFAULT fails once \"%s\" "
        "has rows (MySQL fills in an implicit value instead); give it a "
        "DEFAULT, or add it nullable, backfill, then SET NOT NULL",
        nz(col), nz(t));
}

static char *msg_alter_type(const char *col, const char *t, const char *to,
                            const char *from)
{
    return strata__sprintf(
        "column \"%s\" of \"%s\" changes type%s%s%s%s: engines rewrite or "
        "copy the table under a lock for most changes, and running code "
        "may not expect the new type; add a new column, backfill, switch "
        "readers, drop the old one",
        nz(col), nz(t), from ? " from " : "", from ? from : "",
        to ? " to " : "", to ? to : "");
}

static char *msg_rename_column(const char *a, const char *b, const char *t)
{
    return strata__sprintf(
        "RENAME COLUMN \"%s\" TO \"%s\" on \"%s\" breaks running code "
        "that still uses the old name; add the new column, write both, "
        "switch readers, then drop the old one",
        nz(a), nz(b), nz(t));
}

static char *msg_rename_table(const char *a, const char *b)
{
    return strata__sprintf(
        "RENAME TABLE \"%s\" TO \"%s\" breaks running code that still "
        "uses the old name; create the new table (or a view) and move "
        "readers over first",
        nz(a), nz(b));
}

static char *msg_drop_column(const char *col, const char *t)
{
    return strata__sprintf(
        "DROP COLUMN \"%s\" of \"%s\" loses its data and breaks code "
        "still reading it; stop using it first, then suppress with the "
        "reason (-- strata:allow drop-column REASON)",
        nz(col), nz(t));
}

static char *msg_drop_table(const char *t)
{
    return strata__sprintf(
        "DROP TABLE \"%s\" loses its data and breaks code still using "
        "it; stop using it first, then suppress with the reason "
        "(-- strata:allow drop-table REASON)",
        nz(t));
}

/* ---- suppressions ------------------------------------------------------- */

void strata__lint_allows_free(strata_allow_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i].rule);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int rule_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/* Read the "strata:allow ..." comments of text[from, to) (a "--"
 * comment runs to the end of its line, even past to) into out. */
static int scan_allows(strata_allow_list *out, const char *text, size_t tlen,
                       size_t from, size_t to, unsigned line)
{
    static const char tag[] = "strata:allow";

    for (size_t i = from; i < to && i < tlen; i++) {
        size_t j, eol, ids, end;
        int reason;

        if (text[i] == '\n') {
            line++;
            continue;
        }
        if (text[i] != '-' || i + 1 >= tlen || text[i + 1] != '-')
            continue;
        for (eol = i; eol < tlen && text[eol] != '\n'; eol++)
            ;
        j = i + 2;
        while (j < eol && (text[j] == ' ' || text[j] == '\t'))
            j++;
        if (eol - j < sizeof tag - 1 ||
            strncasecmp(text + j, tag, sizeof tag - 1) != 0) {
            i = eol - 1; /* the rest of the line is this comment */
            continue;
        }
        j += sizeof tag - 1;
        /* Rule ids, separated by commas; then the reason. */
        while (j < eol && (text[j] == ' ' || text[j] == '\t'))
            j++;
        ids = j;
        while (j < eol && (rule_char(text[j]) || text[j] == ','))
            j++;
        end = j;
        while (j < eol && isspace((unsigned char)text[j]))
            j++;
        reason = j < eol;
        for (size_t k = ids; k < end;) {
            size_t s = k;
            strata_allow *items;

            while (k < end && text[k] != ',')
                k++;
            if (k > s) {
                items = realloc(out->items,
                                (out->count + 1) * sizeof *items);
                if (!items)
                    return STRATA_ERR_NOMEM;
                out->items = items;
                items[out->count].rule = strndup(text + s, k - s);
                items[out->count].has_reason = reason;
                items[out->count].line = line;
                if (!items[out->count].rule)
                    return STRATA_ERR_NOMEM;
                out->count++;
            }
            k++;
        }
        if (ids == end) { /* "strata:allow" naming nothing */
            strata_allow *items =
                realloc(out->items, (out->count + 1) * sizeof *items);
            if (!items)
                return STRATA_ERR_NOMEM;
            out->items = items;
            items[out->count].rule = strdup("");
            items[out->count].has_reason = 0;
            items[out->count].line = line;
            if (!items[out->count].rule)
                return STRATA_ERR_NOMEM;
            out->count++;
        }
        i = eol - 1;
    }
    return STRATA_OK;
}

static unsigned line_of(const char *text, size_t off)
{
    unsigned line = 1;

    for (size_t i = 0; i < off; i++)
        line += text[i] == '\n';
    return line;
}

/* Start of the line holding text[off]. */
static size_t bol(const char *text, size_t off)
{
    while (off > 0 && text[off - 1] != '\n')
        off--;
    return off;
}

/* 1 when text[from, to) is blank. */
static int blank(const char *text, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!isspace((unsigned char)text[i]))
            return 0;
    return 1;
}

int strata__lint_allows(strata_allow_list *out, const char *text,
                        size_t tlen, size_t off, size_t len)
{
    size_t end = off + len, first = bol(text, off), eol;
    unsigned line = line_of(text, first);
    int rc;

    memset(out, 0, sizeof *out);
    if (off > tlen)
        return STRATA_OK;
    if (end > tlen)
        end = tlen;
    /* Comment lines right above, when the statement starts its line;
     * a directive line ("-- +up") ends them. */
    if (blank(text, first, off)) {
        size_t top = first;
        unsigned top_line = line;

        while (top > 0) {
            size_t prev = bol(text, top - 1), s = prev;

            while (s < top && (text[s] == ' ' || text[s] == '\t'))
                s++;
            if (s + 1 >= top || text[s] != '-' || text[s + 1] != '-' ||
                (s + 3 < top && text[s + 2] == ' ' && text[s + 3] == '+'))
                break;
            top = prev;
            top_line--;
        }
        rc = scan_allows(out, text, tlen, top, first, top_line);
        if (rc != STRATA_OK)
            goto fail;
    }
    /* The statement itself, and the rest of its last line after the
     * terminator ("DROP TABLE t;  -- strata:allow drop-table ..."). */
    for (eol = end; eol < tlen && text[eol] != '\n'; eol++)
        ;
    rc = scan_allows(out, text, tlen, off, eol, line_of(text, off));
    if (rc == STRATA_OK)
        return STRATA_OK;
fail:
    strata__lint_allows_free(out);
    return rc;
}

int strata__lint_allows_all(strata_allow_list *out, const char *text,
                            size_t tlen)
{
    int rc;

    memset(out, 0, sizeof *out);
    rc = scan_allows(out, text, tlen, 0, tlen, 1);
    if (rc != STRATA_OK)
        strata__lint_allows_free(out);
    return rc;
}

int strata__lint_allowed(const strata_allow_list *l, const char *rule)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcasecmp(l->items[i].rule, rule) == 0)
            return 1;
    return 0;
}

/* ---- raw statements with standard SQL rules ----------------------------- */

void strata__lint_raw_free(strata_raw_lint *r)
{
    strata__lint_list_free(&r->hits);
    for (size_t i = 0; i < r->neffects; i++) {
        free(r->effects[i].name);
        free(r->effects[i].new_name);
    }
    free(r->effects);
    memset(r, 0, sizeof *r);
}

typedef struct toks {
    const strata_toklist *l;
    size_t end; /* exclusive bound of what is read */
} toks;

static const strata_tok *tk(const toks *t, size_t i)
{
    return i < t->end ? &t->l->items[i] : NULL;
}

static int w(const toks *t, size_t i, const char *word)
{
    return strata__sqltok_is(tk(t, i), word);
}

static int w_any(const toks *t, size_t i, const char *const *words)
{
    for (size_t k = 0; words[k]; k++)
        if (w(t, i, words[k]))
            return 1;
    return 0;
}

/* A name at i, schema-qualified or not: *out = its last part, unquoted
 * (malloc'd).  Returns the index after it; i (and *out NULL) when there
 * is no name there. */
static size_t name_at(const toks *t, size_t i, char **out)
{
    size_t k = i;

    *out = NULL;
    for (;;) {
        const strata_tok *x = tk(t, k);
        char *s;

        if (!x)
            break;
        if (x->kind == STRATA_TOK_WORD || x->kind == STRATA_TOK_QUOTED) {
            s = strdup(x->text);
        } else if (x->kind == STRATA_TOK_OTHER && x->text[0] == '`') {
            /* MySQL `name`, `` for one backtick */
            size_t n = strlen(x->text), o = 0;
            s = malloc(n);
            for (size_t j = 1; s && j + 1 < n; j++) {
                s[o++] = x->text[j];
                if (x->text[j] == '`' && x->text[j + 1] == '`')
                    j++;
            }
            if (s)
                s[o] = '\0';
        } else {
            break;
        }
        free(*out);
        *out = s;
        if (!s)
            return i;
        k++;
        x = tk(t, k);
        if (!x || x->kind != STRATA_TOK_PUNCT || strcmp(x->text, ".") != 0)
            break;
        k++;
    }
    return *out ? k : i;
}

static int add_effect(strata_raw_lint *r, int kind, char *name,
                      char *new_name, int if_not_exists)
{
    strata_table_effect *e =
        realloc(r->effects, (r->neffects + 1) * sizeof *e);

    if (!e) {
        free(name);
        free(new_name);
        return STRATA_ERR_NOMEM;
    }
    r->effects = e;
    e[r->neffects].kind = kind;
    e[r->neffects].name = name;
    e[r->neffects].new_name = new_name;
    e[r->neffects].if_not_exists = if_not_exists;
    r->neffects++;
    return STRATA_OK;
}

/* One ALTER TABLE subcommand, tokens [a, t->end). */
static int raw_alter_cmd(strata_raw_lint *r, const toks *t, size_t a,
                         const char *table)
{
    static const char *const not_columns[] = {
        "constraint", "index",    "key",     "unique",    "primary",
        "foreign",    "check",    "fulltext", "spatial",  "partition",
        "period",     "system",   "default", "expression", NULL};
    char *x = NULL, *y = NULL;
    size_t k;
    int rc = STRATA_OK;

    if (w(t, a, "rename")) {
        if (w(t, a + 1, "to") || w(t, a + 1, "as")) {
            name_at(t, a + 2, &x);
            if (x) {
                rc = add_hit(&r->hits, "rename-table", table,
                             msg_rename_table(table, x));
                if (rc == STRATA_OK)
                    rc = add_effect(r, STRATA_EFFECT_RENAME, strdup(table),
                                    x, 0);
                else
                    free(x);
            }
            return rc;
        }
        if (w_any(t, a + 1, (const char *const[]){"index", "key",
                                                  "constraint", NULL}))
            return STRATA_OK;
        k = name_at(t, w(t, a + 1, "column") ? a + 2 : a + 1, &x);
        if (x && w(t, k, "to"))
            name_at(t, k + 1, &y);
        if (x && y)
            rc = add_hit(&r->hits, "rename-column", table,
                         msg_rename_column(x, y, table));
    } else if (w(t, a, "drop")) {
        k = a + 1;
        if (w_any(t, k, not_columns))
            return STRATA_OK;
        if (w(t, k, "column"))
            k++;
        if (w(t, k, "if") && w(t, k + 1, "exists"))
            k += 2;
        name_at(t, k, &x);
        if (x)
            rc = add_hit(&r->hits, "drop-column", table,
                         msg_drop_column(x, table));
    } else if (w(t, a, "alter")) {
        k = a + 1;
        if (w(t, k, "column"))
            k++;
        else if (w_any(t, k, not_columns))
            return STRATA_OK;
        k = name_at(t, k, &x);
        if (x && (w(t, k, "type") ||
                  (w(t, k, "set") && w(t, k + 1, "data") &&
                   w(t, k + 2, "type"))))
            rc = add_hit(&r->hits, "alter-column-type", table,
                         msg_alter_type(x, table, NULL, NULL));
    } else if (w(t, a, "modify") || w(t, a, "change")) {
        /* MySQL: MODIFY c <definition>, CHANGE old new <definition> */
        int change = w(t, a, "change");

        k = a + 1;
        if (w(t, k, "column"))
            k++;
        k = name_at(t, k, &x);
        if (x && change)
            name_at(t, k, &y);
        if (x)
            rc = add_hit(&r->hits, "alter-column-type", table,
                         msg_alter_type(x, table, NULL, NULL));
        if (rc == STRATA_OK && x && y && !strata__name_eq(x, y))
            rc = add_hit(&r->hits, "rename-column", table,
                         msg_rename_column(x, y, table));
    } else if (w(t, a, "add")) {
        int notnull = 0, filled = 0;

        k = a + 1;
        if (w_any(t, k, not_columns))
            return STRATA_OK;
        if (w(t, k, "column"))
            k++;
        if (w(t, k, "if") && w(t, k + 1, "not") && w(t, k + 2, "exists"))
            k += 3;
        k = name_at(t, k, &x);
        if (!x)
            return STRATA_OK;
        filled = w_any(t, k, (const char *const[]){"serial", "bigserial",
                                                   "smallserial", NULL});
        for (size_t j = k; j < t->end; j++) {
            if (w(t, j, "not") && w(t, j + 1, "null") &&
                !(j > k && w(t, j - 1, "is")))
                notnull = 1;
            else if (w(t, j, "primary") && w(t, j + 1, "key"))
                notnull = 1;
            else if (w_any(t, j, (const char *const[]){
                                     "default", "auto_increment",
                                     "autoincrement", "generated",
                                     "identity", NULL}))
                filled = 1;
        }
        if (notnull && !filled)
            rc = add_hit(&r->hits, "add-column-not-null", table,
                         msg_add_column(x, table));
    }
    free(x);
    free(y);
    return rc;
}

static int raw_alter(strata_raw_lint *r, const toks *t, size_t k)
{
    char *table = NULL;
    int rc = STRATA_OK;

    while (w_any(t, k, (const char *const[]){"online", "ignore", NULL}))
        k++;
    if (!w(t, k, "table"))
        return STRATA_OK;
    k++;
    if (w(t, k, "if") && w(t, k + 1, "exists"))
        k += 2;
    if (w(t, k, "only"))
        k++;
    k = name_at(t, k, &table);
    if (!table)
        return STRATA_OK;
    /* Subcommands are separated by commas outside parentheses. */
    while (k < t->end && rc == STRATA_OK) {
        size_t start = k, depth = 0;
        toks sub = *t;

        for (; k < t->end; k++) {
            const strata_tok *x = tk(t, k);
            if (x->kind != STRATA_TOK_PUNCT)
                continue;
            if (strcmp(x->text, "(") == 0)
                depth++;
            else if (strcmp(x->text, ")") == 0 && depth)
                depth--;
            else if (strcmp(x->text, ",") == 0 && !depth)
                break;
        }
        sub.end = k;
        rc = raw_alter_cmd(r, &sub, start, table);
        k++;
    }
    free(table);
    return rc;
}

static int raw_create(strata_raw_lint *r, const toks *t, size_t k)
{
    static const char *const mods[] = {"or",     "replace", "global",
                                       "local",  "unlogged", NULL};
    int temp = 0, ine = 0;
    char *name = NULL;

    while (w_any(t, k, mods) || w(t, k, "temp") || w(t, k, "temporary")) {
        temp |= w(t, k, "temp") || w(t, k, "temporary");
        k++;
    }
    if (!w(t, k, "table") || temp) /* a session's own table */
        return STRATA_OK;
    k++;
    if (w(t, k, "if") && w(t, k + 1, "not") && w(t, k + 2, "exists")) {
        ine = 1;
        k += 3;
    }
    name_at(t, k, &name);
    return name ? add_effect(r, STRATA_EFFECT_CREATE, name, NULL, ine)
                : STRATA_OK;
}

static int raw_drop(strata_raw_lint *r, const toks *t, size_t k)
{
    int rc = STRATA_OK;

    if (w(t, k, "temporary"))
        k++;
    if (!w(t, k, "table"))
        return STRATA_OK;
    k++;
    if (w(t, k, "if") && w(t, k + 1, "exists"))
        k += 2;
    while (rc == STRATA_OK) {
        char *name = NULL;
        const strata_tok *x;

        k = name_at(t, k, &name);
        if (!name)
            break;
        rc = add_hit(&r->hits, "drop-table", name, msg_drop_table(name));
        if (rc == STRATA_OK)
            rc = add_effect(r, STRATA_EFFECT_DROP, name, NULL, 0);
        else
            free(name);
        x = tk(t, k);
        if (!x || x->kind != STRATA_TOK_PUNCT || strcmp(x->text, ",") != 0)
            break;
        k++;
    }
    return rc;
}

/* MySQL's RENAME TABLE a TO b [, c TO d ...] */
static int raw_rename(strata_raw_lint *r, const toks *t, size_t k)
{
    int rc = STRATA_OK;

    if (!w(t, k, "table"))
        return STRATA_OK;
    k++;
    while (rc == STRATA_OK) {
        char *a = NULL, *b = NULL;
        const strata_tok *x;

        k = name_at(t, k, &a);
        if (a && w(t, k, "to"))
            k = name_at(t, k + 1, &b);
        if (!a || !b) {
            free(a);
            free(b);
            break;
        }
        rc = add_hit(&r->hits, "rename-table", a, msg_rename_table(a, b));
        if (rc == STRATA_OK)
            rc = add_effect(r, STRATA_EFFECT_RENAME, a, b, 0);
        else {
            free(a);
            free(b);
        }
        x = tk(t, k);
        if (!x || x->kind != STRATA_TOK_PUNCT || strcmp(x->text, ",") != 0)
            break;
        k++;
    }
    return rc;
}

int strata__lint_raw(strata_raw_lint *out, const char *sql)
{
    static const char *const dml[] = {"insert", "update", "delete",
                                      "replace", "merge", "upsert",
                                      "load",   "copy",   NULL};
    static const char *const ddl[] = {"create", "alter",   "drop",
                                      "rename", "truncate", "comment",
                                      "grant",  "revoke",  NULL};
    strata_toklist l = {0};
    strata_error err = {0};
    toks t;
    int rc = STRATA_OK;

    memset(out, 0, sizeof *out);
    /* Text the standard lexer cannot read (a dialect's own quoting)
     * says nothing here; the driver's own lint, where there is one,
     * reads it. */
    if (strata__sqltok_scan(&l, sql, strlen(sql), &err) != STRATA_OK) {
        rc = err.code == STRATA_ERR_NOMEM ? STRATA_ERR_NOMEM : STRATA_OK;
        strata__error_clear(&err);
        return rc;
    }
    t.l = &l;
    t.end = l.count;
    if (w_any(&t, 0, dml)) {
        out->hits.flags |= STRATA_LINT_DML;
    } else if (w(&t, 0, "with")) {
        for (size_t i = 1; i < l.count; i++)
            if (w_any(&t, i, dml))
                out->hits.flags |= STRATA_LINT_DML;
    } else if (w_any(&t, 0, ddl)) {
        out->hits.flags |= STRATA_LINT_DDL;
        if (w(&t, 0, "create"))
            rc = raw_create(out, &t, 1);
        else if (w(&t, 0, "alter"))
            rc = raw_alter(out, &t, 1);
        else if (w(&t, 0, "drop"))
            rc = raw_drop(out, &t, 1);
        else if (w(&t, 0, "rename"))
            rc = raw_rename(out, &t, 1);
    }
    strata__sqltok_free(&l);
    if (rc != STRATA_OK)
        strata__lint_raw_free(out);
    return rc;
}

/* ---- the simulated tables ----------------------------------------------- */

/* Tables come and go in raw SQL too. */
static int replay_effects(strata_catcache *c, const strata_raw_lint *r)
{
    int rc = STRATA_OK;

    for (size_t i = 0; i < r->neffects && rc == STRATA_OK; i++) {
        const strata_table_effect *e = &r->effects[i];

        switch (e->kind) {
        case STRATA_EFFECT_CREATE:
            rc = strata__catcache_replay_create(c, e->name,
                                                e->if_not_exists);
            break;
        case STRATA_EFFECT_DROP:
            strata__catcache_replay_drop(c, e->name);
            break;
        case STRATA_EFFECT_RENAME:
            rc = strata__catcache_replay_rename(c, e->name, e->new_name);
            break;
        }
    }
    return rc;
}

/* ---- findings ----------------------------------------------------------- */

typedef struct findings {
    strata_finding *v;
    size_t n;
} findings;

static int add_finding(findings *f, const char *rule, int error,
                       const char *message, const strata_revision *rev,
                       unsigned line, uint32_t dialects)
{
    strata_finding *v = realloc(f->v, (f->n + 1) * sizeof *v);

    if (!v)
        return STRATA_ERR_NOMEM;
    f->v = v;
    v = &v[f->n];
    memset(v, 0, sizeof *v);
    v->rule = strdup(rule);
    v->message = strdup(message);
    v->error = error;
    v->rev = rev;
    v->line = line;
    v->dialects = dialects;
    f->n++;
    return v->rule && v->message ? STRATA_OK : STRATA_ERR_NOMEM;
}

static int cmp_finding(const void *pa, const void *pb)
{
    const strata_finding *a = pa, *b = pb;
    int c = strcmp(a->rev->path, b->rev->path);

    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if ((c = strcmp(a->rule, b->rule)))
        return c;
    return strcmp(a->message, b->message);
}

/* ---- one dialect, one migration ----------------------------------------- */

typedef struct lctx {
    const strata_lint_opts *o;
    strata_chain *c;
    const char *dialect;
    uint32_t bit;
    const strata_driver *drv; /* NULL: not installed */
    strata_conn *conn;
    uint64_t caps;
    strata_catcache *sim; /* the tables as the migrations so far left them */
    findings *f;
} lctx;

/* Report the hits of one statement that survive: a hit about an
 * existing table is dropped when this migration created the table, and
 * a hit its suppressions name is silenced. */
static int emit_hits(lctx *x, const strata_revision *r, unsigned line,
                     const strata_lint_list *hits,
                     const strata_allow_list *allows, int portable_op)
{
    int rc = STRATA_OK;

    for (size_t i = 0; i < hits->count && rc == STRATA_OK; i++) {
        const strata_lint_hit *h = &hits->items[i];

        if (!h->rule || !h->message)
            continue;
        if (h->existing_table && h->table &&
            strata__catcache_created(x->sim, h->table))
            continue;
        if (portable_op && (is_core_op_rule(h->rule) || !h->error))
            continue;
        if (strata__lint_allowed(allows, h->rule))
            continue;
        rc = add_finding(x->f, h->rule, h->error, h->message, r, line,
                         x->bit);
    }
    return rc;
}

/* Leading key words of sql, upper case ("CREATE INDEX CONCURRENTLY"). */
static char *lead_words(const char *sql, int max)
{
    strata_buf b = {0};
    const char *p = sql;

    for (int n = 0; n < max; n++) {
        size_t len = 0;

        while (isspace((unsigned char)*p))
            p++;
        while (isalpha((unsigned char)p[len]) || p[len] == '_')
            len++;
        if (!len)
            break;
        if ((n && strata__buf_puts(&b, " ") != STRATA_OK))
            break;
        for (size_t i = 0; i < len; i++) {
            char ch = (char)toupper((unsigned char)p[i]);
            if (strata__buf_append(&b, &ch, 1) != STRATA_OK)
                break;
        }
        p += len;
    }
    return b.data ? strata__buf_take(&b) : strdup("this statement");
}

static char *msg_single_txn(const char *what)
{
    return strata__sprintf(
        "%s outside any transaction, so with transaction_per = run "
        "(--single-transaction) strata must commit the run's transaction "
        "before it and the run is not one transaction; run with a "
        "transaction per migration, or suppress it where that commit is "
        "acceptable",
        what);
}

/* Would the driver run part of op outside the transaction?  Rendered
 * offline with the simulated catalog, as the runner would render it. */
static int renders_autocommit(lctx *x, strata_op *op, int existing)
{
    strata_table stub = {0};
    const strata_table *cat;
    strata_sql_list out = {0};
    int ac = 0;

    if (!x->drv || !x->drv->render)
        return 0;
    cat = op->kind == STRATA_OP_DROP_INDEX
              ? strata__catcache_index_owner(x->sim, op->name)
              : strata__catcache_table(x->sim, op->table);
    if (!cat || !cat->exists) {
        /* A table strata never saw created exists (made elsewhere). */
        stub.name = op->table;
        stub.exists = existing && op->kind != STRATA_OP_CREATE_TABLE;
        cat = &stub;
    }
    strata__group_online(op, existing, x->o->online_indexes);
    if (x->drv->render(x->conn, op, 1, cat, &out) == STRATA_OK)
        for (size_t i = 0; i < out.count; i++)
            ac |= (out.items[i].flags & STRATA_SQL_AUTOCOMMIT) != 0;
    strata_abi_sql_list_free(strata__host(), &out);
    return ac;
}

/* A portable operation that adds a UNIQUE or PRIMARY KEY constraint:
 * the renderers build its index as written, so the driver's grammar
 * rules have a say. */
static int adds_unique(const strata_op *op)
{
    if (op->kind != STRATA_OP_ADD_CONSTRAINT &&
        op->kind != STRATA_OP_ADD_COLUMN)
        return 0;
    for (size_t i = 0; i < op->nconstraints; i++)
        if (op->constraints[i].kind == STRATA_CON_UNIQUE ||
            op->constraints[i].kind == STRATA_CON_PRIMARY_KEY)
            return 1;
    return 0;
}

static int lint_op(lctx *x, const strata_revision *r, strata_item *it,
                   const strata_allow_list *allows)
{
    strata_op *op = it->op;
    const char *t = op->table;
    strata_lint_list hits = {0};
    const strata_table *cat = strata__catcache_table(x->sim, t);
    int existing, rc = STRATA_OK;

    if (op->kind == STRATA_OP_DROP_INDEX) {
        const strata_table *it_t =
            strata__catcache_index_owner(x->sim, op->name);
        t = it_t ? it_t->name : NULL;
    }
    existing = !strata__catcache_created(x->sim, t);
    switch (op->kind) {
    case STRATA_OP_CREATE_INDEX: {
        int online = op->concurrently ||
                     x->o->online_indexes != STRATA_ONLINE_NEVER;
        if ((x->caps & STRATA_CAP_ONLINE_INDEX) && !online)
            rc = add_hit(&hits, "index-not-online", t,
                         strata__sprintf(
                             "CREATE INDEX \"%s\" on \"%s\" is built "
                             "without CONCURRENTLY/online (online_indexes "
                             "= never): writes to \"%s\" wait for the "
                             "whole build; write CREATE INDEX "
                             "CONCURRENTLY",
                             nz(op->name), nz(t), nz(t)));
        break;
    }
    case STRATA_OP_ADD_COLUMN:
        for (size_t i = 0; i < op->ncolumns && rc == STRATA_OK; i++) {
            const strata_column *col = &op->columns[i];
            if ((col->notnull || col->pk) && !col->default_expr &&
                !col->autoincrement && !col->generated)
                rc = add_hit(&hits, "add-column-not-null", t,
                             msg_add_column(col->name, t));
        }
        break;
    case STRATA_OP_ALTER_TYPE: {
        const strata_column *col =
            cat && cat->exists ? strata__table_column(cat, op->name) : NULL;
        rc = add_hit(&hits, "alter-column-type", t,
                     msg_alter_type(op->name, t, op->type,
                                    col ? col->type : NULL));
        break;
    }
    case STRATA_OP_RENAME_COLUMN:
        rc = add_hit(&hits, "rename-column", t,
                     msg_rename_column(op->name, op->new_name, t));
        break;
    case STRATA_OP_RENAME_TABLE:
        rc = add_hit(&hits, "rename-table", t,
                     msg_rename_table(t, op->new_name));
        break;
    case STRATA_OP_DROP_COLUMN:
        rc = add_hit(&hits, "drop-column", t, msg_drop_column(op->name, t));
        break;
    case STRATA_OP_DROP_TABLE:
        rc = add_hit(&hits, "drop-table", t, msg_drop_table(t));
        break;
    default:
        break;
    }
    if (rc == STRATA_OK)
        rc = emit_hits(x, r, it->line, &hits, allows, 0);
    strata__lint_list_free(&hits);
    if (rc == STRATA_OK && existing && adds_unique(op) && x->drv &&
        x->drv->lint && op->sql) {
        if (x->drv->lint(x->conn, op->sql, &hits) == STRATA_OK)
            rc = emit_hits(x, r, it->line, &hits, allows, 1);
        strata__lint_list_free(&hits);
    }
    if (rc == STRATA_OK && x->o->single_transaction &&
        r->txn != STRATA_TXN_NONE &&
        (x->caps & STRATA_CAP_TRANSACTIONAL_DDL) &&
        !strata__lint_allowed(allows, "concurrent-in-single-transaction") &&
        renders_autocommit(x, op, existing)) {
        char *what = strata__sprintf(
            "on existing table \"%s\", this %s runs its online step "
            "(CONCURRENTLY, or VALIDATE CONSTRAINT)",
            nz(t), strata__op_kind_name(op->kind));
        char *msg = what ? msg_single_txn(what) : NULL;

        rc = msg ? add_finding(x->f, "concurrent-in-single-transaction", 1,
                               msg, r, it->line, x->bit)
                 : STRATA_ERR_NOMEM;
        free(what);
        free(msg);
    }
    if (rc == STRATA_OK)
        rc = strata__catcache_replay(x->sim, op);
    return rc;
}

static int lint_raw(lctx *x, const strata_revision *r, strata_item *it,
                    const strata_allow_list *allows, uint32_t *flags)
{
    strata_raw_lint raw;
    strata_lint_list dl = {0};
    int rc = strata__lint_raw(&raw, it->sql);

    if (rc != STRATA_OK)
        return rc;
    if (x->drv && x->drv->lint) {
        rc = x->drv->lint(x->conn, it->sql, &dl);
        if (rc == STRATA_OK) {
            *flags = dl.flags;
            rc = emit_hits(x, r, it->line, &dl, allows, 0);
        } else if (rc != STRATA_ERR_NOMEM) {
            rc = STRATA_OK; /* the driver could not say: nothing said */
        }
        strata__lint_list_free(&dl);
    } else {
        *flags = raw.hits.flags;
        rc = emit_hits(x, r, it->line, &raw.hits, allows, 0);
    }
    if (rc == STRATA_OK && x->o->single_transaction &&
        r->txn != STRATA_TXN_NONE &&
        (x->caps & STRATA_CAP_TRANSACTIONAL_DDL) &&
        (it->flags & STRATA_STMT_NOTXN) &&
        !strata__lint_allowed(allows, "concurrent-in-single-transaction")) {
        char *head = lead_words(it->sql, 3);
        char *what = head ? strata__sprintf("%s runs", head) : NULL;
        char *msg = what ? msg_single_txn(what) : NULL;

        free(head);
        rc = msg ? add_finding(x->f, "concurrent-in-single-transaction", 1,
                               msg, r, it->line, x->bit)
                 : STRATA_ERR_NOMEM;
        free(what);
        free(msg);
    }
    if (rc == STRATA_OK)
        rc = replay_effects(x->sim, &raw);
    strata__lint_raw_free(&raw);
    return rc;
}

/* A name the dialect cuts or refuses (docs/design.md §3.6): the
 * planner noted it on a portable operation; a raw statement's words are
 * read here. */
static int lint_ident(lctx *x, const strata_revision *r,
                      const strata_item *it, const strata_allow_list *allows)
{
    char *note = NULL, *msg;
    int rc = STRATA_OK;

    if (!x->drv || !x->drv->ident_max ||
        strata__lint_allowed(allows, "identifier-too-long"))
        return STRATA_OK;
    if (!it->op)
        rc = strata__ident_scan(it->sql, x->dialect, x->drv->ident_max,
                                x->drv->ident_flags, &note);
    else if (it->ident_note && !(note = strdup(it->ident_note)))
        rc = STRATA_ERR_NOMEM;
    if (rc != STRATA_OK || !note)
        return rc;
    msg = strata__sprintf(
        "%s; %s", note,
        x->drv->ident_flags & STRATA_IDENT_TRUNCATE
            ? "strata cuts it the same way and checks the catalog under "
              "the cut name, but shorter names say what the database holds"
            : "the migration cannot run there: shorten it, or give that "
              "dialect its own statement in a section of its own");
    rc = msg ? add_finding(x->f, "identifier-too-long", 0, msg, r, it->line,
                           x->bit)
             : STRATA_ERR_NOMEM;
    free(msg);
    free(note);
    return rc;
}

static int lint_migration(lctx *x, const strata_revision *r,
                          strata_step *st)
{
    unsigned ddl_line = 0, dml_line = 0;
    int dml_allowed = 0, rc = STRATA_OK;

    strata__catcache_next(x->sim);
    for (size_t i = 0; i < st->nitems && rc == STRATA_OK; i++) {
        strata_item *it = &st->items[i];
        const strata_stmt *s = &st->stmts.items[i];
        strata_allow_list allows;
        uint32_t flags = 0;

        rc = strata__lint_allows(&allows, r->text, r->len, s->offset,
                                 strlen(s->sql));
        if (rc != STRATA_OK)
            break;
        if (it->op) {
            flags = STRATA_LINT_DDL;
            rc = lint_op(x, r, it, &allows);
        } else {
            rc = lint_raw(x, r, it, &allows, &flags);
        }
        if (rc == STRATA_OK)
            rc = lint_ident(x, r, it, &allows);
        if ((flags & STRATA_LINT_DDL) && !ddl_line)
            ddl_line = it->line;
        if (flags & STRATA_LINT_DML) {
            if (!dml_line)
                dml_line = it->line;
            dml_allowed |= strata__lint_allowed(&allows, "mixed-ddl-dml");
        }
        strata__lint_allows_free(&allows);
    }
    /* An engine that commits each DDL statement on its own cannot undo
     * the data changes of a migration that fails half way. */
    if (rc == STRATA_OK && x->drv && ddl_line && dml_line && !dml_allowed &&
        !(x->caps & STRATA_CAP_TRANSACTIONAL_DDL)) {
        char *msg = strata__sprintf(
            "this migration changes data (line %u) and the schema (line "
            "%u), and %s commits each DDL statement at once: a failure "
            "leaves the data change half done with no rollback; move the "
            "data change to a migration of its own",
            dml_line, ddl_line, x->dialect);
        rc = msg ? add_finding(x->f, "mixed-ddl-dml", 1, msg, r, dml_line,
                               x->bit)
                 : STRATA_ERR_NOMEM;
        free(msg);
    }
    return rc;
}

static int lint_dialect(lctx *x, strata_error *err)
{
    const strata_graph *g = x->c->graph;
    const size_t *order = strata__graph_order(g);
    size_t n = strata__graph_count(g);
    int rc = STRATA_OK;

    if (strata__chain_driver(x->c, x->dialect, &x->drv, &x->conn) !=
        STRATA_OK) {
        x->drv = NULL;
        x->conn = NULL;
    }
    x->caps = x->drv ? x->drv->caps : 0;
    for (size_t k = 0; k < n && rc == STRATA_OK; k++) {
        size_t idx = order[k];
        strata_plan plan;

        rc = strata__plan_build(&plan, x->c, x->dialect, 1, STRATA_UP, &idx,
                                1, NULL, err);
        if (rc != STRATA_OK)
            return rc;
        if (plan.n == 1)
            rc = lint_migration(x, strata__graph_rev(g, idx),
                                &plan.steps[0]);
        strata__plan_free(&plan);
    }
    if (rc == STRATA_ERR_NOMEM)
        return strata__nomem(err);
    return rc;
}

/* ---- passes over the files, once for all dialects ----------------------- */

static int lint_suppressions(findings *f, const strata_revision *r,
                             strata_lint_rulebook *book, uint32_t all,
                             strata_error *err)
{
    strata_allow_list l;
    int rc = strata__lint_allows_all(&l, r->text, r->len);

    for (size_t i = 0; i < l.count && rc == STRATA_OK; i++) {
        const strata_allow *a = &l.items[i];
        char *msg;
        const char *rule;
        int known = 0;

        if (*a->rule)
            rc = strata__lint_rule_known(book, a->rule, &known, err);
        if (rc != STRATA_OK)
            break;
        if (!known) {
            rule = "suppression-unknown-rule";
            msg = strata__sprintf(
                "'-- strata:allow %s' names no lint rule ('strata lint "
                "--list-rules' lists them)",
                a->rule);
        } else if (!a->has_reason) {
            rule = "suppression-without-reason";
            msg = strata__sprintf("'-- strata:allow %s' gives no reason; "
                                  "say why it is safe here",
                                  a->rule);
        } else {
            continue;
        }
        rc = msg ? add_finding(f, rule, 0, msg, r, a->line, all)
                 : STRATA_ERR_NOMEM;
        free(msg);
    }
    strata__lint_allows_free(&l);
    return rc;
}

/* Raw statements in "-- +up" or "-- +down" sections for every dialect,
 * when the chain targets several: nothing says they are valid on all. */
static int lint_generic(findings *f, strata_chain *c,
                        const strata_revision *r, const strata_lint_opts *o,
                        uint32_t all, strata_error *err)
{
    int rc = STRATA_OK;

    for (size_t i = 0; i < r->nsections && rc == STRATA_OK; i++) {
        const strata_section *sec = &r->sections[i];
        strata_stmt_list l;

        if (sec->ndialects || sec->kind == STRATA_SECTION_VERIFY)
            continue;
        rc = strata__chain_split(c, o->dialects[0], r, sec, &l, err);
        if (rc != STRATA_OK)
            return rc;
        for (size_t k = 0; k < l.count && rc == STRATA_OK; k++) {
            strata_op *op = NULL;
            strata_error perr = {0};
            strata_allow_list allows;
            char *msg;

            /* Parse errors are the dialect passes' to report. */
            if (strata__parse_op(&op, r->path, l.items[k].sql,
                                 l.items[k].line, 1, &perr) != STRATA_OK ||
                op) {
                strata__op_free(op);
                strata__error_clear(&perr);
                continue;
            }
            rc = strata__lint_allows(&allows, r->text, r->len,
                                     l.items[k].offset,
                                     strlen(l.items[k].sql));
            if (rc != STRATA_OK)
                break;
            if (!strata__lint_allowed(&allows, "raw-sql-generic-section")) {
                char *head = lead_words(l.items[k].sql, 2);
                msg = head ? strata__sprintf(
                                 "%s is raw SQL in '%s', which runs on "
                                 "every dialect the chain targets, and "
                                 "strata cannot tell it is valid on each; "
                                 "put it in sections for the dialects it "
                                 "was written for ('-- +up postgres', "
                                 "'-- +up mysql,sqlite')",
                                 head, sec->directive)
                           : NULL;
                rc = msg ? add_finding(f, "raw-sql-generic-section", 0, msg,
                                       r, l.items[k].line, all)
                         : STRATA_ERR_NOMEM;
                free(head);
                free(msg);
            }
            strata__lint_allows_free(&allows);
        }
        strata__stmt_list_free(&l);
    }
    if (rc == STRATA_ERR_NOMEM)
        strata__nomem(err);
    return rc;
}

/* Equal findings of several dialects become one with their bits. */
static void merge(findings *f)
{
    size_t k = 0;

    if (!f->n)
        return;
    qsort(f->v, f->n, sizeof *f->v, cmp_finding);
    for (size_t i = 1; i < f->n; i++) {
        strata_finding *a = &f->v[k], *b = &f->v[i];

        if (cmp_finding(a, b) == 0 && a->error == b->error) {
            a->dialects |= b->dialects;
            free(b->rule);
            free(b->message);
        } else {
            f->v[++k] = *b;
        }
    }
    f->n = k + 1;
}

int strata__lint_chain(strata_lint_report *out, strata_chain *c,
                       const strata_lint_opts *o, strata_error *err)
{
    findings f = {0};
    strata_lint_rulebook book = {.c = c, .o = o};
    uint32_t all;
    int rc = STRATA_OK;

    memset(out, 0, sizeof *out);
    if (!o->ndialects || o->ndialects > STRATA_LINT_DIALECTS_MAX)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "lint: between 1 and %d dialects, not %zu",
                                 STRATA_LINT_DIALECTS_MAX, o->ndialects);
    all = o->ndialects == 32 ? UINT32_MAX
                             : (UINT32_C(1) << o->ndialects) - 1;
    for (size_t d = 0; d < o->ndialects && rc == STRATA_OK; d++) {
        lctx x = {.o = o, .c = c, .dialect = o->dialects[d],
                  .bit = UINT32_C(1) << d, .f = &f};

        if (strata__catcache_new(&x.sim, NULL) != STRATA_OK)
            rc = STRATA_ERR_NOMEM;
        if (rc == STRATA_OK) {
            strata__catcache_simulate(x.sim, 0);
            rc = lint_dialect(&x, err);
        }
        strata__catcache_free(x.sim);
    }
    for (size_t i = 0; i < c->n && rc == STRATA_OK; i++) {
        rc = lint_suppressions(&f, c->revs[i], &book, all, err);
        if (rc == STRATA_OK && o->ntargets > 1)
            rc = lint_generic(&f, c, c->revs[i], o, all, err);
    }
    strata__lint_rulebook_free(&book);
    if (rc != STRATA_OK) {
        out->items = f.v;
        out->count = f.n;
        strata__lint_report_free(out);
        if (rc == STRATA_ERR_NOMEM)
            return strata__nomem(err);
        return rc;
    }
    merge(&f);
    out->items = f.v;
    out->count = f.n;
    for (size_t i = 0; i < f.n; i++) {
        if (f.v[i].error)
            out->errors++;
        else
            out->warnings++;
    }
    return STRATA_OK;
}

void strata__lint_report_free(strata_lint_report *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].rule);
        free(r->items[i].message);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}
