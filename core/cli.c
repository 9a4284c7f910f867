/* cli.c - parse the command line, dispatch to a verb, print its error
 * and map the status to an exit code (DESIGN §8). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "host.h"
#include "json.h"
#include "output.h"
#include "version.h"

typedef struct verb {
    const char *name;
    int (*run)(strata_ctx *x);
    int min_args, max_args;
    int json; /* accepts --json */
    const char *options; /* verb options it takes: " m head sql " ... */
    const char *usage;
    const char *summary;
    const char *help;
} verb;

static const verb verbs[] = {
    {"init", strata__cmd_init, 0, 1, 0, NULL, "init [DIR]",
     "write strata.ini and migrations/ with a first migration",
     "Creates DIR/strata.ini (DIR defaults to the current directory) and\n"
     "DIR/migrations/0001_initial.sql.  Refuses to overwrite an existing\n"
     "strata.ini.  No database is touched.\n"},
    {"upgrade", strata__cmd_upgrade, 0, 1, 1, NULL, "upgrade [TARGET]",
     "apply migrations up to TARGET (default: head)",
     "Applies every migration between the database's current revisions\n"
     "and TARGET, each in its own transaction (SQLite: one transaction\n"
     "for the run, a savepoint per migration).  A failing migration is\n"
     "rolled back and recorded; the ones before it stay applied.\n"
     "TARGET: head, heads, a revision or unique prefix, BRANCH@head, +N,\n"
     "REV+N.\n"},
    {"downgrade", strata__cmd_downgrade, 1, 1, 1, NULL, "downgrade TARGET",
     "revert migrations down to TARGET",
     "Runs the +down sections of every applied migration above TARGET,\n"
     "newest first.  A migration whose +up runs SQL on this dialect and\n"
     "which has no +down for it makes the whole downgrade refused before\n"
     "anything runs (exit 3).\n"
     "TARGET: base, a revision or unique prefix, -N, REV-N.\n"},
    {"current", strata__cmd_current, 0, 0, 1, NULL, "current",
     "show the database's current revisions",
     "Prints the rows of the version table: the applied heads, marked\n"
     "(head) when they are heads of the chain.\n"},
    {"heads", strata__cmd_heads, 0, 0, 1, NULL, "heads",
     "show the heads of the migration chain",
     "Prints the revisions that no other revision revises, with their\n"
     "branch labels.  Needs no database.\n"},
    {"history", strata__cmd_history, 0, 0, 1, NULL, "history",
     "show the log of what ran against the database",
     "Prints strata_history: every migration applied, reverted, stamped\n"
     "or failed, with its time, duration, checksum and who ran it.\n"},
    {"show", strata__cmd_show, 1, 1, 0, NULL, "show REV",
     "show one revision: file, parents, sections, checksum",
     "REV: a revision or unique prefix (or head, BRANCH@head).  Needs no\n"
     "database.\n"},
    {"stamp", strata__cmd_stamp, 1, 1, 1, NULL, "stamp REV",
     "set the current revision without running anything",
     "Marks REV and its ancestors applied (and what descends from REV\n"
     "unapplied) without running a statement: for adopting a database\n"
     "built by hand.  REV may be base or heads.  Each change is logged.\n"},
    {"inspect", strata__cmd_inspect, 1, 64, 1, NULL, "inspect TABLE...",
     "show tables as the driver's catalog reads them",
     "Prints each table's columns, constraints, indexes and triggers as\n"
     "the driver introspects them: the neutral catalog that ensure\n"
     "semantics compare migrations with (unnamed constraints appear\n"
     "under their derived names).  Nothing is written.\n"},
    {"drivers", strata__cmd_drivers, 0, 0, 0, NULL, "drivers",
     "list the drivers found, with ABI and capabilities",
     "Searches --driver-path, STRATA_DRIVER_PATH, the ini's driver_path,\n"
     "the build tree and the install directory, and lists every\n"
     "strata_<name>.so: name, file, ABI, schemes, capabilities, or why it\n"
     "cannot be loaded.\n"},
};

static const char global_help[] =
    "Global options (before or after the verb):\n"
    "  -c FILE               configuration file (default: ./strata.ini)\n"
    "  -e ENV                ini section to use (default: dev)\n"
    "  --url URL             database URL (overrides everything)\n"
    "  --schema NAME         schema to migrate\n"
    "  --migrations DIR      migrations directory\n"
    "  --driver-path DIR     look for drivers here first\n"
    "  --lock-wait DUR       wait this long for the migration lock (60s)\n"
    "  --lock-timeout DUR    DDL lock timeout (5s)\n"
    "  --statement-timeout DUR  per-statement limit where the engine has\n"
    "                        one (PostgreSQL, MySQL; default none)\n"
    "  --allow-locking       let DDL fall back to a locking form (MySQL)\n"
    "  --create-schema       create --schema when it is missing\n"
    "  --single-transaction  one transaction for the whole run\n"
    "  --adopt               accept a live object that differs from the\n"
    "                        migration (drift) instead of failing\n"
    "  --json                one JSON document on stdout\n"
    "  -q                    print errors only\n"
    "  -v                    print more (statements in full, progress)\n"
    "  -h, --help            this help, or a verb's\n"
    "Durations: 500ms, 5s, 2m or seconds.\n"
    "Exit codes: 0 done; 1 a database error or failed migration; 2 bad\n"
    "input (usage, config, migration files, graph, driver); 3 refused by\n"
    "policy (irreversible downgrade, checksum, drift); 4 migration lock\n"
    "not obtained in time.\n";

