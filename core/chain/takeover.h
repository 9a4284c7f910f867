/* takeover.h - another tool's history rows matched to the chain's
 * revisions (by the key each reader stores in tool_version), with the
 * tool's checksums compared with the files (docs/adopting.md). */
#ifndef STRATA_CORE_TAKEOVER_H
#define STRATA_CORE_TAKEOVER_H

#include <stddef.h>

#include "chain/graph.h"
#include "db/foreign.h"
#include "util/error.h"

typedef enum strata_take_state {
    STRATA_TAKE_NONE = 0,    /* the tool has not applied it */
    STRATA_TAKE_APPLIED = 1,
    STRATA_TAKE_FAILED = 2   /* dirty or failed there */
} strata_take_state;

typedef enum strata_sum_state {
    STRATA_SUMS_NONE = 0,     /* the tool keeps no checksum */
    STRATA_SUMS_SAME = 1,
    STRATA_SUMS_DIFFER = 2,
    STRATA_SUMS_UNCHECKED = 3 /* kept, but strata cannot compute it */
} strata_sum_state;

/* What the tool's table says about one revision. */
typedef struct strata_take {
    int state;                     /* strata_take_state */
    const strata_foreign_row *row; /* its own row; NULL when applied only
                                    * by a row about a later version */
    int baseline;                  /* below a Flyway baseline */
    int sums;                      /* strata_sum_state */
    char file_sum[100];            /* the tool's checksum of the file now */
} strata_take;

typedef struct strata_takeover {
    strata_take *revs;                  /* one per graph revision */
    size_t n;
    const strata_foreign_row **orphans; /* rows no file defines */
    size_t norphans;
} strata_takeover;

/* Match f's rows to g's revisions (files at most max_size bytes are
 * read for the tool's checksum).  Rows are borrowed from f. */
int strata__takeover_map(const strata_graph *g, const strata_foreign *f,
                         size_t max_size, strata_takeover *out,
                         strata_error *err);
void strata__takeover_free(strata_takeover *t);

/* Compare two of a tool's keys: < 0, 0, > 0.  NUMBER: digits as
 * integers (leading zeros and Diesel's '-' aside), DOTTED: Flyway's
 * versions part by part ("1.0" = "1"); otherwise, and for TEXT, as
 * text. */
int strata__key_cmp(strata_key_kind kind, const char *a, const char *b);

/* The tool's checksum of n bytes of a file's text, as it stores it,
 * into out (at least 100 bytes); -1 for a kind strata cannot compute. */
int strata__tool_checksum(strata_foreign_sum kind, const char *text,
                          size_t n, char *out, size_t size);

#endif
