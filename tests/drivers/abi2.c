/* abi2.c - a broken driver for the loader tests: ABI 2.0, otherwise
 * complete; the core must refuse it naming both versions. */
#include "stub.h"

STUB_DRIVER("abi2", .abi_major = 2);
