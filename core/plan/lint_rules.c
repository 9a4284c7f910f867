/* lint_rules.c - the rules `strata lint` knows: the core's own, and the
 * ones each driver declares in its table (lint_rules), for
 * `lint --list-rules` and for checking the ids suppressions name. */
#include "plan/lint.h"

#include <stdlib.h>
#include <string.h>

/* Errors are what takes a lock that stops the application, fails on a
 * table with rows, loses data or breaks running code; warnings are what
 * strata cannot vouch for.  Ids never change: suppressions name them.
 * A dialect's own rules are its driver's (lint_rules), not listed here. */
static const strata_lint_rule rules[] = {
    {"index-not-online", 1, "postgres, mysql",
     "an index built without CONCURRENTLY/online on a table that existed "
     "before the migration (raw SQL, or online_indexes = never)"},
    {"add-column-not-null", 1, "all",
     "ADD COLUMN ... NOT NULL without a DEFAULT on an existing table"},
    {"alter-column-type", 1, "all",
     "a column's type changed on an existing table (rewrite or copy)"},
    {"rename-column", 1, "all",
     "a column of an existing table renamed (breaks running code)"},
    {"rename-table", 1, "all",
     "an existing table renamed (breaks running code)"},
    {"drop-column", 1, "all", "a column of an existing table dropped"},
    {"drop-table", 1, "all", "an existing table dropped"},
    {"concurrent-in-single-transaction", 1, "postgres, sqlite",
     "a statement that runs outside any transaction (CREATE INDEX "
     "CONCURRENTLY ...) while transaction_per = run"},
    {"mixed-ddl-dml", 1, "mysql",
     "a migration that changes both data and schema on an engine "
     "without transactional DDL"},
    {"identifier-too-long", 0, "postgres, mysql",
     "a name longer than a dialect keeps: cut there (PostgreSQL, past 63 "
     "bytes) or refused (MySQL/MariaDB, past 64 characters)"},
    {"raw-sql-generic-section", 0, "all",
     "raw SQL in a section for every dialect of a chain that targets "
     "several"},
    {"suppression-without-reason", 0, "all",
     "a strata:allow comment that gives no reason"},
    {"suppression-unknown-rule", 0, "all",
     "a strata:allow comment naming a rule that does not exist"},
};

const strata_lint_rule *strata__lint_rules(size_t *n)
{
    *n = sizeof rules / sizeof rules[0];
    return rules;
}

static const strata_lint_rule *find(const strata_lint_rule *v, size_t n,
                                    const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].id, id) == 0)
            return &v[i];
    return NULL;
}

const strata_lint_rule *strata__lint_rule(const char *id)
{
    return find(rules, sizeof rules / sizeof rules[0], id);
}

const strata_driver_rule *strata__lint_driver_rule(const strata_driver *d,
                                                   const char *id)
{
    for (const strata_driver_rule *r = d ? d->lint_rules : NULL; r && r->id;
         r++)
        if (strcmp(r->id, id) == 0)
            return r;
    return NULL;
}

/* Append d's rules that are not in v yet. */
static int add_driver(strata_lint_rule **v, size_t *n, const strata_driver *d)
{
    for (const strata_driver_rule *r = d->lint_rules; r && r->id; r++) {
        strata_lint_rule *nv;

        if (find(*v, *n, r->id))
            continue;
        nv = realloc(*v, (*n + 1) * sizeof *nv);
        if (!nv)
            return STRATA_ERR_NOMEM;
        nv[(*n)++] = (strata_lint_rule){r->id, r->error, d->name, r->summary};
        *v = nv;
    }
    return STRATA_OK;
}

int strata__lint_rule_list(strata_lint_rule **out, size_t *n,
                           const strata_driver_path *p, strata_error *err)
{
    strata_driver_entry *all = NULL;
    size_t nall = 0, cnt = sizeof rules / sizeof rules[0];
    strata_lint_rule *v = malloc(sizeof rules);
    int rc = STRATA_OK;

    *out = NULL;
    *n = 0;
    STRATA_ALLOC_CHECK(v, err);
    memcpy(v, rules, sizeof rules);
    if (p)
        rc = strata__loader_list(&all, &nall, p, err);
    if (rc != STRATA_OK) {
        free(v);
        return rc;
    }
    /* The strings stay valid: a driver is never unloaded (loader.h). */
    for (size_t i = 0; i < nall && rc == STRATA_OK; i++)
        if (all[i].loaded && !all[i].shadowed)
            rc = add_driver(&v, &cnt, &all[i].loaded->drv);
    strata__loader_list_free(all, nall);
    if (rc != STRATA_OK) {
        free(v);
        return strata__nomem(err);
    }
    *out = v;
    *n = cnt;
    return STRATA_OK;
}

/* A driver built without lint_rules: ids carrying its dialect's name
 * ("toy-...") are taken as its own. */
static int prefixed(const char *id, const char *dialect)
{
    size_t n = strlen(dialect);

    return strncmp(id, dialect, n) == 0 && id[n] == '-';
}

int strata__lint_rule_known(strata_lint_rulebook *b, const char *id,
                            int *known, strata_error *err)
{
    int rc;

    *known = 1;
    if (strata__lint_rule(id))
        return STRATA_OK;
    for (size_t i = 0; i < b->o->ndialects; i++) {
        const strata_driver *d;
        strata_conn *conn;

        if (strata__chain_driver(b->c, b->o->dialects[i], &d, &conn) !=
            STRATA_OK)
            d = NULL;
        if (d && d->lint_rules ? strata__lint_driver_rule(d, id) != NULL
                               : prefixed(id, b->o->dialects[i]))
            return STRATA_OK;
    }
    /* Another installed driver's rule, in a file also linted for its
     * dialect elsewhere: listed once, on the first id that needs it. */
    if (!b->listed && b->c->dpath) {
        rc = strata__lint_rule_list(&b->all, &b->nall, b->c->dpath, err);
        if (rc != STRATA_OK)
            return rc;
    }
    b->listed = 1;
    *known = find(b->all, b->nall, id) != NULL;
    return STRATA_OK;
}

void strata__lint_rulebook_free(strata_lint_rulebook *b)
{
    free(b->all);
    b->all = NULL;
    b->nall = 0;
    b->listed = 0;
}
