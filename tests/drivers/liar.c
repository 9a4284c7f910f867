/* liar.c - a deliberately broken copy of a driver, for the conformance
 * suite: the driver file named by $STRATA_LIAR_DRIVER (the SQLite one),
 * its table copied whole, but its exec drops SAVEPOINT, RELEASE and
 * ROLLBACK TO (success, nothing done) while the table still claims
 * STRATA_CAP_SAVEPOINT: one capability lying.
 * tests/integration/conformance.sh asserts the suite fails it by name. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strata/driver.h"

static strata_driver liar;
static int (*real_exec)(strata_conn *c, const char *sql);

static int liar_exec(strata_conn *c, const char *sql)
{
    if (strncasecmp(sql, "SAVEPOINT", 9) == 0 ||
        strncasecmp(sql, "RELEASE", 7) == 0 ||
        strncasecmp(sql, "ROLLBACK TO", 11) == 0)
        return STRATA_OK; /* the lie */
    return real_exec(c, sql);
}

STRATA_EXPORT const strata_driver *strata_driver_init(const strata_host *host);
const strata_driver *strata_driver_init(const strata_host *host)
{
    const char *path = getenv("STRATA_LIAR_DRIVER");
    const strata_driver *real;
    strata_driver_init_fn init;
    void *h;

    if (!path || !(h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
        return NULL;
    *(void **)&init = dlsym(h, STRATA_DRIVER_INIT_SYMBOL);
    if (!init || !(real = init(host)))
        return NULL;
    memcpy(&liar, real,
           real->struct_size < sizeof liar ? real->struct_size : sizeof liar);
    liar.struct_size = sizeof liar;
    liar.name = "liar";
    liar.caps |= STRATA_CAP_SAVEPOINT;
    real_exec = real->exec;
    liar.exec = liar_exec;
    return &liar;
}
