/* steps.c - portable operations as the core sends them: parsed by the
 * core's parser, rendered and run through the driver, judged by the
 * core's ensure semantics against the driver's own catalog. */
#include <stdlib.h>
#include <string.h>

#include "abi/free.h"
#include "steps.h"
#include "sql/ident.h"
#include "sql/op.h"
#include "sql/parser.h"

void cf_op_free(strata_op *op) { strata__op_free(op); }

int cf_op_parse(cf *x, const char *check, const char *sql, int online,
                strata_op **out)
{
    strata_error err = {0};
    char *note = NULL;
    int rc;

    *out = NULL;
    rc = strata__parse_op_as(out, "conformance", sql, 1, 1,
                             x->drv->name_flags, &err);
    if (rc == STRATA_OK && !*out)
        rc = strata__error_set(&err, STRATA_ERR_PARSE, "not portable");
    if (rc == STRATA_OK &&
        strata__ident_apply(*out, x->drv->name, x->drv->ident_max,
                            x->drv->ident_flags, x->drv->name_flags,
                            &note) != STRATA_OK)
        rc = strata__nomem(&err);
    free(note);
    if (rc != STRATA_OK) {
        cf_fail(x, check, "the core does not parse '%s': %s", sql, err.msg);
        strata__error_clear(&err);
        strata__op_free(*out);
        *out = NULL;
        return CF_FAIL;
    }
    (*out)->sql = sql;
    (*out)->online = online;
    /* Where the engine refuses an online form, its locking form runs. */
    (*out)->flags |= STRATA_OP_ALLOW_LOCKING;
    return CF_PASS;
}

int cf_catalog(cf *x, strata_conn *c, const char *check, const char *table,
               strata_table *out)
{
    strata_table *t = NULL;
    int rc = x->drv->introspect(c, &table, 1, &t);

    memset(out, 0, sizeof *out);
    if (rc != STRATA_OK || !t)
        return cf_fail(x, check, "introspect(\"%s\") returned %s: %s", table,
                       cf_rc_name(rc), c->errmsg);
    *out = t[0];
    free(t);
    return CF_PASS;
}

/* The table op acts on: DROP INDEX names only the index. */
static int op_table(cf *x, strata_conn *c, const char *check,
                    const strata_op *op, char **table)
{
    int rc;

    *table = NULL;
    if (op->table) {
        *table = strdup(op->table);
        return CF_PASS;
    }
    if (!x->drv->index_table)
        return cf_fail(x, check, "DROP INDEX needs index_table");
    rc = x->drv->index_table(c, op->name, table);
    if (rc != STRATA_OK)
        return cf_fail(x, check, "index_table(\"%s\") returned %s: %s",
                       op->name, cf_rc_name(rc), c->errmsg);
    return CF_PASS;
}

int cf_ensure(cf *x, strata_conn *c, const char *check, const strata_op *op,
              strata_ensure *out, char **why)
{
    strata_table t = {0}, other = {0};
    char *table = NULL;
    strata_compare cmp = {x->drv, c, NULL};
    int rc = CF_FAIL;

    *why = NULL;
    if (op_table(x, c, check, op, &table))
        return CF_FAIL;
    if (!table) { /* no such index */
        *out = op->kind == STRATA_OP_DROP_INDEX ? STRATA_ENSURE_SKIP_ABSENT
                                                : STRATA_ENSURE_APPLY;
        return CF_PASS;
    }
    cmp.table = table;
    if (cf_catalog(x, c, check, table, &t) ||
        (op->kind == STRATA_OP_RENAME_TABLE &&
         cf_catalog(x, c, check, op->new_name, &other)))
        goto done;
    if (strata__ensure(out, why, op, &t,
                       op->kind == STRATA_OP_RENAME_TABLE ? &other : NULL,
                       &cmp) != STRATA_OK) {
        cf_fail(x, check, "the core cannot judge '%s' against the catalog",
                op->sql);
        goto done;
    }
    rc = CF_PASS;
done:
    strata_abi_table_free(cf_host(), &t);
    strata_abi_table_free(cf_host(), &other);
    free(table);
    return rc;
}

