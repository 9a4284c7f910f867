/* planner.c - collect each migration's statements for one dialect, parse
 * the portable ones, and derive or refuse downgrades before anything
 * runs. */
#include "plan/planner.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/host.h"
#include "util/json.h"
#include "sql/ident.h"
#include "sql/op.h"
#include "sql/parser.h"

/* On a statement collect() took from a section for the dialect (not a
 * driver's STRATA_STMT_* bit): its operation runs as written. */
#define SCOPED 0x80000000u

/* Append every statement of r's sections of kind for dialect to out. */
static int collect(strata_chain *c, const strata_revision *r,
                   strata_section_kind kind, const char *dialect,
                   strata_stmt_list *out, strata_error *err)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < r->nsections; i++) {
        const strata_section *sec = &r->sections[i];
        strata_stmt_list l;
        strata_stmt *items;
        int rc;

        if (sec->kind != kind || !strata__section_applies(sec, dialect))
            continue;
        rc = strata__chain_split(c, dialect, r, sec, &l, err);
        if (rc != STRATA_OK) {
            strata__stmt_list_free(out);
            return rc;
        }
        if (!l.count) {
            free(l.items);
            continue;
        }
        /* Another tool's files count as the dialect's own: as written
         * (docs/adopting.md). */
        for (size_t k = 0; (sec->ndialects || r->layout) && k < l.count;
             k++)
            l.items[k].flags |= SCOPED;
        items = realloc(out->items, (out->count + l.count) * sizeof *items);
        if (!items) {
            strata__stmt_list_free(&l);
            strata__stmt_list_free(out);
            return strata__nomem(err);
        }
        memcpy(items + out->count, l.items, l.count * sizeof *items);
        out->items = items;
        out->count += l.count;
        free(l.items); /* the strings moved to out */
    }
    return STRATA_OK;
}

static void items_free(strata_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        strata__op_free(items[i].op);
        free(items[i].derived);
        free(items[i].ident_note);
    }
    free(items);
}

/* Column of the statement's first character (offsets are file-wide). */
static unsigned column_of(const strata_revision *r, size_t offset)
{
    unsigned col = 1;

    while (offset > 0 && r->text[offset - 1] != '\n') {
        offset--;
        col++;
    }
    return col;
}

/* A statement that would begin, end or nest a transaction behind the
 * runner's back ("END" ends one in SQLite and PostgreSQL). */
static const char *txn_control(const char *sql)
{
    static const char *const words[] = {"begin",   "commit",  "end",
                                        "rollback", "savepoint", "release",
                                        "start",   "abort",   NULL};
    size_t n = 0;

    while (isalpha((unsigned char)sql[n]))
        n++;
    for (size_t i = 0; words[i]; i++)
        if (n == strlen(words[i]) && strncasecmp(sql, words[i], n) == 0 &&
            (strcmp(words[i], "start") != 0 ||
             strncasecmp(sql + n + strspn(sql + n, " \t\r\n"),
                         "transaction", 11) == 0))
            return words[i];
    return NULL;
}

/* The dialect's identifier limit on it->op: names cut as the engine
 * cuts them, or noted as refused (docs/design.md §3.6). */
static int limit_idents(strata_item *it, strata_chain *c, const char *dialect)
{
    const strata_driver *drv;
    strata_conn *conn;

    if (strata__chain_driver(c, dialect, &drv, &conn) != STRATA_OK ||
        !drv->ident_max)
        return STRATA_OK;
    it->ident_refused = !(drv->ident_flags & STRATA_IDENT_TRUNCATE);
    return strata__ident_apply(it->op, dialect, drv->ident_max,
                               drv->ident_flags, drv->name_flags,
                               &it->ident_note);
}

/* How the dialect's engine reads names (strata_driver.name_flags). */
static uint32_t name_flags(strata_chain *c, const char *dialect)
{
    const strata_driver *drv;
    strata_conn *conn;

    return strata__chain_driver(c, dialect, &drv, &conn) == STRATA_OK
               ? drv->name_flags
               : 0;
}

/* Items for stmts: each statement parsed into an operation or kept raw,
 * its names read as the dialect's engine reads them. */
