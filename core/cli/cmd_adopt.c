/* cmd_adopt.c - adopt: take over another tool's history table, recording
 * the revisions it applied as applied in strata's history (outcome
 * "adopted", running nothing), after refusing dirty entries, edited
 * files and gaps (docs/adopting.md). */
#include <stdlib.h>
#include <string.h>

#include "chain/checksum.h"
#include "chain/takeover.h"
#include "cli/commands.h"
#include "db/foreign.h"
#include "db/host.h"
#include "util/alloc.h"
#include "util/json.h"
#include "util/msg.h"
#include "util/output.h"
#include "util/version.h"

typedef enum verdict {
    V_PENDING = 0, /* the tool has not applied it: upgrade will */
    V_ALREADY,     /* strata's history has it already */
    V_ADOPT,       /* recorded now */
    V_FAILED,      /* dirty or failed, not accepted: refused */
    V_CHANGED      /* a repeatable edited since it ran: upgrade re-runs */
} verdict;

typedef struct adoption {
    strata_foreign f;
    strata_takeover t;
    unsigned char *verdict; /* per revision */
    long accepted;          /* --accept-dirty's revision, -1 none */
    size_t nadopt, nfailed, ndiffer, ngaps;
    const char *table;      /* as found */
} adoption;

/* The tool whose table to take over: the chain's layout's when its
 * table is there, else the only one found. */
static int pick_tool(strata_ctx *x, const strata_foreign_tool **tool,
                     const char **table)
{
    const strata_graph *g = x->chain.graph;
    const char *layout = NULL, *tables[STRATA_FOREIGN_TOOLS];
    unsigned char found[STRATA_FOREIGN_TOOLS];
    strata_msg m = {0};
    size_t nfound = 0;
    int rc = strata__foreign_find(&x->sess, found, tables, &x->err);

    if (rc != STRATA_OK)
        return rc;
    for (size_t i = 0; i < strata__graph_count(g) && !layout; i++)
        layout = strata__graph_rev(g, i)->layout;
    *tool = NULL;
    for (size_t i = 0; strata__foreign_tool_at(i); i++) {
        if (!found[i])
            continue;
        nfound++;
        if (!*tool || (layout &&
                       strcmp(strata__foreign_tool_at(i)->name, layout) == 0)) {
            *tool = strata__foreign_tool_at(i);
            *table = tables[i];
        }
    }
    if (nfound == 1 ||
        (*tool && layout && strcmp((*tool)->name, layout) == 0))
        return STRATA_OK;
    if (!nfound) {
        strata__msg_add(&m, "%s holds no other tool's history table "
                            "(looked for",
                        x->sess.url_masked);
        for (size_t i = 0; strata__foreign_tool_at(i); i++)
            strata__msg_add(&m, "%s %s", i ? "," : "",
                            strata__foreign_tool_at(i)->name);
        strata__msg_add(&m, "): nothing to adopt; 'strata upgrade' "
                            "applies the chain from the start");
        return strata__msg_set(&m, &x->err, STRATA_ERR_NOTFOUND);
    }
    strata__msg_add(&m, "%s holds the history tables of several tools (",
                    x->sess.url_masked);
    for (size_t i = 0, k = 0; strata__foreign_tool_at(i); i++)
        if (found[i])
            strata__msg_add(&m, "%s%s's %s", k++ ? ", " : "",
                            strata__foreign_tool_at(i)->name, tables[i]);
    strata__msg_add(&m, ") and the chain's layout names none of them: "
                        "drop the stale ones, then run 'strata adopt' "
                        "again");
    return strata__msg_set(&m, &x->err, STRATA_ERR_INVALID);
}

