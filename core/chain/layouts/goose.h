/* goose.h - the goose (SQL migrations) reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_GOOSE_H
#define STRATA_CORE_LAYOUTS_GOOSE_H

#include "chain/layout.h"

extern const strata_layout strata__layout_goose;

#endif
