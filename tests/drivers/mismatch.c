/* mismatch.c - a broken driver for the loader tests: the file is
 * strata_mismatch.so but the table says its name is "other". */
#include "stub.h"

static const char *const schemes[] = {"other", NULL};

static const strata_driver table = {
    .struct_size = sizeof(strata_driver),
    .abi_major = STRATA_ABI_MAJOR,
    .abi_minor = 0,
    .name = "other",
    .version = "0.0.1",
    .schemes = schemes,
    .conn_size = sizeof(strata_conn),
    STUB_FUNCTIONS,
};

STUB_ENTRY(&table);
