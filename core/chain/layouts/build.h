/* build.h - what every layout reader uses to make revisions out of
 * another tool's files: sources, sections, pieces, the linear chain. */
#ifndef STRATA_CORE_LAYOUTS_BUILD_H
#define STRATA_CORE_LAYOUTS_BUILD_H

#include <stddef.h>

#include "chain/layout.h"

/* A new revision of layout (a reader's name) with id (checked: a
 * strata id, else an error naming f) read first from f (source 0).
 * tool_version and message may be NULL. */
int strata__adopt_rev(strata_revision **out, const char *layout,
                      const strata_layout_file *f, const char *id,
                      const char *tool_version, const char *message,
                      strata_error *err);
/* Append file f to r's text as another source; *src its index. */
int strata__adopt_file(strata_revision *r, const strata_layout_file *f,
                       size_t *src, strata_error *err);
/* A section of kind over bytes [off, off + len) of source src (offsets
 * in that file).  dialect NULL: every dialect.  directive: the tool's
 * text for it ("-- migrate:up", "1_a.down.sql"), shown after strata's
 * ("-- +down (1_a.down.sql)").  *idx (may be NULL)
 * its index, for strata__adopt_piece. */
int strata__adopt_section(strata_revision *r, size_t src,
                          strata_section_kind kind, const char *dialect,
                          size_t off, size_t len, const char *directive,
                          size_t *idx, strata_error *err);
/* A piece of section idx over [off, off + len) of that section's source
 * file: whole = 1 runs it as one statement as written, 0 splits it with
 * the dialect's splitter.  Pieces go in order; once a section has one,
 * only its pieces run. */
int strata__adopt_piece(strata_revision *r, size_t idx, size_t off,
                        size_t len, int whole, strata_error *err);
/* A header key as a strata file would carry it (checksummed): for
 * "transaction" "none" the revision runs outside a transaction; for
 * "repeatable" "true" it is repeatable. */
int strata__adopt_key(strata_revision *r, const char *key,
                      const char *value, strata_error *err);
/* Give revisions v[from..n) of l parents: each the one before it. */
int strata__adopt_link(strata_revlist *l, size_t from, strata_error *err);

/* Digits of a version number compared as numbers of any length
 * ("010" = "10" < "9999999999999999999999"); <0, 0, >0. */
int strata__adopt_vercmp(const char *a, size_t na, const char *b, size_t nb);

/* The 1-based line of byte off of f. */
unsigned strata__adopt_line(const strata_layout_file *f, size_t off);

#endif