static const verb *find_verb(const char *name)
{
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(verbs[i].name, name) == 0)
            return &verbs[i];
    return NULL;
}

static void print_usage(void)
{
    strata__print("usage: strata [OPTIONS] VERB [ARGS]\n\n"
                  "strata %s: schema migrations for PostgreSQL, "
                  "MySQL/MariaDB and SQLite\n\nVerbs:\n",
                  STRATA_VERSION);
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        strata__print("  %-18s %s\n", verbs[i].usage, verbs[i].summary);
    strata__print("\n%s\nstrata VERB --help explains a verb.\n",
                  global_help);
}

static void print_verb_help(const verb *v)
{
    strata__print("usage: strata [OPTIONS] %s\n\n%s.\n\n%s\n%s", v->usage,
                  v->summary, v->help, global_help);
}

/* Options that take a value: where to store it. */
/* Verb options that take a value. */
static const char **verb_slot(strata_cli *c, const char *name)
{
    static const struct {
        const char *name;
        size_t offset;
    } opts[] = {
        {"-m", offsetof(strata_cli, message)},
        {"--message", offsetof(strata_cli, message)},
        {"--head", offsetof(strata_cli, head)},
        {"--branch", offsetof(strata_cli, branch)},
        {"-r", offsetof(strata_cli, range)},
        {"--rev-range", offsetof(strata_cli, range)},
        {"--dialect", offsetof(strata_cli, dialect)},
        {"--from", offsetof(strata_cli, from)},
    };

    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (strcmp(opts[i].name, name) == 0)
            return (const char **)((char *)c + opts[i].offset);
    return NULL;
}

static const char **value_slot(strata_cli *c, const char *name)
{
    static const struct {
        const char *name;
        size_t offset;
    } opts[] = {
        {"-c", offsetof(strata_config_flags, config_path)},
        {"-e", offsetof(strata_config_flags, env)},
        {"--url", offsetof(strata_config_flags, url)},
        {"--schema", offsetof(strata_config_flags, schema)},
        {"--driver-path", offsetof(strata_config_flags, driver_path)},
        {"--migrations", offsetof(strata_config_flags, migrations)},
        {"--lock-wait", offsetof(strata_config_flags, lock_wait)},
        {"--lock-timeout", offsetof(strata_config_flags, lock_timeout)},
        {"--statement-timeout",
         offsetof(strata_config_flags, statement_timeout)},
    };

    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (strcmp(opts[i].name, name) == 0)
            return (const char **)((char *)&c->flags + opts[i].offset);
    return NULL;
}

