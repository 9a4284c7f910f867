/* apply.h - the planner's application stage as its callers (runner,
 * offline scripts, plan) include it: the catalog cache and the
 * preparation of operation groups against it. */
#ifndef STRATA_CORE_APPLY_H
#define STRATA_CORE_APPLY_H

#include "plan/catcache.h"
#include "plan/group.h"

#endif
