/* context.c - configuration, driver, chain and connection for a command,
 * each loaded once and in the order docs/design.md §1 gives. */
#include "cli/context.h"

#include <stdlib.h>
#include <string.h>

#include "db/foreign.h"
#include "db/host.h"
#include "util/alloc.h"
#include "util/output.h"

void strata__ctx_init(strata_ctx *x, const strata_cli *cli)
{
    memset(x, 0, sizeof *x);
    x->cli = cli;
}

void strata__ctx_free(strata_ctx *x)
{
    if (x->have_hist)
        strata__history_close(&x->hist);
    if (x->have_chain)
        strata__chain_free(&x->chain);
    strata__session_close(&x->sess);
    if (x->have_cfg) {
        strata__driver_path_free(&x->dpath);
        strata__config_free(&x->cfg);
    }
    json_decref(x->json_doc);
    strata__strings_free(x->first_rows, x->nfirst_rows);
    strata__error_clear(&x->err);
}

int strata__ctx_config(strata_ctx *x)
{
    int rc;

    if (x->have_cfg)
        return STRATA_OK;
    rc = strata__config_load(&x->cfg, &x->cli->flags, &x->err);
    if (rc != STRATA_OK) {
        strata__config_free(&x->cfg);
        return rc;
    }
    rc = strata__driver_path_init(&x->dpath, x->cfg.driver_path,
                                  x->cfg.ndriver_path, &x->err);
    if (rc != STRATA_OK) {
        strata__config_free(&x->cfg);
        return rc;
    }
    x->have_cfg = 1;
    return STRATA_OK;
}

int strata__ctx_driver(strata_ctx *x)
{
    int rc = strata__ctx_config(x);

    if (rc != STRATA_OK || x->have_driver)
        return rc;
    rc = strata__session_driver(&x->sess, &x->cfg, &x->dpath, &x->err);
    if (rc == STRATA_OK)
        x->have_driver = 1;
    return rc;
}

int strata__ctx_chain(strata_ctx *x)
{
    int rc = strata__ctx_driver(x);

    if (rc != STRATA_OK || x->have_chain)
        return rc;
    rc = strata__chain_load_as(&x->chain, x->cfg.migrations, x->cfg.format,
                               x->cfg.max_file_size, x->cfg.dialects,
                               x->cfg.ndialects, &x->dpath, x->sess.drv,
                               &x->err);
    if (rc == STRATA_OK)
        x->have_chain = 1;
    /* format = auto says what it found in another tool's folder, so a
     * wrong guess is seen (docs/adopting.md). */
    if (rc == STRATA_OK && x->chain.layout_detected &&
        strcmp(x->chain.layout, "strata") != 0 && !x->cli->json &&
        !strata__output_quiet())
        strata__progress("%s: read as a %s folder (format = auto; set "
                         "'format' in strata.ini or --format to choose)",
                         x->cfg.migrations, x->chain.layout);
    return rc;
}

/* Another tool's history table and none of strata's: migrating now
 * would run again what that tool applied, so adopt comes first. */
static int foreign_history(strata_ctx *x)
{
    unsigned char found[STRATA_FOREIGN_TOOLS];
    const char *tables[STRATA_FOREIGN_TOOLS];
    int rc = strata__foreign_find(&x->sess, found, tables, &x->err);

    for (size_t i = 0; rc == STRATA_OK && strata__foreign_tool_at(i); i++)
        if (found[i])
            return strata__error_set(
                &x->err, STRATA_ERR_POLICY,
                "%s holds %s's history (%s) and none of strata's: run "
                "'strata adopt' first, so that what %s applied is "
                "recorded and not run again (docs/adopting.md)",
                x->sess.url_masked, strata__foreign_tool_at(i)->name,
                tables[i], strata__foreign_tool_at(i)->name);
    return rc;
}

/* The chain checked whole for the URL's dialect and the target checked
 * before connecting; then the database's state, the path and the plan. */
int strata__ctx_prepare(strata_ctx *x, strata_direction dir,
                        const char *spec, int lock, strata_prepared *p)
{
    const strata_graph *g;
    char *where;
    int rc;

    memset(p, 0, sizeof *p);
    rc = strata__ctx_chain(x);
    if (rc == STRATA_OK)
        rc = strata__plan_check(&x->chain, x->sess.drv->name,
                                x->sess.drv->render &&
                                    x->sess.drv->introspect,
                                &x->err);
    if (rc != STRATA_OK)
        return rc;
    g = x->chain.graph;
    p->n = strata__graph_count(g);
    rc = strata__prepare_spec(g, spec, dir, &x->err);
    if (rc != STRATA_OK)
        return rc;
    /* Downgrading a database that does not exist must not create it;
     * neither may a look that changes nothing (lock == 0: plan). */
    rc = strata__ctx_connect(x, dir == STRATA_UP && lock, lock);
    if (rc == STRATA_OK)
        rc = strata__ctx_state(x, &p->rows, &p->nrows, &p->applied);
    if (rc == STRATA_OK && x->have_hist && !x->hist.exists)
        rc = foreign_history(x);
    /* An applied file edited since it ran refuses the run, as Flyway's
     * validate does (docs/design.md §2.5). */
    if (rc == STRATA_OK && x->have_hist && x->hist.exists &&
        !x->cli->ignore_checksums)
        rc = strata__prepare_checksums(p, &x->chain, &x->hist, &x->err);
    /* A repeatable migration edited since it ran runs again. */
    if (rc == STRATA_OK && dir == STRATA_UP && x->have_hist &&
        x->hist.exists)
        rc = strata__prepare_repeatables(p, &x->chain, &x->hist, &x->err);
    if (rc != STRATA_OK)
        return rc;
    where = strata__sprintf("to %s (see 'strata current')",
                            x->sess.url_masked);
    STRATA_ALLOC_CHECK(where, &x->err);
    rc = strata__prepare_path(p, g, dir, spec, where, &x->err);
    free(where);
    /* A downgrade undoes the last upgrade: what it ran, and captured. */
    if (rc == STRATA_OK && dir == STRATA_DOWN && p->npath &&
        x->hist.exists)
        rc = strata__prepare_up_state(p, g, &x->hist, &x->err);
    if (rc == STRATA_OK)
        rc = strata__prepare_plan(p, &x->chain, x->sess.drv->name, dir,
                                  &x->err);
    return rc;
}

