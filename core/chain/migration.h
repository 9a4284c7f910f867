/* migration.h - one migration file: header keys, sections, and the
 * revision it defines (docs/design.md §2). */
#ifndef STRATA_CORE_MIGRATION_H
#define STRATA_CORE_MIGRATION_H

#include <stddef.h>

#include "util/error.h"

typedef enum strata_section_kind {
    STRATA_SECTION_UP = 0,
    STRATA_SECTION_DOWN = 1,
    STRATA_SECTION_VERIFY = 2
} strata_section_kind;

typedef struct strata_section {
    strata_section_kind kind;
    char **dialects;    /* owned; empty (ndialects == 0) = every dialect */
    size_t ndialects;
    unsigned line;      /* line of the "-- +up" directive */
    char *directive;    /* the directive line, trimmed (checksums); owned */
    size_t offset;      /* body: byte offset in the file text */
    size_t len;         /* body: length in bytes */
    unsigned body_line; /* line on which the body starts (in its own file) */
    /* Adopted layouts (docs/adopting.md).  A section's body may come from
     * another file of the revision (golang-migrate's .down.sql): offset
     * is always in the revision's text, which holds every file of the
     * revision one after the other (strata_source says where each starts),
     * and body_line counts lines of the section's own file. */
    size_t source;      /* index into the revision's sources; 0 when none */
    /* The tool's own statement boundaries (goose StatementBegin/End,
     * Drizzle breakpoints, Liquibase endDelimiter): when npieces > 0 the
     * body is these pieces instead of the dialect splitter's statements. */
    struct strata_piece *pieces; /* owned */
    size_t npieces;
} strata_section;

/* One piece of a section body, in the revision's text.  whole = 1: one
 * statement exactly as written (the driver is given it in one exec);
 * whole = 0: split by the dialect's splitter like a strata section. */
typedef struct strata_piece {
    size_t offset;
    size_t len;
    int whole;
} strata_piece;

/* One file of an adopted revision, inside the revision's text. */
typedef struct strata_source {
    char *path;    /* as shown to the user; owned */
    size_t offset; /* where the file's bytes start in the revision's text */
    size_t len;    /* the file's length in bytes */
} strata_source;

typedef struct strata_header_key {
    char *key;     /* owned */
    char *value;   /* owned, trimmed */
    unsigned line;
} strata_header_key;

typedef enum strata_txn_mode {
    STRATA_TXN_PER_MIGRATION = 0, /* default */
    STRATA_TXN_NONE = 1           /* every statement autocommits */
} strata_txn_mode;

typedef struct strata_revision {
    char *path;       /* as shown to the user; owned */
    char *text;       /* the whole file, NUL-terminated; owned */
    size_t len;
    char *id;         /* "revision:" value; owned */
    unsigned id_line;
    char **parents;   /* "revises:", empty for a root; owned */
    size_t nparents;
    unsigned parents_line; /* 0 when the key is absent */
    char **depends;   /* "depends:"; owned */
    size_t ndepends;
    unsigned depends_line;
    char *message;    /* may be NULL; owned */
    char *branch;     /* branch label, may be NULL; owned */
    unsigned branch_line;
    strata_txn_mode txn;
    int allow_locking; /* "allow_locking: true" (MySQL online DDL) */
    strata_header_key *keys; /* every header key in file order; owned */
    size_t nkeys;
    strata_section *sections; /* in file order; owned */
    size_t nsections;
    /* Adopted layouts (docs/adopting.md): the reader that made this
     * revision ("golang-migrate", "flyway", ...; NULL for strata's own
     * files), and the key under which that tool's history table records
     * the migration (its version, or what it stores instead). */
    char *layout;       /* owned, may be NULL */
    char *tool_version; /* owned, may be NULL */
    int repeatable;     /* re-applied whenever its checksum changes */
    /* The files an adopted revision was read from, in text order (up
     * file first); none for strata's own files, whose one file is path
     * and text.  Sections name theirs by index (strata_section.source). */
    strata_source *sources; /* owned */
    size_t nsources;
} strata_revision;

/* Parse text (len bytes, borrowed) read from path into a revision.
 * Errors name path:line and use STRATA_ERR_PARSE. */
int strata__migration_parse(strata_revision **out, const char *path,
                            const char *text, size_t len,
                            strata_error *err);
/* Parse text (malloc'd, len + 1 bytes, NUL-terminated), taking it over
 * whatever the outcome. */
int strata__migration_take(strata_revision **out, const char *path,
                           char *text, size_t len, strata_error *err);
/* Read path whole (at most max_size bytes) into *text (malloc'd,
 * NUL-terminated) and *len; errors name path. */
int strata__migration_read(const char *path, size_t max_size, char **text,
                           size_t *len, strata_error *err);
/* Refuse text that is not UTF-8 or holds a NUL byte, naming
 * path:line:column (STRATA_ERR_PARSE). */
int strata__text_check(const char *path, const char *text, size_t len,
                       strata_error *err);
/* Read path (at most max_size bytes) and parse it. */
int strata__migration_load(strata_revision **out, const char *path,
                           size_t max_size, strata_error *err);
void strata__migration_free(strata_revision *r);

/* 1 when section s applies to dialect (a generic section applies to all). */
int strata__section_applies(const strata_section *s, const char *dialect);
/* 1 when the revision has a section of kind for dialect (generic or
 * scoped), so an explicit empty "-- +down" counts. */
int strata__migration_has(const strata_revision *r, strata_section_kind kind,
                          const char *dialect);

/* The file holding byte offset off of r's text (for file:line in
 * messages): one of r's sources, or r->path. */
const char *strata__revision_path_at(const strata_revision *r, size_t off);
/* The file section s of r was read from. */
const char *strata__section_path(const strata_revision *r,
                                 const strata_section *s);

/* Valid revision ids: [A-Za-z0-9_.-]{1,64}. */
int strata__revision_id_valid(const char *id);

#endif
