/* cmd_stamp.c - stamp: move the version table to a revision without
 * running anything, logging one history row per revision it marks; and
 * stamp --accept-checksum: re-record the checksum of an applied file
 * edited on purpose, with an audit row. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chain/checksum.h"
#include "cli/commands.h"
#include "db/host.h"
#include "db/recorded.h"
#include "util/json.h"
#include "util/output.h"
#include "run/report.h"
#include "util/version.h"
#include "util/alloc.h"

/* New applied set: what descends from the target is dropped, the target
 * and its ancestors are added; other branches stay as they are. */
static void stamped_set(const strata_graph *g, const strata_target *t,
                        const unsigned char *applied, unsigned char *out)
{
    size_t n = strata__graph_count(g);
    unsigned char *desc = calloc(n ? n : 1, 1);

    if (t->is_base) {
        memset(out, 0, n);
        free(desc);
        return;
    }
    memcpy(out, applied, n);
    if (!desc)
        return;
    for (size_t i = 0; i < t->nrevs; i++)
        strata__graph_descendants(g, t->revs[i], desc);
    for (size_t i = 0; i < n; i++)
        if (desc[i])
            out[i] = 0;
    for (size_t i = 0; i < t->nrevs; i++) {
        strata__graph_ancestors(g, t->revs[i], out);
        out[t->revs[i]] = 1;
    }
    free(desc);
}

/* Log the change of one revision and report it. */
static int log_one(strata_ctx *x, strata_report *rep, size_t idx, int added,
                   const char *applied_by)
{
    const strata_revision *r = strata__graph_rev(x->chain.graph, idx);
    char sum[STRATA_CHECKSUM_SIZE], now[32];
    strata_history_row row = {0};
    int rc = strata__chain_checksum(&x->chain, r, sum, &x->err);

    if (rc != STRATA_OK)
        return rc;
    strata__history_now(now, sizeof now, NULL);
    row.revision = r->id;
    row.direction = (char *)"stamp";
    row.checksum = sum;
    row.started_at = now;
    row.finished_at = now;
    row.duration_ms = 0;
    row.applied_by = (char *)applied_by;
    row.tool_version = (char *)STRATA_VERSION;
    row.outcome = (char *)"stamped";
    row.statement_index = -1;
    row.detail = (char *)(added ? "{\"applied\":true}"
                                : "{\"applied\":false}");
    rc = strata__history_append(&x->hist, &row, &x->err);
    if (rc == STRATA_OK) {
        strata__report_step_begin(rep, r, added ? "stamp+" : "stamp-");
        strata__report_step_end(rep, "stamped", 0, 0);
    }
    return rc;
}

/* The audit row of an accepted edit: direction "checksum", outcome
 * "accepted", the new checksum, and the one it replaces in detail. */
static int accept_row(strata_ctx *x, const strata_revision *r,
                      const char *sum, const char *previous)
{
    strata_history_row row = {0};
    json_t *doc = json_pack("{s:o}", "previous", strata__json_text(previous));
    char now[32], *by = strata__history_applied_by();
    char *detail = strata__json_dump(doc);
    int rc;

    json_decref(doc);
    if (!detail || !by) {
        free(by);
        free(detail);
        return strata__nomem(&x->err);
    }
    strata__history_now(now, sizeof now, NULL);
    row.revision = r->id;
    row.direction = (char *)"checksum";
    row.checksum = (char *)sum;
    row.started_at = now;
    row.finished_at = now;
    row.duration_ms = 0;
    row.applied_by = by;
    row.tool_version = (char *)STRATA_VERSION;
    row.outcome = (char *)"accepted";
    row.statement_index = -1;
    row.detail = detail;
    rc = strata__history_append(&x->hist, &row, &x->err);
    free(by);
    free(detail);
    return rc;
}

static int accept_checksum(strata_ctx *x)
{
    const char *spec = x->cli->args[0];
    strata_target t = {0};
    strata_history_row *hist = NULL;
    char **rows = NULL, sum[STRATA_CHECKSUM_SIZE];
    unsigned char *applied = NULL;
    size_t nrows = 0, nhist = 0;
    const strata_revision *r = NULL;
    const char *prev = NULL;
    int rc = strata__ctx_chain(x), changed = 0;

    if (rc == STRATA_OK)
        rc = strata__graph_resolve(x->chain.graph, spec, STRATA_UP, NULL, &t,
                                   &x->err);
    if (rc == STRATA_OK && (t.is_base || t.nrevs != 1))
        rc = strata__error_set(&x->err, STRATA_ERR_INVALID,
                               "'%s' names %zu revisions; --accept-checksum "
                               "takes one",
                               spec, t.nrevs);
    if (rc == STRATA_OK)
        rc = strata__ctx_connect(x, 0, 1);
    if (rc == STRATA_OK)
        rc = strata__ctx_state(x, &rows, &nrows, &applied);
    if (rc != STRATA_OK)
        goto done;
    r = strata__graph_rev(x->chain.graph, t.revs[0]);
    if (!applied[t.revs[0]]) {
        rc = strata__error_set(
            &x->err, STRATA_ERR_INVALID,
            "revision '%s' is not applied to %s: --accept-checksum "
            "re-records the checksum of an applied migration (run "
            "'strata upgrade' or 'strata stamp' to apply one)",
            r->id, x->sess.url_masked);
        goto done;
    }
    rc = strata__chain_checksum(&x->chain, r, sum, &x->err);
    if (rc == STRATA_OK)
        rc = strata__history_read(&x->hist, &hist, &nhist, &x->err);
    if (rc != STRATA_OK)
        goto done;
    prev = strata__history_recorded(hist, nhist, r->id);
    changed = !prev || strcmp(prev, sum) != 0;
    if (changed) {
        /* Under the migration lock: ids are counted by strata. */
        rc = strata__history_create(&x->hist, &x->err);
        if (rc == STRATA_OK)
            rc = accept_row(x, r, sum, prev);
        if (rc != STRATA_OK)
            goto done;
    }
    if (x->cli->json) {
        json_t *doc = json_pack(
            "{s:s,s:b,s:o,s:o,s:o,s:o,s:b}", "command", "stamp",
            "accept_checksum", 1, "revision", strata__json_text(r->id),
            "file", strata__json_text(r->path), "previous",
            strata__json_text(prev), "checksum", strata__json_text(sum),
            "changed", changed);

        if ((rc = strata__ctx_print_json(x, doc, 0)) != STRATA_OK)
            goto done;
    } else if (changed) {
        strata__out("%s (%s): accepted checksum %s (was %s)\n", r->id,
                    r->path, sum, prev ? prev : "not recorded");
    } else {
        strata__out("%s (%s): checksum %s unchanged; nothing to accept\n",
                    r->id, r->path, sum);
    }
done:
    strata__target_free(&t);
    strata__strings_free(rows, nrows);
    strata__history_rows_free(hist, nhist);
    free(applied);
    return rc;
}

