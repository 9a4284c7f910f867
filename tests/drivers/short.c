/* short.c - a broken driver for the loader tests: struct_size stops
 * before the function pointers of ABI 1.0, as a truncated table would. */
#include "stub.h"

static const char *const schemes[] = {"short", NULL};

static const strata_driver table = {
    .struct_size = offsetof(strata_driver, connect),
    .abi_major = STRATA_ABI_MAJOR,
    .abi_minor = 0,
    .name = "short",
    .version = "0.0.1",
    .schemes = schemes,
    .conn_size = sizeof(strata_conn),
    STUB_FUNCTIONS,
};

STUB_ENTRY(&table);
