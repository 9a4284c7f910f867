/* newminor.c - a driver for the loader tests built against a newer minor
 * (ABI 1.99) whose table has a field the core does not know: it loads. */
#include "stub.h"

/* The table of ABI 1.99: 1.0's fields plus one appended. */
typedef struct nm_driver {
    strata_driver base;
    int (*future_op)(strata_conn *c, const char *arg);
} nm_driver;

static const char *const nm_schemes[] = {"newminor", NULL};

static int nm_future_op(strata_conn *c, const char *arg)
{
    (void)c;
    (void)arg;
    return STRATA_OK;
}

/* server_version, table_exists and in_transaction are optional: left
 * NULL, they must read NULL in the core's copy. */
static const nm_driver nm_table = {
    .base = {
        .struct_size = sizeof(nm_driver),
        .abi_major = STRATA_ABI_MAJOR,
        .abi_minor = 99,
        .name = "newminor",
        .version = "1.99.0",
        .schemes = nm_schemes,
        .caps = STRATA_CAP_TRANSACTIONAL_DDL,
        .conn_size = sizeof(strata_conn) + 16,
        STUB_FUNCTIONS,
    },
    .future_op = nm_future_op,
};

STUB_ENTRY(&nm_table.base);