int cf_render(cf *x, strata_conn *c, const char *check, const strata_op *op,
              const strata_table *t, strata_sql_list *out, int *notsup)
{
    int rc;

    memset(out, 0, sizeof *out);
    *notsup = 0;
    c->errmsg[0] = '\0';
    rc = x->drv->render(c, op, 1, t, out);
    if (rc == STRATA_ERR_NOTSUP) {
        strata_abi_sql_list_free(cf_host(), out);
        *notsup = 1;
        return CF_PASS;
    }
    if (rc != STRATA_OK) {
        strata_abi_sql_list_free(cf_host(), out);
        return cf_fail(x, check, "render('%s') returned %s: %s", op->sql,
                       cf_rc_name(rc), c->errmsg);
    }
    if (!out->count)
        return cf_fail(x, check, "render('%s') gave no statement", op->sql);
    for (size_t i = 0; i < out->count; i++)
        if (!out->items[i].sql || !*out->items[i].sql) {
            strata_abi_sql_list_free(cf_host(), out);
            return cf_fail(x, check, "render('%s'): statement %zu is empty",
                           op->sql, i + 1);
        }
    return CF_PASS;
}

static int guard_row(void *payload, int ncols, const char *const *values,
                     const char *const *names)
{
    long long *n = payload;

    (void)names;
    if (*n < 0 && ncols > 0)
        *n = values[0] ? atoll(values[0]) : 0;
    return 0;
}

int cf_run_list(cf *x, strata_conn *c, const char *check,
                const strata_op *op, const strata_sql_list *l, int *rc_out)
{
    int fk_off = 0, autocommit = 0, txn, rc = STRATA_OK;

    *rc_out = STRATA_OK;
    for (size_t i = 0; i < l->count; i++) {
        fk_off |= (l->items[i].flags & STRATA_SQL_NEEDS_FK_OFF) != 0;
        autocommit |= (l->items[i].flags & STRATA_SQL_AUTOCOMMIT) != 0;
    }
    /* In a transaction where DDL rolls back, as the runner runs a
     * migration: a table rebuild that fails halfway leaves nothing. */
    txn = (x->drv->caps & STRATA_CAP_TRANSACTIONAL_DDL) && !autocommit;
    if (fk_off && x->drv->foreign_keys &&
        (rc = x->drv->foreign_keys(c, 0)) != STRATA_OK)
        return cf_fail(x, check, "foreign_keys(0) returned %s: %s",
                       cf_rc_name(rc), c->errmsg);
    if (txn && (rc = x->drv->begin(c)) != STRATA_OK)
        return cf_fail(x, check, "begin returned %s: %s", cf_rc_name(rc),
                       c->errmsg);
    for (size_t i = 0; i < l->count && rc == STRATA_OK; i++) {
        const strata_sql *s = &l->items[i];

        if (s->flags & STRATA_SQL_GUARD) {
            long long n = -1;

            rc = x->drv->query(c, s->sql, guard_row, &n);
            if (rc == STRATA_OK && n != 0) {
                if (s->alternative)
                    x->drv->exec(c, s->alternative);
                rc = cf_host()->error(c, STRATA_ERR_DB, NULL,
                                      "guard '%s' counted %lld: %s", s->sql,
                                      n, s->note ? s->note : "");
            }
            continue;
        }
        rc = x->drv->exec(c, s->sql);
        if (rc == STRATA_ERR_POLICY && s->alternative &&
            (op->flags & STRATA_OP_ALLOW_LOCKING))
            rc = x->drv->exec(c, s->alternative);
    }
    if (txn && rc == STRATA_OK)
        rc = x->drv->commit(c);
    else if (txn) {
        /* Keep the failure's message, not the rollback's. */
        strata_conn saved = *c;

        x->drv->rollback(c);
        memcpy(c->errmsg, saved.errmsg, sizeof c->errmsg);
    }
    if (fk_off && x->drv->foreign_keys)
        x->drv->foreign_keys(c, 1);
    *rc_out = rc;
    return CF_PASS;
}

/* As the core asks before connecting: an empty catalog, a connection
 * never connected.  Only STRATA_ERR_NOTSUP counts here. */
