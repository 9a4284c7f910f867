/* cmd_check.c - lint (dialect-aware rules over every migration, offline)
 * and check, the CI gate: one head, every applied revision's file
 * present and unchanged since it ran (its checksum), lint without
 * errors.  Both print a line per finding, or one JSON document. */
#include <stdlib.h>
#include <string.h>

#include "cli/audit.h"
#include "cli/built.h"
#include "cli/commands.h"
#include "db/host.h"
#include "util/json.h"
#include "plan/lint.h"
#include "util/output.h"

/* ---- the dialects linted ------------------------------------------------ */

typedef struct lint_run {
    char *one[1];          /* storage when a single dialect is linted */
    strata_lint_opts o;
    strata_lint_report rep;
} lint_run;

/* --dialect D, else the ini's dialects, else the URL's; each must have
 * its driver, or the dialect's own rules would silently be missing. */
static int lint_prepare(strata_ctx *x, lint_run *lr)
{
    const strata_config *cfg = &x->cfg;

    memset(lr, 0, sizeof *lr);
    if (x->cli->dialect) {
        lr->one[0] = (char *)x->cli->dialect;
        lr->o.dialects = lr->one;
        lr->o.ndialects = 1;
    } else if (cfg->ndialects) {
        lr->o.dialects = cfg->dialects;
        lr->o.ndialects = cfg->ndialects;
    } else {
        lr->one[0] = (char *)x->sess.drv->name;
        lr->o.dialects = lr->one;
        lr->o.ndialects = 1;
    }
    lr->o.ntargets = cfg->ndialects ? cfg->ndialects : 1;
    lr->o.online_indexes = cfg->online_indexes;
    lr->o.single_transaction = cfg->transaction_per_run;
    for (size_t i = 0; i < lr->o.ndialects; i++) {
        const strata_driver *drv;
        strata_conn *conn;

        if (strata__chain_driver(&x->chain, lr->o.dialects[i], &drv,
                                 &conn) != STRATA_OK)
            return strata__error_set(
                &x->err, STRATA_ERR_NOTFOUND,
                "lint: no driver for dialect '%s' (strata_%s.so is not in "
                "the driver path); each dialect the chain targets needs "
                "its driver to be linted",
                lr->o.dialects[i], lr->o.dialects[i]);
    }
    return strata__lint_chain(&lr->rep, &x->chain, &lr->o, &x->err);
}

static uint32_t all_bits(const strata_lint_opts *o)
{
    return o->ndialects >= 32 ? UINT32_MAX
                              : (UINT32_C(1) << o->ndialects) - 1;
}

static int names(strata_buf *b, const strata_lint_opts *o, uint32_t mask)
{
    int rc = STRATA_OK, first = 1;

    for (size_t i = 0; i < o->ndialects && rc == STRATA_OK; i++) {
        if (!(mask & (UINT32_C(1) << i)))
            continue;
        if (!first)
            rc = strata__buf_puts(b, ", ");
        if (rc == STRATA_OK)
            rc = strata__buf_puts(b, o->dialects[i]);
        first = 0;
    }
    return rc;
}

/* The dialects in mask as a JSON array; NULL when out of memory. */
static json_t *names_json(const strata_lint_opts *o, uint32_t mask)
{
    json_t *a = json_array();

    for (size_t i = 0; i < o->ndialects && a; i++)
        if ((mask & (UINT32_C(1) << i)) &&
            json_array_append_new(a, strata__json_text(o->dialects[i]))) {
            json_decref(a);
            a = NULL;
        }
    return a;
}

/* "file:line: error [rule] message (dialects)"; the dialects are named
 * only when not every linted one found it. */
static void print_finding(const strata_finding *f, const strata_lint_opts *o)
{
    strata_buf d = {0};

    if (o->ndialects > 1 && f->dialects != all_bits(o)) {
        strata__buf_puts(&d, " (");
        names(&d, o, f->dialects);
        strata__buf_puts(&d, ")");
    }
    strata__print("%s:%u: %s [%s] %s%s\n", f->rev->path, f->line,
                  f->error ? "error" : "warning", f->rule, f->message,
                  d.data ? d.data : "");
    strata__buf_free(&d);
}

