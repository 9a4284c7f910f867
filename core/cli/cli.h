/* cli.h - the command line: global options, verbs and their help
 * (docs/design.md §9). */
#ifndef STRATA_CORE_CLI_H
#define STRATA_CORE_CLI_H

#include <stddef.h>

#include "util/config.h"
#include "util/error.h"

typedef struct strata_cli {
    strata_config_flags flags;
    int json;         /* --json */
    int quiet;        /* -q */
    int verbose;      /* -v (repeatable) */
    int help;         /* --help / -h after the verb */
    int version;      /* --version / -V */
    int no_color;     /* --no-color */
    int adopt;        /* --adopt: accept drifted live objects */
    /* Verb options (docs/design.md §9); NULL / 0 when not given. */
    const char *message;   /* -m MSG: revision, merge */
    const char *head;      /* --head REV: revision */
    const char *branch;    /* --branch LABEL: revision */
    const char *range;     /* -r A:B: history */
    const char *dialect;   /* --dialect D: --sql, lint */
    const char *from;      /* --from REV: --sql */
    int sql;               /* --sql: upgrade/downgrade print, not run */
    int offline;           /* --offline: check without a database */
    int allow_heads;       /* --allow-heads: check accepts several */
    int accept_checksum;   /* --accept-checksum: stamp re-records */
    int ignore_checksums;  /* --ignore-checksums: run over edited files */
    int list_rules;        /* --list-rules: lint prints its rules */
    int exit_code;         /* --exit-code: status exits 3 when behind */
    const char *accept_dirty; /* --accept-dirty REV: adopt records it */
    const char *format;    /* --format sql|json given to schema dump
                            * (elsewhere --format names the layout) */
    const char *output;    /* -o FILE: schema dump */
    int from_chain;        /* --from-chain: schema dump of what the chain
                            * builds */
    const char *junit;     /* --junit FILE: test writes JUnit XML */
    /* fleet (docs/design.md §9.12) */
    const char *targets;   /* --targets FILE[:SECTION] */
    const char *schemas;   /* --schemas PATTERN: PostgreSQL schemas */
    const char *jobs;      /* -j N: targets run at once */
    const char *canary;    /* --canary K: these first, stop on a failure */
    const char *shard;     /* --shard K/N: this share of the targets */
    const char *logs;      /* --logs DIR: one log per target */
    int continue_on_error; /* --continue-on-error */
    int autogenerate;      /* --autogenerate: revision writes the diff */
    const char *against;   /* --against URL|FILE: autogenerate's target */
    const char *verb; /* NULL: none given */
    char **args;      /* positional arguments after the verb; borrowed */
    size_t nargs;
} strata_cli;

/* Parse argv.  Usage errors are STRATA_ERR_INVALID with a message naming
 * the option; "-N" (a number) is a positional target, not an option. */
int strata__cli_parse(strata_cli *out, int argc, char **argv,
                      strata_error *err);
void strata__cli_free(strata_cli *cli);

/* Print {"command":..,"ok":false,"exit_code":..,"error":..} on stdout. */
void strata__cli_json_error(const char *verb_name, int rc,
                            const strata_error *e);

/* The checks strata__cli_run makes before running c's verb: the verb
 * exists, takes --json if given, its options and argument count (the
 * fleet checks the verb it runs on every target before starting). */
int strata__cli_check(const strata_cli *c, strata_error *err);

/* Run the parsed command; returns the process exit code. */
int strata__cli_run(strata_cli *cli);

/* For completion (cli/complete.c): verb i's name (NULL past the last)
 * and the verb options it takes (" m head "; NULL: none), and whether
 * an option ("-m", "--wait") takes a value. */
const char *strata__cli_verb(size_t i, const char **options);
int strata__cli_takes_value(const char *option);

#endif
