/* audit.h - the database's applied revisions held against the migration
 * files, for check and status: what is applied, which applied revision
 * has no file any more, which file was edited since it ran. */
#ifndef STRATA_CORE_AUDIT_H
#define STRATA_CORE_AUDIT_H

#include "cli/context.h"

/* An applied revision no file defines. */
typedef struct strata_audit_gone {
    const char *revision; /* points into the audit's rows or hist */
    const char *where;    /* "strata_version" or "strata_history" */
} strata_audit_gone;

typedef struct strata_audit {
    char **rows;               /* the version rows */
    size_t nrows;
    strata_history_row *hist;  /* the history, in id order */
    size_t nhist;
    unsigned char *applied;    /* per graph index */
    /* Per graph index, for an applied revision with a checksum on
     * record: the one recorded (points into hist) and the file's now;
     * recorded[i] NULL otherwise. */
    const char **recorded;
    char (*current)[STRATA_CHECKSUM_SIZE];
    size_t nchecked;           /* how many were compared */
    strata_audit_gone *gone;   /* version rows first, then history */
    size_t ngone;
} strata_audit;

/* Read the database without creating or locking anything (a missing
 * database, or one without strata's tables, has nothing applied) and
 * hold it against x's chain, which must be loaded. */
int strata__audit_read(strata_ctx *x, strata_audit *a);
void strata__audit_free(strata_audit *a);

/* 1 when graph revision i is applied and its file was edited since. */
int strata__audit_changed(const strata_audit *a, size_t i);

#endif
