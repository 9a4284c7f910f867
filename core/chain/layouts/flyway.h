/* flyway.h - the Flyway reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_FLYWAY_H
#define STRATA_CORE_LAYOUTS_FLYWAY_H

#include "chain/layout.h"

extern const strata_layout strata__layout_flyway;

#endif
