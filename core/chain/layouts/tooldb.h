/* tooldb.h - what the Liquibase, Diesel, Drizzle, Prisma and popx readers
 * share: other tools' database names mapped to strata's dialects, a file
 * scoped to some dialects as sections, and files kept beside migrations. */
#ifndef STRATA_CORE_LAYOUTS_TOOLDB_H
#define STRATA_CORE_LAYOUTS_TOOLDB_H

#include <stddef.h>

#include "chain/layout.h"

/* The dialects strata ships, as bits (a set of them is a mask). */
enum {
    STRATA_TOOLDB_POSTGRES = 1,
    STRATA_TOOLDB_MYSQL = 2,
    STRATA_TOOLDB_SQLITE = 4,
    STRATA_TOOLDB_ALL = 7
};

/* One name a tool gives a database, and strata's dialect for it (0: a
 * database strata has no driver for; its files are left out). */
typedef struct strata_tooldb_name {
    const char *name;
    unsigned bit;
} strata_tooldb_name;

/* The entry of names (ended by a NULL name) matching name[0..len)
 * without regard to case; NULL when the tool has no such database. */
const strata_tooldb_name *strata__tooldb_find(const strata_tooldb_name *names,
                                              const char *name, size_t len);
/* Strata's dialect name of one bit. */
const char *strata__tooldb_dialect(unsigned bit);

/* Sections of kind over [off, off + len) of r's source src, one per
 * dialect in mask (STRATA_TOOLDB_ALL: one for every dialect, unscoped);
 * an empty mask adds none.  Each section's index is appended to idx
 * (may be NULL; room for three). */
int strata__tooldb_sections(strata_revision *r, size_t src,
                            strata_section_kind kind, unsigned mask,
                            size_t off, size_t len, const char *directive,
                            size_t *idx, size_t *nidx, strata_error *err);

/* Append r to out, its transaction "none" first when none is set; r is
 * freed on any failure. */
int strata__tooldb_push(strata_revision *r, int none, strata_revlist *out,
                        strata_error *err);

/* Read ctx->dir/rel (a file a tool keeps beside its migrations: a
 * journal, a lock file) into *f (free with strata__tooldb_file_free):
 * STRATA_ERR_NOTFOUND, with err untouched, when there is none. */
int strata__tooldb_side(const strata_layout_ctx *ctx, const char *rel,
                        strata_layout_file *f, strata_error *err);
void strata__tooldb_file_free(strata_layout_file *f);
/* 1 when ctx->dir/rel exists (a cheap test for detect()). */
int strata__tooldb_has(const strata_layout_ctx *ctx, const char *rel);

/* s[0..len) as a revision id: itself when it is one, else with bytes
 * outside [A-Za-z0-9_.-] as '_' ('/' as '.') and, past 64 bytes, cut
 * and ended by a hash of the whole.  malloc'd; NULL out of memory. */
char *strata__tooldb_id(const char *s, size_t len);

#endif
