/* catalog.c - the areas of the portable model: the introspection round
 * trip, every portable operation with ensure semantics, constraints
 * added and validated, and identifier limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/free.h"
#include "sql/catalog.h"
#include "steps.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int portable(cf *x)
{
    if (x->drv->introspect && x->drv->render)
        return 1;
    cf_skip(x, "no introspect and render: the driver runs raw SQL only");
    return 0;
}

static int name_is(cf *x, const char *got, const char *want)
{
    return got && strata__name_same(x->drv->name_flags, 0, got, want);
}

/* ---- introspect ------------------------------------------------------- */

static const cf_step cat_create[] = {
    {CF_APPLY, "CREATE TABLE cf_cat (id integer PRIMARY KEY, "
               "code varchar(20) NOT NULL, qty integer DEFAULT 0, "
               "CONSTRAINT cf_cat_code UNIQUE (code), "
               "CONSTRAINT cf_cat_qty CHECK (qty >= 0))"},
    {CF_APPLY, "CREATE INDEX cf_cat_qty_ix ON cf_cat (qty)"},
    {CF_APPLY, "CREATE TABLE cf_ref (id integer PRIMARY KEY, cat_id integer, "
               "CONSTRAINT cf_ref_cat FOREIGN KEY (cat_id) "
               "REFERENCES cf_cat (id))"},
};

static int read_back(cf *x, strata_conn *c)
{
    const char *names[] = {"cf_cat", "cf_missing", "cf_ref"};
    const char *cols[] = {"id", "code", "qty"};
    const char *k = "read back";
    strata_table *t = NULL;
    int rc = x->drv->introspect(c, names, 3, &t), found = 0;

    if (rc != STRATA_OK || !t)
        return cf_fail(x, k, "introspect of 3 tables returned %s: %s",
                       cf_rc_name(rc), c->errmsg);
    rc = CF_FAIL;
    if (!t[0].exists || t[1].exists || !t[2].exists) {
        cf_fail(x, k, "exists = %d, %d, %d for cf_cat, cf_missing, cf_ref; "
                "not 1, 0, 1 (in the order asked)", t[0].exists,
                t[1].exists, t[2].exists);
        goto done;
    }
    if (t[1].ncolumns || t[1].nconstraints || t[1].nindexes) {
        cf_fail(x, k, "a missing table has columns, constraints or indexes");
        goto done;
    }
    if (t[0].ncolumns != 3) {
        cf_fail(x, k, "cf_cat has %zu columns, not 3", t[0].ncolumns);
        goto done;
    }
    for (size_t i = 0; i < 3; i++)
        if (!name_is(x, t[0].columns[i].name, cols[i])) {
            cf_fail(x, k, "column %zu of cf_cat is %s, not %s (in the "
                    "table's order)", i + 1, t[0].columns[i].name, cols[i]);
            goto done;
        }
    if (t[0].columns[0].pk != 1 || !t[0].columns[1].notnull) {
        cf_fail(x, k, "cf_cat.id has pk = %d (not 1) or cf_cat.code "
                "notnull = %d (not 1)", t[0].columns[0].pk,
                t[0].columns[1].notnull);
        goto done;
    }
    if (!t[0].columns[2].default_expr) {
        cf_fail(x, k, "cf_cat.qty has no default (DEFAULT 0 written)");
        goto done;
    }
    for (size_t i = 0; i < t[2].nconstraints; i++) {
        const strata_constraint *con = &t[2].constraints[i];

        if (con->kind == STRATA_CON_FOREIGN_KEY &&
            name_is(x, con->ref_table, "cf_cat") && con->ncolumns == 1 &&
            name_is(x, con->columns[0], "cat_id"))
            found = 1;
    }
    if (!found) {
        cf_fail(x, k, "cf_ref has no foreign key (cat_id) to cf_cat");
        goto done;
    }
    cf_ok(x, k);
    rc = CF_PASS;
done:
    strata_abi_tables_free(cf_host(), t, 3);
    return rc;
}

/* introspect's answer for each name, asked alone, beside tables_exist's:
 * a driver may answer table_exists with tables_exist's own query, so
 * table_exists alone would not see a wrong letter case in both. */
static int exist_as_introspect(cf *x, strata_conn *c, const char *k,
                               const char *const *names, size_t n,
                               const unsigned char *got)
{
    int res = CF_PASS;

    if (!x->drv->introspect)
        return CF_PASS;
    for (size_t i = 0; i < n && res == CF_PASS; i++) {
        strata_table *t = NULL;
        int rc = x->drv->introspect(c, &names[i], 1, &t);

        if (rc != STRATA_OK)
            res = cf_fail(x, k, "introspect(\"%s\") returned %s: %s",
                          names[i], cf_rc_name(rc), c->errmsg);
        else if (!t)
            res = cf_fail(x, k, "introspect(\"%s\") returned no table",
                          names[i]);
        else if (t[0].exists != got[i])
            res = cf_fail(x, k, "answered %d for %s, introspect %d", got[i],
                          names[i], t[0].exists);
        if (t)
            strata_abi_tables_free(cf_host(), t, 1);
    }
    return res;
}