/* Append finding f to the JSON array list (in check's lists each starts
 * with "kind": "lint"); nonzero when out of memory. */
static int finding_json(json_t *list, const strata_finding *f,
                        const strata_lint_opts *o, int with_kind)
{
    json_t *v = with_kind ? json_pack("{s:s}", "kind", "lint")
                          : json_object();
    int oom = json_object_update_new(
        v, json_pack("{s:o,s:s,s:o,s:o,s:I,s:o,s:o}", "rule",
                     strata__json_text(f->rule), "severity",
                     f->error ? "error" : "warning", "revision",
                     strata__json_text(f->rev->id), "file",
                     strata__json_text(f->rev->path), "line",
                     (json_int_t)f->line, "message",
                     strata__json_text(f->message), "dialects",
                     names_json(o, f->dialects)));

    if (oom) {
        json_decref(v);
        return 1;
    }
    return json_array_append_new(list, v) != 0;
}

static void summary(strata_buf *b, const strata_lint_report *rep)
{
    strata__buf_printf(b, "%zu error%s, %zu warning%s", rep->errors,
                       rep->errors == 1 ? "" : "s", rep->warnings,
                       rep->warnings == 1 ? "" : "s");
}

/* ---- lint --list-rules ---------------------------------------------------
 * The one list of rules, from the core's table and each installed
 * driver's lint_rules (README.md's table is checked against it). */

static json_t *rule_json(const strata_lint_rule *r)
{
    return json_pack("{s:s,s:s,s:s?,s:s?}", "id", r->id, "severity",
                     r->error ? "error" : "warning", "dialects", r->where,
                     "summary", r->summary);
}

static int list_rules(strata_ctx *x)
{
    strata_lint_rule *v = NULL;
    size_t n = 0;
    int rc = strata__ctx_config(x);

    if (rc == STRATA_OK)
        rc = strata__lint_rule_list(&v, &n, &x->dpath, &x->err);
    if (rc != STRATA_OK)
        return rc;
    if (x->cli->json) {
        json_t *list = json_array();
        int oom = !list;

        for (size_t i = 0; i < n && !oom; i++)
            oom = json_array_append_new(list, rule_json(&v[i])) != 0;
        rc = strata__ctx_print_json(
            x,
            json_pack("{s:s,s:b,s:o}", "command", "lint", "ok", 1, "rules",
                      list),
            oom);
    } else {
        for (size_t i = 0; i < n; i++)
            strata__print("%-7s  %-32s  %-16s  %s\n",
                          v[i].error ? "error" : "warning", v[i].id,
                          v[i].where, v[i].summary);
    }
    free(v);
    return rc;
}

int strata__cmd_lint(strata_ctx *x)
{
    lint_run lr;
    int rc;

    if (x->cli->list_rules)
        return list_rules(x);
    rc = strata__ctx_chain(x);
    if (rc != STRATA_OK)
        return rc;
    rc = lint_prepare(x, &lr);
    if (rc != STRATA_OK)
        goto done;
    if (x->cli->json) {
        json_t *list = json_array();
        int oom = !list;

        for (size_t i = 0; i < lr.rep.count && !oom; i++)
            oom = finding_json(list, &lr.rep.items[i], &lr.o, 0);
        rc = strata__ctx_print_json(
            x,
            json_pack("{s:s,s:b,s:o,s:I,s:I,s:o}", "command", "lint", "ok",
                      !lr.rep.errors, "dialects",
                      names_json(&lr.o, all_bits(&lr.o)), "errors",
                      (json_int_t)lr.rep.errors, "warnings",
                      (json_int_t)lr.rep.warnings, "findings", list),
            oom);
    } else {
        strata_buf d = {0};

        for (size_t i = 0; i < lr.rep.count; i++)
            print_finding(&lr.rep.items[i], &lr.o);
        summary(&d, &lr.rep);
        strata__buf_puts(&d, " in ");
        strata__buf_printf(&d, "%zu migration%s (", x->chain.n,
                           x->chain.n == 1 ? "" : "s");
        names(&d, &lr.o, all_bits(&lr.o));
        strata__out("lint: %s)\n", d.data ? d.data : "");
        strata__buf_free(&d);
    }
    if (rc == STRATA_OK && lr.rep.errors)
        rc = strata__error_set(
            &x->err, STRATA_ERR_POLICY,
            "lint: %zu error%s (a deliberate one is silenced by a comment "
            "'-- strata:allow RULE-ID reason' on its statement)",
            lr.rep.errors, lr.rep.errors == 1 ? "" : "s");
done:
    strata__lint_report_free(&lr.rep);
    return rc;
}

