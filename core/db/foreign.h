/* foreign.h - other migration tools' history tables in the target
 * database: which one is there, and its rows read into one shape
 * (docs/adopting.md, "Taking over the history"). */
#ifndef STRATA_CORE_FOREIGN_H
#define STRATA_CORE_FOREIGN_H

#include <stddef.h>

#include "db/session.h"
#include "util/error.h"

/* How a tool's keys compare: as integers when both are digits (leading
 * zeros aside), as Flyway's dotted versions, or as text. */
typedef enum strata_key_kind {
    STRATA_KEY_NUMBER = 0,
    STRATA_KEY_DOTTED = 1,
    STRATA_KEY_TEXT = 2
} strata_key_kind;

typedef enum strata_foreign_state {
    STRATA_FOREIGN_APPLIED = 0,
    STRATA_FOREIGN_FAILED = 1,   /* dirty, or failed: refused until accepted */
    STRATA_FOREIGN_REVERTED = 2  /* rolled back or undone: not applied */
} strata_foreign_state;

/* Which checksum the tool kept (compared with the file's). */
typedef enum strata_foreign_sum {
    STRATA_SUM_NONE = 0,
    STRATA_SUM_FLYWAY_CRC32 = 1, /* signed int of strata__flyway_crc32 */
    STRATA_SUM_SHA384 = 2,       /* hex of the file's SHA-384 (sqlx) */
    STRATA_SUM_SHA256 = 3,       /* hex of the file's SHA-256 (Drizzle) */
    STRATA_SUM_PRISMA = 4,       /* SHA-256 as Prisma compares it: of the
                                  * file, or of it with its line endings
                                  * turned to LF or to CRLF */
    STRATA_SUM_OTHER = 5         /* kept, but not reproduced (Liquibase) */
} strata_foreign_sum;

/* One migration as the tool's table records it (the latest row about
 * it); strings owned, NULL for SQL NULL. */
typedef struct strata_foreign_row {
    char *key;       /* version, name or time: what tool_version matches */
    char *name;      /* description or author, where kept */
    char *script;    /* file name, where kept */
    char *checksum;  /* as stored (an int, hex), where kept */
    int state;       /* strata_foreign_state */
    int repeatable;  /* Flyway R__: key is the description */
    int upto;        /* 1: every version below key is applied too (golang-
                      * migrate keeps one row; Drizzle's latest row); 2:
                      * the same for a Flyway baseline, which has no file
                      * of its own */
    const char *why; /* FAILED: what the table says ("dirty = true") */
} strata_foreign_row;

typedef struct strata_foreign_tool {
    const char *name;        /* the layout's name: "golang-migrate" */
    strata_key_kind keys;
    strata_foreign_sum sum;
} strata_foreign_tool;

typedef struct strata_foreign {
    const strata_foreign_tool *tool; /* static */
    char *table;                     /* as found ("flyway_schema_history");
                                      * owned */
    strata_foreign_row *rows;        /* owned */
    size_t nrows;
    int locked;                      /* its lock table says it is running
                                      * (Liquibase) */
} strata_foreign;

/* Room for every tool strata knows (strata__foreign_find's arrays). */
#define STRATA_FOREIGN_TOOLS 16

/* The tool named name, NULL when strata knows no history table of it. */
const strata_foreign_tool *strata__foreign_tool(const char *name);
/* Tool i of the ones strata takes over (NULL past the last). */
const strata_foreign_tool *strata__foreign_tool_at(size_t i);

/* Look for every known tool's history table (each probed with a SELECT
 * of its columns, so the engine's own name resolution and the session's
 * schema decide): found[i] = 1 when tool i's is there, and tables[i] its
 * name as found (static).  found and tables have room for every tool. */
int strata__foreign_find(strata_session *s, unsigned char *found,
                         const char **tables, strata_error *err);

/* Read tool's table (as found) into f. */
int strata__foreign_read(strata_session *s, const strata_foreign_tool *t,
                         const char *table, strata_foreign *f,
                         strata_error *err);
void strata__foreign_free(strata_foreign *f);

/* 1 when a value the engine returned for a boolean column says true
 * ("t", "true", "1"; any case). */
int strata__foreign_true(const char *v);

#endif
