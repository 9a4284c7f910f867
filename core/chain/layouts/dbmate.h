/* dbmate.h - the dbmate reader (docs/adopting.md). */
#ifndef STRATA_CORE_LAYOUTS_DBMATE_H
#define STRATA_CORE_LAYOUTS_DBMATE_H

#include "chain/layout.h"

extern const strata_layout strata__layout_dbmate;

#endif