/* ---- check -------------------------------------------------------------- */

typedef struct violation {
    const char *kind;   /* multiple-heads, missing-file, checksum-mismatch,
                         * schema-file-stale */
    char *revision;     /* owned; NULL for multiple-heads */
    const char *file;   /* borrowed from the chain; NULL when none */
    char *message;      /* owned */
    char *recorded;     /* checksum-mismatch: owned */
    char *current;
} violation;

typedef struct violations {
    violation *v;
    size_t n;
} violations;

static int add_violation(violations *vs, const char *kind, const char *rev,
                         const char *file, char *message,
                         const char *recorded, const char *current)
{
    violation *v;

    if (!message)
        return STRATA_ERR_NOMEM;
    v = realloc(vs->v, (vs->n + 1) * sizeof *v);
    if (!v) {
        free(message);
        return STRATA_ERR_NOMEM;
    }
    vs->v = v;
    v = &v[vs->n++];
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->file = file;
    v->message = message;
    v->revision = rev ? strdup(rev) : NULL;
    v->recorded = recorded ? strdup(recorded) : NULL;
    v->current = current ? strdup(current) : NULL;
    if ((rev && !v->revision) || (recorded && !v->recorded) ||
        (current && !v->current))
        return STRATA_ERR_NOMEM;
    return STRATA_OK;
}

static void violations_free(violations *vs)
{
    for (size_t i = 0; i < vs->n; i++) {
        free(vs->v[i].revision);
        free(vs->v[i].message);
        free(vs->v[i].recorded);
        free(vs->v[i].current);
    }
    free(vs->v);
}

static int missing(violations *vs, strata_ctx *x,
                   const strata_audit_gone *gone)
{
    return add_violation(
        vs, "missing-file", gone->revision, NULL,
        strata__sprintf("revision '%s' is applied to %s (%s) but no file "
                        "in %s defines it: restore the file",
                        gone->revision, x->sess.url_masked, gone->where,
                        x->chain.dir),
        NULL, NULL);
}

/* The database's side: applied revisions whose file is gone or was
 * edited since it ran.  Nothing is created or locked. */
static int check_applied(strata_ctx *x, violations *vs, size_t *nchecked)
{
    const strata_graph *g = x->chain.graph;
    strata_audit a;
    int rc = strata__audit_read(x, &a);

    *nchecked = a.nchecked;
    for (size_t i = 0; i < a.ngone && rc == STRATA_OK; i++)
        rc = missing(vs, x, &a.gone[i]);
    for (size_t k = 0; k < strata__graph_count(g) && rc == STRATA_OK; k++) {
        size_t idx = strata__graph_order(g)[k];
        const strata_revision *r = strata__graph_rev(g, idx);

        if (!strata__audit_changed(&a, idx))
            continue;
        rc = add_violation(
            vs, "checksum-mismatch", r->id, r->path,
            strata__sprintf(
                "revision '%s' was applied with checksum %s, the file now "
                "has %s: an applied migration was edited; restore it, or "
                "accept the edit with 'strata stamp --accept-checksum %s'",
                r->id, a.recorded[idx], a.current[idx], r->id),
            a.recorded[idx], a.current[idx]);
    }
    if (rc == STRATA_ERR_NOMEM)
        strata__nomem(&x->err);
    strata__audit_free(&a);
    return rc;
}

