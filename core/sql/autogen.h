/* autogen.h - the statements that turn one normalised schema into
 * another: what `revision --autogenerate` writes (docs/design.md §9.13). */
#ifndef STRATA_CORE_AUTOGEN_H
#define STRATA_CORE_AUTOGEN_H

#include <stddef.h>

#include "sql/schema.h"

typedef struct strata_autogen {
    strata_buf text;  /* directive lines, statements, review comments */
    size_t nchanges;  /* statements written */
    int underivable;  /* a statement strata cannot invert (a drop of a
                       * table or column, a type change, a dialect
                       * section): the other direction must be written */
} strata_autogen;

typedef struct strata_autogen_opts {
    const char *dir;    /* the directive's word: "up" or "down" */
    const char *others; /* the dialects besides the target's, comma
                         * separated ("postgres,mysql"); "" for none */
    /* 1 when the target's driver declares type as written in a generic
     * section's operation of that kind (STRATA_OP_CREATE_TABLE,
     * ADD_COLUMN, ALTER_TYPE: SQLite's CREATE TABLE spells varchar(40)
     * VARCHAR(40)); NULL: always. */
    int (*type_kept)(void *payload, int kind, const char *type);
    /* 1 when the engine holds a and b as one type family, so that
     * ALTER TYPE from one to the other changes nothing (ensure
     * semantics, docs/design.md §3.3); NULL: never. */
    int (*same_family)(void *payload, const char *a, const char *b);
    /* How the target's driver declares a column of serial type s in a
     * generic section ("int NOT NULL AUTO_INCREMENT"), for its own
     * section, where serial would be the engine's own type: malloc'd,
     * or NULL when it is s itself (or NULL callback). */
    char *(*serial_decl)(void *payload, const char *s);
    /* 1 when the target's driver declares type as exactly the type
     * engine (a portable name it maps: MySQL's timestamp as
     * datetime(6)); NULL: never. */
    int (*declares)(void *payload, int kind, const char *type,
                    const char *engine);
    void *payload;
} strata_autogen_opts;

/* Append to out->text the sections whose statements change from into
 * to: portable statements (core/sql/op.c's text) where the portable
 * model expresses the change; a statement with a type the target's
 * driver would declare otherwise in a section of to's dialect and, the
 * same text, one of the others; a section of to's dialect alone for
 * what only it reads (views, triggers, sequences, expressions in the
 * engine's own syntax); a "-- review:" comment before a drop that looks
 * like half of a rename.  Nothing is appended when the schemas are
 * equal.  STRATA_ERR_NOMEM. */
int strata__autogen(const strata_schema *from, const strata_schema *to,
                    const strata_autogen_opts *o, strata_autogen *out);
void strata__autogen_free(strata_autogen *g);

/* e without what ties it to one engine where the engine reads it back
 * the same: backquotes around plain names (MySQL), a cast after a
 * literal (PostgreSQL's 'a'::text).  *out malloc'd (NULL for a NULL
 * e).  1 when the result is still the engine's own syntax, 0 when not,
 * -1 out of memory. */
int strata__autogen_expr(const char *e, char **out);

#endif
