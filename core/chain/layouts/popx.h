/* popx.h - the popx/fizz reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_POPX_H
#define STRATA_CORE_LAYOUTS_POPX_H

#include <stddef.h>

#include "chain/layout.h"

extern const strata_layout strata__layout_popx;

/* A name <version>_<name>[.<dialect>][.autocommit].<up|down>.sql, taken
 * apart. */
typedef struct strata_popx_name {
    size_t vlen;        /* the version: name[0 .. vlen) */
    size_t title, tlen; /* the migration's name */
    size_t dialect, dlen; /* its dialect part; dlen 0: every dialect */
    unsigned bit;       /* strata's dialect (tooldb.h): ALL when generic,
                         * 0 for a database strata has no driver for */
    int known;          /* the dialect part is one popx knows */
    int autocommit;
    int down;
} strata_popx_name;

/* 1 when name matches popx's pattern, filling n. */
int strata__popx_name(const char *name, strata_popx_name *n);

#endif
