/* good.c - a correct minimal driver for the loader tests: it loads, is
 * found by its name and by the alias "goodalias", and does nothing. */
#include "stub.h"

static const strata_host *good_host;

static const char *const good_schemes[] = {"good", "goodalias", NULL};

static int good_connect(strata_conn *c, const char *url,
                        const strata_kv *opts)
{
    (void)url;
    (void)opts;
    return good_host->error(c, STRATA_ERR_CONN, NULL,
                            "good: there is no database to connect to");
}

static int good_lock(strata_conn *c, const char *key, uint32_t wait_ms)
{
    (void)key;
    (void)wait_ms;
    return good_host->error(c, STRATA_ERR_BUSY, NULL,
                            "good: lock not obtained");
}

static int good_server_version(strata_conn *c, char **out)
{
    *out = NULL;
    return good_host->error(c, STRATA_ERR_NOTSUP, "0A000",
                            "good: no server version");
}

/* The real entry-point macro, unlike the broken cases' STUB_ENTRY: the
 * stubs, the three functions good has of its own, then who it is. */
STRATA_DRIVER_DEFINE(good_host,
    STUB_FUNCTIONS,
    .connect = good_connect,
    .lock = good_lock,
    .server_version = good_server_version,
    .name = "good",
    .version = "1.2.3",
    .schemes = good_schemes,
    .caps = STRATA_CAP_SAVEPOINT,
    .conn_size = sizeof(strata_conn));
