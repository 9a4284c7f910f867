/* golang_migrate.h - the golang-migrate reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_GOLANG_MIGRATE_H
#define STRATA_CORE_LAYOUTS_GOLANG_MIGRATE_H

#include "chain/layout.h"

extern const strata_layout strata__layout_golang_migrate;

#endif
