/* program.h - the transaction shape of a run, decided once: a plan becomes
 * a program of instructions (BEGIN, SAVEPOINT, statements, autocommit
 * segments, COMMIT, foreign keys off and on, history rows) that the runner
 * executes against the driver and `--sql` prints, as SQLite's EXPLAIN
 * prints the program its VM runs. */
#ifndef STRATA_CORE_PROGRAM_H
#define STRATA_CORE_PROGRAM_H

#include "chain/graph.h"
#include "plan/planner.h"
#include "util/buf.h"
#include "util/config.h"

/* The savepoint each migration of a per-run transaction runs in. */
#define STRATA_SAVEPOINT_SQL "SAVEPOINT strata_migration"
#define STRATA_RELEASE_SQL "RELEASE SAVEPOINT strata_migration"
#define STRATA_ROLLBACK_TO_SQL "ROLLBACK TO SAVEPOINT strata_migration"

/* What an instruction does.  BEGIN and COMMIT are conditional on the
 * transaction state the executor keeps (a per-run transaction spans
 * migrations, and whether an autocommit segment ran is known only when it
 * did): everything else runs as written. */
typedef enum strata_opcode {
    STRATA_PROG_STEP,      /* a migration (its attempt) starts */
    STRATA_PROG_BEGIN,     /* open a transaction unless one is open */
    STRATA_PROG_SAVEPOINT, /* the migration's savepoint */
    STRATA_PROG_SQL,       /* a statement in the open transaction */
    STRATA_PROG_GUARD,     /* a check query: fail unless it counts 0 */
    STRATA_PROG_PROGRESS,  /* a progress row: items up to arg ran */
    STRATA_PROG_COMMIT,    /* commit the open transaction, if any, its
                            * savepoint released first */
    STRATA_PROG_ALONE,     /* a statement outside any transaction */
    STRATA_PROG_GROUP,     /* portable operations items[item, arg): decided
                            * and rendered when reached, then run as
                            * strata__program_group expands them */
    STRATA_PROG_FK_OFF,    /* foreign keys off, outside any transaction */
    STRATA_PROG_FK_CHECK,  /* after a rebuild: no row breaks a foreign key */
    STRATA_PROG_HISTORY,   /* the migration's history and version rows */
    STRATA_PROG_RELEASE,   /* release the savepoint: the migration stays in
                            * the run's transaction */
    STRATA_PROG_FK_ON,     /* foreign keys back on */
    STRATA_PROG_IF_OPEN    /* skip the next arg instructions when a
                            * transaction is open */
} strata_opcode;

/* PROGRESS: only when statements ran in the open transaction since its
 * BEGIN (an empty transaction has nothing to record). */
#define STRATA_PROG_IF_DIRTY 0x1u
/* COMMIT before an autocommit statement: items up to arg are done. */
#define STRATA_PROG_SEGMENT 0x2u
/* STEP: this migration runs with foreign keys off (a table rebuild). */
#define STRATA_PROG_FK 0x4u

typedef struct strata_insn {
    strata_opcode op;
    uint32_t flags;          /* STRATA_PROG_* */
    size_t step;             /* index in the plan (plan->n: the run's end) */
    long item;               /* the step's item it runs (-1: none) */
    long arg;                /* see the opcodes */
    const strata_sql *sql;   /* in a group's expansion, the rendered
                              * statement (borrowed); NULL: the raw item */
} strata_insn;

/* Where one migration's instructions are. */
typedef struct strata_prog_step {
    size_t start, end;       /* its instructions */
    size_t fk_start, fk_end; /* its variant with foreign keys off, run
                              * again from the start when a group turns
                              * out to need it; empty when not built */
    int txn;                 /* its statements run in transactions */
} strata_prog_step;

typedef struct strata_program {
    strata_insn *insns;      /* owned */
    size_t n, cap;
    strata_prog_step *steps; /* owned; one per plan step */
    size_t nsteps;
    int per_run;             /* one transaction for the run, a savepoint
                              * per migration */
} strata_program;

typedef struct strata_program_opts {
    int per_run;                /* strata__program_per_run */
    const unsigned char *fk_off; /* per plan step: it needs foreign keys
                                  * off (known offline, from rendering);
                                  * NULL: learnt when running */
    int fk_variants;            /* with fk_off NULL: build each step's
                                 * variant too (the driver can turn
                                 * foreign keys off) */
    const long long *resume;    /* per graph index: the last item a
                                 * segment of an unfinished run committed
                                 * (-1: none); NULL: none at all */
} strata_program_opts;

/* 1 when a run on drv keeps one transaction for the whole run with a
 * savepoint per migration (SQLite; --single-transaction). */
int strata__program_per_run(const strata_driver *drv,
                            const strata_config *cfg);

/* 1 when a statement runs alone, outside any transaction: a raw item the
 * driver's split flagged STRATA_STMT_NOTXN (it != NULL), a rendered one
 * flagged STRATA_SQL_AUTOCOMMIT (q != NULL), or any in a migration that
 * runs without transactions (txn == 0). */
int strata__program_alone(const strata_item *it, const strata_sql *q,
                          int txn);

/* The program of plan (its revisions in g).  Raw items at or before a
 * resume point still appear: the runner skips them, and any a failed
 * attempt committed, when it meets them. */
int strata__program_build(strata_program *out, const strata_plan *plan,
                          const strata_graph *g,
                          const strata_program_opts *opts,
                          strata_error *err);
void strata__program_free(strata_program *p);

/* Into out (a scratch program, steps unused): plan step i's variant with
 * foreign keys off, as opts->fk_variants builds it for every step, for
 * the one step that needs it (p: the run's program, built without
 * variants; resume as in its opts).  A run needs few, and building every
 * step's held 60% of a 10,000-migration program for nothing. */
int strata__program_fk_step(strata_program *out, const strata_program *p,
                            const strata_plan *plan,
                            const long long *resume, size_t i,
                            strata_error *err);

/* Append to out (a scratch program, steps unused) the instructions of
 * the statements a group rendered for plan step `step`, items from
 * first: guards, statements in the transaction, and autocommit segments
 * (the open transaction committed first, the migration's reopened
 * after). */
int strata__program_group(strata_program *out, const strata_program *p,
                          size_t step, size_t first,
                          const strata_sql_list *rendered,
                          strata_error *err);

/* One line per instruction of insns[0, n): "COMMIT i=2 arg=1 segment". */
int strata__program_explain(const strata_insn *insns, size_t n,
                            strata_buf *out);

#endif
