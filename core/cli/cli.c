/* cli.c - parse the command line, dispatch to a verb, print its error
 * and map the status to an exit code (docs/design.md §9.5). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "db/host.h"
#include "util/json.h"
#include "util/output.h"
#include "util/suggest.h"
#include "util/version.h"

typedef struct verb {
    const char *name;
    int (*run)(strata_ctx *x);
    int min_args, max_args;
    int json; /* accepts --json */
    const char *options; /* verb options it takes: " m head sql " ... */
    const char *usage;
    const char *summary;
    const char *help;
    /* VERB_WRITES: the verb changes the database.  Every other verb is
     * read-only, and runs of session_sql only its session settings
     * (docs/design.md §10.6): a new verb is read-only until marked. */
    int writes;
} verb;

#define VERB_WRITES 1

static const verb verbs[] = {
    {"init", strata__cmd_init, 0, 1, 1, NULL, "init [DIR]",
     "write strata.ini and migrations/ with a first migration",
     "Creates DIR/strata.ini (DIR defaults to the current directory) and\n"
     "DIR/migrations/0001_initial.sql.  Refuses to overwrite an existing\n"
     "strata.ini.  No database is touched.\n"},
    {"upgrade", strata__cmd_upgrade, 0, 1, 1,
     " sql dialect from ignore-checksums ",
     "upgrade [TARGET] [--ignore-checksums] [--sql [--dialect D] [--from "
     "REV]]",
     "apply migrations up to TARGET (default: head)",
     "Applies every migration between the database's current revisions\n"
     "and TARGET, each in its own transaction (SQLite: one transaction\n"
     "for the run, a savepoint per migration).  A failing migration is\n"
     "rolled back and recorded; the ones before it stay applied.\n"
     "TARGET: head, heads, a revision or unique prefix, BRANCH@head, +N,\n"
     "REV+N.  A TARGET below what is applied is refused (exit 2): use\n"
     "downgrade.  An applied migration whose file changed since it ran\n"
     "refuses the run (exit 3), naming the file, unless the edit was\n"
     "accepted ('strata stamp --accept-checksum REV') or with\n"
     "--ignore-checksums.\n"
     "--sql prints the script instead, without connecting: session\n"
     "settings, strata's tables, transactions, autocommit statements\n"
     "marked, the portable statements rendered for --dialect (postgres,\n"
     "mysql, sqlite; default: the URL's) as if on a database at --from\n"
     "(default base), and the history and version rows.  Feed it to\n"
     "psql -v ON_ERROR_STOP=1, mariadb or sqlite3 -bail.\n",
     VERB_WRITES},
    {"downgrade", strata__cmd_downgrade, 1, 1, 1,
     " sql dialect from ignore-checksums ",
     "downgrade TARGET [--ignore-checksums] [--sql [--dialect D] [--from "
     "REV]]",
     "revert migrations down to TARGET",
     "Runs the +down sections of every applied migration above TARGET,\n"
     "newest first.  A migration whose +up runs SQL on this dialect and\n"
     "which has no +down for it makes the whole downgrade refused before\n"
     "anything runs (exit 3), as does an applied file edited since it\n"
     "ran (see upgrade; --ignore-checksums).\n"
     "TARGET: base, a revision or unique prefix, -N, REV-N.\n"
     "--sql prints the script instead, without connecting, for a\n"
     "database at --from (default: heads, every head applied); see\n"
     "'strata upgrade --help'.\n",
     VERB_WRITES},
    {"plan", strata__cmd_plan, 0, 1, 1, " ignore-checksums ",
     "plan [TARGET] [--ignore-checksums]",
     "show what upgrade (or downgrade) would do, changing nothing",
     "Reads the database's state and catalog (no migration lock, nothing\n"
     "written: not even strata's own tables) and prints, per migration\n"
     "and operation, what would happen: apply, skip (exists or absent),\n"
     "drift, rebuild of an invalid index, validate; the statements the\n"
     "driver would run, each in the transaction or autocommit, with the\n"
     "lock it takes and the driver's notes (SQLite rebuilds); raw SQL\n"
     "runs as written.  TARGET as for upgrade (default head); base, -N,\n"
     "REV-N and a revision below the database's plan a downgrade.  A\n"
     "drifted object is reported and the exit is 3, as upgrade would\n"
     "refuse it (--adopt: 0), and so is an applied file edited since it\n"
     "ran (--ignore-checksums: planned anyway).  A missing SQLite file\n"
     "plans from an empty database.\n"},
    {"current", strata__cmd_current, 0, 0, 1, NULL, "current",
     "show the database's current revisions",
     "Prints the rows of the version table: the applied heads, marked\n"
     "(head) when they are heads of the chain.\n"},
    {"status", strata__cmd_status, 0, 0, 1, " exit-code ",
     "status [--exit-code]",
     "show every revision: applied, pending, edited or gone",
     "Prints the database's URL and where it came from (--url, -e's\n"
     "section, STRATA_URL, DATABASE_URL, strata.ini's [dev], the\n"
     "embedded default), its current revisions, the chain's heads, then\n"
     "every revision in order: applied, pending, checksum-changed (the\n"
     "file was edited since it ran) or missing-file (applied, but no\n"
     "file defines it).  Reads the database without writing (a missing\n"
     "SQLite file: everything pending).  --exit-code exits 3 when\n"
     "anything is not applied as written: pending, checksum-changed or\n"
     "missing-file.\n"},
    {"heads", strata__cmd_heads, 0, 0, 1, NULL, "heads",
     "show the heads of the migration chain",
     "Prints the revisions that no other revision revises, with their\n"
     "branch labels.  Needs no database.\n"},
    {"revision", strata__cmd_revision, 0, 0, 1,
     " m head branch autogenerate against ",
     "revision -m MSG [--head REV] [--branch LABEL] [--autogenerate "
     "[--against URL|FILE]]",
     "write a new migration file revising the current head",
     "Writes DIR/NNNN_<slug>.sql in the migrations directory and prints\n"
     "its path.  NNNN is the next number after the highest numeric prefix\n"
     "of the files there, as wide as the widest (0001 in an empty\n"
     "directory); when the files start with 14-digit UTC timestamps\n"
     "(YYYYMMDDHHMMSS_), the current time.  The slug is MSG in lowercase\n"
     "with other characters as '_' (at most 40); the file name without\n"
     ".sql is the revision id.  The header revises the chain's head (none\n"
     "in an empty chain: a root); with several heads, pick the parent\n"
     "with --head REV (a revision, prefix, BRANCH@head, or base for a new\n"
     "root) or merge them first.  --branch LABEL sets a branch label, so\n"
     "that LABEL@head works as a target; a label already used is\n"
     "refused.  Never overwrites a file.  Needs no database, but\n"
     "--autogenerate fills the file with the statements that turn what\n"
     "the chain builds at the parent (in a scratch database, as 'schema\n"
     "dump --from-chain') into the target: the configured database, or\n"
     "--against a database URL or a JSON dump file.  Portable statements\n"
     "where the portable model expresses the change, a section of the\n"
     "target's dialect where it does not; a drop beside an add that\n"
     "looks like a rename gets a '-- review:' comment.  The +down is\n"
     "written when the up cannot be inverted.  Nothing differs: no file,\n"
     "'no changes' on stderr, exit 0.\n"},
    {"merge", strata__cmd_merge, 1, 64, 1, " m ",
     "merge -m MSG REV REV... | heads",
     "write a merge migration joining two or more revisions",
     "Writes a migration whose header revises every revision named (each\n"
     "a revision, prefix or BRANCH@head; 'heads' names every head), named\n"
     "and numbered as by 'revision'.  It has no body: it runs nothing and\n"
     "only joins the branches into one head.  At least two distinct\n"
     "revisions are needed, and none may be an ancestor of another.\n"
     "Needs no database.\n"},
    {"branches", strata__cmd_branches, 0, 0, 1, NULL, "branches",
     "show where the chain forks and the heads each fork leads to",
     "Prints every branch point (a revision that two or more revisions\n"
     "revise) with its children and the heads reachable from each, then\n"
     "every branch label with its revision and heads.  Needs no\n"
     "database.\n"},
    {"graph", strata__cmd_graph, 0, 0, 1, NULL, "graph",
     "print the revision graph in Graphviz DOT",
     "Prints the chain as a DOT digraph on stdout: a node per revision\n"
     "(id, branch label, message), an edge from each parent to its child,\n"
     "a dashed edge for depends.  Heads have a double border; revisions\n"
     "applied to the database are filled (read only: a missing SQLite\n"
     "file means nothing is applied).  Render it with\n"
     "'strata graph | dot -Tpng -o chain.png'.\n"},
    {"history", strata__cmd_history, 0, 0, 1, " r ",
     "history [-r A:B] [-v]",
     "show the log of what ran against the database",
     "Prints strata_history: every migration applied, reverted, stamped\n"
     "or failed, with its time, duration and outcome (a failure with its\n"
     "error); nothing when the history tables do not exist yet.\n"
     "-r A:B keeps the rows of revisions from A to B: B and its ancestors\n"
     "that are A or descend from A.  A and B are targets (a revision,\n"
     "prefix, BRANCH@head, head, base, -N); either may be left out\n"
     "(-r :B, -r A:).  -v (--verbose) adds each row's checksum, who ran\n"
     "it (user@host), the strata version and the recorded detail.\n"},
    {"show", strata__cmd_show, 1, 1, 1, NULL, "show REV",
     "show one revision: file, parents, sections, checksum",
     "REV: a revision or unique prefix (or head, BRANCH@head).  Needs no\n"
     "database.\n"},
    {"stamp", strata__cmd_stamp, 1, 1, 1, " accept-checksum ",
     "stamp [--accept-checksum] REV",
     "set the current revision without running anything",
     "Marks REV and its ancestors applied (and what descends from REV\n"
     "unapplied) without running a statement: for adopting a database\n"
     "built by hand.  REV may be base or heads.  Each change is logged.\n"
     "--accept-checksum REV records a deliberate edit of an applied file\n"
     "instead: its current checksum becomes the recorded one, which\n"
     "'check' compares with (a checksum/accepted row in the history,\n"
     "with the previous checksum).  REV must be applied.\n",
     VERB_WRITES},
    {"adopt", strata__cmd_adopt, 0, 0, 1,
     " accept-dirty ignore-checksums sql ",
     "adopt [--accept-dirty REV] [--ignore-checksums] [--sql]",
     "take over another tool's history table, running nothing",
     "Reads the history table of the tool that migrated the database\n"
     "(golang-migrate, dbmate, goose, Flyway, Liquibase, sqlx, Diesel,\n"
     "popx, Drizzle, Prisma; the one of the chain's layout when several\n"
     "are there), matches its entries to the chain's revisions and\n"
     "records those as applied in strata's history (outcome 'adopted',\n"
     "the tool in the detail), with strata's checksum of each file.\n"
     "Nothing runs; the tool's table is left as it is.  The next\n"
     "'strata upgrade' applies only what the tool had not.  Refused\n"
     "(exit 3) while an entry is dirty or failed (accept one you have\n"
     "checked by hand with --accept-dirty REV: it is recorded applied),\n"
     "while a file differs from the checksum the tool kept\n"
     "(--ignore-checksums takes the files over as they are), and when\n"
     "the tool applied a revision after one it has not.  Entries no file\n"
     "defines are reported.  Running it again records only what is new.\n"
     "--sql prints the statements it would run instead.\n"
     "See docs/adopting.md.\n",
     VERB_WRITES},
    {"check", strata__cmd_check, 0, 0, 1, " offline allow-heads dialect ",
     "check [--offline] [--allow-heads] [--dialect D]",
     "CI gate: one head, applied files unchanged and present, lint clean",
     "Fails (exit 3) on any violation, each printed with its revision and\n"
     "file: several heads (unless --allow-heads); a revision the database\n"
     "has applied whose file is gone; an applied file whose checksum\n"
     "differs from the one recorded when it ran (comments and whitespace\n"
     "do not count; accept a deliberate edit with 'strata stamp\n"
     "--accept-checksum REV'); a lint error (see 'strata lint --help').\n"
     "Files that do not parse and broken graphs are exit 2.  Reads the\n"
     "database without writing; --offline does the file-only part and\n"
     "never connects.  --json lists the violations.\n"},
    {"lint", strata__cmd_lint, 0, 0, 1, " dialect list-rules ",
     "lint [--dialect D] [--list-rules]",
     "dialect-aware rules over every migration, offline",
     "Checks the +up sections of every migration for each dialect the\n"
     "chain targets (ini 'dialects'; default: the URL's), or only D.\n"
     "Each finding: file:line, error or warning, rule id, what to do.\n"
     "Errors exit 3; warnings alone exit 0.  A deliberate one is\n"
     "silenced by '-- strata:allow RULE-ID reason' inside its statement,\n"
     "after it on its last line, or on comment lines right above it.\n"
     "--list-rules prints every rule instead, with its severity, the\n"
     "dialects it concerns and what it catches: strata's own, then each\n"
     "installed driver's (a dialect's rules come with its driver).\n"},
    {"inspect", strata__cmd_inspect, 1, 64, 1, NULL, "inspect TABLE...",
     "show tables as the driver's catalog reads them",
     "Prints each table's columns, constraints, indexes and triggers as\n"
     "the driver introspects them: the neutral catalog that ensure\n"
     "semantics compare migrations with (unnamed constraints appear\n"
     "under their derived names).  Nothing is written.  A table that\n"
     "does not exist is an error (exit 2) naming it.\n"},
    {"schema", strata__cmd_schema, 1, 2, 1, " format o dialect from-chain ",
     "schema dump [--format sql|json] [-o FILE] [--from-chain [REV] "
     "[--dialect D]]",
     "print the schema, normalised: the database's or the chain's",
     "Prints every table (columns with declared types, defaults and\n"
     "nullability; constraints; indexes with their columns, expressions\n"
     "and predicates; triggers), view and sequence of the database,\n"
     "strata's own tables left out, sorted by name: equal schemas give\n"
     "byte-equal dumps on one engine.  --format sql (the default, or json\n"
     "when -o names a .json file) or json (what 'strata diff' reads).\n"
     "-o FILE writes the file instead of stdout.  --from-chain dumps what\n"
     "the chain builds up to REV (default head): the chain applied to a\n"
     "scratch database of the engine (SQLite: a temporary file; PostgreSQL\n"
     "and MariaDB: a database created beside the configured one and\n"
     "dropped after, refused when the user may not create one); --dialect\n"
     "D builds it on another engine (a server one needs its --url).\n"
     "The ini key dump_schema = FILE writes the dump after each upgrade\n"
     "and downgrade, and 'check' fails when FILE differs from what the\n"
     "chain builds.\n"},
    {"diff", strata__cmd_diff, 2, 2, 1, NULL, "diff A B",
     "compare two schemas object by object (exit 3 when they differ)",
     "A and B are each a database URL, a JSON dump file ('strata schema\n"
     "dump --format json') or chain:REV (what the chain builds up to REV,\n"
     "as 'schema dump --from-chain' reads it; chain: alone is the head).\n"
     "Prints each table, column, constraint, index, trigger, view and\n"
     "sequence found on one side only, or defined differently, with both\n"
     "definitions.  Exit 0 when equal, 3 when they differ.  Schemas of two\n"
     "dialects are compared on what the portable model expresses (tables,\n"
     "columns and nullability, constraints by kind and columns, indexes by\n"
     "columns and uniqueness); what was skipped is said.\n"},
    {"verify", strata__cmd_verify, 0, 0, 1, NULL, "verify",
     "run the applied +verify queries and look for drift",
     "Runs the +verify sections of every applied revision for the\n"
     "database's dialect, in order: a query that returns no row, a first\n"
     "value that is false, 0 or NULL, or an error fails, named with its\n"
     "revision and file:line.  Then compares the live schema with what\n"
     "the chain builds at the database's revision (in a scratch database,\n"
     "as 'schema dump --from-chain'): an index dropped by hand, a column\n"
     "added outside the chain is drift, named object by object.  Exit 3\n"
     "on any failure or drift.  Writes nothing to the database.\n"},
    {"seed", strata__cmd_seed, 1, 256, 1, " sql ", "seed FILE... [--sql]",
     "load reference data from YAML, CSV or JSON files, checked first",
     "Upserts the rows of each FILE (.yaml/.yml, .csv with a header line,\n"
     ".json: an array of objects) into the table the file names ('table:'\n"
     "in YAML or JSON, '# table:' in CSV) or, else, the table of its name\n"
     "(labels.csv, 01_labels.yaml).  Every row is checked against the live\n"
     "schema before anything is written: unknown columns, NULL in a NOT\n"
     "NULL column, values too long, values outside a CHECK's IN list,\n"
     "dates, timestamps, numbers and booleans that do not read, keys\n"
     "repeated in the files, references to rows neither in the files nor\n"
     "in the database.  Each bad row is named FILE:LINE and nothing is\n"
     "written (exit 2).  Rows are matched by the key the file declares\n"
     "('key:'; '# key:' in CSV), else the primary key, else the first\n"
     "unique constraint every row gives; a new row is inserted, one that\n"
     "differs updated (the columns the file gives), an equal one left\n"
     "unchanged, all in one transaction, with a summary per table\n"
     "(inserted, updated, unchanged, skipped with the reason).  Running\n"
     "it again changes nothing.  --sql prints the statements instead of\n"
     "running them (still reading the database).\n",
     VERB_WRITES},
    {"test", strata__cmd_test, 0, 0, 1, " dialect junit allow-heads ",
     "test [--dialect D] [--junit FILE] [--allow-heads]",
     "prove the chain: every revision up, verified, down and up again",
     "The stairway, on a scratch database made for the run and dropped\n"
     "after (SQLite: a temporary file; PostgreSQL, MySQL/MariaDB: a\n"
     "database created beside the configured one, or beside --url): for\n"
     "each revision in order, upgrade one step, run its +verify queries,\n"
     "downgrade one step and compare the schema with the one before its\n"
     "upgrade (a down that leaves an object behind or removes one fails,\n"
     "naming the revision and the object; so does a revision without a\n"
     "+down whose down cannot be derived), then upgrade again and compare\n"
     "with the first upgrade.  A merge and a repeatable migration are\n"
     "upgraded and verified, not stepped down.  A failed upgrade stops the\n"
     "stairway; the rest is skipped.  Also checks that the chain has one\n"
     "head (--allow-heads: several pass).  For a user who may not create\n"
     "databases, the configured database itself is used when it is empty\n"
     "(no table, nothing applied), and downgraded to base after; one that\n"
     "is not empty is refused.  --dialect D tests on D's driver instead\n"
     "of the URL's (a server dialect needs --url of such a server).\n"
     "--junit FILE writes JUnit XML, a testcase per revision and check,\n"
     "for CI test reports.  Exit 3 when a check fails.\n"},
    {"fleet", strata__cmd_fleet, 1, 2, 1,
     " targets schemas j canary shard logs continue-on-error "
     "ignore-checksums exit-code allow-heads ",
     "fleet VERB [TARGET] (--targets FILE | --schemas PAT) [-j N] "
     "[--shard K/N]",
     "run one verb on many databases or schemas, with a summary",
     "Runs VERB (upgrade, downgrade, status or check, with TARGET and the\n"
     "verb's options, as 'strata VERB' takes them) on every target, each\n"
     "in a process of its own with its own connection and migration lock,\n"
     "at most N at once (-j, default 1), in the order given.  --targets\n"
     "FILE: one URL or SCHEMA@URL per line (# comments and blank lines\n"
     "skipped, ${VAR} expanded, 'target = URL' also read); FILE:SECTION\n"
     "takes only the lines under [SECTION].  --schemas PAT: every schema\n"
     "of the configured PostgreSQL database whose name is LIKE PAT\n"
     "(tenant_%), one target each.  Each target's output goes to\n"
     "its own log in DIR (--logs; default strata-fleet-logs), named in\n"
     "the summary: a table of target, from, to, duration and outcome\n"
     "(--json: a document), passwords masked.  The first failure stops\n"
     "starting new targets (running ones finish) unless\n"
     "--continue-on-error; --canary K runs the first K targets alone and\n"
     "stops when any of them fails.  --shard K/N (1 <= K <= N) keeps the\n"
     "targets whose line hashes to share K of N, so N machines with\n"
     "K = 1..N cover the fleet once between them.  Exit: 0 when every\n"
     "target succeeded, else the highest exit code of a target (1 a\n"
     "failed migration, 3 refused or --exit-code behind, 4 lock); 2 for\n"
     "a bad targets file or option, before any target runs.\n",
     VERB_WRITES},
    {"drivers", strata__cmd_drivers, 0, 0, 1, NULL, "drivers",
     "list the drivers found, with ABI and capabilities",
     "Searches --driver-path, STRATA_DRIVER_PATH, the build tree and the\n"
     "install directory (never a folder strata.ini names), and lists\n"
     "every strata_<name>.so: name, file, ABI, schemes, capabilities, or\n"
     "why it cannot be loaded (a symbolic link, or a file or folder that\n"
     "is not root's or yours, or that group or others can write).\n"},
};