int strata__ctx_connect(strata_ctx *x, int create, int lock)
{
    int rc = strata__ctx_driver(x);

    if (rc != STRATA_OK || x->connected || x->absent)
        return rc;
    x->sess.read_only = x->read_only;
    rc = strata__session_connect(&x->sess, create, &x->err);
    if (rc == STRATA_ERR_NOTFOUND && !create) {
        x->absent = 1;
        return STRATA_OK;
    }
    if (rc != STRATA_OK)
        return rc;
    x->connected = 1;
    if (lock) {
        rc = strata__session_lock(&x->sess, &x->err);
        if (rc != STRATA_OK)
            return rc;
    }
    rc = strata__history_open(&x->hist, &x->sess, &x->err);
    if (rc == STRATA_OK)
        x->have_hist = 1;
    else /* what history_open quoted before failing */
        strata__history_close(&x->hist);
    return rc;
}

/* A copy of the rows the verb started from, for the fleet's summary. */
static int keep_first_rows(strata_ctx *x, char *const *rows, size_t n)
{
    x->first_rows = strata__alloc_array(n, sizeof *x->first_rows);
    STRATA_ALLOC_CHECK(x->first_rows, &x->err);
    for (; x->nfirst_rows < n; x->nfirst_rows++)
        if (!(x->first_rows[x->nfirst_rows] = strdup(rows[x->nfirst_rows])))
            return strata__nomem(&x->err);
    x->have_first_rows = 1;
    return STRATA_OK;
}

int strata__ctx_state(strata_ctx *x, char ***rows, size_t *nrows,
                      unsigned char **applied)
{
    size_t n = strata__graph_count(x->chain.graph);
    int rc;

    *rows = NULL;
    *nrows = 0;
    *applied = calloc(n ? n : 1, 1);
    STRATA_ALLOC_CHECK(*applied, &x->err);
    if (x->absent || !x->have_hist)
        return STRATA_OK;
    rc = strata__history_versions(&x->hist, rows, nrows, &x->err);
    if (rc == STRATA_OK && !x->have_first_rows)
        rc = keep_first_rows(x, *rows, *nrows);
    if (rc == STRATA_OK)
        rc = strata__graph_applied(x->chain.graph,
                                   (const char *const *)*rows, *nrows,
                                   *applied, &x->err);
    if (rc == STRATA_OK)
        rc = strata__prepare_repeat_state(&x->chain, &x->hist, *applied,
                                          &x->err);
    return rc;
}

int strata__ctx_print_json(strata_ctx *x, json_t *doc, int oom)
{
    if (oom || !doc) {
        json_decref(doc);
        return strata__nomem(&x->err);
    }
    json_decref(x->json_doc);
    x->json_doc = doc;
    x->json_done = 1;
    return STRATA_OK;
}

char *strata__ctx_url_origin(const strata_ctx *x)
{
    const strata_config *c = &x->cfg;
    const char *env = x->cli->flags.env;
    int from_env = env && !x->cli->flags.url;

    if (c->url_shadowed) {
        /* -e picks the hidden url only when it is the section's own. */
        char *own = c->env ? strata__sprintf(" [%s] url", c->env) : NULL;
        size_t n = strlen(c->url_shadowed), k = own ? strlen(own) : 0;
        int hint = own && n >= k &&
                   strcmp(c->url_shadowed + n - k, own) == 0;
        char *out = strata__sprintf(
            "%s, which wins over %s%s%s%s", c->url_source, c->url_shadowed,
            hint ? " ('-e " : "", hint ? c->env : "",
            hint ? "' uses that)" : "");

        free(own);
        return out;
    }
    return strata__sprintf("%s%s%s%s", from_env ? "-e " : "",
                           from_env ? c->env : "", from_env ? ": " : "",
                           c->url_source);
}

json_t *strata__ctx_ids_json(const strata_graph *g, const size_t *v,
                             size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; i < n && a; i++)
        if (json_array_append_new(
                a, strata__json_text(strata__graph_rev(g, v[i])->id))) {
            json_decref(a);
            a = NULL;
        }
    return a;
}