/* What to do with each revision, and the counts of what is refused. */
static void decide(const strata_graph *g, const unsigned char *applied,
                   adoption *a)
{
    size_t n = strata__graph_count(g);

    for (size_t i = 0; i < n; i++) {
        const strata_take *t = &a->t.revs[i];
        const strata_revision *r = strata__graph_rev(g, i);

        if (applied[i])
            a->verdict[i] = V_ALREADY;
        else if (t->state == STRATA_TAKE_NONE)
            a->verdict[i] = V_PENDING;
        else if (t->state == STRATA_TAKE_FAILED && a->accepted != (long)i)
            a->verdict[i] = V_FAILED, a->nfailed++;
        else if (r->repeatable && t->sums == STRATA_SUMS_DIFFER)
            a->verdict[i] = V_CHANGED;
        else
            a->verdict[i] = V_ADOPT, a->nadopt++;
        if (a->verdict[i] == V_ADOPT && t->sums == STRATA_SUMS_DIFFER)
            a->ndiffer++;
    }
}

/* Revisions to adopt whose ancestors would stay unapplied: strata keeps
 * an applied set closed under ancestry (the version table holds its
 * heads), so a tool's out-of-order gap cannot be taken over.  (A
 * repeatable there is left pending instead.) */
static int find_gaps(const strata_graph *g, adoption *a,
                     unsigned char *gap, strata_error *err)
{
    size_t n = strata__graph_count(g);
    unsigned char *anc = calloc(n ? n : 1, 1);

    STRATA_ALLOC_CHECK(anc, err);
    /* A repeatable past the gap is left to run again after the new
     * versions, as the tool runs its repeatables after them. */
    for (size_t k = 0; k < n; k++) {
        size_t i = strata__graph_order(g)[k];

        if (a->verdict[i] != V_ADOPT || !strata__graph_rev(g, i)->repeatable)
            continue;
        memset(anc, 0, n);
        strata__graph_ancestors(g, i, anc);
        for (size_t j = 0; j < n && a->verdict[i] == V_ADOPT; j++)
            if (anc[j] && a->verdict[j] != V_ADOPT &&
                a->verdict[j] != V_ALREADY) {
                a->verdict[i] = V_PENDING;
                a->nadopt--;
            }
    }
    for (size_t i = 0; i < n; i++) {
        if (a->verdict[i] != V_ADOPT)
            continue;
        memset(anc, 0, n);
        strata__graph_ancestors(g, i, anc);
        for (size_t k = 0; k < n; k++)
            if (anc[k] && a->verdict[k] != V_ADOPT &&
                a->verdict[k] != V_ALREADY && !gap[k]) {
                gap[k] = 1;
                a->ngaps++;
            }
    }
    free(anc);
    return STRATA_OK;
}

static const char *key_of(const strata_take *t, const strata_revision *r)
{
    return t->row && t->row->key ? t->row->key : r->tool_version;
}

/* The refusal message: every dirty entry, edited file or gap. */
static int refuse(strata_ctx *x, const adoption *a, const unsigned char *gap)
{
    const strata_graph *g = x->chain.graph;
    const char *tool = a->f.tool->name;
    strata_msg m = {0};
    size_t n = strata__graph_count(g);

    if (a->nfailed) {
        strata__msg_add(&m, "%s's %s has %zu failed entr%s:", tool,
                        a->table, a->nfailed, a->nfailed == 1 ? "y" : "ies");
        for (size_t i = 0; i < n; i++)
            if (a->verdict[i] == V_FAILED)
                strata__msg_add(&m, " %s (%s%s: %s)",
                                strata__graph_rev(g, i)->id,
                                a->f.tool->keys == STRATA_KEY_TEXT
                                    ? ""
                                    : "version ",
                                key_of(&a->t.revs[i], strata__graph_rev(g, i)),
                                a->t.revs[i].row && a->t.revs[i].row->why
                                    ? a->t.revs[i].row->why
                                    : "failed");
        strata__msg_add(&m, ". A run stopped part-way: check the schema by "
                            "hand, then either complete it and run 'strata "
                            "adopt --accept-dirty REV' to record it applied, "
                            "or undo it and mark it not applied in %s",
                        a->table);
        return strata__msg_set(&m, &x->err, STRATA_ERR_POLICY);
    }
    if (a->ndiffer) {
        strata__msg_add(&m, "%zu file%s changed since %s ran %s:", a->ndiffer,
                        a->ndiffer == 1 ? "" : "s", tool,
                        a->ndiffer == 1 ? "it" : "them");
        for (size_t i = 0; i < n; i++)
            if (a->verdict[i] == V_ADOPT &&
                a->t.revs[i].sums == STRATA_SUMS_DIFFER)
                strata__msg_add(&m, " %s (%s checksum %s, the file's %s)",
                                strata__graph_rev(g, i)->path, a->table,
                                a->t.revs[i].row->checksum,
                                a->t.revs[i].file_sum);
        strata__msg_add(&m, ". Restore the files as they ran, or take them "
                            "over as they are now with 'strata adopt "
                            "--ignore-checksums'");
        return strata__msg_set(&m, &x->err, STRATA_ERR_CHECKSUM);
    }
    strata__msg_add(&m, "%s applied revisions after some it has not:",
                    tool);
    for (size_t i = 0; i < n; i++)
        if (gap[i])
            strata__msg_add(&m, " %s", strata__graph_rev(g, i)->id);
    strata__msg_add(&m, " %s not applied. strata records what is applied "
                        "by its heads and cannot take over a gap: apply "
                        "%s with %s first, then run 'strata adopt' again",
                    a->ngaps == 1 ? "is" : "are",
                    a->ngaps == 1 ? "it" : "them", tool);
    return strata__msg_set(&m, &x->err, STRATA_ERR_POLICY);
}