static const char global_help[] =
    "Global options (before or after the verb):\n"
    "  -c FILE               configuration file (default: ./strata.ini)\n"
    "  -e ENV                ini section to use (default: dev)\n"
    "  --url URL             database URL (overrides everything)\n"
    "  --schema NAME         schema to migrate\n"
    "  --migrations DIR      migrations directory\n"
    "  --format NAME         the folder's layout: auto (default), strata,\n"
    "                        golang-migrate, ... or strata+NAME\n"
    "  --driver-path DIR     look for drivers here first\n"
    "  --lock-wait DUR       wait this long for the migration lock (60s)\n"
    "  --lock-timeout DUR    DDL lock timeout (5s)\n"
    "  --statement-timeout DUR  per-statement limit where the engine has\n"
    "                        one (PostgreSQL, MySQL; default none)\n"
    "  --wait DUR            keep trying to connect this long while the\n"
    "                        database is not up yet (default: once)\n"
    "  --allow-locking       let DDL fall back to a locking form (MySQL)\n"
    "  --create-schema       create --schema when it is missing\n"
    "  --single-transaction  one transaction for the whole run\n"
    "  --adopt               accept a live object that differs from the\n"
    "                        migration (drift) instead of failing\n"
    "  --json                one JSON document on stdout (docs/json.md)\n"
    "  --no-color            no colour (also: NO_COLOR set, not a terminal)\n"
    "  -q                    print errors only\n"
    "  -v                    print more (statements in full, progress)\n"
    "  -h, --help            this help, or a verb's\n"
    "  -V, --version         strata's version and driver ABI\n"
    "Durations: 500ms, 5s, 2m or seconds.\n"
    "Exit codes: 0 done; 1 a database error or failed migration; 2 bad\n"
    "input (usage, config, migration files, graph, driver); 3 refused by\n"
    "policy (irreversible downgrade, checksum, drift); 4 migration lock\n"
    "not obtained in time.\n";