static int no_form(cf *x, const strata_op *op)
{
    strata_conn *off = cf_conn_new(x);
    strata_table empty = {0};
    strata_sql_list l = {0};
    int rc;

    if (!off)
        return 0;
    empty.name = (char *)(op->table ? op->table : op->name);
    rc = x->drv->render(off, op, 1, &empty, &l);
    strata_abi_sql_list_free(cf_host(), &l);
    cf_close(x, off);
    return rc == STRATA_ERR_NOTSUP;
}

static int step(cf *x, strata_conn *c, const char *scenario,
                const cf_step *s, int *stop)
{
    const char *k = s->sql;
    strata_op *op = NULL;
    strata_table t = {0};
    strata_sql_list l = {0};
    strata_ensure e = STRATA_ENSURE_APPLY;
    char *why = NULL, *table = NULL;
    int rc = CF_FAIL, notsup = 0, run_rc = STRATA_OK;

    if (cf_op_parse(x, k, s->sql, 1, &op))
        return CF_FAIL;
    op->online = op->kind != STRATA_OP_CREATE_TABLE;
    if (s->mode != CF_REFUSED && cf_ensure(x, c, k, op, &e, &why))
        goto done;
    if (s->mode == CF_DIFFERS) {
        if (e != STRATA_ENSURE_DRIFT)
            cf_fail(x, k, "present with another definition, but the core "
                    "reads the catalog as '%s'", strata__ensure_word(e));
        else
            rc = CF_PASS;
        goto done;
    }
    if (s->mode == CF_APPLY && e != STRATA_ENSURE_APPLY) {
        cf_fail(x, k, "not there yet, but the core reads the catalog as "
                "'%s'%s%s", strata__ensure_word(e), why ? ": " : "",
                why ? why : "");
        goto done;
    }
    if (no_form(x, op)) {
        char *u = strata__sprintf("%s: %s (render has no form for it; later "
                             "steps skipped)", scenario, s->sql);

        cf_unclaimed(x, u ? u : scenario);
        free(u);
        *stop = 1;
        rc = CF_PASS;
        goto done;
    }
    if (op_table(x, c, k, op, &table) ||
        (table && cf_catalog(x, c, k, table, &t)) ||
        cf_render(x, c, k, op, &t, &l, &notsup))
        goto done;
    if (notsup) {
        cf_fail(x, k, "render refused it given the live catalog (%s), but "
                "not given an empty one", c->errmsg);
        goto done;
    }
    if (cf_run_list(x, c, k, op, &l, &run_rc))
        goto done;
    if (s->mode == CF_REFUSED) {
        if (run_rc == STRATA_OK)
            cf_fail(x, k, "ran, though the table's rows break it");
        else if (!c->errmsg[0])
            cf_fail(x, k, "refused with %s and no message",
                    cf_rc_name(run_rc));
        else
            rc = CF_PASS;
        goto done;
    }
    if (run_rc != STRATA_OK) {
        cf_fail(x, k, "the rendered statements failed with %s: %s (first: "
                "%s)", cf_rc_name(run_rc), c->errmsg, l.items[0].sql);
        goto done;
    }
    free(why);
    why = NULL;
    if (cf_ensure(x, c, k, op, &e, &why))
        goto done;
    if (!strata__ensure_skips(e) || e == STRATA_ENSURE_SKIP_DIFFERS) {
        cf_fail(x, k, "after it ran, the core reads the catalog as '%s'%s%s "
                "(introspect does not show what render built)",
                strata__ensure_word(e), why ? ": " : "", why ? why : "");
        goto done;
    }
    rc = CF_PASS;
done:
    if (rc == CF_PASS)
        cf_ok(x, k);
    strata_abi_sql_list_free(cf_host(), &l);
    strata_abi_table_free(cf_host(), &t);
    free(table);
    free(why);
    cf_op_free(op);
    return rc;
}

int cf_steps(cf *x, strata_conn *c, const char *scenario,
             const cf_step *steps, size_t n)
{
    int stop = 0;

    for (size_t i = 0; i < n && !stop; i++)
        if (step(x, c, scenario, &steps[i], &stop))
            return CF_FAIL;
    return CF_PASS;
}
