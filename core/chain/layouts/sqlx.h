/* sqlx.h - the sqlx reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_SQLX_H
#define STRATA_CORE_LAYOUTS_SQLX_H

#include "chain/layout.h"

extern const strata_layout strata__layout_sqlx;

#endif
