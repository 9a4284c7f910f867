/* cmd_schema.c - schema dump: the live schema, or what the chain builds
 * (a scratch database of the engine), normalised and sorted, as SQL or
 * JSON, on stdout or into a file. */
#include <stdlib.h>
#include <string.h>

#include "cli/built.h"
#include "cli/commands.h"
#include "util/output.h"

/* --format, else the -o file's extension, else SQL. */
static int dump_format(strata_ctx *x, int *json)
{
    const char *f = x->cli->format;

    if (!f) {
        *json = x->cli->output && strata__schema_path_json(x->cli->output);
        return STRATA_OK;
    }
    if (strcmp(f, "sql") != 0 && strcmp(f, "json") != 0)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "schema dump: --format '%s': use sql or "
                                 "json",
                                 f);
    *json = f[0] == 'j';
    return STRATA_OK;
}

int strata__cmd_schema(strata_ctx *x)
{
    const strata_cli *cli = x->cli;
    const char *rev = cli->nargs > 1 ? cli->args[1] : NULL;
    strata_schema s = {0};
    char *text = NULL;
    int json = 0, rc;

    if (strcmp(cli->args[0], "dump") != 0)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "schema: unknown action '%s' (strata "
                                 "schema dump)",
                                 cli->args[0]);
    if ((rev || cli->dialect) && !cli->from_chain)
        return strata__error_set(&x->err, STRATA_ERR_INVALID,
                                 "schema dump: a revision and --dialect go "
                                 "with --from-chain");
    if ((rc = dump_format(x, &json)) != STRATA_OK)
        return rc;
    rc = cli->from_chain ? strata__chain_built(x, cli->dialect, rev, &s)
                         : strata__live_schema(x, &s);
    if (rc == STRATA_OK)
        rc = strata__schema_text(x, &s, json || cli->json, &text);
    if (rc == STRATA_OK && cli->output)
        rc = strata__schema_write(cli->output, text, &x->err);
    if (rc == STRATA_OK && cli->json) {
        json_t *doc = json_pack(
            "{s:s,s:s,s:o,s:o,s:o}", "command", "schema", "source",
            cli->from_chain ? "chain" : "database", "revision",
            strata__json_text(cli->from_chain ? rev ? rev : "head" : NULL),
            "file", strata__json_text(cli->output),
            "schema", strata__schema_json(&s));

        rc = strata__ctx_print_json(x, doc, 0);
    } else if (rc == STRATA_OK && !cli->output) {
        strata__print("%s", text);
    } else if (rc == STRATA_OK) {
        strata__out("wrote %s\n", cli->output);
    }
    free(text);
    strata__schema_free(&s);
    return rc;
}