#define NVERBS (sizeof verbs / sizeof verbs[0])

static const verb *find_verb(const char *name)
{
    for (size_t i = 0; i < NVERBS; i++)
        if (strcmp(verbs[i].name, name) == 0)
            return &verbs[i];
    return NULL;
}

/* --- help and version (--json: a document) ------------------------------ */

/* Print doc (taken) on stdout as one line; 0, or 1 out of memory. */
static int print_doc(json_t *doc)
{
    char *text = strata__json_dump(doc);

    json_decref(doc);
    if (!text) {
        strata__errout("out of memory writing the JSON document");
        return 1;
    }
    strata__print("%s\n", text);
    free(text);
    return 0;
}

/* The verbs and what each does; lines fit 80 columns ('strata VERB
 * --help' has the usage). */
static int print_usage(int json)
{
    json_t *list;

    if (!json) {
        strata__print("usage: strata [OPTIONS] VERB [ARGS]\n\n"
                      "strata %s: schema migrations for PostgreSQL, "
                      "MySQL/MariaDB and SQLite\n\nVerbs:\n",
                      STRATA_VERSION);
        for (size_t i = 0; i < NVERBS; i++)
            strata__print("  %-10s %s\n", verbs[i].name, verbs[i].summary);
        strata__print("\n%s\nstrata VERB --help explains a verb.\n",
                      global_help);
        return 0;
    }
    list = json_array();
    for (size_t i = 0; i < NVERBS && list; i++)
        if (json_array_append_new(
                list, json_pack("{s:s,s:s,s:s}", "verb", verbs[i].name,
                                "usage", verbs[i].usage, "summary",
                                verbs[i].summary))) {
            json_decref(list);
            list = NULL;
        }
    return print_doc(json_pack("{s:s,s:b,s:i,s:s,s:o}", "command", "help",
                               "ok", 1, "exit_code", 0, "version",
                               STRATA_VERSION, "verbs", list));
}