static int parse_items(strata_item **out, size_t *n, strata_chain *c,
                       const strata_revision *r, const strata_stmt_list *l,
                       const char *dialect, int portable, strata_error *err)
{
    strata_item *items = l->count ? calloc(l->count, sizeof *items) : NULL;
    uint32_t flags = name_flags(c, dialect);

    *out = NULL;
    *n = 0;
    if (l->count && !items)
        return strata__nomem(err);
    for (size_t i = 0; i < l->count; i++) {
        const strata_stmt *s = &l->items[i];
        int rc = strata__parse_op_as(&items[i].op, r->path, s->sql,
                                     s->line, column_of(r, s->offset), flags,
                                     err);

        items[i].sql = s->sql;
        items[i].line = s->line;
        items[i].flags = s->flags & ~SCOPED;
        if (rc == STRATA_OK && !items[i].op && txn_control(s->sql))
            rc = strata__error_set(
                err, STRATA_ERR_PARSE,
                "%s:%u: '%s' controls a transaction, and strata owns "
                "them: remove it (a migration runs in one transaction; "
                "'-- transaction: none' runs each statement on its own)",
                r->path, s->line, txn_control(s->sql));
        if (rc == STRATA_OK && items[i].op && !portable)
            rc = strata__error_set(
                err, STRATA_ERR_NOTSUP,
                "%s:%u: the %s driver cannot render portable statements "
                "(it has no render entry); put this statement in a "
                "'-- +up %s' section as the dialect's own SQL",
                r->path, s->line, dialect, dialect);
        if (rc == STRATA_OK && items[i].op &&
            limit_idents(&items[i], c, dialect) != STRATA_OK)
            rc = strata__nomem(err);
        if (rc != STRATA_OK) {
            items_free(items, i + 1);
            return rc;
        }
        if (items[i].op) {
            items[i].op->sql = s->sql;
            if (s->flags & SCOPED)
                items[i].op->flags |= STRATA_OP_AS_WRITTEN;
        }
    }
    *out = items;
    *n = l->count;
    return STRATA_OK;
}

/* The captured definition for up item idx in a history detail, parsed;
 * NULL when none was recorded (or the detail cannot be read). */
static int captured_op(strata_op **out, const char *detail, size_t idx,
                       const strata_revision *r, strata_error *err)
{
    json_t *doc = strata__json_load_quiet(detail);
    json_t *list = json_object_get(doc, "captured"), *e;
    size_t i;
    int rc = STRATA_OK;

    *out = NULL;
    json_array_foreach(list, i, e) {
        json_t *item = json_object_get(e, "item");
        const char *sql = json_string_value(json_object_get(e, "sql"));

        if (!json_is_number(item) || !sql ||
            (size_t)json_number_value(item) != idx)
            continue;
        rc = strata__parse_op(out, r->path, sql, 1, 1, err);
        if (rc == STRATA_OK && !*out)
            rc = strata__error_set(err, STRATA_ERR_PARSE,
                                   "%s: history holds an unreadable "
                                   "captured definition: %s",
                                   r->path, sql);
        break;
    }
    json_decref(doc);
    return rc;
}

/* The downgrade of a revision without +down: +up's operations inverted,
 * in reverse order; raw SQL or an operation that loses data refuses. */
static int derive_down(strata_step *st, strata_chain *c,
                       const strata_revision *r, const char *dialect,
                       const char *detail, strata_error *err)
{
    strata_stmt_list up;
    strata_item *ups = NULL;
    size_t nups = 0;
    int rc;

    rc = collect(c, r, STRATA_SECTION_UP, dialect, &up, err);
    if (rc == STRATA_OK)
        rc = parse_items(&ups, &nups, c, r, &up, dialect, 1, err);
    if (rc == STRATA_OK && nups &&
        !(st->items = calloc(nups, sizeof *st->items)))
        rc = strata__nomem(err);
    if (rc == STRATA_OK)
        st->nitems = nups; /* zeroed items free cleanly on failure */
    for (size_t k = nups; k-- > 0 && rc == STRATA_OK;) {
        strata_item *it = &st->items[nups - 1 - k];
        strata_op *cap = NULL;
        strata_buf text = {0};

        if (!ups[k].op) {
            rc = strata__error_set(err, STRATA_ERR_IRREVERSIBLE,
                                   "%s:%u: cannot downgrade '%s': raw SQL "
                                   "and no '-- +down' section for %s",
                                   r->path, ups[k].line, r->id, dialect);
            break;
        }
        rc = captured_op(&cap, detail, k, r, err);
        if (rc == STRATA_OK)
            rc = strata__op_inverse(&it->op, ups[k].op, cap, err);
        strata__op_free(cap);
        if (rc != STRATA_OK) {
            strata__error_prefix(err, "%s:%u: cannot downgrade '%s': ",
                                 r->path, ups[k].line, r->id);
            rc = err->code;
            break;
        }
        if (strata__op_to_sql(it->op, &text) != STRATA_OK) {
            strata__buf_free(&text);
            rc = strata__nomem(err);
            break;
        }
        it->derived = strata__buf_take(&text);
        it->op->sql = it->sql = it->derived;
        it->line = ups[k].line;
        it->ident_note = ups[k].ident_note; /* said of the up's names */
        ups[k].ident_note = NULL;
    }
    items_free(ups, nups);
    strata__stmt_list_free(&up);
    st->derived = 1;
    st->empty = rc == STRATA_OK && st->nitems == 0;
    return rc;
}

