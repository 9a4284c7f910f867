/* complete.c - `strata __complete WORD...`, the hidden verb the shell
 * completions call: the candidates for the last word from the verb
 * table, the migrations folder and strata.ini, one per line. */
#include "cli/complete.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/context.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/output.h"

/* The global options (docs/design.md §9.3); tests/integration/
 * completion.sh checks this list against 'strata --help'. */
static const char *const global_opts[] = {
    "-c", "-e", "--url", "--schema", "--migrations", "--format",
    "--driver-path",
    "--lock-wait", "--lock-timeout", "--statement-timeout", "--wait",
    "--allow-locking", "--create-schema", "--single-transaction",
    "--adopt", "--json", "--no-color", "-q", "-v", "-h", "--help", "-V",
    "--version",
};

/* The verbs whose arguments are targets, and the options whose values
 * are. */
static const char *const target_verbs[] = {"upgrade", "downgrade", "plan",
                                           "stamp",   "show",      "merge"};
static const char *const target_opts[] = {"--head", "--from", "-r",
                                          "--rev-range", "--accept-dirty"};
/* What 'fleet' runs on each target. */
static const char *const fleet_verbs[] = {"upgrade", "downgrade", "status",
                                          "check"};

static int in(const char *s, const char *const *v, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(s, v[i]) == 0)
            return 1;
    return 0;
}

#define IN(s, v) in((s), (v), sizeof(v) / sizeof(v)[0])

static void offer(const char *cur, const char *cand, size_t len)
{
    size_t n = strlen(cur);

    if (len >= n && strncmp(cand, cur, n) == 0)
        strata__print("%.*s\n", (int)len, cand);
}

static void offer_verbs(const char *cur)
{
    const char *name, *opts;

    for (size_t i = 0; (name = strata__cli_verb(i, &opts)); i++)
        offer(cur, name, strlen(name));
    offer(cur, "help", 4);
    offer(cur, "version", 7);
}

/* The global options, and the verb's: its list's words are the option
 * names without dashes (" m head " is -m and --head). */
static void offer_options(const char *cur, const char *verb)
{
    const char *name, *opts = NULL;
    char flag[40];

    for (size_t i = 0; i < sizeof global_opts / sizeof *global_opts; i++)
        offer(cur, global_opts[i], strlen(global_opts[i]));
    for (size_t i = 0; verb && (name = strata__cli_verb(i, &opts)); i++)
        if (strcmp(name, verb) == 0)
            break;
    for (const char *w = verb && name ? opts : NULL; w && *w;) {
        size_t len;

        w += strspn(w, " ");
        len = strcspn(w, " ");
        if (len && len < sizeof flag - 3) {
            snprintf(flag, sizeof flag, "%s%.*s", len == 1 ? "-" : "--",
                     (int)len, w);
            offer(cur, flag, strlen(flag));
        }
        w += len;
    }
}

/* 1 when exactly one revision id of g starts with the len bytes of p. */
static int unique_prefix(const strata_graph *g, const char *p, size_t len)
{
    size_t hits = 0;

    for (size_t i = 0; i < strata__graph_count(g); i++)
        hits += strncmp(strata__graph_rev(g, i)->id, p, len) == 0;
    return hits == 1;
}

/* head, heads, base, every revision id and the short prefix of each
 * (up to its first '_', when no other id starts so), LABEL@head. */
static void offer_targets(const char *cur, strata_ctx *x)
{
    const strata_graph *g;

    offer(cur, "head", 4);
    offer(cur, "heads", 5);
    offer(cur, "base", 4);
    if (strata__ctx_config(x) != STRATA_OK ||
        strata__chain_load_as(&x->chain, x->cfg.migrations, x->cfg.format,
                              x->cfg.max_file_size, x->cfg.dialects,
                              x->cfg.ndialects, &x->dpath, NULL,
                              &x->err) != STRATA_OK)
        return;
    x->have_chain = 1;
    g = x->chain.graph;
    for (size_t k = 0; k < strata__graph_count(g); k++) {
        const strata_revision *r = strata__graph_rev(g, k);
        size_t cut = strcspn(r->id, "_");

        offer(cur, r->id, strlen(r->id));
        if (r->id[cut] && cut && unique_prefix(g, r->id, cut))
            offer(cur, r->id, cut);
        if (r->branch) {
            char *t = strata__sprintf("%s@head", r->branch);

            if (t)
                offer(cur, t, strlen(t));
            free(t);
        }
    }
}

static void offer_list(const char *cur, char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        offer(cur, v[i], strlen(v[i]));
    strata__strings_free(v, n);
}

int strata__complete(int n, char **words)
{
    const char *cur = n > 0 ? words[n - 1] : "";
    const char *prev = n > 1 ? words[n - 2] : NULL;
    static char name[] = "strata";
    char **argv = calloc((size_t)(n > 0 ? n : 1) + 1, sizeof *argv);
    char **v = NULL;
    size_t nv = 0;
    strata_cli cli;
    strata_error err = {0};
    strata_ctx x;

    if (!argv)
        return 0;
    /* The words before the current one, as the command line so far
     * (an error there leaves what was parsed before it). */
    argv[0] = name;
    for (int i = 0; i + 1 < n; i++)
        argv[i + 1] = words[i];
    strata__cli_parse(&cli, n > 0 ? n : 1, argv, &err);
    strata__error_clear(&err);
    strata__ctx_init(&x, &cli);
    if (prev && strata__cli_takes_value(prev)) {
        if (strcmp(prev, "-e") == 0 &&
            strata__config_envs(&cli.flags, &v, &nv, &err) == STRATA_OK)
            offer_list(cur, v, nv);
        else if (strcmp(prev, "--dialect") == 0 &&
                 strata__ctx_config(&x) == STRATA_OK &&
                 strata__loader_dialects(&v, &nv, &x.dpath, &err) ==
                     STRATA_OK)
            offer_list(cur, v, nv);
        else if (IN(prev, target_opts))
            offer_targets(cur, &x);
        else /* -e or --dialect that failed */
            strata__strings_free(v, nv);
    } else if (cur[0] == '-' && !(cur[1] >= '0' && cur[1] <= '9')) {
        offer_options(cur, cli.verb);
    } else if (!cli.verb || strcmp(cli.verb, "help") == 0) {
        if (!cli.verb || cli.nargs == 0)
            offer_verbs(cur);
    } else if (IN(cli.verb, target_verbs)) {
        offer_targets(cur, &x);
    } else if (strcmp(cli.verb, "schema") == 0 && cli.nargs == 0) {
        offer(cur, "dump", 4); /* its one action */
    } else if (strcmp(cli.verb, "fleet") == 0) {
        if (cli.nargs == 0)
            for (size_t i = 0; i < sizeof fleet_verbs / sizeof *fleet_verbs;
                 i++)
                offer(cur, fleet_verbs[i], strlen(fleet_verbs[i]));
        else if (cli.nargs == 1 && IN(cli.args[0], target_verbs))
            offer_targets(cur, &x); /* the verb's TARGET */
    }
    strata__error_clear(&err);
    strata__ctx_free(&x);
    strata__cli_free(&cli);
    free(argv);
    return 0;
}