/* A verb's help: its usage and text; the global options once, in
 * 'strata --help'. */
static int print_verb_help(const verb *v, int json)
{
    static const char head[] = "usage: strata [OPTIONS] ";

    if (!json) {
        /* A usage too long for 80 columns goes on, under its start,
         * at the last outermost option that fits. */
        const char *cut = NULL;
        int depth = 0;

        for (const char *p = v->usage;
             *p && sizeof head - 1 + strlen(v->usage) > 80; p++) {
            if (p[0] == ' ' && p[1] == '[' && !depth &&
                sizeof head - 1 + (size_t)(p - v->usage) < 80)
                cut = p;
            depth += (*p == '[') - (*p == ']');
        }
        if (cut)
            strata__print("%s%.*s\n%*s%s\n", head, (int)(cut - v->usage),
                          v->usage, (int)sizeof head - 1, "", cut + 1);
        else
            strata__print("%s%s\n", head, v->usage);
        strata__print("\n%s.\n\n%s\n"
                      "Global options (-c, -e, --url, --json, -q, -v, ...) "
                      "and exit codes:\n'strata --help'.\n",
                      v->summary, v->help);
        return 0;
    }
    return print_doc(json_pack("{s:s,s:b,s:i,s:s,s:s,s:s,s:s}", "command",
                               "help", "ok", 1, "exit_code", 0, "verb",
                               v->name, "usage", v->usage, "summary",
                               v->summary, "help", v->help));
}

