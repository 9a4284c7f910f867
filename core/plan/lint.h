/* lint.h - `strata lint`: dialect-aware rules over every migration of a
 * chain, offline (docs/design.md §11).  Portable
 * operations are judged here from their strata_op; raw statements
 * through the dialect driver's lint entry, or, for a driver without
 * one, through the standard-SQL reading below.  Whether a table existed
 * before a migration comes from a catalog simulated over the chain. */
#ifndef STRATA_CORE_LINT_H
#define STRATA_CORE_LINT_H

#include <stddef.h>
#include <stdint.h>

#include "chain/chain.h"
#include "util/error.h"

/* One rule: its id (what suppressions name), its severity and what it
 * is about, for `lint --list-rules` and documentation. */
typedef struct strata_lint_rule {
    const char *id;
    int error;           /* 1: an error (check fails, exit 3); 0: warning */
    const char *where;   /* the dialects it concerns, in words; a
                          * driver's rule: the driver's name */
    const char *summary; /* one line */
} strata_lint_rule;

/* The core's own rules (a dialect's own are its driver's lint_rules). */
const strata_lint_rule *strata__lint_rules(size_t *n);
/* The core's rule with this id, or NULL. */
const strata_lint_rule *strata__lint_rule(const char *id);
/* The rule d (may be NULL) declares with this id, or NULL. */
const strata_driver_rule *strata__lint_driver_rule(const strata_driver *d,
                                                   const char *id);
/* Every rule: the core's, then those of each driver loaded from p (NULL:
 * none) in search order, each id once (a driver's rule with a core id
 * is the core's).  *out is malloc'd; its strings are borrowed from the
 * core and the drivers, which stay mapped until exit. */
int strata__lint_rule_list(strata_lint_rule **out, size_t *n,
                           const strata_driver_path *p, strata_error *err);

/* At most this many dialects are linted in one run (a bit each). */
#define STRATA_LINT_DIALECTS_MAX 32

typedef struct strata_lint_opts {
    char *const *dialects;  /* the dialects to lint (borrowed) */
    size_t ndialects;       /* 1 .. STRATA_LINT_DIALECTS_MAX */
    size_t ntargets;        /* how many dialects the chain targets (ini
                             * "dialects"; 1 when not set) */
    int online_indexes;     /* strata_online_indexes of the config */
    int single_transaction; /* transaction_per = run */
} strata_lint_opts;

/* One finding.  Equal findings of several dialects are merged. */
typedef struct strata_finding {
    char *rule;                 /* owned */
    int error;                  /* 1: error; 0: warning */
    char *message;              /* owned; one line */
    const strata_revision *rev; /* borrowed from the chain */
    unsigned line;              /* in rev->path */
    uint32_t dialects;          /* bit i: opts->dialects[i] found it */
} strata_finding;

typedef struct strata_lint_report {
    strata_finding *items;      /* sorted by file, line, rule */
    size_t count;
    size_t errors, warnings;
} strata_lint_report;

/* Whether an id a suppression names is a rule, for one lint run: the
 * core's, the linted dialects' drivers', then (listed on first need)
 * any installed driver's.  Zero-initialise with c and o set. */
typedef struct strata_lint_rulebook {
    strata_chain *c;            /* borrowed */
    const strata_lint_opts *o;  /* borrowed */
    strata_lint_rule *all;      /* strata__lint_rule_list; owned */
    size_t nall;
    int listed;
} strata_lint_rulebook;

/* *known = 1 when id names a rule.  Fails only out of memory. */
int strata__lint_rule_known(strata_lint_rulebook *b, const char *id,
                            int *known, strata_error *err);
void strata__lint_rulebook_free(strata_lint_rulebook *b);

/* Lint the +up sections of every revision of c, in topological order,
 * for each dialect of o (the drivers are taken from the chain; a
 * dialect whose driver is not installed gets the core's rules only:
 * callers that need the dialect's own rules check first).  Files that
 * do not parse are STRATA_ERR_PARSE (exit 2) as everywhere else. */
int strata__lint_chain(strata_lint_report *out, strata_chain *c,
                       const strata_lint_opts *o, strata_error *err);
void strata__lint_report_free(strata_lint_report *r);

/* ---- suppressions ---------------------------------------------------
 * "-- strata:allow RULE-ID[,RULE-ID...] reason" silences those rules on
 * one statement: written inside the statement, after it on its last
 * line, or on comment lines right before it. */
typedef struct strata_allow {
    char *rule;       /* owned */
    int has_reason;   /* text follows the rule ids */
    unsigned line;    /* 1-based line of the comment in the text */
} strata_allow;

typedef struct strata_allow_list {
    strata_allow *items; /* owned */
    size_t count;
} strata_allow_list;

/* The suppressions of the statement at [off, off + len) of text (tlen
 * bytes: a whole file), into out (zeroed first).  STRATA_ERR_NOMEM. */
int strata__lint_allows(strata_allow_list *out, const char *text,
                        size_t tlen, size_t off, size_t len);
/* Every suppression comment anywhere in text (to check ids, reasons). */
int strata__lint_allows_all(strata_allow_list *out, const char *text,
                            size_t tlen);
/* 1 when l silences rule. */
int strata__lint_allowed(const strata_allow_list *l, const char *rule);
void strata__lint_allows_free(strata_allow_list *l);

/* ---- raw statements read with standard SQL rules ------------------- */

/* What a raw statement does to the set of tables (the simulation). */
typedef enum strata_table_effect_kind {
    STRATA_EFFECT_CREATE = 1,     /* CREATE TABLE name */
    STRATA_EFFECT_DROP = 2,       /* DROP TABLE name */
    STRATA_EFFECT_RENAME = 3      /* name becomes new_name */
} strata_table_effect_kind;

typedef struct strata_table_effect {
    int kind;             /* STRATA_EFFECT_* */
    char *name;           /* owned, unquoted, schema dropped */
    char *new_name;       /* RENAME: owned */
    int if_not_exists;    /* CREATE TABLE IF NOT EXISTS */
} strata_table_effect;

typedef struct strata_raw_lint {
    strata_lint_list hits;        /* as a driver's lint() fills it
                                   * (malloc'd); hits.flags: DDL, DML */
    strata_table_effect *effects; /* owned */
    size_t neffects;
} strata_raw_lint;

/* Read sql (one statement, NUL-terminated) with standard SQL rules:
 * DDL/DML flags, tables created, dropped and renamed, and the hits of
 * the rules any engine shares (DROP TABLE/COLUMN, RENAME, column type
 * changes, ADD COLUMN NOT NULL without DEFAULT).  Text it cannot read
 * yields what it could; only STRATA_ERR_NOMEM fails. */
int strata__lint_raw(strata_raw_lint *out, const char *sql);
void strata__lint_raw_free(strata_raw_lint *r);
/* Free a hit list filled by a driver or strata__lint_raw. */
void strata__lint_list_free(strata_lint_list *l);

#endif
