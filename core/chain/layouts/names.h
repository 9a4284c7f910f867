/* names.h - the "<version>_<title>.up.sql" / ".down.sql" pair that
 * golang-migrate, sqlx (reversible) and popx share: parsing a name, and
 * reading a folder of such pairs into a chain. */
#ifndef STRATA_CORE_LAYOUTS_NAMES_H
#define STRATA_CORE_LAYOUTS_NAMES_H

#include <stddef.h>

#include "chain/layout.h"

typedef struct strata_updown_name {
    size_t vlen;         /* the version: name[0 .. vlen), digits */
    size_t title, tlen;  /* the title: name[title .. title + tlen) */
    int down;            /* .down.sql rather than .up.sql */
    int simple;          /* <version>_<title>.sql: an up without a down
                          * (sqlx's simple migrations) */
} strata_updown_name;

/* 1 when name is <digits>_<title>.up.sql or .down.sql (title may be
 * empty and hold dots), filling n. */
int strata__updown_name(const char *name, strata_updown_name *n);

/* Read files (each with such a name) as the layout named layout: one
 * revision per version in numeric order, id = the version as written,
 * tool_version = the version as a number without leading zeros, the up
 * file's text as +up and the down file's as +down.  Two files of one
 * version and direction, or a down without its up, are refused. */
int strata__updown_read(const char *layout,
                        const strata_layout_file *const *files, size_t n,
                        strata_revlist *out, strata_error *err);

/* 1 when name is <digits>_<title>.sql and not .up.sql / .down.sql. */
int strata__simple_name(const char *name, strata_updown_name *n);

/* Called on each revision strata__updown_read_ex makes, before it is
 * added to the chain (sqlx: "-- no-transaction" on the first line). */
typedef int (*strata_updown_each)(strata_revision *r, strata_error *err);

/* strata__updown_read, also taking simple names when simple is set (a
 * version then has either a simple file or an up file), and calling
 * each (may be NULL) on every revision. */
int strata__updown_read_ex(const char *layout,
                           const strata_layout_file *const *files, size_t n,
                           int simple, strata_updown_each each,
                           strata_revlist *out, strata_error *err);

#endif
