/* fuzz_split.c - libFuzzer target: a driver's splitter through its
 * split entry, as the core calls it.  Linked once per driver with that
 * driver's objects (fuzz_split_<dialect>), whose strata_driver_init is
 * the one defined. */
#include "fuzz.h"

#include "db/host.h"
#include "split_check.h"

/* The driver's entry point, linked in (the loader finds it with
 * dlsym). */
const strata_driver *strata_driver_init(const strata_host *host);

static const strata_driver *drv;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    drv = strata_driver_init(strata__host());
    FZ_CHECK(drv && drv->split && drv->conn_size >= sizeof(strata_conn));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    strata_conn *c = calloc(1, drv->conn_size);
    strata_stmt_list l;
    int rc;

    FZ_CHECK(c != NULL);
    c->host = strata__host();
    /* Garbage first: split() must set every field. */
    memset(&l, 0xa5, sizeof l);
    rc = drv->split(c, (const char *)data, size, &l);
    fz_split_check(rc, (const char *)data, size, &l);
    FZ_CHECK(rc == STRATA_OK || c->errmsg[0] != '\0');
    strata__stmt_list_free(&l);
    drv->disconnect(c);
    free(c);
    return 0;
}