/* tables_exist (ABI 1.7) answers each name as table_exists and
 * introspect would, the names of other letter case and quotes
 * included. */
static int exist_agrees(cf *x, strata_conn *c)
{
    const char *names[] = {"cf_cat", "cf_missing", "CF_CAT", "cf_ref",
                           "cf'cat", "cf\\cat", "cf_cat"};
    const char *k = "tables_exist";
    unsigned char got[N(names)];
    int rc, one;

    if (!x->drv->tables_exist) {
        cf_unclaimed(x, "tables_exist (ABI 1.7)");
        return CF_PASS;
    }
    memset(got, 2, sizeof got);
    rc = x->drv->tables_exist(c, names, N(names), got);
    if (rc != STRATA_OK)
        return cf_fail(x, k, "tables_exist of %zu tables returned %s: %s",
                       N(names), cf_rc_name(rc), c->errmsg);
    if (!got[0] || got[1] || !got[3] || !got[6])
        return cf_fail(x, k, "answered %d, %d, %d, %d for cf_cat, "
                       "cf_missing, cf_ref and cf_cat again; not 1, 0, 1, 1",
                       got[0], got[1], got[3], got[6]);
    for (size_t i = 0; i < N(names); i++) {
        if (got[i] > 1)
            return cf_fail(x, k, "answered %d for %s: not 0 or 1", got[i],
                           names[i]);
        if (!x->drv->table_exists)
            continue;
        rc = x->drv->table_exists(c, names[i], &one);
        if (rc != STRATA_OK)
            return cf_fail(x, k, "table_exists(\"%s\") returned %s: %s",
                           names[i], cf_rc_name(rc), c->errmsg);
        if (one != got[i])
            return cf_fail(x, k, "answered %d for %s, table_exists %d",
                           got[i], names[i], one);
    }
    if (exist_as_introspect(x, c, k, names, N(names), got) != CF_PASS)
        return CF_FAIL;
    cf_ok(x, k);
    return CF_PASS;
}

int cf_area_introspect(cf *x)
{
    strata_conn *c = NULL;

    if (!portable(x))
        return CF_SKIP;
    if (cf_open(x, "connect", &c))
        return CF_FAIL;
    cf_drop(x, c, "cf_ref");
    cf_drop(x, c, "cf_cat");
    /* Each step already checks that the catalog shows what it built. */
    if (cf_steps(x, c, "introspect", cat_create, N(cat_create)) == CF_PASS) {
        read_back(x, c);
        exist_agrees(x, c);
    }
    cf_drop(x, c, "cf_ref");
    cf_drop(x, c, "cf_cat");
    cf_close(x, c);
    return x->area_failed ? CF_FAIL : CF_PASS;
}

/* ---- operations --------------------------------------------------------
 * Every kind, in an order where each builds on the last: applied when
 * absent, skipped when present and equal, drift when present and
 * different. */

static const cf_step ops[] = {
    {CF_APPLY, "CREATE TABLE cf_ops (id integer PRIMARY KEY, "
               "name varchar(40) NOT NULL)"},
    {CF_APPLY, "ALTER TABLE cf_ops ADD COLUMN qty integer DEFAULT 0"},
    {CF_DIFFERS, "ALTER TABLE cf_ops ADD COLUMN qty varchar(10)"},
    {CF_APPLY, "CREATE INDEX cf_ops_name ON cf_ops (name)"},
    {CF_DIFFERS, "CREATE INDEX cf_ops_name ON cf_ops (qty)"},
    {CF_APPLY, "CREATE UNIQUE INDEX cf_ops_uq ON cf_ops (qty, name)"},
    {CF_APPLY, "ALTER TABLE cf_ops RENAME COLUMN qty TO amount"},
    {CF_APPLY, "ALTER TABLE cf_ops ALTER COLUMN amount SET DEFAULT 1"},
    {CF_APPLY, "ALTER TABLE cf_ops ALTER COLUMN amount DROP DEFAULT"},
    {CF_APPLY, "ALTER TABLE cf_ops ALTER COLUMN amount SET NOT NULL"},
    {CF_APPLY, "ALTER TABLE cf_ops ALTER COLUMN amount DROP NOT NULL"},
    {CF_APPLY, "ALTER TABLE cf_ops ALTER COLUMN amount TYPE varchar(20)"},
    {CF_APPLY, "DROP INDEX cf_ops_uq"},
    {CF_APPLY, "DROP INDEX cf_ops_name"},
    {CF_APPLY, "ALTER TABLE cf_ops DROP COLUMN amount"},
    {CF_APPLY, "ALTER TABLE cf_ops RENAME TO cf_ops2"},
    {CF_APPLY, "DROP TABLE cf_ops2"},
};

