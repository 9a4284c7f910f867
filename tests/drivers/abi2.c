/* abi2.c - a broken driver for the loader tests: ABI 2.0, otherwise
 * complete; the core must refuse it naming both versions. */
#include "stub.h"

static const char *const schemes[] = {"abi2", NULL};

static const strata_driver table = {
    .struct_size = sizeof(strata_driver),
    .abi_major = 2,
    .abi_minor = 0,
    .name = "abi2",
    .version = "0.0.1",
    .schemes = schemes,
    .conn_size = sizeof(strata_conn),
    STUB_FUNCTIONS,
};

STUB_ENTRY(&table);