static int check_heads(strata_ctx *x, violations *vs)
{
    size_t n;
    const size_t *heads = strata__graph_heads(x->chain.graph, &n);
    strata_buf b = {0};
    int rc = STRATA_OK;

    if (n <= 1 || x->cli->allow_heads)
        return STRATA_OK;
    for (size_t i = 0; i < n && rc == STRATA_OK; i++) {
        const strata_revision *r = strata__graph_rev(x->chain.graph,
                                                     heads[i]);
        rc = strata__buf_printf(&b, "%s%s (%s)",
                                i == 0       ? ""
                                : i == n - 1 ? " and "
                                             : ", ",
                                r->id, r->path);
    }
    if (rc == STRATA_OK)
        rc = add_violation(vs, "multiple-heads", NULL, NULL,
                           strata__sprintf("the chain has %zu heads: %s; "
                                           "merge them ('strata merge -m "
                                           "MSG heads') or pass "
                                           "--allow-heads",
                                           n, b.data),
                           NULL, NULL);
    strata__buf_free(&b);
    return rc;
}

/* Every head's id, a JSON array; NULL when out of memory. */
/* ini dump_schema: the committed file must be what the chain builds
 * (a scratch database of the engine), byte for byte. */
static int check_dump_schema(strata_ctx *x, violations *vs)
{
    const char *path = x->cfg.dump_schema;
    strata_schema s;
    char *built = NULL, *file = NULL;
    size_t nheads;
    int rc;

    strata__graph_heads(x->chain.graph, &nheads);
    if (!path || nheads != 1) /* several heads: reported already */
        return STRATA_OK;
    rc = strata__chain_built(x, NULL, NULL, &s);
    if (rc == STRATA_OK)
        rc = strata__schema_text(x, &s, strata__schema_path_json(path),
                                 &built);
    strata__schema_free(&s);
    if (rc == STRATA_OK) {
        strata_error ferr = {0};

        if (strata__schema_file(path, &file, &ferr) != STRATA_OK ||
            strcmp(file, built) != 0)
            rc = add_violation(
                vs, "schema-file-stale", NULL, path,
                strata__sprintf("%s what the chain builds (dump_schema): "
                                "write it with 'strata schema dump "
                                "--from-chain -o %s' and commit it",
                                file ? "differs from" : "is missing; it holds",
                                path),
                NULL, NULL);
        strata__error_clear(&ferr);
        if (rc == STRATA_ERR_NOMEM)
            rc = strata__nomem(&x->err);
    }
    free(built);
    free(file);
    return rc;
}

static json_t *heads_json(const strata_graph *g)
{
    size_t n;
    const size_t *heads = strata__graph_heads(g, &n);

    return strata__ctx_ids_json(g, heads, n);
}

/* Append violation v to the JSON array list; nonzero when out of memory. */
static int violation_json(json_t *list, const violation *v,
                          const strata_graph *g)
{
    json_t *o = json_pack("{s:o,s:o}", "kind", strata__json_text(v->kind),
                          "revision", strata__json_text(v->revision));
    int oom = !o;

    if (!v->revision) /* multiple-heads: every head */
        oom |= json_object_set_new(o, "revisions", heads_json(g));
    oom |= json_object_set_new(o, "file", strata__json_text(v->file));
    if (v->recorded) {
        oom |= json_object_set_new(o, "recorded",
                                   strata__json_text(v->recorded));
        oom |= json_object_set_new(o, "current",
                                   strata__json_text(v->current));
    }
    oom |= json_object_set_new(o, "message", strata__json_text(v->message));
    if (oom) {
        json_decref(o);
        return 1;
    }
    return json_array_append_new(list, o) != 0;
}

