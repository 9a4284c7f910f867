/* hidden.h - the drivers' shared helpers are compiled into each driver
 * and never leave its shared object. */
#ifndef STRATA_DRV_HIDDEN_H
#define STRATA_DRV_HIDDEN_H

#if defined(__GNUC__)
#define DRV_HIDDEN __attribute__((visibility("hidden")))
#else
#define DRV_HIDDEN
#endif

#endif