int strata__cmd_stamp(strata_ctx *x)
{
    const char *spec = x->cli->args[0];
    strata_target t = {0};
    strata_report *rep = NULL;
    unsigned char *applied = NULL, *next = NULL;
    char **rows = NULL, **to = NULL, *by = NULL, *target = NULL;
    size_t nrows = 0, nto = 0, *vr = NULL, nvr = 0, n, changes = 0, idw = 0;
    int rc, in_txn = 0;

    if (x->cli->accept_checksum)
        return accept_checksum(x);
    rc = strata__ctx_chain(x);
    if (rc == STRATA_OK) /* bad targets are refused before connecting */
        rc = strata__graph_resolve(x->chain.graph, spec, STRATA_UP, NULL, &t,
                                   &x->err);
    if (rc == STRATA_OK)
        rc = strata__ctx_connect(x, 1, 1);
    if (rc == STRATA_OK)
        rc = strata__ctx_state(x, &rows, &nrows, &applied);
    if (rc != STRATA_OK)
        goto done;
    n = strata__graph_count(x->chain.graph);
    next = calloc(n ? n : 1, 1);
    rep = strata__report_new("stamp", x->cli->json, x->cli->verbose);
    by = strata__history_applied_by();
    /* The header names what the target resolved to; --json keeps it. */
    target = x->cli->json
                 ? NULL
                 : strata__target_describe(x->chain.graph, &t, spec);
    if (!next || !rep || !by || (!x->cli->json && !target)) {
        rc = strata__nomem(&x->err);
        goto done;
    }
    stamped_set(x->chain.graph, &t, applied, next);
    for (size_t i = 0; i < n; i++)
        changes += applied[i] != next[i];
    for (size_t i = 0; i < n; i++)
        if (applied[i] != next[i] &&
            strlen(strata__graph_rev(x->chain.graph, i)->id) > idw)
            idw = strlen(strata__graph_rev(x->chain.graph, i)->id);
    strata__report_align(rep, idw);
    strata__report_start(rep, x->sess.url_masked, x->sess.drv->name,
                         target ? target : spec, rows, nrows, changes);
    if (changes) {
        rc = strata__history_create(&x->hist, &x->err);
        if (rc == STRATA_OK)
            rc = strata__session_begin(&x->sess, &x->err);
        in_txn = rc == STRATA_OK;
        for (size_t i = 0; i < nrows && rc == STRATA_OK; i++)
            rc = strata__history_version_del(&x->hist, rows[i], &x->err);
        if (rc == STRATA_OK &&
            strata__graph_version_rows(x->chain.graph, next, &vr, &nvr) !=
                STRATA_OK)
            rc = strata__nomem(&x->err);
        for (size_t i = 0; i < nvr && rc == STRATA_OK; i++)
            rc = strata__history_version_add(
                &x->hist, strata__graph_rev(x->chain.graph, vr[i])->id,
                &x->err);
        /* Topological order reads naturally in the log. */
        for (size_t k = 0; k < n && rc == STRATA_OK; k++) {
            size_t i = strata__graph_order(x->chain.graph)[k];
            if (applied[i] != next[i])
                rc = log_one(x, rep, i, next[i], by);
        }
        if (in_txn && rc == STRATA_OK)
            rc = strata__session_commit(&x->sess, &x->err);
        else if (in_txn)
            strata__session_rollback(&x->sess, NULL);
    }
    if (rc == STRATA_OK &&
        strata__history_versions(&x->hist, &to, &nto, &x->err) != STRATA_OK)
        rc = x->err.code;
    strata__report_finish(rep, to, nto, rc, &x->err, 0);
    x->json_done = 1;
done:
    strata__report_free(rep);
    strata__target_free(&t);
    strata__strings_free(rows, nrows);
    strata__strings_free(to, nto);
    free(applied);
    free(next);
    free(vr);
    free(by);
    free(target);
    return rc;
}