static int check_json(strata_ctx *x, const violations *vs,
                      const lint_run *lr, size_t nchecked)
{
    json_t *errs = json_array(), *warns = json_array();
    int oom = !errs || !warns, ok = !vs->n && !lr->rep.errors;

    for (size_t i = 0; i < vs->n && !oom; i++)
        oom = violation_json(errs, &vs->v[i], x->chain.graph);
    for (size_t i = 0; i < lr->rep.count && !oom; i++)
        oom = finding_json(lr->rep.items[i].error ? errs : warns,
                           &lr->rep.items[i], &lr->o, 1);
    return strata__ctx_print_json(
        x,
        json_pack("{s:s,s:b,s:b,s:o,s:o,s:I,s:o,s:o,s:o}", "command",
                  "check", "ok", ok, "offline", x->cli->offline, "url",
                  strata__json_text(x->cli->offline ? NULL
                                                    : x->sess.url_masked),
                  "heads", heads_json(x->chain.graph), "checksums_checked",
                  (json_int_t)nchecked, "dialects",
                  names_json(&lr->o, all_bits(&lr->o)), "violations", errs,
                  "warnings", warns),
        oom);
}

int strata__cmd_check(strata_ctx *x)
{
    violations vs = {0};
    lint_run lr;
    size_t nchecked = 0, nheads;
    int rc = strata__ctx_chain(x); /* broken files and graphs: exit 2 */

    memset(&lr, 0, sizeof lr);
    if (rc != STRATA_OK)
        return rc;
    /* The file-only part first: it needs no database. */
    rc = check_heads(x, &vs);
    if (rc == STRATA_ERR_NOMEM)
        rc = strata__nomem(&x->err);
    if (rc == STRATA_OK)
        rc = lint_prepare(x, &lr);
    if (rc == STRATA_OK && !x->cli->offline)
        rc = check_applied(x, &vs, &nchecked);
    if (rc == STRATA_OK && !x->cli->offline)
        rc = check_dump_schema(x, &vs);
    if (rc != STRATA_OK)
        goto done;
    if (x->cli->json) {
        rc = check_json(x, &vs, &lr, nchecked);
    } else {
        strata_buf s = {0};

        for (size_t i = 0; i < vs.n; i++)
            strata__print("%s%s%s: %s\n", vs.v[i].file ? vs.v[i].file : "",
                          vs.v[i].file ? ": " : "", vs.v[i].kind,
                          vs.v[i].message);
        for (size_t i = 0; i < lr.rep.count; i++)
            print_finding(&lr.rep.items[i], &lr.o);
        strata__graph_heads(x->chain.graph, &nheads);
        summary(&s, &lr.rep);
        strata__buf_puts(&s, " (");
        names(&s, &lr.o, all_bits(&lr.o));
        strata__buf_puts(&s, ")");
        if (!vs.n && !lr.rep.errors && x->cli->offline)
            strata__out("check --offline: ok: %zu head%s; lint: %s; the "
                        "database was not read\n",
                        nheads, nheads == 1 ? "" : "s",
                        s.data ? s.data : "");
        else if (!vs.n && !lr.rep.errors)
            strata__out("check: ok: %zu head%s; %zu applied revision%s "
                        "unchanged; lint: %s\n",
                        nheads, nheads == 1 ? "" : "s", nchecked,
                        nchecked == 1 ? "" : "s", s.data ? s.data : "");
        strata__buf_free(&s);
    }
    if (rc == STRATA_OK && (vs.n || lr.rep.errors))
        rc = strata__error_set(&x->err, STRATA_ERR_POLICY,
                               "check failed: %zu violation%s, %zu lint "
                               "error%s",
                               vs.n, vs.n == 1 ? "" : "s", lr.rep.errors,
                               lr.rep.errors == 1 ? "" : "s");
done:
    violations_free(&vs);
    strata__lint_report_free(&lr.rep);
    return rc;
}