static int print_version(int json)
{
    char abi[16];

    snprintf(abi, sizeof abi, "%d.%d", STRATA_ABI_MAJOR, STRATA_ABI_MINOR);
    if (!json) {
        strata__print("strata %s (driver ABI %s)\n", STRATA_VERSION, abi);
        return 0;
    }
    return print_doc(json_pack("{s:s,s:b,s:i,s:s,s:s}", "command",
                               "version", "ok", 1, "exit_code", 0,
                               "version", STRATA_VERSION, "abi", abi));
}

/* An option and the member of strata_cli it sets. */
typedef struct cli_option {
    const char *name;
    size_t offset;
} cli_option;

#define NOPTS(t) (sizeof(t) / sizeof((t)[0]))

/* Options that take a value: the string each sets. */
static const cli_option value_opts[] = {
    {"-c", offsetof(strata_cli, flags.config_path)},
    {"-e", offsetof(strata_cli, flags.env)},
    {"--url", offsetof(strata_cli, flags.url)},
    {"--schema", offsetof(strata_cli, flags.schema)},
    {"--driver-path", offsetof(strata_cli, flags.driver_path)},
    {"--migrations", offsetof(strata_cli, flags.migrations)},
    {"--lock-wait", offsetof(strata_cli, flags.lock_wait)},
    {"--lock-timeout", offsetof(strata_cli, flags.lock_timeout)},
    {"--statement-timeout", offsetof(strata_cli, flags.statement_timeout)},
    {"--wait", offsetof(strata_cli, flags.wait)},
    {"--format", offsetof(strata_cli, flags.format)},
    /* verb options */
    {"-m", offsetof(strata_cli, message)},
    {"--message", offsetof(strata_cli, message)},
    {"--head", offsetof(strata_cli, head)},
    {"--branch", offsetof(strata_cli, branch)},
    {"-r", offsetof(strata_cli, range)},
    {"--rev-range", offsetof(strata_cli, range)},
    {"--dialect", offsetof(strata_cli, dialect)},
    {"--from", offsetof(strata_cli, from)},
    {"--accept-dirty", offsetof(strata_cli, accept_dirty)},
    {"-o", offsetof(strata_cli, output)},
    {"--output", offsetof(strata_cli, output)},
    {"--junit", offsetof(strata_cli, junit)},
    {"--targets", offsetof(strata_cli, targets)},
    {"--schemas", offsetof(strata_cli, schemas)},
    {"-j", offsetof(strata_cli, jobs)},
    {"--jobs", offsetof(strata_cli, jobs)},
    {"--canary", offsetof(strata_cli, canary)},
    {"--shard", offsetof(strata_cli, shard)},
    {"--logs", offsetof(strata_cli, logs)},
    {"--against", offsetof(strata_cli, against)},
};