/* The detail of an adopted row: the tool, its key and checksum, and
 * what the user accepted. */
static char *detail_of(const adoption *a, size_t i, const strata_revision *r)
{
    const strata_take *t = &a->t.revs[i];
    json_t *doc = json_pack("{s:s,s:s,s:o}", "tool", a->f.tool->name,
                            "table", a->table, "tool_version",
                            strata__json_text(key_of(t, r)));
    char *s;
    int oom = !doc;

    if (doc && t->row && t->row->checksum)
        oom |= json_object_set_new(doc, "tool_checksum",
                                   strata__json_text(t->row->checksum));
    if (doc && t->sums == STRATA_SUMS_DIFFER)
        oom |= json_object_set_new(doc, "file_checksum",
                                   strata__json_text(t->file_sum));
    if (doc && t->baseline)
        oom |= json_object_set_new(doc, "baseline", json_true());
    if (doc && a->accepted == (long)i)
        oom |= json_object_set_new(doc, "accepted_dirty", json_true());
    s = oom ? NULL : strata__json_dump(doc);
    json_decref(doc);
    return s;
}

/* Fill row for revision i (strings borrowed; *detail malloc'd). */
static int make_row(strata_ctx *x, const adoption *a, size_t i,
                    strata_history_row *row, char *sum, char *now,
                    const char *by, char **detail)
{
    const strata_revision *r = strata__graph_rev(x->chain.graph, i);
    int rc = strata__chain_checksum(&x->chain, r, sum, &x->err);

    if (rc != STRATA_OK)
        return rc;
    *detail = detail_of(a, i, r);
    STRATA_ALLOC_CHECK(*detail, &x->err);
    memset(row, 0, sizeof *row);
    row->id = -1;
    row->revision = r->id;
    row->direction = (char *)"adopt";
    row->checksum = sum;
    row->started_at = now;
    row->finished_at = now;
    row->duration_ms = 0;
    row->applied_by = (char *)by;
    row->tool_version = (char *)STRATA_VERSION;
    row->outcome = (char *)"adopted";
    row->statement_index = -1;
    row->detail = *detail;
    return STRATA_OK;
}

/* Move statement st (built with status rc) into the script out as one
 * line. */
static int script_line(strata_buf *out, int rc, strata_buf *st)
{
    if (rc == STRATA_OK)
        rc = strata__buf_printf(out, "%s;\n", st->data ? st->data : "");
    strata__buf_free(st);
    return rc;
}

/* Record the adopted revisions: the version table moved to the new
 * applied set's heads and one history row each, in one transaction;
 * with --sql, the same statements printed instead. */
