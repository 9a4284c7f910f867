/* version.h - strata's own version, recorded in every history row. */
#ifndef STRATA_CORE_VERSION_H
#define STRATA_CORE_VERSION_H

#define STRATA_VERSION "0.1.0"

#endif
