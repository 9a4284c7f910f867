/* cmd_seed.c - seed: reference data from YAML, CSV and JSON files,
 * checked against the live schema, then upserted in one transaction
 * with a summary per table (docs/design.md §9.10). */
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "run/seed/seed.h"
#include "util/buf.h"
#include "util/output.h"

static json_t *json_table(const strata_seed_table *st)
{
    return json_pack(
        "{s:o,s:o,s:o,s:I,s:I,s:I,s:I,s:o}", "table",
        strata__json_text(st->name), "key",
        strata__json_strings((char *const *)st->key, st->nkey), "key_from",
        strata__json_text(st->key_from), "inserted",
        (json_int_t)st->inserted, "updated", (json_int_t)st->updated,
        "unchanged", (json_int_t)st->unchanged, "skipped",
        (json_int_t)st->skipped, "skips",
        strata__json_strings(st->skips, st->nskips));
}

static int print_json(strata_ctx *x, const strata_seed_run *r, int written)
{
    json_t *tables = json_array(), *files = json_array();
    int oom = !tables || !files;

    for (size_t t = 0; t < r->ntables && !oom && !r->nproblems; t++)
        oom = json_array_append_new(tables, json_table(&r->tables[t])) != 0;
    for (size_t i = 0; i < r->nfiles && !oom; i++)
        oom = json_array_append_new(files,
                                    strata__json_text(r->files[i].path)) != 0;
    return strata__ctx_print_json(
        x,
        json_pack("{s:s,s:o,s:o,s:b,s:o,s:o,s:o}", "command", "seed", "url",
                  strata__json_text(x->sess.url_masked), "files", files,
                  "written", written, "tables", tables, "problems",
                  strata__json_strings(r->problems, r->nproblems), "sql",
                  x->cli->sql ? strata__json_strings(r->sql, r->nsql)
                              : json_null()),
        oom);
}

static void print_text(const strata_seed_run *r)
{
    strata__out("%-24s %8s %8s %9s %7s  %s\n", "table", "inserted",
                "updated", "unchanged", "skipped", "key");
    for (size_t t = 0; t < r->ntables; t++) {
        const strata_seed_table *st = &r->tables[t];
        strata_buf k = {0};

        for (size_t i = 0; i < st->nkey; i++)
            strata__buf_printf(&k, "%s%s", i ? ", " : "", st->key[i]);
        strata__out("%-24s %8zu %8zu %9zu %7zu  %s (%s)\n", st->name,
                    st->inserted, st->updated, st->unchanged, st->skipped,
                    k.data ? k.data : "", st->key_from ? st->key_from : "");
        strata__buf_free(&k);
        for (size_t i = 0; i < st->nskips; i++)
            strata__out("  skipped %s\n", st->skips[i]);
    }
}

/* One transaction: every statement, or none. */
static int write_rows(strata_ctx *x, const strata_seed_run *r)
{
    int rc = strata__session_begin(&x->sess, &x->err);

    for (size_t i = 0; i < r->nsql && rc == STRATA_OK; i++)
        rc = strata__session_exec(&x->sess, r->sql[i], &x->err);
    if (rc == STRATA_OK)
        return strata__session_commit(&x->sess, &x->err);
    {
        strata_error ignore = {0};

        strata__session_rollback(&x->sess, &ignore);
        strata__error_clear(&ignore);
    }
    return strata__error_prefix(&x->err, "seed: nothing written: ");
}

int strata__cmd_seed(strata_ctx *x)
{
    const strata_cli *cli = x->cli;
    strata_seed_run r = {0};
    strata_seed_file *files;
    size_t nfiles = 0;
    int rc = strata__ctx_config(x), written = 0;

    if (rc != STRATA_OK)
        return rc;
    files = calloc(cli->nargs + 1, sizeof *files);
    STRATA_ALLOC_CHECK(files, &x->err);
    for (size_t i = 0; i < cli->nargs && rc == STRATA_OK; i++) {
        rc = strata__seed_read(cli->args[i], x->cfg.max_file_size,
                               &files[i], &x->err);
        if (rc == STRATA_OK)
            nfiles++;
    }
    if (rc == STRATA_OK)
        rc = strata__ctx_connect(x, 0, !cli->sql);
    if (rc == STRATA_OK && x->absent)
        rc = strata__error_set(&x->err, STRATA_ERR_NOTFOUND,
                               "seed: %s: no such database (run 'strata "
                               "upgrade' first)",
                               x->sess.url_masked);
    if (rc == STRATA_OK) {
        r.drv = x->sess.drv;
        r.conn = x->sess.conn;
        r.files = files;
        r.nfiles = nfiles;
        rc = strata__seed_prepare(&r, &x->err);
    }
    for (size_t i = 0; i < r.nproblems; i++)
        strata__errout("%s", r.problems[i]);
    if (rc == STRATA_OK && cli->sql) {
        if (!cli->json)
            for (size_t i = 0; i < r.nsql; i++)
                strata__print("%s;\n", r.sql[i]);
    } else if (rc == STRATA_OK && r.nsql) {
        rc = write_rows(x, &r);
        written = rc == STRATA_OK;
    }
    if (rc == STRATA_OK && !cli->sql && !cli->json)
        print_text(&r);
    if (cli->json && (rc == STRATA_OK || r.nproblems) &&
        print_json(x, &r, written) != STRATA_OK)
        rc = STRATA_ERR_NOMEM;
    strata__seed_run_free(&r);
    for (size_t i = 0; i < nfiles; i++)
        strata__seed_file_free(&files[i]);
    free(files);
    return rc;
}
