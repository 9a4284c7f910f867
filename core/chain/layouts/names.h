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

#endif