int cf_area_operations(cf *x)
{
    strata_conn *c = NULL;

    if (!portable(x))
        return CF_SKIP;
    if (cf_open(x, "connect", &c))
        return CF_FAIL;
    cf_drop(x, c, "cf_ops");
    cf_drop(x, c, "cf_ops2");
    cf_steps(x, c, "operations", ops, N(ops));
    cf_drop(x, c, "cf_ops");
    cf_drop(x, c, "cf_ops2");
    cf_close(x, c);
    return x->area_failed ? CF_FAIL : CF_PASS;
}

/* ---- constraints -------------------------------------------------------
 * Added to tables holding rows (online: NOT VALID then VALIDATE where
 * the engine has it), then a CHECK the rows break, which must fail. */

static const cf_step con_tables[] = {
    {CF_APPLY, "CREATE TABLE cf_conp (id integer PRIMARY KEY)"},
    {CF_APPLY, "CREATE TABLE cf_con (id integer PRIMARY KEY, p integer, "
               "n integer)"},
};

static const cf_step con_steps[] = {
    {CF_APPLY, "ALTER TABLE cf_con ADD CONSTRAINT cf_con_n CHECK (n > 0)"},
    {CF_DIFFERS, "ALTER TABLE cf_con ADD CONSTRAINT cf_con_n CHECK (n > 1)"},
    {CF_APPLY, "ALTER TABLE cf_con ADD CONSTRAINT cf_con_p FOREIGN KEY (p) "
               "REFERENCES cf_conp (id)"},
    {CF_APPLY, "ALTER TABLE cf_con ADD CONSTRAINT cf_con_u UNIQUE (n)"},
    {CF_REFUSED, "ALTER TABLE cf_con ADD CONSTRAINT cf_con_big "
                 "CHECK (n > 5)"},
    {CF_APPLY, "ALTER TABLE cf_con DROP CONSTRAINT cf_con_u"},
    {CF_APPLY, "ALTER TABLE cf_con DROP CONSTRAINT cf_con_p"},
    {CF_APPLY, "ALTER TABLE cf_con DROP CONSTRAINT cf_con_n"},
};

/* Every constraint of cf_con validated: none left NOT VALID. */
static int all_valid(cf *x, strata_conn *c)
{
    strata_table t;
    int rc;

    if (cf_catalog(x, c, "validated", "cf_con", &t))
        return CF_FAIL;
    rc = CF_PASS;
    for (size_t i = 0; i < t.nconstraints && rc == CF_PASS; i++)
        if (t.constraints[i].not_valid)
            rc = cf_fail(x, "validated", "%s is still NOT VALID after the "
                         "operation ran", t.constraints[i].name);
    strata_abi_table_free(cf_host(), &t);
    if (rc == CF_PASS)
        cf_ok(x, "validated");
    return rc;
}

int cf_area_constraints(cf *x)
{
    strata_conn *c = NULL;
    char *p = NULL, *t = NULL;

    if (!portable(x))
        return CF_SKIP;
    if (cf_open(x, "connect", &c))
        return CF_FAIL;
    cf_drop(x, c, "cf_con");
    cf_drop(x, c, "cf_conp");
    if (cf_steps(x, c, "constraints", con_tables, N(con_tables)) ||
        !(p = cf_qi(x, c, "rows", "cf_conp")) ||
        !(t = cf_qi(x, c, "rows", "cf_con")) ||
        cf_execf(x, c, "rows", "INSERT INTO %s (id) VALUES (1)", p) ||
        cf_execf(x, c, "rows", "INSERT INTO %s (id) VALUES (2)", p) ||
        cf_execf(x, c, "rows", "INSERT INTO %s (id, p, n) VALUES (1, 1, 5)",
                 t) ||
        cf_execf(x, c, "rows", "INSERT INTO %s (id, p, n) VALUES (2, 2, 6)",
                 t))
        goto done;
    if (cf_steps(x, c, "constraints", con_steps, 4) == CF_PASS &&
        all_valid(x, c) == CF_PASS)
        cf_steps(x, c, "constraints", con_steps + 4, N(con_steps) - 4);
done:
    cf_drop(x, c, "cf_con");
    cf_drop(x, c, "cf_conp");
    free(p);
    free(t);
    cf_close(x, c);
    if (!(x->drv->caps & STRATA_CAP_NATIVE_CHECK))
        cf_unclaimed(x, "constraints: native ALTER TABLE ADD CHECK "
                        "(STRATA_CAP_NATIVE_CHECK; checked as rendered)");
    return x->area_failed ? CF_FAIL : CF_PASS;
}

