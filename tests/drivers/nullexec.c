/* nullexec.c - a broken driver for the loader tests: complete but for a
 * NULL exec, a required function; the core must name it. */
#include "stub.h"

static const char *const schemes[] = {"nullexec", NULL};

/* Overriding an initialiser is the point here. */
#pragma GCC diagnostic ignored "-Woverride-init"
static const strata_driver table = {
    .struct_size = sizeof(strata_driver),
    .abi_major = STRATA_ABI_MAJOR,
    .abi_minor = 0,
    .name = "nullexec",
    .version = "0.0.1",
    .schemes = schemes,
    .conn_size = sizeof(strata_conn),
    STUB_FUNCTIONS,
    .exec = NULL,
};

STUB_ENTRY(&table);