static int plan_step(strata_step *st, strata_chain *c, const char *dialect,
                     int portable, strata_direction dir,
                     const strata_up_state *up, strata_error *err)
{
    const strata_revision *r = strata__graph_rev(c->graph, st->rev);
    strata_section_kind kind =
        dir == STRATA_UP ? STRATA_SECTION_UP : STRATA_SECTION_DOWN;
    int rc;

    rc = strata__chain_checksum(c, r, st->checksum, err);
    if (rc != STRATA_OK)
        return rc;
    /* A written +down runs whatever +up did (generators leave ups empty
     * and downs not); without one, an up that ran nothing has nothing to
     * undo. */
    if (dir == STRATA_DOWN && !strata__migration_has(r, kind, dialect)) {
        if (up && up->empty && up->empty[st->rev]) {
            st->empty = 1;
            return STRATA_OK;
        }
        return derive_down(st, c, r, dialect,
                           up && up->detail ? up->detail[st->rev] : NULL,
                           err);
    }
    rc = collect(c, r, kind, dialect, &st->stmts, err);
    if (rc == STRATA_OK)
        rc = parse_items(&st->items, &st->nitems, c, r, &st->stmts, dialect,
                         portable, err);
    st->empty = rc == STRATA_OK && st->nitems == 0;
    return rc;
}

int strata__plan_build(strata_plan *out, strata_chain *c,
                       const char *dialect, int portable,
                       strata_direction dir, const size_t *path, size_t n,
                       const strata_up_state *up, strata_error *err)
{
    int rc = STRATA_OK;

    memset(out, 0, sizeof *out);
    out->dir = dir;
    if (n && !(out->steps = calloc(n, sizeof *out->steps)))
        return strata__nomem(err);
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        out->steps[i].rev = path[i];
        out->n++;
        rc = plan_step(&out->steps[i], c, dialect, portable, dir, up, err);
    }
    if (rc != STRATA_OK)
        strata__plan_free(out);
    return rc;
}

void strata__plan_free(strata_plan *p)
{
    for (size_t i = 0; i < p->n; i++) {
        items_free(p->steps[i].items, p->steps[i].nitems);
        strata__stmt_list_free(&p->steps[i].stmts);
    }
    free(p->steps);
    memset(p, 0, sizeof *p);
}

/* Can the dialect render it at all?  Asked offline, with an empty
 * catalog; only "no form for this" (NOTSUP) counts: anything else
 * depends on the live catalog and is the runner's business. */
static int probe_render(strata_chain *c, const char *dialect,
                        const strata_revision *r, const strata_item *it,
                        strata_error *err)
{
    const strata_driver *drv;
    strata_conn *conn;
    strata_table empty = {0};
    strata_sql_list out = {0};
    int rc;

    if (strata__chain_driver(c, dialect, &drv, &conn) != STRATA_OK ||
        !drv->render)
        return STRATA_OK;
    empty.name = it->op->table;
    rc = drv->render(conn, it->op, 1, &empty, &out);
    strata_abi_sql_list_free(strata__host(), &out);
    if (rc != STRATA_ERR_NOTSUP)
        return STRATA_OK;
    return strata__error_set(err, STRATA_ERR_NOTSUP,
                             "%s:%u: %s on %s; move the statement into "
                             "sections for the dialects that have it "
                             "(for example '-- +up postgres')",
                             r->path, it->line, conn->errmsg, dialect);
}

int strata__plan_check(strata_chain *c, const char *dialect, int portable,
                       strata_error *err)
{
    static const strata_section_kind kinds[] = {STRATA_SECTION_UP,
                                                STRATA_SECTION_DOWN};
    int rc = STRATA_OK;

    for (size_t i = 0; i < c->n && rc == STRATA_OK; i++) {
        for (size_t k = 0; k < 2 && rc == STRATA_OK; k++) {
            strata_stmt_list l;
            strata_item *items = NULL;
            size_t n = 0;

            rc = collect(c, c->revs[i], kinds[k], dialect, &l, err);
            if (rc == STRATA_OK)
                rc = parse_items(&items, &n, c, c->revs[i], &l, dialect,
                                 portable, err);
            for (size_t j = 0; j < n && rc == STRATA_OK; j++)
                if (items[j].ident_refused && items[j].ident_note)
                    rc = strata__error_set(
                        err, STRATA_ERR_NOTSUP,
                        "%s:%u: %s; shorten it, or give %s a statement of "
                        "its own in a '-- +up %s' section",
                        c->revs[i]->path, items[j].line,
                        items[j].ident_note, dialect, dialect);
                else if (items[j].op)
                    rc = probe_render(c, dialect, c->revs[i], &items[j],
                                      err);
            items_free(items, n);
            strata__stmt_list_free(&l);
        }
    }
    return rc;
}