/* ---- identifiers -------------------------------------------------------
 * A name of the engine's limit is kept whole; a longer one is cut (and
 * found under the cut name) or refused, as ident_flags say. */

/* A name of n units (characters with STRATA_IDENT_CHARS, each then a
 * 2-byte UTF-8 letter after the prefix; else bytes). */
static char *long_name(size_t n, int chars)
{
    char *s = malloc(n * 2 + 1), *p = s;

    if (!s)
        return NULL;
    p += sprintf(p, "cf_");
    for (size_t i = 3; i < n; i++)
        if (chars) {
            *p++ = (char)0xc3;
            *p++ = (char)0xa9; /* é */
        } else {
            *p++ = (char)('a' + (i % 26));
        }
    *p = '\0';
    return s;
}

static int create(cf *x, strata_conn *c, const char *name, int *rc)
{
    char *q = cf_qi(x, c, "quote", name), *sql;

    *rc = STRATA_ERR_NOMEM;
    if (!q)
        return CF_FAIL;
    sql = strata__sprintf("CREATE TABLE %s (id INTEGER)", q);
    c->errmsg[0] = '\0';
    *rc = sql ? x->drv->exec(c, sql) : STRATA_ERR_NOMEM;
    free(sql);
    free(q);
    return CF_PASS;
}

int cf_area_identifiers(cf *x)
{
    uint32_t max = x->drv->ident_max, flags = x->drv->ident_flags;
    int chars = (flags & STRATA_IDENT_CHARS) != 0, rc, there = 0;
    strata_conn *c = NULL;
    char *at = NULL, *over = NULL, *cut = NULL;

    if (cf_open(x, "connect", &c))
        return CF_FAIL;
    /* No limit claimed: a name of 128 bytes must be kept. */
    at = long_name(max ? max : 128, chars);
    over = max ? long_name((size_t)max + 1, chars) : NULL;
    if (!at || (max && !over)) {
        cf_fail(x, "setup", "out of memory");
        goto done;
    }
    cf_drop(x, c, at);
    if (create(x, c, at, &rc))
        goto done;
    if (rc != STRATA_OK) {
        cf_fail(x, "a name at the limit", "a %u-%s name is refused: %s",
                max ? max : 128, chars ? "character" : "byte", c->errmsg);
        goto done;
    }
    if (cf_table_there(x, c, "a name at the limit", at, &there))
        goto done;
    cf_drop(x, c, at);
    if (!there) {
        cf_fail(x, "a name at the limit", "a table named with %u %s is "
                "not found under that name", max ? max : 128,
                chars ? "characters" : "bytes");
        goto done;
    }
    cf_ok(x, "a name at the limit");
    if (!max) {
        cf_unclaimed(x, "identifiers: longer names (ident_max 0: no limit)");
        goto done;
    }
    if (create(x, c, over, &rc))
        goto done;
    if (!(flags & STRATA_IDENT_TRUNCATE)) {
        if (rc == STRATA_OK) {
            cf_drop(x, c, over);
            cf_fail(x, "a longer name", "a name of %u %s was accepted, but "
                    "ident_flags say the engine refuses it", max + 1,
                    chars ? "characters" : "bytes");
        } else if (!c->errmsg[0]) {
            cf_fail(x, "a longer name", "refused with %s and no message",
                    cf_rc_name(rc));
        } else {
            cf_ok(x, "a longer name refused");
        }
        goto done;
    }
    /* Cut to the limit, as the core cuts names before the engine sees
     * them: the table is there under the name at the limit. */
    if (rc != STRATA_OK) {
        cf_fail(x, "a longer name", "refused (%s), but ident_flags say the "
                "engine cuts it", c->errmsg);
        goto done;
    }
    cut = long_name(max, chars);
    if (!cut || cf_table_there(x, c, "a longer name", cut, &there))
        goto done;
    cf_drop(x, c, cut);
    if (!there)
        cf_fail(x, "a longer name", "a name of %u %s is not found cut to "
                "%u", max + 1, chars ? "characters" : "bytes", max);
    else
        cf_ok(x, "a longer name cut");
done:
    free(at);
    free(over);
    free(cut);
    cf_close(x, c);
    return x->area_failed ? CF_FAIL : CF_PASS;
}