/* Options without a value: the int each sets to 1 (-v counts up). */
static const cli_option flag_opts[] = {
    {"--json", offsetof(strata_cli, json)},
    {"-q", offsetof(strata_cli, quiet)},
    {"--quiet", offsetof(strata_cli, quiet)},
    {"-v", offsetof(strata_cli, verbose)},
    {"--verbose", offsetof(strata_cli, verbose)},
    {"-h", offsetof(strata_cli, help)},
    {"--help", offsetof(strata_cli, help)},
    {"-V", offsetof(strata_cli, version)},
    {"--version", offsetof(strata_cli, version)},
    {"--no-color", offsetof(strata_cli, no_color)},
    {"--single-transaction", offsetof(strata_cli, flags.single_transaction)},
    {"--adopt", offsetof(strata_cli, adopt)},
    {"--allow-locking", offsetof(strata_cli, flags.allow_locking)},
    {"--create-schema", offsetof(strata_cli, flags.create_schema)},
    {"--sql", offsetof(strata_cli, sql)},
    {"--offline", offsetof(strata_cli, offline)},
    {"--allow-heads", offsetof(strata_cli, allow_heads)},
    {"--accept-checksum", offsetof(strata_cli, accept_checksum)},
    {"--ignore-checksums", offsetof(strata_cli, ignore_checksums)},
    {"--list-rules", offsetof(strata_cli, list_rules)},
    {"--exit-code", offsetof(strata_cli, exit_code)},
    {"--from-chain", offsetof(strata_cli, from_chain)},
    {"--continue-on-error", offsetof(strata_cli, continue_on_error)},
    {"--autogenerate", offsetof(strata_cli, autogenerate)},
};

