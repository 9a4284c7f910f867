/* fleet_targets.h - the targets of a fleet: read from a list (or one
 * section of it), or every matching schema of a PostgreSQL database;
 * then a stable share of them for --shard (docs/design.md §9.12). */
#ifndef STRATA_CORE_FLEET_TARGETS_H
#define STRATA_CORE_FLEET_TARGETS_H

#include <stddef.h>

#include "cli/context.h"

typedef struct strata_fleet_target {
    char *spec;   /* the line as written, ${VAR} expanded: what --shard
                   * hashes */
    char *url;    /* NULL: the configured URL (--schemas) */
    char *schema; /* NULL: the configured schema */
    char *shown;  /* spec with every credential masked: for logs,
                   * the summary and messages */
} strata_fleet_target;

typedef struct strata_fleet_targets {
    strata_fleet_target *v;
    size_t n;
} strata_fleet_targets;

/* Read --targets FILE[:SECTION]: one URL or SCHEMA@URL per line, '#'
 * comments and blank lines skipped, "target = URL" read as URL, and
 * with :SECTION only the lines under [SECTION] (else every line).
 * Errors name FILE:LINE; an empty list is an error. */
int strata__fleet_read(const char *arg, strata_fleet_targets *out,
                       strata_error *err);
/* --schemas PATTERN: every schema of x's (PostgreSQL) database whose
 * name is LIKE pattern, in name order. */
int strata__fleet_schemas(strata_ctx *x, const char *pattern,
                          strata_fleet_targets *out);
/* --shard K/N: keep, in order, the targets whose spec hashes (SHA-256)
 * to share K (1-based) of N. */
int strata__fleet_shard(strata_fleet_targets *t, const char *arg,
                        strata_error *err);
void strata__fleet_targets_free(strata_fleet_targets *t);

#endif
