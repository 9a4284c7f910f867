/* planner.h - from a path through the graph to what each migration runs
 * on one dialect: raw statements and portable operations, downgrades
 * derived where no +down exists, irreversible ones refused before
 * anything runs. */
#ifndef STRATA_CORE_PLANNER_H
#define STRATA_CORE_PLANNER_H

#include "chain/chain.h"
#include "chain/checksum.h"
#include "chain/graph.h"

/* One thing a migration runs: a raw statement or a portable operation. */
typedef struct strata_item {
    const char *sql;    /* the statement (borrowed from stmts or derived) */
    unsigned line;      /* where it is in the file */
    uint32_t flags;     /* STRATA_STMT_* of a raw statement */
    strata_op *op;      /* owned; NULL for raw SQL */
    char *derived;      /* owned text of a derived operation, or NULL */
    char *ident_note;   /* owned: op names what the dialect cuts or
                         * refuses (sql/ident.h), or NULL */
    int ident_refused;  /* the dialect refuses those names */
} strata_item;

typedef struct strata_step {
    size_t rev;               /* graph index */
    strata_stmt_list stmts;   /* the split sections; owned */
    strata_item *items;       /* owned */
    size_t nitems;
    int empty;                /* nothing runs on this dialect */
    int derived;              /* a downgrade derived from +up */
    char checksum[STRATA_CHECKSUM_SIZE];
} strata_step;

typedef struct strata_plan {
    strata_direction dir;
    strata_step *steps;       /* owned */
    size_t n;
} strata_plan;

/* What the history says of a revision's last upgrade, per graph index. */
typedef struct strata_up_state {
    unsigned char *empty; /* recorded "empty" on this dialect */
    char **detail;        /* detail JSON of the applied row (captures) */
} strata_up_state;

/* Build the plan for path (graph indices in run order).  Statements of
 * the dialect's sections are parsed: the portable subset becomes
 * operations (refused with STRATA_ERR_NOTSUP when portable is 0: the
 * driver cannot render them), with the dialect's identifier limit
 * applied (ident_note), the rest stays raw.  Downgrade: the +down
 * sections, or the inverse of +up (up: the history, may be NULL); a
 * revision that cannot be inverted is STRATA_ERR_IRREVERSIBLE naming
 * file:line. */
int strata__plan_build(strata_plan *out, strata_chain *c,
                       const char *dialect, int portable,
                       strata_direction dir, const size_t *path, size_t n,
                       const strata_up_state *up, strata_error *err);
void strata__plan_free(strata_plan *p);

/* Check the whole chain for dialect before connecting, so bad input is
 * refused whole (docs/design.md §1): every section the dialect runs splits and
 * parses; no statement takes over the runner's transactions (BEGIN,
 * COMMIT, ROLLBACK, SAVEPOINT, ...); with portable == 0 no portable
 * statement is aimed at a driver that cannot render it; no portable
 * statement names what the dialect refuses as too long.  Errors name
 * file:line (exit 2). */
int strata__plan_check(strata_chain *c, const char *dialect, int portable,
                       strata_error *err);

#endif