/* The member of c that option name of table t sets, or NULL. */
static void *opt_slot(const cli_option *t, size_t n, strata_cli *c,
                      const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return (char *)c + t[i].offset;
    return NULL;
}

/* "unknown option", the closest option and every one. */
static int unknown_option(const char *a, strata_error *err)
{
    const char *all[NOPTS(value_opts) + NOPTS(flag_opts)];
    strata_msg m = {0};
    size_t n = 0;

    for (size_t i = 0; i < NOPTS(value_opts); i++)
        all[n++] = value_opts[i].name;
    for (size_t i = 0; i < NOPTS(flag_opts); i++)
        all[n++] = flag_opts[i].name;
    strata__msg_add(&m, "unknown option '%s'", a);
    strata__suggest_add(&m, a, all, n, "options", n);
    strata__msg_add(&m, "; see 'strata --help'");
    return strata__msg_set(&m, err, STRATA_ERR_INVALID);
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
    STRATA_ALLOC_CHECK(c->args, err);
    for (int i = 1; i < argc; i++) {
        char *a = argv[i], *eq = NULL, name[32];
        const char **slot;
        int *flag;

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
        if ((slot = opt_slot(value_opts, NOPTS(value_opts), c, name))) {
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
        if ((flag = opt_slot(flag_opts, NOPTS(flag_opts), c, a)) != NULL)
            *flag = flag == &c->verbose ? *flag + 1 : 1;
        else
            return unknown_option(a, err);
    }
    /* schema dump writes a schema rather than reading a folder: its
     * --format is the dump's (sql|json); the layout comes from the ini. */
    if (c->verb && strcmp(c->verb, "schema") == 0) {
        c->format = c->flags.format;
        c->flags.format = NULL;
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
    json_t *doc = json_pack("{s:o,s:b,s:i,s:o}", "command",
                            strata__json_text(verb_name), "ok", 0,
                            "exit_code", strata__exit_code(rc), "error",
                            strata__json_text(e->msg ? e->msg
                                                     : strata_strerror(rc)));
    char *text = strata__json_dump(doc);

    /* Out of memory here leaves stdout empty; stderr has the error. */
    if (text)
        strata__print("%s\n", text);
    free(text);
    json_decref(doc);
}

/* A verb option given to a verb that does not take it is a usage
 * error, not something silently ignored. */
static int check_options(const strata_cli *c, const verb *v,
                         strata_error *err)
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
        {"ignore-checksums", "--ignore-checksums", c->ignore_checksums},
        {"list-rules", "--list-rules", c->list_rules},
        {"exit-code", "--exit-code", c->exit_code},
        {"accept-dirty", "--accept-dirty", c->accept_dirty != NULL},
        {"format", "--format", c->format != NULL},
        {"o", "-o", c->output != NULL},
        {"from-chain", "--from-chain", c->from_chain},
        {"junit", "--junit", c->junit != NULL},
        {"targets", "--targets", c->targets != NULL},
        {"schemas", "--schemas", c->schemas != NULL},
        {"j", "-j", c->jobs != NULL},
        {"canary", "--canary", c->canary != NULL},
        {"shard", "--shard", c->shard != NULL},
        {"logs", "--logs", c->logs != NULL},
        {"continue-on-error", "--continue-on-error", c->continue_on_error},
        {"autogenerate", "--autogenerate", c->autogenerate},
        {"against", "--against", c->against != NULL},
    };

    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        char word[32];

        if (!opts[i].given)
            continue;
        snprintf(word, sizeof word, " %s ", opts[i].name);
        if (!v->options || !strstr(v->options, word)) {
            return strata__error_set(err, STRATA_ERR_INVALID,
                                     "%s: option %s does not apply (see "
                                     "'strata %s --help')",
                                     v->name, opts[i].flag, v->name);
        }
    }
    return STRATA_OK;
}

/* A refusal before the verb runs: the message on stderr and, with
 * --json, the error document on stdout. */
static int refuse(const strata_cli *c, const char *verb_name,
                  strata_error *e)
{
    int code = strata__exit_code(e->code);

    strata__errout("%s", e->msg ? e->msg : strata_strerror(e->code));
    if (c->json)
        strata__cli_json_error(verb_name, e->code, e);
    strata__error_clear(e);
    return code;
}