static int is_negative_number(const char *s)
{
    if (s[0] != '-' || !s[1])
        return 0;
    for (s++; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

int strata__cli_parse(strata_cli *c, int argc, char **argv,
                      strata_error *err)
{
    const strata_config_flags init = STRATA_CONFIG_FLAGS_INIT;

    memset(c, 0, sizeof *c);
    c->flags = init;
    c->args = calloc((size_t)argc + 1, sizeof *c->args);
    if (!c->args)
        return strata__error_set(err, STRATA_ERR_NOMEM, "out of memory");
    for (int i = 1; i < argc; i++) {
        char *a = argv[i], *eq = NULL, name[32];
        const char **slot;

        if (a[0] != '-' || is_negative_number(a) || strcmp(a, "-") == 0) {
            if (!c->verb)
                c->verb = a;
            else
                c->args[c->nargs++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            while (++i < argc)
                c->args[c->nargs++] = argv[i];
            break;
        }
        /* --name=value */
        if (a[1] == '-' && (eq = strchr(a, '=')) &&
            (size_t)(eq - a) < sizeof name) {
            memcpy(name, a, (size_t)(eq - a));
            name[eq - a] = '\0';
        } else {
            eq = NULL;
            snprintf(name, sizeof name, "%s", a);
        }
        if ((slot = value_slot(c, name)) || (slot = verb_slot(c, name))) {
            if (eq) {
                *slot = eq + 1;
            } else if (i + 1 < argc) {
                *slot = argv[++i];
            } else {
                return strata__error_set(err, STRATA_ERR_INVALID,
                                         "option %s needs a value", name);
            }
            continue;
        }
        if (eq)
            return strata__error_set(err, STRATA_ERR_INVALID,
                                     "option %s takes no value", name);
        if (strcmp(a, "--json") == 0)
            c->json = 1;
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            c->quiet = 1;
        else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
            c->verbose++;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            c->help = 1;
        else if (strcmp(a, "--single-transaction") == 0)
            c->flags.single_transaction = 1;
        else if (strcmp(a, "--adopt") == 0)
            c->adopt = 1;
        else if (strcmp(a, "--allow-locking") == 0)
            c->flags.allow_locking = 1;
        else if (strcmp(a, "--create-schema") == 0)
            c->flags.create_schema = 1;
        else if (strcmp(a, "--sql") == 0)
            c->sql = 1;
        else if (strcmp(a, "--offline") == 0)
            c->offline = 1;
        else if (strcmp(a, "--allow-heads") == 0)
            c->allow_heads = 1;
        else if (strcmp(a, "--accept-checksum") == 0)
            c->accept_checksum = 1;
        else
            return strata__error_set(err, STRATA_ERR_INVALID,
                                     "unknown option '%s' (see 'strata "
                                     "--help')",
                                     a);
    }
    return STRATA_OK;
}

void strata__cli_free(strata_cli *c)
{
    free(c->args);
    c->args = NULL;
}

/* With --json, a failure before the verb printed its document still
 * yields one document, so scripts always get JSON on stdout. */
void strata__cli_json_error(const char *verb_name, int rc,
                            const strata_error *e)
{
    strata_buf b = {0};

    strata__buf_puts(&b, "{");
    strata__json_key(&b, "command", 1);
    strata__json_str(&b, verb_name);
    strata__json_key(&b, "ok", 0);
    strata__buf_puts(&b, "false");
    strata__json_key(&b, "exit_code", 0);
    strata__buf_printf(&b, "%d", strata__exit_code(rc));
    strata__json_key(&b, "error", 0);
    strata__json_str(&b, e->msg ? e->msg : strata_strerror(rc));
    strata__buf_puts(&b, "}\n");
    if (b.data)
        strata__print("%s", b.data);
    strata__buf_free(&b);
}

/* A verb option given to a verb that does not take it is a usage
 * error, not something silently ignored. */
static int check_options(const strata_cli *c, const verb *v)
{
    const struct {
        const char *name, *flag;
        int given;
    } opts[] = {
        {"m", "-m", c->message != NULL},
        {"head", "--head", c->head != NULL},
        {"branch", "--branch", c->branch != NULL},
        {"r", "-r", c->range != NULL},
        {"dialect", "--dialect", c->dialect != NULL},
        {"from", "--from", c->from != NULL},
        {"sql", "--sql", c->sql},
        {"offline", "--offline", c->offline},
        {"allow-heads", "--allow-heads", c->allow_heads},
        {"accept-checksum", "--accept-checksum", c->accept_checksum},
    };

    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        char word[32];

        if (!opts[i].given)
            continue;
        snprintf(word, sizeof word, " %s ", opts[i].name);
        if (!v->options || !strstr(v->options, word)) {
            strata__errout("%s: option %s does not apply (see 'strata %s "
                           "--help')",
                           v->name, opts[i].flag, v->name);
            return 2;
        }
    }
    return 0;
}

int strata__cli_run(strata_cli *c)
{
    const verb *v;
    strata_ctx x;
    int rc;

    if (!c->verb || strcmp(c->verb, "help") == 0) {
        if (c->verb && c->nargs == 1 && (v = find_verb(c->args[0]))) {
            print_verb_help(v);
            return 0;
        }
        if (!c->verb && !c->help) {
            print_usage();
            return 2;
        }
        print_usage();
        return 0;
    }
    if (strcmp(c->verb, "version") == 0) {
        strata__print("strata %s (driver ABI %d.%d)\n", STRATA_VERSION,
                      STRATA_ABI_MAJOR, STRATA_ABI_MINOR);
        return 0;
    }
    v = find_verb(c->verb);
    if (!v) {
        strata__errout("unknown verb '%s' (see 'strata --help')", c->verb);
        return 2;
    }
    if (c->help) {
        print_verb_help(v);
        return 0;
    }
    if (c->json && !v->json) {
        strata__errout("%s: --json is not supported by this verb", v->name);
        return 2;
    }
    if ((rc = check_options(c, v)) != 0)
        return rc;
    if (c->nargs < (size_t)v->min_args || c->nargs > (size_t)v->max_args) {
        strata__errout("usage: strata %s (see 'strata %s --help')",
                       v->usage, v->name);
        return 2;
    }
    strata__output_set_quiet(c->quiet || c->json);
    strata__host_set_verbosity(c->verbose ? STRATA_LOG_INFO + c->verbose - 1
                                          : STRATA_LOG_WARN);
    strata__ctx_init(&x, c);
    rc = v->run(&x);
    if (rc != STRATA_OK) {
        strata__errout("%s", x.err.msg ? x.err.msg : strata_strerror(rc));
        if (c->json && !x.json_done)
            strata__cli_json_error(v->name, rc, &x.err);
    }
    strata__ctx_free(&x);
    return strata__exit_code(rc);
}