static int record(strata_ctx *x, const adoption *a, char **rows,
                  size_t nrows, const unsigned char *applied)
{
    const strata_graph *g = x->chain.graph;
    size_t n = strata__graph_count(g), *vr = NULL, nvr = 0;
    unsigned char *next = malloc(n ? n : 1);
    char now[32], *by = strata__history_applied_by();
    strata_buf out = {0};
    int rc = STRATA_OK, sql = x->cli->sql, in_txn = 0;
    strata_session *s = &x->sess;

    if (!next || !by) {
        rc = strata__nomem(&x->err);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        next[i] = applied[i] || a->verdict[i] == V_ADOPT;
    if (strata__graph_version_rows(g, next, &vr, &nvr) != STRATA_OK) {
        rc = strata__nomem(&x->err);
        goto done;
    }
    strata__history_now(now, sizeof now, NULL);
    if (sql) {
        char *c1 = NULL, *c2 = NULL;

        rc = strata__history_sql_create(x->hist.vers, 0, &c1);
        if (rc == STRATA_OK)
            rc = strata__history_sql_create(x->hist.hist, 1, &c2);
        if (rc == STRATA_OK)
            rc = strata__buf_printf(&out, "%s;\n%s;\nBEGIN;\n", c1, c2);
        free(c1);
        free(c2);
    } else {
        rc = strata__history_create(&x->hist, &x->err);
        if (rc == STRATA_OK)
            rc = strata__session_begin(s, &x->err);
        in_txn = rc == STRATA_OK;
    }
    for (size_t i = 0; i < nrows + nvr && rc == STRATA_OK; i++) {
        const char *id = i < nrows ? rows[i]
                                   : strata__graph_rev(g, vr[i - nrows])->id;
        strata_version_change kind =
            i < nrows ? STRATA_VERSION_DEL : STRATA_VERSION_ADD;
        strata_buf st = {0};

        if (sql)
            rc = script_line(&out,
                             strata__history_sql_version(s->drv, s->conn,
                                                         x->hist.vers, kind,
                                                         id, NULL, &st),
                             &st);
        else if (kind == STRATA_VERSION_DEL)
            rc = strata__history_version_del(&x->hist, id, &x->err);
        else
            rc = strata__history_version_add(&x->hist, id, &x->err);
    }
    for (size_t k = 0; k < n && rc == STRATA_OK; k++) {
        size_t i = strata__graph_order(g)[k];
        strata_history_row row;
        char sum[STRATA_CHECKSUM_SIZE], *detail = NULL;

        if (a->verdict[i] != V_ADOPT)
            continue;
        rc = make_row(x, a, i, &row, sum, now, by, &detail);
        if (rc == STRATA_OK && sql) {
            strata_buf st = {0};

            rc = script_line(&out,
                             strata__history_sql_append(s->drv, s->conn,
                                                        x->hist.hist, &row,
                                                        &st),
                             &st);
        } else if (rc == STRATA_OK) {
            rc = strata__history_append(&x->hist, &row, &x->err);
        }
        free(detail);
    }
    if (sql && rc == STRATA_OK)
        rc = strata__buf_puts(&out, "COMMIT;\n");
    if (sql && rc == STRATA_OK)
        strata__print("%s", out.data);
    else if (sql && rc == STRATA_ERR_NOMEM)
        strata__nomem(&x->err);
    else if (sql && rc != STRATA_OK && !x->err.msg)
        strata__session_fail(s, rc, &x->err, "quoting a history value");
    if (in_txn && rc == STRATA_OK)
        rc = strata__session_commit(s, &x->err);
    else if (in_txn)
        strata__session_rollback(s, NULL);
done:
    strata__buf_free(&out);
    free(next);
    free(vr);
    free(by);
    return rc;
}

/* The word for verdict v; after a refusal nothing was recorded. */
static const char *verdict_word(int v, int refused)
{
    static const char *const words[] = {"pending", "already recorded",
                                        "adopted", "failed",
                                        "changed (upgrade re-applies it)"};

    return refused && v == V_ADOPT ? "not recorded (refused)" : words[v];
}

/* What adopt found and did, as text (stdout) or one JSON document. */
static int report(strata_ctx *x, const adoption *a, int rc)
{
    const strata_graph *g = x->chain.graph;
    size_t n = strata__graph_count(g), w = 0;
    json_t *doc, *revs, *orph;
    int oom = 0;

    for (size_t i = 0; i < a->t.norphans; i++) {
        const strata_foreign_row *o = a->t.orphans[i];

        int changeset = o->name && o->script && !o->repeatable;

        /* Liquibase's changeset: author:id (file). */
        strata__warn("%s's %s records %s%s%s%s%s%s%s%s%s, which no file in %s "
                     "defines",
                     a->f.tool->name, a->table,
                     o->repeatable ? "repeatable " : "",
                     changeset                              ? "changeset "
                     : a->f.tool->keys == STRATA_KEY_TEXT ? ""
                                                          : "version ",
                     changeset ? o->name : "", changeset ? ":" : "", o->key,
                     changeset ? " (" : "", changeset ? o->script : "",
                     changeset ? ")" : "",
                     o->state == STRATA_FOREIGN_FAILED ? " (failed)" : "",
                     x->cfg.migrations);
    }
    if (!x->cli->json) {
        if (x->cli->sql || rc != STRATA_OK)
            return rc;
        for (size_t i = 0; i < n; i++)
            if (strlen(strata__graph_rev(g, i)->id) > w)
                w = strlen(strata__graph_rev(g, i)->id);
        strata__out("%s: %s's history (%s), %zu revision%s to adopt\n",
                    x->sess.url_masked, a->f.tool->name, a->table, a->nadopt,
                    a->nadopt == 1 ? "" : "s");
        for (size_t k = 0; k < n; k++) {
            size_t i = strata__graph_order(g)[k];
            const strata_revision *r = strata__graph_rev(g, i);
            const strata_take *t = &a->t.revs[i];

            strata__out("  %-*s  %s%s%s%s\n", (int)w, r->id,
                        verdict_word(a->verdict[i], rc != STRATA_OK),
                        t->state != STRATA_TAKE_NONE && key_of(t, r)
                            ? " ("
                            : "",
                        t->state != STRATA_TAKE_NONE && key_of(t, r)
                            ? key_of(t, r)
                            : "",
                        t->state != STRATA_TAKE_NONE && key_of(t, r)
                            ? (t->sums == STRATA_SUMS_DIFFER
                                   ? ", checksum differs)"
                                   : ")")
                            : "");
        }
        return rc;
    }
    revs = json_array();
    orph = json_array();
    doc = json_pack("{s:s,s:s,s:s,s:i,s:o,s:o}", "command", "adopt", "tool",
                    a->f.tool->name, "table", a->table, "adopted",
                    rc == STRATA_OK ? (int)a->nadopt : 0, "revisions", revs, "missing_files", orph);
    oom = !doc || !revs || !orph;
    for (size_t k = 0; k < n && !oom; k++) {
        size_t i = strata__graph_order(g)[k];
        const strata_revision *r = strata__graph_rev(g, i);
        const strata_take *t = &a->t.revs[i];
        const char *sums[] = {NULL, "same", "differs", "not compared"};

        oom |= json_array_append_new(
            revs,
            json_pack("{s:s,s:o,s:s,s:o,s:o,s:o}", "revision", r->id,
                      "file", strata__json_text(r->path), "outcome",
                      verdict_word(a->verdict[i], rc != STRATA_OK), "tool_version",
                      strata__json_text(t->state != STRATA_TAKE_NONE
                                            ? key_of(t, r)
                                            : NULL),
                      "tool_checksum",
                      strata__json_text(t->row ? t->row->checksum : NULL),
                      "checksum", strata__json_text(sums[t->sums])));
    }
    for (size_t i = 0; i < a->t.norphans && !oom; i++)
        oom |= json_array_append_new(
            orph, json_pack("{s:s,s:o,s:b}", "tool_version",
                            a->t.orphans[i]->key, "script",
                            strata__json_text(a->t.orphans[i]->script),
                            "repeatable", a->t.orphans[i]->repeatable));
    if (oom)
        json_decref(doc);
    return strata__ctx_print_json(x, oom ? NULL : doc, oom) == STRATA_OK
               ? rc
               : x->err.code;
}

/* --accept-dirty REV: the one revision the user vouches for. */
static int accepted(strata_ctx *x, long *idx)
{
    strata_target t = {0};
    int rc;

    *idx = -1;
    if (!x->cli->accept_dirty)
        return STRATA_OK;
    rc = strata__graph_resolve(x->chain.graph, x->cli->accept_dirty,
                               STRATA_UP, NULL, &t, &x->err);
    if (rc == STRATA_OK && (t.is_base || t.nrevs != 1))
        rc = strata__error_set(&x->err, STRATA_ERR_INVALID,
                               "--accept-dirty: '%s' names %zu revisions; "
                               "it takes one",
                               x->cli->accept_dirty, t.nrevs);
    if (rc == STRATA_OK)
        *idx = (long)t.revs[0];
    strata__target_free(&t);
    return rc;
}

int strata__cmd_adopt(strata_ctx *x)
{
    adoption a = {0};
    const strata_foreign_tool *tool = NULL;
    char **rows = NULL;
    unsigned char *applied = NULL, *gap = NULL;
    size_t nrows = 0, n;
    int rc;

    if (x->cli->sql && x->cli->json)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "--sql prints SQL: it does not go with "
                                 "--json");
    rc = strata__ctx_chain(x);
    if (rc == STRATA_OK)
        rc = accepted(x, &a.accepted);
    /* --sql only reads: no lock, nothing created. */
    if (rc == STRATA_OK)
        rc = strata__ctx_connect(x, 0, !x->cli->sql);
    if (rc == STRATA_OK && x->absent)
        rc = strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                               "%s does not exist: there is no history to "
                               "adopt",
                               x->sess.url_masked);
    if (rc == STRATA_OK)
        rc = strata__ctx_state(x, &rows, &nrows, &applied);
    if (rc == STRATA_OK)
        rc = pick_tool(x, &tool, &a.table);
    if (rc == STRATA_OK)
        rc = strata__foreign_read(&x->sess, tool, a.table, &a.f, &x->err);
    if (rc == STRATA_OK && a.f.locked)
        rc = strata__error_set(&x->err, STRATA_ERR_BUSY,
                               "%s's lock table says it is running on %s: "
                               "wait for it to finish (or release a stale "
                               "lock with its 'release-locks'), then run "
                               "'strata adopt' again",
                               tool->name, x->sess.url_masked);
    if (rc == STRATA_OK)
        rc = strata__takeover_map(x->chain.graph, &a.f, x->cfg.max_file_size,
                                  &a.t, &x->err);
    if (rc != STRATA_OK)
        goto done;
    n = strata__graph_count(x->chain.graph);
    a.verdict = calloc(n ? n : 1, 1);
    gap = calloc(n ? n : 1, 1);
    STRATA_ALLOC_GOTO(a.verdict && gap, &x->err, rc, done);
    decide(x->chain.graph, applied, &a);
    if (a.accepted >= 0 && a.t.revs[a.accepted].state != STRATA_TAKE_FAILED &&
        !applied[a.accepted]) {
        rc = strata__error_set(&x->err, STRATA_ERR_INVALID,
                               "--accept-dirty %s: %s's %s has no failed "
                               "entry for it",
                               strata__graph_rev(x->chain.graph,
                                                 (size_t)a.accepted)->id,
                               tool->name, a.table);
        goto done;
    }
    if (x->cli->ignore_checksums)
        a.ndiffer = 0;
    rc = find_gaps(x->chain.graph, &a, gap, &x->err);
    if (rc == STRATA_OK && (a.nfailed || a.ndiffer || a.ngaps))
        rc = refuse(x, &a, gap);
    if (rc == STRATA_OK && (a.nadopt || !x->hist.exists || x->cli->sql))
        rc = record(x, &a, rows, nrows, applied);
    rc = report(x, &a, rc);
done:
    strata__takeover_free(&a.t);
    strata__foreign_free(&a.f);
    strata__strings_free(rows, nrows);
    free(applied);
    free(a.verdict);
    free(gap);
    return rc;
}
