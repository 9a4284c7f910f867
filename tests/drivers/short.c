/* short.c - a broken driver for the loader tests: struct_size stops
 * before the function pointers of ABI 1.0, as a truncated table would. */
#include "stub.h"

STUB_DRIVER("short", .struct_size = offsetof(strata_driver, connect));