/* "unknown verb", the closest verb and every verb. */
static int unknown_verb(const char *name, strata_error *err)
{
    const char *names[NVERBS + 2];
    strata_msg m = {0};

    for (size_t i = 0; i < NVERBS; i++)
        names[i] = verbs[i].name;
    names[NVERBS] = "version";
    names[NVERBS + 1] = "help";
    strata__msg_add(&m, "unknown verb '%s'", name);
    strata__suggest_add(&m, name, names, NVERBS + 2, "verbs", NVERBS + 2);
    return strata__msg_set(&m, err, STRATA_ERR_INVALID);
}

/* What strata__cli_check checks, on v = c's verb. */
static int check_verb(const strata_cli *c, const verb *v, strata_error *err)
{
    int rc;

    if (c->json && !v->json)
        return strata__error_set(err, STRATA_ERR_INVALID,
                                 "%s: --json is not supported by this verb",
                                 v->name);
    rc = check_options(c, v, err);
    if (rc == STRATA_OK && (c->nargs < (size_t)v->min_args ||
                            c->nargs > (size_t)v->max_args))
        rc = strata__error_set(err, STRATA_ERR_INVALID,
                               "usage: strata %s (see 'strata %s --help')",
                               v->usage, v->name);
    return rc;
}

int strata__cli_check(const strata_cli *c, strata_error *err)
{
    const verb *v = c->verb ? find_verb(c->verb) : NULL;

    if (!v)
        return unknown_verb(c->verb ? c->verb : "", err);
    return check_verb(c, v, err);
}

int strata__cli_run_in(strata_ctx *x)
{
    const verb *v = find_verb(x->cli->verb);
    int rc = strata__cli_check(x->cli, &x->err);

    if (rc != STRATA_OK)
        return rc;
    x->read_only = !v->writes;
    return v->run(x);
}

/* The verb's document, completed the same way for every verb: "ok",
 * "exit_code" and, after a failure, "error" (docs/json.md).  A verb
 * that built none gets {"command", "ok", "exit_code"}. */
static void finish_json(const verb *v, strata_ctx *x, int rc)
{
    json_t *doc = x->json_doc;
    int oom = 0;

    x->json_doc = NULL;
    if (!doc && x->json_done) /* printed already (upgrade's report) */
        return;
    if (!doc && rc != STRATA_OK) {
        strata__cli_json_error(v->name, rc, &x->err);
        return;
    }
    if (!doc)
        doc = json_pack("{s:s}", "command", v->name);
    if (!doc) {
        strata__errout("out of memory writing the JSON document");
        return;
    }
    if (!json_object_get(doc, "ok"))
        oom |= json_object_set_new(doc, "ok", json_boolean(rc == STRATA_OK));
    if (!json_object_get(doc, "exit_code"))
        oom |= json_object_set_new(doc, "exit_code",
                                   json_integer(strata__exit_code(rc)));
    if (rc != STRATA_OK && !json_object_get(doc, "error"))
        oom |= json_object_set_new(
            doc, "error",
            strata__json_text(x->err.msg ? x->err.msg : strata_strerror(rc)));
    if (oom) {
        json_decref(doc);
        doc = NULL;
    }
    print_doc(doc);
}

int strata__cli_run(strata_cli *c)
{
    strata_error err = {0};
    const verb *v;
    strata_ctx x;
    int rc;

    if (c->version || (c->verb && strcmp(c->verb, "version") == 0))
        return print_version(c->json) ? 1 : 0;
    if (!c->verb || strcmp(c->verb, "help") == 0) {
        if (c->verb && c->nargs == 1) {
            if (!(v = find_verb(c->args[0]))) {
                unknown_verb(c->args[0], &err);
                return refuse(c, "help", &err);
            }
            return print_verb_help(v, c->json) ? 1 : 0;
        }
        if (!c->verb && !c->help && c->json) {
            strata__error_set(&err, STRATA_ERR_INVALID,
                              "no verb given (see 'strata --help')");
            return refuse(c, "", &err);
        }
        if (print_usage(c->json))
            return 1;
        return !c->verb && !c->help ? 2 : 0;
    }
    v = find_verb(c->verb);
    if (!v) {
        unknown_verb(c->verb, &err);
        return refuse(c, c->verb, &err);
    }
    if (c->help)
        return print_verb_help(v, c->json) ? 1 : 0;
    if (check_verb(c, v, &err) != STRATA_OK)
        return refuse(c, v->name, &err);
    strata__output_set_quiet(c->quiet || c->json);
    strata__host_set_verbosity(c->verbose ? STRATA_LOG_INFO + c->verbose - 1
                                          : STRATA_LOG_WARN);
    strata__ctx_init(&x, c);
    x.read_only = !v->writes;
    rc = v->run(&x);
    if (rc != STRATA_OK)
        strata__errout("%s", x.err.msg ? x.err.msg : strata_strerror(rc));
    if (c->json)
        finish_json(v, &x, rc);
    strata__ctx_free(&x);
    return strata__exit_code(rc);
}

const char *strata__cli_verb(size_t i, const char **options)
{
    if (i >= NVERBS)
        return NULL;
    *options = verbs[i].options;
    return verbs[i].name;
}

int strata__cli_takes_value(const char *option)
{
    strata_cli c = {0}; /* only the slots' addresses are taken */

    return opt_slot(value_opts, NOPTS(value_opts), &c, option) != NULL;
}
